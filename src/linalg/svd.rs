//! Singular value decomposition and what is built on it: `lstsq`, `pinv`,
//! `matrix_rank`.

use super::decompose::{form_q, householder_qr};
use super::fast;
use super::interrupt;
use super::jacobi::jacobi_svd;
use super::lapack_svd::{self, Gesdd, Job};
use super::{any_nan, iter_limit, LinalgError, LinalgResult, LinalgScalar, MSG_SVD};
use nalgebra::{DMatrix, DVector, SVD};

/// nalgebra's SVD, sorted descending; `None` if it fails or yields NaN.
#[allow(clippy::type_complexity)]
fn nalgebra_svd<T: LinalgScalar>(a: DMatrix<T>, vectors: bool) -> Option<(DMatrix<T>, DVector<f64>, DMatrix<T>)> {
    let (m, n) = a.shape();
    let k = m.min(n);
    let s = SVD::try_new_unordered(a, vectors, vectors, 5.0 * f64::EPSILON, iter_limit(k))?;
    if s.singular_values.iter().any(|x| !x.is_finite()) {
        return None;
    }
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by(|&i, &j| s.singular_values[j].total_cmp(&s.singular_values[i]));
    let sv = DVector::from_iterator(k, order.iter().map(|&i| s.singular_values[i]));
    if !vectors {
        return Some((DMatrix::zeros(0, 0), sv, DMatrix::zeros(0, 0)));
    }
    let (u0, vt0) = (s.u?, s.v_t?);
    let u = DMatrix::from_fn(m, k, |i, j| u0[(i, order[j])]);
    let vt = DMatrix::from_fn(k, n, |i, j| vt0[(order[i], j)]);
    Some((u, sv, vt))
}

/// Backward-stability check of a computed SVD: `U S Vt` reproduces `a` and
/// U, Vt are orthonormal, each to `30 max(m, n) eps`.
fn svd_is_accurate<T: LinalgScalar>(a: &DMatrix<T>, u: &DMatrix<T>, sv: &DVector<f64>, vt: &DMatrix<T>) -> bool {
    let (m, n) = a.shape();
    let k = sv.len();
    let tol = 30.0 * m.max(n) as f64 * f64::EPSILON;
    let fro = |x: &DMatrix<T>| x.iter().fold(0.0, |s, v| s + v.modulus_squared()).sqrt();
    let mut us = u.clone();
    for (j, mut col) in us.column_iter_mut().enumerate() {
        col.scale_mut(sv[j]);
    }
    let rec = fro(&(us * vt - a)) <= tol * fro(a);
    let ortho_u = fro(&(u.adjoint() * u - DMatrix::<T>::identity(k, k))) <= tol;
    let ortho_v = fro(&(vt * vt.adjoint() - DMatrix::<T>::identity(k, k))) <= tol;
    rec && ortho_u && ortho_v
}

/// Thin SVD `(U, S descending, Vt)` of a finite non-empty matrix (U and Vt
/// empty unless `vectors`); `None` if it does not converge,
/// `Err(Interrupted)` on a stop request. nalgebra's
/// bidiagonal QR is used when its result passes [`svd_is_accurate`], one-sided
/// Jacobi otherwise (values alone are taken from the checked
/// decomposition too).
/// Input of extreme magnitude is scaled by a power of two first (exact).
#[allow(clippy::type_complexity)]
fn thin_svd<T: LinalgScalar>(
    a: &DMatrix<T>,
    vectors: bool,
) -> LinalgResult<Option<(DMatrix<T>, DVector<f64>, DMatrix<T>)>> {
    let big = a.iter().fold(0.0f64, |m, x| m.max(x.real().abs()).max(x.imaginary().abs()));
    // A power of two near the largest entry (exp2, not powi: 2^-1064 must
    // not underflow to zero through 1 / 2^1064).
    let scale = if big > 1e100 || (big < 1e-100 && big > 0.0) { big.log2().floor().exp2() } else { 1.0 };
    let scale = if scale.is_finite() && scale > 0.0 { scale } else { 1.0 };
    let mut work = a.clone();
    if scale != 1.0 {
        work.unscale_mut(scale);
    }
    let owned = work.clone();
    if fast::wanted(&work) {
        // faer's SVD is accurate on its own: no check, no Jacobi fallback.
        let Some((u, sv, vt)) = interrupt::run(svd_flops(a), move || fast::svd(&owned, vectors))? else {
            return Ok(None);
        };
        return Ok(Some((u, sv * scale, vt)));
    }
    let checked = interrupt::run(svd_flops(a), move || {
        nalgebra_svd(owned.clone(), true).filter(|(u, sv, vt)| svd_is_accurate(&owned, u, sv, vt))
    })?;
    let (u, sv, vt) = match checked {
        Some(found) => found,
        None => match jacobi_svd(&work, vectors)? {
            Some(found) => found,
            None => return Ok(None),
        },
    };
    if !vectors {
        return Ok(Some((DMatrix::zeros(0, 0), sv * scale, DMatrix::zeros(0, 0))));
    }
    Ok(Some((u, sv * scale, vt)))
}

/// Rough operation count of an SVD with vectors, for [`interrupt::run`].
fn svd_flops<T>(a: &DMatrix<T>) -> f64 {
    let (big, small) = (a.nrows().max(a.ncols()) as f64, a.nrows().min(a.ncols()) as f64);
    20.0 * big * small * small
}

/// Extends the orthonormal columns of `u` (m x k) to an orthonormal basis of
/// the whole space (m x m); the first k columns are `u` itself.
fn complete_basis<T: LinalgScalar>(u: &DMatrix<T>) -> LinalgResult<DMatrix<T>> {
    let (m, k) = u.shape();
    let (h, tau) = householder_qr(u.clone())?;
    let q = form_q(&h, &tau, m)?;
    let mut out = DMatrix::<T>::zeros(m, m);
    out.columns_mut(0, k).copy_from(u);
    out.columns_mut(k, m - k).copy_from(&q.columns(k, m - k));
    Ok(out)
}

/// Largest max(m, n) of an m x n matrix taken by [`lapack_svd`]: its
/// work (up to O(max^2 min) for a full U or Vt, a few milliseconds here)
/// runs without Ctrl-C polling; longer matrices keep the general path
/// (whose signs are not NumPy's).
const LAPACK_MAX_DIM: usize = 2048;

/// LAPACK dgesdd's result for a finite real `a` of a shape it covers
/// (min(m, n) <= [`lapack_svd::MAX_N`]); `None` for other input,
/// `Some(None)` when the iteration does not converge.
fn small_real<T: LinalgScalar>(a: &DMatrix<T>, job: Job) -> Option<Option<Gesdd>> {
    let (m, n) = a.shape();
    if T::IS_COMPLEX || m.min(n) > lapack_svd::MAX_N || m.max(n) > LAPACK_MAX_DIM {
        return None;
    }
    let data: Vec<f64> = a.iter().map(|x| x.to_c64().re).collect();
    Some(lapack_svd::gesdd(m, n, &data, job))
}

/// Column-major `rows x cols` data as a matrix of `T`.
fn real_matrix<T: LinalgScalar>(rows: usize, cols: usize, data: &[f64]) -> DMatrix<T> {
    DMatrix::from_iterator(rows, cols, data.iter().map(|&x| T::of_real(x)))
}

/// Singular value decomposition `a = U diag(S) Vt` with `S` descending.
///
/// Real matrices with min(m, n) <= 25 take [`lapack_svd::gesdd`]
/// (NumPy's signs of U's columns and Vt's rows); others the general path.
///
/// With `full_matrices` U is m x m and Vt is n x n, else U is m x k and Vt is
/// k x n (k = min(m, n)). NaN input gives `LinAlgError: SVD did not converge`;
/// infinite input gives NaN results as NumPy.
pub fn svd<T: LinalgScalar>(
    a: &DMatrix<T>,
    full_matrices: bool,
) -> LinalgResult<(DMatrix<T>, DVector<f64>, DMatrix<T>)> {
    let (m, n) = a.shape();
    let k = m.min(n);
    let (um, vn) = if full_matrices { (m, n) } else { (k, k) };
    if k == 0 {
        return Ok((DMatrix::identity(m, um), DVector::zeros(0), DMatrix::identity(vn, n)));
    }
    if any_nan(a) {
        return Err(LinalgError::linalg(MSG_SVD));
    }
    let finite = super::all_finite(a);
    // Infinite input runs LAPACK's path too (its scaling turns it into
    // NaN and zeros), as NumPy's results for it come from there.
    match small_real(a, if full_matrices { Job::Full } else { Job::Thin }) {
        Some(Some(g)) => return Ok((real_matrix(m, um, &g.u), DVector::from_vec(g.s), real_matrix(vn, n, &g.vt))),
        Some(None) if finite => return Err(LinalgError::linalg(MSG_SVD)),
        _ => {}
    }
    if !finite {
        let nan = T::of_real(f64::NAN);
        return Ok((
            DMatrix::from_element(m, um, nan),
            DVector::from_element(k, f64::NAN),
            DMatrix::from_element(vn, n, nan),
        ));
    }
    let (u, sv, vt) = thin_svd(a, true)?.ok_or_else(|| LinalgError::linalg(MSG_SVD))?;
    if !full_matrices {
        return Ok((u, sv, vt));
    }
    let u = if m > k { complete_basis(&u)? } else { u };
    let vt = if n > k { complete_basis(&vt.adjoint())?.adjoint() } else { vt };
    Ok((u, sv, vt))
}

/// Singular values only, descending (NumPy's `svd(a, compute_uv=False)`).
pub fn svd_values<T: LinalgScalar>(a: &DMatrix<T>) -> LinalgResult<DVector<f64>> {
    let k = a.nrows().min(a.ncols());
    if k == 0 {
        return Ok(DVector::zeros(0));
    }
    if any_nan(a) {
        return Err(LinalgError::linalg(MSG_SVD));
    }
    let finite = super::all_finite(a);
    match small_real(a, Job::Values) {
        Some(Some(g)) => return Ok(DVector::from_vec(g.s)),
        Some(None) if finite => return Err(LinalgError::linalg(MSG_SVD)),
        _ => {}
    }
    if !finite {
        return Ok(DVector::from_element(k, f64::NAN));
    }
    thin_svd(a, false)?.map(|s| s.1).ok_or_else(|| LinalgError::linalg(MSG_SVD))
}

/// What [`lstsq`] returns (NumPy's 4-tuple).
#[derive(Debug, Clone, PartialEq)]
pub struct LstsqResult<T: LinalgScalar> {
    /// Least-squares solution, n x nrhs.
    pub x: DMatrix<T>,
    /// Squared 2-norm of each residual column; empty unless rank == n < m.
    pub residuals: DVector<f64>,
    /// Effective rank of `a`.
    pub rank: usize,
    /// Singular values of `a`, descending.
    pub singular_values: DVector<f64>,
}

/// Least squares `min |a x - b|` through the SVD (as LAPACK gelsd).
///
/// `rcond`: singular values `<= rcond * s_max` count as zero; `None` means
/// NumPy's default `eps * max(m, n)`, negative means `eps`. `b` has one column
/// per right-hand side (the glue reshapes vectors).
pub fn lstsq<T: LinalgScalar>(a: &DMatrix<T>, b: &DMatrix<T>, rcond: Option<f64>) -> LinalgResult<LstsqResult<T>> {
    let (m, n) = a.shape();
    let nrhs = b.ncols();
    if b.nrows() != m {
        return Err(LinalgError::linalg("Incompatible dimensions"));
    }
    let rcond = match rcond {
        None => f64::EPSILON * m.max(n) as f64,
        Some(r) if r < 0.0 => f64::EPSILON,
        Some(r) => r,
    };
    let col_sq = |r: &DMatrix<T>| {
        DVector::from_iterator(
            r.ncols(),
            r.column_iter().map(|c| c.iter().fold(0.0, |acc, v| acc + v.modulus_squared())),
        )
    };
    if m == 0 || n == 0 {
        let residuals = if m > n { col_sq(b) } else { DVector::zeros(0) };
        return Ok(LstsqResult { x: DMatrix::zeros(n, nrhs), residuals, rank: 0, singular_values: DVector::zeros(0) });
    }
    if !super::all_finite(a) {
        return Err(LinalgError::linalg("SVD did not converge in Linear Least Squares"));
    }
    let not_converged = || LinalgError::linalg("SVD did not converge in Linear Least Squares");
    let (u, sv, vt) = match small_real(a, Job::Thin) {
        Some(found) => {
            let g = found.ok_or_else(not_converged)?;
            let k = m.min(n);
            (real_matrix(m, k, &g.u), DVector::from_vec(g.s), real_matrix(k, n, &g.vt))
        }
        None => thin_svd(a, true)?.ok_or_else(not_converged)?,
    };
    let cutoff = rcond * sv[0];
    let rank = sv.iter().filter(|&&x| x > cutoff).count();
    let x = if rank == 0 {
        DMatrix::zeros(n, nrhs)
    } else {
        let mut c = u.columns(0, rank).adjoint() * b;
        for (i, mut row) in c.row_iter_mut().enumerate() {
            row.unscale_mut(sv[i]);
        }
        vt.rows(0, rank).adjoint() * &c
    };
    let residuals = if rank == n && m > n { col_sq(&(b - a * &x)) } else { DVector::zeros(0) };
    Ok(LstsqResult { x, residuals, rank, singular_values: sv })
}

/// Moore-Penrose pseudo-inverse through the SVD; singular values
/// `<= rcond * s_max` are dropped (`None` = NumPy's default 1e-15).
pub fn pinv<T: LinalgScalar>(a: &DMatrix<T>, rcond: Option<f64>) -> LinalgResult<DMatrix<T>> {
    let (m, n) = a.shape();
    if m == 0 || n == 0 {
        return Ok(DMatrix::zeros(n, m));
    }
    let rcond = rcond.unwrap_or(1e-15);
    let (u, sv, vt) = svd(a, false)?;
    let cutoff = rcond * sv.max();
    let mut uh = u.adjoint();
    for (i, mut row) in uh.row_iter_mut().enumerate() {
        // NumPy multiplies the dropped rows by zero (a NaN in U stays NaN).
        let factor = if sv[i] > cutoff { 1.0 / sv[i] } else { 0.0 };
        row.scale_mut(factor);
    }
    // dgemm sums from +0: no -0 in the result.
    Ok((vt.adjoint() * uh).map(|x| x + T::zero()))
}

/// Number of singular values above `tol`; `None` means NumPy's default
/// `S.max() * max(m, n) * eps`. Empty matrices have rank 0.
pub fn matrix_rank<T: LinalgScalar>(a: &DMatrix<T>, tol: Option<f64>) -> LinalgResult<usize> {
    let (m, n) = a.shape();
    if m == 0 || n == 0 {
        return Ok(0);
    }
    let sv = svd_values(a)?;
    let tol = tol.unwrap_or_else(|| sv.max() * m.max(n) as f64 * f64::EPSILON);
    Ok(sv.iter().filter(|&&x| x > tol).count())
}
