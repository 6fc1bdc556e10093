//! otpd
fn main() {}
