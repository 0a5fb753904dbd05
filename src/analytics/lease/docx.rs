//! The text of a DOCX (WordprocessingML): paragraphs as lines, table cells separated by tabs,
//! rows as lines, and explicit or last-rendered page breaks starting a new page.
use quick_xml::Reader;
use quick_xml::events::Event;
use std::io::{Cursor, Read};

/// Largest `word/document.xml` read (a zip bomb stops here, not in memory).
const MAX_XML_BYTES: u64 = 64 * 1024 * 1024;

/// The pages of the DOCX in `bytes`, or why it could not be read.
pub fn pages(bytes: &[u8]) -> Result<Vec<String>, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("not a valid ZIP: {e}"))?;
    let entry = archive
        .by_name("word/document.xml")
        .map_err(|_| "no word/document.xml: not a Word document".to_string())?;
    let mut xml = Vec::new();
    entry
        .take(MAX_XML_BYTES)
        .read_to_end(&mut xml)
        .map_err(|e| format!("word/document.xml: {e}"))?;
    parse(&xml)
}

fn parse(xml: &[u8]) -> Result<Vec<String>, String> {
    let mut reader = Reader::from_reader(xml);
    let mut pages = vec![String::new()];
    let (mut in_text, mut cells, mut buf) = (false, 0usize, Vec::new());
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| format!("word/document.xml: {e}"))?;
        let page = pages.last_mut().ok_or("no page")?;
        match event {
            Event::Start(e) => match e.local_name().into_inner() {
                "t" => in_text = true,
                "tc" => cells += 1,
                _ => {}
            },
            Event::End(e) => match e.local_name().into_inner() {
                "t" => in_text = false,
                // A paragraph inside a table cell continues the row; the row ends the line.
                "p" => page.push(if cells > 0 { ' ' } else { '\n' }),
                "tr" => page.push('\n'),
                "tc" => {
                    cells = cells.saturating_sub(1);
                    page.push('\t');
                }
                _ => {}
            },
            Event::Empty(e) => match e.local_name().into_inner() {
                "tab" => page.push('\t'),
                "br" | "cr" => {
                    let is_page = e
                        .attributes()
                        .flatten()
                        .any(|a| a.key.local_name().into_inner() == "type" && a.value.as_ref() == "page");
                    if is_page {
                        pages.push(String::new())
                    } else {
                        page.push('\n')
                    }
                }
                "lastRenderedPageBreak" if !page.trim().is_empty() => pages.push(String::new()),
                _ => {}
            },
            Event::Text(t) if in_text => page.push_str(&t),
            Event::GeneralRef(r) if in_text => {
                let ch = r.resolve_char_ref().map_err(|e| format!("word/document.xml: {e}"))?;
                match (ch, quick_xml::escape::resolve_predefined_entity(&r)) {
                    (Some(c), _) => page.push(c),
                    (None, Some(s)) => page.push_str(s),
                    (None, None) => return Err(format!("word/document.xml: unknown entity &{};", &*r)),
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(pages)
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn runs_join_paragraphs_break_and_pages_split() {
        let xml = br#"<w:document xmlns:w="x"><w:body>
            <w:p><w:r><w:t>Comm</w:t></w:r><w:r><w:t xml:space="preserve">encement Date: March 1, 2025</w:t></w:r></w:p>
            <w:p><w:r><w:t>Smith &amp; Sons</w:t></w:r><w:r><w:br w:type="page"/></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>Months 1-12</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>$24.50</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            </w:body></w:document>"#;
        let pages = parse(xml).unwrap();
        assert_eq!(pages.len(), 2);
        assert!(pages[0].contains("Commencement Date: March 1, 2025\n"));
        assert!(pages[0].contains("Smith & Sons"));
        assert!(pages[1].contains("Months 1-12"));
        assert!(pages[1].contains("$24.50"));
    }
}
