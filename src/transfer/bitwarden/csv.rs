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
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(line.as_bytes());
    let mut record = ::csv::StringRecord::new();
    if !matches!(reader.read_record(&mut record), Ok(true)) {
        return false;
    }
    let has = |column: &str| record.iter().any(|field| field.trim() == column);
    has(NAME) && has(TOTP) && (has("folder") || has("collections"))
}

fn malformed(problem: Problem) -> ImportError {
    ImportError::malformed(Format::BitwardenCsv, problem)
}

/// Reads the file: one account per row with a TOTP key.
pub fn read(text: &str) -> Result<Imported, ImportError> {
    let mut reader = ::csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|error| malformed(csv_problem(&error)))?
        .clone();
    let column = |name: &'static str| {
        header
            .iter()
            .position(|field| field.trim() == name)
            .ok_or(malformed(Problem::BitwardenCsvHeader { column: name }))
    };
    let totp = column(TOTP)?;
    let name = column(NAME)?;
    let username = column(USERNAME).ok();
    let mut imported = Imported::default();
    let mut record = ::csv::StringRecord::new();
    let mut position = 0;
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(error) => return Err(malformed(csv_problem(&error))),
        }
        let item = key::Item {
            name: record.get(name).unwrap_or_default(),
            username: username
                .and_then(|column| record.get(column))
                .unwrap_or_default(),
        };
        key::add(&mut imported, &item, record.get(totp), position);
        position += 1;
    }
    // The reader's copy of the last row (a TOTP key among it) is not kept.
    record.clear();
    Ok(imported)
}

/// The line of a CSV error, never a value from the file.
fn csv_problem(error: &::csv::Error) -> Problem {
    Problem::Csv {
        line: error.position().map_or(1, ::csv::Position::line),
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
            assert_eq!(
                labels,
                [
                    "GitHub:alice@example.com",
                    "Example:bob",
                    "Bank:carol",
                    "VPN:dave"
                ]
            );
            assert_eq!(imported.without_code, 2);
            assert_eq!(imported.left_out().len(), 1);
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

    #[test]
    fn a_row_cut_short_names_its_line() {
        let text = "folder,name,login_totp\nx,y,JBSWY3DPEHPK3PXP\nx,\"two\nlines\",JBSWY3DPEHPK3PXP\nz,w\n";
        let error = read(text).unwrap_err();
        assert!(error.to_string().contains("line 5"), "{error}");
        assert!(!error.to_string().contains("JBSWY3DP"), "{error}");
    }
}
