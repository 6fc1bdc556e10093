//! The one key table: which key does what where, and the help text for it.
//!
//! The input handler ([`action_for`]) and the help overlay both read [`BINDINGS`],
//! so the help can never disagree with what the keys do. Keys that type text (PIN
//! digits, form fields, the search) are not in the table: where a context takes
//! text, a printable key that no binding claims becomes [`Action::Char`].

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::message::{Action, Command};
use super::text;

/// Where the keyboard focus is; each context has its own bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Everywhere (checked after the current context).
    Any,
    /// Typing a PIN: creating the vault, unlocking, changing the PIN.
    Pin,
    /// The account list.
    List,
    /// Typing a search.
    Search,
    /// A form: adding or renaming an account.
    Form,
    /// A yes/no question.
    Confirm,
    /// A QR code on the whole screen: any key closes it.
    Qr,
    /// The settings.
    Settings,
    /// A login request (push approval) shown over the list.
    Push,
    /// The help overlay.
    Help,
}

impl Context {
    /// Whether printable keys type text here, and which.
    fn takes(self, c: char) -> bool {
        match self {
            Context::Pin => c.is_ascii_digit(),
            Context::Search | Context::Form => !c.is_control(),
            _ => false,
        }
    }

    /// The heading of this context in the help overlay.
    pub fn title(self) -> String {
        match self {
            Context::Any => text::context_any(),
            Context::Pin => text::context_pin(),
            Context::List => text::context_list(),
            Context::Search => text::context_search(),
            Context::Form => text::context_form(),
            Context::Confirm => text::context_confirm(),
            Context::Qr => text::context_qr(),
            Context::Settings => text::context_settings(),
            Context::Push => text::context_push(),
            Context::Help => text::context_help(),
        }
    }

    /// Every context, in the order the help overlay shows them.
    pub const ALL: [Context; 10] = [
        Context::List,
        Context::Push,
        Context::Search,
        Context::Pin,
        Context::Form,
        Context::Confirm,
        Context::Qr,
        Context::Settings,
        Context::Help,
        Context::Any,
    ];
}

/// One key, as the table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A printable character without Ctrl or Alt.
    Char(char),
    /// Ctrl with a letter.
    Ctrl(char),
    /// Enter.
    Enter,
    /// Escape.
    Esc,
    /// Tab.
    Tab,
    /// Shift-Tab.
    BackTab,
    /// Arrow up.
    Up,
    /// Arrow down.
    Down,
    /// Arrow left.
    Left,
    /// Arrow right.
    Right,
    /// Home.
    Home,
    /// End.
    End,
    /// Page up.
    PageUp,
    /// Page down.
    PageDown,
    /// Backspace.
    Backspace,
    /// Delete.
    Delete,
    /// F1.
    F1,
}

impl Key {
    /// How the help overlay and the README write this key.
    pub fn label(self) -> String {
        match self {
            Key::Char(' ') => crate::t!("tui-key-name-space"),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => crate::t!(
                "tui-key-name-ctrl",
                key = c.to_ascii_uppercase().to_string()
            ),
            Key::Enter => crate::t!("tui-key-name-enter"),
            Key::Esc => crate::t!("tui-key-name-esc"),
            Key::Tab => crate::t!("tui-key-name-tab"),
            Key::BackTab => crate::t!("tui-key-name-back-tab"),
            Key::Up => "↑".to_owned(),
            Key::Down => "↓".to_owned(),
            Key::Left => "←".to_owned(),
            Key::Right => "→".to_owned(),
            Key::Home => crate::t!("tui-key-name-home"),
            Key::End => crate::t!("tui-key-name-end"),
            Key::PageUp => crate::t!("tui-key-name-page-up"),
            Key::PageDown => crate::t!("tui-key-name-page-down"),
            Key::Backspace => crate::t!("tui-key-name-backspace"),
            Key::Delete => crate::t!("tui-key-name-delete"),
            Key::F1 => "F1".to_owned(),
        }
    }

    /// The table's name for a key event, if it has one.
    pub fn from_event(event: &KeyEvent) -> Option<Key> {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let alt = event.modifiers.contains(KeyModifiers::ALT);
        Some(match event.code {
            KeyCode::Char(c) if ctrl => Key::Ctrl(c.to_ascii_lowercase()),
            KeyCode::Char(_) if alt => return None,
            KeyCode::Char(c) => Key::Char(c),
            KeyCode::Enter => Key::Enter,
            KeyCode::Esc => Key::Esc,
            KeyCode::Tab if event.modifiers.contains(KeyModifiers::SHIFT) => Key::BackTab,
            KeyCode::Tab => Key::Tab,
            KeyCode::BackTab => Key::BackTab,
            KeyCode::Up => Key::Up,
            KeyCode::Down => Key::Down,
            KeyCode::Left => Key::Left,
            KeyCode::Right => Key::Right,
            KeyCode::Home => Key::Home,
            KeyCode::End => Key::End,
            KeyCode::PageUp => Key::PageUp,
            KeyCode::PageDown => Key::PageDown,
            KeyCode::Backspace => Key::Backspace,
            KeyCode::Delete => Key::Delete,
            KeyCode::F(1) => Key::F1,
            _ => return None,
        })
    }
}

/// One row of the key table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// Where it applies.
    pub context: Context,
    /// The keys that do it.
    pub keys: &'static [Key],
    /// What they do.
    pub command: Command,
    /// The help text.
    pub help: fn() -> String,
    /// The short word shown in the hint bar at the bottom of the screen, if any.
    pub hint: Option<fn() -> String>,
}

const fn bind(
    context: Context,
    keys: &'static [Key],
    command: Command,
    help: fn() -> String,
    hint: Option<fn() -> String>,
) -> Binding {
    Binding {
        context,
        keys,
        command,
        help,
        hint,
    }
}

use Context as C;
use Key as K;

/// The key table. Order matters only for the help overlay and the hint bar.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    // The account list.
    bind(C::List, &[K::Enter, K::Char('c')], Command::Copy, text::key_copy, Some(text::hint_copy)),
    bind(C::List, &[K::Up, K::Char('k')], Command::Up, text::key_up, None),
    bind(C::List, &[K::Down, K::Char('j')], Command::Down, text::key_down, None),
    bind(C::List, &[K::Home, K::Char('g')], Command::First, text::key_first, None),
    bind(C::List, &[K::End, K::Char('G')], Command::Last, text::key_last, None),
    bind(C::List, &[K::Char('/')], Command::Search, text::key_search, Some(text::hint_search)),
    // Esc never quits from the list; its hint shows only while there is a search to clear.
    bind(C::List, &[K::Esc], Command::Back, text::key_list_back, Some(text::hint_clear)),
    bind(C::List, &[K::Char('a')], Command::Add, text::key_add, Some(text::hint_add)),
    bind(C::List, &[K::Char('r')], Command::Rename, text::key_rename, None),
    bind(C::List, &[K::Char('d'), K::Delete], Command::Delete, text::key_delete, None),
    bind(C::List, &[K::Char('Q')], Command::ShowQr, text::key_show_qr, None),
    bind(C::List, &[K::Char('p')], Command::ChangePin, text::key_change_pin, None),
    bind(C::List, &[K::Char('s')], Command::Settings, text::key_settings, None),
    bind(C::List, &[K::Char('l')], Command::Lock, text::key_lock, None),
    bind(C::List, &[K::Char('?')], Command::Help, text::key_help, Some(text::hint_help)),
    bind(C::List, &[K::Char('q')], Command::Quit, text::key_quit, Some(text::hint_quit)),
    // Typing a search.
    bind(C::Search, &[K::Enter], Command::Submit, text::key_search_done, Some(text::hint_done)),
    bind(C::Search, &[K::Esc], Command::Back, text::key_search_cancel, Some(text::hint_cancel)),
    bind(C::Search, &[K::Up], Command::Up, text::key_up, None),
    bind(C::Search, &[K::Down], Command::Down, text::key_down, None),
    bind(C::Search, &[K::Backspace], Command::Backspace, text::key_backspace, None),
    // Typing a PIN.
    bind(C::Pin, &[K::Enter], Command::Submit, text::key_pin_submit, Some(text::hint_ok)),
    bind(C::Pin, &[K::Backspace], Command::Backspace, text::key_backspace, None),
    // The hint names what Esc does at the moment: clear, back or quit (`App::escape`).
    bind(C::Pin, &[K::Esc, K::Char('q')], Command::Back, text::key_pin_back, Some(text::hint_back)),
    bind(C::Pin, &[K::Char('?')], Command::Help, text::key_help, Some(text::hint_help)),
    // Forms.
    bind(C::Form, &[K::Enter], Command::Submit, text::key_form_submit, Some(text::hint_save)),
    bind(C::Form, &[K::Tab, K::Down], Command::NextField, text::key_next_field, Some(text::hint_next_field)),
    bind(C::Form, &[K::BackTab, K::Up], Command::PrevField, text::key_prev_field, None),
    bind(C::Form, &[K::Left], Command::Left, text::key_choice_prev, None),
    bind(C::Form, &[K::Right], Command::Right, text::key_choice_next, Some(text::hint_choose)),
    bind(C::Form, &[K::Backspace], Command::Backspace, text::key_backspace, None),
    bind(C::Form, &[K::Ctrl('u')], Command::ClearField, text::key_clear_field, None),
    bind(C::Form, &[K::Esc], Command::Back, text::key_form_cancel, Some(text::hint_cancel)),
    // Questions.
    bind(C::Confirm, &[K::Char('y'), K::Enter], Command::Yes, text::key_yes, Some(text::hint_yes)),
    bind(C::Confirm, &[K::Char('n'), K::Esc], Command::Back, text::key_no, Some(text::hint_no)),
    // A QR code (any key closes it: see `action_for`).
    bind(C::Qr, &[K::Esc, K::Enter, K::Char('q')], Command::Back, text::key_qr_close, Some(text::hint_close)),
    // Settings.
    bind(C::Settings, &[K::Up, K::Char('k')], Command::Up, text::key_setting_up, None),
    bind(C::Settings, &[K::Down, K::Char('j')], Command::Down, text::key_setting_down, Some(text::hint_next_setting)),
    bind(C::Settings, &[K::Left, K::Char('h')], Command::Left, text::key_setting_less, Some(text::hint_less)),
    bind(C::Settings, &[K::Right, K::Char('l')], Command::Right, text::key_setting_more, Some(text::hint_more)),
    bind(C::Settings, &[K::Enter, K::Esc, K::Char('q')], Command::Back, text::key_close, Some(text::hint_close)),
    // A login request: the number the login page shows, or "not me".
    bind(C::Push, &[K::Char('1')], Command::Pick(1), text::key_push_first, Some(text::hint_push_pick)),
    bind(C::Push, &[K::Char('2')], Command::Pick(2), text::key_push_second, None),
    bind(C::Push, &[K::Char('3')], Command::Pick(3), text::key_push_third, None),
    bind(C::Push, &[K::Char('d'), K::Char('n')], Command::NotMe, text::key_push_not_me, Some(text::hint_push_not_me)),
    bind(C::Push, &[K::Esc], Command::Back, text::key_push_later, Some(text::hint_push_later)),
    bind(C::Push, &[K::Char('?')], Command::Help, text::key_help, Some(text::hint_help)),
    // Help.
    bind(C::Help, &[K::Up, K::Char('k')], Command::Up, text::key_scroll_up, None),
    bind(C::Help, &[K::Down, K::Char('j')], Command::Down, text::key_scroll_down, Some(text::hint_scroll)),
    bind(C::Help, &[K::Esc, K::Char('q'), K::Char('?'), K::Enter], Command::Back, text::key_close, Some(text::hint_close)),
    // Everywhere.
    bind(C::Any, &[K::Ctrl('c')], Command::Quit, text::key_quit_now, None),
    bind(C::Any, &[K::F1], Command::Help, text::key_help, None),
];

/// The binding for `key` in `context` (falling back to the bindings for every context).
pub fn binding_for(context: Context, key: Key) -> Option<&'static Binding> {
    let find = |wanted: Context| {
        BINDINGS
            .iter()
            .find(|b| b.context == wanted && b.keys.contains(&key))
    };
    find(context).or_else(|| find(Context::Any))
}

/// Turns a key event into an action for `context`, or `None` for a key that does
/// nothing there. Only key presses count (not releases or repeats reported apart).
pub fn action_for(context: Context, event: &KeyEvent) -> Option<Action> {
    if event.kind != KeyEventKind::Press {
        return None;
    }
    if context == Context::Qr {
        // The QR code shows a secret: every key closes it, including keys the table
        // does not name; only Ctrl-C keeps its meaning (quit).
        let quit = Key::from_event(event)
            .and_then(|key| binding_for(context, key))
            .is_some_and(|binding| binding.command == Command::Quit);
        return Some(Action::Command(if quit {
            Command::Quit
        } else {
            Command::Back
        }));
    }
    let key = Key::from_event(event)?;
    if let Some(binding) = binding_for(context, key) {
        return Some(Action::Command(binding.command));
    }
    match key {
        Key::Char(c) if context.takes(c) => Some(Action::Char(c)),
        _ => None,
    }
}

/// The keys of `context` in the help's words, e.g. `"Enter c"`.
pub fn keys_label(keys: &[Key]) -> String {
    keys.iter().map(|k| k.label()).collect::<Vec<_>>().join(" ")
}

/// The hint bar of `context`: the bindings marked as hints, as (keys, help) pairs.
pub fn hints(context: Context) -> impl Iterator<Item = &'static Binding> {
    BINDINGS
        .iter()
        .filter(move |b| b.context == context && b.hint.is_some())
}

/// The key table as Markdown, one table per context (the README carries this; a
/// test checks that it is up to date).
pub fn markdown_table() -> String {
    let mut out = String::new();
    for context in Context::ALL {
        out.push_str(&format!(
            "\n| {} | |\n|---|---|\n",
            context.title().replace('|', "\\|")
        ));
        for binding in BINDINGS.iter().filter(|b| b.context == context) {
            out.push_str(&format!(
                "| {} | {} |\n",
                keys_label(binding.keys)
                    .split(' ')
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(" "),
                (binding.help)().replace('|', "\\|")
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for context in Context::ALL {
            let mut seen = Vec::new();
            for binding in BINDINGS.iter().filter(|b| b.context == context) {
                for key in binding.keys {
                    assert!(!seen.contains(key), "{key:?} twice in {context:?}");
                    seen.push(*key);
                }
            }
        }
    }

    #[test]
    fn vim_keys_and_arrows_move_in_the_list() {
        for code in [KeyCode::Down, KeyCode::Char('j')] {
            assert!(matches!(
                action_for(Context::List, &press(code, KeyModifiers::NONE)),
                Some(Action::Command(Command::Down))
            ));
        }
        assert!(matches!(
            action_for(
                Context::List,
                &press(KeyCode::Char('G'), KeyModifiers::SHIFT)
            ),
            Some(Action::Command(Command::Last))
        ));
    }

    #[test]
    fn text_contexts_type_letters_and_pin_takes_digits_only() {
        assert!(matches!(
            action_for(
                Context::Form,
                &press(KeyCode::Char('j'), KeyModifiers::NONE)
            ),
            Some(Action::Char('j'))
        ));
        assert!(matches!(
            action_for(Context::Pin, &press(KeyCode::Char('7'), KeyModifiers::NONE)),
            Some(Action::Char('7'))
        ));
        assert!(action_for(Context::Pin, &press(KeyCode::Char('x'), KeyModifiers::NONE)).is_none());
        assert!(matches!(
            action_for(
                Context::Form,
                &press(KeyCode::Char('c'), KeyModifiers::CONTROL)
            ),
            Some(Action::Command(Command::Quit))
        ));
        let mut release = press(KeyCode::Char('q'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        assert!(action_for(Context::List, &release).is_none());
    }

    #[test]
    fn every_key_closes_the_qr_code_and_ctrl_c_still_quits() {
        for (code, modifiers) in [
            (KeyCode::Esc, KeyModifiers::NONE),
            (KeyCode::Char('x'), KeyModifiers::NONE),
            (KeyCode::Char('?'), KeyModifiers::NONE),
            (KeyCode::F(1), KeyModifiers::NONE),
            (KeyCode::F(5), KeyModifiers::NONE),
            (KeyCode::Char('x'), KeyModifiers::ALT),
            (KeyCode::Left, KeyModifiers::NONE),
        ] {
            assert!(
                matches!(
                    action_for(Context::Qr, &press(code, modifiers)),
                    Some(Action::Command(Command::Back))
                ),
                "{code:?}"
            );
        }
        assert!(matches!(
            action_for(
                Context::Qr,
                &press(KeyCode::Char('c'), KeyModifiers::CONTROL)
            ),
            Some(Action::Command(Command::Quit))
        ));
        assert!(matches!(
            action_for(
                Context::List,
                &press(KeyCode::Char('Q'), KeyModifiers::SHIFT)
            ),
            Some(Action::Command(Command::ShowQr))
        ));
    }

    #[test]
    fn a_login_request_takes_its_numbers_and_one_key_denies() {
        let key = |c| action_for(Context::Push, &press(KeyCode::Char(c), KeyModifiers::NONE));
        assert!(matches!(key('1'), Some(Action::Command(Command::Pick(1)))));
        assert!(matches!(key('3'), Some(Action::Command(Command::Pick(3)))));
        assert!(matches!(key('d'), Some(Action::Command(Command::NotMe))));
        assert!(matches!(key('n'), Some(Action::Command(Command::NotMe))));
        // Nothing else is typed into it: no stray letter reaches the list below.
        assert!(key('4').is_none());
        assert!(key('y').is_none());
        assert!(matches!(
            action_for(Context::Push, &press(KeyCode::Esc, KeyModifiers::NONE)),
            Some(Action::Command(Command::Back))
        ));
    }

    #[test]
    fn ctrl_c_quits_everywhere() {
        for context in Context::ALL {
            assert!(matches!(
                action_for(context, &press(KeyCode::Char('c'), KeyModifiers::CONTROL)),
                Some(Action::Command(Command::Quit))
            ));
        }
    }
}
