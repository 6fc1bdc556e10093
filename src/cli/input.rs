//! Where PINs, secrets and answers come from: standard input, the PIN sources
//! named in `otp --help`, or a hidden prompt on the terminal. Never argv.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};

use zeroize::Zeroizing;

use super::error::{CliError, InputError, IoAction};
use super::text::{self, Asked, Prompt, What};
use crate::i18n::Localize;
use crate::vault::Pin;

/// How many times an interactive user may retry a refused new PIN.
const NEW_PIN_TRIES: usize = 3;

/// Reads what a subcommand needs, in the order it needs it.
pub struct Input {
    pin_stdin: bool,
}

/// One line read from standard input, with the line ending removed.
fn read_stdin_line(what: What) -> Result<Zeroizing<String>, CliError> {
    let mut line = Zeroizing::new(String::new());
    let read = std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|source| CliError::Io {
            what: IoAction::ReadStdin(what.clone()),
            source,
        })?;
    if read == 0 {
        return Err(CliError::Input(InputError::StdinEnded(what)));
    }
    let trimmed = line.trim_end_matches(['\r', '\n']).len();
    line.truncate(trimmed);
    Ok(line)
}

fn first_line(text: &str) -> Zeroizing<String> {
    Zeroizing::new(text.lines().next().unwrap_or_default().trim().to_owned())
}

/// Whether `OTP_NO_PROMPT=1` forbids prompts (scripts that must fail, not hang).
fn prompts_forbidden() -> bool {
    std::env::var_os("OTP_NO_PROMPT").is_some_and(|v| v == "1")
}

/// A hidden prompt on the controlling terminal.
fn prompt_hidden(asked: Asked) -> Result<Zeroizing<String>, CliError> {
    if prompts_forbidden() {
        return Err(CliError::NoPin);
    }
    rpassword::prompt_password(asked.prompt())
        .map(Zeroizing::new)
        .map_err(|_| CliError::NoPin)
}

fn warn(message: &str) {
    eprintln!("{}: {message}", text::warning());
}

impl Input {
    /// `pin_stdin`: the PIN is the first line of standard input.
    pub fn new(pin_stdin: bool) -> Self {
        Self { pin_stdin }
    }

    /// The PIN from `OTP_PIN_FILE`, `OTP_PIN_COMMAND` or `OTP_PIN`, in that order.
    fn pin_from_environment() -> Result<Option<Zeroizing<String>>, CliError> {
        if let Some(path) = std::env::var_os("OTP_PIN_FILE") {
            let path = PathBuf::from(path);
            let contents =
                Zeroizing::new(
                    std::fs::read_to_string(&path).map_err(|source| CliError::Io {
                        what: IoAction::ReadPinFile(path.clone()),
                        source,
                    })?,
                );
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                if let Ok(meta) = std::fs::metadata(&path)
                    && meta.permissions().mode() & 0o077 != 0
                {
                    warn(&text::pin_file_readable(&path));
                }
            }
            return Ok(Some(first_line(&contents)));
        }
        if let Some(command) = std::env::var_os("OTP_PIN_COMMAND") {
            let output = Command::new("sh")
                .arg("-c")
                .arg(&command)
                .stdin(Stdio::null())
                .stderr(Stdio::inherit())
                .output()
                .map_err(|source| CliError::Io {
                    what: IoAction::RunPinCommand,
                    source,
                })?;
            let stdout = Zeroizing::new(output.stdout);
            if !output.status.success() {
                return Err(CliError::Input(InputError::PinCommandFailed {
                    status: output.status.to_string(),
                }));
            }
            let text = Zeroizing::new(String::from_utf8_lossy(&stdout).into_owned());
            return Ok(Some(first_line(&text)));
        }
        if let Ok(pin) = std::env::var("OTP_PIN") {
            return Ok(Some(Zeroizing::new(pin.trim().to_owned())));
        }
        Ok(None)
    }

    /// Whether `--pin-stdin` makes standard input the PIN's source.
    pub fn pin_from_stdin(&self) -> bool {
        self.pin_stdin
    }

    /// Whether secrets are typed at a hidden prompt (so a new password is asked twice)
    /// rather than read from standard input.
    pub fn is_interactive(&self) -> bool {
        !(self.pin_stdin || !std::io::stdin().is_terminal() || prompts_forbidden())
    }

    /// Whether [`Input::unlock_pin`] asks at a hidden prompt (no `--pin-stdin`, no
    /// PIN source in the environment, a terminal): the one source where asking
    /// again can bring another answer.
    #[cfg_attr(not(feature = "enroll"), allow(dead_code))]
    pub fn pin_is_typed(&self) -> bool {
        self.is_interactive()
            && ["OTP_PIN_FILE", "OTP_PIN_COMMAND", "OTP_PIN"]
                .iter()
                .all(|name| std::env::var_os(name).is_none())
    }

    /// The PIN that unlocks an existing vault.
    pub fn unlock_pin(&mut self) -> Result<Pin, CliError> {
        let text = if self.pin_stdin {
            read_stdin_line(What::Asked(Asked::Pin))?
        } else if let Some(pin) = Self::pin_from_environment()? {
            pin
        } else {
            prompt_hidden(Asked::Pin)?
        };
        Ok(Pin::for_unlock(&text)?)
    }

    /// A new PIN for `init` or `passwd`: typed twice at a prompt, or one line of
    /// standard input. `allow_environment` lets `init` take it from the PIN sources.
    pub fn new_pin(&mut self, allow_environment: bool) -> Result<Pin, CliError> {
        if self.pin_stdin {
            return Ok(Pin::new_checked(&read_stdin_line(What::Asked(
                Asked::NewPin,
            ))?)?);
        }
        if allow_environment && let Some(pin) = Self::pin_from_environment()? {
            return Ok(Pin::new_checked(&pin)?);
        }
        if !std::io::stdin().is_terminal() {
            return Ok(Pin::new_checked(&read_stdin_line(What::Asked(
                Asked::NewPin,
            ))?)?);
        }
        // Why the latest try failed (`None`: the two PINs differed). Only the last
        // try's reason is the final error; the earlier ones are said as they happen,
        // each followed by another prompt.
        let mut last_refusal = None;
        for attempt in 1..=NEW_PIN_TRIES {
            let more = attempt < NEW_PIN_TRIES;
            let first = prompt_hidden(Asked::NewPin)?;
            let pin = match Pin::new_checked(&first) {
                Ok(pin) => pin,
                Err(error) => {
                    if more {
                        eprintln!("{}", error.localize());
                    }
                    last_refusal = Some(error);
                    continue;
                }
            };
            let second = prompt_hidden(Asked::RepeatPin)?;
            if *first == *second {
                return Ok(pin);
            }
            if more {
                eprintln!("{}", text::pins_differ());
            }
            last_refusal = None;
        }
        Err(CliError::Input(InputError::NewPinGaveUp {
            tries: NEW_PIN_TRIES,
            last: last_refusal,
        }))
    }

    /// A secret value (base32 key, link, password, activation code): the next line
    /// of standard input when it is not a terminal, otherwise a hidden prompt.
    pub fn ask_secret(&mut self, asked: Asked) -> Result<Zeroizing<String>, CliError> {
        self.secret(asked, "")
    }

    /// Like [`Input::ask_secret`], with a prompt written elsewhere (ending in its
    /// space) and `what` naming the value in the user's language for errors; an
    /// [`Asked`] prompt names the value itself.
    pub fn secret(
        &mut self,
        prompt: impl Prompt,
        what: &str,
    ) -> Result<Zeroizing<String>, CliError> {
        let (prompt, what) = prompt.resolve(what);
        if self.pin_stdin || !std::io::stdin().is_terminal() || prompts_forbidden() {
            read_stdin_line(what)
        } else {
            rpassword::prompt_password(prompt)
                .map(Zeroizing::new)
                .map_err(|source| CliError::Io {
                    what: IoAction::ReadTerminal(what),
                    source,
                })
        }
    }

    /// A value that is not secret (an ID): the next line of standard input when it
    /// is not a terminal, otherwise a visible prompt (see [`Input::secret`] for the
    /// prompt and `what`).
    #[cfg_attr(not(feature = "enroll"), allow(dead_code))]
    pub fn line(&mut self, prompt: impl Prompt, what: &str) -> Result<Zeroizing<String>, CliError> {
        let (prompt, what) = prompt.resolve(what);
        if !(self.pin_stdin || !std::io::stdin().is_terminal() || prompts_forbidden()) {
            eprint!("{prompt}");
            let _ = std::io::stderr().flush();
        }
        read_stdin_line(what)
    }

    /// Asks a yes/no question on the terminal; `None` when there is no terminal.
    pub fn confirm(&mut self, question: &str) -> Result<Option<bool>, CliError> {
        if !std::io::stdin().is_terminal() || prompts_forbidden() {
            return Ok(None);
        }
        eprint!("{question}");
        let _ = std::io::stderr().flush();
        let answer = read_stdin_line(What::Asked(Asked::Answer))?;
        Ok(Some(means_yes(&answer, &crate::t!("cli-yes-words"))))
    }
}

/// Whether `answer` is one of the comma-separated `yes_words` (any case).
fn means_yes(answer: &str, yes_words: &str) -> bool {
    let answer = answer.trim().to_lowercase();
    !answer.is_empty() && yes_words.split(',').any(|word| word.trim() == answer)
}

/// Prints a warning line on standard error.
pub fn print_warning(message: &str) {
    warn(message);
}

#[cfg(test)]
mod tests {
    use super::means_yes;
    use crate::i18n::{Lang, catalogue};

    #[test]
    fn yes_is_understood_in_each_language_and_anything_else_is_no() {
        let english = catalogue::text(Lang::En, "cli-yes-words", None);
        let korean = catalogue::text(Lang::Ko, "cli-yes-words", None);
        assert!(means_yes("Y\n", &english) && means_yes(" yes", &english));
        assert!(means_yes("예", &korean) && means_yes("y", &korean));
        for no in ["", "n", "no", "yess", "예", "아니요"] {
            assert!(!means_yes(no, &english), "{no:?}");
        }
        assert!(!means_yes("아니요", &korean) && !means_yes("", &korean));
    }
}
