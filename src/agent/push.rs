//! Waiting for login requests (push approvals) on behalf of a holder of device
//! keys: the session agent, or the full-screen interface while its vault is open.
//!
//! One thread per account with a push link long-polls its otpd
//! ([`PushClient::poll`], up to [`MAX_WAIT_SECS`] a time, signed with the
//! account's device key), hands every change of the waiting requests to a sink,
//! backs off on errors (1 s doubling to a minute) and ends when its [`Stop`] says
//! so (at the latest when the poll in flight returns). While a request waits,
//! otpd answers a poll at once, so the thread then asks again only after
//! [`PENDING_PAUSE`].
//!
//! The requests handed out are [`PushInfo`]s: plain data, the context made plain
//! text ([`plain_text`]), never a key.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use crate::accounts::PushLink;
use crate::api::push::{Decision, MAX_WAIT_SECS, PendingPush, PushContext, PushState};
use crate::enroll::push::{PushClient, PushError, link_key, plain_text};

use super::protocol::PushInfo;

/// How long a poller waits before asking again while a request is pending (otpd
/// answers at once then, so without a pause the thread would spin).
pub const PENDING_PAUSE: Duration = Duration::from_millis(500);

/// The first pause after a failed poll; it doubles up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_secs(1);

/// The longest pause after failed polls.
const MAX_BACKOFF: Duration = Duration::from_secs(60);

/// How often a pausing poller looks whether it should stop.
const STOP_CHECK: Duration = Duration::from_millis(100);

/// The pollers of one holder: restarting them (a new set of links) or stopping
/// them ends every poller started before.
#[derive(Debug, Clone, Default)]
pub struct Pollers {
    generation: Arc<AtomicU64>,
}

/// Whether a poller should go on: it stops once its generation has passed.
#[derive(Debug, Clone)]
pub struct Stop {
    generation: Arc<AtomicU64>,
    mine: u64,
}

impl Stop {
    /// Whether the poller should end.
    pub fn stopped(&self) -> bool {
        self.generation.load(Ordering::SeqCst) != self.mine
    }

    /// Sleeps `pause`, or less when the poller is stopped meanwhile.
    fn sleep(&self, pause: Duration) {
        let mut left = pause;
        while !left.is_zero() && !self.stopped() {
            let step = left.min(STOP_CHECK);
            std::thread::sleep(step);
            left -= step;
        }
    }
}

impl Pollers {
    /// Ends the pollers started so far; the token for the next ones.
    pub fn restart(&self) -> Stop {
        let mine = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
        Stop {
            generation: Arc::clone(&self.generation),
            mine,
        }
    }

    /// Ends every poller.
    pub fn stop(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
    }
}

/// A request otpd sent for the account `label`, as handed out: its texts plain.
pub fn info(label: &str, request: PendingPush) -> PushInfo {
    let clean = |text: Option<String>| text.map(|t| plain_text(&t));
    PushInfo {
        request_id: request.request_id,
        account: label.to_owned(),
        user_id: plain_text(&request.user_id),
        context: PushContext {
            service: clean(request.context.service),
            client_ip: clean(request.context.client_ip),
            text: clean(request.context.text),
        },
        numbers: request.numbers,
        expires_in: request.expires_in,
    }
}

/// Starts a thread that waits for the login requests of the account `label`
/// (`link`) until `stop`; `sink` gets the requests waiting each time they
/// change (an empty list when none is left). The thread's name says what it is;
/// failing to start one leaves the account unwatched (`false`).
pub fn spawn(
    label: String,
    link: PushLink,
    stop: Stop,
    sink: impl Fn(Vec<PushInfo>) + Send + 'static,
) -> bool {
    std::thread::Builder::new()
        .name("otp-push".to_owned())
        .spawn(move || watch(&label, &link, &stop, &sink))
        .is_ok()
}

/// The poller's loop.
fn watch(label: &str, link: &PushLink, stop: &Stop, sink: &dyn Fn(Vec<PushInfo>)) {
    let Ok(client) = PushClient::for_link(link, None) else {
        // A link whose address is no longer acceptable: nothing to wait for.
        return;
    };
    let key = link_key(link);
    let mut backoff = FIRST_BACKOFF;
    let mut last: Option<Vec<String>> = None;
    while !stop.stopped() {
        let Ok(now) = crate::clock::unix_now() else {
            stop.sleep(MAX_BACKOFF);
            continue;
        };
        match client.poll(link, &key, now, MAX_WAIT_SECS) {
            Ok(requests) => {
                backoff = FIRST_BACKOFF;
                if stop.stopped() {
                    break;
                }
                let ids: Vec<String> = requests.iter().map(|r| r.request_id.clone()).collect();
                let waiting = !ids.is_empty();
                if last.as_ref() != Some(&ids) {
                    sink(requests.into_iter().map(|r| info(label, r)).collect());
                    last = Some(ids);
                }
                if waiting {
                    stop.sleep(PENDING_PAUSE);
                }
            }
            Err(_) => {
                stop.sleep(backoff);
                backoff = (backoff * 2).min(MAX_BACKOFF);
            }
        }
    }
}

/// Signs an answer to `request_id` with `link`'s device key and sends it to the
/// link's otpd: the state otpd recorded, or why it failed (SE7004 for a wrong
/// number, SE7002 expired, ...).
pub fn answer(
    link: &PushLink,
    request_id: &str,
    decision: Decision,
    number: Option<&str>,
) -> Result<PushState, PushError> {
    let client = PushClient::for_link(link, None)?;
    let key = link_key(link);
    client.answer(link, &key, request_id, decision, number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_restart_stops_the_pollers_before_it() {
        let pollers = Pollers::default();
        let first = pollers.restart();
        assert!(!first.stopped());
        let second = pollers.restart();
        assert!(first.stopped());
        assert!(!second.stopped());
        pollers.stop();
        assert!(second.stopped());
        // A stopped poller's pause ends at once.
        let started = std::time::Instant::now();
        second.sleep(Duration::from_secs(5));
        assert!(started.elapsed() < Duration::from_secs(1));
    }

    #[test]
    fn what_is_handed_out_is_plain_text() {
        let request = PendingPush {
            request_id: "AAAAAAAAAAAAAAAAAAAAAA".into(),
            user_id: "jk\u{1b}lee".into(),
            context: PushContext {
                service: Some("KISTI 포털\u{1b}[2J".into()),
                client_ip: Some("203.0.113.7".into()),
                text: Some("evil\u{202e}txt".into()),
            },
            numbers: vec!["47".into(), "12".into(), "90".into()],
            expires_in: 55,
        };
        let info = info("U1034:jklee", request);
        assert_eq!(info.account, "U1034:jklee");
        assert_eq!(info.user_id, "jk\u{fffd}lee");
        assert_eq!(
            info.context.service.as_deref(),
            Some("KISTI 포털\u{fffd}[2J")
        );
        assert_eq!(info.context.text.as_deref(), Some("evil\u{fffd}txt"));
        assert_eq!(info.expires_in, 55);
    }
}
