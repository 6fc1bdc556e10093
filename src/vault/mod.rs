//! The vault: one age file, locked by the 6-digit PIN, holding an opaque payload.
//!
//! The caller serialises its accounts to bytes; this service never looks inside. It
//! guarantees:
//!
//! - every write is atomic (temporary file, flush, rename, flush the directory), mode
//!   0600, and keeps the previous version as `<vault>.bak`;
//! - a read-modify-write holds an exclusive lock on `<vault>.lock` throughout, so two
//!   processes never lose each other's change;
//! - after 5 wrong PINs in a row unlocking is paused for a growing time (see
//!   [`lockout`]), counted in `<vault>.attempts`; nothing is deleted for wrong PINs;
//! - every PIN attempt is counted before the key derivation runs and cleared when
//!   the PIN is right, so an attempt that cannot be counted is refused untried;
//! - a vault that cannot be read (cut short, not an age file, ...) is never
//!   overwritten, and its backup is never touched by a failed open or update; a
//!   PIN that opens the (differing) backup but not the vault reports damage, not a
//!   wrong PIN, and is not counted;
//! - a path through symbolic links is resolved to the real file ([`Vault::at`],
//!   [`location`]): the lock, the backup and the saves are the real file's;
//! - a save first removes the temporary files an earlier, killed save left;
//! - a re-save keeps the scrypt work factor the file had.

pub mod crypto;
mod error;
pub mod file;
pub mod location;
pub mod lockout;
pub mod payload;
pub mod pin;

use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

pub use crypto::{DEFAULT_WORK_FACTOR, MAX_WORK_FACTOR, MIN_WORK_FACTOR};
pub use error::{DamageReason, DurationUnit, HumanDuration, IoAction, VaultError};
pub use file::VaultLock;
pub use lockout::LockoutStatus;
pub use pin::{Pin, PinError};

use lockout::{AttemptStore, Attempts};

/// A vault as a PIN opened it ([`Vault::open`]): the plaintext and the exact file
/// bytes it came from. The plaintext is zeroized when dropped and never shown by
/// `Debug`.
pub struct Opened {
    plaintext: Zeroizing<Vec<u8>>,
    ciphertext: Vec<u8>,
}

impl std::fmt::Debug for Opened {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Opened([redacted])")
    }
}

/// A vault file and the limits used to open it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vault {
    path: PathBuf,
    max_work_factor: u8,
}

impl Vault {
    /// The vault at `path`, opened with work factors up to [`MAX_WORK_FACTOR`].
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Self {
            path: path.into(),
            max_work_factor: MAX_WORK_FACTOR,
        }
    }

    /// The vault a person names (`--vault`, `OTP_VAULT`, the config, the default):
    /// the real file behind any symbolic link ([`location::real_path`]), so that
    /// every process locks and saves the same file and a link stays a link. When the
    /// path cannot be resolved (a link loop, a directory that cannot be searched) it
    /// is kept as given, and opening it says what is wrong.
    pub fn at(path: impl Into<PathBuf>) -> Self {
        let path = path.into();
        Self::new(location::real_path(&path).unwrap_or(path))
    }

    /// Lowers the largest scrypt work factor accepted on open (it cannot be raised
    /// above [`MAX_WORK_FACTOR`]).
    pub fn with_max_work_factor(mut self, max_work_factor: u8) -> Self {
        self.max_work_factor = max_work_factor.min(MAX_WORK_FACTOR);
        self
    }

    /// The vault file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether a file exists at the vault path (it may still be damaged).
    pub fn exists(&self) -> bool {
        self.path.exists()
    }

    /// Where the previous version is kept: `<vault>.bak`.
    pub fn backup_path(&self) -> PathBuf {
        file::backup_path(&self.path)
    }

    /// Creates the vault; refuses if the file exists (`AlreadyExists`) or if a backup
    /// of an earlier vault is still next to it (`BackupExists`), and refuses a PIN that
    /// breaks the policy (`WeakPin`). The directory is created (0700) if missing.
    pub fn create(&self, pin: &Pin, work_factor: u8, plaintext: &[u8]) -> Result<(), VaultError> {
        pin.check_policy()?;
        if !(MIN_WORK_FACTOR..=self.max_work_factor).contains(&work_factor) {
            return Err(VaultError::WorkFactorOutOfRange {
                given: work_factor,
                min: MIN_WORK_FACTOR,
                max: self.max_work_factor,
            });
        }
        if self.exists() {
            return Err(self.already_exists());
        }
        file::create_private_dir(file::parent_dir(&self.path))?;
        let _lock = VaultLock::acquire(&self.path)?;
        if self.exists() {
            return Err(self.already_exists());
        }
        let backup = self.backup_path();
        if backup.exists() {
            return Err(VaultError::BackupExists { backup });
        }
        let ciphertext = crypto::encrypt(plaintext, pin, work_factor)?;
        // A wrong-PIN count left by an earlier vault at this path must not lock the new one.
        let store = AttemptStore::for_vault(&self.path);
        if store.load() != Attempts::default() {
            store.save(&Attempts::default())?;
        }
        file::create_new(&self.path, &ciphertext)
    }

    /// Checks the lockout, decrypts, and records the attempt, all under the lock.
    /// `now` is the Unix time in seconds.
    pub fn read(&self, pin: &Pin, now: u64) -> Result<Zeroizing<Vec<u8>>, VaultError> {
        let (plaintext, _ciphertext) = self.read_with_ciphertext(pin, now)?;
        Ok(plaintext)
    }

    /// [`Vault::read`], also returning the exact file bytes the plaintext came from,
    /// for a caller that keeps the plaintext and must notice later changes (the
    /// session agent).
    pub fn read_with_ciphertext(
        &self,
        pin: &Pin,
        now: u64,
    ) -> Result<(Zeroizing<Vec<u8>>, Vec<u8>), VaultError> {
        let lock = self.lock_existing()?;
        self.unlock(&lock, pin, now)
    }

    /// Takes the exclusive lock of an existing vault, for a caller that does several
    /// steps under it ([`Vault::ciphertext`], [`Vault::decrypt_known`],
    /// [`Vault::save`]). Waits while another process holds it.
    pub fn lock(&self) -> Result<VaultLock, VaultError> {
        self.lock_existing()
    }

    /// The vault file's bytes as they are now, read under the caller's lock.
    pub fn ciphertext(&self, _lock: &VaultLock) -> Result<Vec<u8>, VaultError> {
        file::read_vault(&self.path).map_err(|e| self.locate(e))
    }

    /// Decrypts bytes of this vault with a PIN that has already opened it. No
    /// attempt is counted and no lockout applies: this is not a guess, and a failure
    /// means the file changed (a new PIN, damage), not that someone is guessing.
    pub fn decrypt_known(
        &self,
        ciphertext: &[u8],
        pin: &Pin,
    ) -> Result<Zeroizing<Vec<u8>>, VaultError> {
        crypto::decrypt(ciphertext, pin, self.max_work_factor).map_err(|e| self.locate(e))
    }

    /// Saves `plaintext` under the caller's lock, atomically, with the work factor of
    /// `previous` (the bytes now on disk, which the caller has decrypted), which
    /// become the backup. Returns the new file bytes.
    pub fn save(
        &self,
        _lock: &VaultLock,
        pin: &Pin,
        previous: &[u8],
        plaintext: &[u8],
    ) -> Result<Vec<u8>, VaultError> {
        let work_factor = resave_work_factor(previous);
        let new_ciphertext = crypto::encrypt(plaintext, pin, work_factor)?;
        file::replace_with_backup(&self.path, &new_ciphertext, previous)?;
        Ok(new_ciphertext)
    }

    /// The whole read-modify-write under the exclusive lock: `f` gets the plaintext
    /// and returns the new plaintext plus a value. The result is saved atomically with
    /// the same work factor the file had, the old version becoming the backup. If `f`
    /// fails, or returns the plaintext unchanged, nothing is written.
    pub fn update<T, E: From<VaultError>>(
        &self,
        pin: &Pin,
        now: u64,
        f: impl FnOnce(Zeroizing<Vec<u8>>) -> Result<(Zeroizing<Vec<u8>>, T), E>,
    ) -> Result<T, E> {
        let lock = self.lock_existing()?;
        let (plaintext, ciphertext) = self.unlock(&lock, pin, now)?;
        let original = plaintext.clone();
        let (new_plaintext, value) = f(plaintext)?;
        if new_plaintext == original {
            // Nothing changed: skip the scrypt of a re-encryption and the write.
            return Ok(value);
        }
        self.save(&lock, pin, &ciphertext, &new_plaintext)?;
        drop(lock);
        Ok(value)
    }

    /// Re-encrypts the same payload under a new PIN with the same work factor,
    /// atomically. The backup is replaced by the same new file, so the old PIN no
    /// longer opens anything this program keeps (a PIN is often changed because
    /// someone saw it). `new` must meet the PIN policy (`WeakPin` otherwise).
    pub fn change_pin(&self, old: &Pin, new: &Pin, now: u64) -> Result<(), VaultError> {
        new.check_policy()?;
        let lock = self.lock_existing()?;
        let (plaintext, ciphertext) = self.unlock(&lock, old, now)?;
        self.reencrypt(&lock, &plaintext, &ciphertext, new)
    }

    /// Opens the vault with `pin` as [`Vault::read`] does (the attempt counted,
    /// the lockout applied), keeping what was read for a later
    /// [`Vault::change_pin_opened`]: checking the current PIN before the new one is
    /// asked, without deriving its key a second time for the change.
    pub fn open(&self, pin: &Pin, now: u64) -> Result<Opened, VaultError> {
        let (plaintext, ciphertext) = self.read_with_ciphertext(pin, now)?;
        Ok(Opened {
            plaintext,
            ciphertext,
        })
    }

    /// [`Vault::change_pin`] for a vault `old` has already opened ([`Vault::open`]):
    /// when the file is still the one `opened` came from, its plaintext is
    /// re-encrypted under `new` without deriving the old key again; when another
    /// program saved meanwhile, the file is opened with `old` as `change_pin`
    /// does (counted like any attempt).
    pub fn change_pin_opened(
        &self,
        opened: Opened,
        old: &Pin,
        new: &Pin,
        now: u64,
    ) -> Result<(), VaultError> {
        new.check_policy()?;
        let lock = self.lock_existing()?;
        let current = self.ciphertext(&lock)?;
        if current == opened.ciphertext {
            return self.reencrypt(&lock, &opened.plaintext, &current, new);
        }
        drop(opened);
        let (plaintext, ciphertext) = self.unlock(&lock, old, now)?;
        self.reencrypt(&lock, &plaintext, &ciphertext, new)
    }

    /// Writes `plaintext` under `new` with the work factor of `ciphertext` (the
    /// file now), replacing the backup with the same new file.
    fn reencrypt(
        &self,
        _lock: &VaultLock,
        plaintext: &[u8],
        ciphertext: &[u8],
        new: &Pin,
    ) -> Result<(), VaultError> {
        let new_ciphertext = crypto::encrypt(plaintext, new, resave_work_factor(ciphertext))?;
        file::replace_with_backup(&self.path, &new_ciphertext, &new_ciphertext)
    }

    /// Whether a PIN may be tried at `now` (Unix seconds), for a UI that shows the
    /// attempts left or a countdown.
    pub fn lockout_status(&self, now: u64) -> LockoutStatus {
        AttemptStore::for_vault(&self.path)
            .load()
            .clamped_to(now)
            .status(now)
    }

    /// The error for a vault that is not there (for callers that check first).
    pub fn not_found(&self) -> VaultError {
        VaultError::NotFound {
            path: self.path.clone(),
        }
    }

    /// The error for a vault that is already there.
    pub fn already_exists(&self) -> VaultError {
        VaultError::AlreadyExists {
            path: self.path.clone(),
        }
    }

    /// Takes the lock, without creating a lock file next to a vault that is not there.
    fn lock_existing(&self) -> Result<VaultLock, VaultError> {
        if !self.exists() {
            return Err(self.not_found());
        }
        VaultLock::acquire(&self.path)
    }

    /// Lockout check, decryption, attempt bookkeeping. Returns the plaintext and the
    /// exact bytes it came from. `_lock` proves the caller holds the lock.
    ///
    /// The order matters. What needs no PIN comes first (the file is readable, its
    /// header parses, its work factor is allowed), so damage is never counted as a
    /// wrong PIN. Then the attempt is written down as a failure *before* the key
    /// derivation runs, and cleared when the PIN opens the vault: an attempt that
    /// cannot be counted is never tried, and killing the process during the
    /// derivation does not skip the count. A PIN that does not open the vault but
    /// opens a differing backup means the vault is damaged: the count is put back.
    fn unlock(
        &self,
        _lock: &VaultLock,
        pin: &Pin,
        now: u64,
    ) -> Result<(Zeroizing<Vec<u8>>, Vec<u8>), VaultError> {
        let store = AttemptStore::for_vault(&self.path);
        let loaded = store.load();
        let attempts = loaded.clamped_to(now);
        if attempts != loaded {
            // The clock was set back; best effort, the in-memory value is what counts now.
            let _ = store.save(&attempts);
        }
        if let LockoutStatus::LockedOut {
            retry_after_secs, ..
        } = attempts.status(now)
        {
            return Err(VaultError::LockedOut { retry_after_secs });
        }
        let ciphertext = file::read_vault(&self.path).map_err(|e| self.locate(e))?;
        crypto::check(&ciphertext, self.max_work_factor).map_err(|e| self.locate(e))?;
        let failed = attempts.after_failure(now);
        record(&store, &failed)?;
        match crypto::decrypt(&ciphertext, pin, self.max_work_factor) {
            Ok(plaintext) => {
                // Best effort: failing to clear only means the count continues.
                let _ = store.save(&Attempts::default());
                Ok((plaintext, ciphertext))
            }
            Err(VaultError::WrongPin { .. }) => {
                if let Some(backup) = self.backup_opening_with(pin, &ciphertext) {
                    // Not a guess that failed: the right PIN on a damaged file.
                    let _ = store.save(&attempts);
                    return Err(VaultError::DamagedBackupOpens {
                        path: self.path.clone(),
                        backup,
                    });
                }
                Err(VaultError::WrongPin {
                    attempts_left: failed.attempts_left(now),
                })
            }
            Err(error) => {
                let _ = store.save(&attempts);
                Err(self.locate(error))
            }
        }
    }

    /// The backup, when it differs from the vault's bytes and `pin` opens it. Only
    /// asked after `pin` failed on the vault, whose backup is always under the
    /// current PIN (every save copies the previous file, and a PIN change replaces
    /// the backup too), so a wrong PIN opens neither.
    fn backup_opening_with(&self, pin: &Pin, ciphertext: &[u8]) -> Option<PathBuf> {
        let backup = self.backup_path();
        let bytes = file::read_vault(&backup).ok()?;
        if bytes == ciphertext {
            return None;
        }
        crypto::decrypt(&bytes, pin, self.max_work_factor)
            .ok()
            .map(|_plaintext| backup)
    }

    /// Fills in the path and the backup of a `Damaged` error from a lower layer.
    fn locate(&self, error: VaultError) -> VaultError {
        match error {
            VaultError::Damaged { reason, .. } => {
                let backup = self.backup_path();
                VaultError::Damaged {
                    path: self.path.clone(),
                    reason,
                    backup: backup.exists().then_some(backup),
                }
            }
            other => other,
        }
    }
}

/// Writes the attempt record before a PIN is tried; a record that cannot be written
/// refuses the attempt.
fn record(store: &AttemptStore, attempts: &Attempts) -> Result<(), VaultError> {
    store.save(attempts).map_err(|error| match error {
        VaultError::Io { source, .. } => VaultError::AttemptsNotRecorded {
            path: store.path().to_path_buf(),
            source,
        },
        other => other,
    })
}

/// The work factor to save with: the file's own, kept within the supported range.
fn resave_work_factor(ciphertext: &[u8]) -> u8 {
    crypto::work_factor_of(ciphertext)
        .unwrap_or(DEFAULT_WORK_FACTOR)
        .clamp(MIN_WORK_FACTOR, MAX_WORK_FACTOR)
}

#[cfg(test)]
mod tests;
