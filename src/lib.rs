//! otp: a terminal authenticator.
//!
//! The crate is layered as the design notes describe: pure code (`code`, `secret`,
//! `otpauth`) at the bottom, the account domain (`accounts`) above it, services
//! (`vault`, `config`, `clipboard`, `agent`) above that, and the front-ends (`cli`,
//! `tui`) on top. Arrows point down only: nothing below the front-ends knows about
//! clap, ratatui or the terminal.

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
