//! Unit tests of `domain::text`.
use super::*;

#[test]
fn lengths_count_characters_not_bytes() {
    assert_eq!(violation(&"é".repeat(300), DEFAULT), None);
    assert_eq!(
        violation(&"é".repeat(301), DEFAULT).as_deref(),
        Some("at most 300 characters")
    );
    assert_eq!(
        violation(&"x".repeat(101), ID).as_deref(),
        Some("at most 100 characters")
    );
    assert_eq!(violation(&"x".repeat(2000), LONG_TEXT), None);
    assert_eq!(
        violation(&"x".repeat(2001), LONG_TEXT).as_deref(),
        Some("at most 2000 characters")
    );
    assert_eq!(violation(&"a".repeat(100_000), FILE_TEXT), None);
}

#[test]
fn control_characters_are_refused_but_tab_and_newlines_are_text() {
    assert_eq!(violation("a\tb\r\nc", DEFAULT), None);
    assert_eq!(violation("a\0b", DEFAULT).as_deref(), Some("contains a NUL character"));
    assert_eq!(
        violation("Acme\u{1b}[2J", DEFAULT).as_deref(),
        Some("contains a control character (U+001B)")
    );
    assert_eq!(
        violation("bell\u{7}", DEFAULT).as_deref(),
        Some("contains a control character (U+0007)")
    );
    assert!(violation("\u{9b}", DEFAULT).is_some(), "C1 controls too");
    assert!(violation("\u{7f}", DEFAULT).is_some(), "and DEL");
    assert_eq!(violation("form\u{c}feed", FILE_TEXT), None);
    assert!(violation("a,b\n1,\0\n", FILE_TEXT).is_some());
}

#[test]
fn the_length_is_checked_before_the_characters() {
    let long = format!("{}\0", "x".repeat(400));
    assert_eq!(violation(&long, DEFAULT).as_deref(), Some("at most 300 characters"));
}

#[test]
fn a_shown_value_is_short_and_free_of_control_characters() {
    assert_eq!(shown("Acme LLC"), "Acme LLC");
    assert_eq!(shown("tab\tand\nnewline"), "tab\tand\nnewline");
    assert_eq!(shown("Acme\0LLC"), "Acme\\u{0}LLC");
    assert_eq!(shown("a\u{1b}[2J"), "a\\u{1b}[2J");
    let long = "é".repeat(19_000);
    let s = shown(&long);
    assert_eq!(s, format!("{}… (19000 characters)", "é".repeat(SHOWN_CHARS)));
    let s = shown(&format!("{}{}", "\0".repeat(200), "x".repeat(200)));
    assert!(!s.contains('\0') && s.ends_with("… (400 characters)"), "{s}");
    assert_eq!(shown(&"x".repeat(300)), "x".repeat(300));
    let text = StringLimit {
        max_chars: None,
        chars: Chars::Text,
    };
    for s in [shown(&long), shown("a\0b"), shown(&"\u{7f}".repeat(500))] {
        assert_eq!(violation(&s, text), None, "what is shown holds no control character");
    }
}
