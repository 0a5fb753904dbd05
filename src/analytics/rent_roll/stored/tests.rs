//! Unit tests of `analytics::rent_roll::stored`: a property's leases and a unit mix against
//! hand-computed metrics (the arithmetic is in the comments).
#![allow(clippy::unwrap_used)]
use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

#[test]
fn lease_years_and_month_ends() {
    assert_eq!(lease_years(d(2023, 1, 1), d(2025, 7, 1)), 2); // 30 months
    assert_eq!(lease_years(d(2023, 1, 1), d(2024, 1, 31)), 1); // 12 months
    assert_eq!(lease_years(d(2023, 1, 1), d(2023, 12, 31)), 0);
    assert_eq!(lease_years(d(2026, 1, 1), d(2025, 7, 1)), 0); // not started
    assert_eq!(month_end(d(2026, 2, 1)), d(2026, 2, 28));
    assert_eq!(month_end(d(2024, 2, 1)), d(2024, 2, 29));
    assert_eq!(month_end(d(2027, 12, 1)), d(2027, 12, 31));
}

/// Two leases and a vacant suite at 2025-07-01.
fn leases() -> Vec<StoredLease> {
    vec![
        StoredLease {
            suite: Some("100".into()),
            tenant: Some("Acme".into()),
            area_sf: 1_000.0,
            start_month: Some(d(2023, 1, 1)),
            end_month: Some(d(2027, 12, 1)),
            rent_psf: Some(30.0),
            escalation_pct: 0.03,
            market_rent_psf: Some(32.0),
            ..StoredLease::default()
        },
        StoredLease {
            suite: Some("200".into()),
            tenant: Some("Beta".into()),
            area_sf: 2_000.0,
            start_month: Some(d(2025, 3, 1)),
            end_month: Some(d(2026, 2, 1)),
            rent_psf: Some(20.0),
            ..StoredLease::default()
        },
        StoredLease {
            suite: Some("300".into()),
            vacant: true,
            area_sf: 1_000.0,
            market_rent_psf: Some(25.0),
            ..StoredLease::default()
        },
    ]
}

#[test]
fn a_propertys_leases_by_hand() {
    let m = lease_metrics(&leases(), d(2025, 7, 1));
    // Acme: 2023-01 → 2025-07 is 30 months, 2 whole lease years: 30 × 1,000 × 1.03² = 31,827.00.
    // Beta: started 2025-03, no escalation yet: 20 × 2,000 = 40,000. R = 71,827.
    // Vacant 300 at its profile's market: 25 × 1,000 = 25,000 = V.
    assert_eq!((m.spaces, m.occupied, m.vacant), (3, 2, 1));
    close(m.in_place_rent_annual, 71_827.0);
    close(m.vacant_rent_annual.unwrap(), 25_000.0);
    close(m.physical_occupancy.unwrap(), 3_000.0 / 4_000.0);
    close(m.economic_occupancy.unwrap(), 71_827.0 / 96_827.0);
    // Remaining days (the end day counts): Acme 2025-07-01..2027-12-31 = 730 + 183 + 1 = 914;
    // Beta 2025-07-01..2026-02-28 = 242 + 1 = 243.
    let (acme, beta) = (914.0 / 365.25, 243.0 / 365.25);
    close(
        m.wale_by_area_years.unwrap(),
        (1_000.0 * acme + 2_000.0 * beta) / 3_000.0,
    );
    close(
        m.wale_by_rent_years.unwrap(),
        (31_827.0 * acme + 40_000.0 * beta) / 71_827.0,
    );
    let ladder: Vec<(i32, usize, f64, f64)> = m
        .expiry_ladder
        .iter()
        .map(|y| (y.year, y.count, y.area_sf, y.annual_rent))
        .collect();
    assert_eq!(ladder, [(2026, 1, 2_000.0, 40_000.0), (2027, 1, 1_000.0, 31_827.0)]);
    let top: Vec<(&str, f64)> = m
        .top_tenants
        .iter()
        .map(|t| (t.tenant.as_str(), t.annual_rent))
        .collect();
    assert_eq!(top, [("Beta", 40_000.0), ("Acme", 31_827.0)]);
    close(m.top_tenants[0].share.unwrap(), 40_000.0 / 71_827.0);
    // Mark-to-market: only Acme has a market rent: 32,000 − 31,827 = 173 (173 / 31,827).
    let mtm = m.mark_to_market.unwrap();
    assert_eq!((mtm.leases.len(), mtm.without_market), (1, 1));
    assert_eq!((mtm.leases[0].row, mtm.leases[0].id.as_deref()), (1, Some("100")));
    close(mtm.difference, 173.0);
    close(mtm.pct.unwrap(), 173.0 / 31_827.0);
}

#[test]
fn a_unit_mix_by_hand() {
    let types = [
        StoredUnitType {
            unit_type: "1BR".into(),
            units: 10,
            avg_area_sf: Some(700.0),
            current_rent: 1_500.0,
            market_rent: 1_600.0,
        },
        StoredUnitType {
            unit_type: "2BR".into(),
            units: 5,
            avg_area_sf: Some(1_000.0),
            current_rent: 2_000.0,
            market_rent: 1_900.0,
        },
    ];
    let m = unit_mix_metrics(&types, d(2025, 7, 1));
    // 15 units, 10 × 700 + 5 × 1,000 = 12,000 sf; in place 12 × (10 × 1,500 + 5 × 2,000) =
    // 300,000; market 12 × (10 × 1,600 + 5 × 1,900) = 306,000: +6,000 (+2%).
    assert_eq!((m.spaces, m.occupied, m.vacant), (15, 15, 0));
    close(m.total_area_sf, 12_000.0);
    close(m.in_place_rent_annual, 300_000.0);
    assert_eq!(m.physical_occupancy, None);
    assert_eq!(m.economic_occupancy, None);
    assert_eq!(m.wale_by_area_years, None);
    assert!(m.expiry_ladder.is_empty() && m.top_tenants.is_empty());
    let mtm = m.mark_to_market.unwrap();
    close(mtm.difference, 6_000.0);
    close(mtm.pct.unwrap(), 0.02);
    // 2BR: 120,000 in place against 114,000 market.
    close(mtm.leases[1].difference, -6_000.0);
    let mix: Vec<(&str, usize, Option<f64>)> = m
        .unit_mix
        .iter()
        .map(|t| (t.unit_type.as_str(), t.units, t.avg_actual_rent))
        .collect();
    assert_eq!(mix, [("1BR", 10, Some(1_500.0)), ("2BR", 5, Some(2_000.0))]);
}

#[test]
fn unit_leases_by_hand() {
    let unit = |u: &str, t: &str, vacant: bool, rent: Option<f64>, market: f64, end: Option<NaiveDate>| StoredUnit {
        unit: u.into(),
        unit_type: Some(t.into()),
        resident: (!vacant).then(|| format!("resident {u}")),
        vacant,
        area_sf: Some(if t == "1BR" { 700.0 } else { 1000.0 }),
        monthly_rent: rent,
        market_rent: Some(market),
        end,
    };
    let units = [
        unit("101", "1BR", false, Some(1200.0), 1300.0, Some(d(2026, 6, 30))),
        unit("102", "1BR", false, Some(1250.0), 1300.0, Some(d(2027, 6, 30))),
        unit("201", "2BR", false, Some(1800.0), 1900.0, Some(d(2026, 12, 31))),
        unit("202", "2BR", true, None, 1900.0, Some(d(2025, 1, 31))),
    ];
    let m = unit_metrics(&units, d(2026, 1, 1));
    assert_eq!((m.spaces, m.occupied, m.vacant), (4, 3, 1));
    close(m.total_area_sf, 3400.0);
    close(m.physical_occupancy.unwrap(), 2400.0 / 3400.0);
    // in place 12 × (1200 + 1250 + 1800) = 51,000; the vacant unit at market 12 × 1900 = 22,800.
    close(m.in_place_rent_annual, 51_000.0);
    close(m.economic_occupancy.unwrap(), 51_000.0 / 73_800.0);
    // A vacant unit has no lease end: the ladder has only the three occupied ones.
    assert_eq!(m.expiry_ladder.iter().map(|y| y.count).sum::<usize>(), 3);
    assert_eq!(m.without_end, 0);
    let two = m.unit_mix.iter().find(|t| t.unit_type == "2BR").unwrap();
    assert_eq!((two.units, two.occupied), (2, 1));
    close(two.avg_actual_rent.unwrap(), 1800.0);
    close(two.avg_market_rent.unwrap(), 1900.0);
    let one = m.unit_mix.iter().find(|t| t.unit_type == "1BR").unwrap();
    close(one.avg_actual_rent.unwrap(), 1225.0);
}

#[test]
fn one_unit_replaced_in_an_average() {
    // 100 units at 1,500 on average; one taken at the average now rents for 1,800: +3 on average.
    close(replaced_average(1500.0, 100, 1500.0, 1800.0), 1503.0);
    // A unit whose stored rent was 1,200 now rents for 1,300 among 4: +25.
    close(replaced_average(1250.0, 4, 1200.0, 1300.0), 1275.0);
    close(replaced_average(0.0, 0, 0.0, 990.0), 990.0);
}
