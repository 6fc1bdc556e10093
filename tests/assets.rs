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
