//! The graph's data: a tenant's [`Snapshot`] (nodes and edges, owners already resolved) and the
//! answers both engines give. Engine-neutral plain data; GraphQL types wrap these.
use uuid::Uuid;

/// One resolved owner: every `owners` row that entity resolution found to be the same entity.
#[derive(Debug, Clone, PartialEq)]
pub struct OwnerNode {
    /// Resolution key: `tax:<TAX ID>` or `name:<canonical name>` (docs/graph.md).
    pub key: String,
    /// The node's id: the smallest (earliest, UUIDv7) of `owner_ids`.
    pub id: Uuid,
    /// Name of the row with that id.
    pub name: String,
    /// All `owners` rows merged into this node, ascending.
    pub owner_ids: Vec<Uuid>,
}

/// A property node; `value` is the purchase price, else the list price, else 0.
#[derive(Debug, Clone, PartialEq)]
pub struct PropertyNode {
    pub id: Uuid,
    pub label: String,
    pub value: f64,
}

/// A lease tenant company or a lender, keyed by its canonical name.
#[derive(Debug, Clone, PartialEq)]
pub struct PartyNode {
    pub key: String,
    pub name: String,
}

/// Owner → property, share in percent (rows of one resolved owner on one property are summed).
#[derive(Debug, Clone, PartialEq)]
pub struct OwnsEdge {
    pub owner: Uuid,
    pub property: Uuid,
    pub share_pct: f64,
}

/// Company or lender → property.
#[derive(Debug, Clone, PartialEq)]
pub struct PartyEdge {
    pub party: String,
    pub property: Uuid,
}

/// One tenant's whole graph, as the relational tables hold it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Snapshot {
    pub tenant: Uuid,
    pub owners: Vec<OwnerNode>,
    pub properties: Vec<PropertyNode>,
    pub companies: Vec<PartyNode>,
    pub lenders: Vec<PartyNode>,
    pub owns: Vec<OwnsEdge>,
    pub leases: Vec<PartyEdge>,
    pub loans: Vec<PartyEdge>,
}

/// An owner as answers name it.
#[derive(Debug, Clone, PartialEq)]
pub struct OwnerRef {
    pub id: Uuid,
    pub name: String,
    pub owner_ids: Vec<Uuid>,
}

/// One property of a portfolio.
#[derive(Debug, Clone, PartialEq)]
pub struct Holding {
    pub property_id: Uuid,
    pub label: String,
    pub value: f64,
    pub share_pct: f64,
}

/// `ownerPortfolio`: holdings by property id, total and share-weighted value.
#[derive(Debug, Clone, PartialEq)]
pub struct Portfolio {
    pub owner: OwnerRef,
    pub holdings: Vec<Holding>,
    pub total_value: f64,
    pub share_weighted_value: f64,
}

impl Portfolio {
    /// Sorts the holdings and sums them; both engines finish their answer here.
    pub fn new(owner: OwnerRef, mut holdings: Vec<Holding>) -> Self {
        holdings.sort_by_key(|h| h.property_id);
        let total_value = holdings.iter().map(|h| h.value).sum();
        let share_weighted_value = holdings.iter().map(|h| h.value * h.share_pct / 100.0).sum();
        Self {
            owner,
            holdings,
            total_value,
            share_weighted_value,
        }
    }
}

/// `coOwners`: another owner sharing at least one property.
#[derive(Debug, Clone, PartialEq)]
pub struct CoOwner {
    pub owner: OwnerRef,
    pub shared_property_ids: Vec<Uuid>,
}

/// Sorts co-owners: most shared properties first, then by name and id.
pub fn sort_co_owners(list: &mut [CoOwner]) {
    for c in list.iter_mut() {
        c.shared_property_ids.sort();
    }
    list.sort_by(|a, b| {
        b.shared_property_ids
            .len()
            .cmp(&a.shared_property_ids.len())
            .then_with(|| a.owner.name.cmp(&b.owner.name))
            .then_with(|| a.owner.id.cmp(&b.owner.id))
    });
}

/// Kind of a node of `propertyNetwork`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NodeKind {
    Property,
    Owner,
    Company,
    Lender,
}

impl NodeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Property => "property",
            Self::Owner => "owner",
            Self::Company => "company",
            Self::Lender => "lender",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "property" => Self::Property,
            "owner" => Self::Owner,
            "company" => Self::Company,
            "lender" => Self::Lender,
            _ => return None,
        })
    }
}

/// Kind of an edge: OWNS (owner → property), LEASES (company → property), LENDS (lender → property).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EdgeKind {
    Owns,
    Leases,
    Lends,
}

impl EdgeKind {
    /// The Neo4j relationship type.
    pub fn rel_type(self) -> &'static str {
        match self {
            Self::Owns => "OWNS",
            Self::Leases => "LEASES",
            Self::Lends => "LENDS",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "OWNS" => Self::Owns,
            "LEASES" => Self::Leases,
            "LENDS" => Self::Lends,
            _ => return None,
        })
    }
}

/// A node of a network: id is the UUID of an owner or property, `company:<key>` or `lender:<key>`.
#[derive(Debug, Clone, PartialEq)]
pub struct NetNode {
    pub id: String,
    pub kind: NodeKind,
    pub label: String,
    /// Hops from the start property.
    pub depth: u8,
}

/// An edge of a network, from the owner/company/lender to the property.
#[derive(Debug, Clone, PartialEq)]
pub struct NetEdge {
    pub source: String,
    pub target: String,
    pub kind: EdgeKind,
    /// OWNS only.
    pub share_pct: Option<f64>,
}

/// `propertyNetwork`: nodes within `depth` hops and the edges on walks of at most `depth` hops.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Network {
    pub nodes: Vec<NetNode>,
    pub edges: Vec<NetEdge>,
}

/// `ownerClusters`: owners connected through shared properties.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    pub owners: Vec<OwnerRef>,
    pub property_ids: Vec<Uuid>,
    /// Sum of the cluster's property values (each property once).
    pub total_value: f64,
}

/// `influentialOwners`: PageRank score (damping 0.85) over the owner–property graph.
#[derive(Debug, Clone, PartialEq)]
pub struct Influence {
    pub owner: OwnerRef,
    pub score: f64,
    pub property_count: usize,
}

/// Node id of a company or lender in networks and in Neo4j.
pub fn party_id(kind: NodeKind, key: &str) -> String {
    format!("{}:{key}", kind.as_str())
}
