//! Lease abstraction over real HTTP (docs/lease.md): a lease PDF uploaded, read into a draft
//! abstract with cited fields, read by an analyst (who may not confirm), confirmed with an edit into
//! a lease with per-field provenance pointing at the document, and valued by `propertyDcf`; a
//! second confirmation, a scan, an unknown field and a missing term are refused and write nothing.
use super::documents::upload;
use crate::support::test_app::{TestApp, code};
use reos::auth::Role;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};

const EXTRACT: &str = "mutation($i: ExtractLeaseInput!) { extractLease(input: $i) { leaseAbstract {
    id status kind documentId propertyId fields { name value confidence edited citation { page start end text } }
    rentSchedule { start end monthly annual psfAnnual } } } }";
const CONFIRM: &str = "mutation($i: ConfirmLeaseAbstractInput!) { confirmLeaseAbstract(input: $i) {
    merged lease { id tenantName suite areaSf start end rentPsf escalationPct recovery }
    leaseAbstract { status leaseId confirmedBy fields { name value edited } } } }";

/// Uploads the corpus file at `path` (relative to the repository) to `property` and extracts it;
/// returns the abstract's id.
pub async fn extracted(app: &TestApp, token: &str, property: &str, path: &str) -> String {
    let d = extract(app, token, property, path).await;
    d["data"]["extractLease"]["leaseAbstract"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{d}"))
        .to_owned()
}

async fn extract(app: &TestApp, token: &str, property: &str, path: &str) -> Value {
    let bytes = std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
    let name = path.rsplit('/').next().unwrap();
    let (_, body) = upload(
        app,
        token,
        json!({"propertyId": property}),
        &[(name, "application/octet-stream", &bytes)],
    )
    .await;
    let doc = body["data"]["uploadDocument"]["documents"][0]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{body}"))
        .to_owned();
    app.gql(Some(token), EXTRACT, json!({"i": {"documentId": doc}})).await.1
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    let row = app
        .db()
        .owner
        .query_one_raw(Statement::from_string(app.db().owner.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap();
    row.try_get_by_index::<i64>(0).unwrap()
}

fn field<'a>(fields: &'a Value, name: &str) -> &'a Value {
    fields
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == name)
        .unwrap_or_else(|| panic!("no {name}"))
}

async fn a_lease_pdf_goes_from_upload_to_a_confirmed_lease_and_a_dcf(app: TestApp) {
    app.tenant("alpha").await;
    let op = app.token("alpha", Role::Operator);
    let analyst = app.token("alpha", Role::Analyst);
    let office = super::subscriptions::office(&app, &op).await;
    // Room for the lease being abstracted (29,700 sf) beside the one the office has.
    app.data(
        &op,
        "mutation($i: UpdatePropertyInput!) { updateProperty(input: $i) { property { id } } }",
        json!({"i": {"id": office, "buildingAreaSf": 60000.0}}),
    )
    .await;
    let dcf = "query($p: ID!) { propertyDcf(propertyId: $p) { dcfValue } }";
    let before = app.data(&op, dcf, json!({"p": office})).await["propertyDcf"]["dcfValue"]
        .as_f64()
        .unwrap();

    let d = extract(&app, &op, &office, "golden/lease/corpus/125-office-narrative.pdf").await;
    let a = &d["data"]["extractLease"]["leaseAbstract"];
    assert_eq!(a["status"], "DRAFT", "{d}");
    assert_eq!(a["kind"], "COMMERCIAL");
    assert_eq!(a["propertyId"], office.as_str());
    let fields = &a["fields"];
    assert_eq!(fields.as_array().unwrap().len(), 20);
    assert_eq!(field(fields, "suite")["value"], "300");
    assert_eq!(field(fields, "area_sf")["value"], 29700.0);
    assert_eq!(field(fields, "commencement")["value"], "2023-08-01");
    assert_eq!(field(fields, "escalation_pct")["value"], 0.02);
    assert_eq!(field(fields, "recovery")["value"], "nnn");
    let cited = &field(fields, "area_sf")["citation"];
    assert_eq!(cited["page"], 1);
    assert!(cited["text"].as_str().unwrap().contains("29,700"), "{cited}");
    assert!(field(fields, "late_fee")["value"].is_null());
    assert!(a["rentSchedule"].as_array().unwrap().len() >= 5);
    let id = a["id"].as_str().unwrap().to_owned();

    // An analyst reads it but may not confirm it.
    let read = app
        .data(
            &analyst,
            "query($a: ID!) { leaseAbstract(id: $a) { id status } }",
            json!({"a": id}),
        )
        .await;
    assert_eq!(read["leaseAbstract"]["status"], "DRAFT");
    let listed = app
        .data(
            &analyst,
            "query($p: ID!) { leaseAbstracts(propertyId: $p) { id } }",
            json!({"p": office}),
        )
        .await;
    assert_eq!(listed["leaseAbstracts"][0]["id"], id.as_str());
    let (_, refused) = app.gql(Some(&analyst), CONFIRM, json!({"i": {"id": id}})).await;
    assert_eq!(code(&refused), "FORBIDDEN", "{refused}");

    // A bad edit names the edit and writes nothing.
    let leases = count(&app, "SELECT count(*) FROM leases").await;
    let (_, bad) = app
        .gql(
            Some(&op),
            CONFIRM,
            json!({"i": {"id": id, "edits": [{"field": "rent", "value": 1}]}}),
        )
        .await;
    assert_eq!(code(&bad), "BAD_USER_INPUT", "{bad}");
    assert_eq!(bad["errors"][0]["extensions"]["field"], "input.edits[0].field", "{bad}");
    assert_eq!(count(&app, "SELECT count(*) FROM leases").await, leases);

    // Confirmed with the analyst's spelling of the tenant.
    let edits = json!([{"field": "tenant", "value": "Brightline Software Corp."}]);
    let done = app.data(&op, CONFIRM, json!({"i": {"id": id, "edits": edits}})).await;
    let c = &done["confirmLeaseAbstract"];
    assert_eq!(c["merged"], false);
    assert_eq!(c["lease"]["tenantName"], "Brightline Software Corp.");
    assert_eq!(c["lease"]["suite"], "300");
    assert_eq!(c["lease"]["start"], "2023-08");
    assert_eq!(c["lease"]["end"], "2028-09");
    assert_eq!(c["lease"]["rentPsf"], 40.53);
    assert_eq!(c["lease"]["recovery"], "NNN");
    assert_eq!(c["leaseAbstract"]["status"], "CONFIRMED");
    assert_eq!(c["leaseAbstract"]["leaseId"], c["lease"]["id"]);
    assert_eq!(field(&c["leaseAbstract"]["fields"], "tenant")["edited"], true);

    // Provenance: the document and the page and offsets each value came from.
    let rows = app
        .db()
        .owner
        .query_all_raw(Statement::from_string(
            app.db().owner.get_database_backend(),
            String::from(
                "SELECT field, source, method, confidence, evidence_uri FROM field_provenance WHERE entity = 'lease' AND method = 'lease_abstract' ORDER BY field"
            ),
        ))
        .await
        .unwrap();
    let by_field: std::collections::BTreeMap<String, (String, String, f64, String)> = rows
        .iter()
        .map(|r| {
            (
                r.try_get::<String>("", "field").unwrap(),
                (
                    r.try_get::<String>("", "source").unwrap(),
                    r.try_get::<String>("", "method").unwrap(),
                    r.try_get::<f64>("", "confidence").unwrap(),
                    r.try_get::<Option<String>>("", "evidence_uri")
                        .unwrap()
                        .unwrap_or_default(),
                ),
            )
        })
        .collect();
    let (source, method, conf, evidence) = &by_field["area_sf"];
    assert!(
        source.starts_with("document:") && method == "lease_abstract",
        "{source} {method}"
    );
    assert!(*conf >= 0.85 && *conf < 1.0, "{conf}");
    assert!(evidence.contains("#page=1&chars="), "{evidence}");
    let (_, _, conf, evidence) = &by_field["tenant_name"];
    assert_eq!((*conf, evidence.ends_with("#edited")), (1.0, true));

    // The DCF now counts the confirmed lease.
    let after = app.data(&op, dcf, json!({"p": office})).await["propertyDcf"]["dcfValue"]
        .as_f64()
        .unwrap();
    assert!(after > before, "{before} -> {after}");

    // Confirming twice is a conflict.
    let (_, again) = app.gql(Some(&op), CONFIRM, json!({"i": {"id": id}})).await;
    assert_eq!(code(&again), "CONFLICT", "{again}");
}
crate::both_backends!(a_lease_pdf_goes_from_upload_to_a_confirmed_lease_and_a_dcf);

async fn scans_and_missing_terms_are_refused_and_write_nothing(app: TestApp) {
    app.tenant("alpha").await;
    let op = app.token("alpha", Role::Operator);
    let office = super::subscriptions::office(&app, &op).await;
    let scan = extract(&app, &op, &office, "golden/lease/scans/scan-1.pdf").await;
    assert_eq!(code(&scan), "LEASE_SCANNED_PDF", "{scan}");
    assert_eq!(count(&app, "SELECT count(*) FROM lease_abstracts").await, 0);

    // A residential lease is a unit of a multifamily property, not of an office: refused.
    let id = extracted(
        &app,
        &op,
        &office,
        "golden/lease/corpus/003-residential-platform-labels.txt",
    )
    .await;
    let (_, refused) = app.gql(Some(&op), CONFIRM, json!({"i": {"id": id}})).await;
    assert_eq!(code(&refused), "BAD_USER_INPUT", "{refused}");
    assert!(
        refused["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("a residential lease is a unit of a multifamily property"),
        "{refused}"
    );
    assert_eq!(count(&app, "SELECT count(*) FROM unit_leases").await, 0);

    // A commercial lease without a stated recovery structure: the analyst must say which.
    let id = extracted(&app, &op, &office, "golden/lease/corpus/005-office-narrative.txt").await;
    let leases = count(&app, "SELECT count(*) FROM leases").await;
    let (_, cleared) = app
        .gql(
            Some(&op),
            CONFIRM,
            json!({"i": {"id": id, "edits": [{"field": "recovery", "value": null}]}}),
        )
        .await;
    assert_eq!(code(&cleared), "BAD_USER_INPUT", "{cleared}");
    assert_eq!(
        cleared["errors"][0]["extensions"]["field"], "fields.recovery",
        "{cleared}"
    );
    assert_eq!(count(&app, "SELECT count(*) FROM leases").await, leases);
    let status = app
        .data(
            &op,
            "query($a: ID!) { leaseAbstract(id: $a) { status } }",
            json!({"a": id}),
        )
        .await;
    assert_eq!(status["leaseAbstract"]["status"], "DRAFT");
}
crate::both_backends!(scans_and_missing_terms_are_refused_and_write_nothing);

const CONFIRM_UNIT: &str = "mutation($i: ConfirmLeaseAbstractInput!) { confirmLeaseAbstract(input: $i) {
    merged lease { id }
    unitLease { id unit unitType resident status monthlyRent securityDeposit lateFee start end }
    unitType { unitType units currentRent marketRent }
    leaseAbstract { status leaseId unitLeaseId } } }";

async fn a_residential_lease_becomes_a_unit_lease_and_moves_the_unit_mix_and_the_dcf(app: TestApp) {
    app.tenant("alpha").await;
    let op = app.token("alpha", Role::Operator);
    let analyst = app.token("alpha", Role::Analyst);
    let apts = app
        .data(
            &op,
            "mutation($i: CreatePropertyInput!) { createProperty(input: $i) { property { id } } }",
            json!({"i": {"address": {"line1": "9 Elm St", "city": "Richmond", "state": "VA"}, "propertyType": "MULTIFAMILY",
                "unitsCount": 14, "purchasePrice": 3000000.0}}),
        )
        .await["createProperty"]["property"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mix = "mutation($i: CreateUnitMixInput!) { createUnitMix(input: $i) { unitType { id } } }";
    for (t, units, current, market) in [("1BR", 10, 1500.0, 1600.0), ("2BR", 4, 2000.0, 2100.0)] {
        app.data(
            &op,
            mix,
            json!({"i": {"propertyId": apts, "unitType": t, "units": units, "currentRent": current, "marketRent": market}}),
        )
        .await;
    }
    app.data(
        &op,
        "mutation($i: SetDcfAssumptionsInput!) { setDcfAssumptions(input: $i) { assumptions { analysisStart } } }",
        json!({"i": {"propertyId": apts, "analysisStart": "2026-01", "holdYears": 5, "discountRate": 0.08,
            "exitCapRate": 0.06, "sellingCostPct": 0.02, "marketRentGrowth": 0.03, "expenseGrowth": 0.03,
            "generalVacancyPct": 0.05}}),
    )
    .await;
    let dcf = "query($p: ID!) { propertyDcf(propertyId: $p) { dcfValue } }";
    let value = |d: Value| d["propertyDcf"]["dcfValue"].as_f64().unwrap();
    let before = value(app.data(&op, dcf, json!({"p": apts})).await);

    // Unit 8C at $5,000 a month (2025-05-01 to 2026-10-31), deposit $10,000, late fee $150.
    let id = extracted(
        &app,
        &op,
        &apts,
        "golden/lease/corpus/012-residential-platform-labels.pdf",
    )
    .await;
    // The lease does not say its unit type and the property has two: the operator must name one.
    let (_, which) = app.gql(Some(&op), CONFIRM_UNIT, json!({"i": {"id": id}})).await;
    assert_eq!(code(&which), "BAD_USER_INPUT", "{which}");
    assert_eq!(which["errors"][0]["extensions"]["field"], "input.unitType", "{which}");
    assert!(
        which["errors"][0]["message"].as_str().unwrap().contains("1BR, 2BR"),
        "{which}"
    );
    assert_eq!(count(&app, "SELECT count(*) FROM unit_leases").await, 0);

    let done = app
        .data(&op, CONFIRM_UNIT, json!({"i": {"id": id, "unitType": "2BR"}}))
        .await;
    let c = &done["confirmLeaseAbstract"];
    assert_eq!(c["merged"], false);
    assert!(c["lease"].is_null());
    let u = &c["unitLease"];
    assert_eq!(
        (&u["unit"], &u["unitType"], &u["status"]),
        (&json!("8C"), &json!("2BR"), &json!("occupied"))
    );
    assert_eq!(
        (&u["monthlyRent"], &u["securityDeposit"], &u["lateFee"]),
        (&json!(5000.0), &json!(10000.0), &json!(150.0))
    );
    assert_eq!((&u["start"], &u["end"]), (&json!("2025-05-01"), &json!("2026-10-31")));
    assert_eq!(c["leaseAbstract"]["unitLeaseId"], u["id"]);
    assert!(c["leaseAbstract"]["leaseId"].is_null());
    // Four 2BR units averaged $2,000; one of them, taken at the average, now rents for $5,000:
    // (4 × 2,000 − 2,000 + 5,000) / 4 = 2,750. The market rent and the count stay.
    assert_eq!(
        c["unitType"],
        json!({"unitType": "2BR", "units": 4, "currentRent": 2750.0, "marketRent": 2100.0})
    );
    let after = value(app.data(&op, dcf, json!({"p": apts})).await);
    assert!(after > before, "{before} -> {after}");

    // Provenance: the rent was read on page 1 of the document.
    let rows = app
        .db()
        .owner
        .query_all_raw(Statement::from_string(
            app.db().owner.get_database_backend(),
            String::from(
                "SELECT field, evidence_uri FROM field_provenance WHERE entity = 'unit_lease' AND method = 'lease_abstract' ORDER BY field",
            ),
        ))
        .await
        .unwrap();
    let evidence: std::collections::BTreeMap<String, String> = rows
        .iter()
        .map(|r| {
            (
                r.try_get::<String>("", "field").unwrap(),
                r.try_get::<Option<String>>("", "evidence_uri")
                    .unwrap()
                    .unwrap_or_default(),
            )
        })
        .collect();
    assert!(evidence["monthly_rent"].contains("#page=1&chars="), "{evidence:?}");
    assert!(evidence["resident"].starts_with("document:"), "{evidence:?}");

    // A renewal of the same unit (another lease document, its unit edited to 8C) replaces the
    // stored $5,000: (4 × 2,750 − 5,000 + 3,725) / 4 = 2,431.25; the type is the stored unit's.
    let id = extracted(
        &app,
        &op,
        &apts,
        "golden/lease/corpus/024-residential-platform-labels.docx",
    )
    .await;
    let done = app
        .data(
            &op,
            CONFIRM_UNIT,
            json!({"i": {"id": id, "edits": [{"field": "suite", "value": "8c"}]}}),
        )
        .await;
    let c = &done["confirmLeaseAbstract"];
    assert_eq!(c["merged"], true);
    assert_eq!(c["unitLease"]["unit"], "8c");
    assert_eq!(c["unitLease"]["monthlyRent"], 3725.0);
    assert_eq!(c["unitType"]["currentRent"], 2431.25);
    assert_eq!(count(&app, "SELECT count(*) FROM unit_leases").await, 1);

    // Analysts read the units; the rent roll still comes from the unit mix (one unit of 14 known).
    let read = app
        .data(
            &analyst,
            "query($p: ID!) { property(id: $p) { unitLeases { unit resident monthlyRent } rentRoll { spaces occupied } } }",
            json!({"p": apts}),
        )
        .await;
    let p = &read["property"];
    assert_eq!(p["unitLeases"].as_array().unwrap().len(), 1);
    assert_eq!(p["unitLeases"][0]["monthlyRent"], 3725.0);
    assert!(
        p["unitLeases"][0]["resident"].as_str().is_some_and(|r| !r.is_empty()),
        "{p}"
    );
    assert_eq!(p["rentRoll"]["spaces"], 14, "{read}");
    assert!(p["rentRoll"]["occupied"].is_null(), "{read}");
}
crate::both_backends!(a_residential_lease_becomes_a_unit_lease_and_moves_the_unit_mix_and_the_dcf);
