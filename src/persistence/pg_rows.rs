//! Row decoding for the hot listing reads (a page of properties and its owners, leases and
//! valuations). On PostgreSQL each column is read by name straight from sqlx: sea-orm's generic
//! decoder formats an error string for every NULL it meets (it decodes `Option<T>` as `T` and
//! turns the "unexpected null" error into `None`), which made decoding a page of mostly-empty
//! property rows a sixth of a request's CPU. SQLite rows go through sea-orm's decoder as before.
//! The portfolio summary's column reads use the same path (`columns_decoder!`).
use super::TenantTx;
use reos_entities::{lease, owner, property, property_ownership, valuation};
use sea_orm::{ActiveEnum, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, QueryResult, QueryTrait};
use sqlx::Row as _;
use sqlx::postgres::PgRow;

fn decode_error(column: &str, e: sqlx::Error) -> DbErr {
    DbErr::Type(format!("column `{column}`: {e}"))
}

/// One column of a PostgreSQL row, by name.
pub(crate) fn column<'r, T: sqlx::Decode<'r, sqlx::Postgres> + sqlx::Type<sqlx::Postgres>>(
    row: &'r PgRow,
    column: &str,
) -> Result<T, DbErr> {
    row.try_get(column).map_err(|e| decode_error(column, e))
}

/// `impl $t { fn pg(&PgRow) }` reading each listed field from the column of the same name (for
/// the plain row structs of a select of some columns; the struct must name exactly these).
macro_rules! columns_decoder {
    ($t:ident { $($field:ident),* $(,)? }) => {
        impl $t {
            fn pg(row: &sqlx::postgres::PgRow) -> Result<Self, sea_orm::DbErr> {
                Ok(Self { $($field: crate::persistence::pg_rows::column(row, stringify!($field))?,)* })
            }
        }
    };
}
pub(crate) use columns_decoder;

/// A column of a text-stored enum.
fn enum_column<E: ActiveEnum<Value = String>>(row: &PgRow, column: &str) -> Result<E, DbErr> {
    let text: String = row.try_get(column).map_err(|e| decode_error(column, e))?;
    E::try_from_value(&text)
}

/// `fn $name(&PgRow) -> Result<$entity::Model, DbErr>` reading every field from the column of the same
/// name (after `$prefix`, which joined selects put before each side's columns). The struct
/// literal must name every field, so a column added to an entity fails to compile here until it
/// is listed.
macro_rules! decoder {
    ($name:ident, $entity:ident, $prefix:literal, [$($field:ident),* $(,)?], enums [$($e:ident),* $(,)?]) => {
        pub(crate) fn $name(row: &PgRow) -> Result<$entity::Model, DbErr> {
            Ok($entity::Model {
                $($field: {
                    let column = concat!($prefix, stringify!($field));
                    row.try_get(column).map_err(|e| decode_error(column, e))?
                },)*
                $($e: enum_column(row, concat!($prefix, stringify!($e)))?,)*
            })
        }
    };
}

decoder!(property_row, property, "", [
    id, tenant_id, external_id, name, address_line1, unit, city, state, postal_code,
    normalized_address, address_hash, latitude, longitude, building_type, neighborhood,
    living_area_sf, lot_area_sf, year_built, year_remodeled, bedrooms, full_baths, half_baths,
    basement_sf, garage_cars, condition_score, stories, fireplaces, central_air, porch_sf, deck_sf,
    pool_sf, list_price, purchase_price, units_count, building_area_sf, parking_spaces, source,
    created_at, updated_at,
], enums [property_type, status, pipeline_stage]);

decoder!(
    lease_row,
    lease,
    "",
    [
        id,
        tenant_id,
        property_id,
        tenant_name,
        suite,
        vacant,
        area_sf,
        start_month,
        end_month,
        rent_psf,
        escalation_pct,
        free_rent_months,
        expense_stop_psf,
        renewal_probability,
        mla,
        created_at,
        updated_at,
    ],
    enums[recovery]
);

decoder!(
    valuation_row,
    valuation,
    "",
    [
        id,
        tenant_id,
        property_id,
        model_version,
        inputs_hash,
        value,
        result,
        noi_year1,
        created_by,
        created_at,
    ],
    enums[model]
);

decoder!(ownership_row, property_ownership, "A_", [
    id, tenant_id, property_id, owner_id, share_pct, acquired_on, acquisition_price, created_at,
], enums []);

decoder!(
    owner_row,
    owner,
    "B_",
    [
        id,
        tenant_id,
        name,
        normalized_name,
        tax_id,
        email,
        phone,
        mailing_address,
        created_at,
        updated_at,
    ],
    enums[owner_type]
);

/// Runs `query` in the tenant's transaction and decodes each row with `pg` on PostgreSQL, or
/// with `other` (sea-orm's decoder) elsewhere.
pub(crate) async fn all_rows<T>(
    tx: &TenantTx,
    query: &impl QueryTrait,
    pg: impl Fn(&PgRow) -> Result<T, DbErr>,
    other: impl Fn(&QueryResult) -> Result<T, DbErr>,
) -> Result<Vec<T>, DbErr> {
    let conn = tx.conn();
    statement_rows(tx, query.build(conn.get_database_backend()), pg, other).await
}

/// [`all_rows`] for a statement already built.
pub(crate) async fn statement_rows<T>(
    tx: &TenantTx,
    statement: sea_orm::Statement,
    pg: impl Fn(&PgRow) -> Result<T, DbErr>,
    other: impl Fn(&QueryResult) -> Result<T, DbErr>,
) -> Result<Vec<T>, DbErr> {
    let rows = tx.conn().query_all_raw(statement).await?;
    rows.iter()
        .map(|r| match r.try_as_pg_row() {
            Some(row) => pg(row),
            None => other(r),
        })
        .collect()
}

/// [`all_rows`] for a select of one entity's models.
pub(crate) async fn all_models<E: EntityTrait>(
    tx: &TenantTx,
    query: sea_orm::Select<E>,
    pg: fn(&PgRow) -> Result<E::Model, DbErr>,
) -> Result<Vec<E::Model>, DbErr> {
    all_rows(tx, &query, pg, |r| E::Model::from_query_result(r, "")).await
}
