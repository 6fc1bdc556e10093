//! andOTP's plain (unencrypted) JSON backup.
//!
//! The file is a JSON array with one object per account, as andOTP's `Entry.toJSON`
//! writes it:
//!
//! ```json
//! [{"secret": "GEZDGNBVGY3TQOJQ", "issuer": "Example", "label": "alice",
//!   "digits": 6, "type": "TOTP", "algorithm": "SHA1", "period": 30,
//!   "thumbnail": "Default", "last_used": 0, "used_frequency": 0, "tags": []}]
//! ```
//!
//! - `secret` is base32; `label` is the account name. Both are required, as andOTP
//!   itself requires them.
//! - `type` is `TOTP`, `HOTP` or `STEAM`; `period` belongs to TOTP and `counter` to
//!   HOTP; `algorithm` is `SHA1`, `SHA256` or `SHA512`. `Entry.toJSON` always
//!   writes `type`, `digits` and `algorithm`, and `period` (TOTP) or `counter`
//!   (HOTP), so an entry without one of them is left out with the reason: andOTP's
//!   own reader would fill in TOTP, 6 digits, SHA1 and 30 seconds, but a file that
//!   lost the field is damaged and a guess could give wrong codes.
//! - Backups older than andOTP 0.7 have no `issuer`: the label then holds
//!   `Issuer:name`, and is split at its first colon.
//! - `thumbnail`, `last_used`, `used_frequency`, `tags` and anything else are ignored.
//!
//! A `STEAM` entry is a Steam Guard account (andOTP writes it with SHA1, 5 digits
//! and a period of 30 seconds; other values would give other codes and leave the
//! entry out). An unknown type or algorithm, and parameters outside what otp
//! supports, leave that entry out with the reason. The HOTP counter is taken as it
//! is: the counter of the code andOTP shows.

use serde::Deserialize;
use zeroize::Zeroizing;

use super::entry::{Entry, required_digits, required_kind, steam, time_based};
use super::error::ImportError;
use super::format::Format;
use super::imported::{Field, Imported, Reason, Unrepresentable};
use crate::code::{Algorithm, Digits, Kind};
use crate::secret::SecretKey;

/// Whether the JSON looks like this format: a non-empty array of objects that all
/// have the two fields andOTP cannot do without, a `secret` and a `label` string.
pub fn looks_like(value: &serde_json::Value) -> bool {
    value.as_array().is_some_and(|entries| {
        !entries.is_empty()
            && entries.iter().all(|entry| {
                entry
                    .get("secret")
                    .is_some_and(serde_json::Value::is_string)
                    && entry.get("label").is_some_and(serde_json::Value::is_string)
            })
    })
}

/// One entry as the file states it. No `Debug`: it holds the secret.
#[derive(Deserialize)]
struct RawEntry {
    secret: Zeroizing<String>,
    label: String,
    #[serde(default)]
    issuer: Option<String>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    algorithm: Option<String>,
    // Numbers are read as JSON values, so one entry with 6.5 or "six" is left out
    // with its reason instead of refusing the whole file.
    #[serde(default)]
    digits: Option<serde_json::Value>,
    #[serde(default)]
    period: Option<serde_json::Value>,
    #[serde(default)]
    counter: Option<serde_json::Value>,
}

/// Reads the file.
pub fn read(text: &str) -> Result<Imported, ImportError> {
    let entries: Vec<RawEntry> =
        serde_json::from_str(text).map_err(|error| ImportError::json(Format::AndOtp, &error))?;
    let mut imported = Imported::default();
    for (position, entry) in entries.iter().enumerate() {
        let (issuer, name) = match (&entry.issuer, entry.label.split_once(':')) {
            (None, Some((issuer, name))) => (issuer, name),
            (issuer, _) => (issuer.as_deref().unwrap_or(""), entry.label.as_str()),
        };
        match parameters(entry) {
            Ok((algorithm, digits, kind, secret)) => {
                let entry = Entry {
                    name,
                    issuer,
                    algorithm,
                    digits,
                    kind,
                };
                imported
                    .accounts
                    .push(super::entry::account(entry, secret, position));
            }
            Err(reason) => imported.unrepresentable.push(Unrepresentable::new(
                super::entry::label(name, issuer, position),
                reason,
            )),
        }
    }
    Ok(imported)
}

/// The entry's code parameters and secret, or why otp cannot use them.
fn parameters(entry: &RawEntry) -> Result<(Algorithm, Digits, Kind, SecretKey), Reason> {
    if entry
        .kind
        .as_deref()
        .is_some_and(|name| name.eq_ignore_ascii_case("STEAM"))
    {
        let (algorithm, digits, kind) = steam(
            entry.algorithm.as_deref(),
            entry.digits.as_ref(),
            entry.period.as_ref(),
        )?;
        let secret = SecretKey::parse_base32(&entry.secret).map_err(Reason::SecretUnusable)?;
        return Ok((algorithm, digits, kind, secret));
    }
    let is_totp = time_based(entry.kind.as_deref())?;
    let algorithm = match &entry.algorithm {
        Some(name) => name.parse::<Algorithm>().map_err(Reason::Param)?,
        None => return Err(Reason::Missing(Field::Algorithm)),
    };
    let digits = required_digits(entry.digits.as_ref())?;
    let kind = required_kind(is_totp, entry.period.as_ref(), entry.counter.as_ref())?;
    let secret = SecretKey::parse_base32(&entry.secret).map_err(Reason::SecretUnusable)?;
    Ok((algorithm, digits, kind, secret))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::Account;
    use crate::code::Period;
    use crate::transfer::fixtures::{assert_left_out, assert_mistyped_digits_left_out};

    /// RFC 6238's seeds in base32, padded the way andOTP (Apache Commons Base32) pads.
    const SHA1_SEED: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    const SHA256_SEED: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA====";
    const SHA512_SEED: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\
        GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA=";

    /// An andOTP backup as `Entry.toJSON` writes it (field names from andOTP's
    /// `Entry.java`), plus an entry of a backup older than 0.7 (no issuer) and
    /// entries otp cannot take.
    fn sample() -> String {
        format!(
            r#"[
  {{"secret":"{SHA1_SEED}","issuer":"Example","label":"alice@example.com","digits":8,
    "type":"TOTP","algorithm":"SHA1","thumbnail":"Default","last_used":1700000000000,
    "used_frequency":3,"period":30,"tags":["work"]}},
  {{"secret":"{SHA256_SEED}","issuer":"ACME Co","label":"bob","digits":8,"type":"TOTP",
    "algorithm":"SHA256","thumbnail":"Default","last_used":0,"used_frequency":0,
    "period":30,"tags":[]}},
  {{"secret":"{SHA512_SEED}","issuer":"Bank","label":"Bank:carol","digits":8,
    "type":"TOTP","algorithm":"SHA512","thumbnail":"Default","last_used":0,
    "used_frequency":0,"period":60,"tags":[]}},
  {{"secret":"{SHA1_SEED}","issuer":"Forge","label":"dave","digits":6,"type":"HOTP",
    "algorithm":"SHA1","thumbnail":"Default","last_used":0,"used_frequency":0,
    "counter":1,"tags":[]}},
  {{"secret":"{SHA1_SEED}","label":"Old Service:erin","digits":6,"type":"TOTP",
    "algorithm":"SHA1","thumbnail":"Default","last_used":0,"period":30,"tags":[]}},
  {{"secret":"{SHA1_SEED}","issuer":"Steam","label":"gamer","digits":5,"type":"STEAM",
    "algorithm":"SHA1","thumbnail":"Steam","last_used":0,"used_frequency":0,"tags":[]}},
  {{"secret":"{SHA1_SEED}","issuer":"Steam","label":"six","digits":6,"type":"STEAM",
    "algorithm":"SHA1","period":30}},
  {{"secret":"{SHA1_SEED}","issuer":"Legacy","label":"md5","digits":6,"type":"TOTP",
    "algorithm":"MD5","period":30}},
  {{"secret":"{SHA1_SEED}","issuer":"Short","label":"five","digits":5,"type":"TOTP",
    "algorithm":"SHA1","period":30}},
  {{"secret":"{SHA1_SEED}","issuer":"Zero","label":"period","digits":6,"type":"TOTP",
    "algorithm":"SHA1","period":0}},
  {{"secret":"{SHA1_SEED}","issuer":"Forge","label":"nocounter","type":"HOTP",
    "algorithm":"SHA1","digits":6}},
  {{"secret":"GEZDGNB0","issuer":"Typo","label":"secret","type":"TOTP",
    "algorithm":"SHA1","digits":6,"period":30}}
]"#
        )
    }

    #[test]
    fn reads_a_backup_and_the_codes_match_the_rfc_vectors() {
        let text = sample();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(looks_like(&value));
        let imported = read(&text).unwrap();
        let labels: Vec<String> = imported.accounts.iter().map(Account::label).collect();
        assert_eq!(
            labels,
            [
                "Example:alice@example.com",
                "ACME Co:bob",
                "Bank:carol",
                "Forge:dave",
                "Old Service:erin",
                "Steam:gamer"
            ]
        );
        let [alice, bob, carol, dave, erin, gamer] = imported.accounts.as_slice() else {
            unreachable!()
        };
        // RFC 6238 appendix B at T = 59 (SHA1, SHA256) and RFC 4226 at counter 1.
        assert_eq!(alice.code_at(59).code().as_str(), "94287082");
        assert_eq!(bob.code_at(59).code().as_str(), "46119246");
        assert_eq!(dave.kind, Kind::Hotp { counter: 1 });
        assert_eq!(dave.code_at(0).code().as_str(), "287082");
        // A 60 s period is kept: at T = 119 the step is 1, RFC 6238's T = 59 step.
        assert_eq!(
            carol.kind,
            Kind::Totp {
                period: Period::new(60).unwrap()
            }
        );
        assert_eq!(carol.code_at(119).code().as_str(), "90693936");
        assert_eq!(erin.secret, alice.secret);
        // A STEAM entry is a Steam Guard account: at T = 59 the code of RFC 4226's
        // truncated value 1094287082 in Steam's alphabet (tests/data/steam_guard.py).
        assert_eq!(gamer.kind, Kind::Steam);
        assert_eq!(gamer.digits, Digits::STEAM);
        assert_eq!(gamer.code_at(59).code().as_str(), "PV9M4");
        assert!(imported.notes.is_empty());
    }

    #[test]
    fn entries_otp_cannot_take_are_left_out_with_reasons() {
        let imported = read(&sample()).unwrap();
        let expected = [
            ("Steam:six", "Steam Guard entry, but its digits"),
            ("Legacy:md5", "unknown algorithm \"MD5\""),
            ("Short:five", "5 digits is not supported"),
            ("Zero:period", "a period of \"0\" seconds"),
            ("Forge:nocounter", "no counter"),
            ("Typo:secret", "letter O"),
        ];
        assert_left_out(&imported, &expected, "GEZDGNB");
    }

    /// andOTP always writes the type, algorithm, digits and period (TOTP): an
    /// entry without one is left out with the field named, never read with a
    /// guessed default; the whole entries are read.
    #[test]
    fn an_entry_missing_a_field_that_decides_its_codes_is_left_out() {
        let whole = r#""type":"TOTP","algorithm":"SHA256","digits":8,"period":30"#;
        let mut entries = vec![format!(
            r#"{{"secret":"{SHA1_SEED}","issuer":"Whole","label":"plain",{whole}}}"#
        )];
        for field in ["type", "algorithm", "digits", "period"] {
            let kept: Vec<&str> = whole
                .split(',')
                .filter(|pair| !pair.starts_with(&format!("\"{field}\"")))
                .collect();
            entries.push(format!(
                r#"{{"secret":"{SHA1_SEED}","issuer":"No","label":"{field}",{}}}"#,
                kept.join(",")
            ));
        }
        let imported = read(&format!("[{}]", entries.join(","))).unwrap();
        let labels: Vec<String> = imported.accounts.iter().map(Account::label).collect();
        assert_eq!(labels, ["Whole:plain"]);
        assert_eq!(imported.accounts[0].algorithm, Algorithm::Sha256);
        assert_eq!(
            imported.left_out(),
            [
                ("No:type", &Reason::Missing(Field::Type)),
                ("No:algorithm", &Reason::Missing(Field::Algorithm)),
                ("No:digits", &Reason::Missing(Field::Digits)),
                ("No:period", &Reason::Missing(Field::Period)),
            ]
        );
    }

    #[test]
    fn detection_wants_secret_and_label_in_every_object() {
        let yes = serde_json::json!([{"secret": "A", "label": "b", "type": "TOTP"}]);
        assert!(looks_like(&yes));
        for no in [
            serde_json::json!([]),
            serde_json::json!({"secret": "A", "label": "b"}),
            serde_json::json!([{"secret": "A"}]),
            serde_json::json!([{"secret": "A", "label": "b"}, {"name": "c"}]),
            serde_json::json!([{"secret": [1, 2], "label": "b"}]),
            serde_json::json!({"tokens": [], "tokenOrder": []}),
        ] {
            assert!(!looks_like(&no), "{no}");
        }
    }

    #[test]
    fn truncated_files_are_malformed_and_a_mistyped_number_leaves_its_entry_out() {
        let text = sample();
        let text = text.trim_end();
        for cut in 0..text.len() {
            let Some(prefix) = text.get(..cut) else {
                continue;
            };
            match read(prefix) {
                Err(ImportError::Malformed {
                    format: Format::AndOtp,
                    problem: detail,
                }) => assert!(!detail.to_string().contains("GEZDGNB"), "{detail}"),
                other => panic!("{cut}: {other:?}"),
            }
        }
        // A number of the wrong shape leaves that entry out (the value quoted only
        // when it is a number: a string there could be the secret); the rest is read.
        let entry = |label: &str, digits: &str| {
            format!(
                r#"{{"secret":"{SHA1_SEED}","label":"{label}","type":"TOTP","algorithm":"SHA1","period":30,"digits":{digits}}}"#
            )
        };
        let mistyped = format!(
            "[{},{},{}]",
            entry("ok", "6"),
            entry("half", "6.5"),
            entry("text", &format!("\"{SHA1_SEED}\""))
        );
        assert_mistyped_digits_left_out(&read(&mistyped).unwrap(), "GEZDGNB");
        match read(r#"[{"label":"x"}]"#) {
            Err(ImportError::Malformed {
                problem: detail, ..
            }) => {
                assert!(detail.to_string().contains("\"secret\""), "{detail}")
            }
            other => panic!("{other:?}"),
        }
        let cut_short = &text[..text.len() / 2];
        match read(cut_short) {
            Err(ImportError::Malformed {
                problem: detail, ..
            }) => {
                assert!(detail.to_string().contains("cut short"), "{detail}")
            }
            other => panic!("{other:?}"),
        }
    }
}
