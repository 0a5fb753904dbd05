//! A stored property as the pipeline's field → JSON map and back, so imported rows merge into
//! stored properties with the pure `pipeline::provenance::merge`.
use reos_entities::property;
use serde_json::{Map, Value, json};

/// The stored values under the import format's column names (`address` = `address_line1`,
/// `zip` = `postal_code`); absent values are left out.
pub fn to_map(p: &property::Model) -> Map<String, Value> {
    let pairs = [
        ("external_id", json!(p.external_id)),
        ("address", json!(p.address_line1)),
        ("unit", json!(p.unit)),
        ("city", json!(p.city)),
        ("state", json!(p.state)),
        ("zip", json!(p.postal_code)),
        ("latitude", json!(p.latitude)),
        ("longitude", json!(p.longitude)),
        ("property_type", json!(p.property_type)),
        ("building_type", json!(p.building_type)),
        ("neighborhood", json!(p.neighborhood)),
        ("living_area_sf", json!(p.living_area_sf)),
        ("lot_area_sf", json!(p.lot_area_sf)),
        ("year_built", json!(p.year_built)),
        ("year_remodeled", json!(p.year_remodeled)),
        ("bedrooms", json!(p.bedrooms)),
        ("full_baths", json!(p.full_baths)),
        ("half_baths", json!(p.half_baths)),
        ("basement_sf", json!(p.basement_sf)),
        ("garage_cars", json!(p.garage_cars)),
        ("condition_score", json!(p.condition_score)),
        ("stories", json!(p.stories)),
        ("fireplaces", json!(p.fireplaces)),
        ("central_air", json!(p.central_air)),
        ("porch_sf", json!(p.porch_sf)),
        ("deck_sf", json!(p.deck_sf)),
        ("pool_sf", json!(p.pool_sf)),
        ("list_price", json!(p.list_price)),
        ("purchase_price", json!(p.purchase_price)),
        ("units_count", json!(p.units_count)),
        ("building_area_sf", json!(p.building_area_sf)),
        ("name", json!(p.name)),
    ];
    pairs
        .into_iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, v)| (k.to_owned(), v))
        .collect()
}

fn text(m: &Map<String, Value>, k: &str) -> Option<String> {
    m.get(k).and_then(Value::as_str).map(str::to_owned)
}

fn num(m: &Map<String, Value>, k: &str) -> Option<f64> {
    m.get(k).and_then(Value::as_f64)
}

fn int(m: &Map<String, Value>, k: &str) -> Option<i32> {
    m.get(k).and_then(Value::as_i64).and_then(|v| i32::try_from(v).ok())
}

/// `base` with every column the map names set from it (the map is the merged record, so a
/// column it lacks keeps the base's value).
pub(super) fn apply(base: property::Model, m: &Map<String, Value>) -> property::Model {
    property::Model {
        external_id: text(m, "external_id").or(base.external_id),
        name: text(m, "name").or(base.name),
        address_line1: text(m, "address").unwrap_or(base.address_line1),
        unit: text(m, "unit").or(base.unit),
        city: text(m, "city").unwrap_or(base.city),
        state: text(m, "state").unwrap_or(base.state),
        postal_code: text(m, "zip").or(base.postal_code),
        latitude: num(m, "latitude").or(base.latitude),
        longitude: num(m, "longitude").or(base.longitude),
        property_type: text(m, "property_type").unwrap_or(base.property_type),
        building_type: text(m, "building_type").or(base.building_type),
        neighborhood: text(m, "neighborhood").or(base.neighborhood),
        living_area_sf: num(m, "living_area_sf").or(base.living_area_sf),
        lot_area_sf: num(m, "lot_area_sf").or(base.lot_area_sf),
        year_built: int(m, "year_built").or(base.year_built),
        year_remodeled: int(m, "year_remodeled").or(base.year_remodeled),
        bedrooms: int(m, "bedrooms").or(base.bedrooms),
        full_baths: int(m, "full_baths").or(base.full_baths),
        half_baths: int(m, "half_baths").or(base.half_baths),
        basement_sf: num(m, "basement_sf").or(base.basement_sf),
        garage_cars: int(m, "garage_cars").or(base.garage_cars),
        condition_score: int(m, "condition_score").or(base.condition_score),
        stories: text(m, "stories").or(base.stories),
        fireplaces: int(m, "fireplaces").or(base.fireplaces),
        central_air: m.get("central_air").and_then(Value::as_bool).or(base.central_air),
        porch_sf: num(m, "porch_sf").or(base.porch_sf),
        deck_sf: num(m, "deck_sf").or(base.deck_sf),
        pool_sf: num(m, "pool_sf").or(base.pool_sf),
        list_price: num(m, "list_price").or(base.list_price),
        purchase_price: num(m, "purchase_price").or(base.purchase_price),
        units_count: int(m, "units_count").or(base.units_count),
        building_area_sf: num(m, "building_area_sf").or(base.building_area_sf),
        ..base
    }
}

/// Values the database refuses although no gate blocks them (its CHECK constraints), as
/// (field, reason); such a row is rejected rather than written half.
pub(super) fn db_conflicts(m: &Map<String, Value>) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if let (Some(b), Some(r)) = (int(m, "year_built"), int(m, "year_remodeled"))
        && r < b
    {
        out.push((
            "year_remodeled",
            format!("{r} is before year_built {b}; the properties table refuses it"),
        ));
    }
    for f in ["lot_area_sf", "building_area_sf", "living_area_sf"] {
        if num(m, f).is_some_and(|v| v <= 0.0) {
            out.push((f, "must be > 0 to be stored".to_owned()));
        }
    }
    if m.get("latitude").is_some_and(|v| !v.is_null()) != m.get("longitude").is_some_and(|v| !v.is_null()) {
        out.push(("longitude", "latitude and longitude go together".to_owned()));
    }
    if int(m, "units_count").is_some_and(|v| v <= 0) {
        out.push(("units_count", "must be > 0".to_owned()));
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_remodel_before_construction_and_a_lone_latitude_are_refused_before_the_database_sees_them() {
        let m = json!({"year_built": 2000, "year_remodeled": 1990, "latitude": 42.0});
        let got: Vec<&str> = db_conflicts(m.as_object().unwrap()).iter().map(|c| c.0).collect();
        assert_eq!(got, vec!["year_remodeled", "longitude"]);
    }

    #[test]
    fn applying_a_map_keeps_what_it_does_not_name() {
        let base = property::Model {
            id: uuid::Uuid::nil(),
            tenant_id: uuid::Uuid::nil(),
            external_id: Some("P-1".into()),
            name: None,
            address_line1: "1 ELM ST".into(),
            unit: None,
            city: "AMES".into(),
            state: "IA".into(),
            postal_code: Some("50010".into()),
            normalized_address: None,
            address_hash: None,
            latitude: None,
            longitude: None,
            property_type: "condo".into(),
            building_type: None,
            neighborhood: None,
            living_area_sf: Some(900.0),
            lot_area_sf: None,
            year_built: None,
            year_remodeled: None,
            bedrooms: Some(2),
            full_baths: None,
            half_baths: None,
            basement_sf: None,
            garage_cars: None,
            condition_score: None,
            stories: None,
            fireplaces: None,
            central_air: None,
            porch_sf: None,
            deck_sf: None,
            pool_sf: None,
            list_price: None,
            purchase_price: None,
            units_count: None,
            building_area_sf: None,
            status: "active".into(),
            pipeline_stage: "sourced".into(),
            source: None,
            created_at: chrono::Utc::now(),
            updated_at: chrono::Utc::now(),
        };
        let mut m = to_map(&base);
        m.insert("bedrooms".into(), json!(3));
        let out = apply(base.clone(), &m);
        assert_eq!(
            (out.bedrooms, out.living_area_sf, out.city.as_str()),
            (Some(3), Some(900.0), "AMES")
        );
    }
}
