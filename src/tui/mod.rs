//! The full-screen interface (`otp` with no subcommand).
//!
//! ratatui's event-driven shape: [`app::App`] holds the state, [`message::Action`]s go
//! in, [`message::Effect`]s come out of the pure [`app::App::update`], and `&App` draws
//! itself ([`view`]). This module is the event loop that joins them to the world:
//! it turns terminal events and timer ticks into actions, runs vault jobs on a worker
//! thread and requests to a session agent on another ([`worker`]), talks to the
//! clipboard, writes the config file, and restores the terminal on every way out,
//! panics included.
//!
//! At start, unless `--no-agent` was given, it asks whether an agent started by
//! `otp unlock` serves the vault; if one does, the list opens without the PIN and
//! shows the codes the agent computes (see [`app::AgentList`]).
//!
//! While the vault is open, accounts with a push link are watched for login
//! requests (push approvals) by pollers of their own ([`worker::PushWorker`]);
//! through an agent, the agent thread asks the agent for the requests it saw. A
//! request shows at once as a dialog over the list.
//!
//! The loop never spins: it waits for input until the next whole second (the
//! countdowns change once a second), or 100 ms while the worker is busy (to animate
//! the spinner and pick up the result), and draws only after something happened.
//! News of login requests does not wait for a timer: the thread that sends it
//! ends the wait at once ([`worker::wake_loop`]), so watching costs no wake-ups.
//!
//! The files, from the top down (no circle between them, directly or through
//! others):
//!
//! - this file: the event loop; [`worker`]: the vault worker and the agent thread;
//! - [`view`]: drawing; [`app`]: how actions change the state (one file per
//!   concern in `app/`);
//! - [`layout`]: screen geometry, shared by drawing and clicks;
//! - the state itself (`app/state.rs`); [`form`]: the add and rename forms;
//!   [`keymap`]: the one key table;
//! - [`text`]: every word shown; [`message`]: actions, effects, jobs and their
//!   results, plain data that all the others use.

pub mod app;
pub mod form;
pub mod keymap;
pub mod layout;
pub mod message;
pub mod text;
pub mod view;
pub mod width;
pub mod worker;

#[cfg(test)]
mod snapshot_tests;

use std::collections::VecDeque;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;

use crate::clipboard::{Clipboard, Environment};
use crate::config::Config;
use crate::i18n::Localize;
use crate::vault::Vault;
use app::App;
use message::{
    Action, AgentFailure, AgentJob, AgentResult, Effect, Failure, Hidden, Job, JobResult, PushEvent,
};

/// What the interface needs from the command line.
#[derive(Debug)]
pub struct Options {
    /// The vault file.
    pub vault: Vault,
    /// The settings.
    pub config: Config,
    /// Where the settings are saved.
    pub config_path: PathBuf,
    /// The scrypt work factor of a vault created on first run.
    pub work_factor: u8,
    /// Whether to open through a session agent serving the vault, if one does
    /// (`false` with `--no-agent`).
    pub use_agent: bool,
}

/// Why the interface could not run. It is shown by the CLI, so its `Display` is
/// the sentence in the chosen language (the same as [`Localize`](crate::i18n::Localize)).
#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    /// Standard input or output is not a terminal.
    #[error("{}", crate::i18n::Localize::localize(self))]
    NotATerminal,
    /// The terminal failed.
    #[error("{}", crate::i18n::Localize::localize(self))]
    Terminal(#[from] std::io::Error),
    /// The system clock is before 1970.
    #[error("{}", crate::i18n::Localize::localize(self))]
    Clock,
}

impl crate::i18n::Localize for TuiError {
    fn localize_in(&self, lang: crate::i18n::Lang) -> String {
        match self {
            TuiError::NotATerminal => crate::t_in!(lang, "tui-not-a-terminal"),
            TuiError::Terminal(error) => {
                crate::t_in!(lang, "tui-terminal-failed", reason = error.to_string())
            }
            TuiError::Clock => crate::t_in!(lang, "tui-clock-before-epoch"),
        }
    }
}

/// Seconds since the Unix epoch.
fn unix_now() -> Option<u64> {
    crate::clock::unix_now().ok()
}

/// How long to wait for input: until just after the next whole second, or a tenth
/// of a second while the worker is busy.
fn wait_time(busy: bool) -> Duration {
    if busy {
        return Duration::from_millis(100);
    }
    let subsec = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    Duration::from_nanos(u64::from(1_000_000_000 - subsec.min(999_999_999)))
        + Duration::from_millis(2)
}

/// Turns a terminal event into an action for the app in `context`.
fn translate(event: Event, context: keymap::Context) -> Option<Action> {
    match event {
        Event::Key(key) => keymap::action_for(context, &key),
        Event::Paste(pasted) => Some(Action::Paste(Hidden::from(pasted))),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                column: mouse.column,
                row: mouse.row,
            }),
            MouseEventKind::ScrollUp => Some(Action::Scroll(true)),
            MouseEventKind::ScrollDown => Some(Action::Scroll(false)),
            _ => None,
        },
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        _ => None,
    }
}

/// Turns the extra terminal modes off again (mouse, bracketed paste).
fn disable_extras() {
    let _ = execute!(
        std::io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste
    );
}

/// Runs the interface until the person quits. The terminal is restored on every
/// return and on panic.
pub fn run(options: Options) -> Result<(), TuiError> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(TuiError::NotATerminal);
    }
    // try_init puts the terminal in raw mode and the alternate screen and installs a
    // panic hook that restores both; ours wraps it to undo mouse and paste modes too.
    let mut terminal = ratatui::try_init()?;
    let restore_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        disable_extras();
        restore_hook(info);
    }));
    let result = execute!(std::io::stdout(), EnableMouseCapture, EnableBracketedPaste)
        .map_err(TuiError::from)
        .and_then(|()| event_loop(&mut terminal, options));
    disable_extras();
    ratatui::restore();
    let _ = std::panic::take_hook();
    result
}

/// The signals that end the program. SIGTERM and SIGINT: the loop notices them
/// within a second and quits cleanly, restoring the terminal. SIGHUP means the
/// terminal is gone: there is nothing to restore, and a hung-up terminal reads as
/// endless end-of-file that the input library spins on, so the process exits at once
/// (every vault write is atomic, so at most an unfinished change is lost).
/// Exit status after a hang-up, as a shell reports a death by SIGHUP (128 + 1).
const HANGUP_EXIT_CODE: i32 = 129;

fn termination_flag() -> Arc<AtomicBool> {
    let flag = Arc::new(AtomicBool::new(false));
    let exit_now = Arc::new(AtomicBool::new(true));
    let _ = signal_hook::flag::register_conditional_shutdown(
        signal_hook::consts::SIGHUP,
        HANGUP_EXIT_CODE,
        exit_now,
    );
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGINT] {
        // Without the handler the default (ending the process) stays: no worse.
        let _ = signal_hook::flag::register(signal, Arc::clone(&flag));
    }
    flag
}

/// The Unix time, or the error that stops the interface when the clock is before 1970.
fn now() -> Result<u64, TuiError> {
    unix_now().ok_or(TuiError::Clock)
}

/// What the app's effects reach: the vault (for its lockout status), the worker
/// threads, the clipboard and the config file.
struct World {
    /// The vault file.
    vault: Vault,
    /// Where the settings are saved.
    config_path: PathBuf,
    /// Jobs for the vault worker.
    jobs: mpsc::Sender<Job>,
    /// Requests for the agent thread.
    agent: mpsc::Sender<AgentJob>,
    /// The clipboard, kept alive for as long as the interface runs.
    clipboard: Clipboard,
    /// The pollers of login requests and the answers to them.
    push: worker::PushWorker,
}

/// The answers of the worker threads.
struct Answers {
    /// Results of vault jobs.
    jobs: mpsc::Receiver<JobResult>,
    /// Answers of the agent thread.
    agent: mpsc::Receiver<AgentResult>,
    /// News of login requests.
    push: mpsc::Receiver<PushEvent>,
}

impl World {
    /// Starts the vault worker and the agent thread for `vault`.
    fn start(
        vault: Vault,
        work_factor: u8,
        config_path: PathBuf,
    ) -> Result<(Self, Answers), TuiError> {
        let (job_sender, job_receiver) = mpsc::channel();
        let (result_sender, result_receiver) = mpsc::channel();
        let worker_vault = vault.clone();
        std::thread::Builder::new()
            .name("otp-vault".to_owned())
            .spawn(move || {
                worker::serve(
                    worker_vault,
                    work_factor,
                    job_receiver,
                    result_sender,
                    unix_now,
                );
            })?;
        let (agent_sender, agent_receiver) = mpsc::channel();
        let (agent_result_sender, agent_result_receiver) = mpsc::channel();
        let agent_vault = vault.path().to_path_buf();
        std::thread::Builder::new()
            .name("otp-agent".to_owned())
            .spawn(move || worker::serve_agent(agent_vault, agent_receiver, agent_result_sender))?;
        let (push_sender, push_receiver) = mpsc::channel();
        let world = Self {
            vault,
            config_path,
            jobs: job_sender,
            agent: agent_sender,
            clipboard: Clipboard::new(Environment::from_process()),
            push: worker::PushWorker::new(push_sender),
        };
        let answers = Answers {
            jobs: result_receiver,
            agent: agent_result_receiver,
            push: push_receiver,
        };
        Ok((world, answers))
    }

    /// Carries out one effect of the app; what comes of it is queued as an action.
    fn carry_out(
        &mut self,
        effect: Effect,
        terminal: &mut DefaultTerminal,
        queue: &mut VecDeque<Action>,
    ) -> Result<(), TuiError> {
        match effect {
            Effect::Vault(job) => {
                if self.jobs.send(job).is_err() {
                    queue.push_back(Action::Job(JobResult::Failed(Failure::Other(
                        text::worker_gone().to_owned(),
                    ))));
                }
            }
            Effect::Agent(job) => {
                if self.agent.send(job).is_err() {
                    queue.push_back(Action::Agent(AgentResult::Failed(AgentFailure::Ended)));
                }
            }
            Effect::CheckLockout => {
                queue.push_back(Action::Lockout(self.vault.lockout_status(now()?)));
            }
            Effect::Copy { label, code } => {
                let result = self
                    .clipboard
                    .copy(code.as_str(), terminal.backend_mut())
                    .map_err(|e| e.localize());
                queue.push_back(Action::Copied {
                    label,
                    code,
                    result,
                });
            }
            Effect::ClearClipboard { code, method } => {
                let result = self
                    .clipboard
                    .clear_if_unchanged(code.as_str(), method, terminal.backend_mut())
                    .map_err(|e| e.localize());
                queue.push_back(Action::Cleared(result));
            }
            Effect::SaveConfig(config) => {
                let result = config.save(&self.config_path).map_err(|e| e.localize());
                queue.push_back(Action::ConfigSaved(result));
            }
            Effect::WatchPush(watches) => self.push.watch(watches),
            Effect::AnswerPush(reply) => {
                if reply.link.is_some() {
                    self.push.answer(reply);
                } else {
                    let job = AgentJob::AnswerPush {
                        request_id: reply.request_id,
                        decision: reply.decision,
                        number: reply.number,
                    };
                    if self.agent.send(job).is_err() {
                        queue.push_back(Action::Agent(AgentResult::Failed(AgentFailure::Ended)));
                    }
                }
            }
            Effect::Bell => {
                use std::io::Write as _;
                let backend = terminal.backend_mut();
                let _ = backend.write_all(b"\x07").and_then(|()| backend.flush());
            }
            Effect::Quit => {}
        }
        Ok(())
    }
}

/// The actions the app starts with: the terminal's size, and when the vault exists
/// its lockout status and (unless `--no-agent`) the question whether an agent
/// serves it.
fn first_actions(
    terminal: &DefaultTerminal,
    vault: &Vault,
    exists: bool,
    use_agent: bool,
) -> Result<VecDeque<Action>, TuiError> {
    let mut queue = VecDeque::new();
    let size = terminal.size()?;
    queue.push_back(Action::Resize {
        width: size.width,
        height: size.height,
    });
    if exists {
        queue.push_back(Action::Lockout(vault.lockout_status(now()?)));
        if use_agent {
            queue.push_back(Action::ProbeAgent);
        }
    }
    Ok(queue)
}

/// Turns events into actions and effects into work until the app quits.
fn event_loop(terminal: &mut DefaultTerminal, options: Options) -> Result<(), TuiError> {
    let Options {
        vault,
        config,
        config_path,
        work_factor,
        use_agent,
    } = options;
    let exists = vault.exists();
    let mut app = App::new(exists, vault.path().display().to_string(), config, now()?);
    app.config_path = config_path.display().to_string();
    let mut queue = first_actions(terminal, &vault, exists, use_agent)?;
    let (mut world, answers) = World::start(vault, work_factor, config_path)?;
    let terminated = termination_flag();
    let mut dirty = true;

    loop {
        while let Some(action) = queue.pop_front() {
            dirty = true;
            for effect in app.update(action, now()?) {
                world.carry_out(effect, terminal, &mut queue)?;
            }
        }
        if app.quitting {
            return Ok(());
        }
        if dirty {
            terminal.draw(|frame| frame.render_widget(&app, frame.area()))?;
            dirty = false;
        }
        if terminated.swap(false, Ordering::Relaxed) {
            queue.push_back(Action::Command(message::Command::Quit));
            continue;
        }
        let wait = if app.awaiting_agent() {
            // An answer from the agent is due within milliseconds: draw it at once.
            Duration::from_millis(50)
        } else {
            wait_time(app.is_busy())
        };
        // News of login requests ends the wait by itself (a resize to the same
        // size, see worker::wake_loop), and is read from its channel below.
        if event::poll(wait)? {
            if let Some(action) = translate(event::read()?, app.context()) {
                queue.push_back(action);
            }
        } else {
            queue.push_back(Action::Tick);
        }
        while let Ok(event) = answers.push.try_recv() {
            queue.push_back(Action::Push(event));
        }
        while let Ok(result) = answers.jobs.try_recv() {
            queue.push_back(Action::Job(result));
        }
        while let Ok(result) = answers.agent.try_recv() {
            queue.push_back(Action::Agent(result));
        }
    }
}
