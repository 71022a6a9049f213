//! Sampling for either generator: continuous and discrete distributions,
//! `integers`, `choice`, `shuffle` and `permutation`.

use super::params::{broadcast, count, float_result, floats_of, int_result, ints_of, size_shape};
use super::rng::Rng;
use crate::array::storage::check_allocation;
use crate::array::{Array, DType, IntoNdArray, NdArray, Scalar};
use crate::builtins::args::Bound;
use crate::builtins::array_glue::operand;
use crate::builtins::convert::{optional_dtype, scalar_to_value, to_index};
use crate::eval::error::{raise, type_error, value_error, EvalResult, Unwind};
use crate::value::{ExcKind, Value};
use crate::with_array;

/// A continuous sampler: `n` draws from float parameters.
type FloatDraw<R> = fn(&mut R, &[f64], usize) -> Result<Vec<f64>, String>;

/// A discrete sampler: `n` counts from an int and a float parameter.
type CountDraw<R> = fn(&mut R, i64, f64, usize) -> Result<Vec<i64>, String>;

/// A kernel error as NumPy raises it (`OverflowError` for uniform's range).
fn kernel_error(msg: String) -> Unwind {
    if msg.contains("exceeds valid bounds") {
        raise(ExcKind::OverflowError, msg)
    } else {
        value_error(msg)
    }
}

/// A continuous distribution with float parameters.
pub(super) fn continuous<R: Rng>(
    rng: &mut R,
    params: Vec<NdArray>,
    size: Option<Vec<usize>>,
    draw: FloatDraw<R>,
) -> EvalResult {
    let (shape, params, scalar) = broadcast(params, size, true)?;
    let cols: Vec<Vec<f64>> = params.iter().map(floats_of).collect();
    if scalar {
        let p: Vec<f64> = cols.iter().map(|c| c[0]).collect();
        let n = count(&shape)?;
        let v = draw(rng, &p, n).map_err(kernel_error)?;
        return float_result(shape, v);
    }
    let n = count(&shape)?;
    // Check every parameter before drawing, as NumPy does.
    for k in 0..n {
        let p: Vec<f64> = cols.iter().map(|c| c[k]).collect();
        draw(rng, &p, 0).map_err(kernel_error)?;
    }
    let mut out = Vec::with_capacity(n);
    for k in 0..n {
        let p: Vec<f64> = cols.iter().map(|c| c[k]).collect();
        out.extend(draw(rng, &p, 1).map_err(kernel_error)?);
    }
    float_result(shape, out)
}

/// A discrete distribution with an int and a float parameter (binomial) or
/// one float parameter (poisson).
pub(super) fn discrete<R: Rng>(
    rng: &mut R,
    params: Vec<NdArray>,
    size: Option<Vec<usize>>,
    draw: CountDraw<R>,
) -> EvalResult {
    let (shape, params, scalar) = broadcast(params, size, true)?;
    let ints = ints_of(&params[0]);
    let floats = params.get(1).map(floats_of).unwrap_or_else(|| floats_of(&params[0]));
    let n = count(&shape)?;
    if scalar {
        let v = draw(rng, ints[0], floats[0], n).map_err(kernel_error)?;
        return int_result(shape, v);
    }
    for k in 0..n {
        draw(rng, ints[k], floats[k], 0).map_err(kernel_error)?;
    }
    let mut out = Vec::with_capacity(n);
    for k in 0..n {
        out.extend(draw(rng, ints[k], floats[k], 1).map_err(kernel_error)?);
    }
    int_result(shape, out)
}

/// `normal` with parameters (loc, scale).
pub(super) fn draw_normal<R: Rng>(r: &mut R, p: &[f64], n: usize) -> Result<Vec<f64>, String> {
    r.normal(p[0], p[1], n)
}
/// `uniform` with parameters (low, high).
pub(super) fn draw_uniform<R: Rng>(r: &mut R, p: &[f64], n: usize) -> Result<Vec<f64>, String> {
    r.uniform(p[0], p[1], n)
}
/// `exponential` with parameter (scale).
pub(super) fn draw_exponential<R: Rng>(r: &mut R, p: &[f64], n: usize) -> Result<Vec<f64>, String> {
    r.exponential(p[0], n)
}
/// `binomial` with parameters (n, p).
pub(super) fn draw_binomial<R: Rng>(r: &mut R, trials: i64, p: f64, n: usize) -> Result<Vec<i64>, String> {
    r.binomial(trials, p, n)
}
/// `poisson` with parameter (lam).
pub(super) fn draw_poisson<R: Rng>(r: &mut R, _: i64, lam: f64, n: usize) -> Result<Vec<i64>, String> {
    r.poisson(lam, n)
}

/// `randint` / `integers`: bounds as int arrays (broadcast), `endpoint`.
pub(super) fn integers<R: Rng>(rng: &mut R, b: &Bound, base: usize, endpoint: bool) -> EvalResult {
    let low = b.get(base).ok_or_else(|| type_error("missing required argument 'low'"))?;
    let bound = |v: &Value| -> EvalResult<NdArray> {
        match v {
            Value::Int(_) | Value::Bool(_) => Ok(NdArray::from_scalar(Scalar::Int(to_index(v, "")?))),
            Value::Float(f) => match crate::builtins::convert::float_to_int(*f)? {
                Value::Int(i) => Ok(NdArray::from_scalar(Scalar::Int(i))),
                _ => Err(type_error("an integer is required")),
            },
            Value::Complex(_) | Value::Str(_) | Value::None => {
                Err(type_error(format!("'{}' object cannot be interpreted as an integer", v.type_name())))
            }
            other => {
                let a = operand(other)?;
                match a.dtype() {
                    DType::Int64 | DType::Bool => Ok(a.cast_to(DType::Int64)),
                    d => Err(type_error(format!(
                        "Cannot cast array data from dtype('{}') to dtype('int64') according to the rule 'safe'",
                        d.name()
                    ))),
                }
            }
        }
    };
    let (low, high, high_given) = match b.get(base + 1) {
        Some(h) => (bound(low)?, bound(h)?, true),
        None => (NdArray::from_scalar(Scalar::Int(0)), bound(low)?, false),
    };
    let size = size_shape(b.get(base + 2))?;
    if let Some(d) = optional_dtype(b.get(base + 3))? {
        if d != DType::Int64 {
            let what = if R::LEGACY { "randint" } else { "integers" };
            return Err(type_error(format!("Unsupported dtype dtype('{}') for {what}", d.name())));
        }
    }
    let (shape, params, scalar) = broadcast(vec![low, high], size, false)?;
    let lows = ints_of(&params[0]);
    let highs = ints_of(&params[1]);
    let n = count(&shape)?;
    let fix = |e: String, hi: i64| -> Unwind {
        if !high_given && ((endpoint && hi < 0) || (!endpoint && hi <= 0)) {
            value_error(if endpoint { "high < 0" } else { "high <= 0" })
        } else {
            kernel_error(e)
        }
    };
    if n == 0 {
        return int_result(shape, Vec::new());
    }
    if scalar {
        let v = rng.ints(lows[0], highs[0], endpoint, n).map_err(|e| fix(e, highs[0]))?;
        return int_result(shape, v);
    }
    for k in 0..n {
        let top = i128::from(highs[k]) - i128::from(!endpoint);
        if i128::from(lows[k]) > top {
            let e = if endpoint { "low > high" } else { "low >= high" };
            return Err(fix(e.to_string(), highs[k]));
        }
    }
    let mut out = Vec::with_capacity(n);
    for k in 0..n {
        out.extend(rng.ints(lows[k], highs[k], endpoint, 1).map_err(|e| fix(e, highs[k]))?);
    }
    int_result(shape, out)
}

/// Rows `idx` of `a` along its first axis, shaped `lead + a.shape[1:]`.
fn take_rows(a: &NdArray, idx: &[i64], lead: &[usize]) -> EvalResult<NdArray> {
    let mut shape = lead.to_vec();
    shape.extend_from_slice(&a.shape()[1..]);
    let rows = a.shape().first().copied().unwrap_or(0);
    Ok(with_array!(a, x => {
        let data = x.to_vec();
        let row = data.len().checked_div(rows).unwrap_or(0);
        let mut out = Vec::with_capacity(idx.len() * row);
        for &i in idx {
            let i = i.max(0) as usize;
            out.extend_from_slice(&data[i * row..(i + 1) * row]);
        }
        Array::from_vec(shape, out)?.into_nd()
    }))
}

/// `choice(a, size, replace, p)` for either generator; `axis` (Generator
/// only) picks along another axis of an n-d `a`.
#[allow(clippy::too_many_arguments)]
pub(super) fn choice<R: Rng>(
    rng: &mut R,
    a: &Value,
    size: Option<&Value>,
    replace: bool,
    p: Option<&Value>,
    shuffle: bool,
    axis: isize,
) -> EvalResult {
    let shape = size_shape(size)?;
    let n = count(&shape)?;
    let not_array = || {
        value_error(if R::LEGACY {
            "a must be 1-dimensional or an integer"
        } else {
            "a must be a sequence or an integer, not a float"
        })
    };
    let arr = match a {
        Value::Int(_) | Value::Bool(_) => None,
        Value::Array(x) if x.ndim() == 0 => {
            if matches!(x.dtype(), DType::Int64 | DType::Bool) {
                None
            } else {
                return Err(not_array());
            }
        }
        Value::Float(_) | Value::Complex(_) => return Err(not_array()),
        other => Some(operand(other)?),
    };
    let mut ax = 0usize;
    if let Some(x) = &arr {
        if x.ndim() == 0 || (R::LEGACY && x.ndim() != 1) {
            return Err(value_error("a must be 1-dimensional"));
        }
        ax = crate::array::manip::axes::normalize_axis(axis, x.ndim())?;
    }
    let arr = match arr {
        Some(x) if ax != 0 => Some(crate::array::manip::moveaxis(&x, &[ax as isize], &[0])?),
        other => other,
    };
    let p = match p {
        None => None,
        Some(v) => {
            let pa = operand(v)?;
            if pa.ndim() != 1 {
                return Err(value_error(if R::LEGACY {
                    "'p' must be 1-dimensional"
                } else {
                    "p must be 1-dimensional"
                }));
            }
            Some(pa.to_float().to_vec())
        }
    };
    let (pop, is_array) = match &arr {
        Some(x) => (x.shape()[0] as i64, true),
        None => (to_index(a, "")?, false),
    };
    // Sampling without replacement may shuffle the whole population.
    if !replace && p.is_none() && n <= pop.max(0) as usize && (R::LEGACY || (pop > 10_000 && n as i64 > pop / 50)) {
        check_allocation(&[pop.max(0) as usize], DType::Int64)?;
    }
    let idx = rng.choice_idx(pop, is_array, n, replace, p.as_deref(), shuffle).map_err(kernel_error)?;
    match (arr, shape) {
        (None, shape) => int_result(shape, idx),
        (Some(x), None) => {
            let picked = take_rows(&x, &idx[..1.min(idx.len())], &[])?;
            if picked.ndim() == 0 {
                Ok(scalar_to_value(picked.get_flat(0)))
            } else {
                Ok(Value::array(picked))
            }
        }
        (Some(x), Some(s)) => {
            let picked = take_rows(&x, &idx, &s)?;
            if ax == 0 {
                return Ok(Value::array(picked));
            }
            // Put the sampled axes where `axis` was: a.shape[:axis] + size + a.shape[axis+1:].
            let k = s.len();
            let r = picked.ndim();
            let perm: Vec<isize> = (k..k + ax).chain(0..k).chain(k + ax..r).map(|i| i as isize).collect();
            Ok(Value::array(crate::array::manip::transpose(&picked, Some(&perm))?.copy()))
        }
    }
}

/// Shuffles an array along `axis` (or a list) in place.
pub(super) fn shuffle<R: Rng>(rng: &mut R, x: &Value, axis: isize) -> EvalResult {
    match x {
        Value::List(l) => {
            if axis != 0 {
                return Err(raise(ExcKind::NotImplementedError, "Axis argument is only supported on ndarray objects"));
            }
            let mut items =
                l.try_borrow_mut().map_err(|_| raise(ExcKind::RuntimeError, "list is being used elsewhere"))?;
            rng.shuffle_items(&mut items[..]);
            Ok(Value::None)
        }
        Value::Array(a) => {
            if a.ndim() == 0 {
                return Err(type_error("len() of unsized object"));
            }
            let ax = crate::array::manip::axes::normalize_axis(axis, a.ndim())?;
            let view = if ax == 0 { (**a).clone() } else { crate::array::manip::swapaxes(a, 0, ax as isize)? };
            let rows = view.shape()[0];
            with_array!(&view, arr => {
                let mut data = arr.to_vec();
                rng.shuffle_rows(&mut data, rows);
                arr.assign_from_slice(&data)?;
            });
            Ok(Value::None)
        }
        Value::Tuple(_) | Value::Str(_) => {
            Err(type_error(format!("'{}' object does not support item assignment", x.type_name())))
        }
        other => Err(type_error(format!("object of type '{}' has no len()", other.type_name()))),
    }
}

/// `permutation(x)`: a shuffled `arange(x)` or a shuffled copy of an array
/// (along `axis`).
pub(super) fn permutation<R: Rng>(rng: &mut R, x: &Value, axis: isize) -> EvalResult {
    let a = match x {
        Value::Int(_) | Value::Bool(_) => {
            let n = to_index(x, "")?.max(0) as usize;
            check_allocation(&[n], DType::Int64)?;
            let mut v: Vec<i64> = (0..n as i64).collect();
            rng.shuffle_items(&mut v);
            return Ok(Value::array(NdArray::Int(Array::from_vec(vec![n], v)?)));
        }
        Value::Float(_) | Value::Complex(_) => {
            return Err(raise(ExcKind::IndexError, "x must be an integer or at least 1-dimensional"))
        }
        other => operand(other)?,
    };
    if a.ndim() == 0 {
        return Err(raise(ExcKind::IndexError, "x must be an integer or at least 1-dimensional"));
    }
    let ax = crate::array::manip::axes::normalize_axis(axis, a.ndim())?;
    let moved = if ax == 0 { a } else { crate::array::manip::swapaxes(&a, 0, ax as isize)? };
    let rows = moved.shape()[0];
    let out = with_array!(&moved, arr => {
        let mut data = arr.to_vec();
        rng.shuffle_rows(&mut data, rows);
        Array::from_vec(arr.shape(), data)?.into_nd()
    });
    let out = if ax == 0 { out } else { crate::array::manip::swapaxes(&out, 0, ax as isize)?.copy() };
    Ok(Value::array(out))
}
