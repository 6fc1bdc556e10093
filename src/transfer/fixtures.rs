//! Test data shared by the importers' unit tests: what the files in
//! `tests/data/import` (written by `make_encrypted.py`, independently of otp) must
//! read as, and the codes those accounts must produce.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::cell::Cell;

use serde::Deserialize;
use zeroize::Zeroizing;

use super::error::ImportError;
use super::format::Format;
use super::imported::Imported;
use crate::accounts::Account;
use crate::code::{Algorithm, Digits, Kind, Period};
use crate::secret::SecretKey;

/// The labels of the accounts in every import fixture that holds them all, in the
/// fixtures' order (make_plain.py's `PLAIN`, make_encrypted.py's `ENTRIES`).
pub(crate) const LABELS: [&str; 9] = [
    "GitHub:alice@example.com",
    "Example:bob",
    "Bank:carol",
    "VPN:dave",
    "Steam:erin",
    "Air Canada:heidi",
    "Forum:ivan",
    "Bank:judy",
    "Mail:ken",
];

/// [`LABELS`] without the HOTP accounts (dave, judy, ken): what a format without
/// HOTP (Proton Authenticator) holds.
pub(crate) const TIME_BASED_LABELS: [&str; 6] = [
    "GitHub:alice@example.com",
    "Example:bob",
    "Bank:carol",
    "Steam:erin",
    "Air Canada:heidi",
    "Forum:ivan",
];

/// The password of both encrypted test files.
pub const PASSWORD: &str = "correct horse battery staple";

#[derive(Deserialize)]
struct Expected {
    password: String,
    account: Vec<ExpectedAccount>,
    #[serde(default)]
    unrepresentable: Vec<ExpectedLabel>,
}

#[derive(Deserialize)]
struct ExpectedAccount {
    label: String,
    issuer: String,
    name: String,
    secret: String,
    #[serde(rename = "type")]
    kind: String,
    algorithm: String,
    digits: u8,
    period: Option<u32>,
    counter: Option<u64>,
    /// A Steam Guard account's codes at fixed times (from tests/data/steam_guard.py).
    #[serde(default)]
    codes: Vec<ExpectedCode>,
}

#[derive(Deserialize)]
struct ExpectedCode {
    time: u64,
    code: String,
}

#[derive(Deserialize)]
struct ExpectedLabel {
    label: String,
}

fn expected() -> Expected {
    toml::from_str(include_str!("../../tests/data/import/expected.toml")).unwrap()
}

/// The accounts `expected.toml` lists, built without any importer.
pub fn expected_accounts() -> Vec<Account> {
    let expected = expected();
    assert_eq!(expected.password, PASSWORD);
    expected
        .account
        .iter()
        .map(|a| {
            let kind = match (a.kind.as_str(), a.period, a.counter) {
                ("totp", Some(period), None) => Kind::Totp {
                    period: Period::new(period).unwrap(),
                },
                ("hotp", None, Some(counter)) => Kind::Hotp { counter },
                ("steam", Some(30), None) => Kind::Steam,
                other => panic!("bad expected.toml entry {other:?}"),
            };
            let digits = if kind == Kind::Steam {
                assert_eq!(a.digits, 5);
                Digits::STEAM
            } else {
                Digits::new(a.digits).unwrap()
            };
            let account = Account {
                name: a.name.clone(),
                issuer: Some(a.issuer.clone()),
                secret: SecretKey::parse_base32(&a.secret).unwrap(),
                algorithm: a.algorithm.parse().unwrap(),
                digits,
                kind,
            };
            assert_eq!(account.label(), a.label);
            account
        })
        .collect()
}

/// Checks a test file's result against `expected.toml` and the published vectors.
pub fn assert_expected(imported: &Imported) {
    assert_eq!(imported.accounts, expected_accounts());
    let left_out: Vec<&str> = imported
        .unrepresentable
        .iter()
        .map(|u| u.label.as_str())
        .collect();
    let expected = expected();
    let want: Vec<&str> = expected
        .unrepresentable
        .iter()
        .map(|u| u.label.as_str())
        .collect();
    assert_eq!(left_out, want);
    assert!(imported.notes.is_empty(), "{:?}", imported.notes);
    assert_codes(&imported.accounts);
}

fn code_at(accounts: &[Account], label: &str, time: u64) -> String {
    let account = accounts
        .iter()
        .find(|a| a.label() == label)
        .unwrap_or_else(|| panic!("no account {label}"));
    account.code_at(time).code().as_str().to_owned()
}

/// The test accounts' codes at fixed times, from independent sources:
/// - alice (`JBSWY3DPEHPK3PXP`): `oathtool --totp -b JBSWY3DPEHPK3PXP --now=@T`;
/// - bob, carol: RFC 6238 Appendix B (SHA256 and SHA512 seeds). bob's 60 s step k
///   is the RFC's 30 s step k, so the RFC code for time t is bob's at 60 · (t / 30);
///   carol has 7 digits, the last 7 of the RFC's 8 (the code is a value mod 10^d);
/// - dave: RFC 4226 Appendix D, counter 5;
/// - erin (Steam Guard): the codes expected.toml lists, which make_encrypted.py
///   computed with tests/data/steam_guard.py.
pub fn assert_codes(accounts: &[Account]) {
    for (time, code) in [
        (59, "996554"),
        (1_111_111_109, "071271"),
        (1_234_567_890, "742275"),
    ] {
        assert_eq!(code_at(accounts, "GitHub:alice@example.com", time), code);
    }
    for (rfc_time, code) in [
        (59u64, "46119246"),
        (1_111_111_109, "68084774"),
        (1_234_567_890, "91819424"),
        (20_000_000_000, "77737706"),
    ] {
        let bob_time = rfc_time / 30 * 60;
        assert_eq!(code_at(accounts, "Example:bob", bob_time), code);
        assert_eq!(code_at(accounts, "Example:bob", bob_time + 59), code);
    }
    for (time, rfc_code) in [
        (59, "90693936"),
        (1_111_111_109, "25091201"),
        (1_234_567_890, "93441116"),
        (20_000_000_000, "47863826"),
    ] {
        assert_eq!(code_at(accounts, "Bank:carol", time), rfc_code[1..]);
    }
    assert_eq!(code_at(accounts, "VPN:dave", 0), "254676");
    let steam: Vec<ExpectedAccount> = expected()
        .account
        .into_iter()
        .filter(|a| a.kind == "steam")
        .collect();
    assert!(
        !steam.is_empty(),
        "expected.toml has no Steam Guard account"
    );
    for account in steam {
        assert!(!account.codes.is_empty(), "{} has no codes", account.label);
        for expected in &account.codes {
            assert_eq!(
                code_at(accounts, &account.label, expected.time),
                expected.code,
                "{} at {}",
                account.label,
                expected.time
            );
        }
    }
}

/// A password callback that answers `password` and counts its calls.
pub fn prompt<'a>(
    password: &'a str,
    calls: &'a Cell<usize>,
) -> impl FnMut(Format) -> Result<Zeroizing<String>, ImportError> + 'a {
    move |_format| {
        calls.set(calls.get() + 1);
        Ok(Zeroizing::new(password.to_owned()))
    }
}

/// A password callback for files that must not ask.
pub fn no_prompt(format: Format) -> Result<Zeroizing<String>, ImportError> {
    panic!("the {format} file asked for a password");
}

/// Accounts covering every parameter otp supports, for export → import round trips.
pub fn every_parameter() -> Vec<Account> {
    let secret = |text: &str| SecretKey::parse_base32(text).unwrap();
    let mut accounts = Vec::new();
    for (i, algorithm) in Algorithm::ALL.into_iter().enumerate() {
        for digits in [6, 7, 8] {
            accounts.push(Account {
                name: format!("user{i}{digits}@example.com"),
                issuer: Some(format!("Issuer {algorithm} “{digits}”")),
                secret: SecretKey::from_bytes(
                    (0..(10 + i * 11 + usize::from(digits)))
                        .map(|b| b as u8 ^ 0x5a)
                        .collect(),
                ),
                algorithm,
                digits: Digits::new(digits).unwrap(),
                kind: Kind::Totp {
                    period: Period::new([1, 30, 60, 86_400][usize::from(digits) % 4]).unwrap(),
                },
            });
        }
    }
    accounts.push(Account {
        name: "no issuer: a colon & \"quotes\"".into(),
        issuer: None,
        secret: secret("JBSWY3DPEHPK3PXP"),
        algorithm: Algorithm::Sha1,
        digits: Digits::SIX,
        kind: Kind::Hotp { counter: 0 },
    });
    accounts.push(Account {
        name: "한국어 계정".into(),
        issuer: Some("VPN".into()),
        secret: secret("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"),
        algorithm: Algorithm::Sha512,
        digits: Digits::new(8).unwrap(),
        kind: Kind::Hotp { counter: 1 << 62 },
    });
    accounts.push(Account {
        name: "gamer".into(),
        issuer: Some("Steam".into()),
        secret: secret("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"),
        algorithm: Algorithm::Sha1,
        digits: Digits::STEAM,
        kind: Kind::Steam,
    });
    accounts
}

/// `text` as JSON, changed by `change`, written back.
pub fn edit_json(text: &str, change: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut value: serde_json::Value = serde_json::from_str(text).unwrap();
    change(&mut value);
    serde_json::to_string(&value).unwrap()
}

/// Whether `result` says a file of `format` is malformed, mentioning `needle`.
pub fn is_malformed(result: &Result<Imported, ImportError>, format: Format, needle: &str) -> bool {
    matches!(result, Err(ImportError::Malformed { format: f, problem }) if *f == format && problem.to_string().contains(needle))
}

/// Checks the entries left out: `expected` labels in order, each reason mentioning
/// the expected words and never `secret_fragment`.
pub fn assert_left_out(imported: &Imported, expected: &[(&str, &str)], secret_fragment: &str) {
    let left: Vec<(&str, String)> = imported
        .unrepresentable
        .iter()
        .map(|u| (u.label.as_str(), u.reason.to_string()))
        .collect();
    assert_eq!(left.len(), expected.len(), "{left:?}");
    for ((label, reason), (want_label, want)) in left.iter().zip(expected) {
        let reason = reason.as_str();
        assert_eq!(label, want_label);
        assert!(reason.contains(want), "{reason}");
        assert!(!reason.contains(secret_fragment), "{reason}");
    }
}

/// Checks a file of three entries, `ok` (6 digits), `half` (6.5) and `text` (a
/// string): only `ok` is imported, the other two are left out for their digits, and
/// no reason quotes `secret_fragment` (a string there could be the secret).
pub fn assert_mistyped_digits_left_out(imported: &Imported, secret_fragment: &str) {
    use super::imported::{Field, Reason};
    assert_eq!(imported.accounts.len(), 1, "{imported:?}");
    assert_eq!(
        imported.left_out(),
        [
            (
                "half",
                &Reason::NotWholeNumber {
                    field: Field::Digits,
                    value: "6.5".into()
                }
            ),
            (
                "text",
                &Reason::NotANumber {
                    field: Field::Digits
                }
            ),
        ]
    );
    for entry in &imported.unrepresentable {
        assert!(!entry.reason.contains(secret_fragment), "{}", entry.reason);
    }
}
