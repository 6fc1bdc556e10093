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
            let mut request = agent.post(url);
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
