//! The faer crate behind the LU, QR, SVD, symmetric eigen and Cholesky kernels
//! for large matrices (at least [`FAER_MIN`] rows or columns), where its
//! blocked algorithms are several times faster than nalgebra's. Small
//! matrices stay on nalgebra and our own code (lower per-call cost, and the
//! results the conformance cases print). Every function here takes finite
//! input (callers filter NaN and infinity first) and is called on a worker
//! thread through [`super::interrupt::run`].

use super::{LinalgError, LinalgResult, LinalgScalar, MSG_NOT_PD, MSG_SINGULAR};
use faer::diag::Diag;
use faer::dyn_stack::{MemBuffer, MemStack};
use faer::linalg::solvers::{DenseSolveCore, Solve};
use faer::linalg::svd::{ComputeSvdVectors, SvdParams};
use faer::{Auto, Mat, MatRef, Par, Side, Spec};
use nalgebra::{DMatrix, DVector};

/// Matrices with at least this many rows or columns go to faer.
pub(crate) const FAER_MIN: usize = 64;

/// Whether `a` is large enough for faer.
pub(crate) fn wanted<T>(a: &DMatrix<T>) -> bool {
    a.nrows().max(a.ncols()) >= FAER_MIN
}

/// A faer copy of `a` (both are column-major).
fn to_faer<T: LinalgScalar>(a: &DMatrix<T>) -> Mat<T> {
    MatRef::from_column_major_slice(a.as_slice(), a.nrows(), a.ncols()).to_owned()
}

/// A nalgebra copy of `m`, a column at a time.
fn from_faer<T: LinalgScalar>(m: MatRef<'_, T>) -> DMatrix<T> {
    let (r, c) = (m.nrows(), m.ncols());
    let mut data = Vec::with_capacity(r * c);
    for j in 0..c {
        match m.col(j).try_as_col_major() {
            Some(col) => data.extend_from_slice(col.as_slice()),
            None => data.extend((0..r).map(|i| m[(i, j)])),
        }
    }
    DMatrix::from_vec(r, c, data)
}

/// Partial-pivoting LU of a square matrix; `Err(Singular matrix)` on an
/// exactly zero pivot (as LAPACK getrf's info > 0).
fn lu_nonsingular<T: LinalgScalar>(a: &DMatrix<T>) -> LinalgResult<faer::linalg::solvers::PartialPivLu<T>> {
    let lu = to_faer(a).partial_piv_lu();
    let u = lu.U();
    if (0..u.nrows()).any(|i| u[(i, i)] == T::zero()) {
        return Err(LinalgError::linalg(MSG_SINGULAR));
    }
    Ok(lu)
}

/// Inverse of a square matrix through LU.
pub(crate) fn inv<T: LinalgScalar>(a: &DMatrix<T>) -> LinalgResult<DMatrix<T>> {
    let lu = lu_nonsingular(a)?;
    Ok(from_faer(lu.inverse().as_ref()))
}

/// Solution of `a x = b` through LU.
pub(crate) fn solve<T: LinalgScalar>(a: &DMatrix<T>, b: &DMatrix<T>) -> LinalgResult<DMatrix<T>> {
    let lu = lu_nonsingular(a)?;
    let x = lu.solve(to_faer(b));
    Ok(from_faer(x.as_ref()))
}

/// `(sign, log|det|)` from the LU factors, as [`super::slogdet`].
pub(crate) fn slogdet<T: LinalgScalar>(a: &DMatrix<T>) -> (T, f64) {
    let lu = to_faer(a).partial_piv_lu();
    let u = lu.U();
    let n = u.nrows();
    if (0..n).any(|i| u[(i, i)] == T::zero()) {
        return (T::zero(), f64::NEG_INFINITY);
    }
    // Parity of the row permutation: n minus its number of cycles.
    let (fwd, _) = lu.P().arrays();
    let mut seen = vec![false; n];
    let mut swaps = 0usize;
    for start in 0..n {
        let mut i = start;
        let mut len = 0usize;
        while !seen[i] {
            seen[i] = true;
            i = fwd[i];
            len += 1;
        }
        swaps += len.saturating_sub(1);
    }
    let sign = if swaps.is_multiple_of(2) { T::one() } else { -T::one() };
    super::decompose::sign_and_logdet(sign, (0..n).map(|i| u[(i, i)]))
}

/// Lower Cholesky factor of the real row-major `n x n` matrix `a` (its
/// lower triangle is read; no NaN there), row-major, or its transpose when
/// `upper`. The column-major view of `a` is `a^T`, whose upper triangle holds
/// `a`'s lower one: faer reads that triangle in place, so the only copies
/// are faer's own and the result's.
pub(crate) fn cholesky_rows(a: &[f64], n: usize, upper: bool) -> LinalgResult<Vec<f64>> {
    let view = MatRef::from_column_major_slice(a, n, n);
    let llt = view.llt(Side::Upper).map_err(|_| LinalgError::linalg(MSG_NOT_PD))?;
    let l = llt.L();
    let mut out = vec![0.0; n * n];
    for j in 0..n {
        let col = l.col(j);
        for i in j..n {
            let v = col[i];
            if upper {
                out[j * n + i] = v;
            } else {
                out[i * n + j] = v;
            }
        }
    }
    Ok(out)
}

/// Householder QR of a real finite matrix: `(Q, R)` with Q m x m when
/// `complete`, else m x k, and R with as many rows as Q has columns (Q is
/// empty unless `want_q`). faer's reflectors follow LAPACK geqrf's sign
/// convention for real input (`R[k,k] = -sign(alpha) * norm`, no reflection
/// where the column below the diagonal is zero), so R matches NumPy's.
pub(crate) fn qr<T: LinalgScalar>(a: &DMatrix<T>, complete: bool, want_q: bool) -> (DMatrix<T>, DMatrix<T>) {
    let (m, n) = a.shape();
    let k = m.min(n);
    let f = to_faer(a).qr();
    let rows = if complete { m } else { k };
    let r_full = f.R();
    let mut r = DMatrix::<T>::zeros(rows, n);
    for j in 0..n {
        for i in 0..rows.min(j + 1).min(r_full.nrows()) {
            r[(i, j)] = r_full[(i, j)];
        }
    }
    if !want_q {
        return (DMatrix::zeros(0, 0), r);
    }
    let q = if complete { f.compute_Q() } else { f.compute_thin_Q() };
    (from_faer(q.as_ref()), r)
}

/// Bidiagonal blocks from this size on are split (divide and conquer) in
/// the SVD with vectors; smaller ones take the QR iteration. faer's default
/// (128) runs the QR iteration, with its O(n^3) rotation updates of U and
/// V, on every matrix below 128 columns; with 32 a 100x100 `svd` takes
/// 1.03 ms of CPU instead of 1.3 ms and a 200x100 `lstsq` 1.5 ms instead of
/// 1.77 ms (leaf sizes 16 and 64 measured no better).
const SVD_RECURSION: usize = 32;

/// faer's SVD parameters with [`SVD_RECURSION`].
fn svd_params<T: LinalgScalar>() -> SvdParams {
    let mut p = <SvdParams as Auto<T>>::auto();
    p.recursion_threshold = SVD_RECURSION;
    p
}

/// Thin SVD `(U, S descending, Vt)` (U and Vt empty unless `vectors`);
/// `None` if faer reports no convergence or a non-finite result.
#[allow(clippy::type_complexity)]
pub(crate) fn svd<T: LinalgScalar>(a: &DMatrix<T>, vectors: bool) -> Option<(DMatrix<T>, DVector<f64>, DMatrix<T>)> {
    let fa = to_faer(a);
    if !vectors {
        let s = fa.singular_values().ok()?;
        let s = DVector::from_vec(s);
        return s.iter().all(|x| x.is_finite()).then(|| (DMatrix::zeros(0, 0), s, DMatrix::zeros(0, 0)));
    }
    let (m, n) = a.shape();
    let k = m.min(n);
    let mut uf = Mat::<T>::zeros(m, k);
    let mut vf = Mat::<T>::zeros(n, k);
    let mut sf = Diag::<T>::zeros(k);
    let params: Spec<SvdParams, T> = svd_params::<T>().into();
    let req =
        faer::linalg::svd::svd_scratch::<T>(m, n, ComputeSvdVectors::Thin, ComputeSvdVectors::Thin, Par::Seq, params);
    let mut buf = MemBuffer::new(req);
    faer::linalg::svd::svd(
        fa.as_ref(),
        sf.as_mut(),
        Some(uf.as_mut()),
        Some(vf.as_mut()),
        Par::Seq,
        MemStack::new(&mut buf),
        params,
    )
    .ok()?;
    let s = sf.column_vector();
    let sv = DVector::from_fn(k, |i, _| s[i].real());
    let u = from_faer(uf.as_ref());
    let vt = from_faer(vf.as_ref()).adjoint();
    let finite =
        sv.iter().all(|x| x.is_finite()) && u.iter().all(|x| x.is_finite()) && vt.iter().all(|x| x.is_finite());
    finite.then_some((u, sv, vt))
}

/// Eigenvalues (ascending) and eigenvectors of the Hermitian matrix `m`
/// (both triangles filled); `None` if faer reports no convergence.
pub(crate) fn eigh<T: LinalgScalar>(m: &DMatrix<T>, vectors: bool) -> Option<(DVector<f64>, DMatrix<T>)> {
    let fm = to_faer(m);
    if !vectors {
        let w = fm.self_adjoint_eigenvalues(Side::Lower).ok()?;
        return Some((DVector::from_vec(w), DMatrix::zeros(0, 0)));
    }
    let e = fm.self_adjoint_eigen(Side::Lower).ok()?;
    let s = e.S().column_vector();
    let w = DVector::from_fn(s.nrows(), |i, _| s[i].real());
    Some((w, from_faer(e.U())))
}

/// Lower Cholesky factor of a matrix whose lower triangle is read (with a
/// real diagonal); `Err(not positive definite)` as LAPACK potrf.
pub(crate) fn cholesky<T: LinalgScalar>(m: &DMatrix<T>) -> LinalgResult<DMatrix<T>> {
    let llt = to_faer(m).llt(Side::Lower).map_err(|_| LinalgError::linalg(MSG_NOT_PD))?;
    let mut l = from_faer(llt.L());
    l.fill_upper_triangle(T::zero(), 1);
    Ok(l)
}
