//! The colours and text styles of the interface, and the pieces every part draws
//! with: text cut to a width, a centred panel of lines.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

/// Secondary text: hints, empty dots.
pub(super) fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}

/// Emphasis: codes, keys, titles.
pub(super) fn bold() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

/// Something went wrong.
pub(super) fn error() -> Style {
    Style::new().fg(Color::Red)
}

/// Something went well.
pub(super) fn good() -> Style {
    Style::new().fg(Color::Green)
}

/// The last seconds of a code.
pub(super) fn urgent() -> Style {
    Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
}

pub(super) use crate::tui::width::truncate;

/// A centred column of lines with word wrap, at most `max_width` wide.
pub(super) fn panel(lines: Vec<Line<'_>>, area: Rect, max_width: u16, buf: &mut Buffer) {
    let count = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let width = max_width.min(area.width);
    // Leave room for wrapped lines: at most twice the count, within the area.
    let height = count.saturating_mul(2).min(area.height);
    let top = area.y + area.height.saturating_sub(count.min(area.height)) / 3;
    let rect = Rect::new(
        area.x + (area.width - width) / 2,
        top,
        width,
        height.min(area.y + area.height - top),
    );
    render_wrapped(
        Paragraph::new(lines).centered().wrap(Wrap { trim: true }),
        rect,
        buf,
    );
}

/// Draws a wrapped paragraph. ratatui's word wrap can end a line with a
/// two-column character (Hangul) that starts in the last column and so spills one
/// column past the edge, over a dialog's border: the text is wrapped one column
/// narrower than `area`, so such a line still ends inside it. Under 4 columns
/// nothing is drawn: so narrow a box holds no sentence.
pub(super) fn render_wrapped(paragraph: Paragraph<'_>, area: Rect, buf: &mut Buffer) {
    if area.width >= 4 {
        let narrower = Rect::new(area.x, area.y, area.width - 1, area.height);
        paragraph.render(narrower, buf);
    }
}
