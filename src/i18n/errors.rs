//! Sentences for the errors of the lower layers: the vault, the agent, the config
//! file, links, secrets, accounts, the clipboard and the code parameters.

use super::{Lang, Localize};

macro_rules! english_for_now {
    ($($ty:ty),+ $(,)?) => {
        $(impl Localize for $ty {
            fn localize_in(&self, _lang: Lang) -> String {
                self.to_string()
            }
        })+
    };
}

english_for_now!(
    crate::vault::VaultError,
    crate::vault::PinError,
    crate::vault::payload::PayloadError,
    crate::accounts::AccountError,
    crate::accounts::CodeError,
    crate::accounts::MatchError,
    crate::secret::SecretError,
    crate::otpauth::UriError,
    crate::agent::AgentError,
    crate::code::ParamError,
    crate::config::ConfigError,
    crate::clipboard::ClipboardError,
    crate::clock::ClockError,
    crate::random::RandomError,
    crate::age_scrypt::OpenError,
    crate::age_scrypt::EncryptError,
);
