//! Writes a tenant's [`Snapshot`] to Neo4j in one transaction: the tenant's old nodes are
//! deleted and the snapshot created (rows sent in `UNWIND` batches). A full rebuild is also
//! what the outbox drainer does for a tenant with pending writes (docs/graph.md, "Sync").
use super::{Neo4jStore, cypher};
use crate::graph::error::GraphError;
use crate::graph::model::{NodeKind, PartyEdge, PartyNode, Snapshot, party_id};
use neo4rs::{BoltList, BoltMap, BoltType, Query};

/// Rows per `UNWIND` statement.
pub const BATCH: usize = 1000;

fn map(pairs: Vec<(&str, BoltType)>) -> BoltType {
    BoltType::Map(pairs.into_iter().map(|(k, v)| (k.into(), v)).collect::<BoltMap>())
}

fn strings(v: impl IntoIterator<Item = String>) -> BoltType {
    let mut l = BoltList::new();
    for s in v {
        l.push(s.into());
    }
    BoltType::List(l)
}

fn parties(kind: NodeKind, list: &[PartyNode]) -> Vec<BoltType> {
    list.iter()
        .map(|c| {
            map(vec![
                ("id", party_id(kind, &c.key).into()),
                ("key", c.key.clone().into()),
                ("label", c.name.clone().into()),
            ])
        })
        .collect()
}

fn party_edges(kind: NodeKind, list: &[PartyEdge]) -> Vec<BoltType> {
    list.iter()
        .map(|e| {
            map(vec![
                ("source", party_id(kind, &e.party).into()),
                ("target", e.property.to_string().into()),
            ])
        })
        .collect()
}

/// The statements of a sync, in order: delete, nodes, then relationships.
pub fn statements(s: &Snapshot) -> Vec<Query> {
    let tenant = s.tenant.to_string();
    let owners = s
        .owners
        .iter()
        .map(|o| {
            map(vec![
                ("id", o.id.to_string().into()),
                ("key", o.key.clone().into()),
                ("label", o.name.clone().into()),
                ("owner_ids", strings(o.owner_ids.iter().map(ToString::to_string))),
            ])
        })
        .collect();
    let properties = s
        .properties
        .iter()
        .map(|p| {
            map(vec![
                ("id", p.id.to_string().into()),
                ("label", p.label.clone().into()),
                ("value", p.value.into()),
            ])
        })
        .collect();
    let owns = s
        .owns
        .iter()
        .map(|e| {
            map(vec![
                ("source", e.owner.to_string().into()),
                ("target", e.property.to_string().into()),
                ("share_pct", e.share_pct.into()),
            ])
        })
        .collect();
    let mut out = vec![neo4rs::query(cypher::DELETE_TENANT).param("tenant", tenant.clone())];
    let steps: [(&str, Vec<BoltType>); 7] = [
        (cypher::CREATE_OWNERS, owners),
        (cypher::CREATE_PROPERTIES, properties),
        (cypher::CREATE_COMPANIES, parties(NodeKind::Company, &s.companies)),
        (cypher::CREATE_LENDERS, parties(NodeKind::Lender, &s.lenders)),
        (cypher::CREATE_OWNS, owns),
        (cypher::CREATE_LEASES, party_edges(NodeKind::Company, &s.leases)),
        (cypher::CREATE_LENDS, party_edges(NodeKind::Lender, &s.loans)),
    ];
    for (stmt, rows) in steps {
        for chunk in rows.chunks(BATCH) {
            out.push(
                neo4rs::query(stmt)
                    .param("tenant", tenant.clone())
                    .param("rows", BoltType::List(BoltList::from(chunk.to_vec()))),
            );
        }
    }
    out
}

impl Neo4jStore {
    /// Replaces the tenant's graph with `snapshot`, atomically.
    #[tracing::instrument(skip_all, fields(tenant = %snapshot.tenant, owners = snapshot.owners.len(), properties = snapshot.properties.len()))]
    pub async fn replace_tenant(&self, snapshot: &Snapshot) -> Result<(), GraphError> {
        let queries = statements(snapshot);
        self.timed(async {
            let mut txn = self.graph.start_txn().await?;
            txn.run_queries(queries).await?;
            txn.commit().await?;
            Ok(())
        })
        .await
    }
}
