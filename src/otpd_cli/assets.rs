//! otpd's man pages, generated from its clap definition into `man/` by the hidden
//! `otpd generate-assets`.

use std::io;
use std::path::Path;

/// Writes `man/otpd.1` and `man/otpd-<command>.1` for `command` (otpd's clap
/// definition, [`crate::otpd_cli::command`]) under `root`.
pub fn generate(command: &clap::Command, root: &Path) -> io::Result<()> {
    let man_dir = root.join("man");
    std::fs::create_dir_all(&man_dir)?;
    crate::manual::write_man_pages(command, &man_dir)
}
