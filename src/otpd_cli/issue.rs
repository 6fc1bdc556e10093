//! Issuing an activation code and getting it to its user: `otpd issue` and
//! `otpd user import --issue` both build one [`Courier`] for the run ([`courier`]),
//! go through [`issue_to`] for each user, and show what happened with [`show`].
//!
//! When a channel accepted the code nothing secret is printed: standard error says
//! where it went (the address masked) and until when it is valid. When delivery
//! failed the code is issued all the same (it is valid and the user may still get
//! it): it is printed alone on standard output, with a warning on standard error
//! saying why, and the command ends with status 3 ([`Handover::failed`]).

use zeroize::Zeroizing;

use super::args::SendTo;
use super::time::format_time;
use crate::i18n::Localize;
use crate::server::ServerError;
use crate::server::audit::Actor;
use crate::server::config::{ServerConfig, parse_duration};
use crate::server::delivery::courier::Courier;
use crate::server::delivery::settings::Channel;
use crate::server::error::DeliveryError;
use crate::server::service::Service;
use crate::t;

/// How an admin command ended, when it did not fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finish {
    /// Done as asked.
    Done,
    /// A code was issued but its channel did not deliver it (exit status 3).
    Undelivered,
}

/// What became of an issued code.
pub enum Handover {
    /// Nobody delivered it: the administrator hands it over.
    Print {
        /// The activation code.
        code: Zeroizing<String>,
        /// When it expires (Unix seconds).
        expires: u64,
    },
    /// A channel accepted it.
    Sent {
        /// `email` or `webhook`.
        channel: Channel,
        /// Where it went, as the administrator is told (a masked address, a URL).
        to: String,
        /// When it expires (Unix seconds).
        expires: u64,
    },
    /// The channel did not take it: the administrator hands it over.
    Failed {
        /// The activation code.
        code: Zeroizing<String>,
        /// When it expires (Unix seconds).
        expires: u64,
        /// The channel that failed.
        channel: Channel,
        /// Why.
        error: DeliveryError,
    },
}

impl Handover {
    /// Whether delivery failed (the command then ends with status 3).
    pub fn failed(&self) -> bool {
        matches!(self, Handover::Failed { .. })
    }
}

/// `--ttl` in seconds, when given (`72h`, `3d`, read like the config's durations).
pub fn ttl_secs(text: Option<&str>) -> Result<Option<u64>, ServerError> {
    Ok(text.map(parse_duration).transpose()?.map(|d| d.as_secs()))
}

/// The channel `--send` names, else the config's `[delivery] channel`.
pub fn channel(config: &ServerConfig, send: Option<SendTo>) -> Channel {
    match send {
        Some(SendTo::Print) => Channel::Print,
        Some(SendTo::Email) => Channel::Email,
        Some(SendTo::Webhook) => Channel::Webhook,
        None => config.delivery.channel,
    }
}

/// The courier of a run: built once (templates compiled, SMTP pool or webhook
/// client ready, secrets read) and passed to [`issue_to`] for every user.
pub fn courier(config: &ServerConfig, send: Option<SendTo>) -> Result<Courier, ServerError> {
    Courier::new(config, channel(config, send))
}

/// Issues a code for `user_id` at `customer` (valid `ttl_secs`, or the config's
/// lifetime) and hands it over by `courier`'s channel. The message is rendered
/// (and an email channel's address checked) before the code is issued, so a
/// refusal here issues nothing; a failed delivery is a [`Handover::Failed`], not
/// an error, since the code was issued.
pub async fn issue_to(
    service: &Service,
    courier: &Courier,
    actor: &Actor,
    customer: &str,
    user_id: &str,
    ttl_secs: Option<u64>,
    now: u64,
) -> Result<Handover, ServerError> {
    let channel = courier.channel();
    if channel == Channel::Print {
        let (code, expires) = service
            .issue(actor, customer, user_id, ttl_secs, now)
            .await?;
        return Ok(Handover::Print { code, expires });
    }
    let profile = service.customer_profile(customer).await?;
    let contact = service.user_contact(customer, user_id).await?;
    let expires = now.saturating_add(service.code_lifetime(ttl_secs));
    let prepared = courier.prepare(&profile, user_id, &contact, now, expires)?;
    let issued = service
        .issue_code(actor, customer, user_id, ttl_secs, now)
        .await?;
    let sent = prepared.send(&issued.code, &issued.activation_id).await;
    let recorded = service
        .record_delivery(
            actor,
            customer,
            user_id,
            &issued,
            channel.as_str(),
            sent.as_ref().err().map(DeliveryError::code),
        )
        .await;
    match sent {
        Ok(()) => {
            recorded?;
            Ok(Handover::Sent {
                channel,
                to: prepared.destination(),
                expires: issued.expires,
            })
        }
        // The code matters more than the record of the failure: it is shown
        // even if the record could not be written.
        Err(error) => Ok(Handover::Failed {
            code: issued.code,
            expires: issued.expires,
            channel,
            error,
        }),
    }
}

/// Shows what became of the code of `user_id` at `customer`: a printed code alone
/// on stdout, what it is for (or where it went) on stderr.
pub fn show(customer: &str, user_id: &str, handover: &Handover) {
    let when = |expires: &u64| format_time(i64::try_from(*expires).unwrap_or(i64::MAX));
    match handover {
        Handover::Print { code, expires } => {
            println!("{}", code.as_str());
            eprintln!("{}", super::text::issued(customer, user_id, &when(expires)));
        }
        Handover::Sent {
            channel,
            to,
            expires,
        } => {
            eprintln!(
                "{}",
                t!(
                    "otpd-issue-sent",
                    channel = channel.as_str(),
                    to = to.as_str(),
                    user = user_id,
                    customer = customer,
                    expires = when(expires)
                )
            );
        }
        Handover::Failed {
            code,
            expires,
            channel,
            error,
        } => {
            println!("{}", code.as_str());
            eprintln!(
                "{}",
                t!(
                    "otpd-issue-undelivered",
                    channel = channel.as_str(),
                    user = user_id,
                    customer = customer,
                    code = error.code(),
                    reason = error.localize(),
                    expires = when(expires)
                )
            );
        }
    }
}
