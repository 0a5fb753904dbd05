//! Graph algorithms both engines share, so they answer alike: the network walk (distances by
//! petgraph's Dijkstra with unit weights), ownership clusters (union-find) and PageRank. The
//! embedded engine feeds them the whole tenant graph; the Neo4j engine feeds them what its
//! Cypher returned (the network's edges already cut to `depth`, or the tenant's OWNS edges).
use super::model::{Cluster, Influence, NetEdge, NetNode, Network, NodeKind, OwnerRef};
use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::unionfind::UnionFind;
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// PageRank damping factor.
pub const DAMPING: f64 = 0.85;
/// PageRank stops after this many iterations or when the L1 change is below [`TOLERANCE`].
pub const MAX_ITERATIONS: usize = 100;
pub const TOLERANCE: f64 = 1e-12;

/// Nodes within `depth` hops of `start` and the edges on walks of at most `depth` hops (an edge
/// whose nearer end is fewer than `depth` hops away), sorted by (depth, kind, id) and
/// (source, target, kind). `nodes` must hold every endpoint of `edges` and the start.
pub fn network(start: &str, nodes: &HashMap<String, (NodeKind, String)>, edges: &[NetEdge], depth: u8) -> Network {
    let mut g: UnGraph<&str, usize> = UnGraph::default();
    let mut index: HashMap<&str, NodeIndex> = HashMap::new();
    let mut ids: Vec<&String> = nodes.keys().collect();
    ids.sort();
    for id in ids {
        index.insert(id.as_str(), g.add_node(id.as_str()));
    }
    for (i, e) in edges.iter().enumerate() {
        if let (Some(a), Some(b)) = (index.get(e.source.as_str()), index.get(e.target.as_str())) {
            g.add_edge(*a, *b, i);
        }
    }
    let Some(s) = index.get(start) else {
        return Network::default();
    };
    let dist = petgraph::algo::dijkstra(&g, *s, None, |_| 1u32);
    let d = |id: &str| index.get(id).and_then(|i| dist.get(i)).copied();
    let limit = u32::from(depth);
    let mut out = Network::default();
    for (id, (kind, label)) in nodes {
        if let Some(k) = d(id).filter(|k| *k <= limit) {
            out.nodes.push(NetNode {
                id: id.clone(),
                kind: *kind,
                label: label.clone(),
                depth: u8::try_from(k).unwrap_or(u8::MAX),
            });
        }
    }
    for e in edges {
        let near = match (d(&e.source), d(&e.target)) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => continue,
        };
        if near < limit {
            out.edges.push(e.clone());
        }
    }
    out.nodes
        .sort_by(|a, b| (a.depth, a.kind, &a.id).cmp(&(b.depth, b.kind, &b.id)));
    out.edges
        .sort_by(|a, b| (&a.source, &a.target, a.kind).cmp(&(&b.source, &b.target, b.kind)));
    out.edges.dedup();
    out
}

/// The owner–property bipartite graph of a tenant (OWNS edges only).
#[derive(Debug, Clone, Default)]
pub struct Projection {
    pub owners: BTreeMap<Uuid, OwnerRef>,
    /// Property id → value.
    pub properties: BTreeMap<Uuid, f64>,
    /// (owner, property, share in percent).
    pub owns: Vec<(Uuid, Uuid, f64)>,
}

impl Projection {
    fn sorted_owns(&self) -> Vec<(Uuid, Uuid, f64)> {
        let mut e: Vec<_> = self
            .owns
            .iter()
            .filter(|(o, p, _)| self.owners.contains_key(o) && self.properties.contains_key(p))
            .copied()
            .collect();
        e.sort_by_key(|a| (a.0, a.1));
        e
    }
}

/// Connected components over shared ownership with at least `min_owners` owners; largest
/// first, then by value, then by the smallest owner id.
pub fn clusters(p: &Projection, min_owners: usize) -> Vec<Cluster> {
    let owners: Vec<Uuid> = p.owners.keys().copied().collect();
    let props: Vec<Uuid> = p.properties.keys().copied().collect();
    let at: HashMap<Uuid, usize> = owners
        .iter()
        .chain(props.iter())
        .enumerate()
        .map(|(i, id)| (*id, i))
        .collect();
    let mut uf = UnionFind::<usize>::new(at.len());
    for (o, pr, _) in p.sorted_owns() {
        if let (Some(a), Some(b)) = (at.get(&o), at.get(&pr)) {
            uf.union(*a, *b);
        }
    }
    let mut groups: BTreeMap<usize, (Vec<OwnerRef>, Vec<Uuid>)> = BTreeMap::new();
    for (i, id) in owners.iter().enumerate() {
        if let Some(o) = p.owners.get(id) {
            groups.entry(uf.find(i)).or_default().0.push(o.clone());
        }
    }
    for (j, id) in props.iter().enumerate() {
        if let Some(g) = groups.get_mut(&uf.find(owners.len() + j)) {
            g.1.push(*id);
        }
    }
    let mut out: Vec<Cluster> = groups
        .into_values()
        .filter(|(o, _)| o.len() >= min_owners.max(1))
        .map(|(owners, property_ids)| Cluster {
            total_value: property_ids.iter().filter_map(|id| p.properties.get(id)).sum(),
            owners,
            property_ids,
        })
        .collect();
    out.sort_by(|a, b| {
        b.owners
            .len()
            .cmp(&a.owners.len())
            .then_with(|| b.total_value.total_cmp(&a.total_value))
            .then_with(|| a.owners.first().map(|o| o.id).cmp(&b.owners.first().map(|o| o.id)))
    });
    out
}

/// Weighted PageRank on the undirected owner–property graph (edge weight = share / 100,
/// damping [`DAMPING`], dangling mass spread evenly), owners ranked by score, then name and id.
pub fn influential(p: &Projection, limit: usize) -> Vec<Influence> {
    let owners: Vec<Uuid> = p.owners.keys().copied().collect();
    let n = owners.len() + p.properties.len();
    if n == 0 {
        return Vec::new();
    }
    let at: HashMap<Uuid, usize> = owners
        .iter()
        .chain(p.properties.keys())
        .enumerate()
        .map(|(i, id)| (*id, i))
        .collect();
    let mut adj: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    let mut counts: HashMap<Uuid, usize> = HashMap::new();
    for (o, pr, share) in p.sorted_owns() {
        let w = share / 100.0;
        if let (Some(a), Some(b)) = (at.get(&o), at.get(&pr))
            && w > 0.0
        {
            adj[*a].push((*b, w));
            adj[*b].push((*a, w));
            *counts.entry(o).or_default() += 1;
        }
    }
    let out_weight: Vec<f64> = adj.iter().map(|e| e.iter().map(|(_, w)| w).sum()).collect();
    let nf = n as f64;
    let mut rank = vec![1.0 / nf; n];
    for _ in 0..MAX_ITERATIONS {
        let dangling: f64 = (0..n).filter(|i| out_weight[*i] <= 0.0).map(|i| rank[i]).sum();
        let base = (1.0 - DAMPING) / nf + DAMPING * dangling / nf;
        let mut next = vec![base; n];
        for (u, edges) in adj.iter().enumerate() {
            if out_weight[u] > 0.0 {
                for (v, w) in edges {
                    next[*v] += DAMPING * rank[u] * w / out_weight[u];
                }
            }
        }
        let change: f64 = next.iter().zip(&rank).map(|(a, b)| (a - b).abs()).sum();
        rank = next;
        if change < TOLERANCE {
            break;
        }
    }
    let mut out: Vec<Influence> = owners
        .iter()
        .enumerate()
        .filter_map(|(i, id)| {
            Some(Influence {
                owner: p.owners.get(id)?.clone(),
                score: rank[i],
                property_count: counts.get(id).copied().unwrap_or(0),
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.owner.name.cmp(&b.owner.name))
            .then_with(|| a.owner.id.cmp(&b.owner.id))
    });
    out.truncate(limit);
    out
}

#[cfg(test)]
mod tests;
