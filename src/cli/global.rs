//! The options every subcommand of `otp` takes (the vault, the config, where the PIN
//! comes from, whether to ask the agent). In a file of their own, since the session
//! and several subcommands read them.

use std::path::PathBuf;

use clap::Args;

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
    /// The language of messages: en or ko [default: the config's `lang`, then
    /// LC_ALL, LC_MESSAGES, LANG]
    #[arg(long, global = true, env = "OTP_LANG", value_name = "LANG")]
    pub lang: Option<String>,
}
