//! Unit tests of `analytics::rent_roll::grid`: CSV (BOM, delimiters, ragged rows, physical line
//! numbers, Latin-1) and XLSX (first non-empty sheet or a named one, sheet row numbers, date
//! cells) read into typed cells.
#![allow(clippy::unwrap_used)]
use super::*;

/// The XLSX writer the tests build workbooks with.
pub mod xlsx;
use xlsx::{X, book};

fn texts(r: &Row) -> Vec<String> {
    r.cells.iter().map(Cell::shown).collect()
}

#[test]
fn csv_rows_keep_their_physical_line_numbers_and_ragged_lengths() {
    let text = "\u{feff}Rent Roll\n\nTenant,Suite,\"Notes\nspanning lines\"\nAcme,100\n";
    let g = read("roll.csv", text.as_bytes(), None).unwrap();
    assert_eq!(g.format, Format::Csv);
    assert_eq!(g.sheet, None);
    let numbers: Vec<usize> = g.rows.iter().map(|r| r.number).collect();
    // The empty line 2 is a blank row; the quoted field spans lines 3–4, so Acme is on line 5.
    assert_eq!(numbers, [1, 2, 3, 5]);
    assert_eq!(texts(&g.rows[0]), ["Rent Roll"], "the BOM is gone");
    assert!(g.rows[1].is_blank());
    assert_eq!(texts(&g.rows[2]), ["Tenant", "Suite", "Notes\nspanning lines"]);
    assert_eq!(g.rows[3].cell(5), &Cell::Empty, "past the end is empty");
}

#[test]
fn semicolon_and_tab_delimiters_are_recognized() {
    let g = read("x.csv", b"Tenant;Suite;SF\nAcme;100;\"1,500\"\n", None).unwrap();
    assert_eq!(texts(&g.rows[1]), ["Acme", "100", "1,500"]);
    let g = read("x.txt", b"Tenant\tSuite\nAcme\t100\n", None).unwrap();
    assert_eq!(texts(&g.rows[1]), ["Acme", "100"]);
}

#[test]
fn latin1_text_is_decoded_and_cells_are_trimmed() {
    let g = read("x.csv", b"Caf\xe9 Ol\xe9 ,  100  ,\n", None).unwrap();
    assert_eq!(
        g.rows[0].cells,
        [Cell::Text("Café Olé".into()), Cell::Text("100".into()), Cell::Empty]
    );
}

#[test]
fn the_format_comes_from_the_name_else_the_bytes() {
    assert_eq!(format_of("A.XLSX", b""), Format::Xlsx);
    assert_eq!(format_of("a.xls", b""), Format::Xls);
    assert_eq!(format_of("upload", b"PK\x03\x04rest"), Format::Xlsx);
    assert_eq!(format_of("upload", &[0xD0, 0xCF, 0x11, 0xE0, 0]), Format::Xls);
    assert_eq!(format_of("upload", b"Tenant,Suite"), Format::Csv);
}

#[test]
fn an_xlsx_sheet_has_typed_cells_at_its_sheet_rows() {
    let bytes = book(&[
        ("Notes", vec![]),
        (
            "Rent Roll",
            vec![
                (2, vec![X::S("Rent Roll as of 12/31/2025")]),
                (4, vec![X::E, X::S("Tenant"), X::S("SF"), X::S("Lease Exp")]),
                (5, vec![X::E, X::S("Acme"), X::N(1500.0), X::D(46418.0)]),
            ],
        ),
    ]);
    let g = read("roll.xlsx", &bytes, None).unwrap();
    assert_eq!(g.format, Format::Xlsx);
    assert_eq!(
        g.sheet.as_deref(),
        Some("Rent Roll"),
        "the empty first sheet is passed over"
    );
    let numbers: Vec<usize> = g.rows.iter().map(|r| r.number).collect();
    assert_eq!(numbers, [2, 3, 4, 5], "sheet rows from the first used one, row 3 blank");
    assert!(g.rows[1].is_blank());
    // Column B stays column B (index 1) although column A is empty on these rows.
    assert_eq!(g.rows[3].cell(1), &Cell::Text("Acme".into()));
    assert_eq!(g.rows[3].cell(2), &Cell::Number(1500.0));
    // Serial 46418 in a date-formatted cell: 2027-01-31.
    assert_eq!(
        g.rows[3].cell(3),
        &Cell::Date(NaiveDate::from_ymd_opt(2027, 1, 31).unwrap())
    );
}

#[test]
fn a_named_sheet_is_read_and_a_missing_one_is_refused_with_the_list() {
    let bytes = book(&[
        ("Summary", vec![(1, vec![X::S("Totals")])]),
        ("Detail", vec![(1, vec![X::S("Tenant")])]),
    ]);
    let g = read("roll.xlsx", &bytes, Some("detail")).unwrap();
    assert_eq!(g.sheet.as_deref(), Some("Detail"));
    let e = read("roll.xlsx", &bytes, Some("Rent Roll")).unwrap_err();
    assert_eq!(e.code(), "no_sheet");
    assert!(e.to_string().contains("Summary, Detail"), "{e}");
    let g = read("roll.xlsx", &bytes, None).unwrap();
    assert_eq!(g.sheet.as_deref(), Some("Summary"));
}

#[test]
fn bytes_that_are_not_a_workbook_are_unreadable() {
    let e = read("roll.xlsx", b"not a zip", None).unwrap_err();
    assert_eq!(e.code(), "unreadable_file");
    let e = read("roll.xlsx", &book(&[("A", vec![])]), None).unwrap_err();
    assert_eq!(e, GridError::Empty);
}
