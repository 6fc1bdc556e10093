//! The `otpd` command line: `init`, `serve`, and the admin commands that work on the
//! database directly (`customer`, `user`, `issue`, `unlock`, `revoke`, `client`,
//! `audit`). Each admin action is audited under the OS user who ran it.
//!
//! - [`args`] — the clap definition
//! - `init`, `serve`, `admin` — one file per kind of command
//! - [`assets`] — otpd's man pages (`otpd generate-assets`, hidden)
//! - `text`, `time` — the sentences it prints and how it shows times

mod admin;
pub mod args;
pub mod assets;
mod init;
mod runtime;
mod serve;
mod text;
mod time;

use std::process::ExitCode;

use args::{Cli, Command};
use runtime::runtime;

use crate::server::ServerError;
use crate::server::config::ServerConfig;
use crate::server::serve::open_service;

fn dispatch(cli: Cli) -> Result<(), ServerError> {
    match &cli.command {
        Command::GenerateAssets { root } => {
            return assets::generate(&command(), root).map_err(|source| ServerError::Io {
                what: format!("writing man pages under {}", root.display()),
                source,
            });
        }
        Command::Init(args) => return init::run(&cli.config, args),
        _ => {}
    }
    let mut config = ServerConfig::load(&cli.config)?;
    let runtime = runtime()?;
    if let Command::Serve(args) = &cli.command {
        if let Some(listen) = &args.listen {
            config.listen = listen.clone();
        }
        return runtime.block_on(serve::run(&config, args.addr_file.as_deref()));
    }
    runtime.block_on(async {
        let service = open_service(&config).await?;
        let result = admin::run(&service, &cli.command).await;
        service.db().close().await;
        result
    })
}

/// Parses the arguments, runs the command, and maps errors to exit codes (0 ok,
/// 1 failure, 2 usage).
pub fn run() -> ExitCode {
    let cli = args::parse();
    match dispatch(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("otpd: {error}");
            ExitCode::from(match error {
                ServerError::Admin(_) | ServerError::Config(_) => 2,
                _ => 1,
            })
        }
    }
}

/// The clap definition, for generating documentation.
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}
