//! User settings (no secrets) from `$XDG_CONFIG_HOME/otp/config.toml`, and the
//! default locations of the config and vault files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Settings read from the config file; every field has a default.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Most accounts one vault may hold.
    pub max_accounts: usize,
    /// The vault file, when not given by `--vault` or `OTP_VAULT`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vault: Option<PathBuf>,
    /// Seconds after a copy when the clipboard is cleared, if it still holds the
    /// copied code; 0 never clears it.
    pub clipboard_clear_secs: u64,
    /// Seconds without a key or click after which the full-screen interface locks
    /// itself and drops the secrets from memory; 0 never locks.
    pub auto_lock_secs: u64,
    /// Enrollment servers by customer code: `1106 = "https://otp.example.org"`.
    pub customers: BTreeMap<String, String>,
    /// A server that knows where each customer code enrolls (`otp add --customer`
    /// asks it when neither `--server` nor `[customers]` names one).
    pub directory: Option<String>,
    /// The language of messages (`en` or `ko`); unset follows the locale
    /// (`LC_ALL`, `LC_MESSAGES`, `LANG`). `--lang` and `OTP_LANG` override it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            max_accounts: Self::DEFAULT_MAX_ACCOUNTS,
            vault: None,
            clipboard_clear_secs: Self::DEFAULT_CLIPBOARD_CLEAR_SECS,
            auto_lock_secs: Self::DEFAULT_AUTO_LOCK_SECS,
            customers: BTreeMap::new(),
            directory: None,
            lang: None,
        }
    }
}

impl Config {
    /// Ten accounts, as in the phone apps the product follows.
    pub const DEFAULT_MAX_ACCOUNTS: usize = 10;
    /// Half a minute: long enough to paste, short enough not to linger.
    pub const DEFAULT_CLIPBOARD_CLEAR_SECS: u64 = 30;
    /// Five minutes idle.
    pub const DEFAULT_AUTO_LOCK_SECS: u64 = 300;

    /// Writes the settings to `path` atomically (a temporary file in the same
    /// directory, flushed, then renamed over the old one), creating the directory.
    pub fn save(&self, path: &Path) -> Result<(), ConfigError> {
        let write_error = |source: std::io::Error| ConfigError::Write {
            path: path.to_owned(),
            source,
        };
        let text = toml::to_string(self).map_err(|e| write_error(std::io::Error::other(e)))?;
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        std::fs::create_dir_all(dir).map_err(write_error)?;
        let mut file = tempfile::NamedTempFile::new_in(dir).map_err(write_error)?;
        std::io::Write::write_all(&mut file, text.as_bytes()).map_err(write_error)?;
        file.as_file().sync_all().map_err(write_error)?;
        file.persist(path).map_err(|e| write_error(e.error))?;
        Ok(())
    }

    /// Reads `path`; a missing file gives the defaults.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        match std::fs::read_to_string(path) {
            Ok(text) => toml::from_str(&text).map_err(|e| ConfigError::Invalid {
                path: path.to_owned(),
                message: e.to_string(),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(source) => Err(ConfigError::Read {
                path: path.to_owned(),
                source,
            }),
        }
    }
}

/// Why the config file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file exists but could not be read.
    #[error("cannot read the config file {}: {source}", path.display())]
    Read {
        /// The config file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file is not valid TOML or has unknown keys.
    #[error("the config file {} is not valid: {message}", path.display())]
    Invalid {
        /// The config file.
        path: PathBuf,
        /// What the TOML parser said.
        message: String,
    },
    /// The file could not be written.
    #[error("cannot write the config file {}: {source}", path.display())]
    Write {
        /// The config file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// No home directory, so no default location.
    #[error(
        "cannot find a home directory for the default {0} location; pass --vault or set OTP_VAULT"
    )]
    NoHome(DefaultFile),
}

/// A file whose default location is under the home directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DefaultFile {
    /// The config file.
    Config,
    /// The vault.
    Vault,
}

impl std::fmt::Display for DefaultFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            DefaultFile::Config => "config file",
            DefaultFile::Vault => "vault",
        })
    }
}

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "otp")
}

/// `$XDG_CONFIG_HOME/otp/config.toml` (or the platform's equivalent).
pub fn default_config_path() -> Result<PathBuf, ConfigError> {
    project_dirs()
        .map(|dirs| dirs.config_dir().join("config.toml"))
        .ok_or(ConfigError::NoHome(DefaultFile::Config))
}

/// `$XDG_DATA_HOME/otp/vault.age` (or the platform's equivalent).
pub fn default_vault_path() -> Result<PathBuf, ConfigError> {
    project_dirs()
        .map(|dirs| dirs.data_dir().join("vault.age"))
        .ok_or(ConfigError::NoHome(DefaultFile::Vault))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_file_gives_defaults_and_unknown_keys_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        assert_eq!(Config::load(&path).unwrap(), Config::default());
        std::fs::write(&path, "max_accounts = 3\nvault = \"/tmp/v.age\"\n").unwrap();
        let config = Config::load(&path).unwrap();
        assert_eq!(config.max_accounts, 3);
        assert_eq!(config.vault.as_deref(), Some(Path::new("/tmp/v.age")));
        std::fs::write(
            &path,
            "directory = \"https://dir.example\"\n[customers]\n1106 = \"https://otp.example.org\"\n",
        )
        .unwrap();
        let config = Config::load(&path).unwrap();
        assert_eq!(config.customers["1106"], "https://otp.example.org");
        assert_eq!(config.directory.as_deref(), Some("https://dir.example"));
        std::fs::write(&path, "max_acounts = 3\n").unwrap();
        let err = Config::load(&path).unwrap_err().to_string();
        assert!(err.contains("max_acounts"), "{err}");
    }

    #[test]
    fn save_round_trips_and_replaces_atomically() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("config.toml");
        let config = Config {
            clipboard_clear_secs: 45,
            auto_lock_secs: 0,
            ..Config::default()
        };
        config.save(&path).unwrap();
        assert_eq!(Config::load(&path).unwrap(), config);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(!text.contains("vault"), "{text}");
        let with_vault = Config {
            vault: Some("/tmp/v.age".into()),
            ..config
        };
        with_vault.save(&path).unwrap();
        assert_eq!(Config::load(&path).unwrap(), with_vault);
        // Only the config file is left: no temporary files next to it.
        assert_eq!(
            std::fs::read_dir(path.parent().unwrap()).unwrap().count(),
            1
        );
    }
}
