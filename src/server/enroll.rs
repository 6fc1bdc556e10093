//! Enrollment, the public half of the API: customer lookup, the server's side of
//! SPAKE2 (`start`), the sealed seed after the client's proof (`finish`), and the
//! first code that activates the token (`activate`). Each step is audited, folded
//! into counted rows per minute and address (`public_audit`).

use zeroize::Zeroizing;

use super::audit::Actor;
use super::error::ServerError;
use super::ids::{new_activation_code, new_serial};
use super::policy::{
    MAX_FAILURES, PENDING_SECS, SEED_BYTES, customer_key, i64_of, valid_device_name, valid_user_id,
};
use super::service::Service;
use super::store::{NewEnrollment, NewToken, OpenEnrollment};
use crate::api::ErrorCode;
use crate::api::pake::{self, Context, SessionKeys};
use crate::api::push::DEVICE_KEY_BYTES;
use crate::api::wire::{
    ActivateReply, CustomerInfo, EnrollActivate, EnrollFinish, EnrollFinishReply, EnrollStart,
    EnrollStartReply, PAKE_SUITE, PakeMessage, SealedSecret, TotpParams,
};

/// The device's public key a client sealed at `finish`, as stored (base64url):
/// 32 bytes that are a point of Ed25519's curve, else CE1002.
fn device_key_of(keys: &SessionKeys, sealed: &SealedSecret) -> Result<String, ServerError> {
    let malformed = || ServerError::Code(ErrorCode::Ce1002);
    let public = keys.open_device_key(sealed).map_err(|_| malformed())?;
    let public: [u8; DEVICE_KEY_BYTES] = public.try_into().map_err(|_| malformed())?;
    ed25519_dalek::VerifyingKey::from_bytes(&public).map_err(|_| malformed())?;
    Ok(pake::b64(&public))
}

/// Which of the texts a request sent name rows that exist, and so may be recorded.
#[derive(Default)]
struct Known {
    customer: bool,
    user: bool,
}

impl Service {
    /// `GET /v1/customers/{code}`, audited.
    pub async fn customer_lookup(
        &self,
        actor: &Actor,
        code: &str,
    ) -> Result<CustomerInfo, ServerError> {
        let result = self.lookup_customer(code).await;
        // Only an enabled customer's code is recorded: a made-up one is audited
        // without the text sent (see `public_audit`).
        let customer = result.as_ref().ok().map(|info| info.code.clone());
        self.audited(actor, "customer.lookup", customer.as_deref(), None, result)
            .await
    }

    /// The organisation behind a customer code, in any case (CE1001 when unknown
    /// or disabled), with the length of its activation codes.
    pub async fn lookup_customer(&self, code: &str) -> Result<CustomerInfo, ServerError> {
        let code = customer_key(code).ok_or(ServerError::Code(ErrorCode::Ce1002))?;
        self.store
            .enabled_customer(&code)
            .await?
            .ok_or(ErrorCode::Ce1001.into())
    }

    /// `POST /v1/enroll/start`: runs the server's side of SPAKE2 and keeps the
    /// derived keys (sealed) for `finish`. Nothing keyed by them is sent yet.
    pub async fn enroll_start(
        &self,
        actor: &Actor,
        request: &EnrollStart,
        now: u64,
    ) -> Result<EnrollStartReply, ServerError> {
        let mut known = Known::default();
        let customer = customer_key(&request.customer).unwrap_or_default();
        let result = self
            .enroll_start_inner(request, &customer, now, &mut known)
            .await;
        // Only a customer and a user that exist are recorded: made-up ones are
        // audited without the text sent (see `public_audit`).
        self.audited(
            actor,
            "enroll.start",
            known.customer.then_some(customer.as_str()),
            known.user.then_some(request.user_id.as_str()),
            result,
        )
        .await
    }

    /// `customer` is the code as stored (`request.customer` normalised); the
    /// PAKE's context keeps the code as the client sent it, which is what the
    /// client bound its side to.
    async fn enroll_start_inner(
        &self,
        request: &EnrollStart,
        customer: &str,
        now: u64,
        known: &mut Known,
    ) -> Result<EnrollStartReply, ServerError> {
        if customer.is_empty()
            || !valid_user_id(&request.user_id)
            || !pake::valid_enrollment_id(&request.enrollment_id)
            || request.pake.suite != PAKE_SUITE
            || !request.device_name.as_deref().is_none_or(valid_device_name)
        {
            return Err(ErrorCode::Ce1002.into());
        }
        self.lookup_customer(customer).await?;
        known.customer = true;
        let user_ref = self.store.user_ref(customer, &request.user_id).await?;
        known.user = user_ref.is_some();
        let context = Context {
            customer: &request.customer,
            user_id: &request.user_id,
            enrollment_id: &request.enrollment_id,
        };
        let live = match user_ref {
            Some(user_ref) => self.live_activation(&user_ref, now).await,
            None => Err(ErrorCode::Se3005.into()),
        };
        let (activation_id, msg_b, keys) = match live {
            Ok((activation_id, code)) => {
                let (msg_b, keys) = pake::server_exchange(&code, &context, &request.pake.msg)
                    .map_err(|_| ServerError::Code(ErrorCode::Ce1002))?;
                (Some(activation_id), msg_b, keys)
            }
            Err(ServerError::Code(ErrorCode::Se3005 | ErrorCode::Se3010))
                if self.policy.uniform_errors =>
            {
                // A decoy session: it looks like any other and fails at finish with
                // SE3010, exactly like a wrong code.
                let decoy = new_activation_code(crate::api::shapes::ACTIVATION_DIGITS_DEFAULT)?;
                let (msg_b, _) = pake::server_exchange(&decoy, &context, &request.pake.msg)
                    .map_err(|_| ServerError::Code(ErrorCode::Ce1002))?;
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
        let opened = self
            .store
            .insert_enrollment(&NewEnrollment {
                id: &request.enrollment_id,
                activation_id: activation_id.as_deref(),
                keys_sealed: &sealed,
                device_name: request.device_name.as_deref(),
                created_at: i64_of(now),
                expires_at: i64_of(now + self.policy.session_secs),
            })
            .await?;
        if !opened {
            return Err(ErrorCode::Ce1002.into());
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

    /// The live activation code (id and code) of the user whose row is
    /// `user_ref`, or SE3005 / SE3010.
    async fn live_activation(
        &self,
        user_ref: &str,
        now: u64,
    ) -> Result<(String, Zeroizing<String>), ServerError> {
        let Some(live) = self.store.live_activation(user_ref).await? else {
            return Err(if self.store.has_activations(user_ref).await? {
                ErrorCode::Se3010
            } else {
                ErrorCode::Se3005
            }
            .into());
        };
        if live.attempts >= MAX_FAILURES || live.expires_at <= i64_of(now) {
            return Err(ErrorCode::Se3010.into());
        }
        let code = self
            .key
            .open(&format!("activation|{}", live.id), &live.code_sealed)?;
        let code = Zeroizing::new(String::from_utf8_lossy(&code).into_owned());
        Ok((live.id, code))
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
            Some(customer.as_str()).filter(|c| !c.is_empty()),
            Some(user_id.as_str()).filter(|u| !u.is_empty()),
            result,
        )
        .await
    }

    /// The outcome of `finish`, and the customer and user it was for (if known).
    async fn enroll_finish_inner(
        &self,
        request: &EnrollFinish,
        now: u64,
    ) -> (
        Result<EnrollFinishReply, ServerError>,
        Option<(String, String)>,
    ) {
        if !pake::valid_enrollment_id(&request.enrollment_id) {
            return (Err(ErrorCode::Ce1002.into()), None);
        }
        let session = match self.store.open_enrollment(&request.enrollment_id).await {
            Ok(Some(session)) => session,
            Ok(None) => return (Err(ErrorCode::Se3020.into()), None),
            Err(e) => return (Err(e), None),
        };
        let who = session.customer.clone().zip(session.user_id.clone());
        let result = self.finish_session(request, session, now).await;
        (result, who)
    }

    /// Closes the session, checks the client's proof against a reserved try, and
    /// on success uses up the code and creates the pending token.
    async fn finish_session(
        &self,
        request: &EnrollFinish,
        session: OpenEnrollment,
        now: u64,
    ) -> Result<EnrollFinishReply, ServerError> {
        // One session, one try: close it before anything else.
        if !self.store.close_enrollment(&request.enrollment_id).await?
            || session.expires_at <= i64_of(now)
        {
            return Err(ErrorCode::Se3020.into());
        }
        let (Some(activation_id), Some(user_ref), Some(user_id), Some(org)) = (
            session.activation_id,
            session.user_ref,
            session.user_id,
            session.org,
        ) else {
            return Err(ErrorCode::Se3010.into()); // a decoy session
        };
        // Reserve one of the 5 tries before checking, so parallel guesses can
        // never check more than 5 codes.
        let Some(attempts) = self
            .store
            .reserve_activation_try(&activation_id, now)
            .await?
        else {
            return Err(ErrorCode::Se3010.into());
        };
        let keys = self.key.open(
            &format!("enrollment|{}", request.enrollment_id),
            &session.keys_sealed,
        )?;
        let keys = SessionKeys::from_bytes(&keys).map_err(|_| ServerError::Sealed)?;
        if keys.verify_client_confirm(&request.client_confirm).is_err() {
            if attempts >= MAX_FAILURES {
                self.store.burn_activation(&activation_id).await?;
            }
            if self.policy.uniform_errors {
                // A decoy session has no count: a count would tell IDs apart.
                return Err(ErrorCode::Se3010.into());
            }
            let tries_left = u32::try_from(MAX_FAILURES.saturating_sub(attempts)).unwrap_or(0);
            return Err(ServerError::WrongActivationCode { tries_left });
        }
        // The proof verified. A device key comes sealed under the session's keys
        // (bound to the transcript); one that is no Ed25519 public key is
        // malformed input, and the code is not used up for it.
        let device_key = match &request.device_key {
            Some(sealed) => Some(device_key_of(&keys, sealed)?),
            None => None,
        };
        // Use up the code and create the pending token.
        let seed = crate::random::secret_bytes::<SEED_BYTES>()?;
        let serial = new_serial()?;
        let sealed_seed = self.key.seal(&format!("seed|{serial}"), seed.as_ref())?;
        let token = NewToken {
            serial: &serial,
            user_ref: &user_ref,
            seed_sealed: &sealed_seed,
            algorithm: self.policy.algorithm.as_str(),
            digits: i64::from(self.policy.digits.get()),
            period: i64::from(self.policy.period.seconds()),
            device_name: session.device_name.as_deref(),
            device_key: device_key.as_deref(),
            created_at: i64_of(now),
        };
        if !self
            .store
            .use_activation(&activation_id, &token, now + PENDING_SECS)
            .await?
        {
            return Err(ErrorCode::Se3010.into());
        }
        let totp = TotpParams {
            algorithm: self.policy.algorithm.as_str().to_owned(),
            digits: self.policy.digits.get(),
            period: self.policy.period.seconds(),
        };
        let aad = pake::seal_aad(&serial, &org, &user_id, &totp);
        let sealed_secret = keys
            .seal(seed.as_ref(), &aad)
            .map_err(|_| ServerError::Random)?;
        Ok(EnrollFinishReply {
            serial,
            issuer: org,
            account: user_id,
            totp,
            sealed_secret,
            server_confirm: keys.server_confirm(),
        })
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
            return Err(ErrorCode::Ce1002.into());
        }
        let (token, pending_until) = self
            .store
            .pending_token(&request.serial)
            .await?
            .ok_or(ServerError::Code(ErrorCode::Se4004))?;
        if pending_until <= i64_of(now) {
            return Err(ErrorCode::Se3020.into());
        }
        let Some(step) = self.check_code(&token, &request.otp, now)? else {
            self.store.count_failure(&token.serial, "pending").await?;
            return Err(ErrorCode::Se4001.into());
        };
        match self.store.activate_token(&token, i64_of(step), now).await? {
            Some(replaced_previous) => Ok(ActivateReply {
                status: "active".to_owned(),
                replaced_previous,
            }),
            None if token.fail_count >= MAX_FAILURES => Err(ErrorCode::Se4003.into()),
            None => Err(ErrorCode::Se4002.into()),
        }
    }
}
