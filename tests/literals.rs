//! Keeps the product's words in the catalogues: fails when a string literal that reads
//! like a sentence for a person appears in the code of `src/` instead of in
//! `assets/i18n/<lang>/<area>.ftl`, named with `t!(…)`.
//!
//! # The rules
//!
//! A literal *looks user-facing* when it holds any Hangul, or at least two words of
//! letters: after the `{…}` placeholders of a format string are taken out, two of its
//! whitespace-separated pieces are words (two or more letters, with only punctuation
//! around them, like `Press` or `unlock,`). `Content-Type`, `application/json`,
//! `otp-code`, `%Y-%m-%d`, `agent-{hash}.sock` and `otpd: {error}` are not.
//!
//! Every `.rs` file under `src/` is parsed with syn and every string literal visited,
//! including those inside macro calls (`format!`, `println!`, `write!`, `vec![…]`, …),
//! except:
//!
//! - test code: files named `tests.rs` or `*_tests.rs` or in a `tests` directory,
//!   files of modules declared `#[cfg(test)] mod x;`, and every item (module,
//!   function, impl, field, statement…) under `#[test]`, `#[cfg(test)]` or
//!   `#[cfg(… feature = "test-support" …)]` (a `not(…)` in the cfg keeps it checked),
//!   and inline modules named `tests`;
//! - developer text: the bodies of `impl Debug for …`, and of `impl Display for T`
//!   when the crate also has `impl Localize for T` (people see `localize()`; the
//!   `Display` text is for logs, like `#[error(…)]`) or when T is listed in
//!   [`DEVELOPER_TEXT`] with a reason, and the bodies of the functions listed there
//!   (helpers that only `#[error(…)]` texts call);
//! - attributes, entirely: doc comments, `#[error(…)]` (the developer text of a lower
//!   layer's error, shown to people only through `Localize`), clap's `#[arg(…)]` and
//!   `#[command(…)]` (help is set from the catalogue at run time), `#[serde(…)]`, cfg;
//! - the insides of `t!`/`t_in!` (message ids) and of `include_str!`, `env!` and the
//!   like (file names, variable names);
//! - messages of things that must not happen to a user (the project forbids panics
//!   on user input): `panic!`, `unreachable!`, `todo!`, `unimplemented!`, the
//!   `assert!` family and `.expect("…")`;
//! - SQL: a literal starting with an upper-case SQL keyword and a blank;
//! - byte strings (`b"…"`): protocol labels and key-derivation contexts, never text;
//! - log lines (see [`LOG_FILES`]): the project has no logging macro; otpd's journal
//!   is its standard error, and each journal line is one `eprintln!` whose format string
//!   starts with the tag `otpd: `. Those lines stay English for grep and for whoever
//!   reads the journal across languages, so such an `eprintln!` in the server runtime's
//!   files is skipped whole. The same line anywhere else (an admin command's output) is
//!   checked like any other;
//! - the entries of [`ALLOW`]: (file, part of the literal, reason), each for something
//!   that is not for people to read (protocol strings, header names, proper nouns…).
//!
//! An ALLOW entry that matches nothing fails the test too, so the list cannot rot.
//!
//! Set `LITERALS_SRC=/some/checkout/src` to check another tree (with `-- --nocapture`
//! the per-area counts are printed even when the check passes).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use syn::visit::{self, Visit};
use syn::{Attribute, ImplItem, Item, LitStr, Macro, Stmt, TraitItem};

// ---------------------------------------------------------------------------------------
// The rules
// ---------------------------------------------------------------------------------------

/// Literals that look like words but are not for people to read: (file relative to
/// `src/` — a name ending in `/` covers a directory —, a part of the literal, why).
/// One entry may cover several literals of its file; it must match at least one.
const ALLOW: &[(&str, &str, &str)] = &[
    (
        "api/push.rs",
        "otp push ",
        "the purpose labels a device signs: protocol bytes, never shown",
    ),
    (
        "transfer/google.rs",
        "Google Authenticator",
        "the app's name, a proper noun, as the label of notes about a whole export",
    ),
    (
        "transfer/aegis.rs",
        "an object or a base64 string",
        "serde's `expecting` detail, quoted as a value inside a localized sentence like serde's own errors",
    ),
    (
        "transfer/error.rs",
        "missing field `",
        "matched against serde_json's English error text to pick out a field name; not shown",
    ),
    (
        "transfer/error.rs",
        " at line ",
        "matched against serde_json's English error text to cut off its position; not shown",
    ),
    (
        "i18n/catalogue.rs",
        "no area has this prefix",
        "catalogue::check tells the catalogue tests which message id is wrong; developer text",
    ),
    (
        "i18n/catalogue.rs",
        ": missing in ",
        "catalogue::check tells the catalogue tests which message id is wrong; developer text",
    ),
    (
        "server/store.rs",
        "'verify'",
        "SQL: the VALUES row of the batched INSERT of verification events",
    ),
    (
        "server/admin.rs",
        "client={} name=",
        "the detail of an audit record (key=value, stored for grep), not shown",
    ),
    (
        "server/user_import.rs",
        "added={} updated={} unchanged=",
        "the detail of an audit record (key=value, stored for grep), not shown",
    ),
    (
        "server/user_import.rs",
        "problems=",
        "the detail of an audit record (key=value, stored for grep), not shown",
    ),
    (
        "server/roster.rs",
        "아이디",
        "a Korean column heading the import file may use (matched, never shown)",
    ),
    (
        "server/roster.rs",
        "이름",
        "a Korean column heading the import file may use (matched, never shown)",
    ),
    (
        "server/roster.rs",
        "이메일",
        "a Korean column heading the import file may use (matched, never shown)",
    ),
    (
        "server/roster.rs",
        "언어",
        "a Korean column heading the import file may use (matched, never shown)",
    ),
];

/// Developer text by name: a type whose `Display`, or a function (free or method)
/// whose body, only feeds a lower layer's `#[error(…)]` text (logs, Debug) while
/// people read the whole error's `localize()`. (file, type or function name, why).
const DEVELOPER_TEXT: &[(&str, &str, &str)] = &[
    (
        "transfer/error.rs",
        "Position",
        "part of ImportError's #[error] log text; people read ImportError::localize() (transfer.ftl)",
    ),
    (
        "transfer/error.rs",
        "LinkPlace",
        "part of ImportError's #[error] log text; people read ImportError::localize() (transfer.ftl)",
    ),
    (
        "transfer/error.rs",
        "AegisPart",
        "part of ImportError's #[error] log text; people read ImportError::localize() (transfer.ftl)",
    ),
    (
        "transfer/error.rs",
        "ScryptExcess",
        "part of ImportError's #[error] log text; people read ImportError::localize() (transfer.ftl)",
    ),
    (
        "transfer/error.rs",
        "BitwardenField",
        "part of ImportError's #[error] log text; people read ImportError::localize() (transfer.ftl)",
    ),
    (
        "transfer/error.rs",
        "TwoFasField",
        "part of ImportError's #[error] log text; people read ImportError::localize() (transfer.ftl)",
    ),
    (
        "transfer/imported.rs",
        "CodeNumbers",
        "part of ImportError's #[error] log text; people read ImportError::localize() (transfer.ftl)",
    ),
    (
        "transfer/format.rs",
        "title",
        "English format names for log text; people read Format::localize() (transfer.ftl)",
    ),
    (
        "accounts.rs",
        "list_candidates",
        "only MatchError's #[error] texts call it; people read MatchError::localize()",
    ),
    (
        "agent/mod.rs",
        "unsafe_fix",
        "only AgentError::Unsafe's #[error] text calls it; people read localize()",
    ),
    (
        "agent/mod.rs",
        "IoAction",
        "the failed step in AgentError's #[error] text; people read AgentError::localize()",
    ),
    (
        "agent/mod.rs",
        "UnsafeProblem",
        "in AgentError::Unsafe's #[error] text; people read AgentError::localize()",
    ),
    (
        "vault/error.rs",
        "IoAction",
        "the failed step in VaultError's #[error] text; people read VaultError::localize()",
    ),
    (
        "config.rs",
        "DefaultFile",
        "in ConfigError::NoHome's #[error] text; people read ConfigError::localize()",
    ),
];

/// Files of the server runtime whose standard error is otpd's journal: an `eprintln!`
/// there whose format string starts with [`LOG_TAG`] is a log line and stays English.
const LOG_FILES: &[&str] = &["server/", "otpd_cli/serve.rs"];

/// The tag that starts each line of otpd's journal.
const LOG_TAG: &str = "otpd: ";

/// Macros whose literals are never checked: message ids, file and variable names,
/// and the messages of panics and assertions.
const SKIPPED_MACROS: &[&str] = &[
    "t",
    "t_in",
    "include_str",
    "include_bytes",
    "env",
    "option_env",
    "concat_idents",
    "compile_error",
    "panic",
    "unreachable",
    "todo",
    "unimplemented",
    "assert",
    "assert_eq",
    "assert_ne",
    "debug_assert",
    "debug_assert_eq",
    "debug_assert_ne",
];

/// Methods whose string arguments are panic messages.
const PANIC_METHODS: &[&str] = &["expect", "expect_err"];

/// Upper-case keywords that start a statement of SQL.
const SQL_KEYWORDS: &[&str] = &[
    "SELECT",
    "INSERT",
    "UPDATE",
    "DELETE",
    "CREATE",
    "WITH",
    "PRAGMA",
    "ALTER",
    "DROP",
    "BEGIN",
    "COMMIT",
    "ROLLBACK",
    "VACUUM",
    "REPLACE",
    "UPSERT",
    "ON CONFLICT",
    "WHERE",
    "VALUES",
    "SET",
];

/// Which catalogue a file's words belong in, for the failure message: the first
/// prefix of the file's path that matches (a suggestion; the owner decides).
const AREAS: &[(&str, &str)] = &[
    ("cli/", "cli"),
    ("main.rs", "cli"),
    ("manual.rs", "help"),
    ("tui/help", "help"),
    ("tui/", "tui"),
    ("enroll/", "enroll"),
    ("transfer/", "transfer"),
    ("api/", "api"),
    ("server/", "otpd"),
    ("otpd_cli/", "otpd"),
    ("bin/", "otpd"),
    ("i18n/", "common"),
];

fn src_dir() -> PathBuf {
    match std::env::var_os("LITERALS_SRC") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
    }
}

#[test]
fn no_user_facing_literal_outside_the_catalogues() {
    let src = src_dir();
    let scan = scan_tree(&src, ALLOW);
    let report = scan.report(ALLOW);
    if std::env::var_os("LITERALS_SRC").is_some() {
        println!("{}", scan.area_counts());
    }
    assert!(report.is_empty(), "{report}");
}

/// The checker itself can fail: a sentence is caught, and everything the rules skip
/// is skipped.
#[test]
fn the_checker_catches_a_sentence_and_skips_the_rest() {
    let source = r##"
        //! A doc comment with many words.
        use crate::t;

        /// Doc comment words.
        #[derive(Debug, thiserror::Error)]
        pub enum E {
            #[error("the vault is locked right now")]
            Locked,
        }

        pub fn run(name: &str) -> String {
            println!("Added the account {name}.");
            let hint = "press q to quit";
            let ok = t!("cli-added", label = "two words");
            let header = "Content-Type";
            let mime = "application/json";
            let only = "otpd: {name}";
            let korean = "잠금";
            let sql = "SELECT id FROM accounts WHERE label = ?";
            let allowed = "Google Authenticator";
            let opt: Option<u8> = None;
            opt.expect("a value was there before");
            assert!(ok.is_empty(), "the id must exist somewhere");
            eprintln!("otpd: listening on {name}");
            format!("{hint}{ok}{header}{mime}{only}{korean}{sql}{allowed}")
        }

        #[cfg(test)]
        mod tests {
            #[test]
            fn t() { let _ = "a sentence in a test"; }
        }

        #[cfg(any(test, feature = "test-support"))]
        pub fn shortcut() -> &'static str { "a test support sentence" }

        #[cfg(not(test))]
        pub fn shipped() -> &'static str { "a shipped sentence" }

        impl std::fmt::Debug for Pin {
            fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result { write!(f, "Pin of {} digits", 6) }
        }
        impl fmt::Display for VaultError {
            fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result { f.write_str("the vault is locked") }
        }
        impl Localize for VaultError {
            fn localize_in(&self, lang: Lang) -> String { t_in!(lang, "err-locked") }
        }
        impl fmt::Display for IoAction {
            fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result { f.write_str("open the vault") }
        }
        fn log_fix(path: &str) -> String { format!("remove it with rm {path}") }
        impl fmt::Display for Screen {
            fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result { f.write_str("the unlock screen") }
        }
    "##;
    let allow: &[(&str, &str, &str)] = &[
        ("cli/run.rs", "Google Authenticator", "the app's name"),
        ("cli/run.rs", "never written anywhere", "stale on purpose"),
    ];
    let mut scan = Scan {
        localized: localized_types(&[("cli/run.rs".to_owned(), source.to_owned())]),
        developer_text: &[
            ("cli/run.rs", "IoAction", "part of an error's log text"),
            ("cli/run.rs", "log_fix", "feeds an error's log text"),
            ("cli/run.rs", "Gone", "stale on purpose"),
        ],
        ..Scan::default()
    };
    scan.file("cli/run.rs", source, allow);
    let found: Vec<&str> = scan.findings.iter().map(|f| f.text.as_str()).collect();
    assert_eq!(
        found,
        [
            "Added the account {name}.",
            "press q to quit",
            "잠금",
            "otpd: listening on {name}",
            "a shipped sentence",
            "the unlock screen",
        ],
        "findings: {:#?}",
        scan.findings
    );
    // Outside the log files the journal rule does not apply; inside it does.
    let mut server = Scan {
        localized: scan.localized.clone(),
        ..Scan::default()
    };
    server.file("server/http.rs", source, allow);
    assert!(
        !server.findings.iter().any(|f| f.text.starts_with("otpd: ")),
        "{:#?}",
        server.findings
    );
    assert_eq!(scan.findings[0].line, 13, "the line of the first finding");
    let report = scan.report(allow);
    assert!(
        report.contains("cli/run.rs:13: \"Added the account {name}.\""),
        "{report}"
    );
    assert!(report.contains("assets/i18n/<lang>/cli.ftl"), "{report}");
    assert!(
        report.contains("never written anywhere") && !report.contains("the app's name"),
        "only the stale entry is reported stale:\n{report}"
    );
    assert!(
        report.contains("\"Gone\"") && !report.contains("part of an error's log text"),
        "only the stale DEVELOPER_TEXT entry is reported stale:\n{report}"
    );
}

#[test]
fn what_looks_user_facing() {
    for text in [
        "Added the account.",
        "Hello, world",
        "PIN (6 digits): ",
        "unknown account {label}",
        "한국어",
        "CE-1001 the vault is locked",
    ] {
        assert!(looks_user_facing(text), "{text:?} should be caught");
    }
    for text in [
        "",
        "Content-Type",
        "application/json",
        "otpd: {error}",
        "{label} {code}",
        "agent-{hash:016x}.sock",
        "otpauth://{}/{label}?secret=",
        "%Y-%m-%d %H:%M",
        "otp-code",
        "/v1/enroll/start",
        "q",
        "x y",
    ] {
        assert!(!looks_user_facing(text), "{text:?} should pass");
    }
    assert!(is_sql("  SELECT id FROM t"));
    assert!(!is_sql("Select an account"));
}

// ---------------------------------------------------------------------------------------
// What looks like words
// ---------------------------------------------------------------------------------------

fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}')
}

/// The text with the `{…}` placeholders of a format string taken out (`{{` stays): a
/// placeholder glued to other characters leaves one piece (`agent-{hash}.sock`).
fn without_placeholders(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '{' {
            if chars.peek() == Some(&'{') {
                chars.next();
                out.push('{');
                continue;
            }
            for inner in chars.by_ref() {
                if inner == '}' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn is_word(piece: &str) -> bool {
    let core = piece.trim_matches(|c: char| c.is_ascii_punctuation());
    core.chars().count() >= 2
        && core
            .chars()
            .all(|c| c.is_alphabetic() || c == '\'' || c == '-')
        && core.chars().filter(|c| c.is_alphabetic()).count() >= 2
}

fn looks_user_facing(text: &str) -> bool {
    if text.chars().any(is_hangul) {
        return true;
    }
    without_placeholders(text)
        .split_whitespace()
        .filter(|piece| is_word(piece))
        .nth(1)
        .is_some()
}

fn is_sql(text: &str) -> bool {
    let text = text.trim_start();
    SQL_KEYWORDS.iter().any(|keyword| {
        text.strip_prefix(keyword)
            .is_some_and(|rest| rest.starts_with(char::is_whitespace))
    })
}

// ---------------------------------------------------------------------------------------
// The scan
// ---------------------------------------------------------------------------------------

#[derive(Debug)]
struct Finding {
    file: String,
    line: usize,
    text: String,
}

#[derive(Default)]
struct Scan {
    findings: Vec<Finding>,
    /// Per ALLOW entry, how many literals it let through.
    allow_hits: BTreeMap<usize, usize>,
    files: usize,
    /// Names of the types with an `impl Localize for …` anywhere in the tree.
    localized: BTreeSet<String>,
    /// The DEVELOPER_TEXT list in force, and which of its entries were used.
    developer_text: &'static [(&'static str, &'static str, &'static str)],
    developer_hits: BTreeSet<usize>,
}

fn scan_tree(src: &Path, allow: &[(&str, &str, &str)]) -> Scan {
    let mut paths = Vec::new();
    collect_rs(src, &mut paths);
    paths.sort();
    let mut sources = Vec::new();
    for path in &paths {
        let rel = path
            .strip_prefix(src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        sources.push((rel, text));
    }
    // Files of modules declared `#[cfg(test)] mod x;` are test code, whatever their name.
    let mut test_dirs: Vec<String> = Vec::new();
    for (rel, text) in &sources {
        let file = syn::parse_file(text).unwrap_or_else(|e| panic!("cannot parse {rel}: {e}"));
        let dir = child_dir(rel);
        for item in &file.items {
            if let Item::Mod(module) = item
                && module.content.is_none()
                && is_test_only(&module.attrs)
            {
                test_dirs.push(format!("{dir}{}", module.ident));
            }
        }
    }
    let mut scan = Scan {
        localized: localized_types(&sources),
        developer_text: DEVELOPER_TEXT,
        ..Scan::default()
    };
    for (rel, text) in &sources {
        let name = rel.rsplit('/').next().unwrap_or(rel);
        let stem = rel.trim_end_matches(".rs").trim_end_matches("/mod");
        if name == "tests.rs"
            || name.ends_with("_tests.rs")
            || rel.starts_with("tests/")
            || rel.contains("/tests/")
            || test_dirs
                .iter()
                .any(|dir| stem == dir || stem.starts_with(&format!("{dir}/")))
        {
            continue;
        }
        scan.file(rel, text, allow);
    }
    scan
}

/// The last segment of a path type (`VaultError` for `crate::vault::VaultError`).
fn type_name(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(path) => path.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

fn trait_name(item: &syn::ItemImpl) -> Option<String> {
    let (_, path, _) = item.trait_.as_ref()?;
    path.segments.last().map(|s| s.ident.to_string())
}

/// The types that some file says how to `Localize`.
fn localized_types(sources: &[(String, String)]) -> BTreeSet<String> {
    struct Finder(BTreeSet<String>);
    impl<'ast> Visit<'ast> for Finder {
        fn visit_item_impl(&mut self, item: &'ast syn::ItemImpl) {
            if trait_name(item).as_deref() == Some("Localize")
                && let Some(name) = type_name(&item.self_ty)
            {
                self.0.insert(name);
            }
            visit::visit_item_impl(self, item);
        }
    }
    let mut finder = Finder(BTreeSet::new());
    for (rel, text) in sources {
        let file = syn::parse_file(text).unwrap_or_else(|e| panic!("cannot parse {rel}: {e}"));
        finder.visit_file(&file);
    }
    finder.0
}

/// The directory of `rel`'s child modules, with a trailing `/` (or empty at the top).
fn child_dir(rel: &str) -> String {
    let (dir, name) = match rel.rsplit_once('/') {
        Some((dir, name)) => (format!("{dir}/"), name),
        None => (String::new(), rel),
    };
    if matches!(name, "mod.rs" | "lib.rs" | "main.rs") {
        dir
    } else {
        format!("{}/", rel.trim_end_matches(".rs"))
    }
}

fn collect_rs(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_rs(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

/// `#[test]`, or a cfg that holds only under test or the `test-support` feature.
fn is_test_only(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|attr| {
        let path = attr.path();
        if path.is_ident("test") {
            return true;
        }
        if !path.is_ident("cfg") {
            return false;
        }
        let Ok(list) = attr.meta.require_list() else {
            return false;
        };
        let mut idents = Vec::new();
        let mut strings = Vec::new();
        flat_tokens(list.tokens.clone(), &mut idents, &mut strings);
        !idents.iter().any(|i| i == "not")
            && (idents.iter().any(|i| i == "test") || strings.iter().any(|s| s == "test-support"))
    })
}

fn flat_tokens(tokens: TokenStream, idents: &mut Vec<String>, strings: &mut Vec<String>) {
    for token in tokens {
        match token {
            TokenTree::Ident(ident) => idents.push(ident.to_string()),
            TokenTree::Group(group) => flat_tokens(group.stream(), idents, strings),
            TokenTree::Literal(literal) => {
                if let syn::Lit::Str(s) = syn::Lit::new(literal) {
                    strings.push(s.value());
                }
            }
            TokenTree::Punct(_) => {}
        }
    }
}

impl Scan {
    /// Checks one file's source; `rel` is its path under `src/`.
    fn file(&mut self, rel: &str, text: &str, allow: &[(&str, &str, &str)]) {
        let file = syn::parse_file(text).unwrap_or_else(|e| panic!("cannot parse {rel}: {e}"));
        self.files += 1;
        let mut visitor = Visitor {
            scan: self,
            rel,
            allow,
            log_file: LOG_FILES.iter().any(|prefix| covers(prefix, rel)),
        };
        visitor.visit_file(&file);
    }

    fn area_of(file: &str) -> &'static str {
        AREAS
            .iter()
            .find(|(prefix, _)| file.starts_with(prefix))
            .map_or("err", |(_, area)| area)
    }

    /// Literals left per area (see [`AREAS`]; the lower layers count as `err`).
    fn area_counts(&self) -> String {
        let mut per_area: BTreeMap<&str, (usize, BTreeMap<&str, usize>)> = BTreeMap::new();
        for finding in &self.findings {
            let entry = per_area.entry(Self::area_of(&finding.file)).or_default();
            entry.0 += 1;
            *entry.1.entry(&finding.file).or_default() += 1;
        }
        let mut out = format!(
            "{} user-facing literals in {} files checked\n",
            self.findings.len(),
            self.files
        );
        for (area, (count, files)) in per_area {
            let files: Vec<String> = files.iter().map(|(f, n)| format!("{f} {n}")).collect();
            let _ = writeln!(out, "  {area}: {count} ({})", files.join(", "));
        }
        out
    }

    /// The failure message, empty when all is well.
    fn report(&self, allow: &[(&str, &str, &str)]) -> String {
        let mut out = String::new();
        if !self.findings.is_empty() {
            let _ = writeln!(
                out,
                "{} user-facing literals in code of src/. Move each into \
                 assets/i18n/<lang>/<area>.ftl (English and Korean) and name it with \
                 t!(\"<area>-…\"), or, if it is not for people to read, add it to ALLOW in \
                 tests/literals.rs with a reason.\n",
                self.findings.len()
            );
            let mut by_file: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
            for finding in &self.findings {
                by_file.entry(&finding.file).or_default().push(finding);
            }
            for (file, findings) in by_file {
                let _ = writeln!(
                    out,
                    "{file} (assets/i18n/<lang>/{}.ftl):",
                    Self::area_of(file)
                );
                for finding in findings {
                    let _ = writeln!(out, "  {file}:{}: {:?}", finding.line, finding.text);
                }
            }
        }
        let stale: Vec<_> = allow
            .iter()
            .enumerate()
            .filter(|(index, _)| !self.allow_hits.contains_key(index))
            .collect();
        if !stale.is_empty() {
            let _ = writeln!(
                out,
                "\nALLOW entries that match no literal any more (remove them):"
            );
            for (_, (file, part, reason)) in stale {
                let _ = writeln!(out, "  ({file:?}, {part:?}, {reason:?})");
            }
        }
        let stale: Vec<_> = self
            .developer_text
            .iter()
            .enumerate()
            .filter(|(index, _)| !self.developer_hits.contains(index))
            .collect();
        if !stale.is_empty() {
            let _ = writeln!(
                out,
                "\nDEVELOPER_TEXT entries naming no `impl Display` or function any more (remove them):"
            );
            for (_, (file, ty, reason)) in stale {
                let _ = writeln!(out, "  ({file:?}, {ty:?}, {reason:?})");
            }
        }
        out
    }
}

/// Whether the ALLOW or LOG_FILES `entry` covers the file `rel`.
fn covers(entry: &str, rel: &str) -> bool {
    if entry.ends_with('/') {
        rel.starts_with(entry)
    } else {
        rel == entry
    }
}

struct Visitor<'a> {
    scan: &'a mut Scan,
    rel: &'a str,
    allow: &'a [(&'a str, &'a str, &'a str)],
    log_file: bool,
}

impl Visitor<'_> {
    /// Whether `name` (a type or function of this file) is in DEVELOPER_TEXT.
    fn listed(&mut self, name: &str) -> bool {
        let rel = self.rel;
        let index = self
            .scan
            .developer_text
            .iter()
            .position(|(file, listed, _)| covers(file, rel) && *listed == name);
        if let Some(index) = index {
            self.scan.developer_hits.insert(index);
        }
        index.is_some()
    }

    fn check(&mut self, lit: &LitStr) {
        let text = lit.value();
        if !looks_user_facing(&text) || is_sql(&text) {
            return;
        }
        let rel = self.rel;
        if let Some(index) = self
            .allow
            .iter()
            .position(|(file, part, _)| covers(file, rel) && text.contains(part))
        {
            *self.scan.allow_hits.entry(index).or_default() += 1;
            return;
        }
        self.scan.findings.push(Finding {
            file: rel.to_owned(),
            line: lit.span().start().line,
            text,
        });
    }

    /// A macro call's tokens: literals are checked, nested macro calls, attributes and
    /// `.expect(…)` follow the same rules as in code.
    fn macro_call(&mut self, name: &str, tokens: TokenStream) {
        if SKIPPED_MACROS.contains(&name) {
            return;
        }
        if self.log_file && name == "eprintln" && first_literal_starts_with(&tokens, LOG_TAG) {
            return;
        }
        self.tokens(tokens);
    }

    fn tokens(&mut self, tokens: TokenStream) {
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        let mut i = 0;
        while i < trees.len() {
            match &trees[i] {
                // An attribute (`#[…]` or `#![…]`) inside a macro: skipped.
                TokenTree::Punct(p) if p.as_char() == '#' => {
                    let mut next = i + 1;
                    if matches!(trees.get(next), Some(TokenTree::Punct(p)) if p.as_char() == '!') {
                        next += 1;
                    }
                    if matches!(trees.get(next), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Bracket)
                    {
                        i = next + 1;
                        continue;
                    }
                }
                // `.expect(…)`
                TokenTree::Punct(p) if p.as_char() == '.' => {
                    if let (Some(TokenTree::Ident(method)), Some(TokenTree::Group(_))) =
                        (trees.get(i + 1), trees.get(i + 2))
                        && PANIC_METHODS.contains(&method.to_string().as_str())
                    {
                        i += 3;
                        continue;
                    }
                }
                // A nested macro call: `name!(…)`.
                TokenTree::Ident(ident) => {
                    if let (Some(TokenTree::Punct(bang)), Some(TokenTree::Group(group))) =
                        (trees.get(i + 1), trees.get(i + 2))
                        && bang.as_char() == '!'
                    {
                        self.macro_call(&ident.to_string(), group.stream());
                        i += 3;
                        continue;
                    }
                }
                TokenTree::Group(group) => self.tokens(group.stream()),
                TokenTree::Literal(literal) => {
                    if let syn::Lit::Str(lit) = syn::Lit::new(literal.clone()) {
                        self.check(&lit);
                    }
                }
                TokenTree::Punct(_) => {}
            }
            i += 1;
        }
    }
}

fn first_literal_starts_with(tokens: &TokenStream, prefix: &str) -> bool {
    tokens.clone().into_iter().find_map(|token| match token {
        TokenTree::Literal(literal) => match syn::Lit::new(literal) {
            syn::Lit::Str(lit) => Some(lit.value().starts_with(prefix)),
            _ => Some(false),
        },
        _ => None,
    }) == Some(true)
}

fn item_attrs(item: &Item) -> &[Attribute] {
    match item {
        Item::Const(i) => &i.attrs,
        Item::Enum(i) => &i.attrs,
        Item::ExternCrate(i) => &i.attrs,
        Item::Fn(i) => &i.attrs,
        Item::ForeignMod(i) => &i.attrs,
        Item::Impl(i) => &i.attrs,
        Item::Macro(i) => &i.attrs,
        Item::Mod(i) => &i.attrs,
        Item::Static(i) => &i.attrs,
        Item::Struct(i) => &i.attrs,
        Item::Trait(i) => &i.attrs,
        Item::TraitAlias(i) => &i.attrs,
        Item::Type(i) => &i.attrs,
        Item::Union(i) => &i.attrs,
        Item::Use(i) => &i.attrs,
        _ => &[],
    }
}

impl<'ast> Visit<'ast> for Visitor<'_> {
    fn visit_attribute(&mut self, _: &'ast Attribute) {}

    fn visit_item(&mut self, item: &'ast Item) {
        if is_test_only(item_attrs(item)) {
            return;
        }
        if let Item::Mod(module) = item
            && module.ident == "tests"
        {
            return;
        }
        visit::visit_item(self, item);
    }

    fn visit_item_impl(&mut self, item: &'ast syn::ItemImpl) {
        let developer_text = match trait_name(item).as_deref() {
            Some("Debug") => true,
            Some("Display") => {
                let name = type_name(&item.self_ty).unwrap_or_default();
                self.listed(&name) || self.scan.localized.contains(&name)
            }
            _ => false,
        };
        if !developer_text {
            visit::visit_item_impl(self, item);
        }
    }

    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        if !self.listed(&item.sig.ident.to_string()) {
            visit::visit_item_fn(self, item);
        }
    }

    fn visit_impl_item_fn(&mut self, item: &'ast syn::ImplItemFn) {
        if !self.listed(&item.sig.ident.to_string()) {
            visit::visit_impl_item_fn(self, item);
        }
    }

    fn visit_impl_item(&mut self, item: &'ast ImplItem) {
        let attrs: &[Attribute] = match item {
            ImplItem::Const(i) => &i.attrs,
            ImplItem::Fn(i) => &i.attrs,
            ImplItem::Type(i) => &i.attrs,
            ImplItem::Macro(i) => &i.attrs,
            _ => &[],
        };
        if !is_test_only(attrs) {
            visit::visit_impl_item(self, item);
        }
    }

    fn visit_trait_item(&mut self, item: &'ast TraitItem) {
        let attrs: &[Attribute] = match item {
            TraitItem::Const(i) => &i.attrs,
            TraitItem::Fn(i) => &i.attrs,
            TraitItem::Type(i) => &i.attrs,
            TraitItem::Macro(i) => &i.attrs,
            _ => &[],
        };
        if !is_test_only(attrs) {
            visit::visit_trait_item(self, item);
        }
    }

    fn visit_stmt(&mut self, stmt: &'ast Stmt) {
        let attrs: &[Attribute] = match stmt {
            Stmt::Local(local) => &local.attrs,
            Stmt::Macro(mac) => &mac.attrs,
            Stmt::Item(item) => item_attrs(item),
            Stmt::Expr(..) => &[],
        };
        if !is_test_only(attrs) {
            visit::visit_stmt(self, stmt);
        }
    }

    fn visit_field(&mut self, field: &'ast syn::Field) {
        if !is_test_only(&field.attrs) {
            visit::visit_field(self, field);
        }
    }

    fn visit_variant(&mut self, variant: &'ast syn::Variant) {
        if !is_test_only(&variant.attrs) {
            visit::visit_variant(self, variant);
        }
    }

    fn visit_arm(&mut self, arm: &'ast syn::Arm) {
        if !is_test_only(&arm.attrs) {
            visit::visit_arm(self, arm);
        }
    }

    fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
        if PANIC_METHODS.contains(&call.method.to_string().as_str()) {
            self.visit_expr(&call.receiver);
            return;
        }
        visit::visit_expr_method_call(self, call);
    }

    fn visit_macro(&mut self, mac: &'ast Macro) {
        let name = mac
            .path
            .segments
            .last()
            .map(|segment| segment.ident.to_string())
            .unwrap_or_default();
        self.macro_call(&name, mac.tokens.clone());
    }

    fn visit_lit_str(&mut self, lit: &'ast LitStr) {
        self.check(lit);
    }
}
