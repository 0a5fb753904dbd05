//! What `reos import rent-roll` prints: the mapping, the kept and skipped counts, the problems and
//! the rent-roll metrics, then what was written.
use crate::analytics::rent_roll::header::letter;
use crate::analytics::rent_roll::{Metrics, Preview};
use crate::services::rent_roll::Written;

/// `1,234,567` (rounded to the dollar or square foot).
fn thousands(x: f64) -> String {
    let neg = x < 0.0;
    let digits = format!("{:.0}", x.abs());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if neg { format!("-{out}") } else { out }
}

fn pct(x: Option<f64>) -> String {
    x.map_or_else(|| "n/a".into(), |v| format!("{:.1}%", v * 100.0))
}

fn years(x: Option<f64>) -> String {
    x.map_or_else(|| "n/a".into(), |v| format!("{v:.2}"))
}

/// Prints the preview.
pub fn preview(p: &Preview) {
    let kind = p.kind.map_or("unknown", |k| match k {
        crate::analytics::rent_roll::Kind::Commercial => "commercial",
        crate::analytics::rent_roll::Kind::Multifamily => "multifamily",
    });
    println!(
        "rent roll {} ({}{}, sha256 {}): {kind}",
        p.file,
        p.format.as_str(),
        p.sheet
            .as_deref()
            .map_or_else(String::new, |s| format!(", sheet `{s}`")),
        p.sha256.get(..12).unwrap_or(&p.sha256)
    );
    if let Some(why) = &p.kind_reason {
        println!("  {why}");
    }
    if let Some(r) = p.header_row {
        println!(
            "header: row {r}{}",
            if p.header_lines == 2 { " (two lines)" } else { "" }
        );
    }
    if !p.columns.is_empty() {
        println!("\n{:<4} {:<24} {:<17} reason", "col", "header", "field");
        for c in &p.columns {
            println!(
                "{:<4} {:<24} {:<17} {}",
                letter(c.index),
                c.header,
                c.field.unwrap_or("-"),
                c.reason
            );
        }
    }
    let s = &p.summary;
    println!(
        "\nrows: {} below the header — {} kept ({} occupied, {} vacant), {} skipped ({} blank, {} total, {} header, {} note)",
        s.data_rows, s.kept, s.occupied, s.vacant, s.skipped, s.blank, s.total, s.header, s.note
    );
    if !p.problems.is_empty() {
        println!(
            "\nproblems: {} blocking, {} warning(s)",
            s.blocking_problems, s.warnings
        );
        println!("{:>6}  {:<20} {:<18} {:<8} message", "row", "column", "code", "blocks");
        for x in &p.problems {
            println!(
                "{:>6}  {:<20} {:<18} {:<8} {}",
                x.row.map_or_else(|| "-".into(), |r| r.to_string()),
                x.column.as_deref().unwrap_or("-"),
                x.code,
                if x.blocking { "yes" } else { "no" },
                x.message
            );
        }
    }
    if let Some(m) = &p.metrics {
        metrics(m);
    }
}

fn metrics(m: &Metrics) {
    println!("\nmetrics as of {}:", m.as_of);
    println!(
        "  occupancy: physical {} ({} of {} sf), economic {}, by count {} of {}",
        pct(m.physical_occupancy),
        thousands(m.occupied_area_sf),
        thousands(m.total_area_sf),
        pct(m.economic_occupancy),
        m.occupied,
        m.spaces
    );
    println!(
        "  in-place rent ${}/yr; WALE {} years by area, {} by rent ({} occupied without an end)",
        thousands(m.in_place_rent_annual),
        years(m.wale_by_area_years),
        years(m.wale_by_rent_years),
        m.without_end
    );
    if !m.expiry_ladder.is_empty() {
        println!("  expiry ladder:  year  count        area sf     annual rent");
        for y in &m.expiry_ladder {
            println!(
                "                 {}  {:>5}  {:>13}  {:>14}",
                y.year,
                y.count,
                thousands(y.area_sf),
                thousands(y.annual_rent)
            );
        }
    }
    if !m.top_tenants.is_empty() {
        println!("  top tenants:");
        for t in &m.top_tenants {
            println!(
                "    {:<32} ${:>12}/yr  {:>6}",
                t.tenant,
                thousands(t.annual_rent),
                pct(t.share)
            );
        }
    }
    if let Some(mtm) = &m.mark_to_market {
        println!(
            "  mark-to-market: in place ${}/yr, market ${}/yr, {} ({}) over {} leases",
            thousands(mtm.in_place_annual),
            thousands(mtm.market_annual),
            thousands(mtm.difference),
            pct(mtm.pct),
            mtm.leases.len()
        );
    }
    if !m.unit_mix.is_empty() {
        println!("  unit mix:  type             units  occupied   avg sf  avg actual  avg market  occupancy");
        for t in &m.unit_mix {
            let money = |x: Option<f64>| x.map_or_else(|| "n/a".into(), thousands);
            println!(
                "             {:<16} {:>5}  {:>8}  {:>7}  {:>10}  {:>10}  {:>9}",
                t.unit_type,
                t.units,
                t.occupied,
                money(t.avg_area_sf),
                money(t.avg_actual_rent),
                money(t.avg_market_rent),
                pct(Some(t.occupancy))
            );
        }
    }
}

/// Prints what an import wrote.
pub fn written(w: &Written) {
    println!(
        "\nimported (provenance source {}): leases {} created, {} updated, {} unchanged; unit types {} created, {} updated, {} unchanged, {} deleted; units {} created, {} updated, {} unchanged, {} deleted",
        w.source,
        w.leases_created,
        w.leases_updated,
        w.leases_unchanged,
        w.unit_types_created,
        w.unit_types_updated,
        w.unit_types_unchanged,
        w.unit_types_deleted,
        w.units_created,
        w.units_updated,
        w.units_unchanged,
        w.units_deleted
    );
}
