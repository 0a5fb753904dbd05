//! Tests of quality-gate evaluation.
use super::*;
use serde_json::json;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}

fn maps(rows: &[Value]) -> Vec<Map<String, Value>> {
    rows.iter().map(|v| v.as_object().unwrap().clone()).collect()
}

fn run(entity: Entity, toml: &str, rows: &[Value]) -> GateReport {
    let config = GateConfig::from_toml(toml).unwrap();
    let m = maps(rows);
    let refs: Vec<(usize, &Map<String, Value>)> = m.iter().enumerate().map(|(i, m)| (i + 1, m)).collect();
    evaluate(entity, &refs, &config, today()).unwrap()
}

fn rule(field: &str, body: &str, severity: &str) -> String {
    format!("[[property]]\nfield = \"{field}\"\n{body}\nseverity = \"{severity}\"\n")
}

fn failed_rows(r: &GateReport) -> Vec<usize> {
    r.failures.iter().map(|f| f.row).collect()
}

#[test]
fn not_null_fails_absent_null_and_blank_values() {
    let r = run(
        Entity::Property,
        &rule("name", "expect = \"not_null\"", "blocking"),
        &[
            json!({"name": "a"}),
            json!({}),
            json!({"name": null}),
            json!({"name": "  "}),
            json!({"name": 0}),
        ],
    );
    assert_eq!(failed_rows(&r), vec![2, 3, 4]);
    assert!(r.blocking);
    assert_eq!(r.failures[0].expectation, "not_null");
}

#[test]
fn range_fails_outside_values_and_text_but_skips_nulls() {
    let r = run(
        Entity::Property,
        &rule("bedrooms", "expect = \"range\"\nmin = 0\nmax = 10", "warning"),
        &[
            json!({"bedrooms": 0}),
            json!({"bedrooms": 10.0}),
            json!({"bedrooms": -1}),
            json!({"bedrooms": "3"}),
            json!({"bedrooms": null}),
        ],
    );
    assert_eq!(failed_rows(&r), vec![3, 4]);
    assert!(!r.blocking, "warnings alone do not block");
    assert_eq!(r.warnings(), 2);
    assert_eq!(
        (r.failures[0].value.as_str(), r.failures[0].expectation.as_str()),
        ("-1", "range min=0 max=10")
    );
}

#[test]
fn regex_and_allowed_values_check_the_text() {
    let toml = rule("zip", "expect = \"regex\"\npattern = '^\\d{5}$'", "blocking")
        + &rule(
            "property_type",
            "expect = \"allowed_values\"\nvalues = [\"condo\", \"land\"]",
            "blocking",
        );
    let r = run(
        Entity::Property,
        &toml,
        &[
            json!({"zip": "50010", "property_type": "condo"}),
            json!({"zip": 5001, "property_type": "Condo"}),
        ],
    );
    let got: Vec<(usize, &str, &str)> = r
        .failures
        .iter()
        .map(|f| (f.row, f.field.as_str(), f.value.as_str()))
        .collect();
    assert_eq!(got, vec![(2, "zip", "5001"), (2, "property_type", "Condo")]);
}

#[test]
fn unique_reports_every_repeat_with_the_first_row() {
    let r = run(
        Entity::Property,
        &rule("external_id", "expect = \"unique\"", "blocking"),
        &[
            json!({"external_id": "a"}),
            json!({"external_id": "b"}),
            json!({"external_id": "a"}),
            json!({"external_id": "a"}),
        ],
    );
    assert_eq!(failed_rows(&r), vec![3, 4]);
    assert_eq!(r.failures[1].expectation, "unique (first in row 1)");
}

#[test]
fn cross_field_rules_compare_numbers_and_dates() {
    let lease =
        "[[lease]]\nfield = \"end\"\nexpect = \"greater_than_field\"\nother = \"start\"\nseverity = \"blocking\"\n";
    let r = run(
        Entity::Lease,
        lease,
        &[
            json!({"start": "2024-01-01", "end": "2029-12-31"}),
            json!({"start": "2024-01-01", "end": "2024-01-01"}),
            json!({"start": "2024-01-01", "end": "next year"}),
            json!({"start": 3, "end": 2}),
            json!({"start": null, "end": "2020-01-01"}),
        ],
    );
    assert_eq!(failed_rows(&r), vec![2, 3, 4]);
    let remodel = rule(
        "year_remodeled",
        "expect = \"at_least_field\"\nother = \"year_built\"",
        "warning",
    );
    let r = run(
        Entity::Property,
        &remodel,
        &[
            json!({"year_built": 1990, "year_remodeled": 1990}),
            json!({"year_built": 1990, "year_remodeled": 1980}),
        ],
    );
    assert_eq!(failed_rows(&r), vec![2]);
    assert_eq!(r.failures[0].expectation, ">= year_built (1990)");
}

#[test]
fn years_after_the_evaluation_year_fail() {
    let r = run(
        Entity::Property,
        &rule("year_built", "expect = \"not_after_current_year\"", "blocking"),
        &[json!({"year_built": 2026}), json!({"year_built": 2027})],
    );
    assert_eq!(failed_rows(&r), vec![2]);
    assert_eq!(r.failures[0].expectation, "not_after_current_year (2026)");
}

#[test]
fn the_default_gates_block_impossible_property_rows_and_warn_on_odd_ones() {
    let csv = "external_id,address,city,state,zip,property_type,living_area_sf,year_built,year_remodeled,latitude\n\
               P1,1 A St,Ames,IA,50010,single_family,1500,1990,1990,42\n\
               P2,2 A St,Ames,IA,50010,single_family,1500,1990,1980,42\n\
               P3,3 A St,Ames,IA,5001,castle,-5,2999,2000,95\n\
               P1,4 A St,Ames,IA,50010,condo,1500,1990,,42\n";
    let parsed = super::super::rows::parse_csv(csv.as_bytes()).unwrap();
    let r = evaluate_properties(&parsed.rows, &GateConfig::builtin().unwrap(), today()).unwrap();
    assert!(r.blocking);
    let blocking: Vec<(usize, &str)> = r
        .failures
        .iter()
        .filter(|f| f.severity == Severity::Blocking)
        .map(|f| (f.row, f.field.as_str()))
        .collect();
    assert_eq!(
        blocking,
        vec![
            (3, "zip"),
            (3, "property_type"),
            (3, "latitude"),
            (3, "living_area_sf"),
            (3, "year_built"),
            (4, "external_id")
        ]
    );
    assert!(
        r.failures
            .iter()
            .any(|f| f.row == 2 && f.field == "year_remodeled" && f.severity == Severity::Warning)
    );
    assert!(
        !r.failures
            .iter()
            .any(|f| f.row == 1 && f.severity == Severity::Blocking)
    );
}

#[test]
fn text_the_database_would_refuse_blocks_whatever_the_configuration() {
    let long_id = "X".repeat(19_000);
    let csv = format!(
        "external_id,address,city,state,zip,property_type,owner_name,owner_type\n\
         P1,1 A St,Ames,IA,50010,single_family,Fine LLC,llc\n\
         {long_id},2 A St,Ames,IA,50010,single_family,Fine LLC,llc\n\
         P3,3 A St,Ames,IA,50010,single_family,\"Acme\u{0}LLC\",llc\n\
         P4,4 A St,Ames,IA,50010,single_family,\"Acme\u{1b}LLC\",llc\n\
         P5,5 A St,Ames,IA,50010,single_family,\"Tab\tand\nnewline LLC\",llc\n"
    );
    let parsed = super::super::rows::parse_csv(csv.as_bytes()).unwrap();
    assert_eq!(parsed.rows.len(), 5, "{:?}", parsed.errors);
    // No configured rule at all: the text rule still runs.
    let r = evaluate_properties(&parsed.rows, &GateConfig::default(), today()).unwrap();
    assert!(r.blocking);
    let got: Vec<(usize, &str, &str)> = r
        .failures
        .iter()
        .map(|f| (f.row, f.field.as_str(), f.expectation.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (2, "external_id", "at most 300 characters"),
            (3, "owner_name", "contains a NUL character"),
            (4, "owner_name", "contains a control character (U+001B)"),
        ]
    );
    assert!(r.failures.iter().all(|f| f.severity == Severity::Blocking));
    assert_eq!(r.failures[0].value, format!("{}… (19000 characters)", "X".repeat(100)));
    assert_eq!(r.failures[1].value, "Acme\\u{0}LLC", "shown without the NUL");
    // The shipped gates see the same, once per value, and report it before their own rules.
    let r = evaluate_properties(&parsed.rows, &GateConfig::builtin().unwrap(), today()).unwrap();
    let row2: Vec<&str> = r
        .failures
        .iter()
        .filter(|f| f.row == 2)
        .map(|f| f.expectation.as_str())
        .collect();
    assert_eq!(row2.first(), Some(&"at most 300 characters"), "{row2:?}");
}

#[test]
fn every_text_field_of_a_lease_or_unit_type_is_checked() {
    let lease = json!({"property_external_id": "P1", "suite": "1", "tenant_name": "T".repeat(301), "mla": "default"});
    let unit = json!({"property_external_id": "P1", "unit_type": "1BR\u{7f}", "units": 3});
    let r = run(Entity::Lease, "", &[lease]);
    assert_eq!(
        (r.failures[0].field.as_str(), r.failures[0].expectation.as_str()),
        ("tenant_name", "at most 300 characters")
    );
    assert!(r.blocking);
    let r = run(Entity::UnitMix, "", &[unit]);
    assert_eq!(
        (r.failures[0].field.as_str(), r.failures[0].expectation.as_str()),
        ("unit_type", "contains a control character (U+007F)")
    );
    let fine = json!({"property_external_id": "P1", "unit_type": "é".repeat(300), "units": 3, "note": "a\tb"});
    assert!(run(Entity::UnitMix, "", &[fine]).failures.is_empty());
}

#[test]
fn a_failed_rule_shows_its_value_without_control_characters() {
    let r = run(
        Entity::Property,
        &rule("zip", "expect = \"regex\"\npattern = '^\\d{5}$'", "warning"),
        &[json!({"zip": 50010}), json!({"zip": "5\u{0}"})],
    );
    let zip: Vec<(&str, &str)> = r
        .failures
        .iter()
        .map(|f| (f.expectation.as_str(), f.value.as_str()))
        .collect();
    assert_eq!(
        zip,
        [("contains a NUL character", "5\\u{0}"), ("regex ^\\d{5}$", "5\\u{0}")]
    );
}
