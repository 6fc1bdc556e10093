//! The full-screen interface end to end: the real binary in a pseudo-terminal.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::ffi::{OsStr, OsString};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use common::pty::Tui;
use common::{PIN, Sandbox, assert_success};

const SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const WAIT: Duration = Duration::from_secs(20);

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// The interface at `cols`×`rows` with the sandbox's paths, no display (copies go
/// through OSC 52) and `extra` on top.
fn spawn(
    sandbox: &Sandbox,
    args: &[&str],
    extra: &[(&'static str, OsString)],
    cols: u16,
    rows: u16,
) -> Tui {
    let extra: Vec<(&str, &OsStr)> = extra.iter().map(|(k, v)| (*k, v.as_os_str())).collect();
    sandbox.tui(args, &extra, cols, rows)
}

fn grouped(code: &str) -> String {
    format!("{} {}", &code[..3], &code[3..])
}

/// The OSC 52 payloads in `raw`, decoded (`None` for a clear request).
fn osc52_payloads(raw: &[u8]) -> Vec<Option<String>> {
    let text = String::from_utf8_lossy(raw);
    text.split("\x1b]52;c;")
        .skip(1)
        .map(|rest| {
            let payload = rest.split('\x07').next().unwrap_or_default();
            base64::engine::general_purpose::STANDARD
                .decode(payload)
                .ok()
                .map(|bytes| String::from_utf8(bytes).unwrap())
        })
        .collect()
}

#[test]
fn first_run_creates_the_vault_adds_an_account_shows_oathtools_code_copies_and_quits() {
    if !common::have_tool("oathtool", &["--version"]) {
        return;
    }
    let sandbox = Sandbox::new();
    let mut tui = spawn(&sandbox, &["--work-factor", "10"], &[], 80, 24);
    tui.wait_for("Choose a 6-digit PIN", WAIT);
    // The policy is explained when a PIN is refused.
    tui.type_slowly("123456");
    tui.wait_for("may not count straight up or down", WAIT);
    tui.type_slowly(PIN);
    tui.wait_for("Type the same PIN again", WAIT);
    tui.type_slowly(PIN);
    tui.wait_for("Add your first account now?", WAIT);
    assert!(sandbox.vault.exists());
    tui.send("y");
    tui.wait_for("Add an account", WAIT);
    tui.type_slowly("alice@example.com\tGitHub\t");
    // A pasted secret, as a terminal sends it with bracketed paste.
    tui.send(&format!("\x1b[200~{}\x1b[201~", SECRET.to_lowercase()));
    tui.send("\r");
    tui.wait_for("Added GitHub:alice@example.com", WAIT);

    // The code on screen is the one oathtool computes for this instant.
    let before = unix_now();
    let screen = tui.screen();
    let after = unix_now();
    let expected: Vec<String> = [before, after]
        .iter()
        .map(|&t| grouped(&common::oathtool_totp(SECRET, "SHA1", 6, 30, t)))
        .collect();
    assert!(
        expected.iter().any(|code| screen.contains(code.as_str())),
        "none of {expected:?} on the screen:\n{screen}"
    );

    // Enter copies: with no display the code goes to the terminal as OSC 52.
    let before = unix_now();
    tui.send("\r");
    tui.wait_for("Copied GitHub:alice@example.com via the terminal", WAIT);
    let after = unix_now();
    let screen = tui.screen();
    assert!(screen.contains("clears in"), "{screen}");
    let copied = osc52_payloads(&tui.raw());
    let copied = copied.last().cloned().flatten().expect("an OSC 52 copy");
    let candidates: Vec<String> = [before, after]
        .iter()
        .map(|&t| common::oathtool_totp(SECRET, "SHA1", 6, 30, t))
        .collect();
    assert!(
        candidates.contains(&copied),
        "{copied} not in {candidates:?}"
    );

    // q quits cleanly: the pending clipboard clear is sent, the terminal restored.
    tui.send("q");
    let status = tui.wait_exit(WAIT);
    assert!(status.success(), "{status:?}");
    let raw = tui.raw();
    assert_eq!(
        osc52_payloads(&raw).last(),
        Some(&None),
        "clipboard cleared on quit"
    );
    let tail = String::from_utf8_lossy(&raw[raw.len().saturating_sub(200)..]).into_owned();
    assert!(
        tail.contains("\x1b[?1049l"),
        "left the alternate screen: {tail:?}"
    );
    assert!(tail.contains("\x1b[?1000l"), "mouse capture off: {tail:?}");

    // The vault holds the account at the work factor asked for.
    let out = sandbox.run(&["list"], "");
    assert_success(&out);
    assert!(common::stdout(&out).contains("GitHub:alice@example.com"));
    let header = common::read(&sandbox.vault);
    let header = String::from_utf8_lossy(&header[..100]).into_owned();
    assert!(header.lines().nth(1).unwrap().ends_with(" 10"), "{header}");
}

/// A Steam Guard account added in the form from its `steam://` key: its row shows
/// the 5 characters the independent Python reference computes for the instant,
/// whole (Steam codes are not split), and Enter copies them.
#[test]
fn a_steam_guard_key_added_in_the_form_shows_and_copies_its_code() {
    if common::python_steam_code(SECRET, 0).is_none() {
        return;
    }
    let sandbox = Sandbox::initialised();
    assert_success(&sandbox.add_secret("alice", SECRET, &["--issuer", "GitHub"]));
    let mut tui = spawn(&sandbox, &["--no-agent"], &[], 80, 24);
    tui.wait_for("Enter your 6-digit PIN", WAIT);
    tui.type_slowly(PIN);
    tui.wait_for("1/10 accounts", WAIT);
    tui.send("a");
    tui.wait_for("Add an account", WAIT);
    tui.type_slowly("gamer\t\t");
    tui.send(&format!("\x1b[200~steam://{SECRET}\x1b[201~"));
    tui.send("\r");
    tui.wait_for("Added Steam:gamer", WAIT);

    let steam_code = |t: u64| common::python_steam_code(SECRET, t).unwrap();
    let start = Instant::now();
    loop {
        let before = unix_now();
        let screen = tui.screen();
        let after = unix_now();
        let row = screen
            .lines()
            .find(|l| l.contains("Steam") && l.contains("gamer"))
            .unwrap_or_default()
            .to_owned();
        let shown = [before, after]
            .into_iter()
            .find(|&t| row.contains(&steam_code(t)));
        if let Some(time) = shown {
            // Beside a 6-digit row, the code starts in the same column.
            let column =
                |line: &str, text: &str| line.find(text).map(|byte| line[..byte].chars().count());
            let alice = screen.lines().find(|l| l.contains("alice")).unwrap();
            let alice_code = grouped(&sandbox.code("alice", &["--at", &time.to_string()]));
            if let Some(at) = column(alice, &alice_code) {
                assert_eq!(column(&row, &steam_code(time)), Some(at), "{screen}");
            }
            break;
        }
        assert!(
            start.elapsed() < WAIT,
            "no reference Steam code in:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }

    tui.send("\x1b[B");
    tui.send("\x1b[B");
    let before = unix_now();
    tui.send("\r");
    tui.wait_for("Copied Steam:gamer via the terminal", WAIT);
    let after = unix_now();
    let copied = osc52_payloads(&tui.raw());
    let copied = copied.last().cloned().flatten().expect("an OSC 52 copy");
    let candidates: Vec<String> = [before, after].iter().map(|&t| steam_code(t)).collect();
    assert!(
        candidates.contains(&copied),
        "{copied} not in {candidates:?}"
    );
    tui.send("q");
    assert!(tui.wait_exit(WAIT).success());
    let out = sandbox.run(&["list", "--json"], "");
    let json: serde_json::Value = serde_json::from_str(&common::stdout(&out)).unwrap();
    assert_eq!(json[1]["label"], "Steam:gamer");
    assert_eq!(json[1]["type"], "steam");
}

#[test]
fn unlock_shows_attempts_left_works_small_resizes_and_ctrl_c_quits() {
    let sandbox = Sandbox::initialised();
    assert_success(&sandbox.add_secret("jklee", SECRET, &["--issuer", "KISTI", "--period", "60"]));
    let mut tui = spawn(&sandbox, &[], &[], 40, 12);
    tui.wait_for("Enter your 6-digit PIN", WAIT);
    tui.wait_for("5 attempts left", WAIT);
    tui.type_slowly("135790");
    tui.wait_for("4 attempts left", WAIT);
    tui.type_slowly(PIN);
    tui.wait_for("KISTI:jklee", WAIT);
    // Six dots for a 60-second period (some of them filled). The screen may still be
    // mid-update when the label first shows, so wait for the whole row.
    let start = Instant::now();
    loop {
        let screen = tui.screen();
        let six_dots = screen.lines().any(|l| {
            l.contains("KISTI:jklee") && l.chars().filter(|c| *c == '●' || *c == '○').count() == 6
        });
        if six_dots && screen.contains("1/10 accounts") {
            break;
        }
        assert!(start.elapsed() < WAIT, "{screen}");
        std::thread::sleep(Duration::from_millis(20));
    }
    tui.resize(100, 30);
    tui.wait_for("KISTI               jklee", WAIT);
    tui.send("?");
    tui.wait_for("Account list", WAIT);
    tui.send("\x1b");
    tui.send("\x03");
    let status = tui.wait_exit(WAIT);
    assert!(status.success(), "{status:?}");
}

/// Issue 15, item 4: Esc clears the digits typed on the unlock screen (the hint
/// says so) instead of quitting, and never quits from the list; `q` does.
#[test]
fn esc_clears_the_pin_and_never_quits_the_list() {
    let sandbox = Sandbox::initialised();
    assert_success(&sandbox.add_secret("jklee", SECRET, &["--issuer", "KISTI", "--period", "60"]));
    let mut tui = spawn(&sandbox, &[], &[], 40, 12);
    tui.wait_for("5 attempts left", WAIT);
    tui.wait_for("Esc quit", WAIT);
    tui.type_slowly("12");
    tui.wait_for("Esc clear", WAIT);
    tui.send("\x1b");
    tui.wait_for("Esc quit", WAIT);
    assert!(tui.screen().contains("○ ○ ○ ○ ○ ○"), "{}", tui.screen());
    tui.type_slowly(PIN);
    tui.wait_for("KISTI:jklee", WAIT);
    // Esc alone, read before the next key; the list stays and takes `?`.
    tui.send("\x1b");
    std::thread::sleep(Duration::from_millis(300));
    tui.send("?");
    tui.wait_for("Account list", WAIT);
    tui.send("\x1b");
    std::thread::sleep(Duration::from_millis(300));
    tui.send("q");
    let status = tui.wait_exit(WAIT);
    assert!(status.success(), "{status:?}");
}

/// `p` asks for the current PIN and checks it before anything else: a wrong one
/// is said at once with the vault's count of tries left (the same count the unlock
/// screen keeps), and only the right one leads to the new PIN, which then opens
/// the vault.
#[test]
fn change_pin_checks_the_current_pin_before_asking_the_new_one() {
    let sandbox = Sandbox::initialised();
    let mut tui = spawn(&sandbox, &["--no-agent"], &[], 80, 24);
    tui.wait_for("Enter your 6-digit PIN", WAIT);
    tui.type_slowly(PIN);
    tui.wait_for("0/10 accounts", WAIT);
    tui.send("p");
    tui.wait_for("Current PIN", WAIT);
    tui.type_slowly("135791");
    let screen = tui.wait_for("4 attempts left", WAIT);
    assert!(screen.contains("Current PIN"), "{screen}");
    assert!(!screen.contains("New 6-digit PIN"), "{screen}");
    tui.type_slowly(PIN);
    tui.wait_for("New 6-digit PIN", WAIT);
    tui.type_slowly("135790");
    tui.wait_for("New PIN again", WAIT);
    tui.type_slowly("135790");
    tui.wait_for("PIN changed.", WAIT);
    tui.send("\x03");
    let status = tui.wait_exit(WAIT);
    assert!(status.success(), "{status:?}");
    // The new PIN opens the vault, and the right current PIN cleared the count.
    assert_success(&sandbox.run_with_stdin(&["list"], "135790\n"));
    let mut tui = spawn(&sandbox, &["--no-agent"], &[], 80, 24);
    tui.wait_for("5 attempts left", WAIT);
    tui.send("\x03");
    assert!(tui.wait_exit(WAIT).success());
}

#[test]
fn a_korean_locale_shows_the_korean_screens() {
    let sandbox = Sandbox::initialised();
    assert_success(&sandbox.add_secret("홍길동", SECRET, &["--issuer", "한국과학기술정보연구원"]));
    let korean = [("LANG", OsString::from("ko_KR.UTF-8"))];
    let mut tui = spawn(&sandbox, &[], &korean, 80, 24);
    tui.wait_for("6자리 비밀번호를 입력하세요", WAIT);
    tui.wait_for("5번 남았습니다", WAIT);
    tui.type_slowly(PIN);
    tui.wait_for("홍길동", WAIT);
    tui.wait_for("계정 1/10", WAIT);
    tui.send("?");
    tui.wait_for("계정 목록", WAIT);
    tui.send("\x1b");
    tui.send("\x03");
    let status = tui.wait_exit(WAIT);
    assert!(status.success(), "{status:?}");
    // --lang beats the locale.
    let mut tui = spawn(&sandbox, &["--lang", "en"], &korean, 80, 24);
    tui.wait_for("Enter your 6-digit PIN", WAIT);
    tui.send("\x03");
    let status = tui.wait_exit(WAIT);
    assert!(status.success(), "{status:?}");
}

#[test]
fn without_a_terminal_plain_otp_explains_and_exits_2() {
    let sandbox = Sandbox::initialised();
    let out = sandbox.otp().output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = common::stderr(&out);
    assert!(err.contains("needs a terminal"), "{err}");
    assert!(err.contains("otp code"), "{err}");
    // --work-factor belongs to plain otp, not to a subcommand.
    let out = sandbox.run(&["--work-factor", "12", "list"], "");
    assert_eq!(out.status.code(), Some(2), "{out:?}");
}

/// An X server for one test, stopped when dropped.
struct Xvfb {
    child: std::process::Child,
    display: String,
}

impl Xvfb {
    fn start() -> Self {
        // A display number unlikely to be taken; try a few.
        for offset in 0..20 {
            let number = 70 + (std::process::id() % 200) + offset * 211 % 97;
            if PathBuf::from(format!("/tmp/.X11-unix/X{number}")).exists() {
                continue;
            }
            let display = format!(":{number}");
            let child = Command::new("Xvfb")
                .args([
                    display.as_str(),
                    "-nolisten",
                    "tcp",
                    "-screen",
                    "0",
                    "640x480x24",
                ])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            let mut xvfb = Self { child, display };
            let start = Instant::now();
            while start.elapsed() < Duration::from_secs(10) {
                if xvfb.xclip_out().is_some()
                    || PathBuf::from(format!("/tmp/.X11-unix/X{number}")).exists()
                {
                    return xvfb;
                }
                if let Ok(Some(_)) = xvfb.child.try_wait() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            let _ = xvfb.child.kill();
        }
        panic!("Xvfb did not start");
    }

    /// The clipboard's text, or `None` when it is empty or has no owner.
    fn xclip_out(&self) -> Option<String> {
        let out = Command::new("xclip")
            .args(["-selection", "clipboard", "-o"])
            .env("DISPLAY", &self.display)
            .stderr(Stdio::null())
            .output()
            .ok()?;
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        (out.status.success() && !text.is_empty()).then_some(text)
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn clipboard_under_xvfb_receives_the_code_and_is_cleared_after_the_timeout() {
    if !common::have_tool("Xvfb", &["-help"]) || !common::have_tool("xclip", &["-version"]) {
        return;
    }
    let sandbox = Sandbox::initialised();
    assert_success(&sandbox.add_secret("alice", SECRET, &["--issuer", "GitHub"]));
    std::fs::write(&sandbox.config, "clipboard_clear_secs = 3\n").unwrap();
    let xvfb = Xvfb::start();
    let display = [("DISPLAY", OsString::from(&xvfb.display))];
    let mut tui = spawn(&sandbox, &[], &display, 80, 24);
    tui.wait_for("5 attempts left", WAIT);
    tui.type_slowly(PIN);
    tui.wait_for("1/10 accounts", WAIT);
    let before = unix_now();
    tui.send("\r");
    let screen = tui.wait_for("Copied GitHub:alice", WAIT);
    let after = unix_now();
    assert!(!screen.contains("OSC 52"), "{screen}");
    let candidates: Vec<String> = [before, after]
        .iter()
        .map(|&t| sandbox.code("alice", &["--at", &t.to_string()]))
        .collect();
    let copied = xvfb.xclip_out().expect("the clipboard holds the code");
    assert!(
        candidates.contains(&copied),
        "{copied:?} not in {candidates:?}"
    );

    // Cleared after 3 seconds (the config's clipboard_clear_secs).
    let start = Instant::now();
    while xvfb.xclip_out().is_some() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the clipboard was not cleared:\n{}",
            tui.screen()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(
        start.elapsed() >= Duration::from_secs(1),
        "cleared too early"
    );
    tui.wait_for("Clipboard cleared", WAIT);

    // Something else copied meanwhile is left alone.
    tui.send("\r");
    tui.wait_for("Copied GitHub:alice", WAIT);
    let mut xclip = Command::new("xclip")
        .args(["-selection", "clipboard", "-i", "-quiet"])
        .env("DISPLAY", &xvfb.display)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        xclip
            .stdin
            .take()
            .unwrap()
            .write_all(b"not a code")
            .unwrap();
    }
    tui.wait_for("no longer held the code", WAIT);
    let _ = xclip.kill();
    let _ = xclip.wait();
    tui.send("q");
    assert!(tui.wait_exit(WAIT).success());
}

/// A tmux server of the test's own (its own socket, no config file), killed on drop.
struct Tmux {
    socket: PathBuf,
}

impl Tmux {
    /// A server whose one session runs the interface on the sandbox's paths at
    /// 100×20, with no display and no SSH session (copies go through OSC 52).
    fn start(sandbox: &Sandbox) -> Self {
        let tmux = Self {
            socket: sandbox.dir.path().join("tmux.sock"),
        };
        let program = format!(
            "exec env -u DISPLAY -u WAYLAND_DISPLAY -u SSH_CONNECTION -u SSH_CLIENT -u SSH_TTY \
             OTP_LANG=en OTP_VAULT='{}' OTP_CONFIG='{}' XDG_RUNTIME_DIR='{}' '{}'",
            sandbox.vault.display(),
            sandbox.config.display(),
            sandbox.runtime.display(),
            env!("CARGO_BIN_EXE_otp")
        );
        let out = tmux.run(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-x",
            "100",
            "-y",
            "20",
            &program,
        ]);
        assert!(out.status.success(), "{out:?}");
        tmux
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .env_remove("TMUX")
            .output()
            .unwrap()
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-J"]).stdout).into_owned()
    }

    /// Waits until the pane shows `text`, and returns the screen.
    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < WAIT,
                "no {text:?} on the screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The pid of the program in the pane.
    fn pane_pid(&self) -> String {
        String::from_utf8_lossy(&self.run(&["display-message", "-p", "#{pane_pid}"]).stdout)
            .trim()
            .to_owned()
    }

    /// tmux's newest paste buffer, if it has one.
    fn buffer(&self) -> Option<String> {
        let out = self.run(&["show-buffer"]);
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.run(&["kill-server"]);
    }
}

/// A terminal that goes away (an SSH connection dropped, a terminal window closed)
/// hangs up; the program must end instead of spinning on a dead terminal.
#[test]
fn a_hung_up_terminal_ends_the_program() {
    if !common::have_tool("tmux", &["-V"]) {
        return;
    }
    let sandbox = Sandbox::initialised();
    let tmux = Tmux::start(&sandbox);
    tmux.wait_for("Enter your 6-digit PIN");
    let pid = tmux.pane_pid();
    let stat = format!("/proc/{pid}/stat");
    let alive = || {
        std::fs::read_to_string(&stat).is_ok_and(|s| {
            s.rsplit(')')
                .next()
                .is_some_and(|rest| !rest.trim_start().starts_with('Z'))
        })
    };
    assert!(alive(), "no process {pid}");
    drop(tmux);
    let start = Instant::now();
    while alive() {
        if start.elapsed() > Duration::from_secs(5) {
            let _ = Command::new("kill").args(["-9", &pid]).status();
            panic!("otp kept running after its terminal hung up");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Inside tmux with `set-clipboard on` (and passthrough off, tmux's default), a
/// copy reaches tmux: it keeps the code as a paste buffer (and passes it on to the
/// terminal outside). With `set-clipboard external` (the default) tmux would drop
/// the request, so the status line says which option to set instead of "Copied".
#[test]
fn inside_tmux_a_copy_becomes_a_tmux_buffer_or_says_which_option_to_set() {
    if !common::have_tool("tmux", &["-V"]) || !common::have_tool("oathtool", &["--version"]) {
        return;
    }
    let sandbox = Sandbox::initialised();
    assert_success(&sandbox.add_secret("alice", SECRET, &["--issuer", "GitHub"]));
    let tmux = Tmux::start(&sandbox);
    assert!(
        tmux.run(&["set", "-g", "set-clipboard", "on"])
            .status
            .success()
    );
    tmux.wait_for("Enter your 6-digit PIN");
    assert!(tmux.run(&["send-keys", "-l", PIN]).status.success());
    tmux.wait_for("1/10 accounts");

    let before = unix_now();
    assert!(tmux.run(&["send-keys", "Enter"]).status.success());
    tmux.wait_for("Copied");
    let after = unix_now();
    let buffer = tmux.buffer();
    let expected: Vec<String> = [before.saturating_sub(1), before, after]
        .iter()
        .map(|&t| common::oathtool_totp(SECRET, "SHA1", 6, 30, t))
        .collect();
    assert!(
        buffer.as_ref().is_some_and(|b| expected.contains(b)),
        "tmux's buffer is {buffer:?}, not one of {expected:?}:\n{}",
        tmux.screen()
    );

    assert!(
        tmux.run(&["set", "-g", "set-clipboard", "external"])
            .status
            .success()
    );
    assert!(tmux.run(&["delete-buffer"]).status.success());
    assert!(tmux.run(&["send-keys", "c"]).status.success());
    let screen = tmux.wait_for("set-clipboard");
    assert!(screen.contains("external"), "{screen}");
    assert!(!screen.contains("Copied"), "{screen}");
    assert_eq!(tmux.buffer(), None, "{screen}");
    assert!(tmux.run(&["send-keys", "q"]).status.success());
}

/// An agent started by `otp unlock` in the sandbox's own runtime directory; dropped,
/// it runs `otp lock`, so a failing test leaves no agent behind (and the agent's
/// `--for` ends it soon in any case).
struct AgentGuard<'a>(&'a Sandbox);

impl<'a> AgentGuard<'a> {
    fn start(sandbox: &'a Sandbox) -> Self {
        let out = sandbox.run_with_stdin(&["unlock", "--for", "2m"], &format!("{PIN}\n"));
        let guard = Self(sandbox);
        assert_success(&out);
        guard
    }
}

impl Drop for AgentGuard<'_> {
    fn drop(&mut self) {
        let _ = self.0.otp().arg("lock").output();
    }
}

#[test]
fn with_an_agent_the_list_opens_without_the_pin_and_falls_back_when_it_is_locked() {
    if !common::have_tool("oathtool", &["--version"]) {
        return;
    }
    let sandbox = Sandbox::initialised();
    assert_success(&sandbox.add_secret("alice", SECRET, &["--issuer", "GitHub"]));
    let agent = AgentGuard::start(&sandbox);
    let runtime = [("XDG_RUNTIME_DIR", sandbox.runtime.clone().into_os_string())];

    // --no-agent asks for the PIN even though an agent runs.
    let mut tui = spawn(&sandbox, &["--no-agent"], &runtime, 80, 24);
    tui.wait_for("5 attempts left", WAIT);
    std::thread::sleep(Duration::from_millis(500));
    let screen = tui.wait_for("Enter your 6-digit PIN", WAIT);
    assert!(!screen.contains("agent"), "{screen}");
    tui.send("q");
    assert!(tui.wait_exit(WAIT).success());

    // Without a PIN typed: the list, the agent in the title, oathtool's code.
    let mut tui = spawn(&sandbox, &[], &runtime, 80, 24);
    tui.wait_for("unlocked by the agent for", WAIT);
    let start = Instant::now();
    loop {
        let before = unix_now();
        let screen = tui.screen();
        let after = unix_now();
        let expected: Vec<String> = [before.saturating_sub(1), before, after]
            .iter()
            .map(|&t| grouped(&common::oathtool_totp(SECRET, "SHA1", 6, 30, t)))
            .collect();
        if expected.iter().any(|code| screen.contains(code.as_str())) {
            assert!(screen.contains("GitHub"), "{screen}");
            assert!(!screen.contains("Enter your 6-digit PIN"), "{screen}");
            break;
        }
        assert!(
            start.elapsed() < WAIT,
            "none of {expected:?} on the screen:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }

    // `otp lock` ends the agent: the view falls back to the unlock screen at once.
    assert_success(&sandbox.otp().arg("lock").output().unwrap());
    drop(agent);
    let screen = tui.wait_for("Agent gone: type the PIN", Duration::from_secs(5));
    assert!(screen.contains("Enter your 6-digit PIN"), "{screen}");
    assert!(screen.contains("session agent has ended"), "{screen}");
    // The PIN opens the vault as usual.
    tui.type_slowly(PIN);
    let screen = tui.wait_for("1/10 accounts", WAIT);
    assert!(!screen.contains("unlocked by the agent"), "{screen}");
    tui.send("q");
    assert!(tui.wait_exit(WAIT).success());
}

/// A customer-code mistake in the TUI's form, in Korean, against a real `otpd` on
/// 127.0.0.1: a code the config file names no server for says to check the code
/// and names the config file (never a command-line flag); a code the server does
/// not know is refused with CE1001.
#[cfg(all(feature = "server", feature = "enroll"))]
#[test]
fn a_mistyped_customer_code_in_the_korean_form_says_what_to_check() {
    let home = common::otpd::OtpdHome::new(None).with_org();
    let server = home.start();
    let sandbox = Sandbox::initialised();
    sandbox.name_customers(&[("9999", &server.url)]);
    let korean = [("LANG", OsString::from("ko_KR.UTF-8"))];
    let mut tui = spawn(&sandbox, &[], &korean, 120, 40);
    tui.wait_for("6자리 비밀번호를 입력하세요", WAIT);
    tui.type_slowly(PIN);
    tui.wait_for("계정 0/10", WAIT);
    // The add form, its source turned to the customer code, then the code.
    let customer_form = |tui: &mut Tui, code: &str| {
        tui.send("a");
        tui.wait_for("계정 추가", WAIT);
        tui.send("\x1b[Z");
        tui.send("\x1b[D");
        tui.wait_for("‹ 고객코드 ›", WAIT);
        tui.send("\t");
        tui.type_slowly(code);
        tui.send("\r");
    };
    customer_form(&mut tui, "1234");
    let screen = tui.wait_for("고객코드가 맞는지 확인하세요", WAIT);
    let compact = |text: &str| -> String {
        text.chars()
            .filter(|c| !c.is_whitespace() && *c != '│')
            .collect()
    };
    let config_path = sandbox.config.display().to_string();
    assert!(
        compact(&screen).contains(&compact(&config_path)),
        "{config_path}\n{screen}"
    );
    assert!(!screen.contains("--server"), "{screen}");
    // Esc alone (a key right after it would read as Alt), then the empty list.
    tui.send("\x1b");
    tui.wait_for("아직 계정이 없습니다", WAIT);
    // That line may show behind the form already: give the interface time to read
    // the Esc on its own before the next key, or the two arrive as Alt-a on a busy
    // machine.
    std::thread::sleep(Duration::from_millis(300));
    customer_form(&mut tui, "9999");
    let screen = tui.wait_for("CE1001", WAIT);
    assert!(!screen.contains("--server"), "{screen}");
    leave_the_form_and_quit(&mut tui);
    drop(server);
}

/// The text inside the dialog boxes of `screen` (between the first and the last
/// `│` of each row), without spaces: a sentence wrapped over several rows reads
/// as one, whatever the place the lines were broken at.
fn dialog_text(screen: &str) -> String {
    screen
        .lines()
        .filter_map(|line| {
            let start = line.find('│')?;
            let end = line.rfind('│')?;
            (end > start).then(|| &line[start + '│'.len_utf8()..end])
        })
        .flat_map(|inside| inside.chars().filter(|c| !c.is_whitespace()))
        .collect()
}

fn without_spaces(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A message of the catalogues, with its values, in `lang`.
#[cfg(feature = "enroll")]
fn catalogue_text(lang: otp::i18n::Lang, id: &str, args: &[(&str, String)]) -> String {
    use otp::i18n::{Args, Value, catalogue};
    let mut fluent = Args::new();
    for (name, value) in args {
        fluent.set(*name, Value::from(value.clone()));
    }
    catalogue::text(lang, id, Some(&fluent))
}

/// Opens the add form of an unlocked, empty list, turns its source to the
/// customer code and submits `code`; `title` and `choice` are the form's title and
/// the customer-code choice in the interface's language.
fn submit_customer_code(tui: &mut Tui, title: &str, choice: &str, code: &str) {
    tui.send("a");
    tui.wait_for(title, WAIT);
    tui.send("\x1b[Z");
    tui.send("\x1b[D");
    tui.wait_for(&format!("‹ {choice} ›"), WAIT);
    tui.send("\t");
    tui.type_slowly(code);
    tui.send("\r");
}

/// A mistyped customer code with only a `[customers]` table: the TUI's form says
/// the catalogue's sentence the command line says (check the customer code; the
/// config file by its path), word for word, in English and in Korean; nothing is
/// contacted.
#[cfg(feature = "enroll")]
#[test]
fn an_unknown_customer_code_in_the_form_says_the_clis_sentence_naming_the_config_file() {
    use otp::i18n::Lang;
    let sandbox = Sandbox::initialised();
    sandbox.name_customers(&[("1106", "https://otp.example.org")]);
    let path = sandbox.config.display().to_string();
    let values = [("customer", "1160".to_owned()), ("path", path.clone())];
    let cases = [
        (
            Lang::En,
            "C.UTF-8",
            "Enter your 6-digit PIN",
            "0/10 accounts",
        ),
        (
            Lang::Ko,
            "ko_KR.UTF-8",
            "6자리 비밀번호를 입력하세요",
            "계정 0/10",
        ),
    ];
    for (lang, locale, unlock, count) in cases {
        let expected = catalogue_text(lang, "enroll-not-configured", &values);
        assert!(expected.contains(&path), "{expected}");
        let (title, choice) = match lang {
            Lang::En => ("Add an account", "customer code"),
            _ => ("계정 추가", "고객코드"),
        };
        let locale = [("LANG", OsString::from(locale))];
        let mut tui = spawn(&sandbox, &[], &locale, 120, 40);
        tui.wait_for(unlock, WAIT);
        tui.type_slowly(PIN);
        tui.wait_for(count, WAIT);
        submit_customer_code(&mut tui, title, choice, "1160");
        let screen = wait_for_form_text(&tui, &expected);
        assert!(!screen.contains("--server"), "{screen}");
        leave_the_form_and_quit(&mut tui);
    }
}

/// Waits until the form holds `expected` whole (spaces, line breaks and borders
/// aside); returns that screen.
fn wait_for_form_text(tui: &Tui, expected: &str) -> String {
    let start = Instant::now();
    loop {
        let screen = tui.screen();
        if dialog_text(&screen).contains(&without_spaces(expected)) {
            return screen;
        }
        assert!(
            start.elapsed() < WAIT,
            "the form does not say\n{expected}\nit shows:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Esc out of the form (read alone, before the next key), Ctrl-C out of the
/// interface, which must exit cleanly.
fn leave_the_form_and_quit(tui: &mut Tui) {
    tui.send("\x1b");
    std::thread::sleep(Duration::from_millis(300));
    tui.send("\x03");
    let status = tui.wait_exit(WAIT);
    assert!(status.success(), "{status:?}");
}

/// At 40×12 in Korean, the same long sentence (with the config file's path) reads
/// whole in the form, wrapped by display width over the rows the screen has, not
/// cut with `…` on one line.
#[cfg(feature = "enroll")]
#[test]
fn a_long_form_error_reads_whole_at_40_columns_in_korean() {
    use otp::i18n::Lang;
    let sandbox = Sandbox::initialised();
    sandbox.name_customers(&[("1106", "https://otp.example.org")]);
    let values = [
        ("customer", "1160".to_owned()),
        ("path", sandbox.config.display().to_string()),
    ];
    let expected = catalogue_text(Lang::Ko, "enroll-not-configured", &values);
    let korean = [("LANG", OsString::from("ko_KR.UTF-8"))];
    let mut tui = spawn(&sandbox, &[], &korean, 40, 12);
    tui.wait_for("6자리 비밀번호를 입력하세요", WAIT);
    tui.type_slowly(PIN);
    tui.wait_for("계정 0/10", WAIT);
    submit_customer_code(&mut tui, "계정 추가", "고객코드", "1160");
    let screen = wait_for_form_text(&tui, &expected);
    assert!(!screen.contains('…'), "{screen}");
    leave_the_form_and_quit(&mut tui);
}
