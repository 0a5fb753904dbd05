//! The `market_regime` job: every market of the tenant (imported series and those derived from
//! its sales) judged in its latest month and stored in `market_regimes` (`Market.regimeHistory`),
//! in one transaction; the markets whose label changed since their last stored month are listed
//! in the job's result and logged. A tenant without markets succeeds with a note.
use super::context::Ctx;
use crate::events::Outbox;
use crate::services::market::stored;
use reos_entities::job;

pub async fn run(ctx: &Ctx, row: &job::Model) -> Result<serde_json::Value, String> {
    let tx = ctx.tenant_tx(row.tenant_id).await.map_err(|e| e.message())?;
    let actor = Ctx::actor(row);
    let outbox = Outbox::new(ctx.bus.clone(), tx.tenant());
    let c = ctx.caller(&tx, &actor, &outbox);
    let done = stored::refresh(&c, &ctx.regimes).await.map_err(|e| e.message())?;
    let details = serde_json::json!({"stored": done.stored, "label_changes": done.label_changes.len()});
    c.audit("refresh", "market_regimes", None, details)
        .await
        .map_err(|e| e.message())?;
    tx.commit().await.map_err(|e| e.to_string())?;
    outbox.committed();
    let mut out = serde_json::to_value(&done).map_err(|e| e.to_string())?;
    if done.stored == 0 && done.skipped.is_empty() {
        out["note"] = "the tenant has no market series (reos import market) and no sales to derive one from".into();
    }
    Ok(out)
}
