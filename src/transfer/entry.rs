//! Building accounts from a file's entries the same way for every format: clean
//! names, an issuer prefix taken off the name, a name for an unnamed account.

use super::imported::{Field, Reason};
use crate::accounts::Account;
use crate::code::{Algorithm, Digits, Kind, ParamError, Period};
use crate::secret::SecretKey;

/// A non-negative whole JSON number; the reason quotes the value only when it is a
/// number (a string there could be anything, a secret included).
pub(crate) fn whole_number(value: &serde_json::Value, field: Field) -> Result<u64, Reason> {
    value.as_u64().ok_or_else(|| {
        if value.is_number() {
            Reason::NotWholeNumber {
                field,
                value: value.to_string(),
            }
        } else {
            Reason::NotANumber { field }
        }
    })
}

/// A JSON code length: a whole number otp makes codes of (6 to 8).
pub(crate) fn json_digits(value: &serde_json::Value) -> Result<Digits, Reason> {
    let count = whole_number(value, Field::Digits)?;
    u8::try_from(count)
        .map_err(|_| ParamError::Digits(count.to_string()))
        .and_then(Digits::new)
        .map_err(Reason::Param)
}

/// A JSON period in seconds: a whole number otp accepts (1 to 86400).
pub(crate) fn json_period(value: &serde_json::Value) -> Result<Period, Reason> {
    let seconds = whole_number(value, Field::Period)?;
    u32::try_from(seconds)
        .map_err(|_| ParamError::Period(seconds.to_string()))
        .and_then(Period::new)
        .map_err(Reason::Param)
}

/// Whether a `TOTP` or `HOTP` type (any case) is time-based; a missing type is
/// named and any other is left out with its name.
pub(crate) fn time_based(kind: Option<&str>) -> Result<bool, Reason> {
    let name = kind.ok_or(Reason::Missing(Field::Type))?;
    if name.eq_ignore_ascii_case("TOTP") {
        Ok(true)
    } else if name.eq_ignore_ascii_case("HOTP") {
        Ok(false)
    } else {
        Err(Reason::UnknownType {
            name: name.to_owned(),
        })
    }
}

/// The code length an entry must give: a missing one is named, never assumed.
pub(crate) fn required_digits(value: Option<&serde_json::Value>) -> Result<Digits, Reason> {
    json_digits(value.ok_or(Reason::Missing(Field::Digits))?)
}

/// What moves an entry's codes on: its period when it is time-based, else its
/// counter; a missing one is named, never assumed.
pub(crate) fn required_kind(
    time_based: bool,
    period: Option<&serde_json::Value>,
    counter: Option<&serde_json::Value>,
) -> Result<Kind, Reason> {
    if time_based {
        let period = period.ok_or(Reason::Missing(Field::Period))?;
        Ok(Kind::Totp {
            period: json_period(period)?,
        })
    } else {
        let counter = counter.ok_or(Reason::NoCounter)?;
        Ok(Kind::Hotp {
            counter: whole_number(counter, Field::Counter)?,
        })
    }
}

/// The parameters of a Steam Guard entry, checked against what the file gives
/// (`None` where it gives nothing: Steam's are fixed, so nothing is assumed).
/// Steam Guard codes are HMAC-SHA1, 30 seconds, 5 characters; an entry that says
/// otherwise would draw other codes in its app, so it is left out rather than
/// guessed at.
pub(crate) fn steam(
    algorithm: Option<&str>,
    digits: Option<&serde_json::Value>,
    period: Option<&serde_json::Value>,
) -> Result<(Algorithm, Digits, Kind), Reason> {
    if let Some(name) = algorithm
        && name.parse::<Algorithm>() != Ok(Algorithm::Sha1)
    {
        return Err(Reason::SteamParameters(Field::Algorithm));
    }
    for (value, field, steam) in [
        (digits, Field::Digits, u64::from(Digits::STEAM.get())),
        (
            period,
            Field::Period,
            u64::from(Kind::STEAM_PERIOD.seconds()),
        ),
    ] {
        if let Some(value) = value
            && whole_number(value, field)? != steam
        {
            return Err(Reason::SteamParameters(field));
        }
    }
    Ok((Algorithm::Sha1, Digits::STEAM, Kind::Steam))
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
