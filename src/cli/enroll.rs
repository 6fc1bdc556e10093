//! `otp add --customer`: enroll with an organisation's otpd and store the account.
//!
//! The PIN comes first (so a wrong PIN costs no activation try), then the ID when
//! `--id` is missing, then the activation code from a hidden prompt or standard
//! input, never argv. The account is saved in the vault before the token is
//! activated, and taken out again if activation fails.

use std::cell::RefCell;

use super::add::{AddArgs, describe};
use super::error::CliError;
use super::session::{Session, now};
use super::text;
use crate::accounts::{Account, AccountError};
use crate::enroll::{EnrollClient, EnrollRequest, locate_server};

/// Runs the enrollment for `customer`.
pub fn run(session: &mut Session, args: &AddArgs, customer: &str) -> Result<(), CliError> {
    let pin = session.unlock_pin()?;
    let store = session.load(&pin)?;
    let server = locate_server(
        customer,
        args.server.as_deref(),
        &session.config,
        args.ca_cert.as_deref(),
    )?;
    let client = EnrollClient::new(server, args.ca_cert.as_deref())?;
    let organisation = client.lookup_customer(customer)?;
    eprintln!(
        "{}",
        text::organisation(customer, &organisation.name, client.server().as_str())
    );
    let user_id = match &args.id {
        Some(id) => id.clone(),
        None => session
            .input
            .line(text::PROMPT_ID, "the ID")?
            .trim()
            .to_owned(),
    };
    let limit = session.config.max_accounts;
    let label = |account_name: &str| match &args.issuer {
        Some(issuer) if !issuer.is_empty() => format!("{issuer}:{account_name}"),
        _ => format!("{}:{account_name}", organisation.name),
    };
    // Fail before using the activation code when the account cannot be stored.
    let expected = label(args.name.as_deref().unwrap_or(&user_id));
    let replacing = store.find(&expected).ok().is_some_and(|i| {
        store
            .get(i)
            .is_some_and(|a| a.label().eq_ignore_ascii_case(&expected))
    });
    if !replacing && store.len() >= limit {
        return Err(AccountError::TooMany {
            count: store.len(),
            limit,
        }
        .into());
    }
    let activation_code = session
        .input
        .secret(text::PROMPT_ACTIVATION, "the activation code")?;
    let request = EnrollRequest {
        customer: customer.to_owned(),
        user_id,
        activation_code,
        device_name: args.device_name.clone(),
    };
    let customise = |account: &Account| {
        let mut account = account.clone();
        if let Some(name) = &args.name {
            account.name = name.clone();
        }
        if let Some(issuer) = &args.issuer {
            account.issuer = Some(issuer.clone()).filter(|i| !i.is_empty());
        }
        account
    };
    // The vault is a RefCell so the save and unsave callbacks can both use it.
    let session_cell = RefCell::new(session);
    let replaced_in_vault: RefCell<Option<Account>> = RefCell::new(None);
    let result = client.enroll(
        &request,
        || now().unwrap_or(0),
        |account| {
            let account = customise(account);
            let mut session = session_cell.borrow_mut();
            session
                .update(&pin, |store, _| {
                    let label = account.label();
                    if let Ok(index) = store.find(&label)
                        && store
                            .get(index)
                            .is_some_and(|a| a.label().eq_ignore_ascii_case(&label))
                    {
                        // Re-enrollment: the old token stops working on activation.
                        *replaced_in_vault.borrow_mut() = store.remove(index);
                    }
                    Ok(store.add(account, limit)?)
                })
                .map_err(|e| e.to_string())
        },
        |account| {
            let account = customise(account);
            let old = replaced_in_vault.borrow_mut().take();
            let mut session = session_cell.borrow_mut();
            let _ = session.update(&pin, |store, _| {
                if let Ok(index) = store.find(&account.label())
                    && store.get(index).is_some_and(|a| a.same_token(&account))
                {
                    store.remove(index);
                }
                if let Some(old) = old {
                    let _ = store.add(old, usize::MAX);
                }
                Ok(())
            });
        },
    )?;
    let account = customise(&result.account);
    eprintln!(
        "{}",
        text::enrolled(
            &account.label(),
            &describe(&account),
            result.replaced_previous
        )
    );
    Ok(())
}
