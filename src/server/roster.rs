//! The users' CSV file of `otpd user import`, read and checked as a whole before
//! anything changes.
//!
//! - Text: UTF-8, with or without a byte order mark; otherwise CP949 (EUC-KR),
//!   what Korean Excel writes for "CSV (쉼표로 분리)". Anything that is neither is
//!   refused with the way to save it as "CSV UTF-8".
//! - A header row is required. Its headings, in any order and case: `ID`/`아이디`
//!   (required), `name`/`이름`, `email`/`e-mail`/`이메일`,
//!   `language`/`lang`/`언어`. Other columns (a spreadsheet's `부서`) are ignored
//!   and named back to the administrator, never guessed at.
//! - Cells lose their outer spaces: no ID, email address or language can have
//!   them (`otpd user add` refuses them), so this only rescues `jklee, 이정국`
//!   typed with a space after each comma; how many cells it touched is reported.
//!   An empty cell is a value not given; a row of empty cells is skipped.
//! - Every row goes through the checks of `otpd user add`, IDs must be unique in
//!   the file, and each row must have as many cells as the header. Every problem
//!   is reported with its line (as an editor numbers it, the header on line 1)
//!   and column, up to [`MAX_IMPORT_PROBLEMS`] of them.

use std::borrow::Cow;
use std::collections::HashMap;

use super::admin::{check_display_name, check_email, check_lang, check_user_id};
use super::error::{AdminError, ImportError, ImportProblem, ImportProblemKind};
use super::policy::{MAX_IMPORT_PROBLEMS, MAX_IMPORT_ROWS};

/// One user of the file, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterRow {
    /// The line the row starts on.
    pub line: u64,
    /// The user's ID.
    pub user_id: String,
    /// A display name, if the file gives one.
    pub name: Option<String>,
    /// An email address, if the file gives one.
    pub email: Option<String>,
    /// The language (`en`, `ko`), if the file gives one.
    pub lang: Option<&'static str>,
}

/// How the file's bytes were read as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8 (a byte order mark, if any, dropped).
    Utf8,
    /// CP949 (EUC-KR), as Korean Excel saves "CSV".
    Cp949,
}

/// A checked import file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Roster {
    /// Its users, in file order.
    pub rows: Vec<RosterRow>,
    /// Headings of the columns otpd does not use, as the file writes them.
    pub ignored_columns: Vec<String>,
    /// How its bytes were read.
    pub encoding: TextEncoding,
    /// Cells that lost spaces at either end.
    pub trimmed_cells: usize,
}

/// A field of a user that a column can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Id,
    Name,
    Email,
    Lang,
}

impl Field {
    /// The field a heading names (any case, English or Korean), if any.
    fn of_heading(heading: &str) -> Option<Self> {
        match heading.to_lowercase().as_str() {
            "id" | "아이디" => Some(Field::Id),
            "name" | "이름" => Some(Field::Name),
            "email" | "e-mail" | "이메일" => Some(Field::Email),
            "language" | "lang" | "언어" => Some(Field::Lang),
            _ => None,
        }
    }
}

/// The file's text, and how it was read.
fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, TextEncoding), ImportError> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // UTF-16 (Excel's "Unicode text") is ASCII with NUL bytes between.
    if body.contains(&0) {
        return Err(ImportError::NotText);
    }
    if let Ok(text) = std::str::from_utf8(body) {
        return Ok((Cow::Borrowed(text), TextEncoding::Utf8));
    }
    encoding_rs::EUC_KR
        .decode_without_bom_handling_and_without_replacement(body)
        .map(|text| (text, TextEncoding::Cp949))
        .ok_or(ImportError::NotText)
}

/// The problems found so far: the first [`MAX_IMPORT_PROBLEMS`], and a count of
/// the rest.
#[derive(Default)]
struct Problems {
    listed: Vec<ImportProblem>,
    more: usize,
}

impl Problems {
    fn add(&mut self, line: u64, column: Option<&str>, kind: ImportProblemKind) {
        if self.listed.len() < MAX_IMPORT_PROBLEMS {
            self.listed.push(ImportProblem {
                line,
                column: column.map(str::to_owned),
                kind,
            });
        } else {
            self.more += 1;
        }
    }

    fn is_empty(&self) -> bool {
        self.listed.is_empty()
    }

    fn into_error(self) -> ImportError {
        ImportError::Problems {
            problems: self.listed,
            more: self.more,
        }
    }
}

/// The columns of the header: where each field is, with its heading.
struct Columns {
    /// (field, column index, heading as written).
    fields: Vec<(Field, usize, String)>,
    /// Cells per row.
    width: usize,
}

impl Columns {
    fn find(&self, field: Field) -> Option<(usize, &str)> {
        self.fields
            .iter()
            .find(|(f, _, _)| *f == field)
            .map(|(_, index, heading)| (*index, heading.as_str()))
    }
}

/// Reads the header: the fields' columns, the headings otpd ignores, and the
/// problems of the header itself.
fn read_header(
    record: &csv::StringRecord,
    line: u64,
    problems: &mut Problems,
) -> (Columns, Vec<String>) {
    let mut fields: Vec<(Field, usize, String)> = Vec::new();
    let mut ignored = Vec::new();
    for (index, cell) in record.iter().enumerate() {
        let heading = cell.trim();
        match Field::of_heading(heading) {
            Some(field) if fields.iter().any(|(f, _, _)| *f == field) => {
                problems.add(line, Some(heading), ImportProblemKind::DuplicateColumn);
            }
            Some(field) => fields.push((field, index, heading.to_owned())),
            None if heading.is_empty() => {}
            None => ignored.push(heading.to_owned()),
        }
    }
    if !fields.iter().any(|(f, _, _)| *f == Field::Id) {
        problems.add(line, None, ImportProblemKind::NoIdColumn);
    }
    let width = record.len();
    (Columns { fields, width }, ignored)
}

/// `value` with its control characters escaped (`\u{1b}`), so a refused cell
/// shown back cannot move the cursor or recolour the administrator's terminal.
fn escaped(value: String) -> String {
    if value.chars().any(char::is_control) {
        value
            .chars()
            .map(|c| {
                if c.is_control() {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect()
    } else {
        value
    }
}

/// A refused value's error with the value made visible (see [`escaped`]).
fn visible(error: AdminError) -> AdminError {
    match error {
        AdminError::BadUserId { user } => AdminError::BadUserId {
            user: escaped(user),
        },
        AdminError::BadEmail { email } => AdminError::BadEmail {
            email: escaped(email),
        },
        AdminError::BadLang { lang } => AdminError::BadLang {
            lang: escaped(lang),
        },
        other => other,
    }
}

/// A field's cell in `record` with its column's heading, without its outer spaces
/// (counted in `trimmed`); `None` when the column or the value is absent.
fn field_cell<'c>(
    columns: &'c Columns,
    record: &csv::StringRecord,
    field: Field,
    trimmed: &mut usize,
) -> Option<(String, &'c str)> {
    let (index, heading) = columns.find(field)?;
    let raw = record.get(index)?;
    let value = raw.trim();
    if value.len() != raw.len() {
        *trimmed += 1;
    }
    (!value.is_empty()).then(|| (value.to_owned(), heading))
}

/// Reads and checks a whole import file: its users, or every problem found.
pub fn read_roster(bytes: &[u8]) -> Result<Roster, ImportError> {
    let (text, encoding) = decode(bytes)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let mut problems = Problems::default();
    let (columns, ignored_columns) = match records.next() {
        None => return Err(ImportError::NoHeader),
        Some(Err(error)) => {
            let line = error.position().map_or(1, |p| p.line());
            problems.add(
                line,
                None,
                ImportProblemKind::Syntax {
                    detail: error.to_string(),
                },
            );
            return Err(problems.into_error());
        }
        Some(Ok(header)) => {
            let line = header.position().map_or(1, |p| p.line());
            read_header(&header, line, &mut problems)
        }
    };
    if !problems.is_empty() {
        return Err(problems.into_error());
    }
    let mut rows: Vec<RosterRow> = Vec::new();
    let mut first_line: HashMap<String, u64> = HashMap::new();
    let mut trimmed_cells = 0;
    let mut seen = 0usize;
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                let line = error.position().map_or(0, |p| p.line());
                problems.add(
                    line,
                    None,
                    ImportProblemKind::Syntax {
                        detail: error.to_string(),
                    },
                );
                break;
            }
        };
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        seen += 1;
        if seen > MAX_IMPORT_ROWS {
            return Err(ImportError::TooManyRows {
                limit: MAX_IMPORT_ROWS,
            });
        }
        let line = record.position().map_or(0, |p| p.line());
        if record.len() != columns.width {
            problems.add(
                line,
                None,
                ImportProblemKind::FieldCount {
                    found: record.len(),
                    expected: columns.width,
                },
            );
            continue;
        }
        let mut cell = |field| field_cell(&columns, &record, field, &mut trimmed_cells);
        let id = cell(Field::Id);
        let name = cell(Field::Name);
        let email = cell(Field::Email);
        let lang = cell(Field::Lang);
        let before = problems.listed.len() + problems.more;
        let mut value_problem = |heading: &str, error: AdminError| {
            problems.add(
                line,
                Some(heading),
                ImportProblemKind::Value(visible(error)),
            );
        };
        if let Some((value, heading)) = &id
            && let Err(error) = check_user_id(value)
        {
            value_problem(heading, error);
        }
        if let Some((value, heading)) = &name
            && let Err(error) = check_display_name(value)
        {
            value_problem(heading, error);
        }
        if let Some((value, heading)) = &email
            && let Err(error) = check_email(value)
        {
            value_problem(heading, error);
        }
        let lang = match &lang {
            Some((value, heading)) => match check_lang(value) {
                Ok(lang) => Some(lang),
                Err(error) => {
                    value_problem(heading, error);
                    None
                }
            },
            None => None,
        };
        let Some((user_id, id_heading)) = id else {
            let heading = columns.find(Field::Id).map(|(_, heading)| heading);
            problems.add(line, heading, ImportProblemKind::MissingId);
            continue;
        };
        if let Some(&first) = first_line.get(&user_id) {
            problems.add(
                line,
                Some(id_heading),
                ImportProblemKind::DuplicateId {
                    user: user_id,
                    first_line: first,
                },
            );
            continue;
        }
        first_line.insert(user_id.clone(), line);
        if problems.listed.len() + problems.more == before {
            rows.push(RosterRow {
                line,
                user_id,
                name: name.map(|(value, _)| value),
                email: email.map(|(value, _)| value),
                lang,
            });
        }
    }
    if !problems.is_empty() {
        return Err(problems.into_error());
    }
    Ok(Roster {
        rows,
        ignored_columns,
        encoding,
        trimmed_cells,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &[u8]) -> Vec<(u64, Option<String>, ImportProblemKind)> {
        match read_roster(text) {
            Err(ImportError::Problems { problems, .. }) => problems
                .into_iter()
                .map(|p| (p.line, p.column, p.kind))
                .collect(),
            other => panic!("not refused for problems: {other:?}"),
        }
    }

    #[test]
    fn korean_headings_in_any_order_and_extra_columns() {
        let roster = read_roster(
            "언어,부서,이메일,아이디,이름\nKO,연구,jk@kisti.re.kr,jklee,이정국\n,,,mkim,\n,,,,\n"
                .as_bytes(),
        )
        .unwrap();
        assert_eq!(roster.ignored_columns, ["부서"]);
        assert_eq!(roster.encoding, TextEncoding::Utf8);
        assert_eq!(
            roster.rows,
            [
                RosterRow {
                    line: 2,
                    user_id: "jklee".into(),
                    name: Some("이정국".into()),
                    email: Some("jk@kisti.re.kr".into()),
                    lang: Some("ko"),
                },
                RosterRow {
                    line: 3,
                    user_id: "mkim".into(),
                    name: None,
                    email: None,
                    lang: None,
                },
            ]
        );
    }

    #[test]
    fn a_quoted_cell_over_two_lines_keeps_the_next_rows_line_numbers() {
        let found = problems(b"ID,name\n\"a\",\"two\nlines\"\nb,x\nb,y\n");
        // The name with a line break is refused on line 2; the duplicate on line 5
        // names line 4.
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].0, 2);
        assert_eq!(found[0].1.as_deref(), Some("name"));
        assert_eq!(
            found[1],
            (
                5,
                Some("ID".into()),
                ImportProblemKind::DuplicateId {
                    user: "b".into(),
                    first_line: 4
                }
            )
        );
    }

    #[test]
    fn cp949_and_a_byte_order_mark() {
        let (bytes, _, _) = encoding_rs::EUC_KR.encode("아이디,이름\njklee,이정국\n");
        let roster = read_roster(&bytes).unwrap();
        assert_eq!(roster.encoding, TextEncoding::Cp949);
        assert_eq!(roster.rows[0].name.as_deref(), Some("이정국"));
        let roster = read_roster("\u{feff}ID\njklee\n".as_bytes()).unwrap();
        assert_eq!(roster.rows[0].user_id, "jklee");
        assert_eq!(read_roster(b"I\0D\0"), Err(ImportError::NotText));
        assert_eq!(read_roster(b"ID\n\xff\xff\n"), Err(ImportError::NotText));
    }

    #[test]
    fn header_problems() {
        assert_eq!(read_roster(b""), Err(ImportError::NoHeader));
        assert_eq!(
            problems(b"name,email\nx,y@z.kr\n"),
            [(1, None, ImportProblemKind::NoIdColumn)]
        );
        assert_eq!(
            problems("ID,email,이메일\n".as_bytes()),
            [(1, Some("이메일".into()), ImportProblemKind::DuplicateColumn)]
        );
    }

    #[test]
    fn every_row_problem_is_reported() {
        let found = problems(b"ID,email,lang\n a , b@c.kr ,\nx,nope,ja\n,y@z.kr,\nq,r\n");
        let kinds: Vec<_> = found.iter().map(|p| (p.0, p.1.as_deref())).collect();
        assert_eq!(
            kinds,
            [
                (3, Some("email")),
                (3, Some("lang")),
                (4, Some("ID")),
                (5, None)
            ]
        );
        assert_eq!(
            found[3].2,
            ImportProblemKind::FieldCount {
                found: 2,
                expected: 3
            }
        );
    }

    #[test]
    fn a_refused_value_is_shown_without_its_control_characters() {
        let found = problems(
            b"ID,email
x[2Jy,a]0;@b.kr
",
        );
        assert_eq!(
            found[0].2,
            ImportProblemKind::Value(AdminError::BadUserId {
                user: "x\\u{1b}[2Jy".into()
            })
        );
        assert_eq!(
            found[1].2,
            ImportProblemKind::Value(AdminError::BadEmail {
                email: "a\\u{1b}]0;@b.kr".into()
            })
        );
    }

    #[test]
    fn outer_spaces_are_trimmed_and_counted() {
        let roster = read_roster(b"ID, email \n jklee ,jk@kisti.re.kr\n").unwrap();
        assert_eq!(roster.rows[0].user_id, "jklee");
        assert_eq!(roster.trimmed_cells, 1);
    }

    #[test]
    fn problems_are_capped() {
        let mut text = String::from("ID,lang\n");
        for i in 0..70 {
            text.push_str(&format!("u{i},xx\n"));
        }
        match read_roster(text.as_bytes()) {
            Err(ImportError::Problems { problems, more }) => {
                assert_eq!(problems.len(), MAX_IMPORT_PROBLEMS);
                assert_eq!(more, 70 - MAX_IMPORT_PROBLEMS);
            }
            other => panic!("{other:?}"),
        }
    }
}
