//! `LeaseAbstract` (docs/lease.md): a lease document's terms, each with its value, confidence and
//! citation, the rent schedule, and where the draft stands (confirmed into which lease).
use crate::graphql::types::lease::{Lease, UnitLease, UnitType};
use crate::services::lease_abstracts::{self, Edit};
use async_graphql::{Enum, ID, InputObject, Json, Object, SimpleObject};
use reos_entities::lease_abstract;
use serde_json::Value;

/// What `extractLease` costs: reading a document's text and every term (a few to tens of
/// milliseconds; a unit is about 30 µs).
pub const LEASE_EXTRACTION: usize = 1_000;

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum LeaseKind {
    Commercial,
    Residential,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum LeaseAbstractStatus {
    /// Extracted, not yet confirmed: nothing of it is in the books.
    Draft,
    /// Confirmed into a lease (`leaseId`) or a unit lease (`unitLeaseId`).
    Confirmed,
}

/// Where a value was read: 1-based page, character offsets in the page's text (end exclusive)
/// and the quoted text.
#[derive(SimpleObject)]
pub struct LeaseCitation {
    pub page: i32,
    pub start: i32,
    pub end: i32,
    pub text: String,
}

/// One term of the abstract.
#[derive(SimpleObject)]
pub struct LeaseAbstractField {
    /// `landlord`, `tenant`, `premises_address`, … (docs/lease.md).
    pub name: String,
    /// Null when the lease does not state the term.
    pub value: Option<Json<Value>>,
    pub confidence: Option<f64>,
    /// Null for a term not found and for an analyst's edit.
    pub citation: Option<LeaseCitation>,
    /// Set by an analyst at confirmation.
    pub edited: bool,
}

/// A residential clause quoted rather than reduced to a value (docs/lease.md "Clauses").
#[derive(SimpleObject)]
pub struct LeaseClause {
    /// `pets`, `parking` or `utilities`.
    pub topic: String,
    pub confidence: f64,
    /// The clause: its page, offsets and text.
    pub citation: LeaseCitation,
}

/// One contractual base-rent period.
#[derive(SimpleObject)]
pub struct LeaseRentPeriod {
    /// `YYYY-MM-DD`.
    pub start: String,
    pub end: String,
    pub monthly: f64,
    pub annual: f64,
    pub psf_annual: Option<f64>,
}

pub struct LeaseAbstract(pub lease_abstract::Model);

/// A stored citation object as GraphQL's.
fn citation_of(f: &Value) -> Option<LeaseCitation> {
    f.get("citation").filter(|c| !c.is_null()).map(|c| LeaseCitation {
        page: c["page"].as_i64().unwrap_or(0) as i32,
        start: c["start"].as_i64().unwrap_or(0) as i32,
        end: c["end"].as_i64().unwrap_or(0) as i32,
        text: c["text"].as_str().unwrap_or("").to_owned(),
    })
}

fn field_of(name: &str, f: &Value) -> LeaseAbstractField {
    let citation = citation_of(f);
    LeaseAbstractField {
        name: name.to_owned(),
        value: f.get("value").filter(|v| !v.is_null()).cloned().map(Json),
        confidence: f.get("confidence").and_then(Value::as_f64),
        citation,
        edited: f.get("edited").and_then(Value::as_bool).unwrap_or(false),
    }
}

#[Object]
impl LeaseAbstract {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn document_id(&self) -> ID {
        ID(self.0.document_id.to_string())
    }
    async fn property_id(&self) -> Option<ID> {
        self.0.property_id.map(|p| ID(p.to_string()))
    }
    async fn kind(&self) -> LeaseKind {
        if self.0.kind == "residential" {
            LeaseKind::Residential
        } else {
            LeaseKind::Commercial
        }
    }
    async fn status(&self) -> LeaseAbstractStatus {
        if self.0.status == "confirmed" {
            LeaseAbstractStatus::Confirmed
        } else {
            LeaseAbstractStatus::Draft
        }
    }
    /// Every term in the documented order, with the analyst's edits applied once confirmed.
    async fn fields(&self) -> Vec<LeaseAbstractField> {
        let edits: Vec<Edit> = self
            .0
            .edits
            .as_ref()
            .and_then(Value::as_object)
            .map(|m| {
                m.iter()
                    .map(|(k, v)| Edit {
                        field: k.clone(),
                        value: v.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let fields = lease_abstracts::edited_fields(&self.0.extracted, &edits).unwrap_or_default();
        crate::analytics::lease::FieldName::ALL
            .iter()
            .map(|n| field_of(n.as_str(), fields.get(n.as_str()).unwrap_or(&Value::Null)))
            .collect()
    }
    /// The rent schedule as extracted.
    async fn rent_schedule(&self) -> Vec<LeaseRentPeriod> {
        let periods = self
            .0
            .extracted
            .get("rent_schedule")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        periods
            .iter()
            .map(|p| LeaseRentPeriod {
                start: p["start"].as_str().unwrap_or("").to_owned(),
                end: p["end"].as_str().unwrap_or("").to_owned(),
                monthly: p["monthly"].as_f64().unwrap_or(0.0),
                annual: p["annual"].as_f64().unwrap_or(0.0),
                psf_annual: p["psf_annual"].as_f64(),
            })
            .collect()
    }
    /// A residential lease's pets, parking and utilities clauses, quoted with their citations
    /// (empty for a commercial lease, and for a lease that has none).
    async fn clauses(&self) -> Vec<LeaseClause> {
        let all = self.0.extracted.get("clauses").and_then(Value::as_array);
        all.into_iter()
            .flatten()
            .filter_map(|c| {
                Some(LeaseClause {
                    topic: c.get("topic")?.as_str()?.to_owned(),
                    confidence: c.get("confidence")?.as_f64()?,
                    citation: citation_of(c)?,
                })
            })
            .collect()
    }
    /// The analyst's edits at confirmation (`{field: value}`).
    async fn edits(&self) -> Option<Json<Value>> {
        self.0.edits.clone().map(Json)
    }
    /// The (commercial) lease the confirmation created or updated.
    async fn lease_id(&self) -> Option<ID> {
        self.0.lease_id.map(|l| ID(l.to_string()))
    }
    /// The unit lease a residential confirmation created or updated.
    async fn unit_lease_id(&self) -> Option<ID> {
        self.0.unit_lease_id.map(|l| ID(l.to_string()))
    }
    async fn created_by(&self) -> &str {
        &self.0.created_by
    }
    async fn created_at(&self) -> String {
        self.0.created_at.to_rfc3339()
    }
    async fn confirmed_by(&self) -> Option<&str> {
        self.0.confirmed_by.as_deref()
    }
    async fn confirmed_at(&self) -> Option<String> {
        self.0.confirmed_at.map(|t| t.to_rfc3339())
    }
}

#[derive(InputObject)]
pub struct ExtractLeaseInput {
    /// A stored document (`uploadDocument`): PDF with a text layer, DOCX or text.
    pub document_id: ID,
}

/// An analyst's value for one term; `value: null` clears it.
#[derive(InputObject)]
pub struct LeaseAbstractEditInput {
    pub field: String,
    pub value: Option<Json<Value>>,
}

#[derive(InputObject)]
pub struct ConfirmLeaseAbstractInput {
    pub id: ID,
    #[graphql(default)]
    pub edits: Vec<LeaseAbstractEditInput>,
    /// The market leasing profile the DCF assumes after the lease ends (default: the merged
    /// lease's, else the property's only profile, else `default`). Commercial leases.
    pub mla: Option<String>,
    /// The unit-mix type the unit counts in (default: the stored unit's type, else the
    /// property's only type). Residential leases.
    pub unit_type: Option<String>,
}

impl ConfirmLeaseAbstractInput {
    pub fn edits(&self) -> Vec<Edit> {
        self.edits
            .iter()
            .map(|e| Edit {
                field: e.field.clone(),
                value: e.value.as_ref().map_or(Value::Null, |v| v.0.clone()),
            })
            .collect()
    }
}

#[derive(SimpleObject)]
pub struct ExtractLeasePayload {
    pub lease_abstract: LeaseAbstract,
}

#[derive(SimpleObject)]
pub struct ConfirmLeaseAbstractPayload {
    pub lease_abstract: LeaseAbstract,
    /// The lease written (commercial abstracts).
    pub lease: Option<Lease>,
    /// The unit lease written (residential abstracts).
    pub unit_lease: Option<UnitLease>,
    /// The unit type whose unit mix the unit lease changed (residential abstracts).
    pub unit_type: Option<UnitType>,
    /// An existing lease with the same suite (unit) was updated (else one was created).
    pub merged: bool,
}
