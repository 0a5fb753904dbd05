//! Unit tests of `analytics::rent_roll::header`: the header below titles and blank rows, a
//! two-line header, a second column of the same meaning, and the roll's kind.
#![allow(clippy::unwrap_used)]
use super::*;
use crate::analytics::rent_roll::grid::read;

fn grid(csv: &str) -> Grid {
    read("x.csv", csv.as_bytes(), None).unwrap()
}

fn roles(h: &Header) -> Vec<Option<Role>> {
    h.columns.iter().map(|c| c.role).collect()
}

#[test]
fn the_header_is_found_below_titles_and_blank_rows() {
    let g = grid(
        "Oak Plaza Rent Roll\nAs of 12/31/2025\n,,,\nTenant,Suite,RSF,Annual Rent,Lease Exp\nAcme,100,\"1,000\",\"$24,000\",1/31/2027\n",
    );
    let h = detect(&g).unwrap();
    assert_eq!(g.rows[h.at].number, 4);
    assert_eq!(h.lines, 1);
    assert_eq!(
        roles(&h),
        [
            Some(Role::Tenant),
            Some(Role::Space),
            Some(Role::Area),
            Some(Role::AnnualRent),
            Some(Role::End)
        ]
    );
    assert_eq!(h.columns[2].reason, "matched synonym \"RSF\"");
}

#[test]
fn a_two_line_header_is_joined() {
    let g = grid(
        "Rent Roll\n,,Rentable,Annual,Lease,Lease\nTenant,Suite,SF,Rent,Start,End\nAcme,100,1000,24000,1/1/2025,12/31/2029\n",
    );
    let h = detect(&g).unwrap();
    assert_eq!(g.rows[h.at].number, 2);
    assert_eq!(h.lines, 2);
    let headers: Vec<&str> = h.columns.iter().map(|c| c.header.as_str()).collect();
    assert_eq!(
        headers,
        [
            "Tenant",
            "Suite",
            "Rentable SF",
            "Annual Rent",
            "Lease Start",
            "Lease End"
        ]
    );
    assert_eq!(
        roles(&h),
        [
            Some(Role::Tenant),
            Some(Role::Space),
            Some(Role::Area),
            Some(Role::AnnualRent),
            Some(Role::Start),
            Some(Role::End)
        ]
    );
    assert!(
        h.columns[2].reason.contains("two-line header"),
        "{}",
        h.columns[2].reason
    );
}

#[test]
fn a_header_needs_three_roles_one_of_them_suite_or_tenant() {
    assert!(
        detect(&grid("Rent,SF,Lease Exp\n1,2,3\n")).is_none(),
        "no suite nor tenant"
    );
    assert!(detect(&grid("Tenant,Suite\nAcme,100\n")).is_none(), "two roles");
    assert!(detect(&grid("Tenant,Suite,SF\nAcme,100,5\n")).is_some());
}

#[test]
fn a_second_column_of_the_same_meaning_is_not_read() {
    let g = grid("Tenant,DBA,Suite,SF\nAcme Holdings,Acme,100,1000\n");
    let h = detect(&g).unwrap();
    assert_eq!(h.columns[1].role, None);
    assert!(
        h.columns[1].reason.contains("same meaning as column \"Tenant\""),
        "{}",
        h.columns[1].reason
    );
    assert_eq!(h.columns.iter().filter(|c| c.role == Some(Role::Tenant)).count(), 1);
}

#[test]
fn unmatched_and_empty_headers_say_so() {
    let g = grid("Tenant,Suite,SF,,Security Deposit\n");
    let h = detect(&g).unwrap();
    assert_eq!(h.columns[3].reason, "empty header");
    assert_eq!(h.columns[4].reason, "no synonym matched");
    assert_eq!(h.name(3), "D", "an empty header is named by its letter");
    assert_eq!(letter(0), "A");
    assert_eq!(letter(27), "AB");
}

#[test]
fn the_kind_follows_the_mapped_columns() {
    let mf = detect(&grid(
        "Unit,Unit Type,SF,Market Rent,Actual Rent,Move-In,Lease End,Status\n",
    ))
    .unwrap();
    let (k, why) = kind(&mf);
    assert_eq!(k, Kind::Multifamily);
    assert!(why.contains("\"Market Rent\""), "{why}");
    let com = detect(&grid("Tenant,Suite,RSF,Rent/SF/Yr,LCD,LXD\n")).unwrap();
    assert_eq!(kind(&com).0, Kind::Commercial);
    // Neither kind's own columns: commercial.
    let plain = detect(&grid("Tenant,Unit,SF,Rent,Lease End\n")).unwrap();
    assert_eq!(kind(&plain).0, Kind::Commercial);
}
