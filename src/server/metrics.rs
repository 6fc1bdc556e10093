//! `GET /metrics`: what otpd has done since it started, in the Prometheus text
//! format (0.0.4) — requests by route and status class with their latency,
//! verifications by outcome, enrollment steps, and the process's basics.
//!
//! Every series exists from the start (a fixed set of routes, outcomes and events,
//! so no client can add series, and a rate over a counter still at 0 is defined).
//! Recording is a few atomic additions on counters picked by index: no lock, no
//! map lookup, nothing allocated on the request path. The process figures are read
//! from `/proc` only when scraped.
//!
//! Who may read them is [`access`]'s decision: with a token configured, only a
//! request bearing it; without one, only a client on this machine (and nobody when
//! otpd is behind a proxy, where every request comes from the proxy).
//!
//! Deliveries of activation codes (email, webhook) happen in the admin commands'
//! processes, not in `otpd serve`, so this registry never sees them: counting them
//! here would need a shared store (the database) read at scrape time, in
//! [`Metrics::render`], next to the process figures.

use std::net::IpAddr;
use std::path::Path;
use std::sync::Mutex;

use prometheus::core::Collector;
use prometheus::{
    Counter, Histogram, HistogramOpts, IntCounter, IntCounterVec, Opts, PullingGauge, Registry,
    TextEncoder,
};
use sha2::Digest;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use super::error::{ConfigError, IoAction, ServerError};
use super::rows::DeliveryCount;
use crate::api::ErrorCode;

/// The media type of [`Metrics::render`]'s text.
pub const CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

/// The routes otpd reports on; every path no route matches is [`Route::Other`].
/// The discriminant is the index in [`Route::ALL`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// `GET /v1/health`
    Health,
    /// `GET /v1/customers/{code}`
    Customer,
    /// `POST /v1/enroll/start`
    EnrollStart,
    /// `POST /v1/enroll/finish`
    EnrollFinish,
    /// `POST /v1/enroll/activate`
    EnrollActivate,
    /// `POST /v1/verify`
    Verify,
    /// `GET /metrics`
    Metrics,
    /// Any other path (a 404).
    Other,
}

impl Route {
    /// Every route, in label order.
    pub const ALL: [Route; 8] = [
        Route::Health,
        Route::Customer,
        Route::EnrollStart,
        Route::EnrollFinish,
        Route::EnrollActivate,
        Route::Verify,
        Route::Metrics,
        Route::Other,
    ];

    /// The route's path as the router declares it (the `route` label).
    pub fn path(self) -> &'static str {
        match self {
            Route::Health => "/v1/health",
            Route::Customer => "/v1/customers/{code}",
            Route::EnrollStart => "/v1/enroll/start",
            Route::EnrollFinish => "/v1/enroll/finish",
            Route::EnrollActivate => "/v1/enroll/activate",
            Route::Verify => "/v1/verify",
            Route::Metrics => "/metrics",
            Route::Other => "other",
        }
    }

    /// The route the router matched, by its declared path (`None`: no route).
    pub fn of_matched(path: Option<&str>) -> Route {
        match path {
            Some("/v1/health") => Route::Health,
            Some("/v1/customers/{code}") => Route::Customer,
            Some("/v1/enroll/start") => Route::EnrollStart,
            Some("/v1/enroll/finish") => Route::EnrollFinish,
            Some("/v1/enroll/activate") => Route::EnrollActivate,
            Some("/v1/verify") => Route::Verify,
            Some("/metrics") => Route::Metrics,
            _ => Route::Other,
        }
    }
}

/// What a `POST /v1/verify` came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerifyOutcome {
    /// The code was right and is now used.
    Accepted,
    /// A wrong code (SE4001; also an unknown user under `uniform_errors`).
    Rejected,
    /// A code already used, or older than the last accepted one (SE4002).
    Replay,
    /// The token is locked after 5 wrong codes (SE4003).
    Locked,
    /// The user has no active token (SE4004).
    NoToken,
    /// No valid API key (SE5001).
    Unauthorized,
    /// A body that is not a verification request (CE1002, CE1003, 413).
    Malformed,
    /// Over the per-address rate limit (SE5029).
    RateLimited,
    /// The server failed (SE5000 and anything else).
    Error,
}

impl VerifyOutcome {
    /// Every outcome, in label order.
    pub const ALL: [VerifyOutcome; 9] = [
        VerifyOutcome::Accepted,
        VerifyOutcome::Rejected,
        VerifyOutcome::Replay,
        VerifyOutcome::Locked,
        VerifyOutcome::NoToken,
        VerifyOutcome::Unauthorized,
        VerifyOutcome::Malformed,
        VerifyOutcome::RateLimited,
        VerifyOutcome::Error,
    ];

    /// The `outcome` label.
    pub fn label(self) -> &'static str {
        match self {
            VerifyOutcome::Accepted => "accepted",
            VerifyOutcome::Rejected => "rejected",
            VerifyOutcome::Replay => "replay",
            VerifyOutcome::Locked => "locked",
            VerifyOutcome::NoToken => "no_token",
            VerifyOutcome::Unauthorized => "unauthorized",
            VerifyOutcome::Malformed => "malformed",
            VerifyOutcome::RateLimited => "rate_limited",
            VerifyOutcome::Error => "error",
        }
    }

    /// The outcome of a verification refused with `code`.
    pub fn of_refusal(code: ErrorCode) -> Self {
        match code {
            ErrorCode::Se4001 => VerifyOutcome::Rejected,
            ErrorCode::Se4002 => VerifyOutcome::Replay,
            ErrorCode::Se4003 => VerifyOutcome::Locked,
            ErrorCode::Se4004 => VerifyOutcome::NoToken,
            ErrorCode::Se5001 => VerifyOutcome::Unauthorized,
            ErrorCode::Ce1002 | ErrorCode::Ce1003 => VerifyOutcome::Malformed,
            ErrorCode::Se5029 => VerifyOutcome::RateLimited,
            _ => VerifyOutcome::Error,
        }
    }
}

/// A step of an enrollment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnrollEvent {
    /// `/v1/enroll/start` answered: a PAKE session is open.
    Started,
    /// `/v1/enroll/finish` answered: the activation code is used up and the sealed
    /// secret sent.
    Finished,
    /// `/v1/enroll/activate` answered: the token is active.
    Completed,
    /// Any of the three steps refused (a wrong activation code, an expired session, ...).
    Failed,
}

impl EnrollEvent {
    /// Every event, in label order.
    pub const ALL: [EnrollEvent; 4] = [
        EnrollEvent::Started,
        EnrollEvent::Finished,
        EnrollEvent::Completed,
        EnrollEvent::Failed,
    ];

    /// The `event` label.
    pub fn label(self) -> &'static str {
        match self {
            EnrollEvent::Started => "started",
            EnrollEvent::Finished => "finished",
            EnrollEvent::Completed => "completed",
            EnrollEvent::Failed => "failed",
        }
    }
}

/// Latency bucket bounds in seconds: a verification takes a few milliseconds.
const LATENCY_BUCKETS: [f64; 14] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// The channels of `otpd_deliveries_total` (those the `deliveries` table records).
const DELIVERY_CHANNELS: [&str; 2] = ["email", "webhook"];

/// The states of `otpd_deliveries_total`.
const DELIVERY_STATES: [&str; 2] = ["sent", "failed"];

/// The status classes of the `status` label, by `status / 100 - 1`.
const STATUS_CLASSES: [&str; 5] = ["1xx", "2xx", "3xx", "4xx", "5xx"];

/// The metric families; the front-end gives each its HELP line (the server layer
/// has no words of its own).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetricFamily {
    /// `otpd_http_requests_total{route, status}`
    Requests,
    /// `otpd_http_request_duration_seconds{route}` (histogram)
    Latency,
    /// `otpd_verifications_total{outcome}`
    Verifications,
    /// `otpd_enrollments_total{event}`
    Enrollments,
    /// `otpd_deliveries_total{channel, state}`: activation codes sent or not by
    /// the admin commands, read from the database at each scrape
    Deliveries,
    /// `process_cpu_seconds_total`
    Cpu,
    /// `process_resident_memory_bytes`
    Resident,
    /// `process_virtual_memory_bytes`
    Virtual,
    /// `process_open_fds`
    OpenFds,
    /// `process_max_fds`
    MaxFds,
    /// `process_start_time_seconds`
    StartTime,
}

impl MetricFamily {
    /// Every family.
    pub const ALL: [MetricFamily; 11] = [
        MetricFamily::Requests,
        MetricFamily::Latency,
        MetricFamily::Verifications,
        MetricFamily::Enrollments,
        MetricFamily::Deliveries,
        MetricFamily::Cpu,
        MetricFamily::Resident,
        MetricFamily::Virtual,
        MetricFamily::OpenFds,
        MetricFamily::MaxFds,
        MetricFamily::StartTime,
    ];

    /// The family's name in the exposition.
    pub fn name(self) -> &'static str {
        match self {
            MetricFamily::Requests => "otpd_http_requests_total",
            MetricFamily::Latency => "otpd_http_request_duration_seconds",
            MetricFamily::Verifications => "otpd_verifications_total",
            MetricFamily::Enrollments => "otpd_enrollments_total",
            MetricFamily::Deliveries => "otpd_deliveries_total",
            MetricFamily::Cpu => "process_cpu_seconds_total",
            MetricFamily::Resident => "process_resident_memory_bytes",
            MetricFamily::Virtual => "process_virtual_memory_bytes",
            MetricFamily::OpenFds => "process_open_fds",
            MetricFamily::MaxFds => "process_max_fds",
            MetricFamily::StartTime => "process_start_time_seconds",
        }
    }
}

/// The counters and histograms of one `otpd serve`, and how to show them.
pub struct Metrics {
    registry: Registry,
    /// By route index, then status class index.
    requests: Vec<[IntCounter; 5]>,
    /// By route index.
    latency: Vec<Histogram>,
    /// By [`VerifyOutcome::ALL`] index.
    verifications: Vec<IntCounter>,
    /// By [`EnrollEvent::ALL`] index.
    enrollments: Vec<IntCounter>,
    /// By [`DELIVERY_CHANNELS`] index, then [`DELIVERY_STATES`] index.
    deliveries: Vec<[IntCounter; 2]>,
    cpu: Counter,
    /// Held while a scrape brings the CPU counter up to date.
    scrape: Mutex<()>,
}

/// A registry error: only a mistake in this file (a name registered twice, a bad
/// label name) makes one, so it is reported as an internal error.
fn registry_error(error: prometheus::Error) -> ServerError {
    ServerError::Metrics(error.to_string())
}

impl Metrics {
    /// Every series at 0; `now` (Unix seconds) is the process's start time, and
    /// `help` gives each family its HELP line.
    pub fn new(now: f64, help: fn(MetricFamily) -> String) -> Result<Self, ServerError> {
        let registry = Registry::new();
        let opts = |family: MetricFamily| Opts::new(family.name(), help(family));
        let requests_vec = IntCounterVec::new(opts(MetricFamily::Requests), &["route", "status"])
            .map_err(registry_error)?;
        let latency_vec = prometheus::HistogramVec::new(
            HistogramOpts::new(MetricFamily::Latency.name(), help(MetricFamily::Latency))
                .buckets(LATENCY_BUCKETS.to_vec()),
            &["route"],
        )
        .map_err(registry_error)?;
        let verifications_vec = IntCounterVec::new(opts(MetricFamily::Verifications), &["outcome"])
            .map_err(registry_error)?;
        let enrollments_vec = IntCounterVec::new(opts(MetricFamily::Enrollments), &["event"])
            .map_err(registry_error)?;
        let deliveries_vec =
            IntCounterVec::new(opts(MetricFamily::Deliveries), &["channel", "state"])
                .map_err(registry_error)?;
        let deliveries = DELIVERY_CHANNELS
            .iter()
            .map(|channel| {
                let state =
                    |i: usize| deliveries_vec.with_label_values(&[channel, DELIVERY_STATES[i]]);
                [state(0), state(1)]
            })
            .collect();
        // The children are taken out once: recording then touches only their atomics.
        let mut requests = Vec::new();
        let mut latency = Vec::new();
        for route in Route::ALL {
            let class =
                |i: usize| requests_vec.with_label_values(&[route.path(), STATUS_CLASSES[i]]);
            requests.push([class(0), class(1), class(2), class(3), class(4)]);
            latency.push(latency_vec.with_label_values(&[route.path()]));
        }
        let verifications = VerifyOutcome::ALL
            .iter()
            .map(|outcome| verifications_vec.with_label_values(&[outcome.label()]))
            .collect();
        let enrollments = EnrollEvent::ALL
            .iter()
            .map(|event| enrollments_vec.with_label_values(&[event.label()]))
            .collect();
        let cpu = Counter::with_opts(opts(MetricFamily::Cpu)).map_err(registry_error)?;
        let mut collectors: Vec<Box<dyn Collector>> = vec![
            Box::new(requests_vec),
            Box::new(latency_vec),
            Box::new(verifications_vec),
            Box::new(enrollments_vec),
            Box::new(deliveries_vec),
            Box::new(cpu.clone()),
        ];
        for (family, read) in [
            (
                MetricFamily::Resident,
                process::resident_bytes as fn() -> Option<f64>,
            ),
            (MetricFamily::Virtual, process::virtual_bytes),
            (MetricFamily::OpenFds, process::open_fds),
            (MetricFamily::MaxFds, process::max_fds),
        ] {
            let gauge = PullingGauge::new(
                family.name(),
                help(family),
                Box::new(move || read().unwrap_or(0.0)),
            )
            .map_err(registry_error)?;
            collectors.push(Box::new(gauge));
        }
        let start = PullingGauge::new(
            MetricFamily::StartTime.name(),
            help(MetricFamily::StartTime),
            Box::new(move || now),
        )
        .map_err(registry_error)?;
        collectors.push(Box::new(start));
        for collector in collectors {
            registry.register(collector).map_err(registry_error)?;
        }
        Ok(Self {
            registry,
            requests,
            latency,
            verifications,
            enrollments,
            deliveries,
            cpu,
            scrape: Mutex::new(()),
        })
    }

    /// Counts a request to `route` answered with `status` after `seconds`.
    pub fn request(&self, route: Route, status: u16, seconds: f64) {
        let class = usize::from((status / 100).clamp(1, 5) - 1);
        if let Some(classes) = self.requests.get(route as usize) {
            classes[class].inc();
        }
        if let Some(histogram) = self.latency.get(route as usize) {
            histogram.observe(seconds);
        }
    }

    /// Counts a verification that came to `outcome`.
    pub fn verification(&self, outcome: VerifyOutcome) {
        if let Some(counter) = self.verifications.get(outcome as usize) {
            counter.inc();
        }
    }

    /// Counts an enrollment step.
    pub fn enrollment(&self, event: EnrollEvent) {
        if let Some(counter) = self.enrollments.get(event as usize) {
            counter.inc();
        }
    }

    /// Every series in the Prometheus text format ([`CONTENT_TYPE`]), the
    /// deliveries brought up to `deliveries`, the database's counts (channels and
    /// states otpd does not write are left out).
    pub fn render(&self, deliveries: &[DeliveryCount]) -> Result<String, ServerError> {
        if let Ok(_guard) = self.scrape.lock() {
            if let Some(total) = process::cpu_seconds() {
                let behind = total - self.cpu.get();
                if behind > 0.0 {
                    self.cpu.inc_by(behind);
                }
            }
            for count in deliveries {
                let channel = DELIVERY_CHANNELS.iter().position(|c| *c == count.channel);
                let state = DELIVERY_STATES.iter().position(|s| *s == count.state);
                if let (Some(channel), Some(state)) = (channel, state)
                    && let Some(counter) = self.deliveries.get(channel).map(|row| &row[state])
                {
                    let attempts = u64::try_from(count.attempts).unwrap_or(0);
                    if attempts > counter.get() {
                        counter.inc_by(attempts - counter.get());
                    }
                }
            }
        }
        let mut text = String::new();
        TextEncoder::new()
            .encode_utf8(&self.registry.gather(), &mut text)
            .map_err(registry_error)?;
        Ok(text)
    }
}

/// The bearer token that opens `/metrics`, kept only as its SHA-256.
pub struct MetricsToken {
    digest: [u8; 32],
}

impl MetricsToken {
    /// The token of `text`, or `None` when it is empty.
    pub fn new(text: &str) -> Option<Self> {
        let text = text.trim();
        (!text.is_empty()).then(|| Self {
            digest: sha2::Sha256::digest(text.as_bytes()).into(),
        })
    }

    /// Reads the token from `path` (its whole content, blanks around it trimmed);
    /// refuses a file other users can read, or an empty one.
    pub fn load(path: &Path) -> Result<Self, ServerError> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            if let Ok(meta) = std::fs::metadata(path)
                && meta.permissions().mode() & 0o077 != 0
            {
                return Err(ConfigError::MetricsTokenReadable {
                    path: path.to_owned(),
                }
                .into());
            }
        }
        let text = Zeroizing::new(
            std::fs::read_to_string(path)
                .map_err(ServerError::io(IoAction::ReadMetricsToken(path.to_owned())))?,
        );
        Self::new(&text).ok_or_else(|| {
            ConfigError::MetricsTokenEmpty {
                path: path.to_owned(),
            }
            .into()
        })
    }

    /// Whether an `Authorization` header value is `Bearer <this token>`; the
    /// comparison takes the same time whatever was sent.
    pub fn admits(&self, authorization: Option<&[u8]>) -> bool {
        let Some(given) = authorization.and_then(|value| value.strip_prefix(b"Bearer ")) else {
            return false;
        };
        let given = given.trim_ascii();
        let digest: [u8; 32] = sha2::Sha256::digest(given).into();
        bool::from(digest.ct_eq(&self.digest))
    }
}

/// Who may read `/metrics`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Serve the metrics.
    Allowed,
    /// A token is configured and the request does not bear it (401, SE5002).
    NeedsToken,
    /// No token is configured and the client is not on this machine (403, SE5403).
    LoopbackOnly,
}

/// Whether the client at `peer` (the TCP peer, never a forwarded address), with the
/// request's `Authorization` header, may read the metrics. With a `token`, the
/// token decides, wherever the client is. Without one, only loopback clients may,
/// and none when otpd is `behind_proxy` (every request then comes from the proxy,
/// which may well be on this machine).
pub fn access(
    peer: IpAddr,
    behind_proxy: bool,
    token: Option<&MetricsToken>,
    authorization: Option<&[u8]>,
) -> Access {
    match token {
        Some(token) if token.admits(authorization) => Access::Allowed,
        Some(_) => Access::NeedsToken,
        None if peer.to_canonical().is_loopback() && !behind_proxy => Access::Allowed,
        None => Access::LoopbackOnly,
    }
}

/// The process's figures, read from `/proc/self` when scraped (Linux).
mod process {
    /// Fields of `/proc/self/stat` after the command name (which may hold blanks).
    #[cfg(target_os = "linux")]
    fn stat_fields() -> Option<Vec<String>> {
        let text = std::fs::read_to_string("/proc/self/stat").ok()?;
        let rest = &text[text.rfind(')')? + 1..];
        Some(rest.split_whitespace().map(str::to_owned).collect())
    }

    /// Pages of `/proc/self/statm`, field `index` (0: size, 1: resident), in bytes.
    #[cfg(target_os = "linux")]
    fn statm_bytes(index: usize) -> Option<f64> {
        let text = std::fs::read_to_string("/proc/self/statm").ok()?;
        let pages: f64 = text.split_whitespace().nth(index)?.parse().ok()?;
        Some(pages * rustix::param::page_size() as f64)
    }

    #[cfg(target_os = "linux")]
    pub(super) fn cpu_seconds() -> Option<f64> {
        // utime and stime are fields 14 and 15 of stat(5): 12 and 13 after ")".
        let fields = stat_fields()?;
        let user: f64 = fields.get(11)?.parse().ok()?;
        let system: f64 = fields.get(12)?.parse().ok()?;
        Some((user + system) / rustix::param::clock_ticks_per_second() as f64)
    }

    #[cfg(target_os = "linux")]
    pub(super) fn resident_bytes() -> Option<f64> {
        statm_bytes(1)
    }

    #[cfg(target_os = "linux")]
    pub(super) fn virtual_bytes() -> Option<f64> {
        statm_bytes(0)
    }

    #[cfg(target_os = "linux")]
    pub(super) fn open_fds() -> Option<f64> {
        let count = std::fs::read_dir("/proc/self/fd").ok()?.count();
        // Less the descriptor read_dir itself held.
        Some(count.saturating_sub(1) as f64)
    }

    #[cfg(not(target_os = "linux"))]
    pub(super) fn cpu_seconds() -> Option<f64> {
        None
    }

    #[cfg(not(target_os = "linux"))]
    pub(super) fn resident_bytes() -> Option<f64> {
        None
    }

    #[cfg(not(target_os = "linux"))]
    pub(super) fn virtual_bytes() -> Option<f64> {
        None
    }

    #[cfg(not(target_os = "linux"))]
    pub(super) fn open_fds() -> Option<f64> {
        None
    }

    pub(super) fn max_fds() -> Option<f64> {
        super::super::conn_limit::file_limit().map(|limit| limit as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{Ipv4Addr, Ipv6Addr};

    #[test]
    fn only_loopback_without_a_token_and_only_the_token_with_one() {
        let v4 = IpAddr::V4(Ipv4Addr::LOCALHOST);
        let v6 = IpAddr::V6(Ipv6Addr::LOCALHOST);
        let mapped = IpAddr::V6(Ipv4Addr::LOCALHOST.to_ipv6_mapped());
        let far: IpAddr = "192.0.2.7".parse().unwrap();
        let far_mapped = IpAddr::V6("192.0.2.7".parse::<Ipv4Addr>().unwrap().to_ipv6_mapped());
        for local in [v4, v6, mapped] {
            assert_eq!(access(local, false, None, None), Access::Allowed, "{local}");
            // Behind a proxy every request comes from it: loopback proves nothing.
            assert_eq!(access(local, true, None, None), Access::LoopbackOnly);
        }
        for remote in [far, far_mapped] {
            assert_eq!(access(remote, false, None, None), Access::LoopbackOnly);
            assert_eq!(
                access(remote, false, None, Some(b"Bearer anything")),
                Access::LoopbackOnly
            );
        }
        let token = MetricsToken::new("  s3cret-token\n").unwrap();
        for peer in [v4, far] {
            for behind_proxy in [false, true] {
                let decide =
                    |header: Option<&[u8]>| access(peer, behind_proxy, Some(&token), header);
                assert_eq!(decide(Some(b"Bearer s3cret-token")), Access::Allowed);
                assert_eq!(decide(Some(b"Bearer  s3cret-token ")), Access::Allowed);
                assert_eq!(decide(None), Access::NeedsToken);
                assert_eq!(decide(Some(b"s3cret-token")), Access::NeedsToken);
                assert_eq!(decide(Some(b"Basic s3cret-token")), Access::NeedsToken);
                assert_eq!(decide(Some(b"Bearer s3cret-toke")), Access::NeedsToken);
                assert_eq!(decide(Some(b"Bearer s3cret-tokenn")), Access::NeedsToken);
                assert_eq!(decide(Some(b"Bearer ")), Access::NeedsToken);
            }
        }
        assert!(MetricsToken::new(" \n").is_none());
    }

    #[test]
    fn routes_are_a_fixed_set() {
        for route in Route::ALL {
            assert_eq!(Route::ALL[route as usize], route);
            if route != Route::Other {
                assert_eq!(Route::of_matched(Some(route.path())), route);
            }
        }
        assert_eq!(Route::of_matched(Some("/v1/verify")), Route::Verify);
        assert_eq!(
            Route::of_matched(Some("/v1/customers/{code}")),
            Route::Customer
        );
        assert_eq!(Route::of_matched(Some("other")), Route::Other);
        assert_eq!(Route::of_matched(Some("/v1/customers/1106")), Route::Other);
        assert_eq!(Route::of_matched(None), Route::Other);
    }

    #[test]
    fn every_series_is_there_from_the_start() {
        let metrics = Metrics::new(1.0, |family| format!("help of {}", family.name())).unwrap();
        metrics.request(Route::Verify, 401, 0.003);
        metrics.verification(VerifyOutcome::of_refusal(ErrorCode::Se4003));
        let counted = |channel: &str, state: &str, attempts| DeliveryCount {
            channel: channel.to_owned(),
            state: state.to_owned(),
            attempts,
        };
        let text = metrics
            .render(&[
                counted("email", "sent", 4),
                counted("webhook", "failed", 2),
                counted("pigeon", "sent", 9),
            ])
            .unwrap();
        assert!(
            text.contains("otpd_deliveries_total{channel=\"email\",state=\"sent\"} 4"),
            "{text}"
        );
        assert!(
            text.contains("otpd_deliveries_total{channel=\"webhook\",state=\"failed\"} 2"),
            "{text}"
        );
        assert!(
            text.contains("otpd_deliveries_total{channel=\"email\",state=\"failed\"} 0"),
            "{text}"
        );
        assert!(!text.contains("pigeon"), "{text}");
        // A later scrape shows the database's newer counts.
        let text = metrics.render(&[counted("email", "sent", 5)]).unwrap();
        assert!(
            text.contains("otpd_deliveries_total{channel=\"email\",state=\"sent\"} 5"),
            "{text}"
        );
        assert!(
            text.contains("otpd_http_requests_total{route=\"/v1/verify\",status=\"4xx\"} 1"),
            "{text}"
        );
        assert!(
            text.contains("otpd_verifications_total{outcome=\"locked\"} 1"),
            "{text}"
        );
        assert!(
            text.contains("otpd_verifications_total{outcome=\"accepted\"} 0"),
            "{text}"
        );
        assert!(
            text.contains("otpd_enrollments_total{event=\"failed\"} 0"),
            "{text}"
        );
        assert!(
            text.contains("# TYPE otpd_http_request_duration_seconds histogram"),
            "{text}"
        );
    }
}
