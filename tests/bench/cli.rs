//! `cargo bench --bench cli`: what one `otp code` costs against oathtool, and what
//! one unlock costs (time and peak memory) at the default work factor.
//!
//! It runs the release binary on a temporary vault; oathtool must be installed for
//! the comparison (it is skipped, loudly, otherwise).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use otp::vault::{Pin, Vault};

const PIN: &str = "258046";
const SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time_runs(runs: usize, mut command: impl FnMut() -> Command) -> Duration {
    let samples = (0..runs)
        .map(|_| {
            let mut command = command();
            command.stdout(Stdio::null()).stderr(Stdio::null());
            let start = Instant::now();
            let status = command.status().unwrap();
            let elapsed = start.elapsed();
            assert!(status.success(), "{command:?} failed");
            elapsed
        })
        .collect();
    median(samples)
}

/// Peak resident memory of this process so far (VmHWM), in KiB.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let vault_path = dir.path().join("vault.age");
    let otp = || {
        let mut command = Command::new(env!("CARGO_BIN_EXE_otp"));
        command
            .env("OTP_VAULT", &vault_path)
            .env("OTP_CONFIG", dir.path().join("config.toml"))
            .env("OTP_PIN", PIN)
            .env("OTP_NO_PROMPT", "1");
        command
    };
    let status = otp().arg("init").stdin(Stdio::null()).status().unwrap();
    assert!(status.success());
    let mut add = otp();
    add.args(["add", "bench"]).stdin(Stdio::piped());
    let mut child = add.spawn().unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        writeln!(stdin, "{SECRET}").unwrap();
    }
    assert!(child.wait().unwrap().success());

    println!(
        "machine: {} cores",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );

    // Unlock cost, measured in this process: scrypt at the vault's work factor.
    let baseline = peak_rss_kib();
    let vault = Vault::new(&vault_path);
    let pin = Pin::for_unlock(PIN).unwrap();
    let mut unlocks = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        let plaintext = vault.read(&pin, 0).unwrap();
        unlocks.push(start.elapsed());
        drop(plaintext);
    }
    let peak = peak_rss_kib();
    println!(
        "unlock (scrypt log_n {}): median {:.0} ms, peak memory {} MiB (process baseline {} MiB)",
        otp::vault::DEFAULT_WORK_FACTOR,
        ms(median(unlocks)),
        peak.map_or("?".into(), |k| (k / 1024).to_string()),
        baseline.map_or("?".into(), |k| (k / 1024).to_string()),
    );

    let otp_code = time_runs(10, || {
        let mut command = otp();
        command.args(["code", "bench"]);
        command
    });
    println!(
        "otp code (no agent): median {:.1} ms over 10 runs",
        ms(otp_code)
    );

    let have_oathtool = Command::new("oathtool")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if have_oathtool {
        let oathtool = time_runs(200, || {
            let mut command = Command::new("oathtool");
            command.args(["--totp", "--base32", SECRET]);
            command
        });
        println!(
            "oathtool --totp:     median {:.2} ms over 200 runs",
            ms(oathtool)
        );
        println!(
            "otp code / oathtool: {:.0}x",
            otp_code.as_secs_f64() / oathtool.as_secs_f64()
        );
    } else {
        println!("*** SKIPPED the oathtool comparison: oathtool is not installed ***");
    }
}
