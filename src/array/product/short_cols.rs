//! The AVX-512 kernel of a `dgemv_n`-ordered product with at most 16 rows
//! (`X.T @ err` for `X` of shape (1e6, 10)): each column of the rows is one
//! or two vectors, lane `i` for row `i`, so every row advances with one
//! vector operation per term. Each lane keeps both of OpenBLAS's sums for
//! its row (see `super::gemv_n`): the four-column kernels' and the odd
//! rows' plain chain; the row's kind picks one at the end. The portable
//! `small_rows` kept its arrays of sums on the stack and ran at a third
//! of this speed.

use super::gemv_n::Cols;
use crate::array::error::ArrayResult;
use std::arch::x86_64::*;

/// The mask of lanes `0..n` (all eight for `n >= 8`).
const fn first_lanes(n: usize) -> __mmask8 {
    if n >= 8 {
        0xff
    } else {
        ((1u16 << n) - 1) as u8
    }
}

/// The running sums of one vector of rows.
#[derive(Clone, Copy)]
struct Lanes {
    /// The four-column kernels' sum.
    y: __m512d,
    /// The odd rows' chain.
    t: __m512d,
}

/// Which sums the rows need, and how the chains add their terms.
#[derive(Clone, Copy)]
struct Needs {
    sums: bool,
    chains: bool,
    pairs: bool,
}

/// The columns of the rows: column `j`, half `h` (rows `8h..8h + 8`) at
/// `p + j * cs + 8h`.
#[derive(Clone, Copy)]
struct Column {
    p: *const f64,
    cs: usize,
    /// Columns below this one load all sixteen lanes (all inside the
    /// buffer); the others only the rows' lanes.
    whole: usize,
    masks: [__mmask8; 2],
}

impl Column {
    /// Half `h` of column `j`.
    ///
    /// # Safety
    /// `j` is below the `k` columns whose rows [`small_rows`] checked to
    /// lie inside the buffer.
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn load(self, j: usize, h: usize) -> __m512d {
        // SAFETY: a whole load only for columns whose sixteen lanes lie in
        // the buffer, else the mask enables just the rows' lanes.
        unsafe {
            let at = self.p.add(j * self.cs + 8 * h);
            if j < self.whole {
                _mm512_loadu_pd(at)
            } else {
                _mm512_maskz_loadu_pd(self.masks[h], at)
            }
        }
    }
}

/// One group of four columns `c` with `x` broadcast, into `s`.
#[inline]
#[target_feature(enable = "avx512f,avx512vl,avx2,fma")]
fn group(s: &mut Lanes, c: [__m512d; 4], x: [__m512d; 4], needs: Needs) {
    if needs.sums {
        let p = _mm512_fmadd_pd(c[2], x[2], _mm512_mul_pd(c[0], x[0]));
        let q = _mm512_fmadd_pd(c[3], x[3], _mm512_mul_pd(c[1], x[1]));
        s.y = _mm512_add_pd(s.y, _mm512_add_pd(p, q));
    }
    if needs.chains && needs.pairs {
        s.t = _mm512_add_pd(s.t, _mm512_add_pd(_mm512_mul_pd(c[0], x[0]), _mm512_mul_pd(c[1], x[1])));
        s.t = _mm512_add_pd(s.t, _mm512_add_pd(_mm512_mul_pd(c[2], x[2]), _mm512_mul_pd(c[3], x[3])));
    } else if needs.chains {
        for q in 0..4 {
            s.t = _mm512_add_pd(s.t, _mm512_mul_pd(c[q], x[q]));
        }
    }
}

/// `out[i]` = row `r0 + i` of `a` times `v` in `dgemv_n`'s order, for
/// `out.len()` in `1..=16`; bit `i` of `odd`: row `i` is an odd row of its
/// call (its chain, in pairs when `pairs`), else a four-column kernels'
/// row. `false` (nothing written) when the rows do not lie in `a.buf`.
#[target_feature(enable = "avx512f,avx512vl,avx2,fma")]
pub(crate) fn small_rows(a: Cols, r0: usize, v: &[f64], odd: u32, pairs: bool, out: &mut [f64]) -> ArrayResult<bool> {
    let (n, k) = (out.len(), v.len());
    let start = a.off + r0;
    let end = k.checked_sub(1).map(|last| last.checked_mul(a.cs).and_then(|e| e.checked_add(start + n)));
    if n == 0 || n > 16 || start > a.buf.len() || end.is_some_and(|e| e.is_none_or(|e| e > a.buf.len())) {
        return Ok(false);
    }
    let all = (1u32 << n) - 1;
    let needs = Needs { sums: odd & all != all, chains: odd & all != 0, pairs };
    let halves = n.div_ceil(8);
    let masks = [first_lanes(n), first_lanes(n.saturating_sub(8))];
    // Columns whose sixteen lanes all lie inside the buffer load whole;
    // the rest (the last few) through the masks.
    let room = a.buf.len() - start;
    let whole = if room >= 16 { (room - 16) / a.cs.max(1) + 1 } else { 0 };
    let col = Column { p: a.buf[start..].as_ptr(), cs: a.cs, whole, masks };
    let zero = _mm512_setzero_pd();
    let mut s = [Lanes { y: zero, t: zero }; 2];
    let mut j = 0;
    while j + 4 <= k {
        let stop = (j + 4 * super::gemv_n::SMALL_CHECK).min(k);
        while j + 4 <= stop {
            let x =
                [_mm512_set1_pd(v[j]), _mm512_set1_pd(v[j + 1]), _mm512_set1_pd(v[j + 2]), _mm512_set1_pd(v[j + 3])];
            for (h, lanes) in s.iter_mut().enumerate().take(halves) {
                // SAFETY: columns j..j + 4 < k (see `Column::load`).
                let c = unsafe { [col.load(j, h), col.load(j + 1, h), col.load(j + 2, h), col.load(j + 3, h)] };
                group(lanes, c, x, needs);
            }
            j += 4;
        }
        crate::array::cancel::check()?;
    }
    let rest = j;
    for (h, lanes) in s.iter_mut().enumerate().take(halves) {
        // SAFETY (loads): columns below k (see `Column::load`).
        let term = |j: usize| _mm512_mul_pd(unsafe { col.load(j, h) }, _mm512_set1_pd(v[j]));
        let mut j = rest;
        if k - j >= 2 {
            lanes.y = _mm512_add_pd(lanes.y, _mm512_add_pd(term(j), term(j + 1)));
            j += 2;
        }
        if j < k {
            lanes.y = _mm512_add_pd(lanes.y, term(j));
        }
        for jj in rest..k {
            lanes.t = _mm512_add_pd(lanes.t, term(jj));
        }
        let chain = _mm512_add_pd(zero, lanes.t);
        let row = _mm512_mask_blend_pd((odd >> (8 * h)) as u8, lanes.y, chain);
        let dst = &mut out[8 * h..];
        // SAFETY: the mask enables only lanes inside `dst` (n - 8h rows).
        unsafe { _mm512_mask_storeu_pd(dst.as_mut_ptr(), masks[h], row) };
    }
    Ok(true)
}
