//! otpd as a systemd service (issue "otpd for a real organisation", part 4), against
//! the real `otpd` binary on 127.0.0.1:
//!
//! - `assets/otpd.service` passes `systemd-analyze verify` and keeps its exposure
//!   score low (`systemd-analyze security --offline`);
//! - the unit's own `ExecStart=` command line, run the way systemd would run it
//!   (clean environment, the unit's umask, stdin on /dev/null), serves and keeps
//!   what it creates private;
//! - SIGHUP re-reads the TLS certificate and key: new connections get the new
//!   certificate, open ones keep working, a broken pair is logged and the old one
//!   kept; on plain HTTP it only says there is nothing to reload. SIGTERM still
//!   stops otpd cleanly.

#![cfg(all(feature = "server", unix))]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::otpd::OtpdHome;
use common::{assert_success, stderr};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn unit_text() -> String {
    std::fs::read_to_string(repo().join("assets/otpd.service")).unwrap()
}

/// The value of the one `KEY=` line of the unit (panics when there is none or several).
fn unit_value(unit: &str, key: &str) -> String {
    let prefix = format!("{key}=");
    let found: Vec<&str> = unit
        .lines()
        .filter_map(|line| line.strip_prefix(&prefix))
        .collect();
    assert_eq!(found.len(), 1, "one {key}= line in the unit: {found:?}");
    found[0].trim().to_owned()
}

fn send(child: &Child, signal: rustix::process::Signal) {
    rustix::process::kill_process(rustix::process::Pid::from_child(child), signal).unwrap();
}

/// Waits until `text` shows up in `log` (a file), or panics with the log.
fn wait_for_log(log: &Path, text: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let now = std::fs::read_to_string(log).unwrap_or_default();
        if now.contains(text) {
            return now;
        }
        assert!(Instant::now() < deadline, "no {text:?} in the log:\n{now}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn wait_exit(child: &mut Child) -> std::process::ExitStatus {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        assert!(Instant::now() < deadline, "otpd did not stop");
        std::thread::sleep(Duration::from_millis(20));
    }
}

// ---------------------------------------------------------------------------------------
// The unit file
// ---------------------------------------------------------------------------------------

fn have_systemd_analyze() -> bool {
    common::have_tool("systemd-analyze", &["--version"])
}

/// `systemd-analyze verify` on the unit as shipped, but for the path of the binary
/// (verify needs ExecStart= to exist): that one line is rewritten to the freshly
/// built otpd, nothing else. `man:` links are checked against the generated pages.
#[test]
fn the_unit_verifies_and_is_hardened() {
    if !have_systemd_analyze() {
        return;
    }
    let unit = unit_text();
    let exec = unit_value(&unit, "ExecStart");
    let installed = exec.split_whitespace().next().unwrap();
    assert!(
        installed.starts_with("/usr/"),
        "ExecStart names an installed path: {exec}"
    );
    let dir = tempfile::tempdir().unwrap();
    let built = env!("CARGO_BIN_EXE_otpd");
    let rewritten = unit.replace(
        &format!("ExecStart={installed} "),
        &format!("ExecStart={built} "),
    );
    let changed: Vec<(&str, &str)> = unit
        .lines()
        .zip(rewritten.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(changed.len(), 1, "only ExecStart= differs: {changed:?}");
    let path = dir.path().join("otpd.service");
    std::fs::write(&path, &rewritten).unwrap();
    // man pages as `man` finds them: MANPATH/man1/otpd.1.
    let man1 = dir.path().join("man/man1");
    std::fs::create_dir_all(&man1).unwrap();
    for entry in std::fs::read_dir(repo().join("man")).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), man1.join(entry.file_name())).unwrap();
        }
    }
    let out = Command::new("systemd-analyze")
        .arg("verify")
        .arg(&path)
        .env("MANPATH", dir.path().join("man"))
        .current_dir(dir.path())
        .output()
        .unwrap();
    // verify exits 0 on a directive it ignores (a typo, a bad value) but says so.
    assert!(
        out.status.success() && stderr(&out).trim().is_empty() && out.stdout.is_empty(),
        "systemd-analyze verify: {:?}\n{}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        stderr(&out)
    );

    // The exposure score, 0 (locked down) to 10 (none); --threshold is in tenths.
    let out = Command::new("systemd-analyze")
        .args(["security", "--offline=yes", "--threshold=20"])
        .arg(&path)
        .current_dir(dir.path())
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "exposure above 2.0:\n{report}{}",
        stderr(&out)
    );
    for hardened in [
        "PrivateTmp=",
        "PrivateDevices=",
        "ProtectHome=",
        "NoNewPrivileges=",
        "ProtectKernelTunables=",
        "ProtectKernelModules=",
        "SystemCallFilter=~@privileged",
        "CapabilityBoundingSet=~CAP_SYS_ADMIN",
        "UMask=",
        "RestrictAddressFamilies=~AF_PACKET",
    ] {
        assert!(
            report
                .lines()
                .any(|l| l.starts_with('✓') && l.contains(hardened)),
            "{hardened} not in force:\n{report}"
        );
    }
    // The user the unit names is the one assets/otpd.sysusers.conf creates, at
    // home in the state directory.
    let root = dir.path().join("root");
    std::fs::create_dir_all(root.join("etc")).unwrap();
    let out = Command::new("systemd-sysusers")
        .arg(format!("--root={}", root.display()))
        .arg(repo().join("assets/otpd.sysusers.conf"))
        .output()
        .unwrap();
    assert!(out.status.success(), "systemd-sysusers: {}", stderr(&out));
    let passwd = std::fs::read_to_string(root.join("etc/passwd")).unwrap();
    let user = unit_value(&unit, "User");
    let home = format!("/var/lib/{}", unit_value(&unit, "StateDirectory"));
    assert!(
        passwd.lines().any(|l| {
            let fields: Vec<&str> = l.split(':').collect();
            fields[0] == user && fields[5] == home && fields[6].ends_with("nologin")
        }),
        "{passwd}"
    );
    assert_eq!(unit_value(&unit, "Group"), user);

    assert_eq!(unit_value(&unit, "ProtectSystem"), "strict");
    assert_eq!(unit_value(&unit, "CapabilityBoundingSet"), "");
    assert_eq!(unit_value(&unit, "Restart"), "on-failure");
    assert_eq!(unit_value(&unit, "ExecReload"), "/bin/kill -HUP $MAINPID");
}

/// The unit's own ExecStart= command line, with /usr/local/bin/otpd and /etc/otpd
/// replaced by the built binary and a temporary tree, run as systemd runs it: an
/// environment holding only what systemd sets (User= variables, the directories of
/// StateDirectory=/ConfigurationDirectory=, INVOCATION_ID), the unit's UMask=,
/// stdin on /dev/null. It serves /v1/health, the files it creates are 0600, and
/// SIGTERM (systemctl stop) ends it with status 0.
#[test]
fn the_units_command_line_serves_and_keeps_its_files_private() {
    let unit = unit_text();
    let exec = unit_value(&unit, "ExecStart");
    let umask = unit_value(&unit, "UMask");
    let state = unit_value(&unit, "StateDirectory");
    let configuration = unit_value(&unit, "ConfigurationDirectory");
    let user = unit_value(&unit, "User");
    assert_eq!(umask, "0077");

    let root = tempfile::tempdir().unwrap();
    let etc = root.path().join("etc").join(&configuration);
    let var = root.path().join("var/lib").join(&state);
    std::fs::create_dir_all(root.path().join("etc")).unwrap();
    std::fs::create_dir_all(&var).unwrap();
    std::fs::set_permissions(&var, std::fs::Permissions::from_mode(0o700)).unwrap();
    // The README's setup: `otpd init` with the config in /etc/otpd and the
    // database in /var/lib/otpd.
    let out = Command::new(env!("CARGO_BIN_EXE_otpd"))
        .env("OTP_LANG", "en")
        .arg("--config")
        .arg(etc.join("otpd.toml"))
        .arg("init")
        .arg("--database")
        .arg(format!("sqlite://{}", var.join("otpd.db").display()))
        .args(["--listen", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert_success(&out);
    let before: Vec<PathBuf> = files_under(root.path());

    let argv: Vec<String> = exec
        .split_whitespace()
        .map(|word| {
            if word == "/usr/local/bin/otpd" || word == "/usr/bin/otpd" {
                env!("CARGO_BIN_EXE_otpd").to_owned()
            } else if let Some(rest) = word.strip_prefix("/etc/") {
                root.path().join("etc").join(rest).display().to_string()
            } else {
                word.to_owned()
            }
        })
        .collect();
    assert!(
        argv.iter().any(|w| w.ends_with("etc/otpd/otpd.toml")),
        "{argv:?}"
    );
    let log = root.path().join("journal.log");
    let journal = std::fs::File::create(&log).unwrap();
    // `sh` sets the unit's umask, then becomes otpd (exec): what systemd does
    // between fork and exec.
    let mut child = Command::new("/bin/sh")
        .arg("-c")
        .arg(format!("umask {umask} && exec \"$@\""))
        .arg("sh")
        .args(&argv)
        .env_clear()
        .env("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin")
        .env("USER", &user)
        .env("LOGNAME", &user)
        .env("HOME", &var)
        .env("SHELL", "/usr/sbin/nologin")
        .env("STATE_DIRECTORY", &var)
        .env("CONFIGURATION_DIRECTORY", &etc)
        .env("INVOCATION_ID", "5f0d3c0c2b6e4f0a9f5d7e1c3b2a1908")
        .env("SYSTEMD_EXEC_PID", "1")
        .stdin(Stdio::null())
        .stdout(journal.try_clone().unwrap())
        .stderr(journal)
        .spawn()
        .unwrap();
    let text = wait_for_log(&log, "listening on ");
    let url = text
        .split("listening on ")
        .nth(1)
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .trim()
        .to_owned();
    let body = http_get(&url, "/v1/health");
    assert!(body.contains(r#""status":"ok""#), "{body}");

    for file in files_under(root.path()) {
        if before.contains(&file) || file == log {
            continue;
        }
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{} is {mode:o}", file.display());
    }
    for private in [var.join("otpd.db"), etc.join("master.key")] {
        let mode = std::fs::metadata(&private).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{} is {mode:o}", private.display());
    }
    // Log lines carry no timestamp of their own: the journal adds one.
    let text = std::fs::read_to_string(&log).unwrap();
    for line in text.lines() {
        assert!(line.starts_with("otpd: "), "{line}");
        assert!(!has_clock_time(line), "a timestamp in {line:?}");
    }

    send(&child, rustix::process::Signal::TERM);
    let status = wait_exit(&mut child);
    assert!(status.success(), "SIGTERM ends otpd cleanly: {status:?}");
    wait_for_log(&log, "otpd: shutting down");
}

/// Whether `line` holds a time of day like `23:59:07`.
fn has_clock_time(line: &str) -> bool {
    let bytes = line.as_bytes();
    bytes.windows(8).any(|w| {
        w.iter().enumerate().all(|(i, b)| match i {
            2 | 5 => *b == b':',
            _ => b.is_ascii_digit(),
        })
    })
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            out.extend(files_under(&entry.path()));
        } else {
            out.push(entry.path());
        }
    }
    out
}

/// `GET path` on a plain-HTTP `url` (`http://ADDR`); the body.
fn http_get(url: &str, path: &str) -> String {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    agent
        .get(format!("{url}{path}"))
        .call()
        .unwrap()
        .body_mut()
        .read_to_string()
        .unwrap()
}

// ---------------------------------------------------------------------------------------
// SIGHUP: reloading the certificate
// ---------------------------------------------------------------------------------------

/// A CA and server certificates for 127.0.0.1 signed by it.
struct Pki {
    ca_params: rcgen::CertificateParams,
    ca_key: rcgen::KeyPair,
    ca_der: rustls::pki_types::CertificateDer<'static>,
}

impl Pki {
    fn new() -> Self {
        let ca_key = rcgen::KeyPair::generate().unwrap();
        let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        ca_params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "otpd reload test CA");
        let ca = ca_params.clone().self_signed(&ca_key).unwrap();
        Self {
            ca_der: ca.der().clone(),
            ca_params,
            ca_key,
        }
    }

    /// (certificate PEM, key PEM, certificate DER) for 127.0.0.1 named `name`.
    fn server(&self, name: &str) -> (String, String, Vec<u8>) {
        let key = rcgen::KeyPair::generate().unwrap();
        let mut params = rcgen::CertificateParams::new(vec!["127.0.0.1".to_owned()]).unwrap();
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, name);
        let issuer = rcgen::Issuer::from_params(&self.ca_params, &self.ca_key);
        let cert = params.signed_by(&key, &issuer).unwrap();
        (cert.pem(), key.serialize_pem(), cert.der().to_vec())
    }
}

/// A keep-alive HTTPS/1.1 connection, trusting only the test CA.
struct TlsConn {
    stream: rustls::StreamOwned<rustls::ClientConnection, TcpStream>,
}

impl TlsConn {
    fn open(addr: &str, ca: &rustls::pki_types::CertificateDer<'static>) -> Self {
        let mut roots = rustls::RootCertStore::empty();
        roots.add(ca.clone()).unwrap();
        let config = rustls::ClientConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
        let name = rustls::pki_types::ServerName::try_from("127.0.0.1").unwrap();
        let conn = rustls::ClientConnection::new(Arc::new(config), name).unwrap();
        let tcp = TcpStream::connect(addr).unwrap();
        tcp.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let mut stream = rustls::StreamOwned::new(conn, tcp);
        // Finish the handshake so the peer's certificate is known.
        while stream.conn.is_handshaking() {
            stream.conn.complete_io(&mut stream.sock).unwrap();
        }
        Self { stream }
    }

    /// The DER of the certificate the server presented.
    fn peer(&self) -> Vec<u8> {
        self.stream.conn.peer_certificates().unwrap()[0].to_vec()
    }

    /// `GET /v1/health` on this connection, kept alive; (status, body).
    fn health(&mut self) -> (u16, String) {
        self.stream
            .write_all(b"GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            .unwrap();
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") {
            self.stream.read_exact(&mut byte).unwrap();
            head.push(byte[0]);
        }
        let head = String::from_utf8(head).unwrap();
        let status: u16 = head.split(' ').nth(1).unwrap().parse().unwrap();
        let length: usize = head
            .lines()
            .find_map(|l| {
                l.to_ascii_lowercase()
                    .strip_prefix("content-length:")
                    .map(|v| v.trim().parse().unwrap())
            })
            .unwrap();
        let mut body = vec![0u8; length];
        self.stream.read_exact(&mut body).unwrap();
        (status, String::from_utf8(body).unwrap())
    }
}

#[test]
fn sighup_reloads_the_certificate_and_keeps_open_connections() {
    let home = OtpdHome::new(None);
    let pki = Pki::new();
    let (cert_a, key_a, der_a) = pki.server("otpd A");
    let (cert_b, key_b, der_b) = pki.server("otpd B");
    std::fs::write(home.path("cert.pem"), &cert_a).unwrap();
    std::fs::write(home.path("key.pem"), &key_a).unwrap();
    home.set("tls_cert", "cert.pem");
    home.set("tls_key", "key.pem");
    // Room for the steps below between two requests of the old connection.
    home.set("connections.idle_timeout_secs", 60);
    let mut server = home.start();
    let addr = server.url.strip_prefix("https://").unwrap().to_owned();

    let mut old = TlsConn::open(&addr, &pki.ca_der);
    assert_eq!(old.peer(), der_a);
    assert_eq!(old.health().0, 200);

    // Certificate B in place (as a renewal writes it), then `systemctl reload`.
    std::fs::write(home.path("cert.pem"), &cert_b).unwrap();
    std::fs::write(home.path("key.pem"), &key_b).unwrap();
    send(&server.child, rustix::process::Signal::HUP);
    wait_for_log(&server.log, "otpd: reloaded the TLS certificate");
    let mut new = TlsConn::open(&addr, &pki.ca_der);
    assert_eq!(new.peer(), der_b, "a new connection gets certificate B");
    assert_eq!(new.health().0, 200);
    // The connection opened before the reload still answers, with certificate A.
    let (status, body) = old.health();
    assert_eq!((status, body.contains("ok")), (200, true), "{body}");
    assert_eq!(old.peer(), der_a);

    // A broken pair: B's certificate with a key that is not its own, then a key
    // file that is not PEM at all. Both are logged; B stays in use.
    let (_, key_c, _) = pki.server("otpd C");
    for (n, broken_key) in [key_c.as_str(), "not a key\n"].into_iter().enumerate() {
        std::fs::write(home.path("key.pem"), broken_key).unwrap();
        send(&server.child, rustix::process::Signal::HUP);
        let log = wait_until_count(
            &server.log,
            "otpd: cannot reload the TLS certificate",
            n + 1,
        );
        assert!(log.contains("keeps using the certificate it has"), "{log}");
        assert!(server.child.try_wait().unwrap().is_none(), "{log}");
        let mut after = TlsConn::open(&addr, &pki.ca_der);
        assert_eq!(after.peer(), der_b, "certificate B is still served");
        assert_eq!(after.health().0, 200);
    }
    let log = server.log_text();
    // Nothing of the key reaches the log.
    for secret_line in key_b
        .lines()
        .chain(key_c.lines())
        .filter(|l| !l.starts_with("-----"))
    {
        assert!(
            !log.contains(secret_line),
            "key material in the log:\n{log}"
        );
    }
    assert_eq!(old.health().0, 200, "the first connection is still open");
}

/// Waits until `text` appears `count` times in `log`.
fn wait_until_count(log: &Path, text: &str, count: usize) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let now = std::fs::read_to_string(log).unwrap_or_default();
        if now.matches(text).count() >= count {
            return now;
        }
        assert!(
            Instant::now() < deadline,
            "{text:?} not {count} times in the log:\n{now}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn sighup_on_plain_http_has_nothing_to_reload_and_sigint_still_stops() {
    let home = OtpdHome::new(None);
    let mut server = home.start();
    send(&server.child, rustix::process::Signal::HUP);
    wait_for_log(&server.log, "otpd: SIGHUP: nothing to reload");
    assert!(
        server.child.try_wait().unwrap().is_none(),
        "otpd still runs: {}",
        server.log_text()
    );
    assert!(http_get(&server.url, "/v1/health").contains("ok"));
    send(&server.child, rustix::process::Signal::INT);
    let status = wait_exit(&mut server.child);
    assert!(status.success(), "{status:?}: {}", server.log_text());
    wait_for_log(&server.log, "otpd: shutting down");
}
