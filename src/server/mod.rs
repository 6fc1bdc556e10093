//! `otpd`, the organisation's server: enrollment by customer code, user ID and
//! activation code (SPAKE2), and code verification for login systems.
//!
//! - [`config`] — `otpd.toml`; [`policy`] — limits and input rules taken from it
//! - [`keys`] — the master key that seals secrets at rest
//! - [`db`] — the connection pools (SQLite or PostgreSQL through `sqlx::Any`)
//! - [`store`] — every SQL statement, behind one type: the one place that knows the schema
//! - [`service`] — the server's state and its audit trail; what it does is split by
//!   concern: [`enroll`], [`verify`] (with the [`batch`] group committer) and [`admin`]
//! - [`http`] — the axum router: limits, rate limiting, logging, error codes
//! - [`serve`] — serving the router on a bound listener, TLS (rustls) or plain HTTP,
//!   until a shutdown future resolves
//! - [`error`] — [`ServerError`]

pub mod admin;
pub mod audit;
pub mod batch;
pub mod config;
pub mod db;
pub mod enroll;
pub mod error;
pub mod http;
mod ids;
pub mod keys;
pub mod policy;
pub mod rows;
pub mod serve;
pub mod service;
pub mod store;
#[cfg(feature = "test-support")]
mod test_support;
pub mod verify;
pub mod write;

pub use error::ServerError;
