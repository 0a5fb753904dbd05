//! Sums of money and rates: base rent (monthly, annual or per square foot per year, as stated),
//! the escalation, free rent, the security deposit, the late fee, the TI allowance and the
//! expense stop. Each figure belongs to the subject named nearest before it (src: topic.rs).
use super::super::abstract_::{FieldName, Kind, Value};
use super::super::candidate::{Cand, Found, StepUnit};
use super::super::labels::{Label, LabelHit};
use super::super::numbers::{self, Hit};
use super::super::pattern::Re;
use super::super::segment::{Doc, Seg, head};
use super::super::topic::{Topic, topic_at};
use super::{LABELLED, WORDED};

/// How a sum is stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Per {
    Month,
    Year,
    SquareFootYear,
}

static PSF_AFTER: Re = re!(
    r"(?i)^\s*(?:\)\s*)?(?:per|/|a|each)\s*(?:rentable\s+|usable\s+|leasable\s+)?(?:square\s+f(?:oo|ee)t|sq\.?\s*ft\.?|rsf|r\.s\.f\.|sf|s\.f\.)\b|^\s*psf\b"
);
static YEAR_AFTER: Re = re!(
    r"(?i)^\s*(?:\)\s*)?(?:per\s+(?:annum|year|lease\s+year|calendar\s+year)|annually|a\s+year|each\s+year|/\s*(?:yr|year)\b|per\s+yr\b|yearly)"
);
static MONTH_AFTER: Re = re!(
    r"(?i)^\s*(?:\)\s*)?(?:per\s+(?:calendar\s+)?month|monthly|a\s+month|each\s+month|every\s+month|/\s*mo(?:nth)?\b|per\s+mo\b|in\s+monthly|payable\s+monthly|in\s+equal\s+monthly)"
);
static PER_DAY_AFTER: Re = re!(r"(?i)^\s*(?:\)\s*)?(?:per|a|each|for\s+each)\s+(?:day|calendar\s+day)");
static MONTH_BEFORE: Re = re!(r"(?i)\bmonthly\b|\bper\s+month\b|\bmonth(?:ly)?\s+installments?\b|\beach\s+month\b");
static YEAR_BEFORE: Re = re!(r"(?i)\bannual(?:ly)?\b|\byearly\b|\bper\s+annum\b");
static PSF_BEFORE: Re =
    re!(r"(?i)\b(?:rate\s+per\s+(?:rentable\s+)?square\s+foot|per\s+(?:rentable\s+)?square\s+foot|psf|/rsf|/sf)\b");
static INTRO_RENT: Re = re!(r"(?i)\b(?:agrees?\s+to\s+pay|shall\s+pay|will\s+pay|pay(?:s|ing)?)\b");
static DEPOSIT_MONTHS: Re = re!(format!(
    r"(?i)\b(?:equal\s+to|in\s+an\s+amount\s+equal\s+to|amount\s+of|of)\s+(?:(?P<n>{}|\d+)\s*(?:\(\s*\d+\s*\)\s*)?|(?P<one>one|a)\s+)(?:full\s+)?(?:months?(?:'s|’s|'|’)?|monthly\s+installments?)\s+(?:of\s+)?(?:the\s+)?(?:initial\s+|first\s+)?(?:monthly\s+)?(?:base\s+|minimum\s+)?(?:rent|installments?)",
    numbers::WORDS
));
static FREE_CUE: Re = re!(
    r"(?i)\b(?:abate\w*|free\s+(?:base\s+|minimum\s+)?rent|rent[\s-]free|free\s+of\s+base\s+rent|shall\s+not\s+(?:be\s+obligated\s+to\s+)?pay\s+base\s+rent|waive\w*)\b"
);
static FREE_NOT: Re = re!(r"(?i)\b(?:casualty|condemnation|damage|destroy\w*|untenantable|interruption|fire)\b");
static ESCALATION_CUE: Re = re!(r"(?i)\b(?:increase[sd]?|escalat\w*|adjust\w*|bump\w*|steps?\s+up|grow)\b");
static NOT_ESCALATION: Re = re!(
    r"(?i)\b(?:operating\s+expenses|controllable|taxes|cpi|consumer\s+price|holdover|hold\s+over|late|interest|not\s+(?:to\s+)?exceed|cap(?:ped)?|share|gross[\s-]up|percentage\s+rent|fair\s+market|renewal|extension|option\s+term)\b"
);
static DOLLAR_STEP: Re =
    re!(r"(?i)\b(?:increase[sd]?|escalat\w*|bump\w*)(?:\s+(?:by|of))?(?:\s+an?\s+additional)?\s*$");

/// How the sum at `hit` in `text` is stated: by the words right after it, else by the words of
/// its clause before it (a label's wording counts as before).
pub fn per_of(text: &str, hit: &Hit, before_hint: &str) -> Option<Per> {
    let after = head(&text[hit.end..], 48);
    if PSF_AFTER.is_match(after) {
        return Some(Per::SquareFootYear);
    }
    if PER_DAY_AFTER.is_match(after) {
        return None;
    }
    if YEAR_AFTER.is_match(after) {
        return Some(Per::Year);
    }
    if MONTH_AFTER.is_match(after) {
        return Some(Per::Month);
    }
    let before = format!("{before_hint} {}", &text[..hit.start]);
    let last = |re: &Re| re.find_iter(&before).last().map(|m| m.end());
    [
        (last(&PSF_BEFORE), Per::SquareFootYear),
        (last(&MONTH_BEFORE), Per::Month),
        (last(&YEAR_BEFORE), Per::Year),
    ]
    .into_iter()
    .filter_map(|(at, per)| at.map(|a| (a, per)))
    .max_by_key(|(a, _)| *a)
    .map(|(_, per)| per)
}

fn rent_field(per: Per) -> FieldName {
    match per {
        Per::Month => FieldName::MonthlyBaseRent,
        Per::Year => FieldName::AnnualBaseRent,
        Per::SquareFootYear => FieldName::RentPsfAnnual,
    }
}

pub fn read(doc: &Doc, labels: &[LabelHit], kind: Kind, found: &mut Found) {
    for hit in labels {
        let text = doc.text(&hit.value);
        let hint = match hit.label {
            Label::MonthlyRent => "monthly",
            Label::AnnualRent => "annual",
            _ => "",
        };
        match hit.label {
            Label::MonthlyRent | Label::AnnualRent | Label::BaseRent => {
                if let Some(m) = numbers::money(text).first().copied().or_else(|| bare_figure(text)) {
                    let per = per_of(text, &m, hint).or(match hit.label {
                        Label::BaseRent if kind == Kind::Residential => Some(Per::Month),
                        _ => None,
                    });
                    if let Some(field) = per.map(rent_field) {
                        found.push(
                            field,
                            Cand::at(&hit.value, m.start, m.end, Value::Number(m.value), LABELLED),
                        );
                    }
                }
            }
            Label::Deposit => deposit_in(text, &hit.value, true, LABELLED, found),
            Label::LateFee => late_fee_in(text, &hit.value, true, LABELLED, found),
            Label::Allowance => allowance_in(text, &hit.value, true, LABELLED, found),
            Label::ExpenseStop => stop_in(text, &hit.value, true, LABELLED, found),
            Label::FreeRent => free_rent_in(text, &hit.value, LABELLED, found),
            Label::Escalation => escalation_in(text, &hit.value, true, LABELLED, found),
            _ => {}
        }
    }
    for seg in &doc.segs {
        let text = doc.text(seg);
        for m in numbers::money(text) {
            match topic_at(text, m.start, m.end) {
                Some(Topic::Rent) => {
                    if let Some(field) = per_of(text, &m, "").map(rent_field) {
                        found.push(field, Cand::at(seg, m.start, m.end, Value::Number(m.value), WORDED));
                    }
                }
                // "Tenant will pay $12,023.00 per month": rent by its wording, not its name.
                None if INTRO_RENT.is_match(&text[..m.start]) && per_of(text, &m, "") == Some(Per::Month) => {
                    let conf = if kind == Kind::Residential { 0.85 } else { 0.8 };
                    found.push(
                        FieldName::MonthlyBaseRent,
                        Cand::at(seg, m.start, m.end, Value::Number(m.value), conf),
                    );
                }
                _ => {}
            }
        }
        deposit_in(text, seg, false, WORDED, found);
        late_fee_in(text, seg, false, WORDED, found);
        allowance_in(text, seg, false, WORDED, found);
        stop_in(text, seg, false, WORDED, found);
        if FREE_CUE.is_match(text) && !FREE_NOT.is_match(text) {
            free_rent_in(text, seg, WORDED, found);
        }
        escalation_in(text, seg, false, WORDED, found);
    }
}

/// A figure without `$` in a label's value ("Monthly Rent: 3,850.00").
fn bare_figure(text: &str) -> Option<Hit> {
    static FIG: Re = re!(r"^\s*(?P<f>\d{1,3}(?:,\d{3})+(?:\.\d{2})?|\d+\.\d{2})\b");
    let f = FIG.captures(text)?.name("f")?;
    Some(Hit {
        value: numbers::figure(f.as_str())?,
        start: f.start(),
        end: f.end(),
    })
}

/// Money in `text` whose topic is `topic` (every sum, when `labelled`: the label names it).
fn sums(text: &str, topic: Topic, labelled: bool) -> Vec<Hit> {
    let mut hits = numbers::money(text);
    if labelled && hits.is_empty() {
        hits.extend(bare_figure(text));
    }
    hits.into_iter()
        .filter(|m| labelled || topic_at(text, m.start, m.end) == Some(topic))
        .collect()
}

fn deposit_in(text: &str, seg: &Seg, labelled: bool, conf: f64, found: &mut Found) {
    for m in sums(text, Topic::Deposit, labelled).into_iter().take(1) {
        found.push(
            FieldName::SecurityDeposit,
            Cand::at(seg, m.start, m.end, Value::Number(m.value), conf),
        );
    }
    if labelled || super::super::topic::mentions(text, Topic::Deposit) {
        for c in DEPOSIT_MONTHS.captures_iter(text) {
            let Some(m) = c.get(0) else { continue };
            let months = match c.name("n") {
                Some(n) => numbers::count_at_start(n.as_str()).map(|h| h.value),
                None => Some(1.0),
            };
            if let Some(months) = months {
                let cand = Cand::at(seg, m.start(), m.end(), Value::Number(months), conf);
                found.deposit_months.push((months, cand));
            }
        }
    }
}

static DAILY: Re = re!(r"(?i)\b(?:per\s+day|daily|each\s+(?:additional\s+)?day|for\s+each\s+day)\b");

fn late_fee_in(text: &str, seg: &Seg, labelled: bool, conf: f64, found: &mut Found) {
    let hits = sums(text, Topic::Late, labelled);
    let Some(m) = hits.first() else { return };
    // A fee that grows by the day, or comes with a percentage, is not one figure.
    if PER_DAY_AFTER.is_match(head(&text[m.end..], 30)) || DAILY.is_match(text) {
        return;
    }
    // A percentage beside the sum ("the greater of $100 or 5%") makes the fee not one figure.
    let conf = if numbers::percents(text).is_empty() { conf } else { 0.6 };
    found.push(
        FieldName::LateFee,
        Cand::at(seg, m.start, m.end, Value::Number(m.value), conf),
    );
}

fn allowance_in(text: &str, seg: &Seg, labelled: bool, conf: f64, found: &mut Found) {
    for m in sums(text, Topic::Allowance, labelled).into_iter().take(1) {
        match per_of(text, &m, "") {
            Some(Per::SquareFootYear) => found.push(
                FieldName::TiAllowancePsf,
                Cand::at(seg, m.start, m.end, Value::Number(m.value), conf),
            ),
            Some(Per::Month) | Some(Per::Year) => {}
            _ => found
                .ti_totals
                .push(Cand::at(seg, m.start, m.end, Value::Number(m.value), conf)),
        }
    }
}

/// An estimate is not a stop ("expenses for the Base Year will be approximately $6.89").
static ESTIMATE: Re =
    re!(r"(?i)\b(?:approximately|estimated?|projected|anticipated|expects?|budget\w*|about|roughly)\b");

fn stop_in(text: &str, seg: &Seg, labelled: bool, conf: f64, found: &mut Found) {
    for m in sums(text, Topic::Stop, labelled) {
        if ESTIMATE.is_match(&text[..m.start]) {
            continue;
        }
        if per_of(text, &m, "") == Some(Per::SquareFootYear) {
            found.push(
                FieldName::ExpenseStopPsf,
                Cand::at(seg, m.start, m.end, Value::Number(m.value), conf),
            );
        }
    }
}

fn free_rent_in(text: &str, seg: &Seg, conf: f64, found: &mut Found) {
    static MONTHS_RANGE: Re = re!(r"(?i)\bmonths?\s+(?P<a>\d{1,3})\s*(?:-|–|through|to)\s*(?P<b>\d{1,3})\b");
    static FIRST: Re = re!(format!(
        r"(?i)\bfirst\s+(?P<n>{}(?:\s*\(\s*\d+\s*\))?|\d+)\s+(?:full\s+)?(?:calendar\s+)?months?\b|\bfirst\s+(?:full\s+)?(?:calendar\s+)?month\b",
        numbers::WORDS
    ));
    if let Some(c) = FIRST.captures(text) {
        let (Some(m), n) = (c.get(0), c.name("n")) else { return };
        let months = n.map_or(Some(1.0), |n| numbers::count_at_start(n.as_str()).map(|h| h.value));
        if let Some(v) = months {
            found.push(
                FieldName::FreeRentMonths,
                Cand::at(seg, m.start(), m.end(), Value::Integer(v as i64), conf),
            );
        }
        return;
    }
    if let Some(c) = MONTHS_RANGE.captures(text) {
        let (Some(m), Some(a), Some(b)) = (c.get(0), c.name("a"), c.name("b")) else {
            return;
        };
        let (a, b): (i64, i64) = (a.as_str().parse().unwrap_or(0), b.as_str().parse().unwrap_or(0));
        if b >= a && a > 0 {
            found.push(
                FieldName::FreeRentMonths,
                Cand::at(seg, m.start(), m.end(), Value::Integer(b - a + 1), conf),
            );
        }
        return;
    }
    if let Some(d) = numbers::durations(text).first()
        && d.value.fract() == 0.0
        && d.value <= 36.0
    {
        found.push(
            FieldName::FreeRentMonths,
            Cand::at(seg, d.start, d.end, Value::Integer(d.value as i64), conf - 0.05),
        );
    }
}

fn escalation_in(text: &str, seg: &Seg, labelled: bool, conf: f64, found: &mut Found) {
    if !labelled && (!ESCALATION_CUE.is_match(text) || !super::super::topic::mentions(text, Topic::Rent)) {
        return;
    }
    if NOT_ESCALATION.is_match(text) && !labelled {
        return;
    }
    for p in numbers::percents(text) {
        if labelled || topic_at(text, p.start, p.end) == Some(Topic::Escalation) {
            if p.value > 0.0 && p.value <= 0.2 {
                found.push(
                    FieldName::EscalationPct,
                    Cand::at(seg, p.start, p.end, Value::Number(p.value), conf),
                );
            }
            return;
        }
    }
    // "increase by $0.50 per rentable square foot per year": fixed-dollar steps, no percentage.
    for m in numbers::money(text) {
        if DOLLAR_STEP.is_match(&text[..m.start]) {
            let unit = match per_of(text, &m, "") {
                Some(Per::SquareFootYear) => StepUnit::SquareFootYear,
                Some(Per::Month) => StepUnit::Month,
                _ => StepUnit::Year,
            };
            found.rent_steps.push((
                unit,
                m.value,
                Cand::at(seg, m.start, m.end, Value::Number(m.value), conf),
            ));
            return;
        }
    }
}
