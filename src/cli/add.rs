//! `otp add`: add an account from a base32 secret or an `otpauth://` URI.

use clap::Args;

use super::error::CliError;
use super::input::print_warning;
use super::session::Session;
use super::text;
use crate::accounts::Account;
use crate::code::{Algorithm, Digits, Kind, Period};
use crate::otpauth;
use crate::secret::SecretKey;

/// Arguments of `otp add`. The secret is never an argument: it is read from a
/// hidden prompt or from standard input.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Account name, e.g. alice@example.com (with --uri or --customer: replaces the name given)
    #[arg(required_unless_present_any = ["uri", "customer"])]
    pub name: Option<String>,
    /// Who issued the account, e.g. GitHub (with --uri: replaces the URI's issuer)
    #[arg(long)]
    pub issuer: Option<String>,
    /// Read an otpauth:// URI (from a hidden prompt or stdin) instead of a secret
    #[arg(long, conflicts_with_all = ["algorithm", "digits", "period", "hotp", "counter"])]
    pub uri: bool,
    /// HMAC algorithm: SHA1, SHA256 or SHA512 [default: SHA1]
    #[arg(long, value_name = "NAME")]
    pub algorithm: Option<Algorithm>,
    /// Code length: 6, 7 or 8 [default: 6]
    #[arg(long, value_name = "N")]
    pub digits: Option<Digits>,
    /// Seconds each code lasts [default: 30]
    #[arg(long, value_name = "SECONDS", conflicts_with = "hotp")]
    pub period: Option<Period>,
    /// Counter-based (HOTP) instead of time-based (TOTP)
    #[arg(long)]
    pub hotp: bool,
    /// HOTP counter of the next code [default: 0]
    #[arg(long, value_name = "N", requires = "hotp")]
    pub counter: Option<u64>,
    /// Enroll with your organisation's customer code (asks for the ID and the activation code)
    #[arg(long, value_name = "CODE", conflicts_with_all = ["uri", "algorithm", "digits", "period", "hotp", "counter"])]
    pub customer: Option<String>,
    /// Your ID at the organisation (asked when missing)
    #[arg(long, value_name = "ID", requires = "customer")]
    pub id: Option<String>,
    /// The organisation's otpd server [default: from [customers] or directory in the config file]
    #[arg(long, value_name = "URL", requires = "customer")]
    pub server: Option<String>,
    /// Trust this PEM certificate authority for the server (a private CA) instead of the public ones
    #[arg(long, value_name = "PATH", requires = "customer")]
    pub ca_cert: Option<std::path::PathBuf>,
    /// A name for this device, shown to the administrator
    #[arg(long, value_name = "NAME", requires = "customer")]
    pub device_name: Option<String>,
}

/// `TOTP every 60 s, SHA1, 6 digits` and the like.
pub fn describe(account: &Account) -> String {
    let kind = match account.kind {
        Kind::Totp { period } => format!("TOTP every {period} s"),
        Kind::Hotp { counter } => format!("HOTP from counter {counter}"),
    };
    format!("{kind}, {}, {} digits", account.algorithm, account.digits)
}

fn account_from_uri(session: &mut Session, args: &AddArgs) -> Result<Account, CliError> {
    let text = session
        .input
        .secret(text::PROMPT_URI, "the otpauth:// URI")?;
    let parsed = otpauth::parse(&text)?;
    for warning in &parsed.warnings {
        print_warning(&warning.to_string());
    }
    let uri = parsed.uri;
    Ok(Account {
        name: args.name.clone().unwrap_or(uri.account),
        issuer: args.issuer.clone().or(uri.issuer),
        secret: uri.secret,
        algorithm: uri.algorithm,
        digits: uri.digits,
        kind: uri.kind,
    })
}

fn account_from_secret(session: &mut Session, args: &AddArgs) -> Result<Account, CliError> {
    let text = session
        .input
        .secret(text::PROMPT_SECRET, "the secret key")?;
    let secret = SecretKey::parse_base32(&text)?;
    let kind = if args.hotp {
        Kind::Hotp {
            counter: args.counter.unwrap_or(0),
        }
    } else {
        Kind::Totp {
            period: args.period.unwrap_or_default(),
        }
    };
    Ok(Account {
        name: args.name.clone().unwrap_or_default(),
        issuer: args.issuer.clone(),
        secret,
        algorithm: args.algorithm.unwrap_or_default(),
        digits: args.digits.unwrap_or_default(),
        kind,
    })
}

/// Unlocks the vault, reads the secret or URI, and stores the new account.
///
/// The PIN comes first (with `--pin-stdin` it is the first line, the secret the
/// second); the secret is validated before any vault work is done.
pub fn run(session: &mut Session, args: &AddArgs) -> Result<(), CliError> {
    #[cfg(feature = "enroll")]
    if let Some(customer) = &args.customer {
        return super::enroll::run(session, args, customer);
    }
    #[cfg(not(feature = "enroll"))]
    if args.customer.is_some() {
        return Err(CliError::Usage(text::NO_ENROLL_FEATURE.to_owned()));
    }
    let pin = session.unlock_pin()?;
    let account = if args.uri {
        account_from_uri(session, args)?
    } else {
        account_from_secret(session, args)?
    };
    let label = account.label();
    let summary = describe(&account);
    let limit = session.config.max_accounts;
    session.update(&pin, |store, _input| Ok(store.add(account, limit)?))?;
    eprintln!("{}", text::added(&label, &summary));
    Ok(())
}
