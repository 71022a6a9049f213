//! Shape manipulation: reshaping, transposing, joining, splitting,
//! repeating, flipping, diagonals and triangles.
//!
//! Operations that NumPy answers with a view (reshape of contiguous data,
//! transpose, ravel of contiguous data, squeeze, expand_dims, flip, split,
//! diagonal, atleast_*d) return views sharing the buffer; the others return
//! fresh C-contiguous arrays.

pub mod axes;
pub(crate) mod copy;
mod join;

pub use axes::{normalize_axes, normalize_axis};
pub use join::{
    array_split, atleast_1d, atleast_2d, atleast_3d, column_stack, concatenate, dstack, hstack, repeat, split, stack,
    tile, vstack, SplitSpec,
};

use super::dims::Dims;
use super::dtype::Element;
use super::error::{ArrayError, ArrayResult};
use super::storage::{c_strides, check_allocation, Array, IntoNdArray, NdArray};

/// NumPy's way of writing a requested shape in a reshape error: leading
/// unknown (-1) dimensions are skipped, later ones read `newaxis`.
fn requested_shape_repr(dims: &[isize]) -> String {
    let mut i = 0;
    while i < dims.len() && dims[i] < 0 {
        i += 1;
    }
    if i == dims.len() {
        return "()".to_string();
    }
    let mut s = format!("({}", dims[i]);
    i += 1;
    for &d in &dims[i..] {
        if d < 0 {
            s.push_str(",newaxis");
        } else {
            s.push_str(&format!(",{d}"));
        }
    }
    if dims.len() == 1 {
        s.push_str(",)");
    } else {
        s.push(')');
    }
    s
}

/// The concrete shape a reshape to `dims` (with at most one unknown, any
/// negative value) asks for, or NumPy's `ValueError`.
pub fn resolve_shape(size: usize, dims: &[isize]) -> ArrayResult<Vec<usize>> {
    let mismatch =
        || ArrayError::value(format!("cannot reshape array of size {size} into shape {}", requested_shape_repr(dims)));
    let mut unknown = None;
    let mut known: usize = 1;
    let mut overflow = false;
    for (i, &d) in dims.iter().enumerate() {
        if d < 0 {
            if unknown.is_some() {
                return Err(ArrayError::value("can only specify one unknown dimension"));
            }
            unknown = Some(i);
        } else {
            match known.checked_mul(d as usize) {
                Some(k) => known = k,
                None => overflow = true,
            }
        }
    }
    if overflow {
        return Err(ArrayError::value(
            "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.",
        ));
    }
    let mut shape: Vec<usize> = dims.iter().map(|&d| d.max(0) as usize).collect();
    match unknown {
        Some(i) => {
            if known == 0 || !size.is_multiple_of(known) {
                return Err(mismatch());
            }
            shape[i] = size / known;
        }
        None => {
            if known != size {
                return Err(mismatch());
            }
        }
    }
    Ok(shape)
}

/// Strides giving `new_shape` over the same elements without a copy
/// (NumPy's `_attempt_nocopy_reshape`), when possible.
fn nocopy_strides(shape: &[usize], strides: &[isize], new_shape: &[usize]) -> Option<Dims<isize>> {
    let size: usize = shape.iter().product();
    if size == 0 {
        return Some(c_strides(new_shape));
    }
    let (od, os): (Dims<usize>, Dims<isize>) =
        shape.iter().zip(strides).filter(|(&n, _)| n != 1).map(|(&n, &s)| (n, s)).unzip();
    let nd = new_shape;
    let mut ns = Dims::from_elem(0isize, nd.len());
    let (mut oi, mut oj, mut ni, mut nj) = (0usize, 1usize, 0usize, 1usize);
    while ni < nd.len() && oi < od.len() {
        let mut np = nd[ni];
        let mut op = od[oi];
        while np != op {
            if np < op {
                if nj >= nd.len() {
                    return None;
                }
                np *= nd[nj];
                nj += 1;
            } else {
                if oj >= od.len() {
                    return None;
                }
                op *= od[oj];
                oj += 1;
            }
        }
        for ok in oi..oj - 1 {
            if os[ok] != od[ok + 1] as isize * os[ok + 1] {
                return None;
            }
        }
        ns[nj - 1] = os[oj - 1];
        let mut nk = nj - 1;
        while nk > ni {
            ns[nk - 1] = ns[nk] * nd[nk] as isize;
            nk -= 1;
        }
        ni = nj;
        nj += 1;
        oi = oj;
        oj += 1;
    }
    let last = if ni >= 1 { ns[ni - 1] } else { 1 };
    for s in ns.iter_mut().skip(ni) {
        *s = last;
    }
    Some(ns)
}

fn reshape_typed<T: Element>(a: &Array<T>, shape: Vec<usize>) -> Array<T> {
    match nocopy_strides(a.shape(), a.strides(), &shape) {
        Some(strides) => a.view(shape, strides, a.offset()),
        None => {
            let c = a.copy();
            let strides = c_strides(&shape);
            c.view(shape, strides, 0)
        }
    }
}

/// `a.reshape(dims)`: one dimension may be -1 (inferred). A view whenever
/// NumPy gives one (always for contiguous data), else a copy. Errors as
/// NumPy: "cannot reshape array of size 6 into shape (4,)", "can only
/// specify one unknown dimension".
pub fn reshape(a: &NdArray, dims: &[isize]) -> ArrayResult<NdArray> {
    let shape = resolve_shape(a.size(), dims)?;
    Ok(with_array!(a, x => reshape_typed(x, shape).into_nd()))
}

/// `a.transpose(axes)`: a view with permuted axes (reversed when `None`).
pub fn transpose(a: &NdArray, axes: Option<&[isize]>) -> ArrayResult<NdArray> {
    let nd = a.ndim();
    let perm: Vec<usize> = match axes {
        None => (0..nd).rev().collect(),
        Some(ax) => {
            if ax.len() != nd {
                return Err(ArrayError::value("axes don't match array"));
            }
            let mut p = Vec::with_capacity(nd);
            for &k in ax {
                let k = normalize_axis(k, nd)?;
                if p.contains(&k) {
                    return Err(ArrayError::value("repeated axis in transpose"));
                }
                p.push(k);
            }
            p
        }
    };
    Ok(permute(a, &perm))
}

/// A view with axes in the order `perm` (a permutation, unchecked).
pub(crate) fn permute(a: &NdArray, perm: &[usize]) -> NdArray {
    with_array!(a, x => {
        let shape: Dims<usize> = perm.iter().map(|&p| x.shape()[p]).collect();
        let strides: Dims<isize> = perm.iter().map(|&p| x.strides()[p]).collect();
        x.view(shape, strides, x.offset()).into_nd()
    })
}

/// `np.swapaxes(a, axis1, axis2)`: a view.
pub fn swapaxes(a: &NdArray, axis1: isize, axis2: isize) -> ArrayResult<NdArray> {
    let nd = a.ndim();
    let i = normalize_axis(axis1, nd).map_err(|e| ArrayError::new(e.kind, format!("axis1: {}", e.message)))?;
    let j = normalize_axis(axis2, nd).map_err(|e| ArrayError::new(e.kind, format!("axis2: {}", e.message)))?;
    let mut perm: Vec<usize> = (0..nd).collect();
    perm.swap(i, j);
    Ok(permute(a, &perm))
}

/// `np.moveaxis(a, source, destination)`: a view.
pub fn moveaxis(a: &NdArray, source: &[isize], destination: &[isize]) -> ArrayResult<NdArray> {
    let nd = a.ndim();
    let src = normalize_axes(source, nd).map_err(|e| rename_axis_error(e, "source"))?;
    let dst = normalize_axes(destination, nd).map_err(|e| rename_axis_error(e, "destination"))?;
    if src.len() != dst.len() {
        return Err(ArrayError::value("`source` and `destination` arguments must have the same number of elements"));
    }
    let mut order: Vec<usize> = (0..nd).filter(|k| !src.contains(k)).collect();
    let mut pairs: Vec<(usize, usize)> = dst.iter().copied().zip(src.iter().copied()).collect();
    pairs.sort();
    for (d, s) in pairs {
        order.insert(d.min(order.len()), s);
    }
    Ok(permute(a, &order))
}

/// NumPy's wording of axis errors for a named argument.
fn rename_axis_error(e: ArrayError, what: &str) -> ArrayError {
    if e.message == "duplicate value in 'axis'" {
        ArrayError::value(format!("repeated axis in `{what}` argument"))
    } else {
        ArrayError::new(e.kind, format!("{what}: {}", e.message))
    }
}

/// `np.ravel(a)`: the elements in C order, a view when `a` is contiguous.
pub fn ravel(a: &NdArray) -> NdArray {
    with_array!(a, x => {
        let n = x.size();
        if x.is_c_contiguous() {
            x.view(vec![n], vec![1], x.offset()).into_nd()
        } else {
            let c = x.copy();
            c.view(vec![n], vec![1], 0).into_nd()
        }
    })
}

/// `a.flatten()`: a 1-d copy in C order.
pub fn flatten(a: &NdArray) -> NdArray {
    with_array!(a, x => {
        let n = x.size();
        x.copy().view(vec![n], vec![1], 0).into_nd()
    })
}

/// `np.squeeze(a, axis)`: drops length-1 axes (all of them, or those
/// named, which must have length 1). A view.
pub fn squeeze(a: &NdArray, axis: Option<&[isize]>) -> ArrayResult<NdArray> {
    let nd = a.ndim();
    let drop: Vec<bool> = match axis {
        None => a.shape().iter().map(|&n| n == 1).collect(),
        Some(ax) => {
            let mut d = vec![false; nd];
            if nd == 0 {
                // A single axis 0 or -1 is accepted on a 0-d array, as NumPy does.
                if !(ax.len() == 1 && (ax[0] == 0 || ax[0] == -1)) {
                    normalize_axes(ax, 0)?;
                }
            } else {
                for k in normalize_axes(ax, nd)? {
                    if a.shape()[k] != 1 {
                        return Err(ArrayError::value(
                            "cannot select an axis to squeeze out which has size not equal to one",
                        ));
                    }
                    d[k] = true;
                }
            }
            d
        }
    };
    Ok(with_array!(a, x => {
        let (shape, strides): (Dims<usize>, Dims<isize>) = x
            .shape()
            .iter()
            .zip(x.strides())
            .zip(&drop)
            .filter(|(_, &d)| !d)
            .map(|((&n, &s), _)| (n, s))
            .unzip();
        x.view(shape, strides, x.offset()).into_nd()
    }))
}

/// `np.expand_dims(a, axis)`: inserts length-1 axes at the given positions
/// of the result. A view.
pub fn expand_dims(a: &NdArray, axis: &[isize]) -> ArrayResult<NdArray> {
    let out_nd = a.ndim() + axis.len();
    let pos = normalize_axes(axis, out_nd).map_err(|e| {
        if e.message == "duplicate value in 'axis'" {
            ArrayError::value("repeated axis")
        } else {
            e
        }
    })?;
    Ok(with_array!(a, x => {
        let mut shape = Vec::with_capacity(out_nd);
        let mut strides = Vec::with_capacity(out_nd);
        let mut k = 0;
        for i in 0..out_nd {
            if pos.contains(&i) {
                shape.push(1);
                strides.push(0);
            } else {
                shape.push(x.shape()[k]);
                strides.push(x.strides()[k]);
                k += 1;
            }
        }
        x.view(shape, strides, x.offset()).into_nd()
    }))
}

/// `np.flip(a, axis)`: reverses the order of elements along the given axes
/// (all when `None`). A view with negative strides.
pub fn flip(a: &NdArray, axis: Option<&[isize]>) -> ArrayResult<NdArray> {
    let nd = a.ndim();
    let mask = match axis {
        None => vec![true; nd],
        Some(ax) => {
            let mut m = vec![false; nd];
            for k in normalize_axes(ax, nd)? {
                m[k] = true;
            }
            m
        }
    };
    Ok(with_array!(a, x => {
        let mut strides = x.strides().to_vec();
        let mut offset = x.offset() as isize;
        if x.size() > 0 {
            for k in 0..nd {
                if mask[k] {
                    offset += (x.shape()[k] as isize - 1) * strides[k];
                    strides[k] = -strides[k];
                }
            }
        }
        x.view(x.shape(), strides, offset as usize).into_nd()
    }))
}

/// `a.diagonal(offset, axis1, axis2)`: the diagonal as a view; the
/// diagonal axis comes last. NumPy's errors for fewer than two dimensions
/// and equal axes.
pub fn diagonal(a: &NdArray, offset: isize, axis1: isize, axis2: isize) -> ArrayResult<NdArray> {
    let nd = a.ndim();
    if nd < 2 {
        return Err(ArrayError::value("diag requires an array of at least two dimensions"));
    }
    let i = normalize_axis(axis1, nd).map_err(|e| rename_axis_error(e, "axis1"))?;
    let j = normalize_axis(axis2, nd).map_err(|e| rename_axis_error(e, "axis2"))?;
    if i == j {
        return Err(ArrayError::value("axis1 and axis2 cannot be the same"));
    }
    Ok(with_array!(a, x => {
        let (n1, n2) = (x.shape()[i] as isize, x.shape()[j] as isize);
        let (s1, s2) = (x.strides()[i], x.strides()[j]);
        let (len, start) = if offset >= 0 {
            ((n1.min(n2 - offset)).max(0), offset * s2)
        } else {
            (((n1 + offset).min(n2)).max(0), -offset * s1)
        };
        let mut shape = Vec::with_capacity(nd - 1);
        let mut strides = Vec::with_capacity(nd - 1);
        for k in 0..nd {
            if k != i && k != j {
                shape.push(x.shape()[k]);
                strides.push(x.strides()[k]);
            }
        }
        shape.push(len as usize);
        strides.push(s1 + s2);
        let empty = len == 0 || shape.contains(&0);
        let off = if empty { x.offset() as isize } else { x.offset() as isize + start };
        x.view(shape, strides, off as usize).into_nd()
    }))
}

/// `np.diag(v, k)`: a 1-d `v` gives a square matrix with `v` on the k-th
/// diagonal; a 2-d `v` gives (a copy of) its k-th diagonal.
pub fn diag(v: &NdArray, k: isize) -> ArrayResult<NdArray> {
    match v.ndim() {
        1 => {
            let n = v.size();
            let m = n + k.unsigned_abs();
            let shape = vec![m, m];
            check_allocation(&shape, v.dtype())?;
            Ok(with_array!(v, x => {
                let src = x.to_vec();
                let mut out = vec![Default::default(); m * m];
                for (t, &val) in src.iter().enumerate() {
                    let (r, c) = if k >= 0 { (t, t + k as usize) } else { (t + k.unsigned_abs(), t) };
                    out[r * m + c] = val;
                }
                Array::from_vec(shape, out)?.into_nd()
            }))
        }
        2 => Ok(diagonal(v, k, 0, 1)?.copy()),
        _ => Err(ArrayError::value("Input must be 1- or 2-d.")),
    }
}

fn triangle(a: &NdArray, k: isize, upper: bool) -> ArrayResult<NdArray> {
    let nd = a.ndim();
    if nd == 0 {
        return Err(ArrayError::type_error("tri() missing 1 required positional argument: 'N'"));
    }
    // A 1-d input broadcasts against the (n, n) mask, as in NumPy.
    let (rows, cols) = if nd == 1 { (a.size(), a.size()) } else { (a.shape()[nd - 2], a.shape()[nd - 1]) };
    let mut shape = a.shape().to_vec();
    if nd == 1 {
        shape = vec![rows, cols];
    }
    check_allocation(&shape, a.dtype())?;
    Ok(with_array!(a, x => {
        let src = if nd == 1 { x.broadcast_to(&shape)?.to_vec() } else { x.to_vec() };
        let mut out = src;
        let plane = rows * cols;
        if plane > 0 {
            for chunk in out.chunks_mut(plane) {
                for r in 0..rows {
                    for c in 0..cols {
                        let d = c as isize - r as isize;
                        let keep = if upper { d >= k } else { d <= k };
                        if !keep {
                            chunk[r * cols + c] = Default::default();
                        }
                    }
                }
            }
        }
        Array::from_vec(shape, out)?.into_nd()
    }))
}

/// `np.triu(a, k)`: zeros below the k-th diagonal of the last two axes.
pub fn triu(a: &NdArray, k: isize) -> ArrayResult<NdArray> {
    triangle(a, k, true)
}

/// `np.tril(a, k)`: zeros above the k-th diagonal of the last two axes.
pub fn tril(a: &NdArray, k: isize) -> ArrayResult<NdArray> {
    triangle(a, k, false)
}

/// `np.roll(a, shift, axis)`: elements shifted cyclically along each axis
/// (over the flattened array when `axis` is `None`). A copy.
pub fn roll(a: &NdArray, shift: &[isize], axis: Option<&[isize]>) -> ArrayResult<NdArray> {
    let Some(axes) = axis else {
        let flat = ravel(a);
        let s = match shift {
            [s] => *s,
            _ => return Err(ArrayError::value("'shift' and 'axis' should be scalars or 1D sequences")),
        };
        let rolled = roll(&flat, &[s], Some(&[0]))?;
        let dims: Vec<isize> = a.shape().iter().map(|&n| n as isize).collect();
        return reshape(&rolled, &dims);
    };
    let nd = a.ndim();
    let n = shift.len().max(axes.len());
    if (shift.len() != 1 && shift.len() != n) || (axes.len() != 1 && axes.len() != n) {
        return Err(ArrayError::value(format!(
            "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 with shape ({},) and arg 1 with shape ({},).",
            shift.len(),
            axes.len()
        )));
    }
    let mut total = vec![0isize; nd];
    for t in 0..n {
        let ax = normalize_axis(axes[if axes.len() == 1 { 0 } else { t }], nd)?;
        total[ax] += shift[if shift.len() == 1 { 0 } else { t }];
    }
    let shape = a.shape().to_vec();
    Ok(with_array!(a, x => {
        let src = x.to_vec();
        let strides = c_strides(&shape);
        let mut out = src.clone();
        let size = src.len();
        let mut idx = vec![0usize; nd];
        for (flat, &val) in src.iter().enumerate() {
            let mut rem = flat;
            for d in (0..nd).rev() {
                idx[d] = rem % shape[d].max(1);
                rem /= shape[d].max(1);
            }
            let mut dst = 0isize;
            for d in 0..nd {
                let n = shape[d] as isize;
                let p = (idx[d] as isize + total[d]).rem_euclid(n.max(1));
                dst += p * strides[d];
            }
            if size > 0 {
                out[dst as usize] = val;
            }
        }
        Array::from_vec(shape.clone(), out)?.into_nd()
    }))
}

#[cfg(test)]
mod tests;
