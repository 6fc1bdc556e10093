//! `otp lock`: end the session agent now.

use super::error::CliError;
use super::session::Session;

/// Tells the agent serving the vault to forget it and exit. Succeeds when none runs
/// (a stale socket is removed).
#[cfg(unix)]
pub fn run(session: &mut Session) -> Result<(), CliError> {
    use super::text;

    let locked = match crate::agent::client::Client::for_vault(session.vault.path())? {
        Some(client) => client.lock()?,
        None => false,
    };
    eprintln!("{}", text::locked(locked));
    Ok(())
}

/// Platforms without Unix sockets have no agent.
#[cfg(not(unix))]
pub fn run(_session: &mut Session) -> Result<(), CliError> {
    Err(crate::agent::AgentError::Unsupported.into())
}
