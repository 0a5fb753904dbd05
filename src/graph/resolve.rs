//! Entity resolution for owners (and the names of lease tenants and lenders): the same entity
//! typed twice becomes one node. Names are compared in a canonical form (case, punctuation,
//! `L.L.C.`/`LLC`/`Limited Liability Company`, `Inc.`/`Incorporated`, …); a tax id, when present,
//! decides (docs/graph.md, "Entity resolution").
use crate::persistence::repositories::owners::normalize_name;
use std::collections::{BTreeMap, BTreeSet};
use uuid::Uuid;

/// Canonical form of a name: [`normalize_name`] (lower case, dots dropped, punctuation as
/// spaces, `incorporated`→`inc`, …), then runs of single letters joined (`l l c` → `llc`,
/// from `L. L. C.`), multi-word entity suffixes spelled one way, and a leading `the` dropped.
pub fn canonical_name(name: &str) -> String {
    let normalized = normalize_name(name);
    let mut words: Vec<String> = Vec::new();
    let mut letters = String::new();
    for w in normalized.split_whitespace() {
        if w.chars().count() == 1 && w.chars().all(|c| c.is_alphabetic()) {
            letters.push_str(w);
            continue;
        }
        if !letters.is_empty() {
            words.push(std::mem::take(&mut letters));
        }
        words.push(w.to_owned());
    }
    if !letters.is_empty() {
        words.push(letters);
    }
    let mut joined = format!(" {} ", words.join(" "));
    for (long, short) in [
        // `normalize_name` has already spelled `limited` as `ltd` and `company` as `co`.
        (" ltd liability co ", " llc "),
        (" ltd liability partnership ", " llp "),
        (" ltd partnership ", " lp "),
    ] {
        joined = joined.replace(long, short);
    }
    let trimmed = joined.trim();
    trimmed.strip_prefix("the ").unwrap_or(trimmed).to_owned()
}

/// A tax id compared by its letters and digits only (`12-3456789` = `123456789`); None when empty.
pub fn tax_key(tax_id: Option<&str>) -> Option<String> {
    let k: String = tax_id?
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (!k.is_empty()).then_some(k)
}

/// One `owners` row as resolution sees it.
#[derive(Debug, Clone)]
pub struct OwnerRow {
    pub id: Uuid,
    pub name: String,
    pub tax_id: Option<String>,
}

/// Resolved owners: `(key, rows ascending by id)`, ordered by key.
///
/// Rules: rows with the same tax key are one owner. A row without a tax id joins the owner with
/// the same canonical name when exactly one tax id is known under that name; otherwise rows
/// without tax id group by canonical name (two different tax ids under one name stay two owners,
/// and a row without one cannot be assigned to either, so it stays apart, keyed by name).
pub fn resolve_owners(rows: &[OwnerRow]) -> Vec<(String, Vec<OwnerRow>)> {
    let mut tax_by_name: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for r in rows {
        if let Some(t) = tax_key(r.tax_id.as_deref()) {
            tax_by_name.entry(canonical_name(&r.name)).or_default().insert(t);
        }
    }
    let mut groups: BTreeMap<String, Vec<OwnerRow>> = BTreeMap::new();
    for r in rows {
        let key = match tax_key(r.tax_id.as_deref()) {
            Some(t) => format!("tax:{t}"),
            None => {
                let name = canonical_name(&r.name);
                match tax_by_name.get(&name) {
                    Some(taxes) if taxes.len() == 1 => {
                        format!("tax:{}", taxes.iter().next().map_or("", String::as_str))
                    }
                    _ => format!("name:{name}"),
                }
            }
        };
        groups.entry(key).or_default().push(r.clone());
    }
    for rows in groups.values_mut() {
        rows.sort_by_key(|r| r.id);
    }
    groups.into_iter().collect()
}

#[cfg(test)]
mod tests;
