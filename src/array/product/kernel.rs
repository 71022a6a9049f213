//! Typed inner kernels of the products: vector dot products and 2-d
//! matrix products over strided operands.
//!
//! Float results follow the arithmetic of NumPy's OpenBLAS where that is
//! reproducible: a dot product of two contiguous vectors uses OpenBLAS's
//! Haswell `ddot` (four 4-wide FMA accumulators over blocks of 16, the rest
//! added in order), strided vectors its strided loop, and small matrix
//! products an in-order FMA chain per element, as OpenBLAS's `dgemm`
//! kernels compute it. Large float matrix products run on nalgebra's
//! (matrixmultiply) kernels over views of the buffers.

use crate::array::dtype::Element;
use crate::array::error::{ArrayError, ArrayResult};
use nalgebra::{DMatrixView, DMatrixViewMut, Dyn};
use num_complex::Complex64;

/// A strided 2-d operand: element (i, j) is `buf[off + i*rs + j*cs]`.
#[derive(Clone, Copy)]
pub(crate) struct Mat<'a, T> {
    pub buf: &'a [T],
    pub off: isize,
    pub rs: isize,
    pub cs: isize,
}

impl<T: Copy> Mat<'_, T> {
    #[inline]
    fn at(&self, i: usize, j: usize) -> T {
        self.buf[(self.off + i as isize * self.rs + j as isize * self.cs) as usize]
    }
}

/// Element types with a matrix-product kernel.
pub(crate) trait Product: Element {
    /// `out (m x n, row-major) = a (m x k) @ b (k x n)`.
    fn gemm(a: Mat<Self>, b: Mat<Self>, m: usize, k: usize, n: usize, out: &mut [Self]) -> ArrayResult<()>;
    /// Dot product of two strided vectors of length `n`.
    fn dot(x: &[Self], xo: isize, xs: isize, y: &[Self], yo: isize, ys: isize, n: usize) -> ArrayResult<Self>;
}

/// Problems up to this many multiply-adds use the in-order FMA kernel.
const SMALL_GEMM: usize = 1 << 15;

#[inline(always)]
fn fma_gemm_body(a: Mat<f64>, b: Mat<f64>, m: usize, k: usize, n: usize, out: &mut [f64]) {
    for i in 0..m {
        for j in 0..n {
            let mut acc = 0.0f64;
            for q in 0..k {
                acc = a.at(i, q).mul_add(b.at(q, j), acc);
            }
            out[i * n + j] = acc;
        }
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "fma")]
fn fma_gemm_hw(a: Mat<f64>, b: Mat<f64>, m: usize, k: usize, n: usize, out: &mut [f64]) {
    fma_gemm_body(a, b, m, k, n, out)
}

fn fma_gemm(a: Mat<f64>, b: Mat<f64>, m: usize, k: usize, n: usize, out: &mut [f64]) {
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("fma") {
        // SAFETY: the CPU supports FMA, checked just above.
        unsafe { fma_gemm_hw(a, b, m, k, n, out) };
        return;
    }
    fma_gemm_body(a, b, m, k, n, out)
}

/// Copies a strided operand into a row-major vector (for negative strides).
fn dense<T: Copy>(a: Mat<T>, rows: usize, cols: usize) -> Vec<T> {
    let mut v = Vec::with_capacity(rows * cols);
    for i in 0..rows {
        for j in 0..cols {
            v.push(a.at(i, j));
        }
    }
    v
}

/// Runs `f` with an nalgebra view of the operand (copied to a dense
/// buffer first when a stride is negative).
fn with_view<T: nalgebra::Scalar + Copy, R>(
    a: Mat<T>,
    rows: usize,
    cols: usize,
    f: impl FnOnce(DMatrixView<T, Dyn, Dyn>) -> R,
) -> R {
    if a.rs >= 0 && a.cs >= 0 && a.off >= 0 {
        let start = a.off as usize;
        let span = (rows.saturating_sub(1)) * a.rs as usize + (cols.saturating_sub(1)) * a.cs as usize + 1;
        if start + span <= a.buf.len() {
            let v = DMatrixView::from_slice_with_strides(&a.buf[start..start + span], rows, cols, a.rs as usize, a.cs as usize);
            return f(v);
        }
    }
    let d = dense(a, rows, cols);
    f(DMatrixView::from_slice_with_strides(&d, rows, cols, cols, 1))
}

macro_rules! nalgebra_gemm {
    ($name:ident, $t:ty, $one:expr, $zero:expr) => {
        fn $name(a: Mat<$t>, b: Mat<$t>, m: usize, k: usize, n: usize, out: &mut [$t]) {
            with_view(a, m, k, |av| {
                with_view(b, k, n, |bv| {
                    let mut c = DMatrixViewMut::from_slice_with_strides_mut(out, m, n, n, 1);
                    c.gemm($one, &av, &bv, $zero);
                })
            })
        }
    };
}
nalgebra_gemm!(nalgebra_gemm_f64, f64, 1.0, 0.0);
nalgebra_gemm!(nalgebra_gemm_c64, Complex64, Complex64::new(1.0, 0.0), Complex64::new(0.0, 0.0));

impl Product for f64 {
    fn gemm(a: Mat<f64>, b: Mat<f64>, m: usize, k: usize, n: usize, out: &mut [f64]) -> ArrayResult<()> {
        if m == 0 || n == 0 {
            return Ok(());
        }
        if k == 0 {
            out.iter_mut().for_each(|v| *v = 0.0);
            return Ok(());
        }
        if m.saturating_mul(k).saturating_mul(n) <= SMALL_GEMM {
            fma_gemm(a, b, m, k, n, out);
        } else {
            nalgebra_gemm_f64(a, b, m, k, n, out);
        }
        Ok(())
    }

    fn dot(x: &[f64], xo: isize, xs: isize, y: &[f64], yo: isize, ys: isize, n: usize) -> ArrayResult<f64> {
        let at = |buf: &[f64], o: isize, s: isize, i: usize| buf[(o + i as isize * s) as usize];
        if xs > 0 && ys > 0 && !(xs == 1 && ys == 1) {
            return Ok(strided_ddot(n, |i| at(x, xo, xs, i), |i| at(y, yo, ys, i)));
        }
        // Contiguous (negative strides are copied first, as NumPy does).
        let xv: Vec<f64>;
        let yv: Vec<f64>;
        let xsl: &[f64] = if xs == 1 {
            &x[xo as usize..xo as usize + n]
        } else {
            xv = (0..n).map(|i| at(x, xo, xs, i)).collect();
            &xv
        };
        let ysl: &[f64] = if ys == 1 {
            &y[yo as usize..yo as usize + n]
        } else {
            yv = (0..n).map(|i| at(y, yo, ys, i)).collect();
            &yv
        };
        Ok(ddot(xsl, ysl))
    }
}

/// OpenBLAS's `ddot` for unit strides (Haswell kernel).
pub(crate) fn ddot(x: &[f64], y: &[f64]) -> f64 {
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("fma") {
        // SAFETY: the CPU supports FMA, checked just above.
        return unsafe { ddot_hw(x, y) };
    }
    ddot_body(x, y)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "fma")]
fn ddot_hw(x: &[f64], y: &[f64]) -> f64 {
    ddot_body(x, y)
}

#[inline(always)]
fn ddot_body(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len().min(y.len());
    let n1 = n & !15;
    let mut dot = 0.0f64;
    if n1 > 0 {
        let mut acc = [[0.0f64; 4]; 4];
        let mut i = 0;
        while i < n1 {
            for (j, a) in acc.iter_mut().enumerate() {
                for (l, v) in a.iter_mut().enumerate() {
                    let p = i + 4 * j + l;
                    *v = x[p].mul_add(y[p], *v);
                }
            }
            i += 16;
        }
        let e: Vec<[f64; 2]> = acc.iter().map(|a| [a[0] + a[2], a[1] + a[3]]).collect();
        let e0 = [e[0][0] + e[1][0], e[0][1] + e[1][1]];
        let e2 = [e[2][0] + e[3][0], e[2][1] + e[3][1]];
        let v = [e0[0] + e2[0], e0[1] + e2[1]];
        dot = v[0] + v[1];
    }
    for p in n1..n {
        dot += y[p] * x[p];
    }
    dot
}

/// OpenBLAS's `ddot` loop for non-unit positive strides.
fn strided_ddot(n: usize, x: impl Fn(usize) -> f64, y: impl Fn(usize) -> f64) -> f64 {
    let n1 = n & !3;
    let (mut t1, mut t2) = (0.0f64, 0.0f64);
    let mut i = 0;
    while i < n1 {
        let m1 = y(i) * x(i);
        let m2 = y(i + 1) * x(i + 1);
        let m3 = y(i + 2) * x(i + 2);
        let m4 = y(i + 3) * x(i + 3);
        t1 += m1 + m3;
        t2 += m2 + m4;
        i += 4;
    }
    while i < n {
        t1 += y(i) * x(i);
        i += 1;
    }
    t1 + t2
}

impl Product for Complex64 {
    fn gemm(a: Mat<Complex64>, b: Mat<Complex64>, m: usize, k: usize, n: usize, out: &mut [Complex64]) -> ArrayResult<()> {
        if m == 0 || n == 0 {
            return Ok(());
        }
        if m.saturating_mul(k).saturating_mul(n) <= SMALL_GEMM || k == 0 {
            zgemm_small(a, b, m, k, n, out);
        } else {
            nalgebra_gemm_c64(a, b, m, k, n, out);
        }
        Ok(())
    }

    fn dot(x: &[Complex64], xo: isize, xs: isize, y: &[Complex64], yo: isize, ys: isize, n: usize) -> ArrayResult<Complex64> {
        let mut acc = Complex64::new(0.0, 0.0);
        for i in 0..n {
            acc += x[(xo + i as isize * xs) as usize] * y[(yo + i as isize * ys) as usize];
        }
        Ok(acc)
    }
}

/// Small complex products as OpenBLAS's `zgemm` kernels compute them: four
/// real FMA chains (re·re, im·im, re·im, im·re) combined at the end.
#[inline(always)]
fn zgemm_body(a: Mat<Complex64>, b: Mat<Complex64>, m: usize, k: usize, n: usize, out: &mut [Complex64]) {
    for i in 0..m {
        for j in 0..n {
            let (mut rr, mut ii, mut ri, mut ir) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
            for q in 0..k {
                let (x, y) = (a.at(i, q), b.at(q, j));
                rr = x.re.mul_add(y.re, rr);
                ii = x.im.mul_add(y.im, ii);
                ri = x.re.mul_add(y.im, ri);
                ir = x.im.mul_add(y.re, ir);
            }
            out[i * n + j] = Complex64::new(rr - ii, ri + ir);
        }
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "fma")]
fn zgemm_hw(a: Mat<Complex64>, b: Mat<Complex64>, m: usize, k: usize, n: usize, out: &mut [Complex64]) {
    zgemm_body(a, b, m, k, n, out)
}

fn zgemm_small(a: Mat<Complex64>, b: Mat<Complex64>, m: usize, k: usize, n: usize, out: &mut [Complex64]) {
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("fma") {
        // SAFETY: the CPU supports FMA, checked just above.
        unsafe { zgemm_hw(a, b, m, k, n, out) };
        return;
    }
    zgemm_body(a, b, m, k, n, out)
}

impl Product for i64 {
    fn gemm(a: Mat<i64>, b: Mat<i64>, m: usize, k: usize, n: usize, out: &mut [i64]) -> ArrayResult<()> {
        for i in 0..m {
            for j in 0..n {
                let mut acc = 0i64;
                for q in 0..k {
                    acc = a
                        .at(i, q)
                        .checked_mul(b.at(q, j))
                        .and_then(|p| acc.checked_add(p))
                        .ok_or_else(ArrayError::int_overflow)?;
                }
                out[i * n + j] = acc;
            }
        }
        Ok(())
    }

    fn dot(x: &[i64], xo: isize, xs: isize, y: &[i64], yo: isize, ys: isize, n: usize) -> ArrayResult<i64> {
        let mut acc = 0i64;
        for i in 0..n {
            let p = x[(xo + i as isize * xs) as usize].checked_mul(y[(yo + i as isize * ys) as usize]);
            acc = p.and_then(|p| acc.checked_add(p)).ok_or_else(ArrayError::int_overflow)?;
        }
        Ok(acc)
    }
}

impl Product for bool {
    fn gemm(a: Mat<bool>, b: Mat<bool>, m: usize, k: usize, n: usize, out: &mut [bool]) -> ArrayResult<()> {
        for i in 0..m {
            for j in 0..n {
                out[i * n + j] = (0..k).any(|q| a.at(i, q) && b.at(q, j));
            }
        }
        Ok(())
    }

    fn dot(x: &[bool], xo: isize, xs: isize, y: &[bool], yo: isize, ys: isize, n: usize) -> ArrayResult<bool> {
        Ok((0..n).any(|i| x[(xo + i as isize * xs) as usize] && y[(yo + i as isize * ys) as usize]))
    }
}
