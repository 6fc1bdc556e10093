//! Activation codes delivered to their users, end to end: a real `otpd` issues a
//! code by email to a real mail server on 127.0.0.1 (Python's aiosmtpd with STARTTLS
//! and a checked login, tests/data/smtp_sink.py) or by webhook to a real receiver
//! (tests/data/webhook_sink.py, which checks the signature with Python's hmac). The
//! message is read back, parsed by Python's email package, and the code in it enrolls
//! the user with the real `otp`; the code shows up in no otpd output, log or audit
//! row, and the SMTP password nowhere. Failures (a refused login, a closed port, a
//! receiver that refuses) print the code with a warning and exit 3.

#![cfg(feature = "server")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;
use std::process::Output;

use common::mail::{PASSWORD, Sink, certificates, mail_server};
use common::otpd::OtpdHome;
use common::{Sandbox, assert_failure, assert_success, have_tool, stderr, stdout};

const SECRET: &str = "hook-secret-Zk41";

/// Whether Python's aiosmtpd is there (loud skip, or a failure under
/// `OTP_TEST_REQUIRE_TOOLS=1`).
fn have_aiosmtpd() -> bool {
    have_tool("python3", &["-c", "import aiosmtpd.controller"])
}

/// Customer 1106 (Korean messages, its own contact) with jklee (an address, no
/// language of its own) and nomail (no address), and `[smtp]` for `port` trusting
/// `ca`, the password in a file (`password`).
fn email_home(port: u16, ca: &Path, password: &str) -> OtpdHome {
    let home = OtpdHome::new(None);
    home.admin(&[
        "customer",
        "add",
        "1106",
        "한국과학기술정보연구원",
        "--lang",
        "ko",
        "--contact",
        "IT 지원센터 042-000-0000",
    ]);
    home.admin(&[
        "user",
        "add",
        "--customer",
        "1106",
        "jklee",
        "--name",
        "이정국 <b>",
        "--email",
        "jklee@kisti.re.kr",
    ]);
    home.admin(&["user", "add", "--customer", "1106", "nomail"]);
    let password_file = home.path("smtp.pass");
    std::fs::write(&password_file, format!("{password}\n")).unwrap();
    home.set("smtp.host", "localhost");
    home.set("smtp.port", i64::from(port));
    home.set("smtp.security", "starttls");
    home.set("smtp.username", "otpd");
    home.set("smtp.password_file", "smtp.pass");
    home.set("smtp.from", "KISTI OTP <otp@kisti.re.kr>");
    home.set("smtp.ca_file", ca.to_str().unwrap());
    home.set("smtp.timeout_secs", 10i64);
    home.set("delivery.time_zone", "Asia/Seoul");
    home
}

/// The six-digit code on the line of the text that starts with `label`.
fn code_after(text: &str, label: &str) -> String {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with(label))
        .unwrap_or_else(|| panic!("no {label} line in:\n{text}"));
    let code: String = line.chars().filter(char::is_ascii_digit).collect();
    assert_eq!(code.len(), 6, "{line}");
    code
}

/// The `otp add ...` command the message tells the user to run, as arguments.
fn enroll_command(text: &str) -> Vec<String> {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("otp add --customer"))
        .unwrap_or_else(|| panic!("no enroll command in:\n{text}"));
    line.split_whitespace().skip(1).map(str::to_owned).collect()
}

fn user_line(home: &OtpdHome, user: &str) -> String {
    let list = home.admin(&["user", "list", "--customer", "1106"]);
    list.lines()
        .find(|l| l.starts_with(user))
        .unwrap_or_else(|| panic!("{user} not in:\n{list}"))
        .to_owned()
}

fn issue(home: &OtpdHome, user: &str, send: &str) -> Output {
    home.run(&[
        "issue",
        "--customer",
        "1106",
        "--user",
        user,
        "--send",
        send,
    ])
}

#[test]
fn an_emailed_code_in_korean_enrolls_the_user_and_is_shown_to_no_one_else() {
    if !have_aiosmtpd() {
        return;
    }
    let (mail, ca) = mail_server("");
    let home = email_home(mail.port, &ca, PASSWORD);
    let server = home.start();
    home.set("delivery.server_url", server.url.as_str());

    let out = issue(&home, "jklee", "email");
    assert_success(&out);
    assert_eq!(stdout(&out), "", "a delivered code is printed nowhere");
    let said = stderr(&out);
    assert!(said.contains("j***@kisti.re.kr"), "{said}");
    assert!(!said.contains("jklee@kisti.re.kr"), "{said}");

    let messages = mail.received();
    assert_eq!(messages.len(), 1, "{messages:?}");
    let message = &messages[0];
    assert_eq!(message["tls"], true, "STARTTLS was used");
    assert_eq!(message["authenticated"], true, "the login was made");
    assert_eq!(message["rcpt_tos"][0], "jklee@kisti.re.kr");
    assert_eq!(message["mail_from"], "otp@kisti.re.kr");
    let headers = &message["headers"];
    assert_eq!(
        headers["Subject"],
        "[한국과학기술정보연구원] OTP 인증코드 안내 (고객코드 1106)"
    );
    // The Korean subject travels encoded, the whole message in 7-bit ASCII.
    assert!(
        message["raw_subject"]
            .as_str()
            .unwrap()
            .starts_with("=?utf-8?"),
        "{}",
        message["raw_subject"]
    );
    assert_eq!(message["raw_is_ascii"], true);
    assert!(
        headers["To"]
            .as_str()
            .unwrap()
            .contains("jklee@kisti.re.kr")
    );
    assert!(headers["From"].as_str().unwrap().contains("KISTI OTP"));
    assert!(
        headers["Message-ID"]
            .as_str()
            .unwrap()
            .ends_with("@kisti.re.kr>"),
        "{headers}"
    );
    assert!(headers["Date"].is_string(), "{headers}");
    assert_eq!(message["content_type"], "multipart/alternative");
    let text = message["parts"]["text/plain"].as_str().unwrap();
    let html = message["parts"]["text/html"].as_str().unwrap();
    for needle in [
        "한국과학기술정보연구원",
        "고객코드:      1106",
        "아이디:        jklee",
        "사용가능횟수:  1회",
        "(UTC+09:00) ~ ",
        "설치/등록 방법",
        "문의처: IT 지원센터 042-000-0000",
        "Shift-Tab",
    ] {
        assert!(text.contains(needle), "{needle:?} missing:\n{text}");
    }
    assert!(html.contains("이정국 &lt;b&gt;"), "{html}");
    assert!(!html.contains("이정국 <b>"), "{html}");
    let code = code_after(text, "인증코드:");
    assert!(html.contains(&code), "{html}");

    // The user follows the message: the command it gives, with the code from it.
    let sandbox = Sandbox::initialised();
    let args = enroll_command(text);
    assert!(args.contains(&server.url), "{args:?}");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let enrolled = sandbox.run(&args, &format!("{code}\n"));
    assert_success(&enrolled);
    assert!(user_line(&home, "jklee").contains("active"));

    // The code is in no otpd output, log or audit row; the password nowhere.
    let audit = home.admin(&["audit", "--limit", "1000"]);
    let line = user_line(&home, "jklee");
    for (what, text) in [
        ("issue stdout", stdout(&out)),
        ("issue stderr", said.clone()),
        ("serve log", server.log_text()),
        ("audit", audit.clone()),
        ("user list", line.clone()),
    ] {
        assert!(
            !text.contains(&code),
            "the code leaked into the {what}:\n{text}"
        );
        assert!(
            !text.contains(PASSWORD),
            "the password leaked into the {what}"
        );
    }
    assert!(
        !std::fs::read_to_string(&home.config)
            .unwrap()
            .contains(PASSWORD)
    );
    assert!(line.contains("email sent"), "{line}");
    let deliver = home
        .audit_rows()
        .into_iter()
        .find(|r| r.action == "deliver")
        .unwrap();
    assert_eq!(
        (deliver.outcome.as_str(), deliver.user.as_str()),
        ("ok", "jklee")
    );
    assert!(audit.contains("channel=email"), "{audit}");
    assert!(
        !audit.contains("kisti.re.kr"),
        "no address in the audit log:\n{audit}"
    );
}

#[test]
fn a_refused_login_prints_the_code_with_a_warning_and_records_the_failure() {
    if !have_aiosmtpd() {
        return;
    }
    let (mail, ca) = mail_server("");
    let home = email_home(mail.port, &ca, "wrong-password-x1");
    let out = issue(&home, "jklee", "email");
    assert_failure(&out, 3, &["SE6002", "username", "password_file"]);
    let code = stdout(&out).trim().to_owned();
    assert_eq!(code.len(), 6, "the code is printed: {code}");
    assert!(!stderr(&out).contains(&code));
    assert!(!stderr(&out).contains("wrong-password-x1"));
    assert!(mail.received().is_empty());
    let line = user_line(&home, "jklee");
    assert!(line.contains("email failed SE6002"), "{line}");
    assert!(line.contains("live until"), "the code stays valid: {line}");
    let audit = home.admin(&["audit"]);
    assert!(!audit.contains(&code) && !audit.contains("wrong-password-x1"));
    assert!(
        home.audit_rows()
            .iter()
            .any(|r| r.action == "deliver" && r.outcome == "SE6002"),
        "{audit}"
    );
}

#[test]
fn a_refused_recipient_is_said_as_such() {
    if !have_aiosmtpd() {
        return;
    }
    let (mail, ca) = mail_server("jklee@kisti.re.kr");
    let home = email_home(mail.port, &ca, PASSWORD);
    let out = issue(&home, "jklee", "email");
    assert_failure(&out, 3, &["SE6005", "email address"]);
    assert!(mail.received().is_empty());
}

#[test]
fn an_unreachable_mail_server_is_named_by_host_and_port() {
    // A port nobody listens on: bound, then closed.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = tempfile::tempdir().unwrap();
    let (ca, _, _) = certificates(dir.path());
    let home = email_home(port, &ca, PASSWORD);
    let out = issue(&home, "jklee", "email");
    assert_failure(
        &out,
        3,
        &["SE6003", &format!("localhost:{port}"), "[smtp] host"],
    );
    assert_eq!(stdout(&out).trim().len(), 6);
    assert!(user_line(&home, "jklee").contains("email failed SE6003"));
}

#[test]
fn no_code_is_issued_for_a_user_without_an_address_or_with_a_broken_template() {
    let dir = tempfile::tempdir().unwrap();
    let (ca, _, _) = certificates(dir.path());
    let home = email_home(1, &ca, PASSWORD);
    let out = issue(&home, "nomail", "email");
    assert_failure(&out, 2, &["no email address", "--send print"]);
    assert_eq!(stdout(&out), "");
    assert!(user_line(&home, "nomail").contains("none"));

    std::fs::create_dir_all(home.path("templates/ko")).unwrap();
    std::fs::write(
        home.path("templates/ko/body.txt"),
        "안녕하세요\n{{ cod }}\n",
    )
    .unwrap();
    let out = issue(&home, "jklee", "email");
    let template = home.path("templates/ko/body.txt");
    assert_failure(
        &out,
        2,
        &[template.to_str().unwrap(), "line 2", "No code was issued"],
    );
    assert_eq!(stdout(&out), "");
    let line = user_line(&home, "jklee");
    assert!(!line.contains("live"), "{line}");
}

#[test]
fn secrets_in_the_config_and_plain_text_to_another_machine_are_refused() {
    let home = OtpdHome::new(None).with_org();
    let config = std::fs::read_to_string(&home.config).unwrap();
    std::fs::write(
        &home.config,
        format!("{config}\n[smtp]\nhost = \"localhost\"\nfrom = \"otp@example.org\"\npassword = \"hunter2\"\n"),
    )
    .unwrap();
    let out = home.run(&["user", "list", "--customer", "1106"]);
    assert_failure(
        &out,
        2,
        &["[smtp] password", "password_file", "password_env"],
    );
    assert!(!stderr(&out).contains("hunter2"));

    std::fs::write(
        &home.config,
        format!("{config}\n[smtp]\nhost = \"mail.example.org\"\nsecurity = \"none\"\nfrom = \"otp@example.org\"\n"),
    )
    .unwrap();
    let out = home.run(&["user", "list", "--customer", "1106"]);
    assert_failure(&out, 2, &["mail.example.org", "starttls"]);

    std::fs::write(&home.config, &config).unwrap();
    let out = home.run(&[
        "issue",
        "--customer",
        "1106",
        "--user",
        "jklee",
        "--send",
        "webhook",
    ]);
    assert_failure(&out, 2, &["[webhook]", "--send print"]);
    assert_eq!(stdout(&out), "");
}

/// A webhook receiver answering `statuses` in turn, and a home whose `[webhook]`
/// points at it with the shared secret in the environment variable it names.
fn webhook_home(statuses: &str) -> (Sink, OtpdHome) {
    let dir = tempfile::tempdir().unwrap();
    let sink = Sink::start(
        "webhook_sink.py",
        &[],
        &[("SINK_SECRET", SECRET), ("SINK_STATUSES", statuses)],
        dir,
    );
    let home = OtpdHome::new(None);
    home.admin(&["customer", "add", "1106", "Example Org"]);
    home.admin(&[
        "user",
        "add",
        "--customer",
        "1106",
        "mkim",
        "--lang",
        "en",
        "--name",
        "Min Kim",
    ]);
    std::fs::write(home.path("hook.secret"), SECRET).unwrap();
    home.set("webhook.url", format!("http://127.0.0.1:{}/otp", sink.port));
    home.set("webhook.secret_file", "hook.secret");
    home.set("webhook.retries", 3i64);
    home.set("webhook.timeout_secs", 5i64);
    home.set("delivery.channel", "webhook");
    home.set("delivery.contact", "help@example.org");
    (sink, home)
}

#[test]
fn a_webhook_gets_a_signed_body_after_retries_on_503() {
    if !have_tool("python3", &["--version"]) {
        return;
    }
    let (hook, home) = webhook_home("503,503,200");
    // No --send: the config's channel.
    let out = home.run(&["issue", "--customer", "1106", "--user", "mkim"]);
    assert_success(&out);
    assert_eq!(stdout(&out), "");
    assert!(stderr(&out).contains("webhook"), "{}", stderr(&out));
    let requests = hook.received();
    assert_eq!(requests.len(), 3, "two 503s, then 200");
    let id = &requests[0]["headers"]["x-otpd-delivery"];
    for request in &requests {
        assert_eq!(request["signature_ok"], true, "{request}");
        assert_eq!(&request["headers"]["x-otpd-delivery"], id);
        assert_eq!(request["headers"]["content-type"], "application/json");
        assert_eq!(request["path"], "/otp");
    }
    let body = &requests[2]["body"];
    assert_eq!(body["customer"], "1106");
    assert_eq!(body["user_id"], "mkim");
    assert_eq!(body["name"], "Min Kim");
    assert_eq!(body["organisation"], "Example Org");
    assert_eq!(body["lang"], "en");
    assert_eq!(body["uses"], 1);
    assert_eq!(body["contact"], "help@example.org");
    let code = body["activation_code"].as_str().unwrap();
    assert_eq!(code.len(), 6);
    let until = body["valid_until"].as_u64().unwrap();
    let from = body["valid_from"].as_u64().unwrap();
    assert_eq!(until - from, 72 * 3600);
    let message = body["message"].as_str().unwrap();
    assert!(
        message.contains(code) && message.contains("Customer code 1106"),
        "{message}"
    );
    assert!(
        body["text"]
            .as_str()
            .unwrap()
            .contains("Questions: help@example.org")
    );
    assert!(!stderr(&out).contains(code));
    assert!(!home.admin(&["audit"]).contains(code));
    assert!(user_line(&home, "mkim").contains("webhook sent"));
}

#[test]
fn a_webhook_that_refuses_is_not_retried_and_the_code_is_printed() {
    if !have_tool("python3", &["--version"]) {
        return;
    }
    let (hook, home) = webhook_home("400");
    let out = home.run(&["issue", "--customer", "1106", "--user", "mkim"]);
    assert_failure(&out, 3, &["SE6011", "400", "WARNING"]);
    let code = stdout(&out).trim().to_owned();
    assert_eq!(code.len(), 6);
    assert_eq!(hook.received().len(), 1, "a 400 is final");
    assert_eq!(hook.received()[0]["body"]["activation_code"], code.as_str());
    assert!(user_line(&home, "mkim").contains("webhook failed SE6011"));
}

#[test]
fn a_mail_server_whose_certificate_does_not_verify_is_a_tls_failure() {
    if !have_aiosmtpd() {
        return;
    }
    let (mail, _) = mail_server("");
    // Another CA than the one that signed the server's certificate.
    let dir = tempfile::tempdir().unwrap();
    let (other_ca, _, _) = certificates(dir.path());
    let home = email_home(mail.port, &other_ca, PASSWORD);
    let out = issue(&home, "jklee", "email");
    assert_failure(
        &out,
        3,
        &["SE6004", "ca_file", &format!("localhost:{}", mail.port)],
    );
    assert!(mail.received().is_empty());
}

/// `user import --issue --send email`: one mail per user of the file without a
/// token, none of those codes printed; the one the mail server refuses is printed
/// (as a CSV row) with a warning, and the run ends with status 3.
#[test]
fn a_bulk_import_emails_each_user_and_prints_only_the_undelivered_code() {
    if !have_aiosmtpd() {
        return;
    }
    let (mail, ca) = mail_server("bad@kisti.re.kr");
    let home = email_home(mail.port, &ca, PASSWORD);
    let file = home.path("users.csv");
    std::fs::write(
        &file,
        "아이디,이름,이메일,언어\n\
         a1,사용자 일,a1@kisti.re.kr,ko\n\
         a2,User Two,a2@kisti.re.kr,en\n\
         bad,Refused,bad@kisti.re.kr,en\n",
    )
    .unwrap();
    let out = home.run(&[
        "user",
        "import",
        file.to_str().unwrap(),
        "--customer",
        "1106",
        "--issue",
        "--send",
        "email",
    ]);
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    let (printed, said) = (stdout(&out), stderr(&out));
    assert!(said.contains("2 sent by email; 1 not delivered"), "{said}");
    assert!(said.contains("SE6005"), "{said}");

    // One message to each deliverable user, in their own language.
    let messages = mail.received();
    assert_eq!(messages.len(), 2, "{messages:?}");
    let mut emailed = Vec::new();
    for (message, (to, label)) in messages.iter().zip([
        ("a1@kisti.re.kr", "인증코드:"),
        ("a2@kisti.re.kr", "Activation code:"),
    ]) {
        assert_eq!(message["rcpt_tos"][0], to, "{message}");
        let text = message["parts"]["text/plain"].as_str().unwrap();
        emailed.push(code_after(text, label));
    }
    // Only the refused user's code is printed: a heading and one row.
    let rows: Vec<&str> = printed.lines().collect();
    assert_eq!(rows.len(), 2, "{printed}");
    assert!(
        rows[1].starts_with("bad,Refused,bad@kisti.re.kr,"),
        "{printed}"
    );
    let printed_code: String = rows[1].split(',').nth(3).unwrap().to_owned();
    assert_eq!(printed_code.len(), 6, "{printed}");
    for code in &emailed {
        assert!(!printed.contains(code.as_str()) && !said.contains(code.as_str()));
        assert!(
            !home
                .admin(&["audit", "--limit", "100"])
                .contains(code.as_str())
        );
    }
    assert!(user_line(&home, "a1").contains("email sent"));
    assert!(user_line(&home, "bad").contains("email failed SE6005"));
    // Users not in the file got nothing.
    assert!(!user_line(&home, "jklee").contains("email sent"));
}
