//! Customer-code enrollment, the client side: find the organisation's server, run
//! the SPAKE2 exchange keyed by the activation code, check the server's proof,
//! unseal the seed, save the account and activate the token with one current code.
//!
//! Front-end independent: the CLI (`otp add --customer`) and the TUI's enrollment
//! form make the same calls: [`find_server`], [`EnrollClient::lookup_customer`]
//! (to show the organisation's name), then [`save::enroll`], which saves the
//! account in the vault before the token is activated and rolls it back when
//! activation fails.
//!
//! - [`client`]: the HTTPS client for one otpd (the protocol steps);
//! - [`push`]: push approvals, the device's side (poll, answer, register);
//! - [`save`]: saving, activating and rolling back, in one place;
//! - [`url`]: server addresses (`https://`, or `http://` to this machine only);
//! - [`error`]: [`EnrollError`], what went wrong and what to do.

pub mod client;
pub mod error;
pub mod push;
pub mod save;
pub mod url;

pub use client::{EnrollClient, EnrollRequest, PendingAccount, find_server};
pub use error::{CaCertProblem, ClientDetail, EnrollError};
pub use push::{Choice, PushClient, PushError, Signer};
pub use save::{EnrolledAccount, Naming};
pub use url::ServerUrl;
