//! Moving accounts in and out: other authenticators' export files, lists of
//! `otpauth://` links, QR images, and otp's own encrypted backup.
//!
//! A domain service: bytes in, accounts out (and back). Nothing here reads files,
//! the clock or the terminal; passwords for encrypted files come from a callback the
//! front-end supplies, so they are asked for only when a file turns out to need one.

pub mod aegis;
pub mod andotp;
pub mod andotp_encrypted;
pub mod authpro;
pub mod backup;
pub mod bitwarden;
mod entry;
mod error;
#[cfg(test)]
mod fixtures;
mod format;
pub mod freeotp;
pub mod freeotp_app;
pub mod google;
mod imported;
mod plan;
pub mod proton;
pub mod twofas;
pub mod uris;

pub use error::{
    AegisPart, BitwardenField, EncPart, ExportProblem, ImportError, LinkPlace, Looks, Position,
    Problem, ScryptExcess, SealedPart, TwoFasField,
};
pub use format::{Format, UnknownFormatName, names as format_names};
pub use imported::{
    CodeNumbers, Field, Imported, Note, PasswordPrompt, Reason, Remark, Scheme, Unrepresentable,
};
pub use plan::{Plan, Renamed, plan};

/// Guesses the format from the bytes, or `None` when nothing matches.
pub fn detect(bytes: &[u8]) -> Option<Format> {
    if backup::looks_like(bytes) {
        return Some(Format::Backup);
    }
    if is_image(bytes) {
        return Some(Format::Image);
    }
    if authpro::is_encrypted(bytes) {
        return Some(Format::AuthPro);
    }
    if andotp_encrypted::looks_like(bytes) {
        return Some(Format::AndOtpEncrypted);
    }
    // A byte that is not UTF-8 does not make a file some other format: an export
    // with one damaged byte is still recognised by its keys, so that reading it
    // says it is damaged rather than that otp does not know it.
    let text = String::from_utf8_lossy(bytes);
    if let Some(format) = freeotp_app::detect(bytes, &text) {
        return Some(format);
    }
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        return match serde_json::from_str::<serde_json::Value>(trimmed) {
            Ok(value) => detect_json(&value),
            Err(_) => detect_damaged_json(trimmed),
        };
    }
    let first = trimmed
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty() && !line.starts_with('#'))?;
    if bitwarden::csv::looks_like(first) {
        return Some(Format::BitwardenCsv);
    }
    if first.starts_with("otpauth-migration:") {
        return Some(Format::Google);
    }
    if first.starts_with("otpauth:") {
        return Some(Format::Uris);
    }
    None
}

/// Why the bytes could not be read when no format recognised them: for bytes that
/// are not text, a sentence that says how to name the one binary format otp cannot
/// recognise by its content (andOTP's encrypted backup, in its old layout); for
/// text, what it looks like ([`Looks`]).
pub fn unrecognised(bytes: &[u8]) -> ImportError {
    match std::str::from_utf8(bytes) {
        Ok(text) if !bytes.contains(&0) => ImportError::UnknownFormat(Looks::of(text)),
        _ => ImportError::UnknownBinary,
    }
}

/// PNG or JPEG magic bytes.
fn is_image(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\x89PNG\r\n\x1a\n") || bytes.starts_with(&[0xff, 0xd8, 0xff])
}

fn detect_json(value: &serde_json::Value) -> Option<Format> {
    if aegis::looks_like(value) {
        Some(Format::Aegis)
    } else if twofas::looks_like(value) {
        Some(Format::TwoFas)
    } else if freeotp::looks_like(value) {
        Some(Format::FreeOtpPlus)
    } else if andotp::looks_like(value) {
        Some(Format::AndOtp)
    } else if authpro::looks_like(value) {
        Some(Format::AuthPro)
    } else if bitwarden::looks_like(value) {
        Some(Format::Bitwarden)
    } else if proton::looks_like(value) {
        Some(Format::Proton)
    } else {
        None
    }
}

/// The format of JSON that does not parse (a file cut short, say), from the keys
/// only one format uses, so the error can say what is wrong with it rather than
/// that the format is unknown.
fn detect_damaged_json(text: &str) -> Option<Format> {
    let has = |key: &str| text.contains(&format!("\"{key}\""));
    if has("servicesEncrypted") || (has("services") && (has("schemaVersion") || has("otp"))) {
        Some(Format::TwoFas)
    } else if has("header") && (has("slots") || has("db")) {
        Some(Format::Aegis)
    } else if has("tokenOrder") || (has("tokens") && has("issuerExt")) {
        Some(Format::FreeOtpPlus)
    } else if text.starts_with('[') && has("secret") && has("label") {
        Some(Format::AndOtp)
    } else if has("Authenticators") {
        Some(Format::AuthPro)
    } else if has("encKeyValidation_DO_NOT_EDIT")
        || has("passwordProtected")
        || (has("encrypted") && has("items"))
    {
        Some(Format::Bitwarden)
    } else if has("version") && ((has("entries") && has("entry_type")) || has("salt")) {
        Some(Format::Proton)
    } else {
        None
    }
}

/// Reads a file in `format` (detected when `None`), asking `password` for the
/// password of an encrypted export.
pub fn read(
    bytes: &[u8],
    format: Option<Format>,
    password: &mut PasswordPrompt<'_>,
) -> Result<Imported, ImportError> {
    let format = match format {
        Some(format) => format,
        None => detect(bytes).ok_or_else(|| unrecognised(bytes))?,
    };
    let imported = match format {
        Format::Google => google::read(text(bytes, format)?)?,
        Format::Aegis => aegis::read(text(bytes, format)?, password)?,
        Format::TwoFas => twofas::read(text(bytes, format)?, password)?,
        Format::AndOtp => andotp::read(text(bytes, format)?)?,
        Format::AndOtpEncrypted => andotp_encrypted::read(bytes, password)?,
        Format::FreeOtpPlus => freeotp::read(text(bytes, format)?)?,
        Format::FreeOtpBackup => freeotp_app::read_backup(bytes, password)?,
        Format::FreeOtpTokens => freeotp_app::read_tokens(text(bytes, format)?)?,
        Format::Bitwarden => bitwarden::read(text(bytes, format)?, password)?,
        Format::BitwardenCsv => bitwarden::csv::read(text(bytes, format)?)?,
        Format::Proton => proton::read(text(bytes, format)?, password)?,
        Format::AuthPro => authpro::read(bytes, password)?,
        Format::Uris => uris::read(text(bytes, format)?)?,
        Format::Backup => backup::read(bytes, password)?,
        Format::Image => read_image(bytes)?,
    };
    if imported.accounts.is_empty() && imported.unrepresentable.is_empty() {
        return Err(match imported.without_code {
            0 => ImportError::Empty(format),
            items => ImportError::NoCodes { format, items },
        });
    }
    Ok(imported)
}

/// The QR codes in a picture, read as Google exports or `otpauth://` links.
fn read_image(bytes: &[u8]) -> Result<Imported, ImportError> {
    let texts = crate::qr::decode_image(bytes)
        .map_err(|error| ImportError::malformed(Format::Image, Problem::Qr(error)))?;
    let mut imported = Imported::default();
    for text in texts {
        let trimmed = text.trim();
        if trimmed.starts_with("otpauth-migration:") {
            imported.extend(google::read(trimmed)?);
        } else if trimmed.starts_with("otpauth:") {
            imported.extend(uris::read(trimmed)?);
        } else {
            return Err(ImportError::malformed(Format::Image, Problem::QrNotLink));
        }
    }
    Ok(imported)
}

fn text(bytes: &[u8], format: Format) -> Result<&str, ImportError> {
    std::str::from_utf8(bytes)
        .map(|text| text.trim_start_matches('\u{feff}'))
        .map_err(|_| ImportError::malformed(format, Problem::NotUtf8))
}

#[cfg(test)]
mod detect_tests {
    use super::{Format, detect};

    const FILES: [(&str, Format); 15] = [
        ("aegis-encrypted.json", Format::Aegis),
        ("aegis-plain.json", Format::Aegis),
        ("2fas-encrypted.2fas", Format::TwoFas),
        ("2fas-plain.2fas", Format::TwoFas),
        ("andotp.json", Format::AndOtp),
        ("freeotp-plus.json", Format::FreeOtpPlus),
        ("bitwarden.json", Format::Bitwarden),
        ("bitwarden-encrypted.json", Format::Bitwarden),
        ("bitwarden-encrypted-argon2.json", Format::Bitwarden),
        ("proton.json", Format::Proton),
        ("proton-encrypted.json", Format::Proton),
        ("authpro-plain.authpro", Format::AuthPro),
        ("authpro-encrypted.authpro", Format::AuthPro),
        ("authpro-encrypted-legacy.authpro", Format::AuthPro),
        ("andotp-encrypted.json.aes", Format::AndOtpEncrypted),
        // andotp-encrypted-old.json.aes has nothing to recognise it by: see
        // `an_old_andotp_backup_is_not_recognised_and_the_error_says_how_to_name_it`.
    ];

    fn fixture(name: &str) -> Vec<u8> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/import")
            .join(name);
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    #[test]
    fn every_fixture_is_recognised_whole_and_cut_short() {
        for (name, format) in FILES {
            let bytes = fixture(name);
            assert_eq!(detect(&bytes), Some(format), "{name}");
            // Cut after the opening keys: not JSON any more, still recognisable.
            let cut = &bytes[..bytes.len() * 3 / 4];
            assert!(serde_json::from_slice::<serde_json::Value>(cut).is_err());
            assert_eq!(detect(cut), Some(format), "{name} cut at 3/4");
        }
    }

    #[test]
    fn a_backup_is_recognised() {
        let accounts = crate::transfer::fixtures::expected_accounts();
        let bytes = super::backup::write(&accounts, "correct horse", 10).unwrap();
        assert_eq!(detect(&bytes), Some(Format::Backup));
    }

    /// A Bitwarden CSV export is recognised by its header line, whole, cut short or
    /// damaged past the header; another CSV file is not.
    #[test]
    fn bitwarden_csv_exports_are_recognised_by_their_header() {
        for name in ["bitwarden.csv", "bitwarden-org.csv"] {
            let mut bytes = fixture(name);
            assert_eq!(detect(&bytes), Some(Format::BitwardenCsv), "{name}");
            let cut = &bytes[..bytes.len() / 2];
            assert_eq!(detect(cut), Some(Format::BitwardenCsv), "{name} cut");
            let last = bytes.len() - 3;
            bytes[last] = 0xff;
            assert_eq!(
                detect(&bytes),
                Some(Format::BitwardenCsv),
                "{name} not UTF-8"
            );
            let mut with_bom = b"\xef\xbb\xbf".to_vec();
            with_bom.extend_from_slice(&fixture(name));
            assert_eq!(detect(&with_bom), Some(Format::BitwardenCsv), "{name} BOM");
        }
        assert_eq!(detect(b"name,url,username,password,note\n"), None);
    }

    /// Nothing in andOTP's old encrypted layout can be recognised: detection says
    /// nothing, and reading says how to name the format; a text file nobody knows is
    /// told the formats otp reads.
    #[test]
    fn an_old_andotp_backup_is_not_recognised_and_the_error_says_how_to_name_it() {
        let old = fixture("andotp-encrypted-old.json.aes");
        assert_eq!(detect(&old), None);
        let result = super::read(&old, None, &mut crate::transfer::fixtures::no_prompt);
        assert_eq!(result, Err(super::ImportError::UnknownBinary));
        assert!(
            super::ImportError::UnknownBinary
                .to_string()
                .contains("--format andotp-encrypted")
        );
        assert_eq!(
            super::unrecognised(b"shopping list\n"),
            super::ImportError::UnknownFormat(super::Looks::Text)
        );
        assert_eq!(
            super::unrecognised(b"\0\0\0\0 four zero bytes"),
            super::ImportError::UnknownBinary
        );
    }

    /// FreeOTP's files are recognised by content, whole, cut short or with a byte
    /// that is not UTF-8: its backup (a Java serialisation stream, or the same map
    /// as Android preferences) and FreeOTP 1's tokens.xml; other preferences files
    /// are not.
    #[test]
    fn freeotp_files_are_recognised_whole_cut_short_and_damaged() {
        for (name, format) in [
            ("freeotp-backup-encrypted.xml", Format::FreeOtpBackup),
            ("freeotp-tokenBackup-encrypted.xml", Format::FreeOtpBackup),
            ("freeotp-tokens.xml", Format::FreeOtpTokens),
        ] {
            let mut bytes = fixture(name);
            assert_eq!(detect(&bytes), Some(format), "{name}");
            for eighths in 1..8 {
                let cut = &bytes[..bytes.len() * eighths / 8];
                assert_eq!(detect(cut), Some(format), "{name} cut at {eighths}/8");
            }
            let middle = bytes.len() / 2;
            bytes[middle] = 0xff;
            assert_eq!(detect(&bytes), Some(format), "{name} not UTF-8");
        }
        for other in [
            "<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n<map>\n    <boolean name=\"seen\" value=\"true\" />\n</map>\n",
            "<map><string name=\"theme\">dark</string></map>",
            "<config><string name=\"tokenOrder\">[]</string></config>",
        ] {
            assert_eq!(detect(other.as_bytes()), None, "{other}");
        }
        assert_eq!(
            detect(b"<map>\n<string name=\"tokenOrder\">[]</string>"),
            Some(Format::FreeOtpTokens)
        );
        assert_eq!(
            detect(&[0xAC, 0xED, 0x00, 0x05]),
            Some(Format::FreeOtpBackup)
        );
    }

    /// An empty map is no accounts, said as such.
    #[test]
    fn an_empty_freeotp_token_file_holds_no_accounts() {
        let result = super::read(b"<map />", Some(Format::FreeOtpTokens), &mut |_| {
            Err(super::ImportError::Password("not asked".into()))
        });
        assert_eq!(
            result.err(),
            Some(super::ImportError::Empty(Format::FreeOtpTokens))
        );
    }

    #[test]
    fn links_are_recognised_after_comments_and_blank_lines() {
        assert_eq!(detect(&fixture("uris.txt")), Some(Format::Uris));
        assert_eq!(
            detect(b"# my accounts\n\notpauth-migration://offline?data=CgA%3D\n"),
            Some(Format::Google)
        );
        assert_eq!(detect(b"# only a comment\n"), None);
        assert_eq!(detect(b"{\"unrelated\": true}"), None);
    }

    /// A byte that is not UTF-8 (a damaged file) does not hide the format.
    #[test]
    fn a_file_with_a_byte_that_is_not_utf8_is_still_recognised() {
        for (name, format) in FILES {
            let mut bytes = fixture(name);
            let middle = bytes.len() / 2;
            bytes[middle] = 0xff;
            assert!(std::str::from_utf8(&bytes).is_err());
            assert_eq!(detect(&bytes), Some(format), "{name}");
        }
        assert_eq!(detect(b"\xff\xfe binary"), None);
    }
}
