//! `cargo bench --bench otpd_flood`: the release `otpd` while 20,000 idle TCP
//! connections from one address (127.0.0.2) are opened and held: `/v1/health`
//! latency from another address (127.0.0.1, a new connection per request) before,
//! during and after the flood, how fast otpd refuses the connections over its
//! per-address cap, and otpd's descriptors and resident memory meanwhile.
//!
//! Bounded in count and time: 20,000 connections (4 child processes of this
//! program, 5,000 each, since one process's file limit is 20,000), 300 health
//! requests per phase, every wait with a deadline; it stops by itself. Held
//! connections stay until the end (idle and header timeouts of 600 s), so only
//! the caps protect otpd (defaults: 256 per address, the total below the file
//! limit).
//!
//! OTPD_FLOOD_CONNECTIONS (default 20000) changes the flood size.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../common/flood.rs"]
mod flood;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, SocketAddrV4, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

const CHILDREN: usize = 4;
const CHILD_ENV: &str = "OTPD_FLOOD_CHILD";
const HEALTH_SAMPLES: usize = 300;

fn otpd(config: &Path, args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_otpd"))
        .arg("--config")
        .arg(config)
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "otpd {args:?}: {out:?}");
}

struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// One `GET /v1/health` on a new connection from 127.0.0.1: its latency, or why not.
fn health(to: SocketAddrV4) -> Result<Duration, String> {
    let started = Instant::now();
    let limit = Duration::from_secs(5);
    let mut stream =
        TcpStream::connect_timeout(&SocketAddr::V4(to), limit).map_err(|e| e.to_string())?;
    stream.set_nodelay(true).unwrap();
    stream.set_read_timeout(Some(limit)).unwrap();
    stream
        .write_all(b"GET /v1/health HTTP/1.1\r\nhost: otpd\r\nconnection: close\r\n\r\n")
        .map_err(|e| e.to_string())?;
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).map_err(|e| e.to_string())?;
    if bytes.starts_with(b"HTTP/1.1 200") {
        Ok(started.elapsed())
    } else {
        Err(String::from_utf8_lossy(&bytes).into_owned())
    }
}

struct Latencies(Vec<Duration>, usize);

impl Latencies {
    fn sample(to: SocketAddrV4, count: usize, stop: Option<&AtomicBool>) -> Self {
        let mut ok = Vec::new();
        let mut failed = 0;
        for _ in 0..count {
            if stop.is_some_and(|s| s.load(Ordering::Relaxed)) {
                break;
            }
            match health(to) {
                Ok(latency) => ok.push(latency),
                Err(_) => failed += 1,
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        ok.sort();
        Self(ok, failed)
    }

    fn ms(&self, p: f64) -> f64 {
        if self.0.is_empty() {
            return f64::NAN;
        }
        let index = ((self.0.len() as f64 - 1.0) * p).round() as usize;
        self.0[index].as_secs_f64() * 1000.0
    }

    fn line(&self, phase: &str) -> String {
        format!(
            "| {phase} | {} ok, {} failed | {:.2} ms | {:.2} ms | {:.2} ms |",
            self.0.len(),
            self.1,
            self.ms(0.5),
            self.ms(0.99),
            self.ms(1.0)
        )
    }
}

/// (descriptors, resident KiB) of process `pid`.
fn footprint(pid: u32) -> (usize, u64) {
    let fds = std::fs::read_dir(format!("/proc/{pid}/fd"))
        .map(|d| d.count())
        .unwrap_or(0);
    let rss = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0);
    (fds, rss)
}

fn main() {
    let total: usize = std::env::var("OTPD_FLOOD_CONNECTIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    if let Ok(target) = std::env::var(CHILD_ENV) {
        flood::open_and_hold(
            target.parse().unwrap(),
            total / CHILDREN,
            Duration::from_secs(1),
        );
        return;
    }

    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("otpd.toml");
    otpd(&config, &["init"]);
    let mut table: toml::Table =
        toml::from_str(&std::fs::read_to_string(&config).unwrap()).unwrap();
    let connections = table
        .entry("connections")
        .or_insert_with(|| toml::Value::Table(toml::Table::new()))
        .as_table_mut()
        .unwrap();
    connections.insert("idle_timeout_secs".to_owned(), 600.into());
    connections.insert("header_timeout_secs".to_owned(), 600.into());
    std::fs::write(&config, toml::to_string(&table).unwrap()).unwrap();
    let addr_file = dir.path().join("addr");
    let log = dir.path().join("serve.log");
    let server = Running(
        Command::new(env!("CARGO_BIN_EXE_otpd"))
            .arg("--config")
            .arg(&config)
            .args(["serve", "--listen", "127.0.0.1:0", "--addr-file"])
            .arg(&addr_file)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap(),
    );
    let deadline = Instant::now() + Duration::from_secs(30);
    let url = loop {
        if let Ok(text) = std::fs::read_to_string(&addr_file)
            && text.ends_with('\n')
        {
            break text.trim().to_owned();
        }
        assert!(
            Instant::now() < deadline,
            "otpd did not start: {}",
            std::fs::read_to_string(&log).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    let to: SocketAddrV4 = url.trim_start_matches("http://").parse().unwrap();
    let pid = server.0.id();

    let before = Latencies::sample(to, HEALTH_SAMPLES, None);
    let idle_footprint = footprint(pid);

    // The flood, with health sampled while it is being opened.
    let exe = std::env::current_exe().unwrap();
    let started = Instant::now();
    let mut children: Vec<Running> = (0..CHILDREN)
        .map(|_| {
            Running(
                Command::new(&exe)
                    .env(CHILD_ENV, to.to_string())
                    .env("OTPD_FLOOD_CONNECTIONS", total.to_string())
                    .stdin(Stdio::piped())
                    .stdout(Stdio::piped())
                    .stderr(Stdio::null())
                    .spawn()
                    .unwrap(),
            )
        })
        .collect();
    let (tx, rx) = std::sync::mpsc::channel();
    for child in &mut children {
        let stdout = child.0.stdout.take().unwrap();
        let tx = tx.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some((_, rest)) = line.split_once("flood-ready ") {
                    let n: Vec<u128> = rest.split(' ').map(|n| n.parse().unwrap()).collect();
                    let _ = tx.send((n[0], n[1], n[2], n[3]));
                }
            }
        });
    }
    drop(tx);
    let stop = AtomicBool::new(false);
    let (during, reports) = std::thread::scope(|scope| {
        let sampler = scope.spawn(|| Latencies::sample(to, HEALTH_SAMPLES * 10, Some(&stop)));
        let mut reports = Vec::new();
        let limit = Instant::now() + Duration::from_secs(150);
        while reports.len() < CHILDREN {
            match rx.recv_timeout(limit.saturating_duration_since(Instant::now())) {
                Ok(report) => reports.push(report),
                Err(_) => break,
            }
        }
        stop.store(true, Ordering::Relaxed);
        (sampler.join().unwrap(), reports)
    });
    let flood_secs = started.elapsed().as_secs_f64();
    let (opened, closed, failed) = reports
        .iter()
        .fold((0, 0, 0), |(o, c, f), r| (o + r.0, c + r.1, f + r.2));
    let connect_secs = reports.iter().map(|r| r.3).max().unwrap_or(0) as f64 / 1000.0;
    let held = footprint(pid);
    let under = Latencies::sample(to, HEALTH_SAMPLES, None);
    let held_after = footprint(pid);
    drop(children);
    std::thread::sleep(Duration::from_secs(2));
    let after = Latencies::sample(to, HEALTH_SAMPLES, None);
    let released = footprint(pid);
    let refused_lines = std::fs::read_to_string(&log)
        .unwrap_or_default()
        .lines()
        .filter(|l| l.contains("otpd: refused "))
        .map(str::to_owned)
        .collect::<Vec<_>>();

    println!("otpd flood: {total} idle connections from 127.0.0.2, /v1/health from 127.0.0.1");
    println!(
        "{} of {CHILDREN} flooders reported; {opened} connections opened, {closed} closed by otpd \
         (over the per-address cap), {failed} not opened; opening took {connect_secs:.1} s \
         ({:.0} refused/s; whole flood phase {flood_secs:.1} s)",
        reports.len(),
        closed as f64 / connect_secs.max(0.001)
    );
    println!("| phase | requests | p50 | p99 | max |");
    println!("|---|---|---|---|---|");
    println!("{}", before.line("before the flood"));
    println!("{}", during.line("while the flood is opened"));
    println!("{}", under.line(&format!("while all {total} are held")));
    println!("{}", after.line("after the flooders exit"));
    println!(
        "otpd descriptors / resident memory: idle {} / {} KiB; flooded {} / {} KiB (and {} / {} KiB \
         after the held-phase samples); after {} / {} KiB",
        idle_footprint.0,
        idle_footprint.1,
        held.0,
        held.1,
        held_after.0,
        held_after.1,
        released.0,
        released.1
    );
    for line in refused_lines {
        println!("log: {line}");
    }
}
