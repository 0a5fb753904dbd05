//! Commercial rent roll: in-place leases, then speculative leases under market leasing
//! assumptions, rolling again and again until past the forward year.

use super::knobs::Knobs;
use super::model::{Commercial, InPlaceLease, Mla, MlaRecovery, Recovery};

/// Monthly commercial income and leasing costs, each of length M.
pub(super) struct RentRoll<'a> {
    pub(super) base_rent: &'a mut [f64],
    pub(super) recoveries: &'a mut [f64],
    pub(super) ti: &'a mut [f64],
    pub(super) lc: &'a mut [f64],
}

/// How a lease segment recovers the pool; `Stop` holds the monthly dollars above which it pays.
#[derive(Clone, Copy)]
enum SegRecovery {
    Nnn,
    Stop(f64),
    Gross,
}

/// One lease's occupancy: months `start..end_excl`, relative to analysis_start.
struct Segment {
    start: i64,
    end_excl: i64,
    monthly_rent: f64,
    escalation: f64,
    free_months: i64,
    recovery: SegRecovery,
}

/// Rounds half up to whole months; a value within 1e-9 of .5 counts as .5 (docs/dcf.md).
pub fn round_half_up(x: f64) -> i64 {
    let floor = x.floor();
    let up = if x - floor >= 0.5 - 1e-9 { 1.0 } else { 0.0 };
    (floor + up) as i64
}

pub(super) fn fill(c: &Commercial, k: &Knobs, rent_factor: &[f64], pool: &[f64], out: &mut RentRoll<'_>) {
    let months = pool.len() as i64;
    for suite in &c.suites {
        let share = suite.area_sf / c.building_area_sf;
        let mla = &c.mlas[suite.mla];
        let (mut next, mut p) = match &suite.lease {
            Some(l) => {
                write(&in_place(l, suite.area_sf), share, pool, out);
                let p = l.renewal_probability.unwrap_or(mla.renewal_probability) + k.renewal_shift;
                (l.end + 1, p)
            }
            // A suite vacant at analysis start is leased to a new tenant at once (p = 0).
            None => (0, 0.0),
        };
        while next < months {
            let start = next + round_half_up((1.0 - p) * mla.downtime_months);
            if start >= months {
                break;
            }
            let seg = speculative(mla, suite.area_sf, share, start, p, rent_factor, pool);
            let m = start as usize;
            out.ti[m] += (p * mla.ti_renewal_psf + (1.0 - p) * mla.ti_new_psf) * suite.area_sf;
            let lc_pct = p * mla.lc_renewal_pct + (1.0 - p) * mla.lc_new_pct;
            out.lc[m] += lc_pct * scheduled_rent(&seg);
            write(&seg, share, pool, out);
            next = seg.end_excl;
            p = mla.renewal_probability + k.renewal_shift;
        }
    }
}

fn in_place(l: &InPlaceLease, area: f64) -> Segment {
    Segment {
        start: l.start,
        end_excl: l.end + 1,
        monthly_rent: l.rent_psf * area / 12.0,
        escalation: l.escalation_pct,
        free_months: i64::from(l.free_rent_months),
        recovery: match l.recovery {
            Recovery::Nnn => SegRecovery::Nnn,
            Recovery::BaseYear { stop_psf } => SegRecovery::Stop(stop_psf * area / 12.0),
            Recovery::Gross => SegRecovery::Gross,
        },
    }
}

fn speculative(mla: &Mla, area: f64, share: f64, start: i64, p: f64, rent_factor: &[f64], pool: &[f64]) -> Segment {
    let m = start as usize;
    let free = p * mla.free_rent_renewal_months + (1.0 - p) * mla.free_rent_new_months;
    Segment {
        start,
        end_excl: start + i64::from(mla.term_months),
        monthly_rent: mla.market_rent_psf * rent_factor[m / 12] * area / 12.0,
        escalation: mla.escalation_pct,
        free_months: round_half_up(free),
        recovery: match mla.recovery {
            MlaRecovery::Nnn => SegRecovery::Nnn,
            // Stop psf = pool(first month) × 12 / building area, so the monthly stop is share × pool.
            MlaRecovery::BaseYear => SegRecovery::Stop(share * pool[m]),
            MlaRecovery::Gross => SegRecovery::Gross,
        },
    }
}

/// Base rent over the whole term before free rent (the LC base).
fn scheduled_rent(seg: &Segment) -> f64 {
    let term = seg.end_excl - seg.start;
    let mut total = 0.0;
    let mut year = 0;
    while 12 * year < term {
        let months = (term - 12 * year).min(12) as f64;
        total += months * seg.monthly_rent * (1.0 + seg.escalation).powi(year as i32);
        year += 1;
    }
    total
}

/// Adds a segment's base rent and recoveries into the months it overlaps. Whole-slice loops
/// with the recovery type decided outside them, so they vectorize.
fn write(seg: &Segment, share: f64, pool: &[f64], out: &mut RentRoll<'_>) {
    let from = seg.start.max(0);
    let to = seg.end_excl.min(pool.len() as i64);
    if from >= to {
        return;
    }
    let mut m = (seg.start + seg.free_months).max(from);
    while m < to {
        let lease_year = (m - seg.start) / 12;
        let chunk_end = (seg.start + 12 * (lease_year + 1)).min(to);
        let rent = seg.monthly_rent * (1.0 + seg.escalation).powi(lease_year as i32);
        for x in &mut out.base_rent[m as usize..chunk_end as usize] {
            *x += rent;
        }
        m = chunk_end;
    }
    let (a, b) = (from as usize, to as usize);
    let months = out.recoveries[a..b].iter_mut().zip(&pool[a..b]);
    match seg.recovery {
        SegRecovery::Nnn => months.for_each(|(r, p)| *r += share * p),
        SegRecovery::Stop(stop) => months.for_each(|(r, p)| *r += (share * p - stop).max(0.0)),
        SegRecovery::Gross => {}
    }
}

#[cfg(test)]
mod tests;
