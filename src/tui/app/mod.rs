//! The state of the full-screen interface and how actions change it.
//!
//! [`App::update`] is pure: it takes an [`Action`](crate::tui::message::Action) and
//! the Unix time, changes the state, and returns the
//! [`Effect`](crate::tui::message::Effect)s for the event loop to carry out (vault
//! work on the worker thread, clipboard, config, quitting). It reads no clock, file
//! or terminal, so every transition is tested with a fixed time.
//!
//! One file per concern, each adding to `impl App`; they call each other downwards
//! only, in this order:
//!
//! - `update`: the entry point; sends each action to the file that handles it;
//! - `timers`: what time alone changes;
//! - `jobs`: the answers to effects (vault jobs, lockout status, copies);
//! - `agent`: the list served by a session agent;
//! - `push`: login requests (push approvals), over either list;
//! - `list`: the account list of the open vault;
//! - `modal`: its dialogs, and `add`: the add form;
//! - `pin`: the first-run and unlock screens; `settings`: the settings dialog;
//! - `session`: saving a change, locking and quitting;
//! - `state`: the data itself, which the rest of the interface reads.

mod add;
mod agent;
mod jobs;
mod list;
mod modal;
mod pin;
mod push;
mod session;
mod settings;
mod state;
mod timers;
mod update;

pub use settings::{CLEAR_CHOICES, LOCK_CHOICES};
pub use state::{
    AGENT_ANSWER_SECS, AgentHotp, AgentList, App, Busy, ChangePin, Escape, HotpShown, Locked,
    Lockout, Modal, Pending, PendingClear, PinEntry, PinStage, Pushes, QR_SHOWN_SECS, QrShown,
    Screen, Setup, ShownPush, Status, Unlocked,
};

#[cfg(test)]
pub(crate) mod tests;
