//! Packed, register-blocked `f64` matrix product for CPUs with AVX-512,
//! on all cores.
//!
//! The classic layout of a fast matrix product: the inner dimension is cut
//! into blocks of [`KC`] terms; for each block the rows of `b` are packed
//! into strips of [`NR`] columns, and each work unit (a band of rows of the
//! result) packs its rows of `a` into strips of [`MR`] rows. A register
//! tile of `MR x NR` results (24 of the 32 vector registers) then runs down
//! the block with one vector load of `b` per 8 products instead of one per
//! product.
//!
//! Summation order: each result element is an in-order FMA chain over each
//! block of [`KC`] terms (starting from zero), and the blocks' sums are
//! added to the result in order — exactly what matrixmultiply (used for
//! these sizes before, and still on CPUs without AVX-512) computes, so the
//! results are the same bits as before, whatever the number of threads.

use super::kernel::Mat;
use crate::array::error::ArrayResult;
use crate::array::parallel::{run_ranges, threads, SendPtr};
use std::cell::RefCell;
use std::mem::MaybeUninit;
use std::sync::atomic::{AtomicU64, Ordering};

/// Terms of the inner dimension per block (matrixmultiply's `kc` for f64,
/// which fixes where the partial sums are rounded).
const KC: usize = 256;

/// Rows of a register tile.
const MR: usize = 12;

/// Columns of a register tile (two vectors of 8).
const NR: usize = 16;

/// Most rows of the result per work unit (a multiple of [`MR`]): its packed
/// rows of `a` (`MC x KC`, 192 KiB) stay in the 2nd-level cache.
const MC: usize = 96;

/// Multiply-adds from which a product is split across threads (~22 µs on
/// one core). Since the pool's workers spin for a while between jobs, a
/// loop of products finds them awake (100x100: 43 -> 25-27 µs per
/// product; 84x84: 26 -> 17 µs); a parked worker costs ~15-20 µs to wake,
/// about what the split saves at this size, so a single product is no
/// slower.
const THREAD_MIN: usize = 1 << 19;

/// Whether this CPU can run the kernel.
pub(crate) fn available() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::is_x86_feature_detected!("avx512f")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

thread_local! {
    /// Each thread's packed rows of `a` for its current work unit.
    static A_PACK: RefCell<Vec<f64>> = const { RefCell::new(Vec::new()) };
    /// Each thread's packed block of `b`, with the key of the block it holds.
    static B_PACK: RefCell<(u64, Vec<[f64; 8]>)> = const { RefCell::new((0, Vec::new())) };
}

/// Keys of packed blocks of `b`: one per block of each product, never reused.
static NEXT_KEY: AtomicU64 = AtomicU64::new(1);

/// `out (m x n, row-major) = a (m x k) @ b (k x n)`; `false` (nothing
/// written) when the CPU lacks AVX-512. Checks for Ctrl-C between work
/// units.
///
/// Each thread packs the current block of `b` itself when it takes its
/// first work unit of that block: threads never wait for one another to
/// pack, and a worker that wakes late still finds units left.
pub(crate) fn gemm(a: Mat<f64>, b: Mat<f64>, m: usize, k: usize, n: usize, out: &mut [f64]) -> ArrayResult<bool> {
    // SAFETY: `[f64]` and `[MaybeUninit<f64>]` have the same layout, and
    // `gemm_into` only ever stores initialized values through it.
    let out = unsafe { &mut *(out as *mut [f64] as *mut [MaybeUninit<f64>]) };
    gemm_into(a, b, m, k, n, out)
}

/// [`gemm`] into a buffer that need not be initialized (a new result, so
/// that it is not zeroed first: zeroing 80 KB that the other core wrote
/// last took ~7 % of a 100 x 100 product). When it returns `Ok(true)`
/// every element of `out[..m * n]` has been written.
pub(crate) fn gemm_into(
    a: Mat<f64>,
    b: Mat<f64>,
    m: usize,
    k: usize,
    n: usize,
    out: &mut [MaybeUninit<f64>],
) -> ArrayResult<bool> {
    if !available() || m == 0 || n == 0 || k == 0 || out.len() < m * n {
        return Ok(false);
    }
    let parts = if m.saturating_mul(k).saturating_mul(n) >= THREAD_MIN && m >= 2 * MR { threads() } else { 1 };
    // Rows per work unit: whole tiles, about an even share per thread.
    let unit = (m / parts / MR * MR).clamp(MR, MC);
    let base = SendPtr(out.as_mut_ptr());
    let mut pc = 0;
    while pc < k {
        let kc = KC.min(k - pc);
        let key = NEXT_KEY.fetch_add(1, Ordering::Relaxed);
        let add = pc > 0;
        run_ranges(m, MR, unit, parts, |lo, hi| {
            // SAFETY: run_ranges hands out disjoint row ranges inside `0..m`,
            // and `out` (m * n elements, checked above) stays mutably
            // borrowed for the whole call, so this slice aliases nothing.
            // The first block (`add` false) stores every element before a
            // later block reads it.
            let c = unsafe { std::slice::from_raw_parts_mut(base.get().add(lo * n), (hi - lo) * n) };
            B_PACK.with(|bc| {
                let mut bc = bc.borrow_mut();
                if bc.0 != key {
                    pack_b(b, pc, kc, n, &mut bc.1);
                    bc.0 = key;
                }
                A_PACK.with(|ac| {
                    let mut ap = ac.borrow_mut();
                    pack_a(a, lo, hi, pc, kc, &mut ap);
                    band(&ap, &bc.1, kc, hi - lo, n, c, add);
                })
            });
            Ok(())
        })?;
        pc += kc;
    }
    Ok(true)
}

/// Packs rows `pc..pc + kc` of `b` into strips of [`NR`] columns: strip `s`
/// starts at `s * kc * 2` and holds, for each row, its 16 columns as two
/// vectors (one when the strip is the last and at most 8 wide), zero past
/// column `n`.
fn pack_b(b: Mat<f64>, pc: usize, kc: usize, n: usize, bp: &mut Vec<[f64; 8]>) {
    let strips = n.div_ceil(NR);
    if bp.len() < strips * kc * 2 {
        bp.resize(strips * kc * 2, [0.0; 8]);
    }
    for s in 0..strips {
        let j0 = s * NR;
        let cols = (n - j0).min(NR);
        let vs = cols.div_ceil(8);
        let strip = &mut bp[s * kc * 2..s * kc * 2 + kc * vs];
        for (p, dst) in strip.chunks_exact_mut(vs).enumerate() {
            let row = b.off + (pc + p) as isize * b.rs + j0 as isize * b.cs;
            if b.cs == 1 && row >= 0 {
                let src = &b.buf[row as usize..row as usize + cols];
                if let (Some(full), [d0, d1]) = (src.as_chunks::<16>().0.first(), &mut *dst) {
                    let (x0, x1) = full.split_at(8);
                    d0.copy_from_slice(x0);
                    d1.copy_from_slice(x1);
                    continue;
                }
                for (v, d) in dst.iter_mut().enumerate() {
                    for (l, x) in d.iter_mut().enumerate() {
                        *x = src.get(8 * v + l).copied().unwrap_or(0.0);
                    }
                }
            } else {
                for (v, d) in dst.iter_mut().enumerate() {
                    for (l, x) in d.iter_mut().enumerate() {
                        let j = 8 * v + l;
                        *x = if j < cols { b.buf[(row + j as isize * b.cs) as usize] } else { 0.0 };
                    }
                }
            }
        }
    }
}

/// Packs columns `pc..pc + kc` of rows `lo..hi` of `a` into strips of
/// [`MR`] rows (the last one narrower): strip `t` starts at `t * MR * kc`
/// and holds, for each column, the strip's rows in order.
fn pack_a(a: Mat<f64>, lo: usize, hi: usize, pc: usize, kc: usize, ap: &mut Vec<f64>) {
    let rows = hi - lo;
    if ap.len() < rows * kc {
        ap.resize(rows * kc, 0.0);
    }
    let start = |r: usize| a.off + (lo + r) as isize * a.rs + pc as isize * a.cs;
    for t in 0..rows.div_ceil(MR) {
        let r0 = t * MR;
        let h = (rows - r0).min(MR);
        let strip = &mut ap[r0 * kc..(r0 + h) * kc];
        if a.cs == 1 && h == MR && (0..MR).all(|r| start(r0 + r) >= 0) {
            // Whole strips of rows in memory: eight columns of all rows at a time.
            let src: [&[f64]; MR] = std::array::from_fn(|r| {
                let s = start(r0 + r) as usize;
                &a.buf[s..s + kc]
            });
            let blocks: [&[[f64; 8]]; MR] = src.map(|s| s.as_chunks::<8>().0);
            let (dst, _) = strip.as_chunks_mut::<MR>();
            for (q, d8) in dst.chunks_exact_mut(8).enumerate() {
                for (r, blk) in blocks.iter().enumerate() {
                    let x = &blk[q];
                    for (l, d) in d8.iter_mut().enumerate() {
                        d[r] = x[l];
                    }
                }
            }
            for p in kc / 8 * 8..kc {
                for r in 0..MR {
                    strip[p * MR + r] = src[r][p];
                }
            }
            continue;
        }
        for r in 0..h {
            let s = start(r0 + r);
            for p in 0..kc {
                strip[p * h + r] = a.buf[(s + p as isize * a.cs) as usize];
            }
        }
    }
}

/// One work unit: `c (rows x n) (+)= packed a band @ packed b block`;
/// `c` is read only when `add`.
fn band(ap: &[f64], bp: &[[f64; 8]], kc: usize, rows: usize, n: usize, c: &mut [MaybeUninit<f64>], add: bool) {
    for s in 0..n.div_ceil(NR) {
        let j0 = s * NR;
        let cols = (n - j0).min(NR);
        let vs = cols.div_ceil(8);
        let bs = &bp[s * kc * 2..s * kc * 2 + kc * vs];
        let mut r0 = 0;
        while r0 < rows {
            let h = (rows - r0).min(MR);
            let at = &ap[r0 * kc..(r0 + h) * kc];
            let ct = &mut c[r0 * n + j0..];
            #[cfg(target_arch = "x86_64")]
            // SAFETY: `gemm` runs only when the CPU has AVX-512F.
            unsafe {
                avx512::tile_dyn(h, vs, at, bs, ct, n, cols, add)
            };
            r0 += h;
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod avx512 {
    use std::arch::x86_64::*;
    use std::mem::MaybeUninit;

    /// [`tile`] for `r` rows (1..=12) and `vs` vectors (1 or 2).
    #[allow(clippy::too_many_arguments)]
    #[target_feature(enable = "avx512f")]
    pub fn tile_dyn(
        r: usize,
        vs: usize,
        a: &[f64],
        b: &[[f64; 8]],
        c: &mut [MaybeUninit<f64>],
        ldc: usize,
        cols: usize,
        add: bool,
    ) {
        macro_rules! go {
            ($($r:literal)*) => {
                match (r, vs) {
                    $(($r, 1) => tile::<$r, 1>(a, b, c, ldc, cols, add),
                      ($r, _) => tile::<$r, 2>(a, b, c, ldc, cols, add),)*
                    _ => {}
                }
            };
        }
        go!(1 2 3 4 5 6 7 8 9 10 11 12)
    }

    /// `c[i][j] (+)= sum over p of a[p][i] * b[p][j]` for a tile of `R` rows
    /// and `cols <= 8 * V` columns: `a` is `kc x R` and `b` is `kc x V`
    /// vectors (packed), `c` the tile's first row, rows `ldc` apart. Each
    /// element is one in-order FMA chain from zero, then stored (or added
    /// to what `c` holds when `add`, which it must then hold).
    #[target_feature(enable = "avx512f")]
    fn tile<const R: usize, const V: usize>(
        a: &[f64],
        b: &[[f64; 8]],
        c: &mut [MaybeUninit<f64>],
        ldc: usize,
        cols: usize,
        add: bool,
    ) {
        let (a_rows, _) = a.as_chunks::<R>();
        let (b_rows, _) = b.as_chunks::<V>();
        let mut acc = [[_mm512_setzero_pd(); V]; R];
        for (x, y) in a_rows.iter().zip(b_rows) {
            // SAFETY: each load reads the 8 elements of one `[f64; 8]`.
            let yv: [__m512d; V] = std::array::from_fn(|v| unsafe { _mm512_loadu_pd(y[v].as_ptr()) });
            for (row, &xr) in acc.iter_mut().zip(x) {
                let xv = _mm512_set1_pd(xr);
                for (s, &yv) in row.iter_mut().zip(&yv) {
                    *s = _mm512_fmadd_pd(xv, yv, *s);
                }
            }
        }
        for (r, row) in acc.iter().enumerate() {
            let dst = &mut c[r * ldc..r * ldc + cols];
            for (v, &s) in row.iter().enumerate() {
                let lo = 8 * v;
                if lo >= cols {
                    break;
                }
                let d = &mut dst[lo..(lo + 8).min(cols)];
                let mask: __mmask8 = if d.len() == 8 { 0xff } else { (1u8 << d.len()) - 1 };
                let p = d.as_mut_ptr().cast::<f64>();
                // SAFETY: the mask enables only the first `d.len()` lanes,
                // which lie inside `d`; masked-off lanes are not accessed.
                // With `add`, the caller has stored those lanes before.
                unsafe {
                    let sum = if add { _mm512_add_pd(s, _mm512_maskz_loadu_pd(mask, p)) } else { s };
                    _mm512_mask_storeu_pd(p, mask, sum);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic operand of `rows x cols` with element (i, j) at
    /// `off + i*rs + j*cs` in a buffer filled with odd values.
    fn operand(rows: usize, cols: usize, layout: u8, seed: usize) -> (Vec<f64>, isize, isize, isize) {
        let (len, off, rs, cs) = match layout {
            // C order
            0 => (rows * cols, 0, cols as isize, 1),
            // transposed (Fortran order)
            1 => (rows * cols, 0, 1, rows as isize),
            // every other column of a wider matrix, shifted by 3
            2 => (rows * cols * 2 + 3, 3, 2 * cols as isize, 2),
            // rows reversed
            _ => (rows * cols, ((rows.max(1) - 1) * cols) as isize, -(cols as isize), 1),
        };
        let buf = (0..len).map(|i| (((i + seed) * 7919 % 1009) as f64 - 504.0) / 97.0).collect();
        (buf, off, rs, cs)
    }

    fn reference(a: Mat<f64>, b: Mat<f64>, m: usize, k: usize, n: usize) -> Vec<f64> {
        let at = |x: Mat<f64>, i: usize, j: usize| x.buf[(x.off + i as isize * x.rs + j as isize * x.cs) as usize];
        let mut out = vec![0.0; m * n];
        for i in 0..m {
            for j in 0..n {
                out[i * n + j] = (0..k).map(|p| at(a, i, p) * at(b, p, j)).sum();
            }
        }
        out
    }

    fn check(m: usize, k: usize, n: usize, la: u8, lb: u8) {
        let (ab, ao, ars, acs) = operand(m, k, la, 1);
        let (bb, bo, brs, bcs) = operand(k, n, lb, 5);
        let a = Mat { buf: &ab, off: ao, rs: ars, cs: acs };
        let b = Mat { buf: &bb, off: bo, rs: brs, cs: bcs };
        let mut out = vec![f64::NAN; m * n];
        if !gemm(a, b, m, k, n, &mut out).unwrap() {
            return; // no AVX-512 here
        }
        let expect = reference(a, b, m, k, n);
        for (i, (&x, &y)) in out.iter().zip(&expect).enumerate() {
            assert!((x - y).abs() <= 1e-12 * (k as f64) * y.abs().max(1.0), "{m}x{k}x{n} {la}/{lb} at {i}: {x} vs {y}");
        }
        // The same sums, to the bit, as the matrixmultiply kernel (which
        // nalgebra uses when every dimension is above 5).
        if m > 5 && k > 5 && n > 5 {
            let mut mm = vec![0.0; m * n];
            super::super::kernel::nalgebra_gemm_f64(a, b, m, k, n, &mut mm);
            assert!(out.iter().zip(&mm).all(|(x, y)| x.to_bits() == y.to_bits()), "{m}x{k}x{n} {la}/{lb}");
        }
    }

    #[test]
    fn small_and_odd_sizes_in_every_layout() {
        for m in 1..=17 {
            for n in 1..=17 {
                for k in [1, 2, 7, 16, 17] {
                    check(m, k, n, 0, 0);
                }
            }
        }
        for la in 0..4 {
            for lb in 0..4 {
                check(13, 9, 17, la, lb);
                check(25, 33, 31, la, lb);
            }
        }
    }

    #[test]
    fn sizes_around_one_hundred_and_several_inner_blocks() {
        for s in [99, 100, 101] {
            check(s, s, s, 0, 0);
            check(s, s, s, 1, 2);
        }
        check(257, 257, 257, 0, 0);
        check(130, 600, 45, 3, 1);
        check(24, 513, 200, 2, 0);
    }
}
