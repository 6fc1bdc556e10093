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
use crate::api::ErrorCode;
use crate::enroll::save::{self, VaultAccounts};
use crate::enroll::{ClientDetail, EnrollClient, EnrollError, EnrollRequest, Naming, find_server};
use crate::i18n::{Lang, Localize};
use crate::{t, t_in};

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

/// What `otp` prints for a failed enrollment, in `lang`: the error's own sentence
/// (the one the full-screen interface shows too), and on the next line what the
/// command line can do about it where there is something (`--server` for a
/// customer code no config names, `--ca-cert` for a certificate that cannot be
/// checked). For the CLI's error report (`CliError::Enroll`).
pub fn error_sentence(error: &EnrollError, lang: Lang) -> String {
    let sentence = error.localize_in(lang);
    let hint = match error {
        EnrollError::NoServer { customer } | EnrollError::NotConfigured { customer, .. } => {
            t_in!(lang, "enroll-cli-hint-server", customer = customer.as_str())
        }
        EnrollError::Client {
            code: ErrorCode::Ce2001,
            detail: Some(ClientDetail::Tls(_)),
        } => t_in!(lang, "enroll-cli-hint-ca-cert"),
        _ => return sentence,
    };
    t_in!(lang, "enroll-cli-with-hint", error = sentence, hint = hint)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    #[test]
    fn only_the_command_line_adds_flags_to_an_error() {
        let error = EnrollError::NotConfigured {
            customer: "1160".into(),
            config_path: PathBuf::from("/c/config.toml"),
        };
        for lang in Lang::ALL {
            let cli = error_sentence(&error, lang);
            let own = error.localize_in(lang);
            assert!(cli.starts_with(&format!("{own}\n")), "{cli}");
            assert!(cli.contains("otp add --customer 1160 --server https://"));
            assert!(!own.contains("--server"), "{own}");
        }
        let tls = EnrollError::client(
            ErrorCode::Ce2001,
            ClientDetail::Tls("unknown issuer".into()),
        );
        assert!(error_sentence(&tls, Lang::Ko).contains("--ca-cert"));
        let refused = EnrollError::Server(ErrorCode::Se3010);
        assert_eq!(
            error_sentence(&refused, Lang::Ko),
            refused.localize_in(Lang::Ko)
        );
    }
}
