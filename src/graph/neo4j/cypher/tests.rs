//! Unit tests of `graph::neo4j::cypher`.
use super::*;

/// Each node pattern `(x:Reos…{…})` and relationship pattern `[r:TYPE {…}]` names
/// `tenant_id: $tenant`, and every created node or relationship gets it.
#[test]
fn every_pattern_is_bound_to_the_tenant() {
    for stmt in TENANT_STATEMENTS {
        for (i, _) in stmt.match_indices(":Reos") {
            let rest = &stmt[i..];
            let end = rest.find(')').unwrap_or(rest.len());
            assert!(
                rest[..end].contains("tenant_id: $tenant"),
                "node pattern without tenant: {stmt}"
            );
        }
        for kind in ["OWNS", "LEASES", "LENDS"] {
            for (i, _) in stmt.match_indices(&format!(":{kind}")) {
                let rest = &stmt[i..];
                let end = rest.find(']').unwrap_or(rest.len());
                assert!(
                    rest[..end].contains("tenant_id: $tenant"),
                    "relationship without tenant: {stmt}"
                );
            }
        }
    }
    // The variable-length network walk checks every node and relationship on the path.
    assert!(NETWORK.contains("all(x IN nodes(path) WHERE x.tenant_id = $tenant)"));
    assert!(NETWORK.contains("all(r IN relationships(path) WHERE r.tenant_id = $tenant)"));
}

#[test]
fn the_network_depth_is_written_into_the_pattern() {
    assert!(network(3).contains("-[*1..3]-"));
    assert!(!network(3).contains("DEPTH"));
}
