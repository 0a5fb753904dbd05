//! Unit tests of `services::documents::names`.
use super::*;

#[test]
fn traversal_and_separators_never_reach_the_key() {
    for (input, want) in [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\boot.ini", "boot.ini"),
        ("..", "file"),
        ("...", "file"),
        (".htaccess", "htaccess"),
        ("a..b.pdf", "a.b.pdf"),
        ("Lease – signed (final).pdf", "Lease_signed_final_.pdf"),
        ("x\u{0}y\r\n.pdf", "xy.pdf"),
        ("", "file"),
    ] {
        assert_eq!(key_segment(&display_name(input)), want, "{input:?}");
    }
}

#[test]
fn long_names_are_cut_but_keep_their_extension() {
    let long = format!("{}.pdf", "a".repeat(300));
    let seg = key_segment(&display_name(&long));
    assert_eq!(seg.len(), 100);
    assert!(seg.ends_with(".pdf"));
    assert_eq!(display_name(&long).chars().count(), 200);
}

#[test]
fn disposition_carries_an_ascii_and_an_encoded_name() {
    let d = content_disposition("Miete März.pdf");
    assert_eq!(
        d,
        "attachment; filename=\"Miete_M_rz.pdf\"; filename*=UTF-8''Miete%20M%C3%A4rz.pdf"
    );
}
