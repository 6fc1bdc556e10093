//! The app while a session agent serves the vault (`otp unlock`): the list shows
//! the labels the agent lists and the codes it computes, fetched once a second by
//! the agent thread; a change to the vault asks for the PIN first; any failure of
//! the agent falls back to the unlock screen.
//!
//! Still pure: requests go out as [`Effect::Agent`], answers come in as
//! [`Action::Agent`](crate::tui::message::Action::Agent).

use super::state::{
    AGENT_ANSWER_SECS, AgentHotp, AgentList, App, Busy, HOTP_SHOWN_SECS, Locked, Pending, Screen,
    Status,
};
use crate::tui::message::{AgentFailure, AgentJob, AgentResult, Command, Effect, Hidden};
use crate::tui::text;

impl App {
    /// An answer from the agent thread.
    pub(super) fn agent_result(&mut self, result: AgentResult, effects: &mut Vec<Effect>) {
        let now = self.now;
        let probing = matches!(self.busy, Some(Busy::Probing));
        match result {
            AgentResult::Connected {
                accounts,
                expires_at,
            } => {
                if probing {
                    self.busy = None;
                    if matches!(self.screen, Screen::Locked(_)) {
                        self.screen = Screen::Agent(Box::new(AgentList::new(accounts, expires_at)));
                        self.status = Some(Status::Info(text::agent_unlocked().to_owned()));
                    }
                }
            }
            AgentResult::Absent => {
                if probing {
                    self.busy = None;
                }
            }
            AgentResult::Unusable(message) => {
                if probing {
                    self.busy = None;
                    if let Screen::Locked(locked) = &mut self.screen {
                        locked.message = Some(text::agent_unusable(&message));
                    }
                }
            }
            AgentResult::Accounts(accounts) => {
                if let Screen::Agent(list) = &mut self.screen {
                    list.accounts = accounts;
                    list.fetching = None;
                    list.clamp_selection();
                }
            }
            AgentResult::Codes { at, codes } => {
                if let Screen::Agent(list) = &mut self.screen {
                    list.codes = codes;
                    list.codes_at = at;
                    list.fetching = None;
                    if !list.codes_match_accounts() {
                        // Another otp added, renamed or removed an account.
                        list.fetching = Some(now);
                        effects.push(Effect::Agent(AgentJob::List));
                    }
                }
            }
            AgentResult::Code { label, code } => {
                if !matches!(self.busy, Some(Busy::AgentCode(_))) {
                    return;
                }
                self.busy = None;
                if code.account != label {
                    self.agent_lost(
                        AgentFailure::Error(text::agent_wrong_account().to_owned()),
                        effects,
                    );
                    return;
                }
                if let Screen::Agent(list) = &mut self.screen {
                    list.hotp = Some(AgentHotp {
                        label: label.clone(),
                        code: Hidden::from(code.code.as_str()),
                        until: now.saturating_add(HOTP_SHOWN_SECS),
                    });
                    effects.push(Effect::Copy {
                        label: label.clone(),
                        code: Hidden::from(code.code.as_str()),
                    });
                    self.status = Some(Status::Info(text::hotp_generated(&label)));
                }
            }
            AgentResult::Push(event) => {
                if matches!(self.screen, Screen::Agent(_)) {
                    self.push_event(event, effects);
                }
            }
            AgentResult::Failed(failure) => {
                if matches!(self.screen, Screen::Agent(_)) {
                    self.agent_lost(failure, effects);
                } else if matches!(self.busy, Some(Busy::AgentCode(_) | Busy::Probing)) {
                    self.busy = None;
                }
            }
        }
    }

    /// The agent can no longer be used: drop its codes, ask for the PIN, say why
    /// (in short on the status line, the reason on the unlock screen).
    fn agent_lost(&mut self, failure: AgentFailure, effects: &mut Vec<Effect>) {
        let reason = match failure {
            AgentFailure::Ended => text::agent_ended().to_owned(),
            AgentFailure::Silent => text::agent_silent(AGENT_ANSWER_SECS),
            AgentFailure::Error(message) => text::agent_error(&message),
        };
        self.lock(Some(reason), effects);
        self.status = Some(Status::Error(text::agent_gone().to_owned()));
    }

    /// Time-driven agent work: a code request each second, giving up on an agent
    /// that does not answer, hiding a HOTP code after a while.
    pub(super) fn agent_timers(&mut self, effects: &mut Vec<Effect>) {
        let now = self.now;
        if let Some(Busy::AgentCode(since)) = &self.busy
            && now >= since.saturating_add(AGENT_ANSWER_SECS)
        {
            self.agent_lost(AgentFailure::Silent, effects);
            return;
        }
        let Screen::Agent(list) = &mut self.screen else {
            return;
        };
        if list.hotp.as_ref().is_some_and(|h| now >= h.until) {
            list.hotp = None;
        }
        match list.fetching {
            Some(since) if now >= since.saturating_add(AGENT_ANSWER_SECS) => {
                self.agent_lost(AgentFailure::Silent, effects);
            }
            Some(_) => {}
            None if list.codes_at != now => {
                list.fetching = Some(now);
                effects.push(Effect::Agent(AgentJob::Codes { now }));
            }
            None => {}
        }
    }

    /// A command in the agent's list.
    pub(super) fn agent_command(&mut self, command: Command, effects: &mut Vec<Effect>) {
        let now = self.now;
        let limit = self.config.max_accounts;
        let settings = match &self.screen {
            Screen::Agent(list) => list.settings,
            _ => return,
        };
        if let Some(selected) = settings {
            let next = self.settings_command(selected, command, effects);
            if let Screen::Agent(list) = &mut self.screen {
                list.settings = next;
            }
            return;
        }
        let Screen::Agent(list) = &mut self.screen else {
            return;
        };
        let count = list.visible().len();
        match command {
            Command::Up => list.selected = list.selected.saturating_sub(1),
            Command::Down => list.selected = (list.selected + 1).min(count.saturating_sub(1)),
            Command::First => list.selected = 0,
            Command::Last => list.selected = count.saturating_sub(1),
            Command::Search => list.searching = true,
            Command::Submit if list.searching => list.searching = false,
            Command::Backspace if list.searching => {
                list.filter.pop();
                list.clamp_selection();
            }
            // Esc clears a search; it never quits (q does).
            Command::Back => {
                list.searching = false;
                list.filter.clear();
                list.clamp_selection();
            }
            Command::Copy => {
                let Some(account) = list.selected_account() else {
                    self.status = Some(Status::Info(text::nothing_to_copy().to_owned()));
                    return;
                };
                let label = account.label.clone();
                if account.kind == "hotp" {
                    effects.push(Effect::Agent(AgentJob::Code { label, now }));
                    self.busy = Some(Busy::AgentCode(now));
                } else {
                    match list.code_for(&label, now) {
                        Some((code, _)) => effects.push(Effect::Copy {
                            label,
                            code: Hidden::from(code),
                        }),
                        None => {
                            self.status = Some(Status::Info(text::agent_code_coming().to_owned()))
                        }
                    }
                }
            }
            Command::Add => {
                if list.accounts.len() >= limit {
                    self.status = Some(Status::Error(text::too_many(
                        list.accounts.len(),
                        limit,
                        &self.config_path,
                    )));
                } else {
                    self.ask_pin_for(command, None, effects);
                }
            }
            Command::ChangePin => self.ask_pin_for(command, None, effects),
            // The agent never hands out a secret: showing a QR code asks for the PIN.
            Command::Rename | Command::Delete | Command::ShowQr => {
                if let Some(account) = list.selected_account() {
                    let label = account.label.clone();
                    self.ask_pin_for(command, Some(label), effects);
                }
            }
            Command::Settings => list.settings = Some(0),
            Command::Lock => self.lock(Some(text::locked_agent_still_runs().to_owned()), effects),
            _ => {}
        }
    }

    /// A change asked for in the agent's list: the unlock screen, which runs
    /// `command` once the PIN opens the vault, or goes back to the list on Esc.
    fn ask_pin_for(&mut self, command: Command, label: Option<String>, effects: &mut Vec<Effect>) {
        let placeholder = Screen::Locked(Locked::new(None));
        let mut list = match std::mem::replace(&mut self.screen, placeholder) {
            Screen::Agent(list) => list,
            other => {
                self.screen = other;
                return;
            }
        };
        // The codes are not kept behind the unlock screen.
        list.codes.clear();
        list.codes_at = 0;
        list.fetching = None;
        list.hotp = None;
        let mut locked = Locked::new(Some(text::pin_for_change(command)));
        locked.then = Some(Pending { command, label });
        locked.back = Some(list);
        self.screen = Screen::Locked(locked);
        self.status = None;
        effects.push(Effect::CheckLockout);
    }

    /// Runs the change asked for before the PIN, in the list the PIN unlocked.
    pub(super) fn resume(&mut self, pending: Pending, effects: &mut Vec<Effect>) {
        let Screen::Unlocked(unlocked) = &mut self.screen else {
            return;
        };
        if let Some(label) = &pending.label {
            if !unlocked
                .store
                .accounts()
                .iter()
                .any(|a| &a.label() == label)
            {
                self.status = Some(Status::Error(text::account_gone(label)));
                return;
            }
            unlocked.filter.clear();
            unlocked.searching = false;
            unlocked.select_label(label);
        }
        self.unlocked_command(pending.command, effects);
    }
}
