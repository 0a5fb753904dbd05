//! From candidates to the abstract: choose each term, then derive what the lease states only
//! implicitly (annual = 12 × monthly, $/sf = annual ÷ area, expiration from commencement and
//! term, a deposit of N months, a TI total per sf, the escalation a schedule shows) and build the
//! rent schedule. A derived value cites the clause it came from and is never surer than it.
use super::abstract_::{Field, FieldName, Kind, LeaseAbstract, RentPeriod, Value};
use super::candidate::{Cand, Found, StepUnit, choose, to_field};
use super::dates;
use super::fields;
use super::schedule::{self, Period, Row};
use super::segment::Doc;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// What is lost by deriving a value from another.
const DERIVED: f64 = 0.02;

fn cents(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

struct Chosen(BTreeMap<FieldName, Cand>);

impl Chosen {
    fn num(&self, f: FieldName) -> Option<f64> {
        self.0.get(&f).and_then(|c| c.value.as_f64())
    }
    fn date(&self, f: FieldName) -> Option<NaiveDate> {
        self.0.get(&f).and_then(|c| c.value.as_date())
    }
    fn conf(&self, f: FieldName) -> f64 {
        self.0.get(&f).map_or(0.0, |c| c.conf)
    }
    fn set(&mut self, f: FieldName, c: Cand) {
        self.0.insert(f, c);
    }
    /// Sets `f` from `source`'s place when it is not set yet.
    fn derive(&mut self, f: FieldName, source: FieldName, value: Value) {
        if self.0.contains_key(&f) {
            return;
        }
        if let Some(src) = self.0.get(&source) {
            let c = src.derived(value, src.conf - DERIVED);
            self.0.insert(f, c);
        }
    }
    fn lower(&mut self, f: FieldName, to: f64) {
        if let Some(c) = self.0.get_mut(&f) {
            c.conf = c.conf.min(to);
        }
    }
}

/// The abstract of a segmented document.
pub fn abstract_of(doc: &Doc) -> LeaseAbstract {
    let kind = fields::kind_of(doc);
    let found = fields::collect(doc, kind);
    let mut ch = Chosen(BTreeMap::new());
    for name in FieldName::ALL {
        if let Some(c) = choose(found.get(*name)) {
            ch.set(*name, c);
        }
    }
    if kind == Kind::Residential {
        ch.0.remove(&FieldName::Recovery);
        ch.0.remove(&FieldName::ExpenseStopPsf);
    }
    term(&mut ch);
    let area = ch.num(FieldName::AreaSf);
    let rows = schedule::rows(doc, area);
    first_year_rent(&mut ch, &found, &rows);
    rent_links(&mut ch, area);
    escalation(&mut ch, &found, &rows);
    deposit_and_allowance(&mut ch, &found, area);
    if kind == Kind::Residential && ch.num(FieldName::AreaSf).is_none() {
        ch.0.remove(&FieldName::RentPsfAnnual);
    }
    let rent_schedule = rent_schedule(&ch, &found, &rows, kind);
    if ch.date(FieldName::Commencement).is_none()
        && let Some(first) = rent_schedule.first()
        && let Some(row) = rows.first()
    {
        ch.set(FieldName::Commencement, row.cite.derived(Value::Date(first.start), 0.8));
    }
    let fields = FieldName::ALL
        .iter()
        .map(|n| (*n, ch.0.get(n).map(|c| to_field(doc, c))))
        .collect::<Vec<(FieldName, Option<Field>)>>();
    let clauses = if kind == Kind::Residential {
        super::clauses::residential(doc)
    } else {
        Vec::new()
    };
    LeaseAbstract {
        kind,
        fields,
        rent_schedule,
        clauses,
    }
}

/// Commencement, expiration and term: each derived from the other two, and all three lowered
/// when they disagree.
fn term(ch: &mut Chosen) {
    use FieldName::{Commencement, Expiration, TermMonths};
    let months = ch.num(TermMonths).map(|m| m as u32);
    match (ch.date(Commencement), ch.date(Expiration), months) {
        (Some(s), None, Some(m)) => {
            if let Some(e) = dates::term_end(s, m) {
                let conf = ch.conf(Commencement).min(ch.conf(TermMonths)) - DERIVED;
                if let Some(c) = ch.0.get(&TermMonths).map(|c| c.derived(Value::Date(e), conf)) {
                    ch.set(Expiration, c);
                }
            }
        }
        (Some(s), Some(e), None) => {
            if let Some(m) = dates::whole_months(s, e) {
                let conf = ch.conf(Commencement).min(ch.conf(Expiration)) - DERIVED;
                if let Some(c) = ch.0.get(&Expiration).map(|c| c.derived(Value::Integer(m.into()), conf)) {
                    ch.set(TermMonths, c);
                }
            }
        }
        (Some(s), Some(e), Some(m)) if dates::term_end(s, m) != Some(e) => {
            for f in [Commencement, Expiration, TermMonths] {
                ch.lower(f, 0.6);
            }
        }
        _ => {}
    }
}

/// The first lease year's base rent: the schedule's first row when there is one (checked against
/// the stated figures), else the stated figures.
fn first_year_rent(ch: &mut Chosen, found: &Found, rows: &[Row]) {
    use FieldName::{AnnualBaseRent, MonthlyBaseRent, RentPsfAnnual};
    for f in [MonthlyBaseRent, AnnualBaseRent, RentPsfAnnual] {
        // Later years' rents stated in prose compete with the first year's: the earliest strong
        // statement is the first year's.
        let cands = found.get(f);
        if let Some(best) = choose(cands) {
            let earliest = cands
                .iter()
                .filter(|c| c.conf >= best.conf.max(0.8) - 0.06)
                .min_by_key(|c| (c.page, c.start))
                .cloned();
            if let Some(mut e) = earliest {
                if !e.value.same(&best.value) {
                    e.conf = 0.7;
                } else {
                    e.conf = best.conf;
                }
                ch.set(f, e);
            }
        }
    }
    let Some(row) = rows.first() else { return };
    for (f, v) in [
        (MonthlyBaseRent, row.monthly),
        (AnnualBaseRent, row.annual),
        (RentPsfAnnual, row.psf),
    ] {
        let Some(v) = v.filter(|v| *v > 0.0) else { continue };
        let agrees = ch.num(f).is_none_or(|s| (s - v).abs() < 0.01);
        let conf = if agrees { 0.93 } else { 0.6 };
        ch.set(f, row.cite.derived(Value::Number(v), conf));
    }
}

/// annual = 12 × monthly, monthly = annual ÷ 12, $/sf = annual ÷ area, annual = $/sf × area.
fn rent_links(ch: &mut Chosen, area: Option<f64>) {
    use FieldName::{AnnualBaseRent, AreaSf, MonthlyBaseRent, RentPsfAnnual};
    if let (Some(m), Some(y)) = (ch.num(MonthlyBaseRent), ch.num(AnnualBaseRent))
        && (12.0 * m - y).abs() > 1.0
    {
        ch.lower(MonthlyBaseRent, 0.6);
        ch.lower(AnnualBaseRent, 0.6);
    }
    if let (Some(p), None, None, Some(a)) = (
        ch.num(RentPsfAnnual),
        ch.num(AnnualBaseRent),
        ch.num(MonthlyBaseRent),
        area,
    ) {
        ch.derive(AnnualBaseRent, RentPsfAnnual, Value::Number(cents(p * a)));
        let c = ch.conf(RentPsfAnnual).min(ch.conf(AreaSf)) - DERIVED;
        ch.lower(AnnualBaseRent, c);
    }
    if let Some(m) = ch.num(MonthlyBaseRent) {
        ch.derive(AnnualBaseRent, MonthlyBaseRent, Value::Number(cents(12.0 * m)));
    }
    if let Some(y) = ch.num(AnnualBaseRent) {
        ch.derive(MonthlyBaseRent, AnnualBaseRent, Value::Number(cents(y / 12.0)));
        if let Some(a) = area.filter(|a| *a > 0.0) {
            ch.derive(RentPsfAnnual, AnnualBaseRent, Value::Number(cents(y / a)));
            let c = ch.conf(AnnualBaseRent).min(ch.conf(AreaSf)) - DERIVED;
            ch.lower(RentPsfAnnual, c);
        }
    }
}

/// The constant percentage between consecutive amounts, if there is one (each step computed on
/// the previous rounded figure, so a rounding's worth of slack).
fn constant_step(amounts: &[f64]) -> Option<f64> {
    // Equal steps in dollars are fixed-dollar increases, whatever percentage they come near.
    let diffs: Vec<f64> = amounts.windows(2).map(|w| w[1] - w[0]).collect();
    if diffs.len() >= 2 && diffs.iter().all(|d| (d - diffs[0]).abs() < 0.006) {
        return None;
    }
    let ratios: Vec<f64> = amounts.windows(2).map(|w| w[1] / w[0] - 1.0).collect();
    let first = *ratios.first()?;
    // Leases escalate in quarter points at the finest.
    let pct = (first * 400.0).round() / 400.0;
    let fits = amounts.windows(2).all(|w| {
        let want = w[0] * (1.0 + pct);
        (w[1] - want).abs() <= (0.0051 + 1e-6 * want).max(want * 0.0004)
    });
    // Two amounts alone could be a fixed-dollar step: only a plain half-point percentage counts.
    let plain = amounts.len() > 2 || ((pct * 200.0).round() - pct * 200.0).abs() < 1e-9 && pct <= 0.05;
    (fits && plain && (0.01..=0.1).contains(&pct)).then_some(pct)
}

fn escalation(ch: &mut Chosen, found: &Found, rows: &[Row]) {
    use FieldName::EscalationPct;
    if rows.len() >= 2 {
        let series: Vec<f64> = rows.iter().filter_map(|r| r.psf.or(r.annual).or(r.monthly)).collect();
        if series.len() == rows.len() {
            match constant_step(&series) {
                Some(p) => {
                    let stated = ch.num(EscalationPct);
                    let conf = if stated.is_none_or(|s| (s - p).abs() < 1e-9) {
                        0.92
                    } else {
                        0.6
                    };
                    ch.set(EscalationPct, rows[1].cite.derived(Value::Number(p), conf));
                }
                None => {
                    ch.0.remove(&EscalationPct);
                }
            }
            return;
        }
    }
    if !found.rent_steps.is_empty() {
        ch.0.remove(&EscalationPct);
    }
}

fn deposit_and_allowance(ch: &mut Chosen, found: &Found, area: Option<f64>) {
    use FieldName::{MonthlyBaseRent, SecurityDeposit, TiAllowancePsf};
    if !ch.0.contains_key(&SecurityDeposit)
        && let (Some((months, at)), Some(m)) = (found.deposit_months.first(), ch.num(MonthlyBaseRent))
    {
        let conf = at.conf.min(ch.conf(MonthlyBaseRent)) - DERIVED;
        ch.set(SecurityDeposit, at.derived(Value::Number(cents(months * m)), conf));
    }
    if !ch.0.contains_key(&TiAllowancePsf)
        && let (Some(total), Some(a)) = (found.ti_totals.first(), area.filter(|a| *a > 0.0))
        && let Some(t) = total.value.as_f64()
    {
        let conf = total.conf.min(ch.conf(FieldName::AreaSf)) - DERIVED;
        ch.set(TiAllowancePsf, total.derived(Value::Number(cents(t / a)), conf));
    }
}

fn period(start: NaiveDate, end: NaiveDate, monthly: f64, area: Option<f64>) -> RentPeriod {
    let annual = cents(12.0 * monthly);
    RentPeriod {
        start,
        end,
        monthly: cents(monthly),
        annual,
        psf_annual: area.filter(|a| *a > 0.0).map(|a| cents(annual / a)),
    }
}

/// The contractual periods: the table's rows, or per lease year from the first year's rent and
/// the escalation (percentage or fixed dollars), or one flat period.
fn rent_schedule(ch: &Chosen, found: &Found, rows: &[Row], kind: Kind) -> Vec<RentPeriod> {
    use FieldName::*;
    let area = ch.num(AreaSf);
    let start = ch.date(Commencement);
    let end = ch.date(Expiration);
    if !rows.is_empty() {
        let mut out = Vec::new();
        for r in rows {
            let (s, e) = match (r.period, start) {
                (Period::Dates(a, b), _) => (a, b),
                (Period::Months(a, b), Some(c)) => match (dates::add_months(c, a - 1), dates::term_end(c, b)) {
                    (Some(s), Some(e)) => (s, e),
                    _ => return Vec::new(),
                },
                _ => return Vec::new(),
            };
            let monthly = r
                .monthly
                .or(r.annual.map(|y| y / 12.0))
                .or(r.psf.zip(area).map(|(p, a)| p * a / 12.0));
            let Some(monthly) = monthly else { return Vec::new() };
            let mut p = period(s, e, monthly, area);
            if let Some(y) = r.annual {
                p.annual = cents(y);
            }
            if let Some(x) = r.psf {
                p.psf_annual = Some(x);
            }
            out.push(p);
        }
        return out;
    }
    let (Some(s), Some(e), Some(m)) = (start, end, ch.num(MonthlyBaseRent)) else {
        return Vec::new();
    };
    if kind == Kind::Residential {
        return vec![period(s, e, m, area)];
    }
    let pct = ch.num(EscalationPct);
    let step = found.rent_steps.first();
    if pct.is_none() && step.is_none() {
        return vec![period(s, e, m, area)];
    }
    // The figure that escalates is the one the lease states: its rate per square foot, else its
    // monthly rent; a fixed-dollar step names its own unit.
    let stated_psf = !found.get(RentPsfAnnual).is_empty() && area.is_some();
    let by_psf = match step {
        Some((unit, _, _)) => *unit == StepUnit::SquareFootYear && area.is_some(),
        None => stated_psf,
    };
    let mut figure = if by_psf { ch.num(RentPsfAnnual).unwrap_or(m) } else { m };
    let mut out = Vec::new();
    let mut year = 0;
    while let Some(ps) = dates::add_months(s, 12 * year) {
        if ps > e || year > 100 {
            break;
        }
        let pe = dates::term_end(s, 12 * (year + 1)).map_or(e, |x| x.min(e));
        let p = match (by_psf, area) {
            (true, Some(a)) => {
                let annual = cents(figure * a);
                RentPeriod {
                    start: ps,
                    end: pe,
                    monthly: cents(annual / 12.0),
                    annual,
                    psf_annual: Some(figure),
                }
            }
            _ => period(ps, pe, figure, area),
        };
        out.push(p);
        figure = match (pct, step) {
            (Some(g), _) => cents(figure * (1.0 + g)),
            (None, Some((unit, amount, _))) => match (unit, by_psf) {
                (StepUnit::SquareFootYear, true) => cents(figure + amount),
                (StepUnit::SquareFootYear, false) => cents(figure + amount * area.unwrap_or(0.0) / 12.0),
                (StepUnit::Month, _) => cents(figure + amount),
                (StepUnit::Year, _) => cents(figure + amount / 12.0),
            },
            _ => figure,
        };
        year += 1;
    }
    out
}
