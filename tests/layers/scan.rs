//! Reads Rust source for the layering check: what module a file is, which `crate::…` paths its
//! code names (line by line, comments, strings and `#[cfg(test)]` items left out), and which
//! identifiers it uses. A scanner, not a parser: it knows tokens, braces and `use` trees.
use std::path::{Path, PathBuf};

/// One source file of the crate.
pub struct SourceFile {
    /// Relative path, `src/graphql/query/dcf.rs`.
    pub path: String,
    /// Module path from the crate root: `["graphql", "query", "dcf"]`; `["main"]` for main.rs.
    pub module: Vec<String>,
    pub text: String,
}

impl SourceFile {
    /// The file's top-level module (its first path component under src/).
    pub fn top(&self) -> &str {
        self.module.first().map_or("", String::as_str)
    }
}

/// A path the code names, made absolute from the crate root.
#[derive(Debug, Clone, PartialEq)]
pub struct Import {
    pub line: usize,
    /// `["services", "users", "find"]` for `crate::services::users::find` (the `reos_entities`
    /// crate shows as `entities`).
    pub path: Vec<String>,
}

/// An identifier as it appears in code, with its line.
pub struct Ident {
    pub line: usize,
    pub name: String,
}

/// Every `.rs` file under `src/`, sorted, except unit-test files (`tests.rs`, anything under a
/// `tests/` folder) and the crate root `lib.rs`, which only declares the modules.
pub fn source_files(root: &Path) -> Vec<SourceFile> {
    let mut paths = Vec::new();
    collect(&root.join("src"), &mut paths);
    paths.sort();
    let mut files = Vec::new();
    for path in paths {
        let rel = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        let parts: Vec<&str> = rel
            .trim_start_matches("src/")
            .trim_end_matches(".rs")
            .split('/')
            .collect();
        let is_test = parts.last() == Some(&"tests") || parts[..parts.len() - 1].contains(&"tests");
        if is_test || rel == "src/lib.rs" {
            continue;
        }
        let mut module: Vec<String> = parts.iter().map(|p| p.to_string()).collect();
        if module.last().map(String::as_str) == Some("mod") {
            module.pop();
        }
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{rel}: {e}"));
        files.push(SourceFile {
            path: rel,
            module,
            text,
        });
    }
    files
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.unwrap_or_else(|e| panic!("{}: {e}", dir.display())).path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    PathSep,
    Punct(char),
}

struct Token {
    tok: Tok,
    line: usize,
}

/// What `code_only` does with a string inside an attribute.
#[derive(Clone, Copy, PartialEq)]
enum AttributeStrings {
    /// Blank, like every other string.
    Blank,
    /// Keep, outside `#[doc …]`: derive macros read such strings as code
    /// (`#[graphql(guard = "crate::graphql::guards::RoleGuard::new(…)")]`).
    Keep,
}

/// The code of `text`: comments (doc comments too) and the insides of string and character
/// literals become spaces (see [`AttributeStrings`]), and every `#[cfg(test)]` item is blanked.
/// Lines keep their numbers.
fn code_only(text: &str, attribute_strings: AttributeStrings) -> String {
    let c: Vec<char> = text.chars().collect();
    let mut out = c.clone();
    let blank = |out: &mut Vec<char>, from: usize, to: usize| {
        for ch in out.iter_mut().take(to.min(c.len())).skip(from) {
            if *ch != '\n' {
                *ch = ' ';
            }
        }
    };
    // Inside an attribute: its bracket depth, and whether its strings are kept.
    let mut attribute: Option<(usize, bool)> = None;
    let mut i = 0;
    while i < c.len() {
        let at = |k: usize| c.get(i + k).copied().unwrap_or('\0');
        let keep = attribute.is_some_and(|(_, keep)| keep);
        if at(0) == '/' && at(1) == '/' {
            let end = (i..c.len()).find(|&k| c[k] == '\n').unwrap_or(c.len());
            blank(&mut out, i, end);
            i = end;
        } else if at(0) == '/' && at(1) == '*' {
            let (mut depth, mut k) = (1, i + 2);
            while k < c.len() && depth > 0 {
                if c[k] == '/' && c.get(k + 1) == Some(&'*') {
                    depth += 1;
                    k += 1;
                } else if c[k] == '*' && c.get(k + 1) == Some(&'/') {
                    depth -= 1;
                    k += 1;
                }
                k += 1;
            }
            blank(&mut out, i, k);
            i = k;
        } else if let Some(hashes) = raw_string_start(&c, i) {
            let open = c[i..].iter().position(|&ch| ch == '"').map_or(c.len(), |p| i + p);
            let closing: Vec<char> = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
            let mut k = open + 1;
            while k < c.len() && !c[k..].starts_with(&closing) {
                k += 1;
            }
            if !keep {
                blank(&mut out, i, k + closing.len());
            }
            i = k + closing.len();
        } else if at(0) == '"' {
            let mut k = i + 1;
            while k < c.len() && c[k] != '"' {
                k += if c[k] == '\\' { 2 } else { 1 };
            }
            if !keep {
                blank(&mut out, i + 1, k);
            }
            i = k + 1;
        } else if at(0) == '\'' {
            // A character literal ('x', '\n', '\u{1F600}'), or else a lifetime or label.
            let end = if at(1) == '\\' {
                (i + 3..c.len()).find(|&k| c[k] == '\'')
            } else if at(2) == '\'' {
                Some(i + 2)
            } else {
                None
            };
            match end {
                Some(end) => {
                    blank(&mut out, i + 1, end);
                    i = end + 1;
                }
                None => i += 1,
            }
        } else if is_ident_char(at(0)) {
            // Skip whole words so `r` or `b` inside one is never taken for a literal's prefix.
            while i < c.len() && is_ident_char(c[i]) {
                i += 1;
            }
        } else {
            match (at(0), attribute) {
                ('#', None) if at(1) == '[' || (at(1) == '!' && at(2) == '[') => {
                    let name: String = c[i..].iter().skip_while(|&&ch| ch != '[').skip(1).take(3).collect();
                    attribute = Some((0, attribute_strings == AttributeStrings::Keep && name != "doc"));
                }
                ('[', Some((depth, keep))) => attribute = Some((depth + 1, keep)),
                (']', Some((depth, keep))) => attribute = (depth > 1).then_some((depth - 1, keep)),
                _ => {}
            }
            i += 1;
        }
    }
    let code: String = out.into_iter().collect();
    blank_test_items(&code)
}

fn is_ident_char(ch: char) -> bool {
    ch.is_alphanumeric() || ch == '_'
}

/// At `r"`, `r#"`, `br"`, `cr#"`, … (not inside a word): the number of `#`s.
fn raw_string_start(c: &[char], i: usize) -> Option<usize> {
    if i > 0 && is_ident_char(c[i - 1]) {
        return None;
    }
    let mut k = i;
    if matches!(c.get(k), Some('b' | 'c')) {
        k += 1;
    }
    if c.get(k) != Some(&'r') {
        return None;
    }
    k += 1;
    let hashes = c[k..].iter().take_while(|&&ch| ch == '#').count();
    (c.get(k + hashes) == Some(&'"')).then_some(hashes)
}

/// Blanks every item marked `#[cfg(test)]`, up to its `;` or its closing brace (or the end of
/// the block around it), in code whose comments and literals are already blank.
fn blank_test_items(code: &str) -> String {
    let mark: Vec<char> = "#[cfg(test)]".chars().collect();
    let mut c: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < c.len() {
        if !c[i..].starts_with(&mark) {
            i += 1;
            continue;
        }
        let (mut depth, mut k) = (0usize, i + mark.len());
        let end = loop {
            match c.get(k) {
                None => break c.len(),
                Some(';') if depth == 0 => break k + 1,
                Some('(' | '[' | '{') => depth += 1,
                Some(')' | ']' | '}') if depth == 0 => break k,
                Some(&closer @ (')' | ']' | '}')) => {
                    depth -= 1;
                    if depth == 0 && closer == '}' {
                        break k + 1;
                    }
                }
                _ => {}
            }
            k += 1;
        };
        for ch in &mut c[i..end] {
            if *ch != '\n' {
                *ch = ' ';
            }
        }
        i = end;
    }
    c.into_iter().collect()
}

fn tokens(code: &str) -> Vec<Token> {
    let c: Vec<char> = code.chars().collect();
    let (mut out, mut line, mut i) = (Vec::new(), 1, 0);
    while i < c.len() {
        let ch = c[i];
        if ch == '\n' {
            line += 1;
            i += 1;
        } else if ch.is_whitespace() {
            i += 1;
        } else if is_ident_char(ch) {
            let start = i;
            while i < c.len() && is_ident_char(c[i]) {
                i += 1;
            }
            let word: String = c[start..i].iter().collect();
            out.push(Token {
                tok: Tok::Ident(word),
                line,
            });
        } else if ch == ':' && c.get(i + 1) == Some(&':') {
            out.push(Token {
                tok: Tok::PathSep,
                line,
            });
            i += 2;
        } else {
            out.push(Token {
                tok: Tok::Punct(ch),
                line,
            });
            i += 1;
        }
    }
    out
}

/// Every identifier in the code of `text` (comments, literals and test items left out).
pub fn idents(text: &str) -> Vec<Ident> {
    tokens(&code_only(text, AttributeStrings::Blank))
        .into_iter()
        .filter_map(|t| match t.tok {
            Tok::Ident(name) => Some(Ident { line: t.line, name }),
            _ => None,
        })
        .collect()
}

/// The crate paths that the code of `text` names, for a file whose module path is `module`:
/// every leaf of a `use` tree and every inline `crate::…`, `super::…` or `self::…` path, made
/// absolute. `super` and `self` follow inline `mod name { … }` blocks; in `main.rs` (module
/// `["main"]`) the library is `reos::…`. Other crates are left out, except `reos_entities`.
pub fn imports(module: &[String], text: &str) -> Vec<Import> {
    let toks = tokens(&code_only(text, AttributeStrings::Keep));
    let mut scope = Scope {
        file: module.to_vec(),
        inline: Vec::new(),
        depth: 0,
    };
    let mut found = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match &toks[i].tok {
            Tok::Ident(w) if w == "use" => {
                let mut leaves = Vec::new();
                i = use_tree(&toks, i + 1, Vec::new(), &mut leaves);
                found.extend(leaves.into_iter().filter_map(|(line, p)| scope.import(line, &p)));
            }
            Tok::Ident(w) if w == "mod" => {
                if let (Some(Tok::Ident(name)), Some(Tok::Punct('{'))) =
                    (toks.get(i + 1).map(|t| &t.tok), toks.get(i + 2).map(|t| &t.tok))
                {
                    scope.depth += 1;
                    scope.inline.push((name.clone(), scope.depth));
                    i += 3;
                } else {
                    i += 1;
                }
            }
            Tok::Ident(first) if toks.get(i + 1).map(|t| &t.tok) == Some(&Tok::PathSep) => {
                let line = toks[i].line;
                let mut path = vec![first.clone()];
                let mut k = i + 1;
                while let (Some(Tok::PathSep), Some(Tok::Ident(seg))) =
                    (toks.get(k).map(|t| &t.tok), toks.get(k + 1).map(|t| &t.tok))
                {
                    path.push(seg.clone());
                    k += 2;
                }
                found.extend(scope.import(line, &path));
                i = k;
            }
            Tok::Punct('{') => {
                scope.depth += 1;
                i += 1;
            }
            Tok::Punct('}') => {
                if scope.inline.last().is_some_and(|&(_, d)| d == scope.depth) {
                    scope.inline.pop();
                }
                scope.depth = scope.depth.saturating_sub(1);
                i += 1;
            }
            _ => i += 1,
        }
    }
    found
}

/// Where a path is written: the file's module plus the inline modules open around it.
struct Scope {
    file: Vec<String>,
    inline: Vec<(String, usize)>,
    depth: usize,
}

impl Scope {
    fn import(&self, line: usize, written: &[String]) -> Option<Import> {
        let segs: Vec<&str> = written.iter().map(String::as_str).collect();
        self.resolve(&segs).map(|path| Import { line, path })
    }

    fn resolve(&self, segs: &[&str]) -> Option<Vec<String>> {
        let mut here: Vec<String> = self.file.clone();
        here.extend(self.inline.iter().map(|(n, _)| n.clone()));
        let is_main = self.file == ["main"];
        let (base, rest): (Vec<String>, &[&str]) = match *segs.first()? {
            "crate" if !is_main => (Vec::new(), &segs[1..]),
            "reos" if is_main => (Vec::new(), &segs[1..]),
            "reos_entities" => (vec!["entities".to_owned()], &segs[1..]),
            "self" if !is_main => (here, &segs[1..]),
            "super" if !is_main => {
                let ups = segs.iter().take_while(|&&s| s == "super").count();
                (here[..here.len().saturating_sub(ups)].to_vec(), &segs[ups..])
            }
            _ => return None,
        };
        let mut path = base;
        path.extend(rest.iter().filter(|&&s| s != "self").map(|s| s.to_string()));
        Some(path)
    }
}

/// Parses one `use` tree from `toks[i]`; each leaf goes to `out` with the line it ends on.
/// Returns the index after the tree (after the `;` for a whole statement).
fn use_tree(toks: &[Token], mut i: usize, mut prefix: Vec<String>, out: &mut Vec<(usize, Vec<String>)>) -> usize {
    if toks.get(i).map(|t| &t.tok) == Some(&Tok::PathSep) {
        i += 1; // `use ::std::…`
    }
    loop {
        match toks.get(i).map(|t| &t.tok) {
            Some(Tok::Ident(seg)) if seg != "as" => {
                prefix.push(seg.clone());
                let line = toks[i].line;
                i += 1;
                if toks.get(i).map(|t| &t.tok) == Some(&Tok::PathSep) {
                    i += 1;
                    continue;
                }
                out.push((line, prefix));
                // `as name`
                if matches!(toks.get(i).map(|t| &t.tok), Some(Tok::Ident(a)) if a == "as") {
                    i += 2;
                }
                return skip_end(toks, i);
            }
            Some(Tok::Punct('{')) => {
                i += 1;
                while i < toks.len() && toks[i].tok != Tok::Punct('}') {
                    i = use_tree(toks, i, prefix.clone(), out);
                }
                return skip_end(toks, i + 1);
            }
            Some(Tok::Punct('*')) => {
                out.push((toks[i].line, prefix));
                return skip_end(toks, i + 1);
            }
            _ => return i + 1,
        }
    }
}

/// After a tree: past a `,` (inside braces) or a `;` (end of the statement); stops at `}`.
fn skip_end(toks: &[Token], i: usize) -> usize {
    match toks.get(i).map(|t| &t.tok) {
        Some(Tok::Punct(',' | ';')) => i + 1,
        _ => i,
    }
}
