//! The enrollment exchange both sides run: SPAKE2 keyed by the activation code,
//! then HKDF-SHA256 keys for a confirmation MAC in each direction and for sealing
//! the seed with ChaCha20-Poly1305.
//!
//! ```text
//! client (side A)                                  server (side B)
//!   start_a(code, idA, idB)  -- msgA, enrollment_id -->
//!                           <-- msgB --               start_b(code, idA, idB); K = finish(msgA)
//!   K = finish(msgB)
//!   client_confirm = HMAC(kc, "client" ‖ T)  -->       checks it first (counts a failed try)
//!                           <-- server_confirm = HMAC(ks, "server" ‖ T),
//!                               sealed = AEAD(kseal, random nonce, seed, aad = token fields)
//!   checks server_confirm, then opens the seal
//! ```
//!
//! `T` is SHA-256 over the suite, customer, user ID, enrollment id and both PAKE
//! messages; `idB` binds the customer, the user ID and the enrollment id. The keys
//! come from `HKDF(salt = T, ikm = K)` with a distinct label each. An observer of
//! the traffic (even one that terminates TLS) sees only PAKE messages, MACs and
//! ciphertext: it can make one online guess per try, never test codes offline.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use spake2::{Ed25519Group, Identity, Password, Spake2};
use zeroize::{Zeroize, Zeroizing};

use super::wire::{PAKE_SUITE, SealedSecret, TotpParams};

type HmacSha256 = Hmac<Sha256>;

/// Bytes in an enrollment id (128 bits).
pub const ENROLLMENT_ID_BYTES: usize = 16;

const LABEL_CLIENT_CONFIRM: &[u8] = b"otp enroll v1 client confirm key";
const LABEL_SERVER_CONFIRM: &[u8] = b"otp enroll v1 server confirm key";
const LABEL_SEAL: &[u8] = b"otp enroll v1 seal key";
const ID_CLIENT: &[u8] = b"otp enroll v1 client";
const LABEL_DEVICE_KEY: &[u8] = b"otp enroll v1 device key seal key";
const AAD_DEVICE_KEY: &[u8] = b"otp enroll v1 device key";

/// Why the exchange failed. None of these says anything about the code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PakeError {
    /// A message that is not a valid SPAKE2 message, or bad base64.
    #[error("a PAKE message is malformed")]
    Malformed,
    /// A confirmation MAC that does not verify: the other side used another code.
    #[error("the key confirmation did not verify")]
    Confirm,
    /// The sealed secret did not open.
    #[error("the sealed secret did not open")]
    Seal,
    /// The OS random generator failed.
    #[error("the operating system's random generator failed")]
    Random,
}

/// Unpadded base64url.
pub fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Decodes unpadded base64url.
pub fn unb64(text: &str) -> Result<Vec<u8>, PakeError> {
    URL_SAFE_NO_PAD
        .decode(text.as_bytes())
        .map_err(|_| PakeError::Malformed)
}

/// Fills `buf` from the operating system's random generator.
pub fn random_bytes(buf: &mut [u8]) -> Result<(), PakeError> {
    crate::random::fill(buf).map_err(|_| PakeError::Random)
}

/// A fresh enrollment id: 128 random bits, base64url.
pub fn new_enrollment_id() -> Result<String, PakeError> {
    let mut id = [0u8; ENROLLMENT_ID_BYTES];
    random_bytes(&mut id)?;
    Ok(b64(&id))
}

/// Whether `id` is a well-formed enrollment id.
pub fn valid_enrollment_id(id: &str) -> bool {
    unb64(id).is_ok_and(|bytes| bytes.len() == ENROLLMENT_ID_BYTES)
}

/// Length-prefixed concatenation, so no two field lists encode alike.
fn framed(fields: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::new();
    for field in fields {
        out.extend_from_slice(&(field.len() as u64).to_be_bytes());
        out.extend_from_slice(field);
    }
    out
}

/// Who the exchange is for: both sides must agree on all three.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context<'a> {
    /// The customer code.
    pub customer: &'a str,
    /// The user's ID.
    pub user_id: &'a str,
    /// The enrollment id.
    pub enrollment_id: &'a str,
}

impl Context<'_> {
    fn server_identity(&self) -> Vec<u8> {
        framed(&[
            b"otpd enroll v1",
            self.customer.as_bytes(),
            self.user_id.as_bytes(),
            self.enrollment_id.as_bytes(),
        ])
    }

    fn transcript(&self, msg_a: &[u8], msg_b: &[u8]) -> [u8; 32] {
        Sha256::digest(framed(&[
            PAKE_SUITE.as_bytes(),
            self.customer.as_bytes(),
            self.user_id.as_bytes(),
            self.enrollment_id.as_bytes(),
            msg_a,
            msg_b,
        ]))
        .into()
    }

    fn password(code: &str) -> Password {
        let mut bytes = b"otp activation code v1:".to_vec();
        bytes.extend_from_slice(code.as_bytes());
        let password = Password::new(&bytes);
        bytes.zeroize();
        password
    }
}

/// The keys both sides derive from one exchange. Zeroized on drop; no `Debug`.
pub struct SessionKeys {
    client_confirm: Zeroizing<[u8; 32]>,
    server_confirm: Zeroizing<[u8; 32]>,
    seal: Zeroizing<[u8; 32]>,
    transcript: [u8; 32],
}

/// Bytes in [`SessionKeys::to_bytes`].
pub const SESSION_KEYS_BYTES: usize = 128;

impl SessionKeys {
    fn derive(shared: &[u8], transcript: [u8; 32]) -> Self {
        let hk = Hkdf::<Sha256>::new(Some(&transcript), shared);
        let mut keys = Self {
            client_confirm: Zeroizing::new([0; 32]),
            server_confirm: Zeroizing::new([0; 32]),
            seal: Zeroizing::new([0; 32]),
            transcript,
        };
        // 32 bytes is far below HKDF-SHA256's limit of 8160: expand cannot fail.
        let _ = hk.expand(LABEL_CLIENT_CONFIRM, keys.client_confirm.as_mut());
        let _ = hk.expand(LABEL_SERVER_CONFIRM, keys.server_confirm.as_mut());
        let _ = hk.expand(LABEL_SEAL, keys.seal.as_mut());
        keys
    }

    fn mac(key: &[u8; 32], direction: &[u8], transcript: &[u8; 32]) -> HmacSha256 {
        // HMAC takes keys of any length: new_from_slice cannot fail.
        let mut mac = match <HmacSha256 as Mac>::new_from_slice(key) {
            Ok(mac) => mac,
            Err(_) => unreachable!("HMAC accepts any key length"),
        };
        mac.update(direction);
        mac.update(transcript);
        mac
    }

    /// The client's confirmation MAC, base64url.
    pub fn client_confirm(&self) -> String {
        b64(
            &Self::mac(&self.client_confirm, b"client", &self.transcript)
                .finalize()
                .into_bytes(),
        )
    }

    /// Checks the client's confirmation MAC in constant time.
    pub fn verify_client_confirm(&self, confirm: &str) -> Result<(), PakeError> {
        let tag = unb64(confirm).map_err(|_| PakeError::Confirm)?;
        Self::mac(&self.client_confirm, b"client", &self.transcript)
            .verify_slice(&tag)
            .map_err(|_| PakeError::Confirm)
    }

    /// The server's confirmation MAC, base64url.
    pub fn server_confirm(&self) -> String {
        b64(
            &Self::mac(&self.server_confirm, b"server", &self.transcript)
                .finalize()
                .into_bytes(),
        )
    }

    /// Checks the server's confirmation MAC in constant time.
    pub fn verify_server_confirm(&self, confirm: &str) -> Result<(), PakeError> {
        let tag = unb64(confirm).map_err(|_| PakeError::Confirm)?;
        Self::mac(&self.server_confirm, b"server", &self.transcript)
            .verify_slice(&tag)
            .map_err(|_| PakeError::Confirm)
    }

    /// Seals `secret` with a random nonce; `aad` binds what travels beside it.
    pub fn seal(&self, secret: &[u8], aad: &[u8]) -> Result<SealedSecret, PakeError> {
        let cipher = ChaCha20Poly1305::new(Key::from_slice(self.seal.as_ref()));
        let mut nonce = [0u8; 12];
        random_bytes(&mut nonce)?;
        let ciphertext = cipher
            .encrypt(Nonce::from_slice(&nonce), Payload { msg: secret, aad })
            .map_err(|_| PakeError::Seal)?;
        Ok(SealedSecret {
            nonce: b64(&nonce),
            ciphertext: b64(&ciphertext),
        })
    }

    /// Opens a sealed secret; fails unless key, nonce, ciphertext and `aad` all match.
    pub fn open(&self, sealed: &SealedSecret, aad: &[u8]) -> Result<Zeroizing<Vec<u8>>, PakeError> {
        let nonce = unb64(&sealed.nonce).map_err(|_| PakeError::Seal)?;
        let ciphertext = unb64(&sealed.ciphertext).map_err(|_| PakeError::Seal)?;
        if nonce.len() != 12 {
            return Err(PakeError::Seal);
        }
        let cipher = ChaCha20Poly1305::new(Key::from_slice(self.seal.as_ref()));
        cipher
            .decrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: &ciphertext,
                    aad,
                },
            )
            .map(Zeroizing::new)
            .map_err(|_| PakeError::Seal)
    }

    /// The key that seals the device's public key from client to server: derived
    /// from the seal key and the transcript, so it differs from the key the seed
    /// travels under and is bound to this exchange.
    fn device_key_cipher(&self) -> ChaCha20Poly1305 {
        let hk = Hkdf::<Sha256>::new(Some(&self.transcript), self.seal.as_ref());
        let mut key = Zeroizing::new([0u8; 32]);
        // 32 bytes is far below HKDF-SHA256's limit: expand cannot fail.
        let _ = hk.expand(LABEL_DEVICE_KEY, key.as_mut());
        ChaCha20Poly1305::new(Key::from_slice(key.as_ref()))
    }

    fn device_key_aad(&self) -> Vec<u8> {
        framed(&[AAD_DEVICE_KEY, &self.transcript])
    }

    /// The client seals its device's public signing key for the server: it
    /// travels inside the PAKE-protected exchange, never in the clear, and only a
    /// server that knew the activation code (and saw this transcript) opens it.
    pub fn seal_device_key(&self, public: &[u8]) -> Result<SealedSecret, PakeError> {
        let mut nonce = [0u8; 12];
        random_bytes(&mut nonce)?;
        let ciphertext = self
            .device_key_cipher()
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: public,
                    aad: &self.device_key_aad(),
                },
            )
            .map_err(|_| PakeError::Seal)?;
        Ok(SealedSecret {
            nonce: b64(&nonce),
            ciphertext: b64(&ciphertext),
        })
    }

    /// The server opens the device's public key the client sealed.
    pub fn open_device_key(&self, sealed: &SealedSecret) -> Result<Vec<u8>, PakeError> {
        let nonce = unb64(&sealed.nonce).map_err(|_| PakeError::Seal)?;
        let ciphertext = unb64(&sealed.ciphertext).map_err(|_| PakeError::Seal)?;
        if nonce.len() != 12 {
            return Err(PakeError::Seal);
        }
        self.device_key_cipher()
            .decrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: &ciphertext,
                    aad: &self.device_key_aad(),
                },
            )
            .map_err(|_| PakeError::Seal)
    }

    /// The keys as bytes, for the server to keep (encrypted) between requests.
    pub fn to_bytes(&self) -> Zeroizing<Vec<u8>> {
        let mut out = Zeroizing::new(Vec::with_capacity(SESSION_KEYS_BYTES));
        out.extend_from_slice(self.client_confirm.as_ref());
        out.extend_from_slice(self.server_confirm.as_ref());
        out.extend_from_slice(self.seal.as_ref());
        out.extend_from_slice(&self.transcript);
        out
    }

    /// The inverse of [`SessionKeys::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, PakeError> {
        if bytes.len() != SESSION_KEYS_BYTES {
            return Err(PakeError::Malformed);
        }
        let part = |i: usize| {
            let mut key = [0u8; 32];
            key.copy_from_slice(&bytes[i * 32..(i + 1) * 32]);
            key
        };
        Ok(Self {
            client_confirm: Zeroizing::new(part(0)),
            server_confirm: Zeroizing::new(part(1)),
            seal: Zeroizing::new(part(2)),
            transcript: part(3),
        })
    }

    /// Keys no client can know, for answering an unknown ID exactly like a wrong
    /// code when the server hides which IDs exist.
    pub fn random() -> Result<Self, PakeError> {
        let mut bytes = Zeroizing::new([0u8; SESSION_KEYS_BYTES]);
        random_bytes(bytes.as_mut())?;
        Self::from_bytes(bytes.as_ref())
    }
}

/// The associated data that binds the sealed seed to the token it is for.
pub fn seal_aad(serial: &str, issuer: &str, account: &str, totp: &TotpParams) -> Vec<u8> {
    framed(&[
        serial.as_bytes(),
        issuer.as_bytes(),
        account.as_bytes(),
        totp.algorithm.as_bytes(),
        &[totp.digits],
        &totp.period.to_be_bytes(),
    ])
}

/// The client's side of the exchange, between its two messages.
pub struct ClientExchange {
    state: Spake2<Ed25519Group>,
    msg_a: Vec<u8>,
    transcript_context: (String, String, String),
}

impl ClientExchange {
    /// Starts side A with the activation code; returns the state and the message
    /// to send (base64url).
    pub fn start(code: &str, context: &Context<'_>) -> (Self, String) {
        let (state, msg_a) = Spake2::<Ed25519Group>::start_a(
            &Context::password(code),
            &Identity::new(ID_CLIENT),
            &Identity::new(&context.server_identity()),
        );
        let text = b64(&msg_a);
        (
            Self {
                state,
                msg_a,
                transcript_context: (
                    context.customer.to_owned(),
                    context.user_id.to_owned(),
                    context.enrollment_id.to_owned(),
                ),
            },
            text,
        )
    }

    /// Finishes with the server's message and derives the keys.
    pub fn finish(self, msg_b: &str) -> Result<SessionKeys, PakeError> {
        let msg_b = unb64(msg_b)?;
        let shared = Zeroizing::new(
            self.state
                .finish(&msg_b)
                .map_err(|_| PakeError::Malformed)?,
        );
        let (customer, user_id, enrollment_id) = &self.transcript_context;
        let context = Context {
            customer,
            user_id,
            enrollment_id,
        };
        Ok(SessionKeys::derive(
            &shared,
            context.transcript(&self.msg_a, &msg_b),
        ))
    }
}

/// The server's side of the exchange in one step: side B's message (base64url)
/// and the keys, from the client's message.
pub fn server_exchange(
    code: &str,
    context: &Context<'_>,
    msg_a: &str,
) -> Result<(String, SessionKeys), PakeError> {
    let msg_a = unb64(msg_a)?;
    let (state, msg_b) = Spake2::<Ed25519Group>::start_b(
        &Context::password(code),
        &Identity::new(ID_CLIENT),
        &Identity::new(&context.server_identity()),
    );
    let shared = Zeroizing::new(state.finish(&msg_a).map_err(|_| PakeError::Malformed)?);
    let keys = SessionKeys::derive(&shared, context.transcript(&msg_a, &msg_b));
    Ok((b64(&msg_b), keys))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context(id: &str) -> Context<'_> {
        Context {
            customer: "1106",
            user_id: "jklee",
            enrollment_id: id,
        }
    }

    fn params() -> TotpParams {
        TotpParams {
            algorithm: "SHA1".into(),
            digits: 6,
            period: 60,
        }
    }

    #[test]
    fn same_code_confirms_and_unseals() {
        let id = new_enrollment_id().unwrap();
        let (client, msg_a) = ClientExchange::start("822145", &context(&id));
        let (msg_b, server) = server_exchange("822145", &context(&id), &msg_a).unwrap();
        let client = client.finish(&msg_b).unwrap();
        server
            .verify_client_confirm(&client.client_confirm())
            .unwrap();
        client
            .verify_server_confirm(&server.server_confirm())
            .unwrap();
        let aad = seal_aad("S1", "Org", "jklee", &params());
        let sealed = server.seal(b"seed bytes", &aad).unwrap();
        assert_eq!(
            client.open(&sealed, &aad).unwrap().as_slice(),
            b"seed bytes"
        );
        // Changed associated data (say, the period) does not open.
        let mut other = params();
        other.period = 30;
        let bad = seal_aad("S1", "Org", "jklee", &other);
        assert_eq!(client.open(&sealed, &bad).unwrap_err(), PakeError::Seal);
        // Keys survive storage.
        let stored = SessionKeys::from_bytes(&server.to_bytes()).unwrap();
        stored
            .verify_client_confirm(&client.client_confirm())
            .unwrap();
    }

    #[test]
    fn the_device_key_opens_only_for_the_same_exchange() {
        let id = new_enrollment_id().unwrap();
        let (client, msg_a) = ClientExchange::start("48213", &context(&id));
        let (msg_b, server) = server_exchange("48213", &context(&id), &msg_a).unwrap();
        let client = client.finish(&msg_b).unwrap();
        let sealed = client.seal_device_key(&[7u8; 32]).unwrap();
        assert_eq!(server.open_device_key(&sealed).unwrap(), vec![7u8; 32]);
        // Not under the seed's key, and not for another exchange.
        assert!(server.open(&sealed, b"").is_err());
        let (other, msg_a) = ClientExchange::start("48213", &context(&id));
        let (_, other_server) = server_exchange("48213", &context(&id), &msg_a).unwrap();
        drop(other);
        assert_eq!(other_server.open_device_key(&sealed), Err(PakeError::Seal));
        // Nor once altered.
        let mut bad = sealed.clone();
        bad.ciphertext.replace_range(
            0..1,
            if bad.ciphertext.starts_with('A') {
                "B"
            } else {
                "A"
            },
        );
        assert_eq!(server.open_device_key(&bad), Err(PakeError::Seal));
    }

    #[test]
    fn a_wrong_code_or_context_fails_confirmation() {
        let id = new_enrollment_id().unwrap();
        let (client, msg_a) = ClientExchange::start("822145", &context(&id));
        let (msg_b, server) = server_exchange("822146", &context(&id), &msg_a).unwrap();
        let client = client.finish(&msg_b).unwrap();
        assert_eq!(
            server.verify_client_confirm(&client.client_confirm()),
            Err(PakeError::Confirm)
        );
        assert_eq!(
            client.verify_server_confirm(&server.server_confirm()),
            Err(PakeError::Confirm)
        );

        let other_id = new_enrollment_id().unwrap();
        let (client, msg_a) = ClientExchange::start("822145", &context(&id));
        let (msg_b, server) = server_exchange("822145", &context(&other_id), &msg_a).unwrap();
        let client = client.finish(&msg_b).unwrap();
        assert!(
            server
                .verify_client_confirm(&client.client_confirm())
                .is_err()
        );
        // The client's confirm is never accepted as the server's (distinct labels).
        let (client, msg_a) = ClientExchange::start("822145", &context(&id));
        let (msg_b, _server) = server_exchange("822145", &context(&id), &msg_a).unwrap();
        let client = client.finish(&msg_b).unwrap();
        assert!(
            client
                .verify_server_confirm(&client.client_confirm())
                .is_err()
        );
    }

    #[test]
    fn malformed_input_is_an_error_not_a_panic() {
        let id = new_enrollment_id().unwrap();
        assert_eq!(
            server_exchange("822145", &context(&id), "!!")
                .err()
                .map(|e| e.to_string()),
            Some(PakeError::Malformed.to_string())
        );
        assert!(server_exchange("822145", &context(&id), &b64(&[1, 2, 3])).is_err());
        let (client, _) = ClientExchange::start("822145", &context(&id));
        assert!(client.finish(&b64(&[0u8; 33])).is_err());
        assert!(SessionKeys::from_bytes(&[0u8; 5]).is_err());
    }

    #[test]
    fn enrollment_ids() {
        assert!(valid_enrollment_id(&new_enrollment_id().unwrap()));
        assert!(!valid_enrollment_id("short"));
    }
}
