//! Every table's rows before and after, to show that a refused or read-only operation wrote
//! nothing (used over HTTP by tests/api and through the schema by tests/resolvers).
use sea_orm::DatabaseConnection;
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use std::collections::BTreeMap;

/// Every table's row count and contents (PostgreSQL: an MD5 of the rows as text; SQLite: the
/// rows quoted), read as the owner, so a changed value shows as well as an added row.
pub async fn snapshot(db: &DatabaseConnection) -> BTreeMap<String, (i64, String)> {
    let backend = db.get_database_backend();
    let list = match backend {
        DbBackend::Postgres => "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'",
        _ => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    };
    let tables: Vec<String> = db
        .query_all_raw(Statement::from_string(backend, list))
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get::<String>("", "name").unwrap())
        .collect();
    let mut out = BTreeMap::new();
    for t in tables {
        let sql = match backend {
            DbBackend::Postgres => format!(
                "SELECT count(*)::bigint AS n, coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') AS h FROM \"{t}\" x"
            ),
            _ => {
                let cols: Vec<String> = db
                    .query_all_raw(Statement::from_string(
                        backend,
                        format!("SELECT name FROM pragma_table_info('{t}')"),
                    ))
                    .await
                    .unwrap()
                    .iter()
                    .map(|r| format!("quote(\"{}\")", r.try_get::<String>("", "name").unwrap()))
                    .collect();
                format!(
                    "SELECT count(*) AS n, coalesce(group_concat(r, '|'), '') AS h FROM
                     (SELECT {} AS r FROM \"{t}\" ORDER BY r)",
                    cols.join(" || ',' || ")
                )
            }
        };
        let row = db
            .query_one_raw(Statement::from_string(backend, sql))
            .await
            .unwrap()
            .unwrap();
        out.insert(
            t,
            (
                row.try_get::<i64>("", "n").unwrap(),
                row.try_get::<String>("", "h").unwrap(),
            ),
        );
    }
    out
}

/// Asserts that no table changed between two snapshots, naming the tables that did.
pub fn assert_unchanged(before: &BTreeMap<String, (i64, String)>, after: &BTreeMap<String, (i64, String)>, what: &str) {
    let changed: Vec<String> = after
        .iter()
        .filter(|(t, v)| before.get(*t) != Some(v))
        .map(|(t, (n, _))| format!("{t} ({} → {n} rows)", before.get(t).map_or(-1, |b| b.0)))
        .collect();
    assert!(changed.is_empty(), "{what} wrote to: {changed:?}");
}
