//! LU-based kernels (`inv`, `det`, `slogdet`, `solve`), `cholesky`, `qr`,
//! `matrix_power` and `multi_dot`.

use super::fast;
use super::interrupt::{self, check};
use super::small;
use super::{require_square, LinalgError, LinalgResult, LinalgScalar};
use nalgebra::{DMatrix, DVector};

/// Inverse of a square matrix (LAPACK gesv with identity right-hand side).
///
/// `LinAlgError: Singular matrix` only for an exact zero pivot, as NumPy; a 0x0
/// input gives 0x0. NaN input gives NaN-polluted output, no error.
pub fn inv<T: LinalgScalar>(a: &DMatrix<T>) -> LinalgResult<DMatrix<T>> {
    require_square(a)?;
    if a.nrows() == 0 {
        return Ok(a.clone());
    }
    if fast::wanted(a) {
        let a = a.clone();
        return interrupt::run(interrupt::cube(a.nrows(), 2.0), move || fast::inv(&a))?;
    }
    let n = a.nrows();
    let x = small::inv(a.transpose().as_slice(), n)?;
    Ok(DMatrix::from_row_slice(n, n, &x))
}

/// Determinant as NumPy computes it: `sign * exp(logabsdet)` from the LU factors.
///
/// 0.0 for singular input, 1.0 for 0x0.
pub fn det<T: LinalgScalar>(a: &DMatrix<T>) -> LinalgResult<T> {
    let (sign, logdet) = slogdet(a)?;
    Ok(sign * T::of_real(logdet.exp()))
}

/// `(sign, log|det|)` from the LU factors, as NumPy's `slogdet`.
///
/// The sign is ±1 for real input and a unit complex number for complex
/// input; a singular matrix gives `(0, -inf)` and 0x0 gives `(1, 0)`.
pub fn slogdet<T: LinalgScalar>(a: &DMatrix<T>) -> LinalgResult<(T, f64)> {
    require_square(a)?;
    let n = a.nrows();
    if n == 0 {
        return Ok((T::one(), 0.0));
    }
    if fast::wanted(a) {
        let a = a.clone();
        return interrupt::run(interrupt::cube(n, 1.0), move || fast::slogdet(&a));
    }
    Ok(small::slogdet(a.transpose().as_slice(), n))
}

/// `(sign, log|det|)` of a triangular factor with diagonal `diag`, starting
/// from the permutation's sign: each diagonal entry multiplies the sign by
/// its phase and adds its log-modulus.
pub(crate) fn sign_and_logdet<T: LinalgScalar>(mut sign: T, diag: impl Iterator<Item = T>) -> (T, f64) {
    let mut logdet = 0.0;
    for d in diag {
        let m = d.modulus();
        if T::IS_COMPLEX {
            sign *= d.unscale(m);
        } else if d.real() < 0.0 {
            sign = -sign;
        }
        logdet += m.ln();
    }
    (sign, logdet)
}

/// Solves `a x = b` for a square `a` and a matrix `b` (LAPACK gesv).
///
/// `LinAlgError: Singular matrix` on a zero pivot; `ValueError` (NumPy's gufunc
/// message) when `b` has the wrong number of rows.
pub fn solve<T: LinalgScalar>(a: &DMatrix<T>, b: &DMatrix<T>) -> LinalgResult<DMatrix<T>> {
    require_square(a)?;
    let n = a.nrows();
    if b.nrows() != n {
        return Err(LinalgError::value(format!(
            "solve: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature \
             (m,m),(m,n)->(m,n) (size {} is different from {})",
            b.nrows(),
            n
        )));
    }
    if n == 0 || b.ncols() == 0 {
        return Ok(DMatrix::zeros(n, b.ncols()));
    }
    let b = b.clone();
    if fast::wanted(a) {
        let a = a.clone();
        return interrupt::run(interrupt::cube(n, 1.0), move || fast::solve(&a, &b))?;
    }
    let cols = b.ncols();
    let mut x = b.transpose().as_slice().to_vec();
    small::solve(a.transpose().as_slice(), n, &mut x, cols)?;
    Ok(DMatrix::from_row_slice(n, cols, &x))
}

/// Lower Cholesky factor `L` with `a = L L^H`, reading only the lower triangle
/// of `a` (NumPy's default). The diagonal's imaginary part is ignored as in
/// LAPACK potrf. `LinAlgError: Matrix is not positive definite` when a pivot
/// is not positive; NaN input gives a NaN lower triangle (NumPy does the same).
pub fn cholesky<T: LinalgScalar>(a: &DMatrix<T>) -> LinalgResult<DMatrix<T>> {
    require_square(a)?;
    let n = a.nrows();
    let mut m = a.clone();
    m.fill_upper_triangle(T::zero(), 1);
    if m.iter().any(|x| !x.not_nan()) {
        m.fill_lower_triangle(T::of_real(f64::NAN), 0);
        return Ok(m);
    }
    if fast::wanted(&m) {
        // LAPACK potrf reads the diagonal's real part only.
        for j in 0..n {
            m[(j, j)] = T::of_real(m[(j, j)].real());
        }
        return interrupt::run(interrupt::cube(n, 0.34), move || fast::cholesky(&m))?;
    }
    // Below faer's size the whole factorization takes well under a
    // millisecond: no polling needed.
    let l = small::cholesky(a.transpose().as_slice(), n)?;
    Ok(DMatrix::from_row_slice(n, n, &l))
}

/// [`cholesky`] of a real row-major `n x n` matrix at faer's size, on the
/// array's own data: the lower factor row-major, or its transpose when
/// `upper`. NaN in the lower triangle gives NaN there (the upper factor:
/// NaN in the upper triangle), as NumPy.
pub fn cholesky_rows_f64(a: &[f64], n: usize, upper: bool) -> LinalgResult<Vec<f64>> {
    if (0..n).any(|i| a[i * n..i * n + i + 1].iter().any(|x| x.is_nan())) {
        let mut out = vec![0.0; n * n];
        for i in 0..n {
            for j in 0..=i {
                out[if upper { j * n + i } else { i * n + j }] = f64::NAN;
            }
        }
        return Ok(out);
    }
    let flops = interrupt::cube(n, 0.34);
    if flops < interrupt::SPAWN_FLOPS {
        return fast::cholesky_rows(a, n, upper);
    }
    let owned = a.to_vec();
    interrupt::run(flops, move || fast::cholesky_rows(&owned, n, upper))?
}

/// The `mode` argument of [`qr`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QrMode {
    /// Q is m x k, R is k x n (k = min(m, n)); NumPy's default.
    Reduced,
    /// Q is m x m, R is m x n.
    Complete,
    /// Only R (k x n).
    R,
    /// LAPACK's raw output: `h` (n x m, reflectors below R, transposed) and `tau`.
    Raw,
}

/// What [`qr`] returns, by mode.
#[derive(Debug, Clone, PartialEq)]
pub enum QrResult<T: LinalgScalar> {
    /// `(Q, R)` for `Reduced` and `Complete`.
    QR(DMatrix<T>, DMatrix<T>),
    /// `R` alone for mode `R`.
    R(DMatrix<T>),
    /// `(h, tau)` for mode `Raw`.
    Raw(DMatrix<T>, DVector<T>),
}

/// 2-norm of a vector, scaled so that it neither overflows nor underflows.
pub(crate) fn safe_norm<T: LinalgScalar, S>(x: &nalgebra::Matrix<T, nalgebra::Dyn, nalgebra::U1, S>) -> f64
where
    S: nalgebra::RawStorage<T, nalgebra::Dyn, nalgebra::U1>,
{
    let scale = x.iter().fold(0.0f64, |m, v| m.max(v.real().abs()).max(v.imaginary().abs()));
    if scale == 0.0 || !scale.is_finite() {
        return if scale.is_nan() { f64::NAN } else { scale };
    }
    let s = x.iter().fold(0.0, |acc, v| acc + v.unscale(scale).modulus_squared());
    scale * s.sqrt()
}

/// Householder reflector in LAPACK larfg's convention for the column
/// segment `a[row..end, col]`: afterwards `a[row, col] = beta` (real, sign
/// opposite to Re alpha), the tail holds `v[1..]` (v[0] = 1) and the
/// returned `tau` satisfies `H^H (alpha, x) = (beta, 0)` with
/// `H = I - tau v v^H`. `tau = 0` (H = I) when there is nothing to annihilate.
pub(crate) fn larfg<T: LinalgScalar>(a: &mut DMatrix<T>, row: usize, col: usize, end: usize) -> T {
    if end <= row {
        return T::zero();
    }
    let alpha = a[(row, col)];
    let xnorm = safe_norm(&a.view_range(row + 1..end, col));
    let (ar, ai) = (alpha.real(), alpha.imaginary());
    if xnorm == 0.0 && ai == 0.0 {
        return T::zero();
    }
    let mag = ar.hypot(ai).hypot(xnorm);
    let beta = if ar >= 0.0 { -mag } else { mag };
    let t = T::from_c64(num_complex::Complex64::new((beta - ar) / beta, -ai / beta));
    let scal = T::one() / (alpha - T::of_real(beta));
    let mut tail = a.view_range_mut(row + 1..end, col);
    tail *= scal;
    a[(row, col)] = T::of_real(beta);
    t
}

/// Householder QR in LAPACK geqrf's convention: returns the factored matrix
/// (R on and above the diagonal, reflector tails below) and the `tau`s.
/// `Err(Interrupted)` on a stop request (polled once per column).
pub(crate) fn householder_qr<T: LinalgScalar>(mut a: DMatrix<T>) -> LinalgResult<(DMatrix<T>, DVector<T>)> {
    let (m, n) = a.shape();
    let k = m.min(n);
    let mut tau = DVector::<T>::zeros(k);
    let mut w = DVector::<T>::zeros(n);
    let mut vbuf = DVector::<T>::zeros(m);
    for j in 0..k {
        check()?;
        let t = larfg(&mut a, j, j, m);
        tau[j] = t;
        if t == T::zero() {
            continue;
        }
        if j + 1 < n {
            // Apply H^H = I - conj(tau) v v^H to the trailing columns.
            let mut v = vbuf.rows_range_mut(0..m - j);
            v.copy_from(&a.view_range(j.., j));
            v[0] = T::one();
            let v = vbuf.rows_range(0..m - j);
            let mut c = a.view_range_mut(j.., j + 1..);
            let mut wj = w.rows_range_mut(0..n - j - 1);
            wj.gemv_ad(T::one(), &c, &v, T::zero());
            c.gerc(-t.conjugate(), &v, &wj, T::one());
        }
    }
    Ok((a, tau))
}

/// Forms the first `q` columns of `Q = H(0) H(1) ... H(k-1)` (LAPACK orgqr).
/// `Err(Interrupted)` on a stop request (polled once per reflector).
pub(crate) fn form_q<T: LinalgScalar>(h: &DMatrix<T>, tau: &DVector<T>, q: usize) -> LinalgResult<DMatrix<T>> {
    let m = h.nrows();
    let mut out = DMatrix::<T>::identity(m, q);
    let mut w = DVector::<T>::zeros(q);
    let mut vbuf = DVector::<T>::zeros(m);
    for i in (0..tau.len()).rev() {
        check()?;
        let t = tau[i];
        if t == T::zero() || i >= q {
            continue;
        }
        let mut v = vbuf.rows_range_mut(0..m - i);
        v.copy_from(&h.view_range(i.., i));
        v[0] = T::one();
        let v = vbuf.rows_range(0..m - i);
        let mut c = out.view_range_mut(i.., i..);
        let mut wi = w.rows_range_mut(0..q - i);
        wi.gemv_ad(T::one(), &c, &v, T::zero());
        c.gerc(-t, &v, &wi, T::one());
    }
    Ok(out)
}

/// QR decomposition by Householder reflections with LAPACK's signs
/// (`R[i,i] = -sign(Re a_ii) * norm`, untouched where the column below is zero).
pub fn qr<T: LinalgScalar>(a: &DMatrix<T>, mode: QrMode) -> LinalgResult<QrResult<T>> {
    let (m, n) = a.shape();
    let k = m.min(n);
    // Real input at faer's size: its blocked QR (same signs as LAPACK for
    // real data). Complex input keeps LAPACK's real-diagonal convention
    // here, and 'raw' needs LAPACK's own reflector storage.
    if !T::IS_COMPLEX && mode != QrMode::Raw && k > 0 && fast::wanted(a) && super::all_finite(a) {
        let owned = a.clone();
        let complete = mode == QrMode::Complete;
        let want_q = mode != QrMode::R;
        let flops = 4.0 * (m * n) as f64 * k as f64;
        let (q, r) = interrupt::run(flops, move || fast::qr(&owned, complete, want_q))?;
        return Ok(if want_q { QrResult::QR(q, r) } else { QrResult::R(r) });
    }
    let (h, tau) = householder_qr(a.clone())?;
    let upper = |rows: usize| {
        let mut r = DMatrix::<T>::zeros(rows, n);
        for j in 0..n {
            for i in 0..rows.min(j + 1).min(m) {
                r[(i, j)] = h[(i, j)];
            }
        }
        r
    };
    Ok(match mode {
        QrMode::Reduced => QrResult::QR(form_q(&h, &tau, k)?, upper(k)),
        QrMode::Complete => QrResult::QR(form_q(&h, &tau, m)?, upper(m)),
        QrMode::R => QrResult::R(upper(k)),
        QrMode::Raw => QrResult::Raw(h.transpose(), tau),
    })
}

/// NumPy's exponentiation schedule for `matrix_power` with `n >= 1`:
/// `a`, `a@a`, `(a@a)@a`, else binary decomposition (squarings, then products
/// in increasing bit order). `None` for `n == 0` (the caller makes the identity).
pub fn binary_power<M: Clone>(a: M, n: u64, mut mul: impl FnMut(&M, &M) -> M) -> Option<M> {
    match n {
        0 => None,
        1 => Some(a),
        2 => Some(mul(&a, &a)),
        3 => {
            let sq = mul(&a, &a);
            Some(mul(&sq, &a))
        }
        _ => {
            let mut n = n;
            let mut z: Option<M> = None;
            let mut result: Option<M> = None;
            while n > 0 {
                let zz = match z.take() {
                    None => a.clone(),
                    Some(p) => mul(&p, &p),
                };
                let bit = n % 2;
                n /= 2;
                if bit == 1 {
                    result = Some(match result.take() {
                        None => zz.clone(),
                        Some(r) => mul(&r, &zz),
                    });
                }
                z = Some(zz);
            }
            result
        }
    }
}

/// `a` raised to the integer power `n` (negative powers through [`inv`]).
pub fn matrix_power<T: LinalgScalar>(a: &DMatrix<T>, n: i64) -> LinalgResult<DMatrix<T>> {
    require_square(a)?;
    if n == 0 {
        return Ok(DMatrix::identity(a.nrows(), a.ncols()));
    }
    let base = if n < 0 { inv(a)? } else { a.clone() };
    Ok(binary_power(base, n.unsigned_abs(), |x, y| x * y).unwrap_or_else(|| a.clone()))
}

/// Integer `matrix_power` with NumPy's int64 wrap-around; `n >= 0` only (NumPy
/// inverts in floating point for negative powers).
pub fn matrix_power_i64(a: &DMatrix<i64>, n: u64) -> LinalgResult<DMatrix<i64>> {
    require_square(a)?;
    let k = a.nrows();
    if n == 0 {
        return Ok(DMatrix::from_fn(k, k, |i, j| (i == j) as i64));
    }
    let mul = |x: &DMatrix<i64>, y: &DMatrix<i64>| {
        let mut out = DMatrix::<i64>::zeros(k, k);
        for j in 0..k {
            for l in 0..k {
                let b = y[(l, j)];
                if b == 0 {
                    continue;
                }
                for i in 0..k {
                    out[(i, j)] = out[(i, j)].wrapping_add(x[(i, l)].wrapping_mul(b));
                }
            }
        }
        out
    };
    Ok(binary_power(a.clone(), n, mul).unwrap_or_else(|| a.clone()))
}

/// Product of two or more matrices in the cheapest association order, as
/// NumPy's `multi_dot` (the caller reshapes 1-D ends to a row / column).
pub fn multi_dot<T: LinalgScalar>(mats: &[DMatrix<T>]) -> LinalgResult<DMatrix<T>> {
    let n = mats.len();
    if n < 2 {
        return Err(LinalgError::value("Expecting at least two arrays."));
    }
    for w in mats.windows(2) {
        if w[0].ncols() != w[1].nrows() {
            return Err(LinalgError::value(format!(
                "shapes ({},{}) and ({},{}) not aligned: {} (dim 1) != {} (dim 0)",
                w[0].nrows(),
                w[0].ncols(),
                w[1].nrows(),
                w[1].ncols(),
                w[0].ncols(),
                w[1].nrows()
            )));
        }
    }
    if n == 2 {
        return Ok(&mats[0] * &mats[1]);
    }
    if n == 3 {
        let (a, b, c) = (&mats[0], &mats[1], &mats[2]);
        let (a0, a1b0) = (a.nrows() as f64, a.ncols() as f64);
        let (b1c0, c1) = (c.nrows() as f64, c.ncols() as f64);
        let cost1 = a0 * b1c0 * (a1b0 + c1);
        let cost2 = a1b0 * c1 * (a0 + b1c0);
        return Ok(if cost1 < cost2 { (a * b) * c } else { a * (b * c) });
    }
    // Matrix-chain order by dynamic programming (same tie-breaking as NumPy).
    let mut p: Vec<f64> = mats.iter().map(|m| m.nrows() as f64).collect();
    p.push(mats[n - 1].ncols() as f64);
    let mut cost = vec![vec![0.0f64; n]; n];
    let mut split = vec![vec![0usize; n]; n];
    for l in 1..n {
        for i in 0..n - l {
            let j = i + l;
            cost[i][j] = f64::INFINITY;
            for k in i..j {
                let q = cost[i][k] + cost[k + 1][j] + p[i] * p[k + 1] * p[j + 1];
                if q < cost[i][j] {
                    cost[i][j] = q;
                    split[i][j] = k;
                }
            }
        }
    }
    fn chain<T: LinalgScalar>(m: &[DMatrix<T>], s: &[Vec<usize>], i: usize, j: usize) -> DMatrix<T> {
        if i == j {
            return m[i].clone();
        }
        let k = s[i][j];
        chain(m, s, i, k) * chain(m, s, k + 1, j)
    }
    Ok(chain(mats, &split, 0, n - 1))
}
