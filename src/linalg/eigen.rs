//! Eigenvalues and eigenvectors: `eig`/`eigvals` for general matrices (from
//! nalgebra's Schur form plus our own back substitution, as LAPACK geev/trevc)
//! and `eigh`/`eigvalsh` for symmetric / Hermitian ones.
//!
//! Order of `eig` eigenvalues: as LAPACK geev, the diagonal of the Schur
//! form of the balanced matrix. Eigenvalues isolated by gebal's permutation
//! (triangular and block-triangular matrices) and 2x2 blocks (lanv2) come in
//! LAPACK's order; the order inside a block of size >= 3 comes from
//! nalgebra's QR iteration and may differ from LAPACK's. A complex-conjugate
//! pair of a real matrix comes as `(re + i im, re - i im)` with `im > 0`, and
//! its eigenvectors are exact conjugates, as LAPACK.

use super::balance::{balance, lanv2, Balance};
use super::decompose::{form_q, householder_qr, safe_norm};
use super::fast;
use super::hqr::{hessenberg, lahqr};
use super::interrupt::{self, check};
use super::{
    all_finite, cdiv, iter_limit, require_square, LinalgError, LinalgResult, LinalgScalar, MSG_EIG, MSG_NONFINITE,
};
use nalgebra::{DMatrix, DVector, Schur, SymmetricEigen};
use num_complex::Complex64;

/// What [`eig`] returns.
#[derive(Debug, Clone, PartialEq)]
pub struct EigResult {
    /// Eigenvalues (see the module doc for their order).
    pub values: DVector<Complex64>,
    /// Unit-norm eigenvectors as columns, `vectors.column(i)` belongs to
    /// `values[i]`. Complex vectors have their largest component real and
    /// positive; real ones have exactly zero imaginary parts.
    pub vectors: DMatrix<Complex64>,
    /// True when NumPy returns float64 arrays: real input and every
    /// imaginary part exactly 0 (then the imaginary parts may be dropped).
    pub real: bool,
}

/// Eigenvalues whose magnitude exceeds this trigger a rescaling of the
/// vector under construction (overflow guard, as trevc's scale factors).
const BIG: f64 = 1e100;

fn is_upper_triangular<S: LinalgScalar>(a: &DMatrix<S>) -> bool {
    let n = a.nrows();
    (0..n).all(|j| (j + 1..n).all(|i| a[(i, j)] == S::zero()))
}

/// A fixed pseudo-random orthogonal / unitary matrix (fallback similarity).
fn random_orthogonal<S: LinalgScalar>(n: usize) -> LinalgResult<DMatrix<S>> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let m = DMatrix::<S>::from_fn(n, n, |_, _| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        S::of_real((state >> 11) as f64 / (1u64 << 53) as f64 - 0.5)
    });
    let (h, tau) = householder_qr(m)?;
    form_q(&h, &tau, n)
}

/// Schur form of a square block by nalgebra: `(T, Q)` with `A = Q T Q^H`.
fn schur_block<S: LinalgScalar>(a: DMatrix<S>) -> LinalgResult<(DMatrix<S>, DMatrix<S>)> {
    let n = a.nrows();
    if is_upper_triangular(&a) {
        return Ok((a, DMatrix::identity(n, n)));
    }
    let first = a.clone();
    if let Some((q, t)) = interrupt::run(interrupt::cube(n, 25.0), move || {
        Schur::try_new(first, f64::EPSILON, iter_limit(n)).map(|s| s.unpack())
    })? {
        return Ok((t, q));
    }
    // The plain Francis iteration (no exceptional shifts) can stall, e.g. on
    // permutation matrices: retry on an orthogonally similar matrix.
    let z = random_orthogonal::<S>(n)?;
    let b = z.ad_mul(&a) * &z;
    let (q, t) = interrupt::run(interrupt::cube(n, 25.0), move || {
        Schur::try_new(b, f64::EPSILON, 4 * iter_limit(n)).map(|s| s.unpack())
    })?
    .ok_or_else(|| LinalgError::linalg(MSG_EIG))?;
    Ok((t, z * q))
}

/// Balances `a` (LAPACK gebal) and reduces the balanced matrix `B` to Schur
/// form: returns `(T, Q, balance)` with `B = Q T Q^H`, T upper triangular
/// except for standardized 2x2 blocks of complex pairs when `S` is real.
fn schur_form<S: LinalgScalar>(a: &DMatrix<S>, want_q: bool) -> LinalgResult<(DMatrix<S>, DMatrix<S>, Balance)> {
    let n = a.nrows();
    let mut b = a.clone();
    let bal = balance(&mut b);
    let (lo, hi) = (bal.ilo, bal.ihi);
    if !S::IS_COMPLEX {
        // LAPACK's path: Hessenberg reduction, then dlahqr.
        let mut h = b.map(|x| x.real());
        let mut z = hessenberg(&mut h, lo, hi, want_q)?;
        if lahqr(&mut h, &mut z, lo, hi, want_q)? {
            return Ok((h.map(S::of_real), z.map(S::of_real), bal));
        }
    }
    let mut q = DMatrix::<S>::identity(n, n);
    let size = hi + 1 - lo;
    if size >= 3 {
        let (t2, q2) = schur_block(b.view((lo, lo), (size, size)).clone_owned())?;
        b.view_mut((lo, lo), (size, size)).copy_from(&t2);
        if lo > 0 {
            let top = b.view((0, lo), (lo, size)) * &q2;
            b.view_mut((0, lo), (lo, size)).copy_from(&top);
        }
        if hi + 1 < n {
            let right = q2.ad_mul(&b.view((lo, hi + 1), (size, n - hi - 1)));
            b.view_mut((lo, hi + 1), (size, n - hi - 1)).copy_from(&right);
        }
        q.view_mut((lo, lo), (size, size)).copy_from(&q2);
    }
    let (t, q) = standardize(b, q);
    Ok((t, q, bal))
}

/// Brings every 2x2 diagonal block to standard form by a rotation applied
/// to T and Q: real blocks through LAPACK's lanv2 (split when the
/// eigenvalues are real, equal diagonal otherwise); complex blocks are
/// always split.
fn standardize<S: LinalgScalar>(mut t: DMatrix<S>, mut q: DMatrix<S>) -> (DMatrix<S>, DMatrix<S>) {
    let n = t.nrows();
    let mut i = 0;
    while i + 1 < n {
        if t[(i + 1, i)] == S::zero() {
            i += 1;
            continue;
        }
        if !S::IS_COMPLEX {
            let e = |r: usize, c: usize| t[(r, c)].real();
            let s = lanv2(e(i, i), e(i, i + 1), e(i + 1, i), e(i + 1, i + 1));
            let (cs, sn) = (S::of_real(s.cs), S::of_real(s.sn));
            for j in i + 2..n {
                let (x, y) = (t[(i, j)], t[(i + 1, j)]);
                t[(i, j)] = cs * x + sn * y;
                t[(i + 1, j)] = cs * y - sn * x;
            }
            let rot_cols = |m: &mut DMatrix<S>, rows: usize| {
                for r in 0..rows {
                    let (x, y) = (m[(r, i)], m[(r, i + 1)]);
                    m[(r, i)] = cs * x + sn * y;
                    m[(r, i + 1)] = cs * y - sn * x;
                }
            };
            rot_cols(&mut t, i);
            rot_cols(&mut q, n);
            t[(i, i)] = S::of_real(s.a);
            t[(i, i + 1)] = S::of_real(s.b);
            t[(i + 1, i)] = S::of_real(s.c);
            t[(i + 1, i + 1)] = S::of_real(s.d);
            i += if s.c == 0.0 { 1 } else { 2 };
            continue;
        }
        let (a, b, c, d) = (t[(i, i)], t[(i, i + 1)], t[(i + 1, i)], t[(i + 1, i + 1)]);
        let half = S::of_real(0.5);
        let val = (a - d) * half;
        let root = (b * c + val * val).sqrt();
        let ht = (a + d) * half;
        let (x1, x2) = (ht + root - d, ht - root - d);
        let x0 = if x1.abs1() >= x2.abs1() { x1 } else { x2 };
        // Unit eigenvector (x0, c) of the block, first column of the rotation.
        let nrm = x0.modulus().hypot(c.modulus());
        let (g0, g1) = (x0.unscale(nrm), c.unscale(nrm));
        for j in i..n {
            let (r0, r1) = (t[(i, j)], t[(i + 1, j)]);
            t[(i, j)] = g0.conjugate() * r0 + g1.conjugate() * r1;
            t[(i + 1, j)] = -g1 * r0 + g0 * r1;
        }
        let rotate_cols = |m: &mut DMatrix<S>, rows: usize| {
            for r in 0..rows {
                let (c0, c1) = (m[(r, i)], m[(r, i + 1)]);
                m[(r, i)] = c0 * g0 + c1 * g1;
                m[(r, i + 1)] = -c0 * g1.conjugate() + c1 * g0.conjugate();
            }
        };
        rotate_cols(&mut t, i + 2);
        rotate_cols(&mut q, n);
        t[(i + 1, i)] = S::zero();
        i += 1;
    }
    (t, q)
}

/// Diagonal blocks `(start, size)` of a standardized Schur form.
fn blocks<S: LinalgScalar>(t: &DMatrix<S>) -> Vec<(usize, usize)> {
    let n = t.nrows();
    let mut out = Vec::with_capacity(n);
    let mut i = 0;
    while i < n {
        if i + 1 < n && t[(i + 1, i)] != S::zero() {
            out.push((i, 2));
            i += 2;
        } else {
            out.push((i, 1));
            i += 1;
        }
    }
    out
}

/// Eigenvalues of one block; a 2x2 block gives `(re + i im, re - i im)`, im > 0.
fn block_values<S: LinalgScalar>(t: &DMatrix<S>, (s, size): (usize, usize)) -> Vec<Complex64> {
    if size == 1 {
        let v = t[(s, s)].to_c64();
        return vec![if S::IS_COMPLEX { v } else { Complex64::new(v.re, 0.0) }];
    }
    // A standardized block (lanv2): equal diagonal, b c < 0.
    let (a, b, c, d) = (t[(s, s)].real(), t[(s, s + 1)].real(), t[(s + 1, s)].real(), t[(s + 1, s + 1)].real());
    let re = 0.5 * (a + d);
    let im = b.abs().sqrt() * c.abs().sqrt();
    vec![Complex64::new(re, im), Complex64::new(re, -im)]
}

/// Solves the 2x2 system `m x = r` with complete pivoting, perturbing pivots
/// smaller than `smin` (as LAPACK laln2).
fn solve2(m: [[Complex64; 2]; 2], r: [Complex64; 2], smin: f64) -> [Complex64; 2] {
    let abs1 = |z: Complex64| z.re.abs() + z.im.abs();
    let mut best = (0, 0);
    for i in 0..2 {
        for j in 0..2 {
            if abs1(m[i][j]) > abs1(m[best.0][best.1]) {
                best = (i, j);
            }
        }
    }
    let (pi, pj) = best;
    let piv = m[pi][pj];
    if abs1(piv).is_nan() || abs1(piv) < smin {
        let s = Complex64::new(smin, 0.0);
        return [cdiv(r[0], s), cdiv(r[1], s)];
    }
    let (oi, oj) = (1 - pi, 1 - pj);
    let l = cdiv(m[oi][pj], piv);
    let mut u22 = m[oi][oj] - l * m[pi][oj];
    if abs1(u22).is_nan() || abs1(u22) < smin {
        u22 = Complex64::new(smin, 0.0);
    }
    let ro = r[oi] - l * r[pi];
    let mut x = [Complex64::new(0.0, 0.0); 2];
    x[oj] = cdiv(ro, u22);
    x[pj] = cdiv(r[pi] - m[pi][oj] * x[oj], piv);
    x
}

/// Eigenvector `y` of the quasi-triangular `t` for `lambda`, an eigenvalue of
/// block `b`: `y` is zero below the block and found by back substitution
/// above it (as LAPACK trevc, with tiny divisors replaced by `smin`).
fn back_substitute<S: LinalgScalar>(
    t: &DMatrix<S>,
    blocks: &[(usize, usize)],
    b: usize,
    lambda: Complex64,
    smin: f64,
    y: &mut [Complex64],
    work: &mut [Complex64],
) {
    let zero = Complex64::new(0.0, 0.0);
    y.iter_mut().for_each(|v| *v = zero);
    let (s0, size) = blocks[b];
    if size == 1 {
        y[s0] = Complex64::new(1.0, 0.0);
    } else {
        // Standardized block (equal diagonal): LAPACK trevc's starting vector.
        let (b01, b10) = (t[(s0, s0 + 1)].to_c64(), t[(s0 + 1, s0)].to_c64());
        let w = Complex64::new(0.0, lambda.im);
        if b01.norm() >= b10.norm() {
            y[s0] = Complex64::new(1.0, 0.0);
            y[s0 + 1] = cdiv(w, b01);
        } else {
            y[s0] = -cdiv(Complex64::new(lambda.im, 0.0), b10);
            y[s0 + 1] = Complex64::new(0.0, 1.0);
        }
    }
    work[..s0].iter_mut().for_each(|v| *v = zero);
    let update = |work: &mut [Complex64], y: &[Complex64], s: usize, size: usize| {
        for (j, &yj) in y.iter().enumerate().skip(s).take(size) {
            if yj == zero {
                continue;
            }
            let col = t.column(j);
            for (w, tv) in work[..s].iter_mut().zip(col.iter()) {
                *w -= tv.to_c64() * yj;
            }
        }
    };
    update(work, y, s0, size);
    let abs1 = |z: Complex64| z.re.abs() + z.im.abs();
    for bi in (0..b).rev() {
        let (s, size) = blocks[bi];
        let solve = |work: &[Complex64]| {
            if size == 1 {
                let mut d = t[(s, s)].to_c64() - lambda;
                if abs1(d) < smin {
                    d = Complex64::new(smin, 0.0);
                }
                [cdiv(work[s], d), zero]
            } else {
                let e = |i: usize, j: usize| t[(s + i, s + j)].to_c64();
                let m = [[e(0, 0) - lambda, e(0, 1)], [e(1, 0), e(1, 1) - lambda]];
                solve2(m, [work[s], work[s + 1]], smin)
            }
        };
        let mut x = solve(work);
        if !x.iter().all(|v| abs1(*v) <= BIG) {
            // The quotient would overflow: scale the right-hand side to <= 1
            // first (the result is then below 3 / smin), as laln2 does.
            let rmax = work[s..s + size].iter().fold(0.0f64, |m, v| m.max(abs1(*v)));
            if rmax > 1.0 && rmax.is_finite() {
                let f = 1.0 / rmax;
                y.iter_mut().for_each(|v| *v *= f);
                work[..s + size].iter_mut().for_each(|v| *v *= f);
                x = solve(work);
            }
        }
        y[s..s + size].copy_from_slice(&x[..size]);
        let big = y[s..s + size].iter().fold(0.0f64, |m, v| m.max(v.re.abs() + v.im.abs()));
        if big > BIG {
            let f = 1.0 / big;
            y.iter_mut().for_each(|v| *v *= f);
            work[..s].iter_mut().for_each(|v| *v *= f);
        }
        update(work, y, s, size);
    }
}

/// Shared work of [`eig`] and [`eigvals`].
fn eig_impl<S: LinalgScalar>(a: &DMatrix<S>, want_vectors: bool) -> LinalgResult<EigResult> {
    require_square(a)?;
    if !all_finite(a) {
        return Err(LinalgError::linalg(MSG_NONFINITE));
    }
    let n = a.nrows();
    if n == 0 {
        return Ok(EigResult { values: DVector::zeros(0), vectors: DMatrix::zeros(0, 0), real: !S::IS_COMPLEX });
    }
    // Entries of extreme magnitude: work on a copy scaled by a power of two
    // (exact), as geev does, and scale the eigenvalues back.
    let amax = a.iter().fold(0.0f64, |m, x| m.max(x.real().abs()).max(x.imaginary().abs()));
    let scale = if amax > 1e138 || (amax > 0.0 && amax < 1e-138) { amax.log2().floor().exp2() } else { 1.0 };
    let scale = if scale.is_finite() && scale > 0.0 { scale } else { 1.0 };
    let (t, q, bal) = if scale == 1.0 {
        schur_form(a, want_vectors)?
    } else {
        schur_form(&a.map(|x| x.unscale(scale)), want_vectors)?
    };
    let blks = blocks(&t);
    let mut values = Vec::with_capacity(n);
    for &bk in &blks {
        values.extend(block_values(&t, bk));
    }
    let values = DVector::from_vec(values);
    let real = !S::IS_COMPLEX && values.iter().all(|v| v.im == 0.0);
    if !want_vectors {
        return Ok(EigResult { values: values * Complex64::new(scale, 0.0), vectors: DMatrix::zeros(0, 0), real });
    }

    let smlnum = f64::MIN_POSITIVE * (n as f64 / f64::EPSILON);
    let zero = Complex64::new(0.0, 0.0);
    let mut ymat = DMatrix::<Complex64>::zeros(n, n);
    let mut y = vec![zero; n];
    let mut work = vec![zero; n];
    // The partner of a complex pair is filled in after Q y (as its conjugate).
    for (bi, &(s, _)) in blks.iter().enumerate() {
        check()?;
        let lambda = values[s];
        let smin = (f64::EPSILON * (lambda.re.abs() + lambda.im.abs())).max(smlnum);
        back_substitute(&t, &blks, bi, lambda, smin, &mut y, &mut work);
        ymat.column_mut(s).copy_from_slice(&y);
    }
    let mut v = if S::IS_COMPLEX {
        q.map(|x| x.to_c64()) * ymat
    } else {
        let qr = q.map(|x| x.real());
        let vr = &qr * ymat.map(|z| z.re);
        let vi = &qr * ymat.map(|z| z.im);
        vr.zip_map(&vi, Complex64::new)
    };
    bal.back_transform(&mut v);
    for &(s, size) in &blks {
        let mut col = v.column_mut(s);
        let nrm = safe_norm(&col);
        if nrm > 0.0 && nrm.is_finite() {
            col.unscale_mut(nrm);
        }
        if S::IS_COMPLEX || size == 2 {
            // Largest component made real: positive for complex input (zgeev),
            // with the sign of its real part for a real matrix (dgeev).
            let mut k = 0;
            let mut best = -1.0;
            for (i, z) in col.iter().enumerate() {
                let m = z.norm_sqr();
                if m > best {
                    best = m;
                    k = i;
                }
            }
            let vk = col[k];
            let m = vk.norm();
            if m > 0.0 {
                let sgn = if !S::IS_COMPLEX && vk.re < 0.0 { -1.0 } else { 1.0 };
                let rot = vk.conj() / m * sgn;
                col.iter_mut().for_each(|z| *z *= rot);
                col[k] = Complex64::new(col[k].re, 0.0);
            }
        } else {
            col.iter_mut().for_each(|z| *z = Complex64::new(z.re, 0.0));
        }
        if size == 2 {
            let conj = v.column(s).map(|z| z.conj());
            v.column_mut(s + 1).copy_from(&conj);
        }
    }
    Ok(EigResult { values: values * Complex64::new(scale, 0.0), vectors: v, real })
}

/// Eigenvalues and right eigenvectors of a general square matrix (NumPy's
/// `eig`). Errors: not square, `Array must not contain infs or NaNs`,
/// `Eigenvalues did not converge`.
pub fn eig<T: LinalgScalar>(a: &DMatrix<T>) -> LinalgResult<EigResult> {
    eig_impl(a, true)
}

/// Eigenvalues of a general square matrix and whether NumPy returns them as
/// real (see [`EigResult::real`]); same order as [`eig`].
pub fn eigvals<T: LinalgScalar>(a: &DMatrix<T>) -> LinalgResult<(DVector<Complex64>, bool)> {
    let r = eig_impl(a, false)?;
    Ok((r.values, r.real))
}

/// The Hermitian matrix NumPy's `UPLO='L'` sees: the lower triangle of `a`
/// mirrored (conjugated) upward, with the diagonal's imaginary part dropped.
fn hermitian_from_lower<T: LinalgScalar>(a: &DMatrix<T>) -> DMatrix<T> {
    let n = a.nrows();
    let mut m = a.clone();
    for j in 0..n {
        m[(j, j)] = T::of_real(a[(j, j)].real());
        for i in j + 1..n {
            m[(j, i)] = a[(i, j)].conjugate();
        }
    }
    m
}

/// Eigenvalues (ascending) and orthonormal eigenvectors (columns, in the same
/// order) of a symmetric / Hermitian matrix, reading its lower triangle.
/// Non-finite input gives NaN results (NumPy raises nothing either).
pub fn eigh<T: LinalgScalar>(a: &DMatrix<T>) -> LinalgResult<(DVector<f64>, DMatrix<T>)> {
    require_square(a)?;
    let n = a.nrows();
    if n == 0 {
        return Ok((DVector::zeros(0), DMatrix::zeros(0, 0)));
    }
    let m = hermitian_from_lower(a);
    if !all_finite(&m) {
        return Ok((DVector::from_element(n, f64::NAN), DMatrix::from_element(n, n, T::of_real(f64::NAN))));
    }
    if fast::wanted(&m) {
        return interrupt::run(interrupt::cube(n, 10.0), move || fast::eigh(&m, true))?
            .ok_or_else(|| LinalgError::linalg(MSG_EIG));
    }
    let e = interrupt::run(interrupt::cube(n, 10.0), move || SymmetricEigen::try_new(m, f64::EPSILON, iter_limit(n)))?
        .ok_or_else(|| LinalgError::linalg(MSG_EIG))?;
    let mut idx: Vec<usize> = (0..n).collect();
    idx.sort_by(|&i, &j| e.eigenvalues[i].total_cmp(&e.eigenvalues[j]));
    let values = DVector::from_iterator(n, idx.iter().map(|&i| e.eigenvalues[i]));
    let mut vectors = DMatrix::<T>::zeros(n, n);
    for (dst, &src) in idx.iter().enumerate() {
        vectors.column_mut(dst).copy_from(&e.eigenvectors.column(src));
    }
    Ok((values, vectors))
}

/// Eigenvalues (ascending) of a symmetric / Hermitian matrix (lower triangle).
pub fn eigvalsh<T: LinalgScalar>(a: &DMatrix<T>) -> LinalgResult<DVector<f64>> {
    require_square(a)?;
    if fast::wanted(a) && all_finite(a) {
        let m = hermitian_from_lower(a);
        let n = m.nrows();
        return interrupt::run(interrupt::cube(n, 4.0), move || fast::eigh(&m, false))?
            .map(|(w, _)| w)
            .ok_or_else(|| LinalgError::linalg(MSG_EIG));
    }
    eigh(a).map(|(w, _)| w)
}
