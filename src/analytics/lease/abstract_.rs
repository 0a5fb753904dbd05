//! The lease abstract: field names (a public interface: `reos lease extract --json` and GraphQL
//! use them as they are), values, confidences, citations and the rent schedule.
use chrono::NaiveDate;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

/// Commercial or residential.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Commercial,
    Residential,
}

macro_rules! field_names {
    ($($variant:ident => $name:literal),* $(,)?) => {
        /// The terms an abstract reports, in the order it prints them.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum FieldName { $($variant),* }

        impl FieldName {
            pub const ALL: &'static [FieldName] = &[$(FieldName::$variant),*];

            /// The name in JSON and GraphQL.
            pub fn as_str(self) -> &'static str {
                match self { $(FieldName::$variant => $name),* }
            }

            pub fn parse(name: &str) -> Option<FieldName> {
                match name { $($name => Some(FieldName::$variant),)* _ => None }
            }
        }
    };
}

field_names! {
    Landlord => "landlord",
    Tenant => "tenant",
    PremisesAddress => "premises_address",
    Suite => "suite",
    AreaSf => "area_sf",
    Commencement => "commencement",
    Expiration => "expiration",
    TermMonths => "term_months",
    MonthlyBaseRent => "monthly_base_rent",
    AnnualBaseRent => "annual_base_rent",
    RentPsfAnnual => "rent_psf_annual",
    EscalationPct => "escalation_pct",
    FreeRentMonths => "free_rent_months",
    Recovery => "recovery",
    ExpenseStopPsf => "expense_stop_psf",
    SecurityDeposit => "security_deposit",
    LateFee => "late_fee",
    RenewalOptionCount => "renewal_option_count",
    RenewalTermMonths => "renewal_term_months",
    TiAllowancePsf => "ti_allowance_psf",
}

/// An extracted value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Date(NaiveDate),
    /// Dollars, square feet, fractions.
    Number(f64),
    /// Months and counts.
    Integer(i64),
}

impl Value {
    /// Same value: text ignoring case, spacing and trailing punctuation; numbers within a cent.
    pub fn same(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Text(a), Value::Text(b)) => normalize_text(a) == normalize_text(b),
            (Value::Number(a), Value::Number(b)) => (a - b).abs() < 0.005 + 1e-9 * b.abs(),
            _ => self == other,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            Value::Integer(i) => Some(*i as f64),
            _ => None,
        }
    }

    pub fn as_date(&self) -> Option<NaiveDate> {
        match self {
            Value::Date(d) => Some(*d),
            _ => None,
        }
    }

    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Value::Text(s) => s.clone().into(),
            Value::Date(d) => d.format("%Y-%m-%d").to_string().into(),
            Value::Number(n) => serde_json::Number::from_f64(*n).map_or(serde_json::Value::Null, Into::into),
            Value::Integer(i) => (*i).into(),
        }
    }
}

/// Lower case, single spaces, no surrounding quotes or trailing punctuation.
pub fn normalize_text(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    words
        .join(" ")
        .trim_matches(|c: char| matches!(c, '.' | ',' | ';' | ':' | '"' | '“' | '”' | '\'' | ' '))
        .to_lowercase()
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_json().serialize(s)
    }
}

/// Where a value was read: 1-based page, character offsets within the page's text (end
/// exclusive) and the quoted text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Citation {
    pub page: u32,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// One extracted term.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    pub value: Value,
    /// 0..1: how sure the reader is (below 0.9 an analyst should look before confirming).
    pub confidence: f64,
    pub citation: Citation,
}

/// One contractual base-rent period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RentPeriod {
    #[serde(serialize_with = "ymd")]
    pub start: NaiveDate,
    #[serde(serialize_with = "ymd")]
    pub end: NaiveDate,
    pub monthly: f64,
    pub annual: f64,
    pub psf_annual: Option<f64>,
}

fn ymd<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&d.format("%Y-%m-%d").to_string())
}

/// What a quoted clause is about (analytics::lease::clauses finds them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ClauseTopic {
    Pets,
    Parking,
    Utilities,
}

impl ClauseTopic {
    pub const ALL: [ClauseTopic; 3] = [ClauseTopic::Pets, ClauseTopic::Parking, ClauseTopic::Utilities];

    pub fn as_str(self) -> &'static str {
        match self {
            ClauseTopic::Pets => "pets",
            ClauseTopic::Parking => "parking",
            ClauseTopic::Utilities => "utilities",
        }
    }
}

/// A quoted clause: 0.95 confidence under its own heading, 0.7 for a sentence found by keyword.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Clause {
    pub topic: ClauseTopic,
    pub confidence: f64,
    pub citation: Citation,
}

/// A lease abstract: every field name present (null when the lease does not state it).
#[derive(Debug, Clone, PartialEq)]
pub struct LeaseAbstract {
    pub kind: Kind,
    pub fields: Vec<(FieldName, Option<Field>)>,
    pub rent_schedule: Vec<RentPeriod>,
    /// A residential lease's pets, parking and utilities clauses, quoted (not in the `--json`
    /// object, whose keys are fixed; stored beside it as `clauses`).
    pub clauses: Vec<Clause>,
}

impl LeaseAbstract {
    pub fn get(&self, name: FieldName) -> Option<&Field> {
        self.fields
            .iter()
            .find(|(n, _)| *n == name)
            .and_then(|(_, f)| f.as_ref())
    }
}

struct Fields<'a>(&'a [(FieldName, Option<Field>)]);

impl Serialize for Fields<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (name, field) in self.0 {
            map.serialize_entry(name.as_str(), field)?;
        }
        map.end()
    }
}

impl Serialize for LeaseAbstract {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(3))?;
        map.serialize_entry("kind", &self.kind)?;
        map.serialize_entry("fields", &Fields(&self.fields))?;
        map.serialize_entry("rent_schedule", &self.rent_schedule)?;
        map.end()
    }
}
