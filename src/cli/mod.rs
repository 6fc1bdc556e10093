//! The `otp` command line: one file per subcommand, one error type, one place for
//! the sentences it prints. Data goes to standard output; messages to standard error.

mod add;
pub mod assets;
mod code;
mod completions;
#[cfg(feature = "enroll")]
mod enroll;
mod error;
mod init;
mod input;
mod list;
mod passwd;
mod remove;
mod rename;
mod session;
mod text;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

pub use error::CliError;
use session::Session;

/// otp: TOTP/HOTP codes from an encrypted vault that a 6-digit PIN unlocks.
#[derive(Debug, Parser)]
#[command(name = "otp", version, about, after_help = text::AFTER_HELP)]
#[command(subcommand_required = true, arg_required_else_help = true)]
pub struct Cli {
    #[command(flatten)]
    global: GlobalArgs,
    #[command(subcommand)]
    command: Command,
}

/// Options every subcommand takes.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// The vault file [default: $XDG_DATA_HOME/otp/vault.age]
    #[arg(long, global = true, env = "OTP_VAULT", value_name = "PATH")]
    pub vault: Option<PathBuf>,
    /// The config file [default: $XDG_CONFIG_HOME/otp/config.toml]
    #[arg(long, global = true, env = "OTP_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Read the PIN from the first line of standard input (for scripts)
    #[arg(long, global = true)]
    pub pin_stdin: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create a new, empty vault protected by a 6-digit PIN
    Init(init::InitArgs),
    /// Add an account from a base32 secret, an otpauth:// URI, or your organisation's customer code
    Add(add::AddArgs),
    /// List the accounts (no secrets, no codes)
    List(list::ListArgs),
    /// Print the current code of one account
    Code(code::CodeArgs),
    /// Remove an account
    Remove(remove::RemoveArgs),
    /// Rename an account
    Rename(rename::RenameArgs),
    /// Change the PIN
    Passwd,
    /// Print a shell completion script
    Completions(completions::CompletionsArgs),
    /// Regenerate man/ and completions/ under a directory (for maintainers)
    #[command(hide = true)]
    GenerateAssets {
        /// The repository root
        #[arg(default_value = ".")]
        root: PathBuf,
    },
}

fn dispatch(cli: Cli) -> Result<(), CliError> {
    match &cli.command {
        Command::Completions(args) => {
            completions::run(args);
            return Ok(());
        }
        Command::GenerateAssets { root } => {
            return assets::generate(root).map_err(|source| CliError::Io {
                what: format!("writing man pages and completions under {}", root.display()),
                source,
            });
        }
        _ => {}
    }
    let mut session = Session::open(&cli.global)?;
    match &cli.command {
        Command::Init(args) => init::run(&mut session, args),
        Command::Add(args) => add::run(&mut session, args),
        Command::List(args) => list::run(&mut session, args),
        Command::Code(args) => code::run(&mut session, args),
        Command::Remove(args) => remove::run(&mut session, args),
        Command::Rename(args) => rename::run(&mut session, args),
        Command::Passwd => passwd::run(&mut session),
        Command::Completions(_) | Command::GenerateAssets { .. } => Ok(()),
    }
}

/// Parses the arguments, runs the subcommand and maps errors to exit codes.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match dispatch(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("otp: {error}");
            error.exit_code()
        }
    }
}

/// The clap definition, for generating documentation.
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}
