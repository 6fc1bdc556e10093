//! The man pages and shell completions shipped in `man/` and `completions/`,
//! generated from the clap definition so they never drift from `otp --help`.

use std::io;
use std::path::Path;

use clap::CommandFactory;
use clap_complete::Shell;

use super::Cli;

/// Shells `completions/` holds a script for.
pub const SHELLS: [Shell; 5] = [
    Shell::Bash,
    Shell::Zsh,
    Shell::Fish,
    Shell::Elvish,
    Shell::PowerShell,
];

/// Writes `man/*.1` and `completions/*` under `root` (the repository root), and
/// otpd's man pages when the `server` feature is on.
pub fn generate(root: &Path) -> io::Result<()> {
    let man_dir = root.join("man");
    let completions_dir = root.join("completions");
    std::fs::create_dir_all(&man_dir)?;
    std::fs::create_dir_all(&completions_dir)?;

    write_man_pages(&Cli::command(), &man_dir)?;
    for shell in SHELLS {
        let mut command = Cli::command();
        clap_complete::generate_to(shell, &mut command, "otp", &completions_dir)?;
    }
    #[cfg(feature = "server")]
    crate::otpd_cli::assets::generate(root)?;
    Ok(())
}

/// Writes `<name>.1` for `command` and `<name>-<sub>.1` for each visible subcommand
/// into `man_dir` (shared by `otp` and `otpd`).
pub fn write_man_pages(command: &clap::Command, man_dir: &Path) -> io::Result<()> {
    let base = command.get_name().to_owned();
    let mut page = Vec::new();
    clap_mangen::Man::new(command.clone()).render(&mut page)?;
    std::fs::write(man_dir.join(format!("{base}.1")), page)?;
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("{base}-{}", sub.get_name());
        let mut page = Vec::new();
        clap_mangen::Man::new(
            sub.clone()
                .name(name.clone())
                .bin_name(name.replace('-', " ")),
        )
        .render(&mut page)?;
        std::fs::write(man_dir.join(format!("{name}.1")), page)?;
    }
    Ok(())
}
