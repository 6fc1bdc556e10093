//! Google Authenticator's export: `otpauth-migration://offline?data=` links.
//!
//! "Transfer accounts" in Google Authenticator shows one or more QR codes, each
//! holding a link whose `data` parameter is the standard base64 (percent-encoded)
//! of a protobuf message:
//!
//! ```text
//! message MigrationPayload {
//!   repeated OtpParameters otp_parameters = 1;
//!   int32 version = 2;      // 1 today; newer values are read all the same
//!   int32 batch_size = 3;   // how many QR codes the export has
//!   int32 batch_index = 4;  // which of them this is, from 0
//!   int32 batch_id = 5;     // shared by the QR codes of one export
//! }
//! message OtpParameters {
//!   bytes secret = 1;
//!   string name = 2;        // often "Issuer:name"
//!   string issuer = 3;
//!   Algorithm algorithm = 4;   // 0 unspecified (SHA1), 1 SHA1, 2 SHA256, 3 SHA512, 4 MD5
//!   DigitCount digits = 5;     // 0 unspecified (six), 1 six, 2 eight
//!   OtpType type = 6;          // 0 unspecified (TOTP), 1 HOTP, 2 TOTP
//!   int64 counter = 7;
//! }
//! ```
//!
//! The export has no period: Google Authenticator only makes 30-second codes, so every
//! time-based account is read with a 30 s period and a [`Note`] saying so.
//!
//! Reading is forgiving where tools are known to mangle links: the query is split
//! before anything is percent-decoded, padding may be missing, and a `+` that some
//! tool turned into a space (or `%20`) is read as `+` again. QR codes of one export may
//! be given in any order; when some are missing the accounts that were read are
//! imported and a note (labelled [`EXPORT_LABEL`]) says which codes to scan as well.
//!
//! Names: Google often keeps a link's whole label (`Issuer:name`) in `name`; a
//! repeated issuer prefix is dropped, and without an issuer the name is split at its
//! first colon as an `otpauth://` label is. An empty prefix (`:a:b`) means "no issuer":
//! that is how [`export`] writes a name holding a colon when there is no issuer.
//!
//! MD5 entries, entries without a secret and enum values otp does not know are left
//! out ([`Unrepresentable`]) with the reason; nothing is guessed.

use std::collections::BTreeSet;
use std::fmt;

use base64::Engine as _;
use base64::alphabet;
use base64::engine::DecodePaddingMode;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
use percent_encoding::{NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use prost::Message as _;
use zeroize::Zeroizing;

use super::entry::Entry;
use super::error::{ExportProblem, ImportError, LinkPlace, Problem};
use super::format::Format;
use super::imported::{CodeNumbers, Imported, Note, Reason, Remark, Unrepresentable};
use crate::accounts::Account;
use crate::code::{Algorithm, Digits, Kind, Period};
use crate::secret::SecretKey;

/// The label of notes about the export as a whole rather than one account.
pub const EXPORT_LABEL: &str = "Google Authenticator";

/// The `version` otp writes.
const VERSION: i32 = 1;

/// Standard base64, padded or not.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// The protobuf schema above, declared by hand for `prost`'s derive.
mod proto {
    use std::fmt;

    use zeroize::Zeroize;

    /// One export QR code.
    #[derive(Clone, PartialEq, prost::Message)]
    pub struct MigrationPayload {
        #[prost(message, repeated, tag = "1")]
        pub otp_parameters: Vec<OtpParameters>,
        #[prost(int32, tag = "2")]
        pub version: i32,
        #[prost(int32, tag = "3")]
        pub batch_size: i32,
        #[prost(int32, tag = "4")]
        pub batch_index: i32,
        #[prost(int32, tag = "5")]
        pub batch_id: i32,
    }

    /// One account. `Debug` is written by hand (the secret is redacted) and the
    /// secret is zeroized on drop.
    #[derive(Clone, PartialEq, prost::Message)]
    #[prost(skip_debug)]
    pub struct OtpParameters {
        #[prost(bytes = "vec", tag = "1")]
        pub secret: Vec<u8>,
        #[prost(string, tag = "2")]
        pub name: String,
        #[prost(string, tag = "3")]
        pub issuer: String,
        #[prost(enumeration = "Algorithm", tag = "4")]
        pub algorithm: i32,
        #[prost(enumeration = "DigitCount", tag = "5")]
        pub digits: i32,
        #[prost(enumeration = "OtpType", tag = "6")]
        pub r#type: i32,
        #[prost(int64, tag = "7")]
        pub counter: i64,
    }

    impl fmt::Debug for OtpParameters {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.debug_struct("OtpParameters")
                .field(
                    "secret",
                    &format_args!("[redacted; {} bytes]", self.secret.len()),
                )
                .field("name", &self.name)
                .field("issuer", &self.issuer)
                .field("algorithm", &self.algorithm)
                .field("digits", &self.digits)
                .field("type", &self.r#type)
                .field("counter", &self.counter)
                .finish()
        }
    }

    impl Drop for OtpParameters {
        fn drop(&mut self) {
            self.secret.zeroize();
        }
    }

    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, prost::Enumeration)]
    #[repr(i32)]
    pub enum Algorithm {
        Unspecified = 0,
        Sha1 = 1,
        Sha256 = 2,
        Sha512 = 3,
        Md5 = 4,
    }

    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, prost::Enumeration)]
    #[repr(i32)]
    pub enum DigitCount {
        Unspecified = 0,
        Six = 1,
        Eight = 2,
    }

    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, prost::Enumeration)]
    #[repr(i32)]
    pub enum OtpType {
        Unspecified = 0,
        Hotp = 1,
        Totp = 2,
    }
}

use proto::{MigrationPayload, OtpParameters};

/// Google Authenticator's export, as links to draw as QR codes.
pub struct GoogleExport {
    /// One `otpauth-migration://` link per batch.
    pub uris: Vec<Zeroizing<String>>,
    /// Accounts Google Authenticator cannot hold, and why.
    pub left_out: Vec<Unrepresentable>,
}

impl fmt::Debug for GoogleExport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GoogleExport")
            .field("uris", &format_args!("[{} redacted]", self.uris.len()))
            .field("left_out", &self.left_out)
            .finish()
    }
}

/// One decoded link.
struct Batch {
    payload: MigrationPayload,
    /// The payload's bytes, to recognise a QR code scanned twice.
    bytes: Zeroizing<Vec<u8>>,
}

/// Reads one or more `otpauth-migration://` links (one per line, blank lines ignored).
pub fn read(text: &str) -> Result<Imported, ImportError> {
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(index, line)| (index + 1, line.trim()))
        .filter(|(_, line)| !line.is_empty())
        .collect();
    let only = lines.len() == 1;
    let mut batches: Vec<Batch> = Vec::with_capacity(lines.len());
    for (number, line) in lines {
        let place = if only {
            LinkPlace::Only
        } else {
            LinkPlace::Line(number)
        };
        let batch = decode_link(line, place)?;
        // The same QR code scanned twice adds nothing.
        if !batches.iter().any(|seen| seen.bytes == batch.bytes) {
            batches.push(batch);
        }
    }

    // Google's order: the exports in the order first seen, each by QR code number.
    let mut ids: Vec<i32> = Vec::new();
    for batch in &batches {
        if !ids.contains(&batch.payload.batch_id) {
            ids.push(batch.payload.batch_id);
        }
    }
    batches.sort_by_key(|batch| {
        let export = ids.iter().position(|id| *id == batch.payload.batch_id);
        (export, batch.payload.batch_index)
    });

    let mut imported = Imported::default();
    let mut position = 0;
    for batch in &batches {
        for params in &batch.payload.otp_parameters {
            read_entry(params, position, &mut imported);
            position += 1;
        }
    }
    for id in ids {
        if let Some(note) = missing_codes(&batches, id) {
            imported.notes.push(note);
        }
    }
    Ok(imported)
}

/// Splits, unescapes and decodes one link.
fn decode_link(line: &str, place: LinkPlace) -> Result<Batch, ImportError> {
    let malformed = |problem| ImportError::malformed(Format::Google, problem);
    let (scheme, rest) = line.split_once(':').unwrap_or((line, ""));
    if scheme.eq_ignore_ascii_case("otpauth") {
        return Err(malformed(Problem::GoogleSingleLink { place }));
    }
    if !scheme.eq_ignore_ascii_case("otpauth-migration") || !rest.starts_with("//") {
        return Err(malformed(Problem::GoogleNotMigration { place }));
    }
    let query = match rest.split_once('?') {
        Some((_, query)) => query.split('#').next().unwrap_or(""),
        None => "",
    };
    let mut data = None;
    for pair in query.split('&') {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        if name.eq_ignore_ascii_case("data") {
            if data.is_some() {
                return Err(malformed(Problem::GoogleDataTwice { place }));
            }
            data = Some(value);
        }
    }
    let data = data
        .filter(|value| !value.is_empty())
        .ok_or_else(|| malformed(Problem::GoogleNoData { place }))?;
    if !percent_escapes_ok(data) {
        return Err(malformed(Problem::GoogleBrokenEscape { place }));
    }
    let unescaped = Zeroizing::new(percent_decode_str(data).collect::<Vec<u8>>());
    // A `+` read as a form-encoded space becomes `+` again; URL-safe letters are
    // taken as their standard counterparts.
    let base64_text: Zeroizing<Vec<u8>> = Zeroizing::new(
        unescaped
            .iter()
            .map(|byte| match byte {
                b' ' | b'-' => b'+',
                b'_' => b'/',
                other => *other,
            })
            .collect(),
    );
    let bytes = Zeroizing::new(
        BASE64
            .decode(base64_text.as_slice())
            .map_err(|_| malformed(Problem::GoogleNotBase64 { place }))?,
    );
    let payload = MigrationPayload::decode(bytes.as_slice())
        .map_err(|_| malformed(Problem::GoogleNotExport { place }))?;
    Ok(Batch { payload, bytes })
}

/// Whether every `%` is followed by two hexadecimal digits.
fn percent_escapes_ok(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().all(|(index, byte)| {
        *byte != b'%'
            || (bytes.get(index + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(index + 2).is_some_and(u8::is_ascii_hexdigit))
    })
}

/// Adds one entry to `imported`: as an account (with its note), or as left out.
fn read_entry(params: &OtpParameters, position: usize, imported: &mut Imported) {
    // Without an issuer, Google keeps a label's "Issuer:name" whole in the name; read
    // it the way the otpauth:// link it came from is read (an empty prefix, as in
    // ":a:b", means no issuer: that is how `export` writes such a name).
    let (issuer, name) = match params.name.split_once(':') {
        Some((issuer, name)) if params.issuer.trim().is_empty() && !name.trim().is_empty() => {
            (issuer, name)
        }
        _ => (params.issuer.as_str(), params.name.as_str()),
    };
    let label = super::entry::label(name, issuer, position);
    let left_out = |reason: Reason| Unrepresentable::new(label.clone(), reason);
    let parameters = match parameters(params) {
        Ok(parameters) => parameters,
        Err(reason) => {
            imported.unrepresentable.push(left_out(reason));
            return;
        }
    };
    let (algorithm, digits, kind) = parameters;
    let entry = Entry {
        name,
        issuer,
        algorithm,
        digits,
        kind,
    };
    let account = super::entry::account(
        entry,
        SecretKey::from_bytes(params.secret.clone()),
        position,
    );
    if let Kind::Totp { .. } = account.kind {
        imported
            .notes
            .push(Note::new(account.label(), Remark::GooglePeriod));
    }
    // Google Authenticator writes every field; an export that leaves one unset (0)
    // was written by something else, and what was assumed is said.
    for (unset, remark) in [
        (params.r#type == 0, Remark::AssumedTotp),
        (params.algorithm == 0, Remark::AssumedSha1),
        (params.digits == 0, Remark::AssumedSixDigits),
    ] {
        if unset {
            imported.notes.push(Note::new(account.label(), remark));
        }
    }
    imported.accounts.push(account);
}

/// The code parameters of an entry, or why otp cannot use them.
fn parameters(params: &OtpParameters) -> Result<(Algorithm, Digits, Kind), Reason> {
    if params.secret.is_empty() {
        return Err(Reason::NoSecret);
    }
    let algorithm = match proto::Algorithm::try_from(params.algorithm) {
        Ok(proto::Algorithm::Unspecified | proto::Algorithm::Sha1) => Algorithm::Sha1,
        Ok(proto::Algorithm::Sha256) => Algorithm::Sha256,
        Ok(proto::Algorithm::Sha512) => Algorithm::Sha512,
        Ok(proto::Algorithm::Md5) => return Err(Reason::Md5),
        Err(_) => return Err(Reason::UnknownAlgorithmNumber(params.algorithm)),
    };
    let digits = match proto::DigitCount::try_from(params.digits) {
        Ok(proto::DigitCount::Unspecified | proto::DigitCount::Six) => Digits::SIX,
        Ok(proto::DigitCount::Eight) => Digits::new(8).map_err(Reason::Param)?,
        Err(_) => return Err(Reason::UnknownDigitsNumber(params.digits)),
    };
    let kind = match proto::OtpType::try_from(params.r#type) {
        Ok(proto::OtpType::Unspecified | proto::OtpType::Totp) => Kind::Totp {
            period: Period::DEFAULT,
        },
        Ok(proto::OtpType::Hotp) => {
            let counter = u64::try_from(params.counter)
                .map_err(|_| Reason::NegativeCounter(params.counter))?;
            Kind::Hotp { counter }
        }
        Err(_) => return Err(Reason::UnknownTypeNumber(params.r#type)),
    };
    Ok((algorithm, digits, kind))
}

/// A note naming the QR codes of export `id` that were not given, if any.
fn missing_codes(batches: &[Batch], id: i32) -> Option<Note> {
    let payloads = batches
        .iter()
        .map(|batch| &batch.payload)
        .filter(|payload| payload.batch_id == id);
    let size = payloads.clone().map(|payload| payload.batch_size).max()?;
    if size <= 1 {
        return None;
    }
    let present: BTreeSet<i32> = payloads
        .map(|payload| payload.batch_index)
        .filter(|index| (0..size).contains(index))
        .collect();
    let missing_count = usize::try_from(size).ok()?.checked_sub(present.len())?;
    if missing_count == 0 {
        return None;
    }
    // Numbered from 1, as Google Authenticator shows them; long lists are cut.
    const SHOWN: usize = 12;
    let numbers = |indexes: &mut dyn Iterator<Item = i32>, count: usize| CodeNumbers {
        shown: indexes
            .take(SHOWN)
            .map(|index| i64::from(index) + 1)
            .collect(),
        more: count.saturating_sub(SHOWN),
    };
    let read = numbers(&mut present.iter().copied(), present.len());
    let missing = numbers(
        &mut (0..size).filter(|index| !present.contains(index)),
        missing_count,
    );
    Some(Note::new(
        EXPORT_LABEL.to_owned(),
        Remark::GoogleMissingCodes {
            size: i64::from(size),
            read,
            missing,
        },
    ))
}

/// Writes `accounts` as migration links of at most `batch_size` accounts each.
///
/// Accounts Google Authenticator cannot hold (a period other than 30 s, 7 digits, a
/// counter past `i64::MAX`, Steam Guard) are listed in [`GoogleExport::left_out`],
/// never changed.
/// The links of one export share a random batch id, so Google Authenticator knows
/// they belong together.
pub fn export(accounts: &[Account], batch_size: usize) -> Result<GoogleExport, ImportError> {
    if batch_size == 0 {
        return Err(ImportError::Export(ExportProblem::GoogleBatchSize));
    }
    let mut left_out = Vec::new();
    let mut entries = Vec::with_capacity(accounts.len());
    for account in accounts {
        match to_params(account) {
            Ok(params) => entries.push(params),
            Err(reason) => left_out.push(Unrepresentable::new(account.label(), reason)),
        }
    }
    let count = entries.len().div_ceil(batch_size);
    let batch_count =
        i32::try_from(count).map_err(|_| ImportError::Export(ExportProblem::GoogleTooManyCodes))?;
    let batch_id = random_batch_id()?;
    let mut uris = Vec::with_capacity(count);
    let mut entries = entries.into_iter();
    for batch_index in 0..batch_count {
        let payload = MigrationPayload {
            otp_parameters: entries.by_ref().take(batch_size).collect(),
            version: VERSION,
            batch_size: batch_count,
            batch_index,
            batch_id,
        };
        uris.push(link(&payload));
    }
    Ok(GoogleExport { uris, left_out })
}

/// One account as Google stores it, or why it cannot be.
fn to_params(account: &Account) -> Result<OtpParameters, Reason> {
    // Google's format has no Steam type: said first, before the 5 digits it implies.
    if account.kind == Kind::Steam {
        return Err(Reason::GoogleSteam);
    }
    let digits = match account.digits.get() {
        6 => proto::DigitCount::Six,
        8 => proto::DigitCount::Eight,
        other => return Err(Reason::GoogleDigits(other)),
    };
    let (kind, counter) = match account.kind {
        Kind::Totp { period } if period == Period::DEFAULT => (proto::OtpType::Totp, 0),
        Kind::Totp { period } => return Err(Reason::GooglePeriod(period.seconds())),
        Kind::Hotp { counter } => {
            let counter = i64::try_from(counter).map_err(|_| Reason::GoogleCounter(counter))?;
            (proto::OtpType::Hotp, counter)
        }
        Kind::Steam => return Err(Reason::GoogleSteam),
    };
    if account.secret.is_empty() {
        return Err(Reason::GoogleNoSecret);
    }
    let algorithm = match account.algorithm {
        Algorithm::Sha1 => proto::Algorithm::Sha1,
        Algorithm::Sha256 => proto::Algorithm::Sha256,
        Algorithm::Sha512 => proto::Algorithm::Sha512,
    };
    // A name with a colon but no issuer gets an empty prefix, so that `read` does
    // not take its first part for an issuer.
    let name = match &account.issuer {
        None if account.name.contains(':') => format!(":{}", account.name),
        _ => account.name.clone(),
    };
    Ok(OtpParameters {
        secret: account.secret.expose().to_vec(),
        name,
        issuer: account.issuer.clone().unwrap_or_default(),
        algorithm: algorithm.into(),
        digits: digits.into(),
        r#type: kind.into(),
        counter,
    })
}

/// The `otpauth-migration://` link of one payload, built in buffers that are
/// zeroized and sized up front (so no copy of the secrets is left behind).
fn link(payload: &MigrationPayload) -> Zeroizing<String> {
    const HEAD: &str = "otpauth-migration://offline?data=";
    let bytes = Zeroizing::new(payload.encode_to_vec());
    let mut base64_text = Zeroizing::new(String::with_capacity(bytes.len().div_ceil(3) * 4));
    STANDARD.encode_string(bytes.as_slice(), &mut base64_text);
    // `+`, `/` and `=` become three characters each.
    let mut uri = Zeroizing::new(String::with_capacity(HEAD.len() + base64_text.len() * 3));
    uri.push_str(HEAD);
    for piece in utf8_percent_encode(&base64_text, NON_ALPHANUMERIC) {
        uri.push_str(piece);
    }
    uri
}

/// A random, non-negative batch id.
fn random_batch_id() -> Result<i32, ImportError> {
    let bytes = crate::random::bytes::<4>()
        .map_err(|error| ImportError::Export(ExportProblem::GoogleRandom(error)))?;
    Ok(i32::from_le_bytes(bytes) & i32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::CurrentCode;

    /// Made by `tests/data/make_migration_links.py`, which writes the protobuf wire
    /// bytes by hand (no otp, no protobuf library): RFC 6238's SHA1 seed as
    /// "Example:alice@example.com" (TOTP, 8 digits), RFC 6238's SHA256 seed as
    /// "bob" of "ACME Co" (TOTP, 8 digits) and RFC 4226's seed as "carol" (HOTP,
    /// counter 1); version 1, batch 0 of 1, batch id 123456789.
    const PYTHON_LINK: &str = "otpauth-migration://offline?data=CkAKFDEyMzQ1Njc4OTAxMjM0NTY3\
        ODkwEhlFeGFtcGxlOmFsaWNlQGV4YW1wbGUuY29tGgdFeGFtcGxlIAEoAjACCjYKIDEyMzQ1Njc4OTAxMjM0\
        NTY3ODkwMTIzNDU2Nzg5MDEyEgNib2IaB0FDTUUgQ28gAigCMAIKJwoUMTIzNDU2Nzg5MDEyMzQ1Njc4OTAS\
        BWNhcm9sGgAgASgBMAE4ARABGAEgACiVmu86";

    /// The same script's second link: secret `0000` + `fbefbeffffff` × 3, "pluss" of
    /// "Slash", SHA512, six digits, TOTP, version 1; its base64 holds `+`, `/` and `=`.
    const PLUS_LINK: &str = "otpauth-migration://offline?data=CioKFAAA%2B%2B%2B%2B%2F%2F%2F%2F\
        %2B%2B%2B%2B%2F%2F%2F%2F%2B%2B%2B%2B%2F%2F%2F%2FEgVwbHVzcxoFU2xhc2ggAygBMAIQAQ%3D%3D";

    fn plus_secret() -> Vec<u8> {
        let mut secret = vec![0, 0];
        for _ in 0..3 {
            secret.extend([0xfb, 0xef, 0xbe, 0xff, 0xff, 0xff]);
        }
        secret
    }

    fn code_at(account: &Account, time: u64) -> String {
        match account.code_at(time) {
            CurrentCode::Totp(totp) => totp.code.as_str().to_owned(),
            CurrentCode::Hotp { code, .. } => code.as_str().to_owned(),
        }
    }

    fn params(secret: &[u8], name: &str, issuer: &str) -> OtpParameters {
        OtpParameters {
            secret: secret.to_vec(),
            name: name.to_owned(),
            issuer: issuer.to_owned(),
            algorithm: proto::Algorithm::Sha1.into(),
            digits: proto::DigitCount::Six.into(),
            r#type: proto::OtpType::Totp.into(),
            counter: 0,
        }
    }

    /// A link built here with prost (for entries no app would write).
    fn link_of(entries: Vec<OtpParameters>, size: i32, index: i32, id: i32) -> String {
        let payload = MigrationPayload {
            otp_parameters: entries,
            version: 1,
            batch_size: size,
            batch_index: index,
            batch_id: id,
        };
        link(&payload).to_string()
    }

    fn payload_of(link: &str) -> MigrationPayload {
        decode_link(link, LinkPlace::Only).unwrap().payload
    }

    fn sample_accounts() -> Vec<Account> {
        let rfc = SecretKey::from_bytes(b"12345678901234567890".to_vec());
        let make = |name: &str, issuer: Option<&str>, algorithm, digits: u8, kind| Account {
            name: name.to_owned(),
            issuer: issuer.map(str::to_owned),
            secret: rfc.clone(),
            algorithm,
            digits: Digits::new(digits).unwrap(),
            kind,
        };
        let totp = Kind::Totp {
            period: Period::DEFAULT,
        };
        vec![
            make(
                "alice@example.com",
                Some("Example"),
                Algorithm::Sha1,
                6,
                totp,
            ),
            make("bob", None, Algorithm::Sha256, 8, totp),
            make("carol", Some("AT&T"), Algorithm::Sha512, 6, totp),
            make(
                "dave",
                Some("Bank"),
                Algorithm::Sha1,
                6,
                Kind::Hotp { counter: 7 },
            ),
            make("eve ü", Some("Ünïcode Co"), Algorithm::Sha1, 8, totp),
            make(
                "frank",
                Some("Big"),
                Algorithm::Sha1,
                6,
                Kind::Hotp {
                    counter: i64::MAX as u64,
                },
            ),
            make("grace", Some("x+y/z="), Algorithm::Sha256, 6, totp),
            make("heidi:at:home", None, Algorithm::Sha1, 6, totp),
        ]
    }

    #[test]
    fn reads_a_link_written_by_an_independent_encoder() {
        let imported = read(PYTHON_LINK).unwrap();
        assert!(imported.unrepresentable.is_empty());
        let [alice, bob, carol] = imported.accounts.as_slice() else {
            panic!("three accounts expected: {imported:?}");
        };
        assert_eq!(
            (alice.issuer.as_deref(), alice.name.as_str()),
            (Some("Example"), "alice@example.com")
        );
        assert_eq!(alice.secret.expose(), b"12345678901234567890");
        // RFC 6238 appendix B, T = 59.
        assert_eq!(code_at(alice, 59), "94287082");
        assert_eq!(
            (bob.issuer.as_deref(), bob.name.as_str()),
            (Some("ACME Co"), "bob")
        );
        assert_eq!(bob.algorithm, Algorithm::Sha256);
        assert_eq!(code_at(bob, 59), "46119246");
        // RFC 4226 appendix D, counter 1.
        assert_eq!(
            (carol.issuer.as_deref(), carol.name.as_str()),
            (None, "carol")
        );
        assert_eq!(carol.kind, Kind::Hotp { counter: 1 });
        assert_eq!(code_at(carol, 0), "287082");
        // One period note per time-based account, none for the HOTP one.
        let labels: Vec<&str> = imported.notes.iter().map(|n| n.label.as_str()).collect();
        assert_eq!(labels, ["Example:alice@example.com", "ACME Co:bob"]);
        assert!(imported.notes[0].text.contains("30 seconds"));
        let header = payload_of(PYTHON_LINK);
        assert_eq!(
            (
                header.version,
                header.batch_size,
                header.batch_index,
                header.batch_id
            ),
            (1, 1, 0, 123_456_789)
        );
    }

    #[test]
    fn plus_slash_and_padding_survive_every_mangling() {
        let data = PLUS_LINK.split_once("data=").unwrap().1;
        let raw = percent_decode_str(data).decode_utf8().unwrap().into_owned();
        assert!(raw.contains('+') && raw.contains('/') && raw.ends_with("=="));
        let head = "otpauth-migration://offline?data=";
        let variants = [
            PLUS_LINK.to_owned(),
            format!("{head}{raw}"),
            format!("{head}{}", raw.replace('+', " ")),
            format!("{head}{}", raw.replace('+', "%20")),
            format!("{head}{}", raw.trim_end_matches('=')),
            format!("{head}{}", data.to_ascii_lowercase()),
            PLUS_LINK.replace("%2B", "%2b").replace("%2F", "%2f"),
            format!("OTPAUTH-MIGRATION://offline?foo=bar&DATA={data}&x"),
            format!("  {PLUS_LINK}  \r\n\n"),
        ];
        for variant in &variants[..5] {
            let imported = read(variant).unwrap_or_else(|e| panic!("{variant}: {e}"));
            let [account] = imported.accounts.as_slice() else {
                panic!("{variant}");
            };
            assert_eq!(
                account.secret.expose(),
                plus_secret().as_slice(),
                "{variant}"
            );
            assert_eq!(account.label(), "Slash:pluss");
            assert_eq!(account.algorithm, Algorithm::Sha512);
        }
        // Lower-casing the whole data changes the base64 itself: that must fail,
        // not import a different secret.
        assert!(read(&variants[5]).is_err());
        for variant in &variants[6..] {
            let imported = read(variant).unwrap_or_else(|e| panic!("{variant}: {e}"));
            assert_eq!(
                imported.accounts[0].secret.expose(),
                plus_secret().as_slice()
            );
        }
    }

    #[test]
    fn export_then_read_keeps_every_field() {
        let accounts = sample_accounts();
        for batch_size in [1, 2, 10] {
            let export = export(&accounts, batch_size).unwrap();
            assert!(export.left_out.is_empty(), "{:?}", export.left_out);
            let expected_links = accounts.len().div_ceil(batch_size);
            assert_eq!(export.uris.len(), expected_links);
            let payloads: Vec<MigrationPayload> =
                export.uris.iter().map(|uri| payload_of(uri)).collect();
            for (index, payload) in payloads.iter().enumerate() {
                assert_eq!(payload.version, 1);
                assert_eq!(payload.batch_size, expected_links as i32);
                assert_eq!(payload.batch_index, index as i32);
                assert_eq!(payload.batch_id, payloads[0].batch_id);
                assert!(payload.batch_id >= 0);
                assert!(payload.otp_parameters.len() <= batch_size);
            }
            for uri in &export.uris {
                let data = uri.split_once("data=").unwrap().1;
                assert!(data.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'%'));
            }
            let text = export
                .uris
                .iter()
                .map(|u| u.as_str())
                .collect::<Vec<_>>()
                .join("\n");
            let imported = read(&text).unwrap();
            assert_eq!(imported.accounts, accounts, "batch size {batch_size}");
            assert!(imported.unrepresentable.is_empty());
            // Every TOTP account gets its period note, and no batch is reported missing.
            assert_eq!(imported.notes.len(), 6);
            assert!(imported.notes.iter().all(|n| n.label != EXPORT_LABEL));
        }
    }

    #[test]
    fn every_parameter_google_holds_survives_a_round_trip() {
        let accounts = crate::transfer::fixtures::every_parameter();
        let written = export(&accounts, 4).unwrap();
        let holdable = |account: &Account| {
            account.digits.get() != 7
                && match account.kind {
                    Kind::Totp { period } => period == Period::DEFAULT,
                    Kind::Hotp { .. } => true,
                    Kind::Steam => false,
                }
        };
        let (kept, left): (Vec<Account>, Vec<Account>) =
            accounts.into_iter().partition(|account| holdable(account));
        assert!(!kept.is_empty() && !left.is_empty());
        let left_labels: Vec<String> = left.iter().map(Account::label).collect();
        let reported: Vec<String> = written.left_out.iter().map(|u| u.label.clone()).collect();
        assert_eq!(reported, left_labels);
        let text = written
            .uris
            .iter()
            .map(|uri| uri.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(read(&text).unwrap().accounts, kept);
    }

    #[test]
    fn batches_in_any_order_come_back_in_order() {
        let accounts = sample_accounts();
        let export = export(&accounts, 2).unwrap();
        let mut reversed: Vec<&str> = export.uris.iter().map(|u| u.as_str()).collect();
        reversed.reverse();
        let imported = read(&reversed.join("\n\n")).unwrap();
        assert_eq!(imported.accounts, accounts);
    }

    #[test]
    fn missing_batches_are_named() {
        let accounts = sample_accounts();
        let export = export(&accounts, 2).unwrap();
        assert_eq!(export.uris.len(), 4);
        let text = format!("{}\n{}", export.uris[2].as_str(), export.uris[0].as_str());
        let imported = read(&text).unwrap();
        assert_eq!(imported.accounts.len(), 4);
        assert_eq!(imported.accounts[0], accounts[0]);
        assert_eq!(imported.accounts[2], accounts[4]);
        let notes: Vec<&Note> = imported
            .notes
            .iter()
            .filter(|note| note.label == EXPORT_LABEL)
            .collect();
        let [note] = notes.as_slice() else {
            panic!("one export note expected: {:?}", imported.notes);
        };
        assert!(
            note.text.contains("QR codes 1, 3 of the 4")
                && note.text.contains("QR codes 2, 4 are missing"),
            "{}",
            note.text
        );

        // The same QR code twice counts once, and its accounts come once.
        let text = format!("{0}\n{0}", export.uris[1].as_str());
        let imported = read(&text).unwrap();
        assert_eq!(imported.accounts, accounts[2..4]);
        let note = imported
            .notes
            .iter()
            .find(|n| n.label == EXPORT_LABEL)
            .unwrap();
        // The sentence, with its plurals, is pinned in `crate::i18n::transfer`.
        match &note.remark {
            Remark::GoogleMissingCodes {
                size,
                read,
                missing,
            } => {
                assert_eq!(*size, 4);
                assert_eq!((read.shown.as_slice(), read.more), (&[2][..], 0));
                assert_eq!(
                    (missing.shown.as_slice(), missing.more),
                    (&[1, 3, 4][..], 0)
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn absurd_batch_headers_do_not_hang_or_panic() {
        let entry = || vec![params(b"12345678901234567890", "a", "b")];
        for (size, index) in [
            (i32::MAX, 0),
            (i32::MAX, i32::MAX),
            (5, -1),
            (-3, 2),
            (2, 7),
        ] {
            let imported = read(&link_of(entry(), size, index, 1)).unwrap();
            assert_eq!(imported.accounts.len(), 1);
        }
        let imported = read(&link_of(entry(), i32::MAX, 0, 1)).unwrap();
        let note = imported
            .notes
            .iter()
            .find(|n| n.label == EXPORT_LABEL)
            .unwrap();
        assert!(note.text.contains("and 2147483634 more"), "{}", note.text);
    }

    #[test]
    fn export_leaves_out_what_google_cannot_hold() {
        let mut accounts = sample_accounts();
        let base = accounts[0].clone();
        let mut sixty = base.clone();
        sixty.name = "sixty".to_owned();
        sixty.kind = Kind::Totp {
            period: Period::new(60).unwrap(),
        };
        let mut seven = base.clone();
        seven.name = "seven".to_owned();
        seven.digits = Digits::new(7).unwrap();
        let mut huge = base.clone();
        huge.name = "huge".to_owned();
        huge.kind = Kind::Hotp { counter: u64::MAX };
        let steam = Account {
            name: "gamer".to_owned(),
            algorithm: Algorithm::Sha1,
            digits: Digits::STEAM,
            kind: Kind::Steam,
            ..base.clone()
        };
        accounts.extend([sixty, seven, huge, steam]);
        let written = export(&accounts, 10).unwrap();
        let labels: Vec<&str> = written.left_out.iter().map(|u| u.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Example:sixty",
                "Example:seven",
                "Example:huge",
                "Example:gamer"
            ]
        );
        assert!(written.left_out[0].reason.contains("60 seconds"));
        assert!(written.left_out[1].reason.contains("7 digits"));
        assert!(written.left_out[2].reason.contains("counter"));
        assert_eq!(written.left_out[3].why, Reason::GoogleSteam);
        for left in &written.left_out {
            assert!(left.reason.contains("--format aegis"), "{}", left.reason);
        }
        let imported = read(written.uris[0].as_str()).unwrap();
        assert_eq!(imported.accounts, accounts[..8]);
        assert!(export(&accounts, 0).is_err());
        let nothing = export(&[], 10).unwrap();
        assert!(nothing.uris.is_empty() && nothing.left_out.is_empty());
    }

    #[test]
    fn unusable_entries_are_left_out_with_a_reason() {
        let secret = b"12345678901234567890";
        let mut md5 = params(secret, "md5", "Old");
        md5.algorithm = proto::Algorithm::Md5.into();
        let empty = params(b"", "empty", "Nothing");
        let mut algorithm = params(secret, "algo", "Future");
        algorithm.algorithm = 9;
        let mut digits = params(secret, "digits", "Future");
        digits.digits = 3;
        let mut kind = params(secret, "type", "Future");
        kind.r#type = 5;
        let mut negative = params(secret, "negative", "Bank");
        negative.r#type = proto::OtpType::Hotp.into();
        negative.counter = -4;
        let fine = params(secret, "fine", "Good");
        let entries = vec![md5, empty, algorithm, digits, kind, negative, fine];
        let imported = read(&link_of(entries, 1, 0, 5)).unwrap();
        assert_eq!(imported.accounts.len(), 1);
        assert_eq!(imported.accounts[0].label(), "Good:fine");
        let left: Vec<(&str, &str)> = imported
            .unrepresentable
            .iter()
            .map(|u| (u.label.as_str(), u.reason.as_str()))
            .collect();
        let expected = [
            ("Old:md5", "MD5"),
            ("Nothing:empty", "no secret"),
            ("Future:algo", "number 9"),
            ("Future:digits", "number 3"),
            ("Future:type", "number 5"),
            ("Bank:negative", "negative (-4)"),
        ];
        assert_eq!(left.len(), expected.len());
        for ((label, reason), (want_label, want)) in left.iter().zip(expected) {
            assert_eq!(*label, want_label);
            assert!(reason.contains(want), "{reason}");
            assert!(
                !reason.contains("1234") && !reason.contains("GEZD"),
                "{reason}"
            );
        }
    }

    /// Google's defaults are taken, and said: never a silent default.
    #[test]
    fn unspecified_values_take_googles_defaults() {
        let mut entry = params(b"12345678901234567890", "Service:user", "");
        entry.algorithm = 0;
        entry.digits = 0;
        entry.r#type = 0;
        let imported = read(&link_of(vec![entry], 0, 0, 0)).unwrap();
        let account = &imported.accounts[0];
        // "Issuer:name" in the name without an issuer is split like a link's label.
        assert_eq!(
            (account.issuer.as_deref(), account.name.as_str()),
            (Some("Service"), "user")
        );
        assert_eq!(account.algorithm, Algorithm::Sha1);
        assert_eq!(account.digits, Digits::SIX);
        assert_eq!(
            account.kind,
            Kind::Totp {
                period: Period::DEFAULT
            }
        );
        // RFC 6238 T = 59, six digits: the last six of 94287082.
        assert_eq!(code_at(account, 59), "287082");
        let remarks: Vec<&Remark> = imported.notes.iter().map(|note| &note.remark).collect();
        assert_eq!(
            remarks,
            [
                &Remark::GooglePeriod,
                &Remark::AssumedTotp,
                &Remark::AssumedSha1,
                &Remark::AssumedSixDigits
            ]
        );
        // Fields Google Authenticator writes give no such note.
        let imported = read(&link_of(
            vec![params(b"12345678901234567890", "a", "b")],
            0,
            0,
            0,
        ))
        .unwrap();
        let remarks: Vec<&Remark> = imported.notes.iter().map(|note| &note.remark).collect();
        assert_eq!(remarks, [&Remark::GooglePeriod]);
    }

    #[test]
    fn a_newer_version_is_read() {
        let payload = MigrationPayload {
            otp_parameters: vec![params(b"12345678901234567890", "a", "b")],
            version: 7,
            batch_size: 1,
            batch_index: 0,
            batch_id: 3,
        };
        let imported = read(&link(&payload)).unwrap();
        assert_eq!(imported.accounts.len(), 1);
    }

    #[test]
    fn broken_links_are_malformed_with_a_useful_detail() {
        let cases = [
            (
                "https://example.com/?data=abc",
                "does not start with otpauth-migration://",
            ),
            ("otpauth://totp/a?secret=JBSWY3DP", "--format uris"),
            ("otpauth-migration:offline?data=CgA", "does not start with"),
            ("otpauth-migration://offline", "no data= parameter"),
            ("otpauth-migration://offline?data=", "no data= parameter"),
            (
                "otpauth-migration://offline?data=a&data=b",
                "more than one data=",
            ),
            (
                "otpauth-migration://offline?data=CgA%2",
                "broken percent escape",
            ),
            (
                "otpauth-migration://offline?data=%FF%FE",
                "not valid base64",
            ),
            ("otpauth-migration://offline?data=Cg!!", "not valid base64"),
            (
                "otpauth-migration://offline?data=CgUKAzEy",
                "not a Google Authenticator export",
            ),
            (
                "otpauth-migration://offline?data=/////w",
                "not a Google Authenticator export",
            ),
        ];
        for (link, expected) in cases {
            match read(link) {
                Err(ImportError::Malformed {
                    format: Format::Google,
                    problem: detail,
                }) => assert!(detail.to_string().contains(expected), "{link}: {detail}"),
                other => panic!("{link}: {other:?}"),
            }
        }
        let two = format!("{PYTHON_LINK}\n\notpauth-migration://offline");
        match read(&two) {
            Err(ImportError::Malformed {
                problem: detail, ..
            }) => {
                assert!(detail.to_string().starts_with("line 3 "), "{detail}")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn every_truncation_is_an_error_or_a_smaller_import() {
        for full in [PYTHON_LINK, PLUS_LINK] {
            for cut in 0..full.len() {
                let Some(prefix) = full.get(..cut) else {
                    continue;
                };
                match read(prefix) {
                    Ok(imported) => assert!(imported.accounts.len() <= 3),
                    Err(ImportError::Malformed {
                        problem: detail, ..
                    }) => {
                        assert!(!detail.to_string().contains("MTIz"), "{detail}")
                    }
                    Err(other) => panic!("{cut}: {other:?}"),
                }
            }
        }
    }

    #[test]
    fn debug_output_hides_secrets() {
        let entry = params(b"12345678901234567890", "a", "b");
        let shown = format!("{entry:?}");
        assert!(
            shown.contains("redacted") && !shown.contains("49, 50"),
            "{shown}"
        );
        let export = export(&sample_accounts(), 3).unwrap();
        let shown = format!("{export:?}");
        assert!(!shown.contains("otpauth-migration"), "{shown}");
    }
}
