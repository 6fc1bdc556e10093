//! The interface's messages: what goes into [`App::update`](super::app::App::update)
//! ([`Action`], with the key map's [`Command`]s), what comes out ([`Effect`]), and
//! the work and answers exchanged with the worker threads ([`Job`], [`JobResult`],
//! [`AgentJob`], [`AgentResult`]).
//!
//! Plain data: the state, the key map, the texts and the workers all use these
//! types, and this file uses none of them.

use zeroize::Zeroizing;

use crate::accounts::{Account, PushLink, Store};
use crate::agent::protocol::{AccountInfo, CodeReply, PushInfo};
use crate::api::push::{Decision, PushState};
use crate::clipboard::Method;
use crate::code::Code;
use crate::config::Config;
use crate::vault::{LockoutStatus, Opened, Pin};

/// Text that may hold a code or a secret (a copied code, pasted text): zeroized when
/// dropped and never shown by `Debug`.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Hidden(Zeroizing<String>);

impl Hidden {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<String> for Hidden {
    fn from(text: String) -> Self {
        Self(Zeroizing::new(text))
    }
}

impl From<&str> for Hidden {
    fn from(text: &str) -> Self {
        Self(Zeroizing::new(text.to_owned()))
    }
}

impl std::fmt::Debug for Hidden {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Hidden([redacted])")
    }
}

/// What a key or a mouse button asks for (the key map's vocabulary).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// Leave: quit the program now (or after a running save).
    Quit,
    /// Go back one level: close, cancel, clear the search, or quit at the top.
    Back,
    /// Show the help overlay.
    Help,
    /// Move up.
    Up,
    /// Move down.
    Down,
    /// Jump to the first account.
    First,
    /// Jump to the last account.
    Last,
    /// Copy the selected code (for HOTP: generate the next one and copy it).
    Copy,
    /// Start typing a search.
    Search,
    /// Open the form that adds an account.
    Add,
    /// Rename the selected account.
    Rename,
    /// Delete the selected account (after a question).
    Delete,
    /// Show the selected account as a QR code (after a question).
    ShowQr,
    /// Change the PIN.
    ChangePin,
    /// Open the settings.
    Settings,
    /// Lock now.
    Lock,
    /// Confirm what was typed.
    Submit,
    /// Next form field.
    NextField,
    /// Previous form field.
    PrevField,
    /// Previous choice, or less.
    Left,
    /// Next choice, or more.
    Right,
    /// Delete the last character typed.
    Backspace,
    /// Empty the field.
    ClearField,
    /// Answer yes.
    Yes,
    /// Approve a login request with the first, second or third number shown.
    Pick(u8),
    /// Deny a login request: "not me".
    NotMe,
}

/// Something that happened: input, time, or the result of an effect.
#[derive(Debug)]
pub enum Action {
    /// A bound key.
    Command(Command),
    /// A typed character in a context that takes text.
    Char(char),
    /// Pasted text (bracketed paste).
    Paste(Hidden),
    /// A left click at a terminal cell.
    Click {
        /// Column, from 0.
        column: u16,
        /// Row, from 0.
        row: u16,
    },
    /// The mouse wheel, up (`true`) or down.
    Scroll(bool),
    /// The terminal has a new size.
    Resize {
        /// Columns.
        width: u16,
        /// Rows.
        height: u16,
    },
    /// Time passed (the event loop ticks at least once a second).
    Tick,
    /// The worker finished a vault job.
    Job(JobResult),
    /// The lockout status of the vault, read by the event loop.
    Lockout(LockoutStatus),
    /// A copy was attempted.
    Copied {
        /// The account whose code it was.
        label: String,
        /// The code.
        code: Hidden,
        /// How it went.
        result: Result<Method, String>,
    },
    /// A clipboard clear was attempted: `Ok(false)` when the clipboard held
    /// something else and was left alone.
    Cleared(Result<bool, String>),
    /// The config file was written, or why not.
    ConfigSaved(Result<(), String>),
    /// Look for a session agent serving the vault (sent once at start unless
    /// `--no-agent` was given).
    ProbeAgent,
    /// The agent thread answered.
    Agent(AgentResult),
    /// News about login requests (push approvals).
    Push(PushEvent),
}

/// News about login requests, from the pollers or the answer threads.
#[derive(Debug)]
pub enum PushEvent {
    /// The requests waiting now for one account (`Some(label)`), or for every
    /// account (`None`: the agent's list); oldest first.
    Pending {
        /// The account whose requests these are, or all of them.
        account: Option<String>,
        /// The requests.
        requests: Vec<PushInfo>,
    },
    /// An answer went out: where the request stands, or why it failed (the
    /// sentence).
    Answered {
        /// The request answered.
        request_id: String,
        /// The decision sent.
        decision: Decision,
        /// The state otpd recorded, or the sentence of the failure.
        result: Result<PushState, String>,
    },
}

/// One account whose login requests the unlocked interface waits for itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushWatch {
    /// The account's label.
    pub label: String,
    /// Its push link, device key included (zeroized when dropped).
    pub link: PushLink,
}

/// An answer to a login request, to be signed and sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushReply {
    /// The request.
    pub request_id: String,
    /// Approve or deny.
    pub decision: Decision,
    /// The number chosen (approvals).
    pub number: Option<String>,
    /// The account's link when the vault is open (signed here); `None` when the
    /// agent holds the key and answers.
    pub link: Option<PushLink>,
}

/// Work for the agent thread: one request to the session agent each. Nothing here
/// asks for a secret (the protocol has no such request).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgentJob {
    /// Find the agent for the vault, ping it and list the accounts.
    Connect,
    /// List the accounts again.
    List,
    /// Every current TOTP code at this Unix time.
    Codes {
        /// The time the codes are for.
        now: u64,
    },
    /// One code of the account with this label (HOTP: uses it up).
    Code {
        /// The account's label.
        label: String,
        /// The time the code is for.
        now: u64,
    },
    /// Ask the agent for the login requests it has seen, at most every 500 ms
    /// while `true` (news only when they change), and stop when `false`.
    WatchPushes(bool),
    /// Have the agent sign and send an answer (it holds the device key).
    AnswerPush {
        /// The request.
        request_id: String,
        /// Approve or deny.
        decision: Decision,
        /// The number chosen (approvals).
        number: Option<String>,
    },
}

/// Why the agent can no longer be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgentFailure {
    /// No agent answers any more (`otp lock`, its deadline, a new PIN, a crash).
    Ended,
    /// It answered with an error, or not in the protocol; the sentence.
    Error(String),
    /// It did not answer in time.
    Silent,
}

/// What the agent thread reports.
#[derive(Debug)]
pub enum AgentResult {
    /// An agent serves the vault: its accounts and when it exits by itself.
    Connected {
        /// The accounts, without secrets.
        accounts: Vec<AccountInfo>,
        /// The agent's deadline (Unix seconds).
        expires_at: u64,
    },
    /// No agent serves the vault (no socket, or a stale one).
    Absent,
    /// An agent exists but cannot be trusted or used; the sentence.
    Unusable(String),
    /// The accounts, listed again.
    Accounts(Vec<AccountInfo>),
    /// The current TOTP codes at `at`.
    Codes {
        /// The time they were asked for.
        at: u64,
        /// One per time-based account.
        codes: Vec<CodeReply>,
    },
    /// One code, asked for by label.
    Code {
        /// The label asked for.
        label: String,
        /// The answer.
        code: CodeReply,
    },
    /// Login requests the agent has seen, or the outcome of an answer it sent.
    Push(PushEvent),
    /// A request failed: the agent is gone or unusable.
    Failed(AgentFailure),
}

/// A change to the accounts, applied by the worker to the vault's current contents
/// under the vault lock (another `otp` may have changed the file meanwhile).
#[derive(Debug)]
pub enum Change {
    /// Add an account (at most `limit` in the vault).
    Add {
        /// The new account.
        account: Account,
        /// The most accounts allowed.
        limit: usize,
    },
    /// Rename the account with this label.
    Rename {
        /// The current label.
        label: String,
        /// The new name.
        name: String,
        /// The new issuer (`None` removes it).
        issuer: Option<String>,
    },
    /// Remove the account with this label.
    Remove {
        /// Its label.
        label: String,
    },
    /// Use the next HOTP code of the account with this label (advances the counter).
    NextHotp {
        /// Its label.
        label: String,
    },
}

/// Work for the worker thread: everything that runs scrypt or writes the vault.
#[derive(Debug)]
pub enum Job {
    /// Create the vault with this PIN and no accounts.
    Create {
        /// The new PIN.
        pin: Pin,
    },
    /// Decrypt the vault.
    Unlock {
        /// The PIN typed.
        pin: Pin,
    },
    /// Read, change and save the accounts.
    Update {
        /// The PIN of the unlocked vault.
        pin: Pin,
        /// What to change.
        change: Change,
    },
    /// Ask the organisation's server (found from the config's `[customers]` or
    /// `directory`, as `otp add --customer` does) who this customer code belongs to.
    LookupCustomer {
        /// The customer code.
        customer: String,
        /// The settings, for `[customers]` and `directory`.
        config: Box<Config>,
        /// The config file, named when no server is known for the code.
        config_path: String,
    },
    /// Enroll with the organisation's server: store the account in the vault, then
    /// activate the token (the account is taken out again if activation fails).
    Enroll {
        /// The PIN of the unlocked vault.
        pin: Pin,
        /// The customer code.
        customer: String,
        /// The server the look-up found.
        server: String,
        /// The person's ID at the organisation.
        user_id: String,
        /// The activation code (never shown by `Debug`).
        activation_code: Hidden,
        /// How many digits the activation code has.
        code_digits: u8,
        /// The most accounts allowed.
        limit: usize,
    },
    /// Check the current PIN typed in the change-PIN dialog: open the vault as
    /// unlocking does (a wrong PIN counts toward the lockout).
    CheckPin {
        /// The current PIN, as typed again.
        pin: Pin,
    },
    /// Re-encrypt under a new PIN what [`Job::CheckPin`] opened (the old key is
    /// derived again only if the file changed meanwhile).
    ChangePin {
        /// The current PIN, as checked.
        old: Pin,
        /// The new PIN.
        new: Pin,
        /// The vault as the check opened it.
        opened: Opened,
    },
}

/// What a finished change did.
#[derive(Debug)]
pub enum Done {
    /// Added the account with this label.
    Added(String),
    /// Renamed an account.
    Renamed {
        /// Before.
        old: String,
        /// After.
        new: String,
    },
    /// Removed the account with this label.
    Removed(String),
    /// Enrolled with an organisation: the account with this label is active.
    Enrolled {
        /// Its label.
        label: String,
        /// Whether an earlier token of the same person stopped working.
        replaced: bool,
    },
    /// Used a HOTP code.
    Hotp {
        /// The account's label.
        label: String,
        /// The code (for the counter before the increment).
        code: Code,
    },
}

/// Why a vault job failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The PIN did not open the vault.
    WrongPin {
        /// Wrong PINs left before the pause (0: paused now).
        attempts_left: u32,
    },
    /// Unlocking is paused.
    LockedOut {
        /// Seconds until a PIN may be tried.
        retry_after_secs: u64,
    },
    /// `Create` found a vault already there.
    AlreadyExists(String),
    /// The server refused the activation code (SE3010: wrong, with the tries it
    /// has left when the server says, expired or used up); the sentence. The form
    /// empties the activation-code field and keeps the rest.
    ActivationRefused(String),
    /// Anything else, as a sentence for the user.
    Other(String),
}

/// The organisation a customer code belongs to, as its server answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    /// The customer code it was looked up with.
    pub customer: String,
    /// Its name.
    pub name: String,
    /// Its otpd server.
    pub server: String,
    /// How many digits its activation (issuance) codes have.
    pub code_digits: u8,
}

/// The result of a [`Job`].
#[derive(Debug)]
pub enum JobResult {
    /// The vault was created.
    Created,
    /// The vault was decrypted.
    Unlocked(Store),
    /// A change was saved; the store as saved.
    Saved(Store, Done),
    /// The current PIN opened the vault; what it opened, for the change.
    PinChecked(Opened),
    /// The PIN was changed.
    PinChanged,
    /// The organisation behind a customer code.
    Customer(Organisation),
    /// The job failed.
    Failed(Failure),
}

/// What the event loop must do for the app.
#[derive(Debug)]
pub enum Effect {
    /// Hand a job to the worker thread.
    Vault(Job),
    /// Read the vault's lockout status and send [`Action::Lockout`].
    CheckLockout,
    /// Put a code on the clipboard and send [`Action::Copied`].
    Copy {
        /// The account's label.
        label: String,
        /// The code.
        code: Hidden,
    },
    /// Clear the clipboard if it still holds `code`, then send [`Action::Cleared`].
    ClearClipboard {
        /// The code that was copied.
        code: Hidden,
        /// How it was copied.
        method: Method,
    },
    /// Write the config file and send [`Action::ConfigSaved`].
    SaveConfig(Config),
    /// Hand a request to the agent thread; it answers with [`Action::Agent`].
    Agent(AgentJob),
    /// Wait for the login requests of these accounts (an empty list stops
    /// waiting); news comes as [`Action::Push`].
    WatchPush(Vec<PushWatch>),
    /// Sign and send an answer to a login request (with the link's key, or
    /// through the agent); the outcome comes as [`PushEvent::Answered`].
    AnswerPush(PushReply),
    /// Ring the terminal bell once.
    Bell,
    /// Restore the terminal and exit.
    Quit,
}
