//! `otpauth://` key URIs (the Google Authenticator Key URI Format): parse and build.
//!
//! ```text
//! otpauth://TYPE/LABEL?PARAMETERS
//! otpauth://totp/ACME%20Co:john@example.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co&period=30
//! ```
//!
//! The URI is split into its parts *before* anything is percent-decoded, and each
//! part (the label, each parameter name and value) is decoded on its own, so an
//! encoded `&`, `=`, `?` or `:` inside a value never changes the URI's structure
//! (`issuer=AT%26T` is the issuer `AT&T`).
//!
//! Choices where the format leaves room, each covered by a test:
//!
//! - **`+` in a parameter value is a space**, as in an HTML form's query
//!   (`application/x-www-form-urlencoded`): the apps that write links with Dart's,
//!   Java's or Python's form encoders write `issuer=Air+Canada`, and mean
//!   "Air Canada". A literal plus there is `%2B`. In the label (the path) `+` stays a
//!   plus, as RFC 3986 has it. [`OtpAuthUri::to_uri`] writes a space as `%20` and a
//!   plus as `%2B` everywhere, so its links read the same either way.
//! - **Colons in the label.** The label is percent-decoded as a whole, then split into
//!   issuer and account at a colon, so `Example:alice` and `Example%3Aalice` mean the
//!   same. When the `issuer` parameter is present and the decoded label starts with
//!   that issuer followed by a colon, the split is made right after it; so an issuer
//!   that itself contains a colon still round-trips. Otherwise the label is split at
//!   its *first* colon: without an `issuer` parameter, `A:B:alice` is issuer `A`,
//!   account `B:alice`. An empty prefix (`:alice`) means "no issuer", which is how
//!   [`OtpAuthUri::to_uri`] writes an account containing a colon that has no issuer.
//! - **Spaces after the separator** (`Example:%20alice`) are dropped, as the format
//!   allows. An account that really begins with a space therefore loses it whenever
//!   the label has an issuer prefix.
//! - **Fragments.** A raw `#` is rejected rather than treated as the start of a
//!   fragment: an unencoded `#` in a pasted secret or name would otherwise cut it
//!   short without a word.
//! - **Control characters** (after decoding) in the label or issuer are rejected, so
//!   a crafted QR code cannot put terminal escape sequences into an account name.
//! - **Parameter names** are matched ignoring ASCII case. Unknown parameters
//!   (`image`, `color`, ...) are ignored, including repeats of them; a known
//!   parameter given twice is an error, as is a known parameter with an empty value.
//! - `digits`, `period` and `counter` must be plain decimal digits (no sign, no
//!   spaces); `algorithm` must name SHA1, SHA256 or SHA512, never silently SHA1.
//! - A `counter` on a `totp` URI, or a `period` on a `hotp` URI, is ignored with a
//!   [`UriWarning`].
//! - **Steam Guard** (`otpauth://steam/...`, as Aegis and Steam tools write it): the
//!   codes are always HMAC-SHA1, 30 seconds and 5 characters, so the `algorithm`,
//!   `digits` and `period` parameters may be left out; given, they must say exactly
//!   that (Aegis writes `algorithm=SHA1&digits=5&period=30`), since anything else
//!   would draw codes Steam does not accept ([`UriError::SteamParam`]).
//!   [`OtpAuthUri::to_uri`] writes `otpauth://steam/Steam:name?secret=...&issuer=Steam`.
//!   The bare `steam://SECRET` form Bitwarden and others keep is a key, not a link:
//!   [`steam_key`] reads it.
//!
//! No error or warning ever contains the secret (a [`SecretError`] names at most one
//! offending character and its position).

use std::borrow::Cow;
use std::fmt;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use zeroize::Zeroizing;

use crate::code::{Algorithm, Digits, Kind, ParamError, Period};
use crate::secret::{SecretError, SecretKey};

/// What [`OtpAuthUri::to_uri`] percent-encodes: everything but the RFC 3986
/// unreserved characters `A-Z a-z 0-9 - . _ ~`.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// One account as an `otpauth://` URI describes it.
///
/// `Debug` is written by hand and never shows the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct OtpAuthUri {
    /// The account name, e.g. `alice@example.com`.
    pub account: String,
    /// The service that issued the account, e.g. `Example`, if the URI names one.
    pub issuer: Option<String>,
    /// The shared secret.
    pub secret: SecretKey,
    /// The HMAC hash function (`SHA1` when the URI does not say).
    pub algorithm: Algorithm,
    /// The number of code digits (6 when the URI does not say).
    pub digits: Digits,
    /// TOTP with its period (30 s when the URI does not say), HOTP with its counter,
    /// or Steam Guard (then the algorithm is SHA1 and the digits [`Digits::STEAM`]).
    pub kind: Kind,
}

impl fmt::Debug for OtpAuthUri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OtpAuthUri")
            .field("account", &self.account)
            .field("issuer", &self.issuer)
            .field("secret", &format_args!("[redacted]"))
            .field("algorithm", &self.algorithm)
            .field("digits", &self.digits)
            .field("kind", &self.kind)
            .finish()
    }
}

/// Something odd about a URI that did not stop it from being read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UriWarning {
    /// The label's issuer prefix and the `issuer` parameter differ; the parameter won.
    IssuerMismatch {
        /// The issuer named before the colon in the label.
        label: String,
        /// The issuer named by the `issuer` parameter, which was kept.
        parameter: String,
    },
    /// A time-based (`totp`) URI carried a `counter` parameter, which was ignored.
    CounterIgnored,
    /// A counter-based (`hotp`) URI carried a `period` parameter, which was ignored.
    PeriodIgnored,
}

impl fmt::Display for UriWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UriWarning::IssuerMismatch { label, parameter } => write!(
                f,
                "The link's label names the issuer {label:?} but its issuer= parameter says \
                 {parameter:?}; the account was read with the issuer {parameter:?}."
            ),
            UriWarning::CounterIgnored => f.write_str(
                "The link is for time-based codes (totp) but also has a counter= parameter; \
                 the counter was ignored.",
            ),
            UriWarning::PeriodIgnored => f.write_str(
                "The link is for counter-based codes (hotp) but also has a period= parameter; \
                 the period was ignored.",
            ),
        }
    }
}

/// A successfully read URI and what was odd about it.
///
/// `Debug` is written by hand and never shows the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct Parsed {
    /// The account the URI describes.
    pub uri: OtpAuthUri,
    /// Things to tell the user; empty for a well-formed URI.
    pub warnings: Vec<UriWarning>,
}

impl fmt::Debug for Parsed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Parsed")
            .field("uri", &self.uri)
            .field("warnings", &self.warnings)
            .finish()
    }
}

/// Which part of a link an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UriPart {
    /// The label (issuer and account name) after the type.
    Label,
    /// The name of a parameter.
    ParameterName,
    /// The `secret=` parameter.
    Secret,
    /// The `issuer=` parameter.
    Issuer,
    /// The `algorithm=` parameter.
    Algorithm,
    /// The `digits=` parameter.
    Digits,
    /// The `period=` parameter.
    Period,
    /// The `counter=` parameter.
    Counter,
}

impl fmt::Display for UriPart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            UriPart::Label => "the label",
            UriPart::ParameterName => "a parameter name",
            UriPart::Secret => "the secret= parameter",
            UriPart::Issuer => "the issuer= parameter",
            UriPart::Algorithm => "the algorithm= parameter",
            UriPart::Digits => "the digits= parameter",
            UriPart::Period => "the period= parameter",
            UriPart::Counter => "the counter= parameter",
        })
    }
}

/// Why a URI could not be read. No variant holds the secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UriError {
    /// The text does not start with `otpauth://`.
    #[error(
        "this is not an otpauth:// link: it must start with otpauth://totp/, otpauth://hotp/ \
         or otpauth://steam/; copy the whole link again, or enter the setup key by hand"
    )]
    NotOtpauth,
    /// A Google Authenticator export (`otpauth-migration://`), not a single account.
    #[error(
        "this is a Google Authenticator export link (otpauth-migration://), which can hold \
         several accounts; it is not a single account's otpauth:// link"
    )]
    MigrationExport,
    /// Nothing that looks like a type between `otpauth://` and the label.
    #[error(
        "the link does not name a code type after otpauth://; it must start with \
         otpauth://totp/, otpauth://hotp/ or otpauth://steam/"
    )]
    MissingType,
    /// A type other than `totp`, `hotp` or `steam`.
    #[error(
        "the link is for {0:?} codes, which are not supported: only otpauth://totp/ \
         (time-based), otpauth://hotp/ (counter-based) and otpauth://steam/ (Steam Guard) \
         links work"
    )]
    UnknownType(String),
    /// A raw `#` somewhere in the URI.
    #[error(
        "the link contains '#', which otpauth:// links never do; if it belongs to a name it \
         must be written %23, otherwise copy the whole link again"
    )]
    Fragment,
    /// No label (`otpauth://totp?secret=...` or `otpauth://totp/?secret=...`).
    #[error(
        "the link has no account name after its type (otpauth://totp/, otpauth://hotp/ or \
         otpauth://steam/); copy the whole link again"
    )]
    MissingLabel,
    /// A label whose account part is empty, such as `Example:`.
    #[error(
        "the link's label names no account (nothing after the issuer and colon); copy the \
         whole link again"
    )]
    EmptyAccount,
    /// A `%` not followed by two hexadecimal digits.
    #[error(
        "{what} has a broken percent escape (a % not followed by two hexadecimal digits); \
         copy the whole link again"
    )]
    BadPercentEncoding {
        /// Which part of the URI.
        what: UriPart,
    },
    /// Percent escapes that decode to bytes which are not UTF-8 text.
    #[error("{what} does not decode to UTF-8 text; copy the whole link again")]
    InvalidUtf8 {
        /// Which part of the URI.
        what: UriPart,
    },
    /// A control character (such as a terminal escape) in a name.
    #[error(
        "{what} contains a control character, which an account or issuer name cannot hold; \
         the link may have been tampered with"
    )]
    ControlCharacter {
        /// Which part of the URI.
        what: UriPart,
    },
    /// No `secret` parameter.
    #[error("the link has no secret= parameter; copy the whole otpauth:// link again")]
    MissingSecret,
    /// A known parameter with nothing after `=`.
    #[error("the link's {name}= parameter is empty; copy the whole otpauth:// link again")]
    EmptyParam {
        /// The parameter's name, e.g. `digits`.
        name: &'static str,
    },
    /// A known parameter given more than once.
    #[error(
        "the link has more than one {0}= parameter, so it is unclear which one is meant; \
         copy the whole link again or ask the service for a new one"
    )]
    DuplicateParam(String),
    /// The `secret` parameter is not valid base32.
    #[error("the link's secret= parameter is not a valid setup key: {0}")]
    Secret(#[from] SecretError),
    /// A parameter value outside what the product supports.
    #[error("the link's {name}= parameter is not usable: {source}")]
    Param {
        /// The parameter's name, e.g. `digits`.
        name: &'static str,
        /// What is wrong with its value.
        source: ParamError,
    },
    /// A `steam` URI whose `algorithm`, `digits` or `period` is not Steam's (SHA1, 5,
    /// 30).
    #[error(
        "the link is for Steam Guard codes, which are always SHA1, 5 characters and 30 \
         seconds, but its {name}= parameter says otherwise; copy the whole link again"
    )]
    SteamParam {
        /// The parameter's name, e.g. `digits`.
        name: &'static str,
    },
    /// An `hotp` URI without its `counter` parameter.
    #[error(
        "the link is for counter-based codes (hotp) but has no counter= parameter; copy the \
         whole link again or ask the service for the counter"
    )]
    MissingCounter,
}

/// Reads an `otpauth://` URI, ignoring whitespace around it.
///
/// The scheme, the type and parameter names are matched ignoring ASCII case. See the
/// module documentation for how `+`, colons and spaces in the label are read.
pub fn parse(text: &str) -> Result<Parsed, UriError> {
    let text = text.trim();
    let (scheme, rest) = text.split_once(':').ok_or(UriError::NotOtpauth)?;
    if scheme.eq_ignore_ascii_case("otpauth-migration") {
        return Err(UriError::MigrationExport);
    }
    if !scheme.eq_ignore_ascii_case("otpauth") {
        return Err(UriError::NotOtpauth);
    }
    let rest = rest.strip_prefix("//").ok_or(UriError::NotOtpauth)?;
    if rest.contains('#') {
        return Err(UriError::Fragment);
    }
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (type_name, raw_label) = match path.split_once('/') {
        Some((type_name, label)) => (type_name, label),
        None => (path, ""),
    };
    let link_type = read_type(type_name)?;
    if raw_label.is_empty() {
        return Err(UriError::MissingLabel);
    }
    let params = RawParams::scan(query)?;

    let mut warnings = Vec::new();

    let issuer_param = match params.get(Known::Issuer) {
        Some(raw) => {
            let issuer = value_text(raw, Known::Issuer)?;
            check_name(&issuer, Known::Issuer.what())?;
            Some(issuer.into_owned())
        }
        None => None,
    };
    let label = decode_text(raw_label, UriPart::Label)?;
    check_name(&label, UriPart::Label)?;
    let (label_issuer, account) = split_label(&label, issuer_param.as_deref());
    if account.trim().is_empty() {
        return Err(UriError::EmptyAccount);
    }
    let issuer = match (issuer_param, label_issuer) {
        (Some(parameter), Some(label)) if parameter != label => {
            warnings.push(UriWarning::IssuerMismatch {
                label: label.to_owned(),
                parameter: parameter.clone(),
            });
            Some(parameter)
        }
        (Some(parameter), _) => Some(parameter),
        (None, label) => label.map(str::to_owned),
    };

    let secret = read_secret(params.get(Known::Secret))?;
    if link_type == Type::Steam {
        steam_params(&params)?;
        if params.get(Known::Counter).is_some() {
            warnings.push(UriWarning::CounterIgnored);
        }
        return Ok(Parsed {
            uri: OtpAuthUri {
                account: account.to_owned(),
                issuer,
                secret,
                algorithm: Algorithm::Sha1,
                digits: Digits::STEAM,
                kind: Kind::Steam,
            },
            warnings,
        });
    }
    let algorithm = match params.get(Known::Algorithm) {
        Some(raw) => value_text(raw, Known::Algorithm)?
            .parse::<Algorithm>()
            .map_err(|source| UriError::Param {
                name: Known::Algorithm.name(),
                source,
            })?,
        None => Algorithm::default(),
    };
    let digits = match params.get(Known::Digits) {
        Some(raw) => read_number(raw, Known::Digits, ParamError::Digits, str::parse)?,
        None => Digits::default(),
    };
    let kind = if link_type == Type::Totp {
        if params.get(Known::Counter).is_some() {
            warnings.push(UriWarning::CounterIgnored);
        }
        let period = match params.get(Known::Period) {
            Some(raw) => read_number(raw, Known::Period, ParamError::Period, str::parse)?,
            None => Period::DEFAULT,
        };
        Kind::Totp { period }
    } else {
        if params.get(Known::Period).is_some() {
            warnings.push(UriWarning::PeriodIgnored);
        }
        let raw = params.get(Known::Counter).ok_or(UriError::MissingCounter)?;
        let counter = read_number(raw, Known::Counter, ParamError::Counter, |text| {
            text.parse::<u64>()
                .map_err(|_| ParamError::Counter(text.to_owned()))
        })?;
        Kind::Hotp { counter }
    };

    Ok(Parsed {
        uri: OtpAuthUri {
            account: account.to_owned(),
            issuer,
            secret,
            algorithm,
            digits,
            kind,
        },
        warnings,
    })
}

impl OtpAuthUri {
    /// Writes the account as an `otpauth://` URI that [`parse`] reads back unchanged:
    ///
    /// ```text
    /// otpauth://totp/ISSUER:ACCOUNT?secret=...&issuer=ISSUER&algorithm=SHA1&digits=6&period=30
    /// ```
    ///
    /// HOTP accounts get `counter=N` instead of `period`. Steam Guard accounts are
    /// written `otpauth://steam/ISSUER:ACCOUNT?secret=...&issuer=ISSUER`, as Aegis
    /// and the Steam tools read them (and `totp-rs` writes them): the type says the
    /// rest, and a reader that checks the parameters finds none to disagree with.
    /// The issuer and account are
    /// percent-encoded except for `A-Z a-z 0-9 - . _ ~`; the colon between them stays
    /// literal. An issuer that is empty or only whitespace is left out, as [`parse`]
    /// never produces one; an account without an issuer that contains a colon is
    /// written after an empty prefix (`:a:b`) so that it is not mistaken for one.
    ///
    /// Exceptions to the round trip, which [`parse`] cannot represent: leading spaces
    /// of the account when the label has an issuer prefix, and control characters.
    pub fn to_uri(&self) -> Zeroizing<String> {
        let issuer = self
            .issuer
            .as_deref()
            .filter(|issuer| !issuer.trim().is_empty());
        let account = encode(&self.account);
        let label = match issuer {
            Some(issuer) => format!("{}:{account}", encode(issuer)),
            None if self.account.contains(':') => format!(":{account}"),
            None => account,
        };
        let head = format!("otpauth://{}/{label}?secret=", self.kind.type_name());
        let secret = self.secret.to_base32();
        let mut tail = String::new();
        if let Some(issuer) = issuer {
            tail.push_str("&issuer=");
            tail.push_str(&encode(issuer));
        }
        let (name, value) = match self.kind {
            Kind::Totp { period } => ("period", period.to_string()),
            Kind::Hotp { counter } => ("counter", counter.to_string()),
            Kind::Steam => ("", String::new()),
        };
        if !name.is_empty() {
            tail.push_str("&algorithm=");
            tail.push_str(self.algorithm.as_str());
            tail.push_str("&digits=");
            tail.push_str(&self.digits.to_string());
            tail.push('&');
            tail.push_str(name);
            tail.push('=');
            tail.push_str(&value);
        }
        // Sized up front so the buffer holding the secret is never reallocated (a
        // reallocation would leave an unzeroized copy behind).
        let mut uri = Zeroizing::new(String::with_capacity(
            head.len() + secret.len() + tail.len(),
        ));
        uri.push_str(&head);
        uri.push_str(&secret);
        uri.push_str(&tail);
        uri
    }
}

fn encode(text: &str) -> String {
    utf8_percent_encode(text, COMPONENT).to_string()
}

/// The code types a link can name.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Type {
    Totp,
    Hotp,
    Steam,
}

fn read_type(type_name: &str) -> Result<Type, UriError> {
    if type_name.eq_ignore_ascii_case("totp") {
        Ok(Type::Totp)
    } else if type_name.eq_ignore_ascii_case("hotp") {
        Ok(Type::Hotp)
    } else if type_name.eq_ignore_ascii_case("steam") {
        Ok(Type::Steam)
    } else if type_name.is_empty()
        || type_name.len() > 12
        || !type_name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'))
    {
        // Not something that looks like a type name (`otpauth://secret=...`, or a
        // pasted key): do not echo it, it may hold anything, including the secret.
        Err(UriError::MissingType)
    } else {
        Err(UriError::UnknownType(type_name.to_owned()))
    }
}

/// The parameters this module reads.
#[derive(Clone, Copy)]
enum Known {
    Secret,
    Issuer,
    Algorithm,
    Digits,
    Period,
    Counter,
}

impl Known {
    const ALL: [Known; 6] = [
        Known::Secret,
        Known::Issuer,
        Known::Algorithm,
        Known::Digits,
        Known::Period,
        Known::Counter,
    ];

    fn name(self) -> &'static str {
        match self {
            Known::Secret => "secret",
            Known::Issuer => "issuer",
            Known::Algorithm => "algorithm",
            Known::Digits => "digits",
            Known::Period => "period",
            Known::Counter => "counter",
        }
    }

    /// The parameter as the part of the link an error is about.
    fn what(self) -> UriPart {
        match self {
            Known::Secret => UriPart::Secret,
            Known::Issuer => UriPart::Issuer,
            Known::Algorithm => UriPart::Algorithm,
            Known::Digits => UriPart::Digits,
            Known::Period => UriPart::Period,
            Known::Counter => UriPart::Counter,
        }
    }
}

/// The raw (still percent-encoded) values of the known parameters, by [`Known`].
struct RawParams<'a>([Option<&'a str>; Known::ALL.len()]);

impl<'a> RawParams<'a> {
    fn scan(query: &'a str) -> Result<Self, UriError> {
        let mut values = [None; Known::ALL.len()];
        for pair in query.split('&').filter(|pair| !pair.is_empty()) {
            let (raw_name, value) = pair.split_once('=').unwrap_or((pair, ""));
            // A name that does not decode cannot be one of ours: ignore it like any
            // other unknown parameter.
            let Ok(name) = decode_text(raw_name, UriPart::ParameterName) else {
                continue;
            };
            let Some(known) = Known::ALL
                .into_iter()
                .find(|known| name.eq_ignore_ascii_case(known.name()))
            else {
                continue;
            };
            if let Some(slot) = values.get_mut(known as usize)
                && slot.replace(value).is_some()
            {
                return Err(UriError::DuplicateParam(known.name().to_owned()));
            }
        }
        Ok(RawParams(values))
    }

    fn get(&self, known: Known) -> Option<&'a str> {
        self.0.get(known as usize).copied().flatten()
    }
}

/// Checks that every `%` starts a two-hex-digit escape.
fn check_escapes(raw: &str, what: UriPart) -> Result<(), UriError> {
    let well_formed = raw.split('%').skip(1).all(|after| {
        after
            .as_bytes()
            .get(..2)
            .is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit))
    });
    if well_formed {
        Ok(())
    } else {
        Err(UriError::BadPercentEncoding { what })
    }
}

/// Percent-decodes one URI component into text.
fn decode_text<'a>(raw: &'a str, what: UriPart) -> Result<Cow<'a, str>, UriError> {
    check_escapes(raw, what)?;
    percent_decode_str(raw)
        .decode_utf8()
        .map_err(|_| UriError::InvalidUtf8 { what })
}

/// A parameter value with its form-encoded spaces (`+`) made `%20`, ready to be
/// percent-decoded.
fn form_spaces(raw: &str) -> Cow<'_, str> {
    if raw.contains('+') {
        Cow::Owned(raw.replace('+', "%20"))
    } else {
        Cow::Borrowed(raw)
    }
}

/// Decodes a known parameter's value (`+` is a space); empty and blank values are
/// errors.
fn value_text(raw: &str, known: Known) -> Result<Cow<'_, str>, UriError> {
    let text = match form_spaces(raw) {
        Cow::Borrowed(raw) => decode_text(raw, known.what())?,
        Cow::Owned(raw) => Cow::Owned(decode_text(&raw, known.what())?.into_owned()),
    };
    if text.trim().is_empty() {
        return Err(UriError::EmptyParam { name: known.name() });
    }
    Ok(text)
}

/// Refuses control characters (terminal escapes, newlines) in a decoded name.
fn check_name(text: &str, what: UriPart) -> Result<(), UriError> {
    if text.chars().any(char::is_control) {
        Err(UriError::ControlCharacter { what })
    } else {
        Ok(())
    }
}

/// Splits a decoded label into the issuer prefix (if any, and not blank) and the
/// account, dropping spaces after the separator. See the module documentation.
fn split_label<'a>(label: &'a str, issuer: Option<&str>) -> (Option<&'a str>, &'a str) {
    let (prefix, account) = match issuer.and_then(|issuer| {
        let account = label.strip_prefix(issuer)?.strip_prefix(':')?;
        Some((label.get(..issuer.len())?, account))
    }) {
        Some(split) => split,
        None => match label.split_once(':') {
            Some(split) => split,
            None => return (None, label),
        },
    };
    let prefix = Some(prefix).filter(|prefix| !prefix.trim().is_empty());
    (prefix, account.trim_start_matches(' '))
}

fn read_secret(raw: Option<&str>) -> Result<SecretKey, UriError> {
    let what = Known::Secret.what();
    let raw = Zeroizing::new(form_spaces(raw.ok_or(UriError::MissingSecret)?).into_owned());
    let raw = raw.as_str();
    check_escapes(raw, what)?;
    // Decoded into zeroizing storage sized up front: the decoded text is never longer
    // than the encoded one, so the buffer is never reallocated.
    let mut bytes = Zeroizing::new(Vec::with_capacity(raw.len()));
    bytes.extend(percent_decode_str(raw));
    if bytes.is_empty() {
        return Err(UriError::EmptyParam {
            name: Known::Secret.name(),
        });
    }
    let text = std::str::from_utf8(&bytes).map_err(|_| UriError::InvalidUtf8 { what })?;
    Ok(SecretKey::parse_base32(text)?)
}

/// Checks a Steam link's `algorithm`, `digits` and `period`, where given: Steam's
/// codes are SHA1, 5 characters and 30 seconds, and nothing else.
fn steam_params(params: &RawParams<'_>) -> Result<(), UriError> {
    let refuse = |known: Known| UriError::SteamParam { name: known.name() };
    if let Some(raw) = params.get(Known::Algorithm) {
        let text = value_text(raw, Known::Algorithm)?;
        if text.parse::<Algorithm>() != Ok(Algorithm::Sha1) {
            return Err(refuse(Known::Algorithm));
        }
    }
    for (known, steam) in [
        (Known::Digits, u64::from(Digits::STEAM.get())),
        (Known::Period, u64::from(Kind::STEAM_PERIOD.seconds())),
    ] {
        if let Some(raw) = params.get(known) {
            let text = value_text(raw, known)?;
            if !text.bytes().all(|b| b.is_ascii_digit()) || text.parse::<u64>() != Ok(steam) {
                return Err(refuse(known));
            }
        }
    }
    Ok(())
}

/// The issuer of an account added from a `steam://` key, which names none.
pub const STEAM_KEY_ISSUER: &str = "Steam";

/// Reads a Steam Guard key written `steam://SECRET` (the form Bitwarden, KeePassXC
/// and others store; the scheme in any case, whitespace around it ignored): `None`
/// when the text is not one, else the secret or why it is not a valid setup key.
///
/// Such a key names no account; the caller asks for the name, and gives the account
/// the issuer [`STEAM_KEY_ISSUER`] unless told another.
pub fn steam_key(text: &str) -> Option<Result<SecretKey, SecretError>> {
    const SCHEME: &str = "steam://";
    let text = text.trim();
    let scheme = text.get(..SCHEME.len())?;
    if !scheme.eq_ignore_ascii_case(SCHEME) {
        return None;
    }
    text.get(SCHEME.len()..).map(SecretKey::parse_base32)
}

/// Reads a plain decimal number: ASCII digits only (Rust's integer parsing would
/// also take a leading `+`), then `convert` checks the range.
fn read_number<T>(
    raw: &str,
    known: Known,
    invalid: fn(String) -> ParamError,
    convert: fn(&str) -> Result<T, ParamError>,
) -> Result<T, UriError> {
    let text = value_text(raw, known)?;
    let checked = if text.bytes().all(|b| b.is_ascii_digit()) {
        convert(&text)
    } else {
        Err(invalid(text.into_owned()))
    };
    checked.map_err(|source| UriError::Param {
        name: known.name(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const GOOGLE: &str =
        "otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example";
    const ACME: &str = "otpauth://totp/ACME%20Co:john.doe@email.com?\
        secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30";

    fn ok(text: &str) -> Parsed {
        match parse(text) {
            Ok(parsed) => parsed,
            Err(err) => panic!("{text}: {err}"),
        }
    }

    fn err(text: &str) -> UriError {
        match parse(text) {
            Ok(parsed) => panic!("{text} parsed as {parsed:?}"),
            Err(err) => err,
        }
    }

    fn key(base32: &str) -> SecretKey {
        SecretKey::parse_base32(base32).unwrap()
    }

    fn totp_uri(label: &str, query: &str) -> String {
        format!("otpauth://totp/{label}?secret=JBSWY3DPEHPK3PXP{query}")
    }

    #[test]
    fn key_uri_format_example() {
        let parsed = ok(GOOGLE);
        assert!(parsed.warnings.is_empty());
        let uri = parsed.uri;
        assert_eq!(uri.account, "alice@google.com");
        assert_eq!(uri.issuer.as_deref(), Some("Example"));
        assert_eq!(uri.secret, key("JBSWY3DPEHPK3PXP"));
        assert_eq!(uri.algorithm, Algorithm::Sha1);
        assert_eq!(uri.digits, Digits::SIX);
        assert_eq!(
            uri.kind,
            Kind::Totp {
                period: Period::DEFAULT
            }
        );
    }

    #[test]
    fn key_uri_format_example_with_every_parameter() {
        let parsed = ok(ACME);
        assert!(parsed.warnings.is_empty());
        let uri = parsed.uri;
        assert_eq!(uri.account, "john.doe@email.com");
        assert_eq!(uri.issuer.as_deref(), Some("ACME Co"));
        assert_eq!(uri.secret, key("HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ"));
        assert_eq!(uri.algorithm, Algorithm::Sha1);
        assert_eq!(uri.digits, Digits::SIX);
        assert_eq!(
            uri.kind,
            Kind::Totp {
                period: Period::new(30).unwrap()
            }
        );
    }

    #[test]
    fn other_parameters() {
        let uri = ok(&totp_uri(
            "Ex:a",
            "&algorithm=sha512&digits=8&period=60&image=https%3A%2F%2Fx%2Fy.png&color=ff0000",
        ))
        .uri;
        assert_eq!(uri.algorithm, Algorithm::Sha512);
        assert_eq!(uri.digits, Digits::new(8).unwrap());
        assert_eq!(
            uri.kind,
            Kind::Totp {
                period: Period::new(60).unwrap()
            }
        );
        let uri = ok(&totp_uri("Ex:a", "&algorithm=SHA256&digits=7")).uri;
        assert_eq!(uri.algorithm, Algorithm::Sha256);
        assert_eq!(uri.digits.get(), 7);
    }

    #[test]
    fn writes_the_documented_form() {
        let uri = ok(GOOGLE).uri;
        assert_eq!(
            uri.to_uri().as_str(),
            "otpauth://totp/Example:alice%40google.com?secret=JBSWY3DPEHPK3PXP\
             &issuer=Example&algorithm=SHA1&digits=6&period=30"
        );
        let uri = ok(ACME).uri;
        assert_eq!(
            uri.to_uri().as_str(),
            "otpauth://totp/ACME%20Co:john.doe%40email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ\
             &issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30"
        );
        let hotp = OtpAuthUri {
            account: "bob".into(),
            issuer: None,
            secret: key("MZXW6==="),
            algorithm: Algorithm::Sha256,
            digits: Digits::new(8).unwrap(),
            kind: Kind::Hotp { counter: 42 },
        };
        assert_eq!(
            hotp.to_uri().as_str(),
            "otpauth://hotp/bob?secret=MZXW6&algorithm=SHA256&digits=8&counter=42"
        );
        assert_eq!(ok(&hotp.to_uri()).uri, hotp);
    }

    #[test]
    fn encodes_names_conservatively() {
        let uri = OtpAuthUri {
            account: "a b&c=d?e/f+g#h%i~j.k-l_m".into(),
            issuer: Some("AT&T 한국".into()),
            secret: key("JBSWY3DPEHPK3PXP"),
            algorithm: Algorithm::Sha1,
            digits: Digits::SIX,
            kind: Kind::default(),
        };
        let text = uri.to_uri();
        assert!(text.starts_with(
            "otpauth://totp/AT%26T%20%ED%95%9C%EA%B5%AD:a%20b%26c%3Dd%3Fe%2Ff%2Bg%23h%25i~j.k-l_m?"
        ));
        assert!(
            text.contains("&issuer=AT%26T%20%ED%95%9C%EA%B5%AD&"),
            "{}",
            *text
        );
        assert_eq!(ok(&text).uri, uri);
    }

    #[test]
    fn encoded_ampersand_stays_in_the_issuer() {
        let parsed = ok(&totp_uri("AT%26T:alice", "&issuer=AT%26T&digits=8"));
        assert!(parsed.warnings.is_empty());
        assert_eq!(parsed.uri.issuer.as_deref(), Some("AT&T"));
        assert_eq!(parsed.uri.digits.get(), 8);
    }

    #[test]
    fn plus_is_a_space_in_values_and_a_plus_in_the_label() {
        let parsed = ok(&totp_uri("Air%20Canada:alice", "&issuer=Air+Canada"));
        assert!(parsed.warnings.is_empty());
        assert_eq!(parsed.uri.issuer.as_deref(), Some("Air Canada"));
        assert_eq!(parsed.uri.account, "alice");
        let parsed = ok(&totp_uri("A+B:c+d", "&issuer=A%2BB"));
        assert_eq!(parsed.uri.issuer.as_deref(), Some("A+B"));
        assert_eq!(parsed.uri.account, "c+d");
        // What otp writes reads back the same, plus and space alike.
        for issuer in ["Air Canada", "A+B", "C + D"] {
            let mut uri = parsed.uri.clone();
            uri.issuer = Some(issuer.to_owned());
            let again = ok(&uri.to_uri()).uri;
            assert_eq!(again.issuer.as_deref(), Some(issuer));
        }
        // In the secret too: a form-encoded space, which pasted secrets may hold.
        let spaced = ok("otpauth://totp/a?secret=JBSWY3DP+EHPK3PXP").uri;
        let plain = ok("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP").uri;
        assert_eq!(spaced.to_uri(), plain.to_uri());
    }

    #[test]
    fn encoded_colon_separates_the_label() {
        let uri = ok(&totp_uri("Example%3Aalice@google.com", "")).uri;
        assert_eq!(uri.issuer.as_deref(), Some("Example"));
        assert_eq!(uri.account, "alice@google.com");
        let uri = ok(&totp_uri("Example%3aalice", "&issuer=Example")).uri;
        assert_eq!(
            (uri.issuer.as_deref(), uri.account.as_str()),
            (Some("Example"), "alice")
        );
    }

    #[test]
    fn spaces_after_the_separator_are_dropped() {
        for label in [
            "Example:%20alice",
            "Example:%20%20alice",
            "Example%3A%20alice",
            "Example: alice",
        ] {
            let uri = ok(&totp_uri(label, "")).uri;
            assert_eq!(uri.issuer.as_deref(), Some("Example"), "{label}");
            assert_eq!(uri.account, "alice", "{label}");
        }
        // Without a separator the label is the account, spaces and all.
        assert_eq!(ok(&totp_uri("%20alice", "")).uri.account, " alice");
        // Spaces inside names are kept.
        let uri = ok(&totp_uri("ACME%20Co:john%20doe", "")).uri;
        assert_eq!(uri.issuer.as_deref(), Some("ACME Co"));
        assert_eq!(uri.account, "john doe");
    }

    #[test]
    fn label_without_issuer() {
        let parsed = ok(&totp_uri("alice@google.com", ""));
        assert!(parsed.warnings.is_empty());
        assert_eq!(parsed.uri.account, "alice@google.com");
        assert_eq!(parsed.uri.issuer, None);
        // An empty or blank prefix is no issuer.
        let uri = ok(&totp_uri(":alice", "")).uri;
        assert_eq!((uri.issuer, uri.account.as_str()), (None, "alice"));
        let uri = ok(&totp_uri("%20:alice", "")).uri;
        assert_eq!((uri.issuer, uri.account.as_str()), (None, "alice"));
    }

    #[test]
    fn issuer_only_in_the_parameter() {
        let parsed = ok(&totp_uri("alice", "&issuer=Example"));
        assert!(parsed.warnings.is_empty());
        assert_eq!(parsed.uri.issuer.as_deref(), Some("Example"));
        assert_eq!(parsed.uri.account, "alice");
    }

    #[test]
    fn differing_issuers_keep_the_parameter_and_warn() {
        let parsed = ok(&totp_uri("Old%20Name:alice", "&issuer=New%20Name"));
        assert_eq!(parsed.uri.issuer.as_deref(), Some("New Name"));
        assert_eq!(parsed.uri.account, "alice");
        assert_eq!(
            parsed.warnings,
            [UriWarning::IssuerMismatch {
                label: "Old Name".into(),
                parameter: "New Name".into()
            }]
        );
        let shown = parsed.warnings[0].to_string();
        assert!(
            shown.contains("\"Old Name\"") && shown.contains("\"New Name\""),
            "{shown}"
        );
        assert!(shown.ends_with('.'), "{shown}");
    }

    #[test]
    fn colons_in_names() {
        // The issuer parameter disambiguates an issuer that contains a colon.
        let uri = ok(&totp_uri("A%3AB:alice", "&issuer=A%3AB")).uri;
        assert_eq!(
            (uri.issuer.as_deref(), uri.account.as_str()),
            (Some("A:B"), "alice")
        );
        // Without it the first colon separates, so the rest belongs to the account.
        let uri = ok(&totp_uri("A:B:alice", "")).uri;
        assert_eq!(
            (uri.issuer.as_deref(), uri.account.as_str()),
            (Some("A"), "B:alice")
        );
        // An issuer parameter that is not a prefix of the label: first colon, warning.
        let parsed = ok(&totp_uri("A:B:alice", "&issuer=C"));
        assert_eq!(parsed.uri.account, "B:alice");
        assert_eq!(parsed.uri.issuer.as_deref(), Some("C"));
        assert_eq!(parsed.warnings.len(), 1);
        // Both kinds of colon round-trip through to_uri.
        for (issuer, account) in [
            (Some("A:B"), "alice"),
            (Some("A"), "b:c"),
            (Some("A:"), ":b"),
            (None, "b:c"),
            (None, ":b"),
        ] {
            let uri = OtpAuthUri {
                account: account.into(),
                issuer: issuer.map(Into::into),
                secret: key("JBSWY3DPEHPK3PXP"),
                algorithm: Algorithm::Sha1,
                digits: Digits::SIX,
                kind: Kind::default(),
            };
            let parsed = ok(&uri.to_uri());
            assert_eq!(parsed.uri, uri, "{}", *uri.to_uri());
            assert!(parsed.warnings.is_empty());
        }
        let no_issuer = OtpAuthUri {
            account: "b:c".into(),
            issuer: None,
            secret: key("JBSWY3DPEHPK3PXP"),
            algorithm: Algorithm::Sha1,
            digits: Digits::SIX,
            kind: Kind::default(),
        };
        assert!(no_issuer.to_uri().starts_with("otpauth://totp/:b%3Ac?"));
    }

    #[test]
    fn blank_issuer_is_left_out() {
        let mut uri = ok(&totp_uri("alice", "")).uri;
        uri.issuer = Some(" ".into());
        let text = uri.to_uri();
        assert!(!text.contains("issuer"), "{}", *text);
        assert_eq!(ok(&text).uri.issuer, None);
    }

    #[test]
    fn hotp_with_counter() {
        let parsed = ok("otpauth://hotp/Ex:bob?secret=JBSWY3DPEHPK3PXP&issuer=Ex&counter=7");
        assert!(parsed.warnings.is_empty());
        assert_eq!(parsed.uri.kind, Kind::Hotp { counter: 7 });
        let max = ok("otpauth://hotp/bob?secret=JBSWY3DPEHPK3PXP&counter=18446744073709551615");
        assert_eq!(max.uri.kind, Kind::Hotp { counter: u64::MAX });
        let zero = ok("otpauth://hotp/bob?secret=JBSWY3DPEHPK3PXP&counter=0");
        assert_eq!(zero.uri.kind, Kind::Hotp { counter: 0 });
    }

    #[test]
    fn hotp_without_counter_is_an_error() {
        let error = err("otpauth://hotp/Ex:bob?secret=JBSWY3DPEHPK3PXP&issuer=Ex");
        assert_eq!(error, UriError::MissingCounter);
    }

    #[test]
    fn parameters_of_the_other_type_are_ignored_with_a_warning() {
        let parsed = ok(&totp_uri("a", "&counter=5"));
        assert_eq!(parsed.warnings, [UriWarning::CounterIgnored]);
        assert_eq!(parsed.uri.kind, Kind::default());
        // Ignored entirely, so even a malformed one is not an error.
        let parsed = ok(&totp_uri("a", "&counter=x"));
        assert_eq!(parsed.warnings, [UriWarning::CounterIgnored]);

        let parsed = ok("otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP&counter=1&period=60");
        assert_eq!(parsed.warnings, [UriWarning::PeriodIgnored]);
        assert_eq!(parsed.uri.kind, Kind::Hotp { counter: 1 });
        for warning in [UriWarning::CounterIgnored, UriWarning::PeriodIgnored] {
            assert!(warning.to_string().ends_with("ignored."));
        }
    }

    #[test]
    fn case_insensitive_scheme_type_and_parameter_names() {
        let uri = ok("OTPAUTH://TOTP/Ex:a?SECRET=JBSWY3DPEHPK3PXP&Issuer=Ex&Digits=8").uri;
        assert_eq!(uri.issuer.as_deref(), Some("Ex"));
        assert_eq!(uri.digits.get(), 8);
        let uri = ok("OtpAuth://HoTp/a?secret=JBSWY3DPEHPK3PXP&counter=3").uri;
        assert_eq!(uri.kind, Kind::Hotp { counter: 3 });
    }

    #[test]
    fn surrounding_whitespace_is_trimmed() {
        let uri = ok(&format!("  \n{GOOGLE}\r\n\t")).uri;
        assert_eq!(uri, ok(GOOGLE).uri);
    }

    #[test]
    fn pasted_secret_forms() {
        for secret in [
            "jbswy3dpehpk3pxp",
            "JBSW%20Y3DP%20EHPK%203PXP",
            "JBSW-Y3DP-EHPK-3PXP",
        ] {
            let uri = ok(&format!("otpauth://totp/a?secret={secret}")).uri;
            assert_eq!(uri.secret, key("JBSWY3DPEHPK3PXP"), "{secret}");
        }
        for secret in ["MZXW6===", "MZXW6%3D%3D%3D", "mzxw6"] {
            let uri = ok(&format!("otpauth://totp/a?secret={secret}")).uri;
            assert_eq!(uri.secret.expose(), b"foo", "{secret}");
        }
    }

    #[test]
    fn empty_pairs_are_skipped() {
        let uri = ok("otpauth://totp/a?&secret=JBSWY3DPEHPK3PXP&&digits=8&").uri;
        assert_eq!(uri.digits.get(), 8);
    }

    fn param_error(error: UriError) -> (&'static str, ParamError) {
        match error {
            UriError::Param { name, source } => (name, source),
            other => panic!("expected a parameter error, got {other:?}"),
        }
    }

    #[test]
    fn malformed_values_are_errors() {
        let cases: [(&str, &str, ParamError); 14] = [
            (
                "&algorithm=MD5",
                "algorithm",
                ParamError::UnknownAlgorithm("MD5".into()),
            ),
            (
                "&algorithm=SHA3",
                "algorithm",
                ParamError::UnknownAlgorithm("SHA3".into()),
            ),
            ("&digits=10", "digits", ParamError::Digits("10".into())),
            ("&digits=5", "digits", ParamError::Digits("5".into())),
            ("&digits=abc", "digits", ParamError::Digits("abc".into())),
            ("&digits=%2B6", "digits", ParamError::Digits("+6".into())),
            ("&digits=999", "digits", ParamError::Digits("999".into())),
            ("&period=0", "period", ParamError::Period("0".into())),
            ("&period=-5", "period", ParamError::Period("-5".into())),
            ("&period=%2B30", "period", ParamError::Period("+30".into())),
            (
                "&period=86401",
                "period",
                ParamError::Period("86401".into()),
            ),
            ("&period=30s", "period", ParamError::Period("30s".into())),
            ("&period=%2030", "period", ParamError::Period(" 30".into())),
            ("&period=1.5", "period", ParamError::Period("1.5".into())),
        ];
        for (query, name, source) in cases {
            let text = totp_uri("a", query);
            assert_eq!(param_error(err(&text)), (name, source), "{text}");
        }
        for (counter, shown) in [
            ("x", "x"),
            ("-1", "-1"),
            ("18446744073709551616", "18446744073709551616"),
        ] {
            let text = format!("otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP&counter={counter}");
            assert_eq!(
                param_error(err(&text)),
                ("counter", ParamError::Counter(shown.into())),
                "{text}"
            );
        }
        let shown = err(&totp_uri("a", "&algorithm=MD5")).to_string();
        assert!(
            shown.contains("algorithm=") && shown.contains("SHA256"),
            "{shown}"
        );
    }

    #[test]
    fn structural_errors() {
        assert_eq!(err("otpauth://totp/alice"), UriError::MissingSecret);
        assert_eq!(
            err("otpauth://totp/alice?issuer=Ex"),
            UriError::MissingSecret
        );
        assert_eq!(
            err("http://totp/a?secret=JBSWY3DPEHPK3PXP"),
            UriError::NotOtpauth
        );
        assert_eq!(err("JBSWY3DPEHPK3PXP"), UriError::NotOtpauth);
        assert_eq!(err(""), UriError::NotOtpauth);
        assert_eq!(
            err("otpauth:totp/a?secret=JBSWY3DPEHPK3PXP"),
            UriError::NotOtpauth
        );
        assert_eq!(
            err("otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8"),
            UriError::MigrationExport
        );
        assert_eq!(
            err("otpauth://motp/a?secret=JBSWY3DPEHPK3PXP"),
            UriError::UnknownType("motp".into())
        );
        assert_eq!(
            err("otpauth:///a?secret=JBSWY3DPEHPK3PXP"),
            UriError::MissingType
        );
        assert_eq!(
            err("otpauth://secret=JBSWY3DPEHPK3PXP"),
            UriError::MissingType
        );
        assert_eq!(
            err("otpauth://totp?secret=JBSWY3DPEHPK3PXP"),
            UriError::MissingLabel
        );
        assert_eq!(
            err("otpauth://totp/?secret=JBSWY3DPEHPK3PXP"),
            UriError::MissingLabel
        );
        assert_eq!(
            err("otpauth://totp/Example:?secret=JBSWY3DPEHPK3PXP"),
            UriError::EmptyAccount
        );
        assert_eq!(
            err("otpauth://totp/Example:%20?secret=JBSWY3DPEHPK3PXP"),
            UriError::EmptyAccount
        );
        assert_eq!(
            err("otpauth://totp/a?secret=JBSWY3DP#EHPK3PXP"),
            UriError::Fragment
        );
    }

    #[test]
    fn bad_secrets_are_errors() {
        assert!(matches!(
            err("otpauth://totp/a?secret=JBSWY3DPEHPK3PX0"),
            UriError::Secret(SecretError::InvalidCharacter {
                character: '0',
                position: 16,
                ..
            })
        ));
        assert!(matches!(
            err("otpauth://totp/a?secret=JBSWY3DP%2BEHPK3PXP"),
            UriError::Secret(SecretError::InvalidCharacter { character: '+', .. })
        ));
        assert_eq!(
            err("otpauth://totp/a?secret=%20"),
            UriError::Secret(SecretError::Empty)
        );
        assert_eq!(
            err("otpauth://totp/a?secret=ABCDEFGHA"),
            UriError::Secret(SecretError::BadLength { length: 9 })
        );
    }

    #[test]
    fn bad_percent_encoding_is_an_error() {
        assert_eq!(
            err(&totp_uri("a%ZZb", "")),
            UriError::BadPercentEncoding {
                what: UriPart::Label
            }
        );
        assert_eq!(
            err(&totp_uri("a", "&issuer=Ex%2")),
            UriError::BadPercentEncoding {
                what: UriPart::Issuer
            }
        );
        assert_eq!(
            err("otpauth://totp/a?secret=JBSWY3DP%ZZ"),
            UriError::BadPercentEncoding {
                what: UriPart::Secret
            }
        );
        assert_eq!(
            err(&totp_uri("a", "&digits=%")),
            UriError::BadPercentEncoding {
                what: UriPart::Digits
            }
        );
        assert_eq!(
            err(&totp_uri("a%FF", "")),
            UriError::InvalidUtf8 {
                what: UriPart::Label
            }
        );
        assert_eq!(
            err(&totp_uri("a", "&issuer=%C3%28")),
            UriError::InvalidUtf8 {
                what: UriPart::Issuer
            }
        );
        assert_eq!(
            err("otpauth://totp/a?secret=JBSWY3DP%FF"),
            UriError::InvalidUtf8 {
                what: UriPart::Secret
            }
        );
        // A broken unknown parameter is ignored like any unknown parameter.
        assert!(ok(&totp_uri("a", "&image=%ZZ&x%FF=1")).warnings.is_empty());
    }

    #[test]
    fn control_characters_in_names_are_errors() {
        assert_eq!(
            err(&totp_uri("Ex:a%1B%5B2J", "")),
            UriError::ControlCharacter {
                what: UriPart::Label
            }
        );
        assert_eq!(
            err(&totp_uri("a", "&issuer=Ex%0A")),
            UriError::ControlCharacter {
                what: UriPart::Issuer
            }
        );
    }

    #[test]
    fn duplicate_parameters_are_errors() {
        for (query, name) in [
            ("&secret=JBSWY3DPEHPK3PXP", "secret"),
            ("&issuer=A&issuer=A", "issuer"),
            ("&digits=6&DIGITS=6", "digits"),
            ("&algorithm=SHA1&algorithm=SHA256", "algorithm"),
            ("&period=30&period=60", "period"),
            ("&counter=1&counter=2", "counter"),
        ] {
            assert_eq!(
                err(&totp_uri("a", query)),
                UriError::DuplicateParam(name.into()),
                "{query}"
            );
        }
        // Unknown parameters may repeat.
        assert!(ok(&totp_uri("a", "&image=x&image=y")).warnings.is_empty());
    }

    #[test]
    fn empty_known_parameters_are_errors() {
        assert_eq!(
            err("otpauth://totp/a?secret="),
            UriError::EmptyParam { name: "secret" }
        );
        assert_eq!(
            err("otpauth://totp/a?secret"),
            UriError::EmptyParam { name: "secret" }
        );
        for name in ["issuer", "algorithm", "digits", "period"] {
            assert_eq!(
                err(&totp_uri("a", &format!("&{name}="))),
                UriError::EmptyParam { name },
                "{name}"
            );
        }
        assert_eq!(
            err("otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP&counter="),
            UriError::EmptyParam { name: "counter" }
        );
        assert_eq!(
            err(&totp_uri("a", "&issuer=%20")),
            UriError::EmptyParam { name: "issuer" }
        );
        // Unknown parameters may be empty.
        assert!(ok(&totp_uri("a", "&image=")).warnings.is_empty());
    }

    #[test]
    fn errors_never_contain_the_secret() {
        let secret = "JBSWY3DPEHPK3PXQ";
        let bad = [
            format!("otpauth://totp/a?secret={secret}0"),
            format!("otpauth://totp/a?secret={secret}%ZZ"),
            format!("otpauth://totp/a?secret={secret}%FF"),
            format!("otpauth://totp/a?secret={secret}&secret={secret}"),
            format!("otpauth://totp/a?secret={secret}&digits=10"),
            format!("otpauth://totp/a?secret={secret}&algorithm=MD5"),
            format!("otpauth://hotp/a?secret={secret}"),
            format!("otpauth://motp/a?secret={secret}"),
            format!("otpauth://secret={secret}"),
            format!("otpauth://{secret}@x"),
            format!("otpauth://{secret}/x"),
            format!("otpauth://totp/a?secret={secret}#"),
            format!("http://totp/a?secret={secret}"),
            format!("otpauth://totp/?secret={secret}"),
            format!("otpauth://totp/a%ZZ?secret={secret}"),
            format!("otpauth://totp/a?secret={secret}A"),
            format!("otpauth://totp/a?secret=JBSW%20{secret}%2B"),
        ];
        for text in &bad {
            let error = err(text);
            for shown in [error.to_string(), format!("{error:?}")] {
                assert!(!shown.contains("JBSWY3DP"), "{text}: {shown}");
                assert!(!shown.contains("EHPK3PX"), "{text}: {shown}");
            }
        }
    }

    #[test]
    fn steam_links_are_steam_guard_accounts() {
        let secret = "JBSWY3DPEHPK3PXP";
        let steam = |query: &str| {
            parse(&format!(
                "otpauth://steam/Steam:gamer?secret={secret}{query}"
            ))
        };
        let plain = ok(&format!(
            "otpauth://steam/Steam:gamer?secret={secret}&issuer=Steam"
        ));
        assert_eq!(plain.uri.kind, Kind::Steam);
        assert_eq!(
            (plain.uri.algorithm, plain.uri.digits),
            (Algorithm::Sha1, Digits::STEAM)
        );
        assert_eq!(plain.uri.issuer.as_deref(), Some("Steam"));
        assert_eq!(plain.uri.account, "gamer");
        assert!(plain.warnings.is_empty());
        // What Aegis writes (every parameter, Steam's values) reads the same; the
        // type is matched in any case.
        let aegis = "&period=30&digits=5&algorithm=SHA1&issuer=Steam";
        assert_eq!(steam(aegis).unwrap().uri, plain.uri);
        let upper = format!("otpauth://STEAM/Steam:gamer?secret={secret}&issuer=Steam");
        assert_eq!(ok(&upper).uri, plain.uri);
        // Parameters Steam codes never have are refused by name, never guessed at.
        for (query, name) in [
            ("&digits=6", "digits"),
            ("&digits=+5", "digits"),
            ("&period=60", "period"),
            ("&algorithm=SHA256", "algorithm"),
            ("&algorithm=MD5", "algorithm"),
        ] {
            assert_eq!(steam(query), Err(UriError::SteamParam { name }), "{query}");
        }
        let shown = steam("&digits=+5").unwrap_err().to_string();
        assert!(
            shown.contains("digits=") && shown.contains("Steam"),
            "{shown}"
        );
        // A counter is ignored, as on a totp link.
        let counter = steam("&counter=3").unwrap();
        assert_eq!(counter.warnings, [UriWarning::CounterIgnored]);
        assert_eq!(counter.uri.kind, Kind::Steam);
        // Written back as Aegis and the Steam tools write it.
        assert_eq!(
            plain.uri.to_uri().as_str(),
            format!("otpauth://steam/Steam:gamer?secret={secret}&issuer=Steam")
        );
    }

    #[test]
    fn steam_keys_are_read_apart_from_links() {
        let key = steam_key("  STEAM://jbsw y3dp ehpk 3pxp \n")
            .unwrap()
            .unwrap();
        assert_eq!(key, SecretKey::parse_base32("JBSWY3DPEHPK3PXP").unwrap());
        assert_eq!(steam_key("JBSWY3DPEHPK3PXP"), None);
        assert_eq!(steam_key("otpauth://steam/a?secret=JBSWY3DP"), None);
        assert_eq!(steam_key("steam:/JBSWY3DP"), None);
        assert!(matches!(
            steam_key("steam://"),
            Some(Err(SecretError::Empty))
        ));
        let bad = steam_key("steam://JBSWY3DP0").unwrap().unwrap_err();
        assert!(!format!("{bad} {bad:?}").contains("JBSWY3DP"), "{bad:?}");
        // A steam:// key is not an otpauth:// link.
        assert_eq!(parse("steam://JBSWY3DPEHPK3PXP"), Err(UriError::NotOtpauth));
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let parsed = ok(GOOGLE);
        for shown in [format!("{:?}", parsed.uri), format!("{parsed:?}")] {
            assert!(!shown.contains("JBSW"), "{shown}");
            assert!(
                shown.contains("redacted") && shown.contains("alice@google.com"),
                "{shown}"
            );
        }
    }

    #[test]
    fn error_messages_are_sentences() {
        assert_eq!(
            UriError::MissingSecret.to_string(),
            "the link has no secret= parameter; copy the whole otpauth:// link again"
        );
        let shown = err(&totp_uri("a", "&digits=10")).to_string();
        assert!(
            shown.contains("digits=") && shown.contains("6, 7 or 8"),
            "{shown}"
        );
    }

    /// Names as a person or a service might write them: any non-control character,
    /// with the URI's own delimiters made likely.
    fn name(len: std::ops::Range<usize>) -> impl Strategy<Value = String> {
        let character = prop_oneof![
            6 => any::<char>(),
            2 => (0x20u8..0x7f).prop_map(char::from),
            1 => prop::sample::select(vec![':', ' ', '%', '+', '&', '=', '?', '#', '/', '@']),
        ];
        prop::collection::vec(character, len).prop_map(|chars| {
            chars
                .into_iter()
                .filter(|c| !c.is_control())
                .collect::<String>()
        })
    }

    fn account() -> impl Strategy<Value = String> {
        name(1..24).prop_filter("account must be non-blank without leading space", |a| {
            !a.trim().is_empty() && !a.starts_with(' ')
        })
    }

    fn issuer() -> impl Strategy<Value = Option<String>> {
        prop::option::of(
            name(1..24).prop_filter("issuer must be non-blank", |i| !i.trim().is_empty()),
        )
    }

    fn kind() -> impl Strategy<Value = Kind> {
        prop_oneof![
            (1..=Period::MAX_SECONDS).prop_map(|seconds| Kind::Totp {
                period: Period::new(seconds).unwrap()
            }),
            any::<u64>().prop_map(|counter| Kind::Hotp { counter }),
            Just(Kind::Steam),
        ]
    }

    proptest! {
        #[test]
        fn round_trip(
            account in account(),
            issuer in issuer(),
            secret in prop::collection::vec(any::<u8>(), 1..65),
            algorithm in prop::sample::select(Algorithm::ALL.to_vec()),
            digits in 6u8..=8,
            kind in kind(),
        ) {
            let steam = kind == Kind::Steam;
            let uri = OtpAuthUri {
                account,
                issuer,
                secret: SecretKey::from_bytes(secret),
                algorithm: if steam { Algorithm::Sha1 } else { algorithm },
                digits: if steam { Digits::STEAM } else { Digits::new(digits).unwrap() },
                kind,
            };
            let text = uri.to_uri();
            let parsed = parse(&text);
            prop_assert!(parsed.is_ok(), "{} -> {:?}", *text, parsed);
            let parsed = parsed.unwrap();
            prop_assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
            prop_assert_eq!(parsed.uri, uri);
        }

        #[test]
        fn never_panics(rest in any::<String>(), query in "[a-z%=&?:/#0-9A-F]{0,40}") {
            let _ = parse(&format!("otpauth://{rest}"));
            let _ = parse(&format!("otpauth://totp/{rest}?{query}"));
            let _ = parse(&format!("otpauth://hotp/a?secret=JBSWY3DP&{query}"));
            let _ = parse(&format!("otpauth://steam/a?secret=JBSWY3DP&{query}"));
            let _ = steam_key(&format!("steam://{rest}"));
        }
    }
}
