//! The value parsers of `otp`'s options: each refuses a bad value with its reason in
//! the reader's language ([`Refused`]), where clap's own parsers and the lower
//! layers' `Display` would give it in English.

use std::time::Duration;

use crate::agent;
use crate::code::{Algorithm, Digits, ParamError, Period};
use crate::i18n::Localize;
use crate::manual::{Refused, whole_number};
use crate::transfer::Format;
use crate::vault;

fn refused(error: &impl Localize) -> Refused {
    Refused::new(error.localize())
}

/// `--work-factor`: the scrypt work factor the vault accepts.
pub fn work_factor(text: &str) -> Result<u8, Refused> {
    whole_number(text, vault::MIN_WORK_FACTOR, vault::MAX_WORK_FACTOR)
}

/// `--for`: how long the agent serves (see [`agent::parse_lifetime`]).
pub fn lifetime(text: &str) -> Result<Duration, Refused> {
    agent::parse_lifetime(text).map_err(|error| refused(&error))
}

/// `--algorithm`: SHA1, SHA256 or SHA512.
pub fn algorithm(text: &str) -> Result<Algorithm, Refused> {
    text.parse().map_err(|error: ParamError| refused(&error))
}

/// `--digits`: 6, 7 or 8.
pub fn digits(text: &str) -> Result<Digits, Refused> {
    text.parse().map_err(|error: ParamError| refused(&error))
}

/// `--period`: seconds from 1 to a day.
pub fn period(text: &str) -> Result<Period, Refused> {
    text.parse().map_err(|error: ParamError| refused(&error))
}

/// `--counter`: an HOTP counter, any whole number from 0.
pub fn counter(text: &str) -> Result<u64, Refused> {
    text.parse()
        .map_err(|_| refused(&ParamError::Counter(text.to_owned())))
}

/// `--at` and the agent's `--for-secs`: a count of seconds from 0.
pub fn seconds(text: &str) -> Result<u64, Refused> {
    whole_number(text, 0, u64::MAX)
}

/// `--format` of `otp import`.
pub fn import_format(text: &str) -> Result<Format, Refused> {
    text.parse()
        .map_err(|error: crate::transfer::UnknownFormatName| refused(&error))
}
