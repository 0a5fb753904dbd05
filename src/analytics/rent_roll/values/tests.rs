//! Unit tests of `analytics::rent_roll::values`: money, areas, percentages and dates as rent
//! rolls write them, and the refusals (never a clamp or a guess).
#![allow(clippy::unwrap_used)]
use super::*;

fn t(s: &str) -> Cell {
    Cell::Text(s.into())
}

fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, day)
}

#[test]
fn money_takes_dollar_signs_separators_parentheses_and_spaces() {
    assert_eq!(money(&t("$1,234.50 ")).unwrap(), Some(1234.5));
    assert_eq!(money(&t("1234")).unwrap(), Some(1234.0));
    assert_eq!(money(&t("(1,234.50)")).unwrap(), Some(-1234.5));
    assert_eq!(money(&t("$(2,000)")).unwrap(), Some(-2000.0));
    assert_eq!(money(&t("-$500")).unwrap(), Some(-500.0));
    assert_eq!(money(&t("$ 12,500.00")).unwrap(), Some(12500.0));
    assert_eq!(money(&t("2,500/mo")).unwrap(), Some(2500.0));
    assert_eq!(money(&Cell::Number(99.5)).unwrap(), Some(99.5));
    for blank in ["", "N/A", "-", "--", "$ -", "TBD"] {
        assert_eq!(money(&t(blank)).unwrap(), None, "{blank}");
    }
    assert_eq!(money(&Cell::Empty).unwrap(), None);
}

#[test]
fn money_refuses_what_is_not_an_amount() {
    for bad in ["12,34", "1,2345", "abc", "$12.5.0", "1 234", "12%", "#REF!"] {
        let e = money(&t(bad)).unwrap_err();
        assert_eq!(e.code, "unparsable", "{bad}");
        assert!(e.message.contains(bad), "{}", e.message);
    }
    let e = money(&Cell::Date(NaiveDate::from_ymd_opt(2027, 1, 1).unwrap())).unwrap_err();
    assert!(e.message.contains("is a date"), "{}", e.message);
}

#[test]
fn areas_and_psf_rents_take_their_units() {
    assert_eq!(area(&t("5,000 SF")).unwrap(), Some(5000.0));
    assert_eq!(area(&t("1,250 rsf")).unwrap(), Some(1250.0));
    assert_eq!(area(&t("900 sq ft")).unwrap(), Some(900.0));
    assert_eq!(money_psf(&t("$24.50/SF")).unwrap(), Some(24.5));
    assert_eq!(money_psf(&t("$24.50 psf")).unwrap(), Some(24.5));
    assert_eq!(money_psf(&t("$2.10/sf/yr")).unwrap(), Some(2.1));
    assert!(area(&t("5,000 acres")).is_err());
}

#[test]
fn percentages_with_or_without_the_sign() {
    assert_eq!(percent(&t("3%")).unwrap(), Some(0.03));
    assert_eq!(percent(&t("3.5 %")).unwrap(), Some(0.035));
    assert_eq!(percent(&t("3")).unwrap(), Some(0.03));
    assert_eq!(percent(&t("0.03")).unwrap(), Some(0.03));
    assert_eq!(percent(&Cell::Number(0.025)).unwrap(), Some(0.025));
    assert_eq!(percent(&t("0.5%")).unwrap(), Some(0.005));
    assert!(percent(&t("three")).is_err());
}

#[test]
fn dates_in_the_usual_spellings() {
    let us = DateStyle::default();
    for s in [
        "01/31/2027",
        "1/31/27",
        "2027-01-31",
        "31-Jan-27",
        "31-Jan-2027",
        "Jan 31, 2027",
        "January 31, 2027",
        "Jan. 31, 2027",
        "31 January 2027",
        "2027/01/31",
        "01-31-2027",
        "2027-01-31 00:00:00",
        "2027-01-31T00:00:00",
        "1/31/2027 12:00:00 AM",
        "46418",
    ] {
        assert_eq!(date(&t(s), us).unwrap(), d(2027, 1, 31), "{s}");
    }
    assert_eq!(date(&Cell::Number(46418.0), us).unwrap(), d(2027, 1, 31));
    assert_eq!(date(&Cell::Date(d(2030, 6, 30).unwrap()), us).unwrap(), d(2030, 6, 30));
    // Two-digit years: 00–69 are this century, 70–99 the last.
    assert_eq!(date(&t("6/30/69"), us).unwrap(), d(2069, 6, 30));
    assert_eq!(date(&t("6/30/70"), us).unwrap(), d(1970, 6, 30));
}

#[test]
fn month_only_dates_are_the_first_day_or_for_an_end_the_last() {
    let start = DateStyle::default();
    let end = DateStyle {
        month_end: true,
        ..DateStyle::default()
    };
    assert_eq!(date(&t("Feb-28"), start).unwrap(), d(2028, 2, 1));
    assert_eq!(date(&t("Feb-28"), end).unwrap(), d(2028, 2, 29), "2028 is a leap year");
    assert_eq!(date(&t("12/2027"), end).unwrap(), d(2027, 12, 31));
    assert_eq!(date(&t("2027-06"), start).unwrap(), d(2027, 6, 1));
    assert_eq!(date(&t("June 2027"), end).unwrap(), d(2027, 6, 30));
}

#[test]
fn day_first_columns_read_day_first() {
    let dmy = DateStyle {
        day_first: true,
        month_end: false,
    };
    assert_eq!(date(&t("31/01/2027"), dmy).unwrap(), d(2027, 1, 31));
    assert_eq!(numeric_parts("31/01/2027"), Some((31, 1)));
    assert_eq!(numeric_parts("2027-01-31"), None);
    assert!(
        date(&t("31/01/2027"), DateStyle::default()).is_err(),
        "month 31 is refused"
    );
}

#[test]
fn what_is_not_a_date_is_refused_and_month_to_month_is_named() {
    let us = DateStyle::default();
    for bad in ["13/45/2027", "2/30/2027", "soon", "Janvier 3", "123", "1/31"] {
        let e = date(&t(bad), us).unwrap_err();
        assert_eq!(e.code, "unparsable", "{bad}");
    }
    assert_eq!(date(&Cell::Number(12.5), us).unwrap_err().code, "unparsable");
    for mtm in ["MTM", "Month-to-Month", "M-T-M", "Holdover"] {
        assert_eq!(date(&t(mtm), us).unwrap_err().code, "month_to_month", "{mtm}");
    }
    for blank in ["N/A", "-", ""] {
        assert_eq!(date(&t(blank), us).unwrap(), None);
    }
}

#[test]
fn text_of_numbers_is_as_written() {
    assert_eq!(text(&Cell::Number(101.0)).as_deref(), Some("101"));
    assert_eq!(text(&Cell::Number(1.5)).as_deref(), Some("1.5"));
    assert_eq!(text(&t("N/A")), None);
}

#[test]
fn names_lose_their_footnote_marks() {
    assert_eq!(
        name(&t("Anchor Point Counseling Corp. *")).as_deref(),
        Some("Anchor Point Counseling Corp.")
    );
    assert_eq!(name(&t("Beta LLC (1)")).as_deref(), Some("Beta LLC"));
    assert_eq!(name(&t("Gamma Inc.**")).as_deref(), Some("Gamma Inc."));
    assert_eq!(name(&t("Acme (USA)")).as_deref(), Some("Acme (USA)"));
    assert_eq!(name(&t("*")), None);
}
