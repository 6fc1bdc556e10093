//! Bitwarden's vault exports: the JSON export, unencrypted or password-protected,
//! and the CSV export ([`csv`]).
//!
//! The unencrypted JSON export (bitwarden/clients, the vault export service and
//! `CipherWithIdExport`):
//!
//! ```text
//! { "encrypted": false, "folders": [...] (or "collections": [...]),
//!   "items": [{ "type": 1, "name": "GitHub", "notes": ...,
//!               "login": { "username": "alice@example.com", "password": ...,
//!                          "uris": [...], "totp": "otpauth://..." | "steam://..." | "BASE32" } },
//!             { "type": 2, "secureNote": ... }, { "type": 3, "card": ... }, ...] }
//! ```
//!
//! Each item's TOTP key is read by [`key`]; an item without one (a login without
//! TOTP, a note, a card, an identity) is no account and is only counted. A
//! password-protected export (`"encrypted": true, "passwordProtected": true`) holds
//! the unencrypted export in its encrypted `data` ([`sealed`]). An
//! account-restricted export (`"encrypted": true` without `passwordProtected`) is
//! encrypted with the Bitwarden account's own key, which otp cannot have: it is
//! refused, saying how to export a file otp can read.

pub mod csv;
mod key;
mod sealed;

use serde::Deserialize;
use zeroize::Zeroizing;

use super::error::{ImportError, Problem};
use super::format::Format;
use super::imported::{Imported, PasswordPrompt};
use sealed::{DeriveKeys, Protected, derive_keys};

/// Whether the JSON looks like a Bitwarden export: an object with an `items` array
/// and an `encrypted` flag (or `folders`/`collections`), or an encrypted one
/// (`"encrypted": true` with `passwordProtected` or `encKeyValidation_DO_NOT_EDIT`).
pub fn looks_like(value: &serde_json::Value) -> bool {
    let Some(object) = value.as_object() else {
        return false;
    };
    let has_items = object.get("items").is_some_and(serde_json::Value::is_array);
    let flagged = object
        .get("encrypted")
        .is_some_and(serde_json::Value::is_boolean);
    let grouped = object.contains_key("folders") || object.contains_key("collections");
    let sealed = object.get("encrypted") == Some(&serde_json::Value::Bool(true))
        && (object.contains_key("passwordProtected")
            || object.contains_key("encKeyValidation_DO_NOT_EDIT"));
    (has_items && (flagged || grouped)) || sealed
}

/// The export as the file gives it. No `Debug`: the items hold secrets.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ExportJson {
    #[serde(default)]
    encrypted: Option<bool>,
    #[serde(default)]
    password_protected: Option<bool>,
    #[serde(default)]
    items: Option<Vec<ItemJson>>,
    #[serde(default)]
    salt: Option<String>,
    #[serde(default)]
    kdf_type: Option<serde_json::Value>,
    #[serde(default)]
    kdf_iterations: Option<serde_json::Value>,
    #[serde(default)]
    kdf_memory: Option<serde_json::Value>,
    #[serde(default)]
    kdf_parallelism: Option<serde_json::Value>,
    #[serde(default, rename = "encKeyValidation_DO_NOT_EDIT")]
    validation: Option<String>,
    #[serde(default)]
    data: Option<String>,
}

/// One item: its name and, for a login, the username and TOTP key.
#[derive(Deserialize)]
struct ItemJson {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    login: Option<LoginJson>,
}

#[derive(Deserialize)]
struct LoginJson {
    #[serde(default)]
    username: Option<String>,
    #[serde(default)]
    totp: Option<Zeroizing<String>>,
}

/// Reads a Bitwarden JSON export, asking `password` for the password only when the
/// export is password-protected.
pub fn read(text: &str, password: &mut PasswordPrompt<'_>) -> Result<Imported, ImportError> {
    read_with(text, password, &mut derive_keys)
}

fn read_with(
    text: &str,
    password: &mut PasswordPrompt<'_>,
    derive: &mut DeriveKeys<'_>,
) -> Result<Imported, ImportError> {
    let export: ExportJson =
        serde_json::from_str(text).map_err(|error| ImportError::json(Format::Bitwarden, &error))?;
    if export.encrypted != Some(true) {
        return Ok(convert(export.items.as_deref().unwrap_or_default()));
    }
    if export.password_protected != Some(true) {
        return Err(ImportError::malformed(
            Format::Bitwarden,
            Problem::BitwardenAccountRestricted,
        ));
    }
    let protected = Protected {
        salt: export.salt.as_deref(),
        kdf_type: export.kdf_type.as_ref(),
        iterations: export.kdf_iterations.as_ref(),
        memory: export.kdf_memory.as_ref(),
        parallelism: export.kdf_parallelism.as_ref(),
        validation: export.validation.as_deref(),
        data: export.data.as_deref(),
    };
    let plaintext = sealed::decrypt(&protected, password, derive)?;
    let inner: ExportJson = serde_json::from_slice(&plaintext)
        .map_err(|error| ImportError::json(Format::Bitwarden, &error))?;
    if inner.encrypted == Some(true) {
        // Fields encrypted again, with the account's key: nothing otp can open.
        return Err(ImportError::malformed(
            Format::Bitwarden,
            Problem::BitwardenAccountRestricted,
        ));
    }
    Ok(convert(inner.items.as_deref().unwrap_or_default()))
}

fn convert(items: &[ItemJson]) -> Imported {
    let mut imported = Imported::default();
    for (position, item) in items.iter().enumerate() {
        let login = item.login.as_ref();
        let names = key::Item {
            name: item.name.as_deref().unwrap_or_default(),
            username: login
                .and_then(|login| login.username.as_deref())
                .unwrap_or_default(),
        };
        let totp = login.and_then(|login| login.totp.as_deref().map(String::as_str));
        key::add(&mut imported, &names, totp, position);
    }
    imported
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use std::cell::Cell;

    use super::*;
    use crate::transfer::fixtures::{PASSWORD, assert_codes, edit_json, no_prompt, prompt};

    const PLAIN: &str = include_str!("../../../tests/data/import/bitwarden.json");
    const PBKDF2: &str = include_str!("../../../tests/data/import/bitwarden-encrypted.json");
    const ARGON2: &str = include_str!("../../../tests/data/import/bitwarden-encrypted-argon2.json");

    fn labels(imported: &Imported) -> Vec<String> {
        imported
            .accounts
            .iter()
            .map(crate::accounts::Account::label)
            .collect()
    }

    #[test]
    fn detects_every_kind_of_export() {
        for text in [PLAIN, PBKDF2, ARGON2] {
            assert!(looks_like(&serde_json::from_str(text).unwrap()));
        }
        assert!(!looks_like(&serde_json::json!({"items": []})));
        assert!(!looks_like(&serde_json::json!({"encrypted": true})));
        assert!(looks_like(
            &serde_json::json!({"encrypted": true, "encKeyValidation_DO_NOT_EDIT": "2.x"})
        ));
    }

    #[test]
    fn reads_the_plain_export_and_counts_the_items_without_a_key() {
        let imported = read(PLAIN, &mut no_prompt).unwrap();
        assert_eq!(labels(&imported), crate::transfer::fixtures::LABELS);
        assert_eq!(imported.without_code, 4);
        assert!(imported.unrepresentable.is_empty());
        assert_codes(&imported.accounts);
    }

    #[test]
    fn reads_both_password_protected_exports_and_asks_once() {
        for text in [PBKDF2, ARGON2] {
            let calls = Cell::new(0);
            let imported = read(text, &mut prompt(PASSWORD, &calls)).unwrap();
            assert_eq!(calls.get(), 1);
            assert_eq!(labels(&imported), crate::transfer::fixtures::LABELS);
            assert_eq!(imported.without_code, 1);
            assert_codes(&imported.accounts);
        }
    }

    /// Deriving the fixture's keys once stands for the password in the tests that
    /// change the file (Argon2 and PBKDF2 run for each read otherwise).
    fn fixture_keys(
        text: &str,
    ) -> impl FnMut(&[u8], &str, sealed::Kdf) -> Result<sealed::Keys, ImportError> {
        let salt: serde_json::Value = serde_json::from_str(text).unwrap();
        let salt = salt["salt"].as_str().unwrap_or_default().to_owned();
        move |password: &[u8], given: &str, kdf| {
            if password == PASSWORD.as_bytes() && given == salt {
                derive_keys(password, given, kdf)
            } else {
                derive_keys(
                    b"a different password",
                    "a different salt",
                    sealed::Kdf::Pbkdf2 { iterations: 5000 },
                )
            }
        }
    }

    #[test]
    fn a_wrong_password_and_damaged_data_are_told_apart() {
        let calls = Cell::new(0);
        let mut derive = fixture_keys(PBKDF2);
        let wrong = read_with(PBKDF2, &mut prompt("not it", &calls), &mut derive);
        assert_eq!(wrong, Err(ImportError::WrongPassword(Format::Bitwarden)));
        let damaged = edit_json(PBKDF2, |v| {
            let data = v["data"].as_str().unwrap().to_owned();
            let (head, tail) = data.split_at(30);
            let flipped = if tail.starts_with('A') { 'B' } else { 'A' };
            v["data"] = format!("{head}{flipped}{}", &tail[1..]).into();
        });
        let result = read_with(&damaged, &mut prompt(PASSWORD, &calls), &mut derive);
        assert!(
            matches!(
                &result,
                Err(ImportError::Malformed {
                    problem: Problem::BitwardenDataDamaged,
                    ..
                })
            ),
            "{result:?}"
        );
        assert!(result.unwrap_err().to_string().contains("damaged"));
    }

    #[test]
    fn an_account_restricted_export_is_refused_with_what_to_do() {
        let restricted = edit_json(PBKDF2, |v| {
            v.as_object_mut().unwrap().remove("passwordProtected");
        });
        let error = read(&restricted, &mut no_prompt).unwrap_err();
        assert_eq!(
            error,
            ImportError::malformed(Format::Bitwarden, Problem::BitwardenAccountRestricted)
        );
        assert!(error.to_string().contains("Password protected"), "{error}");
    }

    #[test]
    fn bad_encryption_fields_are_reported_before_asking() {
        for (field, value, why) in [
            ("data", serde_json::json!("2.AAAA"), "type 2"),
            (
                "encKeyValidation_DO_NOT_EDIT",
                serde_json::json!(null),
                "type 2",
            ),
            ("salt", serde_json::json!(""), "salt is empty"),
            ("kdfType", serde_json::json!(7), "kdfType is 7"),
            (
                "kdfIterations",
                serde_json::json!(100),
                "kdfIterations is 100",
            ),
            (
                "kdfIterations",
                serde_json::json!(null),
                "kdfIterations is missing",
            ),
        ] {
            let text = edit_json(PBKDF2, |v| v[field] = value.clone());
            let result = read(&text, &mut no_prompt);
            assert!(
                matches!(&result, Err(error) if error.to_string().contains(why)),
                "{field}={value}: {result:?}"
            );
        }
    }

    #[test]
    fn every_truncation_is_an_error() {
        for text in [PLAIN, PBKDF2] {
            let calls = Cell::new(0);
            let mut derive = fixture_keys(text);
            for cut in (0..text.trim_end().len()).step_by(7) {
                let result = read_with(&text[..cut], &mut prompt(PASSWORD, &calls), &mut derive);
                assert!(
                    matches!(result, Err(ImportError::Malformed { .. })),
                    "cut at {cut}: {result:?}"
                );
            }
        }
    }
}
