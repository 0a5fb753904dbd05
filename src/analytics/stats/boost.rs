//! Gradient-boosted regression trees for squared loss: features cut into quantile bins, trees
//! grown leaf-wise (the leaf whose best split gains most is split next), rows and columns
//! subsampled per tree from a seeded generator, missing values sent to the side that gains more.
//!
//! Written here because the maintained pure-Rust booster (perpetual) needs a nightly compiler.

use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};

/// Settings of a boosted ensemble.
#[derive(Debug, Clone, PartialEq)]
pub struct BoostConfig {
    pub trees: usize,
    pub learning_rate: f64,
    /// Most leaves per tree.
    pub leaves: usize,
    /// Fewest training rows in a leaf.
    pub min_leaf: usize,
    /// Share of rows each tree is fitted on.
    pub row_share: f64,
    /// Share of columns each tree may split on.
    pub column_share: f64,
    /// Most bins per column (the missing bin aside), at most 255.
    pub bins: usize,
    pub seed: u64,
}

#[derive(Debug, Clone, PartialEq)]
enum Node {
    Leaf(f64),
    Split {
        column: usize,
        /// Values at or below go left.
        threshold: f64,
        missing_left: bool,
        left: usize,
        right: usize,
    },
}

/// A fitted ensemble.
#[derive(Debug, Clone, PartialEq)]
pub struct Booster {
    base: f64,
    columns: usize,
    trees: Vec<Vec<Node>>,
}

/// Rows cut into bins, column by column; bin 0 holds missing values.
struct Binned {
    bins: Vec<Vec<u8>>,
    edges: Vec<Vec<f64>>,
}

fn cut(values: impl Iterator<Item = f64>, most: usize) -> Vec<f64> {
    let mut v: Vec<f64> = values.filter(|x| x.is_finite()).collect();
    v.sort_by(f64::total_cmp);
    v.dedup();
    if v.len() <= most {
        return v.windows(2).map(|w| 0.5 * (w[0] + w[1])).collect();
    }
    let mut edges: Vec<f64> = (1..most).map(|i| v[i * v.len() / most]).collect();
    edges.dedup();
    edges
}

fn bin_of(edges: &[f64], x: f64) -> u8 {
    if x.is_finite() {
        // At most 254 edges, so the bin fits in a byte.
        (1 + edges.partition_point(|&e| e < x)) as u8
    } else {
        0
    }
}

impl Binned {
    /// `data` is column-major: column j is `data[j*rows..(j+1)*rows]`.
    fn new(data: &[f64], rows: usize, columns: usize, most: usize) -> Binned {
        let most = most.clamp(2, 255);
        let (mut bins, mut edges) = (Vec::with_capacity(columns), Vec::with_capacity(columns));
        for col in data.chunks(rows.max(1)).take(columns) {
            let e = cut(col.iter().copied(), most);
            bins.push(col.iter().map(|&x| bin_of(&e, x)).collect());
            edges.push(e);
        }
        Binned { bins, edges }
    }
}

#[derive(Debug, Clone, Copy)]
struct Split {
    gain: f64,
    column: usize,
    /// Bins 1..=bin go left.
    bin: usize,
    missing_left: bool,
}

struct Leaf {
    rows: Vec<u32>,
    sum: f64,
    node: usize,
    best: Option<Split>,
}

fn score(sum: f64, n: usize) -> f64 {
    if n == 0 { 0.0 } else { sum * sum / n as f64 }
}

fn best_split(
    b: &Binned,
    residual: &[f64],
    rows: &[u32],
    sum: f64,
    columns: &[usize],
    min_leaf: usize,
) -> Option<Split> {
    let n = rows.len();
    if n < 2 * min_leaf {
        return None;
    }
    let parent = score(sum, n);
    let mut best: Option<Split> = None;
    for &c in columns {
        let nb = b.edges[c].len() + 2;
        let (mut hs, mut hn) = (vec![0.0; nb], vec![0usize; nb]);
        for &r in rows {
            let k = b.bins[c][r as usize] as usize;
            hs[k] += residual[r as usize];
            hn[k] += 1;
        }
        let (ms, mn) = (hs[0], hn[0]);
        let (mut ls, mut ln) = (0.0, 0usize);
        for k in 1..nb - 1 {
            ls += hs[k];
            ln += hn[k];
            for missing_left in [false, true] {
                let (l_s, l_n) = if missing_left { (ls + ms, ln + mn) } else { (ls, ln) };
                let (r_s, r_n) = (sum - l_s, n - l_n);
                if l_n < min_leaf || r_n < min_leaf {
                    continue;
                }
                let gain = score(l_s, l_n) + score(r_s, r_n) - parent;
                if gain > best.map_or(1e-12, |s| s.gain) {
                    best = Some(Split {
                        gain,
                        column: c,
                        bin: k,
                        missing_left,
                    });
                }
            }
        }
    }
    best
}

impl Booster {
    /// Fits `y` on the column-major `data` (`rows` × `columns`; NaN = missing).
    pub fn fit(data: &[f64], rows: usize, columns: usize, y: &[f64], cfg: &BoostConfig) -> Booster {
        let base = if rows == 0 {
            0.0
        } else {
            y.iter().sum::<f64>() / rows as f64
        };
        let mut booster = Booster {
            base,
            columns,
            trees: Vec::with_capacity(cfg.trees),
        };
        if rows == 0 || data.len() != rows * columns || y.len() != rows {
            return booster;
        }
        let binned = Binned::new(data, rows, columns, cfg.bins);
        let mut fitted = vec![base; rows];
        let mut rng = ChaCha8Rng::seed_from_u64(cfg.seed);
        let take_rows = ((rows as f64 * cfg.row_share).round() as usize).clamp(1, rows);
        let take_cols = ((columns as f64 * cfg.column_share).round() as usize).clamp(1, columns);
        for _ in 0..cfg.trees {
            let residual: Vec<f64> = y.iter().zip(&fitted).map(|(y, f)| y - f).collect();
            let sample = draw(&mut rng, rows, take_rows);
            let cols: Vec<usize> = draw(&mut rng, columns, take_cols)
                .into_iter()
                .map(|c| c as usize)
                .collect();
            let tree = grow(&binned, &residual, sample, &cols, cfg);
            for (r, f) in fitted.iter_mut().enumerate() {
                *f += walk(&tree, |c| binned_value(&binned, c, r));
            }
            booster.trees.push(tree);
        }
        booster
    }

    /// The prediction for one row of `columns` raw values.
    pub fn predict(&self, row: &[f64]) -> f64 {
        if row.len() != self.columns {
            return f64::NAN;
        }
        self.base + self.trees.iter().map(|t| walk(t, |c| row[c])).sum::<f64>()
    }

    pub fn trees(&self) -> usize {
        self.trees.len()
    }
}

/// A row's value as seen by the tree: the upper edge of its bin (so `<= threshold` agrees with
/// the bin comparison), NaN for missing.
fn binned_value(b: &Binned, column: usize, row: usize) -> f64 {
    match b.bins[column][row] {
        0 => f64::NAN,
        k => b.edges[column].get(k as usize - 1).copied().unwrap_or(f64::INFINITY),
    }
}

/// `k` distinct indices of `0..n`, sorted (partial Fisher–Yates).
fn draw(rng: &mut ChaCha8Rng, n: usize, k: usize) -> Vec<u32> {
    let mut all: Vec<u32> = (0..n as u32).collect();
    for i in 0..k.min(n) {
        let j = rng.random_range(i..n);
        all.swap(i, j);
    }
    all.truncate(k);
    all.sort_unstable();
    all
}

fn grow(b: &Binned, residual: &[f64], rows: Vec<u32>, columns: &[usize], cfg: &BoostConfig) -> Vec<Node> {
    let sum: f64 = rows.iter().map(|&r| residual[r as usize]).sum();
    let best = best_split(b, residual, &rows, sum, columns, cfg.min_leaf);
    let mut nodes = vec![Node::Leaf(0.0)];
    let mut leaves = vec![Leaf {
        rows,
        sum,
        node: 0,
        best,
    }];
    while leaves.len() < cfg.leaves.max(1) {
        let Some((i, split)) = leaves
            .iter()
            .enumerate()
            .filter_map(|(i, l)| l.best.map(|s| (i, s)))
            .max_by(|a, b| a.1.gain.total_cmp(&b.1.gain))
        else {
            break;
        };
        let leaf = leaves.swap_remove(i);
        let goes_left = |r: &u32| match b.bins[split.column][*r as usize] {
            0 => split.missing_left,
            k => (k as usize) <= split.bin,
        };
        let (l_rows, r_rows): (Vec<u32>, Vec<u32>) = leaf.rows.iter().partition(|r| goes_left(r));
        let l_sum: f64 = l_rows.iter().map(|&r| residual[r as usize]).sum();
        let (left, right) = (nodes.len(), nodes.len() + 1);
        nodes.push(Node::Leaf(0.0));
        nodes.push(Node::Leaf(0.0));
        nodes[leaf.node] = Node::Split {
            column: split.column,
            threshold: b.edges[split.column]
                .get(split.bin - 1)
                .copied()
                .unwrap_or(f64::INFINITY),
            missing_left: split.missing_left,
            left,
            right,
        };
        for (rows, sum, node) in [(l_rows, l_sum, left), (r_rows, leaf.sum - l_sum, right)] {
            let best = best_split(b, residual, &rows, sum, columns, cfg.min_leaf);
            leaves.push(Leaf { rows, sum, node, best });
        }
    }
    for l in &leaves {
        nodes[l.node] = Node::Leaf(cfg.learning_rate * l.sum / l.rows.len().max(1) as f64);
    }
    nodes
}

fn walk(tree: &[Node], value: impl Fn(usize) -> f64) -> f64 {
    let mut i = 0;
    loop {
        match tree.get(i) {
            Some(Node::Leaf(v)) => return *v,
            Some(Node::Split {
                column,
                threshold,
                missing_left,
                left,
                right,
            }) => {
                let x = value(*column);
                let go_left = if x.is_nan() { *missing_left } else { x <= *threshold };
                i = if go_left { *left } else { *right };
            }
            None => return 0.0,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;
