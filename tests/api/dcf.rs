//! The DCF tables behind the tenancy wall on PostgreSQL; the DCF resolvers themselves are tested
//! through `schema.execute()` in tests/resolvers/dcf.rs. `graphql_input` is shared by the other
//! api modules that send a DCF input.
pub(crate) use crate::support::dcf_graphql::graphql_input;

/// The DCF tables sit behind the same wall as the rest: RLS enabled and forced, the tenant policy,
/// and DML grants for the service role (the list is `reos_entities::TENANT_OWNED_TABLES`).
#[tokio::test]
async fn every_tenant_owned_table_has_row_level_security_on_postgres() {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    let Some(admin) = crate::support::test_app::pg_admin_url() else {
        return;
    };
    let (owner_url, _) = crate::support::test_app::fresh_postgres(&admin).await;
    let owner = sea_orm::Database::connect(&owner_url).await.unwrap();
    for table in reos_entities::TENANT_OWNED_TABLES {
        let row = owner
            .query_one_raw(Statement::from_string(
                DbBackend::Postgres,
                format!(
                    "SELECT (c.relrowsecurity AND c.relforcerowsecurity) AS rls,
                        EXISTS (SELECT 1 FROM pg_policies p WHERE p.tablename = '{table}' AND p.policyname = 'tenant_isolation') AS policy,
                        (has_table_privilege('{role}', '{table}', 'SELECT') AND has_table_privilege('{role}', '{table}', 'INSERT')
                         AND has_table_privilege('{role}', '{table}', 'UPDATE') AND has_table_privilege('{role}', '{table}', 'DELETE')) AS dml
                     FROM pg_class c WHERE c.relname = '{table}'",
                    role = reos_migrations::APP_ROLE
                ),
            ))
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("{table} missing"));
        for col in ["rls", "policy", "dml"] {
            assert!(row.try_get::<bool>("", col).unwrap(), "{table}: {col}");
        }
    }
}
