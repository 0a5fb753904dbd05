//! DCF test inputs: an engine JSON input (as in `golden/dcf/*/input.json`) turned into the GraphQL
//! `DcfInput` shape (camelCase keys, upper-case enums, market leasing profiles as a list), and the
//! mutations that make a small office `propertyDcf` can value.
use serde_json::Value;

fn camel(s: &str) -> String {
    let mut out = String::new();
    let mut up = false;
    for c in s.chars() {
        match c {
            '_' => up = true,
            c if up => {
                out.extend(c.to_uppercase());
                up = false;
            }
            c => out.push(c),
        }
    }
    out
}

/// snake_case keys → camelCase, recursively.
pub fn camel_keys(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(m.iter().map(|(k, v)| (camel(k), camel_keys(v))).collect()),
        Value::Array(a) => Value::Array(a.iter().map(camel_keys).collect()),
        other => other.clone(),
    }
}

/// The golden JSON input in the GraphQL shape: camelCase keys, upper-case enums, MLAs as a list.
pub fn graphql_input(json: &str) -> Value {
    let mut v: Value = serde_json::from_str(json).unwrap();
    let upper = |x: &mut Value| {
        if let Some(s) = x.as_str() {
            *x = Value::String(s.to_uppercase());
        }
    };
    upper(&mut v["kind"]);
    if let Some(leases) = v.get_mut("leases").and_then(Value::as_array_mut) {
        for l in leases {
            if let Some(r) = l.get_mut("recovery") {
                upper(r);
            }
        }
    }
    if let Some(Value::Object(mla)) = v.as_object_mut().and_then(|o| o.remove("market_leasing")) {
        let list: Vec<Value> = mla
            .into_iter()
            .map(|(name, mut m)| {
                m["name"] = Value::String(name);
                if let Some(r) = m.get_mut("recovery") {
                    upper(r);
                }
                m
            })
            .collect();
        v["market_leasing"] = Value::Array(list);
    }
    camel_keys(&v)
}

/// `createProperty` of a small office `propertyDcf` can value once [`office_steps`] ran.
pub const CREATE_OFFICE: &str = "mutation($i: CreatePropertyInput!) { createProperty(input: $i) { property { id } } }";

/// The `CREATE_OFFICE` input.
pub fn office_input() -> serde_json::Value {
    serde_json::json!({"i": {"address": {"line1": "1 Blake St", "city": "Denver", "state": "CO"}, "propertyType": "OFFICE",
        "buildingAreaSf": 20000.0, "purchasePrice": 5000000.0}})
}

/// The mutations (and their `input`s) that give office `p` one lease, an expense, its leasing
/// profile and DCF assumptions.
pub fn office_steps(p: &str) -> Vec<(&'static str, serde_json::Value)> {
    use serde_json::json;
    vec![
        (
            "mutation($i: CreateLeaseInput!) { createLease(input: $i) { lease { id } } }",
            json!({"propertyId": p, "tenantName": "Law LLP", "areaSf": 15000.0, "start": "2024-01", "end": "2028-12",
                "rentPsf": 28.0, "escalationPct": 0.03, "recovery": "NNN", "mla": "office"}),
        ),
        (
            "mutation($i: CreateOperatingExpenseInput!) { createOperatingExpense(input: $i) { expense { id } } }",
            json!({"propertyId": p, "name": "tax", "annual": 90000.0, "recoverable": true}),
        ),
        (
            "mutation($i: CreateMarketLeasingProfileInput!) { createMarketLeasingProfile(input: $i) { profile { id } } }",
            json!({"propertyId": p, "name": "office", "marketRentPsf": 29.0, "termYears": 5.0, "renewalProbability": 0.7,
                "downtimeMonths": 6, "freeRentNewMonths": 3, "tiNewPsf": 30.0, "lcNewPct": 0.06, "recovery": "NNN"}),
        ),
        (
            "mutation($i: SetDcfAssumptionsInput!) { setDcfAssumptions(input: $i) { assumptions { analysisStart } } }",
            json!({"propertyId": p, "analysisStart": "2026-01", "holdYears": 5, "discountRate": 0.08,
                "exitCapRate": 0.07, "sellingCostPct": 0.02, "marketRentGrowth": 0.03, "expenseGrowth": 0.03}),
        ),
    ]
}
