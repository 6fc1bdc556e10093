//! `otp remove`: delete an account, after confirmation.

use clap::Args;

use super::error::{CliError, Usage};
use super::session::Session;
use super::text;

/// Arguments of `otp remove`.
#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// The account: its name, issuer:name, or a unique prefix (any case)
    #[arg(add = clap_complete::ArgValueCandidates::new(super::completions::account_labels))]
    pub account: String,
    /// Do not ask for confirmation (needed when standard input is not a terminal)
    #[arg(long, short = 'y')]
    pub yes: bool,
}

/// Removes the account.
pub fn run(session: &mut Session, args: &RemoveArgs) -> Result<(), CliError> {
    let pin = session.unlock_pin()?;
    let label = session.update(&pin, |store, input| {
        let index = store.find(&args.account)?;
        let label = store.get(index).map(|a| a.label()).unwrap_or_default();
        if !args.yes {
            match input.confirm(&text::confirm_remove(&label))? {
                Some(true) => {}
                Some(false) => return Err(CliError::Declined),
                None => return Err(CliError::Usage(Usage::RemoveNeedsYes)),
            }
        }
        store.remove(index);
        Ok(label)
    })?;
    eprintln!("{}", text::removed(&label));
    Ok(())
}
