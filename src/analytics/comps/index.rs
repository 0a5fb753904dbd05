//! Spatial index over the sale pool: an R-tree on locally projected kilometres, so retrieval
//! walks outwards from the subject instead of scanning every sale.

use rstar::RTree;
use rstar::primitives::GeomWithData;

const KM_PER_DEG_LAT: f64 = 110.574;
const KM_PER_DEG_LON_EQUATOR: f64 = 111.320;
const EARTH_RADIUS_KM: f64 = 6_371.008_8;

type Entry = GeomWithData<[f64; 2], usize>;

/// R-tree of pool positions; each entry carries the pool index of its sale.
#[derive(Debug, Clone)]
pub struct SpatialIndex {
    tree: RTree<Entry>,
    cos_lat0: f64,
}

/// Great-circle distance in km.
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * a.sqrt().clamp(0.0, 1.0).asin()
}

impl SpatialIndex {
    /// Builds the tree from `(lat, lon)` points; the projection is centred on their mean latitude,
    /// which keeps the equirectangular error far below a metre across a city.
    pub fn build(points: &[(f64, f64)]) -> SpatialIndex {
        let lat0 = if points.is_empty() {
            0.0
        } else {
            points.iter().map(|p| p.0).sum::<f64>() / points.len() as f64
        };
        let cos_lat0 = lat0.to_radians().cos();
        let entries = points
            .iter()
            .enumerate()
            .map(|(i, &(lat, lon))| Entry::new(project(lat, lon, cos_lat0), i))
            .collect();
        SpatialIndex {
            tree: RTree::bulk_load(entries),
            cos_lat0,
        }
    }

    /// Pool indices ordered by increasing distance from the point.
    pub fn nearest(&self, lat: f64, lon: f64) -> impl Iterator<Item = usize> + '_ {
        self.tree
            .nearest_neighbor_iter(&project(lat, lon, self.cos_lat0))
            .map(|e| e.data)
    }

    pub fn len(&self) -> usize {
        self.tree.size()
    }

    pub fn is_empty(&self) -> bool {
        self.tree.size() == 0
    }
}

fn project(lat: f64, lon: f64, cos_lat0: f64) -> [f64; 2] {
    [lon * KM_PER_DEG_LON_EQUATOR * cos_lat0, lat * KM_PER_DEG_LAT]
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;
