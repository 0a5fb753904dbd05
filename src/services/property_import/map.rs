//! A stored property as the pipeline's field → JSON map and back, so imported rows merge into
//! stored properties with the pure `pipeline::provenance::merge`.
use reos_entities::enums::{OwnerType, PropertyType};
use reos_entities::property;
use serde_json::{Map, Value, json};

/// The stored values under the import format's column names (`address` = `address_line1`,
/// `zip` = `postal_code`); absent values are left out.
pub fn to_map(p: &property::Model) -> Map<String, Value> {
    macro_rules! attributes {
        ($($(#[$doc:meta])* $f:ident: $t:ty),* $(,)?) => { [$((stringify!($f), json!(p.$f))),*] };
    }
    let fixed = [
        ("address", json!(p.address_line1)),
        ("unit", json!(p.unit)),
        ("city", json!(p.city)),
        ("state", json!(p.state)),
        ("zip", json!(p.postal_code)),
        ("property_type", json!(p.property_type.as_str())),
    ];
    fixed
        .into_iter()
        .chain(reos_entities::property_attributes!(attributes))
        .filter(|(_, v)| !v.is_null())
        .map(|(k, v)| (k.to_owned(), v))
        .collect()
}

/// A value of an attribute's type read from the merged record (a wrong type reads as absent).
trait FromJson: Sized {
    fn read(v: &Value) -> Option<Self>;
}

impl FromJson for String {
    fn read(v: &Value) -> Option<Self> {
        v.as_str().map(str::to_owned)
    }
}

impl FromJson for f64 {
    fn read(v: &Value) -> Option<Self> {
        v.as_f64()
    }
}

impl FromJson for i32 {
    fn read(v: &Value) -> Option<Self> {
        v.as_i64().and_then(|v| i32::try_from(v).ok())
    }
}

impl FromJson for bool {
    fn read(v: &Value) -> Option<Self> {
        v.as_bool()
    }
}

fn get<T: FromJson>(m: &Map<String, Value>, k: &str) -> Option<T> {
    m.get(k).and_then(T::read)
}

/// `base` with every column the map names set from it (the map is the merged record, so a
/// column it lacks keeps the base's value).
pub(super) fn apply(base: property::Model, m: &Map<String, Value>) -> property::Model {
    macro_rules! attributes {
        ($($(#[$doc:meta])* $f:ident: $t:ty),* $(,)?) => { property::Model {
            $($f: get::<$t>(m, stringify!($f)).or(base.$f),)*
            address_line1: get(m, "address").unwrap_or(base.address_line1),
            unit: get(m, "unit").or(base.unit),
            city: get(m, "city").unwrap_or(base.city),
            state: get(m, "state").unwrap_or(base.state),
            postal_code: get(m, "zip").or(base.postal_code),
            // An unknown type never gets here: `db_conflicts` rejects its row first.
            property_type: get::<String>(m, "property_type")
                .and_then(|t| t.parse().ok())
                .unwrap_or(base.property_type),
            ..base
        } };
    }
    reos_entities::property_attributes!(attributes)
}

/// Values the database refuses although no gate blocks them (its CHECK constraints, and the
/// closed sets of `reos_entities::enums`), as
/// (field, reason); such a row is rejected rather than written half.
pub(super) fn db_conflicts(m: &Map<String, Value>) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if let (Some(b), Some(r)) = (get::<i32>(m, "year_built"), get::<i32>(m, "year_remodeled"))
        && r < b
    {
        out.push((
            "year_remodeled",
            format!("{r} is before year_built {b}; the properties table refuses it"),
        ));
    }
    for f in ["lot_area_sf", "building_area_sf", "living_area_sf"] {
        if get::<f64>(m, f).is_some_and(|v| v <= 0.0) {
            out.push((f, "must be > 0 to be stored".to_owned()));
        }
    }
    if m.get("latitude").is_some_and(|v| !v.is_null()) != m.get("longitude").is_some_and(|v| !v.is_null()) {
        out.push(("longitude", "latitude and longitude go together".to_owned()));
    }
    if get::<i32>(m, "units_count").is_some_and(|v| v <= 0) {
        out.push(("units_count", "must be > 0".to_owned()));
    }
    if let Some(t) = get::<String>(m, "property_type")
        && let Err(e) = t.parse::<PropertyType>()
    {
        out.push((
            "property_type",
            format!(
                "`{t}` is none of {}; the properties table refuses it",
                e.expected.join(", ")
            ),
        ));
    }
    if let Some(t) = get::<String>(m, "owner_type")
        && let Err(e) = t.parse::<OwnerType>()
    {
        out.push((
            "owner_type",
            format!(
                "`{t}` is none of {}; the owners table refuses it",
                e.expected.join(", ")
            ),
        ));
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
