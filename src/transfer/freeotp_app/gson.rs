//! What Gson makes of FreeOTP's Java fields: a `byte[]` is a JSON array of Java's
//! signed bytes.

use zeroize::Zeroizing;

/// Java's signed bytes (-128..127, as Gson writes a `byte[]`; 128..255 are read
/// too), or `None` for a number that is no byte.
pub(super) fn java_bytes(values: &[i16]) -> Option<Zeroizing<Vec<u8>>> {
    let mut bytes = Zeroizing::new(Vec::with_capacity(values.len()));
    for value in values {
        let byte = i8::try_from(*value)
            .map(|signed| signed.to_le_bytes()[0])
            .or_else(|_| u8::try_from(*value))
            .ok()?;
        bytes.push(byte);
    }
    Some(bytes)
}
