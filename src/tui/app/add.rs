//! The add form: an account from a secret key or an `otpauth://` link, or enrollment
//! with an organisation by customer code (look the code up, then enroll).

use super::state::{App, Busy, Modal, Screen};
use crate::tui::form::{AddForm, CustomerStep, Source};
use crate::tui::message::{Change, Command, Effect, Hidden, Job};
use crate::tui::text;

impl App {
    /// A command in the add form.
    pub(super) fn add_command(
        &mut self,
        mut form: Box<AddForm>,
        command: Command,
        effects: &mut Vec<Effect>,
    ) -> Option<Modal> {
        match command {
            Command::NextField => form.move_focus(true),
            Command::PrevField => form.move_focus(false),
            Command::Left => form.choose(false),
            Command::Right => form.choose(true),
            Command::Backspace => form.backspace(),
            Command::ClearField => form.clear(),
            Command::Back => return None,
            Command::Submit if form.source == Source::Customer => {
                self.submit_customer(&mut form, effects);
            }
            Command::Submit => self.submit_account(&mut form, effects),
            _ => {}
        }
        Some(Modal::Add(form))
    }

    /// Enter in the customer-code form: look the code up, or enroll once the
    /// organisation is known.
    fn submit_customer(&mut self, form: &mut AddForm, effects: &mut Vec<Effect>) {
        match form.customer_step() {
            Err(error) => form.error = Some(error),
            Ok(CustomerStep::Lookup(customer)) => {
                effects.push(Effect::Vault(Job::LookupCustomer {
                    customer,
                    config: Box::new(self.config.clone()),
                    config_path: self.config_path.clone(),
                }));
                self.busy = Some(Busy::LookingUp);
            }
            Ok(CustomerStep::Enroll) => self.enroll(form, effects),
        }
    }

    /// Enrolls with the organisation the form found, unless the vault is full (an
    /// account of the same person at the same organisation is replaced, so it does
    /// not count).
    fn enroll(&mut self, form: &mut AddForm, effects: &mut Vec<Effect>) {
        let Screen::Unlocked(unlocked) = &self.screen else {
            return;
        };
        let limit = self.config.max_accounts;
        let store = &unlocked.store;
        let expected = form
            .organisation
            .as_ref()
            .map(|o| format!("{}:{}", o.name, form.user_id.trim()))
            .unwrap_or_default();
        let replacing = store
            .accounts()
            .iter()
            .any(|a| a.label().eq_ignore_ascii_case(&expected));
        if !replacing && store.len() >= limit {
            form.error = Some(text::too_many(store.len(), limit, &self.config_path));
        } else if let Some(organisation) = &form.organisation {
            effects.push(Effect::Vault(Job::Enroll {
                pin: unlocked.pin.clone(),
                customer: organisation.customer.clone(),
                server: organisation.server.clone(),
                user_id: form.user_id.trim().to_owned(),
                activation_code: Hidden::from(form.activation.as_str()),
                code_digits: organisation.code_digits,
                limit,
            }));
            self.busy = Some(Busy::Enrolling);
        }
    }

    /// Enter in the key or link form: checks the account as the CLI does, then
    /// saves it.
    fn submit_account(&mut self, form: &mut AddForm, effects: &mut Vec<Effect>) {
        let Screen::Unlocked(unlocked) = &self.screen else {
            return;
        };
        match form.parse() {
            Err(error) => form.error = Some(error),
            Ok(parsed) => {
                let limit = self.config.max_accounts;
                let mut check = unlocked.store.clone();
                match check.add(parsed.account.clone(), limit) {
                    Err(error) => form.error = Some(text::account_error(&error)),
                    Ok(()) => {
                        self.link_warning = parsed.warnings.first().map(text::uri_warning);
                        let change = Change::Add {
                            account: parsed.account,
                            limit,
                        };
                        self.save(change, effects);
                    }
                }
            }
        }
    }
}
