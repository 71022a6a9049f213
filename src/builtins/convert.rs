//! Conversions between Python values and arrays: building arrays from
//! nested lists (shape and dtype inference), dtype arguments, and Python
//! scalars from array elements.

use crate::array::{Array, DType, NdArray, Scalar};
use crate::eval::error::{raise, type_error, value_error, EvalResult};
use crate::value::{ExcKind, TypeObj, Value};
use num_complex::Complex64;

/// The dtype a type object stands for (`float` → float64).
pub fn dtype_of_type(t: TypeObj) -> Option<DType> {
    match t {
        TypeObj::Bool => Some(DType::Bool),
        TypeObj::Int => Some(DType::Int64),
        TypeObj::Float => Some(DType::Float64),
        TypeObj::Complex => Some(DType::Complex128),
        TypeObj::Scalar(d) => Some(d),
        _ => None,
    }
}

/// A `dtype=` argument: `float`, `np.float64`, `"float64"`, `a.dtype`.
pub fn parse_dtype(v: &Value) -> EvalResult<DType> {
    match v {
        Value::Type(t) => {
            dtype_of_type(*t).ok_or_else(|| type_error(format!("Cannot interpret '{}' as a data type", t.repr())))
        }
        Value::DType(d) => Ok(*d),
        Value::Str(s) => DType::from_name(s).ok_or_else(|| {
            type_error(format!(
                "data type {} not understood (NPL supports bool, int64, float64, complex128)",
                crate::value::quote_str(s)
            ))
        }),
        other => Err(type_error(format!("Cannot interpret '{}' as a data type", other.repr()))),
    }
}

/// An optional `dtype=` argument.
pub fn optional_dtype(v: Option<&Value>) -> EvalResult<Option<DType>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => parse_dtype(v).map(Some),
    }
}

/// A Python value for an array element (a plain Python number).
pub fn scalar_to_value(s: Scalar) -> Value {
    match s {
        Scalar::Bool(b) => Value::Bool(b),
        Scalar::Int(i) => Value::Int(i),
        Scalar::Float(f) => Value::Float(f),
        Scalar::Complex(c) => Value::complex(c),
    }
}

/// The scalar a Python number stands for, if it is one.
pub fn value_to_scalar(v: &Value) -> Option<Scalar> {
    match v {
        Value::Bool(b) => Some(Scalar::Bool(*b)),
        Value::Int(i) => Some(Scalar::Int(*i)),
        Value::Float(f) => Some(Scalar::Float(*f)),
        Value::Complex(c) => Some(Scalar::Complex(**c)),
        Value::Array(a) if a.ndim() == 0 => Some(a.get_flat(0)),
        _ => None,
    }
}

/// The element of a 0-d array; NumPy 2.4 refuses every other array (even of size 1).
fn only_0d(a: &NdArray) -> EvalResult<Scalar> {
    if a.ndim() != 0 {
        return Err(type_error("only 0-dimensional arrays can be converted to Python scalars"));
    }
    a.item().ok_or_else(|| type_error("only 0-dimensional arrays can be converted to Python scalars"))
}

/// `int(v)` for numbers and 0-d arrays.
pub fn to_int_value(v: &Value) -> EvalResult<Value> {
    let s = match v {
        Value::Array(a) => only_0d(a)?,
        other => value_to_scalar(other).ok_or_else(|| {
            type_error(format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                other.type_name()
            ))
        })?,
    };
    match s {
        Scalar::Bool(b) => Ok(Value::Int(b as i64)),
        Scalar::Int(i) => Ok(Value::Int(i)),
        Scalar::Float(f) => float_to_int(f),
        Scalar::Complex(_) => {
            Err(type_error("int() argument must be a string, a bytes-like object or a real number, not 'complex'"))
        }
    }
}

/// Python's `int(f)` for a float.
pub fn float_to_int(f: f64) -> EvalResult<Value> {
    if f.is_nan() {
        return Err(value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(raise(ExcKind::OverflowError, "cannot convert float infinity to integer"));
    }
    crate::array::dtype::float_to_i64(f)
        .map(Value::Int)
        .ok_or_else(|| raise(ExcKind::OverflowError, "int too large: NPL ints are 64-bit"))
}

/// `float(v)` for numbers and 0-d arrays.
pub fn to_float_value(v: &Value) -> EvalResult<Value> {
    let s = match v {
        Value::Array(a) => only_0d(a)?,
        other => value_to_scalar(other).ok_or_else(|| {
            type_error(format!("float() argument must be a string or a real number, not '{}'", other.type_name()))
        })?,
    };
    match s {
        Scalar::Complex(_) if !matches!(v, Value::Array(_)) => {
            Err(type_error("float() argument must be a string or a real number, not 'complex'"))
        }
        other => Ok(Value::Float(other.to_f64())),
    }
}

/// A number or 0-d array as a complex number.
pub fn to_complex_scalar(v: &Value) -> EvalResult<Complex64> {
    match v {
        Value::Array(a) => Ok(only_0d(a)?.to_c64()),
        Value::Str(s) => {
            let t = s.trim().trim_start_matches('(').trim_end_matches(')').replace('J', "j");
            if let Ok(f) = t.parse::<f64>() {
                return Ok(Complex64::new(f, 0.0));
            }
            if let Some(body) = t.strip_suffix('j') {
                if let Ok(im) = body.parse::<f64>() {
                    return Ok(Complex64::new(0.0, im));
                }
                if let Some(i) = body.rfind(['+', '-']).filter(|&i| i > 0 && !body[..i].ends_with(['e', 'E'])) {
                    if let (Ok(re), Ok(im)) = (body[..i].parse::<f64>(), body[i..].parse::<f64>()) {
                        return Ok(Complex64::new(re, im));
                    }
                }
            }
            Err(value_error("complex() arg is a malformed string"))
        }
        other => value_to_scalar(other).map(|s| s.to_c64()).ok_or_else(|| {
            type_error(format!("complex() first argument must be a string or a number, not '{}'", other.type_name()))
        }),
    }
}

/// A Python integer argument (also a 0-d integer array).
pub fn to_index(v: &Value, what: &str) -> EvalResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        Value::Array(a) if a.ndim() == 0 && matches!(a.dtype(), DType::Int64 | DType::Bool) => {
            Ok(a.get_flat(0).to_i64().unwrap_or(0))
        }
        other => Err(type_error(format!("'{}' object cannot be interpreted as an integer{}", other.type_name(), what))),
    }
}

/// A shape argument: an int or a sequence of ints (negative dimensions refused).
pub fn to_shape(v: &Value) -> EvalResult<Vec<usize>> {
    let dims: Vec<i64> = match v {
        Value::Tuple(items) => items.iter().map(|d| to_index(d, "")).collect::<EvalResult<_>>()?,
        Value::List(items) => items.borrow().iter().map(|d| to_index(d, "")).collect::<EvalResult<_>>()?,
        Value::Array(a) if a.ndim() == 1 => a.to_scalars().into_iter().map(|s| s.to_i64().unwrap_or(-1)).collect(),
        other => vec![to_index(other, "")?],
    };
    dims.into_iter()
        .map(|d| if d < 0 { Err(value_error("negative dimensions are not allowed")) } else { Ok(d as usize) })
        .collect()
}

/// Collects the leaves of a nested list into `out`, checking the shape.
fn gather(v: &Value, depth: usize, shape: &mut Vec<usize>, out: &mut Vec<Scalar>, ragged: &mut bool) -> EvalResult<()> {
    let items: Option<Vec<Value>> = match v {
        Value::List(l) => Some(l.borrow().clone()),
        Value::Tuple(t) => Some(t.as_ref().clone()),
        Value::Range(r) => Some((0..r.len()).map(|i| Value::Int(r.get(i))).collect()),
        _ => None,
    };
    if depth > 64 {
        return Err(value_error("maximum supported dimension for an ndarray is 64"));
    }
    match (items, v) {
        (Some(items), _) => {
            if shape.len() == depth {
                if !out.is_empty() || *ragged {
                    *ragged = true;
                    return Ok(());
                }
                shape.push(items.len());
            } else if shape.len() < depth || shape[depth] != items.len() {
                *ragged = true;
                return Ok(());
            }
            for item in &items {
                gather(item, depth + 1, shape, out, ragged)?;
            }
            Ok(())
        }
        (None, Value::Array(a)) => {
            let sub = a.shape().to_vec();
            if shape.len() == depth {
                if !out.is_empty() {
                    *ragged = true;
                    return Ok(());
                }
                shape.extend_from_slice(&sub);
            } else if shape.len() < depth + sub.len()
                || shape[depth..depth + sub.len()] != sub[..]
                || shape.len() != depth + sub.len()
            {
                *ragged = true;
                return Ok(());
            }
            out.extend(a.to_scalars());
            Ok(())
        }
        (None, other) => {
            if shape.len() != depth {
                *ragged = true;
                return Ok(());
            }
            match value_to_scalar(other) {
                Some(s) => {
                    out.push(s);
                    Ok(())
                }
                None => Err(type_error(format!(
                    "NPL arrays hold numbers and bools only; got an element of type '{}'",
                    other.type_name()
                ))),
            }
        }
    }
}

/// A non-empty flat list or tuple of Python floats (and ints) as a float64
/// array, or of ints as an int64 array, built in one pass (`np.array([1.0,
/// 2.0, 3.0])`); `None` for anything else, which the general path handles.
fn flat_number_list(v: &Value, dtype: Option<DType>) -> Option<NdArray> {
    let list;
    let items: &[Value] = match v {
        Value::List(l) => {
            list = l.borrow();
            &list
        }
        Value::Tuple(t) => t,
        _ => return None,
    };
    if items.is_empty() {
        return None;
    }
    let all_ints = items.iter().all(|x| matches!(x, Value::Int(_)));
    if all_ints && matches!(dtype, None | Some(DType::Int64)) {
        let data = items.iter().map(|x| if let Value::Int(i) = x { *i } else { 0 }).collect();
        return Array::from_vec(vec![items.len()], data).ok().map(NdArray::Int);
    }
    if !matches!(dtype, None | Some(DType::Float64)) {
        return None;
    }
    let mut data = Vec::with_capacity(items.len());
    for x in items {
        match x {
            Value::Float(f) => data.push(*f),
            Value::Int(i) => data.push(*i as f64),
            _ => return None,
        }
    }
    Array::from_vec(vec![items.len()], data).ok().map(NdArray::Float)
}

/// Builds an array from a Python value (number, nested lists/tuples,
/// arrays), inferring the dtype unless `dtype` is given.
pub fn to_ndarray(v: &Value, dtype: Option<DType>) -> EvalResult<NdArray> {
    if let Value::Array(a) = v {
        return Ok(match dtype {
            Some(d) => a.cast_to(d),
            None => (**a).clone(),
        });
    }
    if let Some(a) = flat_number_list(v, dtype) {
        return Ok(a);
    }
    let mut shape = Vec::new();
    let mut out = Vec::new();
    let mut ragged = false;
    gather(v, 0, &mut shape, &mut out, &mut ragged)?;
    if ragged {
        return Err(value_error(format!(
            "setting an array element with a sequence. The requested array has an inhomogeneous shape after {} dimensions. The detected shape was {} + inhomogeneous part.",
            shape.len().min(1).max(shape.len().saturating_sub(1)),
            crate::array::storage::shape_repr(&shape[..shape.len().saturating_sub(1).max(1).min(shape.len())])
        )));
    }
    let inferred = out.iter().map(|s| s.dtype()).max().unwrap_or(DType::Float64);
    let dt = dtype.unwrap_or(inferred);
    if dt == DType::Int64 && dtype.is_some() {
        // Python numbers convert one by one as `int(x)` does (NumPy calls
        // the element's `__int__`): no silent NaN or wrap-around.
        for s in &out {
            match s {
                Scalar::Float(f) if f.is_nan() => return Err(value_error("cannot convert float NaN to integer")),
                Scalar::Float(f) if f.is_infinite() => {
                    return Err(raise(ExcKind::OverflowError, "cannot convert float infinity to integer"))
                }
                Scalar::Float(f) if !(-(2f64.powi(63))..2f64.powi(63)).contains(f) => {
                    return Err(raise(ExcKind::OverflowError, "Python int too large to convert to C long"))
                }
                Scalar::Complex(_) => {
                    return Err(type_error(
                        "int() argument must be a string, a bytes-like object or a real number, not 'complex'",
                    ))
                }
                _ => {}
            }
        }
    }
    Ok(match dt {
        DType::Bool => NdArray::Bool(Array::from_vec(shape, out.iter().map(|s| s.to_bool()).collect())?),
        DType::Int64 => NdArray::Int(Array::from_vec(
            shape,
            out.iter().map(|s| s.cast(DType::Int64).to_i64().unwrap_or(0)).collect(),
        )?),
        DType::Float64 => NdArray::Float(Array::from_vec(shape, out.iter().map(|s| s.to_f64()).collect())?),
        DType::Complex128 => NdArray::Complex(Array::from_vec(shape, out.iter().map(|s| s.to_c64()).collect())?),
    })
}
