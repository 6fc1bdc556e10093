//! An account's QR code on the whole screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

use super::style::{bold, dim, render_wrapped, truncate};
use crate::tui::app::{App, QrShown};
use crate::tui::layout;
use crate::tui::text;

/// The QR code's ink (light modules and the quiet zone).
const QR_INK: Color = Color::White;

/// The QR code's background (dark modules).
const QR_BACKGROUND: Color = Color::Black;

/// A QR code centred on the whole screen, the account above it and how to close it
/// below when there is room; or, on a terminal too small for it, how big it must be.
///
/// The drawing has dark modules as spaces and light ones as ink (see
/// [`crate::qr::Drawing`]); here both colours are set (white ink on black), so the
/// code scans whatever the terminal's theme.
pub(super) fn render_qr(app: &App, shown: &QrShown, area: Rect, buf: &mut Buffer) {
    Clear.render(area, buf);
    let width = u16::try_from(shown.drawing.width()).unwrap_or(u16::MAX);
    let height = u16::try_from(shown.drawing.height()).unwrap_or(u16::MAX);
    if area.width < width || area.height < height {
        let message = text::qr_too_small(width, height, area.width, area.height);
        let columns = area.width.clamp(1, 60);
        // Wrapping can need a line more than the plain division.
        let rows = u16::try_from(message.width() / usize::from(columns) + 2).unwrap_or(u16::MAX);
        render_wrapped(
            Paragraph::new(Line::styled(message, bold()))
                .centered()
                .wrap(Wrap { trim: true }),
            layout::centered(area, columns, rows),
            buf,
        );
        return;
    }
    let captions = area.height >= height.saturating_add(2);
    let total = if captions { height + 2 } else { height };
    let left = area.x + (area.width - width) / 2;
    let mut y = area.y + (area.height - total) / 2;
    let line_area = |y: u16| Rect::new(area.x, y, area.width, 1);
    if captions {
        Line::styled(truncate(&shown.label, usize::from(area.width)), bold())
            .centered()
            .render(line_area(y), buf);
        y += 1;
    }
    let style = Style::new().fg(QR_INK).bg(QR_BACKGROUND);
    for line in shown.drawing.lines() {
        buf.set_string(left, y, line, style);
        y += 1;
    }
    if captions {
        let hint = text::qr_closes_in(shown.until.saturating_sub(app.now));
        Line::styled(truncate(&hint, usize::from(area.width)), dim())
            .centered()
            .render(line_area(y), buf);
    }
}
