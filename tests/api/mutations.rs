//! Mutations: validated (BAD_USER_INPUT naming the field, nothing written), guarded by role,
//! audited; field guards hide owner contact details below operator.
use crate::both_backends;
use crate::helpers::{TestApp, code};
use reos::auth::Role;
use serde_json::json;

const CREATE: &str = "mutation($i: CreatePropertyInput!) { createProperty(input: $i) { property { id } } }";

async fn count(app: &TestApp, token: &str) -> u64 {
    app.data(token, "{ properties { totalCount } }", json!({})).await["properties"]["totalCount"]
        .as_u64()
        .unwrap()
}

async fn bad_input_names_the_field_and_writes_nothing(app: TestApp) {
    app.tenant("alpha").await;
    let t = app.token("alpha", Role::Operator);
    for (patch, field) in [
        (json!({"latitude": 95.0, "longitude": -93.0}), "input.latitude"),
        (json!({"latitude": 42.0}), "input.longitude"),
        (json!({"livingAreaSf": -10.0}), "input.livingAreaSf"),
        (json!({"conditionScore": 11}), "input.conditionScore"),
        (json!({"yearBuilt": 3000}), "input.yearBuilt"),
        (json!({"yearBuilt": 2000, "yearRemodeled": 1990}), "input.yearRemodeled"),
    ] {
        let mut i = json!({"address": {"line1": "1 Main St", "city": "Ames", "state": "IA"}, "propertyType": "CONDO"});
        for (k, v) in patch.as_object().unwrap() {
            i[k] = v.clone();
        }
        let (status, body) = app.gql(Some(&t), CREATE, json!({"i": i})).await;
        assert_eq!(status, 200);
        assert_eq!(code(&body), "BAD_USER_INPUT", "{body}");
        assert_eq!(body["errors"][0]["extensions"]["field"], field, "{body}");
    }
    let (_, body) = app
        .gql(
            Some(&t),
            CREATE,
            json!({"i": {"address": {"line1": "1 Main", "city": "Ames", "state": "Iowa"}, "propertyType": "CONDO"}}),
        )
        .await;
    assert_eq!(body["errors"][0]["extensions"]["field"], "input.address.state");
    assert_eq!(count(&app, &t).await, 0, "no refused mutation wrote a row");
}
both_backends!(bad_input_names_the_field_and_writes_nothing);

async fn a_failing_operation_rolls_back_the_whole_request(app: TestApp) {
    app.tenant("alpha").await;
    let t = app.token("alpha", Role::Operator);
    // Root mutation fields run in order in one transaction: the second fails, so the first is undone.
    let q = "mutation { a: createProperty(input: {address: {line1: \"1 A St\", city: \"Ames\", state: \"IA\"}, propertyType: CONDO}) { property { id } }
        b: createProperty(input: {address: {line1: \"2 B St\", city: \"Ames\", state: \"IA\"}, propertyType: CONDO, listPrice: -1}) { property { id } } }";
    let (_, body) = app.gql(Some(&t), q, json!({})).await;
    assert_eq!(code(&body), "BAD_USER_INPUT");
    assert_eq!(count(&app, &t).await, 0);
}
both_backends!(a_failing_operation_rolls_back_the_whole_request);

async fn roles_guard_mutations_and_contact_details(app: TestApp) {
    app.tenant("alpha").await;
    let viewer = app.token("alpha", Role::Viewer);
    let analyst = app.token("alpha", Role::Analyst);
    let operator = app.token("alpha", Role::Operator);
    let (_, body) = app
        .gql(
            Some(&viewer),
            CREATE,
            json!({"i": {"address": {"line1": "1 Main", "city": "Ames", "state": "IA"}, "propertyType": "CONDO"}}),
        )
        .await;
    assert_eq!(code(&body), "FORBIDDEN");
    let d = app
        .data(&operator, "mutation { createOwner(input: {name: \"Acme, L.L.C.\", ownerType: LLC, email: \"a@acme.test\"}) { owner { id email } } }", json!({}))
        .await;
    assert_eq!(d["createOwner"]["owner"]["email"], "a@acme.test");
    let id = d["createOwner"]["owner"]["id"].as_str().unwrap();
    let q = "query($id: ID!) { owner(id: $id) { name email } }";
    let (_, body) = app.gql(Some(&analyst), q, json!({"id": id})).await;
    assert_eq!(code(&body), "FORBIDDEN", "{body}");
    let d = app
        .data(
            &analyst,
            "query($id: ID!) { owner(id: $id) { name } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(d["owner"]["name"], "Acme, L.L.C.");
    let (_, body) = app.gql(Some(&operator), "{ users { totalCount } }", json!({})).await;
    assert_eq!(code(&body), "FORBIDDEN", "user management is admin only");
    let admin = app.token("alpha", Role::Admin);
    app.data(&admin, "{ me { id } }", json!({})).await;
    assert!(
        app.data(&admin, "{ users { totalCount } }", json!({})).await["users"]["totalCount"]
            .as_u64()
            .unwrap()
            >= 1
    );
}
both_backends!(roles_guard_mutations_and_contact_details);

async fn leases_unit_mix_and_ownership_are_validated(app: TestApp) {
    app.tenant("alpha").await;
    let t = app.token("alpha", Role::Operator);
    let p = app.create_property(&t, "Ames").await;
    let lease = |patch: serde_json::Value| {
        let mut i = json!({"propertyId": p, "tenantName": "Law LLP", "areaSf": 2000.0, "start": "2025-01", "end": "2029-12",
            "rentPsf": 28.0, "recovery": "BASE_YEAR", "expenseStopPsf": 6.5, "mla": "office"});
        for (k, v) in patch.as_object().unwrap() {
            i[k] = v.clone();
        }
        json!({"i": i})
    };
    let q = "mutation($i: CreateLeaseInput!) { createLease(input: $i) { lease { id start end recovery } } }";
    for (patch, field) in [
        (json!({"end": "2024-12"}), "input.end"),
        (json!({"start": "2025-13"}), "input.start"),
        (json!({"expenseStopPsf": null}), "input.expenseStopPsf"),
        (json!({"renewalProbability": 1.5}), "input.renewalProbability"),
        (json!({"areaSf": 0.0}), "input.areaSf"),
    ] {
        let (_, body) = app.gql(Some(&t), q, lease(patch)).await;
        assert_eq!(body["errors"][0]["extensions"]["field"], field, "{body}");
    }
    let d = app.data(&t, q, lease(json!({}))).await;
    assert_eq!(d["createLease"]["lease"]["start"], "2025-01");
    assert_eq!(d["createLease"]["lease"]["recovery"], "BASE_YEAR");
    let vacant = json!({"i": {"propertyId": p, "vacant": true, "areaSf": 500.0, "mla": "office"}});
    app.data(&t, q, vacant).await;
    let u = "mutation($i: CreateUnitMixInput!) { createUnitMix(input: $i) { unitType { id units } } }";
    let (_, body) = app
        .gql(
            Some(&t),
            u,
            json!({"i": {"propertyId": p, "unitType": "1BR", "units": 0, "currentRent": 1000.0, "marketRent": 1100.0}}),
        )
        .await;
    assert_eq!(body["errors"][0]["extensions"]["field"], "input.units");
    let owner = |name: &str| {
        format!("mutation {{ createOwner(input: {{name: \"{name}\", ownerType: INDIVIDUAL}}) {{ owner {{ id }} }} }}")
    };
    let o1 = app.data(&t, &owner("Ann"), json!({})).await["createOwner"]["owner"]["id"].clone();
    let o2 = app.data(&t, &owner("Bob"), json!({})).await["createOwner"]["owner"]["id"].clone();
    let add = "mutation($i: AddOwnershipInput!) { addOwnership(input: $i) { ownership { sharePct } } }";
    app.data(
        &t,
        add,
        json!({"i": {"propertyId": p, "ownerId": o1, "sharePct": 60.0}}),
    )
    .await;
    let (_, body) = app
        .gql(
            Some(&t),
            add,
            json!({"i": {"propertyId": p, "ownerId": o2, "sharePct": 50.0}}),
        )
        .await;
    assert_eq!(
        body["errors"][0]["extensions"]["field"], "input.sharePct",
        "shares above 100% are refused"
    );
}
both_backends!(leases_unit_mix_and_ownership_are_validated);

async fn every_mutation_is_audited(app: TestApp) {
    use sea_orm::{EntityTrait, PaginatorTrait};
    let tenant = app.tenant("alpha").await;
    let t = app.token("alpha", Role::Operator);
    let id = app.create_property(&t, "Ames").await;
    app.data(
        &t,
        "mutation($id: ID!) { deleteProperty(id: $id) { deletedId } }",
        json!({"id": id}),
    )
    .await;
    let tx = reos::persistence::TenantTx::begin(&app.db().owner, reos::persistence::TenantId(tenant))
        .await
        .unwrap();
    let n = reos_entities::audit_event::Entity::find()
        .count(tx.conn())
        .await
        .unwrap();
    assert_eq!(n, 2);
}
both_backends!(every_mutation_is_audited);
