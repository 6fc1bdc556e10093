//! The lower layers' errors reach the user in the chosen language, end to end with
//! the real binary: the sentence comes from the catalogue, and the exit code is the
//! same in every language (scripts test it, not the words).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::process::Output;

use common::{Sandbox, feed, stderr};
use otp::i18n::{Args, Lang, Value, catalogue};

/// `otp --pin-stdin ARGS` in `lang`, with exactly `stdin`.
fn run_in(sandbox: &Sandbox, lang: &str, args: &[&str], stdin: &str) -> Output {
    let mut command = sandbox.otp();
    command.env("OTP_LANG", lang).arg("--pin-stdin").args(args);
    feed(command, stdin)
}

fn sentence(lang: Lang, id: &str, values: &[(&str, Value<'static>)]) -> String {
    let mut args = Args::new();
    for (name, value) in values {
        args.set(*name, value.clone());
    }
    catalogue::text(lang, id, Some(&args))
}

fn has_hangul(text: &str) -> bool {
    text.chars().any(|c| ('가'..='힣').contains(&c))
}

#[test]
fn a_wrong_pin_is_told_in_korean_with_the_same_exit_code_as_in_english() {
    let sandbox = Sandbox::initialised();
    let english = run_in(&sandbox, "en", &["list"], "999999\n");
    let korean = run_in(&sandbox, "ko", &["list"], "999999\n");

    let expected = sentence(
        Lang::Ko,
        "err-vault-wrong-pin",
        &[("count", Value::from(3))],
    );
    assert!(has_hangul(&expected), "{expected}");
    let said = stderr(&korean);
    assert!(
        said.contains(&expected),
        "expected {expected:?} in:\n{said}"
    );
    assert!(!said.contains("wrong PIN"), "English left in:\n{said}");

    let english_sentence = sentence(
        Lang::En,
        "err-vault-wrong-pin",
        &[("count", Value::from(4))],
    );
    assert!(
        stderr(&english).contains(&english_sentence),
        "expected {english_sentence:?} in:\n{}",
        stderr(&english)
    );
    assert_eq!(english.status.code(), Some(4));
    assert_eq!(korean.status.code(), english.status.code());
}

#[test]
fn a_missing_vault_is_told_in_korean_with_its_path() {
    let sandbox = Sandbox::new();
    let korean = run_in(&sandbox, "ko", &["list"], "258046\n");
    let english = run_in(&sandbox, "en", &["list"], "258046\n");
    let path = sandbox.vault.display().to_string();
    let expected = sentence(
        Lang::Ko,
        "err-vault-not-found",
        &[("path", Value::from(path.clone()))],
    );
    let said = stderr(&korean);
    assert!(
        said.contains(&expected),
        "expected {expected:?} in:\n{said}"
    );
    assert!(said.contains(&path));
    assert_eq!(korean.status.code(), Some(6));
    assert_eq!(korean.status.code(), english.status.code());
}

#[test]
fn a_pin_that_counts_up_is_refused_in_korean() {
    let sandbox = Sandbox::new();
    let korean = run_in(
        &sandbox,
        "ko",
        &["init", "--work-factor", common::TEST_WORK_FACTOR],
        "123456\n123456\n",
    );
    let expected = catalogue::text(Lang::Ko, "err-pin-straight-run", None);
    let said = stderr(&korean);
    assert!(
        said.contains(&expected),
        "expected {expected:?} in:\n{said}"
    );
    assert_eq!(korean.status.code(), Some(2));
    assert!(!sandbox.vault.exists());
}

#[cfg(unix)]
#[test]
fn no_agent_is_told_in_korean_with_the_same_exit_code_as_in_english() {
    let sandbox = Sandbox::initialised();
    let korean = run_in(&sandbox, "ko", &["status"], "");
    let english = run_in(&sandbox, "en", &["status"], "");
    let expected = catalogue::text(Lang::Ko, "err-agent-not-running", None);
    let said = stderr(&korean);
    assert!(
        said.contains(&expected),
        "expected {expected:?} in:\n{said}"
    );
    assert!(
        stderr(&english).contains(&catalogue::text(Lang::En, "err-agent-not-running", None)),
        "{}",
        stderr(&english)
    );
    assert_ne!(korean.status.code(), Some(0));
    assert_eq!(korean.status.code(), english.status.code());
}
