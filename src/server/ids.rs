//! Fresh identifiers and codes from the one random source, and the hashes that
//! stand in for API keys.

use sha2::Digest;
use zeroize::Zeroizing;

use super::error::ServerError;

/// 16 random bytes as lowercase hex (row ids, API client ids).
pub fn new_id() -> Result<String, ServerError> {
    Ok(hex::encode(crate::random::bytes::<16>()?))
}

/// A new token's serial: `OTPD-` and 16 upper-case hex digits.
pub fn new_serial() -> Result<String, ServerError> {
    Ok(format!(
        "OTPD-{}",
        hex::encode_upper(crate::random::bytes::<8>()?)
    ))
}

/// SHA-256 of `data` as lowercase hex.
pub fn sha256_hex(data: &[u8]) -> String {
    hex::encode(sha2::Sha256::digest(data))
}

/// A uniformly random 6-digit code from the OS random generator.
pub fn new_activation_code() -> Result<Zeroizing<String>, ServerError> {
    // 4_294_000_000 is the largest multiple of 10^6 below 2^32: reject above it.
    loop {
        let n = u32::from_le_bytes(crate::random::bytes::<4>()?);
        if n < 4_294_000_000 {
            return Ok(Zeroizing::new(format!("{:06}", n % 1_000_000)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn activation_codes_are_six_digits() {
        for _ in 0..100 {
            let code = new_activation_code().unwrap();
            assert_eq!(code.len(), 6);
            assert!(code.bytes().all(|b| b.is_ascii_digit()));
        }
    }

    #[test]
    fn ids_and_serials_keep_their_shape() {
        let id = new_id().unwrap();
        assert_eq!(id.len(), 32);
        assert!(
            id.bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        );
        let serial = new_serial().unwrap();
        assert_eq!(serial.len(), 21);
        assert!(serial.starts_with("OTPD-"));
        assert!(
            serial[5..]
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_lowercase())
        );
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
