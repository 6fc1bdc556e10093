//! age encryption of the vault bytes under the PIN (scrypt passphrase recipient).
//!
//! The scrypt work factor is always explicit: age's own calibration picked log_n 20
//! (1 GiB, seconds per unlock) on small machines. Decryption caps the work factor a
//! file may demand, so a hostile file cannot make an unlock take hours.
//!
//! `DecryptError::ExcessiveWork` is matched, never formatted: its `Display` panics in
//! debug builds when the file's work factor is below age's calibrated target.

use std::io::{self, Read};
use std::iter;

use age::DecryptError;
use zeroize::Zeroizing;

use super::error::{DamageReason, VaultError};
use super::pin::Pin;

/// Work factor (log2 of scrypt N) for new vaults: about 0.5 s and 256 MiB per unlock.
pub const DEFAULT_WORK_FACTOR: u8 = 18;
/// Largest work factor accepted when writing or opening a vault (4 GiB of memory).
pub const MAX_WORK_FACTOR: u8 = 22;
/// Smallest work factor accepted when writing a vault.
pub const MIN_WORK_FACTOR: u8 = 10;

const MAGIC_LINE: &[u8] = b"age-encryption.org/v1\n";
const MAGIC_PREFIX: &[u8] = b"age-encryption.org/";

/// Encrypts `plaintext` under `pin` with scrypt work factor `log_n`
/// (`MIN_WORK_FACTOR..=MAX_WORK_FACTOR`).
pub fn encrypt(plaintext: &[u8], pin: &Pin, log_n: u8) -> Result<Vec<u8>, VaultError> {
    if !(MIN_WORK_FACTOR..=MAX_WORK_FACTOR).contains(&log_n) {
        return Err(VaultError::WorkFactorOutOfRange {
            given: log_n,
            min: MIN_WORK_FACTOR,
            max: MAX_WORK_FACTOR,
        });
    }
    let mut recipient = age::scrypt::Recipient::new(pin.passphrase());
    recipient.set_work_factor(log_n);
    age::encrypt(&recipient, plaintext).map_err(|_| VaultError::EncryptionFailed)
}

/// Decrypts a vault file's bytes with `pin`, refusing files whose work factor is
/// above `max_log_n`.
///
/// A wrong PIN gives `WrongPin { attempts_left: 0 }` and damage gives `Damaged` with
/// an empty path: this layer knows neither the attempt count nor the file, and
/// [`Vault`](super::Vault) fills both in.
pub fn decrypt(
    ciphertext: &[u8],
    pin: &Pin,
    max_log_n: u8,
) -> Result<Zeroizing<Vec<u8>>, VaultError> {
    let decryptor = age::Decryptor::new_buffered(ciphertext)
        .map_err(|error| map_decrypt_error(&error, ciphertext, max_log_n))?;
    if !decryptor.is_scrypt() {
        return Err(damaged(DamageReason::NotPinLocked));
    }
    let mut identity = age::scrypt::Identity::new(pin.passphrase());
    identity.set_max_work_factor(max_log_n);
    let mut reader = decryptor
        .decrypt(iter::once(&identity as &dyn age::Identity))
        .map_err(|error| map_decrypt_error(&error, ciphertext, max_log_n))?;
    // The plaintext is never longer than the ciphertext: reserve it all up front so
    // the buffer never reallocates and leaves unzeroized copies behind.
    let mut plaintext = Zeroizing::new(Vec::with_capacity(ciphertext.len()));
    reader
        .read_to_end(&mut plaintext)
        .map_err(|error| damaged(payload_reason(&error)))?;
    Ok(plaintext)
}

/// The scrypt work factor recorded in an age file's header (`-> scrypt <salt> <log_n>`),
/// or `None` when the bytes are not a PIN-locked age file.
pub fn work_factor_of(ciphertext: &[u8]) -> Option<u8> {
    let rest = ciphertext.strip_prefix(MAGIC_LINE)?;
    let line_end = rest.iter().take(128).position(|&b| b == b'\n')?;
    let line = std::str::from_utf8(&rest[..line_end]).ok()?;
    let mut words = line.split(' ');
    if words.next()? != "->" || words.next()? != "scrypt" {
        return None;
    }
    let _salt = words.next()?;
    let log_n = words.next()?;
    if words.next().is_some()
        || log_n.is_empty()
        || log_n.len() > 2
        || log_n.starts_with('0')
        || !log_n.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    log_n.parse().ok()
}

fn damaged(reason: DamageReason) -> VaultError {
    VaultError::Damaged {
        path: Default::default(),
        reason,
        backup: None,
    }
}

/// Maps age's error without ever formatting it.
fn map_decrypt_error(error: &DecryptError, ciphertext: &[u8], max_log_n: u8) -> VaultError {
    match error {
        DecryptError::DecryptionFailed
        | DecryptError::KeyDecryptionFailed
        | DecryptError::NoMatchingKeys => VaultError::WrongPin { attempts_left: 0 },
        DecryptError::ExcessiveWork { required, .. } => VaultError::ExcessiveWork {
            required: *required,
            max: max_log_n,
        },
        DecryptError::InvalidHeader => damaged(header_reason(ciphertext)),
        DecryptError::UnknownFormat => damaged(DamageReason::UnknownVersion),
        DecryptError::InvalidMac => damaged(DamageReason::HeaderDamaged),
        DecryptError::Io(io_error) if io_error.kind() == io::ErrorKind::UnexpectedEof => {
            damaged(if ciphertext.is_empty() {
                DamageReason::Empty
            } else if starts_like_age(ciphertext) {
                DamageReason::Truncated
            } else {
                DamageReason::NotAnAgeFile
            })
        }
        _ => damaged(header_reason(ciphertext)),
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

fn payload_reason(error: &io::Error) -> DamageReason {
    if error.kind() == io::ErrorKind::UnexpectedEof {
        DamageReason::Truncated
    } else {
        DamageReason::PayloadDamaged
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
