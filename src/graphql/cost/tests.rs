//! Unit tests of `graphql::cost`.
use super::*;
use crate::config::GraphqlSettings;
use crate::graphql::build_schema;

async fn cost(schema: &ReosSchema, batch: serde_json::Value) -> u64 {
    let mut batch: BatchRequest = serde_json::from_value(batch).unwrap();
    request_cost(schema, &mut batch).await
}

#[tokio::test]
async fn the_cost_is_async_graphqls_complexity_summed_over_the_batch() {
    let pipeline = crate::services::property_import::PipelineConfig::builtin().unwrap();
    let schema = build_schema(&GraphqlSettings::default(), pipeline, Default::default(), None);
    let me = cost(&schema, serde_json::json!({"query": "{ me { subject role } }"})).await;
    assert_eq!(me, 3, "me + two fields");
    let aliased = cost(
        &schema,
        serde_json::json!({"query": "{ a: me { subject role } b: me { subject role } }"}),
    )
    .await;
    assert_eq!(aliased, 2 * me, "aliases count");
    let batch = cost(
        &schema,
        serde_json::json!([{"query": "{ me { subject role } }"}, {"query": "{ me { subject role } }"}]),
    )
    .await;
    assert_eq!(batch, 2 * me, "every operation in a batch counts");
    let q = "query($n: Int) { properties(first: $n) { edges { node { id name } } } }";
    let small = cost(&schema, serde_json::json!({"query": q, "variables": {"n": 10}})).await;
    let big = cost(&schema, serde_json::json!({"query": q, "variables": {"n": 500}})).await;
    assert_eq!(
        big - 1,
        50 * (small - 1),
        "`first` (here a variable) multiplies a connection: {small} vs {big}"
    );
    let broken = cost(&schema, serde_json::json!({"query": "{ me { "})).await;
    assert_eq!(broken, 1, "an unparsable operation still costs 1");
}
