//! Writing a commercial rent roll: each kept suite (vacant ones as vacant leases) merged into the
//! property's lease of the same suite (case-insensitive), or created. The roll gives tenant, area,
//! rent, start, end and (when it has the column) escalation; the other lease fields keep their
//! stored values on an update and take the lease import's defaults on a create (no escalation, no
//! free rent, gross recovery, no expense stop or renewal probability, profile `default`). A lease
//! the roll leaves as it is stored is not written again.
use super::{Written, origin};
use crate::analytics::rent_roll::{CommercialValues, Preview, Values};
use crate::domain::month;
use crate::error::ApiError;
use crate::persistence::repositories::leases as lease_rows;
use crate::pipeline::children::DEFAULT_MLA;
use crate::pipeline::provenance::same_value;
use crate::services::caller::Caller;
use crate::services::leases::{self, LeaseFields};
use crate::services::property_import::children::lease_map;
use reos_entities::enums::Recovery;
use reos_entities::{lease, property};
use std::collections::HashMap;

/// The merge key of a suite.
pub(super) fn key(suite: &str) -> String {
    suite.trim().to_lowercase()
}

/// The lease fields of a row, over the stored lease of its suite if any.
pub(super) fn fields(v: &CommercialValues, stored: Option<&lease::Model>) -> LeaseFields {
    let vacant = v.vacant == Some(true);
    let area = v.area_sf.unwrap_or(0.0);
    let occupied = |x: Option<String>| if vacant { None } else { x };
    LeaseFields {
        tenant_name: occupied(v.tenant.clone()),
        suite: v.suite.clone(),
        vacant,
        area_sf: area,
        start: occupied(v.start.map(month::format)),
        end: occupied(v.end.map(month::format)),
        rent_psf: if vacant { None } else { v.annual_rent.map(|r| r / area) },
        escalation_pct: v.escalation_pct.or(stored.map(|s| s.escalation_pct)).unwrap_or(0.0),
        free_rent_months: stored.map_or(0, |s| s.free_rent_months),
        recovery: stored.map_or(Recovery::Gross, |s| s.recovery),
        expense_stop_psf: stored.and_then(|s| s.expense_stop_psf),
        renewal_probability: stored.and_then(|s| s.renewal_probability),
        mla: stored.map_or_else(|| DEFAULT_MLA.to_owned(), |s| s.mla.clone()),
    }
}

/// Whether writing `f` over `stored` changes nothing (every stored field compares equal).
pub(super) fn unchanged(stored: &lease::Model, f: &LeaseFields) -> bool {
    let month_of = |s: &Option<String>| s.as_deref().and_then(month::parse);
    let after = lease::Model {
        tenant_name: f.tenant_name.clone(),
        suite: f.suite.clone(),
        vacant: f.vacant,
        area_sf: f.area_sf,
        start_month: month_of(&f.start),
        end_month: month_of(&f.end),
        rent_psf: f.rent_psf,
        escalation_pct: f.escalation_pct,
        free_rent_months: f.free_rent_months,
        recovery: f.recovery,
        expense_stop_psf: f.expense_stop_psf,
        renewal_probability: f.renewal_probability,
        mla: f.mla.clone(),
        ..stored.clone()
    };
    let (a, b) = (lease_map(stored), lease_map(&after));
    a.iter().all(|(k, v)| b.get(k).is_some_and(|w| same_value(v, w)))
}

/// Merges the roll's suites into the property's leases.
pub(super) async fn write(
    c: &Caller<'_>,
    prop: &property::Model,
    p: &Preview,
    out: &mut Written,
) -> Result<(), ApiError> {
    let mut stored: HashMap<String, lease::Model> = HashMap::new();
    let existing = lease_rows::for_properties(c.tx, &[prop.id])
        .await?
        .remove(&prop.id)
        .unwrap_or_default();
    for l in existing {
        if let Some(s) = l.suite.as_deref() {
            stored.entry(key(s)).or_insert(l);
        }
    }
    let property_id = prop.id.to_string();
    for row in p.rows.iter().filter(|r| r.kept) {
        let Values::Commercial(v) = &row.values else { continue };
        let Some(suite) = v.suite.as_deref() else { continue };
        let found = stored.get(&key(suite));
        let f = fields(v, found);
        let o = origin(&out.source, format!("row:{}", row.row));
        match found {
            Some(s) if unchanged(s, &f) => out.leases_unchanged += 1,
            Some(s) => {
                leases::update_lease_from(c, &s.id.to_string(), f, Some(&o)).await?;
                out.leases_updated += 1;
            }
            None => {
                leases::create_lease_from(c, &property_id, f, Some(&o)).await?;
                out.leases_created += 1;
            }
        }
    }
    Ok(())
}
