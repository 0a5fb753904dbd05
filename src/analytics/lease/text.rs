//! A lease's text, page by page, from the bytes of a PDF (its text layer), a DOCX or plain text;
//! citations point into these pages (1-based page, character offsets within the page).
use super::docx;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// The kinds of file a lease is read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Pdf,
    Docx,
    Text,
}

/// A document's text: one string per page.
#[derive(Debug, Clone)]
pub struct DocText {
    pub format: Format,
    pub pages: Vec<String>,
}

/// Why a document has no text to read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TextError {
    #[error(
        "the PDF has {pages} page(s) but no text layer: it is a scanned image, and reading scans (OCR) is not supported"
    )]
    Scan { pages: usize },
    #[error("the {format} file could not be read: {reason}")]
    Unreadable { format: &'static str, reason: String },
    #[error("the file is not a PDF, a DOCX or UTF-8 text")]
    Unsupported,
    #[error("the document has no text")]
    Empty,
}

impl TextError {
    /// Stable error code.
    pub fn code(&self) -> &'static str {
        match self {
            TextError::Scan { .. } => "LEASE_SCANNED_PDF",
            TextError::Unreadable { .. } => "LEASE_UNREADABLE",
            TextError::Unsupported => "LEASE_UNSUPPORTED_FORMAT",
            TextError::Empty => "LEASE_EMPTY",
        }
    }
}

/// Fewer letters than this in a whole PDF means it has no text layer to read (a scan).
const MIN_LETTERS_PER_PDF: usize = 20;

/// Reads `bytes`, telling the format from its first bytes (`%PDF`, a ZIP with
/// `word/document.xml`, else UTF-8 text).
pub fn read(bytes: &[u8]) -> Result<DocText, TextError> {
    let head = &bytes[..bytes.len().min(1024)];
    let doc = if head.windows(5).any(|w| w == b"%PDF-") {
        DocText {
            format: Format::Pdf,
            pages: pdf_pages(bytes)?,
        }
    } else if bytes.starts_with(b"PK\x03\x04") {
        let pages = docx::pages(bytes).map_err(|reason| TextError::Unreadable { format: "DOCX", reason })?;
        DocText {
            format: Format::Docx,
            pages,
        }
    } else {
        let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
            .map_err(|_| TextError::Unsupported)?;
        if text.contains('\0') {
            return Err(TextError::Unsupported);
        }
        let text = text.replace("\r\n", "\n");
        DocText {
            format: Format::Text,
            pages: text.split('\u{c}').map(str::to_string).collect(),
        }
    };
    if doc.pages.iter().all(|p| p.trim().is_empty()) {
        return Err(TextError::Empty);
    }
    Ok(doc)
}

fn pdf_pages(bytes: &[u8]) -> Result<Vec<String>, TextError> {
    // pdf-extract has panicked on malformed files in the past; a bad upload must not take the
    // server down, so a panic inside it is an unreadable file like any other.
    let pages = catch_unwind(AssertUnwindSafe(|| pdf_extract::extract_text_from_mem_by_pages(bytes)))
        .map_err(|_| TextError::Unreadable {
            format: "PDF",
            reason: "its structure is malformed".into(),
        })?
        .map_err(|e| TextError::Unreadable {
            format: "PDF",
            reason: e.to_string(),
        })?;
    let letters: usize = pages
        .iter()
        .map(|p| p.chars().filter(|c| c.is_alphabetic()).count())
        .sum();
    if letters < MIN_LETTERS_PER_PDF {
        return Err(TextError::Scan { pages: pages.len() });
    }
    Ok(pages.into_iter().map(|p| p.replace("\r\n", "\n")).collect())
}

/// Character offset of byte offset `byte` in `page` (citations count characters, not bytes).
pub fn char_offset(page: &str, byte: usize) -> usize {
    page.get(..byte)
        .map_or_else(|| page.chars().count(), |s| s.chars().count())
}
