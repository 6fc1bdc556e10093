//! otp's exports checked by an independent implementation:
//! `tests/data/import/make_encrypted.py` (Python + `cryptography`, written from
//! Aegis's and 2FAS's format descriptions) decrypts otp's Aegis export and checks
//! every field Aegis's importer requires; and the committed import test files are
//! exactly what that script writes.
//!
//! Skips loudly without Python's `cryptography`; fails instead when
//! `OTP_TEST_REQUIRE_TOOLS=1`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use otp::accounts::Account;
use otp::code::{Algorithm, Digits, Kind, Period};
use otp::secret::SecretKey;
use otp::transfer::aegis;

const PASSWORD: &str = "correct horse battery staple";

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/import")
}

fn script() -> PathBuf {
    data_dir().join("make_encrypted.py")
}

/// True when python3 can import `cryptography`; otherwise says loudly that the test
/// skips (or panics when `OTP_TEST_REQUIRE_TOOLS=1`).
fn have_python_cryptography() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import cryptography.hazmat.primitives.ciphers.aead"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if !ok {
        if std::env::var(common::REQUIRE_TOOLS).is_ok_and(|v| v == "1") {
            panic!(
                "python3 with the cryptography package is required ({}=1) but cannot run",
                common::REQUIRE_TOOLS
            );
        }
        eprintln!(
            "\n*** SKIPPED: python3 with the `cryptography` package is not available; this test \
             needs it as an independent implementation of the Aegis format. Install it with \
             `python3 -m pip install cryptography` (see .ci/run). ***\n"
        );
    }
    ok
}

fn accounts() -> Vec<Account> {
    let secret = |text: &str| SecretKey::parse_base32(text).unwrap();
    vec![
        Account {
            name: "alice@example.com".into(),
            issuer: Some("GitHub".into()),
            secret: secret("JBSWY3DPEHPK3PXP"),
            algorithm: Algorithm::Sha1,
            digits: Digits::SIX,
            kind: Kind::Totp {
                period: Period::DEFAULT,
            },
        },
        Account {
            name: "bob".into(),
            issuer: Some("Example".into()),
            secret: SecretKey::from_bytes(b"12345678901234567890123456789012".to_vec()),
            algorithm: Algorithm::Sha256,
            digits: Digits::new(8).unwrap(),
            kind: Kind::Totp {
                period: Period::new(60).unwrap(),
            },
        },
        Account {
            name: "carol «7»".into(),
            issuer: None,
            secret: SecretKey::from_bytes((0..64).collect()),
            algorithm: Algorithm::Sha512,
            digits: Digits::new(7).unwrap(),
            kind: Kind::Totp {
                period: Period::new(86_400).unwrap(),
            },
        },
        Account {
            name: "dave".into(),
            issuer: Some("VPN".into()),
            secret: secret("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"),
            algorithm: Algorithm::Sha1,
            digits: Digits::SIX,
            kind: Kind::Hotp {
                counter: 9_007_199_254_740_993,
            },
        },
        Account {
            name: "gamer".into(),
            issuer: Some("Steam".into()),
            secret: secret("ON2GKYLNEBTXKYLSMQQHGZLDOJSXIIJB"),
            algorithm: Algorithm::Sha1,
            digits: Digits::STEAM,
            kind: Kind::Steam,
        },
    ]
}

#[test]
fn python_decrypts_otps_aegis_export() {
    if !have_python_cryptography() {
        return;
    }
    let accounts = accounts();
    let json = aegis::export(&accounts, PASSWORD).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("aegis-export.json");
    std::fs::write(&path, &json).unwrap();

    // The password goes through standard input, never the command line.
    let mut child = Command::new("python3")
        .arg(script())
        .arg("--check")
        .arg(&path)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{PASSWORD}\n").as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "make_encrypted.py --check refused otp's export: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let entries: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(entries.len(), accounts.len());
    for (entry, account) in entries.iter().zip(&accounts) {
        assert_eq!(entry["name"], account.name.as_str());
        assert_eq!(entry["issuer"], account.issuer.as_deref().unwrap_or(""));
        assert_eq!(entry["secret"], account.secret.to_base32().as_str());
        assert_eq!(entry["algo"], account.algorithm.as_str());
        assert_eq!(entry["digits"], account.digits.get());
        match account.kind {
            Kind::Totp { period } => {
                assert_eq!(entry["type"], "totp");
                assert_eq!(entry["period"], period.seconds());
            }
            Kind::Hotp { counter } => {
                assert_eq!(entry["type"], "hotp");
                assert_eq!(entry["counter"], counter);
            }
            // As Aegis writes its own Steam entries.
            Kind::Steam => {
                assert_eq!(entry["type"], "steam");
                assert_eq!(entry["period"], 30);
                assert_eq!(
                    (entry["algo"].as_str(), entry["digits"].as_u64()),
                    (Some("SHA1"), Some(5))
                );
            }
        }
    }

    // And the independent side agrees that a wrong password opens nothing.
    let wrong = Command::new("python3")
        .arg(script())
        .arg("--check")
        .arg(&path)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!wrong.status.success());
}

#[test]
fn committed_test_files_are_what_the_script_writes() {
    if !have_python_cryptography() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new("python3")
        .arg(script())
        .arg("--out")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for name in [
        "aegis-plain.json",
        "aegis-encrypted.json",
        "2fas-plain.2fas",
        "2fas-encrypted.2fas",
        "freeotp-backup-encrypted.xml",
        "freeotp-tokenBackup-encrypted.xml",
        "expected.toml",
    ] {
        let written = std::fs::read(dir.path().join(name)).unwrap();
        let committed = std::fs::read(data_dir().join(name)).unwrap();
        assert!(
            written == committed,
            "tests/data/import/{name} differs from what make_encrypted.py writes; rerun it"
        );
    }
}
