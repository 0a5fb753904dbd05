//! Unit tests of `graphql::input_limits`.
use super::*;

// The text rule itself (lengths, characters) is tested in `domain::text`.

#[test]
fn overrides_apply_by_key_and_non_text_types_are_skipped() {
    assert_eq!(limit_of("ImportSalesInput.csv", "String"), Some(FILE_TEXT));
    assert_eq!(limit_of("CreateOwnerInput.name", "String"), Some(DEFAULT));
    assert_eq!(limit_of("QueryRoot.property(id)", "ID"), Some(ID));
    assert_eq!(limit_of("UploadDocumentInput.files", "Upload"), None);
}

/// Every override names an input field or argument of the schema (a renamed field would
/// otherwise silently fall back to the default).
#[test]
fn every_override_names_a_real_input() {
    use async_graphql::parser::types::{TypeKind, TypeSystemDefinition};
    let doc = async_graphql::parser::parse_schema(crate::graphql::sdl()).unwrap();
    let mut inputs = HashSet::new();
    for def in &doc.definitions {
        let TypeSystemDefinition::Type(t) = def else { continue };
        let ty = t.node.name.node.as_str();
        match &t.node.kind {
            TypeKind::InputObject(o) => {
                for f in &o.fields {
                    inputs.insert(format!("{ty}.{}", f.node.name.node));
                }
            }
            TypeKind::Object(o) => {
                for f in &o.fields {
                    for a in &f.node.arguments {
                        inputs.insert(format!("{ty}.{}({})", f.node.name.node, a.node.name.node));
                    }
                }
            }
            _ => {}
        }
    }
    for (key, _) in OVERRIDES {
        assert!(inputs.contains(*key), "{key} is not an input of the schema");
    }
}

#[test]
fn variables_and_literals_are_named_by_their_input_path() {
    use async_graphql::{EmptySubscription, InputObject, Object, Schema};
    #[derive(InputObject)]
    struct Inner {
        name: String,
        tags: Option<Vec<String>>,
    }
    #[derive(InputObject)]
    struct Outer {
        inner: Inner,
    }
    struct Q;
    #[Object]
    impl Q {
        async fn echo(&self, input: Outer, #[graphql(default = 1)] n: i32) -> String {
            format!("{}{n}", input.inner.name)
        }
    }
    let schema = Schema::build(Q, async_graphql::EmptyMutation, EmptySubscription)
        .extension(InputLimits)
        .finish();
    let run = |query: &str, vars: serde_json::Value| {
        let req = async_graphql::Request::new(query).variables(Variables::from_json(vars));
        let res = futures_executor_block_on(schema.execute(req));
        res.errors
            .first()
            .and_then(|e| e.extensions.as_ref())
            .and_then(|x| x.get("field").cloned())
    };
    let q = "query($i: Outer!) { echo(input: $i) }";
    let long = "x".repeat(301);
    assert_eq!(
        run(q, serde_json::json!({"i": {"inner": {"name": long}}})),
        Some(Value::from("input.inner.name"))
    );
    assert_eq!(
        run(
            q,
            serde_json::json!({"i": {"inner": {"name": "ok", "tags": ["a", "b\u{0}"]}}})
        ),
        Some(Value::from("input.inner.tags[1]"))
    );
    assert_eq!(
        run("{ echo(input: {inner: {name: \"a\\u0000\"}}) }", serde_json::json!({})),
        Some(Value::from("input.inner.name"))
    );
    assert_eq!(
        run(
            "query($n: String = \"\\u0007\") { ...F } fragment F on Q { echo(input: {inner: {name: $n}}) }",
            serde_json::json!({})
        ),
        Some(Value::from("input.inner.name"))
    );
    assert_eq!(run(q, serde_json::json!({"i": {"inner": {"name": "fine\n"}}})), None);
}

fn futures_executor_block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime")
        .block_on(f)
}
