//! `cargo bench --bench otpd`: verifications per second and latency percentiles of
//! the release `otpd` on SQLite (synchronous FULL and NORMAL) and PostgreSQL, beside
//! the same server's `/v1/health` throughput in the same run.
//!
//! Load comes from this machine on 127.0.0.1 (keep-alive connections, one thread
//! each), bounded in requests and time. Every verification is of a distinct
//! user's current code and must be accepted (200): each one commits its replay
//! step (`last_step`) and its audit entry before the answer. PostgreSQL runs when
//! one answers (OTP_TEST_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432).
//!
//! OTPD_BENCH_CONNECTIONS (default 16), OTPD_BENCH_SECONDS (default 8) and
//! OTPD_BENCH_USERS (default 40000) change the load; OTPD_BENCH_METRICS=1 turns
//! `[metrics]` on, to see what counting costs.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use otp::server::db::{Db, DbOptions};
use otp::server::keys::MasterKey;
use otp::server::policy::Policy;
use otp::server::service::Service;
use sha2::Digest;
use sqlx::Connection;

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

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

fn seed(i: usize) -> Vec<u8> {
    sha2::Sha256::digest(format!("bench seed {i}").as_bytes())[..20].to_vec()
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

fn code(i: usize, time: u64) -> String {
    otp::code::hotp(
        &otp::secret::SecretKey::from_bytes(seed(i)),
        otp::code::Algorithm::Sha1,
        otp::code::Digits::SIX,
        time / 60,
    )
    .as_str()
    .to_owned()
}

struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

struct Load {
    requests: usize,
    ok: usize,
    seconds: f64,
    latencies: Vec<Duration>,
}

impl Load {
    fn rate(&self) -> f64 {
        self.requests as f64 / self.seconds
    }

    fn percentile(&self, p: f64) -> f64 {
        let index = ((self.latencies.len() as f64 - 1.0) * p).round() as usize;
        self.latencies[index].as_secs_f64() * 1000.0
    }
}

/// Sends up to `total` requests for at most `seconds`, from `connections` threads.
fn load(
    connections: usize,
    total: usize,
    seconds: u64,
    request: impl Fn(&ureq::Agent, usize) -> u16 + Sync,
) -> Load {
    let next = AtomicUsize::new(0);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let results: Vec<(usize, Vec<Duration>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..connections)
            .map(|_| {
                let (next, request) = (&next, &request);
                scope.spawn(move || {
                    let agent: ureq::Agent = ureq::Agent::config_builder()
                        .http_status_as_error(false)
                        .build()
                        .into();
                    let mut ok = 0;
                    let mut latencies = Vec::new();
                    while Instant::now() < deadline {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= total {
                            break;
                        }
                        let t = Instant::now();
                        let status = request(&agent, i);
                        latencies.push(t.elapsed());
                        if status == 200 {
                            ok += 1;
                        }
                    }
                    (ok, latencies)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let seconds = started.elapsed().as_secs_f64();
    let ok = results.iter().map(|r| r.0).sum();
    let mut latencies: Vec<Duration> = results.into_iter().flat_map(|r| r.1).collect();
    latencies.sort();
    Load {
        requests: latencies.len(),
        ok,
        seconds,
        latencies,
    }
}

fn run(label: &str, database: Option<&str>, synchronous: &str, users: usize) {
    let connections = env_number("OTPD_BENCH_CONNECTIONS", 16);
    let seconds = env_number("OTPD_BENCH_SECONDS", 8) as u64;
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("otpd.toml");
    let mut args = vec!["init"];
    if let Some(url) = database {
        args.extend(["--database", url]);
    }
    otpd(&config, &args);
    let mut table: toml::Table =
        toml::from_str(&std::fs::read_to_string(&config).unwrap()).unwrap();
    table.insert("log_requests".into(), true.into());
    let mut limits = toml::Table::new();
    limits.insert("enroll_per_minute".into(), 30.into());
    limits.insert("verify_per_second".into(), 0.into());
    table.insert("rate_limit".into(), limits.into());
    let mut sqlite = toml::Table::new();
    sqlite.insert("synchronous".into(), synchronous.into());
    table.insert("sqlite".into(), sqlite.into());
    if std::env::var("OTPD_BENCH_METRICS").is_ok_and(|v| v == "1") {
        let mut metrics = toml::Table::new();
        metrics.insert("enabled".into(), true.into());
        table.insert("metrics".into(), metrics.into());
    }
    std::fs::write(&config, toml::to_string(&table).unwrap()).unwrap();
    otpd(&config, &["customer", "add", "1106", "Bench Org"]);
    let key = otpd(&config, &["client", "add", "--customer", "1106", "bench"]);
    let key = key.trim().to_owned();

    // Tokens for distinct users, inserted in one transaction through the library.
    let url = database
        .map(str::to_owned)
        .unwrap_or_else(|| format!("sqlite://{}", dir.path().join("otpd.db").display()));
    let setup = Instant::now();
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(async {
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
            let batch: Vec<(String, Vec<u8>)> =
                (0..users).map(|i| (format!("user{i}"), seed(i))).collect();
            for chunk in batch.chunks(5000) {
                service
                    .insert_active_tokens("1106", chunk, 0)
                    .await
                    .unwrap();
            }
            service.db().close().await;
        });
    let setup = setup.elapsed();

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

    // Do not straddle a step boundary needlessly: codes of T-1 would still pass,
    // but wait if fewer than `seconds + 2` seconds are left in the step.
    while 60 - now() % 60 < seconds + 2 {
        std::thread::sleep(Duration::from_millis(200));
    }
    let health_url = format!("{base}/v1/health");
    let health = load(connections, 200_000, seconds, |agent, _| {
        let mut response = agent.get(&health_url).call().unwrap();
        let _ = response.body_mut().read_to_string();
        response.status().as_u16()
    });
    let verify_url = format!("{base}/v1/verify");
    let bearer = format!("Bearer {key}");
    let verify = load(connections, users, seconds, |agent, i| {
        let body = format!(r#"{{"user_id":"user{i}","otp":"{}"}}"#, code(i, now()));
        let mut response = agent
            .post(&verify_url)
            .header("authorization", &bearer)
            .header("content-type", "application/json")
            .send(body)
            .unwrap();
        let _ = response.body_mut().read_to_string();
        response.status().as_u16()
    });
    drop(server);
    assert_eq!(
        verify.ok, verify.requests,
        "{label}: every verification must be accepted"
    );
    println!(
        "| {label} | {:.0} | {:.2} | {:.2} | {:.0} | {:.2} | {} in {:.1} s (setup of {users} tokens {:.1} s) |",
        verify.rate(),
        verify.percentile(0.5),
        verify.percentile(0.99),
        health.rate(),
        health.percentile(0.5),
        verify.requests,
        verify.seconds,
        setup.as_secs_f64(),
    );
}

fn main() {
    let users = env_number("OTPD_BENCH_USERS", 40_000);
    println!(
        "otpd benchmark: {} connections from 127.0.0.1, release build, request log on (to a file)\n",
        env_number("OTPD_BENCH_CONNECTIONS", 16)
    );
    println!(
        "| database and durability | verifications/s | p50 ms | p99 ms | /v1/health req/s | health p50 ms | verifications |"
    );
    println!("|---|---|---|---|---|---|---|");
    run(
        "SQLite WAL, synchronous=FULL (fsync per commit)",
        None,
        "full",
        users,
    );
    run(
        "SQLite WAL, synchronous=NORMAL (no fsync per commit)",
        None,
        "normal",
        users,
    );

    let server = std::env::var("OTP_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".to_owned());
    if std::net::TcpStream::connect_timeout(
        &"127.0.0.1:5432".parse().unwrap(),
        Duration::from_secs(1),
    )
    .is_err()
    {
        println!("\n*** PostgreSQL does not answer on 127.0.0.1:5432: its row is SKIPPED ***");
        return;
    }
    let name = format!("otp_bench_{}", std::process::id());
    let admin = format!("{server}/postgres");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let mut conn = sqlx::PgConnection::connect(&admin).await.unwrap();
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE \"{name}\"")))
            .execute(&mut conn)
            .await
            .unwrap();
    });
    let url = format!("{server}/{name}");
    run(
        "PostgreSQL 15, synchronous_commit=on (WAL flush per commit)",
        Some(&url),
        "full",
        users,
    );
    rt.block_on(async {
        let mut conn = sqlx::PgConnection::connect(&admin).await.unwrap();
        let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE \"{name}\" WITH (FORCE)"
        )))
        .execute(&mut conn)
        .await;
    });
}
