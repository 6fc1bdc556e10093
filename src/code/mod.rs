//! HOTP (RFC 4226), TOTP (RFC 6238) and Steam Guard codes as pure functions.
//!
//! Nothing here reads the clock: callers pass the Unix time or the counter.
//! The HMAC and truncation come from `totp-rs`; HOTP(c) is computed as TOTP with
//! a one-second step at time `c`, which is the same function. Steam Guard codes are
//! TOTP with HMAC-SHA1 at 30 seconds whose truncated value is written in Steam's
//! alphabet, 5 characters long (`totp-rs`'s `steam` feature).

mod params;

use zeroize::Zeroizing;

pub use params::{Algorithm, Digits, Kind, ParamError, Period};

use crate::secret::SecretKey;

/// One generated code, zero-padded to its digit count. Zeroized on drop.
#[derive(Clone, PartialEq, Eq)]
pub struct Code(Zeroizing<String>);

impl Code {
    /// The digits as text, e.g. `"058213"`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The digits split for reading, e.g. `"058 213"` or `"1234 5678"`; a Steam
    /// code as it is (`"7QF2J"`).
    pub fn grouped(&self) -> String {
        group(self.0.as_str())
    }
}

/// Digits split for reading, e.g. `"058 213"` or `"1234 5678"`: in halves, 3 + 4
/// for seven. A code of 5 characters (only Steam Guard codes have 5) is left whole,
/// as Steam and every Steam authenticator show it: split, it would read as two
/// words. Counts characters, so any text (a code from another process) is safe.
pub fn group(digits: &str) -> String {
    let count = digits.chars().count();
    let split = match count {
        5 => return digits.to_owned(),
        7 => 3,
        n => n / 2,
    };
    let head: String = digits.chars().take(split).collect();
    let tail: String = digits.chars().skip(split).collect();
    format!("{head} {tail}")
}

/// How many columns [`group`] makes of a code `characters` long: one more for the
/// space, none for a Steam Guard code (5 characters, left whole).
pub fn grouped_width(characters: usize) -> usize {
    match characters {
        5 => 5,
        n => n + 1,
    }
}

impl std::fmt::Debug for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Code([redacted])")
    }
}

/// The HMAC-based code for `moving_factor` (the counter, or the TOTP step number),
/// `digits` long, in decimal digits or (for `totp_rs::Algorithm::Steam`) in Steam's
/// alphabet.
fn generate(
    secret: &SecretKey,
    algorithm: totp_rs::Algorithm,
    digits: u8,
    moving_factor: u64,
) -> Code {
    let totp = totp_rs::Builder::new()
        .with_algorithm(algorithm)
        .with_digits(digits)
        .with_step_duration(1)
        .with_secret(secret.expose().to_vec())
        .build_noncompliant();
    Code(Zeroizing::new(totp.generate(moving_factor).to_string()))
}

/// RFC 4226 HOTP code for `counter`.
pub fn hotp(secret: &SecretKey, algorithm: Algorithm, digits: Digits, counter: u64) -> Code {
    generate(secret, algorithm.to_totp_rs(), digits.get(), counter)
}

/// A TOTP code with where it sits in time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TotpCode {
    /// The code.
    pub code: Code,
    /// The step number, `unix_time / period`.
    pub step: u64,
    /// Seconds until the next step begins (1..=period).
    pub remaining: u32,
}

/// RFC 6238 TOTP code at `unix_time` (seconds since the epoch).
pub fn totp(
    secret: &SecretKey,
    algorithm: Algorithm,
    digits: Digits,
    period: Period,
    unix_time: u64,
) -> TotpCode {
    time_based(
        secret,
        algorithm.to_totp_rs(),
        digits.get(),
        period,
        unix_time,
    )
}

/// Steam Guard code at `unix_time`: HMAC-SHA1 of the 30-second step, truncated as
/// RFC 4226 does, written as 5 characters of `23456789BCDFGHJKMNPQRTVWXY`.
pub fn steam(secret: &SecretKey, unix_time: u64) -> TotpCode {
    time_based(
        secret,
        totp_rs::Algorithm::Steam,
        Digits::STEAM.get(),
        Kind::STEAM_PERIOD,
        unix_time,
    )
}

fn time_based(
    secret: &SecretKey,
    algorithm: totp_rs::Algorithm,
    digits: u8,
    period: Period,
    unix_time: u64,
) -> TotpCode {
    let seconds = u64::from(period.seconds());
    let step = unix_time / seconds;
    let elapsed = unix_time % seconds;
    // `elapsed < seconds <= 86400`, so the difference fits in u32.
    let remaining = u32::try_from(seconds - elapsed).unwrap_or(period.seconds());
    TotpCode {
        code: generate(secret, algorithm, digits, step),
        step,
        remaining,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rfc_key() -> SecretKey {
        SecretKey::from_bytes(b"12345678901234567890".to_vec())
    }

    #[test]
    fn rfc4226_first_codes() {
        let codes: Vec<String> = (0..3)
            .map(|c| {
                hotp(&rfc_key(), Algorithm::Sha1, Digits::SIX, c)
                    .as_str()
                    .to_owned()
            })
            .collect();
        assert_eq!(codes, ["755224", "287082", "359152"]);
    }

    #[test]
    fn totp_position_in_step() {
        let period = Period::new(30).unwrap();
        let at = totp(
            &rfc_key(),
            Algorithm::Sha1,
            Digits::new(8).unwrap(),
            period,
            59,
        );
        assert_eq!(at.code.as_str(), "94287082");
        assert_eq!((at.step, at.remaining), (1, 1));
        let start = totp(&rfc_key(), Algorithm::Sha1, Digits::SIX, period, 60);
        assert_eq!((start.step, start.remaining), (2, 30));
    }

    /// Steam Guard codes equal those of tests/data/steam_guard.py, a Python
    /// implementation written from the algorithm's description (HMAC-SHA1 of the
    /// 30-second step, RFC 4226 truncation, 5 characters of Steam's alphabet).
    #[test]
    fn steam_codes_match_the_independent_reference() {
        #[derive(serde::Deserialize)]
        struct Vectors {
            steam: Vec<Vector>,
        }
        #[derive(serde::Deserialize)]
        struct Vector {
            secret: String,
            time: u64,
            code: String,
        }
        let vectors: Vectors =
            toml::from_str(include_str!("../../tests/data/steam-vectors.toml")).unwrap();
        assert!(vectors.steam.len() >= 20, "steam-vectors.toml is too short");
        for v in &vectors.steam {
            let secret = SecretKey::parse_base32(&v.secret).unwrap();
            let at = steam(&secret, v.time);
            assert_eq!(at.code.as_str(), v.code, "{} at {}", v.secret, v.time);
            assert_eq!(at.step, v.time / 30);
            assert_eq!(u64::from(at.remaining), 30 - v.time % 30);
            assert!(
                at.code
                    .as_str()
                    .chars()
                    .all(|c| "23456789BCDFGHJKMNPQRTVWXY".contains(c))
            );
        }
    }

    #[test]
    fn grouping() {
        let six = Code(Zeroizing::new("058213".into()));
        let seven = Code(Zeroizing::new("0582131".into()));
        let eight = Code(Zeroizing::new("12345678".into()));
        let steam = Code(Zeroizing::new("7QF2J".into()));
        assert_eq!(steam.grouped(), "7QF2J");
        assert_eq!(six.grouped(), "058 213");
        assert_eq!(seven.grouped(), "058 2131");
        assert_eq!(eight.grouped(), "1234 5678");
        // Text from another process never panics, whatever its characters.
        assert_eq!(group("12é456"), "12é 456");
        assert_eq!(group(""), " ");
        assert_eq!(format!("{six:?}"), "Code([redacted])");
        for text in ["7QF2J", "058213", "0582131", "12345678"] {
            assert_eq!(
                grouped_width(text.len()),
                group(text).chars().count(),
                "{text}"
            );
        }
    }
}
