//! The application wall: tenant A can neither read, change, delete nor reference tenant B's rows
//! through any query or mutation, and gets NOT_FOUND exactly as for an id that does not exist.
use crate::on_both_backends;
use crate::resolvers::harness::{Caller, Harness, code};
use reos::auth::Role;
use serde_json::json;

async fn two_tenants(h: &Harness) -> (Caller, Caller, String) {
    h.tenant("alpha").await;
    h.tenant("bravo").await;
    let a = h.caller("alpha", Role::Admin);
    let b = h.caller("bravo", Role::Admin);
    let b_property = h.create_property(&b, "Ames").await;
    (a, b, b_property)
}

async fn tenant_a_cannot_see_tenant_b(h: Harness) {
    let (a, _b, b_prop) = two_tenants(&h).await;
    h.create_property(&a, "Boone").await;
    let body = h
        .gql(
            &a,
            "query($id: ID!) { property(id: $id) { id } }",
            json!({"id": b_prop}),
        )
        .await;
    assert_eq!(code(&body), "NOT_FOUND");
    let missing = uuid::Uuid::new_v4().to_string();
    let body2 = h
        .gql(
            &a,
            "query($id: ID!) { property(id: $id) { id } }",
            json!({"id": missing}),
        )
        .await;
    assert_eq!(
        body["errors"][0]["message"], body2["errors"][0]["message"],
        "other tenant's id must look like a missing id"
    );
    let d = h
        .data(
            &a,
            "{ properties { totalCount edges { node { address { city } } } } }",
            json!({}),
        )
        .await;
    assert_eq!(d["properties"]["totalCount"], 1);
    assert_eq!(d["properties"]["edges"][0]["node"]["address"]["city"], "Boone");
    let body = h
        .gql(
            &a,
            "query($id: ID!) { leases(propertyId: $id) { id } }",
            json!({"id": b_prop}),
        )
        .await;
    assert_eq!(code(&body), "NOT_FOUND");
}
on_both_backends!(tenant_a_cannot_see_tenant_b);

async fn tenant_a_cannot_change_or_delete_tenant_b(h: Harness) {
    let (a, b, b_prop) = two_tenants(&h).await;
    let body = h
        .gql(
            &a,
            "mutation($i: UpdatePropertyInput!) { updateProperty(input: $i) { property { id } } }",
            json!({"i": {"id": b_prop, "listPrice": 1.0}}),
        )
        .await;
    assert_eq!(code(&body), "NOT_FOUND");
    let body = h
        .gql(
            &a,
            "mutation($id: ID!) { deleteProperty(id: $id) { deletedId } }",
            json!({"id": b_prop}),
        )
        .await;
    assert_eq!(code(&body), "NOT_FOUND");
    let d = h
        .data(
            &b,
            "query($id: ID!) { property(id: $id) { listPrice } }",
            json!({"id": b_prop}),
        )
        .await;
    assert_eq!(d["property"]["listPrice"], 250000.0, "B's property is untouched");
}
on_both_backends!(tenant_a_cannot_change_or_delete_tenant_b);

async fn tenant_a_cannot_reference_tenant_b(h: Harness) {
    let (a, b, b_prop) = two_tenants(&h).await;
    let lease = json!({"i": {"propertyId": b_prop, "tenantName": "X", "areaSf": 100.0, "start": "2026-01", "end": "2027-12", "rentPsf": 20.0, "mla": "office"}});
    let body = h
        .gql(
            &a,
            "mutation($i: CreateLeaseInput!) { createLease(input: $i) { lease { id } } }",
            lease,
        )
        .await;
    assert_eq!(code(&body), "NOT_FOUND");
    let d = h
        .data(
            &b,
            "mutation { createOwner(input: {name: \"B Owner LLC\", ownerType: LLC}) { owner { id } } }",
            json!({}),
        )
        .await;
    let b_owner = d["createOwner"]["owner"]["id"].as_str().unwrap().to_owned();
    let a_prop = h.create_property(&a, "Boone").await;
    let body = h
        .gql(
            &a,
            "mutation($i: AddOwnershipInput!) { addOwnership(input: $i) { ownership { id } } }",
            json!({"i": {"propertyId": a_prop, "ownerId": b_owner, "sharePct": 50.0}}),
        )
        .await;
    assert_eq!(code(&body), "NOT_FOUND");
    let body = h
        .gql(
            &a,
            "query($id: ID!) { owner(id: $id) { name } }",
            json!({"id": b_owner}),
        )
        .await;
    assert_eq!(code(&body), "NOT_FOUND");
}
on_both_backends!(tenant_a_cannot_reference_tenant_b);
