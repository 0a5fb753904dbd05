//! Unit tests of `analytics::dcf::multifamily`.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use super::super::model::UnitType;
use super::*;

#[test]
fn loss_to_lease_is_gone_after_turnover_months() {
    let mf = Multifamily {
        units: vec![UnitType {
            units: 10.0,
            current_rent: 1000.0,
            market_rent: 1200.0,
        }],
        turnover_months: 12,
        concessions_pct: 0.0,
        bad_debt_pct: 0.0,
    };
    let mut gpr = vec![0.0; 24];
    fill(&mf, &[1.0, 1.1], &mut gpr);
    assert!((gpr[0] - (10.0 * (11.0 / 12.0 * 1000.0 + 1.0 / 12.0 * 1200.0))).abs() < 1e-9);
    assert!((gpr[11] - 12000.0).abs() < 1e-9);
    assert!((gpr[12] - 13200.0).abs() < 1e-9);
}
