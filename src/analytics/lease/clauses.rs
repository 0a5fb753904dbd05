//! The residential clauses an abstract quotes rather than reduces to a number (docs/lease.md
//! "Clauses"): pets, parking and utilities. A clause is the section a heading names ("4. Pets.",
//! "8. PARKING AND VEHICLES", "Utilities:") through the last segment before the next section on
//! the same page; failing a heading, the first sentence that names the subject. Quoted and cited,
//! never interpreted.
use super::abstract_::{Clause, ClauseTopic, Value};
use super::candidate::Cand;
use super::pattern::Re;
use super::segment::{Doc, Seg};

fn keyword(topic: ClauseTopic) -> &'static Re {
    match topic {
        ClauseTopic::Pets => &PETS,
        ClauseTopic::Parking => &PARKING,
        ClauseTopic::Utilities => &UTILITIES,
    }
}

static PETS: Re = re!(r"(?i)\b(?:pets?|animals?)\b");
static PARKING: Re = re!(r"(?i)\b(?:parking|vehicles?)\b");
static UTILITIES: Re = re!(r"(?i)\butilit(?:y|ies)\b");
/// A section's number ("4.", "10.", "(b)", "Section 7") before its title.
static NUMBER: Re = re!(r"^\s*(?:(?i:section|article)\s+)?(?:\d{1,3}(?:\.\d+)*\.?|\(?[a-zA-Z0-9]{1,3}[.)])\s+");
/// The longest a section title runs before its period, colon or line end.
const TITLE_MAX: usize = 40;
/// How much of a page one clause may quote.
const CLAUSE_MAX_BYTES: usize = 1_500;

/// A bare section number cut off as its own segment ("4." before "Pets.").
static BARE_NUMBER: Re = re!(r"^\s*(?:(?i:section|article)\s+)?(?:\d{1,3}(?:\.\d+)*\.?|\(?[a-zA-Z0-9]{1,3}[.)])\s*$");

/// The section title a segment opens with, if it opens a section — a numbered title ("4. Pets.",
/// "7. PETS"), a title alone ("Pets.", "PARKING AND VEHICLES") or a label ("Pet fee: $250") —
/// and whether the segment is the title alone. A title is at most five words, without figures.
fn title(text: &str, number_before: bool) -> Option<(&str, bool)> {
    let numbered = NUMBER.find(text).map(|m| m.end());
    let rest = &text[numbered.unwrap_or(0)..];
    let end = rest.find(['.', ':', '\n']).unwrap_or(rest.len());
    let head = rest[..end].trim();
    let after = rest.get(end + 1..).unwrap_or("").trim();
    let label = rest[end..].starts_with(':');
    let capital = head.chars().next().is_some_and(char::is_uppercase);
    let short = head.len() <= TITLE_MAX && head.split_whitespace().count() <= 5;
    let figures = head.chars().any(|c| c.is_ascii_digit() || c == '$' || c == '#');
    let alone = after.is_empty();
    (capital && short && !figures && (numbered.is_some() || number_before || label || alone)).then_some((head, alone))
}

/// Whether segment `s` starts a new numbered section (of any subject).
fn opens_section(doc: &Doc, s: &Seg) -> bool {
    let text = doc.text(s);
    (NUMBER.is_match(text) && title(text, false).is_some()) || BARE_NUMBER.is_match(text)
}

fn cite(doc: &Doc, first: &Seg, last: &Seg, confidence: f64, topic: ClauseTopic) -> Clause {
    let c = Cand {
        value: Value::Integer(0),
        conf: confidence,
        page: first.page,
        start: first.start,
        end: last.end,
    };
    Clause {
        topic,
        confidence,
        citation: c.citation(doc),
    }
}

/// The clause of `topic` in `doc`, if the lease has one.
pub fn find(doc: &Doc, topic: ClauseTopic) -> Option<Clause> {
    let kw = keyword(topic);
    // The segment before, when it is a bare section number on the same page.
    let bare = |i: usize| {
        i.checked_sub(1)
            .map(|j| doc.segs[j])
            .filter(|p| p.page == doc.segs[i].page && BARE_NUMBER.is_match(doc.text(p)))
    };
    let heading = doc.segs.iter().enumerate().find_map(|(i, s)| {
        title(doc.text(s), bare(i).is_some())
            .filter(|(t, _)| kw.is_match(t))
            .map(|(_, alone)| (i, alone))
    });
    if let Some((i, alone)) = heading {
        let numbered = NUMBER.is_match(doc.text(&doc.segs[i]));
        let bare = bare(i);
        let first = bare.unwrap_or(doc.segs[i]);
        let mut last = doc.segs[i];
        // A title alone or a numbered section runs on; a label is its own sentence.
        let more = if numbered || alone || bare.is_some() {
            doc.segs.len()
        } else {
            0
        };
        for s in doc.segs.iter().skip(i + 1).take(more) {
            if s.page != first.page || opens_section(doc, s) || s.end - first.start > CLAUSE_MAX_BYTES {
                break;
            }
            last = *s;
        }
        return Some(cite(doc, &first, &last, 0.95, topic));
    }
    doc.segs
        .iter()
        .find(|s| kw.is_match(doc.text(s)))
        .map(|s| cite(doc, s, s, 0.7, topic))
}

/// The pets, parking and utilities clauses of `doc` that it has.
pub fn residential(doc: &Doc) -> Vec<Clause> {
    ClauseTopic::ALL.iter().filter_map(|t| find(doc, *t)).collect()
}

#[cfg(test)]
mod tests;
