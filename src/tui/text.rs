//! Every word the full-screen interface shows, in one place so that it can be
//! translated (the product's first users read Korean manuals). Errors from the
//! lower layers (vault, secrets, links, accounts) carry their own sentences, the same
//! ones the CLI prints.

use super::message::Command;
use crate::clipboard::Method;
use crate::vault::PinError;

// ---- Screens and titles ----

/// The program's name in the title bar.
pub const APP_TITLE: &str = "otp";
/// Title of the first-run screen.
pub const SETUP_TITLE: &str = "Create your vault";
/// First-run prompt for the new PIN.
pub const SETUP_CHOOSE: &str = "Choose a 6-digit PIN";
/// First-run prompt for the PIN again.
pub const SETUP_REPEAT: &str = "Type the same PIN again";
/// The PIN policy, always shown where a new PIN is typed.
pub const PIN_POLICY: &str = "6 digits, not one digit six times (111111) and not counting straight up or down (123456, 987654).";
/// Where the first-run vault goes.
pub fn vault_location(path: &str) -> String {
    format!("The vault will be created at {path}")
}
/// Busy line while the vault is created.
pub const CREATING: &str = "Creating the vault…";
/// Title of the unlock screen.
pub const UNLOCK_TITLE: &str = "Locked";
/// Unlock prompt.
pub const UNLOCK_PROMPT: &str = "Enter your 6-digit PIN";
/// Busy line while the key is derived.
pub const UNLOCKING: &str = "Unlocking… (deriving the key takes about a second)";
/// Busy line while a change is saved.
pub const SAVING: &str = "Saving…";
/// Busy line while the PIN is changed.
pub const CHANGING_PIN: &str = "Changing the PIN…";
/// Added to the busy line after a quit request.
pub const QUIT_AFTER_SAVE: &str = "(quits when saved)";

/// "4 attempts left" on the unlock screen.
pub fn attempts_left(n: u32) -> String {
    match n {
        1 => "1 attempt left before unlocking is paused".to_owned(),
        n => format!("{n} attempts left before unlocking is paused"),
    }
}

/// The live countdown of a lockout.
pub fn locked_out(secs: u64) -> String {
    format!(
        "Too many wrong PINs in a row. Try again in {}.",
        clock(secs)
    )
}

/// Typing while unlocking is paused.
pub fn wait_before_retry(secs: u64) -> String {
    format!(
        "Unlocking is paused; wait {} before typing the PIN.",
        clock(secs)
    )
}

/// `m:ss` (or `h:mm:ss`) for a countdown.
pub fn clock(secs: u64) -> String {
    if secs >= 3600 {
        format!("{}:{:02}:{:02}", secs / 3600, secs % 3600 / 60, secs % 60)
    } else {
        format!("{}:{:02}", secs / 60, secs % 60)
    }
}

/// Fewer than 6 digits submitted.
pub const TYPE_SIX_DIGITS: &str = "Type all 6 digits of the PIN.";
/// The two new PINs differ.
pub const PINS_DIFFER: &str = "The two PINs differ; choose a PIN and type it twice again.";

/// A new PIN the policy refuses: the reason (from the vault) and the rule.
pub fn pin_refused(error: &PinError) -> String {
    let reason = error.to_string();
    let mut chars = reason.chars();
    let reason = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => reason,
    };
    format!("{reason}.")
}

/// Shown on the unlock screen after the auto-lock.
pub fn locked_idle(secs: u64) -> String {
    format!("Locked after {} without a key press.", duration(secs))
}
/// Shown on the unlock screen after `l`.
pub const LOCKED_BY_REQUEST: &str = "Locked.";

// ---- The session agent ----

/// Busy line while looking for a session agent at start.
pub const PROBING: &str = "Asking the session agent…";
/// Busy line while the agent generates a HOTP code (it saves the counter).
pub const AGENT_CODE: &str = "Asking the agent for the next code…";
/// The status after opening through the agent.
pub const AGENT_UNLOCKED: &str = "Unlocked by the agent: no PIN needed.";
/// The title bar in the agent's list: who unlocked, for how long, how many
/// accounts; `short` for narrow terminals.
pub fn agent_title(count: usize, limit: usize, remaining_secs: u64, short: bool) -> String {
    let accounts = account_count(count, limit);
    let left = clock(remaining_secs);
    if short {
        format!("agent {left} · {accounts}")
    } else {
        format!("unlocked by the agent for {left} · {accounts}")
    }
}
/// A code row before the agent's first answer.
pub const CODE_WAITING: &str = "··· ···";
/// Copy before the agent's answer for this second arrived.
pub const AGENT_CODE_COMING: &str = "The code is on its way from the agent; press Enter again.";
/// An agent exists but cannot be used (unsafe directory, another protocol, ...).
pub fn agent_unusable(message: &str) -> String {
    format!("The session agent could not be used, so the PIN is needed: {message}")
}
/// The status line after the agent went away (the unlock screen says why).
pub const AGENT_GONE: &str = "Agent gone: type the PIN to unlock.";
/// The agent went away while its codes were shown.
pub const AGENT_ENDED: &str =
    "The session agent has ended (otp lock, its time limit or a new PIN).";
/// The agent answered with an error while its codes were shown.
pub fn agent_error(message: &str) -> String {
    format!("The session agent failed: {message}")
}
/// The agent did not answer in time.
pub fn agent_silent(secs: u64) -> String {
    format!("The session agent did not answer within {secs} s.")
}
/// The agent answered a code for another account than the one asked for.
pub const AGENT_WRONG_ACCOUNT: &str = "it answered for another account";
/// Shown on the unlock screen after the auto-lock of the agent's list.
pub fn locked_idle_agent(secs: u64) -> String {
    format!(
        "Locked after {} without a key press. The agent keeps serving otp code until otp lock or its time limit.",
        duration(secs)
    )
}
/// Shown on the unlock screen after `l` in the agent's list.
pub const LOCKED_AGENT_STILL_RUNS: &str =
    "Locked. The agent keeps serving otp code until otp lock or its time limit.";
/// The unlock screen when a change was asked for in the agent's list.
pub fn pin_for_change(command: Command) -> String {
    if command == Command::ShowQr {
        return "Showing an account's QR code needs the PIN: the agent gives codes but never a secret. Esc goes back.".to_owned();
    }
    let what = match command {
        Command::Add => "Adding an account",
        Command::Rename => "Renaming an account",
        Command::Delete => "Deleting an account",
        Command::ChangePin => "Changing the PIN",
        _ => "This change",
    };
    format!(
        "{what} needs the PIN: the agent gives codes but never changes the vault. Esc goes back."
    )
}

// ---- The account list ----

/// "3 of 10 accounts" in the title bar.
pub fn account_count(count: usize, limit: usize) -> String {
    format!("{count}/{limit} accounts")
}
/// The list is empty.
pub const EMPTY_LIST: &str = "No accounts yet. Press a to add one.";
/// The search matches nothing.
pub const NO_MATCH: &str = "No account matches the search. Esc clears it.";
/// The search line's prompt.
pub const SEARCH_PROMPT: &str = "Search: ";
/// A HOTP row before a code is generated.
pub const HOTP_PRESS: &str = "press Enter";
/// A HOTP row's placeholder code.
pub const HOTP_HIDDEN: &str = "••• •••";
/// A HOTP row after a code was generated.
pub const HOTP_USED: &str = "new code";
/// Label before the next TOTP code.
pub const NEXT: &str = "next";
/// Copy with no account selected.
pub const NOTHING_TO_COPY: &str = "Nothing to copy: add an account first (a).";
/// QR code with no account selected.
pub const NOTHING_TO_SHOW: &str = "No account to show: add one first (a).";

/// The status after a copy, with the time left until the clipboard is cleared.
pub fn copied(label: &str, method: Method, clears_in: Option<u64>) -> String {
    let how = match method {
        Method::System => "",
        Method::Terminal => " via the terminal (OSC 52)",
    };
    match clears_in {
        Some(secs) => format!("Copied {label}{how}; clears in {secs} s"),
        None => format!("Copied {label}{how}."),
    }
}
/// The clipboard was cleared.
pub const CLIPBOARD_CLEARED: &str = "Clipboard cleared.";
/// The clipboard held something else, so it was left alone.
pub const CLIPBOARD_CHANGED: &str = "The clipboard no longer held the code, so it was left alone.";

/// Too many accounts to add another.
pub fn too_many(count: usize, limit: usize) -> String {
    format!(
        "The vault holds {count} accounts and allows at most {limit}; delete one (d) or raise max_accounts in the config file."
    )
}
/// After the vault was created.
pub const VAULT_CREATED: &str = "Vault created.";
/// After the PIN was changed.
pub const PIN_CHANGED: &str = "PIN changed.";
/// After the settings were written.
pub const SETTINGS_SAVED: &str = "Settings saved.";

/// After an account was added.
pub fn added(label: &str) -> String {
    format!("Added {label}.")
}
/// After an account was renamed.
pub fn renamed(old: &str, new: &str) -> String {
    format!("Renamed {old} to {new}.")
}
/// After an account was removed.
pub fn removed(label: &str) -> String {
    format!("Deleted {label}.")
}

// ---- Dialogs ----

/// Title of the first-account offer.
pub const OFFER_TITLE: &str = "Vault created";
/// The first-account offer.
pub const OFFER_TEXT: &str = "Add your first account now?";
/// Title of the add form.
pub const ADD_TITLE: &str = "Add an account";
/// Title of the rename form.
pub const RENAME_TITLE: &str = "Rename";
/// Title of the delete question.
pub const DELETE_TITLE: &str = "Delete";
/// The delete question.
pub fn confirm_delete(label: &str) -> String {
    format!("Delete {label}? Its secret cannot be recovered from otp afterwards.")
}
/// Title of the QR code question.
pub const QR_TITLE: &str = "Show the QR code";
/// The QR code question.
pub fn confirm_qr(label: &str) -> String {
    format!(
        "This shows the secret of {label} as a QR code: anyone who sees or photographs the screen can copy the account. Show it?"
    )
}
/// Under the QR code: how to close it, and when it closes by itself.
pub fn qr_closes_in(secs: u64) -> String {
    format!("Scan it with your phone, then press any key. It closes by itself in {secs} s.")
}
/// The terminal is too small for the QR code.
pub fn qr_too_small(width: u16, height: u16, columns: u16, rows: u16) -> String {
    format!(
        "The QR code needs a terminal of at least {width}×{height}; this one is {columns}×{rows}. Enlarge the window or make the font smaller. Any key closes this."
    )
}
/// The status after the QR code closed by itself.
pub fn qr_closed_after(secs: u64) -> String {
    format!("The QR code was closed after {secs} s.")
}
/// Title of the change-PIN dialog.
pub const CHANGE_PIN_TITLE: &str = "Change the PIN";
/// Change-PIN prompt: current PIN.
pub const CHANGE_PIN_CURRENT: &str = "Current PIN";
/// Change-PIN prompt: new PIN.
pub const CHANGE_PIN_NEW: &str = "New 6-digit PIN";
/// Change-PIN prompt: new PIN again.
pub const CHANGE_PIN_REPEAT: &str = "New PIN again";
/// Title of the settings.
pub const SETTINGS_TITLE: &str = "Settings";
/// Setting: clipboard clear time.
pub const SETTING_CLEAR: &str = "Clear the clipboard after";
/// Setting: auto-lock time.
pub const SETTING_LOCK: &str = "Lock when idle for";
/// Under the settings.
pub const SETTINGS_NOTE: &str = "Saved to the config file at once.";
/// Title of the help overlay.
pub const HELP_TITLE: &str = "Keys";

/// "30 s", "5 min", "1 h", or "never" for 0.
pub fn duration(secs: u64) -> String {
    match secs {
        0 => "never".to_owned(),
        s if s < 60 => format!("{s} s"),
        s if s < 3600 && s % 60 == 0 => format!("{} min", s / 60),
        s if s < 3600 => format!("{} min {} s", s / 60, s % 60),
        s if s % 3600 == 0 => format!("{} h", s / 3600),
        s => format!("{} min", s / 60),
    }
}

// ---- The add form ----

/// Source choice: setup key.
pub const SOURCE_KEY: &str = "setup key";
/// Source choice: link.
pub const SOURCE_LINK: &str = "otpauth:// link";
/// Source choice: customer code.
pub const SOURCE_CUSTOMER: &str = "customer code";
/// Field: the organisation's customer code.
pub const FIELD_CUSTOMER: &str = "Customer code";
/// Field: the person's ID at the organisation.
pub const FIELD_USER_ID: &str = "Your ID";
/// Field: the activation code (hidden).
pub const FIELD_ACTIVATION: &str = "Activation code";
/// Under the customer-code field before the organisation is known.
pub const CUSTOMER_HINT: &str =
    "Type the 4-digit customer code your organisation gave you and press Enter to look it up.";
/// The customer code is not 4 digits.
pub const CUSTOMER_FOUR_DIGITS: &str = "A customer code has 4 digits.";
/// No ID typed.
pub const USER_ID_EMPTY: &str = "Type your ID at the organisation.";
/// The activation code is not 6 digits.
pub const ACTIVATION_SIX_DIGITS: &str = "The activation code has 6 digits.";
/// Busy: asking the server which organisation a customer code belongs to.
pub const LOOKING_UP: &str = "Looking up the customer code…";
/// Busy: enrolling with the organisation's server.
pub const ENROLLING: &str = "Enrolling…";
/// This build has no enrollment client.
pub const NO_ENROLL: &str = "This otp was built without enrollment (the `enroll` feature); use the setup key or the otpauth:// link the service shows.";

/// The organisation found for a customer code, shown under the fields.
pub fn organisation(code: &str, name: &str, server: &str) -> String {
    format!(
        "Customer {code}: {name} ({server}). Type your ID and the activation code, then press Enter."
    )
}

/// An enrolled account left in the vault after a refused activation, because
/// taking it out failed: `activation` says why the server refused.
#[cfg_attr(not(feature = "enroll"), allow(dead_code))]
pub fn enroll_not_rolled_back(activation: &str, label: &str, reason: &str) -> String {
    format!(
        "{activation}. {label} was saved but the server did not activate it, and removing it again failed ({reason}); its codes will not work: select it and press d to delete it."
    )
}

/// Status after an enrollment.
pub fn enrolled(label: &str, replaced: bool) -> String {
    if replaced {
        format!("Added {label}; the token is active. Your previous device's token no longer works.")
    } else {
        format!("Added {label}; the token is active.")
    }
}
/// Submitting an empty link.
pub const LINK_EMPTY: &str = "Paste the otpauth:// link first.";
/// Field label.
pub const FIELD_SOURCE: &str = "From";
/// Field label.
pub const FIELD_NAME: &str = "Name";
/// Field label.
pub const FIELD_ISSUER: &str = "Issuer";
/// Field label.
pub const FIELD_SECRET: &str = "Setup key";
/// Field label.
pub const FIELD_LINK: &str = "Link";
/// Field label.
pub const FIELD_ADVANCED: &str = "Advanced";
/// Field label.
pub const FIELD_TYPE: &str = "Type";
/// Field label.
pub const FIELD_ALGORITHM: &str = "Algorithm";
/// Field label.
pub const FIELD_DIGITS: &str = "Digits";
/// Field label.
pub const FIELD_PERIOD: &str = "Period (s)";
/// Field label.
pub const FIELD_COUNTER: &str = "Counter";
/// Advanced fields shown.
pub const ADVANCED_SHOWN: &str = "shown";
/// Advanced fields hidden.
pub const ADVANCED_HIDDEN: &str = "hidden (SHA1, 6 digits, 30 s)";
/// Type choice.
pub const TYPE_TOTP: &str = "time-based (TOTP)";
/// Type choice.
pub const TYPE_HOTP: &str = "counter-based (HOTP)";
/// A masked secret field: how many characters it holds.
pub fn masked(len: usize) -> String {
    if len == 0 {
        String::new()
    } else {
        format!("{} ({len})", "•".repeat(len.min(12)))
    }
}
/// Placeholder in an empty optional field of the link form.
pub const FROM_LINK: &str = "(from the link)";
/// Placeholder in the setup-key field.
pub const PASTE_HERE: &str = "(type or paste)";

// ---- The key map ----

/// Help heading.
pub const CONTEXT_ANY: &str = "Everywhere";
/// Help heading.
pub const CONTEXT_PIN: &str = "Typing a PIN";
/// Help heading.
pub const CONTEXT_LIST: &str = "Account list";
/// Help heading.
pub const CONTEXT_SEARCH: &str = "Search";
/// Help heading.
pub const CONTEXT_FORM: &str = "Add and rename forms";
/// Help heading.
pub const CONTEXT_CONFIRM: &str = "Questions";
/// Help heading.
pub const CONTEXT_QR: &str = "QR code";
/// Help heading.
pub const CONTEXT_SETTINGS: &str = "Settings";
/// Help heading.
pub const CONTEXT_HELP: &str = "This help";

/// Help text.
pub const KEY_COPY: &str = "copy the code (HOTP: generate the next code and copy it)";
/// Help text.
pub const KEY_UP: &str = "previous account";
/// Help text.
pub const KEY_DOWN: &str = "next account";
/// Help text.
pub const KEY_FIRST: &str = "first account";
/// Help text.
pub const KEY_LAST: &str = "last account";
/// Help text.
pub const KEY_SEARCH: &str = "search by issuer or name";
/// Help text.
pub const KEY_ADD: &str = "add an account";
/// Help text.
pub const KEY_RENAME: &str = "rename the account";
/// Help text.
pub const KEY_DELETE: &str = "delete the account (asks first)";
/// Help text.
pub const KEY_SHOW_QR: &str = "QR code of the account for another app (asks first)";
/// Help text.
pub const KEY_QR_CLOSE: &str = "close (any other key too)";
/// Help text.
pub const KEY_CHANGE_PIN: &str = "change the PIN";
/// Help text.
pub const KEY_SETTINGS: &str = "settings: clipboard clear time, auto-lock time";
/// Help text.
pub const KEY_LOCK: &str = "lock now (drops the secrets from memory)";
/// Help text.
pub const KEY_HELP: &str = "show this help";
/// Help text.
pub const KEY_QUIT: &str = "quit";
/// Help text.
pub const KEY_LIST_BACK: &str = "clear the search, or quit";
/// Help text.
pub const KEY_SEARCH_DONE: &str = "keep the search and go back to the list";
/// Help text.
pub const KEY_SEARCH_CANCEL: &str = "clear the search";
/// Help text.
pub const KEY_BACKSPACE: &str = "delete the last character";
/// Help text.
pub const KEY_PIN_SUBMIT: &str = "submit (6 digits also submit by themselves)";
/// Help text.
pub const KEY_PIN_BACK: &str = "cancel (unlock screen: quit, or back to the agent's list)";
/// Help text.
pub const KEY_FORM_SUBMIT: &str = "save";
/// Help text.
pub const KEY_NEXT_FIELD: &str = "next field";
/// Help text.
pub const KEY_PREV_FIELD: &str = "previous field";
/// Help text.
pub const KEY_CHOICE_PREV: &str = "previous choice";
/// Help text.
pub const KEY_CHOICE_NEXT: &str = "next choice (Space too)";
/// Help text.
pub const KEY_CLEAR_FIELD: &str = "empty the field";
/// Help text.
pub const KEY_FORM_CANCEL: &str = "cancel";
/// Help text.
pub const KEY_YES: &str = "yes";
/// Help text.
pub const KEY_NO: &str = "no";
/// Help text.
pub const KEY_SETTING_UP: &str = "previous setting";
/// Help text.
pub const KEY_SETTING_DOWN: &str = "next setting";
/// Help text.
pub const KEY_SETTING_LESS: &str = "shorter";
/// Help text.
pub const KEY_SETTING_MORE: &str = "longer";
/// Help text.
pub const KEY_CLOSE: &str = "close";
/// Help text.
pub const KEY_SCROLL_UP: &str = "scroll up";
/// Help text.
pub const KEY_SCROLL_DOWN: &str = "scroll down";
/// Help text.
pub const KEY_QUIT_NOW: &str = "quit (after a save that is running)";

/// Hint bar word.
pub const HINT_COPY: &str = "copy";
/// Hint bar word.
pub const HINT_SEARCH: &str = "search";
/// Hint bar word.
pub const HINT_ADD: &str = "add";
/// Hint bar word.
pub const HINT_HELP: &str = "help";
/// Hint bar word.
pub const HINT_QUIT: &str = "quit";
/// Hint bar word.
pub const HINT_DONE: &str = "done";
/// Hint bar word.
pub const HINT_CANCEL: &str = "cancel";
/// Hint bar word.
pub const HINT_OK: &str = "ok";
/// Hint bar word.
pub const HINT_BACK: &str = "back";
/// Hint bar word.
pub const HINT_SAVE: &str = "save";
/// Hint bar word.
pub const HINT_NEXT_FIELD: &str = "next";
/// Hint bar word.
pub const HINT_CHOOSE: &str = "choose";
/// Hint bar word.
pub const HINT_YES: &str = "yes";
/// Hint bar word.
pub const HINT_NO: &str = "no";
/// Hint bar word.
pub const HINT_NEXT_SETTING: &str = "next";
/// Hint bar word.
pub const HINT_LESS: &str = "less";
/// Hint bar word.
pub const HINT_MORE: &str = "more";
/// Hint bar word.
pub const HINT_CLOSE: &str = "close";
/// Hint bar word.
pub const HINT_SCROLL: &str = "scroll";

// ---- Outside the screen ----

/// `otp` without a subcommand, not on a terminal.
pub const NOT_A_TERMINAL: &str = "the full-screen interface needs a terminal on standard input and output; in scripts use a subcommand such as `otp code <account>` (see `otp --help`)";

/// The system clock is before 1970.
pub const CLOCK: &str =
    "the system clock is set before 1970; fix the date and time, since codes depend on them";
/// The worker thread is gone (not expected).
pub const WORKER_GONE: &str = "the vault worker stopped unexpectedly; quit and start otp again";
/// A HOTP counter that cannot advance.
pub const HOTP_COUNTER_MAX: &str = "the HOTP counter is at its largest value and cannot advance; add the account again with a new secret";
/// An account another otp removed or renamed meanwhile.
pub fn account_gone(label: &str) -> String {
    format!(
        "{label} is no longer in the vault (another otp changed it); the list now shows the vault as it is"
    )
}

/// A HOTP code was generated (before the copy reports).
pub fn hotp_generated(label: &str) -> String {
    format!("Generated the next code of {label}.")
}
