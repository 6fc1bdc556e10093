//! What comes back from the effects: a vault job's result, the lockout status read
//! by the event loop, the outcome of a copy.

use super::state::{
    App, Busy, HOTP_SHOWN_SECS, HotpShown, Locked, Lockout, Modal, PendingClear, Screen, Setup,
    Status, Unlocked,
};
use crate::accounts::Store;
use crate::clipboard::Method;
use crate::i18n::Localize;
use crate::tui::message::{Done, Effect, Failure, Hidden, JobResult};
use crate::tui::text;
use crate::vault::LockoutStatus;

impl App {
    /// The lockout status the event loop read: shown on the unlock screen.
    pub(super) fn lockout(&mut self, status: LockoutStatus) {
        if let Screen::Locked(locked) = &mut self.screen {
            locked.lockout = match status {
                LockoutStatus::Open { attempts_left, .. } => Lockout::Open { attempts_left },
                LockoutStatus::LockedOut {
                    retry_after_secs, ..
                } => Lockout::Until(self.now.saturating_add(retry_after_secs)),
            };
        }
    }

    /// A copy was attempted: on success, the clipboard is cleared later.
    pub(super) fn copied(&mut self, label: String, code: Hidden, result: Result<Method, String>) {
        match result {
            Ok(method) => {
                let secs = self.config.clipboard_clear_secs;
                self.pending_clear = (secs > 0).then(|| PendingClear {
                    code,
                    method,
                    at: self.now.saturating_add(secs),
                });
                self.status = Some(Status::Copied { label, method });
            }
            Err(error) => self.status = Some(Status::Error(error)),
        }
    }

    /// A vault job finished: the result meets what the app was busy with.
    pub(super) fn job_done(&mut self, result: JobResult, effects: &mut Vec<Effect>) {
        let busy = self.busy.take();
        match (busy, result) {
            (Some(Busy::Creating(pin)), JobResult::Created) => {
                let mut unlocked = Unlocked::new(pin, Store::new());
                unlocked.modal = Some(Modal::OfferFirstAccount);
                self.screen = Screen::Unlocked(Box::new(unlocked));
                self.status = Some(Status::Info(text::vault_created().to_owned()));
            }
            (Some(Busy::Unlocking(pin)), JobResult::Unlocked(store)) => {
                let then = match &mut self.screen {
                    Screen::Locked(locked) => locked.then.take(),
                    _ => None,
                };
                self.screen = Screen::Unlocked(Box::new(Unlocked::new(pin, store)));
                self.status = None;
                if let Some(pending) = then {
                    self.resume(pending, effects);
                }
            }
            (Some(Busy::CheckingPin(pin)), JobResult::PinChecked(opened)) => {
                self.pin_checked(pin, opened);
            }
            (Some(Busy::ChangingPin(new)), JobResult::PinChanged) => {
                if let Screen::Unlocked(unlocked) = &mut self.screen {
                    unlocked.pin = new;
                    unlocked.modal = None;
                }
                self.status = Some(Status::Info(text::pin_changed().to_owned()));
            }
            (_, JobResult::Saved(store, done)) => self.saved(store, done, effects),
            (Some(Busy::LookingUp), JobResult::Customer(organisation)) => {
                if let Screen::Unlocked(unlocked) = &mut self.screen
                    && let Some(Modal::Add(form)) = &mut unlocked.modal
                {
                    form.found(organisation);
                }
            }
            (busy, JobResult::Failed(failure)) => self.failed(busy, failure, effects),
            // A result that does not match what was asked: not expected; show nothing.
            (_, _) => {}
        }
        if self.quit_when_idle && self.busy.is_none() {
            self.quit(effects);
        }
    }

    /// A change was saved: show the new accounts and say what changed.
    fn saved(&mut self, store: Store, done: Done, effects: &mut Vec<Effect>) {
        let now = self.now;
        let Screen::Unlocked(unlocked) = &mut self.screen else {
            return;
        };
        unlocked.store = store;
        if matches!(unlocked.modal, Some(Modal::Add(_) | Modal::Rename(_))) {
            unlocked.modal = None;
        }
        let status = match done {
            Done::Added(label) => {
                unlocked.filter.clear();
                unlocked.searching = false;
                unlocked.select_label(&label);
                match self.link_warning.take() {
                    // Something odd about the link that was just added.
                    Some(warning) => Status::Info(text::added_with_warning(&label, &warning)),
                    None => Status::Info(text::added(&label)),
                }
            }
            Done::Renamed { old, new } => {
                unlocked.select_label(&new);
                Status::Info(text::renamed(&old, &new))
            }
            Done::Removed(label) => Status::Info(text::removed(&label)),
            Done::Enrolled { label, replaced } => {
                unlocked.filter.clear();
                unlocked.searching = false;
                unlocked.select_label(&label);
                Status::Info(text::enrolled(&label, replaced))
            }
            Done::Hotp { label, code } => {
                let copy = Hidden::from(code.as_str());
                unlocked.hotp = Some(HotpShown {
                    label: label.clone(),
                    code,
                    until: now.saturating_add(HOTP_SHOWN_SECS),
                });
                effects.push(Effect::Copy {
                    label: label.clone(),
                    code: copy,
                });
                Status::Info(text::hotp_generated(&label))
            }
        };
        unlocked.clamp_selection();
        self.status = Some(status);
    }

    /// A vault job failed: say why where the person is looking.
    fn failed(&mut self, busy: Option<Busy>, failure: Failure, effects: &mut Vec<Effect>) {
        let message = failure_message(&failure);
        match (&mut self.screen, busy) {
            (Screen::Setup(setup), _) => {
                if let Failure::AlreadyExists(message) = failure {
                    self.screen = Screen::Locked(Locked::new(Some(message)));
                    effects.push(Effect::CheckLockout);
                } else {
                    *setup = Setup {
                        message: Some(message),
                        ..Setup::default()
                    };
                }
            }
            (Screen::Locked(locked), _) => {
                // The screen shows the attempts left or the pause itself: the
                // message says only what happened, never a second count.
                match failure {
                    Failure::WrongPin { attempts_left: 0 } => {
                        locked.message = Some(text::wrong_pin());
                        locked.lockout = Lockout::Unknown;
                        effects.push(Effect::CheckLockout);
                    }
                    Failure::WrongPin { attempts_left } => {
                        locked.message = Some(text::wrong_pin());
                        locked.lockout = Lockout::Open { attempts_left };
                    }
                    Failure::LockedOut { retry_after_secs } => {
                        locked.message = None;
                        locked.lockout = Lockout::Until(self.now.saturating_add(retry_after_secs));
                    }
                    _ => locked.message = Some(message),
                }
            }
            (Screen::Unlocked(unlocked), busy) => {
                if matches!(
                    failure,
                    Failure::LockedOut { .. } | Failure::WrongPin { attempts_left: 0 }
                ) {
                    // Too many wrong PINs (in the change-PIN dialog, or from another
                    // otp): lock, so the pause applies here too.
                    self.lock(Some(message), effects);
                    return;
                }
                match (&mut unlocked.modal, busy) {
                    (Some(Modal::Add(form)), _) => match failure {
                        Failure::ActivationRefused(_) => form.activation_refused(message),
                        _ => form.error = Some(message),
                    },
                    (Some(Modal::Rename(form)), _) => form.error = Some(message),
                    // A wrong current PIN is said at once, as on the unlock screen
                    // (the attempt is counted the same); a failed change starts over.
                    (
                        Some(Modal::ChangePin(change)),
                        Some(Busy::CheckingPin(_) | Busy::ChangingPin(_)),
                    ) => change.restart(Some(message)),
                    _ => self.status = Some(Status::Error(message)),
                }
            }
            (Screen::Agent(_), _) => self.status = Some(Status::Error(message)),
        }
    }
}

/// The sentence for a failure.
fn failure_message(failure: &Failure) -> String {
    match failure {
        Failure::WrongPin { attempts_left } => crate::vault::VaultError::WrongPin {
            attempts_left: *attempts_left,
        }
        .localize(),
        Failure::LockedOut { retry_after_secs } => crate::vault::VaultError::LockedOut {
            retry_after_secs: *retry_after_secs,
        }
        .localize(),
        Failure::AlreadyExists(message)
        | Failure::ActivationRefused(message)
        | Failure::Other(message) => message.clone(),
    }
}
