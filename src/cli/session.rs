//! Opening the vault the way every subcommand needs it: resolve the paths, ask for
//! the PIN, decrypt, and hand the accounts to the subcommand.

use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

use zeroize::Zeroizing;

use super::GlobalArgs;
use super::error::CliError;
use super::input::Input;
use crate::accounts::Store;
use crate::config::{self, Config};
use crate::vault::{Pin, Vault, payload};

/// Seconds since the Unix epoch, from the system clock.
pub fn now() -> Result<u64, CliError> {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .map_err(|_| CliError::Clock)
}

/// The resolved config, vault and input of one invocation.
pub struct Session {
    /// Settings from the config file.
    pub config: Config,
    /// Where the config file is (it may not exist yet).
    pub config_path: PathBuf,
    /// The vault file.
    pub vault: Vault,
    /// PINs, secrets and answers.
    pub input: Input,
}

fn parse_store(plaintext: &[u8]) -> Result<Store, CliError> {
    Ok(payload::from_bytes(plaintext)?)
}

impl Session {
    /// Reads the config and picks the vault path: `--vault`/`OTP_VAULT`, then the
    /// config file's `vault`, then the platform data directory.
    pub fn open(global: &GlobalArgs) -> Result<Self, CliError> {
        let config_path = match &global.config {
            Some(path) => path.clone(),
            None => config::default_config_path()?,
        };
        let config = Config::load(&config_path)?;
        let vault_path: PathBuf = match (&global.vault, &config.vault) {
            (Some(path), _) | (None, Some(path)) => path.clone(),
            (None, None) => config::default_vault_path()?,
        };
        Ok(Self {
            config,
            config_path,
            vault: Vault::new(vault_path),
            input: Input::new(global.pin_stdin),
        })
    }

    /// Asks for the PIN of an existing vault (saying first when there is no vault,
    /// since no PIN can help then).
    pub fn unlock_pin(&mut self) -> Result<Pin, CliError> {
        if !self.vault.exists() {
            return Err(self.vault.not_found().into());
        }
        self.input.unlock_pin()
    }

    /// Decrypts the vault and returns the accounts.
    pub fn load(&mut self, pin: &Pin) -> Result<Store, CliError> {
        let plaintext = self.vault.read(pin, now()?)?;
        parse_store(&plaintext)
    }

    /// Runs `change` on the accounts under the vault lock and saves the result
    /// atomically. Nothing is written when `change` fails.
    pub fn update<T>(
        &mut self,
        pin: &Pin,
        change: impl FnOnce(&mut Store, &mut Input) -> Result<T, CliError>,
    ) -> Result<T, CliError> {
        let input = &mut self.input;
        self.vault.update(pin, now()?, |plaintext| {
            let mut store = parse_store(&plaintext)?;
            let value = change(&mut store, input)?;
            let text = payload::to_toml(&store);
            Ok((Zeroizing::new(text.as_bytes().to_vec()), value))
        })
    }
}
