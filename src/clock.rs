//! The one wall clock of the crate: whole seconds since the Unix epoch.
//!
//! The pure layer (`code`, `otpauth`) takes the time as a parameter; the services and
//! front-ends read it here, so every part agrees on what a clock set before 1970
//! means: an error, never a silent 0 that would produce the codes of 1970.

use std::time::{SystemTime, UNIX_EPOCH};

/// The system clock reads a time before 1970-01-01 00:00:00 UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the system clock is set before 1970; set the date and time, then try again")]
pub struct ClockError;

/// Seconds since the Unix epoch by the system clock.
pub fn unix_now() -> Result<u64, ClockError> {
    unix_seconds(SystemTime::now())
}

/// Microseconds since the Unix epoch by the system clock (for ordering records
/// written within the same second, such as otpd's audit log).
pub fn unix_now_micros() -> Result<u64, ClockError> {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_micros()).unwrap_or(u64::MAX))
        .map_err(|_| ClockError)
}

/// Seconds since the Unix epoch at `time` (rounded down).
pub fn unix_seconds(time: SystemTime) -> Result<u64, ClockError> {
    time.duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .map_err(|_| ClockError)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn before_1970_is_an_error_not_zero() {
        let before = UNIX_EPOCH - Duration::from_secs(1);
        assert_eq!(unix_seconds(before), Err(ClockError));
        assert_eq!(unix_seconds(UNIX_EPOCH), Ok(0));
        assert_eq!(
            unix_seconds(UNIX_EPOCH + Duration::from_millis(59_999)),
            Ok(59)
        );
    }

    #[test]
    fn now_is_after_2020() {
        assert!(unix_now().is_ok_and(|now| now > 1_577_836_800));
    }
}
