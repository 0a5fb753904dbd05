//! A property's stored DCF inputs as GraphQL objects (expenses, leasing profiles, loan,
//! assumptions), and `DcfAssumptionsInput`, the per-request overrides of `propertyDcf`.
use super::enums::Recovery;
use crate::services::property_dcf::Assumptions;
use async_graphql::{ID, InputObject, Object, SimpleObject};
use reos_entities::{dcf_assumption, loan, market_leasing_profile, operating_expense};

/// An operating expense line (annual, today's dollars).
pub struct OperatingExpense(pub operating_expense::Model);

#[Object]
impl OperatingExpense {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn annual(&self) -> f64 {
        self.0.annual
    }
    /// Reimbursed by NNN and base-year leases.
    async fn recoverable(&self) -> bool {
        self.0.recoverable
    }
}

/// Market leasing assumptions leases roll over to (docs/dcf.md).
pub struct MarketLeasingProfile(pub market_leasing_profile::Model);

#[Object]
impl MarketLeasingProfile {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    /// The name leases give as `mla`.
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn market_rent_psf(&self) -> f64 {
        self.0.market_rent_psf
    }
    async fn term_years(&self) -> f64 {
        self.0.term_years
    }
    async fn renewal_probability(&self) -> f64 {
        self.0.renewal_probability
    }
    async fn downtime_months(&self) -> i32 {
        self.0.downtime_months
    }
    async fn free_rent_new_months(&self) -> i32 {
        self.0.free_rent_new_months
    }
    async fn free_rent_renewal_months(&self) -> i32 {
        self.0.free_rent_renewal_months
    }
    async fn ti_new_psf(&self) -> f64 {
        self.0.ti_new_psf
    }
    async fn ti_renewal_psf(&self) -> f64 {
        self.0.ti_renewal_psf
    }
    async fn lc_new_pct(&self) -> f64 {
        self.0.lc_new_pct
    }
    async fn lc_renewal_pct(&self) -> f64 {
        self.0.lc_renewal_pct
    }
    async fn escalation_pct(&self) -> f64 {
        self.0.escalation_pct
    }
    async fn recovery(&self) -> Recovery {
        self.0.recovery.into()
    }
}

/// The acquisition loan: `amount` or `ltv` (the other is null).
pub struct Loan(pub loan::Model);

#[Object]
impl Loan {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn amount(&self) -> Option<f64> {
        self.0.amount
    }
    async fn ltv(&self) -> Option<f64> {
        self.0.ltv
    }
    async fn rate(&self) -> f64 {
        self.0.rate
    }
    async fn amortization_years(&self) -> f64 {
        self.0.amortization_years
    }
    async fn io_months(&self) -> i32 {
        self.0.io_months
    }
    /// The lender's name, when recorded.
    async fn lender(&self) -> Option<&str> {
        self.0.lender.as_deref()
    }
    async fn fee_pct(&self) -> f64 {
        self.0.fee_pct
    }
}

/// Stored DCF assumptions of a property.
pub struct DcfAssumptions(pub dcf_assumption::Model);

#[Object]
impl DcfAssumptions {
    /// `YYYY-MM`.
    async fn analysis_start(&self) -> String {
        crate::domain::month::format(self.0.analysis_start)
    }
    async fn hold_years(&self) -> i32 {
        self.0.hold_years
    }
    async fn discount_rate(&self) -> f64 {
        self.0.discount_rate
    }
    async fn equity_discount_rate(&self) -> Option<f64> {
        self.0.equity_discount_rate
    }
    async fn exit_cap_rate(&self) -> f64 {
        self.0.exit_cap_rate
    }
    async fn selling_cost_pct(&self) -> f64 {
        self.0.selling_cost_pct
    }
    async fn closing_cost_pct(&self) -> f64 {
        self.0.closing_cost_pct
    }
    async fn market_rent_growth(&self) -> f64 {
        self.0.market_rent_growth
    }
    async fn expense_growth(&self) -> f64 {
        self.0.expense_growth
    }
    async fn general_vacancy_pct(&self) -> f64 {
        self.0.general_vacancy_pct
    }
    async fn other_income_annual(&self) -> f64 {
        self.0.other_income_annual
    }
    async fn management_fee_pct(&self) -> f64 {
        self.0.management_fee_pct
    }
    async fn capital_reserve_annual(&self) -> f64 {
        self.0.capital_reserve_annual
    }
    async fn turnover_months(&self) -> Option<i32> {
        self.0.turnover_months
    }
    async fn concessions_pct(&self) -> f64 {
        self.0.concessions_pct
    }
    async fn bad_debt_pct(&self) -> f64 {
        self.0.bad_debt_pct
    }
}

/// Everything stored for a property's DCF besides its leases and unit mix.
#[derive(SimpleObject)]
pub struct DcfInputs {
    pub expenses: Vec<OperatingExpense>,
    pub leasing_profiles: Vec<MarketLeasingProfile>,
    pub loan: Option<Loan>,
    pub assumptions: Option<DcfAssumptions>,
}

/// Per-request overrides of a property's stored assumptions (and its price); fields left out keep
/// the stored value.
#[derive(InputObject, Debug, Clone, Default)]
pub struct DcfAssumptionsInput {
    /// `YYYY-MM`.
    pub analysis_start: Option<String>,
    pub hold_years: Option<i32>,
    /// Defaults to the property's purchase price, else its list price.
    pub purchase_price: Option<f64>,
    pub discount_rate: Option<f64>,
    pub equity_discount_rate: Option<f64>,
    pub exit_cap_rate: Option<f64>,
    pub selling_cost_pct: Option<f64>,
    pub closing_cost_pct: Option<f64>,
    pub market_rent_growth: Option<f64>,
    pub expense_growth: Option<f64>,
    pub general_vacancy_pct: Option<f64>,
    pub other_income_annual: Option<f64>,
    pub management_fee_pct: Option<f64>,
    pub capital_reserve_annual: Option<f64>,
    pub turnover_months: Option<i32>,
    pub concessions_pct: Option<f64>,
    pub bad_debt_pct: Option<f64>,
}

impl DcfAssumptionsInput {
    pub fn to_assumptions(&self) -> Assumptions {
        Assumptions {
            analysis_start: self.analysis_start.clone(),
            hold_years: self.hold_years.map(f64::from),
            purchase_price: self.purchase_price,
            discount_rate: self.discount_rate,
            equity_discount_rate: self.equity_discount_rate,
            exit_cap_rate: self.exit_cap_rate,
            selling_cost_pct: self.selling_cost_pct,
            closing_cost_pct: self.closing_cost_pct,
            market_rent_growth: self.market_rent_growth,
            expense_growth: self.expense_growth,
            general_vacancy_pct: self.general_vacancy_pct,
            other_income_annual: self.other_income_annual,
            management_fee_pct: self.management_fee_pct,
            capital_reserve_annual: self.capital_reserve_annual,
            turnover_months: self.turnover_months.map(f64::from),
            concessions_pct: self.concessions_pct,
            bad_debt_pct: self.bad_debt_pct,
        }
    }
}
