//! The worker threads: one for every job that runs scrypt or writes the vault, so
//! the screen keeps drawing ("unlocking…", "saving…") while the key is derived; one
//! for the requests to a session agent ([`serve_agent`]); and, while the vault is
//! open, one per account with a push link waiting for login requests, plus one
//! per answer sent ([`PushWorker`]). What these send about login requests ends
//! the event loop's wait at once ([`wake_loop`]).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender};
use std::time::{Duration, Instant};

use zeroize::Zeroizing;

use super::message::{
    AgentFailure, AgentJob, AgentResult, Change, Done, Failure, Hidden, Job, JobResult,
    Organisation, PushEvent, PushReply, PushWatch,
};
use crate::accounts::{AccountError, Store};
use crate::code::Kind;
use crate::config::Config;
use crate::i18n::Localize;
use crate::vault::payload::{self, PayloadError};
use crate::vault::{Vault, VaultError};

/// Why a change could not be applied.
#[derive(Debug, thiserror::Error)]
enum ChangeError {
    #[error(transparent)]
    Vault(#[from] VaultError),
    #[error(transparent)]
    Payload(#[from] PayloadError),
    #[error(transparent)]
    Account(#[from] AccountError),
    #[error("{0}")]
    Other(String),
}

fn failure(error: VaultError) -> Failure {
    match error {
        VaultError::WrongPin { attempts_left } => Failure::WrongPin { attempts_left },
        VaultError::LockedOut { retry_after_secs } => Failure::LockedOut { retry_after_secs },
        error @ VaultError::AlreadyExists { .. } => Failure::AlreadyExists(error.localize()),
        error => Failure::Other(error.localize()),
    }
}

fn change_failure(error: ChangeError) -> Failure {
    match error {
        ChangeError::Vault(error) => failure(error),
        ChangeError::Payload(error) => Failure::Other(error.localize()),
        ChangeError::Account(error) => Failure::Other(super::text::account_error(&error)),
        ChangeError::Other(message) => Failure::Other(message),
    }
}

fn position(store: &Store, label: &str) -> Result<usize, ChangeError> {
    store
        .accounts()
        .iter()
        .position(|a| a.label() == label)
        .ok_or_else(|| ChangeError::Other(super::text::account_gone(label)))
}

/// Applies `change` to the accounts as they are in the file now.
fn apply(store: &mut Store, change: Change) -> Result<Done, ChangeError> {
    match change {
        Change::Add { account, limit } => {
            let label = account.label();
            store.add(account, limit)?;
            Ok(Done::Added(label))
        }
        Change::Rename {
            label,
            name,
            issuer,
        } => {
            let index = position(store, &label)?;
            store.rename(index, &name, Some(issuer))?;
            let new = store.get(index).map(|a| a.label()).unwrap_or_default();
            Ok(Done::Renamed { old: label, new })
        }
        Change::Remove { label } => {
            let index = position(store, &label)?;
            store.remove(index);
            Ok(Done::Removed(label))
        }
        Change::NextHotp { label } => {
            let index = position(store, &label)?;
            let account = store
                .get_mut(index)
                .ok_or_else(|| ChangeError::Other(super::text::account_gone(&label)))?;
            let Kind::Hotp { counter } = account.kind else {
                return Err(ChangeError::Other(super::text::account_gone(&label)));
            };
            let code = account.code_at(0).code().clone();
            let next = counter
                .checked_add(1)
                .ok_or_else(|| ChangeError::Other(super::text::hotp_counter_max().to_owned()))?;
            account.kind = Kind::Hotp { counter: next };
            Ok(Done::Hotp { label, code })
        }
    }
}

/// Runs one job at Unix time `now`.
pub fn run_job(vault: &Vault, work_factor: u8, job: Job, now: u64) -> JobResult {
    match job {
        Job::Create { pin } => {
            let empty = payload::to_toml(&Store::new());
            match vault.create(&pin, work_factor, empty.as_bytes()) {
                Ok(()) => JobResult::Created,
                Err(error) => JobResult::Failed(failure(error)),
            }
        }
        Job::Unlock { pin } => match vault.read(&pin, now) {
            Ok(plaintext) => match payload::from_bytes(&plaintext) {
                Ok(store) => JobResult::Unlocked(store),
                Err(error) => JobResult::Failed(Failure::Other(error.localize())),
            },
            Err(error) => JobResult::Failed(failure(error)),
        },
        Job::Update { pin, change } => {
            let result = vault.update(&pin, now, |plaintext| {
                let mut store = payload::from_bytes(&plaintext)?;
                let done = apply(&mut store, change)?;
                let text = payload::to_toml(&store);
                Ok::<_, ChangeError>((Zeroizing::new(text.as_bytes().to_vec()), (store, done)))
            });
            match result {
                Ok((store, done)) => JobResult::Saved(store, done),
                Err(error) => JobResult::Failed(change_failure(error)),
            }
        }
        Job::LookupCustomer {
            customer,
            config,
            config_path,
        } => match lookup(&customer, &config, &config_path) {
            Ok(organisation) => JobResult::Customer(organisation),
            Err(message) => JobResult::Failed(Failure::Other(message)),
        },
        Job::Enroll {
            pin,
            customer,
            server,
            user_id,
            activation_code,
            code_digits,
            limit,
        } => enroll(
            vault,
            &pin,
            EnrollJob {
                customer,
                server,
                user_id,
                activation_code,
                code_digits,
                limit,
            },
            now,
        ),
        Job::CheckPin { pin } => match vault.open(&pin, now) {
            Ok(opened) => JobResult::PinChecked(opened),
            Err(error) => JobResult::Failed(failure(error)),
        },
        Job::ChangePin { old, new, opened } => {
            match vault.change_pin_opened(opened, &old, &new, now) {
                Ok(()) => JobResult::PinChanged,
                Err(error) => JobResult::Failed(failure(error)),
            }
        }
    }
}

/// What [`Job::Enroll`] carries besides the PIN.
#[cfg_attr(not(feature = "enroll"), allow(dead_code))]
struct EnrollJob {
    customer: String,
    server: String,
    user_id: String,
    activation_code: Hidden,
    code_digits: u8,
    limit: usize,
}

/// Finds the server for `customer` as `otp add --customer` does ([`find_server`]:
/// `[customers]`, then `directory`) and asks it for the organisation's name. The
/// error is the sentence the CLI prints (with its CE/SE code); a customer code no
/// server is known for says to check the code and names the config file, from the
/// same catalogue message (the CLI's `--server` hint is its own, on another line).
///
/// [`find_server`]: crate::enroll::find_server
#[cfg(feature = "enroll")]
fn lookup(customer: &str, config: &Config, config_path: &str) -> Result<Organisation, String> {
    use crate::enroll::{EnrollClient, find_server};
    let run = || {
        let server = find_server(customer, None, config, Path::new(config_path), None)?;
        let client = EnrollClient::new(server, None)?;
        let info = client.lookup_customer(customer)?;
        Ok::<_, crate::enroll::EnrollError>(Organisation {
            customer: customer.to_owned(),
            name: info.name,
            server: client.server().as_str().to_owned(),
            code_digits: info
                .code_digits
                .filter(|d| crate::api::shapes::valid_activation_digits(*d))
                .unwrap_or(crate::api::shapes::ACTIVATION_DIGITS_DEFAULT),
        })
    };
    run().map_err(|error| error.localize())
}

#[cfg(not(feature = "enroll"))]
fn lookup(_customer: &str, _config: &Config, _config_path: &str) -> Result<Organisation, String> {
    Err(super::text::no_enroll().to_owned())
}

/// The enrollment of `otp add --customer`, through the same client and the same
/// save-activate-rollback ([`crate::enroll::save`]): the account is saved in the
/// vault (replacing the person's earlier token of the same label) before
/// activation, and taken out again (the earlier one put back) if activation
/// fails. `now` is the time the job started; activation reads it plus the time
/// the exchange took.
#[cfg(feature = "enroll")]
fn enroll(vault: &Vault, pin: &crate::vault::Pin, job: EnrollJob, now: u64) -> JobResult {
    use crate::enroll::save::{self, VaultAccounts};
    use crate::enroll::{EnrollClient, EnrollRequest, Naming, ServerUrl};

    let started = std::time::Instant::now();
    let client = match ServerUrl::parse(&job.server).and_then(|url| EnrollClient::new(url, None)) {
        Ok(client) => client,
        Err(error) => return JobResult::Failed(Failure::Other(error.localize())),
    };
    let request = EnrollRequest {
        customer: job.customer,
        user_id: job.user_id,
        activation_code: Zeroizing::new(job.activation_code.as_str().to_owned()),
        code_digits: job.code_digits,
        device_name: None,
    };
    drop(job.activation_code);
    let mut accounts = VaultAccounts { vault, pin, now };
    match save::enroll(
        &client,
        &request,
        &Naming::default(),
        job.limit,
        &mut accounts,
        || now.saturating_add(started.elapsed().as_secs()),
    ) {
        Ok(enrolled) => JobResult::Saved(
            enrolled.accounts,
            Done::Enrolled {
                label: enrolled.account.label(),
                replaced: enrolled.replaced_previous,
            },
        ),
        Err(error) => JobResult::Failed(enroll_failure(error)),
    }
}

/// What the status line says when an enrollment failed; an account left in the
/// vault by a failed rollback is named with the key that deletes it.
#[cfg(feature = "enroll")]
fn enroll_failure(error: crate::enroll::EnrollError) -> Failure {
    match error {
        crate::enroll::EnrollError::NotRolledBack {
            label,
            activation,
            reason,
        } => Failure::Other(super::text::enroll_not_rolled_back(
            &activation.localize(),
            &label,
            &reason,
        )),
        error @ (crate::enroll::EnrollError::Server(crate::api::ErrorCode::Se3010)
        | crate::enroll::EnrollError::WrongActivationCode { .. }) => {
            Failure::ActivationRefused(error.localize())
        }
        error => Failure::Other(error.localize()),
    }
}

#[cfg(not(feature = "enroll"))]
fn enroll(_vault: &Vault, _pin: &crate::vault::Pin, _job: EnrollJob, _now: u64) -> JobResult {
    JobResult::Failed(Failure::Other(super::text::no_enroll().to_owned()))
}

/// The worker's loop: runs jobs in order until either channel closes.
pub fn serve(
    vault: Vault,
    work_factor: u8,
    jobs: Receiver<Job>,
    results: Sender<JobResult>,
    clock: fn() -> Option<u64>,
) {
    for job in jobs {
        let result = match clock() {
            Some(now) => run_job(&vault, work_factor, job, now),
            None => JobResult::Failed(Failure::Other(super::text::clock_before_epoch().to_owned())),
        };
        if results.send(result).is_err() {
            break;
        }
    }
}

/// How long the agent thread waits before asking the agent for its login
/// requests again when the last question failed or was answered early without
/// news (an agent with no room for another wait answers at once).
pub const AGENT_PUSH_INTERVAL: Duration = Duration::from_millis(500);

/// How long one question to the agent for news of login requests waits.
const AGENT_PUSH_WAIT: Duration = crate::agent::protocol::MAX_PUSH_WAIT;

/// The agent thread's loop: one request to the session agent per job, in order,
/// until either channel closes. Kept apart from the vault worker so a slow or stuck
/// agent never holds up an unlock with the PIN (and the UI thread never waits on
/// the socket). While told to watch login requests a thread of its own asks the
/// agent to answer when they change (`PushWait`), so news shows as soon as the
/// agent has it; an answer to one goes out on a thread of its own too (the agent
/// waits for otpd), so the codes keep coming meanwhile.
pub fn serve_agent(vault: PathBuf, jobs: Receiver<AgentJob>, results: Sender<AgentResult>) {
    let mut agent = AgentSession::default();
    let mut watching = false;
    // Set to stop the watching thread running now.
    let mut watcher: Option<Arc<AtomicBool>> = None;
    for job in jobs {
        match job {
            AgentJob::WatchPushes(on) => {
                watching = on;
                if let Some(stop) = watcher.take() {
                    stop.store(true, Ordering::SeqCst);
                }
            }
            AgentJob::AnswerPush {
                request_id,
                decision,
                number,
            } => agent.answer_push(request_id, decision, number, results.clone()),
            job => {
                let result = agent.run(&vault, job);
                if results.send(result).is_err() {
                    break;
                }
            }
        }
        if watching && watcher.is_none() {
            watcher = agent.watch_pushes(results.clone());
        }
    }
    if let Some(stop) = watcher {
        stop.store(true, Ordering::SeqCst);
    }
}

/// The watching thread's loop: the agent's login requests to `results` (followed
/// by [`wake_loop`]) each time they change, until `stop` is set or `results`
/// closes. A failure is left to the codes' requests, which say it; the thread
/// asks again after [`AGENT_PUSH_INTERVAL`].
#[cfg(unix)]
fn watch_agent_pushes(
    client: &crate::agent::client::Client,
    stop: &AtomicBool,
    results: &Sender<AgentResult>,
) {
    let mut known: Option<Vec<String>> = None;
    while !stop.load(Ordering::SeqCst) {
        let asked = Instant::now();
        let answer = match &known {
            None => client.pushes(),
            Some(known) => client.push_wait(known, AGENT_PUSH_WAIT),
        };
        if stop.load(Ordering::SeqCst) {
            return;
        }
        let Ok(requests) = answer else {
            std::thread::sleep(AGENT_PUSH_INTERVAL);
            continue;
        };
        let ids: Vec<String> = requests.iter().map(|r| r.request_id.clone()).collect();
        if known.as_ref() == Some(&ids) {
            // Unchanged: early only when the agent had no room to wait.
            if asked.elapsed() < AGENT_PUSH_WAIT / 2 {
                std::thread::sleep(AGENT_PUSH_INTERVAL);
            }
            continue;
        }
        known = Some(ids);
        let event = PushEvent::Pending {
            account: None,
            requests,
        };
        if results.send(AgentResult::Push(event)).is_err() {
            return;
        }
        wake_loop();
    }
}

/// Ends the event loop's wait for input at once, so that the news of a login
/// request this thread just sent shows now, without the loop waking on a timer
/// to look for it (which cost an idle interface with a push link twice the CPU
/// of one without). crossterm's `event::poll` waits on the terminal and on
/// SIGWINCH only, so the news is followed by a SIGWINCH raised here: the loop
/// reads a resize to the unchanged size (which changes nothing) and then the
/// channels. Nothing else in the process acts on SIGWINCH, and its default
/// action is to do nothing, so a wake before the loop starts or after it ends is
/// harmless.
pub fn wake_loop() {
    let _ = signal_hook::low_level::raise(signal_hook::consts::SIGWINCH);
}

/// The interface's own waiting for login requests while the vault is open: a
/// poller per account with a push link ([`crate::agent::push`]), restarted when
/// the links change and stopped on lock; answers signed with the link's key on a
/// thread each.
#[derive(Debug)]
pub struct PushWorker {
    events: Sender<PushEvent>,
    #[cfg(feature = "enroll")]
    pollers: crate::agent::push::Pollers,
}

impl PushWorker {
    /// A worker whose news goes to `events`.
    pub fn new(events: Sender<PushEvent>) -> Self {
        Self {
            events,
            #[cfg(feature = "enroll")]
            pollers: crate::agent::push::Pollers::default(),
        }
    }

    /// Waits for the requests of `watches` from now on (none: stops waiting).
    #[cfg(feature = "enroll")]
    pub fn watch(&mut self, watches: Vec<PushWatch>) {
        let stop = self.pollers.restart();
        for PushWatch { label, link } in watches {
            let events = self.events.clone();
            let account = label.clone();
            let sink = move |requests| {
                let _ = events.send(PushEvent::Pending {
                    account: Some(account.clone()),
                    requests,
                });
                wake_loop();
            };
            // A poller that could not start leaves its account unwatched, as
            // when its link is unusable: nothing to show for it.
            crate::agent::push::spawn(label, link, stop.clone(), sink);
        }
    }

    /// Without the push client there is nothing to wait for.
    #[cfg(not(feature = "enroll"))]
    pub fn watch(&mut self, watches: Vec<PushWatch>) {
        drop(watches);
    }

    /// Signs and sends `reply` with its link's key on a thread of its own.
    pub fn answer(&self, reply: PushReply) {
        let events = self.events.clone();
        let spawned = std::thread::Builder::new()
            .name("otp-push-answer".to_owned())
            .spawn(move || {
                let result = answer_with_link(&reply);
                let _ = events.send(PushEvent::Answered {
                    request_id: reply.request_id,
                    decision: reply.decision,
                    result,
                });
                wake_loop();
            });
        if spawned.is_err() {
            let _ = self.events.send(PushEvent::Answered {
                request_id: String::new(),
                decision: crate::api::push::Decision::Deny,
                result: Err(super::text::worker_gone().to_owned()),
            });
            wake_loop();
        }
    }
}

impl Drop for PushWorker {
    fn drop(&mut self) {
        #[cfg(feature = "enroll")]
        self.pollers.stop();
    }
}

#[cfg(feature = "enroll")]
fn answer_with_link(reply: &PushReply) -> Result<crate::api::push::PushState, String> {
    let Some(link) = &reply.link else {
        return Err(super::text::no_enroll().to_owned());
    };
    crate::agent::push::answer(
        link,
        &reply.request_id,
        reply.decision,
        reply.number.as_deref(),
    )
    .map_err(|error| error.localize())
}

#[cfg(not(feature = "enroll"))]
fn answer_with_link(_reply: &PushReply) -> Result<crate::api::push::PushState, String> {
    Err(super::text::no_enroll().to_owned())
}

/// The agent found at start, if any.
#[derive(Debug, Default)]
struct AgentSession {
    #[cfg(unix)]
    client: Option<crate::agent::client::Client>,
}

#[cfg(unix)]
impl AgentSession {
    fn run(&mut self, vault: &Path, job: AgentJob) -> AgentResult {
        use crate::agent::AgentError;
        use crate::agent::client::Client;

        let lost = |error: AgentError| {
            AgentResult::Failed(match error {
                AgentError::NotRunning => AgentFailure::Ended,
                other => AgentFailure::Error(other.localize()),
            })
        };
        if job == AgentJob::Connect {
            self.client = None;
            let client = match Client::for_vault(vault) {
                Ok(Some(client)) => client,
                Ok(None) => return AgentResult::Absent,
                Err(error) => return AgentResult::Unusable(error.localize()),
            };
            let info = match client.ping() {
                Ok(info) => info,
                // A stale socket: no agent, silently.
                Err(AgentError::NotRunning) => return AgentResult::Absent,
                Err(error) => return AgentResult::Unusable(error.localize()),
            };
            return match client.list() {
                Ok(accounts) => {
                    self.client = Some(client);
                    AgentResult::Connected {
                        accounts,
                        expires_at: info.expires_at,
                    }
                }
                Err(AgentError::NotRunning) => AgentResult::Absent,
                Err(error) => AgentResult::Unusable(error.localize()),
            };
        }
        let Some(client) = &self.client else {
            return AgentResult::Failed(AgentFailure::Ended);
        };
        match job {
            AgentJob::Connect => AgentResult::Absent,
            AgentJob::List => client.list().map_or_else(lost, AgentResult::Accounts),
            AgentJob::Codes { now } => client
                .codes(now)
                .map_or_else(lost, |codes| AgentResult::Codes { at: now, codes }),
            AgentJob::Code { label, now } => client
                .code(&label, now)
                .map_or_else(lost, |code| AgentResult::Code { label, code }),
            // Handled by the loop.
            AgentJob::WatchPushes(_) | AgentJob::AnswerPush { .. } => AgentResult::Absent,
        }
    }

    /// Starts the thread that watches the agent's login requests, once there is
    /// an agent; the flag that stops it.
    fn watch_pushes(&self, results: Sender<AgentResult>) -> Option<Arc<AtomicBool>> {
        let client = self.client.clone()?;
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        std::thread::Builder::new()
            .name("otp-agent-pushes".to_owned())
            .spawn(move || watch_agent_pushes(&client, &flag, &results))
            .ok()?;
        Some(stop)
    }

    /// Has the agent answer a login request, on a thread of its own (the agent
    /// waits for otpd); the outcome goes to `results`.
    fn answer_push(
        &self,
        request_id: String,
        decision: crate::api::push::Decision,
        number: Option<String>,
        results: Sender<AgentResult>,
    ) {
        use crate::agent::AgentError;
        let client = self.client.clone();
        let spawned = std::thread::Builder::new()
            .name("otp-push-answer".to_owned())
            .spawn(move || {
                let result = match client {
                    Some(client) => client.answer_push(&request_id, decision, number.as_deref()),
                    None => Err(AgentError::NotRunning),
                };
                let _ = results.send(match result {
                    Err(AgentError::NotRunning) => AgentResult::Failed(AgentFailure::Ended),
                    result => AgentResult::Push(PushEvent::Answered {
                        request_id,
                        decision,
                        result: result.map_err(|error| error.localize()),
                    }),
                });
                wake_loop();
            });
        drop(spawned);
    }
}

/// Without Unix sockets there is no agent: the PIN it is.
#[cfg(not(unix))]
impl AgentSession {
    fn run(&mut self, _vault: &Path, job: AgentJob) -> AgentResult {
        match job {
            AgentJob::Connect => AgentResult::Absent,
            _ => AgentResult::Failed(AgentFailure::Ended),
        }
    }

    fn watch_pushes(&self, _results: Sender<AgentResult>) -> Option<Arc<AtomicBool>> {
        None
    }

    fn answer_push(
        &self,
        request_id: String,
        decision: crate::api::push::Decision,
        _number: Option<String>,
        results: Sender<AgentResult>,
    ) {
        let _ = results.send(AgentResult::Failed(AgentFailure::Ended));
        drop((request_id, decision));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::Pin;

    #[test]
    fn without_an_agent_the_agent_thread_says_so_and_refuses_requests() {
        let dir = tempfile::tempdir().unwrap();
        let vault = dir.path().join("missing-vault.age");
        let mut session = AgentSession::default();
        assert!(matches!(
            session.run(&vault, AgentJob::Connect),
            AgentResult::Absent
        ));
        assert!(matches!(
            session.run(&vault, AgentJob::Codes { now: 1 }),
            AgentResult::Failed(AgentFailure::Ended)
        ));
    }

    const PIN: &str = "258046";

    #[test]
    fn jobs_create_unlock_change_and_count_wrong_pins() {
        let dir = tempfile::tempdir().unwrap();
        let vault = Vault::new(dir.path().join("vault.age"));
        let pin = || Pin::for_unlock(PIN).unwrap();
        assert!(matches!(
            run_job(&vault, 10, Job::Create { pin: pin() }, 1_000),
            JobResult::Created
        ));
        let account = crate::accounts::Account {
            name: "alice".into(),
            issuer: Some("Example".into()),
            secret: crate::secret::SecretKey::parse_base32("JBSWY3DPEHPK3PXP").unwrap(),
            algorithm: crate::code::Algorithm::Sha1,
            digits: crate::code::Digits::SIX,
            kind: Kind::Hotp { counter: 0 },
        };
        let add = Job::Update {
            pin: pin(),
            change: Change::Add { account, limit: 10 },
        };
        assert!(
            matches!(run_job(&vault, 10, add, 1_000), JobResult::Saved(store, Done::Added(label)) if store.len() == 1 && label == "Example:alice")
        );
        let hotp = Job::Update {
            pin: pin(),
            change: Change::NextHotp {
                label: "Example:alice".into(),
            },
        };
        match run_job(&vault, 10, hotp, 1_000) {
            JobResult::Saved(store, Done::Hotp { code, .. }) => {
                assert_eq!(
                    code.as_str(),
                    crate::code::hotp(
                        &crate::secret::SecretKey::parse_base32("JBSWY3DPEHPK3PXP").unwrap(),
                        crate::code::Algorithm::Sha1,
                        crate::code::Digits::SIX,
                        0
                    )
                    .as_str()
                );
                assert_eq!(store.get(0).unwrap().kind, Kind::Hotp { counter: 1 });
            }
            other => panic!("{other:?}"),
        }
        let wrong = Job::Unlock {
            pin: Pin::for_unlock("135790").unwrap(),
        };
        assert!(matches!(
            run_job(&vault, 10, wrong, 1_000),
            JobResult::Failed(Failure::WrongPin { attempts_left: 4 })
        ));
        let gone = Job::Update {
            pin: pin(),
            change: Change::Remove {
                label: "nobody".into(),
            },
        };
        assert!(matches!(
            run_job(&vault, 10, gone, 1_000),
            JobResult::Failed(Failure::Other(message)) if message.contains("nobody")
        ));
        assert!(matches!(
            run_job(&vault, 10, Job::Unlock { pin: pin() }, 1_000),
            JobResult::Unlocked(store) if store.len() == 1
        ));
    }

    #[cfg(feature = "enroll")]
    #[test]
    fn enrollment_jobs_report_the_clis_errors_and_leave_the_vault_alone() {
        let dir = tempfile::tempdir().unwrap();
        let vault = Vault::new(dir.path().join("vault.age"));
        let pin = || Pin::for_unlock(PIN).unwrap();
        run_job(&vault, 10, Job::Create { pin: pin() }, 1_000);
        crate::i18n::set_thread(Some(crate::i18n::Lang::En));
        let lookup = Job::LookupCustomer {
            customer: "1106".into(),
            config: Box::default(),
            config_path: "/home/jk/.config/otp/config.toml".into(),
        };
        // A customer code no server is known for: check the code, and the config
        // file by its path; never a command-line flag the TUI cannot take.
        match run_job(&vault, 10, lookup, 1_000) {
            JobResult::Failed(Failure::Other(message)) => {
                assert!(message.contains("check the customer code"), "{message}");
                assert!(message.contains("1106"), "{message}");
                assert!(
                    message.contains("/home/jk/.config/otp/config.toml"),
                    "{message}"
                );
                assert!(!message.contains("--"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        // Nothing listens on port 9 of this machine: refused before anything is saved,
        // and before the vault is opened at all (not even a wrong PIN is tried).
        let enroll = Job::Enroll {
            pin: Pin::for_unlock("135791").unwrap(),
            customer: "1106".into(),
            server: "http://127.0.0.1:9/".into(),
            user_id: "alice".into(),
            activation_code: Hidden::from("135790"),
            code_digits: 6,
            limit: 10,
        };
        match run_job(&vault, 10, enroll, 1_000) {
            JobResult::Failed(Failure::Other(message)) => {
                assert!(message.contains("127.0.0.1:9"), "{message}");
                assert!(!message.contains("135790"));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            vault.lockout_status(1_000),
            crate::vault::LockoutStatus::Open { failures: 0, .. }
        ));
        assert!(matches!(
            run_job(&vault, 10, Job::Unlock { pin: pin() }, 1_000),
            JobResult::Unlocked(store) if store.is_empty()
        ));
    }

    #[cfg(feature = "enroll")]
    #[test]
    fn a_refused_activation_code_is_told_apart_from_other_failures() {
        use crate::api::ErrorCode;
        use crate::enroll::EnrollError;
        crate::i18n::set_thread(Some(crate::i18n::Lang::En));
        let Failure::ActivationRefused(message) =
            enroll_failure(EnrollError::WrongActivationCode { tries_left: 1 })
        else {
            panic!("not a refused activation code");
        };
        assert!(message.starts_with("SE3010: "), "{message}");
        assert!(message.contains("1 try left"), "{message}");
        assert!(matches!(
            enroll_failure(EnrollError::Server(ErrorCode::Se3010)),
            Failure::ActivationRefused(message) if message.starts_with("SE3010: ")
        ));
        assert!(matches!(
            enroll_failure(EnrollError::Server(ErrorCode::Se3005)),
            Failure::Other(message) if message.starts_with("SE3005: ")
        ));
    }

    #[cfg(feature = "enroll")]
    #[test]
    fn a_failed_rollback_names_the_account_and_the_key_that_deletes_it() {
        use crate::api::ErrorCode;
        use crate::enroll::EnrollError;
        let error = EnrollError::NotRolledBack {
            label: "KISTI:jklee".into(),
            activation: Box::new(EnrollError::Server(ErrorCode::Se3010)),
            reason: "could not write the vault: no space left on device".into(),
        };
        crate::i18n::set_thread(Some(crate::i18n::Lang::En));
        let Failure::Other(message) = enroll_failure(error) else {
            panic!("not a status message");
        };
        assert!(message.contains("SE3010"), "{message}");
        assert!(message.contains("KISTI:jklee"), "{message}");
        assert!(message.contains("no space left"), "{message}");
        assert!(message.contains("press d"), "{message}");
        assert!(!message.contains("otp remove"), "{message}");
    }
}
