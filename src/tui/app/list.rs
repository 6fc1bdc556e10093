//! The account list of the open vault: moving, searching, copying, and opening the
//! dialogs; a command while a dialog is open goes to the dialog.

use super::state::{App, Busy, ChangePin, Modal, PinEntry, PinStage, Screen, Status};
use crate::code::Kind;
use crate::tui::form::RenameForm;
use crate::tui::message::{Change, Command, Effect, Hidden, Job};
use crate::tui::text;

impl App {
    /// A command in the open vault: to the dialog if one is open, else to the list.
    pub(super) fn unlocked_command(&mut self, command: Command, effects: &mut Vec<Effect>) {
        if let Screen::Unlocked(unlocked) = &mut self.screen
            && let Some(modal) = unlocked.modal.take()
        {
            let modal = self.modal_command(modal, command, effects);
            // The dialog may have locked the app meanwhile; then it is dropped.
            if let Screen::Unlocked(unlocked) = &mut self.screen
                && unlocked.modal.is_none()
            {
                unlocked.modal = modal;
            }
            return;
        }
        self.list_command(command, effects);
    }

    /// A command in the list itself (no dialog open).
    fn list_command(&mut self, command: Command, effects: &mut Vec<Effect>) {
        let limit = self.config.max_accounts;
        let now = self.now;
        let Screen::Unlocked(unlocked) = &mut self.screen else {
            return;
        };
        let count = unlocked.visible().len();
        match command {
            Command::Up => unlocked.selected = unlocked.selected.saturating_sub(1),
            Command::Down => {
                unlocked.selected = (unlocked.selected + 1).min(count.saturating_sub(1));
            }
            Command::First => unlocked.selected = 0,
            Command::Last => unlocked.selected = count.saturating_sub(1),
            Command::Search => {
                unlocked.searching = true;
            }
            Command::Submit if unlocked.searching => unlocked.searching = false,
            Command::Backspace if unlocked.searching => {
                unlocked.filter.pop();
                unlocked.clamp_selection();
            }
            // Esc clears a search; it never quits (q does).
            Command::Back => {
                unlocked.searching = false;
                unlocked.filter.clear();
                unlocked.clamp_selection();
            }
            Command::Copy => {
                let Some(account) = unlocked.selected_account() else {
                    self.status = Some(Status::Info(text::nothing_to_copy().to_owned()));
                    return;
                };
                let label = account.label();
                match account.kind {
                    Kind::Totp { .. } | Kind::Steam => {
                        let code = Hidden::from(account.code_at(now).code().as_str());
                        effects.push(Effect::Copy { label, code });
                    }
                    Kind::Hotp { .. } => {
                        effects.push(Effect::Vault(Job::Update {
                            pin: unlocked.pin.clone(),
                            change: Change::NextHotp { label },
                        }));
                        self.busy = Some(Busy::Saving);
                    }
                }
            }
            Command::Add => {
                if unlocked.store.len() >= limit {
                    self.status = Some(Status::Error(text::too_many(
                        unlocked.store.len(),
                        limit,
                        &self.config_path,
                    )));
                } else {
                    unlocked.modal = Some(Modal::Add(Box::default()));
                }
            }
            Command::Rename => {
                if let Some(account) = unlocked.selected_account() {
                    unlocked.modal = Some(Modal::Rename(RenameForm::for_account(account)));
                }
            }
            Command::Delete => {
                if let Some(account) = unlocked.selected_account() {
                    unlocked.modal = Some(Modal::ConfirmDelete {
                        label: account.label(),
                    });
                }
            }
            Command::ShowQr => match unlocked.selected_account() {
                Some(account) => {
                    unlocked.modal = Some(Modal::ConfirmQr {
                        label: account.label(),
                    });
                }
                None => self.status = Some(Status::Info(text::nothing_to_show().to_owned())),
            },
            Command::ChangePin => {
                unlocked.modal = Some(Modal::ChangePin(ChangePin {
                    stage: PinStage::Current,
                    entry: PinEntry::default(),
                    old: None,
                    opened: None,
                    new: None,
                    message: None,
                }));
            }
            Command::Settings => unlocked.modal = Some(Modal::Settings(0)),
            Command::Lock => self.lock(Some(text::locked_by_request().to_owned()), effects),
            _ => {}
        }
    }
}
