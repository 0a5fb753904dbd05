//! Rent-roll metrics (docs/rent-roll.md): occupancy (physical by area, economic by rent), WALE by
//! area and by rent, the lease-expiry ladder, top tenants, in-place versus market rent and, for
//! multifamily rolls, the unit mix. Pure: a function of the spaces and the as-of date.
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::HashMap;

/// Days in a year for WALE.
pub const DAYS_PER_YEAR: f64 = 365.25;
/// How many tenants `top_tenants` lists.
pub const TOP_TENANTS: usize = 10;
/// Unit type of multifamily units whose type is not known.
pub const UNKNOWN_TYPE: &str = "(unknown)";

/// One space of the roll (a commercial suite or a multifamily unit), vacant or occupied.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Space {
    /// The roll's row number.
    pub row: usize,
    /// Suite or unit.
    pub id: Option<String>,
    pub tenant: Option<String>,
    pub unit_type: Option<String>,
    pub area_sf: Option<f64>,
    pub vacant: bool,
    /// In-place annual rent (multifamily: 12 × actual monthly rent); for a vacant space, the
    /// asking rent the roll states, if any.
    pub annual_rent: Option<f64>,
    /// Annual market rent of the space, when known.
    pub market_annual: Option<f64>,
    /// Last day of the lease.
    pub end: Option<NaiveDate>,
}

/// One year of the expiry ladder.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExpiryYear {
    pub year: i32,
    pub count: usize,
    pub area_sf: f64,
    pub annual_rent: f64,
}

/// A tenant's rent and its share of in-place rent.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopTenant {
    pub tenant: String,
    pub spaces: usize,
    pub area_sf: f64,
    pub annual_rent: f64,
    pub share: Option<f64>,
}

/// In-place versus market rent of one occupied space.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeaseMarkToMarket {
    pub row: usize,
    pub id: Option<String>,
    pub tenant: Option<String>,
    pub in_place_annual: f64,
    pub market_annual: f64,
    /// market − in place.
    pub difference: f64,
    /// difference ÷ in place (None when in place is 0).
    pub pct: Option<f64>,
}

/// In-place versus market rent, per lease and in total (over the occupied spaces with both).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MarkToMarket {
    pub in_place_annual: f64,
    pub market_annual: f64,
    pub difference: f64,
    pub pct: Option<f64>,
    /// Occupied spaces left out for want of a market rent or an in-place rent.
    pub without_market: usize,
    pub leases: Vec<LeaseMarkToMarket>,
}

/// One unit type of a multifamily roll.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitType {
    pub unit_type: String,
    pub units: usize,
    pub occupied: usize,
    /// Over the units with an area.
    pub avg_area_sf: Option<f64>,
    /// Monthly, over the occupied units with a rent above 0.
    pub avg_actual_rent: Option<f64>,
    /// Monthly, over the units with a market rent.
    pub avg_market_rent: Option<f64>,
    pub occupancy: f64,
    /// Row numbers of its units.
    pub rows: Vec<usize>,
}

/// Every metric of a roll.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metrics {
    pub as_of: NaiveDate,
    pub spaces: usize,
    pub occupied: usize,
    pub vacant: usize,
    pub total_area_sf: f64,
    pub occupied_area_sf: f64,
    pub vacant_area_sf: f64,
    /// occupied area ÷ total area.
    pub physical_occupancy: Option<f64>,
    /// occupied spaces ÷ spaces.
    pub occupancy_by_count: Option<f64>,
    /// Σ annual rent of the occupied spaces.
    pub in_place_rent_annual: f64,
    /// Σ over vacant spaces of their asking rent, else their market rent (None when one has neither).
    pub vacant_rent_annual: Option<f64>,
    /// in place ÷ (in place + vacant rent).
    pub economic_occupancy: Option<f64>,
    pub wale_by_area_years: Option<f64>,
    pub wale_by_rent_years: Option<f64>,
    pub expiry_ladder: Vec<ExpiryYear>,
    /// Occupied spaces without an end date (not in the ladder nor the WALE).
    pub without_end: usize,
    pub top_tenants: Vec<TopTenant>,
    pub mark_to_market: Option<MarkToMarket>,
    pub unit_mix: Vec<UnitType>,
}

/// Years from `as_of` through `end` (the end day counts), 0 for a lease already over.
pub fn remaining_years(end: NaiveDate, as_of: NaiveDate) -> f64 {
    let days = (end - as_of).num_days() + 1;
    days.max(0) as f64 / DAYS_PER_YEAR
}

fn ratio(num: f64, den: f64) -> Option<f64> {
    (den != 0.0).then(|| num / den)
}

fn mean(v: &[f64]) -> Option<f64> {
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

/// The metrics of `spaces` at `as_of`; `multifamily` adds the unit mix and leaves out top tenants.
pub fn compute(spaces: &[Space], multifamily: bool, as_of: NaiveDate) -> Metrics {
    let occupied: Vec<&Space> = spaces.iter().filter(|s| !s.vacant).collect();
    let vacant: Vec<&Space> = spaces.iter().filter(|s| s.vacant).collect();
    let area = |v: &[&Space]| v.iter().filter_map(|s| s.area_sf).sum::<f64>();
    let (occupied_area, vacant_area) = (area(&occupied), area(&vacant));
    let total_area = occupied_area + vacant_area;
    let rent = |s: &Space| s.annual_rent.unwrap_or(0.0);
    let in_place: f64 = occupied.iter().map(|s| rent(s)).sum();
    let vacant_rent: Option<f64> = vacant
        .iter()
        .map(|s| s.annual_rent.filter(|r| *r > 0.0).or(s.market_annual))
        .sum();
    let economic = vacant_rent.and_then(|v| ratio(in_place, in_place + v));

    let ended: Vec<(&Space, NaiveDate)> = occupied.iter().filter_map(|s| s.end.map(|e| (*s, e))).collect();
    let wale = |weight: &dyn Fn(&Space) -> f64| {
        let w: f64 = ended.iter().map(|(s, _)| weight(s)).sum();
        let wy: f64 = ended.iter().map(|(s, e)| weight(s) * remaining_years(*e, as_of)).sum();
        ratio(wy, w)
    };
    let mut ladder: Vec<ExpiryYear> = Vec::new();
    for (s, e) in &ended {
        let i = match ladder.iter().position(|y| y.year == e.year()) {
            Some(i) => i,
            None => {
                ladder.push(ExpiryYear {
                    year: e.year(),
                    count: 0,
                    area_sf: 0.0,
                    annual_rent: 0.0,
                });
                ladder.len() - 1
            }
        };
        ladder[i].count += 1;
        ladder[i].area_sf += s.area_sf.unwrap_or(0.0);
        ladder[i].annual_rent += rent(s);
    }
    ladder.sort_by_key(|y| y.year);

    Metrics {
        as_of,
        spaces: spaces.len(),
        occupied: occupied.len(),
        vacant: vacant.len(),
        total_area_sf: total_area,
        occupied_area_sf: occupied_area,
        vacant_area_sf: vacant_area,
        physical_occupancy: ratio(occupied_area, total_area),
        occupancy_by_count: ratio(occupied.len() as f64, spaces.len() as f64),
        in_place_rent_annual: in_place,
        vacant_rent_annual: vacant_rent,
        economic_occupancy: economic,
        wale_by_area_years: wale(&|s| s.area_sf.unwrap_or(0.0)),
        wale_by_rent_years: wale(&|s| rent(s)),
        expiry_ladder: ladder,
        without_end: occupied.len() - ended.len(),
        top_tenants: if multifamily {
            Vec::new()
        } else {
            top_tenants(&occupied, in_place)
        },
        mark_to_market: mark_to_market(&occupied),
        unit_mix: if multifamily { unit_mix(spaces) } else { Vec::new() },
    }
}

/// Tenants by in-place rent (names grouped trimmed and case-insensitively, shown as first
/// written), the first [`TOP_TENANTS`], ties by name.
fn top_tenants(occupied: &[&Space], in_place: f64) -> Vec<TopTenant> {
    let mut by: Vec<TopTenant> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for s in occupied {
        let name = s.tenant.as_deref().map_or("(unnamed)", str::trim).to_owned();
        let i = *index.entry(name.to_lowercase()).or_insert_with(|| {
            by.push(TopTenant {
                tenant: name.clone(),
                spaces: 0,
                area_sf: 0.0,
                annual_rent: 0.0,
                share: None,
            });
            by.len() - 1
        });
        by[i].spaces += 1;
        by[i].area_sf += s.area_sf.unwrap_or(0.0);
        by[i].annual_rent += s.annual_rent.unwrap_or(0.0);
    }
    for t in &mut by {
        t.share = ratio(t.annual_rent, in_place);
    }
    by.sort_by(|a, b| {
        b.annual_rent
            .total_cmp(&a.annual_rent)
            .then_with(|| a.tenant.cmp(&b.tenant))
    });
    by.truncate(TOP_TENANTS);
    by
}

fn mark_to_market(occupied: &[&Space]) -> Option<MarkToMarket> {
    let leases: Vec<LeaseMarkToMarket> = occupied
        .iter()
        .filter_map(|s| {
            let (in_place, market) = (s.annual_rent?, s.market_annual?);
            let difference = market - in_place;
            Some(LeaseMarkToMarket {
                row: s.row,
                id: s.id.clone(),
                tenant: s.tenant.clone(),
                in_place_annual: in_place,
                market_annual: market,
                difference,
                pct: ratio(difference, in_place),
            })
        })
        .collect();
    if leases.is_empty() {
        return None;
    }
    let in_place: f64 = leases.iter().map(|l| l.in_place_annual).sum();
    let market: f64 = leases.iter().map(|l| l.market_annual).sum();
    Some(MarkToMarket {
        in_place_annual: in_place,
        market_annual: market,
        difference: market - in_place,
        pct: ratio(market - in_place, in_place),
        without_market: occupied.len() - leases.len(),
        leases,
    })
}

/// Unit types in order of first appearance.
fn unit_mix(spaces: &[Space]) -> Vec<UnitType> {
    let mut groups: Vec<(String, Vec<&Space>)> = Vec::new();
    for s in spaces {
        let t = s.unit_type.clone().unwrap_or_else(|| UNKNOWN_TYPE.to_owned());
        match groups.iter_mut().find(|(k, _)| *k == t) {
            Some((_, v)) => v.push(s),
            None => groups.push((t, vec![s])),
        }
    }
    groups
        .into_iter()
        .map(|(unit_type, units)| {
            let occupied = units.iter().filter(|s| !s.vacant).count();
            let areas: Vec<f64> = units.iter().filter_map(|s| s.area_sf).collect();
            let actual: Vec<f64> = units
                .iter()
                .filter(|s| !s.vacant)
                .filter_map(|s| s.annual_rent.filter(|r| *r > 0.0).map(|r| r / 12.0))
                .collect();
            let market: Vec<f64> = units.iter().filter_map(|s| s.market_annual.map(|r| r / 12.0)).collect();
            UnitType {
                unit_type,
                units: units.len(),
                occupied,
                avg_area_sf: mean(&areas),
                avg_actual_rent: mean(&actual),
                avg_market_rent: mean(&market),
                occupancy: occupied as f64 / units.len() as f64,
                rows: units.iter().map(|s| s.row).collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
