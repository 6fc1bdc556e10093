//! The message catalogues: one Fluent file per area and language under
//! `assets/i18n/<lang>/`, built into the binaries and parsed on first use, one area
//! at a time, so that `otp code` pays for none of them unless it has something to
//! say.
//!
//! A message id starts with its area (`tui-…` lives in `tui.ftl`). Every area's
//! bundle also holds `terms.ftl`, the shared vocabulary (`{ -customer-code }`), so a
//! term is translated once.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

use super::lang::{Lang, langid};

/// One catalogue file: the messages of one part of the product.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    /// Sentences several front-ends share (account summaries, durations).
    Common,
    /// Errors of the lower layers: vault, agent, config, links, secrets, accounts.
    Err,
    /// Import, export and QR pictures.
    Transfer,
    /// The protocol's error codes (CE/SE), for otp and otpd alike.
    Api,
    /// Customer-code enrollment on the client.
    Enroll,
    /// The command line of `otp`.
    Cli,
    /// The full-screen interface.
    Tui,
    /// `otp --help` and its man pages.
    Help,
    /// `otpd`: its admin command line, help, man pages and server messages.
    Otpd,
}

impl Area {
    /// Every area, in catalogue order.
    pub const ALL: [Area; 9] = [
        Area::Common,
        Area::Err,
        Area::Transfer,
        Area::Api,
        Area::Enroll,
        Area::Cli,
        Area::Tui,
        Area::Help,
        Area::Otpd,
    ];

    /// The file name without `.ftl`, and the prefix of every id in it.
    pub fn name(self) -> &'static str {
        match self {
            Area::Common => "common",
            Area::Err => "err",
            Area::Transfer => "transfer",
            Area::Api => "api",
            Area::Enroll => "enroll",
            Area::Cli => "cli",
            Area::Tui => "tui",
            Area::Help => "help",
            Area::Otpd => "otpd",
        }
    }

    /// The area a message id belongs to, by its prefix.
    pub fn of(id: &str) -> Option<Area> {
        let prefix = id.split('-').next()?;
        Area::ALL.into_iter().find(|area| area.name() == prefix)
    }

    fn index(self) -> usize {
        self as usize
    }
}

macro_rules! sources {
    ($lang:literal) => {
        [
            include_str!(concat!("../../assets/i18n/", $lang, "/common.ftl")),
            include_str!(concat!("../../assets/i18n/", $lang, "/err.ftl")),
            include_str!(concat!("../../assets/i18n/", $lang, "/transfer.ftl")),
            include_str!(concat!("../../assets/i18n/", $lang, "/api.ftl")),
            include_str!(concat!("../../assets/i18n/", $lang, "/enroll.ftl")),
            include_str!(concat!("../../assets/i18n/", $lang, "/cli.ftl")),
            include_str!(concat!("../../assets/i18n/", $lang, "/tui.ftl")),
            include_str!(concat!("../../assets/i18n/", $lang, "/help.ftl")),
            include_str!(concat!("../../assets/i18n/", $lang, "/otpd.ftl")),
        ]
    };
}

const EN: [&str; 9] = sources!("en");
const KO: [&str; 9] = sources!("ko");
const EN_TERMS: &str = include_str!("../../assets/i18n/en/terms.ftl");
const KO_TERMS: &str = include_str!("../../assets/i18n/ko/terms.ftl");

/// The text of one catalogue file, as built in.
pub fn source(lang: Lang, area: Area) -> &'static str {
    match lang {
        Lang::En => EN[area.index()],
        Lang::Ko => KO[area.index()],
    }
}

/// The shared vocabulary of a language, as built in.
pub fn terms(lang: Lang) -> &'static str {
    match lang {
        Lang::En => EN_TERMS,
        Lang::Ko => KO_TERMS,
    }
}

type Bundle = FluentBundle<FluentResource>;

static BUNDLES: [[OnceLock<Bundle>; 9]; 2] = [
    [const { OnceLock::new() }; 9],
    [const { OnceLock::new() }; 9],
];

fn bundle(lang: Lang, area: Area) -> &'static Bundle {
    let slot = match lang {
        Lang::En => &BUNDLES[0][area.index()],
        Lang::Ko => &BUNDLES[1][area.index()],
    };
    slot.get_or_init(|| {
        let mut bundle = Bundle::new_concurrent(vec![langid(lang)]);
        // Terminals and JSON have no use for bidi isolation marks around values.
        bundle.set_use_isolating(false);
        for text in [terms(lang), source(lang, area)] {
            // A file that does not parse keeps the entries that do; the catalogue
            // tests fail on any error, so a shipped binary never sees one.
            let resource = match FluentResource::try_new(text.to_owned()) {
                Ok(resource) | Err((resource, _)) => resource,
            };
            let _ = bundle.add_resource(resource);
        }
        bundle
    })
}

/// The message `id` in `lang` with `args` filled in. A message missing in `lang`
/// comes in English; one missing everywhere comes as its id (the catalogue tests
/// make sure neither happens).
pub fn text(lang: Lang, id: &str, args: Option<&FluentArgs<'_>>) -> String {
    let Some(area) = Area::of(id) else {
        return id.to_owned();
    };
    for lang in [lang, Lang::En] {
        let bundle = bundle(lang, area);
        if let Some(pattern) = bundle.get_message(id).and_then(|message| message.value()) {
            let mut errors = Vec::new();
            return bundle
                .format_pattern(pattern, args, &mut errors)
                .into_owned();
        }
    }
    id.to_owned()
}

/// Whether `lang`'s catalogue has the message `id` (for generated ids, such as a
/// clap argument's help).
pub fn has(lang: Lang, id: &str) -> bool {
    Area::of(id).is_some_and(|area| bundle(lang, area).has_message(id))
}

/// The attribute `attribute` of message `id` (`.label`, `.hint`), like [`text`].
pub fn attribute(lang: Lang, id: &str, attribute: &str, args: Option<&FluentArgs<'_>>) -> String {
    let Some(area) = Area::of(id) else {
        return id.to_owned();
    };
    for lang in [lang, Lang::En] {
        let bundle = bundle(lang, area);
        if let Some(pattern) = bundle
            .get_message(id)
            .and_then(|message| message.get_attribute(attribute))
            .map(|attribute| attribute.value())
        {
            let mut errors = Vec::new();
            return bundle
                .format_pattern(pattern, args, &mut errors)
                .into_owned();
        }
    }
    format!("{id}.{attribute}")
}

/// Formats `id` and returns the errors Fluent reported (unknown variables, missing
/// references), for the catalogue tests.
pub fn check(lang: Lang, id: &str, args: Option<&FluentArgs<'_>>) -> Result<String, String> {
    let area = Area::of(id).ok_or_else(|| format!("{id}: no area has this prefix"))?;
    let bundle = bundle(lang, area);
    let message = bundle
        .get_message(id)
        .ok_or_else(|| format!("{id}: missing in {}", lang.tag()))?;
    let mut errors = Vec::new();
    let mut out = String::new();
    if let Some(pattern) = message.value() {
        out = bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned();
    }
    for attribute in message.attributes() {
        out.push('\n');
        out.push_str(&bundle.format_pattern(attribute.value(), args, &mut errors));
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(format!("{id} in {}: {errors:?}", lang.tag()))
    }
}
