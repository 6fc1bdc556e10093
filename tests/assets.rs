//! The committed man pages and completions must match the clap definition.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
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

#[test]
fn man_pages_and_completions_are_up_to_date() {
    let fresh = tempfile::tempdir().unwrap();
    otp::cli::assets::generate(fresh.path()).unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["man", "completions"] {
        let committed = repo.join(dir);
        let stale = !committed.is_dir() || files(&committed) != files(&fresh.path().join(dir));
        assert!(
            !stale,
            "{dir}/ is stale: run `cargo run -- generate-assets .` in the repository root and commit the result"
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

/// The README's table row for `code`: it must say exactly what otp and otpd say.
fn error_row(code: otp::api::ErrorCode) -> String {
    let sentence = code.sentence();
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
