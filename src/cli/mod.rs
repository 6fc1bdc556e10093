//! The `otp` command line: one file per subcommand, one error type, one place for
//! the sentences it prints. Data goes to standard output; messages to standard error.

mod add;
mod agent_serve;
mod approve;
mod args;
pub mod assets;
mod code;
mod columns;
mod completions;
#[cfg(feature = "enroll")]
mod enroll;
#[cfg(feature = "enroll")]
mod enroll_error;
mod error;
mod export;
mod global;
mod import;
mod init;
mod input;
mod list;
mod lock;
mod passwd;
mod push;
mod remove;
mod rename;
mod session;
mod show;
mod status;
mod text;
mod unlock;
mod values;

use std::process::ExitCode;

pub use args::command;
use args::{Cli, Command};
pub use error::CliError;
use error::{IoAction, Usage, report};
use session::Session;

use crate::vault;

/// `otp` with no subcommand: the full-screen interface.
fn interactive(cli: &Cli) -> Result<(), CliError> {
    let session = Session::open(&cli.global)?;
    if cli.work_factor < vault::DEFAULT_WORK_FACTOR && !session.vault.exists() {
        input::print_warning(&text::weak_work_factor(
            cli.work_factor,
            vault::DEFAULT_WORK_FACTOR,
        ));
    }
    crate::tui::run(crate::tui::Options {
        vault: session.vault,
        config: session.config,
        config_path: session.config_path,
        work_factor: cli.work_factor,
        use_agent: !cli.global.no_agent,
    })?;
    Ok(())
}

fn dispatch(cli: Cli) -> Result<(), CliError> {
    let Some(command) = &cli.command else {
        return interactive(&cli);
    };
    if cli.work_factor != vault::DEFAULT_WORK_FACTOR {
        return Err(CliError::Usage(Usage::WorkFactorTuiOnly));
    }
    match command {
        Command::Completions(args) => {
            completions::run(args);
            return Ok(());
        }
        Command::AgentServe(args) => return agent_serve::run(&cli.global, args),
        Command::GenerateAssets { root } => {
            return assets::generate(&self::command(), root).map_err(|source| CliError::Io {
                what: IoAction::WriteAssets(root.clone()),
                source,
            });
        }
        _ => {}
    }
    let mut session = Session::open(&cli.global)?;
    match command {
        Command::Init(args) => init::run(&mut session, args),
        Command::Add(args) => add::run(&mut session, args),
        Command::List(args) => list::run(&mut session, args),
        Command::Code(args) => code::run(&mut session, args),
        Command::Import(args) => import::run(&mut session, args),
        Command::Export(args) => export::run(&mut session, args),
        Command::Show(args) => show::run(&mut session, args),
        Command::Remove(args) => remove::run(&mut session, args),
        Command::Rename(args) => rename::run(&mut session, args),
        Command::Passwd => passwd::run(&mut session),
        Command::Unlock(args) => unlock::run(&mut session, args),
        Command::Lock => lock::run(&mut session),
        Command::Status(args) => status::run(&mut session, args),
        Command::Approve(args) => approve::approve(&mut session, args),
        Command::Deny(args) => approve::deny(&mut session, args),
        Command::Push(args) => push::run(&mut session, args),
        Command::Completions(_) | Command::AgentServe(_) | Command::GenerateAssets { .. } => Ok(()),
    }
}

/// `otp --version` (or `-V`) and nothing else: the version line from a command
/// that has only a name and a version. Building the whole parser first would cost
/// more than the rest of the process (a test checks the line is the one the full
/// parser prints).
fn version_only() -> Option<String> {
    let mut args = std::env::args_os().skip(1);
    match (args.next(), args.next()) {
        (Some(flag), None) if flag == "--version" || flag == "-V" => Some(short_version()),
        _ => None,
    }
}

fn short_version() -> String {
    clap::Command::new("otp")
        .version(env!("CARGO_PKG_VERSION"))
        .render_version()
}

/// Parses the arguments, runs the subcommand and maps errors to exit codes.
pub fn run() -> ExitCode {
    // A shell asking for completions at a Tab (see `completions`): answered, exits.
    completions::answer_if_asked(args::completion_tree);
    if let Some(line) = version_only() {
        // As clap prints it: a reader that went away (`otp --version | true`) is
        // no error worth a panic.
        let _ = std::io::Write::write_all(&mut std::io::stdout(), line.as_bytes());
        return ExitCode::SUCCESS;
    }
    // Scripts call `otp code <account>` in loops: with an agent running, answer it
    // before paying for the full parser.
    let fast = code::fast_path();
    if let code::FastPath::Done(exit) = fast {
        return exit;
    }
    let mut cli = args::parse();
    // Until the config file is read (Session::open), --lang or the locale speaks.
    crate::i18n::set(crate::i18n::Lang::choose(cli.global.lang.as_deref(), None));
    if let code::FastPath::UsePin = fast {
        // The agent was just asked (and any warning printed): do not ask again.
        cli.global.no_agent = true;
    }
    match dispatch(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => report(&error),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_short_version_line_is_the_one_clap_prints() {
        assert_eq!(super::short_version(), super::command().render_version());
    }
}
