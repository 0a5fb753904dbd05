//! `DcfResult`: the DCF engine's result (docs/dcf.md output) in camelCase, with yearly rows and
//! the monthly ledger, which resolvers compute only when it is selected.
use crate::analytics::dcf;
use async_graphql::SimpleObject;

/// One valuation (docs/dcf.md). Rates are fractions; money in currency units.
#[derive(SimpleObject, Debug, Clone)]
pub struct DcfResult {
    pub noi_year1: f64,
    pub forward_noi: f64,
    /// Hazard-adjusted exit cap actually used.
    pub exit_cap_rate: f64,
    /// Hazard-adjusted unlevered discount rate actually used.
    pub discount_rate: f64,
    pub gross_sale_price: f64,
    pub net_sale_proceeds: f64,
    pub loan_amount: f64,
    pub loan_balance_at_sale: f64,
    /// Year 0 (purchase) to the hold year.
    pub unlevered_cash_flows: Vec<f64>,
    pub levered_cash_flows: Vec<f64>,
    pub npv: f64,
    /// NPV + acquisition cost.
    pub dcf_value: f64,
    /// Null when the flows never change sign.
    pub unlevered_irr: Option<f64>,
    pub levered_irr: Option<f64>,
    /// True when the flows change sign more than once (the IRR is the lowest root above -99%).
    pub unlevered_irr_multiple_roots: bool,
    pub levered_irr_multiple_roots: bool,
    /// Null when equity is not an outlay.
    pub equity_multiple: Option<f64>,
    pub cash_on_cash_year1: Option<f64>,
    pub going_in_cap_rate: f64,
    /// Null when no hold year has debt service.
    pub dscr_min: Option<f64>,
    pub dscr_avg: Option<f64>,
    /// Null without a loan.
    pub debt_yield: Option<f64>,
    /// Null without a loan or an equity discount rate.
    pub levered_npv: Option<f64>,
    pub years: Vec<DcfYear>,
    /// Every month of the projection (forward year included); computed only when selected.
    pub ledger: Option<Vec<DcfMonth>>,
}

/// Annual operating statement of hold year `year` (1-based).
#[derive(SimpleObject, Debug, Clone, Copy)]
pub struct DcfYear {
    pub year: i32,
    pub base_rent: f64,
    pub recoveries: f64,
    pub other_income: f64,
    pub egi: f64,
    pub opex: f64,
    pub noi: f64,
    pub ti: f64,
    pub lc: f64,
    pub capital_reserve: f64,
    pub cfbds: f64,
    pub debt_service: f64,
}

/// One month of the ledger.
#[derive(SimpleObject, Debug, Clone)]
pub struct DcfMonth {
    /// 0-based month index from analysisStart.
    pub month: i32,
    /// `YYYY-MM`.
    pub date: String,
    pub base_rent: f64,
    pub recoveries: f64,
    pub other_income: f64,
    /// General vacancy and credit loss (multifamily: also concessions and bad debt).
    pub vacancy_loss: f64,
    pub egi: f64,
    pub expenses: f64,
    pub recoverable_pool: f64,
    pub hazard_opex: f64,
    pub management_fee: f64,
    pub opex: f64,
    pub noi: f64,
    pub ti: f64,
    pub lc: f64,
    pub capital_reserve: f64,
    pub cfbds: f64,
    pub debt_service: f64,
    pub loan_balance: f64,
}

/// Month and year counts are bounded by the engine (hold ≤ 30 years), so they fit in an `Int`.
fn small(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

impl From<dcf::YearRow> for DcfYear {
    fn from(y: dcf::YearRow) -> Self {
        DcfYear {
            year: i32::try_from(y.year).unwrap_or(i32::MAX),
            base_rent: y.base_rent,
            recoveries: y.recoveries,
            other_income: y.other_income,
            egi: y.egi,
            opex: y.opex,
            noi: y.noi,
            ti: y.ti,
            lc: y.lc,
            capital_reserve: y.capital_reserve,
            cfbds: y.cfbds,
            debt_service: y.debt_service,
        }
    }
}

impl From<dcf::MonthRow> for DcfMonth {
    fn from(m: dcf::MonthRow) -> Self {
        DcfMonth {
            month: small(m.month),
            date: m.date,
            base_rent: m.base_rent,
            recoveries: m.recoveries,
            other_income: m.other_income,
            vacancy_loss: m.vacancy_loss,
            egi: m.egi,
            expenses: m.expenses,
            recoverable_pool: m.recoverable_pool,
            hazard_opex: m.hazard_opex,
            management_fee: m.management_fee,
            opex: m.opex,
            noi: m.noi,
            ti: m.ti,
            lc: m.lc,
            capital_reserve: m.capital_reserve,
            cfbds: m.cfbds,
            debt_service: m.debt_service,
            loan_balance: m.loan_balance,
        }
    }
}

impl From<dcf::DcfResult> for DcfResult {
    fn from(r: dcf::DcfResult) -> Self {
        DcfResult {
            noi_year1: r.noi_year1,
            forward_noi: r.forward_noi,
            exit_cap_rate: r.exit_cap_rate,
            discount_rate: r.discount_rate,
            gross_sale_price: r.gross_sale_price,
            net_sale_proceeds: r.net_sale_proceeds,
            loan_amount: r.loan_amount,
            loan_balance_at_sale: r.loan_balance_at_sale,
            unlevered_cash_flows: r.unlevered_cash_flows,
            levered_cash_flows: r.levered_cash_flows,
            npv: r.npv,
            dcf_value: r.dcf_value,
            unlevered_irr: r.unlevered_irr,
            levered_irr: r.levered_irr,
            unlevered_irr_multiple_roots: r.unlevered_irr_multiple_roots,
            levered_irr_multiple_roots: r.levered_irr_multiple_roots,
            equity_multiple: r.equity_multiple,
            cash_on_cash_year1: r.cash_on_cash_year1,
            going_in_cap_rate: r.going_in_cap_rate,
            dscr_min: r.dscr_min,
            dscr_avg: r.dscr_avg,
            debt_yield: r.debt_yield,
            levered_npv: r.levered_npv,
            years: r.years.into_iter().map(DcfYear::from).collect(),
            ledger: r.ledger.map(|l| l.into_iter().map(DcfMonth::from).collect()),
        }
    }
}
