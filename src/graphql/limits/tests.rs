use super::*;
use rand::{RngExt, SeedableRng};

const INTROSPECTION: &str = include_str!("introspection.graphql");

fn limits() -> DocumentLimits {
    DocumentLimits::from(&GraphqlSettings::default())
}

fn check(query: &str) -> Result<Shape, Refusal> {
    let l = limits();
    check_text(&l, query)?;
    let doc = async_graphql::parser::parse_query(query).map_err(|e| Refusal::Parse(e.to_string()))?;
    check_document(&l, &doc)
}

#[test]
fn graphiqls_introspection_query_passes_the_default_limits() {
    let shape = check(INTROSPECTION).unwrap();
    assert_eq!(shape.depth, 0, "introspection is not data depth");
    assert!(shape.nodes < 400, "{shape:?}");
}

#[test]
fn the_fragment_fan_out_is_refused_after_linear_work() {
    for (n, fanout) in [(12, 8), (26, 2), (40, 3)] {
        let q = fan_out(n, fanout);
        let err = check(&q).unwrap_err();
        assert_eq!(err.code(), "QUERY_TOO_COMPLEX", "{n}×{fanout}: {err:?}");
    }
    // The same shape, small enough, is measured exactly: the 'me' field, 1 + 2 + 4 + … + 32
    // spreads and 32 leaves.
    let shape = check(&fan_out(6, 2)).unwrap();
    assert_eq!(shape.nodes, 1 + 63 + 32);
    assert!(shape.visited <= 2 * 6 + 2, "each fragment is walked once: {shape:?}");
}

/// Fan-outs whose leaves select no field (an unknown fragment, empty inline fragments) must be
/// refused too: async-graphql's recursive check walks every spread, fields or not.
#[test]
fn fan_outs_without_fields_are_refused() {
    let unknown = fan_out(12, 8).replace("{ subject }", "{ ...Nope }");
    assert_eq!(check(&unknown).unwrap_err().code(), "GRAPHQL_VALIDATION_FAILED");
    let inline = fan_out(12, 8).replace("{ subject }", "{ ... on Me { ... on Me { __typename } } }");
    assert_eq!(check(&inline).unwrap_err().code(), "QUERY_TOO_COMPLEX");
    let empty_spreads = fan_out(12, 8).replace("{ subject }", "{ ... @skip(if: true) { subject } }");
    assert_eq!(check(&empty_spreads).unwrap_err().code(), "QUERY_TOO_COMPLEX");
}

#[test]
fn cycles_depth_aliases_and_root_fields() {
    let cycle = "query { me { ...A } } fragment A on Me { ...B } fragment B on Me { ...A }";
    assert_eq!(check(cycle).unwrap_err().code(), "GRAPHQL_VALIDATION_FAILED");
    let nest = |n: usize| format!("{{ {}x{} }}", "a { ".repeat(n - 1), " }".repeat(n - 1));
    assert_eq!(check(&nest(12)).unwrap().depth, 12);
    assert_eq!(check(&nest(13)).unwrap_err().code(), "QUERY_TOO_COMPLEX");
    let aliases: String = (0..31).map(|i| format!("a{i}: subject ")).collect();
    assert!(
        matches!(check(&format!("{{ me {{ {aliases} }} }}")), Err(Refusal::TooComplex(m)) if m.contains("aliased"))
    );
    let roots: String = (0..21).map(|i| format!("f{i} ")).collect();
    assert!(matches!(check(&format!("{{ {roots} }}")), Err(Refusal::TooComplex(m)) if m.contains("root fields")));
    // Root fields behind a fragment count too.
    let spread = format!("{{ ...R }} fragment R on QueryRoot {{ {roots} }}");
    assert!(matches!(check(&spread), Err(Refusal::TooComplex(m)) if m.contains("root fields")));
}

#[test]
fn introspection_has_its_own_caps() {
    let twice = "{ __schema { types { fields { type { fields { name } } } } } }";
    assert_eq!(check(twice).unwrap_err().code(), "QUERY_TOO_COMPLEX");
    let deep = format!(
        "{{ __type(name: \"Me\") {{ {}name{} }} }}",
        "ofType { ".repeat(20),
        " }".repeat(20)
    );
    assert_eq!(check(&deep).unwrap_err().code(), "QUERY_TOO_COMPLEX");
    let once = "{ __type(name: \"Me\") { fields { name type { ofType { name } } } } }";
    assert!(check(once).is_ok());
}

#[test]
fn the_text_pass_skips_strings_and_comments_and_bounds_nesting() {
    let l = limits();
    let braces_in_strings = format!(
        "{{ a(x: \"{}\", y: \"\"\"{}\"\"\") # {}\n }}",
        "{".repeat(500),
        "[\\\"\"\"".repeat(50),
        "(".repeat(500)
    );
    assert!(check_text(&l, &braces_in_strings).is_ok());
    let deep = format!("{}{}", "{ a ".repeat(200), "}".repeat(200));
    assert!(matches!(check_text(&l, &deep), Err(Refusal::TooComplex(m)) if m.contains("nests")));
    let long = format!("{{ {} }}", "a ".repeat(l.max_tokens));
    assert!(matches!(check_text(&l, &long), Err(Refusal::TooComplex(m)) if m.contains("tokens")));
    let big = format!("# {}\n{{ a }}", "x".repeat(l.max_query_bytes));
    assert!(matches!(check_text(&l, &big), Err(Refusal::TooComplex(m)) if m.contains("bytes")));
    assert!(check_text(&l, "{ a(s: \"unterminated").is_ok(), "the parser reports it");
}

/// Generated documents up to the body limit: nested fragment fan-outs of random width and
/// length, wide alias lists and deep nesting, some mutated by cutting them at a random byte.
/// Each is either refused or accepted with expanded selections within `max_nodes`, and the
/// guard's own visits stay linear in the text; work is counted, not timed.
#[test]
fn generated_abuse_documents_are_refused_or_bounded() {
    let l = limits();
    let body_limit = GraphqlSettings::default().max_body_bytes;
    let mut rng = rand::rngs::ChaCha8Rng::seed_from_u64(12);
    for case in 0..400 {
        let mut q = match case % 5 {
            0 => fan_out(rng.random_range(1..60), rng.random_range(1..12)),
            4 => {
                let leaf = ["{ ...Nope }", "{ ... on Me { __typename } }", "{ ... on Me { } }"][rng.random_range(0..3)];
                fan_out(rng.random_range(1..40), rng.random_range(1..10)).replace("{ subject }", leaf)
            }
            1 => {
                let n = rng.random_range(1..5_000);
                let fields: String = (0..n).map(|i| format!("a{i}: me {{ subject role }} ")).collect();
                format!("{{ {fields} }}")
            }
            2 => {
                let n = rng.random_range(1..3_000);
                format!("{{ {}x{} }}", "me { ".repeat(n), " }".repeat(n))
            }
            _ => {
                // Many small fragments, each spreading a few random later ones.
                let n = rng.random_range(2..150);
                let mut q = String::from("{ me { ...G0 } }\n");
                for i in 0..n {
                    let count = if i + 1 < n { rng.random_range(0..6) } else { 0 };
                    let spreads: String = (0..count)
                        .map(|_| format!("...G{} ", rng.random_range(i + 1..n)))
                        .collect();
                    q.push_str(&format!("fragment G{i} on Me {{ subject {spreads}}}\n"));
                }
                q
            }
        };
        if rng.random_bool(0.2) {
            let cut = rng.random_range(0..q.len());
            q.truncate(cut);
        }
        if q.len() > body_limit {
            continue;
        }
        let Ok(shape) = check(&q) else { continue };
        assert!(shape.nodes <= l.max_nodes, "case {case}: {shape:?}");
        assert!(
            shape.visited <= 2 * q.len() as u64 + 8,
            "case {case}: the guard visited {} selections for {} bytes",
            shape.visited,
            q.len()
        );
    }
}
