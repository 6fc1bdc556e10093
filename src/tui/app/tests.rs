//! App state transitions with a fixed clock: actions in, effects out.

use super::pin::same_pin;
use super::settings::step_choice;
use super::state::HOTP_SHOWN_SECS;
use super::*;
use crate::accounts::{Account, Store};
use crate::agent::protocol::{AccountInfo, CodeReply};
use crate::clipboard::Method;
use crate::code::{Algorithm, Digits, Kind, Period};
use crate::config::Config;
use crate::secret::SecretKey;
use crate::tui::form::{AddForm, Field};
use crate::tui::keymap::Context;
use crate::tui::message::Organisation;
use crate::tui::message::{
    Action, AgentFailure, AgentJob, AgentResult, Change, Command, Done, Effect, Failure, Hidden,
    Job, JobResult,
};
use crate::tui::text;
use crate::vault::{LockoutStatus, Pin};

/// A time at the start of both a 30 s and a 60 s period.
pub const T0: u64 = 1_800_000_000;
const SECRET: &str = "JBSWY3DPEHPK3PXP";

pub fn totp(issuer: &str, name: &str, period: u32) -> Account {
    Account {
        name: name.into(),
        issuer: Some(issuer.into()).filter(|i: &String| !i.is_empty()),
        secret: SecretKey::parse_base32(SECRET).unwrap(),
        algorithm: Algorithm::Sha1,
        digits: Digits::SIX,
        kind: Kind::Totp {
            period: Period::new(period).unwrap(),
        },
    }
}

pub fn hotp(issuer: &str, name: &str, counter: u64) -> Account {
    Account {
        kind: Kind::Hotp { counter },
        ..totp(issuer, name, 30)
    }
}

/// A Steam Guard account (5 characters of Steam's alphabet, every 30 s).
pub fn steam(issuer: &str, name: &str) -> Account {
    Account {
        digits: Digits::STEAM,
        kind: Kind::Steam,
        ..totp(issuer, name, 30)
    }
}

pub fn store(accounts: Vec<Account>) -> Store {
    let mut store = Store::new();
    for account in accounts {
        store.add(account, 10).unwrap();
    }
    store
}

fn command(app: &mut App, command: Command, now: u64) -> Vec<Effect> {
    app.update(Action::Command(command), now)
}

fn type_digits(app: &mut App, digits: &str, now: u64) -> Vec<Effect> {
    let mut effects = Vec::new();
    for c in digits.chars() {
        effects.extend(app.update(Action::Char(c), now));
    }
    effects
}

/// Pins this test's thread to English, whatever the machine's locale: these tests
/// compare words.
fn english() {
    crate::i18n::set_thread(Some(crate::i18n::Lang::En));
}

/// An app on the unlock screen with 5 attempts left.
pub fn locked_app() -> App {
    let mut app = App::new(true, "/v/vault.age".into(), Config::default(), T0);
    app.update(
        Action::Lockout(LockoutStatus::Open {
            failures: 0,
            attempts_left: 5,
        }),
        T0,
    );
    app
}

/// An app unlocked (through the unlock screen) with `accounts`.
pub fn unlocked_app(accounts: Vec<Account>) -> App {
    let mut app = locked_app();
    let effects = type_digits(&mut app, "258046", T0);
    assert!(matches!(
        effects.as_slice(),
        [Effect::Vault(Job::Unlock { .. })]
    ));
    assert!(
        app.update(Action::Job(JobResult::Unlocked(store(accounts))), T0)
            .is_empty()
    );
    app
}

fn unlocked(app: &App) -> &Unlocked {
    match &app.screen {
        Screen::Unlocked(unlocked) => unlocked,
        other => panic!("not unlocked: {other:?}"),
    }
}

fn code_at(account: &Account, time: u64) -> String {
    account.code_at(time).code().as_str().to_owned()
}

#[test]
fn first_run_explains_the_policy_asks_twice_then_creates_and_offers_an_account() {
    english();
    let mut app = App::new(false, "/v/vault.age".into(), Config::default(), T0);
    assert_eq!(app.context(), Context::Pin);
    assert!(type_digits(&mut app, "123456", T0).is_empty());
    let Screen::Setup(setup) = &app.screen else {
        panic!()
    };
    let message = setup.message.clone().unwrap();
    assert!(message.contains("count straight up or down"), "{message}");
    assert_eq!(setup.entry.len(), 0);

    assert!(type_digits(&mut app, "258046", T0).is_empty());
    // A different second PIN starts over.
    assert!(type_digits(&mut app, "258047", T0).is_empty());
    let Screen::Setup(setup) = &app.screen else {
        panic!()
    };
    assert_eq!(setup.message.as_deref(), Some(text::pins_differ().as_str()));
    assert!(setup.first.is_none());

    type_digits(&mut app, "258046", T0);
    let effects = type_digits(&mut app, "258046", T0);
    assert!(matches!(
        effects.as_slice(),
        [Effect::Vault(Job::Create { .. })]
    ));
    assert!(matches!(app.busy, Some(Busy::Creating(_))));
    // Typing while the vault is created does nothing.
    assert!(type_digits(&mut app, "1", T0).is_empty());

    app.update(Action::Job(JobResult::Created), T0);
    assert!(app.busy.is_none());
    assert!(matches!(
        unlocked(&app).modal,
        Some(Modal::OfferFirstAccount)
    ));
    assert_eq!(app.context(), Context::Confirm);
    command(&mut app, Command::Yes, T0);
    assert!(matches!(unlocked(&app).modal, Some(Modal::Add(_))));
}

#[test]
fn wrong_pins_count_down_attempts_then_the_lockout_counts_down_live() {
    english();
    let mut app = locked_app();
    type_digits(&mut app, "111111", T0);
    app.update(
        Action::Job(JobResult::Failed(Failure::WrongPin { attempts_left: 1 })),
        T0,
    );
    let Screen::Locked(locked) = &app.screen else {
        panic!()
    };
    assert_eq!(locked.lockout, Lockout::Open { attempts_left: 1 });
    // The attempts left are shown from the lockout; the message does not count
    // them a second time.
    assert_eq!(locked.message.as_deref(), Some("Wrong PIN."));

    type_digits(&mut app, "111111", T0);
    let effects = app.update(
        Action::Job(JobResult::Failed(Failure::WrongPin { attempts_left: 0 })),
        T0,
    );
    assert!(matches!(effects.as_slice(), [Effect::CheckLockout]));
    app.update(
        Action::Lockout(LockoutStatus::LockedOut {
            failures: 5,
            retry_after_secs: 30,
        }),
        T0,
    );
    let Screen::Locked(locked) = &app.screen else {
        panic!()
    };
    assert_eq!(locked.lockout, Lockout::Until(T0 + 30));
    // Digits typed during the pause are not taken; the screen counts it down
    // (no second, frozen "wait 0:20" message).
    assert!(type_digits(&mut app, "2", T0 + 10).is_empty());
    let Screen::Locked(locked) = &app.screen else {
        panic!()
    };
    assert!(
        !locked.message.as_deref().unwrap_or("").contains("0:20"),
        "{:?}",
        locked.message
    );
    assert_eq!(locked.entry.len(), 0);
    assert!(app.update(Action::Tick, T0 + 29).is_empty());
    // At the end of the pause the status is read again.
    let effects = app.update(Action::Tick, T0 + 30);
    assert!(matches!(effects.as_slice(), [Effect::CheckLockout]));
    // And what was said before or during it is gone.
    let Screen::Locked(locked) = &app.screen else {
        panic!()
    };
    assert_eq!(locked.message, None);
}

#[test]
fn unlocking_keeps_the_pin_and_shows_the_accounts() {
    english();
    let mut app = locked_app();
    type_digits(&mut app, "2580", T0);
    // Enter with fewer than 6 digits explains instead of trying.
    assert!(command(&mut app, Command::Submit, T0).is_empty());
    command(&mut app, Command::Backspace, T0);
    let effects = type_digits(&mut app, "04", T0);
    assert!(effects.is_empty());
    let effects = type_digits(&mut app, "6", T0);
    assert!(matches!(
        effects.as_slice(),
        [Effect::Vault(Job::Unlock { .. })]
    ));
    assert!(matches!(app.busy, Some(Busy::Unlocking(_))));
    app.update(
        Action::Job(JobResult::Unlocked(store(vec![totp(
            "GitHub", "alice", 30,
        )]))),
        T0,
    );
    assert_eq!(app.context(), Context::List);
    assert_eq!(unlocked(&app).store.len(), 1);
}

#[test]
fn copy_puts_the_current_code_on_the_clipboard_and_clears_it_later() {
    english();
    let accounts = vec![totp("GitHub", "alice", 30), totp("Bank", "bob", 60)];
    let mut app = unlocked_app(accounts.clone());
    command(&mut app, Command::Down, T0 + 5);
    let effects = command(&mut app, Command::Copy, T0 + 5);
    let [Effect::Copy { label, code }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(label, "Bank:bob");
    assert_eq!(code.as_str(), code_at(&accounts[1], T0 + 5));
    app.update(
        Action::Copied {
            label: label.clone(),
            code: code.clone(),
            result: Ok(Method::System),
        },
        T0 + 5,
    );
    assert_eq!(app.pending_clear.as_ref().map(|p| p.at), Some(T0 + 35));
    assert!(app.update(Action::Tick, T0 + 34).is_empty());
    let effects = app.update(Action::Tick, T0 + 35);
    assert!(
        matches!(effects.as_slice(), [Effect::ClearClipboard { code: c, method: Method::System }] if c.as_str() == code.as_str())
    );
    app.update(Action::Cleared(Ok(false)), T0 + 35);
    assert_eq!(
        app.status,
        Some(Status::Info(text::clipboard_changed().to_owned()))
    );
}

#[test]
fn a_failed_copy_says_why_and_schedules_nothing() {
    english();
    let mut app = unlocked_app(vec![totp("GitHub", "alice", 30)]);
    command(&mut app, Command::Copy, T0);
    app.update(
        Action::Copied {
            label: "GitHub:alice".into(),
            code: Hidden::from("123456"),
            result: Err("no clipboard is reachable".into()),
        },
        T0,
    );
    assert!(app.pending_clear.is_none());
    assert_eq!(
        app.status,
        Some(Status::Error("no clipboard is reachable".into()))
    );
}

#[test]
fn hotp_generates_through_the_vault_then_shows_and_copies_the_code() {
    english();
    let mut app = unlocked_app(vec![hotp("Bank", "card", 7)]);
    let effects = command(&mut app, Command::Copy, T0);
    assert!(matches!(
        effects.as_slice(),
        [Effect::Vault(Job::Update { change: Change::NextHotp { label }, .. })] if label == "Bank:card"
    ));
    let used = hotp("Bank", "card", 7).code_at(0).code().clone();
    let effects = app.update(
        Action::Job(JobResult::Saved(
            store(vec![hotp("Bank", "card", 8)]),
            Done::Hotp {
                label: "Bank:card".into(),
                code: used.clone(),
            },
        )),
        T0,
    );
    assert!(
        matches!(effects.as_slice(), [Effect::Copy { code, .. }] if code.as_str() == used.as_str())
    );
    assert_eq!(
        unlocked(&app).hotp.as_ref().map(|h| h.code.as_str()),
        Some(used.as_str())
    );
    app.update(Action::Tick, T0 + HOTP_SHOWN_SECS);
    assert!(unlocked(&app).hotp.is_none());
}

#[test]
fn auto_lock_drops_the_secrets_after_idle_time_and_input_postpones_it() {
    english();
    let mut app = unlocked_app(vec![totp("GitHub", "alice", 30)]);
    assert!(app.update(Action::Tick, T0 + 299).is_empty());
    command(&mut app, Command::Down, T0 + 299);
    assert!(app.update(Action::Tick, T0 + 598).is_empty());
    assert!(matches!(app.screen, Screen::Unlocked(_)));
    let effects = app.update(Action::Tick, T0 + 599);
    assert!(matches!(effects.as_slice(), [Effect::CheckLockout]));
    let Screen::Locked(locked) = &app.screen else {
        panic!()
    };
    assert!(locked.message.as_deref().unwrap().contains("5 min"));

    let mut app = unlocked_app(vec![]);
    app.config.auto_lock_secs = 0;
    assert!(app.update(Action::Tick, T0 + 100_000).is_empty());
    assert!(matches!(app.screen, Screen::Unlocked(_)));
    command(&mut app, Command::Lock, T0 + 100_000);
    assert!(matches!(app.screen, Screen::Locked(_)));
}

fn qr_shown(app: &App) -> &QrShown {
    match &unlocked(app).modal {
        Some(Modal::Qr(shown)) => shown,
        other => panic!("no QR code shown: {other:?}"),
    }
}

#[test]
fn a_qr_code_is_shown_after_a_question_and_any_key_closes_it() {
    english();
    let accounts = vec![totp("GitHub", "alice", 30), totp("KISTI", "jklee", 60)];
    let mut app = unlocked_app(accounts.clone());
    command(&mut app, Command::Down, T0);
    // The question names the account; nothing is drawn yet and nothing goes out.
    assert!(command(&mut app, Command::ShowQr, T0).is_empty());
    assert!(matches!(
        &unlocked(&app).modal,
        Some(Modal::ConfirmQr { label }) if label == "KISTI:jklee"
    ));
    assert_eq!(app.context(), Context::Confirm);
    // No closes the question.
    command(&mut app, Command::Back, T0);
    assert!(unlocked(&app).modal.is_none());

    command(&mut app, Command::ShowQr, T0);
    assert!(command(&mut app, Command::Yes, T0).is_empty());
    assert_eq!(app.context(), Context::Qr);
    let shown = qr_shown(&app);
    assert_eq!(shown.label, "KISTI:jklee");
    assert_eq!(shown.until, T0 + QR_SHOWN_SECS);
    // The drawing is the selected account's link, secret included.
    let expected = crate::qr::render_lines(&accounts[1].to_uri()).unwrap();
    assert_eq!(shown.drawing.lines(), expected.lines());
    assert!(accounts[1].to_uri().contains(SECRET));
    // The state's Debug output shows neither the secret nor the drawing.
    let debug = format!("{app:?}");
    assert!(!debug.contains(SECRET) && !debug.contains('█'), "{debug}");
    // Esc (the key map sends Back for any key) closes it, back to the list.
    command(&mut app, Command::Back, T0 + 1);
    assert!(unlocked(&app).modal.is_none());
    assert_eq!(app.context(), Context::List);
    assert_eq!(unlocked(&app).selected, 1);

    // With no account there is nothing to show.
    let mut app = unlocked_app(vec![]);
    command(&mut app, Command::ShowQr, T0);
    assert!(unlocked(&app).modal.is_none());
    assert_eq!(
        app.status,
        Some(Status::Info(text::nothing_to_show().to_owned()))
    );
}

#[test]
fn a_qr_code_closes_by_itself_and_locking_drops_it() {
    english();
    let mut app = unlocked_app(vec![totp("GitHub", "alice", 30)]);
    command(&mut app, Command::ShowQr, T0);
    command(&mut app, Command::Yes, T0);
    app.update(Action::Tick, T0 + QR_SHOWN_SECS - 1);
    qr_shown(&app);
    app.update(Action::Tick, T0 + QR_SHOWN_SECS);
    assert!(unlocked(&app).modal.is_none());
    assert_eq!(
        app.status,
        Some(Status::Info(text::qr_closed_after(QR_SHOWN_SECS)))
    );

    // The auto-lock drops it with the rest, even before its own time is up.
    let mut app = unlocked_app(vec![totp("GitHub", "alice", 30)]);
    app.config.auto_lock_secs = 30;
    command(&mut app, Command::ShowQr, T0);
    command(&mut app, Command::Yes, T0);
    let effects = app.update(Action::Tick, T0 + 30);
    assert!(matches!(effects.as_slice(), [Effect::CheckLockout]));
    assert!(matches!(app.screen, Screen::Locked(_)));
    assert_eq!(app.context(), Context::Pin);
    assert!(!format!("{app:?}").contains("QrShown"));
}

#[test]
fn search_filters_by_label_and_esc_clears_it_and_never_quits() {
    english();
    let mut app = unlocked_app(vec![
        totp("GitHub", "alice", 30),
        totp("GitLab", "alice", 30),
        totp("Bank", "bob", 60),
    ]);
    command(&mut app, Command::Search, T0);
    assert_eq!(app.context(), Context::Search);
    for c in "BAN".chars() {
        app.update(Action::Char(c), T0);
    }
    assert_eq!(unlocked(&app).visible(), [2]);
    command(&mut app, Command::Backspace, T0);
    command(&mut app, Command::Backspace, T0);
    // "b" is in GitHub, GitLab and Bank.
    assert_eq!(unlocked(&app).visible(), [0, 1, 2]);
    command(&mut app, Command::Submit, T0);
    assert_eq!(app.context(), Context::List);
    assert_eq!(app.escape(), Escape::Clear);
    assert!(command(&mut app, Command::Back, T0).is_empty());
    assert_eq!(unlocked(&app).visible().len(), 3);
    // Issue 15, item 4: with no search, Esc does nothing; q quits.
    assert_eq!(app.escape(), Escape::Nothing);
    assert!(command(&mut app, Command::Back, T0).is_empty());
    assert!(!app.quitting);
    assert_eq!(app.context(), Context::List);
    assert!(matches!(
        command(&mut app, Command::Quit, T0).as_slice(),
        [Effect::Quit]
    ));
}

/// Issue 15, item 4: on the first-run screen Esc clears the digits typed, goes
/// back from the second PIN to the first, and quits only from an empty first
/// step; while the vault is created it does nothing.
#[test]
fn esc_on_the_first_run_clears_then_goes_back_then_quits() {
    english();
    let mut app = App::new(false, "/v/vault.age".into(), Config::default(), T0);
    assert_eq!(app.escape(), Escape::Quit);
    type_digits(&mut app, "25", T0);
    assert_eq!(app.escape(), Escape::Clear);
    assert!(command(&mut app, Command::Back, T0).is_empty());
    let Screen::Setup(setup) = &app.screen else {
        panic!()
    };
    assert!(setup.entry.is_empty() && setup.first.is_none());
    assert!(!app.quitting);

    // The second step: digits are cleared first, then the first PIN is dropped.
    type_digits(&mut app, "258046", T0);
    type_digits(&mut app, "258", T0);
    assert_eq!(app.escape(), Escape::Clear);
    command(&mut app, Command::Back, T0);
    let Screen::Setup(setup) = &app.screen else {
        panic!()
    };
    assert!(setup.entry.is_empty() && setup.first.is_some());
    assert_eq!(app.escape(), Escape::Back);
    assert!(command(&mut app, Command::Back, T0).is_empty());
    let Screen::Setup(setup) = &app.screen else {
        panic!()
    };
    assert!(setup.first.is_none());
    assert!(!app.quitting);
    // Back on the first step the new PIN is asked twice again.
    type_digits(&mut app, "258046", T0);
    assert!(matches!(&app.screen, Screen::Setup(s) if s.first.is_some()));
    command(&mut app, Command::Back, T0);

    assert_eq!(app.escape(), Escape::Quit);
    assert!(matches!(
        command(&mut app, Command::Back, T0).as_slice(),
        [Effect::Quit]
    ));

    // While the vault is created, Esc does nothing.
    let mut app = App::new(false, "/v/vault.age".into(), Config::default(), T0);
    type_digits(&mut app, "258046258046", T0);
    assert!(matches!(app.busy, Some(Busy::Creating(_))));
    assert_eq!(app.escape(), Escape::Nothing);
    assert!(command(&mut app, Command::Back, T0).is_empty());
    assert!(!app.quitting && !app.quit_when_idle);
}

/// Issue 15, item 4: on the unlock screen and in the change-PIN dialog, Esc
/// clears the digits typed before it quits or closes; while unlocking it does
/// nothing.
#[test]
fn esc_on_the_unlock_screen_and_the_pin_dialog_clears_the_digits_first() {
    english();
    let mut app = locked_app();
    type_digits(&mut app, "12", T0);
    assert_eq!(app.escape(), Escape::Clear);
    assert!(command(&mut app, Command::Back, T0).is_empty());
    assert!(!app.quitting);
    assert!(locked_screen(&app).entry.is_empty());
    assert_eq!(app.escape(), Escape::Quit);
    assert!(matches!(
        command(&mut app, Command::Back, T0).as_slice(),
        [Effect::Quit]
    ));

    let mut app = locked_app();
    type_digits(&mut app, "258046", T0);
    assert!(matches!(app.busy, Some(Busy::Unlocking(_))));
    assert_eq!(app.escape(), Escape::Nothing);
    assert!(command(&mut app, Command::Back, T0).is_empty());
    assert!(!app.quitting);

    let mut app = unlocked_app(vec![totp("GitHub", "alice", 30)]);
    command(&mut app, Command::ChangePin, T0);
    assert_eq!(app.escape(), Escape::Back);
    type_digits(&mut app, "25", T0);
    assert_eq!(app.escape(), Escape::Clear);
    command(&mut app, Command::Back, T0);
    assert!(matches!(&unlocked(&app).modal, Some(Modal::ChangePin(c)) if c.entry.is_empty()));
    command(&mut app, Command::Back, T0);
    assert!(unlocked(&app).modal.is_none());
    assert!(!app.quitting);
}

#[test]
fn adding_uses_the_cli_validation_and_the_account_limit() {
    english();
    let mut app = unlocked_app(vec![totp("GitHub", "alice", 30)]);
    command(&mut app, Command::Add, T0);
    assert_eq!(app.context(), Context::Form);
    for c in "alice".chars() {
        app.update(Action::Char(c), T0);
    }
    command(&mut app, Command::NextField, T0);
    app.update(Action::Paste(Hidden::from("GitHub")), T0);
    command(&mut app, Command::NextField, T0);
    app.update(Action::Paste(Hidden::from("JBSW Y3D0\n")), T0);
    assert!(command(&mut app, Command::Submit, T0).is_empty());
    let Some(Modal::Add(form)) = &unlocked(&app).modal else {
        panic!()
    };
    assert_eq!(
        form.error,
        Some(crate::i18n::Localize::localize(
            &SecretKey::parse_base32("JBSW Y3D0").unwrap_err()
        ))
    );
    command(&mut app, Command::ClearField, T0);
    app.update(Action::Paste(Hidden::from(SECRET)), T0);
    // Same label as an existing account: refused before any vault work.
    assert!(command(&mut app, Command::Submit, T0).is_empty());
    let Some(Modal::Add(form)) = &unlocked(&app).modal else {
        panic!()
    };
    assert!(form.error.as_deref().unwrap().contains("already exists"));

    command(&mut app, Command::PrevField, T0);
    app.update(Action::Char('2'), T0);
    let effects = command(&mut app, Command::Submit, T0);
    assert!(matches!(
        effects.as_slice(),
        [Effect::Vault(Job::Update { change: Change::Add { account, limit: 10 }, .. })] if account.label() == "GitHub2:alice"
    ));
    app.update(
        Action::Job(JobResult::Saved(
            store(vec![
                totp("GitHub", "alice", 30),
                totp("GitHub2", "alice", 30),
            ]),
            Done::Added("GitHub2:alice".into()),
        )),
        T0,
    );
    assert!(unlocked(&app).modal.is_none());
    assert_eq!(unlocked(&app).selected, 1);

    let mut full = unlocked_app((0..10).map(|i| totp("X", &i.to_string(), 30)).collect());
    command(&mut full, Command::Add, T0);
    assert!(unlocked(&full).modal.is_none());
    assert!(matches!(&full.status, Some(Status::Error(m)) if m.contains("at most 10")));
}

#[test]
fn rename_and_delete_name_the_account_by_label() {
    english();
    let mut app = unlocked_app(vec![totp("GitHub", "alice", 30), totp("Bank", "bob", 60)]);
    command(&mut app, Command::Last, T0);
    command(&mut app, Command::Rename, T0);
    command(&mut app, Command::ClearField, T0);
    for c in "robert".chars() {
        app.update(Action::Char(c), T0);
    }
    let effects = command(&mut app, Command::Submit, T0);
    assert!(matches!(
        effects.as_slice(),
        [Effect::Vault(Job::Update { change: Change::Rename { label, name, issuer }, .. })]
            if label == "Bank:bob" && name == "robert" && issuer.as_deref() == Some("Bank")
    ));
    app.update(
        Action::Job(JobResult::Failed(Failure::Other("disk full".into()))),
        T0,
    );
    let Some(Modal::Rename(form)) = &unlocked(&app).modal else {
        panic!()
    };
    assert_eq!(form.error.as_deref(), Some("disk full"));
    command(&mut app, Command::Back, T0);

    command(&mut app, Command::Delete, T0);
    assert_eq!(app.context(), Context::Confirm);
    assert!(command(&mut app, Command::Back, T0).is_empty());
    assert!(unlocked(&app).modal.is_none());
    command(&mut app, Command::Delete, T0);
    let effects = command(&mut app, Command::Yes, T0);
    assert!(matches!(
        effects.as_slice(),
        [Effect::Vault(Job::Update { change: Change::Remove { label }, .. })] if label == "Bank:bob"
    ));
}

#[test]
fn settings_step_through_choices_and_save_the_config() {
    english();
    let mut app = unlocked_app(vec![]);
    command(&mut app, Command::Settings, T0);
    assert_eq!(app.context(), Context::Settings);
    let effects = command(&mut app, Command::Right, T0);
    assert!(matches!(effects.as_slice(), [Effect::SaveConfig(c)] if c.clipboard_clear_secs == 45));
    command(&mut app, Command::Down, T0);
    let effects = command(&mut app, Command::Left, T0);
    assert!(matches!(effects.as_slice(), [Effect::SaveConfig(c)] if c.auto_lock_secs == 120));
    assert_eq!(step_choice(&LOCK_CHOICES, 3600, true), 0);
    assert_eq!(step_choice(&LOCK_CHOICES, 0, true), 0);
    assert_eq!(step_choice(&CLEAR_CHOICES, 25, true), 30);
    assert_eq!(step_choice(&CLEAR_CHOICES, 25, false), 20);
    command(&mut app, Command::Back, T0);
    assert_eq!(app.context(), Context::List);
}

fn change_pin_dialog(app: &App) -> &ChangePin {
    match &unlocked(app).modal {
        Some(Modal::ChangePin(change)) => change,
        other => panic!("no change-PIN dialog: {other:?}"),
    }
}

/// What the worker's check of `pin` opens in a real vault (created with `pin`).
pub fn opened_by(pin: &str) -> crate::vault::Opened {
    let dir = tempfile::tempdir().unwrap();
    let vault = crate::vault::Vault::new(dir.path().join("vault.age"));
    let pin = Pin::for_unlock(pin).unwrap();
    vault.create(&pin, 10, b"version = 1").unwrap();
    vault.open(&pin, T0).unwrap()
}

#[test]
fn change_pin_checks_the_current_pin_on_the_worker_before_asking_the_new_one() {
    english();
    let mut app = unlocked_app(vec![]);
    command(&mut app, Command::ChangePin, T0);
    assert_eq!(app.context(), Context::Pin);
    // The current PIN goes to the worker at once; the dialog waits for its answer.
    let effects = type_digits(&mut app, "135791", T0);
    assert!(
        matches!(effects.as_slice(), [Effect::Vault(Job::CheckPin { pin })] if same_pin(pin, &Pin::for_unlock("135791").unwrap())),
        "{effects:?}"
    );
    assert!(matches!(app.busy, Some(Busy::CheckingPin(_))));
    assert_eq!(change_pin_dialog(&app).stage, PinStage::Current);
    assert!(type_digits(&mut app, "1", T0).is_empty());
    assert!(change_pin_dialog(&app).entry.is_empty());
    // Wrong: said at once, with the attempts left, and the current PIN asked again.
    app.update(
        Action::Job(JobResult::Failed(Failure::WrongPin { attempts_left: 3 })),
        T0,
    );
    assert!(app.busy.is_none());
    let change = change_pin_dialog(&app);
    assert_eq!(change.stage, PinStage::Current);
    assert!(change.old.is_none());
    let message = change.message.as_deref().unwrap();
    assert!(
        message.to_lowercase().contains("wrong pin") && message.contains("3 attempts left"),
        "{message}"
    );

    // Right: only now the new PIN, twice.
    assert!(matches!(
        type_digits(&mut app, "258046", T0).as_slice(),
        [Effect::Vault(Job::CheckPin { .. })]
    ));
    app.update(Action::Job(JobResult::PinChecked(opened_by("258046"))), T0);
    assert!(app.busy.is_none());
    let change = change_pin_dialog(&app);
    assert_eq!(change.stage, PinStage::New);
    assert!(change.message.is_none());
    type_digits(&mut app, "111111", T0);
    let change = change_pin_dialog(&app);
    assert_eq!(change.stage, PinStage::New);
    assert!(
        change
            .message
            .as_deref()
            .unwrap()
            .contains("repeat one digit")
    );
    type_digits(&mut app, "135790", T0);
    let effects = type_digits(&mut app, "135790", T0);
    // The change re-encrypts what the check opened.
    match effects.as_slice() {
        [Effect::Vault(Job::ChangePin { old, new, .. })] => {
            assert!(same_pin(old, &Pin::for_unlock("258046").unwrap()));
            assert!(same_pin(new, &Pin::for_unlock("135790").unwrap()));
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(app.busy, Some(Busy::ChangingPin(_))));
    app.update(Action::Job(JobResult::PinChanged), T0);
    assert!(unlocked(&app).modal.is_none());
    assert!(same_pin(
        &unlocked(&app).pin,
        &Pin::for_unlock("135790").unwrap()
    ));

    // A change that fails after the check starts over from the current PIN.
    command(&mut app, Command::ChangePin, T0);
    type_digits(&mut app, "135790", T0);
    app.update(Action::Job(JobResult::PinChecked(opened_by("135790"))), T0);
    type_digits(&mut app, "135792", T0);
    type_digits(&mut app, "135792", T0);
    app.update(
        Action::Job(JobResult::Failed(Failure::Other("disk full".into()))),
        T0,
    );
    let change = change_pin_dialog(&app);
    assert_eq!(change.stage, PinStage::Current);
    assert!(change.old.is_none() && change.opened.is_none() && change.new.is_none());
    assert_eq!(change.message.as_deref(), Some("disk full"));

    // The last wrong current PIN locks the app, as on the unlock screen.
    type_digits(&mut app, "000001", T0);
    let effects = app.update(
        Action::Job(JobResult::Failed(Failure::WrongPin { attempts_left: 0 })),
        T0,
    );
    assert!(matches!(effects.as_slice(), [Effect::CheckLockout]));
    assert!(matches!(app.screen, Screen::Locked(_)));
}

#[test]
fn quitting_waits_for_a_save_and_clears_a_pending_clipboard() {
    english();
    let mut app = unlocked_app(vec![totp("GitHub", "alice", 30)]);
    command(&mut app, Command::Copy, T0);
    app.update(
        Action::Copied {
            label: "GitHub:alice".into(),
            code: Hidden::from("123456"),
            result: Ok(Method::Terminal),
        },
        T0,
    );
    command(&mut app, Command::Delete, T0);
    command(&mut app, Command::Yes, T0);
    assert!(command(&mut app, Command::Quit, T0).is_empty());
    assert!(app.quit_when_idle);
    let effects = app.update(
        Action::Job(JobResult::Saved(
            store(vec![]),
            Done::Removed("GitHub:alice".into()),
        )),
        T0,
    );
    assert!(matches!(
        effects.as_slice(),
        [
            Effect::ClearClipboard {
                method: Method::Terminal,
                ..
            },
            Effect::Quit
        ]
    ));
    assert!(app.quitting);
}

#[test]
fn clicking_a_row_selects_and_copies_it() {
    english();
    let accounts = vec![
        totp("A", "one", 30),
        totp("B", "two", 30),
        totp("C", "three", 60),
    ];
    let mut app = unlocked_app(accounts.clone());
    app.update(
        Action::Resize {
            width: 80,
            height: 24,
        },
        T0,
    );
    // Row 0 is the title bar; the list starts on row 1.
    assert!(
        app.update(Action::Click { column: 5, row: 0 }, T0)
            .is_empty()
    );
    let effects = app.update(Action::Click { column: 5, row: 3 }, T0);
    assert!(matches!(effects.as_slice(), [Effect::Copy { label, .. }] if label == "C:three"));
    assert_eq!(unlocked(&app).selected, 2);
    assert!(
        app.update(Action::Click { column: 5, row: 4 }, T0)
            .is_empty()
    );
    app.update(Action::Scroll(true), T0);
    assert_eq!(unlocked(&app).selected, 1);
}

#[test]
fn help_opens_from_the_list_and_the_pin_screen_and_closes() {
    english();
    let mut app = locked_app();
    command(&mut app, Command::Help, T0);
    assert_eq!(app.context(), Context::Help);
    command(&mut app, Command::Down, T0);
    assert_eq!(app.help, Some(1));
    command(&mut app, Command::Back, T0);
    assert_eq!(app.context(), Context::Pin);
    // Quit works from the help too.
    command(&mut app, Command::Help, T0);
    assert!(matches!(
        command(&mut app, Command::Quit, T0).as_slice(),
        [Effect::Quit]
    ));
}

#[test]
fn nothing_in_debug_output_shows_a_secret_a_pin_or_a_code() {
    english();
    let accounts = vec![totp("GitHub", "alice", 30)];
    let mut app = unlocked_app(accounts.clone());
    let code = code_at(&accounts[0], T0);
    let effects = command(&mut app, Command::Copy, T0);
    command(&mut app, Command::ChangePin, T0);
    type_digits(&mut app, "258", T0);
    let shown = format!("{app:?} {effects:?}");
    for secret in [SECRET, "258046", "258", code.as_str()] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
}

// ---- A session agent serves the vault ----

/// The codes an agent would send at `at`: one per time-based account.
pub fn agent_codes(accounts: &[Account], at: u64) -> Vec<CodeReply> {
    accounts
        .iter()
        // What the agent serves: every time-based account (TOTP, Steam).
        .filter(|a| a.kind.period().is_some())
        .map(|a| CodeReply::new(a, &a.code_at(at)))
        .collect()
}

/// When the agents of these tests exit by themselves: 14:30 after `T0`.
pub const AGENT_EXPIRES: u64 = T0 + 870;

/// An app that found an agent at start and got its first codes, at `T0`.
pub fn agent_app(accounts: &[Account]) -> App {
    let mut app = locked_app();
    let effects = app.update(Action::ProbeAgent, T0);
    assert!(matches!(
        effects.as_slice(),
        [Effect::Agent(AgentJob::Connect)]
    ));
    let effects = app.update(
        Action::Agent(AgentResult::Connected {
            accounts: accounts.iter().map(AccountInfo::from).collect(),
            expires_at: AGENT_EXPIRES,
        }),
        T0,
    );
    assert!(
        matches!(
            effects.as_slice(),
            [
                Effect::Agent(AgentJob::Codes { now: T0 }),
                Effect::Agent(AgentJob::WatchPushes(true))
            ]
        ),
        "{effects:?}"
    );
    let effects = app.update(
        Action::Agent(AgentResult::Codes {
            at: T0,
            codes: agent_codes(accounts, T0),
        }),
        T0,
    );
    assert!(effects.is_empty(), "{effects:?}");
    app
}

fn agent_list(app: &App) -> &AgentList {
    match &app.screen {
        Screen::Agent(list) => list,
        other => panic!("not the agent's list: {other:?}"),
    }
}

fn locked_screen(app: &App) -> &Locked {
    match &app.screen {
        Screen::Locked(locked) => locked,
        other => panic!("not locked: {other:?}"),
    }
}

fn status_error(app: &App) -> String {
    match &app.status {
        Some(Status::Error(message)) => message.clone(),
        other => panic!("no error status: {other:?}"),
    }
}

#[test]
fn an_agent_opens_the_list_without_the_pin_and_codes_are_asked_for_each_second() {
    english();
    let accounts = vec![totp("GitHub", "alice", 30), hotp("Bank", "card", 3)];
    let mut app = locked_app();
    app.update(Action::ProbeAgent, T0);
    assert!(matches!(app.busy, Some(Busy::Probing)));
    assert!(app.awaiting_agent());
    // Digits typed while the agent is asked count; the agent's list drops them.
    assert!(type_digits(&mut app, "25", T0).is_empty());
    assert_eq!(locked_screen(&app).entry.len(), 2);
    app.update(
        Action::Agent(AgentResult::Connected {
            accounts: vec![],
            expires_at: AGENT_EXPIRES,
        }),
        T0,
    );
    assert!(matches!(app.screen, Screen::Agent(_)));
    // A whole PIN typed before the answer wins: the answer is then ignored.
    let mut app = locked_app();
    app.update(Action::ProbeAgent, T0);
    let effects = type_digits(&mut app, "258046", T0);
    assert!(matches!(
        effects.as_slice(),
        [Effect::Vault(Job::Unlock { .. })]
    ));
    app.update(
        Action::Agent(AgentResult::Connected {
            accounts: vec![],
            expires_at: AGENT_EXPIRES,
        }),
        T0,
    );
    assert!(matches!(app.busy, Some(Busy::Unlocking(_))));
    assert!(matches!(app.screen, Screen::Locked(_)));

    let mut app = agent_app(&accounts);
    assert!(app.busy.is_none());
    assert_eq!(app.context(), Context::List);
    assert_eq!(
        app.status,
        Some(Status::Info(text::agent_unlocked().to_owned()))
    );
    let list = agent_list(&app);
    assert_eq!(list.accounts.len(), 2);
    assert_eq!(
        list.code_for("GitHub:alice", T0)
            .map(|(c, r)| (c.to_owned(), r)),
        Some((code_at(&accounts[0], T0), 30))
    );
    // One request per second, never two at once.
    assert!(app.update(Action::Tick, T0).is_empty());
    let effects = app.update(Action::Tick, T0 + 1);
    assert!(matches!(
        effects.as_slice(),
        [Effect::Agent(AgentJob::Codes { now }) ] if *now == T0 + 1
    ));
    assert!(app.awaiting_agent());
    assert!(app.update(Action::Tick, T0 + 2).is_empty());
    // The last answer still serves its period, counted down; past it, nothing.
    let list = agent_list(&app);
    assert_eq!(
        list.code_for("GitHub:alice", T0 + 2).map(|(_, r)| r),
        Some(28)
    );
    assert!(list.code_for("GitHub:alice", T0 + 30).is_none());
    assert!(list.code_for("Bank:card", T0).is_none());

    // Enter copies the code the agent sent.
    let effects = command(&mut app, Command::Copy, T0 + 2);
    match effects.as_slice() {
        [Effect::Copy { label, code }] => {
            assert_eq!(label, "GitHub:alice");
            assert_eq!(code.as_str(), code_at(&accounts[0], T0 + 2));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn no_agent_or_an_unusable_one_leaves_the_unlock_screen_working() {
    english();
    let mut app = locked_app();
    app.update(Action::ProbeAgent, T0);
    assert!(
        app.update(Action::Agent(AgentResult::Absent), T0)
            .is_empty()
    );
    assert!(app.busy.is_none());
    assert!(app.status.is_none());
    let effects = type_digits(&mut app, "258046", T0);
    assert!(matches!(
        effects.as_slice(),
        [Effect::Vault(Job::Unlock { .. })]
    ));

    let mut app = locked_app();
    app.update(Action::ProbeAgent, T0);
    app.update(Action::Agent(AgentResult::Unusable("mode 0755".into())), T0);
    let message = locked_screen(&app).message.clone().unwrap_or_default();
    assert!(message.contains("mode 0755"), "{message}");
    // A late answer after the PIN was used changes nothing.
    let mut app = unlocked_app(vec![]);
    app.update(
        Action::Agent(AgentResult::Connected {
            accounts: vec![],
            expires_at: AGENT_EXPIRES,
        }),
        T0,
    );
    assert!(matches!(app.screen, Screen::Unlocked(_)));
}

#[test]
fn the_agent_going_away_falls_back_to_the_unlock_screen_and_says_why() {
    english();
    let accounts = vec![totp("GitHub", "alice", 30)];
    for (failure, expected) in [
        (AgentFailure::Ended, text::agent_ended().to_owned()),
        (
            AgentFailure::Error("it could not read the vault".into()),
            text::agent_error("it could not read the vault"),
        ),
    ] {
        let mut app = agent_app(&accounts);
        app.update(Action::Tick, T0 + 1);
        let effects = app.update(Action::Agent(AgentResult::Failed(failure)), T0 + 1);
        assert!(
            matches!(
                effects.as_slice(),
                [
                    Effect::CheckLockout,
                    Effect::Agent(AgentJob::WatchPushes(false))
                ]
            ),
            "{effects:?}"
        );
        assert_eq!(status_error(&app), text::agent_gone());
        assert_eq!(locked_screen(&app).message, Some(expected));
        assert!(locked_screen(&app).back.is_none());
        assert_eq!(app.context(), Context::Pin);
    }
    // An agent that stops answering is given up after a while.
    let mut app = agent_app(&accounts);
    app.update(Action::Tick, T0 + 1);
    assert!(app.update(Action::Tick, T0 + AGENT_ANSWER_SECS).is_empty());
    app.update(Action::Tick, T0 + 1 + AGENT_ANSWER_SECS);
    assert_eq!(
        locked_screen(&app).message,
        Some(text::agent_silent(AGENT_ANSWER_SECS))
    );
    // Its late answer is ignored.
    app.update(
        Action::Agent(AgentResult::Codes {
            at: T0 + 1,
            codes: agent_codes(&accounts, T0 + 1),
        }),
        T0 + 17,
    );
    assert!(matches!(app.screen, Screen::Locked(_)));
}

#[test]
fn a_changed_account_list_is_read_again() {
    english();
    let accounts = vec![totp("GitHub", "alice", 30)];
    let mut app = agent_app(&accounts);
    app.update(Action::Tick, T0 + 1);
    let more = vec![totp("GitHub", "alice", 30), totp("KISTI", "jklee", 60)];
    let effects = app.update(
        Action::Agent(AgentResult::Codes {
            at: T0 + 1,
            codes: agent_codes(&more, T0 + 1),
        }),
        T0 + 1,
    );
    assert!(matches!(
        effects.as_slice(),
        [Effect::Agent(AgentJob::List)]
    ));
    app.update(
        Action::Agent(AgentResult::Accounts(
            more.iter().map(AccountInfo::from).collect(),
        )),
        T0 + 1,
    );
    let list = agent_list(&app);
    assert_eq!(list.accounts.len(), 2);
    assert!(list.code_for("KISTI:jklee", T0 + 1).is_some());
}

#[test]
fn hotp_through_the_agent_generates_shows_and_copies_the_code() {
    english();
    let accounts = vec![totp("GitHub", "alice", 30), hotp("Bank", "card", 3)];
    let mut app = agent_app(&accounts);
    command(&mut app, Command::Down, T0);
    let effects = command(&mut app, Command::Copy, T0);
    assert!(matches!(
        effects.as_slice(),
        [Effect::Agent(AgentJob::Code { label, now: T0 })] if label == "Bank:card"
    ));
    assert!(matches!(app.busy, Some(Busy::AgentCode(T0))));
    let reply = CodeReply::new(&accounts[1], &accounts[1].code_at(0));
    let effects = app.update(
        Action::Agent(AgentResult::Code {
            label: "Bank:card".into(),
            code: reply,
        }),
        T0 + 1,
    );
    assert!(app.busy.is_none());
    let expected = code_at(&accounts[1], 0);
    assert!(
        matches!(effects.as_slice(), [Effect::Copy { label, code }, ..] if label == "Bank:card" && code.as_str() == expected),
        "{effects:?}"
    );
    let shown = agent_list(&app).hotp.as_ref().unwrap();
    assert_eq!(shown.code.as_str(), expected);
    app.update(
        Action::Agent(AgentResult::Codes {
            at: T0 + 60,
            codes: agent_codes(&accounts, T0 + 60),
        }),
        T0 + 60,
    );
    app.update(Action::Tick, T0 + 61);
    assert!(agent_list(&app).hotp.is_none());
}

#[test]
fn changes_in_the_agent_list_ask_for_the_pin_then_carry_on_in_the_unlocked_list() {
    english();
    let accounts = vec![totp("GitHub", "alice", 30), totp("KISTI", "jklee", 60)];
    let mut app = agent_app(&accounts);
    command(&mut app, Command::Down, T0);
    let effects = command(&mut app, Command::Delete, T0);
    assert!(matches!(
        effects.as_slice(),
        [
            Effect::CheckLockout,
            Effect::Agent(AgentJob::WatchPushes(false))
        ]
    ));
    let locked = locked_screen(&app);
    assert_eq!(
        locked.then,
        Some(Pending {
            command: Command::Delete,
            label: Some("KISTI:jklee".into())
        })
    );
    assert_eq!(
        locked.message.as_deref(),
        Some(text::pin_for_change(Command::Delete).as_str())
    );
    // No code is kept behind the unlock screen.
    assert!(locked.back.as_ref().unwrap().codes.is_empty());
    // Esc clears a digit typed first (issue 15, item 4), then goes back to the
    // agent's list, which asks for codes again.
    type_digits(&mut app, "2", T0 + 1);
    assert_eq!(app.escape(), Escape::Clear);
    assert!(command(&mut app, Command::Back, T0 + 1).is_empty());
    assert!(locked_screen(&app).entry.is_empty());
    assert_eq!(app.escape(), Escape::Back);
    let effects = command(&mut app, Command::Back, T0 + 1);
    assert!(!app.quitting);
    assert!(matches!(
        effects.as_slice(),
        [
            Effect::Agent(AgentJob::Codes { .. }),
            Effect::Agent(AgentJob::WatchPushes(true))
        ]
    ));
    assert_eq!(agent_list(&app).selected, 1);

    // Delete again, type the PIN: the vault opens and the question is asked.
    command(&mut app, Command::Delete, T0 + 1);
    let effects = type_digits(&mut app, "258046", T0 + 1);
    assert!(matches!(
        effects.as_slice(),
        [Effect::Vault(Job::Unlock { .. })]
    ));
    app.update(
        Action::Job(JobResult::Unlocked(store(accounts.clone()))),
        T0 + 2,
    );
    assert!(matches!(
        &unlocked(&app).modal,
        Some(Modal::ConfirmDelete { label }) if label == "KISTI:jklee"
    ));

    // Adding opens the form after the PIN; renaming an account gone meanwhile says so.
    let mut app = agent_app(&accounts);
    command(&mut app, Command::Add, T0);
    type_digits(&mut app, "258046", T0);
    app.update(
        Action::Job(JobResult::Unlocked(store(accounts.clone()))),
        T0,
    );
    assert!(matches!(unlocked(&app).modal, Some(Modal::Add(_))));
    let mut app = agent_app(&accounts);
    command(&mut app, Command::Rename, T0);
    type_digits(&mut app, "258046", T0);
    app.update(
        Action::Job(JobResult::Unlocked(store(vec![accounts[1].clone()]))),
        T0,
    );
    assert!(unlocked(&app).modal.is_none());
    assert_eq!(status_error(&app), text::account_gone("GitHub:alice"));
    // Changing the PIN asks for the PIN to open the vault first, then the dialog.
    let mut app = agent_app(&accounts);
    command(&mut app, Command::ChangePin, T0);
    type_digits(&mut app, "258046", T0);
    app.update(
        Action::Job(JobResult::Unlocked(store(accounts.clone()))),
        T0,
    );
    assert!(matches!(unlocked(&app).modal, Some(Modal::ChangePin(_))));
}

#[test]
fn a_qr_code_from_the_agent_list_needs_the_pin_then_asks_as_usual() {
    english();
    let accounts = vec![totp("GitHub", "alice", 30), totp("KISTI", "jklee", 60)];
    let mut app = agent_app(&accounts);
    command(&mut app, Command::Down, T0);
    let effects = command(&mut app, Command::ShowQr, T0);
    assert!(matches!(
        effects.as_slice(),
        [
            Effect::CheckLockout,
            Effect::Agent(AgentJob::WatchPushes(false))
        ]
    ));
    let locked = locked_screen(&app);
    assert_eq!(
        locked.then,
        Some(Pending {
            command: Command::ShowQr,
            label: Some("KISTI:jklee".into())
        })
    );
    let message = locked.message.clone().unwrap();
    assert_eq!(message, text::pin_for_change(Command::ShowQr));
    assert!(message.contains("never a secret"), "{message}");
    type_digits(&mut app, "258046", T0);
    app.update(
        Action::Job(JobResult::Unlocked(store(accounts.clone()))),
        T0 + 1,
    );
    assert!(matches!(
        &unlocked(&app).modal,
        Some(Modal::ConfirmQr { label }) if label == "KISTI:jklee"
    ));
}

#[test]
fn auto_lock_and_l_in_the_agent_list_drop_the_codes_and_say_the_agent_runs_on() {
    english();
    let accounts = vec![totp("GitHub", "alice", 30)];
    let mut app = agent_app(&accounts);
    command(&mut app, Command::Down, T0 + 10);
    app.update(
        Action::Agent(AgentResult::Codes {
            at: T0 + 10,
            codes: agent_codes(&accounts, T0 + 10),
        }),
        T0 + 10,
    );
    let effects = app.update(Action::Tick, T0 + 310);
    // No request to end the agent: only the unlock screen's lockout check.
    assert!(
        matches!(
            effects.as_slice(),
            [
                Effect::CheckLockout,
                Effect::Agent(AgentJob::WatchPushes(false))
            ]
        ),
        "{effects:?}"
    );
    let locked = locked_screen(&app);
    assert_eq!(locked.message, Some(text::locked_idle_agent(300)));
    assert!(locked.back.is_none() && locked.then.is_none());
    // Esc now quits: the PIN is the way back in.
    command(&mut app, Command::Back, T0 + 311);
    assert!(app.quitting);

    let mut app = agent_app(&accounts);
    command(&mut app, Command::Lock, T0);
    assert_eq!(
        locked_screen(&app).message.as_deref(),
        Some(text::locked_agent_still_runs().as_str())
    );
}

#[test]
fn the_agent_list_searches_opens_settings_and_its_debug_output_hides_codes() {
    english();
    let accounts = vec![totp("GitHub", "alice", 30), totp("KISTI", "jklee", 60)];
    let mut app = agent_app(&accounts);
    command(&mut app, Command::Search, T0);
    assert_eq!(app.context(), Context::Search);
    app.update(Action::Char('k'), T0);
    assert_eq!(agent_list(&app).visible(), vec![1]);
    command(&mut app, Command::Back, T0);
    assert_eq!(agent_list(&app).visible(), vec![0, 1]);
    // Issue 15, item 4: with no search, Esc does nothing in the agent's list.
    assert_eq!(app.escape(), Escape::Nothing);
    assert!(command(&mut app, Command::Back, T0).is_empty());
    assert!(!app.quitting);
    assert!(matches!(app.screen, Screen::Agent(_)));
    command(&mut app, Command::Settings, T0);
    assert_eq!(app.context(), Context::Settings);
    let effects = command(&mut app, Command::Right, T0);
    assert!(matches!(effects.as_slice(), [Effect::SaveConfig(_)]));
    command(&mut app, Command::Back, T0);
    assert_eq!(app.context(), Context::List);
    let shown = format!("{app:?}");
    for account in &accounts {
        let code = code_at(account, T0);
        assert!(!shown.contains(&code), "{code} in {shown}");
    }
}

/// The add form switched to the customer-code source, the customer field focused.
fn customer_form_app(accounts: Vec<Account>) -> App {
    let mut app = unlocked_app(accounts);
    command(&mut app, Command::Add, T0);
    command(&mut app, Command::PrevField, T0);
    command(&mut app, Command::Left, T0);
    command(&mut app, Command::NextField, T0);
    app
}

fn add_form(app: &App) -> &AddForm {
    match &unlocked(app).modal {
        Some(Modal::Add(form)) => form,
        other => panic!("no add form: {other:?}"),
    }
}

fn organisation() -> Organisation {
    Organisation {
        customer: "1106".into(),
        name: "Acme".into(),
        server: "http://127.0.0.1:9/".into(),
        code_digits: 6,
    }
}

#[test]
fn customer_code_is_looked_up_on_the_worker_and_the_name_shown() {
    english();
    let mut app = customer_form_app(vec![]);
    assert_eq!(add_form(&app).focused(), Field::Customer);
    // Letters and digits, 4 to 8; fewer is refused without a look-up.
    type_digits(&mut app, "11", T0);
    assert!(command(&mut app, Command::Submit, T0).is_empty());
    assert_eq!(
        add_form(&app).error.as_deref(),
        Some(text::customer_four_digits().as_str())
    );
    app.update(Action::Paste(Hidden::from("0-6")), T0);
    assert_eq!(add_form(&app).customer, "1106");
    let effects = command(&mut app, Command::Submit, T0);
    assert!(matches!(
        effects.as_slice(),
        [Effect::Vault(Job::LookupCustomer { customer, .. })] if customer == "1106"
    ));
    assert!(matches!(app.busy, Some(Busy::LookingUp)));
    // Typing waits while the server is asked.
    type_digits(&mut app, "9", T0);
    assert_eq!(add_form(&app).customer, "1106");
    app.update(Action::Job(JobResult::Customer(organisation())), T0);
    assert!(app.busy.is_none());
    let form = add_form(&app);
    assert_eq!(form.organisation, Some(organisation()));
    assert_eq!(form.focused(), Field::UserId);
    assert_eq!(
        form.fields(),
        [
            Field::Source,
            Field::Customer,
            Field::UserId,
            Field::Activation
        ]
    );
    // Changing the code forgets the organisation.
    command(&mut app, Command::PrevField, T0);
    command(&mut app, Command::Backspace, T0);
    assert!(add_form(&app).organisation.is_none());
}

/// An i-ONE PASS-style organisation: an agency code of letters and digits, typed
/// in any case, and 5-digit issuance codes, which the form asks for by length.
#[test]
fn agency_codes_and_five_digit_issuance_codes() {
    english();
    let mut app = customer_form_app(vec![]);
    app.update(Action::Paste(Hidden::from("u1034-kisti!")), T0);
    assert_eq!(add_form(&app).customer, "U1034KIS");
    for _ in 0..3 {
        command(&mut app, Command::Backspace, T0);
    }
    let effects = command(&mut app, Command::Submit, T0);
    assert!(matches!(
        effects.as_slice(),
        [Effect::Vault(Job::LookupCustomer { customer, .. })] if customer == "U1034"
    ));
    let agency = Organisation {
        customer: "U1034".into(),
        name: "Hana".into(),
        server: "http://127.0.0.1:9/".into(),
        code_digits: 5,
    };
    app.update(Action::Job(JobResult::Customer(agency)), T0);
    let form = add_form(&app);
    assert_eq!(form.label(Field::Activation), "Activation code (5 digits)");
    assert_eq!(form.label(Field::UserId), Field::UserId.label());
    app.update(Action::Paste(Hidden::from("jklee")), T0);
    command(&mut app, Command::NextField, T0);
    // At most 5 digits go in; 4 are refused with the length said.
    type_digits(&mut app, "4821", T0);
    assert!(command(&mut app, Command::Submit, T0).is_empty());
    assert_eq!(
        add_form(&app).error.as_deref(),
        Some("The activation code has 5 digits.")
    );
    type_digits(&mut app, "39", T0);
    assert_eq!(add_form(&app).secret_len(Field::Activation), 5);
    let effects = command(&mut app, Command::Submit, T0);
    assert!(matches!(
        effects.as_slice(),
        [Effect::Vault(Job::Enroll { customer, code_digits: 5, activation_code, .. })]
            if customer == "U1034" && activation_code.as_str() == "48213"
    ));
}

#[cfg(feature = "enroll")]
#[test]
fn a_failed_look_up_shows_the_clis_sentence_in_the_form() {
    english();
    let mut app = customer_form_app(vec![]);
    type_digits(&mut app, "4242", T0);
    command(&mut app, Command::Submit, T0);
    let message = crate::enroll::EnrollError::Server(crate::api::ErrorCode::Ce1001).to_string();
    app.update(
        Action::Job(JobResult::Failed(Failure::Other(message.clone()))),
        T0,
    );
    let form = add_form(&app);
    assert_eq!(form.error.as_deref(), Some(message.as_str()));
    assert!(message.starts_with("CE1001: "));
    assert!(form.organisation.is_none());
}

/// A customer form with the organisation found and the ID typed.
fn ready_to_enroll(accounts: Vec<Account>) -> App {
    let mut app = customer_form_app(accounts);
    type_digits(&mut app, "1106", T0);
    command(&mut app, Command::Submit, T0);
    app.update(Action::Job(JobResult::Customer(organisation())), T0);
    app.update(Action::Paste(Hidden::from("alice")), T0);
    command(&mut app, Command::NextField, T0);
    app
}

#[test]
fn enrolling_runs_on_the_worker_then_shows_the_account_in_the_list() {
    english();
    let mut app = ready_to_enroll(vec![totp("GitHub", "bob", 30)]);
    type_digits(&mut app, "12345", T0);
    assert!(command(&mut app, Command::Submit, T0).is_empty());
    assert_eq!(
        add_form(&app).error.as_deref(),
        Some(text::activation_six_digits(6).as_str())
    );
    type_digits(&mut app, "6 7", T0);
    assert_eq!(add_form(&app).secret_len(Field::Activation), 6);
    let effects = command(&mut app, Command::Submit, T0);
    match effects.as_slice() {
        [
            Effect::Vault(Job::Enroll {
                customer,
                server,
                user_id,
                activation_code,
                limit: 10,
                ..
            }),
        ] => {
            assert_eq!(customer, "1106");
            assert_eq!(server, "http://127.0.0.1:9/");
            assert_eq!(user_id, "alice");
            assert_eq!(activation_code.as_str(), "123456");
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(app.busy, Some(Busy::Enrolling)));
    app.update(
        Action::Job(JobResult::Saved(
            store(vec![totp("GitHub", "bob", 30), totp("Acme", "alice", 60)]),
            Done::Enrolled {
                label: "Acme:alice".into(),
                replaced: false,
            },
        )),
        T0,
    );
    assert!(unlocked(&app).modal.is_none());
    assert_eq!(
        unlocked(&app).selected_account().map(Account::label),
        Some("Acme:alice".to_owned())
    );
    assert_eq!(
        app.status,
        Some(Status::Info(text::enrolled("Acme:alice", false)))
    );
}

#[test]
fn a_failed_enrollment_shows_the_error_and_keeps_the_form() {
    english();
    let mut app = ready_to_enroll(vec![]);
    type_digits(&mut app, "123456", T0);
    command(&mut app, Command::Submit, T0);
    let message = "SE4003: the activation code is wrong".to_owned();
    app.update(
        Action::Job(JobResult::Failed(Failure::Other(message.clone()))),
        T0,
    );
    assert!(app.busy.is_none());
    assert_eq!(add_form(&app).error, Some(message));
    assert!(unlocked(&app).store.is_empty());

    // A full vault is refused before the activation code is used.
    let mut full = ready_to_enroll(vec![]);
    full.config.max_accounts = 0;
    type_digits(&mut full, "123456", T0);
    assert!(command(&mut full, Command::Submit, T0).is_empty());
    assert!(
        add_form(&full)
            .error
            .as_deref()
            .unwrap()
            .contains("at most 0")
    );
}

#[test]
fn a_refused_activation_code_is_emptied_and_the_rest_of_the_form_kept() {
    english();
    let mut app = ready_to_enroll(vec![]);
    type_digits(&mut app, "123456", T0);
    command(&mut app, Command::Submit, T0);
    let refused = crate::enroll::EnrollError::WrongActivationCode { tries_left: 4 };
    let message = crate::i18n::Localize::localize(&refused);
    app.update(
        Action::Job(JobResult::Failed(Failure::ActivationRefused(
            message.clone(),
        ))),
        T0,
    );
    assert!(app.busy.is_none());
    let form = add_form(&app);
    assert_eq!(form.secret_len(Field::Activation), 0);
    assert_eq!(form.focused(), Field::Activation);
    assert_eq!(form.customer, "1106");
    assert_eq!(form.user_id, "alice");
    assert_eq!(form.organisation, Some(organisation()));
    assert_eq!(form.error.as_deref(), Some(message.as_str()));
    assert!(
        message.starts_with("SE3010: ") && message.contains("4 tries left"),
        "{message}"
    );
    // The next code is typed straight into the emptied field and enrolls again.
    type_digits(&mut app, "654321", T0);
    let effects = command(&mut app, Command::Submit, T0);
    assert!(
        matches!(effects.as_slice(), [Effect::Vault(Job::Enroll { activation_code, user_id, .. })]
            if activation_code.as_str() == "654321" && user_id == "alice"),
        "{effects:?}"
    );
}

#[test]
fn the_activation_code_is_masked_and_never_in_debug_output() {
    english();
    let mut app = ready_to_enroll(vec![]);
    type_digits(&mut app, "975318", T0);
    let form = add_form(&app);
    assert!(Field::Activation.is_secret());
    assert_eq!(form.value(Field::Activation), "");
    assert!(!format!("{app:?}").contains("975318"));
    let effects = command(&mut app, Command::Submit, T0);
    assert!(!format!("{effects:?}").contains("975318"));
}

/// A login request for `account` as a poller hands it out.
pub fn push_request(
    account: &str,
    id: &str,
    service: &str,
    text: &str,
) -> crate::agent::protocol::PushInfo {
    crate::agent::protocol::PushInfo {
        request_id: id.into(),
        account: account.into(),
        user_id: "jklee".into(),
        context: crate::api::push::PushContext {
            service: Some(service.into()),
            client_ip: Some("203.0.113.7".into()),
            text: Some(text.into()),
        },
        numbers: vec!["47".into(), "12".into(), "90".into()],
        expires_in: 55,
    }
}

/// The requests waiting for `account` arrive at `now`.
pub fn push_arrives(
    app: &mut App,
    account: &str,
    requests: Vec<crate::agent::protocol::PushInfo>,
    now: u64,
) -> Vec<Effect> {
    app.update(
        Action::Push(crate::tui::message::PushEvent::Pending {
            account: Some(account.into()),
            requests,
        }),
        now,
    )
}
