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
use crate::enroll::{EnrollClient, EnrollError, EnrollRequest, Naming, find_server};

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
    let customer = args.customer;
    let pin = session.unlock_pin()?;
    let store = session.load(&pin)?;
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
    let limit = session.config.max_accounts;
    // Fail before using the activation code when the account cannot be stored.
    let expected = args.naming.expected_label(&organisation.name, &user_id);
    save::check_room(&store, &expected, limit)?;
    let prompt = t!("enroll-cli-prompt-activation");
    let activation_code = session
        .input
        .secret(&format!("{prompt} "), &t!("enroll-cli-what-activation"))?;
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
            print_warning(&t!(
                "enroll-cli-remove-unactivated",
                label = label.as_str(),
                reason = reason.as_str(),
                command = format!("otp remove {label:?}")
            ));
            *activation
        }
        error => error,
    })?;
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
