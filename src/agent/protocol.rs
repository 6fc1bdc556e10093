//! What the agent and its clients say to each other: one JSON line each way per
//! connection.
//!
//! A client connects, writes one [`Envelope`] as a line of JSON (at most
//! [`MAX_REQUEST_BYTES`]), reads one [`Response`] line (at most
//! [`MAX_RESPONSE_BYTES`]) and closes. Every request names the canonical vault path
//! it means; an agent serving another vault answers [`Failure::WrongVault`].
//!
//! The requests are deliberately few: [`Request::Ping`], [`Request::List`] (labels
//! and parameters, never secrets), [`Request::Code`] (one code; a HOTP code advances
//! and saves the counter), [`Request::Codes`] (every current TOTP code, for a
//! full-screen view) and [`Request::Lock`]. No request returns a seed, and none takes
//! one: adding, removing and renaming accounts open the vault directly with the PIN.
//! Nor does any return codes for a time far from now: a TOTP code is served only
//! for the time step of the agent's own clock and the steps just before and after
//! it, whatever time the client names ([`Failure::NeedsPin`] otherwise).
//!
//! Push approvals add two: [`Request::PushList`] (the login requests the agent
//! has seen waiting for an answer: context and numbers, never a key) and
//! [`Request::PushAnswer`] (the agent signs the answer with the device key it
//! holds and sends it to otpd itself, so the key never leaves it either).
//! [`Request::PushWait`] is [`Request::PushList`] that waits (at most
//! [`MAX_PUSH_WAIT`]) until the list differs from the one the client has, so a
//! watching client hears of a new request as soon as the agent does.
//!
//! These types are plain data and build on every platform, so the CLI prints the
//! same shapes ([`AccountInfo`], [`CodeReply`]) whether or not an agent answered.

use std::fmt;
use std::io::{self, BufRead};

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::accounts::{Account, CodeError, CurrentCode, MatchError};
use crate::api::ErrorCode;
use crate::api::push::{Decision, PushContext, PushState};
use crate::code::Kind;

/// The protocol version in every envelope; an agent refuses other versions.
///
/// Version 2: failures are typed ([`Failure`]), never English sentences. Version 3:
/// codes are served only near the agent's clock ([`Failure::NeedsPin`] otherwise),
/// so an agent of version 2 (which hands out codes for any time) is not used.
/// Version 4: push approvals ([`Request::PushList`], [`Request::PushAnswer`]).
/// Version 5: [`Request::PushWait`] (an agent of version 4 calls it malformed).
pub const PROTOCOL_VERSION: u32 = 5;

/// The longest a [`Request::PushWait`] waits (longer asks are cut to it): well
/// below the client's own answer timeout.
pub const MAX_PUSH_WAIT: std::time::Duration = std::time::Duration::from_secs(25);

/// Largest request line an agent reads (a request holds a path and a name).
pub const MAX_REQUEST_BYTES: usize = 16 * 1024;

/// Largest response line a client reads.
pub const MAX_RESPONSE_BYTES: usize = 1024 * 1024;

/// One request with the vault it is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Envelope {
    /// [`PROTOCOL_VERSION`].
    pub version: u32,
    /// The canonical path of the vault the client means (lossy UTF-8).
    pub vault: String,
    /// What the client asks.
    pub request: Request,
}

/// What a client may ask. There is no request for a seed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum Request {
    /// Is the agent up, which vault does it serve, until when? Answered by
    /// [`Response::Pong`].
    Ping,
    /// The accounts without their secrets. Answered by [`Response::Accounts`].
    List,
    /// One code, as `otp code` prints it. Answered by [`Response::Code`]; for a TOTP
    /// account only when the time (`at`, else `now`, plus a step for `next`) is
    /// within a step of the agent's clock, else [`Failure::NeedsPin`].
    Code {
        /// The account: name, `issuer:name` or a unique prefix.
        account: String,
        /// The client's clock (Unix seconds).
        now: u64,
        /// A time asked for instead of now (time-based accounts only).
        at: Option<u64>,
        /// The code of the next period (time-based accounts only).
        next: bool,
    },
    /// The current code of every time-based account (counter-based ones are left
    /// out: asking for their code uses it up). Answered by [`Response::Codes`], or
    /// [`Failure::NeedsPin`] when `now` is not within a step of the agent's clock.
    Codes {
        /// The client's clock (Unix seconds).
        now: u64,
    },
    /// Forget everything and exit. Answered by [`Response::Locked`].
    Lock,
    /// The login requests waiting for an answer, oldest first. Answered by
    /// [`Response::Pushes`].
    PushList,
    /// The login requests waiting, as [`Request::PushList`], answered as soon as
    /// their ids differ from `known`, or after `wait_ms` (at most
    /// [`MAX_PUSH_WAIT`]) unchanged. An agent already serving its most such
    /// waits answers at once.
    PushWait {
        /// The ids of the requests the client has, in the order listed.
        known: Vec<String>,
        /// How long to wait for a change, in milliseconds.
        wait_ms: u64,
    },
    /// Answer one waiting request: the agent signs with the account's device key
    /// and sends the answer to otpd. Answered by [`Response::PushAnswered`], or
    /// [`Failure::Push`].
    PushAnswer {
        /// The request's id, as [`PushInfo::request_id`].
        request_id: String,
        /// Approve or deny.
        decision: Decision,
        /// The number chosen (approvals only).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        number: Option<String>,
    },
}

/// What an agent answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reply", rename_all = "snake_case")]
pub enum Response {
    /// The agent is up.
    Pong(AgentInfo),
    /// The accounts, without secrets.
    Accounts {
        /// In the vault's order.
        accounts: Vec<AccountInfo>,
    },
    /// One code.
    Code(CodeReply),
    /// The current code of every time-based account.
    Codes {
        /// In the vault's order.
        codes: Vec<CodeReply>,
    },
    /// The agent has forgotten the vault and is exiting.
    Locked,
    /// The login requests waiting for an answer.
    Pushes {
        /// Oldest first.
        pushes: Vec<PushInfo>,
    },
    /// otpd took the answer: where the request stands now.
    PushAnswered {
        /// Approved or denied.
        state: PushState,
    },
    /// The request failed.
    Error {
        /// Why.
        error: Failure,
    },
}

/// Why a request failed. Typed, never a sentence: the client says it in its own
/// language. (Protocol 2 made these typed; protocol 1 sent English text.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum Failure {
    /// No account, or several, match the name.
    #[error(transparent)]
    Match(MatchError),
    /// The code cannot be issued (a time asked of a HOTP account, ...).
    #[error(transparent)]
    Code(CodeError),
    /// The agent serves another vault.
    #[error("the agent serves another vault")]
    WrongVault,
    /// The client runs as another user.
    #[error("the agent refused this user")]
    Forbidden,
    /// The request was malformed, too large or of another protocol version.
    #[error("bad request: {0}")]
    BadRequest(BadRequest),
    /// The vault file changed in a way the agent cannot follow (a new PIN, damage,
    /// removal); the agent has exited. Clients fall back to asking for the PIN.
    #[error("the vault changed in a way the agent cannot follow ({0}), so it has locked")]
    Gone(Gone),
    /// Anything else (the vault could not be locked or saved, ...).
    #[error("{0}")]
    Failed(Trouble),
    /// A push answer could not be given.
    #[error(transparent)]
    Push(PushFailure),
    /// A TOTP code for a time more than a step away from the agent's clock: only the
    /// PIN gives those. Clients open the vault with the PIN instead.
    #[error("the agent serves codes near the current time only")]
    NeedsPin,
}

/// Why the agent could not answer a login request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PushFailure {
    /// No request with this id is waiting (answered, expired, or never seen).
    #[error("no such login request is waiting")]
    UnknownRequest,
    /// The account the request is for has no device key in this vault.
    #[error("the account has no device key")]
    NoKey,
    /// otpd refused the answer with this code (SE7002 expired, SE7004 wrong
    /// number, ...), or the client's own check failed (CE codes).
    #[error("refused: {code}")]
    Refused {
        /// The protocol code.
        code: ErrorCode,
    },
    /// otpd could not be reached or answered out of the protocol.
    #[error("{detail}")]
    Unreachable {
        /// The client's own words (for logs; the client says it in its language).
        detail: String,
    },
    /// The agent is built without the push client.
    #[error("push approvals are not built in")]
    Unsupported,
}

/// One login request waiting for the person's answer, as the agent (or the
/// full-screen interface's own poller) received it from otpd: plain data, the
/// context already made plain text (no control characters).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushInfo {
    /// The request's id.
    pub request_id: String,
    /// The label of the account it is for (`issuer:name`).
    pub account: String,
    /// The user ID the login is for.
    pub user_id: String,
    /// What the login page said about the login (untrusted plain text).
    pub context: PushContext,
    /// Three distinct two-digit numbers, one of them the login page's.
    pub numbers: Vec<String>,
    /// Seconds until it expires, when this answer was made.
    pub expires_in: u64,
}

/// What was wrong with a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BadRequest {
    /// The client speaks another protocol version (another `otp` started the agent).
    #[error("protocol version {found} is not {expected}")]
    Version {
        /// The client's version.
        found: u32,
        /// The agent's version.
        expected: u32,
    },
    /// The request line was longer than allowed.
    #[error("a request is at most {max} bytes")]
    TooLarge {
        /// The limit in bytes.
        max: usize,
    },
    /// The request is not the protocol's JSON.
    #[error("malformed request: {detail}")]
    Malformed {
        /// What the JSON parser said.
        detail: String,
    },
}

/// Why the agent could no longer follow the vault file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Gone {
    /// The PIN it holds no longer opens the file: the PIN was changed.
    #[error("its PIN was changed")]
    PinChanged,
    /// The vault file is no longer there.
    #[error("the vault file was removed")]
    Removed,
    /// The file cannot be read as a vault.
    #[error("the file is damaged: {reason}")]
    Damaged {
        /// What is wrong with it.
        reason: crate::vault::DamageReason,
    },
    /// A newer `otp` rewrote it in a format this agent does not read.
    #[error("a newer otp wrote it (format {found})")]
    TooNew {
        /// The format version in the file.
        found: u32,
    },
    /// Its new contents hold something no vault can (not text, an invalid account).
    #[error("its new contents are not valid")]
    Invalid,
    /// Anything else (an unreadable file, contents that are not valid, ...).
    #[error("{detail}")]
    Other {
        /// The system's or the parser's own words.
        detail: String,
        /// The system's error number, when the system gave one: the client says it
        /// in its reader's language (`detail` stays for anything else).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        os_error: Option<i32>,
    },
}

/// What the agent could not do for a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Trouble {
    /// Taking the vault's lock failed.
    #[error("could not lock the vault: {detail}")]
    Lock {
        /// The system's own words.
        detail: String,
        /// The system's error number, when the system gave one: the client says it
        /// in its reader's language (`detail` stays for anything else).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        os_error: Option<i32>,
    },
    /// Saving the vault (a HOTP counter) failed; the code was not given out.
    #[error("could not save the vault: {detail}")]
    Save {
        /// The system's own words.
        detail: String,
        /// The system's error number, when the system gave one: the client says it
        /// in its reader's language (`detail` stays for anything else).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        os_error: Option<i32>,
    },
    /// The account found a moment ago is no longer there.
    #[error("the account is no longer there")]
    AccountVanished,
}

/// An agent's answer to [`Request::Ping`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentInfo {
    /// The canonical vault path it serves.
    pub vault: String,
    /// Its process id.
    pub pid: u32,
    /// When it exits by itself (Unix seconds).
    pub expires_at: u64,
    /// Seconds until then.
    pub remaining_secs: u64,
    /// Whether its memory is locked out of swap (`mlockall`).
    pub memory_locked: bool,
    /// Whether it is kept out of core dumps and debuggers (`PR_SET_DUMPABLE` 0).
    pub undumpable: bool,
}

/// One account as `otp list` shows it: no secret, no code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountInfo {
    /// `issuer:name`, or `name`.
    pub label: String,
    /// The account name.
    pub name: String,
    /// Who issued it.
    pub issuer: Option<String>,
    /// `totp`, `hotp` or `steam`.
    #[serde(rename = "type")]
    pub kind: String,
    /// `SHA1`, `SHA256` or `SHA512`.
    pub algorithm: String,
    /// Code length (5 for Steam Guard).
    pub digits: u8,
    /// Seconds per code (TOTP, Steam).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<u32>,
    /// The HOTP counter of the next code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counter: Option<u64>,
    /// Whether the account answers login requests (it has a push link, so a
    /// device key, in the vault). Absent (false) from agents before it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub push: bool,
}

impl From<&Account> for AccountInfo {
    fn from(account: &Account) -> Self {
        let counter = match account.kind {
            Kind::Hotp { counter } => Some(counter),
            Kind::Totp { .. } | Kind::Steam => None,
        };
        AccountInfo {
            label: account.label(),
            name: account.name.clone(),
            issuer: account.issuer.clone(),
            kind: account.kind.type_name().to_owned(),
            algorithm: account.algorithm.as_str().to_owned(),
            digits: account.digits.get(),
            period: account.kind.period().map(|period| period.seconds()),
            counter,
            push: false,
        }
    }
}

/// One code with its timing, as `otp code --json` prints it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeReply {
    /// The account's label.
    pub account: String,
    /// The code's digits, or Steam Guard's 5 characters (zeroized when dropped).
    pub code: Zeroizing<String>,
    /// `totp`, `hotp` or `steam`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Seconds per code (TOTP, Steam).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<u32>,
    /// Seconds this code has left (TOTP, Steam).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remaining: Option<u32>,
    /// The counter the code was computed from (HOTP).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counter: Option<u64>,
}

impl CodeReply {
    /// The reply for `current`, a code of `account` (with `account`'s parameters).
    pub fn new(account: &Account, current: &CurrentCode) -> Self {
        let (period, remaining, counter) = match (current, account.kind.period()) {
            (CurrentCode::Totp(totp), Some(period)) => {
                (Some(period.seconds()), Some(totp.remaining), None)
            }
            (CurrentCode::Hotp { counter, .. }, _) => (None, None, Some(*counter)),
            _ => (None, None, None),
        };
        CodeReply {
            account: account.label(),
            code: Zeroizing::new(current.code().as_str().to_owned()),
            kind: account.kind.type_name().to_owned(),
            period,
            remaining,
            counter,
        }
    }
}

impl fmt::Debug for CodeReply {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CodeReply")
            .field("account", &self.account)
            .field("code", &"[redacted]")
            .field("kind", &self.kind)
            .field("period", &self.period)
            .field("remaining", &self.remaining)
            .field("counter", &self.counter)
            .finish()
    }
}

/// What the agent process tells `otp unlock` on its standard output once, before it
/// detaches: whether it unlocked the vault and listens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "startup", rename_all = "snake_case")]
pub enum Startup {
    /// Unlocked and listening.
    Ready {
        /// The agent's process id.
        pid: u32,
    },
    /// It could not start; `otp unlock` prints the message and exits with the code.
    Failed {
        /// The sentence for the user.
        message: String,
        /// The exit code the same failure has elsewhere in otp.
        exit_code: u8,
    },
}

/// Why a line could not be read.
#[derive(Debug)]
pub enum LineError {
    /// More than the limit arrived before a newline.
    TooLong,
    /// The peer closed the connection before sending anything.
    Empty,
    /// Reading failed (including a timeout).
    Io(io::Error),
}

/// Reads one newline-terminated line of at most `max` bytes (the newline not
/// counted), into zeroizing storage since it may hold a code. A last line without a
/// newline is accepted.
pub fn read_line(reader: impl BufRead, max: usize) -> Result<Zeroizing<Vec<u8>>, LineError> {
    let mut line = Zeroizing::new(Vec::with_capacity(256));
    let limit = u64::try_from(max).unwrap_or(u64::MAX).saturating_add(1);
    let read = io::Read::take(reader, limit)
        .read_until(b'\n', &mut line)
        .map_err(LineError::Io)?;
    if read == 0 {
        return Err(LineError::Empty);
    }
    if line.last() == Some(&b'\n') {
        line.pop();
    } else if line.len() > max {
        return Err(LineError::TooLong);
    }
    Ok(line)
}

/// `value` as one JSON line in zeroizing storage.
pub fn to_line(value: &impl Serialize) -> Result<Zeroizing<Vec<u8>>, serde_json::Error> {
    let mut line = Zeroizing::new(Vec::with_capacity(256));
    serde_json::to_writer(&mut *line, value)?;
    line.push(b'\n');
    Ok(line)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::code::{Algorithm, Digits, Period};
    use crate::secret::SecretKey;

    const SECRET_B32: &str = "JBSWY3DPEHPK3PXP";

    fn account(kind: Kind) -> Account {
        Account {
            name: "alice".into(),
            issuer: Some("GitHub".into()),
            secret: SecretKey::parse_base32(SECRET_B32).unwrap(),
            algorithm: Algorithm::Sha1,
            digits: Digits::SIX,
            kind,
        }
    }

    /// Every request there is. The match is exhaustive: adding a request fails to
    /// compile here until it is listed, and the test below checks what it returns.
    fn all_requests() -> Vec<Request> {
        let requests = vec![
            Request::Ping,
            Request::List,
            Request::Code {
                account: "a".into(),
                now: 1,
                at: Some(2),
                next: true,
            },
            Request::Codes { now: 1 },
            Request::Lock,
            Request::PushList,
            Request::PushWait {
                known: vec!["AAAAAAAAAAAAAAAAAAAAAA".into()],
                wait_ms: 1000,
            },
            Request::PushAnswer {
                request_id: "AAAAAAAAAAAAAAAAAAAAAA".into(),
                decision: Decision::Approve,
                number: Some("47".into()),
            },
        ];
        for request in &requests {
            match request {
                Request::Ping
                | Request::List
                | Request::Code { .. }
                | Request::Codes { .. }
                | Request::Lock
                | Request::PushList
                | Request::PushWait { .. }
                | Request::PushAnswer { .. } => {}
            }
        }
        requests
    }

    #[test]
    fn requests_round_trip_and_none_asks_for_a_secret() {
        for request in all_requests() {
            let envelope = Envelope {
                version: PROTOCOL_VERSION,
                vault: "/v/vault.age".into(),
                request,
            };
            let line = to_line(&envelope).unwrap();
            let text = std::str::from_utf8(&line).unwrap();
            assert!(!text.to_lowercase().contains("secret"), "{text}");
            let back: Envelope = serde_json::from_slice(&line[..line.len() - 1]).unwrap();
            assert_eq!(back, envelope);
        }
        for hostile in [
            r#"{"version":1,"vault":"/v","request":{"op":"secret","account":"a"}}"#,
            r#"{"version":1,"vault":"/v","request":{"op":"export"}}"#,
            r#"{"version":1,"vault":"/v","request":{"op":"code","account":"a","now":"x","at":null,"next":false}}"#,
        ] {
            assert!(
                serde_json::from_str::<Envelope>(hostile).is_err(),
                "{hostile}"
            );
        }
    }

    #[test]
    fn replies_never_carry_the_secret() {
        let totp = account(Kind::Totp {
            period: Period::DEFAULT,
        });
        let hotp = account(Kind::Hotp { counter: 3 });
        let responses = [
            Response::Accounts {
                accounts: vec![AccountInfo::from(&totp), AccountInfo::from(&hotp)],
            },
            Response::Code(CodeReply::new(&totp, &totp.code_at(59))),
            Response::Codes {
                codes: vec![CodeReply::new(&hotp, &hotp.code_at(0))],
            },
            Response::Locked,
            Response::Error {
                error: Failure::Forbidden,
            },
            Response::Error {
                error: Failure::WrongVault,
            },
            Response::Error {
                error: Failure::Match(MatchError::NotFound {
                    query: "x".into(),
                    candidates: vec!["GitHub:alice".into()],
                }),
            },
            Response::Error {
                error: Failure::Code(CodeError::HotpNoTime),
            },
            Response::Error {
                error: Failure::Gone(Gone::PinChanged),
            },
            Response::Error {
                error: Failure::NeedsPin,
            },
            Response::Error {
                error: Failure::BadRequest(BadRequest::Version {
                    found: 1,
                    expected: PROTOCOL_VERSION,
                }),
            },
            Response::Error {
                error: Failure::Failed(Trouble::Save {
                    detail: "No space left on device (os error 28)".into(),
                    os_error: Some(28),
                }),
            },
        ];
        for response in responses {
            let text = String::from_utf8(to_line(&response).unwrap().to_vec()).unwrap();
            assert!(!text.contains(SECRET_B32), "{text}");
            assert!(!text.to_lowercase().contains("secret"), "{text}");
            let back: Response = serde_json::from_str(&text).unwrap();
            assert_eq!(back, response);
        }
        let reply = CodeReply::new(&totp, &totp.code_at(59));
        assert!(!format!("{reply:?}").contains(reply.code.as_str()));
    }

    #[test]
    fn lines_are_bounded() {
        assert_eq!(read_line(&b"abc\ndef"[..], 10).unwrap().as_slice(), b"abc");
        assert_eq!(read_line(&b"abc"[..], 3).unwrap().as_slice(), b"abc");
        assert!(matches!(
            read_line(&b"abcd"[..], 3),
            Err(LineError::TooLong)
        ));
        assert!(matches!(read_line(&b""[..], 3), Err(LineError::Empty)));
        let huge = vec![b'x'; MAX_REQUEST_BYTES * 4];
        assert!(matches!(
            read_line(&huge[..], MAX_REQUEST_BYTES),
            Err(LineError::TooLong)
        ));
    }
}
