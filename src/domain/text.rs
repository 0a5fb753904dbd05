//! The one declaration of how long a text value may be and which characters it may hold, for
//! every way text comes in: GraphQL string inputs (`graphql::input_limits`) and the values inside
//! imported files (the property pipeline's gates, the sales import). Also how a refused value is
//! shown in reports, so that showing it cannot fail the way storing it would.
//!
//! Why: PostgreSQL refuses NUL in text and index rows above 2,704 bytes, so an unchecked string
//! became an INTERNAL_SERVER_ERROR deep in a resolver or an import (issue #12). 300 characters
//! are at most 1,200 bytes, well inside an index row with its tenant id.

/// Characters a string may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chars {
    /// Text: no control characters (NUL, ESC, DEL, C1…) other than tab, line feed and carriage
    /// return.
    Text,
    /// Anything but NUL: whole files sent as text, whose own parsers check the rest.
    NoNul,
}

/// The limits of one string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StringLimit {
    /// Most characters (Unicode scalar values); `None`: bounded by the request body limit alone.
    pub max_chars: Option<usize>,
    pub chars: Chars,
}

/// Every text value without an override: names, addresses, filters, cursors, months, and every
/// text column of an imported property, owner, lease, unit-mix or sale row (ids included: an
/// `external_id` or `sale_id` is a GraphQL `String` too).
pub const DEFAULT: StringLimit = StringLimit {
    max_chars: Some(300),
    chars: Chars::Text,
};
/// Every GraphQL `ID` input (ids are 36-character UUIDs).
pub const ID: StringLimit = StringLimit {
    max_chars: Some(100),
    chars: Chars::Text,
};
/// Free text that is not indexed: mailing addresses, notes, the free-form columns of a sales file.
pub const LONG_TEXT: StringLimit = StringLimit {
    max_chars: Some(2000),
    chars: Chars::Text,
};
/// A whole file sent as text (CSV, JSON Lines): bounded by `[graphql] max_body_bytes`.
pub const FILE_TEXT: StringLimit = StringLimit {
    max_chars: None,
    chars: Chars::NoNul,
};

/// Why `s` breaks `limit`, if it does: `at most 300 characters`, `contains a NUL character`,
/// `contains a control character (U+001B)`.
pub fn violation(s: &str, limit: StringLimit) -> Option<String> {
    if let Some(max) = limit.max_chars
        && s.len() > max
        && s.chars().nth(max).is_some()
    {
        return Some(format!("at most {max} characters"));
    }
    let bad = match limit.chars {
        Chars::Text => s.chars().find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')),
        Chars::NoNul => s.contains('\0').then_some('\0'),
    }?;
    Some(match bad {
        '\0' => "contains a NUL character".to_owned(),
        c => format!("contains a control character (U+{:04X})", u32::from(c)),
    })
}

/// Characters of a long value that [`shown`] keeps.
pub const SHOWN_CHARS: usize = 100;

/// `s` as reports show and store it: control characters other than tab and newlines written as
/// `\u{1b}`, and a value longer than [`DEFAULT`] cut to its first [`SHOWN_CHARS`] characters
/// followed by `… (19000 characters)`. A value that breaks no rule is returned as it is.
pub fn shown(s: &str) -> String {
    let escape = |c: char| -> String {
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r') {
            format!("\\u{{{:x}}}", u32::from(c))
        } else {
            c.to_string()
        }
    };
    let total = s.chars().count();
    if DEFAULT.max_chars.is_some_and(|max| total > max) {
        let head: String = s.chars().take(SHOWN_CHARS).map(escape).collect();
        return format!("{head}… ({total} characters)");
    }
    if violation(s, DEFAULT).is_none() {
        return s.to_owned();
    }
    s.chars().map(escape).collect()
}

#[cfg(test)]
mod tests;
