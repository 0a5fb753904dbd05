//! The knobs of one engine run: the assumptions Monte Carlo and sensitivity may turn.

use super::model::DcfInput;

/// Assumptions a run may override; everything else comes from the validated input.
/// Exit cap and discount rate are before the hazard adjustment, as in the input.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Knobs {
    pub(super) rent_growth: f64,
    pub(super) expense_growth: f64,
    pub(super) vacancy: f64,
    pub(super) exit_cap: f64,
    pub(super) discount_rate: f64,
    /// Added to every renewal probability (leases' own and MLAs'); 0 in a plain valuation.
    pub(super) renewal_shift: f64,
}

impl Knobs {
    pub(super) fn of(input: &DcfInput) -> Knobs {
        Knobs {
            rent_growth: input.market_rent_growth,
            expense_growth: input.expense_growth,
            vacancy: input.general_vacancy_pct,
            exit_cap: input.exit_cap_rate,
            discount_rate: input.discount_rate,
            renewal_shift: 0.0,
        }
    }
}
