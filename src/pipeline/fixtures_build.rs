//! Fixture generation: rows from sales, planted duplicates and bad rows, CSV/JSONL and hazard grid.
use super::*;

/// Cells of the sale's own attributes, hazard scores for two rows in three (the rest are left to
/// the hazard table), and an owner for every fourth row.
fn base_cells(sale: &HashMap<&'static str, String>, n: u64) -> HashMap<&'static str, String> {
    let mut cells: HashMap<&'static str, String> = HashMap::new();
    for col in FIXTURE_COLUMNS {
        if let Some(v) = sale.get(col) {
            cells.insert(col, v.clone());
        }
    }
    cells.insert(
        "external_id",
        format!("P-{}", sale.get("sale_id").map_or("", String::as_str)),
    );
    cells.insert("zip", ZIPS[(n % 3) as usize].to_string());
    cells.insert("list_price", sale.get("sale_price").cloned().unwrap_or_default());
    cells.insert("deck_sf", sale.get("deck_sf").cloned().unwrap_or_default());
    cells.insert("pool_sf", sale.get("pool_sf").cloned().unwrap_or_default());
    if !n.is_multiple_of(3) {
        let score = |k: u64| format!("{:.3}", (n * k % 1000) as f64 / 1000.0);
        cells.insert("flood_score", score(7919));
        cells.insert("wildfire_score", score(104_729));
        cells.insert("heat_score", score(1_299_709));
    }
    if n.is_multiple_of(4) {
        cells.insert("owner_name", format!("Cyclone Holdings {} LLC", n % 10));
        cells.insert("owner_type", "llc".into());
        cells.insert("owner_share_pct", "100".into());
    }
    cells
}

fn read_sales(sales_csv: &str) -> Result<Vec<HashMap<&'static str, String>>, FixtureError> {
    let mut rdr = csv::Reader::from_reader(sales_csv.as_bytes());
    let header: Vec<String> = rdr.headers()?.iter().map(str::to_string).collect();
    let mut index = Vec::new();
    for col in SALE_COLUMNS.iter().chain(&["deck_sf", "pool_sf"]) {
        let i = header
            .iter()
            .position(|h| h == col)
            .ok_or(FixtureError::MissingColumn(col))?;
        index.push((*col, i));
    }
    let mut sales = Vec::new();
    for record in rdr.records() {
        let record = record?;
        sales.push(
            index
                .iter()
                .map(|&(c, i)| (c, record.get(i).unwrap_or("").to_string()))
                .collect(),
        );
    }
    Ok(sales)
}

/// Builds the fixture from a canonical sales CSV (`sale_id` like `AMES-2319`; the digits seed the
/// address). Sales are taken in file order; made-up addresses that collide are moved two doors on.
pub fn build(sales_csv: &str, spec: &FixtureSpec) -> Result<Fixture, FixtureError> {
    if spec.duplicate_every < 2 {
        return Err(FixtureError::Spec("duplicate_every"));
    }
    if spec.bad_every < 2 {
        return Err(FixtureError::Spec("bad_every"));
    }
    let sales = read_sales(sales_csv)?;
    let need = spec.rows - spec.rows / spec.duplicate_every;
    if sales.len() < need {
        return Err(FixtureError::TooFewSales {
            have: sales.len(),
            need,
        });
    }
    let mut fixture = Fixture {
        records: Vec::new(),
        duplicates: Vec::new(),
        bad: Vec::new(),
    };
    // Clean originals that a later row may repeat: street parts, cells and row number.
    let mut originals: Vec<(Street, HashMap<&'static str, String>, usize)> = Vec::new();
    let mut taken = HashSet::new();
    let mut next_sale = sales.iter();
    let mut next_bad = spec.bad_kinds.iter().cycle();
    for i in 0..spec.rows {
        let row = i + 1;
        let cells = if i % spec.duplicate_every == spec.duplicate_every - 1 && !originals.is_empty() {
            let back = originals.len() - 1 - (i / spec.duplicate_every) % originals.len().min(5);
            let (street, original, of_row) = &originals[back];
            fixture.duplicates.push(Duplicate {
                row,
                same_address_as_row: *of_row,
            });
            retyped(street, original, row)
        } else {
            let sale = next_sale.next().ok_or(FixtureError::TooFewSales {
                have: sales.len(),
                need,
            })?;
            let (street, mut cells) = original(sale, i, &mut taken);
            let bad = (i % spec.bad_every == spec.bad_every / 2)
                .then(|| next_bad.next())
                .flatten();
            match bad {
                Some(kind) => {
                    let field = kind.apply(&mut cells);
                    fixture.bad.push(BadRow {
                        row,
                        field,
                        kind: *kind,
                    });
                }
                None => originals.push((street, cells.clone(), row)),
            }
            cells
        };
        fixture.records.push(
            FIXTURE_COLUMNS
                .iter()
                .map(|c| cells.get(c).cloned().unwrap_or_default())
                .collect(),
        );
    }
    Ok(fixture)
}

/// A new property from a sale, at a made-up address no earlier row has.
fn original(
    sale: &HashMap<&'static str, String>,
    i: usize,
    taken: &mut HashSet<String>,
) -> (Street, HashMap<&'static str, String>) {
    let id = sale.get("sale_id").map_or("", String::as_str);
    let digits: String = id.chars().filter(char::is_ascii_digit).collect();
    let n: u64 = digits.parse().unwrap_or(i as u64);
    let mut cells = base_cells(sale, n);
    let mut street = Street::from_id(n);
    loop {
        let (line, unit) = street.plain();
        let zip = cells.get("zip").map_or("", String::as_str);
        let input = AddressInput {
            address: &line,
            unit: Some(&unit),
            city: "Ames",
            state: "IA",
            zip,
        };
        match normalize(&input) {
            Ok(a) if taken.insert(a.normalized.clone()) => break,
            _ => street.house += 2,
        }
    }
    let (line, unit) = street.plain();
    cells.insert("address", line);
    cells.insert("unit", unit);
    (street, cells)
}

/// The same property typed differently (abbreviated, unit in the line, lower-case city, state
/// name, ZIP+4) under a new external id, with one more bedroom so the merge has a change to record.
fn retyped(street: &Street, original: &HashMap<&'static str, String>, row: usize) -> HashMap<&'static str, String> {
    let mut cells = original.clone();
    let (line, unit) = street.retyped();
    let id = original.get("external_id").map_or("", String::as_str);
    cells.insert("external_id", format!("{id}-DUP{row}"));
    cells.insert("address", line);
    cells.insert("unit", unit);
    cells.insert(
        "city",
        original.get("city").map(|c| c.to_lowercase()).unwrap_or_default(),
    );
    cells.insert("state", "Iowa".into());
    let zip = original.get("zip").map_or("", String::as_str);
    cells.insert("zip", format!("{zip}-{:04}", row * 13 % 10_000));
    let beds: i32 = original.get("bedrooms").and_then(|b| b.parse().ok()).unwrap_or(0);
    cells.insert("bedrooms", (beds + 1).to_string());
    cells
}
