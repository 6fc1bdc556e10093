//! Drawing: `impl Widget for &App`. Reads the state, never changes it; the codes are
//! computed for `app.now`, so a drawing is a function of the state alone.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::app::{
    AgentList, App, Busy, ChangePin, Locked, Lockout, Modal, PinStage, QrShown, Screen, Setup,
    Status, Unlocked,
};
use super::form::{AddForm, Field, RenameForm, Source};
use super::keymap;
use super::layout;
use super::text;
use crate::accounts::Account;
use crate::agent::protocol::AccountInfo;
use crate::code::{Kind, group};

const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
/// The last seconds of a period, when the code changes colour and the next is shown.
const LAST_SECONDS: u32 = 10;

fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}
fn bold() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}
fn error() -> Style {
    Style::new().fg(Color::Red)
}
fn good() -> Style {
    Style::new().fg(Color::Green)
}
fn urgent() -> Style {
    Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
}

/// `text` cut to `width` columns, ending in `…` when cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// Countdown dots: one per 10 seconds of the period (6 for 60 s, 3 for 30 s),
/// filled for the time left. Periods over a minute get 6 dots, each a sixth.
pub fn dots(period: u32, remaining: u32) -> (usize, usize) {
    let period = period.max(1);
    let remaining = remaining.min(period);
    if period <= 60 {
        (
            remaining.div_ceil(10) as usize,
            period.div_ceil(10) as usize,
        )
    } else {
        let filled = (u64::from(remaining) * 6).div_ceil(u64::from(period));
        (usize::try_from(filled).unwrap_or(6), 6)
    }
}

/// Seconds left, short: `25s`, `12m`, `3h`.
pub fn seconds_left(remaining: u32) -> String {
    match remaining {
        r if r < 100 => format!("{r}s"),
        r if r < 6000 => format!("{}m", r.div_ceil(60)),
        r => format!("{}h", r.div_ceil(3600)),
    }
}

fn spinner(app: &App) -> &'static str {
    SPINNER[usize::try_from(app.frame % SPINNER.len() as u64).unwrap_or(0)]
}

fn busy_text(app: &App) -> Option<String> {
    let busy = app.busy.as_ref()?;
    let what = match busy {
        Busy::Creating(_) => text::CREATING,
        Busy::Unlocking(_) => text::UNLOCKING,
        Busy::Saving => text::SAVING,
        Busy::ChangingPin(_) => text::CHANGING_PIN,
        Busy::Probing => text::PROBING,
        Busy::AgentCode(_) => text::AGENT_CODE,
        Busy::LookingUp => text::LOOKING_UP,
        Busy::Enrolling => text::ENROLLING,
    };
    Some(if app.quit_when_idle {
        format!("{} {what} {}", spinner(app), text::QUIT_AFTER_SAVE)
    } else {
        format!("{} {what}", spinner(app))
    })
}

fn pin_dots(typed: usize) -> Line<'static> {
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

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if let Screen::Unlocked(unlocked) = &self.screen
            && let Some(Modal::Qr(shown)) = &unlocked.modal
        {
            // The QR code takes the whole screen: nothing else is drawn.
            render_qr(self, shown, clip_to_app(self, area), buf);
            return;
        }
        let frame = layout::app_frame(self);
        // Draw at the app's own idea of the size, clipped to the area given.
        let clip = |r: Rect| r.intersection(area);
        render_title(self, clip(frame.title), buf);
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
                    render_modal(self, unlocked, modal, clip(frame.body), buf);
                }
            }
            Screen::Agent(list) => {
                render_search(list.searching, &list.filter, clip(frame.search), buf);
                render_agent_list(self, list, clip(frame.body), buf);
                if let Some(selected) = list.settings {
                    render_settings(self, selected, clip(frame.body), buf);
                }
            }
        }
        if self.help.is_some() {
            render_help(self, clip(layout::help_area(self)), buf);
        }
        render_status(self, clip(frame.status), buf);
        render_hints(self, clip(frame.hints), buf);
    }
}

/// `area` within the size the app last heard of, as the frame is drawn.
fn clip_to_app(app: &App, area: Rect) -> Rect {
    layout::screen_area(app).intersection(area)
}

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
fn render_qr(app: &App, shown: &QrShown, area: Rect, buf: &mut Buffer) {
    Clear.render(area, buf);
    let width = u16::try_from(shown.drawing.width()).unwrap_or(u16::MAX);
    let height = u16::try_from(shown.drawing.height()).unwrap_or(u16::MAX);
    if area.width < width || area.height < height {
        let message = text::qr_too_small(width, height, area.width, area.height);
        let columns = area.width.clamp(1, 60);
        // Wrapping can need a line more than the plain division.
        let rows = u16::try_from(message.width() / usize::from(columns) + 2).unwrap_or(u16::MAX);
        Paragraph::new(Line::styled(message, bold()))
            .centered()
            .wrap(Wrap { trim: true })
            .render(layout::centered(area, columns, rows), buf);
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

fn render_title(app: &App, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let style = Style::new().fg(Color::Black).bg(Color::Cyan);
    buf.set_style(area, style);
    let right = match &app.screen {
        Screen::Setup(_) => text::SETUP_TITLE.to_owned(),
        Screen::Locked(_) => text::UNLOCK_TITLE.to_owned(),
        Screen::Unlocked(unlocked) => {
            text::account_count(unlocked.store.len(), app.config.max_accounts)
        }
        Screen::Agent(list) => text::agent_title(
            list.accounts.len(),
            app.config.max_accounts,
            list.expires_at.saturating_sub(app.now),
            area.width < 64,
        ),
    };
    let width = usize::from(area.width);
    let left = format!(" {}", text::APP_TITLE);
    let right = truncate(&format!("{right} "), width.saturating_sub(left.width() + 1));
    Line::from(Span::styled(left, style.add_modifier(Modifier::BOLD))).render(area, buf);
    Line::from(Span::styled(right, style))
        .right_aligned()
        .render(area, buf);
}

fn render_status(app: &App, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let width = usize::from(area.width);
    let (message, style) = if let (Some(busy), Screen::Unlocked(_) | Screen::Agent(_)) =
        (busy_text(app), &app.screen)
    {
        (busy, Style::new().fg(Color::Cyan))
    } else {
        match &app.status {
            None => return,
            Some(Status::Info(message)) => (message.clone(), good()),
            Some(Status::Error(message)) => (message.clone(), error()),
            Some(Status::Copied { label, method }) => {
                let clears_in = app
                    .pending_clear
                    .as_ref()
                    .map(|p| p.at.saturating_sub(app.now));
                // Shorten the label, not the countdown, when the line is narrow.
                let rest = text::copied("", *method, clears_in).width() + 1;
                let label = truncate(label, width.saturating_sub(rest).max(4));
                (text::copied(&label, *method, clears_in), good())
            }
        }
    };
    Line::from(Span::styled(truncate(&format!(" {message}"), width), style)).render(area, buf);
}

fn render_hints(app: &App, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let width = usize::from(area.width);
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for binding in keymap::hints(app.context()) {
        let key = binding.keys.first().map(|k| k.label()).unwrap_or_default();
        let word = binding.hint.unwrap_or_default();
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

/// A centred column of lines with word wrap, at most `max_width` wide.
fn panel(lines: Vec<Line<'_>>, area: Rect, max_width: u16, buf: &mut Buffer) {
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
    Paragraph::new(lines)
        .centered()
        .wrap(Wrap { trim: true })
        .render(rect, buf);
}

fn render_setup(app: &App, setup: &Setup, area: Rect, buf: &mut Buffer) {
    let prompt = if setup.first.is_some() {
        text::SETUP_REPEAT
    } else {
        text::SETUP_CHOOSE
    };
    let mut lines = vec![
        Line::styled(prompt, bold()),
        pin_dots(setup.entry.len()),
        Line::raw(""),
    ];
    if let Some(message) = &setup.message {
        lines.push(Line::styled(message.clone(), error()));
    }
    lines.push(Line::styled(text::PIN_POLICY, dim()));
    if let Some(busy) = busy_text(app) {
        lines.push(Line::styled(busy, Style::new().fg(Color::Cyan)));
    }
    lines.push(Line::styled(text::vault_location(&app.vault_path), dim()));
    panel(lines, area, 60, buf);
}

fn render_locked(app: &App, locked: &Locked, area: Rect, buf: &mut Buffer) {
    let mut lines = vec![
        Line::styled(text::UNLOCK_PROMPT, bold()),
        pin_dots(locked.entry.len()),
        Line::raw(""),
    ];
    match locked.lockout {
        Lockout::Unknown => {}
        Lockout::Open { attempts_left } => {
            lines.push(Line::styled(text::attempts_left(attempts_left), dim()));
        }
        Lockout::Until(until) => lines.push(Line::styled(
            text::locked_out(until.saturating_sub(app.now)),
            error(),
        )),
    }
    if let Some(busy) = busy_text(app) {
        lines.push(Line::styled(busy, Style::new().fg(Color::Cyan)));
    } else if let Some(message) = &locked.message {
        lines.push(Line::styled(message.clone(), error()));
    }
    panel(lines, area, 60, buf);
}

fn render_search(searching: bool, filter: &str, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let cursor = if searching { "▏" } else { "" };
    let line = format!(" {}{}{cursor}", text::SEARCH_PROMPT, filter);
    Line::styled(truncate(&line, usize::from(area.width)), bold()).render(area, buf);
}

fn render_list(app: &App, unlocked: &Unlocked, area: Rect, buf: &mut Buffer) {
    let rows: Vec<RowView> = unlocked
        .visible()
        .iter()
        .filter_map(|&i| unlocked.store.get(i))
        .map(|account| account_view(app, unlocked, account))
        .collect();
    let empty = if unlocked.store.is_empty() {
        text::EMPTY_LIST
    } else {
        text::NO_MATCH
    };
    render_rows(&rows, unlocked.selected, empty, area, buf);
}

fn render_agent_list(app: &App, list: &AgentList, area: Rect, buf: &mut Buffer) {
    let rows: Vec<RowView> = list
        .visible()
        .iter()
        .filter_map(|&i| list.accounts.get(i))
        .map(|info| agent_view(app, list, info))
        .collect();
    let empty = if list.accounts.is_empty() {
        text::EMPTY_LIST
    } else {
        text::NO_MATCH
    };
    render_rows(&rows, list.selected, empty, area, buf);
}

/// What one row shows, whether the account comes from the unlocked vault or from
/// a session agent.
struct RowView<'a> {
    issuer: Option<&'a str>,
    name: &'a str,
    label: String,
    digits: usize,
    code: RowCode,
}

/// The code part of a row.
enum RowCode {
    /// A time-based code (grouped), its period, the seconds left and, in the last
    /// seconds, the next code (grouped) when it is known.
    Totp {
        code: String,
        period: u32,
        remaining: u32,
        next: Option<String>,
    },
    /// A time-based account whose code the agent has not sent yet.
    Waiting { period: u32 },
    /// A counter-based account, with the code just generated (grouped), if any.
    Hotp(Option<String>),
}

/// A row of the unlocked vault: codes computed here for `app.now`.
fn account_view<'a>(app: &App, unlocked: &Unlocked, account: &'a Account) -> RowView<'a> {
    let label = account.label();
    let code = match account.kind {
        Kind::Totp { period } => {
            let current = account.code_at(app.now);
            let remaining = match &current {
                crate::accounts::CurrentCode::Totp(totp) => totp.remaining,
                crate::accounts::CurrentCode::Hotp { .. } => 0,
            };
            let next = (remaining <= LAST_SECONDS).then(|| {
                account
                    .code_at(app.now.saturating_add(u64::from(period.seconds())))
                    .code()
                    .grouped()
            });
            RowCode::Totp {
                code: current.code().grouped(),
                period: period.seconds(),
                remaining,
                next,
            }
        }
        Kind::Hotp { .. } => RowCode::Hotp(
            unlocked
                .hotp
                .as_ref()
                .filter(|h| h.label == label)
                .map(|h| h.code.grouped()),
        ),
    };
    RowView {
        issuer: account.issuer.as_deref(),
        name: &account.name,
        label,
        digits: usize::from(account.digits.get()),
        code,
    }
}

/// Only the digits of a code from another process, grouped.
fn agent_digits(code: &str) -> String {
    group(
        &code
            .chars()
            .filter(char::is_ascii_digit)
            .collect::<String>(),
    )
}

/// A row of the agent's list: the code the agent sent (the next code is not known).
fn agent_view<'a>(app: &App, list: &AgentList, info: &'a AccountInfo) -> RowView<'a> {
    let code = if info.kind == "hotp" {
        RowCode::Hotp(
            list.hotp
                .as_ref()
                .filter(|h| h.label == info.label)
                .map(|h| agent_digits(h.code.as_str())),
        )
    } else {
        let period = info.period.unwrap_or(30).max(1);
        match list.code_for(&info.label, app.now) {
            Some((code, remaining)) => RowCode::Totp {
                code: agent_digits(code),
                period,
                remaining,
                next: None,
            },
            None => RowCode::Waiting { period },
        }
    };
    RowView {
        issuer: info.issuer.as_deref(),
        name: &info.name,
        label: info.label.clone(),
        digits: usize::from(info.digits),
        code,
    }
}

fn render_rows(rows: &[RowView], selected: usize, empty: &str, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    if rows.is_empty() {
        panel(vec![Line::styled(empty.to_owned(), dim())], area, 60, buf);
        return;
    }
    let height = usize::from(area.height);
    let selected = selected.min(rows.len() - 1);
    let offset = layout::list_offset(selected, height, rows.len());
    // Codes of 7 or 8 digits are wider: align every row on the widest.
    let code_width = rows.iter().map(|r| r.digits + 1).max().unwrap_or(7);
    for (row, (position, view)) in rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .enumerate()
    {
        let y = area.y + u16::try_from(row).unwrap_or(0);
        let rect = Rect::new(area.x, y, area.width, 1);
        let row = Row {
            selected: position == selected,
            code_width,
        };
        account_row(view, row, rect, buf);
    }
}

/// How one row is drawn.
#[derive(Clone, Copy)]
struct Row {
    selected: bool,
    code_width: usize,
}

/// The countdown part of a time-based row: dots (or, narrow and in the last
/// seconds, the next code), seconds left, and on wide rows the next code.
fn countdown(
    right: &mut Vec<Span<'static>>,
    period: u32,
    remaining: Option<u32>,
    next: Option<&str>,
    wide: bool,
) {
    let last = remaining.is_some_and(|r| r <= LAST_SECONDS);
    let (filled, total) = dots(period, remaining.unwrap_or(0));
    match (next, wide) {
        (Some(next), false) => {
            // Narrow: the next code takes the place of the (nearly empty) dots.
            right.push(Span::styled(format!(" →{next}"), dim()));
        }
        _ => {
            right.push(Span::raw(" "));
            let dot_style = if last { urgent() } else { good() };
            right.push(Span::styled("●".repeat(filled), dot_style));
            right.push(Span::styled(
                "○".repeat(total.saturating_sub(filled)),
                dim(),
            ));
            right.push(Span::raw(" ".repeat(6usize.saturating_sub(total))));
        }
    }
    right.push(Span::styled(
        format!(" {:>4}", remaining.map(seconds_left).unwrap_or_default()),
        dim(),
    ));
    if wide {
        let next = next
            .map(|n| format!("  {} {n}", text::NEXT))
            .unwrap_or_default();
        right.push(Span::styled(format!("{next:<14}"), dim()));
    }
}

/// One account: label on the left; code, countdown and next code on the right.
fn account_row(view: &RowView, row: Row, area: Rect, buf: &mut Buffer) {
    let Row {
        selected,
        code_width,
    } = row;
    let width = usize::from(area.width);
    let wide = width >= 64;
    let mut right: Vec<Span> = Vec::new();
    match &view.code {
        RowCode::Totp {
            code,
            period,
            remaining,
            next,
        } => {
            let last = *remaining <= LAST_SECONDS;
            let code_style = if last { urgent() } else { bold() };
            right.push(Span::styled(format!("{code:>code_width$}"), code_style));
            countdown(&mut right, *period, Some(*remaining), next.as_deref(), wide);
        }
        RowCode::Waiting { period } => {
            right.push(Span::styled(
                format!("{:>code_width$}", text::CODE_WAITING),
                dim(),
            ));
            countdown(&mut right, *period, None, None, wide);
        }
        RowCode::Hotp(shown) => {
            match shown {
                Some(code) => {
                    right.push(Span::styled(format!("{code:>code_width$}"), bold()));
                    right.push(Span::styled(
                        format!(" {:<11}", truncate(text::HOTP_USED, 11)),
                        dim(),
                    ));
                }
                None => {
                    right.push(Span::styled(
                        format!("{:>code_width$}", text::HOTP_HIDDEN),
                        dim(),
                    ));
                    right.push(Span::styled(
                        format!(" {:<11}", truncate(text::HOTP_PRESS, 11)),
                        dim(),
                    ));
                }
            }
            if wide {
                right.push(Span::raw(" ".repeat(14)));
            }
        }
    }
    right.push(Span::raw(" "));
    let right_width: usize = right.iter().map(Span::width).sum();
    let marker = if selected { "›" } else { " " };
    let label_width = width.saturating_sub(right_width + 2);
    let mut left = vec![Span::styled(marker, bold())];
    if wide {
        let issuer_width = (label_width / 3).min(20);
        let issuer = view.issuer.unwrap_or("");
        left.push(Span::styled(
            format!(
                " {:<w$}",
                truncate(issuer, issuer_width.saturating_sub(1)),
                w = issuer_width
            ),
            bold(),
        ));
        let name_width = label_width.saturating_sub(issuer_width + 1);
        left.push(Span::raw(format!(
            "{:<w$}",
            truncate(view.name, name_width),
            w = name_width
        )));
    } else {
        let label = truncate(&view.label, label_width);
        left.push(Span::raw(format!(" {label:<label_width$}")));
    }
    let mut spans = left;
    spans.push(Span::raw(" "));
    spans.extend(right);
    if selected {
        buf.set_style(area, Style::new().bg(Color::Indexed(236)));
    }
    Line::from(spans).render(area, buf);
}

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

fn render_modal(app: &App, unlocked: &Unlocked, modal: &Modal, area: Rect, buf: &mut Buffer) {
    let _ = unlocked;
    match modal {
        Modal::OfferFirstAccount => {
            let inner = dialog(area, 50, 6, text::OFFER_TITLE, buf);
            Paragraph::new(vec![Line::raw(""), Line::styled(text::OFFER_TEXT, bold())])
                .centered()
                .wrap(Wrap { trim: true })
                .render(inner, buf);
        }
        Modal::ConfirmDelete { label } => {
            let inner = dialog(area, 56, 7, text::DELETE_TITLE, buf);
            Paragraph::new(vec![
                Line::raw(""),
                Line::styled(text::confirm_delete(label), bold()),
            ])
            .centered()
            .wrap(Wrap { trim: true })
            .render(inner, buf);
        }
        Modal::ConfirmQr { label } => {
            let inner = dialog(area, 60, 8, text::QR_TITLE, buf);
            Paragraph::new(vec![
                Line::raw(""),
                Line::styled(text::confirm_qr(label), bold()),
            ])
            .centered()
            .wrap(Wrap { trim: true })
            .render(inner, buf);
        }
        // Drawn on the whole screen by `render`.
        Modal::Qr(_) => {}
        Modal::Settings(selected) => render_settings(app, *selected, area, buf),
        Modal::ChangePin(change) => render_change_pin(app, change, area, buf),
        Modal::Add(form) => render_add(form, area, buf),
        Modal::Rename(form) => render_rename(form, area, buf),
    }
}

fn render_settings(app: &App, selected: usize, area: Rect, buf: &mut Buffer) {
    let inner = dialog(area, 56, 7, text::SETTINGS_TITLE, buf);
    let rows = [
        (text::SETTING_CLEAR, app.config.clipboard_clear_secs),
        (text::SETTING_LOCK, app.config.auto_lock_secs),
    ];
    let mut lines = Vec::new();
    for (i, (label, value)) in rows.iter().enumerate() {
        let marker = if i == selected { "›" } else { " " };
        let style = if i == selected { bold() } else { Style::new() };
        lines.push(Line::from(vec![
            Span::styled(format!("{marker} {label}: "), style),
            Span::styled(
                format!("‹ {} ›", text::duration(*value)),
                style.fg(Color::Cyan),
            ),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(text::SETTINGS_NOTE, dim()));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(inner, buf);
}

fn render_change_pin(app: &App, change: &ChangePin, area: Rect, buf: &mut Buffer) {
    let inner = dialog(area, 60, 10, text::CHANGE_PIN_TITLE, buf);
    let prompt = match change.stage {
        PinStage::Current => text::CHANGE_PIN_CURRENT,
        PinStage::New => text::CHANGE_PIN_NEW,
        PinStage::Repeat => text::CHANGE_PIN_REPEAT,
    };
    let mut lines = vec![Line::styled(prompt, bold()), pin_dots(change.entry.len())];
    if let Some(busy) = busy_text(app) {
        lines.push(Line::styled(busy, Style::new().fg(Color::Cyan)));
    } else if let Some(message) = &change.message {
        lines.push(Line::styled(message.clone(), error()));
    }
    if change.stage != PinStage::Current {
        lines.push(Line::styled(text::PIN_POLICY, dim()));
    }
    Paragraph::new(lines)
        .centered()
        .wrap(Wrap { trim: true })
        .render(inner, buf);
}

/// One form line: label, value (masked for secrets), a cursor on the focused field.
fn field_line(
    label: &str,
    value: &str,
    masked: Option<usize>,
    placeholder: &str,
    choice: bool,
    focused: bool,
    width: usize,
) -> Line<'static> {
    let marker = if focused { "›" } else { " " };
    let head = format!("{marker} {label:>10}: ");
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
        Paragraph::new(Line::styled(message, style))
            .wrap(Wrap { trim: true })
            .render(note_area, buf);
    }
}

fn render_add(form: &AddForm, area: Rect, buf: &mut Buffer) {
    let fields = form.fields();
    let inner = dialog(
        area,
        72,
        u16::try_from(fields.len()).unwrap_or(12) + 7,
        text::ADD_TITLE,
        buf,
    );
    let width = usize::from(inner.width);
    let focus = form.focus.min(fields.len().saturating_sub(1));
    let lines = fields
        .iter()
        .enumerate()
        .map(|(i, &field)| {
            let placeholder = match (form.source, field) {
                (Source::Link, Field::Name | Field::Issuer) => text::FROM_LINK,
                (_, Field::Secret | Field::Link) => text::PASTE_HERE,
                _ => "",
            };
            field_line(
                field.label(),
                &if field.is_secret() {
                    String::new()
                } else {
                    form.value(field)
                },
                field.is_secret().then(|| form.secret_len(field)),
                placeholder,
                field.is_choice(),
                i == focus,
                width,
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
            None => (text::CUSTOMER_HINT.to_owned(), dim()),
        }),
        (None, _) => None,
    };
    render_form(lines, focus, note, inner, buf);
}

fn render_rename(form: &RenameForm, area: Rect, buf: &mut Buffer) {
    let inner = dialog(
        area,
        64,
        8,
        &format!("{} {}", text::RENAME_TITLE, form.label),
        buf,
    );
    let width = usize::from(inner.width);
    let lines = RenameForm::FIELDS
        .iter()
        .enumerate()
        .map(|(i, field)| {
            let value = if i == 0 { &form.name } else { &form.issuer };
            field_line(
                field.label(),
                value,
                None,
                "",
                false,
                i == form.focus,
                width,
            )
        })
        .collect();
    let note = form.error.clone().map(|message| (message, error()));
    render_form(lines, form.focus, note, inner, buf);
}

fn render_help(app: &App, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    Clear.render(area, buf);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(Style::new().fg(Color::Cyan))
        .title(Span::styled(format!(" {} ", text::HELP_TITLE), bold()));
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
                Span::styled(format!("  {keys:<key_width$} "), bold()),
                Span::raw(truncate(help, help_width)),
            ]),
        })
        .collect();
    Paragraph::new(lines).render(inner, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dots_per_ten_seconds_of_the_period() {
        assert_eq!(dots(60, 60), (6, 6));
        assert_eq!(dots(60, 51), (6, 6));
        assert_eq!(dots(60, 50), (5, 6));
        assert_eq!(dots(60, 1), (1, 6));
        assert_eq!(dots(30, 30), (3, 3));
        assert_eq!(dots(30, 11), (2, 3));
        assert_eq!(dots(30, 10), (1, 3));
        assert_eq!(dots(15, 15), (2, 2));
        assert_eq!(dots(120, 120), (6, 6));
        assert_eq!(dots(120, 19), (1, 6));
        assert_eq!(dots(86_400, 86_400), (6, 6));
    }

    #[test]
    fn truncation_respects_wide_characters() {
        assert_eq!(truncate("GitHub", 10), "GitHub");
        assert_eq!(truncate("GitHub", 4), "Git…");
        assert_eq!(truncate("네이버메일", 5), "네이…");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(seconds_left(59), "59s");
        assert_eq!(seconds_left(600), "10m");
        assert_eq!(seconds_left(86_400), "24h");
    }
}
