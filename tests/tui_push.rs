//! Login requests (push approvals) in the full-screen interface, end to end: a
//! real `otpd serve` on 127.0.0.1, an account enrolled by the real `otp add
//! --customer` (which keeps a device key), the real `otp` in a pseudo-terminal
//! with the vault unlocked, and the login system's `POST /v1/push`. The dialog
//! shows the context and three numbers; the key of the login page's number
//! approves, `d` denies ("not me"), and the login system sees it.

#![cfg(feature = "server")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use otp::api::push::{DenyReason, PushState, PushStatus};

use common::pty::Tui;
use common::push::{enrolled, login, numbers_on, state};
use common::{PIN, Sandbox};

const WAIT: Duration = Duration::from_secs(30);

/// The interface unlocked with the PIN (not through an agent), the list shown.
fn unlocked(sandbox: &Sandbox, cols: u16, rows: u16) -> Tui {
    let tui = sandbox.tui(&["--no-agent"], &[], cols, rows);
    tui.wait_for("Enter your 6-digit PIN", WAIT);
    let mut tui = tui;
    tui.type_slowly(PIN);
    tui.wait_for("1/10 accounts", WAIT);
    tui
}

#[test]
fn a_login_request_shows_at_once_and_its_number_approves_it() {
    let (_home, server, sandbox, key) = enrolled();
    let mut tui = unlocked(&sandbox, 80, 24);
    let push = login(&server, &key);
    let screen = tui.wait_for("Approve a login?", WAIT);
    let screen = if screen.contains("Which number") {
        screen
    } else {
        tui.wait_for("Which number", WAIT)
    };
    assert!(screen.contains("203.0.113.7"), "{screen}");
    assert!(screen.contains("Chrome on Windows"), "{screen}");
    assert!(screen.contains("jklee"), "{screen}");
    // The bell rang once for it.
    assert_eq!(tui.raw().iter().filter(|b| **b == 0x07).count(), 1);
    let numbers = numbers_on(&screen);
    assert_eq!(numbers.len(), 3, "{screen}");
    let position = numbers
        .iter()
        .position(|n| *n == push.number)
        .unwrap_or_else(|| panic!("{} not among {numbers:?}", push.number));
    tui.send(&(position + 1).to_string());
    tui.wait_for("Login approved for Example Org:jklee", WAIT);
    let status = state(&server, &key, &push.request_id);
    assert_eq!(status.state, PushState::Approved, "{status:?}");
    // The dialog is gone; the list is back.
    assert!(!tui.screen().contains("Approve a login?"));
}

#[test]
fn d_denies_a_login_that_is_not_mine() {
    let (_home, server, sandbox, key) = enrolled();
    let mut tui = unlocked(&sandbox, 80, 24);
    let push = login(&server, &key);
    tui.wait_for("Which number", WAIT);
    tui.send("d");
    tui.wait_for("Login denied for Example Org:jklee", WAIT);
    let status = state(&server, &key, &push.request_id);
    assert_eq!(status.state, PushState::Denied, "{status:?}");
    assert_eq!(status.reason, Some(DenyReason::NotMe));
}

#[test]
fn esc_leaves_the_request_pending_and_a_small_terminal_still_shows_the_numbers() {
    let (_home, server, sandbox, key) = enrolled();
    let mut tui = unlocked(&sandbox, 40, 12);
    let push = login(&server, &key);
    tui.wait_for("Approve a login?", WAIT);
    let screen = tui.wait_for("┌ 1 ─", WAIT);
    assert!(numbers_on(&screen).contains(&push.number), "{screen}");
    tui.send("\x1b");
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        !tui.screen().contains("Approve a login?"),
        "{}",
        tui.screen()
    );
    let (status, body) = server.request(
        "GET",
        &format!("/v1/push/{}", push.request_id),
        &[("authorization", &format!("Bearer {key}"))],
        None,
    );
    assert_eq!(status, 200, "{body}");
    let status: PushStatus = serde_json::from_str(&body).unwrap();
    assert_eq!(status.state, PushState::Pending);
}
