//! Engine paths as API paths.
use super::*;

#[test]
fn engine_paths_become_camel_case_graphql_paths() {
    let names = vec!["retail".to_owned(), "office.hq".to_owned()];
    assert_eq!(graphql_path("leases[2].end", &names), "leases[2].end");
    assert_eq!(
        graphql_path("leases[0].expense_stop_psf", &names),
        "leases[0].expenseStopPsf"
    );
    assert_eq!(
        graphql_path("market_leasing.office.hq.ti_new_psf", &names),
        "marketLeasing[1].tiNewPsf"
    );
    assert_eq!(
        graphql_path("unit_mix[1].current_rent", &names),
        "unitMix[1].currentRent"
    );
}

#[test]
fn spec_errors_are_named_under_spec() {
    let e = DcfError::Invalid {
        field: "sensitivity.exit_cap_offsets[1]".into(),
        message: "out of range".into(),
    };
    match engine_error(&e, "input", &[]) {
        ApiError::BadInput { field, .. } => assert_eq!(field, "spec.exitCapOffsets[1]"),
        other => panic!("expected BadInput, got {other:?}"),
    }
}
