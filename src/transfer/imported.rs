//! What reading a file gives: accounts, remarks and the entries left out; and the
//! callback that asks for an encrypted file's password.

use zeroize::Zeroizing;

use super::error::ImportError;
use super::format::Format;
use crate::accounts::Account;

/// Something the user should know about one imported account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The account's label (`issuer:name`).
    pub label: String,
    /// What to say, e.g. that a period was assumed.
    pub text: String,
}

/// An entry of the file that otp cannot represent, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unrepresentable {
    /// How the file names the entry (never its secret).
    pub label: String,
    /// Why it was left out, e.g. `Steam codes are not supported`.
    pub reason: String,
}

/// What a file holds, read but not yet merged into a vault.
///
/// `Debug` is safe: [`Account`] prints its secret redacted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imported {
    /// The accounts, in the file's order.
    pub accounts: Vec<Account>,
    /// Remarks about particular accounts.
    pub notes: Vec<Note>,
    /// Entries left out.
    pub unrepresentable: Vec<Unrepresentable>,
}

impl Imported {
    /// Appends another file's (or batch's) result.
    pub fn extend(&mut self, other: Imported) {
        self.accounts.extend(other.accounts);
        self.notes.extend(other.notes);
        self.unrepresentable.extend(other.unrepresentable);
    }
}

/// Asks for the password of an encrypted file; called only when one is needed.
pub type PasswordPrompt<'a> = dyn FnMut(Format) -> Result<Zeroizing<String>, ImportError> + 'a;
