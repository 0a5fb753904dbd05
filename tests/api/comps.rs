//! Comp-Critic over HTTP: a sales file uploaded as GraphQL multipart imports like the text. The
//! rest of Comp-Critic's resolvers are tested through `schema.execute()` in tests/resolvers/comps.rs.
use crate::both_backends;
use crate::support::test_app::TestApp;
use serde_json::Value;

/// The header and the first `n` rows of the Ames sales shipped in `data/`. Always `Some`: the file
/// is part of the repository, so a missing file fails the test instead of skipping it.
fn ames_head(n: usize) -> Option<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/ames-sales.csv");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (the repository ships this file)", path.display()));
    Some(text.lines().take(n + 1).collect::<Vec<_>>().join("\n") + "\n")
}

/// The GraphQL multipart request spec: `operations`, `map`, then the file part.
fn multipart(query: &str, csv: &str) -> (String, Vec<u8>) {
    let boundary = "reos-test-boundary";
    let operations = serde_json::json!({"query": query, "variables": {"f": null}}).to_string();
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n{operations}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"map\"\r\n\r\n{{\"0\": [\"variables.f\"]}}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"0\"; filename=\"sales.csv\"\r\nContent-Type: text/csv\r\n\r\n{csv}\r\n\
         --{boundary}--\r\n"
    );
    (format!("multipart/form-data; boundary={boundary}"), body.into_bytes())
}

async fn an_uploaded_file_imports_like_the_text(app: TestApp) {
    let Some(csv) = ames_head(40) else { return };
    app.tenant("alpha").await;
    let t = app.token("alpha", reos::auth::Role::Operator);
    let q = "mutation($f: Upload) { importSales(input: {file: $f}) { rows inserted unchanged } }";
    let (content_type, body) = multipart(q, &csv);
    let res = app
        .client
        .post(format!("{}/graphql", app.url))
        .bearer_auth(&t)
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let v: Value = res.json().await.unwrap();
    assert!(v.get("errors").is_none(), "{v}");
    assert_eq!(v["data"]["importSales"]["rows"], 40);
    assert_eq!(v["data"]["importSales"]["inserted"], 40);
    let (_, both) = app
        .gql(
            Some(&t),
            "mutation($c: String) { importSales(input: {csv: $c, file: null}) { rows } }",
            serde_json::json!({}),
        )
        .await;
    assert_eq!(
        both["errors"][0]["extensions"]["field"], "input",
        "neither csv nor file is refused"
    );
}
both_backends!(an_uploaded_file_imports_like_the_text);
