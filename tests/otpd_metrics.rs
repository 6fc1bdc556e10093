//! `GET /metrics` of a real `otpd` on 127.0.0.1, read by an independent parser of
//! the Prometheus text format (Python's `prometheus_client.parser`): the counters
//! say what the test did, the latency histograms count the same requests; off by
//! default (404 like any unknown path); with a token, only a request bearing it
//! gets the figures.

#![cfg(all(feature = "server", unix))]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::HashMap;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Stdio};

use common::otpd::{OtpdHome, Server, code_at, error_of, outcome};

fn have_prometheus_parser() -> bool {
    common::have_tool("python3", &["-c", "import prometheus_client.parser"])
}

/// One sample: its name, labels and value.
#[derive(Debug, Clone)]
struct Sample {
    name: String,
    labels: HashMap<String, String>,
    value: f64,
}

/// A sample as the script prints it: name, labels, value.
type RawSample = (String, HashMap<String, String>, f64);

/// Families by name: (type, samples).
type Families = HashMap<String, (String, Vec<Sample>)>;

/// The families Python's Prometheus text-format parser reads in `text`: name to
/// (type, samples). Panics when the parser refuses the text.
fn parse(text: &str) -> Families {
    let script = r#"
import json, sys
from prometheus_client.parser import text_string_to_metric_families
out = {}
for family in text_string_to_metric_families(sys.stdin.read()):
    if family.name in out:
        raise SystemExit("family %s twice" % family.name)
    out[family.name] = [family.type, [[s.name, s.labels, s.value] for s in family.samples]]
print(json.dumps(out))
"#;
    let mut child = Command::new("python3")
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "the Prometheus parser refused the body: {}\n{text}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: HashMap<String, (String, Vec<RawSample>)> =
        serde_json::from_slice(&out.stdout).unwrap();
    json.into_iter()
        .map(|(name, (kind, samples))| {
            let samples = samples
                .into_iter()
                .map(|(name, labels, value)| Sample {
                    name,
                    labels,
                    value,
                })
                .collect();
            (name, (kind, samples))
        })
        .collect()
}

/// The value of the sample `name` with exactly these labels (0 when absent).
fn value(families: &Families, name: &str, labels: &[(&str, &str)]) -> f64 {
    let wanted: HashMap<String, String> = labels
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    families
        .values()
        .flat_map(|(_, samples)| samples)
        .find(|s| s.name == name && s.labels == wanted)
        .map_or(0.0, |s| s.value)
}

/// `GET /metrics` with optional headers: (status, content type, body).
fn scrape(server: &Server, headers: &[(&str, &str)]) -> (u16, String, String) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut request = agent.get(format!("{}/metrics", server.url));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let mut response = request.call().unwrap();
    let kind = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let status = response.status().as_u16();
    (status, kind, response.body_mut().read_to_string().unwrap())
}

#[test]
fn metrics_count_requests_verifications_and_enrollments() {
    if !have_prometheus_parser() {
        return;
    }
    let home = OtpdHome::new(None).with_org();
    home.set("metrics.enabled", true);
    let key = home.api_key();
    let activation = home.issue("jklee", &[]);
    let server = home.start();

    for _ in 0..3 {
        assert_eq!(server.request("GET", "/v1/health", &[], None).0, 200);
    }
    assert_eq!(
        server.request("GET", "/v1/customers/9999", &[], None).0,
        404
    );
    assert_eq!(server.request("GET", "/no/such/path", &[], None).0, 404);
    // An enrollment with the project's own client: a customer lookup, start,
    // finish and activate.
    let account = server.enroll("jklee", &activation).account;
    // Verifications: a wrong code, the right one, the same again (a replay), a
    // user without a token, and a request without a valid key.
    let now = common::unix_now();
    let right = code_at(&account, now);
    let wrong = format!("{:06}", (right.parse::<u32>().unwrap() + 1) % 1_000_000);
    assert_eq!(outcome(&server.verify(&key, "jklee", &wrong).1), "SE4001");
    let (_, body) = server.verify(&key, "jklee", &right);
    if outcome(&body) == "SE4002" {
        // The minute turned between activation (T-1) and now: skip this round.
        eprintln!("code step raced the activation; rerun");
        return;
    }
    assert_eq!(outcome(&body), "ok", "{body}");
    assert_eq!(outcome(&server.verify(&key, "jklee", &right).1), "SE4002");
    home.admin(&["user", "add", "--customer", "1106", "nobody"]);
    assert_eq!(outcome(&server.verify(&key, "nobody", &right).1), "SE4004");
    assert_eq!(
        error_of(&server.verify("otpk_wrong", "jklee", &right).1).0,
        "SE5001"
    );

    // A delivery an admin command attempted (to a webhook nobody answers) is read
    // from the database at the scrape.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    std::fs::write(home.path("hook.secret"), "hook-secret").unwrap();
    home.set("webhook.url", format!("http://127.0.0.1:{port}/otp"));
    home.set("webhook.secret_file", "hook.secret");
    home.set("webhook.retries", 0i64);
    let out = home.run(&[
        "issue",
        "--customer",
        "1106",
        "--user",
        "nobody",
        "--send",
        "webhook",
    ]);
    assert_eq!(out.status.code(), Some(3), "{out:?}");

    let (status, kind, body) = scrape(&server, &[]);
    assert_eq!(status, 200, "{body}");
    assert!(kind.starts_with("text/plain; version=0.0.4"), "{kind}");
    let families = parse(&body);
    let deliveries = |channel: &str, state: &str| {
        value(
            &families,
            "otpd_deliveries_total",
            &[("channel", channel), ("state", state)],
        )
    };
    assert_eq!(deliveries("webhook", "failed"), 1.0);
    assert_eq!(deliveries("webhook", "sent"), 0.0);
    assert_eq!(deliveries("email", "sent"), 0.0);

    let requests = |route: &str, class: &str| {
        value(
            &families,
            "otpd_http_requests_total",
            &[("route", route), ("status", class)],
        )
    };
    assert_eq!(families["otpd_http_requests"].0, "counter");
    assert_eq!(requests("/v1/health", "2xx"), 3.0);
    // The client's lookup during the enrollment, and 9999.
    assert_eq!(requests("/v1/customers/{code}", "2xx"), 1.0);
    assert_eq!(requests("/v1/customers/{code}", "4xx"), 1.0);
    assert_eq!(requests("/v1/enroll/start", "2xx"), 1.0);
    assert_eq!(requests("/v1/enroll/finish", "2xx"), 1.0);
    assert_eq!(requests("/v1/enroll/activate", "2xx"), 1.0);
    assert_eq!(requests("/v1/verify", "2xx"), 1.0);
    assert_eq!(requests("/v1/verify", "4xx"), 4.0);
    // Unknown paths share one label: a scanner cannot grow the series.
    assert_eq!(requests("other", "4xx"), 1.0);

    assert_eq!(families["otpd_verifications"].0, "counter");
    let verifications = |outcome: &str| {
        value(
            &families,
            "otpd_verifications_total",
            &[("outcome", outcome)],
        )
    };
    assert_eq!(verifications("accepted"), 1.0);
    assert_eq!(verifications("rejected"), 1.0);
    assert_eq!(verifications("replay"), 1.0);
    assert_eq!(verifications("no_token"), 1.0);
    assert_eq!(verifications("unauthorized"), 1.0);
    assert_eq!(verifications("locked"), 0.0);
    assert!(
        families["otpd_verifications"].1.iter().any(|s| s
            .labels
            .get("outcome")
            .map(String::as_str)
            == Some("locked")),
        "every outcome is exported, even at 0"
    );

    let enrollments = |event: &str| value(&families, "otpd_enrollments_total", &[("event", event)]);
    assert_eq!(enrollments("started"), 1.0);
    assert_eq!(enrollments("finished"), 1.0);
    assert_eq!(enrollments("completed"), 1.0);
    assert_eq!(enrollments("failed"), 0.0);

    // Latency histograms: as many observations as requests, per route.
    assert_eq!(
        families["otpd_http_request_duration_seconds"].0,
        "histogram"
    );
    let count = value(
        &families,
        "otpd_http_request_duration_seconds_count",
        &[("route", "/v1/verify")],
    );
    assert_eq!(count, 5.0);
    assert_eq!(
        value(
            &families,
            "otpd_http_request_duration_seconds_bucket",
            &[("route", "/v1/verify"), ("le", "+Inf")]
        ),
        5.0
    );
    assert!(
        value(
            &families,
            "otpd_http_request_duration_seconds_sum",
            &[("route", "/v1/verify")]
        ) > 0.0
    );

    // Process basics.
    assert!(value(&families, "process_resident_memory_bytes", &[]) > 1e6);
    assert!(value(&families, "process_open_fds", &[]) >= 3.0);
    assert!(value(&families, "process_start_time_seconds", &[]) > 1.7e9);

    // A second scrape counts the first.
    let again = parse(&scrape(&server, &[]).2);
    assert_eq!(
        value(
            &again,
            "otpd_http_requests_total",
            &[("route", "/metrics"), ("status", "2xx")]
        ),
        1.0
    );
}

#[test]
fn metrics_are_off_by_default_like_an_unknown_path_and_on_when_enabled() {
    let home = OtpdHome::new(None);
    let server = home.start();
    let (status, _, body) = scrape(&server, &[]);
    let (unknown_status, unknown_body) = server.request("GET", "/no/such/path", &[], None);
    assert_eq!((status, unknown_status), (404, 404));
    assert_eq!(error_of(&body), error_of(&unknown_body));
    drop(server);

    home.set("metrics.enabled", true);
    let server = home.start();
    let (status, kind, body) = scrape(&server, &[]);
    assert_eq!(status, 200, "{body}");
    assert!(kind.starts_with("text/plain"), "{kind}");
    assert!(
        body.contains("# TYPE otpd_verifications_total counter"),
        "{body}"
    );
}

#[test]
fn with_a_token_only_a_request_bearing_it_gets_the_metrics() {
    let home = OtpdHome::new(None);
    let token = "scrape-2f1c0b9e4d7a6c3b8e5f";
    let path = home.path("metrics.token");
    std::fs::write(&path, format!("{token}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    home.set("metrics.enabled", true);
    home.set("metrics.token_file", "metrics.token");
    let server = home.start();

    // From loopback too: once a token is set, the token decides.
    for headers in [
        vec![],
        vec![("authorization", "Bearer wrong-token")],
        vec![("authorization", "Bearer scrape-2f1c0b9e4d7a6c3b8e5")],
        vec![("authorization", token)],
    ] {
        let (status, _, body) = scrape(&server, &headers);
        assert_eq!(status, 401, "{headers:?}: {body}");
        assert_eq!(error_of(&body).0, "SE5002", "{body}");
    }
    let bearer = format!("Bearer {token}");
    let (status, _, body) = scrape(&server, &[("authorization", &bearer)]);
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("otpd_http_requests_total"), "{body}");
    assert!(
        !server.log_text().contains(token),
        "the token is never logged"
    );
    if have_prometheus_parser() {
        let families = parse(&body);
        assert_eq!(
            value(
                &families,
                "otpd_http_requests_total",
                &[("route", "/metrics"), ("status", "4xx")]
            ),
            4.0
        );
    }
    drop(server);

    // A token file other users can read is refused at start, like the master key.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = home.run(&["serve", "--listen", "127.0.0.1:0"]);
    common::assert_failure(&out, 2, &["metrics.token", "chmod 600"]);
    // An empty one too.
    std::fs::write(&path, "\n").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    let out = home.run(&["serve", "--listen", "127.0.0.1:0"]);
    common::assert_failure(&out, 2, &["metrics.token", "empty"]);
}
