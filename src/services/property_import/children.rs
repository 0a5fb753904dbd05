//! Leases and unit mix of an import: each record merges into the property's stored lease with the
//! same suite (else tenant name) or unit type with the same name, or becomes a new one, with a
//! provenance row per written field; equal values write nothing, so a re-import changes nothing.
use super::batch_writes::{ChildWrite, checked_row};
use super::{ImportOptions, ImportReport, PipelineError};
use crate::persistence::TenantTx;
use crate::persistence::repositories::leases;
use crate::pipeline::{ChildKind, WriteContext, merge};
use chrono::{DateTime, NaiveDate, Utc};
use reos_entities::enums::Recovery;
use reos_entities::{field_provenance, lease, unit_mix};
use sea_orm::{ActiveModelTrait, DbErr, EntityTrait};
use serde_json::{Map, Value, json};
use std::collections::HashMap;
use uuid::Uuid;

/// What identifies a child within its property.
fn key(kind: ChildKind, v: &Map<String, Value>) -> String {
    let s = |f: &str| v.get(f).and_then(Value::as_str).map(|t| t.trim().to_lowercase());
    match kind {
        ChildKind::Lease => s("suite")
            .map(|x| format!("suite:{x}"))
            .or_else(|| s("tenant_name").map(|x| format!("tenant:{x}")))
            .unwrap_or_else(|| format!("vacant:{}", v.get("area_sf").unwrap_or(&Value::Null))),
        ChildKind::UnitMix => s("unit_type").unwrap_or_default(),
    }
}

fn month(d: Option<NaiveDate>) -> Value {
    d.map_or(Value::Null, |d| json!(d.format("%Y-%m-%d").to_string()))
}

/// A lease as the import's field → JSON map (months `YYYY-MM-01`).
pub(crate) fn lease_map(l: &lease::Model) -> Map<String, Value> {
    let pairs = [
        ("suite", json!(l.suite)),
        ("tenant_name", json!(l.tenant_name)),
        ("vacant", json!(l.vacant)),
        ("area_sf", json!(l.area_sf)),
        ("start_month", month(l.start_month)),
        ("end_month", month(l.end_month)),
        ("rent_psf", json!(l.rent_psf)),
        ("escalation_pct", json!(l.escalation_pct)),
        ("free_rent_months", json!(l.free_rent_months)),
        ("recovery", json!(l.recovery.as_str())),
        ("expense_stop_psf", json!(l.expense_stop_psf)),
        ("renewal_probability", json!(l.renewal_probability)),
        ("mla", json!(l.mla)),
    ];
    pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

/// A unit type as the import's field → JSON map.
pub(crate) fn unit_map(u: &unit_mix::Model) -> Map<String, Value> {
    let pairs = [
        ("unit_type", json!(u.unit_type)),
        ("units", json!(u.units)),
        ("avg_area_sf", json!(u.avg_area_sf)),
        ("current_rent", json!(u.current_rent)),
        ("market_rent", json!(u.market_rent)),
    ];
    pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

struct Get<'a>(&'a Map<String, Value>);

impl Get<'_> {
    fn text(&self, f: &str) -> Option<String> {
        self.0.get(f).and_then(Value::as_str).map(str::to_owned)
    }
    fn num(&self, f: &str) -> Option<f64> {
        self.0.get(f).and_then(Value::as_f64)
    }
    fn int(&self, f: &str) -> Option<i32> {
        self.0
            .get(f)
            .and_then(Value::as_i64)
            .and_then(|x| i32::try_from(x).ok())
    }
    fn month(&self, f: &str) -> Option<NaiveDate> {
        self.text(f)
            .and_then(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok())
    }
}

/// The lease with the merged values; a recovery type outside the stored set (which the gates
/// normally block) fails the batch, as the table's CHECK constraint would.
fn lease_model(base: lease::Model, v: &Map<String, Value>) -> Result<lease::Model, PipelineError> {
    let g = Get(v);
    let recovery = match g.text("recovery") {
        None => Recovery::Gross,
        Some(t) => t
            .parse::<Recovery>()
            .map_err(|e| DbErr::Custom(format!("leases.recovery: {e}")))?,
    };
    Ok(lease::Model {
        tenant_name: g.text("tenant_name"),
        suite: g.text("suite"),
        vacant: v.get("vacant").and_then(Value::as_bool).unwrap_or(false),
        area_sf: g.num("area_sf").unwrap_or(base.area_sf),
        start_month: g.month("start_month"),
        end_month: g.month("end_month"),
        rent_psf: g.num("rent_psf"),
        escalation_pct: g.num("escalation_pct").unwrap_or(0.0),
        free_rent_months: g.int("free_rent_months").unwrap_or(0),
        recovery,
        expense_stop_psf: g.num("expense_stop_psf"),
        renewal_probability: g.num("renewal_probability"),
        mla: g.text("mla").unwrap_or(base.mla.clone()),
        ..base
    })
}

fn unit_model(base: unit_mix::Model, v: &Map<String, Value>) -> unit_mix::Model {
    let g = Get(v);
    unit_mix::Model {
        unit_type: g.text("unit_type").unwrap_or(base.unit_type.clone()),
        units: g.int("units").unwrap_or(base.units),
        avg_area_sf: g.num("avg_area_sf"),
        current_rent: g.num("current_rent").unwrap_or(base.current_rent),
        market_rent: g.num("market_rent").unwrap_or(base.market_rent),
        ..base
    }
}

/// A stored child, by kind.
enum Stored {
    Lease(lease::Model),
    Unit(unit_mix::Model),
}

impl Stored {
    fn id(&self) -> Uuid {
        match self {
            Stored::Lease(l) => l.id,
            Stored::Unit(u) => u.id,
        }
    }
    fn map(&self) -> Map<String, Value> {
        match self {
            Stored::Lease(l) => lease_map(l),
            Stored::Unit(u) => unit_map(u),
        }
    }
}

fn blank(kind: ChildKind, id: Uuid, tenant: Uuid, property: Uuid, now: DateTime<Utc>) -> Stored {
    match kind {
        ChildKind::Lease => Stored::Lease(lease::Model {
            id,
            tenant_id: tenant,
            property_id: property,
            tenant_name: None,
            suite: None,
            vacant: false,
            area_sf: 0.0,
            start_month: None,
            end_month: None,
            rent_psf: None,
            escalation_pct: 0.0,
            free_rent_months: 0,
            recovery: Recovery::Gross,
            expense_stop_psf: None,
            renewal_probability: None,
            mla: crate::pipeline::children::DEFAULT_MLA.into(),
            created_at: now,
            updated_at: now,
        }),
        ChildKind::UnitMix => Stored::Unit(unit_mix::Model {
            id,
            tenant_id: tenant,
            property_id: property,
            unit_type: String::new(),
            units: 0,
            avg_area_sf: None,
            current_rent: 0.0,
            market_rent: 0.0,
            created_at: now,
            updated_at: now,
        }),
    }
}

/// Merges the batch's child records into the stored ones and writes them; their provenance rows
/// are appended to `provenance` (written with the batch's other provenance).
pub(super) async fn write(
    tx: &TenantTx,
    now: DateTime<Utc>,
    opts: &ImportOptions,
    kids: Vec<ChildWrite>,
    report: &mut ImportReport,
    provenance: &mut Vec<field_provenance::Model>,
) -> Result<(), PipelineError> {
    if kids.is_empty() {
        return Ok(());
    }
    let tenant = tx.tenant().uuid();
    let mut ids: Vec<Uuid> = kids.iter().map(|k| k.property).collect();
    ids.dedup();
    let mut stored: HashMap<(Uuid, ChildKind, String), Stored> = HashMap::new();
    for (p, ls) in leases::for_properties(tx, &ids).await? {
        for l in ls {
            stored.insert(
                (p, ChildKind::Lease, key(ChildKind::Lease, &lease_map(&l))),
                Stored::Lease(l),
            );
        }
    }
    for (p, us) in leases::unit_mix_for(tx, &ids).await? {
        for u in us {
            stored.insert(
                (p, ChildKind::UnitMix, key(ChildKind::UnitMix, &unit_map(&u))),
                Stored::Unit(u),
            );
        }
    }
    let (mut new_leases, mut new_units) = (Vec::new(), Vec::new());
    for k in kids {
        let mut incoming = k.values;
        incoming.remove("property_external_id");
        let slot = (k.property, k.kind, key(k.kind, &incoming));
        let existing = stored.remove(&slot);
        let is_new = existing.is_none();
        let current = existing.unwrap_or_else(|| blank(k.kind, Uuid::now_v7(), tenant, k.property, now));
        let before = (!is_new).then(|| current.map());
        let ctx = WriteContext {
            entity: match k.kind {
                ChildKind::Lease => "lease".into(),
                ChildKind::UnitMix => "unit_mix".into(),
            },
            source: opts.source.clone(),
            method: "import".into(),
            confidence: opts.confidence,
            evidence_uri: Some(k.evidence),
            actor: opts.actor.clone(),
        };
        let out = merge(before.as_ref(), &incoming, &ctx)?;
        if !is_new && out.changed.is_empty() {
            stored.insert(slot, current);
            continue;
        }
        let id = current.id();
        provenance.extend(out.records.into_iter().map(|p| {
            let warning = k.warned_fields.contains(&p.field);
            checked_row(tenant, id, p, now, warning)
        }));
        let updated = match current {
            Stored::Lease(l) => Stored::Lease(lease::Model {
                updated_at: now,
                ..lease_model(l, &out.merged)?
            }),
            Stored::Unit(u) => Stored::Unit(unit_mix::Model {
                updated_at: now,
                ..unit_model(u, &out.merged)
            }),
        };
        match (&updated, is_new) {
            (Stored::Lease(l), true) => new_leases.push(lease::ActiveModel::from(l.clone())),
            (Stored::Unit(u), true) => new_units.push(unit_mix::ActiveModel::from(u.clone())),
            (Stored::Lease(l), false) => {
                lease::ActiveModel::from(l.clone())
                    .reset_all()
                    .update(tx.conn().await?)
                    .await?;
            }
            (Stored::Unit(u), false) => {
                unit_mix::ActiveModel::from(u.clone())
                    .reset_all()
                    .update(tx.conn().await?)
                    .await?;
            }
        }
        match k.kind {
            ChildKind::Lease => report.counts.leases += 1,
            ChildKind::UnitMix => report.counts.unit_types += 1,
        }
        stored.insert(slot, updated);
    }
    for chunk in new_leases.chunks(500) {
        lease::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(tx.conn().await?)
            .await?;
    }
    for chunk in new_units.chunks(500) {
        unit_mix::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(tx.conn().await?)
            .await?;
    }
    Ok(())
}
