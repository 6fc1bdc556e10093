//! `otp code`: print one code for scripts.

use clap::Args;
use zeroize::Zeroizing;

use super::error::CliError;
use super::session::{Session, now};
use super::text;
use crate::agent::protocol::{CodeReply, Request, Response};

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

fn print(reply: &CodeReply, json: bool) -> Result<(), CliError> {
    if !json {
        println!("{}", reply.code.as_str());
        return Ok(());
    }
    let text = Zeroizing::new(serde_json::to_string(reply).map_err(|e| CliError::Io {
        what: "writing JSON".to_owned(),
        source: e.into(),
    })?);
    println!("{}", text.as_str());
    Ok(())
}

/// Prints the code: from a running agent when one serves the vault, otherwise
/// after unlocking with the PIN. A HOTP code advances and saves the counter under
/// the vault lock either way, so two calls never print the same code; for TOTP
/// nothing is written.
pub fn run(session: &mut Session, args: &CodeArgs) -> Result<(), CliError> {
    let now = match args.at {
        Some(at) => at,
        None => now()?,
    };
    let request = Request::Code {
        account: args.account.clone(),
        now,
        at: args.at,
        next: args.next,
    };
    if let Some(response) = session.ask_agent(request)? {
        return match response {
            Response::Code(reply) => print(&reply, args.json),
            _ => Err(CliError::Unexpected(text::UNEXPECTED_ANSWER.to_owned())),
        };
    }
    let pin = session.unlock_pin()?;
    let reply = session.update(&pin, |store, _| {
        let index = store.find(&args.account)?;
        let Some(account) = store.get_mut(index) else {
            return Err(CliError::Usage(format!("no account at index {index}")));
        };
        let current = account.issue_code(now, args.at, args.next)?;
        Ok(CodeReply::new(account, &current))
    })?;
    print(&reply, args.json)
}
