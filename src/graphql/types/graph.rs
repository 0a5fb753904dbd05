//! GraphQL shapes of the ownership graph (issue #7): portfolios, co-owners, property networks
//! for drawing, ownership clusters and influential owners. Built from `crate::graph` answers.
use crate::graph::model as m;
use async_graphql::{Enum, ID, SimpleObject};

/// A resolved owner: one node for every `owners` row found to be the same entity.
#[derive(SimpleObject)]
pub struct GraphOwner {
    /// The node's id: the earliest of `ownerIds`.
    pub id: ID,
    pub name: String,
    /// The `owners` rows merged into this node (entity resolution, docs/graph.md).
    pub owner_ids: Vec<ID>,
}

impl From<m::OwnerRef> for GraphOwner {
    fn from(o: m::OwnerRef) -> Self {
        Self {
            id: ID(o.id.to_string()),
            name: o.name,
            owner_ids: o.owner_ids.iter().map(|i| ID(i.to_string())).collect(),
        }
    }
}

fn ids(v: &[uuid::Uuid]) -> Vec<ID> {
    v.iter().map(|i| ID(i.to_string())).collect()
}

/// One property of a portfolio.
#[derive(SimpleObject)]
pub struct PortfolioHolding {
    pub property_id: ID,
    /// Property name, else its first address line.
    pub label: String,
    /// Purchase price, else list price, else 0.
    pub value: f64,
    /// Percent held, (0, 100].
    pub share_pct: f64,
    /// `value × sharePct / 100`.
    pub share_value: f64,
}

/// `ownerPortfolio`.
#[derive(SimpleObject)]
pub struct OwnerPortfolio {
    pub owner: GraphOwner,
    pub properties: Vec<PortfolioHolding>,
    pub property_count: usize,
    /// Sum of the properties' values.
    pub total_value: f64,
    /// Sum of value × share.
    pub share_weighted_value: f64,
}

impl From<m::Portfolio> for OwnerPortfolio {
    fn from(p: m::Portfolio) -> Self {
        Self {
            owner: p.owner.into(),
            property_count: p.holdings.len(),
            properties: p
                .holdings
                .into_iter()
                .map(|h| PortfolioHolding {
                    property_id: ID(h.property_id.to_string()),
                    label: h.label,
                    value: h.value,
                    share_pct: h.share_pct,
                    share_value: h.value * h.share_pct / 100.0,
                })
                .collect(),
            total_value: p.total_value,
            share_weighted_value: p.share_weighted_value,
        }
    }
}

/// An owner sharing properties with another.
#[derive(SimpleObject)]
pub struct CoOwner {
    pub owner: GraphOwner,
    pub shared_property_ids: Vec<ID>,
    pub shared_count: usize,
}

impl From<m::CoOwner> for CoOwner {
    fn from(c: m::CoOwner) -> Self {
        Self {
            owner: c.owner.into(),
            shared_count: c.shared_property_ids.len(),
            shared_property_ids: ids(&c.shared_property_ids),
        }
    }
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum GraphNodeKind {
    Property,
    Owner,
    /// A lease tenant.
    Company,
    Lender,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum GraphEdgeKind {
    /// Owner → property.
    Owns,
    /// Lease tenant → property.
    Leases,
    /// Lender → property.
    Lends,
}

/// A node to draw.
#[derive(SimpleObject)]
pub struct NetworkNode {
    /// Owner or property UUID, `company:<name key>` or `lender:<name key>`.
    pub id: ID,
    pub kind: GraphNodeKind,
    pub label: String,
    /// Hops from the start property.
    pub depth: i32,
}

/// An edge to draw (from the owner, company or lender to the property).
#[derive(SimpleObject)]
pub struct NetworkEdge {
    pub source: ID,
    pub target: ID,
    pub kind: GraphEdgeKind,
    /// OWNS only.
    pub share_pct: Option<f64>,
}

/// `propertyNetwork`.
#[derive(SimpleObject)]
pub struct PropertyNetwork {
    pub nodes: Vec<NetworkNode>,
    pub edges: Vec<NetworkEdge>,
}

impl From<m::Network> for PropertyNetwork {
    fn from(n: m::Network) -> Self {
        Self {
            nodes: n
                .nodes
                .into_iter()
                .map(|x| NetworkNode {
                    id: ID(x.id),
                    kind: match x.kind {
                        m::NodeKind::Property => GraphNodeKind::Property,
                        m::NodeKind::Owner => GraphNodeKind::Owner,
                        m::NodeKind::Company => GraphNodeKind::Company,
                        m::NodeKind::Lender => GraphNodeKind::Lender,
                    },
                    label: x.label,
                    depth: i32::from(x.depth),
                })
                .collect(),
            edges: n
                .edges
                .into_iter()
                .map(|e| NetworkEdge {
                    source: ID(e.source),
                    target: ID(e.target),
                    kind: match e.kind {
                        m::EdgeKind::Owns => GraphEdgeKind::Owns,
                        m::EdgeKind::Leases => GraphEdgeKind::Leases,
                        m::EdgeKind::Lends => GraphEdgeKind::Lends,
                    },
                    share_pct: e.share_pct,
                })
                .collect(),
        }
    }
}

/// Owners connected through shared properties.
#[derive(SimpleObject)]
pub struct OwnerCluster {
    pub owners: Vec<GraphOwner>,
    /// Number of owners.
    pub size: usize,
    pub property_ids: Vec<ID>,
    /// Sum of the cluster's property values, each property once.
    pub total_value: f64,
}

impl From<m::Cluster> for OwnerCluster {
    fn from(c: m::Cluster) -> Self {
        Self {
            size: c.owners.len(),
            owners: c.owners.into_iter().map(Into::into).collect(),
            property_ids: ids(&c.property_ids),
            total_value: c.total_value,
        }
    }
}

/// An owner ranked by PageRank (damping 0.85) over the owner–property graph.
#[derive(SimpleObject)]
pub struct InfluentialOwner {
    /// 1 for the most influential.
    pub rank: i32,
    pub owner: GraphOwner,
    /// PageRank score; all nodes (owners and properties) sum to 1.
    pub score: f64,
    pub property_count: usize,
}

/// Owners best first, as `influentialOwners` lists them (rank 1 for the first).
pub fn ranked(list: Vec<m::Influence>) -> Vec<InfluentialOwner> {
    list.into_iter()
        .enumerate()
        .map(|(i, x)| InfluentialOwner {
            rank: i32::try_from(i + 1).unwrap_or(i32::MAX),
            owner: x.owner.into(),
            score: x.score,
            property_count: x.property_count,
        })
        .collect()
}
