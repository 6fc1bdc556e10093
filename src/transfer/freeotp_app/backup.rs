//! FreeOTP 2's backup: a map of texts (freeotp-android, `TokenPersistence`,
//! `encryptor/MasterKey.java`, `encryptor/EncryptedKey.java`, `Token.java`).
//!
//! ```text
//! "masterKey"    → {"mEncryptedKey": <EncryptedKey>, "mAlgorithm": "PBKDF2withHmacSHA512",
//!                   "mIterations": 100000, "mSalt": [32 signed bytes]}
//! "<uuid>"       → {"key": "<EncryptedKey as JSON text>"}
//! "<uuid>-token" → {"algo": "SHA1", "issuerExt": "GitHub", "issuerInt": "GitHub",
//!                   "label": "alice", "period": 30, "digits": 6, "type": "TOTP",
//!                   "counter": 0, ...}
//! EncryptedKey   = {"mCipherText": [bytes], "mParameters": [bytes],
//!                   "mCipher": "AES/GCM/NoPadding", "mToken": "AES" | "HmacSHA1" | ...}
//! ```
//!
//! - The password (UTF-8) gives a key by PBKDF2 with `mAlgorithm`'s HMAC
//!   (`PBKDF2withHmacSHA512`, or `PBKDF2withHmacSHA1` on phones without it: Android
//!   before 8), `mIterations` and `mSalt`, as long as the salt (32 bytes: AES-256).
//!   At most [`MAX_ITERATIONS`] iterations are run, so that a crafted file cannot
//!   keep otp busy for hours (FreeOTP uses 100 000).
//! - An EncryptedKey is AES-GCM: `mParameters` is the DER `GCMParameters` (RFC
//!   5084: a 12-byte nonce and the tag length, 16 bytes), `mCipherText` the
//!   ciphertext with the tag at its end, and the associated data is `mToken`, the
//!   name of the key's algorithm. The master key (32 bytes) is sealed under the
//!   password's key; each token's secret under the master key.
//! - GCM cannot tell a wrong password from a damaged master key: both are a wrong
//!   password, as for Aegis. Once the master key opens, a token's key that does not
//!   is damage, and the file is refused as damaged.
//! - A token's fields may be absent (Gson leaves out nulls): FreeOTP then makes
//!   SHA1 codes every 30 seconds with 6 digits, or 5 for Steam, and so does otp. It
//!   draws Steam Guard codes for the issuer (label prefix) `Steam`: such a TOTP
//!   token with SHA1, 5 characters and 30 seconds is a Steam Guard account; with
//!   other parameters (FreeOTP's manual entry sets 6 digits), or HOTP, it would make
//!   codes Steam does not take, and is left out with the reason.
//! - FreeOTP writes a token's settings to the backup when it adds or renames it,
//!   not when it uses a code: a HOTP token's counter is the one it had then, and the
//!   report says so.
//! - Every check that needs no password comes first. The encryption (master key,
//!   each token's key) must be whole, or the file is damaged; a token's settings
//!   that otp cannot use leave that token out with the reason.

use std::collections::HashMap;

use aes_gcm::Aes256Gcm;
use aes_gcm::aead::{Aead, KeyInit, Payload};
use der::asn1::OctetStringRef;
use der::{Decode, Reader, SliceReader};
use serde::Deserialize;
use zeroize::Zeroizing;

use super::gson::java_bytes;
use super::map::Entry;
use crate::code::{Algorithm, Digits, Kind, Period};
use crate::secret::SecretKey;
use crate::transfer::entry::{self, json_digits, json_period, steam, whole_number};
use crate::transfer::error::{ImportError, Problem};
use crate::transfer::format::Format;
use crate::transfer::imported::{
    Field, Imported, Note, PasswordPrompt, Reason, Remark, Unrepresentable,
};

/// The master key's entry.
const MASTER: &str = "masterKey";
/// What a token's settings entry adds to its key entry's name.
const SETTINGS_SUFFIX: &str = "-token";
/// The one cipher FreeOTP uses.
const CIPHER: &str = "AES/GCM/NoPadding";
const KEY_LEN: usize = 32;
const NONCE_LEN: usize = 12;
const TAG_LEN: usize = 16;
/// Most PBKDF2 iterations run: twenty times FreeOTP's 100 000.
pub(crate) const MAX_ITERATIONS: u64 = 2_000_000;

/// `masterKey`'s JSON (Gson of `MasterKey`).
#[derive(Deserialize)]
struct MasterKeyJson {
    #[serde(rename = "mEncryptedKey")]
    encrypted_key: EncryptedKeyJson,
    #[serde(rename = "mAlgorithm")]
    algorithm: String,
    #[serde(rename = "mIterations")]
    iterations: u64,
    #[serde(rename = "mSalt")]
    salt: Vec<i16>,
}

/// Gson of `EncryptedKey`.
#[derive(Deserialize)]
struct EncryptedKeyJson {
    #[serde(rename = "mCipherText")]
    cipher_text: Vec<i16>,
    #[serde(rename = "mParameters")]
    parameters: Vec<i16>,
    #[serde(rename = "mCipher")]
    cipher: String,
    #[serde(rename = "mToken")]
    token: String,
}

/// A token's key entry: the EncryptedKey as JSON text, in JSON.
#[derive(Deserialize)]
struct KeyEntryJson {
    key: String,
}

/// A token's settings (Gson of FreeOTP 2's `Token`; null fields left out).
#[derive(Deserialize)]
struct TokenJson {
    #[serde(default)]
    algo: Option<String>,
    #[serde(default, rename = "issuerExt")]
    issuer_ext: Option<String>,
    #[serde(default, rename = "issuerInt")]
    issuer_int: Option<String>,
    #[serde(default)]
    label: Option<String>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    // Numbers as JSON values: one of the wrong shape leaves its token out.
    #[serde(default)]
    period: Option<serde_json::Value>,
    #[serde(default)]
    digits: Option<serde_json::Value>,
    #[serde(default)]
    counter: Option<serde_json::Value>,
}

impl TokenJson {
    /// The name and issuer FreeOTP shows (`getLabel`, `getIssuer`).
    fn names(&self) -> (&str, &str) {
        let issuer = self
            .issuer_ext
            .as_deref()
            .or(self.issuer_int.as_deref())
            .unwrap_or("");
        (self.label.as_deref().unwrap_or(""), issuer)
    }
}

/// The HMAC of the password's PBKDF2.
#[derive(Clone, Copy)]
enum Prf {
    Sha1,
    Sha512,
}

/// An EncryptedKey, checked: AES-256-GCM's nonce, the ciphertext with its tag, the
/// associated data.
struct Sealed {
    nonce: [u8; NONCE_LEN],
    ciphertext: Vec<u8>,
    aad: String,
}

impl Sealed {
    /// The EncryptedKey of the entry `entry`, or the damage it has.
    fn parse(json: &EncryptedKeyJson, entry: &str) -> Result<Self, ImportError> {
        let damaged = || {
            ImportError::malformed(
                Format::FreeOtpBackup,
                Problem::FreeOtpEntry {
                    entry: entry.to_owned(),
                },
            )
        };
        if !json.cipher.eq_ignore_ascii_case(CIPHER) {
            return Err(damaged());
        }
        let parameters = java_bytes(&json.parameters).ok_or_else(damaged)?;
        let nonce = gcm_nonce(&parameters).ok_or_else(damaged)?;
        let ciphertext = java_bytes(&json.cipher_text).ok_or_else(damaged)?;
        if ciphertext.len() <= TAG_LEN {
            return Err(damaged());
        }
        Ok(Sealed {
            nonce,
            ciphertext: ciphertext.to_vec(),
            aad: json.token.clone(),
        })
    }

    /// The plaintext, or `None` when `key` is not the key or the data is damaged.
    fn open(&self, key: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
        let cipher = Aes256Gcm::new_from_slice(key).ok()?;
        let payload = Payload {
            msg: &self.ciphertext,
            aad: self.aad.as_bytes(),
        };
        cipher
            .decrypt((&self.nonce).into(), payload)
            .ok()
            .map(Zeroizing::new)
    }
}

/// The nonce of DER `GCMParameters ::= SEQUENCE { aes-nonce OCTET STRING,
/// aes-ICVlen INTEGER DEFAULT 12 }`, when it is 12 bytes and the tag 16.
fn gcm_nonce(der: &[u8]) -> Option<[u8; NONCE_LEN]> {
    let mut reader = SliceReader::new(der).ok()?;
    let (nonce, tag) = reader
        .sequence(|sequence| {
            let nonce = OctetStringRef::decode(sequence)?;
            let tag = if sequence.is_finished() {
                12
            } else {
                u8::decode(sequence)?
            };
            Ok((nonce, tag))
        })
        .ok()?;
    reader.finish(()).ok()?;
    if usize::from(tag) != TAG_LEN {
        return None;
    }
    <[u8; NONCE_LEN]>::try_from(nonce.as_bytes()).ok()
}

/// A token of the backup: its key, and its settings or why they are unusable.
struct Token<'a> {
    name: &'a str,
    key: Sealed,
    settings: Option<Result<TokenJson, Reason>>,
}

/// Reads the backup's entries, asking `password` for the password.
pub(super) fn read(
    entries: &[Entry],
    password: &mut PasswordPrompt<'_>,
) -> Result<Imported, ImportError> {
    let malformed = |problem| ImportError::malformed(Format::FreeOtpBackup, problem);
    let master = entries
        .iter()
        .find(|entry| entry.name == MASTER)
        .ok_or_else(|| malformed(Problem::FreeOtpNoMasterKey))?;
    let master: MasterKeyJson = serde_json::from_str(&master.value).map_err(|_| {
        malformed(Problem::FreeOtpEntry {
            entry: MASTER.to_owned(),
        })
    })?;
    let prf = if master
        .algorithm
        .eq_ignore_ascii_case("PBKDF2withHmacSHA512")
    {
        Prf::Sha512
    } else if master.algorithm.eq_ignore_ascii_case("PBKDF2withHmacSHA1") {
        Prf::Sha1
    } else {
        // Quoted, at most 40 characters: it names an algorithm, never a secret.
        let algorithm: String = master.algorithm.chars().take(40).collect();
        return Err(malformed(Problem::FreeOtpKdf { algorithm }));
    };
    if !(1..=MAX_ITERATIONS).contains(&master.iterations) {
        return Err(malformed(Problem::FreeOtpIterations {
            value: master.iterations,
            max: MAX_ITERATIONS,
        }));
    }
    let iterations = u32::try_from(master.iterations).unwrap_or(u32::MAX);
    let salt = java_bytes(&master.salt)
        .filter(|salt| salt.len() == KEY_LEN)
        .ok_or_else(|| {
            malformed(Problem::FreeOtpEntry {
                entry: MASTER.to_owned(),
            })
        })?;
    let sealed_master = Sealed::parse(&master.encrypted_key, MASTER)?;

    let (tokens, mut imported) = tokens(entries)?;
    if tokens.is_empty() {
        return Ok(imported);
    }

    let password = password(Format::FreeOtpBackup)?;
    let mut derived = Zeroizing::new([0u8; KEY_LEN]);
    match prf {
        Prf::Sha512 => pbkdf2::pbkdf2_hmac::<sha2::Sha512>(
            password.as_bytes(),
            &salt,
            iterations,
            derived.as_mut_slice(),
        ),
        Prf::Sha1 => pbkdf2::pbkdf2_hmac::<sha1::Sha1>(
            password.as_bytes(),
            &salt,
            iterations,
            derived.as_mut_slice(),
        ),
    }
    let master_key = sealed_master
        .open(derived.as_slice())
        .ok_or(ImportError::WrongPassword(Format::FreeOtpBackup))?;
    if master_key.len() != KEY_LEN {
        return Err(malformed(Problem::FreeOtpEntry {
            entry: MASTER.to_owned(),
        }));
    }

    let mut left_out = Vec::new();
    for (position, token) in tokens.into_iter().enumerate() {
        let label = match &token.settings {
            Some(Ok(settings)) => {
                let (name, issuer) = settings.names();
                entry::label(name, issuer, position)
            }
            _ => token.name.to_owned(),
        };
        let mut secret = token.key.open(&master_key).ok_or_else(|| {
            malformed(Problem::FreeOtpKeyDamaged {
                token: label.clone(),
            })
        })?;
        let settings = match token.settings {
            Some(Ok(settings)) => settings,
            Some(Err(reason)) => {
                left_out.push(Unrepresentable::new(label, reason));
                continue;
            }
            None => {
                left_out.push(Unrepresentable::new(label, Reason::FreeOtpNoSettings));
                continue;
            }
        };
        match parameters(&settings) {
            Ok((algorithm, digits, kind)) => {
                if secret.is_empty() {
                    left_out.push(Unrepresentable::new(label, Reason::SecretEmpty));
                    continue;
                }
                let (name, issuer) = settings.names();
                let built = entry::Entry {
                    name,
                    issuer,
                    algorithm,
                    digits,
                    kind,
                };
                let secret = SecretKey::from_bytes(std::mem::take(&mut *secret));
                let account = entry::account(built, secret, position);
                if matches!(kind, Kind::Hotp { .. }) {
                    imported
                        .notes
                        .push(Note::new(account.label(), Remark::FreeOtpBackupCounter));
                }
                imported.accounts.push(account);
            }
            Err(reason) => left_out.push(Unrepresentable::new(label, reason)),
        }
    }
    // Settings without a key (listed by `tokens`) come after the tokens.
    left_out.append(&mut imported.unrepresentable);
    imported.unrepresentable = left_out;
    Ok(imported)
}

/// The tokens (key entries, in the file's order, with their settings), and the
/// settings that have no key, left out. Every key must be a whole EncryptedKey.
fn tokens(entries: &[Entry]) -> Result<(Vec<Token<'_>>, Imported), ImportError> {
    let by_name: HashMap<&str, &Entry> = entries
        .iter()
        .map(|entry| (entry.name.as_str(), entry))
        .collect();
    let mut tokens = Vec::new();
    let mut imported = Imported::default();
    for entry in entries {
        if entry.name == MASTER {
            continue;
        }
        if let Some(key_name) = entry.name.strip_suffix(SETTINGS_SUFFIX) {
            if !by_name.contains_key(key_name) {
                let label = match serde_json::from_str::<TokenJson>(&entry.value) {
                    Ok(settings) => {
                        let (name, issuer) = settings.names();
                        entry::label(name, issuer, imported.unrepresentable.len())
                    }
                    Err(_) => key_name.to_owned(),
                };
                imported
                    .unrepresentable
                    .push(Unrepresentable::new(label, Reason::NoSecret));
            }
            continue;
        }
        let damaged = || {
            ImportError::malformed(
                Format::FreeOtpBackup,
                Problem::FreeOtpEntry {
                    entry: entry.name.clone(),
                },
            )
        };
        let wrapper: KeyEntryJson = serde_json::from_str(&entry.value).map_err(|_| damaged())?;
        let key: EncryptedKeyJson = serde_json::from_str(&wrapper.key).map_err(|_| damaged())?;
        let key = Sealed::parse(&key, &entry.name)?;
        let settings_name = format!("{}{SETTINGS_SUFFIX}", entry.name);
        let settings = by_name.get(settings_name.as_str()).map(|settings| {
            serde_json::from_str::<TokenJson>(&settings.value).map_err(|_| Reason::FreeOtpSettings)
        });
        tokens.push(Token {
            name: &entry.name,
            key,
            settings,
        });
    }
    Ok((tokens, imported))
}

/// A token's code parameters as FreeOTP makes its codes, or why otp cannot.
fn parameters(token: &TokenJson) -> Result<(Algorithm, Digits, Kind), Reason> {
    let is_totp = entry::time_based(token.kind.as_deref())?;
    // `Code.Factory.fromIssuer(mIssuer)`: Steam's letters for exactly this issuer.
    if token.issuer_ext.as_deref() == Some("Steam") {
        if !is_totp {
            return Err(Reason::SteamParameters(Field::Type));
        }
        return steam(
            token.algo.as_deref(),
            token.digits.as_ref(),
            token.period.as_ref(),
        );
    }
    let algorithm = match &token.algo {
        Some(name) => name.parse::<Algorithm>().map_err(Reason::Param)?,
        None => Algorithm::Sha1,
    };
    let digits = match &token.digits {
        Some(value) => json_digits(value)?,
        None => Digits::SIX,
    };
    let kind = if is_totp {
        let period = match &token.period {
            Some(value) => json_period(value)?,
            None => Period::DEFAULT,
        };
        Kind::Totp { period }
    } else {
        let counter = token.counter.as_ref().ok_or(Reason::NoCounter)?;
        Kind::Hotp {
            counter: whole_number(counter, Field::Counter)?,
        }
    };
    Ok((algorithm, digits, kind))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use std::cell::Cell;

    use super::super::{java, prefs};
    use super::*;
    use crate::transfer::fixtures::{PASSWORD, assert_codes, expected_accounts, no_prompt, prompt};

    const SERIALISED: &[u8] =
        include_bytes!("../../../tests/data/import/freeotp-backup-encrypted.xml");
    const PREFERENCES: &str =
        include_str!("../../../tests/data/import/freeotp-tokenBackup-encrypted.xml");

    fn entries() -> Vec<Entry> {
        java::read_map(SERIALISED).unwrap()
    }

    fn sorted(mut accounts: Vec<crate::accounts::Account>) -> Vec<crate::accounts::Account> {
        accounts.sort_by_key(|account| account.label());
        accounts
    }

    /// Both forms (SHA-512 and SHA-1 key derivation) read as make_encrypted.py says,
    /// alice and erin from settings without algorithm, digits or period (FreeOTP's
    /// defaults: SHA1, 6 or Steam's 5, 30 s); the password is asked for once.
    #[test]
    fn reads_both_forms_of_the_backup() {
        for entries in [entries(), prefs::read_map(PREFERENCES).unwrap()] {
            let calls = Cell::new(0);
            let imported = read(&entries, &mut prompt(PASSWORD, &calls)).unwrap();
            assert_eq!(calls.get(), 1);
            assert_eq!(
                sorted(imported.accounts.clone()),
                sorted(expected_accounts())
            );
            assert_codes(&imported.accounts);
            assert!(imported.unrepresentable.is_empty());
            let notes: Vec<(&str, &Remark)> = imported
                .notes
                .iter()
                .map(|note| (note.label.as_str(), &note.remark))
                .collect();
            // Every HOTP account (dave, judy, ken), in the order the notes are made.
            assert_eq!(
                notes,
                [
                    ("Bank:judy", &Remark::FreeOtpBackupCounter),
                    ("Mail:ken", &Remark::FreeOtpBackupCounter),
                    ("VPN:dave", &Remark::FreeOtpBackupCounter)
                ]
            );
            let wrong = read(&entries, &mut prompt("not it", &calls));
            assert_eq!(
                wrong.err(),
                Some(ImportError::WrongPassword(Format::FreeOtpBackup))
            );
        }
    }

    /// A backup with no tokens asks for nothing and is empty; one without its
    /// master key, or with a master key otp refuses, is refused before asking.
    #[test]
    fn what_needs_no_password_is_checked_before_asking() {
        let only_master: Vec<Entry> = entries()
            .into_iter()
            .filter(|entry| entry.name == MASTER)
            .collect();
        let imported = read(&only_master, &mut no_prompt).unwrap();
        assert_eq!(imported, Imported::default());

        let master = entries()
            .into_iter()
            .find(|entry| entry.name == MASTER)
            .unwrap();
        let with_master = |text: String| {
            let mut all = entries();
            for entry in &mut all {
                if entry.name == MASTER {
                    entry.value = Zeroizing::new(text.clone());
                }
            }
            read(&all, &mut no_prompt).err()
        };
        let problem = |error: Option<ImportError>| match error {
            Some(ImportError::Malformed { problem, .. }) => problem,
            other => panic!("{other:?}"),
        };
        let text = master.value.as_str();
        assert_eq!(
            problem(with_master(
                text.replace("\"mIterations\":100000", "\"mIterations\":0")
            )),
            Problem::FreeOtpIterations {
                value: 0,
                max: MAX_ITERATIONS
            }
        );
        assert_eq!(
            problem(with_master(text.replace(
                "\"mIterations\":100000",
                "\"mIterations\":18446744073709551615"
            ))),
            Problem::FreeOtpIterations {
                value: u64::MAX,
                max: MAX_ITERATIONS
            }
        );
        assert_eq!(
            problem(with_master(text.replace("NoPadding", "PKCS5Padding"))),
            Problem::FreeOtpEntry {
                entry: MASTER.to_owned()
            }
        );
        // The GCM parameters' tag length (16, the last byte) changed to 12.
        assert_eq!(
            problem(with_master(text.replace(",2,1,16]", ",2,1,12]"))),
            Problem::FreeOtpEntry {
                entry: MASTER.to_owned()
            }
        );
        let without: Vec<Entry> = entries()
            .into_iter()
            .filter(|entry| entry.name != MASTER)
            .collect();
        assert_eq!(
            problem(read(&without, &mut no_prompt).err()),
            Problem::FreeOtpNoMasterKey
        );
    }

    #[test]
    fn gcm_parameters_are_read_as_android_writes_them() {
        let nonce: Vec<u8> = (1..=12).collect();
        let mut der = vec![0x30, 0x11, 0x04, 0x0C];
        der.extend(&nonce);
        der.extend([0x02, 0x01, 0x10]);
        assert_eq!(gcm_nonce(&der).map(|n| n.to_vec()), Some(nonce.clone()));
        // Without a tag length the tag is 12 bytes; a 16-byte nonce; bytes after.
        let mut default_tag = vec![0x30, 0x0E, 0x04, 0x0C];
        default_tag.extend(&nonce);
        assert_eq!(gcm_nonce(&default_tag), None);
        let mut trailing = der.clone();
        trailing.push(0);
        assert_eq!(gcm_nonce(&trailing), None);
        for cut in 0..der.len() {
            assert_eq!(gcm_nonce(&der[..cut]), None, "{cut}");
        }
    }

    #[test]
    fn settings_follow_freeotp_defaults_and_steam_rule() {
        let settings = |json: &str| serde_json::from_str::<TokenJson>(json).unwrap();
        assert_eq!(
            parameters(&settings(r#"{"type":"TOTP"}"#)),
            Ok((
                Algorithm::Sha1,
                Digits::SIX,
                Kind::Totp {
                    period: Period::DEFAULT
                }
            ))
        );
        assert_eq!(
            parameters(&settings(r#"{"type":"TOTP","issuerExt":"Steam"}"#)),
            Ok((Algorithm::Sha1, Digits::STEAM, Kind::Steam))
        );
        // Only the label's prefix draws Steam's letters, not the link's issuer=.
        assert_eq!(
            parameters(&settings(r#"{"type":"TOTP","issuerInt":"Steam"}"#)),
            Ok((
                Algorithm::Sha1,
                Digits::SIX,
                Kind::Totp {
                    period: Period::DEFAULT
                }
            ))
        );
        for (json, reason) in [
            (r#"{"algo":"SHA1"}"#, Reason::Missing(Field::Type)),
            (r#"{"type":"HOTP"}"#, Reason::NoCounter),
            (
                r#"{"type":"HOTP","issuerExt":"Steam","counter":1}"#,
                Reason::SteamParameters(Field::Type),
            ),
            (
                r#"{"type":"TOTP","issuerExt":"Steam","digits":6}"#,
                Reason::SteamParameters(Field::Digits),
            ),
        ] {
            assert_eq!(parameters(&settings(json)), Err(reason), "{json}");
        }
    }
}
