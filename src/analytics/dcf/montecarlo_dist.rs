//! Distributions of Monte Carlo variables (statrs), with zero spreads as exact constants.

use rand::distr::Distribution;
use rand::rngs::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use statrs::distribution::{Normal, Triangular, Uniform};

use super::error::DcfError;

/// A distribution of one variable; a zero spread (std_dev 0, min = max) is a constant.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "dist", rename_all = "snake_case", deny_unknown_fields)]
pub enum Dist {
    Normal { mean: f64, std_dev: f64 },
    Triangular { min: f64, mode: f64, max: f64 },
    Uniform { min: f64, max: f64 },
}

pub(super) enum Sampler {
    Constant(f64),
    Normal(Normal),
    Triangular(Triangular),
    Uniform(Uniform),
}

impl Sampler {
    pub(super) fn new(d: &Dist, field: &str) -> Result<Sampler, DcfError> {
        let bad = |what: &str| DcfError::invalid(field, what.to_string());
        match *d {
            Dist::Normal { mean, std_dev } if std_dev == 0.0 && mean.is_finite() => Ok(Sampler::Constant(mean)),
            Dist::Normal { mean, std_dev } => Normal::new(mean, std_dev)
                .map(Sampler::Normal)
                .map_err(|_| bad("needs a finite mean and std_dev >= 0")),
            Dist::Triangular { min, mode, max } if min == max && mode == min && min.is_finite() => {
                Ok(Sampler::Constant(min))
            }
            Dist::Triangular { min, mode, max } => Triangular::new(min, max, mode)
                .map(Sampler::Triangular)
                .map_err(|_| bad("needs finite min <= mode <= max")),
            Dist::Uniform { min, max } if min == max && min.is_finite() => Ok(Sampler::Constant(min)),
            Dist::Uniform { min, max } => Uniform::new(min, max)
                .map(Sampler::Uniform)
                .map_err(|_| bad("needs finite min <= max")),
        }
    }

    pub(super) fn draw(&self, rng: &mut ChaCha8Rng) -> f64 {
        match self {
            Sampler::Constant(c) => *c,
            Sampler::Normal(d) => d.sample(rng),
            Sampler::Triangular(d) => d.sample(rng),
            Sampler::Uniform(d) => d.sample(rng),
        }
    }
}
