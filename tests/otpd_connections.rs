//! otpd's connections against the real binary (issue 14, items 8 and 9): the
//! header, body and idle timeouts, the per-address and total caps, 20,400 idle connections
//! from one address while `/v1/health` keeps answering another, and otpd's JSON
//! error and log line in the refusals hyper makes on its own (a garbage request
//! line, 1,000 headers, a 1 MB header, a 100 kB path).
//!
//! The clients are raw TCP sockets. Source address 127.0.0.2 plays the hostile
//! client (Linux routes all of 127/8 to lo) and 127.0.0.1 the honest one. Every
//! wait is bounded and generous: the tests check what happens, not how fast (the
//! latencies are measured by `cargo bench --bench otpd_flood`).

#![cfg(feature = "server")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4, TcpStream};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::flood::{HOSTILE, connect_from, open_and_hold};
use common::otpd::{OtpdHome, Server};

/// A fresh installation with these `[connections]` settings, started.
fn serve_with(connections: &[(&str, i64)]) -> (OtpdHome, Server) {
    let home = OtpdHome::new(None);
    for (name, value) in connections {
        home.set(&format!("connections.{name}"), *value);
    }
    let server = home.start();
    (home, server)
}

fn addr_of(server: &Server) -> SocketAddrV4 {
    let text = server.url.trim_start_matches("http://");
    match text.parse::<SocketAddr>().unwrap() {
        SocketAddr::V4(v4) => v4,
        other => panic!("not IPv4: {other}"),
    }
}

fn connect(to: SocketAddrV4) -> TcpStream {
    let stream = TcpStream::connect(to).unwrap();
    stream.set_nodelay(true).unwrap();
    stream
}

/// Reads until the server closes the connection or `limit` passes; returns what
/// was read and whether (and when) the server closed it.
fn read_until_closed(stream: &mut TcpStream, limit: Duration) -> (Vec<u8>, Option<Duration>) {
    let started = Instant::now();
    let mut out = Vec::new();
    let mut buf = [0u8; 65536];
    while started.elapsed() < limit {
        stream
            .set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        match stream.read(&mut buf) {
            Ok(0) => return (out, Some(started.elapsed())),
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            // A reset is a close too.
            Err(_) => return (out, Some(started.elapsed())),
        }
    }
    (out, None)
}

/// One answer from `bytes`: (status, head, body), the body by its content-length.
fn answer(bytes: &[u8]) -> Option<(u16, String, Vec<u8>, usize)> {
    let text = String::from_utf8_lossy(bytes);
    let end = text.find("\r\n\r\n")?;
    let head = text[..end].to_owned();
    let status = head.get(9..12)?.parse().ok()?;
    let length: usize = head
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .unwrap_or(0);
    let body = bytes.get(end + 4..end + 4 + length)?.to_vec();
    Some((status, head, body, end + 4 + length))
}

/// The error code of a JSON error body.
fn code_of(body: &[u8]) -> String {
    let json: serde_json::Value = serde_json::from_slice(body)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", String::from_utf8_lossy(body)));
    json["error"]["code"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// `GET /v1/health` from 127.0.0.1 on a new connection, bounded by `limit`.
fn health(to: SocketAddrV4, limit: Duration) -> Result<u16, String> {
    let mut stream =
        TcpStream::connect_timeout(&SocketAddr::V4(to), limit).map_err(|e| e.to_string())?;
    stream.set_write_timeout(Some(limit)).unwrap();
    stream
        .write_all(b"GET /v1/health HTTP/1.1\r\nhost: otpd\r\nconnection: close\r\n\r\n")
        .map_err(|e| e.to_string())?;
    let (bytes, _) = read_until_closed(&mut stream, limit);
    answer(&bytes).map(|(status, ..)| status).ok_or_else(|| {
        format!(
            "no answer in {limit:?}: {:?}",
            String::from_utf8_lossy(&bytes)
        )
    })
}

fn wait_for_log(server: &Server, fragment: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let log = server.log_text();
        if log.contains(fragment) || Instant::now() > deadline {
            return log;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_slowloris_is_closed_after_the_header_timeout() {
    let (_home, server) = serve_with(&[("header_timeout_secs", 2), ("idle_timeout_secs", 120)]);
    let mut stream = connect(addr_of(&server));
    stream
        .set_write_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let head = b"GET /v1/health HTTP/1.1\r\nhost: otpd\r\nx-slow: ";
    let started = Instant::now();
    let mut closed = None;
    // One byte every half second (the header never ends), for at most 30 s.
    for i in 0..60 {
        let byte = head.get(i).copied().unwrap_or(b'a');
        if stream.write_all(&[byte]).is_err() {
            closed = Some(started.elapsed());
            break;
        }
        if let (_, Some(_)) = read_until_closed(&mut stream, Duration::from_millis(500)) {
            closed = Some(started.elapsed());
            break;
        }
    }
    let closed = closed.expect("a 1 byte per 0.5 s request head was kept open for 30 s");
    assert!(
        closed >= Duration::from_millis(1500) && closed < Duration::from_secs(20),
        "closed after {closed:?}, the header timeout is 2 s"
    );
    // hyper closes it without an answer; the journal still says so.
    let log = wait_for_log(&server, "incomplete request");
    assert!(log.contains(" - - closed "), "{log}");
}

#[test]
fn a_body_that_stops_gets_408_with_a_json_error_and_the_connection_closed() {
    let (_home, server) = serve_with(&[("body_timeout_secs", 2), ("idle_timeout_secs", 120)]);
    let mut stream = connect(addr_of(&server));
    stream
        .write_all(
            b"POST /v1/enroll/start HTTP/1.1\r\nhost: otpd\r\ncontent-type: application/json\r\n\
              content-length: 100\r\n\r\n{\"custome",
        )
        .unwrap();
    let started = Instant::now();
    let (bytes, closed) = read_until_closed(&mut stream, Duration::from_secs(30));
    let (status, head, body, _) = answer(&bytes).unwrap_or_else(|| {
        panic!(
            "no answer in {:?} to a body that sent 10 of its 100 bytes: {:?}",
            started.elapsed(),
            String::from_utf8_lossy(&bytes)
        )
    });
    assert_eq!(status, 408, "{head}");
    assert_eq!(code_of(&body), "SE5408");
    assert!(
        head.to_ascii_lowercase()
            .contains("content-type: application/json"),
        "{head}"
    );
    let closed = closed.expect("the connection was kept open after the 408");
    assert!(
        closed < Duration::from_secs(20),
        "answered after {closed:?}"
    );
    let log = wait_for_log(&server, " 408 ");
    assert!(log.contains("POST /v1/enroll/start 408"), "{log}");
}

#[test]
fn idle_connections_are_closed_after_the_idle_timeout() {
    let (_home, server) = serve_with(&[("idle_timeout_secs", 2), ("header_timeout_secs", 120)]);
    let to = addr_of(&server);

    // Keep-alive: one answer, then silence.
    let mut kept = connect(to);
    kept.write_all(b"GET /v1/health HTTP/1.1\r\nhost: otpd\r\n\r\n")
        .unwrap();
    let mut first = Vec::new();
    let started = Instant::now();
    while answer(&first).is_none() && started.elapsed() < Duration::from_secs(10) {
        let (bytes, closed) = read_until_closed(&mut kept, Duration::from_millis(200));
        first.extend_from_slice(&bytes);
        assert!(closed.is_none(), "closed before the answer");
    }
    let (status, ..) = answer(&first).expect("no answer to the first request");
    assert_eq!(status, 200);
    // A connection that never says anything.
    let mut silent = connect(to);

    for (name, stream) in [("keep-alive", &mut kept), ("silent", &mut silent)] {
        let (rest, closed) = read_until_closed(stream, Duration::from_secs(30));
        let closed =
            closed.unwrap_or_else(|| panic!("the idle {name} connection was kept open for 30 s"));
        assert!(
            rest.is_empty(),
            "{name}: {:?}",
            String::from_utf8_lossy(&rest)
        );
        assert!(
            closed < Duration::from_secs(20),
            "{name}: closed after {closed:?}"
        );
    }
}

/// A keep-alive connection from `from` that has had one answer (so otpd counts it).
fn answered(from: Ipv4Addr, to: SocketAddrV4) -> TcpStream {
    let mut stream = connect_from(from, to, Duration::from_secs(10)).unwrap();
    stream
        .write_all(b"GET /v1/health HTTP/1.1\r\nhost: otpd\r\n\r\n")
        .unwrap();
    let mut bytes = Vec::new();
    let started = Instant::now();
    while answer(&bytes).is_none() && started.elapsed() < Duration::from_secs(10) {
        let (more, closed) = read_until_closed(&mut stream, Duration::from_millis(200));
        bytes.extend_from_slice(&more);
        assert!(closed.is_none(), "a connection under the caps was closed");
    }
    assert_eq!(answer(&bytes).map(|a| a.0), Some(200));
    stream
}

/// `GET /v1/health` from `from` on a new connection, tried until it is answered
/// (a place freed is given back once otpd has closed its side) or 20 s pass.
fn served_again(from: Ipv4Addr, to: SocketAddrV4) -> Option<u16> {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        std::thread::sleep(Duration::from_millis(200));
        let mut again = connect_from(from, to, Duration::from_secs(10)).unwrap();
        let _ =
            again.write_all(b"GET /v1/health HTTP/1.1\r\nhost: otpd\r\nconnection: close\r\n\r\n");
        let (bytes, _) = read_until_closed(&mut again, Duration::from_secs(10));
        let status = answer(&bytes).map(|a| a.0);
        if status.is_some() || Instant::now() > deadline {
            return status;
        }
    }
}

#[test]
fn over_the_total_cap_a_connection_is_closed_at_once_whatever_its_address() {
    let (_home, server) = serve_with(&[
        ("max_total", 2),
        ("max_per_address", 0),
        ("idle_timeout_secs", 120),
        ("header_timeout_secs", 120),
    ]);
    let to = addr_of(&server);
    let first = answered(HOSTILE, to);
    let _second = answered(HOSTILE, to);
    let mut over = connect_from(Ipv4Addr::LOCALHOST, to, Duration::from_secs(10)).unwrap();
    let (bytes, closed) = read_until_closed(&mut over, Duration::from_secs(10));
    assert!(bytes.is_empty(), "{:?}", String::from_utf8_lossy(&bytes));
    let closed = closed.expect("a 3rd connection was kept open (max_total 2)");
    assert!(closed < Duration::from_secs(5), "closed after {closed:?}");
    drop(first);
    assert_eq!(
        served_again(Ipv4Addr::LOCALHOST, to),
        Some(200),
        "a freed place was not given back"
    );
}

#[test]
fn over_the_per_address_cap_a_connection_is_closed_at_once_and_others_are_served() {
    let (_home, server) = serve_with(&[
        ("max_per_address", 3),
        ("idle_timeout_secs", 120),
        ("header_timeout_secs", 120),
    ]);
    let to = addr_of(&server);
    // Three connections, each answered once (so otpd has counted them all before
    // the next one: admission runs on otpd's tasks in no fixed order).
    let held: Vec<TcpStream> = (0..3).map(|_| answered(HOSTILE, to)).collect();
    let mut over = connect_from(HOSTILE, to, Duration::from_secs(10)).unwrap();
    let (bytes, closed) = read_until_closed(&mut over, Duration::from_secs(10));
    assert!(bytes.is_empty(), "{:?}", String::from_utf8_lossy(&bytes));
    let closed = closed.expect("the 4th connection from one address was kept open (cap 3)");
    assert!(closed < Duration::from_secs(5), "closed after {closed:?}");

    // Another address is served meanwhile.
    assert_eq!(health(to, Duration::from_secs(10)), Ok(200));

    // The held ones still work, and a place freed is a place for the address again.
    let mut first = held.into_iter().next().unwrap();
    first
        .write_all(b"GET /v1/health HTTP/1.1\r\nhost: otpd\r\nconnection: close\r\n\r\n")
        .unwrap();
    let (bytes, _) = read_until_closed(&mut first, Duration::from_secs(10));
    assert_eq!(answer(&bytes).map(|a| a.0), Some(200));
    drop(first);
    assert_eq!(
        served_again(HOSTILE, to),
        Some(200),
        "a freed place was not given back"
    );
}

/// Sends `request` (from a thread, so a reset on an unread remainder cannot lose
/// the answer) and reads the answer.
fn hostile(to: SocketAddrV4, request: Vec<u8>) -> Vec<u8> {
    let mut stream = connect_from(HOSTILE, to, Duration::from_secs(10)).unwrap();
    let mut writer = stream.try_clone().unwrap();
    writer
        .set_write_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let sender = std::thread::spawn(move || {
        let _ = writer.write_all(&request);
    });
    let (bytes, _) = read_until_closed(&mut stream, Duration::from_secs(20));
    drop(stream);
    let _ = sender.join();
    bytes
}

#[test]
fn hypers_own_refusals_carry_a_json_error_and_a_log_line() {
    let (_home, server) = serve_with(&[]);
    let to = addr_of(&server);
    let mut many_headers = b"GET /v1/health HTTP/1.1\r\nhost: otpd\r\n".to_vec();
    for i in 0..1000 {
        many_headers.extend_from_slice(format!("x-h{i}: v\r\n").as_bytes());
    }
    many_headers.extend_from_slice(b"\r\n");
    let mut big_header = b"GET /v1/health HTTP/1.1\r\nhost: otpd\r\nx-big: ".to_vec();
    big_header.extend(std::iter::repeat_n(b'a', 1 << 20));
    big_header.extend_from_slice(b"\r\n\r\n");
    let mut long_path = b"GET /v1/".to_vec();
    long_path.extend(std::iter::repeat_n(b'a', 100_000));
    long_path.extend_from_slice(b" HTTP/1.1\r\nhost: otpd\r\n\r\n");
    let cases: Vec<(&str, Vec<u8>, u16, &str)> = vec![
        (
            "garbage request line",
            b"\x01\x02 nonsense \xff\r\n\r\n".to_vec(),
            400,
            "SE5400",
        ),
        ("1,000 headers", many_headers, 431, "SE5431"),
        ("a 1 MB header", big_header, 431, "SE5431"),
        ("a 100 kB path", long_path, 414, "SE5414"),
    ];
    for (what, request, want_status, want_code) in cases {
        let bytes = hostile(to, request);
        let (status, head, body, _) = answer(&bytes)
            .unwrap_or_else(|| panic!("{what}: no answer: {:?}", String::from_utf8_lossy(&bytes)));
        assert_eq!(status, want_status, "{what}: {head}");
        assert!(
            head.to_ascii_lowercase()
                .contains("content-type: application/json"),
            "{what}: {head}"
        );
        assert_eq!(code_of(&body), want_code, "{what}");
        let line = format!("127.0.0.2 - - {want_status} ");
        let log = wait_for_log(&server, &format!("{line}0.0ms {want_code}"));
        assert!(
            log.contains(&format!("{line}0.0ms {want_code}")),
            "{what}: no log line in\n{log}"
        );
    }

    // In the language the request asks for, when its header line arrived whole.
    let mut korean =
        b"GET /v1/health HTTP/1.1\r\nhost: otpd\r\naccept-language: ko-KR\r\n".to_vec();
    for i in 0..1000 {
        korean.extend_from_slice(format!("x-h{i}: v\r\n").as_bytes());
    }
    korean.extend_from_slice(b"\r\n");
    let bytes = hostile(to, korean);
    let (status, head, body, _) = answer(&bytes).expect("no answer in Korean");
    assert_eq!(status, 431, "{head}");
    assert_eq!(code_of(&body), "SE5431");
    let message = String::from_utf8_lossy(&body);
    assert!(
        message
            .chars()
            .any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c)),
        "not in Korean: {message}"
    );

    // The second request on a keep-alive connection too.
    let mut request = b"GET /v1/health HTTP/1.1\r\nhost: otpd\r\n\r\n".to_vec();
    request.extend_from_slice(b"\x01\x02 nonsense\r\n\r\n");
    let bytes = hostile(to, request);
    let (status, _, _, used) = answer(&bytes).expect("no first answer");
    assert_eq!(status, 200);
    let (status, head, body, _) = answer(&bytes[used..])
        .unwrap_or_else(|| panic!("no second answer: {:?}", String::from_utf8_lossy(&bytes)));
    assert_eq!(status, 400, "{head}");
    assert_eq!(code_of(&body), "SE5400");

    // otpd's own answers are untouched: an unknown route is still CE1002 in JSON.
    let bytes = hostile(
        to,
        b"GET /nowhere HTTP/1.1\r\nhost: otpd\r\nconnection: close\r\n\r\n".to_vec(),
    );
    let (status, _, body, _) = answer(&bytes).unwrap();
    assert_eq!(status, 404);
    assert_eq!(code_of(&body), "CE1002");
}

// ---------------------------------------------------------------------------------------
// 20,000 idle connections from one address
// ---------------------------------------------------------------------------------------

const FLOOD_CHILDREN: usize = 4;
/// 20,400 in all: the machine's file limit of 20,000, and then some.
const FLOOD_PER_CHILD: usize = 5_100;
const FLOOD_ENV: &str = "OTPD_FLOOD_CHILD";

/// Not a test of its own: the flood test runs this test binary again with
/// `OTPD_FLOOD_CHILD=ADDR` (the file limit of one process is too small for 20,000
/// connections and the test's own files). It opens its share of connections from
/// 127.0.0.2, says how many were opened and how many otpd has closed, and holds
/// them until its standard input closes.
#[test]
fn flood_child() {
    let Ok(target) = std::env::var(FLOOD_ENV) else {
        return;
    };
    // Time for otpd to close the last ones over the cap, even on a loaded machine.
    open_and_hold(
        target.parse().unwrap(),
        FLOOD_PER_CHILD,
        Duration::from_secs(3),
    );
}

/// The open descriptors of process `pid`.
fn fd_count(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd"))
        .map(|dir| dir.count())
        .unwrap_or(0)
}

#[test]
fn health_answers_while_20000_idle_connections_from_one_address_are_held() {
    // Held connections stay until the test ends (no idle or header timeout in
    // the way); only the per-address cap (default 256) and the total protect otpd.
    let (_home, server) = serve_with(&[("idle_timeout_secs", 600), ("header_timeout_secs", 600)]);
    let to = addr_of(&server);
    let exe = std::env::current_exe().unwrap();
    let mut children: Vec<_> = (0..FLOOD_CHILDREN)
        .map(|_| {
            Command::new(&exe)
                .args(["flood_child", "--exact", "--nocapture", "--test-threads=1"])
                .env(FLOOD_ENV, to.to_string())
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    let (tx, rx) = std::sync::mpsc::channel();
    for child in &mut children {
        let stdout = child.stdout.take().unwrap();
        let tx = tx.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                // The harness prints `test flood_child ... ` before it on the line.
                if let Some((_, rest)) = line.split_once("flood-ready ") {
                    let numbers: Vec<usize> = rest.split(' ').map(|n| n.parse().unwrap()).collect();
                    let _ = tx.send((numbers[0], numbers[1], numbers[2]));
                }
            }
        });
    }
    drop(tx);
    let deadline = Instant::now() + Duration::from_secs(150);
    let (mut opened, mut closed, mut failed, mut ready) = (0, 0, 0, 0);
    while ready < FLOOD_CHILDREN {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok((o, c, f)) => {
                opened += o;
                closed += c;
                failed += f;
                ready += 1;
            }
            Err(_) => break,
        }
    }
    let pid = server.child.id();
    let fds = fd_count(pid);
    let answers: Vec<Result<u16, String>> = (0..20)
        .map(|_| health(to, Duration::from_secs(5)))
        .collect();
    let alive = server.log_text();
    for mut child in children {
        drop(child.stdin.take());
        let _ = child.kill();
        let _ = child.wait();
    }
    let summary = format!(
        "{ready} of {FLOOD_CHILDREN} flooders ready; {opened} connections opened from 127.0.0.2, \
         {closed} of them closed by otpd, {failed} not opened; otpd held {fds} descriptors"
    );
    assert_eq!(ready, FLOOD_CHILDREN, "{summary}");
    assert!(
        answers.iter().all(|a| a == &Ok(200)),
        "/v1/health from 127.0.0.1 under the flood: {answers:?}\n{summary}\n{alive}"
    );
    assert!(
        opened >= 19_000,
        "connections over the cap must be accepted (and closed): {summary}"
    );
    assert!(
        opened - closed <= 256 + 64,
        "more held than the per-address cap: {summary}"
    );
    assert!(fds < 1_000, "{summary}");
    let log = wait_for_log(&server, "otpd: refused ");
    assert!(
        log.contains("otpd: refused "),
        "no summary of refused connections:\n{log}"
    );
}
