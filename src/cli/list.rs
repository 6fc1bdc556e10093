//! `otp list`: the accounts, without secrets or codes.

use clap::Args;

use super::error::CliError;
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
                (Some(period), _) => format!("{period} s"),
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
    let header = text::LIST_HEADER.map(str::to_owned);
    let mut widths = [0usize; 5];
    for row in std::iter::once(&header).chain(&rows) {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (cell, width) in row.iter().zip(widths) {
            line.push_str(&format!("{cell:<width$}  "));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Prints the accounts: from a running agent when one serves the vault, otherwise
/// after unlocking with the PIN.
pub fn run(session: &mut Session, args: &ListArgs) -> Result<(), CliError> {
    let accounts = match session.ask_agent(Request::List)? {
        Some(Response::Accounts { accounts }) => accounts,
        Some(_) => return Err(CliError::Unexpected(text::UNEXPECTED_ANSWER.to_owned())),
        None => {
            let pin = session.unlock_pin()?;
            let store = session.load(&pin)?;
            store.accounts().iter().map(AccountInfo::from).collect()
        }
    };
    if args.json {
        let json = serde_json::to_string_pretty(&accounts).map_err(|e| CliError::Io {
            what: "writing JSON".to_owned(),
            source: e.into(),
        })?;
        println!("{json}");
    } else if accounts.is_empty() {
        eprintln!("{}", text::LIST_EMPTY);
    } else {
        print!("{}", table(&accounts));
    }
    Ok(())
}
