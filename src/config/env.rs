//! The `REOS_*` environment as figment providers: `REOS_DATABASE_URL` sets `database_url`,
//! `REOS_GRAPHQL__MAX_DEPTH` sets `graphql.max_depth` (`__` nests). Only variables whose first
//! part is a top-level settings key are settings; `REOS_CONFIG`, `REOS_TEST_DATABASE_URL`,
//! `REOS_CI` and the like are left alone. Names and values are read as figment's `Env` reads
//! them (prefix and case ignored, values TOML-like: `true`, `16`, `["RS256"]`); an error names
//! the variable, e.g. `for key "REOS_DATABASE_MAX_CONNECTIONS" in the environment`.
use figment::value::{Dict, Map, Value};
use figment::{Error, Metadata, Profile, Provider};
use std::collections::BTreeSet;
use std::ffi::OsString;

const PREFIX: &str = "REOS_";

/// One setting taken from an environment variable: the key path it sets and its text.
pub(super) struct EnvSetting {
    path: String,
    value: String,
}

/// The settings among `vars` (in their order; a later one wins on the same key), given the
/// top-level keys of the wire layout.
pub(super) fn settings_in(
    vars: impl IntoIterator<Item = (OsString, OsString)>,
    top_level: &BTreeSet<String>,
) -> Vec<EnvSetting> {
    vars.into_iter()
        .filter_map(|(name, value)| {
            let name = name.to_string_lossy();
            let name = name.trim();
            let rest = name
                .get(..PREFIX.len())
                .filter(|p| p.eq_ignore_ascii_case(PREFIX))
                .and_then(|_| name.get(PREFIX.len()..))?;
            let path = rest.to_ascii_lowercase().replace("__", ".");
            let first = path.split('.').next().unwrap_or_default();
            top_level.contains(first).then(|| EnvSetting {
                path,
                value: value.to_string_lossy().into_owned(),
            })
        })
        .collect()
}

impl Provider for EnvSetting {
    fn metadata(&self) -> Metadata {
        Metadata::named("the environment")
            .interpolater(|_: &Profile, keys: &[&str]| format!("{PREFIX}{}", keys.join("__").to_ascii_uppercase()))
    }

    fn data(&self) -> Result<Map<Profile, Dict>, Error> {
        let value: Value = match self.value.parse() {
            Ok(v) => v,
            Err(never) => match never {},
        };
        let dict = figment::util::nest(&self.path, value).into_dict().unwrap_or_default();
        Ok(Profile::Default.collect(dict))
    }
}
