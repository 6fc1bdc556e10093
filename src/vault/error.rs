//! What can go wrong with the vault, as typed values: the sentences a person reads
//! come from the catalogues (`crate::i18n`, `Localize`); `Display` is short English
//! for logs and `Debug`. No error ever holds the PIN or the payload.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use super::pin::PinError;

/// Why the vault file could not be read as a PIN-locked age file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DamageReason {
    /// The file has no bytes at all.
    Empty,
    /// The file ends before the age format says it should.
    Truncated,
    /// The file does not start like an age file.
    NotAnAgeFile,
    /// An age file of a version this program does not know.
    UnknownVersion,
    /// A valid age file, but locked with a key rather than a PIN.
    NotPinLocked,
    /// The age header fails its structure or integrity check.
    HeaderDamaged,
    /// The encrypted payload fails its integrity check (changed, or cut short).
    PayloadDamaged,
    /// Far larger than any vault this program writes.
    TooLarge,
}

impl fmt::Display for DamageReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Empty => "the file is empty",
            Self::Truncated => "the file is cut short",
            Self::NotAnAgeFile => "it is not an age-encrypted file",
            Self::UnknownVersion => "it is an age file of a newer version this program cannot read",
            Self::NotPinLocked => "it is an age file, but locked with a key, not with a PIN",
            Self::HeaderDamaged => "its header is damaged",
            Self::PayloadDamaged => "its encrypted contents are damaged or cut short",
            Self::TooLarge => "it is far larger than any vault",
        })
    }
}

/// What the vault service was doing with a file when the system refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IoAction {
    /// Creating the vault's directory.
    CreateDirectory,
    /// Opening the vault file.
    OpenVault,
    /// Reading the vault file.
    ReadVault,
    /// Writing the vault file.
    WriteVault,
    /// Creating a temporary file next to the vault (in a directory).
    CreateTemporary,
    /// Writing a temporary file next to the vault (in a directory).
    WriteTemporary,
    /// Flushing a directory to disk after a rename.
    FlushDirectory,
    /// Replacing a file with a new version.
    Replace,
    /// Creating a file that must not exist yet.
    Create,
    /// Replacing the vault with its new version.
    ReplaceVault,
    /// Taking the vault's lock.
    Lock,
    /// Opening the vault's lock file.
    OpenLockFile,
    /// Writing the count of wrong PINs.
    WriteAttempts,
}

impl fmt::Display for IoAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::CreateDirectory => "create the directory",
            Self::OpenVault => "open the vault",
            Self::ReadVault => "read the vault",
            Self::WriteVault => "write the vault",
            Self::CreateTemporary => "create a temporary file in",
            Self::WriteTemporary => "write a temporary file in",
            Self::FlushDirectory => "flush the directory",
            Self::Replace => "replace",
            Self::Create => "create",
            Self::ReplaceVault => "replace the vault",
            Self::Lock => "lock",
            Self::OpenLockFile => "open the lock file",
            Self::WriteAttempts => "write the attempt count to",
        })
    }
}

/// A wait, said rounded up ("2 minutes", "2분"): the front-ends localize it
/// (`Localize`), so that a lockout or an agent's lifetime is never understated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HumanDuration(pub u64);

impl HumanDuration {
    /// The wait as a count and its unit, rounded up: under a minute in seconds,
    /// under an hour in minutes, else in hours.
    pub fn parts(self) -> (u64, DurationUnit) {
        let secs = self.0;
        if secs < 60 {
            (secs, DurationUnit::Seconds)
        } else if secs < 3600 {
            (secs.div_ceil(60), DurationUnit::Minutes)
        } else {
            (secs.div_ceil(3600), DurationUnit::Hours)
        }
    }
}

/// The unit [`HumanDuration::parts`] chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DurationUnit {
    /// Seconds.
    Seconds,
    /// Minutes.
    Minutes,
    /// Hours.
    Hours,
}

/// Errors of the vault service.
#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    /// There is no vault file at the path.
    #[error("no vault at {}; run `otp init` to create one", .path.display())]
    NotFound {
        /// Where the vault was looked for.
        path: PathBuf,
    },
    /// `create` found a vault already there.
    #[error(
        "a vault already exists at {}; it was left as it is (use another path with --vault to create a second one)",
        .path.display()
    )]
    AlreadyExists {
        /// The existing vault.
        path: PathBuf,
    },
    /// `create` found a backup left by an earlier vault at the same path; creating a
    /// new vault would overwrite it at the first change.
    #[error(
        "a backup of an earlier vault exists at {}; open it with `otp --vault {} list`, or move it away before creating a new vault",
        .backup.display(), .backup.display()
    )]
    BackupExists {
        /// The orphaned backup file.
        backup: PathBuf,
    },
    /// The PIN did not open the vault.
    #[error(
        "wrong PIN; {attempts_left} attempt{} left before unlocking is paused",
        if *.attempts_left == 1 { "" } else { "s" }
    )]
    WrongPin {
        /// Wrong PINs that may still be typed before unlocking is paused; 0 means it
        /// is paused now (see `Vault::lockout_status` for how long).
        attempts_left: u32,
    },
    /// Too many wrong PINs in a row: unlocking is paused.
    #[error("too many wrong PINs in a row; unlocking is paused, try again in {retry_after_secs} s")]
    LockedOut {
        /// Seconds until a PIN may be tried again.
        retry_after_secs: u64,
    },
    /// The vault file cannot be read as a vault. It is never overwritten.
    #[error(
        "the vault at {} cannot be opened: {reason}; it was left untouched (backup: {:?})",
        .path.display(),
        .backup
    )]
    Damaged {
        /// The damaged file (empty when reported by `crypto::decrypt`, which has no path).
        path: PathBuf,
        /// What is wrong with it.
        reason: DamageReason,
        /// The backup of the previous version, when one exists.
        backup: Option<PathBuf>,
    },
    /// The vault file is there but cannot be read: no permission, a directory in its
    /// place, a failing disk. Nothing was tried or changed.
    #[error("the vault at {} cannot be read: {source}", .path.display())]
    Unreadable {
        /// The vault file.
        path: PathBuf,
        /// The operating system's error.
        source: io::Error,
    },
    /// The PIN did not open the vault, but it opens the backup, which differs: the
    /// vault file is damaged (its header, most likely), not the PIN wrong. The
    /// attempt was not counted; nothing was changed.
    #[error(
        "the vault at {} is damaged: the PIN opens its backup {} but not the vault; it was left untouched",
        .path.display(), .backup.display()
    )]
    DamagedBackupOpens {
        /// The damaged vault file.
        path: PathBuf,
        /// Its backup, which opens with the PIN.
        backup: PathBuf,
    },
    /// A PIN attempt could not be counted, so it was not tried: otherwise wrong PINs
    /// could be typed without end where the count cannot be written.
    #[error("the PIN was not tried: the attempt count {} cannot be written: {source}", .path.display())]
    AttemptsNotRecorded {
        /// The attempt count file (`<vault>.attempts`).
        path: PathBuf,
        /// The operating system's error.
        source: io::Error,
    },
    /// The file demands more scrypt work than this program allows (a hostile or
    /// foreign file could otherwise take hours and gigabytes to open).
    #[error(
        "the vault asks for scrypt work factor {required}, above the allowed maximum of {max}; it was not written by this program's defaults, so it was not opened"
    )]
    ExcessiveWork {
        /// The file's work factor (log2 of scrypt N).
        required: u8,
        /// The largest work factor accepted.
        max: u8,
    },
    /// A work factor outside the supported range was asked for.
    #[error(
        "scrypt work factor {given} is outside the supported range {min} to {max}; choose one in that range"
    )]
    WorkFactorOutOfRange {
        /// The requested work factor.
        given: u8,
        /// Smallest supported.
        min: u8,
        /// Largest supported.
        max: u8,
    },
    /// A new PIN breaks the PIN policy.
    #[error(transparent)]
    WeakPin(#[from] PinError),
    /// age refused to encrypt (not expected to happen); nothing was written.
    #[error("the vault could not be encrypted; nothing was written")]
    EncryptionFailed,
    /// A file-system operation failed.
    #[error("could not {action} {}: {source}", .path.display())]
    Io {
        /// What was being done.
        action: IoAction,
        /// The file or directory involved.
        path: PathBuf,
        /// The operating system's error.
        source: io::Error,
    },
}

impl VaultError {
    /// An `Io` error for `action` on `path`.
    pub(crate) fn io(action: IoAction, path: &Path, source: io::Error) -> Self {
        Self::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_are_rounded_up_to_their_unit() {
        assert_eq!(HumanDuration(0).parts(), (0, DurationUnit::Seconds));
        assert_eq!(HumanDuration(59).parts(), (59, DurationUnit::Seconds));
        assert_eq!(HumanDuration(60).parts(), (1, DurationUnit::Minutes));
        assert_eq!(HumanDuration(61).parts(), (2, DurationUnit::Minutes));
        assert_eq!(HumanDuration(3599).parts(), (60, DurationUnit::Minutes));
        assert_eq!(HumanDuration(3600).parts(), (1, DurationUnit::Hours));
        assert_eq!(HumanDuration(3601).parts(), (2, DurationUnit::Hours));
    }
}
