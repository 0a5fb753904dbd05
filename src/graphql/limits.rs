//! Caps the parser does not: aliased fields and root fields per operation, so one request cannot
//! fan out into hundreds of resolver calls under different names (QUERY_TOO_COMPLEX).
use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextParseQuery};
use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};
use async_graphql::{ErrorExtensionValues, ServerError, ServerResult, Variables};
use std::sync::Arc;

/// Extension factory holding the limits.
pub struct SelectionLimits {
    pub max_aliases: usize,
    pub max_root_fields: usize,
}

struct Impl {
    max_aliases: usize,
    max_root_fields: usize,
}

impl ExtensionFactory for SelectionLimits {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(Impl {
            max_aliases: self.max_aliases,
            max_root_fields: self.max_root_fields,
        })
    }
}

/// Counts (fields, aliases) in a selection set, following fragments up to a fixed depth so a
/// fragment cycle (rejected later by validation) cannot loop here.
fn count(doc: &ExecutableDocument, set: &SelectionSet, depth: usize) -> (usize, usize) {
    if depth > 64 {
        return (0, 0);
    }
    let mut fields = 0;
    let mut aliases = 0;
    for item in &set.items {
        match &item.node {
            Selection::Field(f) => {
                fields += 1;
                aliases += usize::from(f.node.alias.is_some());
                aliases += count(doc, &f.node.selection_set.node, depth + 1).1;
            }
            Selection::FragmentSpread(s) => {
                if let Some(frag) = doc.fragments.get(&s.node.fragment_name.node) {
                    let (f, a) = count(doc, &frag.node.selection_set.node, depth + 1);
                    fields += f;
                    aliases += a;
                }
            }
            Selection::InlineFragment(i) => {
                let (f, a) = count(doc, &i.node.selection_set.node, depth + 1);
                fields += f;
                aliases += a;
            }
        }
    }
    (fields, aliases)
}

fn too_complex(message: String) -> ServerError {
    let mut err = ServerError::new(message, None);
    let mut ext = ErrorExtensionValues::default();
    ext.set("code", "QUERY_TOO_COMPLEX");
    err.extensions = Some(ext);
    err
}

#[async_trait::async_trait]
impl Extension for Impl {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let doc = next.run(ctx, query, variables).await?;
        for (_, op) in doc.operations.iter() {
            let (root, aliases) = count(&doc, &op.node.selection_set.node, 0);
            if root > self.max_root_fields {
                return Err(too_complex(format!(
                    "{root} root fields; at most {} allowed",
                    self.max_root_fields
                )));
            }
            if aliases > self.max_aliases {
                return Err(too_complex(format!(
                    "{aliases} aliased fields; at most {} allowed",
                    self.max_aliases
                )));
            }
        }
        Ok(doc)
    }
}
