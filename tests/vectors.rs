//! Every RFC 4226 / RFC 6238 vector (and the same seeds at 60 s) through the code
//! engine, plus property tests against oathtool and pyotp as independent references.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use otp::code::{self, Algorithm, Digits, Period};
use otp::secret::SecretKey;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use serde::Deserialize;

#[derive(Deserialize)]
struct Vectors {
    hotp: Vec<HotpVector>,
    totp: Vec<TotpVector>,
}

#[derive(Deserialize)]
struct HotpVector {
    secret: String,
    algorithm: String,
    digits: u8,
    counter: u64,
    code: String,
}

#[derive(Deserialize)]
struct TotpVector {
    secret: String,
    algorithm: String,
    digits: u8,
    period: u32,
    time: u64,
    code: String,
}

fn vectors() -> Vectors {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/otp-vectors.toml");
    toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn every_rfc_vector_passes() {
    let vectors = vectors();
    assert!(vectors.hotp.len() >= 10 && vectors.totp.len() >= 18);
    for v in &vectors.hotp {
        let secret = SecretKey::parse_base32(&v.secret).unwrap();
        let algorithm: Algorithm = v.algorithm.parse().unwrap();
        let got = code::hotp(
            &secret,
            algorithm,
            Digits::new(v.digits).unwrap(),
            v.counter,
        );
        assert_eq!(got.as_str(), v.code, "HOTP counter {}", v.counter);
    }
    let mut periods = std::collections::BTreeSet::new();
    for v in &vectors.totp {
        let secret = SecretKey::parse_base32(&v.secret).unwrap();
        let algorithm: Algorithm = v.algorithm.parse().unwrap();
        let got = code::totp(
            &secret,
            algorithm,
            Digits::new(v.digits).unwrap(),
            Period::new(v.period).unwrap(),
            v.time,
        );
        assert_eq!(
            got.code.as_str(),
            v.code,
            "TOTP {} at {} with period {}",
            v.algorithm,
            v.time,
            v.period
        );
        periods.insert(v.period);
    }
    assert_eq!(periods.into_iter().collect::<Vec<_>>(), [30, 60]);
}

fn algorithm_strategy() -> impl Strategy<Value = Algorithm> {
    prop::sample::select(Algorithm::ALL.to_vec())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// TOTP agrees with oathtool for random secrets (including 80-bit ones),
    /// algorithms, digit counts, periods and times.
    #[test]
    fn totp_agrees_with_oathtool(
        secret in prop::collection::vec(any::<u8>(), 10..64),
        algorithm in algorithm_strategy(),
        digits in 6u8..=8,
        period in prop::sample::select(vec![1u32, 15, 30, 60, 90, 3600]),
        time in 0u64..4_102_444_800,
    ) {
        if !common::have_tool("oathtool", &["--version"]) {
            return Ok(());
        }
        let key = SecretKey::from_bytes(secret);
        let ours = code::totp(&key, algorithm, Digits::new(digits).unwrap(), Period::new(period).unwrap(), time);
        let theirs = common::oathtool_totp(&key.to_base32(), algorithm.as_str(), digits, period, time);
        prop_assert_eq!(ours.code.as_str(), theirs);
    }

    /// HOTP agrees with oathtool (which computes HOTP with SHA1 only).
    #[test]
    fn hotp_agrees_with_oathtool(
        secret in prop::collection::vec(any::<u8>(), 10..64),
        digits in 6u8..=8,
        counter in any::<u64>(),
    ) {
        if !common::have_tool("oathtool", &["--version"]) {
            return Ok(());
        }
        let key = SecretKey::from_bytes(secret);
        let ours = code::hotp(&key, Algorithm::Sha1, Digits::new(digits).unwrap(), counter);
        prop_assert_eq!(ours.as_str(), common::oathtool_hotp(&key.to_base32(), digits, counter));
    }
}

/// pyotp, a second independent implementation, agrees on 500 random cases,
/// HOTP with every algorithm included (which oathtool cannot check).
#[test]
fn agrees_with_pyotp() {
    if !common::have_tool("python3", &["-c", "import pyotp"]) {
        return;
    }
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    // pyotp refuses secrets under 128 bits.
    let strategy = (
        prop::collection::vec(any::<u8>(), 16..64),
        algorithm_strategy(),
        6u8..=8,
        prop::sample::select(vec![30u32, 60]),
        0u64..4_102_444_800,
        any::<bool>(),
    );
    let mut lines = String::new();
    let mut expected = Vec::new();
    for _ in 0..500 {
        let (secret, algorithm, digits, period, time, hotp) =
            strategy.new_tree(&mut runner).unwrap().current();
        let key = SecretKey::from_bytes(secret);
        let digits_v = Digits::new(digits).unwrap();
        let ours = if hotp {
            code::hotp(&key, algorithm, digits_v, time)
                .as_str()
                .to_owned()
        } else {
            code::totp(
                &key,
                algorithm,
                digits_v,
                Period::new(period).unwrap(),
                time,
            )
            .code
            .as_str()
            .to_owned()
        };
        lines.push_str(&format!(
            "{} {} {} {} {} {}\n",
            key.to_base32().as_str(),
            algorithm.as_str().to_lowercase(),
            digits,
            period,
            time,
            if hotp { "hotp" } else { "totp" }
        ));
        expected.push(ours);
    }
    let script = r#"
import hashlib, sys, pyotp
for line in sys.stdin:
    secret, alg, digits, period, t, kind = line.split()
    digest = getattr(hashlib, alg)
    if kind == "hotp":
        print(pyotp.HOTP(secret, digits=int(digits), digest=digest).at(int(t)))
    else:
        print(pyotp.TOTP(secret, digits=int(digits), digest=digest, interval=int(period)).at(int(t)))
"#;
    let mut command = std::process::Command::new("python3");
    command.args(["-c", script]);
    let out = common::feed(command, &lines);
    assert!(
        out.status.success(),
        "pyotp failed: {}",
        common::stderr(&out)
    );
    let theirs: Vec<String> = common::stdout(&out).lines().map(str::to_owned).collect();
    assert_eq!(theirs.len(), expected.len());
    for (i, (ours, theirs)) in expected.iter().zip(&theirs).enumerate() {
        assert_eq!(
            ours,
            theirs,
            "case {i}: {}",
            lines.lines().nth(i).unwrap_or("")
        );
    }
}
