//! Tenant-scoped repositories. Every read of a tenant-owned table starts from [`scoped`], which
//! filters by the transaction's tenant: there is no way to query such a table without it.
pub mod dcf_inputs;
pub mod hazard_points;
pub mod leases;
pub mod market_series;
pub mod owners;
pub mod portfolio;
pub mod properties;
pub mod records;
pub mod sales;
pub mod tenants;
pub mod users;

use super::TenantTx;
use reos_entities as e;
use sea_orm::{ColumnTrait, DbErr, EntityTrait, QueryFilter, Select};
use uuid::Uuid;

/// An entity with a `tenant_id` and a UUID `id`.
pub trait TenantOwned: EntityTrait {
    fn tenant_col() -> Self::Column;
    fn id_col() -> Self::Column;
}

macro_rules! tenant_owned {
    ($($m:ident),*) => {$(
        impl TenantOwned for e::$m::Entity {
            fn tenant_col() -> Self::Column { e::$m::Column::TenantId }
            fn id_col() -> Self::Column { e::$m::Column::Id }
        }
    )*};
}
tenant_owned!(
    user,
    property,
    owner,
    property_ownership,
    lease,
    unit_mix,
    sale,
    property_hazard,
    document,
    valuation,
    field_provenance,
    audit_event,
    operating_expense,
    market_leasing_profile,
    loan,
    dcf_assumption,
    pipeline_run,
    pipeline_gate_result,
    hazard_point,
    offer,
    loan_program,
    market_series,
    lease_abstract,
    unit_lease,
    job,
    market_regime
);

/// `SELECT … FROM table WHERE tenant_id = <the transaction's tenant>`.
pub fn scoped<E: TenantOwned>(tx: &TenantTx) -> Select<E> {
    E::find().filter(E::tenant_col().eq(tx.tenant().uuid()))
}

/// `col IN (ids)`, or on PostgreSQL `col = ANY($1)` with the ids as one array: the statement's
/// text, and so its prepared form, is the same for any number of ids.
pub fn one_of<C: sea_orm::ColumnTrait>(tx: &TenantTx, col: C, ids: &[Uuid]) -> sea_orm::sea_query::Expr {
    match tx.backend() {
        sea_orm::DbBackend::Postgres => col.eq_any(ids.iter().copied()),
        _ => col.is_in(ids.iter().copied()),
    }
}

/// Rows grouped by a key (a property id), each group in the rows' order.
pub fn grouped<M>(rows: Vec<M>, key: impl Fn(&M) -> Uuid) -> std::collections::HashMap<Uuid, Vec<M>> {
    let mut out: std::collections::HashMap<Uuid, Vec<M>> = std::collections::HashMap::new();
    for r in rows {
        out.entry(key(&r)).or_default().push(r);
    }
    out
}

/// One row of the tenant by id; another tenant's id is simply not found.
pub async fn find<E: TenantOwned>(tx: &TenantTx, id: Uuid) -> Result<Option<E::Model>, DbErr> {
    scoped::<E>(tx).filter(E::id_col().eq(id)).one(tx.conn().await?).await
}

/// Deletes one row of the tenant by id; false when there was none.
pub async fn delete<E: TenantOwned>(tx: &TenantTx, id: Uuid) -> Result<bool, DbErr> {
    let res = E::delete_many()
        .filter(E::tenant_col().eq(tx.tenant().uuid()))
        .filter(E::id_col().eq(id))
        .exec(tx.conn().await?)
        .await?;
    Ok(res.rows_affected > 0)
}
