//! The premises: street address with city, state and ZIP (without the suite), the suite or unit,
//! and the rentable area — read where the lease describes the premises, not where it gives an
//! address for notices or the building's size.
use super::super::abstract_::{FieldName, Kind, Value};
use super::super::candidate::{Cand, Found};
use super::super::labels::{Label, LabelHit};
use super::super::numbers;
use super::super::pattern::Re;
use super::super::segment::{Doc, Seg, head};
use super::{LABELLED, WORDED};

const STATES: &str = r"Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|District\s+of\s+Columbia|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New\s+Hampshire|New\s+Jersey|New\s+Mexico|New\s+York|North\s+Carolina|North\s+Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode\s+Island|South\s+Carolina|South\s+Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West\s+Virginia|Wisconsin|Wyoming|A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[AT]|W[AIVY]";
const SUFFIX: &str = r"Street|St|Avenue|Ave|Boulevard|Blvd|Road|Rd|Drive|Dr|Lane|Ln|Way|Parkway|Pkwy|Place|Pl|Court|Ct|Circle|Cir|Highway|Hwy|Plaza|Square|Sq|Terrace|Ter|Trail|Trl|Center|Centre|Loop|Row|Pike|Expressway|Freeway|Turnpike|Alley|Crossing|Point|Run|Path|Walk";
const UNIT: &str = r"(?:Suite|Ste\.?|Unit|Apartment|Apt\.?|Space|Room|Rm\.?|Floor|Fl\.?|#)\s*(?:No\.?\s*|Number\s*|#\s*)?(?P<unit>[A-Z]?\d{1,5}[A-Z]?(?:-[A-Z0-9]{1,4})?|[A-Z]{1,2}(?:-?\d{1,4})?)\b";

static STREET: Re = re!(format!(
    r"\b(?P<street>\d{{1,6}}[A-Z]?(?:-\d{{1,5}})?\s+(?:(?:[NSEW]\.?|North|South|East|West)\s+)?(?:(?:[A-Z0-9][A-Za-z0-9'’.-]*|de|del|la|le|van|von|of|the|da|di|du)\s+){{0,4}}(?:(?i:{SUFFIX})\b\.?(?:\s+(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\b\.?)?|(?i:Broadway)\b))(?:,?\s*{UNIT})?"
));
/// City, state and ZIP after the street, once fillers are blanked out.
static PLACE: Re = re!(format!(
    r"^[\s,]*(?P<city>[A-Z][A-Za-z.'’-]*(?:\s[A-Z][A-Za-z.'’-]*){{0,3}})[\s,]*(?P<state>{STATES})\.?[\s,]+(?P<zip>\d{{5}}(?:-\d{{4}})?)\b"
));
/// Words between a street and its city that forms and prose put there: blanked (same length,
/// so offsets hold) before [`PLACE`] reads the rest.
static FILLER: Re = re!(
    r"(?i)\([^)\n]{0,40}\)|\b(?:located\s+)?in\s+the\s+city\s+of\b|\bcity\s+of\b|\bcity\s*:|\bstate\s+of\b|\bstate\s*:|\b(?:with\s+)?zip(?:\s+code)?\s*:?|\bpostal\s+code\s*:?|\bcounty\s+of\s+[A-Z][a-z]+(?:\s[A-Z][a-z]+)?\s*,?|\bunit\s*/\s*apt\.?\s*#?\s*:\s*\S+|\blocated\s+in\b|(?-i:\bin\b)"
);
static SUITE: Re = re!(format!(r"\b{UNIT}"));
static PREMISES_CUE: Re = re!(
    r"(?i)\b(?:premises|located\s+at|known\s+as|commonly\s+known|situated|leases?\s+to|rent(?:s|ed)?\s+to|property|building|dwelling|apartment|unit|the\s+project|demised)\b"
);
static NOTICE_CUE: Re = re!(
    r"(?i)\b(?:notices?|address\s+for|attention|attn|c/o|copy\s+to|payable|remit\w*|payments?\s+(?:shall|to|at)|mailing|send|principal\s+(?:office|place)|offices?\s+(?:at|located)|whose\s+address|residing|resides|guarantor|broker|with\s+a\s+copy|headquarter\w*|p\.?\s*o\.?\s+box)\b"
);
static BUILDING_CUE: Re = re!(
    r"(?i)\b(?:building|project|property|center|park|complex)\s+(?:contains|consists|comprises|has|totals|of\s+approximately|is\s+approximately)|\btotal\s+(?:rentable\s+)?(?:area|square)|\bbuilding'?s?\s+(?:rentable\s+)?area"
);

/// Premises evidence before `pos` in `text` (the clause and its label), against notice evidence.
fn context_score(context: &str) -> f64 {
    let premises = PREMISES_CUE.find_iter(context).last().map(|m| m.end());
    let notice = NOTICE_CUE.find_iter(context).last().map(|m| m.end());
    match (premises, notice) {
        (_, Some(n)) if premises.is_none_or(|p| n > p) => -1.0,
        (Some(_), _) => 1.0,
        _ => 0.0,
    }
}

/// Fill-in forms: "Unit/Apt. #: 214", "Approx. Sq. Ft.: 1,606", "Square Feet: 1,899".
static FORM_UNIT: Re = re!(r"(?i)\bunit\s*/\s*apt\.?\s*(?:#|no\.?)?\s*:\s*(?P<unit>[A-Z0-9][A-Z0-9-]{0,5})\b");
static FORM_AREA: Re = re!(
    r"(?i)\b(?:approx(?:imate|\.)?\s+)?(?:sq\.?\s*ft\.?|square\s+feet|square\s+footage|living\s+area|rentable\s+area)\s*:\s*(?P<n>\d{1,3}(?:,\d{3})+|\d{2,7})\b"
);

/// Space the tenant has now or had, not the premises leased.
static OTHER_SPACE: Re = re!(
    r"(?i)\b(?:presently\s+(?:leases|occupies)|currently\s+(?:leases|occupies)|existing\s+(?:lease|premises)|prior\s+(?:lease|premises)|relocat\w+|temporary\s+premises|expansion\s+space|right\s+of\s+first)\b"
);

pub fn read(doc: &Doc, labels: &[LabelHit], kind: Kind, found: &mut Found) {
    for hit in labels {
        let text = doc.text(&hit.value);
        match hit.label {
            Label::Premises => {
                address_in(doc, hit.value.page, hit.value.start, text, LABELLED, found);
                suite_in(text, &hit.value, LABELLED, found);
                area_in(text, &hit.value, LABELLED, found);
            }
            Label::Suite => {
                let value = text.trim().trim_start_matches(['#', ' ']);
                let token = value
                    .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
                    .next()
                    .unwrap_or("");
                if !token.is_empty() && token.len() <= 8 && token.chars().any(|c| c.is_ascii_alphanumeric()) {
                    let s = text.find(token).unwrap_or(0);
                    found.push(
                        FieldName::Suite,
                        Cand::at(&hit.value, s, s + token.len(), Value::Text(token.to_string()), LABELLED),
                    );
                } else {
                    suite_in(text, &hit.value, LABELLED, found);
                }
            }
            Label::Area => area_in(text, &hit.value, LABELLED, found),
            _ => {}
        }
    }
    for seg in &doc.segs {
        let text = doc.text(seg);
        let score = context_score(text);
        if score < 0.0 || OTHER_SPACE.is_match(text) {
            continue;
        }
        let conf = if score > 0.0 { WORDED } else { 0.75 };
        address_in(doc, seg.page, seg.start, text, conf, found);
        if score > 0.0 {
            suite_in(text, seg, if kind == Kind::Residential { WORDED } else { 0.85 }, found);
        }
        area_in(text, seg, if score > 0.0 { WORDED } else { 0.8 }, found);
        for c in FORM_UNIT.captures_iter(text) {
            if let Some(u) = c
                .name("unit")
                .filter(|u| !u.as_str().eq_ignore_ascii_case("N/A") && u.as_str().chars().any(|ch| ch.is_ascii_digit()))
            {
                found.push(
                    FieldName::Suite,
                    Cand::at(seg, u.start(), u.end(), Value::Text(u.as_str().to_string()), WORDED),
                );
            }
        }
        for c in FORM_AREA.captures_iter(text) {
            if let (Some(m), Some(v)) = (c.get(0), c.name("n").and_then(|n| numbers::figure(n.as_str()))) {
                found.push(
                    FieldName::AreaSf,
                    Cand::at(seg, m.start(), m.end(), Value::Number(v), WORDED),
                );
            }
        }
    }
}

/// Addresses whose street is in `text` (at `offset` of page `page`); city, state and ZIP may
/// follow on the page beyond it.
fn address_in(doc: &Doc, page: usize, offset: usize, text: &str, conf: f64, found: &mut Found) {
    let Some(full) = doc.pages.get(page) else { return };
    for c in STREET.captures_iter(text) {
        let (Some(m), Some(street)) = (c.get(0), c.name("street")) else {
            continue;
        };
        if context_score(&text[..m.start()]) < 0.0 {
            continue;
        }
        let after = offset + m.end();
        let tail = head(&full[after..], 220);
        let mut blanked = tail.to_string();
        for f in FILLER.find_iter(tail) {
            blanked.replace_range(f.start()..f.end(), &" ".repeat(f.len()));
        }
        let Some(p) = PLACE.captures(&blanked) else { continue };
        let (Some(city), Some(state), Some(zip)) = (p.name("city"), p.name("state"), p.name("zip")) else {
            continue;
        };
        let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let value = format!(
            "{}, {}, {} {}",
            squash(street.as_str()),
            squash(city.as_str()),
            squash(state.as_str()),
            zip.as_str()
        );
        let seg = Seg {
            page,
            start: offset,
            end: offset,
        };
        found.push(
            FieldName::PremisesAddress,
            Cand::at(&seg, m.start(), m.end() + zip.end(), Value::Text(value), conf),
        );
        if let Some(unit) = c.name("unit") {
            found.push(
                FieldName::Suite,
                Cand::at(
                    &seg,
                    unit.start(),
                    unit.end(),
                    Value::Text(unit.as_str().to_string()),
                    conf,
                ),
            );
        }
    }
}

fn suite_in(text: &str, seg: &Seg, conf: f64, found: &mut Found) {
    for c in SUITE.captures_iter(text) {
        let (Some(m), Some(unit)) = (c.get(0), c.name("unit")) else {
            continue;
        };
        // A "Floor" or "Room" names where the suite is, not the suite.
        let word = m.as_str().to_ascii_lowercase();
        if word.starts_with("floor") || word.starts_with("fl") || word.starts_with("room") || word.starts_with("rm") {
            continue;
        }
        if context_score(&text[..m.start()]) < 0.0 {
            continue;
        }
        found.push(
            FieldName::Suite,
            Cand::at(
                seg,
                unit.start(),
                unit.end(),
                Value::Text(unit.as_str().to_string()),
                conf,
            ),
        );
    }
}

fn area_in(text: &str, seg: &Seg, conf: f64, found: &mut Found) {
    for (hit, usable) in numbers::areas(text) {
        // The building's or the project's size is not the premises'.
        let before = super::super::segment::tail(&text[..hit.start], 80);
        if hit.value < 50.0 || context_score(&text[..hit.start]) < 0.0 || BUILDING_CUE.is_match(before) {
            continue;
        }
        let conf = if usable { conf - 0.25 } else { conf };
        found.push(
            FieldName::AreaSf,
            Cand::at(seg, hit.start, hit.end, Value::Number(hit.value), conf),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::labels;
    use super::*;

    fn read_text(text: &str) -> Found {
        let pages = vec![text.to_string()];
        let doc = Doc::new(&pages);
        let mut found = Found::default();
        read(&doc, &labels::find(&doc), Kind::Commercial, &mut found);
        found
    }

    #[test]
    fn premises_not_notices() {
        let found = read_text(
            "Landlord hereby leases to Tenant Suite 400 (the \"Premises\") containing approximately 12,000 rentable square feet in the building located at 1200 Market Street, Suite 400, Denver, Colorado 80202.\n\nNotices to Landlord shall be sent to 77 Park Avenue, Suite 100, New York, NY 10016.\n",
        );
        let best = |f| found.best(f).map(|c| c.value);
        assert_eq!(
            best(FieldName::PremisesAddress),
            Some(Value::Text("1200 Market Street, Denver, Colorado 80202".into()))
        );
        assert_eq!(best(FieldName::Suite), Some(Value::Text("400".into())));
        assert_eq!(best(FieldName::AreaSf), Some(Value::Number(12_000.0)));
    }
}
