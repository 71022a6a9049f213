//! Array creation: `array asarray zeros ones full empty *_like eye identity
//! arange linspace logspace copy`.

use super::args::bind;
use super::array_glue::operand;
use super::convert::{optional_dtype, to_index, to_ndarray, to_shape, value_to_scalar};
use super::Builtin;
use crate::array::{create, DType, NdArray, Scalar};
use crate::builtin;
use crate::eval::error::{type_error, EvalResult};
use crate::eval::function::Args;
use crate::eval::Interp;
use crate::value::Value;

/// NumPy's array-creation functions.
pub static BUILTINS: &[Builtin] = &[
    builtin!("numpy", "array", Function, "(object, dtype=None, *, copy=True, ndmin=0)",
        "An array from nested lists, tuples or arrays; the dtype is inferred (bool < int64 < float64 < complex128) unless given.\nRaises ValueError for ragged nested lists; TypeError for non-numeric elements or an unknown dtype.\n>>> np.array([[1, 2], [3, 4.5]])\narray([[1. , 2. ],\n       [3. , 4.5]])", np_array),
    builtin!("numpy", "asarray", Function, "(a, dtype=None)",
        "The input as an array (no copy when it already is one of that dtype).\nRaises ValueError for ragged nested lists; TypeError for non-numeric elements or an unknown dtype.\n>>> np.asarray([1, 2])\narray([1, 2])", np_asarray),
    builtin!("numpy", "zeros", Function, "(shape, dtype=float)",
        "An array of zeros.\nRaises ValueError for a negative dimension; TypeError for a non-integer one or an unknown dtype.\n>>> np.zeros((2, 3))\narray([[0., 0., 0.],\n       [0., 0., 0.]])", np_zeros),
    builtin!("numpy", "ones", Function, "(shape, dtype=float)",
        "An array of ones.\nRaises ValueError for a negative dimension; TypeError for a non-integer one or an unknown dtype.\n>>> np.ones(3, dtype=int)\narray([1, 1, 1])", np_ones),
    builtin!("numpy", "empty", Function, "(shape, dtype=float)",
        "A new array (NPL fills it with zeros).\nRaises ValueError for a negative dimension; TypeError for a non-integer one or an unknown dtype.\n>>> np.empty(2)\narray([0., 0.])", np_empty),
    builtin!("numpy", "full", Function, "(shape, fill_value, dtype=None)",
        "An array filled with a value.\nRaises ValueError for a negative dimension; TypeError for a non-numeric fill value.\n>>> np.full((2, 2), 7)\narray([[7, 7],\n       [7, 7]])", np_full),
    builtin!("numpy", "zeros_like", Function, "(a, dtype=None)",
        "Zeros with the shape and dtype of `a`.\nRaises TypeError for non-numeric input or an unknown dtype.\n>>> np.zeros_like(np.array([1, 2]))\narray([0, 0])", np_zeros_like),
    builtin!("numpy", "ones_like", Function, "(a, dtype=None)",
        "Ones with the shape and dtype of `a`.\nRaises TypeError for non-numeric input or an unknown dtype.\n>>> np.ones_like(np.array([1.5]))\narray([1.])", np_ones_like),
    builtin!("numpy", "empty_like", Function, "(prototype, dtype=None)",
        "A new array with the shape and dtype of `a` (zero-filled in NPL).\nRaises TypeError for non-numeric input or an unknown dtype.\n>>> np.empty_like(np.array([1, 2]))\narray([0, 0])", np_empty_like),
    builtin!("numpy", "full_like", Function, "(a, fill_value, dtype=None)",
        "A filled array with the shape and dtype of `a`.\nRaises TypeError for non-numeric input or fill value.\n>>> np.full_like(np.array([1, 2]), 9)\narray([9, 9])", np_full_like),
    builtin!("numpy", "eye", Function, "(N, M=None, k=0, dtype=float)",
        "Ones on the k-th diagonal, zeros elsewhere.\nRaises ValueError for a negative N or M; TypeError for non-integer arguments.\n>>> np.eye(2)\narray([[1., 0.],\n       [0., 1.]])", np_eye),
    builtin!("numpy", "identity", Function, "(n, dtype=float)",
        "The n x n identity matrix.\nRaises ValueError for a negative n; TypeError for a non-integer n.\n>>> np.identity(2, dtype=int)\narray([[1, 0],\n       [0, 1]])", np_identity),
    builtin!("numpy", "arange", Function, "(start, stop=None, step=None, dtype=None)",
        "Evenly spaced values in [start, stop) with `step`; ceil((stop - start) / step) of them.\nRaises ZeroDivisionError when step is 0; TypeError for complex or non-numeric arguments.\n>>> np.arange(0, 1, 0.25)\narray([0.  , 0.25, 0.5 , 0.75])", np_arange),
    builtin!("numpy", "linspace", Function, "(start, stop, num=50, endpoint=True, retstep=False, dtype=None)",
        "`num` evenly spaced values from start to stop (stop included unless endpoint=False).\nRaises ValueError when num < 0; TypeError for non-numeric bounds.\n>>> np.linspace(0, 1, 5)\narray([0.  , 0.25, 0.5 , 0.75, 1.  ])", np_linspace),
    builtin!("numpy", "logspace", Function, "(start, stop, num=50, endpoint=True, base=10.0)",
        "Values evenly spaced on a log scale, base**start to base**stop.\nRaises ValueError when num < 0; TypeError for non-numeric bounds.\n>>> np.logspace(0, 2, 3)\narray([  1.,  10., 100.])", np_logspace),
    builtin!("numpy", "copy", Function, "(a)",
        "A copy of the array (never a view).\nRaises ValueError for ragged nested lists; TypeError for non-numeric elements.\n>>> np.copy(np.array([1, 2]))\narray([1, 2])", np_copy),
    builtin!("numpy", "meshgrid", Function, "(*xi, indexing='xy')",
        "Coordinate matrices from coordinate vectors.\nRaises TypeError for non-numeric inputs.\n>>> X, Y = np.meshgrid([1, 2], [3, 4]); X\narray([[1, 2],\n       [1, 2]])", np_meshgrid),
    builtin!("numpy", "fromfunction", Function, "(function, shape, *, dtype=float)",
        "An array whose element at each index is function(*index), called once with index arrays.\nRaises ValueError for a negative dimension; any exception raised by function propagates.\n>>> np.fromfunction(lambda i, j: i + 10 * j, (2, 2))\narray([[ 0., 10.],\n       [ 1., 11.]])", np_fromfunction),
    builtin!("numpy", "indices", Function, "(dimensions, dtype=int)",
        "An array of index grids, one per axis.\nRaises ValueError for a negative dimension; TypeError for a non-integer one.\n>>> np.indices((2, 2))[0]\narray([[0, 0],\n       [1, 1]])", np_indices),
];

/// The index grids of `shape` (NumPy's `indices`), one array per axis.
fn index_grids(shape: &[usize], dtype: DType) -> EvalResult<Vec<NdArray>> {
    let size = crate::array::storage::check_allocation(shape, dtype)?;
    let mut grids = Vec::with_capacity(shape.len());
    for axis in 0..shape.len() {
        let inner: usize = shape[axis + 1..].iter().product();
        let n = shape[axis].max(1);
        let data: Vec<i64> = (0..size).map(|k| ((k / inner.max(1)) % n) as i64).collect();
        let a = NdArray::Int(crate::array::Array::from_vec(shape.to_vec(), data)?);
        grids.push(a.cast_to(dtype));
    }
    Ok(grids)
}

pub(crate) fn np_fromfunction(interp: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[17], args)?;
    let f = b.required(0)?;
    let shape = to_shape(&b.required(1)?)?;
    let dtype = optional_dtype(b.get(2))?.unwrap_or(DType::Float64);
    let grids = index_grids(&shape, dtype)?;
    interp.call(&f, Args::positional(grids.into_iter().map(Value::array).collect()))
}

pub(crate) fn np_indices(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[18], args)?;
    let shape = to_shape(&b.required(0)?)?;
    let dtype = optional_dtype(b.get(1))?.unwrap_or(DType::Int64);
    let grids = index_grids(&shape, dtype)?;
    if grids.is_empty() {
        return Ok(Value::array(NdArray::zeros(vec![0], dtype)?));
    }
    Ok(Value::array(crate::array::manip::stack(&grids, 0)?))
}

pub(crate) fn np_array(interp: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[0], args)?;
    let obj = b.required(0)?;
    let dtype = optional_dtype(b.get(1))?;
    let copy = match b.get(2) {
        Some(v) => {
            let v = v.clone();
            interp.truthy(&v)?
        }
        None => true,
    };
    let ndmin = match b.get(3) {
        Some(v) => to_index(v, "")?.max(0) as usize,
        None => 0,
    };
    let mut a = to_ndarray(&obj, dtype)?;
    if copy
        && matches!(obj, Value::Array(_))
        && a.shares_buffer(match &obj {
            Value::Array(x) => x,
            _ => &a,
        })
    {
        a = a.copy();
    }
    if a.ndim() < ndmin {
        let mut dims: Vec<isize> = vec![1; ndmin - a.ndim()];
        dims.extend(a.shape().iter().map(|&d| d as isize));
        a = crate::array::manip::reshape(&a, &dims)?;
    }
    Ok(Value::array(a))
}

pub(crate) fn np_asarray(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[1], args)?;
    let obj = b.required(0)?;
    let dtype = optional_dtype(b.get(1))?;
    if let (Value::Array(a), None) = (&obj, dtype) {
        return Ok(Value::Array(a.clone()));
    }
    Ok(Value::array(to_ndarray(&obj, dtype)?))
}

fn filled(decl: &'static Builtin, args: Args, value: Scalar) -> EvalResult {
    let mut b = bind(decl, args)?;
    let shape = to_shape(&b.required(0)?)?;
    let dtype = optional_dtype(b.get(1))?.unwrap_or(DType::Float64);
    Ok(Value::array(NdArray::full(shape, value, dtype)?))
}
pub(crate) fn np_zeros(_: &mut Interp, args: Args) -> EvalResult {
    filled(&BUILTINS[2], args, Scalar::Int(0))
}
pub(crate) fn np_ones(_: &mut Interp, args: Args) -> EvalResult {
    filled(&BUILTINS[3], args, Scalar::Int(1))
}
pub(crate) fn np_empty(_: &mut Interp, args: Args) -> EvalResult {
    filled(&BUILTINS[4], args, Scalar::Int(0))
}
fn fill_scalar(v: &Value) -> EvalResult<Scalar> {
    value_to_scalar(v).ok_or_else(|| type_error(format!("fill value must be a number, not {}", v.type_name())))
}
pub(crate) fn np_full(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[5], args)?;
    let shape = to_shape(&b.required(0)?)?;
    let fill = b.required(1)?;
    if let Value::Array(a) = &fill {
        if a.ndim() > 0 {
            let dtype = optional_dtype(b.get(2))?.unwrap_or(a.dtype());
            let base = NdArray::zeros(shape, dtype)?;
            crate::array::index::set_index(&base, &[crate::array::index::IndexItem::Ellipsis], &a.cast_to(dtype))?;
            return Ok(Value::array(base));
        }
    }
    let s = fill_scalar(&fill)?;
    let dtype = optional_dtype(b.get(2))?.unwrap_or(s.dtype());
    Ok(Value::array(NdArray::full(shape, s, dtype)?))
}
fn like(decl: &'static Builtin, args: Args, value: Option<Scalar>) -> EvalResult {
    let mut b = bind(decl, args)?;
    let a = operand(&b.required(0)?)?;
    let (fill, dtype_index) = match value {
        Some(v) => (v, 1),
        None => (fill_scalar(&b.required(1)?)?, 2),
    };
    let dtype = optional_dtype(b.get(dtype_index))?.unwrap_or(a.dtype());
    Ok(Value::array(NdArray::full(a.shape().to_vec(), fill, dtype)?))
}
pub(crate) fn np_zeros_like(_: &mut Interp, args: Args) -> EvalResult {
    like(&BUILTINS[6], args, Some(Scalar::Int(0)))
}
pub(crate) fn np_ones_like(_: &mut Interp, args: Args) -> EvalResult {
    like(&BUILTINS[7], args, Some(Scalar::Int(1)))
}
pub(crate) fn np_empty_like(_: &mut Interp, args: Args) -> EvalResult {
    like(&BUILTINS[8], args, Some(Scalar::Int(0)))
}
pub(crate) fn np_full_like(_: &mut Interp, args: Args) -> EvalResult {
    like(&BUILTINS[9], args, None)
}
pub(crate) fn np_eye(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[10], args)?;
    let n = to_index(&b.required(0)?, "")?;
    let m = b.get(1).map(|v| to_index(v, "")).transpose()?;
    let k = b.get(2).map(|v| to_index(v, "")).transpose()?.unwrap_or(0);
    let dtype = optional_dtype(b.get(3))?;
    Ok(Value::array(create::eye(n, m, k, dtype)?))
}
pub(crate) fn np_identity(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[11], args)?;
    let n = to_index(&b.required(0)?, "")?;
    let dtype = optional_dtype(b.get(1))?;
    Ok(Value::array(create::identity(n, dtype)?))
}
fn number(v: &Value) -> EvalResult<Scalar> {
    value_to_scalar(v).ok_or_else(|| type_error(format!("unsupported type for arange/linspace: '{}'", v.type_name())))
}
pub(crate) fn np_arange(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[12], args)?;
    let first = number(&b.required(0)?)?;
    let (start, stop) = match b.get(1) {
        Some(v) => (first, number(v)?),
        None => (Scalar::Int(0), first),
    };
    let step = match b.get(2) {
        Some(v) => number(v)?,
        None => Scalar::Int(1),
    };
    let dtype = optional_dtype(b.get(3))?;
    Ok(Value::array(create::arange(start, stop, step, dtype)?))
}
pub(crate) fn np_linspace(interp: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[13], args)?;
    let start = number(&b.required(0)?)?;
    let stop = number(&b.required(1)?)?;
    let num = b.get(2).map(|v| to_index(v, "")).transpose()?.unwrap_or(50);
    let endpoint = match b.get(3) {
        Some(v) => {
            let v = v.clone();
            interp.truthy(&v)?
        }
        None => true,
    };
    let retstep = super::reductions::flag(interp, &b, 4)?;
    let dtype = optional_dtype(b.get(5))?;
    let a = create::linspace(start, stop, num, endpoint, dtype)?;
    if retstep {
        let div = if endpoint { num - 1 } else { num };
        let step = if div > 0 { (stop.to_f64() - start.to_f64()) / div as f64 } else { f64::NAN };
        return Ok(Value::tuple(vec![Value::array(a), Value::Float(step)]));
    }
    Ok(Value::array(a))
}
pub(crate) fn np_logspace(interp: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[14], args)?;
    let start = number(&b.required(0)?)?;
    let stop = number(&b.required(1)?)?;
    let num = b.get(2).map(|v| to_index(v, "")).transpose()?.unwrap_or(50);
    let endpoint = match b.get(3) {
        Some(v) => {
            let v = v.clone();
            interp.truthy(&v)?
        }
        None => true,
    };
    let base = match b.get(4) {
        Some(v) => number(v)?.to_f64(),
        None => 10.0,
    };
    Ok(Value::array(create::logspace(start, stop, num, endpoint, base)?))
}
pub(crate) fn np_copy(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[15], args)?;
    let a = operand(&b.required(0)?)?;
    Ok(Value::array(a.try_copy()?))
}
pub(crate) fn np_meshgrid(_: &mut Interp, args: Args) -> EvalResult {
    let b = bind(&BUILTINS[16], args)?;
    let xs: Vec<NdArray> = b.rest.iter().map(operand).collect::<EvalResult<_>>()?;
    let xy = !matches!(b.get(1), Some(Value::Str(s)) if s.as_ref() == "ij");
    let grids = create::meshgrid(&xs, xy)?;
    Ok(Value::tuple(grids.into_iter().map(Value::array).collect()))
}
