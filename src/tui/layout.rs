//! Screen geometry, shared by the view (to draw) and the app (to map a click to a
//! row), so both always agree. All arithmetic saturates: any size is valid.

use ratatui::layout::Rect;

use super::app::{App, Screen};
use super::keymap::{self, Context};

/// The regions of the main frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frame {
    /// The title bar (top row).
    pub title: Rect,
    /// The search line, when a search is shown.
    pub search: Rect,
    /// The body: account list, unlock panel, ...
    pub body: Rect,
    /// The status line.
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
/// terminal is very short.
pub fn frame(area: Rect, with_search: bool) -> Frame {
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
    let status = take_bottom(area.height >= 4);
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
    frame(screen_area(app), with_search)
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
                let f = frame(area, search);
                let total = f.title.height
                    + f.search.height
                    + f.body.height
                    + f.status.height
                    + f.hints.height;
                assert_eq!(total, height, "height {height}");
            }
        }
        let f = frame(Rect::new(0, 0, 40, 12), true);
        assert_eq!(
            (f.title.y, f.search.y, f.body.y, f.body.height),
            (0, 1, 2, 8)
        );
        assert_eq!((f.status.y, f.hints.y), (10, 11));
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
