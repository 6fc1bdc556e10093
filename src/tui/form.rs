//! The forms for adding and renaming an account: fields, focus, and turning what was
//! typed into an [`Account`] with the same parsers and checks the CLI uses.

use zeroize::Zeroizing;

use super::message::Organisation;
use super::text;
use crate::accounts::Account;
use crate::code::{Algorithm, Digits, Kind, ParamError, Period};
use crate::i18n::Localize;
use crate::otpauth::{self, UriWarning};
use crate::secret::SecretKey;

/// Where a new account comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A base32 setup key typed or pasted by hand.
    Key,
    /// A pasted `otpauth://` link.
    Link,
    /// An organisation's customer code, then the person's ID and activation code.
    Customer,
}

impl Source {
    const ALL: [Source; 3] = [Source::Key, Source::Link, Source::Customer];

    /// The label shown in the form.
    pub fn label(self) -> String {
        match self {
            Source::Key => text::source_key(),
            Source::Link => text::source_link(),
            Source::Customer => text::source_customer(),
        }
    }
}

/// One line of a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Choice: where the account comes from.
    Source,
    /// Text: the account name.
    Name,
    /// Text: the issuer.
    Issuer,
    /// Secret text: the base32 key.
    Secret,
    /// Secret text: the `otpauth://` link.
    Link,
    /// Choice: show the advanced fields.
    Advanced,
    /// Choice: TOTP or HOTP.
    Type,
    /// Choice: the HMAC algorithm.
    Algorithm,
    /// Choice: 6, 7 or 8 digits.
    Digits,
    /// Text: the TOTP period in seconds.
    Period,
    /// Text: the HOTP counter.
    Counter,
    /// Text: the organisation's customer code (4 to 8 letters and digits).
    Customer,
    /// Text: the person's ID at the organisation.
    UserId,
    /// Secret text: the activation code (5 to 8 digits, as the organisation says).
    Activation,
}

impl Field {
    /// The label shown left of the value.
    pub fn label(self) -> String {
        match self {
            Field::Source => text::field_source(),
            Field::Name => text::field_name(),
            Field::Issuer => text::field_issuer(),
            Field::Secret => text::field_secret(),
            Field::Link => text::field_link(),
            Field::Advanced => text::field_advanced(),
            Field::Type => text::field_type(),
            Field::Algorithm => text::field_algorithm(),
            Field::Digits => text::field_digits(),
            Field::Period => text::field_period(),
            Field::Counter => text::field_counter(),
            Field::Customer => text::field_customer(),
            Field::UserId => text::field_user_id(),
            Field::Activation => text::field_activation(),
        }
    }

    /// Whether the value is picked with ←/→ rather than typed.
    pub fn is_choice(self) -> bool {
        matches!(
            self,
            Field::Source | Field::Advanced | Field::Type | Field::Algorithm | Field::Digits
        )
    }

    /// Whether the value is hidden on screen.
    pub fn is_secret(self) -> bool {
        matches!(self, Field::Secret | Field::Link | Field::Activation)
    }
}

/// What the customer-code form asks the worker for on Enter.
#[derive(Debug, PartialEq, Eq)]
pub enum CustomerStep {
    /// Look up this customer code.
    Lookup(String),
    /// Enroll with the organisation found.
    Enroll,
}

/// Most characters in a customer code.
pub const CUSTOMER_LENGTH: usize = crate::api::shapes::CUSTOMER_CODE_MAX;
/// Most digits in an activation code (before the organisation says how many).
pub const ACTIVATION_LENGTH: usize = crate::api::shapes::ACTIVATION_DIGITS_MAX as usize;

/// The form that adds an account.
pub struct AddForm {
    /// Where the account comes from.
    pub source: Source,
    /// Index into [`AddForm::fields`] of the focused field.
    pub focus: usize,
    /// Account name (for a link: replaces the link's name when not empty).
    pub name: String,
    /// Issuer (for a link: replaces the link's issuer when not empty).
    pub issuer: String,
    /// The base32 key as typed.
    pub secret: Zeroizing<String>,
    /// The `otpauth://` link as pasted.
    pub link: Zeroizing<String>,
    /// Whether the advanced fields are shown.
    pub advanced: bool,
    /// Counter-based instead of time-based.
    pub hotp: bool,
    /// HMAC algorithm.
    pub algorithm: Algorithm,
    /// Code length.
    pub digits: u8,
    /// Period in seconds, as typed.
    pub period: String,
    /// HOTP counter, as typed.
    pub counter: String,
    /// The customer code, as typed (digits only).
    pub customer: String,
    /// The organisation found for [`AddForm::customer`].
    pub organisation: Option<Organisation>,
    /// The person's ID at the organisation.
    pub user_id: String,
    /// The activation code, as typed (digits only; zeroized, never shown).
    pub activation: Zeroizing<String>,
    /// Why the last submit was refused.
    pub error: Option<String>,
}

impl std::fmt::Debug for AddForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AddForm")
            .field("source", &self.source)
            .field("focus", &self.focus)
            .field("name", &self.name)
            .field("issuer", &self.issuer)
            .field("secret", &"[redacted]")
            .field("link", &"[redacted]")
            .field("customer", &self.customer)
            .field("organisation", &self.organisation)
            .field("user_id", &self.user_id)
            .field("activation", &"[redacted]")
            .field("error", &self.error)
            .finish_non_exhaustive()
    }
}

impl Default for AddForm {
    fn default() -> Self {
        Self {
            source: Source::Key,
            focus: 1,
            name: String::new(),
            issuer: String::new(),
            secret: Zeroizing::new(String::new()),
            link: Zeroizing::new(String::new()),
            advanced: false,
            hotp: false,
            algorithm: Algorithm::default(),
            digits: Digits::SIX.get(),
            period: Period::DEFAULT.seconds().to_string(),
            counter: "0".to_owned(),
            customer: String::new(),
            organisation: None,
            user_id: String::new(),
            activation: Zeroizing::new(String::new()),
            error: None,
        }
    }
}

fn cycle<T: Copy + PartialEq>(all: &[T], current: T, forward: bool) -> T {
    let index = all.iter().position(|x| *x == current).unwrap_or(0);
    let len = all.len().max(1);
    let next = if forward {
        (index + 1) % len
    } else {
        (index + len - 1) % len
    };
    all.get(next).copied().unwrap_or(current)
}

/// An account read from the form, with the warnings to show once it is added.
pub struct Parsed {
    /// The account.
    pub account: Account,
    /// Odd things about a link that did not stop it from being read.
    pub warnings: Vec<UriWarning>,
}

impl AddForm {
    /// The fields shown for the current source and the advanced switch.
    pub fn fields(&self) -> Vec<Field> {
        match self.source {
            Source::Key => {
                let mut fields = vec![
                    Field::Source,
                    Field::Name,
                    Field::Issuer,
                    Field::Secret,
                    Field::Advanced,
                ];
                if self.advanced {
                    fields.extend([Field::Type, Field::Algorithm, Field::Digits]);
                    fields.push(if self.hotp {
                        Field::Counter
                    } else {
                        Field::Period
                    });
                }
                fields
            }
            Source::Link => vec![Field::Source, Field::Link, Field::Name, Field::Issuer],
            Source::Customer if self.organisation.is_some() => vec![
                Field::Source,
                Field::Customer,
                Field::UserId,
                Field::Activation,
            ],
            Source::Customer => vec![Field::Source, Field::Customer],
        }
    }

    /// The focused field.
    pub fn focused(&self) -> Field {
        let fields = self.fields();
        fields
            .get(self.focus.min(fields.len().saturating_sub(1)))
            .copied()
            .unwrap_or(Field::Source)
    }

    /// Moves the focus to the next (or previous) field, wrapping around.
    pub fn move_focus(&mut self, forward: bool) {
        let len = self.fields().len().max(1);
        let focus = self.focus.min(len - 1);
        self.focus = if forward {
            (focus + 1) % len
        } else {
            (focus + len - 1) % len
        };
    }

    /// The text value of `field` (for display; secrets are masked by the caller).
    pub fn value(&self, field: Field) -> String {
        match field {
            Field::Source => self.source.label().to_owned(),
            Field::Name => self.name.clone(),
            Field::Issuer => self.issuer.clone(),
            Field::Secret => self.secret.to_string(),
            Field::Link => self.link.to_string(),
            Field::Advanced => if self.advanced {
                text::advanced_shown()
            } else {
                text::advanced_hidden()
            }
            .to_owned(),
            Field::Type => if self.hotp {
                text::type_hotp()
            } else {
                text::type_totp()
            }
            .to_owned(),
            Field::Algorithm => self.algorithm.as_str().to_owned(),
            Field::Digits => self.digits.to_string(),
            Field::Period => self.period.clone(),
            Field::Counter => self.counter.clone(),
            Field::Customer => self.customer.clone(),
            Field::UserId => self.user_id.clone(),
            Field::Activation => String::new(),
        }
    }

    /// How many characters a secret field holds (shown instead of the text).
    pub fn secret_len(&self, field: Field) -> usize {
        match field {
            Field::Secret => self.secret.chars().count(),
            Field::Link => self.link.chars().count(),
            Field::Activation => self.activation.chars().count(),
            _ => 0,
        }
    }

    /// Changes a choice field with ←/→.
    pub fn choose(&mut self, forward: bool) {
        match self.focused() {
            Field::Source => self.source = cycle(&Source::ALL, self.source, forward),
            Field::Advanced => self.advanced = !self.advanced,
            Field::Type => self.hotp = !self.hotp,
            Field::Algorithm => {
                self.algorithm = cycle(&Algorithm::ALL, self.algorithm, forward);
            }
            Field::Digits => self.digits = cycle(&[6, 7, 8], self.digits, forward),
            _ => {}
        }
        self.error = None;
    }

    fn text_mut(&mut self, field: Field) -> Option<&mut String> {
        match field {
            Field::Name => Some(&mut self.name),
            Field::Issuer => Some(&mut self.issuer),
            Field::Secret => Some(&mut self.secret),
            Field::Link => Some(&mut self.link),
            Field::Period => Some(&mut self.period),
            Field::Counter => Some(&mut self.counter),
            Field::Customer => Some(&mut self.customer),
            Field::UserId => Some(&mut self.user_id),
            Field::Activation => Some(&mut self.activation),
            _ => None,
        }
    }

    /// A changed customer code needs a new look-up: forget the organisation (and
    /// the activation code typed for it).
    fn customer_changed(&mut self, field: Field) {
        if field == Field::Customer
            && self
                .organisation
                .as_ref()
                .is_some_and(|o| o.customer != self.customer)
        {
            self.organisation = None;
            self.activation.clear();
        }
    }

    /// What Enter asks for in the customer-code form: the look-up while the code
    /// typed has no organisation yet, then the enrollment once the ID and the
    /// activation code are complete. The refusal is the sentence to show.
    pub fn customer_step(&self) -> Result<CustomerStep, String> {
        if crate::api::shapes::normalize_customer_code(&self.customer).is_none() {
            return Err(text::customer_four_digits().to_owned());
        }
        if self.organisation.is_none() {
            return Ok(CustomerStep::Lookup(self.customer.clone()));
        }
        if self.user_id.trim().is_empty() {
            return Err(text::user_id_empty().to_owned());
        }
        let digits = self.activation_digits();
        if self.activation.len() != usize::from(digits) {
            return Err(text::activation_six_digits(digits));
        }
        Ok(CustomerStep::Enroll)
    }

    /// How many digits the activation code has: as the organisation found says
    /// (6 until it is known).
    pub fn activation_digits(&self) -> u8 {
        self.organisation
            .as_ref()
            .map_or(crate::api::shapes::ACTIVATION_DIGITS_DEFAULT, |o| {
                o.code_digits
            })
    }

    /// The label of `field` in this form: the activation code's says how many
    /// digits it has once the organisation is known.
    pub fn label(&self, field: Field) -> String {
        match (field, &self.organisation) {
            (Field::Activation, Some(organisation)) => {
                text::field_activation_digits(organisation.code_digits)
            }
            _ => field.label(),
        }
    }

    /// The organisation was found: show it and move to the ID.
    pub fn found(&mut self, organisation: Organisation) {
        if organisation.customer == self.customer {
            self.organisation = Some(organisation);
            self.focus = 2;
            self.error = None;
        }
    }

    /// The server refused the activation code (`message` says why): empty its
    /// field and put the focus there, keeping the customer code and the ID.
    pub fn activation_refused(&mut self, message: String) {
        self.activation.clear();
        if let Some(index) = self.fields().iter().position(|f| *f == Field::Activation) {
            self.focus = index;
        }
        self.error = Some(message);
    }

    /// Types `text` into the focused field (a space toggles a choice field).
    pub fn insert(&mut self, text: &str) {
        let field = self.focused();
        if field.is_choice() {
            if text == " " {
                self.choose(true);
            }
            return;
        }
        let activation = self
            .organisation
            .as_ref()
            .map_or(ACTIVATION_LENGTH, |o| usize::from(o.code_digits));
        let digits = match field {
            Field::Activation => Some(activation),
            _ => None,
        };
        if field == Field::Customer {
            // Letters and digits, in upper case (`u1034` is `U1034`).
            for c in text.chars().filter(char::is_ascii_alphanumeric) {
                if self.customer.len() < CUSTOMER_LENGTH {
                    self.customer.push(c.to_ascii_uppercase());
                }
            }
            self.customer_changed(field);
            self.error = None;
            return;
        }
        if let Some(value) = self.text_mut(field) {
            match digits {
                // Codes take digits only (pasted spaces and hyphens are dropped).
                Some(max) => {
                    for c in text.chars().filter(char::is_ascii_digit) {
                        if value.len() < max {
                            value.push(c);
                        }
                    }
                }
                // Names and links are one line: pasted line breaks become nothing.
                None => value.extend(text.chars().filter(|c| !c.is_control())),
            }
        }
        self.customer_changed(field);
        self.error = None;
    }

    /// Deletes the last character of the focused field.
    pub fn backspace(&mut self) {
        let field = self.focused();
        if let Some(value) = self.text_mut(field) {
            value.pop();
        }
        self.customer_changed(field);
        self.error = None;
    }

    /// Empties the focused field.
    pub fn clear(&mut self) {
        let field = self.focused();
        if let Some(value) = self.text_mut(field) {
            value.clear();
        }
        self.customer_changed(field);
        self.error = None;
    }

    /// Whether the advanced fields still hold their defaults (time-based, SHA1, 6
    /// digits, 30 s): a Steam Guard key then overrides them without a word.
    fn advanced_untouched(&self) -> bool {
        let fresh = AddForm::default();
        !self.hotp
            && self.algorithm == fresh.algorithm
            && self.digits == fresh.digits
            && self.period.trim() == fresh.period
    }

    /// Reads the account the form describes, with the CLI's parsers and messages.
    /// A Steam Guard key (`steam://SECRET`) is taken as the setup key or as the link.
    pub fn parse(&self) -> Result<Parsed, String> {
        let optional = |text: &str| Some(text.trim().to_owned()).filter(|t| !t.is_empty());
        match self.source {
            Source::Customer => Err(text::customer_four_digits().to_owned()),
            Source::Link => {
                if self.link.trim().is_empty() {
                    return Err(text::link_empty().to_owned());
                }
                if let Some(key) = otpauth::steam_key(&self.link) {
                    // A Steam Guard key names no account: the form's name is needed.
                    let Some(name) = optional(&self.name) else {
                        return Err(text::steam_key_needs_name());
                    };
                    return Ok(Parsed {
                        account: steam_account(name, optional(&self.issuer), key)?,
                        warnings: Vec::new(),
                    });
                }
                let parsed = otpauth::parse(&self.link).map_err(|e| e.localize())?;
                let uri = parsed.uri;
                Ok(Parsed {
                    account: Account {
                        name: optional(&self.name).unwrap_or(uri.account),
                        issuer: optional(&self.issuer).or(uri.issuer),
                        secret: uri.secret,
                        algorithm: uri.algorithm,
                        digits: uri.digits,
                        kind: uri.kind,
                    },
                    warnings: parsed.warnings,
                })
            }
            Source::Key => {
                if let Some(key) = otpauth::steam_key(&self.secret) {
                    if self.advanced && !self.advanced_untouched() {
                        return Err(text::steam_key_options());
                    }
                    return Ok(Parsed {
                        account: steam_account(
                            self.name.trim().to_owned(),
                            optional(&self.issuer),
                            key,
                        )?,
                        warnings: Vec::new(),
                    });
                }
                let secret = SecretKey::parse_base32(&self.secret).map_err(|e| e.localize())?;
                let digits = Digits::new(self.digits).map_err(|e| e.localize())?;
                let kind = if self.hotp {
                    let counter = self.counter.trim();
                    Kind::Hotp {
                        counter: counter
                            .parse()
                            .map_err(|_| ParamError::Counter(counter.to_owned()).localize())?,
                    }
                } else {
                    Kind::Totp {
                        period: self
                            .period
                            .trim()
                            .parse::<Period>()
                            .map_err(|e| e.localize())?,
                    }
                };
                Ok(Parsed {
                    account: Account {
                        name: self.name.trim().to_owned(),
                        issuer: optional(&self.issuer),
                        secret,
                        algorithm: self.algorithm,
                        digits,
                        kind,
                    },
                    warnings: Vec::new(),
                })
            }
        }
    }
}

/// The Steam Guard account of a `steam://` key: its issuer is Steam unless the form
/// names another.
fn steam_account(
    name: String,
    issuer: Option<String>,
    key: Result<SecretKey, crate::secret::SecretError>,
) -> Result<Account, String> {
    Ok(Account {
        name,
        issuer: Some(issuer.unwrap_or_else(|| otpauth::STEAM_KEY_ISSUER.to_owned())),
        secret: key.map_err(|e| e.localize())?,
        algorithm: Algorithm::Sha1,
        digits: Digits::STEAM,
        kind: Kind::Steam,
    })
}

/// The form that renames an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenameForm {
    /// The account's label before the change.
    pub label: String,
    /// The new name.
    pub name: String,
    /// The new issuer (empty removes it).
    pub issuer: String,
    /// 0: the name, 1: the issuer.
    pub focus: usize,
    /// Why the last submit was refused.
    pub error: Option<String>,
}

impl RenameForm {
    /// The fields, in order.
    pub const FIELDS: [Field; 2] = [Field::Name, Field::Issuer];

    /// A form filled with the account's current name and issuer.
    pub fn for_account(account: &Account) -> Self {
        Self {
            label: account.label(),
            name: account.name.clone(),
            issuer: account.issuer.clone().unwrap_or_default(),
            focus: 0,
            error: None,
        }
    }

    fn focused_mut(&mut self) -> &mut String {
        if self.focus == 0 {
            &mut self.name
        } else {
            &mut self.issuer
        }
    }

    /// Types `text` into the focused field.
    pub fn insert(&mut self, text: &str) {
        self.focused_mut()
            .extend(text.chars().filter(|c| !c.is_control()));
        self.error = None;
    }

    /// Deletes the last character of the focused field.
    pub fn backspace(&mut self) {
        self.focused_mut().pop();
        self.error = None;
    }

    /// Empties the focused field.
    pub fn clear(&mut self) {
        self.focused_mut().clear();
        self.error = None;
    }

    /// The issuer to store: `None` removes it.
    pub fn new_issuer(&self) -> Option<String> {
        Some(self.issuer.trim().to_owned()).filter(|i| !i.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_form_uses_the_cli_parsers_and_messages() {
        let mut form = AddForm {
            name: "alice".into(),
            ..AddForm::default()
        };
        form.secret = Zeroizing::new("JBSW Y3D0".into());
        let error = form.parse().err().unwrap_or_default();
        assert_eq!(
            error,
            SecretKey::parse_base32("JBSW Y3D0").unwrap_err().localize()
        );
        form.secret = Zeroizing::new("jbsw y3dp ehpk 3pxp".into());
        form.period = "0".into();
        assert_eq!(
            form.parse().err(),
            Some("0".parse::<Period>().unwrap_err().localize())
        );
        form.period = "60".into();
        let parsed = form.parse().unwrap();
        assert_eq!(
            parsed.account.kind,
            Kind::Totp {
                period: Period::new(60).unwrap()
            }
        );
        form.hotp = true;
        form.counter = "x".into();
        assert_eq!(
            form.parse().err(),
            Some(ParamError::Counter("x".into()).localize())
        );
    }

    #[test]
    fn link_form_overrides_name_and_issuer_only_when_given() {
        let mut form = AddForm {
            source: Source::Link,
            ..AddForm::default()
        };
        form.link = Zeroizing::new(
            "otpauth://totp/AT%26T:bob?secret=GEZDGNBVGY3TQOJQ&issuer=AT%26T&digits=8".into(),
        );
        let parsed = form.parse().unwrap();
        assert_eq!(parsed.account.label(), "AT&T:bob");
        assert_eq!(parsed.account.digits.get(), 8);
        form.name = "robert".into();
        assert_eq!(form.parse().unwrap().account.label(), "AT&T:robert");
        form.link = Zeroizing::new("https://example.com".into());
        assert_eq!(
            form.parse().err(),
            Some(otpauth::UriError::NotOtpauth.localize())
        );
    }

    /// A Steam Guard link or `steam://` key adds a Steam Guard account, as `otp add`
    /// does; the key names no account, so the form's name is needed.
    #[test]
    fn steam_links_and_keys_add_steam_guard_accounts() {
        let mut form = AddForm {
            source: Source::Link,
            ..AddForm::default()
        };
        form.link = Zeroizing::new(
            "otpauth://steam/Steam:gamer?secret=GEZDGNBVGY3TQOJQ&issuer=Steam".into(),
        );
        let linked = form.parse().unwrap().account;
        assert_eq!(
            (linked.label().as_str(), linked.kind),
            ("Steam:gamer", Kind::Steam)
        );
        assert_eq!(linked.digits, Digits::STEAM);

        form.link = Zeroizing::new(" steam://GEZDGNBVGY3TQOJQ ".into());
        assert_eq!(form.parse().err(), Some(text::steam_key_needs_name()));
        form.name = "gamer".into();
        let keyed = form.parse().unwrap().account;
        assert_eq!(keyed, linked);
        form.issuer = "Valve".into();
        assert_eq!(form.parse().unwrap().account.label(), "Valve:gamer");

        let mut form = AddForm {
            name: "gamer".into(),
            ..AddForm::default()
        };
        form.secret = Zeroizing::new("steam://GEZDGNBVGY3TQOJQ".into());
        assert_eq!(form.parse().unwrap().account, linked);
        // Advanced fields shown but untouched do not matter; changed ones are refused.
        form.advanced = true;
        assert_eq!(form.parse().unwrap().account, linked);
        form.digits = 8;
        assert_eq!(form.parse().err(), Some(text::steam_key_options()));
        // A broken key is said as a broken setup key is.
        form.digits = 6;
        form.secret = Zeroizing::new("steam://GEZDGNB0".into());
        assert_eq!(
            form.parse().err(),
            Some(SecretKey::parse_base32("GEZDGNB0").unwrap_err().localize())
        );
    }

    #[test]
    fn fields_follow_source_and_advanced() {
        let mut form = AddForm::default();
        assert_eq!(form.focused(), Field::Name);
        assert_eq!(form.fields().len(), 5);
        form.focus = 4;
        form.choose(true);
        assert!(form.advanced);
        assert_eq!(form.fields().last(), Some(&Field::Period));
        form.hotp = true;
        assert_eq!(form.fields().last(), Some(&Field::Counter));
        form.focus = 0;
        form.choose(true);
        assert_eq!(form.source, Source::Link);
        form.choose(false);
        form.choose(false);
        assert_eq!(form.source, Source::Customer);
        assert_eq!(form.fields(), [Field::Source, Field::Customer]);
        assert!(form.parse().is_err());
        assert!(!format!("{form:?}").contains("JBSW"));
    }
}
