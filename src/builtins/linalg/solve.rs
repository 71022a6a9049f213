//! Inverses and systems: `inv`, `det`, `slogdet`, `solve`, `pinv`, `lstsq`
//! and `matrix_power`.

use super::decl;
use super::stacked::{
    array_ref, assemble, each, each_square, first_array, float_arg, is_complex, lin, linalg_error, mats_array, need_2d,
    need_square, row_major, small_square, stack_of, Kern, Stack,
};
use crate::array::{Array, DType, NdArray};
use crate::builtins::args::bind;
use crate::builtins::array_glue::{operand, result_value};
use crate::builtins::convert::to_index;
use crate::eval::error::{type_error, value_error, EvalResult};
use crate::eval::function::Args;
use crate::eval::Interp;
use crate::linalg::{self as kern};
use crate::value::Value;
use nalgebra::DMatrix;
use num_complex::Complex64;

/// Inverses of every matrix.
fn inv_t<T: Kern>(a: &NdArray) -> EvalResult<NdArray> {
    if small_square(a) {
        let shape = a.shape().to_vec();
        let n = shape[shape.len() - 1];
        if shape.len() == 2 {
            // One matrix: its inverse's buffer becomes the result's.
            let x = T::with_data(a, |m| kern::small::inv(m, n)).map_err(lin)?;
            return Ok(T::wrap(Array::from_vec(shape, x)?));
        }
        let mut out = Vec::with_capacity(a.size());
        each_square::<T>(a, n, |m| {
            out.extend_from_slice(&kern::small::inv(m, n).map_err(lin)?);
            Ok(())
        })?;
        return Ok(T::wrap(Array::from_vec(shape, out)?));
    }
    let s = stack_of::<T>(a);
    let out = each(&s, kern::inv)?;
    mats_array(&s.batch, s.rows, s.cols, &out)
}

/// `np.linalg.inv`.
pub(super) fn np_inv(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl("inv"), args)?;
    let v0 = b.required(0)?;
    let mut slot = None;
    let a = array_ref(&v0, &mut slot)?;
    need_square(a)?;
    Ok(Value::array(if is_complex(a) { inv_t::<Complex64>(a)? } else { inv_t::<f64>(a)? }))
}

/// Determinants (a scalar for one matrix).
fn det_t<T: Kern>(a: &NdArray) -> EvalResult<Value> {
    if small_square(a) {
        let shape = a.shape();
        let n = shape[shape.len() - 1];
        let mut out = Vec::with_capacity(a.size() / (n * n));
        each_square::<T>(a, n, |m| {
            out.push(kern::small::det(m, n));
            Ok(())
        })?;
        return Ok(result_value(T::wrap(Array::from_vec(shape[..shape.len() - 2].to_vec(), out)?)));
    }
    let s = stack_of::<T>(a);
    let out = each(&s, kern::det)?;
    Ok(result_value(T::wrap(Array::from_vec(s.batch, out)?)))
}

/// `np.linalg.det`.
pub(super) fn np_det(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl("det"), args)?;
    let v0 = b.required(0)?;
    let mut slot = None;
    let a = array_ref(&v0, &mut slot)?;
    need_square(a)?;
    if is_complex(a) {
        det_t::<Complex64>(a)
    } else if a.ndim() == 2 && small_square(a) {
        // One real matrix: the Python float straight from its data.
        let n = a.shape()[1];
        Ok(Value::Float(f64::with_data(a, |m| kern::small::det(m, n))))
    } else {
        det_t::<f64>(a)
    }
}

/// `(sign, logabsdet)` of every matrix.
fn slogdet_t<T: Kern>(a: &NdArray) -> EvalResult<Value> {
    let s = stack_of::<T>(a);
    let out = each(&s, kern::slogdet)?;
    let (signs, logs): (Vec<T>, Vec<f64>) = out.into_iter().unzip();
    let sign = result_value(T::wrap(Array::from_vec(s.batch.clone(), signs)?));
    let log = result_value(NdArray::Float(Array::from_vec(s.batch, logs)?));
    Ok(Value::named_tuple(&"SlogdetResult", &["sign", "logabsdet"], vec![sign, log]))
}

/// `np.linalg.slogdet`.
pub(super) fn np_slogdet(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl("slogdet"), args)?;
    let a = first_array(&mut b)?;
    need_square(&a)?;
    if is_complex(&a) {
        slogdet_t::<Complex64>(&a)
    } else {
        slogdet_t::<f64>(&a)
    }
}

/// The broadcast of two batch shapes, `None` when incompatible.
fn broadcast_batch(x: &[usize], y: &[usize]) -> Option<Vec<usize>> {
    let n = x.len().max(y.len());
    let mut out = vec![0; n];
    for i in 0..n {
        let dx = if i + x.len() >= n { x[i + x.len() - n] } else { 1 };
        let dy = if i + y.len() >= n { y[i + y.len() - n] } else { 1 };
        out[i] = if dx == dy || dy == 1 {
            dx
        } else if dx == 1 {
            dy
        } else {
            return None;
        };
    }
    Some(out)
}

/// The flat index into a batch of shape `inner` for the flat index `flat`
/// of the broadcast batch shape `outer`.
fn source_index(outer: &[usize], inner: &[usize], mut flat: usize) -> usize {
    let mut idx = 0;
    let mut stride = 1;
    let shift = outer.len() - inner.len();
    for i in (0..outer.len()).rev() {
        let d = outer[i].max(1);
        let k = flat % d;
        flat /= d;
        if i >= shift {
            let dim = inner[i - shift];
            if dim != 1 {
                idx += k * stride;
            }
            stride *= dim;
        }
    }
    idx
}

/// Solves every (broadcast) system; `vector` when `b` is 1-d.
fn solve_t<T: Kern>(a: &NdArray, b: &NdArray, vector: bool) -> EvalResult<NdArray> {
    // One small system (the common case): straight on the arrays' data.
    let (sa, sb) = (a.shape(), b.shape());
    if a.ndim() == 2 && b.ndim() <= 2 && small_square(a) && sb[0] == sa[0] {
        let n = sa[0];
        let cols = if vector { 1 } else { sb[1] };
        if cols > 0 {
            let mut x = T::with_data(b, |v| v.to_vec());
            T::with_data(a, |m| kern::small::solve(m, n, &mut x, cols)).map_err(lin)?;
            return Ok(T::wrap(Array::from_vec(sb.to_vec(), x)?));
        }
    }
    let sa = stack_of::<T>(a);
    let n = sa.rows;
    let sb = if vector {
        let bv = T::array_of(b).to_vec();
        Stack { batch: vec![], rows: bv.len(), cols: 1, mats: vec![DMatrix::from_column_slice(bv.len(), 1, &bv)] }
    } else {
        stack_of::<T>(b)
    };
    if vector && sb.rows != n {
        return Err(value_error(format!(
            "solve1: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (m,m),(m)->(m) (size {} is different from {})",
            sb.rows, n
        )));
    }
    if !vector && sb.rows != n {
        return Err(value_error(format!(
            "solve: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (m,m),(m,n)->(m,n) (size {} is different from {})",
            sb.rows, n
        )));
    }
    let batch = broadcast_batch(&sa.batch, &sb.batch).ok_or_else(|| {
        value_error(format!(
            "solve: operands could not be broadcast together: batch shapes {:?} and {:?}",
            sa.batch, sb.batch
        ))
    })?;
    let count: usize = batch.iter().product();
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let ma = &sa.mats[source_index(&batch, &sa.batch, i)];
        let mb = &sb.mats[source_index(&batch, &sb.batch, i)];
        out.push(kern::solve(ma, mb).map_err(lin)?);
    }
    if vector {
        assemble(&batch, &[n], out.iter().map(|m| m.as_slice().to_vec()).collect())
    } else {
        mats_array(&batch, n, sb.cols, &out)
    }
}

/// `np.linalg.solve`.
pub(super) fn np_solve(_: &mut Interp, args: Args) -> EvalResult {
    let mut bd = bind(decl("solve"), args)?;
    let (v0, v1) = (bd.required(0)?, bd.required(1)?);
    let (mut slot_a, mut slot_b) = (None, None);
    let a = array_ref(&v0, &mut slot_a)?;
    let b = array_ref(&v1, &mut slot_b)?;
    need_square(a)?;
    let vector = b.ndim() == 1;
    if b.ndim() == 0 {
        return Err(value_error(
            "solve: Input operand 1 does not have enough dimensions (has 0, gufunc core with signature (m,m),(m,n)->(m,n) requires 2)",
        ));
    }
    Ok(Value::array(if is_complex(a) || is_complex(b) {
        solve_t::<Complex64>(a, b, vector)?
    } else {
        solve_t::<f64>(a, b, vector)?
    }))
}

/// Pseudo-inverses of every matrix.
fn pinv_t<T: Kern>(a: &NdArray, rcond: Option<f64>) -> EvalResult<NdArray> {
    let s = stack_of::<T>(a);
    let out = each(&s, |m| kern::pinv(m, rcond))?;
    mats_array(&s.batch, s.cols, s.rows, &out)
}

/// `np.linalg.pinv`.
pub(super) fn np_pinv(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl("pinv"), args)?;
    let a = first_array(&mut b)?;
    need_2d(&a)?;
    let mut rcond = float_arg(b.get(1))?;
    if rcond.is_none() {
        match b.get_raw(3) {
            Some(Value::None) => {
                let s = a.shape();
                let big = s[s.len() - 1].max(s[s.len() - 2]);
                rcond = Some(big as f64 * f64::EPSILON);
            }
            Some(v) => rcond = float_arg(Some(v))?,
            None => {}
        }
    }
    Ok(Value::array(if is_complex(&a) { pinv_t::<Complex64>(&a, rcond)? } else { pinv_t::<f64>(&a, rcond)? }))
}

/// The 4-tuple of `lstsq` for a 2-d `a` and 1-d or 2-d `b`.
fn lstsq_t<T: Kern>(a: &NdArray, b: &NdArray, rcond: Option<f64>) -> EvalResult<Value> {
    let vector = b.ndim() == 1;
    let ma = stack_of::<T>(a).mats.into_iter().next().unwrap_or_else(|| DMatrix::zeros(0, 0));
    let mb = if vector {
        let v = T::array_of(b).to_vec();
        DMatrix::from_column_slice(v.len(), 1, &v)
    } else {
        stack_of::<T>(b).mats.into_iter().next().unwrap_or_else(|| DMatrix::zeros(0, 0))
    };
    let r = kern::lstsq(&ma, &mb, rcond).map_err(lin)?;
    let n = r.x.nrows();
    let x = if vector {
        T::wrap(Array::from_vec(vec![n], r.x.as_slice().to_vec())?)
    } else {
        T::wrap(Array::from_vec(vec![n, r.x.ncols()], row_major(&r.x))?)
    };
    let res = NdArray::Float(Array::from_slice(r.residuals.as_slice()));
    let sv = NdArray::Float(Array::from_slice(r.singular_values.as_slice()));
    Ok(Value::tuple(vec![Value::array(x), Value::array(res), Value::Int(r.rank as i64), Value::array(sv)]))
}

/// `np.linalg.lstsq`.
pub(super) fn np_lstsq(_: &mut Interp, args: Args) -> EvalResult {
    let mut bd = bind(decl("lstsq"), args)?;
    let a = first_array(&mut bd)?;
    let b = operand(&bd.required(1)?)?;
    let rcond = float_arg(bd.get(2))?;
    let b_nd = if b.ndim() == 1 { 2 } else { b.ndim() };
    for nd in [a.ndim(), b_nd] {
        if nd != 2 {
            return Err(linalg_error(format!("{nd}-dimensional array given. Array must be two-dimensional")));
        }
    }
    if is_complex(&a) || is_complex(&b) {
        lstsq_t::<Complex64>(&a, &b, rcond)
    } else {
        lstsq_t::<f64>(&a, &b, rcond)
    }
}

/// Float / complex powers of every matrix.
fn power_t<T: Kern>(a: &NdArray, n: i64) -> EvalResult<NdArray> {
    let s = stack_of::<T>(a);
    let out = each(&s, |m| kern::matrix_power(m, n))?;
    mats_array(&s.batch, s.rows, s.cols, &out)
}

/// Integer (or boolean) powers with NumPy's wrap-around, `n >= 0`.
fn power_int(a: &NdArray, n: u64) -> EvalResult<NdArray> {
    let boolean = a.dtype() == DType::Bool;
    let arr = a.to_int();
    let shape = arr.shape().to_vec();
    let nd = shape.len();
    let k = shape[nd - 1];
    let data = arr.to_vec();
    let count: usize = shape[..nd - 2].iter().product();
    let mut out = Vec::with_capacity(data.len());
    for i in 0..count {
        let m = DMatrix::from_row_slice(k, k, &data[i * k * k..(i + 1) * k * k]);
        let p = if boolean {
            let mul = |x: &DMatrix<i64>, y: &DMatrix<i64>| (x * y).map(|v| (v != 0) as i64);
            if n == 0 {
                DMatrix::identity(k, k)
            } else {
                kern::binary_power(m.clone(), n, mul).unwrap_or(m)
            }
        } else {
            kern::matrix_power_i64(&m, n).map_err(lin)?
        };
        out.extend(p.transpose().as_slice().iter().copied());
    }
    let r = Array::from_vec(shape, out)?;
    Ok(if boolean { NdArray::Bool(r.map(|v| v != 0)) } else { NdArray::Int(r) })
}

/// `np.linalg.matrix_power`.
pub(super) fn np_matrix_power(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl("matrix_power"), args)?;
    let a = first_array(&mut b)?;
    let nv = b.required(1)?;
    need_square(&a)?;
    let n = match &nv {
        Value::Int(_) | Value::Bool(_) => to_index(&nv, "")?,
        Value::Array(x) if x.ndim() == 0 && matches!(x.dtype(), DType::Int64 | DType::Bool) => to_index(&nv, "")?,
        _ => return Err(type_error("exponent must be an integer")),
    };
    Ok(Value::array(match a.dtype() {
        DType::Complex128 => power_t::<Complex64>(&a, n)?,
        DType::Float64 => power_t::<f64>(&a, n)?,
        _ if n < 0 => power_t::<f64>(&a, n)?,
        _ => power_int(&a, n as u64)?,
    }))
}
