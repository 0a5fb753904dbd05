//! Quality-gate configuration: declarative expectations per entity, loaded from TOML and checked.
use super::rows::COLUMNS;
use serde::{Deserialize, Serialize};

/// The shipped default (`ops/pipeline/gates.toml`), compiled in.
pub const DEFAULT_GATES_TOML: &str = include_str!("../../ops/pipeline/gates.toml");

/// Whether a failed expectation stops the batch (`blocking`) or is only recorded (`warning`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Blocking,
    Warning,
}

/// What a field must satisfy. Null values pass every expectation except `not_null`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "expect", rename_all = "snake_case")]
pub enum Expectation {
    /// Present, not null and not empty text.
    NotNull,
    /// A number within `[min, max]` (either bound may be left out).
    Range { min: Option<f64>, max: Option<f64> },
    /// Text (numbers as written) matching the pattern; anchor it with `^…$` to match the whole value.
    Regex { pattern: String },
    /// Text equal to one of `values` (case-sensitive).
    AllowedValues { values: Vec<String> },
    /// No two rows of the batch share the value.
    Unique,
    /// Greater than field `other` of the same row (numbers, or ISO dates `YYYY-MM-DD`).
    GreaterThanField { other: String },
    /// Greater than or equal to field `other` of the same row.
    AtLeastField { other: String },
    /// A year no later than the year of the evaluation date.
    NotAfterCurrentYear,
}

/// One expectation on one field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rule {
    pub field: String,
    #[serde(flatten)]
    pub expect: Expectation,
    pub severity: Severity,
}

/// The entities a batch can carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    Property,
    Owner,
    Lease,
    UnitMix,
}

impl Entity {
    pub fn as_str(self) -> &'static str {
        match self {
            Entity::Property => "property",
            Entity::Owner => "owner",
            Entity::Lease => "lease",
            Entity::UnitMix => "unit_mix",
        }
    }
}

/// Expectations per entity: `[[property]]`, `[[owner]]`, `[[lease]]`, `[[unit_mix]]` tables.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GateConfig {
    #[serde(default)]
    pub property: Vec<Rule>,
    #[serde(default)]
    pub owner: Vec<Rule>,
    #[serde(default)]
    pub lease: Vec<Rule>,
    #[serde(default)]
    pub unit_mix: Vec<Rule>,
}

/// A gate configuration that cannot be used; `at` names the rule, e.g. `property[3].pattern`.
#[derive(Debug, thiserror::Error)]
pub enum GateError {
    #[error("gates config: {0}")]
    Toml(#[from] toml::de::Error),
    #[error("gates config: {at}: {reason}")]
    Rule { at: String, reason: String },
}

impl GateConfig {
    /// Parses and checks a TOML gate configuration.
    pub fn from_toml(text: &str) -> Result<Self, GateError> {
        let config: GateConfig = toml::from_str(text)?;
        config.check()?;
        Ok(config)
    }

    /// The shipped default configuration.
    pub fn builtin() -> Result<Self, GateError> {
        Self::from_toml(DEFAULT_GATES_TOML)
    }

    pub fn rules(&self, entity: Entity) -> &[Rule] {
        match entity {
            Entity::Property => &self.property,
            Entity::Owner => &self.owner,
            Entity::Lease => &self.lease,
            Entity::UnitMix => &self.unit_mix,
        }
    }

    /// Refuses rules that could never fail or never pass: unknown property columns, empty bounds or
    /// value lists, patterns that do not compile.
    pub fn check(&self) -> Result<(), GateError> {
        for entity in [Entity::Property, Entity::Owner, Entity::Lease, Entity::UnitMix] {
            for (i, rule) in self.rules(entity).iter().enumerate() {
                let at = |part: &str| format!("{}[{i}].{part}", entity.as_str());
                let fail = |part: &str, reason: String| Err(GateError::Rule { at: at(part), reason });
                let known = |f: &str| entity != Entity::Property || COLUMNS.contains(&f);
                if rule.field.trim().is_empty() || !known(&rule.field) {
                    return fail("field", format!("unknown field {:?}", rule.field));
                }
                match &rule.expect {
                    Expectation::Range { min: None, max: None } => {
                        return fail("min", "a range needs min or max".into());
                    }
                    Expectation::Range {
                        min: Some(lo),
                        max: Some(hi),
                    } if lo > hi => {
                        return fail("min", format!("min {lo} is above max {hi}"));
                    }
                    Expectation::Range { min, max } if min.is_some_and(f64::is_nan) || max.is_some_and(f64::is_nan) => {
                        return fail("min", "bounds must be numbers".into());
                    }
                    Expectation::Regex { pattern } => {
                        if let Err(e) = regex::Regex::new(pattern) {
                            return fail("pattern", e.to_string());
                        }
                    }
                    Expectation::AllowedValues { values } if values.is_empty() => {
                        return fail("values", "no allowed values".into());
                    }
                    Expectation::GreaterThanField { other } | Expectation::AtLeastField { other }
                        if other.trim().is_empty() || !known(other) =>
                    {
                        return fail("other", format!("unknown field {other:?}"));
                    }
                    _ => {}
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
