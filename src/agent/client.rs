//! Asking a running agent: find its socket, check it is private, connect, send one
//! request line, read one response line.
//!
//! This is the fast path of `otp code`: no key derivation, no config beyond the
//! vault path, a handful of system calls.
//!
//! A front-end that wants the vault without the PIN (the full-screen view) does:
//! `Client::for_vault(path)?` — `None` means ask for the PIN — then
//! [`Client::list`] once and [`Client::codes`] each second ([`Client::code`] for a
//! HOTP code, which uses it up); any error means the agent is gone or unusable, and
//! the PIN is the way in. `otp`'s own full-screen interface does exactly this, on a
//! thread of its own (`crate::tui::worker`).

use std::io::{BufReader, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::protocol::{
    self, AccountInfo, AgentInfo, CodeReply, Envelope, Failure, LineError, MAX_RESPONSE_BYTES,
    PROTOCOL_VERSION, PushInfo, Request, Response,
};
use super::{AgentError, IoAction, ProtocolProblem, UnsafeProblem, socket};
use crate::api::push::{Decision, PushState};

/// A JSON line that is not the protocol.
fn malformed(error: serde_json::Error) -> AgentError {
    AgentError::Protocol(ProtocolProblem::Malformed {
        detail: error.to_string(),
    })
}

/// How long a client waits for an answer. Generous: the agent may be waiting for the
/// vault lock while another process derives a key, or saving a HOTP counter.
pub const ANSWER_TIMEOUT: Duration = Duration::from_secs(60);

/// The agent that would serve one vault.
#[derive(Debug, Clone)]
pub struct Client {
    socket: PathBuf,
    vault: String,
}

impl Client {
    /// The client for the vault at `vault` (any path to it). Checks the runtime
    /// directory and the socket; `Ok(None)` when there is no socket, so no agent.
    pub fn for_vault(vault: &Path) -> Result<Option<Self>, AgentError> {
        let canonical = match socket::canonical_vault(vault) {
            Ok(path) => path,
            // No vault file, no agent for it.
            Err(_) => return Ok(None),
        };
        Self::in_dir(&socket::runtime_dir(), &canonical)
    }

    /// The client for the vault at the canonical path `canonical` whose agent's
    /// socket would be in `dir`.
    pub fn in_dir(dir: &Path, canonical: &Path) -> Result<Option<Self>, AgentError> {
        match std::fs::symlink_metadata(dir) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            _ => socket::check_dir(dir)?,
        }
        let socket = socket::socket_path(dir, canonical);
        if socket::check_socket(&socket)?.is_none() {
            return Ok(None);
        }
        Ok(Some(Self {
            socket,
            vault: canonical.to_string_lossy().into_owned(),
        }))
    }

    /// The socket this client connects to.
    pub fn socket(&self) -> &Path {
        &self.socket
    }

    /// Sends `request` and returns the answer. `NotRunning` when the socket refuses
    /// connections (an agent that crashed or has just exited).
    pub fn call(&self, request: Request) -> Result<Response, AgentError> {
        let stream = UnixStream::connect(&self.socket).map_err(|e| match e.kind() {
            std::io::ErrorKind::ConnectionRefused | std::io::ErrorKind::NotFound => {
                AgentError::NotRunning
            }
            _ => AgentError::io(IoAction::Connect, &self.socket, e),
        })?;
        check_peer(&stream, &self.socket)?;
        let io_error = |action| {
            let socket = self.socket.clone();
            move |e| AgentError::io(action, socket, e)
        };
        stream
            .set_read_timeout(Some(ANSWER_TIMEOUT))
            .and_then(|()| stream.set_write_timeout(Some(ANSWER_TIMEOUT)))
            .map_err(io_error(IoAction::SetTimeout))?;
        let envelope = Envelope {
            version: PROTOCOL_VERSION,
            vault: self.vault.clone(),
            request,
        };
        let line = protocol::to_line(&envelope).map_err(malformed)?;
        (&stream)
            .write_all(&line)
            .map_err(io_error(IoAction::Write))?;
        let answer =
            protocol::read_line(BufReader::new(&stream), MAX_RESPONSE_BYTES).map_err(|error| {
                match error {
                    // The agent closed without a word: it exited between accept and reply.
                    LineError::Empty => AgentError::NotRunning,
                    LineError::TooLong => AgentError::Protocol(ProtocolProblem::TooLong),
                    LineError::Io(e) => AgentError::io(IoAction::ReadAnswer, &self.socket, e),
                }
            })?;
        serde_json::from_slice(&answer).map_err(malformed)
    }

    /// Asks the agent whether it is up, and about itself.
    pub fn ping(&self) -> Result<AgentInfo, AgentError> {
        match self.call(Request::Ping)? {
            Response::Pong(info) => Ok(info),
            Response::Error {
                error: Failure::WrongVault,
            } => Err(AgentError::NotRunning),
            other => Err(unexpected(&other)),
        }
    }

    /// The login requests the agent has seen waiting, oldest first (context and
    /// numbers; never a key).
    pub fn pushes(&self) -> Result<Vec<PushInfo>, AgentError> {
        match self.call(Request::PushList)? {
            Response::Pushes { pushes } => Ok(pushes),
            Response::Error { error } => Err(failure(error)),
            other => Err(unexpected(&other)),
        }
    }

    /// The login requests the agent has seen waiting, as [`Client::pushes`], once
    /// their ids differ from `known` or `wait` is over (at most
    /// [`MAX_PUSH_WAIT`](protocol::MAX_PUSH_WAIT)): a watcher asks again at once and
    /// hears of a new request as soon as the agent does.
    pub fn push_wait(&self, known: &[String], wait: Duration) -> Result<Vec<PushInfo>, AgentError> {
        let wait_ms = u64::try_from(wait.min(protocol::MAX_PUSH_WAIT).as_millis()).unwrap_or(0);
        let request = Request::PushWait {
            known: known.to_vec(),
            wait_ms,
        };
        match self.call(request)? {
            Response::Pushes { pushes } => Ok(pushes),
            Response::Error { error } => Err(failure(error)),
            other => Err(unexpected(&other)),
        }
    }

    /// Has the agent answer the login request `request_id`: it signs with the
    /// device key it holds and sends the answer to otpd (no PIN). The state otpd
    /// recorded; a refusal is [`AgentError::Refused`] with
    /// [`Failure::Push`] (its SE code, an unknown request, no device key).
    /// `otp approve` and `otp deny` use this while an agent runs.
    pub fn answer_push(
        &self,
        request_id: &str,
        decision: Decision,
        number: Option<&str>,
    ) -> Result<PushState, AgentError> {
        let request = Request::PushAnswer {
            request_id: request_id.to_owned(),
            decision,
            number: number.map(str::to_owned),
        };
        match self.call(request)? {
            Response::PushAnswered { state } => Ok(state),
            Response::Error { error } => Err(failure(error)),
            other => Err(unexpected(&other)),
        }
    }

    /// The accounts, without secrets (for a full-screen view that unlocked through
    /// the agent).
    pub fn list(&self) -> Result<Vec<AccountInfo>, AgentError> {
        match self.call(Request::List)? {
            Response::Accounts { accounts } => Ok(accounts),
            Response::Error { error } => Err(failure(error)),
            other => Err(unexpected(&other)),
        }
    }

    /// The current code of every time-based account at `now` (Unix seconds).
    pub fn codes(&self, now: u64) -> Result<Vec<CodeReply>, AgentError> {
        match self.call(Request::Codes { now })? {
            Response::Codes { codes } => Ok(codes),
            Response::Error { error } => Err(failure(error)),
            other => Err(unexpected(&other)),
        }
    }

    /// One code of the account labelled `account` at `now` (Unix seconds), as
    /// `otp code` asks for it. For a HOTP account the agent advances and saves the
    /// counter, so the code is used up.
    pub fn code(&self, account: &str, now: u64) -> Result<CodeReply, AgentError> {
        let request = Request::Code {
            account: account.to_owned(),
            now,
            at: None,
            next: false,
        };
        match self.call(request)? {
            Response::Code(reply) => Ok(reply),
            Response::Error { error } => Err(failure(error)),
            other => Err(unexpected(&other)),
        }
    }

    /// Tells the agent to forget the vault and exit. `Ok(false)` when none was
    /// running; a stale socket is removed.
    pub fn lock(&self) -> Result<bool, AgentError> {
        match self.call(Request::Lock) {
            Ok(Response::Locked) => Ok(true),
            Ok(Response::Error {
                error: Failure::WrongVault,
            }) => Ok(false),
            Ok(other) => Err(unexpected(&other)),
            Err(AgentError::NotRunning) => {
                self.remove_stale();
                Ok(false)
            }
            Err(error) => Err(error),
        }
    }

    /// Removes the socket file if it still refuses connections.
    fn remove_stale(&self) {
        if matches!(
            UnixStream::connect(&self.socket),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionRefused
        ) {
            let _ = std::fs::remove_file(&self.socket);
        }
    }
}

/// A failure the agent reported, as an error for callers that fall back to the
/// PIN on any failure: another vault's agent is no agent; anything else is said.
pub fn failure(failure: Failure) -> AgentError {
    match failure {
        Failure::WrongVault => AgentError::NotRunning,
        Failure::Failed(trouble) => AgentError::Failed(trouble),
        other => AgentError::Refused(other),
    }
}

/// An answer that does not fit the request.
pub fn unexpected(response: &Response) -> AgentError {
    let kind = match response {
        Response::Pong(_) => "pong",
        Response::Accounts { .. } => "accounts",
        Response::Code(_) => "code",
        Response::Codes { .. } => "codes",
        Response::Locked => "locked",
        Response::Pushes { .. } => "pushes",
        Response::PushAnswered { .. } => "push_answered",
        Response::Error { .. } => "error",
    };
    AgentError::Protocol(ProtocolProblem::Unexpected { reply: kind })
}

/// Checks that the process behind the socket runs as this user (Linux).
#[cfg(any(target_os = "linux", target_os = "android"))]
fn check_peer(stream: &UnixStream, socket: &Path) -> Result<(), AgentError> {
    let peer = rustix::net::sockopt::socket_peercred(stream)
        .map_err(|e| AgentError::io(IoAction::IdentifyAgent, socket, e.into()))?;
    if peer.uid.as_raw() != socket::uid() {
        return Err(AgentError::Unsafe {
            path: socket.to_path_buf(),
            problem: UnsafeProblem::PeerUser {
                uid: peer.uid.as_raw(),
            },
        });
    }
    Ok(())
}

/// Elsewhere the private directory and socket ownership are the check.
#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn check_peer(_stream: &UnixStream, _socket: &Path) -> Result<(), AgentError> {
    Ok(())
}
