//! Why an enrollment failed: one typed error for the whole client side, each
//! message saying what happened and what to do.

use crate::api::ErrorCode;

/// Why enrollment failed. Each message says what happened and what to do.
#[derive(Debug, thiserror::Error)]
pub enum EnrollError {
    /// The server refused, with its code.
    #[error("{}: {}", .0.as_str(), .0.sentence())]
    Server(ErrorCode),
    /// The client refused (CE1002, CE2001, CE2002), with a detail.
    #[error("{}: {}{}", .code.as_str(), .code.sentence(), .detail.as_deref().map(|d| format!(" ({d})")).unwrap_or_default())]
    Client {
        /// The code.
        code: ErrorCode,
        /// What exactly (never a secret).
        detail: Option<String>,
    },
    /// The server could not be reached.
    #[error(
        "cannot reach the enrollment server at {url}: {reason}; check the address and your network, then try again"
    )]
    Unreachable {
        /// The server.
        url: String,
        /// Why.
        reason: String,
    },
    /// No server is known for the customer code.
    #[error(
        "no server is known for customer code {customer}; pass --server https://..., or add `{customer} = \"https://...\"` under [customers] in the config file, or set `directory = \"https://...\"`"
    )]
    NoServer {
        /// The customer code.
        customer: String,
    },
    /// The server asked to slow down.
    #[error(
        "SE5029: the server is receiving too many requests from this address; wait {retry_after} seconds and try again"
    )]
    RateLimited {
        /// Seconds to wait.
        retry_after: u64,
    },
    /// The CA certificate file could not be used.
    #[error("cannot use the CA certificate {path}: {reason}")]
    CaCert {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
    /// Saving the account failed (the token stays pending on the server and expires).
    #[error("{0}")]
    Save(String),
    /// Activation failed after the account was saved, and taking the account out of
    /// the vault again failed too: the vault holds an account whose codes the server
    /// does not accept. The front-ends add how to remove it.
    #[error(
        "{activation}; the account {label} was saved in the vault but the server did not activate it, and removing it again failed ({reason})"
    )]
    NotRolledBack {
        /// The label of the account left in the vault.
        label: String,
        /// Why activation failed.
        activation: Box<EnrollError>,
        /// Why removing the account failed (never a secret).
        reason: String,
    },
}

impl EnrollError {
    /// The protocol code, where there is one.
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            EnrollError::Server(code) | EnrollError::Client { code, .. } => Some(*code),
            EnrollError::RateLimited { .. } => Some(ErrorCode::Se5029),
            EnrollError::NotRolledBack { activation, .. } => activation.code(),
            _ => None,
        }
    }

    /// A client-side refusal with `code` and what exactly was wrong.
    pub(crate) fn client(code: ErrorCode, detail: impl Into<String>) -> Self {
        EnrollError::Client {
            code,
            detail: Some(detail.into()),
        }
    }
}
