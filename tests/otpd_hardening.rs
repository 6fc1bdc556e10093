//! otpd's data under a careless filesystem and hostile clients (issue 14, items
//! 10–12), against the real `otpd` binary on 127.0.0.1:
//!
//! - the database and its `-wal`/`-shm` companions are private (0600) and the data
//!   directory otpd creates is 0700; an existing loose database is tightened;
//! - every JSON POST requires `Content-Type: application/json` (415 with a code
//!   otherwise), and a refused request uses nothing up;
//! - what anonymous clients can make otpd write to the audit log is bounded: their
//!   events fold into counted rows, at most a stated number per minute per address.

#![cfg(feature = "server")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::otpd::{AuditLine, OtpdHome, Server, code_at, error_of, outcome};
use common::{assert_success, unix_now};

// ---------------------------------------------------------------------------------------
// Item 10: file modes
// ---------------------------------------------------------------------------------------

/// The permission bits of `path`.
fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// `otpd init` run with the usual umask 022, whatever the test runner's is, with
/// its config in `dir` (which does not exist yet).
fn init_with_umask_022(dir: &Path) -> OtpdHome {
    let config = dir.join("otpd.toml");
    let out = Command::new("sh")
        .arg("-c")
        .arg("umask 022 && exec \"$0\" --config \"$1\" init")
        .arg(env!("CARGO_BIN_EXE_otpd"))
        .arg(&config)
        .env("OTP_LANG", "en")
        .output()
        .unwrap();
    assert_success(&out);
    // The helpers keep their logs and address files in a directory of their own.
    OtpdHome {
        dir: tempfile::TempDir::new_in(dir).unwrap(),
        config,
    }
}

/// Waits (bounded) until `path` exists.
fn wait_for(path: &Path) {
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while !path.exists() {
        assert!(
            std::time::Instant::now() < deadline,
            "{} never appeared",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn the_database_and_its_companions_are_0600_and_the_data_dir_0700() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("otpd");
    let home = init_with_umask_022(&dir);
    let home = home.with_org();
    home.set("rate_limit.enroll_per_minute", 0);
    let db = dir.join("otpd.db");
    let wal = dir.join("otpd.db-wal");
    let shm = dir.join("otpd.db-shm");
    assert_eq!(
        (mode(&dir), mode(&db)),
        (0o700, 0o600),
        "the data directory otpd init creates, and otpd.db in it"
    );

    // Serving, with writes: the write-ahead log and the shared memory exist now.
    let server = home.start();
    for _ in 0..5 {
        let (status, body) = server.request("GET", "/v1/customers/1106", &[], None);
        assert_eq!(status, 200, "{body}");
    }
    wait_for(&wal);
    wait_for(&shm);
    assert_eq!(
        [mode(&dir), mode(&db), mode(&wal), mode(&shm)],
        [0o700, 0o600, 0o600, 0o600],
        "directory, otpd.db, -wal and -shm while serving"
    );
    drop(server);

    // A database left world-readable (by an older otpd or a copy) is tightened at
    // the next start, and a data directory others can enter is reported.
    for path in [&db, &wal, &shm] {
        if path.exists() {
            chmod(path, 0o644);
        }
    }
    chmod(&dir, 0o755);
    let server = home.start();
    let (status, body) = server.request("GET", "/v1/customers/1106", &[], None);
    assert_eq!(status, 200, "{body}");
    wait_for(&wal);
    wait_for(&shm);
    for path in [&db, &wal, &shm] {
        assert_eq!(mode(path), 0o600, "{} after a start", path.display());
    }
    let log = server.log_text();
    let canonical = std::fs::canonicalize(&dir).unwrap();
    assert!(
        log.contains(&format!("chmod 700 {}", canonical.display())),
        "no word about the open data directory:\n{log}"
    );
    assert_eq!(
        mode(&dir),
        0o755,
        "otpd never changes a directory it did not make"
    );
}

// ---------------------------------------------------------------------------------------
// Item 11: JSON bodies need a JSON Content-Type
// ---------------------------------------------------------------------------------------

/// A POST with exactly these headers (no Content-Type unless given): (status, body).
fn post(server: &Server, path: &str, headers: &[(&str, &str)], body: &str) -> (u16, String) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut request = agent.post(format!("{}{path}", server.url));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let mut response = request.send(body).unwrap();
    let status = response.status().as_u16();
    (status, response.body_mut().read_to_string().unwrap())
}

#[test]
fn json_posts_without_a_json_content_type_get_415_and_use_nothing_up() {
    let home = OtpdHome::new(None).with_org();
    home.set("rate_limit.enroll_per_minute", 0);
    let activation = home.issue("jklee", &[]);
    let key = home.api_key();
    let server = home.start();
    // The project's own client enrolls (its POSTs carry the header).
    let pending = server.enroll("jklee", &activation);

    let otp = code_at(&pending.account, unix_now());
    let bearer = format!("Bearer {key}");
    let body = format!(r#"{{"user_id":"jklee","otp":"{otp}"}}"#);
    for content_type in [
        Some("text/plain"),
        Some("text/plain; charset=utf-8"),
        Some("application/x-www-form-urlencoded"),
        Some("application/jsonx"),
        None,
    ] {
        let mut headers = vec![("authorization", bearer.as_str())];
        headers.extend(content_type.map(|value| ("content-type", value)));
        let (status, reply) = post(&server, "/v1/verify", &headers, &body);
        assert_eq!(status, 415, "{content_type:?}: {reply}");
        let (code, message) = error_of(&reply);
        assert_eq!(code, "CE1003", "{content_type:?}: {reply}");
        assert!(message.contains("application/json"), "{message}");
    }
    // In Korean too, with the same code.
    let (status, reply) = post(
        &server,
        "/v1/verify",
        &[
            ("authorization", bearer.as_str()),
            ("accept-language", "ko"),
        ],
        &body,
    );
    assert_eq!(status, 415);
    let (code, message) = error_of(&reply);
    assert_eq!(code, "CE1003");
    assert!(
        message.chars().any(|c| ('가'..='힣').contains(&c)),
        "{message}"
    );
    // The enrollment POSTs ask for it as well.
    for path in [
        "/v1/enroll/start",
        "/v1/enroll/finish",
        "/v1/enroll/activate",
    ] {
        let (status, reply) = post(&server, path, &[("content-type", "text/plain")], "{}");
        assert_eq!(status, 415, "{path}: {reply}");
        assert_eq!(error_of(&reply).0, "CE1003", "{path}");
    }
    // The code was not used up by the refusals: sent as JSON (parameters allowed,
    // any case), it is accepted once.
    let (status, reply) = post(
        &server,
        "/v1/verify",
        &[
            ("authorization", bearer.as_str()),
            ("content-type", "Application/JSON; charset=utf-8"),
        ],
        &body,
    );
    assert_eq!((status, outcome(&reply).as_str()), (200, "ok"), "{reply}");
    let (status, reply) = server.verify(&key, "jklee", &otp);
    assert_eq!((status, outcome(&reply).as_str()), (409, "SE4002"));
}

// ---------------------------------------------------------------------------------------
// Item 12: what anonymous clients can make otpd write
// ---------------------------------------------------------------------------------------

/// The bound README states: rows per minute per address bucket (an IPv4 address, or
/// an IPv6 /64) that anonymous requests can add to the audit log.
const ROWS_PER_MINUTE_PER_BUCKET: usize = 9;

/// The anonymous rows of `otpd audit`.
fn public_rows(home: &OtpdHome) -> Vec<AuditLine> {
    home.audit_rows()
        .into_iter()
        .filter(|row| row.actor.starts_with("public:"))
        .collect()
}

#[test]
fn an_anonymous_flood_adds_a_bounded_number_of_counted_audit_rows() {
    let home = OtpdHome::new(None).with_org();
    home.set("rate_limit.enroll_per_minute", 0);
    // X-Forwarded-For is trusted: one client sends as many IPv6 addresses of one /64.
    home.set("plain_http_behind_proxy", true);
    home.set("sqlite.synchronous", "normal");
    let server = home.start();
    const REQUESTS: usize = 2000;
    const THREADS: usize = 4;
    let first_minute = unix_now() / 60;
    std::thread::scope(|scope| {
        for t in 0..THREADS {
            let server = &server;
            scope.spawn(move || {
                for i in (t..REQUESTS).step_by(THREADS) {
                    let (status, reply) = match i % 4 {
                        // A known customer, looked up again and again.
                        0 => server.request("GET", "/v1/customers/1106", &[], None),
                        // Customer codes nobody has, each different.
                        1 => server.request("GET", &format!("/v1/customers/U{i}"), &[], None),
                        // Enrollment starts for made-up users, each different.
                        2 => server.request(
                            "POST",
                            "/v1/enroll/start",
                            &[],
                            Some(&format!(
                                r#"{{"customer":"1106","user_id":"u{i}","enrollment_id":"x","pake":{{"suite":"s","msg":"m"}}}}"#
                            )),
                        ),
                        // The same from a new IPv6 address each time, all in one /64.
                        _ => server.request(
                            "POST",
                            "/v1/enroll/start",
                            &[("x-forwarded-for", &format!("2001:db8:0:7::{i:x}"))],
                            Some(&format!(
                                r#"{{"customer":"Z{i}","user_id":"v{i}","enrollment_id":"x","pake":{{"suite":"s","msg":"m"}}}}"#
                            )),
                        ),
                    };
                    assert!(
                        matches!(status, 200 | 400 | 404),
                        "request {i}: {status} {reply}"
                    );
                }
            });
        }
    });
    let minutes = (unix_now() / 60 - first_minute + 1) as usize;
    drop(server);

    let audit = home.admin(&["audit", "--limit", "1000000"]);
    let written = audit
        .lines()
        .filter(|line| line.contains(" public:"))
        .count();
    let bound = 2 * ROWS_PER_MINUTE_PER_BUCKET * minutes;
    assert!(
        written <= bound,
        "{written} anonymous audit rows for {REQUESTS} requests over {minutes} minute(s) \
         from 2 address buckets; the bound is {bound}"
    );
    let rows = public_rows(&home);
    // Every request is still counted, and the log says what happened.
    let total: u64 = rows.iter().map(|row| row.count).sum();
    assert_eq!(total, REQUESTS as u64, "{rows:#?}");
    let lookups: u64 = rows
        .iter()
        .filter(|row| {
            row.action == "customer.lookup" && row.outcome == "ok" && row.customer == "1106"
        })
        .map(|row| row.count)
        .sum();
    assert_eq!(lookups, (REQUESTS / 4) as u64, "{rows:#?}");
    // Once the /64 has used up its rows, the rest is counted in one row of its own.
    assert!(
        rows.iter()
            .any(|row| row.action == "public.more" && row.actor == "public:2001:db8:0:7::/64"),
        "{rows:#?}"
    );
    // Texts an attacker made up are not recorded.
    for row in &rows {
        assert!(
            !row.customer.starts_with('U') && !row.customer.starts_with('Z'),
            "{row:?}"
        );
        assert!(
            !row.user.starts_with('u') && !row.user.starts_with('v'),
            "{row:?}"
        );
    }
}

/// The audit log of a quiet server still shows each anonymous event on its own row.
#[test]
fn a_quiet_enrollment_is_audited_in_full() {
    let home = OtpdHome::new(None).with_org();
    let activation = home.issue("jklee", &[]);
    let server = home.start();
    server.enroll("jklee", &activation);
    drop(server);
    let rows = public_rows(&home);
    for action in [
        "customer.lookup",
        "enroll.start",
        "enroll.finish",
        "enroll.activate",
    ] {
        assert!(
            rows.iter()
                .any(|row| row.action == action && row.outcome == "ok" && row.count == 1),
            "{action}: {rows:#?}"
        );
    }
    assert!(
        rows.iter().any(|row| row.action == "enroll.start"
            && row.customer == "1106"
            && row.user == "jklee"),
        "{rows:#?}"
    );
}

/// An enrollment `start` body for a made-up `user` at 1106.
fn start_body(user: &str) -> String {
    use otp::api::pake::{ClientExchange, Context, new_enrollment_id};
    use otp::api::wire::{EnrollStart, PAKE_SUITE, PakeMessage};
    let enrollment_id = new_enrollment_id().unwrap();
    let context = Context {
        customer: "1106",
        user_id: user,
        enrollment_id: &enrollment_id,
    };
    let (_, msg) = ClientExchange::start("123456", &context);
    serde_json::to_string(&EnrollStart {
        customer: "1106".into(),
        user_id: user.into(),
        device_name: None,
        enrollment_id,
        pake: PakeMessage {
            suite: PAKE_SUITE.into(),
            msg,
        },
    })
    .unwrap()
}

/// The rows of `table` in the SQLite database of `home`, read through a
/// read-only connection of its own.
fn rows_in(home: &OtpdHome, table: &str) -> i64 {
    use sqlx::Connection;
    let db = home.config.with_file_name("otpd.db");
    let url = format!("sqlite://{}?mode=ro", db.display());
    let statement = format!("SELECT COUNT(*) FROM {table}");
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(async {
            let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
            sqlx::query_scalar(sqlx::AssertSqlSafe(statement))
                .fetch_one(&mut conn)
                .await
                .unwrap()
        })
}

/// With `uniform_errors`, every start for a made-up user opens a decoy session;
/// the sessions that have expired are deleted, so they do not pile up.
#[test]
fn expired_enrollment_sessions_do_not_pile_up() {
    let home = OtpdHome::new(None).with_org();
    home.set("rate_limit.enroll_per_minute", 0);
    home.set("uniform_errors", true);
    home.set("enrollment_session_secs", 1);
    let server = home.start();
    for i in 0..30 {
        let (status, reply) = server.request(
            "POST",
            "/v1/enroll/start",
            &[],
            Some(&start_body(&format!("ghost{i}"))),
        );
        assert_eq!(status, 200, "{reply}");
    }
    std::thread::sleep(Duration::from_millis(2500));
    let (status, reply) = server.request(
        "POST",
        "/v1/enroll/start",
        &[],
        Some(&start_body("ghost-last")),
    );
    assert_eq!(status, 200, "{reply}");
    assert_eq!(
        rows_in(&home, "enrollments"),
        1,
        "expired sessions are still stored"
    );
}
