//! andOTP's encrypted backup (`otp_accounts.json.aes`), in both layouts andOTP
//! restores (andOTP's `BackupHelper`, `EncryptionHelper`, `Constants` and
//! `EncryptedRestoreTask`):
//!
//! ```text
//! current: iterations (4 bytes, big-endian) ‖ salt (12) ‖ nonce (12) ‖ AES-256-GCM ciphertext ‖ tag (16)
//!          key: PBKDF2-HMAC-SHA1 of the UTF-8 password, 256 bits
//! old:     nonce (12) ‖ AES-256-GCM ciphertext ‖ tag (16)
//!          key: SHA-256 of the UTF-8 password
//! ```
//!
//! The plaintext is the plain backup, read by [`super::andotp`].
//!
//! Neither layout has a magic number. andOTP asks the user which one a file is; otp
//! tries the old one first (a hash and a tag check: nothing to wait for), then the
//! current one. The iteration count comes from the file, so it is held to at most
//! [`MAX_ITERATIONS`] before any work: andOTP draws it from 140 000 to 160 000,
//! and a crafted count of four billion would keep otp busy for hours. A count above the limit is said together with a wrong
//! password ([`ImportError::AndOtpIterations`]): an old-format backup's first bytes
//! are noise, so with a wrong password they read as such a count far more often
//! than a crafted file shows up. GCM cannot tell a wrong password from a damaged
//! file: a failed tag is reported as a wrong password.
//!
//! Recognising the file: the current layout starts with an iteration count andOTP
//! would write, which no text file does (its first byte is 0). A file in the old
//! layout is noise from its first byte and cannot be recognised: it is read when
//! named with `--format andotp-encrypted` (and otp's unknown-format message for a
//! file that is not text says so).

use aes_gcm::Aes256Gcm;
use aes_gcm::aead::{Aead, KeyInit};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::error::{ImportError, Problem};
use super::format::Format;
use super::imported::{Imported, PasswordPrompt};

const KEY_LEN: usize = 32;
const COUNT_LEN: usize = 4;
const SALT_LEN: usize = 12;
const NONCE_LEN: usize = 12;
const TAG_LEN: usize = 16;
/// The most PBKDF2 iterations otp derives a key with: six times andOTP's most.
pub const MAX_ITERATIONS: u32 = 1_000_000;
/// The fewest iterations a file is recognised by: far below what andOTP writes, and
/// high enough that a file starting with three zero bytes is not taken for one.
const LEAST_RECOGNISED: u32 = 1_000;

/// Whether the bytes look like an encrypted andOTP backup of the current layout:
/// long enough, and starting with an iteration count andOTP could have written.
pub fn looks_like(bytes: &[u8]) -> bool {
    bytes.len() >= COUNT_LEN + SALT_LEN + NONCE_LEN + TAG_LEN
        && iterations(bytes)
            .is_some_and(|count| (LEAST_RECOGNISED..=MAX_ITERATIONS).contains(&count))
}

/// The first four bytes as a big-endian count.
fn iterations(bytes: &[u8]) -> Option<u32> {
    let count: [u8; COUNT_LEN] = bytes.get(..COUNT_LEN)?.try_into().ok()?;
    Some(u32::from_be_bytes(count))
}

/// Reads an encrypted andOTP backup of either layout, asking `password` once.
pub fn read(bytes: &[u8], password: &mut PasswordPrompt<'_>) -> Result<Imported, ImportError> {
    read_with(bytes, password, &mut derive_key)
}

/// How the current layout's key is derived from a password, a salt and a count
/// ([`derive_key`], except in tests that read many damaged copies of a file).
type DeriveKey<'a> = dyn FnMut(&[u8], &[u8], u32) -> Zeroizing<[u8; KEY_LEN]> + 'a;

fn derive_key(password: &[u8], salt: &[u8], iterations: u32) -> Zeroizing<[u8; KEY_LEN]> {
    let mut key = Zeroizing::new([0u8; KEY_LEN]);
    pbkdf2::pbkdf2_hmac::<sha1::Sha1>(password, salt, iterations, key.as_mut());
    key
}

fn malformed(problem: Problem) -> ImportError {
    ImportError::malformed(Format::AndOtpEncrypted, problem)
}

fn read_with(
    bytes: &[u8],
    password: &mut PasswordPrompt<'_>,
    derive: &mut DeriveKey<'_>,
) -> Result<Imported, ImportError> {
    if bytes.len() < NONCE_LEN + TAG_LEN {
        return Err(malformed(Problem::AndOtpCutShort));
    }
    let password = password(Format::AndOtpEncrypted)?;
    let plaintext = match open_old(bytes, &password) {
        Some(plaintext) => plaintext,
        None => open_current(bytes, &password, derive)?,
    };
    let text = std::str::from_utf8(&plaintext).map_err(|_| malformed(Problem::NotUtf8))?;
    // The backup inside is andOTP's plain one; its problems are this file's.
    super::andotp::read(text).map_err(|error| match error {
        ImportError::Malformed {
            format: Format::AndOtp,
            problem,
        } => malformed(problem),
        other => other,
    })
}

/// AES-256-GCM with `key` over `nonce ‖ sealed`, or `None` when the tag fails.
fn open(key: &[u8; KEY_LEN], nonce_and_sealed: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    let (nonce, sealed) = nonce_and_sealed.split_at_checked(NONCE_LEN)?;
    let cipher = Aes256Gcm::new_from_slice(key).ok()?;
    cipher
        .decrypt(nonce.into(), sealed)
        .ok()
        .map(Zeroizing::new)
}

/// The old layout: the key is SHA-256 of the password.
fn open_old(bytes: &[u8], password: &str) -> Option<Zeroizing<Vec<u8>>> {
    open(&old_key(password), bytes)
}

/// The old layout's key: SHA-256 of the password, written straight into a buffer
/// that is wiped when dropped.
fn old_key(password: &str) -> Zeroizing<[u8; KEY_LEN]> {
    let mut key = Zeroizing::new([0u8; KEY_LEN]);
    Sha256::new()
        .chain_update(password.as_bytes())
        .finalize_into(sha2::digest::generic_array::GenericArray::from_mut_slice(
            key.as_mut_slice(),
        ));
    key
}

/// The current layout, its iteration count held to otp's limit first.
fn open_current(
    bytes: &[u8],
    password: &str,
    derive: &mut DeriveKey<'_>,
) -> Result<Zeroizing<Vec<u8>>, ImportError> {
    let wrong = || ImportError::WrongPassword(Format::AndOtpEncrypted);
    // Too short for this layout: only the old one could be meant, and it failed.
    let iterations = iterations(bytes).ok_or_else(wrong)?;
    let (salt, rest) = bytes
        .get(COUNT_LEN..)
        .and_then(|rest| rest.split_at_checked(SALT_LEN))
        .filter(|(_, rest)| rest.len() >= NONCE_LEN + TAG_LEN)
        .ok_or_else(wrong)?;
    if !(1..=MAX_ITERATIONS).contains(&iterations) {
        return Err(ImportError::AndOtpIterations {
            iterations,
            max: MAX_ITERATIONS,
        });
    }
    let key = derive(password.as_bytes(), salt, iterations);
    open(&key, rest).ok_or_else(wrong)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use std::cell::Cell;

    use super::*;
    use crate::transfer::fixtures::{PASSWORD, assert_codes, no_prompt, prompt};

    const CURRENT: &[u8] = include_bytes!("../../tests/data/import/andotp-encrypted.json.aes");
    const OLD: &[u8] = include_bytes!("../../tests/data/import/andotp-encrypted-old.json.aes");

    /// The fixture's key, derived once, for the right password, salt and count;
    /// another key for anything else.
    fn fixture_key() -> impl FnMut(&[u8], &[u8], u32) -> Zeroizing<[u8; KEY_LEN]> {
        let salt = CURRENT[COUNT_LEN..COUNT_LEN + SALT_LEN].to_vec();
        let count = iterations(CURRENT).unwrap();
        let right = derive_key(PASSWORD.as_bytes(), &salt, count);
        move |password: &[u8], given: &[u8], iterations| {
            if password == PASSWORD.as_bytes() && given == salt && iterations == count {
                right.clone()
            } else {
                Zeroizing::new([0xa5; KEY_LEN])
            }
        }
    }

    #[test]
    fn recognises_the_current_layout_only() {
        assert!(looks_like(CURRENT));
        assert!(!looks_like(OLD));
        assert!(!looks_like(&CURRENT[..40]));
        assert!(!looks_like(
            b"[{\"secret\": \"JBSWY3DPEHPK3PXP\", \"label\": \"a\"}]"
        ));
        let mut huge = CURRENT.to_vec();
        huge[..4].copy_from_slice(&(MAX_ITERATIONS + 1).to_be_bytes());
        assert!(!looks_like(&huge));
    }

    #[test]
    fn reads_both_layouts_with_the_real_key_derivation_and_asks_once() {
        for bytes in [CURRENT, OLD] {
            let calls = Cell::new(0);
            let imported = read(bytes, &mut prompt(PASSWORD, &calls)).unwrap();
            assert_eq!(calls.get(), 1);
            let labels: Vec<String> = imported.accounts.iter().map(|a| a.label()).collect();
            assert_eq!(labels, crate::transfer::fixtures::LABELS);
            assert!(imported.left_out().is_empty());
            assert_codes(&imported.accounts);
        }
    }

    #[test]
    fn a_wrong_password_is_a_wrong_password_in_both_layouts() {
        assert_eq!(
            read_with(
                CURRENT,
                &mut prompt("not it", &Cell::new(0)),
                &mut fixture_key()
            ),
            Err(ImportError::WrongPassword(Format::AndOtpEncrypted))
        );
        // The old layout's first bytes are noise: read as a count, this file's ask
        // for more than otp derives with, and the sentence says both.
        let old = read_with(
            OLD,
            &mut prompt("not it", &Cell::new(0)),
            &mut fixture_key(),
        );
        assert_eq!(old, Err(wrong_password_for(OLD)));
        assert!(matches!(old, Err(ImportError::AndOtpIterations { .. })));
        assert!(old.unwrap_err().to_string().starts_with("wrong password"));
    }

    /// What a wrong password (or a damaged byte) gives for `bytes`: a wrong
    /// password, said with the count when the first bytes ask for too much work.
    fn wrong_password_for(bytes: &[u8]) -> ImportError {
        match iterations(bytes).unwrap() {
            count if !(1..=MAX_ITERATIONS).contains(&count) => ImportError::AndOtpIterations {
                iterations: count,
                max: MAX_ITERATIONS,
            },
            _ => ImportError::WrongPassword(Format::AndOtpEncrypted),
        }
    }

    /// Every flipped byte is refused (GCM: as a wrong password), never imported.
    #[test]
    fn every_flipped_byte_is_refused() {
        let mut derive = fixture_key();
        for bytes in [CURRENT, OLD] {
            for index in 0..bytes.len() {
                let mut flipped = bytes.to_vec();
                flipped[index] ^= 0x01;
                let result = read_with(&flipped, &mut prompt(PASSWORD, &Cell::new(0)), &mut derive);
                assert_eq!(result, Err(wrong_password_for(&flipped)), "flip at {index}");
            }
        }
    }

    /// A count above the limit is refused without deriving anything, saying so; a
    /// file too short for any layout is refused before the prompt.
    #[test]
    fn a_hostile_count_and_a_stub_are_refused_without_work() {
        for count in [0, MAX_ITERATIONS + 1, u32::MAX] {
            let mut hostile = CURRENT.to_vec();
            hostile[..4].copy_from_slice(&count.to_be_bytes());
            let mut derive = |_: &[u8], _: &[u8], _: u32| -> Zeroizing<[u8; KEY_LEN]> {
                panic!("derived a key for {count} iterations")
            };
            let result = read_with(&hostile, &mut prompt(PASSWORD, &Cell::new(0)), &mut derive);
            assert_eq!(
                result,
                Err(ImportError::AndOtpIterations {
                    iterations: count,
                    max: MAX_ITERATIONS
                })
            );
            let said = result.unwrap_err().to_string();
            assert!(
                said.contains(&count.to_string()) && said.contains("1000000"),
                "{said}"
            );
        }
        assert_eq!(
            read(&CURRENT[..NONCE_LEN + TAG_LEN - 1], &mut no_prompt),
            Err(malformed(Problem::AndOtpCutShort))
        );
    }

    /// Plaintext that is not an andOTP backup is this file's problem, named as the
    /// encrypted backup.
    #[test]
    fn a_decrypted_text_that_is_not_a_backup_names_the_encrypted_format() {
        let key = old_key(PASSWORD);
        let nonce = [7u8; NONCE_LEN];
        let sealed = Aes256Gcm::new_from_slice(key.as_slice())
            .unwrap()
            .encrypt((&nonce).into(), &b"{\"not\": \"a list\"}"[..])
            .unwrap();
        let file = [&nonce[..], &sealed].concat();
        let result = read(&file, &mut prompt(PASSWORD, &Cell::new(0)));
        assert!(
            matches!(
                result,
                Err(ImportError::Malformed {
                    format: Format::AndOtpEncrypted,
                    ..
                })
            ),
            "{result:?}"
        );
    }
}
