//! What FreeOTP's files are read into: a map of named texts, whatever held it (a
//! Java serialisation stream or an Android preferences file).

use zeroize::Zeroizing;

/// Entries a map may have at most: FreeOTP writes two per token and one more, so
/// this is two thousand tokens; more is refused before anything is allocated for it.
pub(super) const MAX_ENTRIES: usize = 4096;

/// One entry of a map: its name and its text. No `Debug`: a text of `tokens.xml`
/// holds a secret.
pub(super) struct Entry {
    /// The name (a token's ID or UUID, `masterKey`, `tokenOrder`): never secret.
    pub name: String,
    /// The text.
    pub value: Zeroizing<String>,
}
