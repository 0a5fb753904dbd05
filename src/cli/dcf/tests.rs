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
