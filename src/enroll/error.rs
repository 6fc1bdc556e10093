//! Why an enrollment failed: one typed error for the whole client side. The
//! variants carry what happened as data; the front-ends say it in the person's
//! language (`crate::i18n`'s `Localize`). The `#[error]` texts below are short
//! English for developers and logs, never shown to a person as they are.

use std::path::PathBuf;

use crate::accounts::AccountError;
use crate::api::ErrorCode;
use crate::vault::VaultError;
use crate::vault::payload::PayloadError;

/// Why enrollment failed.
#[derive(Debug, thiserror::Error)]
pub enum EnrollError {
    /// The server refused, with its code.
    #[error("{0}: the server refused")]
    Server(ErrorCode),
    /// The server refused the activation code as wrong (SE3010) and said how many
    /// wrong tries it has left (0: that one used it up).
    #[error("SE3010: wrong activation code, {tries_left} tries left")]
    WrongActivationCode {
        /// Wrong tries left before the code is used up.
        tries_left: u32,
    },
    /// The client refused (CE1002, CE2001, CE2002), with what exactly was wrong.
    #[error("{code}: refused by the client{}", .detail.as_ref().map(|d| format!(" ({d})")).unwrap_or_default())]
    Client {
        /// The code.
        code: ErrorCode,
        /// What exactly (never a secret).
        detail: Option<ClientDetail>,
    },
    /// The server could not be reached.
    #[error("cannot reach the enrollment server at {url}: {reason}")]
    Unreachable {
        /// The server.
        url: String,
        /// Why (the transport's own words).
        reason: String,
    },
    /// No server is known for the customer code: neither the config file's
    /// `[customers]` table nor its `directory` names one. Most often a mistyped
    /// customer code.
    #[error("no server is known for customer code {customer} (config file {})", .config_path.display())]
    NotConfigured {
        /// The customer code as typed.
        customer: String,
        /// The config file that was read.
        config_path: PathBuf,
    },
    /// The server asked to slow down (SE5029).
    #[error("SE5029: rate limited for {retry_after} s")]
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
        reason: CaCertProblem,
    },
    /// The CA certificate a push link keeps for its server is not a PEM
    /// certificate (the vault was edited by hand).
    #[error("the CA certificate saved for {server} is not valid: {reason}")]
    SavedCaCert {
        /// The link's server.
        server: String,
        /// The parser's words.
        reason: String,
    },
    /// Saving the account failed (the token stays pending on the server and expires).
    #[error("cannot save the enrolled account: {0}")]
    Save(#[source] EditError),
    /// Activation failed after the account was saved, and taking the account out of
    /// the vault again failed too: the vault holds an account whose codes the server
    /// does not accept. The front-ends add how to remove it.
    #[error("{activation}; {label} saved but not activated, and removing it failed ({reason})")]
    NotRolledBack {
        /// The label of the account left in the vault.
        label: String,
        /// Why activation failed.
        activation: Box<EnrollError>,
        /// Why removing the account failed (never a secret).
        reason: String,
    },
}

/// Why the accounts could not be edited. Never holds a secret.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    /// The vault could not be opened or written.
    #[error(transparent)]
    Vault(#[from] VaultError),
    /// The decrypted vault could not be read.
    #[error(transparent)]
    Payload(#[from] PayloadError),
    /// The change was refused (too many accounts, a clashing label, ...).
    #[error(transparent)]
    Account(#[from] AccountError),
}

/// What exactly the client found wrong, under a CE code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClientDetail {
    /// A customer code is 4 to 8 letters and digits.
    #[error("malformed customer code")]
    CustomerCodeForm,
    /// The activation code does not have the customer's number of digits.
    #[error("the activation code has {digits} digits")]
    ActivationCodeForm {
        /// How many digits it has (5 to 8).
        digits: u8,
    },
    /// A successful answer that does not parse.
    #[error("answer not in the expected form")]
    AnswerForm,
    /// An error status without an error code: not an otpd, or a proxy in between.
    #[error("HTTP {status} without an error code")]
    NotOtpd {
        /// The HTTP status.
        status: u16,
    },
    /// The request could not be encoded.
    #[error("cannot encode the request")]
    RequestEncoding,
    /// No random enrollment id could be drawn.
    #[error("no randomness: {0}")]
    Randomness(String),
    /// The server answered for another session or protocol suite.
    #[error("answer for another session or protocol")]
    OtherSession,
    /// The server's PAKE message is malformed.
    #[error("malformed PAKE message")]
    PakeMessage,
    /// The server's key-confirmation proof is wrong.
    #[error("wrong server proof")]
    Proof,
    /// The sealed secret does not open.
    #[error("sealed secret does not open")]
    SealedSecret,
    /// The server sent an algorithm otp does not know.
    #[error("unknown algorithm")]
    Algorithm,
    /// The server sent a digit count otp does not support.
    #[error("unsupported digit count")]
    Digits,
    /// The server sent a period otp does not support.
    #[error("unsupported period")]
    Period,
    /// The server sent an empty account name or a short seed.
    #[error("unusable account")]
    Account,
    /// The account to activate is not time-based.
    #[error("not time-based")]
    NotTimeBased,
    /// The TLS layer's own words.
    #[error("{0}")]
    Tls(String),
    /// A server address that is not `https://host[...]`.
    #[error("{0:?} is not an https:// address")]
    NotHttps(String),
    /// A server address with no host, a user part or spaces.
    #[error("{0:?} is not a usable server address")]
    BadAddress(String),
    /// Plain `http://` to a host that is not this machine.
    #[error("plain http to {0}")]
    PlainHttp(String),
}

/// Why a CA certificate file could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CaCertProblem {
    /// It could not be read (the system's words).
    #[error("{0}")]
    Unreadable(String),
    /// It is not a PEM certificate (the parser's words).
    #[error("not a PEM certificate ({0})")]
    NotPem(String),
    /// It is larger than a CA certificate is (kept with push links, so bounded).
    #[error("larger than {max} bytes")]
    TooLarge {
        /// The most bytes read.
        max: usize,
    },
}

impl EnrollError {
    /// The protocol code, where there is one.
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            EnrollError::Server(code) | EnrollError::Client { code, .. } => Some(*code),
            EnrollError::WrongActivationCode { .. } => Some(ErrorCode::Se3010),
            EnrollError::RateLimited { .. } => Some(ErrorCode::Se5029),
            EnrollError::NotRolledBack { activation, .. } => activation.code(),
            _ => None,
        }
    }

    /// A client-side refusal with `code` and what exactly was wrong.
    pub(crate) fn client(code: ErrorCode, detail: ClientDetail) -> Self {
        EnrollError::Client {
            code,
            detail: Some(detail),
        }
    }
}
