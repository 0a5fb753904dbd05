//! Tests of the property row format.
use super::*;

const HEADER: &str = "external_id,address,unit,city,state,zip,latitude,longitude,property_type,living_area_sf,\
year_built,bedrooms,central_air,flood_score,School\n";

#[test]
fn a_good_csv_row_parses_into_typed_fields() {
    let csv =
        format!("{HEADER}P-1, 123 N Main St ,,Ames,IA,50010,42.05,-93.62,single_family,1500.5,1999,3,Y,0.2,Meeker\n");
    let parsed = parse_csv(csv.as_bytes()).unwrap();
    assert_eq!(parsed.errors, vec![]);
    let r = &parsed.rows[0];
    assert_eq!(r.row, 1);
    assert_eq!(r.data.address, "123 N Main St");
    assert_eq!(r.data.unit, None);
    assert_eq!(r.data.living_area_sf, Some(1500.5));
    assert_eq!(r.data.year_built, Some(1999));
    assert_eq!(r.data.central_air, Some(true));
    assert_eq!(r.data.flood_score, Some(0.2));
    assert_eq!(r.data.lot_area_sf, None);
    assert_eq!(r.data.extra.get("school").map(String::as_str), Some("Meeker"));
}

#[test]
fn every_bad_field_of_a_row_is_reported_with_row_field_and_value() {
    let csv = format!(
        "{HEADER}P-1,1 A St,,Ames,IA,50010,42,-93,single_family,1000,2000,3,1,0.1,\n\
         P-2,,,Ames,IA,50010,north,-93,single_family,12x,1999.5,3,maybe,NaN,\n"
    );
    let parsed = parse_csv(csv.as_bytes()).unwrap();
    assert_eq!(parsed.rows.len(), 1);
    let got: Vec<(usize, &str, &str)> = parsed
        .errors
        .iter()
        .map(|e| (e.row, e.field.as_str(), e.value.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (2, "address", ""),
            (2, "latitude", "north"),
            (2, "living_area_sf", "12x"),
            (2, "year_built", "1999.5"),
            (2, "central_air", "maybe"),
            (2, "flood_score", "NaN"),
        ]
    );
    assert_eq!(parsed.errors[3].message, "not a whole number");
}

#[test]
fn a_csv_without_a_required_column_is_refused_as_a_whole() {
    let err = parse_csv("external_id,address,city,state,property_type\n".as_bytes()).unwrap_err();
    assert!(
        matches!(err, FileError::MissingColumns(ref c) if c == &vec!["zip".to_string()]),
        "{err}"
    );
    let err = parse_csv("external_id,address,city,state,zip,property_type,ZIP\n".as_bytes()).unwrap_err();
    assert!(matches!(err, FileError::DuplicateColumn(ref c) if c == "zip"), "{err}");
}

#[test]
fn a_csv_record_with_the_wrong_number_of_cells_is_a_row_error() {
    let csv = "external_id,address,city,state,zip,property_type\nP-1,1 A St,Ames,IA\n";
    let parsed = parse_csv(csv.as_bytes()).unwrap();
    assert_eq!(parsed.rows.len(), 0);
    assert_eq!((parsed.errors[0].row, parsed.errors[0].field.as_str()), (1, "record"));
}

#[test]
fn jsonl_rows_accept_numbers_strings_and_nulls() {
    let text = r#"{"external_id":7,"address":"1 A St","city":"Ames","state":"IA","zip":"50010","property_type":"condo","bedrooms":"2","central_air":false,"pool_sf":null,"Extra":[1]}

{"external_id":"P-8","address":"2 B St","city":"Ames","state":"IA","zip":50010,"property_type":"condo","bedrooms":2.5}
[1,2]
{"external_id":"P-9""#;
    let parsed = parse_jsonl(text.as_bytes()).unwrap();
    assert_eq!(parsed.rows.len(), 1);
    let r = &parsed.rows[0].data;
    assert_eq!(
        (r.external_id.as_str(), r.bedrooms, r.central_air, r.pool_sf),
        ("7", Some(2), Some(false), None)
    );
    assert_eq!(r.extra.get("extra").map(String::as_str), Some("[1]"));
    let got: Vec<(usize, &str)> = parsed.errors.iter().map(|e| (e.row, e.field.as_str())).collect();
    assert_eq!(got, vec![(3, "bedrooms"), (4, "record"), (5, "record")]);
}

#[test]
fn field_values_cover_every_named_column_and_round_trip_values() {
    let csv = format!("{HEADER}P-1,1 A St,4,Ames,IA,50010,42,-93,land,,1950,,0,,\n");
    let row = &parse_csv(csv.as_bytes()).unwrap().rows[0].data;
    let values = row.field_values();
    assert_eq!(values.len(), COLUMNS.len());
    assert!(COLUMNS.iter().all(|c| values.contains_key(*c)));
    assert_eq!(values["year_built"], serde_json::json!(1950));
    assert_eq!(values["unit"], serde_json::json!("4"));
    assert_eq!(values["central_air"], serde_json::json!(false));
    assert_eq!(values["living_area_sf"], Value::Null);
}

#[test]
fn column_values_line_up_with_the_struct_fields_of_the_same_name() {
    let header = COLUMNS.join(",");
    let cells: Vec<String> = COLUMNS
        .iter()
        .enumerate()
        .map(|(i, c)| match *c {
            "central_air" => "1".to_string(),
            "year_built" | "year_remodeled" | "bedrooms" | "full_baths" | "half_baths" | "garage_cars"
            | "condition_score" | "fireplaces" | "units_count" | "parking_spaces" => i.to_string(),
            "latitude" | "longitude" | "living_area_sf" | "lot_area_sf" | "basement_sf" | "porch_sf" | "deck_sf"
            | "pool_sf" | "flood_score" | "wildfire_score" | "heat_score" | "list_price" | "owner_share_pct"
            | "purchase_price" | "building_area_sf" => format!("{i}.5"),
            _ => format!("text{i}"),
        })
        .collect();
    let csv = format!("{header}\n{}\n", cells.join(","));
    let parsed = parse_csv(csv.as_bytes()).unwrap();
    assert_eq!(parsed.errors, vec![]);
    let row = &parsed.rows[0].data;
    let by_serde = serde_json::to_value(row).unwrap();
    let values = row.field_values();
    for c in COLUMNS {
        assert_eq!(values[c], by_serde[c], "{c}");
        assert!(!values[c].is_null(), "{c} was not read");
    }
}
