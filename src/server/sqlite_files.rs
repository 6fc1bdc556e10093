//! The files of a SQLite database on disk. `otpd.db` and its companions (`-wal`,
//! `-shm`, `-journal`) hold the users, the sealed secrets and the audit log, so they
//! are their owner's alone: mode 0600.
//!
//! SQLite creates each companion with the mode of the main file, so creating that
//! file 0600 before SQLite opens it covers them all. A looser file, left by an older
//! otpd or by a copy, is tightened before SQLite opens it. Directories are only
//! looked at: `otpd init` creates its data directory 0700, but otpd never changes
//! the mode of a directory it did not create (it may be shared, like a home
//! directory); [`open_directory`] finds one that others can enter, for a warning.

use std::ffi::OsString;
use std::fs::Metadata;
use std::path::{Path, PathBuf};

use sqlx::sqlite::SqliteConnectOptions;

use super::error::{IoAction, ServerError};

/// Group and other permission bits.
const OTHERS: u32 = 0o077;

/// The companions SQLite keeps beside the database file.
const COMPANIONS: [&str; 3] = ["-wal", "-shm", "-journal"];

/// The file a `sqlite:` URL names, or `None` for an in-memory database or a URL
/// that is not SQLite's.
pub fn database_file(url: &str) -> Option<PathBuf> {
    if !url.starts_with("sqlite:") || url.contains(":memory:") || url.contains("mode=memory") {
        return None;
    }
    let options: SqliteConnectOptions = url.parse().ok()?;
    let file = options.get_filename();
    (!file.as_os_str().is_empty()).then(|| file.to_path_buf())
}

/// The permission bits of a file (0600 where there are none).
fn mode_of(meta: &Metadata) -> u32 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.permissions().mode() & 0o777
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        0o600
    }
}

/// Sets the permission bits of `path` (nothing where there are none).
fn set_mode(path: &Path, mode: u32) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
    }
    #[cfg(not(unix))]
    {
        let _ = (path, mode);
        Ok(())
    }
}

/// `path` with `suffix` added to its file name (`otpd.db` → `otpd.db-wal`).
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = OsString::from(path.as_os_str());
    name.push(suffix);
    PathBuf::from(name)
}

/// Before SQLite opens the database at `url`: creates a missing database file
/// with mode 0600 (when `create`), and takes the group's and others' permissions
/// away from the file and any companion that has them.
pub fn make_private(url: &str, create: bool) -> Result<(), ServerError> {
    let Some(file) = database_file(url) else {
        return Ok(());
    };
    if create && !file.exists() {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(false);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        options
            .open(&file)
            .map_err(ServerError::io(IoAction::CreateDatabase(file.clone())))?;
    }
    let paths = std::iter::once(file.clone())
        .chain(COMPANIONS.iter().map(|suffix| with_suffix(&file, suffix)));
    for path in paths {
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        let mode = mode_of(&meta);
        if meta.is_file() && mode & OTHERS != 0 {
            set_mode(&path, mode & 0o700)
                .map_err(ServerError::io(IoAction::ProtectDatabase(path.clone())))?;
        }
    }
    Ok(())
}

/// The directory of the SQLite database at `url` (its full path), when the group
/// or others have any permission on it.
pub fn open_directory(url: &str) -> Option<PathBuf> {
    let file = database_file(url)?;
    let dir = file.parent().filter(|p| !p.as_os_str().is_empty())?;
    let dir = std::fs::canonicalize(dir).ok()?;
    let mode = mode_of(&std::fs::metadata(&dir).ok()?);
    (mode & OTHERS != 0).then_some(dir)
}

/// Creates `dir` and any missing parent with mode 0700 (nothing changes for the
/// ones that exist).
pub fn create_private_dir(dir: &Path) -> Result<(), ServerError> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(dir)
        .map_err(ServerError::io(IoAction::CreateDir(dir.to_owned())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_file_of_a_sqlite_url() {
        assert_eq!(
            database_file("sqlite:///var/lib/otpd/otpd.db?mode=rwc"),
            Some(PathBuf::from("/var/lib/otpd/otpd.db"))
        );
        assert_eq!(
            database_file("sqlite:otpd.db"),
            Some(PathBuf::from("otpd.db"))
        );
        assert_eq!(database_file("sqlite::memory:"), None);
        assert_eq!(database_file("sqlite://x.db?mode=memory"), None);
        assert_eq!(database_file("postgres://u@h/db"), None);
    }

    #[cfg(unix)]
    #[test]
    fn tightens_the_file_and_its_companions() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("otpd.db");
        let url = format!("sqlite://{}", db.display());
        let mode = |path: &Path| mode_of(&std::fs::metadata(path).unwrap());
        make_private(&url, true).unwrap();
        assert_eq!(mode(&db), 0o600);
        let wal = with_suffix(&db, "-wal");
        std::fs::write(&wal, b"").unwrap();
        set_mode(&wal, 0o644).unwrap();
        set_mode(&db, 0o640).unwrap();
        make_private(&url, true).unwrap();
        assert_eq!((mode(&db), mode(&wal)), (0o600, 0o600));
    }
}
