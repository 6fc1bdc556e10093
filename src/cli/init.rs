//! `otp init`: create an empty vault protected by a new PIN.

use clap::Args;

use super::error::CliError;
use super::input::print_warning;
use super::session::Session;
use super::text;
use crate::accounts::Store;
use crate::vault::{self, payload};

/// Arguments of `otp init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// scrypt work factor (log2 of N) that each unlock, and each guess by whoever
    /// steals the file, must pay. 18 costs about 0.5 s and 256 MiB.
    #[arg(long, value_name = "LOG_N", default_value_t = vault::DEFAULT_WORK_FACTOR,
          value_parser = super::values::work_factor)]
    pub work_factor: u8,
}

/// Creates the vault.
pub fn run(session: &mut Session, args: &InitArgs) -> Result<(), CliError> {
    if session.vault.exists() {
        return Err(session.vault.already_exists().into());
    }
    if args.work_factor < vault::DEFAULT_WORK_FACTOR {
        print_warning(&text::weak_work_factor(
            args.work_factor,
            vault::DEFAULT_WORK_FACTOR,
        ));
    }
    let pin = session.input.new_pin(true)?;
    let empty = payload::to_toml(&Store::new());
    session
        .vault
        .create(&pin, args.work_factor, empty.as_bytes())?;
    eprintln!("{}", text::created_vault(session.vault.path()));
    Ok(())
}
