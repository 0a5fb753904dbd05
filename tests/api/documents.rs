//! Documents over real HTTP: multipart uploads (limits, sniffed types, sanitized keys, SHA-256),
//! downloads (tenant and role checked), deletes, failed writes leaving nothing behind, and tenant
//! isolation through the API and in the store — on the local filesystem here, on a real Garage S3
//! server in `documents_s3.rs`.
use crate::support::test_app::{Backend, TestApp, code, spawn_with};
use reos::auth::Role;
use reos::config::Settings;
use reos::persistence::object_store::DocumentStore;
use serde_json::{Value, json};

pub const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
pub const UPLOAD: &str = "mutation($i: UploadDocumentInput!) { uploadDocument(input: $i) { documents { id fileName contentType sizeBytes sha256 downloadUrl propertyId leaseId offerId } } }";

pub use crate::support::multipart::{File, multipart};

/// Sends `uploadDocument` with the files; returns status and body.
pub async fn upload(app: &TestApp, token: &str, input: Value, files: &[File<'_>]) -> (u16, Value) {
    upload_query(app, token, UPLOAD, input, files).await
}

/// Uploads `a.pdf` for the property; returns the document id.
pub async fn upload_pdf(app: &TestApp, token: &str, property: &str) -> String {
    let (_, body) = upload(
        app,
        token,
        json!({"propertyId": property}),
        &[("a.pdf", "application/pdf", PDF)],
    )
    .await;
    body["data"]["uploadDocument"]["documents"][0]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("upload failed: {body}"))
        .to_owned()
}

pub async fn upload_query(app: &TestApp, token: &str, query: &str, input: Value, files: &[File<'_>]) -> (u16, Value) {
    let (ctype, body) = multipart(query, input, files);
    let res = app
        .client
        .post(format!("{}/graphql", app.url))
        .bearer_auth(token)
        .header("content-type", ctype)
        .body(body)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
}

/// GET /documents/{id}: status, content type, content disposition, body.
pub async fn download(app: &TestApp, token: Option<&str>, id: &str) -> (u16, String, String, Vec<u8>) {
    let mut req = app.client.get(format!("{}/documents/{id}", app.url));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let res = req.send().await.unwrap();
    let header = |n: &str| {
        res.headers()
            .get(n)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let (status, ctype, disp) = (
        res.status().as_u16(),
        header("content-type"),
        header("content-disposition"),
    );
    (status, ctype, disp, res.bytes().await.unwrap().to_vec())
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let d = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, bytes);
    d.as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

/// The app's own store (same settings), to look at objects directly.
pub fn store(app: &TestApp) -> DocumentStore {
    DocumentStore::from_settings(&app.state.settings).unwrap()
}

pub async fn total(app: &TestApp, token: &str) -> u64 {
    let d = app.data(token, "{ documents { totalCount } }", json!({})).await;
    d["documents"]["totalCount"].as_u64().unwrap()
}

async fn spawn(backend: Backend, adjust: impl FnOnce(&mut Settings)) -> Option<TestApp> {
    spawn_with(backend, adjust).await
}

/// Runs a test on SQLite and PostgreSQL with the default (local folder) store.
macro_rules! local_both {
    ($name:ident) => {
        crate::both_backends!($name);
    };
}

async fn an_uploaded_pdf_is_sniffed_hashed_stored_and_downloadable(app: TestApp) {
    let tid = app.tenant("alpha").await;
    let op = app.token("alpha", Role::Operator);
    let pid = app.create_property(&op, "Ames").await;
    // The client claims HTML; the bytes say PDF.
    let (status, body) = upload(
        &app,
        &op,
        json!({"propertyId": pid}),
        &[("Lease 2026.pdf", "text/html", PDF)],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let doc = &body["data"]["uploadDocument"]["documents"][0];
    assert_eq!(doc["contentType"], "application/pdf", "{body}");
    assert_eq!(doc["fileName"], "Lease 2026.pdf");
    assert_eq!(doc["sizeBytes"], PDF.len());
    assert_eq!(doc["sha256"], sha256_hex(PDF));
    assert_eq!(doc["propertyId"], pid.as_str());
    let id = doc["id"].as_str().unwrap();
    assert_eq!(doc["downloadUrl"], format!("/documents/{id}"));

    let keys = store(&app).list(app.tenant_id(tid).await, None).await.unwrap();
    assert_eq!(keys, vec![format!("tenants/{tid}/documents/{id}/Lease_2026.pdf")]);
    let on_disk = app.state.settings.server.data_dir.join("objects").join(&keys[0]);
    assert_eq!(std::fs::read(on_disk).unwrap(), PDF);

    let analyst = app.token("alpha", Role::Analyst);
    let (status, ctype, disp, bytes) = download(&app, Some(&analyst), id).await;
    assert_eq!(status, 200);
    assert_eq!(ctype, "application/pdf");
    assert!(disp.starts_with("attachment; filename=\"Lease_2026.pdf\""), "{disp}");
    assert!(disp.contains("filename*=UTF-8''Lease%202026.pdf"), "{disp}");
    assert_eq!(bytes, PDF);
}
local_both!(an_uploaded_pdf_is_sniffed_hashed_stored_and_downloadable);

#[tokio::test]
async fn traversal_names_stay_inside_the_tenant_prefix() {
    let app = spawn(Backend::Sqlite, |_| {}).await.unwrap();
    let tid = app.tenant("alpha").await;
    let op = app.token("alpha", Role::Operator);
    let pid = app.create_property(&op, "Ames").await;
    let files: &[File] = &[
        ("../../../../etc/cron.d/evil.txt", "text/plain", b"not a cron job\n"),
        ("..\\..\\win.ini", "text/plain", b"[fonts]\n"),
        ("..", "text/plain", b"dots\n"),
    ];
    let (status, body) = upload(&app, &op, json!({"propertyId": pid}), files).await;
    assert_eq!(status, 200, "{body}");
    let docs = body["data"]["uploadDocument"]["documents"].as_array().unwrap();
    let names: Vec<&str> = docs.iter().map(|d| d["fileName"].as_str().unwrap()).collect();
    assert_eq!(names, ["evil.txt", "win.ini", "file"]);
    let keys = store(&app).list(app.tenant_id(tid).await, None).await.unwrap();
    assert_eq!(keys.len(), 3);
    for k in &keys {
        assert!(k.starts_with(&format!("tenants/{tid}/documents/")), "{k}");
        assert!(!k.contains(".."), "{k}");
    }
    assert!(!app.state.settings.server.data_dir.join("etc").exists());
    assert!(!std::path::Path::new("/etc/cron.d/evil.txt").exists());
}

#[tokio::test]
async fn refused_uploads_name_the_field_and_write_nothing() {
    let app = spawn(Backend::Sqlite, |s| {
        s.storage.document_max_bytes = 200;
        s.storage.document_max_files = 2;
    })
    .await
    .unwrap();
    let tid = app.tenant("alpha").await;
    let op = app.token("alpha", Role::Operator);
    let pid = app.create_property(&op, "Ames").await;
    let big = vec![b'a'; 201];
    let elf: &[u8] = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0";
    let cases: Vec<(Value, Vec<File>, &str)> = vec![
        (
            json!({"propertyId": pid}),
            vec![("big.txt", "text/plain", &big)],
            "input.files[0]",
        ),
        (
            json!({"propertyId": pid}),
            vec![("ok.pdf", "application/pdf", PDF), ("tool.pdf", "application/pdf", elf)],
            "input.files[1]",
        ),
        (
            json!({"propertyId": pid}),
            vec![("empty.txt", "text/plain", b"")],
            "input.files[0]",
        ),
        (json!({"propertyId": pid}), vec![], "input.files"),
        (
            json!({"propertyId": pid, "leaseId": pid}),
            vec![("ok.pdf", "application/pdf", PDF)],
            "input",
        ),
    ];
    for (input, files, field) in cases {
        let (status, body) = upload(&app, &op, input, &files).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(code(&body), "BAD_USER_INPUT", "{body}");
        assert_eq!(body["errors"][0]["extensions"]["field"], field, "{body}");
    }
    // More files than allowed in one request, in one field or spread over aliases.
    let three: Vec<File> = vec![
        ("a.txt", "text/plain", b"a"),
        ("b.txt", "text/plain", b"b"),
        ("c.txt", "text/plain", b"c"),
    ];
    let (_, body) = upload(&app, &op, json!({"propertyId": pid}), &three).await;
    assert_eq!(body["errors"][0]["extensions"]["field"], "input.files", "{body}");
    let twice = "mutation($i: UploadDocumentInput!) { a: uploadDocument(input: $i) { documents { id } } \
                 b: uploadDocument(input: $i) { documents { id } } }";
    let (_, body) = upload_query(&app, &op, twice, json!({"propertyId": pid}), &three[..2]).await;
    assert_eq!(body["errors"][0]["path"][0], "b", "{body}");
    assert_eq!(body["errors"][0]["extensions"]["field"], "input.files", "{body}");
    assert_eq!(total(&app, &op).await, 0);
    assert!(
        store(&app)
            .list(app.tenant_id(tid).await, None)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn another_tenants_documents_are_not_found_anywhere(app: TestApp) {
    let a = app.tenant("alpha").await;
    let b = app.tenant("beta").await;
    let (ta, tb) = (app.token("alpha", Role::Operator), app.token("beta", Role::Admin));
    let pa = app.create_property(&ta, "Ames").await;
    let id = upload_pdf(&app, &ta, &pa).await;

    let (s_foreign, _, _, foreign) = download(&app, Some(&tb), &id).await;
    let (s_missing, _, _, missing) = download(&app, Some(&tb), &uuid::Uuid::now_v7().to_string()).await;
    let (s_bad, _, _, bad) = download(&app, Some(&tb), "not-a-uuid").await;
    assert_eq!((s_foreign, s_missing, s_bad), (404, 404, 404));
    assert_eq!(foreign, missing, "another tenant's id looks exactly like a missing one");
    assert_eq!(foreign, bad);

    let (_, del) = app
        .gql(
            Some(&tb),
            "mutation($id: ID!) { deleteDocument(id: $id) { deletedId } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(code(&del), "NOT_FOUND");
    let (_, one) = app
        .gql(
            Some(&tb),
            "query($id: ID!) { document(id: $id) { id } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(code(&one), "NOT_FOUND");
    let (_, up) = upload(
        &app,
        &tb,
        json!({"propertyId": pa}),
        &[("x.pdf", "application/pdf", PDF)],
    )
    .await;
    assert_eq!(code(&up), "NOT_FOUND", "uploading onto another tenant's property");
    assert_eq!(total(&app, &tb).await, 0);

    let store = store(&app);
    let a_keys = store.list(app.tenant_id(a).await, None).await.unwrap();
    assert_eq!(a_keys.len(), 1, "B's delete attempt left A's object alone");
    assert!(store.list(app.tenant_id(b).await, None).await.unwrap().is_empty());
    // The store itself refuses a key outside the caller's prefix.
    let foreign = reos::persistence::object_store::ObjectKey::stored(app.tenant_id(b).await, &a_keys[0]);
    assert!(foreign.is_err());
    let (status, _, _, bytes) = download(&app, Some(&ta), &id).await;
    assert_eq!((status, bytes.as_slice()), (200, PDF));
}
local_both!(another_tenants_documents_are_not_found_anywhere);

#[tokio::test]
async fn downloads_need_a_token_and_the_analyst_role() {
    let app = spawn(Backend::Sqlite, |_| {}).await.unwrap();
    app.tenant("alpha").await;
    let op = app.token("alpha", Role::Operator);
    let pid = app.create_property(&op, "Ames").await;
    let id = upload_pdf(&app, &op, &pid).await;
    assert_eq!(download(&app, None, &id).await.0, 401);
    assert_eq!(download(&app, Some("garbage"), &id).await.0, 401);
    assert_eq!(
        download(&app, Some(&app.token("alpha", Role::Viewer)), &id).await.0,
        403
    );
    assert_eq!(
        download(&app, Some(&app.token("alpha", Role::Analyst)), &id).await.0,
        200
    );
    let (_, listed) = app
        .gql(
            Some(&app.token("alpha", Role::Viewer)),
            "{ documents { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(code(&listed), "FORBIDDEN");
    let analyst = app.token("alpha", Role::Analyst);
    let (_, up) = upload(
        &app,
        &analyst,
        json!({"propertyId": pid}),
        &[("b.pdf", "application/pdf", PDF)],
    )
    .await;
    assert_eq!(code(&up), "FORBIDDEN", "uploading requires operator");
}

async fn delete_removes_the_row_and_the_object(app: TestApp) {
    let tid = app.tenant("alpha").await;
    let op = app.token("alpha", Role::Operator);
    let pid = app.create_property(&op, "Ames").await;
    let id = upload_pdf(&app, &op, &pid).await;
    assert_eq!(store(&app).list(app.tenant_id(tid).await, None).await.unwrap().len(), 1);
    let d = app
        .data(
            &op,
            "mutation($id: ID!) { deleteDocument(id: $id) { deletedId } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(d["deleteDocument"]["deletedId"], id.as_str());
    assert_eq!(total(&app, &op).await, 0);
    assert!(
        store(&app)
            .list(app.tenant_id(tid).await, None)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(download(&app, Some(&op), &id).await.0, 404);
}
local_both!(delete_removes_the_row_and_the_object);

#[tokio::test]
async fn a_failed_object_write_leaves_no_row() {
    let app = spawn(Backend::Sqlite, |_| {}).await.unwrap();
    let tid = app.tenant("alpha").await;
    let op = app.token("alpha", Role::Operator);
    let pid = app.create_property(&op, "Ames").await;
    // A plain file where the tenant's folder would go: every write under it fails (even as root,
    // where permission bits would not stop it).
    let objects = app.state.settings.server.data_dir.join("objects").join("tenants");
    std::fs::create_dir_all(&objects).unwrap();
    std::fs::write(objects.join(tid.to_string()), b"in the way").unwrap();
    let (_, body) = upload(
        &app,
        &op,
        json!({"propertyId": pid}),
        &[("a.pdf", "application/pdf", PDF)],
    )
    .await;
    assert_eq!(code(&body), "INTERNAL_SERVER_ERROR", "{body}");
    assert!(body["errors"][0]["extensions"]["requestId"].is_string());
    assert_eq!(total(&app, &op).await, 0);
}

/// Makes the database refuse a documents row named `refused.pdf`, as a constraint would.
async fn refuse_rows_named_refused(app: &TestApp) {
    use sea_orm::ConnectionTrait;
    let owner = &app.db().owner;
    let sql = match owner.get_database_backend() {
        sea_orm::DbBackend::Postgres => {
            "CREATE FUNCTION refuse_test_row() RETURNS trigger LANGUAGE plpgsql AS $$
               BEGIN IF NEW.file_name = 'refused.pdf' THEN RAISE EXCEPTION 'refused by the test'; END IF;
               RETURN NEW; END $$;
             CREATE TRIGGER refuse_test_row BEFORE INSERT ON documents FOR EACH ROW EXECUTE FUNCTION refuse_test_row();"
        }
        _ => {
            "CREATE TRIGGER refuse_test_row BEFORE INSERT ON documents WHEN NEW.file_name = 'refused.pdf'
             BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;"
        }
    };
    owner.execute_unprepared(sql).await.unwrap();
}

async fn a_failed_row_insert_removes_the_object(app: TestApp) {
    let tid = app.tenant("alpha").await;
    let op = app.token("alpha", Role::Operator);
    let pid = app.create_property(&op, "Ames").await;
    refuse_rows_named_refused(&app).await;
    let files: &[File] = &[
        ("fine.pdf", "application/pdf", PDF),
        ("refused.pdf", "application/pdf", PDF),
    ];
    let (_, body) = upload(&app, &op, json!({"propertyId": pid}), files).await;
    assert_eq!(code(&body), "INTERNAL_SERVER_ERROR", "{body}");
    assert_eq!(total(&app, &op).await, 0);
    // The refused file's object is deleted at once, the first file's when the request rolls back.
    assert!(
        store(&app)
            .list(app.tenant_id(tid).await, None)
            .await
            .unwrap()
            .is_empty()
    );
}
local_both!(a_failed_row_insert_removes_the_object);

async fn a_later_error_in_the_request_removes_uploaded_objects(app: TestApp) {
    let tid = app.tenant("alpha").await;
    let op = app.token("alpha", Role::Operator);
    let pid = app.create_property(&op, "Ames").await;
    let q = format!(
        "mutation($i: UploadDocumentInput!) {{ up: uploadDocument(input: $i) {{ documents {{ id }} }} \
         gone: deleteDocument(id: \"{}\") {{ deletedId }} }}",
        uuid::Uuid::now_v7()
    );
    let (_, body) = upload_query(
        &app,
        &op,
        &q,
        json!({"propertyId": pid}),
        &[("a.pdf", "application/pdf", PDF)],
    )
    .await;
    assert_eq!(code(&body), "NOT_FOUND", "{body}");
    assert_eq!(total(&app, &op).await, 0);
    assert!(
        store(&app)
            .list(app.tenant_id(tid).await, None)
            .await
            .unwrap()
            .is_empty()
    );
}
local_both!(a_later_error_in_the_request_removes_uploaded_objects);

async fn documents_attach_to_leases_and_offers(app: TestApp) {
    app.tenant("alpha").await;
    let op = app.token("alpha", Role::Operator);
    let pid = app.create_property(&op, "Ames").await;
    let offer = app
        .data(
            &op,
            "mutation($i: CreateOfferInput!) { createOffer(input: $i) { offer { id status bidder amount } } }",
            json!({"i": {"propertyId": pid, "bidder": "Cyclone Capital", "amount": 245000.0}}),
        )
        .await;
    let offer_id = offer["createOffer"]["offer"]["id"].as_str().unwrap().to_owned();
    assert_eq!(offer["createOffer"]["offer"]["status"], "SUBMITTED");
    let lease = app
        .data(
            &op,
            "mutation($i: CreateLeaseInput!) { createLease(input: $i) { lease { id } } }",
            json!({"i": {"propertyId": pid, "vacant": true, "areaSf": 1000.0, "mla": "office"}}),
        )
        .await;
    let lease_id = lease["createLease"]["lease"]["id"].as_str().unwrap().to_owned();

    let (_, o) = upload(
        &app,
        &op,
        json!({"offerId": offer_id}),
        &[("loi.pdf", "application/pdf", PDF)],
    )
    .await;
    let od = &o["data"]["uploadDocument"]["documents"][0];
    assert_eq!(
        (od["offerId"].as_str(), od["propertyId"].as_str()),
        (Some(offer_id.as_str()), Some(pid.as_str())),
        "{o}"
    );
    let (_, l) = upload(
        &app,
        &op,
        json!({"leaseId": lease_id}),
        &[("lease.pdf", "application/pdf", PDF)],
    )
    .await;
    assert_eq!(
        l["data"]["uploadDocument"]["documents"][0]["leaseId"],
        lease_id.as_str(),
        "{l}"
    );

    let d = app
        .data(
            &op,
            "query($id: ID!, $o: ID) { property(id: $id) { documents { fileName } offers { bidder documents { fileName } } }
               documents(offerId: $o) { totalCount } }",
            json!({"id": pid, "o": offer_id}),
        )
        .await;
    assert_eq!(d["property"]["documents"].as_array().unwrap().len(), 2, "{d}");
    assert_eq!(d["property"]["offers"][0]["documents"][0]["fileName"], "loi.pdf");
    assert_eq!(d["documents"]["totalCount"], 1);

    let (_, bad) = app
        .gql(
            Some(&op),
            "mutation($i: CreateOfferInput!) { createOffer(input: $i) { offer { id } } }",
            json!({"i": {"propertyId": pid, "bidder": "X", "amount": -1.0}}),
        )
        .await;
    assert_eq!(bad["errors"][0]["extensions"]["field"], "input.amount");
}
local_both!(documents_attach_to_leases_and_offers);

async fn deleting_a_lease_or_property_deletes_its_documents_objects(app: TestApp) {
    let tid = app.tenant("alpha").await;
    let op = app.token("alpha", Role::Operator);
    let pid = app.create_property(&op, "Ames").await;
    let lease = app
        .data(
            &op,
            "mutation($i: CreateLeaseInput!) { createLease(input: $i) { lease { id } } }",
            json!({"i": {"propertyId": pid, "vacant": true, "areaSf": 800.0, "mla": "office"}}),
        )
        .await;
    let lease_id = lease["createLease"]["lease"]["id"].as_str().unwrap().to_owned();
    upload(
        &app,
        &op,
        json!({"propertyId": pid}),
        &[("deed.pdf", "application/pdf", PDF)],
    )
    .await;
    upload(
        &app,
        &op,
        json!({"leaseId": lease_id}),
        &[("lease.pdf", "application/pdf", PDF)],
    )
    .await;
    let store = store(&app);
    assert_eq!(store.list(app.tenant_id(tid).await, None).await.unwrap().len(), 2);

    app.data(
        &op,
        "mutation($id: ID!) { deleteLease(id: $id) { deletedId } }",
        json!({"id": lease_id}),
    )
    .await;
    let left = store.list(app.tenant_id(tid).await, None).await.unwrap();
    assert_eq!(left.len(), 1, "{left:?}");
    assert!(left[0].ends_with("/deed.pdf"));
    assert_eq!(total(&app, &op).await, 1);

    app.data(
        &op,
        "mutation($id: ID!) { deleteProperty(id: $id) { deletedId } }",
        json!({"id": pid}),
    )
    .await;
    assert!(store.list(app.tenant_id(tid).await, None).await.unwrap().is_empty());
    assert_eq!(total(&app, &op).await, 0);
}
local_both!(deleting_a_lease_or_property_deletes_its_documents_objects);
