//! The `reos` command line: parses arguments and runs one command.
use crate::auth::Role;
use crate::auth::dev::DevKeys;
use crate::config::Settings;
use crate::persistence::Database;
use crate::startup::Application;
use crate::{services, telemetry};
use anyhow::{Context, bail};
use clap::{Parser, Subcommand, ValueEnum};
use reos_migrations::{Migrator, MigratorTrait};
use std::path::PathBuf;
use std::time::Duration;

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
    Dcf(services::dcf_cli::DcfArgs),
    /// DCF golden fixtures (no database, no settings).
    Golden {
        #[command(subcommand)]
        command: services::dcf_cli::GoldenCommand,
    },
    /// Comp-Critic: `import sales`, `value`, `backtest`, `bench comps`.
    #[command(flatten)]
    Comps(crate::cli_comps::CompsCommand),
    /// Ownership graph: `graph sync --tenant SLUG` rebuilds the tenant's Neo4j mirror.
    Graph {
        #[command(subcommand)]
        command: crate::cli_graph::GraphCommand,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum MigrateAction {
    Up,
    Down,
    Status,
    Fresh,
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
        Command::Dcf(args) => return services::dcf_cli::run_dcf(args),
        Command::Golden { command } => return services::dcf_cli::run_golden(command),
        _ => {}
    }
    let settings = Settings::load(cli.config.as_deref())?;
    telemetry::init(&settings.log_format);
    match cli.command {
        Command::Serve => serve(settings).await,
        Command::Migrate { action } => migrate(&settings, action).await,
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
        Command::Dcf(_) | Command::Golden { .. } => Ok(()),
        Command::Comps(c) => crate::cli_comps::run(c, &settings).await,
        Command::Graph { command } => crate::cli_graph::run(command, &settings).await,
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
            crate::cli_comps::tenant_by_slug(&db, &tenant).await?;
            let keys = DevKeys::load_or_create(&settings.data_dir)?;
            let token = keys.mint(&tenant, role, Duration::from_secs(ttl_hours.max(1) * 3600))?;
            println!("{token}");
            Ok(())
        }
    }
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    let listen = settings.listen.clone();
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

async fn migrate(settings: &Settings, action: MigrateAction) -> anyhow::Result<()> {
    let db = Database::connect(settings).await?;
    let conn = &db.owner;
    match action {
        MigrateAction::Up => Migrator::up(conn, None).await?,
        MigrateAction::Down => Migrator::down(conn, Some(1)).await?,
        // SQLite cannot drop tables in arbitrary order with foreign keys on: revert every
        // migration instead, which drops the same tables in dependency order.
        MigrateAction::Fresh if db.backend() == sea_orm::DbBackend::Sqlite => Migrator::refresh(conn).await?,
        MigrateAction::Fresh => Migrator::fresh(conn).await?,
        MigrateAction::Status => print!("{}", migration_status(conn).await?),
    }
    Ok(())
}

/// `reos migrate status`: every migration of this binary, whether it is applied and when.
async fn migration_status(conn: &sea_orm::DatabaseConnection) -> anyhow::Result<String> {
    use std::fmt::Write as _;
    let migrations = Migrator::get_migration_with_status(conn).await?;
    let applied_at: std::collections::HashMap<String, i64> = Migrator::get_migration_models(conn)
        .await?
        .into_iter()
        .map(|m| (m.version, m.applied_at))
        .collect();
    let width = migrations.iter().map(|m| m.name().len()).max().unwrap_or(0).max(9);
    let mut out = format!("{:<width$}  {:<7}  applied at (UTC)\n", "migration", "applied");
    let mut pending = 0;
    for m in &migrations {
        let secs = applied_at.get(m.name());
        let applied = secs.is_some();
        pending += usize::from(!applied);
        let at = secs
            .and_then(|&s| chrono::DateTime::from_timestamp(s, 0))
            .map_or_else(|| "-".to_owned(), |t| t.format("%Y-%m-%d %H:%M:%S").to_string());
        let _ = writeln!(
            out,
            "{:<width$}  {:<7}  {at}",
            m.name(),
            if applied { "yes" } else { "no" }
        );
    }
    let _ = writeln!(
        out,
        "{} migrations: {} applied, {pending} pending",
        migrations.len(),
        migrations.len() - pending
    );
    Ok(out)
}
