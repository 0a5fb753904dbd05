//! Runs every golden DCF case under golden/dcf and every maximum-bid case under golden/max-bid,
//! and fails listing all mismatches.

use std::path::Path;

use reos::analytics::dcf::golden::{verify_dir, verify_max_bid_dir};

#[test]
fn every_golden_dcf_case_matches_the_engine() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("golden/dcf");
    let report = verify_dir(&dir);
    assert!(
        report.cases.len() >= 4,
        "expected at least 4 golden cases in {}, found {:?}",
        dir.display(),
        report.cases
    );
    println!("{report}");
    assert!(report.is_ok(), "{report}");
}

#[test]
fn every_golden_max_bid_case_matches_the_solver() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("golden/max-bid");
    let report = verify_max_bid_dir(&dir);
    assert!(report.cases.len() >= 8, "found {:?} in {}", report.cases, dir.display());
    println!("{report}");
    assert!(report.is_ok(), "{report}");
}
