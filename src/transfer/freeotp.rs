//! freeotp JSON.

use super::{ImportError, Imported};

/// Whether the JSON looks like this format.
pub fn looks_like(_value: &serde_json::Value) -> bool {
    false
}

/// Reads the file.
pub fn read(_text: &str) -> Result<Imported, ImportError> {
    Err(ImportError::Export("not built yet".to_owned()))
}
