//! The wire layout's top-level keys, read off the settings structs: `Settings::default()`
//! serialized through its serde attributes gives every flat key (`listen`, `database_url`) and
//! every table name (`graphql`), so a new field brings its TOML key and `REOS_*` variable with it
//! and there is no list to keep. Also refuses top-level keys of the file that are none of these
//! (keys inside tables are checked by the tables' `deny_unknown_fields`).
use super::{ConfigError, Settings};
use figment::Figment;
use figment::value::Dict;
use std::collections::BTreeSet;

/// Every top-level key a settings file or the environment may set.
pub(super) fn top_level_keys() -> Result<BTreeSet<String>, ConfigError> {
    match serde_json::to_value(Settings::default()) {
        Ok(serde_json::Value::Object(map)) => Ok(map.into_iter().map(|(k, _)| k).collect()),
        Ok(other) => Err(ConfigError::Layout(format!("settings serialize to {other}, not a map"))),
        Err(e) => Err(ConfigError::Layout(e.to_string())),
    }
}

/// The first top-level key of the merged layers that is not a setting, named with where it
/// came from.
pub(super) fn refuse_unknown(figment: &Figment, known: &BTreeSet<String>) -> Result<(), ConfigError> {
    let root: Dict = figment.extract().map_err(Box::new)?;
    let Some(key) = root.keys().find(|k| !known.contains(k.as_str())) else {
        return Ok(());
    };
    let origin = figment.find_metadata(key).map_or_else(
        || "the configuration".to_owned(),
        |md| {
            md.source
                .as_ref()
                .map_or_else(|| md.name.to_string(), ToString::to_string)
        },
    );
    Err(ConfigError::UnknownKey {
        key: key.clone(),
        origin,
    })
}
