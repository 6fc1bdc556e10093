//! The independent peers of otpd's delivery tests and benchmarks: Python helpers
//! of tests/data (a mail server with STARTTLS and a checked login, a webhook
//! receiver) run as child processes, and a private CA for their certificates.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The password the mail server checks (user `otpd`).
pub const PASSWORD: &str = "mail-pass-7Qx9-not-a-code";

/// A Python helper of tests/data running until dropped, and the directory it
/// writes what it received to.
pub struct Sink {
    child: Child,
    /// The port it listens on (127.0.0.1).
    pub port: u16,
    out: PathBuf,
    _dir: tempfile::TempDir,
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Sink {
    /// Starts `tests/data/SCRIPT OUT ARGS... PORT_FILE` with `env`, and waits for
    /// the port it writes.
    pub fn start(
        script: &str,
        args: &[&Path],
        env: &[(&str, &str)],
        dir: tempfile::TempDir,
    ) -> Sink {
        let out = dir.path().join("received");
        std::fs::create_dir(&out).unwrap();
        let port_file = dir.path().join("port");
        let mut command = Command::new("python3");
        command
            .arg(
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("tests/data")
                    .join(script),
            )
            .arg(&out);
        for arg in args {
            command.arg(arg);
        }
        command.arg(&port_file);
        for (name, value) in env {
            command.env(name, value);
        }
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        let port = loop {
            if let Ok(text) = std::fs::read_to_string(&port_file) {
                break text.trim().parse().unwrap();
            }
            if let Ok(Some(status)) = child.try_wait() {
                panic!("{script} exited with {status}");
            }
            assert!(Instant::now() < deadline, "{script} did not start");
            std::thread::sleep(Duration::from_millis(50));
        };
        Sink {
            child,
            port,
            out,
            _dir: dir,
        }
    }

    /// What it received, in order (each a JSON object).
    pub fn received(&self) -> Vec<serde_json::Value> {
        let mut names: Vec<(u32, PathBuf)> = std::fs::read_dir(&self.out)
            .unwrap()
            .filter_map(|e| {
                let path = e.unwrap().path();
                let n = path.file_stem()?.to_str()?.parse().ok()?;
                (path.extension()? == "json").then_some((n, path))
            })
            .collect();
        names.sort();
        names
            .into_iter()
            .map(|(_, p)| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
            .collect()
    }
}

/// A private CA and a certificate for `localhost` signed by it: (ca.pem, cert.pem,
/// key.pem) in `dir`.
pub fn certificates(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let ca_key = rcgen::KeyPair::generate().unwrap();
    let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "otpd mail test CA");
    let ca = ca_params.clone().self_signed(&ca_key).unwrap();
    let key = rcgen::KeyPair::generate().unwrap();
    let params = rcgen::CertificateParams::new(vec!["localhost".to_owned()]).unwrap();
    let cert = params
        .signed_by(&key, &rcgen::Issuer::from_params(&ca_params, &ca_key))
        .unwrap();
    let paths = (
        dir.join("ca.pem"),
        dir.join("cert.pem"),
        dir.join("key.pem"),
    );
    std::fs::write(&paths.0, ca.pem()).unwrap();
    std::fs::write(&paths.1, cert.pem()).unwrap();
    std::fs::write(&paths.2, key.serialize_pem()).unwrap();
    paths
}

/// The mail server, with STARTTLS by a certificate of a private CA and a login
/// (user `otpd`, [`PASSWORD`]); refuses mail to `refuse`. Returns it and the CA.
pub fn mail_server(refuse: &str) -> (Sink, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let (ca, cert, key) = certificates(dir.path());
    let sink = Sink::start(
        "smtp_sink.py",
        &[&cert, &key],
        &[
            ("SINK_USER", "otpd"),
            ("SINK_PASSWORD", PASSWORD),
            ("SINK_REFUSE", refuse),
        ],
        dir,
    );
    (sink, ca)
}
