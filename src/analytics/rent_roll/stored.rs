//! The rent-roll metrics of what a property stores (docs/rent-roll.md "Stored leases"): each
//! commercial lease becomes a space at the as-of date — its in-place rent the stored $/sf rent
//! escalated as the DCF does, its end the last day of its last month, its market rent from its
//! leasing profile — and each unit type of a multifamily unit mix one space of all its units.
//! The numbers are then [`metrics::compute`]'s. Pure.
use super::metrics::{self, Metrics, Space, UnitType};
use chrono::{Datelike, Months, NaiveDate};

/// A stored commercial lease (or vacant suite), as the metrics need it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StoredLease {
    pub suite: Option<String>,
    pub tenant: Option<String>,
    pub vacant: bool,
    pub area_sf: f64,
    /// First month (its first day).
    pub start_month: Option<NaiveDate>,
    /// Last month, inclusive (its first day).
    pub end_month: Option<NaiveDate>,
    /// Annual base rent per sf at the lease's start.
    pub rent_psf: Option<f64>,
    /// Applied on each lease anniversary.
    pub escalation_pct: f64,
    /// The market rent per sf per year of the lease's leasing profile, if the property has it.
    pub market_rent_psf: Option<f64>,
}

/// A stored unit type (monthly rents per unit).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StoredUnitType {
    pub unit_type: String,
    pub units: usize,
    pub avg_area_sf: Option<f64>,
    pub current_rent: f64,
    pub market_rent: f64,
}

/// A stored multifamily unit lease (monthly rents).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StoredUnit {
    pub unit: String,
    pub unit_type: Option<String>,
    pub resident: Option<String>,
    pub vacant: bool,
    pub area_sf: Option<f64>,
    pub monthly_rent: Option<f64>,
    pub market_rent: Option<f64>,
    /// The lease's last day.
    pub end: Option<NaiveDate>,
}

fn cents(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Whole lease years from the start month to the month of `as_of` (0 before the start).
pub fn lease_years(start_month: NaiveDate, as_of: NaiveDate) -> i32 {
    let months = (as_of.year() - start_month.year()) * 12 + as_of.month() as i32 - start_month.month() as i32;
    months.max(0) / 12
}

/// The last day of the month of `d`.
pub fn month_end(d: NaiveDate) -> NaiveDate {
    d.with_day(1)
        .and_then(|first| first.checked_add_months(Months::new(1)))
        .and_then(|next| next.pred_opt())
        .unwrap_or(d)
}

/// A lease's in-place annual rent at `as_of` (to the cent): `rent_psf × area × (1 +
/// escalation)^j`, j its whole lease years since the start (docs/dcf.md "Base rent"). None for a
/// vacant suite or a lease without a rent.
pub fn in_place_annual(l: &StoredLease, as_of: NaiveDate) -> Option<f64> {
    if l.vacant {
        return None;
    }
    let j = l.start_month.map_or(0, |s| lease_years(s, as_of));
    l.rent_psf
        .map(|psf| cents(psf * l.area_sf * (1.0 + l.escalation_pct).powi(j)))
}

/// The metrics of a property's leases at `as_of`; lease `i` is row `i + 1` of the metrics.
pub fn lease_metrics(leases: &[StoredLease], as_of: NaiveDate) -> Metrics {
    let spaces: Vec<Space> = leases
        .iter()
        .enumerate()
        .map(|(i, l)| Space {
            row: i + 1,
            id: l.suite.clone(),
            tenant: if l.vacant { None } else { l.tenant.clone() },
            unit_type: None,
            area_sf: Some(l.area_sf),
            vacant: l.vacant,
            annual_rent: in_place_annual(l, as_of),
            market_annual: l.market_rent_psf.map(|m| cents(m * l.area_sf)),
            end: if l.vacant { None } else { l.end_month.map(month_end) },
        })
        .collect();
    metrics::compute(&spaces, false, as_of)
}

/// The metrics of a property's unit leases at `as_of`, as a previewed multifamily roll's: unit
/// `i` is row `i + 1`, its in-place rent 12 × its monthly rent, its market rent 12 × the stated
/// market rent; a vacant unit has no lease end. The unit mix groups them by type.
pub fn unit_metrics(units: &[StoredUnit], as_of: NaiveDate) -> Metrics {
    let spaces: Vec<Space> = units
        .iter()
        .enumerate()
        .map(|(i, u)| Space {
            row: i + 1,
            id: Some(u.unit.clone()),
            tenant: if u.vacant { None } else { u.resident.clone() },
            unit_type: u.unit_type.clone(),
            area_sf: u.area_sf,
            vacant: u.vacant,
            annual_rent: u.monthly_rent.filter(|r| *r > 0.0).map(|r| cents(12.0 * r)),
            market_annual: u.market_rent.map(|r| cents(12.0 * r)),
            end: if u.vacant { None } else { u.end },
        })
        .collect();
    metrics::compute(&spaces, true, as_of)
}

/// The average rent of `units` units after one of them changes from `prior` to `new`: the other
/// units keep their share of the old average, `(avg × units − prior + new) ÷ units`.
pub fn replaced_average(avg: f64, units: usize, prior: f64, new: f64) -> f64 {
    if units == 0 {
        return new;
    }
    cents(avg + (new - prior) / units as f64)
}

/// The metrics of a unit mix at `as_of`. Unit type `i` is one space (row `i + 1`) of all its
/// units: area `units × avg_area_sf`, in-place rent `12 × units × current_rent`, market rent
/// `12 × units × market_rent`. A unit mix does not store which units are let nor lease ends:
/// every unit counts as occupied at its type's current rent, the occupancy ratios and the vacant
/// rent are None, and there is no WALE or expiry ladder. Counts are of units; mark-to-market is
/// per unit type.
pub fn unit_mix_metrics(types: &[StoredUnitType], as_of: NaiveDate) -> Metrics {
    let spaces: Vec<Space> = types
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let n = t.units as f64;
            Space {
                row: i + 1,
                id: Some(t.unit_type.clone()),
                tenant: None,
                unit_type: Some(t.unit_type.clone()),
                area_sf: t.avg_area_sf.map(|a| a * n),
                vacant: false,
                annual_rent: Some(cents(12.0 * n * t.current_rent)),
                market_annual: Some(cents(12.0 * n * t.market_rent)),
                end: None,
            }
        })
        .collect();
    let mut m = metrics::compute(&spaces, true, as_of);
    let units: usize = types.iter().map(|t| t.units).sum();
    m.spaces = units;
    m.occupied = units;
    m.vacant = 0;
    m.without_end = units;
    m.physical_occupancy = None;
    m.occupancy_by_count = None;
    m.economic_occupancy = None;
    m.vacant_rent_annual = None;
    m.unit_mix = types
        .iter()
        .enumerate()
        .map(|(i, t)| UnitType {
            unit_type: t.unit_type.clone(),
            units: t.units,
            occupied: t.units,
            avg_area_sf: t.avg_area_sf,
            avg_actual_rent: Some(t.current_rent),
            avg_market_rent: Some(t.market_rent),
            occupancy: 1.0,
            rows: vec![i + 1],
        })
        .collect();
    m
}

#[cfg(test)]
mod tests;
