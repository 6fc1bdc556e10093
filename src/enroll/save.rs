//! Keeping an enrolled account, in the one order both front-ends follow: the
//! exchange with the server comes first, so a refused activation code never
//! costs a key derivation (nor, on the command line, a PIN prompt); then the
//! account is saved in the vault before the token is activated (a crash after
//! activation never loses a working token), and taken out again, with the person's
//! earlier account of the same label put back, when activation fails. A removal
//! that fails as well is returned as [`EnrollError::NotRolledBack`], never dropped,
//! so the front-end can say which account to remove and how.
//!
//! Labels are matched the way [`Store::add`] refuses duplicates: equal ignoring
//! ASCII case.

use zeroize::Zeroizing;

use super::client::{EnrollClient, EnrollRequest, PendingAccount};
pub use super::error::EditError;
use super::error::EnrollError;
use crate::accounts::{Account, AccountError, PushLink, Store};
use crate::api::wire::ActivateReply;
use crate::vault::payload;
use crate::vault::{Pin, Vault};

/// Where an enrolled account is kept: the vault ([`VaultAccounts`]), or a
/// stand-in in tests.
pub trait AccountBook {
    /// Reads the accounts as they are now, lets `change` edit them and writes them
    /// back, all under one lock; nothing is written when `change` fails. Returns
    /// the accounts as written.
    fn edit(
        &mut self,
        change: &mut dyn FnMut(&mut Store) -> Result<(), AccountError>,
    ) -> Result<Store, EditError>;
}

/// The vault, opened with `pin`; `now` (Unix seconds) is what its wrong-PIN record
/// is kept at.
pub struct VaultAccounts<'a> {
    /// The vault file.
    pub vault: &'a Vault,
    /// The PIN that opens it.
    pub pin: &'a Pin,
    /// Unix time in seconds.
    pub now: u64,
}

impl AccountBook for VaultAccounts<'_> {
    fn edit(
        &mut self,
        change: &mut dyn FnMut(&mut Store) -> Result<(), AccountError>,
    ) -> Result<Store, EditError> {
        self.vault.update(self.pin, self.now, |plaintext| {
            let mut store = payload::from_bytes(&plaintext)?;
            change(&mut store)?;
            let text = payload::to_toml(&store);
            Ok::<_, EditError>((Zeroizing::new(text.as_bytes().to_vec()), store))
        })
    }
}

/// What the person asked to call the account instead of the server's names
/// (`otp add --customer 1106 [NAME] [--issuer ISSUER]`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Naming {
    /// Replaces the account name the server sends.
    pub name: Option<String>,
    /// Replaces the issuer the server sends; empty means no issuer.
    pub issuer: Option<String>,
}

impl Naming {
    /// Applies the names to an account received from the server.
    pub fn apply(&self, account: &mut Account) {
        if let Some(name) = &self.name {
            account.name = name.clone();
        }
        if let Some(issuer) = &self.issuer {
            account.issuer = Some(issuer.clone()).filter(|i| !i.is_empty());
        }
    }
}

/// The account of `store` labelled `label`, by the rule [`Store::add`] uses for
/// duplicates (equal ignoring ASCII case); there is at most one.
fn holder(store: &Store, label: &str) -> Option<usize> {
    store
        .accounts()
        .iter()
        .position(|account| account.label().eq_ignore_ascii_case(label))
}

/// The result of a whole enrollment.
#[derive(Debug)]
pub struct EnrolledAccount {
    /// The account, as stored.
    pub account: Account,
    /// The token's serial on the server.
    pub serial: String,
    /// Whether an earlier token of the same user was replaced.
    pub replaced_previous: bool,
    /// The vault's accounts as written with the new one.
    pub accounts: Store,
}

/// The whole enrollment: the exchange with the server, the account (renamed by
/// `naming`) saved into `book` in place of an earlier one of the same label, then
/// activated with the code of `now()`; rolled back when activation fails.
pub fn enroll(
    client: &EnrollClient,
    request: &EnrollRequest,
    naming: &Naming,
    limit: usize,
    book: &mut dyn AccountBook,
    now: impl Fn() -> u64,
) -> Result<EnrolledAccount, EnrollError> {
    let mut pending = client.exchange(request)?;
    naming.apply(&mut pending.account);
    save_and_activate(book, &pending, limit, |pending| {
        client.activate(pending, now())
    })
}

/// Saves `pending` into `book` (replacing the account of the same label), then
/// runs `activate`; when that fails, takes the account out again and puts the
/// earlier one back. Saving refuses to go past `limit` accounts. When saving
/// fails ([`EnrollError::Save`]) nothing was written or activated, and `pending`
/// can be saved again (the command line does, after a mistyped PIN).
pub fn save_and_activate(
    book: &mut dyn AccountBook,
    pending: &PendingAccount,
    limit: usize,
    activate: impl FnOnce(&PendingAccount) -> Result<ActivateReply, EnrollError>,
) -> Result<EnrolledAccount, EnrollError> {
    let label = pending.account.label();
    let mut replaced = None;
    let accounts = book
        .edit(&mut |store| {
            // Re-enrollment: the old token stops working on activation.
            replaced = holder(store, &label).and_then(|index| store.remove_with_link(index));
            store.add_with_link(pending.account.clone(), pending.push_link.clone(), limit)
        })
        .map_err(EnrollError::Save)?;
    match activate(pending) {
        Ok(reply) => Ok(EnrolledAccount {
            account: pending.account.clone(),
            serial: pending.serial.clone(),
            replaced_previous: reply.replaced_previous,
            accounts,
        }),
        Err(activation) => match roll_back(book, &pending.account, replaced) {
            Ok(()) => Err(activation),
            Err(error) => Err(EnrollError::NotRolledBack {
                label,
                activation: Box::new(activation),
                reason: error.to_string(),
            }),
        },
    }
}

/// Takes `account` out of `book` (if it is still the one saved there) and puts
/// `replaced` back, with its push link.
fn roll_back(
    book: &mut dyn AccountBook,
    account: &Account,
    mut replaced: Option<(Account, Option<PushLink>)>,
) -> Result<(), EditError> {
    let label = account.label();
    book.edit(&mut |store| {
        if let Some(index) = holder(store, &label)
            && store.get(index).is_some_and(|a| a.same_token(account))
        {
            store.remove(index);
        }
        if let Some((old, link)) = replaced.take() {
            // Refused only when another program stored an account of this label
            // meanwhile; that one is kept.
            let _ = store.add_with_link(old, link, usize::MAX);
        }
        Ok(())
    })
    .map(drop)
}

#[cfg(test)]
mod tests {
    use std::io;
    use std::path::Path;

    use super::*;
    use crate::api::ErrorCode;
    use crate::code::{Algorithm, Digits, Kind, Period};
    use crate::secret::SecretKey;
    use crate::vault::VaultError;

    /// Accounts in memory; edits after the first `working` ones fail as a full
    /// disk would.
    struct Book {
        store: Store,
        working: usize,
        edits: usize,
    }

    impl Book {
        fn new(accounts: Vec<Account>, working: usize) -> Self {
            Self {
                store: Store::from_accounts(accounts),
                working,
                edits: 0,
            }
        }
    }

    impl AccountBook for Book {
        fn edit(
            &mut self,
            change: &mut dyn FnMut(&mut Store) -> Result<(), AccountError>,
        ) -> Result<Store, EditError> {
            self.edits += 1;
            if self.edits > self.working {
                let disk_full = io::Error::other("no space left on device");
                return Err(VaultError::io(
                    crate::vault::IoAction::WriteVault,
                    Path::new("/v/vault.age"),
                    disk_full,
                )
                .into());
            }
            let mut store = self.store.clone();
            change(&mut store)?;
            self.store = store.clone();
            Ok(store)
        }
    }

    fn account(issuer: &str, name: &str, seed: &[u8]) -> Account {
        Account {
            name: name.to_owned(),
            issuer: Some(issuer.to_owned()),
            secret: SecretKey::from_bytes(seed.to_vec()),
            algorithm: Algorithm::Sha1,
            digits: Digits::SIX,
            kind: Kind::Totp {
                period: Period::new(60).unwrap(),
            },
        }
    }

    fn link(serial: &str, seed: u8) -> PushLink {
        PushLink::new(
            "https://otp.example.org".to_owned(),
            "U1034".to_owned(),
            "jklee".to_owned(),
            serial.to_owned(),
            Zeroizing::new([seed; 32]),
        )
    }

    fn pending() -> PendingAccount {
        PendingAccount {
            account: account("KISTI", "jklee", b"new seed 0123456789"),
            serial: "S-2".to_owned(),
            push_link: Some(link("S-2", 2)),
        }
    }

    fn earlier() -> Account {
        // The same label in another case: the rule Store::add uses.
        account("kisti", "JKLEE", b"old seed 0123456789")
    }

    fn refused() -> Result<ActivateReply, EnrollError> {
        Err(EnrollError::Server(ErrorCode::Se3010))
    }

    fn activated() -> Result<ActivateReply, EnrollError> {
        Ok(ActivateReply {
            status: "active".to_owned(),
            replaced_previous: true,
        })
    }

    #[test]
    fn activation_keeps_the_new_account_in_place_of_the_earlier_one() {
        let mut book = Book::new(vec![earlier()], 1);
        let enrolled = save_and_activate(&mut book, &pending(), 1, |_| activated()).unwrap();
        assert_eq!(enrolled.account.label(), "KISTI:jklee");
        assert!(enrolled.replaced_previous);
        assert_eq!(enrolled.accounts.accounts(), &[pending().account]);
        assert_eq!(book.store, enrolled.accounts);
        // The device key is saved with the account, in the same write.
        assert_eq!(book.store.push_link(0), Some(&link("S-2", 2)));
        assert_eq!(book.edits, 1);
    }

    #[test]
    fn a_refused_activation_puts_the_earlier_push_link_back_too() {
        let mut book = Book::new(vec![earlier()], 3);
        book.store.set_push_link(0, link("S-1", 1));
        save_and_activate(&mut book, &pending(), 10, |_| refused()).unwrap_err();
        assert_eq!(book.store.accounts(), &[earlier()]);
        assert_eq!(book.store.push_link(0), Some(&link("S-1", 1)));
        // Activated, the new link replaces the old one.
        save_and_activate(&mut book, &pending(), 10, |_| activated()).unwrap();
        assert_eq!(book.store.len(), 1);
        assert_eq!(book.store.push_link(0), Some(&link("S-2", 2)));
    }

    #[test]
    fn a_refused_activation_puts_the_earlier_account_back() {
        let mut book = Book::new(vec![earlier()], 2);
        let error = save_and_activate(&mut book, &pending(), 10, |_| refused()).unwrap_err();
        assert!(matches!(error, EnrollError::Server(ErrorCode::Se3010)));
        assert_eq!(book.store.accounts(), &[earlier()]);
        assert_eq!(book.edits, 2);
    }

    #[test]
    fn a_failed_rollback_is_reported_with_the_account_left_behind() {
        let mut book = Book::new(vec![], 1);
        let error = save_and_activate(&mut book, &pending(), 10, |_| refused()).unwrap_err();
        let EnrollError::NotRolledBack {
            label,
            activation,
            reason,
        } = &error
        else {
            panic!("expected NotRolledBack, got {error:?}");
        };
        assert_eq!(label, "KISTI:jklee");
        assert!(matches!(
            **activation,
            EnrollError::Server(ErrorCode::Se3010)
        ));
        assert!(reason.contains("no space left"), "{reason}");
        assert_eq!(error.code(), Some(ErrorCode::Se3010));
        let message = error.to_string();
        assert!(message.starts_with("SE3010"), "{message}");
        assert!(message.contains("KISTI:jklee"), "{message}");
        // The account really is still there, which is what the message says.
        assert_eq!(book.store.accounts(), &[pending().account]);
    }

    #[test]
    fn a_full_vault_refuses_while_saving_and_the_account_can_be_saved_again() {
        let other = account("GitHub", "alice", b"another seed 01234");
        let mut book = Book::new(vec![other.clone()], 2);
        let pending = pending();
        let error = save_and_activate(&mut book, &pending, 1, |_| activated()).unwrap_err();
        assert!(matches!(error, EnrollError::Save(_)), "{error:?}");
        assert_eq!(book.store.accounts(), std::slice::from_ref(&other));
        // Nothing was used up: the same account saves once it can.
        let enrolled = save_and_activate(&mut book, &pending, 2, |_| activated()).unwrap();
        assert_eq!(enrolled.accounts.accounts(), &[other, pending.account]);
    }

    #[test]
    fn naming_replaces_the_servers_names() {
        let naming = Naming {
            name: Some("work".to_owned()),
            issuer: Some(String::new()),
        };
        let mut account = pending().account;
        naming.apply(&mut account);
        assert_eq!(account.label(), "work");
    }
}
