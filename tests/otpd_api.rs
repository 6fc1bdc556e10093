//! otpd's HTTP API on the router itself (no sockets), served in-process on a
//! loopback port, and its service under concurrency, on SQLite in a temporary
//! directory.

#![cfg(feature = "server")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use otp::api::ErrorCode;
use otp::api::wire::{MAX_BODY_BYTES, VerifyRequest};
use otp::otpd_cli::words::WORDING;
use otp::server::ServerError;
use otp::server::config::RateLimits;
use otp::server::http::{AppState, router};
use otp::server::policy::Policy;
use otp::server::serve::{Listener, serve};
use otp::server::service::{ApiClient, Service};
use tower::ServiceExt;

use common::service::{admin, public, sqlite_service, start};

const SEED: &[u8] = b"12345678901234567890";

async fn call(
    app: &axum::Router,
    method: &str,
    uri: &str,
    headers: &[(&str, &str)],
    body: Vec<u8>,
) -> (
    StatusCode,
    Option<String>,
    serde_json::Value,
    Option<String>,
) {
    let mut request = Request::builder().method(method).uri(uri);
    if method == "POST" {
        request = request.header("content-type", "application/json");
    }
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = app
        .clone()
        .oneshot(request.body(Body::from(body)).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let retry = response
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap().to_owned());
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null);
    let code = json["error"]["code"].as_str().map(str::to_owned);
    (status, code, json, retry)
}

fn app(service: Service, limits: RateLimits) -> axum::Router {
    router(Arc::new(AppState::new(
        service, &limits, false, false, WORDING,
    )))
}

fn no_limits() -> RateLimits {
    RateLimits {
        enroll_per_minute: 0,
        verify_per_second: 0,
    }
}

#[tokio::test]
async fn hostile_input_gets_4xx_with_a_code() {
    let dir = tempfile::tempdir().unwrap();
    let service = sqlite_service(dir.path(), Policy::default()).await;
    let app = app(service, no_limits());

    let (status, _, json, _) = call(&app, "GET", "/v1/health", &[], vec![]).await;
    assert_eq!(
        (status, json["status"].as_str()),
        (StatusCode::OK, Some("ok"))
    );
    let (status, _, json, _) = call(&app, "GET", "/v1/customers/1106", &[], vec![]).await;
    assert_eq!(
        (status, json["name"].as_str()),
        (StatusCode::OK, Some("Example Org"))
    );

    let cases: Vec<(&str, String, Vec<u8>, StatusCode, &str)> = vec![
        ("POST", "/v1/enroll/start".into(), vec![b'{'; MAX_BODY_BYTES + 10], StatusCode::PAYLOAD_TOO_LARGE, "CE1002"),
        ("POST", "/v1/enroll/start".into(), b"{".to_vec(), StatusCode::BAD_REQUEST, "CE1002"),
        ("POST", "/v1/enroll/start".into(), b"[1,2,3]".to_vec(), StatusCode::BAD_REQUEST, "CE1002"),
        ("POST", "/v1/enroll/start".into(), br#"{"customer":"1106","user_id":"jklee","enrollment_id":"x","pake":{"suite":"s","msg":"m"},"extra":1}"#.to_vec(), StatusCode::BAD_REQUEST, "CE1002"),
        ("POST", "/v1/enroll/start".into(), br#"{"customer":"1106","user_id":"jklee","enrollment_id":"x","pake":{"suite":"s","msg":"m"}}"#.to_vec(), StatusCode::BAD_REQUEST, "CE1002"),
        ("POST", "/v1/enroll/finish".into(), br#"{"enrollment_id":"AAAAAAAAAAAAAAAAAAAAAA","client_confirm":"AA"}"#.to_vec(), StatusCode::GONE, "SE3020"),
        ("POST", "/v1/enroll/activate".into(), br#"{"serial":"nope","otp":"123456"}"#.to_vec(), StatusCode::NOT_FOUND, "SE4004"),
        ("GET", "/v1/customers/9999".into(), vec![], StatusCode::NOT_FOUND, "CE1001"),
        ("GET", format!("/v1/customers/{}", "9".repeat(200)), vec![], StatusCode::BAD_REQUEST, "CE1002"),
        ("GET", "/v1/customers/%ff%fe".into(), vec![], StatusCode::BAD_REQUEST, "CE1002"),
        ("GET", "/v1/customers/a%2Fb".into(), vec![], StatusCode::BAD_REQUEST, "CE1002"),
        ("GET", "/nothing/here".into(), vec![], StatusCode::NOT_FOUND, "CE1002"),
        ("DELETE", "/v1/verify".into(), vec![], StatusCode::METHOD_NOT_ALLOWED, "CE1002"),
        ("POST", "/v1/verify".into(), br#"{"user_id":"jklee","otp":"123456"}"#.to_vec(), StatusCode::UNAUTHORIZED, "SE5001"),
    ];
    for (method, uri, body, want_status, want_code) in cases {
        let (status, code, json, _) = call(&app, method, &uri, &[], body).await;
        assert_eq!(status, want_status, "{method} {uri}: {json}");
        assert_eq!(code.as_deref(), Some(want_code), "{method} {uri}: {json}");
        assert!(json["error"]["message"].as_str().unwrap().len() > 20);
    }
    for key in [
        "otpk_x_y",
        "Basic abc",
        "otpk_00000000000000000000000000000000_secret",
    ] {
        let (status, code, _, _) = call(
            &app,
            "POST",
            "/v1/verify",
            &[("authorization", &format!("Bearer {key}"))],
            br#"{"user_id":"jklee","otp":"123456"}"#.to_vec(),
        )
        .await;
        assert_eq!(
            (status, code.as_deref()),
            (StatusCode::UNAUTHORIZED, Some("SE5001")),
            "{key}"
        );
    }
}

#[tokio::test]
async fn rate_limits_answer_429_with_retry_after() {
    let dir = tempfile::tempdir().unwrap();
    let service = sqlite_service(dir.path(), Policy::default()).await;
    let app = app(
        service,
        RateLimits {
            enroll_per_minute: 2,
            verify_per_second: 1,
        },
    );
    for _ in 0..2 {
        let (status, _, _, _) = call(&app, "GET", "/v1/customers/1106", &[], vec![]).await;
        assert_eq!(status, StatusCode::OK);
    }
    let (status, code, _, retry) = call(&app, "GET", "/v1/customers/1106", &[], vec![]).await;
    assert_eq!(
        (status, code.as_deref()),
        (StatusCode::TOO_MANY_REQUESTS, Some("SE5029"))
    );
    let seconds: u64 = retry.expect("Retry-After").parse().unwrap();
    assert!((1..=61).contains(&seconds), "{seconds}");
    // Health is never limited; verify has its own budget.
    for _ in 0..5 {
        assert_eq!(
            call(&app, "GET", "/v1/health", &[], vec![]).await.0,
            StatusCode::OK
        );
    }
    let verify = || call(&app, "POST", "/v1/verify", &[], b"{}".to_vec());
    assert_eq!(verify().await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(verify().await.0, StatusCode::TOO_MANY_REQUESTS);
}

fn code_of(result: Result<impl Sized, ServerError>) -> Option<ErrorCode> {
    result.err().map(|e| e.code())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parallel_guesses_never_check_more_than_five() {
    let dir = tempfile::tempdir().unwrap();
    let service = Arc::new(sqlite_service(dir.path(), Policy::default()).await);
    let now = 1_800_000_000;
    let (code, _) = service
        .issue(&admin(), "1106", "jklee", None, now)
        .await
        .unwrap();
    let wrong = if code.as_str() == "000000" {
        "000001"
    } else {
        "000000"
    };
    // 20 sessions with wrong codes, finished all at once.
    let mut finishes = Vec::new();
    for _ in 0..20 {
        finishes.push(start(&service, wrong, now).await.unwrap());
    }
    let mut tasks = tokio::task::JoinSet::new();
    for finish in finishes {
        let service = service.clone();
        tasks.spawn(async move { code_of(service.enroll_finish(&public(), &finish, now).await) });
    }
    while let Some(result) = tasks.join_next().await {
        assert_eq!(result.unwrap(), Some(ErrorCode::Se3010));
    }
    let attempts: i64 = sqlx::query_scalar("SELECT attempts FROM activations")
        .fetch_one(service.db().pool())
        .await
        .unwrap();
    assert_eq!(attempts, 5);
    // Burned: the right code fails at start now.
    assert_eq!(
        code_of(start(&service, &code, now).await),
        Some(ErrorCode::Se3010)
    );
}

#[tokio::test]
async fn sessions_expire_without_using_a_try() {
    let dir = tempfile::tempdir().unwrap();
    let service = sqlite_service(dir.path(), Policy::default()).await;
    let now = 1_800_000_000;
    let (code, _) = service
        .issue(&admin(), "1106", "jklee", None, now)
        .await
        .unwrap();
    let finish = start(&service, &code, now).await.unwrap();
    let late = now + service.policy().session_secs + 1;
    assert_eq!(
        code_of(service.enroll_finish(&public(), &finish, late).await),
        Some(ErrorCode::Se3020)
    );
    // A session is one try: finishing it again is refused.
    assert_eq!(
        code_of(service.enroll_finish(&public(), &finish, now).await),
        Some(ErrorCode::Se3020)
    );
    let attempts: i64 = sqlx::query_scalar("SELECT attempts FROM activations")
        .fetch_one(service.db().pool())
        .await
        .unwrap();
    assert_eq!(attempts, 0);
    // The 3-day default expiry.
    let finish = start(&service, &code, now + 72 * 3600 - 1).await;
    assert!(finish.is_ok());
    assert_eq!(
        code_of(start(&service, &code, now + 72 * 3600).await),
        Some(ErrorCode::Se3010)
    );
}

async fn api_client(service: &Service) -> ApiClient {
    let key = service
        .client_add(&admin(), "1106", "portal", 0)
        .await
        .unwrap();
    service.authenticate(&key.key).await.unwrap()
}

fn verify_request(otp: &str) -> VerifyRequest {
    VerifyRequest {
        user_id: "jklee".into(),
        otp: otp.into(),
    }
}

#[tokio::test]
async fn steps_t_and_t_minus_one_once_each_and_never_backwards() {
    let dir = tempfile::tempdir().unwrap();
    let service = sqlite_service(dir.path(), Policy::default()).await;
    service
        .insert_active_token("1106", "jklee", SEED, 0)
        .await
        .unwrap();
    let client = api_client(&service).await;
    let now = 1_800_000_030; // step T = 30_000_000
    let at = |t: u64| common::totp_at(SEED, 60, t);
    let verify = |otp: String| {
        let service = &service;
        let client = &client;
        async move { code_of(service.verify(client, &verify_request(&otp), now).await) }
    };
    assert_eq!(verify(at(now - 120)).await, Some(ErrorCode::Se4001)); // T-2
    assert_eq!(verify(at(now + 60)).await, Some(ErrorCode::Se4001)); // T+1
    assert_eq!(verify(at(now - 60)).await, None); // T-1, once
    assert_eq!(verify(at(now - 60)).await, Some(ErrorCode::Se4002));
    assert_eq!(verify(at(now)).await, None); // T, once
    assert_eq!(verify(at(now)).await, Some(ErrorCode::Se4002));
    assert_eq!(verify("12345".into()).await, Some(ErrorCode::Ce1002));
    // After T was accepted, T-1 is at or before the last accepted step.
    service
        .insert_active_token("1106", "jklee", SEED, 0)
        .await
        .unwrap();
    assert_eq!(verify(at(now)).await, None);
    assert_eq!(verify(at(now - 60)).await, Some(ErrorCode::Se4002));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parallel_verifications_of_one_code_accept_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let service = Arc::new(sqlite_service(dir.path(), Policy::default()).await);
    service
        .insert_active_token("1106", "jklee", SEED, 0)
        .await
        .unwrap();
    let client = Arc::new(api_client(&service).await);
    let now = common::unix_now();
    let otp = common::totp_at(SEED, 60, now);
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..64 {
        let (service, client, otp) = (service.clone(), client.clone(), otp.clone());
        tasks.spawn(
            async move { code_of(service.verify(&client, &verify_request(&otp), now).await) },
        );
    }
    let mut accepted = 0;
    while let Some(result) = tasks.join_next().await {
        match result.unwrap() {
            None => accepted += 1,
            Some(code) => assert_eq!(code, ErrorCode::Se4002),
        }
    }
    assert_eq!(accepted, 1);
    // Every verification has its audit row, whatever group it was committed in.
    let audited: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit WHERE action = 'verify'")
        .fetch_one(service.db().pool())
        .await
        .unwrap();
    assert_eq!(audited, 64);
}

/// A blocking HTTP request (ureq, which never fails on a status): (status, body).
fn http(method: &str, url: &str, key: Option<&str>, body: Option<String>) -> (u16, String) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut response = match (method, body) {
        ("POST", Some(body)) => {
            let mut request = agent.post(url).header("content-type", "application/json");
            if let Some(key) = key {
                request = request.header("authorization", format!("Bearer {key}"));
            }
            request.send(body).unwrap()
        }
        _ => agent.get(url).call().unwrap(),
    };
    let status = response.status().as_u16();
    (status, response.body_mut().read_to_string().unwrap())
}

/// The real router served in-process on 127.0.0.1:0: requests over HTTP end to
/// end, then a graceful shutdown when the shutdown future resolves.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serves_in_process_over_http_until_the_shutdown_future_resolves() {
    let dir = tempfile::tempdir().unwrap();
    let service = sqlite_service(dir.path(), Policy::default()).await;
    service
        .insert_active_token("1106", "jklee", SEED, 0)
        .await
        .unwrap();
    let key = service
        .client_add(&admin(), "1106", "portal", 0)
        .await
        .unwrap()
        .key;
    let listener = Listener::plain(std::net::TcpListener::bind("127.0.0.1:0").unwrap()).unwrap();
    let addr = listener.local_addr();
    let url = listener.url();
    assert_eq!(url, format!("http://{addr}"));
    let state = AppState::new(service, &RateLimits::default(), false, false, WORDING);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(serve(state, listener, async {
        let _ = stopped.await;
    }));

    let requests = {
        let url = url.clone();
        let key = key.to_string();
        tokio::task::spawn_blocking(move || {
            let lookup = http("GET", &format!("{url}/v1/customers/1106"), None, None);
            let unknown = http("GET", &format!("{url}/v1/customers/9999"), None, None);
            let otp = common::totp_at(SEED, 60, common::unix_now());
            let body = serde_json::to_string(&verify_request(&otp)).unwrap();
            let verified = http("POST", &format!("{url}/v1/verify"), Some(&key), Some(body));
            (lookup, unknown, verified)
        })
    };
    let (lookup, unknown, verified) = requests.await.unwrap();
    assert_eq!(lookup.0, 200, "{}", lookup.1);
    let info: serde_json::Value = serde_json::from_str(&lookup.1).unwrap();
    assert_eq!(info["name"], "Example Org");
    assert_eq!(unknown.0, 404, "{}", unknown.1);
    assert!(unknown.1.contains("CE1001"), "{}", unknown.1);
    assert_eq!(verified.0, 200, "{}", verified.1);
    let reply: serde_json::Value = serde_json::from_str(&verified.1).unwrap();
    assert_eq!(reply["ok"], true, "{}", verified.1);

    stop.send(()).unwrap();
    tokio::time::timeout(std::time::Duration::from_secs(10), server)
        .await
        .expect("otpd did not stop within 10 s of the shutdown future resolving")
        .unwrap()
        .unwrap();
    assert!(
        std::net::TcpStream::connect(addr).is_err(),
        "otpd still accepts connections after shutting down"
    );
}

// ---------------------------------------------------------------------------------------
// The language of answers: a real `otpd serve` process on 127.0.0.1
// ---------------------------------------------------------------------------------------

use otp::i18n::{Lang, catalogue};

use common::otpd::{OtpdHome, Server, code_at, error_of};

/// The header values every refusal is asked in, and the language each must get.
const ASKED: &[(Option<&str>, Lang)] = &[
    (None, Lang::En),
    (Some("ko-KR,ko;q=0.9"), Lang::Ko),
    (Some("fr"), Lang::En),
    (Some("en;q=0.1, ko;q=0.9"), Lang::Ko),
];

/// The sentence of `code` (`SE3010`) in `lang`, from the catalogue itself.
fn sentence(lang: Lang, code: &str) -> String {
    catalogue::text(lang, &format!("api-{}", code.to_lowercase()), None)
}

/// Makes the request `send` once per entry of [`ASKED`] and checks each answer:
/// the same status and `code` every time, the sentence in the language asked for.
fn assert_said_in_each_language(
    code: &str,
    status: u16,
    mut send: impl FnMut(&[(&str, &str)]) -> (u16, String),
) {
    assert!(
        sentence(Lang::Ko, code)
            .chars()
            .any(|c| ('가'..='힣').contains(&c)),
        "{code} has no Korean sentence"
    );
    assert_ne!(sentence(Lang::En, code), sentence(Lang::Ko, code));
    for (header, lang) in ASKED {
        let headers: Vec<(&str, &str)> = header
            .iter()
            .map(|value| ("accept-language", *value))
            .collect();
        let (got_status, body) = send(&headers);
        assert_eq!(got_status, status, "{header:?}: {body}");
        let (got_code, message) = error_of(&body);
        assert_eq!(got_code, code, "{header:?}: {body}");
        assert_eq!(message, sentence(*lang, code), "{header:?}: {body}");
    }
}

/// An enrollment `start` body for `user` at 1106 with `code`, and what `finish`
/// needs afterwards.
fn enroll_start_body(user: &str, code: &str) -> (String, otp::api::pake::ClientExchange, String) {
    use otp::api::pake::{ClientExchange, Context, new_enrollment_id};
    use otp::api::wire::{EnrollStart, PAKE_SUITE, PakeMessage};
    let enrollment_id = new_enrollment_id().unwrap();
    let context = Context {
        customer: "1106",
        user_id: user,
        enrollment_id: &enrollment_id,
    };
    let (exchange, msg) = ClientExchange::start(code, &context);
    let body = serde_json::to_string(&EnrollStart {
        customer: "1106".into(),
        user_id: user.into(),
        device_name: None,
        enrollment_id: enrollment_id.clone(),
        pake: PakeMessage {
            suite: PAKE_SUITE.into(),
            msg,
        },
    })
    .unwrap();
    (body, exchange, enrollment_id)
}

/// A wrong activation code for jklee: start succeeds, finish answers SE3010.
fn wrong_activation_code(server: &Server, right: &str, headers: &[(&str, &str)]) -> (u16, String) {
    use otp::api::wire::{EnrollFinish, EnrollStartReply};
    let wrong = if right == "000000" {
        "000001"
    } else {
        "000000"
    };
    let (body, exchange, enrollment_id) = enroll_start_body("jklee", wrong);
    let (status, reply) = server.request("POST", "/v1/enroll/start", &[], Some(&body));
    assert_eq!(status, 200, "{reply}");
    let reply: EnrollStartReply = serde_json::from_str(&reply).unwrap();
    let keys = exchange.finish(&reply.pake.msg).unwrap();
    let finish = serde_json::to_string(&EnrollFinish {
        enrollment_id,
        client_confirm: keys.client_confirm(),
        device_key: None,
    })
    .unwrap();
    server.request("POST", "/v1/enroll/finish", headers, Some(&finish))
}

/// A wrong activation code's SE3010 carries the tries the code has left, down to
/// 0 when it is used up; with `uniform_errors` it carries none (a decoy session
/// for an unknown ID has no count, so a count would tell IDs apart).
#[test]
fn a_wrong_activation_code_counts_the_tries_left_unless_ids_must_look_alike() {
    use otp::api::wire::ErrorReply;
    let home = OtpdHome::new(None).with_org();
    home.set("rate_limit.enroll_per_minute", 0);
    let activation = home.issue("jklee", &[]);
    let server = home.start();
    for left in [4, 3, 2, 1, 0] {
        let (status, body) = wrong_activation_code(&server, &activation, &[]);
        assert_eq!(status, 401, "{body}");
        let reply: ErrorReply = serde_json::from_str(&body).unwrap();
        assert_eq!(reply.error.code, ErrorCode::Se3010, "{body}");
        assert_eq!(reply.error.tries_left, Some(left), "{body}");
    }
    drop(server);

    home.set("uniform_errors", true);
    let activation = home.issue("jklee", &[]);
    let server = home.start();
    let (status, body) = wrong_activation_code(&server, &activation, &[]);
    assert_eq!(status, 401, "{body}");
    assert!(!body.contains("tries_left"), "{body}");
}

#[test]
fn api_errors_speak_the_language_of_accept_language_and_keep_their_code() {
    let home = OtpdHome::new(None).with_org();
    // Every refusal below is asked four times: no rate limit may get in the way.
    home.set("rate_limit.enroll_per_minute", 0);
    home.admin(&["user", "add", "--customer", "1106", "nocode"]);
    let activation = home.issue("jklee", &[]);
    let key = home.api_key();
    let server = home.start();

    // CE1001: an unknown customer code.
    assert_said_in_each_language("CE1001", 404, |headers| {
        server.request("GET", "/v1/customers/9999", headers, None)
    });
    // SE3005: no activation code was issued for this ID.
    assert_said_in_each_language("SE3005", 404, |headers| {
        let (body, _, _) = enroll_start_body("nocode", "123456");
        server.request("POST", "/v1/enroll/start", headers, Some(&body))
    });
    // SE3010: a wrong activation code (four tries; five would use the code up).
    assert_said_in_each_language("SE3010", 401, |headers| {
        wrong_activation_code(&server, &activation, headers)
    });

    // Enroll for real, then refuse one-time codes.
    let pending = server.enroll("jklee", &activation);
    let verify = |otp: &str, headers: &[(&str, &str)]| {
        let mut headers = headers.to_vec();
        let bearer = format!("Bearer {key}");
        headers.push(("authorization", &bearer));
        let body = format!(r#"{{"user_id":"jklee","otp":"{otp}"}}"#);
        server.request("POST", "/v1/verify", &headers, Some(&body))
    };
    // SE4002: a code already used (once the step rolls over, the current code
    // belongs to a used step too, so this holds at any moment).
    let current = code_at(&pending.account, common::unix_now());
    let (status, body) = verify(&current, &[]);
    assert_eq!(status, 200, "{body}");
    assert_said_in_each_language("SE4002", 409, |headers| verify(&current, headers));
    // SE4001: a wrong code (four of them; five would lock the token).
    let now = common::unix_now();
    let near: Vec<String> = [now - 60, now, now + 60]
        .into_iter()
        .map(|time| code_at(&pending.account, time))
        .collect();
    let wrong = ["000000", "111111", "222222", "333333"]
        .into_iter()
        .find(|code| !near.iter().any(|near| near == code))
        .unwrap();
    assert_said_in_each_language("SE4001", 401, |headers| verify(wrong, headers));
}

#[tokio::test]
async fn every_refusal_of_the_router_follows_accept_language() {
    let dir = tempfile::tempdir().unwrap();
    let service = sqlite_service(dir.path(), Policy::default()).await;
    let app = app(service, no_limits());
    let ko = [("accept-language", "ko-KR,ko;q=0.9")];
    let korean = |json: &serde_json::Value| {
        json["error"]["message"]
            .as_str()
            .is_some_and(|m| m.chars().any(|c| ('가'..='힣').contains(&c)))
    };
    for (method, uri, body) in [
        ("GET", "/v1/nowhere", vec![]),
        ("DELETE", "/v1/verify", vec![]),
        ("POST", "/v1/enroll/start", b"{not json".to_vec()),
        ("POST", "/v1/enroll/start", vec![b'x'; MAX_BODY_BYTES + 1]),
        ("POST", "/v1/verify", b"{}".to_vec()),
    ] {
        let (status, code, json, _) = call(&app, method, uri, &ko, body.clone()).await;
        let (en_status, en_code, en_json, _) = call(&app, method, uri, &[], body).await;
        assert!(status.is_client_error(), "{method} {uri}: {status}");
        assert_eq!((status, &code), (en_status, &en_code), "{method} {uri}");
        assert!(code.is_some(), "{method} {uri}: {json}");
        assert!(korean(&json), "{method} {uri}: {json}");
        assert!(!korean(&en_json), "{method} {uri}: {en_json}");
    }
}

#[tokio::test]
async fn rate_limited_answers_follow_accept_language_too() {
    let dir = tempfile::tempdir().unwrap();
    let service = sqlite_service(dir.path(), Policy::default()).await;
    let app = app(
        service,
        RateLimits {
            enroll_per_minute: 1,
            verify_per_second: 0,
        },
    );
    let ko = [("accept-language", "ko")];
    let _ = call(&app, "GET", "/v1/customers/1106", &ko, vec![]).await;
    let (status, code, json, retry) = call(&app, "GET", "/v1/customers/1106", &ko, vec![]).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(code.as_deref(), Some("SE5029"));
    assert!(retry.is_some());
    assert_eq!(
        json["error"]["message"],
        catalogue::text(Lang::Ko, "api-se5029", None)
    );
}

// ---------------------------------------------------------------------------------------
// The administrator's language: the locale, OTP_LANG, or `lang` in otpd.toml
// ---------------------------------------------------------------------------------------

/// The display column at which `cell` starts on `line`.
fn column_of(line: &str, cell: &str) -> usize {
    let at = line
        .find(cell)
        .unwrap_or_else(|| panic!("{cell:?} not on {line:?}"));
    unicode_width::UnicodeWidthStr::width(&line[..at])
}

#[test]
fn admin_output_follows_the_locale_and_tables_line_up_by_display_width() {
    let home = OtpdHome::new(None);
    home.admin(&["customer", "add", "1106", "한국과학기술원"]);
    home.admin(&["customer", "add", "kaist2", "Example Org"]);
    home.admin(&["user", "add", "--customer", "1106", "홍길동"]);
    home.admin(&["user", "add", "--customer", "1106", "jklee"]);
    home.issue("홍길동", &[]);

    // Korean for an administrator whose locale is Korean.
    let out = home.run_in_locale("ko_KR.UTF-8", &["customer", "list"]);
    assert!(out.status.success(), "{out:?}");
    let text = common::stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    let heading = catalogue::text(Lang::Ko, "otpd-col-name", None);
    assert!(lines[0].starts_with("고객코드"), "{text}");
    assert!(text.contains("사용 중"), "{text}");
    let name_column = column_of(lines[0], &heading);
    assert_eq!(column_of(lines[1], "한국과학기술원"), name_column, "{text}");
    assert_eq!(column_of(lines[2], "Example Org"), name_column, "{text}");

    let out = home.run_in_locale("ko_KR.UTF-8", &["user", "list", "--customer", "1106"]);
    let text = common::stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    let token_heading = catalogue::text(Lang::Ko, "otpd-col-token", None);
    let none = otp::t_in!(Lang::Ko, "otpd-token-state", state = "none");
    let (korean_row, latin_row) = if lines[1].starts_with("홍길동") {
        (lines[1], lines[2])
    } else {
        (lines[2], lines[1])
    };
    let token_column = column_of(lines[0], &token_heading);
    assert_eq!(column_of(korean_row, &none), token_column, "{text}");
    assert_eq!(column_of(latin_row, &none), token_column, "{text}");
    assert!(korean_row.contains("까지 유효"), "{text}");

    // An admin error, in Korean, with exit code 2.
    let out = home.run_in_locale("ko_KR.UTF-8", &["user", "add", "--customer", "9999", "x"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let expected = otp::t_in!(Lang::Ko, "otpd-err-no-customer", code = "9999");
    assert_eq!(common::stderr(&out).trim(), format!("otpd: {expected}"));

    // English for LANG=C, and for a language otpd does not speak.
    for locale in ["C", "fr_FR.UTF-8"] {
        let out = home.run_in_locale(locale, &["customer", "list"]);
        let text = common::stdout(&out);
        assert!(text.starts_with("CODE"), "{locale}: {text}");
        assert!(text.contains("enabled"), "{locale}: {text}");
        assert!(!text.contains("사용 중"), "{locale}: {text}");
    }
    let out = home.run_in_locale("C", &["user", "add", "--customer", "9999", "x"]);
    let expected = otp::t_in!(Lang::En, "otpd-err-no-customer", code = "9999");
    assert_eq!(common::stderr(&out).trim(), format!("otpd: {expected}"));

    // `lang` in otpd.toml beats the locale; OTP_LANG (the tests' default) beats both.
    home.set("lang", "ko");
    let out = home.run_in_locale("C", &["customer", "list"]);
    assert!(common::stdout(&out).starts_with("고객코드"), "{out:?}");
    assert!(home.admin(&["customer", "list"]).starts_with("CODE"));
}
