//! Candidates: every place a field's value was read, with how strongly the wording supports it;
//! the chosen value is the best-supported one, and disagreement lowers its confidence.
use super::abstract_::{Citation, Field, FieldName, Value};
use super::segment::{Doc, Seg};
use super::text::char_offset;
use std::collections::BTreeMap;

/// A value read at byte range `start..end` of page `page` (0-based).
#[derive(Debug, Clone, PartialEq)]
pub struct Cand {
    pub value: Value,
    pub conf: f64,
    pub page: usize,
    pub start: usize,
    pub end: usize,
}

impl Cand {
    /// A candidate read at `start..end` of segment `seg` (offsets relative to the segment).
    pub fn at(seg: &Seg, start: usize, end: usize, value: Value, conf: f64) -> Cand {
        Cand {
            value,
            conf,
            page: seg.page,
            start: seg.start + start,
            end: seg.start + end,
        }
    }

    /// The same place, another value (a value derived from this one).
    pub fn derived(&self, value: Value, conf: f64) -> Cand {
        Cand {
            value,
            conf,
            ..self.clone()
        }
    }

    pub fn citation(&self, doc: &Doc) -> Citation {
        let page = doc.pages.get(self.page).map_or("", String::as_str);
        let text = page.get(self.start..self.end).unwrap_or("");
        Citation {
            page: self.page as u32 + 1,
            start: char_offset(page, self.start),
            end: char_offset(page, self.end),
            text: text.split_whitespace().collect::<Vec<_>>().join(" "),
        }
    }
}

/// What a fixed-dollar rent step is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepUnit {
    SquareFootYear,
    Month,
    Year,
}

/// Candidates by field, and the figures that become a field's value only once another field is
/// known (derive.rs resolves them).
#[derive(Debug, Default)]
pub struct Found {
    pub fields: BTreeMap<FieldName, Vec<Cand>>,
    /// "a deposit equal to two (2) months of Base Rent": the count of months, where it was read.
    pub deposit_months: Vec<(f64, Cand)>,
    /// An allowance stated as a total (dollars), to be divided by the area.
    pub ti_totals: Vec<Cand>,
    /// "Base Rent shall increase by $0.50 per rentable square foot each year".
    pub rent_steps: Vec<(StepUnit, f64, Cand)>,
}

impl Found {
    pub fn push(&mut self, name: FieldName, cand: Cand) {
        self.fields.entry(name).or_default().push(cand);
    }

    pub fn get(&self, name: FieldName) -> &[Cand] {
        self.fields.get(&name).map_or(&[], Vec::as_slice)
    }

    /// The chosen candidate of `name` and its confidence.
    pub fn best(&self, name: FieldName) -> Option<Cand> {
        choose(self.get(name))
    }
}

/// Groups agreeing candidates; the group with the strongest support wins. Independent places
/// agreeing raise the confidence a little; a competing value with nearly as much support makes
/// the choice a guess (0.55), a weaker competitor costs a little.
pub fn choose(cands: &[Cand]) -> Option<Cand> {
    let mut groups: Vec<Vec<&Cand>> = Vec::new();
    for c in cands {
        match groups.iter_mut().find(|g| g[0].value.same(&c.value)) {
            Some(g) => g.push(c),
            None => groups.push(vec![c]),
        }
    }
    let score = |g: &Vec<&Cand>| {
        let best = g.iter().map(|c| c.conf).fold(0.0, f64::max);
        let mut places: Vec<(usize, usize)> = g.iter().map(|c| (c.page, c.start)).collect();
        places.dedup();
        (best + 0.03 * (places.len().saturating_sub(1)) as f64).min(0.99)
    };
    let mut scored: Vec<(f64, &Vec<&Cand>)> = groups.iter().map(|g| (score(g), g)).collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (top, group) = scored.first()?;
    let lead = group.iter().max_by(|a, b| {
        a.conf
            .total_cmp(&b.conf)
            .then(b.page.cmp(&a.page))
            .then(b.start.cmp(&a.start))
    })?;
    let conf = match scored.get(1) {
        Some((second, _)) if *second >= top - 0.15 => top.min(0.55),
        Some(_) => top - 0.1,
        None => *top,
    };
    Some(Cand {
        conf,
        ..(*lead).clone()
    })
}

/// The field an analyst reads.
pub fn to_field(doc: &Doc, cand: &Cand) -> Field {
    Field {
        value: cand.value.clone(),
        confidence: (cand.conf * 100.0).round() / 100.0,
        citation: cand.citation(doc),
    }
}
