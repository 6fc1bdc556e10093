//! `otp unlock`: ask for the PIN once and start the session agent.

use std::time::Duration;

use clap::Args;

use super::error::CliError;
use super::session::Session;

/// Arguments of `otp unlock`.
#[derive(Debug, Args)]
pub struct UnlockArgs {
    /// How long the agent serves before it locks by itself, counted from now and
    /// never extended by use: 90s, 15m, 2h, 1h30m (at most 24h)
    #[arg(long = "for", value_name = "DURATION", default_value = "15m",
          value_parser = super::values::lifetime)]
    pub lifetime: Duration,
}

/// Starts an agent for the vault, replacing one already running for it.
#[cfg(unix)]
pub fn run(session: &mut Session, args: &UnlockArgs) -> Result<(), CliError> {
    unix::run(session, args)
}

/// Platforms without Unix sockets have no agent.
#[cfg(not(unix))]
pub fn run(_session: &mut Session, _args: &UnlockArgs) -> Result<(), CliError> {
    Err(crate::agent::AgentError::Unsupported.into())
}

#[cfg(unix)]
mod unix {
    use std::io::{BufReader, Write};
    use std::process::{Command, Stdio};

    use age::secrecy::ExposeSecret;
    use zeroize::Zeroizing;

    use super::super::error::{AgentStart, CliError, IoAction};
    use super::super::session::Session;
    use super::super::text;
    use super::UnlockArgs;
    use crate::agent::client::Client;
    use crate::agent::protocol::{self, Startup};
    use crate::agent::{AgentError, descriptors, socket};

    /// Longest startup report read from the agent.
    const MAX_REPORT_BYTES: usize = 64 * 1024;

    pub fn run(session: &mut Session, args: &UnlockArgs) -> Result<(), CliError> {
        if !session.vault.exists() {
            return Err(session.vault.not_found().into());
        }
        let canonical = socket::canonical_vault(session.vault.path())?;
        let dir = socket::runtime_dir();
        // Refuse an unsafe directory before asking for the PIN.
        socket::ensure_dir(&dir)?;
        let pin = session.unlock_pin()?;

        let exe = std::env::current_exe().map_err(|source| CliError::Io {
            what: IoAction::FindProgram,
            source,
        })?;
        // The agent outlives this command: it must not hold the caller's descriptors
        // (`otp unlock 3>&1 | cat` would wait for it), only the pipes made here.
        descriptors::close_on_exec_above_stderr();
        // The PIN goes through a pipe; nothing secret is in argv or the environment.
        let mut child = Command::new(&exe)
            .arg("--vault")
            .arg(&canonical)
            // The agent's start-up failures are reported here: in this language.
            .arg("--lang")
            .arg(crate::i18n::current().tag())
            .arg("agent-serve")
            .arg("--for-secs")
            .arg(args.lifetime.as_secs().to_string())
            .env_remove("OTP_PIN")
            .env_remove("OTP_PIN_FILE")
            .env_remove("OTP_PIN_COMMAND")
            .env_remove("OTP_VAULT")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|source| CliError::Io {
                what: IoAction::StartAgent(exe.clone()),
                source,
            })?;
        if let Some(mut stdin) = child.stdin.take() {
            let line = Zeroizing::new(format!("{}\n", pin.passphrase().expose_secret()));
            // A child that died at once is reported through its missing startup line.
            let _ = stdin.write_all(line.as_bytes());
        }
        drop(pin);
        let report = child
            .stdout
            .take()
            .map(|stdout| protocol::read_line(BufReader::new(stdout), MAX_REPORT_BYTES));
        let startup = match report {
            Some(Ok(line)) => serde_json::from_slice::<Startup>(&line).ok(),
            _ => None,
        };
        let pid = match startup {
            Some(Startup::Ready { pid }) => pid,
            Some(Startup::Failed { message, exit_code }) => {
                let _ = child.wait();
                return Err(AgentError::Startup { message, exit_code }.into());
            }
            None => {
                let _ = child.wait();
                return Err(CliError::AgentStart(AgentStart::ExitedEarly));
            }
        };
        // It must answer on its socket before this command says it is unlocked.
        let info = Client::in_dir(&dir, &canonical)?
            .ok_or(CliError::AgentStart(AgentStart::SocketMissing))?
            .ping()?;
        if info.pid != pid {
            return Err(CliError::AgentStart(AgentStart::OtherAnswered));
        }
        eprintln!("{}", text::unlocked(&canonical, args.lifetime.as_secs()));
        Ok(())
    }
}
