//! Wake-ups for requests that wait (long-polls): a device waiting for its user's
//! push requests, a login system waiting for a request's answer. Each waits on a
//! key (`u:<user row>` or `r:<request id>`); whoever changes what a key names
//! wakes it. Nothing polls the database in a loop.
//!
//! A waiter registers its interest *before* it reads the database and waits
//! afterwards, so a change committed between the read and the wait still wakes
//! it. On PostgreSQL the same keys travel between instances by `NOTIFY`
//! ([`listen`]); on SQLite (one instance) the local wake-up is all there is.

use std::collections::HashMap;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::sync::futures::Notified;

/// The key of the requests of a user (by the id of the user's row).
pub fn user_key(user_ref: &str) -> String {
    format!("u:{user_ref}")
}

/// The key of one request.
pub fn request_key(request_id: &str) -> String {
    format!("r:{request_id}")
}

/// Per-key wake-ups, shared by every request handler.
#[derive(Default)]
pub struct PushHub {
    keys: Mutex<HashMap<String, Arc<Notify>>>,
}

/// Interest in one key, registered before the database is read; dropping it
/// forgets the key when no one else waits on it.
pub struct Waiter<'a> {
    hub: &'a PushHub,
    key: String,
    notify: Arc<Notify>,
}

impl PushHub {
    /// Interest in `key` from now on.
    pub fn subscribe(&self, key: String) -> Waiter<'_> {
        let notify = match self.keys.lock() {
            Ok(mut keys) => keys.entry(key.clone()).or_default().clone(),
            // A poisoned map (a panic elsewhere): a wake-up of our own that only
            // the timeout ends.
            Err(_) => Arc::new(Notify::new()),
        };
        Waiter {
            hub: self,
            key,
            notify,
        }
    }

    /// Wakes everyone waiting on `key` (nothing when no one is).
    pub fn wake(&self, key: &str) {
        let notify = self
            .keys
            .lock()
            .ok()
            .and_then(|keys| keys.get(key).cloned());
        if let Some(notify) = notify {
            notify.notify_waiters();
        }
    }

    /// Wakes every waiter (after the PostgreSQL listener reconnected and may have
    /// missed notifications): each reads the database again.
    pub fn wake_all(&self) {
        let all: Vec<Arc<Notify>> = self
            .keys
            .lock()
            .map(|keys| keys.values().cloned().collect())
            .unwrap_or_default();
        for notify in all {
            notify.notify_waiters();
        }
    }

    /// How many keys have waiters (for tests and the benchmark's sanity).
    pub fn waiting_keys(&self) -> usize {
        self.keys.lock().map(|keys| keys.len()).unwrap_or(0)
    }
}

impl Waiter<'_> {
    /// A wake-up armed now: a [`PushHub::wake`] from this moment on completes it.
    /// Arm it, read the database, then [`Armed::wait`].
    pub fn arm(&self) -> Armed<'_> {
        let mut notified = Box::pin(self.notify.notified());
        notified.as_mut().enable();
        Armed { notified }
    }
}

/// A wake-up armed before a read.
pub struct Armed<'a> {
    notified: Pin<Box<Notified<'a>>>,
}

impl Armed<'_> {
    /// Waits for a wake-up or `timeout`, whichever comes first; `true` when woken.
    pub async fn wait(self, timeout: Duration) -> bool {
        tokio::time::timeout(timeout, self.notified).await.is_ok()
    }
}

impl Drop for Waiter<'_> {
    fn drop(&mut self) {
        if let Ok(mut keys) = self.hub.keys.lock()
            && let Some(notify) = keys.get(&self.key)
            // The map's reference and ours: no one else waits on the key.
            && Arc::ptr_eq(notify, &self.notify)
            && Arc::strong_count(&self.notify) == 2
        {
            keys.remove(&self.key);
        }
    }
}

/// Feeds `hub` with the keys other instances `NOTIFY` on `channel` of the
/// PostgreSQL database at `url`, for ever: reconnects after an error (waking
/// everyone, who may have missed a notification meanwhile).
pub async fn listen(url: String, channel: &'static str, hub: Arc<PushHub>) {
    use sqlx::postgres::PgListener;
    let mut delay = Duration::from_millis(250);
    loop {
        if let Ok(mut listener) = PgListener::connect(&url).await
            && listener.listen(channel).await.is_ok()
        {
            delay = Duration::from_millis(250);
            hub.wake_all();
            while let Ok(notification) = listener.recv().await {
                hub.wake(notification.payload());
            }
        }
        tokio::time::sleep(delay).await;
        delay = (delay * 2).min(Duration::from_secs(10));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_wake_between_arming_and_waiting_is_not_lost() {
        let hub = PushHub::default();
        let waiter = hub.subscribe(user_key("a"));
        let armed = waiter.arm();
        // The change lands after the (imagined) read, before the wait.
        hub.wake(&user_key("a"));
        assert!(armed.wait(Duration::from_secs(5)).await);
        // Another key's wake does not wake this one.
        let armed = waiter.arm();
        hub.wake(&user_key("b"));
        assert!(!armed.wait(Duration::from_millis(50)).await);
        drop(waiter);
        assert_eq!(hub.waiting_keys(), 0);
    }

    #[tokio::test]
    async fn keys_are_forgotten_when_the_last_waiter_goes() {
        let hub = PushHub::default();
        let one = hub.subscribe(request_key("r"));
        let two = hub.subscribe(request_key("r"));
        assert_eq!(hub.waiting_keys(), 1);
        drop(one);
        assert_eq!(hub.waiting_keys(), 1);
        let armed = two.arm();
        hub.wake_all();
        assert!(armed.wait(Duration::from_secs(5)).await);
        drop(two);
        assert_eq!(hub.waiting_keys(), 0);
    }
}
