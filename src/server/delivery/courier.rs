//! The channel of one run (`otpd issue`, `otpd user import --issue`), built once
//! from the config and reused for every user: the templates compiled, the SMTP
//! connection pool or the webhook client ready, their secrets read.
//!
//! A message is rendered before its code exists ([`Courier::prepare`], with a
//! stand-in where the code goes): a template that fails, or a user without an email
//! address, stops the run before a code is issued for nothing. Once the code is
//! issued, [`Prepared::send`] puts it in (a plain replacement that cannot fail) and
//! sends.

use std::path::Path;
use std::sync::Arc;

use zeroize::Zeroizing;

use super::email::Mailer;
use super::letter::{Letter, Rendered, Templates};
use super::settings::{Channel, DeliverySettings};
use super::webhook::{Payload, Webhook};
use crate::server::config::ServerConfig;
use crate::server::error::{AdminError, ConfigError, DeliveryError, IoAction, ServerError};
use crate::server::policy::user_lang;
use crate::server::rows::{CustomerProfile, UserContact};

/// Where the code goes in a rendered message until it exists: characters from
/// Unicode's private use area, which no template writes and HTML escaping keeps.
const CODE_MARK: &str = "\u{E000}otpd-code\u{E001}";

/// How activation codes reach their users in this run.
pub struct Courier {
    channel: Channel,
    delivery: DeliverySettings,
    period: u32,
    templates: Option<Templates>,
    mailer: Option<Mailer>,
    webhook: Option<Arc<Webhook>>,
}

/// One user's message, rendered around a stand-in for the code. It is only ever
/// filled in by [`Prepared::send`].
pub struct Prepared<'a> {
    courier: &'a Courier,
    customer: &'a CustomerProfile,
    user: &'a UserContact,
    user_id: &'a str,
    lang: &'static str,
    valid_from: u64,
    valid_until: u64,
    rendered: Option<Rendered>,
}

/// Reads a secret from `file` (its first line) or the environment variable `env`.
fn read_secret(
    file: Option<&Path>,
    env: Option<&str>,
    section: &str,
) -> Result<Option<Zeroizing<String>>, ServerError> {
    let missing = || ConfigError::SecretMissing {
        section: section.to_owned(),
    };
    let secret = match (file, env) {
        (Some(path), _) => {
            let text = Zeroizing::new(
                std::fs::read_to_string(path)
                    .map_err(ServerError::io(IoAction::ReadSecret(path.to_owned())))?,
            );
            Zeroizing::new(text.lines().next().unwrap_or("").trim_end().to_owned())
        }
        (None, Some(name)) => Zeroizing::new(std::env::var(name).map_err(|_| missing())?),
        (None, None) => return Ok(None),
    };
    if secret.is_empty() {
        return Err(missing().into());
    }
    Ok(Some(secret))
}

/// The first of the candidates that is set and not blank.
fn first<'a>(candidates: &[Option<&'a str>]) -> Option<&'a str> {
    candidates
        .iter()
        .flatten()
        .copied()
        .find(|s| !s.trim().is_empty())
}

impl Courier {
    /// The courier for `channel` under `config`: for email its `[smtp]` section
    /// and for a webhook its `[webhook]` section must be there, their secrets
    /// readable and the templates sound. Nothing is connected yet.
    pub fn new(config: &ServerConfig, channel: Channel) -> Result<Self, ServerError> {
        let mut courier = Self {
            channel,
            delivery: config.delivery.clone(),
            period: config.tokens.period,
            templates: None,
            mailer: None,
            webhook: None,
        };
        match channel {
            Channel::Print => return Ok(courier),
            Channel::Email => {
                let smtp =
                    config
                        .smtp
                        .as_ref()
                        .ok_or_else(|| ConfigError::ChannelNotConfigured {
                            section: "smtp".to_owned(),
                        })?;
                let password = read_secret(
                    smtp.password_file.as_deref(),
                    smtp.password_env.as_deref(),
                    "smtp",
                )?;
                if smtp.username.is_some() && password.is_none() {
                    return Err(ConfigError::SecretMissing {
                        section: "smtp".to_owned(),
                    }
                    .into());
                }
                courier.mailer = Some(Mailer::new(smtp, password)?);
            }
            Channel::Webhook => {
                let hook =
                    config
                        .webhook
                        .as_ref()
                        .ok_or_else(|| ConfigError::ChannelNotConfigured {
                            section: "webhook".to_owned(),
                        })?;
                let secret = read_secret(
                    hook.secret_file.as_deref(),
                    hook.secret_env.as_deref(),
                    "webhook",
                )?
                .ok_or_else(|| ConfigError::SecretMissing {
                    section: "webhook".to_owned(),
                })?;
                let bytes = Zeroizing::new(secret.as_bytes().to_vec());
                courier.webhook = Some(Arc::new(Webhook::new(hook, bytes)?));
            }
        }
        courier.templates = Some(Templates::load(&config.delivery)?);
        Ok(courier)
    }

    /// The channel.
    pub fn channel(&self) -> Channel {
        self.channel
    }

    /// The language of messages to `user` of `customer`: the user's, else the
    /// customer's, else the config's, else English.
    pub fn lang_for(&self, customer: &CustomerProfile, user: &UserContact) -> &'static str {
        [
            user.lang.as_deref(),
            customer.lang.as_deref(),
            self.delivery.lang.as_deref(),
        ]
        .into_iter()
        .flatten()
        .find_map(user_lang)
        .unwrap_or("en")
    }

    /// Renders the message to `user_id` (`user`) of `customer` for a code valid
    /// from `valid_from` to `valid_until`, the code left out. Refused when the
    /// channel is email and the user has no address, or when a template fails.
    pub fn prepare<'a>(
        &'a self,
        customer: &'a CustomerProfile,
        user_id: &'a str,
        user: &'a UserContact,
        valid_from: u64,
        valid_until: u64,
    ) -> Result<Prepared<'a>, ServerError> {
        if self.channel == Channel::Email && user.email.as_deref().is_none_or(str::is_empty) {
            return Err(AdminError::NoEmail {
                customer: customer.code.clone(),
                user: user_id.to_owned(),
            }
            .into());
        }
        let mut prepared = Prepared {
            courier: self,
            customer,
            user,
            user_id,
            lang: self.lang_for(customer, user),
            valid_from,
            valid_until,
            rendered: None,
        };
        if let Some(templates) = &self.templates {
            let letter = prepared.letter(CODE_MARK);
            prepared.rendered = Some(templates.render(&letter)?);
        }
        Ok(prepared)
    }
}

impl Prepared<'_> {
    /// The language of the message.
    pub fn lang(&self) -> &'static str {
        self.lang
    }

    fn letter<'c>(&'c self, code: &'c str) -> Letter<'c> {
        let delivery = &self.courier.delivery;
        Letter {
            lang: self.lang,
            org: &self.customer.name,
            customer: &self.customer.code,
            user_id: self.user_id,
            name: first(&[self.user.display_name.as_deref()]).unwrap_or(self.user_id),
            code,
            valid_from: self.valid_from,
            valid_until: self.valid_until,
            period: self.courier.period,
            contact: first(&[
                self.customer.contact.as_deref(),
                delivery.contact.as_deref(),
            ]),
            download_url: first(&[delivery.download_url.as_deref()]),
            server_url: first(&[
                self.customer.server_url.as_deref(),
                delivery.server_url.as_deref(),
            ]),
        }
    }

    fn filled(&self, code: &str) -> Option<Rendered> {
        let fill = |text: &Zeroizing<String>| Zeroizing::new(text.replace(CODE_MARK, code));
        self.rendered.as_ref().map(|r| Rendered {
            subject: fill(&r.subject),
            text: fill(&r.text),
            html: fill(&r.html),
            sms: fill(&r.sms),
        })
    }

    /// Sends the message with `code` in it, as delivery `delivery_id`.
    pub async fn send(&self, code: &str, delivery_id: &str) -> Result<(), DeliveryError> {
        let Some(message) = self.filled(code) else {
            return Ok(());
        };
        let courier = self.courier;
        match (courier.channel, &courier.mailer, &courier.webhook) {
            (Channel::Email, Some(mailer), _) => {
                let to = self.user.email.as_deref().unwrap_or("");
                let name = first(&[self.user.display_name.as_deref()]);
                mailer.send(to, name, &message, delivery_id, code).await
            }
            (Channel::Webhook, _, Some(hook)) => {
                let letter = self.letter(code);
                let payload = Payload {
                    delivery_id,
                    event: "activation_code",
                    organisation: letter.org,
                    customer: letter.customer,
                    user_id: letter.user_id,
                    name: self.user.display_name.as_deref(),
                    email: self.user.email.as_deref(),
                    lang: self.lang,
                    activation_code: code,
                    valid_from: self.valid_from,
                    valid_until: self.valid_until,
                    uses: 1,
                    contact: letter.contact,
                    subject: &message.subject,
                    message: &message.sms,
                    text: &message.text,
                };
                let body = Zeroizing::new(serde_json::to_vec(&payload).unwrap_or_default());
                hook.post(delivery_id, body).await
            }
            _ => Ok(()),
        }
    }

    /// Where the message goes, as the administrator is told: the email address
    /// with its local part masked (`j***@kisti.re.kr`), or the webhook's URL.
    pub fn destination(&self) -> String {
        match self.courier.channel {
            Channel::Email => mask_email(self.user.email.as_deref().unwrap_or("")),
            Channel::Webhook => self
                .courier
                .webhook
                .as_ref()
                .map(|h| h.url().to_owned())
                .unwrap_or_default(),
            Channel::Print => String::new(),
        }
    }
}

/// `j***@kisti.re.kr`: enough to recognise the address, not to harvest it from a
/// shared screen or a terminal log.
pub fn mask_email(address: &str) -> String {
    match address.rsplit_once('@') {
        Some((local, domain)) => {
            let head: String = local.chars().take(1).collect();
            format!("{head}***@{domain}")
        }
        None => "***".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masked_addresses() {
        assert_eq!(mask_email("jklee@kisti.re.kr"), "j***@kisti.re.kr");
        assert_eq!(mask_email("홍길동@대학.kr"), "홍***@대학.kr");
        assert_eq!(mask_email("x"), "***");
    }

    #[test]
    fn the_code_mark_is_nothing_html_escaping_changes() {
        assert!(!CODE_MARK.contains(['&', '<', '>', '"', '\'', '/']));
    }
}
