//! Google Authenticator's export: `otpauth-migration://offline?data=` links.

use zeroize::Zeroizing;

use super::{ImportError, Imported, Unrepresentable};
use crate::accounts::Account;

/// Google Authenticator's export, as links to draw as QR codes.
pub struct GoogleExport {
    /// One `otpauth-migration://` link per batch.
    pub uris: Vec<Zeroizing<String>>,
    /// Accounts Google Authenticator cannot hold, and why.
    pub left_out: Vec<Unrepresentable>,
}

/// Reads one or more `otpauth-migration://` links (one per line).
pub fn read(_text: &str) -> Result<Imported, ImportError> {
    Err(ImportError::Export("not built yet".to_owned()))
}

/// Writes `accounts` as migration links of at most `batch_size` accounts each.
pub fn export(_accounts: &[Account], _batch_size: usize) -> Result<GoogleExport, ImportError> {
    Err(ImportError::Export("not built yet".to_owned()))
}
