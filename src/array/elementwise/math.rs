//! One-argument ufuncs and `np.round`.

use super::cmath;
use super::kernels::map;
use super::parallel_kernels::{par_map, par_map_slices};
use super::vmath;
use super::{unsupported_types, UnaryOp};
use crate::array::dtype::{DType, Element};
use crate::array::error::{ArrayError, ArrayResult, ErrorKind};
use crate::array::storage::{Array, IntoNdArray, NdArray};
use num_complex::Complex64;
use std::mem::MaybeUninit;

/// NumPy's `TypeError` for a ufunc with no loop at all for bool input.
fn no_bool_loop(ufunc: &str) -> ArrayError {
    ArrayError::type_error(format!(
        "ufunc '{ufunc}' did not contain a loop with signature matching types <class 'numpy.dtypes.BoolDType'> -> None"
    ))
}

/// Applies `f` to an array, wrapping the result.
fn apply<A: Element, O: Element>(a: &Array<A>, f: impl Fn(A) -> O + Sync) -> ArrayResult<NdArray>
where
    Array<O>: IntoNdArray,
{
    Ok(par_map(a, f)?.into_nd())
}

/// A float function with a complex counterpart: complex input uses `c`,
/// everything else is computed in float64 with `f`.
fn inexact(a: &NdArray, f: fn(f64) -> f64, c: fn(Complex64) -> Complex64) -> ArrayResult<NdArray> {
    match a {
        NdArray::Complex(z) => apply(z, c),
        other => apply(&other.to_float(), f),
    }
}

/// [`inexact`] for functions cheap enough to inline and vectorize (a
/// function pointer would cost a call per element).
fn inexact_inline(
    a: &NdArray,
    f: impl Fn(f64) -> f64 + Sync,
    c: impl Fn(Complex64) -> Complex64 + Sync,
) -> ArrayResult<NdArray> {
    match a {
        NdArray::Complex(z) => apply(z, c),
        NdArray::Float(x) => apply(x, f),
        other => apply(&other.to_float(), f),
    }
}

/// [`inexact`] for a function NumPy computes with a vector routine on
/// AVX-512 CPUs: there real input goes through `vector` (NumPy's bits),
/// elsewhere through `f` (the C library, as NumPy does there).
fn exact_simd(
    a: &NdArray,
    vector: fn(&[f64], &mut [MaybeUninit<f64>]),
    f: fn(f64) -> f64,
    c: fn(Complex64) -> Complex64,
) -> ArrayResult<NdArray> {
    if !vmath::available() {
        return inexact(a, f, c);
    }
    match a {
        NdArray::Complex(z) => apply(z, c),
        NdArray::Float(x) if vmath::numpy_uses_libm(x.shape(), x.strides()) => apply(x, f),
        NdArray::Float(x) => Ok(par_map_slices(x, vector)?.into_nd()),
        other => Ok(par_map_slices(&other.to_float(), vector)?.into_nd()),
    }
}

/// A float-only function: complex input is NumPy's `TypeError`.
fn real_only(op: UnaryOp, a: &NdArray, f: impl Fn(f64) -> f64 + Sync) -> ArrayResult<NdArray> {
    match a {
        NdArray::Complex(_) => Err(unsupported_types(op.ufunc_name())),
        other => apply(&other.to_float(), f),
    }
}

/// `2**52`: floats this large or larger are whole numbers.
const TWO_POW_52: f64 = 4_503_599_627_370_496.0;

/// Rounds half to even (`np.rint`) with plain arithmetic, so the loop
/// vectorizes without SSE4.1's rounding instructions: adding and removing
/// `2**52` rounds in the default (half-to-even) mode.
#[inline]
pub(crate) fn rint(x: f64) -> f64 {
    let a = x.abs();
    if a < TWO_POW_52 {
        ((a + TWO_POW_52) - TWO_POW_52).copysign(x)
    } else {
        x
    }
}

/// `np.floor`, built on [`rint`] (exact, keeps the sign of zero).
#[inline]
pub(crate) fn floor(x: f64) -> f64 {
    let r = rint(x);
    (if r > x { r - 1.0 } else { r }).copysign(x)
}

/// `np.ceil`, built on [`rint`] (exact, keeps the sign of zero).
#[inline]
pub(crate) fn ceil(x: f64) -> f64 {
    let r = rint(x);
    (if r < x { r + 1.0 } else { r }).copysign(x)
}

/// `np.trunc`, built on [`rint`] (exact, keeps the sign of zero).
#[inline]
pub(crate) fn trunc(x: f64) -> f64 {
    let r = rint(x);
    (if r.abs() > x.abs() { r - 1.0f64.copysign(x) } else { r }).copysign(x)
}

/// Whether `a` holds `i64::MIN` (whose negation and absolute value
/// overflow), by a reduction that vectorizes: only `i64::MIN` has the sign
/// of its negation and is not zero.
fn has_int_min(a: &Array<i64>) -> bool {
    a.with_slice(|s| s.iter().fold(0i64, |acc, &v| acc | (v & v.wrapping_neg()))) < 0
}

/// `np.sign` of a float: -1, 0 or 1, NaN stays NaN, `-0.0` gives `0.0`.
#[inline]
fn float_sign(x: f64) -> f64 {
    if x > 0.0 {
        1.0
    } else if x < 0.0 {
        -1.0
    } else if x == 0.0 {
        0.0
    } else {
        x
    }
}

/// Applies a one-argument ufunc; see [`super::unary`].
pub(super) fn unary(op: UnaryOp, a: &NdArray) -> ArrayResult<NdArray> {
    use UnaryOp::*;
    let name = op.ufunc_name();
    match op {
        Neg => match a {
            NdArray::Bool(_) => Err(ArrayError::type_error(
                "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.",
            )),
            NdArray::Int(x) => {
                if has_int_min(x) {
                    return Err(ArrayError::int_overflow());
                }
                apply(x, i64::wrapping_neg)
            }
            NdArray::Float(x) => apply(x, |v| -v),
            NdArray::Complex(x) => apply(x, |v| -v),
        },
        Pos => match a {
            NdArray::Bool(_) => Err(no_bool_loop(name)),
            other => Ok(other.copy()),
        },
        Invert => match a {
            NdArray::Bool(x) => apply(x, |v| !v),
            NdArray::Int(x) => apply(x, |v| !v),
            _ => Err(unsupported_types(name)),
        },
        LogicalNot => match a {
            NdArray::Bool(x) => apply(x, |v| !v),
            NdArray::Int(x) => apply(x, |v| v == 0),
            NdArray::Float(x) => apply(x, |v| v == 0.0),
            NdArray::Complex(x) => apply(x, |v| v.re == 0.0 && v.im == 0.0),
        },
        Abs => match a {
            NdArray::Bool(x) => apply(x, |v| v),
            NdArray::Int(x) => {
                if has_int_min(x) {
                    return Err(ArrayError::int_overflow());
                }
                apply(x, i64::wrapping_abs)
            }
            NdArray::Float(x) => apply(x, f64::abs),
            NdArray::Complex(x) => Ok(cmath::abs_array(x)?.into_nd()),
        },
        Square => match a {
            NdArray::Bool(_) | NdArray::Int(_) => {
                let mut overflow = false;
                let r = map(&a.to_int(), |v| {
                    let (s, o) = v.overflowing_mul(v);
                    overflow |= o;
                    s
                })?;
                if overflow {
                    return Err(ArrayError::int_overflow());
                }
                Ok(r.into_nd())
            }
            NdArray::Float(x) => apply(x, |v| v * v),
            NdArray::Complex(x) => Ok(cmath::square_array(x)?.into_nd()),
        },
        Sqrt => inexact_inline(a, |v: f64| v.sqrt(), cmath::sqrt),
        Exp => exact_simd(a, vmath::exp_into, f64::exp, cmath::exp),
        Exp2 => inexact(a, f64::exp2, cmath::exp2),
        Log => exact_simd(a, vmath::log_into, vmath::libm_log, cmath::log),
        Log2 => inexact(a, f64::log2, cmath::log2),
        Log10 => inexact(a, f64::log10, cmath::log10),
        Log1p => inexact(a, f64::ln_1p, cmath::log1p),
        Expm1 => inexact(a, f64::exp_m1, cmath::expm1),
        Sin => inexact(a, f64::sin, cmath::sin),
        Cos => inexact(a, f64::cos, cmath::cos),
        Tan => inexact(a, f64::tan, cmath::tan),
        Arcsin => inexact(a, f64::asin, cmath::asin),
        Arccos => inexact(a, f64::acos, cmath::acos),
        Arctan => inexact(a, f64::atan, cmath::atan),
        Sinh => inexact(a, f64::sinh, cmath::sinh),
        Cosh => inexact(a, f64::cosh, cmath::cosh),
        Tanh => inexact(a, f64::tanh, cmath::tanh),
        Arcsinh => inexact(a, real_asinh, cmath::asinh),
        Arccosh => inexact(a, real_acosh, cmath::acosh),
        Arctanh => inexact(a, real_atanh, cmath::atanh),
        Floor | Ceil | Trunc => match a {
            NdArray::Bool(_) | NdArray::Int(_) => Ok(a.copy()),
            NdArray::Float(x) => match op {
                Floor => apply(x, floor),
                Ceil => apply(x, ceil),
                _ => apply(x, trunc),
            },
            NdArray::Complex(_) => Err(unsupported_types(name)),
        },
        Rint => inexact_inline(a, rint, |z: Complex64| Complex64::new(rint(z.re), rint(z.im))),
        Sign => match a {
            NdArray::Bool(_) => Err(no_bool_loop(name)),
            NdArray::Int(x) => apply(x, i64::signum),
            NdArray::Float(x) => apply(x, float_sign),
            NdArray::Complex(x) => apply(x, cmath::sign),
        },
        IsNan => match a {
            NdArray::Float(x) => apply(x, f64::is_nan),
            NdArray::Complex(x) => apply(x, cmath::is_nan),
            other => NdArray::full(other.shape().to_vec(), crate::array::Scalar::Bool(false), DType::Bool),
        },
        IsInf => match a {
            NdArray::Float(x) => apply(x, f64::is_infinite),
            NdArray::Complex(x) => apply(x, |v| v.re.is_infinite() || v.im.is_infinite()),
            other => NdArray::full(other.shape().to_vec(), crate::array::Scalar::Bool(false), DType::Bool),
        },
        IsFinite => match a {
            NdArray::Float(x) => apply(x, f64::is_finite),
            NdArray::Complex(x) => apply(x, |v| v.re.is_finite() && v.im.is_finite()),
            other => NdArray::full(other.shape().to_vec(), crate::array::Scalar::Bool(true), DType::Bool),
        },
        Conj => match a {
            NdArray::Bool(_) => Ok(a.astype(DType::Int64)),
            NdArray::Complex(x) => apply(x, |v| v.conj()),
            other => Ok(other.copy()),
        },
        Angle => match a {
            NdArray::Complex(x) => apply(x, |v| v.im.atan2(v.re)),
            other => apply(&other.to_float(), |v| 0.0f64.atan2(v)),
        },
        Real => match a {
            NdArray::Complex(x) => apply(x, |v| v.re),
            other => Ok(other.clone()),
        },
        Imag => match a {
            NdArray::Complex(x) => apply(x, |v| v.im),
            other => NdArray::zeros(other.shape().to_vec(), other.dtype()),
        },
        Reciprocal => match a {
            NdArray::Bool(_) | NdArray::Int(_) => apply(&a.to_int(), |v| match v {
                0 => i64::MIN,
                1 => 1,
                -1 => -1,
                _ => 0,
            }),
            NdArray::Float(x) => apply(x, |v| 1.0 / v),
            NdArray::Complex(x) => apply(x, cmath::reciprocal),
        },
        Deg2rad => real_only(op, a, |v| v * (std::f64::consts::PI / 180.0)),
        Rad2deg => real_only(op, a, |v| v * (180.0 / std::f64::consts::PI)),
        Cbrt => real_only(op, a, f64::cbrt),
    }
}

/// The C library's real inverse hyperbolic functions (NumPy calls these;
/// Rust's own versions differ in the last bit).
mod libm {
    #[cfg_attr(unix, link(name = "m"))]
    extern "C" {
        pub fn asinh(x: f64) -> f64;
        pub fn acosh(x: f64) -> f64;
        pub fn atanh(x: f64) -> f64;
    }
}

/// `asinh` of the C library.
fn real_asinh(x: f64) -> f64 {
    // SAFETY: a pure function of its by-value argument.
    unsafe { libm::asinh(x) }
}

/// `acosh` of the C library.
fn real_acosh(x: f64) -> f64 {
    // SAFETY: a pure function of its by-value argument.
    unsafe { libm::acosh(x) }
}

/// `atanh` of the C library.
fn real_atanh(x: f64) -> f64 {
    // SAFETY: a pure function of its by-value argument.
    unsafe { libm::atanh(x) }
}

/// `10 ** n` as NumPy's `round` computes it (exact up to `1e22`, then
/// repeated multiplication, which reaches inf for huge `n`).
fn power_of_ten(n: u64) -> f64 {
    const TABLE: [f64; 8] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7];
    if n < 8 {
        return TABLE[n as usize];
    }
    let mut r: f64 = 1e8;
    let mut k = n;
    while k > 8 && r.is_finite() {
        r *= 10.0;
        k -= 1;
    }
    r
}

/// Rounds floats to `decimals` digits as NumPy does: scale by `10**decimals`,
/// round half to even, unscale (so `round(2.675, 2)` is `2.68` as in NumPy,
/// where Python's exact `round` gives `2.67`).
fn round_float(x: &Array<f64>, decimals: i64) -> ArrayResult<Array<f64>> {
    if decimals == 0 {
        return map(x, rint);
    }
    let f = power_of_ten(decimals.unsigned_abs());
    if decimals > 0 {
        map(x, |v| rint(v * f) / f)
    } else {
        map(x, |v| rint(v / f) * f)
    }
}

/// `np.round(a, decimals)` / `np.around`: half to even, NumPy's algorithm so
/// the digits match. Ints stay ints (negative `decimals` round them to tens,
/// hundreds, ...); complex rounds both parts; bools give floats.
pub fn round(a: &NdArray, decimals: i64) -> ArrayResult<NdArray> {
    match a {
        NdArray::Bool(_) if decimals == 0 => Ok(round_float(&a.to_float(), 0)?.into_nd()),
        NdArray::Bool(_) => Err(ArrayError::new(
            ErrorKind::UFuncOutputCasting,
            format!(
                "Cannot cast ufunc '{}' output from dtype('float64') to dtype('bool') with casting rule 'same_kind'",
                if decimals > 0 { "multiply" } else { "divide" }
            ),
        )),
        NdArray::Int(_) if decimals >= 0 => Ok(a.copy()),
        NdArray::Int(_) => Ok(round_float(&a.to_float(), decimals)?.into_nd().astype(DType::Int64)),
        NdArray::Float(x) => Ok(round_float(x, decimals)?.into_nd()),
        NdArray::Complex(z) => {
            // NumPy rounds the real and imaginary parts as float arrays.
            let re = round_float(&map(z, |v| v.re)?, decimals)?.to_vec();
            let im = round_float(&map(z, |v| v.im)?, decimals)?.to_vec();
            let parts = re.into_iter().zip(im).map(|(r, i)| Complex64::new(r, i)).collect();
            Ok(Array::from_vec(z.shape(), parts)?.into_nd())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_helpers_agree_with_the_standard_library() {
        let mut xs =
            vec![0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994, -0.7, 0.7, 1e15 + 0.5, -1e15 - 0.5];
        xs.extend([
            TWO_POW_52,
            -TWO_POW_52,
            TWO_POW_52 - 0.5,
            1e300,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MIN_POSITIVE,
            -5e-324,
        ]);
        for i in -400..400 {
            xs.push(i as f64 * 0.37);
        }
        for &x in &xs {
            assert_eq!(rint(x).to_bits(), x.round_ties_even().to_bits(), "rint {x}");
            assert_eq!(floor(x).to_bits(), x.floor().to_bits(), "floor {x}");
            assert_eq!(ceil(x).to_bits(), x.ceil().to_bits(), "ceil {x}");
            assert_eq!(trunc(x).to_bits(), x.trunc().to_bits(), "trunc {x}");
        }
        assert!(rint(f64::NAN).is_nan() && floor(f64::NAN).is_nan() && trunc(f64::NAN).is_nan());
    }
}
