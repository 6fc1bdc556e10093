//! The committed man pages and completions must match the clap definition.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

mod common;

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter(|entry| entry.as_ref().is_ok_and(|entry| entry.path().is_file()))
        .map(|entry| {
            let entry = entry.unwrap();
            (
                entry.file_name().to_string_lossy().into_owned(),
                std::fs::read(entry.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// Whether a file in `man/` is one of otpd's pages (`otpd.1`, `otpd-*.1`) rather
/// than otp's (`otp.1`, `otp-*.1`).
fn is_otpd_page(name: &str) -> bool {
    name.starts_with("otpd.") || name.starts_with("otpd-")
}

/// The files of `dir` under `root` that `keep` selects.
fn files_where(root: &Path, dir: &str, keep: impl Fn(&str) -> bool) -> Vec<(String, Vec<u8>)> {
    let path = root.join(dir);
    if !path.is_dir() {
        return Vec::new();
    }
    files(&path)
        .into_iter()
        .filter(|(name, _)| keep(name))
        .collect()
}

#[test]
fn man_pages_and_completions_are_up_to_date() {
    let fresh = tempfile::tempdir().unwrap();
    otp::cli::assets::generate(&otp::cli::command(), fresh.path()).unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (dir, keep) in [
        (
            "man",
            (|name: &str| !is_otpd_page(name) && name.ends_with(".1")) as fn(&str) -> bool,
        ),
        ("man/ko", |name: &str| !is_otpd_page(name)),
        ("completions", |_: &str| true),
    ] {
        let committed = files_where(repo, dir, keep);
        let generated = files_where(fresh.path(), dir, |_| true);
        assert!(
            !committed.is_empty() && committed == generated,
            "otp's {dir}/ is stale: run `cargo run -- generate-assets .` in the repository root and commit the result"
        );
    }
    let names: Vec<String> = files(&repo.join("completions"))
        .into_iter()
        .map(|f| f.0)
        .collect();
    assert_eq!(
        names,
        ["_otp", "_otp.ps1", "otp.bash", "otp.elv", "otp.fish"]
    );
    assert!(
        files(&repo.join("man"))
            .iter()
            .any(|(name, _)| name == "otp-code.1")
    );
}

/// otp's generator writes only otp's pages: otpd's come from otpd.
#[test]
fn otp_generates_no_otpd_pages() {
    let fresh = tempfile::tempdir().unwrap();
    otp::cli::assets::generate(&otp::cli::command(), fresh.path()).unwrap();
    for dir in ["man", "man/ko"] {
        let otpd_pages = files_where(fresh.path(), dir, is_otpd_page);
        assert!(otpd_pages.is_empty());
    }
}

#[cfg(feature = "server")]
#[test]
fn otpd_man_pages_are_up_to_date() {
    let fresh = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_otpd"))
        .arg("generate-assets")
        .arg(fresh.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["man", "man/ko"] {
        let committed = files_where(repo, dir, is_otpd_page);
        let generated = files_where(fresh.path(), dir, |name| name.ends_with(".1"));
        assert!(
            generated.iter().all(|(name, _)| is_otpd_page(name)),
            "otpd generate-assets wrote pages that are not otpd's in {dir}/"
        );
        assert!(
            generated.iter().any(|(name, _)| name == "otpd-serve.1"),
            "otpd generate-assets wrote no {dir}/otpd-serve.1"
        );
        assert!(
            committed == generated,
            "otpd's man pages in {dir}/ are stale: run `cargo run --bin otpd -- generate-assets .` in the repository root and commit the result"
        );
    }
}

#[test]
fn completions_subcommand_prints_a_script() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_otp"))
        .args(["completions", "bash"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let script = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        script,
        String::from_utf8(
            std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("completions/otp.bash"))
                .unwrap()
        )
        .unwrap()
    );
}

/// Internal commands (`agent-serve`, which `otp unlock` starts, and
/// `generate-assets`, for maintainers) are hidden from `--help`; a completion must not
/// offer them either, in any shell, nor after `otp help`.
#[test]
fn completions_offer_no_hidden_command() {
    let command = otp::cli::command();
    let hidden: Vec<&str> = command
        .get_subcommands()
        .filter(|sub| sub.is_hide_set())
        .map(clap::Command::get_name)
        .collect();
    assert!(hidden.contains(&"agent-serve"), "{hidden:?}");
    let offered = common::completion::bash_offers(&["otp", ""], &[]);
    assert!(offered.iter().any(|w| w == "passwd"), "{offered:?}");
    let after_help = common::completion::bash_offers(&["otp", "help", ""], &[]);
    assert!(after_help.iter().any(|w| w == "passwd"), "{after_help:?}");
    for name in &hidden {
        assert!(
            !offered.iter().any(|w| w == name),
            "bash offers {name}: {offered:?}"
        );
        assert!(
            !after_help.iter().any(|w| w == name),
            "bash offers {name} after `otp help`: {after_help:?}"
        );
    }
    // The other shells ask otp the same way; what it answers them.
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let offered = common::completion::otp_offers(shell, &["otp", ""]);
        assert!(
            offered.iter().any(|w| w == "passwd"),
            "{shell}: {offered:?}"
        );
        for name in &hidden {
            assert!(
                !offered.iter().any(|w| w == name),
                "{shell} is offered {name}: {offered:?}"
            );
        }
    }
}

/// The README's table row for `code`: it must say exactly what otp and otpd say.
fn error_row(code: otp::api::ErrorCode) -> String {
    let sentence = otp::i18n::Localize::localize_in(&code, otp::i18n::Lang::En);
    let mut chars = sentence.chars();
    let first = chars.next().unwrap().to_uppercase().collect::<String>();
    let status = match code {
        // Found by the client itself: no server answer carries them.
        otp::api::ErrorCode::Ce2001 | otp::api::ErrorCode::Ce2002 => "client".to_owned(),
        _ => code.http_status().to_string(),
    };
    format!(
        "| {} | {} | {}{}. |",
        code.as_str(),
        status,
        first,
        chars.as_str().replace('|', "\\|")
    )
}

#[test]
fn the_readme_lists_every_error_code_with_its_sentence() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let missing: Vec<String> = otp::api::ErrorCode::ALL
        .into_iter()
        .map(error_row)
        .filter(|row| !readme.contains(row.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "README.md's error table lacks or differs from these rows:\n{}",
        missing.join("\n")
    );
}

/// The `OTP_*` variables the client's sources read (`"OTP_…"` literals outside
/// tests and the build script), found by scanning `src/`.
fn variables_read_by_otp() -> std::collections::BTreeSet<String> {
    let mut found = std::collections::BTreeSet::new();
    let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            // Tests, otpd's own sources and the build script (whose variables are
            // read when otp is built, not when it runs) do not count.
            if !name.ends_with(".rs")
                || name.contains("test")
                || name.starts_with("otpd")
                || name == "build.rs"
            {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for piece in text.split("\"OTP_").skip(1) {
                let tail: String = piece
                    .chars()
                    .take_while(|c| c.is_ascii_uppercase() || *c == '_')
                    .collect();
                if piece[tail.len()..].starts_with('"') {
                    found.insert(format!("OTP_{tail}"));
                }
            }
        }
    }
    found
}

/// The lines of section `heading` of a page rendered by man(1), 80 columns wide.
fn rendered_section(page: &Path, heading: &str) -> Vec<String> {
    let out = std::process::Command::new("man")
        .arg("-l")
        .arg(page)
        .env("MANWIDTH", "80")
        .env("MAN_KEEP_FORMATTING", "")
        .env_remove("MANPAGER")
        .env("PAGER", "cat")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    text.lines()
        .skip_while(|line| line.trim_end() != heading)
        .skip(1)
        .take_while(|line| line.is_empty() || line.starts_with(' '))
        .map(str::to_owned)
        .collect()
}

/// otp(1) has ENVIRONMENT (every `OTP_*` variable otp reads) and FILES (vault,
/// backup, attempts, lock, config, agent socket) sections, in both languages, and
/// its NOTES keep their columns instead of being refilled by man.
#[test]
fn otp_page_has_environment_and_files_and_keeps_its_notes_laid_out() {
    if !common::have_tool("man", &["--version"]) {
        return;
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let variables = variables_read_by_otp();
    assert!(variables.contains("OTP_PIN_COMMAND"), "{variables:?}");
    for (page, environment, files, notes) in [
        ("man/otp.1", "ENVIRONMENT", "FILES", "NOTES"),
        ("man/ko/otp.1", "환경 변수", "파일", "참고 사항"),
    ] {
        let page = repo.join(page);
        let environment = rendered_section(&page, environment).join("\n");
        for variable in &variables {
            assert!(
                environment.contains(variable.as_str()),
                "{} ENVIRONMENT lacks {variable}:\n{environment}",
                page.display()
            );
        }
        let files = rendered_section(&page, files).join("\n");
        for file in [
            "otp/vault.age",
            "<vault>.bak",
            "<vault>.attempts",
            "<vault>.lock",
            "otp/config.toml",
            ".sock",
        ] {
            assert!(
                files.contains(file),
                "{} FILES lacks {file}:\n{files}",
                page.display()
            );
        }
        let notes = rendered_section(&page, notes);
        let line = notes
            .iter()
            .find(|line| line.trim_start().starts_with("OTP_PIN_COMMAND"))
            .unwrap_or_else(|| panic!("no OTP_PIN_COMMAND line in {}: {notes:#?}", page.display()));
        assert!(
            line.trim_end().ends_with(')'),
            "the OTP_PIN_COMMAND line of {} is broken: {notes:#?}",
            page.display()
        );
    }
}

/// The README says, for every format `otp import` reads, what it keeps and what it
/// leaves behind: one row per `--format` value in that table.
#[test]
fn the_readme_says_what_every_import_format_keeps() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let table: Vec<&str> = readme
        .lines()
        .skip_while(|line| !line.starts_with("| `--format` | kept exactly | left behind |"))
        .take_while(|line| line.starts_with('|'))
        .collect();
    assert!(!table.is_empty(), "no table of what each format keeps");
    for format in otp::transfer::Format::ALL {
        let row = format!("| `{}` |", format.as_str());
        let rows = table.iter().filter(|line| line.starts_with(&row)).count();
        assert_eq!(rows, 1, "{row} is in the table {rows} times");
    }
}
