//! End to end: a real `otpd` on 127.0.0.1 (SQLite in a temporary directory) and the
//! real `otp` binary enrolling with a customer code, then login-system
//! verification of the codes it shows. Refusals are checked by their codes here;
//! their sentences, in both languages, in tests/i18n_enroll.rs.

#![cfg(feature = "server")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::otpd::{OtpdHome, Server, outcome};
use std::process::Output;

use common::{Sandbox, assert_failure, assert_success, stderr, unix_now};

const LABEL: &str = "Example Org:jklee";

fn enroll(sandbox: &Sandbox, server: &str, code: &str, extra: &[&str]) -> std::process::Output {
    let mut args = enroll_args(server).to_vec();
    args.extend_from_slice(extra);
    sandbox.run(&args, &format!("{code}\n"))
}

fn current_code(sandbox: &Sandbox) -> String {
    sandbox.code(LABEL, &[])
}

/// Waits until at least `margin` seconds remain in the current `period` step.
fn not_near_a_step_end(period: u64, margin: u64) {
    while period - unix_now() % period < margin {
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
}

/// An organisation on a running otpd with an activation code issued for `jklee`,
/// and a fresh vault: what every enrollment test starts from.
fn enrollment_ready() -> (OtpdHome, String, Server, Sandbox) {
    let home = OtpdHome::new(None).with_org();
    let code = home.issue("jklee", &[]);
    let server = home.start();
    (home, code, server, Sandbox::initialised())
}

/// The arguments of `otp add --customer 1106 --id jklee --server SERVER`.
fn enroll_args(server: &str) -> [&str; 7] {
    [
        "add",
        "--customer",
        "1106",
        "--id",
        "jklee",
        "--server",
        server,
    ]
}

/// A well-formed activation code that is not `code`.
fn other_code(code: &str) -> &'static str {
    if code == "000000" { "000001" } else { "000000" }
}

#[test]
fn enrollment_then_verification_then_replay_refused() {
    let home = OtpdHome::new(None).with_org();
    let code = home.issue("jklee", &[]);
    assert_eq!(code.len(), 6);
    let server = home.start();
    let sandbox = Sandbox::initialised();
    let out = enroll(&sandbox, &server.url, &code, &["--device-name", "laptop"]);
    assert_success(&out);
    let err = stderr(&out);
    assert!(err.contains("Example Org"), "{err}");
    assert!(err.contains("TOTP every 60 s"), "{err}");

    let out = sandbox.run(&["list", "--json"], "");
    let json: serde_json::Value = serde_json::from_str(&common::stdout(&out)).unwrap();
    assert_eq!(json[0]["label"], LABEL);
    assert_eq!(json[0]["period"], 60);

    not_near_a_step_end(60, 5);
    let key = home.api_key();
    let otp = current_code(&sandbox);
    let (status, body) = server.verify(&key, "jklee", &otp);
    assert_eq!((status, outcome(&body).as_str()), (200, "ok"), "{body}");
    // The same code again: refused as already used.
    let (status, body) = server.verify(&key, "jklee", &otp);
    assert_eq!((status, outcome(&body).as_str()), (409, "SE4002"), "{body}");

    // The same activation code a second time: used up.
    let again = Sandbox::initialised();
    let out = enroll(&again, &server.url, &code, &[]);
    assert_failure(&out, 7, &["SE3010"]);

    // Neither the log nor the audit trail holds the code, the seed or the API key.
    let audit = home.admin(&["audit", "--limit", "100"]);
    for text in [server.log_text(), audit.clone()] {
        assert!(!text.contains(&code), "activation code leaked:\n{text}");
        assert!(!text.contains(&key), "API key leaked:\n{text}");
    }
    for action in [
        "issue",
        "enroll.start",
        "enroll.finish",
        "enroll.activate",
        "verify",
        "client.add",
    ] {
        assert!(audit.contains(action), "{action} not audited:\n{audit}");
    }
    let users = home.admin(&["user", "list", "--customer", "1106"]);
    assert!(
        users.contains("active") && users.contains("used"),
        "{users}"
    );
}

#[test]
fn five_wrong_activation_codes_burn_it() {
    let (home, code, server, sandbox) = enrollment_ready();
    let wrong = other_code(&code);
    // Each refusal says how many wrong tries the code has left; the fifth, that it
    // is used up.
    for said in [
        "4 tries left",
        "3 tries left",
        "2 tries left",
        "1 try left",
        "last try",
    ] {
        let out = enroll(&sandbox, &server.url, wrong, &[]);
        assert_failure(&out, 7, &["SE3010", said]);
    }
    // Now even the right code fails: the code is burned.
    let out = enroll(&sandbox, &server.url, &code, &[]);
    assert_failure(&out, 7, &["SE3010"]);
    let users = home.admin(&["user", "list", "--customer", "1106"]);
    assert!(users.contains("burned"), "{users}");
    // A new code works and the vault holds exactly one account.
    let code = home.issue("jklee", &[]);
    assert_success(&enroll(&sandbox, &server.url, &code, &[]));
    let out = sandbox.run(&["list", "--json"], "");
    let json: serde_json::Value = serde_json::from_str(&common::stdout(&out)).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 1);
}

#[test]
fn expired_code_and_issuing_again_revokes_the_previous_one() {
    let home = OtpdHome::new(None).with_org();
    let short = home.issue("jklee", &["--ttl", "1s"]);
    let server = home.start();
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let sandbox = Sandbox::initialised();
    assert_failure(&enroll(&sandbox, &server.url, &short, &[]), 7, &["SE3010"]);

    let first = home.issue("jklee", &[]);
    let second = home.issue("jklee", &[]);
    if first != second {
        assert_failure(&enroll(&sandbox, &server.url, &first, &[]), 7, &["SE3010"]);
    }
    assert_success(&enroll(&sandbox, &server.url, &second, &[]));
}

#[test]
fn unknown_customer_and_unknown_user() {
    let home = OtpdHome::new(None).with_org();
    home.admin(&["user", "add", "--customer", "1106", "nocode"]);
    let server = home.start();
    let sandbox = Sandbox::initialised();
    let out = sandbox.run(
        &[
            "add",
            "--customer",
            "9999",
            "--id",
            "jklee",
            "--server",
            &server.url,
        ],
        "123456\n",
    );
    assert_failure(&out, 7, &["CE1001"]);
    let out = sandbox.run(
        &[
            "add",
            "--customer",
            "1106",
            "--id",
            "ghost",
            "--server",
            &server.url,
        ],
        "123456\n",
    );
    assert_failure(&out, 7, &["SE3005"]);
    // A known user with nothing issued is SE3005 too.
    let out = sandbox.run(
        &[
            "add",
            "--customer",
            "1106",
            "--id",
            "nocode",
            "--server",
            &server.url,
        ],
        "123456\n",
    );
    assert_failure(&out, 7, &["SE3005"]);
    drop(server);

    // With uniform_errors an unknown ID looks exactly like a wrong code.
    home.set("uniform_errors", true);
    let server = home.start();
    let out = sandbox.run(
        &[
            "add",
            "--customer",
            "1106",
            "--id",
            "ghost",
            "--server",
            &server.url,
        ],
        "123456\n",
    );
    assert_failure(&out, 7, &["SE3010"]);
    assert!(!stderr(&out).contains("SE3005"));
}

#[test]
fn the_previous_step_is_accepted_once_and_failures_lock_until_unlock() {
    // Short steps so the test need not wait a minute for a step boundary.
    let home = OtpdHome::new(None).with_org();
    home.set("tokens.period", 4);
    let code = home.issue("jklee", &[]);
    let server = home.start();
    let sandbox = Sandbox::initialised();
    not_near_a_step_end(4, 2);
    assert_success(&enroll(&sandbox, &server.url, &code, &[]));
    let key = home.api_key();

    // The code of the step just ended is still accepted, once.
    let step_start = unix_now() / 4 * 4;
    while unix_now() < step_start + 4 {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let previous = sandbox.code(LABEL, &["--at", &step_start.to_string()]);
    let (status, body) = server.verify(&key, "jklee", &previous);
    assert_eq!(outcome(&body), "ok", "{status} {body}");
    let (_, body) = server.verify(&key, "jklee", &previous);
    assert_eq!(outcome(&body), "SE4002");
    // Two steps back is too old: a wrong code.
    let old = sandbox.code(LABEL, &["--at", &(step_start - 4).to_string()]);
    let (_, body) = server.verify(&key, "jklee", &old);
    assert_eq!(outcome(&body), "SE4001");

    // Four more wrong codes make five in a row: locked, and a right code is refused.
    for _ in 0..4 {
        let (status, body) = server.verify(&key, "jklee", "000000");
        assert!(
            matches!(outcome(&body).as_str(), "SE4001"),
            "{status} {body}"
        );
    }
    let (status, body) = server.verify(&key, "jklee", &current_code(&sandbox));
    assert_eq!((status, outcome(&body).as_str()), (423, "SE4003"), "{body}");
    let users = home.admin(&["user", "list", "--customer", "1106"]);
    assert!(users.contains("locked"), "{users}");

    home.admin(&["unlock", "--customer", "1106", "--user", "jklee"]);
    not_near_a_step_end(4, 1);
    let (_, body) = server.verify(&key, "jklee", &current_code(&sandbox));
    assert_eq!(outcome(&body), "ok", "{body}");
}

#[test]
fn re_enrollment_replaces_the_old_token_and_revoke_ends_it() {
    let home = OtpdHome::new(None).with_org();
    let server = home.start();
    let key = home.api_key();
    let old_device = Sandbox::initialised();
    assert_success(&enroll(
        &old_device,
        &server.url,
        &home.issue("jklee", &[]),
        &[],
    ));
    let new_device = Sandbox::initialised();
    let out = enroll(&new_device, &server.url, &home.issue("jklee", &[]), &[]);
    assert_success(&out);
    assert!(stderr(&out).contains("previous device"), "{}", stderr(&out));
    not_near_a_step_end(60, 3);
    let (_, body) = server.verify(&key, "jklee", &current_code(&old_device));
    assert_eq!(outcome(&body), "SE4001");
    let (_, body) = server.verify(&key, "jklee", &current_code(&new_device));
    assert_eq!(outcome(&body), "ok");

    home.admin(&["revoke", "--customer", "1106", "--user", "jklee"]);
    let (status, body) = server.verify(&key, "jklee", &current_code(&new_device));
    assert_eq!((status, outcome(&body).as_str()), (404, "SE4004"));
    // A revoked API key is refused.
    let id = key.split('_').nth(1).unwrap();
    home.admin(&["client", "revoke", id]);
    // A checked key is trusted for API_KEY_CACHE_SECS without asking the database.
    std::thread::sleep(
        std::time::Duration::from_secs(otp::server::policy::API_KEY_CACHE_SECS)
            + std::time::Duration::from_millis(200),
    );
    let (status, body) = server.verify(&key, "jklee", "000000");
    assert_eq!((status, outcome(&body).as_str()), (401, "SE5001"));
}

#[test]
fn plain_http_to_another_machine_is_refused_before_any_traffic() {
    let sandbox = Sandbox::initialised();
    // 10.255.255.1 is never contacted: the address is refused before connecting.
    let out = sandbox.run(
        &[
            "add",
            "--customer",
            "1106",
            "--id",
            "jklee",
            "--server",
            "http://10.255.255.1:8443",
        ],
        "123456\n",
    );
    assert_failure(&out, 7, &["CE2001", "10.255.255.1"]);
    // No server known at all: names the customer code and the config file where
    // the server belongs (the sentences: tests/i18n_enroll.rs).
    let out = sandbox.run(&["add", "--customer", "1106", "--id", "jklee"], "123456\n");
    let config = sandbox.config.display().to_string();
    assert_failure(&out, 7, &["1106", &config]);
}

#[test]
fn the_config_file_names_the_server_and_the_id_is_asked_for() {
    let home = OtpdHome::new(None).with_org();
    let server = home.start();
    let sandbox = Sandbox::initialised();
    sandbox.name_customers(&[("1106", &server.url)]);
    let code = home.issue("jklee", &[]);
    // PIN, then the ID, then the activation code, one per line.
    let out = sandbox.run(&["add", "--customer", "1106"], &format!("jklee\n{code}\n"));
    assert_success(&out);
    assert_success(&sandbox.run(&["code", LABEL], ""));
}

#[test]
fn tls_with_a_private_ca() {
    let home = OtpdHome::new(None).with_org();
    let ca_key = rcgen::KeyPair::generate().unwrap();
    let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "otp test CA");
    let ca = ca_params.clone().self_signed(&ca_key).unwrap();
    let server_key = rcgen::KeyPair::generate().unwrap();
    let server_params =
        rcgen::CertificateParams::new(vec!["localhost".to_owned(), "127.0.0.1".to_owned()])
            .unwrap();
    let issuer = rcgen::Issuer::from_params(&ca_params, &ca_key);
    let server_cert = server_params.signed_by(&server_key, &issuer).unwrap();
    std::fs::write(home.path("cert.pem"), server_cert.pem()).unwrap();
    std::fs::write(home.path("key.pem"), server_key.serialize_pem()).unwrap();
    let ca_path = home.path("ca.pem");
    std::fs::write(&ca_path, ca.pem()).unwrap();
    home.set("tls_cert", "cert.pem");
    home.set("tls_key", "key.pem");
    let server: Server = home.start();
    assert!(
        server.url.starts_with("https://127.0.0.1:"),
        "{}",
        server.url
    );

    let sandbox = Sandbox::initialised();
    let code = home.issue("jklee", &[]);
    // Without the CA the certificate cannot be checked: CE2001, and no try is used.
    let out = enroll(&sandbox, &server.url, &code, &[]);
    assert_failure(&out, 7, &["CE2001"]);
    let out = enroll(
        &sandbox,
        &server.url,
        &code,
        &["--ca-cert", ca_path.to_str().unwrap()],
    );
    assert_success(&out);
}

#[test]
fn a_directory_names_the_server_and_bad_input_is_refused_locally() {
    let home = OtpdHome::new(None).with_org();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(home.path("master.key"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(
            mode & 0o777,
            0o600,
            "otpd init makes the master key private"
        );
    }
    let server = home.start();
    // A second otpd acting as the directory: it knows 1106 lives on the first.
    let directory = OtpdHome::new(None);
    directory.admin(&[
        "customer",
        "add",
        "1106",
        "Example Org",
        "--server-url",
        &server.url,
    ]);
    let directory_server = directory.start();
    let sandbox = Sandbox::initialised();
    std::fs::write(
        &sandbox.config,
        format!("directory = \"{}\"\n", directory_server.url),
    )
    .unwrap();
    // A malformed activation code is refused before any enrollment request.
    let out = sandbox.run(&["add", "--customer", "1106", "--id", "jklee"], "12ab56\n");
    assert_failure(&out, 7, &["CE1002", "6 digits"]);
    let code = home.issue("jklee", &[]);
    let out = sandbox.run(
        &["add", "--customer", "1106", "--id", "jklee"],
        &format!("{code}\n"),
    );
    assert_success(&out);
    assert!(stderr(&out).contains(&server.url), "{}", stderr(&out));
}

#[test]
fn otpd_refuses_plain_http_off_loopback_before_binding() {
    let home = OtpdHome::new(None);
    // 192.0.2.1 (TEST-NET-1) is not on this machine: nothing is bound or sent.
    let out = home.run(&["serve", "--listen", "192.0.2.1:0"]);
    assert_failure(&out, 2, &["refusing plain HTTP", "tls_cert"]);
}

const TUI_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

/// The full-screen interface unlocked on a fresh vault that names `server` for the
/// customer code 1106, with the add form on the customer-code source, the code
/// looked up (the organisation shown) and the ID `jklee` typed; the cursor is in the
/// activation-code field.
fn tui_at_the_activation_code(server: &Server) -> (Sandbox, common::pty::Tui) {
    let sandbox = Sandbox::initialised();
    sandbox.name_customers(&[("1106", &server.url)]);
    let mut tui = sandbox.tui(&["--no-agent"], &[], 100, 30);
    tui.wait_for("Enter your 6-digit PIN", TUI_WAIT);
    tui.type_slowly(common::PIN);
    tui.wait_for("0/10 accounts", TUI_WAIT);
    tui.send("a");
    tui.wait_for("Add an account", TUI_WAIT);
    tui.send("\x1b[Z"); // back to "From"
    tui.send("\x1b[D"); // the customer-code choice
    tui.wait_for("customer code", TUI_WAIT);
    tui.send("\t");
    tui.type_slowly("1106");
    tui.send("\r");
    tui.wait_for("Example Org", TUI_WAIT);
    tui.type_slowly("jklee");
    tui.send("\t");
    (sandbox, tui)
}

/// The full-screen interface's add form, customer-code source: the organisation's
/// name after the look-up, then the ID and the activation code; the account lands
/// in the list and otpd accepts its current code.
#[test]
fn the_tui_add_form_enrolls_by_customer_code() {
    let home = OtpdHome::new(None).with_org();
    let code = home.issue("jklee", &[]);
    let server = home.start();
    let (sandbox, mut tui) = tui_at_the_activation_code(&server);
    tui.type_slowly(&code);
    let screen = tui.screen();
    assert!(!screen.contains(&code), "{screen}");
    tui.send("\r");
    tui.wait_for(LABEL, TUI_WAIT);
    tui.send("\x03");
    assert!(tui.wait_exit(TUI_WAIT).success());

    not_near_a_step_end(60, 5);
    let otp = current_code(&sandbox);
    let (status, body) = server.verify(&home.api_key(), "jklee", &otp);
    assert_eq!((status, outcome(&body).as_str()), (200, "ok"), "{body}");
}

/// A wrong activation code in the full-screen form: the server's count of tries
/// left is said in the form, the activation-code field is emptied, the customer
/// code and the ID stay, so the right code typed next enrolls.
#[test]
fn the_tui_form_empties_a_refused_activation_code_and_says_the_tries_left() {
    let home = OtpdHome::new(None).with_org();
    let code = home.issue("jklee", &[]);
    let server = home.start();
    let (_sandbox, mut tui) = tui_at_the_activation_code(&server);
    let wrong = other_code(&code);
    tui.type_slowly(wrong);
    tui.wait_for("•••••• (6)", TUI_WAIT);
    tui.send("\r");
    let screen = tui.wait_for("4 tries left", TUI_WAIT);
    assert!(screen.contains("SE3010"), "{screen}");
    assert!(
        !screen.contains("•••"),
        "the field still holds the code:\n{screen}"
    );
    assert!(
        screen.contains("1106") && screen.contains("jklee"),
        "{screen}"
    );
    tui.type_slowly(&code);
    tui.send("\r");
    tui.wait_for(LABEL, TUI_WAIT);
    tui.send("\x03");
    assert!(tui.wait_exit(TUI_WAIT).success());
}

/// `otp add --customer` with the PIN from `OTP_PIN_COMMAND`, a script that notes
/// each call with the number of activation codes otpd had accepted by then
/// (`finish` answered 200 in its request log); the activation code on standard
/// input.
fn enroll_with_pin_command(sandbox: &Sandbox, server: &Server, code: &str) -> (Output, String) {
    let calls = sandbox.dir.path().join("pin-calls");
    let _ = std::fs::remove_file(&calls);
    let script = format!(
        "printf 'call after %s accepted\\n' \"$(grep -c 'POST /v1/enroll/finish 200' '{log}')\" >> '{calls}'; echo {pin}",
        log = server.log.display(),
        calls = calls.display(),
        pin = common::PIN,
    );
    let mut command = sandbox.otp();
    command
        .env("OTP_PIN_COMMAND", script)
        .args(enroll_args(&server.url));
    let out = common::feed(command, &format!("{code}\n"));
    (out, std::fs::read_to_string(&calls).unwrap_or_default())
}

/// The PIN is asked once, and only after the server has accepted the activation
/// code: a wrong code asks for no PIN at all, however often it is retried.
#[test]
fn the_pin_is_asked_once_after_the_server_accepted_the_activation_code() {
    let (_home, code, server, sandbox) = enrollment_ready();
    let wrong = other_code(&code);
    for _ in 0..2 {
        let (out, calls) = enroll_with_pin_command(&sandbox, &server, wrong);
        assert_failure(&out, 7, &["SE3010"]);
        assert_eq!(calls, "", "a wrong activation code asked for the PIN");
    }
    let (out, calls) = enroll_with_pin_command(&sandbox, &server, &code);
    assert_success(&out);
    assert_eq!(calls, "call after 1 accepted\n");
    assert_success(&sandbox.run(&["code", LABEL], ""));
}

/// With `--pin-stdin` the PIN is still the first line, but no key is derived
/// before the server accepts the activation code: a wrong PIN with a wrong code
/// is SE3010, and no wrong PIN is counted.
#[test]
fn a_refused_activation_code_derives_no_key_and_counts_no_pin() {
    let (_home, code, server, sandbox) = enrollment_ready();
    let wrong = other_code(&code);
    let args = enroll_args(&server.url);
    let out = sandbox.run_with_stdin(&args, &format!("135791\n{wrong}\n"));
    assert_failure(&out, 7, &["SE3010"]);
    // The first wrong PIN the vault has seen: 4 tries left, not 3.
    let out = sandbox.run_with_stdin(&["list"], "135791\n");
    assert!(stderr(&out).contains("4 attempts left"), "{}", stderr(&out));
    assert_success(&sandbox.run_with_stdin(&args, &format!("{}\n{code}\n", common::PIN)));
}

/// At a terminal: the activation code is asked, and only once the server has
/// accepted it the PIN; a wrong code ends without any PIN prompt. A mistyped
/// PIN is said with the tries left and asked again (the code is already used).
#[test]
fn at_a_terminal_the_pin_prompt_comes_after_the_activation_code() {
    use std::time::Duration;

    const WAIT: Duration = Duration::from_secs(30);
    let (_home, code, server, sandbox) = enrollment_ready();
    let args = enroll_args(&server.url);
    let wrong = other_code(&code);
    let mut terminal = sandbox.tui(&args, &[], 120, 30);
    terminal.wait_for("6 digits your organisation gave you", WAIT);
    assert!(!terminal.screen().contains("PIN:"), "{}", terminal.screen());
    terminal.type_slowly(wrong);
    terminal.send("\r");
    let status = terminal.wait_exit(WAIT);
    assert_eq!(status.exit_code(), 7, "{}", terminal.screen());
    let screen = terminal.screen();
    assert!(screen.contains("SE3010"), "{screen}");
    assert!(!screen.contains("PIN:"), "{screen}");

    let mut terminal = sandbox.tui(&args, &[], 120, 30);
    terminal.wait_for("6 digits your organisation gave you", WAIT);
    terminal.type_slowly(&code);
    terminal.send("\r");
    terminal.wait_for("PIN:", WAIT);
    terminal.type_slowly("135791");
    terminal.send("\r");
    terminal.wait_for("4 attempts left", WAIT);
    let start = std::time::Instant::now();
    while terminal.screen().matches("PIN:").count() < 2 {
        assert!(start.elapsed() < WAIT, "{}", terminal.screen());
        std::thread::sleep(Duration::from_millis(20));
    }
    terminal.type_slowly(common::PIN);
    terminal.send("\r");
    terminal.wait_for("the token is active", WAIT);
    assert!(terminal.wait_exit(WAIT).success(), "{}", terminal.screen());
    assert_success(&sandbox.run(&["code", LABEL], ""));
}

/// A vault paused after wrong PINs is refused before the activation code is sent:
/// the pause is known without the PIN, and the code stays usable.
#[test]
fn a_paused_vault_is_refused_before_the_activation_code_is_used() {
    let (home, code, server, sandbox) = enrollment_ready();
    for _ in 0..5 {
        let _ = sandbox.run_with_stdin(&["list"], "135791\n");
    }
    let out = enroll(&sandbox, &server.url, &code, &[]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("paused"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("SE"), "{}", stderr(&out));
    let users = home.admin(&["user", "list", "--customer", "1106"]);
    assert!(
        !users.contains("used") && !users.contains("active"),
        "{users}"
    );
}
