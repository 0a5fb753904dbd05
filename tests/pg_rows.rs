//! The listing reads decode PostgreSQL rows themselves (src/persistence/pg_rows.rs): a page of
//! properties, their owners, leases and latest valuations must come out exactly as sea-orm's own
//! decoder reads the same rows, with every column set and with every optional column NULL.
//! Skipped (and says so) when `REOS_TEST_DATABASE_URL` is not set.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use reos::persistence::repositories::{leases, properties};
use reos::persistence::{TenantId, TenantTx};
use reos_entities::{lease, owner, property, property_ownership, tenant, valuation};
use sea_orm::{ConnectionTrait, Database, EntityTrait, QueryOrder};
use support::test_app;

const T: &str = "6f1c0000-0000-4000-8000-000000000001";
const FULL: &str = "6f1c0000-0000-4000-8000-0000000000a1";
const SPARSE: &str = "6f1c0000-0000-4000-8000-0000000000a2";
const OWNER: &str = "6f1c0000-0000-4000-8000-0000000000b1";

fn seed() -> String {
    format!(
        "INSERT INTO tenants (id, slug, name, created_at) VALUES ('{T}', 'rows', 'Rows', now());
         INSERT INTO properties (id, tenant_id, external_id, name, address_line1, unit, city, state, postal_code,
           normalized_address, address_hash, latitude, longitude, property_type, building_type, neighborhood,
           living_area_sf, lot_area_sf, year_built, year_remodeled, bedrooms, full_baths, half_baths, basement_sf,
           garage_cars, condition_score, stories, fireplaces, central_air, porch_sf, deck_sf, pool_sf, list_price,
           purchase_price, units_count, building_area_sf, parking_spaces, status, pipeline_stage, source,
           created_at, updated_at)
         VALUES ('{FULL}', '{T}', 'X-1', 'Full', '1 Main St', '2B', 'Ames', 'IA', '50010', '1 main st ames ia',
           'abc', 42.03, -93.62, 'office', '1Fam', 'NAmes', 1500.5, 9000.25, 1961, 1990, 3, 2, 1, 800.75, 2, 7,
           '1Story', 1, true, 10.5, 20.5, 0.5, 250000.5, 240000.25, 4, 12000.5, 9, 'owned', 'closed', 'import',
           '2026-01-02T03:04:05.123456Z', '2026-02-03T04:05:06Z'),
                ('{SPARSE}', '{T}', NULL, NULL, '2 Oak Ave', NULL, 'Ames', 'IA', NULL, NULL, NULL, NULL, NULL,
           'land', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
           NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'active', 'sourced', NULL, now(), now());
         INSERT INTO owners (id, tenant_id, name, normalized_name, owner_type, tax_id, email, phone, mailing_address,
           created_at, updated_at)
         VALUES ('{OWNER}', '{T}', 'Acme LLC', 'acme llc', 'llc', '12-3', 'a@example.com', '555', 'PO Box 1', now(), now());
         INSERT INTO property_ownership (id, tenant_id, property_id, owner_id, share_pct, acquired_on,
           acquisition_price, created_at)
         VALUES (gen_random_uuid(), '{T}', '{FULL}', '{OWNER}', 60.5, '2020-05-01', 100000.5, now()),
                (gen_random_uuid(), '{T}', '{SPARSE}', '{OWNER}', 100, NULL, NULL, now());
         INSERT INTO leases (id, tenant_id, property_id, tenant_name, suite, vacant, area_sf, start_month, end_month,
           rent_psf, escalation_pct, free_rent_months, recovery, expense_stop_psf, renewal_probability, mla,
           created_at, updated_at)
         VALUES (gen_random_uuid(), '{T}', '{FULL}', 'Tenant A', '100', false, 2500.5, '2024-01-01', '2029-12-01',
           24.5, 0.03, 2, 'base_year', 8.5, 0.7, 'office', now(), now()),
                (gen_random_uuid(), '{T}', '{SPARSE}', NULL, NULL, true, 1000, NULL, NULL, NULL, 0, 0, 'nnn', NULL,
           NULL, 'office', now(), now());
         INSERT INTO valuations (id, tenant_id, property_id, model, model_version, inputs_hash, value, result,
           created_by, created_at)
         VALUES (gen_random_uuid(), '{T}', '{FULL}', 'dcf', 'v1', repeat('0', 64), 123.5, '{{\"a\": [1, 2.5, null]}}',
           'test', now()),
                (gen_random_uuid(), '{T}', '{SPARSE}', 'comp-critic', 'v1', repeat('1', 64), NULL, 'null', 'test', now());"
    )
}

#[tokio::test]
async fn fast_row_decoding_matches_sea_orm() {
    let Some(admin) = test_app::pg_admin_url() else { return };
    let (owner_url, service_url) = test_app::fresh_postgres(&admin).await;
    let owner_conn = Database::connect(&owner_url).await.unwrap();
    owner_conn.execute_unprepared(&seed()).await.unwrap();
    let service = Database::connect(&service_url).await.unwrap();
    let t = tenant::Entity::find_by_id(uuid::Uuid::parse_str(T).unwrap())
        .one(&service)
        .await
        .unwrap()
        .unwrap();
    let tx = TenantTx::begin(&service, TenantId::from_row(&t)).await.unwrap();
    let ids = [
        uuid::Uuid::parse_str(FULL).unwrap(),
        uuid::Uuid::parse_str(SPARSE).unwrap(),
    ];

    let page = properties::page(&tx, &Default::default(), Default::default(), false, 0, 10, None)
        .await
        .unwrap();
    let mut slow = property::Entity::find().all(tx.conn().await.unwrap()).await.unwrap();
    let mut fast = page.clone();
    fast.sort_by_key(|p| p.id);
    slow.sort_by_key(|p| p.id);
    assert_eq!(fast.len(), 2);
    assert_eq!(fast, slow, "properties");
    assert_eq!(fast[0].parking_spaces, Some(9));
    assert_eq!(fast[1].name, None);

    let leases = leases::for_properties(&tx, &ids).await.unwrap();
    let slow = lease::Entity::find().all(tx.conn().await.unwrap()).await.unwrap();
    for l in &slow {
        assert_eq!(leases[&l.property_id], vec![l.clone()], "leases");
    }

    let owners = properties::owners_of(&tx, &ids).await.unwrap();
    let o = owner::Entity::find()
        .one(tx.conn().await.unwrap())
        .await
        .unwrap()
        .unwrap();
    for s in property_ownership::Entity::find()
        .all(tx.conn().await.unwrap())
        .await
        .unwrap()
    {
        assert_eq!(owners[&s.property_id], vec![(s.clone(), o.clone())], "owners");
    }

    let valuations = properties::latest_valuations(&tx, &ids).await.unwrap();
    let slow = valuation::Entity::find()
        .order_by_asc(valuation::Column::Id)
        .all(tx.conn().await.unwrap())
        .await
        .unwrap();
    for v in &slow {
        assert_eq!(&valuations[&v.property_id.unwrap()], v, "valuations");
    }
    tx.commit().await.unwrap();
}
