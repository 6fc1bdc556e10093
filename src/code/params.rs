//! The parameters that, with a secret, define an account's codes.

use std::fmt;
use std::str::FromStr;

/// The HMAC hash function.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Algorithm {
    /// HMAC-SHA1, what nearly every service uses.
    #[default]
    Sha1,
    /// HMAC-SHA256.
    Sha256,
    /// HMAC-SHA512.
    Sha512,
}

impl Algorithm {
    /// Every supported algorithm, in the order the CLI lists them.
    pub const ALL: [Algorithm; 3] = [Algorithm::Sha1, Algorithm::Sha256, Algorithm::Sha512];

    /// The name used in `otpauth://` URIs and the vault: `SHA1`, `SHA256`, `SHA512`.
    pub fn as_str(self) -> &'static str {
        match self {
            Algorithm::Sha1 => "SHA1",
            Algorithm::Sha256 => "SHA256",
            Algorithm::Sha512 => "SHA512",
        }
    }

    pub(crate) fn to_totp_rs(self) -> totp_rs::Algorithm {
        match self {
            Algorithm::Sha1 => totp_rs::Algorithm::SHA1,
            Algorithm::Sha256 => totp_rs::Algorithm::SHA256,
            Algorithm::Sha512 => totp_rs::Algorithm::SHA512,
        }
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A parameter value outside what the product supports.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParamError {
    /// An algorithm name that is not SHA1, SHA256 or SHA512.
    #[error("unknown algorithm {0:?}: use SHA1, SHA256 or SHA512")]
    UnknownAlgorithm(String),
    /// A digit count outside 6..=8.
    #[error("{0} digits is not supported: codes have 6, 7 or 8 digits")]
    Digits(String),
    /// A period of zero, or one longer than a day, or not a number.
    #[error("a period of {0:?} seconds is not supported: use a whole number from 1 to 86400")]
    Period(String),
    /// A counter that is not a non-negative whole number.
    #[error("counter {0:?} is not a whole number from 0 to 18446744073709551615")]
    Counter(String),
}

impl FromStr for Algorithm {
    type Err = ParamError;

    /// Accepts `SHA1`, `sha256`, `SHA-512` and the like.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let folded: String = text
            .chars()
            .filter(|c| *c != '-' && *c != '_')
            .collect::<String>()
            .to_ascii_uppercase();
        match folded.as_str() {
            "SHA1" => Ok(Algorithm::Sha1),
            "SHA256" => Ok(Algorithm::Sha256),
            "SHA512" => Ok(Algorithm::Sha512),
            _ => Err(ParamError::UnknownAlgorithm(text.to_owned())),
        }
    }
}

/// Number of characters in a code: 6, 7 or 8 digits, or Steam Guard's 5 characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Digits(u8);

impl Digits {
    /// Six digits, the default almost everywhere.
    pub const SIX: Digits = Digits(6);
    /// Steam Guard's 5 characters: only [`Kind::Steam`] accounts have it;
    /// [`Digits::new`] refuses 5, since a 5-digit TOTP or HOTP code is not supported.
    pub const STEAM: Digits = Digits(5);

    /// Checks that `digits` is 6, 7 or 8.
    pub fn new(digits: u8) -> Result<Self, ParamError> {
        if (6..=8).contains(&digits) {
            Ok(Digits(digits))
        } else {
            Err(ParamError::Digits(digits.to_string()))
        }
    }

    /// The count as a number.
    pub fn get(self) -> u8 {
        self.0
    }
}

impl Default for Digits {
    fn default() -> Self {
        Digits::SIX
    }
}

impl FromStr for Digits {
    type Err = ParamError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        text.parse::<u8>()
            .map_err(|_| ParamError::Digits(text.to_owned()))
            .and_then(Digits::new)
    }
}

impl fmt::Display for Digits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Length of a TOTP time step in seconds: 1 to 86400.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period(u32);

impl Period {
    /// 30 seconds, the default for manual keys and URIs without `period`.
    pub const DEFAULT: Period = Period(30);
    /// Longest supported period: one day.
    pub const MAX_SECONDS: u32 = 86_400;

    /// Checks that `seconds` is in 1..=86400.
    pub fn new(seconds: u32) -> Result<Self, ParamError> {
        if (1..=Self::MAX_SECONDS).contains(&seconds) {
            Ok(Period(seconds))
        } else {
            Err(ParamError::Period(seconds.to_string()))
        }
    }

    /// The period in seconds.
    pub fn seconds(self) -> u32 {
        self.0
    }
}

impl Default for Period {
    fn default() -> Self {
        Period::DEFAULT
    }
}

impl FromStr for Period {
    type Err = ParamError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        text.parse::<u32>()
            .map_err(|_| ParamError::Period(text.to_owned()))
            .and_then(Period::new)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Time-based, counter-based or Steam Guard codes.
///
/// Steam is a kind of its own, as every format that carries it says (`otpauth://steam/`,
/// Aegis's `"type": "steam"`, andOTP's and 2FAS's `STEAM`): its codes are time-based
/// but drawn from Steam's alphabet, and its parameters are fixed (HMAC-SHA1, 30
/// seconds, 5 characters: see [`Kind::STEAM_PERIOD`]), so it carries none. An account
/// of this kind has [`Algorithm::Sha1`] and [`Digits::STEAM`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// RFC 6238: the moving factor is the number of periods since the Unix epoch.
    Totp {
        /// Length of one step.
        period: Period,
    },
    /// RFC 4226: the moving factor is a counter advanced on every use.
    Hotp {
        /// The counter the next code is computed from.
        counter: u64,
    },
    /// Steam Guard: TOTP with HMAC-SHA1 every 30 seconds, written as 5 characters of
    /// Steam's alphabet (`23456789BCDFGHJKMNPQRTVWXY`).
    Steam,
}

impl Default for Kind {
    fn default() -> Self {
        Kind::Totp {
            period: Period::DEFAULT,
        }
    }
}

impl Kind {
    /// Steam Guard's period: 30 seconds.
    pub const STEAM_PERIOD: Period = Period(30);

    /// `"totp"`, `"hotp"` or `"steam"`, as in `otpauth://` URIs.
    pub fn type_name(&self) -> &'static str {
        match self {
            Kind::Totp { .. } => "totp",
            Kind::Hotp { .. } => "hotp",
            Kind::Steam => "steam",
        }
    }

    /// The length of one step of a time-based kind (TOTP, Steam); `None` for HOTP.
    pub fn period(&self) -> Option<Period> {
        match self {
            Kind::Totp { period } => Some(*period),
            Kind::Steam => Some(Kind::STEAM_PERIOD),
            Kind::Hotp { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn algorithm_names() {
        for (text, algorithm) in [
            ("SHA1", Algorithm::Sha1),
            ("sha1", Algorithm::Sha1),
            ("SHA-256", Algorithm::Sha256),
            ("sha512", Algorithm::Sha512),
        ] {
            assert_eq!(text.parse::<Algorithm>(), Ok(algorithm));
        }
        assert!(matches!(
            "MD5".parse::<Algorithm>(),
            Err(ParamError::UnknownAlgorithm(name)) if name == "MD5"
        ));
        for algorithm in Algorithm::ALL {
            assert_eq!(algorithm.as_str().parse::<Algorithm>(), Ok(algorithm));
        }
    }

    #[test]
    fn digits_and_period_bounds() {
        assert!(Digits::new(5).is_err());
        assert!(Digits::new(9).is_err());
        assert_eq!(Digits::new(8).map(Digits::get), Ok(8));
        assert!("six".parse::<Digits>().is_err());
        assert!(Period::new(0).is_err());
        assert!(Period::new(86_401).is_err());
        assert_eq!("60".parse::<Period>().map(Period::seconds), Ok(60));
        assert!("-30".parse::<Period>().is_err());
        // Five characters exist for Steam only.
        assert_eq!(Digits::STEAM.get(), 5);
        assert!("5".parse::<Digits>().is_err());
    }

    #[test]
    fn kinds_name_their_type_and_period() {
        let totp = Kind::Totp {
            period: Period::new(60).unwrap(),
        };
        assert_eq!(
            (totp.type_name(), totp.period()),
            ("totp", Period::new(60).ok())
        );
        let hotp = Kind::Hotp { counter: 3 };
        assert_eq!((hotp.type_name(), hotp.period()), ("hotp", None));
        assert_eq!(
            (Kind::Steam.type_name(), Kind::Steam.period()),
            ("steam", Some(Period::DEFAULT))
        );
    }
}
