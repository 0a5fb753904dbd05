//! Loan programs: a tenant's lender programs (docs/deal-sizing.md), validated by the sizing
//! engine's own rules, created, replaced and deleted with an audit record, and listed.
use super::caller::Caller;
use super::dcf_run::camel;
use crate::analytics::dcf::{DcfError, LoanProgram};
use crate::domain::rules;
use crate::error::{ApiError, ApiResult};
use crate::persistence::TenantTx;
use crate::persistence::repositories::scoped;
use reos_entities::loan_program;
use sea_orm::{ActiveModelTrait, QueryOrder, Set};
use uuid::Uuid;

/// A program as a client writes it (create, or replace on update).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProgramFields {
    pub lender: String,
    pub name: String,
    pub max_ltv: Option<f64>,
    pub min_dscr: Option<f64>,
    pub min_debt_yield: Option<f64>,
    pub rate: f64,
    pub amortization_years: Option<f64>,
    pub io_months: i32,
    pub fee_pct: f64,
    pub term_years: Option<f64>,
    pub notes: Option<String>,
}

impl ProgramFields {
    /// The engine's program (lender name and notes carried along).
    pub fn to_engine(&self) -> LoanProgram {
        LoanProgram {
            max_ltv: self.max_ltv,
            min_dscr: self.min_dscr,
            min_debt_yield: self.min_debt_yield,
            rate: self.rate,
            amortization_years: self.amortization_years,
            io_months: Some(f64::from(self.io_months)),
            fee_pct: Some(self.fee_pct),
            term_years: self.term_years,
            lender: Some(self.lender.clone()),
            notes: self.notes.clone(),
        }
    }
}

impl From<&loan_program::Model> for ProgramFields {
    fn from(m: &loan_program::Model) -> Self {
        ProgramFields {
            lender: m.lender.clone(),
            name: m.name.clone(),
            max_ltv: m.max_ltv,
            min_dscr: m.min_dscr,
            min_debt_yield: m.min_debt_yield,
            rate: m.rate,
            amortization_years: m.amortization_years,
            io_months: m.io_months,
            fee_pct: m.fee_pct,
            term_years: m.term_years,
            notes: m.notes.clone(),
        }
    }
}

/// The engine's program for a stored row.
pub fn to_engine(m: &loan_program::Model) -> LoanProgram {
    ProgramFields::from(m).to_engine()
}

/// Writes every client field of `f` into `m` (names and notes trimmed, blank notes dropped).
fn apply(m: &mut loan_program::ActiveModel, f: &ProgramFields) {
    m.lender = Set(f.lender.trim().to_owned());
    m.name = Set(f.name.trim().to_owned());
    m.max_ltv = Set(f.max_ltv);
    m.min_dscr = Set(f.min_dscr);
    m.min_debt_yield = Set(f.min_debt_yield);
    m.rate = Set(f.rate);
    m.amortization_years = Set(f.amortization_years);
    m.io_months = Set(f.io_months);
    m.fee_pct = Set(f.fee_pct);
    m.term_years = Set(f.term_years);
    m.notes = Set(optional_text(&f.notes));
}

/// A sizing-rule refusal (`program.max_ltv`) named under the client's `prefix` (`input.maxLtv`).
pub fn program_error(e: &DcfError, prefix: &str) -> ApiError {
    let field = e.field();
    let rest = field.strip_prefix("program").unwrap_or(field);
    let message = match e {
        DcfError::Invalid { message, .. } => message.clone(),
        other => other.to_string(),
    };
    ApiError::bad_input(format!("{prefix}{}", camel(rest)), message)
}

/// Checks a program the engine's way, naming fields under `prefix`.
pub fn check(p: &LoanProgram, prefix: &str) -> ApiResult<()> {
    p.validate().map_err(|e| program_error(&e, prefix))
}

fn checked(f: &ProgramFields) -> ApiResult<()> {
    rules::non_empty("input.lender", Some(&f.lender))?;
    rules::non_empty("input.name", Some(&f.name))?;
    check(&f.to_engine(), "input")
}

fn optional_text(s: &Option<String>) -> Option<String> {
    s.as_ref().map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())
}

/// Records a new program; CONFLICT when the lender already has one of that name.
pub async fn create(c: &Caller<'_>, f: ProgramFields) -> ApiResult<loan_program::Model> {
    checked(&f)?;
    let now = chrono::Utc::now();
    let mut new = loan_program::ActiveModel {
        id: Set(Uuid::now_v7()),
        tenant_id: Set(c.tenant()),
        created_by: Set(c.actor.to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    apply(&mut new, &f);
    let saved = new.insert(c.tx.conn().await?).await?;
    c.audit("create", "loan_program", Some(saved.id), details(&saved))
        .await?;
    Ok(saved)
}

/// Replaces every field of program `id`.
pub async fn update(c: &Caller<'_>, id: &str, f: ProgramFields) -> ApiResult<loan_program::Model> {
    let existing = c.existing::<loan_program::Entity>(id, "loan program").await?;
    checked(&f)?;
    let mut m: loan_program::ActiveModel = existing.into();
    apply(&mut m, &f);
    m.updated_at = Set(chrono::Utc::now());
    let saved = m.update(c.tx.conn().await?).await?;
    c.audit("update", "loan_program", Some(saved.id), details(&saved))
        .await?;
    Ok(saved)
}

/// Deletes program `id`.
pub async fn delete(c: &Caller<'_>, id: &str) -> ApiResult<Uuid> {
    c.delete::<loan_program::Entity>(id, "loan program", "loan_program")
        .await
}

fn details(m: &loan_program::Model) -> serde_json::Value {
    serde_json::json!({
        "lender": m.lender, "name": m.name, "max_ltv": m.max_ltv, "min_dscr": m.min_dscr,
        "min_debt_yield": m.min_debt_yield, "rate": m.rate,
    })
}

/// The tenant's programs by lender and name.
pub async fn list(tx: &TenantTx) -> ApiResult<Vec<loan_program::Model>> {
    Ok(scoped::<loan_program::Entity>(tx)
        .order_by_asc(loan_program::Column::Lender)
        .order_by_asc(loan_program::Column::Name)
        .all(tx.conn().await?)
        .await?)
}

/// The tenant's program `id` (NOT_FOUND otherwise).
pub async fn get(tx: &TenantTx, id: &str) -> ApiResult<loan_program::Model> {
    super::lookup::one::<loan_program::Entity>(tx, id, "loan program").await
}
