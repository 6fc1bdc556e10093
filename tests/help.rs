//! `--help`, usage errors and the help catalogue: every command and argument of
//! otp and otpd, hidden ones included, has its words in English and Korean, the
//! catalogue holds no help nobody reads, and the language follows `--lang`,
//! `OTP_LANG` and the locale.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::process::{Command, Output};

use otp::i18n::Lang;
use otp::i18n::catalogue::{self, Area};
use otp::manual::{Purpose, localize_asking};

/// The clap trees of the programs this build has.
fn trees() -> Vec<clap::Command> {
    #[allow(unused_mut)]
    let mut trees = vec![otp::cli::command()];
    #[cfg(feature = "server")]
    trees.push(otp::otpd_cli::command());
    trees
}

/// The message ids of help.ftl in `lang`.
fn catalogue_ids(lang: Lang) -> BTreeSet<String> {
    catalogue::source(lang, Area::Help)
        .lines()
        .filter(|line| line.starts_with("help-"))
        .filter_map(|line| line.split_once(" =").map(|(id, _)| id.trim().to_owned()))
        .collect()
}

#[test]
fn every_command_and_argument_has_its_help_in_both_languages() {
    let mut missing = Vec::new();
    for lang in Lang::ALL {
        for tree in trees() {
            let name = tree.get_name().to_owned();
            let hidden: Vec<String> = tree
                .get_subcommands()
                .filter(|sub| sub.is_hide_set())
                .map(|sub| format!("help-{name}-{}-about", sub.get_name()))
                .collect();
            let (_, asked) = localize_asking(tree, lang, Purpose::Help);
            assert!(asked.required.len() > 10, "the walk asked for nothing");
            // Hidden commands are walked too: their own --help is read.
            assert!(!hidden.is_empty(), "{name} has no hidden command to check");
            for id in hidden {
                assert!(
                    asked.required.iter().any(|(asked, _)| *asked == id),
                    "the walk skipped the hidden command of {id}"
                );
            }
            for (id, _) in asked.required {
                if !catalogue::has(lang, &id) {
                    missing.push(format!("{}: {id}", lang.tag()));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "help.ftl lacks:\n{}",
        missing.join("\n")
    );
}

/// Every help-* id is used: built by a walk over a tree, or named in manual.rs
/// (headings, usage errors, man page sections). Without otpd in the build, its
/// ids are not looked at.
#[test]
fn the_help_catalogue_holds_nothing_the_code_does_not_use() {
    let mut used = BTreeSet::new();
    for tree in trees() {
        let (_, asked) = localize_asking(tree, Lang::En, Purpose::Help);
        used.extend(asked.required.into_iter().map(|(id, _)| id));
        used.extend(asked.optional);
    }
    let code = include_str!("../src/manual.rs");
    let dead: Vec<String> = catalogue_ids(Lang::En)
        .into_iter()
        .filter(|id| cfg!(feature = "server") || !id.starts_with("help-otpd-"))
        .filter(|id| !used.contains(id) && !code.contains(&format!("\"{id}\"")))
        .collect();
    assert!(
        dead.is_empty(),
        "help.ftl holds unused ids:\n{}",
        dead.join("\n")
    );
    assert_eq!(catalogue_ids(Lang::En), catalogue_ids(Lang::Ko));
}

fn text(lang: Lang, id: &str) -> String {
    assert!(catalogue::has(lang, id), "{id}");
    catalogue::text(lang, id, None)
}

/// Runs `program` with `args`, no locale or config file set but `env`.
fn run(program: &str, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(program);
    command.args(args);
    for name in ["LC_ALL", "LC_MESSAGES", "LANG", "OTP_LANG", "LANGUAGE"] {
        command.env_remove(name);
    }
    // No config file of the machine's user speaks for the tests.
    command.env("OTP_CONFIG", "/nonexistent/otp/config.toml");
    command.envs(env.iter().copied());
    command.output().unwrap()
}

fn otp(args: &[&str], env: &[(&str, &str)]) -> Output {
    run(env!("CARGO_BIN_EXE_otp"), args, env)
}

/// Standard output with runs of white space as one space (clap wraps long lines).
fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

#[test]
fn otp_help_speaks_korean_with_otp_lang() {
    let out = otp(&["--help"], &[("OTP_LANG", "ko")]);
    assert!(out.status.success());
    let help = stdout(&out);
    assert!(
        help.contains(&format!("{}:", text(Lang::Ko, "help-heading-usage"))),
        "{help}"
    );
    assert!(
        help.contains(&format!("{}:", text(Lang::Ko, "help-heading-options"))),
        "{help}"
    );
    assert!(
        help.contains(&text(Lang::Ko, "help-otp-init-about")),
        "{help}"
    );
    assert!(!help.contains("Usage:"), "{help}");

    let out = otp(&["code", "--help"], &[("OTP_LANG", "ko")]);
    assert!(out.status.success());
    let help = stdout(&out);
    assert!(
        help.starts_with(&text(Lang::Ko, "help-otp-code-about")),
        "{help}"
    );
    assert!(help.contains(&format!(
        "<{}>",
        text(Lang::Ko, "help-otp-code-arg-account-value")
    )));
    assert!(help.contains(&text(Lang::Ko, "help-flag-help")), "{help}");
}

#[test]
fn otp_help_follows_the_locale() {
    let out = otp(&["code", "--help"], &[("LANG", "ko_KR.UTF-8")]);
    assert!(out.status.success());
    assert!(stdout(&out).starts_with(&text(Lang::Ko, "help-otp-code-about")));

    let out = otp(&["code", "--help"], &[("LANG", "fr_FR.UTF-8")]);
    assert!(stdout(&out).starts_with(&text(Lang::En, "help-otp-code-about")));
}

#[test]
fn the_lang_flag_beats_the_locale() {
    for args in [
        &["--lang", "en", "code", "--help"][..],
        &["code", "--lang=en", "--help"][..],
    ] {
        let out = otp(args, &[("LANG", "ko_KR.UTF-8"), ("OTP_LANG", "ko")]);
        assert!(out.status.success());
        let help = stdout(&out);
        assert!(
            help.starts_with(&text(Lang::En, "help-otp-code-about")),
            "{help}"
        );
        assert!(help.contains("Usage:"), "{help}");
    }
    let out = otp(&["--lang", "ko", "list", "-h"], &[]);
    assert!(stdout(&out).starts_with(&text(Lang::Ko, "help-otp-list-about")));
}

#[test]
fn a_usage_error_is_korean_and_exits_2() {
    let out = otp(&["--bogus"], &[("OTP_LANG", "ko")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    let mut args = otp::i18n::Args::new();
    args.set("arg", "--bogus");
    let sentence = catalogue::text(Lang::Ko, "help-error-unknown-argument", Some(&args));
    assert!(
        err.starts_with(&format!(
            "{}: {sentence}",
            text(Lang::Ko, "help-error-label")
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("{}:", text(Lang::Ko, "help-heading-usage"))),
        "{err}"
    );
    assert!(!err.contains("error:") && !err.contains("Usage:"), "{err}");

    let out = otp(&["code"], &[("OTP_LANG", "ko")]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(&text(Lang::Ko, "help-error-missing-required")),
        "{err}"
    );

    let out = otp(&["lst"], &[("OTP_LANG", "ko")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("'list'"));
}

#[test]
fn an_english_usage_error_is_clap_s() {
    let out = otp(&["--bogus"], &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with("error: unexpected argument '--bogus' found"),
        "{err}"
    );
    assert!(err.contains("Usage: otp [OPTIONS] [COMMAND]"), "{err}");
    assert!(err.contains("For more information, try '--help'."), "{err}");
}

#[cfg(feature = "server")]
#[test]
fn otpd_help_follows_the_locale() {
    let otpd = env!("CARGO_BIN_EXE_otpd");
    let out = run(otpd, &["--help"], &[("LANG", "ko_KR.UTF-8")]);
    assert!(out.status.success());
    let help = stdout(&out);
    assert!(
        help.starts_with(&text(Lang::Ko, "help-otpd-about")),
        "{help}"
    );
    assert!(
        help.contains(&text(Lang::Ko, "help-otpd-issue-about")),
        "{help}"
    );

    let out = run(otpd, &["issue", "--help"], &[("LC_ALL", "ko_KR.UTF-8")]);
    assert!(stdout(&out).starts_with(&text(Lang::Ko, "help-otpd-issue-about")));

    let out = run(otpd, &["--help"], &[]);
    assert!(stdout(&out).starts_with(&text(Lang::En, "help-otpd-about")));
}

/// Korean help is laid out by display width: the help column of `otp code -h`
/// starts at the same screen column on every line.
#[test]
fn korean_help_columns_line_up_by_display_width() {
    let out = otp(&["code", "-h"], &[("OTP_LANG", "ko")]);
    let help = String::from_utf8(out.stdout).unwrap();
    let options = text(Lang::Ko, "help-heading-options");
    let section = help.split(&format!("{options}:\n")).nth(1).unwrap();
    let columns: BTreeSet<usize> = section
        .lines()
        .filter(|line| line.starts_with("  ") && line.trim_start().starts_with('-'))
        .filter_map(|line| {
            let flag_end = line.trim_start().find("  ")? + (line.len() - line.trim_start().len());
            let rest = &line[flag_end..];
            let start = flag_end + (rest.len() - rest.trim_start().len());
            Some(unicode_width::UnicodeWidthStr::width(&line[..start]))
        })
        .collect();
    assert_eq!(columns.len(), 1, "{help}");
}

/// Before the config is read, help still follows its `lang` (after `--lang` and
/// `OTP_LANG`, ahead of the locale).
#[test]
fn help_follows_the_config_file() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "lang = \"ko\"\n").unwrap();
    let config = config.to_str().unwrap();
    let out = otp(
        &["--config", config, "code", "--help"],
        &[("LANG", "en_US.UTF-8")],
    );
    assert!(stdout(&out).starts_with(&text(Lang::Ko, "help-otp-code-about")));
    let out = otp(&["code", "--help"], &[("OTP_CONFIG", config)]);
    assert!(stdout(&out).starts_with(&text(Lang::Ko, "help-otp-code-about")));
    let out = otp(
        &["--lang", "en", "code", "--help"],
        &[("OTP_CONFIG", config)],
    );
    assert!(stdout(&out).starts_with(&text(Lang::En, "help-otp-code-about")));
}

/// Hidden commands (the agent process, the maintainers' asset generator) are not
/// listed, but their own `--help` speaks the reader's language like the others'.
#[test]
fn hidden_commands_have_their_help_in_both_languages() {
    for (args, about, value) in [
        (
            &["agent-serve", "--help"][..],
            "help-otp-agent-serve-about",
            "help-otp-agent-serve-arg-for-secs-value",
        ),
        (
            &["generate-assets", "--help"][..],
            "help-otp-generate-assets-about",
            "help-otp-generate-assets-arg-root-value",
        ),
    ] {
        for (lang, env) in [
            (Lang::Ko, ("OTP_LANG", "ko")),
            (Lang::Ko, ("LANG", "ko_KR.UTF-8")),
            (Lang::En, ("LANG", "en_US.UTF-8")),
        ] {
            let out = otp(args, &[env]);
            assert!(out.status.success(), "{}", stderr(&out));
            let help = stdout(&out);
            assert!(help.starts_with(&text(lang, about)), "{help}");
            assert!(help.contains(&text(lang, value)), "{help}");
            assert!(
                help.contains(&format!("{}:", text(lang, "help-heading-usage"))),
                "{help}"
            );
        }
    }
    // Still hidden from the command list.
    let out = otp(&["--help"], &[("OTP_LANG", "ko")]);
    let help = stdout(&out);
    assert!(
        !help.contains("agent-serve") && !help.contains("generate-assets"),
        "{help}"
    );
}

#[cfg(feature = "server")]
#[test]
fn otpd_s_hidden_command_has_its_help_in_both_languages() {
    let otpd = env!("CARGO_BIN_EXE_otpd");
    for (lang, locale) in [(Lang::Ko, "ko_KR.UTF-8"), (Lang::En, "en_US.UTF-8")] {
        let out = run(otpd, &["generate-assets", "--help"], &[("LANG", locale)]);
        assert!(out.status.success(), "{}", stderr(&out));
        let help = stdout(&out);
        assert!(
            help.starts_with(&text(lang, "help-otpd-generate-assets-about")),
            "{help}"
        );
        assert!(
            help.contains(&text(lang, "help-otpd-generate-assets-arg-root")),
            "{help}"
        );
    }
}

/// `otp import --help` names every format `--format` takes, in English and in
/// Korean: the list is written out in the catalogue, so a new format must be added
/// there too.
#[test]
fn import_help_names_every_format_in_both_languages() {
    for lang in ["en", "ko"] {
        let out = otp(&["import", "--help"], &[("OTP_LANG", lang)]);
        assert!(out.status.success(), "{lang}: {out:?}");
        let help = stdout(&out);
        // clap wraps long lines: compare words, not the lines.
        let words: BTreeSet<&str> = help
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|word| !word.is_empty())
            .collect();
        for format in otp::transfer::Format::ALL {
            assert!(
                words.contains(format.as_str()),
                "{lang}: --format {format} is not in:\n{help}"
            );
        }
    }
}
