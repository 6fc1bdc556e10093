//! What a verification writes: the state change of its token, if any, and the
//! outcome its audit entry records. Built by `verify`, applied by
//! the store alone or in a group by the group committer (`batch`).

use crate::api::ErrorCode;

/// A verification's write.
#[derive(Debug)]
pub struct VerifyWrite {
    /// The audit label of the API client.
    pub actor: String,
    /// The client's customer code.
    pub customer: String,
    /// The user ID the code was for.
    pub user_id: String,
    /// The state change.
    pub action: WriteAction,
}

/// The state change of a verification.
#[derive(Debug)]
pub enum WriteAction {
    /// Refused without a state change (replay seen on read, locked, no token, ...).
    Refused(ErrorCode),
    /// The code matched `step`: accept it unless a step at or after it was accepted.
    Accept {
        /// The token.
        serial: String,
        /// The accepted time step.
        step: i64,
    },
    /// The code matched no step: count a failure.
    Fail {
        /// The token.
        serial: String,
    },
}

/// The accepted step, or why the code was refused.
pub type WriteOutcome = Result<i64, ErrorCode>;

impl VerifyWrite {
    /// The token row this write changes, if any.
    pub fn serial(&self) -> Option<&str> {
        match &self.action {
            WriteAction::Refused(_) => None,
            WriteAction::Accept { serial, .. } | WriteAction::Fail { serial } => Some(serial),
        }
    }
}
