//! Unit tests of `cli::dcf`: `reos dcf` output and options, and `reos golden verify` on the committed cases.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use super::*;

fn args(input: &Path) -> DcfArgs {
    DcfArgs {
        input: input.to_path_buf(),
        monte_carlo: None,
        seed: 0,
        mc_spec: None,
        sensitivity: false,
        ledger: false,
        max_bid: None,
        size_loan: None,
        program: None,
    }
}

const DENVER: &str = "golden/dcf/denver-office/input.json";

fn dcf_json(a: &DcfArgs) -> anyhow::Result<Value> {
    Ok(serde_json::to_value(dcf_output(a)?)?)
}

#[test]
fn the_ledger_is_printed_only_on_request() {
    let plain = dcf_json(&args(Path::new(DENVER))).unwrap();
    assert!(plain.get("ledger").is_none());
    let mut a = args(Path::new(DENVER));
    a.ledger = true;
    let with = dcf_json(&a).unwrap();
    assert_eq!(with["ledger"].as_array().unwrap().len(), 12 * 8);
}

#[test]
fn monte_carlo_reads_a_wrapped_spec_file() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("spec.json");
    std::fs::write(
        &spec,
        r#"{"monte_carlo": {"exit_cap_rate": {"dist": "uniform", "min": 0.06, "max": 0.075}}}"#,
    )
    .unwrap();
    let mut a = args(Path::new(DENVER));
    a.monte_carlo = Some(50);
    a.seed = 7;
    a.mc_spec = Some(spec);
    let out = dcf_json(&a).unwrap();
    assert_eq!(out["monte_carlo"]["paths"], 50);
    assert_eq!(out["monte_carlo"]["npv"]["count"], 50);
}

#[test]
fn monte_carlo_without_a_spec_is_refused() {
    let mut a = args(Path::new(DENVER));
    a.monte_carlo = Some(10);
    let err = dcf_json(&a).unwrap_err().to_string();
    assert!(err.contains("--mc-spec"), "{err}");
}

#[test]
fn an_invalid_input_names_its_field() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("in.json");
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(DENVER).unwrap()).unwrap();
    v["hold_years"] = serde_json::json!(40);
    std::fs::write(&p, v.to_string()).unwrap();
    let err = dcf_json(&args(&p)).unwrap_err().to_string();
    assert!(err.contains("hold_years"), "{err}");
}

#[test]
fn the_committed_golden_cases_verify() {
    run_golden(&GoldenCommand::Verify {
        dir: PathBuf::from("golden/dcf"),
    })
    .unwrap();
}

const WALK: &str = "golden/max-bid/walkthrough-office";

#[test]
fn max_bid_prints_the_documented_keys_and_matches_the_walkthrough_case() {
    let mut a = args(&Path::new(WALK).join("input.json"));
    a.program = Some(Path::new(WALK).join("program.json"));
    let out = serde_json::to_value(max_bid_output(&a, &Path::new(WALK).join("targets.json")).unwrap()).unwrap();
    for key in [
        "max_price",
        "binding_target",
        "loan_amount",
        "loan_binding",
        "levered_irr",
        "unlevered_irr",
        "going_in_cap_rate",
        "equity",
    ] {
        assert!(out.get(key).is_some(), "missing {key}");
    }
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(Path::new(WALK).join("expected.json")).unwrap()).unwrap();
    let rel = (out["max_price"].as_f64().unwrap() / expected["max_price"].as_f64().unwrap() - 1.0).abs();
    assert!(rel < 1e-6, "{rel}");
    assert_eq!(out["binding_target"], "levered_irr");
    assert_eq!(out["loan_binding"], expected["loan_binding"]);
}

#[test]
fn max_bid_without_an_answer_fails_with_its_code_and_bad_targets_name_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("t.json");
    std::fs::write(&t, r#"{"unlevered_irr": 5.0}"#).unwrap();
    let e = max_bid_output(&args(Path::new(DENVER)), &t).unwrap_err().to_string();
    assert!(e.starts_with("MAX_BID_INFEASIBLE"), "{e}");
    std::fs::write(&t, r#"{"levered_irr": 0.15, "irr": 0.1}"#).unwrap();
    let e = format!("{:#}", max_bid_output(&args(Path::new(DENVER)), &t).unwrap_err());
    assert!(e.contains("unknown field `irr`"), "{e}");
}

#[test]
fn size_loan_reports_the_binding_constraint_at_the_price() {
    let mut a = args(&Path::new(WALK).join("input.json"));
    a.program = Some(Path::new(WALK).join("program.json"));
    let out = serde_json::to_value(size_loan_output(&a, 7_000_000.0).unwrap()).unwrap();
    assert_eq!(out["binding"], "LTV");
    assert!((out["amount"].as_f64().unwrap() - 0.65 * 7_000_000.0).abs() < 1e-6);
    assert!((out["dcf"]["loan_amount"].as_f64().unwrap() - out["amount"].as_f64().unwrap()).abs() < 1e-6);
}
