//! Login requests (push approvals, number matching): the dialog that shows the
//! oldest waiting request over the list, its keys, and the news that comes from
//! the pollers (the interface's own while the vault is open, the agent's
//! otherwise).
//!
//! A new request rings the bell once and shows at once; `1`/`2`/`3` (or a click)
//! approve with that number, `d`/`n` deny ("not me"), Esc closes the dialog and
//! leaves the request pending until it expires. Expired requests go by
//! themselves. The answer is signed and sent off the interface's thread
//! ([`Effect::AnswerPush`]); its outcome lands on the status line.

use super::state::{App, Screen, ShownPush, Status};
use crate::agent::protocol::PushInfo;
use crate::api::push::{Decision, PushState};
use crate::tui::message::{AgentJob, Command, Effect, PushEvent, PushReply, PushWatch};
use crate::tui::text;

/// How long an answered request is ignored if a poll lists it again (seconds).
const FORGET_ANSWERED_SECS: u64 = 120;

impl App {
    /// News from a poller or an answer.
    pub(super) fn push_event(&mut self, event: PushEvent, effects: &mut Vec<Effect>) {
        match event {
            PushEvent::Pending { account, requests } => {
                self.push_pending(account.as_deref(), requests, effects)
            }
            PushEvent::Answered {
                request_id,
                decision,
                result,
            } => {
                let account = match self.pushes.sending.take() {
                    Some((id, account)) if id == request_id => account,
                    other => {
                        // Not the answer awaited (a stale one): keep waiting.
                        self.pushes.sending = other;
                        String::new()
                    }
                };
                self.status = Some(match (result, decision) {
                    (Ok(PushState::Approved), _) => Status::Info(text::push_approved(&account)),
                    (Ok(PushState::Denied), Decision::Deny) => {
                        Status::Info(text::push_denied(&account))
                    }
                    (Ok(PushState::Denied), Decision::Approve) => {
                        Status::Error(text::push_wrong_number())
                    }
                    (Ok(PushState::Expired | PushState::Pending), _) => {
                        Status::Error(text::push_expired())
                    }
                    (Err(message), _) => Status::Error(message),
                });
            }
        }
    }

    /// The requests waiting now for `account` (or every account): new ones join
    /// the queue (and ring the bell), known ones keep their place, the others
    /// (answered elsewhere, expired) go.
    fn push_pending(
        &mut self,
        account: Option<&str>,
        requests: Vec<PushInfo>,
        effects: &mut Vec<Effect>,
    ) {
        if !matches!(self.screen, Screen::Unlocked(_) | Screen::Agent(_)) {
            return;
        }
        let now = self.now;
        let old = std::mem::take(&mut self.pushes.requests);
        let mut kept: Vec<ShownPush> = old
            .iter()
            .filter(|r| account.is_some_and(|a| r.info.account != a))
            .cloned()
            .collect();
        let mut fresh = false;
        for info in requests {
            if self
                .pushes
                .answered
                .iter()
                .any(|(id, _)| *id == info.request_id)
                || kept.iter().any(|r| r.info.request_id == info.request_id)
            {
                continue;
            }
            match old.iter().find(|r| r.info.request_id == info.request_id) {
                Some(known) => kept.push(ShownPush {
                    info,
                    ..known.clone()
                }),
                None => {
                    fresh = true;
                    kept.push(ShownPush {
                        expires_at: now.saturating_add(info.expires_in),
                        info,
                        dismissed: false,
                    });
                }
            }
        }
        self.pushes.requests = kept;
        if fresh && self.shown_push().is_some() {
            effects.push(Effect::Bell);
        }
    }

    /// A key in the dialog.
    pub(super) fn push_command(&mut self, command: Command, effects: &mut Vec<Effect>) {
        let Some(shown) = self.shown_push().cloned() else {
            return;
        };
        let id = shown.info.request_id.clone();
        let (decision, number) = match command {
            Command::Pick(position) => {
                let Some(number) = shown
                    .info
                    .numbers
                    .get(usize::from(position).wrapping_sub(1))
                else {
                    return;
                };
                (Decision::Approve, Some(number.clone()))
            }
            Command::NotMe => (Decision::Deny, None),
            Command::Back => {
                if let Some(request) = self
                    .pushes
                    .requests
                    .iter_mut()
                    .find(|r| r.info.request_id == id)
                {
                    request.dismissed = true;
                }
                return;
            }
            _ => return,
        };
        let link = match &self.screen {
            Screen::Unlocked(unlocked) => {
                match unlocked.store.push_link_by_label(&shown.info.account) {
                    Some(link) => Some(link.clone()),
                    None => {
                        self.status = Some(Status::Error(text::account_gone(&shown.info.account)));
                        return;
                    }
                }
            }
            _ => None,
        };
        self.pushes.requests.retain(|r| r.info.request_id != id);
        self.pushes
            .answered
            .push((id.clone(), self.now.saturating_add(FORGET_ANSWERED_SECS)));
        self.pushes.sending = Some((id.clone(), shown.info.account.clone()));
        self.status = Some(Status::Info(text::push_sending()));
        effects.push(Effect::AnswerPush(PushReply {
            request_id: id,
            decision,
            number,
            link,
        }));
    }

    /// What time changes: expired requests go, answered ones are forgotten, and
    /// the waiting follows the screen (the vault's links while it is open, the
    /// agent while its list shows, nothing otherwise).
    pub(super) fn push_timers(&mut self, effects: &mut Vec<Effect>) {
        let now = self.now;
        self.pushes.requests.retain(|r| r.expires_at > now);
        self.pushes.answered.retain(|(_, until)| *until > now);
        let watches: Vec<PushWatch> = match &self.screen {
            Screen::Unlocked(unlocked) => unlocked
                .store
                .push_links()
                .map(|(_, account, link)| PushWatch {
                    label: account.label(),
                    link: link.clone(),
                })
                .collect(),
            _ => Vec::new(),
        };
        let watching: Vec<(String, String, String)> = watches
            .iter()
            .map(|w| {
                (
                    w.label.clone(),
                    w.link.server.clone(),
                    w.link.serial.clone(),
                )
            })
            .collect();
        if watching != self.pushes.watching {
            self.pushes.watching = watching;
            effects.push(Effect::WatchPush(watches));
        }
        let agent_watch = matches!(self.screen, Screen::Agent(_));
        if agent_watch != self.pushes.agent_watch {
            self.pushes.agent_watch = agent_watch;
            effects.push(Effect::Agent(AgentJob::WatchPushes(agent_watch)));
        }
        if !matches!(self.screen, Screen::Unlocked(_) | Screen::Agent(_)) {
            // Locked: nothing of the requests stays on screen or in memory.
            self.pushes.requests.clear();
            self.pushes.sending = None;
        }
    }
}
