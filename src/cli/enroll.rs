//! `otp add --customer`: enroll with an organisation's otpd and store the account.
//!
//! The server is asked everything first: the customer code is looked up, the ID
//! asked when `--id` is missing, the activation code read from a hidden prompt or
//! standard input (never argv), and the exchange run. Only once the server has
//! accepted the activation code is the PIN asked and the vault opened, once, to
//! store the account: a wrong activation code costs no PIN prompt and no key
//! derivation. With `--pin-stdin` the PIN is still the first line of standard
//! input (read first, so the lines keep their order), but its key is derived only
//! then. A mistyped PIN at the prompt is asked again while tries are left, since
//! the activation code is already used up. Saving, activating and rolling back
//! are [`crate::enroll::save`]'s, shared with the full-screen interface.

use std::path::Path;

use super::error::CliError;
use super::input::print_warning;
use super::session::{Session, now};
use super::text;
use crate::enroll::save::{self, EditError, VaultAccounts};
use crate::enroll::{
    EnrollClient, EnrollError, EnrollRequest, EnrolledAccount, Naming, PendingAccount, find_server,
};
use crate::i18n::Localize;
use crate::vault::{LockoutStatus, Pin, VaultError};

use crate::t;

/// What `otp add --customer` was given.
pub struct EnrollArgs<'a> {
    /// The customer code.
    pub customer: &'a str,
    /// `--id`: the person's ID at the organisation (asked when missing).
    pub id: Option<&'a str>,
    /// `--server`: the organisation's otpd.
    pub server: Option<&'a str>,
    /// `--ca-cert`: a private certificate authority for the server.
    pub ca_cert: Option<&'a Path>,
    /// `--device-name`: shown to the administrator.
    pub device_name: Option<&'a str>,
    /// The name and issuer given in place of the server's.
    pub naming: Naming,
}

/// Runs the enrollment.
pub fn run(session: &mut Session, args: &EnrollArgs<'_>) -> Result<(), CliError> {
    // 4 to 8 letters and digits, any case: `u1034` is `U1034`.
    let customer =
        crate::api::shapes::normalize_customer_code(args.customer).ok_or(EnrollError::Client {
            code: crate::api::ErrorCode::Ce1002,
            detail: Some(crate::enroll::ClientDetail::CustomerCodeForm),
        })?;
    let customer = customer.as_str();
    if !session.vault.exists() {
        return Err(session.vault.not_found().into());
    }
    // A pause after wrong PINs is known without a key: say it before the code is used.
    if let LockoutStatus::LockedOut {
        retry_after_secs, ..
    } = session.vault.lockout_status(now()?)
    {
        return Err(VaultError::LockedOut { retry_after_secs }.into());
    }
    let first_line_pin = if session.input.pin_from_stdin() {
        Some(session.unlock_pin()?)
    } else {
        None
    };
    let server = find_server(
        customer,
        args.server,
        &session.config,
        &session.config_path,
        args.ca_cert,
    )?;
    let client = EnrollClient::new(server, args.ca_cert)?;
    let organisation = client.lookup_customer(customer)?;
    eprintln!(
        "{}",
        t!(
            "enroll-cli-organisation",
            customer = customer,
            organisation = organisation.name.as_str(),
            server = client.server().as_str()
        )
    );
    let user_id = match args.id {
        Some(id) => id.to_owned(),
        None => {
            let prompt = t!(
                "enroll-cli-prompt-id",
                organisation = organisation.name.as_str()
            );
            session
                .input
                .line(&format!("{prompt} "), &t!("enroll-cli-what-id"))?
                .trim()
                .to_owned()
        }
    };
    let code_digits = organisation
        .code_digits
        .filter(|d| crate::api::shapes::valid_activation_digits(*d))
        .unwrap_or(crate::api::shapes::ACTIVATION_DIGITS_DEFAULT);
    let prompt = t!("enroll-cli-prompt-activation", digits = code_digits);
    let activation_code = session
        .input
        .secret(&format!("{prompt} "), &t!("enroll-cli-what-activation"))?;
    let request = EnrollRequest {
        customer: customer.to_owned(),
        user_id,
        activation_code,
        code_digits,
        device_name: args.device_name.map(str::to_owned),
    };
    let mut pending = client.exchange(&request)?;
    drop(request);
    args.naming.apply(&mut pending.account);
    let pin = match first_line_pin {
        Some(pin) => pin,
        None => pin_after_exchange(session)?,
    };
    let enrolled = store(session, &client, &pending, pin)?;
    eprintln!(
        "{}",
        t!(
            "enroll-cli-enrolled",
            label = enrolled.account.label(),
            summary = text::summary(&enrolled.account),
            replaced = if enrolled.replaced_previous {
                "yes"
            } else {
                "no"
            }
        )
    );
    Ok(())
}

/// The PIN, asked once the server has accepted the activation code; a PIN of the
/// wrong form typed at the prompt is said and asked again (nothing was tried).
fn pin_after_exchange(session: &mut Session) -> Result<Pin, CliError> {
    loop {
        match session.unlock_pin() {
            Err(CliError::Pin(error)) if session.input.pin_is_typed() => {
                eprintln!("{}", error.localize());
            }
            result => return result,
        }
    }
}

/// Saves and activates `pending` with the vault opened by `pin` (the rollback of
/// [`save::save_and_activate`] included). A wrong PIN typed at the prompt is said
/// with the tries left and asked again, as long as tries are left: nothing was
/// saved or activated yet, and the activation code cannot be used twice.
fn store(
    session: &mut Session,
    client: &EnrollClient,
    pending: &PendingAccount,
    mut pin: Pin,
) -> Result<EnrolledAccount, CliError> {
    let limit = session.config.max_accounts;
    loop {
        let mut vault = VaultAccounts {
            vault: &session.vault,
            pin: &pin,
            now: now()?,
        };
        let result = save::save_and_activate(&mut vault, pending, limit, |pending| {
            client.activate(pending, now().unwrap_or(0))
        });
        match result {
            Err(EnrollError::Save(EditError::Vault(
                error @ VaultError::WrongPin { attempts_left },
            ))) if attempts_left > 0 && session.input.pin_is_typed() => {
                eprintln!("{}", error.localize());
                pin = pin_after_exchange(session)?;
            }
            result => return result.map_err(not_rolled_back),
        }
    }
}

/// An account left in the vault by a failed rollback is named with the command
/// that removes it; the error reported is then the activation's.
fn not_rolled_back(error: EnrollError) -> CliError {
    match error {
        EnrollError::NotRolledBack {
            label,
            activation,
            reason,
        } => {
            print_warning(&t!(
                "enroll-cli-remove-unactivated",
                label = label.as_str(),
                reason = reason.as_str(),
                command = format!("otp remove {label:?}")
            ));
            (*activation).into()
        }
        error => error.into(),
    }
}
