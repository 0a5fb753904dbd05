//! Root queries, one domain per file, merged into `QueryRoot`.
pub(crate) mod dcf;
mod deal;
mod documents;
mod graph;
mod jobs;
mod lease_abstracts;
mod market;
mod me;
mod owners;
mod pipeline;
mod properties;
pub(crate) mod property_dcf;
pub mod users;
pub(crate) mod valuation;

use async_graphql::MergedObject;

#[derive(MergedObject, Default)]
pub struct QueryRoot(
    me::MeQuery,
    properties::PropertyQueries,
    owners::OwnerQueries,
    users::UserQueries,
    dcf::DcfQueries,
    property_dcf::PropertyDcfQueries,
    valuation::ValuationQueries,
    pipeline::PipelineQueries,
    graph::GraphQueries,
    documents::DocumentQueries,
    deal::DealQueries,
    market::MarketQueries,
    lease_abstracts::LeaseAbstractQueries,
    jobs::JobQueries,
);
