//! Opening the vault the way every subcommand needs it: resolve the paths, ask for
//! the PIN, decrypt, and hand the accounts to the subcommand.

use std::path::PathBuf;

use zeroize::Zeroizing;

use super::error::CliError;
use super::global::GlobalArgs;
use super::input::{Input, print_warning};
use super::text::{self, AgentSkipped};
use crate::accounts::Store;
use crate::agent::protocol::{Request, Response};
use crate::config::{self, Config};
use crate::vault::{Pin, Vault, payload};

/// Seconds since the Unix epoch, from the system clock.
pub fn now() -> Result<u64, CliError> {
    crate::clock::unix_now().map_err(|_| CliError::Clock)
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
    /// `--no-agent`: never ask a running agent.
    pub no_agent: bool,
}

/// What asking the agent came to.
pub enum AgentOutcome {
    /// It answered the request.
    Answer(Response),
    /// It reported an error about the request itself (no such account, ...).
    Failed(CliError),
    /// Use the PIN instead; with the reason to warn about when an agent exists but
    /// cannot be used (said only when printed, so the quiet path loads no words).
    Fallback(Option<AgentSkipped>),
}

#[cfg(unix)]
fn query_agent(vault: &Vault, request: Request) -> AgentOutcome {
    use crate::agent::AgentError;
    use crate::agent::client::Client;
    use crate::agent::protocol::Failure;
    let warn = |why: AgentSkipped| AgentOutcome::Fallback(Some(why));
    let client = match Client::for_vault(vault.path()) {
        Ok(Some(client)) => client,
        Ok(None) => return AgentOutcome::Fallback(None),
        Err(error) => return warn(AgentSkipped::Failed(error)),
    };
    match client.call(request) {
        Ok(Response::Error { error: failure }) => match failure {
            Failure::Match(error) => AgentOutcome::Failed(error.into()),
            Failure::Code(error) => AgentOutcome::Failed(error.into()),
            Failure::Failed(message) => AgentOutcome::Failed(AgentError::Failed(message).into()),
            Failure::WrongVault => AgentOutcome::Fallback(None),
            Failure::Forbidden => warn(AgentSkipped::Refused),
            Failure::BadRequest(message) => warn(AgentSkipped::Said(message.said())),
            Failure::Gone(message) => warn(AgentSkipped::Said(message.said())),
            // A time far from now: the PIN gives it, as without an agent.
            failure @ Failure::NeedsPin => warn(AgentSkipped::Said(failure.said())),
            // Not an answer to any request made here.
            failure @ Failure::Push(_) => warn(AgentSkipped::Said(failure.said())),
        },
        Ok(response) => AgentOutcome::Answer(response),
        Err(AgentError::NotRunning) => AgentOutcome::Fallback(None),
        Err(error) => warn(AgentSkipped::Failed(error)),
    }
}

/// What an agent's refusal says, in the language of this process: a typed refusal
/// by its own [`Localize`](crate::i18n::Localize), text as it came.
trait Said {
    fn said(&self) -> String;
}

impl Said for String {
    fn said(&self) -> String {
        self.clone()
    }
}

impl<T: crate::i18n::Localize> Said for T {
    fn said(&self) -> String {
        self.localize()
    }
}

#[cfg(not(unix))]
fn query_agent(_vault: &Vault, _request: Request) -> AgentOutcome {
    AgentOutcome::Fallback(None)
}

#[cfg(unix)]
fn stop_agent(vault: &Vault) -> bool {
    matches!(
        crate::agent::client::Client::for_vault(vault.path()).map(|c| c.map(|c| c.lock())),
        Ok(Some(Ok(true)))
    )
}

#[cfg(not(unix))]
fn stop_agent(_vault: &Vault) -> bool {
    false
}

fn parse_store(plaintext: &[u8]) -> Result<Store, CliError> {
    Ok(payload::from_bytes(plaintext)?)
}

impl Session {
    /// Reads the config and picks the vault path: `--vault`/`OTP_VAULT`, then the
    /// config file's `vault`, then the platform data directory; a symbolic link is
    /// resolved to the real file ([`Vault::at`]).
    pub fn open(global: &GlobalArgs) -> Result<Self, CliError> {
        let config_path = match &global.config {
            Some(path) => path.clone(),
            None => config::default_config_path()?,
        };
        let config = Config::load(&config_path)?;
        crate::i18n::set(crate::i18n::Lang::choose(
            global.lang.as_deref(),
            config.lang.as_deref(),
        ));
        let vault_path: PathBuf = match (&global.vault, &config.vault) {
            (Some(path), _) | (None, Some(path)) => path.clone(),
            (None, None) => config::default_vault_path()?,
        };
        Ok(Self {
            config,
            config_path,
            vault: Vault::at(vault_path),
            input: Input::new(global.pin_stdin),
            no_agent: global.no_agent,
        })
    }

    /// Asks the agent serving this vault, if one does (and `--no-agent` was not
    /// given). `Ok(None)` means: open the vault with the PIN instead. That is said
    /// silently when there is no agent or a stale socket, and with a warning when an
    /// agent exists but cannot be used (unsafe permissions, another user, it could
    /// not follow the vault, another protocol version). Falling back is safe even
    /// for a HOTP code: the direct path takes the vault lock and reads the file the
    /// agent wrote, so at worst a code is skipped, never repeated. Errors the agent
    /// reports about the request itself (no such account, ...) are returned as if
    /// found here.
    pub fn ask_agent(&self, request: Request) -> Result<Option<Response>, CliError> {
        if self.no_agent {
            return Ok(None);
        }
        match query_agent(&self.vault, request) {
            AgentOutcome::Answer(response) => Ok(Some(response)),
            AgentOutcome::Failed(error) => Err(error),
            AgentOutcome::Fallback(skipped) => {
                if let Some(why) = skipped {
                    print_warning(&text::not_using_agent(&why));
                }
                Ok(None)
            }
        }
    }

    /// What asking the agent came to, nothing printed (for the fast path of
    /// `otp code`, which reports itself).
    pub fn query_agent(&self, request: Request) -> AgentOutcome {
        if self.no_agent {
            return AgentOutcome::Fallback(None);
        }
        query_agent(&self.vault, request)
    }

    /// Tells an agent serving this vault to lock, if one runs; whether one did.
    /// Best effort: a failure to reach it is not an error.
    pub fn stop_agent(&self) -> bool {
        stop_agent(&self.vault)
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
