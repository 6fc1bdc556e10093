//! The admin operations behind `otpd customer|user|issue|unlock|revoke|client|audit`,
//! each audited under the actor who ran it. They return data; the admin command
//! line formats it.

use zeroize::Zeroizing;

use super::audit::{Actor, AuditEntry, outcome_of};
use super::error::{AdminError, ServerError};
use super::ids::{new_activation_code, new_id, sha256_hex};
use super::policy::{user_lang, valid_display_name, valid_email, valid_user_id};
use super::rows::{AuditRow, CustomerRow, DeliveryCount, UserRow};
use super::rows::{CustomerChange, CustomerProfile, NewUser, UserContact};
use super::service::Service;
use super::store::{NewActivation, NewDelivery};
use crate::api::pake::b64;
use crate::api::shapes::{normalize_customer_code, valid_activation_digits};

/// A freshly issued activation code, shown or delivered once.
pub struct IssuedCode {
    /// The code.
    pub code: Zeroizing<String>,
    /// When it expires (Unix seconds).
    pub expires: u64,
    /// Its id (what a delivery record names instead of the code).
    pub activation_id: String,
    /// The id of its user's row.
    pub user_ref: String,
}

/// A new API key, shown once.
pub struct NewApiKey {
    /// The client id (public).
    pub id: String,
    /// The key to give the login system: `otpk_<id>_<secret>`.
    pub key: Zeroizing<String>,
}

fn no_customer(code: &str) -> ServerError {
    AdminError::NoCustomer {
        code: code.to_owned(),
    }
    .into()
}

impl Service {
    /// Ok when a customer has `code`, else an admin error saying how to add it.
    pub(super) async fn require_customer(&self, code: &str) -> Result<(), ServerError> {
        if self.store.customer_exists(code).await? {
            Ok(())
        } else {
            Err(no_customer(code))
        }
    }

    /// The id of the user's row, or an admin error saying how to add what is missing.
    async fn require_user(&self, customer: &str, user_id: &str) -> Result<String, ServerError> {
        self.require_customer(customer).await?;
        self.store
            .user_ref(customer, user_id)
            .await?
            .ok_or_else(|| {
                ServerError::Admin(AdminError::NoUser {
                    customer: customer.to_owned(),
                    user: user_id.to_owned(),
                })
            })
    }

    /// `otpd customer add`: the code is kept in upper case (`u1034` → `U1034`),
    /// its activation codes have `code_digits` digits (5 to 8).
    pub async fn customer_add(
        &self,
        actor: &Actor,
        code: &str,
        name: &str,
        server_url: Option<&str>,
        code_digits: u8,
        now: u64,
    ) -> Result<(), ServerError> {
        let Some(code) = normalize_customer_code(code) else {
            let result = Err(AdminError::BadCustomerCode {
                code: code.to_owned(),
            }
            .into());
            return self
                .audited(actor, "customer.add", None, None, result)
                .await;
        };
        let code = code.as_str();
        let result = async {
            if !valid_activation_digits(code_digits) {
                return Err(AdminError::BadCodeDigits {
                    digits: code_digits,
                }
                .into());
            }
            if name.trim().is_empty() || name.chars().any(char::is_control) {
                return Err(AdminError::BadOrganisationName.into());
            }
            if !self
                .store
                .insert_customer(code, name, server_url, code_digits, now)
                .await?
            {
                return Err(AdminError::CustomerExists {
                    code: code.to_owned(),
                }
                .into());
            }
            Ok(())
        }
        .await;
        self.audited(actor, "customer.add", Some(code), None, result)
            .await
    }

    /// `otpd customer set` (and `customer add --lang/--contact`): the language and
    /// contact of messages to the customer's users; an empty value clears one.
    pub async fn customer_set(
        &self,
        actor: &Actor,
        code: &str,
        change: &CustomerChange<'_>,
    ) -> Result<(), ServerError> {
        let result = async {
            let lang = match change.lang {
                Some("") | None => change.lang,
                Some(lang) => Some(user_lang(lang).ok_or_else(|| AdminError::BadLang {
                    lang: lang.to_owned(),
                })?),
            };
            if change
                .contact
                .is_some_and(|c| c.chars().any(char::is_control))
            {
                return Err(AdminError::BadContact.into());
            }
            if let Some(digits) = change.code_digits
                && !valid_activation_digits(digits)
            {
                return Err(AdminError::BadCodeDigits { digits }.into());
            }
            let change = CustomerChange { lang, ..*change };
            if self.store.update_customer(code, &change).await? {
                Ok(())
            } else {
                Err(no_customer(code))
            }
        }
        .await;
        self.audited(actor, "customer.set", Some(code), None, result)
            .await
    }

    /// The customer with `code` as messages to its users need it.
    pub async fn customer_profile(&self, code: &str) -> Result<CustomerProfile, ServerError> {
        self.store
            .customer_profile(code)
            .await?
            .ok_or_else(|| no_customer(code))
    }

    /// `otpd customer list`.
    pub async fn customer_list(&self) -> Result<Vec<CustomerRow>, ServerError> {
        self.store.customers().await
    }

    /// `otpd customer disable`: lookups, enrollment and its API keys stop working.
    pub async fn customer_disable(&self, actor: &Actor, code: &str) -> Result<(), ServerError> {
        let result = match self.store.disable_customer(code).await {
            Ok(true) => Ok(()),
            Ok(false) => Err(no_customer(code)),
            Err(error) => Err(error),
        };
        self.audited(actor, "customer.disable", Some(code), None, result)
            .await
    }

    /// `otpd user add`: the ID is checked, and the email address and language
    /// when given (the language lower-cased to `en` or `ko`).
    pub async fn user_add(
        &self,
        actor: &Actor,
        user: &NewUser<'_>,
        now: u64,
    ) -> Result<(), ServerError> {
        let result = async {
            self.require_customer(user.customer).await?;
            let lang = checked_user(user)?;
            let user = NewUser { lang, ..*user };
            if !self.store.insert_user(&user, now).await? {
                return Err(AdminError::UserExists {
                    customer: user.customer.to_owned(),
                    user: user.user_id.to_owned(),
                }
                .into());
            }
            Ok(())
        }
        .await;
        self.audited(
            actor,
            "user.add",
            Some(user.customer),
            Some(user.user_id),
            result,
        )
        .await
    }

    /// Where and in which language `user_id` at `customer` gets messages.
    pub async fn user_contact(
        &self,
        customer: &str,
        user_id: &str,
    ) -> Result<UserContact, ServerError> {
        self.require_customer(customer).await?;
        self.store
            .user_contact(customer, user_id)
            .await?
            .ok_or_else(|| {
                AdminError::NoUser {
                    customer: customer.to_owned(),
                    user: user_id.to_owned(),
                }
                .into()
            })
    }

    /// The delivery attempts on record, by channel and state (for `/metrics`).
    pub async fn delivery_counts(&self) -> Result<Vec<DeliveryCount>, ServerError> {
        self.store.delivery_counts().await
    }

    /// `otpd user list`: the users with their token and latest activation code at `now`.
    pub async fn user_list(&self, customer: &str, now: u64) -> Result<Vec<UserRow>, ServerError> {
        self.require_customer(customer).await?;
        self.store.users(customer, now).await
    }

    /// `otpd issue`: a new 6-digit activation code from the OS random generator,
    /// sealed at rest; any earlier live code of the user is revoked in the same
    /// transaction. The code and its expiry (Unix seconds) are returned to be shown
    /// once, never logged.
    pub async fn issue(
        &self,
        actor: &Actor,
        customer: &str,
        user_id: &str,
        ttl_secs: Option<u64>,
        now: u64,
    ) -> Result<(Zeroizing<String>, u64), ServerError> {
        let issued = self
            .issue_code(actor, customer, user_id, ttl_secs, now)
            .await?;
        Ok((issued.code, issued.expires))
    }

    /// [`Service::issue`], with the code's id and its user's row for a delivery record.
    pub async fn issue_code(
        &self,
        actor: &Actor,
        customer: &str,
        user_id: &str,
        ttl_secs: Option<u64>,
        now: u64,
    ) -> Result<IssuedCode, ServerError> {
        let result: Result<IssuedCode, ServerError> = async {
            let user_ref = self.require_user(customer, user_id).await?;
            let ttl = self.code_lifetime(ttl_secs);
            let code = new_activation_code(self.store.customer_code_digits(customer).await?)?;
            let id = new_id()?;
            let sealed = self
                .key
                .seal(&format!("activation|{id}"), code.as_bytes())?;
            let audit = AuditEntry {
                actor,
                action: "issue",
                customer: Some(customer),
                user_id: Some(user_id),
                outcome: "ok",
                detail: None,
            };
            let activation = NewActivation {
                id: &id,
                user_ref: &user_ref,
                code_sealed: &sealed,
                created_at: now,
                expires_at: now + ttl,
            };
            self.store
                // The audit detail is a record (key=value), in no language.
                .issue_activation(&activation, audit, |revoked| {
                    format!("ttl={ttl}s revoked_previous={revoked}")
                })
                .await?;
            Ok(IssuedCode {
                code,
                expires: now + ttl,
                activation_id: id,
                user_ref,
            })
        }
        .await;
        if let Err(error) = &result {
            self.audit(
                actor,
                "issue",
                Some(customer),
                Some(user_id),
                error.outcome(),
                None,
            )
            .await?;
        }
        result
    }

    /// The lifetime of a code issued with `ttl_secs` (or the configured default).
    pub fn code_lifetime(&self, ttl_secs: Option<u64>) -> u64 {
        ttl_secs.unwrap_or(self.policy.activation_ttl_secs)
    }

    /// Records an attempt to deliver `issued` to `user_id` at `customer` over
    /// `channel`: a `deliveries` row and an audit `deliver` row (outcome `ok` or
    /// the delivery error code, detail `channel=...`), neither with the code or
    /// the address.
    pub async fn record_delivery(
        &self,
        actor: &Actor,
        customer: &str,
        user_id: &str,
        issued: &IssuedCode,
        channel: &str,
        error: Option<&str>,
    ) -> Result<(), ServerError> {
        let detail = format!("channel={channel}");
        let delivery = NewDelivery {
            user_ref: &issued.user_ref,
            activation_id: &issued.activation_id,
            channel,
            state: if error.is_some() { "failed" } else { "sent" },
            error,
        };
        let audit = AuditEntry {
            actor,
            action: "deliver",
            customer: Some(customer),
            user_id: Some(user_id),
            outcome: error.unwrap_or("ok"),
            detail: Some(&detail),
        };
        self.store.insert_delivery(&delivery, &audit).await
    }

    /// `otpd unlock`: clears the failure count of the user's token.
    pub async fn unlock(
        &self,
        actor: &Actor,
        customer: &str,
        user_id: &str,
    ) -> Result<(), ServerError> {
        let result = async {
            let user_ref = self.require_user(customer, user_id).await?;
            let tokens = self.store.unlock_tokens(&user_ref).await?;
            let pushes = self.store.unlock_pushes(&user_ref).await?;
            if tokens == 0 && !pushes {
                return Err(AdminError::NothingToUnlock {
                    user: user_id.to_owned(),
                }
                .into());
            }
            Ok(())
        }
        .await;
        self.audited(actor, "unlock", Some(customer), Some(user_id), result)
            .await
    }

    /// `otpd revoke`: the user's token (a lost device) and any live activation
    /// code; how many were revoked.
    pub async fn revoke(
        &self,
        actor: &Actor,
        customer: &str,
        user_id: &str,
    ) -> Result<u64, ServerError> {
        let result = async {
            let user_ref = self.require_user(customer, user_id).await?;
            self.store.revoke_user(&user_ref).await
        }
        .await;
        self.audited(actor, "revoke", Some(customer), Some(user_id), result)
            .await
    }

    /// `otpd client add`: a new API key for a login system, stored as SHA-256 (the
    /// key has 256 random bits, so a plain hash is enough); returned once.
    pub async fn client_add(
        &self,
        actor: &Actor,
        customer: &str,
        name: &str,
        now: u64,
    ) -> Result<NewApiKey, ServerError> {
        let result = async {
            self.require_customer(customer).await?;
            let id = new_id()?;
            let secret = crate::random::secret_bytes::<32>()?;
            let secret_text = Zeroizing::new(b64(secret.as_ref()));
            self.store
                .insert_api_client(
                    &id,
                    customer,
                    name,
                    &sha256_hex(secret_text.as_bytes()),
                    now,
                )
                .await?;
            let key = Zeroizing::new(format!("otpk_{id}_{}", secret_text.as_str()));
            Ok(NewApiKey { id, key })
        }
        .await;
        let detail = result
            .as_ref()
            .ok()
            .map(|k| format!("client={} name={name:?}", k.id));
        self.audit(
            actor,
            "client.add",
            Some(customer),
            None,
            outcome_of(&result),
            detail.as_deref(),
        )
        .await?;
        result
    }

    /// `otpd client revoke`.
    pub async fn client_revoke(&self, actor: &Actor, id: &str) -> Result<(), ServerError> {
        let result = match self.store.revoke_api_client(id).await {
            Ok(true) => Ok(()),
            Ok(false) => Err(AdminError::NoClient { id: id.to_owned() }.into()),
            Err(error) => Err(error),
        };
        self.audit(
            actor,
            "client.revoke",
            None,
            None,
            outcome_of(&result),
            Some(&format!("client={id}")),
        )
        .await?;
        result
    }

    /// `otpd audit`: the latest entries, newest last.
    pub async fn audit_list(
        &self,
        limit: u32,
        customer: Option<&str>,
    ) -> Result<Vec<AuditRow>, ServerError> {
        self.store.audit_entries(limit, customer).await
    }
}

/// Checks a new user's ID, name, email address and language; the language in
/// its canonical form.
pub fn checked_user(user: &NewUser<'_>) -> Result<Option<&'static str>, ServerError> {
    check_user_id(user.user_id)?;
    if let Some(name) = user.display_name {
        check_display_name(name)?;
    }
    if let Some(email) = user.email {
        check_email(email)?;
    }
    user.lang.map(check_lang).transpose().map_err(Into::into)
}

/// Checks a user ID (see [`valid_user_id`]).
pub fn check_user_id(user_id: &str) -> Result<(), AdminError> {
    if valid_user_id(user_id) {
        Ok(())
    } else {
        Err(AdminError::BadUserId {
            user: user_id.to_owned(),
        })
    }
}

/// Checks a display name (see [`valid_display_name`]).
pub fn check_display_name(name: &str) -> Result<(), AdminError> {
    if valid_display_name(name) {
        Ok(())
    } else {
        Err(AdminError::BadName)
    }
}

/// Checks an email address (see [`valid_email`]).
pub fn check_email(email: &str) -> Result<(), AdminError> {
    if valid_email(email) {
        Ok(())
    } else {
        Err(AdminError::BadEmail {
            email: email.to_owned(),
        })
    }
}

/// A language otpd writes messages in, in its canonical form (see [`user_lang`]).
pub fn check_lang(lang: &str) -> Result<&'static str, AdminError> {
    user_lang(lang).ok_or_else(|| AdminError::BadLang {
        lang: lang.to_owned(),
    })
}
