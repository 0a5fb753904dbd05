//! Unit tests of `analytics::rent_roll::units`: the unit of an unlabeled rent column from its
//! magnitudes against the areas, from another rent column, and ambiguity refused.
#![allow(clippy::unwrap_used)]
use super::*;

#[test]
fn annual_rents_read_as_annual() {
    // 24,000 on 1,000 sf: annual → $24/sf/yr (typical); monthly → 12 × 24,000 / 1,000 = $288
    // (plausible, not typical); $/sf → $24,000 (implausible). Both fit 3–300; annual alone is typical.
    let rows = [(24_000.0, 1_000.0), (60_000.0, 2_500.0), (30_000.0, 1_000.0)];
    let (unit, why) = infer(&rows, None).unwrap();
    assert_eq!(unit, RentUnit::Annual);
    // medians: 24, 24, 30 → 24.
    assert!(why.contains("median $24.00/sf/yr"), "{why}");
    assert!(why.contains("as monthly rent: median $288.00/sf/yr"), "{why}");
}

#[test]
fn monthly_rents_read_as_monthly() {
    // 2,000 a month on 1,000 sf: monthly → 12 × 2,000 / 1,000 = $24/sf/yr; annual → $2 (below 3).
    let rows = [(2_000.0, 1_000.0), (5_000.0, 2_500.0), (2_500.0, 1_000.0)];
    assert_eq!(infer(&rows, None).unwrap().0, RentUnit::Monthly);
}

#[test]
fn psf_rents_read_as_psf() {
    // 24.50 on 1,000 sf: $/sf → $24.50; annual → $0.0245; monthly → $0.294.
    let rows = [(24.5, 1_000.0), (30.0, 2_500.0), (18.0, 900.0)];
    assert_eq!(infer(&rows, None).unwrap().0, RentUnit::PsfAnnual);
}

#[test]
fn a_rent_that_fits_no_unit_or_two_is_refused() {
    // 200 on 10 sf: $200 as $/sf, $20 annual and $240 monthly all fit 3–300; only annual is
    // typical (8–80), so it is taken.
    let rows = [(200.0, 10.0)];
    assert_eq!(infer(&rows, None).unwrap().0, RentUnit::Annual);
    // 60 on 10 sf: $/sf 60 (typical), annual 6 (plausible, not typical), monthly 72 (typical): two typical.
    let e = infer(&[(60.0, 10.0)], None).unwrap_err();
    assert!(e.contains("ambiguous"), "{e}");
    // 1 on 1,000,000 sf fits nothing.
    let e = infer(&[(1.0, 1_000_000.0)], None).unwrap_err();
    assert!(e.contains("no unit fits"), "{e}");
    assert!(infer(&[], None).unwrap_err().contains("no occupied row"));
}

#[test]
fn another_rent_column_settles_the_unit() {
    // 2,000 on 500 sf is ambiguous by magnitude (annual $4, monthly $48, both plausible); a
    // $/SF column of 48 agrees with 12 × 2,000 / 500 = 48 on the row: monthly.
    let check = [(2_000.0, 48.0 * 500.0, 500.0)];
    let (unit, why) = infer(
        &[(2_000.0, 500.0)],
        Some(CrossCheck {
            column: "$/SF",
            rows: &check,
        }),
    )
    .unwrap();
    assert_eq!(unit, RentUnit::Monthly);
    assert!(why.contains("agrees with column \"$/SF\" on 1 of 1 rows"), "{why}");
}
