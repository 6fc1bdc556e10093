//! otp: a terminal authenticator, and `otpd`, the server an organisation runs for it.
//!
//! # Module map
//!
//! One package, two programs. Arrows point down only, and no file uses a file that
//! uses it back (`tests/layout.rs` checks both, file by file):
//!
//! ```text
//!  front-ends  cli/ (otp: args, global options, one file per subcommand, text)
//!              tui/ (message, app/ state + update, view/, keymap, layout, form, worker)
//!              otpd_cli/ (otpd's admin CLI; server feature)      manual (man pages)
//!      |
//!  services    vault/ (file, crypto, lockout, payload, pin)   age_scrypt (PIN/password files)
//!              agent/ (protocol, server, client, socket)      transfer/ (one file per format)
//!              enroll/ (client, save = the one save/rollback)  clipboard  qr  config
//!              server/ (otpd: store = all SQL, enroll, verify, batch, admin, http, serve)
//!      |
//!  domain      accounts (Account, Store, matching)      api/ (wire types, error codes, SPAKE2)
//!      |
//!  helpers     clock (the one wall clock)      random (the one random source)
//!      |
//!  pure        code/ (HOTP/TOTP, time passed in)   otpauth (URIs)   secret (base32, redacted)
//! ```
//!
//! - The `otp` binary (`src/main.rs`) reaches nothing of `server/` or `otpd_cli/`;
//!   `otpd` (`src/bin/otpd.rs`) needs the `server` feature, and building without it
//!   compiles no tokio, axum or sqlx (`tests/client_build.rs`).
//! - Nothing below the front-ends uses clap, ratatui or crossterm; nothing in the pure
//!   layer reads the clock, the file system or the network.
//! - Errors are typed per module; the front-ends turn them into sentences.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod accounts;
pub mod age_scrypt;
pub mod agent;
pub mod api;
pub mod cli;
pub mod clipboard;
pub mod clock;
pub mod code;
pub mod config;
#[cfg(feature = "enroll")]
pub mod enroll;
pub mod i18n;
pub mod manual;
pub mod otpauth;
#[cfg(feature = "server")]
pub mod otpd_cli;
pub mod qr;
pub mod random;
pub mod secret;
#[cfg(feature = "server")]
pub mod server;
pub mod transfer;
pub mod tui;
pub mod vault;
