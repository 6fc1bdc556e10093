//! What otpd accepts and for how long: the limits every part of the server shares,
//! the policy an `otpd.toml` sets, and the shape of a usable customer code, user ID
//! and device name.

use super::config::{PushSettings, ServerConfig};
use super::error::ServerError;
use crate::code::{Algorithm, Digits, Period};

/// Wrong tries that burn an activation code, and wrong codes that lock a token.
pub const MAX_FAILURES: i64 = 5;
/// Bytes of a new token's seed (160 bits, as RFC 4226 recommends).
pub const SEED_BYTES: usize = 20;
/// Seconds a finished enrollment may wait for its activation.
pub const PENDING_SECS: u64 = 600;
/// How long a checked API key is trusted without asking the database again; a
/// revoked key stops working within this time.
pub const API_KEY_CACHE_SECS: u64 = 2;

/// The largest file `otpd user import` reads (32 MiB: 100,000 users at over
/// 300 bytes each).
pub const MAX_IMPORT_BYTES: u64 = 32 * 1024 * 1024;
/// The most users one `otpd user import` file may hold.
pub const MAX_IMPORT_ROWS: usize = 100_000;
/// The most problems of an import file reported one by one (the rest are counted).
pub const MAX_IMPORT_PROBLEMS: usize = 50;

/// Policy taken from the config file.
#[derive(Debug, Clone)]
pub struct Policy {
    /// Answer unknown IDs like wrong codes.
    pub uniform_errors: bool,
    /// Seconds an enrollment session stays open.
    pub session_secs: u64,
    /// Default activation code lifetime in seconds.
    pub activation_ttl_secs: u64,
    /// Algorithm of new tokens.
    pub algorithm: Algorithm,
    /// Digits of new tokens.
    pub digits: Digits,
    /// Period of new tokens.
    pub period: Period,
    /// Push approval requests.
    pub push: PushSettings,
}

impl Policy {
    /// The policy a config file sets.
    pub fn from_config(config: &ServerConfig) -> Result<Self, ServerError> {
        Ok(Self {
            uniform_errors: config.uniform_errors,
            session_secs: config.enrollment_session_secs.max(1),
            activation_ttl_secs: config.activation_ttl().as_secs(),
            algorithm: config
                .tokens
                .algorithm
                .parse()
                .map_err(|_| config.tokens.algorithm_error())?,
            digits: Digits::new(config.tokens.digits).map_err(|_| config.tokens.digits_error())?,
            period: Period::new(config.tokens.period).map_err(|_| config.tokens.period_error())?,
            push: PushSettings {
                expires_secs: config.push.expires_secs.max(1),
                max_pending: config.push.max_pending.max(1),
                ..config.push.clone()
            },
        })
    }
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            uniform_errors: false,
            session_secs: 300,
            activation_ttl_secs: 72 * 3600,
            algorithm: Algorithm::Sha1,
            digits: Digits::SIX,
            period: Period::new(60).unwrap_or(Period::DEFAULT),
            push: PushSettings::default(),
        }
    }
}

/// Checks a customer code: 1–32 letters, digits, `-` or `_`.
pub fn valid_customer_code(code: &str) -> bool {
    (1..=32).contains(&code.len())
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// The stored form of a customer code as typed: 4 to 8 letters and digits in
/// upper case (`u1034` → `U1034`), or, for a customer added before codes had
/// that shape, the code exactly as [`valid_customer_code`] accepted it then.
pub fn customer_key(typed: &str) -> Option<String> {
    crate::api::shapes::normalize_customer_code(typed)
        .or_else(|| valid_customer_code(typed).then(|| typed.to_owned()))
}

/// Checks a user ID: 1–128 characters, no control characters, no outer spaces.
pub fn valid_user_id(id: &str) -> bool {
    (1..=128).contains(&id.chars().count()) && !id.chars().any(char::is_control) && id.trim() == id
}

/// Checks a display name: at most 128 characters, no control characters (a
/// quoted CSV cell may hold a line break).
pub fn valid_display_name(name: &str) -> bool {
    name.chars().count() <= 128 && !name.chars().any(char::is_control)
}

/// Checks an email address the way a mail server would accept it in `RCPT TO`:
/// at most 254 characters, one `@` with something on each side, a dot-separated
/// domain, and no spaces, control characters, quotes or angle brackets (which
/// could smuggle a second recipient or header into a message).
pub fn valid_email(address: &str) -> bool {
    let Some((local, domain)) = address.rsplit_once('@') else {
        return false;
    };
    let forbidden = |c: char| c.is_whitespace() || c.is_control() || "<>\"\\,;:()[]@".contains(c);
    address.len() <= 254
        && !local.is_empty()
        && local.len() <= 64
        && !local.chars().any(forbidden)
        && !domain.chars().any(forbidden)
        && domain.split('.').count() >= 2
        && domain
            .split('.')
            .all(|label| !label.is_empty() && !label.starts_with('-') && !label.ends_with('-'))
}

pub use super::user_lang::user_lang;

/// Checks a device name: at most 64 characters, no control characters.
pub fn valid_device_name(name: &str) -> bool {
    name.chars().count() <= 64 && !name.chars().any(char::is_control)
}

/// A `u64` count of seconds as the database's `BIGINT`, saturating.
pub fn i64_of(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_addresses() {
        for good in ["jklee@kisti.re.kr", "a.b+otp@example.com", "홍길동@대학.kr"] {
            assert!(valid_email(good), "{good}");
        }
        for bad in [
            "",
            "jklee",
            "@kisti.re.kr",
            "jklee@",
            "jklee@localhost",
            "jk lee@kisti.re.kr",
            "jklee@kisti..kr",
            "jklee@-kisti.kr",
            "a@b.kr>\r\nRCPT TO:<c@d.kr",
            "a,b@kisti.kr",
            "\"a\"@kisti.kr",
            "a@b@kisti.kr",
        ] {
            assert!(!valid_email(bad), "{bad:?}");
        }
        assert!(!valid_email(&format!("{}@kisti.kr", "a".repeat(65))));
    }

    #[test]
    fn languages() {
        assert_eq!(user_lang("KO"), Some("ko"));
        assert_eq!(user_lang(" en "), Some("en"));
        assert_eq!(user_lang("ja"), None);
        assert_eq!(user_lang(""), None);
    }
}
