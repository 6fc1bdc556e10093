//! `otpd.toml`: where the database and the master key are, how to listen, and the
//! policy knobs. No secrets live in it.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::delivery::settings::{self, DeliverySettings, SmtpSettings, WebhookSettings};
use super::error::{ConfigError, IoAction, ServerError};

/// The whole config file. Relative paths are relative to the file's directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerConfig {
    /// `sqlite://PATH` (default, one instance) or `postgres://...` (several instances).
    pub database: String,
    /// The 32-byte master key that seals seeds and activation codes (mode 0600).
    pub master_key_file: PathBuf,
    /// Address to listen on, e.g. `127.0.0.1:8443` (port 0 picks a free port).
    pub listen: String,
    /// PEM certificate chain for TLS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tls_cert: Option<PathBuf>,
    /// PEM private key for TLS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tls_key: Option<PathBuf>,
    /// Serve plain HTTP on a non-loopback address (only behind a TLS proxy).
    #[serde(default)]
    pub plain_http_behind_proxy: bool,
    /// Answer an unknown ID exactly like a wrong activation or one-time code, so
    /// IDs cannot be enumerated.
    #[serde(default)]
    pub uniform_errors: bool,
    /// Log one line per request on standard error (never bodies or secrets).
    #[serde(default = "yes")]
    pub log_requests: bool,
    /// Lifetime of an activation code when `issue` gives no `--ttl`, e.g. `72h`.
    #[serde(default = "default_activation_ttl")]
    pub activation_ttl: String,
    /// Seconds an enrollment session (start to finish to activate) stays open.
    #[serde(default = "default_session_secs")]
    pub enrollment_session_secs: u64,
    /// Code parameters of new tokens.
    #[serde(default)]
    pub tokens: TokenPolicy,
    /// Requests per client address.
    #[serde(default)]
    pub rate_limit: RateLimits,
    /// SQLite durability.
    #[serde(default)]
    pub sqlite: SqliteSettings,
    /// Most database connections (0: 1 for SQLite, 16 for PostgreSQL).
    #[serde(default)]
    pub max_connections: u32,
    /// Client connections: timeouts and caps.
    #[serde(default)]
    pub connections: ConnectionLimits,
    /// `GET /metrics` (Prometheus): off unless enabled.
    #[serde(default)]
    pub metrics: MetricsSettings,
    /// The language of the admin commands' output, `en` or `ko` (default: the
    /// locale; `OTP_LANG` overrides it). API answers follow each request's
    /// `Accept-Language` instead, and log lines are always English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// How activation codes reach their users, and what the messages say.
    #[serde(default, skip_serializing_if = "DeliverySettings::is_default")]
    pub delivery: DeliverySettings,
    /// The mail server for `--send email`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub smtp: Option<SmtpSettings>,
    /// The organisation's webhook for `--send webhook`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook: Option<WebhookSettings>,
    /// Push approvals: how long a request waits, how many may wait per user,
    /// and how many denials in a row lock a user's pushes.
    #[serde(default)]
    pub push: PushSettings,
}

/// `[push]`: push approval requests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PushSettings {
    /// Seconds a request waits for the device's answer before it expires.
    pub expires_secs: u64,
    /// Pending requests one user may have at once (more: SE7006).
    pub max_pending: u32,
    /// Denials in a row ("not me" or a wrong number) that lock the user's pushes
    /// until `otpd unlock` (0: never).
    pub lock_after_denials: u32,
}

impl Default for PushSettings {
    fn default() -> Self {
        Self {
            expires_secs: 60,
            max_pending: 3,
            lock_after_denials: 3,
        }
    }
}

fn yes() -> bool {
    true
}

fn default_activation_ttl() -> String {
    "72h".to_owned()
}

fn default_session_secs() -> u64 {
    300
}

/// Code parameters of new tokens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TokenPolicy {
    /// `SHA1`, `SHA256` or `SHA512`.
    pub algorithm: String,
    /// 6, 7 or 8.
    pub digits: u8,
    /// Seconds per code.
    pub period: u32,
}

impl Default for TokenPolicy {
    fn default() -> Self {
        Self {
            algorithm: "SHA1".to_owned(),
            digits: 6,
            period: 60,
        }
    }
}

/// Per-address request limits; 0 turns a limit off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RateLimits {
    /// Customer lookups and enrollment requests per minute per address.
    pub enroll_per_minute: u32,
    /// Verification requests per second per address (login systems).
    pub verify_per_second: u32,
}

impl Default for RateLimits {
    fn default() -> Self {
        Self {
            enroll_per_minute: 30,
            verify_per_second: 2000,
        }
    }
}

/// Client connections: how long otpd waits for each part of a request and how
/// many connections it holds open. A timeout or cap of 0 is off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ConnectionLimits {
    /// Seconds a request head (request line and headers) may take to arrive whole,
    /// counted from the moment otpd waits for it.
    pub header_timeout_secs: u64,
    /// Seconds a request body may take to arrive whole (then `408`, SE5408).
    pub body_timeout_secs: u64,
    /// Seconds a connection waiting for a request may stay silent before it is closed.
    pub idle_timeout_secs: u64,
    /// Open connections per client address; more are accepted and closed at once.
    pub max_per_address: u32,
    /// Open connections in all (0: the file limit less a reserve); never more than
    /// the file limit allows.
    pub max_total: u32,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        Self {
            header_timeout_secs: 10,
            body_timeout_secs: 10,
            idle_timeout_secs: 5,
            max_per_address: 256,
            max_total: 0,
        }
    }
}

impl ConnectionLimits {
    /// The header timeout, or `None` when off.
    pub fn header_timeout(&self) -> Option<Duration> {
        seconds(self.header_timeout_secs)
    }

    /// The body timeout, or `None` when off.
    pub fn body_timeout(&self) -> Option<Duration> {
        seconds(self.body_timeout_secs)
    }

    /// The idle timeout, or `None` when off.
    pub fn idle_timeout(&self) -> Option<Duration> {
        seconds(self.idle_timeout_secs)
    }
}

fn seconds(value: u64) -> Option<Duration> {
    (value > 0).then(|| Duration::from_secs(value))
}

/// `GET /metrics`: whether it is served, and the bearer token that opens it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MetricsSettings {
    /// Serve `/metrics` (otherwise it is a 404 like any unknown path).
    pub enabled: bool,
    /// A file holding the token a scraper must send as `Authorization: Bearer`
    /// (mode 0600; read at start). Without one, only clients on this machine may
    /// read the metrics.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token_file: Option<PathBuf>,
}

/// SQLite settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SqliteSettings {
    /// `PRAGMA synchronous` in WAL mode: `full` (each commit reaches the disk before
    /// the answer) or `normal` (commits survive a crash of otpd, not of the machine).
    pub synchronous: String,
}

impl Default for SqliteSettings {
    fn default() -> Self {
        Self {
            synchronous: "full".to_owned(),
        }
    }
}

impl ServerConfig {
    /// A config for a new installation in `dir`.
    pub fn new_in(dir: &Path, database: Option<String>, listen: Option<String>) -> Self {
        Self {
            database: database
                .unwrap_or_else(|| format!("sqlite://{}", dir.join("otpd.db").display())),
            master_key_file: PathBuf::from("master.key"),
            listen: listen.unwrap_or_else(|| "127.0.0.1:8443".to_owned()),
            tls_cert: None,
            tls_key: None,
            plain_http_behind_proxy: false,
            uniform_errors: false,
            log_requests: true,
            activation_ttl: default_activation_ttl(),
            enrollment_session_secs: default_session_secs(),
            tokens: TokenPolicy::default(),
            rate_limit: RateLimits::default(),
            sqlite: SqliteSettings::default(),
            max_connections: 0,
            connections: ConnectionLimits::default(),
            metrics: MetricsSettings::default(),
            lang: None,
            delivery: DeliverySettings::default(),
            smtp: None,
            webhook: None,
            push: PushSettings::default(),
        }
    }

    /// Reads and checks the file at `path`; relative paths in it are resolved
    /// against its directory.
    pub fn load(path: &Path) -> Result<Self, ServerError> {
        let text = std::fs::read_to_string(path)
            .map_err(ServerError::io(IoAction::ReadConfig(path.to_owned())))?;
        let mut config: Self = toml::from_str(&text).map_err(|e| ConfigError::Invalid {
            path: path.to_owned(),
            detail: e.message().to_owned(),
        })?;
        let base = path.parent().unwrap_or(Path::new("."));
        config.master_key_file = base.join(&config.master_key_file);
        config.tls_cert = config.tls_cert.map(|p| base.join(p));
        config.tls_key = config.tls_key.map(|p| base.join(p));
        settings::resolve(
            &mut config.delivery,
            config.smtp.as_mut(),
            config.webhook.as_mut(),
            base,
        );
        config.metrics.token_file = config.metrics.token_file.map(|p| base.join(p));
        config.check()?;
        Ok(config)
    }

    fn check(&self) -> Result<(), ServerError> {
        parse_duration(&self.activation_ttl)?;
        self.tokens
            .algorithm
            .parse::<crate::code::Algorithm>()
            .map_err(|_| self.tokens.algorithm_error())?;
        crate::code::Digits::new(self.tokens.digits).map_err(|_| self.tokens.digits_error())?;
        crate::code::Period::new(self.tokens.period).map_err(|_| self.tokens.period_error())?;
        if !matches!(self.sqlite.synchronous.as_str(), "full" | "normal" | "off") {
            return Err(ConfigError::SqliteSynchronous {
                value: self.sqlite.synchronous.clone(),
            }
            .into());
        }
        if self.tls_cert.is_some() != self.tls_key.is_some() {
            return Err(ConfigError::TlsHalf.into());
        }
        settings::check(&self.delivery, self.smtp.as_ref(), self.webhook.as_ref())
    }

    /// The default activation lifetime.
    pub fn activation_ttl(&self) -> Duration {
        parse_duration(&self.activation_ttl).unwrap_or(Duration::from_secs(72 * 3600))
    }
}

/// Reads `90s`, `30m`, `72h` or `3d` (a bare number is seconds).
pub fn parse_duration(text: &str) -> Result<Duration, ServerError> {
    let text = text.trim();
    let (number, unit) = match text.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => text.split_at(i),
        None => (text, "s"),
    };
    let value: u64 = number.parse().map_err(|_| bad_duration(text))?;
    let seconds = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => return Err(bad_duration(text)),
    };
    let total = value
        .checked_mul(seconds)
        .ok_or_else(|| bad_duration(text))?;
    if total == 0 || total > 366 * 86_400 {
        return Err(bad_duration(text));
    }
    Ok(Duration::from_secs(total))
}

fn bad_duration(text: &str) -> ServerError {
    ConfigError::Duration {
        value: text.to_owned(),
    }
    .into()
}

impl TokenPolicy {
    /// The error for an `algorithm` otpd cannot use.
    pub fn algorithm_error(&self) -> ServerError {
        ConfigError::TokenAlgorithm {
            value: self.algorithm.clone(),
        }
        .into()
    }

    /// The error for a `digits` otpd cannot use.
    pub fn digits_error(&self) -> ServerError {
        ConfigError::TokenDigits { value: self.digits }.into()
    }

    /// The error for a `period` otpd cannot use.
    pub fn period_error(&self) -> ServerError {
        ConfigError::TokenPeriod { value: self.period }.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("72h").unwrap(), Duration::from_secs(259_200));
        assert_eq!(parse_duration("3d").unwrap(), Duration::from_secs(259_200));
        assert_eq!(parse_duration("90").unwrap(), Duration::from_secs(90));
        for bad in ["", "0s", "h", "5w", "-1s", "99999999999999999999d"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn round_trips_and_resolves_paths() {
        let dir = tempfile::tempdir().unwrap();
        let config = ServerConfig::new_in(dir.path(), None, None);
        let path = dir.path().join("otpd.toml");
        std::fs::write(&path, toml::to_string(&config).unwrap()).unwrap();
        let loaded = ServerConfig::load(&path).unwrap();
        assert_eq!(loaded.master_key_file, dir.path().join("master.key"));
        assert_eq!(loaded.tokens.period, 60);
        std::fs::write(&path, "database = 1\n").unwrap();
        assert!(ServerConfig::load(&path).is_err());
    }
}
