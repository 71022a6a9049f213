//! Shapes and arrays together: reshaping, transposing, joining, splitting,
//! repeating, sorting, products (`dot matmul inner outer vdot cross`).

use super::args::bind;
use super::array_glue::{operand, result_value};
use super::convert::to_index;
use super::reductions::{axes_arg, axis_arg, flag};
use super::Builtin;
use crate::array::manip::{self, SplitSpec};
use crate::array::{product, sort, NdArray};
use crate::builtin;
use crate::eval::error::{type_error, EvalResult};
use crate::eval::function::Args;
use crate::eval::Interp;
use crate::value::Value;

/// NumPy's shape, joining, sorting and product functions.
pub static BUILTINS: &[Builtin] = &[
    builtin!("numpy", "reshape", Function, "(a, /, shape)", "The same data with a new shape (a view when possible); one dimension may be -1.\nRaises ValueError when the sizes differ or more than one dimension is -1.\n>>> np.reshape(np.arange(6), (2, 3))\narray([[0, 1, 2],\n       [3, 4, 5]])", np_reshape),
    builtin!("numpy", "transpose", Function, "(a, axes=None)", "Axes reversed or permuted (a view).\nRaises ValueError when axes is not a permutation of the array's axes.\n>>> np.transpose(np.array([[1, 2]]))\narray([[1],\n       [2]])", np_transpose),
    builtin!("numpy", "ravel", Function, "(a)", "The elements as a 1-d array (a view when contiguous).\nRaises TypeError for non-numeric input.\n>>> np.ravel(np.array([[1, 2], [3, 4]]))\narray([1, 2, 3, 4])", np_ravel),
    builtin!("numpy", "concatenate", Function, "(arrays, axis=0)", "Join arrays along an existing axis.\nRaises ValueError for no arrays, 0-d arrays or mismatched shapes; AxisError for a bad axis.\n>>> np.concatenate([np.array([1, 2]), np.array([3])])\narray([1, 2, 3])", np_concatenate),
    builtin!("numpy", "stack", Function, "(arrays, axis=0)", "Join same-shaped arrays along a new axis.\nRaises ValueError for no arrays or arrays of different shapes; AxisError for a bad axis.\n>>> np.stack([np.array([1, 2]), np.array([3, 4])])\narray([[1, 2],\n       [3, 4]])", np_stack),
    builtin!("numpy", "vstack", Function, "(tup)", "Stack arrays as rows.\nRaises ValueError when the arrays' shapes do not match.\n>>> np.vstack([np.array([1, 2]), np.array([3, 4])])\narray([[1, 2],\n       [3, 4]])", np_vstack),
    builtin!("numpy", "hstack", Function, "(tup)", "Stack arrays horizontally (along columns).\nRaises ValueError when the arrays' shapes do not match.\n>>> np.hstack([np.array([1, 2]), np.array([3])])\narray([1, 2, 3])", np_hstack),
    builtin!("numpy", "column_stack", Function, "(tup)", "Stack 1-d arrays as columns.\nRaises ValueError when the arrays' shapes do not match.\n>>> np.column_stack([np.array([1, 2]), np.array([3, 4])])\narray([[1, 3],\n       [2, 4]])", np_column_stack),
    builtin!("numpy", "split", Function, "(ary, indices_or_sections, axis=0)", "Split into equal sections or at indices.\nRaises ValueError when the sections do not divide the axis evenly; TypeError for a non-int indices_or_sections.\n>>> np.split(np.arange(4), 2)\n[array([0, 1]), array([2, 3])]", np_split),
    builtin!("numpy", "array_split", Function, "(ary, indices_or_sections, axis=0)", "Split into sections that may differ in size by one.\nRaises ValueError when the number of sections is not positive; TypeError for a non-int indices_or_sections.\n>>> np.array_split(np.arange(3), 2)\n[array([0, 1]), array([2])]", np_array_split),
    builtin!("numpy", "tile", Function, "(A, reps)", "Repeat the whole array `reps` times along each axis.\nRaises ValueError for a negative rep.\n>>> np.tile(np.array([1, 2]), 2)\narray([1, 2, 1, 2])", np_tile),
    builtin!("numpy", "repeat", Function, "(a, repeats, axis=None)", "Repeat each element.\nRaises ValueError for negative repeats or a repeats length that does not match; AxisError for a bad axis.\n>>> np.repeat(np.array([1, 2]), 2)\narray([1, 1, 2, 2])", np_repeat),
    builtin!("numpy", "flip", Function, "(m, axis=None)", "Reverse the order of elements along axes (a view).\nRaises AxisError for a bad axis.\n>>> np.flip(np.array([1, 2, 3]))\narray([3, 2, 1])", np_flip),
    builtin!("numpy", "diag", Function, "(v, k=0)", "The k-th diagonal of a 2-d array, or a 2-d array with v on its diagonal.\nRaises ValueError when v is not 1-D or 2-D.\n>>> np.diag(np.array([1, 2]))\narray([[1, 0],\n       [0, 2]])", np_diag),
    builtin!("numpy", "diagonal", Function, "(a, offset=0, axis1=0, axis2=1)", "The diagonal of a 2-d array.\nRaises ValueError for fewer than 2 dimensions or axis1 == axis2; AxisError for a bad axis.\n>>> np.diagonal(np.array([[1, 2], [3, 4]]))\narray([1, 4])", np_diagonal),
    builtin!("numpy", "squeeze", Function, "(a, axis=None)", "Remove axes of length one.\nRaises ValueError when a selected axis does not have length one; AxisError for a bad axis.\n>>> np.squeeze(np.array([[1], [2]]))\narray([1, 2])", np_squeeze),
    builtin!("numpy", "expand_dims", Function, "(a, axis)", "Insert an axis of length one.\nRaises AxisError for a bad axis; ValueError for a repeated one.\n>>> np.expand_dims(np.array([1, 2]), 0)\narray([[1, 2]])", np_expand_dims),
    builtin!("numpy", "sort", Function, "(a, axis=-1, kind=None)", "A sorted copy (stable; NaN last).\nRaises AxisError for a bad axis.\n>>> np.sort(np.array([3, 1, 2]))\narray([1, 2, 3])", np_sort),
    builtin!("numpy", "argsort", Function, "(a, axis=-1, kind=None)", "Indices that sort the array (stable).\nRaises AxisError for a bad axis.\n>>> np.argsort(np.array([3, 1, 2]))\narray([1, 2, 0])", np_argsort),
    builtin!("numpy", "unique", Function, "(ar, return_index=False, return_inverse=False, return_counts=False)", "The sorted unique elements (with counts etc. on request).\nRaises TypeError for non-numeric input.\n>>> np.unique(np.array([3, 1, 3]))\narray([1, 3])", np_unique),
    builtin!("numpy", "nonzero", Function, "(a)", "A tuple of index arrays of the non-zero elements, one per axis.\nRaises ValueError for a 0-d array.\n>>> np.nonzero(np.array([0, 5, 7]))\n(array([1, 2]),)", np_nonzero),
    builtin!("numpy", "dot", Function, "(a, b)", "Dot product: inner product of vectors, matrix product of 2-d arrays.\nRaises ValueError when the shapes are not aligned.\n>>> np.dot(np.array([1, 2]), np.array([3, 4]))\n11", np_dot),
    builtin!("numpy", "matmul", Function, "(x1, x2)", "Matrix product (the @ operator), broadcasting stacks of matrices.\nRaises ValueError when the inner dimensions do not match or an operand is 0-d.\n>>> np.matmul(np.eye(2), np.array([1.0, 2.0]))\narray([1., 2.])", np_matmul),
    builtin!("numpy", "inner", Function, "(a, b, /)", "Inner product over the last axes.\nRaises ValueError when the last dimensions do not match.\n>>> np.inner(np.array([1, 2]), np.array([3, 4]))\n11", np_inner),
    builtin!("numpy", "outer", Function, "(a, b)", "Outer product of two vectors.\nRaises TypeError for non-numeric input.\n>>> np.outer(np.array([1, 2]), np.array([1, 10]))\narray([[ 1, 10],\n       [ 2, 20]])", np_outer),
    builtin!("numpy", "vdot", Function, "(a, b, /)", "Dot product of flattened arrays, conjugating the first.\nRaises ValueError when the sizes differ.\n>>> np.vdot(np.array([1j]), np.array([1j]))\n(1+0j)", np_vdot),
    builtin!("numpy", "cross", Function, "(a, b)", "Cross product of 3-vectors (or 2-vectors).\nRaises ValueError when the vectors are not of length 2 or 3.\n>>> np.cross(np.array([1, 0, 0]), np.array([0, 1, 0]))\narray([0, 0, 1])", np_cross),
    builtin!("numpy", "triu", Function, "(m, k=0)", "Upper triangle (zeros below the k-th diagonal).\nRaises TypeError for a 0-d array.\n>>> np.triu(np.ones((2, 2)))\narray([[1., 1.],\n       [0., 1.]])", np_triu),
    builtin!("numpy", "tril", Function, "(m, k=0)", "Lower triangle (zeros above the k-th diagonal).\nRaises TypeError for a 0-d array.\n>>> np.tril(np.ones((2, 2)))\narray([[1., 0.],\n       [1., 1.]])", np_tril),
    builtin!("numpy", "swapaxes", Function, "(a, axis1, axis2)", "Two axes interchanged (a view).\nRaises AxisError for a bad axis.\n>>> np.swapaxes(np.array([[1, 2]]), 0, 1).shape\n(2, 1)", np_swapaxes),
    builtin!("numpy", "roll", Function, "(a, shift, axis=None)", "Elements shifted cyclically.\nRaises ValueError when shift and axis do not match; AxisError for a bad axis.\n>>> np.roll(np.array([1, 2, 3]), 1)\narray([3, 1, 2])", np_roll),
    builtin!("numpy", "atleast_2d", Function, "(a)", "The input with at least two dimensions.\nRaises TypeError for non-numeric input.\n>>> np.atleast_2d(np.array([1, 2]))\narray([[1, 2]])", np_atleast_2d),
    builtin!("numpy", "argwhere", Function, "(a)", "Indices of non-zero elements, one row each.\nRaises TypeError for non-numeric input.\n>>> np.argwhere(np.array([0, 3, 0, 4]))\narray([[1],\n       [3]])", np_argwhere),
    builtin!("numpy", "searchsorted", Function, "(a, v, side='left')", "Where to insert v into the sorted a to keep it sorted.\nRaises ValueError when a is not 1-D.\n>>> np.searchsorted(np.array([1, 3, 5]), 4)\n2", np_searchsorted),
    builtin!("numpy", "shape", Function, "(a)", "The shape of an array (or array-like).\nRaises ValueError for a ragged nested list.\n>>> np.shape([[1, 2, 3]])\n(1, 3)", np_shape),
    builtin!("numpy", "ndim", Function, "(a)", "The number of dimensions.\nRaises ValueError for a ragged nested list.\n>>> np.ndim([[1, 2]])\n2", np_ndim),
    builtin!("numpy", "size", Function, "(a)", "The number of elements.\nRaises ValueError for a ragged nested list.\n>>> np.size([[1, 2], [3, 4]])\n4", np_size),
    builtin!("numpy", "moveaxis", Function, "(a, source, destination)", "Move axes to new positions (a view).\nRaises AxisError for a bad axis; ValueError for repeated axes or lengths that differ.\n>>> np.moveaxis(np.zeros((2, 3, 4)), 0, -1).shape\n(3, 4, 2)", np_moveaxis),
];

/// A shape given as separate ints or as one tuple/list (`reshape(2, 3)` or `reshape((2, 3))`).
pub fn dims_arg(values: &[Value]) -> EvalResult<Vec<isize>> {
    let list: Vec<Value> = match values {
        [Value::Tuple(t)] => t.as_ref().clone(),
        [Value::List(l)] => l.borrow().clone(),
        other => other.to_vec(),
    };
    list.iter().map(|v| to_index(v, "").map(|x| x as isize)).collect()
}

/// A list of arrays from a sequence argument.
pub fn array_list(interp: &mut Interp, v: &Value) -> EvalResult<Vec<NdArray>> {
    if let Value::Array(a) = v {
        let n = a.shape().first().copied().unwrap_or(0);
        let mut out = Vec::with_capacity(n);
        for i in 0..n {
            out.push(crate::array::index::get_index(a, &[crate::array::index::IndexItem::Int(i as i64)])?);
        }
        return Ok(out);
    }
    let items = interp.collect(v)?;
    items.iter().map(operand).collect()
}

pub(crate) fn np_reshape(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[0], args)?;
    let a = operand(&b.required(0)?)?;
    let dims = dims_arg(&[b.required(1)?])?;
    Ok(Value::array(manip::reshape(&a, &dims)?))
}
pub(crate) fn np_transpose(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[1], args)?;
    let a = operand(&b.required(0)?)?;
    let axes = axes_arg(b.get(1))?;
    Ok(Value::array(manip::transpose(&a, axes.as_deref())?))
}
pub(crate) fn np_ravel(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[2], args)?;
    let a = operand(&b.required(0)?)?;
    Ok(Value::array(manip::ravel(&a)))
}
pub(crate) fn np_concatenate(interp: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[3], args)?;
    let arrays = array_list(interp, &b.required(0)?)?;
    let axis = match b.get_raw(1) {
        Some(Value::None) => None,
        Some(v) => Some(to_index(v, "")? as isize),
        None => Some(0),
    };
    Ok(Value::array(manip::concatenate(&arrays, axis)?))
}
pub(crate) fn np_stack(interp: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[4], args)?;
    let arrays = array_list(interp, &b.required(0)?)?;
    let axis = axis_arg(b.get(1))?.unwrap_or(0);
    Ok(Value::array(manip::stack(&arrays, axis)?))
}
fn joiner(
    interp: &mut Interp,
    decl: &'static Builtin,
    args: Args,
    f: fn(&[NdArray]) -> crate::array::ArrayResult<NdArray>,
) -> EvalResult {
    let mut b = bind(decl, args)?;
    let arrays = array_list(interp, &b.required(0)?)?;
    Ok(Value::array(f(&arrays)?))
}
pub(crate) fn np_vstack(interp: &mut Interp, args: Args) -> EvalResult {
    joiner(interp, &BUILTINS[5], args, manip::vstack)
}
pub(crate) fn np_hstack(interp: &mut Interp, args: Args) -> EvalResult {
    joiner(interp, &BUILTINS[6], args, manip::hstack)
}
pub(crate) fn np_column_stack(interp: &mut Interp, args: Args) -> EvalResult {
    joiner(interp, &BUILTINS[7], args, manip::column_stack)
}
fn split_spec(v: &Value) -> EvalResult<SplitSpec> {
    match v {
        Value::Int(n) => Ok(SplitSpec::Sections(*n)),
        Value::List(_) | Value::Tuple(_) | Value::Array(_) => {
            let idx = super::convert::to_ndarray(v, Some(crate::array::DType::Int64))?;
            Ok(SplitSpec::Indices(idx.to_scalars().into_iter().map(|s| s.to_i64().unwrap_or(0) as isize).collect()))
        }
        other => {
            Err(type_error(format!("indices_or_sections must be an int or a list of ints, not {}", other.type_name())))
        }
    }
}
fn splitter(decl: &'static Builtin, args: Args, even: bool) -> EvalResult {
    let mut b = bind(decl, args)?;
    let a = operand(&b.required(0)?)?;
    let spec = split_spec(&b.required(1)?)?;
    let axis = axis_arg(b.get(2))?.unwrap_or(0);
    let parts = if even { manip::split(&a, &spec, axis)? } else { manip::array_split(&a, &spec, axis)? };
    Ok(Value::list(parts.into_iter().map(Value::array).collect()))
}
pub(crate) fn np_split(_: &mut Interp, args: Args) -> EvalResult {
    splitter(&BUILTINS[8], args, true)
}
pub(crate) fn np_array_split(_: &mut Interp, args: Args) -> EvalResult {
    splitter(&BUILTINS[9], args, false)
}
fn int_list(v: &Value) -> EvalResult<Vec<i64>> {
    match v {
        Value::Int(i) => Ok(vec![*i]),
        other => Ok(super::convert::to_ndarray(other, Some(crate::array::DType::Int64))?
            .to_scalars()
            .into_iter()
            .map(|s| s.to_i64().unwrap_or(0))
            .collect()),
    }
}
pub(crate) fn np_tile(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[10], args)?;
    let a = operand(&b.required(0)?)?;
    let reps = int_list(&b.required(1)?)?;
    Ok(Value::array(manip::tile(&a, &reps)?))
}
pub(crate) fn np_repeat(_: &mut Interp, args: Args) -> EvalResult {
    repeat(&BUILTINS[11], args)
}
/// `np.repeat` with the arguments bound to `decl`.
pub(crate) fn repeat(decl: &'static Builtin, args: Args) -> EvalResult {
    let mut b = bind(decl, args)?;
    let a = operand(&b.required(0)?)?;
    let reps = int_list(&b.required(1)?)?;
    let axis = axis_arg(b.get(2))?;
    Ok(Value::array(manip::repeat(&a, &reps, axis)?))
}
pub(crate) fn np_flip(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[12], args)?;
    let a = operand(&b.required(0)?)?;
    let axes = axes_arg(b.get(1))?;
    let flipped = manip::flip(&a, axes.as_deref())?;
    // NumPy indexes with one `::-1` per axis, so a 0-d array comes back as `a[()]`, a scalar
    Ok(if flipped.ndim() == 0 { result_value(flipped) } else { Value::array(flipped) })
}
pub(crate) fn np_diag(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[13], args)?;
    let a = operand(&b.required(0)?)?;
    let k = b.get(1).map(|v| to_index(v, "")).transpose()?.unwrap_or(0);
    Ok(Value::array(manip::diag(&a, k as isize)?))
}
pub(crate) fn np_diagonal(_: &mut Interp, args: Args) -> EvalResult {
    diagonal(&BUILTINS[14], args)
}
/// `np.diagonal` with the arguments bound to `decl`.
pub(crate) fn diagonal(decl: &'static Builtin, args: Args) -> EvalResult {
    let mut b = bind(decl, args)?;
    let a = operand(&b.required(0)?)?;
    let off = b.get(1).map(|v| to_index(v, "")).transpose()?.unwrap_or(0);
    let a1 = b.get(2).map(|v| to_index(v, "")).transpose()?.unwrap_or(0);
    let a2 = b.get(3).map(|v| to_index(v, "")).transpose()?.unwrap_or(1);
    Ok(Value::array(manip::diagonal(&a, off as isize, a1 as isize, a2 as isize)?))
}
pub(crate) fn np_squeeze(_: &mut Interp, args: Args) -> EvalResult {
    squeeze(&BUILTINS[15], args)
}
/// `np.squeeze` with the arguments bound to `decl`.
pub(crate) fn squeeze(decl: &'static Builtin, args: Args) -> EvalResult {
    let mut b = bind(decl, args)?;
    let a = operand(&b.required(0)?)?;
    let axes = axes_arg(b.get(1))?;
    Ok(Value::array(manip::squeeze(&a, axes.as_deref())?))
}
pub(crate) fn np_expand_dims(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[16], args)?;
    let a = operand(&b.required(0)?)?;
    let axes = axes_arg(b.get(1))?.unwrap_or_default();
    Ok(Value::array(manip::expand_dims(&a, &axes)?))
}
fn sort_axis(b: &super::args::Bound) -> EvalResult<Option<isize>> {
    match b.get_raw(1) {
        Some(Value::None) => Ok(None),
        Some(v) => Ok(Some(to_index(v, "")? as isize)),
        None => Ok(Some(-1)),
    }
}
pub(crate) fn np_sort(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[17], args)?;
    let a = operand(&b.required(0)?)?;
    Ok(Value::array(sort::sort(&a, sort_axis(&b)?)?))
}
pub(crate) fn np_argsort(_: &mut Interp, args: Args) -> EvalResult {
    argsort(&BUILTINS[18], args)
}
/// `np.argsort` with the arguments bound to `decl`.
pub(crate) fn argsort(decl: &'static Builtin, args: Args) -> EvalResult {
    let mut b = bind(decl, args)?;
    let a = operand(&b.required(0)?)?;
    Ok(Value::array(sort::argsort(&a, sort_axis(&b)?)?))
}
pub(crate) fn np_unique(interp: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[19], args)?;
    let a = operand(&b.required(0)?)?;
    let ri = flag(interp, &b, 1)?;
    let rv = flag(interp, &b, 2)?;
    let rc = flag(interp, &b, 3)?;
    let u = sort::unique(&a, ri, rv, rc)?;
    if !(ri || rv || rc) {
        return Ok(Value::array(u.values));
    }
    let mut out = vec![Value::array(u.values)];
    for x in [u.index, u.inverse, u.counts].into_iter().flatten() {
        out.push(Value::array(x));
    }
    Ok(Value::tuple(out))
}
pub(crate) fn np_nonzero(_: &mut Interp, args: Args) -> EvalResult {
    nonzero(&BUILTINS[20], args)
}
/// `np.nonzero` with the arguments bound to `decl`.
pub(crate) fn nonzero(decl: &'static Builtin, args: Args) -> EvalResult {
    let mut b = bind(decl, args)?;
    let a = operand(&b.required(0)?)?;
    let parts = sort::nonzero(&a)?;
    Ok(Value::tuple(parts.into_iter().map(|p| Value::array(NdArray::Int(p))).collect()))
}
/// A product of two arrays with the arguments bound to `decl`.
pub(crate) fn product2(
    decl: &'static Builtin,
    args: Args,
    f: fn(&NdArray, &NdArray) -> crate::array::ArrayResult<NdArray>,
) -> EvalResult {
    let mut b = bind(decl, args)?;
    let x = operand(&b.required(0)?)?;
    let y = operand(&b.required(1)?)?;
    Ok(result_value(f(&x, &y)?))
}
pub(crate) fn np_dot(_: &mut Interp, args: Args) -> EvalResult {
    product2(&BUILTINS[21], args, product::dot)
}
pub(crate) fn np_matmul(_: &mut Interp, args: Args) -> EvalResult {
    product2(&BUILTINS[22], args, product::matmul)
}
pub(crate) fn np_inner(_: &mut Interp, args: Args) -> EvalResult {
    product2(&BUILTINS[23], args, product::inner)
}
pub(crate) fn np_outer(_: &mut Interp, args: Args) -> EvalResult {
    product2(&BUILTINS[24], args, product::outer)
}
pub(crate) fn np_vdot(_: &mut Interp, args: Args) -> EvalResult {
    product2(&BUILTINS[25], args, product::vdot)
}
pub(crate) fn np_cross(_: &mut Interp, args: Args) -> EvalResult {
    product2(&BUILTINS[26], args, product::cross)
}
fn triangle(decl: &'static Builtin, args: Args, upper: bool) -> EvalResult {
    let mut b = bind(decl, args)?;
    let a = operand(&b.required(0)?)?;
    let k = b.get(1).map(|v| to_index(v, "")).transpose()?.unwrap_or(0) as isize;
    Ok(Value::array(if upper { manip::triu(&a, k)? } else { manip::tril(&a, k)? }))
}
pub(crate) fn np_triu(_: &mut Interp, args: Args) -> EvalResult {
    triangle(&BUILTINS[27], args, true)
}
pub(crate) fn np_tril(_: &mut Interp, args: Args) -> EvalResult {
    triangle(&BUILTINS[28], args, false)
}
pub(crate) fn np_swapaxes(_: &mut Interp, args: Args) -> EvalResult {
    swapaxes(&BUILTINS[29], args)
}
/// `np.swapaxes` with the arguments bound to `decl`.
pub(crate) fn swapaxes(decl: &'static Builtin, args: Args) -> EvalResult {
    let mut b = bind(decl, args)?;
    let a = operand(&b.required(0)?)?;
    let x = to_index(&b.required(1)?, "")? as isize;
    let y = to_index(&b.required(2)?, "")? as isize;
    Ok(Value::array(manip::swapaxes(&a, x, y)?))
}
pub(crate) fn np_roll(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[30], args)?;
    let a = operand(&b.required(0)?)?;
    let shift: Vec<isize> = int_list(&b.required(1)?)?.into_iter().map(|x| x as isize).collect();
    let axes = axes_arg(b.get(2))?;
    Ok(Value::array(manip::roll(&a, &shift, axes.as_deref())?))
}
pub(crate) fn np_atleast_2d(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[31], args)?;
    let a = operand(&b.required(0)?)?;
    Ok(Value::array(manip::atleast_2d(&a)))
}
pub(crate) fn np_argwhere(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[32], args)?;
    let a = operand(&b.required(0)?)?;
    Ok(Value::array(sort::argwhere(&a)?))
}
pub(crate) fn np_searchsorted(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[33], args)?;
    let a = operand(&b.required(0)?)?;
    let v = operand(&b.required(1)?)?;
    let right = matches!(b.get(2), Some(Value::Str(s)) if s.as_ref() == "right");
    Ok(result_value(sort::searchsorted(&a, &v, right)?))
}
fn shape_tuple(shape: &[usize]) -> Value {
    Value::tuple(shape.iter().map(|&d| Value::Int(d as i64)).collect())
}
pub(crate) fn np_shape(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[34], args)?;
    let a = operand(&b.required(0)?)?;
    Ok(shape_tuple(a.shape()))
}
pub(crate) fn np_ndim(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[35], args)?;
    let a = operand(&b.required(0)?)?;
    Ok(Value::Int(a.ndim() as i64))
}
pub(crate) fn np_size(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[36], args)?;
    let a = operand(&b.required(0)?)?;
    Ok(Value::Int(a.size() as i64))
}
pub(crate) fn np_moveaxis(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&BUILTINS[37], args)?;
    let a = operand(&b.required(0)?)?;
    let src = axes_arg(b.get(1))?.unwrap_or_default();
    let dst = axes_arg(b.get(2))?.unwrap_or_default();
    Ok(Value::array(manip::moveaxis(&a, &src, &dst)?))
}

/// A shape as a Python tuple.
pub fn shape_value(shape: &[usize]) -> Value {
    shape_tuple(shape)
}
