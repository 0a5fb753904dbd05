//! Label lines of summaries and term sheets ("Tenant: …", "Commencement Date   March 1, 2025",
//! "1.4 Security Deposit: $7,700.00"): which term a line labels and where its value is.
use super::pattern::Re;
use super::segment::{Doc, Seg};

/// What a label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    Landlord,
    Tenant,
    Premises,
    Suite,
    Area,
    Commencement,
    Expiration,
    Term,
    MonthlyRent,
    AnnualRent,
    BaseRent,
    Deposit,
    LateFee,
    Allowance,
    Recovery,
    Renewal,
    FreeRent,
    Escalation,
    ExpenseStop,
}

const LABELS: &[(Label, &str)] = &[
    (
        Label::Landlord,
        r"(?:landlord|lessor|owner)\s*/\s*(?:agent|manager)|landlord(?:'s|’s)?(?:\s+name)?|lessor|owner|name\s+of\s+landlord|landlord\s+entity",
    ),
    (
        Label::Tenant,
        r"tenant(?:'s|’s)?(?:\s+name)?|tenant\(s\)|tenants|lessee|residents?|resident\(s\)|occupants?|name\s+of\s+tenant|tenant\s+entity",
    ),
    (
        Label::Premises,
        r"(?:leased\s+)?premises(?:\s+address)?|property(?:\s+address|\s+location)?|address\s+of\s+(?:the\s+)?premises|building(?:\s+address)?|location|(?:rental\s+)?property\s+address|rental\s+unit\s+address|apartment\s+address|street\s+address|address",
    ),
    (
        Label::Suite,
        r"suite(?:\s+(?:number|no\.?|#))?|unit(?:\s+(?:number|no\.?|#))?|apartment(?:\s+(?:number|no\.?))?|apt\.?(?:\s+no\.?)?|space(?:\s+number)?",
    ),
    (
        Label::Area,
        r"(?:approximate\s+|net\s+)?rentable\s+(?:area|square\s+(?:feet|footage)|sf)(?:\s+of\s+(?:the\s+)?premises)?|square\s+footage|premises\s+(?:area|size)|area\s+of\s+(?:the\s+)?premises|area|size|rsf",
    ),
    (
        Label::Commencement,
        r"(?:lease\s+|term\s+|rent\s+)?commencement(?:\s+date)?|lease\s+start(?:\s+date)?|start\s+date|beginning\s+date|lease\s+begins|term\s+begins|begin\s+date|move[\s-]in\s+date",
    ),
    (
        Label::Expiration,
        r"(?:lease\s+|term\s+)?expiration(?:\s+date)?|lease\s+end(?:\s+date)?|end\s+date|expiry\s+date|lease\s+ends|term\s+ends|termination\s+date|ending\s+date",
    ),
    (
        Label::Term,
        r"(?:lease\s+|initial\s+|primary\s+)?term(?:\s+of\s+lease)?|length\s+of\s+(?:lease|term)|lease\s+(?:period|duration)",
    ),
    (
        Label::MonthlyRent,
        r"monthly\s+(?:base\s+)?rent(?:al)?|monthly\s+installment(?:\s+of\s+base\s+rent)?|rent\s+per\s+month|monthly\s+payment",
    ),
    (
        Label::AnnualRent,
        r"(?:initial\s+)?annual\s+(?:base\s+|minimum\s+)?rent(?:al)?|yearly\s+rent|base\s+rent\s+per\s+annum",
    ),
    (
        Label::BaseRent,
        r"(?:initial\s+)?(?:base|basic|minimum)\s+rent(?:al)?(?:\s+rate)?|rent(?:al)?\s+rate|rent|lease\s+rate",
    ),
    (Label::Deposit, r"security\s+deposit|deposit"),
    (Label::LateFee, r"late\s+(?:fee|charges?|payment\s+(?:fee|charge))"),
    (
        Label::Allowance,
        r"(?:tenant\s+)?improvement\s+allowance|ti\s+allowance|tenant\s+allowance|allowance|t\.?i\.?",
    ),
    (
        Label::Recovery,
        r"lease\s+(?:type|structure)|expense\s+(?:structure|recovery|recoveries)|type\s+of\s+lease|recover(?:y|ies)|operating\s+expenses|rent\s+type",
    ),
    (
        Label::Renewal,
        r"renewal\s+(?:options?|terms?|rights?)|options?\s+to\s+(?:renew|extend)|extension\s+(?:options?|rights?)|renewals?|extensions?|option\(s\)\s+to\s+(?:renew|extend)",
    ),
    (
        Label::FreeRent,
        r"free\s+rent(?:\s+period)?|abated\s+rent|(?:base\s+)?rent\s+abatement|abatement(?:\s+period)?",
    ),
    (
        Label::Escalation,
        r"(?:annual\s+|rent\s+|base\s+rent\s+)?(?:escalations?|increases?)(?:\s+rate)?|escalation\s+rate",
    ),
    (
        Label::ExpenseStop,
        r"expense\s+stop|base\s+year(?:\s*/\s*expense\s+stop)?",
    ),
];

static LINE: Re = re!(format!(
    r#"(?i)^\s*(?:(?:\d+(?:\.\d+)*\.?|\(?[a-z0-9]{{1,3}}[.)]|[•*-])\s+)?(?P<label>{})\s*(?:\((?:the\s+)?[“”"]?[a-z ]+[“”"]?\))?\s*(?::|\t|\s{{2,}}|\.{{3,}}|\s[-–—]\s)\s*(?P<value>.*?)\s*$"#,
    LABELS
        .iter()
        .enumerate()
        .map(|(i, (_, p))| format!("(?P<l{i}>{p})"))
        .collect::<Vec<_>>()
        .join("|")
));

/// Another label inside a value ("OWNER, L.P. Lessee: Silverline …", a table row read as one
/// line): the value ends before it.
static INNER: Re = re!(format!(
    r"(?i)(?:\t|\s{{3,}}|\s)(?:{})\s*:",
    LABELS
        .iter()
        .map(|(_, p)| format!("(?:{p})"))
        .collect::<Vec<_>>()
        .join("|")
));

/// A labelled value: what it is and where it is (a byte range of the page, empty when the label
/// has nothing after it on its line).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LabelHit {
    pub label: Label,
    pub value: Seg,
}

/// Every label line of the document. A label with nothing after it takes the next non-empty
/// line as its value (signature blocks and two-line term sheets).
pub fn find(doc: &Doc) -> Vec<LabelHit> {
    let mut hits = Vec::new();
    for (i, line) in doc.lines.iter().enumerate() {
        let text = doc.text(line);
        let Some(c) = LINE.captures(text) else { continue };
        let Some(value) = c.name("value") else { continue };
        let Some(label) = (0..LABELS.len())
            .find(|i| c.name(&format!("l{i}")).is_some())
            .map(|i| LABELS[i].0)
        else {
            continue;
        };
        let value = if value.as_str().is_empty() {
            let next = doc.lines[i + 1..]
                .iter()
                .take(2)
                .find(|l| l.page == line.page && !doc.text(l).trim().is_empty());
            match next {
                Some(n) if !LINE.is_match(doc.text(n)) => {
                    let t = doc.text(n);
                    let lead = t.len() - t.trim_start().len();
                    Seg {
                        page: n.page,
                        start: n.start + lead,
                        end: n.end,
                    }
                }
                _ => continue,
            }
        } else {
            let cut = INNER
                .find(value.as_str())
                .map_or(value.end(), |m| value.start() + m.start());
            let mut seg = Seg {
                page: line.page,
                start: line.start + value.start(),
                end: line.start + cut,
            };
            // A value wrapped onto the next line, indented under itself ("Tenant:   A, B and C\n
            //           D"), continues there.
            if let Some(next) = doc.lines.get(i + 1).filter(|n| n.page == line.page) {
                let t = doc.text(next);
                let indent = t.len() - t.trim_start().len();
                if indent >= 4 && indent + 2 >= value.start() && !t.trim().is_empty() && !LINE.is_match(t) {
                    seg.end = next.end;
                }
            }
            seg
        };
        hits.push(LabelHit { label, value });
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_label_lines() {
        let pages = vec![
            "1.1 Tenant: ACME Corp.\nCommencement Date     March 1, 2025\n(c) Security Deposit: $7,700.00\nLANDLORD:\nHarbor LLC\nNot a label line, Tenant: shall pay\n".to_string(),
        ];
        let doc = Doc::new(&pages);
        let hits = find(&doc);
        let got: Vec<(Label, &str)> = hits.iter().map(|h| (h.label, doc.text(&h.value))).collect();
        assert_eq!(
            got,
            vec![
                (Label::Tenant, "ACME Corp."),
                (Label::Commencement, "March 1, 2025"),
                (Label::Deposit, "$7,700.00"),
                (Label::Landlord, "Harbor LLC"),
            ]
        );
    }
}
