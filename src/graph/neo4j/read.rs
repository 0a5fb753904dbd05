//! [`GraphStore`] on Neo4j: per-owner and per-property questions are Cypher traversals; clusters
//! and PageRank fetch the tenant's OWNS edges with Cypher and run the same Rust code as the
//! embedded engine (no Graph Data Science plugin needed, and both engines rank alike).
use super::{Neo4jStore, cypher};
use crate::graph::algo::{self, Projection};
use crate::graph::error::GraphError;
use crate::graph::model::*;
use crate::graph::store::GraphStore;
use crate::persistence::TenantId;
use async_trait::async_trait;
use neo4rs::Row;
use std::collections::HashMap;
use uuid::Uuid;

fn get<T: serde::de::DeserializeOwned>(row: &Row, col: &str) -> Result<T, GraphError> {
    row.get::<T>(col)
        .map_err(|e| GraphError::Mapping(format!("{col}: {e}")))
}

fn uuid(s: &str) -> Result<Uuid, GraphError> {
    Uuid::parse_str(s).map_err(|_| GraphError::Mapping(format!("not a UUID: {s}")))
}

fn owner(row: &Row) -> Result<OwnerRef, GraphError> {
    let ids: Vec<String> = get(row, "owner_ids")?;
    Ok(OwnerRef {
        id: uuid(&get::<String>(row, "owner_id")?)?,
        name: get(row, "owner_name")?,
        owner_ids: ids.iter().map(|s| uuid(s)).collect::<Result<_, _>>()?,
    })
}

fn kind(row: &Row, col: &str) -> Result<NodeKind, GraphError> {
    let s: String = get(row, col)?;
    NodeKind::parse(&s).ok_or_else(|| GraphError::Mapping(format!("{col}: unknown kind {s}")))
}

impl Neo4jStore {
    async fn projection(&self, tenant: TenantId) -> Result<Projection, GraphError> {
        let q = neo4rs::query(cypher::OWNERSHIP).param("tenant", tenant.uuid().to_string());
        let mut p = Projection::default();
        for row in self.rows(q).await? {
            let o = owner(&row)?;
            let oid = o.id;
            p.owners.insert(oid, o);
            if let Some(pid) = get::<Option<String>>(&row, "property_id")? {
                let pid = uuid(&pid)?;
                p.properties
                    .insert(pid, get::<Option<f64>>(&row, "value")?.unwrap_or(0.0));
                p.owns
                    .push((oid, pid, get::<Option<f64>>(&row, "share_pct")?.unwrap_or(0.0)));
            }
        }
        Ok(p)
    }
}

#[async_trait]
impl GraphStore for Neo4jStore {
    async fn owner_portfolio(&self, tenant: TenantId, owner_id: Uuid) -> Result<Option<Portfolio>, GraphError> {
        let q = neo4rs::query(cypher::PORTFOLIO)
            .param("tenant", tenant.uuid().to_string())
            .param("owner", owner_id.to_string());
        let rows = self.rows(q).await?;
        let Some(first) = rows.first() else { return Ok(None) };
        let who = owner(first)?;
        let mut holdings = Vec::new();
        for row in &rows {
            if let Some(pid) = get::<Option<String>>(row, "property_id")? {
                holdings.push(Holding {
                    property_id: uuid(&pid)?,
                    label: get(row, "property_label")?,
                    value: get::<Option<f64>>(row, "value")?.unwrap_or(0.0),
                    share_pct: get::<Option<f64>>(row, "share_pct")?.unwrap_or(0.0),
                });
            }
        }
        Ok(Some(Portfolio::new(who, holdings)))
    }

    async fn co_owners(&self, tenant: TenantId, owner_id: Uuid) -> Result<Vec<CoOwner>, GraphError> {
        let q = neo4rs::query(cypher::CO_OWNERS)
            .param("tenant", tenant.uuid().to_string())
            .param("owner", owner_id.to_string());
        let mut out = Vec::new();
        for row in self.rows(q).await? {
            let ids: Vec<String> = get(&row, "property_ids")?;
            out.push(CoOwner {
                owner: owner(&row)?,
                shared_property_ids: ids.iter().map(|s| uuid(s)).collect::<Result<_, _>>()?,
            });
        }
        sort_co_owners(&mut out);
        Ok(out)
    }

    async fn property_network(
        &self,
        tenant: TenantId,
        property: Uuid,
        depth: u8,
    ) -> Result<Option<Network>, GraphError> {
        let depth = super::super::store::check_depth(i32::from(depth))?;
        let q = neo4rs::query(&cypher::network(depth))
            .param("tenant", tenant.uuid().to_string())
            .param("property", property.to_string());
        let rows = self.rows(q).await?;
        let Some(first) = rows.first() else { return Ok(None) };
        let start = property.to_string();
        let mut nodes: HashMap<String, (NodeKind, String)> = HashMap::new();
        nodes.insert(start.clone(), (NodeKind::Property, get(first, "start_label")?));
        let mut edges = Vec::new();
        for row in &rows {
            let Some(rel) = get::<Option<String>>(row, "rel")? else {
                continue;
            };
            let kind_of = EdgeKind::parse(&rel).ok_or_else(|| GraphError::Mapping(format!("rel: {rel}")))?;
            let source: String = get(row, "source")?;
            let target: String = get(row, "target")?;
            nodes.insert(source.clone(), (kind(row, "source_kind")?, get(row, "source_label")?));
            nodes.insert(target.clone(), (kind(row, "target_kind")?, get(row, "target_label")?));
            edges.push(NetEdge {
                source,
                target,
                kind: kind_of,
                share_pct: get(row, "share_pct")?,
            });
        }
        Ok(Some(algo::network(&start, &nodes, &edges, depth)))
    }

    async fn owner_clusters(&self, tenant: TenantId, min_owners: usize) -> Result<Vec<Cluster>, GraphError> {
        Ok(algo::clusters(&self.projection(tenant).await?, min_owners))
    }

    async fn influential_owners(&self, tenant: TenantId, limit: usize) -> Result<Vec<Influence>, GraphError> {
        Ok(algo::influential(&self.projection(tenant).await?, limit))
    }
}
