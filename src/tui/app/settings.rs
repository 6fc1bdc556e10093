//! The settings dialog: the clipboard clear time and the auto-lock time, stepped
//! through fixed choices and saved to the config file at each change.

use super::state::App;
use crate::tui::message::{Command, Effect};

/// Choices offered for the clipboard clear time, in seconds (0: never).
pub const CLEAR_CHOICES: [u64; 9] = [10, 15, 20, 30, 45, 60, 90, 120, 0];
/// Choices offered for the auto-lock time, in seconds (0: never).
pub const LOCK_CHOICES: [u64; 8] = [60, 120, 300, 600, 900, 1800, 3600, 0];

/// The choice after (or before) `current`; a value not in the list moves to the
/// nearest one in the asked direction.
pub(super) fn step_choice(choices: &[u64], current: u64, forward: bool) -> u64 {
    let position = choices.iter().position(|&c| c == current);
    let len = choices.len();
    let index = match (position, forward) {
        (Some(i), true) => (i + 1).min(len.saturating_sub(1)),
        (Some(i), false) => i.saturating_sub(1),
        (None, true) => choices
            .iter()
            .position(|&c| c > current || c == 0)
            .unwrap_or(0),
        (None, false) => choices
            .iter()
            .rposition(|&c| c != 0 && c < current)
            .unwrap_or(0),
    };
    choices.get(index).copied().unwrap_or(current)
}

impl App {
    /// A command in the settings at line `selected`; the line, or `None` once closed.
    pub(super) fn settings_command(
        &mut self,
        selected: usize,
        command: Command,
        effects: &mut Vec<Effect>,
    ) -> Option<usize> {
        match command {
            Command::Up => Some(selected.saturating_sub(1)),
            Command::Down => Some((selected + 1).min(1)),
            Command::Left | Command::Right => {
                let forward = command == Command::Right;
                if selected == 0 {
                    self.config.clipboard_clear_secs =
                        step_choice(&CLEAR_CHOICES, self.config.clipboard_clear_secs, forward);
                } else {
                    self.config.auto_lock_secs =
                        step_choice(&LOCK_CHOICES, self.config.auto_lock_secs, forward);
                }
                effects.push(Effect::SaveConfig(self.config.clone()));
                Some(selected)
            }
            Command::Back => None,
            _ => Some(selected),
        }
    }
}
