//! Snapshots of every screen at a fixed time, small (40×12) and large (100×30), drawn
//! by `impl Widget for &App` into ratatui's `TestBackend`; and no panic at any size.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;

use super::app::tests::{
    T0, agent_app, agent_codes, hotp, locked_app, opened_by, push_arrives, push_request, steam,
    store, totp, unlocked_app,
};
use super::app::{App, Modal, Screen, Status};
use super::form::{AddForm, Source};
use super::message::{
    Action, AgentFailure, AgentResult, Command, Done, Failure, Hidden, JobResult, Organisation,
};
use crate::accounts::Account;
use crate::clipboard::Method;
use crate::config::Config;
use crate::i18n::Lang;
use crate::tui::text;
use crate::vault::LockoutStatus;

const SIZES: [(u16, u16); 2] = [(40, 12), (100, 30)];

fn draw(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    let now = app.now;
    app.update(Action::Resize { width, height }, now);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(&*app, frame.area()))
        .unwrap();
    terminal
}

fn snapshot(name: &str, app: &mut App) {
    for (width, height) in SIZES {
        let terminal = draw(app, width, height);
        insta::assert_snapshot!(format!("{name}_{width}x{height}"), terminal.backend());
    }
}

fn cmd(app: &mut App, command: Command) {
    let now = app.now;
    app.update(Action::Command(command), now);
}

fn typed(app: &mut App, text: &str) {
    let now = app.now;
    for c in text.chars() {
        app.update(Action::Char(c), now);
    }
}

fn accounts() -> Vec<Account> {
    vec![
        totp("GitHub", "alice@example.com", 30),
        totp("KISTI", "jklee", 60),
        hotp("Bank", "card 4021", 3),
        totp("", "no-issuer@mail.example.org", 30),
        totp(
            "A very long issuer name",
            "an.even.longer.account.name@example.com",
            30,
        ),
    ]
}

fn setup_app() -> App {
    App::new(
        false,
        "/home/jk/.local/share/otp/vault.age".into(),
        Config::default(),
        T0,
    )
}

/// Every screen in one list, for the size sweep.
fn all_screens() -> Vec<(&'static str, App)> {
    let mut screens = Vec::new();
    screens.extend(pin_screens());
    screens.extend(list_screens());
    screens.extend(add_screens());
    screens.extend(dialog_screens());
    screens.extend(agent_screens());
    screens.extend(push_screens());
    screens.extend(
        long_messages()
            .into_iter()
            .map(|(name, app, _)| (name, app)),
    );
    screens
}

/// Long sentences where they are shown, each with the sentence: an error and a
/// notice in the status line, an error in the customer-code form (an enrollment
/// whose rollback failed). They are wrapped, never cut on one line.
fn long_messages() -> Vec<(&'static str, App, String)> {
    let mut screens = Vec::new();
    let mut app = unlocked_app(accounts());
    let message = text::too_many(10, 10, "/home/jk/.config/otp/config.toml");
    app.status = Some(Status::Error(message.clone()));
    screens.push(("status_long_error", app, message));
    let mut app = unlocked_app(accounts());
    let warning = text::uri_warning(&crate::otpauth::UriWarning::IssuerMismatch {
        label: "KISTI".into(),
        parameter: "한국과학기술정보연구원".into(),
    });
    let message = text::added_with_warning("KISTI:jklee", &warning);
    app.status = Some(Status::Info(message.clone()));
    screens.push(("status_long_info", app, message));
    let mut app = unlocked_app(accounts());
    cmd(&mut app, Command::Add);
    cmd(&mut app, Command::PrevField);
    cmd(&mut app, Command::Left);
    cmd(&mut app, Command::NextField);
    typed(&mut app, "1106");
    cmd(&mut app, Command::Submit);
    let message = not_rolled_back();
    app.update(
        Action::Job(JobResult::Failed(Failure::Other(message.clone()))),
        T0,
    );
    screens.push(("add_customer_long_error", app, message));
    screens
}

/// An enrollment refused at activation whose account could not be taken out of
/// the vault again, as the worker says it in the language of the thread.
fn not_rolled_back() -> String {
    #[cfg(feature = "enroll")]
    {
        use crate::i18n::Localize;
        let refused = crate::enroll::EnrollError::Server(crate::api::ErrorCode::Se3010);
        text::enroll_not_rolled_back(&refused.localize(), "KISTI:jklee", "disk full")
    }
    #[cfg(not(feature = "enroll"))]
    {
        text::no_enroll()
    }
}

/// At 40×12, in both languages, a long error or notice reads whole: every word
/// of it is on the screen, in order (wrapped over rows, not cut with `…`). The
/// failed rollback's sentence is longer than the whole screen holds: the form
/// grows to the screen and its last row ends in `…`; at 100×30 it reads whole.
#[test]
fn long_messages_are_wrapped_whole_at_40_columns() {
    let squeeze = |text: &str| -> String {
        text.chars()
            .filter(|c| !c.is_whitespace() && *c != '│')
            .collect()
    };
    for lang in [Lang::En, Lang::Ko] {
        speak(lang);
        for (name, mut app, message) in long_messages() {
            let screen = plain(&draw(&mut app, 40, 12));
            if name == "add_customer_long_error" {
                let rows: Vec<&str> = screen.lines().collect();
                assert!(rows[0].starts_with('┌') && rows[11].starts_with('└'));
                assert!(rows[10].trim_end_matches('│').trim_end().ends_with('…'));
                let first = message.split_whitespace().take(4).collect::<String>();
                assert!(squeeze(&screen).contains(&first), "{screen}");
                let screen = plain(&draw(&mut app, 100, 30));
                assert!(squeeze(&screen).contains(&squeeze(&message)), "{screen}");
                continue;
            }
            assert!(
                squeeze(&screen).contains(&squeeze(&message)),
                "{lang:?} {name}: the screen does not hold\n{message}\n{screen}"
            );
        }
    }
}

/// The first-run and unlock screens.
fn pin_screens() -> Vec<(&'static str, App)> {
    let mut screens = Vec::new();
    screens.push(("setup", setup_app()));
    let mut app = setup_app();
    typed(&mut app, "111111");
    typed(&mut app, "25");
    screens.push(("setup_refused", app));
    let mut app = setup_app();
    typed(&mut app, "2580");
    typed(&mut app, "46");
    typed(&mut app, "258");
    screens.push(("setup_repeat", app));
    let mut app = setup_app();
    typed(&mut app, "258046258046");
    screens.push(("setup_creating", app));

    let mut app = locked_app();
    typed(&mut app, "111111");
    app.update(
        Action::Job(JobResult::Failed(Failure::WrongPin { attempts_left: 3 })),
        T0,
    );
    typed(&mut app, "12");
    screens.push(("locked_wrong_pin", app));
    let mut app = locked_app();
    app.update(
        Action::Lockout(LockoutStatus::LockedOut {
            failures: 6,
            retry_after_secs: 75,
        }),
        T0,
    );
    app.update(Action::Tick, T0 + 2);
    screens.push(("locked_out", app));
    let mut app = locked_app();
    typed(&mut app, "258046");
    screens.push(("unlocking", app));
    screens
}

/// The account list of the open vault.
fn list_screens() -> Vec<(&'static str, App)> {
    let mut screens = Vec::new();
    let mut app = unlocked_app(accounts());
    app.update(Action::Tick, T0 + 5);
    screens.push(("list", app));
    let mut app = unlocked_app(accounts());
    cmd(&mut app, Command::Down);
    app.update(Action::Tick, T0 + 23);
    screens.push(("list_last_seconds", app));
    let mut app = unlocked_app(accounts());
    app.update(
        Action::Copied {
            label: "GitHub:alice@example.com".into(),
            code: Hidden::from("123456"),
            result: Ok(Method::System),
        },
        T0 + 1,
    );
    app.update(Action::Tick, T0 + 4);
    screens.push(("list_copied", app));
    let mut app = unlocked_app(accounts());
    cmd(&mut app, Command::Copy);
    app.update(
        Action::Copied {
            label: "GitHub:alice@example.com".into(),
            code: Hidden::from("123456"),
            result: Err(crate::clipboard::ClipboardError::Unavailable {
                system: crate::clipboard::SystemClipboard::NoDisplay,
                term: Some("dumb".into()),
            }
            .to_string()),
        },
        T0,
    );
    screens.push(("list_copy_failed", app));
    let mut app = unlocked_app(accounts());
    cmd(&mut app, Command::Search);
    typed(&mut app, "git");
    screens.push(("list_search", app));
    let mut app = unlocked_app(accounts());
    cmd(&mut app, Command::Search);
    typed(&mut app, "zqx");
    screens.push(("list_no_match", app));
    let mut app = unlocked_app(
        (0..10)
            .map(|i| totp("Service", &format!("user{i}"), 30))
            .collect(),
    );
    cmd(&mut app, Command::Last);
    screens.push(("list_ten_scrolled", app));
    screens.push(("list_empty", unlocked_app(vec![])));
    let mut app = unlocked_app(vec![hotp("Bank", "card 4021", 3)]);
    cmd(&mut app, Command::Copy);
    app.update(
        Action::Job(JobResult::Saved(
            store(vec![hotp("Bank", "card 4021", 4)]),
            Done::Hotp {
                label: "Bank:card 4021".into(),
                code: hotp("Bank", "card 4021", 3).code_at(0).code().clone(),
            },
        )),
        T0,
    );
    screens.push(("list_hotp_generated", app));
    screens
}

/// The offer of a first account and the add form: a key, a link, a customer code.
fn add_screens() -> Vec<(&'static str, App)> {
    let mut screens = Vec::new();
    let mut app = unlocked_app(vec![]);
    if let Screen::Unlocked(unlocked) = &mut app.screen {
        unlocked.modal = Some(Modal::OfferFirstAccount);
    }
    screens.push(("offer_first_account", app));
    let mut app = unlocked_app(accounts());
    cmd(&mut app, Command::Add);
    typed(&mut app, "bob");
    cmd(&mut app, Command::NextField);
    typed(&mut app, "Example");
    cmd(&mut app, Command::NextField);
    typed(&mut app, "JBSWY3DPEHPK3PXP");
    cmd(&mut app, Command::NextField);
    cmd(&mut app, Command::Right);
    screens.push(("add_key_advanced", app));
    let mut app = unlocked_app(accounts());
    cmd(&mut app, Command::Add);
    cmd(&mut app, Command::PrevField);
    cmd(&mut app, Command::Right);
    cmd(&mut app, Command::NextField);
    app.update(
        Action::Paste(Hidden::from("otpauth://totp/x?secret=JBSW0")),
        T0,
    );
    cmd(&mut app, Command::Submit);
    screens.push(("add_link_error", app));
    let mut app = unlocked_app(accounts());
    if let Screen::Unlocked(unlocked) = &mut app.screen {
        unlocked.modal = Some(Modal::Add(Box::new(AddForm {
            source: Source::Customer,
            focus: 0,
            ..AddForm::default()
        })));
    }
    screens.push(("add_customer", app));
    let mut app = unlocked_app(accounts());
    cmd(&mut app, Command::Add);
    cmd(&mut app, Command::PrevField);
    cmd(&mut app, Command::Left);
    cmd(&mut app, Command::NextField);
    typed(&mut app, "1106");
    cmd(&mut app, Command::Submit);
    screens.push(("add_customer_looking_up", app));
    let mut app = unlocked_app(accounts());
    cmd(&mut app, Command::Add);
    cmd(&mut app, Command::PrevField);
    cmd(&mut app, Command::Left);
    cmd(&mut app, Command::NextField);
    typed(&mut app, "1106");
    cmd(&mut app, Command::Submit);
    app.update(
        Action::Job(JobResult::Customer(Organisation {
            customer: "1106".into(),
            name: "Acme Ltd".into(),
            server: "https://otp.acme.example/".into(),
            code_digits: 6,
        })),
        T0,
    );
    typed(&mut app, "alice");
    cmd(&mut app, Command::NextField);
    typed(&mut app, "1234");
    screens.push(("add_customer_found", app));
    let mut app = unlocked_app(accounts());
    cmd(&mut app, Command::Add);
    cmd(&mut app, Command::PrevField);
    cmd(&mut app, Command::Left);
    cmd(&mut app, Command::NextField);
    typed(&mut app, "9999");
    cmd(&mut app, Command::Submit);
    app.update(
        Action::Job(JobResult::Failed(Failure::Other(server_refused()))),
        T0,
    );
    screens.push(("add_customer_error", app));
    let mut app = unlocked_app(accounts());
    cmd(&mut app, Command::Add);
    cmd(&mut app, Command::PrevField);
    cmd(&mut app, Command::Left);
    cmd(&mut app, Command::NextField);
    typed(&mut app, "9999");
    cmd(&mut app, Command::Submit);
    app.update(
        Action::Job(JobResult::Failed(Failure::Other(customer_unknown()))),
        T0,
    );
    screens.push(("add_customer_unknown", app));
    screens
}

/// CE1001 as the enrollment client says it, in the language of the thread.
fn server_refused() -> String {
    #[cfg(feature = "enroll")]
    {
        use crate::i18n::Localize;
        crate::enroll::EnrollError::Server(crate::api::ErrorCode::Ce1001).localize()
    }
    #[cfg(not(feature = "enroll"))]
    {
        text::no_enroll()
    }
}

/// A customer code no server is known for, as the enrollment client says it in
/// the language of the thread (the sentence the CLI prints too).
fn customer_unknown() -> String {
    #[cfg(feature = "enroll")]
    {
        use crate::i18n::Localize;
        crate::enroll::EnrollError::NotConfigured {
            customer: "9999".into(),
            config_path: "/home/jk/.config/otp/config.toml".into(),
        }
        .localize()
    }
    #[cfg(not(feature = "enroll"))]
    {
        text::no_enroll()
    }
}

/// The other dialogs over the list, and the help.
fn dialog_screens() -> Vec<(&'static str, App)> {
    let mut screens = Vec::new();
    let mut app = unlocked_app(accounts());
    cmd(&mut app, Command::Rename);
    typed(&mut app, "2");
    screens.push(("rename", app));
    let mut app = unlocked_app(accounts());
    cmd(&mut app, Command::Delete);
    screens.push(("delete", app));
    let mut app = unlocked_app(accounts());
    cmd(&mut app, Command::ShowQr);
    screens.push(("qr_confirm", app));
    let mut app = unlocked_app(accounts());
    cmd(&mut app, Command::ShowQr);
    cmd(&mut app, Command::Yes);
    app.update(Action::Tick, T0 + 5);
    screens.push(("qr_code", app));
    let mut app = unlocked_app(accounts());
    cmd(&mut app, Command::ChangePin);
    typed(&mut app, "258046");
    screens.push(("change_pin_checking", app));
    let mut app = unlocked_app(accounts());
    cmd(&mut app, Command::ChangePin);
    typed(&mut app, "258046");
    app.update(Action::Job(JobResult::PinChecked(opened_by("258046"))), T0);
    typed(&mut app, "123456");
    typed(&mut app, "1");
    screens.push(("change_pin", app));
    let mut app = unlocked_app(accounts());
    cmd(&mut app, Command::Settings);
    cmd(&mut app, Command::Down);
    screens.push(("settings", app));
    let mut app = unlocked_app(accounts());
    cmd(&mut app, Command::Help);
    screens.push(("help", app));
    screens
}

/// The list served by a session agent, and its fallbacks to the PIN.
fn agent_screens() -> Vec<(&'static str, App)> {
    let mut screens = Vec::new();
    let mut app = agent_app(&accounts());
    app.update(Action::Tick, T0 + 5);
    app.update(
        Action::Agent(AgentResult::Codes {
            at: T0 + 5,
            codes: agent_codes(&accounts(), T0 + 5),
        }),
        T0 + 5,
    );
    cmd(&mut app, Command::Down);
    screens.push(("agent_list", app));
    let mut app = agent_app(&accounts());
    cmd(&mut app, Command::Rename);
    typed(&mut app, "25");
    screens.push(("agent_pin_for_change", app));
    let mut app = agent_app(&accounts());
    cmd(&mut app, Command::ShowQr);
    screens.push(("agent_pin_for_qr", app));
    let mut app = agent_app(&accounts());
    app.update(Action::Tick, T0 + 1);
    app.update(
        Action::Agent(AgentResult::Failed(AgentFailure::Ended)),
        T0 + 1,
    );
    screens.push(("agent_ended", app));
    screens
}

/// Login requests over the lists: one with its context, one with a long Hangul
/// context and another queued behind it (10 s left), one over the agent's list.
fn push_screens() -> Vec<(&'static str, App)> {
    let mut screens = Vec::new();
    let mut app = unlocked_app(accounts());
    app.update(Action::Tick, T0 + 5);
    let request = push_request(
        "KISTI:jklee",
        "AAAAAAAAAAAAAAAAAAAAAA",
        "KISTI portal",
        "Chrome on Windows, Daejeon",
    );
    push_arrives(&mut app, "KISTI:jklee", vec![request], T0 + 5);
    screens.push(("push", app));
    let mut app = unlocked_app(hangul_accounts());
    let long = "대전광역시 유성구에서 Windows의 Chrome으로 접속한 로그인입니다 — 본인이 아니면 거부하십시오";
    let first = push_request(
        &format!("{KISTI}:홍길동"),
        "AAAAAAAAAAAAAAAAAAAAAA",
        "한국과학기술정보연구원 통합 로그인 포털",
        long,
    );
    let second = push_request(
        &format!("{KISTI}:홍길동"),
        "BBBBBBBBBBBBBBBBBBBBBB",
        "메일",
        "",
    );
    push_arrives(
        &mut app,
        &format!("{KISTI}:홍길동"),
        vec![first, second],
        T0,
    );
    app.update(Action::Tick, T0 + 45);
    screens.push(("push_hangul_queued", app));
    let mut app = agent_app(&accounts());
    app.update(Action::Tick, T0 + 5);
    app.update(
        Action::Agent(AgentResult::Push(crate::tui::message::PushEvent::Pending {
            account: None,
            requests: vec![push_request(
                "KISTI:jklee",
                "AAAAAAAAAAAAAAAAAAAAAA",
                "KISTI portal",
                "Firefox",
            )],
        })),
        T0 + 5,
    );
    screens.push(("push_agent", app));
    screens
}

#[test]
fn login_requests_at_80x24_in_english_and_korean() {
    for (lang, prefix) in [(Lang::En, "push80"), (Lang::Ko, "ko_push80")] {
        speak(lang);
        for (name, mut app) in push_screens() {
            let terminal = draw(&mut app, 80, 24);
            insta::assert_snapshot!(format!("{prefix}_{name}"), terminal.backend());
        }
    }
}

/// Pins this test's thread to a language, whatever the machine's locale.
fn speak(lang: Lang) {
    crate::i18n::set_thread(Some(lang));
}

/// The issuer of the Korean accounts: long, and the same for four people.
const KISTI: &str = "한국과학기술정보연구원";

/// Accounts with Hangul labels: four people at one organisation (only the name
/// and the seconds tell them apart) and one with a Latin name.
fn hangul_accounts() -> Vec<Account> {
    vec![
        totp(KISTI, "홍길동", 30),
        totp(KISTI, "김철수", 30),
        totp(KISTI, "이영희", 60),
        totp(KISTI, "박민준", 30),
        totp("네이버", "hong@naver.com", 30),
        hotp("우리은행", "카드 4021", 3),
    ]
}

/// The screens where account labels show, with Hangul labels.
/// The list six seconds after 홍길동's code at KISTI was copied by `method`.
fn copied_hangul(method: Method) -> App {
    let mut app = unlocked_app(hangul_accounts());
    app.update(
        Action::Copied {
            label: format!("{KISTI}:홍길동"),
            code: Hidden::from("123456"),
            result: Ok(method),
        },
        T0 + 1,
    );
    app.update(Action::Tick, T0 + 7);
    app
}

fn hangul_screens() -> Vec<(&'static str, App)> {
    let mut screens = Vec::new();
    let mut app = unlocked_app(hangul_accounts());
    app.update(Action::Tick, T0 + 5);
    screens.push(("list", app));
    let mut app = unlocked_app(hangul_accounts());
    cmd(&mut app, Command::Down);
    app.update(Action::Tick, T0 + 23);
    screens.push(("list_last_seconds", app));
    for (name, method) in [
        ("copied", Method::System),
        ("copied_terminal", Method::Terminal),
    ] {
        screens.push((name, copied_hangul(method)));
    }
    let mut app = unlocked_app(hangul_accounts());
    cmd(&mut app, Command::Search);
    typed(&mut app, "한국");
    screens.push(("search", app));
    let mut app = unlocked_app(hangul_accounts());
    cmd(&mut app, Command::Down);
    cmd(&mut app, Command::Rename);
    screens.push(("rename", app));
    let mut app = unlocked_app(hangul_accounts());
    cmd(&mut app, Command::Delete);
    screens.push(("delete", app));
    let mut app = agent_app(&hangul_accounts());
    app.update(Action::Tick, T0 + 5);
    app.update(
        Action::Agent(AgentResult::Codes {
            at: T0 + 5,
            codes: agent_codes(&hangul_accounts(), T0 + 5),
        }),
        T0 + 5,
    );
    screens.push(("agent_list", app));
    screens
}

#[test]
fn every_screen_small_and_large() {
    speak(Lang::En);
    for (name, mut app) in all_screens() {
        snapshot(name, &mut app);
    }
}

#[test]
fn every_screen_in_korean_small_and_large() {
    speak(Lang::Ko);
    for (name, mut app) in all_screens() {
        snapshot(&format!("ko_{name}"), &mut app);
    }
}

#[test]
fn hangul_labels_in_english_small_and_large() {
    speak(Lang::En);
    for (name, mut app) in hangul_screens() {
        snapshot(&format!("hangul_{name}"), &mut app);
    }
}

#[test]
fn hangul_labels_in_korean_small_and_large() {
    speak(Lang::Ko);
    for (name, mut app) in hangul_screens() {
        snapshot(&format!("ko_hangul_{name}"), &mut app);
    }
}

/// Where `needle` starts on `line`, in columns.
fn column_of(line: &str, needle: &str) -> Option<usize> {
    line.find(needle)
        .map(|byte| unicode_width::UnicodeWidthStr::width(&line[..byte]))
}

#[test]
fn four_people_of_one_organisation_stay_apart_at_40_columns() {
    for lang in [Lang::En, Lang::Ko] {
        speak(lang);
        let mut app = unlocked_app(hangul_accounts());
        app.update(Action::Tick, T0 + 5);
        let screen = plain(&draw(&mut app, 40, 12));
        let rows: Vec<&str> = screen.lines().skip(1).take(4).collect();
        let seconds = [text::time_left(25), text::time_left(55)];
        for (row, name) in rows.iter().zip(["홍길동", "김철수", "이영희", "박민준"]) {
            assert!(
                row.contains(name),
                "{lang:?}: no {name} in {row:?}\n{screen}"
            );
            assert!(
                seconds.iter().any(|s| row.contains(s.as_str())),
                "{lang:?}: no seconds in {row:?}\n{screen}"
            );
            assert!(unicode_width::UnicodeWidthStr::width(*row) <= 40, "{row:?}");
        }
    }
}

#[test]
fn columns_start_at_the_same_display_column_with_hangul_labels() {
    for lang in [Lang::En, Lang::Ko] {
        speak(lang);
        for (width, height) in SIZES {
            let mut app = unlocked_app(hangul_accounts());
            app.update(Action::Tick, T0 + 5);
            let screen = plain(&draw(&mut app, width, height));
            let rows: Vec<&str> = screen.lines().skip(1).take(5).collect();
            let code_columns: Vec<Option<usize>> = rows
                .iter()
                .zip(hangul_accounts())
                .map(|(row, account)| column_of(row, &account.code_at(T0 + 5).code().grouped()))
                .collect();
            assert!(
                code_columns
                    .iter()
                    .all(|c| c.is_some() && *c == code_columns[0]),
                "{lang:?} {width}x{height}: codes at {code_columns:?}\n{screen}"
            );
            if width >= 64 {
                let names: Vec<Option<usize>> = rows
                    .iter()
                    .zip(["홍길동", "김철수", "이영희", "박민준", "hong@naver.com"])
                    .map(|(row, name)| column_of(row, name))
                    .collect();
                assert!(
                    names.iter().all(|c| c.is_some() && *c == names[0]),
                    "{lang:?} {width}x{height}: names at {names:?}\n{screen}"
                );
            }
        }
    }
}

#[test]
fn a_narrow_status_line_keeps_the_account_and_the_countdown() {
    speak(Lang::En);
    for method in [Method::System, Method::Terminal] {
        let mut app = copied_hangul(method);
        let screen = plain(&draw(&mut app, 40, 12));
        let status = screen.lines().nth(10).unwrap_or_default();
        assert!(status.contains("홍길동"), "{status:?}");
        assert!(status.contains("24 s"), "{status:?}");
        assert!(!status.contains("OSC"), "{status:?}");
        let wide = plain(&draw(&mut app, 100, 30));
        assert!(wide.contains(&format!("Copied {KISTI}:홍길동")), "{wide}");
    }
}

/// A wrapped line of Hangul once ended one column past a dialog's text and drew
/// over its right border: every line with a left border keeps its right one.
#[test]
fn text_never_draws_over_a_dialog_border() {
    for lang in [Lang::En, Lang::Ko] {
        speak(lang);
        for (name, mut app) in all_screens().into_iter().chain(hangul_screens()) {
            for (width, height) in SIZES.into_iter().chain([(30, 12), (57, 20)]) {
                let screen = plain(&draw(&mut app, width, height));
                for line in screen.lines() {
                    let borders = line.chars().filter(|c| *c == '│').count();
                    assert!(
                        borders % 2 == 0,
                        "{lang:?} {name} {width}x{height}: {line:?}\n{screen}"
                    );
                }
            }
        }
    }
}

#[test]
fn no_size_panics_or_draws_outside() {
    for lang in [Lang::En, Lang::Ko] {
        speak(lang);
        for (_, mut app) in all_screens().into_iter().chain(hangul_screens()) {
            for width in (0..=130).step_by(13).chain([1, 2, 30, 39, 41]) {
                for height in (0..=45).step_by(5).chain([1, 2, 3, 4, 11, 13]) {
                    draw(&mut app, width, height);
                }
            }
        }
    }
}

#[test]
fn the_code_turns_yellow_and_the_next_code_shows_in_the_last_ten_seconds() {
    speak(Lang::En);
    let account = totp("GitHub", "alice@example.com", 30);
    let mut app = unlocked_app(vec![account.clone()]);
    let current = account.code_at(T0 + 20).code().grouped();
    let next = account.code_at(T0 + 50).code().grouped();
    for (time, yellow) in [(T0 + 19, false), (T0 + 20, true)] {
        app.update(Action::Tick, time);
        let terminal = draw(&mut app, 100, 30);
        let buffer = terminal.backend().buffer();
        let row: String = (0..100)
            .map(|x| buffer[(x, 1)].symbol().to_owned())
            .collect();
        let column = row.find(&current).unwrap_or_else(|| panic!("{row}"));
        let column = u16::try_from(row[..column].chars().count()).unwrap();
        assert_eq!(buffer[(column, 1)].fg == Color::Yellow, yellow, "{row}");
        assert_eq!(row.contains(&format!("next {next}")), yellow, "{row}");
    }
}

/// The luminance a terminal shows for a cell colour: the theme's background for the
/// default colour, otherwise what the colour names.
fn luminance(color: Color, default: u8) -> u8 {
    match color {
        Color::Reset => default,
        Color::Black => 0,
        Color::White => 255,
        other => panic!("unexpected colour {other:?} on the QR screen"),
    }
}

/// The screen as a picture: each cell 1 module across and 2 down (half blocks draw
/// the top or bottom half in the foreground colour), `scale` pixels per module, on a
/// terminal whose default colours have luminance `background` (and, for text,
/// `foreground`).
fn screen_picture(
    terminal: &Terminal<TestBackend>,
    background: u8,
    foreground: u8,
    scale: u32,
) -> Vec<u8> {
    use image::{GrayImage, ImageEncoder, Luma};
    let buffer = terminal.backend().buffer();
    let (width, height) = (u32::from(buffer.area.width), u32::from(buffer.area.height));
    let picture = GrayImage::from_fn(width * scale, height * 2 * scale, |x, y| {
        let cell = &buffer[(
            u16::try_from(x / scale).unwrap(),
            u16::try_from(y / scale / 2).unwrap(),
        )];
        let top = (y / scale).is_multiple_of(2);
        let ink = match cell.symbol() {
            "█" => true,
            "▀" => top,
            "▄" => !top,
            " " => false,
            // Text (the captions) is not part of the code: drawn as background.
            _ => false,
        };
        Luma([if ink {
            luminance(cell.fg, foreground)
        } else {
            luminance(cell.bg, background)
        }])
    });
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(
            picture.as_raw(),
            picture.width(),
            picture.height(),
            image::ExtendedColorType::L8,
        )
        .unwrap();
    png
}

/// The QR screen scans on a dark and on a light terminal alike: the view sets both
/// colours, and what it draws is the account's link.
#[test]
fn the_qr_screen_reads_back_as_the_link_on_dark_and_light_terminals() {
    speak(Lang::En);
    let account = totp("GitHub", "alice@example.com", 30);
    let mut app = unlocked_app(vec![account.clone()]);
    cmd(&mut app, Command::ShowQr);
    cmd(&mut app, Command::Yes);
    let terminal = draw(&mut app, 100, 30);
    for (background, foreground) in [(0, 255), (255, 0)] {
        let png = screen_picture(&terminal, background, foreground, 3);
        let texts = crate::qr::decode_image(&png).unwrap();
        let texts: Vec<&str> = texts.iter().map(|t| t.as_str()).collect();
        assert_eq!(texts, [account.to_uri().as_str()]);
    }
    // Too small: no code at all, only how big the terminal must be.
    let terminal = draw(&mut app, 40, 12);
    assert!(crate::qr::decode_image(&screen_picture(&terminal, 0, 255, 3)).is_err());
    assert!(plain(&terminal).contains("needs a terminal"));
}

/// The screen as plain lines, trailing spaces removed.
fn plain(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut line = String::new();
        let mut x = 0;
        while x < buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            line.push_str(symbol);
            x += u16::try_from(unicode_width::UnicodeWidthStr::width(symbol).max(1)).unwrap();
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// `assets/main-screen.txt`, referenced from the README, is this drawing; run with
/// `OTP_UPDATE_ASSETS=1` to rewrite it after a change to the view.
#[test]
fn main_screen_capture_in_assets_is_current() {
    speak(Lang::En);
    let keyed = |mut account: Account, key: &str| {
        account.secret = crate::secret::SecretKey::parse_base32(key).unwrap();
        account
    };
    let mut app = unlocked_app(vec![
        keyed(totp("GitHub", "alice@example.com", 30), "GEZDGNBVGY3TQOJQ"),
        keyed(totp("KISTI", "jklee", 60), "MFRGGZDFMZTWQ2LK"),
        keyed(totp("Google", "alice@gmail.com", 30), "ONSWG4TFORZWK3TE"),
        hotp("Bank", "card 4021", 12),
        keyed(totp("AWS", "root", 30), "KRUGKIDROVUWG2ZA"),
    ]);
    cmd(&mut app, Command::Down);
    app.update(
        Action::Copied {
            label: "KISTI:jklee".into(),
            code: Hidden::from("123456"),
            result: Ok(Method::System),
        },
        T0 + 12,
    );
    app.update(Action::Tick, T0 + 23);
    let capture = plain(&draw(&mut app, 80, 12));
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/main-screen.txt");
    if std::env::var("OTP_UPDATE_ASSETS").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &capture).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        committed, capture,
        "assets/main-screen.txt is stale: run `OTP_UPDATE_ASSETS=1 cargo test --lib main_screen` and commit it"
    );
}

/// The README's key table is the key map's.
#[test]
fn readme_key_table_matches_the_key_map() {
    speak(Lang::En);
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    let start = "<!-- keys:start (generated from src/tui/keymap.rs; a test checks it) -->\n";
    let end = "<!-- keys:end -->";
    let table = readme
        .split_once(start)
        .and_then(|(_, rest)| rest.split_once(end))
        .map(|(table, _)| table)
        .unwrap_or_default();
    let expected = super::keymap::markdown_table();
    assert_eq!(
        table.trim(),
        expected.trim(),
        "README key table is stale; replace it with:\n{expected}"
    );
}

/// Issue 15, item 2: once both PINs are typed, the first-run screen shows the
/// progress alone: no prompt, no empty dots that look like a new question.
#[test]
fn creating_the_vault_shows_the_progress_alone() {
    for lang in [Lang::En, Lang::Ko] {
        speak(lang);
        for (width, height) in SIZES {
            let mut app = setup_app();
            typed(&mut app, "258046258046");
            let screen = plain(&draw(&mut app, width, height));
            assert!(screen.contains(&text::creating()), "{lang:?}\n{screen}");
            assert!(
                !screen.contains(&text::setup_choose()),
                "{lang:?}\n{screen}"
            );
            assert!(
                !screen.contains(&text::setup_repeat()),
                "{lang:?}\n{screen}"
            );
            assert!(!screen.contains('○'), "{lang:?}\n{screen}");
        }
    }
}

/// How many times the digit `digit` is on the screen.
fn digit_count(screen: &str, digit: char) -> usize {
    screen.chars().filter(|&c| c == digit).count()
}

/// Whether `screen` holds `text`, wrapped or not (spaces and line ends ignored).
fn shows(screen: &str, text: &str) -> bool {
    let squeeze = |s: &str| -> String { s.chars().filter(|c| !c.is_whitespace()).collect() };
    squeeze(screen).contains(&squeeze(text))
}

/// Issue 15, item 3: one message about attempts, always current. A wrong PIN
/// says the attempts left once; the pause's messages go when the pause ends.
#[test]
fn the_unlock_screen_says_one_current_thing_about_attempts() {
    for lang in [Lang::En, Lang::Ko] {
        speak(lang);
        for (width, height) in SIZES {
            // A wrong PIN: 4 attempts left, said once.
            let mut app = locked_app();
            app.update(
                Action::Lockout(LockoutStatus::Open {
                    failures: 0,
                    attempts_left: 5,
                }),
                T0,
            );
            typed(&mut app, "111111");
            app.update(
                Action::Job(JobResult::Failed(Failure::WrongPin { attempts_left: 4 })),
                T0,
            );
            let screen = plain(&draw(&mut app, width, height));
            assert!(shows(&screen, &text::attempts_left(4)), "{screen}");
            assert_eq!(digit_count(&screen, '4'), 1, "{lang:?}\n{screen}");

            // A pause, a digit typed during it, then the pause ends.
            let mut app = locked_app();
            app.update(
                Action::Lockout(LockoutStatus::LockedOut {
                    failures: 6,
                    retry_after_secs: 22,
                }),
                T0,
            );
            typed(&mut app, "1");
            let during = plain(&draw(&mut app, width, height));
            assert!(shows(&during, &text::locked_out(22)), "{during}");
            assert_eq!(
                digit_count(&during, '2'),
                2,
                "{lang:?}: one pause message\n{during}"
            );
            let effects = app.update(Action::Tick, T0 + 23);
            assert!(
                effects
                    .iter()
                    .any(|e| matches!(e, super::message::Effect::CheckLockout))
            );
            let after = plain(&draw(&mut app, width, height));
            assert!(
                !after.contains("0:"),
                "{lang:?}: the pause is over\n{after}"
            );
            app.update(
                Action::Lockout(LockoutStatus::Open {
                    failures: 6,
                    attempts_left: 4,
                }),
                T0 + 23,
            );
            let after = plain(&draw(&mut app, width, height));
            assert!(shows(&after, &text::attempts_left(4)), "{after}");
            assert!(
                !after.contains("0:"),
                "{lang:?}: the pause is over\n{after}"
            );
            assert_eq!(digit_count(&after, '4'), 1, "{lang:?}\n{after}");
        }
    }
}

/// Issue 15, item 5: a search that matches nothing says so with the query, and
/// the title counts the matches among the accounts while a filter is set.
#[test]
fn a_search_says_what_matched_and_counts_in_the_title() {
    for lang in [Lang::En, Lang::Ko] {
        speak(lang);
        for (width, height) in SIZES {
            let mut app = unlocked_app(accounts());
            cmd(&mut app, Command::Search);
            typed(&mut app, "zqx");
            let screen = plain(&draw(&mut app, width, height));
            let title = screen.lines().next().unwrap_or_default();
            assert!(title.contains("0/5"), "{lang:?} {width}: {title}");
            let body: String = screen.lines().skip(2).collect();
            assert!(
                body.contains("zqx"),
                "{lang:?}: the query is named\n{screen}"
            );

            let mut app = unlocked_app(accounts());
            cmd(&mut app, Command::Search);
            typed(&mut app, "git");
            cmd(&mut app, Command::Submit);
            let screen = plain(&draw(&mut app, width, height));
            let title = screen.lines().next().unwrap_or_default();
            assert!(title.contains("1/5"), "{lang:?} {width}: {title}");

            let mut app = agent_app(&accounts());
            cmd(&mut app, Command::Search);
            typed(&mut app, "a");
            let screen = plain(&draw(&mut app, width, height));
            let title = screen.lines().next().unwrap_or_default();
            assert!(title.contains("4/5"), "{lang:?} {width}: {title}");
        }
    }
}

/// Issue 15, item 4: the key hints say what Esc does at this moment (clear,
/// back or quit) on the PIN screens and in the list, and say nothing of Esc
/// where it does nothing: in the list without a search, while a job runs.
#[test]
fn the_esc_hint_says_what_esc_does_now() {
    type Word = Option<fn() -> String>;
    let quit: Word = Some(text::hint_quit);
    let clear: Word = Some(text::hint_clear);
    let back: Word = Some(text::hint_back);
    for lang in [Lang::En, Lang::Ko] {
        speak(lang);
        let mut cases: Vec<(&str, App, Word)> = Vec::new();
        cases.push(("first step", setup_app(), quit));
        let mut app = setup_app();
        typed(&mut app, "25");
        cases.push(("first step, digits", app, clear));
        let mut app = setup_app();
        typed(&mut app, "258046");
        cases.push(("second step", app, back));
        let mut app = setup_app();
        typed(&mut app, "258046258");
        cases.push(("second step, digits", app, clear));
        let mut app = setup_app();
        typed(&mut app, "258046258046");
        cases.push(("creating", app, None));
        cases.push(("unlock", locked_app(), quit));
        let mut app = locked_app();
        typed(&mut app, "12");
        cases.push(("unlock, digits", app, clear));
        let mut app = locked_app();
        typed(&mut app, "258046");
        cases.push(("unlocking", app, None));
        let mut app = agent_app(&accounts());
        cmd(&mut app, Command::Delete);
        cases.push(("unlock for the agent's list", app, back));
        cases.push(("list", unlocked_app(accounts()), None));
        let mut app = unlocked_app(accounts());
        cmd(&mut app, Command::Search);
        typed(&mut app, "git");
        cmd(&mut app, Command::Submit);
        cases.push(("list, search set", app, clear));
        cases.push(("agent's list", agent_app(&accounts()), None));
        let mut app = agent_app(&accounts());
        cmd(&mut app, Command::Search);
        typed(&mut app, "k");
        cmd(&mut app, Command::Submit);
        cases.push(("agent's list, search set", app, clear));
        let esc = super::keymap::Key::Esc.label();
        let enter = super::keymap::Key::Enter.label();
        for (name, mut app, word) in cases {
            for (width, height) in SIZES {
                let screen = plain(&draw(&mut app, width, height));
                let hints = screen.lines().last().unwrap_or_default().to_owned();
                match word {
                    Some(word) => assert!(
                        hints.contains(&format!("{esc} {}", word())),
                        "{lang:?} {name} {width}: {hints}"
                    ),
                    None => assert!(!hints.contains(&esc), "{lang:?} {name} {width}: {hints}"),
                }
                // While the worker runs, Enter does nothing either: not offered.
                assert_eq!(
                    app.input_waits(),
                    matches!(name, "creating" | "unlocking"),
                    "{name}"
                );
                if app.input_waits() {
                    assert!(!hints.contains(&enter), "{lang:?} {name} {width}: {hints}");
                }
            }
        }
    }
}

/// Issue 15, item 6: the code of every row starts in one column, and so do the
/// seconds end, in every row (labels of different lengths, a HOTP row, a 60 s
/// row, an 8-digit row whose code is wider, a Steam Guard row whose code is 5
/// characters) and through the whole period: drawn before and in the last 10
/// seconds (when the next code takes the dots' place), at every width.
#[test]
fn every_row_keeps_its_columns_through_the_period_at_every_width() {
    let mut accounts = accounts();
    accounts.push(Account {
        digits: crate::code::Digits::new(8).unwrap(),
        ..totp("Wide", "eight", 30)
    });
    accounts.push(steam("Steam", "gamer"));
    // At both times the 30 s codes are those of the period starting at T0.
    let times = [T0 + 5, T0 + 23];
    for lang in [Lang::En, Lang::Ko] {
        speak(lang);
        for width in [30, 36, 40, 63, 64, 80, 100] {
            for agent in [false, true] {
                let mut code_columns = Vec::new();
                let mut seconds_ends = Vec::new();
                for time in times {
                    let mut app = if agent {
                        agent_app(&accounts)
                    } else {
                        unlocked_app(accounts.clone())
                    };
                    app.update(Action::Tick, time);
                    let screen = plain(&draw(&mut app, width, 12));
                    for (row, account) in screen.lines().skip(1).zip(&accounts) {
                        let code = match account.kind {
                            crate::code::Kind::Hotp { .. } => text::HOTP_HIDDEN.to_owned(),
                            crate::code::Kind::Totp { .. } | crate::code::Kind::Steam => {
                                account.code_at(time).code().grouped()
                            }
                        };
                        let column = column_of(row, &code);
                        code_columns.push((time, column));
                        if let Some(period) = account.kind.period() {
                            let left = period.seconds() - u32::try_from(time - T0).unwrap();
                            let seconds = text::time_left(left);
                            let end = column_of(row, &format!(" {seconds}")).map(|c| {
                                c + unicode_width::UnicodeWidthStr::width(seconds.as_str())
                            });
                            seconds_ends.push((time, end));
                        }
                    }
                    let context = format!("{lang:?} {width} agent {agent}\n{screen}");
                    assert!(
                        code_columns
                            .iter()
                            .all(|(_, c)| c.is_some() && *c == code_columns[0].1),
                        "codes at {code_columns:?}: {context}"
                    );
                    assert!(
                        seconds_ends
                            .iter()
                            .all(|(_, c)| c.is_some() && *c == seconds_ends[0].1),
                        "seconds end at {seconds_ends:?}: {context}"
                    );
                }
            }
        }
    }
}

/// Issue 15, item 6: the list at 30 columns (the tight layout: no dots, the
/// seconds alone, "Enter" on a HOTP row), before and in the last seconds.
#[test]
fn the_list_at_30_columns() {
    speak(Lang::En);
    for (name, time) in [("list", T0 + 5), ("list_last_seconds", T0 + 23)] {
        let mut app = unlocked_app(accounts());
        app.update(Action::Tick, time);
        let terminal = draw(&mut app, 30, 12);
        insta::assert_snapshot!(format!("{name}_30x12"), terminal.backend());
    }
}

/// Issue 15, item 6: a question's sentences keep a space from the dialog's
/// borders, at every width and in both languages.
#[test]
fn a_question_keeps_a_space_from_the_border() {
    for lang in [Lang::En, Lang::Ko] {
        speak(lang);
        let mut screens: Vec<(&str, App)> = dialog_screens()
            .into_iter()
            .filter(|(name, _)| ["delete", "qr_confirm", "change_pin"].contains(name))
            .collect();
        screens.extend(
            add_screens()
                .into_iter()
                .filter(|(name, _)| *name == "offer_first_account"),
        );
        screens.extend(
            hangul_screens()
                .into_iter()
                .filter(|(name, _)| *name == "delete"),
        );
        assert_eq!(screens.len(), 5);
        for (name, mut app) in screens {
            for (width, height) in [(30, 12), (40, 12), (57, 20), (80, 24), (100, 30)] {
                let screen = plain(&draw(&mut app, width, height));
                for line in screen.lines().filter(|l| l.matches('│').count() >= 2) {
                    let chars: Vec<char> = line.chars().collect();
                    let first = chars.iter().position(|&c| c == '│').unwrap();
                    let last = chars.iter().rposition(|&c| c == '│').unwrap();
                    assert!(
                        chars[first + 1] == ' ' && chars[last - 1] == ' ',
                        "{lang:?} {name} {width}x{height}: {line:?}\n{screen}"
                    );
                }
            }
        }
    }
}

/// Issue 15, item 6: a form offers "→ choose" only while a choice is focused:
/// never in the rename form, in the add form on "From" but not on the name.
#[test]
fn a_form_offers_choose_only_on_a_choice() {
    for lang in [Lang::En, Lang::Ko] {
        speak(lang);
        let choose = format!(
            "{} {}",
            super::keymap::Key::Right.label(),
            text::hint_choose()
        );
        let mut rename = unlocked_app(accounts());
        cmd(&mut rename, Command::Rename);
        let mut add_name = unlocked_app(accounts());
        cmd(&mut add_name, Command::Add);
        let mut add_source = unlocked_app(accounts());
        cmd(&mut add_source, Command::Add);
        cmd(&mut add_source, Command::PrevField);
        for (name, mut app, offered) in [
            ("rename", rename, false),
            ("add, name", add_name, false),
            ("add, from", add_source, true),
        ] {
            for (width, height) in SIZES {
                let screen = plain(&draw(&mut app, width, height));
                let hints = screen.lines().last().unwrap_or_default();
                assert_eq!(
                    hints.contains(&choose),
                    offered,
                    "{lang:?} {name} {width}: {hints}"
                );
            }
        }
    }
}
