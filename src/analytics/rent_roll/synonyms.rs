//! Column synonyms of rent rolls: what a header cell means (its role), matched case- and
//! punctuation-insensitively against a synonym list, else by keywords, with the reason.
use serde::Serialize;
use std::sync::OnceLock;

/// What a column holds, before the roll's kind (commercial or multifamily) fixes its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Role {
    /// Tenant or resident name (`VACANT` marks a vacant space).
    Tenant,
    /// Suite (commercial) or unit (multifamily) identifier.
    Space,
    Area,
    AnnualRent,
    MonthlyRent,
    RentPsf,
    /// Rent per square foot per month (`Rent/SF/Mo`).
    RentPsfMonthly,
    /// A rent whose unit the header does not say (`Rent`, `Base Rent`): inferred from magnitudes
    /// in a commercial roll, monthly in a multifamily one.
    Rent,
    /// A multifamily resident's rent (`Actual Rent`, `Lease Rent`), monthly.
    ActualRent,
    MarketRent,
    MarketRentPsf,
    UnitType,
    /// `Bed/Bath` as one text (`2/1`, `2BR/1BA`).
    BedBath,
    Beds,
    Baths,
    Start,
    End,
    MoveIn,
    Status,
    Escalation,
}

impl Role {
    /// Roles only multifamily rolls have.
    pub fn multifamily(self) -> bool {
        matches!(
            self,
            Role::ActualRent
                | Role::MarketRent
                | Role::UnitType
                | Role::BedBath
                | Role::Beds
                | Role::Baths
                | Role::MoveIn
                | Role::Status
        )
    }

    /// Roles only commercial rolls have.
    pub fn commercial(self) -> bool {
        matches!(
            self,
            Role::AnnualRent | Role::RentPsf | Role::RentPsfMonthly | Role::Escalation | Role::MarketRentPsf
        )
    }

    /// Roles whose cells are amounts (summed by total rows).
    pub fn summed(self) -> bool {
        matches!(
            self,
            Role::Area | Role::AnnualRent | Role::MonthlyRent | Role::Rent | Role::ActualRent | Role::MarketRent
        )
    }

    /// Roles whose cells are dates.
    pub fn dated(self) -> bool {
        matches!(self, Role::Start | Role::End | Role::MoveIn)
    }
}

/// Normalized header text: lower case, `$` → `usd`, `%` → `pct`, `#` → `no`, `&` → `and`, every
/// other punctuation a space, spaces collapsed.
pub fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '$' => out.push_str(" usd "),
            '%' => out.push_str(" pct "),
            '#' => out.push_str(" no "),
            '&' => out.push_str(" and "),
            c if c.is_alphanumeric() => out.extend(c.to_lowercase()),
            _ => out.push(' '),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Synonyms, as written in rent rolls; compared after [`norm`].
pub const SYNONYMS: &[(&str, Role)] = &[
    ("Tenant", Role::Tenant),
    ("Tenant Name", Role::Tenant),
    ("Lessee", Role::Tenant),
    ("Lessee Name", Role::Tenant),
    ("Occupant", Role::Tenant),
    ("Tenant DBA", Role::Tenant),
    ("DBA", Role::Tenant),
    ("Resident", Role::Tenant),
    ("Resident Name", Role::Tenant),
    ("Name", Role::Tenant),
    ("Suite", Role::Space),
    ("Suite #", Role::Space),
    ("Suite No", Role::Space),
    ("Suite Number", Role::Space),
    ("Ste", Role::Space),
    ("Space", Role::Space),
    ("Space #", Role::Space),
    ("Unit", Role::Space),
    ("Unit #", Role::Space),
    ("Unit No", Role::Space),
    ("Unit Number", Role::Space),
    ("Apt", Role::Space),
    ("Apt #", Role::Space),
    ("Apartment", Role::Space),
    ("RSF", Role::Area),
    ("Rentable SF", Role::Area),
    ("Rentable Square Feet", Role::Area),
    ("Rentable Area", Role::Area),
    ("NRSF", Role::Area),
    ("NRA", Role::Area),
    ("GLA", Role::Area),
    ("Sq Ft", Role::Area),
    ("SqFt", Role::Area),
    ("SF", Role::Area),
    ("Area", Role::Area),
    ("Area SF", Role::Area),
    ("Square Feet", Role::Area),
    ("Square Footage", Role::Area),
    ("Leased SF", Role::Area),
    ("Size", Role::Area),
    ("Size SF", Role::Area),
    ("Unit SF", Role::Area),
    ("Unit Size", Role::Area),
    ("Annual Rent", Role::AnnualRent),
    ("Annual Base Rent", Role::AnnualRent),
    ("Base Rent Annual", Role::AnnualRent),
    ("Annual Rent $", Role::AnnualRent),
    ("Annual Base Rent $", Role::AnnualRent),
    ("Annualized Rent", Role::AnnualRent),
    ("Current Annual Rent", Role::AnnualRent),
    ("Annual Minimum Rent", Role::AnnualRent),
    ("Yearly Rent", Role::AnnualRent),
    ("ABR", Role::AnnualRent),
    ("Monthly Rent", Role::MonthlyRent),
    ("Monthly Base Rent", Role::MonthlyRent),
    ("Base Rent Monthly", Role::MonthlyRent),
    ("Monthly Rent $", Role::MonthlyRent),
    ("Current Monthly Rent", Role::MonthlyRent),
    ("Mo Rent", Role::MonthlyRent),
    ("Monthly", Role::MonthlyRent),
    ("Rent/Month", Role::MonthlyRent),
    ("Rent Per Month", Role::MonthlyRent),
    ("Rent/SF/Yr", Role::RentPsf),
    ("Rent/SF", Role::RentPsf),
    ("$/SF", Role::RentPsf),
    ("$/SF/Yr", Role::RentPsf),
    ("$/RSF", Role::RentPsf),
    ("$ PSF", Role::RentPsf),
    ("Rent PSF", Role::RentPsf),
    ("Rent Per SF", Role::RentPsf),
    ("Base Rent PSF", Role::RentPsf),
    ("Base Rent $/SF", Role::RentPsf),
    ("Annual Rent PSF", Role::RentPsf),
    ("Annual Rent/SF", Role::RentPsf),
    ("Annual $/SF", Role::RentPsf),
    ("ABR PSF", Role::RentPsf),
    ("PSF", Role::RentPsf),
    ("Rate PSF", Role::RentPsf),
    ("Rent/SF/Mo", Role::RentPsfMonthly),
    ("$/SF/Mo", Role::RentPsfMonthly),
    ("Monthly Rent PSF", Role::RentPsfMonthly),
    ("Monthly $/SF", Role::RentPsfMonthly),
    ("Rent PSF/Mo", Role::RentPsfMonthly),
    ("Base Rent", Role::Rent),
    ("Rent", Role::Rent),
    ("Current Rent", Role::Rent),
    ("Contract Rent", Role::Rent),
    ("Minimum Rent", Role::Rent),
    ("In Place Rent", Role::Rent),
    ("Actual Rent", Role::ActualRent),
    ("Lease Rent", Role::ActualRent),
    ("Effective Rent", Role::ActualRent),
    ("Resident Rent", Role::ActualRent),
    ("Rent Charged", Role::ActualRent),
    ("Market Rent", Role::MarketRent),
    ("Market", Role::MarketRent),
    ("Mkt Rent", Role::MarketRent),
    ("Market Rate", Role::MarketRent),
    ("Asking Rent", Role::MarketRent),
    ("Market Rent PSF", Role::MarketRentPsf),
    ("Market Rent $/SF", Role::MarketRentPsf),
    ("Market $/SF", Role::MarketRentPsf),
    ("Unit Type", Role::UnitType),
    ("Type", Role::UnitType),
    ("Floorplan", Role::UnitType),
    ("Floor Plan", Role::UnitType),
    ("Plan", Role::UnitType),
    ("Unit Style", Role::UnitType),
    ("Bed/Bath", Role::BedBath),
    ("Bd/Ba", Role::BedBath),
    ("BR/BA", Role::BedBath),
    ("Beds/Baths", Role::BedBath),
    ("Bedrooms/Bathrooms", Role::BedBath),
    ("Beds", Role::Beds),
    ("Bedrooms", Role::Beds),
    ("BR", Role::Beds),
    ("Bd", Role::Beds),
    ("Baths", Role::Baths),
    ("Bathrooms", Role::Baths),
    ("BA", Role::Baths),
    ("Lease Start", Role::Start),
    ("Lease Start Date", Role::Start),
    ("Start", Role::Start),
    ("Start Date", Role::Start),
    ("Commencement", Role::Start),
    ("Commencement Date", Role::Start),
    ("Lease Commencement", Role::Start),
    ("LCD", Role::Start),
    ("Lease From", Role::Start),
    ("From", Role::Start),
    ("Term Start", Role::Start),
    ("Lease Begin", Role::Start),
    ("Lease Exp", Role::End),
    ("Lease Exp.", Role::End),
    ("Lease Expiration", Role::End),
    ("Lease Expiration Date", Role::End),
    ("Expiration", Role::End),
    ("Expiration Date", Role::End),
    ("Exp Date", Role::End),
    ("Expires", Role::End),
    ("Expiry", Role::End),
    ("Lease Expiry", Role::End),
    ("LXD", Role::End),
    ("Lease End", Role::End),
    ("Lease End Date", Role::End),
    ("End", Role::End),
    ("End Date", Role::End),
    ("Lease To", Role::End),
    ("To", Role::End),
    ("Term End", Role::End),
    ("Move-In", Role::MoveIn),
    ("Move In", Role::MoveIn),
    ("Move In Date", Role::MoveIn),
    ("Move-In Date", Role::MoveIn),
    ("MoveIn", Role::MoveIn),
    ("Status", Role::Status),
    ("Unit Status", Role::Status),
    ("Occupancy Status", Role::Status),
    ("Occupancy", Role::Status),
    ("Occ Status", Role::Status),
    ("Escalation", Role::Escalation),
    ("Escalations", Role::Escalation),
    ("Annual Escalation", Role::Escalation),
    ("Annual Increase", Role::Escalation),
    ("Escalation %", Role::Escalation),
    ("Bumps", Role::Escalation),
    ("Rent Bumps", Role::Escalation),
];

/// How a header matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match {
    /// Equal to this synonym (as listed in [`SYNONYMS`]).
    Synonym(&'static str),
    /// These keywords of the header.
    Keywords(Vec<&'static str>),
}

impl Match {
    pub fn describe(&self) -> String {
        match self {
            Match::Synonym(s) => format!("matched synonym \"{s}\""),
            Match::Keywords(k) => format!(
                "keywords {}",
                k.iter().map(|w| format!("\"{w}\"")).collect::<Vec<_>>().join(" + ")
            ),
        }
    }
}

/// Words that make a header something other than the fields read here (deposits, recoveries,
/// future steps, shares): such a header is mapped only by an exact synonym.
const NOT_A_FIELD: &[&str] = &[
    "deposit",
    "deposits",
    "abatement",
    "free",
    "recovery",
    "recoveries",
    "cam",
    "tax",
    "taxes",
    "insurance",
    "reimbursement",
    "reimbursements",
    "balance",
    "delinquent",
    "delinquency",
    "concession",
    "concessions",
    "pct",
    "share",
    "loss",
    "variance",
    "budget",
    "prior",
    "previous",
    "next",
    "future",
    "step",
    "option",
    "options",
    "ti",
    "improvement",
    "improvements",
    "notes",
    "comments",
    "charges",
    "other",
    "parking",
    "storage",
    "pet",
    "utility",
    "utilities",
];

/// Keyword rules, tried in order on the header's words when no synonym is equal.
fn keywords(words: &[&str]) -> Option<(Role, Vec<&'static str>)> {
    let has = |w: &'static str| words.contains(&w);
    let first = |ws: &[&'static str]| ws.iter().copied().find(|w| words.contains(w));
    if words.iter().any(|w| NOT_A_FIELD.contains(w)) {
        return None;
    }
    let rent = first(&["rent", "rate"]);
    let psf = first(&["psf", "psft"])
        .or_else(|| (has("usd") && first(&["sf", "rsf", "sqft", "ft"]).is_some()).then_some("$/sf"));
    let dated = first(&["date", "dt"]);
    if let Some(e) = first(&["expiration", "expiry", "expires", "exp", "lxd", "end", "expire"]) {
        return Some((Role::End, [Some(e), dated].into_iter().flatten().collect()));
    }
    if let Some(s) = first(&["commencement", "commence", "lcd", "start", "begin", "beginning"]) {
        return Some((Role::Start, [Some(s), dated].into_iter().flatten().collect()));
    }
    if has("move") && has("in") {
        return Some((Role::MoveIn, vec!["move", "in"]));
    }
    let monthly = first(&["monthly", "month", "mo", "mthly", "mth", "pm"]);
    if let Some(r) = rent {
        if let Some(m) = first(&["market", "mkt", "asking"]) {
            return Some(match psf {
                Some(p) => (Role::MarketRentPsf, vec![m, r, p]),
                None => (Role::MarketRent, vec![m, r]),
            });
        }
        if let Some(p) = psf {
            return Some(match monthly {
                Some(m) => (Role::RentPsfMonthly, vec![r, p, m]),
                None => (Role::RentPsf, vec![r, p]),
            });
        }
        if let Some(a) = first(&["annual", "annualized", "yearly", "year", "yr", "annum", "pa"]) {
            return Some((Role::AnnualRent, vec![a, r]));
        }
        if let Some(m) = monthly {
            return Some((Role::MonthlyRent, vec![m, r]));
        }
        if let Some(a) = first(&["actual", "lease", "effective", "resident", "charged"]) {
            return Some((Role::ActualRent, vec![a, r]));
        }
        return Some((Role::Rent, vec![r]));
    }
    if let Some(p) = psf {
        return Some(match monthly {
            Some(m) => (Role::RentPsfMonthly, vec![p, m]),
            None => (Role::RentPsf, vec![p]),
        });
    }
    if let Some(a) = first(&[
        "sf", "rsf", "sqft", "sq", "ft", "nrsf", "gla", "footage", "feet", "area",
    ]) {
        return Some((Role::Area, vec![a]));
    }
    if has("floorplan") {
        return Some((Role::UnitType, vec!["floorplan"]));
    }
    if has("unit") && has("type") {
        return Some((Role::UnitType, vec!["unit", "type"]));
    }
    if let Some(s) = first(&["suite", "unit", "space", "ste", "apt"]) {
        return Some((Role::Space, vec![s]));
    }
    if let Some(t) = first(&["tenant", "lessee", "occupant", "resident"]) {
        return Some((Role::Tenant, vec![t]));
    }
    if let Some(s) = first(&["status"]) {
        return Some((Role::Status, vec![s]));
    }
    if let Some(e) = first(&["escalation", "escalations", "bump", "bumps"]) {
        return Some((Role::Escalation, vec![e]));
    }
    None
}

/// What a header cell means, and how it matched; None when nothing matched.
pub fn lookup(header: &str) -> Option<(Role, Match)> {
    static NORMED: OnceLock<Vec<(String, &'static str, Role)>> = OnceLock::new();
    let n = norm(header);
    if n.is_empty() {
        return None;
    }
    let table = NORMED.get_or_init(|| SYNONYMS.iter().map(|(s, r)| (norm(s), *s, *r)).collect());
    if let Some((_, syn, role)) = table.iter().find(|(k, ..)| *k == n) {
        return Some((*role, Match::Synonym(syn)));
    }
    let words: Vec<&str> = n.split(' ').collect();
    keywords(&words).map(|(role, k)| (role, Match::Keywords(k)))
}

#[cfg(test)]
mod tests;
