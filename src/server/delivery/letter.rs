//! What a message to a user says: the templates, shipped under `assets/mail/<lang>/`
//! and compiled into the binary, each overridden by a file of the same name under
//! the config's `templates_dir` (`<templates_dir>/ko/body.html`), rendered with
//! minijinja for one user. HTML templates are auto-escaped (a display name is
//! data, never markup); a variable a template names but otpd does not give is an
//! error, so a typo in an administrator's template is found before any code is
//! issued ([`Templates::check`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use minijinja::{AutoEscape, Environment, UndefinedBehavior, context};
use zeroize::Zeroizing;

use super::settings::DeliverySettings;
use crate::server::error::{ConfigError, IoAction, ServerError};

/// The languages otpd writes to users in.
pub const LANGS: [&str; 2] = ["en", "ko"];

/// The parts of a message: the email's subject, plain text and HTML, and the short
/// text a webhook passes on (an SMS).
pub const PARTS: [&str; 4] = ["subject.txt", "body.txt", "body.html", "sms.txt"];

/// The shipped template `lang/part`.
fn builtin(lang: &str, part: &str) -> &'static str {
    match (lang, part) {
        ("ko", "subject.txt") => include_str!("../../../assets/mail/ko/subject.txt"),
        ("ko", "body.txt") => include_str!("../../../assets/mail/ko/body.txt"),
        ("ko", "body.html") => include_str!("../../../assets/mail/ko/body.html"),
        ("ko", "sms.txt") => include_str!("../../../assets/mail/ko/sms.txt"),
        (_, "subject.txt") => include_str!("../../../assets/mail/en/subject.txt"),
        (_, "body.txt") => include_str!("../../../assets/mail/en/body.txt"),
        (_, "body.html") => include_str!("../../../assets/mail/en/body.html"),
        _ => include_str!("../../../assets/mail/en/sms.txt"),
    }
}

/// What one message is about. Times are Unix seconds; they are shown in the
/// configured time zone with its offset.
pub struct Letter<'a> {
    /// `en` or `ko`.
    pub lang: &'static str,
    /// The organisation's name.
    pub org: &'a str,
    /// The customer code.
    pub customer: &'a str,
    /// The user's ID.
    pub user_id: &'a str,
    /// The user's display name (the ID when there is none).
    pub name: &'a str,
    /// The activation code.
    pub code: &'a str,
    /// When it was issued.
    pub valid_from: u64,
    /// When it expires.
    pub valid_until: u64,
    /// Seconds per one-time code of the token it enrolls.
    pub period: u32,
    /// Who to ask.
    pub contact: Option<&'a str>,
    /// Where to download otp.
    pub download_url: Option<&'a str>,
    /// What to give `otp add --server`.
    pub server_url: Option<&'a str>,
}

/// A rendered message. It holds the code: wiped when dropped, never `Debug`.
pub struct Rendered {
    /// One line.
    pub subject: Zeroizing<String>,
    /// The plain-text body.
    pub text: Zeroizing<String>,
    /// The HTML body.
    pub html: Zeroizing<String>,
    /// The short text for an SMS gateway.
    pub sms: Zeroizing<String>,
}

/// The compiled templates of both languages, and the time zone of their times.
pub struct Templates {
    env: Environment<'static>,
    files: HashMap<String, PathBuf>,
    zone: jiff::tz::TimeZone,
}

fn template_error(path: &Path, error: &minijinja::Error) -> ServerError {
    ConfigError::Template {
        path: path.to_owned(),
        line: error.line(),
        detail: error
            .detail()
            .map_or_else(|| error.kind().to_string(), str::to_owned),
    }
    .into()
}

/// A word safe to leave unquoted in a shell command, or the word in single quotes.
fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-@+:/=".contains(c));
    if plain {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

impl Templates {
    /// Compiles the shipped templates, each replaced by the administrator's file
    /// under `templates_dir` when there is one; a syntax error names its file and line.
    pub fn load(settings: &DeliverySettings) -> Result<Self, ServerError> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_auto_escape_callback(|name| {
            if name.ends_with(".html") {
                AutoEscape::Html
            } else {
                AutoEscape::None
            }
        });
        let mut files = HashMap::new();
        for lang in LANGS {
            for part in PARTS {
                let name = format!("{lang}/{part}");
                let file = settings.templates_dir.join(lang).join(part);
                let (source, path) = match std::fs::read_to_string(&file) {
                    Ok(text) => (text, file),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => (
                        builtin(lang, part).to_owned(),
                        PathBuf::from(format!("assets/mail/{name}")),
                    ),
                    Err(e) => return Err(ServerError::io(IoAction::ReadDeliveryFile(file))(e)),
                };
                env.add_template_owned(name.clone(), source)
                    .map_err(|e| template_error(&path, &e))?;
                files.insert(name, path);
            }
        }
        let zone = match &settings.time_zone {
            Some(name) => jiff::tz::TimeZone::get(name).map_err(|_| ConfigError::TimeZone {
                value: name.clone(),
            })?,
            None => jiff::tz::TimeZone::system(),
        };
        Ok(Self { env, files, zone })
    }

    /// `2018-12-18 16:31 (UTC+09:00)`: a Unix time in the configured time zone.
    pub fn local_time(&self, unix: u64) -> String {
        let seconds = i64::try_from(unix).unwrap_or(i64::MAX);
        match jiff::Timestamp::from_second(seconds) {
            Ok(at) => at
                .to_zoned_datetime(self.zone.clone())
                .strftime("%Y-%m-%d %H:%M (UTC%:z)")
                .to_string(),
            Err(_) => unix.to_string(),
        }
    }

    /// Renders every part of the message for `letter`.
    pub fn render(&self, letter: &Letter<'_>) -> Result<Rendered, ServerError> {
        // The command the user types, word by word (each word quoted for a shell
        // where it needs to be).
        let mut words = vec![
            "otp".to_owned(),
            "add".to_owned(),
            "--customer".to_owned(),
            shell_word(letter.customer),
            "--id".to_owned(),
            shell_word(letter.user_id),
        ];
        if let Some(server) = letter.server_url {
            words.push("--server".to_owned());
            words.push(shell_word(server));
        }
        let command = words.join(" ");
        let ttl = letter.valid_until.saturating_sub(letter.valid_from);
        let ctx = context! {
            lang => letter.lang,
            org => letter.org,
            customer => letter.customer,
            user_id => letter.user_id,
            name => letter.name,
            code => letter.code,
            valid_from => self.local_time(letter.valid_from),
            valid_until => self.local_time(letter.valid_until),
            valid_hours => ttl / 3600,
            valid_days => ttl.is_multiple_of(86_400).then_some(ttl / 86_400),
            uses => 1,
            period => letter.period,
            contact => letter.contact,
            download_url => letter.download_url,
            server_url => letter.server_url,
            enroll_command => command,
        };
        let part = |part: &str| -> Result<Zeroizing<String>, ServerError> {
            let name = format!("{}/{part}", letter.lang);
            let template = self.env.get_template(&name).map_err(|e| {
                template_error(&self.files.get(&name).cloned().unwrap_or_default(), &e)
            })?;
            template.render(&ctx).map(Zeroizing::new).map_err(|e| {
                template_error(&self.files.get(&name).cloned().unwrap_or_default(), &e)
            })
        };
        let subject = part("subject.txt")?;
        // One line: a template's line breaks must not become header lines.
        let subject = Zeroizing::new(subject.split_whitespace().collect::<Vec<_>>().join(" "));
        Ok(Rendered {
            subject,
            text: part("body.txt")?,
            html: part("body.html")?,
            sms: part("sms.txt")?,
        })
    }

    /// Renders both languages with a stand-in code, so that a template that fails
    /// to render is found before a real code is issued.
    pub fn check(&self, sample: &Letter<'_>) -> Result<(), ServerError> {
        for lang in LANGS {
            let lang = if lang == "ko" { "ko" } else { "en" };
            self.render(&Letter { lang, ..*sample })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn letter() -> Letter<'static> {
        Letter {
            lang: "ko",
            org: "KISTI <script>",
            customer: "1106",
            user_id: "jk lee",
            name: "이정국 <b>",
            code: "822145",
            valid_from: 1_545_118_260,
            valid_until: 1_545_377_460,
            period: 60,
            contact: Some("IT 지원센터 042-000-0000"),
            download_url: Some("https://example.org/otp"),
            server_url: Some("https://otp.example.org"),
        }
    }

    fn templates() -> Templates {
        let settings = DeliverySettings {
            time_zone: Some("Asia/Seoul".to_owned()),
            templates_dir: PathBuf::from("/nonexistent"),
            ..DeliverySettings::default()
        };
        Templates::load(&settings).unwrap()
    }

    #[test]
    fn the_korean_message_says_everything_and_escapes_html() {
        let rendered = templates().render(&letter()).unwrap();
        for needle in [
            "고객코드",
            "1106",
            "아이디",
            "인증코드",
            "822145",
            "2018-12-18 16:31 (UTC+09:00) ~ 2018-12-21 16:31 (UTC+09:00)",
            "사용가능횟수",
            "1회",
            "otp add --customer 1106 --id 'jk lee' --server https://otp.example.org",
            "문의처",
            "IT 지원센터 042-000-0000",
        ] {
            assert!(
                rendered.text.contains(needle),
                "{needle}:\n{}",
                *rendered.text
            );
        }
        assert!(
            rendered.html.contains("이정국 &lt;b&gt;"),
            "{}",
            *rendered.html
        );
        assert!(!rendered.html.contains("<script>"), "{}", *rendered.html);
        assert!(!rendered.subject.contains('\n'));
        assert!(!rendered.subject.contains("822145"));
        assert!(rendered.sms.contains("822145"));
    }

    #[test]
    fn an_unknown_variable_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("en")).unwrap();
        std::fs::write(dir.path().join("en/body.txt"), "a\n{{ cod }}\n").unwrap();
        let settings = DeliverySettings {
            templates_dir: dir.path().to_owned(),
            ..DeliverySettings::default()
        };
        let templates = Templates::load(&settings).unwrap();
        let error = templates.check(&letter()).err().unwrap();
        let ServerError::Config(ConfigError::Template { path, line, .. }) = error else {
            panic!("{error:?}");
        };
        assert_eq!(path, dir.path().join("en/body.txt"));
        assert_eq!(line, Some(2));
        std::fs::write(dir.path().join("en/body.txt"), "{% if %}").unwrap();
        assert!(Templates::load(&settings).is_err());
    }
}
