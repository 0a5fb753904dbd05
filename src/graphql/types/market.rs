//! Markets and their regimes (docs/market.md): `Market` with its months and changepoint alarms,
//! `MarketRegime`, the regimes the `market_regime` job stored, and the import payload.
use crate::analytics::market::regime::{Label, RegimeConfig};
use crate::analytics::market::series::SeriesKind;
use crate::error::ApiError;
use crate::graphql::context::tx;
use crate::services::market::{self as svc, MarketInfo, RegimeView, Source, stored};
use async_graphql::{ComplexObject, Context, Enum, Result, SimpleObject};
use chrono::NaiveDate;
use reos_entities::market_regime;

/// Where a market's months come from.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum MarketSource {
    /// Imported (`importMarketSeries`, `reos import market`).
    Imported,
    /// Derived from the tenant's own sales: median $/sf and count of arm's-length sales per month
    /// (names start with `sales:`).
    Derived,
}

/// The three series the detector watches.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum MarketSeriesKind {
    /// 12-month log change of sales.
    SalesYoy,
    /// 12-month log change of the median price.
    MedianPriceYoy,
    /// Months of inventory.
    InventoryMonths,
}

impl From<SeriesKind> for MarketSeriesKind {
    fn from(k: SeriesKind) -> Self {
        match k {
            SeriesKind::SalesYoy => Self::SalesYoy,
            SeriesKind::MedianPriceYoy => Self::MedianPriceYoy,
            SeriesKind::InventoryMonths => Self::InventoryMonths,
        }
    }
}

/// The regime labels (rules in docs/market.md).
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum RegimeLabel {
    /// The segment's mean 12-month price change is above +stable_band.
    Expansion,
    /// Below −stable_band.
    Contraction,
    /// Not contracting, right after a contracting segment.
    Recovery,
    /// Within ±stable_band.
    Stable,
}

impl From<Label> for RegimeLabel {
    fn from(l: Label) -> Self {
        match l {
            Label::Expansion => Self::Expansion,
            Label::Contraction => Self::Contraction,
            Label::Recovery => Self::Recovery,
            Label::Stable => Self::Stable,
        }
    }
}

/// What a field running the changepoint detector costs (docs/graphql.md "Limits"): one market's
/// three series are quadratic in its months, about a millisecond for 15 years; a regime runs the
/// same up to the month asked. (Here, not in `price`: `price` reads these types.)
pub const MARKET_DETECTOR: usize = 100;

fn ym(d: NaiveDate) -> String {
    d.format("%Y-%m").to_string()
}

/// A market of the caller's tenant.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct Market {
    pub name: String,
    pub source: MarketSource,
    /// `YYYY-MM`.
    pub first_month: String,
    pub last_month: String,
    /// Months with data.
    pub months: i64,
}

impl From<MarketInfo> for Market {
    fn from(m: MarketInfo) -> Self {
        Self {
            name: m.name,
            source: match m.source {
                Source::Imported => MarketSource::Imported,
                Source::Derived => MarketSource::Derived,
            },
            first_month: ym(m.first_month),
            last_month: ym(m.last_month),
            months: m.months,
        }
    }
}

/// One month of a market; any value may be missing.
#[derive(SimpleObject)]
pub struct MarketMonth {
    /// `YYYY-MM`.
    pub month: String,
    /// Median sale price (derived markets: median price per square foot).
    pub median_price: Option<f64>,
    pub sales: Option<f64>,
    pub volume: Option<f64>,
    pub listings: Option<f64>,
    pub inventory_months: Option<f64>,
}

/// A changepoint alarm: the series' most probable run length fell to `alarm_run_length` months or
/// below in this month.
#[derive(SimpleObject)]
pub struct MarketChangepoint {
    pub series: MarketSeriesKind,
    /// `YYYY-MM`.
    pub month: String,
    /// P(a segment began within the last `alarm_run_length` months), in that month.
    pub probability: f64,
}

fn month_arg(field: &str, v: Option<&str>) -> Result<Option<NaiveDate>, ApiError> {
    v.map(|s| {
        NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d")
            .map_err(|_| ApiError::bad_input(field, format!("`{s}` is not a month (YYYY-MM)")))
    })
    .transpose()
}

/// `asOf` (`YYYY-MM`) as the first of its month.
pub fn as_of(v: Option<&str>) -> Result<Option<NaiveDate>, ApiError> {
    month_arg("asOf", v)
}

/// The server's `[market]` settings (the defaults in a schema built without them).
pub fn regime_config(ctx: &Context<'_>) -> RegimeConfig {
    ctx.data_opt::<RegimeConfig>().copied().unwrap_or_default()
}

#[ComplexObject]
impl Market {
    /// The months from `from` to `to` (`YYYY-MM`, both included; default all).
    async fn series(&self, ctx: &Context<'_>, from: Option<String>, to: Option<String>) -> Result<Vec<MarketMonth>> {
        let (from, to) = (month_arg("from", from.as_deref())?, month_arg("to", to.as_deref())?);
        let (_, rows) = svc::rows(tx(ctx)?, &self.name).await?;
        Ok(rows
            .into_iter()
            .filter(|r| from.is_none_or(|f| r.month >= f) && to.is_none_or(|t| r.month <= t))
            .map(|r| MarketMonth {
                month: ym(r.month),
                median_price: r.median_price,
                sales: r.sales,
                volume: r.volume,
                listings: r.listings,
                inventory_months: r.inventory_months,
            })
            .collect())
    }

    /// Every alarm of the three watched series at least `minProbability` likely, by month.
    #[graphql(complexity = "MARKET_DETECTOR + child_complexity")]
    async fn changepoints(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 0.0)] min_probability: f64,
    ) -> Result<Vec<MarketChangepoint>> {
        let found = svc::changepoints(tx(ctx)?, Some(&self.name), min_probability, &regime_config(ctx)).await?;
        Ok(found
            .into_iter()
            .map(|c| MarketChangepoint {
                series: c.series.into(),
                month: c.month,
                probability: c.probability,
            })
            .collect())
    }

    /// The regime in `asOf` (`YYYY-MM`; default the last month), from data up to that month.
    #[graphql(complexity = "MARKET_DETECTOR + child_complexity")]
    async fn regime(&self, ctx: &Context<'_>, as_of: Option<String>) -> Result<MarketRegime> {
        let view = svc::regime_of(
            tx(ctx)?,
            &self.name,
            self::as_of(as_of.as_deref())?,
            &regime_config(ctx),
        )
        .await?;
        Ok(view.into())
    }

    /// The regimes the `market_regime` job stored for this market, one per month it judged (the
    /// market's latest when the job ran), newest month first; at most `first` (1 to 240).
    async fn regime_history(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 24)] first: i32,
    ) -> Result<Vec<StoredMarketRegime>> {
        let first = u64::try_from(first)
            .ok()
            .filter(|n| (1..=240).contains(n))
            .ok_or_else(|| ApiError::bad_input("first", "must be between 1 and 240"))?;
        let rows = stored::history(tx(ctx)?, &self.name, first).await?;
        Ok(rows
            .into_iter()
            .map(StoredMarketRegime::try_from)
            .collect::<Result<_, _>>()?)
    }
}

/// A regime the `market_regime` job stored.
#[derive(SimpleObject)]
pub struct StoredMarketRegime {
    /// `YYYY-MM`: the month judged.
    pub month: String,
    pub label: RegimeLabel,
    pub map_run_length: i32,
    #[graphql(name = "pChange3m")]
    pub p_change_3m: f64,
    #[graphql(name = "pChange6m")]
    pub p_change_6m: f64,
    #[graphql(name = "pChange12m")]
    pub p_change_12m: f64,
    /// `YYYY-MM`.
    pub segment_start: String,
    pub segment_growth: f64,
    pub segment_volatility: Option<f64>,
    /// When the job stored it (RFC 3339), and which job (`job:market_regime:<id>`).
    pub computed_at: String,
    pub computed_by: String,
}

impl TryFrom<market_regime::Model> for StoredMarketRegime {
    type Error = ApiError;
    fn try_from(r: market_regime::Model) -> Result<Self, ApiError> {
        let label = Label::parse(&r.label)
            .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("stored regime label `{}`", r.label)))?;
        Ok(Self {
            month: ym(r.month),
            label: label.into(),
            map_run_length: r.map_run_length,
            p_change_3m: r.p_change_3,
            p_change_6m: r.p_change_6,
            p_change_12m: r.p_change_12,
            segment_start: ym(r.segment_start),
            segment_growth: r.segment_growth,
            segment_volatility: r.segment_volatility,
            computed_at: r.computed_at.to_rfc3339(),
            computed_by: r.computed_by,
        })
    }
}

/// What one watched series says in the month.
#[derive(SimpleObject)]
pub struct MarketSeriesState {
    pub series: MarketSeriesKind,
    /// P(this month's value opened a new segment).
    pub p_new: f64,
    /// The most probable run length, in months.
    pub map_run_length: i32,
    /// P(a change in the last 12 months).
    #[graphql(name = "pChange12m")]
    pub p_change_12m: f64,
}

/// A market's regime in a month (docs/market.md).
#[derive(SimpleObject)]
pub struct MarketRegime {
    pub market: String,
    /// `YYYY-MM`.
    pub month: String,
    pub label: RegimeLabel,
    /// The most probable run length of the median price's segment, in months.
    pub map_run_length: i32,
    /// P(run length = r) for r = 0, 1, …: the current run length's posterior.
    pub run_length_posterior: Vec<f64>,
    /// P(a change in the last 3 months): Σ P(run length = r) for r = 1..=3.
    #[graphql(name = "pChange3m")]
    pub p_change_3m: f64,
    #[graphql(name = "pChange6m")]
    pub p_change_6m: f64,
    #[graphql(name = "pChange12m")]
    pub p_change_12m: f64,
    /// First month of the current segment (`YYYY-MM`).
    pub segment_start: String,
    /// Mean 12-month log change of the median price over the segment.
    pub segment_growth: f64,
    /// Its standard deviation (null with one month).
    pub segment_volatility: Option<f64>,
    /// The same mean over the segment before (null when there is none).
    pub predecessor_growth: Option<f64>,
    pub series: Vec<MarketSeriesState>,
}

fn int(v: usize) -> i32 {
    i32::try_from(v).unwrap_or(i32::MAX)
}

impl From<RegimeView> for MarketRegime {
    fn from(v: RegimeView) -> Self {
        let r = v.regime;
        Self {
            market: v.market,
            month: ym(v.month),
            label: r.label.into(),
            map_run_length: int(r.map_run_length),
            run_length_posterior: r.run_length_posterior,
            p_change_3m: r.p_change[0],
            p_change_6m: r.p_change[1],
            p_change_12m: r.p_change[2],
            segment_start: ym(v.segment_start),
            segment_growth: r.segment_growth,
            segment_volatility: r.segment_volatility,
            predecessor_growth: r.predecessor_growth,
            series: r
                .series
                .into_iter()
                .map(|s| MarketSeriesState {
                    series: s.kind.into(),
                    p_new: s.p_new,
                    map_run_length: int(s.map_run_length),
                    p_change_12m: s.p_change[2],
                })
                .collect(),
        }
    }
}

/// What `importMarketSeries` did; importing the same file again changes nothing.
#[derive(SimpleObject)]
pub struct ImportMarketSeriesPayload {
    pub rows: u64,
    pub markets: u64,
    pub inserted: u64,
    pub updated: u64,
    pub unchanged: u64,
}
