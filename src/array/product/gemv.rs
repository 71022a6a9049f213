//! The summation order of OpenBLAS's `dgemv_t` (Haswell kernels, the ones
//! NumPy's OpenBLAS picks on this machine), which NumPy uses for `A @ x` and
//! `np.dot(A, x)` when the rows of `A` are contiguous: each element of the
//! product is one row's dot product with `x`, taken in this order:
//!
//! - the first `k & !3` terms in blocks of 2048; in each block four FMA
//!   chains from zero, chain `j` over the terms `j, j + 4, j + 8, ...`,
//!   reduced as `(c0 + c2) + (c1 + c3)` and added to the row's sum, which
//!   starts at `0.0`;
//! - the last `k % 4` terms `a0 b0 (a1 b1 (a2 b2))`: one is `fma(a0, b0,
//!   y)`, two `y + fma(a0, b0, a1 * b1)`, three `y + fma(a2, b2, fma(a0, b0,
//!   a1 * b1))`.
//!
//! OpenBLAS makes four rows at a time; when the rows of one call are not a
//! multiple of four, its last two rows (if two are left over) go through a
//! kernel of separate SSE2 multiplies and adds in two lanes (even and odd
//! terms, added at the end), and its last row (if one is left over) through
//! one in four lanes like the FMA kernel's. Products of at least 460,800
//! multiply-adds are split into one call per OpenBLAS thread (the machine's
//! cores), each taking a contiguous share of the rows, so those odd rows
//! sit at the end of every share: [`edge_rows`] lists them.

/// Terms per block of the inner dimension.
const BLOCK: usize = 2048;

/// Multiply-adds from which OpenBLAS splits a `gemv` between its threads
/// (115,200 times its `GEMM_MULTITHREAD_THRESHOLD` of 4).
const THREAD_MIN: usize = 460_800;

/// OpenBLAS's thread count: one per core, at most 64.
fn blas_threads() -> usize {
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *THREADS.get_or_init(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).min(64))
}

/// The kernel OpenBLAS makes an odd row with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Edge {
    /// One of the two rows of the two-row SSE2 kernel.
    Pair,
    /// The row of the one-row SSE2 kernel.
    Single,
}

/// OpenBLAS's thread count for a `gemv` of `m x k`: one below 460,800
/// multiply-adds.
pub(crate) fn blas_threads_for(m: usize, k: usize) -> usize {
    if m.saturating_mul(k) < THREAD_MIN {
        1
    } else {
        blas_threads()
    }
}

/// OpenBLAS's split of `len` rows (or columns) between `threads`: each
/// share the rows left over the threads left, rounded up, at least four.
pub(crate) fn blas_split(len: usize, threads: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let (mut left, mut start, mut done) = (len, 0, 0);
    while left > 0 {
        let width = left.div_ceil(threads.saturating_sub(done).max(1)).max(4).min(left);
        out.push((start, start + width));
        start += width;
        left -= width;
        done += 1;
    }
    out
}

/// The rows of an `(m x k) @ (k)` product that OpenBLAS does not make with
/// its four-row FMA kernel, in increasing order, with their kernel (at
/// most three per thread's share of the rows).
pub(crate) fn edge_rows(m: usize, k: usize) -> Vec<(usize, Edge)> {
    let mut out = Vec::new();
    for (start, end) in blas_split(m, blas_threads_for(m, k)) {
        share_edges(start, end, |r, edge| out.push((r, edge)));
    }
    out
}

/// Calls `f` on the edge rows of one thread's share `start..end`, in
/// order: its last `(end - start) % 4` rows, two for the two-row kernel,
/// then one for the one-row kernel.
fn share_edges(start: usize, end: usize, mut f: impl FnMut(usize, Edge)) {
    let mut r = start + ((end - start) & !3);
    if (end - start) & 2 != 0 {
        f(r, Edge::Pair);
        f(r + 1, Edge::Pair);
        r += 2;
    }
    if (end - start) & 1 != 0 {
        f(r, Edge::Single);
    }
}

/// The last `t.len() < 4` terms added to the sum `y` of the others.
#[inline(always)]
pub(crate) fn tail(t: &[f64], w: &[f64], y: f64) -> f64 {
    match (t, w) {
        ([a0], [b0, ..]) => a0.mul_add(*b0, y),
        ([a0, a1], [b0, b1, ..]) => y + a0.mul_add(*b0, a1 * b1),
        ([a0, a1, a2], [b0, b1, b2, ..]) => y + a2.mul_add(*b2, a0.mul_add(*b0, a1 * b1)),
        _ => y,
    }
}

/// Four rows' dot products with `v` (each row `v.len()` long) in the FMA
/// kernel's order.
#[inline(always)]
pub(crate) fn rows4(rows: [&[f64]; 4], v: &[f64]) -> [f64; 4] {
    let k = v.len();
    let k4 = k & !3;
    let mut y = [0.0f64; 4];
    let mut b = 0;
    while b < k4 {
        let e = (b + BLOCK).min(k4);
        let (vb, _) = v[b..e].as_chunks::<4>();
        let rb = rows.map(|r| &r[b..e].as_chunks::<4>().0[..vb.len()]);
        let mut acc = [[0.0f64; 4]; 4];
        for (q, x) in vb.iter().enumerate() {
            for (a, r) in acc.iter_mut().zip(&rb) {
                let c = &r[q];
                for j in 0..4 {
                    a[j] = c[j].mul_add(x[j], a[j]);
                }
            }
        }
        for (s, a) in y.iter_mut().zip(&acc) {
            *s += (a[0] + a[2]) + (a[1] + a[3]);
        }
        b = e;
    }
    let mut out = [0.0; 4];
    for ((o, s), r) in out.iter_mut().zip(y).zip(rows) {
        *o = tail(&r[k4..k], &v[k4..], s);
    }
    out
}

/// `out[r] = row r . v` for the rows starting at `start + r * rs` (each
/// `v.len()` long, inside `buf`), in the FMA kernel's order: eight rows at
/// a time with one AVX2 accumulator per row, whose lane `j` is chain `j`.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
pub(crate) fn row_dots_avx2(buf: &[f64], start: usize, rs: usize, v: &[f64], out: &mut [std::mem::MaybeUninit<f64>]) {
    use std::arch::x86_64::*;
    let k = v.len();
    let k4 = k & !3;
    let mut groups = out.chunks_exact_mut(8);
    let mut s = start;
    for group in &mut groups {
        let rows: [&[f64]; 8] = std::array::from_fn(|g| &buf[s + g * rs..s + g * rs + k]);
        let mut y = [0.0f64; 8];
        let mut b = 0;
        while b < k4 {
            let e = (b + BLOCK).min(k4);
            let mut acc = [_mm256_setzero_pd(); 8];
            let mut i = b;
            while i < e {
                // SAFETY: `i + 4 <= k4 <= k`, and `v` and every row hold
                // `k` elements.
                let x = unsafe { _mm256_loadu_pd(v.as_ptr().add(i)) };
                for (a, r) in acc.iter_mut().zip(&rows) {
                    *a = _mm256_fmadd_pd(unsafe { _mm256_loadu_pd(r.as_ptr().add(i)) }, x, *a);
                }
                i += 4;
            }
            for (t, a) in y.iter_mut().zip(acc) {
                // (l0 + l2, l1 + l3), then their sum.
                let h = _mm_add_pd(_mm256_castpd256_pd128(a), _mm256_extractf128_pd::<1>(a));
                *t += _mm_cvtsd_f64(h) + _mm_cvtsd_f64(_mm_unpackhi_pd(h, h));
            }
            b = e;
        }
        for ((o, t), r) in group.iter_mut().zip(y).zip(rows) {
            o.write(tail(&r[k4..], &v[k4..], t));
        }
        s += 8 * rs;
    }
    for o in groups.into_remainder() {
        o.write(row1(&buf[s..s + k], v));
        s += rs;
    }
}

/// The skeleton both row orders share: the first `k & !3` terms in blocks
/// of [`BLOCK`], each block's four lanes filled from zero by `step` (one
/// group of four terms at a time) and folded into the row's total by
/// `fold`, then the `k % 4` tail.
#[inline(always)]
fn blocked_row(
    row: &[f64],
    v: &[f64],
    step: impl Fn(&mut [f64; 4], &[f64], &[f64]),
    fold: impl Fn(&[f64; 4]) -> f64,
) -> f64 {
    let k = v.len();
    let k4 = k & !3;
    let mut y = 0.0f64;
    let mut b = 0;
    while b < k4 {
        let e = (b + BLOCK).min(k4);
        let mut a = [0.0f64; 4];
        for (c, x) in row[b..e].chunks_exact(4).zip(v[b..e].chunks_exact(4)) {
            step(&mut a, c, x);
        }
        y += fold(&a);
        b = e;
    }
    tail(&row[k4..k], &v[k4..], y)
}

/// One row's dot product with `v` in the FMA kernel's order.
#[inline(always)]
pub(crate) fn row1(row: &[f64], v: &[f64]) -> f64 {
    blocked_row(
        row,
        v,
        |a, c, x| {
            for j in 0..4 {
                a[j] = c[j].mul_add(x[j], a[j]);
            }
        },
        |a| (a[0] + a[2]) + (a[1] + a[3]),
    )
}

/// One row's dot product with `v` in the order of the SSE2 kernel `edge`.
pub(crate) fn edge_row(row: &[f64], v: &[f64], edge: Edge) -> f64 {
    blocked_row(
        row,
        v,
        |a, c, x| {
            for j in 0..4 {
                // The two-row kernel has two lanes: terms of even and odd
                // index.
                let lane = if edge == Edge::Pair { j & 1 } else { j };
                a[lane] += c[j] * x[j];
            }
        },
        |a| match edge {
            Edge::Pair => a[0] + a[1],
            Edge::Single => (a[0] + a[2]) + (a[1] + a[3]),
        },
    )
}

/// Recomputes the odd rows (see [`edge_rows`]) of an `(m x k) @ v`
/// product among rows `first..first + out.len()`, whose row `r` is
/// `buf[off + r * rs..][..k]`, after a kernel made them all in the FMA
/// kernel's order.
pub(crate) fn fix_edges(buf: &[f64], off: usize, rs: usize, m: usize, v: &[f64], first: usize, out: &mut [f64]) {
    let k = v.len();
    for (r, edge) in edge_rows(m, k) {
        if r >= first && r < first + out.len() {
            let s = off + r * rs;
            out[r - first] = edge_row(&buf[s..s + k], v, edge);
        }
    }
}

/// The whole product `(m x k) @ v` in OpenBLAS's order on one thread, for
/// small products: row `r` is `buf[off + r * rs..][..k]`.
pub(crate) fn gemv_t_small(buf: &[f64], off: usize, rs: usize, m: usize, v: &[f64], out: &mut [f64]) {
    let one_share = blas_threads_for(m, v.len()) == 1;
    // With one share, its last `m % 4` rows are all edge rows (made below).
    let rows = if one_share { m & !3 } else { m };
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("fma") {
        // SAFETY: the CPU has FMA, checked just above.
        unsafe { small_rows_fma(buf, off, rs, rows, v, out) };
    } else {
        small_rows(buf, off, rs, rows, v, out);
    }
    #[cfg(not(target_arch = "x86_64"))]
    small_rows(buf, off, rs, rows, v, out);
    if !one_share {
        return fix_edges(buf, off, rs, m, v, 0, out);
    }
    // One thread's share, all `m` rows: its edge rows without building
    // [`edge_rows`]' lists (two allocations, ~15 % of a 3 x 3 `A @ x + b`).
    let k = v.len();
    share_edges(0, m, |r, edge| out[r] = edge_row(&buf[off + r * rs..off + r * rs + k], v, edge));
}

/// [`small_rows`] compiled with FMA, so that `mul_add` is one instruction
/// (a closure handed to a `target_feature` function is compiled without
/// the feature, and its `mul_add` became a library call). Same results:
/// `mul_add` is exact in both builds.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "fma")]
fn small_rows_fma(buf: &[f64], off: usize, rs: usize, m: usize, v: &[f64], out: &mut [f64]) {
    small_rows(buf, off, rs, m, v, out)
}

/// Rows `0..m` in the four-row and one-row kernels' orders.
#[inline(always)]
fn small_rows(buf: &[f64], off: usize, rs: usize, m: usize, v: &[f64], out: &mut [f64]) {
    let k = v.len();
    let row = |r: usize| &buf[off + r * rs..off + r * rs + k];
    let mut quads = out[..m].chunks_exact_mut(4);
    let mut r = 0;
    for quad in &mut quads {
        quad.copy_from_slice(&rows4([row(r), row(r + 1), row(r + 2), row(r + 3)], v));
        r += 4;
    }
    for o in quads.into_remainder() {
        *o = row1(row(r), v);
        r += 1;
    }
}

/// `sum += a[i] * b[i]` in order from zero: NumPy's own loop for the
/// products BLAS cannot take (`A @ x` with `A`'s rows not contiguous).
pub(crate) fn plain_dot(n: usize, a: impl Fn(usize) -> f64, b: impl Fn(usize) -> f64) -> f64 {
    let mut s = 0.0;
    for i in 0..n {
        s += a(i) * b(i);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edge_rows_follow_openblas_split() {
        // Small: one call, the odd rows at the end.
        assert_eq!(edge_rows(7, 5), vec![(4, Edge::Pair), (5, Edge::Pair), (6, Edge::Single)]);
        assert_eq!(edge_rows(8, 5), vec![]);
        if blas_threads() == 2 {
            // 200003 rows of 10: shares of 100002 and 100001 rows.
            assert_eq!(
                edge_rows(200_003, 10),
                vec![(100_000, Edge::Pair), (100_001, Edge::Pair), (200_002, Edge::Single)]
            );
            // Threads only from 460,800 multiply-adds.
            assert_eq!(edge_rows(102, 4517), vec![(100, Edge::Pair), (101, Edge::Pair)]);
            assert_eq!(edge_rows(102, 4518).len(), 6);
        }
    }

    #[test]
    fn small_products_make_their_edge_rows_as_the_listed_kernels() {
        for m in 1..=13usize {
            for k in 1..=9usize {
                let a: Vec<f64> = (0..m * k + 2).map(|i| ((i * 7919 % 1013) as f64 - 500.0) / 37.0).collect();
                let v: Vec<f64> = (0..k).map(|i| ((i * 104_729 % 997) as f64 - 480.0) / 53.0).collect();
                let mut got = vec![0.0; m];
                gemv_t_small(&a, 2, k, m, &v, &mut got);
                let mut expect: Vec<f64> = (0..m).map(|r| row1(&a[2 + r * k..2 + (r + 1) * k], &v)).collect();
                for (r, edge) in edge_rows(m, k) {
                    expect[r] = edge_row(&a[2 + r * k..2 + (r + 1) * k], &v, edge);
                }
                let bits = |x: &[f64]| x.iter().map(|y| y.to_bits()).collect::<Vec<_>>();
                assert_eq!(bits(&got), bits(&expect), "{m} x {k}");
            }
        }
    }

    /// The AVX2 kernel (eight rows at a time) and the portable four-row one
    /// give every row the bits of `row1`.
    #[test]
    fn kernels_agree_to_the_bit() {
        for (m, k, rs) in [(11usize, 16usize, 16usize), (9, 17, 20), (17, 2047, 2047), (8, 2049, 2050), (3, 5003, 5003)]
        {
            let buf: Vec<f64> = (0..m * rs).map(|i| ((i * 7919) % 1013) as f64 / 7.3 - 50.0).collect();
            let v: Vec<f64> = (0..k).map(|i| ((i * 104_729) % 997) as f64 / 3.7 - 100.0).collect();
            let expect: Vec<u64> = (0..m).map(|r| row1(&buf[r * rs..r * rs + k], &v).to_bits()).collect();
            for r in 0..m / 4 {
                let rows = [0, 1, 2, 3].map(|g| &buf[(4 * r + g) * rs..(4 * r + g) * rs + k]);
                let got = rows4(rows, &v).map(f64::to_bits);
                assert_eq!(got[..], expect[4 * r..4 * r + 4], "rows4 {m}x{k}");
            }
            #[cfg(target_arch = "x86_64")]
            if std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("fma") {
                let mut out = vec![std::mem::MaybeUninit::uninit(); m];
                // SAFETY: the CPU has the kernel's features.
                unsafe { row_dots_avx2(&buf, 0, rs, &v, &mut out) };
                // SAFETY: the kernel wrote every element.
                let got: Vec<u64> = out.iter().map(|x| unsafe { x.assume_init() }.to_bits()).collect();
                assert_eq!(got, expect, "avx2 {m}x{k}");
            }
        }
    }

    #[test]
    fn tails_and_blocks() {
        // k < 4: the tail alone, from +0.0.
        assert_eq!(row1(&[-0.0], &[1.0]).to_bits(), 0.0f64.to_bits());
        assert_eq!(row1(&[3.0, 4.0], &[5.0, 6.0]), 39.0);
        let row: Vec<f64> = (0..5003).map(|i| ((i * 7919) % 1013) as f64 / 7.3 - 50.0).collect();
        let v: Vec<f64> = (0..5003).map(|i| ((i * 104_729) % 997) as f64 / 3.7 - 100.0).collect();
        let one = row1(&row, &v);
        let four = rows4([&row, &row, &row, &row], &v);
        assert!(four.iter().all(|x| x.to_bits() == one.to_bits()));
        let exact: f64 = row.iter().zip(&v).map(|(a, b)| a * b).sum();
        assert!((one - exact).abs() < 1e-6 * exact.abs().max(1.0));
        for e in [Edge::Pair, Edge::Single] {
            assert!((edge_row(&row, &v, e) - exact).abs() < 1e-6 * exact.abs().max(1.0));
        }
    }
}
