//! The man pages and shell completions of `otp` shipped in `man/` and
//! `completions/`, generated from the clap definition so they never drift from
//! `otp --help`. otpd's pages are otpd's own (`otpd generate-assets`).

use std::io;
use std::path::Path;

use clap_complete::Shell;

/// Shells `completions/` holds a script for.
pub const SHELLS: [Shell; 5] = [
    Shell::Bash,
    Shell::Zsh,
    Shell::Fish,
    Shell::Elvish,
    Shell::PowerShell,
];

/// Writes `man/otp*.1` and `completions/*` for `command` (otp's clap definition,
/// [`crate::cli::command`]) under `root` (the repository root).
pub fn generate(command: &clap::Command, root: &Path) -> io::Result<()> {
    let man_dir = root.join("man");
    let completions_dir = root.join("completions");
    std::fs::create_dir_all(&man_dir)?;
    std::fs::create_dir_all(&completions_dir)?;

    crate::manual::write_man_pages(command, &man_dir)?;
    for shell in SHELLS {
        let mut command = command.clone();
        clap_complete::generate_to(shell, &mut command, "otp", &completions_dir)?;
    }
    Ok(())
}
