//! The error codes of the enrollment and verification protocol.
//!
//! `CE…` codes are found by the client, `SE…` codes are sent by the server. The
//! numbers follow the AnyOTP app the product's first users know (CE1001, SE3005,
//! SE3010); their sentences, in each language, are in `assets/i18n/*/api.ftl`.

use std::fmt;
use std::str::FromStr;

/// One protocol error code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// The customer code is not known (or its organisation is disabled).
    Ce1001,
    /// Malformed input: a request or an answer that is not in the expected form.
    Ce1002,
    /// A JSON request sent without `Content-Type: application/json`.
    Ce1003,
    /// The https connection or its certificate could not be checked, or plain http
    /// to a server that is not on this machine.
    Ce2001,
    /// The server's key-confirmation proof or the sealed secret did not verify.
    Ce2002,
    /// No OTP issuance has been applied for this ID.
    Se3005,
    /// The activation code failed: wrong, expired, used or burned.
    Se3010,
    /// The enrollment session expired or is unknown.
    Se3020,
    /// The one-time code is wrong.
    Se4001,
    /// The one-time code was already used (or an earlier one was accepted after it).
    Se4002,
    /// The token is locked after too many wrong codes.
    Se4003,
    /// The user has no active token.
    Se4004,
    /// The request needs a valid API key (login systems) and had none.
    Se5001,
    /// `/metrics` needs the metrics token and the request did not bear it.
    Se5002,
    /// `/metrics` is served only to this machine (no metrics token is configured).
    Se5403,
    /// Too many requests from this address; retry after the time the server gives.
    Se5029,
    /// The server failed; nothing about the request is wrong.
    Se5000,
    /// The request was not HTTP the server could read (sent by otpd's HTTP layer).
    Se5400,
    /// The request's body did not arrive in time.
    Se5408,
    /// The request's path is too long.
    Se5414,
    /// The request's headers are too many or too large.
    Se5431,
    /// The user has no device key for push approvals.
    Se7001,
    /// The approval request expired.
    Se7002,
    /// The approval request was already answered.
    Se7003,
    /// The number chosen is not the login page's: the request is denied.
    Se7004,
    /// Approval requests are locked for the user after denials.
    Se7005,
    /// Too many approval requests wait for the user.
    Se7006,
    /// The approval request is unknown (or another customer's).
    Se7007,
    /// The device's signature did not verify.
    Se7008,
}

impl ErrorCode {
    /// Every code, in the order the README table lists them.
    pub const ALL: [ErrorCode; 29] = [
        ErrorCode::Ce1001,
        ErrorCode::Ce1002,
        ErrorCode::Ce1003,
        ErrorCode::Ce2001,
        ErrorCode::Ce2002,
        ErrorCode::Se3005,
        ErrorCode::Se3010,
        ErrorCode::Se3020,
        ErrorCode::Se4001,
        ErrorCode::Se4002,
        ErrorCode::Se4003,
        ErrorCode::Se4004,
        ErrorCode::Se5001,
        ErrorCode::Se5002,
        ErrorCode::Se5403,
        ErrorCode::Se5029,
        ErrorCode::Se5000,
        ErrorCode::Se5400,
        ErrorCode::Se5408,
        ErrorCode::Se5414,
        ErrorCode::Se5431,
        ErrorCode::Se7001,
        ErrorCode::Se7002,
        ErrorCode::Se7003,
        ErrorCode::Se7004,
        ErrorCode::Se7005,
        ErrorCode::Se7006,
        ErrorCode::Se7007,
        ErrorCode::Se7008,
    ];

    /// The code as shown, e.g. `SE3010`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Ce1001 => "CE1001",
            ErrorCode::Ce1002 => "CE1002",
            ErrorCode::Ce1003 => "CE1003",
            ErrorCode::Ce2001 => "CE2001",
            ErrorCode::Ce2002 => "CE2002",
            ErrorCode::Se3005 => "SE3005",
            ErrorCode::Se3010 => "SE3010",
            ErrorCode::Se3020 => "SE3020",
            ErrorCode::Se4001 => "SE4001",
            ErrorCode::Se4002 => "SE4002",
            ErrorCode::Se4003 => "SE4003",
            ErrorCode::Se4004 => "SE4004",
            ErrorCode::Se5001 => "SE5001",
            ErrorCode::Se5002 => "SE5002",
            ErrorCode::Se5403 => "SE5403",
            ErrorCode::Se5029 => "SE5029",
            ErrorCode::Se5000 => "SE5000",
            ErrorCode::Se5400 => "SE5400",
            ErrorCode::Se5408 => "SE5408",
            ErrorCode::Se5414 => "SE5414",
            ErrorCode::Se5431 => "SE5431",
            ErrorCode::Se7001 => "SE7001",
            ErrorCode::Se7002 => "SE7002",
            ErrorCode::Se7003 => "SE7003",
            ErrorCode::Se7004 => "SE7004",
            ErrorCode::Se7005 => "SE7005",
            ErrorCode::Se7006 => "SE7006",
            ErrorCode::Se7007 => "SE7007",
            ErrorCode::Se7008 => "SE7008",
        }
    }

    /// The HTTP status the server answers with.
    pub fn http_status(self) -> u16 {
        match self {
            ErrorCode::Ce1001 | ErrorCode::Se3005 | ErrorCode::Se4004 => 404,
            ErrorCode::Ce1002 | ErrorCode::Ce2001 | ErrorCode::Ce2002 => 400,
            ErrorCode::Se3010 | ErrorCode::Se4001 | ErrorCode::Se5001 | ErrorCode::Se5002 => 401,
            ErrorCode::Se5403 => 403,
            ErrorCode::Se3020 => 410,
            ErrorCode::Se4002 => 409,
            ErrorCode::Se4003 => 423,
            ErrorCode::Ce1003 => 415,
            ErrorCode::Se5029 => 429,
            ErrorCode::Se5000 => 500,
            ErrorCode::Se5400 => 400,
            ErrorCode::Se5408 => 408,
            ErrorCode::Se5414 => 414,
            ErrorCode::Se5431 => 431,
            ErrorCode::Se7001 => 404,
            ErrorCode::Se7002 => 410,
            ErrorCode::Se7003 => 409,
            ErrorCode::Se7004 => 403,
            ErrorCode::Se7005 => 423,
            ErrorCode::Se7006 => 429,
            ErrorCode::Se7007 => 404,
            ErrorCode::Se7008 => 401,
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A text that is not one of the codes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown error code {0:?}")]
pub struct UnknownCode(pub String);

impl FromStr for ErrorCode {
    type Err = UnknownCode;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        ErrorCode::ALL
            .into_iter()
            .find(|code| code.as_str() == text)
            .ok_or_else(|| UnknownCode(text.to_owned()))
    }
}

impl serde::Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for ErrorCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_have_a_status() {
        for code in ErrorCode::ALL {
            assert_eq!(code.as_str().parse::<ErrorCode>(), Ok(code));
            assert!((400..600).contains(&code.http_status()));
        }
        assert!("XX0000".parse::<ErrorCode>().is_err());
    }
}
