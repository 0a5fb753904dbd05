//! Column and constraint helpers shared by the migrations: ids, tenant columns, tenant-safe foreign keys.
use sea_orm_migration::{prelude::*, schema::*};

/// The PostgreSQL role the service's login role is a member of: it owns nothing, has no
/// BYPASSRLS, and holds only DML grants on the tables.
pub const APP_ROLE: &str = "reos_app";

/// A new tenant-owned table: UUID key, `tenant_id` referencing `tenants`, and a unique
/// `(tenant_id, id)` key that children reference so a row can never point into another tenant.
pub fn tenant_table(name: &'static str) -> TableCreateStatement {
    Table::create()
        .table(name)
        .col(pk_uuid("id"))
        .col(uuid("tenant_id"))
        .foreign_key(
            ForeignKey::create()
                .name(format!("fk_{name}_tenant"))
                .from(name, "tenant_id")
                .to("tenants", "id")
                .on_delete(ForeignKeyAction::Cascade),
        )
        .to_owned()
}

/// A foreign key `(tenant_id, column)` → `parent(tenant_id, id)`: same tenant by construction.
pub fn tenant_fk(table: &'static str, column: &'static str, parent: &'static str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_{column}"))
        .from(table, ("tenant_id", column))
        .to(parent, ("tenant_id", "id"))
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

/// Creates `idx_{table}_{suffix}` on the columns.
pub async fn index(
    manager: &SchemaManager<'_>,
    table: &'static str,
    columns: &[&'static str],
    unique: bool,
) -> Result<(), DbErr> {
    let mut stmt = Index::create();
    stmt.name(format!(
        "{}_{}_{}",
        if unique { "uq" } else { "idx" },
        table,
        columns.join("_")
    ))
    .table(table);
    for c in columns {
        stmt.col(*c);
    }
    if unique {
        stmt.unique();
    }
    manager.create_index(stmt).await
}

/// The unique `(tenant_id, id)` key children's foreign keys point at, plus the plain
/// `tenant_id` index every tenant-scoped query uses.
pub async fn tenant_keys(manager: &SchemaManager<'_>, table: &'static str) -> Result<(), DbErr> {
    index(manager, table, &["tenant_id", "id"], true).await
}

/// `created_at` / `updated_at` columns.
pub fn created_at() -> ColumnDef {
    timestamp_with_time_zone("created_at")
}

pub fn updated_at() -> ColumnDef {
    timestamp_with_time_zone("updated_at")
}

/// A raw CHECK expression; both PostgreSQL and SQLite accept the SQL used here.
pub fn check(sql: &str) -> Expr {
    Expr::cust(sql.to_owned())
}

/// `current_setting(.., true)` is NULL when never set and '' after a transaction-local value
/// ended; NULLIF makes both "no tenant", which matches no row (instead of a cast error).
pub(crate) const TENANT_SETTING: &str = "NULLIF(current_setting('app.tenant_id', true), '')::uuid";

/// [`TENANT_SETTING`] as an init plan: evaluated once per statement, not once per row. Migration
/// 017 rewrote every policy to this form; a migration adding a table after it rewrites that
/// table's policy the same way (`tests/rls.rs` checks the form of every policy).
pub(crate) const TENANT_SETTING_ONCE: &str = "(SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid)";

/// PostgreSQL only (the caller checks the backend): DML grants to [`APP_ROLE`], RLS enabled and
/// forced, and the `tenant_isolation` policy on one tenant-owned table.
pub async fn enable_rls(manager: &SchemaManager<'_>, table: &str) -> Result<(), DbErr> {
    manager
        .get_connection()
        .execute_unprepared(&format!(
            "GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO {APP_ROLE};
             ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
             ALTER TABLE {table} FORCE ROW LEVEL SECURITY;
             CREATE POLICY tenant_isolation ON {table}
               USING (tenant_id = {TENANT_SETTING})
               WITH CHECK (tenant_id = {TENANT_SETTING});"
        ))
        .await
        .map(|_| ())
}

/// Undoes [`enable_rls`] on one table.
pub async fn disable_rls(manager: &SchemaManager<'_>, table: &str) -> Result<(), DbErr> {
    manager
        .get_connection()
        .execute_unprepared(&format!(
            "DROP POLICY IF EXISTS tenant_isolation ON {table};
             ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY;
             ALTER TABLE {table} DISABLE ROW LEVEL SECURITY;
             REVOKE ALL ON {table} FROM {APP_ROLE};"
        ))
        .await
        .map(|_| ())
}

/// `enable_rls` on each of a migration's new tables, on PostgreSQL (SQLite has no RLS).
pub async fn secure_tables(manager: &SchemaManager<'_>, tables: &[&str]) -> Result<(), DbErr> {
    if manager.get_database_backend() == sea_orm_migration::sea_orm::DbBackend::Postgres {
        for table in tables {
            enable_rls(manager, table).await?;
        }
    }
    Ok(())
}

/// [`secure_tables`] with each new policy in the init-plan form of migration 017
/// ([`TENANT_SETTING_ONCE`]), for tables created after it.
pub async fn secure_tables_init_plan(manager: &SchemaManager<'_>, tables: &[&str]) -> Result<(), DbErr> {
    secure_tables(manager, tables).await?;
    for table in tables {
        postgres_only(
            manager,
            &format!(
                "ALTER POLICY tenant_isolation ON {table}
                   USING (tenant_id = {TENANT_SETTING_ONCE}) WITH CHECK (tenant_id = {TENANT_SETTING_ONCE});"
            ),
        )
        .await?;
    }
    Ok(())
}

/// Runs `sql` on PostgreSQL and nothing on SQLite (for PL/pgSQL, triggers and other
/// PostgreSQL-only schema).
pub async fn postgres_only(manager: &SchemaManager<'_>, sql: &str) -> Result<(), DbErr> {
    if manager.get_database_backend() != sea_orm_migration::sea_orm::DbBackend::Postgres {
        return Ok(());
    }
    manager.get_connection().execute_unprepared(sql).await.map(drop)
}

/// Drops a migration's tables, last created first.
pub async fn drop_tables(manager: &SchemaManager<'_>, tables: &[&str]) -> Result<(), DbErr> {
    for table in tables.iter().rev() {
        manager
            .drop_table(Table::drop().table(String::from(*table)).to_owned())
            .await?;
    }
    Ok(())
}
