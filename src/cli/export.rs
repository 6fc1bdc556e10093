//! `otp export`: the accounts as `otpauth://` links, Google Authenticator QR codes,
//! an encrypted Aegis export, or an encrypted otp backup.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use zeroize::Zeroizing;

use super::error::{CliError, InputError, IoAction, Usage};
use super::input::{Input, print_warning};
use super::session::Session;
use super::text::{self, Asked};
use crate::accounts::Store;
use crate::i18n::Localize;
use crate::transfer::{self, Unrepresentable};
use crate::vault;

/// The shortest export password accepted: the file leaves the machine, and its
/// only protection is this password.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// Columns a Google QR code may take: an 80-column terminal with a margin.
const MAX_QR_COLUMNS: usize = 78;

/// What `otp export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// otpauth:// links, one per line, unencrypted
    Uris,
    /// Google Authenticator migration QR codes, drawn in the terminal, unencrypted
    Google,
    /// An Aegis vault export, encrypted with a password you type
    Aegis,
    /// The whole vault (HOTP counters included), encrypted with a password you type;
    /// `otp import` restores it
    Backup,
}

/// Arguments of `otp export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to write
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: ExportFormat,
    /// Write to this file (created readable by you only) instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Confirm that uris and google write the secrets unencrypted (needed when standard
    /// input is not a terminal)
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Replace the output file if it exists
    #[arg(long, requires = "output")]
    pub force: bool,
}

/// The export password: typed twice at a terminal, or one line of standard input.
fn new_password(input: &mut Input, format: ExportFormat) -> Result<Zeroizing<String>, CliError> {
    let password = input.ask_secret(Asked::ExportPassword {
        format: transfer_format(format),
        min: MIN_PASSWORD_CHARS,
    })?;
    if input.is_interactive() {
        let again = input.ask_secret(Asked::ExportPasswordAgain)?;
        if *again != *password {
            return Err(CliError::Input(InputError::ExportPasswordsDiffer));
        }
    }
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(CliError::Usage(Usage::ExportPasswordShort {
            min: MIN_PASSWORD_CHARS,
        }));
    }
    Ok(password)
}

fn transfer_format(format: ExportFormat) -> transfer::Format {
    match format {
        ExportFormat::Uris => transfer::Format::Uris,
        ExportFormat::Google => transfer::Format::Google,
        ExportFormat::Aegis => transfer::Format::Aegis,
        ExportFormat::Backup => transfer::Format::Backup,
    }
}

/// Asks before secrets are written in the clear.
fn confirm_unencrypted(input: &mut Input, args: &ExportArgs) -> Result<(), CliError> {
    if args.yes {
        return Ok(());
    }
    match input.confirm(&text::confirm_unencrypted_export())? {
        Some(true) => Ok(()),
        Some(false) => Err(CliError::Declined),
        None => Err(CliError::Usage(Usage::ExportNeedsYes)),
    }
}

/// The Google export in batches small enough that each QR code fits an 80-column
/// terminal, drawn; with explicit colours when `colour` (see `show`).
fn google_codes(
    store: &Store,
    colour: bool,
) -> Result<(Zeroizing<String>, Vec<Unrepresentable>), CliError> {
    let accounts = store.accounts();
    let mut batch = accounts.len().clamp(1, 5);
    loop {
        let export = transfer::google::export(accounts, batch)?;
        let drawings = export
            .uris
            .iter()
            .map(|uri| crate::qr::render_lines(uri))
            .collect::<Result<Vec<_>, _>>()?;
        let widest = drawings.iter().map(|d| d.width()).max().unwrap_or(0);
        if widest <= MAX_QR_COLUMNS || batch == 1 {
            let count = drawings.len();
            let mut out = Zeroizing::new(String::new());
            for (i, drawing) in drawings.iter().enumerate() {
                out.push_str(&text::qr_page(i + 1, count));
                out.push('\n');
                out.push_str(&super::show::drawing_text(drawing, colour));
            }
            return Ok((out, export.left_out));
        }
        batch -= 1;
    }
}

/// Writes `bytes` to the output file (0600, atomically, not over an existing file
/// unless `--force`) or to standard output.
fn write_output(args: &ExportArgs, bytes: &[u8]) -> Result<(), CliError> {
    let Some(path) = &args.output else {
        let mut stdout = std::io::stdout().lock();
        return stdout
            .write_all(bytes)
            .and_then(|()| stdout.flush())
            .map_err(|source| CliError::Io {
                what: IoAction::WriteExportStdout,
                source,
            });
    };
    if !args.force && path.exists() {
        return Err(CliError::Usage(Usage::ExportExists { path: path.clone() }));
    }
    write_private(path, bytes, args.force).map_err(|source| CliError::Io {
        what: IoAction::WriteExport(path.clone()),
        source,
    })
}

/// A new file only its owner can read, written whole or not at all.
fn write_private(path: &Path, bytes: &[u8], replace: bool) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    // tempfile creates the file with mode 0600.
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    if replace {
        file.persist(path).map_err(|e| e.error)?;
    } else {
        file.persist_noclobber(path).map_err(|e| e.error)?;
    }
    Ok(())
}

/// Unlocks the vault and writes the export.
pub fn run(session: &mut Session, args: &ExportArgs) -> Result<(), CliError> {
    if let Some(path) = &args.output
        && !args.force
        && path.exists()
    {
        return Err(CliError::Usage(Usage::ExportExists { path: path.clone() }));
    }
    let pin = session.unlock_pin()?;
    let store = session.load(&pin)?;
    if store.is_empty() {
        return Err(CliError::Usage(Usage::ExportEmpty));
    }
    let (bytes, left_out): (Zeroizing<Vec<u8>>, Vec<Unrepresentable>) = match args.format {
        ExportFormat::Uris => {
            confirm_unencrypted(&mut session.input, args)?;
            let links = transfer::uris::write(store.accounts());
            (Zeroizing::new(links.as_bytes().to_vec()), Vec::new())
        }
        ExportFormat::Google => {
            confirm_unencrypted(&mut session.input, args)?;
            let colour = args.output.is_none() && std::io::stdout().is_terminal();
            let (pages, left_out) = google_codes(&store, colour)?;
            (Zeroizing::new(pages.as_bytes().to_vec()), left_out)
        }
        ExportFormat::Aegis => {
            let password = new_password(&mut session.input, args.format)?;
            let json = transfer::aegis::export(store.accounts(), &password)?;
            (Zeroizing::new(json.into_bytes()), Vec::new())
        }
        ExportFormat::Backup => {
            let password = new_password(&mut session.input, args.format)?;
            let file =
                transfer::backup::write(store.accounts(), &password, vault::DEFAULT_WORK_FACTOR)?;
            (Zeroizing::new(file), Vec::new())
        }
    };
    for entry in &left_out {
        print_warning(&text::export_left_out(&entry.label, &entry.localize()));
    }
    if args.output.is_none()
        && matches!(args.format, ExportFormat::Uris)
        && std::io::stdout().is_terminal()
    {
        eprintln!("{}", text::export_on_screen());
    }
    write_output(args, &bytes)?;
    let exported = store.len() - left_out.len();
    eprintln!(
        "{}",
        text::exported(
            exported,
            &transfer_format(args.format).localize(),
            args.output.as_deref(),
        )
    );
    Ok(())
}
