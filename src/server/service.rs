//! What otpd does, independent of HTTP and of the admin CLI: enrollment, code
//! verification and the admin operations, each audited.
//!
//! Time comes in as a parameter (`now`, Unix seconds) so tests can move it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use sqlx::AnyConnection;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use super::ServerError;
use super::config::ServerConfig;
use super::db::{Backend, Db, col, is_unique_violation};
use super::keys::MasterKey;
use crate::api::ErrorCode;
use crate::api::pake::{self, Context, SessionKeys, b64, random_bytes};
use crate::api::wire::{
    ActivateReply, CustomerInfo, EnrollActivate, EnrollFinish, EnrollFinishReply, EnrollStart,
    EnrollStartReply, PAKE_SUITE, PakeMessage, TotpParams, VerifyReply, VerifyRequest,
};
use crate::code::{self, Algorithm, Digits, Period};
use crate::secret::SecretKey;

/// Wrong tries that burn an activation code, and wrong codes that lock a token.
pub const MAX_FAILURES: i64 = 5;
/// Bytes of a new token's seed (160 bits, as RFC 4226 recommends).
pub const SEED_BYTES: usize = 20;
/// Seconds a finished enrollment may wait for its activation.
pub const PENDING_SECS: u64 = 600;

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
    fn label(&self) -> String {
        match self {
            Actor::Admin(who) => format!("admin:{who}"),
            Actor::Api(name) => format!("api:{name}"),
            Actor::Public(addr) => format!("public:{addr}"),
        }
    }
}

/// Policy taken from the config file.
#[derive(Debug, Clone)]
pub struct Policy {
    /// Answer unknown IDs like wrong codes.
    pub uniform_errors: bool,
    /// Seconds an enrollment session stays open.
    pub session_secs: u64,
    /// Default activation code lifetime in seconds.
    pub activation_ttl_secs: u64,
    /// Algorithm of new tokens.
    pub algorithm: Algorithm,
    /// Digits of new tokens.
    pub digits: Digits,
    /// Period of new tokens.
    pub period: Period,
}

impl Policy {
    /// The policy a config file sets.
    pub fn from_config(config: &ServerConfig) -> Result<Self, ServerError> {
        Ok(Self {
            uniform_errors: config.uniform_errors,
            session_secs: config.enrollment_session_secs.max(1),
            activation_ttl_secs: config.activation_ttl().as_secs(),
            algorithm: config
                .tokens
                .algorithm
                .parse()
                .map_err(|e| ServerError::Config(format!("{e}")))?,
            digits: Digits::new(config.tokens.digits)
                .map_err(|e| ServerError::Config(format!("{e}")))?,
            period: Period::new(config.tokens.period)
                .map_err(|e| ServerError::Config(format!("{e}")))?,
        })
    }
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            uniform_errors: false,
            session_secs: 300,
            activation_ttl_secs: 72 * 3600,
            algorithm: Algorithm::Sha1,
            digits: Digits::SIX,
            period: Period::new(60).unwrap_or(Period::DEFAULT),
        }
    }
}

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
}

/// A row of `user list`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRow {
    /// The user's ID.
    pub user_id: String,
    /// A display name.
    pub display_name: Option<String>,
    /// `active`, `pending`, `locked` or `none`.
    pub token: String,
    /// `live until <time>`, `used`, `burned`, `revoked` or `none`.
    pub activation: String,
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
}

/// A new API key, shown once.
pub struct NewApiKey {
    /// The client id (public).
    pub id: String,
    /// The key to give the login system: `otpk_<id>_<secret>`.
    pub key: Zeroizing<String>,
}

/// How long a checked API key is trusted without asking the database again; a
/// revoked key stops working within this time.
pub const API_KEY_CACHE_SECS: u64 = 2;

/// The server's state: database, master key, policy.
pub struct Service {
    db: Db,
    key: MasterKey,
    policy: Policy,
    /// SHA-256 of recently checked API keys, with the client and when it was checked.
    auth_cache: Mutex<HashMap<[u8; 32], (ApiClient, Instant)>>,
    /// The verification writes' group committer.
    group: OnceLock<GroupCommit>,
}

fn code_err(code: ErrorCode) -> ServerError {
    ServerError::Code(code)
}

fn now_us() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_micros()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// 16 random bytes as lowercase hex.
fn new_id() -> Result<String, ServerError> {
    let mut bytes = [0u8; 16];
    random_bytes(&mut bytes).map_err(|_| ServerError::Random)?;
    Ok(hex(&bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn sha256_hex(data: &[u8]) -> String {
    use sha2::Digest;
    hex(&sha2::Sha256::digest(data))
}

/// A uniformly random 6-digit code from the OS random generator.
fn new_activation_code() -> Result<Zeroizing<String>, ServerError> {
    // 4_294_000_000 is the largest multiple of 10^6 below 2^32: reject above it.
    loop {
        let mut bytes = [0u8; 4];
        random_bytes(&mut bytes).map_err(|_| ServerError::Random)?;
        let n = u32::from_le_bytes(bytes);
        if n < 4_294_000_000 {
            return Ok(Zeroizing::new(format!("{:06}", n % 1_000_000)));
        }
    }
}

fn i64_of(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// Checks a customer code: 1–32 letters, digits, `-` or `_`.
pub fn valid_customer_code(code: &str) -> bool {
    (1..=32).contains(&code.len())
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Checks a user ID: 1–128 characters, no control characters, no outer spaces.
pub fn valid_user_id(id: &str) -> bool {
    (1..=128).contains(&id.chars().count()) && !id.chars().any(char::is_control) && id.trim() == id
}

fn valid_device_name(name: &str) -> bool {
    name.chars().count() <= 64 && !name.chars().any(char::is_control)
}

/// A token row as verification needs it.
struct TokenRow {
    serial: String,
    user_ref: String,
    seed_sealed: String,
    algorithm: String,
    digits: i64,
    period: i64,
    last_step: i64,
    fail_count: i64,
}

impl TokenRow {
    fn from_row(row: &sqlx::any::AnyRow) -> Result<Self, ServerError> {
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

/// Which step of T and T-1 `otp` is the code of, if any; both compared in
/// constant time.
fn matching_step(
    secret: &SecretKey,
    algorithm: Algorithm,
    digits: Digits,
    period: Period,
    now: u64,
    otp: &str,
) -> Option<u64> {
    let current = now / u64::from(period.seconds());
    let mut found = None;
    for step in [current.saturating_sub(1), current] {
        let expected = code::hotp(secret, algorithm, digits, step);
        if bool::from(expected.as_str().as_bytes().ct_eq(otp.as_bytes())) {
            found = Some(step);
        }
    }
    found
}

/// Seconds since the epoch, from the system clock.
pub fn unix_now() -> Result<u64, ServerError> {
    crate::clock::unix_now().map_err(|_| ServerError::Clock)
}

async fn audit(
    conn: &mut AnyConnection,
    actor: &Actor,
    action: &str,
    customer: Option<&str>,
    user_id: Option<&str>,
    outcome: &str,
    detail: Option<&str>,
) -> Result<(), ServerError> {
    sqlx::query(
        "INSERT INTO audit (id, at_us, actor, action, customer, user_id, outcome, detail) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(new_id()?)
    .bind(now_us())
    .bind(actor.label())
    .bind(action.to_owned())
    .bind(customer.map(str::to_owned))
    .bind(user_id.map(str::to_owned))
    .bind(outcome.to_owned())
    .bind(detail.map(str::to_owned))
    .execute(conn)
    .await?;
    Ok(())
}

fn outcome_of<T>(result: &Result<T, ServerError>) -> String {
    match result {
        Ok(_) => "ok".to_owned(),
        Err(error) => error.outcome().to_owned(),
    }
}

impl Service {
    /// The service over an open database.
    pub fn new(db: Db, key: MasterKey, policy: Policy) -> Self {
        Self {
            db,
            key,
            policy,
            auth_cache: Mutex::new(HashMap::new()),
            group: OnceLock::new(),
        }
    }

    /// The database.
    pub fn db(&self) -> &Db {
        &self.db
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
        let mut conn = self.db.pool().acquire().await?;
        audit(&mut conn, actor, action, customer, user_id, outcome, detail).await
    }

    async fn audited<T>(
        &self,
        actor: &Actor,
        action: &str,
        customer: Option<&str>,
        user_id: Option<&str>,
        result: Result<T, ServerError>,
    ) -> Result<T, ServerError> {
        let outcome = outcome_of(&result);
        self.audit(actor, action, customer, user_id, &outcome, None)
            .await?;
        result
    }

    // ---------------------------------------------------------------- public API

    /// `GET /v1/customers/{code}`, audited.
    pub async fn customer_lookup(
        &self,
        actor: &Actor,
        code: &str,
    ) -> Result<CustomerInfo, ServerError> {
        let result = self.lookup_customer(code).await;
        // An unusable code is audited without the text sent.
        let customer = valid_customer_code(code).then_some(code);
        self.audited(actor, "customer.lookup", customer, None, result)
            .await
    }

    /// The organisation behind a customer code (CE1001 when unknown or disabled).
    pub async fn lookup_customer(&self, code: &str) -> Result<CustomerInfo, ServerError> {
        if !valid_customer_code(code) {
            return Err(code_err(ErrorCode::Ce1002));
        }
        let row = sqlx::query(
            "SELECT code, name, server_url FROM customers WHERE code = $1 AND disabled = 0",
        )
        .bind(code.to_owned())
        .fetch_optional(self.db.pool())
        .await?
        .ok_or(code_err(ErrorCode::Ce1001))?;
        Ok(CustomerInfo {
            code: col(&row, "code")?,
            name: col(&row, "name")?,
            server: col(&row, "server_url")?,
        })
    }

    /// `POST /v1/enroll/start`: runs the server's side of SPAKE2 and keeps the
    /// derived keys (sealed) for `finish`. Nothing keyed by them is sent yet.
    pub async fn enroll_start(
        &self,
        actor: &Actor,
        request: &EnrollStart,
        now: u64,
    ) -> Result<EnrollStartReply, ServerError> {
        let result = self.enroll_start_inner(request, now).await;
        self.audited(
            actor,
            "enroll.start",
            Some(&request.customer),
            Some(&request.user_id),
            result,
        )
        .await
    }

    async fn enroll_start_inner(
        &self,
        request: &EnrollStart,
        now: u64,
    ) -> Result<EnrollStartReply, ServerError> {
        if !valid_customer_code(&request.customer)
            || !valid_user_id(&request.user_id)
            || !pake::valid_enrollment_id(&request.enrollment_id)
            || request.pake.suite != PAKE_SUITE
            || !request.device_name.as_deref().is_none_or(valid_device_name)
        {
            return Err(code_err(ErrorCode::Ce1002));
        }
        self.lookup_customer(&request.customer).await?;
        let context = Context {
            customer: &request.customer,
            user_id: &request.user_id,
            enrollment_id: &request.enrollment_id,
        };
        let live = self
            .live_activation(&request.customer, &request.user_id, now)
            .await;
        let (activation_id, msg_b, keys) = match live {
            Ok((activation_id, code)) => {
                let (msg_b, keys) = pake::server_exchange(&code, &context, &request.pake.msg)
                    .map_err(|_| code_err(ErrorCode::Ce1002))?;
                (Some(activation_id), msg_b, keys)
            }
            Err(ServerError::Code(ErrorCode::Se3005 | ErrorCode::Se3010))
                if self.policy.uniform_errors =>
            {
                // A decoy session: it looks like any other and fails at finish with
                // SE3010, exactly like a wrong code.
                let decoy = new_activation_code()?;
                let (msg_b, _) = pake::server_exchange(&decoy, &context, &request.pake.msg)
                    .map_err(|_| code_err(ErrorCode::Ce1002))?;
                (
                    None,
                    msg_b,
                    SessionKeys::random().map_err(|_| ServerError::Random)?,
                )
            }
            Err(error) => return Err(error),
        };
        let sealed = self.key.seal(
            &format!("enrollment|{}", request.enrollment_id),
            &keys.to_bytes(),
        )?;
        let inserted = sqlx::query(
            "INSERT INTO enrollments (id, activation_id, keys_sealed, device_name, state, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, 'open', $5, $6)",
        )
        .bind(request.enrollment_id.clone())
        .bind(activation_id)
        .bind(sealed)
        .bind(request.device_name.clone())
        .bind(i64_of(now))
        .bind(i64_of(now + self.policy.session_secs))
        .execute(self.db.pool())
        .await;
        match inserted {
            Ok(_) => {}
            Err(e) if is_unique_violation(&e) => return Err(code_err(ErrorCode::Ce1002)),
            Err(e) => return Err(e.into()),
        }
        Ok(EnrollStartReply {
            enrollment_id: request.enrollment_id.clone(),
            pake: PakeMessage {
                suite: PAKE_SUITE.to_owned(),
                msg: msg_b,
            },
            expires_in: self.policy.session_secs,
        })
    }

    /// The user's live activation code (id and code), or SE3005 / SE3010.
    async fn live_activation(
        &self,
        customer: &str,
        user_id: &str,
        now: u64,
    ) -> Result<(String, Zeroizing<String>), ServerError> {
        let user_ref = self
            .user_ref(customer, user_id)
            .await?
            .ok_or(code_err(ErrorCode::Se3005))?;
        let row = sqlx::query(
            "SELECT id, code_sealed, attempts, expires_at FROM activations \
             WHERE user_ref = $1 AND state = 'live'",
        )
        .bind(user_ref.clone())
        .fetch_optional(self.db.pool())
        .await?;
        let Some(row) = row else {
            let any: Option<i64> =
                sqlx::query_scalar("SELECT COUNT(*) FROM activations WHERE user_ref = $1")
                    .bind(user_ref)
                    .fetch_optional(self.db.pool())
                    .await?;
            return Err(code_err(if any.unwrap_or(0) > 0 {
                ErrorCode::Se3010
            } else {
                ErrorCode::Se3005
            }));
        };
        let id: String = col(&row, "id")?;
        let attempts: i64 = col(&row, "attempts")?;
        let expires_at: i64 = col(&row, "expires_at")?;
        if attempts >= MAX_FAILURES || expires_at <= i64_of(now) {
            return Err(code_err(ErrorCode::Se3010));
        }
        let sealed: String = col(&row, "code_sealed")?;
        let code = self.key.open(&format!("activation|{id}"), &sealed)?;
        let code = Zeroizing::new(String::from_utf8_lossy(&code).into_owned());
        Ok((id, code))
    }

    async fn user_ref(&self, customer: &str, user_id: &str) -> Result<Option<String>, ServerError> {
        Ok(
            sqlx::query_scalar("SELECT id FROM users WHERE customer = $1 AND user_id = $2")
                .bind(customer.to_owned())
                .bind(user_id.to_owned())
                .fetch_optional(self.db.pool())
                .await?,
        )
    }

    /// `POST /v1/enroll/finish`: checks the client's proof first (each check uses
    /// one of the code's 5 tries, reserved atomically beforehand), and only then
    /// burns the code, creates the pending token and sends the sealed seed.
    pub async fn enroll_finish(
        &self,
        actor: &Actor,
        request: &EnrollFinish,
        now: u64,
    ) -> Result<EnrollFinishReply, ServerError> {
        let (result, who) = self.enroll_finish_inner(request, now).await;
        let (customer, user_id) = who.unwrap_or_default();
        self.audited(
            actor,
            "enroll.finish",
            Some(&customer)
                .filter(|c| !c.is_empty())
                .map(String::as_str),
            Some(&user_id).filter(|u| !u.is_empty()).map(String::as_str),
            result,
        )
        .await
    }

    async fn enroll_finish_inner(
        &self,
        request: &EnrollFinish,
        now: u64,
    ) -> (
        Result<EnrollFinishReply, ServerError>,
        Option<(String, String)>,
    ) {
        if !pake::valid_enrollment_id(&request.enrollment_id) {
            return (Err(code_err(ErrorCode::Ce1002)), None);
        }
        let row = match sqlx::query(
            "SELECT e.activation_id, e.keys_sealed, e.expires_at, e.device_name, \
                    u.customer, u.user_id, u.id AS user_ref, c.name \
             FROM enrollments e \
             LEFT JOIN activations a ON a.id = e.activation_id \
             LEFT JOIN users u ON u.id = a.user_ref \
             LEFT JOIN customers c ON c.code = u.customer \
             WHERE e.id = $1 AND e.state = 'open'",
        )
        .bind(request.enrollment_id.clone())
        .fetch_optional(self.db.pool())
        .await
        {
            Ok(Some(row)) => row,
            Ok(None) => return (Err(code_err(ErrorCode::Se3020)), None),
            Err(e) => return (Err(e.into()), None),
        };
        let fields = (|| -> Result<_, ServerError> {
            Ok((
                col::<Option<String>>(&row, "activation_id")?,
                col::<String>(&row, "keys_sealed")?,
                col::<i64>(&row, "expires_at")?,
                col::<Option<String>>(&row, "device_name")?,
                col::<Option<String>>(&row, "customer")?,
                col::<Option<String>>(&row, "user_id")?,
                col::<Option<String>>(&row, "user_ref")?,
                col::<Option<String>>(&row, "name")?,
            ))
        })();
        let (activation_id, keys_sealed, expires_at, device_name, customer, user_id, user_ref, org) =
            match fields {
                Ok(fields) => fields,
                Err(e) => return (Err(e), None),
            };
        let who = customer.clone().zip(user_id.clone());
        let result = async {
            // One session, one try: close it before anything else.
            let closed = sqlx::query(
                "UPDATE enrollments SET state = 'done' WHERE id = $1 AND state = 'open'",
            )
            .bind(request.enrollment_id.clone())
            .execute(self.db.pool())
            .await?;
            if closed.rows_affected() != 1 {
                return Err(code_err(ErrorCode::Se3020));
            }
            if expires_at <= i64_of(now) {
                return Err(code_err(ErrorCode::Se3020));
            }
            let (Some(activation_id), Some(user_ref), Some(user_id), Some(org)) =
                (activation_id, user_ref, user_id, org)
            else {
                return Err(code_err(ErrorCode::Se3010)); // a decoy session
            };
            // Reserve one of the 5 tries before checking, so parallel guesses can
            // never check more than 5 codes.
            let reserved: Option<i64> = sqlx::query_scalar(
                "UPDATE activations SET attempts = attempts + 1 \
                 WHERE id = $1 AND state = 'live' AND attempts < $2 AND expires_at > $3 \
                 RETURNING attempts",
            )
            .bind(activation_id.clone())
            .bind(MAX_FAILURES)
            .bind(i64_of(now))
            .fetch_optional(self.db.pool())
            .await?;
            let Some(attempts) = reserved else {
                return Err(code_err(ErrorCode::Se3010));
            };
            let keys = self
                .key
                .open(&format!("enrollment|{}", request.enrollment_id), &keys_sealed)?;
            let keys = SessionKeys::from_bytes(&keys).map_err(|_| ServerError::Sealed)?;
            if keys.verify_client_confirm(&request.client_confirm).is_err() {
                if attempts >= MAX_FAILURES {
                    sqlx::query(
                        "UPDATE activations SET state = 'burned' WHERE id = $1 AND state = 'live'",
                    )
                    .bind(activation_id)
                    .execute(self.db.pool())
                    .await?;
                }
                return Err(code_err(ErrorCode::Se3010));
            }
            // The proof verified: use up the code and create the pending token.
            let mut seed = Zeroizing::new(vec![0u8; SEED_BYTES]);
            random_bytes(&mut seed).map_err(|_| ServerError::Random)?;
            let serial = format!("OTPD-{}", &new_id()?[..16].to_uppercase());
            let sealed_seed = self.key.seal(&format!("seed|{serial}"), &seed)?;
            let mut tx = self.db.pool().begin().await?;
            let used = sqlx::query(
                "UPDATE activations SET state = 'used' WHERE id = $1 AND state = 'live'",
            )
            .bind(activation_id)
            .execute(&mut *tx)
            .await?;
            if used.rows_affected() != 1 {
                return Err(code_err(ErrorCode::Se3010));
            }
            sqlx::query(
                "INSERT INTO tokens (serial, user_ref, seed_sealed, algorithm, digits, period, state, \
                                     last_step, fail_count, device_name, created_at, pending_until) \
                 VALUES ($1, $2, $3, $4, $5, $6, 'pending', -1, 0, $7, $8, $9)",
            )
            .bind(serial.clone())
            .bind(user_ref)
            .bind(sealed_seed)
            .bind(self.policy.algorithm.as_str().to_owned())
            .bind(i64::from(self.policy.digits.get()))
            .bind(i64::from(self.policy.period.seconds()))
            .bind(device_name)
            .bind(i64_of(now))
            .bind(i64_of(now + PENDING_SECS))
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            let totp = TotpParams {
                algorithm: self.policy.algorithm.as_str().to_owned(),
                digits: self.policy.digits.get(),
                period: self.policy.period.seconds(),
            };
            let aad = pake::seal_aad(&serial, &org, &user_id, &totp);
            let sealed_secret = keys.seal(&seed, &aad).map_err(|_| ServerError::Random)?;
            Ok(EnrollFinishReply {
                serial,
                issuer: org,
                account: user_id,
                totp,
                sealed_secret,
                server_confirm: keys.server_confirm(),
            })
        }
        .await;
        (result, who)
    }

    /// `POST /v1/enroll/activate`: one current code moves the token from pending to
    /// active and replaces the user's previous token in the same transaction.
    pub async fn enroll_activate(
        &self,
        actor: &Actor,
        request: &EnrollActivate,
        now: u64,
    ) -> Result<ActivateReply, ServerError> {
        let result = self.activate_inner(request, now).await;
        self.audited(actor, "enroll.activate", None, None, result)
            .await
    }

    async fn activate_inner(
        &self,
        request: &EnrollActivate,
        now: u64,
    ) -> Result<ActivateReply, ServerError> {
        if request.serial.len() > 64 || request.otp.len() > 16 {
            return Err(code_err(ErrorCode::Ce1002));
        }
        let row = sqlx::query(
            "SELECT t.serial, t.user_ref, t.seed_sealed, t.algorithm, t.digits, t.period, \
                    t.last_step, t.fail_count, t.pending_until \
             FROM tokens t WHERE t.serial = $1 AND t.state = 'pending'",
        )
        .bind(request.serial.clone())
        .fetch_optional(self.db.pool())
        .await?
        .ok_or(code_err(ErrorCode::Se4004))?;
        let pending_until: i64 = col(&row, "pending_until")?;
        let token = TokenRow::from_row(&row)?;
        if pending_until <= i64_of(now) {
            return Err(code_err(ErrorCode::Se3020));
        }
        let step = match self.check_code(&token, &request.otp, now)? {
            Some(step) => step,
            None => {
                self.count_failure(&token.serial, "pending").await?;
                return Err(code_err(ErrorCode::Se4001));
            }
        };
        let mut tx = self.db.pool().begin().await?;
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
        .bind(i64_of(step))
        .bind(i64_of(now))
        .bind(token.serial.clone())
        .bind(MAX_FAILURES)
        .execute(&mut *tx)
        .await?;
        if activated.rows_affected() != 1 {
            tx.rollback().await?;
            return Err(code_err(if token.fail_count >= MAX_FAILURES {
                ErrorCode::Se4003
            } else {
                ErrorCode::Se4002
            }));
        }
        tx.commit().await?;
        Ok(ActivateReply {
            status: "active".to_owned(),
            replaced_previous: replaced.rows_affected() > 0,
        })
    }

    /// Decrypts the seed and finds which of T and T-1 `otp` belongs to.
    fn check_code(
        &self,
        token: &TokenRow,
        otp: &str,
        now: u64,
    ) -> Result<Option<u64>, ServerError> {
        let digits = u8::try_from(token.digits)
            .ok()
            .and_then(|d| Digits::new(d).ok())
            .ok_or_else(|| ServerError::Database("a token has invalid digits".to_owned()))?;
        if otp.len() != usize::from(digits.get()) || !otp.bytes().all(|b| b.is_ascii_digit()) {
            return Err(code_err(ErrorCode::Ce1002));
        }
        let algorithm: Algorithm = token
            .algorithm
            .parse()
            .map_err(|_| ServerError::Database("a token has an invalid algorithm".to_owned()))?;
        let period = u32::try_from(token.period)
            .ok()
            .and_then(|p| Period::new(p).ok())
            .ok_or_else(|| ServerError::Database("a token has an invalid period".to_owned()))?;
        let seed = self
            .key
            .open(&format!("seed|{}", token.serial), &token.seed_sealed)?;
        let secret = SecretKey::from_bytes(seed.to_vec());
        Ok(matching_step(&secret, algorithm, digits, period, now, otp))
    }

    /// Adds one to the token's consecutive failures (up to the lock).
    async fn count_failure(&self, serial: &str, state: &'static str) -> Result<(), ServerError> {
        sqlx::query(
            "UPDATE tokens SET fail_count = fail_count + 1 \
             WHERE serial = $1 AND state = $2 AND fail_count < $3",
        )
        .bind(serial.to_owned())
        .bind(state)
        .bind(MAX_FAILURES)
        .execute(self.db.pool())
        .await?;
        Ok(())
    }

    /// Checks an API key (`otpk_<id>_<secret>`) against its stored SHA-256. A key
    /// that checked out is trusted for [`API_KEY_CACHE_SECS`] without a query.
    pub async fn authenticate(&self, key: &str) -> Result<ApiClient, ServerError> {
        use sha2::Digest;
        let fingerprint: [u8; 32] = sha2::Sha256::digest(key.as_bytes()).into();
        let fresh = Duration::from_secs(API_KEY_CACHE_SECS);
        if let Ok(cache) = self.auth_cache.lock()
            && let Some((client, checked)) = cache.get(&fingerprint)
            && checked.elapsed() < fresh
        {
            return Ok(client.clone());
        }
        let client = self.authenticate_uncached(key).await?;
        if let Ok(mut cache) = self.auth_cache.lock() {
            if cache.len() >= 10_000 {
                cache.retain(|_, (_, checked)| checked.elapsed() < fresh);
            }
            cache.insert(fingerprint, (client.clone(), Instant::now()));
        }
        Ok(client)
    }

    async fn authenticate_uncached(&self, key: &str) -> Result<ApiClient, ServerError> {
        let refused = || code_err(ErrorCode::Se5001);
        let rest = key.strip_prefix("otpk_").ok_or_else(refused)?;
        let (id, secret) = rest.split_once('_').ok_or_else(refused)?;
        if id.len() != 32 || secret.is_empty() || secret.len() > 128 {
            return Err(refused());
        }
        let row = sqlx::query(
            "SELECT a.customer, a.name, a.key_hash FROM api_clients a \
             JOIN customers c ON c.code = a.customer \
             WHERE a.id = $1 AND a.revoked = 0 AND c.disabled = 0",
        )
        .bind(id.to_owned())
        .fetch_optional(self.db.pool())
        .await?
        .ok_or_else(refused)?;
        let stored: String = col(&row, "key_hash")?;
        let given = sha256_hex(secret.as_bytes());
        if !bool::from(stored.as_bytes().ct_eq(given.as_bytes())) {
            return Err(refused());
        }
        Ok(ApiClient {
            id: id.to_owned(),
            customer: col(&row, "customer")?,
            name: col(&row, "name")?,
        })
    }

    /// `POST /v1/verify`: accepts the code of step T or T-1 once, never a step at or
    /// before the last accepted one; 5 wrong codes in a row lock the token. The
    /// state change and its audit entry are committed before the answer, together
    /// with other verifications' changes (see [`GroupCommit`]).
    pub async fn verify(
        &self,
        client: &ApiClient,
        request: &VerifyRequest,
        now: u64,
    ) -> Result<VerifyReply, ServerError> {
        if !valid_user_id(&request.user_id) || request.otp.len() > 16 {
            return Err(code_err(ErrorCode::Ce1002));
        }
        let mut write = VerifyWrite {
            actor: Actor::Api(client.name.clone()).label(),
            customer: client.customer.clone(),
            user_id: request.user_id.clone(),
            action: WriteAction::Refused(ErrorCode::Se4004),
        };
        let row = sqlx::query(
            "SELECT t.serial, t.user_ref, t.seed_sealed, t.algorithm, t.digits, t.period, \
                    t.last_step, t.fail_count \
             FROM tokens t JOIN users u ON u.id = t.user_ref \
             WHERE u.customer = $1 AND u.user_id = $2 AND t.state = 'active'",
        )
        .bind(client.customer.clone())
        .bind(request.user_id.clone())
        .fetch_optional(self.db.pool())
        .await?;
        write.action = match row {
            None if self.policy.uniform_errors => WriteAction::Refused(ErrorCode::Se4001),
            None => WriteAction::Refused(ErrorCode::Se4004),
            Some(row) => {
                let token = TokenRow::from_row(&row)?;
                if token.fail_count >= MAX_FAILURES {
                    WriteAction::Refused(ErrorCode::Se4003)
                } else {
                    match self.check_code(&token, &request.otp, now) {
                        Err(ServerError::Code(code)) => WriteAction::Refused(code),
                        Err(error) => return Err(error),
                        // A replay seen in the row already read needs no UPDATE; races
                        // are settled by the conditional UPDATE of `Accept`.
                        Ok(Some(step)) if i64_of(step) <= token.last_step => {
                            WriteAction::Refused(ErrorCode::Se4002)
                        }
                        Ok(Some(step)) => WriteAction::Accept {
                            serial: token.serial,
                            step: i64_of(step),
                        },
                        Ok(None) => WriteAction::Fail {
                            serial: token.serial,
                        },
                    }
                }
            }
        };
        let outcome = match self.group_commit() {
            Some(group) => group.submit(write).await?,
            None => {
                let mut tx = self.db.pool().begin().await?;
                let outcome = write.apply(&mut tx).await?;
                tx.commit().await?;
                outcome
            }
        };
        outcome
            .map(|step| VerifyReply {
                ok: true,
                step: u64::try_from(step).unwrap_or(0),
            })
            .map_err(code_err)
    }

    /// The group committer, started on first use (inside the runtime).
    fn group_commit(&self) -> Option<&GroupCommit> {
        let pool = self.db.commit_pool()?;
        let workers = match self.db.backend() {
            Backend::Sqlite => 1,
            Backend::Postgres => COMMIT_WORKERS_POSTGRES,
        };
        Some(
            self.group
                .get_or_init(|| GroupCommit::start(pool.clone(), workers)),
        )
    }

    // ---------------------------------------------------------------- admin

    /// `otpd customer add`.
    pub async fn customer_add(
        &self,
        actor: &Actor,
        code: &str,
        name: &str,
        server_url: Option<&str>,
        now: u64,
    ) -> Result<(), ServerError> {
        let result = async {
            if !valid_customer_code(code) {
                return Err(ServerError::Admin(format!(
                    "{code:?} is not a usable customer code: use 1 to 32 letters, digits, - or _"
                )));
            }
            if name.trim().is_empty() || name.chars().any(char::is_control) {
                return Err(ServerError::Admin(
                    "the organisation name must be non-empty, without control characters"
                        .to_owned(),
                ));
            }
            let inserted = sqlx::query(
                "INSERT INTO customers (code, name, server_url, disabled, created_at) VALUES ($1, $2, $3, 0, $4)",
            )
            .bind(code.to_owned())
            .bind(name.to_owned())
            .bind(server_url.map(str::to_owned))
            .bind(i64_of(now))
            .execute(self.db.pool())
            .await;
            match inserted {
                Ok(_) => Ok(()),
                Err(e) if is_unique_violation(&e) => Err(ServerError::Admin(format!(
                    "customer {code} already exists; see `otpd customer list`"
                ))),
                Err(e) => Err(e.into()),
            }
        }
        .await;
        self.audited(actor, "customer.add", Some(code), None, result)
            .await
    }

    /// `otpd customer list`.
    pub async fn customer_list(&self) -> Result<Vec<CustomerRow>, ServerError> {
        let rows = sqlx::query(
            "SELECT c.code, c.name, c.disabled, \
                    (SELECT COUNT(*) FROM users u WHERE u.customer = c.code) AS users \
             FROM customers c ORDER BY c.code",
        )
        .fetch_all(self.db.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(CustomerRow {
                    code: col(row, "code")?,
                    name: col(row, "name")?,
                    disabled: col::<i64>(row, "disabled")? != 0,
                    users: col(row, "users")?,
                })
            })
            .collect()
    }

    /// `otpd customer disable`: lookups, enrollment and its API keys stop working.
    pub async fn customer_disable(&self, actor: &Actor, code: &str) -> Result<(), ServerError> {
        let result = async {
            let done = sqlx::query("UPDATE customers SET disabled = 1 WHERE code = $1")
                .bind(code.to_owned())
                .execute(self.db.pool())
                .await?;
            if done.rows_affected() == 0 {
                return Err(no_customer(code));
            }
            Ok(())
        }
        .await;
        self.audited(actor, "customer.disable", Some(code), None, result)
            .await
    }

    async fn require_customer(&self, code: &str) -> Result<(), ServerError> {
        let found: Option<String> =
            sqlx::query_scalar("SELECT code FROM customers WHERE code = $1")
                .bind(code.to_owned())
                .fetch_optional(self.db.pool())
                .await?;
        found.map(|_| ()).ok_or_else(|| no_customer(code))
    }

    async fn require_user(&self, customer: &str, user_id: &str) -> Result<String, ServerError> {
        self.require_customer(customer).await?;
        self.user_ref(customer, user_id).await?.ok_or_else(|| {
            ServerError::Admin(format!(
                "customer {customer} has no user {user_id:?}; add it with `otpd user add --customer {customer} {user_id}`"
            ))
        })
    }

    /// `otpd user add`.
    pub async fn user_add(
        &self,
        actor: &Actor,
        customer: &str,
        user_id: &str,
        display_name: Option<&str>,
        now: u64,
    ) -> Result<(), ServerError> {
        let result = async {
            self.require_customer(customer).await?;
            if !valid_user_id(user_id) {
                return Err(ServerError::Admin(format!(
                    "{user_id:?} is not a usable ID: 1 to 128 characters, no control characters or outer spaces"
                )));
            }
            let inserted = sqlx::query(
                "INSERT INTO users (id, customer, user_id, display_name, created_at) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(new_id()?)
            .bind(customer.to_owned())
            .bind(user_id.to_owned())
            .bind(display_name.map(str::to_owned))
            .bind(i64_of(now))
            .execute(self.db.pool())
            .await;
            match inserted {
                Ok(_) => Ok(()),
                Err(e) if is_unique_violation(&e) => Err(ServerError::Admin(format!(
                    "customer {customer} already has a user {user_id:?}"
                ))),
                Err(e) => Err(e.into()),
            }
        }
        .await;
        self.audited(actor, "user.add", Some(customer), Some(user_id), result)
            .await
    }

    /// `otpd user list`.
    pub async fn user_list(&self, customer: &str, now: u64) -> Result<Vec<UserRow>, ServerError> {
        self.require_customer(customer).await?;
        let rows = sqlx::query(
            "SELECT u.user_id, u.display_name, \
               (SELECT t.fail_count FROM tokens t WHERE t.user_ref = u.id AND t.state = 'active') AS active_fails, \
               (SELECT COUNT(*) FROM tokens t WHERE t.user_ref = u.id AND t.state = 'pending') AS pending, \
               (SELECT a.state FROM activations a WHERE a.user_ref = u.id ORDER BY a.created_at DESC, a.id LIMIT 1) AS act_state, \
               (SELECT a.expires_at FROM activations a WHERE a.user_ref = u.id ORDER BY a.created_at DESC, a.id LIMIT 1) AS act_expires \
             FROM users u WHERE u.customer = $1 ORDER BY u.user_id",
        )
        .bind(customer.to_owned())
        .fetch_all(self.db.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let fails: Option<i64> = col(row, "active_fails")?;
                let pending: i64 = col(row, "pending")?;
                let token = match fails {
                    Some(f) if f >= MAX_FAILURES => "locked".to_owned(),
                    Some(_) => "active".to_owned(),
                    None if pending > 0 => "pending".to_owned(),
                    None => "none".to_owned(),
                };
                let state: Option<String> = col(row, "act_state")?;
                let expires: Option<i64> = col(row, "act_expires")?;
                let activation = match (state.as_deref(), expires) {
                    (Some("live"), Some(e)) if e <= i64_of(now) => "expired".to_owned(),
                    (Some("live"), Some(e)) => format!("live until {}", format_time(e)),
                    (Some(s), _) => s.to_owned(),
                    (None, _) => "none".to_owned(),
                };
                Ok(UserRow {
                    user_id: col(row, "user_id")?,
                    display_name: col(row, "display_name")?,
                    token,
                    activation,
                })
            })
            .collect()
    }

    /// `otpd issue`: a new 6-digit activation code from the OS random generator,
    /// sealed at rest; any earlier live code of the user is revoked in the same
    /// transaction. The code is returned to be shown once, never logged.
    pub async fn issue(
        &self,
        actor: &Actor,
        customer: &str,
        user_id: &str,
        ttl_secs: Option<u64>,
        now: u64,
    ) -> Result<(Zeroizing<String>, u64), ServerError> {
        let result: Result<(Zeroizing<String>, u64), ServerError> = async {
            let user_ref = self.require_user(customer, user_id).await?;
            let ttl = ttl_secs.unwrap_or(self.policy.activation_ttl_secs);
            let code = new_activation_code()?;
            let id = new_id()?;
            let sealed = self.key.seal(&format!("activation|{id}"), code.as_bytes())?;
            let mut tx = self.db.pool().begin().await?;
            let revoked = sqlx::query(
                "UPDATE activations SET state = 'revoked' WHERE user_ref = $1 AND state = 'live'",
            )
            .bind(user_ref.clone())
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO activations (id, user_ref, code_sealed, state, attempts, created_at, expires_at) \
                 VALUES ($1, $2, $3, 'live', 0, $4, $5)",
            )
            .bind(id)
            .bind(user_ref)
            .bind(sealed)
            .bind(i64_of(now))
            .bind(i64_of(now + ttl))
            .execute(&mut *tx)
            .await?;
            let detail = format!(
                "ttl {ttl} s{}",
                if revoked.rows_affected() > 0 {
                    ", previous code revoked"
                } else {
                    ""
                }
            );
            audit(
                &mut tx,
                actor,
                "issue",
                Some(customer),
                Some(user_id),
                "ok",
                Some(&detail),
            )
            .await?;
            tx.commit().await?;
            Ok((code, now + ttl))
        }
        .await;
        if let Err(error) = &result {
            self.audit(
                actor,
                "issue",
                Some(customer),
                Some(user_id),
                error.outcome(),
                None,
            )
            .await?;
        }
        result
    }

    /// `otpd unlock`: clears the failure count of the user's token.
    pub async fn unlock(
        &self,
        actor: &Actor,
        customer: &str,
        user_id: &str,
    ) -> Result<(), ServerError> {
        let result = async {
            let user_ref = self.require_user(customer, user_id).await?;
            let done = sqlx::query(
                "UPDATE tokens SET fail_count = 0 WHERE user_ref = $1 AND state IN ('active', 'pending')",
            )
            .bind(user_ref)
            .execute(self.db.pool())
            .await?;
            if done.rows_affected() == 0 {
                return Err(ServerError::Admin(format!(
                    "{user_id:?} has no token to unlock; issue an activation code with `otpd issue`"
                )));
            }
            Ok(())
        }
        .await;
        self.audited(actor, "unlock", Some(customer), Some(user_id), result)
            .await
    }

    /// `otpd revoke`: the user's token (a lost device) and any live activation code.
    pub async fn revoke(
        &self,
        actor: &Actor,
        customer: &str,
        user_id: &str,
    ) -> Result<u64, ServerError> {
        let result = async {
            let user_ref = self.require_user(customer, user_id).await?;
            let mut tx = self.db.pool().begin().await?;
            let tokens = sqlx::query(
                "UPDATE tokens SET state = 'revoked' WHERE user_ref = $1 AND state IN ('active', 'pending')",
            )
            .bind(user_ref.clone())
            .execute(&mut *tx)
            .await?;
            let codes = sqlx::query(
                "UPDATE activations SET state = 'revoked' WHERE user_ref = $1 AND state = 'live'",
            )
            .bind(user_ref)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(tokens.rows_affected() + codes.rows_affected())
        }
        .await;
        self.audited(actor, "revoke", Some(customer), Some(user_id), result)
            .await
    }

    /// `otpd client add`: a new API key for a login system, stored as SHA-256 (the
    /// key has 256 random bits, so a plain hash is enough); returned once.
    pub async fn client_add(
        &self,
        actor: &Actor,
        customer: &str,
        name: &str,
        now: u64,
    ) -> Result<NewApiKey, ServerError> {
        let result = async {
            self.require_customer(customer).await?;
            let id = new_id()?;
            let mut secret = Zeroizing::new([0u8; 32]);
            random_bytes(secret.as_mut()).map_err(|_| ServerError::Random)?;
            let secret_text = Zeroizing::new(b64(secret.as_ref()));
            sqlx::query(
                "INSERT INTO api_clients (id, customer, name, key_hash, revoked, created_at) VALUES ($1, $2, $3, $4, 0, $5)",
            )
            .bind(id.clone())
            .bind(customer.to_owned())
            .bind(name.to_owned())
            .bind(sha256_hex(secret_text.as_bytes()))
            .bind(i64_of(now))
            .execute(self.db.pool())
            .await?;
            let key = Zeroizing::new(format!("otpk_{id}_{}", secret_text.as_str()));
            Ok(NewApiKey { id, key })
        }
        .await;
        let outcome = outcome_of(&result);
        let detail = result
            .as_ref()
            .ok()
            .map(|k| format!("client {} ({name})", k.id));
        self.audit(
            actor,
            "client.add",
            Some(customer),
            None,
            &outcome,
            detail.as_deref(),
        )
        .await?;
        result
    }

    /// `otpd client revoke`.
    pub async fn client_revoke(&self, actor: &Actor, id: &str) -> Result<(), ServerError> {
        let result = async {
            let done = sqlx::query("UPDATE api_clients SET revoked = 1 WHERE id = $1")
                .bind(id.to_owned())
                .execute(self.db.pool())
                .await?;
            if done.rows_affected() == 0 {
                return Err(ServerError::Admin(format!("no API client with id {id}")));
            }
            Ok(())
        }
        .await;
        let outcome = outcome_of(&result);
        self.audit(
            actor,
            "client.revoke",
            None,
            None,
            &outcome,
            Some(&format!("client {id}")),
        )
        .await?;
        result
    }

    /// `otpd audit`: the latest entries, newest last.
    pub async fn audit_list(
        &self,
        limit: u32,
        customer: Option<&str>,
    ) -> Result<Vec<AuditRow>, ServerError> {
        let rows = sqlx::query(
            "SELECT at_us, actor, action, customer, user_id, outcome, detail FROM audit \
             WHERE ($1 = '' OR customer = $1) ORDER BY at_us DESC, id LIMIT $2",
        )
        .bind(customer.unwrap_or("").to_owned())
        .bind(i64::from(limit))
        .fetch_all(self.db.pool())
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
                })
            })
            .collect::<Result<_, ServerError>>()?;
        out.reverse();
        Ok(out)
    }

    /// Creates (if needed) a user and gives it an active token with `seed`, without
    /// an enrollment. For benchmarks and tests that need tokens fast; not reachable
    /// from the CLI or the API.
    #[doc(hidden)]
    pub async fn insert_active_token(
        &self,
        customer: &str,
        user_id: &str,
        seed: &[u8],
        now: u64,
    ) -> Result<String, ServerError> {
        let mut serials = self
            .insert_active_tokens(customer, &[(user_id.to_owned(), seed.to_vec())], now)
            .await?;
        serials.pop().ok_or(ServerError::Random)
    }

    /// [`Service::insert_active_token`] for many users in one transaction.
    #[doc(hidden)]
    pub async fn insert_active_tokens(
        &self,
        customer: &str,
        users: &[(String, Vec<u8>)],
        now: u64,
    ) -> Result<Vec<String>, ServerError> {
        let mut tx = self.db.pool().begin().await?;
        let mut serials = Vec::with_capacity(users.len());
        for (user_id, seed) in users {
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
                    .bind(i64_of(now))
                    .execute(&mut *tx)
                    .await?;
                    id
                }
            };
            let serial = format!("OTPD-{}", &new_id()?[..16].to_uppercase());
            let sealed = self.key.seal(&format!("seed|{serial}"), seed)?;
            sqlx::query(
                "UPDATE tokens SET state = 'replaced' WHERE user_ref = $1 AND state = 'active'",
            )
            .bind(user_ref.clone())
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO tokens (serial, user_ref, seed_sealed, algorithm, digits, period, state, \
                                     last_step, fail_count, device_name, created_at, pending_until, activated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, 'active', -1, 0, NULL, $7, $7, $7)",
            )
            .bind(serial.clone())
            .bind(user_ref)
            .bind(sealed)
            .bind(self.policy.algorithm.as_str().to_owned())
            .bind(i64::from(self.policy.digits.get()))
            .bind(i64::from(self.policy.period.seconds()))
            .bind(i64_of(now))
            .execute(&mut *tx)
            .await?;
            serials.push(serial);
        }
        tx.commit().await?;
        Ok(serials)
    }
}

/// What a verification writes: the state change, if any, and its audit entry.
struct VerifyWrite {
    actor: String,
    customer: String,
    user_id: String,
    action: WriteAction,
}

enum WriteAction {
    /// Refused without a state change (replay seen on read, locked, no token, ...).
    Refused(ErrorCode),
    /// The code matched `step`: accept it unless a step at or after it was accepted.
    Accept { serial: String, step: i64 },
    /// The code matched no step: count a failure.
    Fail { serial: String },
}

type WriteOutcome = Result<i64, ErrorCode>;

impl VerifyWrite {
    /// The token row this write changes, if any.
    fn serial(&self) -> Option<&str> {
        match &self.action {
            WriteAction::Refused(_) => None,
            WriteAction::Accept { serial, .. } | WriteAction::Fail { serial } => Some(serial),
        }
    }

    /// Runs the conditional UPDATE and the audit INSERT on `conn` (in a transaction).
    async fn apply(&self, conn: &mut AnyConnection) -> Result<WriteOutcome, ServerError> {
        let outcome = self.change(conn).await?;
        insert_audit_rows(conn, &[(self, &outcome)]).await?;
        Ok(outcome)
    }

    /// Runs the conditional UPDATE, if any.
    async fn change(&self, conn: &mut AnyConnection) -> Result<WriteOutcome, ServerError> {
        Ok(match &self.action {
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
}

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

/// Largest audit INSERT is 2^7 = 128 rows.
const AUDIT_CHUNK_LOG2: u32 = 7;

/// Writes the audit rows of verifications in multi-row INSERTs of 128, 64, ... 1
/// rows (a few statements per group instead of one per verification).
async fn insert_audit_rows(
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
                .bind(now_us())
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

/// Committing tasks (and connections) on PostgreSQL.
pub const COMMIT_WORKERS_POSTGRES: usize = 4;

/// Most verifications committed in one transaction.
pub const GROUP_COMMIT_MAX: usize = 256;

type Submission = (
    VerifyWrite,
    tokio::sync::oneshot::Sender<Result<WriteOutcome, String>>,
);

/// Group commit of verification writes: one task takes the verifications waiting
/// at that moment (up to [`GROUP_COMMIT_MAX`]), applies them in one transaction on
/// its own connection, commits, and only then answers each. Every answer still
/// follows the commit of its own write, and the conditional UPDATEs are the same,
/// so replay protection is unchanged (also across instances on PostgreSQL). One
/// fsync (SQLite `synchronous = FULL`) or WAL flush (PostgreSQL) serves the group.
pub struct GroupCommit {
    queue: tokio::sync::mpsc::Sender<Submission>,
}

impl GroupCommit {
    /// Starts `workers` committing tasks on `pool` (one for SQLite, which has one
    /// writer; several for PostgreSQL, whose round trips then overlap).
    fn start(pool: sqlx::AnyPool, workers: usize) -> Self {
        let (queue, receiver) = tokio::sync::mpsc::channel::<Submission>(4096);
        let receiver = Arc::new(tokio::sync::Mutex::new(receiver));
        for _ in 0..workers.max(1) {
            tokio::spawn(Self::work(pool.clone(), receiver.clone()));
        }
        Self { queue }
    }

    async fn work(
        pool: sqlx::AnyPool,
        receiver: Arc<tokio::sync::Mutex<tokio::sync::mpsc::Receiver<Submission>>>,
    ) {
        let mut batch: Vec<Submission> = Vec::with_capacity(GROUP_COMMIT_MAX);
        loop {
            let taken = receiver
                .lock()
                .await
                .recv_many(&mut batch, GROUP_COMMIT_MAX)
                .await;
            if taken == 0 {
                return;
            }
            match Self::commit(&pool, &batch).await {
                Ok(outcomes) => {
                    for ((_, reply), outcome) in batch.drain(..).zip(outcomes) {
                        let _ = reply.send(Ok(outcome));
                    }
                }
                Err(error) => {
                    let message = error.to_string();
                    for (_, reply) in batch.drain(..) {
                        let _ = reply.send(Err(message.clone()));
                    }
                }
            }
        }
    }

    /// Applies a batch in one transaction, token rows in serial order (so two
    /// instances' batches on PostgreSQL lock rows in the same order and cannot
    /// deadlock); if the batch fails as a whole, each write gets a transaction of
    /// its own instead.
    async fn commit(
        pool: &sqlx::AnyPool,
        batch: &[Submission],
    ) -> Result<Vec<WriteOutcome>, ServerError> {
        let mut order: Vec<usize> = (0..batch.len()).collect();
        order.sort_by(|&a, &b| batch[a].0.serial().cmp(&batch[b].0.serial()));
        let together = async {
            let mut tx = pool.begin().await?;
            let mut outcomes: Vec<Option<WriteOutcome>> = vec![None; batch.len()];
            for &i in &order {
                outcomes[i] = Some(batch[i].0.change(&mut tx).await?);
            }
            let rows: Vec<(&VerifyWrite, &WriteOutcome)> = batch
                .iter()
                .zip(&outcomes)
                .filter_map(|((write, _), outcome)| outcome.as_ref().map(|o| (write, o)))
                .collect();
            insert_audit_rows(&mut tx, &rows).await?;
            tx.commit().await?;
            Ok::<_, ServerError>(outcomes)
        };
        let outcomes = match together.await {
            Ok(outcomes) => outcomes,
            Err(_) => {
                let mut outcomes = Vec::with_capacity(batch.len());
                for (write, _) in batch {
                    let mut tx = pool.begin().await?;
                    let outcome = write.apply(&mut tx).await?;
                    tx.commit().await?;
                    outcomes.push(Some(outcome));
                }
                outcomes
            }
        };
        Ok(outcomes
            .into_iter()
            .map(|o| o.unwrap_or(Err(ErrorCode::Se5000)))
            .collect())
    }

    async fn submit(&self, write: VerifyWrite) -> Result<WriteOutcome, ServerError> {
        let (reply, answer) = tokio::sync::oneshot::channel();
        self.queue
            .send((write, reply))
            .await
            .map_err(|_| ServerError::Database("the commit task stopped".to_owned()))?;
        answer
            .await
            .map_err(|_| ServerError::Database("the commit task stopped".to_owned()))?
            .map_err(ServerError::Database)
    }
}

fn no_customer(code: &str) -> ServerError {
    ServerError::Admin(format!(
        "no customer {code}; add it with `otpd customer add {code} <name>`"
    ))
}

/// `YYYY-MM-DD HH:MM:SS UTC` for Unix seconds.
pub fn format_time(unix: i64) -> String {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_formatting() {
        assert_eq!(format_time(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(format_time(1_700_000_000), "2023-11-14 22:13:20 UTC");
        assert_eq!(format_time(951_782_400), "2000-02-29 00:00:00 UTC");
    }

    #[test]
    fn activation_codes_are_six_digits() {
        for _ in 0..100 {
            let code = new_activation_code().unwrap();
            assert_eq!(code.len(), 6);
            assert!(code.bytes().all(|b| b.is_ascii_digit()));
        }
    }

    #[test]
    fn steps_t_and_t_minus_one_only() {
        let secret = SecretKey::from_bytes(b"12345678901234567890".to_vec());
        let period = Period::new(60).unwrap();
        let now = 6_000_030;
        let at = |step| code::hotp(&secret, Algorithm::Sha1, Digits::SIX, step);
        let t = now / 60;
        for (step, expected) in [
            (t, Some(t)),
            (t - 1, Some(t - 1)),
            (t - 2, None),
            (t + 1, None),
        ] {
            assert_eq!(
                matching_step(
                    &secret,
                    Algorithm::Sha1,
                    Digits::SIX,
                    period,
                    now,
                    at(step).as_str()
                ),
                expected
            );
        }
    }
}
