//! `reos dcf` and `reos golden verify`: the DCF engine from the command line. Neither command reads
//! settings or touches a database, so both run on a bare checkout.
use crate::analytics::dcf::{
    self, DcfInput, DcfResult, MonteCarloResult, MonteCarloSpec, SensitivityResult, SensitivitySpec, ValueOptions,
    golden,
};
use anyhow::{Context, bail};
use clap::{Args, Subcommand};
use serde::Serialize;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Arguments of `reos dcf`.
#[derive(Args, Debug)]
#[command(
    after_help = "Monte Carlo needs its distributions: --mc-spec FILE.json holds a MonteCarloSpec, e.g.
  {\"exit_cap_rate\": {\"dist\": \"normal\", \"mean\": 0.0675, \"std_dev\": 0.0025},
   \"market_rent_growth\": {\"dist\": \"triangular\", \"min\": 0.01, \"mode\": 0.03, \"max\": 0.04},
   \"histogram_bins\": 20}
(the same object may also be wrapped as {\"monte_carlo\": {...}}). Variables left out keep the
input's value. Without --mc-spec, INPUT's sidecar INPUT.mc.json is used when it exists.

Output: the docs/dcf.md result JSON; --ledger adds `ledger` (one row a month), --monte-carlo adds
`monte_carlo`, --sensitivity adds `sensitivity` (exit cap x discount rate and rent growth x exit
cap, -100 to +100 bp in 25 bp steps). Invalid input exits non-zero naming the field.

Deal sizing (docs/deal-sizing.md): --max-bid TARGETS.json [--program PROGRAM.json] prints the
largest price meeting the targets (max_price, binding_target, loan_amount, loan_binding,
levered_irr, unlevered_irr, going_in_cap_rate, equity, the sizing and the DCF at that price);
when no price answers it exits non-zero with MAX_BID_INFEASIBLE, MAX_BID_UNBOUNDED,
MAX_BID_NON_MONOTONE or MAX_BID_NO_INCOME. --size-loan PRICE --program PROGRAM.json prints the
program's loan at PRICE and the DCF with it."
)]
pub struct DcfArgs {
    /// Input JSON (snake_case, docs/dcf.md).
    pub input: PathBuf,
    /// Run N seeded Monte Carlo paths (needs a spec: --mc-spec or the INPUT.mc.json sidecar).
    #[arg(long, value_name = "N")]
    pub monte_carlo: Option<usize>,
    /// Monte Carlo seed.
    #[arg(long, value_name = "S", default_value_t = 0, requires = "monte_carlo")]
    pub seed: u64,
    /// Monte Carlo distribution spec (JSON).
    #[arg(long, value_name = "FILE.json", requires = "monte_carlo")]
    pub mc_spec: Option<PathBuf>,
    /// Add the default sensitivity grids.
    #[arg(long)]
    pub sensitivity: bool,
    /// Add the monthly ledger.
    #[arg(long)]
    pub ledger: bool,
    /// Solve for the maximum bid under these targets (JSON: levered_irr, unlevered_irr,
    /// equity_multiple, max_equity) instead of valuing at the input's price (docs/deal-sizing.md).
    #[arg(long, value_name = "TARGETS.json", conflicts_with_all = ["monte_carlo", "sensitivity", "ledger", "size_loan"])]
    pub max_bid: Option<PathBuf>,
    /// Size the loan of --program at this price and value the property with it.
    #[arg(long, value_name = "PRICE", requires = "program", conflicts_with_all = ["monte_carlo", "sensitivity", "ledger"])]
    pub size_loan: Option<f64>,
    /// Loan program (JSON: max_ltv, min_dscr, min_debt_yield, rate, amortization_years, io_months,
    /// fee_pct, term_years, lender, notes) for --max-bid or --size-loan.
    #[arg(long, value_name = "PROGRAM.json")]
    pub program: Option<PathBuf>,
}

/// Subcommands of `reos golden`.
#[derive(Subcommand, Debug)]
pub enum GoldenCommand {
    /// Value every `<DIR>/<case>/input.json` and compare with its expected.json; non-zero exit
    /// on any mismatch. Folders whose cases hold `targets.json` (`golden/max-bid`) are
    /// maximum-bid cases, solved with their `program.json` when present.
    Verify {
        #[arg(default_value = "golden/dcf")]
        dir: PathBuf,
    },
}

/// What `reos dcf` prints: the result's fields in docs/dcf.md order, then the requested extras.
#[derive(Serialize, Debug)]
pub struct DcfOutput {
    #[serde(flatten)]
    pub result: DcfResult,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub monte_carlo: Option<MonteCarloResult>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sensitivity: Option<SensitivityResult>,
}

/// Runs `reos dcf` and prints the result JSON (a maximum bid or a loan sizing when asked).
pub fn run_dcf(args: &DcfArgs) -> anyhow::Result<()> {
    let text = match (&args.max_bid, args.size_loan) {
        (Some(targets), _) => serde_json::to_string_pretty(&max_bid_output(args, targets)?)?,
        (None, Some(price)) => serde_json::to_string_pretty(&size_loan_output(args, price)?)?,
        (None, None) => serde_json::to_string_pretty(&dcf_output(args)?)?,
    };
    println!("{text}");
    Ok(())
}

/// What `reos dcf --size-loan PRICE --program P` prints.
#[derive(Serialize, Debug)]
pub struct SizeLoanOutput {
    #[serde(flatten)]
    pub sizing: dcf::LoanSizing,
    pub dcf: DcfResult,
}

fn engine_input(args: &DcfArgs) -> anyhow::Result<DcfInput> {
    DcfInput::from_json_str(&read(&args.input)?).map_err(|e| anyhow::anyhow!("invalid input: {e}"))
}

fn json_file<T: serde::de::DeserializeOwned>(path: &Path, what: &str) -> anyhow::Result<T> {
    serde_json::from_str(&read(path)?).with_context(|| format!("{}: invalid {what}", path.display()))
}

fn program(args: &DcfArgs) -> anyhow::Result<Option<dcf::LoanProgram>> {
    args.program
        .as_deref()
        .map(|p| json_file(p, "loan program"))
        .transpose()
}

/// Computes what `reos dcf --max-bid TARGETS.json [--program P]` prints; no answer is an error
/// carrying its code (docs/deal-sizing.md).
pub fn max_bid_output(args: &DcfArgs, targets: &Path) -> anyhow::Result<dcf::MaxBid> {
    let input = engine_input(args)?;
    let targets: dcf::Targets = json_file(targets, "targets")?;
    let program = program(args)?;
    dcf::max_bid(&input, &targets, program.as_ref()).map_err(|e| anyhow::anyhow!("{e}"))
}

/// Computes what `reos dcf --size-loan PRICE --program P` prints.
pub fn size_loan_output(args: &DcfArgs, price: f64) -> anyhow::Result<SizeLoanOutput> {
    let input = engine_input(args)?;
    let Some(program) = program(args)? else {
        bail!("--size-loan needs --program PROGRAM.json");
    };
    let (sizing, dcf) = dcf::size_loan(&input, price, &program).map_err(|e| anyhow::anyhow!("invalid input: {e}"))?;
    Ok(SizeLoanOutput { sizing, dcf })
}

/// Computes what `reos dcf` prints.
pub fn dcf_output(args: &DcfArgs) -> anyhow::Result<DcfOutput> {
    let input = engine_input(args)?;
    let result = dcf::value_with_options(&input, ValueOptions { ledger: args.ledger })
        .map_err(|e| anyhow::anyhow!("invalid input: {e}"))?;
    let monte_carlo = match args.monte_carlo {
        Some(paths) => {
            let spec = mc_spec(args)?;
            Some(
                dcf::monte_carlo(&input, &spec, paths, args.seed)
                    .map_err(|e| anyhow::anyhow!("invalid Monte Carlo request: {e}"))?,
            )
        }
        None => None,
    };
    let sensitivity = if args.sensitivity {
        Some(
            dcf::sensitivity(&input, &SensitivitySpec::default())
                .map_err(|e| anyhow::anyhow!("invalid sensitivity request: {e}"))?,
        )
    } else {
        None
    };
    Ok(DcfOutput {
        result,
        monte_carlo,
        sensitivity,
    })
}

fn read(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

/// `--mc-spec`, else the `INPUT.mc.json` sidecar; `{"monte_carlo": {...}}` is unwrapped.
fn mc_spec(args: &DcfArgs) -> anyhow::Result<MonteCarloSpec> {
    let path = match &args.mc_spec {
        Some(p) => p.clone(),
        None => {
            let sidecar = args.input.with_extension("mc.json");
            if !sidecar.is_file() {
                bail!(
                    "--monte-carlo needs a distribution spec: pass --mc-spec FILE.json or create {}",
                    sidecar.display()
                );
            }
            sidecar
        }
    };
    let mut v: Value =
        serde_json::from_str(&read(&path)?).with_context(|| format!("{}: not valid JSON", path.display()))?;
    if let Some(inner) = v.get_mut("monte_carlo") {
        v = inner.take();
    }
    serde_json::from_value(v).with_context(|| format!("{}: invalid Monte Carlo spec", path.display()))
}

/// Runs `reos golden verify`; prints one line per mismatch (case, field, expected, actual).
pub fn run_golden(command: &GoldenCommand) -> anyhow::Result<()> {
    let GoldenCommand::Verify { dir } = command;
    let report = golden::verify_any(dir);
    print!("{report}");
    if report.cases.is_empty() {
        bail!("no golden cases under {}", dir.display());
    }
    if !report.is_ok() {
        bail!("{} golden mismatch(es)", report.mismatches.len());
    }
    Ok(())
}

#[cfg(test)]
mod tests;
