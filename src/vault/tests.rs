//! Tests of the vault service as a whole (low work factors for speed).

use std::fs;
use std::sync::Arc;

use super::file::mode_of;
use super::*;

const T0: u64 = 1_800_000_000;
const LOW: u8 = MIN_WORK_FACTOR;

fn pin() -> Pin {
    Pin::new_checked("135790").unwrap()
}

fn wrong() -> Pin {
    Pin::for_unlock("000000").unwrap()
}

/// A vault created with `payload` in a fresh directory (kept alive by the guard).
fn vault_with(payload: &[u8]) -> (tempfile::TempDir, Vault) {
    let dir = tempfile::tempdir().unwrap();
    let vault = Vault::new(dir.path().join("otp").join("vault.age"));
    vault.create(&pin(), LOW, payload).unwrap();
    (dir, vault)
}

fn set_payload(vault: &Vault, payload: &[u8], now: u64) {
    vault
        .update(&pin(), now, |_| {
            Ok::<_, VaultError>((Zeroizing::new(payload.to_vec()), ()))
        })
        .unwrap();
}

fn files_in(vault: &Vault) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(file::parent_dir(vault.path()))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

fn damage_reason(result: Result<Zeroizing<Vec<u8>>, VaultError>) -> DamageReason {
    match result {
        Err(VaultError::Damaged { reason, .. }) => reason,
        Err(other) => panic!("expected Damaged, got {other:?}"),
        Ok(_) => panic!("expected Damaged, got a plaintext"),
    }
}

#[test]
fn round_trip() {
    let (_dir, vault) = vault_with(b"version = 1\n");
    assert!(vault.exists());
    assert_eq!(vault.read(&pin(), T0).unwrap().as_slice(), b"version = 1\n");
    assert_eq!(
        vault.lockout_status(T0),
        LockoutStatus::Open {
            failures: 0,
            attempts_left: 5
        }
    );
}

#[test]
fn missing_vault_is_not_found_and_leaves_no_lock_file() {
    let dir = tempfile::tempdir().unwrap();
    let vault = Vault::new(dir.path().join("vault.age"));
    assert!(!vault.exists());
    assert!(matches!(
        vault.read(&pin(), T0),
        Err(VaultError::NotFound { .. })
    ));
    let result = vault.update(&pin(), T0, |p| Ok::<_, VaultError>((p, ())));
    assert!(matches!(result, Err(VaultError::NotFound { .. })));
    assert!(fs::read_dir(dir.path()).unwrap().next().is_none());
}

#[test]
fn create_refuses_existing_vault_orphan_backup_and_weak_pin() {
    let (_dir, vault) = vault_with(b"first");
    let before = fs::read(vault.path()).unwrap();
    assert!(matches!(
        vault.create(&pin(), LOW, b"second"),
        Err(VaultError::AlreadyExists { .. })
    ));
    assert_eq!(fs::read(vault.path()).unwrap(), before);

    // The vault is lost but its backup remains: a new vault must not clobber it later.
    set_payload(&vault, b"second", T0);
    fs::remove_file(vault.path()).unwrap();
    assert!(matches!(
        vault.create(&pin(), LOW, b"third"),
        Err(VaultError::BackupExists { .. })
    ));
    assert!(!vault.exists());

    let dir = tempfile::tempdir().unwrap();
    let fresh = Vault::new(dir.path().join("vault.age"));
    assert!(matches!(
        fresh.create(&Pin::for_unlock("123456").unwrap(), LOW, b"x"),
        Err(VaultError::WeakPin(PinError::StraightRun))
    ));
    assert!(matches!(
        fresh.create(&pin(), 9, b"x"),
        Err(VaultError::WorkFactorOutOfRange { given: 9, .. })
    ));
    assert!(!fresh.exists());
}

#[test]
fn wrong_pins_count_down_then_lock_with_growing_delay() {
    let (_dir, vault) = vault_with(b"secret accounts");
    let files = files_in(&vault);
    let bytes = fs::read(vault.path()).unwrap();

    for expected in [4, 3, 2, 1, 0] {
        match vault.read(&wrong(), T0) {
            Err(VaultError::WrongPin { attempts_left }) => assert_eq!(attempts_left, expected),
            other => panic!("expected WrongPin, got {other:?}"),
        }
    }
    // Locked: even the correct PIN is refused, without decrypting.
    assert!(matches!(
        vault.read(&pin(), T0 + 10),
        Err(VaultError::LockedOut {
            retry_after_secs: 20
        })
    ));
    assert!(matches!(
        vault.update(&pin(), T0 + 10, |p| Ok::<_, VaultError>((p, ()))),
        Err(VaultError::LockedOut { .. })
    ));
    assert_eq!(
        vault.lockout_status(T0 + 10),
        LockoutStatus::LockedOut {
            failures: 5,
            retry_after_secs: 20
        }
    );

    // Each further wrong PIN doubles the pause: 30 s, 60 s, 120 s ...
    let mut now = T0 + 30;
    for delay in [60, 120, 240, 480] {
        assert!(matches!(
            vault.read(&wrong(), now),
            Err(VaultError::WrongPin { attempts_left: 0 })
        ));
        assert!(matches!(
            vault.read(&pin(), now + delay - 1),
            Err(VaultError::LockedOut {
                retry_after_secs: 1
            })
        ));
        now += delay;
    }

    // Once the pause is over the correct PIN works and resets the count.
    assert_eq!(
        vault.read(&pin(), now).unwrap().as_slice(),
        b"secret accounts"
    );
    assert_eq!(
        vault.lockout_status(now),
        LockoutStatus::Open {
            failures: 0,
            attempts_left: 5
        }
    );
    match vault.read(&wrong(), now) {
        Err(VaultError::WrongPin { attempts_left }) => assert_eq!(attempts_left, 4),
        other => panic!("expected WrongPin, got {other:?}"),
    }

    // Nothing was deleted or changed because of wrong PINs.
    assert_eq!(fs::read(vault.path()).unwrap(), bytes);
    let mut expected_files = files;
    expected_files.push("vault.age.attempts".to_owned());
    expected_files.sort();
    assert_eq!(files_in(&vault), expected_files);
}

#[test]
fn clock_set_back_does_not_lock_for_ever() {
    let (_dir, vault) = vault_with(b"x");
    for _ in 0..5 {
        let _ = vault.read(&wrong(), T0 + 1_000_000);
    }
    // The clock now reads a million seconds earlier: the pause still ends 30 s later.
    assert!(matches!(
        vault.read(&pin(), T0),
        Err(VaultError::LockedOut {
            retry_after_secs: 30
        })
    ));
    assert_eq!(vault.read(&pin(), T0 + 30).unwrap().as_slice(), b"x");
}

#[test]
fn damaged_vault_is_never_overwritten_and_backup_never_touched() {
    let (_dir, vault) = vault_with(b"version = 1\naccounts = [\"first\"]\n");
    set_payload(&vault, b"version = 1\naccounts = [\"second\"]\n", T0);
    let good = fs::read(vault.path()).unwrap();
    let backup = fs::read(vault.backup_path()).unwrap();
    let header_end = good.windows(4).position(|w| w == b"\n---").unwrap();
    let cuts = [
        0,
        10,              // inside the magic line
        30,              // inside the scrypt stanza line
        header_end - 5,  // inside the stanza body
        header_end + 6,  // inside the header MAC
        header_end + 60, // inside the nonce
        good.len() - 40, // inside the payload
        good.len() - 1,  // one byte short
    ];
    for cut in cuts {
        fs::write(vault.path(), &good[..cut]).unwrap();
        let damaged = fs::read(vault.path()).unwrap();

        let error = vault.read(&pin(), T0).unwrap_err();
        let VaultError::Damaged {
            path,
            reason,
            backup: Some(backup_path),
        } = &error
        else {
            panic!("cut at {cut}: expected Damaged with a backup, got {error:?}");
        };
        assert_eq!(path, vault.path());
        assert_eq!(backup_path, &vault.backup_path());
        assert!(
            matches!(
                reason,
                DamageReason::Empty | DamageReason::Truncated | DamageReason::PayloadDamaged
            ),
            "cut at {cut}: {reason:?}"
        );

        let mut called = false;
        let result = vault.update(&pin(), T0, |p| {
            called = true;
            Ok::<_, VaultError>((p, ()))
        });
        assert!(matches!(result, Err(VaultError::Damaged { .. })));
        assert!(!called);
        assert!(matches!(
            vault.change_pin(&pin(), &Pin::new_checked("246810").unwrap(), T0),
            Err(VaultError::Damaged { .. })
        ));

        assert_eq!(fs::read(vault.path()).unwrap(), damaged, "cut at {cut}");
        assert_eq!(
            fs::read(vault.backup_path()).unwrap(),
            backup,
            "cut at {cut}"
        );
        // Damage is not a wrong PIN.
        assert_eq!(
            vault.lockout_status(T0),
            LockoutStatus::Open {
                failures: 0,
                attempts_left: 5
            }
        );
    }

    // The backup opens on its own, as the message says.
    let from_backup = Vault::new(vault.backup_path()).read(&pin(), T0).unwrap();
    assert_eq!(
        from_backup.as_slice(),
        b"version = 1\naccounts = [\"first\"]\n"
    );
}

#[test]
fn garbage_file_is_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let vault = Vault::new(dir.path().join("vault.age"));
    fs::write(vault.path(), b"[[accounts]]\nname = \"plain text!\"\n").unwrap();
    let error = vault.read(&pin(), T0).unwrap_err();
    assert!(matches!(
        error,
        VaultError::Damaged {
            reason: DamageReason::NotAnAgeFile,
            backup: None,
            ..
        }
    ));
    assert_eq!(
        damage_reason(vault.read(&pin(), T0)),
        DamageReason::NotAnAgeFile
    );
    assert!(!vault.backup_path().exists());
}

#[test]
fn update_keeps_work_factor_and_previous_version_as_backup() {
    let dir = tempfile::tempdir().unwrap();
    let vault = Vault::new(dir.path().join("vault.age"));
    vault.create(&pin(), 11, b"v1").unwrap();
    assert_eq!(
        crypto::work_factor_of(&fs::read(vault.path()).unwrap()),
        Some(11)
    );
    assert!(!vault.backup_path().exists());

    let returned = vault
        .update(&pin(), T0, |old| {
            assert_eq!(old.as_slice(), b"v1");
            Ok::<_, VaultError>((Zeroizing::new(b"v2".to_vec()), 42))
        })
        .unwrap();
    assert_eq!(returned, 42);
    let current = fs::read(vault.path()).unwrap();
    assert_eq!(crypto::work_factor_of(&current), Some(11));
    let backup = Vault::new(vault.backup_path());
    assert_eq!(backup.read(&pin(), T0).unwrap().as_slice(), b"v1");

    set_payload(&vault, b"v3", T0);
    assert_eq!(vault.read(&pin(), T0).unwrap().as_slice(), b"v3");
    assert_eq!(backup.read(&pin(), T0).unwrap().as_slice(), b"v2");
    assert_eq!(fs::read(vault.backup_path()).unwrap(), current);
}

#[test]
fn files_are_private() {
    let (_dir, vault) = vault_with(b"x");
    set_payload(&vault, b"y", T0);
    let _ = vault.read(&wrong(), T0);
    assert_eq!(mode_of(file::parent_dir(vault.path())), 0o700);
    for path in [
        vault.path().to_path_buf(),
        vault.backup_path(),
        file::lock_path(vault.path()),
        lockout::AttemptStore::for_vault(vault.path())
            .path()
            .to_path_buf(),
    ] {
        assert_eq!(mode_of(&path), 0o600, "{}", path.display());
    }
}

#[derive(Debug)]
enum AppError {
    Vault(VaultError),
    Refused,
}

impl From<VaultError> for AppError {
    fn from(error: VaultError) -> Self {
        Self::Vault(error)
    }
}

#[test]
fn update_whose_closure_fails_writes_nothing() {
    let (_dir, vault) = vault_with(b"v1");
    let files = files_in(&vault);
    let before = fs::read(vault.path()).unwrap();
    let result: Result<(), AppError> = vault.update(&pin(), T0, |_| Err(AppError::Refused));
    assert!(matches!(result, Err(AppError::Refused)));
    assert_eq!(fs::read(vault.path()).unwrap(), before);
    // Only the attempt record was written (before the PIN was tried), and it is clear.
    let mut expected = files;
    expected.push("vault.age.attempts".to_owned());
    expected.sort();
    assert_eq!(files_in(&vault), expected);
    assert_eq!(
        vault.lockout_status(T0),
        LockoutStatus::Open {
            failures: 0,
            attempts_left: 5
        }
    );
    assert!(!vault.backup_path().exists());

    let result: Result<(), AppError> = vault.update(&wrong(), T0, |p| Ok((p, ())));
    assert!(matches!(
        result,
        Err(AppError::Vault(VaultError::WrongPin { attempts_left: 4 }))
    ));
    assert_eq!(fs::read(vault.path()).unwrap(), before);
}

#[test]
fn concurrent_updates_lose_nothing() {
    let (_dir, vault) = vault_with(b"");
    let vault = Arc::new(vault);
    let threads: Vec<_> = (0..2u8)
        .map(|id| {
            let vault = Arc::clone(&vault);
            std::thread::spawn(move || {
                for n in 0..20u8 {
                    vault
                        .update(&pin(), T0, |mut payload| {
                            payload.extend_from_slice(format!("{id}:{n}\n").as_bytes());
                            Ok::<_, VaultError>((payload, ()))
                        })
                        .unwrap();
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    let payload = vault.read(&pin(), T0).unwrap();
    let text = std::str::from_utf8(&payload).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 40, "{text}");
    lines.sort_unstable();
    lines.dedup();
    assert_eq!(lines.len(), 40);
}

#[test]
fn excessive_work_factor_is_refused_without_panicking() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.age");
    Vault::new(&path).create(&pin(), 12, b"x").unwrap();
    let capped = Vault::new(&path).with_max_work_factor(11);
    let error = capped.read(&pin(), T0).unwrap_err();
    assert!(matches!(
        error,
        VaultError::ExcessiveWork {
            required: 12,
            max: 11
        }
    ));
    assert!(!error.to_string().is_empty());
    // Not a wrong PIN.
    assert!(matches!(
        capped.lockout_status(T0),
        LockoutStatus::Open { failures: 0, .. }
    ));
}

/// A PIN checked by [`Vault::open`] changes without a second derivation of the
/// old key: the bytes it opened are what gets re-encrypted (shown here by handing
/// it a plaintext the file never held), unless another save came in between,
/// when the file as it is now is opened with the old PIN, counted like any try.
#[test]
fn a_pin_change_after_open_reencrypts_what_was_opened_unless_the_file_changed() {
    let (_dir, vault) = vault_with(b"payload");
    assert!(matches!(
        vault.open(&wrong(), T0),
        Err(VaultError::WrongPin { attempts_left: 4 })
    ));
    let opened = vault.open(&pin(), T0).unwrap();
    assert!(matches!(
        vault.lockout_status(T0),
        LockoutStatus::Open { failures: 0, .. }
    ));
    assert!(!format!("{opened:?}").contains("payload"));
    let marked = Opened {
        plaintext: Zeroizing::new(b"as opened".to_vec()),
        ciphertext: opened.ciphertext.clone(),
    };
    let new = Pin::new_checked("246813").unwrap();
    // The old PIN given is not derived at all while the file is unchanged.
    vault.change_pin_opened(marked, &wrong(), &new, T0).unwrap();
    assert_eq!(vault.read(&new, T0).unwrap().as_slice(), b"as opened");
    let backup = Vault::new(vault.backup_path());
    assert_eq!(backup.read(&new, T0).unwrap().as_slice(), b"as opened");

    // Saved meanwhile: the file is opened again, and a PIN that no longer opens
    // it is a counted wrong try.
    let stale = vault.open(&new, T0).unwrap();
    vault
        .update(&new, T0, |_| {
            Ok::<_, VaultError>((Zeroizing::new(b"saved meanwhile".to_vec()), ()))
        })
        .unwrap();
    let newer = Pin::new_checked("975312").unwrap();
    assert!(matches!(
        vault.change_pin_opened(stale, &wrong(), &newer, T0),
        Err(VaultError::WrongPin { attempts_left: 4 })
    ));
    let stale = vault.open(&new, T0).unwrap();
    vault
        .update(&new, T0, |_| {
            Ok::<_, VaultError>((Zeroizing::new(b"saved again".to_vec()), ()))
        })
        .unwrap();
    vault.change_pin_opened(stale, &new, &newer, T0).unwrap();
    assert_eq!(vault.read(&newer, T0).unwrap().as_slice(), b"saved again");
    assert!(matches!(
        vault.change_pin_opened(
            vault.open(&newer, T0).unwrap(),
            &newer,
            &Pin::for_unlock("999999").unwrap(),
            T0
        ),
        Err(VaultError::WeakPin(PinError::RepeatedDigit))
    ));
}

#[test]
fn change_pin_reencrypts_same_payload_and_work_factor() {
    let (_dir, vault) = vault_with(b"payload");
    set_payload(&vault, b"payload", T0);
    let new = Pin::new_checked("246813").unwrap();

    assert!(matches!(
        vault.change_pin(&pin(), &Pin::for_unlock("999999").unwrap(), T0),
        Err(VaultError::WeakPin(PinError::RepeatedDigit))
    ));
    assert!(matches!(
        vault.change_pin(&wrong(), &new, T0),
        Err(VaultError::WrongPin { attempts_left: 4 })
    ));

    vault.change_pin(&pin(), &new, T0).unwrap();
    assert_eq!(vault.read(&new, T0).unwrap().as_slice(), b"payload");
    assert!(matches!(
        vault.read(&pin(), T0),
        Err(VaultError::WrongPin { .. })
    ));
    let bytes = fs::read(vault.path()).unwrap();
    assert_eq!(crypto::work_factor_of(&bytes), Some(LOW));
    // The old PIN opens nothing left behind.
    let backup = Vault::new(vault.backup_path());
    assert_eq!(backup.read(&new, T0).unwrap().as_slice(), b"payload");
    assert!(matches!(
        backup.read(&pin(), T0),
        Err(VaultError::WrongPin { .. })
    ));
}

#[test]
fn concurrent_lock_holder_blocks_update() {
    let (_dir, vault) = vault_with(b"a");
    let held = VaultLock::acquire(vault.path()).unwrap();
    let vault2 = vault.clone();
    let worker = std::thread::spawn(move || set_payload(&vault2, b"b", T0));
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert!(!worker.is_finished());
    assert_eq!(vault.read_unlocked_for_test(), b"a");
    drop(held);
    worker.join().unwrap();
    assert_eq!(vault.read(&pin(), T0).unwrap().as_slice(), b"b");
}

impl Vault {
    /// Decrypts without taking the lock (test helper only).
    fn read_unlocked_for_test(&self) -> Vec<u8> {
        let bytes = fs::read(self.path()).unwrap();
        crypto::decrypt(&bytes, &pin(), MAX_WORK_FACTOR)
            .unwrap()
            .to_vec()
    }
}

/// Changes the first character of the scrypt stanza's salt: the header still
/// parses, but no PIN derives its key.
fn flip_salt(vault: &Vault) {
    let mut bytes = fs::read(vault.path()).unwrap();
    let stanza = b"\n-> scrypt ";
    let at = bytes
        .windows(stanza.len())
        .position(|w| w == stanza)
        .unwrap()
        + stanza.len();
    bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
    fs::write(vault.path(), bytes).unwrap();
}

fn failures(vault: &Vault, now: u64) -> u32 {
    match vault.lockout_status(now) {
        LockoutStatus::Open { failures, .. } | LockoutStatus::LockedOut { failures, .. } => {
            failures
        }
    }
}

#[test]
fn the_right_pin_on_a_damaged_header_is_damage_when_the_backup_opens() {
    let (_dir, vault) = vault_with(b"v1");
    // Without a backup the format cannot tell: a wrong PIN, counted.
    flip_salt(&vault);
    assert!(matches!(
        vault.read(&pin(), T0),
        Err(VaultError::WrongPin { attempts_left: 4 })
    ));
    assert_eq!(failures(&vault, T0), 1);

    let (_dir, vault) = vault_with(b"v1");
    set_payload(&vault, b"v2", T0);
    flip_salt(&vault);
    let damaged = fs::read(vault.path()).unwrap();
    match vault.read(&pin(), T0) {
        Err(VaultError::DamagedBackupOpens { path, backup }) => {
            assert_eq!(path, vault.path());
            assert_eq!(backup, vault.backup_path());
        }
        other => panic!("expected DamagedBackupOpens, got {other:?}"),
    }
    assert_eq!(failures(&vault, T0), 0);
    assert!(matches!(
        vault.read(&wrong(), T0),
        Err(VaultError::WrongPin { attempts_left: 4 })
    ));
    assert_eq!(failures(&vault, T0), 1);
    // An update refuses the same way and writes nothing.
    let result: Result<(), VaultError> = vault.update(&pin(), T0, |p| Ok((p, ())));
    assert!(matches!(result, Err(VaultError::DamagedBackupOpens { .. })));
    assert_eq!(fs::read(vault.path()).unwrap(), damaged);
    assert_eq!(failures(&vault, T0), 1);
}

#[test]
fn no_pin_is_tried_when_the_attempt_cannot_be_recorded() {
    let (_dir, vault) = vault_with(b"v1");
    let attempts = file::sidecar(vault.path(), ".attempts");
    fs::create_dir(&attempts).unwrap();
    for candidate in [wrong(), pin()] {
        match vault.read(&candidate, T0) {
            Err(VaultError::AttemptsNotRecorded { path, .. }) => assert_eq!(path, attempts),
            other => panic!("expected AttemptsNotRecorded, got {other:?}"),
        }
    }
    fs::remove_dir(&attempts).unwrap();
    assert_eq!(vault.read(&pin(), T0).unwrap().as_slice(), b"v1");
    assert_eq!(failures(&vault, T0), 0);
}

#[test]
fn a_directory_in_place_of_the_vault_is_unreadable_and_counts_nothing() {
    let (_dir, vault) = vault_with(b"v1");
    fs::remove_file(vault.path()).unwrap();
    fs::create_dir(vault.path()).unwrap();
    match vault.read(&pin(), T0) {
        Err(VaultError::Unreadable { path, source }) => {
            assert_eq!(path, vault.path());
            assert_eq!(source.kind(), std::io::ErrorKind::IsADirectory);
        }
        other => panic!("expected Unreadable, got {other:?}"),
    }
    assert_eq!(failures(&vault, T0), 0);
}

#[test]
fn a_save_removes_only_stale_temporary_files_of_its_own_vault() {
    let (_dir, vault) = vault_with(b"v1");
    let dir = file::parent_dir(vault.path()).to_path_buf();
    fs::write(dir.join(".vault.age.Ab12Cd.tmp"), b"old").unwrap();
    fs::write(dir.join(".vault.age.bak.Ab12Cd.tmp"), b"old").unwrap();
    fs::write(dir.join(".vault.age.my-notes.tmp"), b"mine").unwrap();
    set_payload(&vault, b"v2", T0);
    let mut expected = vec![
        ".vault.age.my-notes.tmp",
        "vault.age",
        "vault.age.attempts",
        "vault.age.bak",
        "vault.age.lock",
    ];
    expected.sort();
    assert_eq!(files_in(&vault), expected);
}
