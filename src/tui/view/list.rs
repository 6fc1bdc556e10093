//! The account list, of the open vault or of a session agent: one row per
//! account with its code and countdown, and the search line above.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::style::{Part, bold, dim, good, panel, truncate, urgent};
use crate::accounts::Account;
use crate::agent::protocol::AccountInfo;
use crate::code::{group, grouped_width};
use crate::tui::app::{AgentList, App, Unlocked};
use crate::tui::keymap::Key;
use crate::tui::layout;
use crate::tui::text;
use crate::tui::width::{fit_label, pad, pad_left};

/// The last seconds of a period, when the code changes colour and the next is shown.
const LAST_SECONDS: u32 = 10;

/// Countdown dots: one per 10 seconds of the period (6 for 60 s, 3 for 30 s),
/// filled for the time left. Periods over a minute get 6 dots, each a sixth.
fn dots(period: u32, remaining: u32) -> (usize, usize) {
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

/// The search line, while a search is typed or set.
pub(super) fn render_search(searching: bool, filter: &str, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let cursor = if searching { "▏" } else { "" };
    let line = format!(" {} {}{cursor}", text::search_prompt(), filter);
    Line::styled(truncate(&line, usize::from(area.width)), bold()).render(area, buf);
}

/// The accounts of the open vault.
pub(super) fn render_list(app: &App, unlocked: &Unlocked, area: Rect, buf: &mut Buffer) {
    let rows: Vec<RowView> = unlocked
        .visible()
        .iter()
        .filter_map(|&i| unlocked.store.get(i))
        .map(|account| account_view(app, unlocked, account))
        .collect();
    let empty = if unlocked.store.is_empty() {
        text::empty_list()
    } else {
        text::no_match(unlocked.filter.trim())
    };
    render_rows(&rows, unlocked.selected, &empty, area, buf);
}

/// The accounts a session agent serves.
pub(super) fn render_agent_list(app: &App, list: &AgentList, area: Rect, buf: &mut Buffer) {
    let rows: Vec<RowView> = list
        .visible()
        .iter()
        .filter_map(|&i| list.accounts.get(i))
        .map(|info| agent_view(app, list, info))
        .collect();
    let empty = if list.accounts.is_empty() {
        text::empty_list()
    } else {
        text::no_match(list.filter.trim())
    };
    render_rows(&rows, list.selected, &empty, area, buf);
}

/// What one row shows, whether the account comes from the unlocked vault or from
/// a session agent.
struct RowView<'a> {
    issuer: Option<&'a str>,
    name: &'a str,
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
    // Time-based (TOTP, Steam Guard) rows count down; HOTP rows wait for Enter.
    let code = match account.kind.period() {
        Some(period) => {
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
        None => RowCode::Hotp(
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
        digits: usize::from(account.digits.get()),
        code,
    }
}

/// Only the digits (and a Steam Guard code's letters) of a code from another
/// process, grouped: nothing else of what it sent reaches the terminal.
fn agent_digits(code: &str) -> String {
    group(
        &code
            .chars()
            .filter(char::is_ascii_alphanumeric)
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
        digits: usize::from(info.digits),
        code,
    }
}

/// The rows that fit, scrolled so that `selected` shows, or `empty` when there are none.
fn render_rows(rows: &[RowView], selected: usize, empty: &str, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    if rows.is_empty() {
        panel(vec![Part::text(empty, dim())], area, 60, buf);
        return;
    }
    let height = usize::from(area.height);
    let selected = selected.min(rows.len() - 1);
    let offset = layout::list_offset(selected, height, rows.len());
    let columns = Columns::new(rows, usize::from(area.width));
    for (row, (position, view)) in rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .enumerate()
    {
        let y = area.y + u16::try_from(row).unwrap_or(0);
        let rect = Rect::new(area.x, y, area.width, 1);
        account_row(view, columns, position == selected, rect, buf);
    }
}

/// How much room a row has: wide rows show the issuer in its own column and the
/// next code; tight ones drop the countdown dots and the next code so that the
/// account keeps its room.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowLayout {
    Wide,
    Narrow,
    Tight,
}

impl RowLayout {
    fn for_width(width: usize) -> Self {
        match width {
            w if w >= 64 => RowLayout::Wide,
            w if w >= 36 => RowLayout::Narrow,
            _ => RowLayout::Tight,
        }
    }
}

/// The seconds left: a space and 4 columns ("25s", "10m", "59초").
const SECONDS_WIDTH: usize = 5;
/// Room for the countdown dots: a space and 6 dots (fewer are padded).
const DOTS_WIDTH: usize = 7;
/// The smallest next-code column of a wide row.
const NEXT_WIDTH: usize = 14;
/// A HOTP row's hint after a space ("press Enter").
const HOTP_HINT_WIDTH: usize = 12;

/// The columns every row of one list shares, so that the code, the countdown and
/// the seconds keep their place in every row and through the whole period (the
/// next code takes the dots' place on narrow rows in the last seconds: the room
/// is kept for the wider of the two).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Columns {
    layout: RowLayout,
    /// The code: the widest code of the list (7 or 8 digits are wider, a Steam
    /// Guard code narrower).
    code: usize,
    /// The dots, or in the last seconds of a narrow row, the next code.
    dots: usize,
    /// The next code of a wide row ("  next 123 456"); 0 on other rows.
    next: usize,
    /// Everything right of the code: what the widest row needs at any time.
    tail: usize,
}

impl Columns {
    /// The columns of `rows` drawn `width` columns wide.
    fn new(rows: &[RowView], width: usize) -> Self {
        let layout = RowLayout::for_width(width);
        let code = rows
            .iter()
            .map(|r| grouped_width(r.digits))
            .max()
            .unwrap_or(7);
        let (dots, next) = match layout {
            RowLayout::Wide => (
                DOTS_WIDTH,
                (format!("  {} ", text::next()).width() + code).max(NEXT_WIDTH),
            ),
            // " →123 456" where the dots were.
            RowLayout::Narrow => (DOTS_WIDTH.max(code + 2), 0),
            RowLayout::Tight => (0, 0),
        };
        let mut columns = Self {
            layout,
            code,
            dots,
            next,
            tail: 0,
        };
        columns.tail = rows
            .iter()
            .map(|row| match row.code {
                RowCode::Totp { .. } | RowCode::Waiting { .. } => columns.totp_tail(),
                RowCode::Hotp(_) => columns.hotp_tail(),
            })
            .max()
            .unwrap_or(0);
        columns
    }

    /// The room right of a time-based row's code: dots, seconds, next code.
    fn totp_tail(&self) -> usize {
        self.dots + SECONDS_WIDTH + self.next
    }

    /// The room right of a counter-based row's code: its hint.
    fn hotp_tail(&self) -> usize {
        match self.layout {
            RowLayout::Tight => 1 + Key::Enter.label().width(),
            _ => HOTP_HINT_WIDTH + self.next,
        }
    }
}

/// The countdown part of a time-based row: dots (or, narrow and in the last
/// seconds, the next code) in their column, the seconds left, and on wide rows
/// the next code.
fn countdown(
    right: &mut Vec<Span<'static>>,
    columns: Columns,
    (period, remaining): (u32, Option<u32>),
    next: Option<&str>,
) {
    let wide = columns.layout == RowLayout::Wide;
    let last = remaining.is_some_and(|r| r <= LAST_SECONDS);
    let (filled, total) = dots(period, remaining.unwrap_or(0));
    // What a wider row of the list needs more goes before the seconds, so that
    // they end in one column.
    let dots_width = columns.dots + columns.tail.saturating_sub(columns.totp_tail());
    match (next, columns.layout) {
        // Very narrow: the seconds alone, so that the account keeps its room.
        (_, RowLayout::Tight) => right.push(Span::raw(" ".repeat(dots_width))),
        (Some(next), RowLayout::Narrow) => {
            // Narrow: the next code takes the place of the (nearly empty) dots.
            right.push(Span::styled(pad(&format!(" →{next}"), dots_width), dim()));
        }
        _ => {
            right.push(Span::raw(" "));
            let dot_style = if last { urgent() } else { good() };
            right.push(Span::styled("●".repeat(filled), dot_style));
            right.push(Span::styled(
                "○".repeat(total.saturating_sub(filled)),
                dim(),
            ));
            right.push(Span::raw(" ".repeat(dots_width.saturating_sub(1 + total))));
        }
    }
    right.push(Span::styled(
        format!(
            " {}",
            pad_left(
                &remaining.map(text::time_left).unwrap_or_default(),
                SECONDS_WIDTH - 1
            )
        ),
        dim(),
    ));
    if wide {
        let next = next
            .map(|n| format!("  {} {n}", text::next()))
            .unwrap_or_default();
        right.push(Span::styled(pad(&next, columns.next), dim()));
    }
}

/// The part right of a HOTP row's code: "press Enter", or "new code" once one was
/// generated; on very narrow rows "Enter" alone, and nothing beside a new code.
fn hotp_hint(right: &mut Vec<Span<'static>>, columns: Columns, generated: bool) {
    let hint = match (columns.layout, generated) {
        (RowLayout::Tight, true) => String::new(),
        (RowLayout::Tight, false) => Key::Enter.label(),
        (_, true) => text::hotp_used(),
        (_, false) => text::hotp_press(),
    };
    let width = columns.tail.saturating_sub(1);
    right.push(Span::styled(format!(" {}", pad(&hint, width)), dim()));
}

/// One account: label on the left; code, countdown and next code on the right,
/// in the list's [`Columns`]. Codes start at the left of their column, so a
/// shorter one (Steam Guard's 5 characters beside `123 456`) starts where the
/// others do.
fn account_row(view: &RowView, columns: Columns, selected: bool, area: Rect, buf: &mut Buffer) {
    let width = usize::from(area.width);
    let wide = columns.layout == RowLayout::Wide;
    let code_width = columns.code;
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
            right.push(Span::styled(format!("{code:<code_width$}"), code_style));
            countdown(
                &mut right,
                columns,
                (*period, Some(*remaining)),
                next.as_deref(),
            );
        }
        RowCode::Waiting { period } => {
            right.push(Span::styled(
                format!("{:<code_width$}", text::code_waiting(view.digits)),
                dim(),
            ));
            countdown(&mut right, columns, (*period, None), None);
        }
        RowCode::Hotp(shown) => {
            match shown {
                Some(code) => right.push(Span::styled(format!("{code:<code_width$}"), bold())),
                None => right.push(Span::styled(
                    format!("{:<code_width$}", text::HOTP_HIDDEN),
                    dim(),
                )),
            }
            hotp_hint(&mut right, columns, shown.is_some());
        }
    }
    right.push(Span::raw(" "));
    // Every row of the list gives the label the same room.
    let right_width = code_width + columns.tail + 1;
    let marker = if selected { "›" } else { " " };
    let label_width = width.saturating_sub(right_width + 2);
    let mut left = vec![Span::styled(marker, bold())];
    if wide {
        let issuer_width = (label_width / 3).min(20);
        let issuer = view.issuer.unwrap_or("");
        left.push(Span::styled(
            format!(
                " {}",
                pad(
                    &truncate(issuer, issuer_width.saturating_sub(1)),
                    issuer_width
                )
            ),
            bold(),
        ));
        let name_width = label_width.saturating_sub(issuer_width + 1);
        left.push(Span::raw(pad(view.name, name_width)));
    } else {
        let label = fit_label(view.issuer, view.name, label_width);
        left.push(Span::raw(format!(" {}", pad(&label, label_width))));
    }
    let mut spans = left;
    spans.push(Span::raw(" "));
    spans.extend(right);
    if selected {
        buf.set_style(area, Style::new().bg(Color::Indexed(236)));
    }
    Line::from(spans).render(area, buf);
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
    fn seconds_left_in_seconds_minutes_or_hours() {
        crate::i18n::set_thread(Some(crate::i18n::Lang::En));
        assert_eq!(text::time_left(59), "59s");
        assert_eq!(text::time_left(600), "10m");
        assert_eq!(text::time_left(86_400), "24h");
        crate::i18n::set_thread(Some(crate::i18n::Lang::Ko));
        assert_eq!(text::time_left(59), "59초");
        assert_eq!(text::time_left(600), "10분");
        crate::i18n::set_thread(None);
    }
}
