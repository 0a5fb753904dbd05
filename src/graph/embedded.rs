//! The embedded engine: one tenant's [`Snapshot`] held in memory and queried with petgraph (via
//! [`algo`](super::algo)). Built from the relational tables per request, so it is never stale;
//! it answers only for the tenant it was built for.
use super::algo::{self, Projection};
use super::error::GraphError;
use super::load;
use super::model::*;
use super::store::GraphStore;
use crate::persistence::{TenantId, TenantTx};
use async_trait::async_trait;
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

pub struct EmbeddedGraph {
    snapshot: Snapshot,
}

impl EmbeddedGraph {
    pub fn new(snapshot: Snapshot) -> Self {
        Self { snapshot }
    }

    /// Builds the graph of the transaction's tenant.
    pub async fn load(tx: &TenantTx) -> Result<Self, GraphError> {
        Ok(Self::new(load::snapshot(tx).await?))
    }

    /// This graph, when it is `tenant`'s; another tenant sees an empty graph.
    fn of(&self, tenant: TenantId) -> Option<&Snapshot> {
        (self.snapshot.tenant == tenant.uuid()).then_some(&self.snapshot)
    }

    fn owner_of_row(s: &Snapshot, row: Uuid) -> Option<&OwnerNode> {
        s.owners.iter().find(|o| o.owner_ids.contains(&row))
    }

    fn projection(s: &Snapshot) -> Projection {
        Projection {
            owners: s.owners.iter().map(|o| (o.id, owner_ref(o))).collect(),
            // Only owned properties: the Neo4j engine's OWNS query sees no others, and
            // unowned properties would change PageRank's node count.
            properties: s
                .properties
                .iter()
                .filter(|p| s.owns.iter().any(|e| e.property == p.id))
                .map(|p| (p.id, p.value))
                .collect(),
            owns: s.owns.iter().map(|e| (e.owner, e.property, e.share_pct)).collect(),
        }
    }
}

fn owner_ref(o: &OwnerNode) -> OwnerRef {
    OwnerRef {
        id: o.id,
        name: o.name.clone(),
        owner_ids: o.owner_ids.clone(),
    }
}

#[async_trait]
impl GraphStore for EmbeddedGraph {
    async fn owner_portfolio(&self, tenant: TenantId, owner: Uuid) -> Result<Option<Portfolio>, GraphError> {
        let Some(s) = self.of(tenant) else { return Ok(None) };
        let Some(node) = Self::owner_of_row(s, owner) else {
            return Ok(None);
        };
        let props: HashMap<Uuid, &PropertyNode> = s.properties.iter().map(|p| (p.id, p)).collect();
        let holdings = s
            .owns
            .iter()
            .filter(|e| e.owner == node.id)
            .filter_map(|e| {
                let p = props.get(&e.property)?;
                Some(Holding {
                    property_id: p.id,
                    label: p.label.clone(),
                    value: p.value,
                    share_pct: e.share_pct,
                })
            })
            .collect();
        Ok(Some(Portfolio::new(owner_ref(node), holdings)))
    }

    async fn co_owners(&self, tenant: TenantId, owner: Uuid) -> Result<Vec<CoOwner>, GraphError> {
        let Some(s) = self.of(tenant) else {
            return Ok(Vec::new());
        };
        let Some(node) = Self::owner_of_row(s, owner) else {
            return Ok(Vec::new());
        };
        let mine: Vec<Uuid> = s
            .owns
            .iter()
            .filter(|e| e.owner == node.id)
            .map(|e| e.property)
            .collect();
        let mut shared: BTreeMap<Uuid, Vec<Uuid>> = BTreeMap::new();
        for e in s
            .owns
            .iter()
            .filter(|e| e.owner != node.id && mine.contains(&e.property))
        {
            shared.entry(e.owner).or_default().push(e.property);
        }
        let mut out: Vec<CoOwner> = s
            .owners
            .iter()
            .filter_map(|o| {
                Some(CoOwner {
                    owner: owner_ref(o),
                    shared_property_ids: shared.remove(&o.id)?,
                })
            })
            .collect();
        sort_co_owners(&mut out);
        Ok(out)
    }

    async fn property_network(
        &self,
        tenant: TenantId,
        property: Uuid,
        depth: u8,
    ) -> Result<Option<Network>, GraphError> {
        let Some(s) = self.of(tenant) else { return Ok(None) };
        if !s.properties.iter().any(|p| p.id == property) {
            return Ok(None);
        }
        let mut nodes: HashMap<String, (NodeKind, String)> = HashMap::new();
        for p in &s.properties {
            nodes.insert(p.id.to_string(), (NodeKind::Property, p.label.clone()));
        }
        for o in &s.owners {
            nodes.insert(o.id.to_string(), (NodeKind::Owner, o.name.clone()));
        }
        for (kind, list) in [(NodeKind::Company, &s.companies), (NodeKind::Lender, &s.lenders)] {
            for c in list {
                nodes.insert(party_id(kind, &c.key), (kind, c.name.clone()));
            }
        }
        let mut edges: Vec<NetEdge> = s
            .owns
            .iter()
            .map(|e| NetEdge {
                source: e.owner.to_string(),
                target: e.property.to_string(),
                kind: EdgeKind::Owns,
                share_pct: Some(e.share_pct),
            })
            .collect();
        for (kind, node_kind, list) in [
            (EdgeKind::Leases, NodeKind::Company, &s.leases),
            (EdgeKind::Lends, NodeKind::Lender, &s.loans),
        ] {
            edges.extend(list.iter().map(|e| NetEdge {
                source: party_id(node_kind, &e.party),
                target: e.property.to_string(),
                kind,
                share_pct: None,
            }));
        }
        Ok(Some(algo::network(&property.to_string(), &nodes, &edges, depth)))
    }

    async fn owner_clusters(&self, tenant: TenantId, min_owners: usize) -> Result<Vec<Cluster>, GraphError> {
        Ok(self
            .of(tenant)
            .map(|s| algo::clusters(&Self::projection(s), min_owners))
            .unwrap_or_default())
    }

    async fn influential_owners(&self, tenant: TenantId, limit: usize) -> Result<Vec<Influence>, GraphError> {
        Ok(self
            .of(tenant)
            .map(|s| algo::influential(&Self::projection(s), limit))
            .unwrap_or_default())
    }
}
