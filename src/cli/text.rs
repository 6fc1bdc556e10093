//! Every sentence the CLI itself shows a person: prompts, confirmations, help
//! trailers. Kept in one place so the product can be translated (its first users
//! read Korean manuals). Errors carry their own sentences in their types.

/// Prompt for the PIN that unlocks the vault.
pub const PROMPT_PIN: &str = "PIN: ";
/// First prompt for a new PIN.
pub const PROMPT_NEW_PIN: &str = "New 6-digit PIN: ";
/// Second prompt for a new PIN.
pub const PROMPT_REPEAT_PIN: &str = "Type the new PIN again: ";
/// The two new PINs differ.
pub const PINS_DIFFER: &str = "The two PINs differ; try again.";
/// Prompt for a base32 secret.
pub const PROMPT_SECRET: &str = "Secret key (base32, as the site shows it): ";
/// Prompt for an `otpauth://` URI.
pub const PROMPT_URI: &str = "otpauth:// URI: ";
/// Prompt for the ID at an organisation (`otp add --customer`).
#[cfg_attr(not(feature = "enroll"), allow(dead_code))]
pub const PROMPT_ID: &str = "ID: ";
/// Prompt for the activation code (`otp add --customer`).
#[cfg_attr(not(feature = "enroll"), allow(dead_code))]
pub const PROMPT_ACTIVATION: &str = "Activation code (6 digits): ";
/// `otp add --customer` in a build without the `enroll` feature.
#[cfg_attr(feature = "enroll", allow(dead_code))]
pub const NO_ENROLL_FEATURE: &str = "this otp was built without enrollment support (cargo feature \"enroll\"); rebuild with it to use --customer";

/// Shown once the customer code is found.
#[cfg_attr(not(feature = "enroll"), allow(dead_code))]
pub fn organisation(code: &str, name: &str, server: &str) -> String {
    format!("Customer {code}: {name} ({server})")
}

/// Shown after a successful enrollment.
#[cfg_attr(not(feature = "enroll"), allow(dead_code))]
pub fn enrolled(label: &str, summary: &str, replaced: bool) -> String {
    let previous = if replaced {
        " Your previous device's token no longer works."
    } else {
        ""
    };
    format!("Added {label} ({summary}); the token is active.{previous}")
}

/// An enrolled account left in the vault after a refused activation, because
/// taking it out failed: what to run.
#[cfg_attr(not(feature = "enroll"), allow(dead_code))]
pub fn remove_unactivated(label: &str, reason: &str) -> String {
    format!(
        "{label} was saved in the vault but the server did not activate it, and removing it again failed ({reason}); its codes will not work: remove it with `otp remove {label:?}`"
    )
}

/// `TOTP every 60 s, SHA1, 6 digits` and the like: an account's parameters.
pub fn summary(account: &crate::accounts::Account) -> String {
    use crate::code::Kind;
    let kind = match account.kind {
        Kind::Totp { period } => format!("TOTP every {period} s"),
        Kind::Hotp { counter } => format!("HOTP from counter {counter}"),
    };
    format!("{kind}, {}, {} digits", account.algorithm, account.digits)
}

/// Prefix of a warning line on stderr.
pub const WARNING: &str = "warning";

/// Shown after `otp init`.
pub fn created_vault(path: &std::path::Path) -> String {
    format!(
        "Created an empty vault at {}. Add an account with `otp add <name>`.",
        path.display()
    )
}

/// Shown after `otp add`.
pub fn added(label: &str, summary: &str) -> String {
    format!("Added {label} ({summary}).")
}

/// Shown after `otp remove`.
pub fn removed(label: &str) -> String {
    format!("Removed {label}.")
}

/// Shown after `otp rename`.
pub fn renamed(old: &str, new: &str) -> String {
    format!("Renamed {old} to {new}.")
}

/// Shown after `otp passwd`.
pub const PIN_CHANGED: &str = "PIN changed.";

/// The question `otp remove` asks.
pub fn confirm_remove(label: &str) -> String {
    format!("Remove {label}? Its secret cannot be recovered from otp afterwards. [y/N] ")
}

/// Warning for a weak work factor at `otp init`.
pub fn weak_work_factor(log_n: u8, default: u8) -> String {
    format!(
        "work factor {log_n} is below the default {default}: each PIN guess against a stolen vault file gets cheaper"
    )
}

/// Warning for a PIN file others can read.
pub fn pin_file_readable(path: &std::path::Path) -> String {
    format!(
        "the PIN file {} can be read by other users; run `chmod 600` on it",
        path.display()
    )
}

/// Table header of `otp list`.
pub const LIST_HEADER: [&str; 5] = ["ACCOUNT", "TYPE", "ALGORITHM", "DIGITS", "PERIOD/COUNTER"];

/// Shown by `otp list` on an empty vault.
pub const LIST_EMPTY: &str = "The vault has no accounts yet. Add one with `otp add <name>`.";

/// Shown after `otp unlock`.
pub fn unlocked(vault: &std::path::Path, lifetime: &str) -> String {
    format!(
        "Unlocked {} for {lifetime}: `otp code` and `otp list` need no PIN until then. `otp lock` locks it now.",
        vault.display()
    )
}

/// Shown by `otp lock` when an agent was stopped.
pub const LOCKED: &str = "Locked: the agent has forgotten the vault.";

/// Shown by `otp lock` when no agent was running.
pub const NOTHING_TO_LOCK: &str = "No agent was running for this vault; nothing to lock.";

/// Shown by `otp passwd` when it stopped an agent holding the old PIN.
pub const LOCKED_AFTER_PASSWD: &str =
    "The running agent held the old PIN and was locked; `otp unlock` starts a new one.";

/// `otp status` when an agent serves the vault.
pub fn agent_running(vault: &str, pid: u32, left: &str, memory_locked: bool) -> String {
    let memory = if memory_locked {
        "its memory is locked out of swap"
    } else {
        "its memory could not be locked out of swap (memory-lock limit too low)"
    };
    format!("An agent (pid {pid}) serves {vault} for another {left}; {memory}.")
}

/// A warning when an agent exists but is not used.
pub fn not_using_agent(reason: &str) -> String {
    format!("not using the agent: {reason}; opening the vault with the PIN instead")
}

/// An agent gave an answer that does not fit the question.
pub const UNEXPECTED_ANSWER: &str =
    "the agent gave an unexpected answer; run `otp lock`, then `otp unlock` again";

/// `otp remove` without a terminal and without `--yes`.
pub const REMOVE_NEEDS_YES: &str =
    "standard input is not a terminal, so otp cannot ask; pass --yes to remove without asking";

/// `otp --work-factor` given with a subcommand.
pub const WORK_FACTOR_TUI_ONLY: &str = "--work-factor before the subcommand applies to the vault the full-screen interface creates (plain `otp`); for `otp init` write it after `init`";

/// Reading the file `otp import` was given.
pub fn reading_import(path: &std::path::Path) -> String {
    if path == std::path::Path::new("-") {
        "reading the export from standard input".to_owned()
    } else {
        format!("reading {}", path.display())
    }
}

/// `otp import` on a file too large to be an export.
pub fn import_too_large(path: &std::path::Path, limit: u64) -> String {
    format!(
        "{} is larger than {} MiB, which no authenticator export is; check the file name",
        path.display(),
        limit / (1024 * 1024)
    )
}

/// `otp import -` with `--pin-stdin`.
pub const IMPORT_STDIN_CLASH: &str = "the export and the PIN cannot both come from standard input; give the export as a file, or the PIN through OTP_PIN_FILE or OTP_PIN_COMMAND";

/// Prompt for the password of an encrypted export.
pub fn prompt_import_password(format: crate::transfer::Format) -> String {
    format!("Password of the {}: ", format.title())
}

/// An account the import adds.
pub fn import_added(label: &str, summary: &str) -> String {
    format!("  + {label} ({summary})")
}

/// An account the import adds under another label.
pub fn import_renamed(from: &str, to: &str) -> String {
    format!("  ~ {from} → {to} (the name was taken by another account)")
}

/// An account the vault already holds.
pub fn import_duplicate(label: &str) -> String {
    format!("  = {label}: already in the vault, skipped")
}

/// An entry the vault cannot hold.
pub fn import_left_out(label: &str, reason: &str) -> String {
    format!("  ! {label}: left out: {reason}")
}

/// A remark about one imported account.
pub fn import_note(label: &str, note: &str) -> String {
    format!("  note {label}: {note}")
}

/// Nothing new in the file.
pub const IMPORT_NOTHING: &str =
    "Nothing imported: the vault already holds every account the file has that otp can use.";

/// `otp import` when the new accounts do not fit.
pub fn import_too_many(new: usize, room: usize, count: usize, limit: usize) -> String {
    format!(
        "the file has {new} new accounts but only {room} fit (the vault holds {count} of at most {limit}); nothing was imported. Remove accounts with `otp remove`, or raise max_accounts in the config file"
    )
}

/// `otp import --dry-run`.
pub fn would_import(count: usize) -> String {
    format!("Would import {count} account{}.", plural(count))
}

/// The question `otp import` asks.
pub fn confirm_import(count: usize) -> String {
    format!("Import {count} account{}? [y/N] ", plural(count))
}

/// `otp import` without a terminal and without `--yes`.
pub const IMPORT_NEEDS_YES: &str = "standard input is not a terminal, so otp cannot ask; check the list above and pass --yes to import (or --dry-run to only see it)";

/// Shown after `otp import`.
pub fn imported(count: usize) -> String {
    format!("Imported {count} account{}.", plural(count))
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// Prompt for a new export password.
pub fn prompt_export_password(what: &str) -> String {
    format!("Password for the {what} (at least 10 characters): ")
}

/// Second prompt for a new export password.
pub const PROMPT_EXPORT_PASSWORD_AGAIN: &str = "Type the password again: ";

/// The two export passwords differ.
pub const EXPORT_PASSWORDS_DIFFER: &str =
    "the two passwords differ; nothing was written. Run the command again";

/// An export password that is too short.
pub fn export_password_short(min: usize) -> String {
    format!(
        "the password must have at least {min} characters: it is all that protects the exported secrets; nothing was written"
    )
}

/// The question before secrets are written unencrypted.
pub const CONFIRM_UNENCRYPTED_EXPORT: &str = "This writes every secret UNENCRYPTED: anyone who sees the output can make your codes. Continue? [y/N] ";

/// `otp export --format uris|google` without a terminal and without `--yes`.
pub const EXPORT_NEEDS_YES: &str = "this export is unencrypted and standard input is not a terminal, so otp cannot ask; pass --yes to confirm";

/// `otp export` on an empty vault.
pub const EXPORT_EMPTY: &str = "the vault has no accounts to export";

/// Reminder when links are printed on the terminal.
pub const EXPORT_ON_SCREEN: &str =
    "These links show your secrets; clear the screen and the scrollback when done.";

/// `otp export -o` over an existing file without `--force`.
pub fn export_exists(path: &std::path::Path) -> String {
    format!(
        "{} already exists; choose another file, or pass --force to replace it",
        path.display()
    )
}

/// Writing the export file.
pub fn writing_export(path: &std::path::Path) -> String {
    format!("writing {}", path.display())
}

/// An account an export format cannot hold.
pub fn export_left_out(label: &str, reason: &str) -> String {
    format!("{label} was left out of the export: {reason}")
}

/// Heading above each Google QR code.
pub fn qr_page(index: usize, count: usize) -> String {
    format!("QR code {index} of {count}")
}

/// Shown after `otp export`.
pub fn exported(count: usize, what: &str, path: Option<&std::path::Path>) -> String {
    let accounts = format!("{count} account{}", plural(count));
    match path {
        Some(path) => format!("Exported {accounts} to {} ({what}).", path.display()),
        None => format!("Exported {accounts} ({what})."),
    }
}

/// The first line of `otp import`'s report.
pub fn import_read(entries: usize, what: &str) -> String {
    let noun = if entries == 1 { "entry" } else { "entries" };
    format!("Read {entries} {noun} from the {what}:")
}
// ---- QR codes: `otp add --qr`, `otp show` ----

/// How a picture argument is named in sentences: its path, or standard input for `-`.
pub fn picture_name(path: &std::path::Path) -> String {
    if path == std::path::Path::new("-") {
        "the picture on standard input".to_owned()
    } else {
        format!("the picture {}", path.display())
    }
}

/// How to run `otp import` on the picture (a file is needed for one read from stdin).
fn import_command(path: &std::path::Path) -> String {
    if path == std::path::Path::new("-") {
        "save the picture to a file and run `otp import <file>`".to_owned()
    } else {
        format!("run `otp import {}`", path.display())
    }
}

/// `otp add --qr -` with a terminal on standard input.
pub const QR_STDIN_IS_TERMINAL: &str = "--qr - reads the picture from standard input, which is a terminal here; pipe the picture in (otp add --qr - < shot.png) or give its path";

/// `otp add --qr` on a Google Authenticator export.
pub fn qr_is_export(path: &std::path::Path) -> String {
    format!(
        "the QR code in {} is a Google Authenticator export (otpauth-migration://), which can hold several accounts; to add them, {} instead",
        picture_name(path),
        import_command(path)
    )
}

/// `otp add --qr` on a picture with several QR codes.
pub fn qr_several(count: usize, path: &std::path::Path) -> String {
    format!(
        "{} holds {count} QR codes; crop it to the one to add, or to add every account in it, {}",
        picture_name(path),
        import_command(path)
    )
}

/// `otp add --qr` on a QR code that is not an `otpauth://` link.
pub fn qr_not_a_link(path: &std::path::Path) -> String {
    format!(
        "the QR code in {} holds no otpauth:// link, so it is not for an authenticator app; use the QR code the service shows when you turn on two-factor authentication",
        picture_name(path)
    )
}

/// The labels of `otp show`'s lines, in order: label, issuer, name, type,
/// algorithm, digits, period, counter.
pub const SHOW_FIELDS: [&str; 8] = [
    "Account",
    "Issuer",
    "Name",
    "Type",
    "Algorithm",
    "Digits",
    "Period",
    "Counter",
];

/// `otp show` for an account without an issuer.
pub const SHOW_NO_ISSUER: &str = "(none)";

/// `otp show`'s type line.
pub fn show_kind(totp: bool) -> &'static str {
    if totp {
        "TOTP (time-based)"
    } else {
        "HOTP (counter-based)"
    }
}

/// `otp show`'s period line.
pub fn show_period(seconds: u32) -> String {
    format!("{seconds} s")
}

/// `otp show`'s counter line.
pub fn show_counter(counter: u64) -> String {
    format!("{counter} (the next code uses it)")
}

/// After `otp show --qr`.
pub fn qr_shows_secret(label: &str) -> String {
    format!(
        "This QR code holds the secret of {label}: anyone who sees or photographs it can copy the account. Clear the screen (`clear`) once your phone has scanned it."
    )
}

/// `otp show --qr` on a terminal too small for the code.
pub fn qr_terminal_too_small(width: usize, height: usize, columns: u16, rows: u16) -> String {
    format!(
        "the QR code needs {width} columns and {height} rows but the terminal has {columns}×{rows}, so it may not scan; enlarge the window or make the font smaller and run the command again"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unactivated_account_is_named_with_the_command_that_removes_it() {
        let message = remove_unactivated("KISTI:jk lee", "no space left on device");
        assert!(message.contains("no space left"), "{message}");
        assert!(
            message.ends_with("remove it with `otp remove \"KISTI:jk lee\"`"),
            "{message}"
        );
    }
}
