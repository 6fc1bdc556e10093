//! Shared secrets (the "setup key" of an account) and their base32 text form.
//!
//! A [`SecretKey`] never prints its bytes: `Debug` is redacted and there is no
//! `Display`. The bytes are zeroized when the value is dropped.

use std::fmt;

use zeroize::Zeroizing;

/// The raw key shared with the service that issued an account.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretKey(Zeroizing<Vec<u8>>);

/// Why a base32 secret could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    /// Nothing but separators or padding was given.
    #[error("the secret is empty")]
    Empty,
    /// A character outside the base32 alphabet.
    #[error("the secret has an invalid character {character:?} at position {position}; {hint}")]
    InvalidCharacter {
        /// The offending character.
        character: char,
        /// Its 1-based position in the text as typed.
        position: usize,
        /// What the user most likely meant.
        hint: Base32Hint,
    },
    /// Something other than `=` after the padding started.
    #[error(
        "the secret has {character:?} after '=' padding at position {position}; padding may only end the secret"
    )]
    AfterPadding {
        /// The offending character.
        character: char,
        /// Its 1-based position in the text as typed.
        position: usize,
    },
    /// A length no base32 encoder produces (1, 3 or 6 characters past a multiple of 8).
    #[error(
        "the secret has {length} base32 characters, a length no encoder produces; a character is probably missing or extra"
    )]
    BadLength {
        /// Number of base32 characters, separators and padding not counted.
        length: usize,
    },
}

/// What a character outside the base32 alphabet most likely was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base32Hint {
    /// A digit 0, most likely the letter O.
    ZeroIsO,
    /// A digit 1, most likely the letter I or L.
    OneIsIOrL,
    /// A digit 8, most likely the letter B.
    EightIsB,
    /// A digit 9: only 2 to 7 occur.
    NoNine,
    /// Anything else: only A to Z and 2 to 7 occur.
    Alphabet,
}

impl fmt::Display for Base32Hint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Base32Hint::ZeroIsO => "base32 has no digit 0: it is most likely the letter O",
            Base32Hint::OneIsIOrL => "base32 has no digit 1: it is most likely the letter I or L",
            Base32Hint::EightIsB => "base32 has no digit 8: it is most likely the letter B",
            Base32Hint::NoNine => "base32 has no digit 9: only the digits 2 to 7 occur",
            Base32Hint::Alphabet => "base32 uses only the letters A to Z and the digits 2 to 7",
        })
    }
}

fn hint_for(character: char) -> Base32Hint {
    match character {
        '0' => Base32Hint::ZeroIsO,
        '1' => Base32Hint::OneIsIOrL,
        '8' => Base32Hint::EightIsB,
        '9' => Base32Hint::NoNine,
        _ => Base32Hint::Alphabet,
    }
}

impl SecretKey {
    /// Wraps raw key bytes.
    pub fn from_bytes(bytes: Vec<u8>) -> Self {
        Self(Zeroizing::new(bytes))
    }

    /// Reads a base32 secret the way people paste it: upper or lower case, with
    /// spaces, tabs or hyphens between groups, with or without `=` padding.
    pub fn parse_base32(input: &str) -> Result<Self, SecretError> {
        let mut normalized = Zeroizing::new(String::with_capacity(input.len()));
        let mut padding_at = None;
        for (index, character) in input.chars().enumerate() {
            let position = index + 1;
            match character {
                ' ' | '\t' | '-' | '\r' | '\n' => {}
                '=' => padding_at = padding_at.or(Some(position)),
                _ if padding_at.is_some() => {
                    return Err(SecretError::AfterPadding {
                        character,
                        position,
                    });
                }
                'a'..='z' | 'A'..='Z' | '2'..='7' => {
                    normalized.push(character.to_ascii_uppercase());
                }
                _ => {
                    return Err(SecretError::InvalidCharacter {
                        character,
                        position,
                        hint: hint_for(character),
                    });
                }
            }
        }
        if normalized.is_empty() {
            return Err(SecretError::Empty);
        }
        if matches!(normalized.len() % 8, 1 | 3 | 6) {
            return Err(SecretError::BadLength {
                length: normalized.len(),
            });
        }
        let decoded = totp_rs::Secret::try_from_base32(normalized.as_str()).map_err(|_| {
            SecretError::BadLength {
                length: normalized.len(),
            }
        })?;
        Ok(Self::from_bytes(decoded.as_bytes().to_vec()))
    }

    /// The key bytes. Keep what you derive from them in zeroizing storage.
    pub fn expose(&self) -> &[u8] {
        &self.0
    }

    /// Number of key bytes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the key has no bytes (never true for a parsed key).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Canonical text form: upper-case base32 without padding.
    pub fn to_base32(&self) -> Zeroizing<String> {
        let secret = totp_rs::Secret::from(self.0.to_vec());
        Zeroizing::new(secret.to_base32())
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretKey([redacted; {} bytes])", self.0.len())
    }
}

impl serde::Serialize for SecretKey {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_base32())
    }
}

impl<'de> serde::Deserialize<'de> for SecretKey {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = Zeroizing::new(String::deserialize(deserializer)?);
        // The error names a position and a character class, never the secret.
        SecretKey::parse_base32(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_what_people_paste() {
        let canonical = SecretKey::parse_base32("JBSWY3DPEHPK3PXP").unwrap();
        for pasted in [
            "jbswy3dpehpk3pxp",
            "JBSW Y3DP EHPK 3PXP",
            "jbsw-y3dp-ehpk-3pxp",
            " JBSWY3DPEHPK3PXP\n",
        ] {
            assert_eq!(
                SecretKey::parse_base32(pasted).unwrap(),
                canonical,
                "{pasted}"
            );
        }
        assert_eq!(canonical.expose(), b"Hello!\xde\xad\xbe\xef");
    }

    #[test]
    fn accepts_padding() {
        let key = SecretKey::parse_base32("MZXW6===").unwrap();
        assert_eq!(key.expose(), b"foo");
        assert_eq!(key.to_base32().as_str(), "MZXW6");
    }

    #[test]
    fn names_the_bad_character_and_its_position() {
        let err = SecretKey::parse_base32("JBSW Y3D0").unwrap_err();
        assert_eq!(
            err,
            SecretError::InvalidCharacter {
                character: '0',
                position: 9,
                hint: hint_for('0')
            }
        );
        let hint = |text: &str| match SecretKey::parse_base32(text) {
            Err(SecretError::InvalidCharacter { hint, .. }) => Some(hint),
            _ => None,
        };
        assert_eq!(hint("ABCDEFG1"), Some(Base32Hint::OneIsIOrL));
        assert_eq!(hint("ABCDEF8H"), Some(Base32Hint::EightIsB));
        assert_eq!(hint("ABCDEF9H"), Some(Base32Hint::NoNine));
        assert_eq!(hint("ABC!"), Some(Base32Hint::Alphabet));
        assert!(matches!(
            SecretKey::parse_base32("ABC!"),
            Err(SecretError::InvalidCharacter {
                character: '!',
                position: 4,
                ..
            })
        ));
    }

    #[test]
    fn rejects_empty_bad_length_and_text_after_padding() {
        assert_eq!(SecretKey::parse_base32(" - ="), Err(SecretError::Empty));
        assert_eq!(
            SecretKey::parse_base32("ABCDEFGHA"),
            Err(SecretError::BadLength { length: 9 })
        );
        assert!(matches!(
            SecretKey::parse_base32("MZXW6=A"),
            Err(SecretError::AfterPadding { position: 7, .. })
        ));
    }

    #[test]
    fn debug_never_shows_the_key() {
        let key = SecretKey::parse_base32("JBSWY3DPEHPK3PXP").unwrap();
        let shown = format!("{key:?}");
        assert!(!shown.contains("JBSW") && !shown.contains("72"), "{shown}");
        assert!(shown.contains("redacted"));
    }

    #[test]
    fn round_trips_through_base32() {
        for len in 1..=64u8 {
            let key = SecretKey::from_bytes((0..len).map(|b| b.wrapping_mul(37)).collect());
            assert_eq!(SecretKey::parse_base32(&key.to_base32()).unwrap(), key);
        }
    }
}
