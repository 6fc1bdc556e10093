//! The async runtime the server and the admin commands run on.

use crate::server::ServerError;
use crate::server::error::IoAction;

/// A multi-threaded tokio runtime.
pub fn runtime() -> Result<tokio::runtime::Runtime, ServerError> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(ServerError::io(IoAction::Runtime))
}
