//! Posting an activation code to the organisation's webhook (its SMS gateway or
//! messenger): a JSON body, signed in the usual style so the receiver can tell otpd
//! from anyone else who knows the URL, with retries for what may pass.
//!
//! - `X-Otpd-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`:
//!   the receiver recomputes the HMAC over the timestamp, a dot and the raw body,
//!   compares in constant time, and refuses a timestamp more than 5 minutes from its
//!   clock (a replayed request).
//! - `X-Otpd-Delivery: <id>`: the same on every retry of one delivery, so a receiver
//!   that saw it already can answer 200 without sending a second SMS.
//! - Retries (`retries`, default 3) after a connection error, a timeout, 429 or a
//!   5xx, waiting 0.5 s, 1 s, 2 s, ... (or the `Retry-After` the receiver gives, up
//!   to 30 s); any other 4xx is final.

use std::io::Read;
use std::sync::Arc;
use std::time::Duration;

use hmac::{Hmac, Mac};
use serde::Serialize;
use sha2::Sha256;
use zeroize::Zeroizing;

use super::settings::WebhookSettings;
use crate::server::error::{DeliveryError, ServerError};

/// The longest wait a receiver's `Retry-After` may ask for between tries.
const MAX_RETRY_AFTER_SECS: u64 = 30;

/// The body of one delivery, as the receiver gets it (JSON). It holds the code:
/// never `Debug`.
#[derive(Serialize)]
pub struct Payload<'a> {
    /// The delivery's id (also in `X-Otpd-Delivery`).
    pub delivery_id: &'a str,
    /// Always `activation_code`.
    pub event: &'static str,
    /// The organisation's name.
    pub organisation: &'a str,
    /// The customer code.
    pub customer: &'a str,
    /// The user's ID.
    pub user_id: &'a str,
    /// The user's display name, if any.
    pub name: Option<&'a str>,
    /// The user's email address, if any.
    pub email: Option<&'a str>,
    /// The language of the texts, `en` or `ko`.
    pub lang: &'a str,
    /// The activation code.
    pub activation_code: &'a str,
    /// When it was issued (Unix seconds).
    pub valid_from: u64,
    /// When it expires (Unix seconds).
    pub valid_until: u64,
    /// How many times it can be used: 1.
    pub uses: u32,
    /// Who the user asks.
    pub contact: Option<&'a str>,
    /// The rendered subject.
    pub subject: &'a str,
    /// The short text, ready to forward as an SMS.
    pub message: &'a str,
    /// The full plain-text message.
    pub text: &'a str,
}

/// The organisation's webhook, ready to post to.
pub struct Webhook {
    agent: ureq::Agent,
    url: String,
    secret: Arc<Zeroizing<Vec<u8>>>,
    retries: u32,
}

/// `t=<unix>,v1=<hex>`: the signature of `body` at `timestamp` under `secret`.
pub fn signature(secret: &[u8], timestamp: u64, body: &[u8]) -> String {
    // HMAC takes keys of any length.
    let mut mac = match <Hmac<Sha256> as Mac>::new_from_slice(secret) {
        Ok(mac) => mac,
        Err(_) => return String::new(),
    };
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    format!(
        "t={timestamp},v1={}",
        hex::encode(mac.finalize().into_bytes())
    )
}

/// What one try came to.
enum Try {
    Accepted,
    Final(u16),
    Again { last: String, wait: Option<u64> },
}

impl Webhook {
    /// The webhook of `settings`, signing with `secret`.
    pub fn new(
        settings: &WebhookSettings,
        secret: Zeroizing<Vec<u8>>,
    ) -> Result<Self, ServerError> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(Duration::from_secs(settings.timeout_secs.max(1))))
            .user_agent(concat!("otpd/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Ok(Self {
            agent,
            url: settings.url.clone(),
            secret: Arc::new(secret),
            retries: settings.retries,
        })
    }

    /// The URL.
    pub fn url(&self) -> &str {
        &self.url
    }

    fn try_once(agent: &ureq::Agent, url: &str, secret: &[u8], id: &str, body: &[u8]) -> Try {
        let now = crate::clock::unix_now().unwrap_or(0);
        let result = agent
            .post(url)
            .header("content-type", "application/json")
            .header("x-otpd-delivery", id)
            .header("x-otpd-signature", signature(secret, now, body))
            .send(body);
        match result {
            Ok(mut response) => {
                let status = response.status().as_u16();
                let wait = response
                    .headers()
                    .get("retry-after")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.trim().parse::<u64>().ok());
                // Read (a little of) the answer so the connection can be reused.
                let mut sink = Vec::new();
                let _ = response
                    .body_mut()
                    .as_reader()
                    .take(4096)
                    .read_to_end(&mut sink);
                match status {
                    200..=299 => Try::Accepted,
                    429 | 500..=599 => Try::Again {
                        last: status.to_string(),
                        wait,
                    },
                    _ => Try::Final(status),
                }
            }
            Err(error) => Try::Again {
                last: error.to_string(),
                wait: None,
            },
        }
    }

    /// Posts `body` (serialised [`Payload`]) as delivery `id`, retrying as the
    /// module says; blocks (call it off the async threads).
    pub fn post_blocking(&self, id: &str, body: &[u8]) -> Result<(), DeliveryError> {
        let tries = self.retries.saturating_add(1);
        let mut last = String::new();
        for attempt in 0..tries {
            match Self::try_once(&self.agent, &self.url, &self.secret, id, body) {
                Try::Accepted => return Ok(()),
                Try::Final(status) => {
                    return Err(DeliveryError::WebhookRefused {
                        url: self.url.clone(),
                        status,
                    });
                }
                Try::Again { last: said, wait } => {
                    last = said;
                    if attempt + 1 < tries {
                        let backoff = Duration::from_millis(500u64 << attempt.min(6));
                        let wait = wait
                            .map(|s| Duration::from_secs(s.min(MAX_RETRY_AFTER_SECS)))
                            .unwrap_or(backoff);
                        std::thread::sleep(wait);
                    }
                }
            }
        }
        Err(DeliveryError::WebhookFailed {
            url: self.url.clone(),
            tries,
            last,
        })
    }

    /// Posts `body` as delivery `id` from a blocking thread.
    pub async fn post(
        self: &Arc<Self>,
        id: &str,
        body: Zeroizing<Vec<u8>>,
    ) -> Result<(), DeliveryError> {
        let hook = Arc::clone(self);
        let id = id.to_owned();
        let url = self.url.clone();
        tokio::task::spawn_blocking(move || hook.post_blocking(&id, &body))
            .await
            .unwrap_or_else(|e| {
                Err(DeliveryError::WebhookFailed {
                    url,
                    tries: 0,
                    last: e.to_string(),
                })
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_follow_the_documented_recipe() {
        // printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac s3cret
        let sig = signature(b"s3cret", 1_700_000_000, br#"{"a":1}"#);
        assert_eq!(
            sig,
            "t=1700000000,v1=1698a50bc74d1ff1db85c4e0a5297c2ad9fdba245d5737cdb789e4cc6e098940"
        );
        assert_ne!(sig, signature(b"other", 1_700_000_000, br#"{"a":1}"#));
    }
}
