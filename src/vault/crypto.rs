//! age encryption of the vault bytes under the PIN, through the crate's one
//! passphrase-age wrapper ([`crate::age_scrypt`]): binary age files, an explicit
//! work factor, a capped one on open. This file says in the vault's words what
//! went wrong ([`VaultError`], [`DamageReason`]).

use zeroize::Zeroizing;

use super::error::{DamageReason, VaultError};
use super::pin::Pin;
use crate::age_scrypt::{self, Damage, Encoding, EncryptError, OpenError};

pub use crate::age_scrypt::{
    DEFAULT_WORK_FACTOR, MAX_WORK_FACTOR, MIN_WORK_FACTOR, work_factor_of,
};

const MAGIC_LINE: &[u8] = b"age-encryption.org/v1\n";
const MAGIC_PREFIX: &[u8] = b"age-encryption.org/";

/// Encrypts `plaintext` under `pin` with scrypt work factor `log_n`
/// (`MIN_WORK_FACTOR..=MAX_WORK_FACTOR`).
pub fn encrypt(plaintext: &[u8], pin: &Pin, log_n: u8) -> Result<Vec<u8>, VaultError> {
    age_scrypt::encrypt(plaintext, pin.passphrase(), log_n, Encoding::Binary).map_err(|error| {
        match error {
            EncryptError::WorkFactorOutOfRange { given } => VaultError::WorkFactorOutOfRange {
                given,
                min: MIN_WORK_FACTOR,
                max: MAX_WORK_FACTOR,
            },
            EncryptError::Failed => VaultError::EncryptionFailed,
        }
    })
}

/// Decrypts a vault file's bytes with `pin`, refusing files whose work factor is
/// above `max_log_n`.
///
/// A wrong PIN gives `WrongPin { attempts_left: 0 }` and damage gives `Damaged` with
/// an empty path: this layer knows neither the attempt count nor the file, and
/// the `Vault` that called fills both in.
pub fn decrypt(
    ciphertext: &[u8],
    pin: &Pin,
    max_log_n: u8,
) -> Result<Zeroizing<Vec<u8>>, VaultError> {
    age_scrypt::decrypt(ciphertext, Encoding::Binary, pin.passphrase(), max_log_n)
        .map_err(|error| vault_error(error, ciphertext))
}

/// The checks that need no PIN, done before any key derivation: the bytes are a
/// PIN-locked age file whose header parses, and its work factor is allowed. A file
/// that fails them is damaged (or foreign), never a wrong PIN.
pub fn check(ciphertext: &[u8], max_log_n: u8) -> Result<(), VaultError> {
    age_scrypt::Locked::open(ciphertext, Encoding::Binary)
        .map_err(|error| vault_error(error, ciphertext))?;
    match work_factor_of(ciphertext) {
        Some(required) if required > max_log_n => Err(VaultError::ExcessiveWork {
            required,
            max: max_log_n,
        }),
        _ => Ok(()),
    }
}

/// The vault's words for why its file did not open.
fn vault_error(error: OpenError, ciphertext: &[u8]) -> VaultError {
    let reason = match error {
        OpenError::WrongPassphrase => return VaultError::WrongPin { attempts_left: 0 },
        OpenError::ExcessiveWork { required, max } => {
            return VaultError::ExcessiveWork { required, max };
        }
        OpenError::NotPassphraseLocked => DamageReason::NotPinLocked,
        OpenError::Damaged(damage) => match damage {
            Damage::HeaderMac => DamageReason::HeaderDamaged,
            Damage::UnknownVersion => DamageReason::UnknownVersion,
            Damage::HeaderCutShort => {
                if ciphertext.is_empty() {
                    DamageReason::Empty
                } else if starts_like_age(ciphertext) {
                    DamageReason::Truncated
                } else {
                    DamageReason::NotAnAgeFile
                }
            }
            Damage::PayloadCutShort => DamageReason::Truncated,
            Damage::Payload => DamageReason::PayloadDamaged,
            Damage::Header | Damage::Armor | Damage::Unreadable => header_reason(ciphertext),
        },
    };
    VaultError::Damaged {
        path: Default::default(),
        reason,
        backup: None,
    }
}

/// Whether the bytes begin the way an age file does (or are a cut-off start of it).
fn starts_like_age(ciphertext: &[u8]) -> bool {
    let n = ciphertext.len().min(MAGIC_PREFIX.len());
    ciphertext[..n] == MAGIC_PREFIX[..n]
}

fn header_reason(ciphertext: &[u8]) -> DamageReason {
    if ciphertext.is_empty() {
        DamageReason::Empty
    } else if ciphertext.starts_with(MAGIC_LINE) {
        DamageReason::HeaderDamaged
    } else if starts_like_age(ciphertext) {
        DamageReason::UnknownVersion
    } else {
        DamageReason::NotAnAgeFile
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOW: u8 = MIN_WORK_FACTOR;

    fn pin() -> Pin {
        Pin::new_checked("135790").unwrap()
    }

    fn reason(result: Result<Zeroizing<Vec<u8>>, VaultError>) -> DamageReason {
        match result {
            Err(VaultError::Damaged { reason, .. }) => reason,
            Err(other) => panic!("expected Damaged, got {other:?}"),
            Ok(_) => panic!("expected Damaged, got a plaintext"),
        }
    }

    #[test]
    fn round_trip_and_work_factor() {
        let ciphertext = encrypt(b"version = 1\n", &pin(), LOW).unwrap();
        assert_eq!(work_factor_of(&ciphertext), Some(LOW));
        let plaintext = decrypt(&ciphertext, &pin(), MAX_WORK_FACTOR).unwrap();
        assert_eq!(plaintext.as_slice(), b"version = 1\n");
        let empty = encrypt(b"", &pin(), 11).unwrap();
        assert_eq!(work_factor_of(&empty), Some(11));
        assert!(decrypt(&empty, &pin(), MAX_WORK_FACTOR).unwrap().is_empty());
    }

    #[test]
    fn round_trip_at_default_work_factor() {
        let ciphertext = encrypt(b"accounts", &pin(), DEFAULT_WORK_FACTOR).unwrap();
        assert_eq!(work_factor_of(&ciphertext), Some(DEFAULT_WORK_FACTOR));
        let plaintext = decrypt(&ciphertext, &pin(), MAX_WORK_FACTOR).unwrap();
        assert_eq!(plaintext.as_slice(), b"accounts");
    }

    #[test]
    fn wrong_pin() {
        let ciphertext = encrypt(b"x", &pin(), LOW).unwrap();
        let other = Pin::for_unlock("135791").unwrap();
        assert!(matches!(
            decrypt(&ciphertext, &other, MAX_WORK_FACTOR),
            Err(VaultError::WrongPin { .. })
        ));
    }

    #[test]
    fn work_factor_out_of_range_is_refused() {
        for log_n in [0, 9, 23, 64, 255] {
            assert!(matches!(
                encrypt(b"x", &pin(), log_n),
                Err(VaultError::WorkFactorOutOfRange { given, .. }) if given == log_n
            ));
        }
    }

    #[test]
    fn excessive_work_is_reported_without_panicking() {
        let ciphertext = encrypt(b"x", &pin(), 12).unwrap();
        // Below age's calibrated target: formatting age's own error would panic here.
        let error = decrypt(&ciphertext, &pin(), 11).unwrap_err();
        assert!(matches!(
            error,
            VaultError::ExcessiveWork {
                required: 12,
                max: 11
            }
        ));
        assert!(error.to_string().contains("work factor 12"));

        // A header claiming log_n 30 is refused before any scrypt work is done.
        let text = String::from_utf8_lossy(&ciphertext).into_owned();
        let patched = text.replacen(" 12\n", " 30\n", 1);
        assert_ne!(text, patched);
        let error = decrypt(patched.as_bytes(), &pin(), MAX_WORK_FACTOR).unwrap_err();
        assert!(matches!(
            error,
            VaultError::ExcessiveWork {
                required: 30,
                max: MAX_WORK_FACTOR
            }
        ));
        assert_eq!(work_factor_of(patched.as_bytes()), Some(30));
    }

    #[test]
    fn every_truncation_is_damage_never_a_plaintext() {
        let ciphertext = encrypt(b"version = 1\naccounts = []\n", &pin(), LOW).unwrap();
        let header_end = ciphertext.windows(4).position(|w| w == b"\n---").unwrap();
        for cut in 0..ciphertext.len() {
            let reason = reason(decrypt(&ciphertext[..cut], &pin(), MAX_WORK_FACTOR));
            let expected = if cut == 0 {
                vec![DamageReason::Empty]
            } else if cut <= header_end {
                vec![DamageReason::Truncated]
            } else {
                vec![DamageReason::Truncated, DamageReason::PayloadDamaged]
            };
            assert!(expected.contains(&reason), "cut at {cut}: {reason:?}");
        }
    }

    #[test]
    fn garbage_and_foreign_files_are_damage() {
        assert_eq!(
            reason(decrypt(b"hello world\n", &pin(), MAX_WORK_FACTOR)),
            DamageReason::NotAnAgeFile
        );
        assert_eq!(
            reason(decrypt(&[0u8; 300], &pin(), MAX_WORK_FACTOR)),
            DamageReason::NotAnAgeFile
        );
        assert_eq!(
            reason(decrypt(b"[accounts]\nx = 1\n", &pin(), MAX_WORK_FACTOR)),
            DamageReason::NotAnAgeFile
        );
        assert_eq!(
            reason(decrypt(
                b"age-encryption.org/v2\n-> x\n--- AAAA\n",
                &pin(),
                MAX_WORK_FACTOR
            )),
            DamageReason::UnknownVersion
        );

        // An age file locked with an X25519 key rather than a PIN.
        let key = age::x25519::Identity::generate();
        let foreign = age::encrypt(&key.to_public(), b"x").unwrap();
        assert_eq!(
            reason(decrypt(&foreign, &pin(), MAX_WORK_FACTOR)),
            DamageReason::NotPinLocked
        );
        assert_eq!(work_factor_of(&foreign), None);

        // A flipped bit in the payload.
        let mut flipped = encrypt(b"payload", &pin(), LOW).unwrap();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        assert_eq!(
            reason(decrypt(&flipped, &pin(), MAX_WORK_FACTOR)),
            DamageReason::PayloadDamaged
        );
    }

    #[test]
    fn work_factor_parsing() {
        assert_eq!(work_factor_of(b""), None);
        assert_eq!(work_factor_of(b"garbage"), None);
        assert_eq!(
            work_factor_of(b"age-encryption.org/v1\n-> scrypt c2FsdA 18\n"),
            Some(18)
        );
        assert_eq!(
            work_factor_of(b"age-encryption.org/v1\n-> scrypt c2FsdA 018\n"),
            None
        );
        assert_eq!(
            work_factor_of(b"age-encryption.org/v1\n-> scrypt c2FsdA 300\n"),
            None
        );
        assert_eq!(
            work_factor_of(b"age-encryption.org/v1\n-> X25519 c2FsdA\n"),
            None
        );
        assert_eq!(
            work_factor_of(b"age-encryption.org/v1\n-> scrypt c2FsdA 18"),
            None
        );
    }
}
