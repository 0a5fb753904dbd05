//! Unit tests of `pipeline::dedupe`.
use super::super::rows::parse_csv;
use super::*;

const CSV: &str = "external_id,address,unit,city,state,zip,property_type\n\
        A,123 North Main Street,Apt 4B,Ames,IA,50010,condo\n\
        B,9 Elm St,,Ames,IA,50010,condo\n\
        C,123 N MAIN ST #4b,,ames,Iowa,50010-1234,condo\n\
        D,9 Elm St,,Ames,IA,5001,condo\n\
        E,9 Elm St Apt 1,2,Ames,IA,50010,condo\n";

#[test]
fn rows_naming_the_same_place_fall_into_one_group() {
    let parsed = parse_csv(CSV.as_bytes()).unwrap();
    let (ok, errors) = normalize_rows(&parsed.rows);
    let groups = group_by_address(&ok);
    let members: Vec<Vec<usize>> = groups.iter().map(|g| g.members.clone()).collect();
    assert_eq!(members, vec![vec![0, 2], vec![1]]);
    assert_eq!(groups[0].hash, ok[0].hash);
    let got: Vec<(usize, &str, &str)> = errors
        .iter()
        .map(|e| (e.row, e.field.as_str(), e.value.as_str()))
        .collect();
    assert_eq!(got, vec![(4, "zip", "5001"), (5, "unit", "2")]);
}
