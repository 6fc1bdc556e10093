//! `cargo bench --bench otpd_push`: the release `otpd` (SQLite) holding many
//! devices waiting for push requests (`POST /v1/device/poll`, `wait` 30 s), each
//! on a connection of its own: otpd's resident memory while they wait, its
//! `/v1/health` latency meanwhile (target: under 5 ms), and the time from a
//! login system's `POST /v1/push` to the waiting device's answer, on loopback.
//!
//! OTPD_PUSH_DEVICES (default 10000) sets the number of devices; the run raises
//! its file limit to its hard limit, and otpd's `[connections]` caps are lifted
//! (`max_per_address = 0`, `max_total = 0`) since every device comes from
//! 127.0.0.1.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use otp::api::device_key::DeviceKey;
use otp::api::push::DevicePoll;
use otp::server::db::{Db, DbOptions};
use otp::server::keys::MasterKey;
use otp::server::policy::Policy;
use otp::server::service::Service;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

fn otpd(config: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_otpd"))
        .arg("--config")
        .arg(config)
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "otpd {args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// One HTTP/1.1 request on a new connection; the status and body.
async fn http(addr: &str, request: String) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).await.unwrap();
    let status = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut length = 0usize;
    loop {
        line.clear();
        reader.read_line(&mut line).await.unwrap();
        if line == "\r\n" || line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0u8; length];
    reader.read_exact(&mut body).await.unwrap();
    (status, String::from_utf8_lossy(&body).into_owned())
}

fn post(host: &str, path: &str, headers: &str, body: &str) -> String {
    format!(
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

fn raise_file_limit() -> u64 {
    use rustix::process::{Resource, getrlimit, setrlimit};
    let mut limit = getrlimit(Resource::Nofile);
    limit.current = limit.maximum;
    let _ = setrlimit(Resource::Nofile, limit);
    getrlimit(Resource::Nofile).current.unwrap_or(0)
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index].as_secs_f64() * 1000.0
}

fn main() {
    let devices: usize = std::env::var("OTPD_PUSH_DEVICES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let files = raise_file_limit();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("otpd.toml");
    otpd(&config, &["init"]);
    let mut table: toml::Table =
        toml::from_str(&std::fs::read_to_string(&config).unwrap()).unwrap();
    table.insert("log_requests".into(), false.into());
    let mut limits = toml::Table::new();
    limits.insert("enroll_per_minute".into(), 0.into());
    limits.insert("verify_per_second".into(), 0.into());
    table.insert("rate_limit".into(), limits.into());
    let mut connections = toml::Table::new();
    connections.insert("max_per_address".into(), 0.into());
    connections.insert("max_total".into(), 0.into());
    table.insert("connections".into(), connections.into());
    let mut push = toml::Table::new();
    push.insert("max_pending".into(), 100.into());
    table.insert("push".into(), push.into());
    std::fs::write(&config, toml::to_string(&table).unwrap()).unwrap();
    otpd(&config, &["customer", "add", "U1034", "Bench Univ"]);
    let key = otpd(&config, &["client", "add", "--customer", "U1034", "bench"]);
    let key = key.trim().to_owned();

    // Devices with keys, inserted through the library's test shortcut.
    let keys: Vec<DeviceKey> = (0..devices)
        .map(|i| {
            let mut seed = [0u8; 32];
            seed[..8].copy_from_slice(&(i as u64).to_le_bytes());
            DeviceKey::from_bytes(&seed)
        })
        .collect();
    let url = format!("sqlite://{}", dir.path().join("otpd.db").display());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let serials: Vec<String> = runtime.block_on(async {
        let db = Db::open(
            &url,
            &DbOptions {
                max_connections: 1,
                sqlite_synchronous: "off".into(),
            },
        )
        .await
        .unwrap();
        let service = Service::new(
            db,
            MasterKey::load(&dir.path().join("master.key")).unwrap(),
            Policy::default(),
        );
        let batch: Vec<(String, Vec<u8>, Option<String>)> = keys
            .iter()
            .enumerate()
            .map(|(i, key)| {
                (
                    format!("user{i}"),
                    vec![i as u8; 20],
                    Some(otp::api::pake::b64(&key.public())),
                )
            })
            .collect();
        let mut serials = Vec::new();
        for chunk in batch.chunks(5000) {
            serials.extend(
                service
                    .insert_active_tokens_with_keys("U1034", chunk, 0)
                    .await
                    .unwrap(),
            );
        }
        service.db().close().await;
        serials
    });

    let addr_file = dir.path().join("addr");
    let server = Running(
        Command::new(env!("CARGO_BIN_EXE_otpd"))
            .arg("--config")
            .arg(&config)
            .args(["serve", "--listen", "127.0.0.1:0", "--addr-file"])
            .arg(&addr_file)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(dir.path().join("serve.log")).unwrap())
            .spawn()
            .unwrap(),
    );
    let base = loop {
        if let Ok(text) = std::fs::read_to_string(&addr_file)
            && text.ends_with('\n')
        {
            break text.trim().to_owned();
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let addr = base.trim_start_matches("http://").to_owned();
    let pid = server.0.id();
    let idle_rss = rss_kib(pid);

    runtime.block_on(async {
        // Every device waits (30 s) on a connection of its own.
        let opened = Instant::now();
        let mut waiting = Vec::with_capacity(devices);
        for (i, (serial, key)) in serials.iter().zip(&keys).enumerate() {
            let at = now();
            let body = serde_json::to_string(&DevicePoll {
                serial: serial.clone(),
                at,
                wait: 30,
                signature: key.sign(&DevicePoll::message(serial, at)),
            })
            .unwrap();
            let request = post(&addr, "/v1/device/poll", "", &body);
            let addr = addr.clone();
            waiting.push(tokio::spawn(async move {
                let (status, body) = http(&addr, request).await;
                (i, status, body, Instant::now())
            }));
            if i % 500 == 499 {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
        // Let otpd read every poll and settle into waiting.
        tokio::time::sleep(Duration::from_secs(3)).await;
        let opened = opened.elapsed();
        let rss = rss_kib(pid);

        // /v1/health while they wait.
        let mut health = Vec::new();
        for _ in 0..200 {
            let started = Instant::now();
            let request =
                format!("GET /v1/health HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
            let (status, _) = http(&addr, request).await;
            assert_eq!(status, 200);
            health.push(started.elapsed());
        }
        health.sort();

        // POST /v1/push -> the waiting device's answer, for 20 devices.
        let mut latencies = Vec::new();
        let mut waiting = waiting.into_iter();
        for i in 0..20.min(devices) {
            let handle = waiting.next().unwrap();
            let body = format!(r#"{{"user_id":"user{i}","context":{{"service":"bench"}}}}"#);
            let request = post(
                &addr,
                "/v1/push",
                &format!("Authorization: Bearer {key}\r\n"),
                &body,
            );
            let sent = Instant::now();
            let (status, text) = http(&addr, request).await;
            assert_eq!(status, 200, "{text}");
            let (_, status, body, heard) = handle.await.unwrap();
            assert_eq!(status, 200, "{body}");
            assert!(body.contains("bench"), "{body}");
            latencies.push(heard.duration_since(sent));
        }
        latencies.sort();
        // The others still wait: none answered early with an error.
        let rest: Vec<_> = waiting.collect();
        let still = rest.iter().filter(|h| !h.is_finished()).count();

        println!(
            "otpd push: {devices} devices waiting on their own connections (file limit {files}), opened in {:.1} s",
            opened.as_secs_f64()
        );
        println!(
            "  otpd resident memory: {:.1} MiB idle, {:.1} MiB with them waiting ({:.1} KiB per waiting device)",
            idle_rss as f64 / 1024.0,
            rss as f64 / 1024.0,
            (rss.saturating_sub(idle_rss)) as f64 / devices as f64
        );
        println!(
            "  /v1/health while they wait: median {:.2} ms, p99 {:.2} ms (200 requests, new connection each)",
            percentile(&health, 0.5),
            percentile(&health, 0.99)
        );
        println!(
            "  POST /v1/push -> waiting device's answer: median {:.2} ms, max {:.2} ms (20 requests)",
            percentile(&latencies, 0.5),
            percentile(&latencies, 1.0)
        );
        println!("  devices still waiting afterwards: {still} of {}", rest.len());
        for handle in rest {
            handle.abort();
        }
    });
    drop(server);
}
