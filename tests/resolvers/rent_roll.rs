//! Rent rolls over GraphQL (docs/rent-roll.md): `previewRentRoll` reads an uploaded roll and
//! writes nothing; `importRentRoll` (operator+) writes a commercial roll's suites as leases and a
//! multifamily workbook's units as the unit mix; a roll with a bad cell writes nothing and names
//! its row and column in `extensions`; `Property.rentRoll` (analyst+) computes the metrics of the
//! stored leases (checked by hand) and of a stored unit mix.
use crate::on_both_backends;
use crate::resolvers::harness::{Caller, Harness, code};
use crate::support::snapshot::{assert_unchanged, snapshot};
use reos::auth::Role;
use serde_json::{Value, json};

const PREVIEW: &str = "mutation($i: PreviewRentRollInput!) { previewRentRoll(input: $i) {
    fileName sha256 format kind headerRow headerLines blocked
    columns { index header field reason }
    rows { row kept reason tenant suite areaSf annualRent monthlyRent rentPsfAnnual start end vacant }
    problems { row column code blocking }
    summary { dataRows kept skipped total occupied vacant blockingProblems }
    metrics { asOf spaces occupied vacant totalAreaSf physicalOccupancy economicOccupancy inPlaceRentAnnual
              vacantRentAnnual waleByAreaYears waleByRentYears withoutEnd
              expiryLadder { year count areaSf annualRent } topTenants { tenant annualRent share }
              markToMarket { inPlaceAnnual marketAnnual difference withoutMarket perLease { row leaseId space tenant difference } } } } }";
const IMPORT: &str = "mutation($i: ImportRentRollInput!) { importRentRoll(input: $i) {
    preview { kind summary { kept } }
    written { source leasesCreated leasesUpdated leasesUnchanged unitTypesCreated unitTypesDeleted } } }";
const IMPORT_UNITS: &str = "mutation($i: ImportRentRollInput!) { importRentRoll(input: $i) {
    preview { kind summary { kept } metrics { asOf spaces occupied vacant physicalOccupancy economicOccupancy
      inPlaceRentAnnual waleByAreaYears expiryLadder { year count areaSf annualRent }
      unitMix { unitType units occupied avgAreaSf avgActualRent avgMarketRent occupancy rows } } }
    written { unitTypesCreated unitTypesDeleted unitsCreated } } }";
const RENT_ROLL: &str = "query($p: ID!, $at: NaiveDate) { property(id: $p) { rentRoll(asOf: $at) {
    asOf spaces occupied vacant totalAreaSf occupiedAreaSf physicalOccupancy occupancyByCount inPlaceRentAnnual
    vacantRentAnnual economicOccupancy waleByAreaYears waleByRentYears withoutEnd
    expiryLadder { year count areaSf annualRent } topTenants { tenant spaces annualRent share }
    markToMarket { inPlaceAnnual marketAnnual difference pct withoutMarket perLease { row leaseId space tenant inPlaceAnnual marketAnnual difference } }
    unitMix { unitType units occupied avgAreaSf avgActualRent avgMarketRent occupancy rows } } } }";

/// A commercial roll as sellers send it: a title, a date line, a blank row, then the header.
const ROLL: &str = "\
Oak Plaza — Rent Roll
As of 06/30/2025

Suite,Tenant,RSF,Annual Rent,Lease Start,Lease End
100,Acme Corp,\"1,000\",\"$30,000.00\",01/01/2024,12/31/2027
200,Beta LLC,\"2,000\",\"$40,000.00\",03/01/2025,02/28/2026
300,VACANT,\"1,000\",,,
,Total,\"4,000\",\"$70,000.00\",,
";

fn close(v: &Value, want: f64) {
    let got = v.as_f64().unwrap_or(f64::NAN);
    assert!((got - want).abs() < 1e-9, "{got} != {want}");
}

/// Runs `query` as `who` with the roll uploaded at `variables.i.file`.
async fn upload(h: &Harness, who: &Caller, query: &str, mut input: Value, name: &str, bytes: &[u8]) -> Value {
    input["file"] = Value::Null;
    let files: [(&str, &str, &[u8]); 1] = [("variables.i.file", name, bytes)];
    let r = h
        .exec_with_files(&who.tenant, who.role, query, json!({"i": input}), &files)
        .await;
    serde_json::to_value(&r).unwrap()
}

async fn property(h: &Harness, who: &Caller, kind: &str) -> String {
    let d = h
        .data(
            who,
            "mutation($i: CreatePropertyInput!) { createProperty(input: $i) { property { id } } }",
            json!({"i": {"address": {"line1": "1 Blake St", "city": "Denver", "state": "CO"}, "propertyType": kind,
                "buildingAreaSf": 20000.0}}),
        )
        .await;
    d["createProperty"]["property"]["id"].as_str().unwrap().to_owned()
}

async fn leases(h: &Harness, who: &Caller, p: &str) -> Value {
    let q = "query($p: ID!) { property(id: $p) { leases { suite tenantName areaSf start end rentPsf vacant } } }";
    let mut l = h.data(who, q, json!({"p": p})).await["property"]["leases"].clone();
    l.as_array_mut()
        .unwrap()
        .sort_by_key(|x| x["suite"].as_str().unwrap_or("").to_owned());
    l
}

async fn a_preview_writes_nothing_and_an_import_writes_leases(h: Harness) {
    h.tenant("alpha").await;
    let op = h.caller("alpha", Role::Operator);
    let p = property(&h, &op, "OFFICE").await;
    let input = json!({"propertyId": p, "asOf": "2025-07-01", "marketRentPsf": 32.0});
    let before = snapshot(&h.db().owner).await;
    let body = upload(&h, &op, PREVIEW, input.clone(), "oak-plaza.csv", ROLL.as_bytes()).await;
    assert!(body.get("errors").is_none(), "{body}");
    assert_unchanged(&before, &snapshot(&h.db().owner).await, "previewRentRoll");
    let v = &body["data"]["previewRentRoll"];
    assert_eq!(
        (&v["fileName"], &v["format"], &v["kind"], &v["headerRow"], &v["blocked"]),
        (
            &json!("oak-plaza.csv"),
            &json!("CSV"),
            &json!("COMMERCIAL"),
            &json!(4),
            &json!(false)
        )
    );
    assert_eq!(v["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(v["columns"][3]["field"], "annual_rent", "{}", v["columns"]);
    let rows: Vec<(i64, bool, Option<&str>)> = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["row"].as_i64().unwrap(),
                r["kept"].as_bool().unwrap(),
                r["reason"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (5, true, None),
            (6, true, None),
            (7, true, Some("vacant")),
            (8, false, Some("total"))
        ]
    );
    assert_eq!(
        v["rows"][0],
        json!({"row": 5, "kept": true, "reason": null, "tenant": "Acme Corp", "suite": "100", "areaSf": 1000.0,
               "annualRent": 30000.0, "monthlyRent": 2500.0, "rentPsfAnnual": 30.0, "start": "2024-01-01",
               "end": "2027-12-31", "vacant": false})
    );
    assert_eq!(v["problems"], json!([]));
    assert_eq!(
        v["summary"],
        json!({"dataRows": 4, "kept": 3, "skipped": 1, "total": 1, "occupied": 2, "vacant": 1, "blockingProblems": 0})
    );
    // At 2025-07-01 with $32/sf market: R = 30,000 + 40,000 = 70,000; the vacant suite's market
    // rent V = 1,000 × 32 = 32,000; economic 70,000 ÷ 102,000. Remaining days (the end day counts):
    // Acme 2025-07-01..2027-12-31 = 914, Beta ..2026-02-28 = 243.
    let m = &v["metrics"];
    close(&m["physicalOccupancy"], 0.75);
    close(&m["economicOccupancy"], 70_000.0 / 102_000.0);
    close(&m["vacantRentAnnual"], 32_000.0);
    close(
        &m["waleByAreaYears"],
        (1_000.0 * 914.0 + 2_000.0 * 243.0) / 365.25 / 3_000.0,
    );
    close(
        &m["waleByRentYears"],
        (30_000.0 * 914.0 + 40_000.0 * 243.0) / 365.25 / 70_000.0,
    );
    assert_eq!(
        m["expiryLadder"],
        json!([{"year": 2026, "count": 1, "areaSf": 2000.0, "annualRent": 40000.0},
               {"year": 2027, "count": 1, "areaSf": 1000.0, "annualRent": 30000.0}])
    );
    // Mark-to-market: Acme 32,000 − 30,000 = 2,000; Beta 64,000 − 40,000 = 24,000.
    let mtm = &m["markToMarket"];
    close(&mtm["difference"], 26_000.0);
    assert_eq!(
        mtm["perLease"][0],
        json!({"row": 5, "leaseId": null, "space": "100", "tenant": "Acme Corp", "difference": 2000.0})
    );

    // Import: three leases (one vacant suite), with provenance; again: nothing changes.
    let analyst = h.caller("alpha", Role::Analyst);
    for q in [IMPORT, PREVIEW] {
        let body = upload(&h, &analyst, q, input.clone(), "oak-plaza.csv", ROLL.as_bytes()).await;
        assert_eq!(code(&body), "FORBIDDEN", "{body}");
    }
    let body = upload(&h, &op, IMPORT, input.clone(), "oak-plaza.csv", ROLL.as_bytes()).await;
    assert!(body.get("errors").is_none(), "{body}");
    let w = &body["data"]["importRentRoll"]["written"];
    assert_eq!((&w["leasesCreated"], &w["leasesUnchanged"]), (&json!(3), &json!(0)));
    assert!(
        w["source"]
            .as_str()
            .unwrap()
            .starts_with("rent-roll:oak-plaza.csv#sha256:"),
        "{w}"
    );
    assert_eq!(
        leases(&h, &op, &p).await,
        json!([
            {"suite": "100", "tenantName": "Acme Corp", "areaSf": 1000.0, "start": "2024-01", "end": "2027-12", "rentPsf": 30.0, "vacant": false},
            {"suite": "200", "tenantName": "Beta LLC", "areaSf": 2000.0, "start": "2025-03", "end": "2026-02", "rentPsf": 20.0, "vacant": false},
            {"suite": "300", "tenantName": null, "areaSf": 1000.0, "start": null, "end": null, "rentPsf": null, "vacant": true}
        ])
    );
    let again = upload(&h, &op, IMPORT, input, "oak-plaza.csv", ROLL.as_bytes()).await;
    assert_eq!(
        again["data"]["importRentRoll"]["written"]["leasesUnchanged"], 3,
        "{again}"
    );
    // The stored leases give the preview's numbers (no escalation; no leasing profile, so no
    // market rent).
    let d = h.data(&analyst, RENT_ROLL, json!({"p": p, "at": "2025-07-01"})).await;
    let s = &d["property"]["rentRoll"];
    close(&s["inPlaceRentAnnual"], 70_000.0);
    assert_eq!(s["waleByAreaYears"], m["waleByAreaYears"]);
    assert_eq!(s["expiryLadder"], m["expiryLadder"]);
    assert!(s["markToMarket"].is_null() && s["economicOccupancy"].is_null(), "{s}");
}
on_both_backends!(a_preview_writes_nothing_and_an_import_writes_leases);

async fn a_bad_roll_writes_nothing_and_names_its_row_and_column(h: Harness) {
    h.tenant("alpha").await;
    let op = h.caller("alpha", Role::Operator);
    let p = property(&h, &op, "OFFICE").await;
    let bad = ROLL.replace("02/28/2026", "02/30/2026");
    let before = snapshot(&h.db().owner).await;
    let body = upload(
        &h,
        &op,
        IMPORT,
        json!({"propertyId": p}),
        "oak-plaza.csv",
        bad.as_bytes(),
    )
    .await;
    assert_eq!(code(&body), "BAD_USER_INPUT", "{body}");
    let e = &body["errors"][0];
    assert_eq!(e["extensions"]["field"], "input.file[row 6].Lease End", "{body}");
    let msg = e["message"].as_str().unwrap();
    assert!(
        msg.contains("nothing was imported") && msg.contains("02/30/2026"),
        "{msg}"
    );
    let problems = e["extensions"]["problems"].as_array().unwrap();
    assert!(
        problems.iter().any(|x| x["row"] == 6
            && x["column"] == "Lease End"
            && x["code"] == "unparsable"
            && x["blocking"] == true
            && x["message"].as_str().is_some_and(|m| m.contains("row 6"))),
        "{problems:?}"
    );
    assert_unchanged(&before, &snapshot(&h.db().owner).await, "a refused roll");
    // The preview says the same without an error.
    let body = upload(
        &h,
        &op,
        PREVIEW,
        json!({"propertyId": p}),
        "oak-plaza.csv",
        bad.as_bytes(),
    )
    .await;
    let v = &body["data"]["previewRentRoll"];
    assert_eq!(v["blocked"], true, "{body}");
    assert_eq!(
        v["problems"][0],
        json!({"row": 6, "column": "Lease End", "code": "unparsable", "blocking": true})
    );
    // A mapping choice reads column D as monthly rent (the annual figures become 12 × larger);
    // a field that does not exist blocks.
    let mapped = json!({"propertyId": p, "mapping": [{"column": 3, "field": "monthly_rent"}]});
    let body = upload(&h, &op, PREVIEW, mapped, "oak-plaza.csv", ROLL.as_bytes()).await;
    let v = &body["data"]["previewRentRoll"];
    assert_eq!(v["columns"][3]["field"], "monthly_rent", "{body}");
    assert_eq!(v["rows"][0]["annualRent"], 360_000.0, "{body}");
    let unknown = json!({"propertyId": p, "mapping": [{"column": 3, "field": "rent_per_year"}]});
    let body = upload(&h, &op, PREVIEW, unknown, "oak-plaza.csv", ROLL.as_bytes()).await;
    let v = &body["data"]["previewRentRoll"];
    assert_eq!(v["blocked"], true, "{body}");
    assert!(
        v["problems"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["code"] == "unknown_field"),
        "{body}"
    );
    // A multifamily roll into an office, and another tenant's property, are refused.
    let mf = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("golden/rent-roll/corpus/10-mf-beds-baths.xlsx"),
    )
    .unwrap();
    let body = upload(&h, &op, IMPORT, json!({"propertyId": p}), "mf.xlsx", &mf).await;
    assert_eq!(body["errors"][0]["extensions"]["field"], "input.propertyId", "{body}");
    h.tenant("bravo").await;
    let other = h.caller("bravo", Role::Operator);
    let body = upload(
        &h,
        &other,
        PREVIEW,
        json!({"propertyId": p}),
        "oak-plaza.csv",
        ROLL.as_bytes(),
    )
    .await;
    assert_eq!(code(&body), "NOT_FOUND", "{body}");
}
on_both_backends!(a_bad_roll_writes_nothing_and_names_its_row_and_column);

async fn property_rent_roll_of_stored_leases_by_hand(h: Harness) {
    h.tenant("alpha").await;
    let op = h.caller("alpha", Role::Operator);
    let p = property(&h, &op, "OFFICE").await;
    let lease = "mutation($i: CreateLeaseInput!) { createLease(input: $i) { lease { id } } }";
    let mut ids = Vec::new();
    for i in [
        json!({"suite": "100", "tenantName": "Acme", "areaSf": 1000.0, "start": "2023-01", "end": "2027-12",
               "rentPsf": 30.0, "escalationPct": 0.03, "mla": "office"}),
        json!({"suite": "200", "tenantName": "Beta", "areaSf": 2000.0, "start": "2025-03", "end": "2026-02",
               "rentPsf": 20.0, "mla": "none"}),
        json!({"suite": "300", "vacant": true, "areaSf": 1000.0, "mla": "spec"}),
    ] {
        let mut i = i;
        i["propertyId"] = json!(p);
        let d = h.data(&op, lease, json!({"i": i})).await;
        ids.push(d["createLease"]["lease"]["id"].clone());
    }
    let profile =
        "mutation($i: CreateMarketLeasingProfileInput!) { createMarketLeasingProfile(input: $i) { profile { id } } }";
    for (name, rent) in [("office", 32.0), ("spec", 25.0)] {
        h.data(&op, profile, json!({"i": {"propertyId": p, "name": name, "marketRentPsf": rent, "termYears": 5.0, "renewalProbability": 0.7}}))
            .await;
    }
    let viewer = h.caller("alpha", Role::Viewer);
    let body = h.gql(&viewer, RENT_ROLL, json!({"p": p})).await;
    assert_eq!(code(&body), "FORBIDDEN", "{body}");

    let analyst = h.caller("alpha", Role::Analyst);
    let d = h.data(&analyst, RENT_ROLL, json!({"p": p, "at": "2025-07-01"})).await;
    let m = &d["property"]["rentRoll"];
    // Acme: 2023-01 → 2025-07 is 30 months, 2 whole lease years: 30 × 1,000 × 1.03² = 31,827.00.
    // Beta: started 2025-03, 20 × 2,000 = 40,000. R = 71,827. The vacant suite at its profile's
    // market rent: V = 25 × 1,000 = 25,000. Areas: 3,000 of 4,000 sf occupied.
    assert_eq!(
        (&m["asOf"], &m["spaces"], &m["occupied"], &m["vacant"]),
        (&json!("2025-07-01"), &json!(3), &json!(2), &json!(1))
    );
    close(&m["inPlaceRentAnnual"], 71_827.0);
    close(&m["vacantRentAnnual"], 25_000.0);
    close(&m["physicalOccupancy"], 0.75);
    close(&m["occupancyByCount"], 2.0 / 3.0);
    close(&m["economicOccupancy"], 71_827.0 / 96_827.0);
    // WALE: Acme ends 2027-12-31, 914 days from 2025-07-01 (the end day counts); Beta ends
    // 2026-02-28, 243 days. By area (1,000 × 914 + 2,000 × 243) ÷ 365.25 ÷ 3,000 = 1.27766…;
    // by rent (31,827 × 914 + 40,000 × 243) ÷ 365.25 ÷ 71,827 = 1.47932….
    close(
        &m["waleByAreaYears"],
        (1_000.0 * 914.0 + 2_000.0 * 243.0) / 365.25 / 3_000.0,
    );
    close(
        &m["waleByRentYears"],
        (31_827.0 * 914.0 + 40_000.0 * 243.0) / 365.25 / 71_827.0,
    );
    assert_eq!(
        m["expiryLadder"],
        json!([{"year": 2026, "count": 1, "areaSf": 2000.0, "annualRent": 40000.0},
               {"year": 2027, "count": 1, "areaSf": 1000.0, "annualRent": 31827.0}])
    );
    assert_eq!(m["topTenants"][0]["tenant"], "Beta");
    close(&m["topTenants"][0]["share"], 40_000.0 / 71_827.0);
    // Mark-to-market: Acme only (Beta's profile `none` does not exist): 32,000 − 31,827 = 173.
    let mtm = &m["markToMarket"];
    assert_eq!(mtm["withoutMarket"], 1);
    close(&mtm["difference"], 173.0);
    close(&mtm["pct"], 173.0 / 31_827.0);
    assert_eq!(
        mtm["perLease"],
        json!([{"row": null, "leaseId": ids[0], "space": "100", "tenant": "Acme", "inPlaceAnnual": 31827.0,
                "marketAnnual": 32000.0, "difference": 173.0}])
    );
    // Default asOf is today: it answers.
    let d = h.data(&analyst, RENT_ROLL, json!({"p": p})).await;
    assert_eq!(d["property"]["rentRoll"]["spaces"], 3);
}
on_both_backends!(property_rent_roll_of_stored_leases_by_hand);

async fn a_multifamily_workbook_imports_as_units_and_the_unit_mix(h: Harness) {
    h.tenant("alpha").await;
    let op = h.caller("alpha", Role::Operator);
    let p = property(&h, &op, "MULTIFAMILY").await;
    let mix = "mutation($i: CreateUnitMixInput!) { createUnitMix(input: $i) { unitType { id } } }";
    h.data(&op, mix, json!({"i": {"propertyId": p, "unitType": "Penthouse", "units": 2, "currentRent": 5000.0, "marketRent": 5200.0}}))
        .await;
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("golden/rent-roll/corpus/10-mf-beds-baths.xlsx");
    let bytes = std::fs::read(path).unwrap();
    let body = upload(
        &h,
        &op,
        IMPORT_UNITS,
        json!({"propertyId": p}),
        "10-mf-beds-baths.xlsx",
        &bytes,
    )
    .await;
    assert!(body.get("errors").is_none(), "{body}");
    let d = &body["data"]["importRentRoll"];
    assert_eq!(d["preview"]["kind"], "MULTIFAMILY");
    assert_eq!(d["preview"]["summary"]["kept"], 149, "the corpus truth keeps 149 units");
    assert_eq!(
        d["written"]["unitTypesDeleted"], 1,
        "the penthouses are not in the roll"
    );
    let created = d["written"]["unitTypesCreated"].as_i64().unwrap();
    assert!(created >= 2, "{d}");

    assert_eq!(d["written"]["unitsCreated"], 149, "{d}");

    // The stored units give the roll's own metrics (as of the import's date).
    let roll = &d["preview"]["metrics"];
    let analyst = h.caller("alpha", Role::Analyst);
    let r = h.data(&analyst, RENT_ROLL, json!({"p": p, "at": roll["asOf"]})).await;
    let m = &r["property"]["rentRoll"];
    for k in [
        "spaces",
        "occupied",
        "vacant",
        "physicalOccupancy",
        "economicOccupancy",
        "inPlaceRentAnnual",
        "waleByAreaYears",
        "expiryLadder",
    ] {
        assert_eq!(m[k], roll[k], "{k}: stored {m} roll {roll}");
    }
    // The same unit types (a stored source has no row numbers).
    let no_rows = |v: &Value| {
        let mut v = v.clone();
        for t in v.as_array_mut().unwrap() {
            t["rows"] = json!([]);
        }
        v
    };
    assert_eq!(no_rows(&m["unitMix"]), no_rows(&roll["unitMix"]));
    assert!(m["occupied"].as_i64().unwrap() > 0, "{m}");

    // A unit type the units do not account for: the rent roll falls back to the unit mix, which
    // does not store which units are let.
    h.data(&op, mix, json!({"i": {"propertyId": p, "unitType": "Penthouse", "units": 2, "currentRent": 5000.0, "marketRent": 5200.0}}))
        .await;
    let r = h.data(&analyst, RENT_ROLL, json!({"p": p})).await;
    let m = &r["property"]["rentRoll"];
    assert_eq!(m["spaces"], 151);
    assert_eq!(m["unitMix"].as_array().unwrap().len() as i64, created + 1);
    for k in ["occupied", "physicalOccupancy", "economicOccupancy", "waleByAreaYears"] {
        assert!(m[k].is_null(), "{k}: {m}");
    }
    let t = &m["unitMix"][0];
    assert!(t["occupied"].is_null() && t["rows"] == json!([]), "{t}");
    // In place = 12 × Σ units × current rent of each type.
    let total: f64 = m["unitMix"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| 12.0 * t["units"].as_f64().unwrap() * t["avgActualRent"].as_f64().unwrap())
        .sum();
    assert!((m["inPlaceRentAnnual"].as_f64().unwrap() - total).abs() < 0.05, "{m}");
}
on_both_backends!(a_multifamily_workbook_imports_as_units_and_the_unit_mix);
