//! Normalizing a batch's addresses and grouping its rows by address hash, so that rows naming the
//! same place merge into one property instead of creating two.
use super::address::{AddressError, AddressInput, NormalizedAddress, normalize};
use super::rows::{ParsedRow, RowError};
use serde::Serialize;
use std::collections::HashMap;

/// A row whose address normalized.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AddressedRow {
    /// Index into the slice of parsed rows passed in.
    pub index: usize,
    pub row: usize,
    pub address: NormalizedAddress,
    pub hash: String,
}

/// Rows that share an address hash, in file order; the first is where the others merge.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AddressGroup {
    pub hash: String,
    /// Indexes into the parsed rows.
    pub members: Vec<usize>,
}

fn row_error(row: usize, r: &ParsedRow, e: &AddressError) -> RowError {
    let d = &r.data;
    let (field, value) = match e {
        AddressError::Missing { field } | AddressError::Invalid { field, .. } => {
            let value = match *field {
                "unit" => d.unit.clone().unwrap_or_default(),
                "city" => d.city.clone(),
                "state" => d.state.clone(),
                "zip" => d.zip.clone(),
                _ => d.address.clone(),
            };
            (field.to_string(), value)
        }
        AddressError::ConflictingUnit { .. } => ("unit".to_string(), d.unit.clone().unwrap_or_default()),
    };
    RowError {
        row,
        field,
        value,
        message: e.to_string(),
    }
}

/// Normalizes every row's address; a row that does not normalize becomes a `RowError` naming the
/// address field at fault.
pub fn normalize_rows(rows: &[ParsedRow]) -> (Vec<AddressedRow>, Vec<RowError>) {
    let mut ok = Vec::with_capacity(rows.len());
    let mut errors = Vec::new();
    for (index, r) in rows.iter().enumerate() {
        let d = &r.data;
        let input = AddressInput {
            address: &d.address,
            unit: d.unit.as_deref(),
            city: &d.city,
            state: &d.state,
            zip: &d.zip,
        };
        match normalize(&input) {
            Ok(address) => {
                let hash = address.address_hash();
                ok.push(AddressedRow {
                    index,
                    row: r.row,
                    address,
                    hash,
                });
            }
            Err(e) => errors.push(row_error(r.row, r, &e)),
        }
    }
    (ok, errors)
}

/// Groups addressed rows by hash, groups ordered by their first row.
pub fn group_by_address(rows: &[AddressedRow]) -> Vec<AddressGroup> {
    let mut at: HashMap<&str, usize> = HashMap::new();
    let mut groups: Vec<AddressGroup> = Vec::new();
    for r in rows {
        match at.get(r.hash.as_str()) {
            Some(&g) => groups[g].members.push(r.index),
            None => {
                at.insert(&r.hash, groups.len());
                groups.push(AddressGroup {
                    hash: r.hash.clone(),
                    members: vec![r.index],
                });
            }
        }
    }
    groups
}

#[cfg(test)]
mod tests;
