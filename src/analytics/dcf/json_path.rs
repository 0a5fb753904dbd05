//! Locates the JSON path (e.g. `leases[2].rent_psf`) at which serde_json stopped, so a parse
//! error names its field like every other refusal.

use super::error::DcfError;

enum Frame {
    Object { key: Option<String>, awaiting_key: bool },
    Array { index: usize },
}

pub(super) fn json_error(text: &str, e: &serde_json::Error) -> DcfError {
    let offset = byte_offset(text, e.line(), e.column());
    DcfError::Json {
        path: path_at(text, offset),
        message: e.to_string(),
        line: e.line(),
        column: e.column(),
    }
}

fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (line_start + column).min(text.len())
}

/// Walks the text up to `offset`, tracking the open objects and arrays.
fn path_at(text: &str, offset: usize) -> String {
    let mut stack: Vec<Frame> = Vec::new();
    let bytes = &text.as_bytes()[..offset.min(text.len())];
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => stack.push(Frame::Object {
                key: None,
                awaiting_key: true,
            }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array { index }) => *index += 1,
                Some(Frame::Object { awaiting_key, .. }) => *awaiting_key = true,
                None => {}
            },
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if let Some(Frame::Object { key, awaiting_key }) = stack.last_mut()
                    && *awaiting_key
                {
                    *key = Some(String::from_utf8_lossy(&bytes[start..i.min(bytes.len())]).into_owned());
                    *awaiting_key = false;
                }
            }
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(k), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array { index } => path.push_str(&format!("[{index}]")),
        }
    }
    if path.is_empty() { "$".to_string() } else { path }
}

#[cfg(test)]
mod tests;
