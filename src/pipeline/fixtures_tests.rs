//! Tests of the fixture generator against the real Ames sales file.
use super::super::gate_eval::evaluate_properties;
use super::super::gates::{GateConfig, Severity};
use super::super::hazard_table::HazardTable;
use super::super::rows::{parse_csv, parse_jsonl};
use super::*;
use chrono::NaiveDate;

const AMES: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/ames-sales.csv"));

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}

#[test]
fn the_default_fixture_has_enough_rows_duplicates_and_bad_rows_and_is_deterministic() {
    let f = build(AMES, &FixtureSpec::default()).unwrap();
    assert_eq!(f.records.len(), 240);
    assert_eq!(f.duplicates.len(), 20);
    assert_eq!(f.bad.len(), 8);
    assert_eq!(f, build(AMES, &FixtureSpec::default()).unwrap());
}

#[test]
fn duplicates_normalize_to_their_originals_and_nothing_else_collides() {
    let f = build(AMES, &FixtureSpec::default()).unwrap();
    let parsed = parse_csv(f.to_csv().unwrap().as_bytes()).unwrap();
    let mut hash_of = HashMap::new();
    for r in &parsed.rows {
        let d = &r.data;
        let input = AddressInput {
            address: &d.address,
            unit: d.unit.as_deref(),
            city: &d.city,
            state: &d.state,
            zip: &d.zip,
        };
        hash_of.insert(r.row, normalize(&input).unwrap().address_hash());
    }
    for d in &f.duplicates {
        assert_eq!(
            hash_of[&d.row], hash_of[&d.same_address_as_row],
            "row {} vs {}",
            d.row, d.same_address_as_row
        );
    }
    let distinct: HashSet<&String> = hash_of.values().collect();
    assert_eq!(distinct.len(), hash_of.len() - f.duplicates.len());
}

#[test]
fn non_blocking_bad_rows_are_rejected_or_warned_and_the_batch_passes() {
    let f = build(AMES, &FixtureSpec::default()).unwrap();
    let parsed = parse_csv(f.to_csv().unwrap().as_bytes()).unwrap();
    let rejected: HashSet<usize> = parsed.errors.iter().map(|e| e.row).collect();
    let planted: HashSet<usize> = f
        .bad
        .iter()
        .filter(|b| b.kind != BadKind::RemodelBeforeBuilt)
        .map(|b| b.row)
        .collect();
    assert_eq!(rejected, planted);
    let report = evaluate_properties(&parsed.rows, &GateConfig::builtin().unwrap(), today()).unwrap();
    assert!(
        !report.blocking,
        "{:?}",
        report.failures.iter().find(|f| f.severity == Severity::Blocking)
    );
    for b in f.bad.iter().filter(|b| b.kind == BadKind::RemodelBeforeBuilt) {
        assert!(
            report
                .failures
                .iter()
                .any(|x| x.row == b.row && x.field == "year_remodeled")
        );
    }
}

#[test]
fn each_blocking_kind_blocks_the_batch_on_its_row_and_field() {
    let spec = FixtureSpec {
        bad_kinds: BadKind::BLOCKING.to_vec(),
        ..FixtureSpec::default()
    };
    let f = build(AMES, &spec).unwrap();
    let parsed = parse_csv(f.to_csv().unwrap().as_bytes()).unwrap();
    assert_eq!(parsed.errors, vec![]);
    let report = evaluate_properties(&parsed.rows, &GateConfig::builtin().unwrap(), today()).unwrap();
    assert!(report.blocking);
    for b in &f.bad {
        let hit = report
            .failures
            .iter()
            .any(|x| x.row == b.row && x.field == b.field && x.severity == Severity::Blocking);
        assert!(hit, "{b:?} not blocked");
    }
}

#[test]
fn jsonl_and_csv_renderings_parse_to_the_same_rows() {
    let f = build(
        AMES,
        &FixtureSpec {
            rows: 60,
            ..FixtureSpec::default()
        },
    )
    .unwrap();
    let from_csv = parse_csv(f.to_csv().unwrap().as_bytes()).unwrap();
    let from_jsonl = parse_jsonl(f.to_jsonl().as_bytes()).unwrap();
    assert_eq!(from_csv.rows, from_jsonl.rows);
    assert_eq!(from_csv.errors.len(), from_jsonl.errors.len());
}

#[test]
fn the_hazard_grid_covers_every_fixture_location() {
    let f = build(AMES, &FixtureSpec::default()).unwrap();
    let table = HazardTable::new(f.hazard_points(), FIXTURE_HAZARD_RADIUS_M).unwrap();
    let parsed = parse_csv(f.to_csv().unwrap().as_bytes()).unwrap();
    for r in &parsed.rows {
        let (lat, lon) = (r.data.latitude.unwrap(), r.data.longitude.unwrap());
        assert!(table.lookup(lat, lon).unwrap().is_some(), "row {}", r.row);
    }
}

#[test]
fn a_spec_that_needs_more_sales_than_the_file_has_is_refused() {
    let small = AMES.lines().take(11).collect::<Vec<_>>().join("\n");
    assert!(matches!(
        build(&small, &FixtureSpec::default()),
        Err(FixtureError::TooFewSales { have: 10, .. })
    ));
    let spec = FixtureSpec {
        duplicate_every: 1,
        ..FixtureSpec::default()
    };
    assert!(matches!(build(AMES, &spec), Err(FixtureError::Spec("duplicate_every"))));
}
