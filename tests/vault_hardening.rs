//! Issue 14 (hardening), the vault, end to end with the real binary: a vault reached
//! through a symbolic link is one vault for the agent and the command line; a wrong
//! PIN that cannot be counted is not tried; a damaged header is told from a wrong
//! PIN; temporary files a killed save left behind are removed by the next save; a
//! vault that cannot be read exits 6.
//!
//! Tests that need a file even root cannot read or write run the copied binary as
//! user `nobody` through `setpriv` (they skip, loudly, when not root).

#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use common::{PIN, Sandbox, assert_failure, assert_success, stderr, stdout};

const SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
/// `JBSWY3DPEHPK3PXP` as bytes.
const HOTP_SECRET: &str = "JBSWY3DPEHPK3PXP";
const HOTP_SEED: &[u8] = b"Hello!\xde\xad\xbe\xef";
const WRONG_PIN: &str = "975310";

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

/// The wrong PINs counted for the vault at `vault` (0 when there is no record).
fn failures(vault: &Path) -> u32 {
    let Ok(text) = std::fs::read_to_string(sidecar(vault, ".attempts")) else {
        return 0;
    };
    text.lines()
        .find_map(|line| line.strip_prefix("failures = "))
        .map(|n| n.trim().parse().unwrap())
        .unwrap_or(0)
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

fn set_mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn running_as_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| stdout(&out).trim() == "0")
}

/// Runs the `otp` binary as user `nobody`, with the sandbox's environment; `None`
/// (after saying so) when that is not possible here.
struct Nobody {
    exe_dir: tempfile::TempDir,
}

impl Nobody {
    fn new(sandbox: &Sandbox) -> Option<Self> {
        if !running_as_root() {
            eprintln!("\n*** SKIPPED: acting as another user needs root ***\n");
            return None;
        }
        if !common::have_tool("setpriv", &["--version"]) {
            return None;
        }
        let exe_dir = tempfile::tempdir().unwrap();
        set_mode(exe_dir.path(), 0o755);
        let exe = exe_dir.path().join("otp");
        std::fs::copy(env!("CARGO_BIN_EXE_otp"), &exe).unwrap();
        set_mode(&exe, 0o755);
        // Nobody may walk to the vault's directory (and no further than the test says).
        set_mode(sandbox.dir.path(), 0o755);
        Some(Self { exe_dir })
    }

    /// `otp --pin-stdin --no-agent ARGS` as nobody with `pin` on standard input.
    /// Retried while the copied binary is "busy": a process another test thread
    /// forked while the copy was open for writing holds it until that process execs.
    fn run(&self, sandbox: &Sandbox, pin: &str, args: &[&str]) -> Output {
        for _ in 0..100 {
            let out = self.run_once(sandbox, pin, args);
            if out.status.code() == Some(126) && stderr(&out).contains("Text file busy") {
                std::thread::sleep(Duration::from_millis(100));
                continue;
            }
            return out;
        }
        panic!("the copied otp binary stayed busy for 10 s");
    }

    fn run_once(&self, sandbox: &Sandbox, pin: &str, args: &[&str]) -> Output {
        let mut full = vec!["--pin-stdin", "--no-agent"];
        full.extend_from_slice(args);
        self.run_with(sandbox, &format!("{pin}\n"), &full, &[])
    }

    /// `otp ARGS` as nobody, once, with `input` on standard input and `env` on top
    /// of the sandbox's environment.
    fn run_with(
        &self,
        sandbox: &Sandbox,
        input: &str,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Output {
        let template = sandbox.otp();
        let mut command = Command::new("setpriv");
        command
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(self.exe_dir.path().join("otp"))
            .args(args)
            .current_dir("/");
        for (key, value) in template.get_envs() {
            match value {
                Some(value) => command.env(key, value),
                None => command.env_remove(key),
            };
        }
        for (key, value) in env {
            command.env(key, value);
        }
        common::feed(command, input)
    }
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
    // Room for every add that completes (the default is 10 accounts).
    std::fs::write(&sandbox.config, "max_accounts = 64\n").unwrap();
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

// ---------------------------------------------------------------------------------------
// 3. A wrong PIN that cannot be counted is not tried
// ---------------------------------------------------------------------------------------

#[test]
fn no_pin_is_tried_when_the_attempt_cannot_be_counted() {
    let sandbox = Sandbox::initialised();
    let attempts = sidecar(&sandbox.vault, ".attempts");
    // Something in the way of the count: a directory, which root cannot write over.
    std::fs::create_dir(&attempts).unwrap();
    for _ in 0..7 {
        let out = with_pin(&sandbox, WRONG_PIN, &["list"]);
        assert_failure(&out, 1, &[&attempts.display().to_string(), "not tried"]);
    }
    // The right PIN is refused as well: no PIN is tried while none can be counted.
    let out = with_pin(&sandbox, PIN, &["list"]);
    assert_failure(&out, 1, &[&attempts.display().to_string(), "not tried"]);
    assert!(stdout(&out).is_empty());

    std::fs::remove_dir(&attempts).unwrap();
    assert_success(&with_pin(&sandbox, PIN, &["list"]));
}

#[test]
fn no_pin_is_tried_when_the_vault_directory_is_read_only() {
    let sandbox = Sandbox::initialised();
    let Some(nobody) = Nobody::new(&sandbox) else {
        return;
    };
    let dir = sandbox.vault.parent().unwrap();
    // Nobody may read the vault and take its lock, but not write in its directory.
    set_mode(dir, 0o755);
    set_mode(&sandbox.vault, 0o644);
    let lock = sidecar(&sandbox.vault, ".lock");
    std::fs::write(&lock, b"").unwrap();
    set_mode(&lock, 0o666);
    for _ in 0..7 {
        let out = nobody.run(&sandbox, WRONG_PIN, &["list"]);
        assert_failure(&out, 1, &["attempts", "not tried"]);
    }
    let out = nobody.run(&sandbox, PIN, &["list"]);
    assert_failure(&out, 1, &["attempts", "not tried"]);
    // Root, who can write the count, was never locked out by nobody's guesses.
    assert_eq!(failures(&sandbox.vault), 0);
}

// ---------------------------------------------------------------------------------------
// 4. A damaged header is not a wrong PIN
// ---------------------------------------------------------------------------------------

/// Changes one character of the scrypt stanza's salt (`-> scrypt <salt> <log_n>`):
/// the header still parses, but no PIN derives its key any more.
fn flip_salt_byte(vault: &Path) {
    let mut bytes = std::fs::read(vault).unwrap();
    let stanza = b"\n-> scrypt ";
    let at = bytes
        .windows(stanza.len())
        .position(|w| w == stanza)
        .unwrap()
        + stanza.len();
    bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
    std::fs::write(vault, bytes).unwrap();
}

#[test]
fn a_damaged_header_is_told_from_a_wrong_pin_by_the_backup() {
    let sandbox = Sandbox::initialised();
    assert_success(&sandbox.add_secret("a", SECRET, &[]));
    let backup = sandbox.backup();
    assert!(backup.exists());
    flip_salt_byte(&sandbox.vault);
    let damaged = std::fs::read(&sandbox.vault).unwrap();

    // The right PIN: damage, naming the backup and how to restore it; not counted.
    let out = with_pin(&sandbox, PIN, &["list"]);
    assert_failure(
        &out,
        6,
        &[
            "damaged",
            &backup.display().to_string(),
            &format!("cp {} {}", backup.display(), sandbox.vault.display()),
        ],
    );
    assert!(
        !stderr(&out).starts_with("otp: wrong PIN"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("attempts left"), "{}", stderr(&out));
    assert_eq!(failures(&sandbox.vault), 0);
    // In Korean too.
    let out = with_pin(&sandbox, PIN, &["--lang", "ko", "list"]);
    assert_failure(&out, 6, &[&backup.display().to_string()]);
    assert_ne!(stderr(&out), "");

    // A wrong PIN on the same damaged vault is still a wrong PIN, and counts.
    let out = with_pin(&sandbox, WRONG_PIN, &["list"]);
    assert_failure(&out, 4, &["wrong PIN", "4 attempts left"]);
    assert_eq!(failures(&sandbox.vault), 1);
    // Nothing was written over the damaged file.
    assert_eq!(std::fs::read(&sandbox.vault).unwrap(), damaged);

    // Restoring as told works.
    std::fs::copy(&backup, &sandbox.vault).unwrap();
    assert_success(&with_pin(&sandbox, PIN, &["list"]));
    assert_eq!(failures(&sandbox.vault), 0);
}

#[test]
fn after_passwd_the_old_pin_on_a_damaged_vault_is_a_wrong_pin() {
    const NEW_PIN: &str = "135790";
    let sandbox = Sandbox::initialised();
    assert_success(&sandbox.add_secret("a", SECRET, &[]));
    let out = sandbox.run_with_stdin(&["passwd"], &format!("{PIN}\n{NEW_PIN}\n"));
    assert_success(&out);
    // The backup is under the new PIN too: the old one opens nothing kept.
    let backup = sandbox.backup();
    let on_backup = ["--vault", backup.to_str().unwrap(), "list"];
    assert_failure(&with_pin(&sandbox, PIN, &on_backup), 4, &["wrong PIN"]);
    assert_success(&with_pin(&sandbox, NEW_PIN, &on_backup));
    // A change under the new PIN: now the backup differs from the vault.
    let out = sandbox.run_with_stdin(&["add", "b"], &format!("{NEW_PIN}\n{SECRET}\n"));
    assert_success(&out);
    flip_salt_byte(&sandbox.vault);

    let out = with_pin(&sandbox, PIN, &["list"]);
    assert_failure(&out, 4, &["wrong PIN"]);
    assert!(!stderr(&out).contains("damaged"), "{}", stderr(&out));
    assert_eq!(failures(&sandbox.vault), 1);
    assert_failure(&with_pin(&sandbox, NEW_PIN, &["list"]), 6, &["damaged"]);
    assert_eq!(failures(&sandbox.vault), 1);
}

// ---------------------------------------------------------------------------------------
// 7. A vault that cannot be read exits 6
// ---------------------------------------------------------------------------------------

#[test]
fn a_directory_in_place_of_the_vault_exits_6() {
    let sandbox = Sandbox::initialised();
    std::fs::remove_file(&sandbox.vault).unwrap();
    std::fs::create_dir(&sandbox.vault).unwrap();
    let out = with_pin(&sandbox, PIN, &["list"]);
    assert_failure(
        &out,
        6,
        &[&sandbox.vault.display().to_string(), "is a directory"],
    );
    let out = with_pin(&sandbox, PIN, &["--lang", "ko", "list"]);
    assert_failure(&out, 6, &[&sandbox.vault.display().to_string()]);
    assert_eq!(failures(&sandbox.vault), 0);
}

#[test]
fn an_unreadable_vault_exits_6() {
    let sandbox = Sandbox::initialised();
    let Some(nobody) = Nobody::new(&sandbox) else {
        return;
    };
    let dir = sandbox.vault.parent().unwrap();
    set_mode(dir, 0o777);
    set_mode(&sandbox.vault, 0o600);
    let lock = sidecar(&sandbox.vault, ".lock");
    std::fs::write(&lock, b"").unwrap();
    set_mode(&lock, 0o666);
    let out = nobody.run(&sandbox, PIN, &["list"]);
    assert_failure(
        &out,
        6,
        &[&sandbox.vault.display().to_string(), "permission"],
    );
    assert_eq!(failures(&sandbox.vault), 0);
}

// ---------------------------------------------------------------------------------------
// The agent's own trouble, said in the reader's language
// ---------------------------------------------------------------------------------------

/// Gives the sandbox's files to `nobody`, so the vault and its agent can run as that
/// user.
fn give_to_nobody(path: &Path) {
    std::os::unix::fs::lchown(path, Some(65534), Some(65534)).unwrap();
    if path.is_dir() && !path.is_symlink() {
        for entry in std::fs::read_dir(path).unwrap() {
            give_to_nobody(&entry.unwrap().path());
        }
    }
}

#[test]
fn an_agent_that_cannot_save_says_why_in_the_readers_language() {
    let sandbox = Sandbox::initialised();
    assert_success(&sandbox.add_secret("h", HOTP_SECRET, &["--hotp"]));
    let Some(nobody) = Nobody::new(&sandbox) else {
        return;
    };
    std::fs::create_dir_all(&sandbox.runtime).unwrap();
    set_mode(&sandbox.runtime, 0o700);
    give_to_nobody(sandbox.dir.path());
    let unlocked = nobody.run_with(
        &sandbox,
        &format!("{PIN}\n"),
        &["--pin-stdin", "unlock", "--for", "1m"],
        &[],
    );
    assert_success(&unlocked);
    // The agent holds the key; now its user may no longer write next to the vault,
    // so saving the next HOTP counter fails with "permission denied".
    let data = sandbox.vault.parent().unwrap();
    set_mode(data, 0o500);
    let out = nobody.run_with(&sandbox, "", &["code", "h"], &[("OTP_LANG", "ko")]);
    set_mode(data, 0o700);
    let _ = nobody.run_with(&sandbox, "", &["lock"], &[]);
    assert!(!out.status.success(), "{}", stderr(&out));
    let said = stderr(&out);
    assert!(said.contains("권한이 없습니다"), "{said}");
    assert!(!said.contains("os error"), "{said}");
    assert!(!said.contains("Permission denied"), "{said}");
    assert!(
        stdout(&out).trim().is_empty(),
        "no code without its counter saved"
    );
}
