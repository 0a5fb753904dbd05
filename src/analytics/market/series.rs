//! The series the regime detector watches, from a market's monthly observations: the 12-month
//! log change of the median price and of sales, and months of inventory; each standardized with
//! only the data up to the month being judged.
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// The three watched series; their names are part of the CLI's JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SeriesKind {
    /// ln(sales_t / sales_{t−12}).
    SalesYoy,
    /// ln(median_price_t / median_price_{t−12}).
    MedianPriceYoy,
    /// Months of inventory, as reported.
    InventoryMonths,
}

impl SeriesKind {
    pub const ALL: [SeriesKind; 3] = [Self::SalesYoy, Self::MedianPriceYoy, Self::InventoryMonths];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::SalesYoy => "sales_yoy",
            Self::MedianPriceYoy => "median_price_yoy",
            Self::InventoryMonths => "inventory_months",
        }
    }
}

/// A market's months, consecutive from `start` (the first of a month); a missing value is None.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MonthlySeries {
    pub start: Option<NaiveDate>,
    pub median_price: Vec<Option<f64>>,
    pub sales: Vec<Option<f64>>,
    pub inventory_months: Vec<Option<f64>>,
}

/// The first day of the month `months` after `start`'s.
pub fn add_months(start: NaiveDate, months: usize) -> NaiveDate {
    let total = start.year() * 12 + start.month0() as i32 + months as i32;
    NaiveDate::from_ymd_opt(total.div_euclid(12), total.rem_euclid(12) as u32 + 1, 1).unwrap_or(start)
}

/// Whole months from `a` to `b` (both firsts of months; negative when `b` is earlier).
pub fn months_between(a: NaiveDate, b: NaiveDate) -> i64 {
    (b.year() as i64 * 12 + b.month0() as i64) - (a.year() as i64 * 12 + a.month0() as i64)
}

impl MonthlySeries {
    pub fn len(&self) -> usize {
        self.median_price.len()
    }

    pub fn is_empty(&self) -> bool {
        self.median_price.is_empty()
    }

    /// The month of index `t`.
    pub fn month(&self, t: usize) -> Option<NaiveDate> {
        self.start.map(|s| add_months(s, t))
    }

    /// Builds the consecutive months from (month, median, sales, inventory) rows in any order;
    /// months without a row are missing throughout.
    pub fn from_rows(rows: impl IntoIterator<Item = (NaiveDate, Option<f64>, Option<f64>, Option<f64>)>) -> Self {
        let mut rows: Vec<_> = rows.into_iter().collect();
        rows.sort_by_key(|r| r.0);
        let (Some(first), Some(last)) = (rows.first().map(|r| r.0), rows.last().map(|r| r.0)) else {
            return Self::default();
        };
        let n = usize::try_from(months_between(first, last) + 1).unwrap_or(0);
        let mut s = Self {
            start: Some(first),
            median_price: vec![None; n],
            sales: vec![None; n],
            inventory_months: vec![None; n],
        };
        for (month, median, sales, inventory) in rows {
            let Ok(i) = usize::try_from(months_between(first, month)) else {
                continue;
            };
            s.median_price[i] = median;
            s.sales[i] = sales;
            s.inventory_months[i] = inventory;
        }
        s
    }

    /// The raw (unstandardized) series of `kind`.
    pub fn raw(&self, kind: SeriesKind) -> Vec<Option<f64>> {
        match kind {
            SeriesKind::SalesYoy => log_change(&self.sales, 12),
            SeriesKind::MedianPriceYoy => log_change(&self.median_price, 12),
            SeriesKind::InventoryMonths => self.inventory_months.clone(),
        }
    }
}

/// ln(x_t / x_{t−lag}) where both are present and positive.
pub fn log_change(xs: &[Option<f64>], lag: usize) -> Vec<Option<f64>> {
    (0..xs.len())
        .map(|t| {
            let now = xs[t]?;
            let before = xs[t.checked_sub(lag)?]?;
            (now > 0.0 && before > 0.0).then(|| (now / before).ln())
        })
        .collect()
}

/// z_t = (x_t − mean) / sd over the present values x_1..x_t (expanding, so nothing after t is
/// used); missing until `min_history` values have been seen or while their spread is zero.
pub fn standardized(xs: &[Option<f64>], min_history: usize) -> Vec<Option<f64>> {
    let (mut n, mut mean, mut m2) = (0usize, 0.0, 0.0);
    xs.iter()
        .map(|x| {
            let x = (*x)?;
            // Welford's update.
            n += 1;
            let delta = x - mean;
            mean += delta / n as f64;
            m2 += delta * (x - mean);
            if n < min_history.max(2) {
                return None;
            }
            let sd = (m2 / (n - 1) as f64).sqrt();
            (sd > 0.0).then(|| (x - mean) / sd)
        })
        .collect()
}

#[cfg(test)]
mod tests;
