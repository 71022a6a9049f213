//! Discrete distributions shared by both front ends (binomial, Poisson) and
//! NumPy's parameter checks (`check_constraint`).

use super::BitGen;

/// Largest `lam` NumPy's `poisson` accepts.
pub(crate) fn poisson_lam_max() -> f64 {
    let m = i64::MAX as f64;
    m - m.sqrt() * 10.0
}

/// `CONS_NON_NEGATIVE`: rejects values with the sign bit set (including
/// `-0.0`) unless NaN.
pub(crate) fn check_non_negative(v: f64, name: &str) -> Result<(), String> {
    if !v.is_nan() && v.is_sign_negative() {
        return Err(format!("{name} < 0"));
    }
    Ok(())
}

/// `CONS_BOUNDED_0_1`.
pub(crate) fn check_bounded_0_1(v: f64, name: &str) -> Result<(), String> {
    if !(0.0..=1.0).contains(&v) {
        return Err(format!("{name} < 0, {name} > 1 or {name} is NaN"));
    }
    Ok(())
}

/// `CONS_POISSON`.
pub(crate) fn check_poisson(lam: f64) -> Result<(), String> {
    if lam.is_nan() || lam < 0.0 {
        return Err("lam < 0 or lam is NaN".to_string());
    }
    if lam > poisson_lam_max() {
        return Err("lam value too large".to_string());
    }
    Ok(())
}

/// Validates binomial parameters in NumPy's order (p, then n).
pub(crate) fn check_binomial(n: i64, p: f64) -> Result<(), String> {
    check_bounded_0_1(p, "p")?;
    if n < 0 {
        return Err("n < 0".to_string());
    }
    Ok(())
}

fn binomial_inversion<B: BitGen>(bg: &mut B, n: i64, p: f64) -> i64 {
    let q = 1.0 - p;
    let qn = (n as f64 * q.ln()).exp();
    let np = n as f64 * p;
    let bound = (n as f64).min(np + 10.0 * (np * q + 1.0).sqrt()) as i64;
    let mut x: i64 = 0;
    let mut px = qn;
    let mut u = bg.next_f64();
    while u > px {
        x += 1;
        if x > bound {
            x = 0;
            px = qn;
            u = bg.next_f64();
        } else {
            u -= px;
            px = ((i128::from(n) - i128::from(x) + 1) as f64 * p * px) / (x as f64 * q);
        }
    }
    x
}

fn stirling_tail(v: f64) -> f64 {
    let v2 = v * v;
    (13680. - (462. - (132. - (99. - 140. / v2) / v2) / v2) / v2) / v / 166320.
}

fn binomial_btpe<B: BitGen>(bg: &mut B, n: i64, p: f64) -> i64 {
    let nf = n as f64;
    let r = p.min(1.0 - p);
    let q = 1.0 - r;
    let fm = nf * r + r;
    let m = fm.floor() as i64;
    let mf = m as f64;
    let p1 = (2.195 * (nf * r * q).sqrt() - 4.6 * q).floor() + 0.5;
    let xm = mf + 0.5;
    let xl = xm - p1;
    let xr = xm + p1;
    let c = 0.134 + 20.5 / (15.3 + mf);
    let a = (fm - xl) / (fm - xl * r);
    let laml = a * (1.0 + a / 2.0);
    let a = (xr - fm) / (xr * q);
    let lamr = a * (1.0 + a / 2.0);
    let p2 = p1 * (1.0 + 2.0 * c);
    let p3 = p2 + c / laml;
    let p4 = p3 + c / lamr;
    let nrq = nf * r * q;

    let mut y: i64;
    'outer: loop {
        // Step 10
        let u = bg.next_f64() * p4;
        let mut v = bg.next_f64();
        if u <= p1 {
            y = (xm - p1 * v + u).floor() as i64;
            break 'outer;
        }
        if u <= p2 {
            // Step 20
            let x = xl + (u - p1) / c;
            v = v * c + 1.0 - (mf - x + 0.5).abs() / p1;
            if v > 1.0 {
                continue;
            }
            y = x.floor() as i64;
        } else if u <= p3 {
            // Step 30
            y = (xl + v.ln() / laml).floor() as i64;
            if y < 0 || v == 0.0 {
                continue;
            }
            v = v * (u - p2) * laml;
        } else {
            // Step 40
            y = (xr - v.ln() / lamr).floor() as i64;
            if y > n || v == 0.0 {
                continue;
            }
            v = v * (u - p3) * lamr;
        }
        // Step 50
        let k = y.saturating_sub(m).saturating_abs();
        if !(k > 20 && (k as f64) < nrq / 2.0 - 1.0) {
            let s = r / q;
            let a = s * (nf + 1.0);
            let mut f = 1.0;
            if m < y {
                let mut i = m + 1;
                while i <= y {
                    f *= a / i as f64 - s;
                    i += 1;
                }
            } else if m > y {
                let mut i = y + 1;
                while i <= m {
                    f /= a / i as f64 - s;
                    i += 1;
                }
            }
            if v > f {
                continue;
            }
            break 'outer;
        }
        // Step 52
        let kf = k as f64;
        let rho = (kf / nrq) * ((kf * (kf / 3.0 + 0.625) + 0.1666666666666) / nrq + 0.5);
        let t = -(i128::from(k) * i128::from(k)) as f64 / (2.0 * nrq);
        let big_a = v.ln();
        if big_a < t - rho {
            break 'outer;
        }
        if big_a > t + rho {
            continue;
        }
        let x1 = (i128::from(y) + 1) as f64;
        let f1 = mf + 1.0;
        let z = nf + 1.0 - mf;
        let w = (i128::from(n) - i128::from(y) + 1) as f64;
        let bound = xm * (f1 / x1).ln()
            + (nf - mf + 0.5) * (z / w).ln()
            + (i128::from(y) - i128::from(m)) as f64 * (w * r / (x1 * q)).ln()
            + stirling_tail(f1)
            + stirling_tail(z)
            + stirling_tail(x1)
            + stirling_tail(w);
        if big_a > bound {
            continue;
        }
        break 'outer;
    }
    if p > 0.5 {
        y = n - y;
    }
    y
}

fn binomial_core<B: BitGen>(bg: &mut B, n: i64, p: f64) -> i64 {
    if p <= 0.5 {
        if p * n as f64 <= 30.0 {
            binomial_inversion(bg, n, p)
        } else {
            binomial_btpe(bg, n, p)
        }
    } else {
        let q = 1.0 - p;
        if q * n as f64 <= 30.0 {
            n - binomial_inversion(bg, n, q)
        } else {
            n - binomial_btpe(bg, n, q)
        }
    }
}

/// Legacy `RandomState.binomial` draw (no shortcut for `n == 0` or `p == 0`:
/// one uniform is still consumed).
pub(crate) fn legacy_binomial<B: BitGen>(bg: &mut B, n: i64, p: f64) -> i64 {
    binomial_core(bg, n, p)
}

/// `Generator.binomial` draw (`random_binomial`).
pub(crate) fn binomial<B: BitGen>(bg: &mut B, n: i64, p: f64) -> i64 {
    if n == 0 || p == 0.0 {
        return 0;
    }
    binomial_core(bg, n, p)
}

/// `log(Gamma(x))` as NumPy's `random_loggam` computes it.
pub(crate) fn loggam(x: f64) -> f64 {
    const A: [f64; 10] = [
        8.333333333333333e-02,
        -2.777777777777778e-03,
        7.936507936507937e-04,
        -5.952380952380952e-04,
        8.417508417508418e-04,
        -1.917526917526918e-03,
        6.41025641025641e-03,
        -2.955065359477124e-02,
        1.796443723688307e-01,
        -1.39243221690590e+00,
    ];
    if x == 1.0 || x == 2.0 {
        return 0.0;
    }
    let n: i64 = if x < 7.0 { (7.0 - x) as i64 } else { 0 };
    let mut x0 = x + n as f64;
    let x2 = (1.0 / x0) * (1.0 / x0);
    let lg2pi = 1.8378770664093453e+00;
    let mut gl0 = A[9];
    for k in (0..9).rev() {
        gl0 *= x2;
        gl0 += A[k];
    }
    let mut gl = gl0 / x0 + 0.5 * lg2pi + (x0 - 0.5) * x0.ln() - x0;
    if x < 7.0 {
        for _ in 1..=n {
            gl -= (x0 - 1.0).ln();
            x0 -= 1.0;
        }
    }
    gl
}

fn poisson_mult<B: BitGen>(bg: &mut B, lam: f64) -> i64 {
    let enlam = (-lam).exp();
    let mut x = 0;
    let mut prod = 1.0;
    loop {
        prod *= bg.next_f64();
        if prod > enlam {
            x += 1;
        } else {
            return x;
        }
    }
}

fn poisson_ptrs<B: BitGen>(bg: &mut B, lam: f64) -> i64 {
    let slam = lam.sqrt();
    let loglam = lam.ln();
    let b = 0.931 + 2.53 * slam;
    let a = -0.059 + 0.02483 * b;
    let invalpha = 1.1239 + 1.1328 / (b - 3.4);
    let vr = 0.9277 - 3.6224 / (b - 2.0);
    loop {
        let u = bg.next_f64() - 0.5;
        let v = bg.next_f64();
        let us = 0.5 - u.abs();
        let k = ((2.0 * a / us + b) * u + lam + 0.43).floor() as i64;
        if us >= 0.07 && v <= vr {
            return k;
        }
        if k < 0 || (us < 0.013 && v > us) {
            continue;
        }
        if (v.ln() + invalpha.ln() - (a / (us * us) + b).ln())
            <= (-lam + k as f64 * loglam - loggam((i128::from(k) + 1) as f64))
        {
            return k;
        }
    }
}

/// NumPy's `random_poisson` (multiplication method below 10, PTRS above).
pub(crate) fn poisson<B: BitGen>(bg: &mut B, lam: f64) -> i64 {
    if lam >= 10.0 {
        poisson_ptrs(bg, lam)
    } else if lam == 0.0 {
        0
    } else {
        poisson_mult(bg, lam)
    }
}
