//! What reading a file gives: accounts, remarks and the entries left out; and the
//! callback that asks for an encrypted file's password.
//!
//! Remarks ([`Remark`]) and reasons ([`Reason`]) are data; `crate::i18n` says them
//! in the user's language (`localize()`). Their `Display` is English for logs.

use zeroize::Zeroizing;

use super::error::ImportError;
use super::format::Format;
use crate::accounts::Account;
use crate::code::ParamError;
use crate::secret::SecretError;

/// A code parameter a file gives, named in a reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The number of digits.
    Digits,
    /// The HOTP counter.
    Counter,
    /// The TOTP period.
    Period,
    /// The hash algorithm.
    Algorithm,
    /// The code type (TOTP, HOTP, ...).
    Type,
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Field::Digits => "digits",
            Field::Counter => "counter",
            Field::Period => "period",
            Field::Algorithm => "algorithm",
            Field::Type => "type",
        })
    }
}

/// Something the user should know about an imported account, as data.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Remark {
    /// No algorithm in the file: SHA1.
    #[error("the file gives no algorithm; SHA1 assumed")]
    AssumedSha1,
    /// No digit count in the file: 6.
    #[error("the file gives no digit count; 6 assumed")]
    AssumedSixDigits,
    /// No counter in the file: 0.
    #[error("the file gives no counter; 0 assumed")]
    AssumedCounterZero,
    /// No period in the file: 30 seconds.
    #[error("the file gives no period; 30 seconds assumed")]
    AssumedPeriod,
    /// No code type in the file: time-based (TOTP).
    #[error("the file gives no code type; time-based codes (TOTP) assumed")]
    AssumedTotp,
    /// Google exports hold no period: 30 seconds.
    #[error(
        "Google Authenticator exports do not record the period; 30 seconds, the only period Google Authenticator uses, was assumed."
    )]
    GooglePeriod,
    /// Some QR codes of a Google export were not given.
    #[error(
        "Only QR codes {read} of the {size} QR codes of a Google Authenticator export were read; QR codes {missing} are missing. The accounts on the missing codes were not imported: scan them too (or export again)."
    )]
    GoogleMissingCodes {
        /// How many QR codes the export has.
        size: i64,
        /// The codes read.
        read: CodeNumbers,
        /// The codes missing.
        missing: CodeNumbers,
    },
    /// FreeOTP+ stored a counter one below its link's; read as 0.
    #[error(
        "FreeOTP+ stored the counter {stored}, one below the counter its link gave (FreeOTP+ counts that way); it was read as 0, the first code the service expects."
    )]
    FreeOtpCounter {
        /// The counter stored.
        stored: i64,
    },
    /// A link's label and `issuer=` name different issuers; the parameter won.
    #[error(
        "The link's label names the issuer {label:?} but its issuer= parameter says {parameter:?}; the account was read with the issuer {parameter:?}."
    )]
    IssuerMismatch {
        /// The issuer in the label.
        label: String,
        /// The issuer parameter, which was kept.
        parameter: String,
    },
    /// A `totp` link with a `counter=`, ignored.
    #[error(
        "The link is for time-based codes (totp) but also has a counter= parameter; the counter was ignored."
    )]
    CounterIgnored,
    /// A `hotp` link with a `period=`, ignored.
    #[error(
        "The link is for counter-based codes (hotp) but also has a period= parameter; the period was ignored."
    )]
    PeriodIgnored,
    /// Only a secret in the file: 30-second, 6-digit SHA1 TOTP, as the app makes.
    #[error(
        "The file gives only the secret key; time-based codes (TOTP) of 6 digits every 30 seconds with SHA1 were assumed, as the app that wrote it makes them."
    )]
    AssumedTotpDefaults,
    /// A HOTP token from a FreeOTP backup: its counter is the one it had when it was
    /// added or renamed.
    #[error(
        "FreeOTP's backup keeps the counter a token had when it was added or last renamed, not the one it reached later; if codes were used since, the service may expect a later counter."
    )]
    FreeOtpBackupCounter,
    /// A counter-based link in a Bitwarden item, imported as counter-based.
    #[error(
        "Bitwarden makes time-based codes even from this counter-based (hotp) link; otp imported it as counter-based, as the link says, so its codes differ from the ones Bitwarden showed."
    )]
    BitwardenHotp,
}

impl From<crate::otpauth::UriWarning> for Remark {
    fn from(warning: crate::otpauth::UriWarning) -> Self {
        use crate::otpauth::UriWarning;
        match warning {
            UriWarning::IssuerMismatch { label, parameter } => {
                Remark::IssuerMismatch { label, parameter }
            }
            UriWarning::CounterIgnored => Remark::CounterIgnored,
            UriWarning::PeriodIgnored => Remark::PeriodIgnored,
        }
    }
}

/// Numbers of QR codes (from 1), the first few of a long list and how many more.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeNumbers {
    /// The numbers shown.
    pub shown: Vec<i64>,
    /// How many more there are beyond `shown`.
    pub more: usize,
}

impl CodeNumbers {
    /// How many numbers in all.
    pub fn count(&self) -> usize {
        self.shown.len() + self.more
    }

    /// The shown numbers joined by `, ` (digits and punctuation, any language).
    pub fn list(&self) -> String {
        let shown: Vec<String> = self.shown.iter().map(i64::to_string).collect();
        shown.join(", ")
    }
}

impl std::fmt::Display for CodeNumbers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.list())?;
        if self.more > 0 {
            write!(f, ", and {} more", self.more)?;
        }
        Ok(())
    }
}

/// A code scheme otp does not make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    /// Mobile-OTP.
    Motp,
    /// Yandex's codes.
    Yandex,
}

impl Scheme {
    /// The scheme's proper name.
    pub fn name(self) -> &'static str {
        match self {
            Scheme::Motp => "mOTP",
            Scheme::Yandex => "Yandex",
        }
    }
}

/// Why an entry was left out of an import or an export, as data.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Reason {
    /// A scheme otp does not make.
    #[error(
        "{} codes are not supported (otp makes TOTP, HOTP and Steam Guard codes)",
        .0.name()
    )]
    Unsupported(Scheme),
    /// A type otp does not know.
    #[error("its type {name:?} is not supported: only TOTP, HOTP and Steam are")]
    UnknownType {
        /// The type as the file names it.
        name: String,
    },
    /// No code parameters at all.
    #[error("it has no code parameters (info)")]
    NoParameters,
    /// A secret that is not base32.
    #[error("its secret is not valid base32")]
    SecretNotBase32,
    /// A secret that cannot be used.
    #[error("its secret is not usable: {0}")]
    SecretUnusable(SecretError),
    /// No secret.
    #[error("it has no secret")]
    NoSecret,
    /// A secret list holding numbers that are not bytes.
    #[error("its secret holds a number outside -128..255, so it is not a list of bytes")]
    SecretNotBytes,
    /// An empty secret.
    #[error("its secret is empty")]
    SecretEmpty,
    /// A parameter otp does not support.
    #[error("{0}")]
    Param(ParamError),
    /// A number that is not whole or too large (quoted: it is a number, not a
    /// secret).
    #[error("its {field} is {value}, not a whole number otp can use")]
    NotWholeNumber {
        /// Which parameter.
        field: Field,
        /// The number as the file writes it.
        value: String,
    },
    /// Not a number at all (never quoted: it could be anything).
    #[error("its {field} is not a number")]
    NotANumber {
        /// Which parameter.
        field: Field,
    },
    /// A field that decides the codes is missing where the app always writes
    /// it: a guess could give wrong codes.
    #[error("its {0} is missing from the file, and a guess could give wrong codes")]
    Missing(Field),
    /// A HOTP entry without a counter.
    #[error("it is counter-based (HOTP) but has no counter")]
    NoCounter,
    /// A Steam Guard entry with an algorithm, code length or period that is not
    /// Steam's (SHA1, 5 characters, 30 seconds): its app would draw other codes.
    #[error(
        "it is a Steam Guard entry, but its {0} is not Steam's (SHA1, 5 characters, 30 seconds), and a guess could give wrong codes"
    )]
    SteamParameters(Field),
    /// MD5 codes.
    #[error("it uses MD5 codes, which otp does not make (only SHA1, SHA256 and SHA512)")]
    Md5,
    /// An algorithm number Google's format does not define.
    #[error("the export names an algorithm otp does not know (number {0})")]
    UnknownAlgorithmNumber(i32),
    /// A digit-count number Google's format does not define.
    #[error("the export names a code length otp does not know (number {0})")]
    UnknownDigitsNumber(i32),
    /// A type number Google's format does not define.
    #[error("the export names a code type otp does not know (number {0})")]
    UnknownTypeNumber(i32),
    /// A negative counter.
    #[error("its counter is negative ({0}), which no counter-based code can use")]
    NegativeCounter(i64),
    /// Google Authenticator makes 6 or 8 digits only.
    #[error(
        "Google Authenticator makes 6- or 8-digit codes only, and this account's codes have {0} digits; export it with --format aegis or --format uris instead"
    )]
    GoogleDigits(u8),
    /// Google Authenticator makes 30-second codes only.
    #[error(
        "Google Authenticator makes 30-second codes only, and this account's period is {0} seconds; export it with --format aegis or --format uris instead"
    )]
    GooglePeriod(u32),
    /// A counter too large for a Google export.
    #[error(
        "its counter {0} is larger than a Google export can hold; export it with --format aegis or --format uris instead"
    )]
    GoogleCounter(u64),
    /// No secret to export.
    #[error("it has no secret; export it with --format aegis or --format uris instead")]
    GoogleNoSecret,
    /// The `otpauth://` link an entry holds cannot be read.
    #[error("its otpauth:// link cannot be read: {0}")]
    Link(crate::otpauth::UriError),
    /// A FreeOTP token whose settings are not the JSON FreeOTP writes.
    #[error("FreeOTP's settings for it cannot be read (they are not the JSON FreeOTP writes)")]
    FreeOtpSettings,
    /// A FreeOTP backup holding a token's key but not its settings.
    #[error("the backup holds its key but not its settings, so its codes are unknown")]
    FreeOtpNoSettings,
    /// Google Authenticator has no Steam Guard codes.
    #[error(
        "Google Authenticator cannot hold Steam Guard accounts; export it with --format aegis or --format uris instead"
    )]
    GoogleSteam,
}

/// Something the user should know about one imported account.
///
/// Show it with `crate::i18n::Localize` (`note.localize()`: the remark in the
/// user's language); `text` is the same remark in English, kept for logs and for
/// code written before the remarks were data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The account's label (`issuer:name`).
    pub label: String,
    /// The remark in English (for logs); show `remark` localized instead.
    pub text: String,
    /// What to say, e.g. that a period was assumed.
    pub remark: Remark,
}

impl Note {
    /// A remark about the account labelled `label`.
    pub fn new(label: String, remark: Remark) -> Self {
        Note {
            label,
            text: remark.to_string(),
            remark,
        }
    }
}

/// An entry of the file (or an account of an export) that cannot be represented,
/// and why.
///
/// Show it with `crate::i18n::Localize` (`entry.localize()`: the reason in the
/// user's language); `reason` is the same in English, kept for logs and for code
/// written before the reasons were data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unrepresentable {
    /// How the file names the entry (never its secret).
    pub label: String,
    /// The reason in English (for logs); show `why` localized instead.
    pub reason: String,
    /// Why it was left out, e.g. that mOTP codes are not supported.
    pub why: Reason,
}

impl Unrepresentable {
    /// The entry labelled `label`, left out for `why`.
    pub fn new(label: String, why: Reason) -> Self {
        Unrepresentable {
            label,
            reason: why.to_string(),
            why,
        }
    }
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
    /// How many entries of the file hold no one-time-code key at all (a password
    /// manager's logins without TOTP, notes, cards): not accounts, only counted, so
    /// that the report can say why they were passed over.
    pub without_code: usize,
}

impl Imported {
    /// The entries left out, by label and reason (for tests).
    #[cfg(test)]
    pub fn left_out(&self) -> Vec<(&str, &Reason)> {
        self.unrepresentable
            .iter()
            .map(|entry| (entry.label.as_str(), &entry.why))
            .collect()
    }

    /// Appends another file's (or batch's) result.
    pub fn extend(&mut self, other: Imported) {
        self.accounts.extend(other.accounts);
        self.notes.extend(other.notes);
        self.unrepresentable.extend(other.unrepresentable);
        self.without_code += other.without_code;
    }
}

/// Asks for the password of an encrypted file; called only when one is needed.
pub type PasswordPrompt<'a> = dyn FnMut(Format) -> Result<Zeroizing<String>, ImportError> + 'a;
