//! Shared argument handling: sizes, distribution parameters broadcast to
//! the output, and results as Python scalars or arrays.

use crate::array::broadcast::broadcast_many;
use crate::array::storage::check_allocation;
use crate::array::{Array, DType, IntoNdArray, NdArray, Scalar};
use crate::builtins::array_glue::operand;
use crate::builtins::convert::{to_index, to_shape, value_to_scalar};
use crate::eval::error::{type_error, value_error, EvalResult};
use crate::eval::Interp;
use crate::value::Value;
use crate::with_array;

/// The output shape for `size=` (None: a scalar result).
pub(super) fn size_shape(v: Option<&Value>) -> EvalResult<Option<Vec<usize>>> {
    if let Some(f @ Value::Float(_)) = v {
        return Err(type_error(format!("expected a sequence of integers or a single integer, got '{}'", f.repr())));
    }
    v.map(to_shape).transpose()
}

/// The number of draws for an output shape (MemoryError if too large).
pub(super) fn count(shape: &Option<Vec<usize>>) -> EvalResult<usize> {
    match shape {
        None => Ok(1),
        Some(s) => Ok(check_allocation(s, DType::Float64)?),
    }
}

/// A float result: a Python float for no shape, else an array.
pub(super) fn float_result(shape: Option<Vec<usize>>, v: Vec<f64>) -> EvalResult {
    // a sampler stopped by Ctrl-C returns early with fewer values
    crate::array::cancel::check()?;
    match shape {
        None => Ok(Value::Float(v.first().copied().unwrap_or(0.0))),
        Some(s) => Ok(Value::array(NdArray::Float(Array::from_vec(s, v)?))),
    }
}

/// An int result: a Python int for no shape, else an array.
pub(super) fn int_result(shape: Option<Vec<usize>>, v: Vec<i64>) -> EvalResult {
    // a sampler stopped by Ctrl-C returns early with fewer values
    crate::array::cancel::check()?;
    match shape {
        None => Ok(Value::Int(v.first().copied().unwrap_or(0))),
        Some(s) => Ok(Value::array(NdArray::Int(Array::from_vec(s, v)?))),
    }
}

/// A distribution parameter: a number, or an array (lists become arrays).
pub(super) fn param(v: Option<&Value>, default: Scalar, name: &str) -> EvalResult<NdArray> {
    let Some(v) = v else {
        return Ok(NdArray::from_scalar(default));
    };
    if let Value::Str(t) = v {
        return Err(value_error(format!("could not convert string to float: {}", crate::value::quote_str(t))));
    }
    let a = match value_to_scalar(v) {
        Some(s) => NdArray::from_scalar(s),
        None => operand(v).map_err(|_| {
            type_error(format!("{name} must be a number or an array of numbers, not {}", v.type_name()))
        })?,
    };
    if a.dtype() == DType::Complex128 {
        return Err(type_error(format!("{name} must be real, not complex")));
    }
    Ok(a)
}

/// Python's repr of a shape tuple.
fn tuple_repr(shape: &[usize]) -> String {
    match shape {
        [n] => format!("({n},)"),
        _ => format!("({})", shape.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(", ")),
    }
}

/// Parameters broadcast to the output: `(shape, per-parameter values)`.
/// All-scalar parameters give one value each and the shape of `size`
/// (None when size is None); array parameters give one value per draw.
/// `dist`: word errors as NumPy's distributions do (else as `integers`).
pub(super) fn broadcast(
    params: Vec<NdArray>,
    size: Option<Vec<usize>>,
    dist: bool,
) -> EvalResult<(Option<Vec<usize>>, Vec<NdArray>, bool)> {
    if params.iter().all(|p| p.ndim() == 0) {
        return Ok((size, params, true));
    }
    let mut shapes: Vec<Vec<usize>> = params.iter().map(|p| p.shape().to_vec()).collect();
    if let Some(s) = &size {
        shapes.insert(0, s.clone());
    }
    let refs: Vec<&[usize]> = shapes.iter().map(|s| s.as_slice()).collect();
    let common = match broadcast_many(&refs) {
        Ok(c) => c,
        Err(e) if !dist => return Err(e.into()),
        Err(_) => {
            for j in 1..shapes.len() {
                for i in 0..j {
                    if broadcast_many(&[&shapes[i], &shapes[j]]).is_err() {
                        return Err(value_error(format!(
                            "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg {i} with shape {} and arg {j} with shape {}.",
                            tuple_repr(&shapes[i]),
                            tuple_repr(&shapes[j])
                        )));
                    }
                }
            }
            return Err(value_error("shape mismatch: objects cannot be broadcast to a single shape."));
        }
    };
    let shape = match size {
        Some(s) if s != common => {
            return Err(value_error(format!(
                "Output size {} is not compatible with broadcast dimensions of inputs {}.",
                tuple_repr(&s),
                tuple_repr(&common)
            )))
        }
        Some(s) => s,
        None => common,
    };
    check_allocation(&shape, DType::Float64)?;
    let out: Vec<NdArray> = params
        .iter()
        .map(|p| with_array!(p, x => x.broadcast_to(&shape).map(|b| b.copy().into_nd())))
        .collect::<Result<_, _>>()?;
    Ok((Some(shape), out, false))
}

/// The values of an array as float64, in C order.
pub(super) fn floats_of(a: &NdArray) -> Vec<f64> {
    a.to_float().to_vec()
}

/// The values of an array as int64, in C order.
pub(super) fn ints_of(a: &NdArray) -> Vec<i64> {
    a.to_int().to_vec()
}

/// The `n` of binomial (finite numbers only).
pub(super) fn binomial_n(v: Option<&Value>) -> EvalResult<NdArray> {
    let a = param(v, Scalar::Int(0), "n")?;
    if a.dtype() == DType::Float64 {
        let f = a.to_float().to_vec();
        if f.iter().any(|x| !x.is_finite()) {
            return Err(value_error("n must be a finite number"));
        }
    }
    Ok(a)
}

/// The shape from `rand(2, 3)`-style arguments (None when there are none).
pub(super) fn shape_args(args: &[Value]) -> EvalResult<Option<Vec<usize>>> {
    if args.is_empty() {
        return Ok(None);
    }
    let dims = args
        .iter()
        .map(|v| {
            if let Value::Bool(_) = v {
                return Err(type_error("an integer is required"));
            }
            let d = to_index(v, "")?;
            if d < 0 {
                Err(value_error("negative dimensions are not allowed"))
            } else {
                Ok(d as usize)
            }
        })
        .collect::<EvalResult<Vec<usize>>>()?;
    Ok(Some(dims))
}

/// A flag that defaults to True (`replace=`, `shuffle=`).
pub(super) fn replace_flag(interp: &mut Interp, v: Option<&Value>) -> EvalResult<bool> {
    match v {
        Some(v) => {
            let v = v.clone();
            interp.truthy(&v)
        }
        None => Ok(true),
    }
}
