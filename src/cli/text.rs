//! Every sentence the CLI itself shows a person comes from the `cli` and `common`
//! catalogues (`assets/i18n/<lang>/cli.ftl`); this file names them and passes their
//! values. Errors are typed ([`super::error`]) and said in the same catalogues.

use std::path::Path;

use crate::accounts::Account;
use crate::code::Kind;
use crate::i18n::Localize;
use crate::t;

/// What the CLI asks a person for: the prompt it shows and how an error names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asked {
    /// The PIN that unlocks the vault.
    Pin,
    /// A new PIN (`init`, `passwd`).
    NewPin,
    /// The new PIN a second time.
    RepeatPin,
    /// A base32 secret key.
    Secret,
    /// An `otpauth://` link.
    Uri,
    /// A new export password of at least `min` characters, for a format named by
    /// its title.
    ExportPassword {
        /// The format's title.
        format: crate::transfer::Format,
        /// The fewest characters accepted.
        min: usize,
    },
    /// The new export password a second time.
    ExportPasswordAgain,
    /// The password of an encrypted file to import, in a format named by its title.
    ImportPassword(crate::transfer::Format),
    /// The answer to a yes/no question.
    Answer,
}

impl Asked {
    /// The selector the catalogue's sentences use to name the value.
    pub fn key(self) -> &'static str {
        match self {
            Asked::Pin => "pin",
            Asked::NewPin | Asked::RepeatPin => "new-pin",
            Asked::Secret => "secret",
            Asked::Uri => "uri",
            Asked::ExportPassword { .. } | Asked::ExportPasswordAgain => "export-password",
            Asked::ImportPassword(_) => "import-password",
            Asked::Answer => "answer",
        }
    }

    /// The prompt, ending in the space before the answer.
    pub fn prompt(self) -> String {
        let text = match self {
            Asked::Pin => t!("cli-prompt-pin"),
            Asked::NewPin => t!("cli-prompt-new-pin"),
            Asked::RepeatPin => t!("cli-prompt-repeat-pin"),
            Asked::Secret => t!("cli-prompt-secret"),
            Asked::Uri => t!("cli-prompt-uri"),
            Asked::ExportPassword { format, min } => {
                t!(
                    "cli-prompt-export-password",
                    format = format.localize(),
                    min = min
                )
            }
            Asked::ExportPasswordAgain => t!("cli-prompt-export-password-again"),
            Asked::ImportPassword(format) => {
                t!("cli-prompt-import-password", format = format.localize())
            }
            Asked::Answer => String::new(),
        };
        with_space(text)
    }
}

/// What a failed read names: one of the CLI's own values, or a value another part
/// of the product asked for and named in its own catalogue's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum What {
    /// A value the CLI asks for.
    Asked(Asked),
    /// A value named by the caller, already in the user's language.
    Named(String),
}

/// A prompt for [`super::input::Input`]'s `secret` and `line`: one of the CLI's own
/// ([`Asked`], which also names the value), or a prompt another part of the product
/// wrote (ending in its space), with the value named by the caller.
pub trait Prompt {
    /// The prompt to show, and how a failure names the value.
    fn resolve(self, what: &str) -> (String, What);
}

impl Prompt for Asked {
    fn resolve(self, _what: &str) -> (String, What) {
        (self.prompt(), What::Asked(self))
    }
}

impl Prompt for &str {
    fn resolve(self, what: &str) -> (String, What) {
        (self.to_owned(), What::Named(what.to_owned()))
    }
}

impl Prompt for &String {
    fn resolve(self, what: &str) -> (String, What) {
        self.as_str().resolve(what)
    }
}

/// A prompt or question followed by the space the answer starts after (Fluent
/// trims trailing spaces from the catalogue's text).
fn with_space(mut text: String) -> String {
    if !text.is_empty() {
        text.push(' ');
    }
    text
}

/// Where a picture or an export is read from: a file, or standard input for `-`.
/// The catalogue says each case in its own sentence.
pub fn source_of(path: &Path) -> (&'static str, String) {
    if path == Path::new("-") {
        ("stdin", String::new())
    } else {
        ("file", path.display().to_string())
    }
}

/// `TOTP every 60 s, SHA1, 6 digits`, `Steam Guard every 30 s, SHA1, 5 characters`
/// and the like: an account's parameters.
pub fn summary(account: &Account) -> String {
    let algorithm = account.algorithm.as_str();
    let digits = account.digits.get();
    match account.kind {
        Kind::Totp { period } => t!(
            "common-summary-totp",
            period = period.seconds(),
            algorithm = algorithm,
            digits = digits
        ),
        Kind::Hotp { counter } => t!(
            "common-summary-hotp",
            counter = counter.to_string(),
            algorithm = algorithm,
            digits = digits
        ),
        Kind::Steam => t!(
            "common-summary-steam",
            period = Kind::STEAM_PERIOD.seconds(),
            algorithm = algorithm,
            digits = digits
        ),
    }
}

/// "45 seconds", "2 minutes", "1 hour": rounded up, so a wait is never understated.
pub fn duration(secs: u64) -> String {
    if secs < 60 {
        t!("common-duration-seconds", count = secs)
    } else if secs < 3600 {
        t!("common-duration-minutes", count = secs.div_ceil(60))
    } else {
        t!("common-duration-hours", count = secs.div_ceil(3600))
    }
}

/// The word before a warning on standard error.
pub fn warning() -> String {
    t!("cli-warning")
}

/// Shown after `otp init`.
pub fn created_vault(path: &Path) -> String {
    t!("cli-created-vault", path = path.display().to_string())
}

/// Shown after `otp add`.
pub fn added(label: &str, summary: &str) -> String {
    t!("cli-added", label = label, summary = summary)
}

/// Shown after `otp remove`.
pub fn removed(label: &str) -> String {
    t!("cli-removed", label = label)
}

/// Shown after `otp rename`.
pub fn renamed(old: &str, new: &str) -> String {
    t!("cli-renamed", old = old, new = new)
}

/// Shown after `otp passwd`.
pub fn pin_changed() -> String {
    t!("cli-pin-changed")
}

/// The new PINs typed at the two prompts differ.
pub fn pins_differ() -> String {
    t!("cli-pins-differ")
}

/// The question `otp remove` asks.
pub fn confirm_remove(label: &str) -> String {
    with_space(t!("cli-confirm-remove", label = label))
}

/// Warning for a weak work factor at `otp init`.
pub fn weak_work_factor(log_n: u8, default: u8) -> String {
    t!("cli-weak-work-factor", log_n = log_n, default = default)
}

/// Warning for a PIN file others can read.
pub fn pin_file_readable(path: &Path) -> String {
    t!("cli-pin-file-readable", path = path.display().to_string())
}

/// Table header of `otp list`.
pub fn list_header() -> [String; 5] {
    [
        t!("cli-list-account"),
        t!("cli-list-type"),
        t!("cli-list-algorithm"),
        t!("cli-list-digits"),
        t!("cli-list-moving"),
    ]
}

/// A period in `otp list`'s last column.
pub fn list_period(seconds: u32) -> String {
    t!("cli-list-period", seconds = seconds)
}

/// Shown by `otp list` on an empty vault.
pub fn list_empty() -> String {
    t!("cli-list-empty")
}

/// Shown after `otp unlock`.
pub fn unlocked(vault: &Path, secs: u64) -> String {
    t!(
        "cli-unlocked",
        vault = vault.display().to_string(),
        duration = duration(secs)
    )
}

/// Shown by `otp lock`: whether an agent was stopped.
pub fn locked(stopped: bool) -> String {
    if stopped {
        t!("cli-locked")
    } else {
        t!("cli-nothing-to-lock")
    }
}

/// Shown by `otp passwd` when it stopped an agent holding the old PIN.
pub fn locked_after_passwd() -> String {
    t!("cli-locked-after-passwd")
}

/// `otp status` when an agent serves the vault.
pub fn agent_running(vault: &str, pid: u32, secs: u64, memory_locked: bool) -> String {
    let memory = if memory_locked { "locked" } else { "unlocked" };
    t!(
        "cli-agent-running",
        vault = vault,
        pid = pid,
        duration = duration(secs),
        memory = memory
    )
}

/// Why an agent that exists is not used, before falling back to the PIN.
#[derive(Debug)]
pub enum AgentSkipped {
    /// Reaching or asking it failed.
    Failed(crate::agent::AgentError),
    /// It refuses this user.
    Refused,
    /// It turned the request down with its own words.
    Said(String),
}

/// A warning when an agent exists but is not used.
pub fn not_using_agent(why: &AgentSkipped) -> String {
    use crate::i18n::Localize;
    match why {
        AgentSkipped::Failed(error) => t!("cli-not-using-agent", reason = error.localize()),
        AgentSkipped::Refused => t!("cli-not-using-agent-refused"),
        AgentSkipped::Said(reason) => t!("cli-not-using-agent", reason = reason.as_str()),
    }
}

// ---- otp import ----

/// An account the import adds.
pub fn import_added(label: &str, summary: &str) -> String {
    t!("cli-import-added", label = label, summary = summary)
}

/// An account the import adds under another label.
pub fn import_renamed(from: &str, to: &str) -> String {
    t!("cli-import-renamed", from = from, to = to)
}

/// An account the vault already holds.
pub fn import_duplicate(label: &str) -> String {
    t!("cli-import-duplicate", label = label)
}

/// An entry the vault cannot hold.
pub fn import_left_out(label: &str, reason: &str) -> String {
    t!("cli-import-left-out", label = label, reason = reason)
}

/// A remark about one imported account.
pub fn import_note(label: &str, note: &str) -> String {
    t!("cli-import-note", label = label, note = note)
}

/// How many items of the file hold no one-time-code key and were skipped.
pub fn import_without_code(count: usize) -> String {
    t!("cli-import-without-code", count = count)
}

/// Nothing new in the file.
pub fn import_nothing() -> String {
    t!("cli-import-nothing")
}

/// `otp import --dry-run`.
pub fn would_import(count: usize) -> String {
    t!("cli-would-import", count = count)
}

/// The question `otp import` asks.
pub fn confirm_import(count: usize) -> String {
    with_space(t!("cli-confirm-import", count = count))
}

/// Shown after `otp import`.
pub fn imported(count: usize) -> String {
    t!("cli-imported", count = count)
}

/// The first line of `otp import`'s report.
pub fn import_read(entries: usize, format: &str) -> String {
    t!("cli-import-read", count = entries, format = format)
}

// ---- otp export ----

/// The question before secrets are written unencrypted.
pub fn confirm_unencrypted_export() -> String {
    with_space(t!("cli-confirm-unencrypted-export"))
}

/// Reminder when links are printed on the terminal.
pub fn export_on_screen() -> String {
    t!("cli-export-on-screen")
}

/// An account an export format cannot hold.
pub fn export_left_out(label: &str, reason: &str) -> String {
    t!("cli-export-left-out", label = label, reason = reason)
}

/// Heading above each Google QR code.
pub fn qr_page(index: usize, count: usize) -> String {
    t!("cli-qr-page", index = index, count = count)
}

/// Shown after `otp export`.
pub fn exported(count: usize, format: &str, path: Option<&Path>) -> String {
    match path {
        Some(path) => t!(
            "cli-exported-to",
            count = count,
            format = format,
            path = path.display().to_string()
        ),
        None => t!("cli-exported", count = count, format = format),
    }
}

// ---- otp show ----

/// The labels of `otp show`'s lines, in order: label, issuer, name, type,
/// algorithm, digits, period, counter.
pub fn show_fields() -> [String; 8] {
    [
        t!("cli-show-account"),
        t!("cli-show-issuer"),
        t!("cli-show-name"),
        t!("cli-show-type"),
        t!("cli-show-algorithm"),
        t!("cli-show-digits"),
        t!("cli-show-period"),
        t!("cli-show-counter"),
    ]
}

/// `otp show` for an account without an issuer.
pub fn show_no_issuer() -> String {
    t!("cli-show-no-issuer")
}

/// `otp show`'s type line.
pub fn show_kind(kind: Kind) -> String {
    match kind {
        Kind::Totp { .. } => t!("cli-show-totp"),
        Kind::Hotp { .. } => t!("cli-show-hotp"),
        Kind::Steam => t!("cli-show-steam"),
    }
}

/// `otp show`'s period line.
pub fn show_period(seconds: u32) -> String {
    t!("cli-show-period-value", seconds = seconds)
}

/// `otp show`'s counter line.
pub fn show_counter(counter: u64) -> String {
    t!("cli-show-counter-value", counter = counter.to_string())
}

/// After `otp show --qr`.
pub fn qr_shows_secret(label: &str) -> String {
    t!("cli-qr-shows-secret", label = label)
}

/// `otp show --qr` on a terminal too small for the code.
pub fn qr_terminal_too_small(width: usize, height: usize, columns: u16, rows: u16) -> String {
    t!(
        "cli-qr-terminal-too-small",
        width = width,
        height = height,
        columns = columns,
        rows = rows
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, set_thread};

    #[test]
    fn durations_round_up_and_follow_the_language() {
        set_thread(Some(Lang::En));
        assert_eq!(duration(1), "1 second");
        assert_eq!(duration(90), "2 minutes");
        assert_eq!(duration(3601), "2 hours");
        set_thread(Some(Lang::Ko));
        assert_eq!(duration(45), "45초");
        assert_eq!(duration(61), "2분");
        set_thread(None);
    }

    #[test]
    fn prompts_and_questions_leave_a_space_for_the_answer() {
        for lang in Lang::ALL {
            set_thread(Some(lang));
            for asked in [Asked::Pin, Asked::NewPin, Asked::RepeatPin] {
                let prompt = asked.prompt();
                assert!(prompt.ends_with(": "), "{lang:?} {asked:?}: {prompt:?}");
            }
            assert!(confirm_import(2).ends_with("[y/N] "));
        }
        set_thread(Some(Lang::Ko));
        assert!(Asked::Pin.prompt().contains("비밀번호"));
        set_thread(None);
    }
}
