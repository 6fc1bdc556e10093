//! `otp push register`: give an account enrolled before device keys its key, so
//! it can answer approval requests (`otp approve`). The key is made here, its
//! public half sent to otpd with a current one-time code of the account as proof
//! (over TLS), and the link saved in the vault beside the account.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::error::CliError;
use super::session::Session;

/// Arguments of `otp push`.
#[derive(Debug, Args)]
pub struct PushArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: PushCommand,
}

/// The `otp push` subcommands.
#[derive(Debug, Subcommand)]
pub enum PushCommand {
    /// Give an account enrolled before device keys its key, so it can answer approval requests
    Register(RegisterArgs),
}

/// Arguments of `otp push register`.
#[derive(Debug, Args)]
pub struct RegisterArgs {
    /// The account: its name, issuer:name, or a unique part (any case)
    #[arg(add = clap_complete::ArgValueCandidates::new(super::completions::account_labels))]
    pub account: String,
    /// The customer code the account was enrolled with [default: the only one in [customers] of the config file]
    #[arg(long, value_name = "CODE")]
    pub customer: Option<String>,
    /// Your ID at the organisation [default: the account's name]
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,
    /// The organisation's otpd server [default: from [customers] or directory in the config file]
    #[arg(long, value_name = "URL")]
    pub server: Option<String>,
    /// Trust this PEM certificate authority for the server (a private CA) instead of the public ones
    #[arg(long, value_name = "PATH")]
    pub ca_cert: Option<PathBuf>,
}

/// Runs `otp push ...`.
pub fn run(session: &mut Session, args: &PushArgs) -> Result<(), CliError> {
    match &args.command {
        #[cfg(feature = "enroll")]
        PushCommand::Register(args) => register(session, args),
        #[cfg(not(feature = "enroll"))]
        PushCommand::Register(_) => {
            let _ = session;
            Err(CliError::Usage(super::error::Usage::NoEnrollFeature))
        }
    }
}

/// The customer code: `--customer` (4 to 8 letters and digits, any case), or the
/// only code of the config file's `[customers]` table.
#[cfg(feature = "enroll")]
fn customer_code(session: &Session, args: &RegisterArgs, label: &str) -> Result<String, CliError> {
    use super::error::Usage;
    use crate::api::ErrorCode;
    use crate::enroll::{ClientDetail, EnrollError};
    match &args.customer {
        Some(typed) => crate::api::shapes::normalize_customer_code(typed).ok_or_else(|| {
            EnrollError::Client {
                code: ErrorCode::Ce1002,
                detail: Some(ClientDetail::CustomerCodeForm),
            }
            .into()
        }),
        None => {
            let mut codes = session.config.customers.keys();
            match (codes.next(), codes.next()) {
                (Some(code), None) => Ok(code.to_ascii_uppercase()),
                _ => Err(CliError::Usage(Usage::PushRegisterNoCustomer {
                    label: label.to_owned(),
                })),
            }
        }
    }
}

#[cfg(feature = "enroll")]
fn register(session: &mut Session, args: &RegisterArgs) -> Result<(), CliError> {
    use super::error::Usage;
    use super::session::now;
    use crate::accounts::PushLink;
    use crate::api::device_key::DeviceKey;
    use crate::code::Kind;
    use crate::enroll::{ClientDetail, EnrollError, PushClient, find_server};
    use crate::t;

    let pin = session.unlock_pin()?;
    let store = session.load(&pin)?;
    let index = store.find(&args.account)?;
    let Some(account) = store.get(index) else {
        return Err(CliError::UnexpectedAnswer);
    };
    let label = account.label();
    if !matches!(account.kind, Kind::Totp { .. }) {
        return Err(CliError::Usage(Usage::PushRegisterNotTotp { label }));
    }
    let customer = customer_code(session, args, &label)?;
    let user_id = args.id.clone().unwrap_or_else(|| account.name.clone());
    let server = find_server(
        &customer,
        args.server.as_deref(),
        &session.config,
        &session.config_path,
        args.ca_cert.as_deref(),
    )?;
    let key = DeviceKey::generate().map_err(|e| {
        EnrollError::client(
            crate::api::ErrorCode::Ce1002,
            ClientDetail::Randomness(e.to_string()),
        )
    })?;
    let client = PushClient::new(server, args.ca_cert.as_deref())?;
    let code = account.code_at(now()?);
    let serial = client.register(&customer, &user_id, code.code().as_str(), &key)?;
    let link = PushLink::new(
        client.server().as_str().to_owned(),
        customer,
        user_id,
        serial,
        key.to_bytes(),
    )
    .with_ca_cert(client.ca_pem().map(str::to_owned));
    session.update(&pin, |store, _input| {
        // Found again by label: another program may have changed the vault meanwhile.
        let index = store
            .accounts()
            .iter()
            .position(|a| a.label() == label)
            .ok_or_else(|| crate::accounts::MatchError::NotFound {
                query: label.clone(),
                candidates: store.accounts().iter().map(|a| a.label()).collect(),
            })?;
        store.set_push_link(index, link);
        Ok(())
    })?;
    eprintln!("{}", t!("enroll-push-registered", label = label.as_str()));
    Ok(())
}
