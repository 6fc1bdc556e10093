//! Sending a rendered message over SMTP: lettre's async transport on tokio, TLS by
//! rustls (ring) against the Mozilla roots plus the config's `ca_file`, STARTTLS
//! required or TLS from the first byte (plain text only to this machine), a login
//! when a username is set, and a connection pool, so an import of thousands of
//! users opens one connection, not one per user.
//!
//! Failures are sorted into the delivery errors the administrator can act on: the
//! login refused, the server unreachable (or silent), TLS, the recipient refused,
//! anything else refused. None carries the code or the password; the server's own
//! words are kept, with anything that looks like the code removed.

use std::error::Error as _;
use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::PoolConfig;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use zeroize::Zeroizing;

use super::letter::Rendered;
use super::settings::{SmtpSecurity, SmtpSettings};
use crate::server::error::{ConfigError, DeliveryError, IoAction, ServerError};

/// The SMTP server, ready to send (connections are made on the first message).
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    server: String,
}

/// The reply codes that refuse a login (RFC 4954): 530, 534, 535, 538.
fn is_login_refusal(code: u16) -> bool {
    matches!(code, 530 | 534 | 535 | 538)
}

/// The reply codes that refuse a recipient at `RCPT TO` (RFC 5321).
fn is_recipient_refusal(code: u16) -> bool {
    matches!(code, 550 | 551 | 553 | 501 | 450 | 452)
}

/// What a lettre error says, its causes included, without the code.
fn words(error: &lettre::transport::smtp::Error, code: &str) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let more = cause.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        source = cause.source();
    }
    if code.is_empty() {
        text
    } else {
        text.replace(code, "******")
    }
}

fn status_of(error: &lettre::transport::smtp::Error) -> Option<u16> {
    error.status().map(u16::from)
}

/// Whether rustls failed somewhere in the chain (a certificate that does not
/// verify comes as a connection error around an I/O error around rustls's).
fn is_rustls(error: &lettre::transport::smtp::Error) -> bool {
    let mut source = error.source();
    while let Some(cause) = source {
        let inner = cause
            .downcast_ref::<std::io::Error>()
            .and_then(std::io::Error::get_ref);
        if cause.is::<rustls::Error>() || inner.is_some_and(|e| e.is::<rustls::Error>()) {
            return true;
        }
        source = cause.source();
    }
    false
}

impl Mailer {
    /// The transport for `settings`, logging in with `password` when a username
    /// is set. Nothing is sent or connected yet.
    pub fn new(
        settings: &SmtpSettings,
        password: Option<Zeroizing<String>>,
    ) -> Result<Self, ServerError> {
        let from: Mailbox = settings.from.parse().map_err(|_| ConfigError::SmtpFrom {
            value: settings.from.clone(),
        })?;
        let tls_error = |detail: String| ServerError::Tls {
            cert: settings.ca_file.clone().unwrap_or_default(),
            key: Default::default(),
            detail,
        };
        let tls = if settings.security == SmtpSecurity::None {
            Tls::None
        } else {
            let mut builder = TlsParameters::builder(settings.host.clone());
            if let Some(path) = &settings.ca_file {
                let pem = std::fs::read(path)
                    .map_err(ServerError::io(IoAction::ReadDeliveryFile(path.clone())))?;
                let cert = Certificate::from_pem(&pem).map_err(|e| tls_error(e.to_string()))?;
                builder = builder.add_root_certificate(cert);
            }
            let parameters = builder
                .build_rustls()
                .map_err(|e| tls_error(e.to_string()))?;
            match settings.security {
                SmtpSecurity::Tls => Tls::Wrapper(parameters),
                _ => Tls::Required(parameters),
            }
        };
        let mut builder =
            AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(settings.host.clone())
                .port(settings.port())
                .tls(tls)
                .timeout(Some(Duration::from_secs(settings.timeout_secs.max(1))))
                .pool_config(PoolConfig::new().max_size(4));
        if let Some(username) = &settings.username {
            let password = password.map(|p| p.as_str().to_owned()).unwrap_or_default();
            builder = builder.credentials(Credentials::new(username.clone(), password));
        }
        Ok(Self {
            transport: builder.build(),
            from,
            server: settings.server(),
        })
    }

    /// `host:port` of the server.
    pub fn server(&self) -> &str {
        &self.server
    }

    fn connection_error(
        &self,
        error: &lettre::transport::smtp::Error,
        code: &str,
    ) -> DeliveryError {
        let server = self.server.clone();
        let detail = words(error, code);
        if error.is_tls() || is_rustls(error) {
            return DeliveryError::SmtpTls { server, detail };
        }
        match status_of(error) {
            Some(status) if is_login_refusal(status) => DeliveryError::SmtpLogin { server, detail },
            Some(_) => DeliveryError::SmtpRefused { server, detail },
            None if error.is_client() && detail.to_ascii_lowercase().contains("auth") => {
                DeliveryError::SmtpLogin { server, detail }
            }
            None => DeliveryError::SmtpUnreachable { server, detail },
        }
    }

    /// Sends `message` to `to` (with the display `name`), under `message_id`.
    pub async fn send(
        &self,
        to: &str,
        name: Option<&str>,
        message: &Rendered,
        message_id: &str,
        code: &str,
    ) -> Result<(), DeliveryError> {
        let refused = |detail: String| DeliveryError::RecipientRefused {
            server: self.server.clone(),
            detail,
        };
        let address = to
            .parse()
            .map_err(|e: lettre::address::AddressError| refused(e.to_string()))?;
        let recipient = Mailbox::new(name.map(str::to_owned), address);
        let domain = self.from.email.domain().to_owned();
        let email = Message::builder()
            .from(self.from.clone())
            .to(recipient)
            .subject(message.subject.as_str())
            .message_id(Some(format!("<{message_id}@{domain}>")))
            .date_now()
            .multipart(
                MultiPart::alternative()
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_PLAIN)
                            .body(message.text.as_str().to_owned()),
                    )
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_HTML)
                            .body(message.html.as_str().to_owned()),
                    ),
            )
            .map_err(|e| DeliveryError::SmtpRefused {
                server: self.server.clone(),
                detail: e.to_string(),
            })?;
        // Connect and log in first, so a refused login or an unreachable server is
        // told apart from a refused message.
        if let Err(error) = self.transport.test_connection().await {
            return Err(self.connection_error(&error, code));
        }
        match self.transport.send(email).await {
            Ok(_) => Ok(()),
            Err(error) => {
                let detail = words(&error, code);
                Err(match status_of(&error) {
                    Some(status) if is_recipient_refusal(status) => refused(detail),
                    Some(_) => DeliveryError::SmtpRefused {
                        server: self.server.clone(),
                        detail,
                    },
                    None => self.connection_error(&error, code),
                })
            }
        }
    }
}
