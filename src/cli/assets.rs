//! The man pages and shell completions of `otp` shipped in `man/` and
//! `completions/`, generated from the clap definition and help.ftl so they never
//! drift from `otp --help`. otpd's pages are otpd's own (`otpd generate-assets`).

use std::io;
use std::path::Path;

use clap_complete::Shell;

use crate::i18n::Lang;
use crate::manual::Purpose;

/// Shells `completions/` holds a script for.
pub const SHELLS: [Shell; 5] = [
    Shell::Bash,
    Shell::Zsh,
    Shell::Fish,
    Shell::Elvish,
    Shell::PowerShell,
];

/// Writes `man/otp*.1` (English), `man/ko/otp*.1` (Korean) and `completions/*`
/// (English descriptions) for `command` (otp's clap definition,
/// [`crate::cli::command`]) under `root` (the repository root).
pub fn generate(command: &clap::Command, root: &Path) -> io::Result<()> {
    let completions_dir = root.join("completions");
    std::fs::create_dir_all(&completions_dir)?;
    crate::manual::write_all_man_pages(command, root)?;
    let english = crate::manual::localize(command.clone(), Lang::En, Purpose::Completions);
    for shell in SHELLS {
        let mut command = english.clone();
        clap_complete::generate_to(shell, &mut command, "otp", &completions_dir)?;
    }
    Ok(())
}
