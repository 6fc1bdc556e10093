//! The HTTP API (axum 0.8): routes, the body limit, JSON bodies only under a JSON
//! `Content-Type` (`415` otherwise), per-address rate limits with `429` +
//! `Retry-After`, one log line per request, and every refusal as a JSON
//! [`ErrorReply`] with its code. Hostile input (oversized or malformed bodies,
//! unknown paths) gets a 4xx answer, never a panic.
//!
//! The server has no words of its own: a refusal leaves the handler as a code, and
//! the [`Wording`] the front-end hands in says it in the language the request's
//! `Accept-Language` asks for. Only refusals pay for that; an accepted code never
//! touches a catalogue.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{
    ConnectInfo, DefaultBodyLimit, FromRequest, MatchedPath, Path, RawQuery, Request, State,
};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::audit::Actor;
use super::config::RateLimits;
use super::error::ServerError;
use super::metrics::{
    self, Access, EnrollEvent, MetricFamily, Metrics, MetricsToken, Route, VerifyOutcome,
};
use super::service::{ApiClient, Service, unix_now};
use crate::api::ErrorCode;
use crate::api::wire::{ErrorReply, Health, MAX_BODY_BYTES};

/// How the front-end puts the server's refusals into words (the server layer has
/// none of its own).
#[derive(Clone, Copy)]
pub struct Wording {
    /// The sentence for an error code in the language an `Accept-Language` header
    /// value asks for (`""` when the request has none).
    pub api_error: fn(ErrorCode, &str) -> String,
    /// The administrator's log line for an internal error (never sent to a client).
    pub internal_error: fn(&ServerError) -> String,
    /// The HELP line of a `/metrics` family.
    pub metric_help: fn(MetricFamily) -> String,
}

/// What the handlers share.
pub struct AppState {
    service: Service,
    wording: Wording,
    enroll_limit: Option<DefaultKeyedRateLimiter<IpAddr>>,
    verify_limit: Option<DefaultKeyedRateLimiter<IpAddr>>,
    log_requests: bool,
    forwarded_for: bool,
    body_timeout: Option<Duration>,
    metrics: Option<Arc<Metrics>>,
    metrics_token: Option<MetricsToken>,
}

impl AppState {
    /// State over `service` with the given limits. `forwarded_for` trusts the
    /// last `X-Forwarded-For` address (only behind a TLS proxy).
    pub fn new(
        service: Service,
        limits: &RateLimits,
        log_requests: bool,
        forwarded_for: bool,
        wording: Wording,
    ) -> Self {
        let keyed = |quota: Option<Quota>| quota.map(RateLimiter::keyed);
        Self {
            service,
            wording,
            enroll_limit: keyed(NonZeroU32::new(limits.enroll_per_minute).map(Quota::per_minute)),
            verify_limit: keyed(NonZeroU32::new(limits.verify_per_second).map(Quota::per_second)),
            log_requests,
            forwarded_for,
            body_timeout: None,
            metrics: None,
            metrics_token: None,
        }
    }

    /// The same state counting into `metrics` and serving them at `/metrics`, to
    /// requests bearing `token` when there is one, else to loopback clients only.
    pub fn with_metrics(self, metrics: Arc<Metrics>, token: Option<MetricsToken>) -> Self {
        Self {
            metrics: Some(metrics),
            metrics_token: token,
            ..self
        }
    }

    /// The same state with requests whose body takes longer than `timeout` to
    /// arrive refused (`408`, SE5408); `None` waits for ever.
    pub fn with_body_timeout(self, timeout: Option<Duration>) -> Self {
        Self {
            body_timeout: timeout,
            ..self
        }
    }

    /// How refusals are put into words.
    pub fn wording(&self) -> Wording {
        self.wording
    }

    /// Whether each request gets a log line.
    pub fn logs_requests(&self) -> bool {
        self.log_requests
    }

    /// The service behind the API.
    pub fn service(&self) -> &Service {
        &self.service
    }

    /// Forgets rate-limit state of addresses not seen for a while (call now and then).
    pub fn prune(&self) {
        for limiter in [&self.enroll_limit, &self.verify_limit]
            .into_iter()
            .flatten()
        {
            limiter.retain_recent();
        }
    }
}

/// An error answer.
pub struct ApiError {
    code: ErrorCode,
    status: Option<StatusCode>,
    retry_after: Option<u64>,
    tries_left: Option<u32>,
    internal: Option<ServerError>,
}

impl ApiError {
    fn new(code: ErrorCode) -> Self {
        Self {
            code,
            status: None,
            retry_after: None,
            tries_left: None,
            internal: None,
        }
    }
}

impl From<ServerError> for ApiError {
    fn from(error: ServerError) -> Self {
        let code = error.code();
        Self {
            tries_left: error.tries_left(),
            // The detail is for the administrator's log; it holds no secrets.
            internal: (!error.is_protocol()).then_some(error),
            ..ApiError::new(code)
        }
    }
}

/// A refusal not yet put into words: the gatekeeper writes its body once it knows
/// the request's language.
#[derive(Clone)]
struct Unsaid {
    code: ErrorCode,
    tries_left: Option<u32>,
    internal: Option<Arc<ServerError>>,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status.unwrap_or_else(|| {
            StatusCode::from_u16(self.code.http_status()).unwrap_or(StatusCode::BAD_REQUEST)
        });
        let mut response = status.into_response();
        if let Some(seconds) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response.extensions_mut().insert(Unsaid {
            code: self.code,
            tries_left: self.tries_left,
            internal: self.internal.map(Arc::new),
        });
        response
    }
}

/// Gives a refusal its JSON body, the sentence in the language `accept_language`
/// asks for; logs an internal error's detail for the administrator.
fn say(wording: &Wording, mut response: Response, accept_language: &str) -> Response {
    let Some(unsaid) = response.extensions_mut().remove::<Unsaid>() else {
        return response;
    };
    if let Some(error) = &unsaid.internal {
        eprintln!("{}", (wording.internal_error)(error));
    }
    let reply = ErrorReply::new(
        unsaid.code,
        (wording.api_error)(unsaid.code, accept_language),
    )
    .with_tries_left(unsaid.tries_left);
    let said = json(response.status(), &reply);
    let (mut parts, _) = response.into_parts();
    let (said_parts, body) = said.into_parts();
    parts.headers.extend(said_parts.headers);
    Response::from_parts(parts, body)
}

fn json<T: Serialize>(status: StatusCode, value: &T) -> Response {
    match serde_json::to_vec(value) {
        Ok(bytes) => (
            status,
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            bytes,
        )
            .into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// CE1003 (415) unless the request says its body is JSON: `application/json`, in
/// any case, with any parameters (`; charset=utf-8`). Checked before anything else
/// a POST does, so a refused request uses nothing up.
fn require_json(headers: &HeaderMap) -> Result<(), ApiError> {
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|media| media.trim().eq_ignore_ascii_case("application/json"));
    if json {
        Ok(())
    } else {
        Err(ApiError::new(ErrorCode::Ce1003))
    }
}

/// The body as `T`, or CE1002 (413 when over the limit).
fn parse<T: DeserializeOwned>(body: Result<Bytes, BytesRejection>) -> Result<T, ApiError> {
    let bytes = body.map_err(|rejection| ApiError {
        status: Some(rejection.status()),
        ..ApiError::new(ErrorCode::Ce1002)
    })?;
    serde_json::from_slice(&bytes).map_err(|_| ApiError::new(ErrorCode::Ce1002))
}

/// The client's address, set by the middleware.
#[derive(Debug, Clone, Copy)]
struct ClientAddr(IpAddr);

type Shared = State<Arc<AppState>>;

async fn health() -> Response {
    json(
        StatusCode::OK,
        &Health {
            status: "ok".to_owned(),
        },
    )
}

async fn customer(
    State(state): Shared,
    axum::Extension(addr): axum::Extension<ClientAddr>,
    code: Result<Path<String>, axum::extract::rejection::PathRejection>,
) -> Result<Response, ApiError> {
    let Path(code) = code.map_err(|_| ApiError::new(ErrorCode::Ce1002))?;
    let info = state
        .service
        .customer_lookup(&public_actor(addr), &code)
        .await?;
    Ok(json(StatusCode::OK, &info))
}

fn public_actor(request_addr: ClientAddr) -> Actor {
    Actor::Public(request_addr.0.to_string())
}

async fn enroll_start(
    State(state): Shared,
    axum::Extension(addr): axum::Extension<ClientAddr>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    require_json(&headers)?;
    let request = parse(body)?;
    let reply = state
        .service
        .enroll_start(&public_actor(addr), &request, unix_now()?)
        .await;
    count_enrollment(&state, reply.is_ok(), EnrollEvent::Started);
    Ok(json(StatusCode::OK, &reply?))
}

async fn enroll_finish(
    State(state): Shared,
    axum::Extension(addr): axum::Extension<ClientAddr>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    require_json(&headers)?;
    let request = parse(body)?;
    let reply = state
        .service
        .enroll_finish(&public_actor(addr), &request, unix_now()?)
        .await;
    count_enrollment(&state, reply.is_ok(), EnrollEvent::Finished);
    Ok(json(StatusCode::OK, &reply?))
}

async fn enroll_activate(
    State(state): Shared,
    axum::Extension(addr): axum::Extension<ClientAddr>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    require_json(&headers)?;
    let request = parse(body)?;
    let reply = state
        .service
        .enroll_activate(&public_actor(addr), &request, unix_now()?)
        .await;
    count_enrollment(&state, reply.is_ok(), EnrollEvent::Completed);
    Ok(json(StatusCode::OK, &reply?))
}

/// Counts an enrollment step that came to `event` (or failed).
fn count_enrollment(state: &AppState, ok: bool, event: EnrollEvent) {
    if let Some(metrics) = &state.metrics {
        metrics.enrollment(if ok { event } else { EnrollEvent::Failed });
    }
}

async fn verify(
    State(state): Shared,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let answer = verify_code(&state, &headers, body).await;
    if let Some(metrics) = &state.metrics {
        metrics.verification(match &answer {
            Ok(_) => VerifyOutcome::Accepted,
            Err(refusal) => VerifyOutcome::of_refusal(refusal.code),
        });
    }
    answer
}

/// The login system an `Authorization: Bearer <API key>` header names (SE5001
/// without one that checks out).
async fn api_client(state: &AppState, headers: &HeaderMap) -> Result<ApiClient, ApiError> {
    let key = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or(ApiError::new(ErrorCode::Se5001))?;
    Ok(state.service.authenticate(key.trim()).await?)
}

async fn verify_code(
    state: &AppState,
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    require_json(headers)?;
    let client = api_client(state, headers).await?;
    let request = parse(body)?;
    let reply = state.service.verify(&client, &request, unix_now()?).await?;
    Ok(json(StatusCode::OK, &reply))
}

/// `POST /v1/push` (API key): a request for the user's device to approve.
async fn push_create(
    State(state): Shared,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    require_json(&headers)?;
    let client = api_client(&state, &headers).await?;
    let request = parse(body)?;
    let reply = state
        .service
        .push_create(&client, &request, unix_now()?)
        .await?;
    Ok(json(StatusCode::OK, &reply))
}

/// The `wait` of a query string (`wait=S`, 0 when absent); CE1002 for anything
/// else in it.
fn wait_of(query: Option<&str>) -> Result<u64, ApiError> {
    let mut wait = 0;
    for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        match pair.split_once('=') {
            Some(("wait", value)) if value.len() <= 6 => {
                wait = value
                    .parse()
                    .map_err(|_| ApiError::new(ErrorCode::Ce1002))?;
            }
            _ => return Err(ApiError::new(ErrorCode::Ce1002)),
        }
    }
    Ok(wait)
}

/// `GET /v1/push/{id}?wait=S` (API key): where the request stands, waiting up to
/// `S` seconds for an answer.
async fn push_status(
    State(state): Shared,
    headers: HeaderMap,
    id: Result<Path<String>, axum::extract::rejection::PathRejection>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let client = api_client(&state, &headers).await?;
    let Path(id) = id.map_err(|_| ApiError::new(ErrorCode::Ce1002))?;
    let wait = wait_of(query.as_deref())?;
    let reply = state
        .service
        .push_status(&client, &id, wait, unix_now()?)
        .await?;
    Ok(json(StatusCode::OK, &reply))
}

/// `POST /v1/push/register`: a device key for an account enrolled without one.
async fn push_register(
    State(state): Shared,
    axum::Extension(addr): axum::Extension<ClientAddr>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    require_json(&headers)?;
    let request = parse(body)?;
    let reply = state
        .service
        .push_register(&public_actor(addr), &request, unix_now()?)
        .await?;
    Ok(json(StatusCode::OK, &reply))
}

/// `POST /v1/device/poll`: a device waits for its requests.
async fn device_poll(
    State(state): Shared,
    axum::Extension(addr): axum::Extension<ClientAddr>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    require_json(&headers)?;
    let request = parse(body)?;
    let reply = state
        .service
        .device_poll(&public_actor(addr), &request, unix_now()?)
        .await?;
    Ok(json(StatusCode::OK, &reply))
}

/// `POST /v1/device/answer`: a device's signed answer to a request.
async fn device_answer(
    State(state): Shared,
    axum::Extension(addr): axum::Extension<ClientAddr>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    require_json(&headers)?;
    let request = parse(body)?;
    let reply = state
        .service
        .device_answer(&public_actor(addr), &request, unix_now()?)
        .await?;
    Ok(json(StatusCode::OK, &reply))
}

/// `GET /metrics`, to whom [`metrics::access`] allows: the TCP peer decides (never
/// a forwarded address), or the bearer token when one is configured.
async fn metrics_page(State(state): Shared, request: Request) -> Result<Response, ApiError> {
    let Some(metrics) = &state.metrics else {
        return Err(not_found().await);
    };
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |info| info.0.ip());
    let authorization = request
        .headers()
        .get(header::AUTHORIZATION)
        .map(HeaderValue::as_bytes);
    match metrics::access(
        peer,
        state.forwarded_for,
        state.metrics_token.as_ref(),
        authorization,
    ) {
        Access::Allowed => {}
        Access::NeedsToken => return Err(ApiError::new(ErrorCode::Se5002)),
        Access::LoopbackOnly => return Err(ApiError::new(ErrorCode::Se5403)),
    }
    let deliveries = state.service().delivery_counts().await?;
    let text = metrics.render(&deliveries)?;
    Ok((
        StatusCode::OK,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static(metrics::CONTENT_TYPE),
        )],
        text,
    )
        .into_response())
}

async fn not_found() -> ApiError {
    ApiError {
        status: Some(StatusCode::NOT_FOUND),
        ..ApiError::new(ErrorCode::Ce1002)
    }
}

async fn method_not_allowed() -> ApiError {
    ApiError {
        status: Some(StatusCode::METHOD_NOT_ALLOWED),
        ..ApiError::new(ErrorCode::Ce1002)
    }
}

fn client_addr(state: &AppState, request: &Request) -> IpAddr {
    if state.forwarded_for
        && let Some(addr) = request
            .headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .and_then(|v| v.trim().parse().ok())
    {
        return addr;
    }
    request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip())
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
}

/// A path fit for a log line: printable, at most 80 characters.
fn loggable(path: &str) -> String {
    let mut out: String = path.chars().take(80).flat_map(char::escape_debug).collect();
    if path.chars().count() > 80 {
        out.push('…');
    }
    out
}

async fn gatekeeper(State(state): Shared, mut request: Request, next: Next) -> Response {
    let started = Instant::now();
    let addr = client_addr(&state, &request);
    request.extensions_mut().insert(ClientAddr(addr));
    let path = request.uri().path().to_owned();
    // Only looked up when counted: with metrics off, nothing of theirs runs.
    let route = state.metrics.as_ref().map(|_| {
        Route::of_matched(
            request
                .extensions()
                .get::<MatchedPath>()
                .map(MatchedPath::as_str),
        )
    });
    let method = request.method().clone();
    // A cheap clone (shared bytes); read only if the answer is a refusal.
    let accept_language = request.headers().get(header::ACCEPT_LANGUAGE).cloned();
    // Login systems and devices (whose polls come back every 30 s, many from one
    // NAT address) share the per-second limit; a device key's registration, a
    // guess at a one-time code, the per-minute one like enrollment.
    let limiter = match path.as_str() {
        "/v1/health" | "/metrics" => None,
        "/v1/push/register" => state.enroll_limit.as_ref(),
        "/v1/verify" | "/v1/push" => state.verify_limit.as_ref(),
        p if p.starts_with("/v1/push/") || p.starts_with("/v1/device/") => {
            state.verify_limit.as_ref()
        }
        _ => state.enroll_limit.as_ref(),
    };
    let response = match limiter.map(|l| l.check_key(&addr)) {
        Some(Err(not_until)) => {
            if let (Some(metrics), Some(Route::Verify)) = (&state.metrics, route) {
                metrics.verification(VerifyOutcome::RateLimited);
            }
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            ApiError {
                retry_after: Some(wait.as_secs() + 1),
                ..ApiError::new(ErrorCode::Se5029)
            }
            .into_response()
        }
        _ => next.run(request).await,
    };
    let response = say(
        &state.wording,
        response,
        accept_language
            .as_ref()
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default(),
    );
    let elapsed = started.elapsed().as_secs_f64();
    if let (Some(metrics), Some(route)) = (&state.metrics, route) {
        metrics.request(route, response.status().as_u16(), elapsed);
    }
    if state.log_requests {
        eprintln!(
            "otpd: {addr} {method} {} {} {:.1}ms",
            loggable(&path),
            response.status().as_u16(),
            elapsed * 1000.0
        );
    }
    response
}

/// Reads the whole body (within the body limit) before the handler runs, and
/// refuses it with `408`, SE5408, when it takes longer than the body timeout; the
/// connection is then closed, since the rest of the body is never read.
async fn body_deadline(State(state): Shared, request: Request, next: Next) -> Response {
    let has_body = request.headers().contains_key(header::TRANSFER_ENCODING)
        || request
            .headers()
            .get(header::CONTENT_LENGTH)
            .is_some_and(|length| length.as_bytes() != b"0");
    let Some(timeout) = state.body_timeout.filter(|_| has_body) else {
        return next.run(request).await;
    };
    let (parts, body) = request.into_parts();
    let whole = Request::from_parts(parts.clone(), body);
    match tokio::time::timeout(timeout, Bytes::from_request(whole, &())).await {
        Ok(Ok(bytes)) => {
            next.run(Request::from_parts(parts, axum::body::Body::from(bytes)))
                .await
        }
        Ok(Err(rejection)) => ApiError {
            status: Some(rejection.status()),
            ..ApiError::new(ErrorCode::Ce1002)
        }
        .into_response(),
        Err(_) => {
            let mut response = ApiError::new(ErrorCode::Se5408).into_response();
            response
                .headers_mut()
                .insert(header::CONNECTION, HeaderValue::from_static("close"));
            response
        }
    }
}

/// The `/v1` router over `state`, with `/metrics` when the state counts.
pub fn router(state: Arc<AppState>) -> Router {
    let routes = Router::new();
    let routes = if state.metrics.is_some() {
        routes.route(Route::Metrics.path(), get(metrics_page))
    } else {
        routes
    };
    routes
        .route("/v1/health", get(health))
        .route("/v1/customers/{code}", get(customer))
        .route("/v1/enroll/start", post(enroll_start))
        .route("/v1/enroll/finish", post(enroll_finish))
        .route("/v1/enroll/activate", post(enroll_activate))
        .route("/v1/verify", post(verify))
        .route("/v1/push", post(push_create))
        .route("/v1/push/register", post(push_register))
        .route("/v1/push/{id}", get(push_status))
        .route("/v1/device/poll", post(device_poll))
        .route("/v1/device/answer", post(device_answer))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(state.clone(), body_deadline))
        .layer(middleware::from_fn_with_state(state.clone(), gatekeeper))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(state)
}
