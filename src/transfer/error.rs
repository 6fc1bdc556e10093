//! Why a file could not be read or written: [`ImportError`], with what was wrong as
//! data ([`Problem`], [`ExportProblem`]); `crate::i18n` says it in the user's
//! language. The `Display` texts here are short English for logs and `Debug`; the
//! front-ends show `localize()` instead.

use std::fmt;

use super::format::{Format, names};
use crate::otpauth::UriError;
use crate::qr::QrError;
use crate::random::RandomError;

/// Why a file could not be read. No variant holds a secret or a password.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// No format recognised the text; what it looks like decides what can help.
    #[error("{0}")]
    UnknownFormat(Looks),
    /// Bytes that are not text and that no format recognised. An andOTP encrypted
    /// backup is such a file: nothing in its bytes says what it is, so the sentence
    /// says how to name it.
    #[error(
        "this file is not text and not a format otp recognises; an encrypted andOTP backup (.json.aes) cannot be recognised by its content: name it with --format andotp-encrypted (otp reads {formats})",
        formats = names()
    )]
    UnknownBinary,
    /// The file is damaged or not what its format says.
    #[error("this {} cannot be read: {problem}{}", .format.title(), if .problem.is_damage() { "; export it again from the app" } else { "" })]
    Malformed {
        /// The format the file claimed to be.
        format: Format,
        /// What was wrong, without any secret.
        problem: Problem,
    },
    /// The password did not decrypt the file.
    #[error("wrong password for this {}; nothing was imported", .0.title())]
    WrongPassword(Format),
    /// The password did not open an andOTP encrypted backup in the old layout, and
    /// its first four bytes, read as the current layout's PBKDF2 iteration count,
    /// ask for more work than otp does: a wrong password for an old-format backup
    /// (whose first bytes are noise), or a file crafted to keep otp busy.
    #[error(
        "wrong password for this andOTP encrypted backup, or the file is not one: read as andOTP's current layout it asks for {iterations} PBKDF2 iterations, outside the 1 to {max} otp accepts so that a crafted file cannot keep it busy for hours (andOTP writes 140000 to 160000); nothing was imported"
    )]
    AndOtpIterations {
        /// The count the file gives.
        iterations: u32,
        /// The largest count otp accepts.
        max: u32,
    },
    /// The file holds no accounts at all.
    #[error("this {} holds no accounts", .0.title())]
    Empty(Format),
    /// A password manager's export none of whose items holds a one-time-code key.
    #[error("none of the {items} items in this {} holds a TOTP key, so there is nothing to import", .format.title())]
    NoCodes {
        /// The format.
        format: Format,
        /// How many items the file holds.
        items: usize,
    },
    /// A newer version of a format than otp knows.
    #[error("this {} is version {version}, which otp does not know yet (it reads up to {known})", .format.title())]
    UnknownVersion {
        /// The format.
        format: Format,
        /// The version the file declares.
        version: i64,
        /// The newest version otp reads.
        known: i64,
    },
    /// The password could not be obtained; the front-end that asked wrote this
    /// sentence, in the user's language, and it is shown as it is.
    #[error("{0}")]
    Password(String),
    /// Writing an export failed (a parameter the format cannot hold, ...).
    #[error("{0}")]
    Export(ExportProblem),
}

impl ImportError {
    /// The file in `format` is damaged or not what its format says.
    pub(crate) fn malformed(format: Format, problem: Problem) -> Self {
        ImportError::Malformed { format, problem }
    }

    /// A JSON file in `format` that serde could not read: where, and what kind of
    /// problem, but never a value from the file (it could be a secret). serde's own
    /// messages can quote values; only a missing field's name and what type was
    /// expected are kept from them.
    pub(crate) fn json(format: Format, error: &serde_json::Error) -> Self {
        use serde_json::error::Category;
        let at = Position {
            line: error.line(),
            column: error.column(),
        };
        let problem = match error.classify() {
            Category::Eof => Problem::JsonCutShort { at },
            Category::Syntax => Problem::JsonSyntax { at },
            Category::Io => Problem::JsonUnreadable { at },
            Category::Data => {
                let message = error.to_string();
                if let Some(field) = message
                    .strip_prefix("missing field `")
                    .and_then(|rest| rest.split_once('`'))
                    .map(|(field, _)| field)
                {
                    Problem::JsonMissingField {
                        field: field.to_owned(),
                        at,
                    }
                } else {
                    let expected = message
                        .rsplit_once(" at line ")
                        .and_then(|(message, _)| message.rsplit_once(", expected "))
                        .map(|(_, expected)| expected.to_owned());
                    Problem::JsonWrongType { at, expected }
                }
            }
        };
        Self::malformed(format, problem)
    }
}

/// Where in a JSON file a problem is: line and column, from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// The line.
    pub line: usize,
    /// The column.
    pub column: usize,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

/// Which link of a Google Authenticator export an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkPlace {
    /// The text is this one link.
    Only,
    /// Line `n` (from 1) of several.
    Line(usize),
}

impl fmt::Display for LinkPlace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkPlace::Only => f.write_str("the link"),
            LinkPlace::Line(n) => write!(f, "line {n}"),
        }
    }
}

/// A binary field of an Aegis export's header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AegisPart {
    /// The wrapped master key of a password slot.
    SlotKey,
    /// The scrypt salt of a password slot.
    SlotSalt,
    /// The nonce of password slot `n` (from 1).
    SlotNonce(usize),
    /// The tag of password slot `n` (from 1).
    SlotTag(usize),
    /// The nonce of the encrypted contents.
    ContentsNonce,
    /// The tag of the encrypted contents.
    ContentsTag,
}

impl fmt::Display for AegisPart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AegisPart::SlotKey => f.write_str("the key of a password slot"),
            AegisPart::SlotSalt => f.write_str("the salt of a password slot"),
            AegisPart::SlotNonce(n) => write!(f, "the nonce of password slot {n}"),
            AegisPart::SlotTag(n) => write!(f, "the tag of password slot {n}"),
            AegisPart::ContentsNonce => f.write_str("the nonce of the contents"),
            AegisPart::ContentsTag => f.write_str("the tag of the contents"),
        }
    }
}

/// scrypt parameters of an Aegis password slot that otp refuses, and the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScryptExcess {
    /// r or p is zero.
    ZeroCost {
        /// r.
        r: u64,
        /// p.
        p: u64,
    },
    /// N = 2^`log_n` is above 2^`max`.
    LogN {
        /// log2 of N.
        log_n: u8,
        /// The largest log2 of N otp accepts.
        max: u8,
    },
    /// r · p is above `max`.
    RTimesP {
        /// r · p.
        value: u64,
        /// The largest r · p otp accepts.
        max: u64,
    },
    /// The memory scrypt would need, in MiB, above `max_mib`.
    Memory {
        /// MiB asked for.
        mib: u64,
        /// The most MiB otp allows.
        max_mib: u64,
    },
    /// N · r · p = 2^`log_work`, above 2^`max_log`.
    Work {
        /// log2 of N · r · p.
        log_work: u32,
        /// The largest log2 of N · r · p otp accepts.
        max_log: u32,
    },
}

impl fmt::Display for ScryptExcess {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScryptExcess::ZeroCost { r, p } => write!(f, "r = {r}, p = {p}"),
            ScryptExcess::LogN { log_n, max } => write!(f, "N = 2^{log_n}, above 2^{max}"),
            ScryptExcess::RTimesP { value, max } => write!(f, "r · p = {value}, above {max}"),
            ScryptExcess::Memory { mib, max_mib } => {
                write!(f, "{mib} MiB of memory, above {max_mib} MiB")
            }
            ScryptExcess::Work { log_work, max_log } => {
                write!(f, "N · r · p = 2^{log_work}, above 2^{max_log}")
            }
        }
    }
}

/// One of the encrypted `ciphertext:salt:iv` fields of a 2FAS backup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TwoFasField {
    /// `servicesEncrypted`: the accounts.
    Services,
    /// `reference`: the password check.
    Reference,
}

impl fmt::Display for TwoFasField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TwoFasField::Services => "encrypted services",
            TwoFasField::Reference => "password check (reference)",
        })
    }
}

/// A part of a 2FAS `ciphertext:salt:iv` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SealedPart {
    /// The ciphertext.
    Ciphertext,
    /// The PBKDF2 salt.
    Salt,
    /// The AES-GCM nonce.
    Iv,
}

impl fmt::Display for SealedPart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SealedPart::Ciphertext => "ciphertext",
            SealedPart::Salt => "salt",
            SealedPart::Iv => "iv",
        })
    }
}

/// One of the encrypted strings of a password-protected Bitwarden export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BitwardenField {
    /// `encKeyValidation_DO_NOT_EDIT`: the password check.
    Validation,
    /// `data`: the vault.
    Data,
}

impl fmt::Display for BitwardenField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            BitwardenField::Validation => "password check (encKeyValidation_DO_NOT_EDIT)",
            BitwardenField::Data => "encrypted data",
        })
    }
}

/// A part of a Bitwarden encrypted string (`2.iv|data|mac`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncPart {
    /// The AES-CBC initialisation vector (16 bytes).
    Iv,
    /// The ciphertext (whole AES blocks).
    Ciphertext,
    /// The HMAC-SHA256 (32 bytes).
    Mac,
}

impl fmt::Display for EncPart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            EncPart::Iv => "iv",
            EncPart::Ciphertext => "ciphertext",
            EncPart::Mac => "mac",
        })
    }
}

/// What is wrong with a damaged file, as data. `Display` is English for logs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// The JSON ends too early.
    #[error("it is cut short ({at})")]
    JsonCutShort {
        /// Where.
        at: Position,
    },
    /// Not JSON.
    #[error("it is not valid JSON ({at})")]
    JsonSyntax {
        /// Where.
        at: Position,
    },
    /// The JSON reader failed.
    #[error("it could not be read ({at})")]
    JsonUnreadable {
        /// Where.
        at: Position,
    },
    /// A field the format requires is missing.
    #[error("the {field:?} field is missing ({at})")]
    JsonMissingField {
        /// The field's JSON name.
        field: String,
        /// Where.
        at: Position,
    },
    /// A value of the wrong type or range; `expected` is serde's description of
    /// what was expected (`u64`, `a string`), when it gave one.
    #[error("a value has the wrong type or range ({at}){}", .expected.as_ref().map(|e| format!("; expected {e}")).unwrap_or_default())]
    JsonWrongType {
        /// Where.
        at: Position,
        /// What was expected, in serde's words.
        expected: Option<String>,
    },
    /// The bytes are not UTF-8 text.
    #[error("it is damaged: it holds bytes that are not UTF-8 text")]
    NotUtf8,
    /// A picture without a usable QR code.
    #[error("{0}")]
    Qr(QrError),
    /// A QR code holding some other text.
    #[error("the QR code holds neither an otpauth:// nor an otpauth-migration:// link")]
    QrNotLink,
    /// An otp backup whose decrypted contents are not a vault.
    #[error("its contents are not valid ({detail})")]
    BackupInvalid {
        /// What the vault reader said (about structure, never values).
        detail: String,
    },
    /// An otp backup holding an account record no account can have.
    #[error("account {name:?} in it is not valid: {problem}")]
    BackupAccount {
        /// The account's name.
        name: String,
        /// What is wrong with its record.
        problem: crate::vault::payload::RecordProblem,
    },
    /// An otp backup asking for too much scrypt work.
    #[error(
        "it asks for scrypt work factor {required}, above the {max} otp accepts (a larger one could take hours and gigabytes to open)"
    )]
    BackupExcessiveWork {
        /// The work factor the file asks for.
        required: u8,
        /// The largest otp accepts.
        max: u8,
    },
    /// An age file locked with a key, not a password.
    #[error("it is an age file locked with a key, not with a password, so it is not an otp backup")]
    BackupKeyLocked,
    /// The age header is damaged.
    #[error("its header is damaged")]
    BackupHeader,
    /// A newer age format.
    #[error("it is a newer age format than this otp reads; upgrade otp")]
    BackupNewerAge,
    /// The age header ends too early.
    #[error("it is cut short")]
    BackupCutShort,
    /// The ASCII armor is damaged.
    #[error("its ASCII armor is damaged")]
    BackupArmor,
    /// Not an age file.
    #[error("it is not a readable age file")]
    BackupUnreadable,
    /// The encrypted payload is cut short or damaged.
    #[error("it is cut short or damaged")]
    BackupPayload,
    /// Encrypted contents but no keys in the Aegis header.
    #[error("its contents are encrypted but its header holds no keys")]
    AegisEncryptedWithoutKeys,
    /// The Aegis header says encrypted, the contents are plain.
    #[error("its header says it is encrypted but its contents are not")]
    AegisPlainButEncrypted,
    /// scrypt N not a power of two.
    #[error("its password slot gives scrypt N = {n}, which is not a power of two")]
    AegisScryptN {
        /// N.
        n: u64,
    },
    /// scrypt parameters above otp's limits.
    #[error(
        "its password slot asks for {excess}; otp refuses such scrypt parameters so that a crafted file cannot exhaust memory or time (Aegis uses N = 32768, r = 8, p = 1)"
    )]
    AegisScryptRefused {
        /// Which limit, and by how much.
        excess: ScryptExcess,
    },
    /// scrypt refused the parameters.
    #[error("its password slot's scrypt parameters are not valid")]
    AegisScryptInvalid,
    /// A password slot without a required field.
    #[error("password slot {slot} has no {field}")]
    AegisSlotField {
        /// The slot, from 1.
        slot: usize,
        /// The JSON field's name.
        field: &'static str,
    },
    /// A header field that is not hexadecimal.
    #[error("{part} is not hexadecimal")]
    AegisNotHex {
        /// Which field.
        part: AegisPart,
    },
    /// A nonce or tag of the wrong length.
    #[error("{part} is not {bytes} bytes")]
    AegisLength {
        /// Which field.
        part: AegisPart,
        /// The length it must have.
        bytes: usize,
    },
    /// A salt of an impossible length.
    #[error("a password slot's salt has an impossible length")]
    AegisSaltLength,
    /// Encryption parameters without slots.
    #[error("its header has encryption parameters but no slots")]
    AegisNoSlots,
    /// Slots without encryption parameters.
    #[error("its header has slots but no encryption parameters")]
    AegisNoParams,
    /// The encrypted contents are not base64.
    #[error("its encrypted contents are not base64")]
    AegisNotBase64,
    /// Only biometric slots: the phone alone can open it.
    #[error(
        "it has no password slot, so only the phone that wrote it can open it; in Aegis, set a password and export again"
    )]
    AegisNoPasswordSlot,
    /// More password slots than otp tries.
    #[error("it has {count} password slots; otp tries at most {max}")]
    AegisTooManySlots {
        /// How many the file has.
        count: usize,
        /// How many otp tries.
        max: usize,
    },
    /// A master key of the wrong length.
    #[error("its master key is not 32 bytes")]
    AegisMasterKey,
    /// The password opened a slot but the contents do not decrypt.
    #[error("the password is right but the encrypted contents are damaged")]
    AegisContentsDamaged,
    /// A 2FAS field that is not `ciphertext:salt:iv`.
    #[error("its {field} is not ciphertext:salt:iv")]
    TwoFasLayout {
        /// Which field.
        field: TwoFasField,
    },
    /// A part of a 2FAS field that is not base64.
    #[error("the {part} of its {field} is not base64")]
    TwoFasNotBase64 {
        /// Which field.
        field: TwoFasField,
        /// Which part of it.
        part: SealedPart,
    },
    /// A 2FAS iv of the wrong length.
    #[error("the iv of its {field} is not {bytes} bytes")]
    TwoFasIvLength {
        /// Which field.
        field: TwoFasField,
        /// The length it must have.
        bytes: usize,
    },
    /// A 2FAS ciphertext too short to hold a tag.
    #[error("its {field} is too short to be encrypted data")]
    TwoFasTooShort {
        /// Which field.
        field: TwoFasField,
    },
    /// A 2FAS salt of an impossible length.
    #[error("the salt of its {field} has an impossible length")]
    TwoFasSaltLength {
        /// Which field.
        field: TwoFasField,
    },
    /// The password check passed but the services do not decrypt.
    #[error("the password is right but the encrypted services are damaged")]
    TwoFasServicesDamaged,
    /// A single account's link where a Google export was expected.
    #[error(
        "{place} is a single account's otpauth:// link, not a Google Authenticator export; read such links with --format uris"
    )]
    GoogleSingleLink {
        /// Which link.
        place: LinkPlace,
    },
    /// Not an `otpauth-migration://` link.
    #[error("{place} does not start with otpauth-migration://")]
    GoogleNotMigration {
        /// Which link.
        place: LinkPlace,
    },
    /// Two `data=` parameters.
    #[error("{place} has more than one data= parameter")]
    GoogleDataTwice {
        /// Which link.
        place: LinkPlace,
    },
    /// No `data=` parameter.
    #[error("{place} has no data= parameter")]
    GoogleNoData {
        /// Which link.
        place: LinkPlace,
    },
    /// A `%` not followed by two hexadecimal digits.
    #[error(
        "{place} has a broken percent escape (a % not followed by two hexadecimal digits) in its data= parameter"
    )]
    GoogleBrokenEscape {
        /// Which link.
        place: LinkPlace,
    },
    /// `data=` is not base64.
    #[error("the data= parameter of {place} is not valid base64; the link may be cut short")]
    GoogleNotBase64 {
        /// Which link.
        place: LinkPlace,
    },
    /// The data is not a migration payload.
    #[error(
        "the data of {place} is not a Google Authenticator export; the link may be cut short or damaged"
    )]
    GoogleNotExport {
        /// Which link.
        place: LinkPlace,
    },
    /// An account-restricted Bitwarden export: only that Bitwarden account opens it.
    #[error(
        "it is encrypted with the key of the Bitwarden account that wrote it, which only that account can open; in Bitwarden, export again choosing the file type \"Password protected\" (or an unencrypted .json)"
    )]
    BitwardenAccountRestricted,
    /// A Bitwarden encrypted string that is not `2.iv|data|mac`.
    #[error("its {field} is not an encrypted string of type 2 (2.iv|data|mac)")]
    BitwardenEncString {
        /// Which field.
        field: BitwardenField,
    },
    /// A part of a Bitwarden encrypted string that is not base64.
    #[error("the {part} of its {field} is not base64")]
    BitwardenNotBase64 {
        /// Which field.
        field: BitwardenField,
        /// Which part of it.
        part: EncPart,
    },
    /// A part of a Bitwarden encrypted string of the wrong length.
    #[error("the {part} of its {field} has the wrong length")]
    BitwardenLength {
        /// Which field.
        field: BitwardenField,
        /// Which part of it.
        part: EncPart,
    },
    /// An empty salt.
    #[error("its salt is empty")]
    BitwardenNoSalt,
    /// A key derivation Bitwarden does not use.
    #[error(
        "its kdfType is {}; otp reads 0 (PBKDF2-SHA256) and 1 (Argon2id), the two Bitwarden uses",
        .value.as_deref().unwrap_or("not a number")
    )]
    BitwardenKdfType {
        /// The value, when it is a number (`None` otherwise: a text there is never
        /// quoted, it could be anything).
        value: Option<String>,
    },
    /// A key derivation setting missing.
    #[error("its {setting} is missing")]
    BitwardenKdfMissing {
        /// The JSON field.
        setting: &'static str,
    },
    /// A key derivation setting outside what Bitwarden writes.
    #[error(
        "its {setting} is {value}, outside the {min} to {max} Bitwarden writes; otp refuses it so that a crafted file cannot exhaust memory or time"
    )]
    BitwardenKdfRefused {
        /// The JSON field.
        setting: &'static str,
        /// The value given.
        value: u64,
        /// The smallest value Bitwarden writes.
        min: u64,
        /// The largest value Bitwarden writes.
        max: u64,
    },
    /// The password check passed but the data does not decrypt.
    #[error("the password is right but the encrypted data is damaged")]
    BitwardenDataDamaged,
    /// A CSV file whose header lacks a column every Bitwarden CSV export has.
    #[error("its first line has no {column} column, which every Bitwarden CSV export has")]
    BitwardenCsvHeader {
        /// The column.
        column: &'static str,
    },
    /// A CSV record that cannot be read.
    #[error(
        "line {line} is not a whole CSV record (a field too few or too many, or text that is not UTF-8)"
    )]
    Csv {
        /// The line, from 1.
        line: u64,
    },
    /// The salt of a Proton Authenticator export is not 16 bytes of base64.
    #[error("its salt is not 16 bytes of base64")]
    ProtonSalt,
    /// The encrypted content of a Proton Authenticator export is unusable.
    #[error("its encrypted content is not base64, or too short to be encrypted data")]
    ProtonContent,
    /// An encrypted Authenticator Pro backup shorter than its header, salt, nonce
    /// and tag, or (legacy layout) not whole AES blocks.
    #[error("its encrypted part is cut short")]
    AuthProCutShort,
    /// A legacy Authenticator Pro backup (AES-CBC, no MAC) that the password opens
    /// but whose decrypted contents are not whole.
    #[error("the password is right but the encrypted backup is damaged")]
    AuthProDamaged,
    /// A file too short to be an andOTP encrypted backup.
    #[error("it is too short to be an encrypted andOTP backup")]
    AndOtpCutShort,
    /// A FreeOTP file that ends too early.
    #[error("it is cut short")]
    FreeOtpCutShort,
    /// A FreeOTP backup whose Java serialisation is not that of a map of texts.
    #[error("it is damaged: byte {at} is not what a Java-serialised map of texts holds there")]
    FreeOtpStream {
        /// The byte's offset, from 0.
        at: usize,
    },
    /// A FreeOTP preferences file that is not well-formed XML or not a map.
    #[error("it is damaged: it is not a well-formed Android preferences file (at byte {at})")]
    FreeOtpXml {
        /// The offset where reading stopped, from 0.
        at: u64,
    },
    /// More entries than otp reads.
    #[error(
        "it holds more than {max} entries; otp refuses more so that a crafted file cannot exhaust memory"
    )]
    FreeOtpTooMany {
        /// The most entries otp reads.
        max: usize,
    },
    /// The same entry twice.
    #[error("it is damaged: it holds the entry {name:?} twice")]
    FreeOtpTwice {
        /// The entry's name (a token's ID or UUID, never a secret).
        name: String,
    },
    /// A FreeOTP backup without its master key.
    #[error("it has no masterKey entry, which every FreeOTP backup has")]
    FreeOtpNoMasterKey,
    /// An entry of a FreeOTP file that is not what FreeOTP writes there.
    #[error("its entry {entry:?} is not what FreeOTP writes there")]
    FreeOtpEntry {
        /// The entry's name (`masterKey`, `tokenOrder`, a token's UUID).
        entry: String,
    },
    /// A key derivation FreeOTP does not use.
    #[error(
        "its master key is derived with {algorithm:?}; otp reads PBKDF2withHmacSHA512 and PBKDF2withHmacSHA1, the two FreeOTP uses"
    )]
    FreeOtpKdf {
        /// The algorithm's name in the file (at most 40 characters).
        algorithm: String,
    },
    /// A PBKDF2 iteration count otp refuses.
    #[error(
        "its master key asks for {value} PBKDF2 iterations; otp runs 1 to {max} (FreeOTP uses 100000) so that a crafted file cannot take hours to open"
    )]
    FreeOtpIterations {
        /// The count in the file.
        value: u64,
        /// The most otp runs.
        max: u64,
    },
    /// The password opened the master key but a token's key does not decrypt.
    #[error("the password is right but the key of {token} is damaged: it does not decrypt")]
    FreeOtpKeyDamaged {
        /// The token's label (or its UUID when its settings are missing).
        token: String,
    },
    /// A line of a list of links that is not a usable `otpauth://` link.
    #[error("line {line}: {error}")]
    Link {
        /// The line, from 1.
        line: usize,
        /// Why the link was refused.
        error: UriError,
    },
    /// A Google Authenticator link on a line of a list of links, and what is wrong
    /// with it.
    #[error("line {line}: {problem}")]
    AtLine {
        /// The line, from 1.
        line: usize,
        /// What is wrong with the link there.
        problem: Box<Problem>,
    },
}

impl Problem {
    /// Whether the file looks damaged or cut short, so that exporting it again from
    /// the app can help. Not for a file that is whole but not one otp reads (a
    /// single link, too many slots, scrypt parameters otp refuses, ...), nor for a
    /// problem whose sentence already says what to do.
    pub fn is_damage(&self) -> bool {
        match self {
            Problem::AtLine { problem, .. } => problem.is_damage(),
            Problem::JsonCutShort { .. }
            | Problem::JsonSyntax { .. }
            | Problem::JsonUnreadable { .. }
            | Problem::JsonMissingField { .. }
            | Problem::JsonWrongType { .. }
            | Problem::NotUtf8
            | Problem::BackupInvalid { .. }
            | Problem::BackupAccount { .. }
            | Problem::BackupHeader
            | Problem::BackupCutShort
            | Problem::BackupArmor
            | Problem::BackupPayload
            | Problem::AegisEncryptedWithoutKeys
            | Problem::AegisPlainButEncrypted
            | Problem::AegisSlotField { .. }
            | Problem::AegisNotHex { .. }
            | Problem::AegisLength { .. }
            | Problem::AegisSaltLength
            | Problem::AegisNoSlots
            | Problem::AegisNoParams
            | Problem::AegisNotBase64
            | Problem::AegisMasterKey
            | Problem::AegisContentsDamaged
            | Problem::TwoFasLayout { .. }
            | Problem::TwoFasNotBase64 { .. }
            | Problem::TwoFasIvLength { .. }
            | Problem::TwoFasTooShort { .. }
            | Problem::TwoFasSaltLength { .. }
            | Problem::TwoFasServicesDamaged
            | Problem::BitwardenEncString { .. }
            | Problem::BitwardenNotBase64 { .. }
            | Problem::BitwardenLength { .. }
            | Problem::BitwardenNoSalt
            | Problem::BitwardenKdfMissing { .. }
            | Problem::BitwardenDataDamaged
            | Problem::Csv { .. }
            | Problem::ProtonSalt
            | Problem::ProtonContent
            | Problem::AuthProCutShort
            | Problem::AuthProDamaged
            | Problem::AndOtpCutShort
            | Problem::FreeOtpCutShort
            | Problem::FreeOtpStream { .. }
            | Problem::FreeOtpXml { .. }
            | Problem::FreeOtpTwice { .. }
            | Problem::FreeOtpNoMasterKey
            | Problem::FreeOtpEntry { .. }
            | Problem::FreeOtpKeyDamaged { .. }
            | Problem::GoogleDataTwice { .. }
            | Problem::GoogleNoData { .. }
            | Problem::GoogleBrokenEscape { .. }
            | Problem::GoogleNotBase64 { .. }
            | Problem::GoogleNotExport { .. } => true,
            Problem::Qr(_)
            | Problem::QrNotLink
            | Problem::BackupExcessiveWork { .. }
            | Problem::BackupKeyLocked
            | Problem::BackupNewerAge
            | Problem::BackupUnreadable
            | Problem::AegisScryptN { .. }
            | Problem::AegisScryptRefused { .. }
            | Problem::AegisScryptInvalid
            | Problem::AegisNoPasswordSlot
            | Problem::AegisTooManySlots { .. }
            | Problem::BitwardenAccountRestricted
            | Problem::BitwardenKdfType { .. }
            | Problem::BitwardenKdfRefused { .. }
            | Problem::BitwardenCsvHeader { .. }
            | Problem::FreeOtpTooMany { .. }
            | Problem::FreeOtpKdf { .. }
            | Problem::FreeOtpIterations { .. }
            | Problem::GoogleSingleLink { .. }
            | Problem::GoogleNotMigration { .. }
            | Problem::Link { .. } => false,
        }
    }
}

/// Why an export could not be written, as data. `Display` is English for logs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportProblem {
    /// A backup's scrypt work factor outside the accepted range.
    #[error("a backup's scrypt work factor must be {min} to {max}, not {given}")]
    BackupWorkFactor {
        /// The one given.
        given: u8,
        /// The smallest accepted.
        min: u8,
        /// The largest accepted.
        max: u8,
    },
    /// A backup without a password.
    #[error("a backup needs a password; an empty one would leave the secrets readable")]
    BackupEmptyPassword,
    /// Encryption failed.
    #[error("encrypting the backup failed")]
    BackupEncryptFailed,
    /// An Aegis export without a password.
    #[error("an Aegis export needs a password; an empty one would leave the secrets readable")]
    AegisEmptyPassword,
    /// No random numbers for the Aegis export.
    #[error("the Aegis export could not be written: the system's random number generator failed")]
    AegisRandom,
    /// JSON encoding failed.
    #[error("the Aegis export could not be written: JSON encoding failed")]
    AegisJson,
    /// Encryption failed.
    #[error("the Aegis export could not be written: encryption failed")]
    AegisEncryptFailed,
    /// A HOTP counter Aegis cannot hold.
    #[error("{label}: Aegis cannot hold a HOTP counter above {max}")]
    AegisCounter {
        /// The account.
        label: String,
        /// The largest counter Aegis holds.
        max: i64,
    },
    /// A Google export of no accounts per QR code.
    #[error("a Google Authenticator export needs room for at least one account per QR code")]
    GoogleBatchSize,
    /// More QR codes than a Google export can number.
    #[error("too many QR codes for one export")]
    GoogleTooManyCodes,
    /// No random numbers for the Google export.
    #[error("could not get random numbers from the system for the export: {0}")]
    GoogleRandom(RandomError),
}

/// What a text file that no format recognised looks like, so the error can say it
/// and suggest `--format` only where naming a format shows what is missing. Its
/// `Display` is [`ImportError::UnknownFormat`]'s English sentence, for logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Looks {
    /// Nothing but white space.
    #[error("this file is empty: there is nothing to import")]
    Empty,
    /// JSON (or text that starts as JSON) whose keys no format's match.
    #[error(
        "this file is JSON, but not that of an export otp reads ({formats}); if it comes from one of them, name it with --format to see what otp misses in it",
        formats = names()
    )]
    Json,
    /// XML that is not one of FreeOTP's files.
    #[error(
        "this file is XML, but not one of FreeOTP's files, the only XML otp reads (it reads {formats}); if it is one, name it with --format freeotp-backup or --format freeotp-tokens to see what otp misses in it",
        formats = names()
    )]
    Xml,
    /// A table: a first line with commas that is not a Bitwarden CSV header.
    #[error(
        "this file looks like a table (CSV), but its first line is not the header of a Bitwarden CSV export, the only table otp reads (it reads {formats}); if it is one, name it with --format bitwarden-csv to see what otp misses in it",
        formats = names()
    )]
    Csv,
    /// Any other text.
    #[error(
        "this file is text, but neither otpauth:// links (one a line) nor an export otp reads ({formats})",
        formats = names()
    )]
    Text,
}

impl Looks {
    /// How the text starts: JSON, XML, a table, other text, or nothing.
    pub fn of(text: &str) -> Looks {
        let trimmed = text.trim_start_matches('\u{feff}').trim();
        let first_line = trimmed.lines().next().unwrap_or_default();
        if trimmed.is_empty() {
            Looks::Empty
        } else if trimmed.starts_with('{') || trimmed.starts_with('[') {
            Looks::Json
        } else if trimmed.starts_with('<') {
            Looks::Xml
        } else if first_line.contains(',') {
            Looks::Csv
        } else {
            Looks::Text
        }
    }

    /// The name the catalogue selects on: `empty`, `json`, `xml`, `csv`, `text`.
    pub fn as_str(self) -> &'static str {
        match self {
            Looks::Empty => "empty",
            Looks::Json => "json",
            Looks::Xml => "xml",
            Looks::Csv => "csv",
            Looks::Text => "text",
        }
    }
}
