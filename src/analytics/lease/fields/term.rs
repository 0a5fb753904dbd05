//! The term: commencement and expiration dates and the term's length, from label lines and from
//! clauses ("commencing on …", "for a term of sixty (60) months", "from … through …").
use super::super::abstract_::{FieldName, Value};
use super::super::candidate::{Cand, Found};
use super::super::dates;
use super::super::labels::{Label, LabelHit};
use super::super::numbers;
use super::super::pattern::Re;
use super::super::segment::{Doc, Seg, tail};
use super::{LABELLED, WORDED};

static START_CUE: Re = re!(
    r"(?i)\b(?:commencement\s+date|commenc(?:e|es|ed|ing)|lease\s+start(?:\s+date)?|start\s+date|begin(?:s|ning)?|starting|term\s+(?:shall\s+)?(?:begin|start)s?|move[\s-]in\s+date|effective\s+as\s+of\s+the\s+commencement)\b"
);
static END_CUE: Re = re!(
    r"(?i)\b(?:expiration\s+date|expir(?:e|es|ing|ation)|end(?:s|ing)?|terminat(?:e|es|ing)|through|until|to\s+and\s+including|lease\s+end(?:\s+date)?|end\s+date)\b"
);
/// Dates that are not the term's when named between the cue and the date: the execution date,
/// delivery, notice deadlines.
static OTHER_DATE: Re = re!(
    r"(?i)\b(?:made|entered|dated|executed|signed|as\s+of\s+the\s+date|deliver\w*|possession|notice|no\s+later\s+than|on\s+or\s+before|by\s+no\s+later|rent\s+commencement)\b"
);
/// A clause about another lease, an outside date, an option or a holdover: none of its dates is
/// the term's, wherever the words stand before the date.
static NOT_THIS_TERM: Re = re!(
    r"(?i)\b(?:prior\s+lease|existing\s+lease|previous\s+lease|original\s+lease|current\s+lease|outside\s+date|option|renewal|extension\s+term|extended\s+term|holdover|holding\s+over|estimated|anticipated|currently\s+occupies|under\s+a\s+lease)\b"
);
/// "March 1, 2025 (the “Commencement Date”)" and "“Expiration Date” means October 31, 2033".
static DEFINED_AFTER: Re = re!(
    r#"(?i)^\s*\(\s*(?:the\s+|such\s+date\s+being\s+the\s+)?["“”]?(?P<t>(?:lease\s+|term\s+)?commencement\s+date|(?:lease\s+)?expiration\s+date|termination\s+date|rent\s+commencement\s+date|effective\s+date|outside\s+date|execution\s+date)["“”]?\s*\)"#
);
static DEFINED_BEFORE: Re = re!(
    r#"(?i)["“”](?P<t>(?:lease\s+|term\s+)?commencement\s+date|(?:lease\s+)?expiration\s+date|termination\s+date|rent\s+commencement\s+date|effective\s+date|outside\s+date)["“”]\s+(?:means|shall\s+mean|is|shall\s+be)\s+(?:the\s+date\s+)?$"#
);
static RANGE: Re = re!(
    r"(?i)^\s*(?:,\s*)?(?:through|to|until|-|–|—|and\s+ending\s+on|and\s+expiring\s+on|and\s+ending|to\s+and\s+including)\s+$"
);
static TERM_CUE: Re = re!(
    r#"(?i)(?:["“]term["”]\s+(?:means|shall\s+mean)\s+(?:the\s+)?(?:period\s+of\s+)?)|\b(?:(?:lease\s+|initial\s+|primary\s+|original\s+)?term\s+(?:of\s+(?:this\s+lease\s+)?|shall\s+be\s+|is\s+|will\s+be\s+)|for\s+a\s+(?:period|term)\s+of|period\s+of|term\s+of|term:|tenancy\s+of)"#
);

pub fn read(doc: &Doc, labels: &[LabelHit], found: &mut Found) {
    for hit in labels {
        let text = doc.text(&hit.value);
        match hit.label {
            Label::Commencement | Label::Expiration => {
                let field = if hit.label == Label::Commencement {
                    FieldName::Commencement
                } else {
                    FieldName::Expiration
                };
                let hits = dates::find_all(text);
                if let Some(d) = hits.first() {
                    found.push(
                        field,
                        Cand::at(&hit.value, d.start, d.end, Value::Date(d.date), LABELLED),
                    );
                }
            }
            Label::Term => {
                let hits = dates::find_all(text);
                if let [a, b, ..] = hits.as_slice() {
                    found.push(
                        FieldName::Commencement,
                        Cand::at(&hit.value, a.start, a.end, Value::Date(a.date), LABELLED - 0.03),
                    );
                    found.push(
                        FieldName::Expiration,
                        Cand::at(&hit.value, b.start, b.end, Value::Date(b.date), LABELLED - 0.03),
                    );
                }
                if let Some(d) = numbers::durations(text).first() {
                    push_term(found, &hit.value, d, LABELLED);
                }
            }
            _ => {}
        }
    }
    for seg in &doc.segs {
        let text = doc.text(seg);
        dates_in(text, seg, found);
        for cue in TERM_CUE.find_iter(text) {
            // An option's or a holdover's length, not the term's.
            if RENEWAL.is_match(&text[..cue.end()]) {
                continue;
            }
            let rest = &text[cue.end()..];
            if let Some(d) = numbers::durations(rest).first().filter(|d| d.start <= 12) {
                let d = numbers::Hit {
                    value: d.value,
                    start: d.start + cue.end(),
                    end: d.end + cue.end(),
                };
                push_term(found, seg, &d, WORDED);
            }
        }
    }
}

static RENEWAL: Re = re!(r"(?i)\b(?:renew\w*|extension|extend\w*|option\w*|holdover|month[\s-]to[\s-]month)\b");

fn push_term(found: &mut Found, seg: &Seg, d: &numbers::Hit, conf: f64) {
    if d.value >= 1.0 && d.value <= 1200.0 && d.value.fract() == 0.0 {
        found.push(
            FieldName::TermMonths,
            Cand::at(seg, d.start, d.end, Value::Integer(d.value as i64), conf),
        );
    }
}

/// Dates in a clause: a date right after a start or end cue, and "from A through B" ranges.
fn dates_in(text: &str, seg: &Seg, found: &mut Found) {
    let hits = dates::find_all(text);
    for (i, hit) in hits.iter().enumerate() {
        let window_start = if i == 0 { 0 } else { hits[i - 1].end };
        let before = &text[window_start..hit.start];
        // A defined term beside the date says what the date is.
        let defined = DEFINED_AFTER
            .captures(&text[hit.end..])
            .or_else(|| DEFINED_BEFORE.captures(tail(&text[..hit.start], 80)))
            .and_then(|c| c.name("t").map(|t| t.as_str().to_ascii_lowercase()));
        if let Some(term) = defined {
            let field = if term.starts_with("rent")
                || term.starts_with("effective")
                || term.starts_with("outside")
                || term.starts_with("execution")
            {
                None
            } else if term.contains("commencement") {
                Some(FieldName::Commencement)
            } else {
                Some(FieldName::Expiration)
            };
            if let Some(f) = field {
                found.push(f, Cand::at(seg, hit.start, hit.end, Value::Date(hit.date), LABELLED));
            }
            continue;
        }
        if NOT_THIS_TERM.is_match(tail(&text[..hit.start], 200)) {
            continue;
        }
        let near = tail(before, 90);
        let other = OTHER_DATE.find_iter(near).last();
        let start = START_CUE.find_iter(near).last();
        let end = END_CUE.find_iter(near).last();
        let other_end = other.map(|o| o.end());
        let clean = |cue: Option<usize>| cue.filter(|c| other_end.is_none_or(|o| o <= *c));
        let start = start.map(|m| m.start());
        let end = end.map(|m| m.start());
        if i > 0 && RANGE.is_match(before) {
            // "from A through B": B ends what A starts.
            let a = &hits[i - 1];
            let before_a = &text[..a.start];
            let lead = tail(before_a, 90);
            if START_CUE.is_match(lead) || lead.to_ascii_lowercase().contains("from") {
                if !OTHER_DATE.is_match(lead) {
                    found.push(
                        FieldName::Expiration,
                        Cand::at(seg, hit.start, hit.end, Value::Date(hit.date), WORDED),
                    );
                }
                continue;
            }
        }
        match (clean(start), clean(end)) {
            (Some(s), Some(e)) if e > s => found.push(
                FieldName::Expiration,
                Cand::at(seg, hit.start, hit.end, Value::Date(hit.date), WORDED - 0.05),
            ),
            (Some(_), _) => found.push(
                FieldName::Commencement,
                Cand::at(seg, hit.start, hit.end, Value::Date(hit.date), WORDED),
            ),
            (None, Some(_)) => found.push(
                FieldName::Expiration,
                Cand::at(seg, hit.start, hit.end, Value::Date(hit.date), WORDED - 0.05),
            ),
            _ => {
                let lower = near.to_ascii_lowercase();
                if lower.trim_end().ends_with("from") && other.is_none() {
                    found.push(
                        FieldName::Commencement,
                        Cand::at(seg, hit.start, hit.end, Value::Date(hit.date), WORDED - 0.1),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::labels;
    use super::*;
    use chrono::NaiveDate;

    fn best(text: &str, f: FieldName) -> Option<Value> {
        let pages = vec![text.to_string()];
        let doc = Doc::new(&pages);
        let mut found = Found::default();
        read(&doc, &labels::find(&doc), &mut found);
        found.best(f).map(|c| c.value)
    }

    fn d(y: i32, m: u32, day: u32) -> Option<Value> {
        Some(Value::Date(NaiveDate::from_ymd_opt(y, m, day).unwrap()))
    }

    #[test]
    fn term_clauses() {
        let t = "This Lease is made as of January 15, 2025. The Term shall be for a term of sixty (60) months commencing on March 1, 2025 and expiring on February 28, 2030.";
        assert_eq!(best(t, FieldName::Commencement), d(2025, 3, 1));
        assert_eq!(best(t, FieldName::Expiration), d(2030, 2, 28));
        assert_eq!(best(t, FieldName::TermMonths), Some(Value::Integer(60)));
        let t = "The lease term is from 03/01/2024 through 02/28/2025.";
        assert_eq!(best(t, FieldName::Commencement), d(2024, 3, 1));
        assert_eq!(best(t, FieldName::Expiration), d(2025, 2, 28));
        let t = "Lease Start Date: 03/01/2024\nLease End Date: 02/28/2025\n";
        assert_eq!(best(t, FieldName::Commencement), d(2024, 3, 1));
        assert_eq!(best(t, FieldName::Expiration), d(2025, 2, 28));
        let t = "Tenant may extend the Term for five (5) years. The prior lease expired on May 31, 2024.";
        assert_eq!(best(t, FieldName::TermMonths), None);
        assert_eq!(best(t, FieldName::Expiration), None);
    }
}
