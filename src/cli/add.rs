//! `otp add`: add an account from a base32 secret, an `otpauth://` URI, or a
//! picture of the QR code a service shows.
//!
//! A Steam Guard key written `steam://SECRET` (as Bitwarden and others keep it) is
//! taken wherever a secret or a link is: it adds a Steam Guard account, whose issuer
//! is Steam unless `--issuer` says otherwise. It names no account, so with `--uri`
//! or `--qr` the name must be given.

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

use clap::Args;

use super::error::{CliError, IoAction, Usage};
use super::input::print_warning;
use super::session::Session;
use super::text::{self, Asked};
use crate::accounts::Account;
use crate::code::{Algorithm, Digits, Kind, Period};
use crate::i18n::Localize;
use crate::otpauth::{self, UriError};
use crate::qr;
use crate::secret::SecretKey;

/// Arguments of `otp add`. The secret is never an argument: it is read from a
/// hidden prompt or from standard input.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Account name, e.g. alice@example.com (with --uri, --qr or --customer: replaces the name given)
    #[arg(required_unless_present_any = ["uri", "qr", "customer"])]
    pub name: Option<String>,
    /// Who issued the account, e.g. GitHub (with --uri or --qr: replaces the link's issuer)
    #[arg(long)]
    pub issuer: Option<String>,
    /// Read an otpauth:// URI or a steam:// key (from a hidden prompt or stdin) instead of a secret
    #[arg(long, conflicts_with_all = ["algorithm", "digits", "period", "hotp", "counter"])]
    pub uri: bool,
    /// Read the otpauth:// link from a QR code in a PNG or JPEG picture, e.g. a screenshot (`-`: standard input)
    #[arg(long, value_name = "IMAGE", conflicts_with_all = ["uri", "algorithm", "digits", "period", "hotp", "counter", "customer"])]
    pub qr: Option<PathBuf>,
    /// HMAC algorithm: SHA1, SHA256 or SHA512 [default: SHA1]
    #[arg(long, value_name = "NAME", value_parser = super::values::algorithm)]
    pub algorithm: Option<Algorithm>,
    /// Code length: 6, 7 or 8 [default: 6]
    #[arg(long, value_name = "N", value_parser = super::values::digits)]
    pub digits: Option<Digits>,
    /// Seconds each code lasts [default: 30]
    #[arg(long, value_name = "SECONDS", conflicts_with = "hotp",
          value_parser = super::values::period)]
    pub period: Option<Period>,
    /// Counter-based (HOTP) instead of time-based (TOTP)
    #[arg(long)]
    pub hotp: bool,
    /// HOTP counter of the next code [default: 0]
    #[arg(long, value_name = "N", requires = "hotp", value_parser = super::values::counter)]
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

fn account_from_uri(session: &mut Session, args: &AddArgs) -> Result<Account, CliError> {
    let text = session.input.ask_secret(Asked::Uri)?;
    if let Some(key) = otpauth::steam_key(&text) {
        return steam_account(key?, args, true);
    }
    account_from_link(&otpauth::parse(&text)?, args)
}

/// The Steam Guard account of a `steam://` key. With `--uri` or `--qr` (`linked`)
/// the name was optional, but the key names no account, so it must be given.
fn steam_account(secret: SecretKey, args: &AddArgs, linked: bool) -> Result<Account, CliError> {
    let name = match &args.name {
        Some(name) => name.clone(),
        None if linked => return Err(CliError::Usage(Usage::SteamKeyNeedsName)),
        None => String::new(),
    };
    let options = args.algorithm.is_some()
        || args.digits.is_some()
        || args.period.is_some()
        || args.hotp
        || args.counter.is_some();
    if options {
        return Err(CliError::Usage(Usage::SteamKeyOptions));
    }
    Ok(Account {
        name,
        issuer: Some(
            args.issuer
                .clone()
                .unwrap_or_else(|| otpauth::STEAM_KEY_ISSUER.to_owned()),
        ),
        secret,
        algorithm: Algorithm::Sha1,
        digits: Digits::STEAM,
        kind: Kind::Steam,
    })
}

/// The account a link describes, with `--name` and `--issuer` applied; its warnings
/// printed.
fn account_from_link(parsed: &otpauth::Parsed, args: &AddArgs) -> Result<Account, CliError> {
    for warning in &parsed.warnings {
        // Link warnings have no catalogue sentence yet (the errs area's `UriWarning`).
        print_warning(&warning.localize());
    }
    let uri = &parsed.uri;
    Ok(Account {
        name: args.name.clone().unwrap_or_else(|| uri.account.clone()),
        issuer: args.issuer.clone().or_else(|| uri.issuer.clone()),
        secret: uri.secret.clone(),
        algorithm: uri.algorithm,
        digits: uri.digits,
        kind: uri.kind,
    })
}

/// The picture at `path`, or on standard input for `-`; at most one byte more than
/// a picture may have (so that the decoder can say it is too large).
fn read_picture(path: &Path) -> Result<Vec<u8>, CliError> {
    let limit = qr::MAX_FILE_BYTES.saturating_add(1);
    let mut bytes = Vec::new();
    let result = if path == Path::new("-") {
        let stdin = std::io::stdin();
        if stdin.is_terminal() {
            return Err(CliError::Usage(Usage::QrStdinIsTerminal));
        }
        stdin.lock().take(limit).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|file| file.take(limit).read_to_end(&mut bytes))
    };
    result.map_err(|source| CliError::Io {
        what: IoAction::ReadPicture(path.to_path_buf()),
        source,
    })?;
    Ok(bytes)
}

/// The account in the QR code of a picture: exactly one `otpauth://` link.
fn account_from_qr(path: &Path, args: &AddArgs) -> Result<Account, CliError> {
    let bytes = read_picture(path)?;
    let texts = qr::decode_image(&bytes)?;
    let is_export = |text: &str| matches!(otpauth::parse(text), Err(UriError::MigrationExport));
    let [link] = texts.as_slice() else {
        let picture = path.to_path_buf();
        if texts.iter().any(|text| is_export(text)) {
            return Err(CliError::Usage(Usage::QrIsExport { picture }));
        }
        return Err(CliError::Usage(Usage::QrSeveral {
            count: texts.len(),
            picture,
        }));
    };
    if let Some(key) = otpauth::steam_key(link) {
        return steam_account(key?, args, true);
    }
    match otpauth::parse(link) {
        Ok(parsed) => account_from_link(&parsed, args),
        Err(UriError::MigrationExport) => Err(CliError::Usage(Usage::QrIsExport {
            picture: path.to_path_buf(),
        })),
        Err(UriError::NotOtpauth) => Err(CliError::Usage(Usage::QrNotALink {
            picture: path.to_path_buf(),
        })),
        Err(error) => Err(error.into()),
    }
}

fn account_from_secret(session: &mut Session, args: &AddArgs) -> Result<Account, CliError> {
    let text = session.input.ask_secret(Asked::Secret)?;
    if let Some(key) = otpauth::steam_key(&text) {
        return steam_account(key?, args, false);
    }
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

/// What `otp add --customer` needs of the arguments.
#[cfg(feature = "enroll")]
fn enrollment<'a>(args: &'a AddArgs, customer: &'a str) -> super::enroll::EnrollArgs<'a> {
    super::enroll::EnrollArgs {
        customer,
        id: args.id.as_deref(),
        server: args.server.as_deref(),
        ca_cert: args.ca_cert.as_deref(),
        device_name: args.device_name.as_deref(),
        naming: crate::enroll::Naming {
            name: args.name.clone(),
            issuer: args.issuer.clone(),
        },
    }
}

/// Unlocks the vault, reads the secret, URI or picture, and stores the new account.
///
/// The PIN comes first (with `--pin-stdin` it is the first line, the secret or the
/// picture the rest); the secret is validated before any vault work is done.
pub fn run(session: &mut Session, args: &AddArgs) -> Result<(), CliError> {
    #[cfg(feature = "enroll")]
    if let Some(customer) = &args.customer {
        return super::enroll::run(session, &enrollment(args, customer));
    }
    #[cfg(not(feature = "enroll"))]
    if args.customer.is_some() {
        return Err(CliError::Usage(super::error::Usage::NoEnrollFeature));
    }
    let pin = session.unlock_pin()?;
    let account = if let Some(path) = &args.qr {
        account_from_qr(path, args)?
    } else if args.uri {
        account_from_uri(session, args)?
    } else {
        account_from_secret(session, args)?
    };
    let label = account.label();
    let summary = text::summary(&account);
    let limit = session.config.max_accounts;
    session.update(&pin, |store, _input| Ok(store.add(account, limit)?))?;
    eprintln!("{}", text::added(&label, &summary));
    Ok(())
}
