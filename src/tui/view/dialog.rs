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
use super::style::{bold, dim, error, render_wrapped, truncate};
use crate::tui::app::{App, ChangePin, Modal, PinStage, Unlocked};
use crate::tui::form::{AddForm, Field, RenameForm, Source};
use crate::tui::layout;
use crate::tui::text;
use crate::tui::width::{fit_joined_label, pad, pad_left};

/// The box a dialog is drawn in: centred in the body, at most `width` × `height`.
fn dialog(area: Rect, width: u16, height: u16, title: &str, buf: &mut Buffer) -> Rect {
    let rect = layout::centered(area, width, height);
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

/// The open dialog over the list.
pub(super) fn render_modal(
    app: &App,
    unlocked: &Unlocked,
    modal: &Modal,
    area: Rect,
    buf: &mut Buffer,
) {
    let _ = unlocked;
    match modal {
        Modal::OfferFirstAccount => {
            let inner = dialog(area, 50, 6, &text::offer_title(), buf);
            render_wrapped(
                Paragraph::new(vec![
                    Line::raw(""),
                    Line::styled(text::offer_text(), bold()),
                ])
                .centered()
                .wrap(Wrap { trim: true }),
                inner,
                buf,
            );
        }
        Modal::ConfirmDelete { label } => {
            let inner = dialog(area, 56, 7, &text::delete_title(), buf);
            render_wrapped(
                Paragraph::new(vec![
                    Line::raw(""),
                    Line::styled(text::confirm_delete(label), bold()),
                ])
                .centered()
                .wrap(Wrap { trim: true }),
                inner,
                buf,
            );
        }
        Modal::ConfirmQr { label } => {
            let inner = dialog(area, 60, 8, &text::qr_title(), buf);
            render_wrapped(
                Paragraph::new(vec![
                    Line::raw(""),
                    Line::styled(text::confirm_qr(label), bold()),
                ])
                .centered()
                .wrap(Wrap { trim: true }),
                inner,
                buf,
            );
        }
        // Drawn on the whole screen by `render`.
        Modal::Qr(_) => {}
        Modal::Settings(selected) => render_settings(app, *selected, area, buf),
        Modal::ChangePin(change) => render_change_pin(app, change, area, buf),
        Modal::Add(form) => render_add(form, area, buf),
        Modal::Rename(form) => render_rename(form, area, buf),
    }
}

/// The settings dialog, with line `selected` highlighted.
pub(super) fn render_settings(app: &App, selected: usize, area: Rect, buf: &mut Buffer) {
    let inner = dialog(area, 56, 7, &text::settings_title(), buf);
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
fn render_change_pin(app: &App, change: &ChangePin, area: Rect, buf: &mut Buffer) {
    let inner = dialog(area, 60, 10, &text::change_pin_title(), buf);
    let prompt = match change.stage {
        PinStage::Current => text::change_pin_current(),
        PinStage::New => text::change_pin_new(),
        PinStage::Repeat => text::change_pin_repeat(),
    };
    let mut lines = vec![Line::styled(prompt, bold()), pin_dots(change.entry.len())];
    if let Some(busy) = busy_text(app) {
        lines.push(Line::styled(busy, Style::new().fg(Color::Cyan)));
    } else if let Some(message) = &change.message {
        lines.push(Line::styled(message.clone(), error()));
    }
    if change.stage != PinStage::Current {
        lines.push(Line::styled(text::pin_policy(), dim()));
    }
    render_wrapped(
        Paragraph::new(lines).centered().wrap(Wrap { trim: true }),
        inner,
        buf,
    );
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

/// Draws form lines with the focused one kept visible and the error below.
fn render_form(
    lines: Vec<Line<'static>>,
    focus: usize,
    note: Option<(String, Style)>,
    inner: Rect,
    buf: &mut Buffer,
) {
    let width = usize::from(inner.width.max(1));
    let note_height = note.as_ref().map_or(0, |(message, _)| {
        // Word wrap can need a little more than the plain division.
        u16::try_from(message.width() / width + 2).unwrap_or(u16::MAX)
    });
    // The error may take all but one line: the focused field stays visible.
    let note_height = note_height.min(inner.height.saturating_sub(1));
    let fields_height = inner.height.saturating_sub(note_height);
    let offset = layout::list_offset(focus, usize::from(fields_height), lines.len());
    let fields_area = Rect::new(inner.x, inner.y, inner.width, fields_height);
    Paragraph::new(lines.into_iter().skip(offset).collect::<Vec<_>>()).render(fields_area, buf);
    if let Some((message, style)) = note {
        let note_area = Rect::new(inner.x, inner.y + fields_height, inner.width, note_height);
        render_wrapped(
            Paragraph::new(Line::styled(message, style)).wrap(Wrap { trim: true }),
            note_area,
            buf,
        );
    }
}

/// The add form.
fn render_add(form: &AddForm, area: Rect, buf: &mut Buffer) {
    let fields = form.fields();
    let inner = dialog(
        area,
        72,
        u16::try_from(fields.len()).unwrap_or(12) + 7,
        &text::add_title(),
        buf,
    );
    let width = usize::from(inner.width);
    let label_width = label_column(fields.iter().map(|f| f.label()), width);
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
                &field.label(),
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
    render_form(lines, focus, note, inner, buf);
}

/// The rename form.
fn render_rename(form: &RenameForm, area: Rect, buf: &mut Buffer) {
    // The title keeps the account's name when the box is narrow.
    let room = usize::from(layout::centered(area, 64, 8).width.saturating_sub(4));
    let label = fit_joined_label(
        &form.label,
        room.saturating_sub(text::rename_heading("").width()),
    );
    let inner = dialog(area, 64, 8, &text::rename_heading(&label), buf);
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
