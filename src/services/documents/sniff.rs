//! The content type of an upload, decided from its bytes (magic numbers, or UTF-8 text) against
//! an allow-list. What the client claims is never used.

/// Types accepted from magic numbers.
const ALLOWED: &[&str] = &[
    "application/pdf",
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "image/tiff",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
];

/// The stored content type, or why the bytes are refused.
pub fn content_type(bytes: &[u8], display_name: &str) -> Result<&'static str, String> {
    if let Some(kind) = infer::get(bytes) {
        let mime = kind.mime_type();
        return ALLOWED
            .iter()
            .find(|a| **a == mime)
            .copied()
            .ok_or_else(|| format!("content type {mime} is not accepted"));
    }
    if is_text(bytes) {
        return Ok(if display_name.to_ascii_lowercase().ends_with(".csv") {
            "text/csv; charset=utf-8"
        } else {
            "text/plain; charset=utf-8"
        });
    }
    Err("content type not recognized (accepted: PDF, images, Office Open XML, UTF-8 text)".into())
}

/// UTF-8 without control characters other than tab, line feed, carriage return and form feed.
fn is_text(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes).is_ok_and(|s| {
        s.chars()
            .all(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r' | '\u{c}'))
    })
}

#[cfg(test)]
mod tests;
