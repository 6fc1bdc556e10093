//! The shapes of what a person types to enroll, the same on both sides: a
//! customer (agency) code of 4 to 8 letters and digits, compared without regard to
//! case (`1106`, `U1034`), and an activation (issuance) code of 5 to 8 digits, its
//! length set per customer (AnyOTP mails 6 digits, i-ONE PASS shows 5).

use zeroize::Zeroizing;

/// Fewest characters in a customer code.
pub const CUSTOMER_CODE_MIN: usize = 4;
/// Most characters in a customer code.
pub const CUSTOMER_CODE_MAX: usize = 8;
/// Fewest digits an activation code may have.
pub const ACTIVATION_DIGITS_MIN: u8 = 5;
/// Most digits an activation code may have.
pub const ACTIVATION_DIGITS_MAX: u8 = 8;
/// The length of an activation code when the customer sets none (and what
/// servers that do not say a length issue).
pub const ACTIVATION_DIGITS_DEFAULT: u8 = 6;

/// The customer code as typed, trimmed and in upper case (`u1034` → `U1034`), or
/// `None` when it is not 4 to 8 ASCII letters and digits.
pub fn normalize_customer_code(typed: &str) -> Option<String> {
    let code = typed.trim();
    ((CUSTOMER_CODE_MIN..=CUSTOMER_CODE_MAX).contains(&code.len())
        && code.bytes().all(|b| b.is_ascii_alphanumeric()))
    .then(|| code.to_ascii_uppercase())
}

/// Whether `digits` is a length an activation code may have.
pub fn valid_activation_digits(digits: u8) -> bool {
    (ACTIVATION_DIGITS_MIN..=ACTIVATION_DIGITS_MAX).contains(&digits)
}

/// The activation code as typed (spaces and hyphens allowed) reduced to its
/// digits, or `None` when it is not exactly `digits` digits long.
pub fn normalize_activation_code(typed: &str, digits: u8) -> Option<Zeroizing<String>> {
    let code: Zeroizing<String> = Zeroizing::new(
        typed
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '\t' | '\r' | '\n'))
            .collect(),
    );
    (code.len() == usize::from(digits) && code.chars().all(|c| c.is_ascii_digit())).then_some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn customer_codes_are_four_to_eight_letters_and_digits_in_any_case() {
        assert_eq!(normalize_customer_code("1106").as_deref(), Some("1106"));
        assert_eq!(normalize_customer_code(" u1034 ").as_deref(), Some("U1034"));
        assert_eq!(
            normalize_customer_code("KISTI123").as_deref(),
            Some("KISTI123")
        );
        for bad in [
            "110",
            "KISTI1234",
            "U-1034",
            "U 1034",
            "",
            "고객코드",
            "U1034é",
        ] {
            assert_eq!(normalize_customer_code(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn activation_codes_have_the_customers_length() {
        let code = |typed: &str, digits: u8| {
            normalize_activation_code(typed, digits).map(|c| c.as_str().to_owned())
        };
        assert_eq!(code(" 822-145\n", 6).as_deref(), Some("822145"));
        assert_eq!(code("48213", 5).as_deref(), Some("48213"));
        assert_eq!(code("48213", 6), None);
        assert_eq!(code("822145", 5), None);
        assert_eq!(code("8221 4a", 6), None);
        assert_eq!(code("12345678", 8).as_deref(), Some("12345678"));
        assert!(valid_activation_digits(5) && valid_activation_digits(8));
        assert!(!valid_activation_digits(4) && !valid_activation_digits(9));
    }
}
