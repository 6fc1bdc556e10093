//! `otp::transfer::read` told the file is `Format::FreeOtpPlus`; a password is never given.
#![no_main]

use libfuzzer_sys::fuzz_target;
use otp::transfer::{Format, ImportError};

fuzz_target!(|data: &[u8]| {
    let _ = otp::transfer::read(data, Some(Format::FreeOtpPlus), &mut |_| {
        Err(ImportError::Password("none".into()))
    });
});
