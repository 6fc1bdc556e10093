//! `otp approve` and `otp deny`: answer the login requests otpd holds for the
//! accounts enrolled with a device key, with number matching.
//!
//! When a session agent serves the vault (and `--no-agent` is not given), the
//! requests are the ones the agent's pollers hold, waited for while `--wait`
//! lasts (the agent answers as soon as they change), and the agent signs the answer
//! with the device key it holds: no PIN, no key leaves it. Otherwise the vault is
//! opened with the PIN and this process polls otpd and signs itself. Either way
//! the person reads and types the same, and the errors have the same exit codes.
//! Polling, answering and reading the person's choice are
//! [`crate::enroll::push`]'s; this file asks and says.

use std::path::PathBuf;

use clap::Args;

use super::error::CliError;
use super::session::Session;
use crate::api::push::MAX_WAIT_SECS;
#[cfg(feature = "enroll")]
use imp::{approve_any, deny_any};

/// How long `otp approve --wait` waits before asking the agent again when it
/// answered early without news (it had no room for another wait).
#[cfg(feature = "enroll")]
const AGENT_ASK_INTERVAL: std::time::Duration = std::time::Duration::from_millis(300);

/// Arguments of `otp approve`.
#[derive(Debug, Args)]
pub struct ApproveArgs {
    /// Only this account's requests: its name, issuer:name, or a unique part (any case)
    #[arg(add = clap_complete::ArgValueCandidates::new(super::completions::account_labels))]
    pub account: Option<String>,
    /// Seconds to wait for a request when none is waiting (0 to 30; 0 only looks)
    #[arg(long, value_name = "SECONDS", default_value_t = 0,
          value_parser = clap::value_parser!(u64).range(0..=MAX_WAIT_SECS))]
    pub wait: u64,
    /// Trust this PEM certificate authority for the server (a private CA) instead of the public ones
    #[arg(long, value_name = "PATH")]
    pub ca_cert: Option<PathBuf>,
}

/// Arguments of `otp deny`.
#[derive(Debug, Args)]
pub struct DenyArgs {
    /// The request to deny, as `otp approve` shows it [default: every request waiting]
    // Request ids are base64url, so one in 64 starts with `-`: it must still be
    // taken as the id, not as an unknown flag.
    #[arg(allow_hyphen_values = true)]
    pub request_id: Option<String>,
    /// Trust this PEM certificate authority for the server (a private CA) instead of the public ones
    #[arg(long, value_name = "PATH")]
    pub ca_cert: Option<PathBuf>,
}

/// Runs `otp approve`.
pub fn approve(session: &mut Session, args: &ApproveArgs) -> Result<(), CliError> {
    #[cfg(feature = "enroll")]
    return approve_any(session, args);
    #[cfg(not(feature = "enroll"))]
    {
        let _ = (session, args);
        Err(CliError::Usage(super::error::Usage::NoEnrollFeature))
    }
}

/// Runs `otp deny`.
pub fn deny(session: &mut Session, args: &DenyArgs) -> Result<(), CliError> {
    #[cfg(feature = "enroll")]
    return deny_any(session, args);
    #[cfg(not(feature = "enroll"))]
    {
        let _ = (session, args);
        Err(CliError::Usage(super::error::Usage::NoEnrollFeature))
    }
}

#[cfg(feature = "enroll")]
mod imp {
    use std::path::Path;
    use std::sync::Arc;

    use super::super::error::{CliError, Usage};
    use super::super::session::Session;
    use super::{ApproveArgs, DenyArgs};
    use crate::api::push::{Decision, PendingPush, PushState};
    use crate::enroll::push::{self, Choice, Device, Found, Gathered, PushClient, plain_text};
    use crate::t;

    /// `otp approve`: through the agent serving the vault, or with the PIN (also
    /// when `--ca-cert` is given: the agent's pollers use the CA of each link).
    pub(super) fn approve_any(session: &mut Session, args: &ApproveArgs) -> Result<(), CliError> {
        #[cfg(unix)]
        if args.ca_cert.is_none()
            && let Some((client, pushes)) = agent::find(session)?
        {
            return agent::approve(session, &client, pushes, args);
        }
        approve_with_pin(session, args)
    }

    /// `otp deny`: through the agent serving the vault, or with the PIN (also
    /// when `--ca-cert` is given).
    pub(super) fn deny_any(session: &mut Session, args: &DenyArgs) -> Result<(), CliError> {
        #[cfg(unix)]
        if args.ca_cert.is_none()
            && let Some((client, pushes)) = agent::find(session)?
        {
            return agent::deny(&client, pushes, args);
        }
        deny_with_pin(session, args)
    }

    /// The clock for polls: Unix seconds (0 if the clock is before 1970, which otpd
    /// then refuses as skewed).
    fn clock() -> u64 {
        crate::clock::unix_now().unwrap_or(0)
    }

    /// The accounts that answer approvals (only `account`'s when named), each with
    /// its key from the vault, opened with the PIN.
    fn devices(session: &mut Session, account: Option<&str>) -> Result<Vec<Arc<Device>>, CliError> {
        let pin = session.unlock_pin()?;
        let store = session.load(&pin)?;
        let devices: Vec<Arc<Device>> = match account {
            Some(query) => {
                let index = store.find(query)?;
                let label = store.get(index).map(|a| a.label()).unwrap_or_default();
                let Some(link) = store.push_link(index) else {
                    return Err(CliError::Usage(Usage::NoPushLink { label }));
                };
                vec![Arc::new(Device::with_key(label, link.clone()))]
            }
            None => store
                .push_links()
                .map(|(_, account, link)| Arc::new(Device::with_key(account.label(), link.clone())))
                .collect(),
        };
        if devices.is_empty() {
            return Err(CliError::Usage(Usage::NoPushAccounts));
        }
        Ok(devices)
    }

    /// The requests found; when there are none, the first failed poll's error, or
    /// [`CliError::NoPushPending`]. Failed polls beside found requests are warned about.
    fn requests(gathered: Gathered) -> Result<Vec<Found>, CliError> {
        let Gathered { found, failures } = gathered;
        let mut failures = failures.into_iter();
        if found.is_empty() {
            return match failures.next() {
                Some((_, error)) => Err(error.into()),
                None => Err(CliError::NoPushPending),
            };
        }
        for (device, error) in failures {
            super::super::input::print_warning(&t!(
                "enroll-push-poll-failed",
                label = device.label.as_str(),
                error = crate::i18n::Localize::localize(&CliError::from(error))
            ));
        }
        Ok(found)
    }

    /// `otp approve` with the keys of the vault opened by the PIN.
    fn approve_with_pin(session: &mut Session, args: &ApproveArgs) -> Result<(), CliError> {
        let devices = devices(session, args.account.as_deref())?;
        if args.wait > 0 {
            eprintln!("{}", t!("enroll-push-waiting", seconds = args.wait));
        }
        let found = requests(push::gather(
            &devices,
            args.ca_cert.as_deref(),
            clock,
            args.wait,
        ))?;
        for found in &found {
            answer_one(session, found, args.ca_cert.as_deref())?;
        }
        Ok(())
    }

    /// Shows one request, asks for the number and sends the answer.
    fn answer_one(
        session: &mut Session,
        found: &Found,
        ca_cert: Option<&Path>,
    ) -> Result<(), CliError> {
        let request = &found.request;
        let choice = ask(session, &found.device.label, request)?;
        let (decision, number) = decision(&choice);
        let device = &found.device;
        let state = PushClient::for_link(&device.link, ca_cert)?.answer(
            &device.link.serial,
            device.signer.as_ref(),
            &request.request_id,
            decision,
            number,
        )?;
        say_outcome(state, request);
        Ok(())
    }

    /// Shows one request and asks which number the login page shows (or "not me").
    fn ask(session: &mut Session, label: &str, request: &PendingPush) -> Result<Choice, CliError> {
        eprintln!("{}", describe(label, request));
        loop {
            let typed = session.input.line(
                &format!("{} ", t!("enroll-push-prompt")),
                &t!("enroll-push-what-choice"),
            )?;
            match push::parse_choice(&typed, &request.numbers) {
                Some(choice) => return Ok(choice),
                None => eprintln!("{}", t!("enroll-push-choice-again")),
            }
        }
    }

    /// The answer a choice makes: approve with the number, or deny.
    fn decision(choice: &Choice) -> (Decision, Option<&str>) {
        match choice {
            Choice::Number(number) => (Decision::Approve, Some(number.as_str())),
            Choice::Deny => (Decision::Deny, None),
        }
    }

    /// One request as the person reads it: the account, the context (untrusted text,
    /// made plain), the seconds left and the three numbers.
    fn describe(label: &str, request: &PendingPush) -> String {
        let unknown = || t!("enroll-push-unknown");
        let text =
            |value: &Option<String>| value.as_deref().map(plain_text).unwrap_or_else(unknown);
        let numbers: Vec<String> = request
            .numbers
            .iter()
            .enumerate()
            .map(|(i, n)| format!("[{}] {}", i + 1, plain_text(n)))
            .collect();
        t!(
            "enroll-push-request",
            label = plain_text(label),
            user = plain_text(&request.user_id),
            service = text(&request.context.service),
            address = text(&request.context.client_ip),
            text = text(&request.context.text),
            seconds = request.expires_in,
            id = plain_text(&request.request_id),
            numbers = numbers.join("   ")
        )
    }

    fn say_outcome(state: PushState, request: &PendingPush) {
        let service = request
            .context
            .service
            .as_deref()
            .map(plain_text)
            .unwrap_or_default();
        eprintln!(
            "{}",
            t!(
                "enroll-push-outcome",
                state = state.as_str(),
                service = service.as_str()
            )
        );
    }

    /// `otp deny` with the keys of the vault opened by the PIN: denies ("not me") the
    /// request named, or every request waiting.
    fn deny_with_pin(session: &mut Session, args: &DenyArgs) -> Result<(), CliError> {
        let devices = devices(session, None)?;
        let mut found = requests(push::gather(&devices, args.ca_cert.as_deref(), clock, 0))?;
        if let Some(id) = &args.request_id {
            found.retain(|f| f.request.request_id == id.trim());
            if found.is_empty() {
                return Err(CliError::NoPushPending);
            }
        }
        for found in &found {
            eprintln!("{}", describe(&found.device.label, &found.request));
            let device = &found.device;
            let state = PushClient::for_link(&device.link, args.ca_cert.as_deref())?.answer(
                &device.link.serial,
                device.signer.as_ref(),
                &found.request.request_id,
                Decision::Deny,
                None,
            )?;
            say_outcome(state, &found.request);
        }
        Ok(())
    }

    /// The same through the session agent: it holds the requests its pollers saw
    /// and the device keys, and signs; nothing here sees a key.
    #[cfg(unix)]
    mod agent {
        use std::time::Instant;

        use super::super::super::error::{CliError, Usage};
        use super::super::super::session::Session;
        use super::super::{AGENT_ASK_INTERVAL, ApproveArgs, DenyArgs};
        use super::{ask, decision, describe, say_outcome};
        use crate::agent::AgentError;
        use crate::agent::client::Client;
        use crate::agent::protocol::{
            Failure, MAX_PUSH_WAIT, PushFailure, PushInfo, Request, Response,
        };
        use crate::api::push::{Decision, PendingPush};
        use crate::t;

        /// The agent serving the vault with the requests it holds, when one does
        /// (and `--no-agent` was not given); `None`: use the PIN (an agent that
        /// exists but cannot be used is warned about, as for `otp code`).
        pub(super) fn find(session: &Session) -> Result<Option<(Client, Vec<PushInfo>)>, CliError> {
            let pushes = match session.ask_agent(Request::PushList)? {
                Some(Response::Pushes { pushes }) => pushes,
                Some(_) => return Err(CliError::UnexpectedAnswer),
                None => return Ok(None),
            };
            Ok(Client::for_vault(session.vault.path())?.map(|client| (client, pushes)))
        }

        /// The labels of the accounts that answer login requests (only `account`'s
        /// when named), with the errors of the PIN path: no such account, one
        /// without a link, none with a link.
        fn labels(client: &Client, account: Option<&str>) -> Result<Vec<String>, CliError> {
            let accounts = client.list()?;
            let labels: Vec<String> = match account {
                Some(query) => {
                    let names: Vec<(&str, &str)> = accounts
                        .iter()
                        .map(|a| (a.label.as_str(), a.name.as_str()))
                        .collect();
                    let found = &accounts[crate::accounts::find_by_name(&names, query)?];
                    if !found.push {
                        return Err(CliError::Usage(Usage::NoPushLink {
                            label: found.label.clone(),
                        }));
                    }
                    vec![found.label.clone()]
                }
                None => accounts
                    .into_iter()
                    .filter(|a| a.push)
                    .map(|a| a.label)
                    .collect(),
            };
            if labels.is_empty() {
                return Err(CliError::Usage(Usage::NoPushAccounts));
            }
            Ok(labels)
        }

        /// A request as the agent lists it, in the shape otpd sends it.
        fn pending(info: &PushInfo) -> PendingPush {
            PendingPush {
                request_id: info.request_id.clone(),
                user_id: info.user_id.clone(),
                context: info.context.clone(),
                numbers: info.numbers.clone(),
                expires_in: info.expires_in,
            }
        }

        /// What the agent's refusal to answer means here, said as the PIN path
        /// says it: otpd's refusal with its code, nothing waiting, no key.
        fn failed(error: AgentError, label: &str) -> CliError {
            match error {
                AgentError::Refused(Failure::Push(failure)) => match failure {
                    PushFailure::Refused { code } => CliError::Push(
                        crate::enroll::PushError::Request(crate::enroll::EnrollError::Server(code)),
                    ),
                    PushFailure::UnknownRequest => CliError::NoPushPending,
                    PushFailure::NoKey => CliError::Usage(Usage::NoPushLink {
                        label: label.to_owned(),
                    }),
                    PushFailure::Unsupported => CliError::Usage(Usage::NoEnrollFeature),
                    other @ PushFailure::Unreachable { .. } => CliError::AgentPush(other),
                },
                other => other.into(),
            }
        }

        /// `otp approve` through the agent: the requests it holds for `labels`,
        /// asking again until one comes or `--wait` is over.
        pub(super) fn approve(
            session: &mut Session,
            client: &Client,
            pushes: Vec<PushInfo>,
            args: &ApproveArgs,
        ) -> Result<(), CliError> {
            let labels = labels(client, args.account.as_deref())?;
            let mine = |pushes: Vec<PushInfo>| -> Vec<PushInfo> {
                pushes
                    .into_iter()
                    .filter(|p| labels.contains(&p.account))
                    .collect()
            };
            if args.wait > 0 {
                eprintln!("{}", t!("enroll-push-waiting", seconds = args.wait));
            }
            let mut known: Vec<String> = pushes.iter().map(|p| p.request_id.clone()).collect();
            let mut found = mine(pushes);
            let deadline = Instant::now() + std::time::Duration::from_secs(args.wait);
            while found.is_empty() && Instant::now() < deadline {
                let wait = deadline.saturating_duration_since(Instant::now());
                let asked = Instant::now();
                let pushes = client.push_wait(&known, wait)?;
                let ids: Vec<String> = pushes.iter().map(|p| p.request_id.clone()).collect();
                if ids == known && asked.elapsed() < wait.min(MAX_PUSH_WAIT) / 2 {
                    std::thread::sleep(
                        AGENT_ASK_INTERVAL.min(deadline.saturating_duration_since(Instant::now())),
                    );
                }
                known = ids;
                found = mine(pushes);
            }
            if found.is_empty() {
                return Err(CliError::NoPushPending);
            }
            for info in &found {
                let request = pending(info);
                let choice = ask(session, &info.account, &request)?;
                let (decision, number) = decision(&choice);
                let state = client
                    .answer_push(&info.request_id, decision, number)
                    .map_err(|e| failed(e, &info.account))?;
                say_outcome(state, &request);
            }
            Ok(())
        }

        /// `otp deny` through the agent: denies the request named, or every
        /// request it holds.
        pub(super) fn deny(
            client: &Client,
            pushes: Vec<PushInfo>,
            args: &DenyArgs,
        ) -> Result<(), CliError> {
            let labels = labels(client, None)?;
            let found: Vec<PushInfo> = pushes
                .into_iter()
                .filter(|p| labels.contains(&p.account))
                .filter(|p| {
                    args.request_id
                        .as_deref()
                        .is_none_or(|id| p.request_id == id.trim())
                })
                .collect();
            if found.is_empty() {
                return Err(CliError::NoPushPending);
            }
            for info in &found {
                let request = pending(info);
                eprintln!("{}", describe(&info.account, &request));
                let state = client
                    .answer_push(&info.request_id, Decision::Deny, None)
                    .map_err(|e| failed(e, &info.account))?;
                say_outcome(state, &request);
            }
            Ok(())
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use crate::api::push::PushContext;
        use crate::i18n::{Lang, set_thread};

        fn request() -> PendingPush {
            PendingPush {
                request_id: "AAAAAAAAAAAAAAAAAAAAAA".into(),
                user_id: "jklee".into(),
                context: PushContext {
                    service: Some("Hana \u{1b}[2Jportal".into()),
                    client_ip: Some("203.0.113.7".into()),
                    text: None,
                },
                numbers: vec!["47".into(), "12".into(), "90".into()],
                expires_in: 42,
            }
        }

        #[test]
        fn a_request_is_described_in_both_languages_as_plain_text() {
            for (lang, words) in [
                (
                    Lang::En,
                    ["Login request", "expires in 42 s", "(not given)"],
                ),
                (Lang::Ko, ["인증요청", "42초 뒤 만료", "(없음)"]),
            ] {
                set_thread(Some(lang));
                let text = describe("Hana:jklee", &request());
                for word in words {
                    assert!(text.contains(word), "{lang:?}: {text}");
                }
                assert!(text.contains("[1] 47   [2] 12   [3] 90"), "{text}");
                assert!(text.contains("Hana \u{fffd}[2Jportal"), "{text}");
                assert!(!text.contains('\u{1b}'), "{text}");
                assert!(!crate::t!("enroll-push-prompt").is_empty());
            }
            set_thread(None);
        }
    }
}
