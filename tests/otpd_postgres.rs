//! otpd on PostgreSQL: the same schema and statements as SQLite, replay protection
//! under real concurrency, and two `otpd` processes sharing one database. Each test
//! creates and drops its own database. Skips loudly without PostgreSQL (fails with
//! OTP_TEST_REQUIRE_TOOLS=1).

#![cfg(feature = "server")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::Arc;

use otp::api::ErrorCode;
use otp::api::wire::VerifyRequest;
use otp::server::db::{Db, DbOptions};
use otp::server::keys::MasterKey;
use otp::server::policy::Policy;
use otp::server::service::Service;
use sqlx::Connection;

use common::otpd::{OtpdHome, outcome};
use common::service::{admin, public, service_at, start};
use common::{Sandbox, assert_success};

const SEED: &[u8] = b"12345678901234567890";

/// A database of its own on the test PostgreSQL server, dropped at the end.
struct PgDatabase {
    server: String,
    name: String,
}

fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(future)
}

impl PgDatabase {
    fn create() -> Option<Self> {
        let server = common::have_postgres()?;
        let name = format!(
            "otp_test_{}_{}",
            std::process::id(),
            otp::api::pake::new_enrollment_id()
                .unwrap()
                .to_lowercase()
                .replace(['-', '_'], "")
        );
        let statement = format!("CREATE DATABASE \"{name}\"");
        let url = format!("{server}/postgres");
        block_on(async {
            let mut conn = sqlx::PgConnection::connect(&url).await.unwrap();
            sqlx::query(sqlx::AssertSqlSafe(statement))
                .execute(&mut conn)
                .await
                .unwrap();
        });
        Some(Self { server, name })
    }

    fn url(&self) -> String {
        format!("{}/{}", self.server, self.name)
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        let statement = format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.name);
        let url = format!("{}/postgres", self.server);
        block_on(async {
            if let Ok(mut conn) = sqlx::PgConnection::connect(&url).await {
                let _ = sqlx::query(sqlx::AssertSqlSafe(statement))
                    .execute(&mut conn)
                    .await;
            }
        });
    }
}

fn verify_request(otp: &str) -> VerifyRequest {
    VerifyRequest {
        user_id: "jklee".into(),
        otp: otp.into(),
    }
}

#[test]
fn parallel_verifications_and_guesses_on_postgres() {
    let Some(database) = PgDatabase::create() else {
        return;
    };
    let url = database.url();
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
        .block_on(async {
            let service = Arc::new(service_at(&url, Policy::default()).await);
            service
                .insert_active_token("1106", "jklee", SEED, 0)
                .await
                .unwrap();
            let key = service
                .client_add(&admin(), "1106", "portal", 0)
                .await
                .unwrap();
            let client = Arc::new(service.authenticate(&key.key).await.unwrap());
            let now = common::unix_now();
            let otp = common::totp_at(SEED, 60, now);
            let mut tasks = tokio::task::JoinSet::new();
            for _ in 0..64 {
                let (service, client, otp) = (service.clone(), client.clone(), otp.clone());
                tasks.spawn(async move {
                    service
                        .verify(&client, &verify_request(&otp), now)
                        .await
                        .err()
                        .map(|e| e.code())
                });
            }
            let mut accepted = 0;
            while let Some(result) = tasks.join_next().await {
                match result.unwrap() {
                    None => accepted += 1,
                    Some(code) => assert_eq!(code, ErrorCode::Se4002),
                }
            }
            assert_eq!(accepted, 1, "exactly one of 64 parallel verifications");

            // 20 parallel wrong guesses at an activation code check exactly 5.
            let (code, _) = service
                .issue(&admin(), "1106", "jklee", None, now)
                .await
                .unwrap();
            let wrong = if code.as_str() == "000000" {
                "000001"
            } else {
                "000000"
            };
            let mut finishes = Vec::new();
            for _ in 0..20 {
                finishes.push(start(&service, wrong, now).await.unwrap());
            }
            let mut tasks = tokio::task::JoinSet::new();
            for finish in finishes {
                let service = service.clone();
                tasks.spawn(async move {
                    service
                        .enroll_finish(&public(), &finish, now)
                        .await
                        .err()
                        .map(|e| e.code())
                });
            }
            while let Some(result) = tasks.join_next().await {
                assert_eq!(result.unwrap(), Some(ErrorCode::Se3010));
            }
            let attempts: i64 =
                sqlx::query_scalar("SELECT attempts FROM activations WHERE state = 'burned'")
                    .fetch_one(service.db().pool())
                    .await
                    .unwrap();
            assert_eq!(attempts, 5);
            service.db().close().await;
        });
}

#[test]
fn two_otpd_processes_share_one_postgres_database() {
    let Some(database) = PgDatabase::create() else {
        return;
    };
    let home = OtpdHome::new(Some(&database.url())).with_org();
    let first = home.start();
    let second = home.start();
    let key = home.api_key();

    // Enroll through one instance, verify through the other.
    let sandbox = Sandbox::initialised();
    let code = home.issue("jklee", &[]);
    let out = sandbox.run(
        &[
            "add",
            "--customer",
            "1106",
            "--id",
            "jklee",
            "--server",
            &first.url,
        ],
        &format!("{code}\n"),
    );
    assert_success(&out);
    while 60 - common::unix_now() % 60 < 5 {
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    let otp = sandbox.code("Example Org:jklee", &[]);
    let (status, body) = second.verify(&key, "jklee", &otp);
    assert_eq!((status, outcome(&body).as_str()), (200, "ok"), "{body}");
    let (_, body) = first.verify(&key, "jklee", &otp);
    assert_eq!(outcome(&body), "SE4002");

    // Many parallel verifications of one fresh code, split over both instances:
    // exactly one is accepted.
    block_on(async {
        let db = Db::open(&database.url(), &DbOptions::default())
            .await
            .unwrap();
        let master = MasterKey::load(&home.path("master.key")).unwrap();
        let service = Service::new(db, master, Policy::default());
        service
            .insert_active_token("1106", "jklee", SEED, 0)
            .await
            .unwrap();
        service.db().close().await;
    });
    let otp = common::totp_at(SEED, 60, common::unix_now());
    let servers = [&first, &second];
    let outcomes: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..40)
            .map(|i| {
                let server = servers[i % 2];
                let (key, otp) = (&key, &otp);
                scope.spawn(move || outcome(&server.verify(key, "jklee", otp).1))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let accepted = outcomes.iter().filter(|o| *o == "ok").count();
    assert_eq!(accepted, 1, "{outcomes:?}");
    assert!(
        outcomes.iter().all(|o| o == "ok" || o == "SE4002"),
        "{outcomes:?}"
    );
}

/// Anonymous events fold into counted audit rows on PostgreSQL too (the same
/// migration and upsert), and two instances count the same events into the same rows.
#[test]
fn anonymous_events_fold_into_counted_rows_on_postgres() {
    let Some(database) = PgDatabase::create() else {
        return;
    };
    let home = OtpdHome::new(Some(&database.url())).with_org();
    home.set("rate_limit.enroll_per_minute", 0);
    let first = home.start();
    let second = home.start();
    let first_minute = common::unix_now() / 60;
    for i in 0..60 {
        let server = if i % 2 == 0 { &first } else { &second };
        let (status, _) = server.request("GET", "/v1/customers/1106", &[], None);
        assert_eq!(status, 200);
        let (status, _) = server.request("GET", &format!("/v1/customers/U{i}"), &[], None);
        assert_eq!(status, 404);
    }
    let minutes = common::unix_now() / 60 - first_minute + 1;
    drop((first, second));
    let rows: Vec<_> = home
        .audit_rows()
        .into_iter()
        .filter(|row| row.actor == "public:127.0.0.1")
        .collect();
    // Two kinds of event (a known code, made-up ones) in each minute.
    assert!(rows.len() as u64 <= 2 * minutes, "{rows:#?}");
    let count = |outcome: &str, customer: &str| -> u64 {
        rows.iter()
            .filter(|row| row.outcome == outcome && row.customer == customer)
            .map(|row| row.count)
            .sum()
    };
    assert_eq!(
        (count("ok", "1106"), count("CE1001", "")),
        (60, 60),
        "{rows:#?}"
    );
}

/// The delivery statements on PostgreSQL: a customer's message settings changed and
/// cleared, a failed delivery recorded and shown by `user list`.
#[test]
fn customer_settings_and_delivery_records_on_postgres() {
    let Some(database) = PgDatabase::create() else {
        return;
    };
    let home = OtpdHome::new(Some(&database.url())).with_org();
    home.admin(&[
        "customer",
        "set",
        "1106",
        "--lang",
        "KO",
        "--contact",
        "help desk",
    ]);
    home.admin(&["customer", "set", "1106", "--contact", ""]);
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    std::fs::write(home.path("hook.secret"), "s3cret").unwrap();
    home.set("webhook.url", format!("http://127.0.0.1:{port}/otp"));
    home.set("webhook.secret_file", "hook.secret");
    home.set("webhook.retries", 0i64);
    let out = home.run(&[
        "issue",
        "--customer",
        "1106",
        "--user",
        "jklee",
        "--send",
        "webhook",
    ]);
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    let list = home.admin(&["user", "list", "--customer", "1106"]);
    assert!(list.contains("webhook failed SE6012"), "{list}");
    assert!(home.admin(&["audit"]).contains("channel=webhook"));
}

#[test]
fn user_import_on_postgres() {
    let Some(database) = PgDatabase::create() else {
        return;
    };
    let home = OtpdHome::new(Some(&database.url())).with_org();
    let file = home.path("users.csv");
    let mut csv = String::from("아이디,이름,이메일,언어\njklee,이정국,jklee@kisti.re.kr,ko\n");
    for i in 0..300 {
        csv.push_str(&format!("u{i:03},사용자 {i},u{i}@kisti.re.kr,en\n"));
    }
    std::fs::write(&file, &csv).unwrap();
    let path = file.to_str().unwrap();
    let out = home.run(&[
        "user",
        "import",
        path,
        "--customer",
        "1106",
        "--issue",
        "--send",
        "print",
    ]);
    assert_success(&out);
    let err = common::stderr(&out);
    assert!(err.contains("300 added, 1 updated, 0 unchanged"), "{err}");
    // A heading and a code for each of the 301 users (none has a token yet).
    assert_eq!(common::stdout(&out).lines().count(), 302);
    let list = home.admin(&["user", "list", "--customer", "1106"]);
    assert_eq!(list.lines().count(), 302, "{list}");
    let jklee = list.lines().find(|l| l.starts_with("jklee")).unwrap();
    assert!(
        jklee.contains("jklee@kisti.re.kr") && jklee.contains("이정국"),
        "{list}"
    );

    // A file with one bad row changes nothing, on PostgreSQL too.
    std::fs::write(&file, "ID,email\nnew1,new1@kisti.re.kr\nnew2,bad\n").unwrap();
    let out = home.run(&["user", "import", path, "--customer", "1106"]);
    common::assert_failure(&out, 2, &["line 3, column email"]);
    let after = home.admin(&["user", "list", "--customer", "1106"]);
    assert!(!after.contains("new1"), "{after}");
}

/// Push approvals across two instances: a request created on the first wakes a
/// device long-polling on the second within a few seconds (well before its 30 s
/// wait ends: NOTIFY, not a timeout); the approval sent to the second wakes a
/// login system long-polling on the first.
#[test]
fn a_push_request_on_one_instance_wakes_a_device_waiting_on_another() {
    use std::time::{Duration, Instant};

    use otp::api::push::{
        Decision, DevicePoll, DevicePollReply, PushAnswer, PushCreated, PushState, PushStatus,
    };

    let Some(database) = PgDatabase::create() else {
        return;
    };
    let home = OtpdHome::new(Some(&database.url()));
    home.set("rate_limit.enroll_per_minute", 0);
    home.admin(&[
        "customer",
        "add",
        "u1034",
        "Example Univ",
        "--code-digits",
        "5",
    ]);
    home.admin(&["user", "add", "--customer", "U1034", "jklee"]);
    let key = home
        .admin(&["client", "add", "--customer", "u1034", "portal"])
        .trim()
        .to_owned();
    let first = home.start();
    let second = home.start();
    let code = home
        .admin(&["issue", "--customer", "u1034", "--user", "jklee"])
        .trim()
        .to_owned();
    let device = second.enroll_device("u1034", "jklee", &code, true, 0);
    let device_key = device.key();

    let agent = || -> ureq::Agent {
        ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into()
    };
    // The device waits on the second instance.
    let at = common::unix_now();
    let poll = serde_json::to_string(&DevicePoll {
        serial: device.serial.clone(),
        at,
        wait: 30,
        signature: device_key.sign(&DevicePoll::message(&device.serial, at)),
    })
    .unwrap();
    let second_url = second.url.clone();
    let waiting_device = std::thread::spawn(move || {
        let mut response = agent()
            .post(format!("{second_url}/v1/device/poll"))
            .header("content-type", "application/json")
            .send(poll)
            .unwrap();
        let text = response.body_mut().read_to_string().unwrap();
        (Instant::now(), text)
    });
    std::thread::sleep(Duration::from_secs(1));
    // The login system asks the first.
    let sent = Instant::now();
    let (status, body) = first.request(
        "POST",
        "/v1/push",
        &[("authorization", &format!("Bearer {key}"))],
        Some(r#"{"user_id":"jklee","context":{"service":"portal"}}"#),
    );
    assert_eq!(status, 200, "{body}");
    let push: PushCreated = serde_json::from_str(&body).unwrap();
    let (heard, text) = waiting_device.join().unwrap();
    let reply: DevicePollReply = serde_json::from_str(&text).unwrap();
    assert_eq!(reply.requests.len(), 1, "{text}");
    assert_eq!(reply.requests[0].request_id, push.request_id);
    let took = heard.duration_since(sent);
    assert!(
        took < Duration::from_secs(5),
        "the device heard after {took:?}"
    );

    // The login system waits on the first; the approval goes to the second.
    let first_url = first.url.clone();
    let (id, api_key) = (push.request_id.clone(), key.clone());
    let waiting_login = std::thread::spawn(move || {
        let mut response = agent()
            .get(format!("{first_url}/v1/push/{id}?wait=30"))
            .header("authorization", format!("Bearer {api_key}"))
            .call()
            .unwrap();
        let text = response.body_mut().read_to_string().unwrap();
        (Instant::now(), text)
    });
    std::thread::sleep(Duration::from_secs(1));
    let number = push.number.clone();
    let answer = serde_json::to_string(&PushAnswer {
        serial: device.serial.clone(),
        request_id: push.request_id.clone(),
        decision: Decision::Approve,
        number: Some(number.clone()),
        signature: device_key.sign(&PushAnswer::message(
            &device.serial,
            &push.request_id,
            Decision::Approve,
            Some(&number),
        )),
    })
    .unwrap();
    let approved_at = Instant::now();
    let (status, body) = second.request("POST", "/v1/device/answer", &[], Some(&answer));
    assert_eq!(status, 200, "{body}");
    let (seen, text) = waiting_login.join().unwrap();
    let state: PushStatus = serde_json::from_str(&text).unwrap();
    assert_eq!(state.state, PushState::Approved, "{text}");
    let took = seen.duration_since(approved_at);
    assert!(
        took < Duration::from_secs(5),
        "the login system saw it after {took:?}"
    );
}
