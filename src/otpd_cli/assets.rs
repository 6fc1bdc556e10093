//! otpd's man pages, generated from its clap definition into `man/`.

use std::io;
use std::path::Path;

/// Writes `man/otpd.1` and `man/otpd-<command>.1` under `root`.
pub fn generate(root: &Path) -> io::Result<()> {
    let man_dir = root.join("man");
    std::fs::create_dir_all(&man_dir)?;
    crate::cli::assets::write_man_pages(&super::command(), &man_dir)
}
