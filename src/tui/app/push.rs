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

#[cfg(test)]
mod tests {
    use super::super::tests::{T0, push_arrives, push_request, totp, unlocked_app};
    use super::*;
    use crate::accounts::PushLink;
    use crate::tui::keymap::Context;
    use crate::tui::message::Action;

    const ID: &str = "AAAAAAAAAAAAAAAAAAAAAA";
    const ID2: &str = "BBBBBBBBBBBBBBBBBBBBBB";
    const LABEL: &str = "KISTI:jklee";

    fn link() -> PushLink {
        PushLink::new(
            "http://127.0.0.1:1".into(),
            "1106".into(),
            "jklee".into(),
            "T-7".into(),
            zeroize::Zeroizing::new([7; 32]),
        )
    }

    /// The open vault with jklee's account linked for push approvals.
    fn app() -> App {
        let mut app = unlocked_app(vec![
            totp("GitHub", "alice", 30),
            totp("KISTI", "jklee", 60),
        ]);
        if let Screen::Unlocked(unlocked) = &mut app.screen {
            assert!(unlocked.store.set_push_link(1, link()));
        }
        app
    }

    fn press(app: &mut App, command: Command, now: u64) -> Vec<Effect> {
        app.update(Action::Command(command), now)
    }

    #[test]
    fn the_open_vault_watches_its_links_and_stops_on_lock() {
        let mut app = app();
        let effects = app.update(Action::Tick, T0);
        let watched = effects.iter().find_map(|e| match e {
            Effect::WatchPush(watches) => Some(watches.clone()),
            _ => None,
        });
        let watches = watched.expect("a watch");
        assert_eq!(watches.len(), 1);
        assert_eq!(watches[0].label, LABEL);
        // Asked once, not again at every tick.
        let effects = app.update(Action::Tick, T0 + 1);
        assert!(!effects.iter().any(|e| matches!(e, Effect::WatchPush(_))));
        let effects = press(&mut app, Command::Lock, T0 + 2);
        assert!(
            effects
                .iter()
                .any(|e| matches!(e, Effect::WatchPush(w) if w.is_empty())),
            "{effects:?}"
        );
    }

    #[test]
    fn a_new_request_rings_once_shows_over_the_list_and_its_number_approves() {
        let mut app = app();
        app.update(Action::Tick, T0);
        let effects = push_arrives(
            &mut app,
            LABEL,
            vec![push_request(LABEL, ID, "portal", "x")],
            T0,
        );
        assert_eq!(
            effects.iter().filter(|e| matches!(e, Effect::Bell)).count(),
            1
        );
        assert_eq!(app.context(), Context::Push);
        // The same request listed again rings no more.
        let effects = push_arrives(
            &mut app,
            LABEL,
            vec![push_request(LABEL, ID, "portal", "x")],
            T0 + 1,
        );
        assert!(!effects.iter().any(|e| matches!(e, Effect::Bell)));
        let effects = press(&mut app, Command::Pick(3), T0 + 2);
        let reply = effects
            .iter()
            .find_map(|e| match e {
                Effect::AnswerPush(reply) => Some(reply.clone()),
                _ => None,
            })
            .expect("an answer");
        assert_eq!(reply.request_id, ID);
        assert_eq!(reply.decision, Decision::Approve);
        assert_eq!(reply.number.as_deref(), Some("90"));
        assert_eq!(reply.link, Some(link()));
        assert!(app.shown_push().is_none());
        // A poll that crossed the answer does not bring it back.
        push_arrives(
            &mut app,
            LABEL,
            vec![push_request(LABEL, ID, "portal", "x")],
            T0 + 2,
        );
        assert!(app.shown_push().is_none());
        app.update(
            Action::Push(PushEvent::Answered {
                request_id: ID.into(),
                decision: Decision::Approve,
                result: Ok(PushState::Approved),
            }),
            T0 + 3,
        );
        assert_eq!(app.status, Some(Status::Info(text::push_approved(LABEL))));
    }

    #[test]
    fn not_me_denies_esc_defers_and_requests_queue_and_expire() {
        let mut app = app();
        let requests = vec![
            push_request(LABEL, ID, "portal", "x"),
            push_request(LABEL, ID2, "mail", "y"),
        ];
        push_arrives(&mut app, LABEL, requests, T0);
        assert_eq!(app.pushes.queued(T0), 1);
        // Esc: the first waits (not shown again), the second shows.
        press(&mut app, Command::Back, T0);
        assert_eq!(
            app.shown_push().map(|p| p.info.request_id.as_str()),
            Some(ID2)
        );
        let effects = press(&mut app, Command::NotMe, T0);
        assert!(effects.iter().any(|e| matches!(e,
            Effect::AnswerPush(PushReply { decision: Decision::Deny, number: None, request_id, .. }) if request_id == ID2)));
        assert!(app.shown_push().is_none());
        assert_eq!(app.context(), Context::List);
        // Both gone by themselves once expired.
        app.update(Action::Tick, T0 + 55);
        assert!(app.pushes.requests.is_empty());
    }

    #[test]
    fn a_request_for_an_account_no_longer_linked_is_not_answered() {
        let mut app = unlocked_app(vec![totp("KISTI", "jklee", 60)]);
        push_arrives(
            &mut app,
            LABEL,
            vec![push_request(LABEL, ID, "portal", "x")],
            T0,
        );
        let effects = press(&mut app, Command::Pick(1), T0);
        assert!(!effects.iter().any(|e| matches!(e, Effect::AnswerPush(_))));
        assert!(matches!(app.status, Some(Status::Error(_))));
    }

    #[test]
    fn locking_forgets_the_requests() {
        let mut app = app();
        push_arrives(
            &mut app,
            LABEL,
            vec![push_request(LABEL, ID, "portal", "x")],
            T0,
        );
        app.pushes.requests[0].dismissed = true;
        press(&mut app, Command::Lock, T0);
        assert!(app.pushes.requests.is_empty());
        // News for a locked interface is dropped.
        push_arrives(
            &mut app,
            LABEL,
            vec![push_request(LABEL, ID2, "portal", "x")],
            T0,
        );
        assert!(app.pushes.requests.is_empty());
    }
}
