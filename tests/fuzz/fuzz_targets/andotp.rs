//! `otp::transfer::read` told the file is `Format::AndOtp`; a password is never given.
#![no_main]

use libfuzzer_sys::fuzz_target;
use otp::transfer::{Format, ImportError};

fuzz_target!(|data: &[u8]| {
    let _ = otp::transfer::read(data, Some(Format::AndOtp), &mut |_| {
        Err(ImportError::Password("none".into()))
    });
});
