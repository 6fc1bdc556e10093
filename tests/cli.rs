//! The real `otp` binary on temporary vaults: the scriptable CLI end to end.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{PIN, Sandbox, assert_failure, assert_success, stderr, stdout};

const SECRET: &str = "JBSWY3DPEHPK3PXP";

#[test]
fn init_creates_a_private_vault_at_the_default_work_factor() {
    let sandbox = Sandbox::new();
    let out = sandbox.run_with_stdin(&["init"], &format!("{PIN}\n"));
    assert_success(&out);
    assert!(stderr(&out).contains("Created an empty vault"));
    let bytes = common::read(&sandbox.vault);
    let header = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]).into_owned();
    assert!(
        header.starts_with("age-encryption.org/v1\n-> scrypt "),
        "{header}"
    );
    let stanza = header.lines().nth(1).unwrap();
    assert!(
        stanza.ends_with(" 18"),
        "default work factor is 18: {stanza}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&sandbox.vault)
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // A second init never replaces the vault.
    let out = sandbox.run_with_stdin(&["init"], &format!("{PIN}\n"));
    assert_failure(&out, 1, &["already"]);
    assert_eq!(common::read(&sandbox.vault), bytes);
}

#[test]
fn init_refuses_weak_pins_with_the_policy() {
    let sandbox = Sandbox::new();
    for pin in ["123456", "987654", "111111", "12345", "abcdef"] {
        let out = sandbox.run_with_stdin(&["init", "--work-factor", "10"], &format!("{pin}\n"));
        assert_failure(&out, 2, &[]);
        assert!(
            stderr(&out).to_lowercase().contains("digit"),
            "{pin}: {}",
            stderr(&out)
        );
        assert!(!sandbox.vault.exists());
    }
}

#[test]
fn add_by_secret_and_uri_then_list() {
    let sandbox = Sandbox::initialised();
    assert_success(&sandbox.add_secret(
        "alice@example.com",
        "jbsw y3dp ehpk 3pxp",
        &["--issuer", "GitHub"],
    ));
    let uri = "otpauth://totp/AT%26T:bob?secret=GEZDGNBVGY3TQOJQ&issuer=AT%26T&digits=8&period=60&algorithm=SHA256";
    let out = sandbox.run(&["add", "--uri"], &format!("{uri}\n"));
    assert_success(&out);
    assert!(stderr(&out).contains("Added AT&T:bob"), "{}", stderr(&out));
    assert_success(&sandbox.add_secret("counter", SECRET, &["--hotp", "--counter", "5"]));

    let out = sandbox.run(&["list"], "");
    assert_success(&out);
    let table = stdout(&out);
    assert!(table.starts_with("ACCOUNT"), "{table}");
    for fragment in [
        "GitHub:alice@example.com",
        "AT&T:bob",
        "SHA256",
        "60 s",
        "HOTP",
        "counter",
    ] {
        assert!(table.contains(fragment), "{fragment} missing in:\n{table}");
    }
    assert!(!table.contains(SECRET) && !table.contains("GEZDGNBV"));

    let out = sandbox.run(&["list", "--json"], "");
    assert_success(&out);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let entries = json.as_array().unwrap();
    assert_eq!(entries.len(), 3);
    assert_eq!(entries[1]["issuer"], "AT&T");
    assert_eq!(entries[1]["digits"], 8);
    assert_eq!(entries[1]["period"], 60);
    assert_eq!(entries[2]["type"], "hotp");
    assert_eq!(entries[2]["counter"], 5);
    assert!(!stdout(&out).contains("secret"));
}

#[test]
fn codes_match_oathtool_for_every_algorithm_length_and_period() {
    if !common::have_tool("oathtool", &["--version"]) {
        return;
    }
    let sandbox = Sandbox::initialised();
    let secrets = [
        ("SHA1", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"),
        (
            "SHA256",
            "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA",
        ),
        (
            "SHA512",
            "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA",
        ),
    ];
    let mut accounts = Vec::new();
    for (algorithm, secret) in secrets {
        for digits in [6u8, 8] {
            for period in [30u32, 60] {
                accounts.push((
                    format!("{algorithm}-{digits}-{period}"),
                    algorithm,
                    secret,
                    digits,
                    period,
                ));
            }
        }
    }
    // Ten accounts is the default limit: the last two combinations go in a second vault.
    let second = Sandbox::initialised();
    for (i, (name, algorithm, secret, digits, period)) in accounts.iter().enumerate() {
        let vault = if i < 10 { &sandbox } else { &second };
        let out = vault.add_secret(
            name,
            secret,
            &[
                "--algorithm",
                algorithm,
                "--digits",
                &digits.to_string(),
                "--period",
                &period.to_string(),
            ],
        );
        assert_success(&out);
        for time in [59u64, 1_111_111_109, 2_000_000_000] {
            let expected = common::oathtool_totp(secret, algorithm, *digits, *period, time);
            assert_eq!(
                vault.code(name, &["--at", &time.to_string()]),
                expected,
                "{name} at {time}"
            );
        }
    }
    // And at the real current time (retrying if a step boundary passes mid-check).
    let (name, algorithm, secret, digits, period) = &accounts[0];
    let matched = (0..3).any(|_| {
        let before = now();
        let ours = sandbox.code(name, &[]);
        let after = now();
        before / u64::from(*period) == after / u64::from(*period)
            && ours == common::oathtool_totp(secret, algorithm, *digits, *period, before)
    });
    assert!(matched, "the current code differs from oathtool's");
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

#[test]
fn code_next_and_json() {
    let sandbox = Sandbox::initialised();
    assert_success(&sandbox.add_secret("a", SECRET, &["--period", "60"]));
    let next = sandbox.code("a", &["--at", "1000", "--next"]);
    assert_eq!(next, sandbox.code("a", &["--at", "1060"]));
    assert_ne!(next, sandbox.code("a", &["--at", "1000"]));
    let json: serde_json::Value =
        serde_json::from_str(&sandbox.code("a", &["--at", "1000", "--json"])).unwrap();
    assert_eq!(json["code"], sandbox.code("a", &["--at", "1000"]));
    assert_eq!(json["period"], 60);
    assert_eq!(json["remaining"], 20);
    assert_eq!(json["account"], "a");
}

/// RFC 6238's SHA1 seed, whose Steam Guard codes tests/data/steam-vectors.toml lists.
const STEAM_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

/// Steam Guard accounts added from an `otpauth://steam/` link (as Aegis writes it),
/// from a `steam://` key at the secret prompt and from one given as a link: each
/// prints the independent reference's 5-character codes, counts down by 30
/// seconds, lists and shows as Steam Guard, and `show --uri` writes the link Steam
/// tools write, which adds the same account elsewhere.
#[test]
fn steam_guard_accounts_from_a_link_or_a_steam_key() {
    let sandbox = Sandbox::initialised();
    let link = format!(
        "otpauth://steam/Steam:linked?period=30&digits=5&algorithm=SHA1&secret={STEAM_SECRET}&issuer=Steam"
    );
    let out = sandbox.run(&["add", "--uri"], &format!("{link}\n"));
    assert_success(&out);
    assert!(
        stderr(&out).contains("Added Steam:linked (Steam Guard every 30 s, SHA1, 5 characters)"),
        "{}",
        stderr(&out)
    );
    let key = format!("steam://{STEAM_SECRET}");
    assert_success(&sandbox.add_secret("keyed", &key, &[]));
    assert_success(&sandbox.run(
        &["add", "pasted", "--uri", "--issuer", "Valve"],
        &format!("{key}\n"),
    ));
    let vectors = common::steam_vectors(STEAM_SECRET);
    for label in ["Steam:linked", "Steam:keyed", "Valve:pasted"] {
        for v in &vectors {
            let code = sandbox.code(label, &["--at", &v.time.to_string()]);
            assert_eq!(code, v.code, "{label} at {}", v.time);
        }
    }
    let next = sandbox.code("keyed", &["--at", "1000", "--next"]);
    assert_eq!(next, sandbox.code("keyed", &["--at", "1030"]));
    let json: serde_json::Value =
        serde_json::from_str(&sandbox.code("keyed", &["--at", "1000", "--json"])).unwrap();
    assert_eq!(json["type"], "steam");
    assert_eq!(json["period"], 30);
    assert_eq!(json["remaining"], 20);
    assert_eq!(json["code"].as_str().map(str::len), Some(5));

    let out = sandbox.run(&["list", "--json"], "");
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    for entry in json.as_array().unwrap() {
        assert_eq!(entry["type"], "steam", "{entry}");
        assert_eq!(entry["algorithm"], "SHA1", "{entry}");
        assert_eq!(entry["digits"], 5, "{entry}");
        assert_eq!(entry["period"], 30, "{entry}");
    }
    let table = stdout(&sandbox.run(&["list"], ""));
    assert!(table.contains("STEAM") && table.contains("30 s"), "{table}");
    let shown = stdout(&sandbox.run(&["show", "keyed"], ""));
    assert!(
        shown.contains("Steam Guard") && shown.contains("30 s"),
        "{shown}"
    );
    assert!(!shown.contains(STEAM_SECRET), "{shown}");

    let out = sandbox.run(&["show", "keyed", "--uri"], "");
    assert_success(&out);
    let uri = stdout(&out).trim().to_owned();
    assert_eq!(
        uri,
        format!("otpauth://steam/Steam:keyed?secret={STEAM_SECRET}&issuer=Steam")
    );
    let other = Sandbox::initialised();
    assert_success(&other.run(&["add", "--uri"], &format!("{uri}\n")));
    for v in &vectors {
        let time = v.time.to_string();
        assert_eq!(other.code("Steam:keyed", &["--at", &time]), v.code);
    }
}

/// What a Steam Guard key or link cannot be given with is refused, saying why,
/// and the vault is left as it was.
#[test]
fn steam_keys_and_links_are_refused_with_what_they_cannot_take() {
    let sandbox = Sandbox::initialised();
    let before = common::read(&sandbox.vault);
    let key = format!("steam://{STEAM_SECRET}\n");
    let out = sandbox.run(&["add", "--uri"], &key);
    assert_failure(
        &out,
        2,
        &["steam://", "names no account", "otp add NAME --uri"],
    );
    let out = sandbox.run(&["add", "gamer", "--digits", "8"], &key);
    assert_failure(&out, 2, &["Steam Guard", "--digits"]);
    let link = format!("otpauth://steam/Steam:six?secret={STEAM_SECRET}&digits=6\n");
    let out = sandbox.run(&["add", "--uri"], &link);
    assert_failure(&out, 2, &["Steam Guard", "digits="]);
    let out = sandbox.run(&["add", "gamer"], "steam://GEZDGNB0\n");
    assert_failure(&out, 2, &["letter O"]);
    assert!(!stderr(&out).contains("GEZDGNB"), "{}", stderr(&out));
    assert_eq!(common::read(&sandbox.vault), before);
}

#[test]
fn hotp_code_advances_and_saves_the_counter() {
    let sandbox = Sandbox::initialised();
    assert_success(&sandbox.add_secret("h", SECRET, &["--hotp", "--counter", "7"]));
    let codes: Vec<String> = (0..3).map(|_| sandbox.code("h", &[])).collect();
    if common::have_tool("oathtool", &["--version"]) {
        for (i, code) in codes.iter().enumerate() {
            assert_eq!(*code, common::oathtool_hotp(SECRET, 6, 7 + i as u64));
        }
    }
    assert_ne!(codes[0], codes[1]);
    let out = sandbox.run(&["list", "--json"], "");
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json[0]["counter"], 10);
    let out = sandbox.run(&["code", "h", "--next"], "");
    assert_failure(&out, 2, &["counter"]);
}

#[test]
fn wrong_pin_then_lockout_never_deletes_anything() {
    let sandbox = Sandbox::initialised();
    assert_success(&sandbox.add_secret("a", SECRET, &[]));
    let before = common::read(&sandbox.vault);
    for left in (0..5).rev() {
        let out = sandbox.run_with_stdin(&["list"], "999999\n");
        assert_failure(&out, 4, &["wrong PIN"]);
        if left > 0 {
            assert!(stderr(&out).contains(&left.to_string()), "{}", stderr(&out));
        }
    }
    // Locked: even the right PIN is refused, and the refusal says for how long.
    let out = sandbox.run(&["list"], "");
    assert_failure(&out, 5, &[]);
    assert!(
        stderr(&out).contains(" s") || stderr(&out).contains("second"),
        "{}",
        stderr(&out)
    );
    assert_eq!(common::read(&sandbox.vault), before);
}

#[test]
fn a_pin_of_the_wrong_form_is_not_a_wasted_attempt() {
    let sandbox = Sandbox::initialised();
    for _ in 0..6 {
        let out = sandbox.run_with_stdin(&["list"], "12ab\n");
        assert_failure(&out, 2, &["6 digits"]);
    }
    assert_success(&sandbox.run(&["list"], ""));
}

#[test]
fn the_eleventh_account_is_refused_and_the_limit_is_configurable() {
    let sandbox = Sandbox::initialised();
    for i in 0..10 {
        assert_success(&sandbox.add_secret(&format!("acct{i}"), SECRET, &[]));
    }
    let out = sandbox.add_secret("acct10", SECRET, &[]);
    assert_failure(&out, 2, &["10 accounts", "at most 10", "max_accounts"]);

    std::fs::write(&sandbox.config, "max_accounts = 11\n").unwrap();
    assert_success(&sandbox.add_secret("acct10", SECRET, &[]));
    std::fs::write(&sandbox.config, "max_accounts = 3\n").unwrap();
    assert_failure(
        &sandbox.add_secret("acct11", SECRET, &[]),
        2,
        &["11 accounts"],
    );
}

#[test]
fn ambiguous_and_missing_names_list_the_candidates() {
    let sandbox = Sandbox::initialised();
    assert_success(&sandbox.add_secret("alice", SECRET, &["--issuer", "GitHub"]));
    assert_success(&sandbox.add_secret("alice", SECRET, &["--issuer", "GitLab"]));
    assert_success(&sandbox.add_secret("bank", SECRET, &[]));
    let out = sandbox.run(&["code", "git"], "");
    assert_failure(&out, 3, &["GitHub:alice", "GitLab:alice"]);
    let out = sandbox.run(&["code", "nope"], "");
    assert_failure(&out, 3, &["GitHub:alice", "GitLab:alice", "bank"]);
    // A unique prefix, any case, and issuer:name all work.
    let a = sandbox.code("BA", &["--at", "0"]);
    assert_eq!(a, sandbox.code("bank", &["--at", "0"]));
    assert_success(&sandbox.run(&["code", "gitlab:ALICE"], ""));
}

#[test]
fn bad_secrets_and_uris_are_explained_without_echoing_them() {
    let sandbox = Sandbox::initialised();
    let out = sandbox.add_secret("x", "JBSWY3DPEHPK3PX0", &[]);
    assert_failure(&out, 2, &["position 16", "letter O"]);
    assert!(!stderr(&out).contains("JBSWY3DP"));
    let out = sandbox.run(
        &["add", "--uri"],
        "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&algorithm=MD5\n",
    );
    assert_failure(&out, 2, &["MD5"]);
    assert!(!stderr(&out).contains("JBSWY3DP"));
    let out = sandbox.run(&["add", "--uri"], "https://example.com\n");
    assert_failure(&out, 2, &["otpauth"]);
    let out = sandbox.run(&["list", "--json"], "");
    assert_eq!(stdout(&out).trim(), "[]");
}

#[test]
fn damaged_vaults_give_a_clear_error_and_leave_the_backup_alone() {
    let sandbox = Sandbox::initialised();
    assert_success(&sandbox.add_secret("a", SECRET, &[]));
    assert_success(&sandbox.add_secret("b", SECRET, &[]));
    let backup = common::read(&sandbox.backup());
    let good = common::read(&sandbox.vault);
    for cut in [10, 60, good.len() / 2, good.len() - 1] {
        std::fs::write(&sandbox.vault, &good[..cut]).unwrap();
        let out = sandbox.run(&["list"], "");
        assert_failure(&out, 6, &[".bak"]);
        let out = sandbox.add_secret("c", SECRET, &[]);
        assert_failure(&out, 6, &[]);
        assert_eq!(common::read(&sandbox.vault), &good[..cut], "cut at {cut}");
        assert_eq!(common::read(&sandbox.backup()), backup);
    }
    std::fs::write(&sandbox.vault, b"not an age file at all\n").unwrap();
    assert_failure(&sandbox.run(&["list"], ""), 6, &[]);
    assert_eq!(common::read(&sandbox.backup()), backup);

    // The backup is a complete earlier vault: it opens and holds account "a".
    let out = sandbox.run(&["--vault", sandbox.backup().to_str().unwrap(), "list"], "");
    assert_success(&out);
    assert!(stdout(&out).contains('a'));
}

#[test]
fn missing_vault_says_how_to_create_one() {
    let sandbox = Sandbox::new();
    let out = sandbox.run(&["list"], "");
    assert_failure(&out, 6, &["otp init"]);
}

#[test]
fn concurrent_adds_lose_nothing() {
    let sandbox = Sandbox::initialised();
    let children: Vec<_> = (0..6)
        .map(|i| {
            let mut command = sandbox.otp();
            command.args(["--pin-stdin", "add", &format!("parallel{i}")]);
            std::thread::spawn(move || common::feed(command, &format!("{PIN}\n{SECRET}\n")))
        })
        .collect();
    for child in children {
        assert_success(&child.join().unwrap());
    }
    let out = sandbox.run(&["list", "--json"], "");
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let mut names: Vec<String> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        (0..6).map(|i| format!("parallel{i}")).collect::<Vec<_>>()
    );
}

#[test]
fn remove_and_rename() {
    let sandbox = Sandbox::initialised();
    assert_success(&sandbox.add_secret("a", SECRET, &[]));
    assert_success(&sandbox.add_secret("b", SECRET, &["--issuer", "Bank"]));
    let out = sandbox.run(&["remove", "a"], "");
    assert_failure(&out, 2, &["--yes"]);
    let out = sandbox.run(&["rename", "Bank:b", "A", "--issuer", ""], "");
    assert_failure(&out, 2, &["already exists"]);
    assert_success(&sandbox.run(&["rename", "Bank:b", "savings", "--issuer", ""], ""));
    assert_success(&sandbox.run(&["remove", "a", "--yes"], ""));
    let out = sandbox.run(&["list", "--json"], "");
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 1);
    assert_eq!(json[0]["label"], "savings");
}

#[test]
fn passwd_changes_the_pin() {
    let sandbox = Sandbox::initialised();
    assert_success(&sandbox.add_secret("a", SECRET, &[]));
    let code = sandbox.code("a", &["--at", "0"]);
    let out = sandbox.run_with_stdin(&["passwd"], &format!("{PIN}\n135790\n"));
    assert_success(&out);
    assert_failure(&sandbox.run(&["list"], ""), 4, &[]);
    let out = sandbox.run_with_stdin(&["code", "a", "--at", "0"], "135790\n");
    assert_success(&out);
    assert_eq!(stdout(&out).trim(), code);
    // A new PIN that breaks the policy is refused and the old one still works.
    let out = sandbox.run_with_stdin(&["passwd"], "135790\n000000\n");
    assert_failure(&out, 2, &[]);
    assert_success(&sandbox.run_with_stdin(&["list"], "135790\n"));
}

#[test]
fn pin_sources_file_command_and_environment() {
    let sandbox = Sandbox::initialised();
    assert_success(&sandbox.add_secret("a", SECRET, &[]));
    let expected = sandbox.code("a", &["--at", "0"]);
    let pin_file = sandbox.dir.path().join("pin");
    std::fs::write(&pin_file, format!("{PIN}\n")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&pin_file, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    let run = |var: &str, value: &str| {
        let out = sandbox
            .otp()
            .env(var, value)
            .args(["code", "a", "--at", "0"])
            .output()
            .unwrap();
        assert_success(&out);
        assert_eq!(stdout(&out).trim(), expected, "{var}");
    };
    run("OTP_PIN_FILE", pin_file.to_str().unwrap());
    run("OTP_PIN_COMMAND", &format!("echo {PIN}"));
    run("OTP_PIN", PIN);
    // No source and no terminal: a clear error, not a hang.
    let out = sandbox.otp().args(["code", "a"]).output().unwrap();
    assert_failure(&out, 2, &["--pin-stdin"]);
}

/// `otp --version` into a pipe nobody reads (`otp --version | true`) ends quietly,
/// as clap's own version output does, instead of panicking on the broken pipe.
#[test]
fn version_into_a_closed_pipe_does_not_panic() {
    for args in [&["--version"][..], &["-V"], &["--version", "--no-agent"]] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_otp"))
            .args(args)
            .stdout(writer)
            .stderr(std::process::Stdio::piped())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "otp {args:?} panicked: {err}");
        assert_ne!(out.status.code(), Some(101), "otp {args:?}: {err}");
    }
}

// ---- Languages and layout by display width ----

use otp::i18n::{Lang, Localize, catalogue};
use unicode_width::UnicodeWidthChar;

/// A message of the catalogue, read through the library (so tests hold no copies).
fn words(lang: Lang, id: &str) -> String {
    catalogue::text(lang, id, None)
}

/// Where each cell of a table line starts, in display columns. Cells are separated
/// by two or more spaces (a label may hold single spaces). Widths are summed
/// character by character, independently of the code's string padding.
fn column_starts(line: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut column = 0;
    let mut spaces = 0;
    for (i, c) in line.chars().enumerate() {
        if c == ' ' {
            spaces += 1;
        } else {
            if i == 0 || spaces >= 2 {
                starts.push(column);
            }
            spaces = 0;
        }
        column += c.width().unwrap_or(0);
    }
    starts
}

/// `otp` in the sandbox with the language settings of `env` (`None` removes).
fn otp_with(
    sandbox: &Sandbox,
    env: &[(&str, Option<&str>)],
    args: &[&str],
) -> std::process::Output {
    let mut command = sandbox.otp();
    for (name, value) in env {
        match value {
            Some(value) => command.env(name, value),
            None => command.env_remove(name),
        };
    }
    command.arg("--pin-stdin").args(args);
    common::feed(command, &format!("{PIN}\n"))
}

/// The locale of a Korean user who set nothing for otp itself.
const KOREAN_LOCALE: &[(&str, Option<&str>)] = &[
    ("OTP_LANG", None),
    ("LC_ALL", None),
    ("LC_MESSAGES", None),
    ("LANG", Some("ko_KR.UTF-8")),
];

/// Korean labels (two columns a syllable), a combining mark (none) and an emoji
/// (two) in one vault.
fn hangul_sandbox() -> Sandbox {
    let sandbox = Sandbox::initialised();
    for (name, extra) in [
        ("홍길동", &["--issuer", "한국과학기술정보연구원"][..]),
        ("hong", &["--issuer", "KISTI"][..]),
        ("alice", &["--issuer", "GitHub"][..]),
        (
            "zoe\u{301}",
            &["--issuer", "Cafe\u{301}", "--period", "60"][..],
        ),
        ("🔑 keys", &["--hotp", "--counter", "12"][..]),
    ] {
        assert_success(&sandbox.add_secret(name, SECRET, extra));
    }
    sandbox
}

fn assert_aligned(table: &str, columns: usize) {
    let starts: Vec<Vec<usize>> = table.lines().map(column_starts).collect();
    assert!(starts.len() > 1, "{table}");
    for row in &starts {
        assert_eq!(row.len(), columns, "{row:?}\n{table}");
        assert_eq!(row, &starts[0], "a column starts elsewhere:\n{table}");
    }
}

#[test]
fn list_columns_start_at_the_same_display_column_with_hangul_labels() {
    let sandbox = hangul_sandbox();
    for (lang, env) in [
        (Lang::En, &[("OTP_LANG", Some("en"))][..]),
        (Lang::Ko, &[("OTP_LANG", Some("ko"))][..]),
    ] {
        let out = otp_with(&sandbox, env, &["list"]);
        assert_success(&out);
        let table = stdout(&out);
        assert!(
            table.starts_with(&words(lang, "cli-list-account")),
            "{table}"
        );
        assert!(table.contains("한국과학기술정보연구원:홍길동"), "{table}");
        assert_aligned(&table, 5);
        // The label column is as wide as the widest label in columns, not chars:
        // 11 + 3 syllables and a colon take 29 columns.
        let second = column_starts(table.lines().next().unwrap_or_default())[1];
        assert_eq!(second, 29 + 2, "{table}");
    }
}

#[test]
fn show_values_start_at_the_same_display_column_in_both_languages() {
    let sandbox = hangul_sandbox();
    for lang in ["en", "ko"] {
        let out = otp_with(
            &sandbox,
            &[("OTP_LANG", Some(lang))],
            &["show", "한국과학기술정보연구원:홍길동"],
        );
        assert_success(&out);
        let details = stdout(&out);
        let starts: Vec<usize> = details
            .lines()
            .map(|line| {
                let (field, value) = line.split_once(':').unwrap();
                let gap = value.len() - value.trim_start().len();
                let field: usize = field.chars().map(|c| c.width().unwrap_or(0)).sum();
                field + 1 + gap
            })
            .collect();
        assert_eq!(starts.len(), 7, "{details}");
        assert!(starts.iter().all(|s| *s == starts[0]), "{lang}:\n{details}");
    }
}

#[test]
fn korean_through_otp_lang_or_the_locale_and_english_for_other_locales() {
    let ko_env = &[("OTP_LANG", Some("ko"))][..];
    for env in [ko_env, KOREAN_LOCALE] {
        let sandbox = Sandbox::initialised();
        assert_success(&sandbox.add_secret("alice", SECRET, &["--issuer", "GitHub"]));

        let out = otp_with(&sandbox, env, &["list"]);
        assert_success(&out);
        let header = stdout(&out).lines().next().unwrap_or_default().to_owned();
        for id in ["cli-list-account", "cli-list-algorithm", "cli-list-moving"] {
            assert!(header.contains(&words(Lang::Ko, id)), "{env:?}: {header}");
        }
        assert!(!header.contains(&words(Lang::En, "cli-list-account")));

        let mut command = sandbox.otp();
        for (name, value) in env {
            match value {
                Some(value) => command.env(name, value),
                None => command.env_remove(name),
            };
        }
        command.args(["--pin-stdin", "list"]);
        let out = common::feed(command, "999999\n");
        let wrong = otp::vault::VaultError::WrongPin { attempts_left: 4 };
        assert_failure(&out, 4, &[]);
        assert_eq!(
            stderr(&out),
            format!("otp: {}\n", wrong.localize_in(Lang::Ko)),
            "{env:?}"
        );

        let out = otp_with(&sandbox, env, &["code", "nope"]);
        let unknown = otp::accounts::MatchError::NotFound {
            query: "nope".to_owned(),
            candidates: vec!["GitHub:alice".to_owned()],
        };
        assert_failure(&out, 3, &[]);
        assert_eq!(
            stderr(&out),
            format!("otp: {}\n", unknown.localize_in(Lang::Ko))
        );

        let out = otp_with(&sandbox, env, &["remove", "alice"]);
        assert_failure(&out, 2, &[&words(Lang::Ko, "cli-remove-needs-yes")]);
    }

    let sandbox = Sandbox::initialised();
    let french = [
        ("OTP_LANG", None),
        ("LC_ALL", None),
        ("LC_MESSAGES", None),
        ("LANG", Some("fr_FR.UTF-8")),
    ];
    let out = otp_with(&sandbox, &french, &["list"]);
    assert_success(&out);
    assert_eq!(stderr(&out).trim_end(), words(Lang::En, "cli-list-empty"));
}

#[test]
fn the_flag_beats_the_config_file_which_beats_the_locale() {
    let sandbox = Sandbox::initialised();
    let english_locale = [
        ("OTP_LANG", None),
        ("LC_ALL", None),
        ("LC_MESSAGES", None),
        ("LANG", Some("en_US.UTF-8")),
    ];
    let empty = |lang| words(lang, "cli-list-empty");
    let said = |args: &[&str]| {
        let out = otp_with(&sandbox, &english_locale, args);
        assert_success(&out);
        stderr(&out).trim_end().to_owned()
    };
    assert_eq!(said(&["list"]), empty(Lang::En));
    assert_eq!(said(&["--lang", "ko", "list"]), empty(Lang::Ko));
    std::fs::write(&sandbox.config, "lang = \"ko\"\n").unwrap();
    assert_eq!(said(&["list"]), empty(Lang::Ko));
    assert_eq!(said(&["--lang", "en", "list"]), empty(Lang::En));
    // A language otp does not speak falls back to the next choice, then English.
    assert_eq!(said(&["--lang", "fr", "list"]), empty(Lang::Ko));
    std::fs::write(&sandbox.config, "lang = \"de\"\n").unwrap();
    assert_eq!(said(&["list"]), empty(Lang::En));
}

#[test]
#[cfg(unix)]
fn through_the_agent_otp_speaks_korean_too() {
    let sandbox = Sandbox::initialised();
    assert_success(&sandbox.add_secret("alice", SECRET, &["--issuer", "GitHub"]));
    let korean = &[("OTP_LANG", Some("ko"))][..];
    let out = otp_with(&sandbox, korean, &["unlock", "--for", "2m"]);
    // Whatever happens below, the agent goes.
    struct Lock<'a>(&'a Sandbox);
    impl Drop for Lock<'_> {
        fn drop(&mut self) {
            let _ = self.0.otp().arg("lock").output();
        }
    }
    let _lock = Lock(&sandbox);
    assert_success(&out);
    let mut args = otp::i18n::Args::new();
    let vault = std::fs::canonicalize(&sandbox.vault).unwrap();
    args.set("vault", vault.display().to_string());
    let mut two = otp::i18n::Args::new();
    two.set("count", 2);
    args.set(
        "duration",
        catalogue::text(Lang::Ko, "common-duration-minutes", Some(&two)),
    );
    assert_eq!(
        stderr(&out).trim_end(),
        catalogue::text(Lang::Ko, "cli-unlocked", Some(&args))
    );

    // No PIN on stdin: the agent answers, and its refusal is said in Korean.
    let mut command = sandbox.otp();
    command.env("OTP_LANG", "ko").args(["code", "nope"]);
    let out = command.output().unwrap();
    let unknown = otp::accounts::MatchError::NotFound {
        query: "nope".to_owned(),
        candidates: vec!["GitHub:alice".to_owned()],
    };
    assert_failure(&out, 3, &[]);
    assert_eq!(
        stderr(&out),
        format!("otp: {}\n", unknown.localize_in(Lang::Ko))
    );

    let out = sandbox
        .otp()
        .env("OTP_LANG", "ko")
        .arg("lock")
        .output()
        .unwrap();
    assert_success(&out);
    assert_eq!(
        stderr(&out).trim_end(),
        catalogue::text(Lang::Ko, "cli-locked", None)
    );
}

#[test]
fn the_command_lines_own_refusals_are_said_in_korean() {
    let sandbox = Sandbox::initialised();
    let korean = &[("OTP_LANG", Some("ko"))][..];
    // No terminal for the full-screen interface.
    let out = otp_with(&sandbox, korean, &[]);
    assert_failure(&out, 2, &[]);
    assert_eq!(
        stderr(&out),
        format!("otp: {}\n", words(Lang::Ko, "cli-tui-not-a-terminal"))
    );
    // --work-factor before a subcommand.
    let out = otp_with(&sandbox, korean, &["--work-factor", "12", "list"]);
    assert_failure(&out, 2, &[]);
    assert_eq!(
        stderr(&out),
        format!("otp: {}\n", words(Lang::Ko, "cli-work-factor-tui-only"))
    );
    // Standard input ends before the secret: the value is named in Korean.
    let out = otp_with(&sandbox, korean, &["add", "x"]);
    assert_failure(&out, 2, &[]);
    let mut what = otp::i18n::Args::new();
    what.set("what", "secret");
    assert_eq!(
        stderr(&out),
        format!(
            "otp: {}\n",
            catalogue::text(Lang::Ko, "cli-stdin-ended", Some(&what))
        )
    );
    assert!(stderr(&out).contains("비밀 키"), "{}", stderr(&out));
}
