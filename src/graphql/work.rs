//! Validation outcome with stable codes: an operation whose work (async-graphql's complexity,
//! where compute-heavy fields are priced by what they compute) exceeds the caller's role cap is
//! refused before anything runs (QUERY_TOO_COMPLEX); every other validation error is
//! GRAPHQL_VALIDATION_FAILED.
use super::RequestCtx;
use super::context::SubscriberCtx;
use super::limits::coded;
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
