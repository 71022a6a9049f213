//! The glue between the interpreter and the array library: operators on
//! arrays, indexing with Python index values, printing with the session's
//! print options, and explanations of shape errors.

use super::convert::{scalar_to_value, to_ndarray, value_to_scalar};
use crate::array::elementwise::{self, BinaryOp, UnaryOp};
use crate::array::index::{get_index, set_index, IndexItem};
use crate::array::print::{array_repr, array_str, Elems, PrintOptions};
use crate::array::{DType, NdArray};
use crate::ast::{self, CmpOp};
use crate::eval::error::{raise, type_error, EvalResult};
use crate::eval::Interp;
use crate::value::{ExcKind, Value};
use crate::with_array;
use std::cell::RefCell;
use std::rc::Rc;

thread_local! {
    static PRINT_OPTIONS: RefCell<PrintOptions> = RefCell::new(PrintOptions::default());
}

/// The session's print options (`np.get_printoptions`).
pub fn print_options() -> PrintOptions {
    PRINT_OPTIONS.with(|p| p.borrow().clone())
}

/// Replaces the session's print options (`np.set_printoptions`).
pub fn set_print_options(opts: PrintOptions) {
    PRINT_OPTIONS.with(|p| *p.borrow_mut() = opts);
}

fn with_elems<R>(a: &NdArray, f: impl FnOnce(Elems) -> R) -> R {
    match a {
        NdArray::Bool(x) => x.with_slice(|s| f(Elems::Bool(s))),
        NdArray::Int(x) => x.with_slice(|s| f(Elems::Int(s))),
        NdArray::Float(x) => x.with_slice(|s| f(Elems::Float(s))),
        NdArray::Complex(x) => x.with_slice(|s| f(Elems::Complex(s))),
    }
}

/// `str(a)` as NumPy prints it.
pub fn array_to_str(a: &NdArray) -> String {
    let opts = print_options();
    with_elems(a, |e| array_str(e, a.shape(), &opts))
}

/// `repr(a)` as NumPy prints it.
pub fn array_to_repr(a: &NdArray) -> String {
    let opts = print_options();
    with_elems(a, |e| array_repr(e, a.shape(), &opts))
}

/// The array a value stands for in an operation with an array (a Python
/// scalar becomes a 0-d array, a list an array).
pub fn operand(v: &Value) -> EvalResult<NdArray> {
    match v {
        Value::Array(a) => Ok((**a).clone()),
        other => to_ndarray(other, None),
    }
}

/// A Python value from an array result: 0-d arrays become Python scalars.
pub fn result_value(a: NdArray) -> Value {
    if a.ndim() == 0 {
        scalar_to_value(a.get_flat(0))
    } else {
        Value::array(a)
    }
}

/// The Python scalar in a 0-d array.
pub fn scalar_value(a: &NdArray) -> Value {
    scalar_to_value(a.get_flat(0))
}

fn binary_op_of(op: ast::BinOp) -> Option<BinaryOp> {
    Some(match op {
        ast::BinOp::Add => BinaryOp::Add,
        ast::BinOp::Sub => BinaryOp::Sub,
        ast::BinOp::Mul => BinaryOp::Mul,
        ast::BinOp::Div => BinaryOp::TrueDiv,
        ast::BinOp::FloorDiv => BinaryOp::FloorDiv,
        ast::BinOp::Mod => BinaryOp::Mod,
        ast::BinOp::Pow => BinaryOp::Pow,
        ast::BinOp::BitAnd => BinaryOp::BitAnd,
        ast::BinOp::BitOr => BinaryOp::BitOr,
        ast::BinOp::BitXor => BinaryOp::BitXor,
        ast::BinOp::LShift => BinaryOp::LShift,
        ast::BinOp::RShift => BinaryOp::RShift,
        ast::BinOp::MatMul => return None,
    })
}

/// NumPy's shortcut for a complex array to the power of a Python number: `** -1` is `np.reciprocal` and
/// `** 0.5` is `np.sqrt` (which differ from `np.power` in the sign of zeros and the last bits).
fn complex_power_shortcut(op: ast::BinOp, x: &Value, y: &Value) -> Option<UnaryOp> {
    match (op, x, y) {
        (ast::BinOp::Pow, Value::Array(a), Value::Int(-1)) if a.dtype() == DType::Complex128 => {
            Some(UnaryOp::Reciprocal)
        }
        (ast::BinOp::Pow, Value::Array(a), Value::Float(h)) if *h == 0.5 && a.dtype() == DType::Complex128 => {
            Some(UnaryOp::Sqrt)
        }
        _ => None,
    }
}

/// `v` (one of the operands `x`, `y` of `op_symbol`) as an array, or
/// Python's `TypeError` naming both operands.
fn operand_of(op_symbol: &str, v: &Value, x: &Value, y: &Value) -> EvalResult<NdArray> {
    operand(v).map_err(|_| {
        type_error(format!(
            "unsupported operand type(s) for {}: '{}' and '{}'",
            op_symbol,
            x.type_name(),
            y.type_name()
        ))
    })
}

/// `x op y` where one side is an array. An operand whose value is the only
/// handle on its array (an expression's temporary, `Rc` count 1) may be
/// overwritten with the result: callers must not use it afterwards.
pub fn binary_op(_interp: &mut Interp, op: ast::BinOp, x: &Value, y: &Value) -> EvalResult {
    if let (Some(uop), Value::Array(a)) = (complex_power_shortcut(op, x, y), x) {
        return Ok(result_value(elementwise::unary(uop, a)?));
    }
    // Arrays are used where they are (not cloned, so the array library can
    // see when nothing else holds a temporary's buffer); only the other
    // operand is converted.
    let (converted_a, converted_b);
    let a: &NdArray = match x {
        Value::Array(a) => a,
        _ => {
            converted_a = operand_of(op.symbol(), x, x, y)?;
            &converted_a
        }
    };
    let b: &NdArray = match y {
        Value::Array(b) => b,
        _ => {
            converted_b = operand_of(op.symbol(), y, x, y)?;
            &converted_b
        }
    };
    let temporary = |v: &Value| matches!(v, Value::Array(r) if Rc::strong_count(r) == 1);
    let r = match binary_op_of(op) {
        Some(bop) => match small_float_binary(bop, a, b, [temporary(x), temporary(y)]) {
            // An expression's small temporary takes the result in place.
            Some(SmallFloat::Into(temp)) => {
                let owner = if temp == elementwise::Temporary::Left { x } else { y };
                return Ok(owner.clone());
            }
            Some(SmallFloat::New(r)) => r,
            None if temporary(x) => elementwise::binary_reusing(bop, a, b, elementwise::Temporary::Left)?,
            None if temporary(y) => elementwise::binary_reusing(bop, a, b, elementwise::Temporary::Right)?,
            None => elementwise::binary(bop, a, b)?,
        },
        None => crate::array::product::matmul(a, b)?,
    };
    Ok(result_value(r))
}

/// Most elements for which [`small_float_binary`] is used.
const SMALL_ARRAY: usize = 256;

/// The result of [`small_float_binary`]: written over one operand (a
/// temporary no other handle sees), or a new array.
enum SmallFloat {
    /// The result is in this operand's buffer.
    Into(elementwise::Temporary),
    /// The result is a new array.
    New(NdArray),
}

/// `a op b` for two float64 arrays of the same small shape and one of
/// `+ - * /`: one typed loop, skipping dtype resolution and broadcasting
/// (the per-call cost dominates for arrays of a few elements). An operand
/// that is the sole contiguous owner of its buffer takes the result in
/// place, when the caller's value is a temporary (callers check the `Rc`
/// count: `a` here may be any handle). `None` when the case does not apply.
fn small_float_binary(op: BinaryOp, a: &NdArray, b: &NdArray, temporaries: [bool; 2]) -> Option<SmallFloat> {
    let (NdArray::Float(p), NdArray::Float(q)) = (a, b) else { return None };
    if p.shape() != q.shape() || p.size() > SMALL_ARRAY {
        return None;
    }
    let f: fn(f64, f64) -> f64 = match op {
        BinaryOp::Add => |x, y| x + y,
        BinaryOp::Sub => |x, y| x - y,
        BinaryOp::Mul => |x, y| x * y,
        BinaryOp::TrueDiv => |x, y| x / y,
        _ => return None,
    };
    // A sole owner's buffer is no other array's, so `b`'s borrow below
    // never meets the mutable one. A 0-d result is a NumPy scalar, not
    // the operand's array, so it is always new.
    let temporaries = if p.ndim() == 0 { [false; 2] } else { temporaries };
    if temporaries[0] && p.is_sole_contiguous_owner() {
        let mut xs = p.buffer_mut().ok()?;
        q.with_slice(|ys| xs.iter_mut().zip(ys).for_each(|(x, y)| *x = f(*x, *y)));
        return Some(SmallFloat::Into(elementwise::Temporary::Left));
    }
    if temporaries[1] && q.is_sole_contiguous_owner() {
        let mut ys = q.buffer_mut().ok()?;
        p.with_slice(|xs| ys.iter_mut().zip(xs).for_each(|(y, x)| *y = f(*x, *y)));
        return Some(SmallFloat::Into(elementwise::Temporary::Right));
    }
    let data: Vec<f64> = p.with_slice(|xs| q.with_slice(|ys| xs.iter().zip(ys).map(|(x, y)| f(*x, *y)).collect()));
    crate::array::Array::from_vec(p.shape(), data).ok().map(|r| SmallFloat::New(NdArray::Float(r)))
}

/// `x op= y` on an array: in place, with NumPy's casting rule.
pub fn inplace_op(_interp: &mut Interp, op: ast::BinOp, x: &Value, y: &Value) -> EvalResult {
    let Value::Array(target) = x else { return Err(type_error("in-place operation on a non-array")) };
    if let Some(uop) = complex_power_shortcut(op, x, y) {
        let r = elementwise::unary(uop, target)?;
        set_index(target, &[IndexItem::Ellipsis], &r)?;
        return Ok(x.clone());
    }
    let b = operand(y)?;
    match binary_op_of(op) {
        Some(bop) => elementwise::binary_inplace(bop, target, &b)?,
        None => {
            let r = crate::array::product::matmul(target, &b)?;
            if r.shape() != target.shape() {
                return Err(raise(
                    ExcKind::ValueError,
                    format!(
                        "matmul: Output operand 0 has a mismatch in its core dimension 1, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size {} is different from {})",
                        r.shape().last().copied().unwrap_or(0),
                        target.shape().last().copied().unwrap_or(0)
                    ),
                ));
            }
            let r = r.cast_to(target.dtype());
            set_index(target, &[IndexItem::Ellipsis], &r)?;
        }
    }
    Ok(x.clone())
}

/// `op x` on an array.
pub fn unary_op(_interp: &mut Interp, op: ast::UnaryOp, x: &Value) -> EvalResult {
    let a = operand(x)?;
    let uop = match op {
        ast::UnaryOp::Neg => UnaryOp::Neg,
        ast::UnaryOp::Pos => UnaryOp::Pos,
        ast::UnaryOp::Invert => UnaryOp::Invert,
        ast::UnaryOp::Not => UnaryOp::LogicalNot,
    };
    Ok(result_value(elementwise::unary(uop, &a)?))
}

/// `x op y` comparisons where one side is an array.
pub fn compare_op(_interp: &mut Interp, op: CmpOp, x: &Value, y: &Value) -> EvalResult {
    let bop = match op {
        CmpOp::Eq => BinaryOp::Eq,
        CmpOp::Ne => BinaryOp::Ne,
        CmpOp::Lt => BinaryOp::Lt,
        CmpOp::Le => BinaryOp::Le,
        CmpOp::Gt => BinaryOp::Gt,
        CmpOp::Ge => BinaryOp::Ge,
        _ => return Err(type_error("unsupported comparison")),
    };
    let converted = (operand(x), operand(y));
    let (a, b) = match converted {
        (Ok(a), Ok(b)) => (a, b),
        _ if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
            // Comparing with something that is not numeric: all unequal.
            let shape = shape_of(x).or_else(|| shape_of(y)).unwrap_or_default();
            let r = NdArray::full(shape, crate::array::Scalar::Bool(op == CmpOp::Ne), DType::Bool)?;
            return Ok(result_value(r));
        }
        _ => {
            return Err(type_error(format!(
                "'{}' not supported between instances of '{}' and '{}'",
                op.symbol(),
                x.type_name(),
                y.type_name()
            )))
        }
    };
    Ok(result_value(elementwise::binary(bop, &a, &b)?))
}

/// `needle in array`: whether any element equals it.
pub fn array_contains(_interp: &mut Interp, haystack: &Value, needle: &Value) -> EvalResult<bool> {
    let (a, b) = (operand(haystack)?, operand(needle)?);
    let eq = elementwise::binary(BinaryOp::Eq, &a, &b)?;
    let any = crate::array::reduce::any(&eq, None, false)?;
    Ok(any.get_flat(0).to_bool())
}

/// The shape of an array value (or of a Python number: `()`).
pub fn shape_of(v: &Value) -> Option<Vec<usize>> {
    match v {
        Value::Array(a) => Some(a.shape().to_vec()),
        _ => None,
    }
}

fn slice_part(v: &Value) -> EvalResult<Option<i64>> {
    match v {
        Value::None => Ok(None),
        other => super::convert::to_index(other, "")
            .map(Some)
            .map_err(|_| type_error("slice indices must be integers or None or have an __index__ method")),
    }
}

fn index_item(v: &Value) -> EvalResult<IndexItem> {
    Ok(match v {
        Value::Int(i) => IndexItem::Int(*i),
        Value::Bool(b) => IndexItem::Array(NdArray::from_scalar(crate::array::Scalar::Bool(*b))),
        Value::None => IndexItem::NewAxis,
        Value::Ellipsis => IndexItem::Ellipsis,
        Value::Slice(s) => {
            IndexItem::Slice { start: slice_part(&s.start)?, stop: slice_part(&s.stop)?, step: slice_part(&s.step)? }
        }
        Value::Array(a) => {
            if a.ndim() == 0 && a.dtype() == DType::Int64 {
                IndexItem::Int(a.get_flat(0).to_i64().unwrap_or(0))
            } else {
                IndexItem::Array((**a).clone())
            }
        }
        Value::List(l) => {
            let items = l.borrow();
            if items.is_empty() {
                IndexItem::Array(NdArray::Int(crate::array::Array::from_vec(vec![0], vec![])?))
            } else {
                drop(items);
                let arr = to_ndarray(v, None).map_err(|_| raise(ExcKind::IndexError, index_error_text()))?;
                if arr.size() == 0 {
                    // an empty list (`[[]]`) indexes as an empty integer array; an empty float *array* is an error
                    IndexItem::Array(NdArray::Int(crate::array::Array::from_vec(arr.shape(), vec![])?))
                } else {
                    IndexItem::Array(arr)
                }
            }
        }
        _ => return Err(raise(ExcKind::IndexError, index_error_text())),
    })
}

fn index_error_text() -> &'static str {
    "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices"
}

/// The index items of a Python subscript value.
pub fn index_items(index: &Value) -> EvalResult<Vec<IndexItem>> {
    match index {
        Value::Tuple(items) => items.iter().map(index_item).collect(),
        other => Ok(vec![index_item(other)?]),
    }
}

fn is_basic_scalar_index(items: &[IndexItem]) -> bool {
    items.iter().all(|i| matches!(i, IndexItem::Int(_)))
}

/// `a[index]`: a view for basic indexes, a copy for fancy ones; a Python
/// scalar when every axis is indexed by an integer.
pub fn get_item(_interp: &mut Interp, a: &Rc<NdArray>, index: &Value) -> EvalResult {
    // `w[i]` on a 1-d array: read the element, no index list or 0-d view.
    if let (Value::Int(i), [n]) = (index, a.shape()) {
        let n = *n as i64;
        let j = if *i < 0 { i.wrapping_add(n) } else { *i };
        if (0..n).contains(&j) {
            return Ok(scalar_to_value(a.get_flat(j as usize)));
        }
    }
    let items = index_items(index)?;
    let r = get_index(a, &items)?;
    if r.ndim() == 0 && is_basic_scalar_index(&items) {
        return Ok(scalar_value(&r));
    }
    Ok(Value::array(r))
}

/// `a[index] = value`.
pub fn set_item(_interp: &mut Interp, a: &Rc<NdArray>, index: &Value, value: &Value) -> EvalResult<()> {
    let items = index_items(index)?;
    if a.dtype() == DType::Int64 && matches!(value, Value::List(_) | Value::Tuple(_)) {
        // a list of Python numbers converts element by element as `int(x)`
        // does, so `i[:2] = [1.5, nan]` raises before anything is written
        let v = to_ndarray(value, Some(DType::Int64))?;
        set_index(a, &items, &v)?;
        return Ok(());
    }
    let mut v = operand(value)
        .map_err(|_| type_error(format!("could not assign a value of type '{}' into an array", value.type_name())))?;
    if let Value::Array(arr) = value {
        if arr.ndim() == 0 && arr.dtype() != a.dtype() {
            // a 0-d array casts as arrays do (NaN into int gives NumPy's INT_MIN); only a Python
            // number is converted as Python converts it (NaN into int raises)
            v = arr.astype(a.dtype());
        }
    }
    set_index(a, &items, &v)?;
    Ok(())
}

/// `a[i]` along the first axis (for iteration).
pub fn index_first_axis(_interp: &mut Interp, a: &Rc<NdArray>, i: usize) -> EvalResult {
    let r = get_index(a, &[IndexItem::Int(i as i64)])?;
    Ok(result_value(r))
}

/// All unary ufuncs, for lookup by name.
pub const UNARY_UFUNCS: &[UnaryOp] = &[
    UnaryOp::Neg,
    UnaryOp::Pos,
    UnaryOp::Invert,
    UnaryOp::LogicalNot,
    UnaryOp::Abs,
    UnaryOp::Sqrt,
    UnaryOp::Square,
    UnaryOp::Exp,
    UnaryOp::Exp2,
    UnaryOp::Log,
    UnaryOp::Log2,
    UnaryOp::Log10,
    UnaryOp::Log1p,
    UnaryOp::Expm1,
    UnaryOp::Sin,
    UnaryOp::Cos,
    UnaryOp::Tan,
    UnaryOp::Arcsin,
    UnaryOp::Arccos,
    UnaryOp::Arctan,
    UnaryOp::Sinh,
    UnaryOp::Cosh,
    UnaryOp::Tanh,
    UnaryOp::Arcsinh,
    UnaryOp::Arccosh,
    UnaryOp::Arctanh,
    UnaryOp::Floor,
    UnaryOp::Ceil,
    UnaryOp::Rint,
    UnaryOp::Trunc,
    UnaryOp::Sign,
    UnaryOp::IsNan,
    UnaryOp::IsInf,
    UnaryOp::IsFinite,
    UnaryOp::Conj,
    UnaryOp::Angle,
    UnaryOp::Real,
    UnaryOp::Imag,
    UnaryOp::Reciprocal,
    UnaryOp::Deg2rad,
    UnaryOp::Rad2deg,
    UnaryOp::Cbrt,
];

/// All binary ufuncs, for lookup by name.
pub const BINARY_UFUNCS: &[BinaryOp] = &[
    BinaryOp::Add,
    BinaryOp::Sub,
    BinaryOp::Mul,
    BinaryOp::TrueDiv,
    BinaryOp::FloorDiv,
    BinaryOp::Mod,
    BinaryOp::Pow,
    BinaryOp::Eq,
    BinaryOp::Ne,
    BinaryOp::Lt,
    BinaryOp::Le,
    BinaryOp::Gt,
    BinaryOp::Ge,
    BinaryOp::BitAnd,
    BinaryOp::BitOr,
    BinaryOp::BitXor,
    BinaryOp::LShift,
    BinaryOp::RShift,
    BinaryOp::Maximum,
    BinaryOp::Minimum,
    BinaryOp::Fmax,
    BinaryOp::Fmin,
    BinaryOp::Arctan2,
    BinaryOp::Hypot,
    BinaryOp::LogicalAnd,
    BinaryOp::LogicalOr,
    BinaryOp::LogicalXor,
];

/// Applies the ufunc named `name` (NumPy's name, e.g. `absolute`, `add`) to values.
pub fn call_ufunc(_interp: &mut Interp, name: &str, args: &[Value]) -> EvalResult {
    if let Some(op) = UNARY_UFUNCS.iter().find(|u| u.ufunc_name() == name) {
        let a = operand(&args[0])?;
        return Ok(result_value(elementwise::unary(*op, &a)?));
    }
    if let Some(op) = BINARY_UFUNCS.iter().find(|u| u.ufunc_name() == name) {
        let a = operand(&args[0])?;
        let b = operand(&args[1])?;
        return Ok(result_value(elementwise::binary(*op, &a, &b)?));
    }
    Err(type_error(format!("no ufunc named {name}")))
}

/// A list (nested to the array's depth) of Python scalars: `a.tolist()`.
pub fn to_list(a: &NdArray) -> Value {
    fn build(scalars: &[crate::array::Scalar], shape: &[usize]) -> Value {
        match shape {
            [] => scalars.first().map_or(Value::None, |s| scalar_to_value(*s)),
            [n, rest @ ..] => {
                let step: usize = rest.iter().product();
                Value::list((0..*n).map(|i| build(&scalars[i * step..(i + 1) * step], rest)).collect())
            }
        }
    }
    let scalars = a.to_scalars();
    build(&scalars, a.shape())
}

/// The element count of an array as an int value.
pub fn size_value(a: &NdArray) -> Value {
    Value::Int(with_array!(a, x => x.size()) as i64)
}

/// Whether a value can be an array operand.
pub fn is_array_like(v: &Value) -> bool {
    matches!(v, Value::Array(_) | Value::List(_) | Value::Tuple(_)) || value_to_scalar(v).is_some()
}
