//! Root mutations, one domain per file, merged into `MutationRoot`. Each is a thin adapter: its
//! role guard, the GraphQL input converted into the service's, one call into `crate::services`
//! (which validates, writes, audits and records provenance), the payload.
mod dcf_inputs;
mod dcf_terms;
mod document;
mod job;
mod lease;
mod lease_abstract;
mod loan_program;
mod market;
mod offer;
mod owner;
mod pipeline;
mod property;
mod property_dcf;
mod rent_roll;
mod sales;
mod user;
mod valuation;

use async_graphql::MergedObject;

#[derive(MergedObject, Default)]
pub struct MutationRoot(
    property::PropertyMutations,
    owner::OwnerMutations,
    lease::LeaseMutations,
    lease_abstract::LeaseAbstractMutations,
    user::UserMutations,
    dcf_inputs::DcfInputMutations,
    dcf_terms::DcfTermMutations,
    sales::SalesMutations,
    valuation::ValuationMutations,
    pipeline::PipelineMutations,
    document::DocumentMutations,
    offer::OfferMutations,
    property_dcf::PropertyDcfMutations,
    loan_program::LoanProgramMutations,
    market::MarketMutations,
    rent_roll::RentRollMutations,
    job::JobMutations,
);

/// Payload of delete mutations.
#[derive(async_graphql::SimpleObject)]
pub struct DeletePayload {
    pub deleted_id: async_graphql::ID,
}
