//! FreeOTP+'s JSON export (`freeotp-backup.json`).
//!
//! FreeOTP+ writes its tokens with Gson, in the shape of FreeOTP's original `Token`
//! class:
//!
//! ```json
//! {"tokenOrder": ["Example:alice"],
//!  "tokens": [{"algo": "SHA1", "counter": 0, "digits": 6, "issuerExt": "Example",
//!              "issuerInt": "Example", "label": "alice", "period": 30,
//!              "secret": [49, 50, -3, ...], "type": "TOTP"}]}
//! ```
//!
//! - `secret` is the raw key as Java's signed bytes (-128..127; 128..255 are read too).
//! - The issuer is `issuerAlt` (a name the user gave it) if set, else `issuerExt` (the
//!   label's prefix), else `issuerInt` (the link's `issuer=`); the name is `labelAlt`
//!   if set, else `label`. This is how FreeOTP+ shows them.
//! - `type`, `algo` (`SHA1`, `SHA256`, `SHA512`), `digits`, `period` and `counter` are
//!   kept exactly; values otp cannot use (MD5, 5 digits, a period of 0) leave the
//!   entry out with the reason. Gson writes every one of these fields (they are never
//!   null in `Token`), so a token without its type, algorithm, digits, period (TOTP)
//!   or counter (HOTP) is damaged and left out with the missing field named, not
//!   read with a guess that could give wrong codes.
//! - FreeOTP+ has no Steam type: it draws Steam Guard codes (Steam's letters) for any
//!   token whose issuer is `Steam`. Such a TOTP token with SHA1, 5 digits and 30
//!   seconds (what Steam's codes are) is a Steam Guard account; one with other
//!   parameters, or a HOTP one, would draw codes no Steam Guard account makes, and
//!   is left out with the reason.
//! - `counter` is the counter of the next code FreeOTP+ would show. FreeOTP+ starts
//!   tokens added from a link one below the link's counter (so at -1 for `counter=0`);
//!   a negative counter is read as 0, the code the service expects first, with a note.
//! - Tokens are put in `tokenOrder`'s order where it names them; other fields
//!   (`image`, `category`, ...) are ignored.

use serde::Deserialize;
use zeroize::Zeroizing;

use super::entry::{Entry, json_period, required_digits, steam, time_based, whole_number};
use super::error::ImportError;
use super::format::Format;
use super::imported::{Field, Imported, Note, Reason, Remark, Unrepresentable};
use crate::code::{Algorithm, Digits, Kind};
use crate::secret::SecretKey;

/// Whether the JSON looks like this format: an object with a `tokens` array and a
/// `tokenOrder` array, or a `tokens` array whose first entry has a byte-array secret.
pub fn looks_like(value: &serde_json::Value) -> bool {
    let Some(tokens) = value.get("tokens").and_then(serde_json::Value::as_array) else {
        return false;
    };
    let ordered = value
        .get("tokenOrder")
        .is_some_and(serde_json::Value::is_array);
    ordered
        || tokens
            .first()
            .and_then(|token| token.get("secret"))
            .is_some_and(serde_json::Value::is_array)
}

/// The whole file.
#[derive(Deserialize)]
struct Backup {
    tokens: Vec<Token>,
    #[serde(default, rename = "tokenOrder")]
    token_order: Option<Vec<String>>,
}

/// One token as the file states it. No `Debug`: it holds the secret.
#[derive(Deserialize)]
struct Token {
    secret: Zeroizing<Vec<i16>>,
    #[serde(default)]
    label: Option<String>,
    #[serde(default, rename = "labelAlt")]
    label_alt: Option<String>,
    #[serde(default, rename = "issuerExt")]
    issuer_ext: Option<String>,
    #[serde(default, rename = "issuerInt")]
    issuer_int: Option<String>,
    #[serde(default, rename = "issuerAlt")]
    issuer_alt: Option<String>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    algo: Option<String>,
    // Numbers are read as JSON values, so one token with 6.5 or "six" is left out
    // with its reason instead of refusing the whole file.
    #[serde(default)]
    digits: Option<serde_json::Value>,
    #[serde(default)]
    period: Option<serde_json::Value>,
    #[serde(default)]
    counter: Option<serde_json::Value>,
}

impl Token {
    /// The issuer FreeOTP+ shows.
    fn issuer(&self) -> &str {
        [&self.issuer_alt, &self.issuer_ext, &self.issuer_int]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .find(|issuer| !issuer.is_empty())
            .unwrap_or("")
    }

    /// The account name FreeOTP+ shows.
    fn name(&self) -> &str {
        self.label_alt
            .as_deref()
            .or(self.label.as_deref())
            .unwrap_or("")
    }

    /// How `tokenOrder` names the token (FreeOTP's `Token.getID`).
    fn ids(&self) -> [String; 3] {
        let label = self.label.as_deref().unwrap_or("");
        let with = |issuer: &Option<String>| match issuer.as_deref() {
            Some(issuer) if !issuer.is_empty() => format!("{issuer}:{label}"),
            _ => label.to_owned(),
        };
        [
            with(&self.issuer_int),
            with(&self.issuer_ext),
            with(&self.issuer_alt),
        ]
    }
}

/// Reads the file.
pub fn read(text: &str) -> Result<Imported, ImportError> {
    let backup: Backup = serde_json::from_str(text)
        .map_err(|error| ImportError::json(Format::FreeOtpPlus, &error))?;
    let mut tokens: Vec<&Token> = backup.tokens.iter().collect();
    if let Some(order) = &backup.token_order {
        // Stable: tokens the order does not name stay after the others, as they were.
        tokens.sort_by_key(|token| {
            let ids = token.ids();
            order
                .iter()
                .position(|id| ids.contains(id))
                .unwrap_or(usize::MAX)
        });
    }
    let mut imported = Imported::default();
    for (position, token) in tokens.into_iter().enumerate() {
        let (name, issuer) = (token.name(), token.issuer());
        match parameters(token) {
            Ok((algorithm, digits, kind, secret, clamped)) => {
                let entry = Entry {
                    name,
                    issuer,
                    algorithm,
                    digits,
                    kind,
                };
                let account = super::entry::account(entry, secret, position);
                if let Some(stored) = clamped {
                    imported.notes.push(Note::new(
                        account.label(),
                        Remark::FreeOtpCounter { stored },
                    ));
                }
                imported.accounts.push(account);
            }
            Err(reason) => imported.unrepresentable.push(Unrepresentable::new(
                super::entry::label(name, issuer, position),
                reason,
            )),
        }
    }
    Ok(imported)
}

/// What [`parameters`] finds: the code parameters, the secret, and the stored
/// counter when a negative one was read as 0.
type Parameters = (Algorithm, Digits, Kind, SecretKey, Option<i64>);

/// The token's code parameters and secret, or why otp cannot use them.
fn parameters(token: &Token) -> Result<Parameters, Reason> {
    let is_totp = time_based(token.kind.as_deref())?;
    // FreeOTP+ computes Steam's letter codes for exactly this issuer.
    let is_steam = token.issuer_ext.as_deref() == Some("Steam") || token.issuer() == "Steam";
    let mut clamped = None;
    let (algorithm, digits, kind) = if is_steam {
        if !is_totp {
            return Err(Reason::SteamParameters(Field::Type));
        }
        steam(
            token.algo.as_deref(),
            token.digits.as_ref(),
            token.period.as_ref(),
        )?
    } else {
        let algorithm = match &token.algo {
            Some(name) => name.parse::<Algorithm>().map_err(Reason::Param)?,
            None => return Err(Reason::Missing(Field::Algorithm)),
        };
        let digits = required_digits(token.digits.as_ref())?;
        let kind = if is_totp {
            let period = match &token.period {
                Some(value) => json_period(value)?,
                None => return Err(Reason::Missing(Field::Period)),
            };
            Kind::Totp { period }
        } else {
            let value = token.counter.as_ref().ok_or(Reason::NoCounter)?;
            // A negative counter (FreeOTP+ stores one below its link's) is read as 0
            // and said (`FreeOtpCounter`).
            let counter = match value.as_i64() {
                Some(stored) if stored < 0 => {
                    clamped = Some(stored);
                    0
                }
                _ => whole_number(value, Field::Counter)?,
            };
            Kind::Hotp { counter }
        };
        (algorithm, digits, kind)
    };
    let mut bytes = Zeroizing::new(Vec::with_capacity(token.secret.len()));
    for value in token.secret.iter() {
        // Java's signed bytes; unsigned values are accepted as well.
        let byte = i8::try_from(*value)
            .map(|signed| signed.to_le_bytes()[0])
            .or_else(|_| u8::try_from(*value))
            .map_err(|_| Reason::SecretNotBytes)?;
        bytes.push(byte);
    }
    if bytes.is_empty() {
        return Err(Reason::SecretEmpty);
    }
    let secret = SecretKey::from_bytes(std::mem::take(&mut *bytes));
    Ok((algorithm, digits, kind, secret, clamped))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::Account;
    use crate::code::Period;
    use crate::transfer::fixtures::{assert_left_out, assert_mistyped_digits_left_out};

    /// RFC 4226/6238's SHA1 seed "12345678901234567890" as bytes.
    const RFC: &str = "[49,50,51,52,53,54,55,56,57,48,49,50,51,52,53,54,55,56,57,48]";

    /// A FreeOTP+ export as Gson writes its `SavedTokens` (field names from FreeOTP+'s
    /// legacy `Token` class), `tokenOrder` differing from the `tokens` order.
    fn sample() -> String {
        format!(
            r#"{{"tokenOrder":["Example:alice","Signed:bytes","Forge:dave","Int:erin",
  "Orig:frank"],
 "tokens":[
  {{"algo":"SHA256","counter":0,"digits":7,"issuerExt":"Signed","issuerInt":"Signed",
    "label":"bytes","period":45,"secret":[-5,-17,-66,-1,-1,-1,-128,1,127,0],
    "type":"TOTP"}},
  {{"algo":"SHA1","counter":0,"digits":8,"issuerExt":"Example","issuerInt":"Example",
    "label":"alice","period":30,"secret":{RFC},"type":"TOTP","image":"content://x",
    "category":"work","alias":"","iconKey":"x"}},
  {{"algo":"SHA1","counter":-1,"digits":6,"issuerExt":"Forge","label":"dave",
    "period":30,"secret":{RFC},"type":"HOTP"}},
  {{"algo":"SHA1","counter":5,"digits":6,"issuerExt":"","issuerInt":"Int",
    "label":"erin","period":30,"secret":{RFC},"type":"HOTP"}},
  {{"algo":"SHA1","counter":0,"digits":6,"issuerExt":"Orig","issuerAlt":"Renamed",
    "label":"frank","labelAlt":"franky","period":30,"secret":{RFC},"type":"TOTP"}},
  {{"algo":"SHA1","counter":0,"digits":5,"issuerExt":"Steam","label":"gamer",
    "period":30,"secret":{RFC},"type":"TOTP"}},
  {{"algo":"SHA1","counter":0,"digits":6,"issuerExt":"Steam","label":"six",
    "period":30,"secret":{RFC},"type":"TOTP"}},
  {{"algo":"SHA1","counter":3,"digits":5,"issuerExt":"Steam","label":"counted",
    "period":30,"secret":{RFC},"type":"HOTP"}},
  {{"algo":"MD5","counter":0,"digits":6,"issuerExt":"Legacy","label":"md5",
    "period":30,"secret":{RFC},"type":"TOTP"}},
  {{"algo":"SHA1","counter":0,"digits":9,"issuerExt":"Long","label":"nine",
    "period":30,"secret":{RFC},"type":"TOTP"}},
  {{"algo":"SHA1","counter":0,"digits":6,"issuerExt":"Zero","label":"period",
    "period":0,"secret":{RFC},"type":"TOTP"}},
  {{"algo":"SHA1","counter":0,"digits":6,"issuerExt":"Day","label":"long",
    "period":86401,"secret":{RFC},"type":"TOTP"}},
  {{"algo":"SHA1","counter":0,"digits":6,"issuerExt":"Big","label":"byte",
    "period":30,"secret":[1,256],"type":"TOTP"}},
  {{"algo":"SHA1","counter":0,"digits":6,"issuerExt":"None","label":"empty",
    "period":30,"secret":[],"type":"TOTP"}},
  {{"algo":"SHA1","digits":6,"issuerExt":"Odd","label":"type",
    "period":30,"secret":{RFC},"type":"YUBIKEY"}}
 ]}}"#
        )
    }

    #[test]
    fn reads_an_export_in_token_order_and_keeps_every_parameter() {
        let text = sample();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(looks_like(&value));
        let imported = read(&text).unwrap();
        let labels: Vec<String> = imported.accounts.iter().map(Account::label).collect();
        assert_eq!(
            labels,
            [
                "Example:alice",
                "Signed:bytes",
                "Forge:dave",
                "Int:erin",
                "Renamed:franky",
                "Steam:gamer"
            ]
        );
        let [alice, signed, dave, erin, frank, gamer] = imported.accounts.as_slice() else {
            unreachable!()
        };
        assert_eq!(alice.secret.expose(), b"12345678901234567890");
        assert_eq!(alice.code_at(59).code().as_str(), "94287082");
        // Signed bytes: checked with
        // `oathtool --totp=SHA256 -d 7 -s 45 fbefbeffffff80017f00 -N "1970-01-01 00:01:40 UTC"`.
        assert_eq!(
            signed.secret.expose(),
            [0xfb, 0xef, 0xbe, 0xff, 0xff, 0xff, 0x80, 0x01, 0x7f, 0x00]
        );
        assert_eq!(signed.algorithm, Algorithm::Sha256);
        assert_eq!(signed.digits, Digits::new(7).unwrap());
        assert_eq!(
            signed.kind,
            Kind::Totp {
                period: Period::new(45).unwrap()
            }
        );
        assert_eq!(signed.code_at(100).code().as_str(), "0344482");
        // FreeOTP+'s -1 is read as 0: RFC 4226's first code.
        assert_eq!(dave.kind, Kind::Hotp { counter: 0 });
        assert_eq!(dave.code_at(0).code().as_str(), "755224");
        assert_eq!(erin.kind, Kind::Hotp { counter: 5 });
        assert_eq!(frank.name, "franky");
        // A 5-digit SHA1 TOTP token of the issuer Steam: FreeOTP+ shows Steam Guard
        // codes for it. At T = 59: RFC 4226's truncated 1094287082 in Steam's
        // alphabet (tests/data/steam_guard.py).
        assert_eq!(gamer.kind, Kind::Steam);
        assert_eq!(gamer.code_at(59).code().as_str(), "PV9M4");
        let [note] = imported.notes.as_slice() else {
            panic!("{:?}", imported.notes);
        };
        assert_eq!(note.label, "Forge:dave");
        assert!(note.text.contains("-1"), "{}", note.text);
    }

    #[test]
    fn tokens_otp_cannot_take_are_left_out_with_reasons() {
        let imported = read(&sample()).unwrap();
        let expected = [
            ("Steam:six", "Steam Guard entry, but its digits"),
            ("Steam:counted", "Steam Guard entry, but its type"),
            ("Legacy:md5", "unknown algorithm \"MD5\""),
            ("Long:nine", "9 digits is not supported"),
            ("Zero:period", "a period of \"0\" seconds"),
            ("Day:long", "a period of \"86401\" seconds"),
            ("Big:byte", "outside -128..255"),
            ("None:empty", "empty"),
            ("Odd:type", "\"YUBIKEY\""),
        ];
        assert_left_out(&imported, &expected, "49,50");
    }

    /// Without `tokenOrder`, tokens keep the file's order; a token missing a field
    /// Gson always writes is left out with the field named, never guessed.
    #[test]
    fn missing_order_keeps_the_file_and_missing_fields_leave_the_token_out() {
        let whole = r#""type":"TOTP","algo":"SHA256","digits":8,"period":30,"counter":0"#;
        let mut tokens = vec![
            format!(r#"{{"secret":{RFC},"label":"b",{whole}}}"#),
            format!(r#"{{"secret":{RFC},"label":"a","issuerExt":"X",{whole}}}"#),
        ];
        for field in ["type", "algo", "digits", "period"] {
            let kept: Vec<&str> = whole
                .split(',')
                .filter(|pair| !pair.starts_with(&format!("\"{field}\"")))
                .collect();
            tokens.push(format!(
                r#"{{"secret":{RFC},"label":"{field}","issuerExt":"No",{}}}"#,
                kept.join(",")
            ));
        }
        tokens.push(format!(
            r#"{{"secret":{RFC},"label":"counter","issuerExt":"No","type":"HOTP","algo":"SHA1","digits":6,"period":30}}"#
        ));
        let text = format!(r#"{{"tokens":[{}]}}"#, tokens.join(","));
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(looks_like(&value));
        let imported = read(&text).unwrap();
        let labels: Vec<String> = imported.accounts.iter().map(Account::label).collect();
        assert_eq!(labels, ["b", "X:a"]);
        assert_eq!(imported.accounts[0].algorithm, Algorithm::Sha256);
        assert_eq!(
            imported.left_out(),
            [
                ("No:type", &Reason::Missing(Field::Type)),
                ("No:algo", &Reason::Missing(Field::Algorithm)),
                ("No:digits", &Reason::Missing(Field::Digits)),
                ("No:period", &Reason::Missing(Field::Period)),
                ("No:counter", &Reason::NoCounter),
            ]
        );
    }

    #[test]
    fn detection() {
        for yes in [
            serde_json::json!({"tokens": [], "tokenOrder": []}),
            serde_json::json!({"tokens": [{"secret": [1, 2]}]}),
        ] {
            assert!(looks_like(&yes), "{yes}");
        }
        for no in [
            serde_json::json!({"tokens": []}),
            serde_json::json!({"tokens": {"a": 1}, "tokenOrder": []}),
            serde_json::json!([{"secret": "A", "label": "b"}]),
            serde_json::json!({"services": [], "schemaVersion": 4}),
            serde_json::json!({"tokens": [{"secret": "ABC"}]}),
        ] {
            assert!(!looks_like(&no), "{no}");
        }
    }

    #[test]
    fn truncated_files_are_malformed_and_a_mistyped_number_leaves_its_token_out() {
        // A number of the wrong shape leaves only its token out (quoted only when it
        // is a number: a string there could be the secret).
        let token = |label: &str, digits: &str| {
            format!(
                r#"{{"algo":"SHA1","digits":{digits},"label":"{label}","period":30,"secret":{RFC},"type":"TOTP"}}"#
            )
        };
        let file = format!(
            r#"{{"tokens":[{},{},{}]}}"#,
            token("ok", "6"),
            token("half", "6.5"),
            token("text", "\"GEZDGNBVGY3TQOJQ\"")
        );
        assert_mistyped_digits_left_out(&read(&file).unwrap(), "GEZDGNBV");
        let text = sample();
        for cut in 0..text.len() {
            let Some(prefix) = text.get(..cut) else {
                continue;
            };
            match read(prefix) {
                Err(ImportError::Malformed {
                    format: Format::FreeOtpPlus,
                    problem: detail,
                }) => assert!(!detail.to_string().contains("49,50"), "{detail}"),
                other => panic!("{cut}: {other:?}"),
            }
        }
        for bad in [
            r#"{"tokens":[{"secret":"GEZDGNBVGY3TQOJQ"}]}"#,
            r#"{"tokens":[{"secret":[1,99999]}]}"#,
            r#"{"tokenOrder":[]}"#,
        ] {
            match read(bad) {
                Err(ImportError::Malformed {
                    problem: detail, ..
                }) => {
                    assert!(
                        !detail.to_string().contains("GEZDGNBV")
                            && !detail.to_string().contains("99999"),
                        "{detail}"
                    )
                }
                other => panic!("{bad}: {other:?}"),
            }
        }
    }
}
