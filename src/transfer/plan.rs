//! What importing a file into a vault would do: which accounts are new, which the
//! vault already holds, and which must be renamed because their label is taken.

use crate::accounts::Account;

/// An imported account whose label clashed, and the label it gets instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renamed {
    /// The label in the file.
    pub from: String,
    /// The label it is stored under.
    pub to: String,
}

/// The outcome of comparing a file's accounts with the vault's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Accounts to add, in the file's order.
    pub add: Vec<Account>,
    /// Labels of the file's accounts that the vault (or the file itself, earlier)
    /// already holds with the same secret and parameters.
    pub duplicates: Vec<String>,
    /// Accounts renamed because another account has their label.
    pub renamed: Vec<Renamed>,
}

impl Plan {
    /// How many accounts the vault could still take under `limit`.
    pub fn room(existing: usize, limit: usize) -> usize {
        limit.saturating_sub(existing)
    }

    /// Whether all new accounts fit a vault holding `existing` of at most `limit`.
    pub fn fits(&self, existing: usize, limit: usize) -> bool {
        self.add.len() <= Self::room(existing, limit)
    }
}

fn label_taken(accounts: &[&Account], label: &str) -> bool {
    accounts
        .iter()
        .any(|account| account.label().eq_ignore_ascii_case(label))
}

/// Compares `imported` with the `existing` accounts: an account with the same
/// secret and parameters as one already there (or earlier in the file) is a
/// duplicate; a new account whose label is taken is renamed `name (2)`, `name (3)`...
pub fn plan(existing: &[Account], imported: Vec<Account>) -> Plan {
    let mut plan = Plan::default();
    for mut account in imported {
        let known = existing
            .iter()
            .chain(plan.add.iter())
            .any(|other| other.same_token(&account));
        if known {
            plan.duplicates.push(account.label());
            continue;
        }
        let taken: Vec<&Account> = existing.iter().chain(plan.add.iter()).collect();
        if label_taken(&taken, &account.label()) {
            let from = account.label();
            let base = account.name.clone();
            let mut n = 2;
            loop {
                account.name = format!("{base} ({n})");
                if !label_taken(&taken, &account.label()) {
                    break;
                }
                n += 1;
            }
            plan.renamed.push(Renamed {
                from,
                to: account.label(),
            });
        }
        plan.add.push(account);
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::code::{Algorithm, Digits, Kind, Period};
    use crate::secret::SecretKey;

    fn account(name: &str, secret: &[u8], period: u32) -> Account {
        Account {
            name: name.to_owned(),
            issuer: Some("Example".to_owned()),
            secret: SecretKey::from_bytes(secret.to_vec()),
            algorithm: Algorithm::Sha1,
            digits: Digits::SIX,
            kind: Kind::Totp {
                period: Period::new(period).unwrap(),
            },
        }
    }

    #[test]
    fn the_same_secret_and_parameters_is_a_duplicate_whatever_the_label() {
        let existing = vec![account("alice", b"0123456789", 30)];
        let plan = plan(&existing, vec![account("renamed", b"0123456789", 30)]);
        assert!(plan.add.is_empty());
        assert_eq!(plan.duplicates, vec!["Example:renamed".to_owned()]);
    }

    #[test]
    fn another_period_is_another_account() {
        let existing = vec![account("alice", b"0123456789", 30)];
        let plan = plan(&existing, vec![account("alice", b"0123456789", 60)]);
        assert_eq!(plan.add.len(), 1);
        assert_eq!(plan.add[0].label(), "Example:alice (2)");
        assert_eq!(
            plan.renamed,
            vec![Renamed {
                from: "Example:alice".to_owned(),
                to: "Example:alice (2)".to_owned()
            }]
        );
    }

    #[test]
    fn a_file_repeating_an_entry_adds_it_once_and_renames_label_clashes_in_turn() {
        let plan = plan(
            &[account("Alice", b"aaaaaaaaaa", 30)],
            vec![
                account("bob", b"bbbbbbbbbb", 30),
                account("bob", b"bbbbbbbbbb", 30),
                account("alice", b"cccccccccc", 30),
                account("alice", b"dddddddddd", 30),
            ],
        );
        let labels: Vec<String> = plan.add.iter().map(Account::label).collect();
        assert_eq!(
            labels,
            ["Example:bob", "Example:alice (2)", "Example:alice (3)"]
        );
        assert_eq!(plan.duplicates, ["Example:bob"]);
    }

    #[test]
    fn room_and_fits_count_against_the_limit() {
        let plan = plan(&[], vec![account("a", b"aaaaaaaaaa", 30); 1]);
        assert_eq!(Plan::room(9, 10), 1);
        assert_eq!(Plan::room(12, 10), 0);
        assert!(plan.fits(9, 10));
        assert!(!plan.fits(10, 10));
    }
}
