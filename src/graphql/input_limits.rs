//! Which limit (`domain::text`: how long, which characters) applies to each string input, and
//! the extension that enforces it on every argument and input-object field — literals
//! and variables alike, found through the schema's types — before anything runs. A refused value
//! is BAD_USER_INPUT naming its path (`input.name: at most 300 characters`).
//!
//! Why: PostgreSQL refuses NUL in text and index rows above 2,704 bytes, so an unchecked string
//! became an INTERNAL_SERVER_ERROR deep in a resolver (issue #12). 300 characters are at most
//! 1,200 bytes, well inside an index row with its tenant id.
use crate::error::ApiError;
use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextParseQuery};
use async_graphql::parser::types::{ExecutableDocument, OperationDefinition, OperationType, Selection, SelectionSet};
use async_graphql::registry::{MetaType, MetaTypeName, Registry};
use async_graphql::{ErrorExtensions, Name, ServerResult, Value, Variables};
use std::collections::HashSet;
use std::sync::Arc;

/// The rule itself (limits, allowed characters, the check) is `domain::text`, shared with the
/// importers; re-exported here for the schema's inputs.
pub use crate::domain::text::{Chars, DEFAULT, FILE_TEXT, ID, LONG_TEXT, StringLimit, violation};

/// The inputs that differ from [`DEFAULT`] / [`ID`]: `Type.field` for an input-object field,
/// `Type.field(argument)` for an argument. A unit test checks that each names a real input.
pub const OVERRIDES: &[(&str, StringLimit)] = &[
    ("ImportPropertiesInput.csv", FILE_TEXT),
    ("ImportPropertiesInput.leasesCsv", FILE_TEXT),
    ("ImportPropertiesInput.unitMixCsv", FILE_TEXT),
    ("ImportSalesInput.csv", FILE_TEXT),
    ("ImportMarketSeriesInput.csv", FILE_TEXT),
    ("CreateOwnerInput.mailingAddress", LONG_TEXT),
    ("UpdateOwnerInput.mailingAddress", LONG_TEXT),
];

/// The limit of a string given for the input `key` of type `type_name`; `None` for types whose
/// values are not text (numbers, booleans, uploads).
pub fn limit_of(key: &str, type_name: &str) -> Option<StringLimit> {
    if let Some((_, limit)) = OVERRIDES.iter().find(|(k, _)| *k == key) {
        return Some(*limit);
    }
    match type_name {
        "Int" | "Float" | "Boolean" | "Upload" => None,
        "ID" => Some(ID),
        // String, enums given as strings in variables, and text scalars (dates, JSON strings).
        _ => Some(DEFAULT),
    }
}

/// Extension factory; registered on the schema.
pub struct InputLimits;

impl ExtensionFactory for InputLimits {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(InputLimits)
    }
}

#[async_trait::async_trait]
impl Extension for InputLimits {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let doc = next.run(ctx, query, variables).await?;
        check_document(&ctx.schema_env.registry, &doc, variables)?;
        Ok(doc)
    }
}

/// Checks every string reaching an argument of any operation in `doc`.
pub fn check_document(registry: &Registry, doc: &ExecutableDocument, variables: &Variables) -> ServerResult<()> {
    for (_, op) in doc.operations.iter() {
        let root = match op.node.ty {
            OperationType::Query => Some(registry.query_type.as_str()),
            OperationType::Mutation => registry.mutation_type.as_deref(),
            OperationType::Subscription => registry.subscription_type.as_deref(),
        };
        if let Some(root) = root {
            let mut walk = Walk {
                registry,
                doc,
                op: &op.node,
                variables,
                seen_fragments: HashSet::new(),
            };
            walk.selection_set(&op.node.selection_set.node, root, 0)?;
        }
    }
    Ok(())
}

/// One operation's walk: its variables, and the fragments already checked (a fragment's
/// arguments do not depend on where it is spread, so each is walked once).
struct Walk<'a> {
    registry: &'a Registry,
    doc: &'a ExecutableDocument,
    op: &'a OperationDefinition,
    variables: &'a Variables,
    seen_fragments: HashSet<&'a str>,
}

/// Deeper selections than this are refused by the document guard anyway.
const MAX_DEPTH: usize = 64;

impl<'a> Walk<'a> {
    fn variable(&self, name: &Name) -> Value {
        if let Some(v) = self.variables.get(name) {
            return v.clone();
        }
        self.op
            .variable_definitions
            .iter()
            .find(|d| d.node.name.node == *name)
            .and_then(|d| d.node.default_value())
            .cloned()
            .unwrap_or(Value::Null)
    }

    fn selection_set(&mut self, set: &'a SelectionSet, parent: &str, depth: usize) -> ServerResult<()> {
        if depth > MAX_DEPTH {
            return Ok(());
        }
        for item in &set.items {
            match &item.node {
                Selection::Field(f) => {
                    // Unknown fields and arguments are left to validation.
                    let Some(meta) = self
                        .registry
                        .types
                        .get(parent)
                        .and_then(|t| t.field_by_name(f.node.name.node.as_str()))
                    else {
                        continue;
                    };
                    for (name, value) in &f.node.arguments {
                        let Some(arg) = meta.args.get(name.node.as_str()) else {
                            continue;
                        };
                        let value = value
                            .node
                            .clone()
                            .into_const_with(|v| Ok::<_, std::convert::Infallible>(self.variable(&v)))
                            .unwrap_or(Value::Null);
                        let key = format!("{parent}.{}({name})", meta.name, name = name.node);
                        // The error points at the argument.
                        self.value(&value, &arg.ty, &key, name.node.as_str())
                            .map_err(|e| e.extend().into_server_error(name.pos))?;
                    }
                    let child = MetaTypeName::concrete_typename(&meta.ty);
                    self.selection_set(&f.node.selection_set.node, child, depth + 1)?;
                }
                Selection::FragmentSpread(s) => {
                    let name = s.node.fragment_name.node.as_str();
                    if let Some(frag) = self.doc.fragments.get(&s.node.fragment_name.node)
                        && self.seen_fragments.insert(name)
                    {
                        let on = frag.node.type_condition.node.on.node.as_str();
                        self.selection_set(&frag.node.selection_set.node, on, depth + 1)?;
                    }
                }
                Selection::InlineFragment(i) => {
                    let on = i
                        .node
                        .type_condition
                        .as_ref()
                        .map_or(parent, |c| c.node.on.node.as_str());
                    self.selection_set(&i.node.selection_set.node, on, depth + 1)?;
                }
            }
        }
        Ok(())
    }

    /// Checks `v`, given for an input of type `ty` known as `key`, at `path`.
    fn value(&self, v: &Value, ty: &str, key: &str, path: &str) -> Result<(), ApiError> {
        match MetaTypeName::create(ty) {
            MetaTypeName::NonNull(inner) => self.value(v, inner, key, path),
            MetaTypeName::List(inner) => match v {
                Value::List(items) => items
                    .iter()
                    .enumerate()
                    .try_for_each(|(i, item)| self.value(item, inner, key, &format!("{path}[{i}]"))),
                // A single value where a list is expected is coerced to a list of one.
                other => self.value(other, inner, key, path),
            },
            MetaTypeName::Named(name) => match (self.registry.types.get(name), v) {
                (Some(MetaType::InputObject { input_fields, .. }), Value::Object(fields)) => {
                    for (field, fv) in fields {
                        if let Some(meta) = input_fields.get(field.as_str()) {
                            self.value(fv, &meta.ty, &format!("{name}.{field}"), &format!("{path}.{field}"))?;
                        }
                    }
                    Ok(())
                }
                (_, Value::String(s)) => match limit_of(key, name).and_then(|l| violation(s, l)) {
                    Some(message) => Err(ApiError::bad_input(path, message)),
                    None => Ok(()),
                },
                _ => Ok(()),
            },
        }
    }
}

#[cfg(test)]
mod tests;
