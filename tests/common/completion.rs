//! What a shell offers at a Tab with otp's completion loaded, as a person would get
//! it: the script `otp completions <shell>` prints, sourced by the real shell, whose
//! function asks the `otp` found on `PATH` (the binary under test).

use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Stdio};

/// `PATH` with the directory of the `otp` under test first.
fn path_with_otp() -> std::ffi::OsString {
    let dir = Path::new(env!("CARGO_BIN_EXE_otp")).parent().unwrap();
    let mut paths = vec![dir.to_path_buf()];
    paths.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(paths).unwrap()
}

/// The script `otp completions SHELL` prints, written to a file in `dir`.
fn script(shell: &str, dir: &Path) -> std::path::PathBuf {
    let out = Command::new(env!("CARGO_BIN_EXE_otp"))
        .args(["completions", shell])
        .output()
        .unwrap();
    assert!(out.status.success(), "otp completions {shell}");
    let path = dir.join(format!("otp.{shell}"));
    std::fs::write(&path, &out.stdout).unwrap();
    path
}

/// What bash offers after `words` (the line typed so far, the last word being
/// completed), with `env` set for the shell and so for the otp it runs.
pub fn bash_offers(words: &[&str], env: &[(&str, &OsStr)]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = script("bash", dir.path());
    let line = words.join(" ");
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let program = format!(
        "source '{}'; COMP_WORDS=({}); COMP_CWORD={}; COMP_LINE='{line}'; COMP_POINT={}; \
         _clap_complete_otp otp '{}' '{}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        path.display(),
        quoted.join(" "),
        words.len() - 1,
        line.len(),
        words[words.len() - 1],
        words[words.len().saturating_sub(2)],
    );
    let mut bash = Command::new("bash");
    bash.args(["--norc", "--noprofile", "-c", &program])
        .env("PATH", path_with_otp())
        .stdin(Stdio::null());
    for (name, value) in env {
        bash.env(name, value);
    }
    let out = bash.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect()
}

/// What otp answers when `shell`'s function asks it to complete `words` (the last
/// one being completed): one candidate a line, without descriptions.
pub fn otp_offers(shell: &str, words: &[&str]) -> Vec<String> {
    let mut command = Command::new(env!("CARGO_BIN_EXE_otp"));
    command
        .arg("--")
        .args(words)
        .env("OTP_COMPLETE", shell)
        .env("_CLAP_COMPLETE_INDEX", (words.len() - 1).to_string())
        .env("_CLAP_IFS", "\n")
        .stdin(Stdio::null());
    let out = command.output().unwrap();
    assert!(out.status.success(), "{shell}: {out:?}");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            line.split(['\t', ':'])
                .next()
                .unwrap_or_default()
                .to_owned()
        })
        .filter(|word| !word.is_empty())
        .collect()
}
