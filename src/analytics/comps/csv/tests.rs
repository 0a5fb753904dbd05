//! Parser cases of the canonical sales CSV.
use super::*;

const HEAD: &str = "sale_id,sale_date,sale_price,sale_condition,latitude,longitude,property_type,living_area_sf,year_built,lot_area_sf,central_air,stories\n";

#[test]
fn a_valid_row_becomes_a_sale() {
    let data = format!("{HEAD}A1,2008-07-01,180000,normal,42.03,-93.62,single_family,1500,1978,9000,1,One_Story\n");
    let s = parse_canonical_csv(data.as_bytes()).unwrap();
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].attrs.lot_area_sf, Some(9000.0));
    assert_eq!(s[0].attrs.central_air, Some(true));
    assert_eq!(s[0].attrs.stories.as_deref(), Some("One_Story"));
}

#[test]
fn a_zero_price_names_row_and_field() {
    let data = format!("{HEAD}A1,2008-07-01,0,normal,42.03,-93.62,single_family,1500,1978,9000,1,One_Story\n");
    assert_eq!(
        parse_canonical_csv(data.as_bytes()),
        Err(CsvError::Field {
            row: 1,
            field: "sale_price",
            reason: "must be > 0".into()
        })
    );
}

#[test]
fn a_bad_date_and_a_bad_latitude_are_refused() {
    let bad_date = format!("{HEAD}A1,2008-13-01,1,normal,42.03,-93.62,sf,1500,1978,,,\n");
    assert!(matches!(
        parse_canonical_csv(bad_date.as_bytes()),
        Err(CsvError::Field { field: "sale_date", .. })
    ));
    let bad_lat = format!("{HEAD}A1,2008-01-01,1,normal,142.03,-93.62,sf,1500,1978,,,\n");
    assert!(matches!(
        parse_canonical_csv(bad_lat.as_bytes()),
        Err(CsvError::Field { field: "latitude", .. })
    ));
}

#[test]
fn every_row_is_parsed_on_its_own_and_keeps_its_cells() {
    let data = format!(
        "{HEAD}A1,2008-07-01,0,normal,42.03,-93.62,sf,1500,1978,9000,1,One_Story\n\
         A2,2008-07-01,1000,normal,42.03,-93.62,sf,1500,1978,9000,1,One_Story\n"
    );
    let file = read_canonical_csv(data.as_bytes()).unwrap();
    assert_eq!(file.rows.len(), 2);
    assert!(matches!(
        file.rows[0].sale,
        Err(CsvError::Field {
            row: 1,
            field: "sale_price",
            ..
        })
    ));
    assert_eq!(file.rows[1].sale.as_ref().unwrap().id, "A2");
    assert_eq!(file.rows[0].cell(&file.headers, "sale_price"), Some("0"));
}

#[test]
fn a_missing_required_column_is_reported() {
    let data = "sale_id,sale_date\nA,2008-01-01\n";
    assert!(matches!(
        parse_canonical_csv(data.as_bytes()),
        Err(CsvError::MissingColumn(_))
    ));
}

#[test]
fn text_the_database_would_refuse_names_row_and_field() {
    let row = |id: &str, stories: &str| {
        format!("{id},2008-07-01,180000,normal,42.03,-93.62,single_family,1500,1978,9000,1,{stories}\n")
    };
    let long = format!(
        "{HEAD}{}{}",
        row("A1", "One_Story"),
        row(&"S".repeat(19_000), "One_Story")
    );
    assert_eq!(
        parse_canonical_csv(long.as_bytes()),
        Err(CsvError::Field {
            row: 2,
            field: "sale_id",
            reason: "at most 300 characters".into()
        })
    );
    let nul = format!("{HEAD}{}", row("A1", "One\u{0}Story"));
    assert_eq!(
        parse_canonical_csv(nul.as_bytes()),
        Err(CsvError::Field {
            row: 1,
            field: "stories",
            reason: "contains a NUL character".into()
        })
    );
    let fine = format!("{HEAD}{}", row(&"é".repeat(300), "One_Story"));
    assert_eq!(parse_canonical_csv(fine.as_bytes()).unwrap()[0].id, "é".repeat(300));
}
