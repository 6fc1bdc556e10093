//! `otp code`: print one code for scripts.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use zeroize::Zeroizing;

use super::error::{CliError, IoAction, report};
use super::global::GlobalArgs;
use super::input::print_warning;
use super::session::{AgentOutcome, Session, now};
use super::text;
use crate::accounts::{Account, MatchError};
use crate::agent::protocol::{CodeReply, Request, Response};

/// Arguments of `otp code`.
#[derive(Debug, Args)]
pub struct CodeArgs {
    /// The account: its name, issuer:name, or a unique prefix (any case)
    #[arg(add = clap_complete::ArgValueCandidates::new(super::completions::account_labels))]
    pub account: String,
    /// Print the code of the next period instead (time-based accounts only: TOTP, Steam Guard)
    #[arg(long)]
    pub next: bool,
    /// Print a JSON object with the code and its timing
    #[arg(long)]
    pub json: bool,
    /// Compute the code for this Unix time instead of now (time-based accounts only; for checking clocks)
    #[arg(long, value_name = "UNIX_SECONDS", value_parser = super::values::seconds)]
    pub at: Option<u64>,
}

fn print(reply: &CodeReply, json: bool) -> Result<(), CliError> {
    if !json {
        println!("{}", reply.code.as_str());
        return Ok(());
    }
    let text = Zeroizing::new(serde_json::to_string(reply).map_err(|e| CliError::Io {
        what: IoAction::WriteJson,
        source: e.into(),
    })?);
    println!("{}", text.as_str());
    Ok(())
}

/// What the fast path of `otp code` came to.
pub enum FastPath {
    /// Not `otp code <account>` alone: parse the command line as usual.
    NotApplicable,
    /// Done; exit with this code.
    Done(ExitCode),
    /// No agent answered (any warning is printed): go on with the PIN, without
    /// asking the agent again.
    UsePin,
}

/// `otp code <account>` with nothing else on the command line, answered by a
/// running agent without building the whole command-line parser (which costs about
/// as much as the rest of the call).
///
/// The vault and config come from `OTP_VAULT` and `OTP_CONFIG` as clap would take
/// them (an empty value counts as unset). Anything unusual (a config that does not
/// load, an unexpected answer) is left to the ordinary path, which reports it.
pub fn fast_path() -> FastPath {
    let mut args = std::env::args_os().skip(1);
    let (Some(command), Some(account), None) = (args.next(), args.next(), args.next()) else {
        return FastPath::NotApplicable;
    };
    let account = match account.into_string() {
        Ok(account) if command == "code" && !account.starts_with('-') => account,
        _ => return FastPath::NotApplicable,
    };
    let from_env = |name| {
        std::env::var_os(name)
            .filter(|value| !value.is_empty())
            .map(PathBuf::from)
    };
    let global = GlobalArgs {
        vault: from_env("OTP_VAULT"),
        config: from_env("OTP_CONFIG"),
        pin_stdin: false,
        no_agent: false,
        lang: std::env::var("OTP_LANG")
            .ok()
            .filter(|value| !value.is_empty()),
    };
    let (Ok(session), Ok(now)) = (Session::open(&global), now()) else {
        return FastPath::NotApplicable;
    };
    let request = Request::Code {
        account,
        now,
        at: None,
        next: false,
    };
    match session.query_agent(request) {
        AgentOutcome::Answer(Response::Code(reply)) => match print(&reply, false) {
            Ok(()) => FastPath::Done(ExitCode::SUCCESS),
            Err(error) => FastPath::Done(report(&error)),
        },
        AgentOutcome::Answer(_) => FastPath::NotApplicable,
        AgentOutcome::Failed(error) => FastPath::Done(report(&error)),
        AgentOutcome::Fallback(skipped) => {
            if let Some(why) = skipped {
                print_warning(&text::not_using_agent(&why));
            }
            FastPath::UsePin
        }
    }
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
            _ => Err(CliError::UnexpectedAnswer),
        };
    }
    let pin = session.unlock_pin()?;
    let reply = session.update(&pin, |store, _| {
        let index = store.find(&args.account)?;
        let Some(account) = store.get_mut(index) else {
            return Err(MatchError::NotFound {
                query: args.account.clone(),
                candidates: store.accounts().iter().map(Account::label).collect(),
            }
            .into());
        };
        let current = account.issue_code(now, args.at, args.next)?;
        Ok(CodeReply::new(account, &current))
    })?;
    print(&reply, args.json)
}
