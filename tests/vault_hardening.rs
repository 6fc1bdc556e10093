//! Issue 14 (hardening), the vault, end to end with the real binary: a vault reached
//! through a symbolic link is one vault for the agent and the command line;
//! temporary files a killed save left behind are removed by the next save.

#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use common::{PIN, Sandbox, assert_success, stdout};

const SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
/// `JBSWY3DPEHPK3PXP` as bytes.
const HOTP_SECRET: &str = "JBSWY3DPEHPK3PXP";
const HOTP_SEED: &[u8] = b"Hello!\xde\xad\xbe\xef";
/// The HOTP code of [`HOTP_SECRET`] at `counter`: oathtool's when it is installed,
/// else the crate's code engine.
fn hotp(counter: u64) -> String {
    let ours = common::totp_at(HOTP_SEED, 1, counter);
    if common::have_tool("oathtool", &["--version"]) {
        assert_eq!(ours, common::oathtool_hotp(HOTP_SECRET, 6, counter));
    }
    ours
}

/// `<path><suffix>`.
fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// `otp --pin-stdin --no-agent ARGS` with `pin` on standard input.
fn with_pin(sandbox: &Sandbox, pin: &str, args: &[&str]) -> Output {
    let mut all = vec!["--no-agent"];
    all.extend_from_slice(args);
    sandbox.run_with_stdin(&all, &format!("{pin}\n"))
}

/// The HOTP counter of the first account, read from the file with the PIN.
fn first_counter(sandbox: &Sandbox) -> u64 {
    let out = with_pin(sandbox, PIN, &["list", "--json"]);
    assert_success(&out);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    json[0]["counter"].as_u64().unwrap()
}

/// An agent started by `otp unlock`; dropping it locks the vault.
struct Agent<'a> {
    sandbox: &'a Sandbox,
}

impl<'a> Agent<'a> {
    fn start(sandbox: &'a Sandbox) -> Self {
        let agent = Self { sandbox };
        let out = sandbox.run_with_stdin(&["unlock", "--for", "2m"], &format!("{PIN}\n"));
        assert_success(&out);
        let status = sandbox.otp().args(["status", "--json"]).output().unwrap();
        assert_success(&status);
        agent
    }
}

impl Drop for Agent<'_> {
    fn drop(&mut self) {
        let _ = self.sandbox.otp().arg("lock").output();
    }
}

fn is_symlink(path: &Path) -> bool {
    std::fs::symlink_metadata(path)
        .unwrap()
        .file_type()
        .is_symlink()
}

// ---------------------------------------------------------------------------------------
// 1. A vault reached through a symbolic link
// ---------------------------------------------------------------------------------------

#[test]
fn a_symlinked_vault_is_one_vault_for_the_agent_and_the_command_line() {
    let mut sandbox = Sandbox::initialised();
    assert_success(&sandbox.add_secret("h", HOTP_SECRET, &["--hotp"]));
    // The real file stays in data/; the user names it through a relative link.
    let real = sandbox.vault.clone();
    let link_dir = sandbox.dir.path().join("home");
    std::fs::create_dir(&link_dir).unwrap();
    let link = link_dir.join("vault.age");
    std::os::unix::fs::symlink("../data/vault.age", &link).unwrap();
    sandbox.vault = link.clone();

    let agent = Agent::start(&sandbox);
    const EACH: usize = 4;
    let workers: Vec<_> = (0..2 * EACH)
        .map(|i| {
            let mut command = sandbox.otp();
            command.arg("--pin-stdin");
            if i % 2 == 1 {
                command.arg("--no-agent");
            }
            command.args(["code", "h"]);
            std::thread::spawn(move || common::feed(command, &format!("{PIN}\n")))
        })
        .collect();
    let mut codes: Vec<String> = workers
        .into_iter()
        .map(|worker| {
            let out = worker.join().unwrap();
            assert_success(&out);
            stdout(&out).trim().to_owned()
        })
        .collect();
    codes.sort();
    let mut expected: Vec<String> = (0..2 * EACH as u64).map(hotp).collect();
    expected.sort();
    assert_eq!(codes, expected, "each counter 0..8 issued exactly once");

    assert!(is_symlink(&link), "the link was replaced by a file");
    // Side files sit next to the real file, none next to the link.
    for suffix in [".bak", ".lock", ".attempts"] {
        assert!(
            !sidecar(&link, suffix).exists(),
            "{suffix} next to the link"
        );
    }
    assert!(sidecar(&real, ".lock").exists());
    // The real file holds the next counter, read through the link and directly.
    assert_eq!(first_counter(&sandbox), 2 * EACH as u64);
    drop(agent);
    sandbox.vault = real;
    assert_eq!(first_counter(&sandbox), 2 * EACH as u64);
}

#[test]
fn init_through_a_dangling_relative_link_creates_the_target_and_keeps_the_link() {
    let mut sandbox = Sandbox::new();
    let link_dir = sandbox.dir.path().join("home");
    std::fs::create_dir(&link_dir).unwrap();
    let link = link_dir.join("vault.age");
    // The target's directory does not exist yet either.
    std::os::unix::fs::symlink("../sync/otp/vault.age", &link).unwrap();
    sandbox.vault = link.clone();
    sandbox.init_ok();
    let real = sandbox
        .dir
        .path()
        .join("sync")
        .join("otp")
        .join("vault.age");
    assert!(is_symlink(&link));
    assert!(std::fs::symlink_metadata(&real).unwrap().is_file());

    assert_success(&sandbox.add_secret("a", SECRET, &[]));
    assert!(is_symlink(&link));
    assert!(sidecar(&real, ".bak").exists());
    assert!(!sidecar(&link, ".bak").exists());
    assert!(!sidecar(&link, ".lock").exists());
    let out = with_pin(&sandbox, PIN, &["list", "--json"]);
    assert_success(&out);
    assert!(stdout(&out).contains("\"a\""), "{}", stdout(&out));
}

// ---------------------------------------------------------------------------------------
// 5. Temporary files left by a killed save
// ---------------------------------------------------------------------------------------

#[test]
fn the_next_save_removes_temporary_files_a_killed_save_left() {
    let sandbox = Sandbox::initialised();
    assert_success(&sandbox.add_secret("a", SECRET, &[]));
    let dir = sandbox.vault.parent().unwrap();
    let ours = [
        ".vault.age.Ab12Cd.tmp",
        ".vault.age.bak.x9Y8z7.tmp",
        ".vault.age.attempts.QwErTy.tmp",
    ];
    let not_ours = [
        ".vault.age.my-notes.tmp",
        "vault.age.Ab12Cd.tmp",
        ".vault.age.Ab12Cd.tmp.keep",
        ".other.age.Ab12Cd.tmp",
        ".vault.age.Ab12C.tmp",
    ];
    let old = std::fs::read(&sandbox.vault).unwrap();
    for name in ours.iter().chain(&not_ours) {
        std::fs::write(dir.join(name), &old).unwrap();
    }
    // A directory of our naming is not ours to remove.
    std::fs::create_dir(dir.join(".vault.age.Dir123.tmp")).unwrap();

    // Reading saves nothing and removes nothing.
    assert_success(&with_pin(&sandbox, PIN, &["list"]));
    for name in &ours {
        assert!(dir.join(name).exists(), "{name} removed by a read");
    }

    assert_success(&sandbox.add_secret("b", SECRET, &[]));
    for name in &ours {
        assert!(!dir.join(name).exists(), "{name} survived the save");
    }
    for name in &not_ours {
        assert!(
            dir.join(name).exists(),
            "{name} is not ours but was removed"
        );
    }
    assert!(dir.join(".vault.age.Dir123.tmp").is_dir());
}

#[test]
fn saves_killed_at_random_moments_leave_no_temporary_file_after_the_next_save() {
    let sandbox = Sandbox::initialised();
    let dir = sandbox.vault.parent().unwrap().to_path_buf();
    let mut added = 0;
    for round in 0..30u64 {
        let mut command = sandbox.otp();
        command.args(["--pin-stdin", "--no-agent", "add", &format!("k{round}")]);
        command
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        let mut child = command.spawn().unwrap();
        {
            use std::io::Write;
            let mut pipe = child.stdin.take().unwrap();
            let _ = pipe.write_all(format!("{PIN}\n{SECRET}\n").as_bytes());
        }
        // Spread the kills over the whole run, start-up to rename.
        std::thread::sleep(Duration::from_micros((round * 1_777) % 40_000));
        let _ = child.kill();
        let status = child.wait().unwrap();
        if status.success() {
            added += 1;
        }
        // The vault always opens with the PIN.
        let out = with_pin(&sandbox, PIN, &["list", "--json"]);
        assert_success(&out);
    }
    // The next save leaves no temporary file at all.
    let out = sandbox.run(&["--no-agent", "add", "last"], &format!("{SECRET}\n"));
    assert_success(&out);
    let leftovers: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    let out = with_pin(&sandbox, PIN, &["list", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(json.as_array().unwrap().len() > added, "{json}");
}
