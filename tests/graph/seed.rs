//! Seeds a tenant through the GraphQL API (the real write path, outbox hooks included): five
//! properties, owners typed twice, shared ownership, lease tenants typed two ways and a lender.
use crate::support::test_app::TestApp;
use reos::auth::Role;
use reos::persistence::TenantId;
use serde_json::json;
use uuid::Uuid;

pub struct Seeded {
    pub tenant: Uuid,
    /// The same tenant, read back from its row.
    pub tenant_id: TenantId,
    /// P1..P5; P5 has no owner.
    pub p: Vec<Uuid>,
    pub values: Vec<f64>,
    /// "Acme Holdings, L.L.C." with a tax id, and "ACME HOLDINGS LLC" without: one owner.
    pub acme1: Uuid,
    pub acme2: Uuid,
    pub birch: Uuid,
    pub cedar: Uuid,
    pub dune: Uuid,
}

fn id(v: &serde_json::Value) -> Uuid {
    Uuid::parse_str(v.as_str().unwrap()).unwrap()
}

async fn property(app: &TestApp, token: &str, n: usize, price: f64) -> Uuid {
    let d = app
        .data(
            token,
            "mutation($i: CreatePropertyInput!) { createProperty(input: $i) { property { id } } }",
            json!({"i": {"name": format!("P{n}"), "address": {"line1": format!("{n} Main St"), "city": "Ames", "state": "IA"},
                "propertyType": "OFFICE", "listPrice": price}}),
        )
        .await;
    id(&d["createProperty"]["property"]["id"])
}

pub async fn owner(app: &TestApp, token: &str, name: &str, tax: Option<&str>) -> Uuid {
    let d = app
        .data(
            token,
            "mutation($i: CreateOwnerInput!) { createOwner(input: $i) { owner { id } } }",
            json!({"i": {"name": name, "ownerType": "LLC", "taxId": tax}}),
        )
        .await;
    id(&d["createOwner"]["owner"]["id"])
}

pub async fn own(app: &TestApp, token: &str, owner: Uuid, property: Uuid, share: f64) {
    app.data(
        token,
        "mutation($i: AddOwnershipInput!) { addOwnership(input: $i) { ownership { sharePct } } }",
        json!({"i": {"propertyId": property, "ownerId": owner, "sharePct": share}}),
    )
    .await;
}

async fn lease(app: &TestApp, token: &str, property: Uuid, tenant: &str) {
    app.data(
        token,
        "mutation($i: CreateLeaseInput!) { createLease(input: $i) { lease { id } } }",
        json!({"i": {"propertyId": property, "tenantName": tenant, "areaSf": 5000.0, "start": "2024-01", "end": "2028-12",
            "rentPsf": 25.0, "mla": "office"}}),
    )
    .await;
}

pub async fn seed(app: &TestApp, slug: &str) -> Seeded {
    let tenant = app.tenant(slug).await;
    let token = app.token(slug, Role::Operator);
    let values = vec![1_000_000.0, 2_000_000.0, 500_000.0, 750_000.0, 300_000.0];
    let mut p = Vec::new();
    for (i, v) in values.iter().enumerate() {
        p.push(property(app, &token, i + 1, *v).await);
    }
    let acme1 = owner(app, &token, "Acme Holdings, L.L.C.", Some("12-3456789")).await;
    let acme2 = owner(app, &token, "ACME HOLDINGS LLC", None).await;
    let birch = owner(app, &token, "Birch Capital Inc", None).await;
    let cedar = owner(app, &token, "Cedar Partners LP", None).await;
    let dune = owner(app, &token, "Dune Trust", None).await;
    own(app, &token, acme1, p[0], 60.0).await;
    own(app, &token, birch, p[0], 40.0).await;
    own(app, &token, acme2, p[1], 100.0).await;
    own(app, &token, birch, p[2], 50.0).await;
    own(app, &token, cedar, p[2], 50.0).await;
    own(app, &token, dune, p[3], 100.0).await;
    lease(app, &token, p[0], "Hy-Vee, Inc.").await;
    lease(app, &token, p[2], "HY VEE INC").await;
    app.data(
        &token,
        "mutation($i: SetLoanInput!) { setLoan(input: $i) { loan { lender } } }",
        json!({"i": {"propertyId": p[1], "ltv": 0.6, "rate": 0.06, "amortizationYears": 30.0, "lender": "First Bank"}}),
    )
    .await;
    Seeded {
        tenant,
        tenant_id: app.tenant_id(tenant).await,
        p,
        values,
        acme1,
        acme2,
        birch,
        cedar,
        dune,
    }
}

/// A second tenant with an owner of the same name and tax id as tenant A's Acme, and a property.
pub async fn seed_other(app: &TestApp, slug: &str) -> (Uuid, Uuid) {
    app.tenant(slug).await;
    let token = app.token(slug, Role::Operator);
    let pr = property(app, &token, 9, 9_000_000.0).await;
    let acme = owner(app, &token, "Acme Holdings LLC", Some("12-3456789")).await;
    own(app, &token, acme, pr, 100.0).await;
    (acme, pr)
}
