//! Reversion, unlevered and levered cash flows, and the return metrics of docs/dcf.md.

use super::debt::DebtSchedule;
use super::irr::{irr, npv};
use super::knobs::Knobs;
use super::ledger::Ledger;
use super::model::DcfInput;
use super::output::{DcfResult, MonthRow, ValueOptions, YearRow};

fn year_sum(v: &[f64], year: usize) -> f64 {
    v[12 * year..12 * year + 12].iter().sum()
}

fn year_rows(l: &Ledger, debt: Option<&DebtSchedule>, hold: usize) -> Vec<YearRow> {
    (0..hold)
        .map(|y| YearRow {
            year: y as u32 + 1,
            base_rent: year_sum(&l.base_rent, y),
            recoveries: year_sum(&l.recoveries, y),
            other_income: year_sum(&l.other_income, y),
            egi: year_sum(&l.egi, y),
            opex: year_sum(&l.opex, y),
            noi: year_sum(&l.noi, y),
            ti: year_sum(&l.ti, y),
            lc: year_sum(&l.lc, y),
            capital_reserve: year_sum(&l.capital_reserve, y),
            cfbds: year_sum(&l.cfbds, y),
            debt_service: debt.map_or(0.0, |d| year_sum(&d.payments, y)),
        })
        .collect()
}

pub(super) fn assemble(
    input: &DcfInput,
    k: &Knobs,
    l: &Ledger,
    debt: Option<&DebtSchedule>,
    options: ValueOptions,
) -> DcfResult {
    let hold = input.hold_years as usize;
    let score = input.hazard.map_or(0.0, |h| h.composite_score);
    let exit_cap_rate = k.exit_cap + score * 0.005;
    let discount_rate = k.discount_rate + score * 0.01;
    let years = year_rows(l, debt, hold);
    let forward_noi = year_sum(&l.noi, hold);
    let gross_sale_price = forward_noi / exit_cap_rate;
    let net_sale_proceeds = gross_sale_price * (1.0 - input.selling_cost_pct);

    let acquisition = input.purchase_price * (1.0 + input.closing_cost_pct);
    let loan_amount = input.loan.map_or(0.0, |x| x.amount);
    let fee = input.loan.map_or(0.0, |x| x.fee_pct * x.amount);
    let loan_balance_at_sale = debt.map_or(0.0, |d| d.balance_at_sale);
    let equity = acquisition - loan_amount + fee;

    let mut unlevered = Vec::with_capacity(hold + 1);
    let mut levered = Vec::with_capacity(hold + 1);
    unlevered.push(-acquisition);
    levered.push(-equity);
    for y in &years {
        unlevered.push(y.cfbds);
        levered.push(y.cfbds - y.debt_service);
    }
    unlevered[hold] += net_sale_proceeds;
    levered[hold] += net_sale_proceeds - loan_balance_at_sale;

    let npv_u = npv(discount_rate, &unlevered);
    let irr_u = irr(&unlevered);
    let irr_l = irr(&levered);
    let noi_year1 = years[0].noi;
    let (equity_multiple, cash_on_cash_year1) = if equity > 0.0 {
        (
            Some(levered[1..].iter().sum::<f64>() / equity),
            Some(levered[1] / equity),
        )
    } else {
        (None, None)
    };
    let dscrs: Vec<f64> = years
        .iter()
        .filter(|y| y.debt_service > 0.0)
        .map(|y| y.noi / y.debt_service)
        .collect();
    let dscr_min = dscrs.iter().copied().reduce(f64::min);
    let dscr_avg = (!dscrs.is_empty()).then(|| dscrs.iter().sum::<f64>() / dscrs.len() as f64);
    let levered_npv = match (input.loan, input.equity_discount_rate) {
        (Some(_), Some(r)) => Some(npv(r, &levered)),
        _ => None,
    };
    DcfResult {
        noi_year1,
        forward_noi,
        exit_cap_rate,
        discount_rate,
        gross_sale_price,
        net_sale_proceeds,
        loan_amount,
        loan_balance_at_sale,
        npv: npv_u,
        dcf_value: npv_u + acquisition,
        unlevered_irr: irr_u.rate,
        levered_irr: irr_l.rate,
        unlevered_irr_multiple_roots: irr_u.multiple_sign_changes,
        levered_irr_multiple_roots: irr_l.multiple_sign_changes,
        equity_multiple,
        cash_on_cash_year1,
        going_in_cap_rate: noi_year1 / input.purchase_price,
        dscr_min,
        dscr_avg,
        debt_yield: input.loan.map(|x| noi_year1 / x.amount),
        levered_npv,
        unlevered_cash_flows: unlevered,
        levered_cash_flows: levered,
        years,
        ledger: options.ledger.then(|| month_rows(input, l, debt)),
    }
}

fn month_rows(input: &DcfInput, l: &Ledger, debt: Option<&DebtSchedule>) -> Vec<MonthRow> {
    (0..input.months())
        .map(|m| {
            let idx = input.start_month_index + m as i64;
            let date = format!("{:04}-{:02}", idx.div_euclid(12), idx.rem_euclid(12) + 1);
            let (debt_service, loan_balance) = match debt {
                Some(d) if m < d.payments.len() => (d.payments[m], d.balances[m]),
                _ => (0.0, 0.0),
            };
            MonthRow {
                month: m,
                date,
                base_rent: l.base_rent[m],
                recoveries: l.recoveries[m],
                other_income: l.other_income[m],
                vacancy_loss: l.vacancy_loss[m],
                egi: l.egi[m],
                expenses: l.expenses[m],
                recoverable_pool: l.pool[m],
                hazard_opex: l.hazard_opex[m],
                management_fee: l.management_fee[m],
                opex: l.opex[m],
                noi: l.noi[m],
                ti: l.ti[m],
                lc: l.lc[m],
                capital_reserve: l.capital_reserve[m],
                cfbds: l.cfbds[m],
                debt_service,
                loan_balance,
            }
        })
        .collect()
}
