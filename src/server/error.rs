//! Everything otpd can fail with: protocol outcomes carry their error code, the
//! rest are for the administrator and never reach a client in detail.

use crate::api::ErrorCode;

/// Everything otpd can fail with. Protocol outcomes carry their [`ErrorCode`];
/// the rest are for the administrator and never reach a client in detail.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// A protocol outcome (wrong code, unknown customer, ...).
    #[error("{}: {}", .0.as_str(), .0.sentence())]
    Code(ErrorCode),
    /// An admin command that cannot be done as asked.
    #[error("{0}")]
    Admin(String),
    /// The config file.
    #[error("{0}")]
    Config(String),
    /// The database failed.
    #[error("database error: {0}")]
    Database(String),
    /// A sealed value did not open: wrong master key or a damaged row.
    #[error(
        "a secret in the database does not open with this master key; is master_key_file the one this database was created with?"
    )]
    Sealed,
    /// The system clock reads a time before 1970.
    #[error("the system clock is set before 1970; set the date and time, then start otpd again")]
    Clock,
    /// The OS random generator failed.
    #[error("the operating system's random generator failed")]
    Random,
    /// TLS setup.
    #[error("TLS: {0}")]
    Tls(String),
    /// Other I/O.
    #[error("{what}: {source}")]
    Io {
        /// What was being done.
        what: String,
        /// The I/O error.
        source: std::io::Error,
    },
}

impl ServerError {
    /// The protocol code a client sees for this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            ServerError::Code(code) => *code,
            _ => ErrorCode::Se5000,
        }
    }

    /// What the audit log records: the code, or `error`.
    pub fn outcome(&self) -> &'static str {
        match self {
            ServerError::Code(code) => code.as_str(),
            _ => "error",
        }
    }
}

impl From<sqlx::Error> for ServerError {
    fn from(error: sqlx::Error) -> Self {
        ServerError::Database(error.to_string())
    }
}

impl From<ErrorCode> for ServerError {
    fn from(code: ErrorCode) -> Self {
        ServerError::Code(code)
    }
}

impl From<crate::random::RandomError> for ServerError {
    fn from(_: crate::random::RandomError) -> Self {
        ServerError::Random
    }
}

impl From<crate::clock::ClockError> for ServerError {
    fn from(_: crate::clock::ClockError) -> Self {
        ServerError::Clock
    }
}
