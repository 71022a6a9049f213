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
    /// Dot product of two strided vectors of length `n`, the way NumPy's
    /// `dot` (`copy`: operands BLAS cannot take are copied first) or
    /// `matmul`/`vdot` (`!copy`: such operands make NumPy use its own loop)
    /// computes it.
    fn dot(x: Vec1<Self>, y: Vec1<Self>, n: usize, copy: bool) -> ArrayResult<Self>;
    /// The product `a (m x k) @ b (k x n)` in a new vector, for the cases a
    /// kernel writes faster into fresh memory than into a zeroed buffer;
    /// `None` leaves it to [`Product::gemm`].
    fn product_new(_a: Mat<Self>, _b: Mat<Self>, _m: usize, _k: usize, _n: usize) -> ArrayResult<Option<Vec<Self>>> {
        Ok(None)
    }
}

/// A strided vector operand: element i is `buf[off + i*stride]`.
#[derive(Clone, Copy)]
pub(crate) struct Vec1<'a, T> {
    pub buf: &'a [T],
    pub off: isize,
    pub stride: isize,
}

impl<T: Copy> Vec1<'_, T> {
    #[inline]
    fn at(&self, i: usize) -> T {
        self.buf[(self.off + i as isize * self.stride) as usize]
    }
    fn to_vec(self, n: usize) -> Vec<T> {
        (0..n).map(|i| self.at(i)).collect()
    }
}

/// Runs a BLAS-style dot on operands NumPy would hand to BLAS: those with
/// positive strides (copied first when `copy`), else NumPy's own loop.
fn blas_or_loop<T: Copy, R>(
    x: Vec1<T>,
    y: Vec1<T>,
    n: usize,
    copy: bool,
    blas: impl Fn(Vec1<T>, Vec1<T>) -> R,
    plain: impl Fn(Vec1<T>, Vec1<T>) -> R,
) -> R {
    if x.stride > 0 && y.stride > 0 {
        return blas(x, y);
    }
    if !copy {
        return plain(x, y);
    }
    let (xv, yv);
    let x = if x.stride > 0 {
        x
    } else {
        xv = x.to_vec(n);
        Vec1 { buf: &xv, off: 0, stride: 1 }
    };
    let y = if y.stride > 0 {
        y
    } else {
        yv = y.to_vec(n);
        Vec1 { buf: &yv, off: 0, stride: 1 }
    };
    blas(x, y)
}

/// Whether a new `(m x k) @ (k)` float product is made by
/// [`super::tall::matvec_new`] (which, for a matrix with unit column
/// stride, makes every row on its own with one kernel).
pub(super) fn takes_row_kernel(m: usize, k: usize) -> bool {
    m > 1 && m.saturating_mul(k) > SMALL_GEMM
}

/// `out (m) = a (m x k) @ v (k)` (`m > 1`) the way NumPy's `matmul` makes
/// it: OpenBLAS's `dgemv_t` for contiguous rows, `dgemv_n` for contiguous
/// columns, else its own loop.
fn matvec(a: Mat<f64>, v: Vec1<f64>, m: usize, k: usize, out: &mut [f64]) -> ArrayResult<()> {
    let bv = Mat { buf: v.buf, off: v.off, rs: v.stride, cs: 0 };
    if gemv_t_layout(a, bv, k) {
        if m.saturating_mul(k) > SMALL_GEMM && super::tall::matvec(a, v, m, k, out)? {
            return Ok(());
        }
        let v = super::tall::contiguous(v, k);
        super::gemv::gemv_t_small(a.buf, a.off as usize, a.rs as usize, m, &v, out);
        return Ok(());
    }
    if a.rs == 1 && a.cs >= m as isize && a.off >= 0 && v.stride > 0 {
        let x = super::tall::contiguous(v, k);
        let cols = super::gemv_n::Cols { buf: a.buf, off: a.off as usize, cs: a.cs as usize };
        return super::gemv_n::gemv_n(cols, m, &x, v.stride == 1, out);
    }
    // NumPy's own loop for a matrix BLAS cannot take.
    for (i, o) in out.iter_mut().enumerate() {
        *o = super::gemv::plain_dot(k, |j| a.at(i, j), |j| v.at(j));
    }
    Ok(())
}

/// Whether NumPy hands `a (m x k) @ b (k x 1)` to OpenBLAS's `dgemv_t`:
/// rows of `a` contiguous and at least `k` apart, `b` with a positive
/// stride (see [`super::gemv`]).
pub(super) fn gemv_t_layout(a: Mat<f64>, b: Mat<f64>, k: usize) -> bool {
    a.cs == 1 && a.rs >= k as isize && a.off >= 0 && b.rs > 0
}

/// Problems up to this many multiply-adds use the in-order FMA kernels.
pub(super) const SMALL_GEMM: usize = 1 << 18;

/// Whether `gemm` first tries [`super::tall::outer_sum`] for a `(m x k) @
/// (k x n)` product (few results, long sums).
fn takes_outer_sum(m: usize, k: usize, n: usize) -> bool {
    m * n <= 1024 && k >= 4096 && m.saturating_mul(k).saturating_mul(n) > SMALL_GEMM
}

/// Whether `gemm` hands a product (with `m`, `n` > 1) to the blocked
/// kernel: nalgebra hands matrices with every dimension above 5 to
/// matrixmultiply, whose sums the blocked kernel keeps; smaller ones, and
/// products up to [`SMALL_GEMM`] multiply-adds, stay on the in-order FMA
/// kernel.
fn takes_blocked_kernel(m: usize, k: usize, n: usize) -> bool {
    m.saturating_mul(k).saturating_mul(n) > SMALL_GEMM && m > 5 && k > 5 && n > 5
}

#[inline(always)]
fn fma_gemm_body(a: Mat<f64>, b: Mat<f64>, m: usize, k: usize, n: usize, out: &mut [f64]) {
    if b.cs == 1 && b.rs >= 0 && b.off >= 0 && n >= 8 {
        return fma_gemm_rows(a, b, m, k, n, out);
    }
    // Rows of A and columns of B packed contiguously; four output columns
    // at a time so that four independent FMA chains overlap.
    let ap = if a.cs == 1 { None } else { Some(dense(a, m, k)) };
    let bt = dense(Mat { buf: b.buf, off: b.off, rs: b.cs, cs: b.rs }, n, k);
    for i in 0..m {
        let row: &[f64] = match &ap {
            Some(p) => &p[i * k..(i + 1) * k],
            None => {
                let s = (a.off + i as isize * a.rs) as usize;
                &a.buf[s..s + k]
            }
        };
        let mut j = 0;
        while j + 4 <= n {
            let (c0, c1, c2, c3) = (
                &bt[j * k..(j + 1) * k],
                &bt[(j + 1) * k..(j + 2) * k],
                &bt[(j + 2) * k..(j + 3) * k],
                &bt[(j + 3) * k..(j + 4) * k],
            );
            let (mut s0, mut s1, mut s2, mut s3) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
            for q in 0..k {
                let x = row[q];
                s0 = x.mul_add(c0[q], s0);
                s1 = x.mul_add(c1[q], s1);
                s2 = x.mul_add(c2[q], s2);
                s3 = x.mul_add(c3[q], s3);
            }
            out[i * n + j..i * n + j + 4].copy_from_slice(&[s0, s1, s2, s3]);
            j += 4;
        }
        while j < n {
            let c = &bt[j * k..(j + 1) * k];
            let mut acc = 0.0f64;
            for q in 0..k {
                acc = row[q].mul_add(c[q], acc);
            }
            out[i * n + j] = acc;
            j += 1;
        }
    }
}

/// [`fma_gemm_body`] for a `b` with contiguous rows: the same chain per
/// element (`fma(a[i, q], b[q, j], acc)` for `q` in order, from `0.0`),
/// eight columns of four rows side by side, read straight from `b`'s rows
/// (a 10 x 10 product: 6.5 K instructions with `b` packed by columns,
/// ~1.5 K this way).
#[inline(always)]
fn fma_gemm_rows(a: Mat<f64>, b: Mat<f64>, m: usize, k: usize, n: usize, out: &mut [f64]) {
    let ap = if a.cs == 1 { None } else { Some(dense(a, m, k)) };
    let row = |i: usize| -> &[f64] {
        match &ap {
            Some(p) => &p[i * k..(i + 1) * k],
            None => {
                let s = (a.off + i as isize * a.rs) as usize;
                &a.buf[s..s + k]
            }
        }
    };
    let bb = &b.buf[b.off as usize..];
    let rs = b.rs as usize;
    let mut i = 0;
    while i + 4 <= m {
        rows_block::<4>([row(i), row(i + 1), row(i + 2), row(i + 3)], bb, rs, n, &mut out[i * n..(i + 4) * n]);
        i += 4;
    }
    let rest = &mut out[i * n..];
    match m - i {
        3 => rows_block::<3>([row(i), row(i + 1), row(i + 2)], bb, rs, n, rest),
        2 => rows_block::<2>([row(i), row(i + 1)], bb, rs, n, rest),
        1 => rows_block::<1>([row(i)], bb, rs, n, rest),
        _ => {}
    }
}

/// `out` (R rows of `n`) = the rows `r` (of `k`) times `b` (`k` rows of
/// `n` elements, `rs` apart), each element one in-order FMA chain.
#[inline(always)]
fn rows_block<const R: usize>(r: [&[f64]; R], b: &[f64], rs: usize, n: usize, out: &mut [f64]) {
    let k = r[0].len();
    let r: [&[f64]; R] = r.map(|s| &s[..k]);
    let mut j = 0;
    while j + 8 <= n {
        let mut acc = [[0.0f64; 8]; R];
        for q in 0..k {
            let bq = &b[q * rs + j..][..8];
            for t in 0..R {
                let x = r[t][q];
                for l in 0..8 {
                    acc[t][l] = x.mul_add(bq[l], acc[t][l]);
                }
            }
        }
        for (t, acc) in acc.iter().enumerate() {
            out[t * n + j..t * n + j + 8].copy_from_slice(acc);
        }
        j += 8;
    }
    let (b, out) = (&b[j..], &mut out[j..]);
    match n - j {
        7 => cols_tail::<R, 7>(r, b, rs, n, out),
        6 => cols_tail::<R, 6>(r, b, rs, n, out),
        5 => cols_tail::<R, 5>(r, b, rs, n, out),
        4 => cols_tail::<R, 4>(r, b, rs, n, out),
        3 => cols_tail::<R, 3>(r, b, rs, n, out),
        2 => cols_tail::<R, 2>(r, b, rs, n, out),
        1 => cols_tail::<R, 1>(r, b, rs, n, out),
        _ => {}
    }
}

/// The last `W` (< 8) columns of [`rows_block`]: `out[t * n + l]` = row
/// `t` times column `l` of `b`, each one in-order FMA chain, all `R * W`
/// chains side by side (one at a time, a 60 x 60 product spent most of
/// its time waiting on the chains of its last four columns).
#[inline(always)]
fn cols_tail<const R: usize, const W: usize>(r: [&[f64]; R], b: &[f64], rs: usize, n: usize, out: &mut [f64]) {
    let k = r[0].len();
    let mut acc = [[0.0f64; W]; R];
    for q in 0..k {
        let bq = &b[q * rs..][..W];
        for t in 0..R {
            let x = r[t][q];
            for l in 0..W {
                acc[t][l] = x.mul_add(bq[l], acc[t][l]);
            }
        }
    }
    for (t, acc) in acc.iter().enumerate() {
        out[t * n..t * n + W].copy_from_slice(acc);
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
fn fma_gemm_hw(a: Mat<f64>, b: Mat<f64>, m: usize, k: usize, n: usize, out: &mut [f64]) {
    fma_gemm_body(a, b, m, k, n, out)
}

pub(crate) fn fma_gemm(a: Mat<f64>, b: Mat<f64>, m: usize, k: usize, n: usize, out: &mut [f64]) {
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("fma") {
        // SAFETY: the CPU supports AVX2 and FMA, checked just above.
        unsafe { fma_gemm_hw(a, b, m, k, n, out) };
        return;
    }
    fma_gemm_body(a, b, m, k, n, out)
}

/// Copies a strided operand into a row-major vector.
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
            let v = DMatrixView::from_slice_with_strides(
                &a.buf[start..start + span],
                rows,
                cols,
                a.rs as usize,
                a.cs as usize,
            );
            return f(v);
        }
    }
    let d = dense(a, rows, cols);
    f(DMatrixView::from_slice_with_strides(&d, rows, cols, cols, 1))
}

macro_rules! nalgebra_gemm {
    ($name:ident, $t:ty, $one:expr, $zero:expr) => {
        pub(crate) fn $name(a: Mat<$t>, b: Mat<$t>, m: usize, k: usize, n: usize, out: &mut [$t]) {
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

impl Product for f64 {
    fn gemm(a: Mat<f64>, b: Mat<f64>, m: usize, k: usize, n: usize, out: &mut [f64]) -> ArrayResult<()> {
        if m == 0 || n == 0 {
            return Ok(());
        }
        if k == 0 {
            out.iter_mut().for_each(|v| *v = 0.0);
            return Ok(());
        }
        if m == 1 && n == 1 {
            // NumPy's matmul takes a row times a column as a dot product.
            let x = Vec1 { buf: a.buf, off: a.off, stride: a.cs };
            let y = Vec1 { buf: b.buf, off: b.off, stride: b.rs };
            out[0] = Self::dot(x, y, k, false)?;
            return Ok(());
        }
        if n == 1 {
            let v = Vec1 { buf: b.buf, off: b.off, stride: b.rs };
            return matvec(a, v, m, k, out);
        }
        if m == 1 {
            // A row times a matrix: NumPy's `gemv` on the transpose.
            let t = Mat { buf: b.buf, off: b.off, rs: b.cs, cs: b.rs };
            return matvec(t, Vec1 { buf: a.buf, off: a.off, stride: a.cs }, n, k, out);
        }
        if takes_outer_sum(m, k, n) && super::tall::outer_sum(a, b, m, k, n, out)? {
            return Ok(());
        }
        if !takes_blocked_kernel(m, k, n) {
            fma_gemm(a, b, m, k, n, out);
        } else if !super::blocked::gemm(a, b, m, k, n, out)? {
            // Without AVX-512: matrixmultiply (same sums as the blocked
            // kernel), in blocks of rows, so that Ctrl-C is seen between blocks of about
            // 2^27 multiply-adds (each element's sum is unchanged: the
            // kernel blocks the inner dimension the same way for any rows).
            let rows = ((1usize << 27) / k.saturating_mul(n).max(1)).max(128);
            let mut r0 = 0;
            while r0 < m {
                crate::array::cancel::check()?;
                let r1 = (r0 + rows).min(m);
                let block = Mat { buf: a.buf, off: a.off + r0 as isize * a.rs, rs: a.rs, cs: a.cs };
                nalgebra_gemm_f64(block, b, r1 - r0, k, n, &mut out[r0 * n..r1 * n]);
                r0 = r1;
            }
        }
        Ok(())
    }

    fn product_new(a: Mat<f64>, b: Mat<f64>, m: usize, k: usize, n: usize) -> ArrayResult<Option<Vec<f64>>> {
        // The big matrix-vector products of `gemm` (same kernel, same sums).
        if n == 1 && takes_row_kernel(m, k) && gemv_t_layout(a, b, k) {
            let v = Vec1 { buf: b.buf, off: b.off, stride: b.rs };
            return super::tall::matvec_new(a, v, m, k);
        }
        // What `gemm` gives to the blocked kernel, stored into a buffer
        // that is not zeroed first.
        if m > 1 && n > 1 && !takes_outer_sum(m, k, n) && takes_blocked_kernel(m, k, n) {
            let len = m * n;
            let mut out = Vec::with_capacity(len);
            if super::blocked::gemm_into(a, b, m, k, n, &mut out.spare_capacity_mut()[..len])? {
                // SAFETY: `gemm_into` returned true, so it stored all of
                // the first `len` elements.
                unsafe { out.set_len(len) };
                return Ok(Some(out));
            }
        }
        Ok(None)
    }

    fn dot(x: Vec1<f64>, y: Vec1<f64>, n: usize, copy: bool) -> ArrayResult<f64> {
        if n == 0 {
            return Ok(0.0);
        }
        Ok(blas_or_loop(
            x,
            y,
            n,
            copy,
            |x, y| {
                if x.stride == 1 && y.stride == 1 {
                    let (xo, yo) = (x.off as usize, y.off as usize);
                    ddot(&x.buf[xo..xo + n], &y.buf[yo..yo + n])
                } else {
                    strided_ddot(n, |i| x.at(i), |i| y.at(i))
                }
            },
            |x, y| {
                let mut sum = 0.0;
                for i in 0..n {
                    sum += x.at(i) * y.at(i);
                }
                sum
            },
        ))
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

/// The `ddot` loop itself, for kernels that inline it into their own FMA build.
#[inline(always)]
pub(crate) fn ddot_body(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len().min(y.len());
    let (x, y) = (&x[..n], &y[..n]);
    let (xs, x_tail) = x.as_chunks::<16>();
    let (ys, y_tail) = y.as_chunks::<16>();
    let mut acc = [[0.0f64; 4]; 4];
    for (xb, yb) in xs.iter().zip(ys) {
        ddot_step(&mut acc, xb, yb);
    }
    ddot_finish(&acc, !xs.is_empty(), x_tail, y_tail)
}

/// One 16-element block of OpenBLAS's `ddot`: four groups of four FMA chains.
#[inline(always)]
fn ddot_step(acc: &mut [[f64; 4]; 4], x: &[f64; 16], y: &[f64; 16]) {
    for (j, a) in acc.iter_mut().enumerate() {
        for (l, v) in a.iter_mut().enumerate() {
            let p = 4 * j + l;
            *v = x[p].mul_add(y[p], *v);
        }
    }
}

/// The end of OpenBLAS's `ddot`: the sixteen chains added pairwise (only
/// when at least one block ran), then the tail term by term.
#[inline(always)]
fn ddot_finish(acc: &[[f64; 4]; 4], any_block: bool, x_tail: &[f64], y_tail: &[f64]) -> f64 {
    let mut dot = 0.0f64;
    if any_block {
        let e: [[f64; 2]; 4] = acc.map(|a| [a[0] + a[2], a[1] + a[3]]);
        let e0 = [e[0][0] + e[1][0], e[0][1] + e[1][1]];
        let e2 = [e[2][0] + e[3][0], e[2][1] + e[3][1]];
        let v = [e0[0] + e2[0], e0[1] + e2[1]];
        dot = v[0] + v[1];
    }
    for (&x, &y) in x_tail.iter().zip(y_tail) {
        dot += y * x;
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
    fn gemm(
        a: Mat<Complex64>,
        b: Mat<Complex64>,
        m: usize,
        k: usize,
        n: usize,
        out: &mut [Complex64],
    ) -> ArrayResult<()> {
        if m == 0 || n == 0 {
            return Ok(());
        }
        if m == 1 && n == 1 {
            let x = Vec1 { buf: a.buf, off: a.off, stride: a.cs };
            let y = Vec1 { buf: b.buf, off: b.off, stride: b.rs };
            out[0] = Self::dot(x, y, k, false)?;
            return Ok(());
        }
        if m.saturating_mul(k).saturating_mul(n) <= (1 << 15) {
            zgemm_small(a, b, m, k, n, out);
        } else {
            // Pack A by rows and B by columns so the inner loops run on
            // contiguous memory.
            let ap = dense(a, m, k);
            let bt = dense(Mat { buf: b.buf, off: b.off, rs: b.cs, cs: b.rs }, n, k);
            let pa = Mat { buf: &ap, off: 0, rs: k as isize, cs: 1 };
            let pb = Mat { buf: &bt, off: 0, rs: 1, cs: k as isize };
            zgemm_small(pa, pb, m, k, n, out);
        }
        Ok(())
    }

    fn dot(x: Vec1<Complex64>, y: Vec1<Complex64>, n: usize, copy: bool) -> ArrayResult<Complex64> {
        if n == 0 {
            return Ok(Complex64::new(0.0, 0.0));
        }
        Ok(blas_or_loop(
            x,
            y,
            n,
            copy,
            |x, y| zdot(x, y, n),
            |x, y| {
                let (mut sr, mut si) = (0.0f64, 0.0f64);
                for i in 0..n {
                    let (a, b) = (x.at(i), y.at(i));
                    sr += a.re * b.re - a.im * b.im;
                    si += a.re * b.im + a.im * b.re;
                }
                Complex64::new(sr, si)
            },
        ))
    }
}

/// OpenBLAS's `zdotu` (Haswell kernel for unit strides: blocks of eight
/// with four FMA partial sums re·re, im·im, re·im, im·re in two lanes each;
/// the rest, and strided operands, added in order).
fn zdot(x: Vec1<Complex64>, y: Vec1<Complex64>, n: usize) -> Complex64 {
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("fma") {
        // SAFETY: the CPU supports FMA, checked just above.
        return unsafe { zdot_hw(x, y, n) };
    }
    zdot_body(x, y, n)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "fma")]
fn zdot_hw(x: Vec1<Complex64>, y: Vec1<Complex64>, n: usize) -> Complex64 {
    zdot_body(x, y, n)
}

#[inline(always)]
fn zdot_body(x: Vec1<Complex64>, y: Vec1<Complex64>, n: usize) -> Complex64 {
    let mut d = [0.0f64; 4];
    let mut i = 0;
    if x.stride == 1 && y.stride == 1 {
        let n1 = n & !7;
        if n1 > 0 {
            let mut direct = [[0.0f64; 4]; 4];
            let mut cross = [[0.0f64; 4]; 4];
            while i < n1 {
                for j in 0..4 {
                    for c in 0..2 {
                        let (a, b) = (x.at(i + 2 * j + c), y.at(i + 2 * j + c));
                        direct[j][2 * c] = a.re.mul_add(b.re, direct[j][2 * c]);
                        direct[j][2 * c + 1] = a.im.mul_add(b.im, direct[j][2 * c + 1]);
                        cross[j][2 * c] = a.re.mul_add(b.im, cross[j][2 * c]);
                        cross[j][2 * c + 1] = a.im.mul_add(b.re, cross[j][2 * c + 1]);
                    }
                }
                i += 8;
            }
            let fold = |r: &[[f64; 4]; 4]| {
                let s: Vec<f64> = (0..4).map(|l| (r[0][l] + r[1][l]) + (r[2][l] + r[3][l])).collect();
                [s[0] + s[2], s[1] + s[3]]
            };
            let (p, q) = (fold(&direct), fold(&cross));
            d = [p[0], p[1], q[0], q[1]];
        }
    }
    while i < n {
        let (a, b) = (x.at(i), y.at(i));
        d[0] += a.re * b.re;
        d[1] += a.im * b.im;
        d[2] += a.re * b.im;
        d[3] += a.im * b.re;
        i += 1;
    }
    Complex64::new(d[0] - d[1], d[2] + d[3])
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

    fn dot(x: Vec1<i64>, y: Vec1<i64>, n: usize, _copy: bool) -> ArrayResult<i64> {
        let mut acc = 0i64;
        for i in 0..n {
            let p = x.at(i).checked_mul(y.at(i));
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

    fn dot(x: Vec1<bool>, y: Vec1<bool>, n: usize, _copy: bool) -> ArrayResult<bool> {
        Ok((0..n).any(|i| x.at(i) && y.at(i)))
    }
}
