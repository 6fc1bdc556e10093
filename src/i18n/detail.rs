//! The detail inside a sentence, which the system or a library wrote: why a file,
//! socket or pipe operation failed, in the reader's words for the common
//! [`std::io::ErrorKind`]s (the `common-os-…` messages), and anything else (a
//! parser's or TLS's own words) marked as technical detail ([`technical`]).

use std::io::ErrorKind;

use super::Lang;
use crate::t_in;

/// The reason `error` gives, in `lang`: "permission denied", "권한이 없습니다" —
/// never "Permission denied (os error 13)" inside a Korean sentence.
pub fn io_reason(error: &std::io::Error, lang: Lang) -> String {
    match error.kind() {
        ErrorKind::NotFound => t_in!(lang, "common-os-not-found"),
        ErrorKind::PermissionDenied => t_in!(lang, "common-os-permission-denied"),
        ErrorKind::AlreadyExists => t_in!(lang, "common-os-already-exists"),
        ErrorKind::IsADirectory => t_in!(lang, "common-os-is-a-directory"),
        ErrorKind::NotADirectory => t_in!(lang, "common-os-not-a-directory"),
        ErrorKind::DirectoryNotEmpty => t_in!(lang, "common-os-directory-not-empty"),
        ErrorKind::ReadOnlyFilesystem => t_in!(lang, "common-os-read-only"),
        ErrorKind::StorageFull => t_in!(lang, "common-os-storage-full"),
        ErrorKind::QuotaExceeded => t_in!(lang, "common-os-quota-exceeded"),
        ErrorKind::FileTooLarge => t_in!(lang, "common-os-file-too-large"),
        ErrorKind::InvalidFilename => t_in!(lang, "common-os-invalid-filename"),
        ErrorKind::WouldBlock | ErrorKind::ResourceBusy => t_in!(lang, "common-os-busy"),
        ErrorKind::TimedOut => t_in!(lang, "common-os-timed-out"),
        ErrorKind::Interrupted => t_in!(lang, "common-os-interrupted"),
        ErrorKind::ConnectionRefused => t_in!(lang, "common-os-connection-refused"),
        ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted => {
            t_in!(lang, "common-os-connection-cut")
        }
        ErrorKind::NotConnected => t_in!(lang, "common-os-not-connected"),
        ErrorKind::BrokenPipe => t_in!(lang, "common-os-broken-pipe"),
        ErrorKind::AddrInUse => t_in!(lang, "common-os-address-in-use"),
        ErrorKind::AddrNotAvailable => t_in!(lang, "common-os-address-not-available"),
        ErrorKind::NetworkUnreachable | ErrorKind::HostUnreachable | ErrorKind::NetworkDown => {
            t_in!(lang, "common-os-unreachable")
        }
        ErrorKind::UnexpectedEof => t_in!(lang, "common-os-unexpected-end"),
        ErrorKind::OutOfMemory => t_in!(lang, "common-os-out-of-memory"),
        _ => technical(&error.to_string(), lang),
    }
}

/// `detail`, as a library or the system wrote it, marked as technical detail in
/// `lang` ("technical detail: …", "기술 정보: …"), so the reader knows why it is
/// not in their words.
pub fn technical(detail: &str, lang: Lang) -> String {
    // A parser's message may end with a line break (TOML's does): the sentence
    // goes on after it.
    t_in!(lang, "common-technical-detail", detail = detail.trim_end())
}

#[cfg(test)]
mod tests {
    use std::io::{Error, ErrorKind};

    use super::*;

    fn has_hangul(text: &str) -> bool {
        text.chars().any(|c| ('가'..='힣').contains(&c))
    }

    #[test]
    fn the_common_kinds_are_said_in_words_in_both_languages() {
        for kind in [
            ErrorKind::NotFound,
            ErrorKind::PermissionDenied,
            ErrorKind::AlreadyExists,
            ErrorKind::IsADirectory,
            ErrorKind::NotADirectory,
            ErrorKind::DirectoryNotEmpty,
            ErrorKind::ReadOnlyFilesystem,
            ErrorKind::StorageFull,
            ErrorKind::QuotaExceeded,
            ErrorKind::FileTooLarge,
            ErrorKind::InvalidFilename,
            ErrorKind::WouldBlock,
            ErrorKind::ResourceBusy,
            ErrorKind::TimedOut,
            ErrorKind::Interrupted,
            ErrorKind::ConnectionRefused,
            ErrorKind::ConnectionReset,
            ErrorKind::ConnectionAborted,
            ErrorKind::NotConnected,
            ErrorKind::BrokenPipe,
            ErrorKind::AddrInUse,
            ErrorKind::AddrNotAvailable,
            ErrorKind::NetworkUnreachable,
            ErrorKind::HostUnreachable,
            ErrorKind::NetworkDown,
            ErrorKind::UnexpectedEof,
            ErrorKind::OutOfMemory,
        ] {
            let error = Error::from(kind);
            let korean = io_reason(&error, Lang::Ko);
            let english = io_reason(&error, Lang::En);
            assert!(has_hangul(&korean), "{kind:?}: {korean}");
            assert!(!korean.starts_with("common-"), "{kind:?}: {korean}");
            assert!(!english.starts_with("common-"), "{kind:?}: {english}");
            assert!(!english.contains("technical"), "{kind:?}: {english}");
        }
    }

    #[test]
    fn an_os_error_number_is_not_shown_for_a_known_kind() {
        // ENOENT, EACCES, EROFS, ENOSPC as the system reports them.
        for code in [2, 13, 30, 28] {
            let error = Error::from_raw_os_error(code);
            for lang in Lang::ALL {
                let said = io_reason(&error, lang);
                assert!(!said.contains("os error"), "{code}: {said}");
            }
        }
    }

    #[test]
    fn another_kind_keeps_the_system_s_words_as_technical_detail() {
        let error = Error::other("disk on fire");
        assert_eq!(
            io_reason(&error, Lang::En),
            "technical detail: disk on fire"
        );
        let korean = io_reason(&error, Lang::Ko);
        assert!(
            korean.contains("disk on fire") && has_hangul(&korean),
            "{korean}"
        );
    }
}
