//! `otp::transfer::read` guessing the format of arbitrary bytes; a password is never given.
#![no_main]

use libfuzzer_sys::fuzz_target;
use otp::transfer::ImportError;

fuzz_target!(|data: &[u8]| {
    let _ = otp::transfer::read(data, None, &mut |_| {
        Err(ImportError::Password("none".into()))
    });
});
