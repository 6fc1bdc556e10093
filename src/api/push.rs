//! Push approvals with number matching, as both sides speak them.
//!
//! ```text
//! login system                      otpd                               otp (device)
//!   POST /v1/push {user_id, context} --> request id + number "47"
//!                                        (pending, expires in 60 s)  <-- POST /v1/device/poll (signed, waits ≤ 30 s)
//!                                        --> the request, its context and
//!                                            three numbers: 47 and two others
//!                                                                    <-- POST /v1/device/answer (signed:
//!                                                                        approve + the number chosen, or deny)
//!   GET /v1/push/{id}?wait=30        --> approved | denied | expired | pending
//! ```
//!
//! The device proves itself with its Ed25519 key: its public half reached otpd
//! sealed inside the enrollment's PAKE exchange (or, for accounts enrolled before,
//! with `otp push register`, proved by a current code), the private half never
//! leaves the vault or the agent. Every signature covers a message framed by
//! [`signed_message`]: a purpose label, then each field with its length, so no two
//! messages of different purposes or fields can be read as one another.
//!
//! This is the domain layer: wire types, what is signed, and the checks of the
//! shapes otpd accepts ([`PushAnswer::check`] and friends). No HTTP, no clock.

use serde::{Deserialize, Serialize};

/// Longest a request may wait for news (`wait`), in seconds.
pub const MAX_WAIT_SECS: u64 = 30;
/// Bytes in a request id (128 bits).
pub const REQUEST_ID_BYTES: usize = 16;
/// Bytes in an Ed25519 public key.
pub const DEVICE_KEY_BYTES: usize = 32;
/// Bytes in an Ed25519 signature.
pub const SIGNATURE_BYTES: usize = 64;
/// Most characters in each of the context's texts (service, client address, text).
pub const MAX_CONTEXT_CHARS: usize = 200;
/// How far a device's clock (the `at` of a poll) may be from the server's, in seconds.
pub const MAX_CLOCK_SKEW_SECS: u64 = 120;

/// What is signed to wait for requests (`POST /v1/device/poll`).
pub const PURPOSE_POLL: &str = "otp push poll v1";
/// What is signed to answer a request (`POST /v1/device/answer`).
pub const PURPOSE_ANSWER: &str = "otp push answer v1";
/// What is signed to register a device key (`POST /v1/push/register`).
pub const PURPOSE_REGISTER: &str = "otp push register v1";

/// The bytes a device signs: the purpose, then each field, each preceded by its
/// length as 8 big-endian bytes.
pub fn signed_message(purpose: &str, fields: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::new();
    for field in std::iter::once(purpose.as_bytes()).chain(fields.iter().copied()) {
        out.extend_from_slice(&(field.len() as u64).to_be_bytes());
        out.extend_from_slice(field);
    }
    out
}

/// What the login page says about the login being approved. Every field is
/// optional and shown to the person as plain text, never interpreted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PushContext {
    /// The service being logged in to, e.g. `KISTI 포털`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// The address the login comes from, e.g. `203.0.113.7`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_ip: Option<String>,
    /// A short text, e.g. `Chrome on Windows, Daejeon`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl PushContext {
    /// Whether every text is at most [`MAX_CONTEXT_CHARS`] characters and holds no
    /// control character (which could redraw a terminal).
    pub fn is_valid(&self) -> bool {
        [&self.service, &self.client_ip, &self.text]
            .into_iter()
            .flatten()
            .all(|text| {
                text.chars().count() <= MAX_CONTEXT_CHARS && !text.chars().any(char::is_control)
            })
    }
}

/// Untrusted text from the server made safe to print on a terminal: control
/// characters, bidirectional overrides and other invisible format characters
/// become `�`, and the text is cut at [`MAX_CONTEXT_CHARS`] characters (the
/// terminal's layout then cuts it by display width). The CLI and the
/// full-screen dialog both show context through it.
pub fn plain_text(text: &str) -> String {
    text.chars()
        .take(MAX_CONTEXT_CHARS)
        .map(|c| if is_unsafe(c) { '\u{fffd}' } else { c })
        .collect()
}

fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}'
            | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}'
            | '\u{e0000}'..='\u{e007f}')
}

/// `POST /v1/push` (login systems, `Authorization: Bearer <API key>`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PushCreate {
    /// The user's ID at the organisation (the API key names the customer).
    pub user_id: String,
    /// What the device shows about the login.
    #[serde(default)]
    pub context: PushContext,
}

/// The answer to [`PushCreate`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushCreated {
    /// The request's id, for `GET /v1/push/{id}`.
    pub request_id: String,
    /// The two-digit number the login page shows; the person picks it on the device.
    pub number: String,
    /// Seconds until the request expires.
    pub expires_in: u64,
}

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PushState {
    /// Not answered yet.
    Pending,
    /// Approved with the right number.
    Approved,
    /// Denied by the person, or answered with a wrong number.
    Denied,
    /// Not answered in time.
    Expired,
}

impl PushState {
    /// The state as the API writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            PushState::Pending => "pending",
            PushState::Approved => "approved",
            PushState::Denied => "denied",
            PushState::Expired => "expired",
        }
    }

    /// The state a stored text names.
    pub fn parse(text: &str) -> Option<Self> {
        [
            PushState::Pending,
            PushState::Approved,
            PushState::Denied,
            PushState::Expired,
        ]
        .into_iter()
        .find(|state| state.as_str() == text)
    }
}

/// Why a request was denied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DenyReason {
    /// The person said the login was not theirs.
    NotMe,
    /// The person chose a number the login page did not show.
    WrongNumber,
}

/// `GET /v1/push/{id}[?wait=S]`: where a request stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushStatus {
    /// The request's id.
    pub request_id: String,
    /// Where it stands.
    pub state: PushState,
    /// Why it was denied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<DenyReason>,
}

/// `POST /v1/device/poll`: a device asks for the requests waiting for it,
/// waiting up to `wait` seconds for one to arrive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DevicePoll {
    /// The device's token serial.
    pub serial: String,
    /// The device's clock, Unix seconds (within [`MAX_CLOCK_SKEW_SECS`] of the server's).
    pub at: u64,
    /// Seconds to wait for a request when none is pending (at most [`MAX_WAIT_SECS`]).
    #[serde(default)]
    pub wait: u64,
    /// Ed25519 over [`DevicePoll::message`], base64url.
    pub signature: String,
}

impl DevicePoll {
    /// The bytes the device signs.
    pub fn message(serial: &str, at: u64) -> Vec<u8> {
        signed_message(PURPOSE_POLL, &[serial.as_bytes(), &at.to_be_bytes()])
    }
}

/// One request waiting for the device's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingPush {
    /// The request's id.
    pub request_id: String,
    /// The user ID the login is for.
    pub user_id: String,
    /// What the login page said about the login.
    pub context: PushContext,
    /// Three distinct two-digit numbers, one of them the login page's, in an
    /// order that does not tell which.
    pub numbers: Vec<String>,
    /// Seconds until it expires.
    pub expires_in: u64,
}

/// The answer to [`DevicePoll`]: the pending requests, oldest first (empty when
/// none arrived while waiting).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DevicePollReply {
    /// The requests.
    pub requests: Vec<PendingPush>,
}

/// What the person decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    /// "Yes, it is me", with the number the login page shows.
    Approve,
    /// "Not me".
    Deny,
}

impl Decision {
    /// As the API writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Approve => "approve",
            Decision::Deny => "deny",
        }
    }
}

/// `POST /v1/device/answer`: the device's signed answer to one request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PushAnswer {
    /// The device's token serial.
    pub serial: String,
    /// The request answered.
    pub request_id: String,
    /// Approve or deny.
    pub decision: Decision,
    /// The number chosen (approvals only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Ed25519 over [`PushAnswer::message`], base64url.
    pub signature: String,
}

impl PushAnswer {
    /// The bytes the device signs.
    pub fn message(
        serial: &str,
        request_id: &str,
        decision: Decision,
        number: Option<&str>,
    ) -> Vec<u8> {
        signed_message(
            PURPOSE_ANSWER,
            &[
                serial.as_bytes(),
                request_id.as_bytes(),
                decision.as_str().as_bytes(),
                number.unwrap_or("").as_bytes(),
            ],
        )
    }

    /// The answer's shape checked: a request id, a two-digit number exactly when
    /// approving, a signature of the right length. What otpd checks before it
    /// looks anything up.
    pub fn check(&self) -> Result<[u8; SIGNATURE_BYTES], ShapeError> {
        if !valid_request_id(&self.request_id) || !valid_serial(&self.serial) {
            return Err(ShapeError);
        }
        match (self.decision, self.number.as_deref()) {
            (Decision::Approve, Some(number)) if valid_number(number) => {}
            (Decision::Deny, None) => {}
            _ => return Err(ShapeError),
        }
        signature_bytes(&self.signature)
    }
}

/// The answer to [`PushAnswer`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushAnswerReply {
    /// `approved` or `denied`.
    pub state: PushState,
}

/// `POST /v1/push/register`: gives an account enrolled before device keys its
/// key, proved by a current one-time code and a signature by the new key.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PushRegister {
    /// The customer code.
    pub customer: String,
    /// The user's ID.
    pub user_id: String,
    /// A current one-time code of the account.
    pub otp: String,
    /// The Ed25519 public key, base64url.
    pub device_key: String,
    /// Ed25519 over [`PushRegister::message`] by that key, base64url.
    pub signature: String,
}

impl PushRegister {
    /// The bytes the new key signs.
    pub fn message(customer: &str, user_id: &str, device_key: &[u8]) -> Vec<u8> {
        signed_message(
            PURPOSE_REGISTER,
            &[customer.as_bytes(), user_id.as_bytes(), device_key],
        )
    }
}

impl std::fmt::Debug for PushRegister {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PushRegister")
            .field("customer", &self.customer)
            .field("user_id", &self.user_id)
            .finish_non_exhaustive()
    }
}

/// The answer to [`PushRegister`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushRegisterReply {
    /// The token serial the device polls and answers with.
    pub serial: String,
}

/// A field that is not in the shape the API accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a push field is malformed")]
pub struct ShapeError;

fn unb64(text: &str) -> Option<Vec<u8>> {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text.as_bytes())
        .ok()
}

/// Whether `id` is a request id: 128 bits, unpadded base64url.
pub fn valid_request_id(id: &str) -> bool {
    id.len() <= 32 && unb64(id).is_some_and(|bytes| bytes.len() == REQUEST_ID_BYTES)
}

/// Whether `serial` could be a token serial (printable ASCII, at most 64 bytes).
pub fn valid_serial(serial: &str) -> bool {
    !serial.is_empty() && serial.len() <= 64 && serial.bytes().all(|b| b.is_ascii_graphic())
}

/// Whether `number` is a two-digit number as the login page shows it (`10`–`99`).
pub fn valid_number(number: &str) -> bool {
    number.len() == 2 && number.bytes().all(|b| b.is_ascii_digit()) && !number.starts_with('0')
}

/// A signature's bytes, from base64url.
pub fn signature_bytes(text: &str) -> Result<[u8; SIGNATURE_BYTES], ShapeError> {
    if text.len() > 100 {
        return Err(ShapeError);
    }
    unb64(text)
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or(ShapeError)
}

/// A public key's bytes, from base64url.
pub fn device_key_bytes(text: &str) -> Result<[u8; DEVICE_KEY_BYTES], ShapeError> {
    if text.len() > 64 {
        return Err(ShapeError);
    }
    unb64(text)
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or(ShapeError)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(decision: Decision, number: Option<&str>) -> PushAnswer {
        PushAnswer {
            serial: "S-1".into(),
            request_id: "AAAAAAAAAAAAAAAAAAAAAA".into(),
            decision,
            number: number.map(str::to_owned),
            signature: "A".repeat(86),
        }
    }

    #[test]
    fn an_answer_has_a_number_exactly_when_it_approves() {
        assert!(answer(Decision::Approve, Some("47")).check().is_ok());
        assert!(answer(Decision::Deny, None).check().is_ok());
        assert!(answer(Decision::Approve, None).check().is_err());
        assert!(answer(Decision::Deny, Some("47")).check().is_err());
        for bad in ["7", "470", "07", "4a", "", "٤٧"] {
            assert!(
                answer(Decision::Approve, Some(bad)).check().is_err(),
                "{bad}"
            );
        }
        let mut short = answer(Decision::Deny, None);
        short.signature.pop();
        assert!(short.check().is_err());
        let mut id = answer(Decision::Deny, None);
        id.request_id = "AAAA".into();
        assert!(id.check().is_err());
    }

    #[test]
    fn messages_of_different_purposes_or_fields_differ() {
        let approve = PushAnswer::message("S", "R", Decision::Approve, Some("47"));
        let deny = PushAnswer::message("S", "R", Decision::Deny, None);
        let other = PushAnswer::message("S", "R", Decision::Approve, Some("74"));
        let shifted = PushAnswer::message("SR", "", Decision::Approve, Some("47"));
        assert_ne!(approve, deny);
        assert_ne!(approve, other);
        assert_ne!(approve, shifted);
        assert_ne!(
            DevicePoll::message("S", 1),
            signed_message(PURPOSE_ANSWER, &[b"S", &1u64.to_be_bytes()])
        );
    }

    #[test]
    fn context_texts_are_bounded_and_free_of_control_characters() {
        let ok = PushContext {
            service: Some("KISTI 포털".into()),
            client_ip: Some("203.0.113.7".into()),
            text: Some("Chrome, 대전".into()),
        };
        assert!(ok.is_valid());
        let escape = PushContext {
            text: Some("\u{1b}[2J".into()),
            ..ok.clone()
        };
        assert!(!escape.is_valid());
        let long = PushContext {
            service: Some("가".repeat(MAX_CONTEXT_CHARS + 1)),
            ..ok
        };
        assert!(!long.is_valid());
    }

    #[test]
    fn states_round_trip() {
        for state in [
            PushState::Pending,
            PushState::Approved,
            PushState::Denied,
            PushState::Expired,
        ] {
            assert_eq!(PushState::parse(state.as_str()), Some(state));
            assert_eq!(
                serde_json::to_string(&state).unwrap(),
                format!("\"{}\"", state.as_str())
            );
        }
        assert_eq!(PushState::parse("approve"), None);
    }
}
