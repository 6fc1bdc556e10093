//! `otp agent-serve` (hidden): the agent process that `otp unlock` starts.
//!
//! It reads the PIN from the first line of standard input, unlocks the vault, binds
//! its socket, writes one startup line on standard output, points its standard
//! streams at `/dev/null` and serves (see `otp::agent`). It is not meant to be run
//! by hand.

use clap::Args;

use super::error::CliError;
use super::global::GlobalArgs;

/// Arguments of the agent process.
#[derive(Debug, Args)]
pub struct AgentServeArgs {
    /// Seconds to serve before locking
    #[arg(long, value_name = "SECONDS", value_parser = super::values::seconds)]
    pub for_secs: u64,
}

/// Runs the agent until it locks.
#[cfg(unix)]
pub fn run(global: &GlobalArgs, args: &AgentServeArgs) -> Result<(), CliError> {
    use std::io::Write;
    use std::time::Duration;

    use super::error::Usage;
    use super::input::Input;
    use crate::agent::protocol::{self, Startup};
    use crate::agent::server::{self, Agent, StartError};
    use crate::agent::{MAX_LIFETIME, socket};
    use crate::i18n::Localize;

    let hardening = server::detach_and_harden();
    let report = |startup: &Startup| {
        protocol::to_line(startup).is_ok_and(|line| {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(&line)
                .and_then(|()| stdout.flush())
                .is_ok()
        })
    };
    let started = (|| {
        let vault = global
            .vault
            .as_deref()
            .ok_or(CliError::Usage(Usage::AgentNeedsVault))?;
        let canonical = socket::canonical_vault(vault)?;
        let lifetime =
            Duration::from_secs(args.for_secs).clamp(Duration::from_secs(1), MAX_LIFETIME);
        let pin = Input::new(true).unlock_pin()?;
        Agent::start(&canonical, &socket::runtime_dir(), pin, lifetime, hardening).map_err(
            |error| match error {
                StartError::Vault(e) => CliError::from(e),
                StartError::Payload(e) => CliError::from(e),
                StartError::Agent(e) => CliError::from(e),
                StartError::Clock(_) => CliError::Clock,
            },
        )
    })();
    match started {
        Ok(mut agent) => {
            if let Some(program) = crate::agent::notify::notifier() {
                agent.on_login_request(move |info| {
                    let (title, body) = notification(info);
                    crate::agent::notify::show(&program, &title, &body);
                });
            }
            let told = report(&Startup::Ready {
                pid: std::process::id(),
            });
            server::close_stdio();
            if told {
                agent.run();
            } else {
                // `otp unlock` is gone (interrupted): nobody was told the vault is
                // unlocked, so it must not stay unlocked.
                agent.shutdown();
            }
            Ok(())
        }
        Err(error) => {
            let _ = report(&Startup::Failed {
                message: error.localize(),
                exit_code: error.exit_status(),
            });
            Err(error)
        }
    }
}

/// Platforms without Unix sockets have no agent.
#[cfg(not(unix))]
pub fn run(_global: &GlobalArgs, _args: &AgentServeArgs) -> Result<(), CliError> {
    Err(crate::agent::AgentError::Unsupported.into())
}

/// The desktop notification of a login request: whose, and what the login page
/// says about it; never the numbers (number matching needs the login page).
fn notification(info: &crate::agent::protocol::PushInfo) -> (String, String) {
    let unknown = || crate::t!("cli-agent-push-unknown");
    let title = crate::t!("cli-agent-push-title", account = info.account.as_str());
    let body = crate::t!(
        "cli-agent-push-body",
        service = info.context.service.clone().unwrap_or_else(unknown),
        from = info.context.client_ip.clone().unwrap_or_else(unknown),
        text = info.context.text.clone().unwrap_or_default()
    );
    (title, body)
}
