//! Validation outcome with stable codes: an operation whose work (async-graphql's complexity,
//! where compute-heavy fields are priced by what they compute) exceeds the caller's role cap is
//! refused before anything runs (QUERY_TOO_COMPLEX); every other validation error is
//! GRAPHQL_VALIDATION_FAILED.
use super::RequestCtx;
use super::limits::coded;
use super::subscription::SubscriberCtx;
use crate::auth::Role;
use crate::config::GraphqlSettings;
use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextValidation};
use async_graphql::{ServerError, ValidationResult};
use std::collections::HashMap;
use std::sync::Arc;

/// The most work one operation may ask for, per role.
#[derive(Debug, Clone)]
pub struct WorkCaps {
    default: usize,
    roles: HashMap<Role, usize>,
}

impl WorkCaps {
    pub fn from_settings(s: &GraphqlSettings) -> Self {
        let roles = Role::ALL
            .iter()
            .filter_map(|r| s.role_max_complexity.get(r.as_str()).map(|cap| (*r, *cap)))
            .collect();
        Self {
            default: s.max_complexity,
            roles,
        }
    }

    /// The cap of `role`; the global `max_complexity` without a role (or without an override).
    pub fn cap(&self, role: Option<Role>) -> usize {
        role.and_then(|r| self.roles.get(&r).copied()).unwrap_or(self.default)
    }

    /// The refusal of an operation costing `work` for `role`, if it is over the cap.
    pub fn check(&self, role: Option<Role>, work: usize) -> Result<(), ServerError> {
        let cap = self.cap(role);
        if work <= cap {
            return Ok(());
        }
        let who = role.map_or_else(|| "this request".to_owned(), |r| format!("the {r} role"));
        let message = format!("Query is too complex: it costs {work} units of work; {who} may ask for at most {cap}");
        Err(coded(ServerError::new(message, None), "QUERY_TOO_COMPLEX"))
    }
}

/// Extension factory; registered on the schema.
pub struct WorkLimit(pub Arc<WorkCaps>);

impl ExtensionFactory for WorkLimit {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(WorkLimit(self.0.clone()))
    }
}

#[async_trait::async_trait]
impl Extension for WorkLimit {
    async fn validation(
        &self,
        ctx: &ExtensionContext<'_>,
        next: NextValidation<'_>,
    ) -> Result<ValidationResult, Vec<ServerError>> {
        match next.run(ctx).await {
            Ok(result) => {
                let role = ctx
                    .data_opt::<RequestCtx>()
                    .map(|r| r.role)
                    .or_else(|| ctx.data_opt::<SubscriberCtx>().map(|s| s.role));
                self.0.check(role, result.complexity).map_err(|e| vec![e])?;
                Ok(result)
            }
            Err(errors) => Err(errors
                .into_iter()
                .map(|e| {
                    let has_code = e.extensions.as_ref().is_some_and(|x| x.get("code").is_some());
                    if has_code {
                        e
                    } else {
                        coded(e, "GRAPHQL_VALIDATION_FAILED")
                    }
                })
                .collect()),
        }
    }
}

/// What compute-heavy fields cost, in the units of async-graphql's complexity (a plain field is 1;
/// one unit is roughly 30 µs of engine time). Used in `#[graphql(complexity = …)]` attributes, so
/// the work is known from the arguments before anything runs. Out-of-range arguments are priced
/// at their limit; the resolver then refuses them naming the field.
pub mod price {
    use crate::graphql::types::dcf_risk::SensitivitySpecInput;
    use crate::graphql::types::dcf_stored::DcfAssumptionsInput;

    /// Hold assumed when a stored property's hold is not known from the arguments.
    const DEFAULT_HOLD_YEARS: i32 = 10;
    /// Engine runs per unit of work for a ten-year hold of a small property (about 30 µs each).
    const RUNS_PER_UNIT_10Y: usize = 6;
    /// Rows (leases, unit types, expense lines, leasing profiles) a run handles at the base price.
    const ROWS_PER_SIZE: usize = 10;

    /// What one engine run works through: its hold and its input rows. A stored property's rows
    /// are not known from the arguments; they are priced as a small property.
    #[derive(Debug, Clone, Copy, Default)]
    pub struct RunSize {
        pub hold_years: Option<i32>,
        pub rows: usize,
    }

    impl RunSize {
        /// A stored property, valued with the hold its assumption overrides give, if any.
        pub fn stored(assumptions: Option<&DcfAssumptionsInput>) -> Self {
            Self {
                hold_years: assumptions.and_then(|a| a.hold_years),
                rows: 0,
            }
        }

        /// A run of this many years of a small property.
        pub fn years(hold_years: i32) -> Self {
            Self {
                hold_years: Some(hold_years),
                rows: 0,
            }
        }

        /// Units of one run, × 60 (hold years × size factor).
        fn weight(self) -> usize {
            let hold = usize::try_from(self.hold_years.unwrap_or(DEFAULT_HOLD_YEARS).clamp(1, 100)).unwrap_or(1);
            hold.saturating_mul(1 + self.rows / ROWS_PER_SIZE)
        }
    }

    /// `runs` full engine runs of an input of `size`.
    fn runs(runs: usize, size: RunSize) -> usize {
        runs.saturating_mul(size.weight())
            .div_ceil(RUNS_PER_UNIT_10Y * 10)
            .max(1)
    }

    /// One DCF valuation.
    pub fn dcf(size: RunSize) -> usize {
        runs(1, size)
    }

    /// A Monte Carlo of `paths` runs (priced at most at the 100,000 paths a request may ask for).
    pub fn monte_carlo(paths: i32, size: RunSize) -> usize {
        let paths = usize::try_from(paths.clamp(1, crate::graphql::query::dcf::MAX_PATHS)).unwrap_or(1);
        runs(paths, size)
    }

    /// Both sensitivity grids (exit cap × discount rate, rent growth × exit cap), a run per cell.
    pub fn sensitivity(spec: Option<&SensitivitySpecInput>, size: RunSize) -> usize {
        const DEFAULT_AXIS: usize = 9;
        const MAX_AXIS: usize = 41;
        let len = |axis: Option<&Vec<f64>>| axis.map_or(DEFAULT_AXIS, |a| a.len().clamp(1, MAX_AXIS));
        let (e, d, r) = match spec {
            Some(s) => (
                len(s.exit_cap_offsets.as_ref()),
                len(s.discount_rate_offsets.as_ref()),
                len(s.rent_growth_offsets.as_ref()),
            ),
            None => (DEFAULT_AXIS, DEFAULT_AXIS, DEFAULT_AXIS),
        };
        runs(e * d + r * e, size)
    }

    /// A traversal of `depth` hops (1–4) from one property: the frontier can grow with every hop.
    pub fn graph_depth(depth: i32) -> usize {
        let depth = u32::try_from(depth.clamp(1, 4)).unwrap_or(1);
        25 * 4usize.pow(depth)
    }

    /// A whole-graph algorithm (PageRank, connected components) over the tenant's owners.
    pub const WHOLE_GRAPH: usize = 500;
    /// A Comp-Critic valuation (model fit on the tenant's sales, cached, then one subject).
    pub const COMP_VALUATION: usize = 200;
    /// An import: gates, writes and scoring, priced by the inline text (uploads at the base).
    pub fn import(text: Option<&String>) -> usize {
        1_000 + text.map_or(0, |t| t.len() / 100)
    }
}

#[cfg(test)]
mod tests {
    use super::price;

    #[test]
    fn heavy_fields_cost_their_work() {
        let ten = price::RunSize::years(10);
        // One 100,000-path ten-year Monte Carlo fits the default cap (20,000); ten do not.
        let one = price::monte_carlo(100_000, ten);
        assert!(one <= 20_000 && 10 * one > 20_000, "{one}");
        assert_eq!(price::monte_carlo(100_001, ten), one, "priced at the limit");
        let thirty = price::RunSize::years(30);
        assert_eq!(price::monte_carlo(6_000, thirty), 3 * price::monte_carlo(6_000, ten));
        // Two 9 × 9 grids, a ten-year run per cell: 162 runs.
        assert_eq!(price::sensitivity(None, ten), (162 * 10_usize).div_ceil(60));
        // A thousand input rows cost a hundred times a small property's run.
        let big = price::RunSize {
            hold_years: Some(10),
            rows: 995,
        };
        assert_eq!(price::sensitivity(None, big), (162 * 10 * 100_usize).div_ceil(60));
        assert!(price::graph_depth(4) > 16 * price::graph_depth(2) / 2);
        assert_eq!(price::import(Some(&"x".repeat(100_000))), 2_000);
    }
}
