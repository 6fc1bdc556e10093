//! The session agent and push approvals, end to end: a real `otpd serve` on
//! 127.0.0.1, an account enrolled with a device key by the real `otp add
//! --customer`, the agent started by `otp unlock`. The agent keeps the
//! connection to otpd, lists the login request it saw (context and numbers,
//! never a key) and approves it with the key it holds: no PIN. It answers for
//! no request it holds no key for. The full-screen interface served by the
//! agent shows the dialog and approves through it, and so do `otp approve` and
//! `otp deny`: no PIN.

#![cfg(all(unix, feature = "server"))]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::ffi::OsStr;
use std::io::Write;
use std::process::Stdio;
use std::time::{Duration, Instant};

use otp::agent::AgentError;
use otp::agent::client::Client;
use otp::agent::protocol::{Failure, PushFailure, PushInfo};
use otp::agent::socket;
use otp::api::push::{Decision, PushState};

use common::agent::{Agent, assert_needs_pin, no_pin};
use common::push::{enrolled, every_number_but, login, numbers_on, state};
use common::{Sandbox, assert_failure, assert_success, feed, stderr};

const WAIT: Duration = Duration::from_secs(30);

fn client(sandbox: &Sandbox) -> Client {
    let canonical = socket::canonical_vault(&sandbox.vault).unwrap();
    Client::in_dir(&sandbox.runtime.join("otp"), &canonical)
        .unwrap()
        .unwrap()
}

/// The agent's requests, once it lists one with this id.
fn listed(client: &Client, id: &str) -> Vec<PushInfo> {
    let started = Instant::now();
    loop {
        let pushes = client.pushes().unwrap();
        if pushes.iter().any(|p| p.request_id == id) {
            return pushes;
        }
        assert!(started.elapsed() < WAIT, "the agent never listed {id}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn the_agent_lists_a_login_request_and_approves_it_without_the_pin() {
    let (_home, server, sandbox, key) = enrolled();
    let _agent = Agent::start(&sandbox, &[]);
    let client = client(&sandbox);
    assert!(client.pushes().unwrap().is_empty());
    let push = login(&server, &key);
    let pushes = listed(&client, &push.request_id);
    let request = &pushes[0];
    assert_eq!(request.account, "Example Org:jklee");
    assert_eq!(request.context.service.as_deref(), Some("KISTI 포털"));
    assert_eq!(request.context.client_ip.as_deref(), Some("203.0.113.7"));
    assert!(request.numbers.contains(&push.number), "{request:?}");
    assert!((1..=60).contains(&request.expires_in), "{request:?}");
    // Nothing the agent lists is a key.
    let json = serde_json::to_string(&pushes).unwrap();
    assert!(
        !json.to_lowercase().contains("seed") && !json.contains("key"),
        "{json}"
    );

    let answered = client
        .answer_push(&push.request_id, Decision::Approve, Some(&push.number))
        .unwrap();
    assert_eq!(answered, PushState::Approved);
    assert_eq!(
        state(&server, &key, &push.request_id).state,
        PushState::Approved
    );
    // Answered: no longer listed, and a second answer is refused.
    assert!(client.pushes().unwrap().is_empty());
    let again = client
        .answer_push(&push.request_id, Decision::Approve, Some(&push.number))
        .unwrap_err();
    assert!(
        matches!(
            again,
            AgentError::Refused(Failure::Push(PushFailure::UnknownRequest))
        ),
        "{again:?}"
    );
}

#[test]
fn the_agent_answers_for_no_account_it_holds_no_key_for() {
    let (home, server, sandbox, key) = enrolled();
    // A colleague enrolled on another device: the vault holds no key for her.
    home.admin(&["user", "add", "--customer", "1106", "hong"]);
    let code = home.issue("hong", &[]);
    server.enroll("hong", &code);
    let _agent = Agent::start(&sandbox, &[]);
    let client = client(&sandbox);
    let body = serde_json::json!({"user_id": "hong", "context": {"service": "mail"}});
    let (status, created) = server.request(
        "POST",
        "/v1/push",
        &[("authorization", &format!("Bearer {key}"))],
        Some(&body.to_string()),
    );
    assert_eq!(status, 200, "{created}");
    let created: otp::api::push::PushCreated = serde_json::from_str(&created).unwrap();
    // jklee's own request shows up; hong's never does.
    let mine = login(&server, &key);
    let pushes = listed(&client, &mine.request_id);
    assert!(pushes.iter().all(|p| p.request_id != created.request_id));
    let refused = client
        .answer_push(
            &created.request_id,
            Decision::Approve,
            Some(&created.number),
        )
        .unwrap_err();
    assert!(
        matches!(
            refused,
            AgentError::Refused(Failure::Push(PushFailure::UnknownRequest))
        ),
        "{refused:?}"
    );
    let (_, body) = server.request(
        "GET",
        &format!("/v1/push/{}", created.request_id),
        &[("authorization", &format!("Bearer {key}"))],
        None,
    );
    assert!(body.contains("\"pending\""), "{body}");
    // A denial through the agent is recorded as "not me".
    let denied = client
        .answer_push(&mine.request_id, Decision::Deny, None)
        .unwrap();
    assert_eq!(denied, PushState::Denied);
}

#[test]
fn the_full_screen_interface_served_by_the_agent_approves_through_it() {
    let (_home, server, sandbox, key) = enrolled();
    let _agent = Agent::start(&sandbox, &[]);
    let runtime = sandbox.runtime.clone();
    let mut tui = sandbox.tui(
        &[],
        &[("XDG_RUNTIME_DIR", runtime.as_os_str() as &OsStr)],
        80,
        24,
    );
    tui.wait_for("1/10 accounts", WAIT);
    let push = login(&server, &key);
    tui.wait_for("┌ 1 ─", WAIT);
    // The boxes' row may be drawn a moment after their tops.
    let started = Instant::now();
    let (screen, numbers) = loop {
        let screen = tui.screen();
        let numbers = numbers_on(&screen);
        if numbers.len() == 3 {
            break (screen, numbers);
        }
        assert!(started.elapsed() < WAIT, "no three numbers on\n{screen}");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(screen.contains("203.0.113.7"), "{screen}");
    let position = numbers
        .iter()
        .position(|n| *n == push.number)
        .unwrap_or_else(|| panic!("{} not among {numbers:?} on\n{screen}", push.number));
    tui.send(&(position + 1).to_string());
    tui.wait_for("Login approved for Example Org:jklee", WAIT);
    assert_eq!(
        state(&server, &key, &push.request_id).state,
        PushState::Approved
    );
}

#[test]
fn otp_approve_and_deny_answer_through_the_agent_without_the_pin() {
    let (_home, server, sandbox, key) = enrolled();
    // Without an agent, the keys are in the vault: the PIN is needed.
    assert_needs_pin(&no_pin(&sandbox, &["approve"]));
    let agent = Agent::start(&sandbox, &[]);
    let approve = |args: &[&str], typed: &str| {
        let mut command = sandbox.otp();
        command.arg("approve").args(args);
        feed(command, typed)
    };

    // Nothing waiting: said as without the agent.
    assert_failure(&approve(&[], ""), 8, &["no login request is waiting"]);

    // The request comes while `otp approve --wait` asks the agent: only the
    // number is typed, no PIN.
    let mut command = sandbox.otp();
    command
        .args(["approve", "--wait", "20"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().unwrap();
    std::thread::sleep(Duration::from_millis(700));
    let push = login(&server, &key);
    let mut pipe = child.stdin.take().unwrap();
    writeln!(pipe, "{}", push.number).unwrap();
    drop(pipe);
    let out = child.wait_with_output().unwrap();
    assert_success(&out);
    let said = stderr(&out);
    assert!(said.contains("KISTI 포털"), "{said}");
    assert!(said.contains("Approved"), "{said}");
    assert!(!said.contains("PIN"), "{said}");
    assert_eq!(
        state(&server, &key, &push.request_id).state,
        PushState::Approved
    );

    // A wrong (but shown) number: otpd denies, and the exit code says so.
    let push = login(&server, &key);
    let client = client(&sandbox);
    listed(&client, &push.request_id);
    let out = approve(&["Example Org:jklee"], &every_number_but(&push.number));
    assert_failure(&out, 7, &["SE7004"]);
    assert_eq!(
        state(&server, &key, &push.request_id).state,
        PushState::Denied
    );

    // `otp deny` denies what the agent holds, without asking anything.
    let push = login(&server, &key);
    listed(&client, &push.request_id);
    let out = no_pin(&sandbox, &["deny"]);
    assert_success(&out);
    assert!(stderr(&out).contains("Denied"), "{}", stderr(&out));
    assert_eq!(
        state(&server, &key, &push.request_id).state,
        PushState::Denied
    );

    // --no-agent still takes the PIN path, agent or not.
    assert_needs_pin(&no_pin(&sandbox, &["--no-agent", "deny"]));
    drop(agent);
}

/// Where a session bus exists and `notify-send` is on `PATH`, the agent notifies
/// the desktop of a login request: with its context, never with the numbers
/// (choosing one must need the login page). A stand-in `notify-send` records
/// what it was given (the real one needs a desktop's notification server).
#[test]
fn the_agent_notifies_the_desktop_with_the_context_but_not_the_numbers() {
    use std::os::unix::fs::PermissionsExt;

    let (_home, server, sandbox, key) = enrolled();
    let bin = sandbox.dir.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let log = sandbox.dir.path().join("notified.log");
    let program = bin.join("notify-send");
    std::fs::write(
        &program,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" >> '{}'\nprintf -- '--end--\\n' >> '{}'\n",
            log.display(),
            log.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&program, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = std::env::join_paths(
        std::iter::once(bin.clone())
            .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())),
    )
    .unwrap();
    let mut unlock = sandbox.otp();
    unlock
        .arg("--pin-stdin")
        .args(["unlock", "--for", "2m"])
        .env("PATH", &path)
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/0/bus");
    assert_success(&feed(unlock, &format!("{}\n", common::PIN)));
    struct Lock<'a>(&'a Sandbox);
    impl Drop for Lock<'_> {
        fn drop(&mut self) {
            let _ = self.0.otp().arg("lock").output();
        }
    }
    let _lock = Lock(&sandbox);

    let push = login(&server, &key);
    let client = client(&sandbox);
    let listed = listed(&client, &push.request_id);
    let started = Instant::now();
    let said = loop {
        let said = std::fs::read_to_string(&log).unwrap_or_default();
        if said.contains("--end--") {
            break said;
        }
        assert!(started.elapsed() < WAIT, "notify-send was never run");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(said.contains("KISTI 포털"), "{said}");
    assert!(said.contains("Example Org:jklee"), "{said}");
    let words: Vec<&str> = said
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| !w.is_empty())
        .collect();
    for number in &listed[0].numbers {
        assert!(!words.contains(&number.as_str()), "{number} in {said}");
    }
}

/// A `PushWait` asked before the login request comes answers as soon as the agent
/// has it (well within 2 s), not at the end of its wait.
#[test]
fn a_push_wait_answers_as_soon_as_a_login_request_comes() {
    let (_home, server, sandbox, key) = enrolled();
    let _agent = Agent::start(&sandbox, &[]);
    let client = client(&sandbox);
    assert!(client.pushes().unwrap().is_empty());
    let waiter = {
        let client = client.clone();
        std::thread::spawn(move || {
            let pushes = client.push_wait(&[], Duration::from_secs(20)).unwrap();
            (pushes, Instant::now())
        })
    };
    std::thread::sleep(Duration::from_millis(500));
    let push = login(&server, &key);
    let posted = Instant::now();
    let (pushes, answered) = waiter.join().unwrap();
    assert!(
        pushes.iter().any(|p| p.request_id == push.request_id),
        "{pushes:?}"
    );
    let late = answered.saturating_duration_since(posted);
    assert!(
        late < Duration::from_secs(2),
        "answered {late:?} after the POST"
    );
}

/// A `PushWait` whose list the client already has answers only at the end of its
/// wait, with the same list; one whose list differs answers at once; and beyond
/// the agent's bound of waiting threads, one answers at once too.
#[test]
fn a_push_wait_without_news_answers_at_the_end_of_its_wait() {
    use otp::agent::server::MAX_PUSH_WAITERS;

    let (_home, server, sandbox, key) = enrolled();
    let _agent = Agent::start(&sandbox, &[]);
    let client = client(&sandbox);
    let short = Duration::from_millis(1500);

    let started = Instant::now();
    assert!(client.push_wait(&[], short).unwrap().is_empty());
    let took = started.elapsed();
    assert!(
        took >= Duration::from_millis(1400),
        "answered after {took:?}"
    );
    assert!(took < Duration::from_secs(5), "answered after {took:?}");

    let push = login(&server, &key);
    let pushes = listed(&client, &push.request_id);
    let known: Vec<String> = pushes.iter().map(|p| p.request_id.clone()).collect();
    // Differs from what the client has: at once.
    let started = Instant::now();
    let now = client.push_wait(&[], Duration::from_secs(20)).unwrap();
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(now.len(), known.len(), "{now:?}");
    // The same: at the end of the wait, unchanged.
    let started = Instant::now();
    let same = client.push_wait(&known, short).unwrap();
    assert!(started.elapsed() >= Duration::from_millis(1400));
    assert_eq!(
        same.iter()
            .map(|p| p.request_id.clone())
            .collect::<Vec<_>>(),
        known
    );

    // The bound: with every waiting place taken, one more answers at once.
    let waiters: Vec<_> = (0..MAX_PUSH_WAITERS)
        .map(|_| {
            let client = client.clone();
            let known = known.clone();
            std::thread::spawn(move || client.push_wait(&known, Duration::from_secs(6)).unwrap())
        })
        .collect();
    std::thread::sleep(Duration::from_millis(1000));
    let started = Instant::now();
    client.push_wait(&known, Duration::from_secs(20)).unwrap();
    let took = started.elapsed();
    assert!(took < Duration::from_secs(2), "answered after {took:?}");
    for waiter in waiters {
        waiter.join().unwrap();
    }
}
