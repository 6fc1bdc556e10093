//! Customer-code enrollment in Korean, end to end: a real `otpd` on 127.0.0.1 and
//! the real `otp` with `LANG=ko_KR.UTF-8` (and nothing else choosing its language).
//! Every expected sentence is read from the catalogues through the library, never
//! copied here, so a test fails when the product says anything else.
//!
//! The client cannot meet SE4002 (activation's one-time proof is checked while the
//! token is pending; a replay finds it active and gets SE4004), so SE4002 is
//! checked where people meet it: otpd's `/v1/verify`, asked with
//! `Accept-Language: ko`.

#![cfg(feature = "server")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::otpd::{OtpdHome, outcome};
use common::{PIN, Sandbox, assert_success, feed, stderr, unix_now};
use otp::i18n::{Args, Lang, Value, catalogue};

/// `otp` in the sandbox, in Korean by the locale alone.
fn korean(sandbox: &Sandbox) -> Command {
    let mut command = sandbox.otp();
    command
        .env_remove("OTP_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "ko_KR.UTF-8");
    command
}

/// `otp --pin-stdin ARGS` in Korean, with the PIN and then `stdin`.
fn run_korean(sandbox: &Sandbox, args: &[&str], stdin: &str) -> Output {
    let mut command = korean(sandbox);
    command.arg("--pin-stdin").args(args);
    feed(command, &format!("{PIN}\n{stdin}"))
}

/// A message of the catalogues, checked to be really in `lang`.
fn text(lang: Lang, id: &str, args: &[(&str, String)]) -> String {
    let mut fluent = Args::new();
    for (name, value) in args {
        fluent.set(*name, Value::from(value.clone()));
    }
    let text = catalogue::text(lang, id, Some(&fluent));
    let hangul = text.chars().any(|c| ('가'..='힣').contains(&c));
    assert_eq!(hangul, lang == Lang::Ko, "{id} is not in {lang:?}: {text}");
    text
}

/// `CODE: sentence` as otp says a protocol error in Korean.
fn korean_error(code: &str) -> String {
    format!(
        "{code}: {}",
        text(Lang::Ko, &format!("api-{}", code.to_lowercase()), &[])
    )
}

/// SE3010 as otp says it in Korean when the server counts the tries `left`.
fn korean_wrong_activation(left: u32) -> String {
    let mut fluent = Args::new();
    fluent.set("code", Value::from("SE3010"));
    fluent.set("left", Value::from(left));
    let text = catalogue::text(Lang::Ko, "enroll-wrong-activation", Some(&fluent));
    assert!(text.contains(&format!("{left}번")), "{text}");
    text
}

fn assert_says(out: &Output, exit: i32, expected: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(exit), "{err}");
    assert!(
        err.contains(expected),
        "stderr lacks\n  {expected}\nit says\n  {err}"
    );
}

fn enroll_args<'a>(customer: &'a str, id: &'a str, server: &'a str) -> Vec<&'a str> {
    vec![
        "add",
        "--customer",
        customer,
        "--id",
        id,
        "--server",
        server,
    ]
}

#[test]
fn the_command_line_says_ce1001_se3005_and_se3010_in_korean_with_their_codes() {
    let home = OtpdHome::new(None).with_org();
    let code = home.issue("jklee", &[]);
    let server = home.start();
    let sandbox = Sandbox::initialised();

    let out = run_korean(&sandbox, &enroll_args("9999", "jklee", &server.url), "");
    assert_says(&out, 7, &korean_error("CE1001"));

    let out = run_korean(
        &sandbox,
        &enroll_args("1106", "ghost", &server.url),
        "123456\n",
    );
    assert_says(&out, 7, &korean_error("SE3005"));

    let wrong = if code == "000000" { "000001" } else { "000000" };
    let out = run_korean(
        &sandbox,
        &enroll_args("1106", "jklee", &server.url),
        &format!("{wrong}\n"),
    );
    assert_says(&out, 7, &korean_wrong_activation(4));
    // Said for Korean readers: the organisation is named in Korean words too.
    let organisation = text(
        Lang::Ko,
        "enroll-cli-organisation",
        &[
            ("customer", "1106".into()),
            ("organisation", "Example Org".into()),
            ("server", server.url.clone()),
        ],
    );
    assert!(stderr(&out).contains(&organisation), "{}", stderr(&out));
    assert!(!stderr(&out).contains(wrong));

    // The right code still works after one wrong try, and says so in Korean.
    let out = run_korean(
        &sandbox,
        &enroll_args("1106", "jklee", &server.url),
        &format!("{code}\n"),
    );
    assert_success(&out);
    assert!(
        stderr(&out).contains("계정을 추가했습니다"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_mistyped_customer_code_says_to_check_it_and_names_the_config_file() {
    let sandbox = Sandbox::initialised();
    // Only a [customers] table; 1160 is 1106 mistyped. Nothing is contacted.
    sandbox.name_customers(&[("1106", "https://otp.example.org")]);
    let path = sandbox.config.display().to_string();
    let args = ["add", "--customer", "1160", "--id", "jklee"];
    let values = [("customer", "1160".to_owned()), ("path", path.clone())];

    let out = run_korean(&sandbox, &args, "123456\n");
    let ko = text(Lang::Ko, "enroll-not-configured", &values);
    assert_says(&out, 7, &ko);
    assert!(ko.contains("고객코드가 맞는지 확인하세요") && ko.contains(&path));
    // The command line, and only it, adds how to name a server for once.
    let hint = text(Lang::Ko, "enroll-cli-hint-server", &values[..1]);
    assert!(!ko.contains("--server"), "{ko}");
    assert!(hint.contains("--server"));
    assert_says(&out, 7, &hint);

    let out = sandbox.run(&args, "123456\n");
    let en = text(Lang::En, "enroll-not-configured", &values);
    assert!(en.contains("check the customer code") && en.contains(&path));
    assert_says(&out, 7, &en);
    assert!(!stderr(&out).contains("no server is known for customer code 1160;"));
}

#[test]
fn the_language_can_be_chosen_by_flag_and_config_and_the_code_never_changes() {
    let home = OtpdHome::new(None).with_org();
    let server = home.start();
    let sandbox = Sandbox::initialised();
    let ce1001 = |lang| {
        format!(
            "CE1001: {}",
            text(lang, "api-ce1001", &[]) // the same id in both languages
        )
    };
    // --lang en beats a Korean locale.
    let mut args = vec!["--lang", "en"];
    args.extend(enroll_args("9999", "jklee", &server.url));
    assert_says(&run_korean(&sandbox, &args, ""), 7, &ce1001(Lang::En));
    // The config file's `lang` beats the locale too.
    std::fs::write(&sandbox.config, "lang = \"en\"\n").unwrap();
    let args = enroll_args("9999", "jklee", &server.url);
    assert_says(&run_korean(&sandbox, &args, ""), 7, &ce1001(Lang::En));
    // An unknown language falls back to English.
    std::fs::remove_file(&sandbox.config).unwrap();
    let mut command = korean(&sandbox);
    command
        .env("LANG", "xx_YY.UTF-8")
        .arg("--pin-stdin")
        .args(&args);
    assert_says(&feed(command, &format!("{PIN}\n")), 7, &ce1001(Lang::En));
}

/// `/v1/verify` with an `Accept-Language`, as a login system asks.
fn verify(url: &str, key: &str, otp: &str, language: &str) -> (u16, serde_json::Value) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut response = agent
        .post(format!("{url}/v1/verify"))
        .header("authorization", format!("Bearer {key}"))
        .header("accept-language", language)
        .header("content-type", "application/json")
        .send(format!(r#"{{"user_id":"jklee","otp":"{otp}"}}"#))
        .unwrap();
    let status = response.status().as_u16();
    let body = response.body_mut().read_to_string().unwrap();
    (status, serde_json::from_str(&body).unwrap())
}

#[test]
fn otpd_says_se4002_in_the_language_the_login_system_asks_for() {
    let home = OtpdHome::new(None).with_org();
    let code = home.issue("jklee", &[]);
    let server = home.start();
    let sandbox = Sandbox::initialised();
    let out = run_korean(
        &sandbox,
        &enroll_args("1106", "jklee", &server.url),
        &format!("{code}\n"),
    );
    assert_success(&out);
    let key = home.api_key();
    // Far enough from the end of the 60-second step that both tries share it.
    while 60 - unix_now() % 60 < 5 {
        std::thread::sleep(Duration::from_millis(200));
    }
    let otp = sandbox.code("Example Org:jklee", &[]);
    let (status, body) = verify(&server.url, &key, &otp, "ko-KR,ko;q=0.9,en;q=0.5");
    assert_eq!((status, outcome(&body.to_string()).as_str()), (200, "ok"));
    let (status, body) = verify(&server.url, &key, &otp, "ko-KR,ko;q=0.9,en;q=0.5");
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["error"]["code"], "SE4002", "{body}");
    assert_eq!(
        body["error"]["message"],
        text(Lang::Ko, "api-se4002", &[]),
        "{body}"
    );
    let (_, body) = verify(&server.url, &key, &otp, "en");
    assert_eq!(body["error"]["code"], "SE4002", "{body}");
    assert_eq!(
        body["error"]["message"],
        text(Lang::En, "api-se4002", &[]),
        "{body}"
    );
}

/// Waits until the program has drawn something and then been quiet for a moment:
/// for steps whose words depend on the full-screen interface's own catalogue.
fn settle(tui: &common::pty::Tui, timeout: Duration) {
    let start = Instant::now();
    loop {
        let quiet = tui
            .output
            .lock()
            .unwrap()
            .last_read
            .is_some_and(|at| at.elapsed() > Duration::from_millis(400));
        if quiet && !tui.screen().trim().is_empty() {
            return;
        }
        assert!(
            start.elapsed() < timeout,
            "the screen never settled:\n{}",
            tui.screen()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The screen's letters without spaces, line breaks and box drawing, so a sentence
/// wrapped inside a bordered box can be found whole.
fn letters(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !('\u{2500}'..='\u{257f}').contains(c))
        .collect()
}

#[test]
fn the_full_screen_form_says_se3010_in_korean() {
    const WAIT: Duration = Duration::from_secs(30);
    let home = OtpdHome::new(None).with_org();
    let code = home.issue("jklee", &[]);
    let server = home.start();
    let sandbox = Sandbox::initialised();
    sandbox.name_customers(&[("1106", &server.url)]);
    let korean = [("LANG", std::ffi::OsStr::new("ko_KR.UTF-8"))];
    let mut tui = sandbox.tui(&["--no-agent"], &korean, 160, 50);
    settle(&tui, WAIT);
    tui.type_slowly(PIN);
    tui.wait_for("0/10", WAIT);
    settle(&tui, WAIT);
    tui.send("a");
    settle(&tui, WAIT);
    tui.send("\x1b[Z"); // back to "From"
    tui.send("\x1b[D"); // the customer-code choice
    settle(&tui, WAIT);
    tui.send("\t");
    tui.type_slowly("1106");
    tui.send("\r");
    tui.wait_for("Example Org", WAIT);
    tui.type_slowly("jklee");
    tui.send("\t");
    let wrong = if code == "000000" { "000001" } else { "000000" };
    tui.type_slowly(wrong);
    tui.send("\r");
    let screen = tui.wait_for("SE3010", WAIT);
    let sentence = korean_wrong_activation(4);
    assert!(
        letters(&screen).contains(&letters(&sentence)),
        "the form does not show\n  {sentence}\nit shows\n{screen}"
    );
    assert!(!screen.contains(wrong), "{screen}");
    tui.send("\x03");
    let _ = tui.wait_exit(WAIT);
}

/// The README's error table says what otp and otpd say in English, and its Korean
/// quick start covers the codes a person meets while enrolling.
#[test]
fn the_readme_follows_the_catalogues() {
    use otp::i18n::Localize;
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    for code in otp::api::ErrorCode::ALL {
        let sentence = code.localize_in(Lang::En);
        let mut chars = sentence.chars();
        let first = chars.next().unwrap().to_uppercase().collect::<String>();
        let row_end = format!(" | {first}{}. |", chars.as_str().replace('|', "\\|"));
        let row_start = format!("| {} | ", code.as_str());
        assert!(
            readme
                .lines()
                .any(|line| line.starts_with(&row_start) && line.ends_with(&row_end)),
            "README.md's error table lacks the catalogue's sentence for {code}: {sentence}"
        );
    }
    let start = readme.find("### 빠른 시작: 고객코드로 등록하기").unwrap();
    let quick_start = &readme[start..];
    for words in [
        "otp add --customer 1106",
        "인증코드",
        "OTP 번호",
        "CE1001",
        "SE3005",
        "SE3010",
        "--lang ko",
        "LANG",
    ] {
        assert!(quick_start.contains(words), "the quick start lacks {words}");
    }
}
