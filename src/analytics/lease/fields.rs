//! Reading every term's candidates off a document: label lines first (strongest), then the
//! wording of the clauses.
pub mod clauses;
pub mod money;
pub mod parties;
pub mod premises;
pub mod term;

use super::abstract_::Kind;
use super::candidate::Found;
use super::labels;
use super::pattern::Re;
use super::segment::Doc;

/// Confidence of a value read from a label line.
pub const LABELLED: f64 = 0.95;
/// Confidence of a value read from a clause whose wording names the term.
pub const WORDED: f64 = 0.9;

/// All candidates of every field.
pub fn collect(doc: &Doc, kind: Kind) -> Found {
    let mut found = Found::default();
    let labels = labels::find(doc);
    parties::read(doc, &labels, &mut found);
    premises::read(doc, &labels, kind, &mut found);
    term::read(doc, &labels, &mut found);
    money::read(doc, &labels, kind, &mut found);
    clauses::read(doc, &labels, kind, &mut found);
    found
}

static RESIDENTIAL: Re = re!(
    r"(?i)\b(?:residential|apartment|dwelling|residents?|bedrooms?|pets?|occupants?|landlord-tenant|rental\s+agreement|move[\s-]in|move[\s-]out|smoking|guests?|household|roommates?|single[\s-]family|house|home|lessee\(s\)|tenant\(s\)|monthly\s+rent)\b"
);
static COMMERCIAL: Re = re!(
    r"(?i)\b(?:rentable\s+(?:square|area)|rsf|tenant\s+improvements?|operating\s+expenses|triple\s+net|nnn|base\s+year|permitted\s+use|guarant\w+|commercial|office|retail|industrial|warehouse|estoppel|subordination|pro\s+rata|common\s+area\s+maintenance|gross\s+sales|trade\s+fixtures)\b"
);
/// A title that says what the lease is.
static RESIDENTIAL_TITLE: Re =
    re!(r"(?i)\b(?:residential|apartment|dwelling|house|home|rental\s+agreement|single[\s-]family)\b");
static COMMERCIAL_TITLE: Re =
    re!(r"(?i)\b(?:commercial|office|retail|industrial|warehouse|shopping\s+center|medical|net\s+lease)\b");

/// Residential when its title says so, or when its vocabulary outweighs the commercial one.
pub fn kind_of(doc: &Doc) -> Kind {
    let first = doc
        .pages
        .iter()
        .find(|p| !p.trim().is_empty())
        .map_or("", String::as_str);
    let title = super::segment::head(first.trim_start(), 300);
    match (RESIDENTIAL_TITLE.is_match(title), COMMERCIAL_TITLE.is_match(title)) {
        (true, false) => return Kind::Residential,
        (false, true) => return Kind::Commercial,
        _ => {}
    }
    let (mut res, mut com) = (0usize, 0usize);
    for page in doc.pages {
        res += RESIDENTIAL.find_iter(page).count();
        com += COMMERCIAL.find_iter(page).count();
    }
    if res > com { Kind::Residential } else { Kind::Commercial }
}
