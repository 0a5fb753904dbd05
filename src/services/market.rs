//! Market series and regimes (docs/market.md): the tenant's imported markets and the ones derived
//! from its own sales, a market's months, its regime in a month and its changepoint alarms. The
//! detector and the rules are `analytics::market`; the import gate is `market::import`.
pub mod import;
pub mod stored;

use crate::analytics::market::bocpd::Hyper;
use crate::analytics::market::regime::{self, Regime, RegimeConfig, RegimeError};
use crate::analytics::market::series::{MonthlySeries, SeriesKind, add_months, months_between};
use crate::analytics::stats::ratio::median;
use crate::config::MarketSettings;
use crate::error::{ApiError, ApiResult};
use crate::persistence::TenantTx;
use crate::persistence::repositories::market_series::{self, MarketRow, SalePoint};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;

/// Where a market's months come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// `reos import market` / `importMarketSeries`.
    Imported,
    /// Computed from the tenant's sales: median $/sf and count per month.
    Derived,
}

/// A market the tenant can ask about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MarketInfo {
    pub name: String,
    pub source: Source,
    pub first_month: NaiveDate,
    pub last_month: NaiveDate,
    /// Months with a row.
    pub months: i64,
}

/// Prefix of the names of markets derived from sales (`sales:Ames`, `sales:Ames/North_Ames`).
pub const DERIVED_PREFIX: &str = "sales:";

/// Sale conditions a derived series counts: arm's-length sales (and new homes sold before
/// completion), not family, allocation or adjacent-land sales.
const ARMS_LENGTH: [&str; 2] = ["normal", "partial"];

/// The detector and rules of `[market]`.
pub fn regime_config(s: &MarketSettings) -> RegimeConfig {
    RegimeConfig {
        hyper: Hyper {
            lambda: s.lambda,
            mu0: s.mu0,
            kappa0: s.kappa0,
            alpha0: s.alpha0,
            beta0: s.beta0,
        },
        alarm_run_length: s.alarm_run_length,
        min_history: s.min_history,
        stable_band: s.stable_band,
    }
}

/// Monthly series from sales: per city (`sales:CITY`) and per city and neighbourhood
/// (`sales:CITY/NEIGHBOURHOOD`), the median price per square foot of living area and the number
/// of arm's-length sales in each month; volume is their total price. Months without a sale are
/// absent (missing).
pub fn derive_from_sales(points: &[SalePoint]) -> BTreeMap<String, Vec<MarketRow>> {
    let mut groups: BTreeMap<String, BTreeMap<NaiveDate, Vec<&SalePoint>>> = BTreeMap::new();
    for p in points {
        if !ARMS_LENGTH.contains(&p.condition.as_str()) || p.living_area_sf <= 0.0 {
            continue;
        }
        let Some(city) = &p.city else { continue };
        let month = p.date.with_day(1).unwrap_or(p.date);
        let mut names = vec![format!("{DERIVED_PREFIX}{city}")];
        if let Some(n) = &p.neighborhood {
            names.push(format!("{DERIVED_PREFIX}{city}/{n}"));
        }
        for name in names {
            groups.entry(name).or_default().entry(month).or_default().push(p);
        }
    }
    groups
        .into_iter()
        .map(|(name, months)| {
            let rows = months
                .into_iter()
                .map(|(month, sales)| {
                    let psf: Vec<f64> = sales.iter().map(|s| s.price / s.living_area_sf).collect();
                    MarketRow {
                        market: name.clone(),
                        month,
                        median_price: median(&psf),
                        sales: Some(sales.len() as f64),
                        volume: Some(sales.iter().map(|s| s.price).sum()),
                        listings: None,
                        inventory_months: None,
                    }
                })
                .collect();
            (name, rows)
        })
        .collect()
}

fn info(name: String, source: Source, rows: &[MarketRow]) -> Option<MarketInfo> {
    Some(MarketInfo {
        name,
        source,
        first_month: rows.first()?.month,
        last_month: rows.last()?.month,
        months: rows.len() as i64,
    })
}

/// The imported markets, then those derived from sales, each by name.
#[tracing::instrument(skip_all)]
pub async fn list(tx: &TenantTx) -> ApiResult<Vec<MarketInfo>> {
    let mut out: Vec<MarketInfo> = market_series::markets(tx)
        .await?
        .into_iter()
        .map(|m| MarketInfo {
            name: m.market,
            source: Source::Imported,
            first_month: m.first,
            last_month: m.last,
            months: m.months,
        })
        .collect();
    let derived = derive_from_sales(&market_series::sale_points(tx).await?);
    out.extend(
        derived
            .into_iter()
            .filter_map(|(name, rows)| info(name, Source::Derived, &rows)),
    );
    Ok(out)
}

/// A market's rows, by month; NOT_FOUND when the tenant has no such market.
pub async fn rows(tx: &TenantTx, name: &str) -> ApiResult<(MarketInfo, Vec<MarketRow>)> {
    let (source, rows) = match name.strip_prefix(DERIVED_PREFIX) {
        Some(_) => {
            let mut derived = derive_from_sales(&market_series::sale_points(tx).await?);
            (Source::Derived, derived.remove(name).unwrap_or_default())
        }
        None => (Source::Imported, market_series::months(tx, Some(name)).await?),
    };
    let info = info(name.to_owned(), source, &rows).ok_or_else(|| ApiError::not_found("market"))?;
    Ok((info, rows))
}

/// Rows (of one market, by month) as the detector's consecutive months.
pub fn monthly(rows: &[MarketRow]) -> MonthlySeries {
    MonthlySeries::from_rows(
        rows.iter()
            .map(|r| (r.month, r.median_price, r.sales, r.inventory_months)),
    )
}

/// A market's regime in a month, with the months its indices stand for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegimeView {
    pub market: String,
    pub month: NaiveDate,
    pub segment_start: NaiveDate,
    pub regime: Regime,
}

/// The regime of `name` in `as_of` (default: its last month), from data up to that month.
#[tracing::instrument(skip(tx, cfg))]
pub async fn regime_of(
    tx: &TenantTx,
    name: &str,
    as_of: Option<NaiveDate>,
    cfg: &RegimeConfig,
) -> ApiResult<RegimeView> {
    let (info, rows) = rows(tx, name).await?;
    regime_in(&info.name, &monthly(&rows), as_of, cfg)
}

/// [`regime_of`] on a series at hand.
pub fn regime_in(
    name: &str,
    series: &MonthlySeries,
    as_of: Option<NaiveDate>,
    cfg: &RegimeConfig,
) -> ApiResult<RegimeView> {
    let start = series.start.ok_or_else(|| ApiError::not_found("market"))?;
    let t = match as_of {
        None => series.len().saturating_sub(1),
        Some(m) => {
            let i = months_between(start, m.with_day(1).unwrap_or(m));
            let last = add_months(start, series.len().saturating_sub(1));
            usize::try_from(i).ok().filter(|i| *i < series.len()).ok_or_else(|| {
                ApiError::bad_input(
                    "asOf",
                    format!(
                        "{} is outside {name}'s months ({} to {})",
                        m.format("%Y-%m"),
                        start.format("%Y-%m"),
                        last.format("%Y-%m")
                    ),
                )
            })?
        }
    };
    let regime = regime::regime_at(series, t, cfg).map_err(|e| match e {
        RegimeError::Hyper(e) => ApiError::bad_input(format!("market.{e}"), e.to_string()),
        other => ApiError::bad_input("asOf", other.to_string()),
    })?;
    Ok(RegimeView {
        market: name.to_owned(),
        month: add_months(start, t),
        segment_start: add_months(start, regime.segment_start),
        regime,
    })
}

/// One alarm: a month where a series' most probable run length fell to `alarm_run_length` or
/// below. The JSON names are the CLI's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Changepoint {
    pub market: String,
    pub series: SeriesKind,
    /// `YYYY-MM`.
    pub month: String,
    /// P(a segment began within the last `alarm_run_length` months) in that month.
    pub probability: f64,
}

/// Every alarm of every watched series of one market, by month.
pub fn changepoints_in(name: &str, series: &MonthlySeries, cfg: &RegimeConfig) -> ApiResult<Vec<Changepoint>> {
    let Some(start) = series.start else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for kind in SeriesKind::ALL {
        let points = regime::track(&series.raw(kind), cfg).map_err(|e| ApiError::bad_input("market", e.to_string()))?;
        out.extend(regime::alarms(&points, cfg).into_iter().map(|a| Changepoint {
            market: name.to_owned(),
            series: kind,
            month: add_months(start, a.t).format("%Y-%m").to_string(),
            probability: a.probability,
        }));
    }
    out.sort_by(|a, b| a.month.cmp(&b.month).then(a.series.as_str().cmp(b.series.as_str())));
    Ok(out)
}

/// The alarms of many markets, each market's by month, markets in the order given; markets are
/// computed in parallel (the detector is the cost: O(months²) per series).
pub fn changepoints_of_all(markets: &[(String, MonthlySeries)], cfg: &RegimeConfig) -> ApiResult<Vec<Changepoint>> {
    use rayon::prelude::*;
    let per_market: Vec<ApiResult<Vec<Changepoint>>> = markets
        .par_iter()
        .map(|(name, series)| changepoints_in(name, series, cfg))
        .collect();
    let mut out = Vec::new();
    for found in per_market {
        out.extend(found?);
    }
    Ok(out)
}

/// The alarms of one market, or of every market of the tenant (imported and derived), at least
/// `min_probability` likely.
#[tracing::instrument(skip(tx, cfg))]
pub async fn changepoints(
    tx: &TenantTx,
    market: Option<&str>,
    min_probability: f64,
    cfg: &RegimeConfig,
) -> ApiResult<Vec<Changepoint>> {
    if !(0.0..=1.0).contains(&min_probability) {
        return Err(ApiError::bad_input("minProbability", "must be between 0 and 1"));
    }
    let series = match market {
        Some(m) => vec![(m.to_owned(), monthly(&rows(tx, m).await?.1))],
        None => all_series(tx).await?,
    };
    let mut out = changepoints_of_all(&series, cfg)?;
    out.retain(|c| c.probability >= min_probability);
    Ok(out)
}

/// Every market of the tenant (the imported ones, then those derived from its sales) as the
/// detector's months, by name: two reads however many markets.
pub async fn all_series(tx: &TenantTx) -> ApiResult<Vec<(String, MonthlySeries)>> {
    let imported = by_market(market_series::months(tx, None).await?);
    let derived = derive_from_sales(&market_series::sale_points(tx).await?);
    Ok(imported
        .into_iter()
        .chain(derived)
        .map(|(name, rows)| (name, monthly(&rows)))
        .collect())
}

/// Canonical market rows grouped by market (what `reos market report` reads from a file).
pub fn by_market(rows: Vec<MarketRow>) -> BTreeMap<String, Vec<MarketRow>> {
    let mut out: BTreeMap<String, Vec<MarketRow>> = BTreeMap::new();
    for r in rows {
        out.entry(r.market.clone()).or_default().push(r);
    }
    for v in out.values_mut() {
        v.sort_by_key(|r| r.month);
    }
    out
}

#[cfg(test)]
mod tests;
