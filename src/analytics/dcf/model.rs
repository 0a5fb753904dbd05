//! Validated input types: built only by `DcfInput::from_raw`, so the engine never re-checks them.

/// A checked valuation request (see docs/dcf.md). Construct with `from_json_str` or `from_raw`.
#[derive(Debug, Clone, PartialEq)]
pub struct DcfInput {
    /// Months since year 0 of `analysis_start` (year × 12 + month − 1).
    pub(super) start_month_index: i64,
    pub(super) hold_years: u32,
    pub(super) purchase_price: f64,
    pub(super) closing_cost_pct: f64,
    pub(super) discount_rate: f64,
    pub(super) equity_discount_rate: Option<f64>,
    pub(super) exit_cap_rate: f64,
    pub(super) selling_cost_pct: f64,
    pub(super) market_rent_growth: f64,
    pub(super) expense_growth: f64,
    pub(super) general_vacancy_pct: f64,
    pub(super) other_income_annual: f64,
    pub(super) expenses: Vec<Expense>,
    pub(super) management_fee_pct: f64,
    pub(super) capital_reserve_annual: f64,
    pub(super) loan: Option<Loan>,
    pub(super) hazard: Option<Hazard>,
    pub(super) property: Property,
}

impl DcfInput {
    /// Whole years held (1..=30).
    pub fn hold_years(&self) -> u32 {
        self.hold_years
    }

    /// Number of projected months: the hold plus the forward year.
    pub fn months(&self) -> usize {
        12 * (self.hold_years as usize + 1)
    }

    /// `analysis_start` as `(year, month 1..=12)`.
    pub fn analysis_start(&self) -> (i64, u32) {
        let y = self.start_month_index.div_euclid(12);
        let m = self.start_month_index.rem_euclid(12) as u32 + 1;
        (y, m)
    }

    pub fn purchase_price(&self) -> f64 {
        self.purchase_price
    }

    pub fn has_loan(&self) -> bool {
        self.loan.is_some()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Expense {
    pub(super) annual: f64,
    pub(super) recoverable: bool,
}

/// Loan with its amount resolved (from `amount` or `ltv × price`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Loan {
    pub(super) amount: f64,
    pub(super) rate: f64,
    pub(super) amortization_months: u32,
    pub(super) io_months: u32,
    pub(super) fee_pct: f64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Hazard {
    pub(super) composite_score: f64,
    pub(super) annual_cost: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Property {
    Commercial(Commercial),
    Multifamily(Multifamily),
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Commercial {
    pub(super) building_area_sf: f64,
    pub(super) suites: Vec<Suite>,
    pub(super) mlas: Vec<Mla>,
}

/// A suite: its in-place lease (none when vacant at analysis start) and the MLA it rolls to.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Suite {
    pub(super) area_sf: f64,
    pub(super) mla: usize,
    pub(super) lease: Option<InPlaceLease>,
}

/// Months are relative to analysis_start (month 0); `end` is inclusive.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct InPlaceLease {
    pub(super) start: i64,
    pub(super) end: i64,
    pub(super) rent_psf: f64,
    pub(super) escalation_pct: f64,
    pub(super) free_rent_months: u32,
    pub(super) recovery: Recovery,
    pub(super) renewal_probability: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Recovery {
    Nnn,
    BaseYear { stop_psf: f64 },
    Gross,
}

/// Recovery type of a speculative lease; its base-year stop is set when it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum MlaRecovery {
    Nnn,
    BaseYear,
    Gross,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Mla {
    pub(super) market_rent_psf: f64,
    pub(super) term_months: u32,
    pub(super) renewal_probability: f64,
    pub(super) downtime_months: f64,
    pub(super) free_rent_new_months: f64,
    pub(super) free_rent_renewal_months: f64,
    pub(super) ti_new_psf: f64,
    pub(super) ti_renewal_psf: f64,
    pub(super) lc_new_pct: f64,
    pub(super) lc_renewal_pct: f64,
    pub(super) escalation_pct: f64,
    pub(super) recovery: MlaRecovery,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Multifamily {
    pub(super) units: Vec<UnitType>,
    pub(super) turnover_months: u32,
    pub(super) concessions_pct: f64,
    pub(super) bad_debt_pct: f64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct UnitType {
    pub(super) units: f64,
    pub(super) current_rent: f64,
    pub(super) market_rent: f64,
}
