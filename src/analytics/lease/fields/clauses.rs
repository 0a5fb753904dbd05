//! Clauses read by their wording: the expense recovery structure and the renewal options.
use super::super::abstract_::{FieldName, Kind, Value};
use super::super::candidate::{Cand, Found};
use super::super::labels::{Label, LabelHit};
use super::super::numbers;
use super::super::pattern::Re;
use super::super::segment::{Doc, Seg};
use super::{LABELLED, WORDED};

/// Recovery structures, most specific first: a base-year lease is often also called gross.
static RECOVERY: [(&str, Re); 4] = [
    (
        "base_year",
        re!(
            r"(?i)\b(?:base\s+year|expense\s+stop|in\s+excess\s+of\s+(?:the\s+)?(?:base\s+year|operating\s+expenses\s+for\s+(?:the\s+)?(?:calendar\s+)?year\s+\d{4}))\b"
        ),
    ),
    ("modified_gross", re!(r"(?i)\bmodified\s+gross\b")),
    (
        "nnn",
        re!(
            r#"(?i)\b(?:triple[\s-]+net|nnn|(?:absolutely|absolute|fully|completely)\s+net|["“]net["”]\s+lease|net\s*,?\s*net\s*,?\s*(?:and\s+)?net|absolute\s+net|fully\s+net|net\s+of\s+(?:all\s+)?(?:real\s+estate\s+)?taxes\s*,\s*insurance)\b"#
        ),
    ),
    (
        "gross",
        re!(
            r"(?i)\b(?:full[\s-]+service(?:\s+gross)?|gross\s+(?:lease|basis|rent(?:al)?)|industrial\s+gross|fully\s+serviced)\b"
        ),
    ),
];
static RENEWAL_CUE: Re = re!(
    r"(?i)\b(?:options?\s+to\s+(?:renew|extend)|renewal\s+(?:options?|terms?|periods?|rights?)|extension\s+(?:options?|terms?|periods?)|right\s+to\s+(?:renew|extend)|may\s+(?:renew|extend)|option\(s\)\s+to\s+(?:renew|extend)|renew\s+(?:this\s+lease|the\s+term)|extend\s+the\s+term)\b"
);
static NOT_RENEWAL: Re = re!(
    r"(?i)\b(?:month[\s-]to[\s-]month|automatically\s+renew\w*|no\s+(?:option|right)|not\s+have\s+(?:any|an)\s+(?:option|right)|terminat\w+\s+option)\b"
);
static COUNT: Re = re!(format!(
    r"(?i)\b(?P<n>{w}(?:\s*\(\s*\d+\s*\))?|\d+|an?|one)\s+(?:\(\s*\d+\s*\)\s+)?(?:successive\s+|consecutive\s+|additional\s+|separate\s+|further\s+|renewal\s+|extension\s+|option\s+)*(?:options?|terms?|periods?|renewals?|extensions?)\b",
    w = numbers::WORDS
));

static NOTICE_BEFORE: Re =
    re!(r"(?i)\b(?:at\s+least|not\s+less\s+than|no\s+(?:later|more|fewer)\s+than|within|prior\s+to|before)\s*$");
static NOTICE_AFTER: Re = re!(r"(?i)^\s*(?:prior|before|in\s+advance|notice|after|following)\b");

pub fn read(doc: &Doc, labels: &[LabelHit], kind: Kind, found: &mut Found) {
    for hit in labels {
        let text = doc.text(&hit.value);
        match hit.label {
            Label::Recovery if kind == Kind::Commercial => recovery_in(text, &hit.value, LABELLED, found),
            Label::Renewal => renewal_in(text, &hit.value, 0, LABELLED, found),
            _ => {}
        }
    }
    for seg in &doc.segs {
        let text = doc.text(seg);
        if kind == Kind::Commercial {
            recovery_in(text, seg, WORDED - 0.05, found);
        }
        // What follows the first renewal wording is the option ("… plus any Extension Term"
        // after a term's length does not make that length an option's).
        if let Some(cue) = RENEWAL_CUE.find(text) {
            renewal_in(text, seg, cue.start(), WORDED, found);
        }
    }
}

fn recovery_in(text: &str, seg: &Seg, conf: f64, found: &mut Found) {
    for (name, re) in &RECOVERY {
        if let Some(m) = re.find(text) {
            // "Base Year" only counts where it is the lease's own base year, not a tax-year label.
            found.push(
                FieldName::Recovery,
                Cand::at(seg, m.start(), m.end(), Value::Text((*name).to_string()), conf),
            );
            return;
        }
    }
}

/// The option count anywhere in the clause; the option's length only after the renewal wording
/// at `cue` ("… 84 months …, plus any Extension Term" does not make 84 months an option's).
fn renewal_in(text: &str, seg: &Seg, cue: usize, conf: f64, found: &mut Found) {
    if NOT_RENEWAL.is_match(text) {
        return;
    }
    // "two (2) options" rather than "Section 7.01 Option" or "an option" when both are there.
    let counts: Vec<_> = COUNT
        .captures_iter(text)
        .filter(|c| {
            c.name("n")
                .is_some_and(|n| !text[..n.start()].ends_with(|ch: char| ch == '.' || ch.is_ascii_digit()))
        })
        .collect();
    let best = counts
        .iter()
        .find(|c| {
            c.name("n")
                .is_some_and(|n| !matches!(n.as_str().to_ascii_lowercase().as_str(), "a" | "an"))
        })
        .or(counts.first());
    if let Some(c) = best {
        let (Some(m), Some(n)) = (c.get(0), c.name("n")) else {
            return;
        };
        let word = n.as_str().to_ascii_lowercase();
        let count = if word == "a" || word == "an" {
            Some(1.0)
        } else {
            numbers::count_at_start(n.as_str()).map(|h| h.value)
        };
        if let Some(count) = count.filter(|c| *c >= 1.0 && *c <= 10.0 && c.fract() == 0.0) {
            found.push(
                FieldName::RenewalOptionCount,
                Cand::at(seg, m.start(), m.end(), Value::Integer(count as i64), conf),
            );
        }
    }
    // The option's length, not a notice period ("at least nine (9) months prior").
    let is_notice = |d: &numbers::Hit| {
        NOTICE_BEFORE.is_match(super::super::segment::tail(&text[..d.start], 24))
            || NOTICE_AFTER.is_match(super::super::segment::head(&text[d.end..], 32))
    };
    let lengths = numbers::durations(&text[cue..]);
    if let Some(d) = lengths
        .into_iter()
        .find(|d| d.value >= 1.0 && d.value.fract() == 0.0 && !is_notice(&shifted(d, cue)))
    {
        let d = shifted(&d, cue);
        found.push(
            FieldName::RenewalTermMonths,
            Cand::at(seg, d.start, d.end, Value::Integer(d.value as i64), conf),
        );
    }
}

fn shifted(d: &numbers::Hit, by: usize) -> numbers::Hit {
    numbers::Hit {
        value: d.value,
        start: d.start + by,
        end: d.end + by,
    }
}
