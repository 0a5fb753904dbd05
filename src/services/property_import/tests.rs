//! Unit tests of `services::property_import`.
use super::Format;

#[test]
fn the_format_follows_the_file_extension() {
    assert_eq!(Format::from_name("a/B.CSV"), Some(Format::Csv));
    assert_eq!(Format::from_name("x.jsonl"), Some(Format::Jsonl));
    assert_eq!(Format::from_name("x.xlsx"), None);
}
