//! A document cut into clauses (segments): paragraphs split at sentence ends, and label lines
//! ("Tenant: …"), headings and table rows each standing alone; a segment is a byte range of a
//! page, so whatever is found in it can be cited by page and offset.
use super::pattern::Re;

/// A clause: `page` (0-based index) and the byte range `start..end` within that page's text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Seg {
    pub page: usize,
    pub start: usize,
    pub end: usize,
}

/// A document's pages and its clauses, in reading order.
pub struct Doc<'a> {
    pub pages: &'a [String],
    pub segs: Vec<Seg>,
    /// The line ranges of every page (tables and label lines are read line by line).
    pub lines: Vec<Seg>,
}

static LABEL_START: Re = re!(
    r"^\s*(?:(?:\d{1,3}(?:\.\d+)*\.?|\(?[a-zA-Z0-9]{1,3}[.)])\s+)?[A-Z][A-Za-z0-9'’/&#()., -]{0,60}?(?::|\t|\s{3,})\s*\S"
);
/// A numbered paragraph ("1.", "1.1", "(a)", "Section 2.01"); a line that merely starts with a
/// year or a figure ("2023 (the …") continues its sentence.
static NUMBERED: Re =
    re!(r"^\s*(?:\d{1,3}(?:\.\d+)+\.?\s|\d{1,3}[.)]\s|\([a-zA-Z0-9]{1,4}\)\s|(?i:article|section|exhibit|schedule)\b)");
static SENTENCE_END: Re = re!(r"[.;]\s+");
static ABBREVIATION: Re = re!(
    r"(?i)(?:\b(?:st|ave|blvd|rd|dr|ln|pkwy|hwy|ste|no|nos|inc|corp|co|ltd|llc|l\.l\.c|l\.p|lp|n\.a|mr|mrs|ms|jr|sr|u\.s|a\.m|p\.m|sq|ft|approx|e\.g|i\.e|etc|vs|mt|ft|apt|fl|bldg|dept|p\.o)|\b[A-Z])\.$"
);

impl<'a> Doc<'a> {
    /// Cuts `pages` into clauses.
    pub fn new(pages: &'a [String]) -> Self {
        let mut segs = Vec::new();
        let mut lines = Vec::new();
        for (page, text) in pages.iter().enumerate() {
            let mut offset = 0;
            let mut block: Option<(usize, usize)> = None;
            for line in text.split_inclusive('\n') {
                let (start, end) = (offset, offset + line.trim_end().len());
                offset += line.len();
                lines.push(Seg { page, start, end });
                let trimmed = line.trim();
                if trimmed.is_empty() {
                    flush(&mut segs, text, page, block.take());
                    continue;
                }
                let stands_alone = is_heading(trimmed) || is_table_row(line);
                // A wrapped sentence may put a figure or "(1)" at a line's start: a numbered
                // paragraph starts only where the block before it has ended a sentence.
                let block_ended =
                    block.is_none_or(|(_, e)| text[..e].trim_end().ends_with(['.', ':', ';', ')', '!', '?', '"', '”']));
                let numbered = NUMBERED.is_match(line) && block_ended;
                if stands_alone || LABEL_START.is_match(line) || numbered {
                    flush(&mut segs, text, page, block.take());
                }
                if stands_alone {
                    segs.push(Seg { page, start, end });
                } else {
                    block = Some((block.map_or(start, |b| b.0), end));
                }
            }
            flush(&mut segs, text, page, block.take());
        }
        Doc { pages, segs, lines }
    }

    /// The text of a segment.
    pub fn text(&self, s: &Seg) -> &'a str {
        self.pages.get(s.page).and_then(|p| p.get(s.start..s.end)).unwrap_or("")
    }
}

fn is_heading(line: &str) -> bool {
    let letters: Vec<char> = line.chars().filter(|c| c.is_alphabetic()).collect();
    line.len() < 70 && letters.len() >= 3 && letters.iter().all(|c| c.is_uppercase()) && !line.contains(':')
}

/// A table row: cells separated by tabs or wide runs of spaces.
fn is_table_row(line: &str) -> bool {
    let line = line.trim();
    line.contains('\t') || line.matches("   ").count() >= 2
}

/// Splits a paragraph `start..end` of `text` into sentences and pushes them.
fn flush(segs: &mut Vec<Seg>, text: &str, page: usize, block: Option<(usize, usize)>) {
    let Some((start, end)) = block else { return };
    let para = &text[start..end];
    let mut from = 0;
    for m in SENTENCE_END.find_iter(para) {
        let before = &para[..m.start() + 1];
        let next = para[m.end()..].chars().next();
        // A semicolon always ends a clause; a period only before what starts a sentence.
        let semicolon = para.as_bytes()[m.start()] == b';';
        let starts_sentence = semicolon
            || next.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '(' || c == '"' || c == '“');
        if !starts_sentence || (para.as_bytes()[m.start()] == b'.' && ABBREVIATION.is_match(before)) {
            continue;
        }
        segs.push(Seg {
            page,
            start: start + from,
            end: start + m.start() + 1,
        });
        from = m.end();
    }
    if from < para.len() {
        segs.push(Seg {
            page,
            start: start + from,
            end,
        });
    }
}

/// The last `n` bytes of `s` or a little fewer, cut at a character boundary.
pub fn tail(s: &str, n: usize) -> &str {
    let mut at = s.len().saturating_sub(n);
    while !s.is_char_boundary(at) {
        at += 1;
    }
    &s[at..]
}

/// The first `n` bytes of `s` or a little fewer, cut at a character boundary.
pub fn head(s: &str, n: usize) -> &str {
    let mut at = n.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    &s[..at]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_headings_and_sentences_stand_alone() {
        let pages = vec![
            "BASIC LEASE INFORMATION\nTenant: ACME Corp.\nPremises: Suite 400 at 100 Main St. in\nAustin.\n\nThe Term shall commence on March 1, 2025. Base Rent is $5,000.00 per\nmonth; the deposit is $10,000.00.\n".to_string(),
        ];
        let doc = Doc::new(&pages);
        let texts: Vec<&str> = doc.segs.iter().map(|s| doc.text(s)).collect();
        assert_eq!(texts[0], "BASIC LEASE INFORMATION");
        assert_eq!(texts[1], "Tenant: ACME Corp.");
        assert_eq!(texts[2], "Premises: Suite 400 at 100 Main St. in\nAustin.");
        assert!(texts.contains(&"The Term shall commence on March 1, 2025."));
        assert!(texts.contains(&"Base Rent is $5,000.00 per\nmonth;"));
        assert!(texts.contains(&"the deposit is $10,000.00."));
    }
}
