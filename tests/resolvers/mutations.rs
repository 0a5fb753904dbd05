//! Mutations: validated (BAD_USER_INPUT naming the field, nothing written), guarded by role,
//! audited; field guards hide owner contact details below operator.
use crate::on_both_backends;
use crate::resolvers::harness::{Caller, Harness, code};
use reos::auth::Role;
use serde_json::json;

const CREATE: &str = "mutation($i: CreatePropertyInput!) { createProperty(input: $i) { property { id } } }";

async fn count(h: &Harness, token: &Caller) -> u64 {
    h.data(token, "{ properties { totalCount } }", json!({})).await["properties"]["totalCount"]
        .as_u64()
        .unwrap()
}

async fn bad_input_names_the_field_and_writes_nothing(h: Harness) {
    h.tenant("alpha").await;
    let t = h.caller("alpha", Role::Operator);
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
        let body = h.gql(&t, CREATE, json!({"i": i})).await;
        assert_eq!(code(&body), "BAD_USER_INPUT", "{body}");
        assert_eq!(body["errors"][0]["extensions"]["field"], field, "{body}");
    }
    let body = h
        .gql(
            &t,
            CREATE,
            json!({"i": {"address": {"line1": "1 Main", "city": "Ames", "state": "Iowa"}, "propertyType": "CONDO"}}),
        )
        .await;
    assert_eq!(body["errors"][0]["extensions"]["field"], "input.address.state");
    assert_eq!(count(&h, &t).await, 0, "no refused mutation wrote a row");
}
on_both_backends!(bad_input_names_the_field_and_writes_nothing);

async fn a_failing_operation_rolls_back_the_whole_request(h: Harness) {
    h.tenant("alpha").await;
    let t = h.caller("alpha", Role::Operator);
    // Root mutation fields run in order in one transaction: the second fails, so the first is undone.
    let q = "mutation { a: createProperty(input: {address: {line1: \"1 A St\", city: \"Ames\", state: \"IA\"}, propertyType: CONDO}) { property { id } }
        b: createProperty(input: {address: {line1: \"2 B St\", city: \"Ames\", state: \"IA\"}, propertyType: CONDO, listPrice: -1}) { property { id } } }";
    let body = h.gql(&t, q, json!({})).await;
    assert_eq!(code(&body), "BAD_USER_INPUT");
    assert_eq!(count(&h, &t).await, 0);
}
on_both_backends!(a_failing_operation_rolls_back_the_whole_request);

async fn roles_guard_mutations_and_contact_details(h: Harness) {
    h.tenant("alpha").await;
    let viewer = h.caller("alpha", Role::Viewer);
    let analyst = h.caller("alpha", Role::Analyst);
    let operator = h.caller("alpha", Role::Operator);
    let body = h
        .gql(
            &viewer,
            CREATE,
            json!({"i": {"address": {"line1": "1 Main", "city": "Ames", "state": "IA"}, "propertyType": "CONDO"}}),
        )
        .await;
    assert_eq!(code(&body), "FORBIDDEN");
    let d = h
        .data(&operator, "mutation { createOwner(input: {name: \"Acme, L.L.C.\", ownerType: LLC, email: \"a@acme.test\"}) { owner { id email } } }", json!({}))
        .await;
    assert_eq!(d["createOwner"]["owner"]["email"], "a@acme.test");
    let id = d["createOwner"]["owner"]["id"].as_str().unwrap();
    let q = "query($id: ID!) { owner(id: $id) { name email } }";
    let body = h.gql(&analyst, q, json!({"id": id})).await;
    assert_eq!(code(&body), "FORBIDDEN", "{body}");
    let d = h
        .data(
            &analyst,
            "query($id: ID!) { owner(id: $id) { name } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(d["owner"]["name"], "Acme, L.L.C.");
    let body = h.gql(&operator, "{ users { totalCount } }", json!({})).await;
    assert_eq!(code(&body), "FORBIDDEN", "user management is admin only");
    let admin = h.caller("alpha", Role::Admin);
    h.data(&admin, "{ me { id } }", json!({})).await;
    assert!(
        h.data(&admin, "{ users { totalCount } }", json!({})).await["users"]["totalCount"]
            .as_u64()
            .unwrap()
            >= 1
    );
}
on_both_backends!(roles_guard_mutations_and_contact_details);

async fn leases_unit_mix_and_ownership_are_validated(h: Harness) {
    h.tenant("alpha").await;
    let t = h.caller("alpha", Role::Operator);
    let p = h.create_property(&t, "Ames").await;
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
        let body = h.gql(&t, q, lease(patch)).await;
        assert_eq!(body["errors"][0]["extensions"]["field"], field, "{body}");
    }
    let d = h.data(&t, q, lease(json!({}))).await;
    assert_eq!(d["createLease"]["lease"]["start"], "2025-01");
    assert_eq!(d["createLease"]["lease"]["recovery"], "BASE_YEAR");
    let vacant = json!({"i": {"propertyId": p, "vacant": true, "areaSf": 500.0, "mla": "office"}});
    h.data(&t, q, vacant).await;
    let u = "mutation($i: CreateUnitMixInput!) { createUnitMix(input: $i) { unitType { id units } } }";
    let body = h
        .gql(
            &t,
            u,
            json!({"i": {"propertyId": p, "unitType": "1BR", "units": 0, "currentRent": 1000.0, "marketRent": 1100.0}}),
        )
        .await;
    assert_eq!(body["errors"][0]["extensions"]["field"], "input.units");
    let owner = |name: &str| {
        format!("mutation {{ createOwner(input: {{name: \"{name}\", ownerType: INDIVIDUAL}}) {{ owner {{ id }} }} }}")
    };
    let o1 = h.data(&t, &owner("Ann"), json!({})).await["createOwner"]["owner"]["id"].clone();
    let o2 = h.data(&t, &owner("Bob"), json!({})).await["createOwner"]["owner"]["id"].clone();
    let add = "mutation($i: AddOwnershipInput!) { addOwnership(input: $i) { ownership { sharePct } } }";
    h.data(
        &t,
        add,
        json!({"i": {"propertyId": p, "ownerId": o1, "sharePct": 60.0}}),
    )
    .await;
    let body = h
        .gql(
            &t,
            add,
            json!({"i": {"propertyId": p, "ownerId": o2, "sharePct": 50.0}}),
        )
        .await;
    assert_eq!(
        body["errors"][0]["extensions"]["field"], "input.sharePct",
        "shares above 100% are refused"
    );
}
on_both_backends!(leases_unit_mix_and_ownership_are_validated);

async fn every_mutation_is_audited(h: Harness) {
    use sea_orm::{EntityTrait, PaginatorTrait};
    let tenant = h.tenant("alpha").await;
    let t = h.caller("alpha", Role::Operator);
    let id = h.create_property(&t, "Ames").await;
    h.data(
        &t,
        "mutation($id: ID!) { deleteProperty(id: $id) { deletedId } }",
        json!({"id": id}),
    )
    .await;
    let tx = reos::persistence::TenantTx::begin(&h.db().owner, h.tenant_id(tenant).await)
        .await
        .unwrap();
    let n = reos_entities::audit_event::Entity::find()
        .count(tx.conn().await.unwrap())
        .await
        .unwrap();
    assert_eq!(n, 2);
}
on_both_backends!(every_mutation_is_audited);
