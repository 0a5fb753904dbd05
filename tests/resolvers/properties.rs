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

/// The listing reads only the columns its selection needs (`COLUMN_FIELDS`); each of those
/// fields answers exactly as it does when whole rows are read (the same selection with `trust`,
/// which needs them), for a property with every attribute set.
async fn a_listing_of_some_columns_answers_as_whole_rows_do(h: Harness) {
    use reos::graphql::types::property::COLUMN_FIELDS;
    use sea_orm::ConnectionTrait;
    h.tenant("alpha").await;
    let t = h.caller("alpha", Role::Admin);
    h.create_property(&t, "Ames").await;
    h.db()
        .owner
        .execute_unprepared(
            "UPDATE properties SET external_id = 'X-1', name = 'Full house', unit = '4B', postal_code = '50010',
             normalized_address = '1 MAIN ST AMES IA', building_type = '1Fam', neighborhood = 'NAmes',
             lot_area_sf = 8000.5, year_built = 1990, year_remodeled = 2005, bedrooms = 3, full_baths = 2,
             half_baths = 1, basement_sf = 700.25, garage_cars = 2, condition_score = 6, stories = '2Story',
             fireplaces = 1, central_air = true, porch_sf = 40.5, deck_sf = 120.75, pool_sf = 30.5,
             purchase_price = 240000.5, units_count = 1, building_area_sf = 1800.5, parking_spaces = 2,
             source = 'test'",
        )
        .await
        .unwrap();
    let children = [
        ("address", "address { line1 unit city state postalCode normalized }"),
        ("owners", "owners { sharePct }"),
        ("leases", "leases { tenantName }"),
        ("unitMix", "unitMix { units }"),
        ("unitLeases", "unitLeases { unit }"),
        ("hazards", "hazards { compositeScore }"),
        ("offers", "offers { id }"),
        ("documents", "documents { id }"),
        ("latestValuation", "latestValuation { value }"),
    ];
    for (field, _) in COLUMN_FIELDS {
        let selection = children.iter().find(|(f, _)| f == field).map_or(*field, |(_, s)| *s);
        let some = h
            .data(
                &t,
                &format!("{{ properties(first: 5) {{ edges {{ node {{ {selection} }} }} }} }}"),
                json!({}),
            )
            .await;
        let mut whole = h
            .data(
                &t,
                &format!("{{ properties(first: 5) {{ edges {{ node {{ {selection} trust {{ __typename }} }} }} }} }}"),
                json!({}),
            )
            .await;
        let node = whole["properties"]["edges"][0]["node"].as_object_mut().unwrap();
        node.remove("trust");
        assert_eq!(some, whole, "field {field}");
        if !matches!(
            *field,
            "__typename"
                | "id"
                | "owners"
                | "leases"
                | "unitMix"
                | "unitLeases"
                | "hazards"
                | "offers"
                | "documents"
                | "latestValuation"
        ) {
            assert!(
                !some["properties"]["edges"][0]["node"][field].is_null(),
                "field {field} was read as null"
            );
        }
    }
}
on_both_backends!(a_listing_of_some_columns_answers_as_whole_rows_do);
