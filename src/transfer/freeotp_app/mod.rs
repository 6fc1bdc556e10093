//! The files of the original FreeOTP (org.fedorahosted.freeotp, the app of
//! github.com/freeotp/freeotp-android; FreeOTP+'s JSON export is [`super::freeotp`]).
//!
//! - [`backup`]: FreeOTP 2's backup, password-encrypted. Its Backup menu writes it
//!   as a Java-serialised map ([`java`], `externalBackup.xml`); Android's own backup
//!   of the app keeps the same map as a preferences file ([`prefs`],
//!   `tokenBackup.xml`). Both are read.
//! - [`tokens`]: FreeOTP 1's `tokens.xml`, the preferences file that held the tokens
//!   (secrets included) before 2.0 moved them into the phone's keystore.
//!
//! Both are maps from names to texts; [`Entry`] is one of them. A map's names are
//! unique: a name twice is damage.

mod backup;
mod gson;
mod java;
mod map;
mod prefs;
mod tokens;

use super::error::{ImportError, Problem};
use super::format::Format;
use super::imported::{Imported, PasswordPrompt};
use map::{Entry, MAX_ENTRIES};

/// The format of bytes that are one of these files: a Java serialisation stream is a
/// FreeOTP backup; a preferences file is one when it names FreeOTP's master key or
/// holds encrypted keys, and FreeOTP 1's tokens when it has their order or a
/// token's fields. `text` is the bytes as text (lossy: a damaged byte does not hide
/// the format).
pub(super) fn detect(bytes: &[u8], text: &str) -> Option<Format> {
    if java::looks_like(bytes) {
        return Some(Format::FreeOtpBackup);
    }
    if !prefs::looks_like(text) {
        return None;
    }
    if text.contains("\"masterKey\"") || text.contains("mCipherText") || text.contains("-token\"") {
        Some(Format::FreeOtpBackup)
    } else if text.contains("\"tokenOrder\"")
        || text.contains("&quot;issuerExt&quot;")
        || text.contains("&quot;secret&quot;")
    {
        Some(Format::FreeOtpTokens)
    } else {
        None
    }
}

/// Reads a FreeOTP 2 backup, in either form, asking `password` for its password.
pub fn read_backup(
    bytes: &[u8],
    password: &mut PasswordPrompt<'_>,
) -> Result<Imported, ImportError> {
    let entries = if java::looks_like(bytes) {
        java::read_map(bytes).map_err(stream_error)?
    } else {
        let text = std::str::from_utf8(bytes)
            .map(|text| text.trim_start_matches('\u{feff}'))
            .map_err(|_| malformed(Format::FreeOtpBackup, Problem::NotUtf8))?;
        prefs::read_map(text).map_err(|error| prefs_error(Format::FreeOtpBackup, error))?
    };
    backup::read(&unique(entries, Format::FreeOtpBackup)?, password)
}

/// Reads FreeOTP 1's `tokens.xml`.
pub fn read_tokens(text: &str) -> Result<Imported, ImportError> {
    let text = text.trim_start_matches('\u{feff}');
    let entries =
        prefs::read_map(text).map_err(|error| prefs_error(Format::FreeOtpTokens, error))?;
    tokens::read(&unique(entries, Format::FreeOtpTokens)?)
}

fn malformed(format: Format, problem: Problem) -> ImportError {
    ImportError::malformed(format, problem)
}

fn stream_error(error: java::StreamError) -> ImportError {
    let problem = match error {
        java::StreamError::CutShort => Problem::FreeOtpCutShort,
        java::StreamError::Unexpected { at } => Problem::FreeOtpStream { at },
        java::StreamError::TooMany => Problem::FreeOtpTooMany { max: MAX_ENTRIES },
    };
    malformed(Format::FreeOtpBackup, problem)
}

fn prefs_error(format: Format, error: prefs::PrefsError) -> ImportError {
    let problem = match error {
        prefs::PrefsError::CutShort => Problem::FreeOtpCutShort,
        prefs::PrefsError::Malformed { at } => Problem::FreeOtpXml { at },
        prefs::PrefsError::TooMany => Problem::FreeOtpTooMany { max: MAX_ENTRIES },
    };
    malformed(format, problem)
}

/// The entries, refused when a name comes twice (neither a map nor a preferences
/// file can hold that).
fn unique(entries: Vec<Entry>, format: Format) -> Result<Vec<Entry>, ImportError> {
    let mut names: Vec<&str> = entries.iter().map(|entry| entry.name.as_str()).collect();
    names.sort_unstable();
    if let Some(pair) = names.windows(2).find(|pair| pair[0] == pair[1]) {
        let name = pair[0].to_owned();
        return Err(malformed(format, Problem::FreeOtpTwice { name }));
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A name twice is damage, in either container.
    #[test]
    fn a_name_twice_is_damage() {
        let twice = "<map><string name=\"a\">x</string><string name=\"a\">y</string></map>";
        let damage = |format| {
            Some(ImportError::malformed(
                format,
                Problem::FreeOtpTwice { name: "a".into() },
            ))
        };
        assert_eq!(read_tokens(twice).err(), damage(Format::FreeOtpTokens));
        let backup = read_backup(twice.as_bytes(), &mut |_| {
            Err(ImportError::Password("not asked".into()))
        });
        assert_eq!(backup.err(), damage(Format::FreeOtpBackup));
    }
}
