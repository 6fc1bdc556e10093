//! How an activation code reaches its user when the administrator does not hand it
//! over: by email (SMTP) or by the organisation's webhook.
//!
//! - [`settings`] — `[delivery]`, `[smtp]` and `[webhook]` in `otpd.toml`
//! - [`letter`] — what a message says: the templates (shipped under `assets/mail/`,
//!   overridden under `templates_dir`) rendered for one user
//! - [`email`] — sending a rendered message over SMTP (lettre, rustls)
//! - [`webhook`] — posting it, signed, to the organisation's URL (ureq)
//! - [`courier`] — the channel chosen for a run, built once from the config and
//!   reused for every user (one SMTP connection pool for a whole import)

pub mod courier;
pub mod email;
pub mod letter;
pub mod settings;
pub mod webhook;
