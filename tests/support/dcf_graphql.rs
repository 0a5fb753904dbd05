//! A DCF input in the engine's JSON (as in `golden/dcf/*/input.json`) turned into the GraphQL
//! `DcfInput` shape: camelCase keys, upper-case enums, market leasing profiles as a list.
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
