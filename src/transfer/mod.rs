//! Moving accounts in and out: other authenticators' export files, lists of
//! `otpauth://` links, QR images, and otp's own encrypted backup.
//!
//! A domain service: bytes in, accounts out (and back). Nothing here reads files,
//! the clock or the terminal; passwords for encrypted files come from a callback the
//! front-end supplies, so they are asked for only when a file turns out to need one.

pub mod aegis;
pub mod andotp;
pub mod backup;
#[cfg(test)]
mod fixtures;
pub mod freeotp;
pub mod google;
mod plan;
pub mod twofas;
pub mod uris;

use std::fmt;
use std::str::FromStr;

use zeroize::Zeroizing;

use crate::accounts::Account;
use crate::code::{Algorithm, Digits, Kind};
use crate::secret::SecretKey;

pub use plan::{Plan, Renamed, plan};

/// A file format `otp import` reads (and, for some, `otp export` writes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Google Authenticator's `otpauth-migration://offline?data=` links.
    Google,
    /// An Aegis vault export, plain or password-encrypted.
    Aegis,
    /// A 2FAS backup, plain or password-encrypted.
    TwoFas,
    /// An andOTP plain JSON backup.
    AndOtp,
    /// A FreeOTP+ JSON export.
    FreeOtpPlus,
    /// A text file with one `otpauth://` link per line.
    Uris,
    /// otp's own password-encrypted backup of the whole vault.
    Backup,
    /// A PNG or JPEG picture of a QR code holding an `otpauth://` or
    /// `otpauth-migration://` link.
    Image,
}

impl Format {
    /// Every format, in the order `--format` lists them.
    pub const ALL: [Format; 8] = [
        Format::Google,
        Format::Aegis,
        Format::TwoFas,
        Format::AndOtp,
        Format::FreeOtpPlus,
        Format::Uris,
        Format::Backup,
        Format::Image,
    ];

    /// The `--format` value: `google`, `aegis`, `2fas`, `andotp`, `freeotp`, `uris`,
    /// `backup`, `qr`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Google => "google",
            Format::Aegis => "aegis",
            Format::TwoFas => "2fas",
            Format::AndOtp => "andotp",
            Format::FreeOtpPlus => "freeotp",
            Format::Uris => "uris",
            Format::Backup => "backup",
            Format::Image => "qr",
        }
    }

    /// How the format is named to a person: `Google Authenticator export`, ...
    pub fn title(self) -> &'static str {
        match self {
            Format::Google => "Google Authenticator export",
            Format::Aegis => "Aegis export",
            Format::TwoFas => "2FAS backup",
            Format::AndOtp => "andOTP backup",
            Format::FreeOtpPlus => "FreeOTP+ export",
            Format::Uris => "list of otpauth:// links",
            Format::Backup => "otp backup",
            Format::Image => "QR code image",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Format::ALL
            .into_iter()
            .find(|format| format.as_str().eq_ignore_ascii_case(text))
            .ok_or_else(|| {
                let names: Vec<&str> = Format::ALL.iter().map(|f| f.as_str()).collect();
                format!("unknown format {text:?}: use one of {}", names.join(", "))
            })
    }
}

/// Something the user should know about one imported account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The account's label (`issuer:name`).
    pub label: String,
    /// What to say, e.g. that a period was assumed.
    pub text: String,
}

/// An entry of the file that otp cannot represent, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unrepresentable {
    /// How the file names the entry (never its secret).
    pub label: String,
    /// Why it was left out, e.g. `Steam codes are not supported`.
    pub reason: String,
}

/// What a file holds, read but not yet merged into a vault.
///
/// `Debug` is safe: [`Account`] prints its secret redacted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imported {
    /// The accounts, in the file's order.
    pub accounts: Vec<Account>,
    /// Remarks about particular accounts.
    pub notes: Vec<Note>,
    /// Entries left out.
    pub unrepresentable: Vec<Unrepresentable>,
}

impl Imported {
    /// Appends another file's (or batch's) result.
    pub fn extend(&mut self, other: Imported) {
        self.accounts.extend(other.accounts);
        self.notes.extend(other.notes);
        self.unrepresentable.extend(other.unrepresentable);
    }
}

/// Why a file could not be read. No variant holds a secret or a password.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// No format recognised the bytes.
    #[error(
        "this file is not a format otp can import; name it with --format ({formats})",
        formats = format_names()
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

fn format_names() -> String {
    let names: Vec<&str> = Format::ALL.iter().map(|f| f.as_str()).collect();
    names.join(", ")
}

/// Asks for the password of an encrypted file; called only when one is needed.
pub type PasswordPrompt<'a> = dyn FnMut(Format) -> Result<Zeroizing<String>, ImportError> + 'a;

/// Guesses the format from the bytes, or `None` when nothing matches.
pub fn detect(bytes: &[u8]) -> Option<Format> {
    if backup::looks_like(bytes) {
        return Some(Format::Backup);
    }
    if is_image(bytes) {
        return Some(Format::Image);
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        return match serde_json::from_str::<serde_json::Value>(trimmed) {
            Ok(value) => detect_json(&value),
            Err(_) => detect_damaged_json(trimmed),
        };
    }
    let first = trimmed
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty() && !line.starts_with('#'))?;
    if first.starts_with("otpauth-migration:") {
        return Some(Format::Google);
    }
    if first.starts_with("otpauth:") {
        return Some(Format::Uris);
    }
    None
}

/// PNG or JPEG magic bytes.
fn is_image(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\x89PNG\r\n\x1a\n") || bytes.starts_with(&[0xff, 0xd8, 0xff])
}

fn detect_json(value: &serde_json::Value) -> Option<Format> {
    if aegis::looks_like(value) {
        Some(Format::Aegis)
    } else if twofas::looks_like(value) {
        Some(Format::TwoFas)
    } else if freeotp::looks_like(value) {
        Some(Format::FreeOtpPlus)
    } else if andotp::looks_like(value) {
        Some(Format::AndOtp)
    } else {
        None
    }
}

/// The format of JSON that does not parse (a file cut short, say), from the keys
/// only one format uses, so the error can say what is wrong with it rather than
/// that the format is unknown.
fn detect_damaged_json(text: &str) -> Option<Format> {
    let has = |key: &str| text.contains(&format!("\"{key}\""));
    if has("servicesEncrypted") || (has("services") && (has("schemaVersion") || has("otp"))) {
        Some(Format::TwoFas)
    } else if has("header") && (has("slots") || has("db")) {
        Some(Format::Aegis)
    } else if has("tokenOrder") || (has("tokens") && has("issuerExt")) {
        Some(Format::FreeOtpPlus)
    } else if text.starts_with('[') && has("secret") && has("label") {
        Some(Format::AndOtp)
    } else {
        None
    }
}

/// Reads a file in `format` (detected when `None`), asking `password` for the
/// password of an encrypted export.
pub fn read(
    bytes: &[u8],
    format: Option<Format>,
    password: &mut PasswordPrompt<'_>,
) -> Result<Imported, ImportError> {
    let format = match format {
        Some(format) => format,
        None => detect(bytes).ok_or(ImportError::UnknownFormat)?,
    };
    let imported = match format {
        Format::Google => google::read(text(bytes, format)?)?,
        Format::Aegis => aegis::read(text(bytes, format)?, password)?,
        Format::TwoFas => twofas::read(text(bytes, format)?, password)?,
        Format::AndOtp => andotp::read(text(bytes, format)?)?,
        Format::FreeOtpPlus => freeotp::read(text(bytes, format)?)?,
        Format::Uris => uris::read(text(bytes, format)?)?,
        Format::Backup => backup::read(bytes, password)?,
        Format::Image => read_image(bytes)?,
    };
    if imported.accounts.is_empty() && imported.unrepresentable.is_empty() {
        return Err(ImportError::Empty(format));
    }
    Ok(imported)
}

/// The QR codes in a picture, read as Google exports or `otpauth://` links.
fn read_image(bytes: &[u8]) -> Result<Imported, ImportError> {
    let malformed = |detail: String| ImportError::Malformed {
        format: Format::Image,
        detail,
    };
    let texts = crate::qr::decode_image(bytes).map_err(|error| malformed(error.to_string()))?;
    let mut imported = Imported::default();
    for text in texts {
        let trimmed = text.trim();
        if trimmed.starts_with("otpauth-migration:") {
            imported.extend(google::read(trimmed)?);
        } else if trimmed.starts_with("otpauth:") {
            imported.extend(uris::read(trimmed)?);
        } else {
            return Err(malformed(
                "the QR code holds neither an otpauth:// nor an otpauth-migration:// link"
                    .to_owned(),
            ));
        }
    }
    Ok(imported)
}

fn text(bytes: &[u8], format: Format) -> Result<&str, ImportError> {
    std::str::from_utf8(bytes)
        .map(|text| text.trim_start_matches('\u{feff}'))
        .map_err(|_| ImportError::Malformed {
            format,
            detail: "it is not UTF-8 text".to_owned(),
        })
}

/// What was wrong with a JSON file, for [`ImportError::Malformed`]: where, and what
/// kind of problem, but never a value from the file (it could be a secret).
pub(crate) fn json_error(error: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let at = format!("line {}, column {}", error.line(), error.column());
    match error.classify() {
        Category::Eof => format!("it ends too early ({at}); the file is cut short"),
        Category::Syntax => format!("it is not valid JSON ({at})"),
        Category::Io => format!("it could not be read ({at})"),
        Category::Data => {
            let message = error.to_string();
            if let Some(field) = message
                .strip_prefix("missing field `")
                .and_then(|rest| rest.split_once('`'))
                .map(|(field, _)| field)
            {
                format!("an entry has no {field:?} field ({at})")
            } else if let Some((_, expected)) = message
                .rsplit_once(" at line ")
                .and_then(|(message, _)| message.rsplit_once(", expected "))
            {
                format!("a value has the wrong type or range ({at}); expected {expected}")
            } else {
                format!("a value has the wrong type or range ({at})")
            }
        }
    }
}

/// A non-negative whole JSON number; the message quotes the value only when it is a
/// number (a string there could be anything, a secret included).
pub(crate) fn whole_number(value: &serde_json::Value, field: &str) -> Result<u64, String> {
    value.as_u64().ok_or_else(|| {
        if value.is_number() {
            format!("its {field} is {value}, not a whole number otp can use")
        } else {
            format!("its {field} is not a number")
        }
    })
}

/// The parts of an account as a file states them, before otp's checks.
pub(crate) struct Entry<'a> {
    pub name: &'a str,
    pub issuer: &'a str,
    pub algorithm: Algorithm,
    pub digits: Digits,
    pub kind: Kind,
}

/// Builds an account from a file's entry: trims the names, drops control characters,
/// and names an unnamed account after its issuer (or `imported N`).
pub(crate) fn account(entry: Entry<'_>, secret: SecretKey, position: usize) -> Account {
    let (name, issuer) = names(entry.name, entry.issuer, position);
    Account {
        name,
        issuer,
        secret,
        algorithm: entry.algorithm,
        digits: entry.digits,
        kind: entry.kind,
    }
}

/// The label ([`Account::label`]) that [`account`] would give an entry named `name`
/// and `issuer`: for an entry that is left out or reported before it is built.
pub(crate) fn label(name: &str, issuer: &str, position: usize) -> String {
    match names(name, issuer, position) {
        (name, Some(issuer)) => format!("{issuer}:{name}"),
        (name, None) => name,
    }
}

/// The cleaned account name and issuer, as [`account`] describes.
fn names(name: &str, issuer: &str, position: usize) -> (String, Option<String>) {
    let clean = |text: &str| -> String {
        text.chars()
            .filter(|c| !c.is_control())
            .collect::<String>()
            .trim()
            .to_owned()
    };
    let issuer = Some(clean(issuer)).filter(|issuer| !issuer.is_empty());
    let mut name = clean(name);
    if let Some(issuer) = &issuer {
        // Many apps store "Issuer:name" as the name as well as the issuer.
        if let Some(rest) = name
            .strip_prefix(issuer.as_str())
            .and_then(|r| r.strip_prefix(':'))
        {
            name = rest.trim().to_owned();
        }
    }
    if name.is_empty() {
        name = issuer
            .clone()
            .unwrap_or_else(|| format!("imported {}", position + 1));
    }
    (name, issuer)
}

#[cfg(test)]
mod detect_tests {
    use super::{Format, detect};

    const FILES: [(&str, Format); 6] = [
        ("aegis-encrypted.json", Format::Aegis),
        ("aegis-plain.json", Format::Aegis),
        ("2fas-encrypted.2fas", Format::TwoFas),
        ("2fas-plain.2fas", Format::TwoFas),
        ("andotp.json", Format::AndOtp),
        ("freeotp-plus.json", Format::FreeOtpPlus),
    ];

    fn fixture(name: &str) -> Vec<u8> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/import")
            .join(name);
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    #[test]
    fn every_fixture_is_recognised_whole_and_cut_short() {
        for (name, format) in FILES {
            let bytes = fixture(name);
            assert_eq!(detect(&bytes), Some(format), "{name}");
            // Cut after the opening keys: not JSON any more, still recognisable.
            let cut = &bytes[..bytes.len() * 3 / 4];
            assert!(serde_json::from_slice::<serde_json::Value>(cut).is_err());
            assert_eq!(detect(cut), Some(format), "{name} cut at 3/4");
        }
    }

    #[test]
    fn links_are_recognised_after_comments_and_blank_lines() {
        assert_eq!(detect(&fixture("uris.txt")), Some(Format::Uris));
        assert_eq!(
            detect(b"# my accounts\n\notpauth-migration://offline?data=CgA%3D\n"),
            Some(Format::Google)
        );
        assert_eq!(detect(b"# only a comment\n"), None);
        assert_eq!(detect(b"{\"unrelated\": true}"), None);
    }
}
