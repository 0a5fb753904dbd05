//! Row decoding for the hot listing reads (a page of properties and its owners, leases and
//! valuations). On PostgreSQL each column is read by name straight from the driver: sqlx inside a
//! sea-orm transaction, tokio-postgres for the pipelined reads of a read-only request
//! (src/persistence/pipelined.rs). sea-orm's generic decoder formats an error string for every
//! NULL it meets (it decodes `Option<T>` as `T` and turns the "unexpected null" error into
//! `None`), which made decoding a page of mostly-empty property rows a sixth of a request's CPU.
//! SQLite rows go through sea-orm's decoder as before. The portfolio summary's column reads use
//! the same path (`columns_decoder!`).
use super::TenantTx;
use super::pipelined::Param;
use reos_entities::{lease, owner, property, property_ownership, valuation};
use sea_orm::{ActiveEnum, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, QueryResult, QueryTrait};
use sqlx::Row as _;
use sqlx::postgres::PgRow;

/// A column type both PostgreSQL drivers decode.
pub(crate) trait PgValue:
    for<'r> sqlx::Decode<'r, sqlx::Postgres> + sqlx::Type<sqlx::Postgres> + for<'r> tokio_postgres::types::FromSql<'r>
{
}

impl<T> PgValue for T where
    T: for<'r> sqlx::Decode<'r, sqlx::Postgres>
        + sqlx::Type<sqlx::Postgres>
        + for<'r> tokio_postgres::types::FromSql<'r>
{
}

/// A PostgreSQL row of either driver, read by column name.
pub(crate) trait PgRead {
    fn get<T: PgValue>(&self, column: &str) -> Result<T, DbErr>;
}

impl PgRead for PgRow {
    fn get<T: PgValue>(&self, column: &str) -> Result<T, DbErr> {
        self.try_get(column).map_err(|e| decode_error(column, e))
    }
}

/// A tokio-postgres row. Decoders read the columns mostly in the order they were selected, so
/// the column after the last one read is tried first before the names are searched (a by-name
/// read compares the name with every column before it: forty columns, forty reads).
struct OrderedRow<'r> {
    row: &'r tokio_postgres::Row,
    next: std::cell::Cell<usize>,
}

impl PgRead for OrderedRow<'_> {
    fn get<T: PgValue>(&self, column: &str) -> Result<T, DbErr> {
        let columns = self.row.columns();
        let guess = self.next.get();
        let at = match columns.get(guess) {
            Some(c) if c.name() == column => guess,
            _ => columns
                .iter()
                .position(|c| c.name() == column)
                .ok_or_else(|| decode_error(column, "not in the row"))?,
        };
        self.next.set(at + 1);
        self.row.try_get(at).map_err(|e| decode_error(column, e))
    }
}

/// A value made from one PostgreSQL row.
pub(crate) trait FromPg: Sized {
    fn from_pg(row: &impl PgRead) -> Result<Self, DbErr>;
}

fn decode_error(column: &str, e: impl std::fmt::Display) -> DbErr {
    DbErr::Type(format!("column `{column}`: {e}"))
}

/// `impl FromPg for $t` reading each listed field from the column of the same name (for the
/// plain row structs of a select of some columns; the struct must name exactly these).
macro_rules! columns_decoder {
    ($t:ident { $($field:ident),* $(,)? }) => {
        impl crate::persistence::pg_rows::FromPg for $t {
            fn from_pg(row: &impl crate::persistence::pg_rows::PgRead) -> Result<Self, sea_orm::DbErr> {
                Ok(Self { $($field: row.get(stringify!($field))?,)* })
            }
        }
    };
}
pub(crate) use columns_decoder;

/// A column of a text-stored enum.
fn enum_column<E: ActiveEnum<Value = String>>(row: &impl PgRead, column: &str) -> Result<E, DbErr> {
    E::try_from_value(&row.get::<String>(column)?)
}

/// A decoder reading every field of `$entity::Model` from the column of the same name. The struct
/// literal must name every field, so a column added to an entity fails to compile here until it
/// is listed. With a name and a prefix (which joined selects put before each side's columns):
/// the function `$name`; without: `impl FromPg for $entity::Model`.
macro_rules! decoder {
    ($name:ident, $entity:ident, $prefix:literal, [$($field:ident),* $(,)?], enums [$($e:ident),* $(,)?]) => {
        fn $name(row: &impl PgRead) -> Result<$entity::Model, DbErr> {
            Ok($entity::Model {
                $($field: row.get(concat!($prefix, stringify!($field)))?,)*
                $($e: enum_column(row, concat!($prefix, stringify!($e)))?,)*
            })
        }
    };
    ($entity:ident, $fields:tt, enums $enums:tt) => {
        impl FromPg for $entity::Model {
            fn from_pg(row: &impl PgRead) -> Result<Self, DbErr> {
                decoder!(decode, $entity, "", $fields, enums $enums);
                decode(row)
            }
        }
    };
}

decoder!(property, [
    id, tenant_id, external_id, name, address_line1, unit, city, state, postal_code,
    normalized_address, address_hash, latitude, longitude, building_type, neighborhood,
    living_area_sf, lot_area_sf, year_built, year_remodeled, bedrooms, full_baths, half_baths,
    basement_sf, garage_cars, condition_score, stories, fireplaces, central_air, porch_sf, deck_sf,
    pool_sf, list_price, purchase_price, units_count, building_area_sf, parking_spaces, source,
    created_at, updated_at,
], enums [property_type, status, pipeline_stage]);

decoder!(
    lease,
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
    valuation,
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

/// An ownership row joined with its owner (`A_` and `B_` columns).
impl FromPg for (property_ownership::Model, owner::Model) {
    fn from_pg(row: &impl PgRead) -> Result<Self, DbErr> {
        Ok((ownership_row(row)?, owner_row(row)?))
    }
}

/// Runs `query` in the tenant's transaction and decodes each PostgreSQL row with [`FromPg`], or
/// with `other` (sea-orm's decoder) elsewhere.
pub(crate) async fn all_rows<T: FromPg>(
    tx: &TenantTx,
    query: &impl QueryTrait,
    other: impl Fn(&QueryResult) -> Result<T, DbErr>,
) -> Result<Vec<T>, DbErr> {
    statement_rows(tx, query.build(tx.backend()), other).await
}

/// [`all_rows`] for a statement already built. In a read-only request with pipelined reads the
/// statement runs there; otherwise in the sea-orm transaction.
pub(crate) async fn statement_rows<T: FromPg>(
    tx: &TenantTx,
    statement: sea_orm::Statement,
    other: impl Fn(&QueryResult) -> Result<T, DbErr>,
) -> Result<Vec<T>, DbErr> {
    if let Some(reads) = tx.reads() {
        let params = Param::all(statement.values.as_ref())?;
        let rows = reads.rows(&statement.sql, &params).await?;
        return rows
            .iter()
            .map(|row| {
                T::from_pg(&OrderedRow {
                    row,
                    next: std::cell::Cell::new(0),
                })
            })
            .collect();
    }
    let rows = tx.conn().await?.query_all_raw(statement).await?;
    rows.iter()
        .map(|r| match r.try_as_pg_row() {
            Some(row) => T::from_pg(row),
            None => other(r),
        })
        .collect()
}

/// [`all_rows`] for a select of one entity's models.
pub(crate) async fn all_models<E: EntityTrait>(tx: &TenantTx, query: sea_orm::Select<E>) -> Result<Vec<E::Model>, DbErr>
where
    E::Model: FromPg,
{
    all_rows(tx, &query, |r| E::Model::from_query_result(r, "")).await
}
