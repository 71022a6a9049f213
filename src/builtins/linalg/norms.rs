//! Norms and related numbers: `norm`, `vector_norm`, `matrix_norm`,
//! `matrix_rank` and `cond`.

use super::decl;
use super::stacked::{
    each, first_array, float_arg, is_complex, lin, linalg_error, need_2d, need_square, stack_of, Kern,
};
use crate::array::manip::{moveaxis, normalize_axis};
use crate::array::{Array, DType, NdArray};
use crate::builtins::args::bind;
use crate::builtins::array_glue::result_value;
use crate::builtins::reductions::{axes_arg, flag};
use crate::eval::error::{type_error, value_error, EvalResult};
use crate::eval::function::Args;
use crate::eval::Interp;
use crate::linalg::{self as kern, MatrixOrd};
use crate::value::Value;
use num_complex::Complex64;

/// The `ord` argument of `norm` and `cond`.
enum Ord {
    Default,
    Num(f64),
    Name(String),
}

/// Parses an `ord` / `p` argument.
fn ord_arg(v: Option<&Value>) -> EvalResult<Ord> {
    match v {
        None | Some(Value::None) => Ok(Ord::Default),
        Some(Value::Str(s)) => Ok(Ord::Name(s.to_string())),
        Some(Value::Int(i)) => Ok(Ord::Num(*i as f64)),
        Some(Value::Bool(b)) => Ok(Ord::Num(*b as i64 as f64)),
        Some(Value::Float(f)) => Ok(Ord::Num(*f)),
        Some(Value::Array(a)) if a.size() == 1 && !is_complex(a) => Ok(Ord::Num(a.get_flat(0).to_f64())),
        Some(other) => Err(type_error(format!("'{}' object is not a valid norm order", other.type_name()))),
    }
}

/// The matrix norm order for `ord`; NumPy's `ValueError` when invalid.
fn matrix_ord(ord: &Ord) -> EvalResult<MatrixOrd> {
    let m = match ord {
        Ord::Default => Some(MatrixOrd::Fro),
        Ord::Num(p) => MatrixOrd::from_f64(*p),
        Ord::Name(s) => MatrixOrd::from_name(s),
    };
    m.ok_or_else(|| value_error("Invalid norm order for matrices."))
}

/// Vector norms along the last axis of `x` (shape `outer + (len,)`).
fn vector_norms_t<T: Kern>(x: &NdArray, p: Option<f64>) -> EvalResult<Vec<f64>> {
    let data = T::array_of(x).to_vec();
    let len = x.shape().last().copied().unwrap_or(1);
    let count: usize = x.shape()[..x.ndim().saturating_sub(1)].iter().product();
    (0..count).map(|i| kern::vector_norm(&data[i * len..(i + 1) * len], p).map_err(lin)).collect()
}

/// Matrix norms over the last two axes of `x`.
fn matrix_norms_t<T: Kern>(x: &NdArray, ord: MatrixOrd) -> EvalResult<Vec<f64>> {
    let s = stack_of::<T>(x);
    each(&s, |m| kern::matrix_norm(m, ord))
}

/// The shape of a reduction over `axes` of `shape` (ones kept with keepdims).
fn reduced_shape(shape: &[usize], axes: &[usize], keepdims: bool) -> Vec<usize> {
    let mut out = Vec::with_capacity(shape.len());
    for (i, &d) in shape.iter().enumerate() {
        if axes.contains(&i) {
            if keepdims {
                out.push(1);
            }
        } else {
            out.push(d);
        }
    }
    out
}

/// The input of a norm: float64 unless complex.
fn norm_input(x: NdArray) -> NdArray {
    if matches!(x.dtype(), DType::Float64 | DType::Complex128) {
        x
    } else {
        NdArray::Float(x.to_float())
    }
}

/// A float64 result of shape `shape` (a Python float when 0-d).
fn norm_result(shape: Vec<usize>, r: Vec<f64>) -> EvalResult {
    Ok(result_value(NdArray::Float(Array::from_vec(shape, r)?)))
}

/// Vector norms over `axes` (taken together) of `x`.
fn vector_norm_over(x: &NdArray, axes: &[usize], p: Option<f64>, keepdims: bool) -> EvalResult {
    let k = axes.len() as isize;
    let src: Vec<isize> = axes.iter().map(|&a| a as isize).collect();
    let dst: Vec<isize> = (-k..0).collect();
    let moved = moveaxis(x, &src, &dst)?;
    let mut dims: Vec<isize> = moved.shape()[..moved.ndim() - axes.len()].iter().map(|&d| d as isize).collect();
    dims.push(axes.iter().map(|&a| x.shape()[a]).product::<usize>() as isize);
    let flat = crate::array::manip::reshape(&moved, &dims)?;
    let r = if is_complex(x) { vector_norms_t::<Complex64>(&flat, p)? } else { vector_norms_t::<f64>(&flat, p)? };
    norm_result(reduced_shape(x.shape(), axes, keepdims), r)
}

/// Matrix norms over the axes `r` (rows) and `c` (columns) of `x`.
fn matrix_norm_over(x: &NdArray, r: usize, c: usize, ord: MatrixOrd, keepdims: bool) -> EvalResult {
    if r == c {
        return Err(value_error("Duplicate axes given."));
    }
    let moved = moveaxis(x, &[r as isize, c as isize], &[-2, -1])?;
    let out =
        if is_complex(x) { matrix_norms_t::<Complex64>(&moved, ord)? } else { matrix_norms_t::<f64>(&moved, ord)? };
    norm_result(reduced_shape(x.shape(), &[r, c], keepdims), out)
}

/// A vector norm order (strings are NumPy's `ValueError`).
fn vector_ord(ord: Ord) -> EvalResult<Option<f64>> {
    match ord {
        Ord::Default => Ok(None),
        Ord::Num(p) => Ok(Some(p)),
        Ord::Name(s) => Err(value_error(format!("Invalid norm order '{s}' for vectors"))),
    }
}

/// Normalized axes, or all of them.
fn norm_axes(axis: Option<Vec<isize>>, nd: usize) -> EvalResult<Vec<usize>> {
    match axis {
        None => Ok((0..nd).collect()),
        Some(ax) => Ok(ax.iter().map(|&a| normalize_axis(a, nd)).collect::<Result<_, _>>()?),
    }
}

/// `np.linalg.norm`.
pub(super) fn np_norm(interp: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl("norm"), args)?;
    let x = norm_input(first_array(&mut b)?);
    let ord = ord_arg(b.get(1))?;
    let axis = axes_arg(b.get(2))?;
    let keepdims = flag(interp, &b, 3)?;
    let nd = x.ndim();
    if axis.is_none() && matches!(ord, Ord::Default) {
        // The 2-norm of the flattened array, whatever its shape.
        return vector_norm_over(&x, &(0..nd).collect::<Vec<_>>(), None, keepdims);
    }
    let axes = norm_axes(axis, nd)?;
    match axes.len() {
        1 => vector_norm_over(&x, &axes, vector_ord(ord)?, keepdims),
        2 => matrix_norm_over(&x, axes[0], axes[1], matrix_ord(&ord)?, keepdims),
        _ => Err(value_error("Improper number of dimensions to norm.")),
    }
}

/// `np.linalg.vector_norm`.
pub(super) fn np_vector_norm(interp: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl("vector_norm"), args)?;
    let x = norm_input(first_array(&mut b)?);
    let axis = axes_arg(b.get(1))?;
    let keepdims = flag(interp, &b, 2)?;
    let p = vector_ord(ord_arg(b.get(3))?)?;
    let axes = norm_axes(axis, x.ndim())?;
    vector_norm_over(&x, &axes, p, keepdims)
}

/// `np.linalg.matrix_norm`.
pub(super) fn np_matrix_norm(interp: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl("matrix_norm"), args)?;
    let x = norm_input(first_array(&mut b)?);
    let keepdims = flag(interp, &b, 1)?;
    let ord = match b.get(2) {
        None => MatrixOrd::Fro,
        v => matrix_ord(&ord_arg(v)?)?,
    };
    let nd = x.ndim();
    let r = normalize_axis(-2, nd)?;
    matrix_norm_over(&x, r, nd - 1, ord, keepdims)
}

/// Ranks of every matrix (`rtol` relative to the largest singular value).
fn rank_t<T: Kern>(a: &NdArray, tol: Option<f64>, rtol: Option<f64>) -> EvalResult<Vec<i64>> {
    let s = stack_of::<T>(a);
    each(&s, |m| {
        let tol = match (tol, rtol) {
            (None, Some(r)) => Some(kern::svd_values(m)?.iter().fold(0.0f64, |acc, &x| acc.max(x)) * r),
            (t, _) => t,
        };
        kern::matrix_rank(m, tol).map(|r| r as i64)
    })
}

/// `np.linalg.matrix_rank`.
pub(super) fn np_matrix_rank(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl("matrix_rank"), args)?;
    let a = first_array(&mut b)?;
    let tol = float_arg(b.get(1))?;
    let rtol = float_arg(b.get(3))?;
    if a.ndim() < 2 {
        let any = a.to_scalars().iter().any(|s| s.to_c64() != Complex64::new(0.0, 0.0));
        return Ok(Value::Int(any as i64));
    }
    let ranks = if is_complex(&a) { rank_t::<Complex64>(&a, tol, rtol)? } else { rank_t::<f64>(&a, tol, rtol)? };
    let batch = a.shape()[..a.ndim() - 2].to_vec();
    Ok(result_value(NdArray::Int(Array::from_vec(batch, ranks)?)))
}

/// Condition numbers of every matrix.
fn cond_t<T: Kern>(a: &NdArray, p: Option<MatrixOrd>) -> EvalResult<Value> {
    let s = stack_of::<T>(a);
    let out = each(&s, |m| kern::cond(m, p))?;
    Ok(result_value(NdArray::Float(Array::from_vec(s.batch, out)?)))
}

/// `np.linalg.cond`.
pub(super) fn np_cond(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl("cond"), args)?;
    let a = first_array(&mut b)?;
    let p = match ord_arg(b.get(1))? {
        Ord::Default => None,
        other => Some(matrix_ord(&other)?),
    };
    let core: usize = a.shape()[a.ndim().saturating_sub(2)..].iter().product();
    if a.size() == 0 && core == 0 {
        return Err(linalg_error("cond is not defined on empty arrays"));
    }
    need_2d(&a)?;
    if !matches!(p, None | Some(MatrixOrd::Two) | Some(MatrixOrd::NegTwo)) {
        need_square(&a)?;
    }
    if is_complex(&a) {
        cond_t::<Complex64>(&a, p)
    } else {
        cond_t::<f64>(&a, p)
    }
}
