//! otpd's errors as sentences, and the [`Wording`] the HTTP layer answers with: the
//! server returns typed errors and codes, and this front-end says them — to the
//! administrator in the language of the locale, to an API client in the language
//! of its `Accept-Language`, and in the log in English.

use crate::api::ErrorCode;
use crate::i18n::{Lang, Localize};
use crate::server::ServerError;
use crate::server::error::{
    AdminError, ConfigError, DatabaseError, DeliveryError, ImportError, ImportProblem,
    ImportProblemKind, IoAction,
};
use crate::server::http::Wording;
use crate::server::metrics::MetricFamily;
use crate::t_in;

/// How `otpd serve` says its refusals and logs its internal errors.
pub const WORDING: Wording = Wording {
    api_error: api_sentence,
    internal_error: log_line,
    metric_help,
};

/// The sentence for `code` in the language an `Accept-Language` header value asks
/// for, weights respected (English when it names none otpd speaks, or is empty).
pub fn api_sentence(code: ErrorCode, accept_language: &str) -> String {
    code.localize_in(Lang::from_accept_language(accept_language))
}

/// The administrator's log line for an internal error: English, like every log line.
fn log_line(error: &ServerError) -> String {
    t_in!(
        Lang::En,
        "otpd-log-internal-error",
        detail = error.localize_in(Lang::En)
    )
}

/// The HELP line of a `/metrics` family: English, like the log, for whoever reads
/// the monitoring system across languages.
fn metric_help(family: MetricFamily) -> String {
    match family {
        MetricFamily::Requests => t_in!(Lang::En, "otpd-metric-requests"),
        MetricFamily::Latency => t_in!(Lang::En, "otpd-metric-latency"),
        MetricFamily::Verifications => t_in!(Lang::En, "otpd-metric-verifications"),
        MetricFamily::Enrollments => t_in!(Lang::En, "otpd-metric-enrollments"),
        MetricFamily::Deliveries => t_in!(Lang::En, "otpd-metric-deliveries"),
        MetricFamily::Cpu => t_in!(Lang::En, "otpd-metric-cpu"),
        MetricFamily::Resident => t_in!(Lang::En, "otpd-metric-resident"),
        MetricFamily::Virtual => t_in!(Lang::En, "otpd-metric-virtual"),
        MetricFamily::OpenFds => t_in!(Lang::En, "otpd-metric-open-fds"),
        MetricFamily::MaxFds => t_in!(Lang::En, "otpd-metric-max-fds"),
        MetricFamily::StartTime => t_in!(Lang::En, "otpd-metric-start-time"),
    }
}

impl Localize for ServerError {
    fn localize_in(&self, lang: Lang) -> String {
        match self {
            ServerError::Code(code) => t_in!(
                lang,
                "otpd-err-code",
                code = code.as_str(),
                sentence = code.localize_in(lang)
            ),
            ServerError::WrongActivationCode { .. } => {
                ServerError::Code(self.code()).localize_in(lang)
            }
            ServerError::Admin(error) => error.localize_in(lang),
            ServerError::Import(error) => error.localize_in(lang),
            ServerError::Config(error) => error.localize_in(lang),
            ServerError::Database(error) => error.localize_in(lang),
            ServerError::Sealed => t_in!(lang, "otpd-err-sealed"),
            ServerError::Clock => t_in!(lang, "otpd-err-clock"),
            ServerError::Random => t_in!(lang, "otpd-err-random"),
            ServerError::Tls { cert, key, detail } => t_in!(
                lang,
                "otpd-err-tls",
                cert = cert.display().to_string(),
                key = key.display().to_string(),
                detail = crate::i18n::technical(detail, lang)
            ),
            ServerError::Metrics(detail) => t_in!(
                lang,
                "otpd-err-metrics",
                detail = crate::i18n::technical(detail, lang)
            ),
            ServerError::Io { action, source } => io_sentence(lang, action, source),
        }
    }
}

impl Localize for AdminError {
    fn localize_in(&self, lang: Lang) -> String {
        match self {
            AdminError::NoCustomer { code } => {
                t_in!(lang, "otpd-err-no-customer", code = code.as_str())
            }
            AdminError::NoUser { customer, user } => t_in!(
                lang,
                "otpd-err-no-user",
                customer = customer.as_str(),
                user = user.as_str()
            ),
            AdminError::BadCustomerCode { code } => {
                t_in!(lang, "otpd-err-bad-customer-code", code = code.as_str())
            }
            AdminError::BadCodeDigits { digits } => {
                t_in!(
                    lang,
                    "otpd-err-bad-code-digits",
                    digits = digits.to_string()
                )
            }
            AdminError::BadOrganisationName => t_in!(lang, "otpd-err-bad-org-name"),
            AdminError::CustomerExists { code } => {
                t_in!(lang, "otpd-err-customer-exists", code = code.as_str())
            }
            AdminError::BadUserId { user } => {
                t_in!(lang, "otpd-err-bad-user-id", user = user.as_str())
            }
            AdminError::BadEmail { email } => {
                t_in!(lang, "otpd-err-bad-email", email = email.as_str())
            }
            AdminError::BadName => t_in!(lang, "otpd-err-bad-name"),
            AdminError::BadLang { lang: given } => {
                t_in!(lang, "otpd-err-bad-lang", lang = given.as_str())
            }
            AdminError::UserExists { customer, user } => t_in!(
                lang,
                "otpd-err-user-exists",
                customer = customer.as_str(),
                user = user.as_str()
            ),
            AdminError::NothingToUnlock { user } => {
                t_in!(lang, "otpd-err-nothing-to-unlock", user = user.as_str())
            }
            AdminError::NoClient { id } => t_in!(lang, "otpd-err-no-client", id = id.as_str()),
            AdminError::NoEmail { customer, user } => t_in!(
                lang,
                "otpd-err-no-email",
                customer = customer.as_str(),
                user = user.as_str()
            ),
            AdminError::BadContact => t_in!(lang, "otpd-err-bad-contact"),
            AdminError::ConfigExists { path } => t_in!(
                lang,
                "otpd-err-config-exists",
                path = path.display().to_string()
            ),
        }
    }
}

impl Localize for ImportError {
    fn localize_in(&self, lang: Lang) -> String {
        match self {
            ImportError::TooLarge { limit } => t_in!(
                lang,
                "otpd-err-import-too-large",
                mib = (limit / (1024 * 1024)).to_string()
            ),
            ImportError::NotText => t_in!(lang, "otpd-err-import-not-text"),
            ImportError::NoHeader => t_in!(lang, "otpd-err-import-no-header"),
            ImportError::TooManyRows { limit } => t_in!(
                lang,
                "otpd-err-import-too-many-rows",
                limit = limit.to_string()
            ),
            ImportError::Problems { problems, more } => {
                // One problem a line, indented under the sentence that counts them.
                let mut list: Vec<String> = problems
                    .iter()
                    .map(|problem| format!("  {}", problem.localize_in(lang)))
                    .collect();
                if *more > 0 {
                    let rest = t_in!(lang, "otpd-import-more-problems", count = *more);
                    list.push(format!("  {rest}"));
                }
                t_in!(
                    lang,
                    "otpd-err-import-problems",
                    count = problems.len() + more,
                    list = list.join("\n")
                )
            }
            ImportError::AddedMeanwhile { user } => t_in!(
                lang,
                "otpd-err-import-added-meanwhile",
                user = user.as_str()
            ),
            ImportError::NotIssued { failed, total } => t_in!(
                lang,
                "otpd-err-import-not-issued",
                failed = *failed,
                total = *total
            ),
        }
    }
}

impl Localize for ImportProblem {
    /// `line 3, column email: …`: a line number as an editor shows it (never
    /// grouped like 1,234).
    fn localize_in(&self, lang: Lang) -> String {
        let problem = match &self.kind {
            ImportProblemKind::Value(error) => error.localize_in(lang),
            ImportProblemKind::MissingId => t_in!(lang, "otpd-import-missing-id"),
            ImportProblemKind::DuplicateId { user, first_line } => t_in!(
                lang,
                "otpd-import-duplicate-id",
                user = user.as_str(),
                first = first_line.to_string()
            ),
            ImportProblemKind::FieldCount { found, expected } => t_in!(
                lang,
                "otpd-import-field-count",
                found = *found,
                expected = *expected
            ),
            ImportProblemKind::DuplicateColumn => t_in!(lang, "otpd-import-duplicate-column"),
            ImportProblemKind::NoIdColumn => t_in!(lang, "otpd-import-no-id-column"),
            ImportProblemKind::Syntax { detail } => t_in!(
                lang,
                "otpd-import-syntax",
                detail = crate::i18n::technical(detail, lang)
            ),
        };
        let line = self.line.to_string();
        match &self.column {
            Some(column) => t_in!(
                lang,
                "otpd-import-problem-in-cell",
                line = line,
                column = column.as_str(),
                problem = problem
            ),
            None => t_in!(
                lang,
                "otpd-import-problem-on-line",
                line = line,
                problem = problem
            ),
        }
    }
}

impl Localize for ConfigError {
    fn localize_in(&self, lang: Lang) -> String {
        match self {
            ConfigError::Invalid { path, detail } => t_in!(
                lang,
                "otpd-err-config-invalid",
                path = path.display().to_string(),
                detail = detail.as_str()
            ),
            ConfigError::Unwritable { detail } => {
                t_in!(lang, "otpd-err-config-unwritable", detail = detail.as_str())
            }
            ConfigError::TokenAlgorithm { value } => {
                t_in!(lang, "otpd-err-token-algorithm", value = value.as_str())
            }
            // Numbers as text: a config value is shown as written, not as 1,000.
            ConfigError::TokenDigits { value } => {
                t_in!(lang, "otpd-err-token-digits", value = value.to_string())
            }
            ConfigError::TokenPeriod { value } => {
                t_in!(lang, "otpd-err-token-period", value = value.to_string())
            }
            ConfigError::SqliteSynchronous { value } => {
                t_in!(lang, "otpd-err-sqlite-synchronous", value = value.as_str())
            }
            ConfigError::TlsHalf => t_in!(lang, "otpd-err-tls-half"),
            ConfigError::Duration { value } => {
                t_in!(lang, "otpd-err-duration", value = value.as_str())
            }
            ConfigError::DatabaseUrl => t_in!(lang, "otpd-err-database-url"),
            ConfigError::PlainHttp { addr } => {
                t_in!(lang, "otpd-err-plain-http", addr = addr.to_string())
            }
            ConfigError::KeyReadable { path } => t_in!(
                lang,
                "otpd-err-key-readable",
                path = path.display().to_string()
            ),
            ConfigError::KeyDamaged { path } => t_in!(
                lang,
                "otpd-err-key-damaged",
                path = path.display().to_string()
            ),
            ConfigError::SecretInConfig { section, key } => t_in!(
                lang,
                "otpd-err-secret-in-config",
                section = section.as_str(),
                key = key.as_str()
            ),
            ConfigError::SecretTwice { section } => {
                t_in!(lang, "otpd-err-secret-twice", section = section.as_str())
            }
            ConfigError::SecretMissing { section } => {
                t_in!(lang, "otpd-err-secret-missing", section = section.as_str())
            }
            ConfigError::PlainNotLoopback { target } => {
                t_in!(
                    lang,
                    "otpd-err-plain-not-loopback",
                    target = target.as_str()
                )
            }
            ConfigError::SmtpFrom { value } => {
                t_in!(lang, "otpd-err-smtp-from", value = value.as_str())
            }
            ConfigError::WebhookUrl { url } => {
                t_in!(lang, "otpd-err-webhook-url", url = url.as_str())
            }
            ConfigError::DeliveryLang { value } => {
                t_in!(lang, "otpd-err-delivery-lang", value = value.as_str())
            }
            ConfigError::TimeZone { value } => {
                t_in!(lang, "otpd-err-time-zone", value = value.as_str())
            }
            ConfigError::ChannelNotConfigured { section } => t_in!(
                lang,
                "otpd-err-channel-not-configured",
                section = section.as_str()
            ),
            ConfigError::Template { path, line, detail } => t_in!(
                lang,
                "otpd-err-template",
                path = path.display().to_string(),
                // As text: a line number is shown as written, not as 1,000.
                line = line.map_or_else(|| "none".to_owned(), |l| l.to_string()),
                detail = crate::i18n::technical(detail, lang)
            ),
            ConfigError::MetricsTokenReadable { path } => t_in!(
                lang,
                "otpd-err-metrics-token-readable",
                path = path.display().to_string()
            ),
            ConfigError::MetricsTokenEmpty { path } => t_in!(
                lang,
                "otpd-err-metrics-token-empty",
                path = path.display().to_string()
            ),
        }
    }
}

impl Localize for DeliveryError {
    fn localize_in(&self, lang: Lang) -> String {
        let technical = |detail: &str| crate::i18n::technical(detail, lang);
        match self {
            DeliveryError::SmtpLogin { server, detail } => t_in!(
                lang,
                "otpd-err-smtp-login",
                server = server.as_str(),
                detail = technical(detail)
            ),
            DeliveryError::SmtpUnreachable { server, detail } => t_in!(
                lang,
                "otpd-err-smtp-unreachable",
                server = server.as_str(),
                detail = technical(detail)
            ),
            DeliveryError::SmtpTls { server, detail } => t_in!(
                lang,
                "otpd-err-smtp-tls",
                server = server.as_str(),
                detail = technical(detail)
            ),
            DeliveryError::RecipientRefused { server, detail } => t_in!(
                lang,
                "otpd-err-recipient-refused",
                server = server.as_str(),
                detail = technical(detail)
            ),
            DeliveryError::SmtpRefused { server, detail } => t_in!(
                lang,
                "otpd-err-smtp-refused",
                server = server.as_str(),
                detail = technical(detail)
            ),
            DeliveryError::WebhookRefused { url, status } => t_in!(
                lang,
                "otpd-err-webhook-refused",
                url = url.as_str(),
                status = status.to_string()
            ),
            DeliveryError::WebhookFailed { url, tries, last } => t_in!(
                lang,
                "otpd-err-webhook-failed",
                url = url.as_str(),
                tries = *tries,
                last = technical(last)
            ),
        }
    }
}

impl Localize for DatabaseError {
    fn localize_in(&self, lang: Lang) -> String {
        match self {
            DatabaseError::Open(detail) => {
                t_in!(lang, "otpd-err-db-open", detail = detail.as_str())
            }
            DatabaseError::Migrate(detail) => {
                t_in!(lang, "otpd-err-db-migrate", detail = detail.as_str())
            }
            DatabaseError::Column { name, detail } => t_in!(
                lang,
                "otpd-err-db-column",
                name = name.as_str(),
                detail = detail.as_str()
            ),
            DatabaseError::BadToken => t_in!(lang, "otpd-err-db-bad-token"),
            DatabaseError::CommitStopped => t_in!(lang, "otpd-err-db-commit-stopped"),
            DatabaseError::Other(detail) => {
                t_in!(lang, "otpd-err-db-other", detail = detail.as_str())
            }
        }
    }
}

fn io_sentence(lang: Lang, action: &IoAction, source: &std::io::Error) -> String {
    let detail = crate::i18n::io_reason(source, lang);
    let path = |path: &std::path::Path| path.display().to_string();
    match action {
        IoAction::ReadConfig(p) => {
            t_in!(
                lang,
                "otpd-err-io-read-config",
                path = path(p),
                detail = detail
            )
        }
        IoAction::WriteConfig(p) => {
            t_in!(
                lang,
                "otpd-err-io-write-config",
                path = path(p),
                detail = detail
            )
        }
        IoAction::CreateDir(p) => {
            t_in!(
                lang,
                "otpd-err-io-create-dir",
                path = path(p),
                detail = detail
            )
        }
        IoAction::ResolveDir(p) => {
            t_in!(
                lang,
                "otpd-err-io-resolve-dir",
                path = path(p),
                detail = detail
            )
        }
        IoAction::CreateDatabase(p) => t_in!(
            lang,
            "otpd-err-io-create-database",
            path = path(p),
            detail = detail
        ),
        IoAction::ProtectDatabase(p) => t_in!(
            lang,
            "otpd-err-io-protect-database",
            path = path(p),
            detail = detail
        ),
        IoAction::CreateKey(p) => {
            t_in!(
                lang,
                "otpd-err-io-create-key",
                path = path(p),
                detail = detail
            )
        }
        IoAction::ReadKey(p) => t_in!(
            lang,
            "otpd-err-io-read-key",
            path = path(p),
            detail = detail
        ),
        IoAction::ResolveListen(addr) => t_in!(
            lang,
            "otpd-err-io-resolve-listen",
            addr = addr.as_str(),
            detail = detail
        ),
        IoAction::Listen(addr) => {
            t_in!(
                lang,
                "otpd-err-io-listen",
                addr = addr.as_str(),
                detail = detail
            )
        }
        IoAction::ConfigureListener => {
            t_in!(lang, "otpd-err-io-configure-listener", detail = detail)
        }
        IoAction::Serve => t_in!(lang, "otpd-err-io-serve", detail = detail),
        IoAction::WriteAddr(p) => {
            t_in!(
                lang,
                "otpd-err-io-write-addr",
                path = path(p),
                detail = detail
            )
        }
        IoAction::Runtime => t_in!(lang, "otpd-err-io-runtime", detail = detail),
        IoAction::WriteManPages(p) => t_in!(
            lang,
            "otpd-err-io-write-man-pages",
            path = path(p),
            detail = detail
        ),
        IoAction::ReadSecret(p) => t_in!(
            lang,
            "otpd-err-io-read-secret",
            path = path(p),
            detail = detail
        ),
        IoAction::ReadDeliveryFile(p) => t_in!(
            lang,
            "otpd-err-io-read-delivery-file",
            path = path(p),
            detail = detail
        ),
        IoAction::ReadImport(p) => t_in!(
            lang,
            "otpd-err-io-read-import",
            path = path(p),
            detail = detail
        ),
        IoAction::WriteCodes => t_in!(lang, "otpd-err-io-write-codes", detail = detail),
        IoAction::Signals => t_in!(lang, "otpd-err-io-signals", detail = detail),
        IoAction::ReadMetricsToken(p) => t_in!(
            lang,
            "otpd-err-io-read-metrics-token",
            path = path(p),
            detail = detail
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_said_in_both_languages_without_losing_their_values() {
        let error = ServerError::Admin(AdminError::NoUser {
            customer: "1106".to_owned(),
            user: "홍길동".to_owned(),
        });
        let en = error.localize_in(Lang::En);
        let ko = error.localize_in(Lang::Ko);
        assert!(en.contains("1106") && en.contains("홍길동"), "{en}");
        assert!(ko.contains("1106") && ko.contains("홍길동"), "{ko}");
        assert!(ko.contains("등록된 사용자가 아닙니다"), "{ko}");
        assert_ne!(en, ko);
    }

    /// One error of every kind, with values that must survive into the sentence.
    fn every_kind() -> Vec<(ServerError, &'static str)> {
        use std::path::PathBuf;
        let path = || PathBuf::from("/srv/기관/otpd.toml");
        let io = || std::io::Error::other("disk on fire");
        let mut all = vec![
            (ServerError::Code(ErrorCode::Se4001), "SE4001"),
            (ServerError::Sealed, ""),
            (ServerError::Clock, "1970"),
            (ServerError::Random, ""),
            (ServerError::Metrics("duplicate x9".into()), "x9"),
            (
                ServerError::Tls {
                    cert: path(),
                    key: path(),
                    detail: "bad pem".into(),
                },
                "bad pem",
            ),
        ];
        for admin in [
            AdminError::NoCustomer {
                code: "1106".into(),
            },
            AdminError::NoUser {
                customer: "1106".into(),
                user: "홍길동".into(),
            },
            AdminError::BadCustomerCode {
                code: "1106".into(),
            },
            AdminError::CustomerExists {
                code: "1106".into(),
            },
            AdminError::BadUserId {
                user: "1106".into(),
            },
            AdminError::UserExists {
                customer: "1106".into(),
                user: "x".into(),
            },
            AdminError::BadEmail {
                email: "1106".into(),
            },
            AdminError::BadLang {
                lang: "1106".into(),
            },
            AdminError::NothingToUnlock {
                user: "1106".into(),
            },
            AdminError::NoClient { id: "1106".into() },
            AdminError::NoEmail {
                customer: "1106".into(),
                user: "x".into(),
            },
        ] {
            all.push((admin.into(), "1106"));
        }
        all.push((AdminError::BadOrganisationName.into(), ""));
        all.push((AdminError::BadContact.into(), ""));
        for (config, value) in [
            (
                ConfigError::SecretInConfig {
                    section: "smtp".into(),
                    key: "password".into(),
                },
                "password_file",
            ),
            (
                ConfigError::SecretTwice {
                    section: "webhook".into(),
                },
                "[webhook]",
            ),
            (
                ConfigError::SecretMissing {
                    section: "smtp".into(),
                },
                "password_env",
            ),
            (
                ConfigError::PlainNotLoopback {
                    target: "mail.example.org".into(),
                },
                "mail.example.org",
            ),
            (ConfigError::SmtpFrom { value: "x9".into() }, "x9"),
            (ConfigError::WebhookUrl { url: "x9".into() }, "x9"),
            (ConfigError::DeliveryLang { value: "x9".into() }, "x9"),
            (ConfigError::TimeZone { value: "x9".into() }, "x9"),
            (
                ConfigError::ChannelNotConfigured {
                    section: "smtp".into(),
                },
                "[smtp]",
            ),
            (
                ConfigError::Template {
                    path: path(),
                    line: Some(7),
                    detail: "x9".into(),
                },
                "7",
            ),
            (
                ConfigError::Template {
                    path: path(),
                    line: None,
                    detail: "x9".into(),
                },
                "기관",
            ),
        ] {
            all.push((config.into(), value));
        }
        all.push((AdminError::BadName.into(), "128"));
        all.push((AdminError::BadCodeDigits { digits: 9 }.into(), "9"));
        all.push((AdminError::ConfigExists { path: path() }.into(), "기관"));
        for config in [
            ConfigError::Invalid {
                path: path(),
                detail: "line 3".into(),
            },
            ConfigError::KeyReadable { path: path() },
            ConfigError::KeyDamaged { path: path() },
            ConfigError::MetricsTokenReadable { path: path() },
            ConfigError::MetricsTokenEmpty { path: path() },
        ] {
            all.push((config.into(), "기관"));
        }
        all.extend([
            (
                ConfigError::Unwritable {
                    detail: "x9".into(),
                }
                .into(),
                "x9",
            ),
            (
                ConfigError::TokenAlgorithm {
                    value: "MD5".into(),
                }
                .into(),
                "MD5",
            ),
            (ConfigError::TokenDigits { value: 9 }.into(), "9"),
            (ConfigError::TokenPeriod { value: 100_000 }.into(), "100000"),
            (
                ConfigError::SqliteSynchronous { value: "x9".into() }.into(),
                "x9",
            ),
            (ConfigError::TlsHalf.into(), "tls_key"),
            (ConfigError::Duration { value: "5w".into() }.into(), "5w"),
            (ConfigError::DatabaseUrl.into(), "sqlite://"),
            (
                ConfigError::PlainHttp {
                    addr: "192.0.2.1:443"
                        .parse()
                        .unwrap_or(std::net::SocketAddr::from(([0; 4], 0))),
                }
                .into(),
                "192.0.2.1:443",
            ),
            (DatabaseError::Open("x9".into()).into(), "x9"),
            (DatabaseError::Migrate("x9".into()).into(), "x9"),
            (
                DatabaseError::Column {
                    name: "seed".into(),
                    detail: "x9".into(),
                }
                .into(),
                "seed",
            ),
            (DatabaseError::BadToken.into(), ""),
            (DatabaseError::CommitStopped.into(), ""),
            (DatabaseError::Other("x9".into()).into(), "x9"),
        ]);
        for action in [
            IoAction::ReadConfig(path()),
            IoAction::WriteConfig(path()),
            IoAction::CreateDir(path()),
            IoAction::ResolveDir(path()),
            IoAction::CreateDatabase(path()),
            IoAction::ProtectDatabase(path()),
            IoAction::CreateKey(path()),
            IoAction::ReadKey(path()),
            IoAction::WriteAddr(path()),
            IoAction::ReadImport(path()),
            IoAction::WriteManPages(path()),
            IoAction::ReadSecret(path()),
            IoAction::ReadDeliveryFile(path()),
            IoAction::ReadMetricsToken(path()),
        ] {
            all.push((
                ServerError::Io {
                    action,
                    source: io(),
                },
                "기관",
            ));
        }
        for action in [
            IoAction::ResolveListen("[::1]:8443".into()),
            IoAction::Listen("[::1]:8443".into()),
        ] {
            all.push((
                ServerError::Io {
                    action,
                    source: io(),
                },
                "[::1]:8443",
            ));
        }
        let problem = |line: u64, column: Option<&str>, kind: ImportProblemKind| ImportProblem {
            line,
            column: column.map(str::to_owned),
            kind,
        };
        all.extend([
            (
                ImportError::TooLarge {
                    limit: 32 * 1024 * 1024,
                }
                .into(),
                "32",
            ),
            (ImportError::NotText.into(), "CSV UTF-8"),
            (ImportError::NoHeader.into(), "ID"),
            (ImportError::TooManyRows { limit: 100_000 }.into(), "100000"),
            (
                ImportError::AddedMeanwhile {
                    user: "홍길동".into(),
                }
                .into(),
                "홍길동",
            ),
            (
                ImportError::NotIssued {
                    failed: 3,
                    total: 1106,
                }
                .into(),
                "1106",
            ),
        ]);
        for (kind, value) in [
            (
                ImportProblemKind::Value(AdminError::BadEmail { email: "x9".into() }),
                "x9",
            ),
            (ImportProblemKind::MissingId, "1106"),
            (
                ImportProblemKind::DuplicateId {
                    user: "홍길동".into(),
                    first_line: 1105,
                },
                "1105",
            ),
            (
                ImportProblemKind::FieldCount {
                    found: 4,
                    expected: 3,
                },
                "1106",
            ),
            (ImportProblemKind::DuplicateColumn, "이메일"),
            (ImportProblemKind::NoIdColumn, "아이디"),
            (
                ImportProblemKind::Syntax {
                    detail: "x9".into(),
                },
                "x9",
            ),
        ] {
            let problems = vec![problem(1106, Some("이메일"), kind)];
            all.push((ImportError::Problems { problems, more: 0 }.into(), value));
        }
        all.push((
            ImportError::Problems {
                problems: vec![problem(1106, None, ImportProblemKind::MissingId)],
                more: 49,
            }
            .into(),
            "49",
        ));
        for action in [
            IoAction::ConfigureListener,
            IoAction::Serve,
            IoAction::Runtime,
            IoAction::WriteCodes,
            IoAction::Signals,
        ] {
            all.push((
                ServerError::Io {
                    action,
                    source: io(),
                },
                "disk on fire",
            ));
        }
        all
    }

    #[test]
    fn every_error_is_a_sentence_in_each_language_with_its_values() {
        for (error, value) in every_kind() {
            let en = error.localize_in(Lang::En);
            let ko = error.localize_in(Lang::Ko);
            for text in [&en, &ko] {
                assert!(
                    !text.starts_with("otpd-") && text.len() > 10,
                    "{error:?}: {text}"
                );
                assert!(text.contains(value), "{error:?} lost {value:?}: {text}");
                assert!(!text.contains('{'), "{error:?}: {text}");
            }
            assert!(
                ko.chars().any(|c| ('가'..='힣').contains(&c)),
                "{error:?}: {ko}"
            );
            assert_ne!(en, ko, "{error:?}");
        }
    }

    #[test]
    fn every_delivery_error_is_a_sentence_with_its_place_and_no_secret() {
        let server = "smtp.example.org:587".to_owned();
        let detail = "535 5.7.8 bad".to_owned();
        let url = "https://sms.example.org/hook".to_owned();
        for (error, value) in [
            (
                DeliveryError::SmtpLogin {
                    server: server.clone(),
                    detail: detail.clone(),
                },
                "username",
            ),
            (
                DeliveryError::SmtpUnreachable {
                    server: server.clone(),
                    detail: detail.clone(),
                },
                "smtp.example.org:587",
            ),
            (
                DeliveryError::SmtpTls {
                    server: server.clone(),
                    detail: detail.clone(),
                },
                "ca_file",
            ),
            (
                DeliveryError::RecipientRefused {
                    server: server.clone(),
                    detail: detail.clone(),
                },
                "535 5.7.8 bad",
            ),
            (
                DeliveryError::SmtpRefused {
                    server: server.clone(),
                    detail: detail.clone(),
                },
                "smtp.example.org:587",
            ),
            (
                DeliveryError::WebhookRefused {
                    url: url.clone(),
                    status: 400,
                },
                "400",
            ),
            (
                DeliveryError::WebhookFailed {
                    url: url.clone(),
                    tries: 4,
                    last: "503".into(),
                },
                "503",
            ),
        ] {
            assert!(error.code().starts_with("SE6"), "{error:?}");
            let en = error.localize_in(Lang::En);
            let ko = error.localize_in(Lang::Ko);
            for text in [&en, &ko] {
                assert!(text.contains(value), "{error:?} lost {value:?}: {text}");
                assert!(!text.contains('{'), "{text}");
            }
            assert!(ko.chars().any(|c| ('가'..='힣').contains(&c)), "{ko}");
        }
    }

    #[test]
    fn a_protocol_code_keeps_its_code_in_every_language() {
        let error = ServerError::Code(ErrorCode::Se3010);
        for lang in Lang::ALL {
            let text = error.localize_in(lang);
            assert!(text.starts_with("SE3010: "), "{text}");
            assert!(
                text.ends_with(&ErrorCode::Se3010.localize_in(lang)),
                "{text}"
            );
        }
    }

    #[test]
    fn api_sentences_follow_accept_language_and_default_to_english() {
        let ko = ErrorCode::Ce1001.localize_in(Lang::Ko);
        let en = ErrorCode::Ce1001.localize_in(Lang::En);
        assert_eq!(api_sentence(ErrorCode::Ce1001, "ko-KR,ko;q=0.9"), ko);
        assert_eq!(api_sentence(ErrorCode::Ce1001, "en;q=0.1, ko;q=0.9"), ko);
        assert_eq!(api_sentence(ErrorCode::Ce1001, "fr"), en);
        assert_eq!(api_sentence(ErrorCode::Ce1001, ""), en);
        assert_eq!(api_sentence(ErrorCode::Ce1001, "ko;q=0, en;q=0.2"), en);
    }

    #[test]
    fn every_metric_family_has_a_help_line() {
        for family in MetricFamily::ALL {
            let help = metric_help(family);
            assert!(
                help.len() > 10 && !help.starts_with("otpd-"),
                "{family:?}: {help}"
            );
        }
    }

    #[test]
    fn log_lines_are_english_whatever_the_locale() {
        crate::i18n::set_thread(Some(Lang::Ko));
        let line = log_line(&ServerError::Sealed);
        crate::i18n::set_thread(None);
        assert!(line.starts_with("otpd: internal error: A secret"), "{line}");
    }
}
