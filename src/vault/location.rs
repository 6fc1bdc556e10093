//! Which file a vault path names: the one rule every front-end and the agent use.
//!
//! A vault is often reached through a symbolic link (a synchronised folder, a
//! dotfiles checkout). Every process must lock and save the same real file, or two
//! of them lock different `.lock` files and a save renames a new file over the link,
//! so the link's target goes stale and a HOTP counter is issued twice. So the path
//! is resolved once, before anything else: made absolute, every link followed,
//! relative link targets taken from the link's own directory. A link whose target
//! does not exist yet (`otp init` through a link) resolves to that target, and a
//! missing directory to where it would be, so `init` creates the real file and the
//! link stays a link. The side files (`.bak`, `.lock`, `.attempts`, temporary files)
//! then sit next to the real file.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Most symbolic links followed for one path before giving up (as Linux does).
const MAX_LINKS: usize = 40;

/// The real file `path` names: absolute, with every symbolic link resolved, also
/// when the file (or its directory) does not exist yet. Fails on a link loop, a
/// directory that cannot be searched, or a file where a directory is expected.
pub fn real_path(path: &Path) -> io::Result<PathBuf> {
    resolve(std::path::absolute(path)?, MAX_LINKS)
}

/// More than [`MAX_LINKS`] links (a loop through a missing file).
fn too_many_links() -> io::Error {
    io::Error::from(io::ErrorKind::InvalidInput)
}

/// [`real_path`] of an absolute path, following at most `links` more links.
fn resolve(mut path: PathBuf, mut links: usize) -> io::Result<PathBuf> {
    loop {
        match fs::canonicalize(&path) {
            Ok(real) => return Ok(real),
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            Err(_) => {}
        }
        // Something on the way is missing: the file itself, a link's target, or a
        // directory.
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                links = links.checked_sub(1).ok_or_else(too_many_links)?;
                let target = fs::read_link(&path)?;
                // A relative target is relative to the link's directory; `join`
                // keeps an absolute one as it is.
                path = match path.parent() {
                    Some(dir) => dir.join(target),
                    None => target,
                };
            }
            // The name exists but a directory above it does not resolve.
            Ok(_) => return Err(io::Error::from(io::ErrorKind::NotFound)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
                    return Ok(path);
                };
                let name = name.to_owned();
                return Ok(resolve(dir.to_path_buf(), links)?.join(name));
            }
            Err(e) => return Err(e),
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn existing_files_links_and_missing_targets_resolve_to_the_real_file() {
        let dir = tempfile::tempdir().unwrap();
        let root = fs::canonicalize(dir.path()).unwrap();
        fs::create_dir(root.join("data")).unwrap();
        fs::create_dir(root.join("home")).unwrap();
        let real = root.join("data").join("vault.age");
        let link = root.join("home").join("vault.age");

        // A file that is not there, in a directory that is not there either.
        let missing = root.join("new").join("sub").join("vault.age");
        assert_eq!(real_path(&missing).unwrap(), missing);

        // A dangling relative link, then the same link once its target exists.
        symlink("../data/vault.age", &link).unwrap();
        assert_eq!(real_path(&link).unwrap(), real);
        fs::write(&real, b"x").unwrap();
        assert_eq!(real_path(&link).unwrap(), real);
        assert_eq!(real_path(&real).unwrap(), real);

        // A chain of links, one of them to a directory.
        symlink(root.join("home"), root.join("h")).unwrap();
        let chained = root.join("h").join("vault.age");
        assert_eq!(real_path(&chained).unwrap(), real);

        // A dangling link into a directory reached through a dangling link.
        symlink("later", root.join("soon")).unwrap();
        symlink("../soon/vault.age", root.join("home").join("v2.age")).unwrap();
        assert_eq!(
            real_path(&root.join("home").join("v2.age")).unwrap(),
            root.join("later").join("vault.age")
        );

        // A loop is an error, not a hang.
        symlink("b", root.join("a")).unwrap();
        symlink("a", root.join("b")).unwrap();
        assert!(real_path(&root.join("a")).is_err());
    }
}
