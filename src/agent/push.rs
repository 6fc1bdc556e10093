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
//!
//! A poller signs through a [`KeyHolder`] its [`Pollers`] share: stopping or
//! restarting them empties every holder at once (waiting at most for a
//! signature in progress), so no copy of a device key outlives the lock while a
//! long poll is still in flight. The thread itself keeps only the link's public
//! parts (server, serial, CA).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use crate::accounts::PushLink;
use crate::api::device_key::DeviceKey;
use crate::api::push::{Decision, MAX_WAIT_SECS, PendingPush, PushContext, PushState};
use crate::enroll::push::{PushClient, PushError, Signer, link_key, plain_text};

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

/// A device key shared by a poller (which signs with it) and its [`Pollers`]
/// (which empty it on stop): the only copy of the key a poller has.
#[derive(Clone, Default)]
pub struct KeyHolder(Arc<Mutex<Option<DeviceKey>>>);

impl std::fmt::Debug for KeyHolder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("KeyHolder")
            .field(&if self.is_empty() { "empty" } else { "<key>" })
            .finish()
    }
}

impl KeyHolder {
    /// A holder of `key`.
    pub fn new(key: DeviceKey) -> Self {
        Self(Arc::new(Mutex::new(Some(key))))
    }

    /// Drops the key (zeroized), once a signature in progress is done.
    pub fn clear(&self) {
        let key = self.0.lock().unwrap_or_else(PoisonError::into_inner).take();
        drop(key);
    }

    /// Whether the key is gone.
    pub fn is_empty(&self) -> bool {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .is_none()
    }
}

impl Signer for KeyHolder {
    fn sign_message(&self, message: &[u8]) -> Result<String, PushError> {
        match &*self.0.lock().unwrap_or_else(PoisonError::into_inner) {
            Some(key) => Ok(key.sign(message)),
            // Not shown to anyone: a stopped poller ends instead.
            None => Err(PushError::Sign(String::new())),
        }
    }
}

/// The pollers of one holder: restarting them (a new set of links) or stopping
/// them ends every poller started before, and empties their key holders at once.
#[derive(Debug, Clone, Default)]
pub struct Pollers {
    generation: Arc<AtomicU64>,
    keys: Arc<Mutex<Vec<KeyHolder>>>,
}

/// Whether a poller should go on: it stops once its generation has passed.
#[derive(Debug, Clone)]
pub struct Stop {
    generation: Arc<AtomicU64>,
    mine: u64,
    keys: Arc<Mutex<Vec<KeyHolder>>>,
}

impl Stop {
    /// Whether the poller should end.
    pub fn stopped(&self) -> bool {
        self.generation.load(Ordering::SeqCst) != self.mine
    }

    /// Puts `key` in a holder the pollers empty when they stop (at once, if they
    /// already have).
    pub fn hold(&self, key: DeviceKey) -> KeyHolder {
        let holder = KeyHolder::new(key);
        self.keys
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(holder.clone());
        // A stop between the check and the push has emptied the list already.
        if self.stopped() {
            holder.clear();
        }
        holder
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
    /// Ends the pollers started so far, their keys dropped; the token for the
    /// next ones.
    pub fn restart(&self) -> Stop {
        let mine = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
        self.clear_keys();
        Stop {
            generation: Arc::clone(&self.generation),
            mine,
            keys: Arc::clone(&self.keys),
        }
    }

    /// Ends every poller and drops their keys at once (a poll in flight goes on
    /// without any: its thread ends when it returns).
    pub fn stop(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        self.clear_keys();
    }

    fn clear_keys(&self) {
        let held = std::mem::take(&mut *self.keys.lock().unwrap_or_else(PoisonError::into_inner));
        for holder in &held {
            holder.clear();
        }
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
/// change (an empty list when none is left). The link's key goes into a holder
/// `stop`'s pollers empty; the thread keeps no other copy. The thread's name
/// says what it is; failing to start one (or a link whose address is no longer
/// acceptable) leaves the account unwatched (`false`).
pub fn spawn(
    label: String,
    link: PushLink,
    stop: Stop,
    sink: impl Fn(Vec<PushInfo>) + Send + 'static,
) -> bool {
    let Ok(client) = PushClient::for_link(&link, None) else {
        return false;
    };
    let serial = link.serial.clone();
    let key = stop.hold(link_key(&link));
    // The seed's one copy here goes (zeroized) before the thread starts.
    drop(link);
    std::thread::Builder::new()
        .name("otp-push".to_owned())
        .spawn(move || watch(&label, &client, &serial, &key, &stop, &sink))
        .is_ok()
}

/// The poller's loop.
fn watch(
    label: &str,
    client: &PushClient,
    serial: &str,
    key: &KeyHolder,
    stop: &Stop,
    sink: &dyn Fn(Vec<PushInfo>),
) {
    let mut backoff = FIRST_BACKOFF;
    let mut last: Option<Vec<String>> = None;
    while !stop.stopped() {
        let Ok(now) = crate::clock::unix_now() else {
            stop.sleep(MAX_BACKOFF);
            continue;
        };
        match client.poll(serial, key, now, MAX_WAIT_SECS) {
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
    client.answer(&link.serial, &key, request_id, decision, number)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// While a poll is in flight (a local server that takes the request and
    /// never answers), stopping the pollers empties the key holder at once: the
    /// thread still waits on the socket, without the key.
    #[test]
    fn a_stop_drops_the_key_while_a_poll_is_in_flight() {
        use std::io::Read;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let link = PushLink::new(
            format!("http://{}", listener.local_addr().unwrap()),
            "U1034".into(),
            "jklee".into(),
            "T-7".into(),
            DeviceKey::generate().unwrap().to_bytes(),
        );
        let pollers = Pollers::default();
        let stop = pollers.restart();
        assert!(spawn("U1034:jklee".into(), link, stop, |_| {}));
        // The poll arrives: signed, so the key was used and is held.
        let (mut stream, _) = listener.accept().unwrap();
        let mut first = [0u8; 64];
        let read = stream.read(&mut first).unwrap();
        assert!(first[..read].starts_with(b"POST /v1/device/poll"));
        let held: Vec<KeyHolder> = pollers.keys.lock().unwrap().clone();
        assert_eq!(held.len(), 1);
        assert!(!held[0].is_empty());

        pollers.stop();
        assert!(held[0].is_empty(), "the key outlived the stop");
        assert!(pollers.keys.lock().unwrap().is_empty());
        // A signature now fails: nothing is left to sign with.
        assert!(matches!(
            held[0].sign_message(b"m"),
            Err(PushError::Sign(_))
        ));
        // The poll was still in flight all along (the server never answered).
        drop(stream);
    }

    #[test]
    fn a_restart_drops_the_keys_before_it_and_a_late_hold_is_empty_at_once() {
        let pollers = Pollers::default();
        let first = pollers.restart();
        let held = first.hold(DeviceKey::generate().unwrap());
        assert!(!held.is_empty());
        let second = pollers.restart();
        assert!(held.is_empty());
        let kept = second.hold(DeviceKey::generate().unwrap());
        assert!(!kept.is_empty());
        // A poller being started for a generation already stopped holds nothing.
        let late = first.hold(DeviceKey::generate().unwrap());
        assert!(late.is_empty());
        assert!(!kept.is_empty());
        assert!(!format!("{kept:?}").contains("seed"));
        pollers.stop();
        assert!(kept.is_empty());
    }

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
