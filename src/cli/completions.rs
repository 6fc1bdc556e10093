//! Shell completion. The scripts (`otp completions <shell>`, the files in
//! `completions/`) only register a function with the shell; at each Tab that
//! function runs `OTP_COMPLETE=<shell> otp -- <the words typed>`, and `otp` answers
//! from its own clap definition (clap_complete's engine). So completion never drifts
//! from the program, internal commands are never offered, descriptions come in the
//! user's language, and account names complete too: asked of the session agent
//! (`otp unlock`) when one serves the vault, and otherwise not offered, since a Tab
//! must never ask for a PIN.

use std::path::PathBuf;

use clap::Args;
use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Zsh};
use clap_complete::{CompleteEnv, CompletionCandidate, Shell};

/// The variable the registered shell function sets when it asks `otp` for
/// completions.
pub const VAR: &str = "OTP_COMPLETE";

/// Arguments of `otp completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    pub shell: Shell,
}

/// Writes the script that registers otp's completion with `args.shell` to standard
/// output. As with `--version`, a reader that went away is no error to report.
pub fn run(args: &CompletionsArgs) {
    let mut out = Vec::new();
    if write_script(args.shell, &mut out).is_ok() {
        let _ = std::io::Write::write_all(&mut std::io::stdout(), &out);
    }
}

/// The registration script for `shell`: it calls the `otp` found on `PATH`.
pub fn write_script(shell: Shell, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let completer: &dyn EnvCompleter = match shell {
        Shell::Bash => &Bash,
        Shell::Zsh => &Zsh,
        Shell::Fish => &Fish,
        Shell::Elvish => &Elvish,
        Shell::PowerShell => &Powershell,
        // A shell clap_complete added later: no script until otp knows it.
        _ => return Err(std::io::ErrorKind::Unsupported.into()),
    };
    completer.write_registration(VAR, "otp", "otp", "otp", out)
}

/// Answers a shell's completion request from the command tree `tree` builds, and
/// exits, when this process is one (`OTP_COMPLETE` set); otherwise returns at once.
pub fn answer_if_asked(tree: fn() -> clap::Command) {
    CompleteEnv::with_factory(tree).var(VAR).complete();
}

/// The labels of the accounts, for completing an account argument: from the
/// session agent serving the vault, if one does; none otherwise (completion never
/// asks for a PIN). The vault is found as every command finds it, from
/// `OTP_VAULT`, the config file's `vault` (the file `OTP_CONFIG` names, or the
/// default one) or the default path; `--vault` typed on the same line is not seen.
pub fn account_labels() -> Vec<CompletionCandidate> {
    let Some(vault) = vault_path() else {
        return Vec::new();
    };
    labels_from_agent(&vault)
}

#[cfg(unix)]
fn labels_from_agent(vault: &std::path::Path) -> Vec<CompletionCandidate> {
    let Ok(Some(client)) = crate::agent::client::Client::for_vault(vault) else {
        return Vec::new();
    };
    client
        .list()
        .unwrap_or_default()
        .into_iter()
        .map(|account| {
            let help = account.issuer.map(|issuer| issuer.into());
            CompletionCandidate::new(account.label).help(help)
        })
        .collect()
}

#[cfg(not(unix))]
fn labels_from_agent(_vault: &std::path::Path) -> Vec<CompletionCandidate> {
    Vec::new()
}

fn vault_path() -> Option<PathBuf> {
    let set = |name: &str| {
        std::env::var_os(name)
            .filter(|value| !value.is_empty())
            .map(PathBuf::from)
    };
    if let Some(vault) = set("OTP_VAULT") {
        return Some(vault);
    }
    let config = set("OTP_CONFIG").or_else(|| crate::config::default_config_path().ok())?;
    let configured = crate::config::Config::load(&config)
        .ok()
        .and_then(|config| config.vault);
    configured.or_else(|| crate::config::default_vault_path().ok())
}
