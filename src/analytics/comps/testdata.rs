//! Deterministic synthetic sales with a known price law, for unit tests only.

use chrono::NaiveDate;

use super::sale::{Attributes, Sale};

/// Small linear congruential generator so tests need no random-number crate.
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Self {
        Lcg(seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407))
    }
    pub fn uniform(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }
    pub fn normal(&mut self) -> f64 {
        let (u, v) = (self.uniform(), self.uniform());
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
}

/// True log price of the synthetic law: elasticity 0.7 on living area, 0.4 %/year of age,
/// 5 % per garage stall, a smooth east-west location gradient and −20 % per unit of hazard.
pub fn true_log_price(a: &Attributes, lon: f64, hazard: Option<f64>, months: f64) -> f64 {
    12.0 + 0.7 * (a.living_area_sf / 1500.0).ln()
        + 0.004 * f64::from(a.year_built - 1980)
        + 0.05 * f64::from(a.garage_cars.unwrap_or(0))
        + 3.0 * (lon + 93.6)
        - 0.2 * hazard.unwrap_or(0.0)
        + 0.002 * months
}

/// `n` sales spread over 2006–2008 on a 10 km square, with hazard scores on every sale.
pub fn synthetic_sales(n: usize, seed: u64) -> Vec<Sale> {
    let mut rng = Lcg::new(seed);
    (0..n)
        .map(|i| {
            let months = (i * 36 / n.max(1)) as u32;
            let date = NaiveDate::from_ymd_opt(2006 + (months / 12) as i32, months % 12 + 1, 1).unwrap_or_default();
            let lat = 42.0 + 0.09 * rng.uniform();
            let lon = -93.6 + 0.12 * (rng.uniform() - 0.5);
            let attrs = Attributes {
                living_area_sf: 800.0 + 2000.0 * rng.uniform(),
                lot_area_sf: Some(6000.0 + 8000.0 * rng.uniform()),
                year_built: 1950 + (55.0 * rng.uniform()) as i32,
                garage_cars: Some((3.0 * rng.uniform()) as u32),
                full_baths: Some(1 + (2.0 * rng.uniform()) as u32),
                condition_score: Some(5),
                ..Attributes::default()
            };
            let hazard = Some(rng.uniform());
            let lp = true_log_price(&attrs, lon, hazard, f64::from(months)) + 0.03 * rng.normal();
            Sale {
                id: format!("S{i}"),
                sale_date: date,
                price: lp.exp(),
                condition: "normal".into(),
                lat,
                lon,
                property_type: "single_family".into(),
                neighborhood: None,
                attrs,
                hazard,
            }
        })
        .collect()
}

/// From January 2001, 20 sales a month for 72 months; $/sf 100 (±1 %) until month 48, then down 2 % a month.
pub fn falling_market() -> Vec<Sale> {
    let first = NaiveDate::from_ymd_opt(2001, 1, 1).unwrap_or_default();
    let mut rng = Lcg::new(9);
    (0..72)
        .flat_map(|m| (0..20).map(move |i| (m, i)))
        .map(|(m, i)| {
            let level = if m < 48 { 0.0 } else { -0.02 * f64::from(m - 48) };
            let psf = 100.0 * (level + 0.01 * rng.normal()).exp();
            Sale {
                id: format!("M{m}-{i}"),
                sale_date: crate::analytics::market::series::add_months(first, m as usize),
                price: psf * 1000.0,
                condition: "normal".into(),
                lat: 42.0,
                lon: -93.6,
                property_type: "single_family".into(),
                neighborhood: None,
                attrs: Attributes {
                    living_area_sf: 1000.0,
                    year_built: 1980,
                    ..Attributes::default()
                },
                hazard: None,
            }
        })
        .collect()
}
