//! `otp import`: accounts from another authenticator's export, a list of
//! `otpauth://` links, a QR picture, or an otp backup.

use std::io::Read;
use std::path::{Path, PathBuf};

use clap::Args;
use zeroize::Zeroizing;

use super::error::{CliError, IoAction, Usage};
use super::input::Input;
use super::session::Session;
use super::text::{self, Asked};
use crate::accounts::Store;
use crate::i18n::Localize;
use crate::transfer::{self, Format, ImportError, Imported, Plan};

/// Files larger than this are not exports of an authenticator (10 accounts are a
/// few KiB; a phone screenshot a few MiB).
const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// Arguments of `otp import`. Passwords of encrypted files are asked for, never
/// taken from the command line.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The export to read, or - for standard input
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The file's format: google, aegis, 2fas, andotp, andotp-encrypted, freeotp, freeotp-backup, freeotp-tokens, bitwarden, bitwarden-csv, proton, authpro, uris, backup or qr [default: detected; an old andOTP encrypted backup must be named]
    #[arg(long, value_name = "FORMAT", value_parser = super::values::import_format)]
    pub format: Option<Format>,
    /// Import without asking (needed when standard input is not a terminal)
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Show what would be imported and change nothing
    #[arg(long, conflicts_with = "yes")]
    pub dry_run: bool,
}

/// Reads the whole file (or standard input), refusing anything implausibly large.
fn read_file(path: &Path) -> Result<Zeroizing<Vec<u8>>, CliError> {
    let io_error = |source| CliError::Io {
        what: IoAction::ReadImport(path.to_path_buf()),
        source,
    };
    let mut bytes = Zeroizing::new(Vec::new());
    if path == Path::new("-") {
        std::io::stdin()
            .lock()
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(io_error)?;
    } else {
        std::fs::File::open(path)
            .and_then(|file| file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
            .map_err(io_error)?;
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(CliError::Usage(Usage::ImportTooLarge {
            path: path.to_path_buf(),
            limit_mib: MAX_FILE_BYTES / (1024 * 1024),
        }));
    }
    Ok(bytes)
}

/// Asks for the password of an encrypted file.
fn ask_password(input: &mut Input, format: Format) -> Result<Zeroizing<String>, ImportError> {
    input
        .ask_secret(Asked::ImportPassword(format))
        .map_err(|error| ImportError::Password(error.localize()))
}

/// What the import would do, one line per account, on standard error.
fn print_report(imported: &Imported, plan: &Plan) {
    for account in &plan.add {
        let renamed = plan.renamed.iter().find(|r| r.to == account.label());
        match renamed {
            Some(renamed) => eprintln!("  {}", text::import_renamed(&renamed.from, &renamed.to)),
            None => eprintln!(
                "  {}",
                text::import_added(&account.label(), &text::summary(account))
            ),
        }
    }
    for label in &plan.duplicates {
        eprintln!("  {}", text::import_duplicate(label));
    }
    for entry in &imported.unrepresentable {
        eprintln!(
            "  {}",
            text::import_left_out(&entry.label, &entry.localize())
        );
    }
    for note in &imported.notes {
        eprintln!("  {}", text::import_note(&note.label, &note.localize()));
    }
    if imported.without_code > 0 {
        eprintln!("  {}", text::import_without_code(imported.without_code));
    }
}

/// Checks the limit, shows the plan and asks; `Ok(false)` when there is nothing to do.
fn confirm(
    input: &mut Input,
    args: &ImportArgs,
    imported: &Imported,
    plan: &Plan,
    store: &Store,
    limit: usize,
) -> Result<bool, CliError> {
    print_report(imported, plan);
    if plan.add.is_empty() {
        eprintln!("{}", text::import_nothing());
        return Ok(false);
    }
    if !plan.fits(store.len(), limit) {
        return Err(CliError::Usage(Usage::ImportTooMany {
            new: plan.add.len(),
            room: Plan::room(store.len(), limit),
            count: store.len(),
            limit,
        }));
    }
    if args.dry_run {
        eprintln!("{}", text::would_import(plan.add.len()));
        return Ok(false);
    }
    if !args.yes {
        match input.confirm(&text::confirm_import(plan.add.len()))? {
            Some(true) => {}
            Some(false) => return Err(CliError::Declined),
            None => return Err(CliError::Usage(Usage::ImportNeedsYes)),
        }
    }
    Ok(true)
}

/// Reads the file, then adds its new accounts under the vault lock, all or none.
pub fn run(session: &mut Session, args: &ImportArgs) -> Result<(), CliError> {
    if args.file == Path::new("-") && session.input.pin_from_stdin() {
        return Err(CliError::Usage(Usage::ImportStdinClash));
    }
    let bytes = read_file(&args.file)?;
    let format = args
        .format
        .or_else(|| transfer::detect(&bytes))
        .ok_or_else(|| transfer::unrecognised(&bytes))?;
    let pin = session.unlock_pin()?;
    let imported = {
        let input = &mut session.input;
        transfer::read(&bytes, Some(format), &mut |format| {
            ask_password(input, format)
        })?
    };
    eprintln!(
        "{}",
        text::import_read(
            imported.accounts.len() + imported.unrepresentable.len(),
            &format.localize()
        )
    );
    drop(bytes);
    let limit = session.config.max_accounts;
    if args.dry_run {
        let store = session.load(&pin)?;
        let plan = transfer::plan(store.accounts(), imported.accounts.clone());
        confirm(&mut session.input, args, &imported, &plan, &store, limit)?;
        return Ok(());
    }
    let added = session.update(&pin, |store, input| {
        let plan = transfer::plan(store.accounts(), imported.accounts.clone());
        if !confirm(input, args, &imported, &plan, store, limit)? {
            return Ok(0);
        }
        let count = plan.add.len();
        for account in plan.add {
            store.add(account, limit)?;
        }
        Ok(count)
    })?;
    if added > 0 {
        eprintln!("{}", text::imported(added));
    }
    Ok(())
}
