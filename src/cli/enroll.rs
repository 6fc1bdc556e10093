//! `otp add --customer`: enroll with an organisation's otpd and store the account.
//!
//! The PIN comes first (so a wrong PIN costs no activation try), then the ID when
//! `--id` is missing, then the activation code from a hidden prompt or standard
//! input, never argv. Saving, activating and rolling back are
//! [`crate::enroll::save`]'s, shared with the full-screen interface.

use std::path::Path;

use super::error::CliError;
use super::input::print_warning;
use super::session::{Session, now};
use super::text;
use crate::enroll::save::{self, VaultAccounts};
use crate::enroll::{EnrollClient, EnrollError, EnrollRequest, Naming, locate_server};

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
    let customer = args.customer;
    let pin = session.unlock_pin()?;
    let store = session.load(&pin)?;
    let server = locate_server(customer, args.server, &session.config, args.ca_cert)?;
    let client = EnrollClient::new(server, args.ca_cert)?;
    let organisation = client.lookup_customer(customer)?;
    eprintln!(
        "{}",
        text::organisation(customer, &organisation.name, client.server().as_str())
    );
    let user_id = match args.id {
        Some(id) => id.to_owned(),
        None => session
            .input
            .line(text::PROMPT_ID, "the ID")?
            .trim()
            .to_owned(),
    };
    let limit = session.config.max_accounts;
    // Fail before using the activation code when the account cannot be stored.
    let expected = args.naming.expected_label(&organisation.name, &user_id);
    save::check_room(&store, &expected, limit)?;
    let activation_code = session
        .input
        .secret(text::PROMPT_ACTIVATION, "the activation code")?;
    let request = EnrollRequest {
        customer: customer.to_owned(),
        user_id,
        activation_code,
        device_name: args.device_name.map(str::to_owned),
    };
    let mut vault = VaultAccounts {
        vault: &session.vault,
        pin: &pin,
        now: now()?,
    };
    let enrolled = save::enroll(&client, &request, &args.naming, limit, &mut vault, || {
        now().unwrap_or(0)
    })
    .map_err(|error| match error {
        EnrollError::NotRolledBack {
            label,
            activation,
            reason,
        } => {
            print_warning(&text::remove_unactivated(&label, &reason));
            *activation
        }
        error => error,
    })?;
    eprintln!(
        "{}",
        text::enrolled(
            &enrolled.account.label(),
            &text::summary(&enrolled.account),
            enrolled.replaced_previous
        )
    );
    Ok(())
}
