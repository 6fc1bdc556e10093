//! The frame around every screen: the title bar, the status line (or what the
//! worker is busy with) and the key hints.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::style::{bold, dim, error, good, truncate};
use crate::tui::app::{App, Busy, Escape, Screen, Status};
use crate::tui::keymap::{self, Binding, Context};
use crate::tui::layout;
use crate::tui::message::Command;
use crate::tui::text;
use crate::tui::width::{fit_joined_label, wrap_within};

const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/// The spinner character for the current frame.
fn spinner(app: &App) -> &'static str {
    SPINNER[usize::try_from(app.frame % SPINNER.len() as u64).unwrap_or(0)]
}

/// What the worker is doing, with the spinner, if it is busy.
pub(super) fn busy_text(app: &App) -> Option<String> {
    let busy = app.busy.as_ref()?;
    let what = match busy {
        Busy::Creating(_) => text::creating(),
        Busy::Unlocking(_) => text::unlocking(),
        Busy::Saving => text::saving(),
        Busy::CheckingPin(_) => text::checking_pin(),
        Busy::ChangingPin(_) => text::changing_pin(),
        Busy::Probing => text::probing(),
        Busy::AgentCode(_) => text::agent_code(),
        Busy::LookingUp => text::looking_up(),
        Busy::Enrolling => text::enrolling(),
    };
    Some(if app.quit_when_idle {
        format!("{} {}", spinner(app), text::quit_after_save(&what))
    } else {
        format!("{} {what}", spinner(app))
    })
}

/// The account count of the title, or while a search is set, the matches among
/// the accounts ("2/5").
fn count_title(filter: &str, matches: usize, count: usize, limit: usize) -> String {
    if filter.trim().is_empty() {
        text::account_count(count, limit)
    } else {
        text::match_count(matches, count)
    }
}

/// The title bar: the program on the left, the screen or account count on the right.
pub(super) fn render_title(app: &App, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let style = Style::new().fg(Color::Black).bg(Color::Cyan);
    buf.set_style(area, style);
    let right = match &app.screen {
        Screen::Setup(_) => text::setup_title().to_owned(),
        Screen::Locked(_) => text::unlock_title().to_owned(),
        Screen::Unlocked(unlocked) => count_title(
            &unlocked.filter,
            unlocked.visible().len(),
            unlocked.store.len(),
            app.config.max_accounts,
        ),
        Screen::Agent(list) => text::agent_title(
            &count_title(
                &list.filter,
                list.visible().len(),
                list.accounts.len(),
                app.config.max_accounts,
            ),
            list.expires_at.saturating_sub(app.now),
            area.width < 64,
        ),
    };
    let width = usize::from(area.width);
    let left = format!(" {}", text::app_title());
    let right = truncate(&format!("{right} "), width.saturating_sub(left.width() + 1));
    Line::from(Span::styled(left, style.add_modifier(Modifier::BOLD))).render(area, buf);
    Line::from(Span::styled(right, style))
        .right_aligned()
        .render(area, buf);
}

/// The status line: what the worker is doing, or the last message. An info or
/// error message is wrapped over the rows the frame gave it
/// ([`layout::status_message`]), and cut with `…` only when they cannot hold it.
pub(super) fn render_status(app: &App, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let width = usize::from(area.width);
    if let Some(message) = layout::status_message(app) {
        let style = match app.status {
            Some(Status::Info(_)) => good(),
            _ => error(),
        };
        let lines: Vec<Line> =
            wrap_within(message, width.saturating_sub(1), usize::from(area.height))
                .into_iter()
                .map(|line| Line::styled(format!(" {line}"), style))
                .collect();
        Paragraph::new(lines).render(area, buf);
        return;
    }
    let (message, style) = if let (Some(busy), Screen::Unlocked(_) | Screen::Agent(_)) =
        (busy_text(app), &app.screen)
    {
        (busy, Style::new().fg(Color::Cyan))
    } else {
        match &app.status {
            // An info or an error was wrapped above.
            None | Some(Status::Info(_) | Status::Error(_)) => return,
            Some(Status::Copied { label, method }) => {
                let clears_in = app
                    .pending_clear
                    .as_ref()
                    .map(|p| p.at.saturating_sub(app.now));
                let full = text::copied(label, *method, clears_in);
                if full.width() < width {
                    (full, good())
                } else {
                    // Narrow: the account and the countdown stay, how it was
                    // copied goes, and the issuer is shortened before the name.
                    let rest = text::copied_short("", clears_in).width() + 1;
                    let label = fit_joined_label(label, width.saturating_sub(rest));
                    (text::copied_short(&label, clears_in), good())
                }
            }
        }
    };
    Line::from(Span::styled(truncate(&format!(" {message}"), width), style)).render(area, buf);
}

/// The key hints of the current context, as many as fit.
pub(super) fn render_hints(app: &App, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let width = usize::from(area.width);
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for binding in keymap::hints(app.context()) {
        let Some(word) = hint_word(app, binding) else {
            continue;
        };
        let key = binding.keys.first().map(|k| k.label()).unwrap_or_default();
        let needed = key.width() + 1 + word.width() + 2;
        if used + needed > width {
            break;
        }
        used += needed;
        spans.push(Span::styled(key, bold()));
        spans.push(Span::styled(format!(" {word}  "), dim()));
    }
    Line::from(spans).render(area, buf);
}

/// The word `binding` shows in the hint bar at this moment, or `None` when its
/// key does nothing now. Where Esc does different things by the state (the PIN
/// screens, the list), the word is what it does now ([`App::escape`]); in a form,
/// ← and → are offered only on a choice; while keys wait for the worker, only help.
fn hint_word(app: &App, binding: &Binding) -> Option<String> {
    if app.input_waits() && !matches!(binding.command, Command::Help | Command::Quit) {
        return None;
    }
    if binding.context == Context::Form
        && matches!(binding.command, Command::Left | Command::Right)
        && !app.focus_is_choice()
    {
        return None;
    }
    if binding.command == Command::Back && matches!(binding.context, Context::Pin | Context::List) {
        return match app.escape() {
            Escape::Nothing => None,
            Escape::Clear => Some(text::hint_clear()),
            Escape::Back => Some(text::hint_back()),
            Escape::Quit => Some(text::hint_quit()),
        };
    }
    binding.hint.map(|hint| hint())
}
