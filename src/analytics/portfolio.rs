//! Portfolio summary (docs/portfolio.md): carrying values, NOI and going-in cap rate, commercial
//! occupancy, WALE, expiry ladder, tenant concentration, multifamily rents, debt and DSCR, hazard
//! exposure and per-stage / per-type / per-market groups, from rows already read from the store.
//! Pure and synchronous: no I/O, no database types, no clamping and no guessing (a ratio whose
//! inputs are missing is `None`, never 0).

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use uuid::Uuid;

use super::dcf::level_payment;

/// Valuation models that give a carrying value, in order of preference.
pub const VALUE_MODELS: [&str; 2] = ["dcf", "comp-critic"];
/// `value_by_model` name of a carrying value taken from the purchase price.
pub const PURCHASE_PRICE: &str = "purchase-price";
/// `value_by_model` name of a carrying value taken from the list price.
pub const LIST_PRICE: &str = "list-price";
/// A hazard composite score at or above this is high hazard.
pub const HIGH_HAZARD: f64 = 0.6;
/// How many tenants `top_tenants` lists.
pub const TOP_TENANTS: usize = 10;
/// Tenant name of in-place leases without a (non-blank) tenant name.
pub const UNNAMED: &str = "(unnamed)";

/// One property, with what the store knows of it at `as_of`.
#[derive(Debug, Clone, PartialEq)]
pub struct PropertyRow {
    pub id: Uuid,
    /// e.g. "office", "multifamily" (grouped exactly as spelled).
    pub property_type: String,
    /// "City, ST" (grouped exactly as spelled).
    pub market: String,
    /// e.g. "sourced", "closed" (counted exactly as spelled).
    pub pipeline_stage: String,
    pub building_area_sf: Option<f64>,
    pub purchase_price: Option<f64>,
    pub list_price: Option<f64>,
    /// Latest valuation per model at or before as_of: (model name e.g. "dcf" / "comp-critic", value)
    pub valuations: Vec<(String, f64)>,
    /// Year-1 NOI from the latest DCF valuation, when there is one.
    pub noi_year1: Option<f64>,
    /// Latest hazard composite score in [0,1].
    pub hazard_score: Option<f64>,
}

/// One lease (or vacant space) row of a commercial property's rent roll.
#[derive(Debug, Clone, PartialEq)]
pub struct LeaseRow {
    pub property_id: Uuid,
    pub tenant: Option<String>,
    pub vacant: bool,
    pub area_sf: f64,
    /// First day of the start month.
    pub start: Option<NaiveDate>,
    /// First day of the end month (the end month is inclusive).
    pub end: Option<NaiveDate>,
    /// Annual rent per square foot in the first lease year.
    pub rent_psf: Option<f64>,
    /// Annual escalation applied on each whole lease year.
    pub escalation_pct: f64,
    /// Annual market rent per square foot of the lease's leasing profile.
    pub market_rent_psf: Option<f64>,
}

/// One unit type of a multifamily property.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitRow {
    pub property_id: Uuid,
    pub units: i32,
    /// Monthly rent per unit.
    pub current_rent: f64,
    /// Monthly market rent per unit.
    pub market_rent: f64,
}

/// One loan on a property.
#[derive(Debug, Clone, PartialEq)]
pub struct LoanRow {
    pub property_id: Uuid,
    pub amount: Option<f64>,
    pub ltv: Option<f64>,
    /// Annual note rate.
    pub rate: f64,
    /// Amortization period; under one month (e.g. 0) means interest-only.
    pub amortization_years: f64,
    /// Interest-only months before amortization starts.
    pub io_months: i32,
}

/// Everything [`summarize`] reads.
#[derive(Debug, Clone, PartialEq)]
pub struct PortfolioInput {
    pub as_of: NaiveDate,
    pub properties: Vec<PropertyRow>,
    pub leases: Vec<LeaseRow>,
    pub units: Vec<UnitRow>,
    pub loans: Vec<LoanRow>,
}

/// Carrying value by the source it was taken from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelValue {
    /// "comp-critic", "dcf", "list-price" or "purchase-price".
    pub model: String,
    pub count: usize,
    pub total: f64,
}

/// In-place leases expiring in one calendar year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExpiryYear {
    pub year: i32,
    pub count: usize,
    pub area_sf: f64,
    pub annual_rent: f64,
    /// `annual_rent` / portfolio in-place rent (`None` when that is 0).
    pub share_of_rent: Option<f64>,
}

/// One tenant's in-place rent across the portfolio.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TenantShare {
    pub tenant: String,
    pub annual_rent: f64,
    /// `annual_rent` / portfolio in-place rent (`None` when that is 0).
    pub share: Option<f64>,
}

/// Number of properties with one key.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Count {
    pub key: String,
    pub count: usize,
}

/// The property-level totals of one group (same formulas as the portfolio's).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    pub key: String,
    pub count: usize,
    pub total_value: f64,
    pub noi_year1: f64,
    pub leased_area_sf: f64,
    pub total_area_sf: f64,
    pub physical_occupancy: Option<f64>,
    pub total_debt: f64,
}

/// The portfolio summary; docs/portfolio.md defines every field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PortfolioSummary {
    pub as_of: NaiveDate,
    pub count: usize,
    pub valued_count: usize,
    pub total_value: f64,
    pub value_by_model: Vec<ModelValue>,
    pub noi_year1: f64,
    pub noi_count: usize,
    pub going_in_cap_rate: Option<f64>,
    /// Properties with at least one lease row.
    pub lease_property_count: usize,
    pub leases_in_place: usize,
    pub leased_area_sf: f64,
    pub total_area_sf: f64,
    pub physical_occupancy: Option<f64>,
    pub in_place_rent_annual: f64,
    pub economic_occupancy: Option<f64>,
    pub wale_by_area_years: Option<f64>,
    pub wale_by_rent_years: Option<f64>,
    pub expiry_ladder: Vec<ExpiryYear>,
    pub top_tenants: Vec<TenantShare>,
    pub tenant_count: usize,
    pub top10_share: Option<f64>,
    pub hhi: Option<f64>,
    pub units: i64,
    pub unit_in_place_rent_annual: f64,
    pub unit_market_rent_annual: f64,
    pub unit_rent_to_market: Option<f64>,
    pub total_debt: f64,
    pub loan_count: usize,
    pub loans_unpriced: usize,
    pub debt_service_year1: f64,
    pub weighted_ltv: Option<f64>,
    pub dscr_count: usize,
    pub min_dscr: Option<f64>,
    pub weighted_dscr: Option<f64>,
    pub hazard_count: usize,
    pub hazard_value_weighted: Option<f64>,
    pub high_hazard_value_share: Option<f64>,
    pub by_stage: Vec<Count>,
    pub by_type: Vec<Group>,
    pub by_market: Vec<Group>,
    /// Lease, unit and loan rows whose property is not among `properties` (left out).
    pub unmatched_rows: usize,
}

/// The portfolio summary of `input` at `input.as_of` (docs/portfolio.md).
pub fn summarize(input: &PortfolioInput) -> PortfolioSummary {
    let book = Book::build(input);
    let all: Vec<&Facts<'_>> = book.facts.iter().collect();
    let totals = totals(&all);
    let rent: f64 = book.facts.iter().map(|f| f.rent).sum();
    let vacant_market_rent: f64 = book.facts.iter().map(|f| f.vacant_market_rent).sum();
    let tenants = tenants(&book.leases, rent);
    let units = unit_totals(&book.units);
    let debt = debt_totals(&all);
    let hazard = hazard_totals(&all);
    PortfolioSummary {
        as_of: input.as_of,
        count: totals.count,
        valued_count: totals.valued_count,
        total_value: totals.total_value,
        value_by_model: value_by_model(&all),
        noi_year1: totals.noi,
        noi_count: totals.noi_count,
        going_in_cap_rate: going_in_cap_rate(&all),
        lease_property_count: book.facts.iter().filter(|f| f.lease_rows > 0).count(),
        leases_in_place: book.leases.len(),
        leased_area_sf: totals.leased_area,
        total_area_sf: totals.total_area,
        physical_occupancy: ratio(totals.leased_area, totals.total_area),
        in_place_rent_annual: rent,
        economic_occupancy: ratio(rent, rent + vacant_market_rent),
        wale_by_area_years: wale(&book.leases, |l| l.area),
        wale_by_rent_years: wale(&book.leases, |l| l.rent),
        expiry_ladder: expiry_ladder(&book.leases, rent),
        top_tenants: tenants.top,
        tenant_count: tenants.count,
        top10_share: tenants.top10_share,
        hhi: tenants.hhi,
        units: units.units,
        unit_in_place_rent_annual: units.in_place,
        unit_market_rent_annual: units.market,
        unit_rent_to_market: ratio(units.in_place, units.market),
        total_debt: totals.debt,
        loan_count: debt.loans,
        loans_unpriced: debt.unpriced,
        debt_service_year1: debt.service,
        weighted_ltv: debt.weighted_ltv,
        dscr_count: debt.dscr_count,
        min_dscr: debt.min_dscr,
        weighted_dscr: debt.weighted_dscr,
        hazard_count: hazard.count,
        hazard_value_weighted: hazard.weighted,
        high_hazard_value_share: hazard.high_share,
        by_stage: by_stage(&all),
        by_type: groups(&all, type_key),
        by_market: groups(&all, market_key),
        unmatched_rows: book.unmatched,
    }
}

// ---------------------------------------------------------------------------------------------
// Small arithmetic helpers.

/// Months since January of year 0 of the month holding `d` (the day is ignored).
fn month_index(d: NaiveDate) -> i64 {
    i64::from(d.year()) * 12 + i64::from(d.month0())
}

/// `num / den`, or `None` when the denominator is 0.
fn ratio(num: f64, den: f64) -> Option<f64> {
    (den != 0.0).then(|| num / den)
}

/// Element-wise sum of pairs.
fn sum_pairs(pairs: impl IntoIterator<Item = (f64, f64)>) -> (f64, f64) {
    pairs
        .into_iter()
        .fold((0.0_f64, 0.0_f64), |(a, b), (x, y)| (a + x, b + y))
}

/// Σ w·x / Σ w over `(w, x)` pairs; `None` when the weights sum to 0 (or there are none).
fn weighted_mean(pairs: impl IntoIterator<Item = (f64, f64)>) -> Option<f64> {
    let (wx, w) = sum_pairs(pairs.into_iter().map(|(w, x)| (w * x, w)));
    ratio(wx, w)
}

// ---------------------------------------------------------------------------------------------
// Per-row rules.

/// Latest "dcf", else latest "comp-critic", else purchase price, else list price; with its source.
fn carrying_value(p: &PropertyRow) -> Option<(&'static str, f64)> {
    let latest = |model: &str| p.valuations.iter().find(|(m, _)| m == model).map(|&(_, v)| v);
    VALUE_MODELS
        .iter()
        .find_map(|&model| latest(model).map(|v| (model, v)))
        .or_else(|| p.purchase_price.map(|v| (PURCHASE_PRICE, v)))
        .or_else(|| p.list_price.map(|v| (LIST_PRICE, v)))
}

/// Not vacant, and start month ≤ `now` ≤ end month for whichever bounds are given.
fn in_place(lease: &LeaseRow, now: i64) -> bool {
    !lease.vacant
        && lease.start.is_none_or(|s| month_index(s) <= now)
        && lease.end.is_none_or(|e| now <= month_index(e))
}

/// area × rent_psf × (1 + escalation)^k, k = whole years from the start month to `now` (0 without
/// a start); 0 without a rent. Only meaningful for a lease in place at `now`.
fn in_place_rent(lease: &LeaseRow, now: i64) -> f64 {
    let Some(psf) = lease.rent_psf else {
        return 0.0;
    };
    let years = lease.start.map_or(0, |s| (now - month_index(s)).div_euclid(12));
    lease.area_sf * psf * (1.0 + lease.escalation_pct).powi(years as i32)
}

/// The loan's amount, else ltv × deal price (as the DCF sizes it), else ltv × carrying value;
/// `None` when unknown.
fn loan_amount(loan: &LoanRow, facts: &Facts<'_>) -> Option<f64> {
    if let Some(amount) = loan.amount {
        return Some(amount);
    }
    let ltv = loan.ltv?;
    let base = deal_price(facts.row).or(facts.value.map(|(_, v)| v))?;
    Some(ltv * base)
}

/// Months 1..12 of debt service: interest-only (amount × rate / 12) for the first `io_months`,
/// then the level payment while the amortization lasts (at most n = 12 × amortization_years
/// payments); interest-only all year when n < 1.
fn year1_debt_service(amount: f64, loan: &LoanRow) -> f64 {
    let interest = amount * loan.rate / 12.0;
    let months = (12.0 * loan.amortization_years).round();
    if months.is_nan() || months < 1.0 {
        return 12.0 * interest;
    }
    // Capped so the engine's `-(n as i32)` cannot overflow; (1 + i)^-n is 0 long before that.
    let n = months.min(f64::from(i32::MAX)) as u32;
    let io = loan.io_months.clamp(0, 12).unsigned_abs();
    let amortizing = (12 - io).min(n);
    f64::from(io) * interest + f64::from(amortizing) * level_payment(amount, loan.rate, n)
}

// ---------------------------------------------------------------------------------------------
// Per-property facts, built once.

/// One lease in place at `as_of`.
struct InPlace<'a> {
    tenant: Option<&'a str>,
    area: f64,
    rent: f64,
    /// Months from the `as_of` month through the end month, both counted.
    remaining_months: Option<i64>,
    end_year: Option<i32>,
}

/// What one property contributes; every total folds these.
struct Facts<'a> {
    row: &'a PropertyRow,
    value: Option<(&'static str, f64)>,
    lease_rows: usize,
    /// Σ area of all its lease rows (any status).
    row_area: f64,
    leased_area: f64,
    rent: f64,
    /// Σ area × market rent psf over its lease rows not in place.
    vacant_market_rent: f64,
    /// Loans with a known amount.
    loans: usize,
    unpriced: usize,
    debt: f64,
    service: f64,
}

impl<'a> Facts<'a> {
    fn new(row: &'a PropertyRow) -> Self {
        Facts {
            row,
            value: carrying_value(row),
            lease_rows: 0,
            row_area: 0.0,
            leased_area: 0.0,
            rent: 0.0,
            vacant_market_rent: 0.0,
            loans: 0,
            unpriced: 0,
            debt: 0.0,
            service: 0.0,
        }
    }

    fn add_lease(&mut self, lease: &'a LeaseRow, now: i64) -> Option<InPlace<'a>> {
        self.lease_rows += 1;
        self.row_area += lease.area_sf;
        if !in_place(lease, now) {
            self.vacant_market_rent += lease.area_sf * lease.market_rent_psf.unwrap_or(0.0);
            return None;
        }
        let rent = in_place_rent(lease, now);
        self.leased_area += lease.area_sf;
        self.rent += rent;
        Some(InPlace {
            tenant: lease.tenant.as_deref(),
            area: lease.area_sf,
            rent,
            remaining_months: lease.end.map(|e| month_index(e) - now + 1),
            end_year: lease.end.map(|e| e.year()),
        })
    }

    fn add_loan(&mut self, loan: &LoanRow) {
        match loan_amount(loan, self) {
            Some(amount) => {
                self.loans += 1;
                self.debt += amount;
                self.service += year1_debt_service(amount, loan);
            }
            None => self.unpriced += 1,
        }
    }

    /// max(building area, Σ lease row areas) (Σ areas without a building area); `None` without
    /// lease rows.
    fn total_area(&self) -> Option<f64> {
        (self.lease_rows > 0).then(|| {
            self.row
                .building_area_sf
                .map_or(self.row_area, |b| b.max(self.row_area))
        })
    }

    /// Its debt is fully known: at least one loan, every loan priced.
    fn debt_known(&self) -> bool {
        self.loans > 0 && self.unpriced == 0
    }

    /// NOI / year-1 debt service, with NOI, known debt and a positive service.
    fn dscr(&self) -> Option<f64> {
        let noi = self.row.noi_year1?;
        (self.debt_known() && self.service > 0.0).then(|| noi / self.service)
    }
}

/// The facts of every property, the in-place leases and the matched unit rows.
struct Book<'a> {
    facts: Vec<Facts<'a>>,
    leases: Vec<InPlace<'a>>,
    units: Vec<&'a UnitRow>,
    unmatched: usize,
}

impl<'a> Book<'a> {
    fn build(input: &'a PortfolioInput) -> Self {
        let now = month_index(input.as_of);
        let index = id_index(&input.properties);
        let mut book = Book {
            facts: input.properties.iter().map(Facts::new).collect(),
            leases: Vec::new(),
            units: Vec::new(),
            unmatched: 0,
        };
        for lease in &input.leases {
            match lookup(&index, &mut book.facts, lease.property_id) {
                Some(f) => book.leases.extend(f.add_lease(lease, now)),
                None => book.unmatched += 1,
            }
        }
        for loan in &input.loans {
            match lookup(&index, &mut book.facts, loan.property_id) {
                Some(f) => f.add_loan(loan),
                None => book.unmatched += 1,
            }
        }
        for unit in &input.units {
            if index.contains_key(&unit.property_id) {
                book.units.push(unit);
            } else {
                book.unmatched += 1;
            }
        }
        book
    }
}

/// Position of each property id (the first row wins on a repeated id).
fn id_index(properties: &[PropertyRow]) -> HashMap<Uuid, usize> {
    let mut index = HashMap::with_capacity(properties.len());
    for (i, p) in properties.iter().enumerate() {
        index.entry(p.id).or_insert(i);
    }
    index
}

fn lookup<'f, 'a>(index: &HashMap<Uuid, usize>, facts: &'f mut [Facts<'a>], id: Uuid) -> Option<&'f mut Facts<'a>> {
    index.get(&id).and_then(|&i| facts.get_mut(i))
}

// ---------------------------------------------------------------------------------------------
// Folds.

/// The totals shared by the portfolio and each group.
#[derive(Default)]
struct Totals {
    count: usize,
    valued_count: usize,
    total_value: f64,
    noi: f64,
    noi_count: usize,
    leased_area: f64,
    total_area: f64,
    debt: f64,
}

fn totals(facts: &[&Facts<'_>]) -> Totals {
    let mut c = Totals {
        count: facts.len(),
        ..Totals::default()
    };
    for f in facts {
        if let Some((_, v)) = f.value {
            c.valued_count += 1;
            c.total_value += v;
        }
        if let Some(noi) = f.row.noi_year1 {
            c.noi_count += 1;
            c.noi += noi;
        }
        if let Some(area) = f.total_area() {
            c.leased_area += f.leased_area;
            c.total_area += area;
        }
        c.debt += f.debt;
    }
    c
}

impl Group {
    fn new(key: &str, c: &Totals) -> Self {
        Group {
            key: key.to_owned(),
            count: c.count,
            total_value: c.total_value,
            noi_year1: c.noi,
            leased_area_sf: c.leased_area,
            total_area_sf: c.total_area,
            physical_occupancy: ratio(c.leased_area, c.total_area),
            total_debt: c.debt,
        }
    }
}

fn type_key(p: &PropertyRow) -> &str {
    &p.property_type
}

fn market_key(p: &PropertyRow) -> &str {
    &p.market
}

/// [`totals`] of each subset of properties with the same key, sorted by key.
fn groups(facts: &[&Facts<'_>], key: fn(&PropertyRow) -> &str) -> Vec<Group> {
    let mut by: BTreeMap<&str, Vec<&Facts<'_>>> = BTreeMap::new();
    for &f in facts {
        by.entry(key(f.row)).or_default().push(f);
    }
    by.into_iter()
        .map(|(k, members)| Group::new(k, &totals(&members)))
        .collect()
}

fn by_stage(facts: &[&Facts<'_>]) -> Vec<Count> {
    let mut by: BTreeMap<&str, usize> = BTreeMap::new();
    for f in facts {
        *by.entry(f.row.pipeline_stage.as_str()).or_default() += 1;
    }
    by.into_iter()
        .map(|(k, count)| Count {
            key: k.to_owned(),
            count,
        })
        .collect()
}

fn value_by_model(facts: &[&Facts<'_>]) -> Vec<ModelValue> {
    let mut by: BTreeMap<&str, (usize, f64)> = BTreeMap::new();
    for (model, v) in facts.iter().filter_map(|f| f.value) {
        let e = by.entry(model).or_default();
        e.0 += 1;
        e.1 += v;
    }
    by.into_iter()
        .map(|(model, (count, total))| ModelValue {
            model: model.to_owned(),
            count,
            total,
        })
        .collect()
}

/// The price a deal is underwritten at: the purchase price, else the list price (as the DCF of a
/// stored property takes it).
fn deal_price(row: &PropertyRow) -> Option<f64> {
    row.purchase_price.or(row.list_price)
}

/// Σ NOI / Σ deal price over properties with both.
fn going_in_cap_rate(facts: &[&Facts<'_>]) -> Option<f64> {
    let (noi, price) = sum_pairs(
        facts
            .iter()
            .filter_map(|f| Some((f.row.noi_year1?, deal_price(f.row)?))),
    );
    ratio(noi, price)
}

/// Weighted average remaining term in years over in-place leases with an end.
fn wale(leases: &[InPlace<'_>], weight: impl Fn(&InPlace<'_>) -> f64) -> Option<f64> {
    weighted_mean(
        leases
            .iter()
            .filter_map(|l| Some((weight(l), l.remaining_months? as f64 / 12.0))),
    )
}

fn expiry_ladder(leases: &[InPlace<'_>], total_rent: f64) -> Vec<ExpiryYear> {
    let mut by: BTreeMap<i32, (usize, f64, f64)> = BTreeMap::new();
    for l in leases {
        if let Some(year) = l.end_year {
            let e = by.entry(year).or_default();
            e.0 += 1;
            e.1 += l.area;
            e.2 += l.rent;
        }
    }
    by.into_iter()
        .map(|(year, (count, area_sf, annual_rent))| ExpiryYear {
            year,
            count,
            area_sf,
            annual_rent,
            share_of_rent: ratio(annual_rent, total_rent),
        })
        .collect()
}

struct Tenants {
    top: Vec<TenantShare>,
    count: usize,
    top10_share: Option<f64>,
    hhi: Option<f64>,
}

/// Trimmed tenant name; [`UNNAMED`] when missing or blank.
fn tenant_name(tenant: Option<&str>) -> &str {
    tenant.map(str::trim).filter(|t| !t.is_empty()).unwrap_or(UNNAMED)
}

/// In-place rent per tenant (case-insensitive key, first spelling shown), by rent desc then name.
fn tenant_rents(leases: &[InPlace<'_>]) -> Vec<(String, f64)> {
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut rents: Vec<(String, f64)> = Vec::new();
    for l in leases {
        let name = tenant_name(l.tenant);
        match index.entry(name.to_lowercase()) {
            Entry::Occupied(e) => {
                if let Some(r) = rents.get_mut(*e.get()) {
                    r.1 += l.rent;
                }
            }
            Entry::Vacant(e) => {
                e.insert(rents.len());
                rents.push((name.to_owned(), l.rent));
            }
        }
    }
    rents.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    rents
}

fn tenants(leases: &[InPlace<'_>], total_rent: f64) -> Tenants {
    let rents = tenant_rents(leases);
    let top_rent: f64 = rents.iter().take(TOP_TENANTS).map(|r| r.1).sum();
    let hhi: Option<f64> = (total_rent != 0.0).then(|| rents.iter().map(|r| (r.1 / total_rent).powi(2)).sum::<f64>());
    Tenants {
        count: rents.len(),
        top10_share: ratio(top_rent, total_rent),
        hhi,
        top: rents
            .into_iter()
            .take(TOP_TENANTS)
            .map(|(tenant, annual_rent)| TenantShare {
                share: ratio(annual_rent, total_rent),
                tenant,
                annual_rent,
            })
            .collect(),
    }
}

struct UnitTotals {
    units: i64,
    in_place: f64,
    market: f64,
}

fn unit_totals(rows: &[&UnitRow]) -> UnitTotals {
    let mut t = UnitTotals {
        units: 0,
        in_place: 0.0,
        market: 0.0,
    };
    for u in rows {
        let n = f64::from(u.units);
        t.units += i64::from(u.units);
        t.in_place += 12.0 * n * u.current_rent;
        t.market += 12.0 * n * u.market_rent;
    }
    t
}

struct DebtTotals {
    loans: usize,
    unpriced: usize,
    service: f64,
    weighted_ltv: Option<f64>,
    dscr_count: usize,
    min_dscr: Option<f64>,
    weighted_dscr: Option<f64>,
}

fn debt_totals(facts: &[&Facts<'_>]) -> DebtTotals {
    let (debt, value) = sum_pairs(
        facts
            .iter()
            .filter(|f| f.debt_known())
            .filter_map(|f| Some((f.debt, f.value?.1))),
    );
    let dscrs: Vec<(f64, f64)> = facts.iter().filter_map(|f| Some((f.debt, f.dscr()?))).collect();
    DebtTotals {
        loans: facts.iter().map(|f| f.loans).sum(),
        unpriced: facts.iter().map(|f| f.unpriced).sum(),
        service: facts.iter().map(|f| f.service).sum(),
        weighted_ltv: ratio(debt, value),
        dscr_count: dscrs.len(),
        min_dscr: dscrs.iter().map(|&(_, d)| d).reduce(f64::min),
        weighted_dscr: weighted_mean(dscrs.iter().copied()),
    }
}

struct HazardTotals {
    count: usize,
    weighted: Option<f64>,
    high_share: Option<f64>,
}

fn hazard_totals(facts: &[&Facts<'_>]) -> HazardTotals {
    let scored: Vec<(f64, f64)> = facts
        .iter()
        .filter_map(|f| Some((f.value?.1, f.row.hazard_score?)))
        .collect();
    let (high, total) = sum_pairs(scored.iter().map(|&(v, s)| (if s >= HIGH_HAZARD { v } else { 0.0 }, v)));
    HazardTotals {
        count: scored.len(),
        weighted: weighted_mean(scored.iter().copied()),
        high_share: ratio(high, total),
    }
}

#[cfg(test)]
mod tests;
