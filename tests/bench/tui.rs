//! `cargo bench --bench tui`: the full-screen interface with 10 accounts, at the
//! default work factor, in a pseudo-terminal: unlock time, CPU while idle for 60 s,
//! resident memory idle and at peak (the unlock's scrypt), and key-to-redraw latency.
//!
//! Linux only (it reads /proc). Set OTP_BENCH_IDLE_SECS to shorten the idle window.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../common/pty.rs"]
mod pty;

use std::ffi::OsStr;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const PIN: &str = "258046";
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

/// utime + stime of `pid` in clock ticks (10 ms each), from /proc/<pid>/stat.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name in parentheses; utime and stime are 14 and 15.
    let rest = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let field = |n: usize| {
        fields
            .get(n - 3)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    field(14) + field(15)
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

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// Waits until nothing has been written for `quiet`.
fn settle(tui: &pty::Tui, quiet: Duration) {
    loop {
        let last = tui.output.lock().unwrap().last_read;
        match last {
            Some(at) if at.elapsed() < quiet => std::thread::sleep(quiet - at.elapsed()),
            _ => return,
        }
    }
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault.age");
    let config = dir.path().join("config.toml");
    let otp = || {
        let mut command = Command::new(env!("CARGO_BIN_EXE_otp"));
        command
            .env("OTP_VAULT", &vault)
            .env("OTP_CONFIG", &config)
            .env("OTP_PIN", PIN)
            .env("OTP_NO_PROMPT", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        command
    };
    assert!(
        otp()
            .arg("init")
            .stdin(Stdio::null())
            .status()
            .unwrap()
            .success()
    );
    println!("creating a vault with 10 accounts at the default work factor…");
    for i in 0..10 {
        let mut add = otp();
        let period = if i % 2 == 0 { "30" } else { "60" };
        add.args([
            "add",
            &format!("user{i}@example.com"),
            "--issuer",
            &format!("Service{i}"),
        ])
        .args(["--period", period])
        .stdin(Stdio::piped());
        let mut child = add.spawn().unwrap();
        writeln!(child.stdin.take().unwrap(), "{SECRET}").unwrap();
        assert!(child.wait().unwrap().success());
    }

    let env = [
        ("OTP_VAULT", vault.as_os_str()),
        ("OTP_CONFIG", config.as_os_str()),
        ("HOME", dir.path().as_os_str()),
    ];
    let env: Vec<(&str, &OsStr)> = env.to_vec();
    let mut tui = pty::Tui::spawn(
        std::path::Path::new(env!("CARGO_BIN_EXE_otp")),
        &[],
        &env,
        100,
        30,
    );
    let pid = tui.pid();
    let wait = Duration::from_secs(60);
    tui.wait_for("5 attempts left", wait);
    let rss_locked = status_kib(pid, "VmRSS:");
    tui.send(&PIN[..5]);
    std::thread::sleep(Duration::from_millis(100));
    let start = Instant::now();
    tui.send(&PIN[5..]);
    tui.wait_for("10/10 accounts", wait);
    let unlock = start.elapsed();

    // Idle: the countdowns redraw once a second; nothing else happens.
    std::thread::sleep(Duration::from_secs(2));
    let idle_secs: u64 = std::env::var("OTP_BENCH_IDLE_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let (ns0, ticks0, t0) = (cpu_ns(pid), cpu_ticks(pid), Instant::now());
    std::thread::sleep(Duration::from_secs(idle_secs));
    let (ns1, ticks1, elapsed) = (cpu_ns(pid), cpu_ticks(pid), t0.elapsed());
    let rss_idle = status_kib(pid, "VmRSS:");
    let (rss_anon, rss_file) = (status_kib(pid, "RssAnon:"), status_kib(pid, "RssFile:"));
    if let Some(path) = std::env::var_os("OTP_BENCH_SMAPS") {
        // Where the idle memory is, mapping by mapping, for whoever asks.
        std::fs::copy(format!("/proc/{pid}/smaps"), path).unwrap();
    }
    let peak = status_kib(pid, "VmHWM:");
    let cpu_percent = (ns1 - ns0) as f64 / elapsed.as_nanos() as f64 * 100.0;
    let tick_percent = (ticks1 - ticks0) as f64 / 100.0 / elapsed.as_secs_f64() * 100.0;

    // Key to redraw: j/k move the selection, which repaints two rows.
    let mut samples = Vec::new();
    for i in 0..40 {
        settle(&tui, Duration::from_millis(150));
        let before = tui.output.lock().unwrap().raw.len();
        let start = Instant::now();
        tui.send(if i % 2 == 0 { "j" } else { "k" });
        loop {
            if tui.output.lock().unwrap().raw.len() > before {
                break;
            }
            if start.elapsed() > Duration::from_secs(2) {
                panic!("no redraw after a key");
            }
            std::thread::sleep(Duration::from_micros(50));
        }
        samples.push(start.elapsed());
    }
    let latency = median(samples.clone());
    let worst = samples.iter().max().copied().unwrap_or_default();
    tui.send("q");
    assert!(tui.wait_exit(Duration::from_secs(10)).success());

    println!(
        "machine: {} cores",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!(
        "unlock (scrypt log_n 18, typed PIN to list drawn): {:.0} ms",
        unlock.as_secs_f64() * 1000.0
    );
    println!(
        "idle CPU over {idle_secs} s after unlock: {cpu_percent:.3} % of one core (schedstat), {tick_percent:.3} % (utime+stime ticks)"
    );
    println!(
        "resident memory: {:.1} MiB locked before unlock, {:.1} MiB idle after unlock ({:.1} MiB anonymous, {:.1} MiB of files: the binary and libraries), {:.1} MiB peak (VmHWM, the unlock's scrypt)",
        mib(rss_locked),
        mib(rss_idle),
        mib(rss_anon),
        mib(rss_file),
        mib(peak)
    );
    println!(
        "resident memory idle after unlock / target 5 MiB: {}",
        if rss_idle <= 5 * 1024 {
            "met"
        } else {
            "MISSED"
        }
    );
    println!(
        "key to redraw (j/k, pty round trip): median {:.2} ms, worst {:.2} ms over {} keys",
        latency.as_secs_f64() * 1000.0,
        worst.as_secs_f64() * 1000.0,
        samples.len()
    );
}
