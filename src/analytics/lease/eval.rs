//! Accuracy against a corpus's truth (docs/lease.md): per field, how many stated values were
//! read exactly, missed or read wrong, how many values were read that the lease does not state,
//! and every confident error (a wrong value at confidence 0.9 or more).
use super::abstract_::{FieldName, LeaseAbstract, RentPeriod, normalize_text};
use serde::Serialize;
use serde_json::Value as Json;
use std::collections::BTreeMap;

/// A wrong value read with confidence at or above this is a confident error.
pub const CONFIDENT: f64 = 0.9;

/// One field's tallies.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Tally {
    /// Stated in the lease (truth not null).
    pub present: usize,
    pub exact: usize,
    pub missed: usize,
    pub wrong: usize,
    /// Read although the lease does not state it.
    pub spurious: usize,
    pub confident_errors: usize,
}

/// A wrong value, for the report.
#[derive(Debug, Clone, Serialize)]
pub struct Miss {
    pub document: String,
    pub field: String,
    pub expected: Json,
    pub got: Json,
    pub confidence: Option<f64>,
}

/// Tallies over a corpus.
#[derive(Debug, Default, Serialize)]
pub struct Report {
    pub documents: usize,
    pub fields: BTreeMap<String, Tally>,
    pub schedules: usize,
    pub schedules_exact: usize,
    pub kinds_right: usize,
    pub misses: Vec<Miss>,
}

/// Whether `got` is `want`: text ignoring case, spacing and trailing punctuation; numbers within
/// a cent (or 1e-6 for fractions); dates and integers exactly.
pub fn same(want: &Json, got: &Json) -> bool {
    match (want, got) {
        (Json::String(a), Json::String(b)) => normalize_text(a) == normalize_text(b),
        (Json::Number(a), Json::Number(b)) => match (a.as_f64(), b.as_f64()) {
            (Some(a), Some(b)) if a.abs() < 1.0 && a != a.trunc() => (a - b).abs() < 1e-6,
            (Some(a), Some(b)) => (a - b).abs() <= 0.01 + 1e-9 * a.abs(),
            _ => false,
        },
        _ => want == got,
    }
}

/// Schedules match when they have the same periods and each amount is within 0.5% (rounding
/// conventions differ between leases and between derived periods).
pub fn same_schedule(want: &Json, got: &[RentPeriod]) -> bool {
    let Some(want) = want.as_array() else {
        return got.is_empty();
    };
    want.len() == got.len()
        && want.iter().zip(got).all(|(w, g)| {
            let close = |k: &str, v: f64| {
                w.get(k)
                    .and_then(Json::as_f64)
                    .is_some_and(|x| (x - v).abs() <= 0.005 * x.abs() + 0.01)
            };
            w.get("start").and_then(Json::as_str) == Some(g.start.format("%Y-%m-%d").to_string().as_str())
                && w.get("end").and_then(Json::as_str) == Some(g.end.format("%Y-%m-%d").to_string().as_str())
                && close("monthly", g.monthly)
                && close("annual", g.annual)
        })
}

impl Report {
    /// Adds one document's abstract against its truth (`{"kind", "fields": {…}, "rent_schedule"}`).
    pub fn add(&mut self, document: &str, got: &LeaseAbstract, truth: &Json) {
        self.documents += 1;
        let kind = serde_json::to_value(got.kind).unwrap_or(Json::Null);
        if truth.get("kind") == Some(&kind) {
            self.kinds_right += 1;
        }
        for name in FieldName::ALL {
            let want = truth
                .get("fields")
                .and_then(|f| f.get(name.as_str()))
                .cloned()
                .unwrap_or(Json::Null);
            let field = got.get(*name);
            let value = field.map_or(Json::Null, |f| f.value.to_json());
            let tally = self.fields.entry(name.as_str().to_string()).or_default();
            let wrong = match (&want, field) {
                (Json::Null, None) => false,
                (Json::Null, Some(_)) => {
                    tally.spurious += 1;
                    true
                }
                (_, None) => {
                    tally.present += 1;
                    tally.missed += 1;
                    false
                }
                (w, Some(_)) => {
                    tally.present += 1;
                    if same(w, &value) {
                        tally.exact += 1;
                        false
                    } else {
                        tally.wrong += 1;
                        true
                    }
                }
            };
            let confidence = field.map(|f| f.confidence);
            if wrong && confidence.is_some_and(|c| c >= CONFIDENT) {
                tally.confident_errors += 1;
            }
            let missed = want != Json::Null && field.is_none();
            if missed || wrong {
                self.misses.push(Miss {
                    document: document.to_string(),
                    field: name.as_str().to_string(),
                    expected: want,
                    got: value,
                    confidence,
                });
            }
        }
        if let Some(w) = truth.get("rent_schedule") {
            self.schedules += 1;
            if same_schedule(w, &got.rent_schedule) {
                self.schedules_exact += 1;
            } else {
                let got = serde_json::to_value(&got.rent_schedule).unwrap_or(Json::Null);
                self.misses.push(Miss {
                    document: document.to_string(),
                    field: "rent_schedule".into(),
                    expected: w.clone(),
                    got,
                    confidence: None,
                });
            }
        }
    }

    /// Stated values read exactly, over all stated values.
    pub fn exact_rate(&self) -> f64 {
        let (e, p) = self
            .fields
            .values()
            .fold((0, 0), |(e, p), t| (e + t.exact, p + t.present));
        if p == 0 { 1.0 } else { e as f64 / p as f64 }
    }

    pub fn confident_errors(&self) -> usize {
        self.fields.values().map(|t| t.confident_errors).sum()
    }
}
