//! The state of the interface: the screens (first run, unlock, the open vault, the
//! agent's list), their dialogs, what the worker is busy with, and the status line.
//!
//! Only data and questions about it here; the changes are made by the `update`
//! functions in the sibling files.

use zeroize::Zeroizing;

use crate::accounts::{Account, Store};
use crate::agent::protocol::{AccountInfo, CodeReply, PushInfo};
use crate::clipboard::Method;
use crate::code::Code;
use crate::config::Config;
use crate::qr::Drawing;
use crate::tui::form::{AddForm, RenameForm};
use crate::tui::keymap::Context;
use crate::tui::message::{Command, Hidden};
use crate::vault::{Opened, Pin};

/// Number of digits in a PIN.
const PIN_LENGTH: usize = crate::vault::pin::PIN_LENGTH;

/// Up to 6 digits being typed, zeroized when dropped.
#[derive(Default)]
pub struct PinEntry(Zeroizing<String>);

impl PinEntry {
    /// How many digits have been typed.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether nothing has been typed.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Adds a typed digit (anything else, or a seventh digit, is ignored).
    pub(super) fn push(&mut self, c: char) {
        if c.is_ascii_digit() && self.0.len() < PIN_LENGTH {
            self.0.push(c);
        }
    }

    /// Removes the last digit.
    pub(super) fn pop(&mut self) {
        self.0.pop();
    }

    /// The digits typed, leaving the entry empty.
    pub(super) fn take(&mut self) -> Zeroizing<String> {
        std::mem::take(&mut self.0)
    }

    /// Whether all the digits of a PIN are typed.
    pub(super) fn is_full(&self) -> bool {
        self.0.len() == PIN_LENGTH
    }
}

impl std::fmt::Debug for PinEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PinEntry({} digits)", self.0.len())
    }
}

/// First run: choosing the PIN that creates the vault.
#[derive(Debug, Default)]
pub struct Setup {
    /// The digits typed so far.
    pub entry: PinEntry,
    /// The first PIN, once accepted, while it is typed again.
    pub first: Option<Pin>,
    /// Why the last PIN was refused.
    pub message: Option<String>,
}

/// Whether a PIN may be tried, as the unlock screen shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lockout {
    /// Not read yet.
    Unknown,
    /// PINs may be typed; this many wrong ones are left before a pause.
    Open {
        /// Attempts left.
        attempts_left: u32,
    },
    /// Paused until this Unix time.
    Until(u64),
}

/// The unlock screen.
#[derive(Debug)]
pub struct Locked {
    /// The digits typed so far.
    pub entry: PinEntry,
    /// Attempts left or the pause.
    pub lockout: Lockout,
    /// What happened last (wrong PIN, locked after idle time, ...).
    pub message: Option<String>,
    /// A change asked for in the agent's list, carried out once the PIN unlocks.
    pub then: Option<Pending>,
    /// The agent's list to go back to on Esc (when a change asked for the PIN).
    pub back: Option<Box<AgentList>>,
}

impl Locked {
    /// The unlock screen, with an optional reason for being there.
    pub(super) fn new(message: Option<String>) -> Self {
        Self {
            entry: PinEntry::default(),
            lockout: Lockout::Unknown,
            message,
            then: None,
            back: None,
        }
    }
}

/// A change to the vault started in the agent's list: the agent never changes the
/// vault, so the PIN is asked first and the command runs in the unlocked list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    /// Add, Rename, Delete, ChangePin or ShowQr.
    pub command: Command,
    /// The account it is about, selected again after unlocking.
    pub label: Option<String>,
}

/// Which PIN the change-PIN dialog asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinStage {
    /// The current PIN.
    Current,
    /// The new PIN.
    New,
    /// The new PIN again.
    Repeat,
}

/// The change-PIN dialog.
#[derive(Debug)]
pub struct ChangePin {
    /// Which PIN is being typed.
    pub stage: PinStage,
    /// The digits typed so far.
    pub entry: PinEntry,
    /// The current PIN, once the worker found that it opens the vault.
    pub old: Option<Pin>,
    /// What the current PIN opened, re-encrypted under the new one.
    pub opened: Option<Opened>,
    /// The new PIN, once accepted.
    pub new: Option<Pin>,
    /// Why the last PIN was refused.
    pub message: Option<String>,
}

/// A dialog over the account list.
#[derive(Debug)]
pub enum Modal {
    /// "Add your first account?" after the vault was created.
    OfferFirstAccount,
    /// Adding an account.
    Add(Box<AddForm>),
    /// Renaming an account.
    Rename(RenameForm),
    /// "Delete this account?"
    ConfirmDelete {
        /// The account's label.
        label: String,
    },
    /// Changing the PIN.
    ChangePin(ChangePin),
    /// The settings; the index of the selected line.
    Settings(usize),
    /// "Show the secret of this account as a QR code?"
    ConfirmQr {
        /// The account's label.
        label: String,
    },
    /// The account's QR code on the whole screen.
    Qr(Box<QrShown>),
}

/// An account's `otpauth://` link drawn as a QR code, secret included. Dropped (and
/// zeroized) when closed, on any key, after [`QR_SHOWN_SECS`], or by locking.
pub struct QrShown {
    /// The account's label.
    pub label: String,
    /// The drawing.
    pub drawing: Drawing,
    /// Closed by itself at this Unix time.
    pub until: u64,
}

impl std::fmt::Debug for QrShown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("QrShown")
            .field("label", &self.label)
            .field("drawing", &self.drawing)
            .field("until", &self.until)
            .finish()
    }
}

/// A HOTP code generated on request, shown in its row for a while.
#[derive(Debug)]
pub struct HotpShown {
    /// The account's label.
    pub label: String,
    /// The code.
    pub code: Code,
    /// Shown until this Unix time.
    pub until: u64,
}

/// The unlocked vault: the accounts and the PIN that saves changes. Dropping it
/// (locking) zeroizes both.
#[derive(Debug)]
pub struct Unlocked {
    /// The PIN, kept because every save re-encrypts with it.
    pub pin: Pin,
    /// The accounts.
    pub store: Store,
    /// Index into [`Unlocked::visible`] of the selected row.
    pub selected: usize,
    /// The search text.
    pub filter: String,
    /// Whether the search is being typed.
    pub searching: bool,
    /// The open dialog, if any.
    pub modal: Option<Modal>,
    /// A generated HOTP code.
    pub hotp: Option<HotpShown>,
}

impl Unlocked {
    /// The list of the vault just opened with `pin`.
    pub(super) fn new(pin: Pin, store: Store) -> Self {
        Self {
            pin,
            store,
            selected: 0,
            filter: String::new(),
            searching: false,
            modal: None,
            hotp: None,
        }
    }

    /// Indices into the store of the accounts the search lets through.
    pub fn visible(&self) -> Vec<usize> {
        let needle = self.filter.trim().to_lowercase();
        self.store
            .accounts()
            .iter()
            .enumerate()
            .filter(|(_, a)| needle.is_empty() || a.label().to_lowercase().contains(&needle))
            .map(|(i, _)| i)
            .collect()
    }

    /// The selected account, if any is visible.
    pub fn selected_account(&self) -> Option<&Account> {
        let visible = self.visible();
        let index = *visible.get(self.selected.min(visible.len().saturating_sub(1)))?;
        self.store.get(index)
    }

    /// Keeps the selection inside the visible rows.
    pub(super) fn clamp_selection(&mut self) {
        self.selected = self.selected.min(self.visible().len().saturating_sub(1));
    }

    /// Selects the account labelled `label`, if it is visible.
    pub(super) fn select_label(&mut self, label: &str) {
        if let Some(position) = self
            .visible()
            .iter()
            .position(|&i| self.store.get(i).is_some_and(|a| a.label() == label))
        {
            self.selected = position;
        }
    }
}

/// A HOTP code the agent generated, shown in its row for a while.
#[derive(Debug)]
pub struct AgentHotp {
    /// The account's label.
    pub label: String,
    /// The code.
    pub code: Hidden,
    /// Shown until this Unix time.
    pub until: u64,
}

/// The vault as a session agent serves it: labels and codes, never a secret or the
/// PIN. Reading only; a change asks for the PIN.
#[derive(Debug)]
pub struct AgentList {
    /// The accounts, in the vault's order.
    pub accounts: Vec<AccountInfo>,
    /// The last TOTP codes the agent sent.
    pub codes: Vec<CodeReply>,
    /// The Unix time those codes are for.
    pub codes_at: u64,
    /// When the request in flight (codes or list) was sent, if one is.
    pub fetching: Option<u64>,
    /// When the agent exits by itself (Unix time).
    pub expires_at: u64,
    /// Index into [`AgentList::visible`] of the selected row.
    pub selected: usize,
    /// The search text.
    pub filter: String,
    /// Whether the search is being typed.
    pub searching: bool,
    /// The settings, open at this line.
    pub settings: Option<usize>,
    /// A generated HOTP code.
    pub hotp: Option<AgentHotp>,
}

impl AgentList {
    /// The list of the accounts an agent serves, before any code.
    pub(super) fn new(accounts: Vec<AccountInfo>, expires_at: u64) -> Self {
        Self {
            accounts,
            codes: Vec::new(),
            codes_at: 0,
            fetching: None,
            expires_at,
            selected: 0,
            filter: String::new(),
            searching: false,
            settings: None,
            hotp: None,
        }
    }

    /// Indices into the accounts of those the search lets through.
    pub fn visible(&self) -> Vec<usize> {
        let needle = self.filter.trim().to_lowercase();
        self.accounts
            .iter()
            .enumerate()
            .filter(|(_, a)| needle.is_empty() || a.label.to_lowercase().contains(&needle))
            .map(|(i, _)| i)
            .collect()
    }

    /// The selected account, if any is visible.
    pub fn selected_account(&self) -> Option<&AccountInfo> {
        let visible = self.visible();
        let index = *visible.get(self.selected.min(visible.len().saturating_sub(1)))?;
        self.accounts.get(index)
    }

    /// The code of the account labelled `label` at `now` and its seconds left, if
    /// the last answer still holds one (a code whose period has ended meanwhile is
    /// not shown).
    pub fn code_for(&self, label: &str, now: u64) -> Option<(&str, u32)> {
        let reply = self.codes.iter().find(|c| c.account == label)?;
        let elapsed = u32::try_from(now.checked_sub(self.codes_at)?).ok()?;
        let remaining = reply.remaining?.checked_sub(elapsed)?;
        (remaining > 0).then_some((reply.code.as_str(), remaining))
    }

    /// Keeps the selection inside the visible rows.
    pub(super) fn clamp_selection(&mut self) {
        self.selected = self.selected.min(self.visible().len().saturating_sub(1));
    }

    /// Whether the codes cover exactly the time-based accounts listed (otherwise
    /// the list changed behind the agent's back and is read again).
    pub(super) fn codes_match_accounts(&self) -> bool {
        let mut listed: Vec<&str> = self
            .accounts
            .iter()
            .filter(|a| a.kind != "hotp")
            .map(|a| a.label.as_str())
            .collect();
        let mut coded: Vec<&str> = self.codes.iter().map(|c| c.account.as_str()).collect();
        listed.sort_unstable();
        coded.sort_unstable();
        listed == coded
    }
}

/// A login request waiting for the person's answer (push approval).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownPush {
    /// The request as received.
    pub info: PushInfo,
    /// When it expires (Unix time).
    pub expires_at: u64,
    /// Esc closed it: not shown again, left pending until it expires.
    pub dismissed: bool,
}

/// The login requests the interface knows of, and how it waits for them. The
/// dialog shows the oldest one not closed; the others queue behind it.
#[derive(Debug, Default)]
pub struct Pushes {
    /// Waiting requests, oldest first.
    pub requests: Vec<ShownPush>,
    /// Requests answered here, with the Unix time to forget them: a poll that
    /// crossed the answer may list them again.
    pub answered: Vec<(String, u64)>,
    /// The answer on its way: the request and its account.
    pub sending: Option<(String, String)>,
    /// The accounts the interface polls for itself (label, server, serial).
    pub watching: Vec<(String, String, String)>,
    /// Whether the agent thread is asked for the agent's requests.
    pub agent_watch: bool,
}

impl Pushes {
    /// The request the dialog shows at `now`, if any.
    pub fn shown(&self, now: u64) -> Option<&ShownPush> {
        self.requests
            .iter()
            .find(|r| !r.dismissed && r.expires_at > now)
    }

    /// How many more requests wait behind the shown one.
    pub fn queued(&self, now: u64) -> usize {
        self.requests
            .iter()
            .filter(|r| !r.dismissed && r.expires_at > now)
            .count()
            .saturating_sub(1)
    }
}

/// The screens.
#[derive(Debug)]
pub enum Screen {
    /// First run: no vault yet.
    Setup(Setup),
    /// The vault is locked.
    Locked(Locked),
    /// The vault is open (boxed: it is by far the largest state).
    Unlocked(Box<Unlocked>),
    /// A session agent serves the vault: codes without the PIN.
    Agent(Box<AgentList>),
}

/// What the worker is doing, shown as "unlocking…" or "saving…".
#[derive(Debug)]
pub enum Busy {
    /// Creating the vault with this PIN.
    Creating(Pin),
    /// Unlocking with this PIN.
    Unlocking(Pin),
    /// Saving a change.
    Saving,
    /// Checking the current PIN typed in the change-PIN dialog.
    CheckingPin(Pin),
    /// Changing the PIN to this one.
    ChangingPin(Pin),
    /// Asking whether a session agent serves the vault.
    Probing,
    /// Asking the agent for a HOTP code, since this Unix time.
    AgentCode(u64),
    /// Asking the server who a customer code belongs to.
    LookingUp,
    /// Enrolling with the organisation (writes the vault).
    Enrolling,
}

/// What Esc (and `q` where it goes with Esc) does at this moment on the PIN
/// screens, in the change-PIN dialog and in the list, where it depends on the
/// state. The commands act on it and the key hints name it, so the hint is the
/// truth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Escape {
    /// Nothing: the worker runs a job (input waits), or the list has no search.
    Nothing,
    /// Clears what was typed: the PIN digits, or the list's search.
    Clear,
    /// Goes back a step: to the first PIN, to the agent's list, out of a dialog.
    Back,
    /// Quits: the first step of the first run, or the unlock screen, with nothing
    /// typed.
    Quit,
}

/// The line at the bottom of the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Something that went well.
    Info(String),
    /// Something that went wrong.
    Error(String),
    /// A code was copied (the view adds the clearing countdown).
    Copied {
        /// The account.
        label: String,
        /// How.
        method: Method,
    },
}

/// A copied code waiting to be cleared from the clipboard.
#[derive(Debug)]
pub struct PendingClear {
    /// The code.
    pub code: Hidden,
    /// How it was copied.
    pub method: Method,
    /// When to clear (Unix time).
    pub at: u64,
}

/// The whole state of the interface.
#[derive(Debug)]
pub struct App {
    /// The Unix time of the last update; the view draws codes for this time.
    pub now: u64,
    /// Counts ticks, for the busy spinner.
    pub frame: u64,
    /// The terminal size (columns, rows).
    pub size: (u16, u16),
    /// The settings (saved to the config file when changed).
    pub config: Config,
    /// The vault file, for the first-run screen.
    pub vault_path: String,
    /// The config file, named where a message tells what to change in it
    /// (empty until the event loop sets it).
    pub config_path: String,
    /// The current screen.
    pub screen: Screen,
    /// What the worker is doing.
    pub busy: Option<Busy>,
    /// The status line.
    pub status: Option<Status>,
    /// A copied code to clear later.
    pub pending_clear: Option<PendingClear>,
    /// The help overlay and its scroll offset.
    pub help: Option<u16>,
    /// Quit once the running job is done.
    pub quit_when_idle: bool,
    /// Set once [`Effect::Quit`](crate::tui::message::Effect::Quit) was returned.
    pub quitting: bool,
    /// When the person last pressed a key or clicked (for the auto-lock).
    pub last_input: u64,
    /// A warning about the link being added, shown once it is saved.
    pub link_warning: Option<String>,
    /// Login requests (push approvals) and how they are waited for.
    pub pushes: Pushes,
}

/// How long a generated HOTP code stays in its row.
pub(super) const HOTP_SHOWN_SECS: u64 = 60;
/// How long a QR code stays on screen without a key press (it shows a secret).
pub const QR_SHOWN_SECS: u64 = 60;
/// How long an answer from the agent may take before the app stops waiting and
/// asks for the PIN (a HOTP code costs the agent one key derivation).
pub const AGENT_ANSWER_SECS: u64 = 15;

impl App {
    /// The app at start-up: the first-run screen when there is no vault, otherwise
    /// the unlock screen (the event loop then sends the lockout status).
    pub fn new(vault_exists: bool, vault_path: String, config: Config, now: u64) -> Self {
        let screen = if vault_exists {
            Screen::Locked(Locked::new(None))
        } else {
            Screen::Setup(Setup::default())
        };
        Self {
            now,
            frame: 0,
            size: (80, 24),
            config,
            vault_path,
            config_path: String::new(),
            screen,
            busy: None,
            status: None,
            pending_clear: None,
            help: None,
            quit_when_idle: false,
            quitting: false,
            last_input: now,
            link_warning: None,
            pushes: Pushes::default(),
        }
    }

    /// The login request the dialog shows now: only over the open vault or the
    /// agent's list.
    pub fn shown_push(&self) -> Option<&ShownPush> {
        match self.screen {
            Screen::Unlocked(_) | Screen::Agent(_) => self.pushes.shown(self.now),
            _ => None,
        }
    }

    /// Where the keyboard focus is, for the key map.
    pub fn context(&self) -> Context {
        if self.help.is_some() {
            return Context::Help;
        }
        if self.shown_push().is_some() {
            return Context::Push;
        }
        match &self.screen {
            Screen::Setup(_) | Screen::Locked(_) => Context::Pin,
            Screen::Unlocked(unlocked) => match &unlocked.modal {
                Some(Modal::Add(_) | Modal::Rename(_)) => Context::Form,
                Some(
                    Modal::ConfirmDelete { .. }
                    | Modal::OfferFirstAccount
                    | Modal::ConfirmQr { .. },
                ) => Context::Confirm,
                Some(Modal::Qr(_)) => Context::Qr,
                Some(Modal::ChangePin(_)) => Context::Pin,
                Some(Modal::Settings(_)) => Context::Settings,
                None if unlocked.searching => Context::Search,
                None => Context::List,
            },
            Screen::Agent(list) => match list.settings {
                Some(_) => Context::Settings,
                None if list.searching => Context::Search,
                None => Context::List,
            },
        }
    }

    /// What Esc does now (see [`Escape`]). Elsewhere than on the PIN screens and
    /// in the list, Esc closes what is open: [`Escape::Back`].
    pub fn escape(&self) -> Escape {
        if self.help.is_some() || self.shown_push().is_some() {
            return Escape::Back;
        }
        if self.input_waits() {
            return Escape::Nothing;
        }
        match &self.screen {
            Screen::Setup(setup) if !setup.entry.is_empty() => Escape::Clear,
            Screen::Setup(setup) if setup.first.is_some() => Escape::Back,
            Screen::Setup(_) => Escape::Quit,
            Screen::Locked(locked) if !locked.entry.is_empty() => Escape::Clear,
            Screen::Locked(locked) if locked.back.is_some() => Escape::Back,
            Screen::Locked(_) => Escape::Quit,
            Screen::Unlocked(unlocked) => match &unlocked.modal {
                Some(Modal::ChangePin(change)) if !change.entry.is_empty() => Escape::Clear,
                Some(_) => Escape::Back,
                None if unlocked.searching || !unlocked.filter.is_empty() => Escape::Clear,
                None => Escape::Nothing,
            },
            Screen::Agent(list) => match list.settings {
                Some(_) => Escape::Back,
                None if list.searching || !list.filter.is_empty() => Escape::Clear,
                None => Escape::Nothing,
            },
        }
    }

    /// Whether the focused field of the open form is a choice (← and → change
    /// it); the rename form has none.
    pub fn focus_is_choice(&self) -> bool {
        match &self.screen {
            Screen::Unlocked(unlocked) => match &unlocked.modal {
                Some(Modal::Add(form)) => form.focused().is_choice(),
                _ => false,
            },
            _ => false,
        }
    }

    /// Whether keys wait for the worker: while it runs a job only help and quit
    /// are taken, except during the agent probe (a fast typist loses no digit).
    pub fn input_waits(&self) -> bool {
        self.busy
            .as_ref()
            .is_some_and(|b| !matches!(b, Busy::Probing))
    }

    /// Whether the worker is running a job.
    pub fn is_busy(&self) -> bool {
        self.busy.is_some()
    }

    /// Whether an answer from the session agent is awaited.
    pub fn awaiting_agent(&self) -> bool {
        matches!(self.busy, Some(Busy::Probing | Busy::AgentCode(_)))
            || matches!(&self.screen, Screen::Agent(list) if list.fetching.is_some())
    }
}
