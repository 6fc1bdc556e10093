//! The catalogues agree with each other and with the code: the same ids, attributes
//! and placeholders in every language, every id the code names exists, every id a
//! catalogue holds is named by the code, and every message formats without a Fluent
//! error.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_syntax::ast;

use super::catalogue::{self, Area};
use super::{Args, Lang, Value};

/// Ids the code builds at run time instead of naming them literally (a clap
/// argument's help, an error code's sentence). Each prefix's owner tests that every
/// id it builds exists.
const DYNAMIC_PREFIXES: &[&str] = &[
    // help: ids built from the clap trees' command paths and argument ids
    // (src/manual.rs); tests/help.rs checks both ways.
    "help-",
];

/// A message: its attributes and the variables each part uses.
type Shape = BTreeMap<String, BTreeSet<String>>;

fn parse(text: &str, what: &str) -> ast::Resource<String> {
    match fluent_syntax::parser::parse(text.to_owned()) {
        Ok(resource) => resource,
        Err((_, errors)) => panic!("{what} does not parse: {errors:?}"),
    }
}

fn variables_in_pattern(pattern: &ast::Pattern<String>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            variables_in_expression(expression, out);
        }
    }
}

fn variables_in_expression(expression: &ast::Expression<String>, out: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            variables_in_inline(selector, out);
            for variant in variants {
                variables_in_pattern(&variant.value, out);
            }
        }
        ast::Expression::Inline(inline) => variables_in_inline(inline, out),
    }
}

fn variables_in_inline(inline: &ast::InlineExpression<String>, out: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.clone());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                variables_in_inline(argument, out);
            }
            for argument in &arguments.named {
                variables_in_inline(&argument.value, out);
            }
        }
        ast::InlineExpression::Placeable { expression } => {
            variables_in_expression(expression, out);
        }
        _ => {}
    }
}

fn shapes(text: &str, what: &str) -> BTreeMap<String, Shape> {
    let mut out = BTreeMap::new();
    for entry in parse(text, what).body {
        if let ast::Entry::Message(message) = entry {
            let mut shape = Shape::new();
            let mut value = BTreeSet::new();
            if let Some(pattern) = &message.value {
                variables_in_pattern(pattern, &mut value);
            }
            shape.insert(String::new(), value);
            for attribute in &message.attributes {
                let mut vars = BTreeSet::new();
                variables_in_pattern(&attribute.value, &mut vars);
                shape.insert(format!(".{}", attribute.id.name), vars);
            }
            assert!(
                out.insert(message.id.name.clone(), shape).is_none(),
                "{what}: {} is defined twice",
                message.id.name
            );
        }
    }
    out
}

fn term_names(text: &str, what: &str) -> BTreeSet<String> {
    parse(text, what)
        .body
        .into_iter()
        .filter_map(|entry| match entry {
            ast::Entry::Term(term) => Some(term.id.name),
            ast::Entry::Message(message) => {
                panic!("{what}: holds the message {}; terms only", message.id.name)
            }
            _ => None,
        })
        .collect()
}

fn source_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            source_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

fn sources() -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    source_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    files.sort();
    files
        .into_iter()
        .filter_map(|path| Some((path.clone(), std::fs::read_to_string(&path).ok()?)))
        .collect()
}

/// The ids named by `t!("id"…)` and `t_in!(lang, "id"…)` in the code.
fn ids_named_by_macros(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for marker in ["t!(", "t_in!("] {
        let mut rest = text;
        while let Some(at) = rest.find(marker) {
            // `format!(` ends in `t!(` too: the macro's name must start a word.
            let starts_word = !rest[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_');
            rest = &rest[at + marker.len()..];
            if !starts_word {
                continue;
            }
            // Skip `t_in!(`'s language argument, up to the first quote.
            let Some(quote) = rest.find('"') else { break };
            if marker == "t!(" && !rest[..quote].trim().is_empty() {
                continue;
            }
            let literal = &rest[quote + 1..];
            if let Some(end) = literal.find('"') {
                let id = &literal[..end];
                if id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                {
                    out.push(id.to_owned());
                }
            }
        }
    }
    out
}

#[test]
fn every_catalogue_parses_and_every_id_sits_in_its_own_file() {
    for lang in Lang::ALL {
        term_names(catalogue::terms(lang), &format!("{}/terms.ftl", lang.tag()));
        for area in Area::ALL {
            let what = format!("{}/{}.ftl", lang.tag(), area.name());
            for id in shapes(catalogue::source(lang, area), &what).keys() {
                assert_eq!(
                    Area::of(id),
                    Some(area),
                    "{what}: {id} must start with `{}-`",
                    area.name()
                );
            }
        }
    }
}

#[test]
fn both_languages_have_the_same_ids_attributes_placeholders_and_terms() {
    let mut problems = Vec::new();
    let en_terms = term_names(catalogue::terms(Lang::En), "en/terms.ftl");
    let ko_terms = term_names(catalogue::terms(Lang::Ko), "ko/terms.ftl");
    for term in en_terms.symmetric_difference(&ko_terms) {
        problems.push(format!("term -{term} is in one terms.ftl only"));
    }
    for area in Area::ALL {
        let en = shapes(catalogue::source(Lang::En, area), "en");
        let ko = shapes(catalogue::source(Lang::Ko, area), "ko");
        for id in en
            .keys()
            .collect::<BTreeSet<_>>()
            .union(&ko.keys().collect())
        {
            match (en.get(*id), ko.get(*id)) {
                (Some(a), Some(b)) if a != b => problems.push(format!(
                    "{}.ftl {id}: English has {a:?}, Korean has {b:?}",
                    area.name()
                )),
                (Some(_), None) => problems.push(format!("{}.ftl {id}: no Korean", area.name())),
                (None, Some(_)) => problems.push(format!("{}.ftl {id}: no English", area.name())),
                _ => {}
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_message_formats_without_errors_in_both_languages() {
    let mut problems = Vec::new();
    for area in Area::ALL {
        for (id, shape) in shapes(catalogue::source(Lang::En, area), "en") {
            for numeric in [false, true] {
                let mut args = Args::new();
                for name in shape.values().flatten() {
                    if numeric {
                        args.set(name.clone(), Value::from(2));
                    } else {
                        args.set(name.clone(), Value::from("x"));
                    }
                }
                for lang in Lang::ALL {
                    if let Err(problem) = catalogue::check(lang, &id, Some(&args)) {
                        problems.push(problem);
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_id_the_code_names_exists_and_every_catalogue_id_is_used() {
    let sources = sources();
    let known: BTreeSet<String> = Area::ALL
        .into_iter()
        .flat_map(|area| shapes(catalogue::source(Lang::En, area), "en").into_keys())
        .collect();
    let mut problems = Vec::new();
    for (path, text) in &sources {
        // The macros' own documentation and this scanner name no real ids.
        if path.ends_with("i18n/mod.rs") || path.ends_with("i18n/tests.rs") {
            continue;
        }
        for id in ids_named_by_macros(text) {
            if !known.contains(&id) {
                problems.push(format!(
                    "{}: names {id}, which no catalogue has",
                    path.display()
                ));
            }
        }
    }
    for id in &known {
        let quoted = format!("\"{id}\"");
        let used = DYNAMIC_PREFIXES.iter().any(|prefix| id.starts_with(prefix))
            || sources.iter().any(|(_, text)| text.contains(&quoted));
        if !used {
            problems.push(format!("{id} is in the catalogues but no code names it"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn values_are_filled_in_without_isolation_marks_and_plurals_follow_the_language() {
    assert_eq!(
        crate::t_in!(Lang::En, "common-attempts-left", count = 1),
        "1 attempt left"
    );
    assert_eq!(
        crate::t_in!(Lang::En, "common-attempts-left", count = 4),
        "4 attempts left"
    );
    assert_eq!(
        crate::t_in!(Lang::Ko, "common-attempts-left", count = 4),
        "4번 남음"
    );
    super::set_thread(Some(Lang::Ko));
    assert_eq!(crate::t!("common-attempts-left", count = 2), "2번 남음");
    super::set_thread(Some(Lang::En));
    assert_eq!(
        crate::t!("common-attempts-left", count = 2),
        "2 attempts left"
    );
    super::set_thread(None);
    // An id in no catalogue comes back as itself rather than failing.
    assert_eq!(super::text(Lang::Ko, "nothing-such", None), "nothing-such");
}
