//! The behavioural suite every engine must pass on the seeded tenant (see `seed.rs`): the
//! expectations are derived by hand from the seed, not from either engine.
use super::seed::Seeded;
use reos::graph::{EdgeKind, GraphStore, NodeKind};
use reos::persistence::TenantId;
use uuid::Uuid;

const EPS: f64 = 1e-6;

pub async fn run(store: &dyn GraphStore, s: &Seeded) {
    let t = s.tenant_id;
    portfolio(store, t, s).await;
    co_owners(store, t, s).await;
    network(store, t, s).await;
    clusters(store, t, s).await;
    influence(store, t, s).await;
}

async fn portfolio(store: &dyn GraphStore, t: TenantId, s: &Seeded) {
    // Either row of the resolved Acme gives the same node (entity resolution).
    let a = store.owner_portfolio(t, s.acme2).await.unwrap().expect("acme");
    let b = store.owner_portfolio(t, s.acme1).await.unwrap().expect("acme");
    assert_eq!(a, b);
    assert_eq!(a.owner.id, s.acme1, "the node id is the earliest row");
    assert_eq!(a.owner.owner_ids, vec![s.acme1, s.acme2]);
    let mut props: Vec<Uuid> = a.holdings.iter().map(|h| h.property_id).collect();
    props.sort();
    let mut want = vec![s.p[0], s.p[1]];
    want.sort();
    assert_eq!(props, want);
    assert!((a.total_value - (s.values[0] + s.values[1])).abs() < EPS);
    assert!((a.share_weighted_value - (0.6 * s.values[0] + s.values[1])).abs() < EPS);
    let none = store.owner_portfolio(t, Uuid::now_v7()).await.unwrap();
    assert!(none.is_none());
}

async fn co_owners(store: &dyn GraphStore, t: TenantId, s: &Seeded) {
    let c = store.co_owners(t, s.acme2).await.unwrap();
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].owner.id, s.birch);
    assert_eq!(c[0].shared_property_ids, vec![s.p[0]]);
    let c = store.co_owners(t, s.birch).await.unwrap();
    let names: Vec<&str> = c.iter().map(|x| x.owner.name.as_str()).collect();
    assert_eq!(names, ["Acme Holdings, L.L.C.", "Cedar Partners LP"]);
    assert!(store.co_owners(t, s.dune).await.unwrap().is_empty());
}

async fn network(store: &dyn GraphStore, t: TenantId, s: &Seeded) {
    let counts = |n: &reos::graph::Network| (n.nodes.len(), n.edges.len());
    let n1 = store.property_network(t, s.p[0], 1).await.unwrap().unwrap();
    assert_eq!(counts(&n1), (4, 3), "{n1:#?}");
    assert_eq!(n1.nodes[0].id, s.p[0].to_string());
    assert_eq!(n1.nodes[0].depth, 0);
    // "Hy-Vee, Inc." and "HY VEE INC" are one company.
    let companies: Vec<_> = n1.nodes.iter().filter(|n| n.kind == NodeKind::Company).collect();
    assert_eq!(companies.len(), 1);
    assert_eq!(companies[0].label, "Hy-Vee, Inc.");
    let owns = n1.edges.iter().find(|e| e.source == s.acme1.to_string()).unwrap();
    assert_eq!((owns.kind, owns.share_pct), (EdgeKind::Owns, Some(60.0)));
    let n2 = store.property_network(t, s.p[0], 2).await.unwrap().unwrap();
    assert_eq!(counts(&n2), (6, 6));
    let n3 = store.property_network(t, s.p[0], 3).await.unwrap().unwrap();
    assert_eq!(counts(&n3), (8, 8));
    let lender = n3.nodes.iter().find(|n| n.kind == NodeKind::Lender).unwrap();
    assert_eq!((lender.label.as_str(), lender.depth), ("First Bank", 3));
    let n4 = store.property_network(t, s.p[0], 4).await.unwrap().unwrap();
    assert_eq!(n4, n3, "nothing more is reachable");
    let alone = store.property_network(t, s.p[4], 2).await.unwrap().unwrap();
    assert_eq!(counts(&alone), (1, 0));
    assert_eq!(alone.nodes[0].label, "P5");
    assert!(store.property_network(t, Uuid::now_v7(), 2).await.unwrap().is_none());
}

async fn clusters(store: &dyn GraphStore, t: TenantId, s: &Seeded) {
    let c = store.owner_clusters(t, 2).await.unwrap();
    assert_eq!(c.len(), 1);
    let ids: Vec<Uuid> = c[0].owners.iter().map(|o| o.id).collect();
    let mut want = vec![s.acme1, s.birch, s.cedar];
    want.sort();
    assert_eq!(ids, want);
    assert_eq!(c[0].property_ids.len(), 3);
    assert!((c[0].total_value - (s.values[0] + s.values[1] + s.values[2])).abs() < EPS);
    let all = store.owner_clusters(t, 1).await.unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[1].owners[0].id, s.dune);
}

async fn influence(store: &dyn GraphStore, t: TenantId, s: &Seeded) {
    let r = store.influential_owners(t, 10).await.unwrap();
    assert_eq!(r.len(), 4);
    assert!(r.windows(2).all(|w| w[0].score >= w[1].score));
    // Acme has the largest share-weighted degree (1.6), Cedar the smallest (0.5).
    assert_eq!(r[0].owner.id, s.acme1);
    assert_eq!(r[3].owner.id, s.cedar);
    assert_eq!(r[0].property_count, 2);
    let top2 = store.influential_owners(t, 2).await.unwrap();
    assert_eq!(top2, r[..2].to_vec());
}
