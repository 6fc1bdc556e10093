//! The session agent: unlock once, serve codes for a while, forget.
//!
//! `otp unlock` asks for the PIN once and starts a background process (the agent)
//! that holds the unlocked vault in memory and answers `otp code`, `otp list` and a
//! full-screen view over a Unix socket, so they need neither the PIN nor the second
//! of key derivation each call would otherwise cost. The design follows ssh-agent,
//! gpg-agent and rbw-agent:
//!
//! - **One agent per vault.** The socket is `<runtime dir>/agent-<hash>.sock`, the
//!   hash taken over the vault's canonical path, in a private runtime directory
//!   ([`socket`]): `$XDG_RUNTIME_DIR/otp/`, or `otp-<uid>` in the temporary
//!   directory when that variable is unset. Every request also names the vault, and
//!   an agent serving another vault refuses it.
//! - **Only the same user.** The directory must be 0700 and owned by the user, the
//!   socket 0600 and owned by the user; clients refuse anything else. On Linux the
//!   agent also checks each peer with `SO_PEERCRED` and answers another user with
//!   [`protocol::Failure::Forbidden`] only; clients check the agent's uid the same
//!   way.
//! - **Only what it must.** [`protocol`] has no request that returns or takes a
//!   seed: a code, the account list without secrets, every current TOTP code, a
//!   ping, lock. Adding, removing and renaming keep opening the vault with the PIN.
//! - **No lost update.** Every request takes the vault's lock ([`crate::vault::VaultLock`]),
//!   compares the file's bytes with the ones it decrypted, and re-decrypts with the
//!   PIN it holds when they differ. A HOTP code advances and saves the counter under
//!   that lock, with the same atomic write and backup as `otp code` without an agent.
//!   When the file can no longer be opened with its PIN (`otp passwd`, damage,
//!   removal) the agent answers [`protocol::Failure::Gone`] and exits; clients fall
//!   back to asking for the PIN.
//! - **It ends** on `otp lock`; at its deadline, which is absolute (set by
//!   `otp unlock --for`, default 15 minutes, never extended by use, measured both on
//!   the monotonic and the wall clock so a suspended laptop does not keep it alive);
//!   when its socket disappears or is replaced (the user's session ended and the
//!   runtime directory was removed, as systemd-logind does at the last logout, or a
//!   new `otp unlock` took over); and when the vault changes in a way it cannot
//!   follow.
//! - **It keeps its memory private where the platform allows:** on Linux it is
//!   marked non-dumpable (no core dumps, no ptrace or `/proc/<pid>/mem` by other
//!   processes of the user), its core size limit is 0, and its pages are locked out
//!   of swap with `mlockall(MCL_CURRENT)` after every decryption (refused when the
//!   memory-lock limit is too low; `otp status` says whether it worked).
//! - **The PIN never goes through argv or the environment:** `otp unlock` starts the
//!   agent (`otp agent-serve`, hidden) with the PIN on a pipe to its standard input;
//!   the agent starts a new session (`setsid`), decrypts, binds the socket, reports
//!   one [`protocol::Startup`] line on its standard output and then points its
//!   standard streams at `/dev/null`.
//!
//! A stale socket (left by an agent that crashed) refuses connections: clients treat
//! it as no agent and use the PIN, and the next `otp unlock` replaces it (the new
//! socket is bound under a temporary name and renamed over the old one).
//!
//! Platforms without Unix sockets build without [`client`], [`server`] and
//! [`socket`]; `otp unlock` says the agent is not available there.

pub mod protocol;

#[cfg(unix)]
pub mod client;
#[cfg(unix)]
pub mod server;
#[cfg(unix)]
pub mod socket;

use std::path::PathBuf;
use std::time::Duration;

/// How long an agent lives when `otp unlock` is not told: 15 minutes.
pub const DEFAULT_LIFETIME: Duration = Duration::from_secs(15 * 60);

/// The longest an agent may live: one day.
pub const MAX_LIFETIME: Duration = Duration::from_secs(24 * 60 * 60);

/// Reads a lifetime such as `90s`, `15m`, `2h`, `1h30m` or `600` (seconds), from 1
/// second to [`MAX_LIFETIME`].
pub fn parse_lifetime(text: &str) -> Result<Duration, String> {
    let bad = || {
        format!(
            "{text:?} is not a duration; write a number with s, m, h or d, like 90s, 15m, 2h or 1h30m"
        )
    };
    let text_trimmed = text.trim();
    if text_trimmed.is_empty() {
        return Err(bad());
    }
    let mut total: u64 = 0;
    let mut number: Option<u64> = None;
    for character in text_trimmed.chars() {
        if let Some(digit) = character.to_digit(10) {
            let so_far = number.unwrap_or(0);
            number = Some(
                so_far
                    .checked_mul(10)
                    .and_then(|n| n.checked_add(u64::from(digit)))
                    .ok_or_else(bad)?,
            );
            continue;
        }
        let unit = match character {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86_400,
            _ => return Err(bad()),
        };
        let value = number.take().ok_or_else(bad)?;
        total = value
            .checked_mul(unit)
            .and_then(|v| total.checked_add(v))
            .ok_or_else(bad)?;
    }
    if let Some(seconds) = number {
        total = total.checked_add(seconds).ok_or_else(bad)?;
    }
    let lifetime = Duration::from_secs(total);
    if lifetime.is_zero() || lifetime > MAX_LIFETIME {
        return Err(format!(
            "{text:?} is outside the allowed range of 1 second to 24 hours"
        ));
    }
    Ok(lifetime)
}

/// Why the agent could not be used or started. Each message is written for the user.
#[derive(Debug, thiserror::Error)]
pub enum AgentError {
    /// This platform has no Unix sockets.
    #[error(
        "the session agent needs Unix sockets, which this platform does not have; every command asks for the PIN instead"
    )]
    Unsupported,
    /// No agent answers for this vault (no socket, or a stale one).
    #[error("no agent serves this vault; `otp unlock` starts one")]
    NotRunning,
    /// The runtime directory or the socket is not private to the user.
    #[error(
        "{} {problem}, so otp does not trust it with the unlocked vault; {fix}",
        .path.display()
    )]
    Unsafe {
        /// The directory or socket.
        path: PathBuf,
        /// What is wrong, e.g. "can be read by other users (mode 0755)".
        problem: String,
        /// What to do about it.
        fix: String,
    },
    /// The agent answered something that is not the protocol.
    #[error(
        "the agent answered something otp does not understand ({0}); run `otp lock` and `otp unlock` again"
    )]
    Protocol(String),
    /// The agent could not carry out a request (lock or save the vault, ...).
    #[error("the agent could not do it: {0}")]
    Failed(String),
    /// The agent could not start.
    #[error("{message}")]
    Startup {
        /// Why.
        message: String,
        /// The exit code the same failure has without an agent.
        exit_code: u8,
    },
    /// A socket or file operation failed.
    #[error("could not {action} {}: {source}", .path.display())]
    Io {
        /// What was being done, as a verb phrase.
        action: &'static str,
        /// The file involved.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
}

impl AgentError {
    /// An `Io` error for `action` on `path`.
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Io {
            action,
            path: path.into(),
            source,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifetimes() {
        let secs = |s: u64| Ok(Duration::from_secs(s));
        assert_eq!(parse_lifetime("15m"), secs(900));
        assert_eq!(parse_lifetime("90s"), secs(90));
        assert_eq!(parse_lifetime("2h"), secs(7200));
        assert_eq!(parse_lifetime("1h30m"), secs(5400));
        assert_eq!(parse_lifetime("600"), secs(600));
        assert_eq!(parse_lifetime("1d"), secs(86_400));
        for bad in [
            "",
            "m",
            "0",
            "0s",
            "25h",
            "2d",
            "1.5h",
            "-1m",
            "15 m",
            "15x",
            "99999999999999999999s",
        ] {
            assert!(parse_lifetime(bad).is_err(), "{bad:?}");
        }
    }
}
