//! The `revalue` job: every property of the tenant valued again as of today — a Comp-Critic
//! valuation (as `runValuation` saves it) and, where the property has leases or a unit mix, a
//! DCF (as `savePropertyDcf` saves it) — each with its model provenance, audit row and
//! `valuationCompleted` event, through the property walk of [`super::chunks`]. A chunk is read
//! in a fixed number of statements, valued on the blocking pool (two halves, one per core) and
//! written in three, however many properties it holds. A property that cannot be valued (no
//! comparable sales, missing DCF assumptions) is counted by reason.
use super::chunks::{ChunkWork, Progress};
use super::context::Ctx;
use crate::analytics::comps::Subject;
use crate::analytics::dcf::DcfResult;
use crate::error::{ApiError, ApiResult};
use crate::persistence::TenantTx;
use crate::persistence::repositories::dcf_inputs::{self, PropertyDcfRows};
use crate::services::caller::Caller;
use crate::services::comps::{Fitted, Valued};
use crate::services::dcf_run::blocking;
use crate::services::property_dcf::Assumptions;
use crate::services::stored_dcf::{self, Prepared};
use crate::services::valuations;
use chrono::NaiveDate;
use reos_entities::property;
use uuid::Uuid;

pub struct Revalue<'a> {
    pub ctx: &'a Ctx,
    pub today: NaiveDate,
}

/// What one property's valuations came to: the Comp-Critic run or why not (none when the
/// tenant has no model) and, when it has leases or a unit mix, the DCF run or why not.
struct Outcome {
    property_id: Uuid,
    comps: Option<ApiResult<(Subject, Valued)>>,
    dcf: Option<ApiResult<(Prepared, DcfResult)>>,
}

fn value_one(rows: &PropertyDcfRows, model: Option<&Fitted>, today: NaiveDate) -> Outcome {
    let hazard = rows.hazard.as_ref().map(|h| h.composite_score);
    let dcf = (!rows.leases.is_empty() || !rows.units.is_empty()).then(|| {
        let p = Prepared::from_rows(rows, Assumptions::default());
        stored_dcf::value_prepared(&p, false).map(|r| (p, r))
    });
    Outcome {
        property_id: rows.property.id,
        comps: model.map(|f| valuations::value_with(f, &rows.property, hazard, today)),
        dcf,
    }
}

/// Values `rows` on the blocking pool, in two halves run side by side.
async fn value_all(rows: Vec<PropertyDcfRows>, model: Option<Fitted>, today: NaiveDate) -> ApiResult<Vec<Outcome>> {
    let mut first = rows;
    let second = first.split_off(first.len() / 2);
    let half = |rows: Vec<PropertyDcfRows>| {
        let model = model.clone();
        blocking(move || {
            rows.iter()
                .map(|r| value_one(r, model.as_ref(), today))
                .collect::<Vec<_>>()
        })
    };
    let (a, b) = tokio::try_join!(half(first), half(second))?;
    Ok(a.into_iter().chain(b).collect())
}

/// A result kept, a refusal counted by its code, an internal failure passed up.
fn tally<T>(r: ApiResult<T>, what: &str, p: &mut Progress) -> ApiResult<Option<T>> {
    match r {
        Ok(v) => {
            p.count(what);
            Ok(Some(v))
        }
        Err(e @ ApiError::Internal(_)) => Err(e),
        Err(e) => {
            p.skip(&format!("{what}:{}", e.code()));
            Ok(None)
        }
    }
}

impl ChunkWork for Revalue<'_> {
    async fn chunk(
        &self,
        c: &Caller<'_>,
        tx: &TenantTx,
        props: Vec<property::Model>,
        p: &mut Progress,
    ) -> Result<(), ApiError> {
        let n = props.len();
        let rows = dcf_inputs::rows_for(tx, props).await?;
        // The tenant's model, or why every property of the chunk goes without a Comp-Critic run.
        let model = match self.ctx.comps.model(tx, self.today).await {
            Ok(f) => Some(f),
            Err(e) => match valuations::valuation_error(e, "property.", "") {
                e @ ApiError::Internal(_) => return Err(e),
                e => {
                    p.skip_n(&format!("comps:{}", e.code()), n as u64);
                    None
                }
            },
        };
        let cfg = self.ctx.comps.config();
        let mut saved = Vec::new();
        for o in value_all(rows, model, self.today).await? {
            if let Some(r) = o.comps
                && let Some((subject, v)) = tally(r, "comps", p)?
            {
                saved.push((
                    valuations::comp_row(c.tenant(), c.actor, cfg, o.property_id, &subject, &v)?,
                    "run_valuation",
                ));
            }
            if let Some(r) = o.dcf
                && let Some((prepared, result)) = tally(r, "dcf", p)?
            {
                saved.push((stored_dcf::valuation_row(c, &prepared, &result)?, "create"));
            }
        }
        valuations::save_all(c, saved).await
    }
}
