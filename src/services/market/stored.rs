//! Stored regimes (`market_regimes`, docs/market.md): the `market_regime` job's refresh — every
//! market's regime in its latest month, saved once per market and month, with the markets whose
//! label changed since the last stored month — and a market's stored history.
use super::{RegimeView, all_series, regime_in};
use crate::analytics::market::regime::{Label, RegimeConfig};
use crate::error::{ApiError, ApiResult};
use crate::persistence::TenantTx;
use crate::persistence::repositories::scoped;
use crate::services::caller::Caller;
use reos_entities::market_regime;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// A market whose label differs from the one stored for its previous month on record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LabelChange {
    pub market: String,
    /// `YYYY-MM` of the new regime.
    pub month: String,
    pub from: &'static str,
    pub to: &'static str,
}

/// What a refresh did.
#[derive(Debug, Default, Serialize)]
pub struct Refreshed {
    /// Markets whose regime was stored.
    pub stored: u64,
    pub label_changes: Vec<LabelChange>,
    /// Markets without a regime in their latest month, by reason (`too_short`: under a year of
    /// 12-month changes in the current segment).
    pub skipped: BTreeMap<String, u64>,
}

fn row(c: &Caller<'_>, v: &RegimeView) -> ApiResult<market_regime::ActiveModel> {
    let r = &v.regime;
    let json = serde_json::to_value(v).map_err(|e| ApiError::Internal(e.into()))?;
    Ok(market_regime::ActiveModel {
        id: Set(Uuid::now_v7()),
        tenant_id: Set(c.tenant()),
        market: Set(v.market.clone()),
        month: Set(v.month),
        label: Set(r.label.as_str().to_owned()),
        map_run_length: Set(i32::try_from(r.map_run_length).unwrap_or(i32::MAX)),
        p_change_3: Set(r.p_change[0]),
        p_change_6: Set(r.p_change[1]),
        p_change_12: Set(r.p_change[2]),
        segment_start: Set(v.segment_start),
        segment_growth: Set(r.segment_growth),
        segment_volatility: Set(r.segment_volatility),
        regime: Set(json),
        computed_by: Set(c.actor.to_owned()),
        computed_at: Set(chrono::Utc::now()),
    })
}

/// The newest stored regime of each market (one read).
async fn latest(tx: &TenantTx) -> ApiResult<HashMap<String, market_regime::Model>> {
    let rows = scoped::<market_regime::Entity>(tx)
        .order_by_asc(market_regime::Column::Market)
        .order_by_desc(market_regime::Column::Month)
        .all(tx.conn().await?)
        .await?;
    let mut out = HashMap::new();
    for r in rows {
        out.entry(r.market.clone()).or_insert(r);
    }
    Ok(out)
}

/// Computes every market's regime in its latest month and stores it (a market and month stored
/// before is replaced: the data of that month may have been re-imported). A detector setting
/// the rules refuse fails the refresh; a market too short for a regime is counted.
pub async fn refresh(c: &Caller<'_>, cfg: &RegimeConfig) -> ApiResult<Refreshed> {
    let before = latest(c.tx).await?;
    let mut out = Refreshed::default();
    let mut rows = Vec::new();
    for (name, series) in all_series(c.tx).await? {
        let view = match regime_in(&name, &series, None, cfg) {
            Ok(v) => v,
            Err(ApiError::BadInput { field, .. }) if field == "asOf" => {
                *out.skipped.entry("too_short".into()).or_default() += 1;
                continue;
            }
            Err(e) => return Err(e),
        };
        if let Some(prev) = before.get(&name).filter(|p| p.month < view.month)
            && prev.label != view.regime.label.as_str()
        {
            out.label_changes.push(LabelChange {
                market: name.clone(),
                month: view.month.format("%Y-%m").to_string(),
                from: Label::parse(&prev.label).map_or("?", Label::as_str),
                to: view.regime.label.as_str(),
            });
        }
        rows.push(row(c, &view)?);
    }
    out.stored = rows.len() as u64;
    for chunk in rows.chunks(500) {
        use market_regime::Column as C;
        market_regime::Entity::insert_many(chunk.to_vec())
            .on_conflict(
                OnConflict::columns([C::TenantId, C::Market, C::Month])
                    .update_columns([
                        C::Label,
                        C::MapRunLength,
                        C::PChange3,
                        C::PChange6,
                        C::PChange12,
                        C::SegmentStart,
                        C::SegmentGrowth,
                        C::SegmentVolatility,
                        C::Regime,
                        C::ComputedBy,
                        C::ComputedAt,
                    ])
                    .to_owned(),
            )
            .exec_without_returning(c.tx.conn().await?)
            .await?;
    }
    for ch in &out.label_changes {
        tracing::info!(market = %ch.market, month = %ch.month, from = ch.from, to = ch.to, "market regime changed");
    }
    Ok(out)
}

/// Market `name`'s stored regimes, newest month first, at most `first`.
pub async fn history(tx: &TenantTx, name: &str, first: u64) -> ApiResult<Vec<market_regime::Model>> {
    Ok(scoped::<market_regime::Entity>(tx)
        .filter(market_regime::Column::Market.eq(name))
        .order_by_desc(market_regime::Column::Month)
        .limit(first)
        .all(tx.conn().await?)
        .await?)
}
