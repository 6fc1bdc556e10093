//! The file formats `otp import` reads and `otp export` writes, by name.

use std::fmt;
use std::str::FromStr;

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
    /// An andOTP encrypted backup (`.json.aes`), in the current or the old layout.
    AndOtpEncrypted,
    /// A FreeOTP+ JSON export.
    FreeOtpPlus,
    /// A backup of the original FreeOTP (2.0 and later), password-encrypted: the
    /// Backup menu's Java-serialised file or Android's preferences XML.
    FreeOtpBackup,
    /// The original FreeOTP's `tokens.xml` (before 2.0).
    FreeOtpTokens,
    /// A Bitwarden JSON export: unencrypted or password-protected.
    Bitwarden,
    /// A Bitwarden CSV export, of a personal or an organisation vault.
    BitwardenCsv,
    /// A Proton Authenticator export, plain or with a password.
    Proton,
    /// An Authenticator Pro (now Stratum) backup: plain, or encrypted in the
    /// current or the legacy layout.
    AuthPro,
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
    pub const ALL: [Format; 15] = [
        Format::Google,
        Format::Aegis,
        Format::TwoFas,
        Format::AndOtp,
        Format::AndOtpEncrypted,
        Format::FreeOtpPlus,
        Format::FreeOtpBackup,
        Format::FreeOtpTokens,
        Format::Bitwarden,
        Format::BitwardenCsv,
        Format::Proton,
        Format::AuthPro,
        Format::Uris,
        Format::Backup,
        Format::Image,
    ];

    /// The `--format` value: `google`, `aegis`, `2fas`, `andotp`,
    /// `andotp-encrypted`, `freeotp`, `freeotp-backup`, `freeotp-tokens`, `bitwarden`,
    /// `bitwarden-csv`, `proton`, `authpro`, `uris`, `backup`, `qr`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Google => "google",
            Format::Aegis => "aegis",
            Format::TwoFas => "2fas",
            Format::AndOtp => "andotp",
            Format::AndOtpEncrypted => "andotp-encrypted",
            Format::FreeOtpPlus => "freeotp",
            Format::FreeOtpBackup => "freeotp-backup",
            Format::FreeOtpTokens => "freeotp-tokens",
            Format::Bitwarden => "bitwarden",
            Format::BitwardenCsv => "bitwarden-csv",
            Format::Proton => "proton",
            Format::AuthPro => "authpro",
            Format::Uris => "uris",
            Format::Backup => "backup",
            Format::Image => "qr",
        }
    }

    /// The format's name in English, for logs and `Display` texts: `Google
    /// Authenticator export`, ... A person is shown `crate::i18n::Localize`'s
    /// `format.localize()` instead.
    pub fn title(self) -> &'static str {
        match self {
            Format::Google => "Google Authenticator export",
            Format::Aegis => "Aegis export",
            Format::TwoFas => "2FAS backup",
            Format::AndOtp => "andOTP backup",
            Format::AndOtpEncrypted => "andOTP encrypted backup",
            Format::FreeOtpPlus => "FreeOTP+ export",
            Format::FreeOtpBackup => "FreeOTP backup",
            Format::FreeOtpTokens => "FreeOTP token file (tokens.xml)",
            Format::Bitwarden => "Bitwarden export",
            Format::BitwardenCsv => "Bitwarden CSV export",
            Format::Proton => "Proton Authenticator export",
            Format::AuthPro => "Authenticator Pro backup",
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

/// A `--format` value that names no format.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown format {given:?}: use one of {}", names())]
pub struct UnknownFormatName {
    /// The value given.
    pub given: String,
}

impl FromStr for Format {
    type Err = UnknownFormatName;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Format::ALL
            .into_iter()
            .find(|format| format.as_str().eq_ignore_ascii_case(text))
            .ok_or_else(|| UnknownFormatName {
                given: text.to_owned(),
            })
    }
}

/// Every format's `--format` value, comma-separated.
pub fn names() -> String {
    let names: Vec<&str> = Format::ALL.iter().map(|f| f.as_str()).collect();
    names.join(", ")
}
