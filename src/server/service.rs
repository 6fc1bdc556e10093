//! The server's state, independent of HTTP and of the admin CLI: the store, the
//! master key, the policy, and the audit trail every action leaves. What the
//! server does is split by concern into `enroll`, `verify` and
//! `admin`, each an `impl Service` block.
//!
//! Time comes in as a parameter (`now`, Unix seconds) so tests can move it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Instant;

use super::audit::{Actor, AuditEntry, outcome_of};
use super::batch::{COMMIT_WORKERS_POSTGRES, GroupCommit};
use super::db::{Backend, Db};
use super::error::ServerError;
use super::keys::MasterKey;
use super::policy::Policy;
use super::public_audit::{self, Placement, PublicAudit};
use super::push_hub::PushHub;
use super::store::Store;

/// A login system's API client, once its key checked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiClient {
    /// Its id.
    pub id: String,
    /// The customer whose users it may verify.
    pub customer: String,
    /// Its name.
    pub name: String,
}

/// The server's state: store, master key, policy.
pub struct Service {
    pub(super) store: Store,
    pub(super) key: MasterKey,
    pub(super) policy: Policy,
    /// SHA-256 of recently checked API keys, with the client and when it was checked.
    pub(super) auth_cache: Mutex<HashMap<[u8; 32], (ApiClient, Instant)>>,
    /// The verification writes' group committer, started on first use.
    group: OnceLock<GroupCommit>,
    /// The audit rows anonymous clients have made this minute, per address bucket.
    public_audit: PublicAudit,
    /// Wake-ups of long-polls waiting for push requests and their answers.
    pub(super) hub: Arc<PushHub>,
}

/// Seconds since the epoch, from the system clock.
pub fn unix_now() -> Result<u64, ServerError> {
    Ok(crate::clock::unix_now()?)
}

impl Service {
    /// The service over an open database.
    pub fn new(db: Db, key: MasterKey, policy: Policy) -> Self {
        Self {
            store: Store::new(db),
            key,
            policy,
            auth_cache: Mutex::new(HashMap::new()),
            group: OnceLock::new(),
            public_audit: PublicAudit::default(),
            hub: Arc::new(PushHub::default()),
        }
    }

    /// On PostgreSQL, starts the task that hears other instances' push changes
    /// (`LISTEN`) on the database at `url`, so a request created or answered on
    /// one instance wakes the requests waiting on this one. Nothing on SQLite
    /// (one instance). Call inside the runtime, once, when serving.
    pub fn listen_for_pushes(&self, url: &str) -> Option<tokio::task::JoinHandle<()>> {
        (self.db().backend() == Backend::Postgres).then(|| {
            tokio::spawn(super::push_hub::listen(
                url.to_owned(),
                super::store::push::NOTIFY_CHANNEL,
                self.hub.clone(),
            ))
        })
    }

    /// The database.
    pub fn db(&self) -> &Db {
        self.store.db()
    }

    /// The policy.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// Records an action outside a transaction.
    pub async fn audit(
        &self,
        actor: &Actor,
        action: &str,
        customer: Option<&str>,
        user_id: Option<&str>,
        outcome: &str,
        detail: Option<&str>,
    ) -> Result<(), ServerError> {
        self.store
            .audit(&AuditEntry {
                actor,
                action,
                customer,
                user_id,
                outcome,
                detail,
            })
            .await
    }

    /// Records `result` of `action` (its outcome only) and passes it on.
    pub(super) async fn audited<T>(
        &self,
        actor: &Actor,
        action: &str,
        customer: Option<&str>,
        user_id: Option<&str>,
        result: Result<T, ServerError>,
    ) -> Result<T, ServerError> {
        let outcome = outcome_of(&result);
        match actor {
            Actor::Public(address) if !public_audit::always_in_full(action, outcome) => {
                let entry = AuditEntry {
                    actor,
                    action,
                    customer,
                    user_id,
                    outcome,
                    detail: None,
                };
                self.audit_public(address, &entry).await?;
            }
            _ => {
                self.audit(actor, action, customer, user_id, outcome, None)
                    .await?
            }
        }
        result
    }

    /// Counts an anonymous client's event in its folded row, or in its address
    /// bucket's `public.more` row once the bucket has used up its rows for the
    /// minute (see `public_audit` for the bound).
    async fn audit_public(&self, address: &str, entry: &AuditEntry<'_>) -> Result<(), ServerError> {
        let minute = unix_now()? / 60;
        let label = entry.actor.label();
        let id = public_audit::row_id(
            minute,
            &[
                Some(&label),
                Some(entry.action),
                entry.customer,
                entry.user_id,
                Some(entry.outcome),
            ],
        );
        let bucket = public_audit::bucket_of(address);
        match self.public_audit.place(minute, &bucket, id) {
            Placement::Own(id) => self.store.audit_folded(&id, entry).await,
            Placement::More(id) => {
                let actor = Actor::Public(bucket);
                let more = AuditEntry {
                    actor: &actor,
                    action: public_audit::MORE_ACTION,
                    customer: None,
                    user_id: None,
                    outcome: public_audit::MORE_OUTCOME,
                    detail: None,
                };
                self.store.audit_folded(&id, &more).await
            }
        }
    }

    /// The group committer, started on first use (inside the runtime); `None`
    /// when the database has no connection of its own for it.
    pub(super) fn group_commit(&self) -> Option<&GroupCommit> {
        self.db().commit_pool()?;
        let workers = match self.db().backend() {
            Backend::Sqlite => 1,
            Backend::Postgres => COMMIT_WORKERS_POSTGRES,
        };
        Some(
            self.group
                .get_or_init(|| GroupCommit::start(self.store.clone(), workers)),
        )
    }
}
