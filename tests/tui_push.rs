//! Login requests (push approvals) in the full-screen interface, end to end: a
//! real `otpd serve` on 127.0.0.1, an account enrolled by the real `otp add
//! --customer` (which keeps a device key), the real `otp` in a pseudo-terminal
//! with the vault unlocked, and the login system's `POST /v1/push`. The dialog
//! shows the context and three numbers; the key of the login page's number
//! approves, `d` denies ("not me"), and the login system sees it.

#![cfg(feature = "server")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::{Duration, Instant};

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

/// How many times the main thread of `pid` has been put on a CPU so far (the
/// third field of its schedstat): its wake-ups, near enough.
#[cfg(target_os = "linux")]
fn main_thread_runs(pid: u32) -> u64 {
    let text = std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/schedstat")).unwrap();
    text.split_whitespace().nth(2).unwrap().parse().unwrap()
}

#[test]
#[cfg(target_os = "linux")]
fn watching_for_login_requests_costs_no_wake_ups_and_a_request_still_shows_at_once() {
    let (_home, server, sandbox, key) = enrolled();
    let mut tui = unlocked(&sandbox, 80, 24);
    // Idle with the poller waiting on otpd: the loop wakes for the countdowns,
    // once a second, not every tenth of a second to look for news.
    std::thread::sleep(Duration::from_secs(2));
    let pid = tui.pid();
    let (runs, start) = (main_thread_runs(pid), Instant::now());
    std::thread::sleep(Duration::from_secs(4));
    let per_second = (main_thread_runs(pid) - runs) as f64 / start.elapsed().as_secs_f64();
    assert!(per_second < 4.0, "{per_second:.1} wake-ups a second");
    // The news itself ends the wait: each request shows within 400 ms. One that
    // waited for the loop's next second would miss that 60 % of the time, so
    // four in a row catch a loop that is not woken.
    for round in 0..4 {
        // The poller pauses half a second after a request before it waits again.
        std::thread::sleep(Duration::from_millis(800));
        let start = Instant::now();
        let push = login(&server, &key);
        tui.wait_for("┌ 1 ─", WAIT);
        let shown = start.elapsed();
        assert!(
            shown < Duration::from_millis(400),
            "request {round} took {shown:?} to show"
        );
        // Approved with the right number (three denials in a row would lock
        // the user's pushes).
        std::thread::sleep(Duration::from_millis(100));
        let numbers = numbers_on(&tui.screen());
        let position = numbers.iter().position(|n| *n == push.number).unwrap();
        tui.send(&(position + 1).to_string());
        assert_eq!(
            state(&server, &key, &push.request_id).state,
            PushState::Approved
        );
        let deadline = Instant::now() + WAIT;
        while tui.screen().contains("┌ 1 ─") {
            assert!(Instant::now() < deadline, "{}", tui.screen());
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}
