//! Single-account `otpauth://` links; a link that parses must survive a round trip.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(parsed) = otp::otpauth::parse(text) {
        let again = otp::otpauth::parse(&parsed.uri.to_uri());
        // What to_uri cannot write (otpauth's documented exceptions) may read back
        // differently, but it must still read.
        assert!(again.is_ok(), "to_uri wrote a link parse rejects");
    }
});
