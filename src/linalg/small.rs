//! `inv`, `solve`, `slogdet` and `cholesky` of matrices below
//! [`SMALL_MAX`] rows, on plain row-major (C order) slices: the caller hands
//! over the array's own data and receives the result's data, with no
//! nalgebra matrix, transpose or permutation object in between.
//!
//! nalgebra's `LU` and its matrix views cost more than the arithmetic on
//! such matrices (a 10x10 `det` spent most of its time in bounds-checked
//! views, a growing permutation vector and copies). Every element here
//! still goes through exactly the operations nalgebra's column-major code
//! performed, in the same order (`y = a * x * 1 + 1 * y` for its axpy, a
//! reciprocal then products for the LU column scaling, divisions in the
//! back substitution); only the loop nesting changes, to run along rows.
//! Results are therefore bit-for-bit those of the code this replaces; for
//! `f64` the multiplications by one fold away.

use super::{LinalgError, LinalgResult, LinalgScalar, MSG_NOT_PD, MSG_SINGULAR};

/// Square matrices with fewer rows than this take these routines (larger
/// ones go to faer, see `fast`).
pub const SMALL_MAX: usize = super::fast::FAER_MIN;

/// nalgebra's axpy with unit `c` and `beta`: `y[r] = a * x[r] * 1 + 1 * y[r]`.
#[inline(always)]
fn axpy<T: LinalgScalar>(y: &mut [T], a: T, x: &[T]) {
    let one = T::one();
    for (yv, &xv) in y.iter_mut().zip(x) {
        *yv = a * xv * one + one * *yv;
    }
}

/// Two distinct rows of the row-major `m` (width `w`): `(row i, row r)`.
#[inline(always)]
fn row_pair<T>(m: &mut [T], w: usize, i: usize, r: usize) -> (&mut [T], &mut [T]) {
    if i < r {
        let (top, bottom) = m.split_at_mut(r * w);
        (&mut top[i * w..(i + 1) * w], &mut bottom[..w])
    } else {
        let (top, bottom) = m.split_at_mut(i * w);
        (&mut bottom[..w], &mut top[r * w..(r + 1) * w])
    }
}

/// In-place LU with partial pivoting of the row-major `n x n` matrix `a`
/// (nalgebra `LU::new`: the first entry of largest `|re| + |im|` in the
/// column is the pivot; a column that is zero from the diagonal down is
/// skipped). Returns the row swaps `(i, p)` in the order they were made.
fn lu_in_place<T: LinalgScalar>(a: &mut [T], n: usize) -> Vec<(usize, usize)> {
    let mut swaps = Vec::with_capacity(n);
    for i in 0..n {
        let mut p = i;
        let mut best = a[i * n + i].abs1();
        for r in i + 1..n {
            let m = a[r * n + i].abs1();
            if m > best {
                best = m;
                p = r;
            }
        }
        let diag = a[p * n + i];
        if diag == T::zero() {
            continue;
        }
        if p != i {
            swaps.push((i, p));
            let (ri, rp) = row_pair(a, n, i, p);
            ri.swap_with_slice(rp);
        }
        let inv = T::one() / diag;
        let (top, below) = a.split_at_mut((i + 1) * n);
        let pivot_row = &top[i * n + i + 1..(i + 1) * n];
        // The multiplier first (the column scaling), then the row update;
        // two rows per pass (one loop's overhead, one load of the pivot
        // row), each element still updated exactly as before.
        let mut pairs = below.chunks_exact_mut(2 * n);
        for pair in &mut pairs {
            let (r0, r1) = pair.split_at_mut(n);
            r0[i] *= inv;
            r1[i] *= inv;
            let (m0, m1) = (-r0[i], -r1[i]);
            axpy2(&mut r0[i + 1..], &mut r1[i + 1..], m0, m1, pivot_row);
        }
        let rest = pairs.into_remainder();
        if !rest.is_empty() {
            rest[i] *= inv;
            let l = rest[i];
            for (y, &u) in rest[i + 1..].iter_mut().zip(pivot_row) {
                *y = -u * l * T::one() + T::one() * *y;
            }
        }
    }
    swaps
}

/// Two rows at once: `y0 = -u * l0 * 1 + 1 * y0` and the same for `y1`
/// (`m0 = -l0`, `m1 = -l1`; the products `-u * l` and `u * -l` are equal).
#[inline(always)]
fn axpy2<T: LinalgScalar>(y0: &mut [T], y1: &mut [T], m0: T, m1: T, u: &[T]) {
    let one = T::one();
    let len = u.len().min(y0.len()).min(y1.len());
    let (y0, y1, u) = (&mut y0[..len], &mut y1[..len], &u[..len]);
    for k in 0..len {
        y0[k] = u[k] * m0 * one + one * y0[k];
        y1[k] = u[k] * m1 * one + one * y1[k];
    }
}

/// True when a diagonal entry of the factored row-major `a` is exactly zero.
fn singular<T: LinalgScalar>(a: &[T], n: usize) -> bool {
    (0..n).any(|i| a[i * n + i] == T::zero())
}

/// Solves `A X = B` in place for the row-major `n x cols` `b`, from the
/// factors of [`lu_in_place`] (nalgebra `LU::solve_mut`: row swaps, unit
/// lower then upper triangular substitution). Each column of `b` sees the
/// same operations as in nalgebra's column-at-a-time loop.
fn lu_solve_in_place<T: LinalgScalar>(lu: &[T], n: usize, swaps: &[(usize, usize)], b: &mut [T], cols: usize) {
    if n == 0 || cols == 0 {
        return;
    }
    for &(i, p) in swaps {
        let (ri, rp) = row_pair(b, cols, i, p);
        ri.swap_with_slice(rp);
    }
    for i in 0..n.saturating_sub(1) {
        let (top, below) = b.split_at_mut((i + 1) * cols);
        let xi = &top[i * cols..(i + 1) * cols];
        // coeff = x / 1 (the unit diagonal), then y += -coeff * l; two
        // rows per pass for f64 (where x / 1 is x; a complex division by
        // one may turn -0 into +0, so complex rows keep the division).
        let below = &mut below[..(n - i - 1) * cols];
        let pair_len = if T::IS_COMPLEX { below.len() + 1 } else { 2 * cols };
        let mut pairs = below.chunks_exact_mut(pair_len);
        let mut r = i + 1;
        for pair in &mut pairs {
            let (r0, r1) = pair.split_at_mut(cols);
            axpy2(r0, r1, -lu[r * n + i], -lu[(r + 1) * n + i], xi);
            r += 2;
        }
        for row in pairs.into_remainder().chunks_exact_mut(cols) {
            let l = lu[r * n + i];
            for (y, &x) in row.iter_mut().zip(xi) {
                *y = -(x / T::one()) * l * T::one() + T::one() * *y;
            }
            r += 1;
        }
    }
    for i in (0..n).rev() {
        let (top, rest) = b.split_at_mut(i * cols);
        let xi = &mut rest[..cols];
        let d = lu[i * n + i];
        for x in xi.iter_mut() {
            // nalgebra's `b[i] / diag` (a division, not `/=`, as there).
            #[allow(clippy::assign_op_pattern)]
            {
                *x = *x / d;
            }
        }
        let xi = &*xi;
        let mut pairs = top.chunks_exact_mut(2 * cols);
        let mut r = 0;
        for pair in &mut pairs {
            let (r0, r1) = pair.split_at_mut(cols);
            axpy2(r0, r1, -lu[r * n + i], -lu[(r + 1) * n + i], xi);
            r += 2;
        }
        let rest = pairs.into_remainder();
        if !rest.is_empty() {
            let u = lu[r * n + i];
            for (y, &x) in rest.iter_mut().zip(xi) {
                *y = -x * u * T::one() + T::one() * *y;
            }
        }
    }
}

/// LU factors (row-major) and the row swaps made.
type Factors<T> = (Vec<T>, Vec<(usize, usize)>);

/// The LU factors and row swaps of the row-major square `a`;
/// `Err(Singular matrix)` on an exactly zero pivot.
fn factor<T: LinalgScalar>(a: &[T], n: usize) -> LinalgResult<Factors<T>> {
    let mut f = a.to_vec();
    let swaps = lu_in_place(&mut f, n);
    if singular(&f, n) {
        return Err(LinalgError::linalg(MSG_SINGULAR));
    }
    Ok((f, swaps))
}

/// Inverse of the row-major `n x n` matrix `a`, row-major.
pub fn inv<T: LinalgScalar>(a: &[T], n: usize) -> LinalgResult<Vec<T>> {
    let (f, swaps) = factor(a, n)?;
    let mut x = vec![T::zero(); n * n];
    for i in 0..n {
        x[i * n + i] = T::one();
    }
    lu_solve_in_place(&f, n, &swaps, &mut x, n);
    Ok(x)
}

/// Solves `a x = b` for the row-major `n x n` `a` and the row-major
/// `n x cols` `b`, in place.
pub fn solve<T: LinalgScalar>(a: &[T], n: usize, b: &mut [T], cols: usize) -> LinalgResult<()> {
    let (f, swaps) = factor(a, n)?;
    lu_solve_in_place(&f, n, &swaps, b, cols);
    Ok(())
}

/// `(sign, log|det|)` of the row-major `n x n` `a`, as [`super::slogdet`].
pub fn slogdet<T: LinalgScalar>(a: &[T], n: usize) -> (T, f64) {
    if n == 0 {
        return (T::one(), 0.0);
    }
    let mut f = a.to_vec();
    let swaps = lu_in_place(&mut f, n);
    if singular(&f, n) {
        return (T::zero(), f64::NEG_INFINITY);
    }
    // Permutation parity: each recorded transposition flips the sign.
    let sign = if swaps.len().is_multiple_of(2) { T::one() } else { -T::one() };
    super::decompose::sign_and_logdet(sign, (0..n).map(|i| f[i * n + i]))
}

/// Determinant as NumPy computes it: `sign * exp(logabsdet)`.
pub fn det<T: LinalgScalar>(a: &[T], n: usize) -> T {
    let (sign, logdet) = slogdet(a, n);
    sign * T::of_real(logdet.exp())
}

/// Up to this size [`cholesky`] works on the row-major result directly.
const ROW_CHOLESKY_MAX: usize = 16;

/// [`cholesky`] in place on a row-major copy of the lower triangle. Entry
/// `(r, j)` receives the same updates `-conj(L[j, k]) * L[r, k]`, for `k`
/// increasing, as in the column-major loop (only the loop nesting differs),
/// so the bits are the same; here they run as a short sequential sum along
/// two rows, with no transposed copies, which is cheaper for tiny matrices.
fn cholesky_rows<T: LinalgScalar>(a: &[T], n: usize) -> LinalgResult<Vec<T>> {
    let mut l = vec![T::zero(); n * n];
    let mut nan = false;
    for r in 0..n {
        let row = &a[r * n..r * n + r + 1];
        nan |= row.iter().any(|v| !v.not_nan());
        l[r * n..r * n + r + 1].copy_from_slice(row);
    }
    if nan {
        for r in 0..n {
            for v in &mut l[r * n..r * n + r + 1] {
                *v = T::of_real(f64::NAN);
            }
        }
        return Ok(l);
    }
    let one = T::one();
    for j in 0..n {
        let row_j = &mut l[j * n..(j + 1) * n];
        let mut acc = row_j[j];
        for &v in &row_j[..j] {
            let f = -v.conjugate();
            acc = f * v * one + one * acc;
        }
        let d = acc.real();
        if d.is_nan() || d <= 0.0 {
            return Err(LinalgError::linalg(MSG_NOT_PD));
        }
        let s = d.sqrt();
        row_j[j] = T::of_real(s);
        let (upper, lower) = l.split_at_mut((j + 1) * n);
        let row_j = &upper[j * n..];
        for row_r in lower.chunks_exact_mut(n) {
            let mut acc = row_r[j];
            for k in 0..j {
                let f = -row_j[k].conjugate();
                acc = f * row_r[k] * one + one * acc;
            }
            row_r[j] = acc.unscale(s);
        }
    }
    Ok(l)
}

/// Lower Cholesky factor (row-major) of the row-major `n x n` `a`, reading
/// its lower triangle, as [`super::cholesky`]: NaN anywhere in the lower
/// triangle gives a NaN lower triangle; a pivot that is not positive gives
/// `LinAlgError: Matrix is not positive definite`.
pub fn cholesky<T: LinalgScalar>(a: &[T], n: usize) -> LinalgResult<Vec<T>> {
    if n <= ROW_CHOLESKY_MAX {
        return cholesky_rows(a, n);
    }
    // Column-major working copy of the lower triangle (columns are what
    // the left-looking loop runs along).
    let mut m = vec![T::zero(); n * n];
    let mut nan = false;
    for j in 0..n {
        for i in j..n {
            let v = a[i * n + j];
            nan |= !v.not_nan();
            m[j * n + i] = v;
        }
    }
    if nan {
        let mut out = vec![T::zero(); n * n];
        for i in 0..n {
            for v in &mut out[i * n..i * n + i + 1] {
                *v = T::of_real(f64::NAN);
            }
        }
        return Ok(out);
    }
    for j in 0..n {
        let (left, right) = m.split_at_mut(j * n);
        let col_j = &mut right[..n];
        for k in 0..j {
            let col_k = &left[k * n..(k + 1) * n];
            let factor = -col_k[j].conjugate();
            axpy(&mut col_j[j..], factor, &col_k[j..]);
        }
        let d = col_j[j].real();
        if d.is_nan() || d <= 0.0 {
            return Err(LinalgError::linalg(MSG_NOT_PD));
        }
        let s = d.sqrt();
        col_j[j] = T::of_real(s);
        for v in &mut col_j[j + 1..] {
            *v = v.unscale(s);
        }
    }
    let mut out = vec![T::zero(); n * n];
    for j in 0..n {
        for i in j..n {
            out[i * n + j] = m[j * n + i];
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::super::tests::Rng;
    use nalgebra::DMatrix;
    use num_complex::Complex64;

    /// The row-major data of `m`.
    fn rows<T: nalgebra::Scalar + Copy>(m: &DMatrix<T>) -> Vec<T> {
        m.transpose().as_slice().to_vec()
    }

    #[test]
    fn small_lu_is_bit_identical_to_nalgebra_lu() {
        let mut rng = Rng::new(53);
        for n in 1..=20 {
            for _ in 0..5 {
                let a = rng.mat(n, n);
                let b = rng.mat(n, 3);
                let lu = nalgebra::LU::new(a.clone());
                let inv = lu.try_inverse().unwrap();
                assert_eq!(super::inv(&rows(&a), n).unwrap(), rows(&inv), "inv n = {n}");
                let mut x = rows(&b);
                super::solve(&rows(&a), n, &mut x, 3).unwrap();
                assert_eq!(x, rows(&lu.solve(&b).unwrap()), "solve n = {n}");
                let (sign, log) = super::slogdet(&rows(&a), n);
                let d = lu.determinant();
                assert_eq!(sign, d.signum(), "det sign n = {n}");
                assert!((log - d.abs().ln()).abs() <= 1e-12 * log.abs().max(1.0));
                let c = rng.cmat(n, n);
                let clu = nalgebra::LU::new(c.clone());
                let cinv = clu.try_inverse().unwrap();
                assert_eq!(super::inv(&rows(&c), n).unwrap(), rows(&cinv), "complex inv n = {n}");
                let cb = DMatrix::from_fn(n, 2, |i, j| Complex64::new(i as f64 - 0.5, j as f64));
                let mut cx = rows(&cb);
                super::solve(&rows(&c), n, &mut cx, 2).unwrap();
                assert_eq!(cx, rows(&clu.solve(&cb).unwrap()), "complex solve n = {n}");
            }
        }
        // Singular and integer-valued matrices.
        let ones = vec![1.0; 16];
        assert!(super::inv(&ones, 4).is_err());
        assert_eq!(super::slogdet(&ones, 4), (0.0, f64::NEG_INFINITY));
        let m = [4.0, 7.0, 2.0, 6.0];
        assert_eq!(
            super::inv(&m, 2).unwrap(),
            rows(&nalgebra::LU::new(DMatrix::from_row_slice(2, 2, &m)).try_inverse().unwrap())
        );
    }
}
