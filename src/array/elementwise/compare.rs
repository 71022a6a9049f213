//! Comparisons (`== != < <= > >=`), giving bool arrays. Complex numbers
//! order lexicographically, as in NumPy.

use super::cmath;
use super::parallel_kernels::par_zip_map as zip_map;
use super::{unsupported_types, BinaryOp};
use crate::array::dtype::Element;
use crate::array::error::ArrayResult;
use crate::array::storage::{Array, IntoNdArray, NdArray};

/// Compares two operands already cast to one dtype.
pub(super) fn compare(op: BinaryOp, a: &NdArray, b: &NdArray) -> ArrayResult<NdArray> {
    let r = match (a, b) {
        (NdArray::Bool(x), NdArray::Bool(y)) => ordered(op, x, y)?,
        (NdArray::Int(x), NdArray::Int(y)) => ordered(op, x, y)?,
        (NdArray::Float(x), NdArray::Float(y)) => ordered(op, x, y)?,
        (NdArray::Complex(x), NdArray::Complex(y)) => {
            use BinaryOp::*;
            match op {
                Eq => zip_map(x, y, |p, q| p == q)?,
                Ne => zip_map(x, y, |p, q| p != q)?,
                Lt => zip_map(x, y, cmath::lt)?,
                Le => zip_map(x, y, cmath::le)?,
                Gt => zip_map(x, y, |p, q| cmath::lt(q, p))?,
                Ge => zip_map(x, y, |p, q| cmath::le(q, p))?,
                _ => return Err(unsupported_types(op.ufunc_name())),
            }
        }
        _ => return Err(unsupported_types(op.ufunc_name())),
    };
    Ok(r.into_nd())
}

/// A comparison of two arrays of an ordered element type.
fn ordered<T: Element + PartialOrd>(op: BinaryOp, a: &Array<T>, b: &Array<T>) -> ArrayResult<Array<bool>> {
    use BinaryOp::*;
    match op {
        Eq => zip_map(a, b, |x, y| x == y),
        Ne => zip_map(a, b, |x, y| x != y),
        Lt => zip_map(a, b, |x, y| x < y),
        Le => zip_map(a, b, |x, y| x <= y),
        Gt => zip_map(a, b, |x, y| x > y),
        Ge => zip_map(a, b, |x, y| x >= y),
        _ => Err(unsupported_types(op.ufunc_name())),
    }
}
