//! The reasons inside a translated sentence are translated too, end to end with the
//! real binaries: why an option's value was refused (clap's ranges and our own
//! parsers) and why the system refused a file operation come from the catalogues, in
//! Korean with `OTP_LANG=ko` or a Korean locale, and in English otherwise.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::process::{Command, Output};

use common::{Sandbox, feed, stderr};
use otp::i18n::{Args, Lang, Value, catalogue};

fn sentence(lang: Lang, id: &str, values: &[(&str, &str)]) -> String {
    let mut args = Args::new();
    for (name, value) in values {
        args.set(*name, Value::from(value.to_string()));
    }
    let text = catalogue::text(lang, id, Some(&args));
    assert_ne!(text, id, "{id} is missing from the catalogue");
    text
}

fn has_hangul(text: &str) -> bool {
    text.chars().any(|c| ('가'..='힣').contains(&c))
}

/// English a reason used to carry, in any of the cases below.
const ENGLISH_REASONS: &[&str] = &[
    "is not in",
    "invalid digit",
    "number too large",
    "is not a duration",
    "is not supported",
    "unknown format",
    "unknown algorithm",
    "is not a whole number",
    "os error",
    "Is a directory",
    "File exists",
];

/// The two ways to ask for Korean: `OTP_LANG`, and the locale alone.
fn korean_ways(mut command: impl FnMut() -> Command, stdin: &str) -> Vec<Output> {
    let mut by_flag = command();
    by_flag.env("OTP_LANG", "ko");
    let mut by_locale = command();
    by_locale
        .env_remove("OTP_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANGUAGE")
        .env("LANG", "ko_KR.UTF-8");
    vec![feed(by_flag, stdin), feed(by_locale, stdin)]
}

/// `command` (English by default) says `english`; in Korean it says `korean` and
/// none of the English reasons; the exit code is the same in both.
fn assert_said_in_both(command: impl FnMut() -> Command, english: &str, korean: &str) {
    assert_said_in_both_with(command, "", english, korean);
}

/// [`assert_said_in_both`], with `stdin` fed to each run.
fn assert_said_in_both_with(
    command: impl FnMut() -> Command,
    stdin: &str,
    english: &str,
    korean: &str,
) {
    let mut command = command;
    let mut in_english = command();
    in_english.env("OTP_LANG", "en");
    let out = feed(in_english, stdin);
    let said = stderr(&out);
    assert!(said.contains(english), "expected {english:?} in:\n{said}");
    assert!(!said.contains("os error"), "{said}");
    assert!(has_hangul(korean), "{korean}");
    for korean_out in korean_ways(&mut command, stdin) {
        let said = stderr(&korean_out);
        assert!(said.contains(korean), "expected {korean:?} in:\n{said}");
        for english in ENGLISH_REASONS {
            assert!(
                !said.contains(english),
                "English {english:?} left in:\n{said}"
            );
        }
        assert_eq!(korean_out.status.code(), out.status.code(), "{said}");
    }
}

/// A usage error's first line for `--<arg>` and `value`, with `reason` in `lang`.
fn refused(lang: Lang, arg: &str, value: &str, reason: &str) -> String {
    sentence(
        lang,
        "help-error-value-validation",
        &[("arg", arg), ("value", value), ("reason", reason)],
    )
}

fn otp_with<'a>(
    sandbox: &'a Sandbox,
    args: &'static [&'static str],
) -> impl FnMut() -> Command + 'a {
    move || {
        let mut command = sandbox.otp();
        command.args(args);
        command
    }
}

#[test]
fn a_work_factor_out_of_range_is_refused_in_the_user_s_language() {
    let sandbox = Sandbox::new();
    let bounds = [("min", "10"), ("max", "22")];
    for (args, arg, value) in [
        (
            &["init", "--work-factor", "99"][..],
            "--work-factor <LOG_N>",
            "99",
        ),
        (
            &["--work-factor", "abc"][..],
            "--work-factor <LOG_N>",
            "abc",
        ),
    ] {
        let args: &'static [&'static str] = args;
        assert_said_in_both(
            otp_with(&sandbox, args),
            &refused(
                Lang::En,
                arg,
                value,
                &sentence(Lang::En, "help-reason-range", &bounds),
            ),
            &refused(
                Lang::Ko,
                arg,
                value,
                &sentence(Lang::Ko, "help-reason-range", &bounds),
            ),
        );
    }
    assert!(!sandbox.vault.exists());
}

#[test]
fn a_bad_unlock_duration_is_refused_in_the_user_s_language() {
    let sandbox = Sandbox::new();
    assert_said_in_both(
        otp_with(&sandbox, &["unlock", "--for", "3x"]),
        &sentence(Lang::En, "err-agent-lifetime-invalid", &[("text", "3x")]),
        &sentence(Lang::Ko, "err-agent-lifetime-invalid", &[("text", "3x")]),
    );
    assert_said_in_both(
        otp_with(&sandbox, &["unlock", "--for", "25h"]),
        &sentence(Lang::En, "err-agent-lifetime-range", &[("text", "25h")]),
        &sentence(Lang::Ko, "err-agent-lifetime-range", &[("text", "25h")]),
    );
}

/// The arguments, the message id of the reason, and its values.
type Case = (
    &'static [&'static str],
    &'static str,
    &'static [(&'static str, &'static str)],
);

#[test]
fn our_own_parsers_give_their_reasons_in_the_user_s_language() {
    let sandbox = Sandbox::new();
    let cases: [Case; 6] = [
        (
            &["add", "x", "--digits", "9"],
            "err-param-digits",
            &[("value", "9")],
        ),
        (
            &["add", "x", "--period", "0"],
            "err-param-period",
            &[("value", "0")],
        ),
        (
            &["add", "x", "--algorithm", "md5"],
            "err-param-algorithm",
            &[("value", "md5")],
        ),
        (
            &["add", "x", "--hotp", "--counter", "abc"],
            "err-param-counter",
            &[("value", "abc")],
        ),
        (
            &["code", "x", "--at", "abc"],
            "help-reason-whole-number",
            &[],
        ),
        (
            &["code", "x", "--at", "99999999999999999999"],
            "help-reason-too-large",
            &[("max", "18446744073709551615")],
        ),
    ];
    for (args, id, values) in cases {
        assert_said_in_both(
            otp_with(&sandbox, args),
            &sentence(Lang::En, id, values),
            &sentence(Lang::Ko, id, values),
        );
    }
    let formats = otp::transfer::format_names();
    assert_said_in_both(
        otp_with(&sandbox, &["import", "f", "--format", "zz"]),
        &sentence(
            Lang::En,
            "transfer-unknown-format-name",
            &[("given", "zz"), ("formats", &formats)],
        ),
        &sentence(
            Lang::Ko,
            "transfer-unknown-format-name",
            &[("given", "zz"), ("formats", &formats)],
        ),
    );
}

/// otpd follows the locale alone (it has no `--lang`).
#[cfg(feature = "server")]
#[test]
fn otpd_s_number_options_are_refused_in_the_user_s_language() {
    let dir = tempfile::tempdir().unwrap();
    let run = |locale: &str| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_otpd"));
        for name in ["LC_ALL", "LC_MESSAGES", "LANGUAGE", "OTP_LANG"] {
            command.env_remove(name);
        }
        command
            .current_dir(dir.path())
            .env("LANG", locale)
            .args(["audit", "--limit", "lots"])
            .output()
            .unwrap()
    };
    let english = run("en_US.UTF-8");
    let korean = run("ko_KR.UTF-8");
    let said = stderr(&english);
    let expected = sentence(Lang::En, "help-reason-whole-number", &[]);
    assert!(
        said.contains(&expected),
        "expected {expected:?} in:\n{said}"
    );
    let said = stderr(&korean);
    let expected = sentence(Lang::Ko, "help-reason-whole-number", &[]);
    assert!(
        said.contains(&expected),
        "expected {expected:?} in:\n{said}"
    );
    assert!(!said.contains("invalid digit"), "{said}");
    assert_eq!(korean.status.code(), Some(2));
    assert_eq!(english.status.code(), Some(2));
}

/// The system's reason (a config path that is a directory, a vault path under a
/// file, so its directory cannot be made) is said in words, not as "Is a directory (os error 21)".
#[test]
fn the_system_s_reasons_are_said_in_the_user_s_language() {
    let sandbox = Sandbox::new();
    std::fs::create_dir_all(&sandbox.config).unwrap();
    assert_said_in_both(
        otp_with(&sandbox, &["list"]),
        &sentence(Lang::En, "common-os-is-a-directory", &[]),
        &sentence(Lang::Ko, "common-os-is-a-directory", &[]),
    );

    let sandbox = Sandbox::new();
    let file = sandbox.dir.path().join("a-file");
    std::fs::write(&file, b"not a directory").unwrap();
    let vault = file.join("vault.age");
    let command = || {
        let mut command = sandbox.otp();
        command.env("OTP_VAULT", &vault).args([
            "--pin-stdin",
            "init",
            "--work-factor",
            common::TEST_WORK_FACTOR,
        ]);
        command
    };
    assert_said_in_both_with(
        command,
        &format!("{}\n", common::PIN),
        &sentence(Lang::En, "common-os-already-exists", &[]),
        &sentence(Lang::Ko, "common-os-already-exists", &[]),
    );
    assert_eq!(std::fs::read(&file).unwrap(), b"not a directory");
}

/// A parser's own words (here the TOML parser's, about a broken config file) stay
/// as they are, but the sentence says they are technical detail, in both languages.
#[test]
fn a_parser_s_words_are_marked_as_technical_detail() {
    let sandbox = Sandbox::new();
    std::fs::write(&sandbox.config, "lang = \n").unwrap();
    let run = |lang: &str| {
        let mut command = sandbox.otp();
        command.env("OTP_LANG", lang).args(["--pin-stdin", "list"]);
        feed(command, "")
    };
    for (lang, tag) in [(Lang::En, "en"), (Lang::Ko, "ko")] {
        let said = stderr(&run(tag));
        let marker = catalogue::text(
            lang,
            "common-technical-detail",
            Some(&{
                let mut args = Args::new();
                args.set("detail", "");
                args
            }),
        );
        assert!(!marker.trim().is_empty() && marker.trim() != "common-technical-detail");
        assert!(
            said.contains(marker.trim_end()),
            "expected {marker:?} in:\n{said}"
        );
        let path = sandbox.config.display().to_string();
        assert!(said.contains(&path), "{said}");
    }
    assert!(has_hangul(&stderr(&run("ko"))));
}
