//! `market_regimes`: the regime the `market_regime` job found for one market of a tenant in one
//! month (its latest when the job ran); docs/market.md.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "market_regimes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub market: String,
    /// The first day of the month judged.
    pub month: Date,
    /// `EXPANSION`, `CONTRACTION`, `RECOVERY` or `STABLE`.
    pub label: String,
    pub map_run_length: i32,
    pub p_change_3: f64,
    pub p_change_6: f64,
    pub p_change_12: f64,
    pub segment_start: Date,
    pub segment_growth: f64,
    pub segment_volatility: Option<f64>,
    /// The whole regime as `marketRegime` answers it.
    pub regime: Json,
    /// `job:market_regime:<id>`.
    pub computed_by: String,
    pub computed_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
