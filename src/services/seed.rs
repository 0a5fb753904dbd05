//! Demo data for the embedded default: a `demo` tenant with a few properties, an owner, leases
//! and a unit mix, written only when the database has no tenant at all.
use crate::persistence::repositories::tenants;
use crate::persistence::{Database, TenantId, TenantTx};
use reos_entities::{lease, owner, property, property_ownership, unit_mix};
use sea_orm::{ActiveModelTrait, Set};
use uuid::Uuid;

pub const DEMO_SLUG: &str = "demo";

struct Demo {
    name: &'static str,
    line1: &'static str,
    city: &'static str,
    state: &'static str,
    zip: &'static str,
    lat: f64,
    lon: f64,
    kind: &'static str,
    price: f64,
    area: f64,
    units: Option<i32>,
}

const DEMOS: &[Demo] = &[
    Demo {
        name: "Larimer Office",
        line1: "1550 Larimer St",
        city: "Denver",
        state: "CO",
        zip: "80202",
        lat: 39.7490,
        lon: -104.9987,
        kind: "office",
        price: 7_800_000.0,
        area: 28_000.0,
        units: None,
    },
    Demo {
        name: "East Riverside Apartments",
        line1: "2201 E Riverside Dr",
        city: "Austin",
        state: "TX",
        zip: "78741",
        lat: 30.2407,
        lon: -97.7280,
        kind: "multifamily",
        price: 7_500_000.0,
        area: 42_000.0,
        units: Some(50),
    },
    Demo {
        name: "Gilbert House",
        line1: "3404 Lincoln Way",
        city: "Ames",
        state: "IA",
        zip: "50014",
        lat: 42.0228,
        lon: -93.6530,
        kind: "single_family",
        price: 245_000.0,
        area: 1_850.0,
        units: None,
    },
    Demo {
        name: "Main Street Retail",
        line1: "412 Main St",
        city: "Ames",
        state: "IA",
        zip: "50010",
        lat: 42.0255,
        lon: -93.6148,
        kind: "retail",
        price: 2_000_000.0,
        area: 10_000.0,
        units: None,
    },
];

/// Seeds the demo tenant when there is no tenant yet; returns whether it did.
pub async fn demo_if_empty(db: &Database) -> anyhow::Result<bool> {
    if tenants::count(&db.owner).await? > 0 {
        return Ok(false);
    }
    let tenant = tenants::create(&db.owner, DEMO_SLUG, "Demo Investments").await?;
    let tx = TenantTx::begin(&db.owner, TenantId(tenant.id)).await?;
    let t = tenant.id;
    let now = chrono::Utc::now();
    let sponsor = owner::ActiveModel {
        id: Set(Uuid::now_v7()),
        tenant_id: Set(t),
        name: Set("Front Range Holdings LLC".into()),
        normalized_name: Set("front range holdings llc".into()),
        owner_type: Set("llc".into()),
        tax_id: Set(Some("84-1234567".into())),
        email: Set(Some("deals@frontrange.example".into())),
        phone: Set(Some("+1 303 555 0100".into())),
        mailing_address: Set(Some("PO Box 1, Denver CO 80201".into())),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(tx.conn())
    .await?;
    for d in DEMOS {
        let p = property::ActiveModel {
            id: Set(Uuid::now_v7()),
            tenant_id: Set(t),
            external_id: Set(None),
            name: Set(Some(d.name.into())),
            address_line1: Set(d.line1.into()),
            unit: Set(None),
            city: Set(d.city.into()),
            state: Set(d.state.into()),
            postal_code: Set(Some(d.zip.into())),
            normalized_address: Set(Some(
                format!("{}, {}, {} {}", d.line1, d.city, d.state, d.zip).to_uppercase(),
            )),
            address_hash: Set(None),
            latitude: Set(Some(d.lat)),
            longitude: Set(Some(d.lon)),
            property_type: Set(d.kind.into()),
            building_type: Set(None),
            neighborhood: Set(None),
            living_area_sf: Set((d.kind == "single_family").then_some(d.area)),
            lot_area_sf: Set(None),
            year_built: Set(Some(1998)),
            year_remodeled: Set(None),
            bedrooms: Set((d.kind == "single_family").then_some(3)),
            full_baths: Set((d.kind == "single_family").then_some(2)),
            half_baths: Set(None),
            basement_sf: Set(None),
            garage_cars: Set(None),
            condition_score: Set(Some(6)),
            stories: Set(None),
            fireplaces: Set(None),
            central_air: Set(None),
            porch_sf: Set(None),
            deck_sf: Set(None),
            pool_sf: Set(None),
            list_price: Set(Some(d.price)),
            purchase_price: Set(None),
            units_count: Set(d.units),
            building_area_sf: Set((d.kind != "single_family").then_some(d.area)),
            status: Set("active".into()),
            pipeline_stage: Set("underwriting".into()),
            source: Set(Some("demo".into())),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(tx.conn())
        .await?;
        property_ownership::ActiveModel {
            id: Set(Uuid::now_v7()),
            tenant_id: Set(t),
            property_id: Set(p.id),
            owner_id: Set(sponsor.id),
            share_pct: Set(100.0),
            acquired_on: Set(None),
            acquisition_price: Set(None),
            created_at: Set(now),
        }
        .insert(tx.conn())
        .await?;
        match d.kind {
            "office" | "retail" => seed_lease(&tx, p.id, d.area).await?,
            "multifamily" => seed_units(&tx, p.id).await?,
            _ => {}
        }
    }
    tx.commit().await?;
    tracing::info!(tenant = DEMO_SLUG, properties = DEMOS.len(), "seeded demo data");
    Ok(true)
}

async fn seed_lease(tx: &TenantTx, property_id: Uuid, area: f64) -> anyhow::Result<()> {
    let now = chrono::Utc::now();
    lease::ActiveModel {
        id: Set(Uuid::now_v7()),
        tenant_id: Set(tx.tenant().0),
        property_id: Set(property_id),
        tenant_name: Set(Some("Anchor Tenant Inc".into())),
        suite: Set(Some("100".into())),
        vacant: Set(false),
        area_sf: Set(area),
        start_month: Set(chrono::NaiveDate::from_ymd_opt(2024, 1, 1)),
        end_month: Set(chrono::NaiveDate::from_ymd_opt(2030, 12, 1)),
        rent_psf: Set(Some(24.0)),
        escalation_pct: Set(0.03),
        free_rent_months: Set(0),
        recovery: Set("nnn".into()),
        expense_stop_psf: Set(None),
        renewal_probability: Set(Some(0.7)),
        mla: Set("office".into()),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(tx.conn())
    .await?;
    Ok(())
}

async fn seed_units(tx: &TenantTx, property_id: Uuid) -> anyhow::Result<()> {
    let now = chrono::Utc::now();
    for (kind, units, current, market) in [
        ("1BR", 20, 1200.0, 1250.0),
        ("2BR", 25, 1600.0, 1700.0),
        ("3BR", 5, 2100.0, 2200.0),
    ] {
        unit_mix::ActiveModel {
            id: Set(Uuid::now_v7()),
            tenant_id: Set(tx.tenant().0),
            property_id: Set(property_id),
            unit_type: Set(kind.into()),
            units: Set(units),
            avg_area_sf: Set(None),
            current_rent: Set(current),
            market_rent: Set(market),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(tx.conn())
        .await?;
    }
    Ok(())
}
