//! Putting a code on the clipboard, and taking it off again.
//!
//! Two ways exist, chosen from the environment:
//!
//! - the system clipboard (X11 or Wayland) through `arboard`, when a display is
//!   reachable and the session is local. The clipboard object is created on first use
//!   and kept alive: on X11 and Wayland the copying process itself serves the
//!   clipboard, so the text is only there while this object lives;
//! - OSC 52, an escape sequence that asks the terminal to set the clipboard of the
//!   machine the person sits at. Used over SSH (the remote display, if any, is not
//!   theirs) and when no display is reachable. Inside GNU screen the sequence is
//!   wrapped so screen passes it on. Inside tmux it goes the way tmux takes it: plain
//!   when tmux's `set-clipboard` is `on` (tmux keeps it as a paste buffer and passes
//!   it to the terminal outside), wrapped for passthrough when only
//!   `allow-passthrough` is on (the terminal outside gets it, tmux keeps nothing),
//!   and not at all when tmux would drop both (an error that says which option to
//!   set). Whether the terminal obeys cannot be known: many do, some ignore it, and
//!   none of them can be read back.
//!
//! Nothing here panics or aborts when there is no clipboard: every failure is an
//! error value with a sentence for the user.

use std::io::Write;

use base64::Engine as _;
use zeroize::Zeroizing;

/// What the environment says about where a clipboard may be.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Environment {
    /// `DISPLAY` or `WAYLAND_DISPLAY` is set.
    pub display: bool,
    /// `SSH_CONNECTION`, `SSH_CLIENT` or `SSH_TTY` is set.
    pub ssh: bool,
    /// `TMUX` is set.
    pub tmux: bool,
    /// `TERM` starts with `screen` outside tmux (GNU screen).
    pub screen: bool,
    /// `TERM` names a terminal that has no OSC 52 at all (`dumb`, the Linux console).
    pub terminal_without_osc52: bool,
}

impl Environment {
    /// Reads the environment variables of this process.
    pub fn from_process() -> Self {
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        let term = std::env::var("TERM").unwrap_or_default();
        let tmux = set("TMUX");
        Self {
            display: set("DISPLAY") || set("WAYLAND_DISPLAY"),
            ssh: set("SSH_CONNECTION") || set("SSH_CLIENT") || set("SSH_TTY"),
            tmux,
            screen: !tmux && term.starts_with("screen"),
            terminal_without_osc52: term.is_empty() || term == "dumb" || term == "linux",
        }
    }

    /// The way to try first.
    pub fn preferred(&self) -> Method {
        if self.display && !self.ssh {
            Method::System
        } else {
            Method::Terminal
        }
    }
}

/// How a code was put on the clipboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// The X11 or Wayland clipboard.
    System,
    /// An OSC 52 request to the terminal (which may ignore it).
    Terminal,
}

/// Why the system (X11 or Wayland) clipboard could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SystemClipboard {
    /// An SSH session: the display there is not the user's.
    Ssh,
    /// No X11 or Wayland display is set.
    NoDisplay,
    /// The display's clipboard failed.
    Failed {
        /// What the clipboard library said, when it said something.
        detail: Option<String>,
    },
}

impl std::fmt::Display for SystemClipboard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Ssh => f.write_str("this is an SSH session, whose display is not yours"),
            Self::NoDisplay => f.write_str("no X11 or Wayland display is set"),
            Self::Failed {
                detail: Some(detail),
            } => write!(f, "the display's clipboard failed ({detail})"),
            Self::Failed { detail: None } => f.write_str("the display's clipboard failed"),
        }
    }
}

/// Why nothing could be copied or cleared.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClipboardError {
    /// Neither the system clipboard nor the terminal can take the text.
    #[error(
        "no clipboard is reachable: {system}, and this terminal ({}) cannot take OSC 52; \
         type the code by hand, or run otp in a terminal emulator or with a display",
        .term.as_deref().unwrap_or("no TERM")
    )]
    Unavailable {
        /// Why the system clipboard could not be used.
        system: SystemClipboard,
        /// The terminal's `TERM`, when set.
        term: Option<String>,
    },
    /// Writing the OSC 52 sequence to the terminal failed.
    #[error("could not send the copy request to the terminal: {0}")]
    Terminal(String),
    /// tmux would drop the request: its `set-clipboard` is not `on` and passthrough
    /// is off.
    #[error(
        "tmux passes no copy request on (its set-clipboard option is {set_clipboard}); \
         add `set -g set-clipboard on` to ~/.tmux.conf and run `tmux source-file ~/.tmux.conf`, \
         or type the code by hand"
    )]
    TmuxDrops {
        /// The value of tmux's `set-clipboard` option (`external` or `off`).
        set_clipboard: String,
    },
}

/// How an OSC 52 sequence is wrapped for the multiplexer between otp and the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wrap {
    /// Sent as it is: straight to the terminal, or to tmux with `set-clipboard on`,
    /// which keeps it as a paste buffer and passes it on.
    Plain,
    /// tmux passthrough (`allow-passthrough on`): tmux hands it to the terminal
    /// outside unread, so no tmux buffer is made.
    TmuxPassthrough,
    /// GNU screen's DCS wrapping.
    Screen,
}

/// What the tmux around this program does with OSC 52, from its options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TmuxRoute {
    /// The request gets through wrapped this way (both plain and passthrough when
    /// tmux could not be asked, so one of them reaches the terminal).
    Send(&'static [Wrap]),
    /// tmux would drop it; holds the `set-clipboard` value to name in the error.
    Dropped(String),
}

impl TmuxRoute {
    /// The route for tmux's answer to `#{set-clipboard}|#{allow-passthrough}`
    /// (`None` when tmux could not be asked). tmux before 3.3 has no
    /// `allow-passthrough` option (an empty value) and always passes through.
    pub fn from_options(answer: Option<&str>) -> Self {
        let Some((set_clipboard, passthrough)) = answer.and_then(|a| a.trim().split_once('|'))
        else {
            return Self::Send(&[Wrap::Plain, Wrap::TmuxPassthrough]);
        };
        if set_clipboard == "on" {
            Self::Send(&[Wrap::Plain])
        } else if matches!(passthrough, "" | "1" | "on" | "all") {
            Self::Send(&[Wrap::TmuxPassthrough])
        } else {
            Self::Dropped(set_clipboard.to_owned())
        }
    }

    /// Asks the tmux server of this pane (`$TMUX`, `$TMUX_PANE`) for its options.
    pub fn ask() -> Self {
        let mut command = std::process::Command::new("tmux");
        command.arg("display-message").arg("-p");
        if let Some(pane) = std::env::var_os("TMUX_PANE").filter(|p| !p.is_empty()) {
            command.arg("-t").arg(pane);
        }
        let answer = command
            .arg("#{set-clipboard}|#{allow-passthrough}")
            .stdin(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .output()
            .ok()
            .filter(|out| out.status.success())
            .and_then(|out| String::from_utf8(out.stdout).ok());
        Self::from_options(answer.as_deref())
    }
}

/// Not base64: xterm and the terminals that follow it clear the clipboard on it.
const OSC52_CLEAR: &str = "!";

/// The OSC 52 sequence that sets the clipboard to `text` (or clears it when `text`
/// is `None`), wrapped as `wrap` says.
pub fn osc52_sequence(text: Option<&str>, wrap: Wrap) -> Zeroizing<String> {
    let payload = match text {
        Some(text) => Zeroizing::new(base64::engine::general_purpose::STANDARD.encode(text)),
        None => Zeroizing::new(OSC52_CLEAR.to_owned()),
    };
    let inner = Zeroizing::new(format!("\x1b]52;c;{}\x07", payload.as_str()));
    match wrap {
        Wrap::Plain => inner,
        // tmux passthrough: DCS tmux; <sequence with every ESC doubled> ST.
        Wrap::TmuxPassthrough => Zeroizing::new(format!(
            "\x1bPtmux;{}\x1b\\",
            inner.replace('\x1b', "\x1b\x1b")
        )),
        Wrap::Screen => Zeroizing::new(format!("\x1bP{}\x1b\\", inner.as_str())),
    }
}

/// The clipboard of one running program.
pub struct Clipboard {
    environment: Environment,
    system: Option<arboard::Clipboard>,
    /// Why the system clipboard could not be created, once it was tried.
    system_error: Option<String>,
    /// Asks the surrounding tmux how it treats OSC 52 (before every request, so a
    /// changed tmux option counts at once).
    ask_tmux: fn() -> TmuxRoute,
}

impl std::fmt::Debug for Clipboard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Clipboard")
            .field("environment", &self.environment)
            .field("system", &self.system.is_some())
            .field("system_error", &self.system_error)
            .finish()
    }
}

impl Clipboard {
    /// A clipboard for `environment`; nothing is connected until the first copy.
    pub fn new(environment: Environment) -> Self {
        Self {
            environment,
            system: None,
            system_error: None,
            ask_tmux: TmuxRoute::ask,
        }
    }

    /// The system clipboard, created on first use; `None` after it failed once.
    fn system(&mut self) -> Option<&mut arboard::Clipboard> {
        if self.system.is_none() && self.system_error.is_none() {
            match arboard::Clipboard::new() {
                Ok(clipboard) => self.system = Some(clipboard),
                Err(error) => self.system_error = Some(error.to_string()),
            }
        }
        self.system.as_mut()
    }

    fn system_reason(&self) -> SystemClipboard {
        if self.environment.ssh {
            SystemClipboard::Ssh
        } else if !self.environment.display {
            SystemClipboard::NoDisplay
        } else {
            SystemClipboard::Failed {
                detail: self.system_error.clone(),
            }
        }
    }

    fn unavailable(&self) -> ClipboardError {
        ClipboardError::Unavailable {
            system: self.system_reason(),
            term: std::env::var("TERM").ok().filter(|t| !t.is_empty()),
        }
    }

    fn write_terminal(
        &self,
        text: Option<&str>,
        terminal: &mut dyn Write,
    ) -> Result<(), ClipboardError> {
        if self.environment.terminal_without_osc52 {
            return Err(self.unavailable());
        }
        let wraps: &[Wrap] = if self.environment.tmux {
            match (self.ask_tmux)() {
                TmuxRoute::Send(wraps) => wraps,
                TmuxRoute::Dropped(set_clipboard) => {
                    return Err(ClipboardError::TmuxDrops { set_clipboard });
                }
            }
        } else if self.environment.screen {
            &[Wrap::Screen]
        } else {
            &[Wrap::Plain]
        };
        for wrap in wraps {
            let sequence = osc52_sequence(text, *wrap);
            terminal
                .write_all(sequence.as_bytes())
                .map_err(|e| ClipboardError::Terminal(e.to_string()))?;
        }
        terminal
            .flush()
            .map_err(|e| ClipboardError::Terminal(e.to_string()))
    }

    /// Puts `text` on the clipboard: the system clipboard when it is preferred and
    /// works, otherwise an OSC 52 request written to `terminal`.
    pub fn copy(&mut self, text: &str, terminal: &mut dyn Write) -> Result<Method, ClipboardError> {
        if self.environment.preferred() == Method::System
            && let Some(system) = self.system()
        {
            #[cfg(all(unix, not(target_os = "macos")))]
            let result = {
                use arboard::SetExtLinux as _;
                system.set().exclude_from_history().text(text)
            };
            #[cfg(not(all(unix, not(target_os = "macos"))))]
            let result = system.set_text(text);
            match result {
                Ok(()) => return Ok(Method::System),
                Err(error) => {
                    self.system_error = Some(error.to_string());
                    self.system = None;
                }
            }
        }
        self.write_terminal(Some(text), terminal)?;
        Ok(Method::Terminal)
    }

    /// Clears the clipboard after a copy of `text` made with `method`.
    ///
    /// The system clipboard is cleared only if it still holds `text`; returns
    /// `Ok(false)` when it holds something else and was left alone. A terminal
    /// clipboard cannot be read back, so the clear request is always sent.
    pub fn clear_if_unchanged(
        &mut self,
        text: &str,
        method: Method,
        terminal: &mut dyn Write,
    ) -> Result<bool, ClipboardError> {
        match method {
            Method::System => {
                let Some(system) = self.system() else {
                    return Err(self.unavailable());
                };
                let current = Zeroizing::new(system.get_text().unwrap_or_default());
                if current.as_str() != text {
                    return Ok(false);
                }
                system
                    .clear()
                    .map_err(|_| self.unavailable())
                    .map(|()| true)
            }
            Method::Terminal => self.write_terminal(None, terminal).map(|()| true),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_plain_tmux_and_screen() {
        assert_eq!(
            osc52_sequence(Some("123456"), Wrap::Plain).as_str(),
            "\x1b]52;c;MTIzNDU2\x07"
        );
        assert_eq!(
            osc52_sequence(Some("123456"), Wrap::TmuxPassthrough).as_str(),
            "\x1bPtmux;\x1b\x1b]52;c;MTIzNDU2\x07\x1b\\"
        );
        assert_eq!(
            osc52_sequence(Some("1"), Wrap::Screen).as_str(),
            "\x1bP\x1b]52;c;MQ==\x07\x1b\\"
        );
        assert_eq!(
            osc52_sequence(None, Wrap::Plain).as_str(),
            "\x1b]52;c;!\x07"
        );
    }

    /// tmux keeps a plain OSC 52 as a paste buffer only with `set-clipboard on`, and
    /// drops a passthrough-wrapped one unless `allow-passthrough` is on (tmux 3.3 and
    /// later; earlier ones always pass it through).
    #[test]
    fn the_tmux_route_follows_its_options() {
        use TmuxRoute::{Dropped, Send};
        for (answer, route) in [
            (Some("on|0\n"), Send(&[Wrap::Plain])),
            (Some("on|1\n"), Send(&[Wrap::Plain])),
            (Some("external|1\n"), Send(&[Wrap::TmuxPassthrough])),
            (Some("off|all\n"), Send(&[Wrap::TmuxPassthrough])),
            (Some("external|\n"), Send(&[Wrap::TmuxPassthrough])),
            (Some("external|0\n"), Dropped("external".into())),
            (Some("off|off\n"), Dropped("off".into())),
            (None, Send(&[Wrap::Plain, Wrap::TmuxPassthrough])),
            (Some("garbage"), Send(&[Wrap::Plain, Wrap::TmuxPassthrough])),
        ] {
            assert_eq!(TmuxRoute::from_options(answer), route, "{answer:?}");
        }
    }

    #[test]
    fn ssh_or_no_display_uses_the_terminal() {
        let local = Environment {
            display: true,
            ..Environment::default()
        };
        assert_eq!(local.preferred(), Method::System);
        let ssh = Environment {
            display: true,
            ssh: true,
            ..Environment::default()
        };
        assert_eq!(ssh.preferred(), Method::Terminal);
        assert_eq!(Environment::default().preferred(), Method::Terminal);
    }

    fn in_tmux(ask_tmux: fn() -> TmuxRoute) -> Clipboard {
        Clipboard {
            ask_tmux,
            ..Clipboard::new(Environment {
                tmux: true,
                ..Environment::default()
            })
        }
    }

    #[test]
    fn terminal_copy_writes_osc52_and_never_touches_a_display() {
        let mut clipboard = in_tmux(|| TmuxRoute::Send(&[Wrap::Plain]));
        let mut out = Vec::new();
        assert_eq!(clipboard.copy("654321", &mut out), Ok(Method::Terminal));
        assert_eq!(out, b"\x1b]52;c;NjU0MzIx\x07");
        out.clear();
        assert_eq!(
            clipboard.clear_if_unchanged("654321", Method::Terminal, &mut out),
            Ok(true)
        );
        assert_eq!(out, b"\x1b]52;c;!\x07");
    }

    #[test]
    fn a_tmux_that_drops_osc52_is_an_error_and_nothing_is_sent() {
        let mut clipboard = in_tmux(|| TmuxRoute::Dropped("external".into()));
        let mut out = Vec::new();
        let error = clipboard.copy("654321", &mut out).unwrap_err();
        assert_eq!(
            error,
            ClipboardError::TmuxDrops {
                set_clipboard: "external".into()
            }
        );
        assert!(error.to_string().contains("set-clipboard on"), "{error}");
        assert!(out.is_empty());
    }

    #[test]
    fn no_way_to_copy_is_an_error_not_a_panic() {
        let mut clipboard = Clipboard::new(Environment {
            terminal_without_osc52: true,
            ..Environment::default()
        });
        let mut out = Vec::new();
        let error = clipboard.copy("654321", &mut out).unwrap_err();
        assert!(error.to_string().contains("no clipboard"), "{error}");
        assert!(!error.to_string().contains("654321"));
        assert!(out.is_empty());
    }
}
