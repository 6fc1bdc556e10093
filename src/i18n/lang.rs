//! Which language to speak: the two the product ships, and how a locale setting, a
//! `--lang` value or an HTTP `Accept-Language` header picks one.

use std::str::FromStr;

/// A language the catalogues are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English, the fallback for every language the product does not speak.
    En,
    /// Korean, as the organisations' manuals and emails write it.
    Ko,
}

impl Lang {
    /// Every language, English first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ko];

    /// The language's tag, as in the catalogue folders (`assets/i18n/<tag>/`).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    /// Reads a locale name or language tag: `ko`, `ko_KR.UTF-8`, `ko-KR`, `en_US`,
    /// `C`, `POSIX`. `None` for a language the product does not speak.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let language = tag
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match language.as_str() {
            "ko" => Some(Lang::Ko),
            "en" | "c" | "posix" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language of the locale environment, as POSIX orders it: the first of
    /// `LC_ALL`, `LC_MESSAGES` and `LANG` that is set and not empty decides; a
    /// language the product does not speak (or none) gives English.
    pub fn from_env() -> Lang {
        Self::from_locale_vars(|name| std::env::var(name).ok())
    }

    /// [`Lang::from_env`] over any source of variables (for tests).
    pub fn from_locale_vars(var: impl Fn(&str) -> Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(var)
            .find(|value| !value.is_empty())
            .and_then(|value| Lang::from_tag(&value))
            .unwrap_or(Lang::En)
    }

    /// The language an HTTP client asks for in `Accept-Language` (weights
    /// respected); English when it names none the product speaks.
    pub fn from_accept_language(header: &str) -> Lang {
        // The parser keeps the header's order and drops the weights: order by them first.
        let requested = fluent_langneg::accepted_languages::parse(&by_weight(header));
        let available = [langid(Lang::En), langid(Lang::Ko)];
        let default = langid(Lang::En);
        fluent_langneg::negotiate_languages(
            &requested,
            &available,
            Some(&default),
            fluent_langneg::NegotiationStrategy::Lookup,
        )
        .first()
        .and_then(|chosen| Lang::from_tag(chosen.language.as_str()))
        .unwrap_or(Lang::En)
    }

    /// The first choice that is set: a `--lang` value, then the config file's
    /// `lang`, then the locale environment. A value that names no language the
    /// product speaks falls through to the next.
    pub fn choose(flag: Option<&str>, config: Option<&str>) -> Lang {
        flag.and_then(Lang::from_tag)
            .or_else(|| config.and_then(Lang::from_tag))
            .unwrap_or_else(Lang::from_env)
    }
}

impl FromStr for Lang {
    type Err = UnknownLang;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Lang::from_tag(text).ok_or_else(|| UnknownLang(text.to_owned()))
    }
}

/// A language tag the product has no catalogue for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?}: en, ko")]
pub struct UnknownLang(pub String);

/// The languages of an `Accept-Language` value, most wanted first, without their
/// weights and without those refused (`q=0`): `en;q=0.1, ko;q=0.9` becomes
/// `ko,en`. Equal weights keep the client's order; an unreadable weight counts as 1.
/// (Language negotiation itself only looks at the order.)
fn by_weight(header: &str) -> String {
    let mut tags: Vec<(u16, &str)> = header
        .split(',')
        .filter_map(|entry| {
            let mut parts = entry.split(';');
            let tag = parts.next()?.trim();
            let weight = parts
                .find_map(|param| param.trim().strip_prefix("q="))
                .map_or(1000, milli_weight);
            (!tag.is_empty() && weight > 0).then_some((weight, tag))
        })
        .collect();
    tags.sort_by_key(|(weight, _)| std::cmp::Reverse(*weight));
    tags.iter()
        .map(|(_, tag)| *tag)
        .collect::<Vec<_>>()
        .join(",")
}

/// A weight (`0`, `0.5`, `1.000`) in thousandths; 1 when unreadable.
fn milli_weight(text: &str) -> u16 {
    let text = text.trim();
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = fraction.len() <= 3 && fraction.bytes().all(|b| b.is_ascii_digit());
    if whole == "0" && digits {
        format!("{fraction:0<3}").parse().unwrap_or(1000)
    } else {
        1000
    }
}

pub(super) fn langid(lang: Lang) -> unic_langid::LanguageIdentifier {
    match lang {
        Lang::En => unic_langid::langid!("en"),
        Lang::Ko => unic_langid::langid!("ko"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_names_pick_the_language() {
        assert_eq!(Lang::from_tag("ko_KR.UTF-8"), Some(Lang::Ko));
        assert_eq!(Lang::from_tag("ko-KR"), Some(Lang::Ko));
        assert_eq!(Lang::from_tag("KO"), Some(Lang::Ko));
        assert_eq!(Lang::from_tag("en_GB.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::from_tag("C.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::from_tag("POSIX"), Some(Lang::En));
        assert_eq!(Lang::from_tag("de_DE.UTF-8"), None);
        assert_eq!(Lang::from_tag(""), None);
    }

    #[test]
    fn lc_all_beats_lc_messages_beats_lang_and_unknown_falls_back_to_english() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(key, _)| *key == name)
                    .map(|(_, value)| (*value).to_owned())
            }
        };
        assert_eq!(
            Lang::from_locale_vars(env(&[("LANG", "ko_KR.UTF-8")])),
            Lang::Ko
        );
        assert_eq!(
            Lang::from_locale_vars(env(&[("LANG", "ko_KR.UTF-8"), ("LC_MESSAGES", "en_US")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_locale_vars(env(&[("LC_MESSAGES", "en_US"), ("LC_ALL", "ko_KR")])),
            Lang::Ko
        );
        assert_eq!(
            Lang::from_locale_vars(env(&[("LC_ALL", ""), ("LANG", "ko_KR")])),
            Lang::Ko
        );
        assert_eq!(
            Lang::from_locale_vars(env(&[("LANG", "fr_FR.UTF-8")])),
            Lang::En
        );
        assert_eq!(Lang::from_locale_vars(env(&[])), Lang::En);
    }

    #[test]
    fn accept_language_respects_weights_and_defaults_to_english() {
        assert_eq!(
            Lang::from_accept_language("ko-KR,ko;q=0.9,en;q=0.8"),
            Lang::Ko
        );
        assert_eq!(Lang::from_accept_language("en-US,ko;q=0.5"), Lang::En);
        assert_eq!(Lang::from_accept_language("fr, ko;q=0.3"), Lang::Ko);
        assert_eq!(Lang::from_accept_language("en;q=0.1, ko;q=0.9"), Lang::Ko);
        assert_eq!(Lang::from_accept_language("ko;q=0, en"), Lang::En);
        assert_eq!(Lang::from_accept_language("fr"), Lang::En);
        assert_eq!(Lang::from_accept_language(""), Lang::En);
        assert_eq!(Lang::from_accept_language("*;;;=="), Lang::En);
    }

    #[test]
    fn accept_language_is_ordered_by_weight() {
        assert_eq!(by_weight("en;q=0.1, ko;q=0.9"), "ko,en");
        assert_eq!(by_weight("ko-KR,ko;q=0.9,en;q=0.8"), "ko-KR,ko,en");
        assert_eq!(by_weight("fr;q=0.5, en;q=0.5, ko"), "ko,fr,en");
        assert_eq!(by_weight("ko;q=0, en"), "en");
        assert_eq!(by_weight("ko;q=0.05, en;q=0.049"), "ko,en");
        assert_eq!(by_weight("ko;q=junk, en;q=0.5"), "ko,en");
        assert_eq!(by_weight(" , ;q=1"), "");
    }

    #[test]
    fn a_flag_beats_the_config_and_nonsense_falls_through() {
        assert_eq!(Lang::choose(Some("ko"), Some("en")), Lang::Ko);
        assert_eq!(Lang::choose(Some("xx"), Some("ko")), Lang::Ko);
        assert_eq!(Lang::choose(None, Some("en")), Lang::En);
    }
}
