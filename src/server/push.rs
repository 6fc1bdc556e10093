//! Push approvals, otpd's side: a login system asks (`POST /v1/push`) and waits
//! for the answer (`GET /v1/push/{id}?wait=`), the user's device waits for
//! requests (`POST /v1/device/poll`) and answers one with a signed approval or
//! denial (`POST /v1/device/answer`); accounts enrolled before device keys get
//! theirs with `POST /v1/push/register`, proved by a current code.
//!
//! otpd decides: an answer counts only with the device's signature over the
//! exact message, for a request of that device's user that is still pending and
//! unexpired, and only once (one conditional `UPDATE`). A wrong number denies the
//! request; denials in a row may lock the user's pushes (`[push]
//! lock_after_denials`) until `otpd unlock`. Every step is audited. Waiting uses
//! the wake-ups of [`super::push_hub`], never a loop over the database.

use std::time::Duration;

use super::audit::Actor;
use super::error::ServerError;
use super::ids::{new_request_id, random_below};
use super::policy::{customer_key, i64_of, valid_user_id};
use super::push_hub::{request_key, user_key};
use super::service::{ApiClient, Service, unix_now};
use super::store::push::{NewPush, PushAnswerWrite, PushRow};
use crate::api::ErrorCode;
use crate::api::device_key;
use crate::api::push::{
    Decision, DenyReason, DevicePoll, DevicePollReply, MAX_CLOCK_SKEW_SECS, MAX_WAIT_SECS,
    PendingPush, PushAnswer, PushAnswerReply, PushContext, PushCreate, PushCreated, PushRegister,
    PushRegisterReply, PushState, PushStatus, device_key_bytes, signature_bytes, valid_request_id,
    valid_serial,
};
use crate::api::wire::VerifyRequest;

/// Three distinct two-digit numbers (10–99) in random order, and which of them
/// the login page shows.
fn three_numbers() -> Result<(String, [String; 3]), ServerError> {
    let mut numbers: Vec<u32> = Vec::with_capacity(3);
    while numbers.len() < 3 {
        let n = 10 + random_below(90)?;
        if !numbers.contains(&n) {
            numbers.push(n);
        }
    }
    let right = numbers[usize::try_from(random_below(3)?).unwrap_or(0)];
    // Fisher–Yates, so the order tells nothing.
    for i in (1..numbers.len()).rev() {
        let j = usize::try_from(random_below(u32::try_from(i + 1).unwrap_or(1))?).unwrap_or(0);
        numbers.swap(i, j);
    }
    let shown = [
        numbers[0].to_string(),
        numbers[1].to_string(),
        numbers[2].to_string(),
    ];
    Ok((right.to_string(), shown))
}

/// Where a stored request stands at `now`: a pending one past its expiry reads
/// as expired.
fn state_at(row: &PushRow, now: u64) -> PushState {
    match PushState::parse(&row.state) {
        Some(PushState::Pending) if row.expires_at <= i64_of(now) => PushState::Expired,
        Some(state) => state,
        None => PushState::Expired,
    }
}

fn reason_of(row: &PushRow) -> Option<DenyReason> {
    match row.reason.as_deref() {
        Some("not_me") => Some(DenyReason::NotMe),
        Some("wrong_number") => Some(DenyReason::WrongNumber),
        _ => None,
    }
}

fn seconds_left(expires_at: i64, now: u64) -> u64 {
    u64::try_from(expires_at.saturating_sub(i64_of(now))).unwrap_or(0)
}

/// The device's public key from its stored base64url form.
fn stored_key(text: Option<&str>) -> Result<[u8; 32], ServerError> {
    text.and_then(|text| device_key_bytes(text).ok())
        .ok_or(ServerError::Code(ErrorCode::Se7001))
}

/// A clock reading for waits (the parameter `now` is the request's time).
fn clock() -> Result<u64, ServerError> {
    unix_now()
}

impl Service {
    /// Wakes the requests waiting on `key` here and, on PostgreSQL, on every
    /// other instance. A failed `NOTIFY` is no failure of the request: waiters
    /// elsewhere then see the change when their wait ends.
    async fn announce(&self, key: &str) {
        self.hub.wake(key);
        if let Err(error) = self.store.notify_push(key).await {
            eprintln!("otpd: push notify failed: {error:?}");
        }
    }

    /// `POST /v1/push`: a request for the user's device to approve, with a number
    /// for the login page to show. Audited (`push.create`).
    pub async fn push_create(
        &self,
        client: &ApiClient,
        request: &PushCreate,
        now: u64,
    ) -> Result<PushCreated, ServerError> {
        let result = self.push_create_inner(client, request, now).await;
        let detail = result
            .as_ref()
            .ok()
            .map(|created| format!("request={}", created.request_id));
        let actor = Actor::Api(client.name.clone());
        let outcome = super::audit::outcome_of(&result);
        let user = valid_user_id(&request.user_id).then_some(request.user_id.as_str());
        self.audit(
            &actor,
            "push.create",
            Some(&client.customer),
            user,
            outcome,
            detail.as_deref(),
        )
        .await?;
        result
    }

    async fn push_create_inner(
        &self,
        client: &ApiClient,
        request: &PushCreate,
        now: u64,
    ) -> Result<PushCreated, ServerError> {
        if !valid_user_id(&request.user_id) || !request.context.is_valid() {
            return Err(ErrorCode::Ce1002.into());
        }
        let target = self
            .store
            .push_target(&client.customer, &request.user_id)
            .await?
            .ok_or(ServerError::Code(ErrorCode::Se4004))?;
        if target.device_key.is_none() {
            return Err(ErrorCode::Se7001.into());
        }
        if target.locked {
            return Err(ErrorCode::Se7005.into());
        }
        let (number, numbers) = three_numbers()?;
        let id = new_request_id()?;
        let expires_in = self.policy.push.expires_secs;
        let context = &request.context;
        let stored = self
            .store
            .insert_push(
                &NewPush {
                    id: &id,
                    user_ref: &target.user_ref,
                    serial: &target.serial,
                    customer: &client.customer,
                    api_client: &client.id,
                    number: &number,
                    numbers: &numbers.join(","),
                    service: context.service.as_deref(),
                    client_ip: context.client_ip.as_deref(),
                    text: context.text.as_deref(),
                    created_at: i64_of(now),
                    expires_at: i64_of(now + expires_in),
                },
                i64::from(self.policy.push.max_pending),
            )
            .await?;
        if !stored {
            return Err(ErrorCode::Se7006.into());
        }
        self.announce(&user_key(&target.user_ref)).await;
        Ok(PushCreated {
            request_id: id,
            number,
            expires_in,
        })
    }

    /// `GET /v1/push/{id}?wait=S`: where the request stands, waiting up to `S`
    /// seconds (at most [`MAX_WAIT_SECS`]) while it is pending. A request of
    /// another customer is unknown (SE7007).
    pub async fn push_status(
        &self,
        client: &ApiClient,
        id: &str,
        wait: u64,
        now: u64,
    ) -> Result<PushStatus, ServerError> {
        if !valid_request_id(id) || wait > MAX_WAIT_SECS {
            return Err(ErrorCode::Ce1002.into());
        }
        let deadline = now + wait;
        let waiter = self.hub.subscribe(request_key(id));
        loop {
            let armed = waiter.arm();
            let row = self
                .store
                .push_request(id)
                .await?
                .filter(|row| row.customer == client.customer)
                .ok_or(ServerError::Code(ErrorCode::Se7007))?;
            let now = clock()?.max(now);
            let state = state_at(&row, now);
            if state != PushState::Pending || now >= deadline {
                return Ok(PushStatus {
                    reason: reason_of(&row),
                    request_id: row.id,
                    state,
                });
            }
            // Until an answer, the deadline or the expiry, whichever is first
            // (then read again to say "expired").
            let until = deadline.min(u64::try_from(row.expires_at).unwrap_or(0).max(now));
            armed
                .wait(Duration::from_secs(until.saturating_sub(now).max(1)))
                .await;
        }
    }

    /// Checks a device's poll (shape, clock, signature) and returns its token's
    /// user row.
    async fn check_poll(&self, poll: &DevicePoll, now: u64) -> Result<String, ServerError> {
        if !valid_serial(&poll.serial) || poll.wait > MAX_WAIT_SECS {
            return Err(ErrorCode::Ce1002.into());
        }
        let signature =
            signature_bytes(&poll.signature).map_err(|_| ServerError::Code(ErrorCode::Ce1002))?;
        let token = self
            .store
            .device_token(&poll.serial)
            .await?
            .ok_or(ServerError::Code(ErrorCode::Se7001))?;
        let key = stored_key(token.device_key.as_deref())?;
        // A poll signed for another time is no proof now (it could be replayed).
        if poll.at.abs_diff(now) > MAX_CLOCK_SKEW_SECS
            || !device_key::verify(
                &key,
                &DevicePoll::message(&poll.serial, poll.at),
                &signature,
            )
        {
            return Err(ErrorCode::Se7008.into());
        }
        Ok(token.user_ref)
    }

    /// `POST /v1/device/poll`: the pending, unexpired requests for the device,
    /// oldest first, waiting up to `wait` seconds for one when there is none.
    pub async fn device_poll(
        &self,
        actor: &Actor,
        poll: &DevicePoll,
        now: u64,
    ) -> Result<DevicePollReply, ServerError> {
        let user_ref = match self.check_poll(poll, now).await {
            Ok(user_ref) => user_ref,
            // Refusals only: a device's routine polls are not worth a row each.
            Err(error) => {
                return self
                    .audited(actor, "push.poll", None, None, Err(error))
                    .await;
            }
        };
        let deadline = now + poll.wait;
        let waiter = self.hub.subscribe(user_key(&user_ref));
        loop {
            let armed = waiter.arm();
            let now = clock()?.max(now);
            let rows = self.store.pending_pushes(&poll.serial, i64_of(now)).await?;
            if !rows.is_empty() || now >= deadline {
                return Ok(DevicePollReply {
                    requests: rows
                        .into_iter()
                        .map(|row| PendingPush {
                            expires_in: seconds_left(row.expires_at, now),
                            numbers: row.numbers.split(',').map(str::to_owned).collect(),
                            context: PushContext {
                                service: row.service,
                                client_ip: row.client_ip,
                                text: row.text,
                            },
                            request_id: row.id,
                            user_id: row.user_id,
                        })
                        .collect(),
                });
            }
            armed
                .wait(Duration::from_secs(deadline.saturating_sub(now).max(1)))
                .await;
        }
    }

    /// `POST /v1/device/answer`: the device's signed answer. Audited
    /// (`push.answer`: approved, denied, wrong_number, replay or expired once
    /// the signature verified; refusals before that folded like other public
    /// requests).
    pub async fn device_answer(
        &self,
        actor: &Actor,
        answer: &PushAnswer,
        now: u64,
    ) -> Result<PushAnswerReply, ServerError> {
        let (row, token_user) = match self.check_answer(answer).await {
            Ok(found) => found,
            Err(error) => {
                return self
                    .audited(actor, "push.answer", None, None, Err(error))
                    .await;
            }
        };
        let (result, outcome) = self.settle(answer, &row, &token_user, now).await?;
        let detail = format!("request={}", row.id);
        self.audit(
            actor,
            "push.answer",
            Some(&row.customer),
            Some(&row.user_id),
            outcome,
            Some(&detail),
        )
        .await?;
        result
    }

    /// The answer's shape, token and signature checked; the request it answers
    /// (of the token's own user) and that user's row.
    async fn check_answer(&self, answer: &PushAnswer) -> Result<(PushRow, String), ServerError> {
        let signature = answer
            .check()
            .map_err(|_| ServerError::Code(ErrorCode::Ce1002))?;
        let token = self
            .store
            .device_token(&answer.serial)
            .await?
            .ok_or(ServerError::Code(ErrorCode::Se7001))?;
        let key = stored_key(token.device_key.as_deref())?;
        let message = PushAnswer::message(
            &answer.serial,
            &answer.request_id,
            answer.decision,
            answer.number.as_deref(),
        );
        if !device_key::verify(&key, &message, &signature) {
            return Err(ErrorCode::Se7008.into());
        }
        let row = self
            .store
            .push_request(&answer.request_id)
            .await?
            .filter(|row| row.user_ref == token.user_ref && row.serial == answer.serial)
            .ok_or(ServerError::Code(ErrorCode::Se7007))?;
        Ok((row, token.user_ref))
    }

    /// Records a verified answer once; the reply and the audit outcome.
    async fn settle(
        &self,
        answer: &PushAnswer,
        row: &PushRow,
        user_ref: &str,
        now: u64,
    ) -> Result<(Result<PushAnswerReply, ServerError>, &'static str), ServerError> {
        let late = |code| Ok((Err(ServerError::Code(code)), outcome_of_late(code)));
        match state_at(row, now) {
            PushState::Pending => {}
            PushState::Expired if row.state == "pending" => return late(ErrorCode::Se7002),
            _ => return late(ErrorCode::Se7003),
        }
        let (state, reason, refusal) = match (answer.decision, answer.number.as_deref()) {
            (Decision::Approve, Some(number)) if number == row.number => {
                (PushState::Approved, None, None)
            }
            (Decision::Approve, _) => (
                PushState::Denied,
                Some("wrong_number"),
                Some(ErrorCode::Se7004),
            ),
            (Decision::Deny, _) => (PushState::Denied, Some("not_me"), None),
        };
        let recorded = self
            .store
            .answer_push(&PushAnswerWrite {
                id: &row.id,
                serial: &answer.serial,
                user_ref,
                state: state.as_str(),
                reason,
                lock_after: i64::from(self.policy.push.lock_after_denials),
                now: i64_of(now),
            })
            .await?;
        if !recorded {
            // Answered or expired meanwhile: read again to tell which.
            let again = self.store.push_request(&row.id).await?;
            return match again {
                Some(again) if state_at(&again, clock()?.max(now)) == PushState::Expired => {
                    late(ErrorCode::Se7002)
                }
                _ => late(ErrorCode::Se7003),
            };
        }
        self.announce(&request_key(&row.id)).await;
        let outcome = match (state, reason) {
            (PushState::Approved, _) => "approved",
            (_, Some("wrong_number")) => "wrong_number",
            _ => "denied",
        };
        Ok((
            match refusal {
                Some(code) => Err(code.into()),
                None => Ok(PushAnswerReply { state }),
            },
            outcome,
        ))
    }

    /// `POST /v1/push/register`: gives the user's active token the device key,
    /// proved by a signature of that key and a current one-time code checked
    /// exactly as `/v1/verify` checks it (the step used up, a wrong code counted
    /// toward the lock). Audited (`push.register`).
    pub async fn push_register(
        &self,
        actor: &Actor,
        request: &PushRegister,
        now: u64,
    ) -> Result<PushRegisterReply, ServerError> {
        let customer = customer_key(&request.customer);
        let result = self
            .push_register_inner(customer.as_deref(), request, now)
            .await;
        let known = result.is_ok();
        self.audited(
            actor,
            "push.register",
            customer.as_deref().filter(|_| known),
            Some(request.user_id.as_str()).filter(|_| known),
            result,
        )
        .await
    }

    async fn push_register_inner(
        &self,
        customer: Option<&str>,
        request: &PushRegister,
        now: u64,
    ) -> Result<PushRegisterReply, ServerError> {
        let bad = || ServerError::Code(ErrorCode::Ce1002);
        let customer = customer.ok_or_else(bad)?;
        if !valid_user_id(&request.user_id) || request.otp.len() > 16 {
            return Err(bad());
        }
        let key = device_key_bytes(&request.device_key).map_err(|_| bad())?;
        if ed25519_dalek::VerifyingKey::from_bytes(&key).is_err() {
            return Err(bad());
        }
        let signature = signature_bytes(&request.signature).map_err(|_| bad())?;
        let message = PushRegister::message(&request.customer, &request.user_id, &key);
        if !device_key::verify(&key, &message, &signature) {
            return Err(ErrorCode::Se7008.into());
        }
        self.lookup_customer(customer).await?;
        // The code, as a login system's verification would check it.
        let client = ApiClient {
            id: String::new(),
            customer: customer.to_owned(),
            name: "push.register".to_owned(),
        };
        let verify = VerifyRequest {
            user_id: request.user_id.clone(),
            otp: request.otp.clone(),
        };
        self.verify(&client, &verify, now).await?;
        let target = self
            .store
            .push_target(customer, &request.user_id)
            .await?
            .ok_or(ServerError::Code(ErrorCode::Se4004))?;
        if !self
            .store
            .set_device_key(&target.serial, &request.device_key)
            .await?
        {
            return Err(ErrorCode::Se4004.into());
        }
        Ok(PushRegisterReply {
            serial: target.serial,
        })
    }
}

/// The audit outcome of an answer that came too late.
fn outcome_of_late(code: ErrorCode) -> &'static str {
    if code == ErrorCode::Se7002 {
        "expired"
    } else {
        "replay"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_distinct_two_digit_numbers_one_of_them_shown() {
        for _ in 0..500 {
            let (right, numbers) = three_numbers().unwrap();
            assert!(numbers.contains(&right));
            assert!(numbers.iter().all(|n| crate::api::push::valid_number(n)));
            assert_ne!(numbers[0], numbers[1]);
            assert_ne!(numbers[1], numbers[2]);
            assert_ne!(numbers[0], numbers[2]);
        }
    }
}
