//! Unit tests of `analytics::rent_roll::synonyms`: the issue's header spellings, case and
//! punctuation ignored, keyword fallbacks, and headers that are not fields.
use super::*;

fn role(h: &str) -> Option<Role> {
    lookup(h).map(|(r, _)| r)
}

#[test]
fn the_issue_headers_map_to_their_roles() {
    let cases: &[(&str, Role)] = &[
        ("Tenant", Role::Tenant),
        ("LESSEE", Role::Tenant),
        ("Tenant Name", Role::Tenant),
        ("Occupant", Role::Tenant),
        ("Suite", Role::Space),
        ("Unit #", Role::Space),
        ("Ste.", Role::Space),
        ("Space", Role::Space),
        ("RSF", Role::Area),
        ("Rentable SF", Role::Area),
        ("Sq. Ft.", Role::Area),
        ("SF", Role::Area),
        ("Square Feet", Role::Area),
        ("Annual Rent", Role::AnnualRent),
        ("Annual Base Rent", Role::AnnualRent),
        ("Monthly Rent", Role::MonthlyRent),
        ("Rent/SF/Yr", Role::RentPsf),
        ("$/SF", Role::RentPsf),
        ("Rent PSF", Role::RentPsf),
        ("Base Rent", Role::Rent),
        ("Rent", Role::Rent),
        ("Lease Exp", Role::End),
        ("Expiration", Role::End),
        ("LXD", Role::End),
        ("Lease End", Role::End),
        ("Commencement", Role::Start),
        ("LCD", Role::Start),
        ("Lease Start", Role::Start),
        ("Start", Role::Start),
        ("Unit", Role::Space),
        ("Unit Type", Role::UnitType),
        ("Floorplan", Role::UnitType),
        ("Bed/Bath", Role::BedBath),
        ("Market Rent", Role::MarketRent),
        ("Actual Rent", Role::ActualRent),
        ("Lease Rent", Role::ActualRent),
        ("Move-In", Role::MoveIn),
        ("Move In Date", Role::MoveIn),
        ("Status", Role::Status),
        ("Rent/SF/Mo", Role::RentPsfMonthly),
    ];
    for (h, want) in cases {
        assert_eq!(role(h), Some(*want), "{h}");
    }
}

#[test]
fn case_and_punctuation_do_not_matter() {
    assert_eq!(norm("  Rent / SF / Yr. "), "rent sf yr");
    assert_eq!(norm("$/SF"), "usd sf");
    assert_eq!(norm("Unit #"), "unit no");
    assert_eq!(role("LEASE-EXP."), Some(Role::End));
    assert_eq!(role("tenant_name"), Some(Role::Tenant));
}

#[test]
fn the_reason_names_the_synonym_or_the_keywords() {
    let (_, m) = lookup("annual base rent").unwrap_or((Role::Tenant, Match::Keywords(vec![])));
    assert_eq!(m.describe(), "matched synonym \"Annual Base Rent\"");
    let (r, m) = lookup("Current Annual Rent ($)").unwrap_or((Role::Tenant, Match::Keywords(vec![])));
    assert_eq!(r, Role::AnnualRent);
    assert_eq!(m.describe(), "keywords \"annual\" + \"rent\"");
    assert_eq!(role("Expiration Dt"), Some(Role::End));
    assert_eq!(role("Monthly Rent PSF"), Some(Role::RentPsfMonthly));
    assert_eq!(role("Mkt Rent $/SF"), Some(Role::MarketRentPsf));
    assert_eq!(role("Total Rentable Area"), Some(Role::Area));
}

#[test]
fn deposits_recoveries_and_titles_are_not_fields() {
    for h in [
        "Security Deposit",
        "CAM Recoveries",
        "% of Building",
        "Pro Rata Share",
        "Next Rent Increase",
        "Free Rent",
        "Notes",
        "As of 12/31/2025",
        "Lease Type",
        "",
    ] {
        assert_eq!(role(h), None, "{h}");
    }
}
