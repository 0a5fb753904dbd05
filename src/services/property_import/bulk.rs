//! Bulk inserts of provenance rows, the pipeline's largest table: on PostgreSQL one
//! `INSERT … SELECT FROM UNNEST($1, …)` per chunk with one typed array per column (binary
//! arrays bind and parse far faster than multi-row `VALUES` or a JSON document); elsewhere
//! `insert_many`.
use reos_entities::field_provenance;
use sea_orm::sea_query::ArrayType;
use sea_orm::{ConnectionTrait, DatabaseTransaction, DbBackend, DbErr, EntityTrait, Statement, Value};

/// Rows per statement.
const CHUNK: usize = 10_000;

const PG_SQL: &str = "INSERT INTO field_provenance
      (id, tenant_id, entity, entity_id, field, value, previous_value, source, method, confidence,
       evidence_uri, actor, recorded_at, validation)
    SELECT id, tenant_id, entity, entity_id, field, value::json, NULLIF(previous_value, '')::json, source, method,
           confidence, NULLIF(evidence_uri, ''), actor, recorded_at, validation
    FROM UNNEST($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[],
                $9::text[], $10::float8[], $11::text[], $12::text[], $13::timestamptz[],
                $14::float8[])
      AS x(id, tenant_id, entity, entity_id, field, value, previous_value, source, method, confidence,
           evidence_uri, actor, recorded_at, validation)";

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
        let stmt = Statement::from_sql_and_values(DbBackend::Postgres, PG_SQL, columns(chunk));
        conn.execute_raw(stmt).await?;
    }
    Ok(())
}

/// One array per column, in `PG_SQL`'s order. sea-query binds arrays without NULL elements, so
/// a missing previous value or evidence URI travels as '' (neither is ever legitimately empty:
/// a JSON text is never empty) and `NULLIF` turns it back into NULL.
fn columns(rows: &[field_provenance::Model]) -> [Value; 14] {
    fn array(
        kind: ArrayType,
        rows: &[field_provenance::Model],
        f: impl Fn(&field_provenance::Model) -> Value,
    ) -> Value {
        Value::Array(kind, Some(Box::new(rows.iter().map(f).collect())))
    }
    let text = |s: &str| Value::String(Some(s.to_owned()));
    [
        array(ArrayType::Uuid, rows, |m| Value::Uuid(Some(m.id))),
        array(ArrayType::Uuid, rows, |m| Value::Uuid(Some(m.tenant_id))),
        array(ArrayType::String, rows, |m| text(&m.entity)),
        array(ArrayType::Uuid, rows, |m| Value::Uuid(Some(m.entity_id))),
        array(ArrayType::String, rows, |m| text(&m.field)),
        array(ArrayType::String, rows, |m| text(&m.value.to_string())),
        array(ArrayType::String, rows, |m| {
            text(&m.previous_value.as_ref().map(ToString::to_string).unwrap_or_default())
        }),
        array(ArrayType::String, rows, |m| text(&m.source)),
        array(ArrayType::String, rows, |m| text(&m.method)),
        array(ArrayType::Double, rows, |m| Value::Double(Some(m.confidence))),
        array(ArrayType::String, rows, |m| {
            text(m.evidence_uri.as_deref().unwrap_or_default())
        }),
        array(ArrayType::String, rows, |m| text(&m.actor)),
        array(ArrayType::ChronoDateTimeUtc, rows, |m| {
            Value::ChronoDateTimeUtc(Some(m.recorded_at))
        }),
        array(ArrayType::Double, rows, |m| Value::Double(Some(m.validation))),
    ]
}
