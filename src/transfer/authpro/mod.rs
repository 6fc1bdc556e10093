//! Authenticator Pro's backups (jamie-mh/AuthenticatorPro, `doc/BACKUP_FORMAT.md`),
//! which Stratum, its renamed successor (stratumauth/app), writes the same way:
//! plain JSON, or that JSON encrypted with a password ([`sealed`]).
//!
//! ```text
//! { "Authenticators": [{ "Type": 2, "Icon": "google", "Issuer": "Google",
//!                        "Username": "alice@gmail.com" | null, "Secret": "BASE32",
//!                        "Pin": null, "Algorithm": 0, "Digits": 6, "Period": 30,
//!                        "Counter": 0, "Ranking": 0, "CopyCount": 10 }],
//!   "Categories": [...], "AuthenticatorCategories": [...], "CustomIcons": [...] }
//! ```
//!
//! - `Type` is 1 (HOTP), 2 (TOTP), 3 (mOTP), 4 (Steam) or 5 (Yandex); a Steam entry
//!   is a Steam Guard account ([`steam`]); mOTP and Yandex entries are left out with
//!   their reason, and another number with it.
//! - `Algorithm` is 0 (SHA-1), 1 (SHA-256) or 2 (SHA-512); `Digits` 6 to 10 (otp
//!   makes 6 to 8: an entry of 9 or 10 digits is left out); `Period` belongs to TOTP,
//!   `Counter` to HOTP, where it is the counter of the code the app shows.
//! - `Issuer` names the account's issuer and `Username` (which may be null) the
//!   account.
//! - The app writes every field of an entry: one without a field that decides its
//!   codes is left out with the field named rather than guessed (as for andOTP).
//! - Icons, rankings, copy counts, categories and custom icons are not kept.

mod sealed;

use serde::Deserialize;
use zeroize::Zeroizing;

use super::entry::{Entry, required_digits, required_kind, whole_number};
use super::error::{ImportError, Problem};
use super::format::Format;
use super::imported::{Field, Imported, PasswordPrompt, Reason, Scheme, Unrepresentable};
use crate::accounts::Account;
use crate::code::Algorithm;
use crate::secret::SecretKey;

/// Whether the JSON looks like a plain Authenticator Pro backup: an object with an
/// `Authenticators` array (the test Authenticator Pro itself makes).
pub fn looks_like(value: &serde_json::Value) -> bool {
    value
        .get("Authenticators")
        .is_some_and(serde_json::Value::is_array)
}

/// Whether the bytes start with the header of an encrypted backup (either layout).
pub fn is_encrypted(bytes: &[u8]) -> bool {
    sealed::Layout::of(bytes).is_some()
}

/// The backup. No `Debug`: the entries hold secrets.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct BackupJson {
    authenticators: Vec<AuthenticatorJson>,
}

/// One entry as the file states it; numbers are JSON values, so that one entry of
/// the wrong shape is left out with its reason instead of refusing the file.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct AuthenticatorJson {
    #[serde(default, rename = "Type")]
    kind: Option<serde_json::Value>,
    #[serde(default)]
    issuer: Option<String>,
    #[serde(default)]
    username: Option<String>,
    #[serde(default)]
    secret: Option<Zeroizing<String>>,
    #[serde(default)]
    algorithm: Option<serde_json::Value>,
    #[serde(default)]
    digits: Option<serde_json::Value>,
    #[serde(default)]
    period: Option<serde_json::Value>,
    #[serde(default)]
    counter: Option<serde_json::Value>,
}

/// Reads a backup, plain or encrypted, asking `password` for the password only
/// when the backup is encrypted.
pub fn read(bytes: &[u8], password: &mut PasswordPrompt<'_>) -> Result<Imported, ImportError> {
    read_with(bytes, password, &mut sealed::derive_key)
}

fn read_with(
    bytes: &[u8],
    password: &mut PasswordPrompt<'_>,
    derive: &mut sealed::DeriveKey<'_>,
) -> Result<Imported, ImportError> {
    if let Some(layout) = sealed::Layout::of(bytes) {
        let opened = sealed::open(layout, bytes, password, derive)?;
        return parse(opened.json()).map_err(|error| opened.explain(error));
    }
    parse(bytes)
}

/// Reads the backup's JSON (after a byte-order mark, if a text editor added one).
/// All of it must be UTF-8, the parts otp skips too: a damaged legacy backup can
/// garble any of them.
fn parse(json: &[u8]) -> Result<Imported, ImportError> {
    let text = std::str::from_utf8(json)
        .map_err(|_| ImportError::malformed(Format::AuthPro, Problem::NotUtf8))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let backup: BackupJson =
        serde_json::from_str(text).map_err(|error| ImportError::json(Format::AuthPro, &error))?;
    Ok(convert(&backup.authenticators))
}

fn convert(entries: &[AuthenticatorJson]) -> Imported {
    let mut imported = Imported::default();
    for (position, entry) in entries.iter().enumerate() {
        let name = entry.username.as_deref().unwrap_or_default();
        let issuer = entry.issuer.as_deref().unwrap_or_default();
        match account(entry, name, issuer, position) {
            Ok(account) => imported.accounts.push(account),
            Err(reason) => imported.unrepresentable.push(Unrepresentable::new(
                super::entry::label(name, issuer, position),
                reason,
            )),
        }
    }
    imported
}

/// The Steam Guard account of a Steam entry (`Type` 4): the one place Authenticator
/// Pro's Steam entries are decided. The app writes them with `Algorithm` 0, 5
/// digits and 30 seconds; an entry that says otherwise is left out rather than
/// guessed at ([`super::entry::steam`]).
fn steam(
    entry: &AuthenticatorJson,
    name: &str,
    issuer: &str,
    position: usize,
) -> Result<Account, Reason> {
    if let Some(number) = &entry.algorithm
        && whole_number(number, Field::Algorithm)? != 0
    {
        return Err(Reason::SteamParameters(Field::Algorithm));
    }
    let (algorithm, digits, kind) =
        super::entry::steam(None, entry.digits.as_ref(), entry.period.as_ref())?;
    let secret = entry.secret.as_deref().ok_or(Reason::NoSecret)?;
    let secret = SecretKey::parse_base32(secret).map_err(Reason::SecretUnusable)?;
    let named = Entry {
        name,
        issuer,
        algorithm,
        digits,
        kind,
    };
    Ok(super::entry::account(named, secret, position))
}

/// The kinds of code an entry's `Type` names that otp can make, or decide on.
enum CodeType {
    Hotp,
    Totp,
    Steam,
}

/// `Type`: 1, 2 or 4, or why otp does not make the entry's codes.
fn code_type(kind: &serde_json::Value) -> Result<CodeType, Reason> {
    match whole_number(kind, Field::Type)? {
        1 => Ok(CodeType::Hotp),
        2 => Ok(CodeType::Totp),
        3 => Err(Reason::Unsupported(Scheme::Motp)),
        4 => Ok(CodeType::Steam),
        5 => Err(Reason::Unsupported(Scheme::Yandex)),
        other => Err(match i32::try_from(other) {
            Ok(number) => Reason::UnknownTypeNumber(number),
            Err(_) => Reason::NotWholeNumber {
                field: Field::Type,
                value: other.to_string(),
            },
        }),
    }
}

/// `Algorithm`: 0, 1 or 2.
fn algorithm(value: &serde_json::Value) -> Result<Algorithm, Reason> {
    match whole_number(value, Field::Algorithm)? {
        0 => Ok(Algorithm::Sha1),
        1 => Ok(Algorithm::Sha256),
        2 => Ok(Algorithm::Sha512),
        other => Err(match i32::try_from(other) {
            Ok(number) => Reason::UnknownAlgorithmNumber(number),
            Err(_) => Reason::NotWholeNumber {
                field: Field::Algorithm,
                value: other.to_string(),
            },
        }),
    }
}

/// The account an entry gives, or why it gives none.
fn account(
    entry: &AuthenticatorJson,
    name: &str,
    issuer: &str,
    position: usize,
) -> Result<Account, Reason> {
    let totp = match code_type(entry.kind.as_ref().ok_or(Reason::Missing(Field::Type))?)? {
        CodeType::Hotp => false,
        CodeType::Totp => true,
        CodeType::Steam => return steam(entry, name, issuer, position),
    };
    let algorithm = algorithm(
        entry
            .algorithm
            .as_ref()
            .ok_or(Reason::Missing(Field::Algorithm))?,
    )?;
    let digits = required_digits(entry.digits.as_ref())?;
    let kind = required_kind(totp, entry.period.as_ref(), entry.counter.as_ref())?;
    let secret = entry.secret.as_deref().ok_or(Reason::NoSecret)?;
    let secret = SecretKey::parse_base32(secret).map_err(Reason::SecretUnusable)?;
    let named = Entry {
        name,
        issuer,
        algorithm,
        digits,
        kind,
    };
    Ok(super::entry::account(named, secret, position))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use crate::code::Kind;
    use crate::transfer::fixtures::{assert_codes, edit_json, no_prompt};

    const PLAIN: &str = include_str!("../../../tests/data/import/authpro-plain.authpro");

    fn labels(imported: &Imported) -> Vec<String> {
        imported.accounts.iter().map(Account::label).collect()
    }

    #[test]
    fn detects_the_plain_backup_by_its_authenticators() {
        assert!(looks_like(&serde_json::from_str(PLAIN).unwrap()));
        assert!(!is_encrypted(PLAIN.as_bytes()));
        for no in [
            serde_json::json!({"authenticators": []}),
            serde_json::json!({"Authenticators": {}}),
            serde_json::json!([{"Authenticators": []}]),
        ] {
            assert!(!looks_like(&no), "{no}");
        }
    }

    #[test]
    fn reads_the_plain_backup_without_asking() {
        let imported = read(PLAIN.as_bytes(), &mut no_prompt).unwrap();
        assert_eq!(labels(&imported), crate::transfer::fixtures::LABELS);
        assert!(imported.left_out().is_empty());
        assert_eq!(imported.accounts[4].kind, Kind::Steam);
        assert!(imported.notes.is_empty());
        assert_eq!(imported.accounts[3].kind, Kind::Hotp { counter: 5 });
        assert_codes(&imported.accounts);
    }

    /// One entry never sinks the backup: every type, algorithm and parameter otp
    /// cannot make leaves only its entry out, named, with its reason.
    #[test]
    fn entries_otp_cannot_make_are_left_out_with_their_reasons() {
        let text = edit_json(PLAIN, |v| {
            let entries = v["Authenticators"].as_array_mut().unwrap();
            let first = entries[0].clone();
            let mut bad = |name: &str, field: &str, value: serde_json::Value| {
                let mut entry = first.clone();
                entry["Username"] = name.into();
                match value {
                    serde_json::Value::Null => {
                        entry.as_object_mut().unwrap().remove(field);
                    }
                    value => entry[field] = value,
                }
                entries.push(entry);
            };
            bad("motp", "Type", 3.into());
            bad("yandex", "Type", 5.into());
            bad("nine", "Type", 9.into());
            bad("huge", "Type", (1u64 << 40).into());
            bad("algorithm", "Algorithm", 3.into());
            bad("ten", "Digits", 10.into());
            bad("five", "Digits", 5.into());
            bad("zero", "Period", 0.into());
            bad("half", "Period", 30.5.into());
            bad("typo", "Secret", "JBSWY3DPEHPK3PX1".into());
            bad("nosecret", "Secret", serde_json::Value::Null);
            bad("notype", "Type", serde_json::Value::Null);
            bad("noalgorithm", "Algorithm", serde_json::Value::Null);
            bad("nodigits", "Digits", serde_json::Value::Null);
            bad("noperiod", "Period", serde_json::Value::Null);
        });
        let imported = read(text.as_bytes(), &mut no_prompt).unwrap();
        assert_eq!(labels(&imported), crate::transfer::fixtures::LABELS);
        let left = imported.left_out();
        let labels: Vec<&str> = left.iter().map(|(label, _)| *label).collect();
        assert_eq!(
            labels,
            [
                "GitHub:motp",
                "GitHub:yandex",
                "GitHub:nine",
                "GitHub:huge",
                "GitHub:algorithm",
                "GitHub:ten",
                "GitHub:five",
                "GitHub:zero",
                "GitHub:half",
                "GitHub:typo",
                "GitHub:nosecret",
                "GitHub:notype",
                "GitHub:noalgorithm",
                "GitHub:nodigits",
                "GitHub:noperiod",
            ]
        );
        assert_eq!(left[0].1, &Reason::Unsupported(Scheme::Motp));
        assert_eq!(left[1].1, &Reason::Unsupported(Scheme::Yandex));
        assert_eq!(left[2].1, &Reason::UnknownTypeNumber(9));
        assert!(matches!(left[3].1, Reason::NotWholeNumber { .. }));
        assert_eq!(left[4].1, &Reason::UnknownAlgorithmNumber(3));
        assert!(matches!(left[5].1, Reason::Param(_)));
        assert!(matches!(left[6].1, Reason::Param(_)));
        assert!(matches!(left[7].1, Reason::Param(_)));
        assert!(matches!(left[8].1, Reason::NotWholeNumber { .. }));
        assert!(matches!(left[9].1, Reason::SecretUnusable(_)));
        assert_eq!(left[10].1, &Reason::NoSecret);
        assert_eq!(left[11].1, &Reason::Missing(Field::Type));
        assert_eq!(left[12].1, &Reason::Missing(Field::Algorithm));
        assert_eq!(left[13].1, &Reason::Missing(Field::Digits));
        assert_eq!(left[14].1, &Reason::Missing(Field::Period));
        for entry in &imported.unrepresentable {
            assert!(!entry.reason.contains("JBSWY3DP"), "{}", entry.reason);
        }
    }

    /// A HOTP entry needs its counter, a TOTP entry does not; a username may be null
    /// (the account is then named after its issuer).
    #[test]
    fn a_hotp_entry_without_a_counter_is_left_out_and_a_null_username_is_the_issuer() {
        let text = edit_json(PLAIN, |v| {
            let entries = v["Authenticators"].as_array_mut().unwrap();
            entries[0]["Username"] = serde_json::Value::Null;
            entries[0].as_object_mut().unwrap().remove("Counter");
            entries[3].as_object_mut().unwrap().remove("Counter");
        });
        let imported = read(text.as_bytes(), &mut no_prompt).unwrap();
        let mut want = crate::transfer::fixtures::LABELS.to_vec();
        want[0] = "GitHub:GitHub";
        want.retain(|label| *label != "VPN:dave");
        assert_eq!(labels(&imported), want);
        assert_eq!(imported.left_out(), [("VPN:dave", &Reason::NoCounter)]);
    }

    #[test]
    fn every_truncation_is_an_error_that_quotes_no_secret() {
        let text = PLAIN.trim_end();
        for cut in 0..text.len() {
            let result = read(&text.as_bytes()[..cut], &mut no_prompt);
            match result {
                Err(ImportError::Malformed {
                    format: Format::AuthPro,
                    problem,
                }) => assert!(!problem.to_string().contains("JBSWY3DP"), "{problem}"),
                other => panic!("cut at {cut}: {other:?}"),
            }
        }
    }

    /// The encrypted backups, both layouts.
    mod encrypted {
        use std::cell::Cell;

        use zeroize::Zeroizing;

        use super::super::sealed::{BLOCK, KEY_LEN, Layout, TAG_LEN, derive_key};
        use super::super::{read, read_with};
        use super::*;
        use crate::transfer::Problem;
        use crate::transfer::fixtures::{PASSWORD, prompt};

        const CURRENT: &[u8] =
            include_bytes!("../../../tests/data/import/authpro-encrypted.authpro");
        const LEGACY: &[u8] =
            include_bytes!("../../../tests/data/import/authpro-encrypted-legacy.authpro");

        /// The fixture's key, derived once (Argon2 takes 64 MiB a run), for the right
        /// password; another key for any other.
        fn fixture_key(
            bytes: &[u8],
        ) -> impl FnMut(Layout, &[u8], &[u8]) -> Option<Zeroizing<[u8; 32]>> {
            let layout = Layout::of(bytes).unwrap();
            let header = layout.header().len();
            let salt = &bytes[header..header + layout.salt_len()];
            let right = derive_key(layout, PASSWORD.as_bytes(), salt).unwrap();
            move |_, password: &[u8], _| {
                Some(if password == PASSWORD.as_bytes() {
                    right.clone()
                } else {
                    Zeroizing::new([0x5a; KEY_LEN])
                })
            }
        }

        fn labels(bytes: &[u8], password: &str) -> Result<Vec<String>, ImportError> {
            let calls = Cell::new(0);
            let imported = read_with(
                bytes,
                &mut prompt(password, &calls),
                &mut fixture_key(bytes),
            )?;
            assert_eq!(calls.get(), 1);
            assert_codes(&imported.accounts);
            Ok(imported.accounts.iter().map(|a| a.label()).collect())
        }

        #[test]
        fn reads_both_layouts_with_the_real_key_derivation() {
            for bytes in [CURRENT, LEGACY] {
                let calls = Cell::new(0);
                let imported = read(bytes, &mut prompt(PASSWORD, &calls)).unwrap();
                assert_eq!(calls.get(), 1);
                assert_eq!(
                    imported.accounts.len(),
                    crate::transfer::fixtures::LABELS.len()
                );
                assert!(imported.unrepresentable.is_empty());
                assert_codes(&imported.accounts);
            }
        }

        #[test]
        fn a_wrong_password_is_a_wrong_password_in_both_layouts() {
            for bytes in [CURRENT, LEGACY] {
                assert_eq!(
                    labels(bytes, PASSWORD).unwrap().len(),
                    crate::transfer::fixtures::LABELS.len()
                );
                assert_eq!(
                    labels(bytes, "not it"),
                    Err(ImportError::WrongPassword(Format::AuthPro))
                );
            }
        }

        /// Every byte of the iv or the ciphertext flipped: the current layout's tag
        /// fails (a wrong password, as GCM cannot tell), the legacy layout says the file
        /// is damaged; never a silent import. A flipped salt byte changes the key: a wrong
        /// password in both.
        #[test]
        fn every_flipped_byte_is_refused_and_the_legacy_layout_says_damaged() {
            for bytes in [CURRENT, LEGACY] {
                let layout = Layout::of(bytes).unwrap();
                let salt_end = layout.header().len() + layout.salt_len();
                let mut derive = fixture_key(bytes);
                for index in salt_end..bytes.len() {
                    let mut flipped = bytes.to_vec();
                    flipped[index] ^= 0x01;
                    let result =
                        read_with(&flipped, &mut prompt(PASSWORD, &Cell::new(0)), &mut derive);
                    let expected = match layout {
                        Layout::Current => ImportError::WrongPassword(Format::AuthPro),
                        Layout::Legacy => {
                            ImportError::malformed(Format::AuthPro, Problem::AuthProDamaged)
                        }
                    };
                    assert_eq!(result, Err(expected), "{layout:?}, flip at {index}");
                }
                let mut salt_flipped = bytes.to_vec();
                salt_flipped[salt_end - 1] ^= 0x01;
                let result = read(&salt_flipped, &mut prompt(PASSWORD, &Cell::new(0)));
                assert_eq!(result, Err(ImportError::WrongPassword(Format::AuthPro)));
            }
        }

        /// A file cut short: refused before the prompt unless what is left could be
        /// whole (a tag's worth, or whole blocks); then the tag fails (a wrong password)
        /// or the legacy plaintext is the start of a backup (damaged).
        #[test]
        fn a_file_cut_short_is_refused_and_said_so_before_asking() {
            for bytes in [CURRENT, LEGACY] {
                let layout = Layout::of(bytes).unwrap();
                let least = layout.header().len() + layout.salt_len() + layout.iv_len();
                let mut derive = fixture_key(bytes);
                for cut in layout.header().len()..bytes.len() {
                    let calls = Cell::new(0);
                    let result =
                        read_with(&bytes[..cut], &mut prompt(PASSWORD, &calls), &mut derive);
                    let (expected, asked) = match layout {
                        Layout::Current if cut >= least + TAG_LEN => {
                            (ImportError::WrongPassword(Format::AuthPro), 1)
                        }
                        Layout::Legacy if cut > least && (cut - least).is_multiple_of(BLOCK) => (
                            ImportError::malformed(Format::AuthPro, Problem::AuthProDamaged),
                            1,
                        ),
                        _ => (
                            ImportError::malformed(Format::AuthPro, Problem::AuthProCutShort),
                            0,
                        ),
                    };
                    assert_eq!(result, Err(expected), "{layout:?} cut at {cut}");
                    assert_eq!(calls.get(), asked, "{layout:?} cut at {cut}");
                }
            }
        }
    }
}
