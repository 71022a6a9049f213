//! One-sided Jacobi SVD (Hestenes, with QR preconditioning as in LAPACK
//! gesvj): slower than bidiagonal QR but accurate and robust. Used when
//! nalgebra's SVD result fails its accuracy check.

use super::decompose::{form_q, householder_qr};
use super::interrupt::check;
use super::{LinalgResult, LinalgScalar};
use nalgebra::{DMatrix, DVector};

/// Mutable views of columns `i < j` of a column-major buffer with `m` rows.
fn two_cols<T>(data: &mut [T], m: usize, i: usize, j: usize) -> (&mut [T], &mut [T]) {
    let (left, right) = data.split_at_mut(j * m);
    (&mut left[i * m..(i + 1) * m], &mut right[..m])
}

/// Applies `[x, y] <- [c x - s conj(e) y, s e x + c y]` elementwise.
fn rotate<T: LinalgScalar>(x: &mut [T], y: &mut [T], c: f64, s: f64, e: T) {
    let se = e.scale(s);
    let sec = se.conjugate();
    for (xi, yi) in x.iter_mut().zip(y.iter_mut()) {
        let (a, b) = (*xi, *yi);
        *xi = a.scale(c) - sec * b;
        *yi = se * a + b.scale(c);
    }
}

/// Orthogonalizes the columns of `g` by plane rotations, accumulating them in
/// `v` when it is non-empty. Returns false if the sweeps did not converge,
/// `Err(Interrupted)` on a stop request (polled once per pivot column).
fn orthogonalize<T: LinalgScalar>(g: &mut DMatrix<T>, v: &mut DMatrix<T>) -> LinalgResult<bool> {
    let (m, n) = g.shape();
    let vn = v.nrows();
    let tol = f64::EPSILON * (m.max(1) as f64).sqrt();
    let gd = g.as_mut_slice();
    let vd = v.as_mut_slice();
    for _sweep in 0..100 {
        let mut rotated = false;
        for i in 0..n.saturating_sub(1) {
            check()?;
            for j in i + 1..n {
                let (ci, cj) = two_cols(gd, m, i, j);
                let mut alpha = 0.0;
                let mut beta = 0.0;
                let mut gamma = T::zero();
                for (a, b) in ci.iter().zip(cj.iter()) {
                    alpha += a.modulus_squared();
                    beta += b.modulus_squared();
                    gamma += a.conjugate() * *b;
                }
                let gabs = gamma.modulus();
                if alpha == 0.0 || beta == 0.0 || gabs <= tol * alpha.sqrt() * beta.sqrt() {
                    continue;
                }
                rotated = true;
                let zeta = (beta - alpha) / (2.0 * gabs);
                let t = if zeta >= 0.0 { 1.0 } else { -1.0 } / (zeta.abs() + 1f64.hypot(zeta));
                let c = 1.0 / 1f64.hypot(t);
                let s = c * t;
                let e = gamma.unscale(gabs);
                rotate(ci, cj, c, s, e);
                if vn > 0 {
                    let (vi, vj) = two_cols(vd, vn, i, j);
                    rotate(vi, vj, c, s, e);
                }
            }
        }
        if !rotated {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Column norms of `g` sorted descending, with the permutation.
fn sorted_norms<T: LinalgScalar>(g: &DMatrix<T>) -> (Vec<usize>, DVector<f64>) {
    let norms: Vec<f64> = g.column_iter().map(|c| c.iter().fold(0.0, |s, x| s + x.modulus_squared()).sqrt()).collect();
    let mut order: Vec<usize> = (0..norms.len()).collect();
    order.sort_by(|&i, &j| norms[j].total_cmp(&norms[i]));
    let sv = DVector::from_iterator(norms.len(), order.iter().map(|&i| norms[i]));
    (order, sv)
}

/// Thin SVD `(U, S descending, Vt)` of a finite, non-empty matrix of
/// moderate magnitude; U and Vt are empty unless `vectors`. `None` if the
/// sweeps do not converge, `Err(Interrupted)` on a stop request.
#[allow(clippy::type_complexity)]
pub(crate) fn jacobi_svd<T: LinalgScalar>(
    a: &DMatrix<T>,
    vectors: bool,
) -> LinalgResult<Option<(DMatrix<T>, DVector<f64>, DMatrix<T>)>> {
    let (m, n) = a.shape();
    if m < n {
        let Some((u, s, vt)) = jacobi_svd(&a.adjoint(), vectors)? else {
            return Ok(None);
        };
        return Ok(Some(if vectors { (vt.adjoint(), s, u.adjoint()) } else { (u, s, vt) }));
    }
    // A = Q R; one-sided Jacobi on G = R^H: G V' = U' S, so A = (Q V') S U'^H.
    let (h, tau) = householder_qr(a.clone())?;
    let mut g = DMatrix::<T>::zeros(n, n);
    for j in 0..n {
        for i in 0..=j {
            g[(j, i)] = h[(i, j)].conjugate();
        }
    }
    let mut vp = if vectors { DMatrix::<T>::identity(n, n) } else { DMatrix::zeros(0, 0) };
    if !orthogonalize(&mut g, &mut vp)? {
        return Ok(None);
    }
    let (order, sv) = sorted_norms(&g);
    if !vectors {
        return Ok(Some((DMatrix::zeros(0, 0), sv, DMatrix::zeros(0, 0))));
    }
    // U' = normalized columns of G, completed where a singular value is 0.
    let rank = sv.iter().filter(|&&x| x > 0.0).count();
    let mut up = DMatrix::<T>::zeros(n, n);
    for (dst, &src) in order.iter().enumerate().take(rank) {
        let col = g.column(src).unscale(sv[dst]);
        up.column_mut(dst).copy_from(&col);
    }
    if rank < n {
        let (hq, tq) = householder_qr(up.columns(0, rank).clone_owned())?;
        let full = form_q(&hq, &tq, n)?;
        up.columns_mut(rank, n - rank).copy_from(&full.columns(rank, n - rank));
    }
    let vperm = DMatrix::from_fn(n, n, |i, j| vp[(i, order[j])]);
    let u = form_q(&h, &tau, n)? * vperm;
    Ok(Some((u, sv, up.adjoint())))
}
