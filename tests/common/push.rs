//! Push approvals for the tests: an account enrolled with a device key by the
//! real `otp add --customer`, the login system's request and its state, and the
//! numbers the full-screen dialog shows.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use otp::api::push::{PushCreated, PushStatus};

use super::otpd::{OtpdHome, Server};
use super::{Sandbox, assert_success};

/// A running otpd with customer 1106, and a vault holding jklee's account
/// enrolled there with a device key; the login system's API key.
pub fn enrolled() -> (OtpdHome, Server, Sandbox, String) {
    let home = OtpdHome::new(None).with_org();
    let code = home.issue("jklee", &[]);
    let key = home.api_key();
    let server = home.start();
    let sandbox = Sandbox::initialised();
    let out = sandbox.run(
        &[
            "add",
            "--customer",
            "1106",
            "--id",
            "jklee",
            "--server",
            &server.url,
        ],
        &format!("{code}\n"),
    );
    assert_success(&out);
    (home, server, sandbox, key)
}

/// The login system asks jklee to approve a login.
pub fn login(server: &Server, key: &str) -> PushCreated {
    let body = serde_json::json!({
        "user_id": "jklee",
        "context": {"service": "KISTI 포털", "client_ip": "203.0.113.7", "text": "Chrome on Windows"}
    });
    let (status, body) = server.request(
        "POST",
        "/v1/push",
        &[("authorization", &format!("Bearer {key}"))],
        Some(&body.to_string()),
    );
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

/// Where the login system's request stands, waiting up to 10 s for an answer.
pub fn state(server: &Server, key: &str, id: &str) -> PushStatus {
    let (status, body) = server.request(
        "GET",
        &format!("/v1/push/{id}?wait=10"),
        &[("authorization", &format!("Bearer {key}"))],
        None,
    );
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

/// The three numbers of the dialog on `screen`, left to right: the row under the
/// boxes' tops (`┌ 1 ─`).
pub fn numbers_on(screen: &str) -> Vec<String> {
    let lines: Vec<&str> = screen.lines().collect();
    let top = lines
        .iter()
        .position(|line| line.contains("┌ 1 ─"))
        .unwrap_or_else(|| panic!("no number boxes on\n{screen}"));
    lines[top + 1]
        .split(|c: char| !c.is_ascii_digit())
        .filter(|token| token.len() == 2)
        .map(str::to_owned)
        .collect()
}

/// Every two-digit number but `right`, one per line: `otp approve` refuses the
/// ones it does not show and takes the first shown one, which is then a wrong
/// number whatever the order the three were shown in.
pub fn every_number_but(right: &str) -> String {
    (10..100)
        .map(|n| n.to_string())
        .filter(|n| n != right)
        .map(|n| n + "\n")
        .collect()
}
