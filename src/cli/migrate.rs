//! `reos migrate up|down|status|fresh`: applies, reverts or lists the schema migrations with the
//! schema owner's connection.
use crate::config::Settings;
use crate::persistence::Database;
use clap::ValueEnum;
use reos_migrations::{Migrator, MigratorTrait};

#[derive(Clone, Copy, ValueEnum)]
pub enum MigrateAction {
    Up,
    Down,
    Status,
    Fresh,
}

pub(super) async fn run(settings: &Settings, action: MigrateAction) -> anyhow::Result<()> {
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
