//! Elementwise operations: operators and ufuncs with NumPy 2's broadcasting,
//! dtype promotion, results and error messages.
//!
//! - [`binary`] / [`binary_inplace`]: the binary operators and two-argument
//!   ufuncs ([`BinaryOp`]), out of place and in place (`a += b`).
//! - [`unary`]: one-argument ufuncs ([`UnaryOp`]); [`round`]: `np.round`.
//! - [`where_select`], [`clip`], [`isclose`], [`allclose`], [`array_equal`].
//!
//! Differences from NumPy (NPL has no int8/float16): where NumPy gives
//! `int8` for bool operands (`//`, `%`, `**`, `<<`, `>>`, `square`, `conj`,
//! `reciprocal`), NPL gives `int64`; where NumPy gives `float16` for bool
//! operands (`sqrt`, `sin`, `rint`, `arctan2`, ...), NPL gives `float64`.
//! Integer overflow in `+ - * ** //`, `negative`, `absolute` and `square`
//! raises [`ErrorKind::Overflow`] instead of wrapping.
//!
//! Speed: the operation is matched once, outside the loop; each operation
//! and dtype gets its own monomorphized loop (module `kernels`) over contiguous
//! slices, with fast paths for same-shape contiguous operands and for a
//! size-1 operand, and a strided path whose inner loop runs over the last
//! (merged) axis. Operands are cast to the loop dtype once, up front (a
//! no-op when the dtype already matches).

mod arith;
pub(crate) use arith::{pow_shortcut, PowShortcut};
mod cmath;
mod compare;
pub(crate) mod k_order;
pub(crate) mod kernels;
mod math;
pub(crate) mod parallel_kernels;
mod select;
mod vmath;

#[cfg(test)]
mod tests;

pub use math::round;
pub use select::{allclose, array_equal, clip, isclose, where_select};

use crate::array::broadcast::{broadcast_many, broadcast_shapes, shape_compact};
use crate::array::dtype::DType;
use crate::array::error::{ArrayError, ArrayResult, ErrorKind};
use crate::array::storage::NdArray;

/// A binary operator or two-argument ufunc.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinaryOp {
    /// `+`, `np.add`
    Add,
    /// `-`, `np.subtract`
    Sub,
    /// `*`, `np.multiply`
    Mul,
    /// `/`, `np.divide` (always inexact)
    TrueDiv,
    /// `//`, `np.floor_divide`
    FloorDiv,
    /// `%`, `np.mod` / `np.remainder` (sign of the divisor)
    Mod,
    /// `**`, `np.power`
    Pow,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `&`, `np.bitwise_and`
    BitAnd,
    /// `|`, `np.bitwise_or`
    BitOr,
    /// `^`, `np.bitwise_xor`
    BitXor,
    /// `<<`, `np.left_shift`
    LShift,
    /// `>>`, `np.right_shift`
    RShift,
    /// `np.maximum` (propagates NaN)
    Maximum,
    /// `np.minimum` (propagates NaN)
    Minimum,
    /// `np.fmax` (ignores NaN)
    Fmax,
    /// `np.fmin` (ignores NaN)
    Fmin,
    /// `np.arctan2(y, x)`
    Arctan2,
    /// `np.hypot`
    Hypot,
    /// `np.logical_and`
    LogicalAnd,
    /// `np.logical_or`
    LogicalOr,
    /// `np.logical_xor`
    LogicalXor,
}

impl BinaryOp {
    /// NumPy's name of the ufunc behind the operator (`"add"`), as error
    /// messages name it.
    pub fn ufunc_name(self) -> &'static str {
        use BinaryOp::*;
        match self {
            Add => "add",
            Sub => "subtract",
            Mul => "multiply",
            TrueDiv => "divide",
            FloorDiv => "floor_divide",
            Mod => "remainder",
            Pow => "power",
            Eq => "equal",
            Ne => "not_equal",
            Lt => "less",
            Le => "less_equal",
            Gt => "greater",
            Ge => "greater_equal",
            BitAnd => "bitwise_and",
            BitOr => "bitwise_or",
            BitXor => "bitwise_xor",
            LShift => "left_shift",
            RShift => "right_shift",
            Maximum => "maximum",
            Minimum => "minimum",
            Fmax => "fmax",
            Fmin => "fmin",
            Arctan2 => "arctan2",
            Hypot => "hypot",
            LogicalAnd => "logical_and",
            LogicalOr => "logical_or",
            LogicalXor => "logical_xor",
        }
    }

    /// Whether the operator is a comparison (its result is `bool`).
    pub fn is_comparison(self) -> bool {
        use BinaryOp::*;
        matches!(self, Eq | Ne | Lt | Le | Gt | Ge)
    }

    /// The dtypes NumPy's loop runs in and returns for operands of dtypes
    /// `a` and `b`: `(loop dtype, result dtype)`, or NumPy's `TypeError`
    /// when the ufunc has no loop for them.
    pub fn signature(self, a: DType, b: DType) -> ArrayResult<(DType, DType)> {
        use BinaryOp::*;
        use DType::*;
        let common = a.promote(b);
        let unsupported = || Err(unsupported_types(self.ufunc_name()));
        Ok(match self {
            Add | Mul | Maximum | Minimum | Fmax | Fmin => (common, common),
            Sub if common == Bool => return Err(bool_subtract_error()),
            Sub => (common, common),
            TrueDiv => {
                let t = common.max(Float64);
                (t, t)
            }
            FloorDiv | Mod if common == Complex128 => return unsupported(),
            FloorDiv | Mod | Pow => {
                let t = common.max(Int64);
                (t, t)
            }
            Eq | Ne | Lt | Le | Gt | Ge => (common, Bool),
            BitAnd | BitOr | BitXor if common <= Int64 => (common, common),
            LShift | RShift if common <= Int64 => (Int64, Int64),
            BitAnd | BitOr | BitXor | LShift | RShift => return unsupported(),
            Arctan2 | Hypot if common == Complex128 => return unsupported(),
            Arctan2 | Hypot => (Float64, Float64),
            LogicalAnd | LogicalOr | LogicalXor => (Bool, Bool),
        })
    }
}

/// NumPy's `TypeError` for a ufunc without a loop for the operands' dtypes.
pub(crate) fn unsupported_types(ufunc: &str) -> ArrayError {
    ArrayError::type_error(format!(
        "ufunc '{ufunc}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''"
    ))
}

/// NumPy's `TypeError` for `-` on two bool arrays.
fn bool_subtract_error() -> ArrayError {
    ArrayError::type_error(
        "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.",
    )
}

/// `op(a, b)` elementwise, with broadcasting and NumPy 2's type promotion
/// (the larger dtype; `/` of ints is float64; comparisons give bool).
///
/// Errors as NumPy: shapes that do not broadcast (`ValueError`), dtypes the
/// ufunc has no loop for (`TypeError`), integers to negative integer powers
/// (`ValueError`); int64 overflow raises `OverflowError` where NumPy wraps.
pub fn binary(op: BinaryOp, a: &NdArray, b: &NdArray) -> ArrayResult<NdArray> {
    let (loop_dtype, _) = op.signature(a.dtype(), b.dtype())?;
    if a.shape() != b.shape() {
        broadcast_shapes(a.shape(), b.shape())?;
    }
    let (x, y) = (a.cast_to(loop_dtype), b.cast_to(loop_dtype));
    if op.is_comparison() {
        return compare::compare(op, &x, &y);
    }
    match (&x, &y) {
        (NdArray::Bool(p), NdArray::Bool(q)) => arith::bool_binary(op, p, q),
        (NdArray::Int(p), NdArray::Int(q)) => arith::int_binary(op, p, q),
        (NdArray::Float(p), NdArray::Float(q)) => arith::float_binary(op, p, q),
        (NdArray::Complex(p), NdArray::Complex(q)) => arith::complex_binary(op, p, q),
        _ => Err(unsupported_types(op.ufunc_name())),
    }
}

/// Which operand of [`binary_reusing`] the caller offers as the result's storage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Temporary {
    /// The left operand (`a * 1.1 + b`: the product is a temporary).
    Left,
    /// The right operand (`b + a * 1.1`).
    Right,
}

/// `op(a, b)` as [`binary`], except that the operand named by `temp` (which
/// the caller holds only as an expression's temporary, about to be dropped)
/// takes the result in place when it is the sole owner of its buffer, already
/// has the result's dtype and shape, and the operation is a float one. This
/// saves the allocation and the page faults of a new result, and memory:
/// `a * 2 + 1` needs one temporary, as in NumPy.
pub fn binary_reusing(op: BinaryOp, a: &NdArray, b: &NdArray, temp: Temporary) -> ArrayResult<NdArray> {
    let (t, other) = match temp {
        Temporary::Left => (a, b),
        Temporary::Right => (b, a),
    };
    if let (NdArray::Float(tf), DType::Float64 | DType::Bool | DType::Int64) = (t, other.dtype()) {
        let same_shape = other.shape() == t.shape()
            || (other.ndim() <= t.ndim()
                && broadcast_shapes(t.shape(), other.shape()).ok().as_deref() == Some(t.shape()));
        if same_shape && !op.is_comparison() && tf.is_sole_contiguous_owner() {
            let o = other.to_float();
            let done = match temp {
                Temporary::Left => arith::float_update_if_pure(op, tf, &o)?,
                Temporary::Right => arith::float_update_reversed(op, tf, &o)?,
            };
            if done {
                return Ok(t.clone());
            }
        }
    }
    binary(op, a, b)
}

/// `target op= b` (`a += b`, `a //= b`, ...), writing through `target`
/// (which may be a view) as NumPy's in-place operators do.
///
/// `b` is broadcast to `target`'s shape; the result must be castable to
/// `target`'s dtype under NumPy's `same_kind` rule (`int_array += 1.5`
/// raises NumPy's `UFuncOutputCasting` error). An operand that shares
/// `target`'s buffer (`a += a[::-1]`) is copied first, which gives NumPy's
/// result. On integer overflow nothing is written.
pub fn binary_inplace(op: BinaryOp, target: &NdArray, b: &NdArray) -> ArrayResult<()> {
    let (loop_dtype, out_dtype) = op.signature(target.dtype(), b.dtype())?;
    if !out_dtype.can_cast_same_kind(target.dtype()) {
        return Err(ArrayError::new(
            ErrorKind::UFuncOutputCasting,
            format!(
                "Cannot cast ufunc '{}' output from dtype('{}') to dtype('{}') with casting rule 'same_kind'",
                op.ufunc_name(),
                numpy_result_name(op, target.dtype(), b.dtype(), out_dtype),
                target.dtype().name()
            ),
        ));
    }
    if b.shape() != target.shape() {
        let shape = broadcast_many(&[target.shape(), b.shape(), target.shape()])?;
        if shape != target.shape() {
            return Err(ArrayError::value(format!(
                "non-broadcastable output operand with shape {} doesn't match the broadcast shape {}",
                shape_compact(target.shape()),
                shape_compact(&shape)
            )));
        }
    }
    let b = if b.shares_buffer(target) { b.copy() } else { b.clone() };
    if loop_dtype == target.dtype() && out_dtype == target.dtype() && !op.is_comparison() {
        let y = b.cast_to(loop_dtype);
        match (target, &y) {
            (NdArray::Bool(t), NdArray::Bool(v)) => return arith::bool_update(op, t, v),
            (NdArray::Int(t), NdArray::Int(v)) => return arith::int_update(op, t, v),
            (NdArray::Float(t), NdArray::Float(v)) => return arith::float_update(op, t, v),
            (NdArray::Complex(t), NdArray::Complex(v)) => return arith::complex_update(op, t, v),
            _ => {}
        }
    }
    // Mixed loop and target dtypes: compute out of place, then cast back.
    let result = binary(op, target, &b)?.cast_to(target.dtype());
    assign_same_dtype(target, &result)
}

/// The name of the dtype NumPy's loop gives: `int8` and `float16` where
/// NumPy has them for two bool operands (NPL computes in int64/float64).
fn numpy_result_name(op: BinaryOp, a: DType, b: DType, out: DType) -> &'static str {
    use BinaryOp::*;
    match (a, b, op) {
        (DType::Bool, DType::Bool, FloorDiv | Mod | Pow | LShift | RShift) => "int8",
        (DType::Bool, DType::Bool, Arctan2 | Hypot) => "float16",
        _ => out.name(),
    }
}

/// Copies `src` (of `target`'s dtype, broadcastable to its shape, not
/// sharing its buffer) into the view `target`.
pub(crate) fn assign_same_dtype(target: &NdArray, src: &NdArray) -> ArrayResult<()> {
    match (target, src) {
        (NdArray::Bool(t), NdArray::Bool(s)) => kernels::assign(t, s),
        (NdArray::Int(t), NdArray::Int(s)) => kernels::assign(t, s),
        (NdArray::Float(t), NdArray::Float(s)) => kernels::assign(t, s),
        (NdArray::Complex(t), NdArray::Complex(s)) => kernels::assign(t, s),
        _ => Err(ArrayError::type_error("assignment between arrays of different dtypes")),
    }
}

/// A one-argument ufunc (or `np.angle`, `np.real`, `np.imag`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnaryOp {
    /// unary `-`, `np.negative`
    Neg,
    /// unary `+`, `np.positive`
    Pos,
    /// `~`, `np.invert` (bitwise not; logical not on bools)
    Invert,
    /// `np.logical_not`
    LogicalNot,
    /// `abs`, `np.abs` / `np.absolute` (complex gives float)
    Abs,
    /// `np.sqrt` (NaN for negative reals; complex input gives complex roots)
    Sqrt,
    /// `np.square`
    Square,
    /// `np.exp`
    Exp,
    /// `np.exp2`
    Exp2,
    /// `np.log`
    Log,
    /// `np.log2`
    Log2,
    /// `np.log10`
    Log10,
    /// `np.log1p`
    Log1p,
    /// `np.expm1`
    Expm1,
    /// `np.sin`
    Sin,
    /// `np.cos`
    Cos,
    /// `np.tan`
    Tan,
    /// `np.arcsin`
    Arcsin,
    /// `np.arccos`
    Arccos,
    /// `np.arctan`
    Arctan,
    /// `np.sinh`
    Sinh,
    /// `np.cosh`
    Cosh,
    /// `np.tanh`
    Tanh,
    /// `np.arcsinh`
    Arcsinh,
    /// `np.arccosh`
    Arccosh,
    /// `np.arctanh`
    Arctanh,
    /// `np.floor` (ints stay ints)
    Floor,
    /// `np.ceil` (ints stay ints)
    Ceil,
    /// `np.rint` (half to even; ints give floats)
    Rint,
    /// `np.trunc` (ints stay ints)
    Trunc,
    /// `np.sign` (complex: `z / |z|`, NumPy 2)
    Sign,
    /// `np.isnan`
    IsNan,
    /// `np.isinf`
    IsInf,
    /// `np.isfinite`
    IsFinite,
    /// `np.conj` / `np.conjugate`
    Conj,
    /// `np.angle` (radians, float64)
    Angle,
    /// `np.real` / `.real` (a view of the array itself for real dtypes)
    Real,
    /// `np.imag` / `.imag` (zeros of the same dtype for real dtypes)
    Imag,
    /// `np.reciprocal` (ints: `1 / x` truncated, as NumPy)
    Reciprocal,
    /// `np.deg2rad` / `np.radians`
    Deg2rad,
    /// `np.rad2deg` / `np.degrees`
    Rad2deg,
    /// `np.cbrt`
    Cbrt,
}

impl UnaryOp {
    /// NumPy's name of the ufunc (`"sqrt"`), as error messages name it.
    pub fn ufunc_name(self) -> &'static str {
        use UnaryOp::*;
        match self {
            Neg => "negative",
            Pos => "positive",
            Invert => "invert",
            LogicalNot => "logical_not",
            Abs => "absolute",
            Sqrt => "sqrt",
            Square => "square",
            Exp => "exp",
            Exp2 => "exp2",
            Log => "log",
            Log2 => "log2",
            Log10 => "log10",
            Log1p => "log1p",
            Expm1 => "expm1",
            Sin => "sin",
            Cos => "cos",
            Tan => "tan",
            Arcsin => "arcsin",
            Arccos => "arccos",
            Arctan => "arctan",
            Sinh => "sinh",
            Cosh => "cosh",
            Tanh => "tanh",
            Arcsinh => "arcsinh",
            Arccosh => "arccosh",
            Arctanh => "arctanh",
            Floor => "floor",
            Ceil => "ceil",
            Rint => "rint",
            Trunc => "trunc",
            Sign => "sign",
            IsNan => "isnan",
            IsInf => "isinf",
            IsFinite => "isfinite",
            Conj => "conjugate",
            Angle => "angle",
            Real => "real",
            Imag => "imag",
            Reciprocal => "reciprocal",
            Deg2rad => "deg2rad",
            Rad2deg => "rad2deg",
            Cbrt => "cbrt",
        }
    }
}

/// `op(a)` elementwise, with NumPy's result dtypes and errors.
pub fn unary(op: UnaryOp, a: &NdArray) -> ArrayResult<NdArray> {
    math::unary(op, a)
}
