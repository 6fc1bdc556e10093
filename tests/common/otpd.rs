//! An `otpd` installation in a temporary directory, its admin commands, and
//! running servers bound to 127.0.0.1 on a free port.
//!
//! Every otpd started here speaks English (`OTP_LANG=en`), whatever the locale of
//! the machine running the tests, unless a test asks for a locale with
//! [`OtpdHome::run_in_locale`]. API answers follow each request's
//! `Accept-Language` either way.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use super::{assert_success, stdout};

/// `otpd` with its admin output pinned to English.
fn otpd() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_otpd"));
    command.env("OTP_LANG", "en");
    command
}

/// A directory with `otpd.toml`, `master.key` and (for SQLite) the database.
pub struct OtpdHome {
    pub dir: tempfile::TempDir,
    pub config: PathBuf,
}

impl OtpdHome {
    /// `otpd init`: SQLite in the directory, or `database`.
    pub fn new(database: Option<&str>) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("otpd.toml");
        let mut command = otpd();
        command.arg("--config").arg(&config).arg("init");
        if let Some(url) = database {
            command.args(["--database", url]);
        }
        let out = command.output().unwrap();
        assert_success(&out);
        Self { dir, config }
    }

    /// Sets `key` (`name` or `table.name`) in the config to `value`.
    pub fn set(&self, key: &str, value: impl Into<toml::Value>) {
        let text = std::fs::read_to_string(&self.config).unwrap();
        let mut table: toml::Table = toml::from_str(&text).unwrap();
        match key.split_once('.') {
            Some((outer, inner)) => {
                let entry = table
                    .entry(outer.to_owned())
                    .or_insert_with(|| toml::Value::Table(toml::Table::new()));
                entry
                    .as_table_mut()
                    .unwrap()
                    .insert(inner.to_owned(), value.into());
            }
            None => {
                table.insert(key.to_owned(), value.into());
            }
        }
        std::fs::write(&self.config, toml::to_string(&table).unwrap()).unwrap();
    }

    /// Runs `otpd --config CONFIG ARGS` (in English).
    pub fn run(&self, args: &[&str]) -> Output {
        otpd()
            .arg("--config")
            .arg(&self.config)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap()
    }

    /// Runs `otpd --config CONFIG ARGS` as an administrator whose locale is `lang`
    /// (`LANG`; `OTP_LANG`, `LC_ALL` and `LC_MESSAGES` removed).
    pub fn run_in_locale(&self, lang: &str, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_otpd"))
            .env_remove("OTP_LANG")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", lang)
            .arg("--config")
            .arg(&self.config)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap()
    }

    /// Runs an admin command that must succeed; returns stdout.
    pub fn admin(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_success(&out);
        stdout(&out)
    }

    /// Customer 1106 "Example Org" with user jklee.
    pub fn with_org(self) -> Self {
        self.admin(&["customer", "add", "1106", "Example Org"]);
        self.admin(&["user", "add", "--customer", "1106", "jklee"]);
        self
    }

    /// A fresh activation code for `user` at 1106.
    pub fn issue(&self, user: &str, extra: &[&str]) -> String {
        let mut args = vec!["issue", "--customer", "1106", "--user", user];
        args.extend_from_slice(extra);
        self.admin(&args).trim().to_owned()
    }

    /// A new API key for 1106.
    pub fn api_key(&self) -> String {
        self.admin(&["client", "add", "--customer", "1106", "portal"])
            .trim()
            .to_owned()
    }

    /// Makes otpd serve TLS with a certificate for 127.0.0.1 issued by a private
    /// CA of its own; the CA certificate's file (for `--ca-cert`).
    pub fn private_tls(&self) -> PathBuf {
        let ca_key = rcgen::KeyPair::generate().unwrap();
        let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        ca_params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "otp test CA");
        let ca = ca_params.clone().self_signed(&ca_key).unwrap();
        let server_key = rcgen::KeyPair::generate().unwrap();
        let server_params =
            rcgen::CertificateParams::new(vec!["localhost".to_owned(), "127.0.0.1".to_owned()])
                .unwrap();
        let issuer = rcgen::Issuer::from_params(&ca_params, &ca_key);
        let server_cert = server_params.signed_by(&server_key, &issuer).unwrap();
        std::fs::write(self.path("cert.pem"), server_cert.pem()).unwrap();
        std::fs::write(self.path("key.pem"), server_key.serialize_pem()).unwrap();
        let ca_path = self.path("ca.pem");
        std::fs::write(&ca_path, ca.pem()).unwrap();
        self.set("tls_cert", "cert.pem");
        self.set("tls_key", "key.pem");
        ca_path
    }

    /// Starts `otpd serve` on 127.0.0.1, port 0.
    pub fn start(&self) -> Server {
        let n = std::fs::read_dir(self.dir.path()).unwrap().count();
        let addr_file = self.dir.path().join(format!("addr-{n}"));
        let log = self.dir.path().join(format!("serve-{n}.log"));
        let child = otpd()
            .arg("--config")
            .arg(&self.config)
            .args(["serve", "--listen", "127.0.0.1:0", "--addr-file"])
            .arg(&addr_file)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        let mut server = Server {
            child,
            url: String::new(),
            log,
            ca: None,
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(text) = std::fs::read_to_string(&addr_file)
                && text.ends_with('\n')
            {
                server.url = text.trim().to_owned();
                return server;
            }
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!("otpd exited with {status}: {}", server.log_text());
            }
            assert!(
                Instant::now() < deadline,
                "otpd did not start: {}",
                server.log_text()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Every row of `otpd audit` (English headings), oldest first.
    pub fn audit_rows(&self) -> Vec<AuditLine> {
        let text = self.admin(&["audit", "--limit", "1000000"]);
        let mut lines = text.lines();
        let heading = lines.next().unwrap();
        let at = |title: &str| {
            heading
                .find(title)
                .unwrap_or_else(|| panic!("no {title} column in `otpd audit`:\n{heading}"))
        };
        let (by, action, outcome, customer, user, detail) = (
            at("BY"),
            at("ACTION"),
            at("OUTCOME"),
            at("CUSTOMER"),
            at("USER"),
            at("DETAIL"),
        );
        let cell = |line: &str, from: usize, to: usize| -> String {
            line.get(from.min(line.len())..to.min(line.len()))
                .unwrap_or("")
                .trim()
                .to_owned()
        };
        lines
            .map(|line| {
                // OUTCOME, then COUNT padded on the left: split the two by the blank.
                let both = cell(line, outcome, customer);
                let (said, count) = both.split_once(' ').unwrap_or((&both, ""));
                AuditLine {
                    actor: cell(line, by, action),
                    action: cell(line, action, outcome),
                    outcome: said.to_owned(),
                    count: count.trim().parse().unwrap_or(0),
                    customer: cell(line, customer, user),
                    user: cell(line, user, detail),
                }
            })
            .collect()
    }
}

/// One row of `otpd audit`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditLine {
    pub actor: String,
    pub action: String,
    pub outcome: String,
    /// The events the row stands for.
    pub count: u64,
    pub customer: String,
    pub user: String,
}

/// A running `otpd serve`; killed on drop.
pub struct Server {
    pub child: Child,
    pub url: String,
    pub log: PathBuf,
    /// The private CA its TLS certificate is checked against by [`Server::request`]
    /// (the public roots when `None`).
    pub ca: Option<PathBuf>,
}

impl Server {
    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// `POST /v1/verify` with `key`; returns (status, body).
    pub fn verify(&self, key: &str, user: &str, otp: &str) -> (u16, String) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let mut response = agent
            .post(format!("{}/v1/verify", self.url))
            .header("authorization", format!("Bearer {key}"))
            .header("content-type", "application/json")
            .send(format!(r#"{{"user_id":"{user}","otp":"{otp}"}}"#))
            .unwrap();
        let status = response.status().as_u16();
        (status, response.body_mut().read_to_string().unwrap())
    }
}

impl Server {
    /// Enrolls `user` of customer 1106 with `activation` through the project's own
    /// client, as `otp add --customer` does (look the customer up, exchange,
    /// activate now); returns what the client keeps.
    pub fn enroll(&self, user: &str, activation: &str) -> otp::enroll::PendingAccount {
        let client =
            otp::enroll::EnrollClient::new(otp::enroll::ServerUrl::parse(&self.url).unwrap(), None)
                .unwrap();
        client.lookup_customer("1106").unwrap();
        let pending = client
            .exchange(&otp::enroll::EnrollRequest {
                customer: "1106".into(),
                user_id: user.into(),
                activation_code: zeroize::Zeroizing::new(activation.to_owned()),
                code_digits: otp::api::shapes::ACTIVATION_DIGITS_DEFAULT,
                device_name: None,
            })
            .unwrap();
        client.activate(&pending, super::unix_now()).unwrap();
        pending
    }
}

/// The code of a TOTP `account` at `time` (Unix seconds).
pub fn code_at(account: &otp::accounts::Account, time: u64) -> String {
    let otp::code::Kind::Totp { period } = account.kind else {
        panic!("not a TOTP account");
    };
    otp::code::totp(
        &account.secret,
        account.algorithm,
        account.digits,
        period,
        time,
    )
    .code
    .as_str()
    .to_owned()
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// A request to `path` with `headers` (and a JSON `body` for POST); returns
    /// (status, body). Never fails on a status.
    pub fn request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> (u16, String) {
        let mut config = ureq::Agent::config_builder().http_status_as_error(false);
        if let Some(ca) = &self.ca {
            let pem = std::fs::read(ca).unwrap();
            let root = ureq::tls::Certificate::from_pem(&pem).unwrap();
            config = config.tls_config(
                ureq::tls::TlsConfig::builder()
                    .root_certs(ureq::tls::RootCerts::Specific(std::sync::Arc::new(vec![
                        root,
                    ])))
                    .build(),
            );
        }
        let agent: ureq::Agent = config.build().into();
        let url = format!("{}{path}", self.url);
        let mut response = match (method, body) {
            ("POST", body) => {
                let mut request = agent.post(&url).header("content-type", "application/json");
                for (name, value) in headers {
                    request = request.header(*name, *value);
                }
                request.send(body.unwrap_or_default()).unwrap()
            }
            _ => {
                let mut request = agent.get(&url);
                for (name, value) in headers {
                    request = request.header(*name, *value);
                }
                request.call().unwrap()
            }
        };
        let status = response.status().as_u16();
        (status, response.body_mut().read_to_string().unwrap())
    }
}

/// The error code and message of an error body: (code, message).
pub fn error_of(body: &str) -> (String, String) {
    let json: serde_json::Value = serde_json::from_str(body).unwrap();
    (
        json["error"]["code"].as_str().unwrap().to_owned(),
        json["error"]["message"].as_str().unwrap().to_owned(),
    )
}

/// The verify error code in a body, or "ok".
pub fn outcome(body: &str) -> String {
    let json: serde_json::Value = serde_json::from_str(body).unwrap();
    if json["ok"] == true {
        "ok".to_owned()
    } else {
        json["error"]["code"].as_str().unwrap().to_owned()
    }
}

pub fn exists(path: &Path) -> bool {
    path.exists()
}

/// A device enrolled over HTTP (the PAKE in Rust, as `otp add --customer` runs
/// it), with what push approvals need: its token serial, its seed and, when it
/// sent one, its Ed25519 device key.
pub struct Device {
    pub serial: String,
    pub seed: Vec<u8>,
    pub key: Option<otp::api::device_key::DeviceKey>,
}

impl Device {
    /// The device's one-time code for time step `step` (SHA1, 6 digits).
    pub fn code_at_step(&self, step: u64) -> String {
        let secret = otp::secret::SecretKey::from_bytes(self.seed.clone());
        otp::code::hotp(
            &secret,
            otp::code::Algorithm::Sha1,
            otp::code::Digits::SIX,
            step,
        )
        .as_str()
        .to_owned()
    }

    /// The device's key (panics for a device enrolled without one).
    pub fn key(&self) -> &otp::api::device_key::DeviceKey {
        self.key.as_ref().expect("a device key")
    }
}

impl Server {
    /// Enrolls `user` at `customer` (sent exactly as given) with `activation`:
    /// lookup, start, finish (with a sealed device key when `with_key`), and
    /// activation with the code of step `activate_step_back` steps before now
    /// (0 or 1), so that a later step is still free for a test.
    pub fn enroll_device(
        &self,
        customer: &str,
        user: &str,
        activation: &str,
        with_key: bool,
        activate_step_back: u64,
    ) -> Device {
        use otp::api::pake::{ClientExchange, Context, new_enrollment_id, seal_aad};
        use otp::api::wire::{
            EnrollActivate, EnrollFinish, EnrollFinishReply, EnrollStart, EnrollStartReply,
            PAKE_SUITE, PakeMessage,
        };
        let (status, body) = self.request("GET", &format!("/v1/customers/{customer}"), &[], None);
        assert_eq!(status, 200, "{body}");
        let enrollment_id = new_enrollment_id().unwrap();
        let context = Context {
            customer,
            user_id: user,
            enrollment_id: &enrollment_id,
        };
        let (exchange, msg) = ClientExchange::start(activation, &context);
        let start = serde_json::to_string(&EnrollStart {
            customer: customer.into(),
            user_id: user.into(),
            device_name: None,
            enrollment_id: enrollment_id.clone(),
            pake: PakeMessage {
                suite: PAKE_SUITE.into(),
                msg,
            },
        })
        .unwrap();
        let (status, body) = self.request("POST", "/v1/enroll/start", &[], Some(&start));
        assert_eq!(status, 200, "{body}");
        let reply: EnrollStartReply = serde_json::from_str(&body).unwrap();
        let keys = exchange.finish(&reply.pake.msg).unwrap();
        let key = with_key.then(|| otp::api::device_key::DeviceKey::generate().unwrap());
        let finish = serde_json::to_string(&EnrollFinish {
            enrollment_id,
            client_confirm: keys.client_confirm(),
            device_key: key
                .as_ref()
                .map(|key| keys.seal_device_key(&key.public()).unwrap()),
        })
        .unwrap();
        let (status, body) = self.request("POST", "/v1/enroll/finish", &[], Some(&finish));
        assert_eq!(status, 200, "{body}");
        let reply: EnrollFinishReply = serde_json::from_str(&body).unwrap();
        keys.verify_server_confirm(&reply.server_confirm).unwrap();
        let aad = seal_aad(&reply.serial, &reply.issuer, &reply.account, &reply.totp);
        let seed = keys.open(&reply.sealed_secret, &aad).unwrap().to_vec();
        let device = Device {
            serial: reply.serial.clone(),
            seed,
            key,
        };
        let step = super::unix_now() / u64::from(reply.totp.period) - activate_step_back;
        let activate = serde_json::to_string(&EnrollActivate {
            serial: reply.serial,
            otp: device.code_at_step(step),
        })
        .unwrap();
        let (status, body) = self.request("POST", "/v1/enroll/activate", &[], Some(&activate));
        assert_eq!(status, 200, "{body}");
        device
    }
}
