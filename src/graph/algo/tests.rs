//! Unit tests of `graph::algo`.
use super::*;

fn owner(n: u128, name: &str) -> (Uuid, OwnerRef) {
    let id = Uuid::from_u128(n);
    (
        id,
        OwnerRef {
            id,
            name: name.into(),
            owner_ids: vec![id],
        },
    )
}

#[test]
fn pagerank_sums_to_one_and_ranks_the_owner_of_more_property_first() {
    let p = Projection {
        owners: [owner(1, "a"), owner(2, "b")].into_iter().collect(),
        properties: (10..13).map(|i| (Uuid::from_u128(i), 1.0)).collect(),
        owns: vec![
            (Uuid::from_u128(1), Uuid::from_u128(10), 100.0),
            (Uuid::from_u128(1), Uuid::from_u128(11), 50.0),
            (Uuid::from_u128(2), Uuid::from_u128(11), 50.0),
        ],
    };
    let r = influential(&p, 10);
    assert_eq!(r[0].owner.name, "a");
    assert_eq!(r[0].property_count, 2);
    // Owners' share of the total mass is below one: properties hold the rest.
    let owners: f64 = r.iter().map(|i| i.score).sum();
    assert!(owners > 0.0 && owners < 1.0, "{owners}");
}

#[test]
fn clusters_join_owners_through_a_shared_property_only() {
    let p = Projection {
        owners: [owner(1, "a"), owner(2, "b"), owner(3, "c")].into_iter().collect(),
        properties: [(Uuid::from_u128(10), 5.0), (Uuid::from_u128(11), 7.0)]
            .into_iter()
            .collect(),
        owns: vec![
            (Uuid::from_u128(1), Uuid::from_u128(10), 50.0),
            (Uuid::from_u128(2), Uuid::from_u128(10), 50.0),
            (Uuid::from_u128(3), Uuid::from_u128(11), 100.0),
        ],
    };
    let c = clusters(&p, 2);
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].owners.len(), 2);
    assert_eq!(c[0].total_value, 5.0);
    assert_eq!(clusters(&p, 1).len(), 2);
}
