//! otpd's users as an organisation keeps them: who they are, where their
//! activation codes go and in which language, checked through the real `otpd`
//! admin commands on a SQLite database in a temporary directory.

#![cfg(feature = "server")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::otpd::OtpdHome;
use common::{assert_failure, assert_success, stderr, stdout};

#[test]
fn a_user_keeps_an_email_address_and_a_language() {
    let home = OtpdHome::new(None);
    home.admin(&["customer", "add", "1106", "Example Org"]);
    home.admin(&[
        "user",
        "add",
        "--customer",
        "1106",
        "jklee",
        "--email",
        "jklee@kisti.re.kr",
        "--lang",
        "KO",
    ]);
    home.admin(&["user", "add", "--customer", "1106", "mkim"]);
    let list = home.admin(&["user", "list", "--customer", "1106"]);
    let jklee = list.lines().find(|l| l.starts_with("jklee")).unwrap();
    assert!(jklee.contains("jklee@kisti.re.kr"), "{list}");
    // The language is kept in its canonical form.
    assert!(jklee.split_whitespace().any(|cell| cell == "ko"), "{list}");
    let mkim = list.lines().find(|l| l.starts_with("mkim")).unwrap();
    assert!(!mkim.contains('@'), "{list}");
}

#[test]
fn an_unusable_email_address_or_language_adds_no_one() {
    let home = OtpdHome::new(None);
    home.admin(&["customer", "add", "1106", "Example Org"]);
    for (flag, value, said) in [
        ("--email", "jklee", "not an email address"),
        (
            "--email",
            "a@b.kr>\r\nRCPT TO:<c@d.kr",
            "not an email address",
        ),
        ("--lang", "ja", "use en (English) or ko (Korean)"),
    ] {
        let out = home.run(&["user", "add", "--customer", "1106", "jklee", flag, value]);
        assert_failure(&out, 2, &[said]);
        let list = stdout(&home.run(&["user", "list", "--customer", "1106"]));
        assert!(
            !list.contains("jklee"),
            "{flag} {value:?} added a user:\n{list}"
        );
    }
}

// ------------------------------------------------------------------ user import

/// Writes `contents` to `name` in the otpd home and runs `otpd user import` on it
/// for customer 1106 with `extra` arguments.
fn import(home: &OtpdHome, name: &str, contents: &[u8], extra: &[&str]) -> std::process::Output {
    let path = home.path(name);
    std::fs::write(&path, contents).unwrap();
    let path = path.to_str().unwrap().to_owned();
    let mut args = vec!["user", "import", path.as_str(), "--customer", "1106"];
    args.extend_from_slice(extra);
    home.run(&args)
}

/// `otpd user list --customer 1106`.
fn user_list(home: &OtpdHome) -> String {
    home.admin(&["user", "list", "--customer", "1106"])
}

/// The line of `user list` for `user`.
fn listed<'a>(list: &'a str, user: &str) -> &'a str {
    list.lines()
        .find(|line| line.split_whitespace().next() == Some(user))
        .unwrap_or_else(|| panic!("{user} not listed:\n{list}"))
}

fn org() -> OtpdHome {
    let home = OtpdHome::new(None);
    home.admin(&["customer", "add", "1106", "Example Org"]);
    home
}

#[test]
fn import_adds_users_from_korean_headings_with_a_byte_order_mark() {
    let home = org();
    let csv = "\u{feff}아이디,이름,부서,이메일,언어\r\n\
               jklee,이정국,연구,jklee@kisti.re.kr,KO\r\n\
               mkim,\"Kim, Minsu\",행정,mkim@kisti.re.kr,en\r\n\
               hgd,홍길동,,,\r\n";
    let out = import(&home, "users.csv", csv.as_bytes(), &[]);
    assert_success(&out);
    let err = stderr(&out);
    assert!(err.contains("3 added, 0 updated, 0 unchanged"), "{err}");
    assert!(
        err.contains("Ignored the columns otpd does not use: 부서"),
        "{err}"
    );
    let list = user_list(&home);
    let jklee = listed(&list, "jklee");
    assert!(
        jklee.contains("jklee@kisti.re.kr") && jklee.contains("이정국"),
        "{list}"
    );
    assert!(jklee.split_whitespace().any(|cell| cell == "ko"), "{list}");
    let mkim = listed(&list, "mkim");
    assert!(
        mkim.contains("Kim, Minsu") && mkim.contains(" en "),
        "{list}"
    );
    assert!(!listed(&list, "hgd").contains('@'), "{list}");
    // One audit row per user added and one for the import, with its counts.
    let audit = home.admin(&["audit", "--limit", "100"]);
    assert_eq!(audit.matches("user.add").count(), 3, "{audit}");
    assert!(
        audit.contains("user.import") && audit.contains("added=3 updated=0 unchanged=0"),
        "{audit}"
    );
}

#[test]
fn import_reads_the_cp949_korean_excel_saves() {
    let home = org();
    let (bytes, _, unmappable) =
        encoding_rs::EUC_KR.encode("아이디,이름,이메일\r\njklee,이정국,jklee@kisti.re.kr\r\n");
    assert!(!unmappable);
    assert!(std::str::from_utf8(&bytes).is_err(), "not CP949 bytes");
    let out = import(&home, "users.csv", &bytes, &[]);
    assert_success(&out);
    assert!(
        stderr(&out).contains("as CP949 (EUC-KR)"),
        "{}",
        stderr(&out)
    );
    assert!(listed(&user_list(&home), "jklee").contains("이정국"));
    // Bytes that are no Korean text either: refused with how to save UTF-8.
    let out = import(&home, "latin.csv", b"ID,name\njose,Jos\xe9\xff\n", &[]);
    assert_failure(&out, 2, &["CSV UTF-8"]);
}

#[test]
fn a_file_with_errors_changes_nothing_and_names_every_line() {
    let home = org();
    home.admin(&[
        "user",
        "add",
        "--customer",
        "1106",
        "old",
        "--email",
        "old@kisti.re.kr",
    ]);
    let before = user_list(&home);
    let csv = "ID,email,language\n\
               a1,a1@kisti.re.kr,ko\n\
               a2,not-an-address,en\n\
               a3,,\n\
               \"a4\",\"a4@kisti.re.kr\",ko\n\
               old,new@kisti.re.kr,\n\
               a5,a5@kisti.re.kr,ja\n";
    let out = import(&home, "users.csv", csv.as_bytes(), &[]);
    assert_failure(
        &out,
        2,
        &[
            "The file has 2 problems, so nothing was changed",
            "line 3, column email: “not-an-address” is not an email address",
            "line 7, column language: “ja” is not a language",
        ],
    );
    assert_eq!(user_list(&home), before, "a refused file changed users");
    // The refusal is audited; no user row is.
    let audit = home.audit_rows();
    let refused = audit
        .iter()
        .find(|row| row.action == "user.import")
        .unwrap();
    assert_eq!(refused.outcome, "error");
    assert_eq!(
        audit.iter().filter(|row| row.action == "user.add").count(),
        1
    );
}

#[test]
fn a_duplicate_id_names_both_lines() {
    let home = org();
    let csv =
        "ID,name\njklee,이정국\nmkim,김민수\n\"jklee\",\"Lee\nJeongguk\"\nhgd,홍길동\njklee,또\n";
    let out = import(&home, "users.csv", csv.as_bytes(), &[]);
    // A quoted name over two lines is one record (and refused: a line break in a
    // name); the line after it is still counted as an editor shows it.
    assert_failure(
        &out,
        2,
        &[
            "line 4, column ID: ID “jklee” is already on line 2",
            "line 4, column name: A display name must be at most 128 characters",
            "line 7, column ID: ID “jklee” is already on line 2",
        ],
    );
    assert!(!user_list(&home).contains("mkim"));
}

#[test]
fn a_dry_run_lists_the_plan_and_changes_nothing() {
    let home = org();
    home.admin(&[
        "user",
        "add",
        "--customer",
        "1106",
        "jklee",
        "--name",
        "이정국",
        "--lang",
        "ko",
    ]);
    home.admin(&[
        "user",
        "add",
        "--customer",
        "1106",
        "same",
        "--email",
        "same@kisti.re.kr",
    ]);
    let before = user_list(&home);
    let audit_before = home.audit_rows().len();
    let csv = "id,NAME,Email,lang\n\
               jklee,,jklee@kisti.re.kr,en\n\
               same,,same@kisti.re.kr,\n\
               new,신입,new@kisti.re.kr,ko\n";
    let out = import(
        &home,
        "users.csv",
        csv.as_bytes(),
        &["--dry-run", "--issue"],
    );
    assert_success(&out);
    let plan = stdout(&out);
    let line = |user: &str| {
        plan.lines()
            .find(|l| l.split_whitespace().nth(2) == Some(user))
            .unwrap_or_else(|| panic!("{user} not in the plan:\n{plan}"))
            .to_owned()
    };
    let jklee = line("jklee");
    assert!(jklee.starts_with("   2  update"), "{plan}");
    assert!(
        jklee.contains("- → jklee@kisti.re.kr") && jklee.contains("ko → en"),
        "{plan}"
    );
    assert!(
        !jklee.contains("이정국"),
        "an unchanged name is not shown:\n{plan}"
    );
    let new = line("new");
    assert!(
        new.contains("add") && new.contains("신입") && new.contains("new@kisti.re.kr"),
        "{plan}"
    );
    assert!(
        !plan
            .lines()
            .any(|l| l.split_whitespace().nth(2) == Some("same")),
        "{plan}"
    );
    assert!(
        plan.contains(
            "Dry run, nothing was changed. Customer 1106: 1 to add, 1 to update, 1 unchanged."
        ),
        "{plan}"
    );
    assert!(
        plan.contains("3 activation codes would be issued; 0 users"),
        "{plan}"
    );
    assert_eq!(user_list(&home), before, "a dry run changed users");
    assert_eq!(
        home.audit_rows().len(),
        audit_before,
        "a dry run wrote the audit log"
    );
}

#[test]
fn import_updates_the_values_a_file_gives_and_keeps_the_others() {
    let home = org();
    home.admin(&[
        "user",
        "add",
        "--customer",
        "1106",
        "jklee",
        "--name",
        "이정국",
        "--email",
        "old@kisti.re.kr",
        "--lang",
        "ko",
    ]);
    home.admin(&[
        "user",
        "add",
        "--customer",
        "1106",
        "untouched",
        "--name",
        "그대로",
    ]);
    let csv = "ID,name,email,language\njklee,,new@kisti.re.kr,\n";
    let out = import(&home, "users.csv", csv.as_bytes(), &[]);
    assert_success(&out);
    assert!(
        stderr(&out).contains("0 added, 1 updated, 0 unchanged"),
        "{}",
        stderr(&out)
    );
    let list = user_list(&home);
    let jklee = listed(&list, "jklee");
    assert!(
        jklee.contains("new@kisti.re.kr") && !jklee.contains("old@"),
        "{list}"
    );
    // Empty cells keep what was there; users not in the file stay.
    assert!(
        jklee.contains("이정국") && jklee.split_whitespace().any(|c| c == "ko"),
        "{list}"
    );
    assert!(listed(&list, "untouched").contains("그대로"), "{list}");
    let audit = home.audit_rows();
    let update = audit
        .iter()
        .find(|row| row.action == "user.update")
        .unwrap();
    assert_eq!(
        (update.user.as_str(), update.outcome.as_str()),
        ("jklee", "ok")
    );
    // The same file again changes nothing.
    let out = import(&home, "users.csv", csv.as_bytes(), &[]);
    assert!(
        stderr(&out).contains("0 added, 0 updated, 1 unchanged"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn import_with_issue_prints_codes_that_enroll_with_the_real_otp() {
    let home = org();
    home.admin(&["user", "add", "--customer", "1106", "enrolled"]);
    let first = home.issue("enrolled", &[]);
    let server = home.start();
    let enrolled = common::Sandbox::initialised();
    let out = enrolled.run(
        &[
            "add",
            "--customer",
            "1106",
            "--id",
            "enrolled",
            "--server",
            &server.url,
        ],
        &format!("{first}\n"),
    );
    assert_success(&out);

    let csv = "ID,name,email\nenrolled,,\n신입,김신입,new@kisti.re.kr\nmkim,\"Kim, Minsu\",\n";
    let out = import(
        &home,
        "users.csv",
        csv.as_bytes(),
        &["--issue", "--send", "print"],
    );
    assert_success(&out);
    let err = stderr(&out);
    assert!(err.contains("shown only now"), "{err}");
    assert!(
        err.contains(
            "Issued 2 activation codes; 1 user skipped because they have a token; 0 failed."
        ),
        "{err}"
    );
    // stdout is CSV alone: a heading, then a row per code, quoted where needed.
    let printed = stdout(&out);
    let mut reader = csv::Reader::from_reader(printed.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        ["ID", "NAME", "EMAIL", "ACTIVATION CODE", "VALID UNTIL"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let ids: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    assert_eq!(ids, ["신입", "mkim"], "{printed}");
    assert_eq!(&rows[1][1], "Kim, Minsu");
    assert!(rows[0][4].ends_with(" UTC"), "{printed}");
    let code = rows[0][3].to_owned();
    assert!(
        code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()),
        "{printed}"
    );

    // The printed code enrolls 신입 with the real client.
    let sandbox = common::Sandbox::initialised();
    let out = sandbox.run(
        &[
            "add",
            "--customer",
            "1106",
            "--id",
            "신입",
            "--server",
            &server.url,
        ],
        &format!("{code}\n"),
    );
    assert_success(&out);
    assert!(listed(&user_list(&home), "신입").contains("active"));
    // No code in the audit log or the server's log.
    let audit = home.admin(&["audit", "--limit", "1000"]);
    for (text, what) in [(&audit, "audit"), (&server.log_text(), "log")] {
        for row in &rows {
            assert!(!text.contains(&row[3]), "code in the {what}:\n{text}");
        }
    }
    assert_eq!(audit.matches(" issue ").count(), 3, "{audit}");
}
