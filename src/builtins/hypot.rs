//! `math.hypot(*coordinates)` as CPython 3.11 computes it: the Euclidean
//! norm, scaled by a power of two so that no square overflows or
//! underflows, with each square and each partial sum kept as an exact pair
//! of floats and one Newton correction of the square root at the end. The
//! result is correctly rounded in nearly every case, and differs in the
//! last bit from the C library's two-argument `hypot` for about 0.4 % of
//! random pairs, so NPL follows CPython's steps rather than calling it.

/// A value represented exactly as the unevaluated sum `hi + lo`.
#[derive(Clone, Copy)]
struct Pair {
    hi: f64,
    lo: f64,
}

/// `x * y` exactly, as `round(x * y)` plus the rounding error (by FMA).
fn exact_product(x: f64, y: f64) -> Pair {
    let hi = x * y;
    Pair { hi, lo: x.mul_add(y, -hi) }
}

/// `a + b` exactly, for `|a| >= |b|` (Dekker's fast two-sum).
fn exact_sum(a: f64, b: f64) -> Pair {
    let hi = a + b;
    Pair { hi, lo: b - (hi - a) }
}

/// `2^k` for `k` in `-1074..=1023` (subnormal below -1022), exact.
fn pow2(k: i32) -> f64 {
    if k >= -1022 {
        f64::from_bits(((k + 1023) as u64) << 52)
    } else {
        f64::from_bits(1u64 << (k + 1074))
    }
}

/// The exponent `e` of `frexp(x)`: `x = m * 2^e` with `0.5 <= m < 1`, for a
/// finite `x > 0`.
fn frexp_exponent(x: f64) -> i32 {
    let bits = x.to_bits();
    let field = ((bits >> 52) & 0x7ff) as i32;
    if field != 0 {
        field - 1022
    } else {
        let mantissa = bits & ((1u64 << 52) - 1);
        (64 - mantissa.leading_zeros() as i32) - 1074
    }
}

/// The norm of the absolute values `v` whose largest is `max`: `inf` if
/// any is infinite, else NaN if any is NaN (`found_nan`).
fn vector_norm(v: &mut [f64], max: f64, found_nan: bool) -> f64 {
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || v.len() <= 1 {
        return max;
    }
    let max_e = frexp_exponent(max);
    if max_e < -1023 {
        // 2^-max_e would overflow: bring subnormals up to normal range.
        for x in v.iter_mut() {
            *x /= f64::MIN_POSITIVE;
        }
        return f64::MIN_POSITIVE * vector_norm(v, max / f64::MIN_POSITIVE, found_nan);
    }
    let scale = pow2(-max_e);
    let (mut sum, mut frac_squares, mut frac_sums) = (1.0f64, 0.0f64, 0.0f64);
    for &x in v.iter() {
        let x = x * scale;
        let square = exact_product(x, x);
        let s = exact_sum(sum, square.hi);
        sum = s.hi;
        frac_squares += square.lo;
        frac_sums += s.lo;
    }
    let mut h = (sum - 1.0 + (frac_squares + frac_sums)).sqrt();
    let square = exact_product(-h, h);
    let s = exact_sum(sum, square.hi);
    sum = s.hi;
    frac_squares += square.lo;
    frac_sums += s.lo;
    let residual = sum - 1.0 + (frac_squares + frac_sums);
    h += residual / (2.0 * h);
    h / scale
}

/// `math.hypot` of the given coordinates (0.0 for none).
pub(crate) fn hypot(coordinates: &[f64]) -> f64 {
    let mut v: Vec<f64> = coordinates.iter().map(|x| x.abs()).collect();
    let found_nan = v.iter().any(|x| x.is_nan());
    let max = v.iter().fold(0.0f64, |m, &x| if x > m { x } else { m });
    vector_norm(&mut v, max, found_nan)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_values_and_exact_cases() {
        assert_eq!(hypot(&[]), 0.0);
        assert_eq!(hypot(&[-2.5]), 2.5);
        assert_eq!(hypot(&[3.0, 4.0]), 5.0);
        assert_eq!(hypot(&[3.0, 4.0, 12.0]), 13.0);
        assert_eq!(hypot(&[f64::NAN, f64::NEG_INFINITY]), f64::INFINITY);
        assert!(hypot(&[f64::NAN, 1.0]).is_nan());
        assert!(hypot(&[f64::NAN]).is_nan());
        assert_eq!(hypot(&[1e308, 1e308]), 1.4142135623730951e308);
        assert_eq!(hypot(&[5e-324, 5e-324]), 5e-324);
        assert_eq!(hypot(&[3e-320, 4e-320]), 5e-320);
        assert_eq!(hypot(&[0.0, -0.0]), 0.0);
    }

    #[test]
    fn powers_of_two_and_exponents() {
        assert_eq!(pow2(0), 1.0);
        assert_eq!(pow2(-1074), 5e-324);
        assert_eq!(pow2(1023), 8.98846567431158e307);
        assert_eq!(frexp_exponent(1.0), 1);
        assert_eq!(frexp_exponent(0.75), 0);
        assert_eq!(frexp_exponent(5e-324), -1073);
        assert_eq!(frexp_exponent(f64::MAX), 1024);
    }
}
