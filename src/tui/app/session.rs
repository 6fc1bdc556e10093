//! The moves every screen builds on: saving a change to the open vault, locking
//! (the secrets are dropped, the unlock screen shows) and quitting (after any
//! running write).

use super::state::{App, Busy, Locked, Screen};
use crate::tui::message::{Change, Effect, Job};

impl App {
    /// Hands `change` to the worker, to be saved with the open vault's PIN.
    pub(super) fn save(&mut self, change: Change, effects: &mut Vec<Effect>) {
        if let Screen::Unlocked(unlocked) = &self.screen {
            effects.push(Effect::Vault(Job::Update {
                pin: unlocked.pin.clone(),
                change,
            }));
            self.busy = Some(Busy::Saving);
        }
    }

    /// Quits, or, while a write runs, quits once it is done.
    pub(super) fn quit(&mut self, effects: &mut Vec<Effect>) {
        if matches!(
            self.busy,
            Some(Busy::Saving | Busy::Creating(_) | Busy::ChangingPin(_) | Busy::Enrolling)
        ) {
            // Never cut a write short: quit as soon as it is done.
            self.quit_when_idle = true;
            return;
        }
        if let Some(pending) = self.pending_clear.take() {
            effects.push(Effect::ClearClipboard {
                code: pending.code,
                method: pending.method,
            });
        }
        self.quitting = true;
        effects.push(Effect::Quit);
    }

    /// Locks: drops the accounts and the PIN (or the agent's codes) and shows the
    /// unlock screen.
    pub(super) fn lock(&mut self, message: Option<String>, effects: &mut Vec<Effect>) {
        self.screen = Screen::Locked(Locked::new(message));
        self.help = None;
        if matches!(self.busy, Some(Busy::AgentCode(_) | Busy::Probing)) {
            self.busy = None;
        }
        effects.push(Effect::CheckLockout);
    }
}
