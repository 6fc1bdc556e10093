//! `otp::transfer::read` told the file is `Format::AndOtpEncrypted` (an andOTP `.json.aes` backup);
//! a password is never given, so a file is checked as far as the prompt (the decrypted backup is
//! andOTP's plain JSON, which the `andotp` target fuzzes).
#![no_main]

use libfuzzer_sys::fuzz_target;
use otp::transfer::{Format, ImportError};

fuzz_target!(|data: &[u8]| {
    let _ = otp::transfer::read(data, Some(Format::AndOtpEncrypted), &mut |_| {
        Err(ImportError::Password("none".into()))
    });
});
