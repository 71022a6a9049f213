//! LAPACK's preprocessing and 2x2 standardization for the general eigenproblem:
//! `gebal` (permute to isolate eigenvalues, then scale by powers of two) and
//! `lanv2` (Schur form of a real 2x2 block). Both follow LAPACK 3.12 so that
//! `eig` returns eigenvalues in the order NumPy does in the common cases
//! (triangular and block-triangular matrices, 2x2 matrices).

use super::LinalgScalar;
use nalgebra::DMatrix;

/// The similarity `B = D^-1 P^T A P D` found by [`balance`].
pub(crate) struct Balance {
    /// First row/column of the part that still needs a Schur iteration.
    pub ilo: usize,
    /// Last row/column (inclusive) of that part.
    pub ihi: usize,
    /// Row/column exchanges in the order they were made.
    pub swaps: Vec<(usize, usize)>,
    /// Diagonal of D (powers of two; 1 outside `ilo..=ihi`).
    pub scale: Vec<f64>,
}

impl Balance {
    /// Maps eigenvectors of the balanced matrix (rows of `v`) back to the
    /// original one: `v <- P D v` (LAPACK gebak).
    pub fn back_transform<T: LinalgScalar>(&self, v: &mut DMatrix<T>) {
        for (i, &s) in self.scale.iter().enumerate() {
            if s != 1.0 {
                v.row_mut(i).scale_mut(s);
            }
        }
        for &(i, j) in self.swaps.iter().rev() {
            v.swap_rows(i, j);
        }
    }
}

/// Swaps rows/columns `i` and `j` of `a` as gebal does (columns over rows
/// `0..=l`, rows over columns `k..`).
fn exchange<S: LinalgScalar>(a: &mut DMatrix<S>, i: usize, j: usize, k: usize, l: usize) {
    if i == j {
        return;
    }
    let n = a.ncols();
    for r in 0..=l {
        a.swap((r, i), (r, j));
    }
    for c in k..n {
        a.swap((i, c), (j, c));
    }
}

/// Balances `a` in place (LAPACK gebal with job 'B'); `a` must be square,
/// non-empty and finite.
pub(crate) fn balance<S: LinalgScalar>(a: &mut DMatrix<S>) -> Balance {
    let n = a.nrows();
    let mut swaps = Vec::new();
    let mut scale = vec![1.0; n];
    let (mut k, mut l) = (0usize, n - 1);
    let zero = S::zero();

    // Rows with no off-diagonal entries in columns 0..=l go to the bottom.
    let mut noconv = true;
    while noconv {
        noconv = false;
        for i in (0..=l).rev() {
            if i > l {
                continue;
            }
            if (0..=l).all(|j| i == j || a[(i, j)] == zero) {
                exchange(a, i, l, k, l);
                if i != l {
                    swaps.push((i, l));
                }
                noconv = true;
                if l == 0 {
                    return Balance { ilo: 0, ihi: 0, swaps, scale };
                }
                l -= 1;
            }
        }
    }
    // Columns with no off-diagonal entries in rows k..=l go to the left.
    noconv = true;
    while noconv && k < l {
        noconv = false;
        let last = l;
        let mut j = k;
        while j <= last && k < l {
            if (k..=l).all(|i| i == j || a[(i, j)] == zero) {
                exchange(a, j, k, k, l);
                if j != k {
                    swaps.push((j, k));
                }
                noconv = true;
                k += 1;
            }
            j += 1;
        }
    }

    // Scaling of rows/columns k..=l by powers of two.
    const SCLFAC: f64 = 2.0;
    const FACTOR: f64 = 0.95;
    let sfmin1 = f64::MIN_POSITIVE / f64::EPSILON;
    let sfmax1 = 1.0 / sfmin1;
    let sfmin2 = sfmin1 * SCLFAC;
    let sfmax2 = 1.0 / sfmin2;
    let norm = |it: &mut dyn Iterator<Item = S>| {
        let mut scale = 0.0f64;
        let mut ssq = 1.0f64;
        for v in it {
            for x in [v.real().abs(), v.imaginary().abs()] {
                if x > 0.0 {
                    if scale < x {
                        ssq = 1.0 + ssq * (scale / x) * (scale / x);
                        scale = x;
                    } else {
                        ssq += (x / scale) * (x / scale);
                    }
                }
            }
        }
        scale * ssq.sqrt()
    };
    let mut sweeps = 0;
    noconv = true;
    while noconv && sweeps < 200 {
        noconv = false;
        sweeps += 1;
        for i in k..=l {
            let mut c = norm(&mut (k..=l).map(|r| a[(r, i)]));
            let mut r = norm(&mut (k..=l).map(|cc| a[(i, cc)]));
            let mut ca = (0..=l).fold(0.0f64, |m, rr| m.max(a[(rr, i)].modulus()));
            let mut ra = (k..n).fold(0.0f64, |m, cc| m.max(a[(i, cc)].modulus()));
            if c == 0.0 || r == 0.0 {
                continue;
            }
            if !(c + ca + r + ra).is_finite() {
                return Balance { ilo: k, ihi: l, swaps, scale };
            }
            let mut g = r / SCLFAC;
            let mut f: f64 = 1.0;
            let s = c + r;
            while c < g && f.max(c).max(ca) < sfmax2 && r.min(g).min(ra) > sfmin2 {
                f *= SCLFAC;
                c *= SCLFAC;
                ca *= SCLFAC;
                r /= SCLFAC;
                g /= SCLFAC;
                ra /= SCLFAC;
            }
            g = c / SCLFAC;
            while g >= r && r.max(ra) < sfmax2 && f.min(c).min(g).min(ca) > sfmin2 {
                f /= SCLFAC;
                c /= SCLFAC;
                g /= SCLFAC;
                ca /= SCLFAC;
                r *= SCLFAC;
                ra *= SCLFAC;
            }
            if c + r >= FACTOR * s {
                continue;
            }
            if f < 1.0 && scale[i] < 1.0 && f * scale[i] <= sfmin1 {
                continue;
            }
            if f > 1.0 && scale[i] > 1.0 && scale[i] >= sfmax1 / f {
                continue;
            }
            scale[i] *= f;
            noconv = true;
            let g = 1.0 / f;
            for cc in k..n {
                a[(i, cc)] = a[(i, cc)].scale(g);
            }
            for rr in 0..=l {
                a[(rr, i)] = a[(rr, i)].scale(f);
            }
        }
    }
    Balance { ilo: k, ihi: l, swaps, scale }
}

/// Result of [`lanv2`]: the standardized block `[[a, b], [c, d]]` and the
/// rotation `(cs, sn)`.
pub(crate) struct Lanv2 {
    pub a: f64,
    pub b: f64,
    pub c: f64,
    pub d: f64,
    pub cs: f64,
    pub sn: f64,
}

/// Fortran's SIGN(a, b): |a| with the sign of b (+ for b = +0).
fn sign(a: f64, b: f64) -> f64 {
    if b >= 0.0 || (b == 0.0 && b.is_sign_positive()) {
        a.abs()
    } else {
        -a.abs()
    }
}

/// Schur factorization of a real 2x2 matrix in LAPACK's standard form
/// (dlanv2): either upper triangular, or equal diagonal with `b c < 0`.
pub(crate) fn lanv2(mut a: f64, mut b: f64, mut c: f64, mut d: f64) -> Lanv2 {
    const MULTPL: f64 = 4.0;
    let eps = f64::EPSILON;
    let (mut cs, mut sn);
    if c == 0.0 {
        cs = 1.0;
        sn = 0.0;
    } else if b == 0.0 {
        cs = 0.0;
        sn = 1.0;
        std::mem::swap(&mut a, &mut d);
        b = -c;
        c = 0.0;
    } else if a - d == 0.0 && sign(1.0, b) != sign(1.0, c) {
        cs = 1.0;
        sn = 0.0;
    } else {
        let temp = a - d;
        let mut p = 0.5 * temp;
        let bcmax = b.abs().max(c.abs());
        let bcmis = b.abs().min(c.abs()) * sign(1.0, b) * sign(1.0, c);
        let mut scale = p.abs().max(bcmax);
        let mut z = (p / scale) * p + (bcmax / scale) * bcmis;
        if z >= MULTPL * eps {
            // Real eigenvalues.
            z = p + sign(scale.sqrt() * z.sqrt(), p);
            a = d + z;
            d -= (bcmax / z) * bcmis;
            let tau = c.hypot(z);
            cs = z / tau;
            sn = c / tau;
            b -= c;
            c = 0.0;
        } else {
            // Complex or (nearly) equal real eigenvalues: equalize the diagonal.
            let sigma = b + c;
            scale = temp.abs().max(sigma.abs());
            let _ = scale;
            p = 0.5 * temp;
            let tau = sigma.hypot(temp);
            cs = (0.5 * (1.0 + sigma.abs() / tau)).sqrt();
            sn = -(p / (tau * cs)) * sign(1.0, sigma);
            let aa = a * cs + b * sn;
            let bb = -a * sn + b * cs;
            let cc = c * cs + d * sn;
            let dd = -c * sn + d * cs;
            a = aa * cs + cc * sn;
            b = bb * cs + dd * sn;
            c = -aa * sn + cc * cs;
            d = -bb * sn + dd * cs;
            let temp = 0.5 * (a + d);
            a = temp;
            d = temp;
            if c != 0.0 {
                if b != 0.0 {
                    if sign(1.0, b) == sign(1.0, c) {
                        // Real eigenvalues after all: make it triangular.
                        let sab = b.abs().sqrt();
                        let sac = c.abs().sqrt();
                        p = sign(sab * sac, c);
                        let tau = 1.0 / (b + c).abs().sqrt();
                        a = temp + p;
                        d = temp - p;
                        b -= c;
                        c = 0.0;
                        let cs1 = sab * tau;
                        let sn1 = sac * tau;
                        let t = cs * cs1 - sn * sn1;
                        sn = cs * sn1 + sn * cs1;
                        cs = t;
                    }
                } else {
                    b = -c;
                    c = 0.0;
                    let t = cs;
                    cs = -sn;
                    sn = t;
                }
            }
        }
    }
    Lanv2 { a, b, c, d, cs, sn }
}
