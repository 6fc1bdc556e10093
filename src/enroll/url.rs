//! Server addresses: `https://` anywhere, `http://` only to this machine.

use super::error::{ClientDetail, EnrollError};
use crate::api::ErrorCode;

/// A checked server base URL, without a trailing slash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerUrl(String);

fn is_loopback_host(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    host.parse::<std::net::IpAddr>()
        .is_ok_and(|ip| ip.is_loopback())
}

impl ServerUrl {
    /// Checks `text`: `https://host[:port][/path]`, or `http://` to a loopback
    /// address (127.0.0.0/8, ::1, localhost); anything else is CE2001.
    pub fn parse(text: &str) -> Result<Self, EnrollError> {
        let text = text.trim().trim_end_matches('/');
        let refuse = |detail: ClientDetail| EnrollError::client(ErrorCode::Ce2001, detail);
        let (scheme, rest) = text
            .split_once("://")
            .ok_or_else(|| refuse(ClientDetail::NotHttps(text.to_owned())))?;
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        if authority.is_empty() || authority.contains('@') || text.chars().any(char::is_whitespace)
        {
            return Err(refuse(ClientDetail::BadAddress(text.to_owned())));
        }
        let host = if authority.starts_with('[') {
            authority
                .split_once(']')
                .map(|(h, _)| h)
                .unwrap_or(authority)
        } else {
            authority
                .rsplit_once(':')
                .map(|(h, _)| h)
                .unwrap_or(authority)
        };
        match scheme.to_ascii_lowercase().as_str() {
            "https" => Ok(Self(text.to_owned())),
            "http" if is_loopback_host(host) => Ok(Self(text.to_owned())),
            "http" => Err(refuse(ClientDetail::PlainHttp(host.to_owned()))),
            _ => Err(refuse(ClientDetail::NotHttps(text.to_owned()))),
        }
    }

    /// The URL as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `path` (starting with `/`) under this URL.
    pub fn join(&self, path: &str) -> String {
        format!("{}{path}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_anywhere_http_only_to_loopback() {
        for ok in [
            "https://otp.example.org",
            "https://otp.example.org:8443/",
            "http://127.0.0.1:8080",
            "http://127.5.6.7",
            "http://localhost:1234/base",
            "http://[::1]:80",
        ] {
            assert!(ServerUrl::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://otp.example.org",
            "http://10.0.0.1:8080",
            "http://127.0.0.1.evil.com",
            "http://localhost@evil.com",
            "ftp://x",
            "otp.example.org",
            "http://[::2]",
        ] {
            let err = ServerUrl::parse(bad).unwrap_err();
            assert_eq!(err.code(), Some(ErrorCode::Ce2001), "{bad}");
        }
        assert_eq!(
            ServerUrl::parse("https://a/").unwrap().join("/v1/x"),
            "https://a/v1/x"
        );
    }
}
