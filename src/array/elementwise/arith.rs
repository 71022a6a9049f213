//! Arithmetic, bitwise and two-argument math ufuncs, one typed loop per
//! operation and dtype, out of place and in place.

use super::cmath;
use super::kernels::{fold_pairs, zip_map, zip_update};
use super::parallel_kernels::{par_map, par_zip_map, par_zip_update};
use super::{unsupported_types, BinaryOp};
use crate::array::error::{ArrayError, ArrayResult};
use crate::array::storage::{Array, IntoNdArray, NdArray};
use num_complex::Complex64;

/// NumPy's error for an int array raised to a negative int power.
pub(crate) fn negative_power_error() -> ArrayError {
    ArrayError::value("Integers to negative integer powers are not allowed.")
}

/// `op` on two bool arrays (the loops whose result stays bool).
pub(super) fn bool_binary(op: BinaryOp, a: &Array<bool>, b: &Array<bool>) -> ArrayResult<NdArray> {
    use BinaryOp::*;
    let r = match op {
        Add | BitOr | Maximum | Fmax | LogicalOr => zip_map(a, b, |x, y| x | y)?,
        Mul | BitAnd | Minimum | Fmin | LogicalAnd => zip_map(a, b, |x, y| x & y)?,
        BitXor | LogicalXor => zip_map(a, b, |x, y| x ^ y)?,
        _ => return Err(unsupported_types(op.ufunc_name())),
    };
    Ok(r.into_nd())
}

/// `target op= b` for bool arrays.
pub(super) fn bool_update(op: BinaryOp, t: &Array<bool>, b: &Array<bool>) -> ArrayResult<()> {
    use BinaryOp::*;
    match op {
        Add | BitOr | Maximum | Fmax | LogicalOr => zip_update(t, b, |x, y| x | y),
        Mul | BitAnd | Minimum | Fmin | LogicalAnd => zip_update(t, b, |x, y| x & y),
        BitXor | LogicalXor => zip_update(t, b, |x, y| x ^ y),
        _ => Err(unsupported_types(op.ufunc_name())),
    }
}

/// Floor division of ints as NumPy: rounds toward minus infinity; division
/// by zero gives 0. Sets `overflow` for `i64::MIN // -1`.
#[inline]
fn int_floor_div(x: i64, y: i64, overflow: &mut bool) -> i64 {
    if y == 0 {
        return 0;
    }
    if x == i64::MIN && y == -1 {
        *overflow = true;
        return i64::MIN;
    }
    let q = x / y;
    if (x % y != 0) && ((x < 0) != (y < 0)) {
        q - 1
    } else {
        q
    }
}

/// Remainder of ints with the sign of the divisor; modulo zero gives 0.
#[inline]
fn int_mod(x: i64, y: i64) -> i64 {
    if y == 0 {
        return 0;
    }
    let r = x.wrapping_rem(y);
    if r != 0 && ((r < 0) != (y < 0)) {
        r + y
    } else {
        r
    }
}

/// `x ** y` for ints by repeated squaring; sets `overflow` when the result
/// does not fit in int64. `y` must be non-negative (checked by the caller).
#[inline]
pub(crate) fn int_pow(x: i64, y: i64, overflow: &mut bool) -> i64 {
    match x {
        0 => return (y == 0) as i64,
        1 => return 1,
        -1 => return if y & 1 == 0 { 1 } else { -1 },
        _ => {}
    }
    if y < 0 {
        return 0;
    }
    let (mut result, mut base, mut e) = (1i64, x, y as u64);
    let mut ovf = false;
    loop {
        if e & 1 == 1 {
            let (r, o) = result.overflowing_mul(base);
            result = r;
            ovf |= o;
        }
        e >>= 1;
        if e == 0 || ovf {
            break;
        }
        let (b2, o) = base.overflowing_mul(base);
        base = b2;
        ovf |= o;
    }
    *overflow |= ovf;
    result
}

/// NumPy's `<<` on int64: shifts of 64 or more (or negative) give 0.
#[inline]
fn int_lshift(x: i64, y: i64) -> i64 {
    if (y as u64) < 64 {
        x << y
    } else {
        0
    }
}

/// NumPy's `>>` on int64: arithmetic; shifts of 64 or more give 0 or -1.
#[inline]
fn int_rshift(x: i64, y: i64) -> i64 {
    if (y as u64) < 64 {
        x >> y
    } else if x < 0 {
        -1
    } else {
        0
    }
}

/// `op` on two int64 arrays.
pub(super) fn int_binary(op: BinaryOp, a: &Array<i64>, b: &Array<i64>) -> ArrayResult<NdArray> {
    use BinaryOp::*;
    let mut overflow = false;
    // Sign bits of overflowing sums and differences, or-ed together: checked
    // first by a reduction where the layout allows (so both loops
    // vectorize), else while computing.
    let mut signs = 0i64;
    let r = match op {
        Add => match fold_pairs(a, b, 0i64, |s, x, y| s | add_overflow_bits(x, y, x.wrapping_add(y))) {
            Some(bits) if bits < 0 => return Err(ArrayError::int_overflow()),
            Some(_) => zip_map(a, b, i64::wrapping_add)?,
            None => zip_map(a, b, |x, y| {
                let r = x.wrapping_add(y);
                signs |= add_overflow_bits(x, y, r);
                r
            })?,
        },
        Sub => match fold_pairs(a, b, 0i64, |s, x, y| s | sub_overflow_bits(x, y, x.wrapping_sub(y))) {
            Some(bits) if bits < 0 => return Err(ArrayError::int_overflow()),
            Some(_) => zip_map(a, b, i64::wrapping_sub)?,
            None => zip_map(a, b, |x, y| {
                let r = x.wrapping_sub(y);
                signs |= sub_overflow_bits(x, y, r);
                r
            })?,
        },
        Mul => zip_map(a, b, |x, y| {
            let (r, o) = x.overflowing_mul(y);
            overflow |= o;
            r
        })?,
        FloorDiv => zip_map(a, b, |x, y| int_floor_div(x, y, &mut overflow))?,
        Mod => zip_map(a, b, int_mod)?,
        Pow => {
            if b.size() == 1 && a.size() > 0 {
                let y = b.get_flat(0);
                if y < 0 {
                    return Err(negative_power_error());
                }
            }
            let mut negative = false;
            let r = zip_map(a, b, |x, y| {
                negative |= y < 0;
                int_pow(x, y, &mut overflow)
            })?;
            if negative {
                return Err(negative_power_error());
            }
            r
        }
        BitAnd => zip_map(a, b, |x, y| x & y)?,
        BitOr => zip_map(a, b, |x, y| x | y)?,
        BitXor => zip_map(a, b, |x, y| x ^ y)?,
        LShift => zip_map(a, b, int_lshift)?,
        RShift => zip_map(a, b, int_rshift)?,
        Maximum | Fmax => zip_map(a, b, |x, y| x.max(y))?,
        Minimum | Fmin => zip_map(a, b, |x, y| x.min(y))?,
        _ => return Err(unsupported_types(op.ufunc_name())),
    };
    if overflow || signs < 0 {
        return Err(ArrayError::int_overflow());
    }
    Ok(r.into_nd())
}

/// Negative exactly when `x + y` overflowed to `r` (both operands' signs
/// differ from the result's).
#[inline(always)]
pub(crate) fn add_overflow_bits(x: i64, y: i64, r: i64) -> i64 {
    (x ^ r) & (y ^ r)
}

/// Negative exactly when `x - y` overflowed to `r`.
#[inline(always)]
pub(crate) fn sub_overflow_bits(x: i64, y: i64, r: i64) -> i64 {
    (x ^ y) & (x ^ r)
}

/// `target op= b` for int64 arrays. On overflow `target` is left
/// unchanged: `+=` and `-=` are checked first (or undone, for layouts the
/// check does not cover), the other operations that can overflow are
/// computed aside first.
pub(super) fn int_update(op: BinaryOp, t: &Array<i64>, b: &Array<i64>) -> ArrayResult<()> {
    use BinaryOp::*;
    match op {
        Add | Sub => {
            let add = op == Add;
            let checked = if add {
                fold_pairs(t, b, 0i64, |s, x, y| s | add_overflow_bits(x, y, x.wrapping_add(y)))
            } else {
                fold_pairs(t, b, 0i64, |s, x, y| s | sub_overflow_bits(x, y, x.wrapping_sub(y)))
            };
            let mut signs = checked.unwrap_or(0);
            if signs < 0 {
                return Err(ArrayError::int_overflow());
            }
            match (add, checked) {
                (true, Some(_)) => zip_update(t, b, i64::wrapping_add)?,
                (false, Some(_)) => zip_update(t, b, i64::wrapping_sub)?,
                (true, None) => zip_update(t, b, |x, y| {
                    let r = x.wrapping_add(y);
                    signs |= add_overflow_bits(x, y, r);
                    r
                })?,
                (false, None) => zip_update(t, b, |x, y| {
                    let r = x.wrapping_sub(y);
                    signs |= sub_overflow_bits(x, y, r);
                    r
                })?,
            }
            if signs < 0 {
                // Undo: wrapping arithmetic is reversible.
                if add {
                    zip_update(t, b, i64::wrapping_sub)?;
                } else {
                    zip_update(t, b, i64::wrapping_add)?;
                }
                return Err(ArrayError::int_overflow());
            }
            Ok(())
        }
        Mul | FloorDiv | Pow => {
            let result = int_binary(op, t, b)?;
            match result {
                NdArray::Int(r) => super::kernels::assign(t, &r),
                _ => Err(unsupported_types(op.ufunc_name())),
            }
        }
        Mod => zip_update(t, b, int_mod),
        BitAnd => zip_update(t, b, |x, y| x & y),
        BitOr => zip_update(t, b, |x, y| x | y),
        BitXor => zip_update(t, b, |x, y| x ^ y),
        LShift => zip_update(t, b, int_lshift),
        RShift => zip_update(t, b, int_rshift),
        Maximum | Fmax => zip_update(t, b, |x, y| x.max(y)),
        Minimum | Fmin => zip_update(t, b, |x, y| x.min(y)),
        _ => Err(unsupported_types(op.ufunc_name())),
    }
}

/// NumPy's `divmod` of floats: `(floor(a / b), a mod b)` with the signs of
/// zero and the inf/NaN cases of `npy_divmod`.
#[inline]
pub(crate) fn float_divmod(a: f64, b: f64) -> (f64, f64) {
    let m = a % b;
    if b == 0.0 {
        return (a / b, m);
    }
    let mut div = (a - m) / b;
    let mut m = m;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(b);
    }
    let floordiv = if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 {
            f + 1.0
        } else {
            f
        }
    } else {
        0.0f64.copysign(a / b)
    };
    (floordiv, m)
}

/// NumPy's `np.maximum` of floats: NaN propagates; on ties the second.
#[inline]
fn fmaximum(x: f64, y: f64) -> f64 {
    if x > y || x.is_nan() {
        x
    } else {
        y
    }
}

/// NumPy's `np.minimum` of floats: NaN propagates; on ties the second.
#[inline]
fn fminimum(x: f64, y: f64) -> f64 {
    if x < y || x.is_nan() {
        x
    } else {
        y
    }
}

/// NumPy's `np.fmax` of floats: NaN is ignored unless both are NaN; on
/// ties the second (as NumPy's vectorized loop).
#[inline]
fn ffmax(x: f64, y: f64) -> f64 {
    if x > y || y.is_nan() {
        x
    } else {
        y
    }
}

/// NumPy's `np.fmin` of floats: NaN is ignored unless both are NaN; on
/// ties the second (as NumPy's vectorized loop).
#[inline]
fn ffmin(x: f64, y: f64) -> f64 {
    if x < y || y.is_nan() {
        x
    } else {
        y
    }
}

/// NumPy's shortcuts for `x ** y` with a scalar float exponent: `** 2`
/// squares, `** 0.5` is `sqrt`, `** -1` is `1 / x`, `** 1` copies and
/// `** 0` gives ones. They differ from `pow` for `-0.0` and `-inf`, so every
/// kernel that raises floats to a scalar power (and the fused evaluator)
/// takes its choice from [`pow_shortcut`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum PowShortcut {
    /// `x * x`
    Square,
    /// `x.sqrt()`
    Sqrt,
    /// `1.0 / x`
    Recip,
    /// `x`
    Identity,
    /// `1.0`
    One,
}

/// The shortcut NumPy takes for `x ** y`, or `None` for the general `pow`.
pub(crate) fn pow_shortcut(y: f64) -> Option<PowShortcut> {
    if y == 2.0 {
        Some(PowShortcut::Square)
    } else if y == 0.5 {
        Some(PowShortcut::Sqrt)
    } else if y == -1.0 {
        Some(PowShortcut::Recip)
    } else if y == 1.0 {
        Some(PowShortcut::Identity)
    } else if y == 0.0 {
        Some(PowShortcut::One)
    } else {
        None
    }
}

/// `a ** y` for a scalar exponent, with NumPy's shortcuts ([`pow_shortcut`]).
fn float_pow_scalar(a: &Array<f64>, y: f64) -> ArrayResult<Array<f64>> {
    match pow_shortcut(y) {
        Some(PowShortcut::Square) => par_map(a, |x| x * x),
        Some(PowShortcut::Sqrt) => par_map(a, f64::sqrt),
        Some(PowShortcut::Recip) => par_map(a, |x| 1.0 / x),
        Some(PowShortcut::Identity) => par_map(a, |x| x),
        Some(PowShortcut::One) => par_map(a, |_| 1.0),
        None => par_map(a, |x| x.powf(y)),
    }
}

/// [`float_pow_scalar`] in place: `t **= e` for a one-element `e` (each
/// element gets exactly the out-of-place value).
fn float_pow_scalar_update(t: &Array<f64>, e: &Array<f64>) -> ArrayResult<()> {
    match pow_shortcut(e.get_flat(0)) {
        Some(PowShortcut::Square) => par_zip_update(t, e, |x, _| x * x),
        Some(PowShortcut::Sqrt) => par_zip_update(t, e, |x, _| x.sqrt()),
        Some(PowShortcut::Recip) => par_zip_update(t, e, |x, _| 1.0 / x),
        Some(PowShortcut::Identity) => Ok(()),
        Some(PowShortcut::One) => par_zip_update(t, e, |_, _| 1.0),
        None => par_zip_update(t, e, f64::powf),
    }
}

/// `op` on two float64 arrays.
pub(super) fn float_binary(op: BinaryOp, a: &Array<f64>, b: &Array<f64>) -> ArrayResult<NdArray> {
    use BinaryOp::*;
    let r = match op {
        Add => par_zip_map(a, b, |x, y| x + y)?,
        Sub => par_zip_map(a, b, |x, y| x - y)?,
        Mul => par_zip_map(a, b, |x, y| x * y)?,
        TrueDiv => par_zip_map(a, b, |x, y| x / y)?,
        FloorDiv => par_zip_map(a, b, |x, y| float_divmod(x, y).0)?,
        Mod => par_zip_map(a, b, |x, y| if y == 0.0 { x % y } else { float_divmod(x, y).1 })?,
        Pow if b.size() == 1 && b.ndim() <= a.ndim() => float_pow_scalar(a, b.get_flat(0))?,
        Pow => par_zip_map(a, b, f64::powf)?,
        Maximum => par_zip_map(a, b, fmaximum)?,
        Minimum => par_zip_map(a, b, fminimum)?,
        Fmax => par_zip_map(a, b, ffmax)?,
        Fmin => par_zip_map(a, b, ffmin)?,
        Arctan2 => par_zip_map(a, b, f64::atan2)?,
        Hypot => par_zip_map(a, b, f64::hypot)?,
        _ => return Err(unsupported_types(op.ufunc_name())),
    };
    Ok(r.into_nd())
}

/// `target op= b` for float64 arrays.
pub(super) fn float_update(op: BinaryOp, t: &Array<f64>, b: &Array<f64>) -> ArrayResult<()> {
    use BinaryOp::*;
    match op {
        Add => par_zip_update(t, b, |x, y| x + y),
        Sub => par_zip_update(t, b, |x, y| x - y),
        Mul => par_zip_update(t, b, |x, y| x * y),
        TrueDiv => par_zip_update(t, b, |x, y| x / y),
        FloorDiv => par_zip_update(t, b, |x, y| float_divmod(x, y).0),
        Mod => par_zip_update(t, b, |x, y| if y == 0.0 { x % y } else { float_divmod(x, y).1 }),
        Pow if b.size() == 1 => float_pow_scalar_update(t, b),
        Pow => par_zip_update(t, b, f64::powf),
        Maximum => par_zip_update(t, b, fmaximum),
        Minimum => par_zip_update(t, b, fminimum),
        Fmax => par_zip_update(t, b, ffmax),
        Fmin => par_zip_update(t, b, ffmin),
        Arctan2 => par_zip_update(t, b, f64::atan2),
        Hypot => par_zip_update(t, b, f64::hypot),
        _ => Err(unsupported_types(op.ufunc_name())),
    }
}

/// `t = t op b` in place for the float operations whose in-place result is
/// the out-of-place one (`+ - * /`, maximum/minimum, ...); `false` (and
/// nothing written) for the others.
pub(super) fn float_update_if_pure(op: BinaryOp, t: &Array<f64>, b: &Array<f64>) -> ArrayResult<bool> {
    use BinaryOp::*;
    match op {
        Add | Sub | Mul | TrueDiv | Maximum | Minimum | Fmax | Fmin | Hypot | Arctan2 => {
            float_update(op, t, b)?;
            Ok(true)
        }
        // A one-element exponent that does not add dimensions: `(a - b) ** 2`.
        Pow if b.size() == 1 && b.ndim() <= t.ndim() => {
            float_pow_scalar_update(t, b)?;
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// `t = a op t` in place (the temporary is the right operand) for
/// `+ - * /`; `false` (and nothing written) for other operations.
pub(super) fn float_update_reversed(op: BinaryOp, t: &Array<f64>, a: &Array<f64>) -> ArrayResult<bool> {
    use BinaryOp::*;
    match op {
        Add => par_zip_update(t, a, |y, x| x + y)?,
        Sub => par_zip_update(t, a, |y, x| x - y)?,
        Mul => par_zip_update(t, a, |y, x| x * y)?,
        TrueDiv => par_zip_update(t, a, |y, x| x / y)?,
        _ => return Ok(false),
    }
    Ok(true)
}

/// `op` on two complex128 arrays.
pub(super) fn complex_binary(op: BinaryOp, a: &Array<Complex64>, b: &Array<Complex64>) -> ArrayResult<NdArray> {
    use BinaryOp::*;
    let r = match op {
        Add => par_zip_map(a, b, |x, y| x + y)?,
        Sub => par_zip_map(a, b, |x, y| x - y)?,
        Mul => cmath::mul_arrays(a, b)?,
        TrueDiv => par_zip_map(a, b, cmath::div)?,
        Pow => par_zip_map(a, b, cmath::pow)?,
        Maximum => par_zip_map(a, b, cmath::maximum)?,
        Minimum => par_zip_map(a, b, cmath::minimum)?,
        Fmax => par_zip_map(a, b, cmath::fmax)?,
        Fmin => par_zip_map(a, b, cmath::fmin)?,
        _ => return Err(unsupported_types(op.ufunc_name())),
    };
    Ok(r.into_nd())
}

/// `target op= b` for complex128 arrays.
pub(super) fn complex_update(op: BinaryOp, t: &Array<Complex64>, b: &Array<Complex64>) -> ArrayResult<()> {
    use BinaryOp::*;
    match op {
        Add => zip_update(t, b, |x, y| x + y),
        Sub => zip_update(t, b, |x, y| x - y),
        Mul => cmath::mul_update(t, b),
        TrueDiv => zip_update(t, b, cmath::div),
        Pow => zip_update(t, b, cmath::pow),
        Maximum => zip_update(t, b, cmath::maximum),
        Minimum => zip_update(t, b, cmath::minimum),
        Fmax => zip_update(t, b, cmath::fmax),
        Fmin => zip_update(t, b, cmath::fmin),
        _ => Err(unsupported_types(op.ufunc_name())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_divmod_matches_numpy_special_cases() {
        let inf = f64::INFINITY;
        // np.array([inf, -inf, 1., -1., 0., -0.]) // inf and % inf
        let xs = [inf, -inf, 1.0, -1.0, 0.0, -0.0];
        let q: Vec<f64> = xs.iter().map(|&x| float_divmod(x, inf).0).collect();
        assert!(q[0].is_nan() && q[1].is_nan());
        assert_eq!(&q[2..], &[0.0, -1.0, 0.0, -0.0]);
        assert!(q[5].is_sign_negative());
        let m: Vec<f64> = xs.iter().map(|&x| float_divmod(x, inf).1).collect();
        assert_eq!(&m[2..], &[1.0, inf, 0.0, 0.0]);
        assert_eq!(float_divmod(-0.0, -inf).1.to_bits(), (-0.0f64).to_bits());
        assert_eq!(float_divmod(-7.5, 2.0), (-4.0, 0.5));
        assert_eq!(float_divmod(1.0, 0.1), (9.0, 0.09999999999999995));
        assert_eq!(float_divmod(0.0, -1.0).0.to_bits(), (-0.0f64).to_bits());
        assert_eq!(float_divmod(1.5, 0.0).0, inf);
    }

    #[test]
    fn int_helpers() {
        let mut o = false;
        assert_eq!(int_floor_div(-7, 2, &mut o), -4);
        assert_eq!(int_floor_div(7, -2, &mut o), -4);
        assert_eq!(int_floor_div(7, 0, &mut o), 0);
        assert!(!o);
        int_floor_div(i64::MIN, -1, &mut o);
        assert!(o);
        assert_eq!(int_mod(-7, 2), 1);
        assert_eq!(int_mod(7, -2), -1);
        assert_eq!(int_mod(i64::MIN, -1), 0);
        let mut o = false;
        assert_eq!(int_pow(-2, 63, &mut o), i64::MIN);
        assert!(!o);
        assert_eq!(int_pow(3, 39, &mut o), 4052555153018976267);
        assert!(!o);
        int_pow(3, 40, &mut o);
        assert!(o);
        assert_eq!(int_rshift(-8, -1), -1);
        assert_eq!(int_lshift(1, 63), i64::MIN);
        assert_eq!(int_lshift(1, 64), 0);
    }
}
