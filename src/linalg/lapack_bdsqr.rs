//! The SVD of a real upper bidiagonal matrix as LAPACK computes it for
//! `dgesdd` below its divide-and-conquer size: `dbdsdc` (compq 'I' or 'N')
//! with `dlasdq` and `dbdsqr` (implicit zero-shift / shifted QR sweeps),
//! built on `dlartg`, `dlas2`, `dlasv2` and `dlasr`. Written from the
//! descriptions of those routines so that the singular vectors come out
//! with LAPACK's signs and, for repeated values, LAPACK's order.
//!
//! Matrices are column-major `n x n` slices. Singular values only are
//! computed by the same QR sweeps without vectors (LAPACK would call the
//! dqds routine `dlasq1` there; both are accurate to a few ulps).

/// LAPACK's `dlamch('E')`: the unit roundoff 2^-53.
pub(crate) const EPS: f64 = f64::EPSILON / 2.0;
/// LAPACK's `dlamch('S')`: the smallest normal number 2^-1022.
pub(crate) const SAFMIN: f64 = f64::MIN_POSITIVE;
/// Sweeps allowed per singular value and size (`MAXITR` of dbdsqr).
const MAXITR: usize = 6;

/// Fortran's `MAX(a, b)` as compiled for x86-64 (`maxsd`): `b` unless
/// `a > b`, so a NaN in either place gives `b`.
fn fmax(a: f64, b: f64) -> f64 {
    if a > b {
        a
    } else {
        b
    }
}

/// Fortran's `MIN(a, b)` as compiled for x86-64 (`minsd`): `b` unless
/// `a < b`.
fn fmin(a: f64, b: f64) -> f64 {
    if a < b {
        a
    } else {
        b
    }
}

/// `sign(a, b)` of Fortran: |a| with the sign of b.
fn sign(a: f64, b: f64) -> f64 {
    if b.is_nan() {
        // A NaN's sign bit decides, as in gfortran's SIGN.
        return a.abs().copysign(b);
    }
    if b >= 0.0 || (b == 0.0 && b.is_sign_positive()) {
        a.abs()
    } else {
        -a.abs()
    }
}

/// Plane rotation `(c, s, r)` with `[c s; -s c] [f; g] = [r; 0]`
/// (LAPACK 3.10's `dlartg`: r has the sign of f, c >= 0).
pub(crate) fn lartg(f: f64, g: f64) -> (f64, f64, f64) {
    const RTMIN: f64 = 1.4916681462400413e-154; // sqrt(2^-1022)
    const RTMAX: f64 = 6.703903964971299e153; // sqrt(2^1023 / 2)
    const SAFMAX: f64 = 8.98846567431158e307; // 2^1023
    let (f1, g1) = (f.abs(), g.abs());
    if g == 0.0 {
        (1.0, 0.0, f)
    } else if f == 0.0 {
        (0.0, sign(1.0, g), g1)
    } else if f1 > RTMIN && f1 < RTMAX && g1 > RTMIN && g1 < RTMAX {
        let d = (f * f + g * g).sqrt();
        let r = sign(d, f);
        (f1 / d, g / r, r)
    } else {
        let u = SAFMAX.min(SAFMIN.max(f1).max(g1));
        let (fs, gs) = (f / u, g / u);
        let d = (fs * fs + gs * gs).sqrt();
        let r = sign(d, f);
        (fs.abs() / d, gs / r, r * u)
    }
}

/// Singular values `(ssmin, ssmax)` of the 2x2 upper triangle
/// `[f g; 0 h]` (`dlas2`).
pub(crate) fn las2(f: f64, g: f64, h: f64) -> (f64, f64) {
    let (fa, ga, ha) = (f.abs(), g.abs(), h.abs());
    let (fhmn, fhmx) = (fa.min(ha), fa.max(ha));
    if fhmn == 0.0 {
        let ssmax = if fhmx == 0.0 {
            ga
        } else {
            let (big, small) = (fhmx.max(ga), fhmx.min(ga));
            big * (1.0 + (small / big) * (small / big)).sqrt()
        };
        return (0.0, ssmax);
    }
    if ga < fhmx {
        let as_ = 1.0 + fhmn / fhmx;
        let at = (fhmx - fhmn) / fhmx;
        let au = (ga / fhmx) * (ga / fhmx);
        let c = 2.0 / ((as_ * as_ + au).sqrt() + (at * at + au).sqrt());
        (fhmn * c, fhmx / c)
    } else {
        let au = fhmx / ga;
        if au == 0.0 {
            ((fhmn * fhmx) / ga, ga)
        } else {
            let as_ = 1.0 + fhmn / fhmx;
            let at = (fhmx - fhmn) / fhmx;
            let c = 1.0 / ((1.0 + (as_ * au) * (as_ * au)).sqrt() + (1.0 + (at * au) * (at * au)).sqrt());
            let ssmin = (fhmn * c) * au;
            (ssmin + ssmin, ga / (c + c))
        }
    }
}

/// SVD of the 2x2 upper triangle `[f g; 0 h]` (`dlasv2`): returns
/// `(ssmin, ssmax, snr, csr, snl, csl)` with signed singular values.
#[allow(clippy::many_single_char_names)]
pub(crate) fn lasv2(f: f64, g: f64, h: f64) -> (f64, f64, f64, f64, f64, f64) {
    let (mut ft, mut fa, mut ht, mut ha) = (f, f.abs(), h, h.abs());
    let mut pmax = 1;
    let swap = ha > fa;
    if swap {
        pmax = 3;
        std::mem::swap(&mut ft, &mut ht);
        std::mem::swap(&mut fa, &mut ha);
    }
    let (gt, ga) = (g, g.abs());
    let (ssmin, ssmax, clt, crt, slt, srt);
    if ga == 0.0 {
        ssmin = ha;
        ssmax = fa;
        clt = 1.0;
        crt = 1.0;
        slt = 0.0;
        srt = 0.0;
    } else {
        let mut small_g = true;
        let mut found = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
        if ga > fa {
            pmax = 2;
            if fa / ga < EPS {
                small_g = false;
                let smin = if ha > 1.0 { fa / (ga / ha) } else { (fa / ga) * ha };
                found = (smin, ga, 1.0, ft / gt, ht / gt, 1.0);
            }
        }
        if small_g {
            let d = fa - ha;
            let l = if d == fa { 1.0 } else { d / fa };
            let m = gt / ft;
            let t = 2.0 - l;
            let mm = m * m;
            let tt = t * t;
            let s = (tt + mm).sqrt();
            let r = if l == 0.0 { m.abs() } else { (l * l + mm).sqrt() };
            let a = 0.5 * (s + r);
            let smin = ha / a;
            let smax = fa * a;
            let t = if mm == 0.0 {
                if l == 0.0 {
                    sign(2.0, ft) * sign(1.0, gt)
                } else {
                    gt / sign(d, ft) + m / t
                }
            } else {
                (m / (s + t) + m / (r + l)) * (1.0 + a)
            };
            let l = (t * t + 4.0).sqrt();
            let crt0 = 2.0 / l;
            let srt0 = t / l;
            let clt0 = (crt0 + srt0 * m) / a;
            let slt0 = (ht / ft) * srt0 / a;
            found = (smin, smax, clt0, crt0, slt0, srt0);
        }
        ssmin = found.0;
        ssmax = found.1;
        clt = found.2;
        crt = found.3;
        slt = found.4;
        srt = found.5;
    }
    let (csl, snl, csr, snr) = if swap { (srt, crt, slt, clt) } else { (clt, slt, crt, srt) };
    let tsign = match pmax {
        1 => sign(1.0, csr) * sign(1.0, csl) * sign(1.0, f),
        2 => sign(1.0, snr) * sign(1.0, csl) * sign(1.0, g),
        _ => sign(1.0, snr) * sign(1.0, snl) * sign(1.0, h),
    };
    let ssmax = sign(ssmax, tsign);
    let ssmin = sign(ssmin, tsign * sign(1.0, f) * sign(1.0, h));
    (ssmin, ssmax, snr, csr, snl, csl)
}

/// Columns `j` and `j + 1` of the column-major `a` (ld `ld`), as two slices.
fn column_pair(a: &mut [f64], ld: usize, j: usize) -> (&mut [f64], &mut [f64]) {
    let (left, right) = a[j * ld..(j + 2) * ld].split_at_mut(ld);
    (left, right)
}

/// Rotates columns `x`, `y` (the same length): `x, y := c x + s y, c y - s x`
/// (`drot`).
fn rot(x: &mut [f64], y: &mut [f64], c: f64, s: f64) {
    for (p, q) in x.iter_mut().zip(y.iter_mut()) {
        let t = c * *p + s * *q;
        *q = c * *q - s * *p;
        *p = t;
    }
}

/// Rotations `(c[j], s[j])` applied to columns `first + j`, `first + j + 1`
/// of the column-major `a` (ld `ld`, `ld` rows), first to last when
/// `forward` (`dlasr('R', 'V', ...)`; `dlasr('L', 'V', ...)` on VT's rows is
/// the same on the columns of V = VT^T).
fn lasr_cols(forward: bool, count: usize, c: &[f64], s: &[f64], a: &mut [f64], first: usize, ld: usize) {
    let mut one = |j: usize| {
        let (ct, st) = (c[j], s[j]);
        if ct != 1.0 || st != 0.0 {
            let (x, y) = column_pair(a, ld, first + j);
            for (p, q) in x.iter_mut().zip(y.iter_mut()) {
                let temp = *q;
                *q = ct * temp - st * *p;
                *p = st * temp + ct * *p;
            }
        }
    };
    if forward {
        (0..count).for_each(&mut one);
    } else {
        (0..count).rev().for_each(&mut one);
    }
}

/// Swaps columns `i` and `j` of the n x n column-major `u` and `v` (when
/// vectors are kept).
fn swap_vectors(n: usize, vecs: &mut Option<(&mut [f64], &mut [f64])>, i: usize, j: usize) {
    if let Some((u, v)) = vecs {
        for r in 0..n {
            u.swap(r + i * n, r + j * n);
            v.swap(r + i * n, r + j * n);
        }
    }
}

/// Upper bidiagonal SVD by QR sweeps (`dbdsqr('U', n, n, n, 0)`): `d`
/// (n) and `e` (n - 1) are overwritten by the singular values, decreasing,
/// `u` by `u Q` and `v` by `v P` (`v` is VT transposed: LAPACK's rows of
/// VT are its columns). `false` when the iteration cap
/// (6 n^2 inner steps) is reached.
#[allow(clippy::many_single_char_names)]
pub(crate) fn bdsqr(d: &mut [f64], e: &mut [f64], mut vecs: Option<(&mut [f64], &mut [f64])>) -> bool {
    let n = d.len();
    if n == 0 {
        return true;
    }
    if n > 1 && !qr_sweeps(d, e, &mut vecs) {
        return false;
    }
    // Make the values positive (flipping rows of VT), then sort them
    // decreasing by moving the smallest to the end, one swap each.
    for i in 0..n {
        if d[i] < 0.0 {
            d[i] = -d[i];
            if let Some((_, v)) = &mut vecs {
                for x in &mut v[i * n..(i + 1) * n] {
                    *x = -*x;
                }
            }
        }
    }
    for i in 0..n.saturating_sub(1) {
        let last = n - 1 - i;
        let mut isub = 0;
        let mut smin = d[0];
        for (j, &dj) in d.iter().enumerate().take(last + 1).skip(1) {
            if dj <= smin {
                isub = j;
                smin = dj;
            }
        }
        if isub != last {
            d[isub] = d[last];
            d[last] = smin;
            swap_vectors(n, &mut vecs, isub, last);
        }
    }
    true
}

/// The main loop of `dbdsqr` (n >= 2): deflation, direction choice,
/// convergence tests, shift and one sweep at a time.
#[allow(clippy::many_single_char_names)]
fn qr_sweeps(d: &mut [f64], e: &mut [f64], vecs: &mut Option<(&mut [f64], &mut [f64])>) -> bool {
    let n = d.len();
    let nm1 = n - 1;
    let tol = 10.0f64.max(100.0f64.min(EPS.powf(-0.125))) * EPS;
    let unfl = SAFMIN;
    let mut smax;
    let mut sminoa = d[0].abs();
    if sminoa != 0.0 {
        let mut mu = sminoa;
        for i in 1..n {
            mu = d[i].abs() * (mu / (mu + e[i - 1].abs()));
            sminoa = fmin(sminoa, mu);
            if sminoa == 0.0 {
                break;
            }
        }
    }
    sminoa /= (n as f64).sqrt();
    let thresh = fmax(tol * sminoa, MAXITR as f64 * (n as f64 * (n as f64 * unfl)));
    let maxitdivn = MAXITR * n;
    let mut iterdivn = 0;
    let mut iter: isize = -1;
    let (mut oldll, mut oldm): (isize, isize) = (-1, -1);
    let mut idir = 0;
    let mut smin: f64;
    // 1-based indices as in the description: d(i) is d[i - 1].
    let mut m = n;
    let mut work = vec![0.0; 4 * nm1];
    loop {
        if m <= 1 {
            return true;
        }
        if iter >= n as isize {
            iter -= n as isize;
            iterdivn += 1;
            if iterdivn >= maxitdivn {
                return false;
            }
        }
        // Find the unreduced block d(ll..m).
        smax = d[m - 1].abs();
        let mut split = 0;
        for lll in 1..m {
            let ll = m - lll;
            let abss = d[ll - 1].abs();
            let abse = e[ll - 1].abs();
            if abse <= thresh || abse == 0.0 {
                split = ll;
                break;
            }
            smax = fmax(fmax(smax, abss), abse);
        }
        if split > 0 {
            e[split - 1] = 0.0;
            if split == m - 1 {
                m -= 1;
                continue;
            }
        }
        let ll = split + 1;
        if ll == m - 1 {
            let (sigmn, sigmx, sinr, cosr, sinl, cosl) = lasv2(d[m - 2], e[m - 2], d[m - 1]);
            d[m - 2] = sigmx;
            e[m - 2] = 0.0;
            d[m - 1] = sigmn;
            if let Some((u, v)) = vecs {
                let (x, y) = column_pair(v, n, m - 2);
                rot(x, y, cosr, sinr);
                let (x, y) = column_pair(u, n, m - 2);
                rot(x, y, cosl, sinl);
            }
            m -= 2;
            continue;
        }
        if ll as isize > oldm || (m as isize) < oldll {
            idir = if d[ll - 1].abs() >= d[m - 1].abs() { 1 } else { 2 };
        }
        // Convergence tests.
        if idir == 1 {
            if e[m - 2].abs() <= tol.abs() * d[m - 1].abs() {
                e[m - 2] = 0.0;
                continue;
            }
            let mut mu = d[ll - 1].abs();
            smin = mu;
            let mut done = false;
            for lll in ll..m {
                if e[lll - 1].abs() <= tol * mu {
                    e[lll - 1] = 0.0;
                    done = true;
                    break;
                }
                mu = d[lll].abs() * (mu / (mu + e[lll - 1].abs()));
                smin = fmin(smin, mu);
            }
            if done {
                continue;
            }
        } else {
            if e[ll - 1].abs() <= tol.abs() * d[ll - 1].abs() {
                e[ll - 1] = 0.0;
                continue;
            }
            let mut mu = d[m - 1].abs();
            smin = mu;
            let mut done = false;
            for lll in (ll..m).rev() {
                if e[lll - 1].abs() <= tol * mu {
                    e[lll - 1] = 0.0;
                    done = true;
                    break;
                }
                mu = d[lll - 1].abs() * (mu / (mu + e[lll - 1].abs()));
                smin = fmin(smin, mu);
            }
            if done {
                continue;
            }
        }
        oldll = ll as isize;
        oldm = m as isize;
        // Shift: zero when it would ruin relative accuracy or is negligible.
        let mut shift = 0.0;
        let ratio = n as f64 * tol * (smin / smax);
        let keeps_accuracy = ratio > EPS.max(0.01 * tol) || ratio.is_nan();
        if keeps_accuracy {
            let sll;
            if idir == 1 {
                sll = d[ll - 1].abs();
                shift = las2(d[m - 2], e[m - 2], d[m - 1]).0;
            } else {
                sll = d[m - 1].abs();
                shift = las2(d[ll - 1], e[ll - 1], d[ll]).0;
            }
            if sll > 0.0 && (shift / sll) * (shift / sll) < EPS {
                shift = 0.0;
            }
        }
        iter += (m - ll) as isize;
        let len = m - ll + 1;
        let (w0, rest) = work.split_at_mut(nm1);
        let (w1, rest) = rest.split_at_mut(nm1);
        let (w2, w3) = rest.split_at_mut(nm1);
        if shift == 0.0 {
            if idir == 1 {
                let (mut cs, mut oldcs, mut oldsn) = (1.0, 1.0, 0.0);
                for i in ll..m {
                    let (c1, s1, r) = lartg(d[i - 1] * cs, e[i - 1]);
                    cs = c1;
                    if i > ll {
                        e[i - 2] = oldsn * r;
                    }
                    let (c2, s2, r2) = lartg(oldcs * r, d[i] * s1);
                    oldcs = c2;
                    oldsn = s2;
                    d[i - 1] = r2;
                    w0[i - ll] = cs;
                    w1[i - ll] = s1;
                    w2[i - ll] = oldcs;
                    w3[i - ll] = oldsn;
                }
                let h = d[m - 1] * cs;
                d[m - 1] = h * oldcs;
                e[m - 2] = h * oldsn;
                if let Some((u, v)) = vecs {
                    lasr_cols(true, len - 1, w0, w1, v, ll - 1, n);
                    lasr_cols(true, len - 1, w2, w3, u, ll - 1, n);
                }
                if e[m - 2].abs() <= thresh {
                    e[m - 2] = 0.0;
                }
            } else {
                let (mut cs, mut oldcs, mut oldsn) = (1.0, 1.0, 0.0);
                for i in (ll + 1..=m).rev() {
                    let (c1, s1, r) = lartg(d[i - 1] * cs, e[i - 2]);
                    cs = c1;
                    if i < m {
                        e[i - 1] = oldsn * r;
                    }
                    let (c2, s2, r2) = lartg(oldcs * r, d[i - 2] * s1);
                    oldcs = c2;
                    oldsn = s2;
                    d[i - 1] = r2;
                    w0[i - ll - 1] = cs;
                    w1[i - ll - 1] = -s1;
                    w2[i - ll - 1] = oldcs;
                    w3[i - ll - 1] = -oldsn;
                }
                let h = d[ll - 1] * cs;
                d[ll - 1] = h * oldcs;
                e[ll - 1] = h * oldsn;
                if let Some((u, v)) = vecs {
                    lasr_cols(false, len - 1, w2, w3, v, ll - 1, n);
                    lasr_cols(false, len - 1, w0, w1, u, ll - 1, n);
                }
                if e[ll - 1].abs() <= thresh {
                    e[ll - 1] = 0.0;
                }
            }
        } else if idir == 1 {
            let mut f = (d[ll - 1].abs() - shift) * (sign(1.0, d[ll - 1]) + shift / d[ll - 1]);
            let mut g = e[ll - 1];
            for i in ll..m {
                let (cosr, sinr, r) = lartg(f, g);
                if i > ll {
                    e[i - 2] = r;
                }
                f = cosr * d[i - 1] + sinr * e[i - 1];
                e[i - 1] = cosr * e[i - 1] - sinr * d[i - 1];
                g = sinr * d[i];
                d[i] *= cosr;
                let (cosl, sinl, r) = lartg(f, g);
                d[i - 1] = r;
                f = cosl * e[i - 1] + sinl * d[i];
                d[i] = cosl * d[i] - sinl * e[i - 1];
                if i < m - 1 {
                    g = sinl * e[i];
                    e[i] *= cosl;
                }
                w0[i - ll] = cosr;
                w1[i - ll] = sinr;
                w2[i - ll] = cosl;
                w3[i - ll] = sinl;
            }
            e[m - 2] = f;
            if let Some((u, v)) = vecs {
                lasr_cols(true, len - 1, w0, w1, v, ll - 1, n);
                lasr_cols(true, len - 1, w2, w3, u, ll - 1, n);
            }
            if e[m - 2].abs() <= thresh {
                e[m - 2] = 0.0;
            }
        } else {
            let mut f = (d[m - 1].abs() - shift) * (sign(1.0, d[m - 1]) + shift / d[m - 1]);
            let mut g = e[m - 2];
            for i in (ll + 1..=m).rev() {
                let (cosr, sinr, r) = lartg(f, g);
                if i < m {
                    e[i - 1] = r;
                }
                f = cosr * d[i - 1] + sinr * e[i - 2];
                e[i - 2] = cosr * e[i - 2] - sinr * d[i - 1];
                g = sinr * d[i - 2];
                d[i - 2] *= cosr;
                let (cosl, sinl, r) = lartg(f, g);
                d[i - 1] = r;
                f = cosl * e[i - 2] + sinl * d[i - 2];
                d[i - 2] = cosl * d[i - 2] - sinl * e[i - 2];
                if i > ll + 1 {
                    g = sinl * e[i - 3];
                    e[i - 3] *= cosl;
                }
                w0[i - ll - 1] = cosr;
                w1[i - ll - 1] = -sinr;
                w2[i - ll - 1] = cosl;
                w3[i - ll - 1] = -sinl;
            }
            e[ll - 1] = f;
            if e[ll - 1].abs() <= thresh {
                e[ll - 1] = 0.0;
            }
            if let Some((u, v)) = vecs {
                lasr_cols(false, len - 1, w2, w3, v, ll - 1, n);
                lasr_cols(false, len - 1, w0, w1, u, ll - 1, n);
            }
        }
    }
}

/// `dbdsdc('U', 'I' | 'N')` below SMLSIZ: the SVD of the upper bidiagonal
/// `(d, e)`; with `vecs` the n x n `u` and `v` = VT^T (column-major) receive
/// the singular vectors (they are set to the identity first). `false` when
/// the QR iteration does not converge.
pub(crate) fn bdsdc(d: &mut [f64], e: &mut [f64], mut vecs: Option<(&mut [f64], &mut [f64])>) -> bool {
    let n = d.len();
    if n == 1 {
        if let Some((u, v)) = vecs {
            u[0] = sign(1.0, d[0]);
            v[0] = 1.0;
        }
        d[0] = d[0].abs();
        return true;
    }
    if let Some((u, v)) = &mut vecs {
        for (k, (x, y)) in u.iter_mut().zip(v.iter_mut()).enumerate() {
            let diag = if k % (n + 1) == 0 { 1.0 } else { 0.0 };
            *x = diag;
            *y = diag;
        }
    }
    if !bdsqr(d, e, vecs.as_mut().map(|(u, v)| (&mut **u, &mut **v))) {
        return false;
    }
    // dlasdq then sorts increasing (smallest to the front, strict
    // comparison), and dbdsdc decreasing again (largest to the front);
    // with distinct values this only restores the order, with equal
    // ones it decides which vectors go where.
    for i in 0..n {
        let mut isub = i;
        let mut smin = d[i];
        for (j, &dj) in d.iter().enumerate().skip(i + 1) {
            if dj < smin {
                isub = j;
                smin = dj;
            }
        }
        if isub != i {
            d[isub] = d[i];
            d[i] = smin;
            swap_vectors(n, &mut vecs, isub, i);
        }
    }
    for i in 0..n - 1 {
        let mut kk = i;
        let mut p = d[i];
        for (j, &dj) in d.iter().enumerate().skip(i + 1) {
            if dj > p {
                kk = j;
                p = dj;
            }
        }
        if kk != i {
            d[kk] = d[i];
            d[i] = p;
            swap_vectors(n, &mut vecs, i, kk);
        }
    }
    true
}

/// `dbdsdc('L', ...)` below SMLSIZ: the SVD of the lower bidiagonal
/// `(d, e)`, first rotated to upper form (`dlartg` from the top); the
/// rotations are applied to U at the end, after [`bdsdc`].
pub(crate) fn bdsdc_lower(d: &mut [f64], e: &mut [f64], mut vecs: Option<(&mut [f64], &mut [f64])>) -> bool {
    let n = d.len();
    if n == 1 {
        return bdsdc(d, e, vecs);
    }
    let mut cs = vec![0.0; n - 1];
    let mut sn = vec![0.0; n - 1];
    for i in 0..n - 1 {
        let (c, s, r) = lartg(d[i], e[i]);
        d[i] = r;
        e[i] = s * d[i + 1];
        d[i + 1] *= c;
        cs[i] = c;
        sn[i] = -s;
    }
    if !bdsdc(d, e, vecs.as_mut().map(|(u, v)| (&mut **u, &mut **v))) {
        return false;
    }
    if let Some((u, _)) = vecs {
        // dlasr('L', 'V', 'B') on U's rows.
        for j in (0..n - 1).rev() {
            let (ct, st) = (cs[j], sn[j]);
            if ct != 1.0 || st != 0.0 {
                for col in 0..n {
                    let p = j + col * n;
                    let temp = u[p + 1];
                    u[p + 1] = ct * temp - st * u[p];
                    u[p] = st * temp + ct * u[p];
                }
            }
        }
    }
    true
}
