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

/// A uniformly random code of `digits` digits (5 to 8; anything else is taken
/// as 6) from the OS random generator.
pub fn new_activation_code(digits: u8) -> Result<Zeroizing<String>, ServerError> {
    let digits = if crate::api::shapes::valid_activation_digits(digits) {
        digits
    } else {
        crate::api::shapes::ACTIVATION_DIGITS_DEFAULT
    };
    let modulus = 10u32.pow(u32::from(digits));
    // The largest multiple of the modulus below 2^32: reject at or above it.
    let limit = u32::MAX - u32::MAX % modulus;
    loop {
        let n = u32::from_le_bytes(crate::random::bytes::<4>()?);
        if n < limit {
            let width = usize::from(digits);
            return Ok(Zeroizing::new(format!("{:0width$}", n % modulus)));
        }
    }
}

/// A uniformly random number below `bound` (at least 1) from the OS random
/// generator.
pub fn random_below(bound: u32) -> Result<u32, ServerError> {
    let bound = bound.max(1);
    let limit = u32::MAX - u32::MAX % bound;
    loop {
        let n = u32::from_le_bytes(crate::random::bytes::<4>()?);
        if n < limit {
            return Ok(n % bound);
        }
    }
}

/// A push request's id: 16 random bytes, unpadded base64url.
pub fn new_request_id() -> Result<String, ServerError> {
    Ok(crate::api::pake::b64(&crate::random::bytes::<
        { crate::api::push::REQUEST_ID_BYTES },
    >()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn activation_codes_have_the_length_asked_for() {
        for digits in [5u8, 6, 7, 8, 4, 9] {
            let want = if (5..=8).contains(&digits) { digits } else { 6 };
            for _ in 0..100 {
                let code = new_activation_code(digits).unwrap();
                assert_eq!(code.len(), usize::from(want));
                assert!(code.bytes().all(|b| b.is_ascii_digit()));
            }
        }
        for _ in 0..100 {
            assert!(random_below(90).unwrap() < 90);
        }
        let id = new_request_id().unwrap();
        assert!(crate::api::push::valid_request_id(&id), "{id}");
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
