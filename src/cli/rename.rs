//! `otp rename`: give an account a new name (and optionally a new issuer).

use clap::Args;

use super::error::CliError;
use super::session::Session;
use super::text;

/// Arguments of `otp rename`.
#[derive(Debug, Args)]
pub struct RenameArgs {
    /// The account: its name, issuer:name, or a unique prefix (any case)
    #[arg(add = clap_complete::ArgValueCandidates::new(super::completions::account_labels))]
    pub account: String,
    /// The new account name
    pub new_name: String,
    /// Also set the issuer (an empty value removes it)
    #[arg(long)]
    pub issuer: Option<String>,
}

/// Renames the account.
pub fn run(session: &mut Session, args: &RenameArgs) -> Result<(), CliError> {
    let pin = session.unlock_pin()?;
    let (old, new) = session.update(&pin, |store, _| {
        let index = store.find(&args.account)?;
        let old = store.get(index).map(|a| a.label()).unwrap_or_default();
        let issuer = args
            .issuer
            .as_ref()
            .map(|i| Some(i.clone()).filter(|i| !i.is_empty()));
        store.rename(index, &args.new_name, issuer)?;
        let new = store.get(index).map(|a| a.label()).unwrap_or_default();
        Ok((old, new))
    })?;
    eprintln!("{}", text::renamed(&old, &new));
    Ok(())
}
