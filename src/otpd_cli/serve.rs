//! `otpd serve`: binds the configured address, prints it (and writes it to
//! `--addr-file`), and serves until SIGINT or SIGTERM.

use std::path::Path;

use crate::server::ServerError;
use crate::server::config::ServerConfig;
use crate::server::serve::{Listener, app_state, open_service, serve};

/// Runs the server of `config` until interrupted.
pub async fn run(config: &ServerConfig, addr_file: Option<&Path>) -> Result<(), ServerError> {
    let listener = Listener::bind(config).await?;
    let service = open_service(config).await?;
    let url = listener.url();
    eprintln!("otpd: listening on {url}");
    if let Some(path) = addr_file {
        std::fs::write(path, format!("{url}\n")).map_err(|source| ServerError::Io {
            what: format!("writing the address to {}", path.display()),
            source,
        })?;
    }
    serve(app_state(config, service), listener, async {
        shutdown_signal().await;
        eprintln!("otpd: shutting down");
    })
    .await
}

/// Resolves on SIGINT or SIGTERM.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
