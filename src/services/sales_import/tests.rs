//! Gate rules of the sales importer, one case each.
use super::*;

const HEAD: &str = "sale_id,sale_date,sale_price,sale_condition,latitude,longitude,city,property_type,living_area_sf,year_built,condition_score,school\n";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}

#[test]
fn a_clean_file_keeps_city_and_extra_columns() {
    let data = format!("{HEAD}A1,2008-07-01,180000,Normal,42.03,-93.62,Ames,single_family,1500,1978,5,Meeker\n");
    let rows = check(data.as_bytes(), today()).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].city.as_deref(), Some("Ames"));
    assert_eq!(rows[0].sale.condition, "normal");
    assert_eq!(rows[0].attributes.get("school"), Some(&serde_json::json!("Meeker")));
    assert!(!rows[0].attributes.contains_key("city"));
}

#[test]
fn every_bad_row_is_reported_with_field_value_and_rule() {
    let data = format!(
        "{HEAD}A1,2008-07-01,-5,normal,42.03,-93.62,Ames,single_family,1500,1978,5,x\n\
         A2,2008-07-01,100000,normal,42.03,-93.62,Ames,single_family,1500,1978,11,x\n\
         A3,2008-07-01,100000,normal,42.03,-93.62,Ames,single_family,1500,2031,5,x\n\
         A3,2008-07-01,100000,normal,42.03,-93.62,Ames,single_family,1500,1978,5,x\n\
         A5,2008-02-30,100000,normal,42.03,-93.62,Ames,single_family,1500,1978,5,x\n"
    );
    let report = check(data.as_bytes(), today()).unwrap_err();
    assert_eq!(report.rows, 5);
    let got: Vec<(Option<usize>, &str, &str)> = report
        .violations
        .iter()
        .map(|v| (v.row, v.field.as_str(), v.value.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (Some(1), "sale_price", "-5"),
            (Some(2), "condition_score", "11"),
            (Some(3), "year_built", "2031"),
            (Some(4), "sale_id", "A3"),
            (Some(5), "sale_date", "2008-02-30"),
        ]
    );
    assert!(report.violations[3].rule.contains("row 3"));
}

#[test]
fn a_sale_dated_after_today_is_refused() {
    let data = format!("{HEAD}A1,2027-01-01,180000,normal,42.03,-93.62,Ames,single_family,1500,1978,5,x\n");
    let report = check(data.as_bytes(), today()).unwrap_err();
    assert_eq!(report.violations[0].field, "sale_date");
}

#[test]
fn a_missing_column_fails_the_file_without_a_row() {
    let report = check("sale_id,sale_date\nA,2008-01-01\n".as_bytes(), today()).unwrap_err();
    assert_eq!(report.violations[0].row, None);
    assert_eq!(report.violations[0].rule, "required column is missing");
}

#[test]
fn text_the_database_would_refuse_is_a_violation_shown_short() {
    let long = "S".repeat(19_000);
    let data = format!(
        "{HEAD}A1,2008-07-01,180000,normal,42.03,-93.62,Ames,single_family,1500,1978,5,Meeker\n\
         {long},2008-07-01,180000,normal,42.03,-93.62,Ames,single_family,1500,1978,5,Meeker\n\
         A3,2008-07-01,180000,normal,42.03,-93.62,Am\u{0}es,single_family,1500,1978,5,Meeker\n\
         A4,2008-07-01,180000,normal,42.03,-93.62,Ames,single_family,1500,1978,5,Mee\u{1b}ker\n\
         A5,2008-07-01,180000,normal,42.03,-93.62,Ames,single_family,1500,1978,5,{}\n",
        "n".repeat(2001)
    );
    let report = check(data.as_bytes(), today()).unwrap_err();
    let got: Vec<(Option<usize>, &str, &str)> = report
        .violations
        .iter()
        .map(|v| (v.row, v.field.as_str(), v.rule.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (Some(2), "sale_id", "at most 300 characters"),
            (Some(3), "city", "contains a NUL character"),
            (Some(4), "school", "contains a control character (U+001B)"),
            (Some(5), "school", "at most 2000 characters"),
        ]
    );
    let v = &report.violations;
    assert_eq!(v[0].value, format!("{}… (19000 characters)", "S".repeat(100)));
    assert_eq!(v[0].sale_id, Some(v[0].value.clone()));
    assert_eq!(v[1].value, "Am\\u{0}es");
    assert_eq!(v[2].sale_id.as_deref(), Some("A4"));
    // A free-form column holds up to 2,000 characters.
    let notes = format!(
        "{HEAD}A1,2008-07-01,180000,normal,42.03,-93.62,Ames,single_family,1500,1978,5,{}\n",
        "n".repeat(2000)
    );
    assert_eq!(check(notes.as_bytes(), today()).unwrap().len(), 1);
}

#[test]
fn a_column_name_the_text_rule_refuses_is_a_header_violation() {
    let data = format!(
        "{}{}\nA1,2008-07-01,180000,normal,42.03,-93.62,Ames,single_family,1500,1978,5,x,y\n",
        HEAD.trim_end(),
        ",sch\u{0}ool"
    );
    let report = check(data.as_bytes(), today()).unwrap_err();
    assert_eq!(report.violations.len(), 1, "{report:?}");
    assert_eq!(report.violations[0].row, None);
    assert_eq!(report.violations[0].field, "column 13");
    assert_eq!(report.violations[0].value, "sch\\u{0}ool");
    assert_eq!(report.violations[0].rule, "contains a NUL character");
}
