//! The sentences the otpd command line shows that are more than one message: they
//! all come from the catalogue (`assets/i18n/<lang>/otpd.ftl`), in the language of
//! the administrator's locale.

use std::path::Path;

use crate::t;

/// The first lines of a new config file: comments in the administrator's language,
/// then a blank line.
pub fn config_header() -> String {
    let mut header = t!("otpd-config-header");
    header.push_str("\n\n");
    header
}

/// After `otpd init`.
pub fn initialised(config: &Path, key: &Path, database: &str) -> String {
    t!(
        "otpd-init-done",
        config = config.display().to_string(),
        key = key.display().to_string(),
        database = database
    )
}

/// After `otpd issue` (on stderr; the code alone is on stdout).
pub fn issued(customer: &str, user: &str, expires: &str) -> String {
    t!(
        "otpd-issued",
        customer = customer,
        user = user,
        expires = expires
    )
}

/// After `otpd client add` (on stderr; the key alone is on stdout).
pub fn client_added(id: &str, name: &str) -> String {
    t!("otpd-client-added", id = id, name = name)
}
