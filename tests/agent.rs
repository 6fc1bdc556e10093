//! The session agent end to end with the real binary: `otp unlock`, codes and lists
//! without the PIN, `otp lock`, the lifetime, refusals, stale sockets, concurrent
//! writers, a changed PIN and hostile requests.
//!
//! Every test has its own runtime directory (the sandbox's `XDG_RUNTIME_DIR`) and an
//! [`Agent`] guard that locks, and if need be kills, the agent even when the test
//! fails.

#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::agent::{
    Agent, agent_code, assert_needs_pin, early_in_a_step, no_pin, raw_request, status,
};
use common::{PIN, Sandbox, assert_failure, assert_success, stderr, stdout};
use otp::agent::protocol::PROTOCOL_VERSION;

const SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const HOTP_SECRET: &str = "JBSWY3DPEHPK3PXP";

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

fn set_mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// Checks that the agent gives the code the direct path gives for now (it serves
/// only times near now).
fn assert_agent_code_now(sandbox: &Sandbox, account: &str) {
    let at = early_in_a_step().to_string();
    assert_eq!(
        agent_code(sandbox, account, &["--at", &at]),
        sandbox.code(account, &["--no-agent", "--at", &at])
    );
}

#[test]
fn unlock_serves_codes_and_lists_without_the_pin_until_lock() {
    let sandbox = Sandbox::initialised();
    assert_success(&sandbox.add_secret("alice", SECRET, &["--issuer", "GitHub"]));
    assert_success(&sandbox.add_secret(
        "wide",
        SECRET,
        &["--algorithm", "SHA256", "--digits", "8", "--period", "60"],
    ));
    assert_success(&sandbox.add_secret("counter", HOTP_SECRET, &["--hotp", "--counter", "5"]));
    let agent = Agent::start(&sandbox, &[]);

    if common::have_tool("oathtool", &["--version"]) {
        // The agent serves times within a step of now only (tests/agent_hardening.rs).
        let near = early_in_a_step();
        for time in [near - 30, near, near + 30] {
            let at = time.to_string();
            assert_eq!(
                agent_code(&sandbox, "github", &["--at", &at]),
                common::oathtool_totp(SECRET, "SHA1", 6, 30, time)
            );
            assert_eq!(
                agent_code(&sandbox, "wide", &["--at", &at]),
                common::oathtool_totp(SECRET, "SHA256", 8, 60, time)
            );
        }
        let matched = (0..3).any(|_| {
            let before = now();
            let ours = agent_code(&sandbox, "github", &[]);
            before / 30 == now() / 30
                && ours == common::oathtool_totp(SECRET, "SHA1", 6, 30, before)
        });
        assert!(matched, "the current code differs from oathtool's");
        for counter in 5..8 {
            assert_eq!(
                agent_code(&sandbox, "counter", &[]),
                common::oathtool_hotp(HOTP_SECRET, 6, counter)
            );
        }
    } else {
        for _ in 5..8 {
            agent_code(&sandbox, "counter", &[]);
        }
    }
    // The same answers as without an agent: --next, --json, errors and exit codes.
    let now = early_in_a_step();
    assert_eq!(
        agent_code(&sandbox, "github", &["--at", &now.to_string(), "--next"]),
        sandbox.code("github", &["--no-agent", "--at", &(now + 30).to_string()])
    );
    // 20 seconds before the end of the current minute, or of the next one.
    let at = (now / 60 * 60 + 40).to_string();
    let json: serde_json::Value =
        serde_json::from_str(&agent_code(&sandbox, "wide", &["--at", &at, "--json"])).unwrap();
    assert_eq!(json["account"], "wide");
    assert_eq!(json["period"], 60);
    assert_eq!(json["remaining"], 20);
    assert_failure(
        &no_pin(&sandbox, &["code", "zzz"]),
        3,
        &["GitHub:alice", "counter"],
    );
    assert_failure(
        &no_pin(&sandbox, &["code", "counter", "--next"]),
        2,
        &["counter"],
    );

    let out = no_pin(&sandbox, &["list"]);
    assert_success(&out);
    let table = stdout(&out);
    for fragment in ["GitHub:alice", "wide", "SHA256", "60 s", "HOTP", "8"] {
        assert!(table.contains(fragment), "{fragment} missing:\n{table}");
    }
    assert!(!table.contains("GEZDGNBV") && !table.contains("JBSWY3DP"));
    let out = no_pin(&sandbox, &["list", "--json"]);
    assert_success(&out);
    assert!(!stdout(&out).contains("secret") && !stdout(&out).contains("GEZDGNBV"));
    let agent_json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(agent_json[2]["counter"], 8);

    // The counter the agent advanced is in the file: the direct path sees it.
    let out = sandbox.run(&["--no-agent", "list", "--json"], "");
    assert_success(&out);
    let direct_json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(direct_json, agent_json);
    assert_needs_pin(&no_pin(&sandbox, &["--no-agent", "code", "github"]));

    let out = no_pin(&sandbox, &["lock"]);
    assert_success(&out);
    assert!(stderr(&out).contains("Locked"), "{}", stderr(&out));
    agent.wait_until_gone(Duration::from_secs(3));
    assert_needs_pin(&no_pin(&sandbox, &["code", "github"]));
    assert_needs_pin(&no_pin(&sandbox, &["list"]));
    assert!(status(&sandbox).is_none());
    let out = no_pin(&sandbox, &["lock"]);
    assert_success(&out);
    assert!(stderr(&out).contains("No agent"), "{}", stderr(&out));
}

#[test]
fn unlock_with_a_wrong_pin_starts_nothing() {
    let sandbox = Sandbox::initialised();
    let out = sandbox.run_with_stdin(&["unlock"], "999999\n");
    assert_failure(&out, 4, &["wrong PIN", "4 attempts left"]);
    assert!(status(&sandbox).is_none());
    let out = sandbox.run_with_stdin(&["unlock"], "12\n");
    assert_failure(&out, 2, &["6 digits"]);
    let out = sandbox.run_with_stdin(&["unlock", "--for", "25h"], &format!("{PIN}\n"));
    assert_failure(&out, 2, &["24 hours"]);
    let missing = Sandbox::new();
    assert_failure(&missing.run(&["unlock"], ""), 6, &["otp init"]);
}

#[test]
fn the_agent_locks_itself_at_its_deadline_however_busy() {
    let sandbox = Sandbox::initialised();
    assert_success(&sandbox.add_secret("a", SECRET, &[]));
    let started = Instant::now();
    let agent = Agent::start(&sandbox, &["--for", "2s"]);
    let json = status(&sandbox).unwrap();
    assert!(json["remaining_secs"].as_u64().unwrap() <= 2);
    // Use does not extend an absolute deadline.
    while no_pin(&sandbox, &["code", "a"]).status.success() {
        assert!(
            started.elapsed() < Duration::from_secs(6),
            "the agent still answers after its lifetime"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(started.elapsed() >= Duration::from_millis(1500));
    agent.wait_until_gone(Duration::from_secs(3));
    assert_needs_pin(&no_pin(&sandbox, &["code", "a"]));
    assert!(!agent.socket.exists(), "the agent left its socket behind");
}

#[test]
fn an_unsafe_runtime_directory_or_socket_is_refused() {
    let sandbox = Sandbox::initialised();
    assert_success(&sandbox.add_secret("a", SECRET, &[]));
    let agent = Agent::start(&sandbox, &[]);
    let dir = agent.socket.parent().unwrap().to_path_buf();
    assert_eq!(
        std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777,
        0o700
    );
    assert_eq!(
        std::fs::metadata(&agent.socket)
            .unwrap()
            .permissions()
            .mode()
            & 0o777,
        0o600
    );

    set_mode(&dir, 0o755);
    let out = no_pin(&sandbox, &["code", "a"]);
    assert_needs_pin(&out);
    assert!(
        stderr(&out).contains("not using the agent") && stderr(&out).contains("mode 0755"),
        "{}",
        stderr(&out)
    );
    // With the PIN it still works, and says why the agent was not used.
    let out = sandbox.run(&["code", "a"], "");
    assert_success(&out);
    assert!(stderr(&out).contains("chmod 700"), "{}", stderr(&out));
    assert_failure(
        &sandbox.run(&["unlock"], ""),
        1,
        &["mode 0755", "chmod 700"],
    );
    set_mode(&dir, 0o700);
    agent_code(&sandbox, "a", &[]);

    set_mode(&agent.socket, 0o666);
    let out = no_pin(&sandbox, &["list"]);
    assert_needs_pin(&out);
    assert!(stderr(&out).contains("mode 0666"), "{}", stderr(&out));
    set_mode(&agent.socket, 0o600);
    agent_code(&sandbox, "a", &[]);

    // A directory that belongs to someone else (only root can arrange that here).
    if std::os::unix::fs::chown(&dir, Some(65534), None).is_ok() {
        let out = no_pin(&sandbox, &["code", "a"]);
        assert_needs_pin(&out);
        assert!(
            stderr(&out).contains("belongs to user id 65534"),
            "{}",
            stderr(&out)
        );
        std::os::unix::fs::chown(&dir, Some(0), None).unwrap();
        agent_code(&sandbox, "a", &[]);
    }
}

const RAW_SOCKET: &str = "OTP_TEST_RAW_SOCKET";
const RAW_REQUEST: &str = "OTP_TEST_RAW_REQUEST";

/// Not a check by itself: [`another_user_gets_nothing_from_the_agent`] runs this
/// test binary as another user with these variables set, to ask the agent from
/// there and print its answer.
#[test]
fn raw_client_of_another_user() {
    let (Some(socket), Ok(request)) = (std::env::var_os(RAW_SOCKET), std::env::var(RAW_REQUEST))
    else {
        return;
    };
    let answer = raw_request(Path::new(&socket), format!("{request}\n").as_bytes());
    println!("ANSWER:{}", answer.trim());
}

fn running_as_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| stdout(&out).trim() == "0")
}

#[test]
fn another_user_gets_nothing_from_the_agent() {
    if !running_as_root() {
        eprintln!("\n*** SKIPPED: checking another user needs root to switch users ***\n");
        return;
    }
    if !common::have_tool("setpriv", &["--version"]) {
        return;
    }
    let sandbox = Sandbox::initialised();
    assert_success(&sandbox.add_secret("a", SECRET, &[]));
    let agent = Agent::start(&sandbox, &[]);
    let vault = status(&sandbox).unwrap()["vault"]
        .as_str()
        .unwrap()
        .to_owned();
    // Open the way to the socket for everybody, as a careless chmod would.
    let mut path = agent.socket.parent().unwrap().to_path_buf();
    while path.starts_with(sandbox.dir.path()) {
        set_mode(&path, 0o711);
        path.pop();
    }
    set_mode(&agent.socket, 0o666);
    // This test binary, copied where user nobody can run it, is the other user's client.
    let exe_dir = tempfile::tempdir().unwrap();
    set_mode(exe_dir.path(), 0o755);
    let exe = exe_dir.path().join("client");
    std::fs::copy(std::env::current_exe().unwrap(), &exe).unwrap();
    set_mode(&exe, 0o755);
    for request in [
        r#"{"op":"ping"}"#.to_owned(),
        r#"{"op":"code","account":"a","now":59,"at":null,"next":false}"#.to_owned(),
        r#"{"op":"list"}"#.to_owned(),
    ] {
        let envelope =
            format!(r#"{{"version":{PROTOCOL_VERSION},"vault":{vault:?},"request":{request}}}"#);
        let out = Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&exe)
            .args(["--exact", "raw_client_of_another_user", "--nocapture"])
            .args(["--test-threads", "1"])
            .env(RAW_SOCKET, &agent.socket)
            .env(RAW_REQUEST, &envelope)
            .current_dir("/")
            .output()
            .unwrap();
        assert_success(&out);
        let answer = stdout(&out)
            .lines()
            .find_map(|line| {
                line.split_once("ANSWER:")
                    .map(|(_, answer)| answer.to_owned())
            })
            .unwrap_or_else(|| panic!("no answer: {}", stdout(&out)));
        let answer: serde_json::Value = serde_json::from_str(&answer).unwrap();
        assert_eq!(answer["reply"], "error", "{answer}");
        assert_eq!(answer["error"], "forbidden", "{answer}");
    }
    // The agent is unharmed and still serves its own user.
    set_mode(agent.socket.parent().unwrap(), 0o700);
    set_mode(&agent.socket, 0o600);
    agent_code(&sandbox, "a", &[]);
}

#[test]
fn a_stale_socket_is_ignored_and_replaced() {
    let sandbox = Sandbox::initialised();
    assert_success(&sandbox.add_secret("a", SECRET, &[]));
    let expected = sandbox.code("a", &["--at", "59"]);
    let crashed = Agent::start(&sandbox, &[]);
    Command::new("kill")
        .args(["-9", &crashed.pid.to_string()])
        .status()
        .unwrap();
    crashed.wait_until_gone(Duration::from_secs(3));
    assert!(crashed.socket.exists(), "a killed agent leaves its socket");

    // Silently back to the PIN.
    let out = no_pin(&sandbox, &["code", "a"]);
    assert_needs_pin(&out);
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
    let out = sandbox.run(&["code", "a", "--at", "59"], "");
    assert_success(&out);
    assert_eq!(stdout(&out).trim(), expected);
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    assert!(status(&sandbox).is_none());

    // A new unlock replaces the stale socket.
    let agent = Agent::start(&sandbox, &[]);
    assert_eq!(agent.socket, crashed.socket);
    assert_agent_code_now(&sandbox, "a");

    // And a new unlock replaces a running agent, which then exits.
    let second = Agent::start(&sandbox, &[]);
    assert_ne!(second.pid, agent.pid);
    agent.wait_until_gone(Duration::from_secs(3));
    assert_agent_code_now(&sandbox, "a");
    drop(second);

    // `otp lock` clears a stale socket too.
    let third = Agent::start(&sandbox, &[]);
    Command::new("kill")
        .args(["-9", &third.pid.to_string()])
        .status()
        .unwrap();
    third.wait_until_gone(Duration::from_secs(3));
    assert_success(&no_pin(&sandbox, &["lock"]));
    assert!(!third.socket.exists());
}

#[test]
fn direct_adds_while_the_agent_serves_hotp_lose_nothing_and_repeat_no_code() {
    let sandbox = Sandbox::initialised();
    assert_success(&sandbox.add_secret("h", HOTP_SECRET, &["--hotp"]));
    let _agent = Agent::start(&sandbox, &[]);
    const ADDERS: usize = 4;
    const CODES: u64 = 8;
    let adders: Vec<_> = (0..ADDERS)
        .map(|i| {
            let mut command = sandbox.otp();
            command.args(["--pin-stdin", "add", &format!("added{i}")]);
            std::thread::spawn(move || common::feed(command, &format!("{PIN}\n{SECRET}\n")))
        })
        .collect();
    let codes: Vec<String> = (0..CODES).map(|_| agent_code(&sandbox, "h", &[])).collect();
    for adder in adders {
        assert_success(&adder.join().unwrap());
    }
    // Every add is there, seen by the agent and by a direct reader.
    let out = no_pin(&sandbox, &["list", "--json"]);
    assert_success(&out);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let mut names: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    names.sort();
    let mut expected = vec!["h".to_owned()];
    expected.extend((0..ADDERS).map(|i| format!("added{i}")));
    expected.sort();
    assert_eq!(names, expected);
    assert_eq!(json[0]["counter"], CODES);
    let out = sandbox.run(&["--no-agent", "list", "--json"], "");
    let direct: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(direct, json);
    // No HOTP code was issued twice, and each is the one for its counter.
    let mut unique = codes.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), codes.len(), "{codes:?}");
    if common::have_tool("oathtool", &["--version"]) {
        for (counter, code) in codes.iter().enumerate() {
            assert_eq!(*code, common::oathtool_hotp(HOTP_SECRET, 6, counter as u64));
        }
    }
    // The direct path continues where the agent left off.
    let direct_next = sandbox.code("h", &["--no-agent"]);
    assert!(!codes.contains(&direct_next));
    assert_eq!(direct_next, hotp_code_at(CODES));
}

/// The HOTP code of [`HOTP_SECRET`] at `counter`, computed by a second vault (no
/// oathtool needed).
fn hotp_code_at(counter: u64) -> String {
    let other = Sandbox::initialised();
    let out = other.add_secret(
        "h",
        HOTP_SECRET,
        &["--hotp", "--counter", &counter.to_string()],
    );
    assert_success(&out);
    other.code("h", &["--no-agent"])
}

#[test]
fn a_changed_pin_ends_the_agent_and_clients_fall_back() {
    const NEW_PIN: &str = "135790";
    let sandbox = Sandbox::initialised();
    assert_success(&sandbox.add_secret("a", SECRET, &[]));
    let expected = sandbox.code("a", &["--at", "59"]);

    // Behind the agent's back: a copy gets a new PIN and is renamed over the vault.
    let agent = Agent::start(&sandbox, &[]);
    let copy = sandbox.dir.path().join("copy.age");
    std::fs::copy(&sandbox.vault, &copy).unwrap();
    let out = sandbox.run_with_stdin(
        &["--vault", copy.to_str().unwrap(), "passwd"],
        &format!("{PIN}\n{NEW_PIN}\n"),
    );
    assert_success(&out);
    std::fs::rename(&copy, &sandbox.vault).unwrap();
    let out = no_pin(&sandbox, &["code", "a"]);
    assert_needs_pin(&out);
    assert!(
        stderr(&out).contains("PIN was changed") && stderr(&out).contains("not using the agent"),
        "{}",
        stderr(&out)
    );
    agent.wait_until_gone(Duration::from_secs(3));
    assert!(status(&sandbox).is_none());
    let out = sandbox.run_with_stdin(&["code", "a", "--at", "59"], &format!("{NEW_PIN}\n"));
    assert_success(&out);
    assert_eq!(stdout(&out).trim(), expected);
    drop(agent);

    // `otp passwd` itself locks an agent that holds the old PIN.
    let agent = Agent::start_with_pin(&sandbox, NEW_PIN, &[]);
    let out = sandbox.run_with_stdin(&["passwd"], &format!("{NEW_PIN}\n{PIN}\n"));
    assert_success(&out);
    assert!(stderr(&out).contains("was locked"), "{}", stderr(&out));
    agent.wait_until_gone(Duration::from_secs(3));
    assert_needs_pin(&no_pin(&sandbox, &["code", "a"]));
}

#[test]
fn the_agent_ends_with_the_session() {
    let sandbox = Sandbox::initialised();
    assert_success(&sandbox.add_secret("a", SECRET, &[]));
    let agent = Agent::start(&sandbox, &[]);
    // At the last logout systemd-logind removes $XDG_RUNTIME_DIR.
    std::fs::remove_dir_all(&sandbox.runtime).unwrap();
    agent.wait_until_gone(Duration::from_secs(3));
    assert_needs_pin(&no_pin(&sandbox, &["code", "a"]));
}

#[test]
fn hostile_requests_get_errors_and_no_request_yields_a_seed() {
    let sandbox = Sandbox::initialised();
    assert_success(&sandbox.add_secret("a", SECRET, &[]));
    assert_success(&sandbox.add_secret("h", HOTP_SECRET, &["--hotp"]));
    let agent = Agent::start(&sandbox, &[]);
    let vault = status(&sandbox).unwrap()["vault"]
        .as_str()
        .unwrap()
        .to_owned();
    let envelope = |request: &str| {
        format!(r#"{{"version":{PROTOCOL_VERSION},"vault":{vault:?},"request":{request}}}"#)
            .into_bytes()
    };
    let mut huge = envelope(r#"{"op":"list"}"#);
    huge.splice(1..1, std::iter::repeat_n(b' ', 20_000));
    let hostile: Vec<(Vec<u8>, &str)> = vec![
        (b"garbage\n".to_vec(), "bad_request"),
        (b"\xff\xfe\x00\n".to_vec(), "bad_request"),
        (b"{}\n".to_vec(), "bad_request"),
        ([huge, b"\n".to_vec()].concat(), "bad_request"),
        (envelope(r#"{"op":"secret","account":"a"}"#), "bad_request"),
        (envelope(r#"{"op":"export"}"#), "bad_request"),
        (envelope(r#"{"op":"code","account":"a"}"#), "bad_request"),
        (
            format!(
                r#"{{"version":{},"vault":"x","request":{{"op":"ping"}}}}"#,
                PROTOCOL_VERSION + 1
            )
            .into_bytes(),
            "bad_request",
        ),
        (
            format!(
                r#"{{"version":{PROTOCOL_VERSION},"vault":"/elsewhere/vault.age","request":{{"op":"list"}}}}"#
            )
            .into_bytes(),
            "wrong_vault",
        ),
        (
            envelope(r#"{"op":"code","account":"zzz","now":59,"at":null,"next":false}"#),
            "match",
        ),
    ];
    for (request, expected) in hostile {
        let mut line = request.clone();
        if line.last() != Some(&b'\n') {
            line.push(b'\n');
        }
        let answer = raw_request(&agent.socket, &line);
        assert!(answer.contains(r#""reply":"error""#), "{answer}");
        assert!(answer.contains(expected), "{expected}: {answer}");
        assert!(!answer.contains("GEZDGNBV") && !answer.contains("JBSWY3DP"));
    }
    // A client that connects and says nothing holds the agent for at most a moment.
    let silent = UnixStream::connect(&agent.socket).unwrap();
    let start = Instant::now();
    agent_code(&sandbox, "a", &[]);
    assert!(start.elapsed() < Duration::from_secs(5));
    drop(silent);

    // Every request there is, answered without the seed (TOTP codes only near now).
    let now = early_in_a_step();
    for request in [
        r#"{"op":"ping"}"#.to_owned(),
        r#"{"op":"list"}"#.to_owned(),
        format!(r#"{{"op":"codes","now":{now}}}"#),
        format!(r#"{{"op":"code","account":"a","now":{now},"at":null,"next":false}}"#),
        r#"{"op":"code","account":"h","now":59,"at":null,"next":false}"#.to_owned(),
    ] {
        let mut line = envelope(&request);
        line.push(b'\n');
        let answer = raw_request(&agent.socket, &line);
        assert!(!answer.contains(r#""reply":"error""#), "{answer}");
        assert!(!answer.contains("GEZDGNBV") && !answer.contains("JBSWY3DP"));
        assert!(!answer.to_lowercase().contains("secret"), "{answer}");
    }
    let mut line = envelope(&format!(r#"{{"op":"codes","now":{now}}}"#));
    line.push(b'\n');
    let codes: serde_json::Value =
        serde_json::from_str(&raw_request(&agent.socket, &line)).unwrap();
    assert_eq!(codes["codes"].as_array().unwrap().len(), 1, "{codes}");
    assert_eq!(
        codes["codes"][0]["code"].as_str().unwrap(),
        sandbox.code("a", &["--no-agent", "--at", &now.to_string()])
    );
    // Still alive and well after all that.
    assert_eq!(status(&sandbox).unwrap()["pid"], agent.pid);
}

#[test]
fn the_agent_keeps_its_memory_private() {
    let sandbox = Sandbox::initialised();
    let agent = Agent::start(&sandbox, &[]);
    let json = status(&sandbox).unwrap();
    assert_eq!(json["undumpable"], true, "{json}");
    // Not dumpable: /proc/<pid>/ belongs to root and holds no core pattern for it.
    let proc_status = std::fs::read_to_string(format!("/proc/{}/status", agent.pid)).unwrap();
    if json["memory_locked"] == true {
        let locked_kib: u64 = proc_status
            .lines()
            .find(|l| l.starts_with("VmLck:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|n| n.parse().ok())
            .unwrap();
        assert!(locked_kib > 0, "{proc_status}");
    } else {
        eprintln!("note: the memory-lock limit is too low here for mlockall");
    }
    // Its command line holds no PIN, and its environment no PIN source.
    let cmdline = std::fs::read(format!("/proc/{}/cmdline", agent.pid)).unwrap();
    assert!(!String::from_utf8_lossy(&cmdline).contains(PIN));
    if let Ok(environ) = std::fs::read(format!("/proc/{}/environ", agent.pid)) {
        let environ = String::from_utf8_lossy(&environ);
        assert!(!environ.contains(PIN) && !environ.contains("OTP_PIN"));
    }
}

#[test]
fn the_library_client_gives_a_full_screen_view_what_it_needs() {
    use otp::agent::client::Client;
    use otp::agent::socket;

    let sandbox = Sandbox::initialised();
    assert_success(&sandbox.add_secret("a", SECRET, &["--issuer", "Example"]));
    assert_success(&sandbox.add_secret("h", HOTP_SECRET, &["--hotp"]));
    let canonical = socket::canonical_vault(&sandbox.vault).unwrap();
    let dir = sandbox.runtime.join("otp");
    assert!(Client::in_dir(&dir, &canonical).unwrap().is_none());
    let _agent = Agent::start(&sandbox, &[]);
    let client = Client::in_dir(&dir, &canonical).unwrap().unwrap();
    let accounts = client.list().unwrap();
    assert_eq!(
        accounts
            .iter()
            .map(|a| a.label.as_str())
            .collect::<Vec<_>>(),
        ["Example:a", "h"]
    );
    // The last second of the current step.
    let at = early_in_a_step() / 30 * 30 + 29;
    let codes = client.codes(at).unwrap();
    assert_eq!(codes.len(), 1, "HOTP codes are not handed out in bulk");
    assert_eq!(
        codes[0].code.as_str(),
        sandbox.code("a", &["--no-agent", "--at", &at.to_string()])
    );
    assert_eq!(codes[0].remaining, Some(1));
    let info = client.ping().unwrap();
    assert_eq!(info.vault, canonical.to_string_lossy());
    assert!(client.lock().unwrap());
    assert!(!client.lock().unwrap());
}

/// The agent serves Steam Guard codes like TOTP codes: one at a time (`otp code`,
/// `--next`, `--json`) and in the bulk answer the full-screen view draws, each the
/// 5 characters the independent Python reference computes, never the seed.
#[test]
fn the_agent_serves_steam_guard_codes() {
    use otp::agent::client::Client;
    use otp::agent::socket;

    let sandbox = Sandbox::initialised();
    assert_success(&sandbox.add_secret("gamer", &format!("steam://{SECRET}"), &[]));
    assert_success(&sandbox.add_secret("a", SECRET, &["--issuer", "Example"]));
    let _agent = Agent::start(&sandbox, &[]);
    let near = early_in_a_step();
    for time in [near - 30, near, near + 30] {
        let at = time.to_string();
        let served = agent_code(&sandbox, "gamer", &["--at", &at]);
        assert_eq!(served.len(), 5, "{served}");
        assert_eq!(
            served,
            sandbox.code("gamer", &["--no-agent", "--at", &at]),
            "at {time}"
        );
        if let Some(reference) = common::python_steam_code(SECRET, time) {
            assert_eq!(served, reference, "at {time}");
        }
    }
    assert_eq!(
        agent_code(&sandbox, "gamer", &["--at", &near.to_string(), "--next"]),
        sandbox.code("gamer", &["--no-agent", "--at", &(near + 30).to_string()])
    );
    let json: serde_json::Value = serde_json::from_str(&agent_code(
        &sandbox,
        "gamer",
        &["--at", &near.to_string(), "--json"],
    ))
    .unwrap();
    assert_eq!(json["type"], "steam");
    assert_eq!(json["period"], 30);
    assert_eq!(json["remaining"], 30 - near % 30);

    let canonical = socket::canonical_vault(&sandbox.vault).unwrap();
    let client = Client::in_dir(&sandbox.runtime.join("otp"), &canonical)
        .unwrap()
        .unwrap();
    let accounts = client.list().unwrap();
    let steam = accounts.iter().find(|a| a.label == "Steam:gamer").unwrap();
    assert_eq!(
        (steam.kind.as_str(), steam.digits, steam.period),
        ("steam", 5, Some(30))
    );
    // The last second of the current step: the full-screen view's bulk answer.
    let at = near / 30 * 30 + 29;
    let codes = client.codes(at).unwrap();
    let code = codes.iter().find(|c| c.account == "Steam:gamer").unwrap();
    assert_eq!(
        code.code.as_str(),
        sandbox.code("gamer", &["--no-agent", "--at", &at.to_string()])
    );
    assert_eq!((code.kind.as_str(), code.remaining), ("steam", Some(1)));
    assert_eq!(codes.len(), 2, "both time-based accounts are served");
    let everything = format!("{accounts:?} {codes:?}");
    assert!(!everything.contains("GEZDGNBV"), "{everything}");
}

#[test]
fn an_interrupted_unlock_leaves_nothing_unlocked() {
    let sandbox = Sandbox::new();
    // A work factor slow enough that the agent is still deriving the key when
    // `otp unlock` is killed.
    let out = sandbox.run_with_stdin(&["init", "--work-factor", "17"], &format!("{PIN}\n"));
    assert_success(&out);
    let mut unlock = sandbox.otp();
    unlock
        .args(["--pin-stdin", "unlock"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    let mut child = unlock.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{PIN}\n").as_bytes())
        .unwrap();
    std::thread::sleep(Duration::from_millis(100));
    child.kill().unwrap();
    child.wait().unwrap();
    // Whatever the agent had got to, it must not end up serving.
    std::thread::sleep(Duration::from_secs(2));
    if let Some(status) = status(&sandbox) {
        let _ = sandbox.otp().arg("lock").output();
        panic!("an agent serves after its unlock was killed: {status}");
    }
}

/// `otp code <Tab>` in bash completes the account labels, asked of the agent; with
/// no agent it offers none, and it never asks for a PIN (no prompt, no PIN source,
/// the vault untouched). The names reach the completion by `OTP_VAULT`, as they do
/// every command.
#[test]
fn tab_completes_account_labels_through_the_agent_and_never_asks_for_a_pin() {
    let sandbox = Sandbox::initialised();
    assert_success(&sandbox.add_secret("alice", SECRET, &["--issuer", "GitHub"]));
    assert_success(&sandbox.add_secret("bob", HOTP_SECRET, &["--issuer", "Example"]));
    let home = sandbox.dir.path().as_os_str();
    let env = [
        ("OTP_VAULT", sandbox.vault.as_os_str()),
        ("OTP_CONFIG", sandbox.config.as_os_str()),
        ("XDG_RUNTIME_DIR", sandbox.runtime.as_os_str()),
        ("HOME", home),
        ("OTP_LANG", std::ffi::OsStr::new("en")),
    ];
    let vault_before = std::fs::read(&sandbox.vault).unwrap();
    let offered = common::completion::bash_offers(&["otp", "code", ""], &env);
    assert!(
        !offered
            .iter()
            .any(|w| w.contains("alice") || w.contains("bob")),
        "without an agent: {offered:?}"
    );
    assert_eq!(std::fs::read(&sandbox.vault).unwrap(), vault_before);

    let _agent = Agent::start(&sandbox, &[]);
    let offered = common::completion::bash_offers(&["otp", "code", ""], &env);
    let mut labels: Vec<&str> = offered
        .iter()
        .map(String::as_str)
        .filter(|w| !w.starts_with('-'))
        .collect();
    labels.sort_unstable();
    assert_eq!(labels, ["Example:bob", "GitHub:alice"], "{offered:?}");
    assert!(offered.iter().any(|w| w == "--next"), "{offered:?}");
    assert_eq!(
        common::completion::bash_offers(&["otp", "show", "Git"], &env),
        ["GitHub:alice"]
    );
    assert_eq!(
        common::completion::bash_offers(&["otp", "--no-agent", "remove", "Ex"], &env),
        ["Example:bob"]
    );
}
