//! `np.exp` and `np.log` of float64 exactly as NumPy computes them on x86-64
//! CPUs with the AVX-512 "Skylake-X" group (F, CD, BW, DQ, VL): there NumPy's
//! ufunc loop hands every float64 element, one at a time or in bulk, to the
//! high-accuracy vector routines of Intel's SVML (`__svml_exp8_ha`,
//! `__svml_log8_ha`), whose last bits often differ from the C library's.
//!
//! This module recomputes the same algorithms, operation for operation and
//! with the same rounding of every step, so the results are identical bit
//! for bit (verified against NumPy on tens of millions of inputs):
//!
//! * exp: `n = x * log2(e)` cut to 4 fractional bits (rounding toward zero),
//!   `r = x - n * ln2` in two parts, `2^(j/16)` from a table (high part plus
//!   a relative low part), a degree-6 polynomial for `exp(r)`, and a final
//!   `scalef` by `2^floor(n)`. Inputs with `|x| >= 707.7` (and ±inf) take a
//!   scalar path with a 64-entry table that also produces the subnormal and
//!   overflowing results.
//! * log: `x = 2^e * m`, an approximate reciprocal `c ~ 1/m` rounded to a
//!   multiple of 1/32, `log(x) = e*ln2 - log(c) + log1p(c*m - 1)`, with
//!   `-log(c)` from a 16-entry table and a degree-9 polynomial. Zero,
//!   negative, infinite and NaN inputs take a scalar path.
//!
//! On other CPUs NumPy calls the C library's `exp`/`log` per element, and so
//! does NPL ([`available`] is false).

use std::mem::MaybeUninit;

/// `2^(j/64)` for `j = 0..64`: pairs of the nearest double `h` and the
/// nearest double to `(2^(j/64) - h) / h` (computed with 300-bit arithmetic).
/// Every fourth pair is also the 16-entry table of the vector exp.
const EXP64: [u64; 128] = [
    0x3ff0000000000000,
    0x0000000000000000,
    0x3ff02c9a3e778061,
    0xbc7160139cd8dc5d,
    0x3ff059b0d3158574,
    0x3c8cd2523567f613,
    0x3ff0874518759bc8,
    0x3c60f74e61e6c861,
    0x3ff0b5586cf9890f,
    0x3c979aa65d837b6d,
    0x3ff0e3ec32d3d1a2,
    0x3c3ebe3d702f9cd1,
    0x3ff11301d0125b51,
    0xbc9556522a2fbd0e,
    0x3ff1429aaea92de0,
    0xbc91c923b9d5f416,
    0x3ff172b83c7d517b,
    0xbc801b15eaa59348,
    0x3ff1a35beb6fcb75,
    0x3c8b898c3f1353bf,
    0x3ff1d4873168b9aa,
    0x3c9aecf73e3a2f60,
    0x3ff2063b88628cd6,
    0x3c8a6f4144a6c38d,
    0x3ff2387a6e756238,
    0x3c968efde3a8a894,
    0x3ff26b4565e27cdd,
    0x3c80472b981fe7f2,
    0x3ff29e9df51fdee1,
    0x3c82f7e16d09ab31,
    0x3ff2d285a6e4030b,
    0x3c8b3782720c0ab4,
    0x3ff306fe0a31b715,
    0x3c834d754db0abb6,
    0x3ff33c08b26416ff,
    0x3c8fdd395dd3f84a,
    0x3ff371a7373aa9cb,
    0xbc924aedcc4b5068,
    0x3ff3a7db34e59ff7,
    0xbc71d1e83e9436d2,
    0x3ff3dea64c123422,
    0x3c859f48a72a4c6d,
    0x3ff4160a21f72e2a,
    0xbc58a78f4817895b,
    0x3ff44e086061892d,
    0x3c4363ed60c2ac11,
    0x3ff486a2b5c13cd0,
    0x3c6ecce1daa10379,
    0x3ff4bfdad5362a27,
    0x3c7690cebb7aafb0,
    0x3ff4f9b2769d2ca7,
    0xbc8f94340071a38e,
    0x3ff5342b569d4f82,
    0xbc78dec6bd0f385f,
    0x3ff56f4736b527da,
    0x3c93350518fdd78e,
    0x3ff5ab07dd485429,
    0x3c9063e1e21c5409,
    0x3ff5e76f15ad2148,
    0x3c9432e62b64c035,
    0x3ff6247eb03a5585,
    0xbc8c33c53bef4da8,
    0x3ff6623882552225,
    0xbc93cedd78565858,
    0x3ff6a09e667f3bcd,
    0xbc93b3efbf5e2228,
    0x3ff6dfb23c651a2f,
    0xbc6367efb86da9ee,
    0x3ff71f75e8ec5f74,
    0xbc781f647e5a3ecf,
    0x3ff75feb564267c9,
    0xbc8619321e55e68a,
    0x3ff7a11473eb0187,
    0xbc7b32dcb94da51d,
    0x3ff7e2f336cf4e62,
    0x3c65ebe1abd66c55,
    0x3ff82589994cce13,
    0xbc9369b6f13b3734,
    0x3ff868d99b4492ed,
    0xbc94d450d872576e,
    0x3ff8ace5422aa0db,
    0x3c8db72fc1f0eab4,
    0x3ff8f1ae99157736,
    0x3c7bf68359f35f44,
    0x3ff93737b0cdc5e5,
    0xbc5da9b88b6c1e29,
    0x3ff97d829fde4e50,
    0xbc92434322f4f9aa,
    0x3ff9c49182a3f090,
    0x3c71affc2b91ce27,
    0x3ffa0c667b5de565,
    0xbc87c50422622263,
    0x3ffa5503b23e255d,
    0xbc91bbd1d3bcbb15,
    0x3ffa9e6b5579fdbf,
    0x3c8469846e735ab3,
    0x3ffae89f995ad3ad,
    0x3c8c1a7792cb3387,
    0x3ffb33a2b84f15fb,
    0xbc55c3d956dcaeba,
    0x3ffb7f76f2fb5e47,
    0xbc68d6f438ad9334,
    0x3ffbcc1e904bc1d2,
    0x3c74ffd70a5fddcd,
    0x3ffc199bdd85529c,
    0x3c736eae30af0cb3,
    0x3ffc67f12e57d14b,
    0x3c84e08fd10959ac,
    0x3ffcb720dcef9069,
    0x3c676b2c6c921968,
    0x3ffd072d4a07897c,
    0xbc8fad5d3ffffa6f,
    0x3ffd5818dcfba487,
    0x3c74a385a63d07a7,
    0x3ffda9e603db3285,
    0x3c8e5a50d5c192ac,
    0x3ffdfc97337b9b5f,
    0xbc82d52107b43e1f,
    0x3ffe502ee78b3ff6,
    0x3c74b604603a88d3,
    0x3ffea4afa2a490da,
    0xbc8ff7128fd391f0,
    0x3ffefa1bee615a27,
    0x3c8ec3bc41aa2008,
    0x3fff50765b6e4540,
    0x3c8a64a931d185ee,
    0x3fffa7c1819e90d8,
    0x3c77893b4d91cd9d,
];

/// `-log(c)` for the 16 reciprocals `c` the log kernel can pick (`1`, then
/// `(1 + i/16) / 2` for `i = 1..16`; for `i < 8` the table holds the value
/// for `2c`, the missing `ln 2` being added to the exponent instead), rounded
/// to a multiple of `2^-40` so that adding `e * ln2_hi` stays exact.
const LOG_HI: [u64; 16] = [
    0x0000000000000000,
    0xbfaf0a30c0120000,
    0xbfbe27076e2b0000,
    0xbfc5ff3070a78000,
    0xbfcc8ff7c79a8000,
    0xbfd1675cababc000,
    0xbfd4618bc21c4000,
    0xbfd739d7f6bbc000,
    0x3fd269621134c000,
    0x3fcf991c6cb38000,
    0x3fca93ed3c8b0000,
    0x3fc5bf406b540000,
    0x3fc1178e82280000,
    0x3fb9335e5d590000,
    0x3fb08598b59e0000,
    0x3fa0415d89e80000,
];

/// The rest of each `-log(c)`: the nearest double to the exact value minus
/// the matching [`LOG_HI`] entry.
const LOG_LO: [u64; 16] = [
    0x0000000000000000,
    0x3d53ab33d066d1d2,
    0x3d2a342c2af0003c,
    0xbd43d3c873e20a07,
    0xbd4a21ac25d81ef3,
    0x3d59f1fc63382a8f,
    0xbd5ec27d0b7b37b3,
    0xbd50069ce24c53fb,
    0x3d5b92783beb7677,
    0x3d59bcbecca0cdf3,
    0xbd530e486a0ac42d,
    0x3d5ed8fdc149767e,
    0xbd4b8421cc74be04,
    0x3d52622b8757a8fb,
    0x3d4d034451fecdfb,
    0xbd577771fd187145,
];

/// Whether the exact-NumPy kernels run here: x86-64 with the AVX-512 group
/// NumPy requires for its SVML loops (detected once, then cached by std).
#[inline]
pub(crate) fn available() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::is_x86_feature_detected!("avx512f")
            && std::is_x86_feature_detected!("avx512cd")
            && std::is_x86_feature_detected!("avx512bw")
            && std::is_x86_feature_detected!("avx512dq")
            && std::is_x86_feature_detected!("avx512vl")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// Whether NumPy hands an input of this layout (`strides` in elements) to
/// its loop as one run with a negative stride, which its vector loops refuse
/// so the C library computes every element: a 1-d input read backwards, or
/// one whose axes longer than 1 all run backwards and chain into a single
/// evenly spaced run (such as `a[::-1, ::-1]` of a contiguous `a`). Any
/// other layout is iterated forwards and gets the vector routine.
pub(crate) fn numpy_uses_libm(shape: &[usize], strides: &[isize]) -> bool {
    if shape.len() == 1 {
        return strides[0] < 0;
    }
    let mut axes: Vec<(usize, isize)> =
        shape.iter().copied().zip(strides.iter().copied()).filter(|&(n, _)| n > 1).collect();
    if axes.is_empty() || axes.iter().any(|&(_, s)| s >= 0) {
        return false;
    }
    axes.sort_by_key(|&(_, s)| s.unsigned_abs());
    axes.windows(2).all(|w| w[1].1 == w[0].1.saturating_mul(w[0].0 as isize))
}

/// Writes `exp` of each element of `src` into `dst` (same length). Falls
/// back to the C library when [`available`] is false.
pub(crate) fn exp_into(src: &[f64], dst: &mut [MaybeUninit<f64>]) {
    #[cfg(target_arch = "x86_64")]
    if available() {
        // SAFETY: the CPU has the AVX-512 features the kernel is compiled for.
        unsafe { avx512::run::<false>(src, dst) };
        return;
    }
    for (o, &x) in dst.iter_mut().zip(src) {
        o.write(x.exp());
    }
}

/// Writes `log` of each element of `src` into `dst` (same length). Falls
/// back to the C library when [`available`] is false.
pub(crate) fn log_into(src: &[f64], dst: &mut [MaybeUninit<f64>]) {
    #[cfg(target_arch = "x86_64")]
    if available() {
        // SAFETY: the CPU has the AVX-512 features the kernel is compiled for.
        unsafe { avx512::run::<true>(src, dst) };
        return;
    }
    for (o, &x) in dst.iter_mut().zip(src) {
        o.write(libm_log(x));
    }
}

/// The C library's `log` as NumPy's scalar loop returns it: negative
/// input gives the positive quiet NaN.
pub(crate) fn libm_log(x: f64) -> f64 {
    if x < 0.0 {
        return f64::NAN;
    }
    x.ln()
}

/// `exp` of one float, the way NumPy's loop computes a 1-element input.
#[cfg(test)]
pub(crate) fn exp1(x: f64) -> f64 {
    let mut out = [MaybeUninit::new(0.0)];
    exp_into(&[x], &mut out);
    // SAFETY: `exp_into` wrote the element.
    unsafe { out[0].assume_init() }
}

/// `log` of one float, the way NumPy's loop computes a 1-element input.
#[cfg(test)]
pub(crate) fn log1(x: f64) -> f64 {
    let mut out = [MaybeUninit::new(0.0)];
    log_into(&[x], &mut out);
    // SAFETY: `log_into` wrote the element.
    unsafe { out[0].assume_init() }
}

/// `2^k` for a biased exponent field `k` in `0..2048` (zero for `k = 0`).
#[inline]
#[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
fn pow2_field(k: u32) -> f64 {
    f64::from_bits(u64::from(k & 0x7ff) << 52)
}

/// The scalar path of exp for `|x| >= 707.7`, infinities and NaN: a table
/// of `2^(j/64)`, a degree-6 polynomial in plain (unfused) arithmetic, and
/// an extra-precise final scaling when the result is subnormal.
#[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
fn exp_rare(x: f64) -> f64 {
    const INV_LN2_64: f64 = f64::from_bits(0x40571547652b82fe); // 64 / ln 2
    const SHIFT: f64 = f64::from_bits(0x4338000000000000); // 1.5 * 2^52
    const LN2_64_HI: f64 = f64::from_bits(0x3f862e42fefa0000);
    const LN2_64_LO: f64 = f64::from_bits(0x3d1cf79abc9e3b3a);
    const C: [f64; 5] = [
        f64::from_bits(0x3fe0000000000000),
        f64::from_bits(0x3fc55555555548f8),
        f64::from_bits(0x3fa5555555558fcc),
        f64::from_bits(0x3f8111123aaf20d3),
        f64::from_bits(0x3f56c16a1c2a3ffd),
    ];
    const OVERFLOW: f64 = f64::from_bits(0x40862e42fefa39ef); // 709.78...
    const SUBNORMAL: f64 = f64::from_bits(0xc086232bdd7abcd2); // -708.39...
    const UNDERFLOW: f64 = f64::from_bits(0xc0874910d52d3051); // -745.13...
    const SPLIT: f64 = f64::from_bits(0x41f8000000000000); // 1.5 * 2^32
    const TWO_M60: f64 = f64::from_bits(0x3c30000000000000);
    let field = ((x.to_bits() >> 52) & 0x7ff) as u32;
    if field == 0x7ff {
        if x == f64::NEG_INFINITY {
            return 0.0;
        }
        if x.is_nan() {
            return f64::from_bits(x.to_bits() | (1 << 51)); // made quiet, as `x * x` does
        }
        return x;
    }
    if field <= 970 {
        return 1.0 + x;
    }
    if x > OVERFLOW {
        return f64::INFINITY;
    }
    if x < UNDERFLOW {
        return 0.0;
    }
    let s = x * INV_LN2_64 + SHIFT;
    let k = s.to_bits() as u32; // round(x * 64 / ln 2), two's complement
    let j = (k & 63) as usize;
    let kd = s - SHIFT;
    let r = (x - kd * LN2_64_HI) - kd * LN2_64_LO;
    let mut p = C[4] * r + C[3];
    p = p * r + C[2];
    p = p * r + C[1];
    p = p * r + C[0];
    p = p * r * r + r;
    let hi = f64::from_bits(EXP64[2 * j]);
    let p = (p + f64::from_bits(EXP64[2 * j + 1])) * hi;
    let m = k >> 6; // floor(k / 64), modulo 2^26
    if x < SUBNORMAL {
        // Scale by 2^(m + 60) first, round to the subnormal grid last.
        let field = m.wrapping_add(1083) & 0x7ff;
        let sc = pow2_field(field);
        let (a, b) = (p * sc, sc * hi);
        let sum = b + a;
        if field <= 50 {
            return sum * TWO_M60;
        }
        let tail = (b - sum) + a;
        let c = sum * SPLIT;
        let head = (sum + c) - c;
        let low = tail + (sum - head);
        return head * TWO_M60 + low * TWO_M60;
    }
    let field = m.wrapping_add(1023) & 0x7ff;
    let y = p + hi;
    if field > 2046 {
        return y * pow2_field(field - 1) * 2.0;
    }
    y * pow2_field(field)
}

/// The scalar path of log for zero, negative, infinite and NaN inputs.
#[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
fn log_rare(x: f64) -> f64 {
    /// What `0.0 / 0.0` gives on x86 (the sign bit is set).
    const DEFAULT_NAN: u64 = 0xfff8000000000000;
    if x.is_nan() {
        return f64::from_bits(x.to_bits() | (1 << 51));
    }
    if x == f64::INFINITY {
        return x;
    }
    if x == 0.0 {
        return f64::NEG_INFINITY;
    }
    f64::from_bits(DEFAULT_NAN)
}

#[cfg(target_arch = "x86_64")]
mod avx512 {
    use super::{exp_rare, log_rare, EXP64, LOG_HI, LOG_LO};
    use std::arch::x86_64::*;
    use std::mem::MaybeUninit;

    /// Round to nearest, exceptions suppressed.
    const RN: i32 = _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC;
    /// Round toward zero, exceptions suppressed.
    const RZ: i32 = _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC;
    const SAE: i32 = _MM_FROUND_NO_EXC;

    #[inline(always)]
    fn splat(bits: u64) -> __m512d {
        // SAFETY: AVX-512F is enabled in every function this inlines into.
        unsafe { _mm512_castsi512_pd(_mm512_set1_epi64(bits as i64)) }
    }

    /// Eight consecutive table entries, every `step`-th from `start`.
    #[inline(always)]
    fn table8(t: &[u64], start: usize, step: usize) -> __m512d {
        let mut v = [0u64; 8];
        for (i, e) in v.iter_mut().enumerate() {
            *e = t[start + i * step];
        }
        // SAFETY: `v` holds 8 u64; an unaligned load reads exactly them.
        unsafe { _mm512_loadu_pd(v.as_ptr().cast()) }
    }

    /// Runs the exp kernel (or the log kernel when `LOG`) over `src` 8 lanes
    /// at a time (the last block with zero-filled lanes, as NumPy loads it),
    /// fixing flagged lanes with the scalar path.
    #[target_feature(enable = "avx512f,avx512cd,avx512bw,avx512dq,avx512vl")]
    pub(super) unsafe fn run<const LOG: bool>(src: &[f64], dst: &mut [MaybeUninit<f64>]) {
        let n = src.len().min(dst.len());
        let mut i = 0;
        while i < n {
            let left = n - i;
            let mask: __mmask8 = if left >= 8 { 0xff } else { (1u8 << left) - 1 };
            let (sp, dp) = (src.as_ptr().add(i), dst.as_mut_ptr().add(i).cast::<f64>());
            let x = if mask == 0xff { _mm512_loadu_pd(sp) } else { _mm512_maskz_loadu_pd(mask, sp) };
            let (y, special) = if LOG { log8(x) } else { exp8(x) };
            let special = special & mask;
            if mask == 0xff {
                _mm512_storeu_pd(dp, y);
            } else {
                _mm512_mask_storeu_pd(dp, mask, y);
            }
            if special != 0 {
                for lane in 0..8 {
                    if special & (1 << lane) != 0 {
                        let v = *sp.add(lane);
                        *dp.add(lane) = if LOG { log_rare(v) } else { exp_rare(v) };
                    }
                }
            }
            i += 8;
        }
    }

    /// The vector exp of 8 lanes; lanes with `|x| >= 707.7` (and ±inf) are
    /// flagged for the scalar path (NaN stays NaN here).
    #[inline]
    #[target_feature(enable = "avx512f,avx512cd,avx512bw,avx512dq,avx512vl")]
    unsafe fn exp8(x: __m512d) -> (__m512d, __mmask8) {
        let log2e = splat(0x3ff71547652b82fe);
        // 1.5 * 2^48 (plus an offset in bits that never reaches the result):
        // adding it keeps 4 fractional bits of x * log2(e).
        let shift = splat(0x42f8000000003ff0);
        let ln2_hi = splat(0x3fe62e42fefa39ef);
        let ln2_lo = splat(0x3c7abc9e3b39803f);
        let (c6, c5, c4) = (splat(0x3f57411836940c04), splat(0x3f81101cbbc265c0), splat(0x3fa55557242d68fe));
        let (c3, c2, c1) = (splat(0x3fc5555553939732), splat(0x3fe000000000d008), splat(0x3fefffffffffff70));
        let threshold = splat(0x40861da04cbafe44); // 707.70...
        let t = _mm512_fmadd_round_pd::<RZ>(x, log2e, shift);
        let ti = _mm512_castpd_si512(t);
        let n = _mm512_sub_round_pd::<RN>(t, shift);
        let ax = _mm512_castsi512_pd(_mm512_and_si512(_mm512_castpd_si512(x), _mm512_set1_epi64(i64::MAX)));
        let special = _mm512_cmp_round_pd_mask::<_CMP_GE_OQ, SAE>(ax, threshold);
        let th = _mm512_permutex2var_pd(table8(&EXP64, 0, 8), ti, table8(&EXP64, 64, 8));
        let tl = _mm512_permutex2var_pd(table8(&EXP64, 1, 8), ti, table8(&EXP64, 65, 8));
        let r = _mm512_fnmadd_round_pd::<RN>(n, ln2_hi, x);
        let r = _mm512_fnmadd_round_pd::<RN>(ln2_lo, n, r);
        // Clearing the top exponent bit keeps |r| < 2 whatever x was.
        let r = _mm512_castsi512_pd(_mm512_and_si512(
            _mm512_castpd_si512(r),
            _mm512_set1_epi64(0xbfffffffffffffffu64 as i64),
        ));
        let r2 = _mm512_mul_round_pd::<RN>(r, r);
        let p56 = _mm512_fmadd_round_pd::<RN>(c6, r, c5);
        let p34 = _mm512_fmadd_round_pd::<RN>(c4, r, c3);
        let p12 = _mm512_fmadd_round_pd::<RN>(c2, r, c1);
        let p = _mm512_fmadd_round_pd::<RN>(r2, p56, p34);
        let p = _mm512_fmadd_round_pd::<RN>(r2, p, p12);
        let p = _mm512_fmadd_round_pd::<RN>(p, r, tl);
        let y = _mm512_fmadd_round_pd::<RN>(th, p, th);
        (_mm512_scalef_round_pd::<RN>(y, n), special)
    }

    /// The vector log of 8 lanes; zero, negative, +inf and NaN lanes are
    /// flagged for the scalar path.
    #[inline]
    #[target_feature(enable = "avx512f,avx512cd,avx512bw,avx512dq,avx512vl")]
    unsafe fn log8(x: __m512d) -> (__m512d, __mmask8) {
        let one = splat(0x3ff0000000000000);
        let zero = _mm512_setzero_pd();
        let c9 = splat(0x3fbc81cd309d7c70);
        let c8 = splat(0xbfc007357e93af62);
        let c7 = splat(0x3fc249229cee81ef);
        let c6 = splat(0xbfc55553fb28db06);
        let c5 = splat(0x3fc9999999cc9f5c);
        let c4 = splat(0xbfd00000000c05bd);
        let c3 = splat(0x3fd5555555555466);
        let c2 = splat(0xbfdfffffffffffc6);
        let ln2_hi = splat(0x3fe62e42fefa0000);
        let ln2_lo = splat(0x3d7cf79abc9e0000);
        let m = _mm512_getmant_round_pd::<_MM_MANT_NORM_1_2, _MM_MANT_SIGN_ZERO, SAE>(x);
        let e = _mm512_getexp_round_pd::<SAE>(x);
        let special = _mm512_cmp_pd_mask::<_CMP_NGT_UQ>(x, zero)
            | _mm512_cmp_pd_mask::<_CMP_EQ_OQ>(x, splat(f64::INFINITY.to_bits()));
        // 1/m to 14 bits, then rounded to a multiple of 1/32.
        let c = _mm512_roundscale_round_pd::<0x58, SAE>(_mm512_rcp14_pd(m));
        let r = _mm512_fmsub_round_pd::<RN>(c, m, one);
        let below = _mm512_cmp_round_pd_mask::<_CMP_LT_OQ, SAE>(c, splat(0x3fe8000000000000));
        let q67 = _mm512_fmadd_round_pd::<RN>(c7, r, c6);
        let q89 = _mm512_fmadd_round_pd::<RN>(c9, r, c8);
        let r2 = _mm512_mul_round_pd::<RN>(r, r);
        let q45 = _mm512_fmadd_round_pd::<RN>(c5, r, c4);
        let idx = _mm512_srli_epi64::<48>(_mm512_castpd_si512(c));
        let q69 = _mm512_fmadd_round_pd::<RN>(r2, q89, q67);
        let r4 = _mm512_mul_round_pd::<RN>(r2, r2);
        let q23 = _mm512_fmadd_round_pd::<RN>(c3, r, c2);
        let k = _mm512_mask_add_round_pd::<RN>(e, below, e, one);
        let th = _mm512_permutex2var_pd(table8(&LOG_HI, 0, 1), idx, table8(&LOG_HI, 8, 1));
        let tl = _mm512_permutex2var_pd(table8(&LOG_LO, 0, 1), idx, table8(&LOG_LO, 8, 1));
        let q25 = _mm512_fmadd_round_pd::<RN>(r2, q45, q23);
        let kh = _mm512_fmadd_round_pd::<RN>(ln2_hi, k, th);
        let poly = _mm512_fmadd_round_pd::<RN>(r4, q69, q25);
        let high = _mm512_add_round_pd::<RN>(kh, r);
        let rh = _mm512_sub_round_pd::<RN>(high, kh);
        let rh = _mm512_mask_mov_pd(rh, special, zero);
        let rl = _mm512_sub_round_pd::<RN>(r, rh);
        let poly = _mm512_fmadd_round_pd::<RN>(r2, poly, rl);
        let kl = _mm512_fmadd_round_pd::<RN>(ln2_lo, k, tl);
        let low = _mm512_add_round_pd::<RN>(poly, kl);
        (_mm512_add_round_pd::<RN>(high, low), special)
    }
}

#[cfg(test)]
#[path = "vmath_tests.rs"]
mod tests;
