//! The session agent against careless and hostile callers (issue 14), with the real
//! binary:
//!
//! - it keeps none of the caller's descriptors (`otp unlock 3>&1 | cat` ends when
//!   `otp unlock` does).

#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::{Read, Write};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::agent::{Agent, status};
use common::{PIN, Sandbox};

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

/// Kills the agent at once (so a failing test does not wait for a stuck agent to
/// take `otp lock`), then fails with `message`.
fn kill_and_fail(agent: &Agent, message: &str) -> ! {
    let _ = Command::new("kill")
        .args(["-9", &agent.pid.to_string()])
        .output();
    panic!("{message}");
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
