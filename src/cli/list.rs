//! `otp list`: the accounts, without secrets or codes.

use clap::Args;
use serde::Serialize;

use super::error::CliError;
use super::session::Session;
use super::text;
use crate::accounts::Account;
use crate::code::Kind;

/// Arguments of `otp list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Print a JSON array instead of a table
    #[arg(long)]
    pub json: bool,
}

/// One account as `otp list --json` prints it.
#[derive(Serialize)]
struct Entry<'a> {
    label: String,
    name: &'a str,
    issuer: Option<&'a str>,
    #[serde(rename = "type")]
    kind: &'static str,
    algorithm: &'static str,
    digits: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    period: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    counter: Option<u64>,
}

impl<'a> From<&'a Account> for Entry<'a> {
    fn from(account: &'a Account) -> Self {
        let (period, counter) = match account.kind {
            Kind::Totp { period } => (Some(period.seconds()), None),
            Kind::Hotp { counter } => (None, Some(counter)),
        };
        Entry {
            label: account.label(),
            name: &account.name,
            issuer: account.issuer.as_deref(),
            kind: account.kind.type_name(),
            algorithm: account.algorithm.as_str(),
            digits: account.digits.get(),
            period,
            counter,
        }
    }
}

fn table(accounts: &[Account]) -> String {
    let rows: Vec<[String; 5]> = accounts
        .iter()
        .map(|a| {
            let moving = match a.kind {
                Kind::Totp { period } => format!("{period} s"),
                Kind::Hotp { counter } => counter.to_string(),
            };
            [
                a.label(),
                a.kind.type_name().to_uppercase(),
                a.algorithm.to_string(),
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

/// Prints the accounts.
pub fn run(session: &mut Session, args: &ListArgs) -> Result<(), CliError> {
    let pin = session.unlock_pin()?;
    let store = session.load(&pin)?;
    if args.json {
        let entries: Vec<Entry> = store.accounts().iter().map(Entry::from).collect();
        let json = serde_json::to_string_pretty(&entries).map_err(|e| CliError::Io {
            what: "writing JSON".to_owned(),
            source: e.into(),
        })?;
        println!("{json}");
    } else if store.is_empty() {
        eprintln!("{}", text::LIST_EMPTY);
    } else {
        print!("{}", table(store.accounts()));
    }
    Ok(())
}
