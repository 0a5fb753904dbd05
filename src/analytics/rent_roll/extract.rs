//! The values of one kept row, by the plan: parsed strictly, each refused or missing value a
//! problem naming the row and the column, and the space the metrics read.
use super::grid::{Cell, Row};
use super::header::Header;
use super::metrics::Space;
use super::model::{CommercialValues, MultifamilyValues, Problem};
use super::plan::{Field, Plan};
use super::rows::{Status, status, vacant_marker};
use super::values::{self, ValueError};
use chrono::NaiveDate;

/// A row's problems, each naming the row and the column.
pub struct Found<'a> {
    row: &'a Row,
    header: &'a Header,
    plan: &'a Plan,
    pub problems: Vec<Problem>,
}

impl<'a> Found<'a> {
    pub fn new(row: &'a Row, header: &'a Header, plan: &'a Plan) -> Self {
        Found {
            row,
            header,
            plan,
            problems: Vec::new(),
        }
    }

    fn cell(&self, f: Field) -> Option<(usize, &'a Cell)> {
        self.plan.col(f).map(|c| (c, self.row.cell(c)))
    }

    /// Records a problem at `f`'s column (or the field's name when the roll has no such column).
    pub fn push(&mut self, f: Field, code: &'static str, message: String, blocking: bool) {
        let column = match self.plan.col(f) {
            Some(c) => self.header.name(c),
            None => f.as_str().to_owned(),
        };
        self.problems.push(Problem {
            row: Some(self.row.number),
            message: format!("row {}, column \"{column}\": {message}", self.row.number),
            column: Some(column),
            code,
            blocking,
        });
    }

    fn parsed<T>(
        &mut self,
        f: Field,
        parse: impl Fn(&Cell) -> Result<Option<T>, ValueError>,
        blocking: bool,
    ) -> Option<T> {
        let (_, cell) = self.cell(f)?;
        match parse(cell) {
            Ok(v) => v,
            Err(e) => {
                self.push(f, e.code, e.message, blocking);
                None
            }
        }
    }

    fn text(&self, f: Field) -> Option<String> {
        self.cell(f).and_then(|(_, c)| values::text(c))
    }

    /// A tenant's or resident's name, footnote marks removed.
    fn name(&self, f: Field) -> Option<String> {
        self.cell(f).and_then(|(_, c)| values::name(c))
    }

    /// An amount that must not be negative (`negative_value`, blocking).
    fn amount(
        &mut self,
        f: Field,
        parse: impl Fn(&Cell) -> Result<Option<f64>, ValueError>,
        blocking: bool,
    ) -> Option<f64> {
        let v = self.parsed(f, parse, blocking)?;
        if v < 0.0 {
            self.push(f, "negative_value", format!("{v} is negative"), true);
            return None;
        }
        Some(v)
    }

    fn date(&mut self, f: Field, blocking: bool) -> Option<NaiveDate> {
        let style = self.plan.date_style(f);
        self.parsed(f, |c| values::date(c, style), blocking)
    }

    /// Whether a problem is already recorded at `f`'s column.
    fn has_problem(&self, f: Field) -> bool {
        let name = self.plan.col(f).map(|c| self.header.name(c));
        name.is_some() && self.problems.iter().any(|p| p.column == name)
    }

    /// A missing value of a column the roll has (not when the cell was already refused).
    fn require(&mut self, f: Field, present: bool, why: &str) {
        if !present && self.plan.has(f) && !self.has_problem(f) {
            self.push(f, "missing_value", format!("{} is required {why}", f.as_str()), true);
        }
    }
}

/// A commercial row's values and its space.
pub fn commercial(found: &mut Found<'_>, market_psf: Option<f64>) -> (CommercialValues, Space) {
    let tenant_text = found.name(Field::Tenant);
    let vacant = tenant_text.as_deref().is_none_or(vacant_marker);
    let occupied = !vacant;
    let tenant = tenant_text.filter(|_| occupied);
    let suite = found.text(Field::Suite);
    let area = found.amount(Field::AreaSf, values::area, true);
    let annual = found.amount(Field::AnnualRent, values::money, occupied);
    let monthly = found.amount(Field::MonthlyRent, values::money, occupied);
    let psf = found.amount(Field::RentPsfAnnual, values::money_psf, occupied);
    let psf_mo = found.amount(Field::RentPsfMonthly, values::money_psf, occupied);
    let candidates = [
        (Field::AnnualRent, annual),
        (Field::MonthlyRent, monthly.map(|m| 12.0 * m)),
        (Field::RentPsfAnnual, psf.zip(area).map(|(p, a)| p * a)),
        (Field::RentPsfMonthly, psf_mo.zip(area).map(|(p, a)| 12.0 * p * a)),
    ];
    let derived = candidates.iter().find_map(|(f, v)| v.map(|v| (*f, v)));
    if let Some((from, value)) = derived {
        for (f, other) in candidates.iter().filter(|(f, _)| *f != from) {
            if let Some(o) = other
                && (o - value).abs() > (0.01 * value.abs()).max(1.0)
            {
                found.push(
                    *f,
                    "inconsistent_rent",
                    format!(
                        "implies an annual rent of {o:.2}, but column \"{}\" gives {value:.2} (that one is used)",
                        found
                            .plan
                            .col(from)
                            .map_or_else(|| from.as_str().to_owned(), |c| found.header.name(c))
                    ),
                    false,
                );
            }
        }
    }
    let start = found.date(Field::Start, occupied);
    let end = match found
        .cell(Field::End)
        .map(|(_, c)| values::date(c, found.plan.date_style(Field::End)))
    {
        Some(Err(e)) if e.code == "month_to_month" && occupied => {
            found.push(
                Field::End,
                e.code,
                format!("{}: a lease needs an end date", e.message),
                true,
            );
            None
        }
        Some(Err(e)) => {
            found.push(Field::End, e.code, e.message, occupied);
            None
        }
        Some(Ok(v)) => v,
        None => None,
    };
    // Escalations are written many ways ("Fixed", "CPI", "$0.50/sf"); one that is not a
    // percentage is a warning: the lease keeps its stored escalation (none for a new one).
    let escalation = found.parsed(Field::EscalationPct, values::percent, false);
    let row_market = found.amount(Field::MarketRentPsf, values::money_psf, false);
    found.require(Field::Suite, suite.is_some(), "(leases are merged by suite)");
    found.require(Field::AreaSf, area.is_some(), "and must be above 0");
    if area == Some(0.0) {
        found.push(Field::AreaSf, "missing_value", "area_sf must be above 0".into(), true);
    }
    if occupied {
        if derived.is_none() {
            let rent_field = candidates.iter().map(|(f, _)| *f).find(|f| found.plan.has(*f));
            let refused = candidates.iter().any(|(f, _)| found.has_problem(*f));
            if let Some(f) = rent_field
                && !refused
            {
                found.push(f, "missing_value", "an occupied suite needs its rent".into(), true);
            }
        }
        found.require(Field::Start, start.is_some(), "for an occupied suite");
        found.require(Field::End, end.is_some(), "for an occupied suite");
        if let (Some(s), Some(e)) = (start, end)
            && e < s
        {
            found.push(
                Field::End,
                "end_before_start",
                format!("the lease ends ({e}) before it starts ({s})"),
                true,
            );
        }
    }
    let cents = |x: f64| (x * 100.0).round() / 100.0;
    let annual_rent = derived.map(|(f, v)| if f == Field::AnnualRent { v } else { cents(v) });
    let monthly_out = monthly.or_else(|| annual_rent.map(|a| cents(a / 12.0)));
    let psf_out = psf.or_else(|| annual_rent.zip(area.filter(|a| *a > 0.0)).map(|(r, a)| cents(r / a)));
    let market = row_market.or(market_psf);
    let space = Space {
        row: found.row.number,
        id: suite.clone(),
        tenant: tenant.clone(),
        unit_type: None,
        area_sf: area,
        vacant,
        annual_rent,
        market_annual: market.zip(area).map(|(m, a)| m * a),
        end: end.filter(|_| occupied),
    };
    let values = CommercialValues {
        tenant,
        suite,
        area_sf: area,
        annual_rent,
        monthly_rent: monthly_out,
        rent_psf_annual: psf_out,
        rent_psf_monthly: psf_mo,
        start,
        end,
        escalation_pct: escalation,
        market_rent_psf: row_market,
        vacant: Some(vacant),
    };
    (values, space)
}

/// `2BR/1BA` from bedroom and bathroom counts (0 bedrooms: `Studio`).
fn compose_type(beds: Option<f64>, baths: Option<f64>) -> Option<String> {
    let beds = beds?;
    let b = if beds == 0.0 {
        "Studio".to_owned()
    } else {
        format!("{beds}BR")
    };
    Some(match baths {
        Some(ba) => format!("{b}/{ba}BA"),
        None => b,
    })
}

/// A multifamily row's values and its space.
pub fn multifamily(found: &mut Found<'_>) -> (MultifamilyValues, Space) {
    let unit = found.text(Field::Unit);
    let resident = found.name(Field::Resident);
    let beds = found.parsed(Field::Beds, values::count, true);
    let baths = found.parsed(Field::Baths, values::count, true);
    let unit_type = found
        .text(Field::UnitType)
        .or_else(|| found.text(Field::BedBath))
        .or_else(|| compose_type(beds, baths));
    let area = found.amount(Field::AreaSf, values::area, true);
    let market = found.amount(Field::MarketRent, values::money, true);
    let actual = found.amount(Field::ActualRent, values::money, true);
    let move_in = found.date(Field::MoveIn, true);
    let lease_end = match found
        .cell(Field::LeaseEnd)
        .map(|(_, c)| values::date(c, found.plan.date_style(Field::LeaseEnd)))
    {
        Some(Err(e)) if e.code == "month_to_month" => {
            found.push(Field::LeaseEnd, e.code, e.message, false);
            None
        }
        Some(Err(e)) => {
            found.push(Field::LeaseEnd, e.code, e.message, true);
            None
        }
        Some(Ok(v)) => v,
        None => None,
    };
    let status_text = found.text(Field::Status);
    let state = status_text.as_deref().and_then(status);
    if let (Some(t), None) = (&status_text, state) {
        found.push(
            Field::Status,
            "unknown_status",
            format!("`{t}` is not a known status (occupied, vacant, notice…); vacancy read from the resident and rent"),
            false,
        );
    }
    let vacant = match state {
        Some(s) => s == Status::Vacant,
        None if found.plan.has(Field::Resident) => resident.as_deref().is_none_or(vacant_marker),
        None => actual.is_none_or(|a| a == 0.0),
    };
    found.require(Field::Unit, unit.is_some(), "(units are merged by unit)");
    if unit_type.is_none()
        && (found.plan.has(Field::UnitType) || found.plan.has(Field::BedBath) || found.plan.has(Field::Beds))
    {
        let f = [Field::UnitType, Field::BedBath, Field::Beds]
            .into_iter()
            .find(|f| found.plan.has(*f))
            .unwrap_or(Field::UnitType);
        found.push(
            f,
            "missing_value",
            "the unit type is required (the unit mix is by type)".into(),
            true,
        );
    }
    if !vacant && actual.is_none_or(|a| a == 0.0) && found.plan.has(Field::ActualRent) {
        found.push(
            Field::ActualRent,
            "missing_value",
            "an occupied unit without its rent: left out of the average actual rent".into(),
            false,
        );
    }
    // A vacant unit's $0 "actual rent" is no rent.
    let actual = actual.filter(|a| !(vacant && *a == 0.0));
    let space = Space {
        row: found.row.number,
        id: unit.clone(),
        tenant: None,
        unit_type: unit_type.clone(),
        area_sf: area,
        vacant,
        annual_rent: actual.filter(|a| *a > 0.0).map(|a| 12.0 * a),
        market_annual: market.map(|m| 12.0 * m),
        end: lease_end.filter(|_| !vacant),
    };
    let values = MultifamilyValues {
        unit,
        unit_type,
        area_sf: area,
        market_rent: market,
        actual_rent: actual,
        move_in,
        lease_end,
        status: state,
        vacant: Some(vacant),
    };
    (values, space)
}

#[cfg(test)]
mod tests;
