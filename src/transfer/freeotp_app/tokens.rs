//! FreeOTP 1's `tokens.xml` (freeotp-android before 2.0: `TokenPersistence` and
//! `Token` under `app/`): a preferences map of
//!
//! ```text
//! "tokenOrder"  → ["GitHub:alice", ...]          (the order FreeOTP shows them in)
//! "GitHub:alice" → {"issuerInt": "GitHub", "issuerExt": "GitHub", "label": "alice",
//!                   "type": "TOTP", "algo": "SHA1", "secret": [signed bytes],
//!                   "digits": 6, "counter": 0, "period": 30,
//!                   "issuerAlt": ..., "labelAlt": ..., "image": ...}
//! ```
//!
//! - The secret is the raw key as Java's signed bytes. The issuer is `issuerAlt` (a
//!   name the user gave it) if set, else `issuerExt` (the label's prefix); the name
//!   `labelAlt` if set, else `label`: what FreeOTP showed.
//! - Gson writes `type`, `algo`, `digits`, `period` and `counter` for every token
//!   (FreeOTP fills them in when it reads a link), so a token without one is damaged
//!   and left out with the field named. Values otp cannot use leave the token out
//!   with the reason.
//! - FreeOTP draws Steam Guard codes for the issuer (label prefix) `Steam`: such a
//!   TOTP token with SHA1, 5 characters and 30 seconds is a Steam Guard account; one
//!   with other parameters (FreeOTP's default for a link without `digits=` is 6), or
//!   HOTP, would make codes Steam does not take, and is left out with the reason.
//! - `counter` is the counter of the next code.
//! - The oldest FreeOTP kept a token as its `otpauth://` link; such a text is read
//!   as `--format uris` reads a link.
//! - Tokens come in `tokenOrder`'s order; tokens it does not name come after, in the
//!   file's order. A text that is neither a token nor a link is left out.

use std::collections::HashMap;

use serde::Deserialize;
use zeroize::Zeroizing;

use super::gson::java_bytes;
use super::map::Entry;
use crate::code::{Algorithm, Digits, Kind};
use crate::secret::SecretKey;
use crate::transfer::entry::{self, required_digits, required_kind, steam};
use crate::transfer::error::{ImportError, Problem};
use crate::transfer::format::Format;
use crate::transfer::imported::{Field, Imported, Note, Reason, Unrepresentable};

/// The entry that orders the tokens.
const ORDER: &str = "tokenOrder";

/// A token as Gson writes FreeOTP 1's `Token`. No `Debug`: it holds the secret.
#[derive(Deserialize)]
struct TokenJson {
    #[serde(default)]
    secret: Option<Zeroizing<Vec<i16>>>,
    #[serde(default)]
    label: Option<String>,
    #[serde(default, rename = "labelAlt")]
    label_alt: Option<String>,
    #[serde(default, rename = "issuerExt")]
    issuer_ext: Option<String>,
    #[serde(default, rename = "issuerAlt")]
    issuer_alt: Option<String>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    algo: Option<String>,
    // Numbers as JSON values: one of the wrong shape leaves its token out.
    #[serde(default)]
    digits: Option<serde_json::Value>,
    #[serde(default)]
    period: Option<serde_json::Value>,
    #[serde(default)]
    counter: Option<serde_json::Value>,
}

impl TokenJson {
    /// The name and issuer FreeOTP shows (`getLabel`, `getIssuer`).
    fn names(&self) -> (&str, &str) {
        let name = self.label_alt.as_deref().or(self.label.as_deref());
        let issuer = self.issuer_alt.as_deref().or(self.issuer_ext.as_deref());
        (name.unwrap_or(""), issuer.unwrap_or(""))
    }
}

/// Reads the map's tokens.
pub(super) fn read(entries: &[Entry]) -> Result<Imported, ImportError> {
    let order: Vec<String> = match entries.iter().find(|entry| entry.name == ORDER) {
        Some(entry) => serde_json::from_str(&entry.value).map_err(|_| {
            ImportError::malformed(
                Format::FreeOtpTokens,
                Problem::FreeOtpEntry {
                    entry: ORDER.to_owned(),
                },
            )
        })?,
        None => Vec::new(),
    };
    // Each ID's first place in the order (a hostile order may be long).
    let mut places: HashMap<&str, usize> = HashMap::with_capacity(order.len().min(entries.len()));
    for (place, id) in order.iter().enumerate() {
        places.entry(id.as_str()).or_insert(place);
    }
    let mut tokens: Vec<&Entry> = entries.iter().filter(|entry| entry.name != ORDER).collect();
    // Stable: tokens the order does not name stay after the others, as they were.
    tokens.sort_by_key(|entry| {
        places
            .get(entry.name.as_str())
            .copied()
            .unwrap_or(usize::MAX)
    });
    let mut imported = Imported::default();
    for (position, token) in tokens.into_iter().enumerate() {
        let text = token.value.trim();
        if text.starts_with("otpauth:") {
            match crate::transfer::uris::read_link(text) {
                Ok((account, remarks)) => {
                    let built = entry::Entry {
                        name: &account.name,
                        issuer: account.issuer.as_deref().unwrap_or_default(),
                        algorithm: account.algorithm,
                        digits: account.digits,
                        kind: account.kind,
                    };
                    let account = entry::account(built, account.secret.clone(), position);
                    imported.notes.extend(
                        remarks
                            .into_iter()
                            .map(|remark| Note::new(account.label(), remark)),
                    );
                    imported.accounts.push(account);
                }
                Err(reason) => imported.unrepresentable.push(Unrepresentable::new(
                    crate::transfer::uris::link_label(text).unwrap_or_else(|| token.name.clone()),
                    reason,
                )),
            }
            continue;
        }
        let Ok(json) = serde_json::from_str::<TokenJson>(text) else {
            imported.unrepresentable.push(Unrepresentable::new(
                token.name.clone(),
                Reason::FreeOtpSettings,
            ));
            continue;
        };
        let (name, issuer) = json.names();
        match account_parts(&json) {
            Ok((algorithm, digits, kind, secret)) => {
                let built = entry::Entry {
                    name,
                    issuer,
                    algorithm,
                    digits,
                    kind,
                };
                imported
                    .accounts
                    .push(entry::account(built, secret, position));
            }
            Err(reason) => imported.unrepresentable.push(Unrepresentable::new(
                entry::label(name, issuer, position),
                reason,
            )),
        }
    }
    Ok(imported)
}

/// The token's code parameters and secret, or why otp cannot use them.
fn account_parts(token: &TokenJson) -> Result<(Algorithm, Digits, Kind, SecretKey), Reason> {
    let is_totp = entry::time_based(token.kind.as_deref())?;
    let (algorithm, digits, kind) = if token.issuer_ext.as_deref() == Some("Steam") {
        // `getHOTP`: Steam's letters for exactly this issuer.
        if !is_totp {
            return Err(Reason::SteamParameters(Field::Type));
        }
        let algorithm = token
            .algo
            .as_deref()
            .ok_or(Reason::Missing(Field::Algorithm))?;
        let digits = token
            .digits
            .as_ref()
            .ok_or(Reason::Missing(Field::Digits))?;
        let period = token
            .period
            .as_ref()
            .ok_or(Reason::Missing(Field::Period))?;
        steam(Some(algorithm), Some(digits), Some(period))?
    } else {
        let algorithm = match &token.algo {
            Some(name) => name.parse::<Algorithm>().map_err(Reason::Param)?,
            None => return Err(Reason::Missing(Field::Algorithm)),
        };
        let digits = required_digits(token.digits.as_ref())?;
        let kind = required_kind(is_totp, token.period.as_ref(), token.counter.as_ref())?;
        (algorithm, digits, kind)
    };
    let values = token.secret.as_ref().ok_or(Reason::NoSecret)?;
    let mut bytes = java_bytes(values).ok_or(Reason::SecretNotBytes)?;
    if bytes.is_empty() {
        return Err(Reason::SecretEmpty);
    }
    let secret = SecretKey::from_bytes(std::mem::take(&mut *bytes));
    Ok((algorithm, digits, kind, secret))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::super::prefs;
    use super::*;
    use crate::accounts::Account;
    use crate::transfer::fixtures::assert_left_out;

    const TOKENS: &str = include_str!("../../../tests/data/import/freeotp-tokens.xml");
    /// RFC 4226's key as Java's bytes.
    const RFC: &str = "[49,50,51,52,53,54,55,56,57,48,49,50,51,52,53,54,55,56,57,48]";

    fn labels(imported: &Imported) -> Vec<String> {
        imported.accounts.iter().map(Account::label).collect()
    }

    /// In tokenOrder's order though the file has them in another; carol under the
    /// name she was given in the app (labelAlt).
    #[test]
    fn reads_tokens_in_their_order_under_the_names_freeotp_showed() {
        let imported = read(&prefs::read_map(TOKENS).unwrap()).unwrap();
        assert_eq!(labels(&imported), crate::transfer::fixtures::LABELS);
        assert_eq!(imported.accounts[4].kind, Kind::Steam);
        assert!(imported.unrepresentable.is_empty() && imported.notes.is_empty());
    }

    fn map(strings: &[(&str, &str)]) -> String {
        let mut text = String::from("<map>");
        for (name, value) in strings {
            let value = value.replace('&', "&amp;").replace('"', "&quot;");
            text.push_str(&format!("<string name=\"{name}\">{value}</string>"));
        }
        text + "</map>"
    }

    /// A token stored as its link (the oldest FreeOTP) is read as a link; one
    /// missing a field Gson always writes, or with a secret that is no bytes, or
    /// text that is neither, is left out with the reason and no secret in it.
    #[test]
    fn links_are_read_and_broken_tokens_left_out() {
        let whole = |extra: &str| {
            format!(
                r#"{{"issuerExt":"X","label":"{extra}","type":"TOTP","algo":"SHA1","digits":6,"counter":0,"period":30,"secret":{RFC}}}"#
            )
        };
        let without = |field: &str| {
            let token: serde_json::Value = serde_json::from_str(&whole(field)).unwrap();
            let mut token = token.as_object().unwrap().clone();
            token.remove(field);
            serde_json::Value::Object(token).to_string()
        };
        let hotp = whole("hotp")
            .replace("\"TOTP\",", "\"HOTP\",")
            .replace("\"counter\":0,", "");
        let bytes = whole("bytes").replace("[49,", "[4900,");
        let text = map(&[
            (
                "link",
                "otpauth://totp/Old:link?secret=GEZDGNBVGY3TQOJQ&issuer=Old",
            ),
            ("type", &without("type")),
            ("algo", &without("algo")),
            ("digits", &without("digits")),
            ("period", &without("period")),
            ("secret", &without("secret")),
            ("hotp", &hotp),
            ("bytes", &bytes),
            ("junk", "GEZDGNBVGY3TQOJQ is not a token"),
        ]);
        let imported = read(&prefs::read_map(&text).unwrap()).unwrap();
        assert_eq!(labels(&imported), ["Old:link"]);
        assert_left_out(
            &imported,
            &[
                ("X:type", "type is missing"),
                ("X:algo", "algorithm is missing"),
                ("X:digits", "digits is missing"),
                ("X:period", "period is missing"),
                ("X:secret", "no secret"),
                ("X:hotp", "no counter"),
                ("X:bytes", "-128..255"),
                ("junk", "not the JSON FreeOTP writes"),
            ],
            "GEZDGNBV",
        );
    }

    #[test]
    fn a_broken_order_is_damage() {
        let text = map(&[("tokenOrder", "[\"A:b\"")]);
        assert!(matches!(
            read(&prefs::read_map(&text).unwrap()),
            Err(ImportError::Malformed {
                problem: Problem::FreeOtpEntry { .. },
                ..
            })
        ));
    }
}
