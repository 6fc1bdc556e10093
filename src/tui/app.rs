//! The state of the full-screen interface and how actions change it.
//!
//! [`App::update`] is pure: it takes an [`Action`] and the Unix time, changes the
//! state, and returns the [`Effect`]s for the event loop to carry out (vault work on
//! the worker thread, clipboard, config, quitting). It reads no clock, file or
//! terminal, so every transition is tested with a fixed time.

use zeroize::Zeroizing;

mod agent;

use super::form::{AddForm, CustomerStep, RenameForm, Source};
use super::keymap::Context;
use super::layout;
use super::message::{
    Action, AgentJob, Change, Command, Done, Effect, Failure, Hidden, Job, JobResult,
};
use super::text;
use crate::accounts::{Account, Store};
use crate::agent::protocol::{AccountInfo, CodeReply};
use crate::clipboard::Method;
use crate::code::{Code, Kind};
use crate::config::Config;
use crate::qr::Drawing;
use crate::vault::{LockoutStatus, Pin};

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

    fn push(&mut self, c: char) {
        if c.is_ascii_digit() && self.0.len() < PIN_LENGTH {
            self.0.push(c);
        }
    }

    fn pop(&mut self) {
        self.0.pop();
    }

    fn take(&mut self) -> Zeroizing<String> {
        std::mem::take(&mut self.0)
    }

    fn is_full(&self) -> bool {
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
    fn new(message: Option<String>) -> Self {
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
    /// The current PIN as typed.
    pub old: Option<Pin>,
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
    fn new(pin: Pin, store: Store) -> Self {
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

    fn clamp_selection(&mut self) {
        self.selected = self.selected.min(self.visible().len().saturating_sub(1));
    }

    fn select_label(&mut self, label: &str) {
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
    fn new(accounts: Vec<AccountInfo>, expires_at: u64) -> Self {
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

    fn clamp_selection(&mut self) {
        self.selected = self.selected.min(self.visible().len().saturating_sub(1));
    }

    /// Whether the codes cover exactly the time-based accounts listed (otherwise
    /// the list changed behind the agent's back and is read again).
    fn codes_match_accounts(&self) -> bool {
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
    /// Set once [`Effect::Quit`] was returned.
    pub quitting: bool,
    /// When the person last pressed a key or clicked (for the auto-lock).
    pub last_input: u64,
    /// A warning about the link being added, shown once it is saved.
    pub link_warning: Option<String>,
}

/// Choices offered for the clipboard clear time, in seconds (0: never).
pub const CLEAR_CHOICES: [u64; 9] = [10, 15, 20, 30, 45, 60, 90, 120, 0];
/// Choices offered for the auto-lock time, in seconds (0: never).
pub const LOCK_CHOICES: [u64; 8] = [60, 120, 300, 600, 900, 1800, 3600, 0];
/// How long a generated HOTP code stays in its row.
const HOTP_SHOWN_SECS: u64 = 60;
/// How long a QR code stays on screen without a key press (it shows a secret).
pub const QR_SHOWN_SECS: u64 = 60;
/// How long an answer from the agent may take before the app stops waiting and
/// asks for the PIN (a HOTP code costs the agent one key derivation).
pub const AGENT_ANSWER_SECS: u64 = 15;

/// The choice after (or before) `current`; a value not in the list moves to the
/// nearest one in the asked direction.
fn step_choice(choices: &[u64], current: u64, forward: bool) -> u64 {
    let position = choices.iter().position(|&c| c == current);
    let len = choices.len();
    let index = match (position, forward) {
        (Some(i), true) => (i + 1).min(len.saturating_sub(1)),
        (Some(i), false) => i.saturating_sub(1),
        (None, true) => choices
            .iter()
            .position(|&c| c > current || c == 0)
            .unwrap_or(0),
        (None, false) => choices
            .iter()
            .rposition(|&c| c != 0 && c < current)
            .unwrap_or(0),
    };
    choices.get(index).copied().unwrap_or(current)
}

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
            screen,
            busy: None,
            status: None,
            pending_clear: None,
            help: None,
            quit_when_idle: false,
            quitting: false,
            last_input: now,
            link_warning: None,
        }
    }

    /// Where the keyboard focus is, for the key map.
    pub fn context(&self) -> Context {
        if self.help.is_some() {
            return Context::Help;
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

    /// Whether the worker is running a job.
    pub fn is_busy(&self) -> bool {
        self.busy.is_some()
    }

    /// Whether an answer from the session agent is awaited.
    pub fn awaiting_agent(&self) -> bool {
        matches!(self.busy, Some(Busy::Probing | Busy::AgentCode(_)))
            || matches!(&self.screen, Screen::Agent(list) if list.fetching.is_some())
    }

    /// Applies `action` at Unix time `now` and returns what the event loop must do.
    pub fn update(&mut self, action: Action, now: u64) -> Vec<Effect> {
        self.now = now;
        let mut effects = Vec::new();
        let input = matches!(
            action,
            Action::Command(_)
                | Action::Char(_)
                | Action::Paste(_)
                | Action::Click { .. }
                | Action::Scroll(_)
        );
        if input {
            self.last_input = now;
        }
        match action {
            Action::Tick => self.frame = self.frame.wrapping_add(1),
            Action::Resize { width, height } => self.size = (width, height),
            Action::Command(Command::Quit) => self.quit(&mut effects),
            Action::Command(command) if self.help.is_some() => self.help_command(command),
            Action::Command(Command::Help) => self.help = Some(0),
            // Input waits while the worker runs, except the PIN typed while the
            // agent is asked (a fast typist loses no digit; the list drops them).
            _ if input
                && self
                    .busy
                    .as_ref()
                    .is_some_and(|b| !matches!(b, Busy::Probing)) => {}
            Action::Command(command) => self.command(command, &mut effects),
            Action::Char(c) => self.type_text(&c.to_string(), &mut effects),
            Action::Paste(text) => self.type_text(text.as_str(), &mut effects),
            Action::Click { column, row } => self.click(column, row, &mut effects),
            Action::Scroll(up) => {
                if self.help.is_none() && self.context() == Context::List {
                    self.command(if up { Command::Up } else { Command::Down }, &mut effects);
                }
            }
            Action::Job(result) => self.job_done(result, &mut effects),
            Action::Lockout(status) => self.lockout(status),
            Action::Copied {
                label,
                code,
                result,
            } => self.copied(label, code, result),
            Action::Cleared(result) => {
                self.status = Some(match result {
                    Ok(true) => Status::Info(text::CLIPBOARD_CLEARED.to_owned()),
                    Ok(false) => Status::Info(text::CLIPBOARD_CHANGED.to_owned()),
                    Err(error) => Status::Error(error),
                });
            }
            Action::ConfigSaved(result) => {
                self.status = Some(match result {
                    Ok(()) => Status::Info(text::SETTINGS_SAVED.to_owned()),
                    Err(error) => Status::Error(error),
                });
            }
            Action::ProbeAgent => {
                if matches!(self.screen, Screen::Locked(_)) && self.busy.is_none() {
                    self.busy = Some(Busy::Probing);
                    effects.push(Effect::Agent(AgentJob::Connect));
                }
            }
            Action::Agent(result) => self.agent_result(result, &mut effects),
        }
        self.timers(&mut effects);
        effects
    }

    /// Time-driven changes: clipboard clearing, auto-lock, the end of a pause.
    fn timers(&mut self, effects: &mut Vec<Effect>) {
        if let Some(pending) = &self.pending_clear
            && self.now >= pending.at
            && let Some(pending) = self.pending_clear.take()
        {
            effects.push(Effect::ClearClipboard {
                code: pending.code,
                method: pending.method,
            });
        }
        let auto_lock = self.config.auto_lock_secs;
        if auto_lock > 0
            && self.busy.is_none()
            && self.now >= self.last_input.saturating_add(auto_lock)
        {
            match self.screen {
                Screen::Unlocked(_) => self.lock(Some(text::locked_idle(auto_lock)), effects),
                Screen::Agent(_) => {
                    self.lock(Some(text::locked_idle_agent(auto_lock)), effects);
                }
                _ => {}
            }
        }
        self.agent_timers(effects);
        if let Screen::Unlocked(unlocked) = &mut self.screen
            && unlocked.hotp.as_ref().is_some_and(|h| self.now >= h.until)
        {
            unlocked.hotp = None;
        }
        if let Screen::Unlocked(unlocked) = &mut self.screen
            && matches!(&unlocked.modal, Some(Modal::Qr(shown)) if self.now >= shown.until)
        {
            unlocked.modal = None;
            self.status = Some(Status::Info(text::qr_closed_after(QR_SHOWN_SECS)));
        }
        if let Screen::Locked(locked) = &mut self.screen
            && let Lockout::Until(until) = locked.lockout
            && self.now >= until
        {
            locked.lockout = Lockout::Unknown;
            effects.push(Effect::CheckLockout);
        }
    }

    fn quit(&mut self, effects: &mut Vec<Effect>) {
        if matches!(
            self.busy,
            Some(Busy::Saving | Busy::Creating(_) | Busy::ChangingPin(_) | Busy::Enrolling)
        ) {
            // Never cut a write short: quit as soon as it is done.
            self.quit_when_idle = true;
            return;
        }
        if let Some(pending) = self.pending_clear.take() {
            effects.push(Effect::ClearClipboard {
                code: pending.code,
                method: pending.method,
            });
        }
        self.quitting = true;
        effects.push(Effect::Quit);
    }

    /// Locks: drops the accounts and the PIN (or the agent's codes) and shows the
    /// unlock screen.
    fn lock(&mut self, message: Option<String>, effects: &mut Vec<Effect>) {
        self.screen = Screen::Locked(Locked::new(message));
        self.help = None;
        if matches!(self.busy, Some(Busy::AgentCode(_) | Busy::Probing)) {
            self.busy = None;
        }
        effects.push(Effect::CheckLockout);
    }

    fn help_command(&mut self, command: Command) {
        let Some(offset) = self.help else { return };
        self.help = match command {
            Command::Up => Some(offset.saturating_sub(1)),
            Command::Down => Some(offset.saturating_add(1).min(layout::help_max_offset(self))),
            Command::Back | Command::Help => None,
            _ => Some(offset),
        };
    }

    fn command(&mut self, command: Command, effects: &mut Vec<Effect>) {
        match &mut self.screen {
            Screen::Setup(_) => self.setup_command(command, effects),
            Screen::Locked(_) => self.locked_command(command, effects),
            Screen::Unlocked(_) => self.unlocked_command(command, effects),
            Screen::Agent(_) => self.agent_command(command, effects),
        }
    }

    fn type_text(&mut self, typed: &str, effects: &mut Vec<Effect>) {
        let context = self.context();
        match &mut self.screen {
            Screen::Setup(setup) => {
                // A refusal stays visible while the next PIN is typed.
                for c in typed.chars() {
                    setup.entry.push(c);
                }
                if setup.entry.is_full() {
                    self.setup_command(Command::Submit, effects);
                }
            }
            Screen::Locked(locked) => {
                if let Lockout::Until(until) = locked.lockout {
                    locked.message = Some(text::wait_before_retry(until.saturating_sub(self.now)));
                    return;
                }
                for c in typed.chars() {
                    locked.entry.push(c);
                }
                if locked.entry.is_full() {
                    self.locked_command(Command::Submit, effects);
                }
            }
            Screen::Unlocked(unlocked) => match &mut unlocked.modal {
                Some(Modal::Add(form)) => form.insert(typed),
                Some(Modal::Rename(form)) => form.insert(typed),
                Some(Modal::ChangePin(change)) => {
                    for c in typed.chars() {
                        change.entry.push(c);
                    }
                    if change.entry.is_full() {
                        self.unlocked_command(Command::Submit, effects);
                    }
                }
                None if context == Context::Search => {
                    unlocked
                        .filter
                        .extend(typed.chars().filter(|c| !c.is_control()));
                    unlocked.selected = 0;
                }
                _ => {}
            },
            Screen::Agent(list) => {
                if context == Context::Search {
                    list.filter
                        .extend(typed.chars().filter(|c| !c.is_control()));
                    list.selected = 0;
                }
            }
        }
    }

    fn setup_command(&mut self, command: Command, effects: &mut Vec<Effect>) {
        let Screen::Setup(setup) = &mut self.screen else {
            return;
        };
        match command {
            Command::Backspace => setup.entry.pop(),
            Command::Back => {
                if setup.first.is_some() {
                    *setup = Setup::default();
                } else {
                    self.quit(effects);
                }
            }
            Command::Submit => {
                if !setup.entry.is_full() {
                    setup.message = Some(text::TYPE_SIX_DIGITS.to_owned());
                    return;
                }
                let typed = setup.entry.take();
                match setup.first.take() {
                    None => match Pin::new_checked(&typed) {
                        Ok(pin) => {
                            setup.first = Some(pin);
                            setup.message = None;
                        }
                        Err(error) => setup.message = Some(text::pin_refused(&error)),
                    },
                    Some(first) => {
                        if Pin::for_unlock(&typed).is_ok_and(|again| same_pin(&first, &again)) {
                            effects.push(Effect::Vault(Job::Create { pin: first.clone() }));
                            self.busy = Some(Busy::Creating(first));
                        } else {
                            setup.message = Some(text::PINS_DIFFER.to_owned());
                        }
                    }
                }
            }
            _ => {}
        }
    }

    fn locked_command(&mut self, command: Command, effects: &mut Vec<Effect>) {
        let Screen::Locked(locked) = &mut self.screen else {
            return;
        };
        match command {
            Command::Backspace => locked.entry.pop(),
            Command::Back => match locked.back.take() {
                // A change asked for the PIN: Esc goes back to the agent's list.
                Some(mut list) => {
                    list.codes.clear();
                    list.codes_at = 0;
                    list.fetching = None;
                    self.screen = Screen::Agent(list);
                    self.status = None;
                }
                None => self.quit(effects),
            },
            Command::Submit => {
                if let Lockout::Until(until) = locked.lockout
                    && until > self.now
                {
                    locked.entry.take();
                    locked.message = Some(text::wait_before_retry(until - self.now));
                    return;
                }
                if !locked.entry.is_full() {
                    locked.message = Some(text::TYPE_SIX_DIGITS.to_owned());
                    return;
                }
                let typed = locked.entry.take();
                match Pin::for_unlock(&typed) {
                    Ok(pin) => {
                        locked.message = None;
                        effects.push(Effect::Vault(Job::Unlock { pin: pin.clone() }));
                        self.busy = Some(Busy::Unlocking(pin));
                    }
                    Err(error) => locked.message = Some(error.to_string()),
                }
            }
            _ => {}
        }
    }

    fn unlocked_command(&mut self, command: Command, effects: &mut Vec<Effect>) {
        let limit = self.config.max_accounts;
        let now = self.now;
        if let Screen::Unlocked(unlocked) = &mut self.screen
            && let Some(modal) = unlocked.modal.take()
        {
            let modal = self.modal_command(modal, command, effects);
            // The dialog may have locked the app meanwhile; then it is dropped.
            if let Screen::Unlocked(unlocked) = &mut self.screen
                && unlocked.modal.is_none()
            {
                unlocked.modal = modal;
            }
            return;
        }
        let Screen::Unlocked(unlocked) = &mut self.screen else {
            return;
        };
        let count = unlocked.visible().len();
        match command {
            Command::Up => unlocked.selected = unlocked.selected.saturating_sub(1),
            Command::Down => {
                unlocked.selected = (unlocked.selected + 1).min(count.saturating_sub(1));
            }
            Command::First => unlocked.selected = 0,
            Command::Last => unlocked.selected = count.saturating_sub(1),
            Command::Search => {
                unlocked.searching = true;
            }
            Command::Submit if unlocked.searching => unlocked.searching = false,
            Command::Backspace if unlocked.searching => {
                unlocked.filter.pop();
                unlocked.clamp_selection();
            }
            Command::Back => {
                if unlocked.searching || !unlocked.filter.is_empty() {
                    unlocked.searching = false;
                    unlocked.filter.clear();
                    unlocked.clamp_selection();
                } else {
                    self.quit(effects);
                }
            }
            Command::Copy => {
                let Some(account) = unlocked.selected_account() else {
                    self.status = Some(Status::Info(text::NOTHING_TO_COPY.to_owned()));
                    return;
                };
                let label = account.label();
                match account.kind {
                    Kind::Totp { .. } => {
                        let code = Hidden::from(account.code_at(now).code().as_str());
                        effects.push(Effect::Copy { label, code });
                    }
                    Kind::Hotp { .. } => {
                        effects.push(Effect::Vault(Job::Update {
                            pin: unlocked.pin.clone(),
                            change: Change::NextHotp { label },
                        }));
                        self.busy = Some(Busy::Saving);
                    }
                }
            }
            Command::Add => {
                if unlocked.store.len() >= limit {
                    self.status = Some(Status::Error(text::too_many(unlocked.store.len(), limit)));
                } else {
                    unlocked.modal = Some(Modal::Add(Box::default()));
                }
            }
            Command::Rename => {
                if let Some(account) = unlocked.selected_account() {
                    unlocked.modal = Some(Modal::Rename(RenameForm::for_account(account)));
                }
            }
            Command::Delete => {
                if let Some(account) = unlocked.selected_account() {
                    unlocked.modal = Some(Modal::ConfirmDelete {
                        label: account.label(),
                    });
                }
            }
            Command::ShowQr => match unlocked.selected_account() {
                Some(account) => {
                    unlocked.modal = Some(Modal::ConfirmQr {
                        label: account.label(),
                    });
                }
                None => self.status = Some(Status::Info(text::NOTHING_TO_SHOW.to_owned())),
            },
            Command::ChangePin => {
                unlocked.modal = Some(Modal::ChangePin(ChangePin {
                    stage: PinStage::Current,
                    entry: PinEntry::default(),
                    old: None,
                    new: None,
                    message: None,
                }));
            }
            Command::Settings => unlocked.modal = Some(Modal::Settings(0)),
            Command::Lock => self.lock(Some(text::LOCKED_BY_REQUEST.to_owned()), effects),
            _ => {}
        }
    }

    /// A command inside a dialog; returns the dialog still open, if any.
    fn modal_command(
        &mut self,
        modal: Modal,
        command: Command,
        effects: &mut Vec<Effect>,
    ) -> Option<Modal> {
        let Screen::Unlocked(unlocked) = &mut self.screen else {
            return None;
        };
        match modal {
            Modal::OfferFirstAccount => match command {
                Command::Yes => Some(Modal::Add(Box::default())),
                Command::Back => None,
                _ => Some(Modal::OfferFirstAccount),
            },
            Modal::ConfirmDelete { label } => match command {
                Command::Yes => {
                    effects.push(Effect::Vault(Job::Update {
                        pin: unlocked.pin.clone(),
                        change: Change::Remove { label },
                    }));
                    self.busy = Some(Busy::Saving);
                    None
                }
                Command::Back => None,
                _ => Some(Modal::ConfirmDelete { label }),
            },
            Modal::Settings(selected) => self
                .settings_command(selected, command, effects)
                .map(Modal::Settings),
            Modal::ConfirmQr { label } => match command {
                Command::Yes => {
                    let Some(account) = unlocked
                        .store
                        .accounts()
                        .iter()
                        .find(|a| a.label() == label)
                    else {
                        self.status = Some(Status::Error(text::account_gone(&label)));
                        return None;
                    };
                    match crate::qr::render_lines(&account.to_uri()) {
                        Ok(drawing) => Some(Modal::Qr(Box::new(QrShown {
                            label,
                            drawing,
                            until: self.now.saturating_add(QR_SHOWN_SECS),
                        }))),
                        Err(error) => {
                            self.status = Some(Status::Error(error.to_string()));
                            None
                        }
                    }
                }
                Command::Back => None,
                _ => Some(Modal::ConfirmQr { label }),
            },
            // Any key closes the QR code (the key map sends Back for every key).
            Modal::Qr(_) => None,
            Modal::Rename(mut form) => {
                match command {
                    Command::NextField | Command::PrevField => form.focus = 1 - form.focus.min(1),
                    Command::Backspace => form.backspace(),
                    Command::ClearField => form.clear(),
                    Command::Back => return None,
                    Command::Submit => {
                        let index = unlocked
                            .store
                            .accounts()
                            .iter()
                            .position(|a| a.label() == form.label);
                        let mut check = unlocked.store.clone();
                        let result = match index {
                            Some(index) => {
                                check.rename(index, form.name.trim(), Some(form.new_issuer()))
                            }
                            None => Ok(()),
                        };
                        match result {
                            Err(error) => form.error = Some(error.to_string()),
                            Ok(()) => {
                                effects.push(Effect::Vault(Job::Update {
                                    pin: unlocked.pin.clone(),
                                    change: Change::Rename {
                                        label: form.label.clone(),
                                        name: form.name.trim().to_owned(),
                                        issuer: form.new_issuer(),
                                    },
                                }));
                                self.busy = Some(Busy::Saving);
                            }
                        }
                    }
                    _ => {}
                }
                Some(Modal::Rename(form))
            }
            Modal::Add(mut form) => {
                match command {
                    Command::NextField => form.move_focus(true),
                    Command::PrevField => form.move_focus(false),
                    Command::Left => form.choose(false),
                    Command::Right => form.choose(true),
                    Command::Backspace => form.backspace(),
                    Command::ClearField => form.clear(),
                    Command::Back => return None,
                    Command::Submit if form.source == Source::Customer => {
                        match form.customer_step() {
                            Err(error) => form.error = Some(error),
                            Ok(CustomerStep::Lookup(customer)) => {
                                effects.push(Effect::Vault(Job::LookupCustomer {
                                    customer,
                                    config: Box::new(self.config.clone()),
                                }));
                                self.busy = Some(Busy::LookingUp);
                            }
                            Ok(CustomerStep::Enroll) => {
                                let limit = self.config.max_accounts;
                                let store = &unlocked.store;
                                let expected = form
                                    .organisation
                                    .as_ref()
                                    .map(|o| format!("{}:{}", o.name, form.user_id.trim()))
                                    .unwrap_or_default();
                                let replacing = store
                                    .accounts()
                                    .iter()
                                    .any(|a| a.label().eq_ignore_ascii_case(&expected));
                                if !replacing && store.len() >= limit {
                                    form.error = Some(
                                        crate::accounts::AccountError::TooMany {
                                            count: store.len(),
                                            limit,
                                        }
                                        .to_string(),
                                    );
                                } else if let Some(organisation) = &form.organisation {
                                    effects.push(Effect::Vault(Job::Enroll {
                                        pin: unlocked.pin.clone(),
                                        customer: organisation.customer.clone(),
                                        server: organisation.server.clone(),
                                        user_id: form.user_id.trim().to_owned(),
                                        activation_code: Hidden::from(form.activation.as_str()),
                                        limit,
                                    }));
                                    self.busy = Some(Busy::Enrolling);
                                }
                            }
                        }
                    }
                    Command::Submit => match form.parse() {
                        Err(error) => form.error = Some(error),
                        Ok(parsed) => {
                            let limit = self.config.max_accounts;
                            let mut check = unlocked.store.clone();
                            match check.add(parsed.account.clone(), limit) {
                                Err(error) => form.error = Some(error.to_string()),
                                Ok(()) => {
                                    self.link_warning =
                                        parsed.warnings.first().map(ToString::to_string);
                                    effects.push(Effect::Vault(Job::Update {
                                        pin: unlocked.pin.clone(),
                                        change: Change::Add {
                                            account: parsed.account,
                                            limit,
                                        },
                                    }));
                                    self.busy = Some(Busy::Saving);
                                }
                            }
                        }
                    },
                    _ => {}
                }
                Some(Modal::Add(form))
            }
            Modal::ChangePin(mut change) => {
                match command {
                    Command::Backspace => change.entry.pop(),
                    Command::Back => return None,
                    Command::Submit => {
                        if !change.entry.is_full() {
                            change.message = Some(text::TYPE_SIX_DIGITS.to_owned());
                            return Some(Modal::ChangePin(change));
                        }
                        let typed = change.entry.take();
                        match change.stage {
                            PinStage::Current => match Pin::for_unlock(&typed) {
                                Ok(pin) => {
                                    change.old = Some(pin);
                                    change.stage = PinStage::New;
                                    change.message = None;
                                }
                                Err(error) => change.message = Some(error.to_string()),
                            },
                            PinStage::New => match Pin::new_checked(&typed) {
                                Ok(pin) => {
                                    change.new = Some(pin);
                                    change.stage = PinStage::Repeat;
                                    change.message = None;
                                }
                                Err(error) => change.message = Some(text::pin_refused(&error)),
                            },
                            PinStage::Repeat => {
                                let same = change.new.as_ref().is_some_and(|new| {
                                    Pin::for_unlock(&typed).is_ok_and(|again| same_pin(new, &again))
                                });
                                match (same, change.old.clone(), change.new.clone()) {
                                    (true, Some(old), Some(new)) => {
                                        effects.push(Effect::Vault(Job::ChangePin {
                                            old,
                                            new: new.clone(),
                                        }));
                                        self.busy = Some(Busy::ChangingPin(new));
                                    }
                                    _ => {
                                        change.stage = PinStage::New;
                                        change.new = None;
                                        change.message = Some(text::PINS_DIFFER.to_owned());
                                    }
                                }
                            }
                        }
                    }
                    _ => {}
                }
                Some(Modal::ChangePin(change))
            }
        }
    }

    /// A command in the settings at line `selected`; the line, or `None` once closed.
    fn settings_command(
        &mut self,
        selected: usize,
        command: Command,
        effects: &mut Vec<Effect>,
    ) -> Option<usize> {
        match command {
            Command::Up => Some(selected.saturating_sub(1)),
            Command::Down => Some((selected + 1).min(1)),
            Command::Left | Command::Right => {
                let forward = command == Command::Right;
                if selected == 0 {
                    self.config.clipboard_clear_secs =
                        step_choice(&CLEAR_CHOICES, self.config.clipboard_clear_secs, forward);
                } else {
                    self.config.auto_lock_secs =
                        step_choice(&LOCK_CHOICES, self.config.auto_lock_secs, forward);
                }
                effects.push(Effect::SaveConfig(self.config.clone()));
                Some(selected)
            }
            Command::Back => None,
            _ => Some(selected),
        }
    }

    fn click(&mut self, column: u16, row: u16, effects: &mut Vec<Effect>) {
        if self.help.is_some() || self.context() != Context::List {
            return;
        }
        let Some(position) = layout::row_at(self, column, row) else {
            return;
        };
        match &mut self.screen {
            Screen::Unlocked(unlocked) => unlocked.selected = position,
            Screen::Agent(list) => list.selected = position,
            _ => {}
        }
        self.command(Command::Copy, effects);
    }

    fn lockout(&mut self, status: LockoutStatus) {
        if let Screen::Locked(locked) = &mut self.screen {
            locked.lockout = match status {
                LockoutStatus::Open { attempts_left, .. } => Lockout::Open { attempts_left },
                LockoutStatus::LockedOut {
                    retry_after_secs, ..
                } => Lockout::Until(self.now.saturating_add(retry_after_secs)),
            };
        }
    }

    fn copied(&mut self, label: String, code: Hidden, result: Result<Method, String>) {
        match result {
            Ok(method) => {
                let secs = self.config.clipboard_clear_secs;
                self.pending_clear = (secs > 0).then(|| PendingClear {
                    code,
                    method,
                    at: self.now.saturating_add(secs),
                });
                self.status = Some(Status::Copied { label, method });
            }
            Err(error) => self.status = Some(Status::Error(error)),
        }
    }

    fn job_done(&mut self, result: JobResult, effects: &mut Vec<Effect>) {
        let busy = self.busy.take();
        match (busy, result) {
            (Some(Busy::Creating(pin)), JobResult::Created) => {
                let mut unlocked = Unlocked::new(pin, Store::new());
                unlocked.modal = Some(Modal::OfferFirstAccount);
                self.screen = Screen::Unlocked(Box::new(unlocked));
                self.status = Some(Status::Info(text::VAULT_CREATED.to_owned()));
            }
            (Some(Busy::Unlocking(pin)), JobResult::Unlocked(store)) => {
                let then = match &mut self.screen {
                    Screen::Locked(locked) => locked.then.take(),
                    _ => None,
                };
                self.screen = Screen::Unlocked(Box::new(Unlocked::new(pin, store)));
                self.status = None;
                if let Some(pending) = then {
                    self.resume(pending, effects);
                }
            }
            (Some(Busy::ChangingPin(new)), JobResult::PinChanged) => {
                if let Screen::Unlocked(unlocked) = &mut self.screen {
                    unlocked.pin = new;
                    unlocked.modal = None;
                }
                self.status = Some(Status::Info(text::PIN_CHANGED.to_owned()));
            }
            (_, JobResult::Saved(store, done)) => self.saved(store, done, effects),
            (Some(Busy::LookingUp), JobResult::Customer(organisation)) => {
                if let Screen::Unlocked(unlocked) = &mut self.screen
                    && let Some(Modal::Add(form)) = &mut unlocked.modal
                {
                    form.found(organisation);
                }
            }
            (busy, JobResult::Failed(failure)) => self.failed(busy, failure, effects),
            // A result that does not match what was asked: not expected; show nothing.
            (_, _) => {}
        }
        if self.quit_when_idle && self.busy.is_none() {
            self.quit(effects);
        }
    }

    fn saved(&mut self, store: Store, done: Done, effects: &mut Vec<Effect>) {
        let now = self.now;
        let Screen::Unlocked(unlocked) = &mut self.screen else {
            return;
        };
        unlocked.store = store;
        if matches!(unlocked.modal, Some(Modal::Add(_) | Modal::Rename(_))) {
            unlocked.modal = None;
        }
        let status = match done {
            Done::Added(label) => {
                unlocked.filter.clear();
                unlocked.searching = false;
                unlocked.select_label(&label);
                match self.link_warning.take() {
                    // Something odd about the link that was just added.
                    Some(warning) => Status::Info(format!("{} {warning}", text::added(&label))),
                    None => Status::Info(text::added(&label)),
                }
            }
            Done::Renamed { old, new } => {
                unlocked.select_label(&new);
                Status::Info(text::renamed(&old, &new))
            }
            Done::Removed(label) => Status::Info(text::removed(&label)),
            Done::Enrolled { label, replaced } => {
                unlocked.filter.clear();
                unlocked.searching = false;
                unlocked.select_label(&label);
                Status::Info(text::enrolled(&label, replaced))
            }
            Done::Hotp { label, code } => {
                let copy = Hidden::from(code.as_str());
                unlocked.hotp = Some(HotpShown {
                    label: label.clone(),
                    code,
                    until: now.saturating_add(HOTP_SHOWN_SECS),
                });
                effects.push(Effect::Copy {
                    label: label.clone(),
                    code: copy,
                });
                Status::Info(text::hotp_generated(&label))
            }
        };
        unlocked.clamp_selection();
        self.status = Some(status);
    }

    fn failed(&mut self, busy: Option<Busy>, failure: Failure, effects: &mut Vec<Effect>) {
        let message = failure_message(&failure);
        match (&mut self.screen, busy) {
            (Screen::Setup(setup), _) => {
                if let Failure::AlreadyExists(message) = failure {
                    self.screen = Screen::Locked(Locked::new(Some(message)));
                    effects.push(Effect::CheckLockout);
                } else {
                    *setup = Setup {
                        message: Some(message),
                        ..Setup::default()
                    };
                }
            }
            (Screen::Locked(locked), _) => {
                locked.message = Some(message);
                match failure {
                    Failure::WrongPin { attempts_left: 0 } => {
                        locked.lockout = Lockout::Unknown;
                        effects.push(Effect::CheckLockout);
                    }
                    Failure::WrongPin { attempts_left } => {
                        locked.lockout = Lockout::Open { attempts_left };
                    }
                    Failure::LockedOut { retry_after_secs } => {
                        locked.lockout = Lockout::Until(self.now.saturating_add(retry_after_secs));
                    }
                    _ => {}
                }
            }
            (Screen::Unlocked(unlocked), busy) => {
                if matches!(
                    failure,
                    Failure::LockedOut { .. } | Failure::WrongPin { attempts_left: 0 }
                ) {
                    // Too many wrong PINs (in the change-PIN dialog, or from another
                    // otp): lock, so the pause applies here too.
                    self.lock(Some(message), effects);
                    return;
                }
                match (&mut unlocked.modal, busy) {
                    (Some(Modal::Add(form)), _) => form.error = Some(message),
                    (Some(Modal::Rename(form)), _) => form.error = Some(message),
                    (Some(Modal::ChangePin(change)), Some(Busy::ChangingPin(_))) => {
                        change.stage = PinStage::Current;
                        change.old = None;
                        change.new = None;
                        change.message = Some(message);
                    }
                    _ => self.status = Some(Status::Error(message)),
                }
            }
            (Screen::Agent(_), _) => self.status = Some(Status::Error(message)),
        }
    }
}

/// Whether two PINs are the same digits.
fn same_pin(a: &Pin, b: &Pin) -> bool {
    use age::secrecy::ExposeSecret as _;
    a.passphrase().expose_secret() == b.passphrase().expose_secret()
}

/// The sentence for a failure.
pub fn failure_message(failure: &Failure) -> String {
    match failure {
        Failure::WrongPin { attempts_left } => crate::vault::VaultError::WrongPin {
            attempts_left: *attempts_left,
        }
        .to_string(),
        Failure::LockedOut { retry_after_secs } => crate::vault::VaultError::LockedOut {
            retry_after_secs: *retry_after_secs,
        }
        .to_string(),
        Failure::AlreadyExists(message) | Failure::Other(message) => message.clone(),
    }
}

#[cfg(test)]
pub(crate) mod tests;
