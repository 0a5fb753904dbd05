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
mod tests;
