//! From column roles to row fields: which column fills which key of a row for the roll's kind,
//! the unit of an unlabeled rent column (src/analytics/rent_roll/units.rs), whether a date
//! column is written day first, and the caller's own choices for columns.
use super::grid::{Cell, Row};
use super::header::{Header, Kind};
use super::model::{Column, Problem};
use super::rows::vacant_marker;
use super::synonyms::Role;
use super::units::{self, CrossCheck, RentUnit};
use super::values::{self, DateStyle};

/// A key of a preview row that a column fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Tenant,
    Suite,
    AreaSf,
    AnnualRent,
    MonthlyRent,
    RentPsfAnnual,
    RentPsfMonthly,
    Start,
    End,
    EscalationPct,
    MarketRentPsf,
    Resident,
    Unit,
    UnitType,
    BedBath,
    Beds,
    Baths,
    MarketRent,
    ActualRent,
    MoveIn,
    LeaseEnd,
    Status,
}

impl Field {
    pub const ALL: [Field; 22] = [
        Field::Tenant,
        Field::Suite,
        Field::AreaSf,
        Field::AnnualRent,
        Field::MonthlyRent,
        Field::RentPsfAnnual,
        Field::RentPsfMonthly,
        Field::Start,
        Field::End,
        Field::EscalationPct,
        Field::MarketRentPsf,
        Field::Resident,
        Field::Unit,
        Field::UnitType,
        Field::BedBath,
        Field::Beds,
        Field::Baths,
        Field::MarketRent,
        Field::ActualRent,
        Field::MoveIn,
        Field::LeaseEnd,
        Field::Status,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Field::Tenant => "tenant",
            Field::Suite => "suite",
            Field::AreaSf => "area_sf",
            Field::AnnualRent => "annual_rent",
            Field::MonthlyRent => "monthly_rent",
            Field::RentPsfAnnual => "rent_psf_annual",
            Field::RentPsfMonthly => "rent_psf_monthly",
            Field::Start => "start",
            Field::End => "end",
            Field::EscalationPct => "escalation_pct",
            Field::MarketRentPsf => "market_rent_psf",
            Field::Resident => "resident",
            Field::Unit => "unit",
            Field::UnitType => "unit_type",
            Field::BedBath => "bed_bath",
            Field::Beds => "beds",
            Field::Baths => "baths",
            Field::MarketRent => "market_rent",
            Field::ActualRent => "actual_rent",
            Field::MoveIn => "move_in",
            Field::LeaseEnd => "lease_end",
            Field::Status => "status",
        }
    }

    pub fn from_name(s: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.as_str() == s.trim())
    }

    /// The role a caller's choice of this field gives its column.
    pub fn role(self) -> Role {
        match self {
            Field::Tenant | Field::Resident => Role::Tenant,
            Field::Suite | Field::Unit => Role::Space,
            Field::AreaSf => Role::Area,
            Field::AnnualRent => Role::AnnualRent,
            Field::MonthlyRent => Role::MonthlyRent,
            Field::RentPsfAnnual => Role::RentPsf,
            Field::RentPsfMonthly => Role::RentPsfMonthly,
            Field::Start => Role::Start,
            Field::End | Field::LeaseEnd => Role::End,
            Field::EscalationPct => Role::Escalation,
            Field::MarketRentPsf => Role::MarketRentPsf,
            Field::UnitType => Role::UnitType,
            Field::BedBath => Role::BedBath,
            Field::Beds => Role::Beds,
            Field::Baths => Role::Baths,
            Field::MarketRent => Role::MarketRent,
            Field::ActualRent => Role::ActualRent,
            Field::MoveIn => Role::MoveIn,
            Field::Status => Role::Status,
        }
    }

    /// The dates whose month-only spelling stands for the month's last day.
    pub fn is_end(self) -> bool {
        matches!(self, Field::End | Field::LeaseEnd)
    }
}

/// A caller's choice for one column (GraphQL `mapping`): the field it fills, or None to leave it
/// unread.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnChoice {
    pub column: usize,
    pub field: Option<String>,
}

/// Which column fills which field.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub kind: Kind,
    fields: Vec<(Field, usize)>,
    day_first: Vec<usize>,
}

impl Plan {
    pub fn col(&self, f: Field) -> Option<usize> {
        self.fields.iter().find(|(g, _)| *g == f).map(|(_, c)| *c)
    }

    pub fn has(&self, f: Field) -> bool {
        self.col(f).is_some()
    }

    /// How the dates of `f`'s column are read.
    pub fn date_style(&self, f: Field) -> DateStyle {
        DateStyle {
            day_first: self.col(f).is_some_and(|c| self.day_first.contains(&c)),
            month_end: f.is_end(),
        }
    }
}

/// Applies the caller's column choices to the header's roles; a choice naming an unknown field or
/// a column past the header is a blocking problem.
pub fn apply_choices(header: &mut Header, choices: &[ColumnChoice], problems: &mut Vec<Problem>) {
    for choice in choices {
        let role = match choice.field.as_deref() {
            None => None,
            Some(name) => match Field::from_name(name) {
                Some(f) => Some(f.role()),
                None => {
                    problems.push(Problem {
                        row: None,
                        column: None,
                        code: "unknown_field",
                        message: format!(
                            "mapping: `{name}` is not a field ({})",
                            Field::ALL.map(Field::as_str).join(", ")
                        ),
                        blocking: true,
                    });
                    continue;
                }
            },
        };
        let Some(at) = header.columns.iter().position(|c| c.index == choice.column) else {
            problems.push(Problem {
                row: None,
                column: None,
                code: "unknown_column",
                message: format!("mapping: the header has no column {}", choice.column),
                blocking: true,
            });
            continue;
        };
        if let Some(r) = role {
            let name = header.columns[at].header.clone();
            for c in header.columns.iter_mut().filter(|c| c.role == Some(r)) {
                c.role = None;
                c.reason = format!("replaced by the mapping of column \"{name}\"");
            }
        }
        header.columns[at].role = role;
        header.columns[at].reason = match &choice.field {
            Some(f) => format!("mapped to {f} by the caller"),
            None => "left unread by the caller".into(),
        };
    }
}

fn positive(v: Result<Option<f64>, values::ValueError>) -> Option<f64> {
    v.ok().flatten().filter(|x| *x > 0.0)
}

/// The annual rent an explicit rent column states on a row.
fn stated_annual(role: Role, cell: &Cell, area: Option<f64>) -> Option<f64> {
    match role {
        Role::AnnualRent => positive(values::money(cell)),
        Role::MonthlyRent => positive(values::money(cell)).map(|m| 12.0 * m),
        Role::RentPsf => Some(positive(values::money_psf(cell))? * area?),
        Role::RentPsfMonthly => Some(12.0 * positive(values::money_psf(cell))? * area?),
        _ => None,
    }
}

/// The unit of the commercial column `col` (role `Rent`), from the occupied kept rows.
fn rent_unit(header: &Header, rows: &[&Row], col: usize) -> Result<(RentUnit, String), String> {
    let area_col = header.column(Role::Area);
    let tenant_col = header.column(Role::Tenant);
    let explicit = [Role::AnnualRent, Role::MonthlyRent, Role::RentPsf, Role::RentPsfMonthly]
        .into_iter()
        .find_map(|r| header.column(r).map(|c| (r, c)));
    let mut pairs = Vec::new();
    let mut checks = Vec::new();
    for row in rows {
        let occupied = tenant_col
            .and_then(|c| values::text(row.cell(c)))
            .is_some_and(|t| !vacant_marker(&t));
        let area = area_col.and_then(|c| positive(values::area(row.cell(c))));
        let value = positive(values::money(row.cell(col)));
        if let (true, Some(v)) = (occupied, value) {
            if let Some(a) = area {
                pairs.push((v, a));
            }
            if let Some((r, c)) = explicit
                && let Some(other) = stated_annual(r, row.cell(c), area)
            {
                checks.push((v, other, area.unwrap_or(f64::NAN)));
            }
        }
    }
    let check = explicit.map(|(_, c)| CrossCheck {
        column: header
            .columns
            .iter()
            .find(|h| h.index == c)
            .map_or("", |h| h.header.as_str()),
        rows: &checks,
    });
    units::infer(&pairs, check)
}

/// The field of a role in a roll of `kind` (a commercial `Rent` is resolved by [`rent_unit`]).
fn field_of(role: Role, kind: Kind) -> Result<Field, &'static str> {
    use Field as F;
    use Role as R;
    match kind {
        Kind::Commercial => match role {
            R::Tenant => Ok(F::Tenant),
            R::Space => Ok(F::Suite),
            R::Area => Ok(F::AreaSf),
            R::AnnualRent => Ok(F::AnnualRent),
            R::MonthlyRent => Ok(F::MonthlyRent),
            R::RentPsf => Ok(F::RentPsfAnnual),
            R::RentPsfMonthly => Ok(F::RentPsfMonthly),
            R::Start => Ok(F::Start),
            R::End => Ok(F::End),
            R::Escalation => Ok(F::EscalationPct),
            R::MarketRentPsf => Ok(F::MarketRentPsf),
            R::MarketRent => Err(
                "a commercial market rent without its unit is not read (name it Market Rent PSF, or pass the market rent per sf)",
            ),
            _ => Err("not read for commercial rolls"),
        },
        Kind::Multifamily => match role {
            R::Tenant => Ok(F::Resident),
            R::Space => Ok(F::Unit),
            R::Area => Ok(F::AreaSf),
            R::ActualRent | R::MonthlyRent | R::Rent => Ok(F::ActualRent),
            R::MarketRent => Ok(F::MarketRent),
            R::UnitType => Ok(F::UnitType),
            R::BedBath => Ok(F::BedBath),
            R::Beds => Ok(F::Beds),
            R::Baths => Ok(F::Baths),
            R::End => Ok(F::LeaseEnd),
            R::MoveIn => Ok(F::MoveIn),
            R::Status => Ok(F::Status),
            R::Start => Err("the lease start is not read for multifamily rolls (move-in is)"),
            _ => Err("not read for multifamily rolls (rents are monthly per unit)"),
        },
    }
}

/// Priority of a column for its field when several columns fill it (lower first).
fn priority(role: Role) -> u8 {
    match role {
        Role::ActualRent => 0,
        Role::MonthlyRent => 1,
        Role::Rent => 2,
        _ => 0,
    }
}

fn unit_field(u: RentUnit) -> Field {
    match u {
        RentUnit::PsfAnnual => Field::RentPsfAnnual,
        RentUnit::Annual => Field::AnnualRent,
        RentUnit::Monthly => Field::MonthlyRent,
    }
}

/// Whether the numeric dates of a column are written day first (`31/01/2027`): some first part
/// is above 12 and no second part is.
fn day_first(rows: &[&Row], col: usize) -> bool {
    let parts: Vec<(u32, u32)> = rows
        .iter()
        .filter_map(|r| r.cell(col).text().and_then(values::numeric_parts))
        .collect();
    parts.iter().any(|(a, b)| *a > 12 && *b <= 12) && parts.iter().all(|(_, b)| *b <= 12)
}

/// The plan of a roll: each column's field and reason, with the problems of the mapping.
pub fn plan(header: &Header, kind: Kind, kept: &[&Row]) -> (Plan, Vec<Column>, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut chosen: Vec<(Field, usize, u8)> = Vec::new();
    let mut out: Vec<Column> = Vec::new();
    for c in &header.columns {
        let mut column = Column {
            index: c.index,
            header: c.header.clone(),
            field: None,
            reason: c.reason.clone(),
        };
        let Some(role) = c.role else {
            out.push(column);
            continue;
        };
        let field = if kind == Kind::Commercial && matches!(role, Role::Rent | Role::ActualRent) {
            match rent_unit(header, kept, c.index) {
                Ok((unit, why)) => {
                    column.reason = format!("{}; {why}", c.reason);
                    Ok(unit_field(unit))
                }
                Err(why) => {
                    problems.push(Problem {
                        row: None,
                        column: Some(c.header.clone()),
                        code: "ambiguous_unit",
                        message: format!("rent column \"{}\": {why}", c.header),
                        blocking: true,
                    });
                    column.reason = format!("{}; {why}", c.reason);
                    out.push(column);
                    continue;
                }
            }
        } else {
            field_of(role, kind)
        };
        match field {
            Ok(f) => {
                let p = priority(role);
                match chosen.iter().position(|(g, ..)| *g == f) {
                    Some(i) if chosen[i].2 <= p => {
                        let first = header.name(chosen[i].1);
                        column.reason = format!("{}; {} is read from column \"{first}\"", column.reason, f.as_str());
                    }
                    Some(i) => {
                        let (_, old, _) = chosen[i];
                        if let Some(o) = out.iter_mut().find(|o| o.index == old) {
                            o.field = None;
                            o.reason = format!("{}; {} is read from column \"{}\"", o.reason, f.as_str(), c.header);
                        }
                        chosen[i] = (f, c.index, p);
                        column.field = Some(f.as_str());
                    }
                    None => {
                        chosen.push((f, c.index, p));
                        column.field = Some(f.as_str());
                    }
                }
            }
            Err(why) => column.reason = format!("{}; {why}", c.reason),
        }
        out.push(column);
    }
    let mut day = Vec::new();
    for (f, c, _) in &chosen {
        if matches!(f, Field::Start | Field::End | Field::LeaseEnd | Field::MoveIn) && day_first(kept, *c) {
            day.push(*c);
            if let Some(o) = out.iter_mut().find(|o| o.index == *c) {
                o.reason.push_str("; dates written day first (31/01/2027)");
            }
        }
    }
    let plan = Plan {
        kind,
        fields: chosen.into_iter().map(|(f, c, _)| (f, c)).collect(),
        day_first: day,
    };
    (plan, out, problems)
}

#[cfg(test)]
mod tests;
