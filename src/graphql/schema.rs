//! Builds the schema with its protections (depth, complexity, aliases, root fields,
//! introspection switch) and exports the SDL committed as `schema.graphql`.
use super::limits::SelectionLimits;
use super::mutation::MutationRoot;
use super::query::QueryRoot;
use super::subscription::SubscriptionRoot;
use crate::config::GraphqlSettings;
use crate::services::property_import::PipelineConfig;
use async_graphql::{SDLExportOptions, Schema};

pub type ReosSchema = Schema<QueryRoot, MutationRoot, SubscriptionRoot>;

/// The schema with the pipeline's configuration, the ownership graph's backend (Neo4j mirror or
/// embedded engine) and the running service's document store (without it, document resolvers
/// answer INTERNAL_SERVER_ERROR).
pub fn build_schema(
    limits: &GraphqlSettings,
    pipeline: PipelineConfig,
    graph: crate::graph::GraphBackend,
    documents: Option<std::sync::Arc<crate::services::documents::Documents>>,
) -> ReosSchema {
    let mut builder = Schema::build(QueryRoot::default(), MutationRoot::default(), SubscriptionRoot)
        .data(graph)
        .data(limits.clone())
        .data(std::sync::Arc::new(pipeline))
        .data(std::sync::Arc::new(crate::services::comps::CompService::default()))
        .limit_depth(limits.max_depth)
        .limit_complexity(limits.max_complexity)
        .extension(SelectionLimits {
            max_aliases: limits.max_aliases,
            max_root_fields: limits.max_root_fields,
        })
        .extension(crate::ratelimit::cost::CostProbe)
        .extension(crate::telemetry::graphql::OperationMetrics);
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
    let pipeline = PipelineConfig {
        settings: Default::default(),
        gates: Default::default(),
        openlineage: None,
    };
    build_schema(&GraphqlSettings::default(), pipeline, Default::default(), None).sdl_with_options(
        SDLExportOptions::new()
            .sorted_fields()
            .sorted_arguments()
            .sorted_enum_items(),
    )
}
