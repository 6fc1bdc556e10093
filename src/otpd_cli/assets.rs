//! otpd's man pages, generated from its clap definition into `man/` by the hidden
//! `otpd generate-assets`.

use std::io;
use std::path::Path;

/// Writes `man/otpd.1` and `man/otpd-<command>.1` for `command` (otpd's clap
/// definition, [`crate::otpd_cli::command`]) under `root`, in English, and the
/// same in Korean under `man/ko/`.
pub fn generate(command: &clap::Command, root: &Path) -> io::Result<()> {
    crate::manual::write_all_man_pages(command, root)
}
