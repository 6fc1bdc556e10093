//! Push approvals with number matching against a real `otpd serve` on 127.0.0.1:
//! a customer code typed in lower case and a 5-digit issuance code, a device key
//! sealed in the enrollment, the login system's request, the device's poll and
//! signed answer, and every refusal otpd owes (wrong number, replay, another
//! device's signature, expiry, denials that lock, too many pending, hostile
//! input). Also a fuzz of the answer parser.

#![cfg(feature = "server")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::{Duration, Instant};

use otp::api::device_key::DeviceKey;
use otp::api::push::{
    Decision, DevicePoll, DevicePollReply, PushAnswer, PushCreated, PushRegister,
    PushRegisterReply, PushStatus,
};
use proptest::prelude::*;

use common::otpd::{Device, OtpdHome, Server, error_of};

/// The customer, as the administrator and the user type it.
const TYPED: &str = "u1034";

/// An installation with customer U1034 (5-digit codes, typed `u1034`), users,
/// an API key for U1034 and one for another customer (1106).
struct Org {
    home: OtpdHome,
    key: String,
    other_key: String,
}

fn org(users: &[&str]) -> Org {
    let home = OtpdHome::new(None);
    home.set("rate_limit.enroll_per_minute", 0);
    home.admin(&[
        "customer",
        "add",
        TYPED,
        "Example Univ",
        "--code-digits",
        "5",
    ]);
    for user in users {
        home.admin(&["user", "add", "--customer", TYPED, user]);
    }
    let key = home
        .admin(&["client", "add", "--customer", TYPED, "portal"])
        .trim()
        .to_owned();
    home.admin(&["customer", "add", "1106", "Other Org"]);
    let other_key = home
        .admin(&["client", "add", "--customer", "1106", "other"])
        .trim()
        .to_owned();
    Org {
        home,
        key,
        other_key,
    }
}

impl Org {
    /// A fresh issuance code for `user`: 5 digits.
    fn issue(&self, user: &str) -> String {
        let code = self
            .home
            .admin(&["issue", "--customer", TYPED, "--user", user])
            .trim()
            .to_owned();
        assert_eq!(code.len(), 5, "{code:?}");
        assert!(code.bytes().all(|b| b.is_ascii_digit()), "{code:?}");
        code
    }

    fn enroll(&self, server: &Server, user: &str) -> Device {
        let code = self.issue(user);
        server.enroll_device(TYPED, user, &code, true, 0)
    }
}

fn bearer(key: &str) -> String {
    format!("Bearer {key}")
}

/// `POST /v1/push` for `user`; (status, body).
fn create(server: &Server, key: &str, user: &str) -> (u16, String) {
    let body = serde_json::json!({
        "user_id": user,
        "context": {"service": "KISTI 포털", "client_ip": "203.0.113.7", "text": "Chrome, 대전"}
    });
    server.request(
        "POST",
        "/v1/push",
        &[("authorization", &bearer(key))],
        Some(&body.to_string()),
    )
}

fn created(server: &Server, key: &str, user: &str) -> PushCreated {
    let (status, body) = create(server, key, user);
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

fn status(server: &Server, key: &str, id: &str, wait: u64) -> (u16, String) {
    server.request(
        "GET",
        &format!("/v1/push/{id}?wait={wait}"),
        &[("authorization", &bearer(key))],
        None,
    )
}

fn state_of(server: &Server, key: &str, id: &str) -> PushStatus {
    let (code, body) = status(server, key, id, 0);
    assert_eq!(code, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

fn poll_body(device: &Device, key: &DeviceKey, wait: u64) -> String {
    let at = common::unix_now();
    serde_json::to_string(&DevicePoll {
        serial: device.serial.clone(),
        at,
        wait,
        signature: key.sign(&DevicePoll::message(&device.serial, at)),
    })
    .unwrap()
}

fn poll(server: &Server, device: &Device, wait: u64) -> DevicePollReply {
    let (code, body) = server.request(
        "POST",
        "/v1/device/poll",
        &[],
        Some(&poll_body(device, device.key(), wait)),
    );
    assert_eq!(code, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

fn answer_body(
    device: &Device,
    key: &DeviceKey,
    id: &str,
    decision: Decision,
    number: Option<&str>,
) -> String {
    serde_json::to_string(&PushAnswer {
        serial: device.serial.clone(),
        request_id: id.to_owned(),
        decision,
        number: number.map(str::to_owned),
        signature: key.sign(&PushAnswer::message(&device.serial, id, decision, number)),
    })
    .unwrap()
}

fn send_answer(server: &Server, body: &str) -> (u16, String) {
    server.request("POST", "/v1/device/answer", &[], Some(body))
}

fn refused(reply: (u16, String), status: u16, code: &str) {
    let (got, body) = reply;
    assert_eq!(got, status, "{body}");
    assert_eq!(error_of(&body).0, code, "{body}");
}

#[test]
fn a_request_is_approved_with_the_right_number_and_refused_every_other_way() {
    let org = org(&["jklee", "stranger"]);
    let server = org.home.start();
    let (code, body) = server.request("GET", "/v1/customers/u1034", &[], None);
    assert_eq!(code, 200, "{body}");
    let info: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(info["code"], "U1034");
    assert_eq!(info["code_digits"], 5);
    let list = org.home.admin(&["customer", "list"]);
    assert!(
        list.lines()
            .any(|l| l.starts_with("U1034") && l.contains(" 5 ")),
        "{list}"
    );

    let device = org.enroll(&server, "jklee");

    // The login system asks; the device sees the request with its context and
    // three numbers, one of them the login page's.
    let push = created(&server, &org.key, "jklee");
    assert_eq!(push.expires_in, 60);
    let reply = poll(&server, &device, 0);
    assert_eq!(reply.requests.len(), 1, "{reply:?}");
    let pending = &reply.requests[0];
    assert_eq!(pending.request_id, push.request_id);
    assert_eq!(pending.user_id, "jklee");
    assert_eq!(pending.context.service.as_deref(), Some("KISTI 포털"));
    assert_eq!(pending.context.client_ip.as_deref(), Some("203.0.113.7"));
    assert_eq!(pending.numbers.len(), 3);
    assert!(pending.numbers.contains(&push.number), "{pending:?}");
    assert_eq!(
        state_of(&server, &org.key, &push.request_id).state,
        otp::api::push::PushState::Pending
    );

    // A long-poll started before the approval returns promptly with it.
    let waiting = {
        let url = server.url.clone();
        let key = org.key.clone();
        let id = push.request_id.clone();
        std::thread::spawn(move || {
            let started = Instant::now();
            let agent: ureq::Agent = ureq::Agent::config_builder()
                .http_status_as_error(false)
                .build()
                .into();
            let mut response = agent
                .get(format!("{url}/v1/push/{id}?wait=30"))
                .header("authorization", format!("Bearer {key}"))
                .call()
                .unwrap();
            let body = response.body_mut().read_to_string().unwrap();
            (started.elapsed(), body)
        })
    };
    std::thread::sleep(Duration::from_millis(500));
    let approval = answer_body(
        &device,
        device.key(),
        &push.request_id,
        Decision::Approve,
        Some(&push.number),
    );
    let (code, body) = send_answer(&server, &approval);
    assert_eq!(code, 200, "{body}");
    assert!(body.contains("approved"), "{body}");
    let (took, body) = waiting.join().unwrap();
    let seen: PushStatus = serde_json::from_str(&body).unwrap();
    assert_eq!(seen.state, otp::api::push::PushState::Approved, "{body}");
    assert!(took < Duration::from_secs(5), "the long-poll took {took:?}");

    // The same signed approval again: refused.
    refused(send_answer(&server, &approval), 409, "SE7003");
    // The request is no longer offered to the device.
    assert!(poll(&server, &device, 0).requests.is_empty());

    // A wrong number denies the request.
    let push = created(&server, &org.key, "jklee");
    let wrong = poll(&server, &device, 0).requests[0]
        .numbers
        .iter()
        .find(|n| **n != push.number)
        .unwrap()
        .clone();
    let body = answer_body(
        &device,
        device.key(),
        &push.request_id,
        Decision::Approve,
        Some(&wrong),
    );
    refused(send_answer(&server, &body), 403, "SE7004");
    let seen = state_of(&server, &org.key, &push.request_id);
    assert_eq!(seen.state, otp::api::push::PushState::Denied);
    assert_eq!(seen.reason, Some(otp::api::push::DenyReason::WrongNumber));

    // An approval signed by another device's key.
    let push = created(&server, &org.key, "jklee");
    let thief = DeviceKey::generate().unwrap();
    let body = answer_body(
        &device,
        &thief,
        &push.request_id,
        Decision::Approve,
        Some(&push.number),
    );
    refused(send_answer(&server, &body), 401, "SE7008");
    // Another user's device cannot answer it either.
    let stranger = org.enroll(&server, "stranger");
    let body = answer_body(
        &stranger,
        stranger.key(),
        &push.request_id,
        Decision::Approve,
        Some(&push.number),
    );
    refused(send_answer(&server, &body), 404, "SE7007");
    // Another customer's login system does not see it.
    refused(
        status(&server, &org.other_key, &push.request_id, 0),
        404,
        "SE7007",
    );
    // It still waits for its own device: "not me".
    let body = answer_body(
        &device,
        device.key(),
        &push.request_id,
        Decision::Deny,
        None,
    );
    let (code, reply) = send_answer(&server, &body);
    assert_eq!(code, 200, "{reply}");
    let seen = state_of(&server, &org.key, &push.request_id);
    assert_eq!(seen.reason, Some(otp::api::push::DenyReason::NotMe));

    // Everything was audited.
    let rows = org.home.audit_rows();
    let outcomes: Vec<&str> = rows
        .iter()
        .filter(|r| r.action == "push.answer")
        .map(|r| r.outcome.as_str())
        .collect();
    for outcome in ["approved", "replay", "wrong_number", "denied"] {
        assert!(outcomes.contains(&outcome), "{outcome}: {outcomes:?}");
    }
    assert!(
        rows.iter()
            .filter(|r| r.action == "push.create")
            .all(|r| r.customer == "U1034")
    );
    assert!(server.request("GET", "/v1/health", &[], None).0 == 200);
}

#[test]
fn unanswered_requests_expire_denials_lock_and_pending_requests_are_bounded() {
    let org = org(&["hong"]);
    org.home.set("push.expires_secs", 2);
    let server = org.home.start();
    let device = org.enroll(&server, "hong");

    // No answer: expired, and a late answer is refused.
    let push = created(&server, &org.key, "hong");
    assert_eq!(push.expires_in, 2);
    // A long-poll ends at the expiry, not at its own 30 s.
    let started = Instant::now();
    let (code, body) = status(&server, &org.key, &push.request_id, 30);
    assert_eq!(code, 200, "{body}");
    assert!(body.contains("expired"), "{body}");
    assert!(started.elapsed() < Duration::from_secs(10));
    let body = answer_body(
        &device,
        device.key(),
        &push.request_id,
        Decision::Approve,
        Some(&push.number),
    );
    refused(send_answer(&server, &body), 410, "SE7002");

    // Three denials in a row lock the user's pushes until `otpd unlock`.
    for _ in 0..3 {
        let push = created(&server, &org.key, "hong");
        let body = answer_body(
            &device,
            device.key(),
            &push.request_id,
            Decision::Deny,
            None,
        );
        assert_eq!(send_answer(&server, &body).0, 200);
    }
    refused(create(&server, &org.key, "hong"), 423, "SE7005");
    org.home
        .admin(&["unlock", "--customer", TYPED, "--user", "hong"]);
    // At most 3 pending per user.
    for _ in 0..3 {
        created(&server, &org.key, "hong");
    }
    refused(create(&server, &org.key, "hong"), 429, "SE7006");
    let rows = org.home.audit_rows();
    assert!(
        rows.iter()
            .any(|r| r.action == "push.answer" && r.outcome == "expired")
    );
    assert!(
        rows.iter()
            .any(|r| r.action == "push.create" && r.outcome == "SE7006")
    );
}

fn register_body(device: &Device, key: &DeviceKey, user: &str, otp: &str) -> String {
    let _ = device;
    serde_json::to_string(&PushRegister {
        customer: TYPED.into(),
        user_id: user.into(),
        otp: otp.into(),
        device_key: otp::api::pake::b64(&key.public()),
        signature: key.sign(&PushRegister::message(TYPED, user, &key.public())),
    })
    .unwrap()
}

#[test]
fn an_account_enrolled_without_a_device_key_registers_one_with_a_current_code() {
    let org = org(&["old"]);
    let server = org.home.start();
    // Enrolled the old way (no key), activated with the previous step's code so
    // the current step is still free.
    let code = org.issue("old");
    let old = server.enroll_device(TYPED, "old", &code, false, 1);
    refused(create(&server, &org.key, "old"), 404, "SE7001");

    let key = DeviceKey::generate().unwrap();
    let step = common::unix_now() / 60;
    let current = old.code_at_step(step);
    let wrong = if current == "000000" {
        "000001"
    } else {
        "000000"
    };
    let register = |otp: &str| {
        server.request(
            "POST",
            "/v1/push/register",
            &[],
            Some(&register_body(&old, &key, "old", otp)),
        )
    };
    refused(register(wrong), 401, "SE4001");
    // Signed by another key than the one registered: refused.
    let other = DeviceKey::generate().unwrap();
    let mut forged: PushRegister =
        serde_json::from_str(&register_body(&old, &key, "old", &current)).unwrap();
    forged.signature = other.sign(&PushRegister::message(TYPED, "old", &key.public()));
    refused(
        server.request(
            "POST",
            "/v1/push/register",
            &[],
            Some(&serde_json::to_string(&forged).unwrap()),
        ),
        401,
        "SE7008",
    );
    let (code, body) = register(&current);
    assert_eq!(code, 200, "{body}");
    let reply: PushRegisterReply = serde_json::from_str(&body).unwrap();
    assert_eq!(reply.serial, old.serial);
    refused(register(&current), 409, "SE4002");

    // Pushes now reach it.
    let device = Device {
        serial: old.serial.clone(),
        seed: old.seed.clone(),
        key: Some(key),
    };
    let push = created(&server, &org.key, "old");
    let reply = poll(&server, &device, 0);
    assert_eq!(reply.requests[0].request_id, push.request_id);
    let body = answer_body(
        &device,
        device.key(),
        &push.request_id,
        Decision::Approve,
        Some(&push.number),
    );
    assert_eq!(send_answer(&server, &body).0, 200);
    assert!(
        org.home
            .audit_rows()
            .iter()
            .any(|r| r.action == "push.register" && r.outcome == "ok")
    );
}

#[test]
fn a_waiting_device_hears_of_a_request_at_once() {
    let org = org(&["jklee"]);
    let server = org.home.start();
    let device = org.enroll(&server, "jklee");
    let body = poll_body(&device, device.key(), 30);
    let url = server.url.clone();
    let waiting = std::thread::spawn(move || {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let mut response = agent
            .post(format!("{url}/v1/device/poll"))
            .header("content-type", "application/json")
            .send(body)
            .unwrap();
        let text = response.body_mut().read_to_string().unwrap();
        (Instant::now(), text)
    });
    // Longer than otpd's 5 s idle timeout: a waiting request is not idle.
    std::thread::sleep(Duration::from_secs(6));
    let sent = Instant::now();
    let push = created(&server, &org.key, "jklee");
    let (heard, text) = waiting.join().unwrap();
    let reply: DevicePollReply = serde_json::from_str(&text).unwrap();
    assert_eq!(reply.requests[0].request_id, push.request_id, "{text}");
    assert!(
        heard.duration_since(sent) < Duration::from_secs(3),
        "{:?}",
        heard.duration_since(sent)
    );
}

#[test]
fn hostile_input_at_the_push_endpoints_gets_a_4xx_with_a_code() {
    let org = org(&["jklee"]);
    let server = org.home.start();
    let device = org.enroll(&server, "jklee");
    let auth = bearer(&org.key);
    let push = created(&server, &org.key, "jklee");
    let post = |path: &str, headers: &[(&str, &str)], body: &str| {
        server.request("POST", path, headers, Some(body))
    };
    for path in [
        "/v1/push",
        "/v1/device/poll",
        "/v1/device/answer",
        "/v1/push/register",
    ] {
        let headers: &[(&str, &str)] = &[("authorization", &auth)];
        refused(post(path, headers, "{\"user_id\":"), 400, "CE1002");
        refused(post(path, headers, "[]"), 400, "CE1002");
        let huge = format!("{{\"user_id\":\"{}\"}}", "a".repeat(64 * 1024));
        refused(post(path, headers, &huge), 413, "CE1002");
    }
    // Control characters in the context (they could redraw a terminal).
    let body = serde_json::json!({"user_id": "jklee", "context": {"text": "\u{1b}[2J hi"}});
    refused(
        post("/v1/push", &[("authorization", &auth)], &body.to_string()),
        400,
        "CE1002",
    );
    // Without an API key, or with a wrong one.
    refused(
        post("/v1/push", &[], "{\"user_id\":\"jklee\"}"),
        401,
        "SE5001",
    );
    // Unknown and malformed request ids, a wait past 30 s, another customer's.
    refused(
        status(&server, &org.key, "AAAAAAAAAAAAAAAAAAAAAA", 0),
        404,
        "SE7007",
    );
    refused(status(&server, &org.key, "not-an-id", 0), 400, "CE1002");
    refused(
        status(&server, &org.key, &push.request_id, 99999),
        400,
        "CE1002",
    );
    refused(
        status(&server, &org.other_key, &push.request_id, 0),
        404,
        "SE7007",
    );
    let (code, body) = server.request(
        "GET",
        &format!("/v1/push/{}?wait=1&x=2", push.request_id),
        &[("authorization", &auth)],
        None,
    );
    assert_eq!(
        (code, error_of(&body).0.as_str()),
        (400, "CE1002"),
        "{body}"
    );
    // Signatures: bad base64, 65 bytes, another request's.
    let mut answer: PushAnswer = serde_json::from_str(&answer_body(
        &device,
        device.key(),
        &push.request_id,
        Decision::Approve,
        Some(&push.number),
    ))
    .unwrap();
    let good = answer.signature.clone();
    answer.signature = "!!!not base64!!!".into();
    refused(
        send_answer(&server, &serde_json::to_string(&answer).unwrap()),
        400,
        "CE1002",
    );
    answer.signature = otp::api::pake::b64(&[7u8; 65]);
    refused(
        send_answer(&server, &serde_json::to_string(&answer).unwrap()),
        400,
        "CE1002",
    );
    answer.signature = good;
    answer.request_id = "AAAAAAAAAAAAAAAAAAAAAA".into();
    refused(
        send_answer(&server, &serde_json::to_string(&answer).unwrap()),
        401,
        "SE7008",
    );
    let body = answer_body(
        &device,
        device.key(),
        "AAAAAAAAAAAAAAAAAAAAAA",
        Decision::Deny,
        None,
    );
    refused(send_answer(&server, &body), 404, "SE7007");
    // A poll: unknown serial, a wait past 30 s, a time far off, a bad signature.
    let mut poll: DevicePoll = serde_json::from_str(&poll_body(&device, device.key(), 0)).unwrap();
    poll.wait = 99999;
    refused(
        post(
            "/v1/device/poll",
            &[],
            &serde_json::to_string(&poll).unwrap(),
        ),
        400,
        "CE1002",
    );
    poll.wait = 0;
    poll.at -= 3600;
    poll.signature = device
        .key()
        .sign(&DevicePoll::message(&device.serial, poll.at));
    refused(
        post(
            "/v1/device/poll",
            &[],
            &serde_json::to_string(&poll).unwrap(),
        ),
        401,
        "SE7008",
    );
    poll.serial = "OTPD-0000000000000000".into();
    refused(
        post(
            "/v1/device/poll",
            &[],
            &serde_json::to_string(&poll).unwrap(),
        ),
        404,
        "SE7001",
    );
    // A device key that is no key.
    let mut register: PushRegister =
        serde_json::from_str(&register_body(&device, device.key(), "jklee", "123456")).unwrap();
    register.device_key = "AAAA".into();
    refused(
        post(
            "/v1/push/register",
            &[],
            &serde_json::to_string(&register).unwrap(),
        ),
        400,
        "CE1002",
    );
    // otpd is still up and the request still answerable.
    assert_eq!(server.request("GET", "/v1/health", &[], None).0, 200);
    let body = answer_body(
        &device,
        device.key(),
        &push.request_id,
        Decision::Approve,
        Some(&push.number),
    );
    assert_eq!(send_answer(&server, &body).0, 200);
}

/// A valid answer, its key and its JSON.
fn valid_answer() -> (DeviceKey, PushAnswer, Vec<u8>) {
    let key = DeviceKey::from_bytes(&[42u8; 32]);
    let id = "q83vEjRWeJCrze8SNFZ4kA";
    let answer = PushAnswer {
        serial: "OTPD-0123456789ABCDEF".into(),
        request_id: id.into(),
        decision: Decision::Approve,
        number: Some("47".into()),
        signature: key.sign(&PushAnswer::message(
            "OTPD-0123456789ABCDEF",
            id,
            Decision::Approve,
            Some("47"),
        )),
    };
    let json = serde_json::to_vec(&answer).unwrap();
    (key, answer, json)
}

/// What otpd does with an answer's bytes before it looks anything up: parse,
/// check the shape, verify the signature with the device's key.
fn verifies(bytes: &[u8], key: &DeviceKey) -> Option<PushAnswer> {
    let answer: PushAnswer = serde_json::from_slice(bytes).ok()?;
    let signature = answer.check().ok()?;
    let message = PushAnswer::message(
        &answer.serial,
        &answer.request_id,
        answer.decision,
        answer.number.as_deref(),
    );
    otp::api::device_key::verify(&key.public(), &message, &signature).then_some(answer)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn the_answer_parser_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let (key, _, _) = valid_answer();
        let _ = verifies(&bytes, &key);
    }

    #[test]
    fn only_the_exact_valid_answer_verifies(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..6)
    ) {
        let (key, original, json) = valid_answer();
        prop_assert!(verifies(&json, &key).is_some());
        let mut bytes = json.clone();
        for (at, byte, kind) in edits {
            match kind {
                0 if !bytes.is_empty() => { let i = at.index(bytes.len()); bytes[i] = byte; }
                1 => { let i = at.index(bytes.len() + 1); bytes.insert(i, byte); }
                _ if !bytes.is_empty() => { let i = at.index(bytes.len()); bytes.remove(i); }
                _ => {}
            }
        }
        if let Some(parsed) = verifies(&bytes, &key) {
            // Only a change JSON does not see (the same answer) may verify.
            prop_assert_eq!(parsed, original);
        }
    }
}
