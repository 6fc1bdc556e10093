//! Man pages from a clap definition: one page for the program and one per visible
//! subcommand. Shared by `otp generate-assets` and `otpd generate-assets`, which
//! each write their own program's pages.

use std::io;
use std::path::Path;

/// Writes `<name>.1` for `command` and `<name>-<sub>.1` for each visible subcommand
/// into `man_dir`.
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
