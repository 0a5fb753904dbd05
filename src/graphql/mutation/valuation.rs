//! `runValuation`: values a stored property with Comp-Critic and saves the run in `valuations`
//! (model `comp-critic`, SHA-256 of the canonical inputs, full result). Requires analyst.
use super::record;
use crate::analytics::comps::{CompConfig, MODEL_VERSION, Subject};
use crate::auth::Role;
use crate::error::ApiError;
use crate::graphql::context::req;
use crate::graphql::guards::RoleGuard;
use crate::graphql::query::valuation::{comp_service, today, value_property};
use crate::graphql::types::comps::CompValuation;
use crate::graphql::types::valuation::Valuation;
use crate::persistence::repositories::sales::SalesFingerprint;
use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use chrono::NaiveDate;
use reos_entities::valuation;
use sea_orm::{ActiveModelTrait, Set};
use serde::Serialize;
use uuid::Uuid;

/// Model name stored with Comp-Critic runs.
pub const MODEL: &str = "comp-critic";

#[derive(Default)]
pub struct ValuationMutations;

/// Input of `runValuation`.
#[derive(InputObject)]
pub struct RunValuationInput {
    pub property_id: ID,
    /// Valuation date (default today); only sales strictly before it are used.
    pub as_of: Option<NaiveDate>,
}

/// Payload of `runValuation`: the saved record and the valuation itself.
#[derive(SimpleObject)]
pub struct RunValuationPayload {
    pub valuation: Valuation,
    pub result: CompValuation,
}

/// Everything the result depends on, serialized in a fixed field order so equal inputs hash
/// equally: the subject, the date, the method and settings, and which sales the model saw.
#[derive(Serialize)]
struct CanonicalInputs<'a> {
    model: &'a str,
    model_version: &'a str,
    as_of: NaiveDate,
    subject: &'a Subject,
    config: &'a CompConfig,
    sales: &'a SalesFingerprint,
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, bytes)
        .as_ref()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[Object]
impl ValuationMutations {
    /// Values a property with Comp-Critic and saves the run; it then shows as the property's
    /// `latestValuation`. Requires analyst (or admin).
    #[graphql(
        guard = "RoleGuard::new(Role::Analyst)",
        complexity = "crate::graphql::work::price::COMP_VALUATION + child_complexity"
    )]
    async fn run_valuation(&self, ctx: &Context<'_>, input: RunValuationInput) -> Result<RunValuationPayload> {
        let r = req(ctx)?;
        let svc = comp_service(ctx)?;
        let as_of = input.as_of.unwrap_or_else(today);
        let (p, subject, v) = value_property(&svc, &r.tx, &input.property_id, as_of).await?;
        let inputs = CanonicalInputs {
            model: MODEL,
            model_version: MODEL_VERSION,
            as_of,
            subject: &subject,
            config: svc.config(),
            sales: &v.fingerprint,
        };
        let canonical = serde_json::to_vec(&inputs).map_err(|e| ApiError::Internal(e.into()))?;
        let result = serde_json::json!({
            "as_of": as_of,
            "subject": &subject,
            "valuation": &v.valuation,
        });
        let saved = valuation::ActiveModel {
            id: Set(Uuid::now_v7()),
            tenant_id: Set(r.tx.tenant().0),
            property_id: Set(Some(p.id)),
            model: Set(MODEL.to_owned()),
            model_version: Set(MODEL_VERSION.to_owned()),
            inputs_hash: Set(sha256_hex(&canonical)),
            value: Set(Some(v.valuation.estimate)),
            result: Set(result),
            created_by: Set(r.actor().to_owned()),
            created_at: Set(chrono::Utc::now()),
        }
        .insert(r.tx.conn())
        .await
        .map_err(ApiError::from)?;
        crate::persistence::repositories::records::model_provenance(&r.tx, &saved)
            .await
            .map_err(ApiError::from)?;
        record(
            r,
            "run_valuation",
            "valuation",
            saved.id,
            serde_json::json!({"property_id": p.id, "model": MODEL}),
        )
        .await?;
        crate::graphql::subscription::valuation_saved(ctx, &saved);
        Ok(RunValuationPayload {
            valuation: Valuation(saved),
            result: CompValuation::new(v.valuation, as_of),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::sha256_hex;

    #[test]
    fn sha256_of_abc_is_the_published_vector() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
