//! Everything otpd can fail with: protocol outcomes carry their error code, the
//! rest are for the administrator and never reach a client in detail.
//!
//! The errors are data (a variant and its fields), not sentences: the front-end
//! (`otpd_cli`) says them in the administrator's language, and the HTTP layer hands
//! a client only the code, worded in the language of its request.

use std::net::SocketAddr;
use std::path::PathBuf;

use crate::api::ErrorCode;

/// Everything otpd can fail with. Protocol outcomes carry their [`ErrorCode`];
/// the rest are for the administrator and never reach a client in detail.
#[derive(Debug)]
pub enum ServerError {
    /// A protocol outcome (wrong code, unknown customer, ...).
    Code(ErrorCode),
    /// SE3010 for an activation code whose proof did not verify, with the tries
    /// it has left (0: that try used it up). Only sent when IDs need not look
    /// alike (`uniform_errors` off): a decoy session has no count to give.
    WrongActivationCode {
        /// Wrong tries left before the code is used up.
        tries_left: u32,
    },
    /// An admin command that cannot be done as asked.
    Admin(AdminError),
    /// The config file (or the master key file) is not usable.
    Config(ConfigError),
    /// The database failed; the driver's own words, which hold no secrets.
    Database(DatabaseError),
    /// A sealed value did not open: wrong master key or a damaged row.
    Sealed,
    /// The system clock reads a time before 1970.
    Clock,
    /// The OS random generator failed.
    Random,
    /// The TLS certificate or key cannot be used.
    Tls {
        /// The certificate chain file.
        cert: PathBuf,
        /// The private key file.
        key: PathBuf,
        /// What rustls said.
        detail: String,
    },
    /// The metrics registry refused a metric or could not write the text (a bug).
    Metrics(String),
    /// Other I/O.
    Io {
        /// What was being done.
        action: IoAction,
        /// The I/O error.
        source: std::io::Error,
    },
}

/// An admin command that cannot be done as asked, with what the administrator
/// needs to put it right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AdminError {
    /// No customer has this code.
    NoCustomer {
        /// The customer code asked for.
        code: String,
    },
    /// The customer has no user with this ID.
    NoUser {
        /// The customer code.
        customer: String,
        /// The user ID asked for.
        user: String,
    },
    /// Not a usable customer code (1 to 32 letters, digits, `-`, `_`).
    BadCustomerCode {
        /// What was given.
        code: String,
    },
    /// An empty organisation name, or one with control characters.
    BadOrganisationName,
    /// The customer code is taken.
    CustomerExists {
        /// The customer code.
        code: String,
    },
    /// Not a usable user ID (1 to 128 characters, no control characters or outer
    /// spaces).
    BadUserId {
        /// What was given.
        user: String,
    },
    /// The customer already has this user.
    UserExists {
        /// The customer code.
        customer: String,
        /// The user ID.
        user: String,
    },
    /// The user has no token to unlock.
    NothingToUnlock {
        /// The user ID.
        user: String,
    },
    /// No API client has this id.
    NoClient {
        /// The client id asked for.
        id: String,
    },
    /// `otpd init` found a config file and never overwrites one.
    ConfigExists {
        /// The config file.
        path: PathBuf,
    },
}

/// Why the config file (or the master key file) is not usable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigError {
    /// The file is not valid TOML for otpd.
    Invalid {
        /// The config file.
        path: PathBuf,
        /// What the TOML reader said.
        detail: String,
    },
    /// The config could not be written as TOML.
    Unwritable {
        /// What the TOML writer said.
        detail: String,
    },
    /// `[tokens] algorithm` is not SHA1, SHA256 or SHA512.
    TokenAlgorithm {
        /// The value in the file.
        value: String,
    },
    /// `[tokens] digits` is not 6, 7 or 8.
    TokenDigits {
        /// The value in the file.
        value: u8,
    },
    /// `[tokens] period` is out of range.
    TokenPeriod {
        /// The value in the file.
        value: u32,
    },
    /// `[sqlite] synchronous` is not `full`, `normal` or `off`.
    SqliteSynchronous {
        /// The value in the file.
        value: String,
    },
    /// Only one of `tls_cert` and `tls_key` is set.
    TlsHalf,
    /// Not a duration (a number with s, m, h or d, from 1 second to a year).
    Duration {
        /// The value given.
        value: String,
    },
    /// `database` is neither `sqlite:` nor `postgres://`.
    DatabaseUrl,
    /// Plain HTTP on an address that is not loopback, without a TLS proxy.
    PlainHttp {
        /// The address that is not loopback.
        addr: SocketAddr,
    },
    /// The master key file can be read by other users.
    KeyReadable {
        /// The master key file.
        path: PathBuf,
    },
    /// The master key file does not hold 32 bytes in base64url.
    KeyDamaged {
        /// The master key file.
        path: PathBuf,
    },
    /// The `[metrics] token_file` can be read by other users.
    MetricsTokenReadable {
        /// The token file.
        path: PathBuf,
    },
    /// The `[metrics] token_file` is empty.
    MetricsTokenEmpty {
        /// The token file.
        path: PathBuf,
    },
}

/// What failed in the database, with the driver's words (which hold no secrets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseError {
    /// The database cannot be opened.
    Open(String),
    /// The schema cannot be brought up to date.
    Migrate(String),
    /// A column is missing or of the wrong type.
    Column {
        /// The column.
        name: String,
        /// The driver's words.
        detail: String,
    },
    /// A stored token has parameters otpd cannot use (a damaged row).
    BadToken,
    /// The task that commits verifications stopped.
    CommitStopped,
    /// Any other failure, in the driver's words.
    Other(String),
}

/// What otpd was doing when an I/O error happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IoAction {
    /// Reading the config file.
    ReadConfig(PathBuf),
    /// Writing the config file.
    WriteConfig(PathBuf),
    /// Creating a directory.
    CreateDir(PathBuf),
    /// Resolving a directory to its full path.
    ResolveDir(PathBuf),
    /// Creating the SQLite database file (mode 0600).
    CreateDatabase(PathBuf),
    /// Taking the group's and others' permissions away from a database file.
    ProtectDatabase(PathBuf),
    /// Creating the master key file.
    CreateKey(PathBuf),
    /// Reading the master key file.
    ReadKey(PathBuf),
    /// Resolving the listen address.
    ResolveListen(String),
    /// Binding the listen address.
    Listen(String),
    /// Setting up the bound socket.
    ConfigureListener,
    /// Serving requests.
    Serve,
    /// Writing the bound address to `--addr-file`.
    WriteAddr(PathBuf),
    /// Starting the async runtime.
    Runtime,
    /// Writing man pages under a directory.
    WriteManPages(PathBuf),
    /// Taking over a signal (SIGHUP, to reload the TLS certificate).
    Signals,
    /// Reading the `[metrics] token_file`.
    ReadMetricsToken(PathBuf),
}

impl std::fmt::Display for ServerError {
    /// A compact, language-free form for logs and debugging (the code, or the
    /// variant and its fields); people read [`crate::i18n::Localize`]'s sentences.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ServerError::Code(code) => f.write_str(code.as_str()),
            ServerError::WrongActivationCode { .. } => f.write_str(ErrorCode::Se3010.as_str()),
            other => write!(f, "{other:?}"),
        }
    }
}

impl std::error::Error for ServerError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ServerError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl ServerError {
    /// Whether this is a protocol outcome a client is told as it is (rather than
    /// an internal failure whose detail only the administrator's log gets).
    pub fn is_protocol(&self) -> bool {
        matches!(
            self,
            ServerError::Code(_) | ServerError::WrongActivationCode { .. }
        )
    }

    /// The wrong tries an activation code has left, when the answer tells them.
    pub fn tries_left(&self) -> Option<u32> {
        match self {
            ServerError::WrongActivationCode { tries_left } => Some(*tries_left),
            _ => None,
        }
    }

    /// The protocol code a client sees for this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            ServerError::Code(code) => *code,
            ServerError::WrongActivationCode { .. } => ErrorCode::Se3010,
            _ => ErrorCode::Se5000,
        }
    }

    /// What the audit log records: the code, or `error`.
    pub fn outcome(&self) -> &'static str {
        match self {
            ServerError::Code(code) => code.as_str(),
            ServerError::WrongActivationCode { .. } => ErrorCode::Se3010.as_str(),
            _ => "error",
        }
    }

    /// An I/O error while doing `action`.
    pub fn io(action: IoAction) -> impl FnOnce(std::io::Error) -> ServerError {
        move |source| ServerError::Io { action, source }
    }
}

impl From<sqlx::Error> for ServerError {
    fn from(error: sqlx::Error) -> Self {
        ServerError::Database(DatabaseError::Other(error.to_string()))
    }
}

impl From<ErrorCode> for ServerError {
    fn from(code: ErrorCode) -> Self {
        ServerError::Code(code)
    }
}

impl From<AdminError> for ServerError {
    fn from(error: AdminError) -> Self {
        ServerError::Admin(error)
    }
}

impl From<ConfigError> for ServerError {
    fn from(error: ConfigError) -> Self {
        ServerError::Config(error)
    }
}

impl From<DatabaseError> for ServerError {
    fn from(error: DatabaseError) -> Self {
        ServerError::Database(error)
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
