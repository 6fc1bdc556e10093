//! What time alone changes: clearing the clipboard, the auto-lock, hiding a HOTP
//! or QR code after a while, the end of a lockout pause.

use super::state::{App, Lockout, Modal, QR_SHOWN_SECS, Screen, Status};
use crate::tui::message::Effect;
use crate::tui::text;

impl App {
    /// Time-driven changes: clipboard clearing, auto-lock, the end of a pause.
    pub(super) fn timers(&mut self, effects: &mut Vec<Effect>) {
        if let Some(pending) = &self.pending_clear
            && self.now >= pending.at
            && let Some(pending) = self.pending_clear.take()
        {
            effects.push(Effect::ClearClipboard {
                code: pending.code,
                method: pending.method,
            });
        }
        let auto_lock = self.config.auto_lock_secs;
        if auto_lock > 0
            && self.busy.is_none()
            && self.now >= self.last_input.saturating_add(auto_lock)
        {
            match self.screen {
                Screen::Unlocked(_) => self.lock(Some(text::locked_idle(auto_lock)), effects),
                Screen::Agent(_) => {
                    self.lock(Some(text::locked_idle_agent(auto_lock)), effects);
                }
                _ => {}
            }
        }
        self.agent_timers(effects);
        self.push_timers(effects);
        if let Screen::Unlocked(unlocked) = &mut self.screen
            && unlocked.hotp.as_ref().is_some_and(|h| self.now >= h.until)
        {
            unlocked.hotp = None;
        }
        if let Screen::Unlocked(unlocked) = &mut self.screen
            && matches!(&unlocked.modal, Some(Modal::Qr(shown)) if self.now >= shown.until)
        {
            unlocked.modal = None;
            self.status = Some(Status::Info(text::qr_closed_after(QR_SHOWN_SECS)));
        }
        if let Screen::Locked(locked) = &mut self.screen
            && let Lockout::Until(until) = locked.lockout
            && self.now >= until
        {
            // The pause is over: what was said before it no longer holds.
            locked.lockout = Lockout::Unknown;
            locked.message = None;
            effects.push(Effect::CheckLockout);
        }
    }
}
