//! `otp approve` and `otp deny`: answer the login requests otpd holds for the
//! accounts enrolled with a device key, with number matching.
//!
//! The vault is opened with the PIN (the agent will sign in its place in a later
//! step: everything after [`devices`] only needs [`Device`]s, whatever signs for
//! them). Polling, answering and reading the person's choice are
//! [`crate::enroll::push`]'s; this file asks and says.

use std::path::PathBuf;

use clap::Args;

use super::error::CliError;
use super::session::Session;
use crate::api::push::MAX_WAIT_SECS;
#[cfg(feature = "enroll")]
use imp::{approve_with_pin, deny_with_pin};

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
    pub request_id: Option<String>,
    /// Trust this PEM certificate authority for the server (a private CA) instead of the public ones
    #[arg(long, value_name = "PATH")]
    pub ca_cert: Option<PathBuf>,
}

/// Runs `otp approve`.
pub fn approve(session: &mut Session, args: &ApproveArgs) -> Result<(), CliError> {
    #[cfg(feature = "enroll")]
    return approve_with_pin(session, args);
    #[cfg(not(feature = "enroll"))]
    {
        let _ = (session, args);
        Err(CliError::Usage(super::error::Usage::NoEnrollFeature))
    }
}

/// Runs `otp deny`.
pub fn deny(session: &mut Session, args: &DenyArgs) -> Result<(), CliError> {
    #[cfg(feature = "enroll")]
    return deny_with_pin(session, args);
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
    pub(super) fn approve_with_pin(
        session: &mut Session,
        args: &ApproveArgs,
    ) -> Result<(), CliError> {
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
        eprintln!("{}", describe(&found.device.label, request));
        let choice = loop {
            let typed = session.input.line(
                &format!("{} ", t!("enroll-push-prompt")),
                &t!("enroll-push-what-choice"),
            )?;
            match push::parse_choice(&typed, &request.numbers) {
                Some(choice) => break choice,
                None => eprintln!("{}", t!("enroll-push-choice-again")),
            }
        };
        let (decision, number) = match &choice {
            Choice::Number(number) => (Decision::Approve, Some(number.as_str())),
            Choice::Deny => (Decision::Deny, None),
        };
        let device = &found.device;
        let state = PushClient::for_link(&device.link, ca_cert)?.answer(
            &device.link,
            device.signer.as_ref(),
            &request.request_id,
            decision,
            number,
        )?;
        say_outcome(state, request);
        Ok(())
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
    pub(super) fn deny_with_pin(session: &mut Session, args: &DenyArgs) -> Result<(), CliError> {
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
                &device.link,
                device.signer.as_ref(),
                &found.request.request_id,
                Decision::Deny,
                None,
            )?;
            say_outcome(state, &found.request);
        }
        Ok(())
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
