//! Unit tests of `analytics::dcf::sensitivity`.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use super::*;
use crate::analytics::dcf::value;

const DENVER: &str = include_str!("../../../../golden/dcf/denver-office/input.json");

#[test]
fn the_default_grids_are_nine_by_nine_and_centred_on_the_valuation() {
    let input = DcfInput::from_json_str(DENVER).unwrap();
    let det = value(&input).unwrap();
    let s = sensitivity(&input, &SensitivitySpec::default()).unwrap();
    let g = &s.exit_cap_by_discount_rate;
    assert_eq!((g.rows.len(), g.cols.len()), (9, 9));
    assert_eq!(g.cells[4][4].value, det.dcf_value);
    assert_eq!(s.rent_growth_by_exit_cap.cells[4][4].npv, det.npv);
    assert!((g.rows[0] - 0.0575).abs() < 1e-12);
}

#[test]
fn value_falls_as_the_exit_cap_or_discount_rate_rises() {
    let input = DcfInput::from_json_str(DENVER).unwrap();
    let g = sensitivity(&input, &SensitivitySpec::default())
        .unwrap()
        .exit_cap_by_discount_rate;
    assert!(g.cells[0][4].value > g.cells[8][4].value);
    assert!(g.cells[4][0].value > g.cells[4][8].value);
    assert_eq!(g.cells[4][0].unlevered_irr, g.cells[4][8].unlevered_irr);
}

#[test]
fn an_offset_leaving_the_valid_range_is_refused_by_position() {
    let input = DcfInput::from_json_str(DENVER).unwrap();
    let spec = SensitivitySpec {
        exit_cap_offsets: vec![0.0, -0.07],
        ..SensitivitySpec::default()
    };
    assert_eq!(
        sensitivity(&input, &spec).unwrap_err().field(),
        "sensitivity.exit_cap_offsets[1]"
    );
}
