//! `eigh` / `eigvalsh` of real symmetric matrices below
//! [`super::small::SMALL_MAX`] rows, on plain slices.
//!
//! The steps are those of the nalgebra path this replaces for small
//! matrices (`SymmetricEigen`): scaling by the largest magnitude,
//! Householder tridiagonalization with the same reflector signs, the
//! product of the reflectors as the starting basis, then the implicit
//! symmetric QR iteration with a Wilkinson shift, the same Givens rotations
//! and the same deflation tests, and a closed-form 2x2 step. The eigenvector
//! signs and the eigenvalue order therefore come out as before; only
//! rounding differs (sums are formed in another order). The matrices live
//! in flat column-major buffers, so rotations and reflections run along
//! contiguous columns with no views or bounds-checked indexing objects.

use super::{iter_limit, LinalgError, LinalgResult, MSG_EIG};

/// `(|x|, ±1)`, with `+1` for every `x >= 0` (also `-0.0`), as the
/// decomposition's sign split of a real number.
#[inline(always)]
fn split_sign(x: f64) -> (f64, f64) {
    if x >= 0.0 {
        (x, 1.0)
    } else {
        (-x, -1.0)
    }
}

/// Sum of squares, sequentially.
#[inline(always)]
fn sum_sq(x: &[f64]) -> f64 {
    x.iter().fold(0.0, |s, v| s + v * v)
}

/// Dot product, sequentially.
#[inline(always)]
fn dot(x: &[f64], y: &[f64]) -> f64 {
    x.iter().zip(y).fold(0.0, |s, (a, b)| s + a * b)
}

/// Householder tridiagonalization of the symmetric matrix whose lower
/// triangle is held column-major in `a` (`a[c * n + r]`, `r >= c`). On
/// return the diagonal of `a` is the tridiagonal's diagonal, column `i`
/// below the subdiagonal holds the unit reflector axis of step `i`, and
/// `off[i]` the signed subdiagonal entry. `p` is scratch of length `n`.
#[inline(always)]
fn tridiagonalize(a: &mut [f64], n: usize, off: &mut [f64], p: &mut [f64]) {
    for i in 0..n.saturating_sub(1) {
        let len = n - i - 1;
        let (left, right) = a.split_at_mut((i + 1) * n);
        let x = &mut left[i * n + i + 1..i * n + n];
        let sq = sum_sq(x);
        let norm = sq.sqrt();
        let (modulus, sign) = split_sign(x[0]);
        let signed = sign * norm;
        let factor = (sq + modulus * norm) * 2.0;
        x[0] += signed;
        if factor == 0.0 {
            off[i] = signed;
            continue;
        }
        let f = factor.sqrt();
        x.iter_mut().for_each(|v| *v /= f);
        let nn = sum_sq(x).sqrt();
        x.iter_mut().for_each(|v| *v /= nn);
        off[i] = -signed;
        let x = &*x;
        // p = 2 M x for the trailing block M (rows and columns i+1..),
        // read from its lower triangle one column at a time.
        let p = &mut p[..len];
        p.iter_mut().for_each(|v| *v = 0.0);
        for k in 0..len {
            let col = &right[k * n + i + 1 + k..(k + 1) * n];
            let xk = x[k];
            let mut acc = col[0] * xk;
            for ((pv, &m), &xv) in p[k + 1..].iter_mut().zip(&col[1..]).zip(&x[k + 1..]) {
                *pv += m * xk;
                acc += m * xv;
            }
            p[k] += acc;
        }
        p.iter_mut().for_each(|v| *v *= 2.0);
        let d2 = dot(x, p) * 2.0;
        // M <- M - p x' - x p' + 2 (x . p) x x' (lower triangle).
        for k in 0..len {
            let col = &mut right[k * n + i + 1 + k..(k + 1) * n];
            let (xk, pk) = (x[k], p[k]);
            let dk = d2 * xk;
            for ((m, &pr), &xr) in col.iter_mut().zip(&p[k..]).zip(&x[k..]) {
                *m = *m - pr * xk - xr * pk + xr * dk;
            }
        }
    }
}

/// The product of the reflectors stored by [`tridiagonalize`] (each with
/// the sign of its `off` entry), column-major into `q` with column stride
/// `ld >= n` (the rows from `n` to `ld` stay zero).
#[inline(always)]
fn assemble_q(a: &[f64], n: usize, off: &[f64], q: &mut [f64], ld: usize) {
    q.iter_mut().for_each(|v| *v = 0.0);
    for i in 0..n {
        q[i * ld + i] = 1.0;
    }
    for i in (0..n.saturating_sub(1)).rev() {
        let x = &a[i * n + i + 1..i * n + n];
        let sign = off[i].signum();
        let m_two = sign * -2.0;
        for c in i..n {
            let col = &mut q[c * ld + i + 1..c * ld + n];
            let factor = dot(x, col) * m_two;
            for (y, &xv) in col.iter_mut().zip(x) {
                *y = factor * xv + sign * *y;
            }
        }
    }
}

/// The Wilkinson shift of the trailing 2x2 block `[[tmm, tmn], [tmn, tnn]]`.
#[inline(always)]
fn wilkinson_shift(tmm: f64, tnn: f64, tmn: f64) -> f64 {
    let sq = tmn * tmn;
    if sq != 0.0 {
        let d = (tmm - tnn) * 0.5;
        tnn - sq / (d + d.signum() * (d * d + sq).sqrt())
    } else {
        tnn
    }
}

/// The unreduced block `(start, end)` that ends last at or before `end`,
/// zeroing the negligible subdiagonal entry that bounds it above; `(0, 0)`
/// when everything up to `end` has converged.
#[inline(always)]
fn delimit(diag: &[f64], off: &mut [f64], end: usize, eps: f64) -> (usize, usize) {
    let mut n = end;
    while n > 0 {
        let m = n - 1;
        if off[m].abs() > eps * (diag[n].abs() + diag[m].abs()) {
            break;
        }
        n -= 1;
    }
    if n == 0 {
        return (0, 0);
    }
    let mut start = n - 1;
    while start > 0 {
        let m = start - 1;
        if off[m] == 0.0 || off[m].abs() <= eps * (diag[start].abs() + diag[m].abs()) {
            off[m] = 0.0;
            break;
        }
        start -= 1;
    }
    (start, n)
}

/// Applies `[[c, -s], [s, c]]` from the right to the adjacent columns `i`
/// and `i + 1` of the column-major `q` (column stride `ld`, a multiple of
/// four so that the loop has no scalar tail; the zero padding rows stay
/// zero): `(a, b) <- (a c + s b, -s a + c b)`.
#[inline(always)]
fn rotate_cols(q: &mut [f64], ld: usize, i: usize, c: f64, s: f64) {
    let (ci, cj) = q[i * ld..(i + 2) * ld].split_at_mut(ld);
    for (a, b) in ci.iter_mut().zip(cj.iter_mut()) {
        let (x, y) = (*a, *b);
        *a = x * c + s * y;
        *b = -s * x + y * c;
    }
}

/// Implicit symmetric QR iteration on the tridiagonal `(diag, off)` (with
/// `off` already made non-negative), accumulating the rotations into the
/// columns of `q` (column stride `ld`) when given. `false` when the
/// iteration limit is reached.
#[inline(always)]
fn tridiagonal_qr(diag: &mut [f64], off: &mut [f64], mut q: Option<&mut [f64]>, n: usize, ld: usize) -> bool {
    let eps = f64::EPSILON;
    let max_iter = iter_limit(n);
    let mut niter = 0;
    let (mut start, mut end) = delimit(diag, off, n - 1, eps);
    while end != start {
        let subdim = end - start + 1;
        if subdim > 2 {
            let (m, last) = (end - 1, end);
            let mut vx = diag[start] - wilkinson_shift(diag[m], diag[last], off[m]);
            let mut vy = off[start];
            for i in start..last {
                if vy == 0.0 {
                    break;
                }
                let j = i + 1;
                let (mod0, sign0) = split_sign(vx);
                let denom = (mod0 * mod0 + vy * vy).sqrt();
                let c = mod0 / denom;
                let s = -vy / (sign0 * denom);
                if i > start {
                    off[i - 1] = sign0 * denom;
                }
                let (mii, mjj, mij) = (diag[i], diag[j], off[i]);
                let (cc, ss, cs) = (c * c, s * s, c * s);
                let b = cs * 2.0 * mij;
                diag[i] = (cc * mii + ss * mjj) - b;
                diag[j] = (ss * mii + cc * mjj) + b;
                off[i] = cs * (mii - mjj) + mij * (cc - ss);
                if i != last - 1 {
                    vx = off[i];
                    vy = -s * off[i + 1];
                    off[i + 1] *= c;
                }
                if let Some(q) = q.as_deref_mut() {
                    rotate_cols(q, ld, i, c, -s);
                }
            }
            if off[m].abs() <= eps * (diag[m].abs() + diag[last].abs()) {
                end -= 1;
            }
        } else {
            let (d0, d1, e) = (diag[start], diag[start + 1], off[start]);
            let val = (d0 - d1) * 0.5;
            let discr = e * e + val * val;
            if discr.is_nan() || discr < 0.0 {
                return false;
            }
            let root = discr.sqrt();
            let half = (d0 + d1) * 0.5;
            let (l0, l1) = (half + root, half - root);
            let (bx, by) = if (l0 - d1).abs() > (l0 - d0).abs() { (l0 - d1, e) } else { (e, l0 - d0) };
            diag[start] = l0;
            diag[start + 1] = l1;
            if let Some(q) = q.as_deref_mut() {
                let (mod0, sign0) = split_sign(bx);
                let denom = (mod0 * mod0 + by * by).sqrt();
                if denom > eps {
                    rotate_cols(q, ld, start, mod0 / denom, by / (sign0 * denom));
                }
            }
            end -= 1;
        }
        (start, end) = delimit(diag, off, end, eps);
        niter += 1;
        if niter == max_iter {
            return false;
        }
    }
    true
}

/// Eigenvalues (ascending) and, when `vectors`, the eigenvectors (as
/// columns, row-major `n x n`, empty otherwise) of the real symmetric
/// matrix given row-major in `a`, reading its lower triangle (its upper one
/// when `upper`). Non-finite entries in that triangle give NaN results, as
/// NumPy; `Err(Eigenvalues did not converge)` if the iteration fails.
pub fn eigh(a: &[f64], n: usize, upper: bool, vectors: bool) -> LinalgResult<(Vec<f64>, Vec<f64>)> {
    let mut w = vec![0.0; n];
    let mut v = vec![0.0; if vectors { n * n } else { 0 }];
    eigh_into(a, n, upper, &mut w, vectors.then_some(&mut v[..]))?;
    Ok((w, v))
}

/// [`eigh`] writing the eigenvalues into `values` (length `n`) and, when
/// given, the eigenvectors into `vectors` (length `n * n`, row-major).
pub fn eigh_into(
    a: &[f64],
    n: usize,
    upper: bool,
    values: &mut [f64],
    vectors: Option<&mut [f64]>,
) -> LinalgResult<()> {
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("avx") {
        // SAFETY: the CPU has AVX (just checked).
        return unsafe { eigh_avx(a, n, upper, values, vectors) };
    }
    eigh_body(a, n, upper, values, vectors)
}

/// [`eigh_body`] compiled for AVX: the column loops run four lanes wide.
/// Rust never contracts `a * b + c` into a fused multiply-add nor reorders
/// sums, so the results are bit-for-bit those of the baseline build.
///
/// # Safety
/// The CPU supports AVX.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx")]
unsafe fn eigh_avx(
    a: &[f64],
    n: usize,
    upper: bool,
    values: &mut [f64],
    vectors: Option<&mut [f64]>,
) -> LinalgResult<()> {
    eigh_body(a, n, upper, values, vectors)
}

/// The work of [`eigh_into`] (inlined into each instruction-set variant).
#[inline(always)]
fn eigh_body(a: &[f64], n: usize, upper: bool, values: &mut [f64], vectors: Option<&mut [f64]>) -> LinalgResult<()> {
    if n == 0 {
        return Ok(());
    }
    let want = vectors.is_some();
    // One scratch buffer: the working matrix, Q (columns padded to a
    // multiple of four rows), the off-diagonal, the diagonal and a work
    // vector.
    let ld = n.div_ceil(4) * 4;
    let mut scratch = vec![0.0; n * n + if want { n * ld } else { 0 } + 3 * n];
    let (w, rest) = scratch.split_at_mut(n * n);
    let (q, rest) = rest.split_at_mut(if want { n * ld } else { 0 });
    let (off, rest) = rest.split_at_mut(n);
    let (diag, p) = rest.split_at_mut(n);
    // Column-major lower triangle: column c holds rows c.. of column c,
    // which is row c (from column c on) of the row-major upper triangle.
    // `probe` turns NaN when an entry is not finite (x * 0 is then NaN).
    let mut amax = 0.0f64;
    let mut probe = 0.0;
    if upper {
        for c in 0..n {
            let row = &a[c * n + c..(c + 1) * n];
            for (d, &v) in w[c * n + c..(c + 1) * n].iter_mut().zip(row) {
                *d = v;
                probe += v * 0.0;
                if v.abs() > amax {
                    amax = v.abs();
                }
            }
        }
    } else {
        for r in 0..n {
            for (c, &v) in a[r * n..r * n + r + 1].iter().enumerate() {
                w[c * n + r] = v;
                probe += v * 0.0;
                if v.abs() > amax {
                    amax = v.abs();
                }
            }
        }
    }
    if probe != 0.0 {
        values.iter_mut().for_each(|x| *x = f64::NAN);
        if let Some(v) = vectors {
            v.iter_mut().for_each(|x| *x = f64::NAN);
        }
        return Ok(());
    }
    if amax != 0.0 {
        for c in 0..n {
            w[c * n + c..(c + 1) * n].iter_mut().for_each(|v| *v /= amax);
        }
    }
    tridiagonalize(w, n, off, p);
    if want {
        assemble_q(w, n, off, q, ld);
    }
    for (i, d) in diag.iter_mut().enumerate() {
        *d = w[i * n + i];
    }
    let off = &mut off[..n - 1];
    off.iter_mut().for_each(|v| *v = v.abs());
    if n > 1 && !tridiagonal_qr(diag, off, want.then_some(&mut q[..]), n, ld) {
        return Err(LinalgError::linalg(MSG_EIG));
    }
    diag.iter_mut().for_each(|v| *v *= amax);
    // Ascending order, stable (insertion sort: n is small).
    let mut idx: Vec<usize> = (0..n).collect();
    for k in 1..n {
        let mut j = k;
        while j > 0 && diag[idx[j - 1]].total_cmp(&diag[idx[j]]) == std::cmp::Ordering::Greater {
            idx.swap(j - 1, j);
            j -= 1;
        }
    }
    for (v, &i) in values.iter_mut().zip(&idx) {
        *v = diag[i];
    }
    if let Some(v) = vectors {
        for (dst, &src) in idx.iter().enumerate() {
            for (r, &x) in q[src * ld..src * ld + n].iter().enumerate() {
                v[r * n + dst] = x;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::tests::{rows, sym, Rng};
    use nalgebra::DMatrix;

    /// Checks the slice path against the nalgebra path on `a`: same values;
    /// same vectors (signs included) where the eigenvalue is well separated,
    /// the same invariant subspace otherwise; orthonormal, A V = V W.
    fn compare(a: &DMatrix<f64>, what: &str) {
        let n = a.nrows();
        let (w, v) = super::eigh(&rows(a), n, false, true).unwrap();
        let (w0, v0) = super::super::eigh(a).unwrap();
        let scale = a.amax().max(1e-300);
        let tol = 1e-13 * n.max(4) as f64 * scale;
        for i in 0..n {
            assert!((w[i] - w0[i]).abs() <= tol, "{what}: value {i}: {} vs {}", w[i], w0[i]);
        }
        let vm = DMatrix::from_row_slice(n, n, &v);
        let ortho = (vm.transpose() * &vm - DMatrix::identity(n, n)).amax();
        assert!(ortho < 1e-13 * n.max(4) as f64, "{what}: orthogonality {ortho}");
        let resid = (a * &vm - &vm * DMatrix::from_diagonal(&nalgebra::DVector::from_vec(w.clone()))).amax();
        assert!(resid <= 1e-13 * n.max(4) as f64 * scale, "{what}: residual {resid}");
        // Columns grouped by (numerically) equal eigenvalues.
        let gap = 1e-8 * scale;
        let mut s = 0;
        while s < n {
            let mut e = s + 1;
            while e < n && w0[e] - w0[e - 1] <= gap {
                e += 1;
            }
            let a1 = vm.columns(s, e - s);
            let b1 = v0.columns(s, e - s);
            if e - s == 1 {
                let d = (a1 - b1).amax();
                assert!(d < 1e-9, "{what}: vector {s} differs by {d}");
            } else {
                let d = (a1 * a1.transpose() - b1 * b1.transpose()).amax();
                assert!(d < 1e-9, "{what}: subspace {s}..{e} differs by {d}");
            }
            s = e;
        }
        let (wv, vv) = super::eigh(&rows(a), n, false, false).unwrap();
        assert_eq!(wv, w, "{what}: values alone");
        assert!(vv.is_empty());
    }

    #[test]
    fn small_eigh_matches_the_nalgebra_path_on_random_matrices() {
        let mut rng = Rng::new(41);
        for n in 1..=20 {
            for t in 0..20 {
                compare(&sym(&mut rng, n), &format!("n = {n}, trial {t}"));
            }
        }
        for n in [31, 47, 63] {
            compare(&sym(&mut rng, n), &format!("n = {n}"));
        }
        // Positive definite, as in the benchmark, and badly scaled ones.
        for n in [3, 10, 16] {
            let r = rng.mat(n, n);
            let s = r.transpose() * &r + DMatrix::identity(n, n) * n as f64;
            compare(&s, &format!("spd n = {n}"));
            compare(&(sym(&mut rng, n) * 1e-200), &format!("tiny n = {n}"));
            compare(&(sym(&mut rng, n) * 1e200), &format!("huge n = {n}"));
        }
    }

    #[test]
    fn small_eigh_matches_on_degenerate_matrices() {
        let mut rng = Rng::new(43);
        for n in [1, 2, 3, 5, 10] {
            compare(&DMatrix::zeros(n, n), &format!("zeros {n}"));
            compare(&DMatrix::identity(n, n), &format!("identity {n}"));
            compare(&DMatrix::from_element(n, n, 1.0), &format!("ones {n}"));
            let d = DMatrix::from_fn(n, n, |i, j| if i == j { (i % 2) as f64 - 0.5 } else { 0.0 });
            compare(&d, &format!("repeated diagonal {n}"));
            let t = DMatrix::from_fn(n, n, |i, j| if i.abs_diff(j) == 1 { 1.0 } else { 0.0 });
            compare(&t, &format!("tridiagonal {n}"));
            // Rank 2, and a matrix with a zero row and column.
            let u = rng.mat(n, 2);
            compare(&(&u * u.transpose()), &format!("rank 2, n = {n}"));
            let mut z = sym(&mut rng, n);
            z.row_mut(0).fill(0.0);
            z.column_mut(0).fill(0.0);
            compare(&z, &format!("zero row {n}"));
            // Repeated eigenvalues in a rotated basis: Q diag(1, 1, 2, ...) Q'.
            let q = nalgebra::QR::new(rng.mat(n, n)).q();
            let dd = DMatrix::from_fn(n, n, |i, j| if i == j { (i / 2) as f64 } else { 0.0 });
            let r = &q * dd * q.transpose();
            compare(&((&r + r.transpose()) * 0.5), &format!("rotated repeated {n}"));
        }
    }

    #[test]
    fn small_eigh_reads_one_triangle_and_passes_non_finite_input_on() {
        let mut rng = Rng::new(47);
        let n = 6;
        let s = sym(&mut rng, n);
        let mut lower = s.clone();
        let mut upper = s.clone();
        for i in 0..n {
            for j in 0..n {
                if j > i {
                    lower[(i, j)] = 99.0;
                } else if j < i {
                    upper[(i, j)] = -99.0;
                }
            }
        }
        let base = super::eigh(&rows(&s), n, false, true).unwrap();
        assert_eq!(super::eigh(&rows(&lower), n, false, true).unwrap(), base);
        assert_eq!(super::eigh(&rows(&upper), n, true, true).unwrap(), base);
        let mut bad = s.clone();
        bad[(3, 1)] = f64::NAN;
        let (w, v) = super::eigh(&rows(&bad), n, false, true).unwrap();
        assert!(w.iter().chain(&v).all(|x| x.is_nan()) && v.len() == n * n);
        // Infinity in the ignored triangle is not read.
        bad[(3, 1)] = s[(3, 1)];
        bad[(1, 3)] = f64::INFINITY;
        assert_eq!(super::eigh(&rows(&bad), n, false, true).unwrap(), base);
        let (w, v) = super::eigh(&rows(&bad), n, true, false).unwrap();
        assert!(w.iter().all(|x| x.is_nan()) && v.is_empty());
        assert_eq!(super::eigh(&[], 0, false, true).unwrap(), (vec![], vec![]));
    }
}
