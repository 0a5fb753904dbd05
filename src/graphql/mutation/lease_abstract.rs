//! `extractLease` and `confirmLeaseAbstract` (docs/lease.md): a stored lease document read into a
//! draft abstract, and a draft confirmed (with an analyst's edits) into a lease. Operator.
use crate::auth::Role;
use crate::graphql::context::caller;
use crate::graphql::guards::RoleGuard;
use crate::graphql::types::lease::{Lease, UnitLease, UnitType};
use crate::graphql::types::lease_abstract::{
    ConfirmLeaseAbstractInput, ConfirmLeaseAbstractPayload, ExtractLeaseInput, ExtractLeasePayload, LEASE_EXTRACTION,
    LeaseAbstract,
};
use crate::services::documents::Documents;
use crate::services::lease_abstracts;
use async_graphql::{Context, Object, Result};
use std::sync::Arc;

#[derive(Default)]
pub struct LeaseAbstractMutations;

#[Object]
impl LeaseAbstractMutations {
    /// Reads a stored lease document (PDF with a text layer, DOCX, text) into a draft abstract:
    /// every term with its value, confidence and citation, and the rent schedule. A scan is
    /// refused (`LEASE_SCANNED_PDF`) and nothing is written. Requires operator.
    #[graphql(
        guard = "RoleGuard::new(Role::Operator)",
        complexity = "LEASE_EXTRACTION + child_complexity"
    )]
    async fn extract_lease(&self, ctx: &Context<'_>, input: ExtractLeaseInput) -> Result<ExtractLeasePayload> {
        let docs = ctx.data::<Arc<Documents>>()?;
        let row = lease_abstracts::extract(&caller(ctx)?, &docs.store, &input.document_id).await?;
        Ok(ExtractLeasePayload {
            lease_abstract: LeaseAbstract(row),
        })
    }

    /// Confirms a draft abstract with the analyst's edits: a commercial lease into a lease of
    /// the document's property (a lease with the same suite is updated), a residential lease into
    /// a unit lease of the multifamily property (the same unit is updated) and its unit type's
    /// unit mix; each field's provenance points at the document and the text it came from. A term the lease needs but the abstract lacks is
    /// refused naming it; confirming twice is a CONFLICT. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn confirm_lease_abstract(
        &self,
        ctx: &Context<'_>,
        input: ConfirmLeaseAbstractInput,
    ) -> Result<ConfirmLeaseAbstractPayload> {
        let opts = lease_abstracts::ConfirmOptions {
            mla: input.mla.clone(),
            unit_type: input.unit_type.clone(),
        };
        let done = lease_abstracts::confirm(&caller(ctx)?, &input.id, input.edits(), opts).await?;
        Ok(ConfirmLeaseAbstractPayload {
            lease_abstract: LeaseAbstract(done.abstract_),
            lease: done.lease.map(Lease),
            unit_lease: done.unit_lease.map(UnitLease),
            unit_type: done.unit_type.map(UnitType),
            merged: done.merged,
        })
    }
}
