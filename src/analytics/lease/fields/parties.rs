//! Landlord and tenant: a defined-term parties clause ("… by and between HARBOR LLC, a Delaware
//! limited liability company ("Landlord"), and …") or a label line ("Tenant: …").
use super::super::abstract_::{FieldName, Value};
use super::super::candidate::{Cand, Found};
use super::super::labels::{Label, LabelHit};
use super::super::pattern::Re;
use super::super::segment::Doc;
use super::{LABELLED, WORDED};

static DEFINED: Re = re!(
    r#"(?i)\(\s*(?:(?:hereinafter|herein|individually\s+and\s+collectively|collectively|jointly\s+and\s+severally)[,\s]+)?(?:(?:referred\s+to\s+as|called)\s+)?(?:the\s+)?["“”'‘’]{1,2}(?P<role>landlord|lessor|owner|tenant|lessee|residents?|tenants)["“”'‘’]{1,2}\s*\)|,?\s+as\s+(?P<as>landlord|lessor|tenant|lessee)\b|\s+\(\s*(?P<bare>landlord|lessor|tenant|lessee|resident)\s*\)"#
);
/// What comes before a party's name in a parties clause.
static LEAD: Re = re!(r"(?i)(?:\bbetween|\bby|\band|\bwith|\bto|\bfrom)\s+");
static BETWEEN: Re = re!(r"(?i)\bbetween\s+");
/// Where a party's description starts: ", a Delaware …", ", whose address is …".
static DESCRIPTION: Re = re!(
    r"(?i),?\s+(?:managed\s+by|by\s+its|acting\s+by|d/?b/?a|doing\s+business\s+as|an?\s+(?:[A-Z][a-z]+\s+)*(?:limited|general|corporation|company|partnership|trust|individual|national|municipal|non-?profit|professional|sole|married|single|real\s+estate)|(?:whose|with\s+(?:an?\s+)?(?:address|offices?)|having\s+(?:an?\s+|its\s+)?(?:address|offices?|principal)|residing|located|of\s+\d)|organized|duly)"
);
/// Roles the label lines would also match in headings ("TENANT'S SIGNATURE").
static NOT_A_NAME: Re = re!(
    r"(?i)^(?:by|name|title|date|signature|initials|landlord|lessor|tenant|lessee|owner|resident|residents|_+|\W*$)\b|(?-i:^[a-z(])"
);
/// "the resident(s) (list all people signing …): A, B and C; and us, the owner: D, managed by …"
/// and "Landlord: D Tenant(s): A and B" on one line: a role, a colon, the name up to the next.
static INLINE_ROLE: Re = re!(
    r"(?i)\b(?:the\s+)?(?P<role>residents?|resident\(s\)|tenants?|tenant\(s\)|lessees?|owner|landlord|lessor)\s*(?:\([^)]{0,80}\)\s*)?:\s*"
);
/// Where an inline name ends.
static INLINE_END: Re = re!(
    r"(?i);|\s*\(|\.\s+(?:you|we|the|this|tenant|landlord|resident|owner)\b|,\s+managed|,\s+by\s+its|,\s+acting|\s{2,}|\n\s*\n|\.?\s*$"
);

fn role(word: &str) -> Option<FieldName> {
    match word.to_ascii_lowercase().as_str() {
        "landlord" | "lessor" | "owner" => Some(FieldName::Landlord),
        "tenant" | "tenants" | "lessee" | "lessees" | "resident" | "residents" | "resident(s)" | "tenant(s)" => {
            Some(FieldName::Tenant)
        }
        _ => None,
    }
}

/// A name as written, without its description or wrapping punctuation.
pub fn clean_name(raw: &str) -> Option<(usize, usize)> {
    let cut = DESCRIPTION.find(raw).map_or(raw.len(), |m| m.start());
    let body = &raw[..cut];
    let trimmed_start = body.len()
        - body
            .trim_start_matches(|c: char| c.is_whitespace() || c == '"' || c == '“')
            .len();
    let end = body
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '"' | '”' | '('))
        .len();
    (end > trimmed_start).then_some((trimmed_start, end))
}

pub fn read(doc: &Doc, labels: &[LabelHit], found: &mut Found) {
    for hit in labels {
        let field = match hit.label {
            Label::Landlord => FieldName::Landlord,
            Label::Tenant => FieldName::Tenant,
            _ => continue,
        };
        let text = doc.text(&hit.value);
        if NOT_A_NAME.is_match(text) || !text.chars().any(char::is_alphabetic) {
            continue;
        }
        if let Some((s, e)) = clean_name(text) {
            let name = text[s..e].split_whitespace().collect::<Vec<_>>().join(" ");
            found.push(field, Cand::at(&hit.value, s, e, Value::Text(name), LABELLED));
        }
    }
    for seg in &doc.segs {
        let text = doc.text(seg);
        let roles: Vec<_> = INLINE_ROLE.captures_iter(text).collect();
        for (k, c) in roles.iter().enumerate() {
            let (Some(m), Some(r)) = (c.get(0), c.name("role")) else {
                continue;
            };
            // A line that starts with the role is a label line, read above.
            let page = doc.pages.get(seg.page).map_or("", String::as_str);
            let at = seg.start + r.start();
            let line_start = page[..at].rfind('\n').map_or(0, |i| i + 1);
            if page[line_start..at].trim().is_empty() {
                continue;
            }
            let stop = roles
                .get(k + 1)
                .and_then(|n| n.get(0))
                .map_or(text.len(), |n| n.start());
            let region = &text[m.end()..stop.max(m.end())];
            let region = &region[..INLINE_END.find(region).map_or(region.len(), |e| e.start())];
            if !region.starts_with(|ch: char| ch.is_ascii_uppercase() || ch.is_ascii_digit()) || region.len() > 150 {
                continue;
            }
            let (Some(field), Some((s, e))) = (role(r.as_str()), clean_name(region)) else {
                continue;
            };
            let name = region[s..e].split_whitespace().collect::<Vec<_>>().join(" ");
            found.push(
                field,
                Cand::at(seg, m.end() + s, m.end() + e, Value::Text(name), WORDED - 0.05),
            );
        }
        let mut from = 0;
        for c in DEFINED.captures_iter(text) {
            let (Some(m), Some(r)) = (c.get(0), c.name("role").or(c.name("as")).or(c.name("bare"))) else {
                continue;
            };
            let Some(field) = role(r.as_str()) else { continue };
            let prev = from;
            let before = &text[prev..m.start()];
            from = m.end();
            // The first party follows "between"; a later one follows the previous party's term.
            let start = if prev == 0 {
                BETWEEN
                    .find_iter(before)
                    .last()
                    .or_else(|| LEAD.find_iter(before).last())
                    .map_or(0, |l| l.end())
            } else {
                LEAD.find(before).map_or(0, |l| l.end())
            };
            let raw = &before[start..];
            if raw.len() > 160 || raw.trim().is_empty() {
                continue;
            }
            let Some((s, e)) = clean_name(raw) else { continue };
            let name = raw[s..e].split_whitespace().collect::<Vec<_>>().join(" ");
            if name.split_whitespace().count() > 14
                || !name
                    .chars()
                    .next()
                    .is_some_and(|ch| ch.is_uppercase() || ch.is_ascii_digit())
            {
                continue;
            }
            let at = seg.start + prev + start;
            let cand = Cand {
                value: Value::Text(name),
                conf: WORDED,
                page: seg.page,
                start: at + s,
                end: at + e,
            };
            found.push(field, cand);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::segment::Doc;
    use super::*;

    fn names(text: &str) -> (Vec<String>, Vec<String>) {
        let pages = vec![text.to_string()];
        let doc = Doc::new(&pages);
        let mut found = Found::default();
        read(&doc, &super::super::super::labels::find(&doc), &mut found);
        let get = |f| {
            found
                .get(f)
                .iter()
                .map(|c| match &c.value {
                    Value::Text(t) => t.clone(),
                    _ => String::new(),
                })
                .collect()
        };
        (get(FieldName::Landlord), get(FieldName::Tenant))
    }

    #[test]
    fn parties_clause() {
        let (l, t) = names(
            "THIS LEASE is made as of January 15, 2025, by and between HARBOR POINT PROPERTIES LLC, a Delaware limited liability company (\"Landlord\"), and ACME WIDGETS, INC., a Texas corporation (“Tenant”).",
        );
        assert_eq!(l, vec!["HARBOR POINT PROPERTIES LLC"]);
        assert_eq!(t, vec!["ACME WIDGETS, INC."]);
    }

    #[test]
    fn labels_and_as_forms() {
        let (l, t) = names("Landlord: Oak Street Apartments LP\nTenant(s): John Smith and Mary Smith\n");
        assert_eq!(l, vec!["Oak Street Apartments LP"]);
        assert_eq!(t, vec!["John Smith and Mary Smith"]);
        let (l, t) = names("This lease is between Maple Holdings LLC, as Landlord, and Jane Doe, as Tenant.");
        assert_eq!(l, vec!["Maple Holdings LLC"]);
        assert_eq!(t, vec!["Jane Doe"]);
    }
}
