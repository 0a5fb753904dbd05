//! Every Cypher statement reos sends, one line each (the boltstub scripts under `tests/bolt/`
//! match them byte for byte). All take `$tenant` and match or create only nodes and
//! relationships with that `tenant_id`. Node ids: owner and property UUIDs, `company:<key>`,
//! `lender:<key>`; every node has the label `Reos` plus its kind's label.

/// Index behind every `{tenant_id: $tenant, id: …}` lookup.
pub const CREATE_INDEX: &str = "CREATE INDEX reos_tenant_id IF NOT EXISTS FOR (n:Reos) ON (n.tenant_id, n.id)";

/// Sync step 1: the tenant's old graph goes (other tenants' nodes are not matched).
pub const DELETE_TENANT: &str = "MATCH (n:Reos {tenant_id: $tenant}) DETACH DELETE n";

pub const CREATE_OWNERS: &str = "UNWIND $rows AS o CREATE (:Reos:Owner {tenant_id: $tenant, id: o.id, kind: 'owner', key: o.key, label: o.label, owner_ids: o.owner_ids})";

pub const CREATE_PROPERTIES: &str = "UNWIND $rows AS p CREATE (:Reos:Property {tenant_id: $tenant, id: p.id, kind: 'property', label: p.label, value: p.value})";

pub const CREATE_COMPANIES: &str = "UNWIND $rows AS c CREATE (:Reos:Company {tenant_id: $tenant, id: c.id, kind: 'company', key: c.key, label: c.label})";

pub const CREATE_LENDERS: &str = "UNWIND $rows AS c CREATE (:Reos:Lender {tenant_id: $tenant, id: c.id, kind: 'lender', key: c.key, label: c.label})";

pub const CREATE_OWNS: &str = "UNWIND $rows AS e MATCH (o:Reos:Owner {tenant_id: $tenant, id: e.source}) MATCH (p:Reos:Property {tenant_id: $tenant, id: e.target}) CREATE (o)-[:OWNS {tenant_id: $tenant, share_pct: e.share_pct}]->(p)";

pub const CREATE_LEASES: &str = "UNWIND $rows AS e MATCH (c:Reos:Company {tenant_id: $tenant, id: e.source}) MATCH (p:Reos:Property {tenant_id: $tenant, id: e.target}) CREATE (c)-[:LEASES {tenant_id: $tenant}]->(p)";

pub const CREATE_LENDS: &str = "UNWIND $rows AS e MATCH (c:Reos:Lender {tenant_id: $tenant, id: e.source}) MATCH (p:Reos:Property {tenant_id: $tenant, id: e.target}) CREATE (c)-[:LENDS {tenant_id: $tenant}]->(p)";

/// `ownerPortfolio`: one row per holding (property columns null when the owner holds nothing).
pub const PORTFOLIO: &str = "MATCH (o:Reos:Owner {tenant_id: $tenant}) WHERE $owner IN o.owner_ids OPTIONAL MATCH (o)-[r:OWNS {tenant_id: $tenant}]->(p:Reos:Property {tenant_id: $tenant}) RETURN o.id AS owner_id, o.label AS owner_name, o.owner_ids AS owner_ids, p.id AS property_id, p.label AS property_label, p.value AS value, r.share_pct AS share_pct";

/// `coOwners`: one row per other owner, with the shared properties.
pub const CO_OWNERS: &str = "MATCH (o:Reos:Owner {tenant_id: $tenant}) WHERE $owner IN o.owner_ids MATCH (o)-[:OWNS {tenant_id: $tenant}]->(p:Reos:Property {tenant_id: $tenant})<-[:OWNS {tenant_id: $tenant}]-(c:Reos:Owner {tenant_id: $tenant}) WHERE c.id <> o.id RETURN c.id AS owner_id, c.label AS owner_name, c.owner_ids AS owner_ids, collect(DISTINCT p.id) AS property_ids";

/// `propertyNetwork`: every relationship on a path of 1..DEPTH hops from the property, with its
/// endpoints; one row with null relationship columns when there is none. Variable-length bounds
/// cannot be parameters in Cypher: `DEPTH` is replaced by the validated depth (1–4).
pub const NETWORK: &str = "MATCH (s:Reos:Property {tenant_id: $tenant, id: $property}) OPTIONAL MATCH path = (s)-[*1..DEPTH]-(:Reos {tenant_id: $tenant}) WHERE all(x IN nodes(path) WHERE x.tenant_id = $tenant) AND all(r IN relationships(path) WHERE r.tenant_id = $tenant) UNWIND CASE WHEN path IS NULL THEN [null] ELSE relationships(path) END AS r WITH DISTINCT s, r RETURN s.label AS start_label, type(r) AS rel, startNode(r).id AS source, startNode(r).kind AS source_kind, startNode(r).label AS source_label, endNode(r).id AS target, endNode(r).kind AS target_kind, endNode(r).label AS target_label, r.share_pct AS share_pct";

/// `ownerClusters` and `influentialOwners`: the tenant's owners and OWNS edges, computed on in
/// Rust (no GDS needed) with the same code as the embedded engine.
pub const OWNERSHIP: &str = "MATCH (o:Reos:Owner {tenant_id: $tenant}) OPTIONAL MATCH (o)-[r:OWNS {tenant_id: $tenant}]->(p:Reos:Property {tenant_id: $tenant}) RETURN o.id AS owner_id, o.label AS owner_name, o.owner_ids AS owner_ids, p.id AS property_id, p.value AS value, r.share_pct AS share_pct";

/// The network statement for a validated depth.
pub fn network(depth: u8) -> String {
    NETWORK.replace("DEPTH", &depth.to_string())
}

/// Every statement that touches tenant data (all but the index).
pub const TENANT_STATEMENTS: &[&str] = &[
    DELETE_TENANT,
    CREATE_OWNERS,
    CREATE_PROPERTIES,
    CREATE_COMPANIES,
    CREATE_LENDERS,
    CREATE_OWNS,
    CREATE_LEASES,
    CREATE_LENDS,
    PORTFOLIO,
    CO_OWNERS,
    NETWORK,
    OWNERSHIP,
];

#[cfg(test)]
mod tests;
