//! `otpd user import FILE --customer C [--dry-run] [--issue [--ttl D] [--send CHANNEL]]`:
//! reads the file (at most [`MAX_IMPORT_BYTES`]), has the service check it whole
//! and apply it in one transaction, and says what changed. A dry run lists the
//! plan on stdout instead. With `--issue`, each user of the file without an active
//! token then gets an activation code through [`issue::issue_to`], handed over by
//! `--send` (or the config's channel) with one courier for the whole run. Printed
//! codes, and the codes a channel failed to deliver, go to stdout as CSV (ID, name,
//! email, code, valid until) for a mail merge, and everything else to stderr, so
//! `> codes.csv` keeps only the codes.

use std::io::Read;
use std::path::Path;

use super::args::ImportArgs;
use super::issue::{self, Finish, Handover};
use super::table::{Align, Table};
use super::time::format_time;
use crate::i18n::Localize;
use crate::server::ServerError;
use crate::server::audit::Actor;
use crate::server::config::ServerConfig;
use crate::server::delivery::courier::Courier;
use crate::server::delivery::settings::Channel;
use crate::server::error::{ImportError, IoAction};
use crate::server::policy::MAX_IMPORT_BYTES;
use crate::server::roster::{RosterRow, TextEncoding};
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
) -> Result<Finish, ServerError> {
    // A wrong --ttl, or a channel that is not configured (a missing [smtp], an
    // unreadable secret, a broken template), is refused before anything changes.
    let courier = args
        .issue
        .then(|| issue::courier(config, args.send))
        .transpose()?;
    let ttl = issue::ttl_secs(args.ttl.as_deref())?;
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
        return Ok(Finish::Done);
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
    match courier {
        Some(courier) => {
            let batch = Batch {
                service,
                courier: &courier,
                actor,
                customer: &args.customer,
                ttl,
                now,
            };
            batch.issue_all(&to_issue, skipped.len()).await
        }
        None => Ok(Finish::Done),
    }
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
    courier: &'a Courier,
    actor: &'a Actor,
    customer: &'a str,
    ttl: Option<u64>,
    now: u64,
}

impl Batch<'_> {
    /// Issues a code to each of `users`, one failure not stopping the rest; the
    /// printed and the undelivered codes as CSV on stdout, a summary on stderr; an
    /// error when any was not issued, [`Finish::Undelivered`] when any issued code
    /// did not reach its user.
    async fn issue_all(
        &self,
        users: &[&PlannedUser],
        skipped: usize,
    ) -> Result<Finish, ServerError> {
        let mut codes: Option<csv::Writer<std::io::Stdout>> = None;
        let (mut issued, mut sent, mut undelivered, mut failed) = (0usize, 0usize, 0usize, 0usize);
        for user in users {
            let row = &user.row;
            let handover = issue::issue_to(
                self.service,
                self.courier,
                self.actor,
                self.customer,
                &row.user_id,
                self.ttl,
                self.now,
            )
            .await;
            match handover {
                Ok(Handover::Print { code, expires }) => {
                    write_code(&mut codes, row, &code, expires)?;
                    issued += 1;
                }
                Ok(Handover::Sent { .. }) => {
                    issued += 1;
                    sent += 1;
                }
                Ok(Handover::Failed {
                    code,
                    expires,
                    channel,
                    error,
                }) => {
                    eprintln!(
                        "{}",
                        t!(
                            "otpd-import-undelivered",
                            user = row.user_id.as_str(),
                            channel = channel.as_str(),
                            code = error.code(),
                            reason = error.localize()
                        )
                    );
                    write_code(&mut codes, row, &code, expires)?;
                    issued += 1;
                    undelivered += 1;
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
        let channel = self.courier.channel();
        if channel != Channel::Print {
            eprintln!(
                "{}",
                t!(
                    "otpd-import-delivered",
                    sent = sent,
                    channel = channel.as_str(),
                    undelivered = undelivered
                )
            );
        }
        if failed > 0 {
            return Err(ImportError::NotIssued {
                failed,
                total: users.len(),
            }
            .into());
        }
        Ok(if undelivered > 0 {
            Finish::Undelivered
        } else {
            Finish::Done
        })
    }
}

/// Writes `row`'s code to the CSV on stdout, opening it (with its warning and
/// heading) for the first code.
fn write_code(
    codes: &mut Option<csv::Writer<std::io::Stdout>>,
    row: &RosterRow,
    code: &str,
    expires: u64,
) -> Result<(), ServerError> {
    let writer = match codes {
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
            code,
            valid_until.as_str(),
        ])
        .and_then(|()| writer.flush().map_err(Into::into))
        .map_err(|e| ServerError::io(IoAction::WriteCodes)(e.into()))
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
