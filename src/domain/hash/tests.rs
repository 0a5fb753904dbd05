//! The hash against its published test vector.
use super::sha256_hex;

#[test]
fn sha256_of_abc_is_the_published_vector() {
    assert_eq!(
        sha256_hex(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}
