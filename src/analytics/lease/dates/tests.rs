use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn reads_the_forms_leases_use() {
    let cases = [
        ("commencing on March 1, 2025 and", d(2025, 3, 1)),
        ("the 1st day of March, 2025", d(2025, 3, 1)),
        ("on 1 March 2025", d(2025, 3, 1)),
        ("Lease Start Date: 03/01/2024", d(2024, 3, 1)),
        ("from 3/1/25", d(2025, 3, 1)),
        ("2025-03-01", d(2025, 3, 1)),
        ("expires 31-Jan-27", d(2027, 1, 31)),
        ("Sept. 30, 2026", d(2026, 9, 30)),
        ("the 15th day of January in the year 2025", d(2025, 1, 15)),
    ];
    for (text, want) in cases {
        let hits = find_all(text);
        assert_eq!(hits.len(), 1, "{text}");
        assert_eq!(hits[0].date, want, "{text}");
    }
}

#[test]
fn spans_cover_the_date_and_impossible_dates_are_left_out() {
    let text = "between 2/30/2025 and February 28, 2030.";
    let hits = find_all(text);
    assert_eq!(hits.len(), 1);
    assert_eq!(&text[hits[0].start..hits[0].end], "February 28, 2030");
}

#[test]
fn term_arithmetic() {
    assert_eq!(term_end(d(2025, 3, 1), 60), Some(d(2030, 2, 28)));
    assert_eq!(whole_months(d(2025, 3, 1), d(2030, 2, 28)), Some(60));
    assert_eq!(whole_months(d(2025, 3, 15), d(2026, 3, 14)), Some(12));
    assert_eq!(whole_months(d(2025, 3, 1), d(2030, 2, 27)), None);
}
