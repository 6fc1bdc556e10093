//! The first-run and unlock screens: a centred panel with the PIN dots.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};

use super::frame::busy_text;
use super::style::{Part, bold, dim, error, panel};
use crate::tui::app::{App, Busy, Locked, Lockout, Setup};
use crate::tui::text;

/// Six dots, the first `typed` filled.
pub(super) fn pin_dots(typed: usize) -> Line<'static> {
    let mut spans = Vec::new();
    for i in 0..6 {
        if i > 0 {
            spans.push(Span::raw(" "));
        }
        spans.push(if i < typed {
            Span::styled("●", bold())
        } else {
            Span::styled("○", dim())
        });
    }
    Line::from(spans).centered()
}

/// The first-run screen: choose a PIN, then type it again; once both are typed,
/// the progress alone (no prompt or empty dots that look like a new question).
pub(super) fn render_setup(app: &App, setup: &Setup, area: Rect, buf: &mut Buffer) {
    if matches!(app.busy, Some(Busy::Creating(_)))
        && let Some(busy) = busy_text(app)
    {
        let lines = vec![
            Part::text(busy, Style::new().fg(Color::Cyan)),
            Part::blank(),
            Part::text(text::vault_location(&app.vault_path), dim()),
        ];
        panel(lines, area, 60, buf);
        return;
    }
    let prompt = if setup.first.is_some() {
        text::setup_repeat()
    } else {
        text::setup_choose()
    };
    let mut lines = vec![
        Part::text(prompt, bold()),
        Part::Line(pin_dots(setup.entry.len())),
        Part::blank(),
    ];
    if let Some(message) = &setup.message {
        lines.push(Part::text(message.clone(), error()));
    }
    lines.push(Part::text(text::pin_policy(), dim()));
    if let Some(busy) = busy_text(app) {
        lines.push(Part::text(busy, Style::new().fg(Color::Cyan)));
    }
    lines.push(Part::text(text::vault_location(&app.vault_path), dim()));
    panel(lines, area, 60, buf);
}

/// The unlock screen: the PIN dots, attempts left or the pause, and why it is shown.
/// During a pause its live countdown is the one message (an earlier one is stale).
pub(super) fn render_locked(app: &App, locked: &Locked, area: Rect, buf: &mut Buffer) {
    let mut lines = vec![
        Part::text(text::unlock_prompt(), bold()),
        Part::Line(pin_dots(locked.entry.len())),
        Part::blank(),
    ];
    match locked.lockout {
        Lockout::Unknown => {}
        Lockout::Open { attempts_left } => {
            lines.push(Part::text(text::attempts_left(attempts_left), dim()));
        }
        Lockout::Until(until) => lines.push(Part::text(
            text::locked_out(until.saturating_sub(app.now)),
            error(),
        )),
    }
    if let Some(busy) = busy_text(app) {
        lines.push(Part::text(busy, Style::new().fg(Color::Cyan)));
    } else if let Some(message) = &locked.message
        && !matches!(locked.lockout, Lockout::Until(_))
    {
        lines.push(Part::text(message.clone(), error()));
    }
    panel(lines, area, 60, buf);
}
