//! `otp completions`: print a shell completion script.

use clap::Args;
use clap_complete::Shell;

/// Arguments of `otp completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    pub shell: Shell,
}

/// Writes the script for `command` (otp's clap definition) to standard output.
pub fn run(args: &CompletionsArgs, mut command: clap::Command) {
    clap_complete::generate(args.shell, &mut command, "otp", &mut std::io::stdout());
}
