//! Loan schedule: interest-only months, then level amortization with the final-payment rule.

use super::model::Loan;

/// Below this rate the annuity formula loses precision, so the principal is spread evenly (L / n).
const ZERO_RATE: f64 = 1e-12;

/// Monthly debt service for the hold months and the balance repaid at sale.
pub(super) struct DebtSchedule {
    pub(super) payments: Vec<f64>,
    pub(super) balances: Vec<f64>,
    pub(super) balance_at_sale: f64,
}

/// Level monthly payment that retires `amount` over `n` months at annual `rate` (L / n at 0%).
pub fn level_payment(amount: f64, rate: f64, n: u32) -> f64 {
    let i = rate / 12.0;
    if i.abs() < ZERO_RATE {
        amount / f64::from(n)
    } else {
        amount * i / (1.0 - (1.0 + i).powi(-(n as i32)))
    }
}

pub(super) fn schedule(loan: &Loan, hold_months: usize) -> DebtSchedule {
    let i = loan.rate / 12.0;
    let payment = level_payment(loan.amount, loan.rate, loan.amortization_months);
    // A residue this small after the last scheduled payment is float noise, not principal.
    let dust = loan.amount * 1e-9;
    let mut balance = loan.amount;
    let mut payments = Vec::with_capacity(hold_months);
    let mut balances = Vec::with_capacity(hold_months);
    for m in 0..hold_months {
        let paid = if balance <= 0.0 {
            0.0
        } else if m < loan.io_months as usize {
            balance * i
        } else {
            let after = balance * (1.0 + i) - payment;
            if after <= dust {
                let last = balance * (1.0 + i);
                balance = 0.0;
                last
            } else {
                balance = after;
                payment
            }
        };
        payments.push(paid);
        balances.push(balance);
    }
    DebtSchedule {
        payments,
        balances,
        balance_at_sale: balance,
    }
}

#[cfg(test)]
mod tests;
