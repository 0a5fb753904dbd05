//! Unit tests of `persistence::repositories::users`.
use super::*;

#[test]
fn every_token_role_is_stored_under_its_own_name_and_read_back_as_itself() {
    for role in Role::ALL {
        let stored = UserRole::from(role);
        assert_eq!(stored.as_str(), role.as_str());
        assert_eq!(Role::from(stored), role);
    }
}
