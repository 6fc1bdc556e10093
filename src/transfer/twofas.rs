//! 2FAS Authenticator backups (`.2fas` files), plain or password-encrypted.
//!
//! ```text
//! { "services": [service, ...], "groups": [...], "schemaVersion": 4,
//!   "appVersionCode": ..., "appOrigin": "android" | "ios",
//!   "servicesEncrypted": "<b64 ciphertext+tag>:<b64 salt>:<b64 iv>",   (encrypted only)
//!   "reference": "<same layout>" }                                      (encrypted only)
//! ```
//!
//! A service is `{"name", "secret": base32, "otp": {"account", "label", "issuer",
//! "digits", "period", "algorithm", "counter", "tokenType": "TOTP"|"HOTP"|"STEAM"}}`;
//! older schema versions leave out fields, which then take 2FAS's defaults. A
//! `STEAM` service is a Steam Guard account (SHA1, 5 digits, 30 seconds; a service
//! that says otherwise is left out, as its codes would differ).
//!
//! Encryption (2fas-android's backup cipher): the key is PBKDF2-HMAC-SHA256 of the
//! password, 10 000 iterations, 256 bits; AES-256-GCM with the 12-byte iv, the 16-byte
//! tag at the end of the ciphertext. `servicesEncrypted` holds the services array as
//! JSON; `reference` encrypts a fixed text with the same key, which tells a wrong
//! password from damaged services.

use aes_gcm::Aes256Gcm;
use aes_gcm::aead::generic_array::GenericArray;
use aes_gcm::aead::{AeadInPlace, KeyInit};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde::Deserialize;
use sha2::Sha256;
use zeroize::Zeroizing;

use super::entry::{Entry, account, json_digits, json_period, steam, whole_number};
use super::error::{ImportError, Problem, SealedPart, TwoFasField};
use super::format::Format;
use super::imported::{Field, Imported, Note, PasswordPrompt, Reason, Remark, Unrepresentable};
use crate::accounts::Account;
use crate::code::{Algorithm, Digits, Kind, Period};
use crate::secret::SecretKey;

const PBKDF2_ITERATIONS: u32 = 10_000;
const KEY_LEN: usize = 32;
const IV_LEN: usize = 12;
const TAG_LEN: usize = 16;
/// 2FAS writes 256-byte salts; anything far larger is not a 2FAS file.
const MAX_SALT_LEN: usize = 4096;

/// Whether the JSON looks like a 2FAS backup: an object with a `services` array and
/// `schemaVersion` or `servicesEncrypted`.
pub fn looks_like(value: &serde_json::Value) -> bool {
    value.as_object().is_some_and(|object| {
        object
            .get("services")
            .is_some_and(serde_json::Value::is_array)
            && (object.contains_key("schemaVersion") || object.contains_key("servicesEncrypted"))
    })
}

/// Reads a 2FAS backup, asking `password` for the password only when the services
/// are encrypted.
pub fn read(text: &str, password: &mut PasswordPrompt<'_>) -> Result<Imported, ImportError> {
    read_with(text, password, &mut derive_key)
}

/// How a key is derived from a password and a salt ([`derive_key`], except in tests
/// that read thousands of damaged copies of a file).
type DeriveKey<'a> = dyn FnMut(&[u8], &[u8]) -> Zeroizing<[u8; KEY_LEN]> + 'a;

fn read_with(
    text: &str,
    password: &mut PasswordPrompt<'_>,
    derive: &mut DeriveKey<'_>,
) -> Result<Imported, ImportError> {
    let backup: BackupJson =
        serde_json::from_str(text).map_err(|error| ImportError::json(Format::TwoFas, &error))?;
    let mut services = backup.services.unwrap_or_default();
    match backup.services_encrypted.as_deref().map(str::trim) {
        Some(encrypted) if !encrypted.is_empty() => {
            let plaintext = decrypt(encrypted, backup.reference.as_deref(), password, derive)?;
            let decrypted: Vec<ServiceJson> = serde_json::from_slice(&plaintext)
                .map_err(|error| ImportError::json(Format::TwoFas, &error))?;
            services.extend(decrypted);
        }
        _ => {}
    }
    Ok(convert(&services))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct BackupJson {
    #[serde(default)]
    services: Option<Vec<ServiceJson>>,
    #[serde(default)]
    services_encrypted: Option<String>,
    #[serde(default)]
    reference: Option<String>,
}

#[derive(Deserialize)]
struct ServiceJson {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    secret: Option<Zeroizing<String>>,
    #[serde(default)]
    otp: Option<OtpJson>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct OtpJson {
    #[serde(default)]
    account: Option<String>,
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    issuer: Option<String>,
    #[serde(default)]
    digits: Option<serde_json::Value>,
    #[serde(default)]
    period: Option<serde_json::Value>,
    #[serde(default)]
    counter: Option<serde_json::Value>,
    #[serde(default)]
    algorithm: Option<String>,
    #[serde(default)]
    token_type: Option<String>,
}

// ---------------------------------------------------------------------------------
// Decryption.

/// One `ciphertext:salt:iv` field, decoded.
struct Sealed {
    ciphertext: Vec<u8>,
    salt: Vec<u8>,
    iv: [u8; IV_LEN],
}

impl Sealed {
    fn parse(text: &str, field: TwoFasField) -> Result<Self, ImportError> {
        let mut parts = text.split(':');
        let (Some(ciphertext), Some(salt), Some(iv)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(ImportError::malformed(
                Format::TwoFas,
                Problem::TwoFasLayout { field },
            ));
        };
        let decode = |text: &str, part: SealedPart| {
            BASE64.decode(text.trim()).map_err(|_| {
                ImportError::malformed(Format::TwoFas, Problem::TwoFasNotBase64 { field, part })
            })
        };
        let ciphertext = decode(ciphertext, SealedPart::Ciphertext)?;
        let salt = decode(salt, SealedPart::Salt)?;
        let iv =
            <[u8; IV_LEN]>::try_from(decode(iv, SealedPart::Iv)?.as_slice()).map_err(|_| {
                ImportError::malformed(
                    Format::TwoFas,
                    Problem::TwoFasIvLength {
                        field,
                        bytes: IV_LEN,
                    },
                )
            })?;
        if ciphertext.len() < TAG_LEN {
            return Err(ImportError::malformed(
                Format::TwoFas,
                Problem::TwoFasTooShort { field },
            ));
        }
        if salt.is_empty() || salt.len() > MAX_SALT_LEN {
            return Err(ImportError::malformed(
                Format::TwoFas,
                Problem::TwoFasSaltLength { field },
            ));
        }
        Ok(Sealed {
            ciphertext,
            salt,
            iv,
        })
    }

    /// The plaintext, or `None` when the key is wrong or the data damaged.
    fn open(&self, key: &[u8; KEY_LEN]) -> Option<Zeroizing<Vec<u8>>> {
        let cipher = Aes256Gcm::new_from_slice(key).ok()?;
        let (body, tag) = self.ciphertext.split_at(self.ciphertext.len() - TAG_LEN);
        let tag = <[u8; TAG_LEN]>::try_from(tag).ok()?;
        let mut buffer = Zeroizing::new(body.to_vec());
        cipher
            .decrypt_in_place_detached(
                &GenericArray::from(self.iv),
                b"",
                buffer.as_mut_slice(),
                &GenericArray::from(tag),
            )
            .ok()?;
        Some(buffer)
    }
}

fn derive_key(password: &[u8], salt: &[u8]) -> Zeroizing<[u8; KEY_LEN]> {
    let mut key = Zeroizing::new([0u8; KEY_LEN]);
    pbkdf2::pbkdf2_hmac::<Sha256>(password, salt, PBKDF2_ITERATIONS, key.as_mut_slice());
    key
}

/// Decrypts `servicesEncrypted`, checking the password on `reference` first when the
/// file has one. Every check that needs no password comes before the prompt.
fn decrypt(
    services: &str,
    reference: Option<&str>,
    password: &mut PasswordPrompt<'_>,
    derive: &mut DeriveKey<'_>,
) -> Result<Zeroizing<Vec<u8>>, ImportError> {
    let services = Sealed::parse(services, TwoFasField::Services)?;
    let reference = reference
        .map(str::trim)
        .filter(|text| !text.is_empty())
        .map(|text| Sealed::parse(text, TwoFasField::Reference))
        .transpose()?;

    let password = password(Format::TwoFas)?;
    let key = derive(password.as_bytes(), &services.salt);
    if let Some(reference) = reference {
        let reference_key = if reference.salt == services.salt {
            key.clone()
        } else {
            derive(password.as_bytes(), &reference.salt)
        };
        // The tag proves the password; the text itself (a constant) adds nothing.
        reference
            .open(&reference_key)
            .ok_or(ImportError::WrongPassword(Format::TwoFas))?;
        // The password is right: failing now means the services are damaged.
        return services
            .open(&key)
            .ok_or_else(|| ImportError::malformed(Format::TwoFas, Problem::TwoFasServicesDamaged));
    }
    services
        .open(&key)
        .ok_or(ImportError::WrongPassword(Format::TwoFas))
}

// ---------------------------------------------------------------------------------
// Services to accounts.

fn convert(services: &[ServiceJson]) -> Imported {
    let mut imported = Imported::default();
    for (position, service) in services.iter().enumerate() {
        let otp = service.otp.as_ref();
        let label = service_label(service, position);
        match convert_service(service, otp.unwrap_or(&OtpJson::default()), position) {
            Ok((account, notes)) => {
                imported.notes.extend(
                    notes
                        .into_iter()
                        .map(|text| Note::new(account.label(), text)),
                );
                imported.accounts.push(account);
            }
            Err(reason) => imported
                .unrepresentable
                .push(Unrepresentable::new(label, reason)),
        }
    }
    imported
}

fn non_empty(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|text| !text.is_empty())
}

/// The issuer: the OTP parameters' issuer, else the service's name.
fn issuer_of(service: &ServiceJson) -> &str {
    let otp = service.otp.as_ref();
    non_empty(otp.and_then(|otp| otp.issuer.as_deref()))
        .or(non_empty(service.name.as_deref()))
        .unwrap_or("")
}

/// The account name: `account`, else `label`.
fn name_of(service: &ServiceJson) -> &str {
    let otp = service.otp.as_ref();
    non_empty(otp.and_then(|otp| otp.account.as_deref()))
        .or(non_empty(otp.and_then(|otp| otp.label.as_deref())))
        .unwrap_or("")
}

fn service_label(service: &ServiceJson, position: usize) -> String {
    match (issuer_of(service), name_of(service)) {
        // Unnamed: its position, in no language.
        ("", "") => format!("#{}", position + 1),
        (issuer, "") => issuer.to_owned(),
        ("", name) => name.to_owned(),
        (issuer, name) => format!("{issuer}:{name}"),
    }
}

fn convert_service(
    service: &ServiceJson,
    otp: &OtpJson,
    position: usize,
) -> Result<(Account, Vec<Remark>), Reason> {
    let mut notes = Vec::new();
    let is_hotp = match non_empty(otp.token_type.as_deref()) {
        None => {
            notes.push(Remark::AssumedTotp);
            false
        }
        Some(kind) if kind.eq_ignore_ascii_case("TOTP") => false,
        Some(kind) if kind.eq_ignore_ascii_case("HOTP") => true,
        Some(kind) if kind.eq_ignore_ascii_case("STEAM") => {
            return steam_service(service, otp, position);
        }
        Some(kind) => {
            return Err(Reason::UnknownType {
                name: kind.to_owned(),
            });
        }
    };
    let secret = match non_empty(service.secret.as_deref().map(String::as_str)) {
        Some(text) => SecretKey::parse_base32(text).map_err(|_| Reason::SecretNotBase32)?,
        None => return Err(Reason::NoSecret),
    };
    // 2FAS's defaults for fields older backups leave out, each said in a note.
    let algorithm = match non_empty(otp.algorithm.as_deref()) {
        Some(name) => name.parse::<Algorithm>().map_err(Reason::Param)?,
        None => {
            notes.push(Remark::AssumedSha1);
            Algorithm::Sha1
        }
    };
    let digits = match &otp.digits {
        Some(value) => json_digits(value)?,
        None => {
            notes.push(Remark::AssumedSixDigits);
            Digits::SIX
        }
    };
    let kind = if is_hotp {
        let counter = match &otp.counter {
            Some(value) => whole_number(value, Field::Counter)?,
            None => {
                notes.push(Remark::AssumedCounterZero);
                0
            }
        };
        Kind::Hotp { counter }
    } else {
        let period = match &otp.period {
            Some(value) => json_period(value)?,
            None => {
                notes.push(Remark::AssumedPeriod);
                Period::DEFAULT
            }
        };
        Kind::Totp { period }
    };
    let entry = Entry {
        name: name_of(service),
        issuer: issuer_of(service),
        algorithm,
        digits,
        kind,
    };
    Ok((account(entry, secret, position), notes))
}

/// A `STEAM` service: a Steam Guard account, whose parameters are Steam's.
fn steam_service(
    service: &ServiceJson,
    otp: &OtpJson,
    position: usize,
) -> Result<(Account, Vec<Remark>), Reason> {
    let (algorithm, digits, kind) = steam(
        non_empty(otp.algorithm.as_deref()),
        otp.digits.as_ref(),
        otp.period.as_ref(),
    )?;
    let secret = match non_empty(service.secret.as_deref().map(String::as_str)) {
        Some(text) => SecretKey::parse_base32(text).map_err(|_| Reason::SecretNotBase32)?,
        None => return Err(Reason::NoSecret),
    };
    let entry = Entry {
        name: name_of(service),
        issuer: issuer_of(service),
        algorithm,
        digits,
        kind,
    };
    Ok((account(entry, secret, position), Vec::new()))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use std::cell::Cell;

    use super::*;
    use crate::transfer::fixtures::{
        PASSWORD, assert_expected, edit_json, expected_accounts, is_malformed, no_prompt, prompt,
    };

    const PLAIN: &str = include_str!("../../tests/data/import/2fas-plain.2fas");
    const ENCRYPTED: &str = include_str!("../../tests/data/import/2fas-encrypted.2fas");

    fn read_asking(text: &str, password: &str) -> (Result<Imported, ImportError>, usize) {
        let calls = Cell::new(0);
        let result = read(text, &mut prompt(password, &calls));
        (result, calls.get())
    }

    #[test]
    fn detects_both_files() {
        // `transfer::detect` on these files is tested beside it, in transfer/mod.rs.
        for text in [PLAIN, ENCRYPTED] {
            assert!(looks_like(&serde_json::from_str(text).unwrap()));
        }
        assert!(!looks_like(
            &serde_json::json!({"services": {}, "schemaVersion": 4})
        ));
        assert!(!looks_like(&serde_json::json!({"services": []})));
    }

    #[test]
    fn reads_the_plain_file_without_asking_for_a_password() {
        assert_expected(&read(PLAIN, &mut no_prompt).unwrap());
    }

    #[test]
    fn reads_the_encrypted_file_and_asks_once() {
        let (result, calls) = read_asking(ENCRYPTED, PASSWORD);
        assert_expected(&result.unwrap());
        assert_eq!(calls, 1);
    }

    #[test]
    fn wrong_password_with_and_without_reference() {
        let (result, calls) = read_asking(ENCRYPTED, "Correct horse battery staple");
        assert_eq!(result, Err(ImportError::WrongPassword(Format::TwoFas)));
        assert_eq!(calls, 1);
        let no_reference = edit_json(ENCRYPTED, |v| {
            v.as_object_mut().unwrap().remove("reference");
        });
        assert_eq!(
            read_asking(&no_reference, "wrong").0,
            Err(ImportError::WrongPassword(Format::TwoFas))
        );
        assert_expected(&read_asking(&no_reference, PASSWORD).0.unwrap());
    }

    #[test]
    fn damaged_services_with_a_good_reference_are_not_a_wrong_password() {
        let damaged = edit_json(ENCRYPTED, |v| {
            let field = v["servicesEncrypted"].as_str().unwrap();
            let first = if field.starts_with('A') { "B" } else { "A" };
            v["servicesEncrypted"] = format!("{first}{}", &field[1..]).into();
        });
        let (result, _) = read_asking(&damaged, PASSWORD);
        assert!(
            is_malformed(&result, Format::TwoFas, "damaged"),
            "{result:?}"
        );
    }

    #[test]
    fn bad_encrypted_fields_are_reported_before_asking() {
        for (field, value, why) in [
            ("servicesEncrypted", "no colons", "ciphertext:salt:iv"),
            ("servicesEncrypted", "AAAA:AAAA", "ciphertext:salt:iv"),
            (
                "servicesEncrypted",
                "!!!!:AAAA:AAAAAAAAAAAAAAAA",
                "not base64",
            ),
            (
                "servicesEncrypted",
                "AAAAAAAAAAAAAAAAAAAAAAAA:AAAA:AAAA",
                "12 bytes",
            ),
            (
                "servicesEncrypted",
                "AAAA:AAAA:AAAAAAAAAAAAAAAA",
                "too short",
            ),
            (
                "servicesEncrypted",
                "AAAAAAAAAAAAAAAAAAAAAAAA::AAAAAAAAAAAAAAAA",
                "salt",
            ),
            ("reference", "AAAA:AAAA", "reference"),
        ] {
            let text = edit_json(ENCRYPTED, |v| v[field] = value.into());
            let (result, calls) = read_asking(&text, PASSWORD);
            assert!(
                is_malformed(&result, Format::TwoFas, why),
                "{value}: {result:?}"
            );
            assert_eq!(calls, 0, "{value}");
        }
    }

    #[test]
    fn older_and_newer_schemas_read_with_defaults() {
        for version in [1, 2, 3, 99] {
            let text = edit_json(PLAIN, |v| {
                v["schemaVersion"] = version.into();
                // alice uses every default: TOTP, SHA1, 6 digits, 30 s.
                let otp = v["services"][0]["otp"].as_object_mut().unwrap();
                for field in [
                    "tokenType",
                    "algorithm",
                    "digits",
                    "period",
                    "label",
                    "source",
                ] {
                    otp.remove(field);
                }
            });
            let mut imported = read(&text, &mut no_prompt).unwrap();
            // Each default is said, for alice only.
            let notes: Vec<(&str, &Remark)> = imported
                .notes
                .iter()
                .map(|note| (note.label.as_str(), &note.remark))
                .collect();
            assert_eq!(
                notes,
                [
                    ("GitHub:alice@example.com", &Remark::AssumedTotp),
                    ("GitHub:alice@example.com", &Remark::AssumedSha1),
                    ("GitHub:alice@example.com", &Remark::AssumedSixDigits),
                    ("GitHub:alice@example.com", &Remark::AssumedPeriod),
                ],
                "schema {version}"
            );
            imported.notes.clear();
            assert_expected(&imported);
        }
        // No account: the label stands in; no issuer: the service's name does.
        let text = edit_json(PLAIN, |v| {
            let otp = v["services"][0]["otp"].as_object_mut().unwrap();
            otp.remove("account");
            otp.remove("issuer");
        });
        assert_expected(&read(&text, &mut no_prompt).unwrap());
    }

    #[test]
    fn services_otp_cannot_hold_are_left_out_with_a_reason() {
        let text = edit_json(PLAIN, |v| {
            let services = v["services"].as_array_mut().unwrap();
            let mut bad = |name: &str, field: &str, value: serde_json::Value| {
                let mut service = services[0].clone();
                service["otp"]["account"] = name.into();
                if field == "secret" {
                    service["secret"] = value;
                } else {
                    service["otp"][field] = value;
                }
                services.push(service);
            };
            bad("a", "tokenType", "YANDEX".into());
            bad("b", "digits", 9.into());
            bad("c", "period", 0.into());
            bad("d", "algorithm", "MD5".into());
            bad("e", "secret", "JBSWY3DPEHPK3PX1".into());
            bad("f", "secret", serde_json::Value::Null);
            bad("g", "digits", "JBSWY3DPEHPK3PXP".into());
            // Steam Guard with 6 digits would draw other codes than Steam's.
            let mut steam = services[4].clone();
            steam["otp"]["account"] = "six".into();
            steam["otp"]["digits"] = 6.into();
            services.push(steam);
        });
        let imported = read(&text, &mut no_prompt).unwrap();
        assert_eq!(imported.accounts, expected_accounts());
        let reasons: Vec<String> = imported
            .unrepresentable
            .iter()
            .map(|u| format!("{} | {}", u.label, u.reason))
            .collect();
        let expect = [
            "GitHub:a | \"YANDEX\"",
            "GitHub:b | 9 digits",
            "GitHub:c | \"0\"",
            "GitHub:d | MD5",
            "GitHub:e | base32",
            "GitHub:f | no secret",
            "GitHub:g | digits is not a number",
            "Steam:six | Steam Guard entry, but its digits",
        ];
        assert_eq!(reasons.len(), expect.len(), "{reasons:?}");
        for (reason, want) in reasons.iter().zip(expect) {
            let (label, text) = want.split_once(" | ").unwrap();
            assert!(
                reason.starts_with(&format!("{label} |")) && reason.contains(text),
                "{reason}"
            );
            assert!(!reason.contains("JBSWY3DP"), "{reason}");
        }
    }

    #[test]
    fn hotp_without_a_counter_gets_a_note() {
        let text = edit_json(PLAIN, |v| {
            v["services"][3]["otp"]
                .as_object_mut()
                .unwrap()
                .remove("counter");
        });
        let imported = read(&text, &mut no_prompt).unwrap();
        assert_eq!(imported.notes.len(), 1);
        assert_eq!(imported.notes[0].label, "VPN:dave");
        assert_eq!(imported.accounts[3].kind, Kind::Hotp { counter: 0 });
    }

    /// A service without a type or a period is read as 30-second TOTP, and each
    /// default is said in a note, not assumed silently.
    #[test]
    fn missing_type_and_period_are_said_in_notes() {
        let text = edit_json(PLAIN, |v| {
            let otp = v["services"][0]["otp"].as_object_mut().unwrap();
            otp.remove("tokenType");
            otp.remove("period");
        });
        let imported = read(&text, &mut no_prompt).unwrap();
        let remarks: Vec<(&str, &Remark)> = imported
            .notes
            .iter()
            .map(|note| (note.label.as_str(), &note.remark))
            .collect();
        assert_eq!(
            remarks,
            [
                ("GitHub:alice@example.com", &Remark::AssumedTotp),
                ("GitHub:alice@example.com", &Remark::AssumedPeriod),
            ]
        );
        assert_eq!(
            imported.accounts[0].kind,
            Kind::Totp {
                period: Period::DEFAULT
            }
        );
    }

    #[test]
    fn every_truncation_is_an_error() {
        for text in [PLAIN, ENCRYPTED] {
            for cut in 0..text.trim_end().len() {
                let (result, _) = read_asking(&text[..cut], PASSWORD);
                assert!(
                    matches!(result, Err(ImportError::Malformed { .. })),
                    "cut at {cut}: {result:?}"
                );
            }
        }
    }

    #[test]
    fn every_bit_flip_is_an_error_or_harmless() {
        // PBKDF2 runs unoptimised in test builds (its generic code is compiled in
        // otp), so the fixture's key is derived once; any other salt stands for a
        // different key, which is all a changed salt can give.
        let backup: BackupJson = serde_json::from_str(ENCRYPTED).unwrap();
        let salt = Sealed::parse(
            backup.services_encrypted.as_deref().unwrap(),
            TwoFasField::Services,
        )
        .unwrap()
        .salt;
        let key = derive_key(PASSWORD.as_bytes(), &salt);
        let mut derive = |password: &[u8], other: &[u8]| {
            if password == PASSWORD.as_bytes() && other == salt.as_slice() {
                key.clone()
            } else {
                Zeroizing::new([0x5a; KEY_LEN])
            }
        };
        let accounts = expected_accounts();
        let sealed: Vec<(usize, usize)> = ["\"servicesEncrypted\":\"", "\"reference\":\""]
            .iter()
            .map(|field| {
                let start = ENCRYPTED.find(field).unwrap() + field.len();
                (start, start + ENCRYPTED[start..].find('"').unwrap())
            })
            .collect();
        let mut bytes = ENCRYPTED.as_bytes().to_vec();
        for index in 0..bytes.len() {
            let bit = 1u8 << (index % 7);
            bytes[index] ^= bit;
            let result = match std::str::from_utf8(&bytes) {
                Ok(text) => {
                    super::read_with(text, &mut prompt(PASSWORD, &Cell::new(0)), &mut derive)
                }
                Err(_) => Err(ImportError::malformed(Format::TwoFas, Problem::NotUtf8)),
            };
            bytes[index] ^= bit;
            // `transfer::read` reports a file without accounts as empty: an error.
            let result = result.and_then(|imported| {
                if imported.accounts.is_empty() && imported.unrepresentable.is_empty() {
                    Err(ImportError::Empty(Format::TwoFas))
                } else {
                    Ok(imported)
                }
            });
            if let Ok(imported) = result {
                assert!(
                    !sealed
                        .iter()
                        .any(|&(start, end)| (start..end).contains(&index)),
                    "flip at {index} inside an encrypted field was accepted"
                );
                assert_eq!(
                    imported.accounts, accounts,
                    "flip at {index} changed the accounts"
                );
            }
        }
    }
}
