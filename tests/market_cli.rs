//! `reos market …` and `reos import market` as a user runs them (docs/market.md): the detector on
//! a one-column file prints the JSON lines; txhousing imports (and re-imports to no
//! change); changepoints print one JSON array with the documented keys; regime and plot work on
//! a fresh SQLite data folder.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::Path;
use std::process::Output;
use support::cli::ok;

fn reos(data: &Path, args: &[&str]) -> Output {
    support::cli::reos(Some(data), args)
}

#[test]
fn bocpd_prints_one_json_object_per_value_with_the_documented_keys() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.csv");
    std::fs::write(&file, "value\n0.1\nNA\n\n-0.3\n5.0\n").unwrap();
    let out = ok(&reos(
        dir.path(),
        &[
            "market",
            "bocpd",
            file.to_str().unwrap(),
            "--lambda",
            "10",
            "--mu0",
            "-0.5",
            "--kappa0",
            "1",
            "--alpha0",
            "1",
            "--beta0",
            "1",
            "--json",
        ],
    ));
    let lines: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 5, "the empty line is a missing value: {out}");
    for (i, (l, raw)) in lines.iter().zip(out.lines()).enumerate() {
        assert!(raw.starts_with(&format!("{{\"t\":{},\"p_new\":", i + 1)), "{raw}");
        let mut keys: Vec<&str> = l.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["map_run_length", "mean", "p_new", "t"], "{l}");
    }
    // After the first value every run but the fresh one has grown: P(r = 1) = 1 − 1/λ.
    assert!((lines[0]["p_new"].as_f64().unwrap() - 0.9).abs() < 1e-12);
    // A missing value: the new-segment mass is P(r_{t-1} = 0)·(1 − H) = 0.1 × 0.9.
    assert!(
        (lines[1]["p_new"].as_f64().unwrap() - 0.09).abs() < 1e-12,
        "{}",
        lines[1]
    );

    std::fs::write(&file, "x\n1\n").unwrap();
    let out = reos(dir.path(), &["market", "bocpd", file.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("`value`"));
    let out = reos(
        dir.path(),
        &["market", "bocpd", file.to_str().unwrap(), "--lambda", "1"],
    );
    assert!(!out.status.success());
}

#[test]
fn txhousing_imports_then_regime_changepoints_and_plot_work_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    ok(&reos(data, &["tenant", "create", "tx", "--name", "Texas"]));
    let out = ok(&reos(
        data,
        &["import", "market", "data/txhousing.csv", "--tenant", "tx"],
    ));
    assert!(
        out.contains("imported 8602 months of 46 market(s)") && out.contains("8602 inserted"),
        "{out}"
    );
    let out = ok(&reos(
        data,
        &["import", "market", "data/txhousing.csv", "--tenant", "tx"],
    ));
    assert!(out.contains("8602 unchanged"), "{out}");

    let out = ok(&reos(data, &["market", "changepoints", "--tenant", "tx", "--json"]));
    let alarms: Vec<serde_json::Value> = serde_json::from_str(out.trim()).unwrap();
    assert!(alarms.len() > 46, "{} alarms", alarms.len());
    assert!(out.starts_with("[{\"market\":"), "{}", &out[..80]);
    for a in &alarms {
        let mut keys: Vec<&str> = a.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["market", "month", "probability", "series"], "{a}");
        assert!(["sales_yoy", "median_price_yoy", "inventory_months"].contains(&a["series"].as_str().unwrap()));
    }
    let markets: std::collections::BTreeSet<&str> = alarms.iter().map(|a| a["market"].as_str().unwrap()).collect();
    assert!(markets.len() >= 40, "{markets:?}");

    let out = ok(&reos(
        data,
        &[
            "market", "regime", "--tenant", "tx", "--market", "Austin", "--as-of", "2009-01", "--json",
        ],
    ));
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(r["month"], "2009-01-01");
    assert!(["EXPANSION", "CONTRACTION", "RECOVERY", "STABLE"].contains(&r["regime"]["label"].as_str().unwrap()));
    let text = ok(&reos(
        data,
        &["market", "regime", "--tenant", "tx", "--market", "Austin"],
    ));
    assert!(text.starts_with("Austin in 2015-07: "), "{text}");

    let png = data.join("austin.png");
    ok(&reos(
        data,
        &[
            "market",
            "plot",
            "--tenant",
            "tx",
            "--market",
            "Austin",
            "--out",
            png.to_str().unwrap(),
        ],
    ));
    let bytes = std::fs::read(&png).unwrap();
    assert!(
        bytes.starts_with(b"\x89PNG") && bytes.len() > 20_000,
        "{} bytes",
        bytes.len()
    );

    // A bad file writes nothing and names the row and the column.
    let bad = data.join("bad.csv");
    std::fs::write(&bad, "market,month,median_price,sales,volume,listings,inventory_months\nNowhere,2001-01,1,1,1,1,1\nNowhere,01/2001,1,1,1,1,1\n").unwrap();
    let out = reos(data, &["import", "market", bad.to_str().unwrap(), "--tenant", "tx"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("month"));
    let out = reos(data, &["market", "regime", "--tenant", "tx", "--market", "Nowhere"]);
    assert!(!out.status.success(), "Nowhere was not imported");
}
