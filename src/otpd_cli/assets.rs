//! otpd's man pages, generated from its clap definition into `man/`.

use std::io;
use std::path::Path;

/// Writes `man/otpd.1` and `man/otpd-<command>.1` under `root`.
pub fn generate(root: &Path) -> io::Result<()> {
    let man_dir = root.join("man");
    std::fs::create_dir_all(&man_dir)?;
    let command = super::command();
    let mut page = Vec::new();
    clap_mangen::Man::new(command.clone()).render(&mut page)?;
    std::fs::write(man_dir.join("otpd.1"), page)?;
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("otpd-{}", sub.get_name());
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
