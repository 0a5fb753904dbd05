//! The development key pair: created once with private permissions, reloaded unchanged, and only
//! its own tokens verify.

use std::time::Duration;

use super::*;
use crate::auth::Role;
use crate::auth::dev::{DevKeyError, DevKeys};

#[tokio::test]
async fn a_minted_dev_token_verifies_with_its_tenant_and_role() {
    let dir = temp_dir("dev-mint");
    let keys = DevKeys::load_or_create(&dir).unwrap();
    let token = keys.mint("acme", Role::Operator, Duration::from_secs(600)).unwrap();
    let principal = keys.verifier().verify(Some(&format!("Bearer {token}"))).await.unwrap();
    assert_eq!(principal.tenant, "acme");
    assert_eq!(principal.roles, vec![Role::Operator]);
    let header = jsonwebtoken::decode_header(&token).unwrap();
    assert_eq!(header.kid.as_deref(), Some(keys.kid()));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_key_pair_is_created_once_with_mode_0600_and_reloaded_with_the_same_kid() {
    let dir = temp_dir("dev-reload");
    let first = DevKeys::load_or_create(&dir).unwrap();
    let private = dir.join("dev-keys/private-key.pem");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&private).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let pem_before = std::fs::read(&private).unwrap();
    let second = DevKeys::load_or_create(&dir).unwrap();
    assert_eq!(first.kid(), second.kid());
    assert_eq!(std::fs::read(&private).unwrap(), pem_before);
    let public = std::fs::read_to_string(dir.join("dev-keys/public-key.jwk.json")).unwrap();
    assert!(public.contains(first.kid()));
    assert!(
        !public.contains("\"d\""),
        "the public file must not hold the private scalar"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn tokens_from_another_dev_key_pair_are_rejected() {
    let (dir_a, dir_b) = (temp_dir("dev-a"), temp_dir("dev-b"));
    let a = DevKeys::load_or_create(&dir_a).unwrap();
    let b = DevKeys::load_or_create(&dir_b).unwrap();
    assert_ne!(a.kid(), b.kid());
    let token = b.mint("acme", Role::Admin, Duration::from_secs(60)).unwrap();
    let err = a.verifier().verify(Some(&format!("Bearer {token}"))).await.unwrap_err();
    assert_eq!(err.code(), "UNKNOWN_KEY");
    std::fs::remove_dir_all(dir_a).unwrap();
    std::fs::remove_dir_all(dir_b).unwrap();
}

#[test]
fn minting_refuses_an_empty_tenant_or_a_zero_ttl() {
    let dir = temp_dir("dev-args");
    let keys = DevKeys::load_or_create(&dir).unwrap();
    assert!(matches!(
        keys.mint(" ", Role::Viewer, Duration::from_secs(60)),
        Err(DevKeyError::EmptyTenant)
    ));
    assert!(matches!(
        keys.mint("acme", Role::Viewer, Duration::from_millis(500)),
        Err(DevKeyError::InvalidTtl)
    ));
    std::fs::remove_dir_all(dir).unwrap();
}

#[cfg(unix)]
#[test]
fn a_private_key_readable_by_others_is_refused() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = temp_dir("dev-perms");
    DevKeys::load_or_create(&dir).unwrap();
    let private = dir.join("dev-keys/private-key.pem");
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o644)).unwrap();
    let err = DevKeys::load_or_create(&dir).err().unwrap();
    assert!(
        matches!(err, DevKeyError::InsecurePermissions { mode: 0o644, .. }),
        "{err}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}
