//! Crash-safe file operations for the vault and its side files.
//!
//! Every write goes to a temporary file in the same directory, is flushed to disk,
//! and is renamed over the target; then the directory itself is flushed. A crash at
//! any point leaves either the old or the new file, never a partial one. Files are
//! created with mode 0600 and a missing parent directory with mode 0700 (on Unix).
//!
//! Side files sit next to the vault and share its name: `<vault>.bak` (the previous
//! version), `<vault>.lock` (the advisory lock) and `<vault>.attempts` (wrong-PIN
//! count, see the `lockout` module). Temporary files are named
//! `.<file name>.<6 letters or digits>.tmp`; those a killed save left behind are
//! removed by the next save of the vault ([`remove_stale_temporaries`]).

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use super::error::{DamageReason, IoAction, VaultError};

/// Largest vault file read: a vault of ten accounts is a few kilobytes.
pub const MAX_VAULT_BYTES: u64 = 16 * 1024 * 1024;

/// `<path><suffix>`, e.g. `vault.age` → `vault.age.bak`.
pub fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = OsString::from(path.as_os_str());
    name.push(suffix);
    PathBuf::from(name)
}

/// The backup of the previous version: `<vault>.bak`.
pub fn backup_path(vault: &Path) -> PathBuf {
    sidecar(vault, ".bak")
}

/// The lock file: `<vault>.lock`.
pub fn lock_path(vault: &Path) -> PathBuf {
    sidecar(vault, ".lock")
}

/// The directory holding `path` (`.` for a bare file name).
pub fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// Creates `dir` and any missing parents, with mode 0700 on Unix.
pub fn create_private_dir(dir: &Path) -> Result<(), VaultError> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder
        .create(dir)
        .map_err(|e| VaultError::io(IoAction::CreateDirectory, dir, e))
}

/// Reads a whole vault file. A missing file is `NotFound`; one that cannot be read
/// (no permission, a directory, ...) is `Unreadable`; a file above
/// [`MAX_VAULT_BYTES`] is `Damaged` (without reading it all).
pub fn read_vault(path: &Path) -> Result<Vec<u8>, VaultError> {
    let unreadable = |source: io::Error| VaultError::Unreadable {
        path: path.to_path_buf(),
        source,
    };
    let file = File::open(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => VaultError::NotFound {
            path: path.to_path_buf(),
        },
        _ => unreadable(e),
    })?;
    if file.metadata().map_err(unreadable)?.is_dir() {
        return Err(unreadable(io::ErrorKind::IsADirectory.into()));
    }
    let mut bytes = Vec::new();
    file.take(MAX_VAULT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_VAULT_BYTES {
        return Err(VaultError::Damaged {
            path: path.to_path_buf(),
            reason: DamageReason::TooLarge,
            backup: None,
        });
    }
    Ok(bytes)
}

/// Random letters and digits in a temporary file's name (tempfile's default, fixed
/// here because [`remove_stale_temporaries`] recognises the names by it).
const TEMP_RANDOM_CHARS: usize = 6;
/// The end of every temporary file name.
const TEMP_SUFFIX: &str = ".tmp";
/// The side files written through a temporary file next to the vault: the vault
/// itself (""), its backup and its attempt count.
const STAGED_SUFFIXES: &[&str] = &["", ".bak", ".attempts"];

/// A flushed temporary file holding `bytes`, mode 0600, in `dir`, named
/// `.<target name>.<6 letters or digits>.tmp`.
fn staged(dir: &Path, target: &Path, bytes: &[u8]) -> Result<NamedTempFile, VaultError> {
    let mut prefix = OsString::from(".");
    prefix.push(target.file_name().unwrap_or_default());
    prefix.push(".");
    let mut builder = tempfile::Builder::new();
    builder
        .prefix(&prefix)
        .rand_bytes(TEMP_RANDOM_CHARS)
        .suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o600));
    }
    let mut temp = builder
        .tempfile_in(dir)
        .map_err(|e| VaultError::io(IoAction::CreateTemporary, dir, e))?;
    temp.write_all(bytes)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| VaultError::io(IoAction::WriteTemporary, dir, e))?;
    Ok(temp)
}

/// Flushes a directory so the renames inside it survive a crash (Unix only).
fn sync_dir(dir: &Path) -> Result<(), VaultError> {
    #[cfg(unix)]
    {
        File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(|e| VaultError::io(IoAction::FlushDirectory, dir, e))?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Atomically replaces (or creates) `path` with `bytes`, mode 0600.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), VaultError> {
    let dir = parent_dir(path);
    let temp = staged(dir, path, bytes)?;
    temp.persist(path)
        .map_err(|e| VaultError::io(IoAction::Replace, path, e.error))?;
    sync_dir(dir)
}

/// Atomically creates `path` with `bytes`, mode 0600; `AlreadyExists` if a file is
/// there, even one that appeared a moment ago (no check-then-write race).
pub fn create_new(path: &Path, bytes: &[u8]) -> Result<(), VaultError> {
    let dir = parent_dir(path);
    let temp = staged(dir, path, bytes)?;
    temp.persist_noclobber(path).map_err(|e| {
        if e.error.kind() == io::ErrorKind::AlreadyExists {
            VaultError::AlreadyExists {
                path: path.to_path_buf(),
            }
        } else {
            VaultError::io(IoAction::Create, path, e.error)
        }
    })?;
    sync_dir(dir)
}

/// Whether `name` is one of the temporary files [`staged`] makes for the vault
/// named `vault_name`: `.<vault_name><side>.<6 letters or digits>.tmp`, `<side>`
/// being nothing, `.bak` or `.attempts`.
fn is_our_temporary(name: &str, vault_name: &str) -> bool {
    let Some(random) = name
        .strip_suffix(TEMP_SUFFIX)
        .and_then(|rest| rest.strip_prefix('.'))
        .and_then(|rest| rest.strip_prefix(vault_name))
    else {
        return false;
    };
    STAGED_SUFFIXES.iter().any(|side| {
        random
            .strip_prefix(side)
            .and_then(|rest| rest.strip_prefix('.'))
            .is_some_and(|chars| {
                chars.len() == TEMP_RANDOM_CHARS && chars.bytes().all(|b| b.is_ascii_alphanumeric())
            })
    })
}

/// Removes the temporary files a save killed half-way left next to the vault at
/// `vault` (they hold older encrypted copies, with accounts since removed). Only
/// regular files of this module's own naming are touched. The caller holds the
/// vault's lock, under which every such file is written, so none of them is in use.
/// Best effort: a file that cannot be removed is left for the next save.
pub fn remove_stale_temporaries(vault: &Path) {
    let Some(vault_name) = vault.file_name().and_then(|name| name.to_str()) else {
        return;
    };
    let Ok(entries) = fs::read_dir(parent_dir(vault)) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let ours = name
            .to_str()
            .is_some_and(|name| is_our_temporary(name, vault_name));
        if ours && entry.file_type().is_ok_and(|kind| kind.is_file()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Atomically replaces the vault at `path` with `bytes`, first making `<path>.bak`
/// hold `backup` (normally the exact previous bytes, which were just decrypted and
/// so are known to be whole). Both files are complete at every instant: a crash
/// leaves the old vault with the old or new backup, or the new vault with the new
/// backup.
///
/// Temporary files an earlier, killed save left behind are removed first (see
/// [`remove_stale_temporaries`]): the caller holds the vault's lock.
pub fn replace_with_backup(path: &Path, bytes: &[u8], backup: &[u8]) -> Result<(), VaultError> {
    remove_stale_temporaries(path);
    let dir = parent_dir(path);
    let new_vault = staged(dir, path, bytes)?;
    let backup_path = backup_path(path);
    write_atomic(&backup_path, backup)?;
    new_vault
        .persist(path)
        .map_err(|e| VaultError::io(IoAction::ReplaceVault, path, e.error))?;
    sync_dir(dir)
}

/// An exclusive advisory lock on `<vault>.lock`, held until dropped.
///
/// The vault itself is replaced by rename, so it cannot carry the lock; the lock file
/// is never deleted (deleting it would let two processes lock different files).
#[derive(Debug)]
pub struct VaultLock {
    _file: File,
}

impl VaultLock {
    /// Waits until the lock on `<vault>.lock` is free and takes it. The vault's
    /// directory must exist.
    pub fn acquire(vault: &Path) -> Result<Self, VaultError> {
        let (file, path) = open_lock_file(vault)?;
        file.lock()
            .map_err(|e| VaultError::io(IoAction::Lock, &path, e))?;
        Ok(Self { _file: file })
    }

    /// Takes the lock if it is free now; `None` when another process holds it.
    pub fn try_acquire(vault: &Path) -> Result<Option<Self>, VaultError> {
        let (file, path) = open_lock_file(vault)?;
        match file.try_lock() {
            Ok(()) => Ok(Some(Self { _file: file })),
            Err(fs::TryLockError::WouldBlock) => Ok(None),
            Err(fs::TryLockError::Error(e)) => Err(VaultError::io(IoAction::Lock, &path, e)),
        }
    }
}

fn open_lock_file(vault: &Path) -> Result<(File, PathBuf), VaultError> {
    let path = lock_path(vault);
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options
        .open(&path)
        .map_err(|e| VaultError::io(IoAction::OpenLockFile, &path, e))?;
    Ok((file, path))
}

#[cfg(test)]
pub(crate) fn mode_of(path: &Path) -> u32 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        0o600
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sidecar_names() {
        let vault = Path::new("/data/otp/vault.age");
        assert_eq!(backup_path(vault), Path::new("/data/otp/vault.age.bak"));
        assert_eq!(lock_path(vault), Path::new("/data/otp/vault.age.lock"));
        assert_eq!(parent_dir(Path::new("vault.age")), Path::new("."));
    }

    #[test]
    fn atomic_writes_are_private_and_leave_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let vault = dir.path().join("sub").join("vault.age");
        create_private_dir(vault.parent().unwrap()).unwrap();
        assert_eq!(mode_of(vault.parent().unwrap()), 0o700);

        create_new(&vault, b"one").unwrap();
        assert!(matches!(
            create_new(&vault, b"two"),
            Err(VaultError::AlreadyExists { .. })
        ));
        assert_eq!(fs::read(&vault).unwrap(), b"one");

        replace_with_backup(&vault, b"two", b"one").unwrap();
        assert_eq!(fs::read(&vault).unwrap(), b"two");
        assert_eq!(fs::read(backup_path(&vault)).unwrap(), b"one");
        assert_eq!(mode_of(&vault), 0o600);
        assert_eq!(mode_of(&backup_path(&vault)), 0o600);

        let names: Vec<_> = fs::read_dir(vault.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
    }

    #[test]
    fn only_our_temporary_names_are_ours() {
        for name in [
            ".vault.age.Ab12Cd.tmp",
            ".vault.age.bak.x9Y8z7.tmp",
            ".vault.age.attempts.QwErTy.tmp",
        ] {
            assert!(is_our_temporary(name, "vault.age"), "{name}");
        }
        for name in [
            ".vault.age.my-notes.tmp",
            "vault.age.Ab12Cd.tmp",
            ".vault.age.Ab12Cd.tmp.keep",
            ".other.age.Ab12Cd.tmp",
            ".vault.age.Ab12C.tmp",
            ".vault.age.bak.attempts.Ab12Cd.tmp",
            ".vault.age.lock.Ab12Cd.tmp",
            ".vault.age..tmp",
        ] {
            assert!(!is_our_temporary(name, "vault.age"), "{name}");
        }
    }

    #[test]
    fn read_vault_reports_missing_and_oversized_files() {
        let dir = tempfile::tempdir().unwrap();
        let vault = dir.path().join("vault.age");
        assert!(matches!(
            read_vault(&vault),
            Err(VaultError::NotFound { .. })
        ));
        let file = File::create(&vault).unwrap();
        file.set_len(MAX_VAULT_BYTES + 1).unwrap();
        assert!(matches!(
            read_vault(&vault),
            Err(VaultError::Damaged {
                reason: DamageReason::TooLarge,
                ..
            })
        ));
    }

    #[test]
    fn lock_is_exclusive() {
        let dir = tempfile::tempdir().unwrap();
        let vault = dir.path().join("vault.age");
        let held = VaultLock::acquire(&vault).unwrap();
        assert!(VaultLock::try_acquire(&vault).unwrap().is_none());
        drop(held);
        assert!(VaultLock::try_acquire(&vault).unwrap().is_some());
        assert_eq!(mode_of(&lock_path(&vault)), 0o600);
    }
}
