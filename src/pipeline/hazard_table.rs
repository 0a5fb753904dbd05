//! A tenant's hazard table: scored points, looked up by the nearest point within a radius.
use super::hazards::{HazardError, HazardScores, unit_interval};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

const EARTH_RADIUS_M: f64 = 6_371_008.8;
const METERS_PER_DEGREE: f64 = EARTH_RADIUS_M * std::f64::consts::PI / 180.0;

/// One row of a hazard table.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct HazardPoint {
    pub lat: f64,
    pub lon: f64,
    pub flood: f64,
    pub wildfire: f64,
    pub heat: f64,
}

/// The point that answered a lookup.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct HazardMatch {
    pub scores: HazardScores,
    pub distance_m: f64,
    /// Index of the point in the table's input order.
    pub index: usize,
}

/// Points bucketed into square cells of `radius` degrees of latitude, so a lookup reads only the
/// cells a circle of that radius can touch instead of every point.
#[derive(Debug, Clone)]
pub struct HazardTable {
    points: Vec<(HazardPoint, HazardScores)>,
    cells: HashMap<(i64, i64), Vec<usize>>,
    radius_m: f64,
    cell_deg: f64,
}

/// Great-circle distance in metres.
pub fn haversine_m(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let (dp, dl) = ((lat2 - lat1).to_radians(), (lon2 - lon1).to_radians());
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * a.sqrt().min(1.0).asin()
}

fn coordinate(field: String, value: f64, limit: f64) -> Result<f64, HazardError> {
    if value.is_finite() && value.abs() <= limit {
        Ok(value)
    } else {
        Err(HazardError::Invalid {
            field,
            value,
            reason: "not a valid coordinate",
        })
    }
}

impl HazardTable {
    /// Builds the index; every point is checked (`hazard_table[i].field` names a bad one).
    pub fn new(points: Vec<HazardPoint>, radius_m: f64) -> Result<Self, HazardError> {
        if !(radius_m.is_finite() && radius_m > 0.0) {
            return Err(HazardError::Invalid {
                field: "radius_m".into(),
                value: radius_m,
                reason: "must be > 0",
            });
        }
        let cell_deg = radius_m / METERS_PER_DEGREE;
        let mut table = HazardTable {
            points: Vec::with_capacity(points.len()),
            cells: HashMap::new(),
            radius_m,
            cell_deg,
        };
        for (i, p) in points.into_iter().enumerate() {
            let at = |f: &str| format!("hazard_table[{i}].{f}");
            coordinate(at("lat"), p.lat, 90.0)?;
            coordinate(at("lon"), p.lon, 180.0)?;
            let scores = HazardScores::new(
                unit_interval(&at("flood"), p.flood)?,
                unit_interval(&at("wildfire"), p.wildfire)?,
                unit_interval(&at("heat"), p.heat)?,
            )?;
            table.cells.entry(table.cell(p.lat, p.lon)).or_default().push(i);
            table.points.push((p, scores));
        }
        Ok(table)
    }

    fn cell(&self, lat: f64, lon: f64) -> (i64, i64) {
        // Coordinates are checked to be within ±180°, so the cell numbers fit an i64.
        (
            (lat / self.cell_deg).floor() as i64,
            (lon / self.cell_deg).floor() as i64,
        )
    }

    pub fn len(&self) -> usize {
        self.points.len()
    }

    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// The nearest point within the radius (ties go to the earlier point), or `None`.
    /// Longitude does not wrap at ±180°: a table is regional.
    pub fn lookup(&self, lat: f64, lon: f64) -> Result<Option<HazardMatch>, HazardError> {
        coordinate("latitude".into(), lat, 90.0)?;
        coordinate("longitude".into(), lon, 180.0)?;
        let (ci, cj) = self.cell(lat, lon);
        // A degree of longitude shrinks with cos(latitude), taken at the pole-ward edge of the
        // search; one more cell covers a great circle's shortcut across a parallel.
        let shrink = (lat.abs() + self.cell_deg).min(90.0).to_radians().cos().max(1e-6);
        let span_lon = ((1.0 / shrink).ceil() as i64 + 1).min(1 + (360.0 / self.cell_deg) as i64);
        let mut best: Option<HazardMatch> = None;
        for i in ci - 1..=ci + 1 {
            for j in cj - span_lon..=cj + span_lon {
                for &k in self.cells.get(&(i, j)).map_or(&[][..], Vec::as_slice) {
                    let (p, scores) = &self.points[k];
                    let d = haversine_m(lat, lon, p.lat, p.lon);
                    let better = best.is_none_or(|b| d < b.distance_m || (d == b.distance_m && k < b.index));
                    if d <= self.radius_m && better {
                        best = Some(HazardMatch {
                            scores: *scores,
                            distance_m: d,
                            index: k,
                        });
                    }
                }
            }
        }
        Ok(best)
    }
}

#[cfg(test)]
mod tests;
