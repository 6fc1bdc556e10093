//! `otp status`: whether an agent serves the vault, and until when.

use clap::Args;

use super::error::CliError;
use super::session::Session;

/// Arguments of `otp status`.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Print a JSON object (running, pid, socket, remaining_secs, ...)
    #[arg(long)]
    pub json: bool,
}

/// Prints the agent's state; exits 1 when no agent serves the vault.
#[cfg(unix)]
pub fn run(session: &mut Session, args: &StatusArgs) -> Result<(), CliError> {
    use serde_json::json;

    use super::text;
    use crate::agent::AgentError;
    use crate::agent::client::Client;
    use crate::agent::socket;

    let canonical = socket::canonical_vault(session.vault.path())
        .unwrap_or_else(|_| session.vault.path().to_path_buf());
    let dir = socket::runtime_dir();
    let socket_path = socket::socket_path(&dir, &canonical);
    let info = match Client::in_dir(&dir, &canonical)? {
        Some(client) => match client.ping() {
            Ok(info) => Some(info),
            Err(AgentError::NotRunning) => None,
            Err(error) => return Err(error.into()),
        },
        None => None,
    };
    if args.json {
        let mut value = json!({
            "vault": canonical,
            "socket": socket_path,
            "running": info.is_some(),
        });
        if let (Some(info), Some(map)) = (&info, value.as_object_mut()) {
            map.insert("pid".into(), info.pid.into());
            map.insert("expires_at".into(), info.expires_at.into());
            map.insert("remaining_secs".into(), info.remaining_secs.into());
            map.insert("memory_locked".into(), info.memory_locked.into());
            map.insert("undumpable".into(), info.undumpable.into());
        }
        println!("{value}");
    } else if let Some(info) = &info {
        println!(
            "{}",
            text::agent_running(
                &info.vault,
                info.pid,
                info.remaining_secs,
                info.memory_locked
            )
        );
    }
    match info {
        Some(_) => Ok(()),
        None => Err(AgentError::NotRunning.into()),
    }
}

/// Platforms without Unix sockets have no agent.
#[cfg(not(unix))]
pub fn run(_session: &mut Session, _args: &StatusArgs) -> Result<(), CliError> {
    Err(crate::agent::AgentError::Unsupported.into())
}
