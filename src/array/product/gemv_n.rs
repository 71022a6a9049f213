//! The summation order of OpenBLAS's `dgemv_n` (Haswell kernels), which
//! NumPy uses for a matrix-vector product whose matrix has contiguous
//! columns: `A.T @ x` and `x @ A` for a C-ordered `A`, `A @ x` for an
//! F-ordered one. Element `i` of the product sums row `i` of the matrix
//! times `x` over the columns `j` in order:
//!
//! - rows made by the four-column kernels start at `0.0` and add, for each
//!   group of four columns, `fma(a2, x2, a0 x0) + fma(a3, x3, a1 x1)`; then,
//!   for two columns left over, `a0 x0 + a1 x1`, and for one, `a0 x0`;
//! - the last `w % 4` rows of a call of `w` rows (the odd rows) are a plain
//!   chain `t += a_j x_j` from zero, added to `0.0`; when the column stride
//!   is exactly that count (2 or 3) and `x` is contiguous, the chain adds
//!   the terms in pairs, `t += a0 x0 + a1 x1` (then in ones for the last
//!   `k % 4` columns).
//!
//! Products of at least 460,800 multiply-adds are split between the
//! OpenBLAS threads: by rows (each share has its own odd rows) or, when
//! that leaves one share (four rows or fewer), by columns, the shares'
//! partial sums then added in order.

use super::gemv::{blas_split, blas_threads_for};
use crate::array::error::ArrayResult;

/// A matrix with contiguous columns: element `(i, j)` is
/// `buf[off + i + j * cs]`.
#[derive(Clone, Copy)]
pub(crate) struct Cols<'a> {
    pub buf: &'a [f64],
    pub off: usize,
    pub cs: usize,
}

/// Rows per block of the kernel: their sums stay in L1 while the columns
/// stream by.
const ROW_BLOCK: usize = 256;

/// `out (m) = a (m x k) @ v (k)`; `unit_x` tells whether NumPy's `x` had
/// unit stride (OpenBLAS's pairwise odd-row code needs it).
pub(crate) fn gemv_n(a: Cols, m: usize, v: &[f64], unit_x: bool, out: &mut [f64]) -> ArrayResult<()> {
    let k = v.len();
    let threads = blas_threads_for(m, k);
    let rows = blas_split(m, threads);
    if threads > 1 && rows.len() == 1 {
        // Split by columns; the partial products added in order.
        let cols = blas_split(k, threads);
        out.iter_mut().for_each(|o| *o = 0.0);
        let mut part = vec![0.0; m];
        for (c0, c1) in cols {
            crate::array::cancel::check()?;
            let sub = Cols { off: a.off + c0 * a.cs, ..a };
            let (odd, pairs) = call_rows(m, a.cs, unit_x);
            small_call(sub, 0, &v[c0..c1], odd, pairs, &mut part)?;
            for (o, p) in out.iter_mut().zip(&part) {
                *o += p;
            }
        }
        return Ok(());
    }
    let calls: Vec<(usize, usize)> = rows;
    let shapes: Vec<(u32, bool)> = calls.iter().map(|&(r0, r1)| call_rows(r1 - r0, a.cs, unit_x)).collect();
    if m <= SMALL_CALL && m.saturating_mul(k) < ONE_PASS_MAX && !shapes.iter().any(|&(_, pairs)| pairs) {
        // All the calls' rows in one pass over the columns on one thread
        // (the calls of OpenBLAS's threads each read every column; below
        // this size waking a second thread costs more than the pass).
        let odd = calls.iter().zip(&shapes).fold(0, |acc, (&(r0, _), &(odd, _))| acc | odd << r0);
        return small_call(a, 0, v, odd, false, out);
    }
    if calls.iter().all(|&(r0, r1)| r1 - r0 <= SMALL_CALL) {
        // Few rows per call (`X.T @ err` for `X` of shape (1e6, 10): two
        // calls of five rows): each call in one pass over the columns, the
        // calls in parallel. Each thread reads the whole matrix, as
        // OpenBLAS's do; one thread alone runs at one core's bandwidth,
        // measured slower (3.85 against 3.6 ms at m = 1e6).
        let base = crate::array::parallel::SendPtr(out.as_mut_ptr());
        let parts = if m.saturating_mul(k) < super::tall::TALL_MIN { 1 } else { calls.len() };
        return crate::array::parallel::run_ranges(calls.len(), 1, 1, parts, |lo, hi| {
            for (&(r0, r1), &(odd, pairs)) in calls[lo..hi].iter().zip(&shapes[lo..hi]) {
                // SAFETY: the calls' row ranges are disjoint and inside
                // `out`, which is borrowed mutably for the whole call.
                let part = unsafe { std::slice::from_raw_parts_mut(base.get().add(r0), r1 - r0) };
                small_call(a, r0, v, odd, pairs, part)?;
            }
            Ok(())
        });
    }
    if m.saturating_mul(k) < super::tall::TALL_MIN {
        for (r0, r1) in calls {
            call(a, r0, r1, v, unit_x, &mut out[r0..r1]);
        }
        return Ok(());
    }
    // Each OpenBLAS call's rows in parallel blocks: a row's sum does not
    // depend on the others, only on whether it is an odd row of its call.
    let chunk = m.div_ceil(crate::array::parallel::threads()).clamp(1, ROW_BLOCK.max(m / 64));
    crate::array::parallel::update_slice_chunked(out, chunk, |start, part| {
        let end = start + part.len();
        for &(r0, r1) in &calls {
            let (lo, hi) = (r0.max(start), r1.min(end));
            if lo < hi {
                call_part(a, r0, r1, lo, hi, v, unit_x, &mut part[lo - start..hi - start]);
            }
        }
    })
}

/// Matrix elements below which the calls of a product of at most 16 rows
/// run in one pass on one thread, rather than a thread per call.
/// Measured on `X.T @ e`, `X` of shape (m, 10): one pass 0.08 ms at m =
/// 5e4 against 0.13 ms in two threads; 0.50 against 0.33 ms at m = 2e5.
const ONE_PASS_MAX: usize = 1 << 20;

/// The most rows per call [`small_call`] takes.
const SMALL_CALL: usize = 16;

/// Column groups between Ctrl-C checks in [`small_call`].
pub(super) const SMALL_CHECK: usize = 1 << 16;

/// The odd rows of one OpenBLAS call of `w` rows (bit `i`: its row `i`) and
/// whether their chains add terms in pairs (see the module's doc).
fn call_rows(w: usize, cs: usize, unit_x: bool) -> (u32, bool) {
    let main = w & !3;
    let odd = ((1u32 << w) - 1) & !((1u32 << main) - 1);
    (odd, unit_x && cs == w - main && w - main >= 2)
}

/// The `out.len() <= 16` rows from `r0` in one pass over the columns; bit
/// `i` of `odd` set: row `r0 + i` is an odd row of its call (`pairs`: for
/// all odd rows, whether their chains add terms in pairs).
fn small_call(a: Cols, r0: usize, v: &[f64], odd: u32, pairs: bool, out: &mut [f64]) -> ArrayResult<()> {
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("avx512f")
        && std::is_x86_feature_detected!("avx512vl")
        // SAFETY: the CPU has the features the AVX-512 build assumes
        // (AVX-512 CPUs also have AVX2 and FMA).
        && unsafe { super::short_cols::small_rows(a, r0, v, odd, pairs, out)? }
    {
        return Ok(());
    }
    macro_rules! go {
        ($($n:literal)*) => {
            match out.len() {
                $($n => {
                    #[cfg(target_arch = "x86_64")]
                    if has_fma() {
                        // SAFETY: the CPU has AVX2 and FMA, checked just above.
                        return unsafe { fma::small_rows::<$n>(a, r0, v, odd, pairs, out) };
                    }
                    small_rows::<$n>(a, r0, v, odd, pairs, out)
                })*
                _ => Ok(()),
            }
        };
    }
    go!(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16)
}

/// [`small_call`] for `N` rows: the four-column kernels' sums and the odd
/// rows' chains side by side for all rows (bit `i` of `odd` set: row `i`
/// is an odd row of its call, whose result is its chain), so that rows of
/// several calls are made in one pass over the columns.
#[inline(always)]
fn small_rows<const N: usize>(
    a: Cols,
    r0: usize,
    v: &[f64],
    odd: u32,
    pairs: bool,
    out: &mut [f64],
) -> ArrayResult<()> {
    let k = v.len();
    let all = (1u32 << N) - 1;
    let (sums, chains) = (odd & all != all, odd & all != 0);
    let col = |j: usize| -> [f64; N] {
        let c = &a.buf[a.off + r0 + j * a.cs..][..N];
        std::array::from_fn(|i| c[i])
    };
    let (mut y, mut t) = ([0.0f64; N], [0.0f64; N]);
    let mut j = 0;
    let mut groups = 0;
    while j + 4 <= k {
        groups += 1;
        if groups % SMALL_CHECK == 0 {
            crate::array::cancel::check()?;
        }
        let (c0, c1, c2, c3) = (col(j), col(j + 1), col(j + 2), col(j + 3));
        let (x0, x1, x2, x3) = (v[j], v[j + 1], v[j + 2], v[j + 3]);
        if sums {
            for i in 0..N {
                let p = c2[i].mul_add(x2, c0[i] * x0);
                let q = c3[i].mul_add(x3, c1[i] * x1);
                y[i] += p + q;
            }
        }
        if chains && pairs {
            for i in 0..N {
                t[i] += c0[i] * x0 + c1[i] * x1;
                t[i] += c2[i] * x2 + c3[i] * x3;
            }
        } else if chains {
            for i in 0..N {
                t[i] += c0[i] * x0;
                t[i] += c1[i] * x1;
                t[i] += c2[i] * x2;
                t[i] += c3[i] * x3;
            }
        }
        j += 4;
    }
    let rest = j;
    kernel_tail(&mut y, col, v, j);
    for (jj, &x) in v.iter().enumerate().skip(rest) {
        let c = col(jj);
        for i in 0..N {
            t[i] += c[i] * x;
        }
    }
    for (i, o) in out.iter_mut().enumerate() {
        *o = if odd >> i & 1 == 0 { y[i] } else { 0.0 + t[i] };
    }
    Ok(())
}

/// One OpenBLAS call over the rows `r0..r1`: writes their sums into `out`.
fn call(a: Cols, r0: usize, r1: usize, v: &[f64], unit_x: bool, out: &mut [f64]) {
    call_part(a, r0, r1, r0, r1, v, unit_x, out)
}

/// Rows `lo..hi` of the OpenBLAS call over rows `r0..r1`.
#[allow(clippy::too_many_arguments)]
fn call_part(a: Cols, r0: usize, r1: usize, lo: usize, hi: usize, v: &[f64], unit_x: bool, out: &mut [f64]) {
    let w = r1 - r0;
    let main_end = r0 + (w & !3);
    let mut i = lo;
    while i < hi.min(main_end) {
        let e = (i + ROW_BLOCK).min(hi.min(main_end));
        #[cfg(target_arch = "x86_64")]
        if has_fma() {
            // SAFETY: the CPU has AVX2 and FMA, checked just above.
            unsafe { fma::main_rows(a, i, v, &mut out[i - lo..e - lo]) };
            i = e;
            continue;
        }
        main_rows(a, i, v, &mut out[i - lo..e - lo]);
        i = e;
    }
    let odd = w & 3;
    let pairs = unit_x && a.cs == odd && odd >= 2;
    for r in main_end.max(lo)..hi {
        out[r - lo] = odd_row(a, r, v, pairs);
    }
}

/// The four-column kernels' sums for the rows `first..first + out.len()`.
#[inline(always)]
fn main_rows(a: Cols, first: usize, v: &[f64], out: &mut [f64]) {
    let n = out.len();
    out.iter_mut().for_each(|o| *o = 0.0);
    let col = |j: usize| &a.buf[a.off + first + j * a.cs..a.off + first + j * a.cs + n];
    let k = v.len();
    let mut j = 0;
    while j + 4 <= k {
        let (c0, c1, c2, c3) = (col(j), col(j + 1), col(j + 2), col(j + 3));
        let (x0, x1, x2, x3) = (v[j], v[j + 1], v[j + 2], v[j + 3]);
        for i in 0..n {
            let p = c2[i].mul_add(x2, c0[i] * x0);
            let q = c3[i].mul_add(x3, c1[i] * x1);
            out[i] += p + q;
        }
        j += 4;
    }
    kernel_tail(out, col, v, j);
}

/// The four-column kernels' last `k % 4` columns from `j` into the sums
/// `y`: two as `a0 x0 + a1 x1`, then one as `a0 x0`.
#[inline(always)]
fn kernel_tail<C: AsRef<[f64]>>(y: &mut [f64], col: impl Fn(usize) -> C, v: &[f64], j: usize) {
    let mut j = j;
    if v.len() - j >= 2 {
        let (c0, c1, x0, x1) = (col(j), col(j + 1), v[j], v[j + 1]);
        for ((y, a0), a1) in y.iter_mut().zip(c0.as_ref()).zip(c1.as_ref()) {
            *y += a0 * x0 + a1 * x1;
        }
        j += 2;
    }
    if j < v.len() {
        let (c0, x0) = (col(j), v[j]);
        for (y, a0) in y.iter_mut().zip(c0.as_ref()) {
            *y += a0 * x0;
        }
    }
}

/// The sum of an odd row `r`: a plain chain, in pairs when `pairs`.
fn odd_row(a: Cols, r: usize, v: &[f64], pairs: bool) -> f64 {
    let at = |j: usize| a.buf[a.off + r + j * a.cs];
    let k = v.len();
    let mut t = 0.0;
    let mut j = 0;
    if pairs {
        while j + 4 <= k {
            t += at(j) * v[j] + at(j + 1) * v[j + 1];
            t += at(j + 2) * v[j + 2] + at(j + 3) * v[j + 3];
            j += 4;
        }
    }
    while j < k {
        t += at(j) * v[j];
        j += 1;
    }
    0.0 + t
}

/// Whether the CPU runs the AVX2 + FMA builds of the kernels.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn has_fma() -> bool {
    std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("fma")
}

/// The kernels compiled with AVX2 + FMA, so that `mul_add` is one
/// instruction (a closure handed to a `target_feature` function is compiled
/// without the features, and its `mul_add` became a library call). Same
/// results as the portable builds: `mul_add` is exact in both.
#[cfg(target_arch = "x86_64")]
mod fma {
    use super::{ArrayResult, Cols};

    /// [`super::small_rows`] with AVX2 + FMA.
    #[target_feature(enable = "avx2,fma")]
    pub(super) fn small_rows<const N: usize>(
        a: Cols,
        r0: usize,
        v: &[f64],
        odd: u32,
        pairs: bool,
        out: &mut [f64],
    ) -> ArrayResult<()> {
        super::small_rows::<N>(a, r0, v, odd, pairs, out)
    }

    /// [`super::main_rows`] with AVX2 + FMA.
    #[target_feature(enable = "avx2,fma")]
    pub(super) fn main_rows(a: Cols, first: usize, v: &[f64], out: &mut [f64]) {
        super::main_rows(a, first, v, out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Row `i`'s sum in the four-column kernels' order, written out.
    fn main_order(row: &[f64], v: &[f64]) -> f64 {
        let mut y = 0.0;
        let mut j = 0;
        while j + 4 <= v.len() {
            y += row[j + 2].mul_add(v[j + 2], row[j] * v[j]) + row[j + 3].mul_add(v[j + 3], row[j + 1] * v[j + 1]);
            j += 4;
        }
        if v.len() - j >= 2 {
            y += row[j] * v[j] + row[j + 1] * v[j + 1];
            j += 2;
        }
        if j < v.len() {
            y += row[j] * v[j];
        }
        y
    }

    #[test]
    fn blocks_and_odd_rows() {
        for (m, k) in [(7usize, 9usize), (8, 3), (600, 21), (5, 2), (3, 7), (2, 6)] {
            let cs = m;
            let buf: Vec<f64> = (0..m * k).map(|i| ((i * 7919) % 1013) as f64 / 7.3 - 50.0).collect();
            let v: Vec<f64> = (0..k).map(|i| ((i * 104_729) % 997) as f64 / 3.7 - 100.0).collect();
            let mut out = vec![0.0; m];
            gemv_n(Cols { buf: &buf, off: 0, cs }, m, &v, true, &mut out).unwrap();
            for (i, o) in out.iter().enumerate() {
                let row: Vec<f64> = (0..k).map(|j| buf[i + j * cs]).collect();
                let expect = if i < m & !3 {
                    main_order(&row, &v)
                } else {
                    odd_row(Cols { buf: &buf, off: 0, cs }, i, &v, cs == m % 4 && cs >= 2)
                };
                assert_eq!(o.to_bits(), expect.to_bits(), "{m}x{k} row {i}");
            }
        }
    }

    /// The AVX-512 kernel gives the portable kernel's bits for every row
    /// count, mix of odd rows, column stride and tail, up to the buffer's
    /// last element (its masked loads).
    #[cfg(target_arch = "x86_64")]
    #[test]
    fn avx512_kernel_matches_the_portable_one() {
        if !(std::is_x86_feature_detected!("avx512f") && std::is_x86_feature_detected!("avx512vl")) {
            return;
        }
        macro_rules! portable {
            ($n:expr, $($m:literal)*) => {
                |a: Cols, r0: usize, v: &[f64], odd: u32, pairs: bool, out: &mut [f64]| match $n {
                    $($m => small_rows::<$m>(a, r0, v, odd, pairs, out).unwrap(),)*
                    _ => unreachable!(),
                }
            };
        }
        for n in 1..=16usize {
            for extra in [0usize, 1, 3, 9] {
                let cs = n + extra;
                for k in [0usize, 1, 2, 3, 4, 5, 7, 9, 13, 40] {
                    let len = if k == 0 { n } else { (k - 1) * cs + n };
                    let buf: Vec<f64> = (0..len).map(|i| ((i * 7919) % 1013) as f64 / 7.3 - 50.0).collect();
                    let v: Vec<f64> = (0..k).map(|i| ((i * 104_729) % 997) as f64 / 3.7 - 100.0).collect();
                    for odd in [0u32, 0b1_0000, 0b10_0001_0000, (1 << n) - 1, 0xAAAA, 0x5555] {
                        let odd = odd & ((1 << n) - 1);
                        for pairs in [false, true] {
                            let a = Cols { buf: &buf, off: 0, cs };
                            let (mut want, mut got) = (vec![0.0; n], vec![0.0; n]);
                            portable!(n, 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16)(a, 0, &v, odd, pairs, &mut want);
                            // SAFETY: the CPU has AVX-512 (checked above).
                            assert!(unsafe { super::super::short_cols::small_rows(a, 0, &v, odd, pairs, &mut got) }
                                .unwrap());
                            let (w, g): (Vec<u64>, Vec<u64>) =
                                want.iter().zip(&got).map(|(w, g)| (w.to_bits(), g.to_bits())).unzip();
                            assert_eq!(w, g, "n {n} cs {cs} k {k} odd {odd:b} pairs {pairs}");
                        }
                    }
                    if k > 0 {
                        // A buffer one element short is refused.
                        let a = Cols { buf: &buf[..len - 1], off: 0, cs };
                        let mut out = vec![0.0; n];
                        // SAFETY: the CPU has AVX-512 (checked above).
                        assert!(!unsafe { super::super::short_cols::small_rows(a, 0, &v, 0, false, &mut out) }.unwrap());
                    }
                }
            }
        }
    }
}
