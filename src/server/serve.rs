//! Listening: TLS with rustls from a PEM certificate and key, or plain HTTP on a
//! loopback address (or anywhere with `plain_http_behind_proxy`, for a TLS proxy in
//! front). The bound address is printed, and written to a file on request, so
//! port 0 works.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use axum_server::tls_rustls::RustlsConfig;

use super::ServerError;
use super::config::ServerConfig;
use super::db::{Db, DbOptions};
use super::http::{AppState, router};
use super::keys::MasterKey;
use super::service::{Policy, Service};

/// Opens the database and master key of `config`.
pub async fn open_service(config: &ServerConfig) -> Result<Service, ServerError> {
    let key = MasterKey::load(&config.master_key_file)?;
    let db = Db::open(
        &config.database,
        &DbOptions {
            max_connections: config.max_connections,
            sqlite_synchronous: config.sqlite.synchronous.clone(),
        },
    )
    .await?;
    Ok(Service::new(db, key, Policy::from_config(config)?))
}

/// Runs the server until interrupted (SIGINT or SIGTERM).
pub async fn serve(config: &ServerConfig, addr_file: Option<&Path>) -> Result<(), ServerError> {
    let tls_configured = config.tls_cert.is_some() && config.tls_key.is_some();
    let wanted: Vec<SocketAddr> = std::net::ToSocketAddrs::to_socket_addrs(config.listen.as_str())
        .map_err(|source| ServerError::Io {
            what: format!("resolving the listen address {}", config.listen),
            source,
        })?
        .collect();
    // Refuse before binding, so a plain-HTTP mistake never opens a port.
    if let Some(open) = wanted.iter().find(|a| !a.ip().is_loopback())
        && !tls_configured
        && !config.plain_http_behind_proxy
    {
        return Err(ServerError::Config(format!(
            "refusing plain HTTP on {open}, which is not a loopback address: set tls_cert and tls_key, or plain_http_behind_proxy = true when a TLS proxy is in front"
        )));
    }
    let listener = std::net::TcpListener::bind(&wanted[..]).map_err(|source| ServerError::Io {
        what: format!("listening on {}", config.listen),
        source,
    })?;
    let addr = listener.local_addr().map_err(|source| ServerError::Io {
        what: "reading the bound address".to_owned(),
        source,
    })?;
    let tls = match (&config.tls_cert, &config.tls_key) {
        (Some(cert), Some(key)) => {
            Some(RustlsConfig::from_pem_file(cert, key).await.map_err(|e| {
                ServerError::Tls(format!(
                    "cannot use the certificate {} and key {}: {e}",
                    cert.display(),
                    key.display()
                ))
            })?)
        }
        _ => None,
    };
    listener
        .set_nonblocking(true)
        .map_err(|source| ServerError::Io {
            what: "configuring the listener".to_owned(),
            source,
        })?;
    let service = open_service(config).await?;
    let state = Arc::new(AppState::new(
        service,
        &config.rate_limit,
        config.log_requests,
        config.plain_http_behind_proxy,
    ));
    let app = router(state.clone()).into_make_service_with_connect_info::<SocketAddr>();
    let scheme = if tls.is_some() { "https" } else { "http" };
    eprintln!("otpd: listening on {scheme}://{addr}");
    if let Some(path) = addr_file {
        std::fs::write(path, format!("{scheme}://{addr}\n")).map_err(|source| ServerError::Io {
            what: format!("writing the address to {}", path.display()),
            source,
        })?;
    }
    let pruner = {
        let state = state.clone();
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_secs(60)).await;
                state.prune();
            }
        })
    };
    let handle = axum_server::Handle::new();
    let shutdown = handle.clone();
    tokio::spawn(async move {
        shutdown_signal().await;
        eprintln!("otpd: shutting down");
        shutdown.graceful_shutdown(Some(Duration::from_secs(5)));
    });
    let io = |source| ServerError::Io {
        what: "serving".to_owned(),
        source,
    };
    match tls {
        Some(tls) => {
            axum_server::from_tcp_rustls(listener, tls)
                .map_err(io)?
                .handle(handle)
                .serve(app)
                .await
                .map_err(io)?;
        }
        None => {
            axum_server::from_tcp(listener)
                .map_err(io)?
                .handle(handle)
                .serve(app)
                .await
                .map_err(io)?;
        }
    }
    pruner.abort();
    state.service().db().close().await;
    Ok(())
}

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
