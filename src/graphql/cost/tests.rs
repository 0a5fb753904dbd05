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

#[tokio::test]
async fn operations_that_pass_the_probe_are_remembered_and_no_others() {
    let pipeline = crate::services::property_import::PipelineConfig::builtin().unwrap();
    let schema = build_schema(&GraphqlSettings::default(), pipeline, Default::default(), None);
    let cache = CheckCache::new(1 << 20);
    let batch = |v: serde_json::Value| -> BatchRequest { serde_json::from_value(v).unwrap() };
    let q = "query($n: Int) { properties(first: $n) { edges { node { id } } } }";

    let first = cache
        .check(
            &schema,
            &mut batch(serde_json::json!({"query": q, "variables": {"n": 10}})),
        )
        .await;
    assert!(first.passed);
    assert_eq!(cache.passed.len(), 1);
    let again = cache
        .check(
            &schema,
            &mut batch(serde_json::json!({"query": q, "variables": {"n": 10}})),
        )
        .await;
    assert_eq!(again, first, "the same text and variables: the remembered answer");
    let other = cache
        .check(
            &schema,
            &mut batch(serde_json::json!({"query": q, "variables": {"n": 20}})),
        )
        .await;
    assert!(
        other.passed && other.cost > first.cost,
        "other variables are probed on their own"
    );
    assert_eq!(cache.passed.len(), 2);

    for refused in [
        serde_json::json!({"query": "{ me { nope } }"}),
        serde_json::json!({"query": "{ me { "}),
        serde_json::json!({"query": q, "variables": {"n": "ten"}}),
    ] {
        let checked = cache.check(&schema, &mut batch(refused.clone())).await;
        assert!(!checked.passed, "{refused}");
        assert!(checked.cost >= 1);
    }
    assert_eq!(cache.passed.len(), 2, "refused operations are not remembered");

    let mixed = cache
        .check(
            &schema,
            &mut batch(serde_json::json!([{"query": q, "variables": {"n": 10}}, {"query": "{ me { nope } }"}])),
        )
        .await;
    assert!(!mixed.passed, "a batch passes only when every operation does");
}
