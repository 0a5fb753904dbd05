//! Bulk inserts of provenance rows, the pipeline's largest table: on PostgreSQL one
//! `INSERT … SELECT FROM jsonb_to_recordset($1)` per chunk (one bind parameter instead of
//! thirteen per row, which is what made multi-row `VALUES` slow); elsewhere `insert_many`.
use reos_entities::field_provenance;
use sea_orm::{ConnectionTrait, DatabaseTransaction, DbBackend, DbErr, EntityTrait, Statement};
use serde_json::json;

/// Rows per statement.
const CHUNK: usize = 5000;

const PG_SQL: &str = "INSERT INTO field_provenance
      (id, tenant_id, entity, entity_id, field, value, previous_value, source, method, confidence,
       evidence_uri, actor, recorded_at)
    SELECT id, tenant_id, entity, entity_id, field, value, previous_value, source, method, confidence,
           evidence_uri, actor, recorded_at
    FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, tenant_id uuid, entity text, entity_id uuid,
         field text, value json, previous_value json, source text, method text, confidence float8,
         evidence_uri text, actor text, recorded_at timestamptz)";

pub(super) async fn provenance(conn: &DatabaseTransaction, rows: &[field_provenance::Model]) -> Result<(), DbErr> {
    if conn.get_database_backend() != DbBackend::Postgres {
        for chunk in rows.chunks(2000) {
            let models: Vec<field_provenance::ActiveModel> = chunk.iter().cloned().map(Into::into).collect();
            field_provenance::Entity::insert_many(models)
                .exec_without_returning(conn)
                .await?;
        }
        return Ok(());
    }
    for chunk in rows.chunks(CHUNK) {
        let records: Vec<serde_json::Value> = chunk
            .iter()
            .map(|m| {
                json!({
                    "id": m.id, "tenant_id": m.tenant_id, "entity": m.entity, "entity_id": m.entity_id,
                    "field": m.field, "value": m.value, "previous_value": m.previous_value,
                    "source": m.source, "method": m.method, "confidence": m.confidence,
                    "evidence_uri": m.evidence_uri, "actor": m.actor, "recorded_at": m.recorded_at,
                })
            })
            .collect();
        let stmt =
            Statement::from_sql_and_values(DbBackend::Postgres, PG_SQL, [serde_json::Value::Array(records).into()]);
        conn.execute_raw(stmt).await?;
    }
    Ok(())
}
