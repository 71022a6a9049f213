//! The BLAS steps of [`super::lapack_eigh`], each summing in the order of
//! the OpenBLAS kernels NumPy's wheels run on x86-64 (the Haswell kernels,
//! also used on Zen), so that the tridiagonal form and the reflectors come
//! out bit for bit as NumPy's; near-repeated eigenvalues make the
//! eigenvectors depend on those last bits.
//!
//! What the kernels do, established by calling them on random data and
//! comparing bits: their C loops are compiled without fused multiply-adds
//! (but for `dgemv`'s row tail), their assembly blocks use them; `daxpy` runs its first `n & !15` entries
//! through the assembly block; `ddot` sums blocks of 16 in 16 lanes and the
//! rest sequentially; `dsymv` (lower) works on groups of four columns with
//! a four-lane assembly block for long columns; `dsyr2` below 100 rows is
//! two `daxpy` per column; `dger` one `daxpy` per column; `dgemv` (`T`)
//! sums the rows in four lanes (or two, or two pairs, by column group) for
//! the first multiple of four rows. `dnrm2` is OpenBLAS's x87 kernel, whose
//! extended precision makes it (nearly) correctly rounded.

/// `fma(a, b, c)`, as the assembly kernels do it.
#[inline(always)]
fn fma(a: f64, b: f64, c: f64) -> f64 {
    a.mul_add(b, c)
}

/// Euclidean norm to nearly correct rounding (sum of squares in
/// double-double, then one corrected square root), NaN or infinity when an
/// entry is.
#[inline(always)]
pub(super) fn nrm2(x: &[f64]) -> f64 {
    let (hi, lo) = sum_squares(x);
    // Outside this range squares may have lost bits or overflowed.
    if hi > 1e-270 && hi < 1e300 {
        return dd_sqrt(hi, lo);
    }
    nrm2_slow(x)
}

/// `sum x^2` as an unevaluated sum `hi + lo`.
#[inline(always)]
fn sum_squares(x: &[f64]) -> (f64, f64) {
    let (mut hi, mut lo) = (0.0f64, 0.0f64);
    for &v in x {
        let p = v * v;
        let pe = fma(v, v, -p);
        let s = hi + p;
        let bb = s - hi;
        lo += ((hi - (s - bb)) + (p - bb)) + pe;
        hi = s;
    }
    (hi, lo)
}

/// `sqrt(hi + lo)` for positive normal `hi`, one Newton correction.
#[inline(always)]
fn dd_sqrt(hi: f64, lo: f64) -> f64 {
    let s = hi + lo;
    let l = lo - (s - hi);
    let r = s.sqrt();
    let res = fma(-r, r, s) + l;
    r + res / (2.0 * r)
}

/// [`nrm2`] for zero, non-finite, tiny or huge vectors: rescaled by a
/// power of two first.
#[cold]
fn nrm2_slow(x: &[f64]) -> f64 {
    if x.iter().any(|v| v.is_nan()) {
        return f64::NAN;
    }
    let amax = x.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    if amax == 0.0 || amax.is_infinite() {
        return amax;
    }
    let e = amax.log2().floor() as i32;
    let (f1, f2) = (2f64.powi(-e / 2), 2f64.powi(-e - (-e / 2)));
    let scaled: Vec<f64> = x.iter().map(|v| v * f1 * f2).collect();
    let (hi, lo) = sum_squares(&scaled);
    dd_sqrt(hi, lo) / f1 / f2
}

/// `ddot`: blocks of 16 in four registers of four lanes (fused), reduced
/// lane-pairwise, then the rest sequentially (unfused).
#[inline(always)]
pub(super) fn dot(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len().min(y.len());
    let n1 = n & !15;
    let mut d = 0.0;
    if n1 > 0 {
        let mut acc = [[0.0f64; 4]; 4];
        for (a, b) in x[..n1].chunks_exact(16).zip(y[..n1].chunks_exact(16)) {
            for r in 0..4 {
                for q in 0..4 {
                    acc[r][q] = fma(a[4 * r + q], b[4 * r + q], acc[r][q]);
                }
            }
        }
        let p: [[f64; 2]; 4] = std::array::from_fn(|r| [acc[r][0] + acc[r][2], acc[r][1] + acc[r][3]]);
        let s01 = [p[0][0] + p[1][0], p[0][1] + p[1][1]];
        let s23 = [p[2][0] + p[3][0], p[2][1] + p[3][1]];
        d = (s01[0] + s23[0]) + (s01[1] + s23[1]);
    }
    for (&a, &b) in x[n1..n].iter().zip(&y[n1..n]) {
        d += b * a;
    }
    d
}

/// `daxpy` kernel: `y += a x`, fused for the first `len & !15` entries.
#[inline(always)]
pub(super) fn axpy(a: f64, x: &[f64], y: &mut [f64]) {
    let n = x.len().min(y.len());
    let n1 = n & !15;
    for (yi, &xi) in y[..n1].iter_mut().zip(&x[..n1]) {
        *yi = fma(a, xi, *yi);
    }
    for (yi, &xi) in y[n1..n].iter_mut().zip(&x[n1..n]) {
        *yi += a * xi;
    }
}

/// `dsymv('L')` with `beta = 0`: `y = alpha B x` for the order-`k` block
/// `B` whose lower triangle is at `m[off..]` (column stride `ld`).
#[inline(always)]
#[allow(clippy::too_many_arguments)]
pub(super) fn symv_lower(m: &[f64], ld: usize, off: usize, k: usize, alpha: f64, x: &[f64], y: &mut [f64]) {
    let a = |i: usize, j: usize| m[off + j * ld + i];
    let y = &mut y[..k];
    y.fill(0.0);
    let off1 = k / 4 * 4;
    for j in (0..off1).step_by(4) {
        let t1: [f64; 4] = std::array::from_fn(|c| alpha * x[j + c]);
        let mut t2 = [0.0f64; 4];
        for c in 0..4 {
            y[j + c] += t1[c] * a(j + c, j + c);
        }
        for c in 0..3 {
            for i in j + 1 + c..j + 4 {
                y[i] += t1[c] * a(i, j + c);
                t2[c] += a(i, j + c) * x[i];
            }
        }
        let mut rest = j + 4;
        if k - (j + 1) >= 12 {
            // The assembly block on rows j + 4 .. m2: fused, four lanes.
            let m2 = k / 4 * 4;
            let mut lanes = [[0.0f64; 4]; 4];
            for i in j + 4..m2 {
                let q = (i - j - 4) % 4;
                for c in 0..4 {
                    let aij = a(i, j + c);
                    y[i] = fma(t1[c], aij, y[i]);
                    lanes[c][q] = fma(x[i], aij, lanes[c][q]);
                }
            }
            for c in 0..4 {
                let l = lanes[c];
                t2[c] += (l[0] + l[2]) + (l[1] + l[3]);
            }
            rest = m2;
        }
        for i in rest..k {
            for c in 0..4 {
                let aij = a(i, j + c);
                y[i] += t1[c] * aij;
                t2[c] += aij * x[i];
            }
        }
        for c in 0..4 {
            y[j + c] += alpha * t2[c];
        }
    }
    for j in off1..k {
        let t1 = alpha * x[j];
        let mut t2 = 0.0;
        y[j] += t1 * a(j, j);
        for i in j + 1..k {
            y[i] += t1 * a(i, j);
            t2 += a(i, j) * x[i];
        }
        y[j] += alpha * t2;
    }
}

/// `dsymv('U')` with `beta = 0`: `y = alpha B x` for the order-`k` block
/// whose upper triangle is at `m[0..]` (column stride `ld`), in the order
/// of OpenBLAS's kernel below 16 rows (from 16 rows on it switches to an
/// assembly block not replayed here; the sums then differ in last bits).
#[inline(always)]
pub(super) fn symv_upper(m: &[f64], ld: usize, k: usize, alpha: f64, x: &[f64], y: &mut [f64]) {
    let y = &mut y[..k];
    y.fill(0.0);
    for j in 0..k {
        let col = &m[j * ld..j * ld + k];
        let t1 = alpha * x[j];
        let mut t2 = 0.0;
        for i in 0..j {
            y[i] += t1 * col[i];
            t2 += col[i] * x[i];
        }
        y[j] += t1 * col[j] + alpha * t2;
    }
}

/// `dsyr2` with `alpha = -1` below 100 rows: `B -= x y' + y x'` on the
/// stored triangle of the order-`k` block at `m[off..]` (column stride
/// `ld`), as two `daxpy` per column.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
pub(super) fn syr2_minus(m: &mut [f64], ld: usize, off: usize, k: usize, lower: bool, x: &[f64], y: &[f64]) {
    for i in 0..k {
        let rows = if lower { i..k } else { 0..i + 1 };
        let col = &mut m[off + i * ld + rows.start..off + i * ld + rows.end];
        axpy(-x[i], &y[rows.clone()], col);
        axpy(-y[i], &x[rows], col);
    }
}

/// `dgemv('T')` with `alpha = 1`, `beta = 0` on the `rows x cols` block of
/// `z` at `z[off..]` (column stride `ld`): `w = B' v`. The first multiple of
/// four rows go through the column-group kernels, the last `rows % 4`
/// rows are added per column (that C loop is compiled with contraction
/// into fused multiply-adds, unlike the others).
#[inline(always)]
pub(super) fn gemv_t(z: &[f64], ld: usize, off: usize, rows: usize, cols: usize, v: &[f64], w: &mut [f64]) {
    let mb = rows & !3;
    let g4 = cols & !3;
    for (j, wj) in w[..cols].iter_mut().enumerate() {
        let col = &z[off + j * ld..off + j * ld + rows];
        let mut t = 0.0;
        if mb > 0 {
            if j < g4 {
                let mut l = [0.0f64; 4];
                for (a, x) in col[..mb].chunks_exact(4).zip(v.chunks_exact(4)) {
                    for q in 0..4 {
                        l[q] = fma(a[q], x[q], l[q]);
                    }
                }
                t = (l[0] + l[2]) + (l[1] + l[3]);
            } else if cols & 2 != 0 && j < g4 + 2 {
                let mut l = [0.0f64; 2];
                for (a, x) in col[..mb].chunks_exact(2).zip(v.chunks_exact(2)) {
                    l[0] += a[0] * x[0];
                    l[1] += a[1] * x[1];
                }
                t = l[0] + l[1];
            } else {
                let mut l = [0.0f64; 4];
                for (a, x) in col[..mb].chunks_exact(4).zip(v.chunks_exact(4)) {
                    for q in 0..4 {
                        l[q] += a[q] * x[q];
                    }
                }
                t = (l[0] + l[2]) + (l[1] + l[3]);
            }
        }
        let y = 0.0 + t;
        // The last rows % 4 rows, as the compiler contracted that C code.
        let (a, x) = (&col[mb..], &v[mb..rows]);
        *wj = match rows - mb {
            1 => fma(a[0], x[0], y),
            2 => y + fma(a[0], x[0], a[1] * x[1]),
            3 => y + fma(a[2], x[2], fma(a[0], x[0], a[1] * x[1])),
            _ => y,
        };
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn nrm2_is_correctly_rounded_on_easy_cases() {
        use super::nrm2;
        assert_eq!(nrm2(&[3.0, 4.0]), 5.0);
        assert_eq!(nrm2(&[3e-300, 4e-300]), 5e-300);
        assert_eq!(nrm2(&[3e300, 4e300]), 5e300);
        assert_eq!(nrm2(&[0.0, -0.0]), 0.0);
        assert!(nrm2(&[1.0, f64::NAN]).is_nan());
        assert_eq!(nrm2(&[1.0, f64::NEG_INFINITY]), f64::INFINITY);
        assert_eq!(nrm2(&[1e-310]), 1e-310);
    }

    #[test]
    fn kernels_agree_with_plain_sums_up_to_rounding() {
        let x: Vec<f64> = (0..23).map(|i| (i as f64 * 0.37).sin()).collect();
        let y: Vec<f64> = (0..23).map(|i| (i as f64 * 0.11).cos()).collect();
        let plain: f64 = x.iter().zip(&y).map(|(a, b)| a * b).sum();
        assert!((super::dot(&x, &y) - plain).abs() < 1e-13);
        let mut z = y.clone();
        super::axpy(2.0, &x, &mut z);
        assert!(z.iter().zip(&x).zip(&y).all(|((z, x), y)| (z - (y + 2.0 * x)).abs() < 1e-15));
        // B = the 5x5 symmetric matrix with entries i + j, lower triangle.
        let k = 5;
        let mut b = vec![0.0; k * k];
        for j in 0..k {
            for i in j..k {
                b[j * k + i] = (i + j) as f64;
            }
        }
        let mut out = vec![0.0; k];
        super::symv_lower(&b, k, 0, k, 1.0, &x[..k], &mut out);
        for (i, o) in out.iter().enumerate() {
            let want: f64 = (0..k).map(|j| (i + j) as f64 * x[j]).sum();
            assert!((o - want).abs() < 1e-13);
        }
        let mut w = vec![0.0; k];
        super::gemv_t(&b, k, 0, k, k, &x[..k], &mut w);
        for (j, o) in w.iter().enumerate() {
            let want: f64 = (j..k).map(|i| (i + j) as f64 * x[i]).sum();
            assert!((o - want).abs() < 1e-13);
        }
    }
}
