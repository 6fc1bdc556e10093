//! `cargo bench --bench otpd_import`: what `otpd user import` of a generated file
//! of 5,000 users costs the release `otpd` (wall time and peak resident memory):
//! adding them, updating every one, and issuing each a code (`--issue --send
//! print`, the codes as CSV on stdout), on SQLite (synchronous FULL, the default)
//! and on PostgreSQL when one answers (OTP_TEST_POSTGRES_URL, default
//! postgres://postgres@127.0.0.1:5432).
//!
//! With Python's aiosmtpd installed, it also issues every user a code by email
//! (`--issue --send email`) to a real mail server on 127.0.0.1
//! (tests/data/smtp_sink.py: STARTTLS, a checked login, each message parsed and
//! written to a file), so the mail server's own work is in the time.
//!
//! Peak memory is the child's VmHWM in /proc/<pid>/status, read every 5 ms while it
//! runs (the high-water mark only grows, so the last reading before it exits is
//! its peak but for the last 5 ms). OTPD_BENCH_IMPORT_USERS (default 5000) changes
//! the number of users.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use sqlx::Connection;

#[path = "../common/mail.rs"]
mod mail;

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn otpd(config: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_otpd"));
    command.env("OTP_LANG", "en").arg("--config").arg(config);
    command
}

fn admin(config: &Path, args: &[&str]) {
    let out = otpd(config).args(args).output().unwrap();
    assert!(out.status.success(), "otpd {args:?}: {out:?}");
}

/// The child's high-water mark of resident memory, in KiB, if it still runs.
fn peak_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// One measured run: wall time, peak resident memory (MiB), stdout's lines.
struct Measured {
    time: Duration,
    peak_mib: f64,
    stdout_lines: usize,
}

/// Runs `otpd ARGS` to the end, sampling its memory; stdout to a file.
fn measure(config: &Path, args: &[&str], stdout: &Path) -> Measured {
    let started = Instant::now();
    let mut child = otpd(config)
        .args(args)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(stdout).unwrap())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut peak = 0;
    let status = loop {
        if let Some(kib) = peak_kib(child.id()) {
            peak = peak.max(kib);
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let time = started.elapsed();
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    assert!(status.success(), "otpd {args:?} failed: {err}");
    Measured {
        time,
        peak_mib: peak as f64 / 1024.0,
        stdout_lines: std::fs::read_to_string(stdout).unwrap().lines().count(),
    }
}

/// A file of `users` users with Korean headings, names, addresses and languages;
/// `domain` changes every address (for the update run).
fn users_csv(users: usize, domain: &str) -> String {
    let mut csv = String::from("아이디,이름,이메일,언어,부서\n");
    for i in 0..users {
        let lang = if i % 3 == 0 { "en" } else { "ko" };
        csv.push_str(&format!(
            "user{i:05},사용자 {i},user{i:05}@{domain},{lang},연구{}\n",
            i % 17
        ));
    }
    csv
}

/// `--issue --send email` to a real mail server, every message checked as
/// received; `None` (said loudly) without Python's aiosmtpd.
fn emailed(config: &Path, import: &[&str], out: &Path, users: usize) -> Option<Measured> {
    let have = Command::new("python3")
        .args(["-c", "import aiosmtpd.controller"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !have {
        println!("*** Python's aiosmtpd is not installed: the email row is SKIPPED ***");
        return None;
    }
    let (sink, ca) = mail::mail_server("");
    let dir = config.parent().unwrap();
    std::fs::write(dir.join("smtp.pass"), mail::PASSWORD).unwrap();
    let mut text = std::fs::read_to_string(config).unwrap();
    text.push_str(&format!(
        "\n[smtp]\nhost = \"localhost\"\nport = {}\nsecurity = \"starttls\"\n\
         username = \"otpd\"\npassword_file = \"smtp.pass\"\n\
         from = \"KISTI OTP <otp@kisti.re.kr>\"\nca_file = {:?}\n",
        sink.port,
        ca.to_str().unwrap()
    ));
    std::fs::write(config, text).unwrap();
    let measured = measure(
        config,
        &[import, &["--issue", "--send", "email"]].concat(),
        out,
    );
    assert_eq!(
        measured.stdout_lines, 0,
        "every code delivered, none printed"
    );
    assert_eq!(sink.received().len(), users, "a message per user");
    Some(measured)
}

fn run(label: &str, database: Option<&str>, users: usize) {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("otpd.toml");
    let mut init = otpd(&config);
    init.arg("init");
    if let Some(url) = database {
        init.args(["--database", url]);
    }
    assert!(init.output().unwrap().status.success());
    admin(&config, &["customer", "add", "1106", "Example Org"]);
    let file = dir.path().join("users.csv");
    let path = file.to_str().unwrap();
    let out = dir.path().join("stdout");
    let import = ["user", "import", path, "--customer", "1106"];

    std::fs::write(&file, users_csv(users, "kisti.re.kr")).unwrap();
    let dry = measure(&config, &[&import[..], &["--dry-run"]].concat(), &out);
    let added = measure(&config, &import, &out);
    std::fs::write(&file, users_csv(users, "new.kisti.re.kr")).unwrap();
    let updated = measure(&config, &import, &out);
    let issued = measure(
        &config,
        &[&import[..], &["--issue", "--send", "print"]].concat(),
        &out,
    );
    assert_eq!(
        issued.stdout_lines,
        users + 1,
        "a code per user and a heading"
    );
    let emailed = emailed(&config, &import, &out, users);
    let mut rows = vec![
        ("dry run (all new)", &dry),
        ("add", &added),
        ("update every email", &updated),
        ("--issue --send print (all unchanged)", &issued),
    ];
    if let Some(emailed) = &emailed {
        rows.push(("--issue --send email (STARTTLS, one login)", emailed));
    }
    for (what, m) in rows {
        println!(
            "| {label} | {what} | {users} | {:.2} | {:.0} | {:.1} |",
            m.time.as_secs_f64(),
            users as f64 / m.time.as_secs_f64(),
            m.peak_mib
        );
    }
}

fn main() {
    let users = env_number("OTPD_BENCH_IMPORT_USERS", 5000);
    println!("otpd user import benchmark: release build, {users} users\n");
    println!("| database | run | users | wall s | users/s | peak RSS MiB |");
    println!("|---|---|---|---|---|---|");
    run("SQLite, synchronous=FULL", None, users);

    let server = std::env::var("OTP_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".to_owned());
    if std::net::TcpStream::connect_timeout(
        &"127.0.0.1:5432".parse().unwrap(),
        Duration::from_secs(1),
    )
    .is_err()
    {
        println!("\n*** PostgreSQL does not answer on 127.0.0.1:5432: its rows are SKIPPED ***");
        return;
    }
    let name = format!("otp_bench_import_{}", std::process::id());
    let admin_url = format!("{server}/postgres");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let mut conn = sqlx::PgConnection::connect(&admin_url).await.unwrap();
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE \"{name}\"")))
            .execute(&mut conn)
            .await
            .unwrap();
    });
    run(
        "PostgreSQL, synchronous_commit=on",
        Some(&format!("{server}/{name}")),
        users,
    );
    rt.block_on(async {
        let mut conn = sqlx::PgConnection::connect(&admin_url).await.unwrap();
        let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE \"{name}\" WITH (FORCE)"
        )))
        .execute(&mut conn)
        .await;
    });
}
