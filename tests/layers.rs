//! The layering rule of docs/code-layout.md (issue #13), checked on the source text of `src/`:
//! 1. floors: a module imports only from floors below its own, never up, never sideways;
//! 2. the layers below GraphQL and HTTP never name them (nor async-graphql, nor actix);
//! 3. no import cycles between top-level modules, nor between the submodules of any module.
//!
//! An import is any `crate::…` path in code (`use` trees, grouped or not, inline paths, and
//! strings of attributes that derive macros read as code; `super::`/`self::` paths made
//! absolute), comments and `#[cfg(test)]` code left out; unit-test files (`tests.rs`, `tests/`
//! folders) are not checked. A file's module is its first path
//! component under src/. Each failure lists every offending `file:line` and the rule it breaks.
//! The scanner itself is checked by the self-tests at the bottom, so the checks cannot pass by
//! reading nothing.

/// The scanner, in tests/layers/.
mod layers {
    pub mod scan;
}

use layers::scan::{Import, SourceFile, idents, imports, source_files};
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::Path;

/// Top-level modules, top floor first. A module may import from any floor below its own, not
/// from above, and not from another module of its own floor. `entities` is the `reos_entities`
/// crate; `main` is the binary's `main.rs`. The leaves at the bottom are one floor each, in the
/// order they depend on one another (analytics uses domain's text rule, domain returns error's
/// `ApiError`, config names auth's roles).
const FLOORS: &[&[&str]] = &[
    &["main"],
    &["cli"],
    &["startup"],
    &["http"],
    &["graphql"],
    &["services"],
    &["graph", "ratelimit", "events"],
    &["telemetry"],
    &["persistence"],
    &["pipeline"],
    &["analytics"],
    &["domain"],
    &["config"],
    &["auth"],
    &["entities"],
    &["error"],
];

/// Modules below GraphQL and HTTP: they must not name either, nor their libraries.
const WEB_FREE: &[&str] = &[
    "services",
    "persistence",
    "graph",
    "ratelimit",
    "telemetry",
    "domain",
    "events",
    "analytics",
    "pipeline",
];

fn floor_of(module: &str) -> Option<usize> {
    FLOORS.iter().position(|floor| floor.contains(&module))
}

/// Every checked file with the crate paths its code names.
fn crate_files() -> Vec<(SourceFile, Vec<Import>)> {
    let files = source_files(Path::new(env!("CARGO_MANIFEST_DIR")));
    assert!(
        files.len() > 50,
        "expected the crate's sources, found {} files",
        files.len()
    );
    files
        .into_iter()
        .map(|f| {
            let found = imports(&f.module, &f.text);
            (f, found)
        })
        .collect()
}

/// Problem → the crate paths behind it (several `use` leaves often share one line).
type Problems = BTreeMap<String, BTreeSet<String>>;

/// Fails with every problem of `rule`, one per line (or block).
fn fail_if_any(rule: &str, problems: &Problems) {
    let list: Vec<String> = problems
        .iter()
        .map(|(problem, paths)| {
            let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
            if paths.is_empty() {
                problem.clone()
            } else {
                format!("{problem} ({})", paths.join(", "))
            }
        })
        .collect();
    assert!(
        list.is_empty(),
        "{rule}: {} violation(s)\n{}\n",
        list.len(),
        list.join("\n")
    );
}

#[test]
fn imports_only_point_down_the_floors() {
    let mut problems = Problems::new();
    for (file, found) in crate_files() {
        let from = file.top();
        let Some(own) = floor_of(from) else {
            problems
                .entry(format!(
                    "{}: module `{from}` is on no floor (add it to FLOORS)",
                    file.path
                ))
                .or_default();
            continue;
        };
        for import in found {
            let Some(to) = import.path.first().map(String::as_str) else {
                continue;
            };
            let at = format!("{}:{}", file.path, import.line);
            let problem = match floor_of(to) {
                _ if to == from => continue,
                None => format!("{at}: {from} names `{to}`, which is on no floor"),
                Some(f) if f < own => format!("{at}: {from} imports {to}, a floor above it"),
                Some(f) if f == own => format!("{at}: {from} imports {to}, on its own floor"),
                Some(_) => continue,
            };
            problems
                .entry(problem)
                .or_default()
                .insert(format!("`{}`", import.path.join("::")));
        }
    }
    fail_if_any(
        "rule 1, imports point only down the floors (FLOORS in tests/layers.rs)",
        &problems,
    );
}

#[test]
fn lower_layers_know_nothing_of_graphql_or_http() {
    let mut problems = Problems::new();
    for (file, found) in crate_files() {
        let module = file.top();
        if !WEB_FREE.contains(&module) {
            continue;
        }
        for import in &found {
            if let Some(to @ ("graphql" | "http")) = import.path.first().map(String::as_str) {
                let problem = format!("{}:{}: {module} names crate::{to}", file.path, import.line);
                problems
                    .entry(problem)
                    .or_default()
                    .insert(format!("`{}`", import.path.join("::")));
            }
        }
        for ident in idents(&file.text) {
            if ident.name == "async_graphql" || ident.name.starts_with("actix") {
                let problem = format!("{}:{}: {module} names {}", file.path, ident.line, ident.name);
                problems.entry(problem).or_default();
            }
        }
    }
    fail_if_any(
        "rule 2, the layers below GraphQL and HTTP never name them nor their libraries",
        &problems,
    );
}

/// A place in the sources: file and line.
type Place = (String, usize);

/// (from, to) → the places that make the edge.
type Edges = BTreeMap<(String, String), BTreeSet<Place>>;

#[test]
fn no_module_cycles() {
    let files = crate_files();
    let modules: BTreeSet<Vec<String>> = files
        .iter()
        .flat_map(|(f, _)| (1..=f.module.len()).map(|n| f.module[..n].to_vec()))
        .collect();
    // For each parent module (the crate root is `[]`): the edges between its direct submodules.
    let mut graphs: BTreeMap<Vec<String>, Edges> = BTreeMap::new();
    for (file, found) in &files {
        for import in found {
            let common = file.module.iter().zip(&import.path).take_while(|(a, b)| a == b).count();
            if common >= file.module.len() || common >= import.path.len() {
                continue; // a module naming its own descendant or ancestor
            }
            if !modules.contains(&import.path[..=common]) {
                continue; // an item of the parent (a re-export), or another crate
            }
            let parent = file.module[..common].to_vec();
            let edge = (file.module[common].clone(), import.path[common].clone());
            let at = (file.path.clone(), import.line);
            graphs.entry(parent).or_default().entry(edge).or_default().insert(at);
        }
    }
    let mut problems = Problems::new();
    for (parent, edges) in &graphs {
        let name = |m: &String| parent.iter().chain([m]).cloned().collect::<Vec<_>>().join("::");
        for group in cycles(edges) {
            let members: Vec<String> = group.iter().map(name).collect();
            let example: Vec<String> = shortest_loop(edges, &group).iter().map(name).collect();
            let mut inside: Vec<(&(String, String), &BTreeSet<Place>)> = edges
                .iter()
                .filter(|((a, b), _)| group.contains(a) && group.contains(b))
                .collect();
            inside.sort_by_key(|(_, places)| places.len());
            let mut text = format!(
                "cycle between {} (e.g. {}); its edges, fewest places first:",
                members.join(", "),
                example.join(" -> ")
            );
            for ((from, to), places) in inside {
                let places: Vec<String> = places.iter().map(|(file, line)| format!("{file}:{line}")).collect();
                text.push_str(&format!("\n  {} -> {}: {}", name(from), name(to), places.join(", ")));
            }
            problems.entry(text).or_default();
        }
    }
    fail_if_any(
        "rule 3, no import cycles between modules nor between sibling submodules",
        &problems,
    );
}

/// The strongly connected groups of two or more modules: each holds one or more cycles.
fn cycles(edges: &Edges) -> Vec<BTreeSet<String>> {
    let nodes: BTreeSet<&String> = edges.keys().flat_map(|(a, b)| [a, b]).collect();
    let reachable: BTreeMap<&String, BTreeSet<String>> = nodes.iter().map(|&n| (n, reach(edges, n))).collect();
    let mut groups: BTreeSet<BTreeSet<String>> = BTreeSet::new();
    for &n in &nodes {
        let group: BTreeSet<String> = nodes
            .iter()
            .filter(|&&m| reachable[n].contains(m) && reachable[m].contains(n))
            .map(|&m| m.clone())
            .collect();
        if group.len() > 1 {
            groups.insert(group);
        }
    }
    groups.into_iter().collect()
}

/// Every module reachable from `start` by one or more edges.
fn reach(edges: &Edges, start: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![start.to_owned()];
    while let Some(node) = todo.pop() {
        for (from, to) in edges.keys() {
            if *from == node && seen.insert(to.clone()) {
                todo.push(to.clone());
            }
        }
    }
    seen
}

/// A shortest loop through the first module of `group`, as `[a, b, …, a]`.
fn shortest_loop(edges: &Edges, group: &BTreeSet<String>) -> Vec<String> {
    let Some(start) = group.first() else { return Vec::new() };
    let mut came_from: BTreeMap<&String, &String> = BTreeMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for (from, to) in edges.keys().filter(|(from, to)| from == node && group.contains(to)) {
            if to == start {
                let mut path = vec![start.clone()];
                let mut at = from;
                while at != start {
                    path.push(at.clone());
                    at = came_from[at];
                }
                path.push(start.clone());
                path.reverse();
                return path;
            }
            if !came_from.contains_key(to) {
                came_from.insert(to, from);
                queue.push_back(to);
            }
        }
    }
    Vec::new()
}

// --- self-tests of the scanner -------------------------------------------------------------

fn module(path: &str) -> Vec<String> {
    path.split("::").map(str::to_owned).collect()
}

fn found(module_path: &str, text: &str) -> Vec<(usize, String)> {
    imports(&module(module_path), text)
        .into_iter()
        .map(|i| (i.line, i.path.join("::")))
        .collect()
}

#[test]
fn the_scanner_reads_use_trees_and_inline_paths_but_not_comments() {
    let text = r#"use crate::{graphql::{self, query::Query},
    http};
// a comment about crate::http is not an import
/// nor is a doc comment naming crate::startup
/* a block comment: crate::cli */ use super::sibling::Thing;
fn f() -> String {
    crate::services::users::find(1);
    "crate::cli in a string".to_owned()
}
#[cfg(test)]
mod tests {
    use crate::cli::Cli;
}
pub(crate) use self::child::*;
use std::fmt;
#[graphql(guard = "crate::graphql::guards::RoleGuard::new(Role::Analyst)")]
#[doc = "crate::cli in a doc attribute"]
"#;
    assert_eq!(
        found("persistence::store", text),
        vec![
            (1, "graphql".to_owned()),
            (1, "graphql::query::Query".to_owned()),
            (2, "http".to_owned()),
            (5, "persistence::sibling::Thing".to_owned()),
            (7, "services::users::find".to_owned()),
            (14, "persistence::store::child".to_owned()),
            (16, "graphql::guards::RoleGuard::new".to_owned()),
        ]
    );
}

#[test]
fn super_and_self_follow_inline_modules_and_main_names_the_library() {
    let text = "mod price {\n    use super::limits::Cap;\n}\nuse super::Other;\n";
    let want = vec![
        (2, "graphql::work::limits::Cap".to_owned()),
        (4, "graphql::Other".to_owned()),
    ];
    assert_eq!(found("graphql::work", text), want);
    assert_eq!(found("main", "reos::cli::run(cli)"), vec![(1, "cli::run".to_owned())]);
    assert_eq!(
        found("events", "use reos_entities::user;"),
        vec![(1, "entities::user".to_owned())]
    );
}

#[test]
fn the_scanner_sees_library_names_in_code_only() {
    let text = "// actix_web in a comment\nlet s = \"async_graphql\";\n#[derive(async_graphql::Enum)]\n#[graphql(desc = \"not actix\")]\n";
    let names: Vec<(usize, String)> = idents(text)
        .into_iter()
        .filter(|i| i.name.starts_with("actix") || i.name == "async_graphql")
        .map(|i| (i.line, i.name))
        .collect();
    assert_eq!(names, vec![(3, "async_graphql".to_owned())]);
}

#[test]
fn cycles_are_found_and_one_way_edges_are_not() {
    let edge = |a: &str, b: &str| ((a.to_owned(), b.to_owned()), BTreeSet::new());
    let edges: Edges = [
        edge("query", "mutation"),
        edge("mutation", "query"),
        edge("query", "types"),
    ]
    .into();
    let want: BTreeSet<String> = ["mutation".to_owned(), "query".to_owned()].into();
    assert_eq!(cycles(&edges), vec![want.clone()]);
    assert_eq!(shortest_loop(&edges, &want), ["mutation", "query", "mutation"]);
}

#[test]
fn the_floors_name_exactly_the_top_level_modules() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tops: BTreeSet<String> = source_files(root).iter().map(|f| f.top().to_owned()).collect();
    let unplaced: Vec<&String> = tops.iter().filter(|m| floor_of(m).is_none()).collect();
    assert!(
        unplaced.is_empty(),
        "top-level modules on no floor (add them to FLOORS): {unplaced:?}"
    );
    let gone: Vec<&&str> = FLOORS
        .iter()
        .flat_map(|f| f.iter())
        .filter(|m| **m != "entities" && !tops.contains(**m))
        .collect();
    assert!(
        gone.is_empty(),
        "FLOORS names modules that src/ no longer has (remove them): {gone:?}"
    );
}
