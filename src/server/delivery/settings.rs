//! The delivery sections of `otpd.toml`: `[delivery]` (the default channel and what
//! every message says), `[smtp]` and `[webhook]`. No secret lives here: the SMTP
//! password and the webhook secret are read from a file or the environment, and a
//! config that holds one is refused.

use std::net::IpAddr;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer, Serialize};

use crate::server::error::{ConfigError, ServerError};
use crate::server::user_lang::user_lang;

/// How an activation code reaches its user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    /// Printed for the administrator to hand over.
    #[default]
    Print,
    /// Emailed to the user's address (`[smtp]`).
    Email,
    /// Posted to the organisation's webhook (`[webhook]`).
    Webhook,
}

impl Channel {
    /// `print`, `email` or `webhook`: how the deliveries table and the audit log
    /// name it.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Print => "print",
            Channel::Email => "email",
            Channel::Webhook => "webhook",
        }
    }
}

/// A key that must not be in the config (a password, a secret): its presence is
/// noted, its value dropped unread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refused;

impl<'de> Deserialize<'de> for Refused {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(deserializer)?;
        Ok(Refused)
    }
}

/// `[delivery]`: the default channel and what every message says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DeliverySettings {
    /// The channel of `issue` and `user import --issue` without `--send`.
    pub channel: Channel,
    /// The language of messages to users who have none and whose customer has none
    /// (`en` or `ko`; English otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// Who users ask for help (a customer's own contact comes first).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    /// Where users download otp.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub download_url: Option<String>,
    /// The address users give `otp add --server` (a customer's own `server_url`
    /// comes first).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server_url: Option<String>,
    /// The directory of the administrator's templates (`en/`, `ko/`), relative to
    /// the config file's directory.
    pub templates_dir: PathBuf,
    /// The time zone of the times in messages, an IANA name such as `Asia/Seoul`
    /// (default: the system's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
}

impl Default for DeliverySettings {
    fn default() -> Self {
        Self {
            channel: Channel::Print,
            lang: None,
            contact: None,
            download_url: None,
            server_url: None,
            templates_dir: PathBuf::from("templates"),
            time_zone: None,
        }
    }
}

impl DeliverySettings {
    /// Whether nothing is set (so `otpd init` writes no `[delivery]`).
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }

    /// Checks the language and the time zone.
    pub fn check(&self) -> Result<(), ServerError> {
        if let Some(lang) = &self.lang
            && user_lang(lang).is_none()
        {
            return Err(ConfigError::DeliveryLang {
                value: lang.clone(),
            }
            .into());
        }
        if let Some(zone) = &self.time_zone
            && jiff::tz::TimeZone::get(zone).is_err()
        {
            return Err(ConfigError::TimeZone {
                value: zone.clone(),
            }
            .into());
        }
        Ok(())
    }
}

/// How the connection to the SMTP server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpSecurity {
    /// Plain connection upgraded with STARTTLS (required), port 587 by default.
    #[default]
    Starttls,
    /// TLS from the first byte, port 465 by default.
    Tls,
    /// No encryption: only to a server on this machine (a local relay), port 25.
    None,
}

/// `[smtp]`: the mail server that carries activation codes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpSettings {
    /// The server's host name (checked against its certificate).
    pub host: String,
    /// Its port (default: 587 for starttls, 465 for tls, 25 for none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    /// `starttls`, `tls` or `none`.
    #[serde(default)]
    pub security: SmtpSecurity,
    /// The login name, if the server wants a login.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// A file holding the password (its first line).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_file: Option<PathBuf>,
    /// An environment variable holding the password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_env: Option<String>,
    /// Refused: a password in the config.
    #[serde(default, skip_serializing)]
    pub password: Option<Refused>,
    /// The sender, e.g. `KISTI OTP <otp@kisti.re.kr>`.
    pub from: String,
    /// An extra PEM root certificate to trust (an internal certificate authority).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca_file: Option<PathBuf>,
    /// Seconds to wait for the server at each step.
    #[serde(default = "default_timeout")]
    pub timeout_secs: u64,
}

fn default_timeout() -> u64 {
    30
}

fn default_retries() -> u32 {
    3
}

impl SmtpSettings {
    /// The port: the configured one, else the usual one for the security.
    pub fn port(&self) -> u16 {
        self.port.unwrap_or(match self.security {
            SmtpSecurity::Starttls => 587,
            SmtpSecurity::Tls => 465,
            SmtpSecurity::None => 25,
        })
    }

    /// `host:port`, as errors name the server.
    pub fn server(&self) -> String {
        format!("{}:{}", self.host, self.port())
    }

    fn resolve(&mut self, base: &Path) {
        self.password_file = self.password_file.take().map(|p| base.join(p));
        self.ca_file = self.ca_file.take().map(|p| base.join(p));
    }

    fn check(&self) -> Result<(), ServerError> {
        if self.password.is_some() {
            return Err(ConfigError::SecretInConfig {
                section: "smtp".to_owned(),
                key: "password".to_owned(),
            }
            .into());
        }
        if self.password_file.is_some() && self.password_env.is_some() {
            return Err(ConfigError::SecretTwice {
                section: "smtp".to_owned(),
            }
            .into());
        }
        if self.security == SmtpSecurity::None && !is_loopback_host(&self.host) {
            return Err(ConfigError::PlainNotLoopback {
                target: self.host.clone(),
            }
            .into());
        }
        if self.from.parse::<lettre::message::Mailbox>().is_err() {
            return Err(ConfigError::SmtpFrom {
                value: self.from.clone(),
            }
            .into());
        }
        Ok(())
    }
}

/// `[webhook]`: the organisation's HTTP endpoint (an SMS gateway, a messenger) that
/// receives each activation code in a signed JSON body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebhookSettings {
    /// `https://...` (or `http://` to this machine).
    pub url: String,
    /// A file holding the signing secret (its first line).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_file: Option<PathBuf>,
    /// An environment variable holding the signing secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_env: Option<String>,
    /// Refused: a secret in the config.
    #[serde(default, skip_serializing)]
    pub secret: Option<Refused>,
    /// Tries after the first on a connection error, a timeout, 429 or 5xx.
    #[serde(default = "default_retries")]
    pub retries: u32,
    /// Seconds one try may take.
    #[serde(default = "default_timeout")]
    pub timeout_secs: u64,
}

impl WebhookSettings {
    fn resolve(&mut self, base: &Path) {
        self.secret_file = self.secret_file.take().map(|p| base.join(p));
    }

    fn check(&self) -> Result<(), ServerError> {
        if self.secret.is_some() {
            return Err(ConfigError::SecretInConfig {
                section: "webhook".to_owned(),
                key: "secret".to_owned(),
            }
            .into());
        }
        match (&self.secret_file, &self.secret_env) {
            (Some(_), Some(_)) => {
                return Err(ConfigError::SecretTwice {
                    section: "webhook".to_owned(),
                }
                .into());
            }
            (None, None) => {
                return Err(ConfigError::SecretMissing {
                    section: "webhook".to_owned(),
                }
                .into());
            }
            _ => {}
        }
        let bad = || ConfigError::WebhookUrl {
            url: self.url.clone(),
        };
        let (scheme, rest) = self.url.split_once("://").ok_or_else(bad)?;
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host = host_of(authority);
        if host.is_empty() || authority.contains('@') {
            return Err(bad().into());
        }
        match scheme.to_ascii_lowercase().as_str() {
            "https" => Ok(()),
            "http" if is_loopback_host(host) => Ok(()),
            "http" => Err(ConfigError::PlainNotLoopback {
                target: self.url.clone(),
            }
            .into()),
            _ => Err(bad().into()),
        }
    }
}

/// The host of `host[:port]` or `[v6]:port`.
fn host_of(authority: &str) -> &str {
    if let Some(rest) = authority.strip_prefix('[') {
        return rest.split(']').next().unwrap_or("");
    }
    authority.split(':').next().unwrap_or("")
}

/// Whether `host` is this machine: `localhost` or a loopback address.
pub fn is_loopback_host(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Resolves relative paths against the config file's directory `base`.
pub fn resolve(
    delivery: &mut DeliverySettings,
    smtp: Option<&mut SmtpSettings>,
    webhook: Option<&mut WebhookSettings>,
    base: &Path,
) {
    delivery.templates_dir = base.join(&delivery.templates_dir);
    if let Some(smtp) = smtp {
        smtp.resolve(base);
    }
    if let Some(webhook) = webhook {
        webhook.resolve(base);
    }
}

/// Checks the three sections.
pub fn check(
    delivery: &DeliverySettings,
    smtp: Option<&SmtpSettings>,
    webhook: Option<&WebhookSettings>,
) -> Result<(), ServerError> {
    delivery.check()?;
    if let Some(smtp) = smtp {
        smtp.check()?;
    }
    if let Some(webhook) = webhook {
        webhook.check()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts() {
        for host in ["localhost", "127.0.0.1", "::1", "[::1]", "127.8.9.1"] {
            assert!(is_loopback_host(host), "{host}");
        }
        for host in ["mail.example.org", "10.0.0.1", "localhost.example.org"] {
            assert!(!is_loopback_host(host), "{host}");
        }
    }

    #[test]
    fn webhook_urls() {
        let hook = |url: &str| WebhookSettings {
            url: url.to_owned(),
            secret_file: Some(PathBuf::from("s")),
            secret_env: None,
            secret: None,
            retries: 3,
            timeout_secs: 5,
        };
        assert!(hook("https://sms.example.org/otp").check().is_ok());
        assert!(hook("http://127.0.0.1:9000/hook").check().is_ok());
        assert!(hook("http://[::1]:9000/hook").check().is_ok());
        for bad in [
            "http://sms.example.org/otp",
            "ftp://x.org",
            "sms.example.org",
            "https://",
            "http://u:p@127.0.0.1/",
        ] {
            assert!(hook(bad).check().is_err(), "{bad}");
        }
    }
}
