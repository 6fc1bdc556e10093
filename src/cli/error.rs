//! The one error type of the CLI and its exit codes.

use std::process::ExitCode;

use crate::accounts::{AccountError, CodeError, MatchError};
use crate::agent::AgentError;
use crate::code::ParamError;
use crate::config::ConfigError;
use crate::otpauth::UriError;
use crate::qr::QrError;
use crate::secret::SecretError;
use crate::vault::payload::PayloadError;
use crate::vault::{PinError, VaultError};

/// Everything a subcommand can fail with. Each message is written for the user.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// From the vault service.
    #[error(transparent)]
    Vault(#[from] VaultError),
    /// The decrypted vault could not be read.
    #[error(transparent)]
    Payload(#[from] PayloadError),
    /// No or several accounts match.
    #[error(transparent)]
    Match(#[from] MatchError),
    /// An account could not be added or changed.
    #[error(transparent)]
    Account(#[from] AccountError),
    /// A malformed base32 secret.
    #[error(transparent)]
    Secret(#[from] SecretError),
    /// A malformed `otpauth://` URI.
    #[error(transparent)]
    Uri(#[from] UriError),
    /// A picture without a readable QR code, or a text too long for one.
    #[error(transparent)]
    Qr(#[from] QrError),
    /// A PIN of the wrong form, or one the policy refuses.
    #[error(transparent)]
    Pin(#[from] PinError),
    /// A code that cannot be issued (a time asked of a HOTP account, ...).
    #[error(transparent)]
    Code(#[from] CodeError),
    /// The session agent could not be started or used.
    #[error(transparent)]
    Agent(#[from] AgentError),
    /// A bad `--algorithm`, `--digits`, `--period` or `--counter`.
    #[error(transparent)]
    Param(#[from] ParamError),
    /// The config file.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The full-screen interface.
    #[error(transparent)]
    Tui(#[from] crate::tui::TuiError),
    /// Customer-code enrollment failed.
    #[cfg(feature = "enroll")]
    #[error(transparent)]
    Enroll(#[from] crate::enroll::EnrollError),
    /// A file to import could not be read, or an export could not be written.
    #[error(transparent)]
    Transfer(#[from] crate::transfer::ImportError),
    /// Arguments that parse but do not make sense together.
    #[error("{0}")]
    Usage(String),
    /// Input ran out or could not be read.
    #[error("{0}")]
    Input(String),
    /// No way to get the PIN.
    #[error(
        "no PIN given and no terminal to ask on; use --pin-stdin, OTP_PIN_FILE, OTP_PIN_COMMAND or OTP_PIN (see `otp --help`)"
    )]
    NoPin,
    /// The user answered no.
    #[error("nothing changed")]
    Declined,
    /// The system clock is before 1970.
    #[error(
        "the system clock is set before 1970; fix the date and time, since codes depend on them"
    )]
    Clock,
    /// Another process's answer made no sense.
    #[error("{0}")]
    Unexpected(String),
    /// Other I/O.
    #[error("{what}: {source}")]
    Io {
        /// What was being done.
        what: String,
        /// The I/O error.
        source: std::io::Error,
    },
}

impl CliError {
    /// The documented exit code (see `otp --help`).
    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(self.exit_status())
    }

    /// The documented exit code as a number (the agent reports it to `otp unlock`).
    pub fn exit_status(&self) -> u8 {
        match self {
            CliError::Usage(_)
            | CliError::Secret(_)
            | CliError::Uri(_)
            | CliError::Qr(_)
            | CliError::Pin(_)
            | CliError::Param(_)
            | CliError::Account(_)
            | CliError::Input(_)
            | CliError::Code(_)
            | CliError::Transfer(_)
            | CliError::NoPin
            | CliError::Tui(crate::tui::TuiError::NotATerminal)
            | CliError::Vault(VaultError::WeakPin(_) | VaultError::WorkFactorOutOfRange { .. }) => {
                2
            }
            CliError::Match(_) => 3,
            CliError::Vault(VaultError::WrongPin { .. }) => 4,
            CliError::Vault(VaultError::LockedOut { .. }) => 5,
            CliError::Vault(
                VaultError::NotFound { .. }
                | VaultError::Damaged { .. }
                | VaultError::ExcessiveWork { .. },
            )
            | CliError::Payload(_) => 6,
            CliError::Agent(AgentError::Startup { exit_code, .. }) => *exit_code,
            #[cfg(feature = "enroll")]
            CliError::Enroll(_) => 7,
            _ => 1,
        }
    }
}

/// Prints an error the way every command does and returns its exit code.
pub fn report(error: &CliError) -> ExitCode {
    eprintln!("otp: {error}");
    error.exit_code()
}
