//! The man pages and shell completions of `otp` shipped in `man/` and
//! `completions/`, generated from the clap definition and help.ftl so they never
//! drift from `otp --help`. otpd's pages are otpd's own (`otpd generate-assets`).

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

/// The file name of `shell`'s script in `completions/`, as each shell's completion
/// directory wants it.
pub fn script_name(shell: Shell) -> &'static str {
    match shell {
        Shell::Zsh => "_otp",
        Shell::Fish => "otp.fish",
        Shell::Elvish => "otp.elv",
        Shell::PowerShell => "_otp.ps1",
        _ => "otp.bash",
    }
}

/// Writes `man/otp*.1` (English), `man/ko/otp*.1` (Korean) and `completions/*`
/// (English descriptions) for `command` (otp's clap definition,
/// [`crate::cli::command`]) under `root` (the repository root).
pub fn generate(command: &clap::Command, root: &Path) -> io::Result<()> {
    let completions_dir = root.join("completions");
    std::fs::create_dir_all(&completions_dir)?;
    crate::manual::write_all_man_pages(command, root)?;
    for shell in SHELLS {
        let mut script = Vec::new();
        super::completions::write_script(shell, &mut script)?;
        std::fs::write(completions_dir.join(script_name(shell)), script)?;
    }
    Ok(())
}
