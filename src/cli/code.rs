//! `otp code`: print one code for scripts.

use clap::Args;
use serde::Serialize;

use super::error::CliError;
use super::session::{Session, now};
use super::text;
use crate::accounts::{Account, CurrentCode};
use crate::code::Kind;

/// Arguments of `otp code`.
#[derive(Debug, Args)]
pub struct CodeArgs {
    /// The account: its name, issuer:name, or a unique prefix (any case)
    pub account: String,
    /// Print the code of the next period instead (TOTP only)
    #[arg(long)]
    pub next: bool,
    /// Print a JSON object with the code and its timing
    #[arg(long)]
    pub json: bool,
    /// Compute the code for this Unix time instead of now (TOTP only; for checking clocks)
    #[arg(long, value_name = "UNIX_SECONDS")]
    pub at: Option<u64>,
}

/// What `otp code --json` prints.
#[derive(Serialize)]
struct CodeJson<'a> {
    account: String,
    code: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    period: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    remaining: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    counter: Option<u64>,
}

fn print(account: &Account, current: &CurrentCode, json: bool) -> Result<(), CliError> {
    if !json {
        println!("{}", current.code().as_str());
        return Ok(());
    }
    let (period, remaining, counter) = match (current, account.kind) {
        (CurrentCode::Totp(totp), Kind::Totp { period }) => {
            (Some(period.seconds()), Some(totp.remaining), None)
        }
        (CurrentCode::Hotp { counter, .. }, _) => (None, None, Some(*counter)),
        _ => (None, None, None),
    };
    let value = CodeJson {
        account: account.label(),
        code: current.code().as_str(),
        kind: account.kind.type_name(),
        period,
        remaining,
        counter,
    };
    let text = serde_json::to_string(&value).map_err(|e| CliError::Io {
        what: "writing JSON".to_owned(),
        source: e.into(),
    })?;
    println!("{text}");
    Ok(())
}

/// Prints the code. A HOTP code advances and saves the counter under the vault
/// lock, so two calls never print the same code; for TOTP nothing is written.
pub fn run(session: &mut Session, args: &CodeArgs) -> Result<(), CliError> {
    let pin = session.unlock_pin()?;
    let time = args.at.map_or_else(now, Ok)?;
    let (account, current) = session.update(&pin, |store, _| {
        let index = store.find(&args.account)?;
        let Some(account) = store.get_mut(index) else {
            return Err(CliError::Usage(format!("no account at index {index}")));
        };
        let current = match &mut account.kind {
            Kind::Totp { period } => {
                let step = if args.next {
                    u64::from(period.seconds())
                } else {
                    0
                };
                account.code_at(time.saturating_add(step))
            }
            Kind::Hotp { counter } => {
                if args.next || args.at.is_some() {
                    return Err(CliError::Usage(text::HOTP_NO_TIME.to_owned()));
                }
                *counter = counter
                    .checked_add(1)
                    .ok_or_else(|| CliError::Usage(text::HOTP_COUNTER_MAX.to_owned()))?;
                // The code of the counter before the increment.
                let mut used = account.clone();
                if let Kind::Hotp { counter } = &mut used.kind {
                    *counter -= 1;
                }
                used.code_at(time)
            }
        };
        Ok((account.clone(), current))
    })?;
    print(&account, &current, args.json)
}
