//! Listing: filters, ordering, Relay paging, nested data through DataLoaders, and a statement
//! count that does not grow with the page size (no N+1).
use crate::on_both_backends;
use crate::resolvers::harness::{Caller, Harness};
use reos::auth::Role;
use serde_json::json;

const PAGE: &str =
    "query($n: Int!) { properties(first: $n) { totalCount edges { node { id owners { sharePct owner { name } }
    leases { tenantName } unitMix { units } hazards { compositeScore } latestValuation { value } } } } }";

async fn seed(h: &Harness, token: &Caller, n: usize) {
    let d = h
        .data(
            token,
            "mutation { createOwner(input: {name: \"Holder LLC\", ownerType: LLC}) { owner { id } } }",
            json!({}),
        )
        .await;
    let owner = d["createOwner"]["owner"]["id"].as_str().unwrap().to_owned();
    for i in 0..n {
        let id = h
            .create_property(token, if i % 2 == 0 { "Ames" } else { "Boone" })
            .await;
        h.data(
            token,
            "mutation($i: AddOwnershipInput!) { addOwnership(input: $i) { ownership { id } } }",
            json!({"i": {"propertyId": id, "ownerId": owner, "sharePct": 100.0}}),
        )
        .await;
        h.data(
            token,
            "mutation($i: CreateLeaseInput!) { createLease(input: $i) { lease { id } } }",
            json!({"i": {"propertyId": id, "tenantName": format!("T{i}"), "areaSf": 1000.0, "start": "2025-01", "end": "2029-12", "rentPsf": 20.0, "mla": "office"}}),
        )
        .await;
    }
}

async fn a_page_costs_the_same_statements_whatever_its_size(h: Harness) {
    h.tenant("alpha").await;
    let t = h.caller("alpha", Role::Admin);
    seed(&h, &t, 55).await;
    let before = h.db().statements();
    let d = h.data(&t, PAGE, json!({"n": 50})).await;
    let fifty = h.db().statements() - before;
    assert_eq!(d["properties"]["edges"].as_array().unwrap().len(), 50);
    assert_eq!(d["properties"]["totalCount"], 55);
    assert_eq!(
        d["properties"]["edges"][0]["node"]["owners"][0]["owner"]["name"],
        "Holder LLC"
    );
    let before = h.db().statements();
    h.data(&t, PAGE, json!({"n": 5})).await;
    let five = h.db().statements() - before;
    assert_eq!(fifty, five, "statements for 50 vs 5 properties");
    // begin + tenant setting + count + page + 5 loaders + commit
    assert!(fifty <= 10, "a 50-property page took {fifty} statements");
}
on_both_backends!(a_page_costs_the_same_statements_whatever_its_size);

async fn filters_ordering_and_paging_work_together(h: Harness) {
    h.tenant("alpha").await;
    let t = h.caller("alpha", Role::Operator);
    for (city, price) in [
        ("Ames", 100_000.0),
        ("Ames", 300_000.0),
        ("Boone", 200_000.0),
        ("Ames", 500_000.0),
    ] {
        let id = h.create_property(&t, city).await;
        h.data(
            &t,
            "mutation($i: UpdatePropertyInput!) { updateProperty(input: $i) { property { id } } }",
            json!({"i": {"id": id, "listPrice": price}}),
        )
        .await;
    }
    let q = "query($after: String) { properties(first: 2, after: $after, filter: {city: \"Ames\", minPrice: 150000},
        orderBy: {field: LIST_PRICE, direction: ASC}) { totalCount pageInfo { hasNextPage endCursor } edges { node { listPrice } } } }";
    let d = h.data(&t, q, json!({})).await;
    let p = &d["properties"];
    assert_eq!(p["totalCount"], 2);
    assert_eq!(p["edges"][0]["node"]["listPrice"], 300000.0);
    assert_eq!(p["edges"][1]["node"]["listPrice"], 500000.0);
    assert_eq!(p["pageInfo"]["hasNextPage"], false);
    let all = "query($after: String) { properties(first: 3, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } } }";
    let d1 = h.data(&t, all, json!({})).await;
    assert_eq!(d1["properties"]["pageInfo"]["hasNextPage"], true);
    let d2 = h
        .data(&t, all, json!({"after": d1["properties"]["pageInfo"]["endCursor"]}))
        .await;
    assert_eq!(d2["properties"]["edges"].as_array().unwrap().len(), 1);
    let bbox =
        "{ properties(filter: {boundingBox: {south: 41.0, west: -94.0, north: 43.0, east: -93.0}}) { totalCount } }";
    assert_eq!(h.data(&t, bbox, json!({})).await["properties"]["totalCount"], 4);
    let elsewhere =
        "{ properties(filter: {boundingBox: {south: 30.0, west: -98.0, north: 31.0, east: -97.0}}) { totalCount } }";
    assert_eq!(h.data(&t, elsewhere, json!({})).await["properties"]["totalCount"], 0);
}
on_both_backends!(filters_ordering_and_paging_work_together);
