//! Where an agent listens, and the checks that keep the socket private.
//!
//! The runtime directory is `$XDG_RUNTIME_DIR/otp` when that variable holds an
//! absolute path (systemd-logind creates it per user, 0700, and removes it when the
//! user's last session ends), otherwise `otp-<uid>` in the temporary directory. It
//! must be a real directory (not a symbolic link) owned by the user with no
//! permissions for group or others; a socket in it must be owned by the user with
//! mode 0600 or stricter. Clients refuse anything else with a message that says how
//! to fix it.
//!
//! The socket of the agent serving a vault is `agent-<hash>.sock`, where the hash is
//! FNV-1a (64 bit) over the bytes of the vault's canonical path: stable across
//! builds, short enough for the 108-byte socket path limit. It only spreads vaults
//! over names; every request names its vault and the agent checks it.

use std::ffi::OsString;
use std::fs;
use std::io;
use std::os::unix::fs::{DirBuilderExt, FileTypeExt, MetadataExt};
use std::path::{Path, PathBuf};

use super::{AgentError, IoAction, UnsafeProblem};

/// The user's runtime directory for otp (see the module documentation). Not
/// created or checked here.
pub fn runtime_dir() -> PathBuf {
    match std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from) {
        Some(dir) if dir.is_absolute() => dir.join("otp"),
        _ => std::env::temp_dir().join(format!("otp-{}", uid())),
    }
}

/// The real user id of this process.
pub fn uid() -> u32 {
    rustix::process::getuid().as_raw()
}

/// FNV-1a, 64 bit: a stable hash for file names (not for security).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// The socket of the agent for the vault at `canonical_vault` (already canonical).
pub fn socket_path(dir: &Path, canonical_vault: &Path) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    let hash = fnv1a(canonical_vault.as_os_str().as_bytes());
    dir.join(format!("agent-{hash:016x}.sock"))
}

/// The name the agent binds before renaming over [`socket_path`], so a replaced
/// socket is never missing for a moment.
pub fn temporary_socket_path(socket: &Path) -> PathBuf {
    let mut name = OsString::from(".");
    name.push(socket.file_name().unwrap_or_default());
    name.push(format!(".{}.tmp", std::process::id()));
    socket.with_file_name(name)
}

/// The vault path as agents know it: absolute, symbolic links resolved.
pub fn canonical_vault(vault: &Path) -> Result<PathBuf, AgentError> {
    crate::vault::location::real_path(vault)
        .map_err(|e| AgentError::io(IoAction::FindVault, vault, e))
}

fn unsafe_error(path: &Path, problem: UnsafeProblem) -> AgentError {
    AgentError::Unsafe {
        path: path.to_path_buf(),
        problem,
    }
}

/// Checks that `dir` is a directory owned by this user, private to them.
pub fn check_dir(dir: &Path) -> Result<(), AgentError> {
    let meta = fs::symlink_metadata(dir)
        .map_err(|e| AgentError::io(IoAction::InspectDirectory, dir, e))?;
    if !meta.file_type().is_dir() {
        return Err(unsafe_error(dir, UnsafeProblem::NotADirectory));
    }
    if meta.uid() != uid() {
        return Err(unsafe_error(
            dir,
            UnsafeProblem::DirectoryOwner { uid: meta.uid() },
        ));
    }
    let mode = meta.mode() & 0o7777;
    if mode & 0o077 != 0 {
        return Err(unsafe_error(dir, UnsafeProblem::DirectoryMode { mode }));
    }
    Ok(())
}

/// Creates `dir` (mode 0700, parents as needed) if it is missing, then checks it.
pub fn ensure_dir(dir: &Path) -> Result<(), AgentError> {
    match fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
    {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(AgentError::io(IoAction::CreateDirectory, dir, e)),
    }
    check_dir(dir)
}

/// The identity of a socket file: device and inode.
pub type FileId = (u64, u64);

/// Checks the socket at `path`: `Ok(None)` when there is none, its identity when it
/// is a socket owned by this user with no permissions for group or others.
pub fn check_socket(path: &Path) -> Result<Option<FileId>, AgentError> {
    let meta = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(AgentError::io(IoAction::InspectSocket, path, e)),
    };
    if !meta.file_type().is_socket() {
        return Err(unsafe_error(path, UnsafeProblem::NotASocket));
    }
    if meta.uid() != uid() {
        return Err(unsafe_error(
            path,
            UnsafeProblem::SocketOwner { uid: meta.uid() },
        ));
    }
    let mode = meta.mode() & 0o7777;
    if mode & 0o077 != 0 {
        return Err(unsafe_error(path, UnsafeProblem::SocketMode { mode }));
    }
    Ok(Some((meta.dev(), meta.ino())))
}

/// The identity of whatever is at `path` now, if anything.
pub fn file_id(path: &Path) -> Option<FileId> {
    fs::symlink_metadata(path)
        .ok()
        .map(|meta| (meta.dev(), meta.ino()))
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    #[test]
    fn socket_names_are_stable_short_and_distinct() {
        let dir = Path::new("/run/user/1000/otp");
        let a = socket_path(dir, Path::new("/home/a/.local/share/otp/vault.age"));
        let b = socket_path(dir, Path::new("/home/b/.local/share/otp/vault.age"));
        assert_ne!(a, b);
        assert_eq!(
            a,
            socket_path(dir, Path::new("/home/a/.local/share/otp/vault.age"))
        );
        // FNV-1a of "" is its offset basis: a fixed, documented function.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        let name = a.file_name().unwrap().to_str().unwrap();
        assert!(name.starts_with("agent-") && name.ends_with(".sock") && name.len() == 27);
        let temporary = temporary_socket_path(&a);
        assert_eq!(temporary.parent(), a.parent());
        assert!(
            temporary
                .file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with(".agent-")
        );
    }

    #[test]
    fn directory_and_socket_checks() {
        let base = tempfile::tempdir().unwrap();
        let dir = base.path().join("run").join("otp");
        ensure_dir(&dir).unwrap();
        assert_eq!(fs::metadata(&dir).unwrap().mode() & 0o777, 0o700);
        ensure_dir(&dir).unwrap();

        fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
        let error = check_dir(&dir).unwrap_err();
        assert!(
            matches!(
                &error,
                AgentError::Unsafe { path, problem: UnsafeProblem::DirectoryMode { mode: 0o755 } }
                    if *path == dir
            ),
            "{error:?}"
        );
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o700)).unwrap();

        let link = base.path().join("link");
        std::os::unix::fs::symlink(&dir, &link).unwrap();
        assert!(matches!(
            check_dir(&link),
            Err(AgentError::Unsafe {
                problem: UnsafeProblem::NotADirectory,
                ..
            })
        ));

        let socket = dir.join("agent-0.sock");
        assert_eq!(check_socket(&socket).unwrap(), None);
        let listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
        fs::set_permissions(&socket, fs::Permissions::from_mode(0o600)).unwrap();
        assert_eq!(check_socket(&socket).unwrap(), file_id(&socket));
        fs::set_permissions(&socket, fs::Permissions::from_mode(0o666)).unwrap();
        let error = check_socket(&socket).unwrap_err();
        assert!(
            matches!(
                error,
                AgentError::Unsafe {
                    problem: UnsafeProblem::SocketMode { mode: 0o666 },
                    ..
                }
            ),
            "{error:?}"
        );
        drop(listener);

        let plain = dir.join("agent-1.sock");
        fs::write(&plain, b"").unwrap();
        assert!(matches!(
            check_socket(&plain),
            Err(AgentError::Unsafe {
                problem: UnsafeProblem::NotASocket,
                ..
            })
        ));
    }
}
