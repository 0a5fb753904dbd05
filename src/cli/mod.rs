//! The `reos` command line: parses arguments and runs one command. Each command group lives in a
//! child module (`comps`, `pipeline`, `graph`, `dcf`, `lease`, `market`, `rent_roll` (import, preview, eval, bench), `bench_abuse`, `bench_portfolio`, `migrate`); `common` holds
//! what several of them use (tenant lookup, JSON output, progress bars, date arguments).
mod bench_abuse;
mod bench_portfolio;
mod common;
mod comps;
mod dcf;
mod graph;
mod jobs;
mod lease;
mod market;
mod migrate;
mod pipeline;
mod rent_roll;

use crate::auth::Role;
use crate::auth::dev::DevKeys;
use crate::config::Settings;
use crate::persistence::Database;
use crate::startup::Application;
use crate::{services, telemetry};
use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::time::Duration;

pub use migrate::MigrateAction;

#[derive(Parser)]
#[command(
    name = "reos",
    version,
    about = "GraphQL service with an embedded analytics core for real-estate investors"
)]
pub struct Cli {
    /// Configuration file (TOML); also `REOS_CONFIG`.
    #[arg(long, global = true)]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Run the HTTP server (GraphQL at /graphql).
    Serve,
    /// Apply or inspect database migrations.
    Migrate {
        #[arg(value_enum, default_value = "up")]
        action: MigrateAction,
    },
    /// Print the GraphQL schema (SDL).
    Schema,
    /// Tenant administration.
    Tenant {
        #[command(subcommand)]
        command: TenantCommand,
    },
    /// Mint a development token (development auth only); the token is the last line printed.
    Token {
        #[arg(long)]
        tenant: String,
        #[arg(long, default_value = "analyst")]
        role: String,
        /// Lifetime in hours.
        #[arg(long, default_value_t = 24)]
        ttl_hours: u64,
    },
    /// Value one property with the DCF engine from a JSON file (no database, no settings).
    Dcf(dcf::DcfArgs),
    /// DCF golden fixtures (no database, no settings).
    Golden {
        #[command(subcommand)]
        command: dcf::GoldenCommand,
    },
    /// Import data files into a tenant.
    Import {
        #[command(subcommand)]
        command: ImportCommand,
    },
    /// Value a subject (JSON: lat, lon, property_type, neighborhood, attrs{…}, hazard) from a
    /// tenant's sales before --as-of (default today); prints the valuation as JSON.
    Value(comps::ValueArgs),
    /// Backtest Comp-Critic on a tenant's sales (docs/avm.md protocol); writes predictions.csv,
    /// metrics.json and backtest.png.
    Backtest(comps::BacktestArgs),
    /// Benchmarks.
    Bench {
        #[command(subcommand)]
        command: BenchCommand,
    },
    /// Market regime: changepoint detection on market series (docs/market.md).
    Market {
        #[command(subcommand)]
        command: market::MarketCommand,
    },
    /// Lease abstraction (docs/lease.md): `lease extract FILE [--json]`, `lease eval DIR`; no
    /// database, no settings.
    Lease {
        #[command(subcommand)]
        command: lease::LeaseCommand,
    },
    /// Rent rolls without a database (docs/rent-roll.md): `rent-roll preview FILE [--json]`,
    /// `rent-roll eval DIR…`; no settings.
    RentRoll {
        #[command(subcommand)]
        command: rent_roll::RentRollCommand,
    },
    /// Ownership graph: `graph sync --tenant SLUG` rebuilds the tenant's Neo4j mirror.
    Graph {
        #[command(subcommand)]
        command: graph::GraphCommand,
    },
    /// Background jobs (docs/jobs.md): `jobs list|run KIND [--wait]|cancel ID --tenant SLUG`.
    Jobs {
        #[command(subcommand)]
        command: jobs::JobsCommand,
    },
}

#[derive(Subcommand)]
pub enum ImportCommand {
    /// Canonical sales CSV (docs/avm.md); every row is checked before anything is written, and a
    /// file with any problem writes nothing (exit code 1).
    Sales(comps::ImportSalesArgs),
    /// Property file (CSV or JSONL, docs/pipeline.md): gates → normalize/merge → hazards →
    /// provenance → owners → Comp-Critic; a blocking gate failure writes nothing (exit code 1).
    Properties(pipeline::ImportPropertiesArgs),
    /// Hazard table CSV (`lat,lon,flood,wildfire,heat`) stored for the tenant: the pipeline looks
    /// up rows without scores in it. Every point is checked first; a bad one writes nothing.
    Hazards(pipeline::ImportHazardsArgs),
    /// Canonical market CSV (`market,month,median_price,sales,volume,listings,inventory_months`,
    /// docs/market.md); every row is checked first, a file with any problem writes nothing, and a
    /// re-import changes nothing.
    Market(market::ImportMarketArgs),
    /// A seller's rent roll (CSV, XLSX or XLS; docs/rent-roll.md) into a property: prints the
    /// mapping, kept and skipped rows, problems and metrics; commercial suites merge into leases by
    /// suite, multifamily units into the unit mix; a blocking problem writes nothing (exit code 1).
    RentRoll(rent_roll::ImportRentRollArgs),
}

#[derive(Subcommand)]
pub enum BenchCommand {
    /// Time one Comp-Critic valuation on the full pool and a whole backtest; writes JSON.
    Comps(comps::BenchCompsArgs),
    /// Import N generated properties into a fresh tenant (no scoring); writes properties/s to JSON.
    Pipeline(pipeline::BenchPipelineArgs),
    /// Time the worst abusive GraphQL documents through the guard, parse and validation; writes JSON.
    Abuse(bench_abuse::BenchAbuseArgs),
    /// Fill a fresh tenant with N generated properties and time the portfolio summary; writes JSON.
    Portfolio(bench_portfolio::BenchPortfolioArgs),
    /// Time the changepoint detector over every market and series of a market CSV; writes JSON.
    Market(market::BenchMarketArgs),
    /// Time the abstraction of one lease document (default the 20-page corpus PDF); writes JSON.
    Lease(lease::BenchLeaseArgs),
    /// Time the preview of a 5,000-unit rent roll (XLSX and its CSV twin); writes JSON.
    RentRoll(rent_roll::BenchRentRollArgs),
}

#[derive(Subcommand)]
pub enum TenantCommand {
    /// Create a tenant.
    Create {
        slug: String,
        #[arg(long)]
        name: String,
    },
}

/// Runs the parsed command.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    // Offline commands: they must work without a settings file or a database.
    match &cli.command {
        Command::Dcf(args) => return dcf::run_dcf(args),
        Command::Golden { command } => return dcf::run_golden(command),
        Command::Market {
            command: market::MarketCommand::Bocpd(args),
        } => return market::bocpd(args),
        Command::Lease { command } => return lease::run(command),
        Command::Bench {
            command: BenchCommand::Lease(args),
        } => return lease::bench(args),
        Command::RentRoll { command } => return rent_roll::run(command),
        Command::Bench {
            command: BenchCommand::RentRoll(args),
        } => return rent_roll::bench(args),
        _ => {}
    }
    let settings = Settings::load(cli.config.as_deref())?;
    telemetry::init(settings.telemetry.log_format.as_str());
    match cli.command {
        Command::Serve => serve(settings).await,
        Command::Migrate { action } => migrate::run(&settings, action).await,
        Command::Schema => {
            print!("{}", crate::graphql::sdl());
            Ok(())
        }
        Command::Tenant {
            command: TenantCommand::Create { slug, name },
        } => {
            let db = Database::connect(&settings).await?;
            db.migrate().await?;
            let t = services::tenants::create(&db, &slug, &name).await?;
            println!("created tenant {} ({})", t.slug, t.id);
            Ok(())
        }
        Command::Dcf(_) | Command::Golden { .. } | Command::Lease { .. } | Command::RentRoll { .. } => Ok(()),
        Command::Import { command } => import(command, &settings).await,
        Command::Value(args) => comps::value(&settings, &args).await,
        Command::Backtest(args) => comps::backtest::run(&settings, &args).await,
        Command::Bench { command } => bench(command, &settings).await,
        Command::Graph { command } => graph::run(command, &settings).await,
        Command::Jobs { command } => jobs::run(command, &settings).await,
        Command::Market { command } => market::run(command, &settings).await,
        Command::Token {
            tenant,
            role,
            ttl_hours,
        } => {
            if !settings.dev_auth_enabled() {
                bail!("development tokens are off: an OIDC issuer or key file is configured");
            }
            let role: Role = role.parse().context("--role")?;
            // A token for a tenant that does not exist would be refused by every request.
            let db = Database::connect(&settings).await?;
            common::tenant_by_slug(&db, &tenant).await?;
            let keys = DevKeys::load_or_create(&settings.server.data_dir)?;
            let token = keys.mint(&tenant, role, Duration::from_secs(ttl_hours.max(1) * 3600))?;
            println!("{token}");
            Ok(())
        }
    }
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    let listen = settings.server.listen.clone();
    let app = Application::build(settings).await?;
    let host = listen.rsplit_once(':').map_or("127.0.0.1", |(h, _)| h).to_owned();
    let url = format!("http://{host}:{}/graphql", app.port());
    println!("reos is listening; GraphiQL: {url}");
    if let Some(token) = app.state().graphiql_token.clone() {
        println!("development token (tenant demo, role admin), also pre-filled in GraphiQL:");
        println!("{token}");
    }
    app.run_until_stopped().await.context("server")
}

async fn import(cmd: ImportCommand, settings: &Settings) -> anyhow::Result<()> {
    match cmd {
        ImportCommand::Sales(args) => comps::import_sales(settings, &args).await,
        ImportCommand::Properties(args) => pipeline::import_properties(settings, &args).await,
        ImportCommand::Hazards(args) => pipeline::import_hazards(settings, &args).await,
        ImportCommand::Market(args) => market::import_market(settings, &args).await,
        ImportCommand::RentRoll(args) => rent_roll::import(settings, &args).await,
    }
}

async fn bench(cmd: BenchCommand, settings: &Settings) -> anyhow::Result<()> {
    match cmd {
        BenchCommand::Comps(args) => comps::bench::run(&args).await,
        BenchCommand::Pipeline(args) => pipeline::bench_pipeline(settings, &args).await,
        BenchCommand::Abuse(args) => bench_abuse::run(&args).await,
        BenchCommand::Portfolio(args) => bench_portfolio::run(settings, &args).await,
        BenchCommand::Lease(_) | BenchCommand::RentRoll(_) => Ok(()),
        BenchCommand::Market(args) => market::report::bench(&args, &services::market::regime_config(&settings.market)),
    }
}
