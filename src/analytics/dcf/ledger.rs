//! The monthly operating statement: income, expenses, NOI and CFBDS for all M months.

use super::commercial::{self, RentRoll};
use super::knobs::Knobs;
use super::model::{DcfInput, Property};
use super::multifamily;

/// Monthly arrays, each of length M = 12 × (hold + 1).
pub(super) struct Ledger {
    pub(super) base_rent: Vec<f64>,
    pub(super) recoveries: Vec<f64>,
    pub(super) other_income: Vec<f64>,
    pub(super) vacancy_loss: Vec<f64>,
    pub(super) egi: Vec<f64>,
    pub(super) expenses: Vec<f64>,
    pub(super) pool: Vec<f64>,
    pub(super) hazard_opex: Vec<f64>,
    pub(super) management_fee: Vec<f64>,
    pub(super) opex: Vec<f64>,
    pub(super) noi: Vec<f64>,
    pub(super) ti: Vec<f64>,
    pub(super) lc: Vec<f64>,
    pub(super) capital_reserve: Vec<f64>,
    pub(super) cfbds: Vec<f64>,
}

/// Annual hazard opex (seed formula of docs/dcf.md): insurance + mitigation + annual cost.
pub(super) fn hazard_annual(input: &DcfInput) -> f64 {
    input.hazard.map_or(0.0, |h| {
        let s = h.composite_score;
        let insurance_pct = if s < 0.3 {
            0.001
        } else if s < 0.6 {
            0.002
        } else {
            0.004
        };
        input.purchase_price * insurance_pct + input.purchase_price * s * 0.0015 + h.annual_cost
    })
}

/// Growth factor (1+g)^y for each analysis year y = 0..=hold.
fn factors(g: f64, years: usize) -> Vec<f64> {
    (0..years).map(|y| (1.0 + g).powi(y as i32)).collect()
}

pub(super) fn build(input: &DcfInput, k: &Knobs) -> Ledger {
    let n = input.months();
    let rent_f = factors(k.rent_growth, n / 12);
    let exp_f = factors(k.expense_growth, n / 12);
    let lines: f64 = input.expenses.iter().map(|e| e.annual).sum::<f64>() / 12.0;
    let recoverable: f64 = input
        .expenses
        .iter()
        .filter(|e| e.recoverable)
        .map(|e| e.annual)
        .sum::<f64>()
        / 12.0;
    let hazard = hazard_annual(input) / 12.0;
    let reserve = input.capital_reserve_annual / 12.0;
    let other = input.other_income_annual / 12.0;
    let zeros = || vec![0.0; n];
    let mut l = Ledger {
        base_rent: zeros(),
        recoveries: zeros(),
        other_income: zeros(),
        vacancy_loss: zeros(),
        egi: zeros(),
        expenses: zeros(),
        pool: zeros(),
        hazard_opex: zeros(),
        management_fee: zeros(),
        opex: zeros(),
        noi: zeros(),
        ti: zeros(),
        lc: zeros(),
        capital_reserve: zeros(),
        cfbds: zeros(),
    };
    for m in 0..n {
        let y = m / 12;
        l.expenses[m] = lines * exp_f[y];
        l.pool[m] = recoverable * exp_f[y];
        l.hazard_opex[m] = hazard * exp_f[y];
        l.capital_reserve[m] = reserve * exp_f[y];
        l.other_income[m] = other * rent_f[y];
    }
    // Share of scheduled income lost to vacancy, concessions and bad debt.
    let loss_pct = match &input.property {
        Property::Commercial(c) => {
            let mut roll = RentRoll {
                base_rent: &mut l.base_rent,
                recoveries: &mut l.recoveries,
                ti: &mut l.ti,
                lc: &mut l.lc,
            };
            commercial::fill(c, k, &rent_f, &l.pool, &mut roll);
            k.vacancy
        }
        Property::Multifamily(mf) => {
            multifamily::fill(mf, &rent_f, &mut l.base_rent);
            k.vacancy + mf.concessions_pct + mf.bad_debt_pct
        }
    };
    for m in 0..n {
        l.vacancy_loss[m] = loss_pct * (l.base_rent[m] + l.recoveries[m]);
        l.egi[m] = l.base_rent[m] + l.recoveries[m] + l.other_income[m] - l.vacancy_loss[m];
        l.management_fee[m] = input.management_fee_pct * l.egi[m];
        l.opex[m] = l.expenses[m] + l.hazard_opex[m] + l.management_fee[m];
        l.noi[m] = l.egi[m] - l.opex[m];
        l.cfbds[m] = l.noi[m] - l.ti[m] - l.lc[m] - l.capital_reserve[m];
    }
    l
}
