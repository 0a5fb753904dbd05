//! `createLoanProgram`, `updateLoanProgram`, `deleteLoanProgram`: a tenant's lender programs,
//! validated by the sizing engine's rules and audited. Requires operator.
use super::DeletePayload;
use crate::auth::Role;
use crate::graphql::context::caller;
use crate::graphql::guards::RoleGuard;
use crate::graphql::types::deal::{LoanProgram, LoanProgramInput};
use crate::services::loan_programs;
use async_graphql::{Context, ID, Object, Result, SimpleObject};

#[derive(Default)]
pub struct LoanProgramMutations;

#[derive(SimpleObject)]
pub struct LoanProgramPayload {
    pub loan_program: LoanProgram,
}

#[Object]
impl LoanProgramMutations {
    /// Records a lender program (`lender` and `name` required, unique together). Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn create_loan_program(&self, ctx: &Context<'_>, input: LoanProgramInput) -> Result<LoanProgramPayload> {
        let saved = loan_programs::create(&caller(ctx)?, input.to_fields()).await?;
        Ok(LoanProgramPayload {
            loan_program: LoanProgram(saved),
        })
    }

    /// Replaces every field of a program. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn update_loan_program(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: LoanProgramInput,
    ) -> Result<LoanProgramPayload> {
        let saved = loan_programs::update(&caller(ctx)?, &id, input.to_fields()).await?;
        Ok(LoanProgramPayload {
            loan_program: LoanProgram(saved),
        })
    }

    /// Deletes a program. Requires operator.
    #[graphql(guard = "RoleGuard::new(Role::Operator)")]
    async fn delete_loan_program(&self, ctx: &Context<'_>, id: ID) -> Result<DeletePayload> {
        let deleted = loan_programs::delete(&caller(ctx)?, &id).await?;
        Ok(DeletePayload {
            deleted_id: ID(deleted.to_string()),
        })
    }
}
