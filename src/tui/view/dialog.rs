//! The boxes drawn over the list: the dialogs (add, rename, delete, change PIN,
//! settings, questions) and the help overlay.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

use super::frame::busy_text;
use super::pin::pin_dots;
use super::style::{Part, bold, dim, error, lay_out, render_wrapped, rows_needed, truncate};
use crate::tui::app::{App, ChangePin, Modal, PinStage, Unlocked};
use crate::tui::form::{AddForm, Field, RenameForm, Source};
use crate::tui::layout::{self, Room};
use crate::tui::text;
use crate::tui::width::{fit_joined_label, pad, pad_left, wrap, wrap_within};

/// The box a dialog is drawn in: at most `width` × `height`, centred in the body,
/// or grown over the rest of the screen when its text needs the rows
/// ([`Room::place`]).
fn dialog(room: Room, width: u16, height: u16, title: &str, buf: &mut Buffer) -> Rect {
    let rect = room.place(width, height);
    Clear.render(rect, buf);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(Style::new().fg(Color::Cyan))
        .title(Span::styled(
            format!(
                " {} ",
                truncate(title, usize::from(width.saturating_sub(4)))
            ),
            bold(),
        ));
    let inner = block.inner(rect);
    block.render(rect, buf);
    inner
}

/// The inner width of a dialog at most `width` wide in `room`.
fn inner_width(room: Room, width: u16) -> usize {
    usize::from(width.min(room.body.width).saturating_sub(2))
}

/// A dialog of centred sentences: at least `height` rows, more when the text
/// needs them (up to the whole screen, then cut with `…`). The text keeps a
/// column of space from each border.
fn message_dialog(
    room: Room,
    (width, height): (u16, u16),
    title: &str,
    parts: Vec<Part>,
    buf: &mut Buffer,
) {
    let text_width = inner_width(room, width).saturating_sub(2 * usize::from(MARGIN));
    let needed = rows_needed(&parts, text_width) + 2;
    let height = height.max(u16::try_from(needed).unwrap_or(u16::MAX));
    let inner = dialog(room, width, height, title, buf);
    let area = inner_margin(inner);
    let lines = lay_out(parts, usize::from(area.width), usize::from(area.height));
    Paragraph::new(lines).centered().render(area, buf);
}

/// The space kept between a dialog's sentences and its left and right borders.
const MARGIN: u16 = 1;

/// `inner` less [`MARGIN`] columns on the left and on the right (nothing left
/// when it is narrower than both margins).
fn inner_margin(inner: Rect) -> Rect {
    if inner.width <= 2 * MARGIN {
        return Rect::new(inner.x, inner.y, 0, inner.height);
    }
    Rect::new(
        inner.x + MARGIN,
        inner.y,
        inner.width - 2 * MARGIN,
        inner.height,
    )
}

/// The open dialog over the list.
pub(super) fn render_modal(
    app: &App,
    unlocked: &Unlocked,
    modal: &Modal,
    room: Room,
    buf: &mut Buffer,
) {
    let _ = unlocked;
    let question = |text: String| vec![Part::blank(), Part::text(text, bold())];
    match modal {
        Modal::OfferFirstAccount => message_dialog(
            room,
            (50, 6),
            &text::offer_title(),
            question(text::offer_text()),
            buf,
        ),
        Modal::ConfirmDelete { label } => message_dialog(
            room,
            (56, 7),
            &text::delete_title(),
            question(text::confirm_delete(label)),
            buf,
        ),
        Modal::ConfirmQr { label } => message_dialog(
            room,
            (60, 8),
            &text::qr_title(),
            question(text::confirm_qr(label)),
            buf,
        ),
        // Drawn on the whole screen by `render`.
        Modal::Qr(_) => {}
        Modal::Settings(selected) => render_settings(app, *selected, room, buf),
        Modal::ChangePin(change) => render_change_pin(app, change, room, buf),
        Modal::Add(form) => render_add(form, room, buf),
        Modal::Rename(form) => render_rename(form, room, buf),
    }
}

/// The settings dialog, with line `selected` highlighted.
pub(super) fn render_settings(app: &App, selected: usize, room: Room, buf: &mut Buffer) {
    let inner = dialog(room, 56, 7, &text::settings_title(), buf);
    let rows = [
        (text::setting_clear(), app.config.clipboard_clear_secs),
        (text::setting_lock(), app.config.auto_lock_secs),
    ];
    // One column for the values; a long label wraps rather than hides its value.
    let label_width = rows
        .iter()
        .map(|(label, _)| label.width())
        .max()
        .unwrap_or(0)
        .min(usize::from(inner.width).saturating_sub(16));
    let mut lines = Vec::new();
    for (i, (label, value)) in rows.iter().enumerate() {
        let marker = if i == selected { "›" } else { " " };
        let style = if i == selected { bold() } else { Style::new() };
        lines.push(Line::from(vec![
            Span::styled(
                format!(
                    "{marker} {label}: {}",
                    " ".repeat(label_width.saturating_sub(label.width()))
                ),
                style,
            ),
            Span::styled(
                format!("‹ {} ›", text::duration(*value)),
                style.fg(Color::Cyan),
            ),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(text::settings_note(), dim()));
    render_wrapped(Paragraph::new(lines).wrap(Wrap { trim: false }), inner, buf);
}

/// The change-PIN dialog: which PIN, the dots, why the last was refused.
fn render_change_pin(app: &App, change: &ChangePin, room: Room, buf: &mut Buffer) {
    let prompt = match change.stage {
        PinStage::Current => text::change_pin_current(),
        PinStage::New => text::change_pin_new(),
        PinStage::Repeat => text::change_pin_repeat(),
    };
    let mut parts = vec![
        Part::text(prompt, bold()),
        Part::Line(pin_dots(change.entry.len())),
    ];
    if let Some(busy) = busy_text(app) {
        parts.push(Part::text(busy, Style::new().fg(Color::Cyan)));
    } else if let Some(message) = &change.message {
        parts.push(Part::text(message.clone(), error()));
    }
    if change.stage != PinStage::Current {
        parts.push(Part::text(text::pin_policy(), dim()));
    }
    message_dialog(room, (60, 10), &text::change_pin_title(), parts, buf);
}

/// One form line: label, value (masked for secrets), a cursor on the focused field;
/// the line is `width` columns, the label column `label_width`.
fn field_line(
    label: &str,
    value: &str,
    masked: Option<usize>,
    placeholder: &str,
    choice: bool,
    focused: bool,
    (width, label_width): (usize, usize),
) -> Line<'static> {
    let marker = if focused { "›" } else { " " };
    let head = format!("{marker} {}: ", pad_left(label, label_width));
    let room = width.saturating_sub(head.width() + 1);
    let shown = match masked {
        Some(len) => text::masked(len),
        None => value.to_owned(),
    };
    let (body, style) = if choice {
        (format!("‹ {shown} ›"), Style::new().fg(Color::Cyan))
    } else if shown.is_empty() && !focused {
        (placeholder.to_owned(), dim())
    } else {
        let cursor = if focused { "▏" } else { "" };
        // Show the end of a long value, where the typing happens.
        let mut tail = shown.clone();
        while tail.width() + cursor.width() > room && !tail.is_empty() {
            tail.remove(0);
        }
        (format!("{tail}{cursor}"), Style::new())
    };
    let head_style = if focused { bold() } else { Style::new() };
    Line::from(vec![
        Span::styled(head, head_style),
        Span::styled(truncate(&body, room), style),
    ])
}

/// The width of a form's label column: its widest label, at most half of the
/// form, so that values start in one column whatever the language.
fn label_column(labels: impl Iterator<Item = String>, width: usize) -> usize {
    labels
        .map(|label| label.width())
        .max()
        .unwrap_or(0)
        .min(width / 2)
}

/// The height of a form dialog with `fields` lines and `note` under them: at
/// least `least`, with every field, a blank line and the whole note when the body
/// holds them; otherwise the body, where the fields scroll to the focused one,
/// and taller than the body only when the note alone needs it.
fn form_height(room: Room, width: u16, fields: usize, note: Option<&str>, least: u16) -> u16 {
    let note_rows = note.map_or(0, |note| wrap(note, inner_width(room, width)).len());
    let rows = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
    let full = least.max(rows(fields + 3 + note_rows));
    if full <= room.body.height {
        full
    } else {
        // The focused field, the note and the two borders.
        room.body.height.max(rows(note_rows + 3))
    }
}

/// Draws form lines with the focused one kept visible and the note (an error,
/// the organisation found) wrapped below them, after a blank line when there is
/// room. The note may take all but one row; cut with `…` only past that.
fn render_form(
    lines: Vec<Line<'static>>,
    focus: usize,
    note: Option<(String, Style)>,
    inner: Rect,
    buf: &mut Buffer,
) {
    let width = usize::from(inner.width);
    let needed = note
        .as_ref()
        .map_or(0, |(message, _)| wrap(message, width).len());
    let shown = needed.min(usize::from(inner.height.saturating_sub(1)));
    let note_height = u16::try_from(shown).unwrap_or(0);
    let fields_height = inner.height.saturating_sub(note_height);
    let offset = layout::list_offset(focus, usize::from(fields_height), lines.len());
    let count = lines.len();
    let fields_area = Rect::new(inner.x, inner.y, inner.width, fields_height);
    Paragraph::new(lines.into_iter().skip(offset).collect::<Vec<_>>()).render(fields_area, buf);
    if let Some((message, style)) = note
        && shown > 0
    {
        let below = u16::try_from(count + 1)
            .unwrap_or(u16::MAX)
            .min(fields_height);
        let note_area = Rect::new(inner.x, inner.y + below, inner.width, note_height);
        let note_lines: Vec<Line> = wrap_within(&message, width, shown)
            .into_iter()
            .map(|line| Line::styled(line, style))
            .collect();
        Paragraph::new(note_lines).render(note_area, buf);
    }
}

/// The add form.
fn render_add(form: &AddForm, room: Room, buf: &mut Buffer) {
    let fields = form.fields();
    let note = match (&form.error, form.source) {
        (Some(message), _) => Some((message.clone(), error())),
        (None, Source::Customer) => Some(match &form.organisation {
            Some(o) => (
                text::organisation(&o.customer, &o.name, &o.server),
                Style::default(),
            ),
            None => (text::customer_hint().to_owned(), dim()),
        }),
        (None, _) => None,
    };
    let least = u16::try_from(fields.len()).unwrap_or(12) + 7;
    let height = form_height(
        room,
        72,
        fields.len(),
        note.as_ref().map(|(m, _)| m.as_str()),
        least,
    );
    let inner = dialog(room, 72, height, &text::add_title(), buf);
    let width = usize::from(inner.width);
    let label_width = label_column(fields.iter().map(|&f| form.label(f)), width);
    let focus = form.focus.min(fields.len().saturating_sub(1));
    let lines = fields
        .iter()
        .enumerate()
        .map(|(i, &field)| {
            let placeholder = match (form.source, field) {
                (Source::Link, Field::Name | Field::Issuer) => text::from_link(),
                (_, Field::Secret | Field::Link) => text::paste_here(),
                _ => String::new(),
            };
            field_line(
                &form.label(field),
                &if field.is_secret() {
                    String::new()
                } else {
                    form.value(field)
                },
                field.is_secret().then(|| form.secret_len(field)),
                &placeholder,
                field.is_choice(),
                i == focus,
                (width, label_width),
            )
        })
        .collect();
    render_form(lines, focus, note, inner, buf);
}

/// The rename form.
fn render_rename(form: &RenameForm, room: Room, buf: &mut Buffer) {
    // The title keeps the account's name when the box is narrow.
    let title_room = inner_width(room, 64).saturating_sub(2);
    let label = fit_joined_label(
        &form.label,
        title_room.saturating_sub(text::rename_heading("").width()),
    );
    let height = form_height(room, 64, RenameForm::FIELDS.len(), form.error.as_deref(), 8);
    let inner = dialog(room, 64, height, &text::rename_heading(&label), buf);
    let width = usize::from(inner.width);
    let label_width = label_column(RenameForm::FIELDS.iter().map(|f| f.label()), width);
    let lines = RenameForm::FIELDS
        .iter()
        .enumerate()
        .map(|(i, field)| {
            let value = if i == 0 { &form.name } else { &form.issuer };
            field_line(
                &field.label(),
                value,
                None,
                "",
                false,
                i == form.focus,
                (width, label_width),
            )
        })
        .collect();
    let note = form.error.clone().map(|message| (message, error()));
    render_form(lines, form.focus, note, inner, buf);
}

/// The help overlay: every context's keys, scrolled to the app's offset.
pub(super) fn render_help(app: &App, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    Clear.render(area, buf);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(Style::new().fg(Color::Cyan))
        .title(Span::styled(format!(" {} ", text::help_title()), bold()));
    let inner = block.inner(area);
    block.render(area, buf);
    let offset = usize::from(app.help.unwrap_or(0));
    let key_width = 14;
    let help_width = usize::from(inner.width).saturating_sub(key_width + 3);
    let lines: Vec<Line> = layout::help_lines()
        .into_iter()
        .skip(offset)
        .map(|(heading, keys, help)| match heading {
            Some(_) => Line::styled(help, bold().fg(Color::Cyan)),
            None => Line::from(vec![
                Span::styled(format!("  {} ", pad(&keys, key_width)), bold()),
                Span::raw(truncate(&help, help_width)),
            ]),
        })
        .collect();
    Paragraph::new(lines).render(inner, buf);
}
