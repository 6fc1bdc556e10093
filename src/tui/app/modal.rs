//! The dialogs over the account list: each takes the command and returns itself,
//! changed, while it stays open. The add form has a file of its own (`add`).

use super::pin::same_pin;
use super::state::{App, Busy, ChangePin, Modal, PinStage, QR_SHOWN_SECS, QrShown, Screen, Status};
use crate::i18n::Localize;
use crate::tui::form::RenameForm;
use crate::tui::message::{Change, Command, Effect, Job};
use crate::tui::text;
use crate::vault::{Opened, Pin};

impl App {
    /// A command inside a dialog; returns the dialog still open, if any.
    pub(super) fn modal_command(
        &mut self,
        modal: Modal,
        command: Command,
        effects: &mut Vec<Effect>,
    ) -> Option<Modal> {
        if !matches!(self.screen, Screen::Unlocked(_)) {
            return None;
        }
        match modal {
            Modal::OfferFirstAccount => match command {
                Command::Yes => Some(Modal::Add(Box::default())),
                Command::Back => None,
                _ => Some(Modal::OfferFirstAccount),
            },
            Modal::ConfirmDelete { label } => match command {
                Command::Yes => {
                    self.save(Change::Remove { label }, effects);
                    None
                }
                Command::Back => None,
                _ => Some(Modal::ConfirmDelete { label }),
            },
            Modal::Settings(selected) => self
                .settings_command(selected, command, effects)
                .map(Modal::Settings),
            Modal::ConfirmQr { label } => match command {
                Command::Yes => self.show_qr(label),
                Command::Back => None,
                _ => Some(Modal::ConfirmQr { label }),
            },
            // Any key closes the QR code (the key map sends Back for every key).
            Modal::Qr(_) => None,
            Modal::Rename(form) => self.rename_command(form, command, effects),
            Modal::Add(form) => self.add_command(form, command, effects),
            Modal::ChangePin(change) => self.change_pin_command(change, command, effects),
        }
    }

    /// The QR code of the account labelled `label`, or `None` (and why, on the
    /// status line) when it cannot be drawn.
    fn show_qr(&mut self, label: String) -> Option<Modal> {
        let Screen::Unlocked(unlocked) = &self.screen else {
            return None;
        };
        let Some(account) = unlocked
            .store
            .accounts()
            .iter()
            .find(|a| a.label() == label)
        else {
            self.status = Some(Status::Error(text::account_gone(&label)));
            return None;
        };
        match crate::qr::render_lines(&account.to_uri()) {
            Ok(drawing) => Some(Modal::Qr(Box::new(QrShown {
                label,
                drawing,
                until: self.now.saturating_add(QR_SHOWN_SECS),
            }))),
            Err(error) => {
                self.status = Some(Status::Error(error.localize()));
                None
            }
        }
    }

    /// A command in the rename form.
    fn rename_command(
        &mut self,
        mut form: RenameForm,
        command: Command,
        effects: &mut Vec<Effect>,
    ) -> Option<Modal> {
        match command {
            Command::NextField | Command::PrevField => form.focus = 1 - form.focus.min(1),
            Command::Backspace => form.backspace(),
            Command::ClearField => form.clear(),
            Command::Back => return None,
            Command::Submit => self.submit_rename(&mut form, effects),
            _ => {}
        }
        Some(Modal::Rename(form))
    }

    /// Enter in the rename form: checks the new name against the other accounts,
    /// then saves it.
    fn submit_rename(&mut self, form: &mut RenameForm, effects: &mut Vec<Effect>) {
        let Screen::Unlocked(unlocked) = &self.screen else {
            return;
        };
        let index = unlocked
            .store
            .accounts()
            .iter()
            .position(|a| a.label() == form.label);
        let mut check = unlocked.store.clone();
        let result = match index {
            Some(index) => check.rename(index, form.name.trim(), Some(form.new_issuer())),
            None => Ok(()),
        };
        match result {
            Err(error) => form.error = Some(text::account_error(&error)),
            Ok(()) => {
                let change = Change::Rename {
                    label: form.label.clone(),
                    name: form.name.trim().to_owned(),
                    issuer: form.new_issuer(),
                };
                self.save(change, effects);
            }
        }
    }

    /// A command in the change-PIN dialog.
    fn change_pin_command(
        &mut self,
        mut change: ChangePin,
        command: Command,
        effects: &mut Vec<Effect>,
    ) -> Option<Modal> {
        match command {
            Command::Backspace => change.entry.pop(),
            // Esc clears the digits typed first, as on the unlock screen.
            Command::Back if !change.entry.is_empty() => drop(change.entry.take()),
            Command::Back => return None,
            Command::Submit => self.submit_pin(&mut change, effects),
            _ => {}
        }
        Some(Modal::ChangePin(change))
    }

    /// Enter in the change-PIN dialog: the current PIN, checked on the worker
    /// before anything else is asked; then the new one twice, then the job that
    /// re-encrypts what the check opened.
    fn submit_pin(&mut self, change: &mut ChangePin, effects: &mut Vec<Effect>) {
        if !change.entry.is_full() {
            change.message = Some(text::type_six_digits().to_owned());
            return;
        }
        let typed = change.entry.take();
        match change.stage {
            PinStage::Current => match Pin::for_unlock(&typed) {
                Ok(pin) => {
                    change.message = None;
                    effects.push(Effect::Vault(Job::CheckPin { pin: pin.clone() }));
                    self.busy = Some(Busy::CheckingPin(pin));
                }
                Err(error) => change.message = Some(error.localize()),
            },
            PinStage::New => match Pin::new_checked(&typed) {
                Ok(pin) => {
                    change.new = Some(pin);
                    change.stage = PinStage::Repeat;
                    change.message = None;
                }
                Err(error) => change.message = Some(text::pin_refused(&error)),
            },
            PinStage::Repeat => {
                let same = change.new.as_ref().is_some_and(|new| {
                    Pin::for_unlock(&typed).is_ok_and(|again| same_pin(new, &again))
                });
                match (same, change.old.clone(), change.new.clone()) {
                    (true, Some(old), Some(new)) => match change.opened.take() {
                        Some(opened) => {
                            effects.push(Effect::Vault(Job::ChangePin {
                                old,
                                new: new.clone(),
                                opened,
                            }));
                            self.busy = Some(Busy::ChangingPin(new));
                        }
                        // Not reached: the check keeps what it opened with the PIN.
                        None => change.restart(None),
                    },
                    _ => {
                        change.stage = PinStage::New;
                        change.new = None;
                        change.message = Some(text::pins_differ().to_owned());
                    }
                }
            }
        }
    }

    /// The worker found that the current PIN opens the vault: ask for the new one.
    pub(super) fn pin_checked(&mut self, pin: Pin, opened: Opened) {
        if let Screen::Unlocked(unlocked) = &mut self.screen
            && let Some(Modal::ChangePin(change)) = &mut unlocked.modal
        {
            change.old = Some(pin);
            change.opened = Some(opened);
            change.stage = PinStage::New;
            change.message = None;
        }
    }
}

impl ChangePin {
    /// Back to the current PIN, forgetting what was typed and opened, with why.
    pub(super) fn restart(&mut self, message: Option<String>) {
        self.stage = PinStage::Current;
        self.old = None;
        self.opened = None;
        self.new = None;
        self.message = message;
    }
}
