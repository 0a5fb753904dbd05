//! Number-by-number comparison of an expected.json tree with the engine's output.
//! Relative 1e-6 (absolute 1e-6 near zero, or a caller's floor); fields named `*_irr` to 1e-7 absolute. Holds
//! `Mismatch`, the disagreement it reports (re-exported as `golden::Mismatch`).

use serde_json::Value;

/// One disagreement between expected.json and the engine.
#[derive(Debug, Clone, PartialEq)]
pub struct Mismatch {
    pub case: String,
    pub path: String,
    pub expected: String,
    pub actual: String,
}

fn close(path: &str, e: f64, a: f64, floor: f64) -> bool {
    let leaf = path.rsplit('.').next().unwrap_or(path);
    if leaf.ends_with("_irr") {
        return (a - e).abs() <= 1e-7;
    }
    (a - e).abs() <= (1e-6 * e.abs()).max(floor)
}

pub(super) fn compare(case: &str, path: &str, expected: &Value, actual: &Value, out: &mut Vec<Mismatch>) {
    compare_with_floor(case, path, expected, actual, 1e-6, out);
}

/// [`compare`] with another absolute tolerance near zero (a maximum bid's dollar amounts near
/// zero, such as an NPV at the boundary, move with the price's own last digits).
pub(super) fn compare_with_floor(
    case: &str,
    path: &str,
    expected: &Value,
    actual: &Value,
    floor: f64,
    out: &mut Vec<Mismatch>,
) {
    let mut miss = |path: &str| {
        out.push(Mismatch {
            case: case.into(),
            path: path.into(),
            expected: expected.to_string(),
            actual: actual.to_string(),
        })
    };
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (key, ev) in e {
                let p = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                compare_with_floor(case, &p, ev, a.get(key).unwrap_or(&Value::Null), floor, out);
            }
        }
        (Value::Array(e), Value::Array(a)) if e.len() == a.len() => {
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                compare_with_floor(case, &format!("{path}[{i}]"), ev, av, floor, out);
            }
        }
        (Value::Number(e), Value::Number(a)) => match (e.as_f64(), a.as_f64()) {
            (Some(e), Some(a)) if close(path, e, a, floor) => {}
            _ => miss(path),
        },
        (e, a) if e == a => {}
        _ => miss(path),
    }
}

#[cfg(test)]
mod tests;
