//! Unit tests of `analytics::rent_roll::rows`: blank, total (by word and by sum), repeated
//! header and note rows skipped; vacant suites and a tenant named "Total…" kept.
#![allow(clippy::unwrap_used)]
use super::*;
use crate::analytics::rent_roll::grid::read;
use crate::analytics::rent_roll::header::detect;

/// (row number, skip) of every classified row of a CSV.
fn classes(csv: &str) -> Vec<(usize, Option<Skip>)> {
    let g = read("x.csv", csv.as_bytes(), None).unwrap();
    let h = detect(&g).unwrap();
    classify(&g.rows, &h)
        .iter()
        .map(|c| (g.rows[c.at].number, c.skip))
        .collect()
}

#[test]
fn every_kind_of_row_below_the_header() {
    let csv = "\
Rent Roll
Suite,Tenant,RSF,Annual Rent,Lease Exp
Building A,,,,
100,Acme,\"1,000\",\"24,000\",1/31/2027
110,VACANT,500,,
120,,700,,
130,Total Wine & More,\"2,000\",\"40,000\",6/30/2030
,Subtotal Building A,\"4,200\",\"64,000\",
,,,,
Suite,Tenant,RSF,Annual Rent,Lease Exp
200,Beta LLC,\"1,000\",\"30,000\",12/31/2028
,,\"1,000\",\"30,000\",
,Grand Total,\"5,200\",\"94,000\",
* Acme has one renewal option
Occupancy,,,86.5%,
\"Occupancy: 89.7% of 5,200 RSF\"
";
    let got = classes(csv);
    let want = [
        (3, Some(Skip::Note)),
        (4, None),
        (5, None),
        (6, None),
        (7, None),
        (8, Some(Skip::Total)),
        (9, Some(Skip::Blank)),
        (10, Some(Skip::Header)),
        (11, None),
        // No suite, no label: 1,000 sf and 30,000 sum the rows since the subtotal (row 11).
        (12, Some(Skip::Total)),
        (13, Some(Skip::Total)),
        (14, Some(Skip::Note)),
        (15, Some(Skip::Total)),
        // One text cell is a note, whatever it says (but "total").
        (16, Some(Skip::Note)),
    ];
    assert_eq!(got, want);
}

#[test]
fn a_row_with_values_but_no_suite_nor_tenant_is_a_note_with_a_warning() {
    let csv = "Suite,Tenant,RSF,Annual Rent,Lease Exp\n100,Acme,1000,24000,1/31/2027\n,,,26000,1/31/2028\n";
    let g = read("x.csv", csv.as_bytes(), None).unwrap();
    let h = detect(&g).unwrap();
    let c = classify(&g.rows, &h);
    assert_eq!(c[1].skip, Some(Skip::Note));
    assert!(
        c[1].warning.as_deref().unwrap_or("").contains("neither a suite"),
        "{:?}",
        c[1]
    );
}

#[test]
fn a_vacant_row_without_suite_is_a_total_when_it_sums_the_vacant_rows() {
    let csv = "Suite,Tenant,RSF\n100,Acme,1000\n110,VACANT,500\n120,Vacant,700\n,Vacant,1200\n";
    assert_eq!(classes(csv).last(), Some(&(5, Some(Skip::Total))));
}

#[test]
fn vacancy_markers_and_statuses() {
    for v in ["VACANT", "Vacant - Available", "<vacant>", "Available", "vacancy"] {
        assert!(vacant_marker(v), "{v}");
    }
    for o in ["Vacation Rentals Inc", "Acme", "Avail Corp"] {
        assert!(!vacant_marker(o), "{o}");
    }
    assert_eq!(status("Occupied"), Some(Status::Occupied));
    assert_eq!(status("Vacant-Leased"), Some(Status::Vacant));
    assert_eq!(status("Notice"), Some(Status::Notice));
    assert_eq!(status("Occupied-NTV"), Some(Status::Notice));
    assert_eq!(status("Model"), Some(Status::Vacant));
    assert_eq!(status("V"), Some(Status::Vacant));
    assert_eq!(status("Pending"), None);
}
