//! Why a file could not be read or written: [`ImportError`], and the one way the
//! importers describe a damaged file ([`ImportError::malformed`]) and a JSON file
//! serde could not read ([`ImportError::json`]).

use super::format::{Format, names};

/// Why a file could not be read. No variant holds a secret or a password.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// No format recognised the bytes.
    #[error(
        "this file is not a format otp can import; name it with --format ({formats})",
        formats = names()
    )]
    UnknownFormat,
    /// The file is damaged or not what its format says.
    #[error("this {} cannot be read: {detail}; export it again from the app", .format.title())]
    Malformed {
        /// The format the file claimed to be.
        format: Format,
        /// What was wrong, without any secret.
        detail: String,
    },
    /// The password did not decrypt the file.
    #[error("wrong password for this {}; nothing was imported", .0.title())]
    WrongPassword(Format),
    /// The file holds no accounts at all.
    #[error("this {} holds no accounts", .0.title())]
    Empty(Format),
    /// A newer version of a format than otp knows.
    #[error("this {} is version {version}, which otp does not know yet (it reads up to {known})", .format.title())]
    UnknownVersion {
        /// The format.
        format: Format,
        /// The version the file declares.
        version: i64,
        /// The newest version otp reads.
        known: i64,
    },
    /// The password could not be obtained (the front-end says why).
    #[error("{0}")]
    Password(String),
    /// Writing an export failed (a parameter the format cannot hold, ...).
    #[error("{0}")]
    Export(String),
}

impl ImportError {
    /// The file in `format` is damaged or not what its format says; `detail` says
    /// what is wrong, without any secret.
    pub(crate) fn malformed(format: Format, detail: impl Into<String>) -> Self {
        ImportError::Malformed {
            format,
            detail: detail.into(),
        }
    }

    /// A JSON file in `format` that serde could not read: where, and what kind of
    /// problem, but never a value from the file (it could be a secret). serde's own
    /// messages can quote values; only a missing field's name and what type was
    /// expected are kept from them.
    pub(crate) fn json(format: Format, error: &serde_json::Error) -> Self {
        use serde_json::error::Category;
        let at = format!("line {}, column {}", error.line(), error.column());
        let detail = match error.classify() {
            Category::Eof => format!("it is cut short ({at})"),
            Category::Syntax => format!("it is not valid JSON ({at})"),
            Category::Io => format!("it could not be read ({at})"),
            Category::Data => {
                let message = error.to_string();
                if let Some(field) = message
                    .strip_prefix("missing field `")
                    .and_then(|rest| rest.split_once('`'))
                    .map(|(field, _)| field)
                {
                    format!("the {field:?} field is missing ({at})")
                } else if let Some((_, expected)) = message
                    .rsplit_once(" at line ")
                    .and_then(|(message, _)| message.rsplit_once(", expected "))
                {
                    format!("a value has the wrong type or range ({at}); expected {expected}")
                } else {
                    format!("a value has the wrong type or range ({at})")
                }
            }
        };
        Self::malformed(format, detail)
    }
}
