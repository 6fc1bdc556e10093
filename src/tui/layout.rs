//! Screen geometry, shared by the view (to draw) and the app (to map a click to a
//! row), so both always agree. All arithmetic saturates: any size is valid.

use ratatui::layout::Rect;

use super::app::{App, Screen, Status};
use super::keymap::{self, Context};
use super::width::wrap;

/// The regions of the main frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frame {
    /// The title bar (top row).
    pub title: Rect,
    /// The search line, when a search is shown.
    pub search: Rect,
    /// The body: account list, unlock panel, ...
    pub body: Rect,
    /// The status line: one row, or more for a long message (see
    /// [`status_message`]).
    pub status: Rect,
    /// The key hints (bottom row).
    pub hints: Rect,
}

fn row(area: Rect, y: u16) -> Rect {
    Rect::new(area.x, y, area.width, 1)
}

fn empty(area: Rect) -> Rect {
    Rect::new(area.x, area.y, 0, 0)
}

/// Splits `area` into title, optional search line, body, status and hints. Rows are
/// given up from the least important (hints, then status, then the title) when the
/// terminal is very short. The status takes `status_rows` rows, and at most all
/// but one of the body's: the selected account stays in sight.
pub fn frame(area: Rect, with_search: bool, status_rows: u16) -> Frame {
    let mut top = area.y;
    let mut bottom = area.y.saturating_add(area.height);
    let mut take_top = |enough: bool| {
        if enough && top < bottom {
            top += 1;
            row(area, top - 1)
        } else {
            empty(area)
        }
    };
    let title = take_top(area.height >= 2);
    let search = take_top(with_search && area.height >= 5);
    let mut take_bottom = |enough: bool| {
        if enough && bottom > top {
            bottom -= 1;
            row(area, bottom)
        } else {
            empty(area)
        }
    };
    let hints = take_bottom(area.height >= 3);
    let mut status = take_bottom(area.height >= 4);
    let extra = status_rows
        .saturating_sub(1)
        .min(bottom.saturating_sub(top).saturating_sub(1));
    if !status.is_empty() && extra > 0 {
        bottom -= extra;
        status = Rect::new(area.x, bottom, area.width, extra + 1);
    }
    Frame {
        title,
        search,
        body: Rect::new(area.x, top, area.width, bottom.saturating_sub(top)),
        status,
        hints,
    }
}

/// The first visible row of a list of `count` rows with `selected` highlighted,
/// when `height` rows fit: the selection is always on screen.
pub fn list_offset(selected: usize, height: usize, count: usize) -> usize {
    if height == 0 {
        return 0;
    }
    let max_offset = count.saturating_sub(height);
    selected.saturating_sub(height - 1).min(max_offset)
}

/// The whole terminal as the app last heard of it.
pub fn screen_area(app: &App) -> Rect {
    Rect::new(0, 0, app.size.0, app.size.1)
}

/// The main frame of the app at its current size.
pub fn app_frame(app: &App) -> Frame {
    let with_search = match &app.screen {
        Screen::Unlocked(unlocked) => unlocked.searching || !unlocked.filter.is_empty(),
        Screen::Agent(list) => list.searching || !list.filter.is_empty(),
        _ => false,
    };
    let area = screen_area(app);
    frame(area, with_search, status_rows(app, area.width))
}

/// The status message that is wrapped rather than cut: an info or an error,
/// unless the status line shows what the worker is busy with. A copy's status
/// keeps one line (the account and the countdown before the rest).
pub fn status_message(app: &App) -> Option<&str> {
    if app.busy.is_some() && matches!(app.screen, Screen::Unlocked(_) | Screen::Agent(_)) {
        return None;
    }
    match &app.status {
        Some(Status::Info(message) | Status::Error(message)) => Some(message),
        _ => None,
    }
}

/// The rows the status message needs at `width` columns (after the one-column
/// margin), one at least.
fn status_rows(app: &App, width: u16) -> u16 {
    let lines = status_message(app).map_or(1, |message| {
        wrap(message, usize::from(width.saturating_sub(1))).len()
    });
    u16::try_from(lines.max(1)).unwrap_or(u16::MAX)
}

/// The position in the visible list of the account drawn at (`column`, `row`).
pub fn row_at(app: &App, column: u16, row: u16) -> Option<usize> {
    let (selected, count) = match &app.screen {
        Screen::Unlocked(unlocked) => (unlocked.selected, unlocked.visible().len()),
        Screen::Agent(list) => (list.selected, list.visible().len()),
        _ => return None,
    };
    let body = app_frame(app).body;
    let inside = column >= body.x
        && column < body.x.saturating_add(body.width)
        && row >= body.y
        && row < body.y.saturating_add(body.height);
    if !inside {
        return None;
    }
    let offset = list_offset(selected, usize::from(body.height), count);
    let position = offset + usize::from(row - body.y);
    (position < count).then_some(position)
}

/// A rectangle of at most `width` × `height` centred in `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}

/// Where a dialog may be drawn: in the body, and when its text needs more rows,
/// over the title and status rows too, and only then over the key hints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Room {
    /// The body of the frame.
    pub body: Rect,
    /// The screen above the key hints.
    pub above_hints: Rect,
    /// The whole screen.
    pub screen: Rect,
}

impl Room {
    /// The room of the app's frame at its current size, within `area` (what is
    /// drawn on).
    pub fn of(app: &App, area: Rect) -> Self {
        let frame = app_frame(app);
        let screen = screen_area(app).intersection(area);
        let above_hints = Rect::new(
            screen.x,
            screen.y,
            screen.width,
            screen.height.saturating_sub(frame.hints.height),
        );
        Self {
            body: frame.body.intersection(area),
            above_hints,
            screen,
        }
    }

    /// The box of a dialog of at most `width` × `height`: centred in the body
    /// when it fits there, otherwise in the first wider area that holds it, or
    /// the whole screen.
    pub fn place(self, width: u16, height: u16) -> Rect {
        let area = [self.body, self.above_hints]
            .into_iter()
            .find(|area| height <= area.height)
            .unwrap_or(self.screen);
        centered(area, width, height)
    }
}

/// The login-request dialog: its box, the rows for the context, the three
/// number choices and the hint row. The view draws in it and clicks are mapped
/// with it ([`push_choice_at`]), so both agree at any size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PushDialog {
    /// The box, border included.
    pub outer: Rect,
    /// The rows above the choices: account, context, time left, question.
    pub info: Rect,
    /// The three numbers, left to right.
    pub choices: [Rect; 3],
    /// The row under the choices for the keys (empty when there is no room).
    pub hint: Rect,
}

/// The widest the login-request dialog gets.
pub const PUSH_WIDTH: u16 = 64;
/// The tallest the login-request dialog gets.
pub const PUSH_HEIGHT: u16 = 15;
/// The widest a number choice gets.
const CHOICE_WIDTH: u16 = 14;

/// Where the login-request dialog goes in `room`.
pub fn push_dialog(room: Room) -> PushDialog {
    let outer = room.place(PUSH_WIDTH, PUSH_HEIGHT);
    let inner = Rect::new(
        outer.x.saturating_add(1),
        outer.y.saturating_add(1),
        outer.width.saturating_sub(2),
        outer.height.saturating_sub(2),
    );
    let bottom = inner.y.saturating_add(inner.height);
    let hint_rows = u16::from(inner.height >= 8);
    // Big boxes when there is room, one row each otherwise.
    let choice_rows = if inner.height >= 10 { 3 } else { 1 }.min(inner.height);
    let choices_y = bottom.saturating_sub(hint_rows + choice_rows).max(inner.y);
    let gap: u16 = if inner.width >= 24 { 2 } else { 1 };
    let width = (inner.width.saturating_sub(2 * gap) / 3).min(CHOICE_WIDTH);
    let used = width * 3 + gap * 2;
    let left = inner.x + inner.width.saturating_sub(used) / 2;
    let choice = |i: u16| Rect::new(left + i * (width + gap), choices_y, width, choice_rows);
    // A blank row between the text and the choices when the box is tall enough.
    let spacer = u16::from(inner.height >= 12);
    PushDialog {
        outer,
        info: Rect::new(
            inner.x,
            inner.y,
            inner.width,
            choices_y.saturating_sub(inner.y).saturating_sub(spacer),
        ),
        choices: [choice(0), choice(1), choice(2)],
        hint: Rect::new(
            inner.x,
            bottom.saturating_sub(hint_rows),
            inner.width,
            hint_rows,
        ),
    }
}

/// Which number choice (1, 2 or 3) of the login-request dialog is at
/// (`column`, `row`).
pub fn push_choice_at(app: &App, column: u16, row: u16) -> Option<u8> {
    let room = Room::of(app, screen_area(app));
    let dialog = push_dialog(room);
    let position = ratatui::layout::Position::new(column, row);
    (1u8..)
        .zip(dialog.choices)
        .find(|(_, rect)| rect.contains(position))
        .map(|(n, _)| n)
}

/// The help overlay's lines: a heading per context, then its keys and what they do.
pub fn help_lines() -> Vec<(Option<Context>, String, String)> {
    let mut lines = Vec::new();
    for context in Context::ALL {
        lines.push((Some(context), String::new(), context.title()));
        for binding in keymap::BINDINGS.iter().filter(|b| b.context == context) {
            lines.push((None, keymap::keys_label(binding.keys), (binding.help)()));
        }
    }
    lines
}

/// The box the help overlay is drawn in.
pub fn help_area(app: &App) -> Rect {
    let body = app_frame(app).body;
    centered(body, 76, body.height)
}

/// The largest scroll offset of the help overlay at the current size.
pub fn help_max_offset(app: &App) -> u16 {
    let inner = help_area(app).height.saturating_sub(2);
    let lines = u16::try_from(help_lines().len()).unwrap_or(u16::MAX);
    lines.saturating_sub(inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frame_fits_any_height() {
        for height in 0..30 {
            for search in [false, true] {
                let area = Rect::new(0, 0, 40, height);
                let f = frame(area, search, 1);
                let total = f.title.height
                    + f.search.height
                    + f.body.height
                    + f.status.height
                    + f.hints.height;
                assert_eq!(total, height, "height {height}");
            }
        }
        let f = frame(Rect::new(0, 0, 40, 12), true, 1);
        assert_eq!(
            (f.title.y, f.search.y, f.body.y, f.body.height),
            (0, 1, 2, 8)
        );
        assert_eq!((f.status.y, f.hints.y), (10, 11));
    }

    #[test]
    fn a_long_status_grows_up_over_the_body_and_leaves_it_a_row() {
        let f = frame(Rect::new(0, 0, 40, 12), false, 3);
        assert_eq!((f.body.y, f.body.height), (1, 7));
        assert_eq!((f.status.y, f.status.height, f.hints.y), (8, 3, 11));
        let f = frame(Rect::new(0, 0, 40, 12), false, 40);
        assert_eq!((f.body.height, f.status.y, f.status.height), (1, 2, 9));
        for height in 0..14 {
            for rows in 0..12 {
                let f = frame(Rect::new(0, 0, 40, height), true, rows);
                let total = f.title.height
                    + f.search.height
                    + f.body.height
                    + f.status.height
                    + f.hints.height;
                assert_eq!(total, height, "height {height}, {rows} rows");
            }
        }
    }

    #[test]
    fn offset_keeps_the_selection_visible() {
        assert_eq!(list_offset(0, 5, 10), 0);
        assert_eq!(list_offset(4, 5, 10), 0);
        assert_eq!(list_offset(5, 5, 10), 1);
        assert_eq!(list_offset(9, 5, 10), 5);
        assert_eq!(list_offset(9, 0, 10), 0);
        assert_eq!(list_offset(3, 20, 10), 0);
    }
}
