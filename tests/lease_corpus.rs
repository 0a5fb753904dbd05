//! `reos lease …` as a user and CI run it (docs/lease.md): the generated corpus scored against its
//! truth (≥ 97% of stated values exact, no confident error; the command fails otherwise), a scan
//! refused as one, and `--json` printing exactly one object with the twenty documented fields.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::process::Output;

fn reos(args: &[&str]) -> Output {
    support::cli::reos(None, args)
}

use support::cli::text;

const NAMES: [&str; 20] = [
    "landlord",
    "tenant",
    "premises_address",
    "suite",
    "area_sf",
    "commencement",
    "expiration",
    "term_months",
    "monthly_base_rent",
    "annual_base_rent",
    "rent_psf_annual",
    "escalation_pct",
    "free_rent_months",
    "recovery",
    "expense_stop_psf",
    "security_deposit",
    "late_fee",
    "renewal_option_count",
    "renewal_term_months",
    "ti_allowance_psf",
];

#[test]
fn the_corpus_meets_the_targets() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("accuracy.json");
    let out = reos(&[
        "lease",
        "eval",
        "golden/lease/corpus",
        "--report",
        report.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out));
    let r: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    assert!(r["documents"].as_u64().unwrap() >= 200);
    assert!(r["exact_rate"].as_f64().unwrap() >= 0.97, "{}", r["exact_rate"]);
    assert_eq!(r["confident_errors_total"], 0);
    assert_eq!(r["kinds_right"], r["documents"]);
    for name in NAMES {
        assert!(
            r["fields"][name]["present"].as_u64().unwrap() > 0,
            "{name} never stated in the corpus"
        );
    }
}

/// Three hand-written leases in styles the generator never wrote (a particulars table with
/// day-first dates, a letter-form retail lease with fixed-dollar steps, an apartment agreement).
#[test]
fn leases_in_unseen_styles_meet_the_targets_too() {
    let out = reos(&["lease", "eval", "tests/fixtures/lease-unseen"]);
    assert!(out.status.success(), "{}", text(&out));
}

#[test]
fn json_is_one_object_with_every_field_and_cited_values() {
    let out = reos(&[
        "lease",
        "extract",
        "golden/lease/corpus/001-residential-platform-labels.pdf",
        "--json",
    ]);
    assert!(out.status.success(), "{}", text(&out));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.trim().lines().count(), 1);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["kind"], "residential");
    let fields = v["fields"].as_object().unwrap();
    assert_eq!(fields.len(), NAMES.len());
    // Every name, in the documented order (serde_json's map sorts, so read the raw text).
    let at: Vec<usize> = NAMES
        .iter()
        .map(|n| stdout.find(&format!("\"{n}\":")).expect(n))
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "fields out of order");
    let start = &v["fields"]["commencement"];
    assert_eq!(start["value"], "2024-03-01");
    assert_eq!(start["citation"]["page"], 1);
    assert_eq!(start["citation"]["text"], "03/01/2024");
    assert_eq!(v["fields"]["monthly_base_rent"]["value"], 3850.0);
    assert_eq!(v["fields"]["security_deposit"]["value"], 7700.0);
    assert!(v["fields"]["recovery"].is_null());
    let schedule = v["rent_schedule"].as_array().unwrap();
    assert_eq!(schedule.len(), 1);
    assert_eq!(schedule[0]["annual"], 46200.0);
    // The offsets count characters of the page the text command prints.
    let page = reos(&[
        "lease",
        "extract",
        "golden/lease/corpus/001-residential-platform-labels.pdf",
        "--text",
    ]);
    let page1: String = String::from_utf8(page.stdout)
        .unwrap()
        .split("--- page 2 ---")
        .next()
        .unwrap()
        .to_string();
    let body: Vec<char> = page1.split_once('\n').unwrap().1.chars().collect();
    let (s, e) = (
        start["citation"]["start"].as_u64().unwrap() as usize,
        start["citation"]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(body[s..e].iter().collect::<String>(), "03/01/2024");
}

#[test]
fn a_scan_is_refused_as_one() {
    let out = reos(&["lease", "extract", "golden/lease/scans/scan-1.pdf"]);
    assert!(!out.status.success());
    let t = text(&out);
    assert!(t.contains("LEASE_SCANNED_PDF") && t.contains("OCR"), "{t}");
}

#[test]
fn garbage_is_refused_without_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        (
            "broken.pdf",
            b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF".to_vec(),
        ),
        ("broken.docx", b"PK\x03\x04not really a zip".to_vec()),
        ("binary.bin", vec![0u8, 159, 146, 150, 0, 1, 2]),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = reos(&["lease", "extract", path.to_str().unwrap()]);
        let t = text(&out);
        assert!(!out.status.success(), "{name}: {t}");
        assert!(!t.contains("panicked"), "{name}: {t}");
        assert!(t.contains("LEASE_"), "{name}: {t}");
    }
}

/// Every residential lease of the corpus quotes its pets, parking and utilities sections, each
/// under its own heading and naming its subject; commercial leases quote none.
#[test]
fn residential_leases_quote_their_pets_parking_and_utilities_clauses() {
    use reos::analytics::lease::{Kind, extract_bytes};
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("golden/lease/corpus");
    let (mut residential, mut commercial) = (0, 0);
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.to_string_lossy().ends_with(".json") {
            continue;
        }
        let abs = extract_bytes(&std::fs::read(&path).unwrap()).unwrap();
        if abs.kind == Kind::Commercial {
            assert!(abs.clauses.is_empty(), "{}", path.display());
            commercial += 1;
            continue;
        }
        residential += 1;
        let got: Vec<(&str, f64, String)> = abs
            .clauses
            .iter()
            .map(|c| (c.topic.as_str(), c.confidence, c.citation.text.to_lowercase()))
            .collect();
        for (topic, words) in [
            ("pets", &["pet", "animal"][..]),
            ("parking", &["parking"][..]),
            ("utilities", &["utilit"][..]),
        ] {
            let c = got.iter().find(|c| c.0 == topic);
            assert!(
                c.is_some_and(|c| c.1 == 0.95 && words.iter().any(|w| c.2.contains(w))),
                "{}: {topic}: {got:?}",
                path.display()
            );
        }
    }
    assert!(residential >= 60 && commercial >= 150, "{residential} {commercial}");
}
