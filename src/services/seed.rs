//! Demo data for the embedded default: a `demo` tenant with a few properties, an owner, leases
//! and a unit mix, the office's and apartments' DCF inputs (expenses, leasing profile,
//! assumptions) and two loan programs, written only when the database has no tenant at all.
use super::caller::Caller;
use super::dcf_terms;
use super::loan_programs::{self, ProgramFields};
use crate::persistence::repositories::tenants;
use crate::persistence::{Database, TenantId, TenantTx};
use reos_entities::enums::{OwnerType, PipelineStage, PropertyType, Recovery};
use reos_entities::property_attributes::Attributes;
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
    kind: PropertyType,
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
        kind: PropertyType::Office,
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
        kind: PropertyType::Multifamily,
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
        kind: PropertyType::SingleFamily,
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
        kind: PropertyType::Retail,
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
    let tx = TenantTx::begin(&db.owner, TenantId::from_row(&tenant)).await?;
    let t = tenant.id;
    let now = chrono::Utc::now();
    let sponsor = owner::ActiveModel {
        id: Set(Uuid::now_v7()),
        tenant_id: Set(t),
        name: Set("Front Range Holdings LLC".into()),
        normalized_name: Set("front range holdings llc".into()),
        owner_type: Set(OwnerType::Llc),
        tax_id: Set(Some("84-1234567".into())),
        email: Set(Some("deals@frontrange.example".into())),
        phone: Set(Some("+1 303 555 0100".into())),
        mailing_address: Set(Some("PO Box 1, Denver CO 80201".into())),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(tx.conn().await?)
    .await?;
    for d in DEMOS {
        let single = d.kind == PropertyType::SingleFamily;
        let mut p = property::ActiveModel::blank(Uuid::now_v7(), t, d.kind, now);
        p.address_line1 = Set(d.line1.into());
        p.city = Set(d.city.into());
        p.state = Set(d.state.into());
        p.postal_code = Set(Some(d.zip.into()));
        p.normalized_address = Set(Some(
            format!("{}, {}, {} {}", d.line1, d.city, d.state, d.zip).to_uppercase(),
        ));
        Attributes {
            name: Some(d.name.into()),
            latitude: Some(d.lat),
            longitude: Some(d.lon),
            living_area_sf: single.then_some(d.area),
            year_built: Some(1998),
            bedrooms: single.then_some(3),
            full_baths: single.then_some(2),
            condition_score: Some(6),
            list_price: Some(d.price),
            units_count: d.units,
            building_area_sf: (!single).then_some(d.area),
            pipeline_stage: Some(PipelineStage::Underwriting),
            source: Some("demo".into()),
            ..Default::default()
        }
        .apply(&mut p);
        let p = p.insert(tx.conn().await?).await?;
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
        .insert(tx.conn().await?)
        .await?;
        match d.kind {
            PropertyType::Office | PropertyType::Retail => seed_lease(&tx, p.id, d.area).await?,
            PropertyType::Multifamily => seed_units(&tx, p.id).await?,
            _ => {}
        }
        if d.kind != PropertyType::SingleFamily {
            seed_dcf_inputs(&tx, &p.id.to_string(), d).await?;
        }
    }
    seed_loan_programs(&tx).await?;
    tx.commit().await?;
    tracing::info!(tenant = DEMO_SLUG, properties = DEMOS.len(), "seeded demo data");
    Ok(true)
}

async fn seed_lease(tx: &TenantTx, property_id: Uuid, area: f64) -> anyhow::Result<()> {
    let now = chrono::Utc::now();
    lease::ActiveModel {
        id: Set(Uuid::now_v7()),
        tenant_id: Set(tx.tenant().uuid()),
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
        recovery: Set(Recovery::Nnn),
        expense_stop_psf: Set(None),
        renewal_probability: Set(Some(0.7)),
        mla: Set("office".into()),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(tx.conn().await?)
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
            tenant_id: Set(tx.tenant().uuid()),
            property_id: Set(property_id),
            unit_type: Set(kind.into()),
            units: Set(units),
            avg_area_sf: Set(None),
            current_rent: Set(current),
            market_rent: Set(market),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(tx.conn().await?)
        .await?;
    }
    Ok(())
}

/// The seed's writes go through the use cases, as the acting `seed` user.
fn seeder(tx: &TenantTx) -> Caller<'_> {
    Caller {
        tx,
        actor: "seed",
        request_id: None,
        mirror_graph: false,
        events: None,
    }
}

/// Expenses, a leasing profile (commercial) and assumptions, so `propertyDcf` and `maxBid` work
/// on the demo's income properties out of the box.
async fn seed_dcf_inputs(tx: &TenantTx, id: &str, d: &Demo) -> anyhow::Result<()> {
    let c = seeder(tx);
    let commercial = d.kind != PropertyType::Multifamily;
    let lines: &[(&str, f64, bool)] = if commercial {
        &[
            ("real estate taxes", 3.60, true),
            ("insurance", 0.90, true),
            ("administration", 0.75, false),
        ]
    } else {
        &[
            ("real estate taxes", 2.40, false),
            ("insurance", 0.80, false),
            ("payroll and repairs", 3.10, false),
        ]
    };
    for (name, psf, recoverable) in lines {
        let f = dcf_terms::ExpenseFields {
            name: (*name).into(),
            annual: psf * d.area,
            recoverable: *recoverable,
        };
        dcf_terms::create_expense(&c, id, f).await.map_err(api)?;
    }
    if commercial {
        let f = dcf_terms::ProfileFields {
            name: "office".into(),
            market_rent_psf: 26.0,
            term_years: 5.0,
            renewal_probability: 0.7,
            downtime_months: 6,
            free_rent_new_months: 3,
            free_rent_renewal_months: 1,
            ti_new_psf: 30.0,
            ti_renewal_psf: 10.0,
            lc_new_pct: 0.06,
            lc_renewal_pct: 0.03,
            escalation_pct: 0.03,
            recovery: Recovery::Nnn,
        };
        dcf_terms::create_profile(&c, id, f).await.map_err(api)?;
    }
    let a = dcf_terms::Assumptions {
        analysis_start: "2027-01".into(),
        hold_years: 7,
        discount_rate: 0.075,
        equity_discount_rate: Some(0.12),
        exit_cap_rate: if commercial { 0.07 } else { 0.055 },
        selling_cost_pct: 0.02,
        closing_cost_pct: 0.015,
        market_rent_growth: 0.03,
        expense_growth: 0.03,
        general_vacancy_pct: 0.03,
        other_income_annual: 0.0,
        management_fee_pct: 0.03,
        capital_reserve_annual: 0.15 * d.area,
        turnover_months: (!commercial).then_some(12),
        concessions_pct: 0.0,
        bad_debt_pct: 0.0,
    };
    dcf_terms::set_assumptions(&c, id, a).await.map_err(api)?;
    Ok(())
}

/// Two lender programs: a bank's 65% LTV / 1.25x / 9% debt-yield loan and a 75% LTV agency loan
/// with two interest-only years.
async fn seed_loan_programs(tx: &TenantTx) -> anyhow::Result<()> {
    let c = seeder(tx);
    let bank = ProgramFields {
        lender: "First Front Range Bank".into(),
        name: "core 65".into(),
        max_ltv: Some(0.65),
        min_dscr: Some(1.25),
        min_debt_yield: Some(0.09),
        rate: 0.065,
        amortization_years: Some(30.0),
        io_months: 0,
        fee_pct: 0.01,
        term_years: Some(10.0),
        notes: Some("Recourse carve-outs only".into()),
    };
    let agency = ProgramFields {
        lender: "Agency Lending Co".into(),
        name: "fixed 75".into(),
        max_ltv: Some(0.75),
        min_dscr: Some(1.35),
        min_debt_yield: None,
        rate: 0.059,
        amortization_years: Some(30.0),
        io_months: 24,
        fee_pct: 0.0075,
        term_years: Some(10.0),
        notes: None,
    };
    for p in [bank, agency] {
        loan_programs::create(&c, p).await.map_err(api)?;
    }
    Ok(())
}

fn api(e: crate::error::ApiError) -> anyhow::Error {
    anyhow::anyhow!("seeding demo data: {}", e.message())
}
