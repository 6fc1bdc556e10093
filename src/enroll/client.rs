//! The HTTPS client for one otpd: find the organisation's server, run the SPAKE2
//! exchange keyed by the activation code, check the server's proof, unseal the
//! seed, and activate the token with one current code.
//!
//! Transport: HTTPS through ureq and rustls, verified against the Mozilla roots or
//! a private CA (`--ca-cert`); plain `http://` only to this machine (CE2001).
//! Redirects are not followed.

use std::io::Read;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;
use ureq::tls::{Certificate, RootCerts, TlsConfig};
use zeroize::Zeroizing;

use crate::accounts::{Account, PushLink};
use crate::api::ErrorCode;
use crate::api::device_key::DeviceKey;
use crate::api::pake::{self, ClientExchange, Context};
use crate::api::wire::{
    ActivateReply, CustomerInfo, EnrollActivate, EnrollFinish, EnrollFinishReply, EnrollStart,
    EnrollStartReply, ErrorReply, PAKE_SUITE, PakeMessage,
};
use crate::code::{self, Algorithm, Digits, Kind, Period};
use crate::config::Config;
use crate::secret::SecretKey;

use super::error::{CaCertProblem, ClientDetail, EnrollError};
use super::url::ServerUrl;

/// Largest answer the client reads, in bytes.
const MAX_REPLY_BYTES: u64 = 64 * 1024;

/// Where to enroll for `customer`: `explicit` (`--server`), then the config's
/// `[customers]` table, then the config's `directory` (asked over the network).
/// When none names a server the error is [`EnrollError::NotConfigured`], which
/// names `config_path`, the file `config` was read from: most often the customer
/// code was mistyped, and otherwise that file is where the server belongs. The CLI
/// and the full-screen interface both find servers here, so both say the same.
pub fn find_server(
    customer: &str,
    explicit: Option<&str>,
    config: &Config,
    config_path: &Path,
    ca_cert: Option<&Path>,
) -> Result<ServerUrl, EnrollError> {
    if let Some(url) = explicit {
        return ServerUrl::parse(url);
    }
    // Customer codes are compared without regard to case (`u1034` is `U1034`).
    if let Some((_, url)) = config
        .customers
        .iter()
        .find(|(code, _)| code.eq_ignore_ascii_case(customer))
    {
        return ServerUrl::parse(url);
    }
    if let Some(directory) = &config.directory {
        let directory = ServerUrl::parse(directory)?;
        let info = EnrollClient::new(directory.clone(), ca_cert)?.lookup_customer(customer)?;
        return match info.server {
            Some(url) => ServerUrl::parse(&url),
            None => Ok(directory),
        };
    }
    Err(EnrollError::NotConfigured {
        customer: customer.to_owned(),
        config_path: config_path.to_path_buf(),
    })
}

/// What the person typed to enroll.
pub struct EnrollRequest {
    /// The customer code.
    pub customer: String,
    /// Their ID at the organisation.
    pub user_id: String,
    /// The activation (issuance) code, `code_digits` digits (spaces and hyphens
    /// allowed).
    pub activation_code: Zeroizing<String>,
    /// How many digits the customer's activation codes have (the lookup's
    /// [`CustomerInfo::code_digits`], 6 when it says none).
    pub code_digits: u8,
    /// A name for this device, shown to the administrator.
    pub device_name: Option<String>,
}

/// An account received from the server, not yet activated.
pub struct PendingAccount {
    /// The account to store (60-second codes as the server says).
    pub account: Account,
    /// The token's serial on the server.
    pub serial: String,
    /// How the account answers push approvals: the device key made for this
    /// enrollment (its public half sent to the server inside the PAKE), stored in
    /// the vault with the account.
    pub push_link: Option<PushLink>,
}

impl std::fmt::Debug for PendingAccount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PendingAccount")
            .field("account", &self.account)
            .field("serial", &self.serial)
            .field("push_link", &self.push_link)
            .finish()
    }
}

/// An HTTPS client for one otpd.
pub struct EnrollClient {
    agent: ureq::Agent,
    base: ServerUrl,
    /// The PEM text of the private CA trusted, if any (kept with push links).
    ca_pem: Option<String>,
}

/// The CA certificate in the file at `path` (at most
/// [`PushLink::MAX_CA_CERT_BYTES`]), and its PEM text.
fn read_ca(path: &Path) -> Result<(Certificate<'static>, String), EnrollError> {
    let fail = |reason: CaCertProblem| EnrollError::CaCert {
        path: path.display().to_string(),
        reason,
    };
    let unreadable = |e: std::io::Error| fail(CaCertProblem::Unreadable(e.to_string()));
    let max = PushLink::MAX_CA_CERT_BYTES;
    let mut pem = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(max as u64 + 1).read_to_end(&mut pem))
        .map_err(unreadable)?;
    if pem.len() > max {
        return Err(fail(CaCertProblem::TooLarge { max }));
    }
    let certificate =
        Certificate::from_pem(&pem).map_err(|e| fail(CaCertProblem::NotPem(e.to_string())))?;
    Ok((certificate, String::from_utf8_lossy(&pem).into_owned()))
}

fn is_tls_error(error: &ureq::Error) -> bool {
    match error {
        ureq::Error::Tls(_) | ureq::Error::Pem(_) | ureq::Error::Rustls(_) => true,
        ureq::Error::Io(io) => io
            .get_ref()
            .is_some_and(|inner| inner.is::<rustls::Error>()),
        _ => false,
    }
}

impl EnrollClient {
    /// A client for `base`; `ca_cert` replaces the public roots with a private CA.
    pub fn new(base: ServerUrl, ca_cert: Option<&Path>) -> Result<Self, EnrollError> {
        Self::with_timeout(base, ca_cert, Duration::from_secs(30))
    }

    /// A client whose requests may take up to `timeout` in all (a long poll waits
    /// up to 30 s for news, so it needs more than [`EnrollClient::new`]'s 30 s).
    pub fn with_timeout(
        base: ServerUrl,
        ca_cert: Option<&Path>,
        timeout: Duration,
    ) -> Result<Self, EnrollError> {
        let ca = ca_cert.map(read_ca).transpose()?;
        Ok(Self::build(base, ca, timeout))
    }

    /// A client like [`EnrollClient::with_timeout`] trusting the private CA whose
    /// PEM text a push link keeps ([`PushLink::ca_cert`]).
    pub fn with_saved_ca(
        base: ServerUrl,
        pem: &str,
        timeout: Duration,
    ) -> Result<Self, EnrollError> {
        let certificate =
            Certificate::from_pem(pem.as_bytes()).map_err(|e| EnrollError::SavedCaCert {
                server: base.as_str().to_owned(),
                reason: e.to_string(),
            })?;
        Ok(Self::build(
            base,
            Some((certificate, pem.to_owned())),
            timeout,
        ))
    }

    fn build(
        base: ServerUrl,
        ca: Option<(Certificate<'static>, String)>,
        timeout: Duration,
    ) -> Self {
        let (roots, ca_pem) = match ca {
            Some((certificate, pem)) => {
                (RootCerts::Specific(Arc::new(vec![certificate])), Some(pem))
            }
            None => (RootCerts::WebPki, None),
        };
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(timeout))
            .user_agent(concat!("otp/", env!("CARGO_PKG_VERSION")))
            .tls_config(TlsConfig::builder().root_certs(roots).build())
            .build()
            .into();
        Self {
            agent,
            base,
            ca_pem,
        }
    }

    /// The PEM text of the private CA this client trusts (`None`: the public
    /// roots), for the push link an enrollment or registration makes.
    pub fn ca_pem(&self) -> Option<&str> {
        self.ca_pem.as_deref()
    }

    /// The server this client talks to.
    pub fn server(&self) -> &ServerUrl {
        &self.base
    }

    fn transport(&self, error: ureq::Error) -> EnrollError {
        if is_tls_error(&error) {
            EnrollError::client(ErrorCode::Ce2001, ClientDetail::Tls(error.to_string()))
        } else {
            EnrollError::Unreachable {
                url: self.base.as_str().to_owned(),
                reason: error.to_string(),
            }
        }
    }

    fn answer<T: DeserializeOwned>(
        &self,
        response: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<T, EnrollError> {
        let mut response = response.map_err(|e| self.transport(e))?;
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse().ok());
        let mut body = Vec::new();
        response
            .body_mut()
            .as_reader()
            .take(MAX_REPLY_BYTES)
            .read_to_end(&mut body)
            .map_err(|e| EnrollError::Unreachable {
                url: self.base.as_str().to_owned(),
                reason: e.to_string(),
            })?;
        if (200..300).contains(&status) {
            return serde_json::from_slice(&body)
                .map_err(|_| EnrollError::client(ErrorCode::Ce1002, ClientDetail::AnswerForm));
        }
        if status == 429 {
            return Err(EnrollError::RateLimited {
                retry_after: retry_after.unwrap_or(60),
            });
        }
        match serde_json::from_slice::<ErrorReply>(&body) {
            Ok(reply) => Err(match (reply.error.code, reply.error.tries_left) {
                (ErrorCode::Se3010, Some(tries_left)) => {
                    EnrollError::WrongActivationCode { tries_left }
                }
                (code, _) => EnrollError::Server(code),
            }),
            Err(_) => Err(EnrollError::client(
                ErrorCode::Ce1002,
                ClientDetail::NotOtpd { status },
            )),
        }
    }

    /// POSTs `body` as JSON to `path` and reads the answer (errors as for enrollment:
    /// the server's code, CE2001 for TLS, CE1002 for an answer not in form).
    pub(super) fn post<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, EnrollError> {
        let text = serde_json::to_string(body)
            .map_err(|_| EnrollError::client(ErrorCode::Ce1002, ClientDetail::RequestEncoding))?;
        let response = self
            .agent
            .post(self.base.join(path))
            .header("content-type", "application/json")
            .send(text.as_str());
        self.answer(response)
    }

    /// The organisation behind `customer` (CE1001 when the server does not know it).
    pub fn lookup_customer(&self, customer: &str) -> Result<CustomerInfo, EnrollError> {
        if customer.is_empty()
            || customer.len() > 32
            || !customer
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return Err(EnrollError::client(
                ErrorCode::Ce1002,
                ClientDetail::CustomerCodeForm,
            ));
        }
        let response = self
            .agent
            .get(self.base.join(&format!("/v1/customers/{customer}")))
            .call();
        self.answer(response)
    }

    /// Runs start and finish: SPAKE2, the server's proof checked before the seed is
    /// unsealed. The token is pending until [`EnrollClient::activate`].
    pub fn exchange(&self, request: &EnrollRequest) -> Result<PendingAccount, EnrollError> {
        let code = crate::api::shapes::normalize_activation_code(
            &request.activation_code,
            request.code_digits,
        )
        .ok_or_else(|| {
            EnrollError::client(
                ErrorCode::Ce1002,
                ClientDetail::ActivationCodeForm {
                    digits: request.code_digits,
                },
            )
        })?;
        let randomness = |e: pake::PakeError| {
            EnrollError::client(ErrorCode::Ce1002, ClientDetail::Randomness(e.to_string()))
        };
        let device_key = DeviceKey::generate().map_err(randomness)?;
        let enrollment_id = pake::new_enrollment_id().map_err(randomness)?;
        let context = Context {
            customer: &request.customer,
            user_id: &request.user_id,
            enrollment_id: &enrollment_id,
        };
        let (exchange, msg_a) = ClientExchange::start(&code, &context);
        drop(code);
        let started: EnrollStartReply = self.post(
            "/v1/enroll/start",
            &EnrollStart {
                customer: request.customer.clone(),
                user_id: request.user_id.clone(),
                device_name: request.device_name.clone(),
                enrollment_id: enrollment_id.clone(),
                pake: PakeMessage {
                    suite: PAKE_SUITE.to_owned(),
                    msg: msg_a,
                },
            },
        )?;
        if started.enrollment_id != enrollment_id || started.pake.suite != PAKE_SUITE {
            return Err(EnrollError::client(
                ErrorCode::Ce2002,
                ClientDetail::OtherSession,
            ));
        }
        let keys = exchange
            .finish(&started.pake.msg)
            .map_err(|_| EnrollError::client(ErrorCode::Ce2002, ClientDetail::PakeMessage))?;
        let sealed_key = keys
            .seal_device_key(&device_key.public())
            .map_err(randomness)?;
        let finished: EnrollFinishReply = self.post(
            "/v1/enroll/finish",
            &EnrollFinish {
                enrollment_id,
                client_confirm: keys.client_confirm(),
                device_key: Some(sealed_key),
            },
        )?;
        keys.verify_server_confirm(&finished.server_confirm)
            .map_err(|_| EnrollError::client(ErrorCode::Ce2002, ClientDetail::Proof))?;
        let aad = pake::seal_aad(
            &finished.serial,
            &finished.issuer,
            &finished.account,
            &finished.totp,
        );
        let seed = keys
            .open(&finished.sealed_secret, &aad)
            .map_err(|_| EnrollError::client(ErrorCode::Ce2002, ClientDetail::SealedSecret))?;
        let bad = |what: ClientDetail| EnrollError::client(ErrorCode::Ce1002, what);
        let algorithm: Algorithm = finished
            .totp
            .algorithm
            .parse()
            .map_err(|_| bad(ClientDetail::Algorithm))?;
        let digits = Digits::new(finished.totp.digits).map_err(|_| bad(ClientDetail::Digits))?;
        let period = Period::new(finished.totp.period).map_err(|_| bad(ClientDetail::Period))?;
        if seed.len() < 10 || finished.account.is_empty() {
            return Err(bad(ClientDetail::Account));
        }
        let push_link = PushLink::new(
            self.base.as_str().to_owned(),
            request.customer.clone(),
            request.user_id.clone(),
            finished.serial.clone(),
            device_key.to_bytes(),
        )
        .with_ca_cert(self.ca_pem.clone());
        Ok(PendingAccount {
            push_link: Some(push_link),
            account: Account {
                name: finished.account,
                issuer: Some(finished.issuer).filter(|i| !i.is_empty()),
                secret: SecretKey::from_bytes(seed.to_vec()),
                algorithm,
                digits,
                kind: Kind::Totp { period },
            },
            serial: finished.serial,
        })
    }

    /// Proves the seed with the code of the step before `now` (Unix seconds), which
    /// the server accepts once (T-1) and then never again: the code the person sees
    /// now stays free for their first login.
    pub fn activate(
        &self,
        pending: &PendingAccount,
        now: u64,
    ) -> Result<ActivateReply, EnrollError> {
        let Kind::Totp { period } = pending.account.kind else {
            return Err(EnrollError::client(
                ErrorCode::Ce1002,
                ClientDetail::NotTimeBased,
            ));
        };
        let previous = code::totp(
            &pending.account.secret,
            pending.account.algorithm,
            pending.account.digits,
            period,
            now.saturating_sub(u64::from(period.seconds())),
        );
        self.post(
            "/v1/enroll/activate",
            &EnrollActivate {
                serial: pending.serial.clone(),
                otp: previous.code.as_str().to_owned(),
            },
        )
    }
}
