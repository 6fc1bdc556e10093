//! The master key: 32 random bytes in a file of its own (mode 0600), outside the
//! database. Seeds, live activation codes and enrollment session keys are sealed
//! under it with ChaCha20-Poly1305, each bound to its row by associated data, so a
//! copy of the database alone reveals none of them.

use std::io::Write;
use std::path::Path;

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use zeroize::Zeroizing;

use super::error::{ConfigError, IoAction, ServerError};
use crate::api::pake::{b64, unb64};

/// The key that seals secrets at rest. No `Debug`, zeroized on drop.
pub struct MasterKey {
    cipher: ChaCha20Poly1305,
}

impl MasterKey {
    /// Creates a new key file at `path`; refuses to overwrite one.
    pub fn create(path: &Path) -> Result<Self, ServerError> {
        let key = crate::random::secret_bytes::<32>()?;
        let text = Zeroizing::new(format!("{}\n", b64(key.as_ref())));
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let io = |source| ServerError::Io {
            action: IoAction::CreateKey(path.to_owned()),
            source,
        };
        let mut file = options.open(path).map_err(io)?;
        file.write_all(text.as_bytes()).map_err(io)?;
        file.sync_all().map_err(io)?;
        Ok(Self::from_bytes(&key))
    }

    /// Reads the key file; refuses one that other users can read.
    pub fn load(path: &Path) -> Result<Self, ServerError> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            if let Ok(meta) = std::fs::metadata(path)
                && meta.permissions().mode() & 0o077 != 0
            {
                return Err(ConfigError::KeyReadable {
                    path: path.to_owned(),
                }
                .into());
            }
        }
        let text = Zeroizing::new(
            std::fs::read_to_string(path)
                .map_err(ServerError::io(IoAction::ReadKey(path.to_owned())))?,
        );
        let bytes = Zeroizing::new(unb64(text.trim()).unwrap_or_default());
        let key: Zeroizing<[u8; 32]> = match <[u8; 32]>::try_from(bytes.as_slice()) {
            Ok(key) => Zeroizing::new(key),
            Err(_) => {
                return Err(ConfigError::KeyDamaged {
                    path: path.to_owned(),
                }
                .into());
            }
        };
        Ok(Self::from_bytes(&key))
    }

    /// A key from its 32 raw bytes (tests and benchmarks).
    pub fn from_bytes(bytes: &[u8; 32]) -> Self {
        Self {
            cipher: ChaCha20Poly1305::new(Key::from_slice(bytes)),
        }
    }

    /// Seals `plaintext`, bound to `context` (e.g. `seed|SERIAL`).
    pub fn seal(&self, context: &str, plaintext: &[u8]) -> Result<String, ServerError> {
        let nonce = crate::random::bytes::<12>()?;
        let ciphertext = self
            .cipher
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: plaintext,
                    aad: context.as_bytes(),
                },
            )
            .map_err(|_| ServerError::Sealed)?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&ciphertext);
        Ok(b64(&out))
    }

    /// Opens what [`MasterKey::seal`] sealed with the same `context`.
    pub fn open(&self, context: &str, sealed: &str) -> Result<Zeroizing<Vec<u8>>, ServerError> {
        let bytes = unb64(sealed).map_err(|_| ServerError::Sealed)?;
        if bytes.len() < 12 {
            return Err(ServerError::Sealed);
        }
        let (nonce, ciphertext) = bytes.split_at(12);
        self.cipher
            .decrypt(
                Nonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad: context.as_bytes(),
                },
            )
            .map(Zeroizing::new)
            .map_err(|_| ServerError::Sealed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_is_private_and_seals_are_bound_to_their_row() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("master.key");
        let key = MasterKey::create(&path).unwrap();
        assert!(MasterKey::create(&path).is_err());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let sealed = key.seal("seed|A", b"secret").unwrap();
        let again = MasterKey::load(&path).unwrap();
        assert_eq!(again.open("seed|A", &sealed).unwrap().as_slice(), b"secret");
        assert!(again.open("seed|B", &sealed).is_err());
        assert!(again.open("seed|A", "AAAA").is_err());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
            assert!(MasterKey::load(&path).is_err());
        }
    }
}
