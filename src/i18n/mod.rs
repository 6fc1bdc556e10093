//! The product's words in English and Korean.
//!
//! Every sentence a person reads (screens, prompts, messages, help, errors, otpd's
//! answers) is a message in a Fluent catalogue under `assets/i18n/<lang>/`; code
//! names it by id and passes its values:
//!
//! ```ignore
//! let line = otp::t!("cli-added", label = label, summary = summary);
//! ```
//!
//! Lower layers return typed errors; [`Localize`] turns them into sentences here,
//! above them and below the front-ends. The language is chosen once per process
//! ([`set`]) from `--lang`, the config file or the locale ([`Lang::choose`]); otpd
//! picks one per request from `Accept-Language` and uses [`t_in!`](crate::t_in).

mod api;
pub mod catalogue;
mod detail;
#[cfg(feature = "enroll")]
mod enroll;
mod errors;
mod lang;
mod transfer;

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

pub use detail::{io_reason, technical};
pub use fluent_bundle::{FluentArgs as Args, FluentValue as Value};
pub use lang::{Lang, UnknownLang};

/// 0: not chosen yet (the locale decides on first use); 1 + index otherwise.
static CHOSEN: AtomicU8 = AtomicU8::new(0);
static FROM_ENV: OnceLock<Lang> = OnceLock::new();

/// Sets the language of this process's messages.
pub fn set(lang: Lang) {
    let index = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
    CHOSEN.store(index as u8 + 1, Ordering::Relaxed);
}

thread_local! {
    static THREAD: std::cell::Cell<Option<Lang>> = const { std::cell::Cell::new(None) };
}

/// Sets (or with `None` clears) a language for the calling thread alone, ahead of
/// the process's. Tests run side by side on threads of one process: each one that
/// looks at words pins its language this way, whatever the locale of the machine.
pub fn set_thread(lang: Option<Lang>) {
    THREAD.with(|cell| cell.set(lang));
}

/// The language of this thread's messages: the one [`set_thread`] chose, else the
/// one [`set`] chose, else the locale's.
pub fn current() -> Lang {
    if let Some(lang) = THREAD.with(|cell| cell.get()) {
        return lang;
    }
    match CHOSEN.load(Ordering::Relaxed) {
        0 => *FROM_ENV.get_or_init(Lang::from_env),
        n => Lang::ALL
            .get(usize::from(n) - 1)
            .copied()
            .unwrap_or(Lang::En),
    }
}

/// The message `id` in `lang` (see [`catalogue::text`]).
pub fn text(lang: Lang, id: &str, args: Option<&Args<'_>>) -> String {
    catalogue::text(lang, id, args)
}

/// A typed error (or other value) said as a sentence in a language.
pub trait Localize {
    /// The sentence in `lang`.
    fn localize_in(&self, lang: Lang) -> String;

    /// The sentence in the process's language.
    fn localize(&self) -> String {
        self.localize_in(current())
    }
}

/// A message of the catalogues in the process's language, with named values:
/// `t!("cli-added", label = label, count = 3)`. Values are anything Fluent takes
/// (`&str`, `String`, numbers); pass a path as `path.display().to_string()`.
#[macro_export]
macro_rules! t {
    ($id:literal $(,)?) => {
        $crate::i18n::text($crate::i18n::current(), $id, None)
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {{
        let mut args = $crate::i18n::Args::new();
        $( args.set(stringify!($name), $crate::i18n::Value::from($value)); )+
        $crate::i18n::text($crate::i18n::current(), $id, Some(&args))
    }};
}

/// Like [`t!`], in a given language: `t_in!(lang, "otpd-…", user = id)`.
#[macro_export]
macro_rules! t_in {
    ($lang:expr, $id:literal $(,)?) => {
        $crate::i18n::text($lang, $id, None)
    };
    ($lang:expr, $id:literal, $($name:ident = $value:expr),+ $(,)?) => {{
        let mut args = $crate::i18n::Args::new();
        $( args.set(stringify!($name), $crate::i18n::Value::from($value)); )+
        $crate::i18n::text($lang, $id, Some(&args))
    }};
}

#[cfg(test)]
mod tests;
