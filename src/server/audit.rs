//! Who did what: the actor of an action and one entry of the audit log. Codes and
//! seeds never appear in either.

use super::error::ServerError;

/// Who did something, for the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// The admin CLI, with the OS user who ran it.
    Admin(String),
    /// A login system, by its API client name.
    Api(String),
    /// Someone enrolling, by address.
    Public(String),
}

impl Actor {
    /// How the audit log names the actor: `admin:<user>`, `api:<name>` or `public:<addr>`.
    pub fn label(&self) -> String {
        match self {
            Actor::Admin(who) => format!("admin:{who}"),
            Actor::Api(name) => format!("api:{name}"),
            Actor::Public(addr) => format!("public:{addr}"),
        }
    }
}

/// One action to record.
#[derive(Debug, Clone, Copy)]
pub struct AuditEntry<'a> {
    /// Who.
    pub actor: &'a Actor,
    /// What, e.g. `enroll.start` or `user.add`.
    pub action: &'a str,
    /// Customer code, if any.
    pub customer: Option<&'a str>,
    /// User ID, if any.
    pub user_id: Option<&'a str>,
    /// `ok` or an error code.
    pub outcome: &'a str,
    /// Anything else worth knowing (never a code or a seed).
    pub detail: Option<&'a str>,
}

/// The outcome the audit log records for `result`: `ok`, an error code or `error`.
pub fn outcome_of<T>(result: &Result<T, ServerError>) -> &'static str {
    match result {
        Ok(_) => "ok",
        Err(error) => error.outcome(),
    }
}
