//! Builds the schema with its protections (document guard, work caps, introspection switch) and exports the SDL committed as `schema.graphql`.
use super::limits::{DocumentGuard, DocumentLimits};
use super::mutation::MutationRoot;
use super::query::QueryRoot;
use super::subscription::SubscriptionRoot;
use super::work::{WorkCaps, WorkLimit};
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
        // Depth, aliases and root fields are checked by the document guard, work (complexity) by
        // WorkLimit, which the cost probe runs inside of so that it sees the work of any request.
        .extension(DocumentGuard(std::sync::Arc::new(DocumentLimits::from(limits))))
        // Length and characters of every string input (src/graphql/input_limits.rs).
        .extension(super::input_limits::InputLimits)
        .extension(WorkLimit(std::sync::Arc::new(WorkCaps::from_settings(limits))))
        .extension(crate::graphql::cost::CostProbe)
        .extension(crate::graphql::metrics::OperationMetrics);
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
