//! Every SQL statement of otpd, behind one type: [`Store`] is the one place that
//! knows the schema (`src/server/migrations/`) and the SQL text. Each statement is written
//! once with `$1` placeholders and runs on SQLite and PostgreSQL alike through
//! `sqlx::Any`.
//!
//! The security-relevant state changes are single conditional `UPDATE`s, so they
//! are correct under concurrency and across instances: a code is accepted only
//! `WHERE last_step < step`, an activation try is reserved only `WHERE attempts < 5`.

pub mod push;

use std::collections::HashMap;
use std::sync::OnceLock;

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, AnyPool, Row};

use super::audit::AuditEntry;
use super::db::Db;
use super::error::ImportError;
use super::error::{DatabaseError, ServerError};
use super::ids::new_id;
use super::policy::{MAX_FAILURES, i64_of};
use super::rows::{
    ActivationState, AuditRow, CustomerChange, CustomerProfile, CustomerRow, DeliveryCount,
    DeliveryState, ExistingUser, NewUser, TokenState, UserContact, UserRow, UserUpdate,
};
use super::write::{VerifyWrite, WriteAction, WriteOutcome};
use crate::api::ErrorCode;
use crate::api::wire::CustomerInfo;

/// The database as otpd's operations see it.
#[derive(Clone)]
pub struct Store {
    db: Db,
}

/// A token row as verification needs it.
pub struct Token {
    /// Its serial.
    pub serial: String,
    /// The id of its user's row.
    pub user_ref: String,
    /// The seed, sealed under the master key.
    pub seed_sealed: String,
    /// `SHA1`, `SHA256` or `SHA512`.
    pub algorithm: String,
    /// Digits of its codes.
    pub digits: i64,
    /// Seconds per step.
    pub period: i64,
    /// The last accepted step (-1 before the first).
    pub last_step: i64,
    /// Consecutive wrong codes.
    pub fail_count: i64,
}

impl Token {
    fn from_row(row: &AnyRow) -> Result<Self, ServerError> {
        Ok(Self {
            serial: col(row, "serial")?,
            user_ref: col(row, "user_ref")?,
            seed_sealed: col(row, "seed_sealed")?,
            algorithm: col(row, "algorithm")?,
            digits: col(row, "digits")?,
            period: col(row, "period")?,
            last_step: col(row, "last_step")?,
            fail_count: col(row, "fail_count")?,
        })
    }
}

/// A token about to be created.
pub struct NewToken<'a> {
    /// Its serial.
    pub serial: &'a str,
    /// The id of its user's row.
    pub user_ref: &'a str,
    /// The seed, sealed under the master key.
    pub seed_sealed: &'a str,
    /// `SHA1`, `SHA256` or `SHA512`.
    pub algorithm: &'a str,
    /// Digits of its codes.
    pub digits: i64,
    /// Seconds per step.
    pub period: i64,
    /// The device it was enrolled on.
    pub device_name: Option<&'a str>,
    /// The device's public signing key for push approvals (base64url).
    pub device_key: Option<&'a str>,
    /// When (Unix seconds).
    pub created_at: i64,
}

/// A user's live activation code, sealed.
pub struct LiveActivation {
    /// Its id.
    pub id: String,
    /// The code, sealed under the master key.
    pub code_sealed: String,
    /// Tries used.
    pub attempts: i64,
    /// When it expires (Unix seconds).
    pub expires_at: i64,
}

/// A new activation code, sealed.
pub struct NewActivation<'a> {
    /// Its id.
    pub id: &'a str,
    /// The id of its user's row.
    pub user_ref: &'a str,
    /// The code, sealed under the master key.
    pub code_sealed: &'a str,
    /// When (Unix seconds).
    pub created_at: u64,
    /// When it expires (Unix seconds).
    pub expires_at: u64,
}

/// One attempt to deliver an activation code (never the code or the address).
pub struct NewDelivery<'a> {
    /// The id of the user's row.
    pub user_ref: &'a str,
    /// The activation code it carried.
    pub activation_id: &'a str,
    /// `email` or `webhook`.
    pub channel: &'a str,
    /// `sent` or `failed`.
    pub state: &'a str,
    /// The delivery error code when it failed.
    pub error: Option<&'a str>,
}

/// A new enrollment session.
pub struct NewEnrollment<'a> {
    /// The client's enrollment id.
    pub id: &'a str,
    /// The activation code it runs against; `None` for a decoy session.
    pub activation_id: Option<&'a str>,
    /// The SPAKE2 session keys, sealed under the master key.
    pub keys_sealed: &'a str,
    /// The device's name.
    pub device_name: Option<&'a str>,
    /// When (Unix seconds).
    pub created_at: i64,
    /// When it closes (Unix seconds).
    pub expires_at: i64,
}

/// An open enrollment session with what finishing it needs. The user's fields
/// are `None` for a decoy session.
pub struct OpenEnrollment {
    /// The activation code it runs against.
    pub activation_id: Option<String>,
    /// The SPAKE2 session keys, sealed.
    pub keys_sealed: String,
    /// When it closes (Unix seconds).
    pub expires_at: i64,
    /// The device's name.
    pub device_name: Option<String>,
    /// The user's customer code.
    pub customer: Option<String>,
    /// The user's ID.
    pub user_id: Option<String>,
    /// The id of the user's row.
    pub user_ref: Option<String>,
    /// The organisation's name.
    pub org: Option<String>,
}

/// An API client's stored key, for checking one.
pub struct ApiClientKey {
    /// Its customer code.
    pub customer: String,
    /// Its name.
    pub name: String,
    /// SHA-256 of the key's secret part, lowercase hex.
    pub key_hash: String,
}

/// Reads a column, turning a missing or mistyped column into a database error.
fn col<T>(row: &AnyRow, name: &str) -> Result<T, ServerError>
where
    T: for<'r> sqlx::Decode<'r, sqlx::Any> + sqlx::Type<sqlx::Any>,
{
    row.try_get(name).map_err(|e| {
        ServerError::Database(DatabaseError::Column {
            name: name.to_owned(),
            detail: e.to_string(),
        })
    })
}

/// A stored activation code length as a `u8` (6 when out of range).
fn digits_of(stored: i64) -> u8 {
    u8::try_from(stored)
        .ok()
        .filter(|d| crate::api::shapes::valid_activation_digits(*d))
        .unwrap_or(crate::api::shapes::ACTIVATION_DIGITS_DEFAULT)
}

/// Whether `error` is a unique-constraint violation.
fn is_unique_violation(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(e) if e.is_unique_violation())
}

/// `Ok(true)` when an INSERT went in, `Ok(false)` when its key already existed.
fn inserted(result: Result<sqlx::any::AnyQueryResult, sqlx::Error>) -> Result<bool, ServerError> {
    match result {
        Ok(_) => Ok(true),
        Err(e) if is_unique_violation(&e) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Microseconds since the epoch, for ordering audit entries.
fn now_us() -> Result<i64, ServerError> {
    Ok(i64_of(crate::clock::unix_now_micros()?))
}

/// Records one action on `conn`.
async fn insert_audit(conn: &mut AnyConnection, entry: &AuditEntry<'_>) -> Result<(), ServerError> {
    sqlx::query(
        "INSERT INTO audit (id, at_us, actor, action, customer, user_id, outcome, detail) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(new_id()?)
    .bind(now_us()?)
    .bind(entry.actor.label())
    .bind(entry.action.to_owned())
    .bind(entry.customer.map(str::to_owned))
    .bind(entry.user_id.map(str::to_owned))
    .bind(entry.outcome.to_owned())
    .bind(entry.detail.map(str::to_owned))
    .execute(conn)
    .await?;
    Ok(())
}

impl Store {
    /// The store over an open database.
    pub fn new(db: Db) -> Self {
        Self { db }
    }

    /// The database (to close it, or to know its backend).
    pub fn db(&self) -> &Db {
        &self.db
    }

    fn pool(&self) -> &AnyPool {
        self.db.pool()
    }

    // ------------------------------------------------------------------ audit

    /// Records an action outside any other change.
    pub async fn audit(&self, entry: &AuditEntry<'_>) -> Result<(), ServerError> {
        let mut conn = self.pool().acquire().await?;
        insert_audit(&mut conn, entry).await
    }

    /// Counts one more event in the folded audit row `id`, creating it with
    /// `entry` (and the time now) for the first. One statement, so concurrent
    /// events and instances sharing PostgreSQL count into the same row.
    pub async fn audit_folded(&self, id: &str, entry: &AuditEntry<'_>) -> Result<(), ServerError> {
        sqlx::query(
            "INSERT INTO audit (id, at_us, actor, action, customer, user_id, outcome, detail, events) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1) \
             ON CONFLICT (id) DO UPDATE SET events = audit.events + 1",
        )
        .bind(id.to_owned())
        .bind(now_us()?)
        .bind(entry.actor.label())
        .bind(entry.action.to_owned())
        .bind(entry.customer.map(str::to_owned))
        .bind(entry.user_id.map(str::to_owned))
        .bind(entry.outcome.to_owned())
        .bind(entry.detail.map(str::to_owned))
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The latest `limit` entries (of `customer` only, if given), newest last.
    pub async fn audit_entries(
        &self,
        limit: u32,
        customer: Option<&str>,
    ) -> Result<Vec<AuditRow>, ServerError> {
        let rows = sqlx::query(
            "SELECT at_us, actor, action, customer, user_id, outcome, detail, events FROM audit \
             WHERE ($1 = '' OR customer = $1) ORDER BY at_us DESC, id LIMIT $2",
        )
        .bind(customer.unwrap_or("").to_owned())
        .bind(i64::from(limit))
        .fetch_all(self.pool())
        .await?;
        let mut out: Vec<AuditRow> = rows
            .iter()
            .map(|row| {
                Ok(AuditRow {
                    at_us: col(row, "at_us")?,
                    actor: col(row, "actor")?,
                    action: col(row, "action")?,
                    customer: col(row, "customer")?,
                    user_id: col(row, "user_id")?,
                    outcome: col(row, "outcome")?,
                    detail: col(row, "detail")?,
                    events: col(row, "events")?,
                })
            })
            .collect::<Result<_, ServerError>>()?;
        out.reverse();
        Ok(out)
    }

    // ------------------------------------------------------------------ customers

    /// The enabled customer with `code`, if any.
    pub async fn enabled_customer(&self, code: &str) -> Result<Option<CustomerInfo>, ServerError> {
        let row = sqlx::query(
            "SELECT code, name, server_url, code_digits FROM customers WHERE code = $1 AND disabled = 0",
        )
        .bind(code.to_owned())
        .fetch_optional(self.pool())
        .await?;
        row.map(|row| {
            Ok(CustomerInfo {
                code: col(&row, "code")?,
                name: col(&row, "name")?,
                server: col(&row, "server_url")?,
                code_digits: Some(digits_of(col(&row, "code_digits")?)),
            })
        })
        .transpose()
    }

    /// Whether a customer with `code` exists (enabled or not).
    pub async fn customer_exists(&self, code: &str) -> Result<bool, ServerError> {
        let found: Option<String> =
            sqlx::query_scalar("SELECT code FROM customers WHERE code = $1")
                .bind(code.to_owned())
                .fetch_optional(self.pool())
                .await?;
        Ok(found.is_some())
    }

    /// The length of the activation codes of customer `code` (6 when there is
    /// no such customer).
    pub async fn customer_code_digits(&self, code: &str) -> Result<u8, ServerError> {
        let digits: Option<i64> =
            sqlx::query_scalar("SELECT code_digits FROM customers WHERE code = $1")
                .bind(code.to_owned())
                .fetch_optional(self.pool())
                .await?;
        Ok(digits.map_or(crate::api::shapes::ACTIVATION_DIGITS_DEFAULT, digits_of))
    }

    /// Adds a customer whose activation codes have `code_digits` digits; `false`
    /// when the code is taken.
    pub async fn insert_customer(
        &self,
        code: &str,
        name: &str,
        server_url: Option<&str>,
        code_digits: u8,
        now: u64,
    ) -> Result<bool, ServerError> {
        inserted(
            sqlx::query(
                "INSERT INTO customers (code, name, server_url, disabled, created_at, code_digits) VALUES ($1, $2, $3, 0, $4, $5)",
            )
            .bind(code.to_owned())
            .bind(name.to_owned())
            .bind(server_url.map(str::to_owned))
            .bind(i64_of(now))
            .bind(i64::from(code_digits))
            .execute(self.pool())
            .await,
        )
    }

    /// The customer with `code` as messages to its users need it, if any.
    pub async fn customer_profile(
        &self,
        code: &str,
    ) -> Result<Option<CustomerProfile>, ServerError> {
        let row = sqlx::query(
            "SELECT code, name, server_url, lang, contact FROM customers WHERE code = $1",
        )
        .bind(code.to_owned())
        .fetch_optional(self.pool())
        .await?;
        row.map(|row| {
            Ok(CustomerProfile {
                code: col(&row, "code")?,
                name: col(&row, "name")?,
                server_url: col(&row, "server_url")?,
                lang: col(&row, "lang")?,
                contact: col(&row, "contact")?,
            })
        })
        .transpose()
    }

    /// Changes a customer's message settings; `false` when there is none with `code`.
    pub async fn update_customer(
        &self,
        code: &str,
        change: &CustomerChange<'_>,
    ) -> Result<bool, ServerError> {
        let set = |value: Option<&str>| value.map(str::to_owned);
        let done = sqlx::query(
            "UPDATE customers SET \
               lang = CASE WHEN CAST($2 AS TEXT) IS NULL THEN lang WHEN CAST($2 AS TEXT) = '' THEN NULL ELSE CAST($2 AS TEXT) END, \
               contact = CASE WHEN CAST($3 AS TEXT) IS NULL THEN contact WHEN CAST($3 AS TEXT) = '' THEN NULL ELSE CAST($3 AS TEXT) END, \
               code_digits = COALESCE(CAST($4 AS BIGINT), code_digits) \
             WHERE code = $1",
        )
        .bind(code.to_owned())
        .bind(set(change.lang))
        .bind(set(change.contact))
        .bind(change.code_digits.map(i64::from))
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Every customer with its number of users, by code.
    pub async fn customers(&self) -> Result<Vec<CustomerRow>, ServerError> {
        let rows = sqlx::query(
            "SELECT c.code, c.name, c.disabled, c.code_digits, \
                    (SELECT COUNT(*) FROM users u WHERE u.customer = c.code) AS users \
             FROM customers c ORDER BY c.code",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(CustomerRow {
                    code: col(row, "code")?,
                    name: col(row, "name")?,
                    disabled: col::<i64>(row, "disabled")? != 0,
                    users: col(row, "users")?,
                    code_digits: digits_of(col(row, "code_digits")?),
                })
            })
            .collect()
    }

    /// Disables a customer; `false` when there is none with `code`.
    pub async fn disable_customer(&self, code: &str) -> Result<bool, ServerError> {
        let done = sqlx::query("UPDATE customers SET disabled = 1 WHERE code = $1")
            .bind(code.to_owned())
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected() > 0)
    }

    // ------------------------------------------------------------------ users

    /// The id of the row of `user_id` at `customer`, if any.
    pub async fn user_ref(
        &self,
        customer: &str,
        user_id: &str,
    ) -> Result<Option<String>, ServerError> {
        Ok(
            sqlx::query_scalar("SELECT id FROM users WHERE customer = $1 AND user_id = $2")
                .bind(customer.to_owned())
                .bind(user_id.to_owned())
                .fetch_optional(self.pool())
                .await?,
        )
    }

    /// Adds a user; `false` when the customer already has one with its ID.
    pub async fn insert_user(&self, user: &NewUser<'_>, now: u64) -> Result<bool, ServerError> {
        inserted(
            sqlx::query(
                "INSERT INTO users (id, customer, user_id, display_name, email, lang, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(new_id()?)
            .bind(user.customer.to_owned())
            .bind(user.user_id.to_owned())
            .bind(user.display_name.map(str::to_owned))
            .bind(user.email.map(str::to_owned))
            .bind(user.lang.map(str::to_owned))
            .bind(i64_of(now))
            .execute(self.pool())
            .await,
        )
    }

    /// Where and in which language `user_id` at `customer` gets messages, if the
    /// user exists.
    pub async fn user_contact(
        &self,
        customer: &str,
        user_id: &str,
    ) -> Result<Option<UserContact>, ServerError> {
        let row = sqlx::query(
            "SELECT id, display_name, email, lang FROM users WHERE customer = $1 AND user_id = $2",
        )
        .bind(customer.to_owned())
        .bind(user_id.to_owned())
        .fetch_optional(self.pool())
        .await?;
        row.map(|row| {
            Ok(UserContact {
                user_ref: col(&row, "id")?,
                display_name: col(&row, "display_name")?,
                email: col(&row, "email")?,
                lang: col(&row, "lang")?,
            })
        })
        .transpose()
    }

    /// Every user of `customer` by ID, as an import compares them with its file.
    pub async fn existing_users(
        &self,
        customer: &str,
    ) -> Result<HashMap<String, ExistingUser>, ServerError> {
        let rows = sqlx::query(
            "SELECT u.id, u.user_id, u.display_name, u.email, u.lang, \
               (SELECT COUNT(*) FROM tokens t WHERE t.user_ref = u.id AND t.state = 'active') AS tokens \
             FROM users u WHERE u.customer = $1",
        )
        .bind(customer.to_owned())
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok((
                    col(row, "user_id")?,
                    ExistingUser {
                        user_ref: col(row, "id")?,
                        display_name: col(row, "display_name")?,
                        email: col(row, "email")?,
                        lang: col(row, "lang")?,
                        has_token: col::<i64>(row, "tokens")? > 0,
                    },
                ))
            })
            .collect()
    }

    /// Adds `adds` and updates `updates` (setting only the values given) in one
    /// transaction, with an audit entry per user (`user.add`, `user.update`, with
    /// the detail `detail` gives) and `summary` last. Nothing changes when a user
    /// to add exists by then ([`ImportError::AddedMeanwhile`]) or anything fails.
    pub async fn import_users(
        &self,
        adds: &[NewUser<'_>],
        updates: &[(UserUpdate<'_>, String)],
        each: AuditEntry<'_>,
        summary: AuditEntry<'_>,
        now: u64,
    ) -> Result<(), ServerError> {
        let mut tx = self.pool().begin().await?;
        for user in adds {
            let added = inserted(
                sqlx::query(
                    "INSERT INTO users (id, customer, user_id, display_name, email, lang, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(new_id()?)
                .bind(user.customer.to_owned())
                .bind(user.user_id.to_owned())
                .bind(user.display_name.map(str::to_owned))
                .bind(user.email.map(str::to_owned))
                .bind(user.lang.map(str::to_owned))
                .bind(i64_of(now))
                .execute(&mut *tx)
                .await,
            )?;
            if !added {
                return Err(ImportError::AddedMeanwhile {
                    user: user.user_id.to_owned(),
                }
                .into());
            }
            let entry = AuditEntry {
                action: "user.add",
                user_id: Some(user.user_id),
                ..each
            };
            insert_audit(&mut tx, &entry).await?;
        }
        for (user, detail) in updates {
            sqlx::query(
                "UPDATE users SET display_name = COALESCE($1, display_name), \
                    email = COALESCE($2, email), lang = COALESCE($3, lang) WHERE id = $4",
            )
            .bind(user.display_name.map(str::to_owned))
            .bind(user.email.map(str::to_owned))
            .bind(user.lang.map(str::to_owned))
            .bind(user.user_ref.to_owned())
            .execute(&mut *tx)
            .await?;
            let entry = AuditEntry {
                action: "user.update",
                user_id: Some(user.user_id),
                detail: Some(detail),
                ..each
            };
            insert_audit(&mut tx, &entry).await?;
        }
        insert_audit(&mut tx, &summary).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The users of `customer` with their token and latest activation code at `now`.
    pub async fn users(&self, customer: &str, now: u64) -> Result<Vec<UserRow>, ServerError> {
        let rows = sqlx::query(
            "SELECT u.user_id, u.display_name, u.email, u.lang, \
               (SELECT t.fail_count FROM tokens t WHERE t.user_ref = u.id AND t.state = 'active') AS active_fails, \
               (SELECT COUNT(*) FROM tokens t WHERE t.user_ref = u.id AND t.state = 'pending') AS pending, \
               (SELECT a.state FROM activations a WHERE a.user_ref = u.id ORDER BY a.created_at DESC, a.id LIMIT 1) AS act_state, \
               (SELECT a.expires_at FROM activations a WHERE a.user_ref = u.id ORDER BY a.created_at DESC, a.id LIMIT 1) AS act_expires, \
               (SELECT d.channel FROM deliveries d WHERE d.user_ref = u.id ORDER BY d.at_us DESC, d.id LIMIT 1) AS del_channel, \
               (SELECT d.state FROM deliveries d WHERE d.user_ref = u.id ORDER BY d.at_us DESC, d.id LIMIT 1) AS del_state, \
               (SELECT d.error FROM deliveries d WHERE d.user_ref = u.id ORDER BY d.at_us DESC, d.id LIMIT 1) AS del_error, \
               (SELECT d.at_us FROM deliveries d WHERE d.user_ref = u.id ORDER BY d.at_us DESC, d.id LIMIT 1) AS del_at \
             FROM users u WHERE u.customer = $1 ORDER BY u.user_id",
        )
        .bind(customer.to_owned())
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let state: Option<String> = col(row, "act_state")?;
                let channel: Option<String> = col(row, "del_channel")?;
                let delivery = match channel {
                    Some(channel) => Some(DeliveryState {
                        channel,
                        state: col(row, "del_state")?,
                        error: col(row, "del_error")?,
                        at_us: col(row, "del_at")?,
                    }),
                    None => None,
                };
                Ok(UserRow {
                    delivery,
                    user_id: col(row, "user_id")?,
                    display_name: col(row, "display_name")?,
                    email: col(row, "email")?,
                    lang: col(row, "lang")?,
                    token: TokenState::of(col(row, "active_fails")?, col(row, "pending")?),
                    activation: ActivationState::of(
                        state.as_deref(),
                        col(row, "act_expires")?,
                        i64_of(now),
                    ),
                })
            })
            .collect()
    }

    // ------------------------------------------------------------------ activation codes

    /// The user's live activation code, if any.
    pub async fn live_activation(
        &self,
        user_ref: &str,
    ) -> Result<Option<LiveActivation>, ServerError> {
        let row = sqlx::query(
            "SELECT id, code_sealed, attempts, expires_at FROM activations \
             WHERE user_ref = $1 AND state = 'live'",
        )
        .bind(user_ref.to_owned())
        .fetch_optional(self.pool())
        .await?;
        row.map(|row| {
            Ok(LiveActivation {
                id: col(&row, "id")?,
                code_sealed: col(&row, "code_sealed")?,
                attempts: col(&row, "attempts")?,
                expires_at: col(&row, "expires_at")?,
            })
        })
        .transpose()
    }

    /// Whether the user was ever issued an activation code.
    pub async fn has_activations(&self, user_ref: &str) -> Result<bool, ServerError> {
        let any: Option<i64> =
            sqlx::query_scalar("SELECT COUNT(*) FROM activations WHERE user_ref = $1")
                .bind(user_ref.to_owned())
                .fetch_optional(self.pool())
                .await?;
        Ok(any.unwrap_or(0) > 0)
    }

    /// Reserves one try of a live, unexpired code with tries left; the tries used
    /// so far, or `None` when none is left.
    pub async fn reserve_activation_try(
        &self,
        activation_id: &str,
        now: u64,
    ) -> Result<Option<i64>, ServerError> {
        Ok(sqlx::query_scalar(
            "UPDATE activations SET attempts = attempts + 1 \
             WHERE id = $1 AND state = 'live' AND attempts < $2 AND expires_at > $3 \
             RETURNING attempts",
        )
        .bind(activation_id.to_owned())
        .bind(MAX_FAILURES)
        .bind(i64_of(now))
        .fetch_optional(self.pool())
        .await?)
    }

    /// Burns a live code (its tries are used up).
    pub async fn burn_activation(&self, activation_id: &str) -> Result<(), ServerError> {
        sqlx::query("UPDATE activations SET state = 'burned' WHERE id = $1 AND state = 'live'")
            .bind(activation_id.to_owned())
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Stores a new live code for the user, revoking any earlier live one, and
    /// records `audit` in the same transaction with the detail `detail` gives for
    /// whether an earlier code was revoked.
    pub async fn issue_activation(
        &self,
        activation: &NewActivation<'_>,
        audit: AuditEntry<'_>,
        detail: impl FnOnce(bool) -> String,
    ) -> Result<(), ServerError> {
        let mut tx = self.pool().begin().await?;
        let revoked = sqlx::query(
            "UPDATE activations SET state = 'revoked' WHERE user_ref = $1 AND state = 'live'",
        )
        .bind(activation.user_ref.to_owned())
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO activations (id, user_ref, code_sealed, state, attempts, created_at, expires_at) \
             VALUES ($1, $2, $3, 'live', 0, $4, $5)",
        )
        .bind(activation.id.to_owned())
        .bind(activation.user_ref.to_owned())
        .bind(activation.code_sealed.to_owned())
        .bind(i64_of(activation.created_at))
        .bind(i64_of(activation.expires_at))
        .execute(&mut *tx)
        .await?;
        let detail = detail(revoked.rows_affected() > 0);
        insert_audit(
            &mut tx,
            &AuditEntry {
                detail: Some(&detail),
                ..audit
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// How many delivery attempts the database holds, by channel and state (every
    /// admin process and instance writes them; `/metrics` shows them).
    pub async fn delivery_counts(&self) -> Result<Vec<DeliveryCount>, ServerError> {
        let rows = sqlx::query(
            "SELECT channel, state, COUNT(*) AS attempts FROM deliveries GROUP BY channel, state",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(DeliveryCount {
                    channel: col(row, "channel")?,
                    state: col(row, "state")?,
                    attempts: col(row, "attempts")?,
                })
            })
            .collect()
    }

    /// Records a delivery attempt and its audit entry in one transaction.
    pub async fn insert_delivery(
        &self,
        delivery: &NewDelivery<'_>,
        audit: &AuditEntry<'_>,
    ) -> Result<(), ServerError> {
        let mut tx = self.pool().begin().await?;
        sqlx::query(
            "INSERT INTO deliveries (id, user_ref, activation_id, channel, state, error, at_us) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(new_id()?)
        .bind(delivery.user_ref.to_owned())
        .bind(delivery.activation_id.to_owned())
        .bind(delivery.channel.to_owned())
        .bind(delivery.state.to_owned())
        .bind(delivery.error.map(str::to_owned))
        .bind(now_us()?)
        .execute(&mut *tx)
        .await?;
        insert_audit(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(())
    }

    // ------------------------------------------------------------------ enrollment sessions

    /// Opens an enrollment session; `false` when its id is taken. The sessions
    /// expired by then are deleted first (a finish of one answers SE3020 either
    /// way), so anonymous starts leave no more rows than the sessions still open.
    pub async fn insert_enrollment(
        &self,
        enrollment: &NewEnrollment<'_>,
    ) -> Result<bool, ServerError> {
        sqlx::query("DELETE FROM enrollments WHERE expires_at <= $1")
            .bind(enrollment.created_at)
            .execute(self.pool())
            .await?;
        inserted(
            sqlx::query(
                "INSERT INTO enrollments (id, activation_id, keys_sealed, device_name, state, created_at, expires_at) \
                 VALUES ($1, $2, $3, $4, 'open', $5, $6)",
            )
            .bind(enrollment.id.to_owned())
            .bind(enrollment.activation_id.map(str::to_owned))
            .bind(enrollment.keys_sealed.to_owned())
            .bind(enrollment.device_name.map(str::to_owned))
            .bind(enrollment.created_at)
            .bind(enrollment.expires_at)
            .execute(self.pool())
            .await,
        )
    }

    /// The open session `id` with its user and organisation, if any.
    pub async fn open_enrollment(&self, id: &str) -> Result<Option<OpenEnrollment>, ServerError> {
        let row = sqlx::query(
            "SELECT e.activation_id, e.keys_sealed, e.expires_at, e.device_name, \
                    u.customer, u.user_id, u.id AS user_ref, c.name \
             FROM enrollments e \
             LEFT JOIN activations a ON a.id = e.activation_id \
             LEFT JOIN users u ON u.id = a.user_ref \
             LEFT JOIN customers c ON c.code = u.customer \
             WHERE e.id = $1 AND e.state = 'open'",
        )
        .bind(id.to_owned())
        .fetch_optional(self.pool())
        .await?;
        row.map(|row| {
            Ok(OpenEnrollment {
                activation_id: col(&row, "activation_id")?,
                keys_sealed: col(&row, "keys_sealed")?,
                expires_at: col(&row, "expires_at")?,
                device_name: col(&row, "device_name")?,
                customer: col(&row, "customer")?,
                user_id: col(&row, "user_id")?,
                user_ref: col(&row, "user_ref")?,
                org: col(&row, "name")?,
            })
        })
        .transpose()
    }

    /// Closes an open session; `false` when it was not open (any more).
    pub async fn close_enrollment(&self, id: &str) -> Result<bool, ServerError> {
        let closed =
            sqlx::query("UPDATE enrollments SET state = 'done' WHERE id = $1 AND state = 'open'")
                .bind(id.to_owned())
                .execute(self.pool())
                .await?;
        Ok(closed.rows_affected() == 1)
    }

    /// Uses up a live code and creates the pending token in one transaction;
    /// `false` (and nothing changed) when the code was no longer live.
    pub async fn use_activation(
        &self,
        activation_id: &str,
        token: &NewToken<'_>,
        pending_until: u64,
    ) -> Result<bool, ServerError> {
        let mut tx = self.pool().begin().await?;
        let used =
            sqlx::query("UPDATE activations SET state = 'used' WHERE id = $1 AND state = 'live'")
                .bind(activation_id.to_owned())
                .execute(&mut *tx)
                .await?;
        if used.rows_affected() != 1 {
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO tokens (serial, user_ref, seed_sealed, algorithm, digits, period, state, \
                                 last_step, fail_count, device_name, created_at, pending_until, device_key) \
             VALUES ($1, $2, $3, $4, $5, $6, 'pending', -1, 0, $7, $8, $9, $10)",
        )
        .bind(token.serial.to_owned())
        .bind(token.user_ref.to_owned())
        .bind(token.seed_sealed.to_owned())
        .bind(token.algorithm.to_owned())
        .bind(token.digits)
        .bind(token.period)
        .bind(token.device_name.map(str::to_owned))
        .bind(token.created_at)
        .bind(i64_of(pending_until))
        .bind(token.device_key.map(str::to_owned))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    // ------------------------------------------------------------------ tokens

    /// The pending token `serial` and the time its activation must come by.
    pub async fn pending_token(&self, serial: &str) -> Result<Option<(Token, i64)>, ServerError> {
        let row = sqlx::query(
            "SELECT t.serial, t.user_ref, t.seed_sealed, t.algorithm, t.digits, t.period, \
                    t.last_step, t.fail_count, t.pending_until \
             FROM tokens t WHERE t.serial = $1 AND t.state = 'pending'",
        )
        .bind(serial.to_owned())
        .fetch_optional(self.pool())
        .await?;
        row.map(|row| Ok((Token::from_row(&row)?, col(&row, "pending_until")?)))
            .transpose()
    }

    /// Makes a pending token active at `step`, replacing the user's active token,
    /// in one transaction. `Some(replaced_previous)`, or `None` (nothing changed)
    /// when the token is no longer pending, is locked, or `step` was used.
    pub async fn activate_token(
        &self,
        token: &Token,
        step: i64,
        now: u64,
    ) -> Result<Option<bool>, ServerError> {
        let mut tx = self.pool().begin().await?;
        let replaced = sqlx::query(
            "UPDATE tokens SET state = 'replaced' WHERE user_ref = $1 AND state = 'active'",
        )
        .bind(token.user_ref.clone())
        .execute(&mut *tx)
        .await?;
        let activated = sqlx::query(
            "UPDATE tokens SET state = 'active', last_step = $1, fail_count = 0, activated_at = $2 \
             WHERE serial = $3 AND state = 'pending' AND fail_count < $4 AND last_step < $1",
        )
        .bind(step)
        .bind(i64_of(now))
        .bind(token.serial.clone())
        .bind(MAX_FAILURES)
        .execute(&mut *tx)
        .await?;
        if activated.rows_affected() != 1 {
            tx.rollback().await?;
            return Ok(None);
        }
        tx.commit().await?;
        Ok(Some(replaced.rows_affected() > 0))
    }

    /// Adds one to the consecutive failures of token `serial` in `state` (up to the lock).
    pub async fn count_failure(
        &self,
        serial: &str,
        state: &'static str,
    ) -> Result<(), ServerError> {
        sqlx::query(
            "UPDATE tokens SET fail_count = fail_count + 1 \
             WHERE serial = $1 AND state = $2 AND fail_count < $3",
        )
        .bind(serial.to_owned())
        .bind(state)
        .bind(MAX_FAILURES)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The active token of `user_id` at `customer`, if any.
    pub async fn active_token(
        &self,
        customer: &str,
        user_id: &str,
    ) -> Result<Option<Token>, ServerError> {
        let row = sqlx::query(
            "SELECT t.serial, t.user_ref, t.seed_sealed, t.algorithm, t.digits, t.period, \
                    t.last_step, t.fail_count \
             FROM tokens t JOIN users u ON u.id = t.user_ref \
             WHERE u.customer = $1 AND u.user_id = $2 AND t.state = 'active'",
        )
        .bind(customer.to_owned())
        .bind(user_id.to_owned())
        .fetch_optional(self.pool())
        .await?;
        row.map(|row| Token::from_row(&row)).transpose()
    }

    /// Clears the failure count of the user's active and pending tokens; how many.
    pub async fn unlock_tokens(&self, user_ref: &str) -> Result<u64, ServerError> {
        let done = sqlx::query(
            "UPDATE tokens SET fail_count = 0 WHERE user_ref = $1 AND state IN ('active', 'pending')",
        )
        .bind(user_ref.to_owned())
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected())
    }

    /// Revokes the user's active and pending tokens and live codes in one
    /// transaction; how many.
    pub async fn revoke_user(&self, user_ref: &str) -> Result<u64, ServerError> {
        let mut tx = self.pool().begin().await?;
        let tokens = sqlx::query(
            "UPDATE tokens SET state = 'revoked' WHERE user_ref = $1 AND state IN ('active', 'pending')",
        )
        .bind(user_ref.to_owned())
        .execute(&mut *tx)
        .await?;
        let codes = sqlx::query(
            "UPDATE activations SET state = 'revoked' WHERE user_ref = $1 AND state = 'live'",
        )
        .bind(user_ref.to_owned())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(tokens.rows_affected() + codes.rows_affected())
    }

    // ------------------------------------------------------------------ API clients

    /// The unrevoked client `id` of an enabled customer, if any.
    pub async fn api_client_key(&self, id: &str) -> Result<Option<ApiClientKey>, ServerError> {
        let row = sqlx::query(
            "SELECT a.customer, a.name, a.key_hash FROM api_clients a \
             JOIN customers c ON c.code = a.customer \
             WHERE a.id = $1 AND a.revoked = 0 AND c.disabled = 0",
        )
        .bind(id.to_owned())
        .fetch_optional(self.pool())
        .await?;
        row.map(|row| {
            Ok(ApiClientKey {
                customer: col(&row, "customer")?,
                name: col(&row, "name")?,
                key_hash: col(&row, "key_hash")?,
            })
        })
        .transpose()
    }

    /// Adds an API client with the SHA-256 `key_hash` of its secret.
    pub async fn insert_api_client(
        &self,
        id: &str,
        customer: &str,
        name: &str,
        key_hash: &str,
        now: u64,
    ) -> Result<(), ServerError> {
        sqlx::query(
            "INSERT INTO api_clients (id, customer, name, key_hash, revoked, created_at) VALUES ($1, $2, $3, $4, 0, $5)",
        )
        .bind(id.to_owned())
        .bind(customer.to_owned())
        .bind(name.to_owned())
        .bind(key_hash.to_owned())
        .bind(i64_of(now))
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Revokes an API client; `false` when there is none with `id`.
    pub async fn revoke_api_client(&self, id: &str) -> Result<bool, ServerError> {
        let done = sqlx::query("UPDATE api_clients SET revoked = 1 WHERE id = $1")
            .bind(id.to_owned())
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected() > 0)
    }

    // ------------------------------------------------------------------ verification writes

    /// Applies one verification's write and its audit entry in a transaction of its own.
    pub async fn apply_verification(
        &self,
        write: &VerifyWrite,
    ) -> Result<WriteOutcome, ServerError> {
        apply_one(self.pool(), write).await
    }

    /// Applies `batch` on the group-commit connection in one transaction, token
    /// rows in serial order (so two instances' batches on PostgreSQL lock rows in
    /// the same order and cannot deadlock); if the batch fails as a whole, each
    /// write gets a transaction of its own instead. One outcome per write, in order.
    pub async fn commit_verifications(
        &self,
        batch: &[&VerifyWrite],
    ) -> Result<Vec<WriteOutcome>, ServerError> {
        let pool = self.db.commit_pool().unwrap_or(self.db.pool());
        let mut order: Vec<usize> = (0..batch.len()).collect();
        order.sort_by(|&a, &b| batch[a].serial().cmp(&batch[b].serial()));
        let together = async {
            let mut tx = pool.begin().await?;
            let mut outcomes: Vec<Option<WriteOutcome>> = vec![None; batch.len()];
            for &i in &order {
                outcomes[i] = Some(change(&mut tx, batch[i]).await?);
            }
            let rows: Vec<(&VerifyWrite, &WriteOutcome)> = batch
                .iter()
                .zip(&outcomes)
                .filter_map(|(write, outcome)| outcome.as_ref().map(|o| (*write, o)))
                .collect();
            insert_verify_audit(&mut tx, &rows).await?;
            tx.commit().await?;
            Ok::<_, ServerError>(outcomes)
        };
        let outcomes = match together.await {
            Ok(outcomes) => outcomes,
            Err(_) => {
                let mut outcomes = Vec::with_capacity(batch.len());
                for write in batch {
                    outcomes.push(Some(apply_one(pool, write).await?));
                }
                outcomes
            }
        };
        Ok(outcomes
            .into_iter()
            .map(|o| o.unwrap_or(Err(ErrorCode::Se5000)))
            .collect())
    }

    // ------------------------------------------------------------------ test support

    /// Creates (if needed) the users of `customer` and gives each an active token
    /// with its sealed seed, in one transaction, without an enrollment. Each
    /// token's `user_ref` is ignored: the user's row is found or created here.
    #[cfg(feature = "test-support")]
    pub async fn insert_active_tokens(
        &self,
        customer: &str,
        tokens: &[(String, NewToken<'_>)],
    ) -> Result<(), ServerError> {
        let mut tx = self.pool().begin().await?;
        for (user_id, token) in tokens {
            let existing: Option<String> =
                sqlx::query_scalar("SELECT id FROM users WHERE customer = $1 AND user_id = $2")
                    .bind(customer.to_owned())
                    .bind(user_id.clone())
                    .fetch_optional(&mut *tx)
                    .await?;
            let user_ref = match existing {
                Some(user_ref) => user_ref,
                None => {
                    let id = new_id()?;
                    sqlx::query(
                        "INSERT INTO users (id, customer, user_id, display_name, created_at) VALUES ($1, $2, $3, NULL, $4)",
                    )
                    .bind(id.clone())
                    .bind(customer.to_owned())
                    .bind(user_id.clone())
                    .bind(token.created_at)
                    .execute(&mut *tx)
                    .await?;
                    id
                }
            };
            sqlx::query(
                "UPDATE tokens SET state = 'replaced' WHERE user_ref = $1 AND state = 'active'",
            )
            .bind(user_ref.clone())
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO tokens (serial, user_ref, seed_sealed, algorithm, digits, period, state, \
                                     last_step, fail_count, device_name, created_at, pending_until, activated_at, device_key) \
                 VALUES ($1, $2, $3, $4, $5, $6, 'active', -1, 0, NULL, $7, $7, $7, $8)",
            )
            .bind(token.serial.to_owned())
            .bind(user_ref)
            .bind(token.seed_sealed.to_owned())
            .bind(token.algorithm.to_owned())
            .bind(token.digits)
            .bind(token.period)
            .bind(token.created_at)
            .bind(token.device_key.map(str::to_owned))
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

/// Applies one write and its audit entry in a transaction of its own on `pool`.
async fn apply_one(pool: &AnyPool, write: &VerifyWrite) -> Result<WriteOutcome, ServerError> {
    let mut tx = pool.begin().await?;
    let outcome = change(&mut tx, write).await?;
    insert_verify_audit(&mut tx, &[(write, &outcome)]).await?;
    tx.commit().await?;
    Ok(outcome)
}

/// Runs a verification's conditional UPDATE, if any.
async fn change(
    conn: &mut AnyConnection,
    write: &VerifyWrite,
) -> Result<WriteOutcome, ServerError> {
    Ok(match &write.action {
        WriteAction::Refused(code) => Err(*code),
        WriteAction::Accept { serial, step } => {
            let accepted = sqlx::query(
                "UPDATE tokens SET last_step = $1, fail_count = 0 \
                 WHERE serial = $2 AND state = 'active' AND last_step < $1 AND fail_count < $3",
            )
            .bind(*step)
            .bind(serial.clone())
            .bind(MAX_FAILURES)
            .execute(&mut *conn)
            .await?;
            if accepted.rows_affected() == 1 {
                Ok(*step)
            } else {
                // Replayed, or locked by failures committed meanwhile.
                let fails: Option<i64> = sqlx::query_scalar(
                    "SELECT fail_count FROM tokens WHERE serial = $1 AND state = 'active'",
                )
                .bind(serial.clone())
                .fetch_optional(&mut *conn)
                .await?;
                Err(match fails {
                    Some(f) if f >= MAX_FAILURES => ErrorCode::Se4003,
                    Some(_) => ErrorCode::Se4002,
                    None => ErrorCode::Se4004,
                })
            }
        }
        WriteAction::Fail { serial } => {
            let fails: Option<i64> = sqlx::query_scalar(
                "UPDATE tokens SET fail_count = fail_count + 1 \
                 WHERE serial = $1 AND state = 'active' AND fail_count < $2 \
                 RETURNING fail_count",
            )
            .bind(serial.clone())
            .bind(MAX_FAILURES)
            .fetch_optional(&mut *conn)
            .await?;
            Err(match fails {
                None => ErrorCode::Se4003,
                Some(_) => ErrorCode::Se4001,
            })
        }
    })
}

/// Largest audit INSERT is 2^7 = 128 rows.
const AUDIT_CHUNK_LOG2: u32 = 7;

/// The `INSERT` of `rows` verification audit rows, for the sizes used.
fn audit_insert_sql(rows: usize) -> &'static str {
    static SQL: OnceLock<Vec<String>> = OnceLock::new();
    let all = SQL.get_or_init(|| {
        (0..=AUDIT_CHUNK_LOG2)
            .map(|power| {
                let count = 1usize << power;
                let values: Vec<String> = (0..count)
                    .map(|r| {
                        let b = r * 6;
                        format!(
                            "(${}, ${}, ${}, 'verify', ${}, ${}, ${}, NULL)",
                            b + 1,
                            b + 2,
                            b + 3,
                            b + 4,
                            b + 5,
                            b + 6
                        )
                    })
                    .collect();
                format!(
                    "INSERT INTO audit (id, at_us, actor, action, customer, user_id, outcome, detail) VALUES {}",
                    values.join(", ")
                )
            })
            .collect()
    });
    let power = rows.trailing_zeros() as usize;
    all.get(power).map(String::as_str).unwrap_or("")
}

/// Writes the audit rows of verifications in multi-row INSERTs of 128, 64, ... 1
/// rows (a few statements per group instead of one per verification).
async fn insert_verify_audit(
    conn: &mut AnyConnection,
    rows: &[(&VerifyWrite, &WriteOutcome)],
) -> Result<(), ServerError> {
    let mut rest = rows;
    while !rest.is_empty() {
        let size = 1usize << (usize::BITS - 1 - rest.len().leading_zeros()).min(AUDIT_CHUNK_LOG2);
        let (chunk, tail) = rest.split_at(size);
        let mut query = sqlx::query(audit_insert_sql(size));
        for (write, outcome) in chunk {
            let label = match outcome {
                Ok(_) => "ok",
                Err(code) => code.as_str(),
            };
            query = query
                .bind(new_id()?)
                .bind(now_us()?)
                .bind(write.actor.clone())
                .bind(write.customer.clone())
                .bind(write.user_id.clone())
                .bind(label.to_owned());
        }
        query.execute(&mut *conn).await?;
        rest = tail;
    }
    Ok(())
}
