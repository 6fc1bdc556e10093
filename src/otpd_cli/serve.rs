//! `otpd serve`: binds the configured address, prints it (and writes it to
//! `--addr-file`), and serves until SIGINT or SIGTERM.

use std::path::Path;

use super::words::WORDING;
use crate::i18n::Lang;
use crate::server::ServerError;
use crate::server::config::ServerConfig;
use crate::server::error::IoAction;
use crate::server::serve::{Listener, app_state, open_service, serve};
use crate::server::sqlite_files::open_directory;
use crate::t_in;

/// Runs the server of `config` until interrupted.
pub async fn run(config: &ServerConfig, addr_file: Option<&Path>) -> Result<(), ServerError> {
    let listener = Listener::bind(config).await?;
    let service = open_service(config).await?;
    let url = listener.url();
    // Log lines stay English whatever the locale, for grep.
    if let Some(dir) = open_directory(&config.database) {
        eprintln!(
            "{}",
            t_in!(
                Lang::En,
                "otpd-log-data-dir-open",
                dir = dir.display().to_string()
            )
        );
    }
    eprintln!(
        "{}",
        t_in!(Lang::En, "otpd-log-listening", url = url.as_str())
    );
    if let Some(path) = addr_file {
        std::fs::write(path, format!("{url}\n"))
            .map_err(ServerError::io(IoAction::WriteAddr(path.to_owned())))?;
    }
    serve(app_state(config, service, WORDING), listener, async {
        shutdown_signal().await;
        eprintln!("{}", t_in!(Lang::En, "otpd-log-shutting-down"));
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
