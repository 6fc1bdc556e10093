//! `otp list`: the accounts, without secrets or codes.

use clap::Args;

use super::columns;
use super::error::{CliError, IoAction};
use super::session::Session;
use super::text;
use crate::agent::protocol::{AccountInfo, Request, Response};

/// Arguments of `otp list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Print a JSON array instead of a table
    #[arg(long)]
    pub json: bool,
}

fn table(accounts: &[AccountInfo]) -> String {
    let rows: Vec<[String; 5]> = accounts
        .iter()
        .map(|a| {
            let moving = match (a.period, a.counter) {
                (Some(period), _) => text::list_period(period),
                (None, Some(counter)) => counter.to_string(),
                (None, None) => String::new(),
            };
            [
                a.label.clone(),
                a.kind.to_uppercase(),
                a.algorithm.clone(),
                a.digits.to_string(),
                moving,
            ]
        })
        .collect();
    let header = text::list_header();
    let mut all = Vec::with_capacity(rows.len() + 1);
    all.push(header);
    all.extend(rows);
    columns::table(&all)
}

/// Prints the accounts: from a running agent when one serves the vault, otherwise
/// after unlocking with the PIN.
pub fn run(session: &mut Session, args: &ListArgs) -> Result<(), CliError> {
    let accounts = match session.ask_agent(Request::List)? {
        Some(Response::Accounts { accounts }) => accounts,
        Some(_) => return Err(CliError::UnexpectedAnswer),
        None => {
            let pin = session.unlock_pin()?;
            let store = session.load(&pin)?;
            store.accounts().iter().map(AccountInfo::from).collect()
        }
    };
    if args.json {
        let json = serde_json::to_string_pretty(&accounts).map_err(|e| CliError::Io {
            what: IoAction::WriteJson,
            source: e.into(),
        })?;
        println!("{json}");
    } else if accounts.is_empty() {
        eprintln!("{}", text::list_empty());
    } else {
        print!("{}", table(&accounts));
    }
    Ok(())
}
