//! Unit tests of `analytics::csv_safe`.
use super::*;

fn written(rows: &[Vec<Cell<'_>>]) -> String {
    let mut w = SafeCsv::new(Vec::new(), &["a", "b"]).unwrap();
    for r in rows {
        w.row(r).unwrap();
    }
    String::from_utf8(w.finish().unwrap()).unwrap()
}

#[test]
fn formula_leading_text_gets_a_quote_and_nothing_else_changes() {
    for t in ["=1+1", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
        assert_eq!(neutralize(t), format!("'{t}"), "{t:?}");
    }
    for t in ["plain", "", "1=1", " =1", "'=1", "A-1"] {
        assert_eq!(neutralize(t), t, "{t:?}");
    }
}

#[test]
fn numbers_are_never_neutralized_and_text_is_quoted_as_csv_needs() {
    let out = written(&[
        vec![Cell::Number(-0.1234, 2), Cell::Int(-7)],
        vec![Cell::Text("=HYPERLINK(\"http://x\",\"click\")"), Cell::Text("a,b\nc")],
    ]);
    assert_eq!(
        out,
        "a,b\n-0.12,-7\n\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\",\"a,b\nc\"\n"
    );
    let mut rdr = csv::Reader::from_reader(out.as_bytes());
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(&rows[1][0], "'=HYPERLINK(\"http://x\",\"click\")");
    assert_eq!(&rows[1][1], "a,b\nc");
}
