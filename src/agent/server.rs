//! The agent process: holds the unlocked vault and answers one request per
//! connection until it is locked, times out, loses its socket or can no longer
//! follow the vault file.
//!
//! Every request that touches the accounts takes the vault lock, reads the file and
//! compares it with the bytes the agent decrypted last. When they differ (another
//! process added an account, say) it decrypts the new bytes with the PIN it holds;
//! when that fails (a new PIN, damage, the file gone) it answers
//! [`Failure::Gone`] and exits. A HOTP code advances the counter and saves the vault
//! under the same lock, the way `otp code` does without an agent, so neither side
//! loses the other's change and no code is issued twice.
//!
//! It serves many connections at once from one thread: `poll` tells which ones have
//! bytes to read or room to write, and none blocks the others (each connection's
//! request and answer are kept in the private `connection` module). A connection gets [`REQUEST_DEADLINE`] from its accept to
//! send its whole request, however it trickles in, and as long again to take the
//! answer; then it is closed. At most [`MAX_CONNECTIONS`] are held (fewer when the
//! descriptor limit is lower); when a new one comes beyond that, the oldest goes.
//! Requests are answered one after another as they complete: they take
//! microseconds, except when the vault lock is held by another `otp` or a HOTP
//! counter is saved. A request longer than [`MAX_REQUEST_BYTES`], malformed, of
//! another protocol version or about another vault gets an error answer.
//!
//! Codes are served for times near the agent's own clock only: the current time
//! step and the steps just before and after it ([`SERVED_STEPS`]), whatever time the
//! client claims. Anything further needs the PIN ([`Failure::NeedsPin`]), so an
//! unlocked session cannot be used to collect codes for later, valid after
//! `otp lock`. Nothing a client sends can make the agent panic or hand out a seed.
//!
//! Push approvals: for every account with a push link the agent keeps a poller
//! thread waiting on its otpd ([`super::push`]), remembers the login requests it
//! saw (with their expiry) in memory ([`PushBook`]), notifies the desktop of each
//! new one (context only, never the numbers), lists them ([`Request::PushList`]),
//! and answers one ([`Request::PushAnswer`]) by signing with the device key it
//! holds: that connection is handed to a thread of its own, since the answer
//! waits for otpd, so the other clients are not held up. A
//! [`Request::PushWait`] whose list has not changed yet is handed off the same
//! way, to a thread that waits until the book changes (at most
//! [`MAX_PUSH_WAITERS`] such threads; beyond them the answer is given at once).

use std::io::ErrorKind;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant, SystemTime};

use rustix::event::{PollFd, PollFlags};

use super::connection::{Connection, Received, Sent};
use super::protocol::{
    self, AccountInfo, AgentInfo, BadRequest, CodeReply, Envelope, Failure, Gone, MAX_PUSH_WAIT,
    MAX_REQUEST_BYTES, PROTOCOL_VERSION, Request, Response, Trouble,
};
use super::protocol::{PushFailure, PushInfo};
use super::socket::{self, FileId};
use super::{AgentError, IoAction};
use crate::accounts::{CurrentCode, PushLink, Store};
use crate::api::push::Decision;
use crate::code::Kind;
use crate::vault::payload::{self, PayloadError};
use crate::vault::{Pin, Vault, VaultError, VaultLock};

/// How long a connection has, from its accept, to send its whole request (not per
/// read: a client that trickles a byte at a time is cut off as well); its answer then
/// has as long again to be taken.
pub const REQUEST_DEADLINE: Duration = Duration::from_secs(2);

/// The most connections the agent holds at once; fewer when its descriptor limit
/// is lower (see [`connection_capacity`]).
pub const MAX_CONNECTIONS: usize = 1024;

/// Descriptors kept free for the agent's own files (the vault, its lock, the backup,
/// temporary files) below the descriptor limit.
const RESERVED_DESCRIPTORS: u64 = 32;

/// Connections accepted in one go before the others get their turn.
const ACCEPT_BATCH: usize = 256;

/// The time steps next to the agent's clock whose codes it serves: 1 means the
/// step before, the current one and the step after (`otp code --next`).
pub const SERVED_STEPS: u64 = 1;

/// The most [`Request::PushWait`]s waiting at once, each on a thread of its own;
/// one more is answered at once.
pub const MAX_PUSH_WAITERS: usize = 8;

/// How often a waiting [`Request::PushWait`] looks at the book even when nothing
/// told it of a change (requests expire without a word).
const PUSH_WAIT_RECHECK: Duration = Duration::from_secs(1);

/// How often the agent checks its deadline and its socket while idle.
pub const CHECK_INTERVAL: Duration = Duration::from_millis(250);

/// What the agent managed to do to keep its memory private.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Hardening {
    /// Not dumpable: no core dump, no ptrace or `/proc/<pid>/mem` for other processes.
    pub undumpable: bool,
    /// All its pages are locked in memory (kept out of swap).
    pub memory_locked: bool,
}

/// Starts a new session away from the terminal (`setsid`), makes new files private
/// (umask 077), leaves the working directory (so it pins no mount), and keeps the
/// process out of core dumps where the platform allows. Call first thing in the
/// agent process, before the PIN is read.
pub fn detach_and_harden() -> Hardening {
    // Fails only if this process already leads a group, which a fresh child does not.
    let _ = rustix::process::setsid();
    rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o077));
    let _ = std::env::set_current_dir("/");
    let no_core = rustix::process::Rlimit {
        current: Some(0),
        maximum: Some(0),
    };
    let _ = rustix::process::setrlimit(rustix::process::Resource::Core, no_core);
    Hardening {
        undumpable: set_undumpable(),
        memory_locked: false,
    }
}

#[cfg(any(target_os = "linux", target_os = "android"))]
fn set_undumpable() -> bool {
    rustix::process::set_dumpable_behavior(rustix::process::DumpableBehavior::NotDumpable).is_ok()
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn set_undumpable() -> bool {
    false
}

/// Locks every page mapped now into memory. Called after each decryption, so the
/// plaintext's pages are covered; `MCL_FUTURE` is not used because it would make the
/// 256 MiB of a later scrypt fail under an ordinary memory-lock limit. Refused
/// (`EPERM`, `ENOMEM`) when the limit is too low: then the agent runs unlocked and
/// `otp status` says so.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn lock_memory() -> bool {
    rustix::mm::mlockall(rustix::mm::MlockAllFlags::CURRENT).is_ok()
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn lock_memory() -> bool {
    false
}

/// Points standard input, output and error at `/dev/null`, once the startup report
/// is written, so the agent holds no terminal or pipe of the process that started it.
pub fn close_stdio() {
    if let Ok(null) = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/null")
    {
        let _ = rustix::stdio::dup2_stdin(&null);
        let _ = rustix::stdio::dup2_stdout(&null);
        let _ = rustix::stdio::dup2_stderr(&null);
    }
}

/// Why an agent could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The vault could not be opened with the PIN.
    #[error(transparent)]
    Vault(#[from] VaultError),
    /// The vault decrypted but its contents are not readable.
    #[error(transparent)]
    Payload(#[from] PayloadError),
    /// The socket could not be set up.
    #[error(transparent)]
    Agent(#[from] AgentError),
    /// The system clock reads a time before 1970.
    #[error(transparent)]
    Clock(#[from] crate::clock::ClockError),
}

/// A running agent: the unlocked vault and the socket it answers on.
pub struct Agent {
    vault: Vault,
    vault_name: String,
    pin: Pin,
    ciphertext: Vec<u8>,
    store: Store,
    listener: UnixListener,
    socket: PathBuf,
    socket_id: FileId,
    deadline: Instant,
    wall_deadline: SystemTime,
    hardening: Hardening,
    /// The login requests seen, shared with the pollers.
    book: Arc<Mutex<PushBook>>,
    /// The waits on the book: told of every change to it, and of the end.
    waits: Arc<PushWaits>,
    /// The accounts watched (label, server, serial), to tell when the links change.
    watched: Vec<(String, String, String)>,
    #[cfg(feature = "enroll")]
    pollers: super::push::Pollers,
    /// What to do when a new login request arrives (the desktop notification).
    on_request: Arc<dyn Fn(&PushInfo) + Send + Sync>,
}

/// The login requests the agent's pollers saw, per account label, each with
/// the moment it arrived (its `expires_in` counts from then).
#[derive(Debug, Default)]
pub struct PushBook {
    requests: Vec<(PushInfo, Instant)>,
}

impl PushBook {
    /// Replaces the requests of `label` with `requests`; the ones not seen before.
    // Only pollers call it, and without the push client (`enroll`) there are none.
    #[cfg_attr(not(feature = "enroll"), allow(dead_code))]
    fn replace(&mut self, label: &str, requests: Vec<PushInfo>) -> Vec<PushInfo> {
        let now = Instant::now();
        let old = std::mem::take(&mut self.requests);
        let (mine, others): (Vec<_>, Vec<_>) =
            old.into_iter().partition(|(info, _)| info.account == label);
        self.requests = others;
        let mut fresh = Vec::new();
        for info in requests {
            let arrived = mine
                .iter()
                .find(|(known, _)| known.request_id == info.request_id)
                .map(|(_, at)| *at);
            if arrived.is_none() {
                fresh.push(info.clone());
            }
            self.requests.push((info, arrived.unwrap_or(now)));
        }
        fresh
    }

    /// The requests not expired yet, oldest first, with their seconds left now,
    /// for the accounts `linked` says still have a link.
    fn waiting(&mut self, linked: impl Fn(&str) -> bool) -> Vec<PushInfo> {
        self.requests
            .retain(|(info, at)| at.elapsed().as_secs() < info.expires_in);
        self.requests
            .iter()
            .filter(|(info, _)| linked(&info.account))
            .map(|(info, at)| PushInfo {
                expires_in: info.expires_in.saturating_sub(at.elapsed().as_secs()),
                ..info.clone()
            })
            .collect()
    }

    /// Forgets a request (answered).
    fn forget(&mut self, request_id: &str) {
        self.requests
            .retain(|(info, _)| info.request_id != request_id);
    }

    /// The account of a waiting request.
    fn account_of(&mut self, request_id: &str) -> Option<String> {
        self.waiting(|_| true)
            .into_iter()
            .find(|info| info.request_id == request_id)
            .map(|info| info.account)
    }
}

/// What the threads waiting on the push book share with the agent.
#[derive(Debug, Default)]
struct PushWaits {
    /// Notified (with the book's lock) whenever the book changes or the agent stops.
    changed: Condvar,
    /// How many threads wait.
    count: AtomicUsize,
    /// Set when the agent stops serving: the waits answer at once.
    closing: AtomicBool,
}

/// A [`Request::PushWait`] handed to a thread: it answers once the requests
/// (of the accounts `linked`) differ from `known`, or at `until`.
struct WaitJob {
    known: Vec<String>,
    until: Instant,
    linked: Vec<String>,
}

/// Takes one place among the [`MAX_PUSH_WAITERS`] and gives it back when dropped.
struct WaitSlot(Arc<PushWaits>);

impl WaitSlot {
    fn take(waits: &Arc<PushWaits>) -> Option<Self> {
        waits
            .count
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |count| {
                (count < MAX_PUSH_WAITERS).then_some(count + 1)
            })
            .ok()
            .map(|_| Self(Arc::clone(waits)))
    }
}

impl Drop for WaitSlot {
    fn drop(&mut self) {
        self.0.count.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The ids of `pushes`, in order.
fn ids(pushes: &[PushInfo]) -> Vec<String> {
    pushes.iter().map(|info| info.request_id.clone()).collect()
}

/// An answer the agent signs and sends on a thread of its own (without the push
/// client, `enroll`, it is refused before anything reads it).
#[cfg_attr(not(feature = "enroll"), allow(dead_code))]
struct PushJob {
    link: PushLink,
    request_id: String,
    decision: Decision,
    number: Option<String>,
}

/// Whether to go on after a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next {
    Serve,
    Stop,
}

/// What becomes of a connection after it was read or written.
enum Progress {
    /// It is not done yet.
    Keep,
    /// It is done (answered, or gone): close it.
    Close,
    /// Its answer is the last: write it, then stop serving.
    Stop,
    /// Its answer waits for otpd: hand it to a thread with this job.
    Handoff(Box<PushJob>),
    /// Its answer waits for news of login requests: hand it to a waiting thread.
    Wait(Box<WaitJob>, WaitSlot),
}

impl Agent {
    /// Opens the vault at `canonical` (a canonical path) with `pin` (a typed PIN:
    /// wrong ones count toward the lockout as anywhere else), then binds the socket in
    /// `dir`, replacing a stale socket or the socket of an agent already serving this
    /// vault (that agent notices and exits). It lives for `lifetime` from now (at
    /// most [`MAX_LIFETIME`](super::MAX_LIFETIME)).
    pub fn start(
        canonical: &Path,
        dir: &Path,
        pin: Pin,
        lifetime: Duration,
        hardening: Hardening,
    ) -> Result<Self, StartError> {
        let lifetime = lifetime.min(super::MAX_LIFETIME);
        let vault = Vault::new(canonical);
        let (plaintext, ciphertext) =
            vault.read_with_ciphertext(&pin, crate::clock::unix_now()?)?;
        let store = payload::from_bytes(&plaintext)?;
        drop(plaintext);
        socket::ensure_dir(dir)?;
        let socket_path = socket::socket_path(dir, canonical);
        let temporary = socket::temporary_socket_path(&socket_path);
        let _ = std::fs::remove_file(&temporary);
        let listener = UnixListener::bind(&temporary)
            .map_err(|e| AgentError::io(IoAction::Listen, &temporary, e))?;
        let publish = std::fs::set_permissions(&temporary, std::fs::Permissions::from_mode(0o600))
            .and_then(|()| listener.set_nonblocking(true))
            .and_then(|()| std::fs::rename(&temporary, &socket_path));
        if let Err(e) = publish {
            let _ = std::fs::remove_file(&temporary);
            return Err(AgentError::io(IoAction::SetUpSocket, &socket_path, e).into());
        }
        let socket_id = socket::file_id(&socket_path).ok_or_else(|| {
            AgentError::io(
                IoAction::FindSocket,
                &socket_path,
                std::io::ErrorKind::NotFound.into(),
            )
        })?;
        let memory_locked = lock_memory();
        let agent = Self {
            vault,
            vault_name: canonical.to_string_lossy().into_owned(),
            pin,
            ciphertext,
            store,
            listener,
            socket: socket_path,
            socket_id,
            deadline: Instant::now() + lifetime,
            wall_deadline: SystemTime::now() + lifetime,
            hardening: Hardening {
                memory_locked,
                ..hardening
            },
            book: Arc::default(),
            waits: Arc::default(),
            watched: Vec::new(),
            #[cfg(feature = "enroll")]
            pollers: super::push::Pollers::default(),
            on_request: Arc::new(|_: &PushInfo| {}),
        };
        Ok(agent)
    }

    /// Calls `f` (off the serving thread) for every new login request; the
    /// front-end that runs the agent notifies the desktop with it.
    pub fn on_login_request(&mut self, f: impl Fn(&PushInfo) + Send + Sync + 'static) {
        self.on_request = Arc::new(f);
    }

    /// Starts a poller for every account with a push link, when the links differ
    /// from the ones watched (the pollers before are stopped).
    fn watch_links(&mut self) {
        let watched: Vec<(String, String, String)> = self
            .store
            .push_links()
            .map(|(_, account, link)| (account.label(), link.server.clone(), link.serial.clone()))
            .collect();
        if watched == self.watched {
            return;
        }
        self.watched = watched;
        #[cfg(feature = "enroll")]
        {
            let stop = self.pollers.restart();
            for (_, account, link) in self.store.push_links() {
                let label = account.label();
                let book = Arc::clone(&self.book);
                let waits = Arc::clone(&self.waits);
                let on_request = Arc::clone(&self.on_request);
                let account = label.clone();
                let sink = move |requests: Vec<PushInfo>| {
                    let fresh = match book.lock() {
                        Ok(mut book) => book.replace(&account, requests),
                        Err(_) => Vec::new(),
                    };
                    waits.changed.notify_all();
                    for info in &fresh {
                        on_request(info);
                    }
                };
                super::push::spawn(label, link.clone(), stop.clone(), sink);
            }
        }
    }

    /// Gives up without serving: removes the socket. (Dropping the agent zeroizes
    /// the PIN and the secrets.)
    pub fn shutdown(self) {
        self.remove_socket();
    }

    /// The socket it listens on.
    pub fn socket(&self) -> &Path {
        &self.socket
    }

    /// Serves until locked, expired, replaced or unable to follow the vault; then
    /// removes its socket (if it is still its own) and returns. Dropping the agent
    /// zeroizes the PIN and the secrets.
    pub fn run(mut self) {
        self.watch_links();
        let capacity = connection_capacity();
        let mut connections: Vec<Connection> = Vec::new();
        // The socket is looked at when nothing happened for a while, and at least
        // every CHECK_INTERVAL while busy.
        let mut last_check = Instant::now();
        let mut idle = true;
        loop {
            if self.expired() {
                break;
            }
            if idle || last_check.elapsed() >= CHECK_INTERVAL {
                if !self.owns_socket() {
                    break;
                }
                last_check = Instant::now();
            }
            // Past its deadline, a connection is closed, whatever it was doing.
            let now = Instant::now();
            connections.retain(|connection| connection.deadline() > now);
            let (listener_ready, ready) = self.wait(&connections);
            idle = !listener_ready && ready.iter().all(|flags| flags.is_empty());
            let mut last = self.serve_ready(&mut connections, ready);
            if last.is_none() && listener_ready {
                last = self.accept(&mut connections, capacity);
            }
            if let Some(last) = last {
                last.finish(REQUEST_DEADLINE);
                break;
            }
        }
        #[cfg(feature = "enroll")]
        self.pollers.stop();
        self.remove_socket();
        self.stop_waits();
    }

    /// Tells the threads waiting on the book to answer now.
    fn stop_waits(&self) {
        self.waits.closing.store(true, Ordering::SeqCst);
        // Taken so that no wait misses the word between its look and its sleep.
        let book = self.book.lock();
        self.waits.changed.notify_all();
        drop(book);
    }

    /// Reads or writes every connection that `poll` found `ready`; the connection
    /// whose answer is the last one, if a request stopped the agent.
    fn serve_ready(
        &mut self,
        connections: &mut Vec<Connection>,
        ready: Vec<PollFlags>,
    ) -> Option<Connection> {
        let mut index = 0;
        let mut ready = ready.into_iter();
        while index < connections.len() {
            let Some(flags) = ready.next() else { break };
            if flags.is_empty() {
                index += 1;
                continue;
            }
            match self.progress(&mut connections[index]) {
                Progress::Keep => index += 1,
                Progress::Close => {
                    connections.remove(index);
                }
                Progress::Stop => return Some(connections.remove(index)),
                Progress::Handoff(job) => {
                    let connection = connections.remove(index);
                    self.answer_elsewhere(connection, *job);
                }
                Progress::Wait(job, slot) => {
                    let connection = connections.remove(index);
                    self.wait_elsewhere(connection, *job, slot);
                }
            }
        }
        None
    }

    fn expired(&self) -> bool {
        Instant::now() >= self.deadline || SystemTime::now() >= self.wall_deadline
    }

    /// Whether the socket path still holds the socket this agent bound: it is gone
    /// when the runtime directory was removed (the session ended) or replaced when
    /// another `otp unlock` took over.
    fn owns_socket(&self) -> bool {
        socket::file_id(&self.socket) == Some(self.socket_id)
    }

    fn remove_socket(&self) {
        if self.owns_socket() {
            let _ = std::fs::remove_file(&self.socket);
        }
    }

    /// Waits up to [`CHECK_INTERVAL`] (less near a deadline) for a new connection, a
    /// request's bytes or room for an answer. Whether the listener has connections
    /// waiting, and which connections are ready (error and hang-up included).
    fn wait(&self, connections: &[Connection]) -> (bool, Vec<PollFlags>) {
        let now = Instant::now();
        let soonest = connections
            .iter()
            .map(Connection::deadline)
            .fold(self.deadline, Instant::min);
        let wait = soonest.saturating_duration_since(now).min(CHECK_INTERVAL);
        let timeout = rustix::event::Timespec::try_from(wait).ok();
        let mut fds = Vec::with_capacity(connections.len() + 1);
        fds.push(PollFd::new(&self.listener, PollFlags::IN));
        fds.extend(connections.iter().map(|connection| {
            let wanted = if connection.answering() {
                PollFlags::OUT
            } else {
                PollFlags::IN
            };
            PollFd::new(connection.stream(), wanted)
        }));
        let polled = rustix::event::poll(&mut fds, timeout.as_ref());
        if !matches!(polled, Ok(n) if n > 0) {
            return (false, vec![PollFlags::empty(); connections.len()]);
        }
        let listener_ready = !fds[0].revents().is_empty();
        let ready = fds[1..].iter().map(PollFd::revents).collect();
        (listener_ready, ready)
    }

    /// Accepts the connections waiting, each with its deadline, and serves each at
    /// once if its request is already there; beyond `capacity` the oldest
    /// connection is closed to make room. The connection whose answer is the last
    /// one, if a request stopped the agent.
    fn accept(&mut self, connections: &mut Vec<Connection>, capacity: usize) -> Option<Connection> {
        for _ in 0..ACCEPT_BATCH {
            match self.listener.accept() {
                Ok((stream, _)) => {
                    if stream.set_nonblocking(true).is_err() {
                        continue;
                    }
                    if connections.len() >= capacity {
                        connections.remove(0);
                    }
                    let this_user = peer_is_this_user(&stream);
                    let deadline = Instant::now() + REQUEST_DEADLINE;
                    let mut connection = Connection::new(stream, deadline, this_user);
                    match self.progress(&mut connection) {
                        Progress::Keep => connections.push(connection),
                        Progress::Close => {}
                        Progress::Stop => return Some(connection),
                        Progress::Handoff(job) => self.answer_elsewhere(connection, *job),
                        Progress::Wait(job, slot) => self.wait_elsewhere(connection, *job, slot),
                    }
                }
                // None left, or a client that gave up meanwhile.
                Err(e) if e.kind() == ErrorKind::WouldBlock => return None,
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) if e.kind() == ErrorKind::ConnectionAborted => {}
                // Out of descriptors after all: make room and try again next round.
                Err(_) => {
                    if !connections.is_empty() {
                        connections.remove(0);
                    }
                    return None;
                }
            }
        }
        None
    }

    /// Reads or writes a connection that `poll` says is ready; answers its request
    /// once it is whole.
    fn progress(&mut self, connection: &mut Connection) -> Progress {
        if connection.answering() {
            return match connection.write() {
                Sent::Pending => Progress::Keep,
                Sent::Done | Sent::Failed => Progress::Close,
            };
        }
        let request = match connection.read() {
            Received::Pending => return Progress::Keep,
            Received::Gone => return Progress::Close,
            Received::TooLong => Err(Failure::BadRequest(BadRequest::TooLarge {
                max: MAX_REQUEST_BYTES,
            })),
            Received::Line(line) => parse_request(&line),
        };
        // The request is read even from a peer that will be refused, so that peer
        // gets its answer instead of a broken pipe.
        let (response, next) = if connection.this_user() {
            match request {
                Ok(envelope) if envelope.version != PROTOCOL_VERSION => (
                    Response::Error {
                        error: Failure::BadRequest(BadRequest::Version {
                            found: envelope.version,
                            expected: PROTOCOL_VERSION,
                        }),
                    },
                    Next::Serve,
                ),
                Ok(envelope) if envelope.vault != self.vault_name => (
                    Response::Error {
                        error: Failure::WrongVault,
                    },
                    Next::Serve,
                ),
                Ok(Envelope {
                    request:
                        Request::PushAnswer {
                            request_id,
                            decision,
                            number,
                        },
                    ..
                }) => match self.push_job(request_id, decision, number) {
                    Ok(job) => return Progress::Handoff(Box::new(job)),
                    Err(failure) => (Response::Error { error: failure }, Next::Serve),
                },
                Ok(Envelope {
                    request: Request::PushWait { known, wait_ms },
                    ..
                }) => match self.push_wait(known, wait_ms) {
                    Ok((job, slot)) => return Progress::Wait(Box::new(job), slot),
                    Err(answer) => answer,
                },
                Ok(envelope) => self.handle(envelope.request),
                Err(failure) => (Response::Error { error: failure }, Next::Serve),
            }
        } else {
            (
                Response::Error {
                    error: Failure::Forbidden,
                },
                Next::Serve,
            )
        };
        let Ok(line) = protocol::to_line(&response) else {
            return Progress::Close;
        };
        connection.answer(line, Instant::now() + REQUEST_DEADLINE);
        if next == Next::Stop {
            return Progress::Stop;
        }
        match connection.write() {
            Sent::Pending => Progress::Keep,
            Sent::Done | Sent::Failed => Progress::Close,
        }
    }

    /// Answers one request from this user about this vault.
    fn handle(&mut self, request: Request) -> (Response, Next) {
        match request {
            Request::Ping => (Response::Pong(self.info()), Next::Serve),
            Request::Lock => {
                // The socket goes first, so no client connects to an agent that has stopped.
                self.remove_socket();
                (Response::Locked, Next::Stop)
            }
            Request::PushList => {
                let book = Arc::clone(&self.book);
                let answer = self.with_accounts(|store, _| {
                    let mut book = book
                        .lock()
                        .map_err(|_| Failure::Push(PushFailure::UnknownRequest))?;
                    let pushes = book.waiting(|label| store.push_link_by_label(label).is_some());
                    Ok(Response::Pushes { pushes })
                });
                // The vault may have gained or lost links meanwhile.
                self.watch_links();
                answer
            }
            // Answered by `push_job` and `push_wait` before they get here.
            Request::PushAnswer { .. } | Request::PushWait { .. } => (
                Response::Error {
                    error: Failure::Push(PushFailure::UnknownRequest),
                },
                Next::Serve,
            ),
            Request::List => self.with_accounts(|store, _| {
                Ok(Response::Accounts {
                    accounts: (0..store.accounts().len())
                        .filter_map(|index| {
                            let mut info = AccountInfo::from(store.get(index)?);
                            info.push = store.push_link(index).is_some();
                            Some(info)
                        })
                        .collect(),
                })
            }),
            Request::Codes { now } => self.with_accounts(|store, _| {
                let clock = crate::clock::unix_now().ok();
                let mut codes = Vec::new();
                for account in store.accounts() {
                    // Time-based codes only (TOTP, Steam): a HOTP code is issued
                    // one at a time, by `Code`, since issuing it uses the counter.
                    if let Some(period) = account.kind.period() {
                        served(period.seconds(), now, clock)?;
                        codes.push(CodeReply::new(account, &account.code_at(now)));
                    }
                }
                Ok(Response::Codes { codes })
            }),
            Request::Code {
                account,
                now,
                at,
                next,
            } => self.with_accounts(|store, changed| {
                let index = store.find(&account).map_err(Failure::Match)?;
                let Some(entry) = store.get_mut(index) else {
                    return Err(Failure::Failed(Trouble::AccountVanished));
                };
                if let Some(period) = entry.kind.period() {
                    let step = if next { period.seconds() } else { 0 };
                    let time = at.unwrap_or(now).saturating_add(u64::from(step));
                    served(period.seconds(), time, crate::clock::unix_now().ok())?;
                }
                let current: CurrentCode =
                    entry.issue_code(now, at, next).map_err(Failure::Code)?;
                *changed = matches!(entry.kind, Kind::Hotp { .. });
                Ok(Response::Code(CodeReply::new(entry, &current)))
            }),
        }
    }

    /// Runs `f` on the current accounts under the vault lock, after catching up with
    /// the file. When `f` sets its flag, the changed accounts are saved (atomically,
    /// the previous file becoming the backup) before the answer goes out.
    fn with_accounts(
        &mut self,
        f: impl FnOnce(&mut Store, &mut bool) -> Result<Response, Failure>,
    ) -> (Response, Next) {
        match self.with_accounts_inner(f) {
            Ok(response) => (response, Next::Serve),
            Err(failure @ Failure::Gone(_)) => {
                self.remove_socket();
                (Response::Error { error: failure }, Next::Stop)
            }
            Err(failure) => (Response::Error { error: failure }, Next::Serve),
        }
    }

    fn with_accounts_inner(
        &mut self,
        f: impl FnOnce(&mut Store, &mut bool) -> Result<Response, Failure>,
    ) -> Result<Response, Failure> {
        let lock = self.vault.lock().map_err(|error| match error {
            VaultError::NotFound { .. } => gone_vault(&error),
            other => Failure::Failed(Trouble::Lock {
                detail: detail_of(&other),
                os_error: os_error_of(&other),
            }),
        })?;
        self.catch_up(&lock)?;
        let mut store = self.store.clone();
        let mut changed = false;
        let response = f(&mut store, &mut changed)?;
        if changed {
            let text = payload::to_toml(&store);
            let saved = self
                .vault
                .save(&lock, &self.pin, &self.ciphertext, text.as_bytes())
                .map_err(|e| {
                    Failure::Failed(Trouble::Save {
                        detail: detail_of(&e),
                        os_error: os_error_of(&e),
                    })
                })?;
            self.ciphertext = saved;
            self.store = store;
        }
        drop(lock);
        Ok(response)
    }

    /// Re-reads the vault file under `lock`; when its bytes changed, decrypts them
    /// with the PIN held. A failure means the agent cannot follow the vault.
    fn catch_up(&mut self, lock: &VaultLock) -> Result<(), Failure> {
        let current = self.vault.ciphertext(lock).map_err(|e| gone_vault(&e))?;
        if current == self.ciphertext {
            return Ok(());
        }
        let plaintext = self
            .vault
            .decrypt_known(&current, &self.pin)
            .map_err(|e| gone_vault(&e))?;
        let store = payload::from_bytes(&plaintext).map_err(|e| gone_payload(&e))?;
        drop(plaintext);
        self.store = store;
        self.ciphertext = current;
        self.hardening.memory_locked = lock_memory();
        Ok(())
    }

    /// The answer to sign for a waiting request: its account's link, or why
    /// there is none (an unknown request, an account without a device key).
    fn push_job(
        &mut self,
        request_id: String,
        decision: Decision,
        number: Option<String>,
    ) -> Result<PushJob, Failure> {
        if !cfg!(feature = "enroll") {
            return Err(Failure::Push(PushFailure::Unsupported));
        }
        let account = self
            .book
            .lock()
            .ok()
            .and_then(|mut book| book.account_of(&request_id))
            .ok_or(Failure::Push(PushFailure::UnknownRequest))?;
        let (response, _) = self.with_accounts(|_, _| Ok(Response::Locked));
        if let Response::Error { error } = response {
            return Err(error);
        }
        let link = self
            .store
            .push_link_by_label(&account)
            .cloned()
            .ok_or(Failure::Push(PushFailure::NoKey))?;
        Ok(PushJob {
            link,
            request_id,
            decision,
            number,
        })
    }

    /// A [`Request::PushWait`]: the job for a waiting thread when the requests
    /// still are the `known` ones and there is time and room to wait; else the
    /// answer now (the requests, or why they cannot be listed).
    fn push_wait(
        &mut self,
        known: Vec<String>,
        wait_ms: u64,
    ) -> Result<(WaitJob, WaitSlot), (Response, Next)> {
        let answer = self.handle(Request::PushList);
        let Response::Pushes { pushes } = &answer.0 else {
            return Err(answer);
        };
        let wait = Duration::from_millis(wait_ms).min(MAX_PUSH_WAIT);
        if ids(pushes) != known || wait.is_zero() {
            return Err(answer);
        }
        let Some(slot) = WaitSlot::take(&self.waits) else {
            return Err(answer);
        };
        let linked = self
            .store
            .push_links()
            .map(|(_, account, _)| account.label())
            .collect();
        Ok((
            WaitJob {
                known,
                until: Instant::now() + wait,
                linked,
            },
            slot,
        ))
    }

    /// Waits for `job` on a thread of its own, which then answers `connection`
    /// with the requests and closes it; `slot` is given back at the end.
    fn wait_elsewhere(&self, mut connection: Connection, job: WaitJob, slot: WaitSlot) {
        let book = Arc::clone(&self.book);
        let waits = Arc::clone(&self.waits);
        let _ = std::thread::Builder::new()
            .name("otp-push-wait".to_owned())
            .spawn(move || {
                let _slot = slot;
                let pushes = {
                    let Ok(mut guard) = book.lock() else { return };
                    loop {
                        let pushes = guard.waiting(|label| job.linked.iter().any(|l| l == label));
                        let now = Instant::now();
                        if ids(&pushes) != job.known
                            || now >= job.until
                            || waits.closing.load(Ordering::SeqCst)
                        {
                            break pushes;
                        }
                        let nap = job
                            .until
                            .saturating_duration_since(now)
                            .min(PUSH_WAIT_RECHECK);
                        match waits.changed.wait_timeout(guard, nap) {
                            Ok((next, _)) => guard = next,
                            Err(_) => return,
                        }
                    }
                };
                if let Ok(line) = protocol::to_line(&Response::Pushes { pushes }) {
                    connection.answer(line, Instant::now() + REQUEST_DEADLINE);
                    connection.finish(REQUEST_DEADLINE);
                }
            });
    }

    /// Signs and sends `job` on a thread of its own, which then answers
    /// `connection` and closes it.
    fn answer_elsewhere(&self, mut connection: Connection, job: PushJob) {
        let book = Arc::clone(&self.book);
        let waits = Arc::clone(&self.waits);
        let _ = std::thread::Builder::new()
            .name("otp-push-answer".to_owned())
            .spawn(move || {
                let response = match send_answer(&job) {
                    Ok(state) => {
                        if let Ok(mut book) = book.lock() {
                            book.forget(&job.request_id);
                            waits.changed.notify_all();
                        }
                        Response::PushAnswered { state }
                    }
                    Err(failure) => {
                        if matches!(failure, PushFailure::Refused { .. })
                            && let Ok(mut book) = book.lock()
                        {
                            // Refused: no longer pending (expired, answered, denied).
                            book.forget(&job.request_id);
                            waits.changed.notify_all();
                        }
                        Response::Error {
                            error: Failure::Push(failure),
                        }
                    }
                };
                if let Ok(line) = protocol::to_line(&response) {
                    connection.answer(line, Instant::now() + REQUEST_DEADLINE);
                    connection.finish(REQUEST_DEADLINE);
                }
            });
    }

    fn info(&self) -> AgentInfo {
        AgentInfo {
            vault: self.vault_name.clone(),
            pid: std::process::id(),
            expires_at: crate::clock::unix_seconds(self.wall_deadline).unwrap_or(0),
            remaining_secs: self
                .deadline
                .saturating_duration_since(Instant::now())
                .as_secs(),
            memory_locked: self.hardening.memory_locked,
            undumpable: self.hardening.undumpable,
        }
    }
}

/// Signs and sends the answer of `job` with its link's device key.
#[cfg(feature = "enroll")]
fn send_answer(job: &PushJob) -> Result<crate::api::push::PushState, PushFailure> {
    super::push::answer(
        &job.link,
        &job.request_id,
        job.decision,
        job.number.as_deref(),
    )
    .map_err(|error| match error.code() {
        Some(code) => PushFailure::Refused { code },
        None => PushFailure::Unreachable {
            detail: error.to_string(),
        },
    })
}

#[cfg(not(feature = "enroll"))]
fn send_answer(_job: &PushJob) -> Result<crate::api::push::PushState, PushFailure> {
    Err(PushFailure::Unsupported)
}

/// The system's own words for a vault error (the I/O error's text), or its short
/// developer text when the system had none.
fn detail_of(error: &VaultError) -> String {
    match error {
        VaultError::Io { source, .. } | VaultError::Unreadable { source, .. } => source.to_string(),
        other => other.to_string(),
    }
}

/// The system's error number behind a vault error, if any: the client words it
/// in its reader's language.
fn os_error_of(error: &VaultError) -> Option<i32> {
    let source = match error {
        VaultError::Io { source, .. } | VaultError::Unreadable { source, .. } => source,
        _ => return None,
    };
    // An error a library wrapped (tempfile adds the path) keeps its kind but not
    // its number: the kind's usual number says the same to the reader.
    source.raw_os_error().or_else(|| {
        use rustix::io::Errno;
        use std::io::ErrorKind;
        let errno = match source.kind() {
            ErrorKind::NotFound => Errno::NOENT,
            ErrorKind::PermissionDenied => Errno::ACCESS,
            ErrorKind::AlreadyExists => Errno::EXIST,
            ErrorKind::IsADirectory => Errno::ISDIR,
            ErrorKind::NotADirectory => Errno::NOTDIR,
            ErrorKind::ReadOnlyFilesystem => Errno::ROFS,
            ErrorKind::StorageFull => Errno::NOSPC,
            ErrorKind::QuotaExceeded => Errno::DQUOT,
            ErrorKind::FileTooLarge => Errno::FBIG,
            ErrorKind::TimedOut => Errno::TIMEDOUT,
            _ => return None,
        };
        Some(errno.raw_os_error())
    })
}

/// The failure for a vault the agent can no longer follow; a wrong PIN here means
/// the PIN was changed.
fn gone_vault(error: &VaultError) -> Failure {
    Failure::Gone(match error {
        VaultError::WrongPin { .. } => Gone::PinChanged,
        VaultError::NotFound { .. } => Gone::Removed,
        VaultError::Damaged { reason, .. } => Gone::Damaged { reason: *reason },
        other => Gone::Other {
            detail: detail_of(other),
            os_error: os_error_of(other),
        },
    })
}

/// The failure for a vault whose new contents the agent cannot read.
fn gone_payload(error: &PayloadError) -> Failure {
    Failure::Gone(match error {
        PayloadError::TooNew { found } => Gone::TooNew { found: *found },
        PayloadError::Invalid(detail) => Gone::Other {
            detail: detail.clone(),
            os_error: None,
        },
        PayloadError::NotUtf8 | PayloadError::BadAccount { .. } => Gone::Invalid,
    })
}

/// The request in `line`, or why it is not one.
fn parse_request(line: &[u8]) -> Result<Envelope, Failure> {
    serde_json::from_slice(line).map_err(|e| {
        Failure::BadRequest(BadRequest::Malformed {
            detail: e.to_string(),
        })
    })
}

/// Whether the code of `time` is one the agent serves: within [`SERVED_STEPS`] steps
/// of `period` seconds of its own `clock` (none when the clock reads before 1970).
fn served(period: u32, time: u64, clock: Option<u64>) -> Result<(), Failure> {
    let period = u64::from(period.max(1));
    match clock {
        Some(clock) if (time / period).abs_diff(clock / period) <= SERVED_STEPS => Ok(()),
        _ => Err(Failure::NeedsPin),
    }
}

/// How many connections the agent holds at once: [`MAX_CONNECTIONS`], or fewer so
/// that they and [`RESERVED_DESCRIPTORS`] stay below the descriptor limit.
fn connection_capacity() -> usize {
    let limit = rustix::process::getrlimit(rustix::process::Resource::Nofile).current;
    let room = limit.map_or(u64::MAX, |limit| {
        limit.saturating_sub(RESERVED_DESCRIPTORS).max(1)
    });
    usize::try_from(room).map_or(MAX_CONNECTIONS, |room| room.min(MAX_CONNECTIONS))
}

/// Whether the connected process runs as this user (`SO_PEERCRED`).
#[cfg(any(target_os = "linux", target_os = "android"))]
fn peer_is_this_user(stream: &UnixStream) -> bool {
    rustix::net::sockopt::socket_peercred(stream)
        .is_ok_and(|peer| peer.uid.as_raw() == socket::uid())
}

/// Elsewhere the private directory is the check.
#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn peer_is_this_user(_stream: &UnixStream) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_codes_within_one_step_of_the_agents_clock_are_served() {
        // 30-second steps: the clock's step runs from 1_000_000_020 to 1_000_000_049.
        let clock = Some(1_000_000_035);
        for time in [999_999_990, 1_000_000_020, 1_000_000_049, 1_000_000_079] {
            assert_eq!(served(30, time, clock), Ok(()), "{time}");
        }
        for time in [999_999_989, 1_000_000_080, 0, 59, u64::MAX] {
            assert_eq!(served(30, time, clock), Err(Failure::NeedsPin), "{time}");
        }
        let a_year_on = 1_000_000_035 + 365 * 86_400;
        assert_eq!(served(30, a_year_on, clock), Err(Failure::NeedsPin));
        // Longer steps stretch the window with them; a clock before 1970 serves nothing.
        assert_eq!(served(3600, 1_000_000_035 + 3600, clock), Ok(()));
        assert_eq!(served(30, 1_000_000_035, None), Err(Failure::NeedsPin));
    }

    #[test]
    fn the_connections_held_stay_below_the_descriptor_limit() {
        let capacity = connection_capacity();
        assert!((1..=MAX_CONNECTIONS).contains(&capacity));
        if let Some(limit) = rustix::process::getrlimit(rustix::process::Resource::Nofile).current {
            assert!(capacity as u64 + RESERVED_DESCRIPTORS <= limit.max(RESERVED_DESCRIPTORS + 1));
        }
    }
}
