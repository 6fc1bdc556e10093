//! Bitwarden's CSV export, of a personal vault or an organisation's.
//!
//! The header line names the columns (bitwarden/clients, `BitwardenCsvExportType`):
//!
//! ```text
//! folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp
//! collections,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp
//! ```
//!
//! Older exports have no `reprompt`; columns are found by name, not position. Fields
//! are quoted the usual CSV way (a note may hold commas, quotes and line breaks).
//! A row's `login_totp` is read as the JSON export's `login.totp` is ([`super::key`]);
//! a row without one (a note, a login without TOTP) is only counted.

use zeroize::Zeroizing;

use super::super::error::{ImportError, Problem};
use super::super::format::Format;
use super::super::imported::Imported;
use super::key;

/// The column holding the TOTP key.
const TOTP: &str = "login_totp";
/// The column holding the item's name.
const NAME: &str = "name";
/// The column holding the login's username.
const USERNAME: &str = "login_username";

/// Whether `line` (the file's first line) is a Bitwarden CSV header: it names the
/// `name` and `login_totp` columns, and `folder` or `collections`.
pub fn looks_like(line: &str) -> bool {
    let mut records = Records::new(line);
    let Ok(Some((_, header))) = records.next() else {
        return false;
    };
    let has = |column: &str| header.iter().any(|field| field.trim() == column);
    has(NAME) && has(TOTP) && (has("folder") || has("collections"))
}

fn malformed(problem: Problem) -> ImportError {
    ImportError::malformed(Format::BitwardenCsv, problem)
}

/// Reads the file: one account per row with a TOTP key.
pub fn read(text: &str) -> Result<Imported, ImportError> {
    let mut records = Records::new(text);
    let (_, header) = records
        .next()
        .map_err(malformed)?
        .ok_or(malformed(Problem::BitwardenCsvHeader { column: TOTP }))?;
    let column = |name: &'static str| {
        header
            .iter()
            .position(|field| field.trim() == name)
            .ok_or(malformed(Problem::BitwardenCsvHeader { column: name }))
    };
    let totp = column(TOTP)?;
    let name = column(NAME)?;
    let username = column(USERNAME).ok();
    let width = header.len();
    let mut imported = Imported::default();
    let mut position = 0;
    while let Some((line, row)) = records.next().map_err(malformed)? {
        if row.len() != width {
            return Err(malformed(Problem::Csv { line }));
        }
        let item = key::Item {
            name: row.get(name).copied().unwrap_or_default(),
            username: username
                .and_then(|column| row.get(column).copied())
                .unwrap_or_default(),
        };
        key::add(&mut imported, &item, row.get(totp).copied(), position);
        position += 1;
    }
    Ok(imported)
}

/// The records of a CSV text, split by csv-core (the csv crate's parser) into one
/// buffer of this reader's own, zeroized when it is dropped: the fields hold TOTP
/// keys and passwords, and the csv crate's own buffers could not be wiped.
struct Records<'a> {
    reader: ::csv_core::Reader,
    text: &'a [u8],
    /// How much of `text` the reader has taken.
    consumed: usize,
    /// How much of `text` `newlines` counts.
    counted: usize,
    newlines: u64,
    /// The fields of the current record, unquoted, back to back. A record's fields
    /// are never longer than the text they come from, so this never grows (and no
    /// copy is left behind by a reallocation).
    fields: Zeroizing<Vec<u8>>,
    /// Where each field of the current record ends in `fields`.
    ends: Vec<usize>,
}

impl<'a> Records<'a> {
    fn new(text: &'a str) -> Self {
        Records {
            reader: ::csv_core::Reader::new(),
            text: text.as_bytes(),
            consumed: 0,
            counted: 0,
            newlines: 0,
            fields: Zeroizing::new(vec![0; text.len()]),
            ends: vec![0; 16],
        }
    }

    /// The line (from 1) of the byte at `at`.
    fn line_at(&mut self, at: usize) -> u64 {
        let newlines = self.text.get(self.counted..at).unwrap_or_default();
        self.newlines += newlines.iter().filter(|&&byte| byte == b'\n').count() as u64;
        self.counted = at.max(self.counted);
        self.newlines + 1
    }

    /// The next record's first line (from 1) and fields, or `None` at the end.
    fn next(&mut self) -> Result<Option<(u64, Vec<&str>)>, Problem> {
        use ::csv_core::ReadRecordResult;
        // The record starts after the line breaks (and blank lines) before it.
        let rest = self.text.get(self.consumed..).unwrap_or_default();
        let breaks = rest
            .iter()
            .take_while(|&&byte| matches!(byte, b'\r' | b'\n'));
        let line = self.line_at(self.consumed + breaks.count());
        let (mut written, mut ended) = (0, 0);
        loop {
            let input = self.text.get(self.consumed..).unwrap_or_default();
            let (result, read, out, ends) = self.reader.read_record(
                input,
                &mut self.fields[written..],
                &mut self.ends[ended..],
            );
            self.consumed += read;
            written += out;
            ended += ends;
            match result {
                // With the input used up, the next call tells the reader it ended.
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputEndsFull => {
                    let more = self.ends.len() * 2;
                    self.ends.resize(more, 0);
                }
                // Cannot happen (`fields` is as long as the whole text); refused
                // rather than trusted.
                ReadRecordResult::OutputFull => return Err(Problem::Csv { line }),
                ReadRecordResult::Record => break,
                ReadRecordResult::End => return Ok(None),
            }
        }
        let mut fields = Vec::with_capacity(ended);
        let mut start = 0;
        for &end in &self.ends[..ended] {
            let field = self
                .fields
                .get(start..end)
                .and_then(|bytes| std::str::from_utf8(bytes).ok())
                .ok_or(Problem::Csv { line })?;
            fields.push(field);
            start = end;
        }
        Ok(Some((line, fields)))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use crate::accounts::Account;
    use crate::transfer::fixtures::assert_codes;

    const PERSONAL: &str = include_str!("../../../tests/data/import/bitwarden.csv");
    const ORGANISATION: &str = include_str!("../../../tests/data/import/bitwarden-org.csv");

    #[test]
    fn reads_both_exports_with_quoted_commas_and_line_breaks() {
        for text in [PERSONAL, ORGANISATION] {
            assert!(looks_like(text.lines().next().unwrap()));
            let imported = read(text).unwrap();
            let labels: Vec<String> = imported.accounts.iter().map(Account::label).collect();
            assert_eq!(labels, crate::transfer::fixtures::LABELS);
            assert_eq!(imported.without_code, 2);
            assert!(imported.left_out().is_empty());
            assert_codes(&imported.accounts);
        }
    }

    #[test]
    fn an_older_header_without_reprompt_and_columns_in_another_order_read_the_same() {
        let text = "name,login_totp,folder\n\"Example, Inc.\",otpauth://totp/bob?secret=JBSWY3DPEHPK3PXP,\n";
        assert!(looks_like(text.lines().next().unwrap()));
        let imported = read(text).unwrap();
        assert_eq!(imported.accounts[0].label(), "Example, Inc.:bob");
    }

    #[test]
    fn other_csv_files_are_not_bitwarden_exports() {
        for line in [
            "name,url,username,password",
            "folder,name,login_uri",
            "",
            "\"",
        ] {
            assert!(!looks_like(line), "{line}");
        }
        let error = read("folder,name\nx,y\n").unwrap_err();
        assert!(error.to_string().contains("login_totp"), "{error}");
    }

    /// Many fields (more than the first guess of room for their ends), quotes,
    /// escaped quotes and line breaks inside fields, and a last row without a
    /// line break.
    #[test]
    fn records_are_split_as_csv_has_them() {
        let text = "a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s,t\n\"x, \"\"y\"\"\nz\",,\"\"\r\nlast";
        let mut records = Records::new(text);
        let (line, first) = records.next().unwrap().unwrap();
        assert_eq!(line, 1);
        assert_eq!(first.len(), 20);
        assert_eq!(first[19], "t");
        let (line, second) = records.next().unwrap().unwrap();
        assert_eq!((line, second), (2, vec!["x, \"y\"\nz", "", ""]));
        let (line, third) = records.next().unwrap().unwrap();
        assert_eq!((line, third), (4, vec!["last"]));
        assert!(records.next().unwrap().is_none());
    }

    #[test]
    fn a_row_cut_short_names_its_line() {
        let text = "folder,name,login_totp\nx,y,JBSWY3DPEHPK3PXP\nx,\"two\nlines\",JBSWY3DPEHPK3PXP\nz,w\n";
        let error = read(text).unwrap_err();
        assert!(error.to_string().contains("line 5"), "{error}");
        assert!(!error.to_string().contains("JBSWY3DP"), "{error}");
    }
}
