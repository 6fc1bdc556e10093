//! Pausing unlock after too many wrong PINs in a row.
//!
//! After [`MAX_FAILURES`] consecutive wrong PINs, unlocking is refused (no decryption
//! is even tried) for `30 s × 2^(failures − 5)`, at most one hour: 30 s, 1 min, 2 min,
//! 4 min, 8 min, 16 min, 32 min, then 1 h for every further failure. When the pause is
//! over one more PIN may be tried; a correct PIN resets the count. Nothing is ever
//! deleted because of wrong PINs.
//!
//! The count lives in `<vault>.attempts`, a small TOML file. The policy is pure (the
//! time is a parameter); [`AttemptStore`] only loads and saves. A missing, unreadable
//! or garbled file counts as no failures: it protects against someone at the
//! keyboard, not against someone who can edit files (they can copy the vault).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::error::VaultError;
use super::file;

/// Consecutive wrong PINs allowed before unlocking is paused.
pub const MAX_FAILURES: u32 = 5;
/// Pause after the [`MAX_FAILURES`]th wrong PIN, in seconds; it doubles with each
/// further one.
pub const BASE_DELAY_SECS: u64 = 30;
/// Longest pause, in seconds.
pub const MAX_DELAY_SECS: u64 = 3600;

/// The consecutive wrong PINs recorded for a vault.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Attempts {
    /// Wrong PINs since the last correct one.
    pub failures: u32,
    /// Unix time (seconds) of the latest wrong PIN; 0 when there was none.
    pub last_failure: u64,
}

/// Whether a PIN may be tried now, for a UI showing attempts left or a countdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockoutStatus {
    /// A PIN may be tried now.
    Open {
        /// Wrong PINs since the last correct one.
        failures: u32,
        /// Wrong PINs that may be typed before unlocking is paused (at least 1).
        attempts_left: u32,
    },
    /// Unlocking is paused.
    LockedOut {
        /// Wrong PINs since the last correct one.
        failures: u32,
        /// Seconds until a PIN may be tried again.
        retry_after_secs: u64,
    },
}

/// The pause that follows `failures` consecutive wrong PINs (0 below the limit).
pub fn delay_after(failures: u32) -> u64 {
    if failures < MAX_FAILURES {
        return 0;
    }
    let doublings = failures - MAX_FAILURES;
    if doublings >= 32 {
        return MAX_DELAY_SECS;
    }
    BASE_DELAY_SECS
        .saturating_mul(1u64 << doublings)
        .min(MAX_DELAY_SECS)
}

impl Attempts {
    /// The record after one more wrong PIN at `now`.
    pub fn after_failure(self, now: u64) -> Self {
        Self {
            failures: self.failures.saturating_add(1),
            last_failure: now,
        }
    }

    /// The same record with a future `last_failure` (the clock was set back) moved to
    /// `now`, so the pause counts down instead of lasting until the clock catches up.
    pub fn clamped_to(self, now: u64) -> Self {
        Self {
            last_failure: self.last_failure.min(now),
            ..self
        }
    }

    /// Whether a PIN may be tried at `now`.
    pub fn status(&self, now: u64) -> LockoutStatus {
        let delay = delay_after(self.failures);
        // A last failure in the future counts as "just now": never more than `delay`.
        let elapsed = now.saturating_sub(self.last_failure);
        let retry_after_secs = delay.saturating_sub(elapsed);
        if retry_after_secs > 0 {
            LockoutStatus::LockedOut {
                failures: self.failures,
                retry_after_secs,
            }
        } else {
            LockoutStatus::Open {
                failures: self.failures,
                attempts_left: MAX_FAILURES.saturating_sub(self.failures).max(1),
            }
        }
    }

    /// Wrong PINs that may still be typed before the pause, right after a wrong PIN
    /// was recorded in `self` at `now`: 0 when unlocking is now paused.
    pub fn attempts_left(&self, now: u64) -> u32 {
        match self.status(now) {
            LockoutStatus::Open { attempts_left, .. } => attempts_left,
            LockoutStatus::LockedOut { .. } => 0,
        }
    }
}

/// The wrong-PIN record of one vault, kept in `<vault>.attempts`.
#[derive(Debug, Clone)]
pub struct AttemptStore {
    path: PathBuf,
}

impl AttemptStore {
    /// The store for the vault at `vault`.
    pub fn for_vault(vault: &Path) -> Self {
        Self {
            path: file::sidecar(vault, ".attempts"),
        }
    }

    /// Where the record is kept.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The record; no failures when the file is missing, unreadable or garbled.
    pub fn load(&self) -> Attempts {
        std::fs::read_to_string(&self.path)
            .ok()
            .and_then(|text| toml::from_str(&text).ok())
            .unwrap_or_default()
    }

    /// Replaces the record atomically (mode 0600).
    pub fn save(&self, attempts: &Attempts) -> Result<(), VaultError> {
        let text = toml::to_string(attempts).map_err(|e| {
            VaultError::io(
                super::error::IoAction::WriteAttempts,
                &self.path,
                std::io::Error::other(e),
            )
        })?;
        file::write_atomic(&self.path, text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: u64 = 1_800_000_000;

    #[test]
    fn delays_grow_and_are_capped() {
        let delays: Vec<u64> = (0..=14).map(delay_after).collect();
        assert_eq!(
            delays,
            [
                0, 0, 0, 0, 0, 30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600
            ]
        );
        assert_eq!(delay_after(u32::MAX), MAX_DELAY_SECS);
    }

    #[test]
    fn status_counts_down_with_a_fixed_clock() {
        let mut attempts = Attempts::default();
        assert_eq!(
            attempts.status(T0),
            LockoutStatus::Open {
                failures: 0,
                attempts_left: 5
            }
        );
        for expected_left in [4, 3, 2, 1] {
            attempts = attempts.after_failure(T0);
            assert_eq!(attempts.attempts_left(T0), expected_left);
        }
        attempts = attempts.after_failure(T0);
        assert_eq!(attempts.attempts_left(T0), 0);
        assert_eq!(
            attempts.status(T0 + 10),
            LockoutStatus::LockedOut {
                failures: 5,
                retry_after_secs: 20
            }
        );
        assert_eq!(
            attempts.status(T0 + 30),
            LockoutStatus::Open {
                failures: 5,
                attempts_left: 1
            }
        );
        attempts = attempts.after_failure(T0 + 30);
        assert_eq!(
            attempts.status(T0 + 30),
            LockoutStatus::LockedOut {
                failures: 6,
                retry_after_secs: 60
            }
        );
    }

    #[test]
    fn clock_set_back_never_lengthens_the_pause() {
        let attempts = Attempts {
            failures: 5,
            last_failure: T0 + 100_000,
        };
        assert_eq!(
            attempts.status(T0),
            LockoutStatus::LockedOut {
                failures: 5,
                retry_after_secs: 30
            }
        );
        let clamped = attempts.clamped_to(T0);
        assert!(matches!(
            clamped.status(T0 + 30),
            LockoutStatus::Open { .. }
        ));
    }

    #[test]
    fn store_round_trips_and_tolerates_bad_files() {
        let dir = tempfile::tempdir().unwrap();
        let store = AttemptStore::for_vault(&dir.path().join("vault.age"));
        assert_eq!(store.path(), dir.path().join("vault.age.attempts"));
        assert_eq!(store.load(), Attempts::default());
        let record = Attempts {
            failures: 3,
            last_failure: T0,
        };
        store.save(&record).unwrap();
        assert_eq!(store.load(), record);
        assert_eq!(file::mode_of(store.path()), 0o600);
        for garbage in [&b""[..], b"failures = -1", b"\xff\xfe", b"failures = \"x\""] {
            std::fs::write(store.path(), garbage).unwrap();
            assert_eq!(store.load(), Attempts::default());
        }
        std::fs::remove_file(store.path()).unwrap();
        std::fs::create_dir(store.path()).unwrap();
        assert_eq!(store.load(), Attempts::default());
    }
}
