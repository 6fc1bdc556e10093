//! otp: a terminal authenticator.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]
//!
//! The crate is layered as the design notes describe: pure code (`code`, `secret`,
//! `otpauth`) at the bottom, the account domain above it, services (`vault`,
//! `config`) above that, and the front-ends (`cli`) on top. Arrows point down only.

pub mod code;
pub mod secret;
pub mod vault;
