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
    /// `otpd user import` refused its file (and changed nothing), or did not finish.
    Import(ImportError),
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
    /// Not a usable customer code (4 to 8 letters and digits).
    BadCustomerCode {
        /// What was given.
        code: String,
    },
    /// Not a length activation codes may have (5 to 8 digits).
    BadCodeDigits {
        /// What was given.
        digits: u8,
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
    /// Not an email address otpd can deliver to.
    BadEmail {
        /// What was given.
        email: String,
    },
    /// A customer's contact with control characters (line breaks).
    BadContact,
    /// A display name with control characters, or longer than otpd keeps.
    BadName,
    /// Not a language otpd writes messages in (`en`, `ko`).
    BadLang {
        /// What was given.
        lang: String,
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
    /// `--send email` for a user who has no email address.
    NoEmail {
        /// The customer code.
        customer: String,
        /// The user ID.
        user: String,
    },
    /// `otpd init` found a config file and never overwrites one.
    ConfigExists {
        /// The config file.
        path: PathBuf,
    },
}

/// Why `otpd user import` changed nothing, or did not finish issuing codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// The file is larger than an import reads.
    TooLarge {
        /// The limit in bytes.
        limit: u64,
    },
    /// The file is neither UTF-8 nor CP949 (EUC-KR) text.
    NotText,
    /// The file has no header row.
    NoHeader,
    /// The file has more users than one import takes.
    TooManyRows {
        /// The most users one file may hold.
        limit: usize,
    },
    /// The file's problems, in line order: the first [`MAX_IMPORT_PROBLEMS`] of
    /// them, and how many more there are.
    ///
    /// [`MAX_IMPORT_PROBLEMS`]: super::policy::MAX_IMPORT_PROBLEMS
    Problems {
        /// The problems reported.
        problems: Vec<ImportProblem>,
        /// Problems found beyond those.
        more: usize,
    },
    /// A user of the file was added by someone else while the import ran; the
    /// import's transaction was rolled back.
    AddedMeanwhile {
        /// The user's ID.
        user: String,
    },
    /// The import was committed, but some of its users' codes were not issued.
    NotIssued {
        /// Users whose code was not issued.
        failed: usize,
        /// Users a code was to be issued to.
        total: usize,
    },
}

/// One problem of an import file, where an editor shows it: the line (the header
/// is line 1; a record whose quoted cell spans lines is at its first line) and
/// the column, as its header names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportProblem {
    /// The line.
    pub line: u64,
    /// The column's heading in the file, when the problem is in one cell.
    pub column: Option<String>,
    /// What is wrong.
    pub kind: ImportProblemKind,
}

/// What is wrong in one place of an import file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportProblemKind {
    /// A value `otpd user add` would refuse too (ID, name, email address, language).
    Value(AdminError),
    /// A row without an ID.
    MissingId,
    /// An ID already given on an earlier line.
    DuplicateId {
        /// The ID.
        user: String,
        /// The earlier line.
        first_line: u64,
    },
    /// A row with more or fewer cells than the header.
    FieldCount {
        /// Cells in the row.
        found: usize,
        /// Cells in the header.
        expected: usize,
    },
    /// A heading that names the same field as an earlier one.
    DuplicateColumn,
    /// The header has no ID column.
    NoIdColumn,
    /// The CSV reader could not read on; its words.
    Syntax {
        /// What the reader said.
        detail: String,
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
    /// A secret (`[smtp] password`, `[webhook] secret`) written in the config.
    SecretInConfig {
        /// The section.
        section: String,
        /// The key.
        key: String,
    },
    /// A section names its secret both by a file and by an environment variable.
    SecretTwice {
        /// The section.
        section: String,
    },
    /// A section names no secret where one is needed (`[webhook]`), or the
    /// environment variable or file it names holds none.
    SecretMissing {
        /// The section.
        section: String,
    },
    /// Plain text (SMTP `security = "none"`, an `http://` webhook) to a host that
    /// is not this machine: activation codes would cross the network readable.
    PlainNotLoopback {
        /// The host or URL.
        target: String,
    },
    /// `[smtp] from` is not a mailbox (`Name <address>` or `address`).
    SmtpFrom {
        /// The value in the file.
        value: String,
    },
    /// `[webhook] url` is not an `https://` (or loopback `http://`) URL.
    WebhookUrl {
        /// The value in the file.
        url: String,
    },
    /// `[delivery] lang` is not `en` or `ko`.
    DeliveryLang {
        /// The value in the file.
        value: String,
    },
    /// `[delivery] time_zone` is not a time zone this machine knows.
    TimeZone {
        /// The value in the file.
        value: String,
    },
    /// A channel was asked for whose section (`[smtp]`, `[webhook]`) is missing.
    ChannelNotConfigured {
        /// The missing section.
        section: String,
    },
    /// A message template does not compile or render.
    Template {
        /// The template file (or the built-in one's name).
        path: PathBuf,
        /// Its line, when known.
        line: Option<usize>,
        /// What the template engine said.
        detail: String,
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

/// Why an activation code did not reach its user. These are otpd's own codes for
/// the administrator (never sent to a client), kept with each attempt in the
/// `deliveries` table and in the audit log; the README lists them:
///
/// | code | case |
/// |---|---|
/// | SE6002 | the SMTP server refused the login |
/// | SE6003 | the SMTP server could not be reached or did not answer in time |
/// | SE6004 | the secure (TLS) connection to the SMTP server failed |
/// | SE6005 | the SMTP server refused the recipient's address |
/// | SE6006 | the SMTP server refused the message for another reason |
/// | SE6011 | the webhook refused the request (a 4xx status other than 429) |
/// | SE6012 | the webhook did not accept the request after its retries |
///
/// None of them holds the activation code or a password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeliveryError {
    /// The SMTP server refused the login.
    SmtpLogin {
        /// `host:port`.
        server: String,
        /// What the server said.
        detail: String,
    },
    /// The SMTP server could not be reached or did not answer in time.
    SmtpUnreachable {
        /// `host:port`.
        server: String,
        /// What failed.
        detail: String,
    },
    /// The TLS connection to the SMTP server failed (certificate, protocol).
    SmtpTls {
        /// `host:port`.
        server: String,
        /// What rustls said.
        detail: String,
    },
    /// The SMTP server refused the recipient.
    RecipientRefused {
        /// `host:port`.
        server: String,
        /// What the server said.
        detail: String,
    },
    /// The SMTP server refused the message for another reason.
    SmtpRefused {
        /// `host:port`.
        server: String,
        /// What the server said.
        detail: String,
    },
    /// The webhook answered a 4xx status other than 429: not retried.
    WebhookRefused {
        /// The URL.
        url: String,
        /// The status.
        status: u16,
    },
    /// The webhook did not accept the request after its retries.
    WebhookFailed {
        /// The URL.
        url: String,
        /// Tries made.
        tries: u32,
        /// The last status or connection error.
        last: String,
    },
}

impl DeliveryError {
    /// Its delivery error code.
    pub fn code(&self) -> &'static str {
        match self {
            DeliveryError::SmtpLogin { .. } => "SE6002",
            DeliveryError::SmtpUnreachable { .. } => "SE6003",
            DeliveryError::SmtpTls { .. } => "SE6004",
            DeliveryError::RecipientRefused { .. } => "SE6005",
            DeliveryError::SmtpRefused { .. } => "SE6006",
            DeliveryError::WebhookRefused { .. } => "SE6011",
            DeliveryError::WebhookFailed { .. } => "SE6012",
        }
    }
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
    /// Reading a secret's file (`password_file`, `secret_file`).
    ReadSecret(PathBuf),
    /// Reading a message template or a certificate file for delivery.
    ReadDeliveryFile(PathBuf),
    /// Reading the file of `otpd user import`.
    ReadImport(PathBuf),
    /// Writing the issued codes of `otpd user import --issue` to standard output.
    WriteCodes,
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

impl ImportError {
    /// Whether the file was refused for what it holds (the administrator's to
    /// fix, like a wrong argument), rather than the import failing on its way.
    pub fn refused_file(&self) -> bool {
        !matches!(
            self,
            ImportError::NotIssued { .. } | ImportError::AddedMeanwhile { .. }
        )
    }
}

impl From<ImportError> for ServerError {
    fn from(error: ImportError) -> Self {
        ServerError::Import(error)
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
