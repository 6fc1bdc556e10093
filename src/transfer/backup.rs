//! otp's own backup: the whole vault, encrypted with a password.

use super::{ImportError, Imported, PasswordPrompt};
use crate::accounts::Account;

/// Whether the bytes start like a backup.
pub fn looks_like(_bytes: &[u8]) -> bool {
    false
}

/// Decrypts a backup, asking for its password.
pub fn read(_bytes: &[u8], _password: &mut PasswordPrompt<'_>) -> Result<Imported, ImportError> {
    Err(ImportError::Export("not built yet".to_owned()))
}

/// Encrypts `accounts` with `password` at scrypt work factor `work_factor`.
pub fn write(
    _accounts: &[Account],
    _password: &str,
    _work_factor: u8,
) -> Result<Vec<u8>, ImportError> {
    Err(ImportError::Export("not built yet".to_owned()))
}
