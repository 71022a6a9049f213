//! NumPy's element-wise functions (ufuncs) and their relatives
//! (`round`, `where`, `clip`, `isclose`, `allclose`, `array_equal`).

use super::args::bind;
use super::array_glue::{operand, result_value};
use super::Builtin;
use crate::array::elementwise::{self, BinaryOp, UnaryOp};
use crate::builtin;
use crate::eval::error::{type_error, value_error, EvalResult};
use crate::eval::function::Args;
use crate::eval::Interp;
use crate::value::Value;

/// The unary ufunc `op` with the argument bound to `decl`.
pub(crate) fn unary(decl: &'static Builtin, op: UnaryOp, args: Args) -> EvalResult {
    let mut b = bind(decl, args)?;
    let a = operand(&b.required(0)?)?;
    Ok(result_value(elementwise::unary(op, &a)?))
}

fn binary(decl: &'static Builtin, op: BinaryOp, args: Args) -> EvalResult {
    let mut b = bind(decl, args)?;
    let x = operand(&b.required(0)?)?;
    let y = operand(&b.required(1)?)?;
    Ok(result_value(elementwise::binary(op, &x, &y)?))
}

macro_rules! ufuncs {
    ($( $kind:ident $fname:ident $idx:literal $name:literal $(@ $sig:literal)? $op:expr, $doc:literal; )*) => {
        $( ufuncs!(@one $kind $fname $idx $op); )*
        /// NumPy's element-wise functions.
        pub static BUILTINS: &[Builtin] = &[
            $( ufuncs!(@decl $kind $fname $name ($($sig)?) $doc), )*
            builtin!("numpy", "round", Function, "(a, decimals=0)", "Round to `decimals` decimals, half to even (NumPy's rounding).\nRaises TypeError for non-numeric input or a non-integer decimals.\n>>> np.round(np.array([0.5, 1.5, 2.675]), 2)\narray([0.5 , 1.5 , 2.68])", np_round),
            builtin!("numpy", "around", Function, "(a, decimals=0)", "Same as np.round.\nRaises TypeError for non-numeric input or a non-integer decimals.\n>>> np.around(np.array([2.5]))\narray([2.])", np_around),
            builtin!("numpy", "where", Function, "(condition, x=None, y=None, /)", "Elements of x where condition is true, else of y (broadcast); with only condition, the indices of its non-zero elements.\nRaises ValueError when the shapes do not broadcast or condition is 0-d without x, y; TypeError when only one of x, y is given.\n>>> np.where(np.array([1, 0, 2]) > 0, 1.0, -1.0)\narray([ 1., -1.,  1.])", np_where),
            builtin!("numpy", "clip", Function, "(a, a_min=None, a_max=None)", "Values limited to [a_min, a_max].\nRaises ValueError when the shapes do not broadcast; TypeError for non-numeric input.\n>>> np.clip(np.array([-2, 0, 5]), -1, 3)\narray([-1,  0,  3])", np_clip),
            builtin!("numpy", "isclose", Function, "(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)", "Element-wise |a - b| <= atol + rtol * |b|.\nRaises ValueError when the shapes do not broadcast; TypeError for non-numeric input.\n>>> np.isclose([1.0, 2.0], [1.0, 2.1])\narray([ True, False])", np_isclose),
            builtin!("numpy", "allclose", Function, "(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)", "Whether every element is close (see isclose).\nRaises ValueError when the shapes do not broadcast; TypeError for non-numeric input.\n>>> np.allclose([1.0, 2.0], [1.0, 2.0 + 1e-9])\nTrue", np_allclose),
            builtin!("numpy", "array_equal", Function, "(a1, a2, equal_nan=False)", "Whether two arrays have the same shape and elements.\nRaises TypeError for non-numeric input.\n>>> np.array_equal([1, 2], [1, 2])\nTrue", np_array_equal),
        ];
    };
    (@one u $fname:ident $idx:literal $op:expr) => {
        pub(crate) fn $fname(_: &mut Interp, args: Args) -> EvalResult { unary(&BUILTINS[$idx], $op, args) }
    };
    (@one b $fname:ident $idx:literal $op:expr) => {
        pub(crate) fn $fname(_: &mut Interp, args: Args) -> EvalResult { binary(&BUILTINS[$idx], $op, args) }
    };
    (@decl u $fname:ident $name:literal () $doc:literal) => {
        builtin!("numpy", $name, Function, "(x)", $doc, $fname)
    };
    // NumPy's Python-level wrappers name their parameter themselves.
    (@decl u $fname:ident $name:literal ($sig:literal) $doc:literal) => {
        builtin!("numpy", $name, Function, $sig, $doc, $fname)
    };
    (@decl b $fname:ident $name:literal () $doc:literal) => {
        builtin!("numpy", $name, Function, "(x1, x2)", $doc, $fname)
    };
}

ufuncs! {
    u np_abs 0 "abs" UnaryOp::Abs, "Absolute value, element-wise (complex: the modulus).\nRaises OverflowError for the smallest int64; TypeError for non-numeric input.\n>>> np.abs(np.array([-1.5, 2]))\narray([1.5, 2. ])";
    u np_absolute 1 "absolute" UnaryOp::Abs, "Absolute value, element-wise.\nRaises OverflowError for the smallest int64; TypeError for non-numeric input.\n>>> np.absolute(np.array([-3, 4]))\narray([3, 4])";
    u np_sqrt 2 "sqrt" UnaryOp::Sqrt, "Square root; nan for negative reals (use complex input for complex roots).\nRaises TypeError for non-numeric input.\n>>> np.sqrt(np.array([4.0, 2.0]))\narray([2.        , 1.41421356])";
    u np_square 3 "square" UnaryOp::Square, "x * x, element-wise.\nRaises OverflowError when an int64 result overflows; TypeError for non-numeric input.\n>>> np.square(np.array([2, -3]))\narray([4, 9])";
    u np_exp 4 "exp" UnaryOp::Exp, "e to the x, element-wise.\nRaises TypeError for non-numeric input.\n>>> np.exp(np.array([0.0, 1.0]))\narray([1.        , 2.71828183])";
    u np_log 5 "log" UnaryOp::Log, "Natural logarithm; -inf at 0, nan for negatives.\nRaises TypeError for non-numeric input.\n>>> np.log(np.array([1.0, np.e]))\narray([0., 1.])";
    u np_log2 6 "log2" UnaryOp::Log2, "Base-2 logarithm.\nRaises TypeError for non-numeric input.\n>>> np.log2(np.array([1.0, 8.0]))\narray([0., 3.])";
    u np_log10 7 "log10" UnaryOp::Log10, "Base-10 logarithm.\nRaises TypeError for non-numeric input.\n>>> np.log10(np.array([10.0, 1000.0]))\narray([1., 3.])";
    u np_log1p 8 "log1p" UnaryOp::Log1p, "log(1 + x), accurate for small x.\nRaises TypeError for non-numeric input.\n>>> np.log1p(np.array([0.0]))\narray([0.])";
    u np_expm1 9 "expm1" UnaryOp::Expm1, "exp(x) - 1, accurate for small x.\nRaises TypeError for non-numeric input.\n>>> np.expm1(np.array([0.0]))\narray([0.])";
    u np_sin 10 "sin" UnaryOp::Sin, "Sine of radians.\nRaises TypeError for non-numeric input.\n>>> np.sin(np.array([0.0]))\narray([0.])";
    u np_cos 11 "cos" UnaryOp::Cos, "Cosine of radians.\nRaises TypeError for non-numeric input.\n>>> np.cos(np.array([0.0]))\narray([1.])";
    u np_tan 12 "tan" UnaryOp::Tan, "Tangent of radians.\nRaises TypeError for non-numeric input.\n>>> np.tan(np.array([0.0]))\narray([0.])";
    u np_arcsin 13 "arcsin" UnaryOp::Arcsin, "Inverse sine.\nRaises TypeError for non-numeric input.\n>>> np.arcsin(np.array([0.0]))\narray([0.])";
    u np_arccos 14 "arccos" UnaryOp::Arccos, "Inverse cosine.\nRaises TypeError for non-numeric input.\n>>> np.arccos(np.array([1.0]))\narray([0.])";
    u np_arctan 15 "arctan" UnaryOp::Arctan, "Inverse tangent.\nRaises TypeError for non-numeric input.\n>>> np.arctan(np.array([0.0]))\narray([0.])";
    u np_sinh 16 "sinh" UnaryOp::Sinh, "Hyperbolic sine.\nRaises TypeError for non-numeric input.\n>>> np.sinh(np.array([0.0]))\narray([0.])";
    u np_cosh 17 "cosh" UnaryOp::Cosh, "Hyperbolic cosine.\nRaises TypeError for non-numeric input.\n>>> np.cosh(np.array([0.0]))\narray([1.])";
    u np_tanh 18 "tanh" UnaryOp::Tanh, "Hyperbolic tangent.\nRaises TypeError for non-numeric input.\n>>> np.tanh(np.array([0.0]))\narray([0.])";
    u np_floor 19 "floor" UnaryOp::Floor, "Largest integer <= x (stays float).\nRaises TypeError for complex or non-numeric input.\n>>> np.floor(np.array([-1.5, 1.5]))\narray([-2.,  1.])";
    u np_ceil 20 "ceil" UnaryOp::Ceil, "Smallest integer >= x (stays float).\nRaises TypeError for complex or non-numeric input.\n>>> np.ceil(np.array([-1.5, 1.5]))\narray([-1.,  2.])";
    u np_rint 21 "rint" UnaryOp::Rint, "Round to the nearest integer, half to even.\nRaises TypeError for non-numeric input.\n>>> np.rint(np.array([0.5, 1.5]))\narray([0., 2.])";
    u np_trunc 22 "trunc" UnaryOp::Trunc, "Truncate toward zero.\nRaises TypeError for complex or non-numeric input.\n>>> np.trunc(np.array([-1.7, 1.7]))\narray([-1.,  1.])";
    u np_sign 23 "sign" UnaryOp::Sign, "-1, 0 or 1 by sign (nan stays nan).\nRaises TypeError for bool or non-numeric input.\n>>> np.sign(np.array([-2.0, 0.0, 3.0]))\narray([-1.,  0.,  1.])";
    u np_isnan 24 "isnan" UnaryOp::IsNan, "Whether each element is NaN.\nRaises TypeError for non-numeric input.\n>>> np.isnan(np.array([1.0, np.nan]))\narray([False,  True])";
    u np_isinf 25 "isinf" UnaryOp::IsInf, "Whether each element is infinite.\nRaises TypeError for non-numeric input.\n>>> np.isinf(np.array([1.0, np.inf]))\narray([False,  True])";
    u np_isfinite 26 "isfinite" UnaryOp::IsFinite, "Whether each element is finite.\nRaises TypeError for non-numeric input.\n>>> np.isfinite(np.array([1.0, np.nan]))\narray([ True, False])";
    u np_conj 27 "conj" UnaryOp::Conj, "Complex conjugate.\nRaises TypeError for non-numeric input.\n>>> np.conj(np.array([1+2j]))\narray([1.-2.j])";
    u np_conjugate 28 "conjugate" UnaryOp::Conj, "Complex conjugate.\nRaises TypeError for non-numeric input.\n>>> np.conjugate(np.array([1-1j]))\narray([1.+1.j])";
    u np_angle 29 "angle" @ "(z)" UnaryOp::Angle, "Angle of complex numbers, in radians.\nRaises TypeError for non-numeric input.\n>>> np.angle(np.array([1j]))\narray([1.57079633])";
    u np_real 30 "real" @ "(val)" UnaryOp::Real, "Real part.\nRaises TypeError for non-numeric input.\n>>> np.real(np.array([1+2j]))\narray([1.])";
    u np_imag 31 "imag" @ "(val)" UnaryOp::Imag, "Imaginary part.\nRaises TypeError for non-numeric input.\n>>> np.imag(np.array([1+2j]))\narray([2.])";
    u np_negative 32 "negative" UnaryOp::Neg, "-x, element-wise.\nRaises TypeError for bool or non-numeric input; OverflowError for the smallest int64.\n>>> np.negative(np.array([1, -2]))\narray([-1,  2])";
    u np_reciprocal 33 "reciprocal" UnaryOp::Reciprocal, "1 / x, element-wise.\nRaises TypeError for non-numeric input.\n>>> np.reciprocal(np.array([2.0, 4.0]))\narray([0.5 , 0.25])";
    u np_logical_not 34 "logical_not" UnaryOp::LogicalNot, "not x, element-wise.\nRaises TypeError for non-numeric input.\n>>> np.logical_not(np.array([True, False]))\narray([False,  True])";
    u np_deg2rad 35 "deg2rad" UnaryOp::Deg2rad, "Degrees to radians.\nRaises TypeError for complex or non-numeric input.\n>>> np.deg2rad(np.array([180.0]))\narray([3.14159265])";
    u np_rad2deg 36 "rad2deg" UnaryOp::Rad2deg, "Radians to degrees.\nRaises TypeError for complex or non-numeric input.\n>>> np.rad2deg(np.array([np.pi]))\narray([180.])";
    u np_radians 37 "radians" UnaryOp::Deg2rad, "Degrees to radians.\nRaises TypeError for complex or non-numeric input.\n>>> np.radians(np.array([90.0]))\narray([1.57079633])";
    u np_degrees 38 "degrees" UnaryOp::Rad2deg, "Radians to degrees.\nRaises TypeError for complex or non-numeric input.\n>>> np.degrees(np.array([np.pi / 2]))\narray([90.])";
    u np_cbrt 39 "cbrt" UnaryOp::Cbrt, "Cube root.\nRaises TypeError for complex or non-numeric input.\n>>> np.cbrt(np.array([27.0]))\narray([3.])";
    u np_exp2 40 "exp2" UnaryOp::Exp2, "2 to the x.\nRaises TypeError for non-numeric input.\n>>> np.exp2(np.array([3.0]))\narray([8.])";
    u np_arcsinh 41 "arcsinh" UnaryOp::Arcsinh, "Inverse hyperbolic sine.\nRaises TypeError for non-numeric input.\n>>> np.arcsinh(np.array([0.0]))\narray([0.])";
    u np_arccosh 42 "arccosh" UnaryOp::Arccosh, "Inverse hyperbolic cosine.\nRaises TypeError for non-numeric input.\n>>> np.arccosh(np.array([1.0]))\narray([0.])";
    u np_arctanh 43 "arctanh" UnaryOp::Arctanh, "Inverse hyperbolic tangent.\nRaises TypeError for non-numeric input.\n>>> np.arctanh(np.array([0.0]))\narray([0.])";
    u np_fix 44 "fix" UnaryOp::Trunc, "Round toward zero.\nRaises TypeError for complex or non-numeric input.\n>>> np.fix(np.array([-2.5, 2.5]))\narray([-2.,  2.])";
    b np_maximum 45 "maximum" BinaryOp::Maximum, "Element-wise maximum (nan propagates).\nRaises ValueError when the shapes do not broadcast; TypeError for non-numeric input.\n>>> np.maximum(np.array([1, 5]), 3)\narray([3, 5])";
    b np_minimum 46 "minimum" BinaryOp::Minimum, "Element-wise minimum (nan propagates).\nRaises ValueError when the shapes do not broadcast; TypeError for non-numeric input.\n>>> np.minimum(np.array([1, 5]), 3)\narray([1, 3])";
    b np_fmax 47 "fmax" BinaryOp::Fmax, "Element-wise maximum ignoring nan.\nRaises ValueError when the shapes do not broadcast; TypeError for non-numeric input.\n>>> np.fmax(np.array([np.nan, 1.0]), 0.5)\narray([0.5, 1. ])";
    b np_fmin 48 "fmin" BinaryOp::Fmin, "Element-wise minimum ignoring nan.\nRaises ValueError when the shapes do not broadcast; TypeError for non-numeric input.\n>>> np.fmin(np.array([np.nan, 1.0]), 0.5)\narray([0.5, 0.5])";
    b np_power 49 "power" BinaryOp::Pow, "x1 ** x2, element-wise.\nRaises ValueError for negative integer powers of ints or shapes that do not broadcast; OverflowError on int64 overflow.\n>>> np.power(np.array([2, 3]), 2)\narray([4, 9])";
    b np_mod 50 "mod" BinaryOp::Mod, "Remainder with the sign of the divisor.\nRaises ValueError when the shapes do not broadcast; TypeError for complex input.\n>>> np.mod(np.array([-7, 7]), 3)\narray([2, 1])";
    b np_remainder 51 "remainder" BinaryOp::Mod, "Same as np.mod.\nRaises ValueError when the shapes do not broadcast; TypeError for complex input.\n>>> np.remainder(np.array([5]), 3)\narray([2])";
    b np_hypot 52 "hypot" BinaryOp::Hypot, "sqrt(x1**2 + x2**2), element-wise.\nRaises ValueError when the shapes do not broadcast; TypeError for complex input.\n>>> np.hypot(np.array([3.0]), 4.0)\narray([5.])";
    b np_arctan2 53 "arctan2" BinaryOp::Arctan2, "Arc tangent of x1/x2 in the right quadrant.\nRaises ValueError when the shapes do not broadcast; TypeError for complex input.\n>>> np.arctan2(np.array([1.0]), 1.0)\narray([0.78539816])";
    b np_add 54 "add" BinaryOp::Add, "x1 + x2, element-wise.\nRaises ValueError when the shapes do not broadcast; OverflowError when an int64 result overflows.\n>>> np.add(np.array([1, 2]), 1)\narray([2, 3])";
    b np_subtract 55 "subtract" BinaryOp::Sub, "x1 - x2, element-wise.\nRaises ValueError when the shapes do not broadcast; OverflowError on int64 overflow; TypeError for two bool arrays.\n>>> np.subtract(np.array([1, 2]), 1)\narray([0, 1])";
    b np_multiply 56 "multiply" BinaryOp::Mul, "x1 * x2, element-wise.\nRaises ValueError when the shapes do not broadcast; OverflowError when an int64 result overflows.\n>>> np.multiply(np.array([1, 2]), 3)\narray([3, 6])";
    b np_divide 57 "divide" BinaryOp::TrueDiv, "x1 / x2, element-wise.\nRaises ValueError when the shapes do not broadcast; TypeError for non-numeric input.\n>>> np.divide(np.array([1, 2]), 2)\narray([0.5, 1. ])";
    b np_floor_divide 58 "floor_divide" BinaryOp::FloorDiv, "x1 // x2, element-wise.\nRaises ValueError when the shapes do not broadcast; TypeError for complex input.\n>>> np.floor_divide(np.array([-7, 7]), 2)\narray([-4,  3])";
    b np_true_divide 59 "true_divide" BinaryOp::TrueDiv, "x1 / x2, element-wise.\nRaises ValueError when the shapes do not broadcast; TypeError for non-numeric input.\n>>> np.true_divide(np.array([1]), 4)\narray([0.25])";
    b np_logical_and 60 "logical_and" BinaryOp::LogicalAnd, "x1 and x2, element-wise.\nRaises ValueError when the shapes do not broadcast; TypeError for non-numeric input.\n>>> np.logical_and(np.array([True, True]), np.array([True, False]))\narray([ True, False])";
    b np_logical_or 61 "logical_or" BinaryOp::LogicalOr, "x1 or x2, element-wise.\nRaises ValueError when the shapes do not broadcast; TypeError for non-numeric input.\n>>> np.logical_or(np.array([False, False]), np.array([True, False]))\narray([ True, False])";
    b np_logical_xor 62 "logical_xor" BinaryOp::LogicalXor, "x1 xor x2, element-wise.\nRaises ValueError when the shapes do not broadcast; TypeError for non-numeric input.\n>>> np.logical_xor(np.array([True, True]), np.array([True, False]))\narray([False,  True])";
    b np_equal 63 "equal" BinaryOp::Eq, "x1 == x2, element-wise.\nRaises ValueError when the shapes do not broadcast; TypeError for non-numeric input.\n>>> np.equal(np.array([1, 2]), 2)\narray([False,  True])";
    b np_not_equal 64 "not_equal" BinaryOp::Ne, "x1 != x2, element-wise.\nRaises ValueError when the shapes do not broadcast; TypeError for non-numeric input.\n>>> np.not_equal(np.array([1, 2]), 2)\narray([ True, False])";
    b np_less 65 "less" BinaryOp::Lt, "x1 < x2, element-wise.\nRaises ValueError when the shapes do not broadcast; TypeError for non-numeric input.\n>>> np.less(np.array([1, 2]), 2)\narray([ True, False])";
    b np_greater 66 "greater" BinaryOp::Gt, "x1 > x2, element-wise.\nRaises ValueError when the shapes do not broadcast; TypeError for non-numeric input.\n>>> np.greater(np.array([1, 3]), 2)\narray([False,  True])";
    b np_less_equal 67 "less_equal" BinaryOp::Le, "x1 <= x2, element-wise.\nRaises ValueError when the shapes do not broadcast; TypeError for non-numeric input.\n>>> np.less_equal(np.array([1, 3]), 2)\narray([ True, False])";
    b np_greater_equal 68 "greater_equal" BinaryOp::Ge, "x1 >= x2, element-wise.\nRaises ValueError when the shapes do not broadcast; TypeError for non-numeric input.\n>>> np.greater_equal(np.array([1, 3]), 2)\narray([False,  True])";
    b np_bitwise_and 69 "bitwise_and" BinaryOp::BitAnd, "x1 & x2, element-wise.\nRaises ValueError when the shapes do not broadcast; TypeError for float or complex input.\n>>> np.bitwise_and(np.array([6]), 3)\narray([2])";
    b np_bitwise_or 70 "bitwise_or" BinaryOp::BitOr, "x1 | x2, element-wise.\nRaises ValueError when the shapes do not broadcast; TypeError for float or complex input.\n>>> np.bitwise_or(np.array([4]), 1)\narray([5])";
    b np_bitwise_xor 71 "bitwise_xor" BinaryOp::BitXor, "x1 ^ x2, element-wise.\nRaises ValueError when the shapes do not broadcast; TypeError for float or complex input.\n>>> np.bitwise_xor(np.array([6]), 3)\narray([5])";
}

fn decimals_arg(v: Option<&Value>) -> EvalResult<i64> {
    match v {
        None => Ok(0),
        Some(v) => super::convert::to_index(v, ""),
    }
}

/// `np.round(a, decimals)` for any value (used by the method too).
pub fn round_value(v: &Value, decimals: i64) -> EvalResult {
    let a = operand(v)?;
    Ok(result_value(elementwise::round(&a, decimals)?))
}

pub(crate) fn np_round(_: &mut Interp, args: Args) -> EvalResult {
    round_bound(&BUILTINS[72], args)
}
/// `np.round` with the arguments bound to `decl`.
pub(crate) fn round_bound(decl: &'static Builtin, args: Args) -> EvalResult {
    let mut b = bind(decl, args)?;
    let v = b.required(0)?;
    let d = decimals_arg(b.get(1))?;
    round_value(&v, d)
}
pub(crate) fn np_around(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[73], args)?;
    let v = b.required(0)?;
    let d = decimals_arg(b.get(1))?;
    round_value(&v, d)
}
pub(crate) fn np_where(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[74], args)?;
    let c = operand(&b.required(0)?)?;
    match (b.take(1), b.take(2)) {
        (Some(x), Some(y)) => {
            let (x, y) = (operand(&x)?, operand(&y)?);
            // an array even when 0-d: np.where is not a ufunc, so NumPy gives no array scalar here
            Ok(Value::array(elementwise::where_select(&c, &x, &y)?))
        }
        (None, None) => {
            if c.ndim() == 0 {
                return Err(value_error(
                    "Calling nonzero on 0d arrays is not allowed. Use np.atleast_1d(scalar).nonzero() instead. \
                     If the context of this error is of the form `arr[nonzero(cond)]`, just use `arr[cond]`.",
                ));
            }
            let parts = crate::array::sort::nonzero(&c)?;
            Ok(Value::tuple(parts.into_iter().map(|p| Value::array(crate::array::NdArray::Int(p))).collect()))
        }
        _ => Err(type_error("either both or neither of x and y should be given")),
    }
}
pub(crate) fn np_clip(_: &mut Interp, args: Args) -> EvalResult {
    clip(&BUILTINS[75], args)
}
/// `np.clip` with the arguments bound to `decl`.
pub(crate) fn clip(decl: &'static Builtin, args: Args) -> EvalResult {
    let mut b = bind(decl, args)?;
    let a = operand(&b.required(0)?)?;
    let lo = b.take(1).map(|v| operand(&v)).transpose()?;
    let hi = b.take(2).map(|v| operand(&v)).transpose()?;
    Ok(result_value(elementwise::clip(&a, lo.as_ref(), hi.as_ref())?))
}

fn tolerances(interp: &mut Interp, b: &mut super::args::Bound, first: usize) -> EvalResult<(f64, f64, bool)> {
    let f = |v: Option<Value>, d: f64| -> EvalResult<f64> {
        match v {
            None => Ok(d),
            Some(v) => super::convert::to_float_value(&v).map(|x| match x {
                Value::Float(f) => f,
                _ => d,
            }),
        }
    };
    let rtol = f(b.take(first), 1e-5)?;
    let atol = f(b.take(first + 1), 1e-8)?;
    let equal_nan = match b.take(first + 2) {
        Some(v) => interp.truthy(&v)?,
        None => false,
    };
    Ok((rtol, atol, equal_nan))
}

pub(crate) fn np_isclose(interp: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[76], args)?;
    let x = operand(&b.required(0)?)?;
    let y = operand(&b.required(1)?)?;
    let (rtol, atol, equal_nan) = tolerances(interp, &mut b, 2)?;
    Ok(result_value(elementwise::isclose(&x, &y, rtol, atol, equal_nan)?))
}
pub(crate) fn np_allclose(interp: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[77], args)?;
    let x = operand(&b.required(0)?)?;
    let y = operand(&b.required(1)?)?;
    let (rtol, atol, equal_nan) = tolerances(interp, &mut b, 2)?;
    Ok(Value::Bool(elementwise::allclose(&x, &y, rtol, atol, equal_nan)?))
}
pub(crate) fn np_array_equal(interp: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[78], args)?;
    let x = operand(&b.required(0)?)?;
    let y = operand(&b.required(1)?)?;
    let equal_nan = match b.take(2) {
        Some(v) => interp.truthy(&v)?,
        None => false,
    };
    Ok(Value::Bool(elementwise::array_equal(&x, &y, equal_nan)))
}
