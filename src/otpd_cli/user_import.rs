//! `otpd user import FILE --customer C [--dry-run] [--issue [--ttl D] [--send CHANNEL]]`:
//! reads the file (at most [`MAX_IMPORT_BYTES`]), has the service check it whole
//! and apply it in one transaction, and says what changed. A dry run lists the
//! plan on stdout instead. With `--issue`, each user of the file without an active
//! token then gets an activation code through [`issue::issue_to`]; printed codes go
//! to stdout as CSV (ID, name, email, code, valid until) for a mail merge, and
//! everything else to stderr, so `> codes.csv` keeps only the codes.

use std::io::Read;
use std::path::Path;

use super::args::{ImportArgs, SendTo};
use super::issue::{self, Handover};
use super::table::{Align, Table};
use super::time::format_time;
use crate::i18n::Localize;
use crate::server::ServerError;
use crate::server::audit::Actor;
use crate::server::config::{ServerConfig, parse_duration};
use crate::server::error::{ImportError, IoAction};
use crate::server::policy::MAX_IMPORT_BYTES;
use crate::server::roster::TextEncoding;
use crate::server::service::Service;
use crate::server::user_import::{Change, FieldChange, ImportPlan, PlannedUser};
use crate::t;

/// Runs `otpd user import`.
pub async fn run(
    service: &Service,
    config: &ServerConfig,
    actor: &Actor,
    args: &ImportArgs,
    now: u64,
) -> Result<(), ServerError> {
    // A wrong --ttl is refused before anything changes.
    let ttl = args
        .ttl
        .as_deref()
        .map(parse_duration)
        .transpose()?
        .map(|d| d.as_secs());
    let bytes = read_file(&args.file)?;
    let file = args.file.display().to_string();
    let plan = service
        .user_import(actor, &args.customer, &bytes, &file, args.dry_run, now)
        .await?;
    drop(bytes);
    notes(&plan, &file);
    let (to_issue, skipped): (Vec<&PlannedUser>, Vec<&PlannedUser>) =
        plan.users.iter().partition(|user| !user.has_token);
    let counts = plan.counts();
    if args.dry_run {
        print_plan(&plan);
        println!(
            "{}",
            t!(
                "otpd-import-dry-run",
                customer = args.customer.as_str(),
                added = counts.added,
                updated = counts.updated,
                unchanged = counts.unchanged
            )
        );
        if args.issue {
            println!(
                "{}",
                t!(
                    "otpd-import-would-issue",
                    count = to_issue.len(),
                    skipped = skipped.len()
                )
            );
        }
        return Ok(());
    }
    eprintln!(
        "{}",
        t!(
            "otpd-import-done",
            file = file.as_str(),
            customer = args.customer.as_str(),
            added = counts.added,
            updated = counts.updated,
            unchanged = counts.unchanged
        )
    );
    if args.issue {
        let send = args.send.unwrap_or(SendTo::Print);
        let batch = Batch {
            service,
            config,
            actor,
            customer: &args.customer,
            ttl,
            send,
            now,
        };
        batch.issue_all(&to_issue, skipped.len()).await?;
    }
    Ok(())
}

/// The whole file, refused when larger than [`MAX_IMPORT_BYTES`].
fn read_file(path: &Path) -> Result<Vec<u8>, ServerError> {
    let failed = || ServerError::io(IoAction::ReadImport(path.to_owned()));
    let file = std::fs::File::open(path).map_err(failed())?;
    let mut bytes = Vec::new();
    file.take(MAX_IMPORT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(failed())?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge {
            limit: MAX_IMPORT_BYTES,
        }
        .into());
    }
    Ok(bytes)
}

/// What reading the file did that the administrator should know (stderr).
fn notes(plan: &ImportPlan, file: &str) {
    if plan.file.encoding == TextEncoding::Cp949 {
        eprintln!("{}", t!("otpd-import-note-cp949", file = file));
    }
    if !plan.file.ignored_columns.is_empty() {
        let columns = plan.file.ignored_columns.join(", ");
        eprintln!("{}", t!("otpd-import-note-ignored", columns = columns));
    }
    if plan.file.trimmed_cells > 0 {
        eprintln!(
            "{}",
            t!("otpd-import-note-trimmed", count = plan.file.trimmed_cells)
        );
    }
}

/// A changed value as the plan shows it: `old → new` (`-` for none).
fn shown_change(change: &Option<FieldChange>) -> String {
    change.as_ref().map_or_else(String::new, |change| {
        format!("{} → {}", change.old.as_deref().unwrap_or("-"), change.new)
    })
}

/// The users a dry run would add or update, one per line (stdout).
fn print_plan(plan: &ImportPlan) {
    let mut table = Table::new(vec![
        (t!("otpd-col-line"), Align::Right),
        (t!("otpd-col-change"), Align::Left),
        (t!("otpd-col-id"), Align::Left),
        (t!("otpd-col-name"), Align::Left),
        (t!("otpd-col-email"), Align::Left),
        (t!("otpd-col-lang"), Align::Left),
    ]);
    let mut rows = 0;
    for user in &plan.users {
        let row = &user.row;
        let (change, name, email, lang) = match &user.change {
            Change::Add => (
                "add",
                row.name.clone().unwrap_or_default(),
                row.email.clone().unwrap_or_default(),
                row.lang.unwrap_or_default().to_owned(),
            ),
            Change::Update { name, email, lang } => (
                "update",
                shown_change(name),
                shown_change(email),
                shown_change(lang),
            ),
            Change::Same => continue,
        };
        table.row(vec![
            row.line.to_string(),
            t!("otpd-import-change", change = change),
            row.user_id.clone(),
            name,
            email,
            lang,
        ]);
        rows += 1;
    }
    if rows > 0 {
        table.print();
    }
}

/// What issuing the file's codes shares.
struct Batch<'a> {
    service: &'a Service,
    config: &'a ServerConfig,
    actor: &'a Actor,
    customer: &'a str,
    ttl: Option<u64>,
    send: SendTo,
    now: u64,
}

impl Batch<'_> {
    /// Issues a code to each of `users`, one failure not stopping the rest; the
    /// printed codes as CSV on stdout, a summary on stderr; an error when any
    /// failed.
    async fn issue_all(&self, users: &[&PlannedUser], skipped: usize) -> Result<(), ServerError> {
        let mut codes: Option<csv::Writer<std::io::Stdout>> = None;
        let (mut issued, mut failed) = (0usize, 0usize);
        for user in users {
            let row = &user.row;
            let handover = issue::issue_to(
                self.service,
                self.config,
                self.actor,
                self.customer,
                &row.user_id,
                self.ttl,
                self.send,
                self.now,
            )
            .await;
            match handover {
                Ok(Handover::Print { code, expires }) => {
                    let writer = match &mut codes {
                        Some(writer) => writer,
                        None => codes.insert(codes_writer()?),
                    };
                    let valid_until = format_time(i64::try_from(expires).unwrap_or(i64::MAX));
                    let name = row.name.as_deref().unwrap_or_default();
                    let email = row.email.as_deref().unwrap_or_default();
                    writer
                        .write_record([
                            row.user_id.as_str(),
                            name,
                            email,
                            code.as_str(),
                            valid_until.as_str(),
                        ])
                        .and_then(|()| writer.flush().map_err(Into::into))
                        .map_err(|e| ServerError::io(IoAction::WriteCodes)(e.into()))?;
                    issued += 1;
                }
                Err(error) => {
                    failed += 1;
                    eprintln!(
                        "{}",
                        t!(
                            "otpd-import-issue-failed",
                            user = row.user_id.as_str(),
                            reason = error.localize()
                        )
                    );
                }
            }
        }
        eprintln!(
            "{}",
            t!(
                "otpd-import-issued",
                issued = issued,
                skipped = skipped,
                failed = failed
            )
        );
        if failed > 0 {
            return Err(ImportError::NotIssued {
                failed,
                total: users.len(),
            }
            .into());
        }
        Ok(())
    }
}

/// The CSV writer of printed codes on stdout, its heading written, after the
/// warning that the codes are shown only now (stderr).
fn codes_writer() -> Result<csv::Writer<std::io::Stdout>, ServerError> {
    eprintln!("{}", t!("otpd-import-codes-warning"));
    let mut writer = csv::Writer::from_writer(std::io::stdout());
    writer
        .write_record([
            t!("otpd-col-id"),
            t!("otpd-col-name"),
            t!("otpd-col-email"),
            t!("otpd-col-activation"),
            t!("otpd-col-valid-until"),
        ])
        .map_err(|e| ServerError::io(IoAction::WriteCodes)(e.into()))?;
    writer
        .flush()
        .map_err(ServerError::io(IoAction::WriteCodes))?;
    Ok(writer)
}
