//! Proton Authenticator's export, plain or with a password (proton-pass-common,
//! `proton-authenticator/src/entry/exporter.rs` and `password_exporter.rs`).
//!
//! ```text
//! { "version": 1,
//!   "entries": [{ "id": "…", "note": null | "…",
//!                 "content": { "uri": "otpauth://totp/…" | "steam://SECRET",
//!                              "entry_type": "Totp" | "Steam", "name": "…" } }] }
//! ```
//!
//! A `Totp` entry's link is read by [`super::uris::read_link`] and named by it (a
//! left-out entry without a label by its `name`). A Steam entry is a Steam Guard
//! account named by its `name` ([`steam`]); an entry of any other type is left out
//! with its type.
//!
//! With a password the file is `{"version": 1, "salt": base64 (16 bytes), "content":
//! base64 (nonce ‖ ciphertext ‖ tag)}`: the key is Argon2id v19 of the password (19
//! MiB, 2 passes, 1 lane, 32 bytes; fixed by the format, so a file cannot choose a
//! costly one), and the plain export is sealed with AES-256-GCM under a 12-byte
//! nonce and the associated data `proton.authenticator.export.v1`. GCM cannot tell
//! a wrong password from a damaged file: both are reported as a wrong password.

use aes_gcm::Aes256Gcm;
use aes_gcm::aead::{Aead, KeyInit, Payload};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde::Deserialize;
use zeroize::Zeroizing;

use super::entry;
use super::error::{ImportError, Problem};
use super::format::Format;
use super::imported::{Imported, Note, PasswordPrompt, Reason, Remark, Unrepresentable};
use crate::accounts::Account;
use crate::code::{Algorithm, Digits, Kind};
use crate::otpauth;

/// The export version otp reads.
const VERSION: i64 = 1;
const SALT_LEN: usize = 16;
const NONCE_LEN: usize = 12;
const TAG_LEN: usize = 16;
const KEY_LEN: usize = 32;
/// Argon2id memory (KiB), passes and lanes of Proton's password export.
const ARGON2_MEMORY_KIB: u32 = 19 * 1024;
const ARGON2_PASSES: u32 = 2;
const ARGON2_LANES: u32 = 1;
const AAD: &[u8] = b"proton.authenticator.export.v1";

/// Whether the JSON looks like a Proton Authenticator export: an object with a
/// `version` and an `entries` array, or with a `version`, a `salt` and a `content`
/// (and no `entries`).
pub fn looks_like(value: &serde_json::Value) -> bool {
    let Some(object) = value.as_object() else {
        return false;
    };
    let versioned = object.contains_key("version");
    let entries = object
        .get("entries")
        .and_then(serde_json::Value::as_array)
        .is_some_and(|entries| entries.iter().all(|entry| entry.get("content").is_some()));
    let sealed = object.get("salt").is_some_and(serde_json::Value::is_string)
        && object
            .get("content")
            .is_some_and(serde_json::Value::is_string)
        && !object.contains_key("entries");
    versioned && (entries || sealed)
}

/// The file, plain or sealed. No `Debug`: the entries hold secrets.
#[derive(Deserialize)]
struct ExportJson {
    version: serde_json::Value,
    #[serde(default)]
    entries: Option<Vec<EntryJson>>,
    #[serde(default)]
    salt: Option<String>,
    #[serde(default)]
    content: Option<String>,
}

#[derive(Deserialize)]
struct EntryJson {
    content: ContentJson,
}

#[derive(Deserialize)]
struct ContentJson {
    uri: Zeroizing<String>,
    entry_type: String,
    #[serde(default)]
    name: Option<String>,
}

/// Reads a Proton Authenticator export, asking `password` for the password only
/// when the file has one.
pub fn read(text: &str, password: &mut PasswordPrompt<'_>) -> Result<Imported, ImportError> {
    read_with(text, password, &mut derive_key)
}

/// How the key is derived from a password and a salt ([`derive_key`], except in
/// tests that read many damaged copies of a file).
type DeriveKey<'a> = dyn FnMut(&[u8], &[u8]) -> Option<Zeroizing<[u8; KEY_LEN]>> + 'a;

fn read_with(
    text: &str,
    password: &mut PasswordPrompt<'_>,
    derive: &mut DeriveKey<'_>,
) -> Result<Imported, ImportError> {
    let export = parse(text.as_bytes())?;
    if let Some(entries) = &export.entries {
        return Ok(convert(entries));
    }
    let plaintext = decrypt(&export, password, derive)?;
    let inner = parse(&plaintext)?;
    Ok(convert(inner.entries.as_deref().unwrap_or_default()))
}

/// The JSON, with its version checked.
fn parse(bytes: &[u8]) -> Result<ExportJson, ImportError> {
    let export: ExportJson =
        serde_json::from_slice(bytes).map_err(|error| ImportError::json(Format::Proton, &error))?;
    match export.version.as_i64() {
        Some(VERSION) => Ok(export),
        version => Err(ImportError::UnknownVersion {
            format: Format::Proton,
            // A version that is not a whole number is no version otp knows either.
            version: version.unwrap_or(-1),
            known: VERSION,
        }),
    }
}

fn malformed(problem: Problem) -> ImportError {
    ImportError::malformed(Format::Proton, problem)
}

fn derive_key(password: &[u8], salt: &[u8]) -> Option<Zeroizing<[u8; KEY_LEN]>> {
    let params = argon2::Params::new(
        ARGON2_MEMORY_KIB,
        ARGON2_PASSES,
        ARGON2_LANES,
        Some(KEY_LEN),
    )
    .ok()?;
    let mut key = Zeroizing::new([0u8; KEY_LEN]);
    argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
        .hash_password_into(password, salt, key.as_mut())
        .ok()?;
    Some(key)
}

/// The plain export inside a sealed one. Every check that needs no password comes
/// before the prompt.
fn decrypt(
    export: &ExportJson,
    password: &mut PasswordPrompt<'_>,
    derive: &mut DeriveKey<'_>,
) -> Result<Zeroizing<Vec<u8>>, ImportError> {
    let salt = export
        .salt
        .as_deref()
        .and_then(|salt| BASE64.decode(salt.trim()).ok())
        .filter(|salt| salt.len() == SALT_LEN)
        .ok_or_else(|| malformed(Problem::ProtonSalt))?;
    let content = export
        .content
        .as_deref()
        .and_then(|content| BASE64.decode(content.trim()).ok())
        .filter(|content| content.len() > NONCE_LEN + TAG_LEN)
        .ok_or_else(|| malformed(Problem::ProtonContent))?;
    let (nonce, sealed) = content.split_at(NONCE_LEN);

    let password = password(Format::Proton)?;
    let key = derive(password.as_bytes(), &salt).ok_or_else(|| malformed(Problem::ProtonSalt))?;
    let cipher =
        Aes256Gcm::new_from_slice(key.as_slice()).map_err(|_| malformed(Problem::ProtonSalt))?;
    cipher
        .decrypt(
            nonce.into(),
            Payload {
                msg: sealed,
                aad: AAD,
            },
        )
        .map(Zeroizing::new)
        .map_err(|_| ImportError::WrongPassword(Format::Proton))
}

/// The Steam Guard account of a Steam entry, whose link is `steam://SECRET`: the
/// one place Proton's Steam entries are decided. The key names no account: the
/// entry's name does, under the issuer Steam.
fn steam(uri: &str, name: &str, position: usize) -> Result<(Account, Vec<Remark>), Reason> {
    let secret = match otpauth::steam_key(uri) {
        Some(parsed) => parsed.map_err(Reason::SecretUnusable)?,
        None => {
            return Err(Reason::UnknownType {
                name: "Steam".to_owned(),
            });
        }
    };
    let named = entry::Entry {
        name,
        issuer: otpauth::STEAM_KEY_ISSUER,
        algorithm: Algorithm::Sha1,
        digits: Digits::STEAM,
        kind: Kind::Steam,
    };
    Ok((entry::account(named, secret, position), Vec::new()))
}

fn convert(entries: &[EntryJson]) -> Imported {
    let mut imported = Imported::default();
    for (position, entry) in entries.iter().enumerate() {
        let content = &entry.content;
        let name = content.name.as_deref().unwrap_or_default();
        let result = match content.entry_type.as_str() {
            "Totp" => super::uris::read_link(&content.uri).map(|(account, remarks)| {
                // The link names the account, cleaned as every format's names are.
                let named = entry::Entry {
                    name: &account.name,
                    issuer: account.issuer.as_deref().unwrap_or_default(),
                    algorithm: account.algorithm,
                    digits: account.digits,
                    kind: account.kind,
                };
                let built = entry::account(named, account.secret.clone(), position);
                (built, remarks)
            }),
            "Steam" => steam(&content.uri, name, position),
            other => Err(Reason::UnknownType {
                name: other.to_owned(),
            }),
        };
        match result {
            Ok((account, remarks)) => {
                imported.notes.extend(
                    remarks
                        .into_iter()
                        .map(|remark| Note::new(account.label(), remark)),
                );
                imported.accounts.push(account);
            }
            Err(why) => {
                let label = match content.entry_type.as_str() {
                    "Steam" => entry::label(name, "Steam", position),
                    _ => super::uris::link_label(&content.uri)
                        .unwrap_or_else(|| entry::label(name, "", position)),
                };
                imported
                    .unrepresentable
                    .push(Unrepresentable::new(label, why));
            }
        }
    }
    imported
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use std::cell::Cell;

    use super::*;
    use crate::transfer::fixtures::{PASSWORD, assert_codes, edit_json, no_prompt, prompt};

    const PLAIN: &str = include_str!("../../tests/data/import/proton.json");
    const ENCRYPTED: &str = include_str!("../../tests/data/import/proton-encrypted.json");

    fn labels(imported: &Imported) -> Vec<String> {
        imported.accounts.iter().map(Account::label).collect()
    }

    #[test]
    fn detects_both_files() {
        for text in [PLAIN, ENCRYPTED] {
            assert!(looks_like(&serde_json::from_str(text).unwrap()));
        }
        assert!(!looks_like(&serde_json::json!({"entries": []})));
        assert!(!looks_like(
            &serde_json::json!({"version": 1, "entries": [{}]})
        ));
    }

    #[test]
    fn reads_the_plain_export_without_asking() {
        let imported = read(PLAIN, &mut no_prompt).unwrap();
        assert_eq!(
            labels(&imported),
            crate::transfer::fixtures::TIME_BASED_LABELS
        );
        assert_eq!(imported.accounts[3].kind, Kind::Steam);
        assert!(imported.left_out().is_empty());
        assert!(imported.notes.is_empty());
    }

    #[test]
    fn reads_the_encrypted_export_and_asks_once() {
        let calls = Cell::new(0);
        let imported = read(ENCRYPTED, &mut prompt(PASSWORD, &calls)).unwrap();
        assert_eq!(calls.get(), 1);
        assert_eq!(
            labels(&imported),
            crate::transfer::fixtures::TIME_BASED_LABELS
        );
        let mut with_dave = imported.accounts.clone();
        with_dave.extend(
            crate::transfer::fixtures::expected_accounts()
                .into_iter()
                .filter(|account| account.name == "dave"),
        );
        assert_codes(&with_dave);
        let wrong = read(ENCRYPTED, &mut prompt("not it", &calls));
        assert_eq!(wrong, Err(ImportError::WrongPassword(Format::Proton)));
    }

    #[test]
    fn entries_otp_cannot_use_are_left_out_and_the_rest_is_read() {
        let text = edit_json(PLAIN, |v| {
            let entries = v["entries"].as_array_mut().unwrap();
            let mut bad = |uri: &str, kind: &str| {
                let mut entry = entries[0].clone();
                entry["content"]["uri"] = uri.into();
                entry["content"]["entry_type"] = kind.into();
                entries.push(entry);
            };
            bad(
                "otpauth://totp/Old:md5?secret=JBSWY3DPEHPK3PXP&algorithm=MD5",
                "Totp",
            );
            bad("otpauth://totp/Typo:x?secret=JBSWY3DPEHPK3PX1", "Totp");
            bad("otpauth://totp/Y:y?secret=JBSWY3DPEHPK3PXP", "Yandex");
        });
        let imported = read(&text, &mut no_prompt).unwrap();
        assert_eq!(
            imported.accounts.len(),
            crate::transfer::fixtures::TIME_BASED_LABELS.len()
        );
        let left: Vec<&str> = imported
            .unrepresentable
            .iter()
            .map(|entry| entry.label.as_str())
            .collect();
        assert_eq!(left, ["Old:md5", "Typo:x", "Y:y"]);
        for entry in &imported.unrepresentable {
            assert!(!entry.reason.contains("JBSWY3DP"), "{}", entry.reason);
        }
    }

    #[test]
    fn another_version_is_refused() {
        let text = edit_json(PLAIN, |v| v["version"] = 2.into());
        assert!(matches!(
            read(&text, &mut no_prompt),
            Err(ImportError::UnknownVersion { version: 2, .. })
        ));
    }

    #[test]
    fn bad_sealed_fields_are_reported_before_asking() {
        for (field, value, why) in [
            ("salt", "AAAA", "salt"),
            ("salt", "!!", "salt"),
            ("content", "AAAA", "content"),
            ("content", "not base64", "content"),
        ] {
            let text = edit_json(ENCRYPTED, |v| v[field] = value.into());
            let result = read(&text, &mut no_prompt);
            assert!(
                matches!(&result, Err(error) if error.to_string().contains(why)),
                "{field}={value}: {result:?}"
            );
        }
    }

    #[test]
    fn every_bit_flip_in_the_sealed_content_is_refused() {
        let export: serde_json::Value = serde_json::from_str(ENCRYPTED).unwrap();
        let salt = BASE64.decode(export["salt"].as_str().unwrap()).unwrap();
        let key = derive_key(PASSWORD.as_bytes(), &salt).unwrap();
        let mut derive = |_: &[u8], _: &[u8]| Some(key.clone());
        let content = BASE64.decode(export["content"].as_str().unwrap()).unwrap();
        for index in (0..content.len()).step_by(5) {
            let mut flipped = content.clone();
            flipped[index] ^= 0x04;
            let text = edit_json(ENCRYPTED, |v| v["content"] = BASE64.encode(&flipped).into());
            let result = read_with(&text, &mut prompt(PASSWORD, &Cell::new(0)), &mut derive);
            assert_eq!(
                result,
                Err(ImportError::WrongPassword(Format::Proton)),
                "flip at {index}"
            );
        }
    }
}
