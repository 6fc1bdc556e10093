//! `otp::transfer::read` told the file is `Format::Proton` (a Proton Authenticator export); a password is
//! never given, so an encrypted file is checked as far as the prompt.
#![no_main]

use libfuzzer_sys::fuzz_target;
use otp::transfer::{Format, ImportError};

fuzz_target!(|data: &[u8]| {
    let _ = otp::transfer::read(data, Some(Format::Proton), &mut |_| {
        Err(ImportError::Password("none".into()))
    });
});
