//! Helpers shared by the integration tests: a private vault per test, the real
//! `otp` binary, and the outside reference programs.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

#[cfg(unix)]
pub mod agent;
pub mod completion;
#[cfg(feature = "server")]
pub mod flood;
#[cfg(feature = "server")]
pub mod mail;
#[cfg(feature = "server")]
pub mod otpd;
pub mod pty;
#[cfg(feature = "server")]
pub mod push;
#[cfg(feature = "server")]
pub mod service;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The PIN every test vault uses.
pub const PIN: &str = "258046";

/// A low scrypt work factor so tests stay fast; one test checks the default.
pub const TEST_WORK_FACTOR: &str = "10";

/// Set by `.ci/run`: a missing outside program fails the test instead of skipping it.
pub const REQUIRE_TOOLS: &str = "OTP_TEST_REQUIRE_TOOLS";

/// True when `program` can run; otherwise says loudly that the test skips (or
/// panics when `OTP_TEST_REQUIRE_TOOLS=1`).
pub fn have_tool(program: &str, probe_args: &[&str]) -> bool {
    let ok = Command::new(program)
        .args(probe_args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if !ok {
        if std::env::var(REQUIRE_TOOLS).is_ok_and(|v| v == "1") {
            panic!("{program} is required ({REQUIRE_TOOLS}=1) but cannot run");
        }
        eprintln!(
            "\n*** SKIPPED: {program} is not installed; this test needs it as an independent reference. \
             Install it (see .ci/run) to run the test. ***\n"
        );
    }
    ok
}

/// The code oathtool computes for a TOTP secret at `time`.
pub fn oathtool_totp(secret: &str, algorithm: &str, digits: u8, period: u32, time: u64) -> String {
    let out = Command::new("oathtool")
        .arg(format!("--totp={algorithm}"))
        .arg(format!("--digits={digits}"))
        .arg(format!("--time-step-size={period}s"))
        .arg(format!("--now=@{time}"))
        .arg("--base32")
        .arg(secret)
        .output()
        .unwrap();
    assert!(out.status.success(), "oathtool failed: {out:?}");
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

/// The code oathtool computes for a HOTP (SHA1) secret at `counter`.
pub fn oathtool_hotp(secret: &str, digits: u8, counter: u64) -> String {
    let out = Command::new("oathtool")
        .args(["--hotp", "--base32"])
        .arg(format!("--digits={digits}"))
        .arg(format!("--counter={counter}"))
        .arg(secret)
        .output()
        .unwrap();
    assert!(out.status.success(), "oathtool failed: {out:?}");
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

/// One HOTP code computed by pyotp, the independent reference for the algorithms
/// oathtool's HOTP lacks (SHA256, SHA512). Call [`have_tool`] with
/// `("python3", &["-c", "import pyotp"])` first.
pub fn pyotp_hotp(secret: &str, algorithm: &str, digits: u8, counter: u64) -> String {
    let script = "import hashlib, sys, pyotp\n\
        secret, algorithm, digits, counter = sys.argv[1:]\n\
        digest = getattr(hashlib, algorithm.lower())\n\
        print(pyotp.HOTP(secret, digits=int(digits), digest=digest).at(int(counter)))\n";
    let out = Command::new("python3")
        .args(["-c", script, secret, algorithm])
        .arg(digits.to_string())
        .arg(counter.to_string())
        .output()
        .unwrap();
    assert!(out.status.success(), "pyotp failed: {out:?}");
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

/// One Steam Guard code of tests/data/steam-vectors.toml: what the independent
/// Python reference (tests/data/steam_guard.py) computes, since oathtool cannot.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct SteamVector {
    /// Base32, without padding.
    pub secret: String,
    /// Unix seconds.
    pub time: u64,
    /// The 5 characters.
    pub code: String,
}

/// Every Steam Guard code of tests/data/steam-vectors.toml whose secret is `secret`.
pub fn steam_vectors(secret: &str) -> Vec<SteamVector> {
    #[derive(serde::Deserialize)]
    struct File {
        steam: Vec<SteamVector>,
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/steam-vectors.toml");
    let file: File = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let vectors: Vec<SteamVector> = file
        .steam
        .into_iter()
        .filter(|v| v.secret == secret)
        .collect();
    assert!(
        !vectors.is_empty(),
        "steam-vectors.toml has no code for {secret}"
    );
    vectors
}

/// The Steam Guard code of a base32 `secret` at `time`, as the independent Python
/// reference (tests/data/steam_guard.py) computes it now; `None` (and a loud skip
/// message) without python3.
pub fn python_steam_code(secret: &str, time: u64) -> Option<String> {
    if !have_tool("python3", &["--version"]) {
        return None;
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/steam_guard.py");
    let mut command = Command::new("python3");
    command.arg(script).arg("--code").arg(time.to_string());
    let out = feed(command, &format!("{secret}\n"));
    assert!(out.status.success(), "steam_guard.py failed: {out:?}");
    Some(String::from_utf8(out.stdout).unwrap().trim().to_owned())
}

/// A temporary home with its own vault, config file and runtime directory (where
/// `otp unlock` puts its agent's socket, so tests never meet each other's agents).
pub struct Sandbox {
    pub dir: tempfile::TempDir,
    pub vault: PathBuf,
    pub config: PathBuf,
    pub runtime: PathBuf,
}

impl Sandbox {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let vault = dir.path().join("data").join("vault.age");
        let config = dir.path().join("config.toml");
        let runtime = dir.path().join("run");
        Self {
            dir,
            vault,
            config,
            runtime,
        }
    }

    /// A sandbox whose vault exists, with the test PIN and work factor.
    pub fn initialised() -> Self {
        let sandbox = Self::new();
        sandbox.init_ok();
        sandbox
    }

    /// Names `url` as the server of each customer code, in a `[customers]` table
    /// added to the config file.
    pub fn name_customers(&self, customers: &[(&str, &str)]) {
        let mut config = std::fs::read_to_string(&self.config).unwrap_or_default();
        config.push_str("\n[customers]\n");
        for (code, url) in customers {
            config.push_str(&format!("\"{code}\" = \"{url}\"\n"));
        }
        std::fs::write(&self.config, config).unwrap();
    }

    /// The full-screen interface (`otp ARGS`) in a pseudo-terminal of `cols`×`rows`,
    /// with the sandbox's paths and no display (copies go through OSC 52), and
    /// `extra` on top (`LANG`, ...).
    pub fn tui(
        &self,
        args: &[&str],
        extra: &[(&str, &std::ffi::OsStr)],
        cols: u16,
        rows: u16,
    ) -> pty::Tui {
        let root = self.dir.path();
        let (data, config) = (root.join("xdg-data"), root.join("xdg-config"));
        let mut env: Vec<(&str, &std::ffi::OsStr)> = vec![
            ("OTP_VAULT", self.vault.as_os_str()),
            ("OTP_CONFIG", self.config.as_os_str()),
            ("HOME", root.as_os_str()),
            ("XDG_DATA_HOME", data.as_os_str()),
            ("XDG_CONFIG_HOME", config.as_os_str()),
        ];
        env.extend_from_slice(extra);
        pty::Tui::spawn(Path::new(env!("CARGO_BIN_EXE_otp")), args, &env, cols, rows)
    }

    /// `otp` with the sandbox's paths and no PIN sources inherited from the caller.
    pub fn otp(&self) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_otp"));
        command
            .env("OTP_VAULT", &self.vault)
            .env("OTP_CONFIG", &self.config)
            .env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.dir.path().join("xdg-data"))
            .env("XDG_CONFIG_HOME", self.dir.path().join("xdg-config"))
            .env("XDG_RUNTIME_DIR", &self.runtime)
            .env_remove("OTP_PIN")
            .env_remove("OTP_PIN_FILE")
            .env_remove("OTP_PIN_COMMAND")
            .env("OTP_NO_PROMPT", "1")
            // English unless a test asks otherwise, whatever the machine's locale.
            .env("OTP_LANG", "en")
            .stdin(Stdio::null());
        command
    }

    /// Runs `otp --pin-stdin ARGS` with `stdin` (the PIN line is prepended).
    pub fn run(&self, args: &[&str], stdin_after_pin: &str) -> Output {
        self.run_with_stdin(args, &format!("{PIN}\n{stdin_after_pin}"))
    }

    /// Runs `otp --pin-stdin ARGS` with exactly `stdin`.
    pub fn run_with_stdin(&self, args: &[&str], stdin: &str) -> Output {
        let mut command = self.otp();
        command.arg("--pin-stdin").args(args);
        feed(command, stdin)
    }

    pub fn init_ok(&self) {
        let out = self.run_with_stdin(
            &["init", "--work-factor", TEST_WORK_FACTOR],
            &format!("{PIN}\n"),
        );
        assert_success(&out);
    }

    /// Adds an account from a base32 secret.
    pub fn add_secret(&self, name: &str, secret: &str, extra: &[&str]) -> Output {
        let mut args = vec!["add", name];
        args.extend_from_slice(extra);
        self.run(&args, &format!("{secret}\n"))
    }

    /// `otp code ACCOUNT EXTRA...`, asserting success, returning stdout trimmed.
    pub fn code(&self, account: &str, extra: &[&str]) -> String {
        let mut args = vec!["code", account];
        args.extend_from_slice(extra);
        let out = self.run(&args, "");
        assert_success(&out);
        stdout(&out).trim().to_owned()
    }

    pub fn backup(&self) -> PathBuf {
        let mut name = self.vault.file_name().unwrap().to_owned();
        name.push(".bak");
        self.vault.with_file_name(name)
    }
}

/// Runs `command` with `stdin` piped in.
pub fn feed(mut command: Command, stdin: &str) -> Output {
    use std::io::Write;
    command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().unwrap();
    let mut pipe = child.stdin.take().unwrap();
    // The child may exit before reading everything; a broken pipe is fine.
    let _ = pipe.write_all(stdin.as_bytes());
    drop(pipe);
    child.wait_with_output().unwrap()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn assert_success(out: &Output) {
    assert!(
        out.status.success(),
        "otp failed with {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        stdout(out),
        stderr(out)
    );
}

/// Asserts the exit code and that stderr contains every fragment.
pub fn assert_failure(out: &Output, code: i32, fragments: &[&str]) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "unexpected exit status\nstdout: {}\nstderr: {}",
        stdout(out),
        stderr(out)
    );
    let err = stderr(out);
    for fragment in fragments {
        assert!(err.contains(fragment), "stderr lacks {fragment:?}:\n{err}");
    }
}

pub fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

/// Where the tests find PostgreSQL: `OTP_TEST_POSTGRES_URL` (a server URL without a
/// database, e.g. `postgres://postgres@127.0.0.1:5432`), else that default.
pub const POSTGRES_URL_VAR: &str = "OTP_TEST_POSTGRES_URL";

/// The PostgreSQL server URL when one answers; otherwise says loudly that the test
/// skips (or panics when `OTP_TEST_REQUIRE_TOOLS=1`).
pub fn have_postgres() -> Option<String> {
    let url = std::env::var(POSTGRES_URL_VAR)
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".to_owned());
    let hostport = url
        .split_once("://")
        .map(|(_, rest)| rest.rsplit_once('@').map(|(_, h)| h).unwrap_or(rest))
        .unwrap_or("127.0.0.1:5432")
        .split('/')
        .next()
        .unwrap_or("127.0.0.1:5432")
        .to_owned();
    let reachable = std::net::ToSocketAddrs::to_socket_addrs(&hostport)
        .ok()
        .and_then(|mut addrs| addrs.next())
        .is_some_and(|addr| {
            std::net::TcpStream::connect_timeout(&addr, std::time::Duration::from_secs(2)).is_ok()
        });
    if reachable {
        return Some(url.trim_end_matches('/').to_owned());
    }
    if std::env::var(REQUIRE_TOOLS).is_ok_and(|v| v == "1") {
        panic!("PostgreSQL is required ({REQUIRE_TOOLS}=1) but nothing answers at {hostport}");
    }
    eprintln!(
        "\n*** SKIPPED: PostgreSQL does not answer at {hostport}; this test needs it. \
         Start one (see .ci/run) or set {POSTGRES_URL_VAR}. ***\n"
    );
    None
}

/// A time-based code for `seed` at `time`, computed by the crate's code engine.
pub fn totp_at(seed: &[u8], period: u32, time: u64) -> String {
    otp::code::hotp(
        &otp::secret::SecretKey::from_bytes(seed.to_vec()),
        otp::code::Algorithm::Sha1,
        otp::code::Digits::SIX,
        time / u64::from(period),
    )
    .as_str()
    .to_owned()
}

pub fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}
