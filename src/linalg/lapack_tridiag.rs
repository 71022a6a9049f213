//! Eigenvalues (and eigenvectors) of a real symmetric tridiagonal matrix,
//! step for step as LAPACK does them for small matrices: `dsteqr` (implicit
//! QL or QR with Wilkinson-type shifts, rotations accumulated into `Z`) and
//! `dsterf` (the square-root-free variant for eigenvalues alone), with the
//! scalar helpers they share (`dlae2`, `dlaev2`, `dlartg`, `dlapy2`,
//! `dlascl`, `dlanst`).
//!
//! Written from the reference descriptions of these routines so that every
//! decision comes out as LAPACK's: where the matrix splits, QL or QR per
//! block, the shifts, the signs of the rotations, the final ordering, and
//! how comparisons with NaN fall. The arrays `d` and `e` are indexed from 1
//! as in the reference (entry 0 is unused), which keeps the many index
//! offsets of the iteration easy to check. `Z` is column-major with column
//! stride `ldz`.

/// Relative machine precision, LAPACK's `dlamch('E')` (2^-53).
pub(super) const EPS: f64 = f64::EPSILON * 0.5;
/// Smallest normal number, LAPACK's `dlamch('S')` (2^-1022).
pub(super) const SAFMIN: f64 = f64::MIN_POSITIVE;
/// Largest power of two whose reciprocal is normal (2^1022).
const SAFMAX: f64 = 1.0 / SAFMIN;
/// `sqrt(SAFMIN)`, the lower end of `dlartg`'s unscaled range.
const RTMIN: f64 = 1.4916681462400413e-154;
/// `sqrt(SAFMAX / 2)`, the upper end of `dlartg`'s unscaled range.
const RTMAX: f64 = 4.740375954054589e153;
/// `sqrt(SAFMAX) / 3`: blocks with a larger entry are scaled down.
const SSFMAX: f64 = 2.2346346549904327e153;
/// `sqrt(SAFMIN) / EPS^2`: blocks with a smaller largest entry are scaled up.
const SSFMIN: f64 = 1.210184973390412e-122;
/// Iterations allowed per eigenvalue (the limit is `MAXIT * n` in all).
const MAXIT: usize = 30;

/// Fortran's `SIGN(a, b)`: `|a|` with the sign bit of `b`.
#[inline(always)]
pub(super) fn sign(a: f64, b: f64) -> f64 {
    a.abs().copysign(b)
}

/// `sqrt(x^2 + y^2)` without needless overflow (`dlapy2`); NaN if either is.
#[inline(always)]
pub(super) fn lapy2(x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return if y.is_nan() { y } else { x };
    }
    let (xa, ya) = (x.abs(), y.abs());
    let w = xa.max(ya);
    let z = xa.min(ya);
    if z == 0.0 || w > f64::MAX {
        w
    } else {
        let q = z / w;
        w * (1.0 + q * q).sqrt()
    }
}

/// The plane rotation `(c, s, r)` with `[c s; -s c] [f; g] = [r; 0]`
/// (`dlartg`, LAPACK 3.10 and later: `r` takes the sign of `f`).
#[inline(always)]
fn lartg(f: f64, g: f64) -> (f64, f64, f64) {
    let (f1, g1) = (f.abs(), g.abs());
    if g == 0.0 {
        (1.0, 0.0, f)
    } else if f == 0.0 {
        (0.0, sign(1.0, g), g1)
    } else if f1 > RTMIN && f1 < RTMAX && g1 > RTMIN && g1 < RTMAX {
        let d = (f * f + g * g).sqrt();
        let c = f1 / d;
        let r = sign(d, f);
        (c, g / r, r)
    } else {
        let u = SAFMAX.min(SAFMIN.max(f1).max(g1));
        let (fs, gs) = (f / u, g / u);
        let d = (fs * fs + gs * gs).sqrt();
        let c = fs.abs() / d;
        let r = sign(d, f);
        (c, gs / r, r * u)
    }
}

/// Scales the unreduced block `l..=lend` of `d` and `e` into the safe range
/// when its max-abs norm `anorm` lies outside it (the ISCALE step shared by
/// dsteqr and dsterf); gives the norm it was scaled to, for undoing it.
fn scale_block(anorm: f64, d: &mut [f64], e: &mut [f64], l: usize, lend: usize) -> Option<f64> {
    let to = if anorm > SSFMAX {
        SSFMAX
    } else if anorm < SSFMIN {
        SSFMIN
    } else {
        return None;
    };
    lascl(anorm, to, &mut d[l..=lend]);
    lascl(anorm, to, &mut e[l..lend]);
    Some(to)
}

/// Multiplies `x` by `cto / cfrom` in steps that neither overflow nor
/// underflow (`dlascl` on a general matrix). Nothing happens when `cfrom`
/// is zero or NaN or `cto` is NaN (LAPACK reports a bad argument then).
pub(super) fn lascl(cfrom: f64, cto: f64, x: &mut [f64]) {
    if cfrom == 0.0 || cfrom.is_nan() || cto.is_nan() {
        return;
    }
    let (small, big) = (SAFMIN, SAFMAX);
    let (mut cfromc, mut ctoc) = (cfrom, cto);
    loop {
        let cfrom1 = cfromc * small;
        let (mul, done);
        if cfrom1 == cfromc {
            // cfromc is infinite.
            mul = ctoc / cfromc;
            done = true;
        } else {
            let cto1 = ctoc / big;
            if cto1 == ctoc {
                // ctoc is zero or infinite.
                mul = ctoc;
                done = true;
                cfromc = 1.0;
            } else if cfrom1.abs() > ctoc.abs() && ctoc != 0.0 {
                mul = small;
                done = false;
                cfromc = cfrom1;
            } else if cto1.abs() > cfromc.abs() {
                mul = big;
                done = false;
                ctoc = cto1;
            } else {
                mul = ctoc / cfromc;
                done = true;
            }
        }
        x.iter_mut().for_each(|v| *v *= mul);
        if done {
            return;
        }
    }
}

/// Largest magnitude of `d[l..=lend]` and `e[l..lend]`, NaN if any is NaN
/// (`dlanst('M')`).
fn lanst(d: &[f64], e: &[f64], l: usize, lend: usize) -> f64 {
    let mut norm = d[lend].abs();
    for i in l..lend {
        for v in [d[i].abs(), e[i].abs()] {
            if norm < v || v.is_nan() {
                norm = v;
            }
        }
    }
    norm
}

/// Eigenvalues `(rt1, rt2)`, `|rt1| >= |rt2|`, of `[[a, b], [b, c]]` (`dlae2`).
#[inline(always)]
fn lae2(a: f64, b: f64, c: f64) -> (f64, f64) {
    let (rt1, rt2, _, _) = lae2_parts(a, b, c);
    (rt1, rt2)
}

/// The shared part of [`lae2`] and [`laev2`]: both eigenvalues, the sign
/// of the larger one and `rt = sqrt((a - c)^2 + 4 b^2)`.
#[inline(always)]
fn lae2_parts(a: f64, b: f64, c: f64) -> (f64, f64, i32, f64) {
    let sm = a + c;
    let df = a - c;
    let adf = df.abs();
    let tb = b + b;
    let ab = tb.abs();
    let (acmx, acmn) = if a.abs() > c.abs() { (a, c) } else { (c, a) };
    let rt = if adf > ab {
        let q = ab / adf;
        adf * (1.0 + q * q).sqrt()
    } else if adf < ab {
        let q = adf / ab;
        ab * (1.0 + q * q).sqrt()
    } else {
        ab * std::f64::consts::SQRT_2
    };
    if sm < 0.0 {
        let rt1 = 0.5 * (sm - rt);
        (rt1, (acmx / rt1) * acmn - (b / rt1) * b, -1, rt)
    } else if sm > 0.0 {
        let rt1 = 0.5 * (sm + rt);
        (rt1, (acmx / rt1) * acmn - (b / rt1) * b, 1, rt)
    } else {
        (0.5 * rt, -0.5 * rt, 1, rt)
    }
}

/// Eigen-decomposition of `[[a, b], [b, c]]` (`dlaev2`): `(rt1, rt2, cs, sn)`
/// with `(cs, sn)` the unit eigenvector of `rt1`.
#[inline(always)]
fn laev2(a: f64, b: f64, c: f64) -> (f64, f64, f64, f64) {
    let (rt1, rt2, sgn1, rt) = lae2_parts(a, b, c);
    let df = a - c;
    let tb = b + b;
    let ab = tb.abs();
    let (cs, sgn2) = if df >= 0.0 { (df + rt, 1) } else { (df - rt, -1) };
    let (mut cs1, mut sn1);
    if cs.abs() > ab {
        let ct = -tb / cs;
        sn1 = 1.0 / (1.0 + ct * ct).sqrt();
        cs1 = ct * sn1;
    } else if ab == 0.0 {
        cs1 = 1.0;
        sn1 = 0.0;
    } else {
        let tn = -cs / tb;
        cs1 = 1.0 / (1.0 + tn * tn).sqrt();
        sn1 = tn * cs1;
    }
    if sgn1 == sgn2 {
        let tn = cs1;
        cs1 = -sn1;
        sn1 = tn;
    }
    (rt1, rt2, cs1, sn1)
}

/// Applies the rotation `(c, s)` to columns `j` and `j + 1` (from 1) of
/// `z` as `dlasr('R', 'V', ...)` does: `(a, b) <- (s b + c a, c b - s a)`;
/// the identity rotation is skipped.
#[inline(always)]
fn rotate(z: &mut [f64], ldz: usize, j: usize, c: f64, s: f64) {
    if c != 1.0 || s != 0.0 {
        let (a, b) = z[(j - 1) * ldz..(j + 1) * ldz].split_at_mut(ldz);
        for (x, y) in a.iter_mut().zip(b.iter_mut()) {
            let t = *y;
            *y = c * t - s * *x;
            *x = s * t + c * *x;
        }
    }
}

/// Applies a whole sweep of rotations, as `dlasr('R', 'V', dir)` would
/// one after the other, to the columns `first..=first + cs.len()` (from 1)
/// of `z`: rotation `k` acts on columns `first + k` and `first + k + 1`.
/// `backward` runs them from the last to the first (a QL sweep), else from
/// the first (QR). Row by row, the column shared by consecutive rotations
/// stays in registers; each entry sees the same operations in the same
/// order as with `dlasr`, so the result is bit for bit the same.
#[inline(always)]
fn apply_sweep(z: &mut [f64], ldz: usize, first: usize, cs: &[(f64, f64)], backward: bool) {
    if backward {
        for (j, &(c, s)) in cs.iter().enumerate().rev() {
            rotate(z, ldz, first + j, c, s);
        }
    } else {
        for (j, &(c, s)) in cs.iter().enumerate() {
            rotate(z, ldz, first + j, c, s);
        }
    }
}

/// The shift of `dsteqr` / `dsterf`: `g = (d_next - p) / (2 e)` corrected
/// by `dlapy2(g, 1)` with the sign of `g`.
#[inline(always)]
fn shift_ratio(g: f64) -> f64 {
    g + sign(lapy2(g, 1.0), g)
}

/// `dsteqr` with `compz = 'I'` (`z` given, holding the identity) or `'N'`:
/// the eigenvalues of the tridiagonal `(d[1..=n], e[1..n])` into `d`,
/// ascending when it converges, and the rotations accumulated into the
/// columns of `z` (column stride `ldz`, a multiple of 4, `n <= 32`).
/// Returns LAPACK's `info`: 0, or the number of
/// off-diagonal entries left when `30 n` iterations did not suffice.
#[inline(always)]
pub(super) fn steqr(n: usize, d: &mut [f64], e: &mut [f64], mut z: Option<&mut [f64]>, ldz: usize) -> usize {
    if n <= 1 {
        return 0;
    }
    // The rotations of one sweep (LAPACK's WORK), applied after it.
    let mut rots = [(1.0, 0.0); 32];
    let eps2 = EPS * EPS;
    let nmaxit = n * MAXIT;
    let mut jtot = 0;
    let mut l1 = 1;
    loop {
        if l1 > n {
            break;
        }
        if l1 > 1 {
            e[l1 - 1] = 0.0;
        }
        // Where the matrix splits.
        let mut m = n;
        for mm in l1..n {
            let tst = e[mm].abs();
            if tst == 0.0 {
                m = mm;
                break;
            }
            if tst <= (d[mm].abs().sqrt() * d[mm + 1].abs().sqrt()) * EPS {
                e[mm] = 0.0;
                m = mm;
                break;
            }
        }
        let mut l = l1;
        let (lsv, lendsv) = (l, m);
        let mut lend = m;
        l1 = m + 1;
        if lend == l {
            continue;
        }
        let anorm = lanst(d, e, l, lend);
        if anorm == 0.0 {
            continue;
        }
        let scaled = scale_block(anorm, d, e, l, lend);
        // QL when the top end is the smaller one, else QR.
        if d[lend].abs() < d[l].abs() {
            lend = lsv;
            l = lendsv;
        }
        if lend > l {
            loop {
                let mut m = lend;
                for mm in l..lend {
                    let tst = e[mm].abs() * e[mm].abs();
                    if tst <= (eps2 * d[mm].abs()) * d[mm + 1].abs() + SAFMIN {
                        m = mm;
                        break;
                    }
                }
                if m < lend {
                    e[m] = 0.0;
                }
                let mut p = d[l];
                if m == l {
                    d[l] = p;
                    l += 1;
                    if l <= lend {
                        continue;
                    }
                    break;
                }
                if m == l + 1 {
                    let (rt1, rt2) = if let Some(z) = z.as_deref_mut() {
                        let (rt1, rt2, c, s) = laev2(d[l], e[l], d[l + 1]);
                        rotate(z, ldz, l, c, s);
                        (rt1, rt2)
                    } else {
                        lae2(d[l], e[l], d[l + 1])
                    };
                    d[l] = rt1;
                    d[l + 1] = rt2;
                    e[l] = 0.0;
                    l += 2;
                    if l <= lend {
                        continue;
                    }
                    break;
                }
                if jtot == nmaxit {
                    break;
                }
                jtot += 1;
                let g0 = (d[l + 1] - p) / (2.0 * e[l]);
                let mut g = d[m] - p + (e[l] / shift_ratio(g0));
                let (mut s, mut c) = (1.0, 1.0);
                p = 0.0;
                for i in (l..m).rev() {
                    let f = s * e[i];
                    let b = c * e[i];
                    let r;
                    (c, s, r) = lartg(g, f);
                    if i != m - 1 {
                        e[i + 1] = r;
                    }
                    g = d[i + 1] - p;
                    let r = (d[i] - g) * s + 2.0 * c * b;
                    p = s * r;
                    d[i + 1] = g + p;
                    g = c * r - b;
                    rots[i - l] = (c, -s);
                }
                if let Some(z) = z.as_deref_mut() {
                    apply_sweep(z, ldz, l, &rots[..m - l], true);
                }
                d[l] -= p;
                e[l] = g;
            }
        } else {
            loop {
                let mut m = lend;
                for mm in (lend + 1..=l).rev() {
                    let tst = e[mm - 1].abs() * e[mm - 1].abs();
                    if tst <= (eps2 * d[mm].abs()) * d[mm - 1].abs() + SAFMIN {
                        m = mm;
                        break;
                    }
                }
                if m > lend {
                    e[m - 1] = 0.0;
                }
                let mut p = d[l];
                if m == l {
                    d[l] = p;
                    if l <= lend {
                        break;
                    }
                    l -= 1;
                    continue;
                }
                if m + 1 == l {
                    let (rt1, rt2) = if let Some(z) = z.as_deref_mut() {
                        let (rt1, rt2, c, s) = laev2(d[l - 1], e[l - 1], d[l]);
                        rotate(z, ldz, l - 1, c, s);
                        (rt1, rt2)
                    } else {
                        lae2(d[l - 1], e[l - 1], d[l])
                    };
                    d[l - 1] = rt1;
                    d[l] = rt2;
                    e[l - 1] = 0.0;
                    if l < lend + 2 {
                        break;
                    }
                    l -= 2;
                    continue;
                }
                if jtot == nmaxit {
                    break;
                }
                jtot += 1;
                let g0 = (d[l - 1] - p) / (2.0 * e[l - 1]);
                let mut g = d[m] - p + (e[l - 1] / shift_ratio(g0));
                let (mut s, mut c) = (1.0, 1.0);
                p = 0.0;
                for i in m..l {
                    let f = s * e[i];
                    let b = c * e[i];
                    let r;
                    (c, s, r) = lartg(g, f);
                    if i != m {
                        e[i - 1] = r;
                    }
                    g = d[i] - p;
                    let r = (d[i + 1] - g) * s + 2.0 * c * b;
                    p = s * r;
                    d[i] = g + p;
                    g = c * r - b;
                    rots[i - m] = (c, s);
                }
                if let Some(z) = z.as_deref_mut() {
                    apply_sweep(z, ldz, m, &rots[..l - m], false);
                }
                d[l] -= p;
                e[l - 1] = g;
            }
        }
        if let Some(to) = scaled {
            lascl(to, anorm, &mut d[lsv..=lendsv]);
            lascl(to, anorm, &mut e[lsv..lendsv]);
        }
        if jtot >= nmaxit {
            return (1..n).filter(|&i| e[i] != 0.0).count();
        }
    }
    match z {
        // Selection sort, swapping whole columns of `z`.
        Some(z) => {
            for ii in 2..=n {
                let i = ii - 1;
                let (mut k, mut p) = (i, d[i]);
                for (j, &dj) in d.iter().enumerate().take(n + 1).skip(ii) {
                    if dj < p {
                        k = j;
                        p = dj;
                    }
                }
                if k != i {
                    d[k] = d[i];
                    d[i] = p;
                    let (lo, hi) = z.split_at_mut((k - 1) * ldz);
                    lo[(i - 1) * ldz..i * ldz].swap_with_slice(&mut hi[..ldz]);
                }
            }
        }
        None => sort_increasing(&mut d[1..=n]),
    }
    0
}

/// Ascending insertion sort with `<` as `dlasrt('I')` does for up to 20
/// entries (beyond that LAPACK partitions first; the result differs only in
/// where NaNs and signed zeros end up).
fn sort_increasing(d: &mut [f64]) {
    for i in 1..d.len() {
        let mut j = i;
        while j > 0 && d[j] < d[j - 1] {
            d.swap(j, j - 1);
            j -= 1;
        }
    }
}

/// `dsterf`: the eigenvalues of the tridiagonal `(d[1..=n], e[1..n])`, in
/// ascending order into `d`, by the square-root-free QL / QR iteration.
/// Returns LAPACK's `info` (see [`steqr`]).
#[inline(always)]
pub(super) fn sterf(n: usize, d: &mut [f64], e: &mut [f64]) -> usize {
    if n <= 1 {
        return 0;
    }
    let eps2 = EPS * EPS;
    let nmaxit = n * MAXIT;
    let mut jtot = 0;
    let mut l1 = 1;
    loop {
        if l1 > n {
            break;
        }
        if l1 > 1 {
            e[l1 - 1] = 0.0;
        }
        let mut m = n;
        for mm in l1..n {
            if e[mm].abs() <= (d[mm].abs().sqrt() * d[mm + 1].abs().sqrt()) * EPS {
                e[mm] = 0.0;
                m = mm;
                break;
            }
        }
        let mut l = l1;
        let (lsv, lendsv) = (l, m);
        let mut lend = m;
        l1 = m + 1;
        if lend == l {
            continue;
        }
        let anorm = lanst(d, e, l, lend);
        if anorm == 0.0 {
            continue;
        }
        let scaled = scale_block(anorm, d, e, l, lend);
        for v in &mut e[l..lend] {
            *v *= *v;
        }
        if d[lend].abs() < d[l].abs() {
            lend = lsv;
            l = lendsv;
        }
        if lend >= l {
            loop {
                let mut m = lend;
                for mm in l..lend {
                    if e[mm].abs() <= eps2 * (d[mm] * d[mm + 1]).abs() {
                        m = mm;
                        break;
                    }
                }
                if m < lend {
                    e[m] = 0.0;
                }
                let mut p = d[l];
                if m == l {
                    d[l] = p;
                    l += 1;
                    if l <= lend {
                        continue;
                    }
                    break;
                }
                if m == l + 1 {
                    let (rt1, rt2) = lae2(d[l], e[l].sqrt(), d[l + 1]);
                    d[l] = rt1;
                    d[l + 1] = rt2;
                    e[l] = 0.0;
                    l += 2;
                    if l <= lend {
                        continue;
                    }
                    break;
                }
                if jtot == nmaxit {
                    break;
                }
                jtot += 1;
                let rte = e[l].sqrt();
                let sigma0 = (d[l + 1] - p) / (2.0 * rte);
                let sigma = p - (rte / shift_ratio(sigma0));
                let (mut c, mut s) = (1.0, 0.0);
                let mut gamma = d[m] - sigma;
                p = gamma * gamma;
                for i in (l..m).rev() {
                    let bb = e[i];
                    let r = p + bb;
                    if i != m - 1 {
                        e[i + 1] = s * r;
                    }
                    let oldc = c;
                    c = p / r;
                    s = bb / r;
                    let oldgam = gamma;
                    let alpha = d[i];
                    gamma = c * (alpha - sigma) - s * oldgam;
                    d[i + 1] = oldgam + (alpha - gamma);
                    p = if c != 0.0 { (gamma * gamma) / c } else { oldc * bb };
                }
                e[l] = s * p;
                d[l] = sigma + gamma;
            }
        } else {
            loop {
                let mut m = lend;
                for mm in (lend + 1..=l).rev() {
                    if e[mm - 1].abs() <= eps2 * (d[mm] * d[mm - 1]).abs() {
                        m = mm;
                        break;
                    }
                }
                if m > lend {
                    e[m - 1] = 0.0;
                }
                let mut p = d[l];
                if m == l {
                    d[l] = p;
                    if l <= lend {
                        break;
                    }
                    l -= 1;
                    continue;
                }
                if m + 1 == l {
                    let (rt1, rt2) = lae2(d[l], e[l - 1].sqrt(), d[l - 1]);
                    d[l] = rt1;
                    d[l - 1] = rt2;
                    e[l - 1] = 0.0;
                    if l < lend + 2 {
                        break;
                    }
                    l -= 2;
                    continue;
                }
                if jtot == nmaxit {
                    break;
                }
                jtot += 1;
                let rte = e[l - 1].sqrt();
                let sigma0 = (d[l - 1] - p) / (2.0 * rte);
                let sigma = p - (rte / shift_ratio(sigma0));
                let (mut c, mut s) = (1.0, 0.0);
                let mut gamma = d[m] - sigma;
                p = gamma * gamma;
                for i in m..l {
                    let bb = e[i];
                    let r = p + bb;
                    if i != m {
                        e[i - 1] = s * r;
                    }
                    let oldc = c;
                    c = p / r;
                    s = bb / r;
                    let oldgam = gamma;
                    let alpha = d[i + 1];
                    gamma = c * (alpha - sigma) - s * oldgam;
                    d[i] = oldgam + (alpha - gamma);
                    p = if c != 0.0 { (gamma * gamma) / c } else { oldc * bb };
                }
                e[l - 1] = s * p;
                d[l] = sigma + gamma;
            }
        }
        if let Some(to) = scaled {
            lascl(to, anorm, &mut d[lsv..=lendsv]);
        }
        if jtot >= nmaxit {
            return (1..n).filter(|&i| e[i] != 0.0).count();
        }
    }
    sort_increasing(&mut d[1..=n]);
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constants_are_lapacks() {
        assert_eq!(RTMIN, SAFMIN.sqrt());
        assert_eq!(RTMAX, (SAFMAX / 2.0).sqrt());
        assert_eq!(SSFMAX, SAFMAX.sqrt() / 3.0);
        assert_eq!(SSFMIN, SAFMIN.sqrt() / (EPS * EPS));
        assert_eq!(EPS, 2f64.powi(-53));
    }

    #[test]
    fn two_by_two_solvers() {
        let (rt1, rt2, c, s) = laev2(2.0, 1.0, 2.0);
        assert!((rt1 - 3.0).abs() < 1e-15 && (rt2 - 1.0).abs() < 1e-15);
        assert!((c - s).abs() < 1e-15 && (c * c + s * s - 1.0).abs() < 1e-15);
        assert_eq!(lae2(0.0, 0.0, 0.0), (0.0, -0.0));
        let (c, s, r) = lartg(3.0, 4.0);
        assert_eq!((c, s, r), (0.6, 0.8, 5.0));
        assert_eq!(lartg(-3.0, 0.0), (1.0, 0.0, -3.0));
        assert_eq!(lartg(0.0, -2.0), (0.0, -1.0, 2.0));
        let (c, s, r) = lartg(3e200, 4e200);
        assert!((c - 0.6).abs() < 1e-15 && (s - 0.8).abs() < 1e-15 && (r / 5e200 - 1.0).abs() < 1e-15);
        assert_eq!(lapy2(3.0, 4.0), 5.0);
        assert!(lapy2(f64::NAN, 1.0).is_nan());
    }

    #[test]
    fn scaling_steps_through_extremes() {
        let mut x = [3.0, 0.0];
        lascl(f64::INFINITY, 1.0, &mut x);
        assert_eq!(x, [0.0, 0.0]);
        let mut x = [3.0];
        lascl(f64::NAN, 1.0, &mut x);
        assert_eq!(x, [3.0]);
        let mut x = [1e-200, 4e-300];
        lascl(1e-200, 1e200, &mut x);
        assert!((x[0] / 1e200 - 1.0).abs() < 1e-14 && (x[1] / 4e100 - 1.0).abs() < 1e-14);
    }

    /// The tridiagonal with diagonal 2 and off-diagonal -1 has the
    /// eigenvalues 2 - 2 cos(k pi / (n + 1)).
    #[test]
    fn second_difference_matrix() {
        for n in [2, 3, 7, 25] {
            let exact: Vec<f64> =
                (1..=n).map(|k| 2.0 - 2.0 * (k as f64 * std::f64::consts::PI / (n as f64 + 1.0)).cos()).collect();
            let mut d = vec![2.0; n + 1];
            let mut e = vec![-1.0; n + 1];
            assert_eq!(sterf(n, &mut d, &mut e), 0);
            for k in 0..n {
                assert!((d[k + 1] - exact[k]).abs() < 1e-14, "sterf n = {n}");
            }
            let ldz = n.div_ceil(4) * 4;
            let mut z = vec![0.0; ldz * n];
            for i in 0..n {
                z[i * ldz + i] = 1.0;
            }
            let mut d = vec![2.0; n + 1];
            let mut e = vec![-1.0; n + 1];
            assert_eq!(steqr(n, &mut d, &mut e, Some(&mut z), ldz), 0);
            for k in 0..n {
                assert!((d[k + 1] - exact[k]).abs() < 1e-14, "steqr n = {n}");
                let col = &z[k * ldz..k * ldz + n];
                let norm: f64 = col.iter().map(|v| v * v).sum();
                assert!((norm - 1.0).abs() < 1e-14);
            }
        }
    }
}
