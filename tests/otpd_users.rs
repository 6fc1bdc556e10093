//! otpd's users as an organisation keeps them: who they are, where their
//! activation codes go and in which language, checked through the real `otpd`
//! admin commands on a SQLite database in a temporary directory.

#![cfg(feature = "server")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::otpd::OtpdHome;
use common::{assert_failure, stdout};

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
