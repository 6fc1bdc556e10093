//! Desktop notifications of login requests, where a session bus exists
//! (`DBUS_SESSION_BUS_ADDRESS` set) and `notify-send` is on `PATH`: the program
//! is started and left to run (a thread reaps it), so the agent never waits on
//! it. The words come from the caller (the front-end that runs the agent), and
//! carry the context only, never the numbers: number matching must need the
//! login page.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// `notify-send` on `PATH`, when a session bus is there to take it.
pub fn notifier() -> Option<PathBuf> {
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").filter(|v| !v.is_empty())?;
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("notify-send"))
        .find(|candidate| is_executable(candidate))
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// Text for a notification body: the markup some notification servers read
/// (`<b>`, `&amp;`) is escaped, so untrusted context shows as it is.
pub fn escape_markup(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Shows `title` and `body` with `program` (`notify-send`), without waiting.
pub fn show(program: &Path, title: &str, body: &str) {
    let child = Command::new(program)
        .arg("--app-name=otp")
        .arg("--")
        .arg(title)
        .arg(escape_markup(body))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    if let Ok(mut child) = child {
        let _ = std::thread::Builder::new()
            .name("otp-notify".to_owned())
            .spawn(move || child.wait());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_the_context_is_shown_as_text() {
        assert_eq!(
            escape_markup("<b>KISTI</b> & co"),
            "&lt;b&gt;KISTI&lt;/b&gt; &amp; co"
        );
    }
}
