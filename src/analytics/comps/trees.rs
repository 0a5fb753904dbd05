//! The second learner: gradient-boosted trees (`stats::boost`) on the canonical columns,
//! location and sale month, fitted on prior sales only; `model.rs` blends its log estimate with
//! the comps' by a weight learned on a later, held-out fold of prior sales (docs/comp-critic.md).

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::columns::NUMERIC;
use super::config::CompConfig;
use super::market_time::month_index;
use super::sale::{Attributes, Sale};
use crate::analytics::stats::boost::{BoostConfig, Booster};

/// Label columns, each replaced by its smoothed mean log price over the training sales.
const LABELS: usize = 4;

/// Pseudo-count that pulls a rare label's mean towards the overall mean.
const SMOOTHING: f64 = 5.0;

fn labels<'a>(attrs: &'a Attributes, nbhd: Option<&'a str>, condition: &'a str) -> [Option<&'a str>; LABELS] {
    [
        nbhd,
        attrs.building_type.as_deref(),
        attrs.stories.as_deref(),
        Some(condition),
    ]
}

/// Columns: the hedonic numeric columns, latitude, longitude, sale month, then the labels.
const COLUMNS: usize = NUMERIC.len() + 3 + LABELS;

/// Target encoding of the label columns, learned from the training sales only.
#[derive(Debug, Clone, Default, PartialEq)]
struct Encoding {
    means: [BTreeMap<String, f64>; LABELS],
}

impl Encoding {
    fn learn(train: &[&Sale]) -> Encoding {
        let overall = train.iter().map(|s| s.price.ln()).sum::<f64>() / train.len().max(1) as f64;
        let mut sums: [BTreeMap<String, (f64, f64)>; LABELS] = Default::default();
        for s in train {
            for (m, l) in sums
                .iter_mut()
                .zip(labels(&s.attrs, s.neighborhood.as_deref(), &s.condition))
            {
                if let Some(l) = l {
                    let e = m.entry(l.to_ascii_lowercase()).or_insert((0.0, 0.0));
                    e.0 += s.price.ln();
                    e.1 += 1.0;
                }
            }
        }
        Encoding {
            means: sums.map(|m| {
                m.into_iter()
                    .map(|(k, (sum, n))| (k, (sum + SMOOTHING * overall) / (n + SMOOTHING)))
                    .collect()
            }),
        }
    }

    /// The encoded value; missing (NaN) when absent or never seen in training.
    fn value(&self, i: usize, label: Option<&str>) -> f64 {
        label
            .and_then(|l| self.means[i].get(&l.to_ascii_lowercase()).copied())
            .unwrap_or(f64::NAN)
    }
}

/// What the trees see of one sale (or of a subject, valued as an arm's-length sale at `date`).
pub(crate) struct Row<'a> {
    pub attrs: &'a Attributes,
    pub nbhd: Option<&'a str>,
    pub lat: f64,
    pub lon: f64,
    pub condition: &'a str,
    pub date: NaiveDate,
}

impl<'a> Row<'a> {
    pub fn of_sale(s: &'a Sale) -> Row<'a> {
        Row {
            attrs: &s.attrs,
            nbhd: s.neighborhood.as_deref(),
            lat: s.lat,
            lon: s.lon,
            condition: &s.condition,
            date: s.sale_date,
        }
    }
}

/// Fitted boosted trees over log price.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TreeLearner {
    booster: Booster,
    encoding: Encoding,
}

impl TreeLearner {
    /// Fits on `train` (log price); `None` when the learner is off (`tree_count` 0) or there are
    /// fewer sales than `min_training_sales`.
    pub fn fit(train: &[&Sale], cfg: &CompConfig) -> Option<TreeLearner> {
        if cfg.tree_count == 0 || train.len() < cfg.min_training_sales.max(2) {
            return None;
        }
        let encoding = Encoding::learn(train);
        let rows: Vec<Row<'_>> = train.iter().map(|s| Row::of_sale(s)).collect();
        let data: Vec<f64> = (0..COLUMNS)
            .flat_map(|c| rows.iter().map(move |r| (r, c)))
            .map(|(r, c)| feature(&encoding, r, c))
            .collect();
        let y: Vec<f64> = train.iter().map(|s| s.price.ln()).collect();
        let boost = BoostConfig {
            trees: cfg.tree_count,
            learning_rate: cfg.tree_learning_rate,
            leaves: cfg.tree_leaves,
            min_leaf: cfg.tree_min_leaf,
            row_share: 0.8,
            column_share: 0.8,
            bins: 63,
            seed: 7,
        };
        let booster = Booster::fit(&data, train.len(), COLUMNS, &y, &boost);
        Some(TreeLearner { booster, encoding })
    }

    /// Log price the trees predict for `row`.
    pub fn predict_log(&self, row: &Row<'_>) -> f64 {
        let x: Vec<f64> = (0..COLUMNS).map(|c| feature(&self.encoding, row, c)).collect();
        self.booster.predict(&x)
    }
}

/// Column `c` of `row`; NaN where the value is missing.
fn feature(enc: &Encoding, r: &Row<'_>, c: usize) -> f64 {
    let n = NUMERIC.len();
    match c {
        c if c < n => (NUMERIC[c].2)(r.attrs).unwrap_or(f64::NAN),
        c if c == n => r.lat,
        c if c == n + 1 => r.lon,
        c if c == n + 2 => month_index(r.date),
        c => {
            let i = c - n - 3;
            enc.value(i, labels(r.attrs, r.nbhd, r.condition).get(i).copied().flatten())
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;
