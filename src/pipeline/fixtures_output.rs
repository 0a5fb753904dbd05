//! Fixture output: CSV and JSON Lines renderings, and a hazard grid covering the fixture.
use super::*;

const TEXT_COLUMNS: [&str; 12] = [
    "external_id",
    "address",
    "unit",
    "city",
    "state",
    "zip",
    "property_type",
    "building_type",
    "neighborhood",
    "stories",
    "owner_name",
    "owner_type",
];

impl Fixture {
    pub fn to_csv(&self) -> Result<String, FixtureError> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(FIXTURE_COLUMNS)?;
        for r in &self.records {
            w.write_record(r)?;
        }
        let bytes = w.into_inner().map_err(|e| FixtureError::Csv(e.into_error().into()))?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }

    /// One JSON object per line; numbers where a numeric column holds one, empty cells left out.
    pub fn to_jsonl(&self) -> String {
        let mut out = String::new();
        for r in &self.records {
            let mut obj = Map::new();
            for (col, cell) in FIXTURE_COLUMNS.iter().zip(r) {
                if cell.is_empty() {
                    continue;
                }
                let number = match cell.parse::<i64>() {
                    Ok(i) => Some(Number::from(i)),
                    Err(_) => cell.parse::<f64>().ok().and_then(Number::from_f64),
                };
                let value = match number {
                    Some(n) if !TEXT_COLUMNS.contains(col) => Value::Number(n),
                    _ => Value::String(cell.clone()),
                };
                obj.insert(col.to_string(), value);
            }
            out.push_str(&Value::Object(obj).to_string());
            out.push('\n');
        }
        out
    }

    /// A grid of hazard points about 440 m apart over the fixture's locations, with scores that
    /// vary smoothly across it; every location is within `FIXTURE_HAZARD_RADIUS_M` of a point.
    pub fn hazard_points(&self) -> Vec<HazardPoint> {
        let col = |name: &str| FIXTURE_COLUMNS.iter().position(|c| *c == name).unwrap_or(0);
        let (ilat, ilon) = (col("latitude"), col("longitude"));
        let coords: Vec<(f64, f64)> = self
            .records
            .iter()
            .filter_map(|r| Some((r[ilat].parse().ok()?, r[ilon].parse().ok()?)))
            .collect();
        let fold =
            |f: fn(f64, f64) -> f64, init: f64, pick: fn(&(f64, f64)) -> f64| coords.iter().map(pick).fold(init, f);
        let (lat0, lat1) = (fold(f64::min, f64::MAX, |c| c.0), fold(f64::max, f64::MIN, |c| c.0));
        let (lon0, lon1) = (fold(f64::min, f64::MAX, |c| c.1), fold(f64::max, f64::MIN, |c| c.1));
        let mut points = Vec::new();
        let (step_lat, step_lon) = (0.004, 0.005);
        let mut lat = lat0 - step_lat;
        let mut i = 0.0_f64;
        while lat <= lat1 + step_lat {
            let mut lon = lon0 - step_lon;
            let mut j = 0.0_f64;
            while lon <= lon1 + step_lon {
                let wave = |a: f64, b: f64| 0.5 + 0.45 * (a * 0.7 + b * 1.3).sin();
                points.push(HazardPoint {
                    lat,
                    lon,
                    flood: wave(i, j),
                    wildfire: wave(j, -i),
                    heat: wave(i + j, 0.5),
                });
                lon += step_lon;
                j += 1.0;
            }
            lat += step_lat;
            i += 1.0;
        }
        points
    }
}
