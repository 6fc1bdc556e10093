//! Help, usage errors and man pages of `otp` and `otpd` in the reader's language.
//! Shared by both programs: each hands in its own clap definition.
//!
//! The derive in `cli/args.rs` and `otpd_cli/args.rs` only parses. Every text a
//! person reads — about lines, argument help, value names, possible values, the
//! headings, clap's usage errors, man page sections — comes from `help.ftl`, by an
//! id built from the command path and the argument id ([`localize`]):
//!
//! - `help-otp-about`, `help-otp-long-about`, `help-otp-after-help`: a command
//!   (`help-otp-code-…`, `help-otpd-customer-add-…` for subcommands);
//! - `help-otp-code-arg-account`, `…-long`, `…-value`, `…-value-<name>`: an
//!   argument, its long help, its value name, a possible value's help (a global
//!   argument is named after the root: `help-otp-arg-vault`);
//! - `help-flag-…`, `help-heading-…`, `help-spec-…`, `help-error-…`, `help-man-…`:
//!   clap's own flags and words.
//!
//! The catalogue is only read when something is shown: a successful parse never
//! builds the localized tree ([`parse_or_exit`]).

use std::fmt::Write as _;
use std::io;
use std::path::Path;

use clap::builder::{PossibleValue, PossibleValuesParser, StyledStr, Styles};
use clap::error::{ContextKind, ContextValue, ErrorFormatter, ErrorKind};
use clap::{ArgAction, Command};

use crate::i18n::{Args, Lang, Value, catalogue};

/// What a localized tree is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// `--help` and man pages: clap's bracketed notes (`[default: …]`) are written
    /// in the language too.
    Help,
    /// Shell completions: the texts only, so the scripts carry exactly the help
    /// lines and nothing clap would not put there.
    Completions,
}

/// The ids a walk over a tree asked the catalogue for.
#[derive(Debug, Default)]
pub struct Asked {
    /// Ids the tree needs (a command's about, an argument's help), with the text
    /// the plain tree has there.
    pub required: Vec<(String, String)>,
    /// Ids the tree uses when the catalogue has them (an after-help trailer).
    pub optional: Vec<String>,
}

struct Walk {
    lang: Lang,
    purpose: Purpose,
    root: String,
    asked: Asked,
}

impl Walk {
    fn text(&self, id: &str) -> Option<String> {
        catalogue::has(self.lang, id).then(|| catalogue::text(self.lang, id, None))
    }

    fn required(&mut self, id: &str, plain: impl ToString) -> Option<String> {
        self.asked.required.push((id.to_owned(), plain.to_string()));
        self.text(id)
    }

    fn optional(&mut self, id: &str) -> Option<String> {
        self.asked.optional.push(id.to_owned());
        self.text(id)
    }

    fn with(&self, id: &str, name: &'static str, value: String) -> String {
        let mut args = Args::new();
        args.set(name, Value::from(value));
        catalogue::text(self.lang, id, Some(&args))
    }

    fn command(&mut self, mut command: Command, prefix: &str) -> Command {
        if let Some(about) = self.required(
            &format!("{prefix}-about"),
            command
                .get_about()
                .map(ToString::to_string)
                .unwrap_or_default(),
        ) {
            command = command.about(about);
        }
        if command.get_long_about().is_some()
            && let Some(long) = self.required(
                &format!("{prefix}-long-about"),
                command
                    .get_long_about()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
            )
        {
            command = command.long_about(long);
        }
        if let Some(after) = self.optional(&format!("{prefix}-after-help")) {
            command = command.after_help(after);
        }
        if self.purpose == Purpose::Help {
            let template = self.template(&command);
            command = command.help_template(template);
        }
        let arguments: Vec<(clap::Id, bool)> = command
            .get_arguments()
            .map(|arg| (arg.get_id().clone(), arg.is_hide_set()))
            .collect();
        for (id, hidden) in arguments {
            if hidden {
                continue;
            }
            command = command.mut_arg(id, |arg| self.argument(arg, prefix));
        }
        if self.purpose == Purpose::Help {
            // clap writes `[OPTIONS]` and `[COMMAND]` into the usage line in English.
            let usage = command.render_usage().to_string();
            let line = usage
                .split_once(':')
                .map_or(usage.as_str(), |(_, rest)| rest.trim_start());
            let options = self.text("help-usage-options").unwrap_or_default();
            let subcommand = self.text("help-usage-command").unwrap_or_default();
            let line = line
                .replace("[OPTIONS]", &format!("[{options}]"))
                .replace("[COMMAND]", &format!("[{subcommand}]"))
                .replace("<COMMAND>", &format!("<{subcommand}>"));
            command = command.override_usage(line);
        }
        let subcommands: Vec<String> = command
            .get_subcommands()
            .map(|sub| sub.get_name().to_owned())
            .collect();
        if !subcommands.is_empty()
            && let Some(heading) = self.text("help-heading-commands")
        {
            command = command.subcommand_help_heading(heading);
        }
        // Hidden commands too: not listed, but their own `--help` is read. Every one
        // goes through `mut_subcommand`, which moves the one it changes to the end,
        // so the order stays the declared one.
        for name in subcommands {
            if name == "help" {
                // clap's own `help` subcommand: the same words under every command.
                let plain = command
                    .find_subcommand(&name)
                    .and_then(Command::get_about)
                    .map(ToString::to_string)
                    .unwrap_or_default();
                if let Some(about) = self.required("help-flag-help-command", plain) {
                    command = command.mut_subcommand(&name, |sub| sub.about(about));
                }
                continue;
            }
            let sub_prefix = format!("{prefix}-{name}");
            command = command.mut_subcommand(&name, |sub| self.command(sub, &sub_prefix));
        }
        command
    }

    /// The id prefix of an argument: clap's own flags share one; a global argument
    /// is named after the root command, wherever clap copied it.
    fn argument_prefix(&self, arg: &clap::Arg, prefix: &str) -> String {
        let id = arg.get_id().as_str();
        match arg.get_action() {
            ArgAction::Help | ArgAction::HelpShort | ArgAction::HelpLong => {
                if arg.get_long_help().is_some() {
                    "help-flag-help-more".to_owned()
                } else {
                    "help-flag-help".to_owned()
                }
            }
            ArgAction::Version => "help-flag-version".to_owned(),
            _ if arg.is_global_set() => format!("{}-arg-{}", self.root, id.replace('_', "-")),
            _ => format!("{prefix}-arg-{}", id.replace('_', "-")),
        }
    }

    fn argument(&mut self, mut arg: clap::Arg, prefix: &str) -> clap::Arg {
        let base = self.argument_prefix(&arg, prefix);
        let is_help = base == "help-flag-help-more";
        let mut help = self.required(
            &base,
            arg.get_help().map(ToString::to_string).unwrap_or_default(),
        );
        let mut long = if is_help {
            // "Print help (see more with '--help')" in short, and in long "Print
            // help (see a summary with '-h')".
            self.required(
                "help-flag-help-summary",
                arg.get_long_help()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
            )
        } else if arg.get_long_help().is_some() {
            self.required(
                &format!("{base}-long"),
                arg.get_long_help()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
            )
        } else {
            None
        };
        let names: Vec<String> = arg
            .get_value_names()
            .unwrap_or_default()
            .iter()
            .map(ToString::to_string)
            .collect();
        if !names.is_empty()
            && arg.get_action().takes_values()
            && let Some(value) = self.required(&format!("{base}-value"), names.join(" "))
        {
            let words: Vec<String> = value.split_whitespace().map(str::to_owned).collect();
            arg = arg.value_names(words);
        }
        let values: Vec<PossibleValue> = arg.get_possible_values();
        let mut pairs = Vec::new();
        if values.iter().any(|value| value.get_help().is_some()) {
            let localized: Vec<PossibleValue> = values
                .iter()
                .map(|value| {
                    let name = value.get_name().to_owned();
                    let mut new = value.clone();
                    if let Some(plain) = value.get_help()
                        && let Some(text) = self.required(&format!("{base}-value-{name}"), plain)
                    {
                        new = new.help(text.clone());
                        pairs.push((name, text));
                    }
                    new
                })
                .collect();
            arg = arg.value_parser(PossibleValuesParser::new(localized));
        }
        if self.purpose == Purpose::Help {
            let notes = self.notes(&arg, &values);
            if !notes.is_empty() {
                arg = arg
                    .hide_default_value(true)
                    .hide_env(true)
                    .hide_possible_values(true);
                let short = help.get_or_insert_default();
                let base_long = long.clone().unwrap_or_else(|| short.clone());
                let inline: Vec<&str> = notes.iter().map(|(_, note)| note.as_str()).collect();
                let _ = write!(short, " {}", inline.join(" "));
                if !pairs.is_empty() {
                    // As clap: the long help lists each possible value with its help.
                    let mut text = base_long;
                    let _ = write!(
                        text,
                        "\n\n{}",
                        self.text("help-spec-possible-values-heading")
                            .unwrap_or_default()
                    );
                    let width = pairs.iter().map(|(name, _)| display_width(name)).max();
                    for (name, value_help) in &pairs {
                        let pad = width.unwrap_or(0) - display_width(name);
                        let _ = write!(text, "\n- {name}: {:pad$}{value_help}", "");
                    }
                    let rest: Vec<&str> = notes
                        .iter()
                        .filter(|(possible, _)| !possible)
                        .map(|(_, note)| note.as_str())
                        .collect();
                    if !rest.is_empty() {
                        let _ = write!(text, "\n\n{}", rest.join("\n"));
                    }
                    long = Some(text);
                } else if let Some(text) = long.as_mut() {
                    let _ = write!(text, "\n\n{}", inline.join("\n"));
                }
            }
        }
        if let Some(help) = help {
            arg = arg.help(help);
        }
        if let Some(long) = long {
            arg = arg.long_help(long);
        }
        arg
    }

    /// The bracketed notes clap would add to an argument's help, in the language:
    /// (whether it is the short list of possible values, the note).
    fn notes(&self, arg: &clap::Arg, values: &[PossibleValue]) -> Vec<(bool, String)> {
        let mut notes = Vec::new();
        if let Some(env) = arg.get_env()
            && !arg.is_hide_env_set()
        {
            notes.push((
                false,
                self.with("help-spec-env", "name", env.to_string_lossy().into_owned()),
            ));
        }
        let defaults = arg.get_default_values();
        if arg.get_action().takes_values()
            && !defaults.is_empty()
            && !arg.is_hide_default_value_set()
        {
            let joined = defaults
                .iter()
                .map(|value| value.to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join(" ");
            notes.push((false, self.with("help-spec-default", "value", joined)));
        }
        let visible: Vec<&str> = values
            .iter()
            .filter(|value| !value.is_hide_set())
            .map(PossibleValue::get_name)
            .collect();
        if !visible.is_empty() && !arg.is_hide_possible_values_set() {
            notes.push((
                true,
                self.with("help-spec-possible-values", "values", visible.join(", ")),
            ));
        }
        notes
    }

    /// clap's default help layout with the headings in the language.
    fn template(&self, command: &Command) -> StyledStr {
        let styles = Styles::default();
        let header = styles.get_header();
        let usage = styles.get_usage();
        let word = |id: &str| self.text(id).unwrap_or_default();
        let mut out = String::new();
        let _ = write!(
            out,
            "{{before-help}}{{about-with-newline}}\n{usage}{}:{usage:#} {{usage}}",
            word("help-heading-usage")
        );
        let mut sections = Vec::new();
        if command.get_subcommands().any(|sub| !sub.is_hide_set()) {
            sections.push((word("help-heading-commands"), "{subcommands}"));
        }
        if command.get_positionals().any(|arg| !arg.is_hide_set()) {
            sections.push((word("help-heading-arguments"), "{positionals}"));
        }
        if command
            .get_arguments()
            .any(|arg| !arg.is_positional() && !arg.is_hide_set())
        {
            sections.push((word("help-heading-options"), "{options}"));
        }
        for (heading, list) in &sections {
            let _ = write!(out, "\n\n{header}{heading}:{header:#}\n{list}");
        }
        out.push_str("{after-help}");
        StyledStr::from(out)
    }
}

/// `command` (built and) with every text in `lang`, for `purpose`. `root` is the
/// id prefix of the program (`help-otp`, `help-otpd`).
pub fn localize(command: Command, lang: Lang, purpose: Purpose) -> Command {
    localize_asking(command, lang, purpose).0
}

/// [`localize`], and the ids it asked for (for the tests that keep the catalogue
/// and the trees in step).
pub fn localize_asking(mut command: Command, lang: Lang, purpose: Purpose) -> (Command, Asked) {
    command.build();
    let root = format!("help-{}", command.get_name());
    let mut walk = Walk {
        lang,
        purpose,
        root: root.clone(),
        asked: Asked::default(),
    };
    let mut command = walk.command(command, &root);
    if purpose == Purpose::Completions {
        command = without_hidden_subcommands(command);
    }
    (command, walk.asked)
}

/// A built `command` without its hidden subcommands (`otp agent-serve`,
/// `otp generate-assets`): clap_complete offers every subcommand, hidden or not, and a
/// completion must offer only what a person may type. clap cannot remove a
/// subcommand, so the root is built again from its parts: its texts, its arguments
/// (clap's own `--help`/`--version` among them, hence the two `disable_…` calls) and
/// its visible subcommands, each as it is. clap's `help` subcommand is made anew, so
/// that `otp help <Tab>` offers the visible commands only; it keeps its words.
fn without_hidden_subcommands(command: Command) -> Command {
    let help_about = command
        .find_subcommand("help")
        .and_then(Command::get_about)
        .cloned();
    let mut fresh = Command::new(command.get_name().to_owned())
        .disable_help_flag(true)
        .disable_version_flag(true);
    if let Some(bin_name) = command.get_bin_name() {
        fresh = fresh.bin_name(bin_name.to_owned());
    }
    if let Some(version) = command.get_version() {
        fresh = fresh.version(version.to_owned());
    }
    if let Some(about) = command.get_about() {
        fresh = fresh.about(about.clone());
    }
    if let Some(long_about) = command.get_long_about() {
        fresh = fresh.long_about(long_about.clone());
    }
    fresh = fresh.args(command.get_arguments().cloned()).subcommands(
        command
            .get_subcommands()
            .filter(|sub| !sub.is_hide_set() && sub.get_name() != "help")
            .cloned(),
    );
    fresh.build();
    match help_about {
        Some(about) => fresh.mut_subcommand("help", |help| help.about(about)),
        None => fresh,
    }
}

/// The value of `--<name> X` or `--<name>=X` among the process's arguments (the
/// last one wins; nothing after `--` counts), before anything is parsed.
pub fn flag_value(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|arg| arg.to_string_lossy().into_owned())
        .take_while(|arg| arg != "--")
        .collect();
    let long = format!("--{name}");
    let with_equals = format!("--{name}=");
    let mut value = None;
    for (index, arg) in args.iter().enumerate() {
        if let Some(rest) = arg.strip_prefix(&with_equals) {
            value = Some(rest.to_owned());
        } else if *arg == long {
            value = args.get(index + 1).cloned();
        }
    }
    value
}

/// The language of help and usage errors, before anything is parsed: `--lang X`
/// or `--lang=X` among the arguments, else `OTP_LANG`, else `config` (the config
/// file's `lang`, if the caller could read it), else the locale. (otpd has no
/// `--lang`: it passes `with_flag = false` and follows the locale.)
pub fn help_lang(with_flag: bool, config: Option<&str>) -> Lang {
    if !with_flag {
        return Lang::choose(None, config);
    }
    let flag = flag_value("lang").or_else(|| {
        std::env::var("OTP_LANG")
            .ok()
            .filter(|value| !value.is_empty())
    });
    Lang::choose(flag.as_deref(), config)
}

/// Called when the plain parse failed: parses the same arguments with the tree
/// `localized` builds in `lang`, and prints its help or usage error the way clap
/// does (help and version on standard output with status 0, errors on standard
/// error with status 2). `error` is the plain parse's, for the unlikely case that
/// the localized tree accepts the arguments.
pub fn exit_localized(
    error: clap::Error,
    lang: Lang,
    localized: impl FnOnce(Lang) -> Command,
) -> ! {
    crate::i18n::set(lang);
    let command = localized(lang);
    match command.try_get_matches_from(std::env::args_os()) {
        Err(error) => error.apply::<Localized>().exit(),
        Ok(_) => error.apply::<Localized>().exit(),
    }
}

/// Parses the process's arguments with `derived`, the plain tree; only when that
/// fails is the catalogue read, by [`exit_localized`].
pub fn parse_or_exit<T: clap::FromArgMatches>(
    derived: Command,
    lang: impl FnOnce() -> Lang,
    localized: impl FnOnce(Lang) -> Command,
) -> T {
    let result = derived
        .try_get_matches_from(std::env::args_os())
        .and_then(|matches| T::from_arg_matches(&matches));
    match result {
        Ok(value) => value,
        Err(error) => exit_localized(error, lang(), localized),
    }
}

/// An option's value refused by one of our value parsers, with the reason already
/// in the reader's language: clap shows it inside the usage error
/// (`help-error-value-validation`). It is made in the language [`exit_localized`]
/// chose, since the arguments are parsed again after the language is set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(String);

impl Refused {
    /// A refusal saying `reason` (a sentence of the catalogues).
    pub fn new(reason: String) -> Self {
        Refused(reason)
    }
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refused {}

/// A whole number from `min` to `max`, for a value parser
/// (`value_parser = |text: &str| whole_number(text, 1u32, 100)`): clap's own
/// number parsers give their reasons in English.
pub fn whole_number<T>(text: &str, min: T, max: T) -> Result<T, Refused>
where
    T: Copy + Into<u64> + TryFrom<u64>,
{
    let (low, high): (u64, u64) = (min.into(), max.into());
    let lang = crate::i18n::current();
    let say = |id: &str| {
        let mut args = Args::new();
        args.set("min", Value::from(low.to_string()));
        args.set("max", Value::from(high.to_string()));
        Refused(catalogue::text(lang, id, Some(&args)))
    };
    // From 0 up, a number is refused for being too large or not one at all; with a
    // floor above 0, by naming the range.
    let (too_large, not_a_number) = if low == 0 {
        ("help-reason-too-large", "help-reason-whole-number")
    } else {
        ("help-reason-range", "help-reason-range")
    };
    let number = match text.parse::<u64>() {
        Ok(number) => number,
        Err(error) if *error.kind() == std::num::IntErrorKind::PosOverflow => {
            return Err(say(too_large));
        }
        Err(_) => return Err(say(not_a_number)),
    };
    if number > high {
        return Err(say(too_large));
    }
    if number < low {
        return Err(say("help-reason-range"));
    }
    T::try_from(number).map_err(|_| say(too_large))
}

/// clap's usage errors in the process's language ([`crate::i18n::current`]).
#[derive(Debug)]
pub struct Localized;

fn string<F: ErrorFormatter>(error: &clap::error::Error<F>, kind: ContextKind) -> Option<String> {
    match error.get(kind) {
        Some(ContextValue::String(value)) => Some(value.clone()),
        Some(ContextValue::Strings(values)) => Some(values.join(", ")),
        Some(ContextValue::Number(number)) => Some(number.to_string()),
        _ => None,
    }
}

fn strings<F: ErrorFormatter>(error: &clap::error::Error<F>, kind: ContextKind) -> Vec<String> {
    match error.get(kind) {
        Some(ContextValue::String(value)) => vec![value.clone()],
        Some(ContextValue::Strings(values)) => values.clone(),
        _ => Vec::new(),
    }
}

fn say(lang: Lang, id: &str, pairs: &[(&'static str, String)]) -> String {
    let mut args = Args::new();
    for (name, value) in pairs {
        args.set(*name, Value::from(value.clone()));
    }
    catalogue::text(lang, id, Some(&args))
}

/// The first line of a usage error, without the `error:` label.
fn sentence<F: ErrorFormatter>(error: &clap::error::Error<F>, lang: Lang) -> String {
    let arg = string(error, ContextKind::InvalidArg).unwrap_or_default();
    let value = string(error, ContextKind::InvalidValue).unwrap_or_default();
    let mut out = match error.kind() {
        ErrorKind::UnknownArgument => say(lang, "help-error-unknown-argument", &[("arg", arg)]),
        ErrorKind::InvalidValue if value.is_empty() => {
            say(lang, "help-error-value-required", &[("arg", arg)])
        }
        ErrorKind::InvalidValue => say(
            lang,
            "help-error-invalid-value",
            &[("arg", arg), ("value", value)],
        ),
        ErrorKind::ValueValidation => {
            let reason = std::error::Error::source(error)
                .map(ToString::to_string)
                .unwrap_or_default();
            say(
                lang,
                "help-error-value-validation",
                &[("arg", arg), ("value", value), ("reason", reason)],
            )
        }
        ErrorKind::InvalidSubcommand => say(
            lang,
            "help-error-invalid-subcommand",
            &[(
                "subcommand",
                string(error, ContextKind::InvalidSubcommand).unwrap_or_default(),
            )],
        ),
        ErrorKind::MissingRequiredArgument => {
            let mut out = say(lang, "help-error-missing-required", &[]);
            for name in strings(error, ContextKind::InvalidArg) {
                let _ = write!(out, "\n  {name}");
            }
            out
        }
        ErrorKind::MissingSubcommand => say(
            lang,
            "help-error-missing-subcommand",
            &[(
                "command",
                string(error, ContextKind::InvalidSubcommand).unwrap_or_default(),
            )],
        ),
        ErrorKind::ArgumentConflict => {
            let prior = strings(error, ContextKind::PriorArg);
            if prior.len() == 1 && prior.first() == Some(&arg) {
                say(lang, "help-error-conflict-repeated", &[("arg", arg)])
            } else if prior.len() == 1 {
                say(
                    lang,
                    "help-error-conflict",
                    &[("arg", arg), ("other", prior.join(""))],
                )
            } else {
                let mut out = say(lang, "help-error-conflict-many", &[("arg", arg)]);
                for name in prior {
                    let _ = write!(out, "\n  {name}");
                }
                out
            }
        }
        ErrorKind::TooManyValues => say(
            lang,
            "help-error-too-many-values",
            &[("arg", arg), ("value", value)],
        ),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            let number = |kind| match error.get(kind) {
                Some(ContextValue::Number(number)) => Some(*number),
                _ => None,
            };
            let expected = number(ContextKind::MinValues)
                .or_else(|| number(ContextKind::ExpectedNumValues))
                .unwrap_or_default();
            let mut args = Args::new();
            args.set("arg", Value::from(arg));
            args.set("expected", Value::from(expected));
            args.set(
                "actual",
                Value::from(number(ContextKind::ActualNumValues).unwrap_or_default()),
            );
            catalogue::text(lang, "help-error-wrong-number-of-values", Some(&args))
        }
        ErrorKind::NoEquals => say(lang, "help-error-no-equals", &[("arg", arg)]),
        ErrorKind::InvalidUtf8 => say(lang, "help-error-invalid-utf8", &[]),
        _ => std::error::Error::source(error)
            .map(ToString::to_string)
            .unwrap_or_else(|| say(lang, "help-error-other", &[])),
    };
    let valid = strings(error, ContextKind::ValidValue);
    if !valid.is_empty() {
        let _ = write!(
            out,
            "\n  [{}]",
            say(
                lang,
                "help-error-possible-values",
                &[("values", valid.join(", "))]
            )
        );
    }
    let valid = strings(error, ContextKind::ValidSubcommand);
    if !valid.is_empty() {
        let _ = write!(
            out,
            "\n  [{}]",
            say(
                lang,
                "help-error-subcommands",
                &[("values", valid.join(", "))]
            )
        );
    }
    out
}

impl ErrorFormatter for Localized {
    fn format_error(error: &clap::error::Error<Self>) -> StyledStr {
        let lang = crate::i18n::current();
        let plain = error;
        let styles = Styles::default();
        let red = styles.get_error();
        let green = styles.get_valid();
        let literal = styles.get_literal();
        let mut out = StyledStr::new();
        let _ = write!(
            out,
            "{red}{}:{red:#} {}",
            say(lang, "help-error-label", &[]),
            sentence(plain, lang)
        );
        let mut first = true;
        for (kind, id) in [
            (
                ContextKind::SuggestedSubcommand,
                "help-error-similar-subcommand",
            ),
            (ContextKind::SuggestedArg, "help-error-similar-argument"),
            (ContextKind::SuggestedValue, "help-error-similar-value"),
        ] {
            if let Some(similar) = string(plain, kind) {
                out.push_str(if first { "\n\n" } else { "\n" });
                first = false;
                let _ = write!(
                    out,
                    "  {green}{}:{green:#} {}",
                    say(lang, "help-error-tip", &[]),
                    say(lang, id, &[("value", similar)])
                );
            }
        }
        if let Some(ContextValue::StyledStrs(tips)) = plain.get(ContextKind::Suggested) {
            for tip in tips {
                out.push_str(if first { "\n\n" } else { "\n" });
                first = false;
                let _ = write!(
                    out,
                    "  {green}{}:{green:#} {tip}",
                    say(lang, "help-error-tip", &[])
                );
            }
        }
        if let Some(ContextValue::StyledStr(usage)) = plain.get(ContextKind::Usage) {
            let usage = usage.to_string();
            let line = usage
                .split_once(':')
                .map(|(_, rest)| rest.trim_start())
                .unwrap_or(usage.as_str());
            let style = styles.get_usage();
            let _ = write!(
                out,
                "\n\n{style}{}:{style:#} {line}",
                say(lang, "help-heading-usage", &[])
            );
        }
        let _ = writeln!(
            out,
            "\n\n{}",
            say(
                lang,
                "help-error-more",
                &[("flag", format!("{literal}--help{literal:#}"))]
            )
        );
        out
    }
}

/// Writes `<name>.1` for `command` and `<name>-<sub>.1` for each visible subcommand
/// into `man_dir`, in `lang`: the tree is localized here, and so are the section
/// headings clap_mangen writes in English.
pub fn write_man_pages(command: &Command, lang: Lang, man_dir: &Path) -> io::Result<()> {
    let command = localize(command.clone(), lang, Purpose::Help);
    let base = command.get_name().to_owned();
    // clap's own `help` subcommand gets no page: `otp.1` lists it.
    let pages: Vec<String> = command
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
        .map(|sub| format!("{base}-{}", sub.get_name()))
        .collect();
    std::fs::write(
        man_dir.join(format!("{base}.1")),
        page(command.clone(), lang, &pages, true)?,
    )?;
    for sub in command
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
    {
        let name = format!("{base}-{}", sub.get_name());
        let page = page(
            sub.clone()
                .name(name.clone())
                .bin_name(name.replace('-', " ")),
            lang,
            std::slice::from_ref(&base),
            false,
        )?;
        std::fs::write(man_dir.join(format!("{name}.1")), page)?;
    }
    Ok(())
}

/// Writes the pages of `command` in every language: English in `man/`, the others
/// in `man/<tag>/` under `root`.
pub fn write_all_man_pages(command: &Command, root: &Path) -> io::Result<()> {
    for lang in Lang::ALL {
        let dir = match lang {
            Lang::En => root.join("man"),
            other => root.join("man").join(other.tag()),
        };
        std::fs::create_dir_all(&dir)?;
        write_man_pages(command, lang, &dir)?;
    }
    Ok(())
}

/// The section headings clap_mangen writes, and their ids.
const MAN_HEADINGS: [(&str, &str); 9] = [
    ("NAME", "help-man-name"),
    ("SYNOPSIS", "help-man-synopsis"),
    ("DESCRIPTION", "help-man-description"),
    ("OPTIONS", "help-man-options"),
    ("SUBCOMMANDS", "help-man-subcommands"),
    ("EXTRA", "help-man-notes"),
    ("VERSION", "help-man-version"),
    ("AUTHORS", "help-man-authors"),
    ("COMMANDS", "help-man-subcommands"),
];

/// One page: clap_mangen's, with the headings in `lang` and a SEE ALSO section
/// naming `see_also` (the program's page, or its commands' pages). The NOTES section
/// (the `--help` trailer, laid out by hand in columns) is kept as written rather than
/// refilled. The program's own page (`program`) also gets ENVIRONMENT and FILES.
fn page(command: Command, lang: Lang, see_also: &[String], program: bool) -> io::Result<Vec<u8>> {
    let extra = program.then(|| extra_sections(&command, lang));
    let mut roff = Vec::new();
    clap_mangen::Man::new(command).render(&mut roff)?;
    let text = String::from_utf8_lossy(&roff);
    let mut out = String::with_capacity(text.len());
    let mut in_notes = false;
    for line in text.split_inclusive('\n') {
        let heading = line.strip_prefix(".SH ").map(str::trim_end);
        if heading.is_some() && in_notes {
            out.push_str(".fi\n");
            in_notes = false;
        }
        if heading == Some("VERSION")
            && let Some(extra) = &extra
        {
            out.push_str(extra);
        }
        match heading.and_then(|heading| MAN_HEADINGS.iter().find(|(name, _)| *name == heading)) {
            Some((name, id)) => {
                let _ = writeln!(out, ".SH {}", catalogue::text(lang, id, None));
                if *name == "EXTRA" {
                    out.push_str(".nf\n");
                    in_notes = true;
                }
            }
            None => out.push_str(line),
        }
    }
    if in_notes {
        out.push_str(".fi\n");
    }
    if !see_also.is_empty() {
        let names: Vec<String> = see_also
            .iter()
            .map(|name| format!("\\fB{}\\fR(1)", name.replace('-', "\\-")))
            .collect();
        let _ = writeln!(
            out,
            ".SH {}\n{}",
            catalogue::text(lang, "help-man-see-also", None),
            names.join(", ")
        );
    }
    Ok(out.into_bytes())
}

/// The ENVIRONMENT and FILES sections of a program's page, in `lang`. ENVIRONMENT
/// names every variable an option reads (clap's `env`), with that option's help, the
/// same words `--help` shows, then the variables the program reads itself, from the
/// catalogue (see [`MAN_LISTS`]), which also holds FILES. Each line of those
/// messages is `NAME: what it is`.
fn extra_sections(command: &Command, lang: Lang) -> String {
    let (environment_id, files_id) = MAN_LISTS
        .iter()
        .find(|(program, ..)| *program == command.get_name())
        .map_or(("", ""), |(_, environment, files)| (*environment, *files));
    let mut entries: Vec<(String, String)> = Vec::new();
    let mut commands = vec![command];
    while let Some(command) = commands.pop() {
        for arg in command.get_arguments() {
            let Some(name) = arg.get_env() else { continue };
            let name = name.to_string_lossy().into_owned();
            if arg.is_hide_set() || entries.iter().any(|(known, _)| *known == name) {
                continue;
            }
            let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
            let option = format!("--{}", arg.get_long().unwrap_or(arg.get_id().as_str()));
            entries.push((name, format!("{option}: {help}")));
        }
        commands.extend(command.get_subcommands().filter(|sub| !sub.is_hide_set()));
    }
    entries.extend(listed(lang, environment_id));
    let mut out = String::new();
    for (heading, entries) in [
        ("help-man-environment", entries),
        ("help-man-files", listed(lang, files_id)),
    ] {
        if entries.is_empty() {
            continue;
        }
        let _ = writeln!(out, ".SH {}", catalogue::text(lang, heading, None));
        for (name, text) in entries {
            let _ = writeln!(
                out,
                ".TP\n\\fB{}\\fR\n{}",
                roff_text(&name),
                roff_text(&text)
            );
        }
    }
    out
}

/// Per program: the catalogue messages that list, for its page, the variables it
/// reads itself (beyond its options') and the files it uses.
const MAN_LISTS: [(&str, &str, &str); 1] =
    [("otp", "help-otp-man-environment", "help-otp-man-files")];

/// The `NAME: what it is` lines of the catalogue message `id`, if it exists.
fn listed(lang: Lang, id: &str) -> Vec<(String, String)> {
    if id.is_empty() || !catalogue::has(lang, id) {
        return Vec::new();
    }
    catalogue::text(lang, id, None)
        .lines()
        .filter_map(|line| line.split_once(": "))
        .map(|(name, text)| (name.trim().to_owned(), text.trim().to_owned()))
        .collect()
}

/// `text` for a roff body line: backslashes and hyphens escaped, no line starting
/// with a control character.
fn roff_text(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with(['.', '\'']) {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

fn display_width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}
