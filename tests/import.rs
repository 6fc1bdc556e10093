//! `otp import` and `otp export` end to end: the real binary on the fixtures in
//! tests/data/import, checked against the accounts the scripts that wrote them say
//! each file holds (`expected-*.toml`) and against the codes oathtool computes (for
//! the Steam Guard account, which oathtool cannot compute, the codes the scripts
//! wrote with tests/data/steam_guard.py).
//!
//! The fixtures come from `make_plain.py` (andOTP, FreeOTP+, otpauth links, Google
//! Authenticator, QR pictures, Bitwarden JSON and CSV, Proton Authenticator,
//! Authenticator Pro, FreeOTP 1's tokens.xml) and `make_encrypted.py` (Aegis, 2FAS,
//! the password-protected Bitwarden and Proton exports, Authenticator Pro's encrypted
//! backups in both layouts, andOTP's encrypted backups in both layouts, FreeOTP 2's
//! backups). Damaged copies are made here, at run time.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use common::{Sandbox, assert_success, stderr, stdout};
use serde::Deserialize;

/// The password of every encrypted fixture.
const PASSWORD: &str = "correct horse battery staple";

/// The instants at which TOTP codes are compared with oathtool's.
const INSTANTS: [u64; 3] = [59, 1_111_111_109, 2_000_000_000];

/// What make_plain.py says its files hold (accounts by ID, files by name).
const PLAIN_EXPECTED: [&str; 2] = ["expected-plain.toml", "expected-google.toml"];

/// What make_encrypted.py says its files (Aegis and 2FAS, plain and encrypted, the
/// password-protected Bitwarden and Proton exports, and the encrypted Authenticator
/// Pro and andOTP backups) hold.
const ENCRYPTED_EXPECTED: &str = "expected.toml";

// ---------------------------------------------------------------------------------
// What the fixtures hold

/// One account as a fixture's script says otp must store it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
struct Expected {
    label: String,
    issuer: String,
    name: String,
    #[serde(rename = "type")]
    kind: String,
    algorithm: String,
    digits: u8,
    period: Option<u32>,
    counter: Option<u64>,
    /// Base32, for oathtool.
    secret: String,
    /// A Steam Guard account's codes at fixed times, from tests/data/steam_guard.py.
    #[serde(default)]
    codes: Vec<CodeAt>,
}

/// One code of an account at a fixed time.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
struct CodeAt {
    time: u64,
    code: String,
}

/// What one fixture holds: account IDs, and labels it must leave out; for a password
/// manager's export, how many of its items hold no TOTP key.
#[derive(Debug, Clone, Deserialize)]
struct FileSpec {
    format: String,
    accounts: Vec<String>,
    left_out: Vec<String>,
    #[serde(default)]
    without_code: Option<usize>,
}

#[derive(Debug, Default, Deserialize)]
struct Manifest {
    #[serde(default)]
    accounts: BTreeMap<String, Expected>,
    #[serde(default)]
    files: BTreeMap<String, FileSpec>,
}

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/import")
}

fn fixture(name: &str) -> PathBuf {
    let path = data_dir().join(name);
    assert!(
        path.exists(),
        "missing fixture {}: run tests/data/import/make_plain.py and make_encrypted.py",
        path.display()
    );
    path
}

/// expected.toml's shape: the accounts, and for each file make_encrypted.py writes
/// which of them (by label) it holds.
#[derive(Debug, Deserialize)]
struct EncryptedManifest {
    password: String,
    account: Vec<Expected>,
    files: BTreeMap<String, FileSpec>,
}

fn read_toml<T: serde::de::DeserializeOwned>(name: &str) -> T {
    let path = data_dir().join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run tests/data/import/make_plain.py and make_encrypted.py",
            path.display()
        )
    });
    toml::from_str(&text).unwrap_or_else(|e| panic!("{} does not parse: {e}", path.display()))
}

/// Every expected file merged: the accounts by ID, the files by name. An account two
/// scripts both describe (by label) must be described the same way, so that every
/// fixture holds the same alice, bob, carol and dave.
fn manifest() -> Manifest {
    let mut all = Manifest::default();
    for name in PLAIN_EXPECTED {
        let part: Manifest = read_toml(name);
        for (id, account) in part.accounts {
            if let Some(known) = all.accounts.get(&id) {
                assert_eq!(known, &account, "{name} describes {id} differently");
            }
            all.accounts.insert(id, account);
        }
        all.files.extend(part.files);
    }
    let encrypted: EncryptedManifest = read_toml(ENCRYPTED_EXPECTED);
    assert_eq!(
        encrypted.password, PASSWORD,
        "{ENCRYPTED_EXPECTED}: password"
    );
    let mut ids = BTreeMap::new();
    for account in encrypted.account {
        let known = all
            .accounts
            .iter()
            .find(|(_, known)| known.label == account.label);
        let id = match known {
            Some((id, known)) => {
                assert_eq!(
                    known, &account,
                    "{ENCRYPTED_EXPECTED} and make_plain.py describe {} differently",
                    account.label
                );
                id.clone()
            }
            None => {
                let id = format!("encrypted:{}", account.label);
                all.accounts.insert(id.clone(), account);
                id
            }
        };
        ids.insert(all.accounts[&id].label.clone(), id);
    }
    for (file, mut spec) in encrypted.files {
        spec.accounts = spec
            .accounts
            .iter()
            .map(|label| {
                ids.get(label)
                    .cloned()
                    .unwrap_or_else(|| panic!("{ENCRYPTED_EXPECTED}: {file} holds unknown {label}"))
            })
            .collect();
        all.files.insert(file, spec);
    }
    all
}

/// The accounts `file` holds, the labels it leaves out, and its `--format` name.
fn spec(file: &str) -> (Vec<Expected>, Vec<String>, String) {
    let manifest = manifest();
    let spec = manifest
        .files
        .get(file)
        .cloned()
        .unwrap_or_else(|| panic!("no expected file describes {file}"));
    let accounts = spec
        .accounts
        .iter()
        .map(|id| {
            manifest
                .accounts
                .get(id)
                .cloned()
                .unwrap_or_else(|| panic!("{file} lists unknown account {id}"))
        })
        .collect();
    (accounts, spec.left_out, spec.format)
}

fn is_encrypted(file: &str) -> bool {
    file.contains("encrypted")
}

/// Whether the fixture is binary rather than text (the encrypted Authenticator Pro
/// and andOTP backups).
fn is_binary(file: &str) -> bool {
    is_encrypted(file) && (file.ends_with(".authpro") || file.ends_with(".aes"))
}

/// The arguments a fixture that cannot be recognised by its content needs: andOTP's
/// old encrypted layout has no bytes to recognise, so it is named.
fn naming(file: &str) -> &'static [&'static str] {
    if file == "andotp-encrypted-old.json.aes" {
        &["--format", "andotp-encrypted"]
    } else {
        &[]
    }
}

/// Every fixture `otp import` must read, with its password when it has one.
const FIXTURES: [&str; 26] = [
    "aegis-plain.json",
    "aegis-encrypted.json",
    "2fas-plain.2fas",
    "2fas-encrypted.2fas",
    "andotp.json",
    "freeotp-plus.json",
    "uris.txt",
    "google-migration.txt",
    "google-migration.png",
    "otpauth-qr.png",
    "otpauth-qr.jpg",
    "bitwarden.json",
    "bitwarden.csv",
    "bitwarden-org.csv",
    "bitwarden-encrypted.json",
    "bitwarden-encrypted-argon2.json",
    "proton.json",
    "proton-encrypted.json",
    "authpro-plain.authpro",
    "authpro-encrypted.authpro",
    "authpro-encrypted-legacy.authpro",
    "andotp-encrypted.json.aes",
    "andotp-encrypted-old.json.aes",
    "freeotp-tokens.xml",
    "freeotp-backup-encrypted.xml",
    "freeotp-tokenBackup-encrypted.xml",
];

/// The encrypted fixtures, with how otp names their format.
const ENCRYPTED_FIXTURES: [(&str, &str); 11] = [
    ("aegis-encrypted.json", "Aegis export"),
    ("2fas-encrypted.2fas", "2FAS backup"),
    ("bitwarden-encrypted.json", "Bitwarden export"),
    ("bitwarden-encrypted-argon2.json", "Bitwarden export"),
    ("proton-encrypted.json", "Proton Authenticator export"),
    ("authpro-encrypted.authpro", "Authenticator Pro backup"),
    (
        "authpro-encrypted-legacy.authpro",
        "Authenticator Pro backup",
    ),
    ("andotp-encrypted.json.aes", "andOTP encrypted backup"),
    ("andotp-encrypted-old.json.aes", "andOTP encrypted backup"),
    ("freeotp-backup-encrypted.xml", "FreeOTP backup"),
    ("freeotp-tokenBackup-encrypted.xml", "FreeOTP backup"),
];

// ---------------------------------------------------------------------------------
// Running otp

/// `otp --pin-stdin import FILE ARGS...`, with the password line after the PIN.
fn import(sandbox: &Sandbox, file: &Path, args: &[&str], password: Option<&str>) -> Output {
    let mut all = vec!["import", file.to_str().unwrap()];
    all.extend_from_slice(args);
    let stdin = password.map(|p| format!("{p}\n")).unwrap_or_default();
    sandbox.run(&all, &stdin)
}

/// `otp list --json`, by label.
fn listed(sandbox: &Sandbox) -> BTreeMap<String, serde_json::Value> {
    let out = sandbox.run(&["list", "--json"], "");
    assert_success(&out);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    json.as_array()
        .unwrap()
        .iter()
        .map(|entry| (entry["label"].as_str().unwrap().to_owned(), entry.clone()))
        .collect()
}

fn have_oathtool() -> bool {
    common::have_tool("oathtool", &["--version"])
}

fn have_pyotp() -> bool {
    common::have_tool("python3", &["-c", "import pyotp"])
}

/// The vault holds exactly `expected` (labels, parameters); a Steam Guard account's
/// codes are the independent reference's and, with oathtool, each other account's
/// codes are oathtool's. Advances HOTP counters.
fn assert_vault_holds(sandbox: &Sandbox, expected: &[Expected], context: &str) {
    let listed = listed(sandbox);
    let mut want: Vec<&str> = expected.iter().map(|e| e.label.as_str()).collect();
    want.sort_unstable();
    let got: Vec<&str> = listed.keys().map(String::as_str).collect();
    assert_eq!(got, want, "{context}: the vault's accounts");
    for account in expected {
        let entry = &listed[&account.label];
        let what = format!("{context}: {}", account.label);
        assert_eq!(entry["name"], account.name.as_str(), "{what}: name");
        assert_eq!(entry["issuer"], account.issuer.as_str(), "{what}: issuer");
        assert_eq!(entry["type"], account.kind.as_str(), "{what}: type");
        assert_eq!(
            entry["algorithm"],
            account.algorithm.as_str(),
            "{what}: algorithm"
        );
        assert_eq!(entry["digits"], account.digits, "{what}: digits");
        assert_eq!(
            entry["period"].as_u64(),
            account.period.map(u64::from),
            "{what}: period"
        );
        assert_eq!(
            entry["counter"].as_u64(),
            account.counter,
            "{what}: counter"
        );
    }
    for account in expected.iter().filter(|a| a.kind == "steam") {
        let what = format!("{context}: {}", account.label);
        assert!(!account.codes.is_empty(), "{what}: no reference codes");
        for expected in &account.codes {
            let time = expected.time.to_string();
            let ours = sandbox.code(&account.label, &["--at", &time]);
            assert_eq!(ours, expected.code, "{what}: Steam Guard code at {time}");
        }
    }
    if !have_oathtool() {
        return;
    }
    for account in expected.iter().filter(|a| a.kind != "steam") {
        let what = format!("{context}: {}", account.label);
        match (account.period, account.counter) {
            (Some(period), None) => {
                for time in INSTANTS {
                    let expected = common::oathtool_totp(
                        &account.secret,
                        &account.algorithm,
                        account.digits,
                        period,
                        time,
                    );
                    let ours = sandbox.code(&account.label, &["--at", &time.to_string()]);
                    assert_eq!(ours, expected, "{what}: code at {time}");
                }
            }
            (None, Some(counter)) => {
                // oathtool's HOTP is SHA1 only: pyotp is the reference for the others.
                let expected = if account.algorithm == "SHA1" {
                    common::oathtool_hotp(&account.secret, account.digits, counter)
                } else if have_pyotp() {
                    common::pyotp_hotp(&account.secret, &account.algorithm, account.digits, counter)
                } else {
                    continue;
                };
                assert_eq!(
                    sandbox.code(&account.label, &[]),
                    expected,
                    "{what}: HOTP code at counter {counter}"
                );
            }
            _ => panic!("{what}: an account needs a period or a counter"),
        }
    }
}

fn report_lines(out: &Output) -> Vec<String> {
    stderr(out).lines().map(str::to_owned).collect()
}

/// The report has a `  + label` line per account, a `  ! label` line per left-out
/// entry, and ends with `Imported N accounts.` (or `Would import` on a dry run).
fn assert_report(out: &Output, expected: &[Expected], left_out: &[String], verb: &str) {
    let lines = report_lines(out);
    let err = stderr(out);
    for account in expected {
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("  + ") && l.contains(&account.label)),
            "no `  + {}` line in the report:\n{err}",
            account.label
        );
    }
    for label in left_out {
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("  ! ") && l.contains(label.as_str())),
            "no `  ! {label}` line in the report:\n{err}"
        );
    }
    let last = lines
        .iter()
        .rev()
        .find(|l| !l.trim().is_empty())
        .cloned()
        .unwrap_or_default();
    let n = expected.len();
    assert!(
        last.starts_with(&format!("{verb} {n} account")),
        "the report should end with `{verb} {n} accounts.`:\n{err}"
    );
    assert_no_secret_in(out, expected);
}

/// Neither output shows a secret (nor a panic).
fn assert_no_secret_in(out: &Output, expected: &[Expected]) {
    let both = format!("{}{}", stdout(out), stderr(out));
    for account in expected {
        assert!(
            !both.contains(&account.secret[..12]),
            "{}'s secret is in the output:\n{both}",
            account.label
        );
    }
    assert!(!both.contains("panicked"), "otp panicked:\n{both}");
}

/// How many items of `file` hold no TOTP key, when the manifest says.
fn without_code(file: &str) -> Option<usize> {
    manifest()
        .files
        .get(file)
        .and_then(|spec| spec.without_code)
}

/// Imports `file` (detecting its format, unless it has nothing to recognise it by)
/// into a new vault and checks everything.
fn import_fixture_and_check(file: &str) {
    let (expected, left_out, format) = spec(file);
    let sandbox = Sandbox::initialised();
    let password = is_encrypted(file).then_some(PASSWORD);
    let args = [&["--yes"], naming(file)].concat();
    let out = import(&sandbox, &fixture(file), &args, password);
    assert_success(&out);
    assert_report(&out, &expected, &left_out, "Imported");
    if format == "google" || file.starts_with("google") {
        let lines = report_lines(&out);
        assert!(
            lines
                .iter()
                .any(|l| l.trim_start().starts_with("note") && l.contains("30")),
            "a Google import should say it assumed 30-second codes:\n{}",
            stderr(&out)
        );
    }
    if let Some(count) = without_code(file) {
        let item = if count == 1 {
            "item of the file holds"
        } else {
            "items of the file hold"
        };
        let line = format!("{count} {item} no TOTP key");
        assert!(
            report_lines(&out).iter().any(|l| l.contains(&line)),
            "the report should say \"{line}\":\n{}",
            stderr(&out)
        );
    }
    assert_vault_holds(&sandbox, &expected, file);
}

#[test]
fn imports_an_aegis_export() {
    import_fixture_and_check("aegis-plain.json");
}

#[test]
fn imports_an_encrypted_aegis_export() {
    import_fixture_and_check("aegis-encrypted.json");
}

#[test]
fn imports_a_2fas_backup() {
    import_fixture_and_check("2fas-plain.2fas");
}

#[test]
fn imports_an_encrypted_2fas_backup() {
    import_fixture_and_check("2fas-encrypted.2fas");
}

#[test]
fn imports_an_andotp_backup() {
    import_fixture_and_check("andotp.json");
}

#[test]
fn imports_a_freeotp_plus_export() {
    import_fixture_and_check("freeotp-plus.json");
}

#[test]
fn imports_a_list_of_otpauth_links() {
    import_fixture_and_check("uris.txt");
}

#[test]
fn imports_a_bitwarden_json_export() {
    import_fixture_and_check("bitwarden.json");
}

#[test]
fn imports_a_bitwarden_csv_export() {
    import_fixture_and_check("bitwarden.csv");
}

#[test]
fn imports_a_bitwarden_organisation_csv_export() {
    import_fixture_and_check("bitwarden-org.csv");
}

#[test]
fn imports_a_password_protected_bitwarden_export() {
    import_fixture_and_check("bitwarden-encrypted.json");
}

#[test]
fn imports_a_password_protected_bitwarden_export_with_argon2id() {
    import_fixture_and_check("bitwarden-encrypted-argon2.json");
}

#[test]
fn imports_a_proton_authenticator_export() {
    import_fixture_and_check("proton.json");
}

#[test]
fn imports_a_password_protected_proton_authenticator_export() {
    import_fixture_and_check("proton-encrypted.json");
}

#[test]
fn imports_an_authenticator_pro_backup() {
    import_fixture_and_check("authpro-plain.authpro");
}

#[test]
fn imports_an_encrypted_authenticator_pro_backup() {
    import_fixture_and_check("authpro-encrypted.authpro");
}

#[test]
fn imports_an_encrypted_authenticator_pro_backup_of_the_legacy_layout() {
    import_fixture_and_check("authpro-encrypted-legacy.authpro");
}

#[test]
fn imports_an_andotp_encrypted_backup() {
    import_fixture_and_check("andotp-encrypted.json.aes");
}

#[test]
fn imports_an_andotp_encrypted_backup_of_the_old_layout_named_with_format() {
    import_fixture_and_check("andotp-encrypted-old.json.aes");
}

/// andOTP's old encrypted layout is noise from its first byte: without --format
/// otp cannot know it, and says how to name it, in both languages, before asking
/// for anything; the vault is untouched.
#[test]
fn an_old_andotp_encrypted_backup_without_format_says_how_to_name_it() {
    use otp::i18n::{Lang, Localize};
    let sandbox = Sandbox::initialised();
    let before = common::read(&sandbox.vault);
    for (code, lang) in [("en", Lang::En), ("ko", Lang::Ko)] {
        let mut command = sandbox.otp();
        command
            .env("OTP_LANG", code)
            .args(["--pin-stdin", "import", "--yes"])
            .arg(fixture("andotp-encrypted-old.json.aes"));
        // The PIN only: a prompt for the file's password would find no line.
        let out = common::feed(command, &format!("{}\n", common::PIN));
        assert_eq!(out.status.code(), Some(2), "{lang:?}: {out:?}");
        let err = stderr(&out);
        let sentence = otp::transfer::ImportError::UnknownBinary.localize_in(lang);
        assert!(
            err.contains(&sentence),
            "{lang:?}: {sentence:?} not in:\n{err}"
        );
        assert!(
            err.contains("--format andotp-encrypted"),
            "{lang:?}:\n{err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
    assert_eq!(common::read(&sandbox.vault), before);
}

#[test]
fn imports_a_freeotp_token_file() {
    import_fixture_and_check("freeotp-tokens.xml");
}

#[test]
fn imports_a_freeotp_backup() {
    import_fixture_and_check("freeotp-backup-encrypted.xml");
}

#[test]
fn imports_a_freeotp_backup_kept_as_android_preferences() {
    import_fixture_and_check("freeotp-tokenBackup-encrypted.xml");
}

#[test]
fn imports_google_authenticator_migration_links() {
    import_fixture_and_check("google-migration.txt");
}

#[test]
fn imports_a_picture_of_a_google_migration_qr_code() {
    import_fixture_and_check("google-migration.png");
}

#[test]
fn imports_a_png_of_an_otpauth_qr_code() {
    import_fixture_and_check("otpauth-qr.png");
}

#[test]
fn imports_a_jpeg_of_an_otpauth_qr_code() {
    import_fixture_and_check("otpauth-qr.jpg");
}

#[test]
fn naming_the_format_reads_the_same_and_a_wrong_format_is_refused() {
    let sandbox = Sandbox::initialised();
    let before = common::read(&sandbox.vault);
    for file in FIXTURES {
        let (expected, _, format) = spec(file);
        let password = is_encrypted(file).then_some(PASSWORD);
        let out = import(
            &sandbox,
            &fixture(file),
            &["--dry-run", "--format", &format],
            password,
        );
        assert_success(&out);
        let n = expected.len();
        assert!(
            stderr(&out).contains(&format!("Would import {n} account")),
            "{file} --format {format}:\n{}",
            stderr(&out)
        );
    }
    // andOTP's JSON read as Google's links, a picture read as andOTP's JSON.
    for (file, format) in [("andotp.json", "google"), ("otpauth-qr.png", "andotp")] {
        let out = import(
            &sandbox,
            &fixture(file),
            &["--yes", "--format", format],
            None,
        );
        assert_eq!(out.status.code(), Some(2), "{file} as {format}: {out:?}");
        let err = stderr(&out);
        assert!(!err.contains("panicked"), "{err}");
        assert!(
            err.to_lowercase().contains(format) || err.contains("Google") || err.contains("andOTP"),
            "the error should name the format:\n{err}"
        );
    }
    assert_eq!(common::read(&sandbox.vault), before);
}

#[test]
fn an_unknown_file_is_refused_with_the_formats_otp_reads() {
    let sandbox = Sandbox::initialised();
    let before = common::read(&sandbox.vault);
    // (file, contents, what the message must say, whether it suggests --format)
    let cases = [
        ("notes.txt", "shopping list\nmilk\n", "text", false),
        ("empty.txt", "\n\n", "empty", false),
        ("data.json", "{\"accounts\": []}", "JSON", true),
        (
            "prefs.xml",
            "<map><string name=\"theme\">dark</string></map>",
            "XML",
            true,
        ),
        ("table.csv", "name,secret\nx,y\n", "CSV", true),
    ];
    for (name, contents, looks, suggests) in cases {
        let file = sandbox.dir.path().join(name);
        std::fs::write(&file, contents).unwrap();
        let out = import(&sandbox, &file, &["--yes"], None);
        assert_eq!(out.status.code(), Some(2), "{name}: {out:?}");
        let err = stderr(&out);
        assert!(err.contains(looks), "{name}: no {looks:?} in:\n{err}");
        assert_eq!(err.contains("--format"), suggests, "{name}:\n{err}");
        if name != "empty.txt" {
            assert!(err.contains("bitwarden, bitwarden-csv"), "{name}:\n{err}");
        }
        assert!(!err.contains("panicked"), "{name}:\n{err}");
    }
    assert_eq!(common::read(&sandbox.vault), before);
}

#[test]
fn import_reads_the_file_from_standard_input_when_the_pin_comes_from_elsewhere() {
    let (expected, left_out, _) = spec("andotp.json");
    let sandbox = Sandbox::initialised();
    let text = std::fs::read_to_string(fixture("andotp.json")).unwrap();

    // The PIN and the file cannot both be standard input: refused, nothing changed.
    let before = common::read(&sandbox.vault);
    let out = sandbox.run(&["import", "-", "--yes"], &text);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(stderr(&out).contains("standard input"), "{}", stderr(&out));
    assert_eq!(common::read(&sandbox.vault), before);

    let mut command = sandbox.otp();
    command
        .env("OTP_PIN", common::PIN)
        .args(["import", "-", "--format", "andotp", "--yes"]);
    let out = common::feed(command, &text);
    assert_success(&out);
    assert_report(&out, &expected, &left_out, "Imported");
    assert_vault_holds(&sandbox, &expected, "andotp.json on stdin");
}

// ---------------------------------------------------------------------------------
// Importing changes nothing unless it should

#[test]
fn without_yes_and_without_a_terminal_nothing_is_imported() {
    let sandbox = Sandbox::initialised();
    let before = common::read(&sandbox.vault);
    let out = import(&sandbox, &fixture("andotp.json"), &[], None);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(stderr(&out).contains("--yes"), "{}", stderr(&out));
    assert_eq!(common::read(&sandbox.vault), before);
    assert!(listed(&sandbox).is_empty());
}

#[test]
fn a_dry_run_reports_and_changes_nothing() {
    let (expected, left_out, _) = spec("andotp.json");
    let sandbox = Sandbox::initialised();
    let before = common::read(&sandbox.vault);
    let out = import(&sandbox, &fixture("andotp.json"), &["--dry-run"], None);
    assert_success(&out);
    assert_report(&out, &expected, &left_out, "Would import");
    assert_eq!(common::read(&sandbox.vault), before);
    assert!(listed(&sandbox).is_empty());
}

#[test]
fn importing_the_same_accounts_again_from_any_format_adds_nothing() {
    let (expected, _, _) = spec("andotp.json");
    let sandbox = Sandbox::initialised();
    assert_success(&import(&sandbox, &fixture("andotp.json"), &["--yes"], None));
    let before = common::read(&sandbox.vault);
    for file in [
        "andotp.json",
        "freeotp-plus.json",
        "aegis-plain.json",
        "aegis-encrypted.json",
        "2fas-plain.2fas",
        "2fas-encrypted.2fas",
        "uris.txt",
        "bitwarden.json",
        "bitwarden.csv",
        "bitwarden-encrypted.json",
        "authpro-plain.authpro",
        "authpro-encrypted-legacy.authpro",
        "andotp-encrypted.json.aes",
        "freeotp-tokens.xml",
        "freeotp-backup-encrypted.xml",
    ] {
        let password = is_encrypted(file).then_some(PASSWORD);
        let out = import(&sandbox, &fixture(file), &["--yes"], password);
        assert_success(&out);
        let lines = report_lines(&out);
        for account in &expected {
            assert!(
                lines.iter().any(|l| l.starts_with("  = ")
                    && l.contains(&account.label)
                    && l.contains("already in the vault")),
                "{file}: {} should be reported as already in the vault:\n{}",
                account.label,
                stderr(&out)
            );
        }
        assert!(
            !lines.iter().any(|l| l.starts_with("  + ")),
            "{file}: nothing is new:\n{}",
            stderr(&out)
        );
        assert!(
            lines.iter().any(|l| l.starts_with("Nothing imported")),
            "{file}:\n{}",
            stderr(&out)
        );
        assert_eq!(
            common::read(&sandbox.vault),
            before,
            "{file} changed the vault"
        );
    }
    assert_vault_holds(&sandbox, &expected, "after importing again");
}

#[test]
fn a_file_that_does_not_fit_the_limit_is_refused_whole() {
    let sandbox = Sandbox::initialised();
    for i in 0..8u8 {
        let secret = otp::secret::SecretKey::from_bytes(vec![b'a' + i; 20]).to_base32();
        assert_success(&sandbox.add_secret(&format!("existing{i}"), &secret, &[]));
    }
    let before = common::read(&sandbox.vault);
    let out = import(&sandbox, &fixture("andotp.json"), &["--yes"], None);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = stderr(&out);
    let words: Vec<&str> = err
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    assert!(
        words.contains(&"2") && words.contains(&"5"),
        "the refusal should say that only 2 of the 5 accounts fit:\n{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(common::read(&sandbox.vault), before);
    assert_eq!(listed(&sandbox).len(), 8);
}

#[test]
fn a_wrong_password_is_refused_and_changes_nothing() {
    let sandbox = Sandbox::initialised();
    let before = common::read(&sandbox.vault);
    for (file, _) in ENCRYPTED_FIXTURES {
        let out = import(
            &sandbox,
            &fixture(file),
            &[&["--yes"], naming(file)].concat(),
            Some("Tr0ub4dor&3 is not it"),
        );
        assert_eq!(out.status.code(), Some(2), "{file}: {out:?}");
        let err = stderr(&out);
        assert!(err.contains("wrong password"), "{file}:\n{err}");
        assert!(
            !err.contains("Tr0ub4dor"),
            "{file}: the password is echoed:\n{err}"
        );
        assert!(!err.contains("panicked"), "{file}:\n{err}");
        assert_eq!(common::read(&sandbox.vault), before, "{file}");
    }
}

/// What a copy of a fixture cut short may do.
enum Cut {
    /// The damage is detectable: otp must refuse the file.
    MustFail,
    /// What is left may still be whole: otp may import it, and then the vault must
    /// hold exactly the file's accounts (`exact`) or some of them.
    MayImport { exact: bool },
    /// No integrity to check: only no panic, and nothing changed when otp refuses.
    Unchecked,
}

/// How cutting `bytes` of `file` at `cut` is judged.
///
/// A list of otpauth links has no checksum: a link cut inside its query can still be
/// a valid link. Google's links are base64 protobuf, so a link cut short is damage
/// otp must notice; but a cut right after a newline leaves whole links (fewer
/// batches, like a picture of one batch). A JPEG decoder may fill in a missing tail,
/// and a QR code whose error correction still reads is whole data: a picture may
/// import, but then exactly the file's accounts. A CSV file has no checksum either,
/// and no closing mark: a row cut inside its last field is still a row.
fn cut_rule(file: &str, bytes: &[u8], cut: usize) -> Cut {
    if file == "uris.txt" || file.ends_with(".csv") {
        Cut::Unchecked
    } else if file == "google-migration.txt" && cut > 0 && bytes[cut - 1] == b'\n' {
        Cut::MayImport { exact: false }
    } else if file.ends_with(".png") || file.ends_with(".jpg") {
        Cut::MayImport { exact: true }
    } else {
        Cut::MustFail
    }
}

/// An empty file (zero bytes, or only a line break) named as each format, and not
/// named at all, is refused with a message and no panic, before any password is
/// asked for; the vault is untouched.
#[test]
fn an_empty_file_of_every_format_is_refused_cleanly() {
    let sandbox = Sandbox::initialised();
    let before = common::read(&sandbox.vault);
    let mut formats: Vec<String> = FIXTURES.iter().map(|file| spec(file).2).collect();
    formats.dedup();
    for contents in ["", "\n"] {
        let copy = sandbox.dir.path().join("empty");
        std::fs::write(&copy, contents).unwrap();
        let named = formats
            .iter()
            .map(|format| vec!["--yes", "--format", format]);
        for args in named.chain([vec!["--yes"]]) {
            let what = format!("{contents:?} with {args:?}");
            // No password line: a prompt would fail with another message.
            let out = import(&sandbox, &copy, &args, None);
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(2), "{what}: {out:?}");
            assert!(!err.trim().is_empty(), "{what}: no message");
            assert!(!err.contains("panicked"), "{what}:\n{err}");
            assert!(
                !err.contains("password"),
                "{what} asked for a password:\n{err}"
            );
            assert_eq!(common::read(&sandbox.vault), before, "{what}");
        }
    }
}

#[test]
fn truncated_files_are_refused_cleanly_and_change_nothing() {
    let sandbox = Sandbox::initialised();
    let before = common::read(&sandbox.vault);
    for file in FIXTURES {
        let (expected, _, _) = spec(file);
        let bytes = common::read(&fixture(file));
        for percent in [25usize, 50, 90] {
            let cut = bytes.len() * percent / 100;
            let copy = sandbox.dir.path().join(format!("cut-{percent}-{file}"));
            std::fs::write(&copy, &bytes[..cut]).unwrap();
            let password = is_encrypted(file).then_some(PASSWORD);
            let args = [&["--yes"], naming(file)].concat();
            let out = import(&sandbox, &copy, &args, password);
            let err = stderr(&out);
            let what = format!("{file} cut at {percent}% ({cut} of {} bytes)", bytes.len());
            assert!(!err.contains("panicked"), "{what}: otp panicked:\n{err}");
            let rule = cut_rule(file, &bytes, cut);
            if !out.status.success() || matches!(rule, Cut::MustFail) {
                assert_eq!(
                    out.status.code(),
                    Some(2),
                    "{what} should be refused:\nstdout: {}\nstderr: {err}",
                    stdout(&out)
                );
                assert!(!err.trim().is_empty(), "{what}: no message");
                assert_eq!(
                    common::read(&sandbox.vault),
                    before,
                    "{what} changed the vault"
                );
                continue;
            }
            match rule {
                Cut::MayImport { exact: true } => assert_vault_holds(&sandbox, &expected, &what),
                Cut::MayImport { exact: false } => {
                    for label in listed(&sandbox).keys() {
                        assert!(
                            expected.iter().any(|e| &e.label == label),
                            "{what} imported {label}, which the file does not hold"
                        );
                    }
                }
                Cut::Unchecked | Cut::MustFail => {}
            }
            // Start again from the empty vault.
            std::fs::write(&sandbox.vault, &before).unwrap();
        }
    }
}

/// Flips one bit in the middle of the longest base64 string in the JSON (the
/// ciphertext), keeping the file valid JSON and valid base64. Fields that hold
/// several base64 parts (2FAS's `ciphertext:salt:iv`, Bitwarden's `2.iv|data|mac`)
/// are split first.
fn flip_a_ciphertext_bit(json: &str) -> String {
    fn strings<'a>(value: &'a serde_json::Value, out: &mut Vec<&'a str>) {
        match value {
            serde_json::Value::String(s) => out.push(s),
            serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
            serde_json::Value::Object(map) => map.values().for_each(|v| strings(v, out)),
            _ => {}
        }
    }
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    let mut all = Vec::new();
    strings(&value, &mut all);
    let longest = all
        .iter()
        .flat_map(|s| s.split([':', '|', '.']))
        .filter(|part| BASE64.decode(part).is_ok())
        .max_by_key(|part| part.len())
        .expect("an encrypted file holds base64 ciphertext")
        .to_owned();
    let mut raw = BASE64.decode(&longest).unwrap();
    let middle = raw.len() / 2;
    raw[middle] ^= 0x10;
    json.replace(&longest, &BASE64.encode(raw))
}

/// Flips one bit in the middle of a binary file (the ciphertext of an encrypted
/// Authenticator Pro or andOTP backup).
fn flip_a_middle_bit(bytes: &[u8]) -> Vec<u8> {
    let mut flipped = bytes.to_vec();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x10;
    flipped
}

#[test]
fn a_damaged_encrypted_file_is_refused_cleanly() {
    let sandbox = Sandbox::initialised();
    let before = common::read(&sandbox.vault);
    // FreeOTP's backups are not JSON: a_damaged_freeotp_backup_is_refused_cleanly.
    let flippable = ENCRYPTED_FIXTURES
        .into_iter()
        .filter(|(file, _)| !file.starts_with("freeotp"));
    for (file, _) in flippable {
        let bytes = common::read(&fixture(file));
        let damaged = if is_binary(file) {
            flip_a_middle_bit(&bytes)
        } else {
            flip_a_ciphertext_bit(std::str::from_utf8(&bytes).unwrap()).into_bytes()
        };
        assert_ne!(damaged, bytes);
        let copy = sandbox.dir.path().join(format!("flipped-{file}"));
        std::fs::write(&copy, damaged).unwrap();
        let args = [&["--yes"], naming(file)].concat();
        let out = import(&sandbox, &copy, &args, Some(PASSWORD));
        assert_eq!(out.status.code(), Some(2), "{file}: {out:?}");
        let err = stderr(&out);
        assert!(
            !err.trim().is_empty() && !err.contains("panicked"),
            "{file}:\n{err}"
        );
        // Bitwarden's password check is a MAC of its own: a right password and
        // data that fails its MAC is damage, not a wrong password. Authenticator
        // Pro's legacy layout has no MAC, but a right password still leaves most of
        // the backup readable: damage too.
        if file.starts_with("bitwarden") || file == "authpro-encrypted-legacy.authpro" {
            assert!(
                err.contains("damaged") && !err.contains("wrong password"),
                "{file}:\n{err}"
            );
        }
        assert_eq!(common::read(&sandbox.vault), before, "{file}");
    }
}

/// An encrypted export with one byte that is not UTF-8 (a damaged copy) is named as
/// the damaged Aegis export or 2FAS backup it is, not as a file otp does not know
/// ("not a format otp can import", as it was): exit 2, the vault untouched.
#[test]
fn an_encrypted_file_with_a_byte_that_is_not_utf8_is_damaged_not_unknown() {
    let sandbox = Sandbox::initialised();
    let before = common::read(&sandbox.vault);
    // The encrypted Authenticator Pro and andOTP backups are not text to begin with:
    // a damaged byte in them is `a_damaged_encrypted_file_is_refused_cleanly`'s.
    for (file, title) in ENCRYPTED_FIXTURES
        .into_iter()
        .filter(|(f, _)| !is_binary(f))
    {
        let mut bytes = common::read(&fixture(file));
        // A byte in the middle of the ciphertext, inside a JSON string (the first
        // letter or digit from the middle on: base64 has '+' and '/' too).
        let middle = (bytes.len() / 2..bytes.len())
            .find(|&at| bytes[at].is_ascii_alphanumeric())
            .unwrap();
        assert!(middle < bytes.len() / 2 + 8, "{file}");
        bytes[middle] = 0xff;
        let copy = sandbox.dir.path().join(format!("not-utf8-{file}"));
        std::fs::write(&copy, &bytes).unwrap();
        let out = import(&sandbox, &copy, &["--yes"], Some(PASSWORD));
        assert_eq!(out.status.code(), Some(2), "{file}: {out:?}");
        let err = stderr(&out);
        assert!(
            err.contains(title) && err.contains("damaged"),
            "{file} is not said to be a damaged {title}:\n{err}"
        );
        assert!(!err.contains("not a format"), "{file}:\n{err}");
        assert!(!err.contains("panicked"), "{file}:\n{err}");
        assert_eq!(common::read(&sandbox.vault), before, "{file}");
    }
}

/// "Export it again from the app" is said only where that can help: a damaged or
/// cut-short file. An Aegis export with no password slot (whole; Aegis's own
/// advice is to set a password) and a single otpauth:// link read as a Google
/// export are refused without it, as a wrong password is; it was added to every
/// file otp could not read.
#[test]
fn export_it_again_is_advised_only_for_a_damaged_file() {
    const ADVICE: &str = "export it again from the app";
    let sandbox = Sandbox::initialised();
    let before = common::read(&sandbox.vault);
    let text = std::fs::read_to_string(fixture("aegis-encrypted.json")).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let slots = value["header"]["slots"].as_array_mut().unwrap();
    slots.retain(|slot| slot["type"] != 1);
    assert!(!slots.is_empty(), "the fixture has a biometric slot");
    let no_password_slot = sandbox.dir.path().join("biometric-only.json");
    std::fs::write(&no_password_slot, value.to_string()).unwrap();
    let link = sandbox.dir.path().join("one-link.txt");
    std::fs::write(&link, "otpauth://totp/a?secret=GEZDGNBVGY3TQOJQ\n").unwrap();
    let whole = [
        (
            no_password_slot,
            vec!["--yes"],
            Some(PASSWORD),
            "no password slot",
        ),
        (
            link,
            vec!["--yes", "--format", "google"],
            None,
            "--format uris",
        ),
        (
            fixture("aegis-encrypted.json"),
            vec!["--yes"],
            Some("not it"),
            "wrong password",
        ),
    ];
    for (file, args, password, said) in whole {
        let out = import(&sandbox, &file, &args, password);
        assert_eq!(out.status.code(), Some(2), "{file:?}: {out:?}");
        let err = stderr(&out);
        assert!(err.contains(said), "{file:?}:\n{err}");
        assert!(
            !err.contains(ADVICE),
            "{file:?}: advice that cannot help:\n{err}"
        );
        assert_eq!(common::read(&sandbox.vault), before, "{file:?}");
    }
    let bytes = common::read(&fixture("aegis-plain.json"));
    let cut = sandbox.dir.path().join("cut.json");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let out = import(&sandbox, &cut, &["--yes"], None);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = stderr(&out);
    assert!(err.contains("cut short") && err.contains(ADVICE), "{err}");
    assert_eq!(common::read(&sandbox.vault), before);
}

/// A 2FAS service with no type and no period is imported as 30-second TOTP, as
/// 2FAS reads it, and the report says so in notes (as for a Google export); it
/// was assumed silently.
#[test]
fn a_2fas_service_without_type_or_period_is_imported_with_notes() {
    let sandbox = Sandbox::initialised();
    let text = std::fs::read_to_string(fixture("2fas-plain.2fas")).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let otp = value["services"][0]["otp"].as_object_mut().unwrap();
    assert_eq!(otp["account"], "alice@example.com");
    otp.remove("tokenType");
    otp.remove("period");
    let file = sandbox.dir.path().join("old.2fas");
    std::fs::write(&file, value.to_string()).unwrap();
    let out = import(&sandbox, &file, &["--yes"], None);
    assert_success(&out);
    let notes: Vec<String> = report_lines(&out)
        .into_iter()
        .filter(|line| line.trim_start().starts_with("note") && line.contains("alice@example.com"))
        .collect();
    assert!(
        notes.iter().any(|line| line.contains("TOTP"))
            && notes.iter().any(|line| line.contains("30 seconds")),
        "no note says 30-second TOTP was assumed:\n{}",
        stderr(&out)
    );
    let listed = listed(&sandbox);
    let alice = &listed["GitHub:alice@example.com"];
    assert_eq!(alice["type"], "totp", "{alice}");
    assert_eq!(alice["period"], 30, "{alice}");
}

/// Imports the fixture `name` with the account `Example:bob` (SHA256, found by
/// `bob` in the file's JSON) changed by `change`: bob is left out and named with a
/// reason saying `said`, and the other accounts are imported with their codes.
fn import_with_bob_changed(
    name: &str,
    bob: fn(&mut serde_json::Value) -> &mut serde_json::Value,
    change: impl FnOnce(&mut serde_json::Map<String, serde_json::Value>),
    said: &str,
) {
    let sandbox = Sandbox::initialised();
    let text = std::fs::read_to_string(fixture(name)).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    change(bob(&mut value).as_object_mut().unwrap());
    let file = sandbox.dir.path().join(format!("changed-{name}"));
    std::fs::write(&file, value.to_string()).unwrap();
    let out = import(&sandbox, &file, &["--yes"], None);
    assert_success(&out);
    let report = stderr(&out);
    assert!(
        report
            .lines()
            .any(|line| line.contains("Example:bob") && line.contains(said)),
        "Example:bob is not named with \"{said}\":\n{report}"
    );
    let every = every_account();
    let rest: Vec<Expected> = every
        .iter()
        .filter(|account| account.label != "Example:bob")
        .cloned()
        .collect();
    assert_eq!(rest.len(), every.len() - 1);
    assert_vault_holds(&sandbox, &rest, &format!("{name} without bob"));
}

fn andotp_bob(file: &mut serde_json::Value) -> &mut serde_json::Value {
    &mut file[1]
}

fn freeotp_bob(file: &mut serde_json::Value) -> &mut serde_json::Value {
    &mut file["tokens"][1]
}

fn without(key: &'static str) -> impl FnOnce(&mut serde_json::Map<String, serde_json::Value>) {
    move |bob| {
        assert_eq!(bob[key], "SHA256");
        bob.remove(key);
    }
}

/// andOTP always writes an entry's algorithm: one without it (bob's, SHA256) is
/// left out and named with the missing field, not read as SHA1 with wrong codes
/// and no word, as it was; the other entries are imported.
#[test]
fn an_andotp_entry_without_its_algorithm_is_left_out_with_the_reason() {
    import_with_bob_changed(
        "andotp.json",
        andotp_bob,
        without("algorithm"),
        "algorithm is missing",
    );
}

/// FreeOTP+ (Gson) always writes a token's algorithm: one without it (bob's,
/// SHA256) is left out and named with the missing field, not read as SHA1 with
/// wrong codes and no word, as it was; the other tokens are imported.
#[test]
fn a_freeotp_token_without_its_algorithm_is_left_out_with_the_reason() {
    import_with_bob_changed(
        "freeotp-plus.json",
        freeotp_bob,
        without("algo"),
        "algorithm is missing",
    );
}

/// A code length that is not a whole number (6.5) leaves only that entry out, in
/// andOTP and FreeOTP+ files as in Aegis and 2FAS ones; it refused the whole file.
#[test]
fn a_digit_count_of_six_and_a_half_leaves_one_entry_out() {
    let half = |bob: &mut serde_json::Map<String, serde_json::Value>| {
        bob.insert("digits".into(), serde_json::json!(6.5));
    };
    import_with_bob_changed("andotp.json", andotp_bob, half, "6.5");
    import_with_bob_changed("freeotp-plus.json", freeotp_bob, half, "6.5");
}

/// What a format calls the fields of one entry, for [`one_bad_entry_per_case`].
struct EntryFields {
    /// The fixture.
    file: &'static str,
    /// Where the entries are.
    entries: fn(&mut serde_json::Value) -> &mut Vec<serde_json::Value>,
    /// Where an entry's name and type are (the entry, or an object in it).
    named: fn(&mut serde_json::Value) -> &mut serde_json::Value,
    /// Where its algorithm, digits and period are.
    params: fn(&mut serde_json::Value) -> &mut serde_json::Value,
    /// The name, type, algorithm, digits and period fields.
    name: &'static str,
    kind: &'static str,
    algorithm: &'static str,
    digits: &'static str,
    period: &'static str,
    /// The type's value for Steam codes, or `None` when the format marks Steam by
    /// its issuer (FreeOTP+).
    steam: Option<&'static str>,
    /// How the format writes a [`BAD_CASES`] value, and what the reason then says,
    /// when that is not the value as text (Authenticator Pro numbers its types and
    /// algorithms); `None` for the value as it is.
    written: fn(field: &str, bad: &str) -> Option<(serde_json::Value, &'static str)>,
}

/// [`EntryFields::written`] of a format that writes every value as it is.
fn as_it_is(_field: &str, _bad: &str) -> Option<(serde_json::Value, &'static str)> {
    None
}

/// Authenticator Pro's numbers: `Type` 4 is Steam and 9 none; `Algorithm` 0 to 2
/// (it has no MD5: an algorithm number it does not define stands for it).
fn authpro_numbers(field: &str, bad: &str) -> Option<(serde_json::Value, &'static str)> {
    match (field, bad) {
        ("kind", "steam") => Some((4.into(), "Steam")),
        ("kind", _) => Some((9.into(), "number 9")),
        ("algorithm", _) => Some((3.into(), "number 3")),
        _ => None,
    }
}

/// The cases of one entry otp cannot represent: (name, field, value, what its
/// reason must say).
const BAD_CASES: [(&str, &str, &str, &str); 5] = [
    (
        "bad-steam",
        "kind",
        "steam",
        "Steam Guard entry, but its digits",
    ),
    ("bad-md5", "algorithm", "MD5", "MD5"),
    ("bad-five", "digits", "5", "5 digits"),
    ("bad-zero", "period", "0", "\"0\""),
    ("bad-type", "kind", "WEIRD", "WEIRD"),
];

/// The fixture with one copy of its first entry per [`BAD_CASES`] case.
fn one_bad_entry_per_case(format: &EntryFields) -> String {
    let text = std::fs::read_to_string(fixture(format.file)).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let first = (format.entries)(&mut value)[0].clone();
    for (name, field, bad, _) in BAD_CASES {
        let mut entry = first.clone();
        (format.named)(&mut entry)[format.name] = name.into();
        match ((format.written)(field, bad), field) {
            (Some((written, _)), "kind") => (format.named)(&mut entry)[format.kind] = written,
            (Some((written, _)), "algorithm") => {
                (format.params)(&mut entry)[format.algorithm] = written;
            }
            (_, "kind") if bad == "steam" => match format.steam {
                Some(steam) => (format.named)(&mut entry)[format.kind] = steam.into(),
                None => entry["issuerExt"] = "Steam".into(),
            },
            (_, "kind") => (format.named)(&mut entry)[format.kind] = bad.into(),
            _ => set_param(format, &mut entry, field, bad),
        }
        (format.entries)(&mut value).push(entry);
    }
    value.to_string()
}

/// Sets the entry's algorithm, digits or period to `bad`.
fn set_param(format: &EntryFields, entry: &mut serde_json::Value, field: &str, bad: &str) {
    let params = (format.params)(entry);
    match field {
        "algorithm" => params[format.algorithm] = bad.into(),
        "digits" => params[format.digits] = bad.parse::<i64>().unwrap().into(),
        _ => params[format.period] = bad.parse::<i64>().unwrap().into(),
    }
}

/// One entry never sinks a file: in an Aegis, 2FAS, andOTP or FreeOTP+ file, an
/// entry for Steam Guard codes with 6 digits (Steam's are 5: such an entry would
/// draw codes Steam does not take), MD5, 5 digits, a period of 0 or an unknown type
/// is left out and named with its reason, and the file's other accounts (the Steam
/// Guard one among them) are imported with their parameters and codes.
#[test]
fn one_entry_otp_cannot_represent_never_sinks_a_json_file() {
    fn array(value: &mut serde_json::Value) -> &mut Vec<serde_json::Value> {
        value.as_array_mut().unwrap()
    }
    fn itself(value: &mut serde_json::Value) -> &mut serde_json::Value {
        value
    }
    let formats = [
        EntryFields {
            file: "aegis-plain.json",
            entries: |v| v["db"]["entries"].as_array_mut().unwrap(),
            named: itself,
            params: |v| &mut v["info"],
            name: "name",
            kind: "type",
            algorithm: "algo",
            digits: "digits",
            period: "period",
            steam: Some("steam"),
            written: as_it_is,
        },
        EntryFields {
            file: "2fas-plain.2fas",
            entries: |v| v["services"].as_array_mut().unwrap(),
            named: |v| &mut v["otp"],
            params: |v| &mut v["otp"],
            name: "account",
            kind: "tokenType",
            algorithm: "algorithm",
            digits: "digits",
            period: "period",
            steam: Some("STEAM"),
            written: as_it_is,
        },
        EntryFields {
            file: "andotp.json",
            entries: array,
            named: itself,
            params: itself,
            name: "label",
            kind: "type",
            algorithm: "algorithm",
            digits: "digits",
            period: "period",
            steam: Some("STEAM"),
            written: as_it_is,
        },
        EntryFields {
            file: "freeotp-plus.json",
            entries: |v| v["tokens"].as_array_mut().unwrap(),
            named: itself,
            params: itself,
            name: "label",
            kind: "type",
            algorithm: "algo",
            digits: "digits",
            period: "period",
            steam: None,
            written: as_it_is,
        },
        EntryFields {
            file: "authpro-plain.authpro",
            entries: |v| v["Authenticators"].as_array_mut().unwrap(),
            named: itself,
            params: itself,
            name: "Username",
            kind: "Type",
            algorithm: "Algorithm",
            digits: "Digits",
            period: "Period",
            steam: None,
            written: authpro_numbers,
        },
    ];
    for format in &formats {
        let file = format.file;
        let text = one_bad_entry_per_case(format);
        let sandbox = Sandbox::initialised();
        let path = sandbox.dir.path().join(format!("bad-entries-{file}"));
        std::fs::write(&path, text).unwrap();
        let out = import(&sandbox, &path, &["--yes"], None);
        assert_success(&out);
        let report = stderr(&out);
        for (name, field, bad, said) in BAD_CASES {
            let said = (format.written)(field, bad).map_or(said, |(_, said)| said);
            assert!(
                report
                    .lines()
                    .any(|line| line.contains(name) && line.contains(said)),
                "{file}: {name} is not named with its reason ({said}):\n{report}"
            );
        }
        let (expected, _, _) = spec(file);
        assert_vault_holds(&sandbox, &expected, file);
    }
}

/// Authenticator Pro numbers mOTP (3) and Yandex (5) codes, which otp does not
/// make: each such entry is left out, named with its scheme, and the backup's other
/// accounts are imported.
#[test]
fn authenticator_pro_motp_and_yandex_entries_are_left_out_with_their_scheme() {
    let file = "authpro-plain.authpro";
    let text = std::fs::read_to_string(fixture(file)).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let entries = value["Authenticators"].as_array_mut().unwrap();
    let first = entries[0].clone();
    for (name, kind) in [("mobile", 3), ("yandex", 5)] {
        let mut entry = first.clone();
        entry["Username"] = name.into();
        entry["Type"] = kind.into();
        entry["Pin"] = "1234".into();
        entries.push(entry);
    }
    let sandbox = Sandbox::initialised();
    let path = sandbox.dir.path().join("motp-yandex.authpro");
    std::fs::write(&path, value.to_string()).unwrap();
    let out = import(&sandbox, &path, &["--yes"], None);
    assert_success(&out);
    let report = stderr(&out);
    for (label, said) in [("GitHub:mobile", "mOTP"), ("GitHub:yandex", "Yandex")] {
        assert!(
            report.lines().any(|line| line.starts_with("  ! ")
                && line.contains(label)
                && line.contains(said)),
            "{label} is not named with {said}:\n{report}"
        );
    }
    let (expected, _, _) = spec(file);
    assert_vault_holds(&sandbox, &expected, file);
}

// ---------------------------------------------------------------------------------
// FreeOTP's own files: a Java-serialised map (the backup) and Android preferences

/// The entries of a FreeOTP backup as make_encrypted.py writes it (every string a
/// TC_STRING), and the bytes before them (magic, class description, capacity and
/// size), so that a test can change entries and write the map again.
fn java_map(bytes: &[u8]) -> (Vec<u8>, Vec<(String, String)>) {
    let block = bytes
        .windows(2)
        .position(|pair| pair == [0x77, 0x08])
        .expect("TC_BLOCKDATA of 8 bytes");
    let start = block + 10;
    let size = u32::from_be_bytes(bytes[block + 6..start].try_into().unwrap()) as usize;
    let mut at = start;
    let mut string = || {
        assert_eq!(bytes[at], 0x74, "a TC_STRING at {at}");
        let length = u16::from_be_bytes([bytes[at + 1], bytes[at + 2]]) as usize;
        let text = std::str::from_utf8(&bytes[at + 3..at + 3 + length]).unwrap();
        at += 3 + length;
        text.to_owned()
    };
    let entries = (0..size).map(|_| (string(), string())).collect();
    assert_eq!(&bytes[at..], [0x78], "the map ends after its entries");
    (bytes[..start].to_vec(), entries)
}

/// The map written again with `entries` (ASCII texts shorter than 64 KiB).
fn write_java_map(head: &[u8], entries: &[(String, String)]) -> Vec<u8> {
    let mut out = head.to_vec();
    let size_at = out.len() - 4;
    out[size_at..].copy_from_slice(&(entries.len() as u32).to_be_bytes());
    for text in entries.iter().flat_map(|(key, value)| [key, value]) {
        assert!(text.is_ascii());
        out.push(0x74);
        out.extend((text.len() as u16).to_be_bytes());
        out.extend(text.as_bytes());
    }
    out.push(0x78);
    out
}

/// The UUID of the backup's token labelled `label` (its `-token` entry's JSON).
fn backup_uuid(entries: &[(String, String)], label: &str) -> String {
    let (issuer, name) = label.split_once(':').unwrap();
    entries
        .iter()
        .find_map(|(key, value)| {
            let uuid = key.strip_suffix("-token")?;
            let token: serde_json::Value = serde_json::from_str(value).unwrap();
            (token["label"] == name && token["issuerExt"] == issuer).then(|| uuid.to_owned())
        })
        .unwrap_or_else(|| panic!("no token {label}"))
}

/// Changes the first number below 100 (so, still a byte) in `array` of the JSON
/// `text` by one, keeping the text's length: `"mCipherText":[` in a key entry.
fn change_a_byte(text: &str, array: &str) -> String {
    let start = text.find(array).unwrap() + array.len();
    let (mut at, mut end) = (start, start);
    for (offset, c) in text[start..].char_indices() {
        if c == ',' || c == ']' {
            let number = &text[at..start + offset];
            if number.trim_start_matches('-').len() <= 2 {
                end = start + offset;
                break;
            }
            at = start + offset + 1;
        }
    }
    assert!(end > at, "no small number in {array}");
    let last = text.as_bytes()[end - 1] ^ 1;
    format!("{}{}{}", &text[..end - 1], last as char, &text[end..])
}

/// A FreeOTP backup whose one token's key is damaged is refused as damaged, naming
/// the token, and the right password is not called wrong; a damaged master key
/// cannot be told from a wrong password (GCM) and is one; a key derivation asking
/// for too many iterations is refused before the password is asked for. The vault
/// is untouched. A HOTP token's import says where its counter comes from.
#[test]
fn a_damaged_freeotp_backup_is_refused_cleanly() {
    let sandbox = Sandbox::initialised();
    let before = common::read(&sandbox.vault);
    let bytes = common::read(&fixture("freeotp-backup-encrypted.xml"));
    let (head, entries) = java_map(&bytes);
    let alice = backup_uuid(&entries, "GitHub:alice@example.com");
    let changed = |key: &str, change: &dyn Fn(&str) -> String| {
        let mut entries = entries.clone();
        let entry = entries.iter_mut().find(|(name, _)| name == key).unwrap();
        entry.1 = change(&entry.1);
        write_java_map(&head, &entries)
    };
    // (name, the damaged copy, the password given, what the message must say)
    type Case<'a> = (&'a str, Vec<u8>, Option<&'a str>, &'a [&'a str]);
    let cases: [Case; 4] = [
        (
            "token-key",
            changed(&alice, &|text| change_a_byte(text, "mCipherText\\\":[")),
            Some(PASSWORD),
            &["damaged", "GitHub:alice@example.com", "export it again"],
        ),
        (
            "master-key",
            changed("masterKey", &|text| {
                change_a_byte(text, "\"mCipherText\":[")
            }),
            Some(PASSWORD),
            &["wrong password"],
        ),
        (
            "iterations",
            changed("masterKey", &|text| {
                text.replace("\"mIterations\":100000", "\"mIterations\":9999999")
            }),
            None,
            &["9999999 PBKDF2 iterations", "2000000"],
        ),
        (
            "kdf",
            changed("masterKey", &|text| {
                text.replace("PBKDF2withHmacSHA512", "PBKDF2withHmacMD5")
            }),
            None,
            &["\"PBKDF2withHmacMD5\"", "PBKDF2withHmacSHA512"],
        ),
    ];
    for (name, bytes, password, said) in cases {
        let copy = sandbox.dir.path().join(format!("{name}.xml"));
        std::fs::write(&copy, bytes).unwrap();
        // Without a password line, a prompt would fail with another message.
        let out = import(&sandbox, &copy, &["--yes"], password);
        assert_eq!(out.status.code(), Some(2), "{name}: {out:?}");
        let err = stderr(&out);
        for words in said {
            assert!(err.contains(words), "{name}: no {words:?} in:\n{err}");
        }
        if name == "token-key" {
            assert!(!err.contains("wrong password"), "{name}:\n{err}");
        }
        if password.is_none() {
            assert!(!err.contains("export it again"), "{name}:\n{err}");
        }
        assert!(!err.contains("panicked"), "{name}:\n{err}");
        assert_eq!(common::read(&sandbox.vault), before, "{name}");
    }
    let out = import(
        &sandbox,
        &fixture("freeotp-backup-encrypted.xml"),
        &["--yes"],
        Some(PASSWORD),
    );
    assert_success(&out);
    assert!(
        report_lines(&out)
            .iter()
            .any(|line| line.contains("VPN:dave")
                && line.contains("counter a token had when it was added")),
        "no note about dave's counter:\n{}",
        stderr(&out)
    );
}

/// One entry never sinks a FreeOTP file either: in FreeOTP 1's tokens.xml and in a
/// FreeOTP 2 backup, a Steam token with 6 digits (Steam's are 5), MD5, 5 digits, a
/// period of 0 or an unknown type is left out and named with its reason, as is (in a
/// backup) a token whose settings are not JSON, one whose settings have no key and
/// one whose key has no settings; the file's own accounts are imported with their
/// codes.
#[test]
fn one_entry_otp_cannot_represent_never_sinks_a_freeotp_file() {
    fn bad_token(mut token: serde_json::Value, name: &str, field: &str, bad: &str) -> String {
        token["label"] = name.into();
        match (field, bad) {
            ("kind", "steam") => {
                token["issuerExt"] = "Steam".into();
                token["digits"] = 6.into();
            }
            ("kind", _) => token["type"] = bad.into(),
            ("algorithm", _) => token["algo"] = bad.into(),
            (field, _) => token[field] = bad.parse::<i64>().unwrap().into(),
        }
        token.to_string()
    }
    let check = |file: &str, path: &Path, password: Option<&str>, more: &[(&str, &str)]| {
        let sandbox = Sandbox::initialised();
        let out = import(&sandbox, path, &["--yes"], password);
        assert_success(&out);
        let report = stderr(&out);
        let cases = BAD_CASES.iter().map(|(name, _, _, said)| (*name, *said));
        for (name, said) in cases.chain(more.iter().copied()) {
            assert!(
                report.lines().any(|line| line.starts_with("  ! ")
                    && line.contains(name)
                    && line.contains(said)),
                "{file}: {name} is not named with its reason ({said}):\n{report}"
            );
        }
        let (expected, _, _) = spec(file);
        assert_vault_holds(&sandbox, &expected, file);
    };
    let dir = tempfile::tempdir().unwrap();

    // tokens.xml: more <string> entries, escaped as Android writes them.
    let text = std::fs::read_to_string(fixture("freeotp-tokens.xml")).unwrap();
    let alice_at = text
        .find("<string name=\"GitHub:alice@example.com\">")
        .unwrap();
    let alice_json = text[alice_at..]
        .split_once('>')
        .and_then(|(_, rest)| rest.split_once("</string>"))
        .map(|(json, _)| json.replace("&quot;", "\""))
        .unwrap();
    let alice: serde_json::Value = serde_json::from_str(&alice_json).unwrap();
    let mut more = String::new();
    for (name, field, bad, _) in BAD_CASES {
        let json = bad_token(alice.clone(), name, field, bad).replace('"', "&quot;");
        more.push_str(&format!(
            "    <string name=\"GitHub:{name}\">{json}</string>\n"
        ));
    }
    let path = dir.path().join("bad-tokens.xml");
    std::fs::write(&path, text.replace("</map>", &format!("{more}</map>"))).unwrap();
    check("freeotp-tokens.xml", &path, None, &[]);

    // The backup: tokens with alice's key and bad settings; settings without a key,
    // a key without settings, settings that are not JSON.
    let bytes = common::read(&fixture("freeotp-backup-encrypted.xml"));
    let (head, mut entries) = java_map(&bytes);
    let alice = backup_uuid(&entries, "GitHub:alice@example.com");
    let key = entries
        .iter()
        .find(|(name, _)| *name == alice)
        .unwrap()
        .1
        .clone();
    let settings = &entries
        .iter()
        .find(|(name, _)| *name == format!("{alice}-token"))
        .unwrap()
        .1;
    let token: serde_json::Value = serde_json::from_str(settings).unwrap();
    for (index, (name, field, bad, _)) in BAD_CASES.iter().enumerate() {
        let uuid = format!("00000000-0000-4000-8000-00000000000{index}");
        entries.push((uuid.clone(), key.clone()));
        entries.push((
            format!("{uuid}-token"),
            bad_token(token.clone(), name, field, bad),
        ));
    }
    let orphan = bad_token(token.clone(), "no-key", "period", "30");
    entries.push(("00000000-0000-4000-8000-0000000000a0-token".into(), orphan));
    entries.push(("00000000-0000-4000-8000-0000000000b0".into(), key.clone()));
    entries.push(("00000000-0000-4000-8000-0000000000c0".into(), key));
    entries.push((
        "00000000-0000-4000-8000-0000000000c0-token".into(),
        "{\"type\":".into(),
    ));
    let path = dir.path().join("bad-backup.xml");
    std::fs::write(&path, write_java_map(&head, &entries)).unwrap();
    check(
        "freeotp-backup-encrypted.xml",
        &path,
        Some(PASSWORD),
        &[
            ("GitHub:no-key", "no secret"),
            ("00000000-0000-4000-8000-0000000000b0", "not its settings"),
            (
                "00000000-0000-4000-8000-0000000000c0",
                "not the JSON FreeOTP writes",
            ),
        ],
    );
}

/// Keys (links) that otp cannot represent, as a password manager's TOTP field or an
/// entry's link holds them: (label in the report, key, what the reason must say).
const BAD_KEYS: [(&str, &str, &str); 7] = [
    (
        "Bad:steam",
        "otpauth://steam/Bad:steam?secret=JBSWY3DPEHPK3PXP&digits=6",
        "Steam Guard entry, but its digits",
    ),
    (
        "Bad:md5",
        "otpauth://totp/Bad:md5?secret=JBSWY3DPEHPK3PXP&algorithm=MD5",
        "MD5",
    ),
    (
        "Bad:five",
        "otpauth://totp/Bad:five?secret=JBSWY3DPEHPK3PXP&digits=5",
        "5 digits",
    ),
    (
        "Bad:zero",
        "otpauth://totp/Bad:zero?secret=JBSWY3DPEHPK3PXP&period=0",
        "\"0\"",
    ),
    (
        "Bad:motp",
        "otpauth://motp/Bad:motp?secret=JBSWY3DPEHPK3PXP",
        "mOTP",
    ),
    (
        "Bad:yandex",
        "otpauth://yaotp/Bad:yandex?secret=JBSWY3DPEHPK3PXP",
        "Yandex",
    ),
    (
        "Bad:secret",
        "otpauth://totp/Bad:secret?secret=JBSWY3DPEHPK3PX1",
        "link cannot be read",
    ),
];

/// Imports `text` as `name` and checks that every [`BAD_KEYS`] entry is named with
/// its reason and that `file`'s own accounts are imported with oathtool's codes.
fn import_with_bad_keys(file: &str, name: &str, text: &str) {
    let sandbox = Sandbox::initialised();
    let path = sandbox.dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    let out = import(&sandbox, &path, &["--yes"], None);
    assert_success(&out);
    let report = stderr(&out);
    for (label, _, said) in BAD_KEYS {
        assert!(
            report.lines().any(|line| line.starts_with("  ! ")
                && line.contains(label)
                && line.contains(said)),
            "{name}: {label} is not named with its reason ({said}):\n{report}"
        );
    }
    assert!(
        !report.contains("JBSWY3DP"),
        "{name}: a secret in:\n{report}"
    );
    let (expected, _, _) = spec(file);
    assert_vault_holds(&sandbox, &expected, name);
}

/// One entry never sinks a Bitwarden export (JSON or CSV) or a Proton
/// Authenticator export either: a Steam Guard link with 6 digits, a key for mOTP
/// or Yandex codes, MD5, 5 digits, a period of 0 or a broken secret leaves only
/// that item out, named with its reason, and the file's accounts are imported.
#[test]
fn one_entry_otp_cannot_represent_never_sinks_a_password_managers_export() {
    // Bitwarden JSON: more login items.
    let text = std::fs::read_to_string(fixture("bitwarden.json")).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let items = value["items"].as_array_mut().unwrap();
    let first = items[0].clone();
    for (label, key, _) in BAD_KEYS {
        let mut item = first.clone();
        item["name"] = label.into();
        item["login"]["totp"] = key.into();
        items.push(item);
    }
    import_with_bad_keys("bitwarden.json", "bad-bitwarden.json", &value.to_string());

    // Bitwarden CSV: more rows, written the way the fixture's are.
    let mut text = std::fs::read_to_string(fixture("bitwarden.csv")).unwrap();
    for (label, key, _) in BAD_KEYS {
        text.push_str(&format!("2FA,,login,{label},\"a, note\",,0,,,pw,{key}\n"));
    }
    import_with_bad_keys("bitwarden.csv", "bad-bitwarden.csv", &text);

    // Proton Authenticator: more entries.
    let text = std::fs::read_to_string(fixture("proton.json")).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let entries = value["entries"].as_array_mut().unwrap();
    let first = entries[0].clone();
    for (label, key, _) in BAD_KEYS {
        let mut entry = first.clone();
        entry["content"]["uri"] = key.into();
        entry["content"]["name"] = label.into();
        entries.push(entry);
    }
    import_with_bad_keys("proton.json", "bad-proton.json", &value.to_string());
}

/// An account-restricted Bitwarden export (encrypted with the Bitwarden account's
/// own key) cannot be read by anyone but that account: refused without asking for
/// a password, with what to export instead; the vault is untouched.
#[test]
fn an_account_restricted_bitwarden_export_says_how_to_export_one_otp_reads() {
    let sandbox = Sandbox::initialised();
    let before = common::read(&sandbox.vault);
    let text = std::fs::read_to_string(fixture("bitwarden-encrypted.json")).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let object = value.as_object_mut().unwrap();
    for key in [
        "passwordProtected",
        "salt",
        "kdfType",
        "kdfIterations",
        "data",
    ] {
        object.remove(key);
    }
    object.insert("folders".into(), serde_json::json!([]));
    object.insert(
        "items".into(),
        serde_json::json!([{"type": 1, "name": "2.AAAA|BBBB|CCCC", "login": {"totp": "2.AAAA|BBBB|CCCC"}}]),
    );
    let file = sandbox.dir.path().join("restricted.json");
    std::fs::write(&file, value.to_string()).unwrap();
    // No password line: a prompt would find none and fail differently.
    let out = import(&sandbox, &file, &["--yes"], None);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = stderr(&out);
    assert!(
        err.contains("Bitwarden export") && err.contains("\"Password protected\""),
        "{err}"
    );
    assert!(!err.contains("export it again from the app"), "{err}");
    assert_eq!(common::read(&sandbox.vault), before);
}

/// A Bitwarden export whose items hold no TOTP key at all is refused with that
/// count (not "holds no accounts"), and the count of skipped items is said in the
/// user's language when some are imported.
#[test]
fn items_without_a_totp_key_are_counted_in_both_languages() {
    let sandbox = Sandbox::initialised();
    let before = common::read(&sandbox.vault);
    let file = sandbox.dir.path().join("notes.json");
    std::fs::write(
        &file,
        r#"{"encrypted": false, "folders": [], "items": [
            {"type": 2, "name": "a", "secureNote": {"type": 0}},
            {"type": 1, "name": "b", "login": {"username": "x", "totp": null}}]}"#,
    )
    .unwrap();
    let out = import(&sandbox, &file, &["--yes"], None);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        stderr(&out).contains("none of the 2 items in this Bitwarden export holds a TOTP key"),
        "{}",
        stderr(&out)
    );
    assert_eq!(common::read(&sandbox.vault), before);

    for (lang, said) in [
        ("en", "4 items of the file hold no TOTP key"),
        ("ko", "항목 4개에는 TOTP 키가 없어"),
    ] {
        let mut command = sandbox.otp();
        command
            .env("OTP_LANG", lang)
            .args(["--pin-stdin", "import", "--dry-run"])
            .arg(fixture("bitwarden.json"));
        let out = common::feed(command, &format!("{}\n", common::PIN));
        assert_success(&out);
        assert!(stderr(&out).contains(said), "{lang}:\n{}", stderr(&out));
    }
}

/// A protobuf field: wire type 0 (a varint) or, with `bytes`, 2.
fn proto_field(number: u64, value: u64, bytes: Option<&[u8]>) -> Vec<u8> {
    fn varint(mut n: u64, out: &mut Vec<u8>) {
        while n >= 0x80 {
            out.push((n as u8 & 0x7f) | 0x80);
            n >>= 7;
        }
        out.push(n as u8);
    }
    let mut out = Vec::new();
    match bytes {
        Some(bytes) => {
            varint(number << 3 | 2, &mut out);
            varint(bytes.len() as u64, &mut out);
            out.extend_from_slice(bytes);
        }
        None => {
            varint(number << 3, &mut out);
            varint(value, &mut out);
        }
    }
    out
}

/// One Google Authenticator account (`OtpParameters`): algorithm, digits and type
/// as the export numbers them.
fn google_entry(name: &str, algorithm: u64, digits: u64, kind: u64) -> Vec<u8> {
    let mut entry = proto_field(1, 0, Some(b"12345678901234567890"));
    entry.extend(proto_field(2, 0, Some(name.as_bytes())));
    entry.extend(proto_field(3, 0, Some(b"Good")));
    entry.extend(proto_field(4, algorithm, None));
    entry.extend(proto_field(5, digits, None));
    entry.extend(proto_field(6, kind, None));
    entry
}

/// A one-code Google Authenticator export link holding `entries`, as a line.
fn google_export_link(entries: &[Vec<u8>]) -> String {
    let mut payload = Vec::new();
    for entry in entries {
        payload.extend(proto_field(1, 0, Some(entry)));
    }
    payload.extend(proto_field(2, 1, None));
    payload.extend(proto_field(3, 1, None));
    let data = BASE64
        .encode(&payload)
        .replace('+', "%2B")
        .replace('/', "%2F")
        .replace('=', "%3D");
    format!("otpauth-migration://offline?data={data}\n")
}

/// A Google export entry that leaves its type, algorithm and code length unset (0;
/// Google Authenticator always writes them) is imported with Google's defaults, and
/// the report says each one was assumed instead of taking them silently.
#[test]
fn a_google_entry_with_unset_fields_says_what_was_assumed() {
    let sandbox = Sandbox::initialised();
    let file = sandbox.dir.path().join("google.txt");
    std::fs::write(&file, google_export_link(&[google_entry("dave", 0, 0, 0)])).unwrap();
    let out = import(&sandbox, &file, &["--yes"], None);
    assert_success(&out);
    let report = stderr(&out);
    for said in ["SHA1 assumed", "6 assumed", "(TOTP) assumed"] {
        assert!(
            report
                .lines()
                .any(|line| line.contains("Good:dave") && line.contains(said)),
            "no note that {said}:\n{report}"
        );
    }
    if have_oathtool() {
        let at = 1_111_111_111u64;
        assert_eq!(
            sandbox.code("Good:dave", &["--at", &at.to_string()]),
            common::oathtool_totp("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "SHA1", 6, 30, at)
        );
    }
}

/// One entry never sinks a Google Authenticator export either: an account with
/// MD5 (algorithm 4), a code length or a type the format does not define is left
/// out and named with its reason, and the others are imported.
#[test]
fn one_entry_otp_cannot_represent_never_sinks_a_google_export() {
    let link = google_export_link(&[
        google_entry("alice", 1, 1, 2),
        google_entry("bad-md5", 4, 1, 2),
        google_entry("bad-digits", 1, 7, 2),
        google_entry("bad-type", 1, 1, 9),
        google_entry("carol", 3, 2, 2),
    ]);
    let sandbox = Sandbox::initialised();
    let file = sandbox.dir.path().join("google.txt");
    std::fs::write(&file, link).unwrap();
    let out = import(&sandbox, &file, &["--yes"], None);
    assert_success(&out);
    let report = stderr(&out);
    for (name, said) in [
        ("Good:bad-md5", "MD5"),
        ("Good:bad-digits", "number 7"),
        ("Good:bad-type", "number 9"),
    ] {
        assert!(
            report
                .lines()
                .any(|line| line.contains(name) && line.contains(said)),
            "{name} is not named with its reason ({said}):\n{report}"
        );
    }
    let listed = listed(&sandbox);
    let labels: Vec<&String> = listed.keys().collect();
    assert_eq!(labels, ["Good:alice", "Good:carol"]);
    assert_eq!(listed["Good:carol"]["algorithm"], "SHA512");
    assert_eq!(listed["Good:carol"]["digits"], 8);
    if have_oathtool() {
        let at = 1_111_111_111u64;
        assert_eq!(
            sandbox.code("Good:alice", &["--at", &at.to_string()]),
            common::oathtool_totp("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "SHA1", 6, 30, at)
        );
    }
}

// ---------------------------------------------------------------------------------
// Exporting and importing back

/// The accounts every format but Google's can hold, from expected-plain.toml:
/// alice, bob, carol, dave, erin (Steam Guard), heidi (20 s), ivan (50 s), judy
/// (HOTP SHA512) and ken (HOTP SHA256).
fn every_account() -> Vec<Expected> {
    spec("andotp.json").0
}

/// A vault holding every account, added one by one (erin from its `steam://`
/// key); dave's HOTP code has been used once, so its counter (5 in the fixtures) is
/// now 6.
fn vault_with_every_account() -> (Sandbox, Vec<Expected>) {
    let sandbox = Sandbox::initialised();
    let mut accounts = every_account();
    assert!(
        accounts.iter().any(|a| a.kind == "steam"),
        "no Steam account"
    );
    for account in &accounts {
        if account.kind == "steam" {
            let key = format!("steam://{}", account.secret);
            let args = ["--issuer", account.issuer.as_str()];
            assert_success(&sandbox.add_secret(&account.name, &key, &args));
            continue;
        }
        let digits = account.digits.to_string();
        let moving;
        let mut args = vec![
            "--issuer",
            &account.issuer,
            "--algorithm",
            &account.algorithm,
            "--digits",
            &digits,
        ];
        match (account.period, account.counter) {
            (Some(period), _) => {
                moving = period.to_string();
                args.extend(["--period", &moving]);
            }
            (None, Some(counter)) => {
                moving = counter.to_string();
                args.extend(["--hotp", "--counter", &moving]);
            }
            _ => unreachable!(),
        }
        assert_success(&sandbox.add_secret(&account.name, &account.secret, &args));
    }
    let dave = accounts.iter_mut().find(|a| a.name == "dave").unwrap();
    let code = sandbox.code(&dave.label, &[]);
    if have_oathtool() {
        assert_eq!(code, common::oathtool_hotp(&dave.secret, dave.digits, 5));
    }
    dave.counter = Some(6);
    (sandbox, accounts)
}

#[cfg(unix)]
fn assert_private(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "{} should be 0600", path.display());
}

#[cfg(not(unix))]
fn assert_private(_path: &Path) {}

#[test]
fn uris_export_needs_yes_and_imports_back() {
    let (source, accounts) = vault_with_every_account();
    let out = source.run(&["export", "--format", "uris"], "");
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(stderr(&out).contains("--yes"), "{}", stderr(&out));
    assert!(!stdout(&out).contains("otpauth"), "{}", stdout(&out));

    let out = source.run(&["export", "--format", "uris", "--yes"], "");
    assert_success(&out);
    let text = stdout(&out);
    let links: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("otpauth://"))
        .collect();
    assert_eq!(links.len(), accounts.len(), "{text}");
    assert!(
        links
            .iter()
            .any(|l| l.starts_with("otpauth://steam/Steam:erin?secret=")
                && l.ends_with("&issuer=Steam")),
        "{text}"
    );

    let file = source.dir.path().join("links.txt");
    let out = source.run(
        &[
            "export",
            "--format",
            "uris",
            "--yes",
            "-o",
            file.to_str().unwrap(),
        ],
        "",
    );
    assert_success(&out);
    assert_private(&file);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);

    let target = Sandbox::initialised();
    let out = import(&target, &file, &["--yes"], None);
    assert_success(&out);
    assert_report(&out, &accounts, &[], "Imported");
    assert_vault_holds(&target, &accounts, "uris round trip");
}

/// `otp export --format FORMAT -o FILE` with the password typed twice.
fn export_encrypted(sandbox: &Sandbox, format: &str, file: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["export", "--format", format, "-o", file.to_str().unwrap()];
    args.extend_from_slice(extra);
    sandbox.run(&args, &format!("{PASSWORD}\n{PASSWORD}\n"))
}

fn encrypted_round_trip(format: &str) {
    let (source, accounts) = vault_with_every_account();
    let file = source.dir.path().join(format!("export.{format}"));
    let out = export_encrypted(&source, format, &file, &[]);
    assert_success(&out);
    assert_no_secret_in(&out, &accounts);
    assert_private(&file);
    let written = common::read(&file);
    for account in &accounts {
        let needle = &account.secret[..12];
        assert!(
            !String::from_utf8_lossy(&written).contains(needle),
            "{format} export holds {}'s secret in the clear",
            account.label
        );
    }

    // An existing file is kept unless --force.
    let out = export_encrypted(&source, format, &file, &[]);
    assert!(!out.status.success(), "overwrote without --force: {out:?}");
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(common::read(&file), written);
    assert_success(&export_encrypted(&source, format, &file, &["--force"]));
    assert_private(&file);

    let target = Sandbox::initialised();
    let before = common::read(&target.vault);
    let out = import(&target, &file, &["--yes"], Some("not the password"));
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(stderr(&out).contains("wrong password"), "{}", stderr(&out));
    assert_eq!(common::read(&target.vault), before);

    let out = import(&target, &file, &["--yes"], Some(PASSWORD));
    assert_success(&out);
    assert_report(&out, &accounts, &[], "Imported");
    assert_vault_holds(&target, &accounts, &format!("{format} round trip"));
}

#[test]
fn an_export_password_is_typed_twice_at_a_terminal_and_must_match() {
    let (source, _) = vault_with_every_account();
    let env_of = |file: &Path| -> Vec<(&'static str, std::ffi::OsString)> {
        vec![
            ("OTP_VAULT", source.vault.clone().into_os_string()),
            ("OTP_CONFIG", source.config.clone().into_os_string()),
            ("HOME", source.dir.path().as_os_str().to_owned()),
            ("XDG_RUNTIME_DIR", source.runtime.clone().into_os_string()),
            ("OTP_PIN", common::PIN.into()),
            ("OTP_TEST_FILE", file.as_os_str().to_owned()),
        ]
    };
    for format in ["aegis", "backup"] {
        for (second, accepted) in [(format!("{PASSWORD}!"), false), (PASSWORD.to_owned(), true)] {
            let file = source
                .dir
                .path()
                .join(format!("export-{accepted}.{format}"));
            let env = env_of(&file);
            let env: Vec<(&str, &std::ffi::OsStr)> =
                env.iter().map(|(k, v)| (*k, v.as_os_str())).collect();
            let mut terminal = common::pty::Tui::spawn(
                Path::new(env!("CARGO_BIN_EXE_otp")),
                &["export", "--format", format, "-o", file.to_str().unwrap()],
                &env,
                100,
                30,
            );
            terminal.wait_for("Password for the", std::time::Duration::from_secs(30));
            terminal.send(&format!("{PASSWORD}\r"));
            terminal.wait_for("again", std::time::Duration::from_secs(30));
            terminal.send(&format!("{second}\r"));
            // The last words reach the screen through a reader thread, possibly after
            // the process has exited: wait for them rather than read the screen once.
            let last_words = if accepted { "Exported" } else { "differ" };
            terminal.wait_for(last_words, std::time::Duration::from_secs(60));
            let status = terminal.wait_exit(std::time::Duration::from_secs(60));
            let screen = terminal.screen();
            assert_eq!(status.success(), accepted, "{format}: {screen}");
            assert_eq!(file.exists(), accepted, "{format}: {screen}");
        }
    }
}

#[test]
fn aegis_export_is_encrypted_private_and_imports_back() {
    encrypted_round_trip("aegis");
}

#[test]
fn backup_export_is_encrypted_private_and_imports_back() {
    encrypted_round_trip("backup");
}

#[test]
fn a_damaged_backup_is_refused_cleanly() {
    let (source, _) = vault_with_every_account();
    let file = source.dir.path().join("export.backup");
    assert_success(&export_encrypted(&source, "backup", &file, &[]));
    let good = common::read(&file);
    let target = Sandbox::initialised();
    let before = common::read(&target.vault);
    let mut flipped = good.clone();
    let middle = flipped.len() * 3 / 4;
    flipped[middle] ^= 0x01;
    let copies = [
        ("flipped", flipped),
        ("cut-25", good[..good.len() / 4].to_vec()),
        ("cut-50", good[..good.len() / 2].to_vec()),
        ("cut-90", good[..good.len() * 9 / 10].to_vec()),
    ];
    for (name, bytes) in copies {
        let copy = target.dir.path().join(name);
        std::fs::write(&copy, bytes).unwrap();
        let out = import(
            &target,
            &copy,
            &["--yes", "--format", "backup"],
            Some(PASSWORD),
        );
        assert_eq!(out.status.code(), Some(2), "{name}: {out:?}");
        let err = stderr(&out);
        assert!(
            !err.trim().is_empty() && !err.contains("panicked"),
            "{name}:\n{err}"
        );
        assert_eq!(common::read(&target.vault), before, "{name}");
    }
}

/// QR codes drawn with half blocks: the `QR code k of n` headers and each code's rows.
fn qr_blocks(text: &str) -> Vec<(String, Vec<String>)> {
    let mut blocks: Vec<(String, Vec<String>)> = Vec::new();
    for line in text.lines() {
        if line.trim_start().starts_with("QR code ") {
            blocks.push((line.trim().to_owned(), Vec::new()));
        } else if let Some((_, rows)) = blocks.last_mut() {
            if !line.is_empty() && line.chars().all(|c| " ▀▄█".contains(c)) {
                rows.push(line.to_owned());
            } else if !rows.is_empty() && line.trim().is_empty() {
                rows.push(String::new());
            }
        }
    }
    for (_, rows) in &mut blocks {
        while rows.last().is_some_and(|r| r.trim().is_empty()) {
            rows.pop();
        }
    }
    blocks
}

/// Paints half-block rows as a PNG: each character is one module wide and two tall,
/// `dark_glyph` says whether the drawn half is a dark module; a light quiet zone of
/// four modules around, four pixels per module.
fn paint(rows: &[String], dark_glyph: bool, path: &Path) {
    const SCALE: u32 = 4;
    const QUIET: u32 = 4;
    let width = rows.iter().map(|r| r.chars().count()).max().unwrap() as u32;
    let height = rows.len() as u32 * 2;
    let mut picture = image::GrayImage::from_pixel(
        (width + 2 * QUIET) * SCALE,
        (height + 2 * QUIET) * SCALE,
        image::Luma([255]),
    );
    for (y, row) in rows.iter().enumerate() {
        let cells: Vec<char> = row.chars().collect();
        for x in 0..width as usize {
            let c = cells.get(x).copied().unwrap_or(' ');
            let (top, bottom) = match c {
                '█' => (true, true),
                '▀' => (true, false),
                '▄' => (false, true),
                ' ' => (false, false),
                other => panic!("unexpected character {other:?} in a QR code"),
            };
            for (half, drawn) in [(0u32, top), (1, bottom)] {
                if drawn != dark_glyph {
                    continue;
                }
                let module_x = x as u32 + QUIET;
                let module_y = y as u32 * 2 + half + QUIET;
                for dy in 0..SCALE {
                    for dx in 0..SCALE {
                        picture.put_pixel(
                            module_x * SCALE + dx,
                            module_y * SCALE + dy,
                            image::Luma([0]),
                        );
                    }
                }
            }
        }
    }
    picture.save(path).unwrap();
}

/// What zbarimg reads in a picture, or nothing.
fn zbar(path: &Path) -> Vec<String> {
    let out = Command::new("zbarimg")
        .args(["--raw", "-q"])
        .arg(path)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn google_export_draws_qr_codes_that_another_reader_decodes_and_otp_imports() {
    if !common::have_tool("zbarimg", &["--version"]) {
        return;
    }
    let (source, accounts) = vault_with_every_account();
    let out = source.run(&["export", "--format", "google"], "");
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(stderr(&out).contains("--yes"), "{}", stderr(&out));
    assert!(!stdout(&out).contains('█'), "QR codes drawn without --yes");

    let out = source.run(&["export", "--format", "google", "--yes"], "");
    assert_success(&out);
    let all_output = format!("{}\n{}", stdout(&out), stderr(&out));
    // Google has no period, no 7 digits and no Steam Guard: bob (60 s), carol (7
    // digits), erin (Steam), heidi (20 s) and ivan (50 s) stay out, each named with
    // its reason.
    let (google, left_out): (Vec<Expected>, Vec<Expected>) = accounts
        .into_iter()
        .partition(|a| a.period.is_none_or(|p| p == 30) && a.digits != 7 && a.kind != "steam");
    assert_eq!(left_out.len(), 5, "{left_out:?}");
    for account in &left_out {
        assert!(
            all_output.contains(&account.label),
            "the export should say {} is left out:\n{all_output}",
            account.label
        );
    }
    assert!(
        all_output
            .lines()
            .any(|l| l.contains("Steam:erin") && l.contains("cannot hold Steam Guard")),
        "the export should say why erin is left out:\n{all_output}"
    );
    let blocks = qr_blocks(&stdout(&out));
    assert!(
        !blocks.is_empty(),
        "no `QR code k of n` in:\n{}",
        stdout(&out)
    );
    let n = blocks.len();
    let mut links = Vec::new();
    for (k, (header, rows)) in blocks.iter().enumerate() {
        assert_eq!(header, &format!("QR code {} of {n}", k + 1));
        assert!(!rows.is_empty(), "{header} has no rows");
        let picture = source.dir.path().join(format!("qr-{k}.png"));
        // Dark glyphs on a light terminal, or light glyphs (inverted) on a dark one.
        let found = [true, false].into_iter().find_map(|dark_glyph| {
            paint(rows, dark_glyph, &picture);
            let found = zbar(&picture);
            (!found.is_empty()).then_some(found)
        });
        let found = found
            .unwrap_or_else(|| panic!("zbarimg reads nothing in {header}:\n{}", rows.join("\n")));
        links.extend(found);
    }
    assert!(
        links
            .iter()
            .all(|l| l.starts_with("otpauth-migration://offline?data=")),
        "{links:?}"
    );
    let file = source.dir.path().join("migration.txt");
    std::fs::write(&file, links.join("\n") + "\n").unwrap();

    let target = Sandbox::initialised();
    let out = import(&target, &file, &["--yes", "--format", "google"], None);
    assert_success(&out);
    assert_report(&out, &google, &[], "Imported");
    assert_vault_holds(&target, &google, "google round trip");
}

/// Draws a QR code the way a terminal shows it: each character one module wide and
/// two tall, `dark_glyph` whether the drawn halves are the dark modules.
fn half_blocks(text: &str, dark_glyph: bool, quiet: usize) -> Vec<String> {
    let code = qrcode::QrCode::new(text.as_bytes()).unwrap();
    let size = code.width() + 2 * quiet;
    let dark = |x: usize, y: usize| -> bool {
        let inside = (quiet..size - quiet).contains(&x) && (quiet..size - quiet).contains(&y);
        inside && code[(x - quiet, y - quiet)] == qrcode::Color::Dark
    };
    (0..size.div_ceil(2))
        .map(|row| {
            (0..size)
                .map(|x| {
                    let top = dark(x, 2 * row) == dark_glyph;
                    let bottom = (2 * row + 1 < size && dark(x, 2 * row + 1)) == dark_glyph;
                    match (top, bottom) {
                        (true, true) => '█',
                        (true, false) => '▀',
                        (false, true) => '▄',
                        (false, false) => ' ',
                    }
                })
                .collect()
        })
        .collect()
}

/// The QR reading above is the tests' own: check it on codes drawn from a known
/// matrix, in both polarities and with an odd quiet zone, before trusting it.
#[test]
fn these_tests_read_half_block_qr_codes_correctly() {
    if !common::have_tool("zbarimg", &["--version"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let text = "otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8%3D";
    for (dark_glyph, quiet) in [(true, 0), (true, 1), (false, 2), (false, 1)] {
        let drawn = half_blocks(text, dark_glyph, quiet);
        let output = format!("QR code 1 of 1\n{}\n\n", drawn.join("\n"));
        let blocks = qr_blocks(&output);
        assert_eq!(blocks.len(), 1);
        let picture = dir.path().join(format!("{dark_glyph}-{quiet}.png"));
        paint(&blocks[0].1, dark_glyph, &picture);
        assert_eq!(
            zbar(&picture),
            [text],
            "dark glyphs {dark_glyph}, quiet {quiet}"
        );
    }
}

// ---------------------------------------------------------------------------------
// The user's language

/// `otp import` of a damaged file with `OTP_LANG`: its output and exit code.
fn import_damaged_in(sandbox: &Sandbox, file: &Path, lang: &str) -> Output {
    let mut command = sandbox.otp();
    command
        .env("OTP_LANG", lang)
        .args(["--pin-stdin", "import", "--format", "andotp", "--yes"])
        .arg(file);
    common::feed(command, &format!("{}\n", common::PIN))
}

#[test]
fn a_damaged_file_is_explained_in_korean_with_the_english_exit_code() {
    use otp::i18n::{Lang, Localize};
    use otp::transfer::{Format, ImportError, Problem};

    let sandbox = Sandbox::initialised();
    let before = common::read(&sandbox.vault);
    let file = sandbox.dir.path().join("damaged-andotp.json");
    // Not UTF-8: an andOTP backup damaged beyond reading.
    std::fs::write(&file, b"[{\"secret\": \"\xff\xfe\"}]").unwrap();
    let error = ImportError::Malformed {
        format: Format::AndOtp,
        problem: Problem::NotUtf8,
    };

    let english = import_damaged_in(&sandbox, &file, "en");
    let korean = import_damaged_in(&sandbox, &file, "ko");
    for (out, lang) in [(&english, Lang::En), (&korean, Lang::Ko)] {
        let err = stderr(out);
        let sentence = error.localize_in(lang);
        assert!(
            err.contains(&sentence),
            "{lang:?}: expected {sentence:?} in:\n{err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
    // The Korean sentence is Korean, not the English one.
    assert!(
        stderr(&korean).contains(&otp::i18n::text(Lang::Ko, "transfer-format-andotp", None)),
        "{}",
        stderr(&korean)
    );
    assert!(
        !stderr(&korean).contains("cannot be read"),
        "{}",
        stderr(&korean)
    );
    assert_eq!(english.status.code(), Some(2), "{}", stderr(&english));
    assert_eq!(korean.status.code(), english.status.code());
    assert_eq!(common::read(&sandbox.vault), before, "the vault changed");
}

/// A link list as Dart's and Java's form encoders write it (`issuer=Air+Canada`):
/// `+` in a parameter value is a space, so the account is "Air Canada", and a
/// literal plus (`%2B`) stays a plus. `otp add --uri` reads links the same way.
#[test]
fn plus_in_a_link_parameter_is_a_space() {
    let sandbox = Sandbox::initialised();
    let file = sandbox.dir.path().join("links.txt");
    std::fs::write(
        &file,
        "otpauth://totp/Air%20Canada:alice?secret=JBSWY3DPEHPK3PXP&issuer=Air+Canada\n\
         otpauth://totp/A%2BB:bob?secret=GEZDGNBVGY3TQOJQ&issuer=A%2BB\n",
    )
    .unwrap();
    assert_success(&import(&sandbox, &file, &["--yes"], None));
    let added = sandbox.run(
        &["add", "--uri"],
        "otpauth://totp/Carol?secret=JBSWY3DPEHPK3PXP&issuer=Plus+Bank\n",
    );
    assert_success(&added);
    let labels: Vec<String> = listed(&sandbox).into_keys().collect();
    assert_eq!(
        labels,
        ["A+B:bob", "Air Canada:alice", "Plus Bank:Carol"],
        "{labels:?}"
    );
}

/// One entry otp cannot make (MD5, or a Steam link with 6 digits) in a list of
/// links does not sink the file, as it did ("line 2: the link is for \"steam\"
/// codes…", nothing imported): the others, a Steam Guard link among them, are
/// imported with the reference codes, and each link left out is named with its
/// reason.
#[test]
fn a_link_list_with_entries_otp_cannot_make_imports_the_rest() {
    let sandbox = Sandbox::initialised();
    let file = sandbox.dir.path().join("ente.txt");
    std::fs::write(
        &file,
        "otpauth://totp/GitHub:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=GitHub\n\
         otpauth://steam/Steam:gamer?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Steam\n\
         otpauth://steam/Steam:six?secret=GEZDGNBVGY3TQOJQ&issuer=Steam&digits=6\n\
         otpauth://totp/Old:md5?secret=GEZDGNBVGY3TQOJQ&algorithm=MD5\n\
         otpauth://hotp/Bank:carol?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Bank&counter=3\n",
    )
    .unwrap();
    let out = import(&sandbox, &file, &["--yes"], None);
    assert_success(&out);
    let report = stderr(&out);
    for (label, reason) in [("Steam:six", "Steam Guard"), ("Old:md5", "MD5")] {
        assert!(
            report
                .lines()
                .any(|line| line.contains(label) && line.contains(reason)),
            "{label} is not named with its reason:\n{report}"
        );
    }
    assert!(!report.contains("GEZDGNBV"), "{report}");
    let labels: Vec<String> = listed(&sandbox).into_keys().collect();
    assert_eq!(labels, ["Bank:carol", "GitHub:alice", "Steam:gamer"]);
    // RFC 6238's seed at T = 59 (step 1): RFC 4226's truncated value 1094287082 in
    // Steam's alphabet, as tests/data/steam-vectors.toml (steam_guard.py) has it.
    assert_eq!(sandbox.code("Steam:gamer", &["--at", "59"]), "PV9M4");
    if have_oathtool() {
        let at = 1_111_111_111u64;
        assert_eq!(
            sandbox.code("GitHub:alice", &["--at", &at.to_string()]),
            common::oathtool_totp("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "SHA1", 6, 30, at)
        );
        assert_eq!(
            sandbox.code("Bank:carol", &[]),
            common::oathtool_hotp("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", 6, 3)
        );
    }
}
