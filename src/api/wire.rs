//! The JSON bodies of the `/v1` HTTP API. Binary values (PAKE messages, MACs,
//! sealed secrets) travel as unpadded base64url text.
//!
//! Nothing here derives `Debug` over a secret: activation codes never travel at all
//! (the PAKE replaces them), and the seed travels only sealed.

use serde::{Deserialize, Serialize};

use super::ErrorCode;

/// Upper bound on any request body the server accepts, in bytes.
pub const MAX_BODY_BYTES: usize = 16 * 1024;

/// The SPAKE2 suite this version speaks: SPAKE2 over Ed25519, HKDF-SHA256 for
/// the confirmation and sealing keys, ChaCha20-Poly1305 for the sealed secret.
pub const PAKE_SUITE: &str = "spake2-ed25519/hkdf-sha256/chacha20poly1305/v1";

/// `GET /v1/customers/{code}`: the organisation behind a customer code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerInfo {
    /// The customer code, e.g. `1106`.
    pub code: String,
    /// The organisation's name, shown to the person enrolling.
    pub name: String,
    /// Where this customer's otpd answers, when the answering server is only a
    /// directory (absent: the answering server enrolls).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server: Option<String>,
    /// How many digits this customer's activation (issuance) codes have, 5 to 8
    /// (absent: 6, what servers before this field issue).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_digits: Option<u8>,
}

/// A PAKE message with the suite it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PakeMessage {
    /// Always [`PAKE_SUITE`].
    pub suite: String,
    /// The SPAKE2 message, base64url.
    pub msg: String,
}

/// `POST /v1/enroll/start`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnrollStart {
    /// The customer code.
    pub customer: String,
    /// The person's ID at the organisation.
    pub user_id: String,
    /// A name for the device, shown to the administrator.
    #[serde(default)]
    pub device_name: Option<String>,
    /// 128 random bits chosen by the client, base64url. The client picks it because
    /// SPAKE2 binds both identities when it starts, and the server's identity
    /// includes this id.
    pub enrollment_id: String,
    /// The client's SPAKE2 message (side A).
    pub pake: PakeMessage,
}

/// The answer to [`EnrollStart`]. Nothing in it is keyed by the PAKE.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrollStartReply {
    /// The id the client chose, echoed.
    pub enrollment_id: String,
    /// The server's SPAKE2 message (side B).
    pub pake: PakeMessage,
    /// Seconds the session stays open.
    pub expires_in: u64,
}

/// `POST /v1/enroll/finish`: the client's key-confirmation MAC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnrollFinish {
    /// From [`EnrollStart`].
    pub enrollment_id: String,
    /// HMAC-SHA256 under the client confirmation key, base64url.
    pub client_confirm: String,
    /// The device's Ed25519 public key (32 bytes) for push approvals, sealed by
    /// [`SessionKeys::seal_device_key`](crate::api::pake::SessionKeys::seal_device_key)
    /// so it is bound to this exchange and never travels in the clear. Absent from
    /// clients that do not answer pushes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_key: Option<SealedSecret>,
}

/// How the enrolled token makes codes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotpParams {
    /// `SHA1`, `SHA256` or `SHA512`.
    pub algorithm: String,
    /// Code length.
    pub digits: u8,
    /// Seconds per code.
    pub period: u32,
}

/// A secret sealed with ChaCha20-Poly1305 under a key derived from the PAKE.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealedSecret {
    /// 12 random bytes, base64url.
    pub nonce: String,
    /// Ciphertext and tag, base64url.
    pub ciphertext: String,
}

impl std::fmt::Debug for SealedSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SealedSecret([sealed])")
    }
}

/// The answer to [`EnrollFinish`], sent only after the client's proof verified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrollFinishReply {
    /// The new token's serial, used to activate it.
    pub serial: String,
    /// The issuer to show (the organisation's name).
    pub issuer: String,
    /// The account name to show (the user ID).
    pub account: String,
    /// Code parameters.
    pub totp: TotpParams,
    /// The seed, sealed; the AEAD's associated data binds the fields above.
    pub sealed_secret: SealedSecret,
    /// HMAC-SHA256 under the server confirmation key, base64url.
    pub server_confirm: String,
}

/// `POST /v1/enroll/activate`: one current code proves the client holds the seed.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnrollActivate {
    /// From [`EnrollFinishReply`].
    pub serial: String,
    /// The current code.
    pub otp: String,
}

impl std::fmt::Debug for EnrollActivate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EnrollActivate")
            .field("serial", &self.serial)
            .finish_non_exhaustive()
    }
}

/// The answer to [`EnrollActivate`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivateReply {
    /// `active`.
    pub status: String,
    /// Whether an earlier token of the same user was replaced.
    pub replaced_previous: bool,
}

/// `POST /v1/verify` (login systems, `Authorization: Bearer <API key>`).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerifyRequest {
    /// The user's ID at the organisation (the API key names the customer).
    pub user_id: String,
    /// The code the user typed.
    pub otp: String,
}

impl std::fmt::Debug for VerifyRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VerifyRequest")
            .field("user_id", &self.user_id)
            .finish_non_exhaustive()
    }
}

/// The answer to an accepted [`VerifyRequest`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyReply {
    /// Always true (a refusal is an [`ErrorReply`]).
    pub ok: bool,
    /// The time step the code belonged to.
    pub step: u64,
}

/// `GET /v1/health`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    /// `ok`.
    pub status: String,
}

/// The body of every error answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorReply {
    /// The error.
    pub error: ErrorDetail,
}

/// A code and its sentence. The code never changes with the language; the
/// sentence is in the language the request asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorDetail {
    /// The code, e.g. `SE3010`.
    pub code: ErrorCode,
    /// What happened and what to do.
    pub message: String,
    /// For `SE3010` after a wrong activation code: the wrong tries it has left
    /// (0: it is used up). Absent when the server does not say (older servers,
    /// or `uniform_errors`, where a count would tell IDs apart).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tries_left: Option<u32>,
}

impl ErrorReply {
    /// The reply for `code`, with its sentence in the request's language.
    pub fn new(code: ErrorCode, message: String) -> Self {
        Self {
            error: ErrorDetail {
                code,
                message,
                tries_left: None,
            },
        }
    }

    /// The same reply, telling the tries an activation code has left.
    pub fn with_tries_left(mut self, tries_left: Option<u32>) -> Self {
        self.error.tries_left = tries_left;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_says_tries_left_only_when_known_and_older_answers_still_read() {
        let older = r#"{"error":{"code":"SE3010","message":"m"}}"#;
        let reply: ErrorReply = serde_json::from_str(older).unwrap();
        assert_eq!(reply.error.tries_left, None);
        let plain = ErrorReply::new(ErrorCode::Se3010, "m".into());
        assert_eq!(serde_json::to_string(&plain).unwrap(), older);
        let told = serde_json::to_value(plain.with_tries_left(Some(3))).unwrap();
        assert_eq!(told["error"]["tries_left"], 3);
        assert_eq!(told["error"]["code"], "SE3010");
    }
}
