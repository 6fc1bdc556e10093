//! The `otpd` command line: `init`, `serve`, and the admin commands that work on the
//! database directly (`customer`, `user`, `issue`, `unlock`, `revoke`, `client`,
//! `audit`). Each admin action is audited under the OS user who ran it.
//!
//! - [`args`] — the clap definition
//! - `init`, `serve`, `admin` — one file per kind of command; `issue` hands an
//!   activation code over, `user_import` adds users in bulk from a CSV file
//! - [`assets`] — otpd's man pages (`otpd generate-assets`, hidden)
//! - `text`, `time`, `table` — the sentences it prints, how it shows times, and its
//!   tables (padded by display width)
//! - [`words`] — otpd's errors said in words: to the administrator in the locale's
//!   language, to API clients in their `Accept-Language`, in the log in English
//!
//! The administrator's language: `OTP_LANG`, else `lang` in otpd.toml, else the
//! locale (`LC_ALL`, `LC_MESSAGES`, `LANG`); English for any other language.

mod admin;
pub mod args;
pub mod assets;
mod init;
mod issue;
mod runtime;
mod serve;
mod table;
mod text;
mod time;
mod user_import;
pub mod words;

use std::process::ExitCode;

use args::{Cli, Command};
use issue::Finish;
use runtime::runtime;

use crate::i18n::{Lang, Localize};
use crate::server::ServerError;
use crate::server::config::ServerConfig;
use crate::server::error::IoAction;
use crate::server::serve::open_service;

/// The `OTP_LANG` environment variable: the administrator's language, ahead of
/// otpd.toml's `lang` and the locale.
const LANG_VAR: &str = "OTP_LANG";

/// Chooses the language of the admin output from `OTP_LANG`, the config's `lang`
/// (once it is read) and the locale.
fn choose_language(config: Option<&str>) {
    let env = std::env::var(LANG_VAR).ok();
    crate::i18n::set(Lang::choose(env.as_deref(), config));
}

fn dispatch(mut cli: Cli) -> Result<Finish, ServerError> {
    admin::normalize_customer_codes(&mut cli.command);
    match &cli.command {
        Command::GenerateAssets { root } => {
            return assets::generate(&command(), root)
                .map(|()| Finish::Done)
                .map_err(ServerError::io(IoAction::WriteManPages(root.clone())));
        }
        Command::Init(args) => return init::run(&cli.config, args).map(|()| Finish::Done),
        _ => {}
    }
    let mut config = ServerConfig::load(&cli.config)?;
    choose_language(config.lang.as_deref());
    let runtime = runtime()?;
    if let Command::Serve(args) = &cli.command {
        if let Some(listen) = &args.listen {
            config.listen = listen.clone();
        }
        return runtime
            .block_on(serve::run(&config, args.addr_file.as_deref()))
            .map(|()| Finish::Done);
    }
    runtime.block_on(async {
        let service = open_service(&config).await?;
        let result = admin::run(&service, &config, &cli.command).await;
        service.db().close().await;
        result
    })
}

/// Parses the arguments, runs the command, and maps errors to exit codes (0 ok,
/// 1 failure, 2 usage, 3 a code issued but not delivered: it was printed).
pub fn run() -> ExitCode {
    choose_language(None);
    let cli = args::parse();
    match dispatch(cli) {
        Ok(Finish::Done) => ExitCode::SUCCESS,
        Ok(Finish::Undelivered) => ExitCode::from(3),
        Err(error) => {
            eprintln!("otpd: {}", error.localize());
            ExitCode::from(match error {
                ServerError::Admin(_) | ServerError::Config(_) => 2,
                ServerError::Import(ref import) if import.refused_file() => 2,
                _ => 1,
            })
        }
    }
}

/// The clap definition, for generating documentation.
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}
