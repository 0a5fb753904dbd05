//! Unit tests of `services::documents::sniff`.
use super::*;

#[test]
fn the_bytes_decide_not_the_name() {
    assert_eq!(content_type(b"%PDF-1.7\n...", "x.txt").unwrap(), "application/pdf");
    assert_eq!(
        content_type(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "x.pdf").unwrap(),
        "image/png"
    );
    assert_eq!(content_type(b"a,b\n1,2\n", "x.csv").unwrap(), "text/csv; charset=utf-8");
    assert_eq!(content_type(b"hello", "x.pdf").unwrap(), "text/plain; charset=utf-8");
}

#[test]
fn executables_archives_and_binary_noise_are_refused() {
    assert!(content_type(b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff", "x.pdf").is_err());
    assert!(content_type(b"\x7fELF\x02\x01\x01\0", "x.pdf").is_err());
    assert!(content_type(b"\0\x01\x02\x03\xfe", "x.txt").is_err());
    assert!(content_type(b"<html>\0</html>", "x.html").is_err());
}
