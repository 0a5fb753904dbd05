//! `reos jobs list|run|cancel` (docs/jobs.md): the tenant's background jobs from the command line.
//! `run KIND` enqueues a job for the servers' workers; with `--wait` this process also works on
//! the tenant's due jobs until that one has finished, so it runs without a server too.
use super::common::{open_tenant, tenant_by_slug};
use crate::config::Settings;
use crate::persistence::{Database, TenantId, TenantTx};
use crate::services::caller::Caller;
use crate::services::jobs::{self, worker};
use anyhow::{Context, bail};
use clap::Subcommand;
use reos_entities::job;

#[derive(Subcommand)]
pub enum JobsCommand {
    /// The tenant's jobs, newest first.
    List {
        #[arg(long)]
        tenant: String,
        /// Only jobs in this status (queued, running, succeeded, failed, dead, cancelled).
        #[arg(long)]
        status: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u64,
        /// One JSON array instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Enqueue a job of KIND (revalue, hazard_refresh, graph_sync, market_regime) for the tenant.
    Run {
        kind: String,
        #[arg(long)]
        tenant: String,
        /// Also run the tenant's due jobs in this process until this one has finished; exits 1
        /// if it ends dead or cancelled.
        #[arg(long)]
        wait: bool,
    },
    /// Cancel a queued, retrying or running job.
    Cancel {
        id: String,
        #[arg(long)]
        tenant: String,
    },
}

fn row(j: &job::Model) -> String {
    format!(
        "{}  {:<10} {:<10} attempt {}/{}  {}{}",
        j.id,
        j.kind,
        j.status,
        j.attempts,
        j.max_attempts,
        j.progress.as_ref().map(|p| p.to_string()).unwrap_or_default(),
        j.last_error
            .as_ref()
            .map(|e| format!("  error: {e}"))
            .unwrap_or_default()
    )
}

fn json_of(j: &job::Model) -> serde_json::Value {
    serde_json::json!({
        "id": j.id, "kind": j.kind, "status": j.status, "attempts": j.attempts,
        "max_attempts": j.max_attempts, "last_error": j.last_error, "progress": j.progress,
        "schedule_key": j.dedupe_key, "created_at": j.created_at, "finished_at": j.finished_at,
    })
}

/// The command line as the acting user (`cli`) in `tx`.
fn cli_caller(tx: &TenantTx) -> Caller<'_> {
    Caller {
        tx,
        actor: "cli",
        request_id: None,
        mirror_graph: false,
        events: None,
    }
}

pub async fn run(cmd: JobsCommand, settings: &Settings) -> anyhow::Result<()> {
    match cmd {
        JobsCommand::List {
            tenant,
            status,
            limit,
            json,
        } => {
            let tx = open_tenant(settings, &tenant).await?;
            let rows = jobs::list(&tx, status.as_deref(), None, limit)
                .await
                .map_err(|e| anyhow::anyhow!(e.message()))?;
            tx.rollback().await.ok();
            if json {
                println!("{}", serde_json::Value::Array(rows.iter().map(json_of).collect()));
            } else {
                rows.iter().for_each(|j| println!("{}", row(j)));
            }
            Ok(())
        }
        JobsCommand::Run { kind, tenant, wait } => {
            let tx = open_tenant(settings, &tenant).await?;
            let c = cli_caller(&tx);
            let queued = jobs::enqueue(&c, &kind, settings.jobs.max_attempts)
                .await
                .map_err(|e| anyhow::anyhow!("{}", e.message()))?;
            tx.commit().await.context("enqueueing")?;
            println!("queued {} {}", queued.kind, queued.id);
            if wait {
                let done = wait_for(settings, &tenant, queued.id).await?;
                println!("{}", row(&done));
                if done.status != "succeeded" {
                    bail!("job {} ended {}", done.id, done.status);
                }
            }
            Ok(())
        }
        JobsCommand::Cancel { id, tenant } => {
            let tx = open_tenant(settings, &tenant).await?;
            let c = cli_caller(&tx);
            let j = jobs::cancel(&c, &id)
                .await
                .map_err(|e| anyhow::anyhow!("{}", e.message()))?;
            tx.commit().await?;
            println!("{}", row(&j));
            Ok(())
        }
    }
}

/// Works on the tenant's due jobs (as a worker of its own) until job `id` has finished.
async fn wait_for(settings: &Settings, slug: &str, id: uuid::Uuid) -> anyhow::Result<job::Model> {
    let db = Database::connect(settings).await?;
    let tenant = TenantId::from_row(&tenant_by_slug(&db, slug).await?);
    let graph = match crate::graph::Neo4jSettings::from_settings(settings) {
        Some(neo) => Some(std::sync::Arc::new(
            crate::graph::neo4j::Neo4jStore::connect(&neo).await?,
        )),
        None => None,
    };
    // On PostgreSQL the job's events (valuations, progress) reach the servers' subscribers.
    let bus = crate::events::EventBus::default();
    let sender = match db.service.get_database_backend() {
        sea_orm::DbBackend::Postgres => crate::events::fanout::start_sending(&db, &bus, uuid::Uuid::new_v4()),
        _ => None,
    };
    let ctx = worker::Ctx {
        db: db.clone(),
        comps: Default::default(),
        bus: bus.clone(),
        worker: format!("cli#{}", &uuid::Uuid::new_v4().simple().to_string()[..8]),
        mirror_graph: graph.is_some(),
        graph,
        pipeline: std::sync::Arc::new(
            crate::services::property_import::PipelineConfig::load(&settings.pipeline)?.settings,
        ),
        settings: settings.jobs.clone(),
        regimes: crate::services::market::regime_config(&settings.market),
    };
    loop {
        let tx = TenantTx::begin(&db.service, tenant).await?;
        let j = jobs::get(&tx, &id.to_string())
            .await
            .map_err(|e| anyhow::anyhow!(e.message()))?;
        tx.rollback().await.ok();
        if jobs::finished(&j.status) {
            bus.close_fan_out();
            if let Some(sender) = sender {
                sender.await.ok();
            }
            return Ok(j);
        }
        if !worker::tenant_round(&ctx, tenant)
            .await
            .map_err(|e| anyhow::anyhow!(e.message()))?
        {
            tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        }
    }
}
