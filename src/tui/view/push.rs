//! The login-request dialog (push approval with number matching): whose login,
//! what the login page says about it (untrusted text, shown plain and cut by
//! display width), the seconds left, and the three numbers as three big choices.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::style::{bold, dim, truncate, urgent};
use crate::api::push::plain_text;
use crate::tui::app::{App, ShownPush};
use crate::tui::layout::{Room, push_dialog};
use crate::tui::text;

/// Seconds left under which the time is drawn as urgent.
const URGENT_SECS: u64 = 10;

/// One row: its name dim, then the value, cut to `width` columns together.
fn row(name: &str, value: &str, name_width: usize, width: usize) -> Line<'static> {
    let name = truncate(name, name_width);
    let padding = name_width.saturating_sub(name.width()) + 1;
    let room = width.saturating_sub(name.width() + padding);
    Line::from(vec![
        Span::styled(name, dim()),
        Span::raw(" ".repeat(padding)),
        Span::styled(truncate(&plain_text(value), room), bold()),
    ])
}

/// Draws the dialog for `shown` in `room`.
pub(super) fn render_push(app: &App, shown: &ShownPush, room: Room, buf: &mut Buffer) {
    let dialog = push_dialog(room);
    if dialog.outer.is_empty() {
        return;
    }
    Clear.render(dialog.outer, buf);
    let title_width = usize::from(dialog.outer.width.saturating_sub(4));
    Block::new()
        .borders(Borders::ALL)
        .border_style(Style::new().fg(Color::Yellow))
        .title(Span::styled(
            format!(" {} ", truncate(&text::push_title(), title_width)),
            bold(),
        ))
        .render(dialog.outer, buf);

    let info = &shown.info;
    let width = usize::from(dialog.info.width.saturating_sub(2));
    let names = [
        text::push_account(),
        text::push_service(),
        text::push_from(),
        text::push_details(),
    ];
    let name_width = names
        .iter()
        .map(|n| n.width())
        .max()
        .unwrap_or(0)
        .min(width / 3);
    let context = &info.context;
    let values = [
        Some(info.account.as_str()),
        context.service.as_deref(),
        context.client_ip.as_deref(),
        context.text.as_deref(),
    ];
    let mut lines: Vec<Line<'static>> = names
        .iter()
        .zip(values)
        .filter_map(|(name, value)| value.map(|v| row(name, v, name_width, width)))
        .collect();
    let left = shown.expires_at.saturating_sub(app.now);
    let queued = app.pushes.queued(app.now);
    let style = if left <= URGENT_SECS { urgent() } else { dim() };
    lines.push(Line::styled(
        truncate(&text::push_expires(left, queued), width),
        style,
    ));
    // The question goes last, right above the numbers; what does not fit is
    // left out from the bottom of the context, never the question.
    let rows = usize::from(dialog.info.height);
    let question = Line::styled(truncate(&text::push_question(), width), bold());
    if rows > 0 {
        lines.truncate(rows - 1);
        // The question sits right above the numbers.
        while lines.len() + 1 < rows {
            lines.push(Line::raw(""));
        }
        lines.push(question);
    }
    let area = Rect::new(
        dialog.info.x + 1,
        dialog.info.y,
        dialog.info.width.saturating_sub(2),
        dialog.info.height,
    );
    Paragraph::new(lines).render(area, buf);

    for ((position, rect), number) in (1u8..).zip(dialog.choices).zip(&info.numbers) {
        render_choice(position, number, rect, buf);
    }
    if !dialog.hint.is_empty() {
        Paragraph::new(Line::styled(
            truncate(&text::push_keys(), usize::from(dialog.hint.width)),
            dim(),
        ))
        .centered()
        .render(dialog.hint, buf);
    }
}

/// One number: a box with its key in the border, or `1 47` on one row.
fn render_choice(position: u8, number: &str, rect: Rect, buf: &mut Buffer) {
    if rect.is_empty() {
        return;
    }
    let number = plain_text(number);
    let big = Style::new()
        .fg(Color::Cyan)
        .add_modifier(Modifier::BOLD | Modifier::REVERSED);
    if rect.height >= 3 {
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(Style::new().fg(Color::Cyan))
            .title(Span::styled(format!(" {position} "), bold()));
        let inner = block.inner(rect);
        block.render(rect, buf);
        Paragraph::new(Line::styled(format!(" {number} "), big))
            .centered()
            .render(inner, buf);
    } else {
        let label = truncate(&format!("{position} {number}"), usize::from(rect.width));
        Paragraph::new(Line::from(vec![Span::styled(label, big)]))
            .centered()
            .render(rect, buf);
    }
}
