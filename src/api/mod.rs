//! What the enrollment client (`otp add --customer`) and the server (`otpd`) say to
//! each other: the JSON wire types, the error codes with the sentence each shows a
//! person, and (with the `enroll` feature) the SPAKE2 exchange both sides run.
//!
//! This is the domain layer: no HTTP, no database, no clock.

mod codes;
#[cfg(feature = "enroll")]
pub mod pake;
pub mod wire;

pub use codes::ErrorCode;
