//! The languages otpd writes messages to users in, on its own so the config's
//! `[delivery] lang` and a user's or customer's language are read the same way.

/// The languages otpd writes messages to users in (`en`, `ko`), case-insensitive;
/// the canonical lower-case tag, or `None`.
pub fn user_lang(tag: &str) -> Option<&'static str> {
    match tag.trim().to_ascii_lowercase().as_str() {
        "en" => Some("en"),
        "ko" => Some("ko"),
        _ => None,
    }
}
