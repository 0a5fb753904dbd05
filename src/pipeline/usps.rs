//! USPS Publication 28 lookup tables: street suffixes, directionals, secondary unit designators, states.
use std::collections::HashMap;
use std::sync::LazyLock;

/// Street suffixes (Publication 28, appendix C1): the standard abbreviation first, then every
/// spelling that maps to it (the primary name, the standard itself and the common variants).
const SUFFIXES: &[(&str, &[&str])] = &[
    ("ALY", &["ALLEY", "ALLEE", "ALLY", "ALY"]),
    ("ANX", &["ANNEX", "ANEX", "ANNX", "ANX"]),
    ("ARC", &["ARCADE", "ARC"]),
    ("AVE", &["AVENUE", "AV", "AVE", "AVEN", "AVENU", "AVN", "AVNUE"]),
    ("BYU", &["BAYOU", "BAYOO", "BYU"]),
    ("BCH", &["BEACH", "BCH"]),
    ("BND", &["BEND", "BND"]),
    ("BLF", &["BLUFF", "BLF", "BLUF"]),
    ("BLFS", &["BLUFFS", "BLFS"]),
    ("BTM", &["BOTTOM", "BOT", "BTM", "BOTTM"]),
    ("BLVD", &["BOULEVARD", "BLVD", "BOUL", "BOULV", "BLV"]),
    ("BR", &["BRANCH", "BR", "BRNCH"]),
    ("BRG", &["BRIDGE", "BRDGE", "BRG"]),
    ("BRK", &["BROOK", "BRK"]),
    ("BRKS", &["BROOKS", "BRKS"]),
    ("BG", &["BURG", "BG"]),
    ("BGS", &["BURGS", "BGS"]),
    ("BYP", &["BYPASS", "BYP", "BYPA", "BYPAS", "BYPS"]),
    ("CP", &["CAMP", "CP", "CMP"]),
    ("CYN", &["CANYON", "CANYN", "CNYN", "CYN"]),
    ("CPE", &["CAPE", "CPE"]),
    ("CSWY", &["CAUSEWAY", "CAUSWA", "CSWY"]),
    (
        "CTR",
        &["CENTER", "CEN", "CENT", "CENTR", "CENTRE", "CNTER", "CNTR", "CTR"],
    ),
    ("CTRS", &["CENTERS", "CTRS"]),
    ("CIR", &["CIRCLE", "CIR", "CIRC", "CIRCL", "CRCL", "CRCLE"]),
    ("CIRS", &["CIRCLES", "CIRS"]),
    ("CLF", &["CLIFF", "CLF"]),
    ("CLFS", &["CLIFFS", "CLFS"]),
    ("CLB", &["CLUB", "CLB"]),
    ("CMN", &["COMMON", "CMN"]),
    ("CMNS", &["COMMONS", "CMNS"]),
    ("COR", &["CORNER", "COR"]),
    ("CORS", &["CORNERS", "CORS"]),
    ("CRSE", &["COURSE", "CRSE"]),
    ("CT", &["COURT", "CT", "CRT"]),
    ("CTS", &["COURTS", "CTS"]),
    ("CV", &["COVE", "CV"]),
    ("CVS", &["COVES", "CVS"]),
    ("CRK", &["CREEK", "CRK"]),
    ("CRES", &["CRESCENT", "CRES", "CRSENT", "CRSNT"]),
    ("CRST", &["CREST", "CRST"]),
    ("XING", &["CROSSING", "CRSSNG", "XING"]),
    ("XRD", &["CROSSROAD", "XRD"]),
    ("XRDS", &["CROSSROADS", "XRDS"]),
    ("CURV", &["CURVE", "CURV"]),
    ("DL", &["DALE", "DL"]),
    ("DM", &["DAM", "DM"]),
    ("DV", &["DIVIDE", "DIV", "DV", "DVD"]),
    ("DR", &["DRIVE", "DR", "DRIV", "DRV"]),
    ("DRS", &["DRIVES", "DRS"]),
    ("EST", &["ESTATE", "EST"]),
    ("ESTS", &["ESTATES", "ESTS"]),
    ("EXPY", &["EXPRESSWAY", "EXP", "EXPR", "EXPRESS", "EXPW", "EXPY"]),
    ("EXT", &["EXTENSION", "EXT", "EXTN", "EXTNSN"]),
    ("EXTS", &["EXTENSIONS", "EXTS"]),
    ("FALL", &["FALL"]),
    ("FLS", &["FALLS", "FLS"]),
    ("FRY", &["FERRY", "FRRY", "FRY"]),
    ("FLD", &["FIELD", "FLD"]),
    ("FLDS", &["FIELDS", "FLDS"]),
    ("FLT", &["FLAT", "FLT"]),
    ("FLTS", &["FLATS", "FLTS"]),
    ("FRD", &["FORD", "FRD"]),
    ("FRDS", &["FORDS", "FRDS"]),
    ("FRST", &["FOREST", "FORESTS", "FRST"]),
    ("FRG", &["FORGE", "FORG", "FRG"]),
    ("FRGS", &["FORGES", "FRGS"]),
    ("FRK", &["FORK", "FRK"]),
    ("FRKS", &["FORKS", "FRKS"]),
    ("FT", &["FORT", "FRT", "FT"]),
    ("FWY", &["FREEWAY", "FREEWY", "FRWAY", "FRWY", "FWY"]),
    ("GDN", &["GARDEN", "GARDN", "GRDEN", "GRDN", "GDN"]),
    ("GDNS", &["GARDENS", "GDNS", "GRDNS"]),
    ("GTWY", &["GATEWAY", "GATEWY", "GATWAY", "GTWAY", "GTWY"]),
    ("GLN", &["GLEN", "GLN"]),
    ("GLNS", &["GLENS", "GLNS"]),
    ("GRN", &["GREEN", "GRN"]),
    ("GRNS", &["GREENS", "GRNS"]),
    ("GRV", &["GROVE", "GROV", "GRV"]),
    ("GRVS", &["GROVES", "GRVS"]),
    ("HBR", &["HARBOR", "HARB", "HARBR", "HBR", "HRBOR"]),
    ("HBRS", &["HARBORS", "HBRS"]),
    ("HVN", &["HAVEN", "HVN"]),
    ("HTS", &["HEIGHTS", "HT", "HTS"]),
    ("HWY", &["HIGHWAY", "HIGHWY", "HIWAY", "HIWY", "HWAY", "HWY"]),
    ("HL", &["HILL", "HL"]),
    ("HLS", &["HILLS", "HLS"]),
    ("HOLW", &["HOLLOW", "HLLW", "HOLLOWS", "HOLW", "HOLWS"]),
    ("INLT", &["INLET", "INLT"]),
    ("IS", &["ISLAND", "IS", "ISLND"]),
    ("ISS", &["ISLANDS", "ISLNDS", "ISS"]),
    ("ISLE", &["ISLE", "ISLES"]),
    ("JCT", &["JUNCTION", "JCT", "JCTION", "JCTN", "JUNCTN", "JUNCTON"]),
    ("JCTS", &["JUNCTIONS", "JCTNS", "JCTS"]),
    ("KY", &["KEY", "KY"]),
    ("KYS", &["KEYS", "KYS"]),
    ("KNL", &["KNOLL", "KNL", "KNOL"]),
    ("KNLS", &["KNOLLS", "KNLS"]),
    ("LK", &["LAKE", "LK"]),
    ("LKS", &["LAKES", "LKS"]),
    ("LAND", &["LAND"]),
    ("LNDG", &["LANDING", "LNDG", "LNDNG"]),
    ("LN", &["LANE", "LN"]),
    ("LGT", &["LIGHT", "LGT"]),
    ("LGTS", &["LIGHTS", "LGTS"]),
    ("LF", &["LOAF", "LF"]),
    ("LCK", &["LOCK", "LCK"]),
    ("LCKS", &["LOCKS", "LCKS"]),
    ("LDG", &["LODGE", "LDG", "LDGE", "LODG"]),
    ("LOOP", &["LOOP", "LOOPS"]),
    ("MALL", &["MALL"]),
    ("MNR", &["MANOR", "MNR"]),
    ("MNRS", &["MANORS", "MNRS"]),
    ("MDW", &["MEADOW", "MDW"]),
    ("MDWS", &["MEADOWS", "MDWS", "MEDOWS"]),
    ("MEWS", &["MEWS"]),
    ("ML", &["MILL", "ML"]),
    ("MLS", &["MILLS", "MLS"]),
    ("MSN", &["MISSION", "MISSN", "MSSN", "MSN"]),
    ("MTWY", &["MOTORWAY", "MTWY"]),
    ("MT", &["MOUNT", "MNT", "MT"]),
    ("MTN", &["MOUNTAIN", "MNTAIN", "MNTN", "MOUNTIN", "MTIN", "MTN"]),
    ("MTNS", &["MOUNTAINS", "MNTNS", "MTNS"]),
    ("NCK", &["NECK", "NCK"]),
    ("ORCH", &["ORCHARD", "ORCH", "ORCHRD"]),
    ("OVAL", &["OVAL", "OVL"]),
    ("OPAS", &["OVERPASS", "OPAS"]),
    ("PARK", &["PARK", "PRK", "PARKS"]),
    (
        "PKWY",
        &["PARKWAY", "PARKWY", "PKWAY", "PKWY", "PKY", "PARKWAYS", "PKWYS"],
    ),
    ("PASS", &["PASS"]),
    ("PSGE", &["PASSAGE", "PSGE"]),
    ("PATH", &["PATH", "PATHS"]),
    ("PIKE", &["PIKE", "PIKES"]),
    ("PNE", &["PINE", "PNE"]),
    ("PNES", &["PINES", "PNES"]),
    ("PL", &["PLACE", "PL"]),
    ("PLN", &["PLAIN", "PLN"]),
    ("PLNS", &["PLAINS", "PLNS"]),
    ("PLZ", &["PLAZA", "PLZ", "PLZA"]),
    ("PT", &["POINT", "PT"]),
    ("PTS", &["POINTS", "PTS"]),
    ("PRT", &["PORT", "PRT"]),
    ("PRTS", &["PORTS", "PRTS"]),
    ("PR", &["PRAIRIE", "PR", "PRR"]),
    ("RADL", &["RADIAL", "RAD", "RADIEL", "RADL"]),
    ("RAMP", &["RAMP"]),
    ("RNCH", &["RANCH", "RANCHES", "RNCH", "RNCHS"]),
    ("RPD", &["RAPID", "RPD"]),
    ("RPDS", &["RAPIDS", "RPDS"]),
    ("RST", &["REST", "RST"]),
    ("RDG", &["RIDGE", "RDG", "RDGE"]),
    ("RDGS", &["RIDGES", "RDGS"]),
    ("RIV", &["RIVER", "RIV", "RVR", "RIVR"]),
    ("RD", &["ROAD", "RD"]),
    ("RDS", &["ROADS", "RDS"]),
    ("RTE", &["ROUTE", "RTE"]),
    ("ROW", &["ROW"]),
    ("RUE", &["RUE"]),
    ("RUN", &["RUN"]),
    ("SHL", &["SHOAL", "SHL"]),
    ("SHLS", &["SHOALS", "SHLS"]),
    ("SHR", &["SHORE", "SHOAR", "SHR"]),
    ("SHRS", &["SHORES", "SHOARS", "SHRS"]),
    ("SKWY", &["SKYWAY", "SKWY"]),
    ("SPG", &["SPRING", "SPG", "SPNG", "SPRNG"]),
    ("SPGS", &["SPRINGS", "SPGS", "SPNGS", "SPRNGS"]),
    ("SPUR", &["SPUR", "SPURS"]),
    ("SQ", &["SQUARE", "SQ", "SQR", "SQRE", "SQU"]),
    ("SQS", &["SQUARES", "SQRS", "SQS"]),
    ("STA", &["STATION", "STA", "STATN", "STN"]),
    (
        "STRA",
        &["STRAVENUE", "STRA", "STRAV", "STRAVEN", "STRAVN", "STRVN", "STRVNUE"],
    ),
    ("STRM", &["STREAM", "STREME", "STRM"]),
    ("ST", &["STREET", "STRT", "ST", "STR"]),
    ("STS", &["STREETS", "STS"]),
    ("SMT", &["SUMMIT", "SMT", "SUMIT", "SUMITT"]),
    ("TER", &["TERRACE", "TER", "TERR"]),
    ("TRWY", &["THROUGHWAY", "TRWY"]),
    ("TRCE", &["TRACE", "TRACES", "TRCE"]),
    ("TRAK", &["TRACK", "TRACKS", "TRAK", "TRK", "TRKS"]),
    ("TRFY", &["TRAFFICWAY", "TRFY"]),
    ("TRL", &["TRAIL", "TRAILS", "TRL", "TRLS"]),
    ("TRLR", &["TRAILER", "TRLR", "TRLRS"]),
    ("TUNL", &["TUNNEL", "TUNEL", "TUNL", "TUNLS", "TUNNELS", "TUNNL"]),
    ("TPKE", &["TURNPIKE", "TRNPK", "TURNPK", "TPKE"]),
    ("UPAS", &["UNDERPASS", "UPAS"]),
    ("UN", &["UNION", "UN"]),
    ("UNS", &["UNIONS", "UNS"]),
    ("VLY", &["VALLEY", "VALLY", "VLLY", "VLY"]),
    ("VLYS", &["VALLEYS", "VLYS"]),
    ("VIA", &["VIADUCT", "VDCT", "VIA", "VIADCT"]),
    ("VW", &["VIEW", "VW"]),
    ("VWS", &["VIEWS", "VWS"]),
    ("VLG", &["VILLAGE", "VILL", "VILLAG", "VILLG", "VILLIAGE", "VLG"]),
    ("VLGS", &["VILLAGES", "VLGS"]),
    ("VL", &["VILLE", "VL"]),
    ("VIS", &["VISTA", "VIS", "VIST", "VST", "VSTA"]),
    ("WALK", &["WALK", "WALKS"]),
    ("WALL", &["WALL"]),
    ("WAY", &["WAY", "WY"]),
    ("WAYS", &["WAYS"]),
    ("WL", &["WELL", "WL"]),
    ("WLS", &["WELLS", "WLS"]),
];

const DIRECTIONALS: &[(&str, &[&str])] = &[
    ("N", &["NORTH", "N"]),
    ("S", &["SOUTH", "S"]),
    ("E", &["EAST", "E"]),
    ("W", &["WEST", "W"]),
    ("NE", &["NORTHEAST", "NORTH-EAST", "NE"]),
    ("NW", &["NORTHWEST", "NORTH-WEST", "NW"]),
    ("SE", &["SOUTHEAST", "SOUTH-EAST", "SE"]),
    ("SW", &["SOUTHWEST", "SOUTH-WEST", "SW"]),
];

/// A secondary unit designator (Publication 28, appendix C2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Designator {
    /// Standard abbreviation, `#` for the generic designator.
    pub abbr: &'static str,
    /// Whether a unit number must follow (`APT 4`); `REAR` or `BSMT` stand alone.
    pub needs_id: bool,
    /// Whether the word is also common inside street names (`KEY`, `LOT`), so it only counts as a
    /// designator when a unit number follows.
    pub ambiguous: bool,
    /// Whether it names an apartment-like space; those all collapse to `#` in the address key,
    /// because `APT 4B`, `UNIT 4B` and `#4B` are the same door.
    pub generic: bool,
}

const fn d(abbr: &'static str, needs_id: bool, ambiguous: bool, generic: bool) -> Designator {
    Designator {
        abbr,
        needs_id,
        ambiguous,
        generic,
    }
}

const DESIGNATORS: &[(Designator, &[&str])] = &[
    (d("#", true, false, true), &["#", "NO", "NUM", "NUMBER"]),
    (d("APT", true, false, true), &["APARTMENT", "APT", "APPT", "APTS"]),
    (d("STE", true, false, true), &["SUITE", "STE", "SUIT"]),
    (d("UNIT", true, false, true), &["UNIT"]),
    (d("RM", true, false, true), &["ROOM", "RM"]),
    (d("BLDG", true, false, false), &["BUILDING", "BLDG", "BLDNG", "BLD"]),
    (d("FL", true, false, false), &["FLOOR", "FL", "FLR"]),
    (d("DEPT", true, false, false), &["DEPARTMENT", "DEPT"]),
    (d("HNGR", true, false, false), &["HANGAR", "HNGR"]),
    (d("KEY", true, true, false), &["KEY"]),
    (d("LOT", true, true, false), &["LOT"]),
    (d("PIER", true, true, false), &["PIER"]),
    (d("SLIP", true, true, false), &["SLIP"]),
    (d("SPC", true, true, false), &["SPACE", "SPC"]),
    (d("STOP", true, true, false), &["STOP"]),
    (d("TRLR", true, true, false), &["TRAILER", "TRLR"]),
    (d("BSMT", false, false, false), &["BASEMENT", "BSMT"]),
    (d("FRNT", false, false, false), &["FRONT", "FRNT"]),
    (d("LBBY", false, false, false), &["LOBBY", "LBBY"]),
    (d("LOWR", false, false, false), &["LOWER", "LOWR"]),
    (d("OFC", false, false, false), &["OFFICE", "OFC"]),
    (d("PH", false, false, false), &["PENTHOUSE", "PH"]),
    (d("REAR", false, false, false), &["REAR"]),
    (d("SIDE", false, false, false), &["SIDE"]),
    (d("UPPR", false, false, false), &["UPPER", "UPPR"]),
];

#[rustfmt::skip]
const STATES: &[(&str, &str)] = &[
    ("AL", "ALABAMA"), ("AK", "ALASKA"), ("AZ", "ARIZONA"), ("AR", "ARKANSAS"), ("CA", "CALIFORNIA"),
    ("CO", "COLORADO"), ("CT", "CONNECTICUT"), ("DE", "DELAWARE"), ("DC", "DISTRICT OF COLUMBIA"),
    ("FL", "FLORIDA"), ("GA", "GEORGIA"), ("HI", "HAWAII"), ("ID", "IDAHO"), ("IL", "ILLINOIS"),
    ("IN", "INDIANA"), ("IA", "IOWA"), ("KS", "KANSAS"), ("KY", "KENTUCKY"), ("LA", "LOUISIANA"),
    ("ME", "MAINE"), ("MD", "MARYLAND"), ("MA", "MASSACHUSETTS"), ("MI", "MICHIGAN"), ("MN", "MINNESOTA"),
    ("MS", "MISSISSIPPI"), ("MO", "MISSOURI"), ("MT", "MONTANA"), ("NE", "NEBRASKA"), ("NV", "NEVADA"),
    ("NH", "NEW HAMPSHIRE"), ("NJ", "NEW JERSEY"), ("NM", "NEW MEXICO"), ("NY", "NEW YORK"),
    ("NC", "NORTH CAROLINA"), ("ND", "NORTH DAKOTA"), ("OH", "OHIO"), ("OK", "OKLAHOMA"), ("OR", "OREGON"),
    ("PA", "PENNSYLVANIA"), ("RI", "RHODE ISLAND"), ("SC", "SOUTH CAROLINA"), ("SD", "SOUTH DAKOTA"),
    ("TN", "TENNESSEE"), ("TX", "TEXAS"), ("UT", "UTAH"), ("VT", "VERMONT"), ("VA", "VIRGINIA"),
    ("WA", "WASHINGTON"), ("WV", "WEST VIRGINIA"), ("WI", "WISCONSIN"), ("WY", "WYOMING"),
    ("AS", "AMERICAN SAMOA"), ("GU", "GUAM"), ("MP", "NORTHERN MARIANA ISLANDS"), ("PR", "PUERTO RICO"),
    ("VI", "VIRGIN ISLANDS"), ("AA", "ARMED FORCES AMERICAS"), ("AE", "ARMED FORCES EUROPE"),
    ("AP", "ARMED FORCES PACIFIC"),
];

fn index<V: Copy>(table: &[(V, &'static [&'static str])]) -> HashMap<&'static str, V> {
    table
        .iter()
        .flat_map(|(v, names)| names.iter().map(move |n| (*n, *v)))
        .collect()
}

static SUFFIX_INDEX: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| index(SUFFIXES));
static DIRECTIONAL_INDEX: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| index(DIRECTIONALS));
static DESIGNATOR_INDEX: LazyLock<HashMap<&'static str, Designator>> = LazyLock::new(|| index(DESIGNATORS));
static STATE_INDEX: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    STATES
        .iter()
        .flat_map(|(code, name)| [(*code, *code), (*name, *code)])
        .collect()
});

/// Standard abbreviation of an upper-case street suffix spelling (`AVENUE`, `AV` → `AVE`).
pub fn street_suffix(token: &str) -> Option<&'static str> {
    SUFFIX_INDEX.get(token).copied()
}

/// Standard abbreviation of an upper-case directional (`NORTHWEST` → `NW`).
pub fn directional(token: &str) -> Option<&'static str> {
    DIRECTIONAL_INDEX.get(token).copied()
}

/// The secondary unit designator an upper-case word spells (`APARTMENT` → `APT`).
pub fn unit_designator(token: &str) -> Option<Designator> {
    DESIGNATOR_INDEX.get(token).copied()
}

/// Two-letter code of an upper-case state name or code (`IOWA`, `IA` → `IA`).
pub fn state_code(name: &str) -> Option<&'static str> {
    STATE_INDEX.get(name).copied()
}

#[cfg(test)]
mod tests;
