//! The device's Ed25519 signing key for push approvals (ed25519-dalek), and the
//! check otpd makes of a signature. The private half lives in the vault (or the
//! agent, once unlocked) like a seed: zeroized on drop, no `Debug`, never sent.

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use zeroize::Zeroizing;

use super::pake::{PakeError, b64, random_bytes};
use super::push::{DEVICE_KEY_BYTES, SIGNATURE_BYTES};

/// A device's private signing key. Zeroized on drop (ed25519-dalek's `zeroize`).
pub struct DeviceKey(SigningKey);

impl DeviceKey {
    /// A new key from the operating system's random generator.
    pub fn generate() -> Result<Self, PakeError> {
        let mut seed = Zeroizing::new([0u8; 32]);
        random_bytes(seed.as_mut())?;
        Ok(Self(SigningKey::from_bytes(&seed)))
    }

    /// The key kept in the vault (its 32-byte seed).
    pub fn from_bytes(seed: &[u8; 32]) -> Self {
        Self(SigningKey::from_bytes(seed))
    }

    /// The 32-byte seed, to keep in the vault.
    pub fn to_bytes(&self) -> Zeroizing<[u8; 32]> {
        Zeroizing::new(self.0.to_bytes())
    }

    /// The public half, which otpd keeps.
    pub fn public(&self) -> [u8; DEVICE_KEY_BYTES] {
        self.0.verifying_key().to_bytes()
    }

    /// Signs `message` (one of `push::*::message`), base64url.
    pub fn sign(&self, message: &[u8]) -> String {
        b64(&self.0.sign(message).to_bytes())
    }
}

/// Whether `signature` is `public`'s signature of `message` (strict: no weak
/// keys, no malleable signatures).
pub fn verify(
    public: &[u8; DEVICE_KEY_BYTES],
    message: &[u8],
    signature: &[u8; SIGNATURE_BYTES],
) -> bool {
    VerifyingKey::from_bytes(public).is_ok_and(|key| {
        key.verify_strict(message, &Signature::from_bytes(signature))
            .is_ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::pake::unb64;
    use crate::api::push::{Decision, PushAnswer, signature_bytes};

    #[test]
    fn a_signature_verifies_only_for_its_key_and_message() {
        let key = DeviceKey::generate().unwrap();
        let other = DeviceKey::generate().unwrap();
        let message = PushAnswer::message("S1", "R", Decision::Approve, Some("47"));
        let signature = signature_bytes(&key.sign(&message)).unwrap();
        assert!(verify(&key.public(), &message, &signature));
        assert!(!verify(&other.public(), &message, &signature));
        let changed = PushAnswer::message("S1", "R", Decision::Approve, Some("48"));
        assert!(!verify(&key.public(), &changed, &signature));
        // The key survives the vault.
        let again = DeviceKey::from_bytes(&key.to_bytes());
        assert_eq!(again.public(), key.public());
        assert_eq!(unb64(&again.sign(&message)).unwrap(), signature.to_vec());
        // A public key that is no point on the curve is refused, not a panic.
        assert!(!verify(&[0xff; 32], &message, &signature));
    }
}
