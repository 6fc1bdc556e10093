//! The statements of push approvals (`push_requests`, the users' push lock, the
//! tokens' device keys). An answer is accepted once by one conditional `UPDATE
//! ... WHERE state = 'pending' AND expires_at > now`, so a replayed or late
//! answer changes nothing, on one instance or several sharing PostgreSQL.

use super::{Store, col};
use crate::server::db::Backend;
use crate::server::error::ServerError;

/// The channel otpd instances on one PostgreSQL database wake each other on.
pub const NOTIFY_CHANNEL: &str = "otpd_push";

/// A user's active token as a push request needs it.
pub struct PushTarget {
    /// The id of the user's row.
    pub user_ref: String,
    /// The active token's serial.
    pub serial: String,
    /// Its device's public key (base64url), if it has one.
    pub device_key: Option<String>,
    /// Whether denials locked the user's pushes.
    pub locked: bool,
}

/// An active token by serial, with its user, for checking a device's signature.
pub struct DeviceToken {
    /// The id of the user's row.
    pub user_ref: String,
    /// The device's public key (base64url), if it has one.
    pub device_key: Option<String>,
}

/// A push request about to be stored.
pub struct NewPush<'a> {
    /// Its id.
    pub id: &'a str,
    /// The user's row.
    pub user_ref: &'a str,
    /// The token whose device must answer.
    pub serial: &'a str,
    /// The customer code.
    pub customer: &'a str,
    /// The API client that asked.
    pub api_client: &'a str,
    /// The number the login page shows.
    pub number: &'a str,
    /// The three numbers the device shows, comma-separated.
    pub numbers: &'a str,
    /// The context's service.
    pub service: Option<&'a str>,
    /// The context's client address.
    pub client_ip: Option<&'a str>,
    /// The context's text.
    pub text: Option<&'a str>,
    /// When (Unix seconds).
    pub created_at: i64,
    /// When it expires (Unix seconds).
    pub expires_at: i64,
}

/// A stored push request.
pub struct PushRow {
    /// Its id.
    pub id: String,
    /// The user's row.
    pub user_ref: String,
    /// The user's ID.
    pub user_id: String,
    /// The token whose device must answer.
    pub serial: String,
    /// The customer code.
    pub customer: String,
    /// The number the login page shows.
    pub number: String,
    /// The three numbers the device shows, comma-separated.
    pub numbers: String,
    /// The context's service.
    pub service: Option<String>,
    /// The context's client address.
    pub client_ip: Option<String>,
    /// The context's text.
    pub text: Option<String>,
    /// `pending`, `approved`, `denied` (or `expired`).
    pub state: String,
    /// `not_me` or `wrong_number` when denied.
    pub reason: Option<String>,
    /// When it expires (Unix seconds).
    pub expires_at: i64,
}

/// The columns of a [`PushRow`], for the `SELECT`s below.
macro_rules! push_columns {
    () => {
        "SELECT p.id, p.user_ref, u.user_id, p.serial, p.customer, p.number, p.numbers, \
         p.service, p.client_ip, p.context_text, p.state, p.reason, p.expires_at \
         FROM push_requests p JOIN users u ON u.id = p.user_ref "
    };
}

impl PushRow {
    fn from_row(row: &sqlx::any::AnyRow) -> Result<Self, ServerError> {
        Ok(Self {
            id: col(row, "id")?,
            user_ref: col(row, "user_ref")?,
            user_id: col(row, "user_id")?,
            serial: col(row, "serial")?,
            customer: col(row, "customer")?,
            number: col(row, "number")?,
            numbers: col(row, "numbers")?,
            service: col(row, "service")?,
            client_ip: col(row, "client_ip")?,
            text: col(row, "context_text")?,
            state: col(row, "state")?,
            reason: col(row, "reason")?,
            expires_at: col(row, "expires_at")?,
        })
    }
}

/// How an answer to a pending request is recorded.
pub struct PushAnswerWrite<'a> {
    /// The request.
    pub id: &'a str,
    /// The token that answered.
    pub serial: &'a str,
    /// The user's row.
    pub user_ref: &'a str,
    /// `approved` or `denied`.
    pub state: &'a str,
    /// `not_me` or `wrong_number` when denied.
    pub reason: Option<&'a str>,
    /// Denials in a row that lock the user's pushes (0: never).
    pub lock_after: i64,
    /// When (Unix seconds).
    pub now: i64,
}

impl Store {
    /// The active token of `user_id` at `customer` with its device key and the
    /// user's push lock, if there is one.
    pub async fn push_target(
        &self,
        customer: &str,
        user_id: &str,
    ) -> Result<Option<PushTarget>, ServerError> {
        let row = sqlx::query(
            "SELECT t.user_ref, t.serial, t.device_key, u.push_locked \
             FROM tokens t JOIN users u ON u.id = t.user_ref \
             WHERE u.customer = $1 AND u.user_id = $2 AND t.state = 'active'",
        )
        .bind(customer.to_owned())
        .bind(user_id.to_owned())
        .fetch_optional(self.pool())
        .await?;
        row.map(|row| {
            Ok(PushTarget {
                user_ref: col(&row, "user_ref")?,
                serial: col(&row, "serial")?,
                device_key: col(&row, "device_key")?,
                locked: col::<i64>(&row, "push_locked")? != 0,
            })
        })
        .transpose()
    }

    /// The active token `serial` of an enabled customer, with its user.
    pub async fn device_token(&self, serial: &str) -> Result<Option<DeviceToken>, ServerError> {
        let row = sqlx::query(
            "SELECT t.user_ref, t.device_key \
             FROM tokens t JOIN users u ON u.id = t.user_ref \
             JOIN customers c ON c.code = u.customer \
             WHERE t.serial = $1 AND t.state = 'active' AND c.disabled = 0",
        )
        .bind(serial.to_owned())
        .fetch_optional(self.pool())
        .await?;
        row.map(|row| {
            Ok(DeviceToken {
                user_ref: col(&row, "user_ref")?,
                device_key: col(&row, "device_key")?,
            })
        })
        .transpose()
    }

    /// Gives the active token `serial` its device's public key; `false` when it
    /// is not active (any more).
    pub async fn set_device_key(&self, serial: &str, key: &str) -> Result<bool, ServerError> {
        let done =
            sqlx::query("UPDATE tokens SET device_key = $1 WHERE serial = $2 AND state = 'active'")
                .bind(key.to_owned())
                .bind(serial.to_owned())
                .execute(self.pool())
                .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Stores a request unless its user already has `max_pending` pending,
    /// unexpired ones (one statement); `false` when there were too many.
    pub async fn insert_push(
        &self,
        push: &NewPush<'_>,
        max_pending: i64,
    ) -> Result<bool, ServerError> {
        let done = sqlx::query(
            "INSERT INTO push_requests (id, user_ref, serial, customer, api_client, number, numbers, \
                                        service, client_ip, context_text, state, created_at, expires_at) \
             SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'pending', $11, $12 \
             WHERE (SELECT COUNT(*) FROM push_requests \
                    WHERE user_ref = $2 AND state = 'pending' AND expires_at > $11) < $13",
        )
        .bind(push.id.to_owned())
        .bind(push.user_ref.to_owned())
        .bind(push.serial.to_owned())
        .bind(push.customer.to_owned())
        .bind(push.api_client.to_owned())
        .bind(push.number.to_owned())
        .bind(push.numbers.to_owned())
        .bind(push.service.map(str::to_owned))
        .bind(push.client_ip.map(str::to_owned))
        .bind(push.text.map(str::to_owned))
        .bind(push.created_at)
        .bind(push.expires_at)
        .bind(max_pending)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The request `id`, if any.
    pub async fn push_request(&self, id: &str) -> Result<Option<PushRow>, ServerError> {
        let row = sqlx::query(concat!(push_columns!(), "WHERE p.id = $1"))
            .bind(id.to_owned())
            .fetch_optional(self.pool())
            .await?;
        row.map(|row| PushRow::from_row(&row)).transpose()
    }

    /// The pending, unexpired requests for token `serial`, oldest first.
    pub async fn pending_pushes(
        &self,
        serial: &str,
        now: i64,
    ) -> Result<Vec<PushRow>, ServerError> {
        let rows = sqlx::query(concat!(
            push_columns!(),
            "WHERE p.serial = $1 AND p.state = 'pending' AND p.expires_at > $2 \
             ORDER BY p.created_at, p.id LIMIT 20"
        ))
        .bind(serial.to_owned())
        .bind(now)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(PushRow::from_row).collect()
    }

    /// Records an answer if the request is still pending and unexpired (`false`
    /// otherwise, and nothing changed), in one transaction with the user's count
    /// of denials in a row: reset by an approval, raised by a denial, and the
    /// user's pushes locked when it reaches `lock_after`.
    pub async fn answer_push(&self, answer: &PushAnswerWrite<'_>) -> Result<bool, ServerError> {
        let mut tx = self.pool().begin().await?;
        let done = sqlx::query(
            "UPDATE push_requests SET state = $1, reason = $2, answered_at = $3 \
             WHERE id = $4 AND serial = $5 AND state = 'pending' AND expires_at > $3",
        )
        .bind(answer.state.to_owned())
        .bind(answer.reason.map(str::to_owned))
        .bind(answer.now)
        .bind(answer.id.to_owned())
        .bind(answer.serial.to_owned())
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            tx.rollback().await?;
            return Ok(false);
        }
        if answer.state == "approved" {
            sqlx::query("UPDATE users SET push_denials = 0 WHERE id = $1")
                .bind(answer.user_ref.to_owned())
                .execute(&mut *tx)
                .await?;
        } else {
            sqlx::query(
                "UPDATE users SET push_denials = push_denials + 1, \
                   push_locked = CASE WHEN $1 > 0 AND push_denials + 1 >= $1 THEN 1 ELSE push_locked END \
                 WHERE id = $2",
            )
            .bind(answer.lock_after)
            .bind(answer.user_ref.to_owned())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// Clears the user's push lock and denials; `false` when there was neither.
    pub async fn unlock_pushes(&self, user_ref: &str) -> Result<bool, ServerError> {
        let done = sqlx::query(
            "UPDATE users SET push_denials = 0, push_locked = 0 \
             WHERE id = $1 AND (push_denials <> 0 OR push_locked <> 0)",
        )
        .bind(user_ref.to_owned())
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// On PostgreSQL, tells every instance listening on [`NOTIFY_CHANNEL`] that
    /// `key` changed (a user's requests or one request); nothing on SQLite.
    pub async fn notify_push(&self, key: &str) -> Result<(), ServerError> {
        if self.db().backend() != Backend::Postgres {
            return Ok(());
        }
        // pg_notify returns void, which the Any driver cannot decode: ask for a
        // boolean about it instead.
        let _: bool = sqlx::query_scalar("SELECT (pg_notify($1, $2) IS NULL) AS sent")
            .bind(NOTIFY_CHANNEL)
            .bind(key.to_owned())
            .fetch_one(self.pool())
            .await?;
        Ok(())
    }
}
