//! Unit tests of `analytics::market::bocpd`: hand-worked steps against statrs's Student-t, the
//! exact hazard mass, missing values, a synthetic mean shift and the Nile (change at 1898).
use super::*;
use rand::{RngExt, SeedableRng};
use statrs::distribution::{Continuous, StudentsT};

fn hyper(lambda: f64) -> Hyper {
    Hyper {
        lambda,
        mu0: 0.0,
        kappa0: 1.0,
        alpha0: 1.0,
        beta0: 1.0,
    }
}

/// The predictive of a Normal-Gamma (μ, κ, α, β) at x, from statrs (independent of `Run`).
fn t_pdf(mu: f64, kappa: f64, alpha: f64, beta: f64, x: f64) -> f64 {
    let scale = (beta * (kappa + 1.0) / (alpha * kappa)).sqrt();
    StudentsT::new(mu, scale, 2.0 * alpha).unwrap().pdf(x)
}

#[test]
fn two_steps_by_hand() {
    let h = 0.5;
    let mut d = Bocpd::new(&hyper(2.0)).unwrap();
    // t = 1: P(r=0) = H, P(r=1) = 1 − H whatever x is; a tie goes to the smaller run length.
    let s1 = d.step(Some(1.0));
    assert!((s1.p_new - 0.5).abs() < 1e-12);
    assert_eq!(s1.map_run_length, 0);
    // μ_1 = (1·0 + 1)/2 = 0.5, so the mean is 0.5·0 + 0.5·0.5.
    assert!((s1.mean - 0.25).abs() < 1e-12, "{}", s1.mean);

    // t = 2, x = 1: run 0 predicts with the prior, run 1 with (μ 0.5, κ 2, α 1.5, β 1.25).
    let s2 = d.step(Some(1.0));
    let p0 = t_pdf(0.0, 1.0, 1.0, 1.0, 1.0);
    let p1 = t_pdf(0.5, 2.0, 1.5, 1.25, 1.0);
    let (w0, w1) = (0.5 * p0, 0.5 * p1);
    let expect_new = (1.0 - h) * w0 / (w0 + w1);
    assert!((s2.p_new - expect_new).abs() < 1e-12, "{} vs {expect_new}", s2.p_new);
    let post = d.run_length_posterior();
    assert_eq!(post.len(), 3);
    assert!((post[0] - h).abs() < 1e-12);
    assert!((post[2] - (1.0 - h) * w1 / (w0 + w1)).abs() < 1e-12);
    // Means: run 0 the prior's 0; run 1 = prior updated with 1 (0.5); run 2 = (2·0.5 + 1)/3.
    let expect_mean = post[1] * 0.5 + post[2] * (2.0 / 3.0);
    assert!((s2.mean - expect_mean).abs() < 1e-12);
}

#[test]
fn the_change_mass_is_always_the_hazard_and_the_posterior_sums_to_one() {
    let mut d = Bocpd::new(&hyper(25.0)).unwrap();
    let mut rng = rand::rngs::ChaCha8Rng::seed_from_u64(7);
    for t in 1..=300 {
        let x = if t % 17 == 0 {
            None
        } else {
            Some(rng.random::<f64>() * 4.0 - 2.0)
        };
        d.step(x);
        let post = d.run_length_posterior();
        assert_eq!(post.len(), t + 1);
        assert!((post.iter().sum::<f64>() - 1.0).abs() < 1e-9, "t {t}");
        assert!((post[0] - 1.0 / 25.0).abs() < 1e-12, "t {t}");
    }
}

#[test]
fn a_missing_value_shifts_every_run_by_one_and_changes_no_statistic() {
    let mut d = Bocpd::new(&hyper(10.0)).unwrap();
    for x in [0.3, -0.2, 0.1, 0.4] {
        d.step(Some(x));
    }
    let before = d.run_length_posterior();
    let mean_before: Vec<f64> = d.runs.iter().map(|r| r.mu).collect();
    let s = d.step(None);
    let after = d.run_length_posterior();
    assert!((after[0] - 0.1).abs() < 1e-12);
    for r in 0..before.len() {
        assert!((after[r + 1] - 0.9 * before[r]).abs() < 1e-12, "r {r}");
    }
    let mean_after: Vec<f64> = d.runs.iter().skip(1).map(|r| r.mu).collect();
    assert_eq!(mean_after, mean_before);
    assert!((s.p_new - 0.9 * before[0]).abs() < 1e-12);
}

#[test]
fn hyperparameters_are_checked_by_name() {
    for (h, field) in [
        (
            Hyper {
                lambda: 1.0,
                ..hyper(2.0)
            },
            "lambda",
        ),
        (
            Hyper {
                lambda: f64::NAN,
                ..hyper(2.0)
            },
            "lambda",
        ),
        (
            Hyper {
                mu0: f64::INFINITY,
                ..hyper(2.0)
            },
            "mu0",
        ),
        (
            Hyper {
                kappa0: 0.0,
                ..hyper(2.0)
            },
            "kappa0",
        ),
        (
            Hyper {
                alpha0: -1.0,
                ..hyper(2.0)
            },
            "alpha0",
        ),
        (
            Hyper {
                beta0: 0.0,
                ..hyper(2.0)
            },
            "beta0",
        ),
    ] {
        assert!(
            matches!(Bocpd::new(&h), Err(BocpdError::Invalid { field: f, .. }) if f == field),
            "{field}"
        );
    }
}

/// Months where the MAP run length falls from above `threshold` to `threshold` or less.
fn alarms(steps: &[Step], threshold: usize) -> Vec<usize> {
    steps
        .windows(2)
        .filter(|w| w[0].map_run_length > threshold && w[1].map_run_length <= threshold)
        .map(|w| w[1].t)
        .collect()
}

#[test]
fn a_mean_shift_is_found_soon_after_it_happens_and_nowhere_else() {
    let mut rng = rand::rngs::ChaCha8Rng::seed_from_u64(42);
    // Standard normal noise by Box–Muller; the mean steps from 0 to 2.5 at t = 121.
    let mut normal = || {
        let (u, v): (f64, f64) = (rng.random::<f64>().max(1e-300), rng.random());
        (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
    };
    let xs: Vec<Option<f64>> = (1..=240)
        .map(|t| Some(normal() + if t > 120 { 2.5 } else { 0.0 }))
        .collect();
    let steps = run(&hyper(100.0), &xs).unwrap();
    let found = alarms(&steps, 12);
    let at_change: Vec<&usize> = found.iter().filter(|t| (121..=130).contains(*t)).collect();
    assert_eq!(at_change.len(), 1, "{found:?}");
    // An outlier may briefly favour a short run; 240 months of noise give at most one such alarm.
    assert!(found.len() <= 2, "{found:?}");
    // The segment that began at 121 is the most probable from shortly after.
    let last = steps.last().unwrap();
    assert_eq!(last.map_run_length, 120, "{last:?}");
    assert!((last.mean - 2.5).abs() < 0.3, "{last:?}");
}

/// Annual flow of the Nile at Aswan, 1871–1970 (10^8 m^3), R's `datasets::Nile`; the Aswan dam
/// works began in 1898 and the mean drops there.
const NILE: [f64; 100] = [
    1120., 1160., 963., 1210., 1160., 1160., 813., 1230., 1370., 1140., 995., 935., 1110., 994., 1020., 960., 1180.,
    799., 958., 1140., 1100., 1210., 1150., 1250., 1260., 1220., 1030., 1100., 774., 840., 874., 694., 940., 833.,
    701., 916., 692., 1020., 1050., 969., 831., 726., 456., 824., 702., 1120., 1100., 832., 764., 821., 768., 845.,
    864., 862., 698., 845., 744., 796., 1040., 759., 781., 865., 845., 944., 984., 897., 822., 1010., 771., 676., 649.,
    846., 812., 742., 801., 1040., 860., 874., 848., 890., 744., 749., 838., 1050., 918., 986., 797., 923., 975., 815.,
    1020., 906., 901., 1170., 912., 746., 919., 718., 714., 740.,
];

#[test]
fn the_nile_changes_in_1898() {
    // In hundreds of 10^8 m^3, the prior centred on the first years' level with their spread.
    let xs: Vec<Option<f64>> = NILE.iter().map(|v| Some(v / 100.0)).collect();
    let h = Hyper {
        lambda: 100.0,
        mu0: 11.0,
        kappa0: 1.0,
        alpha0: 1.0,
        beta0: 2.0,
    };
    let steps = run(&h, &xs).unwrap();
    let year = |t: usize| 1870 + t;
    // The observation most likely to have opened a segment, and where the MAP run starts at the end.
    // (At t = 1 the new-segment probability is 1 − H whatever the data: skip it.)
    let best = steps[1..].iter().max_by(|a, b| a.p_new.total_cmp(&b.p_new)).unwrap();
    let last = steps.last().unwrap();
    let start = year(last.t - last.map_run_length + 1);
    assert!((1898..=1900).contains(&start), "the last segment starts in {start}");
    assert!((1898..=1900).contains(&year(best.t)) || best.p_new < 0.5, "{best:?}");
    let found: Vec<usize> = alarms(&steps, 12).into_iter().map(year).collect();
    assert!(found.iter().any(|y| (1898..=1910).contains(y)), "{found:?}");
}
