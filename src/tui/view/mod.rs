//! Drawing: `impl Widget for &App`. Reads the state, never changes it; the codes are
//! computed for `app.now`, so a drawing is a function of the state alone.
//!
//! One file per part of the screen; this one puts them together.

mod dialog;
mod frame;
mod list;
mod pin;
mod push;
mod qr;
mod style;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::tui::app::{App, Modal, Screen};
use crate::tui::layout::{self, Room};
use dialog::{render_help, render_modal, render_settings};
use frame::{render_hints, render_status, render_title};
use list::{render_agent_list, render_list, render_search};
use pin::{render_locked, render_setup};
use push::render_push;
use qr::render_qr;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if let Screen::Unlocked(unlocked) = &self.screen
            && let Some(Modal::Qr(shown)) = &unlocked.modal
        {
            // The QR code takes the whole screen: nothing else is drawn.
            render_qr(self, shown, clip_to_app(self, area), buf);
            // Only a login request is drawn over it.
            if let Some(push) = self.shown_push() {
                render_push(self, push, Room::of(self, area), buf);
            }
            return;
        }
        let frame = layout::app_frame(self);
        // Draw at the app's own idea of the size, clipped to the area given.
        let clip = |r: Rect| r.intersection(area);
        // The frame first: a dialog with a long message may grow over it.
        render_title(self, clip(frame.title), buf);
        render_status(self, clip(frame.status), buf);
        render_hints(self, clip(frame.hints), buf);
        let room = Room::of(self, area);
        match &self.screen {
            Screen::Setup(setup) => render_setup(self, setup, clip(frame.body), buf),
            Screen::Locked(locked) => render_locked(self, locked, clip(frame.body), buf),
            Screen::Unlocked(unlocked) => {
                render_search(
                    unlocked.searching,
                    &unlocked.filter,
                    clip(frame.search),
                    buf,
                );
                render_list(self, unlocked, clip(frame.body), buf);
                if let Some(modal) = &unlocked.modal {
                    render_modal(self, unlocked, modal, room, buf);
                }
            }
            Screen::Agent(list) => {
                render_search(list.searching, &list.filter, clip(frame.search), buf);
                render_agent_list(self, list, clip(frame.body), buf);
                if let Some(selected) = list.settings {
                    render_settings(self, selected, room, buf);
                }
            }
        }
        if let Some(push) = self.shown_push() {
            render_push(self, push, room, buf);
        }
        if self.help.is_some() {
            render_help(self, clip(layout::help_area(self)), buf);
        }
    }
}

/// `area` within the size the app last heard of, as the frame is drawn.
fn clip_to_app(app: &App, area: Rect) -> Rect {
    layout::screen_area(app).intersection(area)
}
