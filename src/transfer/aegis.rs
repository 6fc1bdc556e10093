//! Aegis Authenticator vault exports: read plain and password-encrypted ones, and
//! write an encrypted one Aegis can import.
//!
//! The format (Aegis's `docs/vault.md`):
//!
//! ```text
//! { "version": 1,
//!   "header": { "slots": [slot, ...] | null, "params": {"nonce": hex, "tag": hex} | null },
//!   "db": {"version": 1..=3, "entries": [...], "groups": [...]} | "<base64 ciphertext>" }
//! ```
//!
//! A plain export has null slots and params and `db` is the object. An encrypted one
//! has a random 256-bit master key that AES-256-GCM-encrypts the `db` JSON; every
//! password slot (type 1) holds that key wrapped with AES-256-GCM under
//! scrypt(password, salt, n, r, p). Slots of other types (biometric: a key in the
//! phone's keystore) are useless here and skipped.
//!
//! The scrypt parameters come from the file, so they are checked before use: a
//! crafted file must not make otp allocate gigabytes or compute for hours.

use aes_gcm::Aes256Gcm;
use aes_gcm::aead::generic_array::GenericArray;
use aes_gcm::aead::{AeadInPlace, KeyInit};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::entry::{Entry, account, json_digits, json_period, steam, whole_number};
use super::error::{AegisPart, ExportProblem, ImportError, Problem, ScryptExcess};
use super::format::Format;
use super::imported::{
    Field, Imported, Note, PasswordPrompt, Reason, Remark, Scheme, Unrepresentable,
};
use crate::accounts::Account;
use crate::code::{Algorithm, Digits, Kind, Period};
use crate::secret::SecretKey;

/// The outer file version this build reads and writes.
const FILE_VERSION: i64 = 1;
/// The newest `db` version this build reads, and the one it writes.
const DB_VERSION: i64 = 3;
/// Slot type of a password slot.
const PASSWORD_SLOT: i64 = 1;

const KEY_LEN: usize = 32;
const NONCE_LEN: usize = 12;
const TAG_LEN: usize = 16;

/// The scrypt cost Aegis itself uses (N = 2^15, r = 8, p = 1: 32 MiB); exports use it.
const AEGIS_SCRYPT: Scrypt = Scrypt {
    log_n: 15,
    r: 8,
    p: 1,
};

/// Largest scrypt N a file may ask for (2^22, like the vault's own cap).
const MAX_LOG_N: u8 = 22;
/// Largest scrypt memory (128 · r · N bytes) a file may ask for: 1 GiB.
const MAX_SCRYPT_MEMORY: u64 = 1 << 30;
/// Largest r · p a file may ask for (scrypt's second buffer is 128 · r · p bytes).
const MAX_R_TIMES_P: u64 = 64;
/// Largest total work N · r · p a file may ask for: 128 times Aegis's own.
const MAX_SCRYPT_WORK: u64 = 1 << 25;
/// Password slots tried at most (each costs one scrypt run).
const MAX_PASSWORD_SLOTS: usize = 8;

/// Whether the JSON looks like an Aegis export: an object with `header` and `db`.
pub fn looks_like(value: &serde_json::Value) -> bool {
    value
        .as_object()
        .is_some_and(|object| object.contains_key("header") && object.contains_key("db"))
}

/// Reads an Aegis export, asking `password` for the password only when the file is
/// encrypted.
pub fn read(text: &str, password: &mut PasswordPrompt<'_>) -> Result<Imported, ImportError> {
    let file: FileJson =
        serde_json::from_str(text).map_err(|error| ImportError::json(Format::Aegis, &error))?;
    if file.version > FILE_VERSION {
        return Err(ImportError::UnknownVersion {
            format: Format::Aegis,
            version: file.version,
            known: FILE_VERSION,
        });
    }
    let encrypted = file.header.slots.is_some() || file.header.params.is_some();
    let db = match (encrypted, file.db) {
        (false, DbField::Plain(db)) => db,
        (true, DbField::Encrypted(ciphertext)) => {
            let plaintext = decrypt(&file.header, &ciphertext, password)?;
            serde_json::from_slice(&plaintext)
                .map_err(|error| ImportError::json(Format::Aegis, &error))?
        }
        (false, DbField::Encrypted(_)) => {
            return Err(ImportError::malformed(
                Format::Aegis,
                Problem::AegisEncryptedWithoutKeys,
            ));
        }
        (true, DbField::Plain(_)) => {
            return Err(ImportError::malformed(
                Format::Aegis,
                Problem::AegisPlainButEncrypted,
            ));
        }
    };
    convert(db)
}

/// An Aegis export of `accounts`, encrypted with `password`, with Aegis's own scrypt
/// cost: Aegis imports it (Import → Aegis) with the same password.
pub fn export(accounts: &[Account], password: &str) -> Result<String, ImportError> {
    export_with(accounts, password, AEGIS_SCRYPT)
}

// ---------------------------------------------------------------------------------
// The file as JSON. Secrets are read into zeroizing strings, never into a
// `serde_json::Value`.

#[derive(Deserialize)]
struct FileJson {
    version: i64,
    header: HeaderJson,
    db: DbField,
}

#[derive(Deserialize)]
struct HeaderJson {
    #[serde(default)]
    slots: Option<Vec<SlotJson>>,
    #[serde(default)]
    params: Option<ParamsJson>,
}

/// A slot as the file states it; which fields are needed depends on the type.
#[derive(Deserialize)]
struct SlotJson {
    #[serde(rename = "type")]
    kind: i64,
    #[serde(default)]
    key: Option<String>,
    #[serde(default)]
    key_params: Option<ParamsJson>,
    #[serde(default)]
    n: Option<u64>,
    #[serde(default)]
    r: Option<u64>,
    #[serde(default)]
    p: Option<u64>,
    #[serde(default)]
    salt: Option<String>,
}

#[derive(Deserialize)]
struct ParamsJson {
    nonce: String,
    tag: String,
}

/// `db`: the entries, or (encrypted) a base64 string.
enum DbField {
    Plain(DbJson),
    Encrypted(String),
}

impl<'de> Deserialize<'de> for DbField {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DbVisitor;

        impl<'de> Visitor<'de> for DbVisitor {
            type Value = DbField;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object or a base64 string")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<DbField, E> {
                Ok(DbField::Encrypted(text.to_owned()))
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<DbField, A::Error> {
                DbJson::deserialize(de::value::MapAccessDeserializer::new(map)).map(DbField::Plain)
            }
        }

        deserializer.deserialize_any(DbVisitor)
    }
}

#[derive(Deserialize)]
struct DbJson {
    version: i64,
    entries: Vec<EntryJson>,
}

#[derive(Deserialize)]
struct EntryJson {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    issuer: Option<String>,
    #[serde(default)]
    info: Option<InfoJson>,
}

#[derive(Deserialize)]
struct InfoJson {
    #[serde(default)]
    secret: Option<Zeroizing<String>>,
    #[serde(default)]
    algo: Option<String>,
    #[serde(default)]
    digits: Option<serde_json::Value>,
    #[serde(default)]
    period: Option<serde_json::Value>,
    #[serde(default)]
    counter: Option<serde_json::Value>,
}

// ---------------------------------------------------------------------------------
// Decryption.

/// scrypt parameters, checked against the limits above.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Scrypt {
    log_n: u8,
    r: u32,
    p: u32,
}

impl Scrypt {
    /// Checks a file's `n`, `r` and `p`.
    fn from_file(n: u64, r: u64, p: u64) -> Result<Self, ImportError> {
        if n < 2 || !n.is_power_of_two() {
            return Err(ImportError::malformed(
                Format::Aegis,
                Problem::AegisScryptN { n },
            ));
        }
        let log_n = u8::try_from(n.trailing_zeros()).unwrap_or(u8::MAX);
        let refuse = |excess: ScryptExcess| {
            ImportError::malformed(Format::Aegis, Problem::AegisScryptRefused { excess })
        };
        if r == 0 || p == 0 {
            return Err(refuse(ScryptExcess::ZeroCost { r, p }));
        }
        if log_n > MAX_LOG_N {
            return Err(refuse(ScryptExcess::LogN {
                log_n,
                max: MAX_LOG_N,
            }));
        }
        let r_times_p = r.saturating_mul(p);
        if r_times_p > MAX_R_TIMES_P {
            return Err(refuse(ScryptExcess::RTimesP {
                value: r_times_p,
                max: MAX_R_TIMES_P,
            }));
        }
        let memory = n.saturating_mul(r).saturating_mul(128);
        if memory > MAX_SCRYPT_MEMORY {
            return Err(refuse(ScryptExcess::Memory {
                mib: memory >> 20,
                max_mib: MAX_SCRYPT_MEMORY >> 20,
            }));
        }
        let work = n.saturating_mul(r_times_p);
        if work > MAX_SCRYPT_WORK {
            return Err(refuse(ScryptExcess::Work {
                log_work: work.ilog2(),
                max_log: MAX_SCRYPT_WORK.ilog2(),
            }));
        }
        // r and p are at most 64 here.
        Ok(Scrypt {
            log_n,
            r: u32::try_from(r).unwrap_or(u32::MAX),
            p: u32::try_from(p).unwrap_or(u32::MAX),
        })
    }

    /// The 32-byte key scrypt derives from `password` and `salt`.
    fn derive(self, password: &[u8], salt: &[u8]) -> Result<Zeroizing<[u8; KEY_LEN]>, ImportError> {
        let params = scrypt::Params::new(self.log_n, self.r, self.p, KEY_LEN)
            .map_err(|_| ImportError::malformed(Format::Aegis, Problem::AegisScryptInvalid))?;
        let mut key = Zeroizing::new([0u8; KEY_LEN]);
        scrypt::scrypt(password, salt, &params, key.as_mut_slice())
            .map_err(|_| ImportError::malformed(Format::Aegis, Problem::AegisScryptInvalid))?;
        Ok(key)
    }
}

/// A password slot, decoded and checked.
struct PasswordSlot {
    wrapped_key: Vec<u8>,
    nonce: [u8; NONCE_LEN],
    tag: [u8; TAG_LEN],
    salt: Vec<u8>,
    scrypt: Scrypt,
}

impl PasswordSlot {
    fn parse(slot: &SlotJson, index: usize) -> Result<Self, ImportError> {
        let missing = |field: &'static str| {
            ImportError::malformed(
                Format::Aegis,
                Problem::AegisSlotField {
                    slot: index + 1,
                    field,
                },
            )
        };
        let key_params = slot
            .key_params
            .as_ref()
            .ok_or_else(|| missing("key_params"))?;
        let (nonce, tag) = decode_params(
            key_params,
            AegisPart::SlotNonce(index + 1),
            AegisPart::SlotTag(index + 1),
        )?;
        let wrapped_key = decode_hex(
            slot.key.as_deref().ok_or_else(|| missing("key"))?,
            AegisPart::SlotKey,
        )?;
        let salt = decode_hex(
            slot.salt.as_deref().ok_or_else(|| missing("salt"))?,
            AegisPart::SlotSalt,
        )?;
        if salt.is_empty() || salt.len() > 1024 {
            return Err(ImportError::malformed(
                Format::Aegis,
                Problem::AegisSaltLength,
            ));
        }
        let scrypt = Scrypt::from_file(
            slot.n.ok_or_else(|| missing("n"))?,
            slot.r.ok_or_else(|| missing("r"))?,
            slot.p.ok_or_else(|| missing("p"))?,
        )?;
        Ok(PasswordSlot {
            wrapped_key,
            nonce,
            tag,
            salt,
            scrypt,
        })
    }

    /// The master key, or `None` when `password` is not this slot's.
    fn unlock(&self, password: &[u8]) -> Result<Option<Zeroizing<Vec<u8>>>, ImportError> {
        let key = self.scrypt.derive(password, &self.salt)?;
        Ok(open(
            key.as_slice(),
            &self.nonce,
            &self.wrapped_key,
            &self.tag,
        ))
    }
}

fn decode_hex(text: &str, part: AegisPart) -> Result<Vec<u8>, ImportError> {
    hex::decode(text)
        .map_err(|_| ImportError::malformed(Format::Aegis, Problem::AegisNotHex { part }))
}

fn decode_params(
    params: &ParamsJson,
    nonce_part: AegisPart,
    tag_part: AegisPart,
) -> Result<([u8; NONCE_LEN], [u8; TAG_LEN]), ImportError> {
    let nonce = decode_hex(&params.nonce, nonce_part)?;
    let tag = decode_hex(&params.tag, tag_part)?;
    let nonce = <[u8; NONCE_LEN]>::try_from(nonce.as_slice()).map_err(|_| {
        ImportError::malformed(
            Format::Aegis,
            Problem::AegisLength {
                part: nonce_part,
                bytes: NONCE_LEN,
            },
        )
    })?;
    let tag = <[u8; TAG_LEN]>::try_from(tag.as_slice()).map_err(|_| {
        ImportError::malformed(
            Format::Aegis,
            Problem::AegisLength {
                part: tag_part,
                bytes: TAG_LEN,
            },
        )
    })?;
    Ok((nonce, tag))
}

/// AES-256-GCM decryption with a detached tag; `None` when the key is wrong or the
/// data damaged (or the key is not 32 bytes).
fn open(
    key: &[u8],
    nonce: &[u8; NONCE_LEN],
    ciphertext: &[u8],
    tag: &[u8; TAG_LEN],
) -> Option<Zeroizing<Vec<u8>>> {
    let cipher = Aes256Gcm::new_from_slice(key).ok()?;
    let mut buffer = Zeroizing::new(ciphertext.to_vec());
    cipher
        .decrypt_in_place_detached(
            &GenericArray::from(*nonce),
            b"",
            buffer.as_mut_slice(),
            &GenericArray::from(*tag),
        )
        .ok()?;
    Some(buffer)
}

/// Decrypts the `db` string: every check that needs no password comes first, so a
/// damaged file is reported before the user is asked for anything.
fn decrypt(
    header: &HeaderJson,
    db: &str,
    password: &mut PasswordPrompt<'_>,
) -> Result<Zeroizing<Vec<u8>>, ImportError> {
    let slots = header
        .slots
        .as_ref()
        .ok_or_else(|| ImportError::malformed(Format::Aegis, Problem::AegisNoSlots))?;
    let params = header
        .params
        .as_ref()
        .ok_or_else(|| ImportError::malformed(Format::Aegis, Problem::AegisNoParams))?;
    let (nonce, tag) = decode_params(params, AegisPart::ContentsNonce, AegisPart::ContentsTag)?;
    let compact: String = db.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    let ciphertext = BASE64
        .decode(compact.as_bytes())
        .map_err(|_| ImportError::malformed(Format::Aegis, Problem::AegisNotBase64))?;
    let password_slots = slots
        .iter()
        .enumerate()
        .filter(|(_, slot)| slot.kind == PASSWORD_SLOT)
        .map(|(index, slot)| PasswordSlot::parse(slot, index))
        .collect::<Result<Vec<_>, _>>()?;
    if password_slots.is_empty() {
        return Err(ImportError::malformed(
            Format::Aegis,
            Problem::AegisNoPasswordSlot,
        ));
    }
    if password_slots.len() > MAX_PASSWORD_SLOTS {
        return Err(ImportError::malformed(
            Format::Aegis,
            Problem::AegisTooManySlots {
                count: password_slots.len(),
                max: MAX_PASSWORD_SLOTS,
            },
        ));
    }

    let password = password(Format::Aegis)?;
    for slot in &password_slots {
        let Some(master_key) = slot.unlock(password.as_bytes())? else {
            continue;
        };
        if master_key.len() != KEY_LEN {
            return Err(ImportError::malformed(
                Format::Aegis,
                Problem::AegisMasterKey,
            ));
        }
        return open(&master_key, &nonce, &ciphertext, &tag)
            .ok_or_else(|| ImportError::malformed(Format::Aegis, Problem::AegisContentsDamaged));
    }
    Err(ImportError::WrongPassword(Format::Aegis))
}

// ---------------------------------------------------------------------------------
// Entries to accounts.

fn convert(db: DbJson) -> Result<Imported, ImportError> {
    if db.version > DB_VERSION {
        return Err(ImportError::UnknownVersion {
            format: Format::Aegis,
            version: db.version,
            known: DB_VERSION,
        });
    }
    let mut imported = Imported::default();
    for (position, entry) in db.entries.iter().enumerate() {
        let label = entry_label(entry, position);
        match convert_entry(entry, position) {
            Ok((account, notes)) => {
                imported.notes.extend(
                    notes
                        .into_iter()
                        .map(|text| Note::new(account.label(), text)),
                );
                imported.accounts.push(account);
            }
            Err(reason) => imported
                .unrepresentable
                .push(Unrepresentable::new(label, reason)),
        }
    }
    Ok(imported)
}

/// How the file names an entry: `issuer:name`, one of them, or its position.
fn entry_label(entry: &EntryJson, position: usize) -> String {
    let name = entry.name.as_deref().unwrap_or("").trim();
    let issuer = entry.issuer.as_deref().unwrap_or("").trim();
    match (issuer.is_empty(), name.is_empty()) {
        (false, false) => format!("{issuer}:{name}"),
        (false, true) => issuer.to_owned(),
        (true, false) => name.to_owned(),
        // Unnamed: its position, in no language.
        (true, true) => format!("#{}", position + 1),
    }
}

/// The account of one entry and remarks about it, or why it cannot be imported.
///
/// A Steam Guard entry (`"type": "steam"`; Aegis writes `"algo": "SHA1"`,
/// `"digits": 5`, `"period": 30` in its info) becomes a Steam Guard account.
fn convert_entry(entry: &EntryJson, position: usize) -> Result<(Account, Vec<Remark>), Reason> {
    let (is_hotp, is_steam) = match entry.kind.as_str() {
        "totp" => (false, false),
        "hotp" => (true, false),
        "steam" => (false, true),
        "motp" => return Err(Reason::Unsupported(Scheme::Motp)),
        "yandex" => return Err(Reason::Unsupported(Scheme::Yandex)),
        other => {
            return Err(Reason::UnknownType {
                name: other.to_owned(),
            });
        }
    };
    let info = entry.info.as_ref().ok_or(Reason::NoParameters)?;
    let mut notes = Vec::new();
    let secret = match info.secret.as_deref().map(|text| text.trim()) {
        Some(text) if !text.is_empty() => {
            SecretKey::parse_base32(text).map_err(|_| Reason::SecretNotBase32)?
        }
        _ => return Err(Reason::NoSecret),
    };
    let name = entry.name.as_deref().unwrap_or("");
    let issuer = entry.issuer.as_deref().unwrap_or("");
    if is_steam {
        let (algorithm, digits, kind) = steam(
            info.algo.as_deref(),
            info.digits.as_ref(),
            info.period.as_ref(),
        )?;
        let entry = Entry {
            name,
            issuer,
            algorithm,
            digits,
            kind,
        };
        return Ok((account(entry, secret, position), notes));
    }
    let algorithm = match &info.algo {
        Some(name) => name.parse::<Algorithm>().map_err(Reason::Param)?,
        None => {
            notes.push(Remark::AssumedSha1);
            Algorithm::Sha1
        }
    };
    let digits = match &info.digits {
        Some(value) => json_digits(value)?,
        None => {
            notes.push(Remark::AssumedSixDigits);
            Digits::SIX
        }
    };
    let kind = if is_hotp {
        let counter = match &info.counter {
            Some(value) => whole_number(value, Field::Counter)?,
            None => {
                notes.push(Remark::AssumedCounterZero);
                0
            }
        };
        Kind::Hotp { counter }
    } else {
        let period = match &info.period {
            Some(value) => json_period(value)?,
            None => {
                notes.push(Remark::AssumedPeriod);
                Period::DEFAULT
            }
        };
        Kind::Totp { period }
    };
    let entry = Entry {
        name,
        issuer,
        algorithm,
        digits,
        kind,
    };
    Ok((account(entry, secret, position), notes))
}

// ---------------------------------------------------------------------------------
// Export.

#[derive(Serialize)]
struct ExportFile<'a> {
    version: i64,
    header: ExportHeader<'a>,
    db: String,
}

#[derive(Serialize)]
struct ExportHeader<'a> {
    slots: [ExportSlot<'a>; 1],
    params: ExportParams,
}

#[derive(Serialize)]
struct ExportSlot<'a> {
    #[serde(rename = "type")]
    kind: i64,
    uuid: &'a str,
    key: String,
    key_params: ExportParams,
    n: u64,
    r: u32,
    p: u32,
    salt: String,
    repaired: bool,
    is_backup: bool,
}

#[derive(Serialize)]
struct ExportParams {
    nonce: String,
    tag: String,
}

#[derive(Serialize)]
struct ExportDb<'a> {
    version: i64,
    entries: Vec<ExportEntry<'a>>,
    groups: [(); 0],
    icons_optimized: bool,
}

#[derive(Serialize)]
struct ExportEntry<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    uuid: String,
    name: &'a str,
    issuer: &'a str,
    note: &'static str,
    favorite: bool,
    icon: Option<()>,
    info: ExportInfo,
    groups: [(); 0],
}

#[derive(Serialize)]
struct ExportInfo {
    secret: Zeroizing<String>,
    algo: &'static str,
    digits: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    period: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    counter: Option<u64>,
}

fn random<const N: usize>() -> Result<Zeroizing<[u8; N]>, ImportError> {
    crate::random::secret_bytes::<N>().map_err(|_| ImportError::Export(ExportProblem::AegisRandom))
}

/// A random (version 4) UUID in its text form.
fn uuid_v4() -> Result<String, ImportError> {
    let mut bytes = *random::<16>()?;
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex = hex::encode(bytes);
    Ok(format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    ))
}

/// Serialises `value` into zeroizing storage of exactly the right size, so no
/// reallocation leaves a copy of the secrets behind.
fn json_bytes<T: Serialize>(value: &T) -> Result<Zeroizing<Vec<u8>>, ImportError> {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0 += bytes.len();
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    let failed = |_| ImportError::Export(ExportProblem::AegisJson);
    serde_json::to_writer(&mut count, value).map_err(failed)?;
    let mut bytes = Zeroizing::new(Vec::with_capacity(count.0));
    serde_json::to_writer(&mut *bytes, value).map_err(failed)?;
    Ok(bytes)
}

fn export_entry(account: &Account) -> Result<ExportEntry<'_>, ImportError> {
    let (kind, period, counter) = match account.kind {
        Kind::Totp { period } => ("totp", Some(period.seconds()), None),
        // As Aegis writes its own Steam entries: SHA1, 5 digits, 30 seconds.
        Kind::Steam => ("steam", Some(Kind::STEAM_PERIOD.seconds()), None),
        Kind::Hotp { counter } => {
            // Aegis reads the counter as a Java long.
            if i64::try_from(counter).is_err() {
                return Err(ImportError::Export(ExportProblem::AegisCounter {
                    label: account.label(),
                    max: i64::MAX,
                }));
            }
            ("hotp", None, Some(counter))
        }
    };
    Ok(ExportEntry {
        kind,
        uuid: uuid_v4()?,
        name: &account.name,
        issuer: account.issuer.as_deref().unwrap_or(""),
        note: "",
        favorite: false,
        icon: None,
        info: ExportInfo {
            secret: account.secret.to_base32(),
            algo: account.algorithm.as_str(),
            digits: account.digits.get(),
            period,
            counter,
        },
        groups: [],
    })
}

/// [`export`] with chosen scrypt parameters (tests use cheap ones).
fn export_with(accounts: &[Account], password: &str, cost: Scrypt) -> Result<String, ImportError> {
    if password.is_empty() {
        return Err(ImportError::Export(ExportProblem::AegisEmptyPassword));
    }
    let db = ExportDb {
        version: DB_VERSION,
        entries: accounts
            .iter()
            .map(export_entry)
            .collect::<Result<_, _>>()?,
        groups: [],
        icons_optimized: true,
    };
    let mut contents = json_bytes(&db)?;
    drop(db);

    let master_key = random::<KEY_LEN>()?;
    let salt = random::<KEY_LEN>()?;
    let slot_nonce = random::<NONCE_LEN>()?;
    let db_nonce = random::<NONCE_LEN>()?;
    let password_key = cost.derive(password.as_bytes(), salt.as_slice())?;

    let mut wrapped_key = Zeroizing::new(master_key.to_vec());
    let slot_tag = seal(&password_key, &slot_nonce, &mut wrapped_key)?;
    let db_tag = seal(&master_key, &db_nonce, &mut contents)?;

    let slot_uuid = uuid_v4()?;
    let file = ExportFile {
        version: FILE_VERSION,
        header: ExportHeader {
            slots: [ExportSlot {
                kind: PASSWORD_SLOT,
                uuid: &slot_uuid,
                key: hex::encode(wrapped_key.as_slice()),
                key_params: ExportParams {
                    nonce: hex::encode(slot_nonce.as_slice()),
                    tag: hex::encode(slot_tag),
                },
                n: 1u64 << cost.log_n,
                r: cost.r,
                p: cost.p,
                salt: hex::encode(salt.as_slice()),
                repaired: true,
                is_backup: false,
            }],
            params: ExportParams {
                nonce: hex::encode(db_nonce.as_slice()),
                tag: hex::encode(db_tag),
            },
        },
        db: BASE64.encode(contents.as_slice()),
    };
    serde_json::to_string_pretty(&file).map_err(|_| ImportError::Export(ExportProblem::AegisJson))
}

/// AES-256-GCM-encrypts `buffer` in place; returns the detached tag.
fn seal(
    key: &[u8; KEY_LEN],
    nonce: &[u8; NONCE_LEN],
    buffer: &mut [u8],
) -> Result<[u8; TAG_LEN], ImportError> {
    let cipher = Aes256Gcm::new_from_slice(key)
        .map_err(|_| ImportError::Export(ExportProblem::AegisEncryptFailed))?;
    let tag = cipher
        .encrypt_in_place_detached(&GenericArray::from(*nonce), b"", buffer)
        .map_err(|_| ImportError::Export(ExportProblem::AegisEncryptFailed))?;
    Ok(tag.into())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use std::cell::Cell;

    use super::*;
    use crate::transfer::fixtures::{
        PASSWORD, assert_expected, edit_json, every_parameter, expected_accounts, is_malformed,
        no_prompt, prompt,
    };

    const PLAIN: &str = include_str!("../../tests/data/import/aegis-plain.json");
    const ENCRYPTED: &str = include_str!("../../tests/data/import/aegis-encrypted.json");

    /// Cheap scrypt for tests that decrypt many times.
    const CHEAP: Scrypt = Scrypt {
        log_n: 4,
        r: 8,
        p: 1,
    };

    fn read_with(text: &str, password: &str) -> (Result<Imported, ImportError>, usize) {
        let calls = Cell::new(0);
        let result = read(text, &mut prompt(password, &calls));
        (result, calls.get())
    }

    #[test]
    fn detects_both_files() {
        // `transfer::detect` on these files is tested beside it, in transfer/mod.rs.
        for text in [PLAIN, ENCRYPTED] {
            assert!(looks_like(&serde_json::from_str(text).unwrap()));
        }
        assert!(!looks_like(&serde_json::json!({"header": {}})));
        assert!(!looks_like(&serde_json::json!([1])));
    }

    #[test]
    fn reads_the_plain_file_without_asking_for_a_password() {
        let imported = read(PLAIN, &mut no_prompt).unwrap();
        assert_expected(&imported);
    }

    #[test]
    fn reads_the_encrypted_file_and_asks_once() {
        let (result, calls) = read_with(ENCRYPTED, PASSWORD);
        assert_expected(&result.unwrap());
        assert_eq!(calls, 1);
    }

    #[test]
    fn wrong_password() {
        let (result, calls) = read_with(ENCRYPTED, "correct horse battery stapler");
        assert_eq!(result, Err(ImportError::WrongPassword(Format::Aegis)));
        assert_eq!(calls, 1);
    }

    #[test]
    fn a_refused_prompt_is_passed_on() {
        let mut refuse = |_| Err(ImportError::Password("no terminal".into()));
        assert_eq!(
            read(ENCRYPTED, &mut refuse),
            Err(ImportError::Password("no terminal".into()))
        );
    }

    #[test]
    fn only_password_slots_are_tried() {
        // The fixture's first slot is biometric; without the password slot nothing opens.
        let biometric_only = edit_json(ENCRYPTED, |v| {
            v["header"]["slots"]
                .as_array_mut()
                .unwrap()
                .retain(|s| s["type"] == 2);
        });
        let (result, calls) = read_with(&biometric_only, PASSWORD);
        assert!(
            is_malformed(&result, Format::Aegis, "no password slot"),
            "{result:?}"
        );
        assert_eq!(calls, 0);
    }

    #[test]
    fn absurd_scrypt_parameters_are_refused_before_asking() {
        for (n, r, p, why) in [
            (1u64 << 30, 8u64, 1u64, "2^30"),
            (1 << 23, 1, 1, "2^23"),
            (1 << 22, 8, 1, "MiB of memory"),
            (1 << 20, 8, 64, "r · p = 512"),
            (1 << 20, 1, 60, "N · r · p"),
            (32_767, 8, 1, "not a power of two"),
            (0, 8, 1, "not a power of two"),
            (1 << 15, 0, 1, "r = 0"),
            (1 << 15, 1 << 40, 1 << 40, "r · p"),
        ] {
            let text = edit_json(ENCRYPTED, |v| {
                let slot = &mut v["header"]["slots"][1];
                slot["n"] = n.into();
                slot["r"] = r.into();
                slot["p"] = p.into();
            });
            let (result, calls) = read_with(&text, PASSWORD);
            assert!(
                is_malformed(&result, Format::Aegis, why),
                "{n} {r} {p}: {result:?}"
            );
            assert_eq!(calls, 0, "{n} {r} {p}");
        }
        let text = edit_json(ENCRYPTED, |v| v["header"]["slots"][1]["n"] = (-1).into());
        assert!(matches!(
            read_with(&text, PASSWORD).0,
            Err(ImportError::Malformed { .. })
        ));
    }

    #[test]
    fn too_many_password_slots_are_refused() {
        let text = edit_json(ENCRYPTED, |v| {
            let slot = v["header"]["slots"][1].clone();
            let slots = v["header"]["slots"].as_array_mut().unwrap();
            slots.extend(std::iter::repeat_n(slot, MAX_PASSWORD_SLOTS));
        });
        let (result, calls) = read_with(&text, PASSWORD);
        assert!(
            is_malformed(&result, Format::Aegis, "password slots"),
            "{result:?}"
        );
        assert_eq!(calls, 0);
    }

    #[test]
    fn newer_versions_are_named() {
        let text = edit_json(PLAIN, |v| v["version"] = 2.into());
        assert_eq!(
            read(&text, &mut no_prompt),
            Err(ImportError::UnknownVersion {
                format: Format::Aegis,
                version: 2,
                known: 1
            })
        );
        let text = edit_json(PLAIN, |v| v["db"]["version"] = 4.into());
        assert!(matches!(
            read(&text, &mut no_prompt),
            Err(ImportError::UnknownVersion {
                version: 4,
                known: 3,
                ..
            })
        ));
        // Older databases (version 1 had no groups) still read.
        let text = edit_json(PLAIN, |v| {
            v["db"]["version"] = 1.into();
            v["db"].as_object_mut().unwrap().remove("groups");
        });
        assert_expected(&read(&text, &mut no_prompt).unwrap());
    }

    #[test]
    fn entries_otp_cannot_hold_are_left_out_with_a_reason() {
        let text = edit_json(PLAIN, |v| {
            let entries = v["db"]["entries"].as_array_mut().unwrap();
            let mut bad = |kind: &str, field: &str, value: serde_json::Value| {
                let mut entry = entries[0].clone();
                entry["type"] = kind.into();
                entry["name"] = format!("{kind} {field}").into();
                if !field.is_empty() {
                    entry["info"][field] = value;
                }
                entries.push(entry);
            };
            bad("motp", "", 0.into());
            bad("yandex", "", 0.into());
            bad("weird", "", 0.into());
            bad("totp", "digits", 10.into());
            bad("totp", "digits", 5.into());
            bad("totp", "period", 0.into());
            bad("totp", "period", 86_401.into());
            bad("totp", "period", 1.5.into());
            bad("totp", "algo", "MD5".into());
            bad("totp", "secret", "not base32!".into());
            bad("hotp", "counter", (-1).into());
            // Steam Guard's parameters are fixed (erin's): an entry that says
            // otherwise is not guessed at.
            for (field, value) in [
                ("digits", 6.into()),
                ("algo", "SHA256".into()),
                ("period", 60.into()),
            ] {
                let mut entry = entries[4].clone();
                entry["name"] = format!("steam {field}").into();
                entry["info"][field] = value;
                entries.push(entry);
            }
        });
        let imported = read(&text, &mut no_prompt).unwrap();
        assert_eq!(imported.accounts, expected_accounts());
        let reasons: Vec<(&str, &str)> = imported
            .unrepresentable
            .iter()
            .map(|u| (u.label.as_str(), u.reason.as_str()))
            .collect();
        let expect = [
            ("GitHub:motp ", "mOTP"),
            ("GitHub:yandex ", "Yandex"),
            ("GitHub:weird ", "\"weird\""),
            ("GitHub:totp digits", "10 digits"),
            ("GitHub:totp digits", "5 digits"),
            ("GitHub:totp period", "\"0\""),
            ("GitHub:totp period", "\"86401\""),
            ("GitHub:totp period", "1.5"),
            ("GitHub:totp algo", "MD5"),
            ("GitHub:totp secret", "base32"),
            ("GitHub:hotp counter", "-1"),
            ("Steam:steam digits", "Steam Guard entry, but its digits"),
            ("Steam:steam algo", "Steam Guard entry, but its algorithm"),
            ("Steam:steam period", "Steam Guard entry, but its period"),
        ];
        assert_eq!(reasons.len(), expect.len(), "{reasons:?}");
        for ((label, reason), (want_label, want_reason)) in reasons.iter().zip(expect) {
            assert_eq!(label.trim(), want_label.trim());
            assert!(reason.contains(want_reason), "{label}: {reason}");
        }
    }

    #[test]
    fn missing_fields_get_defaults_and_a_note() {
        let text = edit_json(PLAIN, |v| {
            let info = v["db"]["entries"][0]["info"].as_object_mut().unwrap();
            info.remove("algo");
            info.remove("digits");
            info.remove("period");
        });
        let imported = read(&text, &mut no_prompt).unwrap();
        assert_eq!(imported.accounts, expected_accounts());
        let notes: Vec<&str> = imported.notes.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(notes.len(), 3, "{notes:?}");
        assert!(
            imported
                .notes
                .iter()
                .all(|n| n.label == "GitHub:alice@example.com")
        );
    }

    #[test]
    fn errors_never_quote_a_secret() {
        // A secret where a number belongs: serde's own message would quote it.
        let text = edit_json(PLAIN, |v| v["db"]["version"] = "JBSWY3DPEHPK3PXP".into());
        let error = read(&text, &mut no_prompt).unwrap_err().to_string();
        assert!(!error.contains("JBSWY3DP"), "{error}");
        assert!(error.contains("line"), "{error}");
        let text = edit_json(PLAIN, |v| {
            v["db"]["entries"][0]["info"]["digits"] = "JBSWY3DPEHPK3PXP".into();
            v["db"]["entries"][1]["info"]["secret"] = "JBSWY3DPEHPK3PX0".into();
        });
        let imported = read(&text, &mut no_prompt).unwrap();
        let shown = format!("{:?}", imported.unrepresentable);
        assert_eq!(imported.unrepresentable.len(), 2, "{shown}");
        assert!(!shown.contains("JBSWY3DP"), "{shown}");
    }

    #[test]
    fn structural_damage_is_malformed() {
        for text in [
            "{}",
            "[]",
            r#"{"version": 1, "header": {}, "db": 5}"#,
            r#"{"version": 1, "header": {"slots": null, "params": null}, "db": {}}"#,
            r#"{"version": 1, "header": {"slots": null, "params": null}, "db": "AAAA"}"#,
            r#"{"version": 1, "header": {"slots": [], "params": null}, "db": {"version": 3, "entries": []}}"#,
            r#"{"version": 1, "header": {"slots": [], "params": {"nonce": "00", "tag": "00"}}, "db": "AAAA"}"#,
        ] {
            let (result, calls) = read_with(text, PASSWORD);
            assert!(
                matches!(result, Err(ImportError::Malformed { .. })),
                "{text}: {result:?}"
            );
            assert_eq!(calls, 0, "{text}");
        }
        let missing = read(r#"{"version": 1, "db": "AAAA"}"#, &mut no_prompt).unwrap_err();
        assert!(
            missing
                .to_string()
                .contains("the \"header\" field is missing"),
            "{missing}"
        );
    }

    #[test]
    fn export_round_trip_with_aegis_parameters() {
        let accounts = every_parameter();
        let text = export(&accounts, PASSWORD).unwrap();
        let file: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(file["version"], 1);
        let slot = &file["header"]["slots"][0];
        assert_eq!(file["header"]["slots"].as_array().unwrap().len(), 1);
        assert_eq!(
            (
                slot["type"].as_i64(),
                slot["n"].as_u64(),
                slot["r"].as_u64(),
                slot["p"].as_u64()
            ),
            (Some(1), Some(32_768), Some(8), Some(1))
        );
        for hex_field in [
            &slot["key"],
            &slot["salt"],
            &slot["key_params"]["nonce"],
            &slot["key_params"]["tag"],
            &file["header"]["params"]["nonce"],
            &file["header"]["params"]["tag"],
        ] {
            let hex_text = hex_field.as_str().unwrap();
            assert!(
                hex_text
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)),
                "{hex_text}"
            );
        }
        let db = file["db"].as_str().unwrap();
        assert_eq!(db.len() % 4, 0);
        assert!(!text.contains("JBSWY3DPEHPK3PXP"));

        let (result, calls) = read_with(&text, PASSWORD);
        let imported = result.unwrap();
        assert_eq!(calls, 1);
        assert_eq!(imported.accounts, accounts);
        assert!(imported.notes.is_empty() && imported.unrepresentable.is_empty());
        assert_eq!(
            read_with(&text, "wrong").0,
            Err(ImportError::WrongPassword(Format::Aegis))
        );
    }

    #[test]
    fn export_uses_fresh_randomness() {
        let accounts = expected_accounts();
        let a: serde_json::Value =
            serde_json::from_str(&export_with(&accounts, PASSWORD, CHEAP).unwrap()).unwrap();
        let b: serde_json::Value =
            serde_json::from_str(&export_with(&accounts, PASSWORD, CHEAP).unwrap()).unwrap();
        for path in [
            "/header/slots/0/salt",
            "/header/slots/0/uuid",
            "/header/params/nonce",
            "/db",
        ] {
            assert_ne!(a.pointer(path), b.pointer(path), "{path}");
        }
        let uuid = a.pointer("/header/slots/0/uuid").unwrap().as_str().unwrap();
        assert_eq!(uuid.len(), 36);
        assert_eq!(&uuid[14..15], "4");
        assert!(matches!(&uuid[19..20], "8" | "9" | "a" | "b"), "{uuid}");
    }

    #[test]
    fn export_refuses_what_aegis_cannot_hold() {
        let mut accounts = expected_accounts();
        accounts[3].kind = Kind::Hotp { counter: u64::MAX };
        assert!(
            matches!(export(&accounts, PASSWORD), Err(ImportError::Export(ExportProblem::AegisCounter { label, .. })) if label == "VPN:dave")
        );
        assert!(matches!(
            export(&expected_accounts(), ""),
            Err(ImportError::Export(_))
        ));
    }

    #[test]
    fn every_truncation_is_an_error() {
        for text in [PLAIN, ENCRYPTED] {
            let end = text.trim_end().len();
            for cut in 0..end {
                let (result, _) = read_with(&text[..cut], PASSWORD);
                assert!(
                    matches!(result, Err(ImportError::Malformed { .. })),
                    "cut at {cut}: {result:?}"
                );
            }
        }
    }

    #[test]
    fn every_bit_flip_is_an_error_or_harmless() {
        let accounts = expected_accounts();
        let text = export_with(&accounts, PASSWORD, CHEAP).unwrap();
        let value_of = |start: usize| (start, start + text[start..].find('"').unwrap());
        let db = value_of(text.find("\"db\": \"").unwrap() + 7);
        let hex_fields: Vec<(usize, usize)> = [
            "\"key\": \"",
            "\"salt\": \"",
            "\"nonce\": \"",
            "\"tag\": \"",
        ]
        .iter()
        .flat_map(|field| text.match_indices(field).map(move |(i, _)| i + field.len()))
        .map(value_of)
        .collect();
        assert_eq!(hex_fields.len(), 6);
        let inside = |fields: &[(usize, usize)], index: usize| {
            fields
                .iter()
                .any(|&(start, end)| (start..end).contains(&index))
        };
        let mut bytes = text.clone().into_bytes();
        for index in 0..bytes.len() {
            let original = bytes[index];
            let bit = 1u8 << (index % 7);
            bytes[index] ^= bit;
            let result = match std::str::from_utf8(&bytes) {
                Ok(text) => read(text, &mut prompt(PASSWORD, &Cell::new(0))),
                Err(_) => Err(ImportError::malformed(Format::Aegis, Problem::NotUtf8)),
            };
            bytes[index] = original;
            // Reading a file without accounts through `transfer::read` is an error.
            let result = result.and_then(|imported| {
                if imported.accounts.is_empty() && imported.unrepresentable.is_empty() {
                    Err(ImportError::Empty(Format::Aegis))
                } else {
                    Ok(imported)
                }
            });
            if let Ok(imported) = result {
                // Aegis reads hex in either case, so a case flip there is harmless.
                let case_flip = bit == 0x20 && original.is_ascii_alphabetic();
                assert!(
                    !inside(&[db], index),
                    "flip at {index} in the contents was accepted"
                );
                assert!(
                    !inside(&hex_fields, index) || case_flip,
                    "flip at {index} in a key, salt, nonce or tag was accepted"
                );
                assert_eq!(
                    imported.accounts, accounts,
                    "flip at {index} changed the accounts"
                );
            }
        }
    }
}
