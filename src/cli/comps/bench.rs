//! `reos bench comps`: wall-clock timings of Comp-Critic on a canonical sales file (no database):
//! a full-pool fit, one valuation on the full pool, and a whole backtest.
use crate::analytics::comps::csv::parse_canonical_csv;
use crate::analytics::comps::{CompConfig, CompError, CompModel, Sale, Subject, run_backtest};
use crate::analytics::stats::ratio::median;
use crate::cli::common::{parse_date, write_json};
use anyhow::Context;
use chrono::NaiveDate;
use clap::Args;
use std::path::PathBuf;
use std::time::Instant;

#[derive(Args)]
pub struct BenchCompsArgs {
    /// Canonical sales CSV.
    #[arg(long)]
    pub csv: PathBuf,
    /// First subject sale date of the timed backtest (YYYY-MM-DD).
    #[arg(long, default_value = "2008-07-01", value_parser = parse_date)]
    pub from: NaiveDate,
    /// Last subject sale date of the timed backtest (YYYY-MM-DD).
    #[arg(long, default_value = "2009-06-30", value_parser = parse_date)]
    pub to: NaiveDate,
    /// Repetitions of the fit and of the backtest (the median is reported).
    #[arg(long, default_value_t = 5)]
    pub runs: usize,
    /// Valuations timed on the full-pool model.
    #[arg(long, default_value_t = 500)]
    pub valuations: usize,
    #[arg(long, default_value = "artifacts/bench/comps.json")]
    pub out: PathBuf,
}

/// Fit and valuation times on a model fitted the day after the newest sale (every sale in the pool).
#[derive(Debug, Clone, serde::Serialize)]
pub struct PoolTiming {
    pub sales: usize,
    pub pool_size: usize,
    pub fit_ms: f64,
    pub per_valuation_ms: f64,
    pub per_valuation_p90_ms: f64,
    pub valuations_timed: usize,
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

fn quantile(v: &mut [f64], q: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    let i = ((v.len() as f64 - 1.0) * q).round() as usize;
    v.get(i).copied().unwrap_or(f64::NAN)
}

/// Fits once on every sale and values up to `n` of the newest sales (as subjects) one at a time.
pub fn full_pool_timing(sales: &[Sale], n: usize) -> Result<PoolTiming, CompError> {
    let last = sales
        .iter()
        .map(|s| s.sale_date)
        .max()
        .ok_or(CompError::TooFewSales { found: 0, needed: 1 })?;
    let as_of = last.succ_opt().unwrap_or(last);
    let t = Instant::now();
    let model = CompModel::fit(sales, as_of, &CompConfig::default())?;
    let fit_ms = ms(t);
    let mut newest: Vec<&Sale> = sales.iter().collect();
    newest.sort_by(|a, b| b.sale_date.cmp(&a.sale_date).then_with(|| a.id.cmp(&b.id)));
    let mut times: Vec<f64> = newest
        .iter()
        .take(n)
        .filter_map(|s| {
            let t = Instant::now();
            model.value(&Subject::from(*s), as_of).ok().map(|_| ms(t))
        })
        .collect();
    Ok(PoolTiming {
        sales: sales.len(),
        pool_size: model.pool_size(),
        fit_ms,
        per_valuation_ms: quantile(&mut times, 0.5),
        per_valuation_p90_ms: quantile(&mut times, 0.9),
        valuations_timed: times.len(),
    })
}

pub async fn run(args: &BenchCompsArgs) -> anyhow::Result<()> {
    let file = std::fs::File::open(&args.csv).with_context(|| format!("opening {}", args.csv.display()))?;
    let sales = parse_canonical_csv(std::io::BufReader::new(file)).context("--csv")?;
    let (from, to, runs, n) = (args.from, args.to, args.runs.max(1), args.valuations);
    let report = tokio::task::spawn_blocking(move || -> anyhow::Result<serde_json::Value> {
        let mut fits = Vec::new();
        let mut pool = None;
        for _ in 0..runs {
            let t = full_pool_timing(&sales, n)?;
            fits.push(t.fit_ms);
            pool = Some(t);
        }
        let mut backtests = Vec::new();
        let mut metrics = None;
        for _ in 0..runs {
            let t = Instant::now();
            let bt = run_backtest(&sales, from, to, &CompConfig::default())?;
            backtests.push(t.elapsed().as_secs_f64());
            metrics = bt.metrics.map(|m| (m, bt.predictions.len()));
        }
        Ok(serde_json::json!({
            "tool": "reos bench comps",
            "build": if cfg!(debug_assertions) { "debug" } else { "release" },
            "threads": rayon::current_num_threads(),
            "runs": runs,
            "sales": sales.len(),
            "one_valuation_full_pool": pool,
            "full_pool_fit_ms_median": median(&fits),
            "backtest": {
                "from": from,
                "to": to,
                "seconds_median": median(&backtests),
                "seconds_all": backtests,
                "valued": metrics.as_ref().map(|m| m.1),
                "mdape": metrics.as_ref().map(|m| m.0.mdape),
                "cod": metrics.as_ref().map(|m| m.0.cod),
            },
        }))
    })
    .await??;
    write_json(&args.out, &report)?;
    println!("{}", serde_json::to_string_pretty(&report)?);
    Ok(())
}
