//! The push client: an enrolled device asks its otpd for login requests waiting
//! for it ([`PushClient::poll`], a signed long poll), answers one
//! ([`PushClient::answer`]: approve with the number the login page shows, or deny),
//! and gives an account enrolled before device keys its key
//! ([`PushClient::register`], proved by a current one-time code).
//!
//! The same HTTPS client as enrollment ([`EnrollClient`]: ureq and rustls, a
//! private CA with `--ca-cert` or the one the push link keeps from enrollment, plain `http://` to this machine only, CE2001 for
//! TLS failures); the server's refusals come back as [`EnrollError::Server`] with
//! their SE code (SE7002 expired, SE7003 already answered, SE7004 wrong number,
//! SE7005 pushes locked, SE7007 unknown request, SE7008 bad signature, ...).
//!
//! Signing goes through [`Signer`], so a caller that must not hold the key (the
//! agent's clients) can have it signed elsewhere; a [`DeviceKey`] signs itself.
//!
//! Front-end independent: the CLI (`otp approve`, `otp deny`, `otp push
//! register`), the full-screen interface and the agent make the same calls. What
//! the server sends about a login ([`PendingPush::context`]) is untrusted text:
//! [`plain_text`] makes it safe to print, [`parse_choice`] reads the person's
//! answer.

use std::path::Path;
use std::sync::{Arc, mpsc};
use std::time::Duration;

use crate::accounts::PushLink;
use crate::api::ErrorCode;
use crate::api::device_key::DeviceKey;
use crate::api::pake::b64;
use crate::api::push::{
    Decision, DevicePoll, DevicePollReply, MAX_WAIT_SECS, PendingPush, PushAnswer, PushAnswerReply,
    PushRegister, PushRegisterReply, PushState, valid_number, valid_request_id, valid_serial,
};

use super::client::EnrollClient;
use super::error::{ClientDetail, EnrollError};
use super::url::ServerUrl;

/// The most requests one poll's answer is read for (otpd keeps at most a few
/// pending per user; more is a misbehaving server).
pub const MAX_REQUESTS: usize = 16;

/// How long a request may take beyond the wait it asks for.
const SLACK: Duration = Duration::from_secs(15);

/// Why a push step failed.
#[derive(Debug, thiserror::Error)]
pub enum PushError {
    /// The request failed or the server refused (its SE code, CE2001, unreachable...).
    #[error(transparent)]
    Request(#[from] EnrollError),
    /// The signer could not sign (e.g. the agent was locked meanwhile); its words.
    #[error("the device key could not sign: {0}")]
    Sign(String),
}

impl PushError {
    /// The protocol code, where there is one (e.g. SE7004 for a wrong number).
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            PushError::Request(error) => error.code(),
            PushError::Sign(_) => None,
        }
    }
}

/// Signs what a device signs (`api::push::*::message`), base64url: the device key
/// itself, or something that holds it (the agent).
pub trait Signer {
    /// The Ed25519 signature of `message`, base64url.
    fn sign_message(&self, message: &[u8]) -> Result<String, PushError>;
}

impl Signer for DeviceKey {
    fn sign_message(&self, message: &[u8]) -> Result<String, PushError> {
        Ok(self.sign(message))
    }
}

impl<F> Signer for F
where
    F: Fn(&[u8]) -> Result<String, PushError>,
{
    fn sign_message(&self, message: &[u8]) -> Result<String, PushError> {
        self(message)
    }
}

/// The device key a push link holds (from the vault; zeroized on drop).
pub fn link_key(link: &PushLink) -> DeviceKey {
    DeviceKey::from_bytes(link.seed())
}

/// A request otpd sent, checked: a request id, three distinct two-digit numbers,
/// a context whose texts are made plain by [`plain_text`] before they are shown.
fn well_formed(request: &PendingPush) -> bool {
    let numbers = &request.numbers;
    valid_request_id(&request.request_id)
        && numbers.len() == 3
        && numbers.iter().all(|n| valid_number(n))
        && numbers[0] != numbers[1]
        && numbers[0] != numbers[2]
        && numbers[1] != numbers[2]
}

/// The HTTPS client for one push link's otpd.
pub struct PushClient {
    http: EnrollClient,
}

impl PushClient {
    /// A client for `server`; `ca_cert` replaces the public roots with a private CA.
    pub fn new(server: ServerUrl, ca_cert: Option<&Path>) -> Result<Self, PushError> {
        Ok(Self {
            http: EnrollClient::with_timeout(server, ca_cert, Self::timeout())?,
        })
    }

    /// A client for the otpd `link` names, checking its certificate against
    /// `ca_cert` when given (`--ca-cert`), else the private CA the link keeps
    /// ([`PushLink::ca_cert`]), else the public roots.
    pub fn for_link(link: &PushLink, ca_cert: Option<&Path>) -> Result<Self, PushError> {
        let server = ServerUrl::parse(&link.server)?;
        match (ca_cert, link.ca_cert.as_deref()) {
            (None, Some(pem)) => Ok(Self {
                http: EnrollClient::with_saved_ca(server, pem, Self::timeout())?,
            }),
            _ => Self::new(server, ca_cert),
        }
    }

    /// How long one request may take: the longest wait and some.
    fn timeout() -> Duration {
        Duration::from_secs(MAX_WAIT_SECS) + SLACK
    }

    /// The PEM text of the private CA this client trusts, if any (kept with the
    /// push link a registration makes).
    pub fn ca_pem(&self) -> Option<&str> {
        self.http.ca_pem()
    }

    /// The server this client talks to.
    pub fn server(&self) -> &ServerUrl {
        self.http.server()
    }

    /// The requests waiting for the device of the token `serial` (its push
    /// link's), oldest first, waiting up to `wait` seconds (at most
    /// [`MAX_WAIT_SECS`]) for one when none is pending. `now` is the device's
    /// clock (Unix seconds), which otpd checks is near its own. Requests not in
    /// the form otpd sends are left out.
    pub fn poll(
        &self,
        serial: &str,
        signer: &dyn Signer,
        now: u64,
        wait: u64,
    ) -> Result<Vec<PendingPush>, PushError> {
        let poll = DevicePoll {
            serial: serial.to_owned(),
            at: now,
            wait: wait.min(MAX_WAIT_SECS),
            signature: signer.sign_message(&DevicePoll::message(serial, now))?,
        };
        let reply: DevicePollReply = self.http.post("/v1/device/poll", &poll)?;
        Ok(reply
            .requests
            .into_iter()
            .filter(well_formed)
            .take(MAX_REQUESTS)
            .collect())
    }

    /// Answers request `request_id` for the device of the token `serial` (its
    /// push link's): approve with `number`
    /// (the one the person chose), or deny ("not me"; `number` is ignored). The
    /// state otpd recorded comes back; a wrong number is the error SE7004 (otpd
    /// has denied the request).
    pub fn answer(
        &self,
        serial: &str,
        signer: &dyn Signer,
        request_id: &str,
        decision: Decision,
        number: Option<&str>,
    ) -> Result<PushState, PushError> {
        let number = match decision {
            Decision::Approve => match number {
                Some(number) if valid_number(number) => Some(number),
                _ => return Err(malformed()),
            },
            Decision::Deny => None,
        };
        if !valid_request_id(request_id) {
            return Err(malformed());
        }
        let message = PushAnswer::message(serial, request_id, decision, number);
        let answer = PushAnswer {
            serial: serial.to_owned(),
            request_id: request_id.to_owned(),
            decision,
            number: number.map(str::to_owned),
            signature: signer.sign_message(&message)?,
        };
        let reply: PushAnswerReply = self.http.post("/v1/device/answer", &answer)?;
        Ok(reply.state)
    }

    /// Registers `key` for the account `user_id` of `customer`, proved by `otp`, a
    /// current one-time code of that account; returns the token serial the device
    /// polls with.
    pub fn register(
        &self,
        customer: &str,
        user_id: &str,
        otp: &str,
        key: &DeviceKey,
    ) -> Result<String, PushError> {
        let public = key.public();
        let register = PushRegister {
            customer: customer.to_owned(),
            user_id: user_id.to_owned(),
            otp: otp.to_owned(),
            device_key: b64(&public),
            signature: key.sign(&PushRegister::message(customer, user_id, &public)),
        };
        let reply: PushRegisterReply = self.http.post("/v1/push/register", &register)?;
        if !valid_serial(&reply.serial) {
            return Err(PushError::Request(EnrollError::client(
                ErrorCode::Ce1002,
                ClientDetail::AnswerForm,
            )));
        }
        Ok(reply.serial)
    }
}

/// One account that answers approvals, ready to poll: its label, its link, and
/// what signs for it (the key from the vault, or the agent).
pub struct Device {
    /// The account's label (`issuer:name`).
    pub label: String,
    /// The account's push link.
    pub link: PushLink,
    /// Signs for the link's key.
    pub signer: Box<dyn Signer + Send + Sync>,
}

impl Device {
    /// A device signing with the key its link holds.
    pub fn with_key(label: String, link: PushLink) -> Self {
        let key = link_key(&link);
        Self {
            label,
            link,
            signer: Box::new(key),
        }
    }
}

/// A request waiting for one of the devices.
pub struct Found {
    /// The device it waits for.
    pub device: Arc<Device>,
    /// The request.
    pub request: PendingPush,
}

/// What polling several devices came to: the requests found (oldest first per
/// device), and the devices whose poll failed, with why.
#[derive(Default)]
pub struct Gathered {
    /// Requests waiting for an answer.
    pub found: Vec<Found>,
    /// Polls that failed.
    pub failures: Vec<(Arc<Device>, PushError)>,
}

impl Gathered {
    fn add(&mut self, device: &Arc<Device>, result: Result<Vec<PendingPush>, PushError>) {
        match result {
            Ok(requests) => self.found.extend(requests.into_iter().map(|request| Found {
                device: Arc::clone(device),
                request,
            })),
            Err(error) => self.failures.push((Arc::clone(device), error)),
        }
    }
}

/// Polls every device once without waiting; when none has a request and `wait`
/// (seconds, at most [`MAX_WAIT_SECS`]) is not 0, waits on all of them at once
/// and returns as soon as one has a request (or all waited in vain). `now` is the
/// clock (Unix seconds), read at each poll.
pub fn gather(
    devices: &[Arc<Device>],
    ca_cert: Option<&Path>,
    now: fn() -> u64,
    wait: u64,
) -> Gathered {
    let mut gathered = Gathered::default();
    for device in devices {
        gathered.add(device, poll_device(device, ca_cert, now(), 0));
    }
    let wait = wait.min(MAX_WAIT_SECS);
    if !gathered.found.is_empty() || wait == 0 {
        return gathered;
    }
    let (tx, rx) = mpsc::channel();
    let mut waiting = 0;
    for device in devices {
        if gathered
            .failures
            .iter()
            .any(|(f, _)| Arc::ptr_eq(f, device))
        {
            continue;
        }
        let tx = tx.clone();
        let device = Arc::clone(device);
        let ca_cert = ca_cert.map(Path::to_path_buf);
        waiting += 1;
        // Not scoped: the first device with a request decides, and the others'
        // long polls end on their own (at most `wait` seconds), their answers dropped.
        std::thread::spawn(move || {
            let result = poll_device(&device, ca_cert.as_deref(), now(), wait);
            let _ = tx.send((device, result));
        });
    }
    drop(tx);
    for (device, result) in rx.iter().take(waiting) {
        let found = result.as_ref().is_ok_and(|r| !r.is_empty());
        gathered.add(&device, result);
        if found {
            break;
        }
    }
    gathered
}

fn poll_device(
    device: &Device,
    ca_cert: Option<&Path>,
    now: u64,
    wait: u64,
) -> Result<Vec<PendingPush>, PushError> {
    PushClient::for_link(&device.link, ca_cert)?.poll(
        &device.link.serial,
        device.signer.as_ref(),
        now,
        wait,
    )
}

pub use crate::api::push::plain_text;

fn malformed() -> PushError {
    PushError::Request(EnrollError::client(
        ErrorCode::Ce1002,
        ClientDetail::RequestEncoding,
    ))
}

/// What the person answered to "which number does the login page show?".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// One of the shown numbers (approve with it).
    Number(String),
    /// "Not me" (deny).
    Deny,
}

/// Reads the person's answer for a request showing `numbers`: `1`, `2` or `3`
/// (the position), one of the numbers itself, or `d` / `n` ("not me"); anything
/// else is `None` (ask again).
pub fn parse_choice(input: &str, numbers: &[String]) -> Option<Choice> {
    let typed = input.trim();
    let position = match typed {
        "d" | "D" | "n" | "N" => return Some(Choice::Deny),
        "1" => Some(0),
        "2" => Some(1),
        "3" => Some(2),
        _ => None,
    };
    let number = match position {
        Some(index) => numbers.get(index),
        None => numbers.iter().find(|number| number.as_str() == typed),
    };
    number.cloned().map(Choice::Number)
}

#[cfg(test)]
mod tests {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::TcpListener;
    use std::sync::mpsc;

    use zeroize::Zeroizing;

    use super::*;
    use crate::api::device_key::verify;
    use crate::api::push::{PushContext, signature_bytes};
    use crate::api::wire::ErrorReply;

    /// One HTTP exchange on 127.0.0.1: answers `status` with `body`, and hands
    /// back the request's path and JSON body.
    fn server(status: u16, body: String) -> (ServerUrl, mpsc::Receiver<(String, String)>) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = ServerUrl::parse(&format!("http://{}", listener.local_addr().unwrap())).unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let (stream, _) = listener.accept().unwrap();
            let mut reader = BufReader::new(stream);
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            let path = line.split(' ').nth(1).unwrap_or_default().to_owned();
            let mut length = 0;
            loop {
                let mut header = String::new();
                reader.read_line(&mut header).unwrap();
                if header.trim().is_empty() {
                    break;
                }
                if let Some((name, value)) = header.split_once(':')
                    && name.eq_ignore_ascii_case("content-length")
                {
                    length = value.trim().parse().unwrap();
                }
            }
            let mut request = vec![0; length];
            reader.read_exact(&mut request).unwrap();
            let mut stream = reader.into_inner();
            write!(
                stream,
                "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            )
            .unwrap();
            tx.send((path, String::from_utf8(request).unwrap()))
                .unwrap();
        });
        (url, rx)
    }

    fn link(key: &DeviceKey) -> PushLink {
        PushLink::new(
            "http://127.0.0.1:1".into(),
            "U1034".into(),
            "jklee".into(),
            "T-7".into(),
            key.to_bytes(),
        )
    }

    const ID: &str = "AAAAAAAAAAAAAAAAAAAAAA";

    fn pending(id: &str, numbers: &[&str]) -> PendingPush {
        PendingPush {
            request_id: id.into(),
            user_id: "jklee".into(),
            context: PushContext {
                service: Some("KISTI 포털".into()),
                client_ip: Some("203.0.113.7".into()),
                text: None,
            },
            numbers: numbers.iter().map(|n| (*n).to_owned()).collect(),
            expires_in: 55,
        }
    }

    #[test]
    fn a_poll_is_signed_by_the_device_key_and_malformed_requests_are_left_out() {
        let key = DeviceKey::generate().unwrap();
        let reply = DevicePollReply {
            requests: vec![
                pending(ID, &["47", "12", "90"]),
                pending(ID, &["47", "47", "90"]),
                pending("short", &["47", "12", "90"]),
                pending(ID, &["47", "12"]),
                pending(ID, &["07", "12", "90"]),
            ],
        };
        let (url, rx) = server(200, serde_json::to_string(&reply).unwrap());
        let client = PushClient::new(url, None).unwrap();
        let got = client.poll("T-7", &key, 1_700_000_000, 99).unwrap();
        assert_eq!(got, vec![pending(ID, &["47", "12", "90"])]);
        let (path, body) = rx.recv().unwrap();
        assert_eq!(path, "/v1/device/poll");
        let sent: DevicePoll = serde_json::from_str(&body).unwrap();
        assert_eq!(
            (sent.serial.as_str(), sent.at, sent.wait),
            ("T-7", 1_700_000_000, 30)
        );
        let signature = signature_bytes(&sent.signature).unwrap();
        assert!(verify(
            &key.public(),
            &DevicePoll::message("T-7", 1_700_000_000),
            &signature
        ));
        // Not a signature of another moment.
        assert!(!verify(
            &key.public(),
            &DevicePoll::message("T-7", 1_700_000_001),
            &signature
        ));
    }

    #[test]
    fn an_approval_carries_the_number_and_is_signed_through_any_signer() {
        let key = DeviceKey::generate().unwrap();
        let (url, rx) = server(200, r#"{"state":"approved"}"#.into());
        let client = PushClient::new(url, None).unwrap();
        // A signer that holds the key elsewhere, as the agent does.
        let held = DeviceKey::from_bytes(&key.to_bytes());
        let signer = move |message: &[u8]| Ok::<_, PushError>(held.sign(message));
        let state = client
            .answer("T-7", &signer, ID, Decision::Approve, Some("47"))
            .unwrap();
        assert_eq!(state, PushState::Approved);
        let (path, body) = rx.recv().unwrap();
        assert_eq!(path, "/v1/device/answer");
        let sent: PushAnswer = serde_json::from_str(&body).unwrap();
        let signature = sent.check().unwrap();
        assert_eq!(sent.number.as_deref(), Some("47"));
        let message = PushAnswer::message("T-7", ID, Decision::Approve, Some("47"));
        assert!(verify(&key.public(), &message, &signature));
    }

    #[test]
    fn a_refusal_comes_back_with_its_se_code() {
        let key = DeviceKey::generate().unwrap();
        for code in [
            ErrorCode::Se7002,
            ErrorCode::Se7003,
            ErrorCode::Se7004,
            ErrorCode::Se7005,
            ErrorCode::Se7007,
            ErrorCode::Se7008,
        ] {
            let reply = ErrorReply::new(code, "m".into());
            let (url, _rx) = server(code.http_status(), serde_json::to_string(&reply).unwrap());
            let client = PushClient::new(url, None).unwrap();
            let error = client
                .answer("T-7", &key, ID, Decision::Deny, None)
                .unwrap_err();
            assert_eq!(error.code(), Some(code), "{error:?}");
        }
        // A deny carries no number, whatever is passed.
        let (url, rx) = server(200, r#"{"state":"denied"}"#.into());
        let client = PushClient::new(url, None).unwrap();
        let state = client
            .answer("T-7", &key, ID, Decision::Deny, Some("47"))
            .unwrap();
        assert_eq!(state, PushState::Denied);
        let sent: PushAnswer = serde_json::from_str(&rx.recv().unwrap().1).unwrap();
        assert_eq!(sent.number, None);
        sent.check().unwrap();
        // Nothing is sent for an approval without a proper number.
        let error = client
            .answer("T-7", &key, ID, Decision::Approve, Some("7"))
            .unwrap_err();
        assert_eq!(error.code(), Some(ErrorCode::Ce1002));
    }

    #[test]
    fn a_registration_is_signed_by_the_new_key_and_carries_the_code() {
        let key = DeviceKey::generate().unwrap();
        let (url, rx) = server(200, r#"{"serial":"T-9"}"#.into());
        let client = PushClient::new(url, None).unwrap();
        let serial = client.register("U1034", "jklee", "123456", &key).unwrap();
        assert_eq!(serial, "T-9");
        let (path, body) = rx.recv().unwrap();
        assert_eq!(path, "/v1/push/register");
        let sent: PushRegister = serde_json::from_str(&body).unwrap();
        assert_eq!(sent.otp, "123456");
        let public = crate::api::push::device_key_bytes(&sent.device_key).unwrap();
        assert_eq!(public, key.public());
        let message = PushRegister::message("U1034", "jklee", &public);
        let signature = signature_bytes(&sent.signature).unwrap();
        assert!(verify(&public, &message, &signature));
        // The Debug of what is sent never shows the code.
        assert!(!format!("{sent:?}").contains("123456"));
    }

    #[test]
    fn a_failing_signer_sends_nothing() {
        let client =
            PushClient::new(ServerUrl::parse("http://127.0.0.1:1").unwrap(), None).unwrap();
        let locked = |_: &[u8]| Err::<String, _>(PushError::Sign("agent locked".into()));
        let error = client.poll("T-7", &locked, 1, 0).unwrap_err();
        assert!(matches!(error, PushError::Sign(_)), "{error:?}");
    }

    /// The CA a link keeps is used when no --ca-cert is given, and only then.
    #[test]
    fn a_link_trusts_its_saved_ca_unless_told_otherwise() {
        let key = DeviceKey::generate().unwrap();
        let public = link(&key);
        assert!(
            PushClient::for_link(&public, None)
                .unwrap()
                .ca_pem()
                .is_none()
        );
        let broken = link(&key).with_ca_cert(Some("not a certificate".into()));
        let error = PushClient::for_link(&broken, None).err().unwrap();
        assert!(
            matches!(
                error,
                PushError::Request(EnrollError::SavedCaCert { ref server, .. })
                    if server.starts_with("http://127.0.0.1")
            ),
            "{error:?}"
        );
        let missing = std::path::Path::new("/nonexistent/ca.pem");
        let error = PushClient::for_link(&broken, Some(missing)).err().unwrap();
        assert!(
            matches!(error, PushError::Request(EnrollError::CaCert { .. })),
            "{error:?}"
        );
    }

    #[test]
    fn untrusted_text_prints_plainly() {
        assert_eq!(plain_text("KISTI 포털"), "KISTI 포털");
        assert_eq!(plain_text("a\u{1b}[2Jb"), "a\u{fffd}[2Jb");
        assert_eq!(plain_text("evil\u{202e}gpj.exe"), "evil\u{fffd}gpj.exe");
        assert_eq!(plain_text("\r\n\t"), "\u{fffd}\u{fffd}\u{fffd}");
        assert_eq!(plain_text(&"가".repeat(500)).chars().count(), 200);
    }

    fn numbers() -> Vec<String> {
        vec!["47".into(), "12".into(), "90".into()]
    }

    #[test]
    fn a_choice_is_a_position_a_shown_number_or_not_me() {
        let number = |n: &str| Some(Choice::Number(n.into()));
        assert_eq!(parse_choice("1", &numbers()), number("47"));
        assert_eq!(parse_choice(" 3\n", &numbers()), number("90"));
        assert_eq!(parse_choice("12", &numbers()), number("12"));
        for deny in ["d", "N", " n "] {
            assert_eq!(parse_choice(deny, &numbers()), Some(Choice::Deny));
        }
        for refused in ["", "4", "0", "13", "147", "yes", "١", "4 7", "-1"] {
            assert_eq!(parse_choice(refused, &numbers()), None, "{refused:?}");
        }
        assert_eq!(parse_choice("3", &numbers()[..2]), None);
    }

    proptest::proptest! {
        #[test]
        fn any_input_is_a_shown_number_deny_or_refused(input in "\\PC{0,12}") {
            match parse_choice(&input, &numbers()) {
                None => {}
                Some(Choice::Deny) => {
                    proptest::prop_assert!(["d", "D", "n", "N"].contains(&input.trim()));
                }
                Some(Choice::Number(n)) => {
                    proptest::prop_assert!(numbers().contains(&n));
                    let typed = input.trim();
                    proptest::prop_assert!(typed == n || ["1", "2", "3"].contains(&typed));
                }
            }
        }
    }

    #[test]
    fn the_link_key_is_the_stored_seed() {
        let key = DeviceKey::generate().unwrap();
        let link = link(&key);
        assert_eq!(link_key(&link).public(), key.public());
        let _: Zeroizing<[u8; 32]> = link_key(&link).to_bytes();
    }
}
