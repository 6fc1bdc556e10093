//! otpd's parsers of push requests from the network: a device's answer (the
//! approval parser: JSON, then the shape check before any lookup), a device's poll
//! and a login system's request with its context. None may panic; an answer that
//! passes the check has a request id, a two-digit number exactly when it approves,
//! and a 64-byte signature, and its signed message is built without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use otp::api::push::{
    Decision, DevicePoll, PushAnswer, PushCreate, signature_bytes, valid_number,
    valid_request_id,
};

fuzz_target!(|data: &[u8]| {
    if let Ok(answer) = serde_json::from_slice::<PushAnswer>(data) {
        if answer.check().is_ok() {
            assert!(valid_request_id(&answer.request_id));
            assert!(signature_bytes(&answer.signature).is_ok());
            match answer.decision {
                Decision::Approve => {
                    assert!(answer.number.as_deref().is_some_and(valid_number))
                }
                Decision::Deny => assert!(answer.number.is_none()),
            }
            let message = PushAnswer::message(
                &answer.serial,
                &answer.request_id,
                answer.decision,
                answer.number.as_deref(),
            );
            assert!(!message.is_empty());
        }
    }
    if let Ok(poll) = serde_json::from_slice::<DevicePoll>(data) {
        let _ = DevicePoll::message(&poll.serial, poll.at);
        let _ = signature_bytes(&poll.signature);
    }
    if let Ok(create) = serde_json::from_slice::<PushCreate>(data) {
        let _ = create.context.is_valid();
    }
});
