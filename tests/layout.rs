//! Keeps the layout of `src/` honest: no circle between files, and the layering rules of
//! the design notes that can be checked by names (see `LAYERS` and the constants around
//! it): arrows point down only, clap/ratatui/crossterm only in the front-ends, no clock,
//! file system or network in the pure layer, and nothing of otpd's side in the client.
//!
//! The graph has one node per file of `src/`. File A has an edge to file B when code in A
//! names an item defined in B: through a `use` tree or through a path in code (macro
//! invocations included, since every item's token stream is scanned). Paths are resolved by
//! name: the longest prefix that is a known module picks the module, then the item name is
//! followed through that module's imports and re-exports to the file that defines it. So
//! `use crate::vault::Pin` where `vault/mod.rs` only says `pub use pin::Pin;` is an edge to
//! `vault/pin.rs`. A `mod x;` declaration alone is no edge, and an inline
//! `mod tests { use super::*; }` is part of its file.
//!
//! Set `LAYOUT_SRC=/some/checkout/src` to check another tree, and `LAYOUT_EDGES=1` (with
//! `-- --nocapture`) to print every edge.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use proc_macro2::{Spacing, TokenStream, TokenTree};
use quote::ToTokens;
use syn::{Item, UseTree};

// ---------------------------------------------------------------------------------------
// The rules
// ---------------------------------------------------------------------------------------

/// Front-ends: the only files that may speak clap, ratatui or crossterm.
const FRONT_ENDS: &[&str] = &[
    "cli/",
    "tui/",
    "otpd_cli/",
    "main.rs",
    "bin/",
    // The shared man-page and completion generator, if it lives on its own.
    "manual.rs",
];

/// Crates only the front-ends may use.
const FRONT_END_CRATES: &[&str] = &[
    "clap",
    "clap_complete",
    "clap_mangen",
    "ratatui",
    "crossterm",
];

/// The pure layer: no clock, no file system, no network, nothing above it.
const PURE: &[&str] = &["code/", "otpauth.rs", "secret.rs"];

/// Paths the pure layer must not name.
const IMPURE_PATHS: &[&[&str]] = &[&["std", "fs"], &["std", "net"]];

/// Names the pure layer must not mention anywhere (time is a parameter there).
const IMPURE_NAMES: &[&str] = &["SystemTime"];

/// The layers, bottom first: a file may refer to its own layer and those below, never
/// above. The one clock and the one random source sit just above the pure layer. A file
/// in no layer here is not checked by this rule: add new rooms to the table.
const LAYERS: &[(&str, &[&str])] = &[
    ("pure", PURE),
    ("helpers", &["clock.rs", "random.rs"]),
    ("domain", &["accounts.rs", "api/"]),
    (
        "services",
        &[
            "vault/",
            "age_scrypt.rs",
            "agent/",
            "transfer/",
            "enroll/",
            "clipboard.rs",
            "qr.rs",
            "config.rs",
            "server/",
        ],
    ),
    ("language", &["i18n/", "i18n.rs"]),
    ("front-ends", FRONT_ENDS),
];

/// Otpd's side: the `otp` binary links none of it, so nothing else may refer to it.
const SERVER_SIDE: &[&str] = &["server/", "otpd_cli/", "bin/otpd.rs"];

fn src_dir() -> PathBuf {
    match std::env::var_os("LAYOUT_SRC") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
    }
}

#[test]
fn no_circle_between_files() {
    let tree = Tree::load(&src_dir());
    if std::env::var_os("LAYOUT_EDGES").is_some() {
        // `LAYOUT_EDGES=1 cargo test --test layout -- --nocapture`: the whole graph.
        for ((from, to), site) in tree.edges() {
            println!(
                "{} -> {}: line {} `{}`",
                tree.name(from),
                tree.name(to),
                site.line,
                site.text
            );
        }
    }
    let report = tree.circle_report();
    assert!(
        report.is_empty(),
        "circles between files of src/ (each edge is followed by one path that makes it):\n{report}"
    );
}

#[test]
fn layers_are_respected() {
    let tree = Tree::load(&src_dir());
    let violations = tree.layer_violations();
    assert!(
        violations.is_empty(),
        "layering rules broken (see design.md, Layering):\n{}",
        violations.join("\n")
    );
}

// ---------------------------------------------------------------------------------------
// The model: files, modules, references
// ---------------------------------------------------------------------------------------

/// A module path inside the library crate (`[]` is the crate root). Binaries get a root of
/// their own, `["<bin main>"]`, so that their `crate::` does not mean the library.
type ModPath = Vec<String>;

/// Where a path was written: line and text, for the failure message.
#[derive(Clone, Debug)]
struct Site {
    line: usize,
    text: String,
}

#[derive(Default, Debug)]
struct Module {
    /// Index of the file holding this module (an inline module lives in its parent's
    /// file); None for a directory seen only through its children's files.
    file: Option<usize>,
    /// Child modules, declared (`mod x;`) or inline.
    children: BTreeSet<String>,
    /// Items defined here (types, functions, traits, constants, statics, macros).
    items: BTreeSet<String>,
    /// Named imports: local name -> the path as written (relative to this module).
    imports: BTreeMap<String, Vec<String>>,
    /// Glob imports, as written.
    globs: Vec<Vec<String>>,
}

/// A path written in a file, with the module it was written in.
#[derive(Debug)]
struct Reference {
    module: ModPath,
    segments: Vec<String>,
    /// `use x::*`: the glob target itself is what is referred to.
    glob: bool,
    site: Site,
}

#[derive(Debug)]
struct Tree {
    /// File paths relative to `src/`, e.g. `vault/pin.rs`.
    files: Vec<String>,
    modules: HashMap<ModPath, Module>,
    references: Vec<(usize, Reference)>,
    /// Every identifier token per file, with its line (for the forbidden-names rule).
    idents: Vec<Vec<(String, usize)>>,
}

fn mod_path_of(rel: &str) -> ModPath {
    let rel = rel.trim_end_matches(".rs");
    if rel == "lib" {
        return vec![];
    }
    if rel == "main" || rel.starts_with("bin/") {
        return vec![format!("<bin {rel}>")];
    }
    let mut parts: Vec<String> = rel.split('/').map(str::to_owned).collect();
    if parts.last().is_some_and(|last| last == "mod") {
        parts.pop();
    }
    parts
}

fn is_bin(path: &ModPath) -> bool {
    path.first().is_some_and(|first| first.starts_with("<bin"))
}

fn clean(ident: &proc_macro2::Ident) -> String {
    let text = ident.to_string();
    text.strip_prefix("r#").map(str::to_owned).unwrap_or(text)
}

/// Flattens a use tree into (path, local name or None for a glob).
fn flatten_use(
    tree: &UseTree,
    prefix: &mut Vec<String>,
    out: &mut Vec<(Vec<String>, Option<String>)>,
) {
    match tree {
        UseTree::Path(path) => {
            prefix.push(clean(&path.ident));
            flatten_use(&path.tree, prefix, out);
            prefix.pop();
        }
        UseTree::Name(name) => {
            let ident = clean(&name.ident);
            if ident == "self" {
                let local = prefix.last().cloned();
                out.push((prefix.clone(), local));
            } else {
                let mut full = prefix.clone();
                full.push(ident.clone());
                out.push((full, Some(ident)));
            }
        }
        UseTree::Rename(rename) => {
            let ident = clean(&rename.ident);
            let mut full = prefix.clone();
            if ident != "self" {
                full.push(ident);
            }
            out.push((full, Some(clean(&rename.rename))));
        }
        UseTree::Glob(_) => out.push((prefix.clone(), None)),
        UseTree::Group(group) => {
            for tree in &group.items {
                flatten_use(tree, prefix, out);
            }
        }
    }
}

fn use_text(segments: &[String], glob: bool) -> String {
    let mut text = segments.join("::");
    if glob {
        text.push_str("::*");
    }
    format!("use {text}")
}

impl Tree {
    /// Reads and parses every `.rs` file under `src`.
    fn load(src: &Path) -> Tree {
        let mut paths = Vec::new();
        collect_rs(src, &mut paths);
        paths.sort();
        let mut tree = Tree {
            files: Vec::new(),
            modules: HashMap::new(),
            references: Vec::new(),
            idents: Vec::new(),
        };
        for path in &paths {
            let rel = path
                .strip_prefix(src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read_to_string(path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            let file = syn::parse_file(&text)
                .unwrap_or_else(|e| panic!("cannot parse {}: {e}", path.display()));
            let index = tree.files.len();
            tree.files.push(rel.clone());
            let module = mod_path_of(&rel);
            // The file's module is a child of its parent, declared or not.
            if let Some((last, parent)) = module.split_last()
                && !is_bin(&module)
            {
                tree.modules
                    .entry(parent.to_vec())
                    .or_default()
                    .children
                    .insert(last.clone());
            }
            tree.module_mut(&module).file = Some(index);
            tree.add_items(index, &module, &file.items);
            let mut idents = Vec::new();
            collect_idents(file.to_token_stream(), &mut idents);
            tree.idents.push(idents);
        }
        tree
    }

    fn module_mut(&mut self, path: &ModPath) -> &mut Module {
        self.modules.entry(path.clone()).or_default()
    }

    fn add_items(&mut self, file: usize, module: &ModPath, items: &[Item]) {
        for item in items {
            match item {
                Item::Mod(inner) => {
                    let name = clean(&inner.ident);
                    self.module_mut(module).children.insert(name.clone());
                    if let Some((_, content)) = &inner.content {
                        let mut child = module.clone();
                        child.push(name);
                        self.module_mut(&child).file = Some(file);
                        self.add_items(file, &child, content);
                    }
                }
                Item::Use(item_use) => {
                    let line = item_use.use_token.span.start().line;
                    self.add_use(file, module, &item_use.tree, line);
                }
                other => {
                    if let Some(name) = item_name(other) {
                        self.module_mut(module).items.insert(name);
                    }
                    self.scan_tokens(file, module, other.to_token_stream());
                }
            }
        }
    }

    fn add_use(&mut self, file: usize, module: &ModPath, tree: &UseTree, line: usize) {
        let mut flat = Vec::new();
        flatten_use(tree, &mut Vec::new(), &mut flat);
        for (segments, local) in flat {
            let glob = local.is_none();
            match local {
                Some(name) if name != "_" => {
                    self.module_mut(module)
                        .imports
                        .insert(name, segments.clone());
                }
                Some(_) => {}
                None => self.module_mut(module).globs.push(segments.clone()),
            }
            let text = use_text(&segments, glob);
            self.references.push((
                file,
                Reference {
                    module: module.clone(),
                    segments,
                    glob,
                    site: Site { line, text },
                },
            ));
        }
    }

    /// Finds paths of two or more segments (and nested `use` statements) in a token stream.
    fn scan_tokens(&mut self, file: usize, module: &ModPath, tokens: TokenStream) {
        let tokens: Vec<TokenTree> = tokens.into_iter().collect();
        let mut i = 0;
        while i < tokens.len() {
            match &tokens[i] {
                TokenTree::Group(group) => {
                    self.scan_tokens(file, module, group.stream());
                    i += 1;
                }
                TokenTree::Ident(ident) if ident == "use" => {
                    // A `use` inside a function body or a macro: parse it as a use tree.
                    let end = (i + 1..tokens.len())
                        .find(|&j| matches!(&tokens[j], TokenTree::Punct(p) if p.as_char() == ';'));
                    let parsed = end.and_then(|end| {
                        let stream: TokenStream = tokens[i + 1..end].iter().cloned().collect();
                        syn::parse2::<UseTree>(stream).ok().map(|tree| (tree, end))
                    });
                    if let Some((tree, end)) = parsed {
                        self.add_use(file, module, &tree, ident.span().start().line);
                        i = end + 1;
                    } else {
                        i += 1;
                    }
                }
                TokenTree::Ident(first) => {
                    // A leading `::` means an external crate: not ours.
                    let global = i >= 2 && is_path_sep(&tokens, i - 2);
                    let mut segments = vec![clean(first)];
                    let mut j = i + 1;
                    while is_path_sep(&tokens, j) {
                        match tokens.get(j + 2) {
                            Some(TokenTree::Ident(next)) => {
                                segments.push(clean(next));
                                j += 3;
                            }
                            _ => break,
                        }
                    }
                    if segments.len() >= 2 && !global {
                        let text = segments.join("::");
                        self.references.push((
                            file,
                            Reference {
                                module: module.clone(),
                                segments,
                                glob: false,
                                site: Site {
                                    line: first.span().start().line,
                                    text,
                                },
                            },
                        ));
                    }
                    i = j.max(i + 1);
                }
                TokenTree::Punct(_) | TokenTree::Literal(_) => i += 1,
            }
        }
    }

    // -----------------------------------------------------------------------------------
    // Name resolution
    // -----------------------------------------------------------------------------------

    /// Turns a path written in `module` into an absolute module path plus item names, or
    /// None when it names something outside the crate (std, another crate, a local type).
    fn absolute(&self, module: &ModPath, segments: &[String], depth: usize) -> Option<Vec<String>> {
        if depth > 16 {
            return None;
        }
        let (first, rest) = segments.split_first()?;
        let mut base = match first.as_str() {
            "crate" | "$crate" if is_bin(module) => vec![module[0].clone()],
            "crate" | "$crate" | "otp" => vec![],
            "self" => module.clone(),
            "super" => {
                let mut base = module.clone();
                base.pop()?;
                let mut rest = rest;
                while let Some(("super", tail)) = rest.split_first().map(|(s, t)| (s.as_str(), t)) {
                    base.pop()?;
                    rest = tail;
                }
                base.extend(rest.iter().cloned());
                return Some(base);
            }
            name => self.lookup(module, name, depth + 1)?,
        };
        base.extend(rest.iter().cloned());
        Some(base)
    }

    /// What a single name means inside `module`: a child module, an item, an import, or a
    /// name brought in by a glob.
    fn lookup(&self, module: &ModPath, name: &str, depth: usize) -> Option<Vec<String>> {
        if depth > 16 {
            return None;
        }
        let here = self.modules.get(module)?;
        if here.children.contains(name) || here.items.contains(name) {
            let mut path = module.clone();
            path.push(name.to_owned());
            return Some(path);
        }
        if let Some(target) = here.imports.get(name) {
            return self.absolute(module, target, depth + 1);
        }
        for glob in &here.globs {
            let Some(target) = self.absolute(module, glob, depth + 1) else {
                continue;
            };
            if target == *module {
                continue;
            }
            if self.modules.contains_key(&target)
                && let Some(found) = self.lookup(&target, name, depth + 1)
            {
                return Some(found);
            }
        }
        None
    }

    /// The file that defines what an absolute path names, and whether the path stops at a
    /// module (an import of a module alone is no edge).
    fn defining_file(&self, path: &[String], depth: usize) -> Option<(usize, bool)> {
        // The longest prefix that is a module.
        let split = (0..=path.len())
            .rev()
            .find(|&n| self.modules.contains_key(&path[..n]))?;
        let module_path = path[..split].to_vec();
        let module = &self.modules[&module_path];
        let Some(name) = path.get(split) else {
            return Some((module.file?, true));
        };
        if depth > 16 || module.items.contains(name) {
            return Some((module.file?, false));
        }
        // A re-export (or a private import reached through `super::`): follow it.
        if let Some(target) = module.imports.get(name)
            && let Some(mut absolute) = self.absolute(&module_path, target, depth + 1)
        {
            absolute.extend(path[split + 1..].iter().cloned());
            if let Some(found) = self.defining_file(&absolute, depth + 1) {
                return Some(found);
            }
        }
        for glob in &module.globs {
            let Some(target) = self.absolute(&module_path, glob, depth + 1) else {
                continue;
            };
            if target != module_path
                && self.modules.contains_key(&target)
                && self.lookup(&target, name, depth + 1).is_some()
            {
                let mut absolute = target;
                absolute.extend(path[split..].iter().cloned());
                if let Some(found) = self.defining_file(&absolute, depth + 1) {
                    return Some(found);
                }
            }
        }
        Some((module.file?, false))
    }

    /// Edges between files: (from, to) -> the first path that made the edge.
    fn edges(&self) -> BTreeMap<(usize, usize), Site> {
        let mut edges = BTreeMap::new();
        for (file, reference) in &self.references {
            let Some(absolute) = self.absolute(&reference.module, &reference.segments, 0) else {
                continue;
            };
            let Some((target, is_module)) = self.defining_file(&absolute, 0) else {
                continue;
            };
            if target == *file || (is_module && !reference.glob) {
                continue;
            }
            edges
                .entry((*file, target))
                .or_insert_with(|| reference.site.clone());
        }
        edges
    }

    // -----------------------------------------------------------------------------------
    // Circles
    // -----------------------------------------------------------------------------------

    /// Every circle, as lists of file indices (first == last), enough of them to cover every
    /// edge that lies on some circle.
    fn circles(&self) -> Vec<Vec<usize>> {
        let edges = self.edges();
        let mut next: Vec<Vec<usize>> = vec![Vec::new(); self.files.len()];
        for &(from, to) in edges.keys() {
            next[from].push(to);
        }
        let mut circles: Vec<Vec<usize>> = Vec::new();
        let mut seen = BTreeSet::new();
        for &(from, to) in edges.keys() {
            // The shortest way back from `to` to `from` closes a circle through this edge.
            let Some(back) = shortest_path(&next, to, from) else {
                continue;
            };
            let mut circle = vec![from];
            circle.extend(back);
            // One spelling per circle: start at the smallest file.
            let body = &circle[..circle.len() - 1];
            let start = (0..body.len()).min_by_key(|&k| body[k]).unwrap_or(0);
            let mut canonical: Vec<usize> = body[start..]
                .iter()
                .chain(&body[..start])
                .copied()
                .collect();
            canonical.push(canonical[0]);
            if seen.insert(canonical.clone()) {
                circles.push(canonical);
            }
        }
        circles.sort_by_key(|circle| (circle.len(), circle.clone()));
        circles
    }

    /// Groups of files that all reach each other (strongly connected), largest first: each
    /// group is untangled as a whole, the circles below show where.
    fn tangles(&self) -> Vec<Vec<usize>> {
        let edges = self.edges();
        let mut next: Vec<Vec<usize>> = vec![Vec::new(); self.files.len()];
        for &(from, to) in edges.keys() {
            next[from].push(to);
        }
        let reach: Vec<Vec<bool>> = (0..self.files.len())
            .map(|from| {
                let mut seen = vec![false; self.files.len()];
                let mut stack = vec![from];
                while let Some(node) = stack.pop() {
                    for &n in &next[node] {
                        if !seen[n] {
                            seen[n] = true;
                            stack.push(n);
                        }
                    }
                }
                seen
            })
            .collect();
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut placed = vec![false; self.files.len()];
        for a in 0..self.files.len() {
            if placed[a] || !reach[a][a] {
                continue;
            }
            let group: Vec<usize> = (0..self.files.len())
                .filter(|&b| reach[a][b] && reach[b][a])
                .collect();
            for &b in &group {
                placed[b] = true;
            }
            groups.push(group);
        }
        groups.sort_by_key(|group| std::cmp::Reverse(group.len()));
        groups
    }

    /// The tangled groups, then one line per circle: `a.rs -> b.rs -> a.rs`, then each
    /// edge with its example path.
    fn circle_report(&self) -> String {
        let edges = self.edges();
        let mut report = String::new();
        for group in self.tangles() {
            let names: Vec<String> = group.iter().map(|&f| self.name(f)).collect();
            let _ = writeln!(report, "tangled: {}", names.join(", "));
        }
        for circle in self.circles() {
            let names: Vec<String> = circle.iter().map(|&f| self.name(f)).collect();
            let _ = writeln!(report, "{}", names.join(" -> "));
            for pair in circle.windows(2) {
                let site = &edges[&(pair[0], pair[1])];
                let _ = writeln!(
                    report,
                    "    {} -> {}: {}:{} `{}`",
                    self.name(pair[0]),
                    self.name(pair[1]),
                    self.name(pair[0]),
                    site.line,
                    site.text
                );
            }
        }
        report
    }

    fn name(&self, file: usize) -> String {
        format!("src/{}", self.files[file])
    }

    // -----------------------------------------------------------------------------------
    // Layers
    // -----------------------------------------------------------------------------------

    fn layer_violations(&self) -> Vec<String> {
        let in_any =
            |file: usize, set: &[&str]| set.iter().any(|p| self.files[file].starts_with(p));
        let mut violations = Vec::new();
        for (file, reference) in &self.references {
            let site = &reference.site;
            let file = *file;
            let first = reference.segments.first().map(String::as_str).unwrap_or("");
            if !in_any(file, FRONT_ENDS) && FRONT_END_CRATES.contains(&first) {
                violations.push(format!(
                    "{}:{} below the front-ends uses {first}: `{}`",
                    self.name(file),
                    site.line,
                    site.text
                ));
            }
            if in_any(file, PURE)
                && IMPURE_PATHS.iter().any(|bad| {
                    reference.segments.len() >= bad.len()
                        && reference.segments[..bad.len()] == **bad
                })
            {
                violations.push(format!(
                    "{}:{} in the pure layer touches the outside world: `{}`",
                    self.name(file),
                    site.line,
                    site.text
                ));
            }
        }
        let layer = |file: usize| LAYERS.iter().position(|(_, set)| in_any(file, set));
        for (&(from, to), site) in &self.edges() {
            if let (Some(low), Some(high)) = (layer(from), layer(to))
                && low < high
                && !in_any(from, PURE)
            {
                violations.push(format!(
                    "{}:{} in the {} layer uses {} in the {} layer above it: `{}`",
                    self.name(from),
                    site.line,
                    LAYERS[low].0,
                    self.name(to),
                    LAYERS[high].0,
                    site.text
                ));
            }
            if !in_any(from, SERVER_SIDE) && in_any(to, SERVER_SIDE) {
                violations.push(format!(
                    "{}:{} is client code but uses otpd's {}: `{}`",
                    self.name(from),
                    site.line,
                    self.name(to),
                    site.text
                ));
            }
            if in_any(from, PURE) && !in_any(to, PURE) {
                violations.push(format!(
                    "{}:{} in the pure layer uses {} above it: `{}`",
                    self.name(from),
                    site.line,
                    self.name(to),
                    site.text
                ));
            }
        }
        for (file, idents) in self.idents.iter().enumerate() {
            if !in_any(file, PURE) {
                continue;
            }
            for (ident, line) in idents {
                if IMPURE_NAMES.contains(&ident.as_str()) {
                    violations.push(format!(
                        "{}:{line} in the pure layer names {ident}: time is a parameter there",
                        self.name(file)
                    ));
                }
            }
        }
        violations.sort();
        violations.dedup();
        violations
    }
}

fn is_path_sep(tokens: &[TokenTree], at: usize) -> bool {
    matches!(
        (tokens.get(at), tokens.get(at + 1)),
        (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)))
            if a.as_char() == ':' && a.spacing() == Spacing::Joint && b.as_char() == ':'
    )
}

fn item_name(item: &Item) -> Option<String> {
    let ident = match item {
        Item::Const(item) => &item.ident,
        Item::Enum(item) => &item.ident,
        Item::Fn(item) => &item.sig.ident,
        Item::Static(item) => &item.ident,
        Item::Struct(item) => &item.ident,
        Item::Trait(item) => &item.ident,
        Item::TraitAlias(item) => &item.ident,
        Item::Type(item) => &item.ident,
        Item::Union(item) => &item.ident,
        Item::Macro(item) => item.ident.as_ref()?,
        _ => return None,
    };
    Some(clean(ident))
}

fn collect_idents(tokens: TokenStream, out: &mut Vec<(String, usize)>) {
    for token in tokens {
        match token {
            TokenTree::Ident(ident) => out.push((clean(&ident), ident.span().start().line)),
            TokenTree::Group(group) => collect_idents(group.stream(), out),
            _ => {}
        }
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

/// Breadth-first: the files after `from` on a shortest way to `to` (ending with `to`).
fn shortest_path(next: &[Vec<usize>], from: usize, to: usize) -> Option<Vec<usize>> {
    let mut came_from: Vec<Option<usize>> = vec![None; next.len()];
    let mut queue = VecDeque::from([from]);
    let mut reached = vec![false; next.len()];
    reached[from] = true;
    while let Some(node) = queue.pop_front() {
        if node == to {
            let mut path = vec![to];
            let mut at = to;
            while let Some(previous) = came_from[at] {
                path.push(previous);
                at = previous;
            }
            path.reverse();
            return Some(path);
        }
        for &n in &next[node] {
            if !reached[n] {
                reached[n] = true;
                came_from[n] = Some(node);
                queue.push_back(n);
            }
        }
    }
    None
}

// ---------------------------------------------------------------------------------------
// The resolver on tiny trees
// ---------------------------------------------------------------------------------------

mod resolver {
    use super::*;

    fn tree(files: &[(&str, &str)]) -> (tempfile::TempDir, Tree) {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let tree = Tree::load(dir.path());
        (dir, tree)
    }

    fn edge_names(tree: &Tree) -> Vec<String> {
        tree.edges()
            .keys()
            .map(|&(a, b)| format!("{} -> {}", tree.files[a], tree.files[b]))
            .collect()
    }

    #[test]
    fn a_circle_of_three_files_is_reported_with_its_paths() {
        let (_dir, tree) = tree(&[
            ("lib.rs", "pub mod a; pub mod b; pub mod c;"),
            ("a.rs", "use crate::b::B; pub struct A;"),
            ("b.rs", "pub struct B; pub fn f() { super::c::g(); }"),
            ("c.rs", "pub fn g() { let _ = crate::a::A; }"),
        ]);
        let report = tree.circle_report();
        assert!(
            report.starts_with(
                "tangled: src/a.rs, src/b.rs, src/c.rs\n\
                 src/a.rs -> src/b.rs -> src/c.rs -> src/a.rs\n"
            ),
            "{report}"
        );
        assert!(report.contains("src/a.rs:1 `use crate::b::B`"), "{report}");
        assert!(report.contains("src/b.rs:1 `super::c::g`"), "{report}");
        assert!(report.contains("src/c.rs:1 `crate::a::A`"), "{report}");
    }

    #[test]
    fn a_tree_without_circle_passes_and_mod_declarations_are_no_edges() {
        let (_dir, tree) = tree(&[
            ("lib.rs", "pub mod a; pub mod b;"),
            ("a.rs", "use crate::b::B; pub fn f(_: B) {}"),
            (
                "b.rs",
                "pub struct B; #[cfg(test)] mod tests { use super::*; }",
            ),
        ]);
        assert_eq!(edge_names(&tree), ["a.rs -> b.rs"]);
        assert_eq!(tree.circle_report(), "");
    }

    #[test]
    fn re_exports_lead_to_the_defining_file() {
        let (_dir, tree) = tree(&[
            ("lib.rs", "pub mod vault; pub mod cli;"),
            (
                "vault/mod.rs",
                "mod pin; mod error; pub use pin::Pin; pub use self::error::*;",
            ),
            ("vault/pin.rs", "pub struct Pin;"),
            ("vault/error.rs", "pub enum VaultError {}"),
            (
                "cli.rs",
                "use crate::vault::{self, Pin as P};\n\
                 fn f() -> Result<P, vault::VaultError> { todo!() }",
            ),
        ]);
        assert_eq!(
            edge_names(&tree),
            [
                "cli.rs -> vault/error.rs",
                "cli.rs -> vault/pin.rs",
                "vault/mod.rs -> vault/error.rs",
                "vault/mod.rs -> vault/pin.rs"
            ]
        );
    }

    #[test]
    fn a_parent_and_its_child_file_using_each_other_is_a_circle() {
        let (_dir, tree) = tree(&[
            ("lib.rs", "pub mod tui;"),
            ("tui/mod.rs", "mod app; pub struct Theme; pub use app::App;"),
            (
                "tui/app.rs",
                "pub struct App; fn f() { format!(\"{:?}\", super::Theme); }",
            ),
            ("tui/app/tests.rs", "use super::*;"),
        ]);
        let report = tree.circle_report();
        assert!(
            report.contains("src/tui/app.rs -> src/tui/mod.rs -> src/tui/app.rs"),
            "{report}"
        );
        // The separate tests file uses its parent, which does not use it back: fine.
        assert!(!report.contains("tests.rs"), "{report}");
        assert!(edge_names(&tree).contains(&"tui/app/tests.rs -> tui/app.rs".to_owned()));
    }

    #[test]
    fn layers_are_checked_by_names() {
        let (_dir, tree) = tree(&[
            (
                "lib.rs",
                "pub mod code; pub mod vault; pub mod cli; pub mod clock;",
            ),
            (
                "code/mod.rs",
                "use std::{fs, time::SystemTime}; fn f() { crate::clock::now(); }",
            ),
            ("clock.rs", "pub fn now() {}"),
            ("vault/mod.rs", "#[derive(clap::Args)] pub struct Opts;"),
            ("cli/mod.rs", "use clap::Parser; use crate::code;"),
        ]);
        let violations = tree.layer_violations().join("\n");
        assert!(
            violations.contains(
                "src/code/mod.rs:1 in the pure layer touches the outside world: `use std::fs`"
            ),
            "{violations}"
        );
        assert!(
            violations.contains("src/code/mod.rs:1 in the pure layer names SystemTime"),
            "{violations}"
        );
        assert!(
            violations.contains("src/code/mod.rs:1 in the pure layer uses src/clock.rs above it"),
            "{violations}"
        );
        assert!(
            violations.contains("src/vault/mod.rs:1 below the front-ends uses clap: `clap::Args`"),
            "{violations}"
        );
        assert!(!violations.contains("cli/mod.rs"), "{violations}");
    }

    #[test]
    fn arrows_point_down_and_the_client_stays_off_the_server() {
        let (_dir, tree) = tree(&[
            (
                "lib.rs",
                "pub mod accounts; pub mod vault; pub mod cli; pub mod otpd_cli; pub mod server;",
            ),
            ("accounts.rs", "pub struct Account(crate::vault::Vault);"),
            (
                "vault/mod.rs",
                "pub struct Vault; fn f() { crate::cli::run(); }",
            ),
            ("cli/mod.rs", "pub fn run() { crate::otpd_cli::run(); }"),
            (
                "otpd_cli/mod.rs",
                "pub fn run() { crate::server::serve(); crate::cli::run(); }",
            ),
            (
                "server/mod.rs",
                "pub fn serve() { let _ = crate::vault::Vault; }",
            ),
        ]);
        let violations = tree.layer_violations();
        assert_eq!(
            violations,
            [
                "src/accounts.rs:1 in the domain layer uses src/vault/mod.rs in the services layer above it: `crate::vault::Vault`",
                "src/cli/mod.rs:1 is client code but uses otpd's src/otpd_cli/mod.rs: `crate::otpd_cli::run`",
                "src/vault/mod.rs:1 in the services layer uses src/cli/mod.rs in the front-ends layer above it: `crate::cli::run`",
            ]
        );
    }
}
