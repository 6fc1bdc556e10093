//! `cargo bench --bench agent`: the wall time of one `otp code` with the session
//! agent, without it, and of `oathtool` on the same secret, side by side in one run;
//! and of `otp --version` against `oathtool --version` (start-up alone).
//!
//! It builds the release binary, creates a vault at the default work factor in a
//! temporary directory (with its own `XDG_RUNTIME_DIR`), and times whole processes
//! as a script would run them: spawn, wait, output discarded. The agent and oathtool
//! runs alternate, so both see the same machine load. oathtool must be installed
//! for the comparison (it is skipped, loudly, otherwise).
//!
//! `OTP_BENCH_BASELINE=/path/to/an/older/otp` also times that binary, with a vault and
//! an agent of its own, in the same loop (before/after in one run, e.g. against a
//! release build of the previous main). `OTP_BENCH_RUNS` changes the number of runs
//! of the fast commands (500).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const PIN: &str = "258046";
const SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
/// Runs of the fast commands (agent, oathtool), alternating, unless OTP_BENCH_RUNS says.
const FAST_RUNS: usize = 500;
/// Runs of `otp code` without the agent (about a second each).
const SLOW_RUNS: usize = 10;

struct Stats {
    samples: Vec<Duration>,
}

impl Stats {
    fn new(mut samples: Vec<Duration>) -> Self {
        samples.sort();
        Self { samples }
    }

    fn quantile(&self, q: f64) -> Duration {
        let index = ((self.samples.len() - 1) as f64 * q).round() as usize;
        self.samples[index]
    }

    fn median(&self) -> Duration {
        self.quantile(0.5)
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Runs `command` once, output discarded; the wall time from spawn to exit.
fn time_once(command: &mut Command) -> Duration {
    command.stdout(Stdio::null()).stderr(Stdio::null());
    let start = Instant::now();
    let status = command.status().unwrap();
    let elapsed = start.elapsed();
    assert!(status.success(), "{command:?} failed");
    elapsed
}

fn otp(dir: &Path) -> Command {
    let mut command = Command::new(dir.join("otp"));
    command
        .env("OTP_VAULT", dir.join("vault.age"))
        .env("OTP_CONFIG", dir.join("config.toml"))
        .env("XDG_RUNTIME_DIR", dir.join("run"))
        .env("OTP_NO_PROMPT", "1")
        .env_remove("OTP_PIN")
        .env_remove("OTP_PIN_FILE")
        .env_remove("OTP_PIN_COMMAND")
        .stdin(Stdio::null());
    command
}

fn with_stdin(mut command: Command, input: &str) {
    command.stdin(Stdio::piped());
    let mut child = command.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success(), "{command:?} failed");
}

/// A private copy of `binary` in `dir`, checked to be an otp with an agent, and a
/// vault with one account next to it.
fn install(binary: &Path, dir: &Path) {
    // A private copy: the target directory may be shared with other builds of a
    // binary called otp, which must not replace this one halfway through.
    std::fs::copy(binary, dir.join("otp")).unwrap();
    let help = Command::new(dir.join("otp"))
        .arg("--help")
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&help.stdout).contains("unlock"),
        "{} is not this otp (no unlock command); build again",
        binary.display()
    );
    let mut init = otp(dir);
    init.args(["--pin-stdin", "init"]);
    with_stdin(init, &format!("{PIN}\n"));
    let mut add = otp(dir);
    add.args(["--pin-stdin", "add", "bench"]);
    with_stdin(add, &format!("{PIN}\n{SECRET}\n"));
}

fn main() {
    let fast_runs: usize = std::env::var("OTP_BENCH_RUNS")
        .ok()
        .and_then(|runs| runs.parse().ok())
        .unwrap_or(FAST_RUNS);
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    install(Path::new(env!("CARGO_BIN_EXE_otp")), dir);
    // The older binary, if any: its own vault, runtime directory and agent.
    let baseline_dir = tempfile::tempdir().unwrap();
    let baseline = std::env::var_os("OTP_BENCH_BASELINE").map(|binary| {
        let binary = std::path::PathBuf::from(binary);
        install(&binary, baseline_dir.path());
        let mut unlock = otp(baseline_dir.path());
        unlock.args(["--pin-stdin", "unlock", "--for", "10m"]);
        with_stdin(unlock, &format!("{PIN}\n"));
        (binary, baseline_dir.path())
    });

    let have_oathtool = Command::new("oathtool")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());

    println!(
        "machine: {} cores; vault at the default work factor (scrypt log_n {})",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        otp::vault::DEFAULT_WORK_FACTOR
    );

    // Without an agent: every call derives the key from the PIN.
    let direct = Stats::new(
        (0..SLOW_RUNS)
            .map(|_| time_once(otp(dir).env("OTP_PIN", PIN).args(["code", "bench"])))
            .collect(),
    );

    let mut unlock = otp(dir);
    unlock.args(["--pin-stdin", "unlock", "--for", "10m"]);
    let start = Instant::now();
    with_stdin(unlock, &format!("{PIN}\n"));
    let unlock_time = start.elapsed();

    // With the agent (no PIN anywhere) and oathtool, alternating.
    let mut with_agent = Vec::with_capacity(fast_runs);
    let mut oathtool = Vec::with_capacity(fast_runs);
    // Start-up alone: both programs started directly, no shell, no `env`.
    let mut version = Vec::with_capacity(fast_runs);
    let mut oathtool_version = Vec::with_capacity(fast_runs);
    let mut baseline_agent = Vec::with_capacity(fast_runs);
    let mut baseline_version = Vec::with_capacity(fast_runs);
    // A few warm-up runs of each, not counted.
    for _ in 0..20 {
        time_once(otp(dir).args(["code", "bench"]));
        if let Some((_, baseline_dir)) = baseline {
            time_once(otp(baseline_dir).args(["code", "bench"]));
        }
    }
    for _ in 0..fast_runs {
        with_agent.push(time_once(otp(dir).args(["code", "bench"])));
        if have_oathtool {
            oathtool.push(time_once(
                Command::new("oathtool").args(["--totp", "--base32", SECRET]),
            ));
        }
        version.push(time_once(Command::new(dir.join("otp")).arg("--version")));
        if have_oathtool {
            oathtool_version.push(time_once(Command::new("oathtool").arg("--version")));
        }
        if let Some((_, baseline_dir)) = baseline {
            baseline_agent.push(time_once(otp(baseline_dir).args(["code", "bench"])));
            baseline_version.push(time_once(
                Command::new(baseline_dir.join("otp")).arg("--version"),
            ));
        }
    }
    let locked = otp(dir).arg("lock").status().unwrap();
    assert!(locked.success());
    if let Some((_, baseline_dir)) = baseline {
        let locked = otp(baseline_dir).arg("lock").status().unwrap();
        assert!(locked.success());
    }
    let with_agent = Stats::new(with_agent);
    let version = Stats::new(version);

    println!(
        "`otp unlock` (one key derivation, agent start): {:.0} ms",
        ms(unlock_time)
    );
    println!();
    println!("| what | median | p10 | p90 | runs |");
    println!("|---|---|---|---|---|");
    let row = |name: &str, stats: &Stats| {
        println!(
            "| {name} | {:.2} ms | {:.2} ms | {:.2} ms | {} |",
            ms(stats.median()),
            ms(stats.quantile(0.1)),
            ms(stats.quantile(0.9)),
            stats.samples.len()
        );
    };
    row("`otp code` with the agent", &with_agent);
    row("`otp code` without an agent (PIN, scrypt)", &direct);
    row("`otp --version`", &version);
    let baseline = baseline.map(|(binary, _)| {
        let agent = Stats::new(baseline_agent);
        let version = Stats::new(baseline_version);
        row("baseline `otp code` with its agent", &agent);
        row("baseline `otp --version`", &version);
        (binary, agent, version)
    });
    if have_oathtool {
        let oathtool = Stats::new(oathtool);
        let oathtool_version = Stats::new(oathtool_version);
        row("`oathtool --totp` on the same secret", &oathtool);
        row("`oathtool --version`", &oathtool_version);
        let verdict = |ratio: f64, target: f64| if ratio <= target { "met" } else { "MISSED" };
        let ratio = with_agent.median().as_secs_f64() / oathtool.median().as_secs_f64();
        println!();
        println!(
            "with the agent / oathtool: {ratio:.2}x (target: 1.4x or less) -> {}",
            verdict(ratio, 1.4)
        );
        let ratio = version.median().as_secs_f64() / oathtool_version.median().as_secs_f64();
        println!(
            "otp --version / oathtool --version: {ratio:.2}x (target: 1.5x or less) -> {}",
            verdict(ratio, 1.5)
        );
        println!(
            "without / with the agent: {:.0}x",
            direct.median().as_secs_f64() / with_agent.median().as_secs_f64()
        );
    } else {
        println!("*** SKIPPED the oathtool comparison: oathtool is not installed ***");
    }
    if let Some((binary, agent, baseline_version)) = baseline {
        println!();
        println!("baseline: {}", binary.display());
        let change = |after: &Stats, before: &Stats| {
            (after.median().as_secs_f64() / before.median().as_secs_f64() - 1.0) * 100.0
        };
        let verdict = |change: f64| if change <= 5.0 { "met" } else { "MISSED" };
        let code = change(&with_agent, &agent);
        println!(
            "`otp code` with the agent, this build against the baseline: {code:+.1} % \
             (target: +5 % or less) -> {}",
            verdict(code)
        );
        let start = change(&version, &baseline_version);
        println!(
            "`otp --version`, this build against the baseline: {start:+.1} % \
             (target: +5 % or less) -> {}",
            verdict(start)
        );
    }
}
