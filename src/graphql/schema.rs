//! Builds the schema with its protections (document guard, work caps, introspection switch) and exports the SDL committed as `schema.graphql`.
use super::limits::{DocumentGuard, DocumentLimits};
use super::mutation::MutationRoot;
use super::query::QueryRoot;
use super::subscription::SubscriptionRoot;
use super::work::{WorkCaps, WorkLimit};
use crate::analytics::market::regime::RegimeConfig;
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
    checked(builder(limits, Shared::new(pipeline), graph, documents), limits)
}

/// The data both schemas of a server share: one pipeline configuration, one comparable-sales
/// service (and its caches).
#[derive(Clone)]
pub struct Shared {
    pipeline: std::sync::Arc<PipelineConfig>,
    comps: std::sync::Arc<crate::services::comps::CompService>,
    /// The market regime detector's settings (`[market]`).
    market: RegimeConfig,
    /// The job settings (`[jobs]`: the attempts a job enqueued by `runJob` gets).
    jobs: crate::config::JobSettings,
}

impl Shared {
    pub fn new(pipeline: PipelineConfig) -> Self {
        Self {
            pipeline: std::sync::Arc::new(pipeline),
            comps: Default::default(),
            market: RegimeConfig::default(),
            jobs: Default::default(),
        }
    }
}

/// A server's two schemas over the same data: [`build_schema`]'s, which checks, and
/// [`build_lean_schema`]'s, which runs what passed the checks.
pub fn build_schemas(
    limits: &GraphqlSettings,
    pipeline: PipelineConfig,
    market: RegimeConfig,
    jobs: crate::config::JobSettings,
    graph: crate::graph::GraphBackend,
    documents: Option<std::sync::Arc<crate::services::documents::Documents>>,
) -> (ReosSchema, ReosSchema) {
    let shared = Shared {
        market,
        jobs,
        ..Shared::new(pipeline)
    };
    let full = checked(
        builder(limits, shared.clone(), graph.clone(), documents.clone()),
        limits,
    );
    (full, build_lean_schema(limits, shared, graph, documents))
}

fn checked(
    builder: async_graphql::SchemaBuilder<QueryRoot, MutationRoot, SubscriptionRoot>,
    limits: &GraphqlSettings,
) -> ReosSchema {
    builder
        // Depth, aliases and root fields are checked by the document guard, work (complexity) by
        // WorkLimit, which the cost probe runs inside of so that it sees the work of any request.
        .extension(DocumentGuard(std::sync::Arc::new(DocumentLimits::from(limits))))
        // Length and characters of every string input (src/graphql/input_limits.rs).
        .extension(super::input_limits::InputLimits)
        .extension(WorkLimit(std::sync::Arc::new(WorkCaps::from_settings(limits))))
        .extension(crate::graphql::cost::CostProbe)
        .extension(crate::graphql::metrics::OperationMetrics)
        .finish()
}

/// The same schema without extensions, for operations the cost probe has already run through
/// [`build_schema`]'s checks (`http::graphql`): async-graphql gives every resolved field and
/// list item of a schema with extensions a hook chain and a `ResolveInfo` (type names formatted
/// per field), which cost a tenth of a large query's CPU. Validation here only computes what
/// execution needs; the probe did the full validation.
fn build_lean_schema(
    limits: &GraphqlSettings,
    shared: Shared,
    graph: crate::graph::GraphBackend,
    documents: Option<std::sync::Arc<crate::services::documents::Documents>>,
) -> ReosSchema {
    builder(limits, shared, graph, documents)
        .validation_mode(async_graphql::ValidationMode::Fast)
        .finish()
}

fn builder(
    limits: &GraphqlSettings,
    shared: Shared,
    graph: crate::graph::GraphBackend,
    documents: Option<std::sync::Arc<crate::services::documents::Documents>>,
) -> async_graphql::SchemaBuilder<QueryRoot, MutationRoot, SubscriptionRoot> {
    let mut builder = Schema::build(QueryRoot::default(), MutationRoot::default(), SubscriptionRoot)
        .data(graph)
        .data(limits.clone())
        .data(shared.pipeline)
        .data(shared.comps)
        .data(shared.market)
        .data(shared.jobs);
    if let Some(d) = documents {
        builder = builder.data(d);
    }
    if !limits.introspection {
        builder = builder.disable_introspection();
    }
    builder
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
