//! The AVX-512 kernel of a matrix-vector product whose rows are shorter
//! than 16 elements (`X @ w` for `X` of shape (1e6, 10)).
//!
//! Eight rows at a time are loaded whole and transposed in registers, so
//! that lane `g` of vector `q` holds element `q` of row `g`; one vector
//! FMA per element then advances the eight rows' dot products together.
//! Each lane runs its row's sum in OpenBLAS's `dgemv_t` order (see
//! `super::gemv`), the operations of the portable kernel
//! (`tall::body::row_dots`), so the sums are the same bits. Measured on the (1e6, 10) bench matrix, one thread: 3.5 ms
//! for the portable kernel, 0.8 ms of it without memory stalls; this
//! kernel 2.1 ms, 0.4 ms without memory stalls.

use std::arch::x86_64::*;
use std::mem::MaybeUninit;

/// Bytes ahead of the rows in use from which rows that lie close together
/// are prefetched: the masked loads do not wake the hardware prefetcher,
/// and without this the kernel ran at a third of the memory bandwidth.
const PREFETCH_BYTES: usize = 16 << 10;

/// Rows ahead from which rows more than 16 elements apart are prefetched,
/// each row on its own.
const PREFETCH_ROWS: usize = 64;

/// The mask of lanes `0..n` (all eight for `n >= 8`).
const fn first_lanes(n: usize) -> __mmask8 {
    if n >= 8 {
        0xff
    } else {
        ((1u16 << n) - 1) as u8
    }
}

/// The transpose of eight vectors: lane `g` of vector `q` of the result is
/// lane `q` of `a[g]`.
#[inline]
#[target_feature(enable = "avx512f")]
fn transpose8(a: [__m512d; 8]) -> [__m512d; 8] {
    // Pairs: t[2i] holds the even lanes of a[2i] and a[2i + 1] interleaved
    // (a[2i][0], a[2i+1][0], a[2i][2], ...), t[2i + 1] the odd lanes.
    let t = [
        _mm512_unpacklo_pd(a[0], a[1]),
        _mm512_unpackhi_pd(a[0], a[1]),
        _mm512_unpacklo_pd(a[2], a[3]),
        _mm512_unpackhi_pd(a[2], a[3]),
        _mm512_unpacklo_pd(a[4], a[5]),
        _mm512_unpackhi_pd(a[4], a[5]),
        _mm512_unpacklo_pd(a[6], a[7]),
        _mm512_unpackhi_pd(a[6], a[7]),
    ];
    // Quads, in 128-bit blocks: u[0] holds lanes 0 and 4 of a[0..4]
    // (blocks: lane 0 of a[0..2], lane 4 of a[0..2], lane 0 of a[2..4],
    // lane 4 of a[2..4]), u[1] lanes 2 and 6, u[2] lanes 1 and 5, u[3]
    // lanes 3 and 7; u[4..8] the same for a[4..8].
    let u = [
        _mm512_shuffle_f64x2::<0b10_00_10_00>(t[0], t[2]),
        _mm512_shuffle_f64x2::<0b11_01_11_01>(t[0], t[2]),
        _mm512_shuffle_f64x2::<0b10_00_10_00>(t[1], t[3]),
        _mm512_shuffle_f64x2::<0b11_01_11_01>(t[1], t[3]),
        _mm512_shuffle_f64x2::<0b10_00_10_00>(t[4], t[6]),
        _mm512_shuffle_f64x2::<0b11_01_11_01>(t[4], t[6]),
        _mm512_shuffle_f64x2::<0b10_00_10_00>(t[5], t[7]),
        _mm512_shuffle_f64x2::<0b11_01_11_01>(t[5], t[7]),
    ];
    [
        _mm512_shuffle_f64x2::<0b10_00_10_00>(u[0], u[4]),
        _mm512_shuffle_f64x2::<0b10_00_10_00>(u[2], u[6]),
        _mm512_shuffle_f64x2::<0b10_00_10_00>(u[1], u[5]),
        _mm512_shuffle_f64x2::<0b10_00_10_00>(u[3], u[7]),
        _mm512_shuffle_f64x2::<0b11_01_11_01>(u[0], u[4]),
        _mm512_shuffle_f64x2::<0b11_01_11_01>(u[2], u[6]),
        _mm512_shuffle_f64x2::<0b11_01_11_01>(u[1], u[5]),
        _mm512_shuffle_f64x2::<0b11_01_11_01>(u[3], u[7]),
    ]
}

/// Eight rows' dot products, lane `g` for row `g`, in the order of
/// OpenBLAS's `dgemv_t` (see [`super::gemv`]): `col(q)` holds element `q`
/// of the eight rows, `x[q]` element `q` of the vector in every lane.
#[inline]
#[target_feature(enable = "avx512f,avx512vl,avx2,fma")]
fn gemv_t_lanes<const K: usize>(col: impl Fn(usize) -> __m512d, x: &[__m512d; K]) -> __m512d {
    let k4 = K & !3;
    let mut y = _mm512_setzero_pd();
    if k4 > 0 {
        let mut c = [_mm512_setzero_pd(); 4];
        for q in 0..k4 {
            c[q % 4] = _mm512_fmadd_pd(col(q), x[q], c[q % 4]);
        }
        let t = _mm512_add_pd(_mm512_add_pd(c[0], c[2]), _mm512_add_pd(c[1], c[3]));
        y = _mm512_add_pd(y, t);
    }
    match K - k4 {
        1 => _mm512_fmadd_pd(col(k4), x[k4], y),
        2 => _mm512_add_pd(y, _mm512_fmadd_pd(col(k4), x[k4], _mm512_mul_pd(col(k4 + 1), x[k4 + 1]))),
        3 => {
            let p = _mm512_fmadd_pd(col(k4), x[k4], _mm512_mul_pd(col(k4 + 1), x[k4 + 1]));
            _mm512_add_pd(y, _mm512_fmadd_pd(col(k4 + 2), x[k4 + 2], p))
        }
        _ => y,
    }
}

/// `out[r] = row r . v` for the rows of `k` elements starting at
/// `start + r * rs`, each in the order of OpenBLAS's `dgemv_t`; `false`
/// (nothing written) unless `k` is in `1..16` and the rows lie in `buf`.
#[target_feature(enable = "avx512f,avx512vl,avx2,fma")]
pub(crate) fn short_row_dots(
    buf: &[f64],
    start: usize,
    rs: usize,
    k: usize,
    v: &[f64],
    out: &mut [MaybeUninit<f64>],
) -> bool {
    macro_rules! go {
        ($($k:literal)*) => {
            match k {
                $($k => rows_of::<$k>(buf, start, rs, v, out),)*
                _ => false,
            }
        };
    }
    go!(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15)
}

/// [`short_row_dots`] for rows of `K` elements.
#[target_feature(enable = "avx512f,avx512vl,avx2,fma")]
fn rows_of<const K: usize>(buf: &[f64], start: usize, rs: usize, v: &[f64], out: &mut [MaybeUninit<f64>]) -> bool {
    let m = out.len();
    let end = (m.saturating_sub(1)).checked_mul(rs).and_then(|e| e.checked_add(start)).and_then(|e| e.checked_add(K));
    if v.len() < K || end.is_none_or(|e| e > buf.len()) {
        return false;
    }
    let x: [__m512d; K] = std::array::from_fn(|q| _mm512_set1_pd(v[q]));
    let dense = rs <= 16;
    let ahead = if dense { PREFETCH_BYTES } else { PREFETCH_ROWS * rs * 8 };
    let mut r = 0;
    while r + 8 <= m {
        let p = buf[start + r * rs..].as_ptr();
        // (A prefetch never faults, whatever the address.)
        let pf = p.wrapping_byte_add(ahead) as *const i8;
        if dense {
            // The rs cache lines' worth of the eight rows `ahead` on.
            for line in 0..rs {
                _mm_prefetch::<_MM_HINT_T0>(pf.wrapping_add(64 * line));
            }
        } else {
            for g in 0..8 {
                // The (up to three) lines of a row of at most 15 elements:
                // its first and last element and the one 64 bytes on.
                let row = pf.wrapping_add(8 * g * rs);
                _mm_prefetch::<_MM_HINT_T0>(row);
                _mm_prefetch::<_MM_HINT_T0>(row.wrapping_add(8 * (K - 1)));
                if K > 8 {
                    _mm_prefetch::<_MM_HINT_T0>(row.wrapping_add(64));
                }
            }
        }
        // SAFETY (loads): row r + g starts at p + g * rs and its K
        // elements lie inside `buf` (checked above); the loads read only
        // those (the masks enable lanes 0..K and 8..K).
        let low: [__m512d; 8] = std::array::from_fn(|g| unsafe {
            if K >= 8 {
                _mm512_loadu_pd(p.add(g * rs))
            } else {
                _mm512_maskz_loadu_pd(first_lanes(K), p.add(g * rs))
            }
        });
        let cols = transpose8(low);
        let high = if K > 8 {
            // SAFETY: as for `low`.
            let high: [__m512d; 8] =
                std::array::from_fn(|g| unsafe { _mm512_maskz_loadu_pd(first_lanes(K - 8), p.add(g * rs + 8)) });
            transpose8(high)
        } else {
            [_mm512_setzero_pd(); 8]
        };
        let col = |q: usize| if q < 8 { cols[q] } else { high[q - 8] };
        let acc = gemv_t_lanes::<K>(col, &x);
        let dst = &mut out[r..r + 8];
        // SAFETY: `dst` is eight elements long, and `MaybeUninit<f64>` has
        // the layout of `f64`.
        unsafe { _mm512_storeu_pd(dst.as_mut_ptr() as *mut f64, acc) };
        r += 8;
    }
    for (i, o) in out[r..].iter_mut().enumerate() {
        let s = start + (r + i) * rs;
        o.write(super::gemv::row1(&buf[s..s + K], &v[..K]));
    }
    true
}
