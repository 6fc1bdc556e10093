//! What the enrollment client (`otp add --customer`) and the server (`otpd`) say to
//! each other: the JSON wire types, the error codes with the sentence each shows a
//! person, the shapes of customer and activation codes ([`shapes`]), push approvals
//! ([`push`]), and (with the `enroll` feature) the SPAKE2 exchange both sides run and
//! the device's signing key ([`device_key`]).
//!
//! This is the domain layer: no HTTP, no database, no clock.

mod codes;
#[cfg(feature = "enroll")]
pub mod device_key;
#[cfg(feature = "enroll")]
pub mod pake;
pub mod push;
pub mod shapes;
pub mod wire;

pub use codes::ErrorCode;
