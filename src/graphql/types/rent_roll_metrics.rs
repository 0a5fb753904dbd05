//! `RentRollMetrics` (docs/rent-roll.md "Metrics"): occupancy, WALE, the expiry ladder, top
//! tenants, mark-to-market per lease and in total, and the unit mix — of a previewed roll
//! (`RentRollPreview.metrics`) or of what a property stores (`Property.rentRoll`).
use crate::analytics::rent_roll::metrics::{ExpiryYear, LeaseMarkToMarket, Metrics, TopTenant, UnitType};
use crate::services::rent_roll::StoredRentRoll;
use async_graphql::{ID, Object, SimpleObject};
use chrono::NaiveDate;
use uuid::Uuid;

/// What `Property.rentRoll` costs (docs/graphql.md "Limits"): two small reads (the leases or unit
/// mix, and the leasing profiles) and one pass over them, about ten plain fields' work. (Here,
/// not in `price`: `price` reads these types.)
pub const STORED_RENT_ROLL: usize = 10;

/// A count as a GraphQL `Int` (saturating).
pub(crate) fn int(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// Where the spaces come from.
enum Source {
    /// A previewed roll: spaces are its kept rows.
    Roll,
    /// A property's leases: space `n` is `lease_ids[n - 1]`.
    Leases(Vec<Uuid>),
    /// A property's unit mix: one space per unit type, occupancy not stored.
    UnitMix,
}

/// The metrics of a rent roll at `asOf`.
pub struct RentRollMetrics {
    m: Metrics,
    source: Source,
}

impl RentRollMetrics {
    pub fn of_roll(m: Metrics) -> Self {
        Self {
            m,
            source: Source::Roll,
        }
    }

    pub fn stored(s: StoredRentRoll) -> Self {
        let source = if s.occupancy_known {
            Source::Leases(s.lease_ids)
        } else {
            Source::UnitMix
        };
        Self { m: s.metrics, source }
    }

    /// The value, or None when the source does not store occupancy.
    fn known<T>(&self, v: T) -> Option<T> {
        (!matches!(self.source, Source::UnitMix)).then_some(v)
    }
}

/// One year of the lease-expiry ladder (occupied spaces by the year their lease ends).
#[derive(SimpleObject)]
pub struct RentRollExpiryYear {
    pub year: i32,
    pub count: i32,
    pub area_sf: f64,
    pub annual_rent: f64,
}

impl From<&ExpiryYear> for RentRollExpiryYear {
    fn from(y: &ExpiryYear) -> Self {
        Self {
            year: y.year,
            count: int(y.count),
            area_sf: y.area_sf,
            annual_rent: y.annual_rent,
        }
    }
}

/// A tenant's in-place rent and its share of the total.
#[derive(SimpleObject)]
pub struct RentRollTenant {
    pub tenant: String,
    pub spaces: i32,
    pub area_sf: f64,
    pub annual_rent: f64,
    /// annualRent ÷ in-place rent (a fraction).
    pub share: Option<f64>,
}

impl From<&TopTenant> for RentRollTenant {
    fn from(t: &TopTenant) -> Self {
        Self {
            tenant: t.tenant.clone(),
            spaces: int(t.spaces),
            area_sf: t.area_sf,
            annual_rent: t.annual_rent,
            share: t.share,
        }
    }
}

/// In-place versus market rent of one occupied space.
#[derive(SimpleObject)]
pub struct RentRollLeaseMarkToMarket {
    /// The roll's row (null for a stored lease).
    pub row: Option<i32>,
    /// The stored lease (null for a previewed roll or a unit type).
    pub lease_id: Option<ID>,
    /// Suite, unit, or (for a stored unit mix) unit type.
    pub space: Option<String>,
    pub tenant: Option<String>,
    pub in_place_annual: f64,
    pub market_annual: f64,
    /// market − in place.
    pub difference: f64,
    /// difference ÷ in place (a fraction; null when in place is 0).
    pub pct: Option<f64>,
}

/// In-place versus market rent in total (over the occupied spaces with both) and per lease.
#[derive(SimpleObject)]
pub struct RentRollMarkToMarket {
    pub in_place_annual: f64,
    pub market_annual: f64,
    pub difference: f64,
    pub pct: Option<f64>,
    /// Occupied spaces left out for want of a market or an in-place rent.
    pub without_market: i32,
    pub per_lease: Vec<RentRollLeaseMarkToMarket>,
}

/// One unit type (multifamily; monthly rents).
#[derive(SimpleObject)]
pub struct RentRollUnitType {
    pub unit_type: String,
    pub units: i32,
    /// Null for a stored unit mix (which does not store occupancy).
    pub occupied: Option<i32>,
    pub avg_area_sf: Option<f64>,
    /// Monthly, over the occupied units with a rent (a stored unit mix: its current rent).
    pub avg_actual_rent: Option<f64>,
    pub avg_market_rent: Option<f64>,
    pub occupancy: Option<f64>,
    /// The roll's rows of its units (empty for a stored unit mix).
    pub rows: Vec<i32>,
}

impl RentRollMetrics {
    fn lease(&self, l: &LeaseMarkToMarket) -> RentRollLeaseMarkToMarket {
        let (row, lease_id) = match &self.source {
            Source::Roll => (Some(int(l.row)), None),
            Source::Leases(ids) => (
                None,
                l.row
                    .checked_sub(1)
                    .and_then(|i| ids.get(i))
                    .map(|id| ID(id.to_string())),
            ),
            Source::UnitMix => (None, None),
        };
        RentRollLeaseMarkToMarket {
            row,
            lease_id,
            space: l.id.clone(),
            tenant: l.tenant.clone(),
            in_place_annual: l.in_place_annual,
            market_annual: l.market_annual,
            difference: l.difference,
            pct: l.pct,
        }
    }

    fn unit_type(&self, t: &UnitType) -> RentRollUnitType {
        let roll = matches!(self.source, Source::Roll);
        RentRollUnitType {
            unit_type: t.unit_type.clone(),
            units: int(t.units),
            occupied: self.known(int(t.occupied)),
            avg_area_sf: t.avg_area_sf,
            avg_actual_rent: t.avg_actual_rent,
            avg_market_rent: t.avg_market_rent,
            occupancy: self.known(t.occupancy),
            rows: if roll {
                t.rows.iter().map(|r| int(*r)).collect()
            } else {
                Vec::new()
            },
        }
    }
}

#[Object]
impl RentRollMetrics {
    /// The date WALE and the expiry ladder count from (and stored rents are escalated to).
    async fn as_of(&self) -> NaiveDate {
        self.m.as_of
    }
    /// Suites or units.
    async fn spaces(&self) -> i32 {
        int(self.m.spaces)
    }
    /// Null for a stored unit mix, which does not store which units are let.
    async fn occupied(&self) -> Option<i32> {
        self.known(int(self.m.occupied))
    }
    async fn vacant(&self) -> Option<i32> {
        self.known(int(self.m.vacant))
    }
    async fn total_area_sf(&self) -> f64 {
        self.m.total_area_sf
    }
    async fn occupied_area_sf(&self) -> Option<f64> {
        self.known(self.m.occupied_area_sf)
    }
    async fn vacant_area_sf(&self) -> Option<f64> {
        self.known(self.m.vacant_area_sf)
    }
    /// Occupied area ÷ total area (a fraction).
    async fn physical_occupancy(&self) -> Option<f64> {
        self.m.physical_occupancy
    }
    /// Occupied spaces ÷ spaces.
    async fn occupancy_by_count(&self) -> Option<f64> {
        self.m.occupancy_by_count
    }
    /// Σ annual rent of the occupied spaces (R).
    async fn in_place_rent_annual(&self) -> f64 {
        self.m.in_place_rent_annual
    }
    /// Σ over vacant spaces of their asking, else market, rent (V; null when one has neither).
    async fn vacant_rent_annual(&self) -> Option<f64> {
        self.m.vacant_rent_annual
    }
    /// R ÷ (R + V).
    async fn economic_occupancy(&self) -> Option<f64> {
        self.m.economic_occupancy
    }
    /// Weighted average lease term remaining, in years, weighted by area.
    async fn wale_by_area_years(&self) -> Option<f64> {
        self.m.wale_by_area_years
    }
    /// Weighted average lease term remaining, in years, weighted by rent.
    async fn wale_by_rent_years(&self) -> Option<f64> {
        self.m.wale_by_rent_years
    }
    async fn expiry_ladder(&self) -> Vec<RentRollExpiryYear> {
        self.m.expiry_ladder.iter().map(Into::into).collect()
    }
    /// Occupied spaces without an end date (not in the ladder nor the WALE).
    async fn without_end(&self) -> i32 {
        int(self.m.without_end)
    }
    /// The ten tenants with the most in-place rent (commercial).
    async fn top_tenants(&self) -> Vec<RentRollTenant> {
        self.m.top_tenants.iter().map(Into::into).collect()
    }
    /// Null when no occupied space has a market rent.
    async fn mark_to_market(&self) -> Option<RentRollMarkToMarket> {
        self.m.mark_to_market.as_ref().map(|t| RentRollMarkToMarket {
            in_place_annual: t.in_place_annual,
            market_annual: t.market_annual,
            difference: t.difference,
            pct: t.pct,
            without_market: int(t.without_market),
            per_lease: t.leases.iter().map(|l| self.lease(l)).collect(),
        })
    }
    /// Unit types (multifamily), in order of first appearance.
    async fn unit_mix(&self) -> Vec<RentRollUnitType> {
        self.m.unit_mix.iter().map(|t| self.unit_type(t)).collect()
    }
}
