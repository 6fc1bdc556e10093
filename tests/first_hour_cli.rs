//! Issue 15, the command line: what a new user tripped over in the first hour.
//! Account names match as the TUI's search does, `otp init` says when it gives up
//! on a new PIN and why (the last try's reason), and the README's command table
//! names each command once.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::agent::{Agent, agent_code, no_pin};
use common::{PIN, Sandbox, assert_failure, assert_success, stdout};
use otp::i18n::{Lang, catalogue};

const SECRET: &str = "JBSWY3DPEHPK3PXP";
const OTHER: &str = "GEZDGNBVGY3TQOJQ";
const KISTI: &str = "한국과학기술정보연구원(KISTI)";

/// A vault with an account whose issuer holds its short name in brackets, and two
/// whose labels share "lab" in the middle (never at the start).
fn kisti_sandbox() -> Sandbox {
    let sandbox = Sandbox::initialised();
    assert_success(&sandbox.add_secret("researcher", SECRET, &["--issuer", KISTI]));
    assert_success(&sandbox.add_secret("carol", OTHER, &["--issuer", "GitLab"]));
    assert_success(&sandbox.add_secret("dave", OTHER, &["--issuer", "Collab"]));
    sandbox
}

#[test]
fn a_word_inside_the_issuer_finds_the_account_with_and_without_an_agent() {
    let sandbox = kisti_sandbox();
    let label = format!("{KISTI}:researcher");
    let expected = sandbox.code(&label, &["--at", "0"]);
    for query in ["KISTI", "kisti", "Kisti", "연구원"] {
        assert_eq!(sandbox.code(query, &["--at", "0"]), expected, "{query}");
    }
    let out = sandbox.run(&["show", "kisti"], "");
    assert_success(&out);
    assert!(stdout(&out).contains(KISTI), "{}", stdout(&out));
    // Several accounts hold the word: exit 3 and name them all.
    let out = sandbox.run(&["code", "lab"], "");
    assert_failure(&out, 3, &["GitLab:carol", "Collab:dave"]);
    // A prefix still wins over a word inside another label.
    assert_eq!(
        sandbox.code("git", &["--at", "0"]),
        sandbox.code("GitLab:carol", &["--at", "0"])
    );

    let _agent = Agent::start(&sandbox, &[]);
    // The agent hands out current codes only: compare within one time step.
    common::agent::early_in_a_step();
    let current = agent_code(&sandbox, &label, &[]);
    for query in ["KISTI", "kisti"] {
        assert_eq!(agent_code(&sandbox, query, &[]), current, "{query}");
    }
    let out = no_pin(&sandbox, &["code", "lab"]);
    assert_failure(&out, 3, &["GitLab:carol", "Collab:dave"]);
}

#[test]
fn rename_and_remove_find_the_account_by_a_word_inside_its_issuer() {
    let sandbox = kisti_sandbox();
    assert_success(&sandbox.run(&["rename", "kisti", "lab-member"], ""));
    let out = sandbox.run(&["list"], "");
    assert!(stdout(&out).contains("lab-member"), "{}", stdout(&out));
    assert_success(&sandbox.run(&["remove", "KISTI", "--yes"], ""));
    let out = sandbox.run(&["list"], "");
    assert!(!stdout(&out).contains("KISTI"), "{}", stdout(&out));
}

fn words(lang: Lang, id: &str) -> String {
    catalogue::text(lang, id, None)
}

/// `otp init` at its hidden prompts in a pseudo-terminal (in `lang`), `answers`
/// typed one per prompt; the screen once it exited, and its exit code.
fn init_typing(lang: Lang, answers: &[&str]) -> (String, u32) {
    let sandbox = Sandbox::new();
    let code = if lang == Lang::Ko { "ko" } else { "en" };
    let mut tui = sandbox.tui(
        &["init", "--work-factor", "10"],
        &[("OTP_LANG", std::ffi::OsStr::new(code))],
        250,
        40,
    );
    let prompts = [
        words(lang, "cli-prompt-new-pin"),
        words(lang, "cli-prompt-repeat-pin"),
    ];
    let asked = |screen: &str| -> usize {
        prompts
            .iter()
            .map(|prompt| screen.matches(prompt.trim_end()).count())
            .sum()
    };
    for (i, answer) in answers.iter().enumerate() {
        let start = Instant::now();
        while asked(&tui.screen()) <= i {
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "prompt {} never came; the screen shows:\n{}",
                i + 1,
                tui.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        tui.send(&format!("{answer}\r"));
    }
    let status = tui.wait_exit(Duration::from_secs(60));
    // Let the reader thread take the last bytes.
    std::thread::sleep(Duration::from_millis(500));
    assert!(!sandbox.vault.exists(), "a vault after giving up");
    (tui.screen(), status.exit_code())
}

#[test]
fn init_gives_up_on_the_third_mismatch_and_says_what_to_do() {
    // A weak PIN, then two pairs that differ.
    let (screen, code) = init_typing(Lang::En, &["111111", PIN, "258047", PIN, "258047"]);
    assert_eq!(code, 2, "{screen}");
    let try_again = words(Lang::En, "cli-pins-differ");
    // "Try again" after the second try only: the third is the last.
    assert_eq!(screen.matches(&try_again).count(), 1, "{screen}");
    let gave_up = catalogue::text(
        Lang::En,
        "cli-new-pin-gave-up-differ",
        Some(&fluent_args(3)),
    );
    assert!(screen.contains(gave_up.trim()), "{screen}");
    // The last try's reason, not the first one's (the weak PIN, said once).
    let weak = words(Lang::En, "err-pin-repeated-digit");
    assert_eq!(screen.matches(&weak).count(), 1, "{screen}");
}

#[test]
fn init_reports_the_last_tries_reason_in_korean() {
    // Two pairs that differ, then a weak PIN: the weak PIN is the reason.
    let (screen, code) = init_typing(Lang::Ko, &[PIN, "258047", PIN, "258047", "123456"]);
    assert_eq!(code, 2, "{screen}");
    assert_eq!(
        screen.matches(&words(Lang::Ko, "cli-pins-differ")).count(),
        2,
        "{screen}"
    );
    let weak = words(Lang::Ko, "err-pin-straight-run");
    let gave_up = catalogue::text(
        Lang::Ko,
        "cli-new-pin-gave-up-refused",
        Some(&{
            let mut args = fluent_args(3);
            args.set("reason", weak.clone());
            args
        }),
    );
    assert!(screen.contains(gave_up.trim()), "{screen}");
    // Said once, in the final message: not also as if there were a next try.
    assert_eq!(screen.matches(&weak).count(), 1, "{screen}");
}

fn fluent_args(tries: usize) -> otp::i18n::Args<'static> {
    let mut args = otp::i18n::Args::new();
    args.set("tries", tries);
    args
}

/// The first words of a command row of the README's table, up to its first
/// placeholder or option list: `otp add --qr`, `otp show`.
fn command_of(row: &str) -> Option<String> {
    let cell = row.strip_prefix("| `")?;
    let command = &cell[..cell.find('`')?];
    Some(
        command
            .split_whitespace()
            .take_while(|word| !word.starts_with('<') && !word.starts_with('['))
            .collect::<Vec<_>>()
            .join(" "),
    )
}

#[test]
fn the_readme_lists_each_command_once() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme.find("\n## Commands\n").expect("a Commands section");
    let table = readme[start..]
        .lines()
        .skip_while(|line| !line.starts_with("| command"))
        .take_while(|line| line.starts_with('|'));
    let mut seen = std::collections::BTreeSet::new();
    let mut rows = 0;
    for row in table {
        let Some(command) = command_of(row) else {
            continue;
        };
        rows += 1;
        assert!(
            seen.insert(command.clone()),
            "README.md lists `{command}` twice"
        );
    }
    assert!(rows > 10, "the command table was not found ({rows} rows)");
    for command in ["otp add --qr", "otp show", "otp code"] {
        assert!(seen.contains(command), "{command} missing: {seen:?}");
    }
}
