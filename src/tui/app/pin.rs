//! Typing a PIN on the first-run screen (choose it, then type it again) and on the
//! unlock screen.

use super::state::{App, Busy, Escape, Lockout, Screen, Setup};
use crate::i18n::Localize;
use crate::tui::message::{Command, Effect, Job};
use crate::tui::text;
use crate::vault::Pin;

impl App {
    /// A command on the first-run screen. Esc clears the digits typed, then goes
    /// back from the second PIN to the first, and quits only from an empty first
    /// step ([`App::escape`]).
    pub(super) fn setup_command(&mut self, command: Command, effects: &mut Vec<Effect>) {
        let escape = self.escape();
        let Screen::Setup(setup) = &mut self.screen else {
            return;
        };
        match command {
            Command::Backspace => setup.entry.pop(),
            Command::Back => match escape {
                Escape::Clear => drop(setup.entry.take()),
                Escape::Back => *setup = Setup::default(),
                Escape::Quit => self.quit(effects),
                Escape::Nothing => {}
            },
            Command::Submit => {
                if !setup.entry.is_full() {
                    setup.message = Some(text::type_six_digits().to_owned());
                    return;
                }
                let typed = setup.entry.take();
                match setup.first.take() {
                    None => match Pin::new_checked(&typed) {
                        Ok(pin) => {
                            setup.first = Some(pin);
                            setup.message = None;
                        }
                        Err(error) => setup.message = Some(text::pin_refused(&error)),
                    },
                    Some(first) => {
                        if Pin::for_unlock(&typed).is_ok_and(|again| same_pin(&first, &again)) {
                            effects.push(Effect::Vault(Job::Create { pin: first.clone() }));
                            self.busy = Some(Busy::Creating(first));
                        } else {
                            setup.message = Some(text::pins_differ().to_owned());
                        }
                    }
                }
            }
            _ => {}
        }
    }

    /// A command on the unlock screen. Esc clears the digits typed, then goes
    /// back to the agent's list (when a change asked for the PIN) or quits.
    pub(super) fn locked_command(&mut self, command: Command, effects: &mut Vec<Effect>) {
        let escape = self.escape();
        let Screen::Locked(locked) = &mut self.screen else {
            return;
        };
        match command {
            Command::Backspace => locked.entry.pop(),
            Command::Back if escape == Escape::Clear => drop(locked.entry.take()),
            Command::Back if escape == Escape::Nothing => {}
            Command::Back => match locked.back.take() {
                // A change asked for the PIN: Esc goes back to the agent's list.
                Some(mut list) => {
                    list.codes.clear();
                    list.codes_at = 0;
                    list.fetching = None;
                    self.screen = Screen::Agent(list);
                    self.status = None;
                }
                None => self.quit(effects),
            },
            Command::Submit => {
                if let Lockout::Until(until) = locked.lockout
                    && until > self.now
                {
                    // The screen already counts the pause down.
                    locked.entry.take();
                    return;
                }
                if !locked.entry.is_full() {
                    locked.message = Some(text::type_six_digits().to_owned());
                    return;
                }
                let typed = locked.entry.take();
                match Pin::for_unlock(&typed) {
                    Ok(pin) => {
                        locked.message = None;
                        effects.push(Effect::Vault(Job::Unlock { pin: pin.clone() }));
                        self.busy = Some(Busy::Unlocking(pin));
                    }
                    Err(error) => locked.message = Some(error.localize()),
                }
            }
            _ => {}
        }
    }
}

/// Whether two PINs are the same digits.
pub(super) fn same_pin(a: &Pin, b: &Pin) -> bool {
    use age::secrecy::ExposeSecret as _;
    a.passphrase().expose_secret() == b.passphrase().expose_secret()
}
