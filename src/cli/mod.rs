//! The `otp` command line: one file per subcommand, one error type, one place for
//! the sentences it prints. Data goes to standard output; messages to standard error.

mod add;
mod agent_serve;
pub mod assets;
mod code;
mod completions;
#[cfg(feature = "enroll")]
mod enroll;
mod error;
mod export;
mod import;
mod init;
mod input;
mod list;
mod lock;
mod passwd;
mod remove;
mod rename;
mod session;
mod show;
mod status;
mod text;
mod unlock;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

pub use error::CliError;
use session::Session;

use crate::vault;

/// otp: TOTP/HOTP codes from an encrypted vault that a 6-digit PIN unlocks.
///
/// Without a subcommand, otp opens the full-screen interface (creating the vault on
/// first run).
#[derive(Debug, Parser)]
#[command(name = "otp", version, about, after_help = text::AFTER_HELP)]
pub struct Cli {
    #[command(flatten)]
    global: GlobalArgs,
    /// scrypt work factor (log2 of N) of a vault the full-screen interface creates on
    /// first run; `otp init --work-factor` does the same for the CLI
    #[arg(long, value_name = "LOG_N", default_value_t = vault::DEFAULT_WORK_FACTOR,
          value_parser = clap::value_parser!(u8).range(i64::from(vault::MIN_WORK_FACTOR)..=i64::from(vault::MAX_WORK_FACTOR)))]
    work_factor: u8,
    #[command(subcommand)]
    command: Option<Command>,
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
    /// Do not ask a running agent (see `otp unlock`): open the vault with the PIN
    #[arg(long, global = true)]
    pub no_agent: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create a new, empty vault protected by a 6-digit PIN
    Init(init::InitArgs),
    /// Add an account from a base32 secret, an otpauth:// URI, a QR code picture, or your organisation's customer code
    Add(add::AddArgs),
    /// List the accounts (no secrets, no codes)
    List(list::ListArgs),
    /// Print the current code of one account
    Code(code::CodeArgs),
    /// Import accounts from Google Authenticator, Aegis, 2FAS, andOTP, FreeOTP+, a QR
    /// picture, a list of otpauth:// links, or an otp backup
    Import(import::ImportArgs),
    /// Export the accounts: otpauth:// links, Google Authenticator QR codes, an encrypted
    /// Aegis file, or an encrypted otp backup
    Export(export::ExportArgs),
    /// Show one account's details, or its otpauth:// link as text or a QR code (to move it to another app)
    Show(show::ShowArgs),
    /// Remove an account
    Remove(remove::RemoveArgs),
    /// Rename an account
    Rename(rename::RenameArgs),
    /// Change the PIN (a running agent is locked)
    Passwd,
    /// Ask for the PIN once and keep the vault unlocked in a background agent for a while
    Unlock(unlock::UnlockArgs),
    /// Lock the vault now: end the agent started by `otp unlock`
    Lock,
    /// Say whether an agent serves the vault, and for how long
    Status(status::StatusArgs),
    /// Print a shell completion script
    Completions(completions::CompletionsArgs),
    /// The agent process `otp unlock` starts (reads the PIN on stdin)
    #[command(hide = true)]
    AgentServe(agent_serve::AgentServeArgs),
    /// Regenerate man/ and completions/ under a directory (for maintainers)
    #[command(hide = true)]
    GenerateAssets {
        /// The repository root
        #[arg(default_value = ".")]
        root: PathBuf,
    },
}

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
        return Err(CliError::Usage(text::WORK_FACTOR_TUI_ONLY.to_owned()));
    }
    match command {
        Command::Completions(args) => {
            completions::run(args);
            return Ok(());
        }
        Command::AgentServe(args) => return agent_serve::run(&cli.global, args),
        Command::GenerateAssets { root } => {
            return assets::generate(&self::command(), root).map_err(|source| CliError::Io {
                what: format!("writing man pages and completions under {}", root.display()),
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
    if let Some(line) = version_only() {
        print!("{line}");
        return ExitCode::SUCCESS;
    }
    // Scripts call `otp code <account>` in loops: with an agent running, answer it
    // before paying for the full parser.
    let fast = code::fast_path();
    if let code::FastPath::Done(exit) = fast {
        return exit;
    }
    let mut cli = Cli::parse();
    if let code::FastPath::UsePin = fast {
        // The agent was just asked (and any warning printed): do not ask again.
        cli.global.no_agent = true;
    }
    match dispatch(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => report(&error),
    }
}

/// Prints an error the way every command does and returns its exit code.
fn report(error: &CliError) -> ExitCode {
    eprintln!("otp: {error}");
    error.exit_code()
}

/// The clap definition, for generating documentation.
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_short_version_line_is_the_one_clap_prints() {
        assert_eq!(super::short_version(), super::command().render_version());
    }
}
