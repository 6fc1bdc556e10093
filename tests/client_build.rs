//! The client alone (`otp` without the `server` feature) must not pull in the
//! server's crates: a user who wants only the authenticator compiles no async
//! runtime, web framework or database driver.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;

/// Crates only otpd needs; none may appear in the client's dependency tree.
const SERVER_CRATES: [&str; 8] = [
    "tokio",
    "axum",
    "axum-core",
    "axum-server",
    "sqlx",
    "sqlx-core",
    "hyper",
    "governor",
];

/// The package names in the normal dependency tree of the client-only build.
fn client_dependencies() -> Vec<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let out = Command::new(cargo)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")))
        .args([
            "tree",
            "--offline",
            "--locked",
            "-e",
            "normal",
            "--no-default-features",
            "--features",
            "enroll",
            "--prefix",
            "none",
            "--format",
            "{p}",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_client_build_has_no_server_crates() {
    let dependencies = client_dependencies();
    assert!(
        dependencies.iter().any(|name| name == "ratatui"),
        "cargo tree listed no ratatui; is the output format still `{{p}}`? {dependencies:?}"
    );
    let server: Vec<&String> = dependencies
        .iter()
        .filter(|name| SERVER_CRATES.contains(&name.as_str()))
        .collect();
    assert!(
        server.is_empty(),
        "the client-only build (--no-default-features --features enroll) depends on server crates: {server:?}"
    );
}
