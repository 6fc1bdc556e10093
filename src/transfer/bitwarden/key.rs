//! The TOTP key of a Bitwarden login (`login.totp` in the JSON export, `login_totp`
//! in the CSV one), read the way Bitwarden reads it (its SDK's `Totp::from_str`):
//!
//! - an `otpauth://` link: read by [`super::super::uris::read_link`], so the link
//!   rules of a list of links hold here too. Bitwarden ignores a link's type and makes
//!   time-based codes even from an `otpauth://hotp/` link; otp reads such a link as
//!   the counter-based account it describes, and says so
//!   ([`Remark::BitwardenHotp`]). A link without a label (`otpauth://totp?secret=…`),
//!   which Bitwarden accepts, is named after its item.
//! - `steam://SECRET`: a Steam Guard account ([`steam`]).
//! - anything else is a bare base32 secret, for which Bitwarden makes 6-digit SHA1
//!   codes every 30 seconds: imported so, with a note that says it
//!   ([`Remark::AssumedTotpDefaults`]).
//!
//! An item without a key is no account: it is only counted
//! ([`Imported::without_code`]). The account is named from the link's label; what
//! the link leaves out (or a bare secret) is named after the item: its name is the
//! issuer and its username the account name.

use super::super::entry::{self, Entry};
use super::super::imported::{Imported, Note, Reason, Remark, Unrepresentable};
use super::super::uris;
use crate::accounts::Account;
use crate::code::{Algorithm, Digits, Kind, Period};
use crate::otpauth::{self, UriError};
use crate::secret::SecretKey;

/// What names a Bitwarden item: its name and its login's username.
pub(super) struct Item<'a> {
    /// The item's name (`name`), e.g. `GitHub`.
    pub name: &'a str,
    /// The login's username (`login.username`), e.g. `alice@example.com`.
    pub username: &'a str,
}

/// The label a link is given when it has none, replaced by the item's names.
const NO_LABEL: &str = "unnamed";

/// Adds item number `position` (from 0) with TOTP key `key` to `imported`: an
/// account (and its notes), an entry left out with its reason, or, without a key,
/// one more item counted in [`Imported::without_code`].
pub(super) fn add(imported: &mut Imported, item: &Item<'_>, key: Option<&str>, position: usize) {
    let Some(key) = key.map(str::trim).filter(|key| !key.is_empty()) else {
        imported.without_code += 1;
        return;
    };
    match account(key, item, position) {
        Ok((account, remarks)) => {
            imported.notes.extend(
                remarks
                    .into_iter()
                    .map(|remark| Note::new(account.label(), remark)),
            );
            imported.accounts.push(account);
        }
        Err(why) => {
            let label = is_link(key)
                .then(|| uris::link_label(key))
                .flatten()
                .filter(|label| label != NO_LABEL)
                .unwrap_or_else(|| entry::label(item.username, item.name, position));
            imported
                .unrepresentable
                .push(Unrepresentable::new(label, why));
        }
    }
}

fn is_link(key: &str) -> bool {
    key.get(.."otpauth:".len())
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("otpauth:"))
}

/// Whether the key is Bitwarden's `steam://SECRET`.
fn is_steam(key: &str) -> bool {
    key.get(.."steam://".len())
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("steam://"))
}

/// The Steam Guard account a `steam://` key gives: the one place Bitwarden's Steam
/// keys are decided (links of type `steam` are decided with every other link, in
/// `uris`). The key names no account: the item's username does, and the item's name
/// is the issuer (Steam when the item has none).
fn steam(key: &str, item: &Item<'_>, position: usize) -> Result<(Account, Vec<Remark>), Reason> {
    let secret = match otpauth::steam_key(key) {
        Some(parsed) => parsed.map_err(Reason::SecretUnusable)?,
        None => {
            return Err(Reason::UnknownType {
                name: "steam".to_owned(),
            });
        }
    };
    let issuer = if item.name.trim().is_empty() {
        otpauth::STEAM_KEY_ISSUER
    } else {
        item.name
    };
    let entry = Entry {
        name: item.username,
        issuer,
        algorithm: Algorithm::Sha1,
        digits: Digits::STEAM,
        kind: Kind::Steam,
    };
    Ok((entry::account(entry, secret, position), Vec::new()))
}

/// The account a key gives, with the remarks about it, or why it gives none.
fn account(key: &str, item: &Item<'_>, position: usize) -> Result<(Account, Vec<Remark>), Reason> {
    if is_steam(key) {
        return steam(key, item, position);
    }
    if is_link(key) {
        return linked(key, item, position);
    }
    let secret = SecretKey::parse_base32(key).map_err(Reason::SecretUnusable)?;
    let entry = Entry {
        name: item.username,
        issuer: item.name,
        algorithm: Algorithm::Sha1,
        digits: Digits::SIX,
        kind: Kind::Totp {
            period: Period::DEFAULT,
        },
    };
    Ok((
        entry::account(entry, secret, position),
        vec![Remark::AssumedTotpDefaults],
    ))
}

/// The account an `otpauth://` key gives; what the link does not name is named
/// after the item.
fn linked(key: &str, item: &Item<'_>, position: usize) -> Result<(Account, Vec<Remark>), Reason> {
    let (account, mut remarks, labelled) = match uris::read_link(key) {
        Err(Reason::Link(UriError::MissingLabel)) => {
            let relabelled = with_label(key).ok_or(Reason::Link(UriError::MissingLabel))?;
            let (account, remarks) = uris::read_link(&relabelled)?;
            (account, remarks, false)
        }
        other => {
            let (account, remarks) = other?;
            (account, remarks, true)
        }
    };
    let name = if labelled {
        account.name.as_str()
    } else {
        item.username
    };
    let issuer = account.issuer.as_deref().unwrap_or(item.name);
    let entry = Entry {
        name,
        issuer,
        algorithm: account.algorithm,
        digits: account.digits,
        kind: account.kind,
    };
    let built = entry::account(entry, account.secret.clone(), position);
    if matches!(built.kind, Kind::Hotp { .. }) {
        remarks.push(Remark::BitwardenHotp);
    }
    Ok((built, remarks))
}

/// `key` with [`NO_LABEL`] as its label: `otpauth://totp?secret=…` and
/// `otpauth://totp/?secret=…` become `otpauth://totp/unnamed?secret=…`.
fn with_label(key: &str) -> Option<String> {
    let (head, query) = key.split_once('?')?;
    let kind = head
        .get("otpauth://".len()..)?
        .trim_end_matches('/')
        .to_owned();
    (!kind.is_empty() && !kind.contains('/'))
        .then(|| format!("otpauth://{kind}/{NO_LABEL}?{query}"))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use crate::transfer::Scheme;

    fn read(keys: &[Option<&str>]) -> Imported {
        let mut imported = Imported::default();
        for (position, key) in keys.iter().enumerate() {
            let item = Item {
                name: "Example",
                username: "alice",
            };
            add(&mut imported, &item, *key, position);
        }
        imported
    }

    #[test]
    fn a_bare_secret_is_30_second_six_digit_sha1_with_a_note() {
        let imported = read(&[Some(" jbsw y3dp ehpk 3pxp ")]);
        let [account] = imported.accounts.as_slice() else {
            panic!("{imported:?}");
        };
        assert_eq!(account.label(), "Example:alice");
        assert_eq!(account.algorithm, Algorithm::Sha1);
        assert_eq!(account.digits, Digits::SIX);
        assert_eq!(
            account.kind,
            Kind::Totp {
                period: Period::DEFAULT
            }
        );
        // oathtool --totp -b JBSWY3DPEHPK3PXP --now=@59
        assert_eq!(account.code_at(59).code().as_str(), "996554");
        assert_eq!(imported.notes.len(), 1);
        assert_eq!(imported.notes[0].remark, Remark::AssumedTotpDefaults);
    }

    #[test]
    fn links_name_the_account_and_the_item_fills_what_they_leave_out() {
        let imported = read(&[
            Some("otpauth://totp/Other:bob?secret=JBSWY3DPEHPK3PXP&issuer=Other"),
            Some("otpauth://totp/carol?secret=JBSWY3DPEHPK3PXP"),
            Some("otpauth://totp?secret=JBSWY3DPEHPK3PXP&digits=8"),
            Some("otpauth://totp/?secret=JBSWY3DPEHPK3PXP"),
            Some("otpauth://hotp/Forge:dave?secret=JBSWY3DPEHPK3PXP&counter=5"),
        ]);
        let labels: Vec<String> = imported.accounts.iter().map(Account::label).collect();
        assert_eq!(
            labels,
            [
                "Other:bob",
                "Example:carol",
                "Example:alice",
                "Example:alice",
                "Forge:dave"
            ]
        );
        assert_eq!(imported.accounts[2].digits.get(), 8);
        assert_eq!(imported.accounts[4].kind, Kind::Hotp { counter: 5 });
        let notes: Vec<(&str, &Remark)> = imported
            .notes
            .iter()
            .map(|note| (note.label.as_str(), &note.remark))
            .collect();
        assert_eq!(notes, [("Forge:dave", &Remark::BitwardenHotp)]);
    }

    /// One key never sinks the file: what otp cannot use is left out, named, with
    /// its reason; an item without a key is only counted.
    #[test]
    fn keys_otp_cannot_use_are_left_out_and_items_without_one_are_counted() {
        let imported = read(&[
            Some("steam://JBSWY3DPEHPK3PXP"),
            Some("otpauth://steam/Steam:gamer?secret=JBSWY3DPEHPK3PXP"),
            Some("otpauth://totp/Old:md5?secret=JBSWY3DPEHPK3PXP&algorithm=MD5"),
            Some("otpauth://motp/?secret=JBSWY3DPEHPK3PXP"),
            Some("otpauth://totp/Typo:x?secret=JBSWY3DPEHPK3PX1"),
            Some("not base32 at all!"),
            None,
            Some("   "),
            Some("otpauth://totp/Good:ok?secret=JBSWY3DPEHPK3PXP"),
        ]);
        let labels: Vec<String> = imported.accounts.iter().map(Account::label).collect();
        assert_eq!(labels, ["Example:alice", "Steam:gamer", "Good:ok"]);
        assert_eq!(imported.accounts[0].kind, Kind::Steam);
        assert_eq!(imported.accounts[1].kind, Kind::Steam);
        assert_eq!(imported.without_code, 2);
        let left: Vec<(&str, &Reason)> = imported.left_out();
        assert!(matches!(left[0], ("Old:md5", Reason::Param(_))), "{left:?}");
        assert_eq!(
            left[1],
            ("Example:alice", &Reason::Unsupported(Scheme::Motp))
        );
        assert!(matches!(left[2], ("Typo:x", Reason::Link(_))), "{left:?}");
        assert!(
            matches!(left[3], ("Example:alice", Reason::SecretUnusable(_))),
            "{left:?}"
        );
        assert_eq!(left.len(), 4, "{left:?}");
        for entry in &imported.unrepresentable {
            assert!(!entry.reason.contains("JBSWY3DP"), "{}", entry.reason);
        }
    }
}
