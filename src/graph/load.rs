//! Builds a tenant's [`Snapshot`] from the relational tables, inside its tenant transaction
//! (scoped queries, and RLS on PostgreSQL): what the embedded engine queries and what a sync
//! writes to Neo4j.
use super::model::{OwnerNode, OwnsEdge, PartyEdge, PartyNode, PropertyNode, Snapshot};
use super::resolve::{OwnerRow, canonical_name, resolve_owners};
use crate::persistence::TenantTx;
use crate::persistence::repositories::scoped;
use reos_entities::{lease, loan, owner, property, property_ownership};
use sea_orm::{ColumnTrait, DbErr, QueryFilter, QueryOrder};
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// Reads owners, properties, ownership, occupied leases and loans with a lender of the tenant.
#[tracing::instrument(skip_all, fields(tenant = %tx.tenant()))]
pub async fn snapshot(tx: &TenantTx) -> Result<Snapshot, DbErr> {
    let conn = tx.conn().await?;
    let owners = scoped::<owner::Entity>(tx)
        .order_by_asc(owner::Column::Id)
        .all(conn)
        .await?;
    let properties = scoped::<property::Entity>(tx)
        .order_by_asc(property::Column::Id)
        .all(conn)
        .await?;
    let ownership = scoped::<property_ownership::Entity>(tx).all(conn).await?;
    let leases = scoped::<lease::Entity>(tx)
        .filter(lease::Column::TenantName.is_not_null())
        .order_by_asc(lease::Column::Id)
        .all(conn)
        .await?;
    let loans = scoped::<loan::Entity>(tx)
        .filter(loan::Column::Lender.is_not_null())
        .order_by_asc(loan::Column::Id)
        .all(conn)
        .await?;
    let rows: Vec<OwnerRow> = owners
        .into_iter()
        .map(|o| OwnerRow {
            id: o.id,
            name: o.name,
            tax_id: o.tax_id,
        })
        .collect();
    Ok(assemble(
        tx.tenant().uuid(),
        &rows,
        properties.into_iter().map(|p| PropertyNode {
            id: p.id,
            label: p.name.unwrap_or(p.address_line1),
            value: p.purchase_price.or(p.list_price).unwrap_or(0.0),
        }),
        ownership.iter().map(|o| (o.owner_id, o.property_id, o.share_pct)),
        leases
            .iter()
            .filter(|l| !l.vacant)
            .filter_map(|l| Some((l.tenant_name.as_deref()?, l.property_id))),
        loans.iter().filter_map(|l| Some((l.lender.as_deref()?, l.property_id))),
    ))
}

/// Resolves owners and parties and aggregates edges; pure, so tests can build snapshots directly.
pub fn assemble<'a>(
    tenant: Uuid,
    owner_rows: &[OwnerRow],
    properties: impl Iterator<Item = PropertyNode>,
    ownership: impl Iterator<Item = (Uuid, Uuid, f64)>,
    leases: impl Iterator<Item = (&'a str, Uuid)>,
    loans: impl Iterator<Item = (&'a str, Uuid)>,
) -> Snapshot {
    let mut node_of_row: HashMap<Uuid, Uuid> = HashMap::new();
    let mut owners = Vec::new();
    for (key, rows) in resolve_owners(owner_rows) {
        let Some(first) = rows.first() else { continue };
        for r in &rows {
            node_of_row.insert(r.id, first.id);
        }
        owners.push(OwnerNode {
            key,
            id: first.id,
            name: first.name.clone(),
            owner_ids: rows.iter().map(|r| r.id).collect(),
        });
    }
    owners.sort_by_key(|o| o.id);
    let mut properties: Vec<PropertyNode> = properties.collect();
    properties.sort_by_key(|p| p.id);
    let mut shares: BTreeMap<(Uuid, Uuid), f64> = BTreeMap::new();
    for (owner_row, property, share) in ownership {
        if let Some(node) = node_of_row.get(&owner_row) {
            *shares.entry((*node, property)).or_default() += share;
        }
    }
    let owns = shares
        .into_iter()
        .map(|((owner, property), share_pct)| OwnsEdge {
            owner,
            property,
            share_pct,
        })
        .collect();
    let (companies, leases) = parties(leases);
    let (lenders, loans) = parties(loans);
    Snapshot {
        tenant,
        owners,
        properties,
        companies,
        lenders,
        owns,
        leases,
        loans,
    }
}

/// Parties keyed by canonical name (first spelling seen wins the display name) and their
/// distinct edges to properties, both sorted.
fn parties<'a>(rows: impl Iterator<Item = (&'a str, Uuid)>) -> (Vec<PartyNode>, Vec<PartyEdge>) {
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    let mut edges: std::collections::BTreeSet<(String, Uuid)> = Default::default();
    for (name, property) in rows {
        let key = canonical_name(name);
        if key.is_empty() {
            continue;
        }
        names.entry(key.clone()).or_insert_with(|| name.trim().to_owned());
        edges.insert((key, property));
    }
    (
        names.into_iter().map(|(key, name)| PartyNode { key, name }).collect(),
        edges
            .into_iter()
            .map(|(party, property)| PartyEdge { party, property })
            .collect(),
    )
}
