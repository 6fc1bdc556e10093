//! The one source of random bytes: the operating system's generator.
//!
//! Seeds, nonces, salts, enrollment ids and activation codes all come from here, so
//! there is one place to audit and one error for a generator that fails.

use zeroize::Zeroizing;

/// The operating system's random generator failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the operating system's random generator failed")]
pub struct RandomError;

/// Fills `buf` with random bytes.
pub fn fill(buf: &mut [u8]) -> Result<(), RandomError> {
    getrandom::getrandom(buf).map_err(|_| RandomError)
}

/// `N` random bytes, wiped when dropped (for keys, seeds and salts).
pub fn secret_bytes<const N: usize>() -> Result<Zeroizing<[u8; N]>, RandomError> {
    let mut bytes = Zeroizing::new([0u8; N]);
    fill(bytes.as_mut_slice())?;
    Ok(bytes)
}

/// `N` random bytes that are not secret (ids, nonces).
pub fn bytes<const N: usize>() -> Result<[u8; N], RandomError> {
    let mut bytes = [0u8; N];
    fill(&mut bytes)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_draws_differ() {
        let a = bytes::<16>().unwrap();
        let b = bytes::<16>().unwrap();
        assert_ne!(a, b);
        assert_ne!(*secret_bytes::<32>().unwrap(), [0u8; 32]);
    }
}
