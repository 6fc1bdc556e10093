//! The admin commands that work on the database directly (`customer`, `user`,
//! `issue`, `unlock`, `revoke`, `client`, `audit`): each runs one service operation,
//! audited under the OS user who ran it, and prints its result.

use super::args::{ClientCommand, Command, CustomerCommand, IssueArgs, UserCommand};
use super::text;
use super::time::format_time;
use crate::server::ServerError;
use crate::server::audit::Actor;
use crate::server::config::parse_duration;
use crate::server::rows::{ActivationState, AuditRow};
use crate::server::service::{Service, unix_now};

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
        ActivationState::Live { expires_at } => format!("live until {}", format_time(*expires_at)),
        ActivationState::Expired => "expired".to_owned(),
        ActivationState::Other(state) => state.clone(),
        ActivationState::None => "none".to_owned(),
    }
}

/// Runs an admin command on the database and prints its result.
pub async fn run(service: &Service, command: &Command) -> Result<(), ServerError> {
    let actor = actor();
    let now = unix_now()?;
    match command {
        Command::Customer(command) => customer(service, &actor, command, now).await?,
        Command::User(command) => user(service, &actor, command, now).await?,
        Command::Issue(args) => issue(service, &actor, args, now).await?,
        Command::Unlock(who) => {
            service.unlock(&actor, &who.customer, &who.user).await?;
            println!(
                "Unlocked the token of {} at customer {}.",
                who.user, who.customer
            );
        }
        Command::Revoke(who) => {
            let count = service.revoke(&actor, &who.customer, &who.user).await?;
            println!(
                "Revoked {count} token(s) and activation code(s) of {} at customer {}.",
                who.user, who.customer
            );
        }
        Command::Client(ClientCommand::Add { customer, name }) => {
            let key = service.client_add(&actor, customer, name, now).await?;
            println!("{}", key.key.as_str());
            eprintln!("{}", text::client_added(&key.id, name));
        }
        Command::Client(ClientCommand::Revoke { id }) => {
            service.client_revoke(&actor, id).await?;
            println!("Revoked API client {id}.");
        }
        Command::Audit(args) => {
            let rows = service
                .audit_list(args.limit, args.customer.as_deref())
                .await?;
            print_audit(rows);
        }
        Command::Init(_) | Command::Serve(_) | Command::GenerateAssets { .. } => {}
    }
    Ok(())
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
        } => {
            service
                .customer_add(actor, code, name, server_url.as_deref(), now)
                .await?;
            println!("Added customer {code} ({name}).");
        }
        CustomerCommand::List => {
            println!("{:<12} {:<8} {:>6}  NAME", "CODE", "STATE", "USERS");
            for row in service.customer_list().await? {
                let state = if row.disabled { "disabled" } else { "enabled" };
                println!(
                    "{:<12} {:<8} {:>6}  {}",
                    row.code, state, row.users, row.name
                );
            }
        }
        CustomerCommand::Disable { code } => {
            service.customer_disable(actor, code).await?;
            println!("Disabled customer {code}.");
        }
    }
    Ok(())
}

/// `otpd user add|list`.
async fn user(
    service: &Service,
    actor: &Actor,
    command: &UserCommand,
    now: u64,
) -> Result<(), ServerError> {
    match command {
        UserCommand::Add {
            customer,
            user_id,
            name,
        } => {
            service
                .user_add(actor, customer, user_id, name.as_deref(), now)
                .await?;
            println!(
                "Added user {user_id} to customer {customer}. Issue an activation code with `otpd issue --customer {customer} --user {user_id}`."
            );
        }
        UserCommand::List { customer } => {
            println!("{:<24} {:<8} {:<34} NAME", "ID", "TOKEN", "ACTIVATION CODE");
            for row in service.user_list(customer, now).await? {
                println!(
                    "{:<24} {:<8} {:<34} {}",
                    row.user_id,
                    row.token.as_str(),
                    activation_text(&row.activation),
                    row.display_name.unwrap_or_default()
                );
            }
        }
    }
    Ok(())
}

/// `otpd issue`: the code alone on stdout, what it is for on stderr.
async fn issue(
    service: &Service,
    actor: &Actor,
    args: &IssueArgs,
    now: u64,
) -> Result<(), ServerError> {
    let ttl = args
        .ttl
        .as_deref()
        .map(parse_duration)
        .transpose()?
        .map(|d| d.as_secs());
    let (code, expires) = service
        .issue(actor, &args.who.customer, &args.who.user, ttl, now)
        .await?;
    println!("{}", code.as_str());
    eprintln!(
        "{}",
        text::issued(
            &args.who.customer,
            &args.who.user,
            &format_time(i64::try_from(expires).unwrap_or(i64::MAX))
        )
    );
    Ok(())
}

/// `otpd audit`: one line per entry, oldest first.
fn print_audit(rows: Vec<AuditRow>) {
    for row in rows {
        println!(
            "{}  {:<22} {:<16} {:<8} {:<16} {}{}",
            format_time(row.at_us / 1_000_000),
            row.actor,
            row.action,
            row.outcome,
            row.customer.unwrap_or_default(),
            row.user_id.unwrap_or_default(),
            row.detail.map(|d| format!("  ({d})")).unwrap_or_default()
        );
    }
}
