//! The two ways Authenticator Pro (and Stratum) encrypt a backup with a password,
//! as Stratum's `StrongBackupEncryption` and `LegacyBackupEncryption` and Authenticator
//! Pro's `extra/decrypt_backup.py` write and read them:
//!
//! ```text
//! current: "AUTHENTICATORPRO" ‖ salt (16) ‖ nonce (12) ‖ AES-256-GCM ciphertext ‖ tag (16)
//!          key: Argon2id v19 of the UTF-8 password, 3 passes, 64 MiB, 4 lanes, 32 bytes
//! legacy:  "AuthenticatorPro" ‖ salt (20) ‖ iv (16) ‖ AES-256-CBC ciphertext (PKCS#7)
//!          key: PBKDF2-HMAC-SHA1 of the UTF-8 password, 64 000 iterations, 32 bytes
//! ```
//!
//! The plaintext is the plain backup's JSON. The costs of the key derivation are the
//! format's constants, not the file's, so a crafted file cannot ask for more work.
//! Every check that needs no password comes before the prompt.
//!
//! Telling a wrong password from a damaged file:
//! - current layout: GCM's tag fails either way, so both are reported as a wrong
//!   password (as for a Proton Authenticator export).
//! - legacy layout: there is no MAC. CBC turns every block into noise under a wrong
//!   key, but a damaged byte garbles only its own block and one bit of the next. So
//!   when the plaintext's padding is wrong or it does not read as a backup
//!   ([`Opened::explain`]), the decrypted bytes are searched for the keys every
//!   backup holds ([`MARKERS`]): found, the password was right and the file is
//!   damaged; not found, the password is wrong (noise holds one of them with a
//!   chance far below one in a million million). A damaged byte whose garbled block
//!   still reads as a backup cannot be noticed: the legacy format has nothing to
//!   notice it with.

use aes::Aes256;
use aes_gcm::Aes256Gcm;
use aes_gcm::aead::{Aead, KeyInit};
use cbc::cipher::block_padding::{NoPadding, Pkcs7, RawPadding};
use cbc::cipher::{BlockDecryptMut, KeyIvInit};
use zeroize::Zeroizing;

use super::super::error::{ImportError, Problem};
use super::super::format::Format;
use super::super::imported::PasswordPrompt;

/// The key's length.
pub(super) const KEY_LEN: usize = 32;
/// The GCM tag's length.
pub(super) const TAG_LEN: usize = 16;
/// The AES block's length.
pub(super) const BLOCK: usize = 16;
/// Argon2id memory (KiB), passes and lanes of the current layout.
const ARGON2_MEMORY_KIB: u32 = 65_536;
const ARGON2_PASSES: u32 = 3;
const ARGON2_LANES: u32 = 4;
/// PBKDF2-HMAC-SHA1 iterations of the legacy layout.
const PBKDF2_ITERATIONS: u32 = 64_000;
/// Keys every backup's JSON holds (the app writes every field of every entry; the
/// first block of the JSON is `{"Authenticators`).
const MARKERS: [&[u8]; 4] = [
    b"\"Authenticators",
    b"\"Secret\"",
    b"\"Issuer\"",
    b"\"Type\"",
];

/// Which of the two layouts a file has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Layout {
    /// `AUTHENTICATORPRO`: Argon2id and AES-256-GCM.
    Current,
    /// `AuthenticatorPro`: PBKDF2-HMAC-SHA1 and AES-256-CBC.
    Legacy,
}

impl Layout {
    /// The layout whose header the bytes start with.
    pub(super) fn of(bytes: &[u8]) -> Option<Self> {
        if bytes.starts_with(Layout::Current.header()) {
            Some(Layout::Current)
        } else if bytes.starts_with(Layout::Legacy.header()) {
            Some(Layout::Legacy)
        } else {
            None
        }
    }

    /// The 16 bytes the layout starts with.
    pub(super) fn header(self) -> &'static [u8] {
        match self {
            Layout::Current => b"AUTHENTICATORPRO",
            Layout::Legacy => b"AuthenticatorPro",
        }
    }

    /// The salt's length.
    pub(super) fn salt_len(self) -> usize {
        match self {
            Layout::Current => 16,
            Layout::Legacy => 20,
        }
    }

    /// The nonce's (current) or the iv's (legacy) length.
    pub(super) fn iv_len(self) -> usize {
        match self {
            Layout::Current => 12,
            Layout::Legacy => 16,
        }
    }
}

/// How the key is derived from the layout, a password and a salt ([`derive_key`],
/// except in tests that read many damaged copies of a file).
pub(super) type DeriveKey<'a> =
    dyn FnMut(Layout, &[u8], &[u8]) -> Option<Zeroizing<[u8; KEY_LEN]>> + 'a;

/// The layout's key for `password` and `salt`.
pub(super) fn derive_key(
    layout: Layout,
    password: &[u8],
    salt: &[u8],
) -> Option<Zeroizing<[u8; KEY_LEN]>> {
    let mut key = Zeroizing::new([0u8; KEY_LEN]);
    match layout {
        Layout::Current => {
            let params = argon2::Params::new(
                ARGON2_MEMORY_KIB,
                ARGON2_PASSES,
                ARGON2_LANES,
                Some(KEY_LEN),
            )
            .ok()?;
            argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
                .hash_password_into(password, salt, key.as_mut())
                .ok()?;
        }
        Layout::Legacy => {
            pbkdf2::pbkdf2_hmac::<sha1::Sha1>(password, salt, PBKDF2_ITERATIONS, key.as_mut());
        }
    }
    Some(key)
}

fn malformed(problem: Problem) -> ImportError {
    ImportError::malformed(Format::AuthPro, problem)
}

/// A decrypted backup: its JSON, and how to explain the JSON not reading.
pub(super) struct Opened {
    layout: Layout,
    /// The decrypted bytes, padding included.
    plain: Zeroizing<Vec<u8>>,
    /// How many of them are the JSON; `None` when the padding is wrong.
    length: Option<usize>,
}

impl Opened {
    /// The backup's JSON: empty when a legacy file's padding is wrong (so that it
    /// does not read and [`Opened::explain`] is asked).
    pub(super) fn json(&self) -> &[u8] {
        self.plain
            .get(..self.length.unwrap_or_default())
            .unwrap_or_default()
    }

    /// What it means that [`Opened::json`] did not read as a backup (`error`):
    /// in the current layout the tag vouched for the bytes, so the file says that
    /// itself; in the legacy layout, damage when the bytes hold pieces of a backup,
    /// and otherwise a wrong password.
    pub(super) fn explain(&self, error: ImportError) -> ImportError {
        if self.layout == Layout::Current {
            return error;
        }
        let holds = |marker: &[u8]| {
            self.plain
                .windows(marker.len())
                .any(|window| window == marker)
        };
        if MARKERS.iter().any(|marker| holds(marker)) {
            malformed(Problem::AuthProDamaged)
        } else {
            ImportError::WrongPassword(Format::AuthPro)
        }
    }
}

/// Decrypts an encrypted file of `layout`.
pub(super) fn open(
    layout: Layout,
    bytes: &[u8],
    password: &mut PasswordPrompt<'_>,
    derive: &mut DeriveKey<'_>,
) -> Result<Opened, ImportError> {
    let cut_short = || malformed(Problem::AuthProCutShort);
    let body = bytes.get(layout.header().len()..).ok_or_else(cut_short)?;
    let (salt, rest) = body
        .split_at_checked(layout.salt_len())
        .ok_or_else(cut_short)?;
    let (iv, ciphertext) = rest
        .split_at_checked(layout.iv_len())
        .ok_or_else(cut_short)?;
    let whole = match layout {
        Layout::Current => ciphertext.len() >= TAG_LEN,
        Layout::Legacy => !ciphertext.is_empty() && ciphertext.len().is_multiple_of(BLOCK),
    };
    if !whole {
        return Err(cut_short());
    }

    let password = password(Format::AuthPro)?;
    // The costs and the salt's length are the layout's constants: deriving cannot
    // fail, but if it did the file would be at fault, not the password.
    let key = derive(layout, password.as_bytes(), salt).ok_or_else(cut_short)?;
    match layout {
        Layout::Current => {
            let cipher = Aes256Gcm::new_from_slice(key.as_slice()).map_err(|_| cut_short())?;
            let plain = cipher
                .decrypt(iv.into(), ciphertext)
                .map(Zeroizing::new)
                .map_err(|_| ImportError::WrongPassword(Format::AuthPro))?;
            Ok(Opened {
                layout,
                length: Some(plain.len()),
                plain,
            })
        }
        Layout::Legacy => {
            let mut plain = Zeroizing::new(ciphertext.to_vec());
            cbc::Decryptor::<Aes256>::new_from_slices(key.as_slice(), iv)
                .map_err(|_| cut_short())?
                .decrypt_padded_mut::<NoPadding>(plain.as_mut_slice())
                .map_err(|_| cut_short())?;
            // PKCS#7 lives in the last block; a wrong key or damage there breaks it.
            let last = plain.len().saturating_sub(BLOCK);
            let length = plain
                .get(last..)
                .and_then(|block| Pkcs7::raw_unpad(block).ok())
                .map(|kept| last + kept.len());
            Ok(Opened {
                layout,
                plain,
                length,
            })
        }
    }
}
