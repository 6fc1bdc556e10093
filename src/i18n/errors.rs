//! Sentences for the errors of the lower layers: the vault, the agent, the config
//! file, links, secrets, accounts, the clipboard and the code parameters.
//!
//! Each type's variants carry values (paths, counts, labels, typed reasons); here
//! they become one whole message of `err.ftl` per case, in the language asked for.
//! A wrapped error is said by its own `localize_in`. Plurals are Fluent's.

use super::{Lang, Localize, technical};
use crate::accounts::{AccountError, CodeError, MatchError};
use crate::age_scrypt::{Damage, EncryptError, MAX_WORK_FACTOR, MIN_WORK_FACTOR, OpenError};
use crate::agent::protocol::{BadRequest, Failure, Gone, Trouble};
use crate::agent::{
    AgentError, IoAction as AgentIo, LifetimeError, ProtocolProblem, UnsafeProblem,
};
use crate::clipboard::{ClipboardError, SystemClipboard};
use crate::clock::ClockError;
use crate::code::ParamError;
use crate::config::{ConfigError, DefaultFile};
use crate::otpauth::{UriError, UriPart, UriWarning};
use crate::random::RandomError;
use crate::secret::{Base32Hint, SecretError};
use crate::t_in;
use crate::vault::payload::{PAYLOAD_VERSION, PayloadError, RecordProblem};
use crate::vault::{
    DamageReason, DurationUnit, HumanDuration, IoAction as VaultIo, PinError, VaultError,
};

fn path(path: &std::path::Path) -> String {
    path.display().to_string()
}

impl Localize for HumanDuration {
    fn localize_in(&self, lang: Lang) -> String {
        let (count, unit) = self.parts();
        let unit = match unit {
            DurationUnit::Seconds => "seconds",
            DurationUnit::Minutes => "minutes",
            DurationUnit::Hours => "hours",
        };
        t_in!(lang, "err-duration", count = count, unit = unit)
    }
}

impl Localize for DamageReason {
    fn localize_in(&self, lang: Lang) -> String {
        match self {
            DamageReason::Empty => t_in!(lang, "err-damage-empty"),
            DamageReason::Truncated => t_in!(lang, "err-damage-truncated"),
            DamageReason::NotAnAgeFile => t_in!(lang, "err-damage-not-age"),
            DamageReason::UnknownVersion => t_in!(lang, "err-damage-unknown-version"),
            DamageReason::NotPinLocked => t_in!(lang, "err-damage-not-pin-locked"),
            DamageReason::HeaderDamaged => t_in!(lang, "err-damage-header"),
            DamageReason::PayloadDamaged => t_in!(lang, "err-damage-payload"),
            DamageReason::TooLarge => t_in!(lang, "err-damage-too-large"),
        }
    }
}

fn vault_action(action: VaultIo) -> &'static str {
    match action {
        VaultIo::CreateDirectory => "create-directory",
        VaultIo::OpenVault => "open-vault",
        VaultIo::ReadVault => "read-vault",
        VaultIo::WriteVault => "write-vault",
        VaultIo::CreateTemporary => "create-temporary",
        VaultIo::WriteTemporary => "write-temporary",
        VaultIo::FlushDirectory => "flush-directory",
        VaultIo::Replace => "replace",
        VaultIo::Create => "create",
        VaultIo::ReplaceVault => "replace-vault",
        VaultIo::Lock => "lock",
        VaultIo::OpenLockFile => "open-lock-file",
        VaultIo::WriteAttempts => "write-attempts",
    }
}

impl Localize for VaultError {
    fn localize_in(&self, lang: Lang) -> String {
        match self {
            VaultError::NotFound { path: p } => t_in!(lang, "err-vault-not-found", path = path(p)),
            VaultError::AlreadyExists { path: p } => {
                t_in!(lang, "err-vault-already-exists", path = path(p))
            }
            VaultError::BackupExists { backup } => {
                t_in!(lang, "err-vault-backup-exists", backup = path(backup))
            }
            VaultError::WrongPin { attempts_left } => {
                t_in!(lang, "err-vault-wrong-pin", count = *attempts_left)
            }
            VaultError::LockedOut { retry_after_secs } => t_in!(
                lang,
                "err-vault-locked-out",
                wait = HumanDuration(*retry_after_secs).localize_in(lang)
            ),
            VaultError::Damaged {
                path: p,
                reason,
                backup: Some(backup),
            } => t_in!(
                lang,
                "err-vault-damaged-with-backup",
                path = path(p),
                reason = reason.localize_in(lang),
                backup = path(backup)
            ),
            VaultError::Damaged {
                path: p,
                reason,
                backup: None,
            } => t_in!(
                lang,
                "err-vault-damaged-no-backup",
                path = path(p),
                reason = reason.localize_in(lang)
            ),
            VaultError::Unreadable { path: p, source } => t_in!(
                lang,
                "err-vault-unreadable",
                kind = match source.kind() {
                    std::io::ErrorKind::PermissionDenied => "permission",
                    std::io::ErrorKind::IsADirectory => "directory",
                    _ => "other",
                },
                path = path(p),
                detail = super::io_reason(source, lang)
            ),
            VaultError::DamagedBackupOpens { path: p, backup } => t_in!(
                lang,
                "err-vault-damaged-backup-opens",
                path = path(p),
                backup = path(backup)
            ),
            VaultError::AttemptsNotRecorded { path: p, source } => t_in!(
                lang,
                "err-vault-attempts-not-recorded",
                path = path(p),
                detail = super::io_reason(source, lang)
            ),
            VaultError::ExcessiveWork { required, max } => t_in!(
                lang,
                "err-vault-excessive-work",
                required = *required,
                max = *max
            ),
            VaultError::WorkFactorOutOfRange { given, min, max } => t_in!(
                lang,
                "err-vault-work-factor-range",
                given = *given,
                min = *min,
                max = *max
            ),
            VaultError::WeakPin(error) => error.localize_in(lang),
            VaultError::EncryptionFailed => t_in!(lang, "err-vault-encryption-failed"),
            VaultError::Io {
                action,
                path: p,
                source,
            } => t_in!(
                lang,
                "err-vault-io",
                action = vault_action(*action),
                path = path(p),
                detail = super::io_reason(source, lang)
            ),
        }
    }
}

impl Localize for PinError {
    fn localize_in(&self, lang: Lang) -> String {
        match self {
            PinError::NotSixDigits => t_in!(lang, "err-pin-not-six-digits"),
            PinError::RepeatedDigit => t_in!(lang, "err-pin-repeated-digit"),
            PinError::StraightRun => t_in!(lang, "err-pin-straight-run"),
        }
    }
}

impl Localize for PayloadError {
    fn localize_in(&self, lang: Lang) -> String {
        match self {
            PayloadError::TooNew { found } => t_in!(
                lang,
                "err-payload-too-new",
                found = *found,
                supported = PAYLOAD_VERSION
            ),
            PayloadError::Invalid(detail) => {
                t_in!(
                    lang,
                    "err-payload-invalid",
                    detail = technical(detail, lang)
                )
            }
            PayloadError::NotUtf8 => t_in!(lang, "err-payload-not-utf8"),
            PayloadError::BadAccount { name, problem } => t_in!(
                lang,
                "err-payload-bad-account",
                name = name.as_str(),
                reason = problem.localize_in(lang)
            ),
        }
    }
}

impl Localize for RecordProblem {
    fn localize_in(&self, lang: Lang) -> String {
        match self {
            RecordProblem::Param(error) => error.localize_in(lang),
            RecordProblem::Type { kind } => {
                t_in!(lang, "err-payload-bad-type", kind = kind.as_str())
            }
            RecordProblem::SteamParams => t_in!(lang, "err-payload-steam-params"),
            RecordProblem::PushLink => t_in!(lang, "err-payload-push-link"),
        }
    }
}

impl Localize for AccountError {
    fn localize_in(&self, lang: Lang) -> String {
        match self {
            AccountError::TooMany { count, limit } => {
                t_in!(lang, "err-account-too-many", count = *count, limit = *limit)
            }
            AccountError::Duplicate { label } => {
                t_in!(lang, "err-account-duplicate", label = label.as_str())
            }
            AccountError::BadName(name) => {
                t_in!(lang, "err-account-bad-name", name = name.as_str())
            }
        }
    }
}

impl Localize for CodeError {
    fn localize_in(&self, lang: Lang) -> String {
        match self {
            CodeError::HotpNoTime => t_in!(lang, "err-code-hotp-no-time"),
            CodeError::CounterMax => t_in!(lang, "err-code-counter-max"),
        }
    }
}

impl Localize for MatchError {
    fn localize_in(&self, lang: Lang) -> String {
        match self {
            MatchError::NotFound { query, candidates } if candidates.is_empty() => {
                t_in!(lang, "err-match-not-found-empty", query = query.as_str())
            }
            MatchError::NotFound { query, candidates } => t_in!(
                lang,
                "err-match-not-found",
                query = query.as_str(),
                candidates = candidates.join(", ")
            ),
            MatchError::Ambiguous { query, candidates } => t_in!(
                lang,
                "err-match-ambiguous",
                query = query.as_str(),
                candidates = candidates.join(", ")
            ),
        }
    }
}

impl Localize for Base32Hint {
    fn localize_in(&self, lang: Lang) -> String {
        match self {
            Base32Hint::ZeroIsO => t_in!(lang, "err-secret-hint-zero"),
            Base32Hint::OneIsIOrL => t_in!(lang, "err-secret-hint-one"),
            Base32Hint::EightIsB => t_in!(lang, "err-secret-hint-eight"),
            Base32Hint::NoNine => t_in!(lang, "err-secret-hint-nine"),
            Base32Hint::Alphabet => t_in!(lang, "err-secret-hint-alphabet"),
        }
    }
}

impl Localize for SecretError {
    fn localize_in(&self, lang: Lang) -> String {
        match self {
            SecretError::Empty => t_in!(lang, "err-secret-empty"),
            SecretError::InvalidCharacter {
                character,
                position,
                hint,
            } => t_in!(
                lang,
                "err-secret-invalid-character",
                character = character.escape_debug().to_string(),
                position = *position,
                hint = hint.localize_in(lang)
            ),
            SecretError::AfterPadding {
                character,
                position,
            } => t_in!(
                lang,
                "err-secret-after-padding",
                character = character.escape_debug().to_string(),
                position = *position
            ),
            SecretError::BadLength { length } => {
                t_in!(lang, "err-secret-bad-length", length = *length)
            }
        }
    }
}

impl Localize for ParamError {
    fn localize_in(&self, lang: Lang) -> String {
        match self {
            ParamError::UnknownAlgorithm(value) => {
                t_in!(lang, "err-param-algorithm", value = value.as_str())
            }
            ParamError::Digits(value) => t_in!(lang, "err-param-digits", value = value.as_str()),
            ParamError::Period(value) => t_in!(lang, "err-param-period", value = value.as_str()),
            ParamError::Counter(value) => {
                t_in!(lang, "err-param-counter", value = value.as_str())
            }
        }
    }
}

impl Localize for UriPart {
    fn localize_in(&self, lang: Lang) -> String {
        let parameter = |name: &str| t_in!(lang, "err-uri-part-parameter", name = name);
        match self {
            UriPart::Label => t_in!(lang, "err-uri-part-label"),
            UriPart::ParameterName => t_in!(lang, "err-uri-part-parameter-name"),
            UriPart::Secret => parameter("secret"),
            UriPart::Issuer => parameter("issuer"),
            UriPart::Algorithm => parameter("algorithm"),
            UriPart::Digits => parameter("digits"),
            UriPart::Period => parameter("period"),
            UriPart::Counter => parameter("counter"),
        }
    }
}

impl Localize for UriError {
    fn localize_in(&self, lang: Lang) -> String {
        match self {
            UriError::NotOtpauth => t_in!(lang, "err-uri-not-otpauth"),
            UriError::MigrationExport => t_in!(lang, "err-uri-migration-export"),
            UriError::MissingType => t_in!(lang, "err-uri-missing-type"),
            UriError::UnknownType(kind) => {
                t_in!(lang, "err-uri-unknown-type", kind = kind.as_str())
            }
            UriError::Fragment => t_in!(lang, "err-uri-fragment"),
            UriError::MissingLabel => t_in!(lang, "err-uri-missing-label"),
            UriError::EmptyAccount => t_in!(lang, "err-uri-empty-account"),
            UriError::BadPercentEncoding { what } => {
                t_in!(lang, "err-uri-bad-percent", part = what.localize_in(lang))
            }
            UriError::InvalidUtf8 { what } => {
                t_in!(lang, "err-uri-invalid-utf8", part = what.localize_in(lang))
            }
            UriError::ControlCharacter { what } => t_in!(
                lang,
                "err-uri-control-character",
                part = what.localize_in(lang)
            ),
            UriError::MissingSecret => t_in!(lang, "err-uri-missing-secret"),
            UriError::EmptyParam { name } => t_in!(lang, "err-uri-empty-param", name = *name),
            UriError::DuplicateParam(name) => {
                t_in!(lang, "err-uri-duplicate-param", name = name.as_str())
            }
            UriError::Secret(error) => {
                t_in!(lang, "err-uri-secret", reason = error.localize_in(lang))
            }
            UriError::Param { name, source } => t_in!(
                lang,
                "err-uri-param",
                name = *name,
                reason = source.localize_in(lang)
            ),
            UriError::SteamParam { name } => t_in!(lang, "err-uri-steam-param", name = *name),
            UriError::MissingCounter => t_in!(lang, "err-uri-missing-counter"),
        }
    }
}

impl Localize for UriWarning {
    fn localize_in(&self, lang: Lang) -> String {
        match self {
            UriWarning::IssuerMismatch { label, parameter } => t_in!(
                lang,
                "err-uri-warning-issuer-mismatch",
                label = label.as_str(),
                parameter = parameter.as_str()
            ),
            UriWarning::CounterIgnored => t_in!(lang, "err-uri-warning-counter-ignored"),
            UriWarning::PeriodIgnored => t_in!(lang, "err-uri-warning-period-ignored"),
        }
    }
}

fn agent_action(action: AgentIo) -> &'static str {
    match action {
        AgentIo::FindVault => "find-vault",
        AgentIo::InspectDirectory => "inspect-directory",
        AgentIo::CreateDirectory => "create-directory",
        AgentIo::InspectSocket => "inspect-socket",
        AgentIo::Listen => "listen",
        AgentIo::SetUpSocket => "set-up-socket",
        AgentIo::FindSocket => "find-socket",
        AgentIo::Connect => "connect",
        AgentIo::SetTimeout => "set-timeout",
        AgentIo::Write => "write",
        AgentIo::ReadAnswer => "read-answer",
        AgentIo::IdentifyAgent => "identify-agent",
        AgentIo::FindProgram => "find-program",
        AgentIo::StartAgent => "start-agent",
    }
}

fn unsafe_sentence(lang: Lang, p: &std::path::Path, problem: UnsafeProblem) -> String {
    let p = path(p);
    let mode = |mode: u32| format!("{mode:04o}");
    match problem {
        UnsafeProblem::NotADirectory => t_in!(lang, "err-agent-unsafe-not-directory", path = p),
        UnsafeProblem::NotASocket => t_in!(lang, "err-agent-unsafe-not-socket", path = p),
        UnsafeProblem::DirectoryOwner { uid } => {
            t_in!(
                lang,
                "err-agent-unsafe-directory-owner",
                path = p,
                uid = uid
            )
        }
        UnsafeProblem::SocketOwner { uid } => {
            t_in!(lang, "err-agent-unsafe-socket-owner", path = p, uid = uid)
        }
        UnsafeProblem::DirectoryMode { mode: m } => t_in!(
            lang,
            "err-agent-unsafe-directory-mode",
            path = p,
            mode = mode(m)
        ),
        UnsafeProblem::SocketMode { mode: m } => t_in!(
            lang,
            "err-agent-unsafe-socket-mode",
            path = p,
            mode = mode(m)
        ),
        UnsafeProblem::PeerUser { uid } => {
            t_in!(lang, "err-agent-unsafe-peer", path = p, uid = uid)
        }
    }
}

impl Localize for ProtocolProblem {
    fn localize_in(&self, lang: Lang) -> String {
        match self {
            ProtocolProblem::TooLong => t_in!(lang, "err-agent-protocol-too-long"),
            ProtocolProblem::Unexpected { reply } => {
                t_in!(lang, "err-agent-protocol-unexpected", reply = *reply)
            }
            ProtocolProblem::Malformed { detail } => {
                t_in!(
                    lang,
                    "err-agent-protocol-malformed",
                    detail = technical(detail, lang)
                )
            }
        }
    }
}

impl Localize for Trouble {
    fn localize_in(&self, lang: Lang) -> String {
        match self {
            Trouble::Lock { detail, os_error } => {
                t_in!(
                    lang,
                    "err-agent-trouble-lock",
                    detail = agent_detail(detail, *os_error, lang)
                )
            }
            Trouble::Save { detail, os_error } => {
                t_in!(
                    lang,
                    "err-agent-trouble-save",
                    detail = agent_detail(detail, *os_error, lang)
                )
            }
            Trouble::AccountVanished => t_in!(lang, "err-agent-trouble-account-vanished"),
        }
    }
}

impl Localize for BadRequest {
    fn localize_in(&self, lang: Lang) -> String {
        match self {
            BadRequest::Version { found, expected } => t_in!(
                lang,
                "err-agent-bad-version",
                found = *found,
                expected = *expected
            ),
            BadRequest::TooLarge { max } => {
                t_in!(lang, "err-agent-request-too-large", max = *max)
            }
            BadRequest::Malformed { detail } => {
                t_in!(
                    lang,
                    "err-agent-malformed-request",
                    detail = technical(detail, lang)
                )
            }
        }
    }
}

impl Localize for Gone {
    fn localize_in(&self, lang: Lang) -> String {
        match self {
            Gone::PinChanged => t_in!(lang, "err-agent-gone-pin-changed"),
            Gone::Removed => t_in!(lang, "err-agent-gone-removed"),
            Gone::Invalid => t_in!(lang, "err-agent-gone-invalid"),
            Gone::Damaged { reason } => t_in!(
                lang,
                "err-agent-gone-damaged",
                reason = reason.localize_in(lang)
            ),
            Gone::TooNew { found } => t_in!(lang, "err-agent-gone-too-new", found = *found),
            Gone::Other { detail, os_error } => {
                t_in!(
                    lang,
                    "err-agent-gone-other",
                    detail = agent_detail(detail, *os_error, lang)
                )
            }
        }
    }
}

/// What the agent said went wrong, in `lang`: the system's error number in the
/// reader's words when the agent sent one, its own words as technical detail
/// otherwise.
fn agent_detail(detail: &str, os_error: Option<i32>, lang: Lang) -> String {
    match os_error {
        Some(code) => super::io_reason(&std::io::Error::from_raw_os_error(code), lang),
        None => technical(detail, lang),
    }
}

impl Localize for Failure {
    fn localize_in(&self, lang: Lang) -> String {
        match self {
            Failure::Match(error) => error.localize_in(lang),
            Failure::Code(error) => error.localize_in(lang),
            Failure::WrongVault => t_in!(lang, "err-agent-wrong-vault"),
            Failure::Forbidden => t_in!(lang, "err-agent-forbidden"),
            Failure::BadRequest(bad) => bad.localize_in(lang),
            Failure::Gone(gone) => gone.localize_in(lang),
            Failure::Failed(trouble) => trouble.localize_in(lang),
            Failure::NeedsPin => t_in!(lang, "err-agent-needs-pin"),
            Failure::Push(failure) => failure.localize_in(lang),
        }
    }
}

impl Localize for crate::agent::protocol::PushFailure {
    fn localize_in(&self, lang: Lang) -> String {
        use crate::agent::protocol::PushFailure;
        match self {
            PushFailure::UnknownRequest => t_in!(lang, "err-agent-push-unknown"),
            PushFailure::NoKey => t_in!(lang, "err-agent-push-no-key"),
            PushFailure::Refused { code } => t_in!(
                lang,
                "enroll-error-with-code",
                code = code.as_str(),
                sentence = code.localize_in(lang)
            ),
            PushFailure::Unreachable { detail } => {
                t_in!(
                    lang,
                    "err-agent-push-unreachable",
                    detail = technical(detail, lang)
                )
            }
            PushFailure::Unsupported => t_in!(lang, "err-agent-push-unsupported"),
        }
    }
}

impl Localize for LifetimeError {
    fn localize_in(&self, lang: Lang) -> String {
        match self {
            LifetimeError::NotADuration { text } => {
                t_in!(lang, "err-agent-lifetime-invalid", text = text.as_str())
            }
            LifetimeError::OutOfRange { text } => {
                t_in!(lang, "err-agent-lifetime-range", text = text.as_str())
            }
        }
    }
}

impl Localize for AgentError {
    fn localize_in(&self, lang: Lang) -> String {
        match self {
            AgentError::Unsupported => t_in!(lang, "err-agent-unsupported"),
            AgentError::NotRunning => t_in!(lang, "err-agent-not-running"),
            AgentError::Unsafe { path: p, problem } => unsafe_sentence(lang, p, *problem),
            AgentError::Protocol(problem) => problem.localize_in(lang),
            AgentError::Failed(trouble) => trouble.localize_in(lang),
            AgentError::Refused(failure) => failure.localize_in(lang),
            // Said by the agent process, which shares the language of `otp unlock`.
            AgentError::Startup { message, .. } => message.clone(),
            AgentError::Io {
                action,
                path: p,
                source,
            } => t_in!(
                lang,
                "err-agent-io",
                action = agent_action(*action),
                path = path(p),
                detail = super::io_reason(source, lang)
            ),
        }
    }
}

#[cfg(unix)]
impl Localize for crate::agent::server::StartError {
    fn localize_in(&self, lang: Lang) -> String {
        use crate::agent::server::StartError;
        match self {
            StartError::Vault(error) => error.localize_in(lang),
            StartError::Payload(error) => error.localize_in(lang),
            StartError::Agent(error) => error.localize_in(lang),
            StartError::Clock(error) => error.localize_in(lang),
        }
    }
}

impl Localize for ConfigError {
    fn localize_in(&self, lang: Lang) -> String {
        match self {
            ConfigError::Read { path: p, source } => t_in!(
                lang,
                "err-config-read",
                path = path(p),
                detail = super::io_reason(source, lang)
            ),
            ConfigError::Invalid { path: p, message } => t_in!(
                lang,
                "err-config-invalid",
                path = path(p),
                detail = technical(message, lang)
            ),
            ConfigError::Write { path: p, source } => t_in!(
                lang,
                "err-config-write",
                path = path(p),
                detail = super::io_reason(source, lang)
            ),
            ConfigError::NoHome(file) => {
                let file = match file {
                    DefaultFile::Config => "config",
                    DefaultFile::Vault => "vault",
                };
                t_in!(lang, "err-config-no-home", file = file)
            }
        }
    }
}

impl Localize for SystemClipboard {
    fn localize_in(&self, lang: Lang) -> String {
        match self {
            SystemClipboard::Ssh => t_in!(lang, "err-clipboard-system-ssh"),
            SystemClipboard::NoDisplay => t_in!(lang, "err-clipboard-system-no-display"),
            SystemClipboard::Failed {
                detail: Some(detail),
            } => t_in!(
                lang,
                "err-clipboard-system-failed",
                detail = technical(detail, lang)
            ),
            SystemClipboard::Failed { detail: None } => {
                t_in!(lang, "err-clipboard-system-failed-plain")
            }
        }
    }
}

impl Localize for ClipboardError {
    fn localize_in(&self, lang: Lang) -> String {
        match self {
            ClipboardError::Unavailable {
                system,
                term: Some(term),
            } => t_in!(
                lang,
                "err-clipboard-unavailable",
                system = system.localize_in(lang),
                term = term.as_str()
            ),
            ClipboardError::Unavailable { system, term: None } => t_in!(
                lang,
                "err-clipboard-unavailable-no-term",
                system = system.localize_in(lang)
            ),
            ClipboardError::Terminal(detail) => {
                t_in!(
                    lang,
                    "err-clipboard-terminal",
                    detail = technical(detail, lang)
                )
            }
            ClipboardError::TmuxDrops { set_clipboard } => t_in!(
                lang,
                "err-clipboard-tmux",
                value = technical(set_clipboard, lang)
            ),
        }
    }
}

impl Localize for ClockError {
    fn localize_in(&self, lang: Lang) -> String {
        t_in!(lang, "err-clock")
    }
}

impl Localize for RandomError {
    fn localize_in(&self, lang: Lang) -> String {
        t_in!(lang, "err-random")
    }
}

impl Localize for Damage {
    fn localize_in(&self, lang: Lang) -> String {
        match self {
            Damage::Header => t_in!(lang, "err-age-damage-header"),
            Damage::HeaderMac => t_in!(lang, "err-age-damage-header-mac"),
            Damage::UnknownVersion => t_in!(lang, "err-age-damage-unknown-version"),
            Damage::HeaderCutShort => t_in!(lang, "err-age-damage-header-cut-short"),
            Damage::Armor => t_in!(lang, "err-age-damage-armor"),
            Damage::Unreadable => t_in!(lang, "err-age-damage-unreadable"),
            Damage::PayloadCutShort => t_in!(lang, "err-age-damage-payload-cut-short"),
            Damage::Payload => t_in!(lang, "err-age-damage-payload"),
        }
    }
}

impl Localize for OpenError {
    fn localize_in(&self, lang: Lang) -> String {
        match self {
            OpenError::WrongPassphrase => t_in!(lang, "err-age-wrong-passphrase"),
            OpenError::ExcessiveWork { required, max } => t_in!(
                lang,
                "err-age-excessive-work",
                required = *required,
                max = *max
            ),
            OpenError::NotPassphraseLocked => t_in!(lang, "err-age-not-passphrase-locked"),
            OpenError::Damaged(damage) => {
                t_in!(lang, "err-age-damaged", reason = damage.localize_in(lang))
            }
        }
    }
}

impl Localize for EncryptError {
    fn localize_in(&self, lang: Lang) -> String {
        match self {
            EncryptError::WorkFactorOutOfRange { given } => t_in!(
                lang,
                "err-age-work-factor-range",
                given = *given,
                min = MIN_WORK_FACTOR,
                max = MAX_WORK_FACTOR
            ),
            EncryptError::Failed => t_in!(lang, "err-age-encrypt-failed"),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn io_error() -> std::io::Error {
        std::io::Error::other("disk on fire")
    }

    fn has_hangul(text: &str) -> bool {
        text.chars().any(|c| ('가'..='힣').contains(&c))
    }

    /// Says `value` in both languages and checks the sentences: whole (no message id
    /// left over), Korean in Hangul, and every one of `values` in both.
    fn check(what: &str, value: &dyn Localize, values: &[&str]) {
        let en = value.localize_in(Lang::En);
        let ko = value.localize_in(Lang::Ko);
        assert!(!en.trim().is_empty(), "{what}: empty English");
        for text in [&en, &ko] {
            assert!(!text.contains("err-"), "{what}: an id is left in {text:?}");
            assert!(
                !text.contains('{'),
                "{what}: a placeholder is left in {text:?}"
            );
        }
        assert!(!has_hangul(&en), "{what}: Hangul in English {en:?}");
        assert!(has_hangul(&ko), "{what}: no Hangul in Korean {ko:?}");
        for needle in values {
            assert!(en.contains(needle), "{what}: {needle:?} missing in {en:?}");
            assert!(ko.contains(needle), "{what}: {needle:?} missing in {ko:?}");
        }
    }

    const ALL_VAULT_IO: [VaultIo; 13] = [
        VaultIo::CreateDirectory,
        VaultIo::OpenVault,
        VaultIo::ReadVault,
        VaultIo::WriteVault,
        VaultIo::CreateTemporary,
        VaultIo::WriteTemporary,
        VaultIo::FlushDirectory,
        VaultIo::Replace,
        VaultIo::Create,
        VaultIo::ReplaceVault,
        VaultIo::Lock,
        VaultIo::OpenLockFile,
        VaultIo::WriteAttempts,
    ];

    const ALL_AGENT_IO: [AgentIo; 14] = [
        AgentIo::FindVault,
        AgentIo::InspectDirectory,
        AgentIo::CreateDirectory,
        AgentIo::InspectSocket,
        AgentIo::Listen,
        AgentIo::SetUpSocket,
        AgentIo::FindSocket,
        AgentIo::Connect,
        AgentIo::SetTimeout,
        AgentIo::Write,
        AgentIo::ReadAnswer,
        AgentIo::IdentifyAgent,
        AgentIo::FindProgram,
        AgentIo::StartAgent,
    ];

    const ALL_DAMAGE_REASONS: [DamageReason; 8] = [
        DamageReason::Empty,
        DamageReason::Truncated,
        DamageReason::NotAnAgeFile,
        DamageReason::UnknownVersion,
        DamageReason::NotPinLocked,
        DamageReason::HeaderDamaged,
        DamageReason::PayloadDamaged,
        DamageReason::TooLarge,
    ];

    #[test]
    fn every_vault_error_is_a_sentence_in_both_languages() {
        let vault = PathBuf::from("/v/vault.age");
        let backup = PathBuf::from("/v/vault.age.bak");
        check(
            "not found",
            &VaultError::NotFound {
                path: vault.clone(),
            },
            &["/v/vault.age", "otp init"],
        );
        check(
            "already exists",
            &VaultError::AlreadyExists {
                path: vault.clone(),
            },
            &["/v/vault.age", "--vault"],
        );
        check(
            "backup exists",
            &VaultError::BackupExists {
                backup: backup.clone(),
            },
            &["otp --vault /v/vault.age.bak list"],
        );
        for left in [0, 1, 3] {
            check(
                "wrong pin",
                &VaultError::WrongPin {
                    attempts_left: left,
                },
                &[],
            );
        }
        check(
            "wrong pin 3",
            &VaultError::WrongPin { attempts_left: 3 },
            &["3"],
        );
        check(
            "locked out",
            &VaultError::LockedOut {
                retry_after_secs: 61,
            },
            &["2"],
        );
        for reason in ALL_DAMAGE_REASONS {
            check(
                "damaged",
                &VaultError::Damaged {
                    path: vault.clone(),
                    reason,
                    backup: Some(backup.clone()),
                },
                &["/v/vault.age", "otp --vault /v/vault.age.bak list"],
            );
            check(
                "damaged, no backup",
                &VaultError::Damaged {
                    path: vault.clone(),
                    reason,
                    backup: None,
                },
                &["/v/vault.age"],
            );
            check("damage reason", &reason, &[]);
        }
        check(
            "excessive work",
            &VaultError::ExcessiveWork {
                required: 30,
                max: 22,
            },
            &["30", "22"],
        );
        check(
            "work factor range",
            &VaultError::WorkFactorOutOfRange {
                given: 9,
                min: 10,
                max: 22,
            },
            &["9", "10", "22"],
        );
        check(
            "weak pin",
            &VaultError::WeakPin(PinError::StraightRun),
            &["123456"],
        );
        check("encryption", &VaultError::EncryptionFailed, &[]);
        for action in ALL_VAULT_IO {
            check(
                "vault io",
                &VaultError::io(action, &vault, io_error()),
                &["disk on fire", "/v/vault.age"],
            );
        }
        check("pin", &PinError::NotSixDigits, &["6", "0-9"]);
        check("pin", &PinError::RepeatedDigit, &["111111"]);
        check("pin", &PinError::StraightRun, &["123456", "987654"]);
        check("too new", &PayloadError::TooNew { found: 7 }, &["7"]);
        check(
            "invalid payload",
            &PayloadError::Invalid("line 3".into()),
            &["line 3"],
        );
        check("not utf-8", &PayloadError::NotUtf8, &[]);
        check(
            "bad account",
            &PayloadError::BadAccount {
                name: "alice".into(),
                problem: RecordProblem::Type {
                    kind: "motp".into(),
                },
            },
            &["alice", "motp"],
        );
        check(
            "bad steam account",
            &PayloadError::BadAccount {
                name: "gamer".into(),
                problem: RecordProblem::SteamParams,
            },
            &["gamer", "SHA1", "5"],
        );
        check(
            "bad account param",
            &PayloadError::BadAccount {
                name: "alice".into(),
                problem: RecordProblem::Param(ParamError::Digits("9".into())),
            },
            &["alice", "9"],
        );
    }

    #[test]
    fn wrong_pins_and_waits_follow_each_language() {
        assert_eq!(
            VaultError::WrongPin { attempts_left: 3 }.localize_in(Lang::En),
            "wrong PIN; 3 attempts left before unlocking is paused"
        );
        assert_eq!(
            VaultError::WrongPin { attempts_left: 1 }.localize_in(Lang::En),
            "wrong PIN; 1 attempt left before unlocking is paused"
        );
        assert!(
            VaultError::WrongPin { attempts_left: 0 }
                .localize_in(Lang::En)
                .contains("paused for a while")
        );
        assert_eq!(
            VaultError::LockedOut {
                retry_after_secs: 61
            }
            .localize_in(Lang::En),
            "too many wrong PINs in a row; unlocking is paused, try again in 2 minutes"
        );
        assert_eq!(
            VaultError::LockedOut {
                retry_after_secs: 61
            }
            .localize_in(Lang::Ko),
            "비밀번호를 너무 여러 번 틀렸습니다. 2분 후에 다시 시도하세요."
        );
        for (secs, en, ko) in [
            (1, "1 second", "1초"),
            (30, "30 seconds", "30초"),
            (60, "1 minute", "1분"),
            (90, "2 minutes", "2분"),
            (3600, "1 hour", "1시간"),
            (3601, "2 hours", "2시간"),
        ] {
            assert_eq!(HumanDuration(secs).localize_in(Lang::En), en);
            assert_eq!(HumanDuration(secs).localize_in(Lang::Ko), ko);
        }
        // The process's language, pinned for this thread.
        crate::i18n::set_thread(Some(Lang::Ko));
        let ko = VaultError::WrongPin { attempts_left: 2 }.localize();
        crate::i18n::set_thread(Some(Lang::En));
        let en = VaultError::WrongPin { attempts_left: 2 }.localize();
        crate::i18n::set_thread(None);
        assert!(ko.starts_with("비밀번호가 틀렸습니다"), "{ko}");
        assert!(en.starts_with("wrong PIN"), "{en}");
    }

    #[test]
    fn every_account_secret_link_and_parameter_error_is_a_sentence() {
        check(
            "too many",
            &AccountError::TooMany {
                count: 200,
                limit: 200,
            },
            &["200", "max_accounts"],
        );
        check(
            "duplicate",
            &AccountError::Duplicate {
                label: "GitHub:alice".into(),
            },
            &["GitHub:alice", "--issuer"],
        );
        check("bad name", &AccountError::BadName("x\ty".into()), &["x\ty"]);
        check("hotp no time", &CodeError::HotpNoTime, &["--next", "--at"]);
        check("counter max", &CodeError::CounterMax, &["HOTP"]);
        check(
            "no match",
            &MatchError::NotFound {
                query: "gitlab".into(),
                candidates: vec!["GitHub:alice".into(), "Mail:bob".into()],
            },
            &["gitlab", "GitHub:alice, Mail:bob"],
        );
        check(
            "no match, empty",
            &MatchError::NotFound {
                query: "gitlab".into(),
                candidates: vec![],
            },
            &["gitlab", "otp add"],
        );
        check(
            "ambiguous",
            &MatchError::Ambiguous {
                query: "git".into(),
                candidates: vec!["GitHub:alice".into(), "GitLab:alice".into()],
            },
            &["git", "GitHub:alice, GitLab:alice"],
        );
        check("empty secret", &SecretError::Empty, &[]);
        for (character, clue) in [('0', "O"), ('1', "L"), ('8', "B"), ('9', "7"), ('!', "Z")] {
            check(
                "invalid character",
                &SecretError::InvalidCharacter {
                    character,
                    position: 9,
                    hint: match character {
                        '0' => Base32Hint::ZeroIsO,
                        '1' => Base32Hint::OneIsIOrL,
                        '8' => Base32Hint::EightIsB,
                        '9' => Base32Hint::NoNine,
                        _ => Base32Hint::Alphabet,
                    },
                },
                &[&character.to_string(), "9", clue],
            );
        }
        check(
            "after padding",
            &SecretError::AfterPadding {
                character: 'Q',
                position: 7,
            },
            &["Q", "7", "="],
        );
        check("bad length", &SecretError::BadLength { length: 9 }, &["9"]);
        check(
            "algorithm",
            &ParamError::UnknownAlgorithm("MD5".into()),
            &["MD5", "SHA256"],
        );
        check("digits", &ParamError::Digits("9".into()), &["9"]);
        check("period", &ParamError::Period("0".into()), &["0", "86400"]);
        check("counter", &ParamError::Counter("-1".into()), &["-1"]);
        let parts = [
            UriPart::Label,
            UriPart::ParameterName,
            UriPart::Secret,
            UriPart::Issuer,
            UriPart::Algorithm,
            UriPart::Digits,
            UriPart::Period,
            UriPart::Counter,
        ];
        for what in parts {
            check("percent", &UriError::BadPercentEncoding { what }, &["%"]);
            check("utf8", &UriError::InvalidUtf8 { what }, &["UTF-8"]);
            check("control", &UriError::ControlCharacter { what }, &[]);
        }
        check(
            "issuer part",
            &UriError::BadPercentEncoding {
                what: UriPart::Issuer,
            },
            &["issuer="],
        );
        let uri_errors = [
            (UriError::NotOtpauth, "otpauth://totp/"),
            (UriError::MigrationExport, "otpauth-migration://"),
            (UriError::MissingType, "otpauth://hotp/"),
            (UriError::UnknownType("motp".into()), "motp"),
            (UriError::Fragment, "%23"),
            (UriError::MissingLabel, "otpauth://totp/"),
            (UriError::EmptyAccount, ""),
            (UriError::MissingSecret, "secret="),
            (UriError::EmptyParam { name: "digits" }, "digits="),
            (UriError::DuplicateParam("period".into()), "period="),
            (
                UriError::Secret(SecretError::BadLength { length: 9 }),
                "secret=",
            ),
            (
                UriError::Param {
                    name: "digits",
                    source: ParamError::Digits("9".into()),
                },
                "digits=",
            ),
            (UriError::SteamParam { name: "digits" }, "digits="),
            (UriError::MissingCounter, "counter="),
        ];
        for (error, value) in uri_errors {
            check("uri", &error, &[value]);
        }
        check(
            "issuer mismatch",
            &UriWarning::IssuerMismatch {
                label: "Old".into(),
                parameter: "New".into(),
            },
            &["Old", "New"],
        );
        check(
            "counter ignored",
            &UriWarning::CounterIgnored,
            &["counter="],
        );
        check("period ignored", &UriWarning::PeriodIgnored, &["period="]);
    }

    #[test]
    fn every_agent_error_and_failure_is_a_sentence() {
        let socket = PathBuf::from("/run/otp/agent-1.sock");
        check("unsupported", &AgentError::Unsupported, &[]);
        check("not running", &AgentError::NotRunning, &["otp unlock"]);
        for (problem, values) in [
            (
                UnsafeProblem::NotADirectory,
                vec!["rm -r /run/otp/agent-1.sock"],
            ),
            (UnsafeProblem::NotASocket, vec!["rm /run/otp/agent-1.sock"]),
            (UnsafeProblem::DirectoryOwner { uid: 1234 }, vec!["1234"]),
            (UnsafeProblem::SocketOwner { uid: 1234 }, vec!["1234"]),
            (
                UnsafeProblem::DirectoryMode { mode: 0o755 },
                vec!["0755", "chmod 700"],
            ),
            (
                UnsafeProblem::SocketMode { mode: 0o666 },
                vec!["0666", "chmod 600"],
            ),
            (UnsafeProblem::PeerUser { uid: 1234 }, vec!["1234"]),
        ] {
            let mut values = values;
            values.push("/run/otp/agent-1.sock");
            check(
                "unsafe",
                &AgentError::Unsafe {
                    path: socket.clone(),
                    problem,
                },
                &values,
            );
        }
        check(
            "protocol",
            &AgentError::Protocol(ProtocolProblem::TooLong),
            &["otp lock"],
        );
        check(
            "protocol",
            &AgentError::Protocol(ProtocolProblem::Unexpected { reply: "pong" }),
            &["pong"],
        );
        check(
            "protocol",
            &AgentError::Protocol(ProtocolProblem::Malformed {
                detail: "EOF at 3".into(),
            }),
            &["EOF at 3"],
        );
        let troubles = [
            (
                Trouble::Lock {
                    detail: "busy".into(),
                    os_error: None,
                },
                "busy",
            ),
            (
                Trouble::Save {
                    detail: "disk full".into(),
                    os_error: None,
                },
                "disk full",
            ),
            (Trouble::AccountVanished, ""),
        ];
        for (trouble, value) in troubles {
            check("failed", &AgentError::Failed(trouble.clone()), &[value]);
            check("failure", &Failure::Failed(trouble), &[value]);
        }
        // The system's error number the agent sends is said in the reader's words,
        // never as the agent's English "(os error 13)".
        // (The number wins over the text, whatever the text says.)
        let denied = |os_error| Trouble::Save {
            detail: "Permission denied (os error 13)".into(),
            os_error,
        };
        for (trouble, lang, words) in [
            (denied(Some(13)), Lang::Ko, "권한이 없습니다"),
            (denied(Some(13)), Lang::En, "permission denied"),
            (denied(Some(28)), Lang::Ko, "디스크가 가득 찼습니다"),
        ] {
            let said = trouble.localize_in(lang);
            assert!(said.contains(words), "{said:?} lacks {words:?}");
            assert!(!said.contains("os error"), "{said:?}");
        }
        let gone = Gone::Other {
            detail: "No space left on device (os error 28)".into(),
            os_error: Some(28),
        }
        .localize_in(Lang::Ko);
        assert!(
            gone.contains("디스크가 가득 찼습니다") && !gone.contains("os error"),
            "{gone:?}"
        );
        let failures = [
            (
                Failure::Match(MatchError::NotFound {
                    query: "zz".into(),
                    candidates: vec!["a".into()],
                }),
                "zz",
            ),
            (Failure::Code(CodeError::HotpNoTime), "--next"),
            (Failure::WrongVault, ""),
            (Failure::Forbidden, ""),
            (
                Failure::BadRequest(BadRequest::Version {
                    found: 1,
                    expected: 2,
                }),
                "otp unlock",
            ),
            (
                Failure::BadRequest(BadRequest::TooLarge { max: 16384 }),
                "16384",
            ),
            (
                Failure::BadRequest(BadRequest::Malformed {
                    detail: "EOF".into(),
                }),
                "EOF",
            ),
            (Failure::Gone(Gone::PinChanged), ""),
            (Failure::NeedsPin, ""),
            (Failure::Gone(Gone::Removed), ""),
            (Failure::Gone(Gone::Invalid), ""),
            (Failure::Gone(Gone::TooNew { found: 9 }), "9"),
            (
                Failure::Gone(Gone::Other {
                    detail: "EIO".into(),
                    os_error: None,
                }),
                "EIO",
            ),
        ];
        for (failure, value) in failures {
            check("refused", &AgentError::Refused(failure), &[value]);
        }
        for reason in ALL_DAMAGE_REASONS {
            check("gone damaged", &Gone::Damaged { reason }, &[]);
        }
        // The agent process said it already, in the language it shares with the client.
        let startup = AgentError::Startup {
            message: "보관함이 없습니다".into(),
            exit_code: 6,
        };
        assert_eq!(startup.localize_in(Lang::En), "보관함이 없습니다");
        for action in ALL_AGENT_IO {
            check(
                "agent io",
                &AgentError::io(action, &socket, io_error()),
                &["disk on fire"],
            );
        }
        check(
            "lifetime",
            &LifetimeError::NotADuration { text: "15x".into() },
            &["15x", "1h30m"],
        );
        check(
            "lifetime",
            &LifetimeError::OutOfRange { text: "25h".into() },
            &["25h", "24"],
        );
    }

    #[cfg(unix)]
    #[test]
    fn start_errors_are_said_by_what_they_wrap() {
        use crate::agent::server::StartError;
        let error = StartError::Vault(VaultError::WrongPin { attempts_left: 2 });
        assert_eq!(
            error.localize_in(Lang::Ko),
            VaultError::WrongPin { attempts_left: 2 }.localize_in(Lang::Ko)
        );
        check("start clock", &StartError::Clock(ClockError), &["1970"]);
        check(
            "start payload",
            &StartError::Payload(PayloadError::TooNew { found: 3 }),
            &["3"],
        );
        check(
            "start agent",
            &StartError::Agent(AgentError::NotRunning),
            &["otp unlock"],
        );
    }

    #[test]
    fn config_clipboard_system_and_age_errors_are_sentences() {
        let config = PathBuf::from("/home/a/.config/otp/config.toml");
        check(
            "config read",
            &ConfigError::Read {
                path: config.clone(),
                source: io_error(),
            },
            &["/home/a/.config/otp/config.toml", "disk on fire"],
        );
        check(
            "config invalid",
            &ConfigError::Invalid {
                path: config.clone(),
                message: "unknown field `colour`".into(),
            },
            &["/home/a/.config/otp/config.toml", "unknown field `colour`"],
        );
        check(
            "config write",
            &ConfigError::Write {
                path: config,
                source: io_error(),
            },
            &["disk on fire"],
        );
        check(
            "no home",
            &ConfigError::NoHome(DefaultFile::Config),
            &["OTP_VAULT"],
        );
        check(
            "no home",
            &ConfigError::NoHome(DefaultFile::Vault),
            &["--vault"],
        );
        assert_ne!(
            ConfigError::NoHome(DefaultFile::Config).localize_in(Lang::Ko),
            ConfigError::NoHome(DefaultFile::Vault).localize_in(Lang::Ko)
        );
        for system in [
            SystemClipboard::Ssh,
            SystemClipboard::NoDisplay,
            SystemClipboard::Failed {
                detail: Some("X error 7".into()),
            },
            SystemClipboard::Failed { detail: None },
        ] {
            check(
                "clipboard",
                &ClipboardError::Unavailable {
                    system: system.clone(),
                    term: Some("dumb".into()),
                },
                &["dumb", "OSC 52"],
            );
            check(
                "clipboard, no TERM",
                &ClipboardError::Unavailable { system, term: None },
                &["TERM", "OSC 52"],
            );
        }
        check(
            "clipboard detail",
            &SystemClipboard::Failed {
                detail: Some("X error 7".into()),
            },
            &["X error 7"],
        );
        check(
            "terminal",
            &ClipboardError::Terminal("broken pipe".into()),
            &["broken pipe"],
        );
        check(
            "tmux",
            &ClipboardError::TmuxDrops {
                set_clipboard: "external".into(),
            },
            &["external", "set-clipboard on"],
        );
        check("clock", &ClockError, &["1970"]);
        check("random", &RandomError, &[]);
        check("age wrong", &OpenError::WrongPassphrase, &[]);
        check(
            "age work",
            &OpenError::ExcessiveWork {
                required: 30,
                max: 22,
            },
            &["30", "22"],
        );
        check("age key", &OpenError::NotPassphraseLocked, &["age"]);
        for damage in [
            Damage::Header,
            Damage::HeaderMac,
            Damage::UnknownVersion,
            Damage::HeaderCutShort,
            Damage::Armor,
            Damage::Unreadable,
            Damage::PayloadCutShort,
            Damage::Payload,
        ] {
            check("age damaged", &OpenError::Damaged(damage), &["age"]);
        }
        check(
            "age range",
            &EncryptError::WorkFactorOutOfRange { given: 9 },
            &["9", "10", "22"],
        );
        check("age failed", &EncryptError::Failed, &["age"]);
    }

    #[test]
    fn no_sentence_holds_a_secret() {
        // The secret parser names one character and its position, never the text.
        let error = crate::secret::SecretKey::parse_base32("JBSWY3DPEHPK3PX0")
            .err()
            .map(|e| e.localize_in(Lang::Ko))
            .unwrap_or_default();
        assert!(!error.contains("JBSWY3DP"), "{error}");
        assert!(error.contains('0'), "{error}");

        let secret = "JBSWY3DPEHPK3PXQ";
        let links = [
            format!("otpauth://totp/a?secret={secret}0"),
            format!("otpauth://totp/a?secret={secret}%ZZ"),
            format!("otpauth://totp/a?secret={secret}%FF"),
            format!("otpauth://totp/a?secret={secret}&secret={secret}"),
            format!("otpauth://totp/a?secret={secret}&digits=10"),
            format!("otpauth://totp/a?secret={secret}&algorithm=MD5"),
            format!("otpauth://hotp/a?secret={secret}"),
            format!("otpauth://motp/a?secret={secret}"),
            format!("otpauth://{secret}/x"),
            format!("otpauth://totp/a?secret={secret}#"),
            format!("otpauth://totp/a?secret={secret}A"),
        ];
        for link in &links {
            let Err(error) = crate::otpauth::parse(link) else {
                panic!("{link} was read");
            };
            for lang in Lang::ALL {
                let shown = error.localize_in(lang);
                assert!(!shown.contains("JBSWY3DP"), "{link}: {shown}");
                assert!(!shown.contains("EHPK3PX"), "{link}: {shown}");
            }
        }
    }
}
