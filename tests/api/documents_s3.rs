//! Documents on a real S3-compatible server: Garage on loopback (`ops/garage/start.sh`, which
//! `.ci/run` runs). Reads `REOS_TEST_S3_*`, else uses the script's defaults when something listens
//! on 127.0.0.1:13900. Absent: SKIPPED locally, a failure when `REOS_CI=1`.
use super::documents::{PDF, download, sha256_hex, store, total, upload, upload_pdf};
use crate::support::test_app::{Backend, TestApp, code, spawn_with};
use reos::auth::Role;
use reos::persistence::object_store::{DocumentStore, ObjectKey};
use secrecy::SecretString;
use serde_json::json;

struct Garage {
    endpoint: String,
    bucket: String,
    key_id: String,
    secret: String,
    region: String,
}

fn garage() -> Option<Garage> {
    let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    let found = match var("REOS_TEST_S3_ENDPOINT") {
        Some(endpoint) => Some(Garage {
            endpoint,
            bucket: var("REOS_TEST_S3_BUCKET").unwrap_or_else(|| "reos-test".into()),
            key_id: var("REOS_TEST_S3_ACCESS_KEY_ID").expect("REOS_TEST_S3_ACCESS_KEY_ID"),
            secret: var("REOS_TEST_S3_SECRET_ACCESS_KEY").expect("REOS_TEST_S3_SECRET_ACCESS_KEY"),
            region: var("REOS_TEST_S3_REGION").unwrap_or_else(|| "us-east-1".into()),
        }),
        // The defaults of ops/garage/start.sh.
        None if std::net::TcpStream::connect("127.0.0.1:13900").is_ok() => Some(Garage {
            endpoint: "http://127.0.0.1:13900".into(),
            bucket: "reos-test".into(),
            key_id: "GKreostest0000000000000001".into(),
            secret: "reos-test-secret-0000000000000000000000000000000000000000000001".into(),
            region: "us-east-1".into(),
        }),
        None => None,
    };
    if found.is_none() {
        crate::support::skip::missing(
            "no S3 server: no Garage on 127.0.0.1:13900 (run ops/garage/start.sh) and REOS_TEST_S3_ENDPOINT unset",
        );
    }
    found
}

async fn spawn_s3(backend: Backend) -> Option<TestApp> {
    let g = garage()?;
    spawn_with(backend, |s| {
        s.storage.url = Some(format!("s3://{}", g.bucket));
        s.storage.endpoint = Some(g.endpoint.clone());
        s.storage.region = g.region.clone();
        s.storage.access_key_id = Some(g.key_id.clone());
        s.storage.secret_access_key = Some(SecretString::from(g.secret.clone()));
        s.storage.allow_http = true;
        s.storage.document_url_expiry_seconds = 60;
    })
    .await
}

macro_rules! s3_both {
    ($name:ident) => {
        mod $name {
            #[tokio::test]
            async fn on_sqlite() {
                if let Some(app) = super::spawn_s3(crate::support::test_app::Backend::Sqlite).await {
                    super::$name(app).await;
                }
            }
            #[tokio::test]
            async fn on_postgres() {
                if crate::support::test_app::pg_admin_url().is_none() {
                    return;
                }
                if let Some(app) = super::spawn_s3(crate::support::test_app::Backend::Postgres).await {
                    super::$name(app).await;
                }
            }
        }
    };
}

async fn s3_documents_round_trip_with_presigned_urls(app: TestApp) {
    let tid = app.tenant("alpha").await;
    let op = app.token("alpha", Role::Operator);
    let pid = app.create_property(&op, "Ames").await;
    let (status, body) = upload(
        &app,
        &op,
        json!({"propertyId": pid}),
        &[("Offer memo.pdf", "text/plain", PDF)],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let doc = &body["data"]["uploadDocument"]["documents"][0];
    assert_eq!(doc["contentType"], "application/pdf", "{body}");
    assert_eq!(doc["sha256"], sha256_hex(PDF));
    let id = doc["id"].as_str().unwrap().to_owned();
    let url = doc["downloadUrl"].as_str().unwrap();
    assert!(url.starts_with("http://127.0.0.1:13900/"), "{url}");
    assert!(
        url.contains(&format!("tenants/{tid}/documents/{id}/Offer_memo.pdf")),
        "{url}"
    );
    assert!(
        url.contains("X-Amz-Signature=") && url.contains("X-Amz-Expires=60"),
        "{url}"
    );

    // The presigned URL works without our token and carries the stored type and disposition.
    let res = reqwest::get(url).await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let disp = res.headers()["content-disposition"].to_str().unwrap().to_owned();
    assert!(disp.starts_with("attachment; filename=\"Offer_memo.pdf\""), "{disp}");
    assert_eq!(res.bytes().await.unwrap().as_ref(), PDF);
    // A tampered signature (same length, one hex digit changed) is refused by the server.
    let at = url.find("X-Amz-Signature=").unwrap() + "X-Amz-Signature=".len();
    let flipped = if &url[at..at + 1] == "0" { "1" } else { "0" };
    let tampered = format!("{}{flipped}{}", &url[..at], &url[at + 1..]);
    let status = reqwest::get(&tampered).await.unwrap().status();
    assert!(status == 403 || status == 400, "tampered URL answered {status}");
    // The authenticated endpoint streams from S3 as well.
    let (status, ctype, _, bytes) = download(&app, Some(&op), &id).await;
    assert_eq!(
        (status, ctype.as_str(), bytes.as_slice()),
        (200, "application/pdf", PDF)
    );

    app.data(
        &op,
        "mutation($id: ID!) { deleteDocument(id: $id) { deletedId } }",
        json!({"id": id}),
    )
    .await;
    assert_eq!(total(&app, &op).await, 0);
    assert!(
        store(&app)
            .list(app.tenant_id(tid).await, None)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(reqwest::get(url).await.unwrap().status(), 404, "the object is gone");
}
s3_both!(s3_documents_round_trip_with_presigned_urls);

async fn s3_tenants_never_see_each_others_objects(app: TestApp) {
    let a = app.tenant("alpha").await;
    let b = app.tenant("beta").await;
    let (ta, tb) = (app.token("alpha", Role::Operator), app.token("beta", Role::Operator));
    let pa = app.create_property(&ta, "Ames").await;
    let pb = app.create_property(&tb, "Boone").await;
    let ida = upload_pdf(&app, &ta, &pa).await;
    let (_, ub) = upload(
        &app,
        &tb,
        json!({"propertyId": pb}),
        &[("b.txt", "text/plain", b"beta only\n")],
    )
    .await;
    assert!(ub.get("errors").is_none(), "{ub}");

    let store: DocumentStore = store(&app);
    let (ka, kb) = (
        store.list(app.tenant_id(a).await, None).await.unwrap(),
        store.list(app.tenant_id(b).await, None).await.unwrap(),
    );
    assert_eq!((ka.len(), kb.len()), (1, 1));
    assert!(ka[0].starts_with(&format!("tenants/{a}/")) && kb[0].starts_with(&format!("tenants/{b}/")));
    // Through the store: B's tenant cannot name A's key for a read, a write or a delete.
    assert!(ObjectKey::stored(app.tenant_id(b).await, &ka[0]).is_err());
    let a_key = ObjectKey::stored(app.tenant_id(a).await, &ka[0]).unwrap();
    assert!(store.get(app.tenant_id(b).await, &a_key).await.is_err());
    assert!(store.delete(app.tenant_id(b).await, &a_key).await.is_err());
    let overwrite = store
        .put(
            app.tenant_id(b).await,
            &a_key,
            bytes::Bytes::from_static(b"x"),
            "text/plain",
            "attachment",
        )
        .await;
    assert!(overwrite.is_err());
    // Through the API: the same 404 / NOT_FOUND as for a missing document.
    assert_eq!(download(&app, Some(&tb), &ida).await.0, 404);
    let (_, del) = app
        .gql(
            Some(&tb),
            "mutation($id: ID!) { deleteDocument(id: $id) { deletedId } }",
            json!({"id": ida}),
        )
        .await;
    assert_eq!(code(&del), "NOT_FOUND");
    let (status, _, _, bytes) = download(&app, Some(&ta), &ida).await;
    assert_eq!((status, bytes.as_slice()), (200, PDF), "A's object is untouched");
}
s3_both!(s3_tenants_never_see_each_others_objects);

#[tokio::test]
async fn s3_a_failed_row_insert_removes_the_object() {
    let Some(app) = spawn_s3(Backend::Sqlite).await else {
        return;
    };
    let tid = app.tenant("alpha").await;
    let op = app.token("alpha", Role::Operator);
    let pid = app.create_property(&op, "Ames").await;
    use sea_orm::ConnectionTrait;
    app.db()
        .owner
        .execute_unprepared(
            "CREATE TRIGGER refuse_s3 BEFORE INSERT ON documents WHEN NEW.file_name = 'refused.pdf'
             BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;",
        )
        .await
        .unwrap();
    let (_, body) = upload(
        &app,
        &op,
        json!({"propertyId": pid}),
        &[("refused.pdf", "application/pdf", PDF)],
    )
    .await;
    assert_eq!(code(&body), "INTERNAL_SERVER_ERROR", "{body}");
    assert!(
        store(&app)
            .list(app.tenant_id(tid).await, None)
            .await
            .unwrap()
            .is_empty()
    );
}
