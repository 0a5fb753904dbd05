//! Builds the schema with its protections (depth, complexity, aliases, root fields,
//! introspection switch) and exports the SDL committed as `schema.graphql`.
use super::limits::SelectionLimits;
use super::mutation::MutationRoot;
use super::query::QueryRoot;
use crate::config::GraphqlSettings;
use async_graphql::{EmptySubscription, SDLExportOptions, Schema};

pub type ReosSchema = Schema<QueryRoot, MutationRoot, EmptySubscription>;

pub fn build_schema(limits: &GraphqlSettings) -> ReosSchema {
    build_schema_with(limits, None)
}

/// The schema with the running service's document store and limits as data (without them,
/// document resolvers answer INTERNAL_SERVER_ERROR).
pub fn build_schema_with(
    limits: &GraphqlSettings,
    documents: Option<std::sync::Arc<crate::services::documents::Documents>>,
) -> ReosSchema {
    let mut builder = Schema::build(QueryRoot::default(), MutationRoot::default(), EmptySubscription)
        .data(limits.clone())
        .data(std::sync::Arc::new(crate::services::comps::CompService::default()))
        .limit_depth(limits.max_depth)
        .limit_complexity(limits.max_complexity)
        .extension(SelectionLimits {
            max_aliases: limits.max_aliases,
            max_root_fields: limits.max_root_fields,
        });
    if let Some(d) = documents {
        builder = builder.data(d);
    }
    if !limits.introspection {
        builder = builder.disable_introspection();
    }
    builder.finish()
}

/// The SDL, sorted so that it diffs cleanly.
pub fn sdl() -> String {
    build_schema(&GraphqlSettings::default()).sdl_with_options(
        SDLExportOptions::new()
            .sorted_fields()
            .sorted_arguments()
            .sorted_enum_items(),
    )
}
