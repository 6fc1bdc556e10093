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
//!   A TOTP code is served only for the time step of the agent's own clock and the
//!   steps just before and after it, whatever time the client names; other times
//!   need the PIN ([`protocol::Failure::NeedsPin`]), so no codes can be collected for
//!   after `otp lock`.
//! - **Nobody waits on anybody.** The agent serves its connections together from one
//!   thread (`poll`), each with one deadline for its whole request, and holds a
//!   bounded number of them ([`server`]): idle or slow clients delay no one.
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
//!   agent (`otp agent-serve`, hidden) with the PIN on a pipe to its standard input,
//!   and with no other descriptor of its caller ([`descriptors`]);
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
#[cfg(feature = "enroll")]
pub mod push;

#[cfg(unix)]
pub mod client;
#[cfg(unix)]
mod connection;
#[cfg(unix)]
pub mod descriptors;
#[cfg(unix)]
pub mod notify;
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

/// Why a lifetime such as `15m` was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LifetimeError {
    /// Not a number with `s`, `m`, `h` or `d`.
    #[error(
        "{text:?} is not a duration; write a number with s, m, h or d, like 90s, 15m, 2h or 1h30m"
    )]
    NotADuration {
        /// What was typed.
        text: String,
    },
    /// Zero, or longer than [`MAX_LIFETIME`].
    #[error("{text:?} is outside the allowed range of 1 second to 24 hours")]
    OutOfRange {
        /// What was typed.
        text: String,
    },
}

/// Reads a lifetime such as `90s`, `15m`, `2h`, `1h30m` or `600` (seconds), from 1
/// second to [`MAX_LIFETIME`].
pub fn parse_lifetime(text: &str) -> Result<Duration, LifetimeError> {
    let bad = || LifetimeError::NotADuration {
        text: text.to_owned(),
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
        return Err(LifetimeError::OutOfRange {
            text: text.to_owned(),
        });
    }
    Ok(lifetime)
}

/// What was being done with a file or the socket when the system refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IoAction {
    /// Resolving the vault's path.
    FindVault,
    /// Looking at the runtime directory.
    InspectDirectory,
    /// Creating the runtime directory.
    CreateDirectory,
    /// Looking at the agent's socket.
    InspectSocket,
    /// Binding the socket.
    Listen,
    /// Publishing the socket under its name.
    SetUpSocket,
    /// Finding the socket just published.
    FindSocket,
    /// Connecting to the agent.
    Connect,
    /// Setting a timeout on the connection.
    SetTimeout,
    /// Sending the request.
    Write,
    /// Reading the agent's answer.
    ReadAnswer,
    /// Asking the system which user runs the agent.
    IdentifyAgent,
    /// Finding the `otp` program to start the agent with.
    FindProgram,
    /// Starting the agent process.
    StartAgent,
}

impl std::fmt::Display for IoAction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::FindVault => "find the vault",
            Self::InspectDirectory => "inspect the directory",
            Self::CreateDirectory => "create the directory",
            Self::InspectSocket => "inspect the agent socket",
            Self::Listen => "listen on",
            Self::SetUpSocket => "set up the agent socket",
            Self::FindSocket => "find the agent socket",
            Self::Connect => "connect to the agent at",
            Self::SetTimeout => "set a timeout on",
            Self::Write => "write to the agent at",
            Self::ReadAnswer => "read the answer of the agent at",
            Self::IdentifyAgent => "identify the agent at",
            Self::FindProgram => "find the otp program",
            Self::StartAgent => "start the agent",
        })
    }
}

/// What is wrong with the runtime directory or the socket: each one means another
/// user might reach the unlocked vault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnsafeProblem {
    /// The runtime directory's path holds something else.
    NotADirectory,
    /// The socket's path holds something else.
    NotASocket,
    /// The runtime directory belongs to another user.
    DirectoryOwner {
        /// The owner's user id.
        uid: u32,
    },
    /// The socket belongs to another user.
    SocketOwner {
        /// The owner's user id.
        uid: u32,
    },
    /// Group or others have permissions on the runtime directory.
    DirectoryMode {
        /// The permission bits.
        mode: u32,
    },
    /// Group or others have permissions on the socket.
    SocketMode {
        /// The permission bits.
        mode: u32,
    },
    /// The process behind the socket runs as another user.
    PeerUser {
        /// Its user id.
        uid: u32,
    },
}

impl std::fmt::Display for UnsafeProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NotADirectory => f.write_str("is not a directory"),
            Self::NotASocket => f.write_str("is not a socket"),
            Self::DirectoryOwner { uid } | Self::SocketOwner { uid } => {
                write!(f, "belongs to user id {uid}, not to you")
            }
            Self::DirectoryMode { mode } | Self::SocketMode { mode } => {
                write!(f, "can be used by other users (mode {mode:04o})")
            }
            Self::PeerUser { uid } => {
                write!(f, "is served by a process of user id {uid}, not yours")
            }
        }
    }
}

/// An answer from the agent that does not follow the protocol.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProtocolProblem {
    /// The answer was longer than any answer may be.
    #[error("an answer too long")]
    TooLong,
    /// An answer of another kind than the request calls for.
    #[error("an unexpected {reply} answer")]
    Unexpected {
        /// The kind of answer (`pong`, `codes`, ...).
        reply: &'static str,
    },
    /// Not the protocol's JSON (the parser's own words).
    #[error("{detail}")]
    Malformed {
        /// What the JSON parser said.
        detail: String,
    },
}

/// Why the agent could not be used or started. The sentences come from the
/// catalogues (`Localize`); `Display` is short English for logs.
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
        "{} {problem}, so otp does not trust it with the unlocked vault; {}",
        .path.display(),
        unsafe_fix(.path, *.problem)
    )]
    Unsafe {
        /// The directory or socket.
        path: PathBuf,
        /// What is wrong with it.
        problem: UnsafeProblem,
    },
    /// The agent answered something that is not the protocol.
    #[error(
        "the agent answered something otp does not understand ({0}); run `otp lock` and `otp unlock` again"
    )]
    Protocol(ProtocolProblem),
    /// The agent could not carry out a request (lock or save the vault, ...).
    #[error("the agent could not do it: {0}")]
    Failed(protocol::Trouble),
    /// The agent refused a request (no such account, a vault it cannot follow, ...).
    #[error("the agent refused the request: {0}")]
    Refused(protocol::Failure),
    /// The agent could not start.
    #[error("{message}")]
    Startup {
        /// Why, as the agent process said it (in the language both share).
        message: String,
        /// The exit code the same failure has without an agent.
        exit_code: u8,
    },
    /// A socket or file operation failed.
    #[error("could not {action} {}: {source}", .path.display())]
    Io {
        /// What was being done.
        action: IoAction,
        /// The file involved.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
}

/// What to do about an unsafe directory or socket, for the log text.
fn unsafe_fix(path: &std::path::Path, problem: UnsafeProblem) -> String {
    let path = path.display();
    match problem {
        UnsafeProblem::NotADirectory | UnsafeProblem::DirectoryOwner { .. } => {
            format!("remove it (`rm -r {path}`) and run `otp unlock` again")
        }
        UnsafeProblem::DirectoryMode { .. } => format!("run `chmod 700 {path}`"),
        UnsafeProblem::SocketMode { .. } => {
            format!("run `otp lock` and `otp unlock` again, or `chmod 600 {path}`")
        }
        UnsafeProblem::NotASocket
        | UnsafeProblem::SocketOwner { .. }
        | UnsafeProblem::PeerUser { .. } => format!("remove it (`rm {path}`)"),
    }
}

impl AgentError {
    /// An `Io` error for `action` on `path`.
    pub fn io(action: IoAction, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
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
