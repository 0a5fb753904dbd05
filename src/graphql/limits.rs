//! The document guard: linear checks every GraphQL document passes before async-graphql parses
//! it (size, tokens, bracket nesting) and validates it (fragment count and cycles, expanded size,
//! data depth, aliases, root fields, the shape of introspection). Fragments are expanded with
//! memoization, so the guard's own work is linear in the document and whatever it lets through
//! is bounded by `max_nodes` expanded selections: no document within the body limit can make
//! the parser or async-graphql's validation (whose recursive checks expand every spread) work
//! exponentially. Refusals are QUERY_TOO_COMPLEX, parse errors GRAPHQL_PARSE_FAILED.
use crate::config::GraphqlSettings;
use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextPrepareRequest};
use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};
use async_graphql::{ErrorExtensionValues, Request, ServerError, ServerResult};
use std::collections::HashMap;
use std::sync::Arc;

/// Introspection fields that expand a type into its members; at most one per path, so that an
/// introspection answer stays proportional to types × members (what graphql-js asks for).
const TYPE_EXPANSIONS: &[&str] = &["fields", "inputFields", "interfaces", "possibleTypes", "enumValues"];

/// The limits, taken from `[graphql]`.
#[derive(Debug, Clone)]
pub struct DocumentLimits {
    pub max_query_bytes: usize,
    pub max_tokens: usize,
    /// Bracket nesting (`{`, `(`, `[`) of the text; bounds the parser's recursion.
    pub max_nesting: usize,
    pub max_fragments: usize,
    pub max_nodes: u64,
    pub max_depth: usize,
    pub max_aliases: u64,
    pub max_root_fields: u64,
    pub introspection_max_depth: usize,
}

impl From<&GraphqlSettings> for DocumentLimits {
    fn from(s: &GraphqlSettings) -> Self {
        Self {
            max_query_bytes: s.max_query_bytes,
            max_tokens: s.max_tokens,
            max_nesting: s.max_depth.max(s.introspection_max_depth) * 2 + 8,
            max_fragments: s.max_fragments,
            max_nodes: s.max_nodes,
            max_depth: s.max_depth,
            max_aliases: s.max_aliases as u64,
            max_root_fields: s.max_root_fields as u64,
            introspection_max_depth: s.introspection_max_depth,
        }
    }
}

/// What the guard measured of an accepted document, and the work it took.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shape {
    /// Selections after expanding every fragment spread (summed over operations).
    pub nodes: u64,
    /// Deepest data selection (introspection subtrees not counted).
    pub depth: usize,
    /// Selections the guard itself visited (each fragment at most twice); linear in the text.
    pub visited: u64,
}

/// Why a document was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    TooComplex(String),
    Parse(String),
    Invalid(String),
}

impl Refusal {
    pub fn code(&self) -> &'static str {
        match self {
            Self::TooComplex(_) => "QUERY_TOO_COMPLEX",
            Self::Parse(_) => "GRAPHQL_PARSE_FAILED",
            Self::Invalid(_) => "GRAPHQL_VALIDATION_FAILED",
        }
    }

    pub fn into_server_error(self) -> ServerError {
        let code = self.code();
        let (Self::TooComplex(m) | Self::Parse(m) | Self::Invalid(m)) = self;
        coded(ServerError::new(m, None), code)
    }
}

/// Sets `extensions.code` on an error.
pub fn coded(mut err: ServerError, code: &str) -> ServerError {
    let ext = err.extensions.get_or_insert_with(ErrorExtensionValues::default);
    ext.set("code", code);
    err
}

/// Checks the raw text in one pass: bytes, tokens and bracket nesting (strings, block strings and
/// comments are skipped as the lexer would).
pub fn check_text(limits: &DocumentLimits, query: &str) -> Result<(), Refusal> {
    if query.len() > limits.max_query_bytes {
        return Err(Refusal::TooComplex(format!(
            "the query text is {} bytes; at most {} allowed (send large inputs as variables)",
            query.len(),
            limits.max_query_bytes
        )));
    }
    let b = query.as_bytes();
    let (mut i, mut tokens, mut nesting, mut deepest) = (0usize, 0usize, 0usize, 0usize);
    while i < b.len() {
        let c = b[i];
        match c {
            b' ' | b'\t' | b'\n' | b'\r' | b',' => i += 1,
            b'#' => {
                while i < b.len() && b[i] != b'\n' && b[i] != b'\r' {
                    i += 1;
                }
            }
            b'"' => {
                tokens += 1;
                i = skip_string(b, i);
            }
            b'{' | b'(' | b'[' => {
                tokens += 1;
                nesting += 1;
                deepest = deepest.max(nesting);
                i += 1;
            }
            b'}' | b')' | b']' => {
                tokens += 1;
                nesting = nesting.saturating_sub(1);
                i += 1;
            }
            b'!' | b'$' | b'&' | b':' | b'=' | b'@' | b'|' => {
                tokens += 1;
                i += 1;
            }
            _ => {
                tokens += 1;
                while i < b.len() && !is_separator(b[i]) {
                    i += 1;
                }
            }
        }
        if tokens > limits.max_tokens {
            return Err(Refusal::TooComplex(format!(
                "the query has more than {} tokens",
                limits.max_tokens
            )));
        }
        if deepest > limits.max_nesting {
            return Err(Refusal::TooComplex(format!(
                "the query nests brackets more than {} deep",
                limits.max_nesting
            )));
        }
    }
    Ok(())
}

fn is_separator(c: u8) -> bool {
    matches!(
        c,
        b' ' | b'\t'
            | b'\n'
            | b'\r'
            | b','
            | b'#'
            | b'"'
            | b'{'
            | b'('
            | b'['
            | b'}'
            | b')'
            | b']'
            | b'!'
            | b'$'
            | b'&'
            | b':'
            | b'='
            | b'@'
            | b'|'
    )
}

/// The index just past the string starting at `start` (a `"…"` or a `"""…"""`); the end of the
/// text when it is unterminated (the parser will say so).
fn skip_string(b: &[u8], start: usize) -> usize {
    if b[start..].starts_with(b"\"\"\"") {
        let mut i = start + 3;
        while i < b.len() {
            if b[i] == b'\\' && b[i + 1..].starts_with(b"\"\"\"") {
                i += 4;
            } else if b[i..].starts_with(b"\"\"\"") {
                return i + 3;
            } else {
                i += 1;
            }
        }
        return b.len();
    }
    let mut i = start + 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            b'\n' | b'\r' => return i,
            _ => i += 1,
        }
    }
    b.len()
}

/// Measures of one selection set with every fragment expanded.
#[derive(Debug, Clone, Copy, Default)]
struct Measure {
    /// Expanded selections.
    nodes: u64,
    /// Fields directly in the set (fragments expanded), for the root-field cap.
    fields: u64,
    aliases: u64,
    /// Deepest data field below and including this set.
    depth: usize,
}

impl Measure {
    fn add(&mut self, other: Measure) {
        self.nodes = self.nodes.saturating_add(other.nodes);
        self.fields = self.fields.saturating_add(other.fields);
        self.aliases = self.aliases.saturating_add(other.aliases);
        self.depth = self.depth.max(other.depth);
    }
}

/// Where a selection set stands: inside an introspection field or not, and (inside one) how far
/// from the root. Fragments are measured once per context they are spread in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Context {
    Data,
    /// Inside `__schema`/`__type` at this depth from the root, with this many type expansions above.
    Introspection {
        depth: usize,
        expansions: usize,
    },
}

enum Memo {
    InProgress,
    Done(Measure),
}

struct Walker<'a> {
    doc: &'a ExecutableDocument,
    limits: &'a DocumentLimits,
    memo: HashMap<(&'a str, Context), Memo>,
    visited: u64,
    /// Selection sets entered and not yet left (bounds the walk's recursion).
    level: usize,
}

/// Nesting of selection sets and spreads the walk follows: async-graphql's own recursion limit.
const MAX_LEVELS: usize = 32;

fn introspection_shape(limits: &DocumentLimits, depth: usize, expansions: usize) -> Result<(), Refusal> {
    if depth > limits.introspection_max_depth {
        return Err(Refusal::TooComplex(format!(
            "introspection is nested more than {} levels deep",
            limits.introspection_max_depth
        )));
    }
    if expansions > 1 {
        return Err(Refusal::TooComplex(
            "introspection may expand a type's members (fields, inputFields, interfaces, possibleTypes, \
             enumValues) at most once on a path"
                .into(),
        ));
    }
    Ok(())
}

impl<'a> Walker<'a> {
    fn set(&mut self, set: &'a SelectionSet, ctx: Context) -> Result<Measure, Refusal> {
        self.level += 1;
        if self.level > MAX_LEVELS {
            return Err(Refusal::TooComplex(format!(
                "selections and fragment spreads nest more than {MAX_LEVELS} deep"
            )));
        }
        let m = self.items(set, ctx);
        self.level -= 1;
        m
    }

    fn items(&mut self, set: &'a SelectionSet, ctx: Context) -> Result<Measure, Refusal> {
        let mut m = Measure::default();
        for item in &set.items {
            self.visited += 1;
            match &item.node {
                Selection::Field(f) => {
                    let name = f.node.name.node.as_str();
                    let child_ctx = match ctx {
                        Context::Data if name == "__schema" || name == "__type" => Context::Introspection {
                            depth: 1,
                            expansions: 0,
                        },
                        Context::Data => Context::Data,
                        Context::Introspection { depth, expansions } => Context::Introspection {
                            depth: depth + 1,
                            expansions: expansions + usize::from(TYPE_EXPANSIONS.contains(&name)),
                        },
                    };
                    if let Context::Introspection { depth, expansions } = child_ctx {
                        // Refused at once, which also bounds the contexts a fragment is measured in.
                        introspection_shape(self.limits, depth, expansions)?;
                    }
                    let child = self.set(&f.node.selection_set.node, child_ctx)?;
                    m.add(Measure {
                        nodes: child.nodes.saturating_add(1),
                        fields: 1,
                        aliases: child.aliases + u64::from(f.node.alias.is_some()),
                        depth: if child_ctx == Context::Data { child.depth + 1 } else { 0 },
                    });
                }
                // A spread or an inline fragment is a selection of its own (async-graphql's
                // recursive checks visit it even when it expands to nothing), so it counts as a
                // node; only its fields count towards root fields and depth.
                Selection::FragmentSpread(s) => {
                    let name = s.node.fragment_name.node.as_str();
                    let mut inner = self.fragment(name, ctx)?;
                    inner.nodes = inner.nodes.saturating_add(1);
                    m.add(inner);
                }
                Selection::InlineFragment(i) => {
                    let mut inner = self.set(&i.node.selection_set.node, ctx)?;
                    inner.nodes = inner.nodes.saturating_add(1);
                    m.add(inner);
                }
            }
            if m.nodes > self.limits.max_nodes {
                return Err(too_many_nodes(self.limits));
            }
        }
        Ok(m)
    }

    fn fragment(&mut self, name: &'a str, ctx: Context) -> Result<Measure, Refusal> {
        let Some((key, frag)) = self.doc.fragments.get_key_value(name) else {
            // Refused here, not left to validation: async-graphql's recursive depth check runs
            // before validation and would expand every spread leading to it.
            return Err(Refusal::Invalid(format!("unknown fragment `{name}`")));
        };
        let key = (key.as_str(), ctx);
        match self.memo.get(&key) {
            Some(Memo::Done(m)) => return Ok(*m),
            Some(Memo::InProgress) => {
                return Err(Refusal::Invalid(format!("fragment `{name}` spreads itself (a cycle)")));
            }
            None => {}
        }
        self.memo.insert(key, Memo::InProgress);
        let m = self.set(&frag.node.selection_set.node, ctx)?;
        self.memo.insert(key, Memo::Done(m));
        Ok(m)
    }
}

fn too_many_nodes(limits: &DocumentLimits) -> Refusal {
    Refusal::TooComplex(format!(
        "the query selects more than {} fields once its fragments are expanded",
        limits.max_nodes
    ))
}

/// Checks a parsed document; linear in its size (each fragment is measured at most once per
/// introspection context).
pub fn check_document(limits: &DocumentLimits, doc: &ExecutableDocument) -> Result<Shape, Refusal> {
    if doc.fragments.len() > limits.max_fragments {
        return Err(Refusal::TooComplex(format!(
            "{} fragments; at most {} allowed",
            doc.fragments.len(),
            limits.max_fragments
        )));
    }
    let mut walker = Walker {
        doc,
        limits,
        memo: HashMap::new(),
        visited: 0,
        level: 0,
    };
    let mut shape = Shape::default();
    for (_, op) in doc.operations.iter() {
        let m = walker.set(&op.node.selection_set.node, Context::Data)?;
        if m.fields > limits.max_root_fields {
            return Err(Refusal::TooComplex(format!(
                "{} root fields; at most {} allowed",
                m.fields, limits.max_root_fields
            )));
        }
        if m.aliases > limits.max_aliases {
            return Err(Refusal::TooComplex(format!(
                "{} aliased fields; at most {} allowed",
                m.aliases, limits.max_aliases
            )));
        }
        if m.depth > limits.max_depth {
            return Err(Refusal::TooComplex(format!(
                "Query is nested too deep: {} levels; at most {} allowed",
                m.depth, limits.max_depth
            )));
        }
        shape.nodes = shape.nodes.saturating_add(m.nodes);
        shape.depth = shape.depth.max(m.depth);
        if shape.nodes > limits.max_nodes {
            return Err(too_many_nodes(limits));
        }
    }
    shape.visited = walker.visited;
    Ok(shape)
}

/// Checks a request's text, parses it (once: the request keeps the document) and checks the
/// document. Safe to call again on an already prepared request.
pub fn prepare(limits: &DocumentLimits, request: &mut Request) -> Result<Shape, Refusal> {
    check_text(limits, &request.query)?;
    let doc = request.parsed_query().map_err(|e| Refusal::Parse(e.to_string()))?;
    check_document(limits, doc)
}

/// Extension factory: runs [`prepare`] on every request before async-graphql parses or
/// validates it (HTTP, WebSocket and in-process execution alike).
pub struct DocumentGuard(pub Arc<DocumentLimits>);

#[async_trait::async_trait]
impl Extension for DocumentGuard {
    async fn prepare_request(
        &self,
        ctx: &ExtensionContext<'_>,
        mut request: Request,
        next: NextPrepareRequest<'_>,
    ) -> ServerResult<Request> {
        prepare(&self.0, &mut request).map_err(Refusal::into_server_error)?;
        next.run(ctx, request).await
    }
}

impl ExtensionFactory for DocumentGuard {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(DocumentGuard(self.0.clone()))
    }
}

/// The abusive shape the guard is built against: `n` fragments, each spreading the next `fanout`
/// times (fanout^(n-1) expanded selections in a few hundred bytes). Used by `reos bench abuse`
/// and the tests.
pub fn fan_out(n: usize, fanout: usize) -> String {
    let mut q = String::from("query { me { ...F0 } }\n");
    for i in 0..n {
        let body = if i + 1 == n {
            "subject".to_owned()
        } else {
            format!("...F{} ", i + 1).repeat(fanout)
        };
        q.push_str(&format!("fragment F{i} on Me {{ {body} }}\n"));
    }
    q
}

#[cfg(test)]
mod tests;
