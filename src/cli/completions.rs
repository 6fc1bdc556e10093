//! `otp completions`: print a shell completion script.

use clap::Args;
use clap_complete::Shell;

use crate::i18n::Lang;
use crate::manual::Purpose;

/// Arguments of `otp completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    pub shell: Shell,
}

/// Writes the script for `command` (otp's clap definition) to standard output. The
/// descriptions some shells show are the English help lines: a script is installed
/// once for every user of a machine, whatever their language.
pub fn run(args: &CompletionsArgs, command: clap::Command) {
    let mut command = crate::manual::localize(command, Lang::En, Purpose::Completions);
    clap_complete::generate(args.shell, &mut command, "otp", &mut std::io::stdout());
}
