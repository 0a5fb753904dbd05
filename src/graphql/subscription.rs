//! Root subscriptions (`valuationCompleted`, `importProgress`, `jobProgress`) over the event bus.
//! A subscriber's tenant and role come from the token checked at `connection_init` (the
//! WebSocket layer puts a [`SubscriberCtx`] into the connection's data); events of other tenants
//! never reach it, whatever ids it asks for.
use crate::auth::Role;
use crate::domain::rules;
use crate::error::{ApiError, ApiResult};
use crate::events::{EventKind, ImportProgress};
use crate::graphql::context::SubscriberCtx;
use crate::graphql::types::job::Job;
use crate::graphql::types::valuation::Valuation;
use crate::services::{jobs, properties, valuations};
use async_graphql::{Context, ID, Result, SimpleObject, Subscription};
use futures_util::{Stream, StreamExt};

/// The subscriber, or UNAUTHENTICATED / FORBIDDEN.
fn subscriber<'a>(ctx: &'a Context<'_>, min: Role) -> ApiResult<&'a SubscriberCtx> {
    let s = ctx.data_opt::<SubscriberCtx>().ok_or(ApiError::Unauthenticated)?;
    if !s.role.at_least(min) {
        return Err(ApiError::Forbidden(format!(
            "requires the {} role or higher",
            min.as_str()
        )));
    }
    Ok(s)
}

/// A valuation saved for the watched property.
#[derive(SimpleObject)]
pub struct ValuationCompletedEvent {
    pub property_id: ID,
    pub valuation: Valuation,
}

/// Progress of an import run; the last event has `done: true` and the run's outcome as `stage`.
#[derive(SimpleObject)]
pub struct ImportProgressEvent {
    pub run_id: ID,
    /// `running`, then `succeeded`, `blocked`, `failed` or `rolled_back`.
    pub stage: String,
    /// Rows written or merged so far.
    pub processed: i32,
    /// Rows to write (rows that passed parsing and address normalization).
    pub total: i32,
    /// Final counts (0 while running).
    pub read: i32,
    pub written: i32,
    pub merged: i32,
    pub rejected: i32,
    pub done: bool,
}

fn int(n: u64) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

impl From<ImportProgress> for ImportProgressEvent {
    fn from(p: ImportProgress) -> Self {
        Self {
            run_id: ID(p.run_id.to_string()),
            stage: p.stage,
            processed: int(p.processed),
            total: int(p.total),
            read: int(p.read),
            written: int(p.written),
            merged: int(p.merged),
            rejected: int(p.rejected),
            done: p.done,
        }
    }
}

#[derive(Default)]
pub struct SubscriptionRoot;

#[Subscription]
impl SubscriptionRoot {
    /// Every valuation saved for the property (`runValuation`, `savePropertyDcf`, a `revalue`
    /// job), sent once its transaction has committed. With `since`, first the valuations saved
    /// after that time, oldest first: a client that reconnects (a draining instance closes its
    /// socket with 1012) passes the `createdAt` of the last event it saw and misses none. Each
    /// valuation is sent once. NOT_FOUND for ids outside the caller's tenant. Requires analyst.
    async fn valuation_completed(
        &self,
        ctx: &Context<'_>,
        property_id: ID,
        since: Option<chrono::DateTime<chrono::Utc>>,
    ) -> Result<impl Stream<Item = ValuationCompletedEvent> + use<>> {
        let s = subscriber(ctx, Role::Analyst)?;
        let id = properties::visible(&s.db, s.tenant, &property_id).await?;
        // Listen before reading what was missed, so nothing falls between the two.
        let live = s.bus.subscribe(s.tenant);
        let missed = match since {
            Some(t) => valuations::saved_since(&s.db, s.tenant, id, t).await?,
            None => Vec::new(),
        };
        let replayed: std::collections::HashSet<uuid::Uuid> = missed.iter().map(|v| v.id).collect();
        let event = move |v: reos_entities::valuation::Model| ValuationCompletedEvent {
            property_id: ID(id.to_string()),
            valuation: Valuation(v),
        };
        let live = live.filter_map(move |kind| {
            futures_util::future::ready(match kind {
                EventKind::ValuationCompleted(v) if v.property_id == Some(id) && !replayed.contains(&v.id) => {
                    Some(event(v.as_ref().clone()))
                }
                _ => None,
            })
        });
        Ok(futures_util::stream::iter(missed.into_iter().map(event)).chain(live))
    }

    /// Progress of the import run `runId` (the id given to `importProperties` as `input.runId`):
    /// an event per written batch, then a last one with `done: true`, after which the stream
    /// completes. Runs of other tenants are never seen. Requires analyst.
    async fn import_progress(
        &self,
        ctx: &Context<'_>,
        run_id: ID,
    ) -> Result<impl Stream<Item = ImportProgressEvent> + use<>> {
        let s = subscriber(ctx, Role::Analyst)?;
        let id = rules::uuid(&run_id, "pipelineRun")?;
        let events = s.bus.subscribe(s.tenant).filter_map(move |kind| {
            futures_util::future::ready(match kind {
                EventKind::ImportProgress(p) if p.run_id == id => Some(p),
                _ => None,
            })
        });
        Ok(until(events.map(ImportProgressEvent::from), |p| p.done))
    }

    /// The job `jobId` (as `job` answers it) each time it changes: first as it stands now, then
    /// after every committed chunk of a property walk (`progress` counts up), a cancellation and
    /// its end. The stream completes after the job reaches `succeeded`, `dead` or `cancelled`
    /// (`failed` waits for a retry and goes on). The events of every instance reach the
    /// subscriber, whichever runs the job. NOT_FOUND for jobs of other tenants. Requires admin.
    async fn job_progress(&self, ctx: &Context<'_>, job_id: ID) -> Result<impl Stream<Item = Job> + use<>> {
        let s = subscriber(ctx, Role::Admin)?;
        // Listen before reading the job, so no change falls between the two.
        let live = s.bus.subscribe(s.tenant);
        let now = jobs::current(&s.db, s.tenant, job_id.as_str()).await?;
        let id = now.id;
        let live = live.filter_map(move |kind| {
            futures_util::future::ready(match kind {
                EventKind::JobProgress(j) if j.id == id => Some(j.as_ref().clone()),
                _ => None,
            })
        });
        let rows = futures_util::stream::iter([now]).chain(live);
        Ok(until(rows.map(Job), |j| jobs::finished(&j.0.status)))
    }
}

/// `events` up to and including the first for which `last` holds, then the end (rather than
/// waiting for a next event that never comes).
fn until<T: Send + 'static>(
    events: impl Stream<Item = T> + Send + 'static,
    last: impl Fn(&T) -> bool + Send + 'static,
) -> impl Stream<Item = T> + Send + 'static {
    futures_util::stream::unfold(
        (Box::pin(events), false, last),
        |(mut events, finished, last)| async move {
            if finished {
                return None;
            }
            let e = events.next().await?;
            let end = last(&e);
            Some((e, (events, end, last)))
        },
    )
}
