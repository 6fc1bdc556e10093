//! The colours and text styles of the interface, and the pieces every part draws
//! with: text cut to a width, a centred panel of lines.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

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
use crate::tui::width::{mark_cut, wrap};

/// One piece of a panel or dialog: a sentence, wrapped to the width by display
/// columns, or a line drawn as it is (the PIN dots, a blank).
pub(super) enum Part {
    /// A sentence in a style.
    Text(String, Style),
    /// A line of its own.
    Line(Line<'static>),
}

impl Part {
    /// A sentence in `style`.
    pub(super) fn text(text: impl Into<String>, style: Style) -> Self {
        Part::Text(text.into(), style)
    }
    /// An empty line.
    pub(super) fn blank() -> Self {
        Part::Line(Line::raw(""))
    }
}

/// How many rows `parts` take at `width` columns.
pub(super) fn rows_needed(parts: &[Part], width: usize) -> usize {
    parts
        .iter()
        .map(|part| match part {
            Part::Text(text, _) => wrap(text, width).len(),
            Part::Line(_) => 1,
        })
        .sum()
}

/// `parts` as lines of at most `width` columns, in at most `rows` rows: when they
/// need more, the lines past the last row are left out and the last sentence
/// shown ends in `…`.
pub(super) fn lay_out(parts: Vec<Part>, width: usize, rows: usize) -> Vec<Line<'static>> {
    let mut lines: Vec<(Line<'static>, Option<(String, Style)>)> = Vec::new();
    for part in parts {
        match part {
            Part::Text(text, style) => lines.extend(
                wrap(&text, width)
                    .into_iter()
                    .map(|line| (Line::styled(line.clone(), style), Some((line, style)))),
            ),
            Part::Line(line) => lines.push((line, None)),
        }
    }
    if lines.len() > rows {
        lines.truncate(rows);
        // The last line shown ends in the ellipsis when it is a sentence's.
        if let Some((line, Some((text, style)))) = lines.last_mut() {
            *line = Line::styled(mark_cut(text, width), *style);
        }
    }
    lines.into_iter().map(|(line, _)| line).collect()
}

/// A centred column of `parts`, each sentence wrapped, at most `max_width` wide,
/// a third of the way down `area`; cut with `…` only when `area` cannot hold it.
pub(super) fn panel(parts: Vec<Part>, area: Rect, max_width: u16, buf: &mut Buffer) {
    let width = max_width.min(area.width);
    let lines = lay_out(parts, usize::from(width), usize::from(area.height));
    let count = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let top = area.y + area.height.saturating_sub(count) / 3;
    let rect = Rect::new(area.x + (area.width - width) / 2, top, width, count);
    Paragraph::new(lines).centered().render(rect, buf);
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
