//! Every word the full-screen interface shows, each a function that reads the
//! `tui-` message of the catalogues (`assets/i18n/{en,ko}/tui.ftl`) in the chosen
//! language; nothing here is English in code. Errors from the lower layers
//! (vault, secrets, links, accounts, enrollment) are said by their
//! [`Localize`] sentences, the same ones the CLI prints, except where the TUI
//! offers something else to do (a taken name).

use super::message::Command;
use crate::clipboard::Method;
use crate::i18n::Localize;
use crate::vault::PinError;

// ---- Screens and titles ----

/// The program's name in the title bar.
pub fn app_title() -> String {
    crate::t!("tui-app-title")
}
/// Title of the first-run screen.
pub fn setup_title() -> String {
    crate::t!("tui-setup-title")
}
/// First-run prompt for the new PIN.
pub fn setup_choose() -> String {
    crate::t!("tui-setup-choose")
}
/// First-run prompt for the PIN again.
pub fn setup_repeat() -> String {
    crate::t!("tui-setup-repeat")
}
/// The PIN policy, always shown where a new PIN is typed.
pub fn pin_policy() -> String {
    crate::t!("tui-pin-policy")
}
/// Where the first-run vault goes.
pub fn vault_location(path: &str) -> String {
    crate::t!("tui-vault-location", path = path)
}
/// Busy line while the vault is created.
pub fn creating() -> String {
    crate::t!("tui-creating")
}
/// Title of the unlock screen.
pub fn unlock_title() -> String {
    crate::t!("tui-unlock-title")
}
/// Unlock prompt.
pub fn unlock_prompt() -> String {
    crate::t!("tui-unlock-prompt")
}
/// Busy line while the key is derived.
pub fn unlocking() -> String {
    crate::t!("tui-unlocking")
}
/// Busy line while a change is saved.
pub fn saving() -> String {
    crate::t!("tui-saving")
}
/// Busy line while the current PIN typed in the change-PIN dialog is checked.
pub fn checking_pin() -> String {
    crate::t!("tui-checking-pin")
}
/// Busy line while the PIN is changed.
pub fn changing_pin() -> String {
    crate::t!("tui-changing-pin")
}
/// The busy line after a quit request: what is running, and that otp quits after.
pub fn quit_after_save(what: &str) -> String {
    crate::t!("tui-quit-after-save", what = what)
}

/// "4 attempts left" on the unlock screen.
pub fn attempts_left(n: u32) -> String {
    crate::t!("tui-attempts-left", count = n)
}

/// The live countdown of a lockout.
pub fn locked_out(secs: u64) -> String {
    crate::t!("tui-locked-out", time = clock(secs))
}

/// A wrong PIN on the unlock screen (the attempts left are shown beside it).
pub fn wrong_pin() -> String {
    crate::t!("tui-wrong-pin")
}

/// `m:ss` (or `h:mm:ss`) for a countdown.
pub fn clock(secs: u64) -> String {
    if secs >= 3600 {
        format!("{}:{:02}:{:02}", secs / 3600, secs % 3600 / 60, secs % 60)
    } else {
        format!("{}:{:02}", secs / 60, secs % 60)
    }
}

/// Fewer than 6 digits submitted.
pub fn type_six_digits() -> String {
    crate::t!("tui-type-six-digits")
}
/// The two new PINs differ.
pub fn pins_differ() -> String {
    crate::t!("tui-pins-differ")
}

/// A new PIN the policy refuses: the reason (from the vault) and the rule.
pub fn pin_refused(error: &PinError) -> String {
    error.localize()
}

/// Shown on the unlock screen after the auto-lock.
pub fn locked_idle(secs: u64) -> String {
    crate::t!("tui-locked-idle", duration = duration(secs))
}
/// Shown on the unlock screen after `l`.
pub fn locked_by_request() -> String {
    crate::t!("tui-locked-by-request")
}

// ---- The session agent ----

/// Busy line while looking for a session agent at start.
pub fn probing() -> String {
    crate::t!("tui-probing")
}
/// Busy line while the agent generates a HOTP code (it saves the counter).
pub fn agent_code() -> String {
    crate::t!("tui-agent-code")
}
/// The status after opening through the agent.
pub fn agent_unlocked() -> String {
    crate::t!("tui-agent-unlocked")
}
/// The title bar in the agent's list: who unlocked, for how long, how many
/// accounts; `short` for narrow terminals.
pub fn agent_title(accounts: &str, remaining_secs: u64, short: bool) -> String {
    let time = clock(remaining_secs);
    if short {
        crate::t!("tui-agent-title-short", time = time, accounts = accounts)
    } else {
        crate::t!("tui-agent-title", time = time, accounts = accounts)
    }
}
/// A code row before the agent's first answer: a dot for each character of the
/// code to come, grouped as the code will be (`··· ···`; `·····` for Steam Guard).
pub fn code_waiting(characters: usize) -> String {
    crate::code::group(&"·".repeat(characters))
}
/// Copy before the agent's answer for this second arrived.
pub fn agent_code_coming() -> String {
    crate::t!("tui-agent-code-coming")
}
/// An agent exists but cannot be used (unsafe directory, another protocol, ...).
pub fn agent_unusable(message: &str) -> String {
    crate::t!("tui-agent-unusable", reason = message)
}
/// The status line after the agent went away (the unlock screen says why).
pub fn agent_gone() -> String {
    crate::t!("tui-agent-gone")
}
/// The agent went away while its codes were shown.
pub fn agent_ended() -> String {
    crate::t!("tui-agent-ended")
}
/// The agent answered with an error while its codes were shown.
pub fn agent_error(message: &str) -> String {
    crate::t!("tui-agent-error", reason = message)
}
/// The agent did not answer in time.
pub fn agent_silent(secs: u64) -> String {
    crate::t!("tui-agent-silent", seconds = secs)
}
/// The agent answered a code for another account than the one asked for.
pub fn agent_wrong_account() -> String {
    crate::t!("tui-agent-wrong-account")
}
/// Shown on the unlock screen after the auto-lock of the agent's list.
pub fn locked_idle_agent(secs: u64) -> String {
    crate::t!("tui-locked-idle-agent", duration = duration(secs))
}
/// Shown on the unlock screen after `l` in the agent's list.
pub fn locked_agent_still_runs() -> String {
    crate::t!("tui-locked-agent-still-runs")
}
/// The unlock screen when a change was asked for in the agent's list.
pub fn pin_for_change(command: Command) -> String {
    match command {
        Command::ShowQr => crate::t!("tui-pin-for-qr"),
        Command::Add => crate::t!("tui-pin-for-add"),
        Command::Rename => crate::t!("tui-pin-for-rename"),
        Command::Delete => crate::t!("tui-pin-for-delete"),
        Command::ChangePin => crate::t!("tui-pin-for-change-pin"),
        _ => crate::t!("tui-pin-for-other"),
    }
}

// ---- The account list ----

/// "3 of 10 accounts" in the title bar.
pub fn account_count(count: usize, limit: usize) -> String {
    crate::t!("tui-account-count", count = count, limit = limit)
}
/// The list is empty.
pub fn empty_list() -> String {
    crate::t!("tui-empty-list")
}
/// The search `query` matches nothing.
pub fn no_match(query: &str) -> String {
    crate::t!("tui-no-match-query", query = query)
}
/// The title while a search is set: how many of the accounts it lets through.
pub fn match_count(matches: usize, count: usize) -> String {
    crate::t!("tui-match-count", matches = matches, count = count)
}
/// The search line's prompt.
pub fn search_prompt() -> String {
    crate::t!("tui-search-prompt")
}
/// A HOTP row before a code is generated.
pub fn hotp_press() -> String {
    crate::t!("tui-hotp-press")
}
/// A HOTP row's placeholder code.
pub const HOTP_HIDDEN: &str = "••• •••";
/// A HOTP row after a code was generated.
pub fn hotp_used() -> String {
    crate::t!("tui-hotp-used")
}
/// Label before the next TOTP code.
pub fn next() -> String {
    crate::t!("tui-next")
}
/// Copy with no account selected.
pub fn nothing_to_copy() -> String {
    crate::t!("tui-nothing-to-copy")
}
/// QR code with no account selected.
pub fn nothing_to_show() -> String {
    crate::t!("tui-nothing-to-show")
}

/// The status after a copy, with the time left until the clipboard is cleared.
pub fn copied(label: &str, method: Method, clears_in: Option<u64>) -> String {
    match (method, clears_in) {
        (Method::System, Some(secs)) => {
            crate::t!("tui-copied-clears", label = label, seconds = secs)
        }
        (Method::System, None) => crate::t!("tui-copied", label = label),
        (Method::Terminal, Some(secs)) => {
            crate::t!("tui-copied-terminal-clears", label = label, seconds = secs)
        }
        (Method::Terminal, None) => crate::t!("tui-copied-terminal", label = label),
    }
}

/// The status after a copy on a narrow line: the account and the seconds left,
/// without how the copy was made.
pub fn copied_short(label: &str, clears_in: Option<u64>) -> String {
    match clears_in {
        Some(secs) => crate::t!("tui-copied-short-clears", label = label, seconds = secs),
        None => crate::t!("tui-copied-short", label = label),
    }
}
/// The clipboard was cleared.
pub fn clipboard_cleared() -> String {
    crate::t!("tui-clipboard-cleared")
}
/// The clipboard held something else, so it was left alone.
pub fn clipboard_changed() -> String {
    crate::t!("tui-clipboard-changed")
}

/// Too many accounts to add another.
pub fn too_many(count: usize, limit: usize, config_path: &str) -> String {
    crate::t!(
        "tui-too-many",
        count = count,
        limit = limit,
        path = config_path
    )
}
/// After the vault was created.
pub fn vault_created() -> String {
    crate::t!("tui-vault-created")
}
/// After the PIN was changed.
pub fn pin_changed() -> String {
    crate::t!("tui-pin-changed")
}
/// After the settings were written.
pub fn settings_saved() -> String {
    crate::t!("tui-settings-saved")
}

/// After an account was added.
pub fn added(label: &str) -> String {
    crate::t!("tui-added", label = label)
}

/// After an account was added from a link with something odd about it.
pub fn added_with_warning(label: &str, warning: &str) -> String {
    crate::t!("tui-added-with-warning", label = label, warning = warning)
}
/// After an account was renamed.
pub fn renamed(old: &str, new: &str) -> String {
    crate::t!("tui-renamed", old = old, new = new)
}
/// After an account was removed.
pub fn removed(label: &str) -> String {
    crate::t!("tui-removed", label = label)
}

// ---- Dialogs ----

/// Title of the first-account offer.
pub fn offer_title() -> String {
    crate::t!("tui-offer-title")
}
/// The first-account offer.
pub fn offer_text() -> String {
    crate::t!("tui-offer-text")
}
/// Title of the add form.
pub fn add_title() -> String {
    crate::t!("tui-add-title")
}
/// Title of the rename form.
pub fn rename_title() -> String {
    crate::t!("tui-rename-title")
}
/// Title of the delete question.
pub fn delete_title() -> String {
    crate::t!("tui-delete-title")
}
/// The delete question.
pub fn confirm_delete(label: &str) -> String {
    crate::t!("tui-confirm-delete", label = label)
}
/// Title of the QR code question.
pub fn qr_title() -> String {
    crate::t!("tui-qr-title")
}
/// The QR code question.
pub fn confirm_qr(label: &str) -> String {
    crate::t!("tui-confirm-qr", label = label)
}
/// Under the QR code: how to close it, and when it closes by itself.
pub fn qr_closes_in(secs: u64) -> String {
    crate::t!("tui-qr-closes-in", seconds = secs)
}
/// The terminal is too small for the QR code.
pub fn qr_too_small(width: u16, height: u16, columns: u16, rows: u16) -> String {
    crate::t!(
        "tui-qr-too-small",
        width = width,
        height = height,
        columns = columns,
        rows = rows
    )
}
/// The status after the QR code closed by itself.
pub fn qr_closed_after(secs: u64) -> String {
    crate::t!("tui-qr-closed-after", seconds = secs)
}
/// Title of the change-PIN dialog.
pub fn change_pin_title() -> String {
    crate::t!("tui-change-pin-title")
}
/// Change-PIN prompt: current PIN.
pub fn change_pin_current() -> String {
    crate::t!("tui-change-pin-current")
}
/// Change-PIN prompt: new PIN.
pub fn change_pin_new() -> String {
    crate::t!("tui-change-pin-new")
}
/// Change-PIN prompt: new PIN again.
pub fn change_pin_repeat() -> String {
    crate::t!("tui-change-pin-repeat")
}
/// Title of the settings.
pub fn settings_title() -> String {
    crate::t!("tui-settings-title")
}
/// Setting: clipboard clear time.
pub fn setting_clear() -> String {
    crate::t!("tui-setting-clear")
}
/// Setting: auto-lock time.
pub fn setting_lock() -> String {
    crate::t!("tui-setting-lock")
}
/// Under the settings.
pub fn settings_note() -> String {
    crate::t!("tui-settings-note")
}
/// Title of the help overlay.
pub fn help_title() -> String {
    crate::t!("tui-help-title")
}

/// "30 s", "5 min", "1 h", or "never" for 0.
pub fn duration(secs: u64) -> String {
    match secs {
        0 => crate::t!("tui-duration-never"),
        s if s < 60 => crate::t!("tui-duration-seconds", seconds = s),
        s if s < 3600 && s % 60 == 0 => crate::t!("tui-duration-minutes", minutes = s / 60),
        s if s < 3600 => crate::t!(
            "tui-duration-minutes-seconds",
            minutes = s / 60,
            seconds = s % 60
        ),
        s if s % 3600 == 0 => crate::t!("tui-duration-hours", hours = s / 3600),
        s => crate::t!("tui-duration-minutes", minutes = s / 60),
    }
}

// ---- The add form ----

/// Source choice: setup key.
pub fn source_key() -> String {
    crate::t!("tui-source-key")
}
/// Source choice: link.
pub fn source_link() -> String {
    crate::t!("tui-source-link")
}
/// Source choice: customer code.
pub fn source_customer() -> String {
    crate::t!("tui-source-customer")
}
/// Field: the organisation's customer code.
pub fn field_customer() -> String {
    crate::t!("tui-field-customer")
}
/// Field: the person's ID at the organisation.
pub fn field_user_id() -> String {
    crate::t!("tui-field-user-id")
}
/// Field: the activation code (hidden).
pub fn field_activation() -> String {
    crate::t!("tui-field-activation")
}
/// Under the customer-code field before the organisation is known.
pub fn customer_hint() -> String {
    crate::t!("tui-customer-hint")
}
/// The customer code is not 4 digits.
pub fn customer_four_digits() -> String {
    crate::t!("tui-customer-four-digits")
}
/// No ID typed.
pub fn user_id_empty() -> String {
    crate::t!("tui-user-id-empty")
}
/// The activation code is not 6 digits.
pub fn activation_six_digits(digits: u8) -> String {
    crate::t!("tui-activation-six-digits", digits = digits)
}
/// Field: the activation code, once its length is known.
pub fn field_activation_digits(digits: u8) -> String {
    crate::t!("tui-field-activation-digits", digits = digits)
}
/// Busy: asking the server which organisation a customer code belongs to.
pub fn looking_up() -> String {
    crate::t!("tui-looking-up")
}
/// Busy: enrolling with the organisation's server.
pub fn enrolling() -> String {
    crate::t!("tui-enrolling")
}
/// This build has no enrollment client.
pub fn no_enroll() -> String {
    crate::t!("tui-no-enroll")
}

/// The organisation found for a customer code, shown under the fields.
pub fn organisation(code: &str, name: &str, server: &str) -> String {
    crate::t!(
        "tui-organisation",
        code = code,
        name = name,
        server = server
    )
}

/// Why an account could not be added or renamed, in the TUI's words: a name
/// that is taken asks for another name (the CLI's `--issuer` is not there).
pub fn account_error(error: &crate::accounts::AccountError) -> String {
    match error {
        crate::accounts::AccountError::Duplicate { label, .. } => duplicate_name(label),
        other => other.localize(),
    }
}

/// Something odd about a link that was added anyway.
pub fn uri_warning(warning: &crate::otpauth::UriWarning) -> String {
    use crate::otpauth::UriWarning;
    match warning {
        UriWarning::IssuerMismatch { label, parameter } => {
            crate::t!(
                "tui-link-issuer-mismatch",
                label = label.as_str(),
                parameter = parameter.as_str()
            )
        }
        UriWarning::CounterIgnored => crate::t!("tui-link-counter-ignored"),
        UriWarning::PeriodIgnored => crate::t!("tui-link-period-ignored"),
    }
}

/// A label another account already has.
pub fn duplicate_name(label: &str) -> String {
    crate::t!("tui-duplicate-name", label = label)
}

/// An enrolled account left in the vault after a refused activation, because
/// taking it out failed: `activation` says why the server refused.
#[cfg_attr(not(feature = "enroll"), allow(dead_code))]
pub fn enroll_not_rolled_back(activation: &str, label: &str, reason: &str) -> String {
    crate::t!(
        "tui-enroll-not-rolled-back",
        activation = activation,
        label = label,
        reason = reason
    )
}

/// Status after an enrollment.
pub fn enrolled(label: &str, replaced: bool) -> String {
    if replaced {
        crate::t!("tui-enrolled-replaced", label = label)
    } else {
        crate::t!("tui-enrolled", label = label)
    }
}
/// Submitting an empty link.
pub fn link_empty() -> String {
    crate::t!("tui-link-empty")
}
/// Submitting a `steam://` key as the link without a name.
pub fn steam_key_needs_name() -> String {
    crate::t!("tui-steam-key-needs-name")
}
/// Submitting a `steam://` key as the setup key with changed advanced fields.
pub fn steam_key_options() -> String {
    crate::t!("tui-steam-key-options")
}
/// Field label.
pub fn field_source() -> String {
    crate::t!("tui-field-source")
}
/// Field label.
pub fn field_name() -> String {
    crate::t!("tui-field-name")
}
/// Field label.
pub fn field_issuer() -> String {
    crate::t!("tui-field-issuer")
}
/// Field label.
pub fn field_secret() -> String {
    crate::t!("tui-field-secret")
}
/// Field label.
pub fn field_link() -> String {
    crate::t!("tui-field-link")
}
/// Field label.
pub fn field_advanced() -> String {
    crate::t!("tui-field-advanced")
}
/// Field label.
pub fn field_type() -> String {
    crate::t!("tui-field-type")
}
/// Field label.
pub fn field_algorithm() -> String {
    crate::t!("tui-field-algorithm")
}
/// Field label.
pub fn field_digits() -> String {
    crate::t!("tui-field-digits")
}
/// Field label.
pub fn field_period() -> String {
    crate::t!("tui-field-period")
}
/// Field label.
pub fn field_counter() -> String {
    crate::t!("tui-field-counter")
}
/// Advanced fields shown.
pub fn advanced_shown() -> String {
    crate::t!("tui-advanced-shown")
}
/// Advanced fields hidden.
pub fn advanced_hidden() -> String {
    crate::t!("tui-advanced-hidden")
}
/// Type choice.
pub fn type_totp() -> String {
    crate::t!("tui-type-totp")
}
/// Type choice.
pub fn type_hotp() -> String {
    crate::t!("tui-type-hotp")
}
/// A masked secret field: how many characters it holds.
pub fn masked(len: usize) -> String {
    if len == 0 {
        String::new()
    } else {
        format!("{} ({len})", "•".repeat(len.min(12)))
    }
}
/// Placeholder in an empty optional field of the link form.
pub fn from_link() -> String {
    crate::t!("tui-from-link")
}
/// Placeholder in the setup-key field.
pub fn paste_here() -> String {
    crate::t!("tui-paste-here")
}

// ---- The key map ----

/// Help heading.
pub fn context_any() -> String {
    crate::t!("tui-context-any")
}
/// Help heading.
pub fn context_pin() -> String {
    crate::t!("tui-context-pin")
}
/// Help heading.
pub fn context_list() -> String {
    crate::t!("tui-context-list")
}
/// Help heading.
pub fn context_search() -> String {
    crate::t!("tui-context-search")
}
/// Help heading.
pub fn context_form() -> String {
    crate::t!("tui-context-form")
}
/// Help heading.
pub fn context_confirm() -> String {
    crate::t!("tui-context-confirm")
}
/// Help heading.
pub fn context_qr() -> String {
    crate::t!("tui-context-qr")
}
/// Help heading.
pub fn context_settings() -> String {
    crate::t!("tui-context-settings")
}
/// Help heading.
pub fn context_help() -> String {
    crate::t!("tui-context-help")
}

/// Help text.
pub fn key_copy() -> String {
    crate::t!("tui-key-copy")
}
/// Help text.
pub fn key_up() -> String {
    crate::t!("tui-key-up")
}
/// Help text.
pub fn key_down() -> String {
    crate::t!("tui-key-down")
}
/// Help text.
pub fn key_first() -> String {
    crate::t!("tui-key-first")
}
/// Help text.
pub fn key_last() -> String {
    crate::t!("tui-key-last")
}
/// Help text.
pub fn key_search() -> String {
    crate::t!("tui-key-search")
}
/// Help text.
pub fn key_add() -> String {
    crate::t!("tui-key-add")
}
/// Help text.
pub fn key_rename() -> String {
    crate::t!("tui-key-rename")
}
/// Help text.
pub fn key_delete() -> String {
    crate::t!("tui-key-delete")
}
/// Help text.
pub fn key_show_qr() -> String {
    crate::t!("tui-key-show-qr")
}
/// Help text.
pub fn key_qr_close() -> String {
    crate::t!("tui-key-qr-close")
}
/// Help text.
pub fn key_change_pin() -> String {
    crate::t!("tui-key-change-pin")
}
/// Help text.
pub fn key_settings() -> String {
    crate::t!("tui-key-settings")
}
/// Help text.
pub fn key_lock() -> String {
    crate::t!("tui-key-lock")
}
/// Help text.
pub fn key_help() -> String {
    crate::t!("tui-key-help")
}
/// Help text.
pub fn key_quit() -> String {
    crate::t!("tui-key-quit")
}
/// Help text.
pub fn key_list_back() -> String {
    crate::t!("tui-key-list-back")
}
/// Help text.
pub fn key_search_done() -> String {
    crate::t!("tui-key-search-done")
}
/// Help text.
pub fn key_search_cancel() -> String {
    crate::t!("tui-key-search-cancel")
}
/// Help text.
pub fn key_backspace() -> String {
    crate::t!("tui-key-backspace")
}
/// Help text.
pub fn key_pin_submit() -> String {
    crate::t!("tui-key-pin-submit")
}
/// Help text.
pub fn key_pin_back() -> String {
    crate::t!("tui-key-pin-back")
}
/// Help text.
pub fn key_form_submit() -> String {
    crate::t!("tui-key-form-submit")
}
/// Help text.
pub fn key_next_field() -> String {
    crate::t!("tui-key-next-field")
}
/// Help text.
pub fn key_prev_field() -> String {
    crate::t!("tui-key-prev-field")
}
/// Help text.
pub fn key_choice_prev() -> String {
    crate::t!("tui-key-choice-prev")
}
/// Help text.
pub fn key_choice_next() -> String {
    crate::t!("tui-key-choice-next")
}
/// Help text.
pub fn key_clear_field() -> String {
    crate::t!("tui-key-clear-field")
}
/// Help text.
pub fn key_form_cancel() -> String {
    crate::t!("tui-key-form-cancel")
}
/// Help text.
pub fn key_yes() -> String {
    crate::t!("tui-key-yes")
}
/// Help text.
pub fn key_no() -> String {
    crate::t!("tui-key-no")
}
/// Help text.
pub fn key_setting_up() -> String {
    crate::t!("tui-key-setting-up")
}
/// Help text.
pub fn key_setting_down() -> String {
    crate::t!("tui-key-setting-down")
}
/// Help text.
pub fn key_setting_less() -> String {
    crate::t!("tui-key-setting-less")
}
/// Help text.
pub fn key_setting_more() -> String {
    crate::t!("tui-key-setting-more")
}
/// Help text.
pub fn key_close() -> String {
    crate::t!("tui-key-close")
}
/// Help text.
pub fn key_scroll_up() -> String {
    crate::t!("tui-key-scroll-up")
}
/// Help text.
pub fn key_scroll_down() -> String {
    crate::t!("tui-key-scroll-down")
}
/// Help text.
pub fn key_quit_now() -> String {
    crate::t!("tui-key-quit-now")
}

/// Hint bar word.
pub fn hint_copy() -> String {
    crate::t!("tui-hint-copy")
}
/// Hint bar word.
pub fn hint_search() -> String {
    crate::t!("tui-hint-search")
}
/// Hint bar word.
pub fn hint_add() -> String {
    crate::t!("tui-hint-add")
}
/// Hint bar word.
pub fn hint_help() -> String {
    crate::t!("tui-hint-help")
}
/// Hint bar word.
pub fn hint_quit() -> String {
    crate::t!("tui-hint-quit")
}
/// Hint bar word.
pub fn hint_done() -> String {
    crate::t!("tui-hint-done")
}
/// Hint bar word.
pub fn hint_cancel() -> String {
    crate::t!("tui-hint-cancel")
}
/// Hint bar word.
pub fn hint_ok() -> String {
    crate::t!("tui-hint-ok")
}
/// Hint bar word.
pub fn hint_back() -> String {
    crate::t!("tui-hint-back")
}
/// Hint bar word.
pub fn hint_clear() -> String {
    crate::t!("tui-hint-clear")
}
/// Hint bar word.
pub fn hint_save() -> String {
    crate::t!("tui-hint-save")
}
/// Hint bar word.
pub fn hint_next_field() -> String {
    crate::t!("tui-hint-next-field")
}
/// Hint bar word.
pub fn hint_choose() -> String {
    crate::t!("tui-hint-choose")
}
/// Hint bar word.
pub fn hint_yes() -> String {
    crate::t!("tui-hint-yes")
}
/// Hint bar word.
pub fn hint_no() -> String {
    crate::t!("tui-hint-no")
}
/// Hint bar word.
pub fn hint_next_setting() -> String {
    crate::t!("tui-hint-next-setting")
}
/// Hint bar word.
pub fn hint_less() -> String {
    crate::t!("tui-hint-less")
}
/// Hint bar word.
pub fn hint_more() -> String {
    crate::t!("tui-hint-more")
}
/// Hint bar word.
pub fn hint_close() -> String {
    crate::t!("tui-hint-close")
}
/// Hint bar word.
pub fn hint_scroll() -> String {
    crate::t!("tui-hint-scroll")
}

// ---- Outside the screen ----

/// `otp` without a subcommand, not on a terminal.
pub fn not_a_terminal() -> String {
    crate::t!("tui-not-a-terminal")
}

/// The system clock is before 1970.
pub fn clock_before_epoch() -> String {
    crate::t!("tui-clock-before-epoch")
}
/// The worker thread is gone (not expected).
pub fn worker_gone() -> String {
    crate::t!("tui-worker-gone")
}
/// A HOTP counter that cannot advance.
pub fn hotp_counter_max() -> String {
    crate::t!("tui-hotp-counter-max")
}
/// An account another otp removed or renamed meanwhile.
pub fn account_gone(label: &str) -> String {
    crate::t!("tui-account-gone", label = label)
}

/// A HOTP code was generated (before the copy reports).
pub fn hotp_generated(label: &str) -> String {
    crate::t!("tui-hotp-generated", label = label)
}

/// Seconds left in a list row, short: `25s`, `12m`, `3h`.
pub fn time_left(remaining: u32) -> String {
    match remaining {
        r if r < 100 => crate::t!("tui-seconds-left", seconds = r),
        r if r < 6000 => crate::t!("tui-minutes-left", minutes = r.div_ceil(60)),
        r => crate::t!("tui-hours-left", hours = r.div_ceil(3600)),
    }
}

/// The title of the rename form.
pub fn rename_heading(label: &str) -> String {
    crate::t!("tui-rename-heading", label = label)
}

// ---- Login requests (push approvals) ----

/// Help heading.
pub fn context_push() -> String {
    crate::t!("tui-context-push")
}
/// Help text.
pub fn key_push_first() -> String {
    crate::t!("tui-key-push-first")
}
/// Help text.
pub fn key_push_second() -> String {
    crate::t!("tui-key-push-second")
}
/// Help text.
pub fn key_push_third() -> String {
    crate::t!("tui-key-push-third")
}
/// Help text.
pub fn key_push_not_me() -> String {
    crate::t!("tui-key-push-not-me")
}
/// Help text.
pub fn key_push_later() -> String {
    crate::t!("tui-key-push-later")
}
/// Hint bar word.
pub fn hint_push_pick() -> String {
    crate::t!("tui-hint-push-pick")
}
/// Hint bar word.
pub fn hint_push_not_me() -> String {
    crate::t!("tui-hint-push-not-me")
}
/// Hint bar word.
pub fn hint_push_later() -> String {
    crate::t!("tui-hint-push-later")
}
/// Title of the login-request dialog.
pub fn push_title() -> String {
    crate::t!("tui-push-title")
}
/// Row name: the account the login is for.
pub fn push_account() -> String {
    crate::t!("tui-push-account")
}
/// Row name: the service being logged in to.
pub fn push_service() -> String {
    crate::t!("tui-push-service")
}
/// Row name: the address the login comes from.
pub fn push_from() -> String {
    crate::t!("tui-push-from")
}
/// Row name: the login page's text.
pub fn push_details() -> String {
    crate::t!("tui-push-details")
}
/// Seconds left, and how many more requests wait.
pub fn push_expires(secs: u64, queued: usize) -> String {
    if queued == 0 {
        crate::t!("tui-push-expires", secs = secs)
    } else {
        crate::t!("tui-push-expires-queued", secs = secs, queued = queued)
    }
}
/// The number-matching question.
pub fn push_question() -> String {
    crate::t!("tui-push-question")
}
/// The keys, inside the dialog.
pub fn push_keys() -> String {
    crate::t!("tui-push-keys")
}
/// Status while the answer is signed and sent.
pub fn push_sending() -> String {
    crate::t!("tui-push-sending")
}
/// Status: approved.
pub fn push_approved(account: &str) -> String {
    crate::t!("tui-push-approved", account = account)
}
/// Status: denied ("not me").
pub fn push_denied(account: &str) -> String {
    crate::t!("tui-push-denied", account = account)
}
/// Status: the number chosen was not the login page's.
pub fn push_wrong_number() -> String {
    crate::t!("tui-push-wrong-number")
}
/// Status: the request expired before the answer.
pub fn push_expired() -> String {
    crate::t!("tui-push-expired")
}
