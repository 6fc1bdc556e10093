//! How the command line says a failed enrollment: the error's own sentence, and
//! the flags that can help, which the full-screen interface never shows. Apart from
//! `enroll.rs` so that the error report does not reach into the command itself.

use crate::api::ErrorCode;
use crate::enroll::ClientDetail;
use crate::enroll::EnrollError;
use crate::i18n::{Lang, Localize};
use crate::t_in;

/// What `otp` prints for a failed enrollment, in `lang`: the error's own sentence
/// (the one the full-screen interface shows too), and on the next line what the
/// command line can do about it where there is something (`--server` for a
/// customer code no config names, `--ca-cert` for a certificate that cannot be
/// checked). For the CLI's error report (`CliError::Enroll`).
pub fn error_sentence(error: &EnrollError, lang: Lang) -> String {
    let sentence = error.localize_in(lang);
    let hint = match error {
        EnrollError::NotConfigured { customer, .. } => {
            t_in!(lang, "enroll-cli-hint-server", customer = customer.as_str())
        }
        EnrollError::Client {
            code: ErrorCode::Ce2001,
            detail: Some(ClientDetail::Tls(_)),
        }
        | EnrollError::SavedCaCert { .. } => t_in!(lang, "enroll-cli-hint-ca-cert"),
        _ => return sentence,
    };
    t_in!(lang, "enroll-cli-with-hint", error = sentence, hint = hint)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    #[test]
    fn only_the_command_line_adds_flags_to_an_error() {
        let error = EnrollError::NotConfigured {
            customer: "1160".into(),
            config_path: PathBuf::from("/c/config.toml"),
        };
        for lang in Lang::ALL {
            let cli = error_sentence(&error, lang);
            let own = error.localize_in(lang);
            assert!(cli.starts_with(&format!("{own}\n")), "{cli}");
            assert!(cli.contains("otp add --customer 1160 --server https://"));
            assert!(!own.contains("--server"), "{own}");
        }
        let tls = EnrollError::client(
            ErrorCode::Ce2001,
            ClientDetail::Tls("unknown issuer".into()),
        );
        assert!(error_sentence(&tls, Lang::Ko).contains("--ca-cert"));
        let refused = EnrollError::Server(ErrorCode::Se3010);
        assert_eq!(
            error_sentence(&refused, Lang::Ko),
            refused.localize_in(Lang::Ko)
        );
    }
}
