//! File names from clients, made safe: a display name (the last path segment, control characters
//! removed, length capped) and an object-key segment (ASCII letters, digits, `.`, `_`, `-` only,
//! never `.`/`..` or hidden, extension kept when the name is shortened).

/// Longest display name kept (characters).
const MAX_DISPLAY: usize = 200;
/// Longest key segment (bytes, all ASCII).
const MAX_SEGMENT: usize = 100;

/// The name shown to users and sent in `Content-Disposition`: no directories, no control
/// characters, at most 200 characters; `file` when nothing is left.
pub fn display_name(client: &str) -> String {
    let last = client.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = last.chars().filter(|c| !c.is_control()).collect();
    let clean = clean.trim();
    if clean.is_empty() || clean == "." || clean == ".." {
        return "file".into();
    }
    if clean.chars().count() <= MAX_DISPLAY {
        return clean.to_owned();
    }
    let ext = clean
        .rsplit_once('.')
        .map(|(_, e)| e)
        .filter(|e| !e.is_empty() && e.chars().count() <= 10);
    match ext {
        Some(e) => {
            let stem: String = clean.chars().take(MAX_DISPLAY - e.chars().count() - 1).collect();
            format!("{stem}.{e}")
        }
        None => clean.chars().take(MAX_DISPLAY).collect(),
    }
}

/// The last segment of the object key: every other character becomes `_`, runs of `_` collapse,
/// leading dots and underscores go, and a long name keeps its extension.
pub fn key_segment(display: &str) -> String {
    let mut out = String::with_capacity(display.len());
    for c in display.chars() {
        let c = if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
            c
        } else {
            '_'
        };
        if c == '_' && out.ends_with('_') {
            continue;
        }
        out.push(c);
    }
    // `..` inside a segment is harmless to a key, but refuse it anyway so no store sees one.
    while out.contains("..") {
        out = out.replace("..", ".");
    }
    let out = out.trim_start_matches(['.', '_']).trim_end_matches(['.', '_']);
    let out = if out.is_empty() { "file" } else { out };
    if out.len() <= MAX_SEGMENT {
        return out.to_owned();
    }
    match out.rsplit_once('.') {
        Some((stem, ext)) if !ext.is_empty() && ext.len() <= 10 => {
            format!("{}.{ext}", &stem[..MAX_SEGMENT - ext.len() - 1])
        }
        _ => out[..MAX_SEGMENT].to_owned(),
    }
}

/// `attachment; filename="ascii"; filename*=UTF-8''percent-encoded` (RFC 6266 / 8187).
pub fn content_disposition(display: &str) -> String {
    let ascii = key_segment(display);
    let mut encoded = String::new();
    for b in display.bytes() {
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            encoded.push(b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests;
