//! `otp show`: one account's details, its `otpauth://` link, or that link as a QR
//! code to scan with a phone (moving an account to another authenticator).

use std::io::IsTerminal;

use clap::Args;
use zeroize::Zeroizing;

use unicode_width::UnicodeWidthStr;

use super::columns::pad_to;
use super::error::CliError;
use super::input::print_warning;
use super::session::Session;
use super::text;
use crate::accounts::{Account, MatchError};
use crate::code::Kind;
use crate::qr;

/// Arguments of `otp show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The account: its name, issuer:name, or a unique prefix (any case)
    #[arg(add = clap_complete::ArgValueCandidates::new(super::completions::account_labels))]
    pub account: String,
    /// Draw the account's otpauth:// link as a QR code for a phone to scan (shows the secret)
    #[arg(long, conflicts_with = "uri")]
    pub qr: bool,
    /// Print the account's otpauth:// link (shows the secret; for scripts)
    #[arg(long)]
    pub uri: bool,
}

/// The details, one `Field: value` line each; no secret.
fn details(account: &Account) -> String {
    let [
        label,
        issuer,
        name,
        kind,
        algorithm,
        digits,
        period,
        counter,
    ] = text::show_fields();
    let mut rows = vec![
        (label, account.label()),
        (
            issuer,
            account.issuer.clone().unwrap_or_else(text::show_no_issuer),
        ),
        (name, account.name.clone()),
        (kind, text::show_kind(account.kind)),
        (algorithm, account.algorithm.as_str().to_owned()),
        (digits, account.digits.to_string()),
    ];
    rows.push(match account.kind {
        Kind::Hotp { counter: c } => (counter, text::show_counter(c)),
        Kind::Totp { period: p } => (period, text::show_period(p.seconds())),
        Kind::Steam => (period, text::show_period(Kind::STEAM_PERIOD.seconds())),
    });
    let fields: Vec<String> = rows.iter().map(|(field, _)| format!("{field}:")).collect();
    let width = fields.iter().map(|field| field.width()).max().unwrap_or(0);
    let mut out = String::new();
    for (field, (_, value)) in fields.iter().zip(&rows) {
        pad_to(&mut out, field, width);
        out.push(' ');
        out.push_str(value);
        out.push('\n');
    }
    out
}

/// SGR colours that make the drawing's spaces (dark modules) black and its blocks
/// (light modules) white on any terminal theme: a light-themed terminal would
/// otherwise show the code inverted, which many scanners do not read.
const QR_COLOURS: &str = "\x1b[97;40m";
/// Back to the terminal's own colours.
const RESET_COLOURS: &str = "\x1b[0m";

/// The drawing as text, one line per row; with explicit colours when it goes to a
/// terminal.
pub(super) fn drawing_text(drawing: &qr::Drawing, colour: bool) -> Zeroizing<String> {
    let mut out = Zeroizing::new(String::new());
    for line in drawing.lines() {
        if colour {
            out.push_str(QR_COLOURS);
        }
        out.push_str(line);
        if colour {
            out.push_str(RESET_COLOURS);
        }
        out.push('\n');
    }
    out
}

/// Prints the QR code of `link` and, on standard error, what it shows.
fn print_qr(link: &str, label: &str) -> Result<(), CliError> {
    let drawing = qr::render_lines(link)?;
    if std::io::stdout().is_terminal()
        && let Ok((columns, rows)) = ratatui::crossterm::terminal::size()
        && (usize::from(columns) < drawing.width() || usize::from(rows) < drawing.height())
    {
        print_warning(&text::qr_terminal_too_small(
            drawing.width(),
            drawing.height(),
            columns,
            rows,
        ));
    }
    print!(
        "{}",
        *drawing_text(&drawing, std::io::stdout().is_terminal())
    );
    eprintln!("{}", text::qr_shows_secret(label));
    Ok(())
}

/// Opens the vault with the PIN (a session agent never hands out secrets) and shows
/// the account.
pub fn run(session: &mut Session, args: &ShowArgs) -> Result<(), CliError> {
    let pin = session.unlock_pin()?;
    let store = session.load(&pin)?;
    let index = store.find(&args.account)?;
    let account = store.get(index).ok_or_else(|| MatchError::NotFound {
        query: args.account.clone(),
        candidates: store.accounts().iter().map(Account::label).collect(),
    })?;
    if args.qr {
        print_qr(&account.to_uri(), &account.label())
    } else if args.uri {
        println!("{}", account.to_uri().as_str());
        Ok(())
    } else {
        print!("{}", details(account));
        Ok(())
    }
}
