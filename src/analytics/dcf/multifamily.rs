//! Multifamily rent: unit mix with loss-to-lease burning off as units turn over.

use super::model::Multifamily;

/// Writes gross potential rent per month: units × ((1−φ)·current + φ·market·growth),
/// φ(m) = min((m+1)/T, 1).
pub(super) fn fill(mf: &Multifamily, rent_factor: &[f64], gpr: &mut [f64]) {
    let current: f64 = mf.units.iter().map(|u| u.units * u.current_rent).sum();
    let market: f64 = mf.units.iter().map(|u| u.units * u.market_rent).sum();
    let t = f64::from(mf.turnover_months);
    for (m, out) in gpr.iter_mut().enumerate() {
        let phi = ((m as f64 + 1.0) / t).min(1.0);
        *out = (1.0 - phi) * current + phi * market * rent_factor[m / 12];
    }
}

#[cfg(test)]
mod tests {
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
}
