//! otp's own backup: the whole vault (HOTP counters included), encrypted with a
//! password.
//!
//! The backup is the vault's TOML payload ([`crate::vault::payload`]) in an
//! ASCII-armored age file locked by age's scrypt passphrase recipient, so
//! `age --decrypt` opens it too. It goes through the vault's own age wrapper
//! ([`crate::age_scrypt`]): the work factor is chosen by the writer and capped on
//! reading, so a crafted file cannot make a restore take hours.

use age::secrecy::SecretString;

use super::error::{ExportProblem, ImportError, Problem};
use super::format::Format;
use super::imported::{Imported, PasswordPrompt};
use crate::accounts::{Account, Store};
use crate::age_scrypt::{
    self, Damage, Encoding, EncryptError, Locked, MAX_WORK_FACTOR, MIN_WORK_FACTOR, OpenError,
};
use crate::vault::payload::{self, PAYLOAD_VERSION, PayloadError};

/// The first line of an ASCII-armored age file.
const ARMOR_BEGIN: &[u8] = b"-----BEGIN AGE ENCRYPTED FILE-----";
/// The first line of a binary age file.
const BINARY_MAGIC: &[u8] = b"age-encryption.org/v1";

/// Whether the bytes start like a backup: an armored or binary age file.
pub fn looks_like(bytes: &[u8]) -> bool {
    bytes.trim_ascii_start().starts_with(ARMOR_BEGIN) || bytes.starts_with(BINARY_MAGIC)
}

/// Decrypts a backup, asking `password` for its password once the file is known to
/// be a password-locked age file.
pub fn read(bytes: &[u8], password: &mut PasswordPrompt<'_>) -> Result<Imported, ImportError> {
    let trimmed = bytes.trim_ascii_start();
    let input = if trimmed.starts_with(ARMOR_BEGIN) {
        trimmed
    } else {
        bytes
    };
    let locked = Locked::open(input, Encoding::Armored).map_err(open_error)?;
    let password = password(Format::Backup)?;
    let plaintext = locked
        .decrypt(
            SecretString::from(password.as_str().to_owned()),
            MAX_WORK_FACTOR,
        )
        .map_err(open_error)?;
    let store = payload::from_bytes(&plaintext).map_err(|error| match error {
        PayloadError::TooNew { found } => ImportError::UnknownVersion {
            format: Format::Backup,
            version: i64::from(found),
            known: i64::from(PAYLOAD_VERSION),
        },
        PayloadError::Invalid(detail) => {
            ImportError::malformed(Format::Backup, Problem::BackupInvalid { detail })
        }
        PayloadError::NotUtf8 => ImportError::malformed(Format::Backup, Problem::NotUtf8),
        PayloadError::BadAccount { name, problem } => {
            ImportError::malformed(Format::Backup, Problem::BackupAccount { name, problem })
        }
    })?;
    Ok(Imported {
        accounts: store.accounts().to_vec(),
        ..Imported::default()
    })
}

/// Encrypts `accounts` with `password` at scrypt work factor `work_factor`
/// (`MIN_WORK_FACTOR..=MAX_WORK_FACTOR`, as for the vault), ASCII-armored.
pub fn write(
    accounts: &[Account],
    password: &str,
    work_factor: u8,
) -> Result<Vec<u8>, ImportError> {
    if !age_scrypt::work_factor_in_range(work_factor) {
        return Err(out_of_range(work_factor));
    }
    if password.is_empty() {
        return Err(ImportError::Export(ExportProblem::BackupEmptyPassword));
    }
    let plaintext = payload::to_toml(&Store::from_accounts(accounts.to_vec()));
    age_scrypt::encrypt(
        plaintext.as_bytes(),
        SecretString::from(password.to_owned()),
        work_factor,
        Encoding::Armored,
    )
    .map_err(|error| match error {
        EncryptError::WorkFactorOutOfRange { given } => out_of_range(given),
        EncryptError::Failed => ImportError::Export(ExportProblem::BackupEncryptFailed),
    })
}

fn out_of_range(work_factor: u8) -> ImportError {
    ImportError::Export(ExportProblem::BackupWorkFactor {
        given: work_factor,
        min: MIN_WORK_FACTOR,
        max: MAX_WORK_FACTOR,
    })
}

/// The backup's words for why its file did not open.
fn open_error(error: OpenError) -> ImportError {
    match error {
        OpenError::WrongPassphrase => ImportError::WrongPassword(Format::Backup),
        OpenError::ExcessiveWork { required, max } => ImportError::malformed(
            Format::Backup,
            Problem::BackupExcessiveWork { required, max },
        ),
        OpenError::NotPassphraseLocked => {
            ImportError::malformed(Format::Backup, Problem::BackupKeyLocked)
        }
        OpenError::Damaged(damage) => ImportError::malformed(
            Format::Backup,
            match damage {
                Damage::Header | Damage::HeaderMac => Problem::BackupHeader,
                Damage::UnknownVersion => Problem::BackupNewerAge,
                Damage::HeaderCutShort => Problem::BackupCutShort,
                Damage::Armor => Problem::BackupArmor,
                Damage::Unreadable => Problem::BackupUnreadable,
                Damage::PayloadCutShort | Damage::Payload => Problem::BackupPayload,
            },
        ),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use std::cell::Cell;

    use super::*;
    use crate::transfer::fixtures::{
        PASSWORD, assert_codes, every_parameter, expected_accounts, is_malformed, no_prompt, prompt,
    };

    /// Cheap scrypt for tests.
    const LOW: u8 = MIN_WORK_FACTOR;

    fn read_with(bytes: &[u8], password: &str) -> (Result<Imported, ImportError>, usize) {
        let calls = Cell::new(0);
        let result = read(bytes, &mut prompt(password, &calls));
        (result, calls.get())
    }

    /// A password-locked age file holding `plaintext`, not armored.
    fn binary(plaintext: &[u8], work_factor: u8) -> Vec<u8> {
        let mut recipient = age::scrypt::Recipient::new(SecretString::from(PASSWORD.to_owned()));
        recipient.set_work_factor(work_factor);
        age::encrypt(&recipient, plaintext).unwrap()
    }

    #[test]
    fn round_trip_keeps_every_parameter_and_counter() {
        let accounts = every_parameter();
        let bytes = write(&accounts, PASSWORD, LOW).unwrap();
        assert!(bytes.starts_with(ARMOR_BEGIN));
        assert!(looks_like(&bytes));
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(
            !text.contains("JBSWY3DP") && !text.contains("user"),
            "{text}"
        );

        let (result, calls) = read_with(&bytes, PASSWORD);
        let imported = result.unwrap();
        assert_eq!(calls, 1);
        assert_eq!(imported.accounts, accounts);
        assert!(imported.notes.is_empty() && imported.unrepresentable.is_empty());
    }

    #[test]
    fn the_test_accounts_keep_their_codes() {
        let bytes = write(&expected_accounts(), PASSWORD, LOW).unwrap();
        assert_codes(&read_with(&bytes, PASSWORD).0.unwrap().accounts);
    }

    #[test]
    fn age_itself_can_open_it() {
        let bytes = write(&expected_accounts(), PASSWORD, LOW).unwrap();
        let identity = age::scrypt::Identity::new(SecretString::from(PASSWORD.to_owned()));
        let plaintext = age::decrypt(&identity, &bytes).unwrap();
        let store = payload::from_bytes(&plaintext).unwrap();
        assert_eq!(store.accounts(), expected_accounts().as_slice());
    }

    #[test]
    fn binary_age_files_and_leading_blank_lines_read_too() {
        let toml = payload::to_toml(&Store::from_accounts(expected_accounts()));
        let bytes = binary(toml.as_bytes(), LOW);
        assert!(looks_like(&bytes));
        assert_eq!(
            read_with(&bytes, PASSWORD).0.unwrap().accounts,
            expected_accounts()
        );

        let mut padded = b"\n  \r\n".to_vec();
        padded.extend(write(&expected_accounts(), PASSWORD, LOW).unwrap());
        assert!(looks_like(&padded));
        assert_eq!(
            read_with(&padded, PASSWORD).0.unwrap().accounts,
            expected_accounts()
        );
    }

    #[test]
    fn wrong_password() {
        let bytes = write(&expected_accounts(), PASSWORD, LOW).unwrap();
        let (result, calls) = read_with(&bytes, "correct horse battery stapl");
        assert_eq!(result, Err(ImportError::WrongPassword(Format::Backup)));
        assert_eq!(calls, 1);
    }

    #[test]
    fn work_factor_and_password_are_checked_on_writing() {
        for work_factor in [0, MIN_WORK_FACTOR - 1, MAX_WORK_FACTOR + 1, u8::MAX] {
            assert!(matches!(
                write(&expected_accounts(), PASSWORD, work_factor),
                Err(ImportError::Export(ExportProblem::BackupWorkFactor { given, .. })) if given == work_factor
            ));
        }
        assert!(matches!(
            write(&expected_accounts(), "", LOW),
            Err(ImportError::Export(_))
        ));
    }

    #[test]
    fn excessive_work_is_refused_without_panicking() {
        let bytes = binary(b"version = 1\n", LOW);
        let text = String::from_utf8_lossy(&bytes).into_owned();
        for demanded in [MAX_WORK_FACTOR + 1, 30, 63] {
            let patched = text.replacen(&format!(" {LOW}\n"), &format!(" {demanded}\n"), 1);
            assert_ne!(patched, text);
            let (result, calls) = read_with(patched.as_bytes(), PASSWORD);
            assert!(
                is_malformed(&result, Format::Backup, &format!("work factor {demanded}")),
                "{result:?}"
            );
            assert_eq!(calls, 1);
        }
    }

    #[test]
    fn foreign_and_garbage_files_are_malformed_without_asking() {
        let key = age::x25519::Identity::generate();
        let foreign = age::encrypt(&key.to_public(), b"version = 1\n").unwrap();
        let (result, calls) = read_with(&foreign, PASSWORD);
        assert!(
            is_malformed(&result, Format::Backup, "not with a password"),
            "{result:?}"
        );
        assert_eq!(calls, 0);
        for garbage in [
            &b""[..],
            b"hello",
            b"age-encryption.org/v1\n",
            b"age-encryption.org/v2\n-> x\n--- AAAA\n",
            b"-----BEGIN AGE ENCRYPTED FILE-----\n",
            b"-----BEGIN AGE ENCRYPTED FILE-----\n!!!!\n-----END AGE ENCRYPTED FILE-----\n",
        ] {
            assert!(matches!(
                read(garbage, &mut no_prompt),
                Err(ImportError::Malformed { .. })
            ));
        }
    }

    #[test]
    fn newer_and_invalid_payloads() {
        let newer = binary(b"version = 5\naccounts = []\n", LOW);
        assert_eq!(
            read_with(&newer, PASSWORD).0,
            Err(ImportError::UnknownVersion {
                format: Format::Backup,
                version: 5,
                known: 4
            })
        );
        let invalid = binary(b"not toml at all", LOW);
        assert!(is_malformed(
            &read_with(&invalid, PASSWORD).0,
            Format::Backup,
            "not valid"
        ));
    }

    /// A payload holding a push link (a copy of a vault) imports as its accounts:
    /// device keys never travel with accounts, and a backup never holds one.
    #[test]
    fn device_keys_stay_out_of_backups() {
        let mut store = Store::from_accounts(expected_accounts());
        store.set_push_link(
            0,
            crate::accounts::PushLink::new(
                "https://otp.example.org".into(),
                "U1034".into(),
                "jklee".into(),
                "T-1".into(),
                zeroize::Zeroizing::new([9; 32]),
            ),
        );
        let with_link = payload::to_toml(&store);
        assert!(with_link.contains("device_key"));
        let imported = read_with(&binary(with_link.as_bytes(), LOW), PASSWORD)
            .0
            .unwrap();
        assert_eq!(imported.accounts, expected_accounts());
        let written = write(store.accounts(), PASSWORD, LOW).unwrap();
        let back = read_with(&written, PASSWORD).0.unwrap();
        assert_eq!(back.accounts, expected_accounts());
        let identity = age::scrypt::Identity::new(SecretString::from(PASSWORD.to_owned()));
        let plaintext = age::decrypt(&identity, &written).unwrap();
        let text = String::from_utf8(plaintext).unwrap();
        assert!(!text.contains("device_key") && !text.contains("push_links"));
    }

    #[test]
    fn every_truncation_is_an_error() {
        let bytes = write(&expected_accounts(), PASSWORD, LOW).unwrap();
        let end = bytes.trim_ascii_end().len();
        for cut in 0..end {
            let (result, _) = read_with(&bytes[..cut], PASSWORD);
            assert!(
                matches!(result, Err(ImportError::Malformed { .. })),
                "cut at {cut}: {result:?}"
            );
        }
    }

    #[test]
    fn every_bit_flip_is_an_error_or_harmless() {
        let accounts = expected_accounts();
        let mut bytes = write(&accounts, PASSWORD, LOW).unwrap();
        for index in 0..bytes.len() {
            let original = bytes[index];
            let bit = 1u8 << (index % 8);
            bytes[index] ^= bit;
            let (result, _) = read_with(&bytes, PASSWORD);
            bytes[index] = original;
            if let Ok(imported) = result {
                // Only a change in the whitespace around the armor is harmless.
                assert!(
                    original.is_ascii_whitespace() && (original ^ bit).is_ascii_whitespace()
                        || index >= bytes.trim_ascii_end().len(),
                    "flip at {index} was accepted"
                );
                assert_eq!(
                    imported.accounts, accounts,
                    "flip at {index} changed the accounts"
                );
            }
        }
    }
}
