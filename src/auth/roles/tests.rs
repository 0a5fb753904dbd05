//! Unit tests of `auth::roles`.
use super::*;

fn principal(roles: Vec<Role>) -> Principal {
    Principal {
        subject: "u1".into(),
        tenant: "acme".into(),
        roles,
        email: None,
        name: None,
    }
}

#[test]
fn roles_are_ordered_admin_over_operator_over_analyst_over_viewer() {
    assert!(Role::Admin.at_least(Role::Operator));
    assert!(Role::Operator.at_least(Role::Analyst));
    assert!(Role::Analyst.at_least(Role::Viewer));
    assert!(Role::Analyst.at_least(Role::Analyst));
    assert!(!Role::Viewer.at_least(Role::Analyst));
    assert!(!Role::Operator.at_least(Role::Admin));
}

#[test]
fn roles_round_trip_through_their_lowercase_names() {
    for role in Role::ALL {
        assert_eq!(role.to_string().parse::<Role>(), Ok(role));
    }
    assert_eq!("admin".parse::<Role>(), Ok(Role::Admin));
}

#[test]
fn role_names_in_other_case_or_unknown_are_rejected() {
    assert_eq!("Admin".parse::<Role>(), Err(UnknownRole("Admin".into())));
    assert!("superuser".parse::<Role>().is_err());
}

#[test]
fn a_principal_is_judged_by_its_highest_role() {
    let p = principal(vec![Role::Viewer, Role::Operator]);
    assert_eq!(p.highest_role(), Some(Role::Operator));
    assert!(p.has_at_least(Role::Analyst));
    assert!(!p.has_at_least(Role::Admin));
}

#[test]
fn a_principal_without_roles_has_no_privilege() {
    let p = principal(vec![]);
    assert_eq!(p.highest_role(), None);
    assert!(!p.has_at_least(Role::Viewer));
}
