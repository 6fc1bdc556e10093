//! `otp::transfer::read` told the file is `Format::FreeOtpBackup` (FreeOTP 2's backup:
//! a Java-serialised map or Android preferences); a password is never given, so an
//! encrypted file is checked as far as the prompt.
#![no_main]

use libfuzzer_sys::fuzz_target;
use otp::transfer::{Format, ImportError};

fuzz_target!(|data: &[u8]| {
    let _ = otp::transfer::read(data, Some(Format::FreeOtpBackup), &mut |_| {
        Err(ImportError::Password("none".into()))
    });
});
