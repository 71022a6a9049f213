//! Attributes and methods of arrays (`a.shape`, `a.T`, `a.reshape(...)`,
//! `a.sum(axis=0)`, ...) and of dtype objects.

use super::args::bind;
use super::array_glue::{result_value, to_list};
use super::convert::{parse_dtype, scalar_to_value, to_index};
use super::shape::{dims_arg, shape_value};
use super::{math, reductions, shape, Builtin};
use crate::array::{manip, NdArray};
use crate::builtin;
use crate::eval::error::{raise, type_error, value_error, EvalResult};
use crate::eval::function::Args;
use crate::eval::Interp;
use crate::value::{ExcKind, Value};
use std::rc::Rc;

fn receiver(args: &Args) -> Rc<NdArray> {
    match args.positional.first() {
        Some(Value::Array(a)) => a.clone(),
        _ => Rc::new(NdArray::from_scalar(crate::array::Scalar::Int(0))),
    }
}

/// Attributes and methods of `numpy.ndarray`.
pub static BUILTINS: &[Builtin] = &[
    builtin!("ndarray", "shape", Property, "(self)", "The array's dimensions as a tuple.\n>>> np.zeros((2, 3)).shape\n(2, 3)", a_shape),
    builtin!("ndarray", "ndim", Property, "(self)", "The number of dimensions.\n>>> np.zeros((2, 3)).ndim\n2", a_ndim),
    builtin!("ndarray", "size", Property, "(self)", "The number of elements.\n>>> np.zeros((2, 3)).size\n6", a_size),
    builtin!("ndarray", "dtype", Property, "(self)", "The element type.\n>>> np.arange(3).dtype\ndtype('int64')", a_dtype),
    builtin!("ndarray", "T", Property, "(self)", "The transpose (a view).\n>>> np.array([[1, 2]]).T.shape\n(2, 1)", a_t),
    builtin!("ndarray", "real", Property, "(self)", "The real part.\n>>> np.array([1+2j]).real\narray([1.])", a_real),
    builtin!("ndarray", "imag", Property, "(self)", "The imaginary part.\n>>> np.array([1+2j]).imag\narray([2.])", a_imag),
    builtin!("ndarray", "itemsize", Property, "(self)", "Bytes per element.\n>>> np.zeros(3).itemsize\n8", a_itemsize),
    builtin!("ndarray", "nbytes", Property, "(self)", "Bytes of all elements.\n>>> np.zeros(3).nbytes\n24", a_nbytes),
    builtin!("ndarray", "reshape", Method, "(self, *shape)", "The same data with a new shape (a view when possible).\nRaises ValueError when the sizes differ or more than one dimension is -1; TypeError without a shape.\n>>> np.arange(4).reshape(2, 2)\narray([[0, 1],\n       [2, 3]])", a_reshape),
    builtin!("ndarray", "ravel", Method, "(self)", "The elements as a 1-d array (a view when contiguous).\n>>> np.array([[1, 2], [3, 4]]).ravel()\narray([1, 2, 3, 4])", a_ravel),
    builtin!("ndarray", "flatten", Method, "(self)", "A 1-d copy of the elements.\n>>> np.array([[1, 2], [3, 4]]).flatten()\narray([1, 2, 3, 4])", a_flatten),
    builtin!("ndarray", "transpose", Method, "(self, *axes)", "Axes reversed or permuted (a view).\nRaises ValueError when axes is not a permutation of the array's axes.\n>>> np.zeros((2, 3)).transpose().shape\n(3, 2)", a_transpose),
    builtin!("ndarray", "astype", Method, "(self, dtype)", "A copy cast to `dtype` (floats truncate toward zero when cast to int).\nRaises TypeError for a dtype NPL does not have.\n>>> np.array([1.7, -1.7]).astype(int)\narray([ 1, -1])", a_astype),
    builtin!("ndarray", "copy", Method, "(self)", "A copy with its own data.\n>>> np.arange(2).copy()\narray([0, 1])", a_copy),
    builtin!("ndarray", "tolist", Method, "(self)", "The elements as nested Python lists of Python numbers.\n>>> np.array([[1, 2]]).tolist()\n[[1, 2]]", a_tolist),
    builtin!("ndarray", "item", Method, "(self, *args)", "One element as a Python number.\nRaises ValueError without an index for an array of size other than 1; IndexError for an index out of range.\n>>> np.array([[1, 2]]).item(1)\n2", a_item),
    builtin!("ndarray", "fill", Method, "(self, value)", "Set every element to `value`, in place.\nRaises TypeError for a non-numeric value.\n>>> a = np.zeros(2); a.fill(3); a\narray([3., 3.])", a_fill),
    builtin!("ndarray", "sum", Method, "(self, axis=None, keepdims=False)", "Sum of the elements.\nRaises AxisError for a bad axis; OverflowError when an int64 sum overflows.\n>>> np.array([[1, 2], [3, 4]]).sum(axis=1)\narray([3, 7])", a_sum),
    builtin!("ndarray", "prod", Method, "(self, axis=None, keepdims=False)", "Product of the elements.\nRaises AxisError for a bad axis; OverflowError when an int64 product overflows.\n>>> np.array([2, 3]).prod()\n6", a_prod),
    builtin!("ndarray", "mean", Method, "(self, axis=None, keepdims=False)", "Arithmetic mean.\nRaises AxisError for a bad axis; TypeError for non-numeric input.\n>>> np.array([1, 2]).mean()\n1.5", a_mean),
    builtin!("ndarray", "min", Method, "(self, axis=None, keepdims=False)", "Smallest element.\nRaises ValueError for an empty array (or axis); AxisError for a bad axis.\n>>> np.array([3, 1]).min()\n1", a_min),
    builtin!("ndarray", "max", Method, "(self, axis=None, keepdims=False)", "Largest element.\nRaises ValueError for an empty array (or axis); AxisError for a bad axis.\n>>> np.array([3, 1]).max()\n3", a_max),
    builtin!("ndarray", "all", Method, "(self, axis=None, keepdims=False)", "Whether every element is true.\nRaises AxisError for a bad axis; TypeError for non-numeric input.\n>>> np.array([1, 1]).all()\nTrue", a_all),
    builtin!("ndarray", "any", Method, "(self, axis=None, keepdims=False)", "Whether some element is true.\nRaises AxisError for a bad axis; TypeError for non-numeric input.\n>>> np.array([0, 1]).any()\nTrue", a_any),
    builtin!("ndarray", "ptp", Method, "(self, axis=None, keepdims=False)", "max - min (NumPy 2 removed this method: write np.ptp(a) in code that must also run under NumPy).\nRaises ValueError for an empty array; AxisError for a bad axis; TypeError for bools.\n>>> np.array([3, 1, 7]).ptp()\n6", a_ptp),
    builtin!("ndarray", "var", Method, "(self, axis=None, ddof=0, keepdims=False)", "Variance.\nRaises AxisError for a bad axis; TypeError for non-numeric input.\n>>> np.array([1.0, 3.0]).var()\n1.0", a_var),
    builtin!("ndarray", "std", Method, "(self, axis=None, ddof=0, keepdims=False)", "Standard deviation.\nRaises AxisError for a bad axis; TypeError for non-numeric input.\n>>> np.array([1.0, 3.0]).std()\n1.0", a_std),
    builtin!("ndarray", "argmin", Method, "(self, axis=None, keepdims=False)", "Index of the smallest element.\nRaises ValueError for an empty array; AxisError for a bad axis.\n>>> np.array([3, 1]).argmin()\n1", a_argmin),
    builtin!("ndarray", "argmax", Method, "(self, axis=None, keepdims=False)", "Index of the largest element.\nRaises ValueError for an empty array; AxisError for a bad axis.\n>>> np.array([3, 1]).argmax()\n0", a_argmax),
    builtin!("ndarray", "cumsum", Method, "(self, axis=None)", "Cumulative sums.\nRaises AxisError for a bad axis; OverflowError on int64 overflow.\n>>> np.array([1, 2]).cumsum()\narray([1, 3])", a_cumsum),
    builtin!("ndarray", "cumprod", Method, "(self, axis=None)", "Cumulative products.\nRaises AxisError for a bad axis; OverflowError on int64 overflow.\n>>> np.array([2, 3]).cumprod()\narray([2, 6])", a_cumprod),
    builtin!("ndarray", "trace", Method, "(self, offset=0)", "Sum along the diagonal.\nRaises ValueError for fewer than 2 dimensions.\n>>> np.eye(3).trace()\n3.0", a_trace),
    builtin!("ndarray", "round", Method, "(self, decimals=0)", "Round to `decimals` decimals, half to even.\nRaises TypeError for a non-integer decimals.\n>>> np.array([1.25, 2.5]).round(1)\narray([1.2, 2.5])", a_round),
    builtin!("ndarray", "clip", Method, "(self, min=None, max=None)", "Values limited to [min, max].\nRaises ValueError when the bounds do not broadcast; TypeError for non-numeric bounds.\n>>> np.array([1, 5]).clip(2, 4)\narray([2, 4])", a_clip),
    builtin!("ndarray", "conj", Method, "(self)", "Complex conjugate.\n>>> np.array([1j]).conj()\narray([0.-1.j])", a_conj),
    builtin!("ndarray", "dot", Method, "(self, b)", "Dot product with b.\nRaises ValueError when the shapes are not aligned.\n>>> np.array([1, 2]).dot(np.array([3, 4]))\n11", a_dot),
    builtin!("ndarray", "sort", Method, "(self, axis=-1, kind=None)", "Sort in place (stable).\nRaises AxisError for a bad axis; TypeError for axis=None.\n>>> a = np.array([3, 1, 2]); a.sort(); a\narray([1, 2, 3])", a_sort),
    builtin!("ndarray", "argsort", Method, "(self, axis=-1, kind=None)", "Indices that sort the array.\nRaises AxisError for a bad axis.\n>>> np.array([3, 1, 2]).argsort()\narray([1, 2, 0])", a_argsort),
    builtin!("ndarray", "nonzero", Method, "(self)", "Indices of the non-zero elements, per axis.\nRaises ValueError for a 0-d array.\n>>> np.array([0, 2]).nonzero()\n(array([1]),)", a_nonzero),
    builtin!("ndarray", "squeeze", Method, "(self, axis=None)", "Axes of length one removed.\nRaises ValueError when a selected axis does not have length one; AxisError for a bad axis.\n>>> np.zeros((1, 2)).squeeze().shape\n(2,)", a_squeeze),
    builtin!("ndarray", "swapaxes", Method, "(self, axis1, axis2)", "Two axes interchanged.\nRaises AxisError for a bad axis.\n>>> np.zeros((1, 2)).swapaxes(0, 1).shape\n(2, 1)", a_swapaxes),
    builtin!("ndarray", "diagonal", Method, "(self, offset=0, axis1=0, axis2=1)", "The diagonal.\nRaises ValueError for fewer than 2 dimensions or axis1 == axis2; AxisError for a bad axis.\n>>> np.eye(2).diagonal()\narray([1., 1.])", a_diagonal),
    builtin!("ndarray", "repeat", Method, "(self, repeats, axis=None)", "Each element repeated.\nRaises ValueError for negative repeats or a repeats length that does not match; AxisError for a bad axis.\n>>> np.array([1, 2]).repeat(2)\narray([1, 1, 2, 2])", a_repeat),
];

/// Attributes of dtype objects.
pub static DTYPE_PROPERTIES: &[Builtin] = &[
    builtin!("dtype", "name", Property, "(self)", "The dtype's name.\n>>> np.arange(2).dtype.name\n'int64'", dt_name),
    builtin!(
        "dtype",
        "itemsize",
        Property,
        "(self)",
        "Bytes per element.\n>>> np.zeros(1).dtype.itemsize\n8",
        dt_itemsize
    ),
    builtin!(
        "dtype",
        "kind",
        Property,
        "(self)",
        "One letter: b (bool), i (int), f (float), c (complex).\n>>> np.zeros(1).dtype.kind\n'f'",
        dt_kind
    ),
];

// Methods that share a numpy function's implementation bind their arguments
// to their own declaration, so that errors name and count them as NumPy does.
fn a_sum(interp: &mut Interp, args: Args) -> EvalResult {
    reductions::reduce_method(interp, &BUILTINS[18], args, 0)
}
fn a_prod(interp: &mut Interp, args: Args) -> EvalResult {
    reductions::reduce_method(interp, &BUILTINS[19], args, 1)
}
fn a_mean(interp: &mut Interp, args: Args) -> EvalResult {
    reductions::reduce_method(interp, &BUILTINS[20], args, 2)
}
fn a_min(interp: &mut Interp, args: Args) -> EvalResult {
    reductions::reduce_method(interp, &BUILTINS[21], args, 3)
}
fn a_max(interp: &mut Interp, args: Args) -> EvalResult {
    reductions::reduce_method(interp, &BUILTINS[22], args, 4)
}
fn a_all(interp: &mut Interp, args: Args) -> EvalResult {
    reductions::reduce_method(interp, &BUILTINS[23], args, 7)
}
fn a_any(interp: &mut Interp, args: Args) -> EvalResult {
    reductions::reduce_method(interp, &BUILTINS[24], args, 8)
}
fn a_ptp(interp: &mut Interp, args: Args) -> EvalResult {
    reductions::reduce_method(interp, &BUILTINS[25], args, 9)
}
fn a_var(interp: &mut Interp, args: Args) -> EvalResult {
    reductions::var_std(interp, &BUILTINS[26], args, false)
}
fn a_std(interp: &mut Interp, args: Args) -> EvalResult {
    reductions::var_std(interp, &BUILTINS[27], args, true)
}
fn a_argmin(interp: &mut Interp, args: Args) -> EvalResult {
    reductions::arg_extremum(interp, &BUILTINS[28], args, false)
}
fn a_argmax(interp: &mut Interp, args: Args) -> EvalResult {
    reductions::arg_extremum(interp, &BUILTINS[29], args, true)
}
fn a_cumsum(_: &mut Interp, args: Args) -> EvalResult {
    reductions::cumulative(&BUILTINS[30], args, false)
}
fn a_cumprod(_: &mut Interp, args: Args) -> EvalResult {
    reductions::cumulative(&BUILTINS[31], args, true)
}
fn a_trace(_: &mut Interp, args: Args) -> EvalResult {
    reductions::trace(&BUILTINS[32], args)
}
fn a_round(_: &mut Interp, args: Args) -> EvalResult {
    math::round_bound(&BUILTINS[33], args)
}
fn a_clip(_: &mut Interp, args: Args) -> EvalResult {
    math::clip(&BUILTINS[34], args)
}
fn a_conj(_: &mut Interp, args: Args) -> EvalResult {
    math::unary(&BUILTINS[35], crate::array::elementwise::UnaryOp::Conj, args)
}
fn a_dot(_: &mut Interp, args: Args) -> EvalResult {
    shape::product2(&BUILTINS[36], args, crate::array::product::dot)
}
fn a_argsort(_: &mut Interp, args: Args) -> EvalResult {
    shape::argsort(&BUILTINS[38], args)
}
fn a_nonzero(_: &mut Interp, args: Args) -> EvalResult {
    shape::nonzero(&BUILTINS[39], args)
}
fn a_squeeze(_: &mut Interp, args: Args) -> EvalResult {
    shape::squeeze(&BUILTINS[40], args)
}
fn a_swapaxes(_: &mut Interp, args: Args) -> EvalResult {
    shape::swapaxes(&BUILTINS[41], args)
}
fn a_diagonal(_: &mut Interp, args: Args) -> EvalResult {
    shape::diagonal(&BUILTINS[42], args)
}
fn a_repeat(_: &mut Interp, args: Args) -> EvalResult {
    shape::repeat(&BUILTINS[43], args)
}
fn a_shape(_: &mut Interp, args: Args) -> EvalResult {
    Ok(shape_value(receiver(&args).shape()))
}
fn a_ndim(_: &mut Interp, args: Args) -> EvalResult {
    Ok(Value::Int(receiver(&args).ndim() as i64))
}
fn a_size(_: &mut Interp, args: Args) -> EvalResult {
    Ok(Value::Int(receiver(&args).size() as i64))
}
fn a_dtype(_: &mut Interp, args: Args) -> EvalResult {
    Ok(Value::DType(receiver(&args).dtype()))
}
fn a_t(_: &mut Interp, args: Args) -> EvalResult {
    Ok(Value::array(manip::transpose(&receiver(&args), None)?))
}
fn a_real(interp: &mut Interp, args: Args) -> EvalResult {
    let a = receiver(&args);
    super::array_glue::call_ufunc(interp, "real", &[Value::Array(a)]).map(|v| match v {
        Value::Array(x) => Value::Array(x),
        other => other,
    })
}
fn a_imag(interp: &mut Interp, args: Args) -> EvalResult {
    let a = receiver(&args);
    super::array_glue::call_ufunc(interp, "imag", &[Value::Array(a)])
}
fn a_itemsize(_: &mut Interp, args: Args) -> EvalResult {
    Ok(Value::Int(receiver(&args).dtype().itemsize() as i64))
}
fn a_nbytes(_: &mut Interp, args: Args) -> EvalResult {
    let a = receiver(&args);
    Ok(Value::Int((a.dtype().itemsize() * a.size()) as i64))
}
fn a_reshape(_: &mut Interp, args: Args) -> EvalResult {
    let a = receiver(&args);
    let b = bind(&BUILTINS[9], args)?;
    if b.rest.is_empty() {
        return Err(type_error("reshape() takes exactly 1 argument (0 given)"));
    }
    let dims = dims_arg(&b.rest)?;
    Ok(Value::array(manip::reshape(&a, &dims)?))
}
fn a_ravel(_: &mut Interp, args: Args) -> EvalResult {
    let a = receiver(&args);
    bind(&BUILTINS[10], args)?;
    Ok(Value::array(manip::ravel(&a)))
}
fn a_flatten(_: &mut Interp, args: Args) -> EvalResult {
    let a = receiver(&args);
    bind(&BUILTINS[11], args)?;
    Ok(Value::array(manip::flatten(&a)))
}
fn a_transpose(_: &mut Interp, args: Args) -> EvalResult {
    let a = receiver(&args);
    let b = bind(&BUILTINS[12], args)?;
    let axes =
        if b.rest.is_empty() || matches!(b.rest.as_slice(), [Value::None]) { None } else { Some(dims_arg(&b.rest)?) };
    Ok(Value::array(manip::transpose(&a, axes.as_deref())?))
}
fn a_astype(_: &mut Interp, args: Args) -> EvalResult {
    let a = receiver(&args);
    let mut b = bind(&BUILTINS[13], args)?;
    let d = parse_dtype(&b.required(1)?)?;
    Ok(Value::array(a.astype(d)))
}
fn a_copy(_: &mut Interp, args: Args) -> EvalResult {
    let a = receiver(&args);
    bind(&BUILTINS[14], args)?;
    Ok(Value::array(a.try_copy()?))
}
fn a_tolist(_: &mut Interp, args: Args) -> EvalResult {
    let a = receiver(&args);
    bind(&BUILTINS[15], args)?;
    Ok(to_list(&a))
}
fn a_item(_: &mut Interp, args: Args) -> EvalResult {
    let a = receiver(&args);
    let b = bind(&BUILTINS[16], args)?;
    match b.rest.as_slice() {
        [] => a
            .item()
            .map(scalar_to_value)
            .ok_or_else(|| value_error("can only convert an array of size 1 to a Python scalar")),
        [i] if !matches!(i, Value::Tuple(_)) => {
            let i = to_index(i, "")?;
            let n = a.size() as i64;
            let j = if i < 0 { i + n } else { i };
            if j < 0 || j >= n {
                return Err(raise(ExcKind::IndexError, format!("index {i} is out of bounds for size {n}")));
            }
            Ok(scalar_to_value(a.get_flat(j as usize)))
        }
        many => {
            let idx = match many {
                [Value::Tuple(t)] => Value::Tuple(t.clone()),
                other => Value::tuple(other.to_vec()),
            };
            let items = super::array_glue::index_items(&idx)?;
            let r = crate::array::index::get_index(&a, &items)?;
            Ok(result_value(r))
        }
    }
}
fn a_fill(_: &mut Interp, args: Args) -> EvalResult {
    let a = receiver(&args);
    let mut b = bind(&BUILTINS[17], args)?;
    let v = super::array_glue::operand(&b.required(1)?)?;
    crate::array::index::set_index(&a, &[crate::array::index::IndexItem::Ellipsis], &v)?;
    Ok(Value::None)
}
fn a_sort(_: &mut Interp, args: Args) -> EvalResult {
    let a = receiver(&args);
    let b = bind(&BUILTINS[37], args)?;
    // `get_raw`: an explicit `axis=None` is an error for the method (NumPy sorts flattened only in np.sort)
    let axis = match b.get_raw(1) {
        Some(v) => to_index(v, "")? as isize,
        None => -1,
    };
    crate::array::sort::sort_inplace(&a, axis)?;
    Ok(Value::None)
}

/// `a.name = value` for arrays (only `shape` may be set, as a reshape in place is not supported).
pub fn set_attribute(target: &Value, name: &str, _value: Value) -> EvalResult<()> {
    Err(raise(
        ExcKind::AttributeError,
        format!(
            "attribute '{}' of 'numpy.ndarray' objects is not writable in NPL{}",
            name,
            if name == "shape" { "; use a = a.reshape(...)" } else { "" }
        ),
    ))
    .map(|()| {
        let _ = target;
    })
}

fn dtype_of(args: &Args) -> crate::array::DType {
    match args.positional.first() {
        Some(Value::DType(d)) => *d,
        _ => crate::array::DType::Float64,
    }
}
fn dt_name(_: &mut Interp, args: Args) -> EvalResult {
    Ok(Value::str(dtype_of(&args).name()))
}
fn dt_itemsize(_: &mut Interp, args: Args) -> EvalResult {
    Ok(Value::Int(dtype_of(&args).itemsize() as i64))
}
fn dt_kind(_: &mut Interp, args: Args) -> EvalResult {
    use crate::array::DType;
    Ok(Value::str(match dtype_of(&args) {
        DType::Bool => "b",
        DType::Int64 => "i",
        DType::Float64 => "f",
        DType::Complex128 => "c",
    }))
}
