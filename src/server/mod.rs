//! `otpd`, the organisation's server: enrollment by customer code, user ID and
//! activation code (SPAKE2), and code verification for login systems.
//!
//! - [`config`] — `otpd.toml`; [`policy`] — limits and input rules taken from it;
//!   [`user_lang`] — the languages of messages to users
//! - [`keys`] — the master key that seals secrets at rest
//! - [`delivery`] — how activation codes reach their users: the `[delivery]`,
//!   `[smtp]` and `[webhook]` settings, the message templates, email and webhook
//! - [`db`] — the connection pools (SQLite or PostgreSQL through `sqlx::Any`);
//!   [`sqlite_files`] — a SQLite database's files on disk, kept private (0600)
//! - `store` — every SQL statement, behind one type: the one place that knows the schema
//! - [`service`] — the server's state and its audit trail ([`audit`], with
//!   [`public_audit`], the bound on what anonymous clients make it write); what it does is
//!   split by concern into `enroll`, `verify` (with `write`, what a verification
//!   writes, and `batch`, the group committer) and [`admin`] (with [`rows`], what
//!   its listings return, and [`user_import`], users in bulk from the CSV file
//!   [`roster`] reads)
//! - [`http`] — the axum router: limits, rate limiting, logging, error codes;
//!   [`metrics`] — what `GET /metrics` counts and who may read it
//! - [`serve`] — serving the router on a bound listener, TLS (rustls) or plain HTTP,
//!   until a shutdown future resolves; [`gate`] — what every connection passes first:
//!   the caps of [`conn_limit`] and the idle timeout and refusal words of
//!   [`conn_stream`]
//! - `push` — push approvals (create, wait, device poll and answer, register),
//!   with [`push_hub`], the wake-ups long-polls wait on (and PostgreSQL's
//!   `LISTEN`/`NOTIFY` between instances)
//! - [`error`] — [`ServerError`]; `ids` — fresh ids, serials and activation codes

pub mod admin;
pub mod audit;
mod batch;
pub mod config;
pub mod conn_limit;
pub mod conn_stream;
pub mod db;
pub mod delivery;
mod enroll;
pub mod error;
pub mod gate;
pub mod http;
mod ids;
pub mod keys;
pub mod metrics;
pub mod policy;
pub mod public_audit;
mod push;
pub mod push_hub;
pub mod roster;
pub mod rows;
pub mod serve;
pub mod service;
pub mod sqlite_files;
mod store;
#[cfg(feature = "test-support")]
mod test_support;
pub mod user_import;
pub mod user_lang;
mod verify;
mod write;

pub use error::ServerError;
