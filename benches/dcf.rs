//! Criterion benchmarks of the DCF engine: the denver-office case, a generated 50-lease office,
//! a 200-unit multifamily property, 10,000 Monte Carlo paths on denver-office, and the maximum bid
//! (docs/deal-sizing.md) on the 50-lease office.
// Benchmark setup has no error path worth handling: a bad fixture should stop the run loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use reos::analytics::dcf::{DcfInput, Dist, LoanProgram, MonteCarloSpec, Targets, max_bid, monte_carlo, value};
use serde_json::{Value, json};

const DENVER: &str = include_str!("../golden/dcf/denver-office/input.json");

/// A 10-year office of 50 staggered leases (mixed recoveries, two MLAs, loan and hazard).
fn office_50() -> DcfInput {
    let recoveries = ["nnn", "base_year", "gross"];
    let leases: Vec<Value> = (0..50)
        .map(|i| {
            let recovery = recoveries[i % 3];
            let mut lease = json!({
                "tenant": format!("Tenant {i}"),
                "area_sf": 1000 + 100 * (i % 20),
                "start": format!("{}-{:02}", 2019 + i % 6, 1 + i % 12),
                "end": format!("{}-{:02}", 2026 + i % 10, 1 + (i * 5) % 12),
                "rent_psf": 22.0 + (i % 7) as f64,
                "escalation_pct": 0.025,
                "free_rent_months": i % 3,
                "recovery": recovery,
                "renewal_probability": 0.6 + 0.05 * (i % 5) as f64,
                "mla": if i % 2 == 0 { "office" } else { "suite" }
            });
            if recovery == "base_year" {
                lease["expense_stop_psf"] = json!(6.0);
            }
            lease
        })
        .collect();
    let area: u64 = (0..50).map(|i| 1000 + 100 * (i % 20)).sum();
    let mla = |term: u32, rent: f64| {
        json!({"market_rent_psf": rent, "term_years": term, "renewal_probability": 0.7,
               "downtime_months": 6, "free_rent_new_months": 3, "free_rent_renewal_months": 1,
               "ti_new_psf": 35.0, "ti_renewal_psf": 12.0, "lc_new_pct": 0.06, "lc_renewal_pct": 0.03,
               "escalation_pct": 0.03, "recovery": "nnn"})
    };
    let v = json!({
        "kind": "commercial", "analysis_start": "2026-01", "hold_years": 10,
        "purchase_price": 40_000_000, "closing_cost_pct": 0.02, "discount_rate": 0.075,
        "equity_discount_rate": 0.11, "exit_cap_rate": 0.0675, "selling_cost_pct": 0.025,
        "market_rent_growth": 0.03, "expense_growth": 0.03, "general_vacancy_pct": 0.03,
        "other_income_annual": 50_000, "building_area_sf": area,
        "expenses": [
            {"name": "tax", "annual": 500_000, "recoverable": true},
            {"name": "cam", "annual": 350_000, "recoverable": true},
            {"name": "admin", "annual": 80_000}
        ],
        "management_fee_pct": 0.03, "capital_reserve_annual": 25_000,
        "loan": {"ltv": 0.6, "rate": 0.062, "amortization_years": 25, "io_months": 12, "fee_pct": 0.0075},
        "hazard": {"composite_score": 0.2, "annual_cost": 10_000},
        "leases": leases,
        "market_leasing": {"office": mla(5, 27.0), "suite": mla(3, 25.0)}
    });
    DcfInput::from_json_str(&v.to_string()).unwrap()
}

/// A 200-unit multifamily property over several unit types.
fn multifamily_200() -> DcfInput {
    let v = json!({
        "kind": "multifamily", "analysis_start": "2026-01", "hold_years": 10,
        "purchase_price": 40_000_000, "closing_cost_pct": 0.02, "discount_rate": 0.08,
        "equity_discount_rate": 0.12, "exit_cap_rate": 0.055, "selling_cost_pct": 0.02,
        "market_rent_growth": 0.03, "expense_growth": 0.025, "general_vacancy_pct": 0.05,
        "other_income_annual": 150_000,
        "expenses": [{"name": "tax", "annual": 600_000}, {"name": "insurance", "annual": 180_000},
                     {"name": "payroll", "annual": 300_000}],
        "management_fee_pct": 0.035, "capital_reserve_annual": 60_000,
        "loan": {"ltv": 0.7, "rate": 0.0575, "amortization_years": 30, "io_months": 24, "fee_pct": 0.01},
        "hazard": {"composite_score": 0.35, "annual_cost": 20_000},
        "unit_mix": [
            {"type": "studio", "units": 30, "current_rent": 1000, "market_rent": 1080},
            {"type": "1BR", "units": 80, "current_rent": 1250, "market_rent": 1320},
            {"type": "2BR", "units": 70, "current_rent": 1650, "market_rent": 1740},
            {"type": "3BR", "units": 20, "current_rent": 2100, "market_rent": 2220}
        ],
        "multifamily": {"turnover_months": 14, "concessions_pct": 0.01, "bad_debt_pct": 0.005}
    });
    DcfInput::from_json_str(&v.to_string()).unwrap()
}

fn mc_spec() -> MonteCarloSpec {
    MonteCarloSpec {
        market_rent_growth: Some(Dist::Normal {
            mean: 0.03,
            std_dev: 0.01,
        }),
        expense_growth: Some(Dist::Triangular {
            min: 0.02,
            mode: 0.03,
            max: 0.045,
        }),
        general_vacancy_pct: Some(Dist::Uniform { min: 0.0, max: 0.08 }),
        exit_cap_rate: Some(Dist::Normal {
            mean: 0.0675,
            std_dev: 0.005,
        }),
        renewal_probability_shift: Some(Dist::Uniform { min: -0.2, max: 0.1 }),
        histogram_bins: 20,
    }
}

fn valuation(c: &mut Criterion) {
    let denver = DcfInput::from_json_str(DENVER).unwrap();
    let office = office_50();
    let mf = multifamily_200();
    let mut g = c.benchmark_group("dcf_value");
    g.bench_function("denver_office", |b| b.iter(|| value(black_box(&denver)).unwrap()));
    g.bench_function("office_50_leases_10y", |b| {
        b.iter(|| value(black_box(&office)).unwrap())
    });
    g.bench_function("multifamily_200_units_10y", |b| {
        b.iter(|| value(black_box(&mf)).unwrap())
    });
    g.finish();
}

fn monte_carlo_paths(c: &mut Criterion) {
    let denver = DcfInput::from_json_str(DENVER).unwrap();
    let spec = mc_spec();
    let mut g = c.benchmark_group("dcf_monte_carlo");
    g.sample_size(20).measurement_time(Duration::from_secs(10));
    g.bench_function("denver_office_10000_paths", |b| {
        b.iter(|| monte_carlo(black_box(&denver), &spec, 10_000, 42).unwrap())
    });
    g.finish();
}

/// One maximum bid on the 50-lease office: 15% levered IRR and 1.8x multiple under a
/// 65% LTV / 1.25x DSCR / 9% debt-yield program; and the unlevered-only search.
fn deal_sizing(c: &mut Criterion) {
    let office = office_50();
    let program = LoanProgram {
        max_ltv: Some(0.65),
        min_dscr: Some(1.25),
        min_debt_yield: Some(0.09),
        rate: 0.065,
        amortization_years: Some(30.0),
        ..LoanProgram::default()
    };
    let levered = Targets {
        levered_irr: Some(0.15),
        equity_multiple: Some(1.8),
        ..Targets::default()
    };
    let unlevered = Targets {
        unlevered_irr: Some(0.08),
        ..Targets::default()
    };
    let runs = max_bid(&office, &levered, Some(&program)).unwrap().engine_runs;
    println!("max bid, office_50_leases_10y with program: {runs} engine runs");
    let mut g = c.benchmark_group("dcf_max_bid");
    g.bench_function("office_50_leases_10y_program", |b| {
        b.iter(|| max_bid(black_box(&office), &levered, Some(&program)).unwrap())
    });
    g.bench_function("office_50_leases_10y_unlevered", |b| {
        b.iter(|| max_bid(black_box(&office), &unlevered, None).unwrap())
    });
    g.finish();
}

criterion_group!(benches, valuation, monte_carlo_paths, deal_sizing);
criterion_main!(benches);
