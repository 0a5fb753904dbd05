//! Unit tests of `graphql::persisted` on the in-process store (Redis is tested over HTTP in
//! tests/api/persisted_queries.rs).
use super::*;
use crate::config::Settings;

const QUERY: &str = "{ me { tenant } }";

fn store(adjust: impl FnOnce(&mut Settings)) -> PersistedQueryStore {
    let mut s = Settings::default();
    adjust(&mut s);
    PersistedQueryStore::from_settings(&s).unwrap()
}

fn with_hash(query: &str, hash: &str) -> Request {
    let mut r = Request::new(query);
    let ext = serde_json::json!({ "version": 1, "sha256Hash": hash });
    r.extensions
        .insert("persistedQuery".into(), Value::from_json(ext).unwrap());
    r
}

fn code(e: &ServerError) -> String {
    e.extensions
        .as_ref()
        .and_then(|x| x.get("code"))
        .map(ToString::to_string)
        .unwrap_or_default()
}

fn manifest(dir: &tempfile::TempDir, body: &serde_json::Value) -> std::path::PathBuf {
    let path = dir.path().join("pq.json");
    std::fs::write(&path, body.to_string()).unwrap();
    path
}

#[test]
fn the_hash_is_apollos_lower_case_hex_sha256() {
    // sha256("") and sha256("abc"), FIPS 180-2 test vectors.
    assert_eq!(
        sha256_hex(""),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
    assert_eq!(
        sha256_hex("abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}

#[tokio::test]
async fn a_hash_alone_is_unknown_until_sent_once_with_its_text() {
    let pq = store(|_| {});
    let hash = sha256_hex(QUERY);
    let err = pq.resolve(&mut with_hash("", &hash)).await.unwrap_err();
    assert_eq!(err.message, "PersistedQueryNotFound");
    assert_eq!(code(&err), format!("\"{NOT_FOUND}\""));

    let mut first = with_hash(QUERY, &hash);
    let registration = pq.resolve(&mut first).await.unwrap().expect("a text to keep");
    assert!(first.extensions.is_empty(), "the extension is taken out");
    pq.register(registration).await;

    let mut again = with_hash("", &hash);
    assert_eq!(pq.resolve(&mut again).await.unwrap(), None);
    assert_eq!(again.query, QUERY);
}

#[tokio::test]
async fn a_text_that_is_not_its_hash_is_refused_and_not_kept() {
    let pq = store(|_| {});
    let wrong = sha256_hex("{ something { else } }");
    let err = pq.resolve(&mut with_hash(QUERY, &wrong)).await.unwrap_err();
    assert_eq!(code(&err), format!("\"{HASH_MISMATCH}\""));
    assert!(err.message.contains("sha256Hash"), "{}", err.message);
    assert!(pq.resolve(&mut with_hash("", &wrong)).await.is_err());
}

#[tokio::test]
async fn malformed_extensions_name_the_member() {
    let pq = store(|_| {});
    for (ext, want, member) in [
        (serde_json::json!("abc"), INVALID, "persistedQuery"),
        (
            serde_json::json!({"version": 2, "sha256Hash": sha256_hex(QUERY)}),
            NOT_SUPPORTED,
            "version",
        ),
        (serde_json::json!({"sha256Hash": sha256_hex(QUERY)}), INVALID, "version"),
        (
            serde_json::json!({"version": 1, "sha256Hash": "ABC"}),
            INVALID,
            "sha256Hash",
        ),
        (
            serde_json::json!({"version": 1, "sha256Hash": sha256_hex(QUERY).to_uppercase()}),
            INVALID,
            "sha256Hash",
        ),
    ] {
        let mut r = Request::new(QUERY);
        r.extensions
            .insert("persistedQuery".into(), Value::from_json(ext.clone()).unwrap());
        let err = pq.resolve(&mut r).await.unwrap_err();
        assert_eq!(code(&err), format!("\"{want}\""), "{ext}");
        assert!(err.message.contains(member), "{ext}: {}", err.message);
    }
}

#[tokio::test]
async fn requests_without_the_extension_pass_untouched_in_every_mode_but_only() {
    for mode in [PersistedQueries::Automatic, PersistedQueries::Off] {
        let pq = store(|s| s.graphql.persisted_queries = mode);
        let mut r = Request::new(QUERY);
        assert_eq!(pq.resolve(&mut r).await.unwrap(), None);
        assert_eq!(r.query, QUERY);
    }
    let pq = store(|s| s.graphql.persisted_queries = PersistedQueries::Off);
    let err = pq.resolve(&mut with_hash(QUERY, &sha256_hex(QUERY))).await.unwrap_err();
    assert_eq!(code(&err), format!("\"{NOT_SUPPORTED}\""));
}

#[tokio::test]
async fn only_mode_runs_the_manifest_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let body = serde_json::json!({
        "format": "apollo-persisted-query-manifest",
        "version": 1,
        "operations": [{ "id": sha256_hex(QUERY), "name": "Me", "type": "query", "body": QUERY }]
    });
    let path = manifest(&dir, &body);
    let pq = store(|s| {
        s.graphql.persisted_queries = PersistedQueries::Only;
        s.graphql.persisted_queries_manifest = Some(path);
    });
    let mut by_hash = with_hash("", &sha256_hex(QUERY));
    pq.resolve(&mut by_hash).await.unwrap();
    assert_eq!(by_hash.query, QUERY);
    let mut by_text = Request::new(QUERY);
    pq.resolve(&mut by_text).await.unwrap();
    for mut other in [
        Request::new("{ properties { totalCount } }"),
        with_hash(
            "{ properties { totalCount } }",
            &sha256_hex("{ properties { totalCount } }"),
        ),
    ] {
        let err = pq.resolve(&mut other).await.unwrap_err();
        assert_eq!(code(&err), format!("\"{NOT_IN_LIST}\""));
    }
    let err = pq
        .resolve(&mut with_hash("{ other }", &sha256_hex(QUERY)))
        .await
        .unwrap_err();
    assert_eq!(code(&err), format!("\"{HASH_MISMATCH}\""));
}

#[test]
fn a_manifest_entry_that_is_not_its_texts_hash_stops_startup_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let wrong = sha256_hex("{ x }");
    let path = manifest(&dir, &serde_json::json!({ wrong.clone(): QUERY }));
    let mut s = Settings::default();
    s.graphql.persisted_queries_manifest = Some(path);
    let err = PersistedQueryStore::from_settings(&s).err().unwrap().to_string();
    assert!(
        err.contains("persisted_queries_manifest") && err.contains(&wrong),
        "{err}"
    );
}

#[tokio::test]
async fn the_plain_manifest_form_is_known_from_the_start() {
    let dir = tempfile::tempdir().unwrap();
    let path = manifest(&dir, &serde_json::json!({ sha256_hex(QUERY): QUERY }));
    let pq = store(|s| s.graphql.persisted_queries_manifest = Some(path));
    let mut r = with_hash("", &sha256_hex(QUERY));
    pq.resolve(&mut r).await.unwrap();
    assert_eq!(r.query, QUERY);
}

#[tokio::test]
async fn the_in_process_store_is_a_memory_budget() {
    let pq = store(|s| s.graphql.persisted_queries_max_mb = 1);
    // 200 texts of 30 KiB: six times the budget.
    let padding = "#".repeat(30 * 1024);
    for i in 0..200 {
        let text = format!("{{ me {{ tenant }} }} {padding} {i}\n");
        let reg = pq
            .resolve(&mut with_hash(&text, &sha256_hex(&text)))
            .await
            .unwrap()
            .unwrap();
        pq.register(reg).await;
    }
    let Store::Memory(cache) = &pq.store else {
        panic!("memory store")
    };
    assert!(cache.weight() <= 1024 * 1024, "{} bytes kept", cache.weight());
    assert!(cache.len() >= 10, "the budget is used: {} texts", cache.len());
}
