//! What the admin listings return (`customer list`, `user list`, `audit`), as data:
//! the admin command line decides how to show it; and the users the admin commands
//! add, as data.

use super::policy::MAX_FAILURES;

/// A row of `customer list`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerRow {
    /// Customer code.
    pub code: String,
    /// Organisation name.
    pub name: String,
    /// Whether it is disabled.
    pub disabled: bool,
    /// Its users.
    pub users: i64,
    /// The length of its activation codes.
    pub code_digits: u8,
}

/// A row of `user list`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRow {
    /// The user's ID.
    pub user_id: String,
    /// A display name.
    pub display_name: Option<String>,
    /// Where activation codes are emailed.
    pub email: Option<String>,
    /// The language of messages to the user.
    pub lang: Option<String>,
    /// The state of the user's token.
    pub token: TokenState,
    /// The state of the user's latest activation code.
    pub activation: ActivationState,
    /// The latest attempt to deliver a code to the user, if any.
    pub delivery: Option<DeliveryState>,
}

/// An attempt to deliver an activation code, as `user list` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryState {
    /// `email` or `webhook`.
    pub channel: String,
    /// `sent` or `failed`.
    pub state: String,
    /// The delivery error code when it failed.
    pub error: Option<String>,
    /// When (microseconds since the epoch).
    pub at_us: i64,
}

/// A customer as messages to its users need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerProfile {
    /// The customer code.
    pub code: String,
    /// The organisation's name.
    pub name: String,
    /// Where its otpd answers, if not the one the config names.
    pub server_url: Option<String>,
    /// The language of messages to its users who have none.
    pub lang: Option<String>,
    /// Who its users ask.
    pub contact: Option<String>,
}

/// A change to a customer's message settings: `None` keeps a value, an empty
/// string clears it.
#[derive(Debug, Clone, Copy, Default)]
pub struct CustomerChange<'a> {
    /// The language (`en`, `ko`).
    pub lang: Option<&'a str>,
    /// Who its users ask.
    pub contact: Option<&'a str>,
    /// The length of its activation codes (5 to 8).
    pub code_digits: Option<u8>,
}

/// A user's token, as `user list` shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenState {
    /// An active token.
    Active,
    /// An active token locked by consecutive wrong codes.
    Locked,
    /// An enrollment waiting for its first code.
    Pending,
    /// No token.
    None,
}

impl TokenState {
    /// The state from the active token's failure count (if there is one) and the
    /// number of pending tokens.
    pub fn of(active_fails: Option<i64>, pending: i64) -> Self {
        match active_fails {
            Some(fails) if fails >= MAX_FAILURES => TokenState::Locked,
            Some(_) => TokenState::Active,
            None if pending > 0 => TokenState::Pending,
            None => TokenState::None,
        }
    }

    /// `active`, `locked`, `pending` or `none`.
    pub fn as_str(self) -> &'static str {
        match self {
            TokenState::Active => "active",
            TokenState::Locked => "locked",
            TokenState::Pending => "pending",
            TokenState::None => "none",
        }
    }
}

/// A user's latest activation code, as `user list` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActivationState {
    /// Usable until this Unix time.
    Live {
        /// When it expires (Unix seconds).
        expires_at: i64,
    },
    /// Live in the database but past its expiry.
    Expired,
    /// Another stored state: `used`, `burned` or `revoked`.
    Other(String),
    /// Never issued.
    None,
}

impl ActivationState {
    /// The state from the latest code's stored state and expiry, at `now`.
    pub fn of(state: Option<&str>, expires_at: Option<i64>, now: i64) -> Self {
        match (state, expires_at) {
            (Some("live"), Some(e)) if e <= now => ActivationState::Expired,
            (Some("live"), Some(e)) => ActivationState::Live { expires_at: e },
            (Some(s), _) => ActivationState::Other(s.to_owned()),
            (None, _) => ActivationState::None,
        }
    }
}

/// A row of `audit`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRow {
    /// Microseconds since the epoch.
    pub at_us: i64,
    /// Who.
    pub actor: String,
    /// What.
    pub action: String,
    /// Customer code, if any.
    pub customer: Option<String>,
    /// User ID, if any.
    pub user_id: Option<String>,
    /// `ok` or an error code.
    pub outcome: String,
    /// Anything else worth knowing (never a code or a seed).
    pub detail: Option<String>,
    /// How many events the row stands for: 1, or more for anonymous events folded
    /// into one row per minute (see `public_audit`).
    pub events: i64,
}

/// A user to add: the customer, the ID and what otpd knows of the person.
#[derive(Debug, Clone, Copy)]
pub struct NewUser<'a> {
    /// The customer code.
    pub customer: &'a str,
    /// The user's ID at the organisation.
    pub user_id: &'a str,
    /// A display name.
    pub display_name: Option<&'a str>,
    /// Where activation codes are emailed.
    pub email: Option<&'a str>,
    /// The language of messages to the user (`en`, `ko`); the customer's otherwise.
    pub lang: Option<&'a str>,
}

/// Where and in which language a user gets messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserContact {
    /// The user's row id.
    pub user_ref: String,
    /// A display name.
    pub display_name: Option<String>,
    /// An email address.
    pub email: Option<String>,
    /// `en` or `ko`.
    pub lang: Option<String>,
}

/// A user as `otpd user import` compares it with its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExistingUser {
    /// The user's row id.
    pub user_ref: String,
    /// A display name.
    pub display_name: Option<String>,
    /// An email address.
    pub email: Option<String>,
    /// `en` or `ko`.
    pub lang: Option<String>,
    /// Whether the user has an active token.
    pub has_token: bool,
}

/// What `otpd user import` sets on a user who exists: the values the file gives
/// that differ; the others stay.
#[derive(Debug, Clone, Copy)]
pub struct UserUpdate<'a> {
    /// The user's row id.
    pub user_ref: &'a str,
    /// The user's ID (for the audit log).
    pub user_id: &'a str,
    /// A new display name.
    pub display_name: Option<&'a str>,
    /// A new email address.
    pub email: Option<&'a str>,
    /// A new language.
    pub lang: Option<&'a str>,
}

/// How many delivery attempts of one channel ended in one state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryCount {
    /// `email` or `webhook`.
    pub channel: String,
    /// `sent` or `failed`.
    pub state: String,
    /// How many.
    pub attempts: i64,
}
