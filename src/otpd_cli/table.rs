//! The admin listings' tables, padded by display width: a Korean organisation name
//! or user ID takes two columns per syllable on a terminal, so counting characters
//! (as `{:<12}` does) would push every column after it out of line.

use unicode_width::UnicodeWidthStr;

/// How a column's cells sit in their width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Text: padded on the right.
    Left,
    /// Numbers: padded on the left.
    Right,
}

/// A table: headings, rows, and each column's alignment. Columns are two spaces
/// apart; the last column is never padded (no trailing spaces).
#[derive(Debug, Clone)]
pub struct Table {
    align: Vec<Align>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these headings and alignments (one per column).
    pub fn new(columns: Vec<(String, Align)>) -> Self {
        let (heading, align) = columns.into_iter().unzip();
        Self {
            align,
            rows: vec![heading],
        }
    }

    /// Adds a row (missing cells are empty, extra cells are dropped).
    pub fn row(&mut self, mut cells: Vec<String>) {
        cells.resize(self.align.len(), String::new());
        self.rows.push(cells);
    }

    /// The lines of the table, heading first.
    pub fn lines(&self) -> Vec<String> {
        let widths: Vec<usize> = (0..self.align.len())
            .map(|column| {
                self.rows
                    .iter()
                    .map(|row| row[column].width())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        self.rows
            .iter()
            .map(|row| {
                let mut line = String::new();
                let last = row.len().saturating_sub(1);
                for (column, cell) in row.iter().enumerate() {
                    if column > 0 {
                        line.push_str("  ");
                    }
                    let pad = " ".repeat(widths[column].saturating_sub(cell.width()));
                    match self.align[column] {
                        Align::Right => {
                            line.push_str(&pad);
                            line.push_str(cell);
                        }
                        Align::Left if column == last => line.push_str(cell),
                        Align::Left => {
                            line.push_str(cell);
                            line.push_str(&pad);
                        }
                    }
                }
                // An empty last cell leaves no separator behind.
                line.truncate(line.trim_end().len());
                line
            })
            .collect()
    }

    /// Prints the table on standard output.
    pub fn print(&self) {
        for line in self.lines() {
            println!("{line}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        let mut table = Table::new(vec![
            ("고객코드".to_owned(), Align::Left),
            ("사용자 수".to_owned(), Align::Right),
            ("이름".to_owned(), Align::Left),
            ("상태".to_owned(), Align::Left),
        ]);
        table.row(vec![
            "1106".into(),
            "3".into(),
            "한국과학기술원".into(),
            "사용 중".into(),
        ]);
        table.row(vec![
            "kaist-2".into(),
            "120".into(),
            "Example Org".into(),
            "중지됨".into(),
        ]);
        table
    }

    #[test]
    fn korean_cells_line_up_by_display_width() {
        let lines = table().lines();
        assert_eq!(
            lines,
            [
                "고객코드  사용자 수  이름            상태",
                "1106              3  한국과학기술원  사용 중",
                "kaist-2         120  Example Org     중지됨",
            ]
        );
        // Every column after the Korean name starts at the same terminal column.
        let starts: Vec<usize> = lines
            .iter()
            .map(|line| {
                let at = line.rfind("  ").unwrap();
                line[..at].width()
            })
            .collect();
        assert!(starts.windows(2).all(|w| w[0] == w[1]), "{lines:#?}");
    }

    #[test]
    fn no_trailing_spaces_and_short_rows_are_filled() {
        let mut table = Table::new(vec![
            ("ID".to_owned(), Align::Left),
            ("NAME".to_owned(), Align::Left),
        ]);
        table.row(vec!["홍길동".into()]);
        for line in table.lines() {
            assert_eq!(line, line.trim_end());
        }
        assert_eq!(table.lines()[1], "홍길동");
    }
}
