//! `otp::transfer::read` told the file is `Format::FreeOtpTokens` (FreeOTP 1's
//! tokens.xml, Android preferences).
#![no_main]

use libfuzzer_sys::fuzz_target;
use otp::transfer::{Format, ImportError};

fuzz_target!(|data: &[u8]| {
    let _ = otp::transfer::read(data, Some(Format::FreeOtpTokens), &mut |_| {
        Err(ImportError::Password("none".into()))
    });
});
