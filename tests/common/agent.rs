//! A session agent for a test: started with `otp unlock` in the sandbox's own
//! runtime directory, locked (and if need be killed) when the guard is dropped, and
//! small helpers to ask it with and without the PIN.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use super::{PIN, Sandbox, assert_failure, assert_success, stderr, stdout};

/// A running agent; dropping it locks the vault and kills the process if it is
/// still there.
pub struct Agent<'a> {
    pub sandbox: &'a Sandbox,
    pub pid: u32,
    pub socket: PathBuf,
}

impl<'a> Agent<'a> {
    /// The guard of the agent that runs for `sandbox` now (started some other way
    /// than [`Agent::start`]); panics when none runs.
    pub fn adopt(sandbox: &'a Sandbox) -> Self {
        let status = status(sandbox).expect("no agent runs");
        Agent {
            sandbox,
            pid: status["pid"].as_u64().unwrap() as u32,
            socket: PathBuf::from(status["socket"].as_str().unwrap()),
        }
    }

    /// `otp unlock EXTRA` with the PIN on stdin; asserts it worked.
    pub fn start(sandbox: &'a Sandbox, extra: &[&str]) -> Self {
        Self::start_with_pin(sandbox, PIN, extra)
    }

    /// `otp unlock EXTRA` with `pin` on stdin; asserts it worked. Unless told
    /// otherwise the agent lives two minutes, so even a leaked one goes away soon.
    pub fn start_with_pin(sandbox: &'a Sandbox, pin: &str, extra: &[&str]) -> Self {
        let mut args = vec!["unlock"];
        if !extra.contains(&"--for") {
            args.extend_from_slice(&["--for", "2m"]);
        }
        args.extend_from_slice(extra);
        let out = sandbox.run_with_stdin(&args, &format!("{pin}\n"));
        let Some(status) = status(sandbox) else {
            let _ = sandbox.otp().arg("lock").output();
            panic!("no agent runs after otp unlock: {}", stderr(&out));
        };
        let agent = Agent {
            sandbox,
            pid: status["pid"].as_u64().unwrap() as u32,
            socket: PathBuf::from(status["socket"].as_str().unwrap()),
        };
        assert_success(&out);
        assert!(stderr(&out).contains("Unlocked"), "{}", stderr(&out));
        agent
    }

    pub fn wait_until_gone(&self, within: Duration) {
        assert!(
            wait_for(within, || !alive(self.pid)),
            "agent {} still runs after {within:?}",
            self.pid
        );
    }
}

impl Drop for Agent<'_> {
    fn drop(&mut self) {
        let _ = self.sandbox.otp().arg("lock").output();
        if wait_for(Duration::from_secs(2), || !alive(self.pid)) {
            return;
        }
        let _ = Command::new("kill")
            .args(["-9", &self.pid.to_string()])
            .output();
    }
}

/// `otp status --json` when an agent runs, `None` when none does.
pub fn status(sandbox: &Sandbox) -> Option<serde_json::Value> {
    let out = sandbox.otp().args(["status", "--json"]).output().unwrap();
    let json: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap_or_else(|_| {
        panic!(
            "status --json printed no JSON: {} / {}",
            stdout(&out),
            stderr(&out)
        )
    });
    if json["running"] == true {
        assert_success(&out);
        Some(json)
    } else {
        assert_failure(&out, 1, &["no agent"]);
        None
    }
}

/// Whether a process runs (a zombie does not count).
pub fn alive(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => stat
            .rsplit(')')
            .next()
            .and_then(|rest| rest.split_whitespace().next())
            .is_some_and(|state| state != "Z" && state != "X"),
        Err(_) => false,
    }
}

pub fn wait_for(within: Duration, mut condition: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    loop {
        if condition() {
            return true;
        }
        if start.elapsed() > within {
            return false;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// `otp ARGS` without any PIN source (only an agent can answer).
pub fn no_pin(sandbox: &Sandbox, args: &[&str]) -> Output {
    sandbox.otp().args(args).output().unwrap()
}

/// A code through the agent, asserting success without a PIN.
pub fn agent_code(sandbox: &Sandbox, account: &str, extra: &[&str]) -> String {
    let mut args = vec!["code", account];
    args.extend_from_slice(extra);
    let out = no_pin(sandbox, &args);
    assert_success(&out);
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    stdout(&out).trim().to_owned()
}

pub fn assert_needs_pin(out: &Output) {
    assert_failure(out, 2, &["no PIN given", "--pin-stdin"]);
}

/// One raw request line to the agent's socket; the raw answer line.
pub fn raw_request(socket: &Path, line: &[u8]) -> String {
    let mut stream = UnixStream::connect(socket).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream.write_all(line).unwrap();
    let mut answer = String::new();
    BufReader::new(&stream).read_line(&mut answer).unwrap();
    answer
}

/// Now, at least 10 seconds before the end of a 30-second step, so a request made
/// within those seconds sees the same step on the agent's clock.
pub fn early_in_a_step() -> u64 {
    loop {
        let now = super::unix_now();
        if now % 30 < 20 {
            return now;
        }
        std::thread::sleep(Duration::from_millis(500));
    }
}
