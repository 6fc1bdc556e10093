//! [`App::update`]: an action in, the effects out. Dispatches to the screen, dialog
//! or result it concerns, then lets time act ([`App::timers`]).

use super::state::{App, Busy, Lockout, Modal, Screen, Status};
use crate::tui::keymap::Context;
use crate::tui::layout;
use crate::tui::message::{Action, AgentJob, Command, Effect};
use crate::tui::text;

impl App {
    /// Applies `action` at Unix time `now` and returns what the event loop must do.
    pub fn update(&mut self, action: Action, now: u64) -> Vec<Effect> {
        self.now = now;
        let mut effects = Vec::new();
        let input = matches!(
            action,
            Action::Command(_)
                | Action::Char(_)
                | Action::Paste(_)
                | Action::Click { .. }
                | Action::Scroll(_)
        );
        if input {
            self.last_input = now;
        }
        match action {
            Action::Tick => self.frame = self.frame.wrapping_add(1),
            Action::Resize { width, height } => self.size = (width, height),
            Action::Command(Command::Quit) => self.quit(&mut effects),
            Action::Command(command) if self.help.is_some() => self.help_command(command),
            Action::Command(Command::Help) => self.help = Some(0),
            // Input waits while the worker runs, except the PIN typed while the
            // agent is asked (a fast typist loses no digit; the list drops them).
            _ if input && self.input_waits() => {}
            Action::Command(command) => self.command(command, &mut effects),
            Action::Char(c) => self.type_text(&c.to_string(), &mut effects),
            Action::Paste(text) => self.type_text(text.as_str(), &mut effects),
            Action::Click { column, row } => self.click(column, row, &mut effects),
            Action::Scroll(up) => {
                if self.help.is_none() && self.context() == Context::List {
                    self.command(if up { Command::Up } else { Command::Down }, &mut effects);
                }
            }
            Action::Job(result) => self.job_done(result, &mut effects),
            Action::Lockout(status) => self.lockout(status),
            Action::Copied {
                label,
                code,
                result,
            } => self.copied(label, code, result),
            Action::Cleared(result) => {
                self.status = Some(match result {
                    Ok(true) => Status::Info(text::clipboard_cleared().to_owned()),
                    Ok(false) => Status::Info(text::clipboard_changed().to_owned()),
                    Err(error) => Status::Error(error),
                });
            }
            Action::ConfigSaved(result) => {
                self.status = Some(match result {
                    Ok(()) => Status::Info(text::settings_saved().to_owned()),
                    Err(error) => Status::Error(error),
                });
            }
            Action::ProbeAgent => {
                if matches!(self.screen, Screen::Locked(_)) && self.busy.is_none() {
                    self.busy = Some(Busy::Probing);
                    effects.push(Effect::Agent(AgentJob::Connect));
                }
            }
            Action::Agent(result) => self.agent_result(result, &mut effects),
            Action::Push(event) => self.push_event(event, &mut effects),
        }
        self.timers(&mut effects);
        effects
    }

    /// A command while the help overlay is open: scroll or close.
    fn help_command(&mut self, command: Command) {
        let Some(offset) = self.help else { return };
        self.help = match command {
            Command::Up => Some(offset.saturating_sub(1)),
            Command::Down => Some(offset.saturating_add(1).min(layout::help_max_offset(self))),
            Command::Back | Command::Help => None,
            _ => Some(offset),
        };
    }

    /// A key-map command, to the screen that is showing.
    fn command(&mut self, command: Command, effects: &mut Vec<Effect>) {
        if self.shown_push().is_some() {
            // A login request is shown over everything: its keys only.
            self.push_command(command, effects);
            return;
        }
        match &mut self.screen {
            Screen::Setup(_) => self.setup_command(command, effects),
            Screen::Locked(_) => self.locked_command(command, effects),
            Screen::Unlocked(_) => self.unlocked_command(command, effects),
            Screen::Agent(_) => self.agent_command(command, effects),
        }
    }

    /// Typed or pasted text, to the field that takes it.
    fn type_text(&mut self, typed: &str, effects: &mut Vec<Effect>) {
        let context = self.context();
        match &mut self.screen {
            Screen::Setup(setup) => {
                // A refusal stays visible while the next PIN is typed.
                for c in typed.chars() {
                    setup.entry.push(c);
                }
                if setup.entry.is_full() {
                    self.setup_command(Command::Submit, effects);
                }
            }
            Screen::Locked(locked) => {
                // Digits are not taken during a pause; the screen counts it down.
                if let Lockout::Until(_) = locked.lockout {
                    return;
                }
                for c in typed.chars() {
                    locked.entry.push(c);
                }
                if locked.entry.is_full() {
                    self.locked_command(Command::Submit, effects);
                }
            }
            Screen::Unlocked(unlocked) => match &mut unlocked.modal {
                Some(Modal::Add(form)) => form.insert(typed),
                Some(Modal::Rename(form)) => form.insert(typed),
                Some(Modal::ChangePin(change)) => {
                    for c in typed.chars() {
                        change.entry.push(c);
                    }
                    if change.entry.is_full() {
                        self.unlocked_command(Command::Submit, effects);
                    }
                }
                None if context == Context::Search => {
                    unlocked
                        .filter
                        .extend(typed.chars().filter(|c| !c.is_control()));
                    unlocked.selected = 0;
                }
                _ => {}
            },
            Screen::Agent(list) => {
                if context == Context::Search {
                    list.filter
                        .extend(typed.chars().filter(|c| !c.is_control()));
                    list.selected = 0;
                }
            }
        }
    }

    /// A click in the list selects the row and copies its code.
    fn click(&mut self, column: u16, row: u16, effects: &mut Vec<Effect>) {
        if self.help.is_none() && self.shown_push().is_some() {
            if let Some(position) = layout::push_choice_at(self, column, row) {
                self.push_command(Command::Pick(position), effects);
            }
            return;
        }
        if self.help.is_some() || self.context() != Context::List {
            return;
        }
        let Some(position) = layout::row_at(self, column, row) else {
            return;
        };
        match &mut self.screen {
            Screen::Unlocked(unlocked) => unlocked.selected = position,
            Screen::Agent(list) => list.selected = position,
            _ => {}
        }
        self.command(Command::Copy, effects);
    }
}
