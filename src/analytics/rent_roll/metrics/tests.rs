//! Unit tests of `analytics::rent_roll::metrics` against hand-computed rolls (the arithmetic is
//! in the comments; as of 2025-01-01 throughout).
#![allow(clippy::unwrap_used)]
use super::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

fn suite(row: usize, id: &str, tenant: Option<&str>, area: f64, rent: Option<f64>, end: Option<NaiveDate>) -> Space {
    Space {
        row,
        id: Some(id.into()),
        tenant: tenant.map(Into::into),
        unit_type: None,
        area_sf: Some(area),
        vacant: tenant.is_none(),
        annual_rent: rent,
        // Market $30/sf/yr on every suite.
        market_annual: Some(30.0 * area),
        end,
    }
}

/// 100 Acme 1,000 sf $24,000 to 2028-12-31; 200 Beta 3,000 sf $60,000 to 2026-12-31; 300 Acme
/// 500 sf $16,000 ended 2024-06-30; 400 vacant 500 sf.
fn office() -> Vec<Space> {
    vec![
        suite(5, "100", Some("Acme"), 1_000.0, Some(24_000.0), Some(day(2028, 12, 31))),
        suite(6, "200", Some("Beta"), 3_000.0, Some(60_000.0), Some(day(2026, 12, 31))),
        suite(7, "300", Some("ACME "), 500.0, Some(16_000.0), Some(day(2024, 6, 30))),
        suite(8, "400", None, 500.0, None, None),
    ]
}

#[test]
fn remaining_years_count_the_end_day_and_stop_at_zero() {
    // 2025-01-01 through 2028-12-31: 365 + 365 + 365 + 366 = 1,461 days = 4 × 365.25.
    close(remaining_years(day(2028, 12, 31), day(2025, 1, 1)), 4.0);
    // Ends the day before: over.
    close(remaining_years(day(2024, 12, 31), day(2025, 1, 1)), 0.0);
    // Ends on as-of: one day left.
    close(remaining_years(day(2025, 1, 1), day(2025, 1, 1)), 1.0 / 365.25);
}

#[test]
fn commercial_occupancy_and_wale() {
    let m = compute(&office(), false, day(2025, 1, 1));
    assert_eq!((m.spaces, m.occupied, m.vacant), (4, 3, 1));
    // Occupied 1,000 + 3,000 + 500 = 4,500 of 5,000 sf.
    close(m.occupied_area_sf, 4_500.0);
    close(m.total_area_sf, 5_000.0);
    close(m.physical_occupancy.unwrap(), 0.9);
    close(m.occupancy_by_count.unwrap(), 0.75);
    // In place 24,000 + 60,000 + 16,000 = 100,000; the vacant suite at market 30 × 500 = 15,000.
    close(m.in_place_rent_annual, 100_000.0);
    close(m.vacant_rent_annual.unwrap(), 15_000.0);
    close(m.economic_occupancy.unwrap(), 100_000.0 / 115_000.0);
    // Remaining: 100 → 4 years; 200 → 2025-01-01..2026-12-31 = 730 days = 730/365.25; 300 → 0.
    let y200 = 730.0 / 365.25;
    close(
        m.wale_by_area_years.unwrap(),
        (1_000.0 * 4.0 + 3_000.0 * y200 + 500.0 * 0.0) / 4_500.0,
    );
    close(
        m.wale_by_rent_years.unwrap(),
        (24_000.0 * 4.0 + 60_000.0 * y200 + 16_000.0 * 0.0) / 100_000.0,
    );
    assert_eq!(m.without_end, 0);
}

#[test]
fn the_expiry_ladder_groups_by_year() {
    let m = compute(&office(), false, day(2025, 1, 1));
    let rows: Vec<(i32, usize, f64, f64)> = m
        .expiry_ladder
        .iter()
        .map(|y| (y.year, y.count, y.area_sf, y.annual_rent))
        .collect();
    assert_eq!(
        rows,
        [
            (2024, 1, 500.0, 16_000.0),
            (2026, 1, 3_000.0, 60_000.0),
            (2028, 1, 1_000.0, 24_000.0)
        ]
    );
}

#[test]
fn top_tenants_group_spellings_and_share_the_rent() {
    let m = compute(&office(), false, day(2025, 1, 1));
    let top: Vec<(&str, usize, f64, f64)> = m
        .top_tenants
        .iter()
        .map(|t| (t.tenant.as_str(), t.spaces, t.annual_rent, t.share.unwrap()))
        .collect();
    // Beta 60,000 / 100,000; Acme and "ACME " are one tenant: 24,000 + 16,000 = 40,000.
    assert_eq!(top, [("Beta", 1, 60_000.0, 0.6), ("Acme", 2, 40_000.0, 0.4)]);
}

#[test]
fn mark_to_market_per_lease_and_in_total() {
    let m = compute(&office(), false, day(2025, 1, 1));
    let mtm = m.mark_to_market.unwrap();
    // 100: market 30 × 1,000 = 30,000 vs 24,000 → +6,000 (+25%); 200: 90,000 vs 60,000 → +30,000
    // (+50%); 300: 15,000 vs 16,000 → −1,000 (−6.25%). The vacant suite is not a lease.
    let per: Vec<(usize, f64, f64)> = mtm
        .leases
        .iter()
        .map(|l| (l.row, l.difference, l.pct.unwrap()))
        .collect();
    assert_eq!(per, [(5, 6_000.0, 0.25), (6, 30_000.0, 0.5), (7, -1_000.0, -0.0625)]);
    close(mtm.in_place_annual, 100_000.0);
    close(mtm.market_annual, 135_000.0);
    close(mtm.difference, 35_000.0);
    close(mtm.pct.unwrap(), 0.35);
    assert_eq!(mtm.without_market, 0);
}

#[test]
fn without_market_rents_there_is_no_mark_to_market_and_no_economic_occupancy() {
    let spaces: Vec<Space> = office()
        .into_iter()
        .map(|s| Space {
            market_annual: None,
            ..s
        })
        .collect();
    let m = compute(&spaces, false, day(2025, 1, 1));
    assert_eq!(m.mark_to_market, None);
    assert_eq!(
        m.vacant_rent_annual, None,
        "the vacant suite has no asking or market rent"
    );
    assert_eq!(m.economic_occupancy, None);
}

fn unit(row: usize, t: &str, area: f64, actual: Option<f64>, market: f64, end: Option<NaiveDate>) -> Space {
    Space {
        row,
        id: Some(format!("{row}")),
        tenant: None,
        unit_type: Some(t.into()),
        area_sf: Some(area),
        vacant: actual.is_none(),
        annual_rent: actual.map(|a| 12.0 * a),
        market_annual: Some(12.0 * market),
        end,
    }
}

#[test]
fn multifamily_unit_mix_and_occupancy() {
    let units = vec![
        unit(2, "1BR", 700.0, Some(1_000.0), 1_100.0, Some(day(2025, 6, 30))),
        unit(3, "1BR", 700.0, None, 1_100.0, None),
        unit(4, "2BR", 1_000.0, Some(1_400.0), 1_500.0, Some(day(2025, 12, 31))),
        unit(5, "2BR", 1_000.0, Some(1_450.0), 1_500.0, Some(day(2026, 3, 31))),
    ];
    let m = compute(&units, true, day(2025, 1, 1));
    // Occupied 700 + 1,000 + 1,000 = 2,700 of 3,400 sf.
    close(m.physical_occupancy.unwrap(), 2_700.0 / 3_400.0);
    // In place 12 × (1,000 + 1,400 + 1,450) = 46,200; the vacant unit at market 12 × 1,100 = 13,200.
    close(m.in_place_rent_annual, 46_200.0);
    close(m.economic_occupancy.unwrap(), 46_200.0 / 59_400.0);
    // Market 12 × (1,100 + 1,500 + 1,500) = 49,200 against 46,200: +3,000.
    let mtm = m.mark_to_market.unwrap();
    close(mtm.difference, 3_000.0);
    close(mtm.pct.unwrap(), 3_000.0 / 46_200.0);
    assert!(m.top_tenants.is_empty());
    let mix: Vec<(&str, usize, usize, f64, f64, f64, f64)> = m
        .unit_mix
        .iter()
        .map(|t| {
            (
                t.unit_type.as_str(),
                t.units,
                t.occupied,
                t.avg_area_sf.unwrap(),
                t.avg_actual_rent.unwrap(),
                t.avg_market_rent.unwrap(),
                t.occupancy,
            )
        })
        .collect();
    // 1BR: one of two occupied at 1,000; 2BR: (1,400 + 1,450) / 2 = 1,425.
    assert_eq!(
        mix,
        [
            ("1BR", 2, 1, 700.0, 1_000.0, 1_100.0, 0.5),
            ("2BR", 2, 2, 1_000.0, 1_425.0, 1_500.0, 1.0)
        ]
    );
    assert_eq!(m.unit_mix[0].rows, [2, 3]);
}
