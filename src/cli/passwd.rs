//! `otp passwd`: change the PIN.

use super::error::CliError;
use super::session::{Session, now};
use super::text;

/// Asks for the current PIN, then the new one, and re-encrypts the vault; then
/// locks an agent that holds the old PIN.
pub fn run(session: &mut Session) -> Result<(), CliError> {
    let old = session.unlock_pin()?;
    // Check the current PIN before asking for a new one twice; what it opened is
    // re-encrypted, without deriving the old key again.
    let opened = session.vault.open(&old, now()?)?;
    let new = session.input.new_pin(false)?;
    session
        .vault
        .change_pin_opened(opened, &old, &new, now()?)?;
    eprintln!("{}", text::pin_changed());
    // An agent holding the old PIN would notice at its next request; end it now.
    if session.stop_agent() {
        eprintln!("{}", text::locked_after_passwd());
    }
    Ok(())
}
