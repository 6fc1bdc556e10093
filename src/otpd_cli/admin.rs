//! The admin commands that work on the database directly (`customer`, `user`,
//! `issue`, `unlock`, `revoke`, `client`, `audit`): each runs one service operation,
//! audited under the OS user who ran it, and prints its result.

use super::args::{ClientCommand, Command, CustomerCommand, IssueArgs, UserCommand};
use super::issue::{self, Finish};
use super::table::{Align, Table};
use super::text;
use super::time::format_time;
use super::user_import;
use crate::server::ServerError;
use crate::server::audit::Actor;
use crate::server::config::ServerConfig;
use crate::server::rows::{ActivationState, AuditRow, DeliveryState, TokenState};
use crate::server::rows::{CustomerChange, NewUser};
use crate::server::service::{Service, unix_now};
use crate::t;

/// The actor of admin commands: the OS user who ran them (`SUDO_USER` first).
pub fn actor() -> Actor {
    let who = std::env::var("SUDO_USER")
        .or_else(|_| std::env::var("USER"))
        .unwrap_or_else(|_| "unknown".to_owned());
    Actor::Admin(who)
}

/// How `user list` shows an activation code's state.
fn activation_text(state: &ActivationState) -> String {
    match state {
        ActivationState::Live { expires_at } => {
            t!("otpd-activation-live", until = format_time(*expires_at))
        }
        ActivationState::Expired => t!("otpd-activation-state", state = "expired"),
        ActivationState::Other(state)
            if matches!(state.as_str(), "used" | "burned" | "revoked") =>
        {
            t!("otpd-activation-state", state = state.as_str())
        }
        // A state a newer otpd wrote: shown as stored.
        ActivationState::Other(state) => state.clone(),
        ActivationState::None => t!("otpd-activation-state", state = "none"),
    }
}

/// How `user list` shows the latest delivery: `email sent 2026-12-06 10:31:07 UTC`,
/// `webhook failed SE6012 ...`, or `-`.
fn delivery_text(delivery: Option<&DeliveryState>) -> String {
    match delivery {
        Some(d) => t!(
            "otpd-delivery-state",
            channel = d.channel.as_str(),
            state = d.state.as_str(),
            error = d.error.as_deref().unwrap_or(""),
            at = format_time(d.at_us / 1_000_000)
        ),
        None => "-".to_owned(),
    }
}

/// How `user list` shows a token's state.
fn token_text(state: TokenState) -> String {
    t!("otpd-token-state", state = state.as_str())
}

/// Puts every customer code of `command` in the form it is stored in (upper
/// case: `u1034` names `U1034`), so the administrator may type it in any case. A
/// code of no usable shape is left as typed, for the command to refuse.
pub fn normalize_customer_codes(command: &mut Command) {
    let fix = |code: &mut String| {
        if let Some(key) = crate::server::policy::customer_key(code) {
            *code = key;
        }
    };
    match command {
        Command::Customer(
            CustomerCommand::Set { code, .. } | CustomerCommand::Disable { code },
        ) => fix(code),
        Command::Customer(CustomerCommand::Add { .. } | CustomerCommand::List) => {}
        Command::User(UserCommand::Add { customer, .. } | UserCommand::List { customer }) => {
            fix(customer)
        }
        Command::User(UserCommand::Import(args)) => fix(&mut args.customer),
        Command::Issue(args) => fix(&mut args.who.customer),
        Command::Unlock(who) | Command::Revoke(who) => fix(&mut who.customer),
        Command::Client(ClientCommand::Add { customer, .. }) => fix(customer),
        Command::Audit(args) => {
            if let Some(customer) = args.customer.as_mut() {
                fix(customer);
            }
        }
        Command::Client(ClientCommand::Revoke { .. })
        | Command::Init(_)
        | Command::Serve(_)
        | Command::GenerateAssets { .. } => {}
    }
}

/// Runs an admin command on the database and prints its result.
pub async fn run(
    service: &Service,
    config: &ServerConfig,
    command: &Command,
) -> Result<Finish, ServerError> {
    let actor = actor();
    let now = unix_now()?;
    match command {
        Command::Customer(command) => customer(service, &actor, command, now).await?,
        Command::User(command) => return user(service, config, &actor, command, now).await,
        Command::Issue(args) => return issue(service, config, &actor, args, now).await,
        Command::Unlock(who) => {
            service.unlock(&actor, &who.customer, &who.user).await?;
            println!(
                "{}",
                t!(
                    "otpd-unlocked",
                    user = who.user.as_str(),
                    customer = who.customer.as_str()
                )
            );
        }
        Command::Revoke(who) => {
            let count = service.revoke(&actor, &who.customer, &who.user).await?;
            println!(
                "{}",
                t!(
                    "otpd-revoked",
                    count = count,
                    user = who.user.as_str(),
                    customer = who.customer.as_str()
                )
            );
        }
        Command::Client(ClientCommand::Add { customer, name }) => {
            let key = service.client_add(&actor, customer, name, now).await?;
            println!("{}", key.key.as_str());
            eprintln!("{}", text::client_added(&key.id, name));
        }
        Command::Client(ClientCommand::Revoke { id }) => {
            service.client_revoke(&actor, id).await?;
            println!("{}", t!("otpd-client-revoked", id = id.as_str()));
        }
        Command::Audit(args) => {
            let rows = service
                .audit_list(args.limit, args.customer.as_deref())
                .await?;
            print_audit(rows);
        }
        Command::Init(_) | Command::Serve(_) | Command::GenerateAssets { .. } => {}
    }
    Ok(Finish::Done)
}

/// `otpd customer add|list|disable`.
async fn customer(
    service: &Service,
    actor: &Actor,
    command: &CustomerCommand,
    now: u64,
) -> Result<(), ServerError> {
    match command {
        CustomerCommand::Add {
            code,
            name,
            server_url,
            lang,
            contact,
            code_digits,
        } => {
            if let Some(lang) = lang.as_deref()
                && crate::server::policy::user_lang(lang).is_none()
            {
                return Err(crate::server::error::AdminError::BadLang {
                    lang: lang.to_owned(),
                }
                .into());
            }
            service
                .customer_add(actor, code, name, server_url.as_deref(), *code_digits, now)
                .await?;
            // Stored in upper case: say it (and set it) the way it is kept.
            let code =
                &crate::api::shapes::normalize_customer_code(code).unwrap_or_else(|| code.clone());
            if lang.is_some() || contact.is_some() {
                let change = CustomerChange {
                    lang: lang.as_deref(),
                    contact: contact.as_deref(),
                    code_digits: None,
                };
                service.customer_set(actor, code, &change).await?;
            }
            println!(
                "{}",
                t!(
                    "otpd-customer-added",
                    code = code.as_str(),
                    name = name.as_str()
                )
            );
        }
        CustomerCommand::Set {
            code,
            lang,
            contact,
            code_digits,
        } => {
            let change = CustomerChange {
                lang: lang.as_deref(),
                contact: contact.as_deref(),
                code_digits: *code_digits,
            };
            service.customer_set(actor, code, &change).await?;
            println!("{}", t!("otpd-customer-set", code = code.as_str()));
        }
        CustomerCommand::List => {
            let mut table = Table::new(vec![
                (t!("otpd-col-code"), Align::Left),
                (t!("otpd-col-state"), Align::Left),
                (t!("otpd-col-users"), Align::Right),
                (t!("otpd-col-code-digits"), Align::Right),
                (t!("otpd-col-name"), Align::Left),
            ]);
            for row in service.customer_list().await? {
                let state = if row.disabled { "disabled" } else { "enabled" };
                table.row(vec![
                    row.code,
                    t!("otpd-customer-state", state = state),
                    row.users.to_string(),
                    row.code_digits.to_string(),
                    row.name,
                ]);
            }
            table.print();
        }
        CustomerCommand::Disable { code } => {
            service.customer_disable(actor, code).await?;
            println!("{}", t!("otpd-customer-disabled", code = code.as_str()));
        }
    }
    Ok(())
}

/// `otpd user add|list`.
async fn user(
    service: &Service,
    config: &ServerConfig,
    actor: &Actor,
    command: &UserCommand,
    now: u64,
) -> Result<Finish, ServerError> {
    match command {
        UserCommand::Add {
            customer,
            user_id,
            name,
            email,
            lang,
        } => {
            let user = NewUser {
                customer,
                user_id,
                display_name: name.as_deref(),
                email: email.as_deref(),
                lang: lang.as_deref(),
            };
            service.user_add(actor, &user, now).await?;
            println!(
                "{}",
                t!(
                    "otpd-user-added",
                    user = user_id.as_str(),
                    customer = customer.as_str()
                )
            );
        }
        UserCommand::List { customer } => {
            let mut table = Table::new(vec![
                (t!("otpd-col-id"), Align::Left),
                (t!("otpd-col-token"), Align::Left),
                (t!("otpd-col-activation"), Align::Left),
                (t!("otpd-col-email"), Align::Left),
                (t!("otpd-col-delivery"), Align::Left),
                (t!("otpd-col-lang"), Align::Left),
                (t!("otpd-col-name"), Align::Left),
            ]);
            for row in service.user_list(customer, now).await? {
                table.row(vec![
                    row.user_id,
                    token_text(row.token),
                    activation_text(&row.activation),
                    row.email.unwrap_or_default(),
                    delivery_text(row.delivery.as_ref()),
                    row.lang.unwrap_or_default(),
                    row.display_name.unwrap_or_default(),
                ]);
            }
            table.print();
        }
        UserCommand::Import(args) => {
            return user_import::run(service, config, actor, args, now).await;
        }
    }
    Ok(Finish::Done)
}

/// `otpd issue`: the code handed over by `--send` (or the config's channel).
async fn issue(
    service: &Service,
    config: &ServerConfig,
    actor: &Actor,
    args: &IssueArgs,
    now: u64,
) -> Result<Finish, ServerError> {
    let ttl = issue::ttl_secs(args.ttl.as_deref())?;
    let courier = issue::courier(config, args.send)?;
    let handover = issue::issue_to(
        service,
        &courier,
        actor,
        &args.who.customer,
        &args.who.user,
        ttl,
        now,
    )
    .await?;
    issue::show(&args.who.customer, &args.who.user, &handover);
    Ok(if handover.failed() {
        Finish::Undelivered
    } else {
        Finish::Done
    })
}

/// `otpd audit`: one line per entry, oldest first, with the number of events it
/// stands for (anonymous events are folded per minute). Actions, outcomes and
/// details are the audit log's own records (`user.add`, `SE3010`), shown as stored.
fn print_audit(rows: Vec<AuditRow>) {
    let mut table = Table::new(vec![
        (t!("otpd-col-time"), Align::Left),
        (t!("otpd-col-actor"), Align::Left),
        (t!("otpd-col-action"), Align::Left),
        (t!("otpd-col-outcome"), Align::Left),
        (t!("otpd-col-count"), Align::Right),
        (t!("otpd-col-customer"), Align::Left),
        (t!("otpd-col-user"), Align::Left),
        (t!("otpd-col-detail"), Align::Left),
    ]);
    for row in rows {
        table.row(vec![
            format_time(row.at_us / 1_000_000),
            row.actor,
            row.action,
            row.outcome,
            row.events.to_string(),
            row.customer.unwrap_or_default(),
            row.user_id.unwrap_or_default(),
            row.detail.unwrap_or_default(),
        ]);
    }
    table.print();
}
