//! Products and views of matrices: `multi_dot`, `matmul`, `outer`, `cross`,
//! `matrix_transpose`, `diagonal` and `trace`.

use super::decl;
use super::stacked::{first_array, is_complex, lin, linalg_error, mats_array, stack_of, Kern};
use crate::array::{product, DType, NdArray};
use crate::builtins::args::{bind, Bound};
use crate::builtins::array_glue::{operand, result_value};
use crate::builtins::convert::to_index;
use crate::eval::error::{value_error, EvalResult};
use crate::eval::function::Args;
use crate::eval::Interp;
use crate::linalg::{self as kern};
use crate::value::Value;
use nalgebra::DMatrix;
use num_complex::Complex64;

/// The chain product of 2-d arrays in the cheapest order.
fn multi_dot_t<T: Kern>(arrays: &[NdArray]) -> EvalResult<NdArray> {
    let mats: Vec<DMatrix<T>> = arrays
        .iter()
        .map(|x| stack_of::<T>(x).mats.into_iter().next().unwrap_or_else(|| DMatrix::zeros(0, 0)))
        .collect();
    let r = kern::multi_dot(&mats).map_err(lin)?;
    mats_array(&[], r.nrows(), r.ncols(), &[r])
}

/// `np.linalg.multi_dot`.
pub(super) fn np_multi_dot(interp: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl("multi_dot"), args)?;
    let mut arrays = crate::builtins::shape::array_list(interp, &b.required(0)?)?;
    let count = arrays.len();
    if count < 2 {
        return Err(value_error("Expecting at least two arrays."));
    }
    if count == 2 {
        // NumPy hands two arrays straight to `dot`.
        return Ok(result_value(product::dot(&arrays[0], &arrays[1])?));
    }
    let first_1d = arrays[0].ndim() == 1;
    let last_1d = arrays[count - 1].ndim() == 1;
    if first_1d {
        let n = arrays[0].size() as isize;
        arrays[0] = crate::array::manip::reshape(&arrays[0], &[1, n])?;
    }
    if last_1d {
        let n = arrays[count - 1].size() as isize;
        arrays[count - 1] = crate::array::manip::reshape(&arrays[count - 1], &[n, 1])?;
    }
    for x in &arrays {
        if x.ndim() != 2 {
            return Err(linalg_error(format!("{}-dimensional array given. Array must be two-dimensional", x.ndim())));
        }
    }
    let result = if arrays.iter().any(is_complex) {
        multi_dot_t::<Complex64>(&arrays)?
    } else if arrays.iter().any(|x| x.dtype() == DType::Float64) {
        multi_dot_t::<f64>(&arrays)?
    } else {
        // Integer and boolean products are associative: any order gives NumPy's result.
        let mut acc = arrays[0].clone();
        for x in &arrays[1..] {
            acc = product::dot(&acc, x)?;
        }
        acc
    };
    let result = if first_1d || last_1d { crate::array::manip::ravel(&result) } else { result };
    if first_1d && last_1d {
        return Ok(result_value(crate::array::manip::reshape(&result, &[])?));
    }
    Ok(Value::array(result))
}

/// The two operands of a binary array function.
fn two_arrays(name: &str, args: Args) -> EvalResult<(NdArray, NdArray)> {
    let mut b = bind(decl(name), args)?;
    let x = first_array(&mut b)?;
    let y = operand(&b.required(1)?)?;
    Ok((x, y))
}

/// `np.linalg.matmul`.
pub(super) fn np_linalg_matmul(_: &mut Interp, args: Args) -> EvalResult {
    let (x, y) = two_arrays("matmul", args)?;
    Ok(result_value(product::matmul(&x, &y)?))
}

/// `np.linalg.outer`.
pub(super) fn np_linalg_outer(_: &mut Interp, args: Args) -> EvalResult {
    let (x, y) = two_arrays("outer", args)?;
    if x.ndim() != 1 || y.ndim() != 1 {
        return Err(value_error(format!(
            "Input arrays must be one-dimensional, but they are x1.ndim={} and x2.ndim={}.",
            x.ndim(),
            y.ndim()
        )));
    }
    Ok(Value::array(product::outer(&x, &y)?))
}

/// `np.linalg.cross`.
pub(super) fn np_linalg_cross(_: &mut Interp, args: Args) -> EvalResult {
    let (x, y) = two_arrays("cross", args)?;
    let last = |a: &NdArray| a.shape().last().copied().unwrap_or(0);
    if last(&x) != 3 || last(&y) != 3 {
        return Err(value_error(format!(
            "Both input arrays must be (arrays of) 3-dimensional vectors, but they are {} and {} dimensional instead.",
            last(&x),
            last(&y)
        )));
    }
    Ok(result_value(product::cross(&x, &y)?))
}

/// `np.linalg.matrix_transpose`.
pub(super) fn np_matrix_transpose(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl("matrix_transpose"), args)?;
    let x = first_array(&mut b)?;
    if x.ndim() < 2 {
        return Err(value_error(format!("Input array must be at least 2-dimensional, but it is {}", x.ndim())));
    }
    Ok(Value::array(crate::array::manip::swapaxes(&x, -1, -2)?))
}

/// The `offset=` argument of `diagonal` and `trace`.
fn offset_arg(b: &Bound) -> EvalResult<isize> {
    Ok(b.get(1).map(|v| to_index(v, "")).transpose()?.unwrap_or(0) as isize)
}

/// `np.linalg.diagonal`.
pub(super) fn np_linalg_diagonal(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl("diagonal"), args)?;
    let x = first_array(&mut b)?;
    let offset = offset_arg(&b)?;
    Ok(Value::array(crate::array::manip::diagonal(&x, offset, -2, -1)?))
}

/// `np.linalg.trace`.
pub(super) fn np_linalg_trace(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl("trace"), args)?;
    let x = first_array(&mut b)?;
    let offset = offset_arg(&b)?;
    let d = crate::array::manip::diagonal(&x, offset, -2, -1)?;
    Ok(result_value(crate::array::reduce::sum(&d, Some(&[-1]), false)?))
}
