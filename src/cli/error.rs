//! The one error type of the CLI, its exit codes, and how it is said.
//!
//! Lower-layer errors are carried as they are and said by their own
//! [`Localize`](crate::i18n::Localize); the CLI's own failures are typed here and
//! said from the `cli` catalogue. The `#[error]` texts are short English for logs and
//! `Debug`; a person reads [`CliError::localize`](crate::i18n::Localize::localize).

use std::path::PathBuf;
use std::process::ExitCode;

use super::text::What;
use crate::accounts::{AccountError, CodeError, MatchError};
use crate::agent::AgentError;
use crate::code::ParamError;
use crate::config::ConfigError;
use crate::i18n::{Lang, Localize};
use crate::otpauth::UriError;
use crate::qr::QrError;
use crate::secret::SecretError;
use crate::t_in;
use crate::vault::payload::PayloadError;
use crate::vault::{PinError, VaultError};

/// Everything a subcommand can fail with.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// From the vault service.
    #[error(transparent)]
    Vault(#[from] VaultError),
    /// The decrypted vault could not be read.
    #[error(transparent)]
    Payload(#[from] PayloadError),
    /// No or several accounts match.
    #[error(transparent)]
    Match(#[from] MatchError),
    /// An account could not be added or changed.
    #[error(transparent)]
    Account(#[from] AccountError),
    /// A malformed base32 secret.
    #[error(transparent)]
    Secret(#[from] SecretError),
    /// A malformed `otpauth://` URI.
    #[error(transparent)]
    Uri(#[from] UriError),
    /// A picture without a readable QR code, or a text too long for one.
    #[error(transparent)]
    Qr(#[from] QrError),
    /// A PIN of the wrong form, or one the policy refuses.
    #[error(transparent)]
    Pin(#[from] PinError),
    /// A code that cannot be issued (a time asked of a HOTP account, ...).
    #[error(transparent)]
    Code(#[from] CodeError),
    /// The session agent could not be started or used.
    #[error(transparent)]
    Agent(#[from] AgentError),
    /// A bad `--algorithm`, `--digits`, `--period` or `--counter`.
    #[error(transparent)]
    Param(#[from] ParamError),
    /// The config file.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The full-screen interface.
    #[error(transparent)]
    Tui(#[from] crate::tui::TuiError),
    /// Customer-code enrollment failed.
    #[cfg(feature = "enroll")]
    #[error(transparent)]
    Enroll(#[from] crate::enroll::EnrollError),
    /// A push approval step failed (`otp approve`, `otp deny`, `otp push register`).
    #[cfg(feature = "enroll")]
    #[error(transparent)]
    Push(#[from] crate::enroll::PushError),
    /// `otp approve` / `otp deny` found no login request waiting.
    #[error("no approval request is waiting")]
    NoPushPending,
    /// The session agent could not send an answer to otpd (unreachable, or an
    /// answer out of the protocol): a push step failed, as [`CliError::Push`].
    #[error(transparent)]
    AgentPush(crate::agent::protocol::PushFailure),
    /// A file to import could not be read, or an export could not be written.
    #[error(transparent)]
    Transfer(#[from] crate::transfer::ImportError),
    /// Arguments that parse but do not make sense together.
    #[error("usage: {0:?}")]
    Usage(Usage),
    /// Input ran out or could not be used.
    #[error("input: {0:?}")]
    Input(InputError),
    /// No way to get the PIN.
    #[error("no PIN source and no terminal")]
    NoPin,
    /// The user answered no.
    #[error("declined")]
    Declined,
    /// The system clock is before 1970.
    #[error("system clock before 1970")]
    Clock,
    /// The agent's answer does not fit the question.
    #[error("unexpected answer from the agent")]
    UnexpectedAnswer,
    /// The agent `otp unlock` started did not come up as it should.
    #[error("agent start-up: {0:?}")]
    AgentStart(AgentStart),
    /// Other I/O.
    #[error("{what:?}: {source}")]
    Io {
        /// What was being done.
        what: IoAction,
        /// The I/O error.
        source: std::io::Error,
    },
}

/// Arguments that parse but do not make sense, or a request the CLI refuses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Usage {
    /// `--work-factor` before a subcommand.
    WorkFactorTuiOnly,
    /// `otp add --customer` in a build without the `enroll` feature.
    NoEnrollFeature,
    /// `otp add --qr -` with a terminal on standard input.
    QrStdinIsTerminal,
    /// `otp add --qr` on a Google Authenticator export.
    QrIsExport {
        /// The picture argument (`-` for standard input).
        picture: PathBuf,
    },
    /// `otp add --qr` on a picture with several QR codes.
    QrSeveral {
        /// How many QR codes the picture holds.
        count: usize,
        /// The picture argument (`-` for standard input).
        picture: PathBuf,
    },
    /// `otp add --qr` on a QR code that is not an `otpauth://` link.
    QrNotALink {
        /// The picture argument (`-` for standard input).
        picture: PathBuf,
    },
    /// `otp add --uri` or `--qr` given a `steam://` key, which names no account,
    /// without the name.
    SteamKeyNeedsName,
    /// A `steam://` key with `--algorithm`, `--digits`, `--period`, `--hotp` or
    /// `--counter`, which Steam Guard fixes.
    SteamKeyOptions,
    /// `otp remove` without a terminal and without `--yes`.
    RemoveNeedsYes,
    /// `otp import` on a file too large to be an export.
    ImportTooLarge {
        /// The file.
        path: PathBuf,
        /// The limit in MiB.
        limit_mib: u64,
    },
    /// `otp import -` with `--pin-stdin`.
    ImportStdinClash,
    /// The new accounts do not fit in the vault.
    ImportTooMany {
        /// New accounts in the file.
        new: usize,
        /// How many more the vault takes.
        room: usize,
        /// Accounts in the vault now.
        count: usize,
        /// The most it may hold.
        limit: usize,
    },
    /// `otp import` without a terminal and without `--yes`.
    ImportNeedsYes,
    /// An export password that is too short.
    ExportPasswordShort {
        /// The fewest characters accepted.
        min: usize,
    },
    /// An unencrypted export without a terminal and without `--yes`.
    ExportNeedsYes,
    /// `otp export` on an empty vault.
    ExportEmpty,
    /// `otp export -o` over an existing file without `--force`.
    ExportExists {
        /// The file.
        path: PathBuf,
    },
    /// `otp agent-serve` without `--vault`.
    AgentNeedsVault,
    /// `otp approve` / `otp deny` with no account enrolled with a device key.
    NoPushAccounts,
    /// `otp approve ACCOUNT` on an account without a device key.
    NoPushLink {
        /// The account's label.
        label: String,
    },
    /// `otp push register` without `--customer` and no `[customers]` entry.
    PushRegisterNoCustomer {
        /// The account's label.
        label: String,
    },
    /// `otp push register` on an account that is not time-based.
    PushRegisterNotTotp {
        /// The account's label.
        label: String,
    },
}

/// Input that ran out or could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    /// Standard input ended before the value was read.
    StdinEnded(What),
    /// `OTP_PIN_COMMAND` exited with a failure.
    PinCommandFailed {
        /// Its exit status, as the system says it.
        status: String,
    },
    /// No new PIN was settled after `tries` prompts; `last` says why the last try
    /// failed (`None`: the two PINs typed differed).
    NewPinGaveUp {
        /// How many tries were allowed (all used).
        tries: usize,
        /// The policy refusal of the last try, if that was the reason.
        last: Option<PinError>,
    },
    /// The two export passwords differ.
    ExportPasswordsDiffer,
}

/// How the agent `otp unlock` started failed to come up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgentStart {
    /// It exited before its start-up report.
    ExitedEarly,
    /// It said it was ready but its socket is not there.
    SocketMissing,
    /// Another agent answered on the socket.
    OtherAnswered,
}

/// What the CLI was doing when input or output failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IoAction {
    /// Reading a value from standard input.
    ReadStdin(What),
    /// Reading a value at a hidden prompt.
    ReadTerminal(What),
    /// Reading the PIN file of `OTP_PIN_FILE`.
    ReadPinFile(PathBuf),
    /// Running `OTP_PIN_COMMAND`.
    RunPinCommand,
    /// Writing JSON output.
    WriteJson,
    /// Writing man pages and completions under a directory.
    WriteAssets(PathBuf),
    /// Reading a picture (`-`: standard input).
    ReadPicture(PathBuf),
    /// Reading a file to import (`-`: standard input).
    ReadImport(PathBuf),
    /// Writing an export to standard output.
    WriteExportStdout,
    /// Writing an export file.
    WriteExport(PathBuf),
    /// Finding the `otp` program to start the agent with.
    FindProgram,
    /// Starting the agent process from this program.
    StartAgent(PathBuf),
}

impl CliError {
    /// The documented exit code (see `otp --help`).
    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(self.exit_status())
    }

    /// The documented exit code as a number (the agent reports it to `otp unlock`).
    pub fn exit_status(&self) -> u8 {
        match self {
            CliError::Usage(_)
            | CliError::Secret(_)
            | CliError::Uri(_)
            | CliError::Qr(_)
            | CliError::Pin(_)
            | CliError::Param(_)
            | CliError::Account(_)
            | CliError::Input(_)
            | CliError::Code(_)
            | CliError::Transfer(_)
            | CliError::NoPin
            | CliError::Tui(crate::tui::TuiError::NotATerminal)
            | CliError::Vault(VaultError::WeakPin(_) | VaultError::WorkFactorOutOfRange { .. }) => {
                2
            }
            CliError::Match(_) => 3,
            CliError::Vault(VaultError::WrongPin { .. }) => 4,
            CliError::Vault(VaultError::LockedOut { .. }) => 5,
            CliError::Vault(
                VaultError::NotFound { .. }
                | VaultError::Damaged { .. }
                | VaultError::DamagedBackupOpens { .. }
                | VaultError::Unreadable { .. }
                | VaultError::ExcessiveWork { .. },
            )
            | CliError::Payload(_) => 6,
            CliError::Agent(AgentError::Startup { exit_code, .. }) => *exit_code,
            #[cfg(feature = "enroll")]
            CliError::Enroll(_) | CliError::Push(_) => 7,
            CliError::AgentPush(_) => 7,
            CliError::NoPushPending => 8,
            _ => 1,
        }
    }
}

impl Localize for CliError {
    fn localize_in(&self, lang: Lang) -> String {
        match self {
            CliError::Vault(e) => e.localize_in(lang),
            CliError::Payload(e) => e.localize_in(lang),
            CliError::Match(e) => e.localize_in(lang),
            CliError::Account(e) => e.localize_in(lang),
            CliError::Secret(e) => e.localize_in(lang),
            CliError::Uri(e) => e.localize_in(lang),
            CliError::Qr(e) => e.localize_in(lang),
            CliError::Pin(e) => e.localize_in(lang),
            CliError::Code(e) => e.localize_in(lang),
            CliError::Agent(e) => e.localize_in(lang),
            CliError::Param(e) => e.localize_in(lang),
            CliError::Config(e) => e.localize_in(lang),
            CliError::Tui(e) => tui_sentence(e, lang),
            #[cfg(feature = "enroll")]
            CliError::Enroll(e) => super::enroll_error::error_sentence(e, lang),
            #[cfg(feature = "enroll")]
            CliError::Push(crate::enroll::PushError::Request(e)) => {
                super::enroll_error::error_sentence(e, lang)
            }
            #[cfg(feature = "enroll")]
            CliError::Push(e) => e.localize_in(lang),
            CliError::NoPushPending => t_in!(lang, "cli-push-none-waiting"),
            CliError::AgentPush(e) => e.localize_in(lang),
            CliError::Transfer(e) => e.localize_in(lang),
            CliError::Usage(usage) => usage.localize_in(lang),
            CliError::Input(input) => input.localize_in(lang),
            CliError::NoPin => t_in!(lang, "cli-no-pin"),
            CliError::Declined => t_in!(lang, "cli-declined"),
            CliError::Clock => t_in!(lang, "cli-clock"),
            CliError::UnexpectedAnswer => t_in!(lang, "cli-unexpected-answer"),
            CliError::AgentStart(start) => match start {
                AgentStart::ExitedEarly => t_in!(lang, "cli-agent-exited-early"),
                AgentStart::SocketMissing => t_in!(lang, "cli-agent-socket-missing"),
                AgentStart::OtherAnswered => t_in!(lang, "cli-agent-other-answered"),
            },
            CliError::Io { what, source } => io_sentence(what, source, lang),
        }
    }
}

/// The full-screen interface's few failures that reach the command line.
fn tui_sentence(error: &crate::tui::TuiError, lang: Lang) -> String {
    use crate::tui::TuiError;
    #[allow(unreachable_patterns)]
    match error {
        TuiError::NotATerminal => t_in!(lang, "cli-tui-not-a-terminal"),
        TuiError::Terminal(source) => {
            t_in!(lang, "cli-tui-terminal", reason = io_reason(source, lang))
        }
        TuiError::Clock => t_in!(lang, "cli-tui-clock"),
        // A failure the interface adds later is still said, if only in its own words.
        other => other.to_string(),
    }
}

impl Localize for Usage {
    fn localize_in(&self, lang: Lang) -> String {
        let source = |path: &PathBuf| super::text::source_of(path);
        match self {
            Usage::WorkFactorTuiOnly => t_in!(lang, "cli-work-factor-tui-only"),
            Usage::NoEnrollFeature => t_in!(lang, "cli-no-enroll-feature"),
            Usage::QrStdinIsTerminal => t_in!(lang, "cli-qr-stdin-is-terminal"),
            Usage::QrIsExport { picture } => {
                let (source, path) = source(picture);
                t_in!(lang, "cli-qr-is-export", source = source, path = path)
            }
            Usage::QrSeveral { count, picture } => {
                let (source, path) = source(picture);
                t_in!(
                    lang,
                    "cli-qr-several",
                    count = *count,
                    source = source,
                    path = path
                )
            }
            Usage::QrNotALink { picture } => {
                let (source, path) = source(picture);
                t_in!(lang, "cli-qr-not-a-link", source = source, path = path)
            }
            Usage::SteamKeyNeedsName => t_in!(lang, "cli-steam-key-needs-name"),
            Usage::SteamKeyOptions => t_in!(lang, "cli-steam-key-options"),
            Usage::RemoveNeedsYes => t_in!(lang, "cli-remove-needs-yes"),
            Usage::ImportTooLarge { path, limit_mib } => t_in!(
                lang,
                "cli-import-too-large",
                path = path.display().to_string(),
                limit = *limit_mib
            ),
            Usage::ImportStdinClash => t_in!(lang, "cli-import-stdin-clash"),
            Usage::ImportTooMany {
                new,
                room,
                count,
                limit,
            } => t_in!(
                lang,
                "cli-import-too-many",
                new = *new,
                room = *room,
                count = *count,
                limit = *limit
            ),
            Usage::ImportNeedsYes => t_in!(lang, "cli-import-needs-yes"),
            Usage::ExportPasswordShort { min } => {
                t_in!(lang, "cli-export-password-short", min = *min)
            }
            Usage::ExportNeedsYes => t_in!(lang, "cli-export-needs-yes"),
            Usage::ExportEmpty => t_in!(lang, "cli-export-empty"),
            Usage::ExportExists { path } => {
                t_in!(lang, "cli-export-exists", path = path.display().to_string())
            }
            Usage::AgentNeedsVault => t_in!(lang, "cli-agent-needs-vault"),
            Usage::NoPushAccounts => t_in!(lang, "cli-push-no-accounts"),
            Usage::NoPushLink { label } => {
                t_in!(lang, "cli-push-no-link", label = label.as_str())
            }
            Usage::PushRegisterNoCustomer { label } => {
                t_in!(
                    lang,
                    "cli-push-register-no-customer",
                    label = label.as_str()
                )
            }
            Usage::PushRegisterNotTotp { label } => {
                t_in!(lang, "cli-push-register-not-totp", label = label.as_str())
            }
        }
    }
}

impl Localize for InputError {
    fn localize_in(&self, lang: Lang) -> String {
        match self {
            InputError::StdinEnded(What::Asked(asked)) => {
                t_in!(lang, "cli-stdin-ended", what = asked.key())
            }
            InputError::StdinEnded(What::Named(what)) => {
                t_in!(lang, "cli-stdin-ended-named", what = what.as_str())
            }
            InputError::PinCommandFailed { status } => {
                t_in!(lang, "cli-pin-command-failed", status = status.as_str())
            }
            InputError::NewPinGaveUp { tries, last: None } => {
                t_in!(lang, "cli-new-pin-gave-up-differ", tries = *tries)
            }
            InputError::NewPinGaveUp {
                tries,
                last: Some(reason),
            } => t_in!(
                lang,
                "cli-new-pin-gave-up-refused",
                tries = *tries,
                reason = reason.localize_in(lang)
            ),
            InputError::ExportPasswordsDiffer => t_in!(lang, "cli-export-passwords-differ"),
        }
    }
}

/// Why an I/O operation failed, in the catalogue's words ([`crate::i18n::io_reason`]).
fn io_reason(error: &std::io::Error, lang: Lang) -> String {
    crate::i18n::io_reason(error, lang)
}

fn io_sentence(what: &IoAction, source: &std::io::Error, lang: Lang) -> String {
    let reason = io_reason(source, lang);
    match what {
        IoAction::ReadStdin(What::Asked(asked)) => t_in!(
            lang,
            "cli-io-read-stdin",
            what = asked.key(),
            reason = reason
        ),
        IoAction::ReadStdin(What::Named(what)) => t_in!(
            lang,
            "cli-io-read-stdin-named",
            what = what.as_str(),
            reason = reason
        ),
        IoAction::ReadTerminal(What::Asked(asked)) => t_in!(
            lang,
            "cli-io-read-terminal",
            what = asked.key(),
            reason = reason
        ),
        IoAction::ReadTerminal(What::Named(what)) => t_in!(
            lang,
            "cli-io-read-terminal-named",
            what = what.as_str(),
            reason = reason
        ),
        IoAction::ReadPinFile(path) => t_in!(
            lang,
            "cli-io-read-pin-file",
            path = path.display().to_string(),
            reason = reason
        ),
        IoAction::RunPinCommand => t_in!(lang, "cli-io-run-pin-command", reason = reason),
        IoAction::WriteJson => t_in!(lang, "cli-io-write-json", reason = reason),
        IoAction::WriteAssets(path) => t_in!(
            lang,
            "cli-io-write-assets",
            path = path.display().to_string(),
            reason = reason
        ),
        IoAction::ReadPicture(picture) => {
            let (source, path) = super::text::source_of(picture);
            t_in!(
                lang,
                "cli-io-read-picture",
                source = source,
                path = path,
                reason = reason
            )
        }
        IoAction::ReadImport(file) => {
            let (source, path) = super::text::source_of(file);
            t_in!(
                lang,
                "cli-io-read-import",
                source = source,
                path = path,
                reason = reason
            )
        }
        IoAction::WriteExportStdout => t_in!(lang, "cli-io-write-export-stdout", reason = reason),
        IoAction::WriteExport(path) => t_in!(
            lang,
            "cli-io-write-export",
            path = path.display().to_string(),
            reason = reason
        ),
        IoAction::FindProgram => t_in!(lang, "cli-io-find-program", reason = reason),
        IoAction::StartAgent(program) => t_in!(
            lang,
            "cli-io-start-agent",
            path = program.display().to_string(),
            reason = reason
        ),
    }
}

/// Prints an error the way every command does and returns its exit code.
pub fn report(error: &CliError) -> ExitCode {
    eprintln!("otp: {}", error.localize());
    error.exit_code()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::text::Asked;
    use crate::i18n::{Lang, catalogue};

    #[test]
    fn cli_errors_are_said_in_the_chosen_language_from_the_catalogue() {
        let pin_ended = CliError::Input(InputError::StdinEnded(What::Asked(Asked::Pin)));
        let en = pin_ended.localize_in(Lang::En);
        let ko = pin_ended.localize_in(Lang::Ko);
        assert_ne!(en, ko);
        assert!(ko.contains(&catalogue::text(Lang::Ko, "cli-prompt-pin", None).replace(':', "")));
        assert_eq!(
            CliError::NoPin.localize_in(Lang::Ko),
            catalogue::text(Lang::Ko, "cli-no-pin", None)
        );
    }

    #[test]
    fn a_picture_on_standard_input_is_not_named_as_a_file_called_dash() {
        for lang in Lang::ALL {
            let stdin = Usage::QrNotALink {
                picture: PathBuf::from("-"),
            }
            .localize_in(lang);
            let file = Usage::QrNotALink {
                picture: PathBuf::from("shot.png"),
            }
            .localize_in(lang);
            assert!(
                !stdin.contains(" - ") && !stdin.contains("shot.png"),
                "{stdin}"
            );
            assert!(file.contains("shot.png"), "{file}");
        }
    }

    #[test]
    fn io_failures_say_what_was_done_and_why_in_the_language() {
        let error = CliError::Io {
            what: IoAction::ReadPinFile(PathBuf::from("/nonexistent/pin")),
            source: std::io::Error::from(std::io::ErrorKind::NotFound),
        };
        for lang in Lang::ALL {
            let text = error.localize_in(lang);
            assert!(text.contains("/nonexistent/pin"), "{text}");
            assert!(
                text.contains(&catalogue::text(lang, "common-os-not-found", None)),
                "{text}"
            );
        }
    }
}
