//! What a figure in a clause is about: the nearest subject keyword before it (or just after it)
//! decides, so "$24,500 per month as Base Rent, plus a parking charge of $150 per space" gives
//! one rent and one parking figure.
use super::pattern::Re;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    Rent,
    Expenses,
    Deposit,
    Pet,
    Late,
    Allowance,
    Parking,
    Holdover,
    Insurance,
    Stop,
    Escalation,
    Abatement,
    Renewal,
    Termination,
    Interest,
    Share,
    Other,
}

/// Keywords by topic. Where two keywords overlap ("Additional Rent" and "Rent"), the longer one
/// wins.
static KEYWORDS: [(Topic, Re); 17] = [
    (
        Topic::Rent,
        re!(
            r"(?i)\b(?:base\s+rent(?:al)?|basic\s+rent|minimum\s+(?:annual\s+|monthly\s+)?rent|fixed\s+(?:minimum\s+)?rent|monthly\s+rent(?:al)?|annual\s+rent(?:al)?|rent(?:al)?\s+rate|(?:monthly|annual)\s+(?:base\s+rent\s+)?installments?|rent(?:al)?|lease\s+rate|monthly\s+payment)\b"
        ),
    ),
    (
        Topic::Expenses,
        re!(
            r"(?i)\b(?:additional\s+rent|operating\s+(?:expenses?|costs?)|common\s+area(?:\s+maintenance)?|cam|real\s+estate\s+taxes|taxes|estimated?|projected|budget(?:ed)?|utilities|janitorial)\b"
        ),
    ),
    (
        Topic::Deposit,
        re!(r"(?i)\b(?:security\s+deposit|deposit|letter\s+of\s+credit)\b"),
    ),
    (
        Topic::Pet,
        re!(r"(?i)\b(?:pet\s+(?:deposit|fee|rent)|pets?|animals?)\b"),
    ),
    (
        Topic::Late,
        re!(
            r"(?i)\b(?:late\s+(?:fee|charge|payment|charges|fees)|overdue|past\s+due|delinquen\w*|not\s+(?:paid|received))\b"
        ),
    ),
    (
        Topic::Allowance,
        re!(r"(?i)\b(?:(?:tenant\s+)?improvement\s+allowance|allowance|tenant\s+improvements?|ti|build[\s-]?out)\b"),
    ),
    (
        Topic::Parking,
        re!(r"(?i)\b(?:parking|per\s+space|garage|storage|signage)\b"),
    ),
    (Topic::Holdover, re!(r"(?i)\b(?:hold\s*over|holding\s+over)\b")),
    (
        Topic::Insurance,
        re!(r"(?i)\b(?:insurance|liability|per\s+occurrence|aggregate|coverage|indemnif\w*)\b"),
    ),
    (Topic::Stop, re!(r"(?i)\b(?:expense\s+stop|base\s+year|stop)\b")),
    (
        Topic::Escalation,
        re!(r"(?i)\b(?:increase[sd]?|escalat\w*|adjust\w*|bump\w*|steps?)\b"),
    ),
    (
        Topic::Abatement,
        re!(r"(?i)\b(?:abate\w*|free\s+rent|rent\s+free|concession)\b"),
    ),
    (
        Topic::Renewal,
        re!(r"(?i)\b(?:fair\s+market|market\s+rent|prevailing|renewal\s+rent)\b"),
    ),
    (
        Topic::Termination,
        re!(r"(?i)\b(?:termination\s+(?:fee|payment)|terminat\w*|cancel\w*)\b"),
    ),
    (
        Topic::Interest,
        re!(r"(?i)\b(?:interest|default\s+rate|prime\s+rate)\b"),
    ),
    (
        Topic::Share,
        re!(r"(?i)\b(?:pro\s*rata|proportionate\s+share|tenant'?s\s+share|gross[\s-]up|percentage\s+rent|sales)\b"),
    ),
    (
        Topic::Other,
        re!(
            r"(?i)\b(?:returned\s+check|nsf|dishonou?red|commission|broker\w*|guarant\w*|purchase\s+price|fine|penalty|reward|attorney|fees?\s+and\s+costs|per\s+day|daily)\b"
        ),
    ),
];

/// The topic of the figure at byte `pos` of `clause`: the keyword ending nearest before it, or
/// failing that the first one starting within 40 bytes after the figure's end `after`.
pub fn topic_at(clause: &str, pos: usize, after: usize) -> Option<Topic> {
    let mut best: Option<(usize, usize, Topic)> = None; // (end, length, topic)
    let mut next: Option<(usize, Topic)> = None;
    for (topic, re) in &KEYWORDS {
        for m in re.find_iter(clause) {
            if m.end() <= pos {
                let key = (m.end(), m.len());
                if best.is_none_or(|(e, l, _)| key > (e, l)) {
                    best = Some((m.end(), m.len(), *topic));
                }
            } else if m.start() >= after && m.start() <= after + 40 && next.is_none_or(|(s, _)| m.start() < s) {
                next = Some((m.start(), *topic));
            }
        }
    }
    best.map(|b| b.2).or(next.map(|n| n.1))
}

/// Whether `clause` mentions `topic` at all.
pub fn mentions(clause: &str, topic: Topic) -> bool {
    KEYWORDS.iter().any(|(t, re)| *t == topic && re.is_match(clause))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_keyword_decides() {
        let c = "Base Rent of $24,500.00 per month, plus a parking charge of $150.00 per space";
        assert_eq!(
            topic_at(c, c.find("$24").unwrap(), c.find(" per month").unwrap()),
            Some(Topic::Rent)
        );
        assert_eq!(
            topic_at(c, c.find("$150").unwrap(), c.find(" per space").unwrap()),
            Some(Topic::Parking)
        );
        let c = "Tenant shall pay Additional Rent of $11.40 per square foot";
        assert_eq!(topic_at(c, c.find('$').unwrap(), c.len()), Some(Topic::Expenses));
        let c = "$3,850.00 as monthly rent";
        assert_eq!(topic_at(c, 0, 9), Some(Topic::Rent));
    }
}
