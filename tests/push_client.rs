//! End to end, push approvals from the device's side: a real `otpd` on 127.0.0.1
//! (SQLite in a temporary directory) whose customer `U1034` issues 5-digit
//! issuance codes, the real `otp` binary enrolling with `otp add --customer u1034`
//! (which makes the device key), a login system asking `POST /v1/push`, and
//! `otp approve` / `otp deny` answering; the login system then reads the outcome
//! with `GET /v1/push/{id}`. Also `otp push register` for an account that was
//! added without a device key.
//!
//! These need otpd's push endpoints (the server side of issue 12).

#![cfg(feature = "server")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::otpd::{OtpdHome, Server};
use common::push::every_number_but;
use common::{Sandbox, assert_failure, assert_success, stderr};

const LABEL: &str = "Hana:jklee";

/// Customer U1034 ("Hana") with 5-digit issuance codes and users jklee and kim.
fn home() -> OtpdHome {
    let home = OtpdHome::new(None);
    home.admin(&["customer", "add", "U1034", "Hana", "--code-digits", "5"]);
    home.admin(&["user", "add", "--customer", "U1034", "jklee"]);
    home.admin(&["user", "add", "--customer", "U1034", "kim"]);
    home
}

fn issue(home: &OtpdHome, user: &str) -> String {
    home.admin(&["issue", "--customer", "U1034", "--user", user])
        .trim()
        .to_owned()
}

fn api_key(home: &OtpdHome) -> String {
    home.admin(&["client", "add", "--customer", "U1034", "portal"])
        .trim()
        .to_owned()
}

/// A sandbox enrolled as jklee with `otp add --customer u1034` (lower case).
fn enrolled(home: &OtpdHome, server: &Server) -> Sandbox {
    let sandbox = Sandbox::initialised();
    sandbox.name_customers(&[("U1034", &server.url)]);
    let code = issue(home, "jklee");
    assert_eq!(code.len(), 5, "{code}");
    let out = sandbox.run(
        &["add", "--customer", "u1034", "--id", "jklee"],
        &format!("{code}\n"),
    );
    assert_success(&out);
    sandbox
}

/// The login system asks: (request id, number shown on the login page).
fn push(server: &Server, key: &str, user: &str) -> (String, String) {
    let body = format!(
        r#"{{"user_id":"{user}","context":{{"service":"Hana portal","client_ip":"203.0.113.7","text":"Chrome on Linux"}}}}"#
    );
    let auth = format!("Bearer {key}");
    let (status, reply) =
        server.request("POST", "/v1/push", &[("authorization", &auth)], Some(&body));
    assert_eq!(status, 200, "{reply}");
    let json: serde_json::Value = serde_json::from_str(&reply).unwrap();
    (
        json["request_id"].as_str().unwrap().to_owned(),
        json["number"].as_str().unwrap().to_owned(),
    )
}

/// What the login system sees: (state, reason).
fn status(server: &Server, key: &str, id: &str) -> (String, Option<String>) {
    let auth = format!("Bearer {key}");
    let (code, reply) = server.request(
        "GET",
        &format!("/v1/push/{id}"),
        &[("authorization", &auth)],
        None,
    );
    assert_eq!(code, 200, "{reply}");
    let json: serde_json::Value = serde_json::from_str(&reply).unwrap();
    (
        json["state"].as_str().unwrap().to_owned(),
        json["reason"].as_str().map(str::to_owned),
    )
}

#[test]
fn enroll_with_an_agency_code_then_approve_deny_and_choose_wrong() {
    let home = home();
    let server = home.start();
    let key = api_key(&home);
    let sandbox = enrolled(&home, &server);
    assert_success(&sandbox.run(&["code", LABEL], ""));

    // Nothing waiting: said, with its own exit code.
    let out = sandbox.run(&["approve"], "");
    assert_failure(&out, 8, &["no login request is waiting"]);

    // The right number approves, and the login system sees it.
    let (id, number) = push(&server, &key, "jklee");
    let out = sandbox.run(&["approve", "--wait", "5"], &format!("{number}\n"));
    assert_success(&out);
    let said = stderr(&out);
    assert!(said.contains("Hana portal"), "{said}");
    assert!(said.contains("203.0.113.7"), "{said}");
    assert!(said.contains(&number), "{said}");
    assert!(said.contains("Approved"), "{said}");
    assert_eq!(status(&server, &key, &id).0, "approved");

    // A wrong (but shown) number is sent as chosen: otpd denies the request.
    let (id, number) = push(&server, &key, "jklee");
    let out = sandbox.run(&["approve"], &every_number_but(&number));
    assert_failure(&out, 7, &["SE7004"]);
    assert_eq!(
        status(&server, &key, &id),
        ("denied".to_owned(), Some("wrong_number".to_owned()))
    );

    // "d" at the prompt is "not me".
    let (id, _) = push(&server, &key, "jklee");
    let out = sandbox.run(&["approve", LABEL], "d\n");
    assert_success(&out);
    assert!(stderr(&out).contains("Denied"), "{}", stderr(&out));
    assert_eq!(
        status(&server, &key, &id),
        ("denied".to_owned(), Some("not_me".to_owned()))
    );

    // `otp deny` denies what waits, without asking.
    let (id, _) = push(&server, &key, "jklee");
    let out = sandbox.run(&["deny"], "");
    assert_success(&out);
    assert_eq!(status(&server, &key, &id).0, "denied");

    // Three denials in a row (the wrong number counts) lock the pushes until the
    // administrator unlocks them.
    let auth = format!("Bearer {key}");
    let body = r#"{"user_id":"jklee"}"#;
    let (code, reply) = server.request("POST", "/v1/push", &[("authorization", &auth)], Some(body));
    assert_eq!(code, 423, "{reply}");
    assert!(reply.contains("SE7005"), "{reply}");
    home.admin(&["unlock", "--customer", "U1034", "--user", "jklee"]);

    // By its id, too; another id is nothing waiting.
    let (id, _) = push(&server, &key, "jklee");
    assert_failure(
        &sandbox.run(&["deny", "AAAAAAAAAAAAAAAAAAAAAA"], ""),
        8,
        &[],
    );
    assert_success(&sandbox.run(&["deny", &id], ""));
    // An id may start with `-` (base64url): it is still an id, and flags still work.
    assert_failure(
        &sandbox.run(&["deny", "-AAAAAAAAAAAAAAAAAAAAA"], ""),
        8,
        &[],
    );
    assert_failure(
        &sandbox.run(&["deny", "--ca-cert", "/nonexistent/ca.pem"], ""),
        7,
        &["CA certificate"],
    );
    assert_eq!(status(&server, &key, &id).0, "denied");
}

#[test]
fn an_account_added_without_a_device_key_gets_one_with_push_register() {
    let home = home();
    let server = home.start();
    let key = api_key(&home);
    // kim's token is enrolled by the library and kept as a plain account, as an
    // otp from before device keys (or an imported backup) would have it.
    let client =
        otp::enroll::EnrollClient::new(otp::enroll::ServerUrl::parse(&server.url).unwrap(), None)
            .unwrap();
    let code = issue(&home, "kim");
    let pending = client
        .exchange(&otp::enroll::EnrollRequest {
            customer: "U1034".into(),
            user_id: "kim".into(),
            activation_code: zeroize::Zeroizing::new(code),
            code_digits: 5,
            device_name: None,
        })
        .unwrap();
    client.activate(&pending, common::unix_now()).unwrap();
    let sandbox = Sandbox::initialised();
    sandbox.name_customers(&[("U1034", &server.url)]);
    let secret = pending.account.secret.to_base32();
    let out = sandbox.run(
        &["add", "kim", "--issuer", "Hana", "--period", "60"],
        &format!("{}\n", secret.as_str()),
    );
    assert_success(&out);

    // Without a link, approve says how to get one.
    assert_failure(
        &sandbox.run(&["approve", "Hana:kim"], ""),
        2,
        &["otp push register"],
    );

    // The current code (not used by activation, which sent the one before) proves it.
    let out = sandbox.run(&["push", "register", "Hana:kim", "--customer", "u1034"], "");
    assert_success(&out);
    assert!(stderr(&out).contains("Hana:kim"), "{}", stderr(&out));

    let (id, number) = push(&server, &key, "kim");
    let out = sandbox.run(
        &["approve", "Hana:kim", "--wait", "5"],
        &format!("{number}\n"),
    );
    assert_success(&out);
    assert_eq!(status(&server, &key, &id).0, "approved");
}

/// An account enrolled over TLS with a private CA (`otp add --ca-cert`) keeps the
/// CA with its push link: `otp approve` needs no flag, nor do the agent's pollers;
/// `--ca-cert` still overrides it.
#[test]
fn an_account_enrolled_with_a_private_ca_answers_without_the_flag() {
    let home = OtpdHome::new(None).with_org();
    let ca = home.private_tls();
    let code = home.issue("jklee", &[]);
    let key = home.api_key();
    let mut server = home.start();
    assert!(server.url.starts_with("https://"), "{}", server.url);
    server.ca = Some(ca.clone());
    let sandbox = Sandbox::initialised();
    let ca_arg = ca.to_str().unwrap();
    let out = sandbox.run(
        &[
            "add",
            "--customer",
            "1106",
            "--id",
            "jklee",
            "--server",
            &server.url,
            "--ca-cert",
            ca_arg,
        ],
        &format!("{code}\n"),
    );
    assert_success(&out);

    let push = common::push::login(&server, &key);
    let out = sandbox.run(&["approve"], &format!("{}\n", push.number));
    assert_success(&out);
    assert!(stderr(&out).contains("Approved"), "{}", stderr(&out));
    assert_eq!(
        common::push::state(&server, &key, &push.request_id).state,
        otp::api::push::PushState::Approved
    );

    // Another CA given with --ca-cert replaces the saved one: the server's
    // certificate cannot be checked.
    let elsewhere = OtpdHome::new(None);
    let other = elsewhere.private_tls();
    let push = common::push::login(&server, &key);
    let out = sandbox.run(&["approve", "--ca-cert", other.to_str().unwrap()], "");
    assert_failure(&out, 7, &["CE2001"]);

    // The agent's poller reaches the server with the saved CA, and `otp approve`
    // answers through it.
    #[cfg(unix)]
    {
        let _agent = common::agent::Agent::start(&sandbox, &[]);
        let mut command = sandbox.otp();
        command.args(["approve", "--wait", "20"]);
        let out = common::feed(command, &format!("{}\n", push.number));
        assert_success(&out);
        assert!(stderr(&out).contains("Approved"), "{}", stderr(&out));
        assert_eq!(
            common::push::state(&server, &key, &push.request_id).state,
            otp::api::push::PushState::Approved
        );
    }
}
