//! `cargo bench --bench tui_push`: login requests (push approvals) in the
//! full-screen interface, on loopback. A release `otpd` on 127.0.0.1 (SQLite), an
//! account enrolled by the real `otp add --customer` (so it has a device key and a
//! push link), and the release `otp` in a pseudo-terminal (100×30), unlocked on
//! its list. Measured:
//!
//! - idle CPU (schedstat, every thread) and resident memory of the interface
//!   unlocked with one account without a push link, then with one (its poller
//!   waiting on otpd, nothing arriving), the way `cargo bench --bench tui` measures
//!   them; and of the interface served by an agent (`otp unlock`), with the agent's
//!   own CPU beside it;
//! - the time from the login system's `POST /v1/push` to the dialog on the screen
//!   (the request's service name and the three number boxes parsed by vt100), over
//!   OTP_BENCH_PUSHES requests (default 50), each approved with the right number
//!   before the next; and from that key to the login system seeing the approval
//!   (`GET /v1/push/{id}?wait=10` returning). Both with the interface's own
//!   pollers (`--no-agent`) and through the agent.
//!
//! Linux only (it reads /proc). OTP_BENCH_IDLE_SECS sets each idle window
//! (default 30). OTP_BENCH_OTP names another `otp` binary to run as the
//! interface (an older build, to compare); enrolling and the agent use this
//! build's.

#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

#[path = "../common/mod.rs"]
mod common;

use std::ffi::OsStr;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use otp::api::push::{PushCreated, PushState};

use common::agent::Agent;
use common::otpd::{OtpdHome, Server};
use common::pty::Tui;
use common::push::state;
use common::{PIN, Sandbox, assert_success};

const WAIT: Duration = Duration::from_secs(30);
const SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

/// CPU time of every thread of `pid` so far, in nanoseconds (from schedstat).
fn cpu_ns(pid: u32) -> u64 {
    let mut total = 0;
    if let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) {
        for task in tasks.flatten() {
            if let Ok(text) = std::fs::read_to_string(task.path().join("schedstat")) {
                total += text
                    .split_whitespace()
                    .next()
                    .and_then(|n| n.parse::<u64>().ok())
                    .unwrap_or(0);
            }
        }
    }
    total
}

/// A `VmRSS:`-style line of /proc/<pid>/status, in KiB.
fn status_kib(pid: u32, key: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with(key))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// The number of threads of `pid`.
fn threads(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/task")).map_or(0, |d| d.count())
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The sample at fraction `p` of the sorted samples.
fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index]
}

/// What one idle window measured.
struct Idle {
    /// CPU of the interface, % of one core.
    cpu: f64,
    /// CPU of the agent serving it, % of one core (when there is one).
    agent_cpu: Option<f64>,
    rss: u64,
    anon: u64,
    file: u64,
    threads: usize,
}

fn idle(tui: &Tui, agent: Option<u32>, secs: u64) -> Idle {
    let pid = tui.pid();
    std::thread::sleep(Duration::from_secs(2));
    let (ns0, agent0, t0) = (cpu_ns(pid), agent.map(cpu_ns), Instant::now());
    std::thread::sleep(Duration::from_secs(secs));
    let (ns1, agent1, elapsed) = (cpu_ns(pid), agent.map(cpu_ns), t0.elapsed());
    let percent = |a: u64, b: u64| (b - a) as f64 / elapsed.as_nanos() as f64 * 100.0;
    Idle {
        cpu: percent(ns0, ns1),
        agent_cpu: agent0.zip(agent1).map(|(a, b)| percent(a, b)),
        rss: status_kib(pid, "VmRSS:"),
        anon: status_kib(pid, "RssAnon:"),
        file: status_kib(pid, "RssFile:"),
        threads: threads(pid),
    }
}

fn print_idle(what: &str, secs: u64, idle: &Idle) {
    let agent = idle
        .agent_cpu
        .map(|a| format!("; the agent {a:.3} %"))
        .unwrap_or_default();
    println!(
        "idle {what}, {secs} s: CPU {:.3} % of one core{agent}; resident {:.1} MiB ({:.1} MiB anonymous, {:.1} MiB files), {} threads",
        idle.cpu,
        mib(idle.rss),
        mib(idle.anon),
        mib(idle.file),
        idle.threads
    );
}

/// A small deterministic generator for the pauses between requests.
struct Jitter(u64);

impl Jitter {
    fn next_ms(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

/// The login system asks jklee to approve a login to `service`.
fn login(server: &Server, key: &str, service: &str) -> PushCreated {
    let body = serde_json::json!({
        "user_id": "jklee",
        "context": {"service": service, "client_ip": "203.0.113.7", "text": "Chrome on Windows"}
    });
    let (status, body) = server.request(
        "POST",
        "/v1/push",
        &[("authorization", &format!("Bearer {key}"))],
        Some(&body.to_string()),
    );
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

/// The dialog's numbers on `screen` so far, as `common::push::numbers_on` reads
/// them (the row under the boxes' tops), but none while that row is not there yet.
fn numbers(screen: &str) -> Vec<String> {
    let lines: Vec<&str> = screen.lines().collect();
    let Some(top) = lines.iter().position(|line| line.contains("┌ 1 ─")) else {
        return Vec::new();
    };
    lines.get(top + 1).map_or_else(Vec::new, |row| {
        row.split(|c: char| !c.is_ascii_digit())
            .filter(|token| token.len() == 2)
            .map(str::to_owned)
            .collect()
    })
}

/// Polls the screen every 0.5 ms until `done` says yes; the screen then.
fn wait_until(tui: &Tui, within: Duration, done: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        let screen = tui.screen();
        if done(&screen) {
            return screen;
        }
        assert!(
            start.elapsed() < within,
            "timed out; the screen shows:\n{screen}"
        );
        std::thread::sleep(Duration::from_micros(500));
    }
}

/// `count` login requests, each approved with the right number once it shows:
/// the times from `POST /v1/push` to the dialog on the screen, and from the key
/// to the login system seeing the approval.
fn latencies(
    tui: &mut Tui,
    server: &Server,
    key: &str,
    count: usize,
) -> (Vec<Duration>, Vec<Duration>) {
    let mut jitter = Jitter(0x5eed);
    let (mut shown, mut answered) = (Vec::new(), Vec::new());
    for i in 0..count {
        // The poller pauses 0.5 s after a request it saw before it waits again:
        // start each request once it waits, at a random phase of whatever runs
        // on a timer (the loop's wake-ups, the agent thread's questions, the
        // seconds), so that no phase lock makes the figures look better or worse.
        std::thread::sleep(Duration::from_millis(800 + jitter.next_ms(1000)));
        let service = format!("Bench portal {i}");
        let start = Instant::now();
        let push = login(server, key, &service);
        // The dialog is drawn in one frame, but it may reach the screen in pieces:
        // it is there once its last line to matter, the numbers, is.
        let screen = wait_until(tui, WAIT, |s| s.contains(&service) && numbers(s).len() == 3);
        shown.push(start.elapsed());
        let numbers = numbers(&screen);
        let position = numbers
            .iter()
            .position(|n| *n == push.number)
            .unwrap_or_else(|| panic!("{} not among {numbers:?}\n{screen}", push.number));
        let start = Instant::now();
        tui.send(&(position + 1).to_string());
        let status = state(server, key, &push.request_id);
        answered.push(start.elapsed());
        assert_eq!(status.state, PushState::Approved, "{status:?}");
        wait_until(tui, WAIT, |s| !s.contains(&service));
    }
    (shown, answered)
}

fn print_latencies(what: &str, shown: &[Duration], answered: &[Duration]) {
    let report = |label: &str, samples: &[Duration]| {
        let mut sorted = samples.to_vec();
        sorted.sort();
        println!(
            "{what}: {label}: median {:.1} ms, p90 {:.1} ms, max {:.1} ms, min {:.1} ms over {}",
            ms(percentile(&sorted, 0.5)),
            ms(percentile(&sorted, 0.9)),
            ms(*sorted.last().unwrap()),
            ms(sorted[0]),
            sorted.len()
        );
    };
    report("POST /v1/push -> dialog on screen", shown);
    report("key -> login system sees approved", answered);
    let median = {
        let mut sorted = shown.to_vec();
        sorted.sort();
        percentile(&sorted, 0.5)
    };
    println!(
        "{what}: median to screen / target 200 ms: {}",
        if median <= Duration::from_millis(200) {
            "met"
        } else {
            "MISSED"
        }
    );
}

/// A sandbox whose vault exists, at the default work factor.
fn initialised() -> Sandbox {
    let sandbox = Sandbox::new();
    assert_success(&sandbox.run_with_stdin(&["init"], &format!("{PIN}\n")));
    sandbox
}

/// The interface (`otp ARGS`, or OTP_BENCH_OTP) in a 100×30 pseudo-terminal with
/// the sandbox's paths, as [`Sandbox::tui`] starts it, and `extra` on top.
fn interface(sandbox: &Sandbox, args: &[&str], extra: &[(&str, &OsStr)]) -> Tui {
    let program = std::env::var_os("OTP_BENCH_OTP")
        .map_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_otp")), PathBuf::from);
    let root = sandbox.dir.path();
    let (data, config) = (root.join("xdg-data"), root.join("xdg-config"));
    let mut env: Vec<(&str, &OsStr)> = vec![
        ("OTP_VAULT", sandbox.vault.as_os_str()),
        ("OTP_CONFIG", sandbox.config.as_os_str()),
        ("HOME", root.as_os_str()),
        ("XDG_DATA_HOME", data.as_os_str()),
        ("XDG_CONFIG_HOME", config.as_os_str()),
    ];
    env.extend_from_slice(extra);
    Tui::spawn(&program, args, &env, 100, 30)
}

/// The interface in a pseudo-terminal, unlocked with the PIN, its list shown.
fn unlocked(sandbox: &Sandbox) -> Tui {
    let mut tui = interface(sandbox, &["--no-agent"], &[]);
    tui.wait_for("Enter your 6-digit PIN", WAIT);
    tui.type_slowly(PIN);
    tui.wait_for("1/10 accounts", WAIT);
    tui
}

fn quit(mut tui: Tui) {
    tui.send("q");
    assert!(tui.wait_exit(Duration::from_secs(10)).success());
}

fn main() {
    let idle_secs: u64 = std::env::var("OTP_BENCH_IDLE_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(30);
    let pushes: usize = std::env::var("OTP_BENCH_PUSHES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(50);
    println!(
        "machine: {} cores",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );

    // otpd with customer 1106 and jklee; every request is answered with the
    // right number, but a slip must not lock the bench out.
    let home = OtpdHome::new(None).with_org();
    home.set("log_requests", false);
    home.set("push.lock_after_denials", 0);
    let code = home.issue("jklee", &[]);
    let key = home.api_key();
    let server = home.start();

    // The account with a device key, enrolled by the real client; vaults at the
    // default work factor, as `cargo bench --bench tui` has them.
    let linked = initialised();
    let out = linked.run(
        &[
            "add",
            "--customer",
            "1106",
            "--id",
            "jklee",
            "--server",
            &server.url,
        ],
        &format!("{code}\n"),
    );
    assert_success(&out);
    // The same list without a push link.
    let plain = initialised();
    assert_success(&plain.add_secret("Example Org:jklee", SECRET, &[]));

    let tui = unlocked(&plain);
    let without = idle(&tui, None, idle_secs);
    quit(tui);
    print_idle("without a push link", idle_secs, &without);

    let mut tui = unlocked(&linked);
    let with = idle(&tui, None, idle_secs);
    print_idle("with a push link (its poller waiting)", idle_secs, &with);
    let (shown, answered) = latencies(&mut tui, &server, &key, pushes);
    quit(tui);
    print_latencies("interface's own poller", &shown, &answered);

    let agent = Agent::start_with_pin(&linked, PIN, &["--for", "30m"]);
    let runtime = linked.runtime.clone();
    let mut tui = interface(
        &linked,
        &[],
        &[("XDG_RUNTIME_DIR", runtime.as_os_str() as &OsStr)],
    );
    tui.wait_for("1/10 accounts", WAIT);
    let served = idle(&tui, Some(agent.pid), idle_secs);
    print_idle("served by the agent, with a push link", idle_secs, &served);
    let (shown, answered) = latencies(&mut tui, &server, &key, pushes);
    quit(tui);
    drop(agent);
    print_latencies("through the agent", &shown, &answered);
}
