//! The clap definition of `otp`: the top-level options and the subcommand list. Each
//! subcommand's own arguments live in its file; the dispatch lives in `cli/mod.rs`.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use super::global::GlobalArgs;
use super::{
    add, agent_serve, approve, code, completions, export, import, init, list, push, remove, rename,
    show, status, unlock,
};
use crate::i18n::Lang;
use crate::manual::Purpose;
use crate::vault;

/// otp: TOTP/HOTP codes from an encrypted vault that a 6-digit PIN unlocks.
///
/// Without a subcommand, otp opens the full-screen interface (creating the vault on
/// first run).
#[derive(Debug, Parser)]
#[command(name = "otp", version, about)]
pub struct Cli {
    /// Options every subcommand takes.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// scrypt work factor (log2 of N) of a vault the full-screen interface creates on
    /// first run; `otp init --work-factor` does the same for the CLI
    #[arg(long, value_name = "LOG_N", default_value_t = vault::DEFAULT_WORK_FACTOR,
          value_parser = super::values::work_factor)]
    pub work_factor: u8,
    /// The subcommand; none opens the full-screen interface.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new, empty vault protected by a 6-digit PIN
    Init(init::InitArgs),
    /// Add an account from a base32 secret, an otpauth:// URI, a Steam Guard key (steam://), a QR code picture, or your organisation's customer code
    Add(add::AddArgs),
    /// List the accounts (no secrets, no codes)
    List(list::ListArgs),
    /// Print the current code of one account
    Code(code::CodeArgs),
    /// Import accounts from Google Authenticator, Aegis, 2FAS, andOTP, FreeOTP,
    /// FreeOTP+, Bitwarden, Proton Authenticator, Authenticator Pro (Stratum), a QR
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
    /// Approve a login waiting for you: choose the number the login page shows
    Approve(approve::ApproveArgs),
    /// Deny login requests waiting for you ("not me")
    Deny(approve::DenyArgs),
    /// Approval requests: give an account enrolled earlier its device key
    Push(push::PushArgs),
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

/// The clap definition as derived: it parses, and its texts are the developer
/// docs above. What people read comes from [`localized`].
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}

/// The clap definition with every text in `lang` (help, man pages, completions).
pub fn localized(lang: Lang, purpose: Purpose) -> clap::Command {
    crate::manual::localize(command(), lang, purpose)
}

/// The command tree shell completion walks (see `completions`): otp's, in the
/// language of `OTP_LANG` or the locale, without the internal commands.
pub fn completion_tree() -> clap::Command {
    let lang = Lang::choose(std::env::var("OTP_LANG").ok().as_deref(), None);
    localized(lang, Purpose::Completions)
}

/// The config file's `lang`, for help shown before the config is read: the file
/// `--config`, `OTP_CONFIG` or the default path names, if it loads.
fn config_lang() -> Option<String> {
    let path = crate::manual::flag_value("config")
        .or_else(|| std::env::var("OTP_CONFIG").ok().filter(|v| !v.is_empty()))
        .map(PathBuf::from)
        .or_else(|| crate::config::default_config_path().ok())?;
    crate::config::Config::load(&path).ok()?.lang
}

/// Parses the arguments. The catalogue is read only when that fails: `--help`
/// and usage errors are then shown in the language of `--lang`, `OTP_LANG`, the
/// config file's `lang` or the locale, and the process exits as clap would (0 after help, 2 on a usage error).
pub fn parse() -> Cli {
    crate::manual::parse_or_exit(
        command(),
        || crate::manual::help_lang(true, config_lang().as_deref()),
        |lang| localized(lang, Purpose::Help),
    )
}
