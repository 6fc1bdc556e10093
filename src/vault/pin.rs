//! The 6-digit app PIN that unlocks the vault, and the policy for choosing one.
//!
//! A [`Pin`] never prints its digits: `Debug` is redacted, there is no `Display`, and
//! the text is zeroized when the value is dropped.
//!
//! Policy for a new PIN (the AnyOTP rule): exactly 6 ASCII digits, not one digit
//! repeated (`111111`), and not a straight run counting up or down by one
//! (`012345` … `456789`, `987654` … `543210`). Runs that wrap past 9 or 0 (`890123`,
//! `210987`) are allowed: they are not what people mean by "123456", and refusing
//! them would only shrink the PIN space further.

use std::fmt;

use age::secrecy::{ExposeSecret, SecretString};

/// Number of digits in a PIN.
pub const PIN_LENGTH: usize = 6;

/// A 6-digit PIN held as secret text.
///
/// Build one with [`Pin::new_checked`] when the user chooses a PIN, or with
/// [`Pin::for_unlock`] when they type one to unlock.
#[derive(Clone)]
pub struct Pin(SecretString);

/// Why a PIN was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PinError {
    /// Not exactly 6 ASCII digits.
    #[error("a PIN is exactly 6 digits (0-9) with nothing else; type 6 digits")]
    NotSixDigits,
    /// One digit six times, like `111111`.
    #[error(
        "a PIN may not repeat one digit six times (like 111111); choose at least two different digits"
    )]
    RepeatedDigit,
    /// A straight run up or down, like `123456` or `987654`.
    #[error(
        "a PIN may not count straight up or down (like 123456 or 987654); choose digits that do not follow each other"
    )]
    StraightRun,
}

impl Pin {
    /// A PIN the user is choosing now (first set-up or a PIN change): checks the
    /// format and the policy described in the module documentation.
    pub fn new_checked(text: &str) -> Result<Self, PinError> {
        let pin = Self::for_unlock(text)?;
        pin.check_policy()?;
        Ok(pin)
    }

    /// A PIN typed to unlock an existing vault: checks the format only, so a typo
    /// such as 5 digits is reported without using up an attempt. Old PINs that the
    /// policy would refuse today are still accepted here.
    pub fn for_unlock(text: &str) -> Result<Self, PinError> {
        if text.len() != PIN_LENGTH || !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PinError::NotSixDigits);
        }
        Ok(Self(SecretString::from(text.to_owned())))
    }

    /// Checks the new-PIN policy on this PIN.
    pub fn check_policy(&self) -> Result<(), PinError> {
        let digits = self.0.expose_secret().as_bytes();
        let first = digits.first().copied().unwrap_or(b'0');
        if digits.iter().all(|&d| d == first) {
            return Err(PinError::RepeatedDigit);
        }
        let steps = |step: i16| {
            digits
                .windows(2)
                .all(|pair| i16::from(pair[1]) - i16::from(pair[0]) == step)
        };
        if steps(1) || steps(-1) {
            return Err(PinError::StraightRun);
        }
        Ok(())
    }

    /// The PIN as an age passphrase (a fresh zeroizing copy).
    pub(crate) fn passphrase(&self) -> SecretString {
        self.0.clone()
    }
}

impl fmt::Debug for Pin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pin([redacted])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_table() {
        let valid = [
            "135790", "204816", "112233", "123465", "000001", "890123", "901234", "210987",
            "098765", "121212", "654320", "013579",
        ];
        for text in valid {
            assert!(Pin::new_checked(text).is_ok(), "{text} should be accepted");
        }
        let invalid = [
            ("", PinError::NotSixDigits),
            ("12345", PinError::NotSixDigits),
            ("1234567", PinError::NotSixDigits),
            ("12a456", PinError::NotSixDigits),
            (" 13579", PinError::NotSixDigits),
            ("135790\n", PinError::NotSixDigits),
            ("١٢٣٤٥٦", PinError::NotSixDigits),
            ("111111", PinError::RepeatedDigit),
            ("000000", PinError::RepeatedDigit),
            ("999999", PinError::RepeatedDigit),
            ("012345", PinError::StraightRun),
            ("123456", PinError::StraightRun),
            ("234567", PinError::StraightRun),
            ("345678", PinError::StraightRun),
            ("456789", PinError::StraightRun),
            ("987654", PinError::StraightRun),
            ("876543", PinError::StraightRun),
            ("765432", PinError::StraightRun),
            ("654321", PinError::StraightRun),
            ("543210", PinError::StraightRun),
        ];
        for (text, expected) in invalid {
            assert_eq!(
                Pin::new_checked(text).err(),
                Some(expected),
                "{text:?} should be refused"
            );
        }
    }

    #[test]
    fn unlock_checks_format_only() {
        assert!(Pin::for_unlock("111111").is_ok());
        assert!(Pin::for_unlock("123456").is_ok());
        assert_eq!(Pin::for_unlock("12345").err(), Some(PinError::NotSixDigits));
        assert_eq!(
            Pin::for_unlock("abcdef").err(),
            Some(PinError::NotSixDigits)
        );
    }

    #[test]
    fn debug_is_redacted_and_errors_hold_no_digits() {
        let pin = Pin::new_checked("135790").unwrap();
        assert_eq!(format!("{pin:?}"), "Pin([redacted])");
        for error in [
            PinError::NotSixDigits,
            PinError::RepeatedDigit,
            PinError::StraightRun,
        ] {
            let message = error.to_string();
            assert!(message.starts_with("a PIN"), "{message}");
            assert!(!message.contains("135790"));
        }
    }
}
