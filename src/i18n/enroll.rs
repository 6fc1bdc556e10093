//! Sentences for customer-code enrollment on the client: [`EnrollError`] and
//! [`EditError`] in the person's language. A protocol error keeps its code as it
//! is (`SE3010: …`) in every language. None of these sentences names a
//! command-line flag: the full-screen interface shows them too, and the command
//! line adds its own hints (`enroll-cli-*`).

use super::{Lang, Localize};
use crate::enroll::save::EditError;
use crate::enroll::{CaCertProblem, ClientDetail, EnrollError, PushError};
use crate::t_in;

impl Localize for PushError {
    fn localize_in(&self, lang: Lang) -> String {
        match self {
            PushError::Request(error) => error.localize_in(lang),
            PushError::Sign(reason) => {
                t_in!(lang, "enroll-push-sign-failed", reason = reason.as_str())
            }
        }
    }
}

impl Localize for EnrollError {
    fn localize_in(&self, lang: Lang) -> String {
        match self {
            EnrollError::Server(code) => t_in!(
                lang,
                "enroll-error-with-code",
                code = code.as_str(),
                sentence = code.localize_in(lang)
            ),
            EnrollError::WrongActivationCode { tries_left } => t_in!(
                lang,
                "enroll-wrong-activation",
                code = crate::api::ErrorCode::Se3010.as_str(),
                left = *tries_left
            ),
            EnrollError::Client { code, detail: None } => t_in!(
                lang,
                "enroll-error-with-code",
                code = code.as_str(),
                sentence = code.localize_in(lang)
            ),
            EnrollError::Client {
                code,
                detail: Some(detail),
            } => t_in!(
                lang,
                "enroll-error-with-detail",
                code = code.as_str(),
                sentence = code.localize_in(lang),
                detail = detail.localize_in(lang)
            ),
            EnrollError::Unreachable { url, reason } => t_in!(
                lang,
                "enroll-unreachable",
                url = url.as_str(),
                reason = reason.as_str()
            ),
            EnrollError::NotConfigured {
                customer,
                config_path,
            } => t_in!(
                lang,
                "enroll-not-configured",
                customer = customer.as_str(),
                path = config_path.display().to_string()
            ),
            EnrollError::RateLimited { retry_after } => t_in!(
                lang,
                "enroll-rate-limited",
                code = crate::api::ErrorCode::Se5029.as_str(),
                seconds = *retry_after
            ),
            EnrollError::CaCert { path, reason } => match reason {
                CaCertProblem::Unreadable(reason) => t_in!(
                    lang,
                    "enroll-ca-cert-unreadable",
                    path = path.as_str(),
                    reason = reason.as_str()
                ),
                CaCertProblem::NotPem(reason) => t_in!(
                    lang,
                    "enroll-ca-cert-not-pem",
                    path = path.as_str(),
                    reason = reason.as_str()
                ),
                CaCertProblem::TooLarge { max } => t_in!(
                    lang,
                    "enroll-ca-cert-too-large",
                    path = path.as_str(),
                    max = *max
                ),
            },
            EnrollError::SavedCaCert { server, reason } => t_in!(
                lang,
                "enroll-ca-cert-saved-invalid",
                server = server.as_str(),
                reason = reason.as_str()
            ),
            EnrollError::Save(error) => {
                t_in!(lang, "enroll-save", reason = error.localize_in(lang))
            }
            EnrollError::NotRolledBack {
                label,
                activation,
                reason,
            } => t_in!(
                lang,
                "enroll-not-rolled-back",
                activation = activation.localize_in(lang),
                label = label.as_str(),
                reason = reason.as_str()
            ),
        }
    }
}

impl Localize for ClientDetail {
    fn localize_in(&self, lang: Lang) -> String {
        match self {
            ClientDetail::CustomerCodeForm => t_in!(lang, "enroll-detail-customer-form"),
            ClientDetail::ActivationCodeForm { digits } => {
                t_in!(lang, "enroll-detail-activation-form", digits = *digits)
            }
            ClientDetail::AnswerForm => t_in!(lang, "enroll-detail-answer-form"),
            ClientDetail::NotOtpd { status } => {
                t_in!(lang, "enroll-detail-not-otpd", status = *status)
            }
            ClientDetail::RequestEncoding => t_in!(lang, "enroll-detail-request-encoding"),
            ClientDetail::Randomness(reason) => {
                t_in!(
                    lang,
                    "enroll-detail-randomness",
                    reason = super::technical(reason, lang)
                )
            }
            ClientDetail::OtherSession => t_in!(lang, "enroll-detail-other-session"),
            ClientDetail::PakeMessage => t_in!(lang, "enroll-detail-pake-message"),
            ClientDetail::Proof => t_in!(lang, "enroll-detail-proof"),
            ClientDetail::SealedSecret => t_in!(lang, "enroll-detail-sealed-secret"),
            ClientDetail::Algorithm => t_in!(lang, "enroll-detail-algorithm"),
            ClientDetail::Digits => t_in!(lang, "enroll-detail-digits"),
            ClientDetail::Period => t_in!(lang, "enroll-detail-period"),
            ClientDetail::Account => t_in!(lang, "enroll-detail-account"),
            ClientDetail::NotTimeBased => t_in!(lang, "enroll-detail-not-time-based"),
            ClientDetail::Tls(reason) => {
                t_in!(
                    lang,
                    "enroll-detail-tls",
                    reason = super::technical(reason, lang)
                )
            }
            ClientDetail::NotHttps(address) => {
                t_in!(lang, "enroll-detail-not-https", address = address.as_str())
            }
            ClientDetail::BadAddress(address) => {
                t_in!(
                    lang,
                    "enroll-detail-bad-address",
                    address = address.as_str()
                )
            }
            ClientDetail::PlainHttp(host) => {
                t_in!(lang, "enroll-detail-plain-http", host = host.as_str())
            }
        }
    }
}

impl Localize for EditError {
    fn localize_in(&self, lang: Lang) -> String {
        match self {
            EditError::Vault(error) => error.localize_in(lang),
            EditError::Payload(error) => error.localize_in(lang),
            EditError::Account(error) => error.localize_in(lang),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::api::ErrorCode;

    fn hangul(text: &str) -> bool {
        text.chars().any(|c| ('가'..='힣').contains(&c))
    }

    fn every_error() -> Vec<EnrollError> {
        let details = [
            ClientDetail::CustomerCodeForm,
            ClientDetail::ActivationCodeForm { digits: 5 },
            ClientDetail::AnswerForm,
            ClientDetail::NotOtpd { status: 502 },
            ClientDetail::RequestEncoding,
            ClientDetail::Randomness("getrandom failed".into()),
            ClientDetail::OtherSession,
            ClientDetail::PakeMessage,
            ClientDetail::Proof,
            ClientDetail::SealedSecret,
            ClientDetail::Algorithm,
            ClientDetail::Digits,
            ClientDetail::Period,
            ClientDetail::Account,
            ClientDetail::NotTimeBased,
            ClientDetail::Tls("invalid peer certificate".into()),
            ClientDetail::NotHttps("ftp://x".into()),
            ClientDetail::BadAddress("https://a b".into()),
            ClientDetail::PlainHttp("10.0.0.1".into()),
        ];
        let mut errors: Vec<EnrollError> = details
            .into_iter()
            .map(|detail| EnrollError::client(ErrorCode::Ce1002, detail))
            .collect();
        errors.extend(ErrorCode::ALL.into_iter().map(EnrollError::Server));
        errors.extend([
            EnrollError::Client {
                code: ErrorCode::Ce2002,
                detail: None,
            },
            EnrollError::Unreachable {
                url: "https://otp.example.org".into(),
                reason: "connection refused".into(),
            },
            EnrollError::NotConfigured {
                customer: "1160".into(),
                config_path: PathBuf::from("/home/jk/.config/otp/config.toml"),
            },
            EnrollError::RateLimited { retry_after: 1 },
            EnrollError::WrongActivationCode { tries_left: 0 },
            EnrollError::WrongActivationCode { tries_left: 1 },
            EnrollError::WrongActivationCode { tries_left: 4 },
            EnrollError::CaCert {
                path: "/etc/ca.pem".into(),
                reason: CaCertProblem::Unreadable("No such file".into()),
            },
            EnrollError::CaCert {
                path: "/etc/ca.pem".into(),
                reason: CaCertProblem::NotPem("no certificate".into()),
            },
            EnrollError::CaCert {
                path: "/etc/ca.pem".into(),
                reason: CaCertProblem::TooLarge { max: 32768 },
            },
            EnrollError::SavedCaCert {
                server: "https://otp.example.org".into(),
                reason: "no certificate".into(),
            },
            EnrollError::Save(EditError::Account(crate::accounts::AccountError::TooMany {
                count: 10,
                limit: 10,
            })),
            EnrollError::NotRolledBack {
                label: "KISTI:jklee".into(),
                activation: Box::new(EnrollError::Server(ErrorCode::Se3010)),
                reason: "disk full".into(),
            },
        ]);
        errors
    }

    #[test]
    fn every_error_is_a_sentence_in_both_languages_with_its_code_as_it_is() {
        for error in every_error() {
            let en = error.localize_in(Lang::En);
            let ko = error.localize_in(Lang::Ko);
            for text in [&en, &ko] {
                assert!(!text.contains("enroll-"), "a message id leaked: {text}");
                assert!(!text.contains("api-"), "a message id leaked: {text}");
                if let Some(code) = error.code() {
                    assert!(text.starts_with(code.as_str()), "{text}");
                }
                // The full-screen interface shows these too: no flags.
                assert!(!text.contains("--"), "{text}");
            }
            assert!(hangul(&ko), "{error:?}: {ko}");
            assert_ne!(en, ko, "{error:?}");
        }
    }

    #[test]
    fn a_protocol_error_is_its_code_then_the_catalogues_sentence() {
        let error = EnrollError::Server(ErrorCode::Se3010);
        assert_eq!(
            error.localize_in(Lang::Ko),
            format!("SE3010: {}", ErrorCode::Se3010.localize_in(Lang::Ko))
        );
        let error = EnrollError::client(
            ErrorCode::Ce1002,
            ClientDetail::ActivationCodeForm { digits: 5 },
        );
        let en = error.localize_in(Lang::En);
        assert!(en.starts_with("CE1002: ") && en.ends_with("(the activation code has 5 digits)"));
        assert!(error.localize_in(Lang::Ko).contains("5자리"));
    }

    #[test]
    fn a_wrong_activation_code_says_the_tries_it_has_left() {
        let said =
            |tries_left, lang| EnrollError::WrongActivationCode { tries_left }.localize_in(lang);
        for (tries_left, lang, fragment) in [
            (4, Lang::En, "4 tries left"),
            (1, Lang::En, "1 try left"),
            (0, Lang::En, "last try"),
            (0, Lang::En, "new one"),
            (4, Lang::Ko, "4번 더 틀리면"),
            (0, Lang::Ko, "마지막 시도"),
        ] {
            let sentence = said(tries_left, lang);
            assert!(sentence.contains(fragment), "{sentence}");
        }
        assert_eq!(
            EnrollError::WrongActivationCode { tries_left: 4 }.code(),
            Some(ErrorCode::Se3010)
        );
    }

    #[test]
    fn an_unknown_customer_code_says_to_check_it_and_names_the_config_file() {
        let error = EnrollError::NotConfigured {
            customer: "1160".into(),
            config_path: PathBuf::from("/home/jk/.config/otp/config.toml"),
        };
        let en = error.localize_in(Lang::En);
        assert!(en.contains("check the customer code"), "{en}");
        assert!(en.contains("1160") && en.contains("/home/jk/.config/otp/config.toml"));
        assert!(en.contains("[customers]"), "{en}");
        let ko = error.localize_in(Lang::Ko);
        assert!(ko.contains("고객코드가 맞는지 확인하세요"), "{ko}");
        assert!(ko.contains("/home/jk/.config/otp/config.toml"), "{ko}");
    }

    #[test]
    fn the_wait_is_said_with_the_languages_plural() {
        let one = EnrollError::RateLimited { retry_after: 1 };
        let many = EnrollError::RateLimited { retry_after: 30 };
        assert!(one.localize_in(Lang::En).contains("wait 1 second and"));
        assert!(many.localize_in(Lang::En).contains("wait 30 seconds and"));
        assert!(many.localize_in(Lang::Ko).contains("30초 뒤에"));
    }
}
