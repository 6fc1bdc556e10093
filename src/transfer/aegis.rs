//! aegis JSON.

use super::{ImportError, Imported, PasswordPrompt};

/// Whether the JSON looks like this format.
pub fn looks_like(_value: &serde_json::Value) -> bool {
    false
}

/// Reads the file, asking for the password when it is encrypted.
pub fn read(_text: &str, _password: &mut PasswordPrompt<'_>) -> Result<Imported, ImportError> {
    Err(ImportError::Export("not built yet".to_owned()))
}

/// An Aegis vault export of `accounts`, encrypted with `password`.
pub fn export(
    _accounts: &[crate::accounts::Account],
    _password: &str,
) -> Result<String, ImportError> {
    Err(ImportError::Export("not built yet".to_owned()))
}
