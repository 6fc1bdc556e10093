//! Serving the API: the router on a bound listener, TLS with rustls from a PEM
//! certificate and key or plain HTTP on a loopback address (or anywhere with
//! `plain_http_behind_proxy`, for a TLS proxy in front), until a shutdown future
//! resolves. The caller binds (so port 0 works and tests run otpd in-process) and
//! decides what shutdown means (`otpd serve` waits for SIGINT or SIGTERM).
//!
//! Connections are HTTP/1.1 only, with the `[connections]` limits of the config:
//! a header-read timeout (hyper's), a body timeout (the router's), an idle timeout
//! and the per-address and total caps (the [`Gate`] every connection passes).

use std::future::Future;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum_server::tls_rustls::RustlsConfig;

use super::config::{ConnectionLimits, ServerConfig};
use super::conn_limit::{ConnCounter, file_limit, total_cap};
use super::conn_stream::Refusals;
use super::db::{Db, DbOptions};
use super::error::{ConfigError, IoAction, ServerError};
use super::gate::Gate;
use super::http::{AppState, Wording, router};
use super::keys::MasterKey;
use super::metrics::{Metrics, MetricsToken};
use super::policy::Policy;
use super::service::Service;

/// How long requests in flight may take to finish once shutdown begins.
pub const GRACE: Duration = Duration::from_secs(5);

/// Connections the kernel may queue for `accept`; otpd accepts (or refuses) them
/// as fast as they come, so this only absorbs bursts.
const BACKLOG: i32 = 1024;

/// How often refused connections are summed up in the log.
const REFUSED_LOG_EVERY: Duration = Duration::from_secs(10);

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

/// The handlers' state for `service` with the config's rate limits, logging and
/// metrics (reading the metrics token file, if any), its refusals said in the
/// front-end's `wording`.
pub fn app_state(
    config: &ServerConfig,
    service: Service,
    wording: Wording,
) -> Result<AppState, ServerError> {
    let state = AppState::new(
        service,
        &config.rate_limit,
        config.log_requests,
        config.plain_http_behind_proxy,
        wording,
    )
    .with_body_timeout(config.connections.body_timeout());
    if !config.metrics.enabled {
        return Ok(state);
    }
    let token = config
        .metrics
        .token_file
        .as_deref()
        .map(MetricsToken::load)
        .transpose()?;
    let started = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|_| ServerError::Clock)?
        .as_secs_f64();
    let metrics = Metrics::new(started, wording.metric_help)?;
    Ok(state.with_metrics(Arc::new(metrics), token))
}

/// A bound socket and how to speak on it.
pub struct Listener {
    socket: std::net::TcpListener,
    addr: SocketAddr,
    tls: Option<Tls>,
    limits: ConnectionLimits,
}

/// The TLS settings a listener serves with, and the files they came from.
#[derive(Clone)]
struct Tls {
    config: RustlsConfig,
    cert: PathBuf,
    key: PathBuf,
}

/// The server's rustls settings from a PEM certificate chain and key: HTTP/1.1
/// only, since the connection limits and refusals are HTTP/1's. Fails when a file
/// cannot be read, holds no certificate or key, or the key is not the
/// certificate's.
async fn tls_settings(cert: &Path, key: &Path) -> Result<Arc<rustls::ServerConfig>, ServerError> {
    let pem = RustlsConfig::from_pem_file(cert, key)
        .await
        .map_err(|e| ServerError::Tls {
            cert: cert.to_owned(),
            key: key.to_owned(),
            detail: e.to_string(),
        })?;
    let mut inner = (*pem.get_inner()).clone();
    inner.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Arc::new(inner))
}

/// Re-reads a listener's certificate and key (on SIGHUP): connections accepted
/// afterwards use the new pair, connections already open keep the one they were
/// accepted with. A pair that cannot be used changes nothing.
#[derive(Clone)]
pub struct TlsReloader {
    tls: Tls,
}

impl TlsReloader {
    /// Reads the files again and, if they make a usable pair, serves new
    /// connections with it; otherwise returns why and keeps the pair in use.
    pub async fn reload(&self) -> Result<(), ServerError> {
        let settings = tls_settings(&self.tls.cert, &self.tls.key).await?;
        self.tls.config.reload_from_config(settings);
        Ok(())
    }

    /// The certificate chain file.
    pub fn cert(&self) -> &Path {
        &self.tls.cert
    }

    /// The private key file.
    pub fn key(&self) -> &Path {
        &self.tls.key
    }
}

impl Listener {
    /// Plain HTTP on `socket` (already bound, e.g. to 127.0.0.1:0), with the
    /// default connection limits.
    pub fn plain(socket: std::net::TcpListener) -> Result<Self, ServerError> {
        socket
            .set_nonblocking(true)
            .map_err(ServerError::io(IoAction::ConfigureListener))?;
        #[cfg(unix)]
        rustix::net::listen(&socket, BACKLOG)
            .map_err(|e| ServerError::io(IoAction::ConfigureListener)(e.into()))?;
        let addr = socket
            .local_addr()
            .map_err(ServerError::io(IoAction::ConfigureListener))?;
        Ok(Self {
            socket,
            addr,
            tls: None,
            limits: ConnectionLimits::default(),
        })
    }

    /// The same listener with these connection limits.
    pub fn with_limits(self, limits: ConnectionLimits) -> Self {
        Self { limits, ..self }
    }

    /// Binds the config's `listen` address with its TLS certificate, if set. Plain
    /// HTTP on an address that is not loopback is refused before binding (unless
    /// `plain_http_behind_proxy`), so that mistake never opens a port.
    pub async fn bind(config: &ServerConfig) -> Result<Self, ServerError> {
        let tls_configured = config.tls_cert.is_some() && config.tls_key.is_some();
        let wanted: Vec<SocketAddr> =
            std::net::ToSocketAddrs::to_socket_addrs(config.listen.as_str())
                .map_err(ServerError::io(IoAction::ResolveListen(
                    config.listen.clone(),
                )))?
                .collect();
        if let Some(open) = wanted.iter().find(|a| !a.ip().is_loopback())
            && !tls_configured
            && !config.plain_http_behind_proxy
        {
            return Err(ConfigError::PlainHttp { addr: *open }.into());
        }
        let socket = std::net::TcpListener::bind(&wanted[..])
            .map_err(ServerError::io(IoAction::Listen(config.listen.clone())))?;
        let tls = match (&config.tls_cert, &config.tls_key) {
            (Some(cert), Some(key)) => Some(Tls {
                config: RustlsConfig::from_config(tls_settings(cert, key).await?),
                cert: cert.clone(),
                key: key.clone(),
            }),
            _ => None,
        };
        Ok(Self {
            tls,
            limits: config.connections.clone(),
            ..Self::plain(socket)?
        })
    }

    /// What re-reads the certificate and key, when the listener speaks TLS.
    pub fn tls_reloader(&self) -> Option<TlsReloader> {
        self.tls.clone().map(|tls| TlsReloader { tls })
    }

    /// The bound address.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// `https://ADDR` or `http://ADDR`.
    pub fn url(&self) -> String {
        let scheme = if self.tls.is_some() { "https" } else { "http" };
        format!("{scheme}://{}", self.addr)
    }
}

/// Serves the API of `state` on `listener` until `shutdown` resolves; then stops
/// accepting, lets requests in flight finish (up to [`GRACE`]) and closes the
/// database.
pub async fn serve(
    state: AppState,
    listener: Listener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServerError> {
    let state = Arc::new(state);
    let app = router(state.clone()).into_make_service_with_connect_info::<SocketAddr>();
    let pruner = {
        let state = state.clone();
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_secs(60)).await;
                state.prune();
            }
        })
    };
    let limits = listener.limits;
    let counter = ConnCounter::new(
        limits.max_per_address,
        total_cap(limits.max_total, file_limit()),
    );
    let refusals = Arc::new(Refusals {
        wording: state.wording(),
        log: state.logs_requests(),
    });
    let refused_log = {
        let counter = counter.clone();
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(REFUSED_LOG_EVERY).await;
                let refused = counter.take_refused();
                if refused > 0 {
                    eprintln!(
                        "otpd: refused {refused} connections over the caps in {}s (max_per_address {}, max_total {})",
                        REFUSED_LOG_EVERY.as_secs(),
                        limits.max_per_address,
                        counter.total()
                    );
                }
            }
        })
    };
    let handle = axum_server::Handle::new();
    let stopper = {
        let handle = handle.clone();
        tokio::spawn(async move {
            shutdown.await;
            handle.graceful_shutdown(Some(GRACE));
        })
    };
    let io = |source| ServerError::Io {
        action: IoAction::Serve,
        source,
    };
    let served = match listener.tls {
        Some(tls) => match axum_server::from_tcp_rustls(listener.socket, tls.config) {
            Ok(server) => {
                let gate =
                    |inner| Gate::new(inner, counter.clone(), limits.idle_timeout(), refusals);
                let mut server = server.map(gate).http1_only().handle(handle);
                server
                    .http_builder()
                    .http1()
                    .header_read_timeout(limits.header_timeout());
                server.serve(app).await.map_err(io)
            }
            Err(source) => Err(io(source)),
        },
        None => match axum_server::from_tcp(listener.socket) {
            Ok(server) => {
                let gate =
                    |inner| Gate::new(inner, counter.clone(), limits.idle_timeout(), refusals);
                let mut server = server.map(gate).http1_only().handle(handle);
                server
                    .http_builder()
                    .http1()
                    .header_read_timeout(limits.header_timeout());
                server.serve(app).await.map_err(io)
            }
            Err(source) => Err(io(source)),
        },
    };
    refused_log.abort();
    pruner.abort();
    stopper.abort();
    state.service().db().close().await;
    served
}
