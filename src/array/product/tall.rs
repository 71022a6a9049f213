//! Float products whose shape the general kernels handle badly, on all
//! cores: a big matrix times a vector (`A @ x`, also with `A` a transposed
//! view such as `X.T @ err`), and a product with a long inner dimension
//! and a small result (`X.T @ X` for `X` of shape (1e6, 10)), which is a
//! sum of outer products of rows.
//!
//! Summation orders: a matrix-vector product with rows in memory takes each
//! row's dot product in OpenBLAS's `dgemv_t` order (see [`super::gemv`]);
//! the column and outer-product forms accumulate in order within
//! each thread's slice of the inner dimension, and the slices' partial sums
//! are added in order. Big products of OpenBLAS split their work too, so
//! their last bits were never reproducible.

use super::gemv::fix_edges;
use super::kernel::{Mat, Vec1};
use crate::array::error::ArrayResult;
use crate::array::parallel::{parts_for, run_ranges, threads};
use std::mem::MaybeUninit;
use std::sync::Mutex;

/// Multiply-adds from which these kernels are used.
pub(crate) const TALL_MIN: usize = 1 << 16;

/// Multiply-adds per Ctrl-C check and per work unit handed out.
const WORK_CHUNK: usize = 1 << 18;

/// The `k` elements of `v` as a slice: borrowed when they are contiguous,
/// else gathered into a new vector.
pub(super) fn contiguous(v: Vec1<'_, f64>, k: usize) -> std::borrow::Cow<'_, [f64]> {
    if v.stride == 1 && v.off >= 0 {
        std::borrow::Cow::Borrowed(&v.buf[v.off as usize..v.off as usize + k])
    } else {
        std::borrow::Cow::Owned((0..k).map(|i| v.buf[(v.off + i as isize * v.stride) as usize]).collect())
    }
}

/// `out (m) = a (m x k) @ v (k)` when `a` has unit row or column stride;
/// `false` (nothing written) for other layouts.
pub(crate) fn matvec(a: Mat<f64>, v: Vec1<f64>, m: usize, k: usize, out: &mut [f64]) -> ArrayResult<bool> {
    if a.cs != 1 && a.rs != 1 || a.off < 0 || a.rs < 0 || a.cs < 0 {
        return Ok(false);
    }
    let v = contiguous(v, k);
    let v: &[f64] = &v;
    let off = a.off as usize;
    if a.cs == 1 {
        let rs = a.rs as usize;
        let buf = a.buf;
        crate::array::parallel::update_slice_chunked(out, (WORK_CHUNK / k.max(1)).max(1), |start, part| {
            // SAFETY: `MaybeUninit<f64>` has the layout of `f64`, and the
            // kernel only writes initialized values through this view.
            let raw = unsafe { &mut *(part as *mut [f64] as *mut [MaybeUninit<f64>]) };
            row_dots_any(buf, off + start * rs, rs, k, v, raw);
            fix_edges(buf, off, rs, m, v, start, part);
        })?;
    } else {
        let cs = a.cs as usize;
        // (An AVX-512 version holding the sums in registers measured 1.7
        // times slower here on the (1e6, 10) bench matrix.)
        let partial =
            accumulate_parts(k, m, |lo, hi, acc| with_fma!(column_axpys(a.buf, off, cs, &v[lo..hi], lo, acc)))?;
        out.copy_from_slice(&partial);
    }
    Ok(true)
}

/// [`matvec`] into a new vector, for `a` with unit column stride (`None`
/// otherwise). Each thread writes its rows straight into the new buffer,
/// with no zero fill of the whole result first (a pass over memory that
/// costs as much as the product's own writes).
pub(crate) fn matvec_new(a: Mat<f64>, v: Vec1<f64>, m: usize, k: usize) -> ArrayResult<Option<Vec<f64>>> {
    if a.cs != 1 || a.off < 0 || a.rs < 0 {
        return Ok(None);
    }
    let v = contiguous(v, k);
    let v: &[f64] = &v;
    let (off, rs, buf) = (a.off as usize, a.rs as usize, a.buf);
    let mut out = crate::array::parallel::build_vec_chunked(m, (WORK_CHUNK / k.max(1)).max(1), |start, part| {
        row_dots_any(buf, off + start * rs, rs, k, v, part)
    })?;
    fix_edges(buf, off, rs, m, v, 0, &mut out);
    Ok(Some(out))
}

/// Rows `first..first + out.len()` of the `m`-row product [`matvec_new`]
/// makes of the matrix whose row `r` is `buf[off + r * rs..][..k]` and the
/// contiguous `v`: the same kernel, whose rows do not depend on which
/// others it makes along with them, and the same odd rows, so the same
/// bits.
#[allow(clippy::too_many_arguments)]
pub(crate) fn matvec_rows(
    buf: &[f64],
    off: usize,
    rs: usize,
    m: usize,
    k: usize,
    v: &[f64],
    first: usize,
    out: &mut [f64],
) {
    // SAFETY: `MaybeUninit<f64>` has the layout of `f64`, and the kernel
    // only writes initialized values through this view.
    let raw = unsafe { &mut *(out as *mut [f64] as *mut [MaybeUninit<f64>]) };
    row_dots_any(buf, off + first * rs, rs, k, v, raw);
    fix_edges(buf, off, rs, m, &v[..k], first, out);
}

/// [`body::row_dots`] in the widest build the CPU runs (for rows shorter
/// than 16 on AVX-512, the transposing kernel of [`super::short_rows`]).
fn row_dots_any(buf: &[f64], start: usize, rs: usize, k: usize, v: &[f64], out: &mut [MaybeUninit<f64>]) {
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("avx512f") && std::is_x86_feature_detected!("avx512vl") {
        // SAFETY: the CPU has the features the AVX-512 builds assume
        // (AVX-512 CPUs also have AVX2 and FMA).
        unsafe {
            if k < 16 && super::short_rows::short_row_dots(buf, start, rs, k, v, out) {
                return;
            }
            if k >= 16 {
                return super::gemv::row_dots_avx2(buf, start, rs, &v[..k], out);
            }
            return hw::row_dots_avx512(buf, start, rs, k, v, out);
        }
    }
    with_fma!(row_dots(buf, start, rs, k, v, out))
}

/// `out (m x n, row-major) = a (m x k) @ b (k x n)` as a sum over the inner
/// index of outer products, for `a` with unit row stride (a transposed
/// C-ordered matrix) and `b` with unit column stride; `false` otherwise.
pub(crate) fn outer_sum(a: Mat<f64>, b: Mat<f64>, m: usize, k: usize, n: usize, out: &mut [f64]) -> ArrayResult<bool> {
    if a.rs != 1 || b.cs != 1 || a.off < 0 || b.off < 0 || a.cs < 0 || b.rs < 0 {
        return Ok(false);
    }
    let ops = OuterOperands {
        a: a.buf,
        ao: a.off as usize,
        acs: a.cs as usize,
        m,
        b: b.buf,
        bo: b.off as usize,
        brs: b.rs as usize,
        n,
    };
    let partial = accumulate_parts(k, m * n, |lo, hi, acc| {
        #[cfg(target_arch = "x86_64")]
        if n <= 16 && std::is_x86_feature_detected!("avx512f") {
            // SAFETY: the CPU has AVX-512F, checked just above.
            return unsafe { avx512::outer_products(ops, lo, hi, acc) };
        }
        with_fma!(outer_products(ops, lo, hi, acc))
    })?;
    out.copy_from_slice(&partial);
    Ok(true)
}

/// The operands of a sum of outer products: column `j` of `a` is
/// `a[ao + j * acs..][..m]` and row `j` of `b` is `b[bo + j * brs..][..n]`.
#[derive(Clone, Copy)]
struct OuterOperands<'a> {
    a: &'a [f64],
    ao: usize,
    acs: usize,
    m: usize,
    b: &'a [f64],
    bo: usize,
    brs: usize,
    n: usize,
}

/// Calls the `_body` form of a kernel compiled for AVX2 + FMA when the CPU
/// has them (so `mul_add` is one instruction, not a library call), else the
/// portable build of the same code (same results).
macro_rules! with_fma {
    ($name:ident($($arg:expr),*)) => {{
        #[cfg(target_arch = "x86_64")]
        {
            if std::is_x86_feature_detected!("fma") && std::is_x86_feature_detected!("avx2") {
                // SAFETY: the CPU has the features the `_hw` build assumes.
                unsafe { hw::$name($($arg),*) }
            } else {
                body::$name($($arg),*)
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            body::$name($($arg),*)
        }
    }};
}
use with_fma;

/// The kernels' code, inlined into the portable and the FMA builds.
mod body {
    use super::super::gemv::{row1, rows4};
    use super::{MaybeUninit, OuterOperands};

    /// `out[r] = row r . v` for the rows starting at `start + r * rs`, in
    /// the order of OpenBLAS's four-row `dgemv_t` kernel (see
    /// [`super::gemv`]), four rows at a time so that their chains overlap.
    #[inline(always)]
    pub fn row_dots(buf: &[f64], start: usize, rs: usize, k: usize, v: &[f64], out: &mut [MaybeUninit<f64>]) {
        let v = &v[..k];
        let mut quads = out.chunks_exact_mut(4);
        let mut s = start;
        for quad in &mut quads {
            let rows = [0, 1, 2, 3].map(|g| &buf[s + g * rs..s + g * rs + k]);
            quad.write_copy_of_slice(&rows4(rows, v));
            s += 4 * rs;
        }
        for o in quads.into_remainder() {
            o.write(row1(&buf[s..s + k], v));
            s += rs;
        }
    }

    /// `acc += column j * x_j` for the columns `first..first + xs.len()`
    /// (column j starts at `off + j * cs`, `acc.len()` long).
    #[inline(always)]
    pub fn column_axpys(buf: &[f64], off: usize, cs: usize, xs: &[f64], first: usize, acc: &mut [f64]) {
        let m = acc.len();
        for (j, &x) in xs.iter().enumerate() {
            let s = off + (first + j) * cs;
            for (o, &c) in acc.iter_mut().zip(&buf[s..s + m]) {
                *o = c.mul_add(x, *o);
            }
        }
    }

    /// `acc (m x n) += outer(column j of a, row j of b)` for `j` in `lo..hi`.
    #[inline(always)]
    pub fn outer_products(ops: OuterOperands, lo: usize, hi: usize, acc: &mut [f64]) {
        let OuterOperands { a, ao, acs, m, b, bo, brs, n } = ops;
        for j in lo..hi {
            let col = &a[ao + j * acs..ao + j * acs + m];
            let row = &b[bo + j * brs..bo + j * brs + n];
            for (&x, out) in col.iter().zip(acc.chunks_exact_mut(n)) {
                for (o, &y) in out.iter_mut().zip(row) {
                    *o = x.mul_add(y, *o);
                }
            }
        }
    }
}

/// The kernels built for AVX2 + FMA.
#[cfg(target_arch = "x86_64")]
mod hw {
    use super::{MaybeUninit, OuterOperands};

    /// [`super::body::row_dots`] with AVX-512's 32 vector registers, enough
    /// for the sixteen accumulators of four rows at once.
    #[target_feature(enable = "avx512f,avx512vl,avx2,fma")]
    pub unsafe fn row_dots_avx512(
        buf: &[f64],
        start: usize,
        rs: usize,
        k: usize,
        v: &[f64],
        out: &mut [MaybeUninit<f64>],
    ) {
        super::body::row_dots(buf, start, rs, k, v, out)
    }
    /// [`super::body::row_dots`] with AVX2 + FMA.
    #[target_feature(enable = "avx2,fma")]
    pub unsafe fn row_dots(buf: &[f64], start: usize, rs: usize, k: usize, v: &[f64], out: &mut [MaybeUninit<f64>]) {
        super::body::row_dots(buf, start, rs, k, v, out)
    }
    /// [`super::body::column_axpys`] with AVX2 + FMA.
    #[target_feature(enable = "avx2,fma")]
    pub unsafe fn column_axpys(buf: &[f64], off: usize, cs: usize, xs: &[f64], first: usize, acc: &mut [f64]) {
        super::body::column_axpys(buf, off, cs, xs, first, acc)
    }
    /// [`super::body::outer_products`] with AVX2 + FMA.
    #[target_feature(enable = "avx2,fma")]
    pub unsafe fn outer_products(ops: OuterOperands, lo: usize, hi: usize, acc: &mut [f64]) {
        super::body::outer_products(ops, lo, hi, acc)
    }
}

/// The column and outer-product kernels with their accumulators held in
/// AVX-512 registers for the whole range of terms (the portable kernels
/// update them in memory for every term). Each accumulator sees the same
/// FMAs in the same order as in [`body`], so the sums are the same bits.
#[cfg(target_arch = "x86_64")]
mod avx512 {
    use super::OuterOperands;
    use std::arch::x86_64::*;

    /// Lane mask of the vector starting at element `8 * v` of `len`.
    #[inline(always)]
    fn lanes(len: usize, v: usize) -> __mmask8 {
        let left = len.saturating_sub(8 * v);
        if left >= 8 {
            0xff
        } else {
            (1u8 << left) - 1
        }
    }

    /// Loads the elements of `x` from `8 * v` on into a vector (zero past the end).
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn load(x: &[f64], v: usize) -> __m512d {
        if 8 * v >= x.len() {
            return _mm512_setzero_pd();
        }
        // SAFETY: element `8 * v` exists, and the mask enables only lanes
        // inside `x`; the others are not read.
        unsafe { _mm512_maskz_loadu_pd(lanes(x.len(), v), x.as_ptr().add(8 * v)) }
    }

    /// Stores a vector's lanes into the elements of `x` from `8 * v` on.
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn store(x: &mut [f64], v: usize, val: __m512d) {
        if 8 * v < x.len() {
            // SAFETY: as in `load`, only lanes inside `x` are written.
            unsafe { _mm512_mask_storeu_pd(x.as_mut_ptr().add(8 * v), lanes(x.len(), v), val) }
        }
    }

    /// [`super::body::outer_products`] for `n <= 16`: tiles of up to 12
    /// rows of the result, each swept over the terms `lo..hi`.
    #[target_feature(enable = "avx512f")]
    pub unsafe fn outer_products(ops: OuterOperands, lo: usize, hi: usize, acc: &mut [f64]) {
        let (m, n) = (ops.m, ops.n);
        let mut i0 = 0;
        while i0 < m {
            let r = (m - i0).min(12);
            let part = &mut acc[i0 * n..(i0 + r) * n];
            let tile = OuterOperands { ao: ops.ao + i0, ..ops };
            macro_rules! go {
                ($($r:literal)*) => {
                    match (r, n > 8) {
                        $(($r, false) => outer_tile::<$r, 1>(tile, lo, hi, part),
                          ($r, true) => outer_tile::<$r, 2>(tile, lo, hi, part),)*
                        _ => {}
                    }
                };
            }
            go!(1 2 3 4 5 6 7 8 9 10 11 12);
            i0 += r;
        }
    }

    /// `acc (R x n) += outer(a[ao + j*acs ..][..R], b[bo + j*brs ..][..n])`
    /// for `j` in `lo..hi`, with `n <= 8 * V` (the first `R` rows of `ops`).
    #[target_feature(enable = "avx512f")]
    fn outer_tile<const R: usize, const V: usize>(ops: OuterOperands, lo: usize, hi: usize, acc: &mut [f64]) {
        let OuterOperands { a, ao, acs, b, bo, brs, n, .. } = ops;
        let mut s: [[__m512d; V]; R] =
            std::array::from_fn(|i| std::array::from_fn(|v| load(&acc[i * n..(i + 1) * n], v)));
        for j in lo..hi {
            let col = &a[ao + j * acs..ao + j * acs + R];
            let row = &b[bo + j * brs..bo + j * brs + n];
            let y: [__m512d; V] = std::array::from_fn(|v| load(row, v));
            for (si, &x) in s.iter_mut().zip(col) {
                let xv = _mm512_set1_pd(x);
                for (sv, &yv) in si.iter_mut().zip(&y) {
                    *sv = _mm512_fmadd_pd(xv, yv, *sv);
                }
            }
        }
        for (i, si) in s.iter().enumerate() {
            for (v, &sv) in si.iter().enumerate() {
                store(&mut acc[i * n..(i + 1) * n], v, sv);
            }
        }
    }
}

/// Splits the inner range `0..k` into one slice per thread; `add(lo, hi,
/// acc)` accumulates the terms `lo..hi` into a zeroed partial result of
/// `len` elements; the partials are summed in order.
fn accumulate_parts(k: usize, len: usize, add: impl Fn(usize, usize, &mut [f64]) + Sync) -> ArrayResult<Vec<f64>> {
    let parts = parts_for(k.saturating_mul(len), TALL_MIN * 4).min(threads());
    let per_chunk = (WORK_CHUNK / len.max(1)).max(1);
    let partials: Mutex<Vec<(usize, Vec<f64>)>> = Mutex::new(Vec::new());
    let bounds: Vec<usize> = (0..=parts).map(|p| k * p / parts).collect();
    run_ranges(parts, 1, 1, parts, |p, _| {
        let (lo, hi) = (bounds[p], bounds[p + 1]);
        let mut acc = vec![0.0; len];
        let mut j = lo;
        while j < hi {
            crate::array::cancel::check()?;
            let next = (j + per_chunk).min(hi);
            add(j, next, &mut acc);
            j = next;
        }
        if let Ok(mut list) = partials.lock() {
            list.push((p, acc));
        }
        Ok(())
    })?;
    let mut list = partials.into_inner().unwrap_or_default();
    list.sort_by_key(|(p, _)| *p);
    let mut parts_iter = list.into_iter().map(|(_, v)| v);
    let mut total = parts_iter.next().unwrap_or_else(|| vec![0.0; len]);
    for part in parts_iter {
        for (t, x) in total.iter_mut().zip(part) {
            *t += x;
        }
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(a: &[f64], m: usize, k: usize, b: &[f64], n: usize) -> Vec<f64> {
        let mut out = vec![0.0; m * n];
        for i in 0..m {
            for l in 0..n {
                out[i * n + l] = (0..k).map(|j| a[i * k + j] * b[j * n + l]).sum();
            }
        }
        out
    }

    #[test]
    fn register_kernels_match_the_portable_ones_to_the_bit() {
        let k = 70_001usize;
        for (m, n) in [(10usize, 10usize), (1, 1), (3, 16), (17, 9), (13, 5), (32, 2), (25, 12)] {
            // a: the transpose of a (k x m) C-ordered matrix; b: (k x n) C order.
            let at: Vec<f64> = (0..k * m).map(|i| ((i * 7919) % 1013) as f64 / 7.0 - 60.0).collect();
            let b: Vec<f64> = (0..k * n).map(|i| ((i * 104_729) % 997) as f64 / 3.0 - 100.0).collect();
            let tm = Mat { buf: &at, off: 0, rs: 1, cs: m as isize };
            let mut out = vec![0.0; m * n];
            assert!(outer_sum(tm, Mat { buf: &b, off: 0, rs: n as isize, cs: 1 }, m, k, n, &mut out).unwrap());
            let expect = accumulate_parts(k, m * n, |lo, hi, acc| {
                let ops = OuterOperands { a: &at, ao: 0, acs: m, m, b: &b, bo: 0, brs: n, n };
                body::outer_products(ops, lo, hi, acc)
            })
            .unwrap();
            assert!(out.iter().zip(&expect).all(|(x, y)| x.to_bits() == y.to_bits()), "outer {m}x{n}");
            if m == 1 {
                continue; // a single row: the row kernel, not the column one
            }
            let v = &b[..k];
            let mut out = vec![0.0; m];
            assert!(matvec(tm, Vec1 { buf: v, off: 0, stride: 1 }, m, k, &mut out).unwrap());
            let expect =
                accumulate_parts(k, m, |lo, hi, acc| body::column_axpys(&at, 0, m, &v[lo..hi], lo, acc)).unwrap();
            assert!(out.iter().zip(&expect).all(|(x, y)| x.to_bits() == y.to_bits()), "column {m}");
        }
    }

    /// `body::row_dots`, the short-row kernel where the CPU has it, and
    /// `matvec_new` on rows of every length below 16, with row counts that
    /// leave every remainder of eight, rows further apart than their
    /// length, and the last row ending the buffer: the same bits as
    /// OpenBLAS's `dgemv_t` order per row.
    #[test]
    fn short_rows_match_the_gemv_order_to_the_bit() {
        let read = |o: &[MaybeUninit<f64>]| -> Vec<u64> {
            // SAFETY: the kernels wrote every element.
            o.iter().map(|x| unsafe { x.assume_init() }.to_bits()).collect()
        };
        for k in 1..16usize {
            for (m, rs, start) in [(1, k, 0), (7, k, 3), (8, k, 0), (29, k + 3, 5), (1003, k, 0), (517, 2 * k + 17, 1)]
            {
                let len = start + (m - 1) * rs + k;
                let buf: Vec<f64> =
                    (0..len).map(|i| ((i * 7919) % 1013) as f64 / 7.3 * 10f64.powi((i % 7) as i32 - 3) - 0.7).collect();
                let v: Vec<f64> = (0..k).map(|i| (i as f64 * 0.37 - 1.1) * 1.3f64.powi(i as i32)).collect();
                let expect: Vec<u64> = (0..m)
                    .map(|r| {
                        let row = &buf[start + r * rs..start + r * rs + k];
                        super::super::gemv::row1(row, &v).to_bits()
                    })
                    .collect();
                let mut out = vec![MaybeUninit::uninit(); m];
                body::row_dots(&buf, start, rs, k, &v, &mut out);
                assert_eq!(read(&out), expect, "portable k={k} m={m} rs={rs}");
                let mut out = vec![MaybeUninit::uninit(); m];
                row_dots_any(&buf, start, rs, k, &v, &mut out);
                assert_eq!(read(&out), expect, "dispatched k={k} m={m} rs={rs}");
                #[cfg(target_arch = "x86_64")]
                if std::is_x86_feature_detected!("avx512f") && std::is_x86_feature_detected!("avx512vl") {
                    let mut out = vec![MaybeUninit::uninit(); m];
                    // SAFETY: the CPU has the kernel's features.
                    assert!(unsafe { super::super::short_rows::short_row_dots(&buf, start, rs, k, &v, &mut out) });
                    assert_eq!(read(&out), expect, "avx-512 k={k} m={m} rs={rs}");
                    // Rows running past the buffer: refused, nothing read.
                    let mut out = vec![MaybeUninit::uninit(); m];
                    let short = &buf[..len - 1];
                    // SAFETY: as above.
                    assert!(!unsafe { super::super::short_rows::short_row_dots(short, start, rs, k, &v, &mut out) });
                }
                let a = Mat { buf: &buf, off: start as isize, rs: rs as isize, cs: 1 };
                let got = matvec_new(a, Vec1 { buf: &v, off: 0, stride: 1 }, m, k).unwrap().unwrap();
                let mut expect = expect;
                for (r, e) in super::super::gemv::edge_rows(m, k) {
                    let row = &buf[start + r * rs..start + r * rs + k];
                    expect[r] = super::super::gemv::edge_row(row, &v, e).to_bits();
                }
                assert_eq!(got.iter().map(|x| x.to_bits()).collect::<Vec<_>>(), expect, "matvec k={k} m={m}");
            }
        }
    }

    #[test]
    fn matvec_both_layouts_and_outer_sums_agree_with_a_plain_product() {
        let (m, k) = (37usize, 9000usize);
        let a: Vec<f64> = (0..m * k).map(|i| ((i * 7919) % 101) as f64 / 8.0).collect();
        let v: Vec<f64> = (0..k).map(|i| ((i * 31) % 17) as f64 / 4.0).collect();
        let expect = naive(&a, m, k, &v, 1);
        let mut out = vec![0.0; m];
        let am = Mat { buf: &a, off: 0, rs: k as isize, cs: 1 };
        assert!(matvec(am, Vec1 { buf: &v, off: 0, stride: 1 }, m, k, &mut out).unwrap());
        assert_eq!(out, expect);
        // The transpose of a (k x m) C-ordered matrix.
        let at: Vec<f64> = (0..k * m).map(|p| a[(p % m) * k + p / m]).collect();
        let tm = Mat { buf: &at, off: 0, rs: 1, cs: m as isize };
        let mut out2 = vec![0.0; m];
        assert!(matvec(tm, Vec1 { buf: &v, off: 0, stride: 1 }, m, k, &mut out2).unwrap());
        assert_eq!(out2, expect);
        let n = 3;
        let b: Vec<f64> = (0..k * n).map(|i| (i % 5) as f64).collect();
        let mut out3 = vec![0.0; m * n];
        assert!(outer_sum(tm, Mat { buf: &b, off: 0, rs: n as isize, cs: 1 }, m, k, n, &mut out3).unwrap());
        assert_eq!(out3, naive(&a, m, k, &b, n));
    }
}
