//! Code verification for login systems: the API key check (with a short cache) and
//! `POST /v1/verify`, whose write goes through the group committer.

use std::time::{Duration, Instant};

use sha2::Digest;
use subtle::ConstantTimeEq;

use super::audit::Actor;
use super::error::{DatabaseError, ServerError};
use super::ids::sha256_hex;
use super::policy::{API_KEY_CACHE_SECS, MAX_FAILURES, i64_of, valid_user_id};
use super::service::{ApiClient, Service};
use super::store::Token;
use super::write::{VerifyWrite, WriteAction};
use crate::api::ErrorCode;
use crate::api::wire::{VerifyReply, VerifyRequest};
use crate::code::{self, Algorithm, Digits, Period};
use crate::secret::SecretKey;

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

impl Service {
    /// Decrypts the seed and finds which of T and T-1 `otp` belongs to.
    pub(super) fn check_code(
        &self,
        token: &Token,
        otp: &str,
        now: u64,
    ) -> Result<Option<u64>, ServerError> {
        let digits = u8::try_from(token.digits)
            .ok()
            .and_then(|d| Digits::new(d).ok())
            .ok_or(ServerError::Database(DatabaseError::BadToken))?;
        if otp.len() != usize::from(digits.get()) || !otp.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ErrorCode::Ce1002.into());
        }
        let algorithm: Algorithm = token
            .algorithm
            .parse()
            .map_err(|_| ServerError::Database(DatabaseError::BadToken))?;
        let period = u32::try_from(token.period)
            .ok()
            .and_then(|p| Period::new(p).ok())
            .ok_or(ServerError::Database(DatabaseError::BadToken))?;
        let seed = self
            .key
            .open(&format!("seed|{}", token.serial), &token.seed_sealed)?;
        let secret = SecretKey::from_bytes(seed.to_vec());
        Ok(matching_step(&secret, algorithm, digits, period, now, otp))
    }

    /// Checks an API key (`otpk_<id>_<secret>`) against its stored SHA-256. A key
    /// that checked out is trusted for [`API_KEY_CACHE_SECS`] without a query.
    pub async fn authenticate(&self, key: &str) -> Result<ApiClient, ServerError> {
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
        let refused = || ServerError::Code(ErrorCode::Se5001);
        let rest = key.strip_prefix("otpk_").ok_or_else(refused)?;
        let (id, secret) = rest.split_once('_').ok_or_else(refused)?;
        if id.len() != 32 || secret.is_empty() || secret.len() > 128 {
            return Err(refused());
        }
        let stored = self.store.api_client_key(id).await?.ok_or_else(refused)?;
        let given = sha256_hex(secret.as_bytes());
        if !bool::from(stored.key_hash.as_bytes().ct_eq(given.as_bytes())) {
            return Err(refused());
        }
        Ok(ApiClient {
            id: id.to_owned(),
            customer: stored.customer,
            name: stored.name,
        })
    }

    /// `POST /v1/verify`: accepts the code of step T or T-1 once, never a step at or
    /// before the last accepted one; 5 wrong codes in a row lock the token. The
    /// state change and its audit entry are committed before the answer, together
    /// with other verifications' changes (see `batch`).
    pub async fn verify(
        &self,
        client: &ApiClient,
        request: &VerifyRequest,
        now: u64,
    ) -> Result<VerifyReply, ServerError> {
        if !valid_user_id(&request.user_id) || request.otp.len() > 16 {
            return Err(ErrorCode::Ce1002.into());
        }
        let token = self
            .store
            .active_token(&client.customer, &request.user_id)
            .await?;
        let write = VerifyWrite {
            actor: Actor::Api(client.name.clone()).label(),
            customer: client.customer.clone(),
            user_id: request.user_id.clone(),
            action: self.verify_action(token, &request.otp, now)?,
        };
        let outcome = match self.group_commit() {
            Some(group) => group.submit(write).await?,
            None => self.store.apply_verification(&write).await?,
        };
        outcome
            .map(|step| VerifyReply {
                ok: true,
                step: u64::try_from(step).unwrap_or(0),
            })
            .map_err(ServerError::Code)
    }

    /// What verifying `otp` against the user's active token (if any) writes.
    fn verify_action(
        &self,
        token: Option<Token>,
        otp: &str,
        now: u64,
    ) -> Result<WriteAction, ServerError> {
        let Some(token) = token else {
            return Ok(WriteAction::Refused(if self.policy.uniform_errors {
                ErrorCode::Se4001
            } else {
                ErrorCode::Se4004
            }));
        };
        if token.fail_count >= MAX_FAILURES {
            return Ok(WriteAction::Refused(ErrorCode::Se4003));
        }
        Ok(match self.check_code(&token, otp, now) {
            Err(ServerError::Code(code)) => WriteAction::Refused(code),
            Err(error) => return Err(error),
            // A replay seen in the row already read needs no UPDATE; races are
            // settled by the conditional UPDATE of `Accept`.
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
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
