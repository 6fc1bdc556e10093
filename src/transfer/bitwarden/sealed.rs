//! The password of a password-protected Bitwarden export, as Bitwarden's clients
//! and SDK write it (`BaseVaultExportService`, `KeyGenerationService.stretchKey`):
//!
//! ```text
//! { "encrypted": true, "passwordProtected": true, "salt": "<base64 of 16 bytes>",
//!   "kdfType": 0 | 1, "kdfIterations": N, "kdfMemory": MiB, "kdfParallelism": P,
//!   "encKeyValidation_DO_NOT_EDIT": "2.iv|data|mac", "data": "2.iv|data|mac" }
//! ```
//!
//! - The master key (32 bytes) is PBKDF2-HMAC-SHA256 (`kdfType` 0) of the password
//!   with the UTF-8 bytes of the `salt` text (the base64 text itself, not decoded),
//!   or Argon2id v19 (`kdfType` 1; `kdfMemory` in MiB) with SHA-256 of those bytes
//!   as its salt.
//! - It is stretched by HKDF-Expand-SHA256 into a 32-byte encryption key (info
//!   `enc`) and a 32-byte MAC key (info `mac`).
//! - Each field is an encrypted string of type 2: base64 iv (16 bytes), ciphertext
//!   (AES-256-CBC, PKCS#7) and HMAC-SHA256 of iv ‖ ciphertext under the MAC key.
//!   `encKeyValidation_DO_NOT_EDIT` encrypts a random GUID: when its MAC holds, the
//!   password is right, so a `data` whose MAC then fails is damaged.
//!
//! The KDF settings come from the file, so they are held to the ranges Bitwarden's
//! own importer accepts before anything is derived: a crafted file cannot ask for
//! hours of work or gigabytes of memory. Every check that needs no password comes
//! before the prompt.

use aes::Aes256;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockDecryptMut, KeyIvInit};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::super::error::{BitwardenField, EncPart, ImportError, Problem};
use super::super::format::Format;
use super::super::imported::PasswordPrompt;

const KEY_LEN: usize = 32;
const IV_LEN: usize = 16;
const MAC_LEN: usize = 32;
const BLOCK: usize = 16;
/// Bitwarden writes 24 characters (16 bytes in base64); anything far longer is not
/// a Bitwarden salt.
const MAX_SALT_LEN: usize = 1024;

/// PBKDF2 iterations Bitwarden's importer accepts (`PBKDF2_IMPORT_ITERATIONS`).
const PBKDF2_ITERATIONS: (u64, u64) = (5_000, 2_000_000);
/// Argon2id passes, memory (MiB) and lanes Bitwarden's importer accepts.
const ARGON2_ITERATIONS: (u64, u64) = (2, 10);
const ARGON2_MEMORY_MIB: (u64, u64) = (16, 1024);
const ARGON2_PARALLELISM: (u64, u64) = (1, 16);

/// The fields of a password-protected export, as the file gives them.
pub(super) struct Protected<'a> {
    /// `salt`.
    pub salt: Option<&'a str>,
    /// `kdfType`.
    pub kdf_type: Option<&'a serde_json::Value>,
    /// `kdfIterations`.
    pub iterations: Option<&'a serde_json::Value>,
    /// `kdfMemory`.
    pub memory: Option<&'a serde_json::Value>,
    /// `kdfParallelism`.
    pub parallelism: Option<&'a serde_json::Value>,
    /// `encKeyValidation_DO_NOT_EDIT`.
    pub validation: Option<&'a str>,
    /// `data`.
    pub data: Option<&'a str>,
}

/// How the master key is derived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kdf {
    /// PBKDF2-HMAC-SHA256.
    Pbkdf2 {
        /// Iterations.
        iterations: u32,
    },
    /// Argon2id, version 19.
    Argon2id {
        /// Passes.
        iterations: u32,
        /// Memory in MiB.
        memory_mib: u32,
        /// Lanes.
        parallelism: u32,
    },
}

/// The encryption and MAC keys.
pub(super) struct Keys {
    enc: Zeroizing<[u8; KEY_LEN]>,
    mac: Zeroizing<[u8; KEY_LEN]>,
}

/// How keys are derived from a password, a salt and the KDF ([`derive_keys`],
/// except in tests that read many damaged copies of a file).
pub(super) type DeriveKeys<'a> = dyn FnMut(&[u8], &str, Kdf) -> Result<Keys, ImportError> + 'a;

fn malformed(problem: Problem) -> ImportError {
    ImportError::malformed(Format::Bitwarden, problem)
}

/// An encrypted string of type 2, decoded.
struct EncString {
    iv: [u8; IV_LEN],
    ciphertext: Vec<u8>,
    mac: [u8; MAC_LEN],
}

impl EncString {
    fn parse(text: Option<&str>, field: BitwardenField) -> Result<Self, ImportError> {
        let layout = || malformed(Problem::BitwardenEncString { field });
        let rest = text
            .ok_or_else(layout)?
            .trim()
            .strip_prefix("2.")
            .ok_or_else(layout)?;
        let mut parts = rest.split('|');
        let (Some(iv), Some(ciphertext), Some(mac), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(layout());
        };
        let decode = |text: &str, part: EncPart| {
            BASE64
                .decode(text)
                .map_err(|_| malformed(Problem::BitwardenNotBase64 { field, part }))
        };
        let length = |part| malformed(Problem::BitwardenLength { field, part });
        let iv = <[u8; IV_LEN]>::try_from(decode(iv, EncPart::Iv)?.as_slice())
            .map_err(|_| length(EncPart::Iv))?;
        let ciphertext = decode(ciphertext, EncPart::Ciphertext)?;
        if ciphertext.is_empty() || ciphertext.len() % BLOCK != 0 {
            return Err(length(EncPart::Ciphertext));
        }
        let mac = <[u8; MAC_LEN]>::try_from(decode(mac, EncPart::Mac)?.as_slice())
            .map_err(|_| length(EncPart::Mac))?;
        Ok(EncString {
            iv,
            ciphertext,
            mac,
        })
    }

    /// Whether the MAC holds under `keys`.
    fn authentic(&self, keys: &Keys) -> bool {
        let Ok(mut hmac) = Hmac::<Sha256>::new_from_slice(keys.mac.as_slice()) else {
            return false;
        };
        hmac.update(&self.iv);
        hmac.update(&self.ciphertext);
        hmac.verify_slice(&self.mac).is_ok()
    }

    /// The plaintext, or `None` when the MAC fails or the padding is wrong.
    fn open(&self, keys: &Keys) -> Option<Zeroizing<Vec<u8>>> {
        if !self.authentic(keys) {
            return None;
        }
        let mut buffer = Zeroizing::new(self.ciphertext.clone());
        let length = cbc::Decryptor::<Aes256>::new(keys.enc.as_slice().into(), &self.iv.into())
            .decrypt_padded_mut::<Pkcs7>(buffer.as_mut_slice())
            .ok()?
            .len();
        buffer.truncate(length);
        Some(buffer)
    }
}

/// A KDF setting as a whole number in `range`, or the problem with it.
fn setting(
    value: Option<&serde_json::Value>,
    name: &'static str,
    (min, max): (u64, u64),
) -> Result<u32, ImportError> {
    let value = value.ok_or_else(|| malformed(Problem::BitwardenKdfMissing { setting: name }))?;
    let number = value.as_u64().ok_or_else(|| {
        malformed(Problem::BitwardenKdfRefused {
            setting: name,
            value: 0,
            min,
            max,
        })
    })?;
    if !(min..=max).contains(&number) {
        return Err(malformed(Problem::BitwardenKdfRefused {
            setting: name,
            value: number,
            min,
            max,
        }));
    }
    u32::try_from(number).map_err(|_| {
        malformed(Problem::BitwardenKdfRefused {
            setting: name,
            value: number,
            min,
            max,
        })
    })
}

/// The KDF the file names, within the ranges Bitwarden accepts.
fn kdf(protected: &Protected<'_>) -> Result<Kdf, ImportError> {
    let kind = protected
        .kdf_type
        .ok_or_else(|| malformed(Problem::BitwardenKdfMissing { setting: "kdfType" }))?;
    match kind.as_u64() {
        Some(0) => Ok(Kdf::Pbkdf2 {
            iterations: setting(protected.iterations, "kdfIterations", PBKDF2_ITERATIONS)?,
        }),
        Some(1) => Ok(Kdf::Argon2id {
            iterations: setting(protected.iterations, "kdfIterations", ARGON2_ITERATIONS)?,
            memory_mib: setting(protected.memory, "kdfMemory", ARGON2_MEMORY_MIB)?,
            parallelism: setting(protected.parallelism, "kdfParallelism", ARGON2_PARALLELISM)?,
        }),
        _ => Err(malformed(Problem::BitwardenKdfType {
            // Quoted only when it is a number: a string there could be anything.
            value: kind.is_number().then(|| kind.to_string()),
        })),
    }
}

/// The encryption and MAC keys for `password`, `salt` (the text) and `kdf`.
pub(super) fn derive_keys(password: &[u8], salt: &str, kdf: Kdf) -> Result<Keys, ImportError> {
    let mut master = Zeroizing::new([0u8; KEY_LEN]);
    match kdf {
        Kdf::Pbkdf2 { iterations } => {
            pbkdf2::pbkdf2_hmac::<Sha256>(password, salt.as_bytes(), iterations, master.as_mut());
        }
        Kdf::Argon2id {
            iterations,
            memory_mib,
            parallelism,
        } => {
            let refused = || {
                malformed(Problem::BitwardenKdfRefused {
                    setting: "kdfMemory",
                    value: u64::from(memory_mib),
                    min: ARGON2_MEMORY_MIB.0,
                    max: ARGON2_MEMORY_MIB.1,
                })
            };
            let params = argon2::Params::new(
                memory_mib.saturating_mul(1024),
                iterations,
                parallelism,
                Some(KEY_LEN),
            )
            .map_err(|_| refused())?;
            let salt = Sha256::digest(salt.as_bytes());
            argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
                .hash_password_into(password, &salt, master.as_mut())
                .map_err(|_| refused())?;
        }
    }
    let hkdf = hkdf::Hkdf::<Sha256>::from_prk(master.as_slice())
        .map_err(|_| malformed(Problem::BitwardenNoSalt))?;
    let mut keys = Keys {
        enc: Zeroizing::new([0u8; KEY_LEN]),
        mac: Zeroizing::new([0u8; KEY_LEN]),
    };
    // 32 bytes of SHA-256 HKDF output are always available: expand cannot fail.
    hkdf.expand(b"enc", keys.enc.as_mut())
        .and_then(|()| hkdf.expand(b"mac", keys.mac.as_mut()))
        .map_err(|_| malformed(Problem::BitwardenNoSalt))?;
    Ok(keys)
}

/// Decrypts `data`, checking the password on the validation string first.
pub(super) fn decrypt(
    protected: &Protected<'_>,
    password: &mut PasswordPrompt<'_>,
    derive: &mut DeriveKeys<'_>,
) -> Result<Zeroizing<Vec<u8>>, ImportError> {
    let salt = protected.salt.unwrap_or_default();
    if salt.is_empty() || salt.len() > MAX_SALT_LEN {
        return Err(malformed(Problem::BitwardenNoSalt));
    }
    let kdf = kdf(protected)?;
    let validation = EncString::parse(protected.validation, BitwardenField::Validation)?;
    let data = EncString::parse(protected.data, BitwardenField::Data)?;

    let password = password(Format::Bitwarden)?;
    let keys = derive(password.as_bytes(), salt, kdf)?;
    validation
        .open(&keys)
        .ok_or(ImportError::WrongPassword(Format::Bitwarden))?;
    // The password is right: failing now means the data is damaged.
    data.open(&keys)
        .ok_or_else(|| malformed(Problem::BitwardenDataDamaged))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use cbc::cipher::BlockEncryptMut;

    use super::*;

    fn keys(byte: u8) -> Keys {
        Keys {
            enc: Zeroizing::new([byte; KEY_LEN]),
            mac: Zeroizing::new([byte ^ 0xff; KEY_LEN]),
        }
    }

    /// Bitwarden's SDK vectors would need its code; these check the layout rules.
    #[test]
    fn bad_encrypted_strings_say_what_is_wrong() {
        let iv = BASE64.encode([0u8; 16]);
        let block = BASE64.encode([0u8; 16]);
        let mac = BASE64.encode([0u8; 32]);
        for (text, why) in [
            ("", "type 2"),
            ("3.a|b|c", "type 2"),
            (&format!("2.{iv}|{block}"), "type 2"),
            (&format!("2.{iv}|{block}|{mac}|{mac}"), "type 2"),
            (&format!("2.!!|{block}|{mac}"), "iv of"),
            (&format!("2.{mac}|{block}|{mac}"), "wrong length"),
            (
                &format!("2.{iv}|{}|{mac}", BASE64.encode([0u8; 15])),
                "wrong length",
            ),
            (&format!("2.{iv}||{mac}"), "wrong length"),
            (&format!("2.{iv}|{block}|{iv}"), "wrong length"),
        ] {
            let error = EncString::parse(Some(text), BitwardenField::Data)
                .err()
                .unwrap_or_else(|| panic!("{text} was accepted"));
            assert!(error.to_string().contains(why), "{text}: {error}");
        }
    }

    #[test]
    fn a_wrong_mac_or_key_opens_nothing() {
        let iv = [7u8; IV_LEN];
        let right = keys(1);
        let mut ciphertext = vec![0u8; 32];
        let plain = b"not sixteen bytes";
        ciphertext[..plain.len()].copy_from_slice(plain);
        let padded_len = cbc::Encryptor::<Aes256>::new(right.enc.as_slice().into(), &iv.into())
            .encrypt_padded_mut::<Pkcs7>(&mut ciphertext, plain.len())
            .unwrap()
            .len();
        ciphertext.truncate(padded_len);
        let mut hmac = Hmac::<Sha256>::new_from_slice(right.mac.as_slice()).unwrap();
        hmac.update(&iv);
        hmac.update(&ciphertext);
        let mac: [u8; MAC_LEN] = hmac.finalize().into_bytes().into();
        let sealed = EncString {
            iv,
            ciphertext,
            mac,
        };
        assert_eq!(sealed.open(&right).unwrap().as_slice(), plain);
        assert!(sealed.open(&keys(2)).is_none());
        let mut flipped = sealed;
        flipped.ciphertext[3] ^= 1;
        assert!(flipped.open(&right).is_none());
    }

    #[test]
    fn kdf_settings_outside_bitwardens_ranges_are_refused_before_any_work() {
        let value = |n: u64| serde_json::Value::from(n);
        let (zero, one, big, three, sixty_four, four) = (
            value(0),
            value(1),
            value(2_000_001),
            value(3),
            value(64),
            value(4),
        );
        let huge = value(1025);
        let text = serde_json::Value::from("0");
        let base = Protected {
            salt: Some("c2FsdA=="),
            kdf_type: Some(&zero),
            iterations: Some(&big),
            memory: None,
            parallelism: None,
            validation: None,
            data: None,
        };
        let said = |protected: &Protected<'_>| kdf(protected).unwrap_err().to_string();
        assert!(said(&base).contains("2000001"), "{}", said(&base));
        let argon = Protected {
            kdf_type: Some(&one),
            iterations: Some(&three),
            memory: Some(&huge),
            parallelism: Some(&four),
            ..base
        };
        assert!(
            said(&argon).contains("kdfMemory is 1025"),
            "{}",
            said(&argon)
        );
        let missing = Protected {
            memory: None,
            ..argon
        };
        assert!(said(&missing).contains("kdfMemory is missing"));
        let unknown = Protected {
            kdf_type: Some(&text),
            ..argon
        };
        assert!(said(&unknown).contains("not a number"));
        let fine = Protected {
            memory: Some(&sixty_four),
            ..argon
        };
        assert_eq!(
            kdf(&fine).unwrap(),
            Kdf::Argon2id {
                iterations: 3,
                memory_mib: 64,
                parallelism: 4
            }
        );
    }
}
