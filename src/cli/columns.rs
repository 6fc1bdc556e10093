//! Text laid out in columns by display width: a Hangul syllable or an emoji takes
//! two terminal columns, a combining mark none, so padding by characters would
//! push every later column of a Korean label to the right.

use unicode_width::UnicodeWidthStr;

/// Appends `cell` to `line` and pads it with spaces to `width` display columns.
pub fn pad_to(line: &mut String, cell: &str, width: usize) {
    line.push_str(cell);
    let used = cell.width();
    line.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
}

/// Lays `rows` out as a table: each column as wide as its widest cell, two spaces
/// between columns, no trailing spaces.
pub fn table<const N: usize>(rows: &[[String; N]]) -> String {
    let mut widths = [0usize; N];
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (cell, width) in row.iter().zip(widths) {
            pad_to(&mut line, cell, width);
            line.push_str("  ");
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Display columns counted without unicode-width: the Hangul syllables and the
    /// CJK ideographs used here take two, ASCII one, the combining acute none.
    fn columns(text: &str) -> usize {
        text.chars()
            .map(|c| match c {
                '\u{0301}' => 0,
                '\u{AC00}'..='\u{D7A3}' | '\u{4E00}'..='\u{9FFF}' => 2,
                _ => 1,
            })
            .sum()
    }

    #[test]
    fn every_column_starts_at_the_same_display_column() {
        let rows = [
            ["ACCOUNT".to_owned(), "TYPE".to_owned()],
            [
                "한국과학기술정보연구원:홍길동".to_owned(),
                "TOTP".to_owned(),
            ],
            ["KISTI:hong".to_owned(), "TOTP".to_owned()],
            ["Cafe\u{0301}:zoe".to_owned(), "HOTP".to_owned()],
        ];
        let text = table(&rows);
        let starts: Vec<usize> = text
            .lines()
            .map(|line| {
                let last = line.rsplit(' ').next().unwrap_or_default();
                columns(&line[..line.len() - last.len()])
            })
            .collect();
        assert_eq!(starts.len(), 4, "{text}");
        assert!(starts.iter().all(|s| *s == starts[0]), "{starts:?}\n{text}");
        assert_eq!(starts[0], columns("한국과학기술정보연구원:홍길동") + 2);
    }
}
