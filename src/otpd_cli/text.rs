//! Every sentence the otpd command line shows, in one place for translation.

use std::path::Path;

/// The first lines of a new config file.
pub const CONFIG_HEADER: &str = "\
# otpd configuration (no secrets here: the master key is in master_key_file).
# database: sqlite://PATH for one instance, postgres://USER@HOST/DB for several.
# TLS: set tls_cert and tls_key (PEM). Plain HTTP is served only on a loopback
# address, or with plain_http_behind_proxy = true behind a TLS proxy.

";

/// After `otpd init`.
pub fn initialised(config: &Path, key: &Path, database: &str) -> String {
    format!(
        "Created {} and the master key {} (mode 0600; back it up: without it no seed or activation code in the database can be read).\nDatabase: {database}\nNext: `otpd customer add <code> <name>`.",
        config.display(),
        key.display()
    )
}

/// After `otpd issue` (on stderr; the code alone is on stdout).
pub fn issued(customer: &str, user: &str, expires: &str) -> String {
    format!(
        "Activation code for {user} at customer {customer}, valid until {expires}, one use, shown only now. Any earlier code of this user no longer works."
    )
}

/// After `otpd client add` (on stderr; the key alone is on stdout).
pub fn client_added(id: &str, name: &str) -> String {
    format!(
        "API key for {name} (client id {id}), shown only now: give it to the login system, which sends it as `Authorization: Bearer <key>` to /v1/verify. Revoke it with `otpd client revoke {id}`."
    )
}
