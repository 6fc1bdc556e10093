//! Issuing an activation code and getting it to its user: `otpd issue` and
//! `otpd user import --issue` both go through [`issue_to`], and show what happened
//! with [`show`].

use zeroize::Zeroizing;

use super::args::SendTo;
use super::text;
use super::time::format_time;
use crate::server::ServerError;
use crate::server::audit::Actor;
use crate::server::config::ServerConfig;
use crate::server::service::Service;

/// What became of an issued code.
pub enum Handover {
    /// Nobody delivered it: the administrator hands it over.
    Print {
        /// The activation code.
        code: Zeroizing<String>,
        /// When it expires (Unix seconds).
        expires: u64,
    },
}

/// Issues a code for `user_id` at `customer` (valid `ttl_secs`, or the config's
/// lifetime) and hands it over by `send`.
#[allow(clippy::too_many_arguments)]
pub async fn issue_to(
    service: &Service,
    _config: &ServerConfig,
    actor: &Actor,
    customer: &str,
    user_id: &str,
    ttl_secs: Option<u64>,
    send: SendTo,
    now: u64,
) -> Result<Handover, ServerError> {
    let (code, expires) = service
        .issue(actor, customer, user_id, ttl_secs, now)
        .await?;
    match send {
        SendTo::Print | SendTo::Email | SendTo::Webhook => Ok(Handover::Print { code, expires }),
    }
}

/// Shows what became of the code of `user_id` at `customer`: a printed code alone on
/// stdout, what it is for on stderr.
pub fn show(customer: &str, user_id: &str, handover: &Handover) {
    match handover {
        Handover::Print { code, expires } => {
            println!("{}", code.as_str());
            eprintln!(
                "{}",
                text::issued(
                    customer,
                    user_id,
                    &format_time(i64::try_from(*expires).unwrap_or(i64::MAX))
                )
            );
        }
    }
}
