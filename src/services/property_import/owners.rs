//! Owners and ownership of imported properties: owners found by normalized name or created, and
//! one `property_ownership` link per property and owner.
use super::ImportReport;
use super::PipelineError;
use crate::persistence::TenantTx;
use crate::persistence::repositories::owners::normalize_name;
use crate::persistence::repositories::scoped;
use chrono::{DateTime, Utc};
use reos_entities::enums::OwnerType;
use reos_entities::{owner, property_ownership};
use sea_orm::{ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, Set, Statement};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// Owners by normalized name (created when new) and one ownership link per property and owner.
pub(super) async fn write(
    tx: &TenantTx,
    now: DateTime<Utc>,
    links: &[(Uuid, String, OwnerType, f64)],
    report: &mut ImportReport,
) -> Result<(), PipelineError> {
    if links.is_empty() {
        return Ok(());
    }
    let tenant = tx.tenant().uuid();
    if tx.backend() == DbBackend::Postgres {
        // Batches of one import (and concurrent imports) create owners in parallel transactions:
        // holding this lock until commit makes the next one see the owners this one created, so
        // a name is never created twice.
        let lock = "SELECT pg_advisory_xact_lock(hashtextextended('reos:owners:' || $1, 0))";
        let stmt = Statement::from_sql_and_values(DbBackend::Postgres, lock, [tenant.to_string().into()]);
        tx.conn().await?.execute_raw(stmt).await?;
    }
    let names: Vec<String> = links.iter().map(|l| normalize_name(&l.1)).collect();
    let mut by_name: HashMap<String, Uuid> = scoped::<owner::Entity>(tx)
        .filter(owner::Column::NormalizedName.is_in(names.clone()))
        .all(tx.conn().await?)
        .await?
        .into_iter()
        .map(|o| (o.normalized_name, o.id))
        .collect();
    let mut new_owners = Vec::new();
    for ((_, name, kind, _), norm) in links.iter().zip(&names) {
        if !by_name.contains_key(norm) {
            let id = Uuid::now_v7();
            by_name.insert(norm.clone(), id);
            new_owners.push(owner::ActiveModel {
                id: Set(id),
                tenant_id: Set(tenant),
                name: Set(name.clone()),
                normalized_name: Set(norm.clone()),
                owner_type: Set(*kind),
                tax_id: Set(None),
                email: Set(None),
                phone: Set(None),
                mailing_address: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
            });
        }
    }
    report.counts.owners += new_owners.len() as u64;
    for chunk in new_owners.chunks(2000) {
        owner::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(tx.conn().await?)
            .await?;
    }
    let props: Vec<Uuid> = links.iter().map(|l| l.0).collect();
    let mut linked: HashSet<(Uuid, Uuid)> = scoped::<property_ownership::Entity>(tx)
        .filter(property_ownership::Column::PropertyId.is_in(props))
        .all(tx.conn().await?)
        .await?
        .into_iter()
        .map(|o| (o.property_id, o.owner_id))
        .collect();
    let mut new_links = Vec::new();
    for ((property_id, _, _, share), norm) in links.iter().zip(&names) {
        let Some(&owner_id) = by_name.get(norm) else { continue };
        if linked.insert((*property_id, owner_id)) {
            new_links.push(property_ownership::ActiveModel {
                id: Set(Uuid::now_v7()),
                tenant_id: Set(tenant),
                property_id: Set(*property_id),
                owner_id: Set(owner_id),
                share_pct: Set(*share),
                acquired_on: Set(None),
                acquisition_price: Set(None),
                created_at: Set(now),
            });
        }
    }
    report.counts.ownerships += new_links.len() as u64;
    for chunk in new_links.chunks(2000) {
        property_ownership::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(tx.conn().await?)
            .await?;
    }
    Ok(())
}
