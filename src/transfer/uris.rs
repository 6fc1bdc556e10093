//! A text file of `otpauth://` links, one per line.
//!
//! Blank lines and lines starting with `#` are ignored. Each link is read by
//! [`crate::otpauth::parse`], so the rules written there (`+` in a value is a space,
//! colons in the label, unknown parameters ignored, ...) hold here too; what it warns
//! about becomes a [`Note`]. `otpauth://steam/` links are Steam Guard accounts. A
//! well-formed link for codes otp does not make (a `motp` or other type, MD5, 5
//! digits, a Steam link with other parameters than Steam's, ...) is left out with its
//! reason and the rest is read; a line that is not a well-formed link stops the
//! import. A Google Authenticator export link (`otpauth-migration://`) on a line of
//! its own is read as well, with [`super::google::read`]; so is a Steam Guard key
//! written `steam://SECRET` (as Bitwarden keeps one), which names no account: it is
//! named after its issuer, Steam, as an unnamed entry of any format is.
//!
//! [`write`](fn@write) writes the same format, which [`read`] reads back unchanged.

use percent_encoding::percent_decode_str;
use zeroize::Zeroizing;

use super::entry::Entry;
use super::error::{ImportError, Problem};
use super::format::Format;
use super::imported::{Field, Imported, Note, Reason, Remark, Scheme, Unrepresentable};
use crate::accounts::Account;
use crate::code::{Algorithm, Digits, Kind};
use crate::otpauth::{self, OtpAuthUri, UriError};

/// Reads every `otpauth://` link in the text.
///
/// A link for codes otp cannot make is left out, named with its reason; a line
/// that is not a well-formed link stops the import with an error naming the line
/// and the reason, so nothing is silently dropped.
pub fn read(text: &str) -> Result<Imported, ImportError> {
    let mut imported = Imported::default();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let is_migration = line
            .get(.."otpauth-migration:".len())
            .is_some_and(|scheme| scheme.eq_ignore_ascii_case("otpauth-migration:"));
        if is_migration {
            let batch = super::google::read(line).map_err(|error| match error {
                ImportError::Malformed { problem, .. } => ImportError::Malformed {
                    format: Format::Google,
                    problem: Problem::AtLine {
                        line: number,
                        problem: Box::new(problem),
                    },
                },
                other => other,
            })?;
            imported.extend(batch);
            continue;
        }
        if let Some(key) = otpauth::steam_key(line) {
            let secret = key.map_err(|error| ImportError::Malformed {
                format: Format::Uris,
                problem: Problem::Link {
                    line: number,
                    error: UriError::Secret(error),
                },
            })?;
            let entry = Entry {
                name: "",
                issuer: otpauth::STEAM_KEY_ISSUER,
                algorithm: Algorithm::Sha1,
                digits: Digits::STEAM,
                kind: Kind::Steam,
            };
            imported
                .accounts
                .push(super::entry::account(entry, secret, index));
            continue;
        }
        match parse_link(line) {
            Ok((account, remarks)) => {
                imported.notes.extend(
                    remarks
                        .into_iter()
                        .map(|remark| Note::new(account.label(), remark)),
                );
                imported.accounts.push(account);
            }
            Err(Refused::Unrepresentable(why)) => imported
                .unrepresentable
                .push(Unrepresentable::new(label_of(line, number), why)),
            Err(Refused::Broken(error)) => {
                return Err(ImportError::Malformed {
                    format: Format::Uris,
                    problem: Problem::Link {
                        line: number,
                        error,
                    },
                });
            }
        }
    }
    Ok(imported)
}

/// Why a link gives no account.
enum Refused {
    /// A well-formed link for codes otp cannot make.
    Unrepresentable(Reason),
    /// Not a well-formed link.
    Broken(UriError),
}

/// One link: the account and the remarks about it, or why it gives none.
fn parse_link(link: &str) -> Result<(Account, Vec<Remark>), Refused> {
    let parsed = otpauth::parse(link).map_err(|error| match unrepresentable(&error) {
        Some(why) => Refused::Unrepresentable(why),
        None => Refused::Broken(error),
    })?;
    let uri = parsed.uri;
    let account = Account {
        name: uri.account,
        issuer: uri.issuer,
        secret: uri.secret,
        algorithm: uri.algorithm,
        digits: uri.digits,
        kind: uri.kind,
    };
    let remarks = parsed.warnings.into_iter().map(Remark::from).collect();
    Ok((account, remarks))
}

/// The link inside another format's entry (a Bitwarden item's TOTP key, a Proton
/// Authenticator entry), read as a line of a list of links is: the account and the
/// remarks about it, or why the entry is left out. Unlike a line of a list, a link
/// that is not well formed is only that entry's reason ([`Reason::Link`]): one
/// entry never sinks the file.
pub(crate) fn read_link(link: &str) -> Result<(Account, Vec<Remark>), Reason> {
    parse_link(link).map_err(|refused| match refused {
        Refused::Unrepresentable(why) => why,
        Refused::Broken(error) => Reason::Link(error),
    })
}

/// A link's label, percent-decoded and cleaned as every format's names are, or
/// `None` when it has none: how a left-out link is named (never by its secret,
/// which is in the query).
pub(crate) fn link_label(link: &str) -> Option<String> {
    let decoded = link
        .split_once("://")
        .and_then(|(_, rest)| rest.split_once('/'))
        .map(|(_, rest)| rest.split(['?', '#']).next().unwrap_or_default())
        .map(|raw| percent_decode_str(raw).decode_utf8_lossy().into_owned())?;
    let visible = decoded
        .chars()
        .any(|c| !c.is_control() && !c.is_whitespace());
    visible.then(|| super::entry::label(&decoded, "", 0))
}

/// Why a well-formed link cannot become an account, or `None` when the link itself
/// is broken.
fn unrepresentable(error: &UriError) -> Option<Reason> {
    match error {
        UriError::UnknownType(name) => Some(match name.to_ascii_lowercase().as_str() {
            "motp" => Reason::Unsupported(Scheme::Motp),
            "yaotp" | "yandex" => Reason::Unsupported(Scheme::Yandex),
            _ => Reason::UnknownType { name: name.clone() },
        }),
        UriError::Param { source, .. } => Some(Reason::Param(source.clone())),
        UriError::SteamParam { name } => Some(Reason::SteamParameters(match *name {
            "algorithm" => Field::Algorithm,
            "digits" => Field::Digits,
            _ => Field::Period,
        })),
        _ => None,
    }
}

/// How the report names a link left out: its label ([`link_label`]), or the line's
/// number when it has none.
fn label_of(line: &str, number: usize) -> String {
    link_label(line).unwrap_or_else(|| format!("#{number}"))
}

/// One `otpauth://` link per account, one per line.
pub fn write(accounts: &[Account]) -> Zeroizing<String> {
    let lines: Vec<Zeroizing<String>> = accounts
        .iter()
        .map(|account| {
            OtpAuthUri {
                account: account.name.clone(),
                issuer: account.issuer.clone(),
                secret: account.secret.clone(),
                algorithm: account.algorithm,
                digits: account.digits,
                kind: account.kind,
            }
            .to_uri()
        })
        .collect();
    // Sized up front so the buffer is never reallocated (which would leave an
    // unzeroized copy of the secrets behind).
    let mut text = Zeroizing::new(String::with_capacity(
        lines.iter().map(|line| line.len() + 1).sum(),
    ));
    for line in &lines {
        text.push_str(line);
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::CurrentCode;
    use crate::code::{Algorithm, Digits, Kind, Period};
    use crate::secret::SecretKey;

    fn code_at(account: &Account, time: u64) -> String {
        match account.code_at(time) {
            CurrentCode::Totp(totp) => totp.code.as_str().to_owned(),
            CurrentCode::Hotp { code, .. } => code.as_str().to_owned(),
        }
    }

    #[test]
    fn reads_links_skipping_blanks_and_comments() {
        // GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ is base32 of RFC 6238's "12345678901234567890".
        let text = "\
# exported by hand
otpauth://totp/Example:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Example&digits=8

   \t
  otpauth://hotp/carol?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=1  \r
otpauth://totp/Other:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=AT%26T&period=60
";
        let imported = read(text).unwrap();
        let [alice, carol, bob] = imported.accounts.as_slice() else {
            panic!("{imported:?}");
        };
        assert_eq!(alice.label(), "Example:alice");
        assert_eq!(code_at(alice, 59), "94287082");
        assert_eq!(carol.kind, Kind::Hotp { counter: 1 });
        assert_eq!(code_at(carol, 0), "287082");
        assert_eq!(bob.issuer.as_deref(), Some("AT&T"));
        // RFC 6238's SHA1 seed at 60 s: T = 59 is step 0, whose code is HOTP(0).
        assert_eq!(code_at(bob, 59), "755224");
        // The issuer mismatch is reported against the account it concerns.
        let [note] = imported.notes.as_slice() else {
            panic!("{:?}", imported.notes);
        };
        assert_eq!(note.label, "AT&T:bob");
        assert!(note.text.contains("Other"), "{}", note.text);
        assert!(imported.unrepresentable.is_empty());
    }

    /// One entry never sinks the file: links for codes otp does not make are left
    /// out, each named with its reason, and the others are read.
    #[test]
    fn links_otp_cannot_make_are_left_out_and_the_rest_is_read() {
        let text = "\
otpauth://totp/Example:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Example
otpauth://steam/Steam:gamer?secret=GEZDGNBVGY3TQOJQ&issuer=Steam
otpauth://steam/Steam:six?secret=GEZDGNBVGY3TQOJQ&issuer=Steam&digits=6
otpauth://totp/Old:md5?secret=GEZDGNBVGY3TQOJQ&algorithm=MD5
otpauth://totp/Short:five?secret=GEZDGNBVGY3TQOJQ&digits=5
otpauth://motp/?secret=GEZDGNBVGY3TQOJQ
otpauth://hotp/carol?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=1
";
        let imported = read(text).unwrap();
        let labels: Vec<String> = imported.accounts.iter().map(Account::label).collect();
        assert_eq!(labels, ["Example:alice", "Steam:gamer", "carol"]);
        assert_eq!(imported.accounts[1].kind, Kind::Steam);
        assert_eq!(
            imported.left_out(),
            [
                ("Steam:six", &Reason::SteamParameters(Field::Digits)),
                (
                    "Old:md5",
                    &Reason::Param(crate::code::ParamError::UnknownAlgorithm("MD5".into()))
                ),
                (
                    "Short:five",
                    &Reason::Param(crate::code::ParamError::Digits("5".into()))
                ),
                ("#6", &Reason::Unsupported(Scheme::Motp)),
            ]
        );
        for entry in &imported.unrepresentable {
            assert!(!entry.reason.contains("GEZDGNBV"), "{}", entry.reason);
        }
    }

    #[test]
    fn a_bad_line_names_its_number_and_reason_but_not_the_secret() {
        let text = "otpauth://totp/a?secret=GEZDGNBVGY3TQOJQ\n\n\
                    otpauth://totp/b?secret=GEZDGNBVGY3TQOJ0&algorithm=SHA1";
        match read(text) {
            Err(ImportError::Malformed {
                format: Format::Uris,
                problem: detail,
            }) => {
                assert!(detail.to_string().starts_with("line 3: "), "{detail}");
                assert!(detail.to_string().contains("letter O"), "{detail}");
                assert!(!detail.to_string().contains("GEZDGNBV"), "{detail}");
            }
            other => panic!("{other:?}"),
        }
        for bad in ["hello", "otpauth://totp/x"] {
            assert!(
                matches!(read(bad), Err(ImportError::Malformed { .. })),
                "{bad}"
            );
        }
    }

    /// A Steam Guard key as Bitwarden keeps it is read as a Steam account named
    /// after its issuer; a broken one stops the import, naming the line but not
    /// the secret.
    #[test]
    fn steam_keys_among_the_lines_are_steam_accounts() {
        let text = "otpauth://totp/x:y?secret=GEZDGNBVGY3TQOJQ\nsteam://GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\n";
        let imported = read(text).unwrap();
        let [_, steam] = imported.accounts.as_slice() else {
            panic!("{imported:?}");
        };
        assert_eq!(steam.label(), "Steam:Steam");
        assert_eq!(steam.kind, Kind::Steam);
        // At T = 59: RFC 4226's truncated 1094287082 in Steam's alphabet.
        assert_eq!(code_at(steam, 59), "PV9M4");
        match read("steam://GEZDGNBVGY3TQOJ0") {
            Err(ImportError::Malformed {
                problem: detail, ..
            }) => {
                let shown = detail.to_string();
                assert!(shown.starts_with("line 1: "), "{shown}");
                assert!(!shown.contains("GEZDGNBV"), "{shown}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn write_then_read_is_the_identity() {
        let secret = SecretKey::from_bytes(b"12345678901234567890".to_vec());
        let account = |name: &str, issuer: Option<&str>, algorithm, digits, kind| Account {
            name: name.to_owned(),
            issuer: issuer.map(str::to_owned),
            secret: secret.clone(),
            algorithm,
            digits: Digits::new(digits).unwrap(),
            kind,
        };
        let accounts = vec![
            account(
                "alice@example.com",
                Some("Example Co"),
                Algorithm::Sha1,
                6,
                Kind::default(),
            ),
            account(
                "a:b+c",
                None,
                Algorithm::Sha512,
                8,
                Kind::Totp {
                    period: Period::new(60).unwrap(),
                },
            ),
            account(
                "여보세요",
                Some("AT&T?#="),
                Algorithm::Sha256,
                7,
                Kind::Hotp { counter: u64::MAX },
            ),
            Account {
                algorithm: Algorithm::Sha1,
                digits: Digits::STEAM,
                kind: Kind::Steam,
                ..account("gamer", Some("Steam"), Algorithm::Sha1, 6, Kind::default())
            },
        ];
        let text = write(&accounts);
        assert_eq!(text.lines().count(), 4);
        assert!(
            text.lines().any(
                |line| line.starts_with("otpauth://steam/Steam:gamer?secret=")
                    && line.ends_with("&issuer=Steam")
            ),
            "{}",
            text.as_str()
        );
        assert!(text.ends_with('\n'));
        let imported = read(&text).unwrap();
        assert_eq!(imported.accounts, accounts);
        assert!(imported.notes.is_empty());
        assert!(write(&[]).is_empty());
    }

    #[test]
    fn every_parameter_survives_write_then_read() {
        let accounts = crate::transfer::fixtures::every_parameter();
        let imported = read(&write(&accounts)).unwrap();
        assert_eq!(imported.accounts, accounts);
    }

    #[test]
    fn migration_links_among_the_lines_are_read_too() {
        let account = Account {
            name: "alice".to_owned(),
            issuer: Some("Example".to_owned()),
            secret: SecretKey::from_bytes(b"12345678901234567890".to_vec()),
            algorithm: Algorithm::Sha1,
            digits: Digits::SIX,
            kind: Kind::default(),
        };
        let google = super::super::google::export(std::slice::from_ref(&account), 10).unwrap();
        let text = format!(
            "otpauth://totp/x:y?secret=GEZDGNBVGY3TQOJQ\n{}\n",
            google.uris[0].as_str()
        );
        let imported = read(&text).unwrap();
        assert_eq!(imported.accounts.len(), 2);
        assert_eq!(imported.accounts[1], account);
        let broken =
            "otpauth://totp/x:y?secret=GEZDGNBVGY3TQOJQ\notpauth-migration://offline?data=%%";
        match read(broken) {
            Err(ImportError::Malformed {
                problem: detail, ..
            }) => {
                assert!(detail.to_string().starts_with("line 2: "), "{detail}")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn truncated_text_is_an_error_or_fewer_accounts() {
        let text = "otpauth://totp/Example:alice?secret=GEZDGNBVGY3TQOJQ&issuer=Example\n\
                    otpauth://hotp/b?secret=GEZDGNBVGY3TQOJQ&counter=12";
        for cut in 0..text.len() {
            match read(&text[..cut]) {
                Ok(imported) => assert!(imported.accounts.len() <= 2),
                Err(ImportError::Malformed {
                    problem: detail, ..
                }) => {
                    assert!(!detail.to_string().contains("GEZDGNBV"), "{detail}")
                }
                Err(other) => panic!("{other:?}"),
            }
        }
    }
}
