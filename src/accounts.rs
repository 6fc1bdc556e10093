//! Accounts and the set of them the vault holds, with name matching.

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::code::{self, Algorithm, Code, Digits, Kind, TotpCode};
use crate::otpauth::OtpAuthUri;
use crate::secret::SecretKey;

/// One TOTP, HOTP or Steam Guard account: a label, a secret and the code parameters.
///
/// `Debug` is derived but safe: [`SecretKey`] prints redacted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// The account name, e.g. `alice@example.com`.
    pub name: String,
    /// Who issued it, e.g. `GitHub`.
    pub issuer: Option<String>,
    /// The shared secret.
    pub secret: SecretKey,
    /// HMAC hash function ([`Algorithm::Sha1`] for Steam Guard).
    pub algorithm: Algorithm,
    /// Code length ([`Digits::STEAM`] for Steam Guard).
    pub digits: Digits,
    /// Time- or counter-based, with the period or counter; or Steam Guard.
    pub kind: Kind,
}

/// What a code looks like at a moment: TOTP with its countdown, or HOTP with its counter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CurrentCode {
    /// A time-based code (TOTP or Steam Guard).
    Totp(TotpCode),
    /// A counter-based code and the counter it was computed from.
    Hotp {
        /// The code.
        code: Code,
        /// The counter value used.
        counter: u64,
    },
}

impl CurrentCode {
    /// The code itself.
    pub fn code(&self) -> &Code {
        match self {
            CurrentCode::Totp(totp) => &totp.code,
            CurrentCode::Hotp { code, .. } => code,
        }
    }
}

impl Account {
    /// `issuer:name`, or just `name` when there is no issuer.
    pub fn label(&self) -> String {
        match &self.issuer {
            Some(issuer) => format!("{issuer}:{}", self.name),
            None => self.name.clone(),
        }
    }

    /// The code at `unix_time` (TOTP, Steam) or at the stored counter (HOTP; the
    /// caller advances and saves the counter).
    pub fn code_at(&self, unix_time: u64) -> CurrentCode {
        match self.kind {
            // Steam's parameters are fixed: the account's algorithm and digits (which
            // say SHA1 and 5) are not consulted.
            Kind::Steam => CurrentCode::Totp(code::steam(&self.secret, unix_time)),
            Kind::Totp { period } => CurrentCode::Totp(code::totp(
                &self.secret,
                self.algorithm,
                self.digits,
                period,
                unix_time,
            )),
            Kind::Hotp { counter } => CurrentCode::Hotp {
                code: code::hotp(&self.secret, self.algorithm, self.digits, counter),
                counter,
            },
        }
    }

    /// Issues the code a user asked for, the way `otp code` defines it: a TOTP (or
    /// Steam) code at `at` (or `now`), one period later when `next`; a HOTP code at the stored
    /// counter, which then advances (the caller saves the account so the same code
    /// is never issued twice). A time or `next` on a HOTP account is refused, since
    /// its code does not depend on time.
    pub fn issue_code(
        &mut self,
        now: u64,
        at: Option<u64>,
        next: bool,
    ) -> Result<CurrentCode, CodeError> {
        let time = at.unwrap_or(now);
        match &mut self.kind {
            kind @ (Kind::Totp { .. } | Kind::Steam) => {
                let period = kind.period().map_or(0, |period| period.seconds());
                let step = if next { u64::from(period) } else { 0 };
                Ok(self.code_at(time.saturating_add(step)))
            }
            Kind::Hotp { counter } => {
                if next || at.is_some() {
                    return Err(CodeError::HotpNoTime);
                }
                let used = *counter;
                *counter = used.checked_add(1).ok_or(CodeError::CounterMax)?;
                Ok(CurrentCode::Hotp {
                    code: code::hotp(&self.secret, self.algorithm, self.digits, used),
                    counter: used,
                })
            }
        }
    }

    /// The account as an `otpauth://` link (secret included), the form phone apps
    /// scan from a QR code; see [`OtpAuthUri::to_uri`].
    pub fn to_uri(&self) -> Zeroizing<String> {
        OtpAuthUri {
            account: self.name.clone(),
            issuer: self.issuer.clone(),
            secret: self.secret.clone(),
            algorithm: self.algorithm,
            digits: self.digits,
            kind: self.kind,
        }
        .to_uri()
    }

    /// Whether two accounts produce the same codes (same secret and parameters),
    /// whatever their labels.
    pub fn same_token(&self, other: &Account) -> bool {
        let kind_matches = match (self.kind, other.kind) {
            (Kind::Totp { period: a }, Kind::Totp { period: b }) => a == b,
            (Kind::Hotp { .. }, Kind::Hotp { .. }) | (Kind::Steam, Kind::Steam) => true,
            _ => false,
        };
        kind_matches
            && self.secret == other.secret
            && self.algorithm == other.algorithm
            && self.digits == other.digits
    }
}

/// Why an account could not be added or changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AccountError {
    /// The store already holds the maximum number of accounts.
    #[error(
        "the vault already holds {count} accounts and allows at most {limit}; remove one with `otp remove`, or raise max_accounts in the config file"
    )]
    TooMany {
        /// How many accounts the vault holds.
        count: usize,
        /// The configured maximum.
        limit: usize,
    },
    /// Another account already has this label.
    #[error("an account named {label:?} already exists; choose another name or pass --issuer")]
    Duplicate {
        /// The clashing label.
        label: String,
    },
    /// An empty name, or one with control characters.
    #[error(
        "{0:?} is not a usable account name: it must be non-empty and have no control characters"
    )]
    BadName(String),
}

/// Why a code could not be issued.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeError {
    /// A time or "the next code" was asked of a counter-based account.
    #[error(
        "--next and --at apply to time-based accounts; each `otp code` of a counter-based (HOTP) account uses and advances its counter"
    )]
    HotpNoTime,
    /// The HOTP counter cannot advance.
    #[error(
        "the HOTP counter is at its largest value and cannot advance; add the account again with a new secret"
    )]
    CounterMax,
}

/// Why a query did not name exactly one account. (Serialisable: the session agent
/// reports it to the client, which prints it as if it had looked itself.)
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchError {
    /// No account matches.
    #[error(
        "no account matches {query:?}{}",
        list_candidates("accounts in the vault", candidates)
    )]
    NotFound {
        /// What the user typed.
        query: String,
        /// Every label in the vault.
        candidates: Vec<String>,
    },
    /// Several accounts match.
    #[error(
        "{query:?} matches more than one account{}",
        list_candidates("type more of one of", candidates)
    )]
    Ambiguous {
        /// What the user typed.
        query: String,
        /// The labels that matched.
        candidates: Vec<String>,
    },
}

fn list_candidates(heading: &str, candidates: &[String]) -> String {
    if candidates.is_empty() {
        "; the vault is empty, add one with `otp add`".to_owned()
    } else {
        format!("; {heading}: {}", candidates.join(", "))
    }
}

fn check_name(name: &str) -> Result<(), AccountError> {
    if name.trim().is_empty() || name.chars().any(char::is_control) {
        Err(AccountError::BadName(name.to_owned()))
    } else {
        Ok(())
    }
}

/// How an enrolled account answers push approvals (`otp approve`): the otpd that
/// asks, who the account is there, and the device's Ed25519 signing key.
///
/// The key's 32-byte seed is a secret like an account's seed: zeroized on drop,
/// redacted in `Debug`, never printed, never exported. Only the vault and the
/// agent hold it.
#[derive(Clone, PartialEq, Eq)]
pub struct PushLink {
    /// The otpd's address (`https://…`).
    pub server: String,
    /// The customer (agency) code, upper case (`U1034`).
    pub customer: String,
    /// The person's ID at the organisation.
    pub user_id: String,
    /// The token's serial on the server, which polls and answers name.
    pub serial: String,
    /// The PEM text of the private certificate authority the server's TLS
    /// certificate is checked against (`--ca-cert` when the link was made), or
    /// `None` for the public roots. Public, not secret; at most
    /// [`PushLink::MAX_CA_CERT_BYTES`].
    pub ca_cert: Option<String>,
    seed: Zeroizing<[u8; 32]>,
}

impl PushLink {
    /// A link holding the device key's 32-byte seed.
    pub fn new(
        server: String,
        customer: String,
        user_id: String,
        serial: String,
        seed: Zeroizing<[u8; 32]>,
    ) -> Self {
        Self {
            server,
            customer,
            user_id,
            serial,
            ca_cert: None,
            seed,
        }
    }

    /// The largest CA certificate (PEM text, in bytes) a link keeps.
    pub const MAX_CA_CERT_BYTES: usize = 32 * 1024;

    /// The same link, checking the server against the CA whose PEM text is
    /// `ca_cert` (`None`: the public roots).
    pub fn with_ca_cert(mut self, ca_cert: Option<String>) -> Self {
        self.ca_cert = ca_cert;
        self
    }

    /// The device key's seed (secret: only for signing, never for display).
    pub fn seed(&self) -> &[u8; 32] {
        &self.seed
    }
}

impl std::fmt::Debug for PushLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PushLink")
            .field("server", &self.server)
            .field("customer", &self.customer)
            .field("user_id", &self.user_id)
            .field("serial", &self.serial)
            .field("ca_cert", &self.ca_cert.as_ref().map(String::len))
            .field("seed", &"<redacted>")
            .finish()
    }
}

/// The accounts of one vault, in the order the user added them, each with the
/// push link it may have (kept beside the account, in step on rename and remove).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Store {
    accounts: Vec<Account>,
    /// One entry per account, same order.
    links: Vec<Option<PushLink>>,
}

impl Store {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// Builds a store from accounts already validated elsewhere (the vault payload).
    pub fn from_accounts(accounts: Vec<Account>) -> Self {
        let links = vec![None; accounts.len()];
        Self { accounts, links }
    }

    /// The push link of the account at `index`, if it has one.
    pub fn push_link(&self, index: usize) -> Option<&PushLink> {
        self.links.get(index).and_then(Option::as_ref)
    }

    /// Gives the account at `index` its push link (replacing any earlier one);
    /// false when there is no such account.
    pub fn set_push_link(&mut self, index: usize, link: PushLink) -> bool {
        match self.links.get_mut(index) {
            Some(slot) => {
                *slot = Some(link);
                true
            }
            None => false,
        }
    }

    /// Takes the push link away from the account at `index`.
    pub fn take_push_link(&mut self, index: usize) -> Option<PushLink> {
        self.links.get_mut(index).and_then(Option::take)
    }

    /// The push link of the account labelled exactly `label`.
    pub fn push_link_by_label(&self, label: &str) -> Option<&PushLink> {
        let index = self.accounts.iter().position(|a| a.label() == label)?;
        self.push_link(index)
    }

    /// Every account that answers push approvals: its index, the account and its link.
    pub fn push_links(&self) -> impl Iterator<Item = (usize, &Account, &PushLink)> {
        self.accounts
            .iter()
            .zip(&self.links)
            .enumerate()
            .filter_map(|(index, (account, link))| link.as_ref().map(|link| (index, account, link)))
    }

    /// Whether any account has a push link.
    pub fn has_push_links(&self) -> bool {
        self.links.iter().any(Option::is_some)
    }

    /// All accounts.
    pub fn accounts(&self) -> &[Account] {
        &self.accounts
    }

    /// Number of accounts.
    pub fn len(&self) -> usize {
        self.accounts.len()
    }

    /// Whether there are no accounts.
    pub fn is_empty(&self) -> bool {
        self.accounts.is_empty()
    }

    /// The account at `index` (from [`Store::find`]).
    pub fn get(&self, index: usize) -> Option<&Account> {
        self.accounts.get(index)
    }

    /// Mutable access to the account at `index`, e.g. to advance a HOTP counter.
    pub fn get_mut(&mut self, index: usize) -> Option<&mut Account> {
        self.accounts.get_mut(index)
    }

    fn label_taken(&self, label: &str, except: Option<usize>) -> bool {
        self.accounts
            .iter()
            .enumerate()
            .any(|(i, a)| Some(i) != except && a.label().eq_ignore_ascii_case(label))
    }

    /// Adds an account, refusing a clashing label or going past `limit` accounts.
    pub fn add(&mut self, account: Account, limit: usize) -> Result<(), AccountError> {
        check_name(&account.name)?;
        if self.accounts.len() >= limit {
            return Err(AccountError::TooMany {
                count: self.accounts.len(),
                limit,
            });
        }
        let label = account.label();
        if self.label_taken(&label, None) {
            return Err(AccountError::Duplicate { label });
        }
        self.accounts.push(account);
        self.links.push(None);
        Ok(())
    }

    /// Adds an account with its push link, as [`Store::add`] does.
    pub fn add_with_link(
        &mut self,
        account: Account,
        link: Option<PushLink>,
        limit: usize,
    ) -> Result<(), AccountError> {
        self.add(account, limit)?;
        if let (Some(slot), Some(link)) = (self.links.last_mut(), link) {
            *slot = Some(link);
        }
        Ok(())
    }

    /// Removes and returns the account at `index` (its push link goes with it).
    pub fn remove(&mut self, index: usize) -> Option<Account> {
        self.remove_with_link(index).map(|(account, _)| account)
    }

    /// Removes the account at `index`, returning it and its push link.
    pub fn remove_with_link(&mut self, index: usize) -> Option<(Account, Option<PushLink>)> {
        (index < self.accounts.len()).then(|| {
            let link = if index < self.links.len() {
                self.links.remove(index)
            } else {
                None
            };
            (self.accounts.remove(index), link)
        })
    }

    /// Renames the account at `index`; `issuer` of `Some` replaces the issuer too.
    pub fn rename(
        &mut self,
        index: usize,
        name: &str,
        issuer: Option<Option<String>>,
    ) -> Result<(), AccountError> {
        check_name(name)?;
        let Some(current) = self.accounts.get(index) else {
            return Ok(());
        };
        let mut renamed = current.clone();
        renamed.name = name.to_owned();
        if let Some(issuer) = issuer {
            renamed.issuer = issuer;
        }
        let label = renamed.label();
        if self.label_taken(&label, Some(index)) {
            return Err(AccountError::Duplicate { label });
        }
        self.accounts[index] = renamed;
        Ok(())
    }

    /// Finds the one account `query` names, the way the TUI's search finds it.
    ///
    /// In order, the first rule that matches anything decides: the exact label
    /// (`issuer:name`); the exact name; the label or name ignoring case; a
    /// case-insensitive prefix of the label or the name; a case-insensitive part of
    /// the label anywhere (so `kisti` finds the issuer `…연구원(KISTI)`). Several
    /// matches under the deciding rule are ambiguous. The session agent answers
    /// with this same function.
    pub fn find(&self, query: &str) -> Result<usize, MatchError> {
        let names: Vec<(String, &str)> = self
            .accounts
            .iter()
            .map(|a| (a.label(), a.name.as_str()))
            .collect();
        find_by_name(&names, query)
    }
}

/// [`Store::find`]'s rules over `(label, name)` pairs, for a front-end that has
/// the accounts' names but not the accounts (a client of the session agent): the
/// index of the one pair `query` names.
pub fn find_by_name<L: AsRef<str>, N: AsRef<str>>(
    names: &[(L, N)],
    query: &str,
) -> Result<usize, MatchError> {
    let query_folded = query.to_lowercase();
    type Rule = fn(&str, &str, &str, &str) -> bool;
    let rules: [Rule; 5] = [
        |label, _, q, _| label == q,
        |_, name, q, _| name == q,
        |label, name, _, f| label.to_lowercase() == f || name.to_lowercase() == f,
        |label, name, _, f| {
            label.to_lowercase().starts_with(f) || name.to_lowercase().starts_with(f)
        },
        |label, _, _, f| label.to_lowercase().contains(f),
    ];
    let label = |i: usize| names[i].0.as_ref().to_owned();
    for rule in rules {
        let hits: Vec<usize> = (0..names.len())
            .filter(|&i| {
                rule(
                    names[i].0.as_ref(),
                    names[i].1.as_ref(),
                    query,
                    &query_folded,
                )
            })
            .collect();
        match hits.as_slice() {
            [] => continue,
            [one] => return Ok(*one),
            many => {
                return Err(MatchError::Ambiguous {
                    query: query.to_owned(),
                    candidates: many.iter().map(|&i| label(i)).collect(),
                });
            }
        }
    }
    Err(MatchError::NotFound {
        query: query.to_owned(),
        candidates: (0..names.len()).map(label).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::code::Period;

    fn account(issuer: Option<&str>, name: &str) -> Account {
        Account {
            name: name.to_owned(),
            issuer: issuer.map(str::to_owned),
            secret: SecretKey::from_bytes(name.as_bytes().to_vec()),
            algorithm: Algorithm::Sha1,
            digits: Digits::SIX,
            kind: Kind::Totp {
                period: Period::DEFAULT,
            },
        }
    }

    fn store() -> Store {
        let mut store = Store::new();
        for (issuer, name) in [
            (Some("GitHub"), "alice"),
            (Some("GitLab"), "alice"),
            (None, "bank"),
            (Some("Google"), "alice@gmail.com"),
        ] {
            store.add(account(issuer, name), 10).unwrap();
        }
        store
    }

    #[test]
    fn matching_rules() {
        let store = store();
        assert_eq!(store.find("GitHub:alice"), Ok(0));
        assert_eq!(store.find("github:ALICE"), Ok(0));
        assert_eq!(store.find("bank"), Ok(2));
        assert_eq!(store.find("BA"), Ok(2));
        assert_eq!(store.find("gith"), Ok(0));
        assert_eq!(store.find("alice@"), Ok(3));
        assert_eq!(
            store.find("git"),
            Err(MatchError::Ambiguous {
                query: "git".into(),
                candidates: vec!["GitHub:alice".into(), "GitLab:alice".into()]
            })
        );
        // "alice" is the exact name of two accounts: ambiguous, not a prefix of the third.
        assert!(
            matches!(store.find("alice"), Err(MatchError::Ambiguous { candidates, .. }) if candidates.len() == 2)
        );
        // A part inside the issuer or name, any case, when nothing starts with it.
        assert_eq!(store.find("HUB"), Ok(0));
        assert_eq!(store.find("gmail"), Ok(3));
        assert!(
            matches!(store.find("ICE"), Err(MatchError::Ambiguous { candidates, .. }) if candidates.len() == 3)
        );
        let err = store.find("nothing").unwrap_err();
        assert!(
            err.to_string().contains("GitHub:alice, GitLab:alice, bank"),
            "{err}"
        );
    }

    #[test]
    fn limit_and_duplicates() {
        let mut store = store();
        assert_eq!(
            store.add(account(Some("github"), "ALICE"), 10),
            Err(AccountError::Duplicate {
                label: "github:ALICE".into()
            })
        );
        store.add(account(None, "x"), 5).unwrap();
        assert_eq!(
            store.add(account(None, "y"), 5),
            Err(AccountError::TooMany { count: 5, limit: 5 })
        );
        assert!(store.add(account(None, " "), 10).is_err());
    }

    #[test]
    fn rename_checks_clashes() {
        let mut store = store();
        assert!(
            store
                .rename(1, "alice", Some(Some("GitHub".into())))
                .is_err()
        );
        store.rename(1, "bob", None).unwrap();
        assert_eq!(store.get(1).unwrap().label(), "GitLab:bob");
        store.rename(2, "bank", Some(Some("Bank".into()))).unwrap();
        assert_eq!(store.find("Bank:bank"), Ok(2));
    }

    #[test]
    fn issuing_codes_advances_hotp_and_offsets_totp() {
        let mut totp = account(None, "t");
        let now = totp.issue_code(1000, None, false).unwrap();
        assert_eq!(now, totp.code_at(1000));
        assert_eq!(
            totp.issue_code(1000, None, true).unwrap(),
            totp.code_at(1030)
        );
        assert_eq!(
            totp.issue_code(1000, Some(5), false).unwrap(),
            totp.code_at(5)
        );

        let mut hotp = account(None, "h");
        hotp.kind = Kind::Hotp { counter: 7 };
        let expected = hotp.code_at(0);
        assert_eq!(hotp.issue_code(1000, None, false).unwrap(), expected);
        assert_eq!(hotp.kind, Kind::Hotp { counter: 8 });
        assert_eq!(
            hotp.issue_code(1000, Some(1), false),
            Err(CodeError::HotpNoTime)
        );
        assert_eq!(
            hotp.issue_code(1000, None, true),
            Err(CodeError::HotpNoTime)
        );
        hotp.kind = Kind::Hotp { counter: u64::MAX };
        assert_eq!(hotp.issue_code(0, None, false), Err(CodeError::CounterMax));
        assert_eq!(hotp.kind, Kind::Hotp { counter: u64::MAX });

        // Steam Guard is time-based: --next is 30 seconds on, --at any time.
        let mut steam = steam(Some("Steam"), "gamer");
        let now = steam.issue_code(1000, None, false).unwrap();
        assert_eq!(now, steam.code_at(1000));
        assert_eq!(now.code().as_str().len(), 5);
        assert_eq!(
            steam.issue_code(1000, None, true).unwrap(),
            steam.code_at(1030)
        );
        assert_eq!(
            steam.issue_code(7, Some(5), true).unwrap(),
            steam.code_at(35)
        );
        assert_eq!(steam.kind, Kind::Steam);
    }

    fn steam(issuer: Option<&str>, name: &str) -> Account {
        Account {
            algorithm: Algorithm::Sha1,
            digits: Digits::STEAM,
            kind: Kind::Steam,
            ..account(issuer, name)
        }
    }

    #[test]
    fn the_link_reads_back_as_the_same_account() {
        let mut hotp = account(Some("AT&T"), "bob: the builder");
        hotp.kind = Kind::Hotp { counter: 42 };
        hotp.digits = Digits::new(8).unwrap();
        hotp.algorithm = Algorithm::Sha256;
        for original in [
            account(Some("GitHub"), "alice"),
            account(None, "a:b"),
            hotp,
            steam(Some("Steam"), "gamer"),
            steam(None, "no issuer"),
        ] {
            let uri = original.to_uri();
            let parsed = crate::otpauth::parse(&uri).unwrap().uri;
            let back = Account {
                name: parsed.account,
                issuer: parsed.issuer,
                secret: parsed.secret,
                algorithm: parsed.algorithm,
                digits: parsed.digits,
                kind: parsed.kind,
            };
            assert_eq!(back, original, "{}", uri.as_str());
        }
    }

    #[test]
    fn same_token_ignores_labels_and_counters() {
        let a = account(Some("A"), "x");
        let mut b = a.clone();
        b.name = "other".into();
        assert!(a.same_token(&b));
        b.digits = Digits::new(8).unwrap();
        assert!(!a.same_token(&b));
        // The same secret as Steam Guard codes is another token.
        let steam = steam(Some("A"), "x");
        assert!(!a.same_token(&steam) && !steam.same_token(&a));
        assert!(steam.same_token(&Account {
            name: "y".into(),
            ..steam.clone()
        }));
    }

    fn link(user: &str) -> PushLink {
        PushLink::new(
            "https://otp.example.org".into(),
            "U1034".into(),
            user.into(),
            format!("S-{user}"),
            Zeroizing::new([7u8; 32]),
        )
    }

    #[test]
    fn push_links_follow_their_accounts_through_rename_and_remove() {
        let mut store = store();
        assert!(!store.has_push_links());
        assert!(store.set_push_link(1, link("gitlab")));
        assert!(!store.set_push_link(9, link("nobody")));
        // Renaming keeps the link with its account.
        store.rename(1, "bob", None).unwrap();
        assert_eq!(
            store.push_link_by_label("GitLab:bob"),
            Some(&link("gitlab"))
        );
        assert_eq!(store.push_link_by_label("GitLab:alice"), None);
        // Removing an account before it moves the link along with the account.
        store.remove(0);
        assert_eq!(store.get(0).unwrap().label(), "GitLab:bob");
        assert_eq!(store.push_link(0), Some(&link("gitlab")));
        let linked: Vec<String> = store.push_links().map(|(_, a, _)| a.label()).collect();
        assert_eq!(linked, ["GitLab:bob"]);
        // Removing the account removes its link, and a new account has none.
        let (account, taken) = store.remove_with_link(0).unwrap();
        assert_eq!(taken, Some(link("gitlab")));
        assert!(!store.has_push_links());
        store
            .add_with_link(account.clone(), Some(link("again")), 10)
            .unwrap();
        let index = store.find("GitLab:bob").unwrap();
        assert_eq!(store.push_link(index), Some(&link("again")));
        assert_eq!(store.take_push_link(index), Some(link("again")));
        assert_eq!(store.push_link(index), None);
        assert!(store.add_with_link(account, Some(link("x")), 10).is_err());
        assert!(!store.has_push_links());
    }

    #[test]
    fn a_push_links_debug_never_shows_the_key() {
        let link = PushLink::new(
            "https://otp.example.org".into(),
            "U1034".into(),
            "jklee".into(),
            "S-1".into(),
            Zeroizing::new([0xab; 32]),
        );
        let mut store = Store::from_accounts(vec![account(None, "jklee")]);
        store.set_push_link(0, link.clone());
        for text in [
            format!("{link:?}"),
            format!("{store:?}"),
            format!("{link:#?}"),
        ] {
            assert!(text.contains("<redacted>"), "{text}");
            assert!(!text.contains("171") && !text.contains("ab, ab"), "{text}");
        }
        assert_eq!(link.seed(), &[0xab; 32]);
    }
}
