//! NPV and a robust IRR: bracket the root, then Brent's method (never a bare Newton step).

use serde::Serialize;

/// Lowest rate searched (docs/dcf.md: the lowest root above −99%).
const LOW: f64 = -0.99;
/// Highest rate searched; a root above 1,000,000% is reported as none.
const HIGH: f64 = 1e4;

/// An IRR and whether the flows change sign more than once (so several roots may exist).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Irr {
    pub rate: Option<f64>,
    pub multiple_sign_changes: bool,
}

/// Σ CF_k / (1 + r)^k, k = 0..n (annual, end of year).
pub fn npv(rate: f64, flows: &[f64]) -> f64 {
    let v = 1.0 / (1.0 + rate);
    flows.iter().rev().fold(0.0, |acc, cf| acc * v + cf)
}

fn sign_changes(flows: &[f64]) -> usize {
    let mut last = 0.0f64;
    let mut n = 0;
    for &cf in flows.iter().filter(|cf| **cf != 0.0) {
        if last != 0.0 && (cf > 0.0) != (last > 0.0) {
            n += 1;
        }
        last = cf;
    }
    n
}

/// The lowest rate above −99% where NPV = 0; `None` when the flows never change sign or no
/// root lies in (−99%, 1e6%).
pub fn irr(flows: &[f64]) -> Irr {
    let changes = sign_changes(flows);
    let multiple_sign_changes = changes > 1;
    if changes == 0 {
        return Irr {
            rate: None,
            multiple_sign_changes,
        };
    }
    let f = |r: f64| npv(r, flows);
    let rate = if changes == 1 {
        single_bracket(&f)
    } else {
        scan_bracket(&f)
    }
    .and_then(|(a, fa, b, fb)| brent(&f, a, fa, b, fb));
    Irr {
        rate,
        multiple_sign_changes,
    }
}

type Bracket = (f64, f64, f64, f64);

/// With one sign change NPV has exactly one root in (−1, ∞): bracket it around 0 and widen.
fn single_bracket(f: &impl Fn(f64) -> f64) -> Option<Bracket> {
    let f_low = f(LOW);
    let f_zero = f(0.0);
    if f_low.signum() != f_zero.signum() || f_zero == 0.0 {
        return Some((LOW, f_low, 0.0, f_zero));
    }
    let (mut a, mut fa) = (0.0, f_zero);
    let mut b = 0.5;
    while b <= HIGH {
        let fb = f(b);
        if fb.signum() != fa.signum() || fb == 0.0 {
            return Some((a, fa, b, fb));
        }
        (a, fa) = (b, fb);
        b = b * 2.0 + 0.5;
    }
    None
}

/// With several sign changes, walk up from −99% and take the first bracket found.
fn scan_bracket(f: &impl Fn(f64) -> f64) -> Option<Bracket> {
    let (mut a, mut fa) = (LOW, f(LOW));
    if fa == 0.0 {
        return Some((a, fa, a, fa));
    }
    loop {
        let b = if a < 1.0 { a + 0.01 } else { a * 1.25 };
        if b > HIGH {
            return None;
        }
        let fb = f(b);
        if fb == 0.0 || fb.signum() != fa.signum() {
            return Some((a, fa, b, fb));
        }
        (a, fa) = (b, fb);
    }
}

/// Brent's method on a sign-changing bracket (Numerical Recipes `zbrent`).
fn brent(f: &impl Fn(f64) -> f64, a0: f64, fa0: f64, b0: f64, fb0: f64) -> Option<f64> {
    if fa0 == 0.0 {
        return Some(a0);
    }
    if fb0 == 0.0 {
        return Some(b0);
    }
    let (mut a, mut b, mut fa, mut fb) = (a0, b0, fa0, fb0);
    let (mut c, mut fc) = (b, fb);
    let (mut d, mut e) = (b - a, b - a);
    for _ in 0..200 {
        if (fb > 0.0) == (fc > 0.0) {
            (c, fc) = (a, fa);
            d = b - a;
            e = d;
        }
        if fc.abs() < fb.abs() {
            (a, fa) = (b, fb);
            (b, fb) = (c, fc);
            (c, fc) = (a, fa);
        }
        let tol = 2.0 * f64::EPSILON * b.abs() + 1e-15;
        let xm = 0.5 * (c - b);
        if xm.abs() <= tol || fb == 0.0 {
            return Some(b);
        }
        if e.abs() >= tol && fa.abs() > fb.abs() {
            let s = fb / fa;
            let (mut p, mut q) = if a == c {
                (2.0 * xm * s, 1.0 - s)
            } else {
                let q = fa / fc;
                let r = fb / fc;
                (
                    s * (2.0 * xm * q * (q - r) - (b - a) * (r - 1.0)),
                    (q - 1.0) * (r - 1.0) * (s - 1.0),
                )
            };
            if p > 0.0 {
                q = -q;
            }
            p = p.abs();
            if 2.0 * p < (3.0 * xm * q - (tol * q).abs()).min((e * q).abs()) {
                e = d;
                d = p / q;
            } else {
                d = xm;
                e = d;
            }
        } else {
            d = xm;
            e = d;
        }
        (a, fa) = (b, fb);
        b += if d.abs() > tol { d } else { tol.copysign(xm) };
        fb = f(b);
    }
    Some(b)
}

#[cfg(test)]
mod tests;
