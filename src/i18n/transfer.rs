//! Sentences for import, export and QR pictures: the transfer service's errors
//! ([`ImportError`], [`QrError`]), why an entry was left out ([`Reason`],
//! [`Unrepresentable`]), remarks about imported accounts ([`Remark`], [`Note`]), and
//! the names of the file formats ([`Format`]).

use super::{Lang, Localize};
use crate::qr::{MAX_DECODE_BYTES, MAX_FILE_BYTES, MAX_SIDE, QrError};
use crate::t_in;
use crate::transfer::{
    AegisPart, BitwardenField, CodeNumbers, EncPart, ExportProblem, Field, Format, ImportError,
    LinkPlace, Note, Problem, Reason, Remark, ScryptExcess, SealedPart, TwoFasField,
    UnknownFormatName, Unrepresentable, format_names,
};

impl Localize for Format {
    /// How the format is named to a person: "Aegis export", "Aegis 내보내기 파일".
    fn localize_in(&self, lang: Lang) -> String {
        match self {
            Format::Google => t_in!(lang, "transfer-format-google"),
            Format::Aegis => t_in!(lang, "transfer-format-aegis"),
            Format::TwoFas => t_in!(lang, "transfer-format-2fas"),
            Format::AndOtp => t_in!(lang, "transfer-format-andotp"),
            Format::AndOtpEncrypted => t_in!(lang, "transfer-format-andotp-encrypted"),
            Format::FreeOtpPlus => t_in!(lang, "transfer-format-freeotp"),
            Format::FreeOtpBackup => t_in!(lang, "transfer-format-freeotp-backup"),
            Format::FreeOtpTokens => t_in!(lang, "transfer-format-freeotp-tokens"),
            Format::Bitwarden => t_in!(lang, "transfer-format-bitwarden"),
            Format::BitwardenCsv => t_in!(lang, "transfer-format-bitwarden-csv"),
            Format::Proton => t_in!(lang, "transfer-format-proton"),
            Format::AuthPro => t_in!(lang, "transfer-format-authpro"),
            Format::Uris => t_in!(lang, "transfer-format-uris"),
            Format::Backup => t_in!(lang, "transfer-format-backup"),
            Format::Image => t_in!(lang, "transfer-format-qr"),
        }
    }
}

impl Localize for UnknownFormatName {
    fn localize_in(&self, lang: Lang) -> String {
        t_in!(
            lang,
            "transfer-unknown-format-name",
            given = self.given.as_str(),
            formats = format_names()
        )
    }
}

impl Localize for ImportError {
    fn localize_in(&self, lang: Lang) -> String {
        match self {
            ImportError::UnknownFormat(looks) => t_in!(
                lang,
                "transfer-unknown-format",
                looks = looks.as_str(),
                formats = format_names()
            ),
            ImportError::UnknownBinary => {
                t_in!(lang, "transfer-unknown-binary", formats = format_names())
            }
            ImportError::Malformed {
                problem: Problem::Qr(error),
                ..
            } => t_in!(
                lang,
                "transfer-malformed-image",
                problem = error.localize_in(lang)
            ),
            ImportError::Malformed { format, problem } if problem.is_damage() => t_in!(
                lang,
                "transfer-malformed-damaged",
                format = format.localize_in(lang),
                problem = problem.localize_in(lang)
            ),
            ImportError::Malformed { format, problem } => t_in!(
                lang,
                "transfer-malformed",
                format = format.localize_in(lang),
                problem = problem.localize_in(lang)
            ),
            ImportError::WrongPassword(format) => t_in!(
                lang,
                "transfer-wrong-password",
                format = format.localize_in(lang)
            ),
            ImportError::AndOtpIterations { iterations, max } => t_in!(
                lang,
                "transfer-andotp-iterations",
                iterations = iterations.to_string(),
                max = max.to_string()
            ),
            ImportError::Empty(format) => {
                t_in!(lang, "transfer-empty", format = format.localize_in(lang))
            }
            ImportError::NoCodes { format, items } => t_in!(
                lang,
                "transfer-no-codes",
                format = format.localize_in(lang),
                items = *items
            ),
            ImportError::UnknownVersion {
                format,
                version,
                known,
            } => t_in!(
                lang,
                "transfer-unknown-version",
                format = format.localize_in(lang),
                version = version.to_string(),
                known = known.to_string()
            ),
            // The front-end that asked for the password wrote this sentence.
            ImportError::Password(sentence) => sentence.clone(),
            ImportError::Export(problem) => problem.localize_in(lang),
        }
    }
}

/// Line 0 stands for "the link" (the text is one link).
fn link_line(place: LinkPlace) -> usize {
    match place {
        LinkPlace::Only => 0,
        LinkPlace::Line(line) => line,
    }
}

fn aegis_part(lang: Lang, part: AegisPart) -> String {
    match part {
        AegisPart::SlotKey => t_in!(lang, "transfer-aegis-part-slot-key"),
        AegisPart::SlotSalt => t_in!(lang, "transfer-aegis-part-slot-salt"),
        AegisPart::SlotNonce(slot) => t_in!(lang, "transfer-aegis-part-slot-nonce", slot = slot),
        AegisPart::SlotTag(slot) => t_in!(lang, "transfer-aegis-part-slot-tag", slot = slot),
        AegisPart::ContentsNonce => t_in!(lang, "transfer-aegis-part-contents-nonce"),
        AegisPart::ContentsTag => t_in!(lang, "transfer-aegis-part-contents-tag"),
    }
}

fn scrypt_excess(lang: Lang, excess: ScryptExcess) -> String {
    match excess {
        ScryptExcess::ZeroCost { r, p } => t_in!(
            lang,
            "transfer-scrypt-zero-cost",
            r = r.to_string(),
            p = p.to_string()
        ),
        ScryptExcess::LogN { log_n, max } => {
            t_in!(lang, "transfer-scrypt-log-n", log_n = log_n, max = max)
        }
        ScryptExcess::RTimesP { value, max } => t_in!(
            lang,
            "transfer-scrypt-r-times-p",
            value = value.to_string(),
            max = max.to_string()
        ),
        ScryptExcess::Memory { mib, max_mib } => t_in!(
            lang,
            "transfer-scrypt-memory",
            mib = mib.to_string(),
            max_mib = max_mib.to_string()
        ),
        ScryptExcess::Work { log_work, max_log } => t_in!(
            lang,
            "transfer-scrypt-work",
            log_work = log_work,
            max_log = max_log
        ),
    }
}

fn two_fas_field(lang: Lang, field: TwoFasField) -> String {
    match field {
        TwoFasField::Services => t_in!(lang, "transfer-2fas-services"),
        TwoFasField::Reference => t_in!(lang, "transfer-2fas-reference"),
    }
}

fn bitwarden_field(lang: Lang, field: BitwardenField) -> String {
    match field {
        BitwardenField::Validation => t_in!(lang, "transfer-bitwarden-validation"),
        BitwardenField::Data => t_in!(lang, "transfer-bitwarden-data"),
    }
}

fn enc_part(lang: Lang, part: EncPart) -> String {
    match part {
        EncPart::Iv => t_in!(lang, "transfer-2fas-part-iv"),
        EncPart::Ciphertext => t_in!(lang, "transfer-2fas-part-ciphertext"),
        EncPart::Mac => t_in!(lang, "transfer-bitwarden-part-mac"),
    }
}

fn sealed_part(lang: Lang, part: SealedPart) -> String {
    match part {
        SealedPart::Ciphertext => t_in!(lang, "transfer-2fas-part-ciphertext"),
        SealedPart::Salt => t_in!(lang, "transfer-2fas-part-salt"),
        SealedPart::Iv => t_in!(lang, "transfer-2fas-part-iv"),
    }
}

impl Localize for Problem {
    /// What is wrong with the file: in English a clause for after "cannot be
    /// read:", in Korean a sentence of its own.
    fn localize_in(&self, lang: Lang) -> String {
        match self {
            Problem::JsonCutShort { at } => t_in!(
                lang,
                "transfer-json-cut-short",
                line = at.line,
                column = at.column
            ),
            Problem::JsonSyntax { at } => t_in!(
                lang,
                "transfer-json-syntax",
                line = at.line,
                column = at.column
            ),
            Problem::JsonUnreadable { at } => t_in!(
                lang,
                "transfer-json-unreadable",
                line = at.line,
                column = at.column
            ),
            Problem::JsonMissingField { field, at } => t_in!(
                lang,
                "transfer-json-missing-field",
                field = field.as_str(),
                line = at.line,
                column = at.column
            ),
            Problem::JsonWrongType { at, expected: None } => t_in!(
                lang,
                "transfer-json-wrong-type",
                line = at.line,
                column = at.column
            ),
            Problem::JsonWrongType {
                at,
                expected: Some(expected),
            } => t_in!(
                lang,
                "transfer-json-wrong-type-expected",
                line = at.line,
                column = at.column,
                expected = expected.as_str()
            ),
            Problem::NotUtf8 => t_in!(lang, "transfer-not-utf8"),
            Problem::Qr(error) => error.localize_in(lang),
            Problem::QrNotLink => t_in!(lang, "transfer-qr-not-link"),
            Problem::BackupInvalid { detail } => {
                t_in!(
                    lang,
                    "transfer-backup-invalid",
                    detail = super::technical(detail, lang)
                )
            }
            Problem::BackupAccount { name, problem } => t_in!(
                lang,
                "transfer-backup-account",
                name = name.as_str(),
                problem = problem.localize_in(lang)
            ),
            Problem::BackupExcessiveWork { required, max } => t_in!(
                lang,
                "transfer-backup-excessive-work",
                required = *required,
                max = *max
            ),
            Problem::BackupKeyLocked => t_in!(lang, "transfer-backup-key-locked"),
            Problem::BackupHeader => t_in!(lang, "transfer-backup-header"),
            Problem::BackupNewerAge => t_in!(lang, "transfer-backup-newer-age"),
            Problem::BackupCutShort => t_in!(lang, "transfer-backup-cut-short"),
            Problem::BackupArmor => t_in!(lang, "transfer-backup-armor"),
            Problem::BackupUnreadable => t_in!(lang, "transfer-backup-unreadable"),
            Problem::BackupPayload => t_in!(lang, "transfer-backup-payload"),
            Problem::AegisEncryptedWithoutKeys => {
                t_in!(lang, "transfer-aegis-encrypted-without-keys")
            }
            Problem::AegisPlainButEncrypted => t_in!(lang, "transfer-aegis-plain-but-encrypted"),
            Problem::AegisScryptN { n } => {
                t_in!(lang, "transfer-aegis-scrypt-n", n = n.to_string())
            }
            Problem::AegisScryptRefused { excess } => t_in!(
                lang,
                "transfer-aegis-scrypt-refused",
                excess = scrypt_excess(lang, *excess)
            ),
            Problem::AegisScryptInvalid => t_in!(lang, "transfer-aegis-scrypt-invalid"),
            Problem::AegisSlotField { slot, field } => t_in!(
                lang,
                "transfer-aegis-slot-field",
                slot = *slot,
                field = *field
            ),
            Problem::AegisNotHex { part } => t_in!(
                lang,
                "transfer-aegis-not-hex",
                part = aegis_part(lang, *part)
            ),
            Problem::AegisLength { part, bytes } => t_in!(
                lang,
                "transfer-aegis-length",
                part = aegis_part(lang, *part),
                bytes = *bytes
            ),
            Problem::AegisSaltLength => t_in!(lang, "transfer-aegis-salt-length"),
            Problem::AegisNoSlots => t_in!(lang, "transfer-aegis-no-slots"),
            Problem::AegisNoParams => t_in!(lang, "transfer-aegis-no-params"),
            Problem::AegisNotBase64 => t_in!(lang, "transfer-aegis-not-base64"),
            Problem::AegisNoPasswordSlot => t_in!(lang, "transfer-aegis-no-password-slot"),
            Problem::AegisTooManySlots { count, max } => t_in!(
                lang,
                "transfer-aegis-too-many-slots",
                count = *count,
                max = *max
            ),
            Problem::AegisMasterKey => t_in!(lang, "transfer-aegis-master-key"),
            Problem::AegisContentsDamaged => t_in!(lang, "transfer-aegis-contents-damaged"),
            Problem::TwoFasLayout { field } => t_in!(
                lang,
                "transfer-2fas-layout",
                field = two_fas_field(lang, *field)
            ),
            Problem::TwoFasNotBase64 { field, part } => t_in!(
                lang,
                "transfer-2fas-not-base64",
                field = two_fas_field(lang, *field),
                part = sealed_part(lang, *part)
            ),
            Problem::TwoFasIvLength { field, bytes } => t_in!(
                lang,
                "transfer-2fas-iv-length",
                field = two_fas_field(lang, *field),
                bytes = *bytes
            ),
            Problem::TwoFasTooShort { field } => t_in!(
                lang,
                "transfer-2fas-too-short",
                field = two_fas_field(lang, *field)
            ),
            Problem::TwoFasSaltLength { field } => t_in!(
                lang,
                "transfer-2fas-salt-length",
                field = two_fas_field(lang, *field)
            ),
            Problem::TwoFasServicesDamaged => t_in!(lang, "transfer-2fas-services-damaged"),
            Problem::BitwardenAccountRestricted => {
                t_in!(lang, "transfer-bitwarden-account-restricted")
            }
            Problem::BitwardenEncString { field } => t_in!(
                lang,
                "transfer-bitwarden-enc-string",
                field = bitwarden_field(lang, *field)
            ),
            Problem::BitwardenNotBase64 { field, part } => t_in!(
                lang,
                "transfer-bitwarden-not-base64",
                field = bitwarden_field(lang, *field),
                part = enc_part(lang, *part)
            ),
            Problem::BitwardenLength { field, part } => t_in!(
                lang,
                "transfer-bitwarden-length",
                field = bitwarden_field(lang, *field),
                part = enc_part(lang, *part)
            ),
            Problem::BitwardenNoSalt => t_in!(lang, "transfer-bitwarden-no-salt"),
            Problem::BitwardenKdfType { value: Some(value) } => {
                t_in!(lang, "transfer-bitwarden-kdf-type", value = value.as_str())
            }
            Problem::BitwardenKdfType { value: None } => {
                t_in!(lang, "transfer-bitwarden-kdf-type-not-number")
            }
            Problem::BitwardenKdfMissing { setting } => {
                t_in!(lang, "transfer-bitwarden-kdf-missing", setting = *setting)
            }
            Problem::BitwardenKdfRefused {
                setting,
                value,
                min,
                max,
            } => t_in!(
                lang,
                "transfer-bitwarden-kdf-refused",
                setting = *setting,
                value = value.to_string(),
                min = min.to_string(),
                max = max.to_string()
            ),
            Problem::BitwardenDataDamaged => t_in!(lang, "transfer-bitwarden-data-damaged"),
            Problem::BitwardenCsvHeader { column } => {
                t_in!(lang, "transfer-bitwarden-csv-header", column = *column)
            }
            Problem::Csv { line } => t_in!(lang, "transfer-csv", line = line.to_string()),
            Problem::ProtonSalt => t_in!(lang, "transfer-proton-salt"),
            Problem::ProtonContent => t_in!(lang, "transfer-proton-content"),
            Problem::AuthProCutShort => t_in!(lang, "transfer-authpro-cut-short"),
            Problem::AuthProDamaged => t_in!(lang, "transfer-authpro-damaged"),
            Problem::AndOtpCutShort => t_in!(lang, "transfer-andotp-cut-short"),
            Problem::FreeOtpCutShort => t_in!(lang, "transfer-freeotp-cut-short"),
            Problem::FreeOtpStream { at } => {
                t_in!(lang, "transfer-freeotp-stream", at = at.to_string())
            }
            Problem::FreeOtpXml { at } => t_in!(lang, "transfer-freeotp-xml", at = at.to_string()),
            Problem::FreeOtpTooMany { max } => {
                t_in!(lang, "transfer-freeotp-too-many", max = max.to_string())
            }
            Problem::FreeOtpTwice { name } => {
                t_in!(lang, "transfer-freeotp-twice", name = name.as_str())
            }
            Problem::FreeOtpNoMasterKey => t_in!(lang, "transfer-freeotp-no-master-key"),
            Problem::FreeOtpEntry { entry } => {
                t_in!(lang, "transfer-freeotp-entry", entry = entry.as_str())
            }
            Problem::FreeOtpKdf { algorithm } => {
                t_in!(lang, "transfer-freeotp-kdf", algorithm = algorithm.as_str())
            }
            Problem::FreeOtpIterations { value, max } => t_in!(
                lang,
                "transfer-freeotp-iterations",
                value = value.to_string(),
                max = max.to_string()
            ),
            Problem::FreeOtpKeyDamaged { token } => {
                t_in!(lang, "transfer-freeotp-key-damaged", token = token.as_str())
            }
            Problem::GoogleSingleLink { place } => t_in!(
                lang,
                "transfer-google-single-link",
                line = link_line(*place)
            ),
            Problem::GoogleNotMigration { place } => t_in!(
                lang,
                "transfer-google-not-migration",
                line = link_line(*place)
            ),
            Problem::GoogleDataTwice { place } => {
                t_in!(lang, "transfer-google-data-twice", line = link_line(*place))
            }
            Problem::GoogleNoData { place } => {
                t_in!(lang, "transfer-google-no-data", line = link_line(*place))
            }
            Problem::GoogleBrokenEscape { place } => t_in!(
                lang,
                "transfer-google-broken-escape",
                line = link_line(*place)
            ),
            Problem::GoogleNotBase64 { place } => {
                t_in!(lang, "transfer-google-not-base64", line = link_line(*place))
            }
            Problem::GoogleNotExport { place } => {
                t_in!(lang, "transfer-google-not-export", line = link_line(*place))
            }
            Problem::Link { line, error } => t_in!(
                lang,
                "transfer-link-line",
                line = *line,
                problem = error.localize_in(lang)
            ),
            Problem::AtLine { line, problem } => t_in!(
                lang,
                "transfer-link-line",
                line = *line,
                problem = problem.localize_in(lang)
            ),
        }
    }
}

impl Localize for ExportProblem {
    fn localize_in(&self, lang: Lang) -> String {
        match self {
            ExportProblem::BackupWorkFactor { given, min, max } => t_in!(
                lang,
                "transfer-export-backup-work-factor",
                given = *given,
                min = *min,
                max = *max
            ),
            ExportProblem::BackupEmptyPassword => {
                t_in!(lang, "transfer-export-backup-empty-password")
            }
            ExportProblem::BackupEncryptFailed => {
                t_in!(lang, "transfer-export-backup-encrypt-failed")
            }
            ExportProblem::AegisEmptyPassword => {
                t_in!(lang, "transfer-export-aegis-empty-password")
            }
            ExportProblem::AegisRandom => t_in!(lang, "transfer-export-aegis-random"),
            ExportProblem::AegisJson => t_in!(lang, "transfer-export-aegis-json"),
            ExportProblem::AegisEncryptFailed => {
                t_in!(lang, "transfer-export-aegis-encrypt-failed")
            }
            ExportProblem::AegisCounter { label, max } => t_in!(
                lang,
                "transfer-export-aegis-counter",
                label = label.as_str(),
                max = max.to_string()
            ),
            ExportProblem::GoogleBatchSize => t_in!(lang, "transfer-export-google-batch-size"),
            ExportProblem::GoogleTooManyCodes => {
                t_in!(lang, "transfer-export-google-too-many-codes")
            }
            ExportProblem::GoogleRandom(_) => t_in!(lang, "transfer-export-google-random"),
        }
    }
}

fn field(lang: Lang, field: Field) -> String {
    match field {
        Field::Digits => t_in!(lang, "transfer-field-digits"),
        Field::Counter => t_in!(lang, "transfer-field-counter"),
        Field::Period => t_in!(lang, "transfer-field-period"),
        Field::Algorithm => t_in!(lang, "transfer-field-algorithm"),
        Field::Type => t_in!(lang, "transfer-field-type"),
    }
}

impl Localize for Reason {
    fn localize_in(&self, lang: Lang) -> String {
        match self {
            Reason::Unsupported(scheme) => {
                t_in!(lang, "transfer-reason-unsupported", scheme = scheme.name())
            }
            Reason::UnknownType { name } => {
                t_in!(lang, "transfer-reason-unknown-type", name = name.as_str())
            }
            Reason::NoParameters => t_in!(lang, "transfer-reason-no-parameters"),
            Reason::SecretNotBase32 => t_in!(lang, "transfer-reason-secret-not-base32"),
            Reason::SecretUnusable(error) => t_in!(
                lang,
                "transfer-reason-secret-unusable",
                error = error.localize_in(lang)
            ),
            Reason::NoSecret => t_in!(lang, "transfer-reason-no-secret"),
            Reason::SecretNotBytes => t_in!(lang, "transfer-reason-secret-not-bytes"),
            Reason::SecretEmpty => t_in!(lang, "transfer-reason-secret-empty"),
            Reason::Param(error) => error.localize_in(lang),
            Reason::NotWholeNumber {
                field: which,
                value,
            } => t_in!(
                lang,
                "transfer-reason-not-whole-number",
                field = field(lang, *which),
                value = value.as_str()
            ),
            Reason::NotANumber { field: which } => t_in!(
                lang,
                "transfer-reason-not-a-number",
                field = field(lang, *which)
            ),
            Reason::Missing(which) => {
                t_in!(lang, "transfer-reason-missing", field = field(lang, *which))
            }
            Reason::NoCounter => t_in!(lang, "transfer-reason-no-counter"),
            Reason::SteamParameters(which) => t_in!(
                lang,
                "transfer-reason-steam-parameters",
                field = field(lang, *which)
            ),
            Reason::Md5 => t_in!(lang, "transfer-reason-md5"),
            Reason::UnknownAlgorithmNumber(number) => t_in!(
                lang,
                "transfer-reason-unknown-algorithm-number",
                number = *number
            ),
            Reason::UnknownDigitsNumber(number) => t_in!(
                lang,
                "transfer-reason-unknown-digits-number",
                number = *number
            ),
            Reason::UnknownTypeNumber(number) => t_in!(
                lang,
                "transfer-reason-unknown-type-number",
                number = *number
            ),
            Reason::NegativeCounter(counter) => t_in!(
                lang,
                "transfer-reason-negative-counter",
                counter = counter.to_string()
            ),
            Reason::GoogleDigits(digits) => {
                t_in!(lang, "transfer-reason-google-digits", digits = *digits)
            }
            Reason::GooglePeriod(seconds) => t_in!(
                lang,
                "transfer-reason-google-period",
                seconds = seconds.to_string()
            ),
            Reason::GoogleCounter(counter) => t_in!(
                lang,
                "transfer-reason-google-counter",
                counter = counter.to_string()
            ),
            Reason::GoogleNoSecret => t_in!(lang, "transfer-reason-google-no-secret"),
            Reason::Link(error) => t_in!(
                lang,
                "transfer-reason-link",
                error = error.localize_in(lang)
            ),
            Reason::GoogleSteam => t_in!(lang, "transfer-reason-google-steam"),
            Reason::FreeOtpSettings => t_in!(lang, "transfer-reason-freeotp-settings"),
            Reason::FreeOtpNoSettings => t_in!(lang, "transfer-reason-freeotp-no-settings"),
        }
    }
}

/// The numbers of some QR codes, with "and N more" past the first few.
fn code_numbers(lang: Lang, numbers: &CodeNumbers) -> String {
    if numbers.more == 0 {
        numbers.list()
    } else {
        t_in!(
            lang,
            "transfer-code-numbers-more",
            numbers = numbers.list(),
            more = numbers.more
        )
    }
}

impl Localize for Remark {
    fn localize_in(&self, lang: Lang) -> String {
        match self {
            Remark::AssumedSha1 => t_in!(lang, "transfer-remark-assumed-sha1"),
            Remark::AssumedSixDigits => t_in!(lang, "transfer-remark-assumed-six-digits"),
            Remark::AssumedCounterZero => t_in!(lang, "transfer-remark-assumed-counter-zero"),
            Remark::AssumedPeriod => t_in!(lang, "transfer-remark-assumed-period"),
            Remark::AssumedTotp => t_in!(lang, "transfer-remark-assumed-totp"),
            Remark::GooglePeriod => t_in!(lang, "transfer-remark-google-period"),
            Remark::GoogleMissingCodes {
                size,
                read,
                missing,
            } => t_in!(
                lang,
                "transfer-remark-google-missing-codes",
                size = size.to_string(),
                read = code_numbers(lang, read),
                read_count = read.count(),
                missing = code_numbers(lang, missing),
                missing_count = missing.count()
            ),
            Remark::FreeOtpCounter { stored } => t_in!(
                lang,
                "transfer-remark-freeotp-counter",
                stored = stored.to_string()
            ),
            Remark::IssuerMismatch { label, parameter } => t_in!(
                lang,
                "transfer-remark-issuer-mismatch",
                label = label.as_str(),
                parameter = parameter.as_str()
            ),
            Remark::CounterIgnored => t_in!(lang, "transfer-remark-counter-ignored"),
            Remark::PeriodIgnored => t_in!(lang, "transfer-remark-period-ignored"),
            Remark::AssumedTotpDefaults => t_in!(lang, "transfer-remark-assumed-totp-defaults"),
            Remark::BitwardenHotp => t_in!(lang, "transfer-remark-bitwarden-hotp"),
            Remark::FreeOtpBackupCounter => t_in!(lang, "transfer-remark-freeotp-backup-counter"),
        }
    }
}

impl Localize for Note {
    /// The remark (the front-end shows the label next to it).
    fn localize_in(&self, lang: Lang) -> String {
        self.remark.localize_in(lang)
    }
}

impl Localize for Unrepresentable {
    /// Why the entry was left out (the front-end shows the label next to it).
    fn localize_in(&self, lang: Lang) -> String {
        self.why.localize_in(lang)
    }
}

impl Localize for QrError {
    fn localize_in(&self, lang: Lang) -> String {
        const MIB: u64 = 1024 * 1024;
        match self {
            QrError::NotAnImage => t_in!(lang, "transfer-qr-not-an-image"),
            QrError::Damaged { detail } => {
                t_in!(
                    lang,
                    "transfer-qr-damaged",
                    detail = super::technical(detail, lang)
                )
            }
            QrError::TooLarge { width, height } => t_in!(
                lang,
                "transfer-qr-too-large",
                width = *width,
                height = *height,
                max = MAX_SIDE,
                mib = MAX_DECODE_BYTES / MIB
            ),
            QrError::FileTooLarge => {
                t_in!(
                    lang,
                    "transfer-qr-file-too-large",
                    mib = MAX_FILE_BYTES / MIB
                )
            }
            QrError::NoQrCode => t_in!(lang, "transfer-qr-no-qr-code"),
            QrError::Unreadable => t_in!(lang, "transfer-qr-unreadable"),
            QrError::TooSlow => t_in!(lang, "transfer-qr-too-slow"),
            QrError::NotText => t_in!(lang, "transfer-qr-not-text"),
            QrError::TooLong { bytes } => t_in!(lang, "transfer-qr-too-long", bytes = *bytes),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transfer::{Looks, Position, Scheme};

    /// One value of every error, reason and remark, with the values that must
    /// appear in its sentence in every language.
    fn samples() -> Vec<(Box<dyn Localize>, Vec<&'static str>)> {
        let at = Position {
            line: 37,
            column: 4242,
        };
        let place = LinkPlace::Line(29);
        let problems: Vec<(Problem, Vec<&'static str>)> = vec![
            (Problem::JsonCutShort { at }, vec!["37", "4242"]),
            (Problem::JsonSyntax { at }, vec!["37", "4242"]),
            (Problem::JsonUnreadable { at }, vec!["37", "4242"]),
            (
                Problem::JsonMissingField {
                    field: "tokenOrder".to_owned(),
                    at,
                },
                vec!["tokenOrder", "37", "4242"],
            ),
            (
                Problem::JsonWrongType { at, expected: None },
                vec!["37", "4242"],
            ),
            (
                Problem::JsonWrongType {
                    at,
                    expected: Some("u64".to_owned()),
                },
                vec!["37", "4242", "u64"],
            ),
            (Problem::NotUtf8, vec!["UTF-8"]),
            (Problem::QrNotLink, vec!["otpauth-migration://"]),
            (
                Problem::BackupInvalid {
                    detail: "expected `=`".to_owned(),
                },
                vec!["expected `=`"],
            ),
            (
                Problem::BackupAccount {
                    name: "GitHub:alice".to_owned(),
                    problem: crate::vault::payload::RecordProblem::Type {
                        kind: "motp".to_owned(),
                    },
                },
                vec!["GitHub:alice", "motp"],
            ),
            (
                Problem::BackupExcessiveWork {
                    required: 31,
                    max: 22,
                },
                vec!["31", "22"],
            ),
            (Problem::BackupKeyLocked, vec!["age"]),
            (Problem::BackupHeader, vec![]),
            (Problem::BackupNewerAge, vec!["age"]),
            (Problem::BackupCutShort, vec![]),
            (Problem::BackupArmor, vec!["ASCII"]),
            (Problem::BackupUnreadable, vec!["age"]),
            (Problem::BackupPayload, vec![]),
            (Problem::AegisEncryptedWithoutKeys, vec![]),
            (Problem::AegisPlainButEncrypted, vec![]),
            (Problem::AegisScryptN { n: 1000 }, vec!["1000"]),
            (
                Problem::AegisScryptRefused {
                    excess: ScryptExcess::ZeroCost { r: 0, p: 7 },
                },
                vec!["r = 0", "p = 7", "32768"],
            ),
            (
                Problem::AegisScryptRefused {
                    excess: ScryptExcess::LogN { log_n: 30, max: 22 },
                },
                vec!["2^30", "2^22"],
            ),
            (
                Problem::AegisScryptRefused {
                    excess: ScryptExcess::RTimesP {
                        value: 4096,
                        max: 64,
                    },
                },
                vec!["4096", "64"],
            ),
            (
                Problem::AegisScryptRefused {
                    excess: ScryptExcess::Memory {
                        mib: 2048,
                        max_mib: 1024,
                    },
                },
                vec!["2048", "1024"],
            ),
            (
                Problem::AegisScryptRefused {
                    excess: ScryptExcess::Work {
                        log_work: 27,
                        max_log: 25,
                    },
                },
                vec!["2^27", "2^25"],
            ),
            (Problem::AegisScryptInvalid, vec!["scrypt"]),
            (
                Problem::AegisSlotField {
                    slot: 5,
                    field: "key_params",
                },
                vec!["5", "key_params"],
            ),
            (
                Problem::AegisNotHex {
                    part: AegisPart::SlotNonce(6),
                },
                vec!["6"],
            ),
            (
                Problem::AegisNotHex {
                    part: AegisPart::SlotKey,
                },
                vec![],
            ),
            (
                Problem::AegisNotHex {
                    part: AegisPart::SlotSalt,
                },
                vec![],
            ),
            (
                Problem::AegisLength {
                    part: AegisPart::SlotTag(8),
                    bytes: 16,
                },
                vec!["8", "16"],
            ),
            (
                Problem::AegisLength {
                    part: AegisPart::ContentsNonce,
                    bytes: 12,
                },
                vec!["12"],
            ),
            (
                Problem::AegisLength {
                    part: AegisPart::ContentsTag,
                    bytes: 16,
                },
                vec!["16"],
            ),
            (Problem::AegisSaltLength, vec![]),
            (Problem::AegisNoSlots, vec![]),
            (Problem::AegisNoParams, vec![]),
            (Problem::AegisNotBase64, vec!["base64"]),
            (Problem::AegisNoPasswordSlot, vec!["Aegis"]),
            (
                Problem::AegisTooManySlots { count: 9, max: 8 },
                vec!["9", "8"],
            ),
            (Problem::AegisMasterKey, vec!["32"]),
            (Problem::AegisContentsDamaged, vec![]),
            (
                Problem::TwoFasLayout {
                    field: TwoFasField::Services,
                },
                vec!["ciphertext:salt:iv"],
            ),
            (
                Problem::TwoFasNotBase64 {
                    field: TwoFasField::Reference,
                    part: SealedPart::Ciphertext,
                },
                vec!["reference", "base64"],
            ),
            (
                Problem::TwoFasNotBase64 {
                    field: TwoFasField::Services,
                    part: SealedPart::Salt,
                },
                vec!["base64"],
            ),
            (
                Problem::TwoFasNotBase64 {
                    field: TwoFasField::Services,
                    part: SealedPart::Iv,
                },
                vec!["base64"],
            ),
            (
                Problem::TwoFasIvLength {
                    field: TwoFasField::Services,
                    bytes: 12,
                },
                vec!["12"],
            ),
            (
                Problem::TwoFasTooShort {
                    field: TwoFasField::Services,
                },
                vec![],
            ),
            (
                Problem::TwoFasSaltLength {
                    field: TwoFasField::Services,
                },
                vec![],
            ),
            (Problem::TwoFasServicesDamaged, vec![]),
            (Problem::BitwardenAccountRestricted, vec!["Bitwarden"]),
            (
                Problem::BitwardenEncString {
                    field: BitwardenField::Validation,
                },
                vec!["encKeyValidation_DO_NOT_EDIT", "2.iv|data|mac"],
            ),
            (
                Problem::BitwardenNotBase64 {
                    field: BitwardenField::Data,
                    part: EncPart::Mac,
                },
                vec!["base64", "MAC"],
            ),
            (
                Problem::BitwardenLength {
                    field: BitwardenField::Data,
                    part: EncPart::Iv,
                },
                vec![],
            ),
            (Problem::BitwardenNoSalt, vec![]),
            (
                Problem::BitwardenKdfType {
                    value: Some("7".to_owned()),
                },
                vec!["7", "PBKDF2", "Argon2id"],
            ),
            (
                Problem::BitwardenKdfType { value: None },
                vec!["kdfType", "PBKDF2", "Argon2id"],
            ),
            (
                Problem::BitwardenKdfMissing {
                    setting: "kdfMemory",
                },
                vec!["kdfMemory"],
            ),
            (
                Problem::BitwardenKdfRefused {
                    setting: "kdfIterations",
                    value: 4999,
                    min: 5000,
                    max: 2_000_000,
                },
                vec!["kdfIterations", "4999", "5000", "2000000"],
            ),
            (Problem::BitwardenDataDamaged, vec![]),
            (
                Problem::BitwardenCsvHeader {
                    column: "login_totp",
                },
                vec!["login_totp", "Bitwarden"],
            ),
            (Problem::Csv { line: 41 }, vec!["41", "CSV"]),
            (Problem::ProtonSalt, vec!["16"]),
            (Problem::ProtonContent, vec!["base64"]),
            (Problem::AuthProCutShort, vec![]),
            (Problem::AuthProDamaged, vec![]),
            (Problem::AndOtpCutShort, vec!["andOTP"]),
            (Problem::FreeOtpCutShort, vec![]),
            (Problem::FreeOtpStream { at: 4711 }, vec!["4711", "Java"]),
            (Problem::FreeOtpXml { at: 4712 }, vec!["4712", "Android"]),
            (Problem::FreeOtpTooMany { max: 4096 }, vec!["4096"]),
            (
                Problem::FreeOtpTwice {
                    name: "GitHub:alice".to_owned(),
                },
                vec!["\"GitHub:alice\""],
            ),
            (Problem::FreeOtpNoMasterKey, vec!["masterKey"]),
            (
                Problem::FreeOtpEntry {
                    entry: "tokenOrder".to_owned(),
                },
                vec!["\"tokenOrder\"", "FreeOTP"],
            ),
            (
                Problem::FreeOtpKdf {
                    algorithm: "PBKDF2withHmacMD5".to_owned(),
                },
                vec!["\"PBKDF2withHmacMD5\"", "PBKDF2withHmacSHA512"],
            ),
            (
                Problem::FreeOtpIterations {
                    value: 9_000_000,
                    max: 2_000_000,
                },
                vec!["9000000", "2000000", "100000"],
            ),
            (
                Problem::FreeOtpKeyDamaged {
                    token: "VPN:dave".to_owned(),
                },
                vec!["VPN:dave"],
            ),
            (
                Problem::GoogleSingleLink { place },
                vec!["29", "--format uris"],
            ),
            (
                Problem::GoogleSingleLink {
                    place: LinkPlace::Only,
                },
                vec!["--format uris"],
            ),
            (
                Problem::GoogleNotMigration { place },
                vec!["29", "otpauth-migration://"],
            ),
            (Problem::GoogleDataTwice { place }, vec!["29", "data="]),
            (Problem::GoogleNoData { place }, vec!["29", "data="]),
            (Problem::GoogleBrokenEscape { place }, vec!["29", "%"]),
            (Problem::GoogleNotBase64 { place }, vec!["29", "base64"]),
            (Problem::GoogleNotExport { place }, vec!["29", "Google"]),
            (
                Problem::Link {
                    line: 31,
                    error: crate::otpauth::UriError::MissingSecret,
                },
                vec!["31"],
            ),
            (
                Problem::AtLine {
                    line: 33,
                    problem: Box::new(Problem::GoogleNoData {
                        place: LinkPlace::Only,
                    }),
                },
                vec!["33", "data="],
            ),
        ];
        let mut out: Vec<(Box<dyn Localize>, Vec<&'static str>)> = Vec::new();
        for (problem, values) in problems {
            out.push((
                Box::new(ImportError::Malformed {
                    format: Format::FreeOtpPlus,
                    problem,
                }),
                [&values[..], &["FreeOTP+"]].concat(),
            ));
        }
        let errors: Vec<(ImportError, Vec<&'static str>)> = vec![
            (
                ImportError::UnknownFormat(Looks::Json),
                vec!["JSON", "--format", "2fas, andotp"],
            ),
            (
                ImportError::UnknownFormat(Looks::Xml),
                vec![
                    "XML",
                    "--format freeotp-backup",
                    "--format freeotp-tokens",
                    "2fas, andotp",
                ],
            ),
            (
                ImportError::UnknownFormat(Looks::Csv),
                vec!["CSV", "--format bitwarden-csv", "2fas, andotp"],
            ),
            (
                ImportError::UnknownFormat(Looks::Text),
                vec!["otpauth://", "2fas, andotp"],
            ),
            (ImportError::UnknownFormat(Looks::Empty), vec![]),
            (
                ImportError::UnknownBinary,
                vec!["--format andotp-encrypted", ".json.aes", "2fas, andotp"],
            ),
            (
                ImportError::AndOtpIterations {
                    iterations: 4_000_000_001,
                    max: 1_000_000,
                },
                vec!["4000000001", "1000000", "140000", "160000", "andOTP"],
            ),
            (
                ImportError::Malformed {
                    format: Format::Image,
                    problem: Problem::Qr(QrError::Unreadable),
                },
                vec!["QR"],
            ),
            (ImportError::WrongPassword(Format::TwoFas), vec!["2FAS"]),
            (ImportError::Empty(Format::AndOtp), vec!["andOTP"]),
            (
                ImportError::NoCodes {
                    format: Format::Bitwarden,
                    items: 43,
                },
                vec!["43", "Bitwarden", "TOTP"],
            ),
            (
                ImportError::UnknownVersion {
                    format: Format::Aegis,
                    version: 71,
                    known: 3,
                },
                vec!["Aegis", "71", "3"],
            ),
            (
                ImportError::Export(ExportProblem::BackupWorkFactor {
                    given: 41,
                    min: 10,
                    max: 22,
                }),
                vec!["41", "10", "22"],
            ),
            (
                ImportError::Export(ExportProblem::BackupEmptyPassword),
                vec![],
            ),
            (
                ImportError::Export(ExportProblem::BackupEncryptFailed),
                vec![],
            ),
            (
                ImportError::Export(ExportProblem::AegisEmptyPassword),
                vec!["Aegis"],
            ),
            (
                ImportError::Export(ExportProblem::AegisRandom),
                vec!["Aegis"],
            ),
            (ImportError::Export(ExportProblem::AegisJson), vec!["JSON"]),
            (
                ImportError::Export(ExportProblem::AegisEncryptFailed),
                vec!["Aegis"],
            ),
            (
                ImportError::Export(ExportProblem::AegisCounter {
                    label: "VPN:dave".to_owned(),
                    max: i64::MAX,
                }),
                vec!["VPN:dave", "9223372036854775807"],
            ),
            (
                ImportError::Export(ExportProblem::GoogleBatchSize),
                vec!["Google"],
            ),
            (
                ImportError::Export(ExportProblem::GoogleTooManyCodes),
                vec!["QR"],
            ),
            (
                ImportError::Export(ExportProblem::GoogleRandom(crate::random::RandomError)),
                vec![],
            ),
        ];
        for (error, values) in errors {
            out.push((Box::new(error), values));
        }
        let reasons: Vec<(Reason, Vec<&'static str>)> = vec![
            (
                Reason::Unsupported(Scheme::Motp),
                vec!["mOTP", "Steam Guard"],
            ),
            (Reason::Unsupported(Scheme::Yandex), vec!["Yandex"]),
            (
                Reason::UnknownType {
                    name: "weird".to_owned(),
                },
                vec!["weird", "TOTP", "Steam"],
            ),
            (Reason::NoParameters, vec!["info"]),
            (Reason::SecretNotBase32, vec!["base32"]),
            (
                Reason::SecretUnusable(crate::secret::SecretError::Empty),
                vec![],
            ),
            (Reason::NoSecret, vec![]),
            (Reason::SecretNotBytes, vec!["-128..255"]),
            (Reason::SecretEmpty, vec![]),
            (
                Reason::NotWholeNumber {
                    field: Field::Digits,
                    value: "6.5".to_owned(),
                },
                vec!["6.5"],
            ),
            (
                Reason::NotWholeNumber {
                    field: Field::Counter,
                    value: "-4".to_owned(),
                },
                vec!["-4"],
            ),
            (
                Reason::NotANumber {
                    field: Field::Period,
                },
                vec![],
            ),
            (Reason::Missing(Field::Algorithm), vec![]),
            (Reason::Missing(Field::Type), vec![]),
            (Reason::NoCounter, vec!["HOTP"]),
            (
                Reason::SteamParameters(Field::Digits),
                vec!["Steam Guard", "SHA1"],
            ),
            (Reason::Md5, vec!["MD5"]),
            (Reason::UnknownAlgorithmNumber(17), vec!["17"]),
            (Reason::UnknownDigitsNumber(18), vec!["18"]),
            (Reason::UnknownTypeNumber(19), vec!["19"]),
            (Reason::NegativeCounter(-20), vec!["-20"]),
            (Reason::GoogleDigits(7), vec!["7", "--format aegis"]),
            (Reason::GooglePeriod(45), vec!["45", "--format aegis"]),
            (
                Reason::GoogleCounter(u64::MAX),
                vec!["18446744073709551615", "--format aegis"],
            ),
            (Reason::GoogleNoSecret, vec!["--format aegis"]),
            (
                Reason::Link(crate::otpauth::UriError::MissingSecret),
                vec!["otpauth://", "secret="],
            ),
            (Reason::GoogleSteam, vec!["Steam Guard", "--format aegis"]),
            (Reason::FreeOtpSettings, vec!["FreeOTP", "JSON"]),
            (Reason::FreeOtpNoSettings, vec![]),
        ];
        for (reason, values) in reasons {
            out.push((
                Box::new(Unrepresentable::new("Example:alice".to_owned(), reason)),
                values,
            ));
        }
        let more = |shown: Vec<i64>, more| CodeNumbers { shown, more };
        let remarks: Vec<(Remark, Vec<&'static str>)> = vec![
            (Remark::AssumedSha1, vec!["SHA1"]),
            (Remark::AssumedSixDigits, vec!["6"]),
            (Remark::AssumedCounterZero, vec!["0"]),
            (Remark::AssumedPeriod, vec!["30"]),
            (Remark::AssumedTotp, vec!["TOTP"]),
            (Remark::GooglePeriod, vec!["30", "Google"]),
            (
                Remark::GoogleMissingCodes {
                    size: 40,
                    read: more(vec![2, 5], 0),
                    missing: more((6..18).collect(), 21),
                },
                vec!["40", "2, 5", "6, 7, 8", "17", "21"],
            ),
            (
                Remark::FreeOtpCounter { stored: -1 },
                vec!["-1", "FreeOTP+"],
            ),
            (
                Remark::IssuerMismatch {
                    label: "Other".to_owned(),
                    parameter: "AT&T".to_owned(),
                },
                vec!["\"Other\"", "\"AT&T\"", "issuer="],
            ),
            (Remark::CounterIgnored, vec!["counter=", "totp"]),
            (Remark::PeriodIgnored, vec!["period=", "hotp"]),
            (Remark::AssumedTotpDefaults, vec!["TOTP", "6", "30", "SHA1"]),
            (Remark::BitwardenHotp, vec!["Bitwarden", "hotp"]),
            (Remark::FreeOtpBackupCounter, vec!["FreeOTP"]),
        ];
        for (remark, values) in remarks {
            out.push((
                Box::new(Note::new("Example:alice".to_owned(), remark)),
                values,
            ));
        }
        let qr: Vec<(QrError, Vec<&'static str>)> = vec![
            (QrError::NotAnImage, vec!["PNG", "JPEG"]),
            (
                QrError::Damaged {
                    detail: "bad CRC".to_owned(),
                },
                vec!["bad CRC", "PNG"],
            ),
            (
                QrError::TooLarge {
                    width: 9001,
                    height: 77,
                },
                vec!["9001×77", "8192×8192", "256 MiB"],
            ),
            (QrError::FileTooLarge, vec!["64 MiB"]),
            (QrError::NoQrCode, vec!["QR"]),
            (QrError::Unreadable, vec!["QR"]),
            (QrError::TooSlow, vec!["QR"]),
            (QrError::NotText, vec!["UTF-8", "otpauth://"]),
            (QrError::TooLong { bytes: 5000 }, vec!["5000", "otp rename"]),
        ];
        for (error, values) in qr {
            out.push((Box::new(error), values));
        }
        out.push((
            Box::new(UnknownFormatName {
                given: "lastpass".to_owned(),
            }),
            vec!["lastpass", "google, aegis"],
        ));
        for format in Format::ALL {
            out.push((Box::new(format), vec![]));
        }
        out
    }

    fn has_hangul(text: &str) -> bool {
        text.chars().any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c))
    }

    #[test]
    fn every_error_reason_and_remark_is_a_sentence_in_both_languages_with_its_values() {
        let mut problems = Vec::new();
        for (value, wanted) in samples() {
            let en = value.localize_in(Lang::En);
            let ko = value.localize_in(Lang::Ko);
            for (lang, text) in [("en", &en), ("ko", &ko)] {
                if text.trim().is_empty() || text.contains("transfer-") || text.contains('{') {
                    problems.push(format!("{lang}: not a finished sentence: {text:?}"));
                }
                for value in &wanted {
                    if !text.contains(value) {
                        problems.push(format!("{lang}: {value:?} missing from {text:?}"));
                    }
                }
            }
            if !has_hangul(&ko) {
                problems.push(format!("ko: no Korean in {ko:?}"));
            }
            if has_hangul(&en) {
                problems.push(format!("en: Korean in {en:?}"));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn english_sentences_keep_the_wording_of_the_log_texts() {
        let malformed = |problem| ImportError::Malformed {
            format: Format::Google,
            problem,
        };
        let errors = [
            ImportError::UnknownFormat(Looks::Empty),
            ImportError::UnknownFormat(Looks::Json),
            ImportError::UnknownFormat(Looks::Xml),
            ImportError::UnknownFormat(Looks::Csv),
            ImportError::UnknownFormat(Looks::Text),
            ImportError::UnknownBinary,
            ImportError::AndOtpIterations {
                iterations: 0,
                max: 1_000_000,
            },
            malformed(Problem::AuthProDamaged),
            malformed(Problem::GoogleNoData {
                place: LinkPlace::Only,
            }),
            malformed(Problem::GoogleNotBase64 {
                place: LinkPlace::Line(2),
            }),
            malformed(Problem::AegisScryptRefused {
                excess: ScryptExcess::LogN { log_n: 30, max: 22 },
            }),
            malformed(Problem::TwoFasNotBase64 {
                field: TwoFasField::Reference,
                part: SealedPart::Iv,
            }),
            malformed(Problem::AegisNotHex {
                part: AegisPart::SlotNonce(2),
            }),
            ImportError::UnknownVersion {
                format: Format::Backup,
                version: 2,
                known: 1,
            },
            ImportError::Export(ExportProblem::BackupWorkFactor {
                given: 3,
                min: 10,
                max: 22,
            }),
        ];
        for error in errors {
            assert_eq!(error.localize_in(Lang::En), error.to_string());
        }
        let reason = Reason::NotWholeNumber {
            field: Field::Period,
            value: "1.5".to_owned(),
        };
        assert_eq!(reason.localize_in(Lang::En), reason.to_string());
        let qr = QrError::TooLarge {
            width: 9000,
            height: 10,
        };
        assert_eq!(qr.localize_in(Lang::En), qr.to_string());
    }

    #[test]
    fn a_wrapped_parameter_error_is_said_by_its_own_layer() {
        let reason = Reason::Param(crate::code::ParamError::Digits("9".to_owned()));
        for lang in Lang::ALL {
            let error = crate::code::ParamError::Digits("9".to_owned());
            assert_eq!(reason.localize_in(lang), error.localize_in(lang));
        }
    }

    #[test]
    fn the_missing_qr_codes_note_counts_with_the_language_plurals() {
        let note = |read: Vec<i64>, missing: Vec<i64>| Remark::GoogleMissingCodes {
            size: 4,
            read: CodeNumbers {
                shown: read,
                more: 0,
            },
            missing: CodeNumbers {
                shown: missing,
                more: 0,
            },
        };
        let one_read = note(vec![2], vec![1, 3, 4]).localize_in(Lang::En);
        assert!(
            one_read.starts_with("Only QR code 2 of the 4 QR codes")
                && one_read.contains("export was read; QR codes 1, 3, 4 are missing."),
            "{one_read}"
        );
        let one_missing = note(vec![1, 2, 3], vec![4]).localize_in(Lang::En);
        assert!(
            one_missing.starts_with("Only QR codes 1, 2, 3 of the 4")
                && one_missing.contains("export were read; QR code 4 is missing."),
            "{one_missing}"
        );
        let ko = note(vec![2], vec![1, 3, 4]).localize_in(Lang::Ko);
        assert!(
            ko.contains("4개 중 1개만") && ko.contains("3개(번호: 1, 3, 4)"),
            "{ko}"
        );
    }

    #[test]
    fn the_process_language_is_used_when_none_is_given() {
        let error = ImportError::WrongPassword(Format::Backup);
        super::super::set_thread(Some(Lang::Ko));
        let ko = error.localize();
        super::super::set_thread(Some(Lang::En));
        let en = error.localize();
        super::super::set_thread(None);
        assert_eq!(ko, error.localize_in(Lang::Ko));
        assert!(has_hangul(&ko), "{ko}");
        assert_eq!(
            en,
            "wrong password for this otp backup; nothing was imported"
        );
    }
}
