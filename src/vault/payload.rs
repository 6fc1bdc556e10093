//! The vault's plaintext: versioned TOML holding the accounts.
//!
//! ```toml
//! version = 1
//!
//! [[accounts]]
//! name = "alice@example.com"
//! issuer = "Example"
//! secret = "JBSWY3DPEHPK3PXP"
//! type = "totp"
//! algorithm = "SHA1"
//! digits = 6
//! period = 30
//! ```
//!
//! A Steam Guard account is `type = "steam"` with `algorithm = "SHA1"` and
//! `digits = 5` (and no period: Steam's is always 30 seconds).
//!
//! **Versions.** Version 1 holds TOTP and HOTP accounts; version 2 adds Steam Guard
//! accounts. The payload is written as the oldest version that can hold it: a vault
//! without a Steam account stays version 1, so the `otp` of before Steam still opens
//! it; one with a Steam account is version 2, which that `otp` refuses whole, with
//! "written by a newer otp (format 2 ...); upgrade otp to open it", before it reads
//! (or could ever write back) any account. Were it version 1, that `otp` would
//! report the account's 5 digits as damage and advise restoring the backup.
//!
//! Version 3 adds push links (`otp approve`): an account enrolled with a device key
//! has one, in a table of its own beside the accounts, named by the account's label:
//!
//! ```toml
//! [[push_links]]
//! account = "KISTI:jklee"
//! server = "https://otp.example.org"
//! customer = "U1034"
//! user_id = "jklee"
//! serial = "T-1234"
//! device_key = "…"   # the Ed25519 seed, base64url: a secret like `secret`
//! ```
//!
//! Version 4 adds a link's private certificate authority (`ca_cert = "-----BEGIN
//! CERTIFICATE-----…"`, the PEM text of `--ca-cert` when the link was made, public,
//! at most 32 KiB): written only when a link has one, so a vault whose links use
//! the public roots stays version 3, and the `otp` of version 3 (which refuses
//! fields it does not know in a link) says "written by a newer otp" instead of
//! calling the vault damaged.
//!
//! Only a vault holding a link is written as version 3; without one it is written
//! as before (1, or 2 with a Steam account), so older `otp`s keep opening it. An
//! older `otp` refuses a version 3 vault whole ("written by a newer otp") rather
//! than dropping the device keys on its next write.
//!
//! Serialised text is returned in zeroizing storage; parsing errors never quote the
//! text, which holds secrets.

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::accounts::{Account, PushLink, Store};
use crate::code::{Algorithm, Digits, Kind, ParamError, Period};
use crate::secret::SecretKey;

/// The newest payload format this build reads (and writes when a vault needs it).
pub const PAYLOAD_VERSION: u32 = 4;

/// The payload version of vaults without Steam Guard accounts, which every `otp`
/// reads.
const FIRST_VERSION: u32 = 1;

/// The version that introduced Steam Guard accounts.
const STEAM_VERSION: u32 = 2;

/// The version that introduced push links (device keys).
const PUSH_VERSION: u32 = 3;

/// The version that introduced a push link's private CA certificate.
const CA_VERSION: u32 = 4;

/// Why a decrypted payload could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PayloadError {
    /// A newer `otp` wrote this vault.
    #[error(
        "the vault was written by a newer otp (format {found}, this one reads up to {PAYLOAD_VERSION}); upgrade otp to open it"
    )]
    TooNew {
        /// The version in the file.
        found: u32,
    },
    /// The decrypted text is not the expected TOML.
    #[error(
        "the vault decrypted but its contents are not valid ({0}); restore the backup next to the vault file"
    )]
    Invalid(String),
    /// The decrypted bytes are not UTF-8 text.
    #[error("the vault decrypted but its contents are not UTF-8 text")]
    NotUtf8,
    /// One account's record holds values no account can have.
    #[error("the vault decrypted but account {name:?} is not valid: {problem}")]
    BadAccount {
        /// The account's name.
        name: String,
        /// What is wrong with it.
        problem: RecordProblem,
    },
}

/// What is wrong with one account's record in the payload.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecordProblem {
    /// An algorithm, digit count or period outside what is supported.
    #[error(transparent)]
    Param(#[from] ParamError),
    /// A type other than `totp` (without a counter), `hotp` (with one) or `steam`
    /// (with neither, or Steam's 30-second period).
    #[error("type {kind:?} with these period/counter fields is not valid")]
    Type {
        /// The record's type.
        kind: String,
    },
    /// A `steam` record whose algorithm or digits are not Steam's (SHA1, 5).
    #[error("a Steam Guard account must be SHA1 with 5 characters")]
    SteamParams,
    /// A push link whose device key is not 32 bytes of base64url, whose CA
    /// certificate is too large, or that names no account (or one named by
    /// another link too).
    #[error("its push link is not valid")]
    PushLink,
}

#[derive(Serialize, Deserialize)]
struct Payload {
    version: u32,
    #[serde(default)]
    accounts: Vec<Record>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    push_links: Vec<LinkRecord>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LinkRecord {
    account: String,
    server: String,
    customer: String,
    user_id: String,
    serial: String,
    device_key: Zeroizing<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ca_cert: Option<String>,
}

impl LinkRecord {
    fn new(label: String, link: &PushLink) -> Self {
        use base64::Engine;
        LinkRecord {
            account: label,
            server: link.server.clone(),
            customer: link.customer.clone(),
            user_id: link.user_id.clone(),
            serial: link.serial.clone(),
            device_key: Zeroizing::new(
                base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(link.seed()),
            ),
            ca_cert: link.ca_cert.clone(),
        }
    }

    fn into_link(self) -> Result<(String, PushLink), PayloadError> {
        use base64::Engine;
        let bad = || PayloadError::BadAccount {
            name: self.account.clone(),
            problem: RecordProblem::PushLink,
        };
        let bytes = Zeroizing::new(
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(self.device_key.as_bytes())
                .map_err(|_| bad())?,
        );
        let mut seed = Zeroizing::new([0u8; 32]);
        if bytes.len() != seed.len() {
            return Err(bad());
        }
        seed.copy_from_slice(&bytes);
        if self
            .ca_cert
            .as_ref()
            .is_some_and(|pem| pem.len() > PushLink::MAX_CA_CERT_BYTES)
        {
            return Err(bad());
        }
        let link = PushLink::new(self.server, self.customer, self.user_id, self.serial, seed)
            .with_ca_cert(self.ca_cert);
        Ok((self.account, link))
    }
}

#[derive(Serialize, Deserialize)]
struct Record {
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    issuer: Option<String>,
    secret: SecretKey,
    #[serde(rename = "type")]
    kind: String,
    algorithm: String,
    digits: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    period: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    counter: Option<u64>,
}

impl From<&Account> for Record {
    fn from(account: &Account) -> Self {
        let (period, counter) = match account.kind {
            Kind::Totp { period } => (Some(period.seconds()), None),
            Kind::Hotp { counter } => (None, Some(counter)),
            Kind::Steam => (None, None),
        };
        Record {
            name: account.name.clone(),
            issuer: account.issuer.clone(),
            secret: account.secret.clone(),
            kind: account.kind.type_name().to_owned(),
            algorithm: account.algorithm.as_str().to_owned(),
            digits: account.digits.get(),
            period,
            counter,
        }
    }
}

impl TryFrom<Record> for Account {
    type Error = PayloadError;

    fn try_from(record: Record) -> Result<Self, Self::Error> {
        let bad = |problem: RecordProblem| PayloadError::BadAccount {
            name: record.name.clone(),
            problem,
        };
        let param = |e: ParamError| bad(RecordProblem::Param(e));
        let algorithm: Algorithm = record.algorithm.parse().map_err(param)?;
        let steam_period = Some(Kind::STEAM_PERIOD.seconds());
        let kind = match (record.kind.as_str(), record.period, record.counter) {
            ("totp", period, None) => Kind::Totp {
                period: period
                    .map(Period::new)
                    .transpose()
                    .map_err(param)?
                    .unwrap_or_default(),
            },
            ("hotp", None, Some(counter)) => Kind::Hotp { counter },
            ("steam", period, None) if period.is_none() || period == steam_period => Kind::Steam,
            (other, _, _) => {
                return Err(bad(RecordProblem::Type {
                    kind: other.to_owned(),
                }));
            }
        };
        let digits = if kind == Kind::Steam {
            if algorithm != Algorithm::Sha1 || record.digits != Digits::STEAM.get() {
                return Err(bad(RecordProblem::SteamParams));
            }
            Digits::STEAM
        } else {
            Digits::new(record.digits).map_err(param)?
        };
        Ok(Account {
            name: record.name,
            issuer: record.issuer,
            secret: record.secret,
            algorithm,
            digits,
            kind,
        })
    }
}

/// The oldest payload version that holds every account of `store` (see the module
/// documentation).
pub fn version_for(store: &Store) -> u32 {
    if store
        .push_links()
        .any(|(_, _, link)| link.ca_cert.is_some())
    {
        CA_VERSION
    } else if store.has_push_links() {
        PUSH_VERSION
    } else if store.accounts().iter().any(|a| a.kind == Kind::Steam) {
        STEAM_VERSION
    } else {
        FIRST_VERSION
    }
}

/// Serialises the store as the oldest payload version that can hold it.
pub fn to_toml(store: &Store) -> Zeroizing<String> {
    let payload = Payload {
        version: version_for(store),
        accounts: store.accounts().iter().map(Record::from).collect(),
        push_links: store
            .push_links()
            .map(|(_, account, link)| LinkRecord::new(account.label(), link))
            .collect(),
    };
    // Serialising plain strings and integers cannot fail; fall back to an empty
    // document rather than panic if the toml crate ever disagrees.
    Zeroizing::new(toml::to_string(&payload).unwrap_or_default())
}

/// Reads decrypted vault bytes (UTF-8 TOML) as accounts.
pub fn from_bytes(plaintext: &[u8]) -> Result<Store, PayloadError> {
    let text = std::str::from_utf8(plaintext).map_err(|_| PayloadError::NotUtf8)?;
    from_toml(text)
}

/// Reads a payload, refusing versions newer than this build understands.
pub fn from_toml(text: &str) -> Result<Store, PayloadError> {
    #[derive(Deserialize)]
    struct VersionOnly {
        version: u32,
    }
    let version = toml::from_str::<VersionOnly>(text)
        .map_err(|e| PayloadError::Invalid(e.message().to_owned()))?
        .version;
    if version > PAYLOAD_VERSION {
        return Err(PayloadError::TooNew { found: version });
    }
    let payload: Payload =
        toml::from_str(text).map_err(|e| PayloadError::Invalid(e.message().to_owned()))?;
    let accounts = payload
        .accounts
        .into_iter()
        .map(Account::try_from)
        .collect::<Result<Vec<_>, _>>()?;
    let mut store = Store::from_accounts(accounts);
    for record in payload.push_links {
        let (label, link) = record.into_link()?;
        let index = store.accounts().iter().position(|a| a.label() == label);
        match index {
            Some(index) if store.push_link(index).is_none() => {
                store.set_push_link(index, link);
            }
            _ => {
                return Err(PayloadError::BadAccount {
                    name: label,
                    problem: RecordProblem::PushLink,
                });
            }
        }
    }
    Ok(store)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Store {
        let mut store = Store::new();
        let secret = SecretKey::parse_base32("JBSWY3DPEHPK3PXP").unwrap();
        store
            .add(
                Account {
                    name: "alice@example.com".into(),
                    issuer: Some("AT&T: \"Mobile\"".into()),
                    secret: secret.clone(),
                    algorithm: Algorithm::Sha512,
                    digits: Digits::new(8).unwrap(),
                    kind: Kind::Totp {
                        period: Period::new(60).unwrap(),
                    },
                },
                10,
            )
            .unwrap();
        store
            .add(
                Account {
                    name: "counter".into(),
                    issuer: None,
                    secret,
                    algorithm: Algorithm::Sha1,
                    digits: Digits::SIX,
                    kind: Kind::Hotp { counter: 42 },
                },
                10,
            )
            .unwrap();
        store
    }

    #[test]
    fn round_trip() {
        let store = sample();
        let text = to_toml(&store);
        assert!(text.starts_with("version = 1"), "{}", text.as_str());
        assert_eq!(from_toml(&text).unwrap(), store);
    }

    fn with_steam() -> Store {
        let mut store = sample();
        store
            .add(
                Account {
                    name: "gamer".into(),
                    issuer: Some("Steam".into()),
                    secret: SecretKey::parse_base32("GEZDGNBVGY3TQOJQ").unwrap(),
                    algorithm: Algorithm::Sha1,
                    digits: Digits::STEAM,
                    kind: Kind::Steam,
                },
                10,
            )
            .unwrap();
        store
    }

    /// A vault written before Steam accounts existed, byte for byte as that `otp`
    /// wrote it: it opens unchanged, and is written back as version 1.
    #[test]
    fn a_version_1_vault_opens_unchanged() {
        let old = "version = 1\n\n[[accounts]]\nname = \"alice@example.com\"\nissuer = \"Example\"\n\
                   secret = \"JBSWY3DPEHPK3PXP\"\ntype = \"totp\"\nalgorithm = \"SHA1\"\ndigits = 6\n\
                   period = 30\n\n[[accounts]]\nname = \"counter\"\nsecret = \"JBSWY3DPEHPK3PXP\"\n\
                   type = \"hotp\"\nalgorithm = \"SHA256\"\ndigits = 8\ncounter = 42\n";
        let store = from_toml(old).unwrap();
        assert_eq!(store.len(), 2);
        assert_eq!(version_for(&store), 1);
        assert_eq!(to_toml(&store).as_str(), old);
    }

    /// A Steam account round-trips, and makes the payload version 2, which the
    /// `otp` of before Steam refuses as "written by a newer otp" (its
    /// PAYLOAD_VERSION was 1) instead of reading the account as damaged.
    #[test]
    fn a_steam_account_round_trips_as_version_2() {
        let store = with_steam();
        let text = to_toml(&store);
        assert!(text.starts_with("version = 2\n"), "{}", text.as_str());
        assert!(
            text.contains("type = \"steam\"\nalgorithm = \"SHA1\"\ndigits = 5\n"),
            "{}",
            text.as_str()
        );
        assert_eq!(from_toml(&text).unwrap(), store);
        // Without the Steam account, the vault is version 1 again.
        let mut store = store;
        store.remove(2);
        assert!(to_toml(&store).starts_with("version = 1\n"));
        // Steam's period may be written; another period, other digits or a counter
        // are refused.
        let steam = to_toml(&with_steam());
        let with_period = steam.replace("digits = 5\n", "digits = 5\nperiod = 30\n");
        assert_eq!(from_toml(&with_period).unwrap(), with_steam());
        for (from, to, problem) in [
            ("digits = 5\n", "digits = 6\n", RecordProblem::SteamParams),
            (
                "type = \"steam\"\nalgorithm = \"SHA1\"",
                "type = \"steam\"\nalgorithm = \"SHA256\"",
                RecordProblem::SteamParams,
            ),
            (
                "digits = 5\n",
                "digits = 5\nperiod = 60\n",
                RecordProblem::Type {
                    kind: "steam".into(),
                },
            ),
            (
                "digits = 5\n",
                "digits = 5\ncounter = 1\n",
                RecordProblem::Type {
                    kind: "steam".into(),
                },
            ),
        ] {
            let text = steam.replace(from, to);
            assert_eq!(
                from_toml(&text),
                Err(PayloadError::BadAccount {
                    name: "gamer".into(),
                    problem
                }),
                "{to}"
            );
        }
    }

    fn with_link() -> Store {
        let mut store = with_steam();
        store.set_push_link(
            0,
            PushLink::new(
                "https://otp.example.org".into(),
                "U1034".into(),
                "jklee".into(),
                "T-1".into(),
                Zeroizing::new([0x5a; 32]),
            ),
        );
        store
    }

    /// A push link round-trips and makes the payload version 3; without links the
    /// vault is written exactly as before (the version 1 and 2 tests above), and
    /// the `otp` of before links (which read up to 2) refuses it whole.
    #[test]
    fn a_push_link_round_trips_as_version_3() {
        let store = with_link();
        let text = to_toml(&store);
        assert!(text.starts_with("version = 3\n"), "{}", text.as_str());
        assert!(
            text.contains("[[push_links]]\naccount = 'AT&T: \"Mobile\":alice@example.com'\n"),
            "{}",
            text.as_str()
        );
        let back = from_toml(&text).unwrap();
        assert_eq!(back, store);
        assert_eq!(back.push_link(0).unwrap().seed(), &[0x5a; 32]);
        // Renamed and written again, the link still belongs to its account.
        let mut renamed = back;
        renamed.rename(0, "bob", Some(None)).unwrap();
        let again = from_toml(&to_toml(&renamed)).unwrap();
        assert_eq!(again.push_link_by_label("bob").unwrap().user_id, "jklee");
        // Removing the linked account brings the version down again.
        let mut removed = again;
        removed.remove(0);
        assert!(to_toml(&removed).starts_with("version = 2\n"));
        assert!(!to_toml(&removed).contains("push_links"));
    }

    /// A link's CA certificate makes the payload version 4 (the `otp` of version
    /// 3 refuses unknown fields in a link, so it must see a newer version rather
    /// than damage); without one the link is written as version 3, as before.
    #[test]
    fn a_ca_certificate_round_trips_as_version_4() {
        const PEM: &str = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
        let mut store = with_link();
        let link = store.take_push_link(0).unwrap();
        store.set_push_link(0, link.with_ca_cert(Some(PEM.into())));
        let text = to_toml(&store);
        assert!(text.starts_with("version = 4\n"), "{}", text.as_str());
        let back = from_toml(&text).unwrap();
        assert_eq!(back.push_link(0).unwrap().ca_cert.as_deref(), Some(PEM));
        assert_eq!(back, store);
        // A version 3 vault (no CA) still reads, its links without one.
        let old = to_toml(&with_link());
        assert!(old.starts_with("version = 3\n") && !old.contains("ca_cert"));
        assert_eq!(from_toml(&old).unwrap().push_link(0).unwrap().ca_cert, None);
        // An oversized certificate is refused like any broken link.
        let big = text.replace("MIIB", &"A".repeat(PushLink::MAX_CA_CERT_BYTES));
        assert!(matches!(
            from_toml(&big),
            Err(PayloadError::BadAccount {
                problem: RecordProblem::PushLink,
                ..
            })
        ));
    }

    #[test]
    fn a_broken_push_link_is_refused_without_quoting_the_key() {
        let text = to_toml(&with_link());
        let short = text.replace("device_key = \"", "device_key = \"AAAA");
        let error = from_toml(&short).unwrap_err();
        assert!(matches!(
            &error,
            PayloadError::BadAccount {
                problem: RecordProblem::PushLink,
                ..
            }
        ));
        assert!(!error.to_string().contains("Wlpa"), "{error}");
        let orphan = text.replace("account = 'AT&T", "account = 'nobody AT&T");
        assert_ne!(orphan, text.as_str());
        assert!(matches!(
            from_toml(&orphan),
            Err(PayloadError::BadAccount {
                problem: RecordProblem::PushLink,
                ..
            })
        ));
    }

    #[test]
    fn refuses_newer_versions_and_bad_fields() {
        assert_eq!(
            from_toml("version = 5\naccounts = []"),
            Err(PayloadError::TooNew { found: 5 })
        );
        assert_eq!(from_toml("version = 4\naccounts = []"), Ok(Store::new()));
        assert_eq!(from_toml("version = 3\naccounts = []"), Ok(Store::new()));
        assert_eq!(from_toml("version = 2\naccounts = []"), Ok(Store::new()));
        let text = to_toml(&sample()).replace("SHA512", "MD5");
        assert!(matches!(
            from_toml(&text),
            Err(PayloadError::BadAccount {
                problem: RecordProblem::Param(ParamError::UnknownAlgorithm(name)),
                ..
            }) if name == "MD5"
        ));
        let text = to_toml(&sample()).replace("counter = 42", "period = 30");
        assert!(matches!(
            from_toml(&text),
            Err(PayloadError::BadAccount {
                problem: RecordProblem::Type { .. },
                ..
            })
        ));
        assert!(matches!(
            from_toml("garbage"),
            Err(PayloadError::Invalid(_))
        ));
        assert_eq!(from_bytes(b"\xff\xfe"), Err(PayloadError::NotUtf8));
    }

    #[test]
    fn errors_never_quote_the_secret() {
        let text = to_toml(&sample()).replace("JBSWY3DPEHPK3PXP", "JBSWY3DPEHPK3PX0");
        let err = from_toml(&text).unwrap_err().to_string();
        assert!(!err.contains("JBSWY3DP"), "{err}");
    }
}
