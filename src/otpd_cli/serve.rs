//! `otpd serve`: binds the configured address, prints it (and writes it to
//! `--addr-file`), and serves until SIGINT or SIGTERM. SIGHUP (`systemctl reload`)
//! re-reads the TLS certificate and key.

use std::path::Path;

use super::words::WORDING;
use crate::i18n::{Lang, Localize};
use crate::server::ServerError;
use crate::server::config::ServerConfig;
use crate::server::error::IoAction;
use crate::server::serve::{Listener, TlsReloader, app_state, open_service, serve};
use crate::server::sqlite_files::open_directory;
use crate::t_in;

/// Runs the server of `config` until interrupted.
pub async fn run(config: &ServerConfig, addr_file: Option<&Path>) -> Result<(), ServerError> {
    let listener = Listener::bind(config).await?;
    let service = open_service(config).await?;
    // Other instances' push requests and answers, heard on PostgreSQL.
    let listening = service.listen_for_pushes(&config.database);
    let state = app_state(config, service, WORDING)?;
    // Taken over before anything is announced, so that a SIGHUP sent as soon as
    // otpd says it listens never ends it (SIGHUP's default action).
    let reloads = reload_on_hangup(listener.tls_reloader())?;
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
    let served = serve(state, listener, async {
        shutdown_signal().await;
        eprintln!("{}", t_in!(Lang::En, "otpd-log-shutting-down"));
    })
    .await;
    reloads.abort();
    if let Some(listening) = listening {
        listening.abort();
    }
    served
}

/// Handles SIGHUP from now on: re-reads the certificate and key of `tls`, or logs
/// that plain HTTP has nothing to reload. A pair that cannot be used is logged
/// and the one in use kept.
#[cfg(unix)]
fn reload_on_hangup(tls: Option<TlsReloader>) -> Result<tokio::task::JoinHandle<()>, ServerError> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut hangups = signal(SignalKind::hangup()).map_err(ServerError::io(IoAction::Signals))?;
    Ok(tokio::spawn(async move {
        while hangups.recv().await.is_some() {
            let Some(tls) = &tls else {
                eprintln!("{}", t_in!(Lang::En, "otpd-log-nothing-to-reload"));
                continue;
            };
            let line = match tls.reload().await {
                Ok(()) => t_in!(
                    Lang::En,
                    "otpd-log-tls-reloaded",
                    cert = tls.cert().display().to_string(),
                    key = tls.key().display().to_string()
                ),
                Err(error) => t_in!(
                    Lang::En,
                    "otpd-log-tls-reload-failed",
                    detail = error.localize_in(Lang::En)
                ),
            };
            eprintln!("{line}");
        }
    }))
}

/// Nothing to handle where there is no SIGHUP.
#[cfg(not(unix))]
fn reload_on_hangup(_tls: Option<TlsReloader>) -> Result<tokio::task::JoinHandle<()>, ServerError> {
    Ok(tokio::spawn(async {}))
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
