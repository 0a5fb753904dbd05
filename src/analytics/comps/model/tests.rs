//! Behaviour of a fitted `CompModel`: cut-off, reuse, explanation arithmetic, errors, hazard.

use chrono::NaiveDate;

use super::*;
use crate::analytics::comps::testdata::synthetic_sales;

fn date(y: i32, m: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, 1).unwrap()
}

fn fitted(n: usize) -> (Vec<Sale>, CompModel) {
    let sales = synthetic_sales(n, 3);
    let model = CompModel::fit(&sales, date(2008, 7), &CompConfig::default()).unwrap();
    (sales, model)
}

#[test]
fn the_explanation_adds_up_to_the_numbers_it_explains() {
    let (sales, model) = fitted(700);
    let subject = Subject::from(sales.last().unwrap());
    let v = model.value(&subject, date(2008, 7)).unwrap();
    assert!(v.low_80 < v.estimate && v.estimate < v.high_80);
    assert!((0.0..=1.0).contains(&v.confidence));
    let weights: f64 = v.comps.iter().map(|c| c.weight).sum();
    assert!((weights - 1.0).abs() < 1e-9);
    for c in &v.comps {
        let steps: f64 = c.adjustments.iter().map(|a| a.effect_usd).sum();
        assert!(
            (c.price + steps - c.adjusted_price).abs() < 1e-6 * c.price,
            "{}",
            c.sale_id
        );
        assert!(c.sale_date < date(2008, 7));
    }
    let baseline = model.hedonic().beta[0].exp();
    let total: f64 = v.contributions.iter().map(|c| c.effect_usd).sum();
    assert!((baseline + total - v.estimate).abs() < 1e-6 * v.estimate);
    assert_eq!(v.model_version, MODEL_VERSION);
    assert!(v.n_candidates >= v.comps.len());
}

#[test]
fn sales_on_or_after_the_fit_date_change_nothing() {
    let sales = synthetic_sales(900, 5);
    let cut = date(2008, 1);
    let before: Vec<Sale> = sales.iter().filter(|s| s.sale_date < cut).cloned().collect();
    let cfg = CompConfig::default();
    let a = CompModel::fit(&sales, cut, &cfg).unwrap();
    let b = CompModel::fit(&before, cut, &cfg).unwrap();
    let subject = Subject::from(&sales[850]);
    assert_eq!(a.value(&subject, cut).unwrap(), b.value(&subject, cut).unwrap());
    assert_eq!(a.pool_size(), before.len());
}

#[test]
fn a_model_is_reusable_later_but_not_earlier_than_its_fit_date() {
    let (sales, model) = fitted(700);
    let subject = Subject::from(&sales[10]);
    assert!(model.value(&subject, date(2009, 1)).is_ok());
    assert!(matches!(
        model.value(&subject, date(2008, 6)),
        Err(CompError::AsOfBeforeFit { .. })
    ));
}

#[test]
fn a_subject_of_another_property_type_has_no_candidates() {
    let (sales, model) = fitted(700);
    let mut subject = Subject::from(&sales[0]);
    subject.property_type = "condominium".into();
    let err = model.value(&subject, date(2008, 7)).unwrap_err();
    let prior = model.pool_size();
    assert!((100..1000).contains(&prior), "{prior}");
    assert_eq!(
        err,
        CompError::NoCandidates {
            property_type: "condominium".into(),
            as_of: date(2008, 7),
            prior,
        }
    );
    // The message says which property type had no sales, and that there were others.
    assert_eq!(
        err.to_string(),
        format!(
            "no comparable `condominium` sales before 2008-07-01 ({prior} earlier sales, none of type `condominium`)"
        )
    );
    let big = CompError::NoCandidates {
        property_type: "condo".into(),
        as_of: NaiveDate::from_ymd_opt(2009, 6, 30).unwrap(),
        prior: 2261,
    };
    assert_eq!(
        big.to_string(),
        "no comparable `condo` sales before 2009-06-30 (2,261 earlier sales, none of type `condo`)"
    );
}

#[test]
fn an_invalid_subject_is_refused_by_field_name() {
    let (sales, model) = fitted(700);
    let mut subject = Subject::from(&sales[0]);
    subject.lat = 95.0;
    assert!(
        matches!(model.value(&subject, date(2008, 7)), Err(CompError::InvalidSubject { field, .. }) if field == "lat")
    );
}

#[test]
fn too_few_prior_sales_are_refused() {
    let sales = synthetic_sales(700, 3);
    assert!(matches!(
        CompModel::fit(&sales, date(2006, 2), &CompConfig::default()),
        Err(CompError::TooFewSales { .. })
    ));
}

#[test]
fn the_hazard_coefficient_is_learned_when_sales_carry_scores() {
    let (_, model) = fitted(700);
    let h = model.hedonic();
    let j = h.design.names.iter().position(|n| n == "hazard").unwrap();
    // The synthetic law takes 20 % (−0.2 log) off per unit of hazard.
    assert!((h.beta[j] + 0.2).abs() < 0.03, "{}", h.beta[j]);
}

#[test]
fn the_hazard_prior_adjusts_comps_when_too_few_sales_carry_scores() {
    let mut sales = synthetic_sales(700, 3);
    // Keep scores on a fifth of the sales: below the share needed to learn the coefficient.
    for (i, s) in sales.iter_mut().enumerate() {
        if i % 5 != 0 {
            s.hazard = None;
        }
    }
    let cfg = CompConfig::default();
    let model = CompModel::fit(&sales, date(2008, 7), &cfg).unwrap();
    assert!(!model.hedonic().design.has_hazard);
    let mut subject = Subject::from(&sales[0]);
    subject.hazard = Some(0.9);
    let v = model.value(&subject, date(2008, 7)).unwrap();
    let with_scores: Vec<_> = v
        .comps
        .iter()
        .filter(|c| c.adjustments.iter().any(|a| a.attribute == "hazard"))
        .collect();
    assert!(!with_scores.is_empty());
    for c in with_scores {
        let a = c.adjustments.iter().find(|a| a.attribute == "hazard").unwrap();
        let comp_h: f64 = a.comp_value.parse().unwrap();
        assert!((a.log_effect - cfg.hazard_prior_log_per_unit * (0.9 - comp_h)).abs() < 1e-12);
    }
}

#[test]
fn an_unusable_prior_sale_is_left_out_and_counted() {
    let mut sales = synthetic_sales(700, 3);
    sales[5].lat = f64::NAN;
    let model = CompModel::fit(&sales, date(2008, 7), &CompConfig::default()).unwrap();
    assert_eq!(model.excluded_sales(), 1);
    assert!(model.value(&Subject::from(&sales[6]), date(2008, 7)).is_ok());
}

#[test]
fn a_model_can_be_shared_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<CompModel>();
    assert_send_sync::<CompValuation>();
}

#[test]
fn the_blend_weight_is_learned_from_the_held_out_errors() {
    // Comps high by 0.1, trees low by 0.1 everywhere: the midpoint is exact.
    let opposite: Vec<HeldSale> = (0..50)
        .map(|i| (f64::from(i), f64::from(i) + 0.1, Some(f64::from(i) - 0.1), 0.1))
        .collect();
    assert!((learn_blend_weight(&opposite, 0.05) - 0.5).abs() < 1e-9);
    // Useless trees get no weight; without trees the weight is 0.
    let noisy: Vec<HeldSale> = (0..50)
        .map(|i| (0.0, 0.0, Some(if i % 2 == 0 { 1.0 } else { -1.0 }), 0.1))
        .collect();
    assert_eq!(learn_blend_weight(&noisy, 0.05), 0.0);
    let none: Vec<HeldSale> = (0..50).map(|_| (0.0, 0.1, None, 0.1)).collect();
    assert_eq!(learn_blend_weight(&none, 0.05), 0.0);
    assert_eq!(blend(1.0, Some(3.0), 0.25), 1.5);
    assert_eq!(blend(1.0, None, 0.25), 1.0);
}

#[test]
fn the_blended_estimate_is_explained_to_the_dollar() {
    let (sales, model) = fitted(900);
    assert!(model.trees.is_some());
    let v = model.value(&Subject::from(&sales[850]), date(2008, 7)).unwrap();
    let tree = v.tree_value.unwrap();
    let w = v.blend_weight;
    assert!((0.0..=1.0).contains(&w));
    let expected = (v.comps_value.ln() * (1.0 - w) + tree.ln() * w).exp();
    assert!((expected - v.estimate).abs() < 1e-6 * v.estimate);
    if w > 0.0 {
        let step = v.contributions.iter().find(|c| c.attribute == "boosted_trees").unwrap();
        assert!((step.effect_usd - (v.estimate - v.comps_value)).abs() < 1e-6 * v.estimate);
    }
    let off = CompModel::fit(
        &sales,
        date(2008, 7),
        &CompConfig {
            tree_count: 0,
            ..CompConfig::default()
        },
    )
    .unwrap();
    let v0 = off.value(&Subject::from(&sales[850]), date(2008, 7)).unwrap();
    assert_eq!((v0.blend_weight, v0.tree_value), (0.0, None));
    assert_eq!(v0.estimate, v0.comps_value);
    assert!(v0.contributions.iter().all(|c| c.attribute != "boosted_trees"));
}

#[test]
fn a_falling_market_gets_the_moving_regime_calibration() {
    use crate::analytics::comps::testdata::falling_market;
    let sales = falling_market();
    let subject = Subject::from(&sales[0]);
    // Fitted during the flat years, the held-out sales are calm; fitted in the fall, moving.
    let calm = CompModel::fit(&sales, date(2004, 9), &CompConfig::default()).unwrap();
    let v = calm.value(&subject, date(2004, 9)).unwrap();
    assert_eq!(v.market_moving, Some(false));
    let falling = CompModel::fit(&sales, date(2007, 1), &CompConfig::default()).unwrap();
    let v = falling.value(&subject, date(2007, 1)).unwrap();
    assert_eq!(v.market_moving, Some(true));
    let pooled = CompConfig {
        regime_min_scores: 0,
        ..CompConfig::default()
    };
    let v = CompModel::fit(&sales, date(2007, 1), &pooled)
        .unwrap()
        .value(&subject, date(2007, 1))
        .unwrap();
    assert_eq!(v.market_moving, None);
}

#[test]
fn a_steady_fall_is_tracked_by_the_second_difference_index() {
    use crate::analytics::comps::backtest::run_backtest;
    use crate::analytics::comps::testdata::falling_market;
    // Prices fall 2 % a month from 2005-01 with 1 % noise; value the first quarter of 2006 from
    // the comps alone (the trees would mask the index).
    let sales = falling_market();
    let mdape = |order: usize| {
        let cfg = CompConfig {
            time_penalty_order: order,
            tree_count: 0,
            ..CompConfig::default()
        };
        run_backtest(&sales, date(2006, 1), date(2006, 3), &cfg)
            .unwrap()
            .metrics
            .unwrap()
            .mdape
    };
    let (flat, straight) = (mdape(1), mdape(2));
    assert!(straight < 0.025, "second differences: MdAPE {straight}");
    assert!(flat > 1.5 * straight, "first differences {flat} vs second {straight}");
}
