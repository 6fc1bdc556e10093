//! age files locked by a passphrase (age's scrypt recipient): the one wrapper the
//! vault (locked by the PIN) and otp's backups (locked by a password) share.
//!
//! - The scrypt work factor is always explicit: age's own calibration picked log_n
//!   20 (1 GiB, seconds per unlock) on small machines.
//! - Opening caps the work factor a file may demand, so a hostile file cannot make
//!   an unlock or a restore take hours and gigabytes.
//! - age's errors are sorted into a wrong passphrase, too much work, a file locked
//!   some other way, and damage ([`OpenError`]); the callers say it in their words.
//!   `DecryptError::ExcessiveWork` is matched, never formatted: its `Display`
//!   panics in debug builds when the file's work factor is below age's calibrated
//!   target.

use std::io::{self, BufRead, Read};
use std::iter;

use age::DecryptError;
use age::armor::ArmoredReader;
use age::secrecy::SecretString;
use zeroize::Zeroizing;

/// Work factor (log2 of scrypt N) for new vaults: about 0.5 s and 256 MiB per unlock.
pub const DEFAULT_WORK_FACTOR: u8 = 18;
/// Largest work factor accepted when writing or opening a file (4 GiB of memory).
pub const MAX_WORK_FACTOR: u8 = 22;
/// Smallest work factor accepted when writing a file.
pub const MIN_WORK_FACTOR: u8 = 10;

const MAGIC_LINE: &[u8] = b"age-encryption.org/v1\n";

/// How the encrypted bytes are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// age's binary format (the vault).
    Binary,
    /// ASCII armor (`-----BEGIN AGE ENCRYPTED FILE-----`, the backup). On opening,
    /// binary files are read too, as `age --decrypt` does.
    Armored,
}

/// Why bytes could not be encrypted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EncryptError {
    /// The work factor is outside `MIN_WORK_FACTOR..=MAX_WORK_FACTOR`.
    #[error(
        "scrypt work factor {given} is outside the supported range {MIN_WORK_FACTOR} to {MAX_WORK_FACTOR}"
    )]
    WorkFactorOutOfRange {
        /// The work factor asked for.
        given: u8,
    },
    /// age refused to encrypt (not expected to happen).
    #[error("age could not encrypt")]
    Failed,
}

/// Why a passphrase-locked age file could not be opened. Never holds a secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum OpenError {
    /// The passphrase does not open the file.
    #[error("wrong passphrase")]
    WrongPassphrase,
    /// The file demands more scrypt work than allowed; nothing was derived.
    #[error("the file asks for scrypt work factor {required}, above the allowed {max}")]
    ExcessiveWork {
        /// The file's work factor (log2 of scrypt N).
        required: u8,
        /// The largest work factor accepted.
        max: u8,
    },
    /// A valid age file, locked with a key rather than a passphrase.
    #[error("the age file is locked with a key, not a passphrase")]
    NotPassphraseLocked,
    /// The bytes are not a readable age file.
    #[error("the age file is damaged: {0}")]
    Damaged(Damage),
}

/// Which part of an age file is damaged, as age tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Damage {
    /// The header fails its structure check (or the bytes are no age file at all).
    Header,
    /// The header fails its integrity check.
    HeaderMac,
    /// An age format newer than this program reads.
    UnknownVersion,
    /// The bytes end before the header does.
    HeaderCutShort,
    /// The ASCII armor is not valid.
    Armor,
    /// Any other reason age gives for not reading the header.
    Unreadable,
    /// The encrypted payload ends early.
    PayloadCutShort,
    /// The encrypted payload fails its integrity check.
    Payload,
}

impl std::fmt::Display for Damage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Damage::Header => "its header is not valid",
            Damage::HeaderMac => "its header fails its integrity check",
            Damage::UnknownVersion => "it is a newer age format",
            Damage::HeaderCutShort => "it ends inside its header",
            Damage::Armor => "its ASCII armor is not valid",
            Damage::Unreadable => "its header cannot be read",
            Damage::PayloadCutShort => "its contents are cut short",
            Damage::Payload => "its contents fail their integrity check",
        })
    }
}

/// Whether `log_n` is a work factor files may be written with.
pub fn work_factor_in_range(log_n: u8) -> bool {
    (MIN_WORK_FACTOR..=MAX_WORK_FACTOR).contains(&log_n)
}

/// Encrypts `plaintext` under `passphrase` with scrypt work factor `log_n`
/// (`MIN_WORK_FACTOR..=MAX_WORK_FACTOR`).
pub fn encrypt(
    plaintext: &[u8],
    passphrase: SecretString,
    log_n: u8,
    encoding: Encoding,
) -> Result<Vec<u8>, EncryptError> {
    if !work_factor_in_range(log_n) {
        return Err(EncryptError::WorkFactorOutOfRange { given: log_n });
    }
    let mut recipient = age::scrypt::Recipient::new(passphrase);
    recipient.set_work_factor(log_n);
    match encoding {
        Encoding::Binary => age::encrypt(&recipient, plaintext),
        Encoding::Armored => age::encrypt_and_armor(&recipient, plaintext).map(String::into_bytes),
    }
    .map_err(|_| EncryptError::Failed)
}

/// A passphrase-locked age file whose header has been read, not yet decrypted:
/// what it takes to find out that a passphrase is needed before asking for one.
pub struct Locked<'a> {
    decryptor: age::Decryptor<Box<dyn BufRead + 'a>>,
    /// The file's length, which the plaintext never exceeds.
    len: usize,
}

impl<'a> Locked<'a> {
    /// Reads the header of `bytes`; refuses files locked some other way.
    pub fn open(bytes: &'a [u8], encoding: Encoding) -> Result<Self, OpenError> {
        let input: Box<dyn BufRead + 'a> = match encoding {
            Encoding::Binary => Box::new(bytes),
            Encoding::Armored => Box::new(ArmoredReader::new(bytes)),
        };
        let decryptor = age::Decryptor::new_buffered(input).map_err(|e| open_error(&e, None))?;
        if !decryptor.is_scrypt() {
            return Err(OpenError::NotPassphraseLocked);
        }
        Ok(Self {
            decryptor,
            len: bytes.len(),
        })
    }

    /// Decrypts with `passphrase`, refusing a work factor above `max_log_n` before
    /// any scrypt work is done.
    pub fn decrypt(
        self,
        passphrase: SecretString,
        max_log_n: u8,
    ) -> Result<Zeroizing<Vec<u8>>, OpenError> {
        let mut identity = age::scrypt::Identity::new(passphrase);
        identity.set_max_work_factor(max_log_n);
        let mut reader = self
            .decryptor
            .decrypt(iter::once(&identity as &dyn age::Identity))
            .map_err(|e| open_error(&e, Some(max_log_n)))?;
        // The plaintext is never longer than the file: reserve it all up front so
        // the buffer never reallocates and leaves unzeroized copies behind.
        let mut plaintext = Zeroizing::new(Vec::with_capacity(self.len));
        reader.read_to_end(&mut plaintext).map_err(|error| {
            OpenError::Damaged(if error.kind() == io::ErrorKind::UnexpectedEof {
                Damage::PayloadCutShort
            } else {
                Damage::Payload
            })
        })?;
        Ok(plaintext)
    }
}

/// Opens and decrypts in one step.
pub fn decrypt(
    bytes: &[u8],
    encoding: Encoding,
    passphrase: SecretString,
    max_log_n: u8,
) -> Result<Zeroizing<Vec<u8>>, OpenError> {
    Locked::open(bytes, encoding)?.decrypt(passphrase, max_log_n)
}

/// Sorts age's error without ever formatting it; `max_log_n` is the cap in force
/// (`None` while only the header is read, when age cannot ask for too much work).
fn open_error(error: &DecryptError, max_log_n: Option<u8>) -> OpenError {
    match error {
        DecryptError::DecryptionFailed
        | DecryptError::KeyDecryptionFailed
        | DecryptError::NoMatchingKeys => OpenError::WrongPassphrase,
        DecryptError::ExcessiveWork { required, .. } => OpenError::ExcessiveWork {
            required: *required,
            max: max_log_n.unwrap_or(MAX_WORK_FACTOR),
        },
        DecryptError::InvalidHeader => OpenError::Damaged(Damage::Header),
        DecryptError::InvalidMac => OpenError::Damaged(Damage::HeaderMac),
        DecryptError::UnknownFormat => OpenError::Damaged(Damage::UnknownVersion),
        DecryptError::Io(io_error) if io_error.kind() == io::ErrorKind::UnexpectedEof => {
            OpenError::Damaged(Damage::HeaderCutShort)
        }
        DecryptError::Io(io_error) if io_error.kind() == io::ErrorKind::InvalidData => {
            OpenError::Damaged(Damage::Armor)
        }
        _ => OpenError::Damaged(Damage::Unreadable),
    }
}

/// The scrypt work factor recorded in a binary age file's header
/// (`-> scrypt <salt> <log_n>`), or `None` when the bytes are not a
/// passphrase-locked binary age file.
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

#[cfg(test)]
mod tests {
    use super::*;

    fn passphrase() -> SecretString {
        SecretString::from("correct horse".to_owned())
    }

    #[test]
    fn both_encodings_round_trip_and_armor_opens_binary_too() {
        let binary = encrypt(b"x", passphrase(), MIN_WORK_FACTOR, Encoding::Binary).unwrap();
        let armored = encrypt(b"x", passphrase(), MIN_WORK_FACTOR, Encoding::Armored).unwrap();
        assert!(armored.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----"));
        assert_eq!(work_factor_of(&binary), Some(MIN_WORK_FACTOR));
        for (bytes, encoding) in [
            (&binary, Encoding::Binary),
            (&binary, Encoding::Armored),
            (&armored, Encoding::Armored),
        ] {
            let plaintext = decrypt(bytes, encoding, passphrase(), MAX_WORK_FACTOR).unwrap();
            assert_eq!(plaintext.as_slice(), b"x");
        }
        // The vault reads binary files only.
        assert!(matches!(
            decrypt(&armored, Encoding::Binary, passphrase(), MAX_WORK_FACTOR),
            Err(OpenError::Damaged(_))
        ));
    }

    #[test]
    fn wrong_passphrase_excessive_work_and_range() {
        let bytes = encrypt(b"x", passphrase(), 12, Encoding::Binary).unwrap();
        let other = SecretString::from("wrong horse".to_owned());
        assert_eq!(
            decrypt(&bytes, Encoding::Binary, other, MAX_WORK_FACTOR),
            Err(OpenError::WrongPassphrase)
        );
        // Below age's calibrated target: formatting age's own error would panic here.
        assert_eq!(
            decrypt(&bytes, Encoding::Binary, passphrase(), 11),
            Err(OpenError::ExcessiveWork {
                required: 12,
                max: 11
            })
        );
        for log_n in [0, MIN_WORK_FACTOR - 1, MAX_WORK_FACTOR + 1, u8::MAX] {
            assert_eq!(
                encrypt(b"x", passphrase(), log_n, Encoding::Armored),
                Err(EncryptError::WorkFactorOutOfRange { given: log_n })
            );
        }
    }

    #[test]
    fn a_file_locked_with_a_key_is_refused_before_any_passphrase() {
        let key = age::x25519::Identity::generate();
        let foreign = age::encrypt(&key.to_public(), b"x").unwrap();
        assert!(matches!(
            Locked::open(&foreign, Encoding::Binary),
            Err(OpenError::NotPassphraseLocked)
        ));
        assert_eq!(work_factor_of(&foreign), None);
    }
}
