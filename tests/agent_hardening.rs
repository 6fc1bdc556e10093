//! The session agent against careless and hostile callers (issue 14, items 2 and 6),
//! with the real binary:
//!
//! - it hands out only the codes of the current time step and the steps next to it
//!   (`--at` a year ahead needs the PIN, even for a client that writes to the socket
//!   itself);
//! - it keeps none of the caller's descriptors (`otp unlock 3>&1 | cat` ends when
//!   `otp unlock` does);
//! - a slow or idle client neither delays other clients nor holds the agent past its
//!   deadline, and hundreds of them do not exhaust it.
//!
//! Every bound here is generous: on a loaded machine the agent answers in
//! milliseconds, and the old agent missed each bound by far more than a factor of two.

#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::{ErrorKind, Read, Write};
use std::os::unix::net::UnixStream;
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::agent::{
    Agent, agent_code, assert_needs_pin, early_in_a_step, no_pin, raw_request, status,
};
use common::{PIN, Sandbox, assert_success, stderr, stdout, unix_now};
use otp::agent::protocol::PROTOCOL_VERSION;

const SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const HOTP_SECRET: &str = "JBSWY3DPEHPK3PXP";
const YEAR: u64 = 365 * 24 * 60 * 60;

/// How long a command that the agent should answer at once may take on a loaded
/// machine before the test calls it stuck.
const ANSWER_BOUND: Duration = Duration::from_secs(20);

/// `sh -c SCRIPT otp` with the sandbox's environment (`$0` is the otp binary) and
/// the PIN on standard input; its stdout and stderr are pipes.
fn sh_with_otp(sandbox: &Sandbox, script: &str) -> Child {
    let otp = sandbox.otp();
    let mut sh = Command::new("sh");
    sh.arg("-c").arg(script).arg(otp.get_program());
    for (key, value) in otp.get_envs() {
        match value {
            Some(value) => sh.env(key, value),
            None => sh.env_remove(key),
        };
    }
    sh.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = sh.spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(format!("{PIN}\n").as_bytes()).unwrap();
    drop(stdin);
    child
}

/// Runs `command` (no PIN source) and waits at most [`ANSWER_BOUND`] for it; `None`
/// when it was still running then (it is killed).
fn bounded(mut command: Command) -> Option<(Output, Duration)> {
    let start = Instant::now();
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    while start.elapsed() < ANSWER_BOUND {
        if child.try_wait().unwrap().is_some() {
            let elapsed = start.elapsed();
            return Some((child.wait_with_output().unwrap(), elapsed));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

/// Kills the agent at once (so a failing test does not wait for a stuck agent to
/// take `otp lock`), then fails with `message`.
fn kill_and_fail(agent: &Agent, message: &str) -> ! {
    let _ = Command::new("kill")
        .args(["-9", &agent.pid.to_string()])
        .output();
    panic!("{message}");
}

/// Whether the agent has closed `stream`, waiting at most until `until`.
fn closed_by_agent(mut stream: &UnixStream, until: Instant) -> bool {
    let mut byte = [0u8; 1];
    loop {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return false;
        }
        stream.set_read_timeout(Some(left)).unwrap();
        match stream.read(&mut byte) {
            Ok(0) => return true,
            // An answer (an error about the half request) is fine; then the close.
            Ok(_) => continue,
            Err(e) if e.kind() == ErrorKind::ConnectionReset => return true,
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return false;
            }
            Err(e) => panic!("reading an idle connection: {e}"),
        }
    }
}

// ---- item 2: only codes near now ----

#[test]
fn far_codes_need_the_pin_even_with_an_agent() {
    let sandbox = Sandbox::initialised();
    assert_success(&sandbox.add_secret("alice", SECRET, &["--issuer", "GitHub"]));
    assert_success(&sandbox.add_secret("h", HOTP_SECRET, &["--hotp"]));
    let agent = Agent::start(&sandbox, &[]);

    // A year ahead, a year back, three steps ahead: not from the agent.
    let now = unix_now();
    for at in [now + YEAR, now - YEAR, now + 90] {
        let at = at.to_string();
        let out = no_pin(&sandbox, &["code", "github", "--at", &at]);
        assert_needs_pin(&out);
        assert!(stdout(&out).is_empty(), "{}", stdout(&out));
        // With the PIN: the right code.
        let out = sandbox.run(&["code", "github", "--at", &at], "");
        assert_success(&out);
        let expected = sandbox.code("github", &["--no-agent", "--at", &at]);
        assert_eq!(stdout(&out).trim(), expected);
        if common::have_tool("oathtool", &["--version"]) {
            let time = at.parse().unwrap();
            assert_eq!(expected, common::oathtool_totp(SECRET, "SHA1", 6, 30, time));
        }
    }
    // --next of a time two steps ahead is three steps ahead.
    let at = (now + 60).to_string();
    assert_needs_pin(&no_pin(
        &sandbox,
        &["code", "github", "--at", &at, "--next"],
    ));

    // Within one step of now: from the agent, no PIN, the same codes.
    let now = early_in_a_step();
    for (at, extra) in [
        (now, &[][..]),
        (now - 30, &[][..]),
        (now + 30, &[][..]),
        (now, &["--next"][..]),
    ] {
        let at = at.to_string();
        let mut args = vec!["--at", at.as_str()];
        args.extend_from_slice(extra);
        let from_agent = agent_code(&sandbox, "github", &args);
        let mut direct = vec!["--no-agent"];
        direct.extend_from_slice(&args);
        assert_eq!(from_agent, sandbox.code("github", &direct), "{args:?}");
    }
    agent_code(&sandbox, "github", &[]);
    agent_code(&sandbox, "github", &["--next"]);
    // HOTP through the agent as before: each call the next counter.
    let first = agent_code(&sandbox, "h", &[]);
    let second = agent_code(&sandbox, "h", &[]);
    assert_ne!(first, second);
    if common::have_tool("oathtool", &["--version"]) {
        assert_eq!(first, common::oathtool_hotp(HOTP_SECRET, 6, 0));
        assert_eq!(second, common::oathtool_hotp(HOTP_SECRET, 6, 1));
    }

    // A client that writes to the socket itself gets nothing far from the agent's
    // own clock, whatever clock it claims.
    let vault = status(&sandbox).unwrap()["vault"]
        .as_str()
        .unwrap()
        .to_owned();
    let ask = |request: String| {
        let line =
            format!(r#"{{"version":{PROTOCOL_VERSION},"vault":{vault:?},"request":{request}}}"#);
        let answer = raw_request(&agent.socket, format!("{line}\n").as_bytes());
        serde_json::from_str::<serde_json::Value>(&answer).unwrap()
    };
    let far = now + YEAR;
    for request in [
        format!(r#"{{"op":"code","account":"github","now":{far},"at":null,"next":false}}"#),
        format!(r#"{{"op":"code","account":"github","now":{now},"at":{far},"next":false}}"#),
        format!(r#"{{"op":"code","account":"github","now":{far},"at":{far},"next":true}}"#),
        format!(r#"{{"op":"code","account":"github","now":{now},"at":59,"next":false}}"#),
        format!(r#"{{"op":"codes","now":{far}}}"#),
        r#"{"op":"codes","now":59}"#.to_owned(),
    ] {
        let answer = ask(request.clone());
        assert_eq!(answer["reply"], "error", "{request}: {answer}");
        assert_eq!(answer["error"], "needs_pin", "{request}: {answer}");
    }
    let answer = ask(format!(
        r#"{{"op":"code","account":"github","now":{now},"at":null,"next":true}}"#
    ));
    assert_eq!(answer["reply"], "code", "{answer}");
    let answer = ask(format!(r#"{{"op":"codes","now":{now}}}"#));
    assert_eq!(answer["reply"], "codes", "{answer}");
    // A HOTP code does not depend on the time asked.
    let answer = ask(format!(
        r#"{{"op":"code","account":"h","now":{far},"at":null,"next":false}}"#
    ));
    assert_eq!(answer["reply"], "code", "{answer}");
    assert_eq!(answer["counter"], 2, "{answer}");

    // And the agent still serves.
    agent_code(&sandbox, "github", &[]);
}

// ---- item 6: descriptors, deadline, concurrency ----

#[test]
fn unlock_leaves_no_inherited_descriptor_open_in_the_agent() {
    let sandbox = Sandbox::initialised();
    // `otp unlock 3>&1 | cat`: descriptor 3 is the pipe too.
    let mut unlock = sh_with_otp(&sandbox, r#"exec "$0" --pin-stdin unlock --for 2m 3>&1"#);
    let mut pipe = unlock.stdout.take().unwrap();
    let (eof, eof_seen) = mpsc::channel();
    std::thread::spawn(move || {
        let mut everything = Vec::new();
        let _ = pipe.read_to_end(&mut everything);
        let _ = eof.send(everything);
    });
    let mut errors = String::new();
    unlock
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut errors)
        .unwrap();
    let exit = unlock.wait().unwrap();
    let agent = Agent::adopt(&sandbox);
    assert!(exit.success(), "otp unlock failed: {errors}");
    // The agent runs for two minutes; the pipe must end with `otp unlock`.
    if eof_seen.recv_timeout(Duration::from_secs(10)).is_err() {
        kill_and_fail(
            &agent,
            "the pipe stays open after otp unlock returned: the agent holds descriptor 3",
        );
    }
    assert_eq!(status(&sandbox).unwrap()["pid"], agent.pid);
}

#[test]
fn a_slow_client_neither_delays_others_nor_outlives_its_deadline() {
    let sandbox = Sandbox::initialised();
    assert_success(&sandbox.add_secret("a", SECRET, &[]));
    let agent = Agent::start(&sandbox, &[]);

    // A client that sends one byte every 200 ms and never a whole line: a timeout
    // per read never fires for it.
    let slow = UnixStream::connect(&agent.socket).unwrap();
    slow.set_write_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let connected = Instant::now();
    let mut trickle = slow.try_clone().unwrap();
    let trickler = std::thread::spawn(move || {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(30) {
            if trickle.write_all(b" ").is_err() {
                return Some(start.elapsed());
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        None
    });
    std::thread::sleep(Duration::from_millis(300));

    // Another client is answered meanwhile, without the PIN.
    let mut code = sandbox.otp();
    code.args(["code", "a"]);
    let Some((out, took)) = bounded(code) else {
        kill_and_fail(
            &agent,
            "otp code got no answer while a slow client was connected",
        );
    };
    assert_success(&out);
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    eprintln!("otp code beside a slow client: {took:?}");

    // The slow client is cut off at its deadline, not kept for as long as it trickles.
    let cut = closed_by_agent(&slow, connected + ANSWER_BOUND);
    let trickled = trickler.join().unwrap();
    if !cut {
        kill_and_fail(
            &agent,
            "the agent kept a client that never finished its request",
        );
    }
    eprintln!(
        "slow client cut off after {:?} (writes failed after {trickled:?})",
        connected.elapsed()
    );
}

#[test]
fn hundreds_of_idle_clients_neither_delay_nor_exhaust_the_agent() {
    let sandbox = Sandbox::initialised();
    assert_success(&sandbox.add_secret("a", SECRET, &[]));
    // Few descriptors, so 500 idle clients are more than it can hold at once.
    let mut unlock = sh_with_otp(
        &sandbox,
        r#"ulimit -n 128 && exec "$0" --pin-stdin unlock --for 2m"#,
    );
    let mut errors = String::new();
    unlock
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut errors)
        .unwrap();
    assert!(unlock.wait().unwrap().success(), "{errors}");
    let agent = Agent::adopt(&sandbox);

    // One idle client, then 500.
    let one = UnixStream::connect(&agent.socket).unwrap();
    let mut code = sandbox.otp();
    code.args(["code", "a"]);
    let Some((out, took)) = bounded(code) else {
        kill_and_fail(&agent, "otp code got no answer beside one idle client");
    };
    assert_success(&out);
    eprintln!("otp code beside 1 idle client: {took:?}");

    let socket = agent.socket.clone();
    let (connected, idle) = mpsc::channel();
    let start = Instant::now();
    std::thread::spawn(move || {
        for _ in 0..500 {
            // A connection the agent has already closed is fine: it was idle.
            match UnixStream::connect(&socket) {
                Ok(stream) => {
                    if connected.send(stream).is_err() {
                        return;
                    }
                }
                Err(e) => panic!("connecting idle client: {e}"),
            }
        }
    });
    let mut clients = vec![one];
    while clients.len() < 501 {
        match idle.recv_timeout(ANSWER_BOUND.saturating_sub(start.elapsed())) {
            Ok(stream) => clients.push(stream),
            Err(_) => kill_and_fail(
                &agent,
                &format!(
                    "only {} idle clients could connect in {ANSWER_BOUND:?}",
                    clients.len()
                ),
            ),
        }
    }
    eprintln!("500 idle clients connected in {:?}", start.elapsed());
    let mut code = sandbox.otp();
    code.args(["code", "a"]);
    let Some((out, took)) = bounded(code) else {
        kill_and_fail(&agent, "otp code got no answer beside 500 idle clients");
    };
    assert_success(&out);
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    eprintln!("otp code beside 500 idle clients: {took:?}");

    // Every idle client is closed by its deadline (or sooner, when the agent needed
    // the room), and the agent is still there.
    let until = Instant::now() + ANSWER_BOUND;
    let open = clients
        .iter()
        .filter(|stream| !closed_by_agent(stream, until))
        .count();
    if open > 0 {
        kill_and_fail(&agent, &format!("{open} idle clients are still open"));
    }
    eprintln!(
        "all idle clients closed {:?} after the first",
        start.elapsed()
    );
    assert_eq!(status(&sandbox).unwrap()["pid"], agent.pid);
    agent_code(&sandbox, "a", &[]);
}
