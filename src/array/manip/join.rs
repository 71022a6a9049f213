//! Joining (`concatenate`, `stack`, `vstack`, ...), splitting (`split`,
//! `array_split`) and repeating (`tile`, `repeat`).

use super::{normalize_axis, ravel, reshape};
use crate::array::dtype::{DType, Element};
use crate::array::error::{ArrayError, ArrayResult, ErrorKind};
use crate::array::storage::{check_allocation, Array, IntoNdArray, NdArray};

/// Concatenates typed arrays (already of one dtype and checked shapes)
/// along `axis` into a fresh C-contiguous array of `shape`.
fn concat_typed<T: Element>(parts: &[Array<T>], axis: usize, shape: Vec<usize>) -> ArrayResult<Array<T>> {
    let size = check_allocation(&shape, T::DTYPE)?;
    let mut out = Vec::with_capacity(size);
    let outer: usize = shape[..axis].iter().product();
    let inner: usize = shape[axis + 1..].iter().product();
    let contiguous: Vec<Array<T>> = parts.iter().map(|p| p.as_contiguous()).collect();
    let bufs: Vec<_> = contiguous.iter().map(|p| p.buffer()).collect();
    for o in 0..outer {
        for (p, b) in contiguous.iter().zip(&bufs) {
            let chunk = p.shape()[axis] * inner;
            if chunk == 0 {
                continue;
            }
            let start = p.offset() + o * chunk;
            out.extend_from_slice(&b[start..start + chunk]);
        }
    }
    Array::from_vec(shape, out)
}

/// Casts every array to `dtype` and concatenates the typed arrays.
fn concat_as(arrays: &[NdArray], axis: usize, shape: Vec<usize>, dtype: DType) -> ArrayResult<NdArray> {
    Ok(match dtype {
        DType::Bool => concat_typed(&arrays.iter().map(|a| a.to_bool()).collect::<Vec<_>>(), axis, shape)?.into_nd(),
        DType::Int64 => concat_typed(&arrays.iter().map(|a| a.to_int()).collect::<Vec<_>>(), axis, shape)?.into_nd(),
        DType::Float64 => {
            concat_typed(&arrays.iter().map(|a| a.to_float()).collect::<Vec<_>>(), axis, shape)?.into_nd()
        }
        DType::Complex128 => {
            concat_typed(&arrays.iter().map(|a| a.to_complex()).collect::<Vec<_>>(), axis, shape)?.into_nd()
        }
    })
}

/// `np.concatenate(arrays, axis)`: joins along an existing axis (after
/// flattening every array when `axis` is `None`), promoting dtypes. NumPy's
/// errors for an empty list, 0-d arrays, and mismatched dimensions.
pub fn concatenate(arrays: &[NdArray], axis: Option<isize>) -> ArrayResult<NdArray> {
    if arrays.is_empty() {
        return Err(ArrayError::value("need at least one array to concatenate"));
    }
    let dtype = arrays.iter().map(|a| a.dtype()).max().unwrap_or(DType::Float64);
    let Some(axis) = axis else {
        let flat: Vec<NdArray> = arrays.iter().map(ravel).collect();
        let n = flat.iter().map(|a| a.size()).sum();
        return concat_as(&flat, 0, vec![n], dtype);
    };
    let first = &arrays[0];
    let nd = first.ndim();
    if nd == 0 {
        return Err(ArrayError::value("zero-dimensional arrays cannot be concatenated"));
    }
    let ax = normalize_axis(axis, nd)?;
    let mut shape = first.shape().to_vec();
    for (i, a) in arrays.iter().enumerate().skip(1) {
        if a.ndim() != nd {
            return Err(ArrayError::value(format!(
                "all the input arrays must have same number of dimensions, but the array at index 0 has {nd} dimension(s) and the array at index {i} has {} dimension(s)",
                a.ndim()
            )));
        }
        for d in 0..nd {
            if d != ax && a.shape()[d] != first.shape()[d] {
                return Err(ArrayError::value(format!(
                    "all the input array dimensions except for the concatenation axis must match exactly, but along dimension {d}, the array at index 0 has size {} and the array at index {i} has size {}",
                    first.shape()[d],
                    a.shape()[d]
                )));
            }
        }
        shape[ax] += a.shape()[ax];
    }
    concat_as(arrays, ax, shape, dtype)
}

/// `np.stack(arrays, axis)`: joins equally shaped arrays along a new axis.
pub fn stack(arrays: &[NdArray], axis: isize) -> ArrayResult<NdArray> {
    if arrays.is_empty() {
        return Err(ArrayError::value("need at least one array to stack"));
    }
    let shape = arrays[0].shape().to_vec();
    if arrays.iter().any(|a| a.shape() != shape.as_slice()) {
        return Err(ArrayError::value("all input arrays must have the same shape"));
    }
    let ax = normalize_axis(axis, shape.len() + 1)?;
    let expanded = arrays.iter().map(|a| super::expand_dims(a, &[ax as isize])).collect::<ArrayResult<Vec<_>>>()?;
    concatenate(&expanded, Some(ax as isize))
}

/// `np.atleast_1d(a)`: 0-d arrays become shape (1,). A view.
pub fn atleast_1d(a: &NdArray) -> NdArray {
    if a.ndim() == 0 {
        with_array!(a, x => x.view(vec![1], vec![0], x.offset()).into_nd())
    } else {
        a.clone()
    }
}

/// `np.atleast_2d(a)`: 0-d → (1, 1), (n,) → (1, n). A view.
pub fn atleast_2d(a: &NdArray) -> NdArray {
    match a.ndim() {
        0 => with_array!(a, x => x.view(vec![1, 1], vec![0, 0], x.offset()).into_nd()),
        1 => {
            with_array!(a, x => x.view(vec![1, x.shape()[0]], vec![0, x.strides()[0]], x.offset()).into_nd())
        }
        _ => a.clone(),
    }
}

/// `np.atleast_3d(a)`: 0-d → (1, 1, 1), (n,) → (1, n, 1), (m, n) → (m, n, 1).
pub fn atleast_3d(a: &NdArray) -> NdArray {
    with_array!(a, x => {
        let (s, t) = (x.shape(), x.strides());
        match x.ndim() {
            0 => x.view(vec![1, 1, 1], vec![0, 0, 0], x.offset()).into_nd(),
            1 => x.view(vec![1, s[0], 1], vec![0, t[0], 0], x.offset()).into_nd(),
            2 => x.view(vec![s[0], s[1], 1], vec![t[0], t[1], 0], x.offset()).into_nd(),
            _ => a.clone(),
        }
    })
}

/// `np.vstack(arrays)`: concatenation along the first axis of the arrays
/// made at least 2-d (1-d arrays become rows).
pub fn vstack(arrays: &[NdArray]) -> ArrayResult<NdArray> {
    let v: Vec<NdArray> = arrays.iter().map(atleast_2d).collect();
    concatenate(&v, Some(0))
}

/// `np.hstack(arrays)`: concatenation along the second axis (the first for
/// 1-d arrays).
pub fn hstack(arrays: &[NdArray]) -> ArrayResult<NdArray> {
    let v: Vec<NdArray> = arrays.iter().map(atleast_1d).collect();
    let axis = if v.first().map(|a| a.ndim() == 1).unwrap_or(false) { 0 } else { 1 };
    concatenate(&v, Some(axis))
}

/// `np.dstack(arrays)`: concatenation along the third axis of the arrays
/// made at least 3-d.
pub fn dstack(arrays: &[NdArray]) -> ArrayResult<NdArray> {
    let v: Vec<NdArray> = arrays.iter().map(atleast_3d).collect();
    concatenate(&v, Some(2))
}

/// `np.column_stack(arrays)`: 1-d arrays become columns, then everything is
/// joined along the second axis.
pub fn column_stack(arrays: &[NdArray]) -> ArrayResult<NdArray> {
    let v: Vec<NdArray> = arrays
        .iter()
        .map(|a| match a.ndim() {
            0 => with_array!(a, x => x.view(vec![1, 1], vec![0, 0], x.offset()).into_nd()),
            1 => with_array!(a, x => x.view(vec![x.shape()[0], 1], vec![x.strides()[0], 0], x.offset()).into_nd()),
            _ => a.clone(),
        })
        .collect();
    concatenate(&v, Some(1))
}

/// How to split: into `n` (nearly) equal sections, or at indices.
#[derive(Clone, Debug, PartialEq)]
pub enum SplitSpec {
    /// This many sections.
    Sections(i64),
    /// Split before each of these indices (Python slice rules apply).
    Indices(Vec<isize>),
}

/// Views of `a[start:end]` along `axis` for consecutive division points.
fn split_at(a: &NdArray, axis: usize, points: &[isize]) -> Vec<NdArray> {
    let n = a.shape()[axis] as isize;
    let clamp = |v: isize| -> isize {
        let v = if v < 0 { v + n } else { v };
        v.clamp(0, n)
    };
    points
        .windows(2)
        .map(|w| {
            let (st, end) = (clamp(w[0]), clamp(w[1]));
            let len = (end - st).max(0) as usize;
            with_array!(a, x => {
                let mut shape = x.shape().to_vec();
                shape[axis] = len;
                let empty = shape.contains(&0);
                let off = if empty { x.offset() as isize } else { x.offset() as isize + st * x.strides()[axis] };
                x.view(shape, x.strides(), off as usize).into_nd()
            })
        })
        .collect()
}

/// The split axis; out of range is Python's `IndexError` (NumPy indexes
/// `a.shape[axis]`).
fn split_axis(a: &NdArray, axis: isize) -> ArrayResult<usize> {
    normalize_axis(axis, a.ndim()).map_err(|_| ArrayError::index("tuple index out of range"))
}

/// `np.array_split(a, spec, axis)`: like [`split`] but sections may differ
/// in length by one (the first ones are longer).
pub fn array_split(a: &NdArray, spec: &SplitSpec, axis: isize) -> ArrayResult<Vec<NdArray>> {
    let ax = split_axis(a, axis)?;
    let total = a.shape()[ax] as isize;
    let points: Vec<isize> = match spec {
        SplitSpec::Sections(s) => {
            if *s <= 0 {
                return Err(ArrayError::value("number sections must be larger than 0."));
            }
            let s = *s as isize;
            let (each, extras) = (total / s, total % s);
            let mut p = vec![0isize];
            for i in 0..s {
                let size = if i < extras { each + 1 } else { each };
                let last = *p.last().unwrap_or(&0);
                p.push(last + size);
            }
            p
        }
        SplitSpec::Indices(idx) => {
            let mut p = vec![0isize];
            p.extend(idx.iter().copied());
            p.push(total);
            p
        }
    };
    Ok(split_at(a, ax, &points))
}

/// `np.split(a, spec, axis)`: views of consecutive pieces along `axis`.
/// A number of sections must divide the axis exactly ("array split does not
/// result in an equal division").
pub fn split(a: &NdArray, spec: &SplitSpec, axis: isize) -> ArrayResult<Vec<NdArray>> {
    if let SplitSpec::Sections(s) = spec {
        let ax = split_axis(a, axis)?;
        if *s == 0 {
            return Err(ArrayError::new(ErrorKind::ZeroDivision, "integer modulo by zero"));
        }
        if *s > 0 && a.shape()[ax] as i64 % *s != 0 {
            return Err(ArrayError::value("array split does not result in an equal division"));
        }
    }
    array_split(a, spec, axis)
}

fn negative_dims() -> ArrayError {
    ArrayError::value("negative dimensions are not allowed")
}

/// `np.tile(a, reps)`: `a` repeated `reps[i]` times along each axis (the
/// shorter of `a.ndim` and `reps` padded with leading ones). A copy.
pub fn tile(a: &NdArray, reps: &[i64]) -> ArrayResult<NdArray> {
    if reps.iter().any(|&r| r < 0) {
        return Err(negative_dims());
    }
    let d = reps.len().max(a.ndim());
    let mut ashape = vec![1usize; d - a.ndim()];
    ashape.extend_from_slice(a.shape());
    let mut r = vec![1usize; d - reps.len()];
    r.extend(reps.iter().map(|&v| v as usize));
    let out_shape: Vec<usize> = ashape.iter().zip(&r).map(|(&s, &t)| s.saturating_mul(t)).collect();
    check_allocation(&out_shape, a.dtype())?;
    let dims: Vec<isize> = ashape.iter().map(|&n| n as isize).collect();
    let src = reshape(a, &dims)?;
    Ok(with_array!(&src, x => {
        let data = x.to_vec();
        let size: usize = out_shape.iter().product();
        let mut out = Vec::with_capacity(size);
        let in_strides = crate::array::storage::c_strides(&ashape);
        let mut idx = vec![0usize; d];
        for _ in 0..size {
            let mut p = 0isize;
            for k in 0..d {
                p += (idx[k] % ashape[k].max(1)) as isize * in_strides[k];
            }
            out.push(data[p as usize]);
            for k in (0..d).rev() {
                idx[k] += 1;
                if idx[k] < out_shape[k] {
                    break;
                }
                idx[k] = 0;
            }
        }
        Array::from_vec(out_shape.clone(), out)?.into_nd()
    }))
}

/// `np.repeat(a, repeats, axis)`: each element repeated (a single count
/// for all, or one per element along the axis); the flattened array when
/// `axis` is `None`. A copy.
pub fn repeat(a: &NdArray, repeats: &[i64], axis: Option<isize>) -> ArrayResult<NdArray> {
    let (src, ax) = match axis {
        None => (ravel(a), 0),
        Some(k) if a.ndim() == 0 => {
            normalize_axis(k, 1)?;
            (ravel(a), 0)
        }
        Some(k) => (a.clone(), normalize_axis(k, a.ndim())?),
    };
    let n = src.shape()[ax];
    // NumPy checks the counts it uses (none for an empty axis).
    if repeats.iter().any(|&r| r < 0) && !(n == 0 && repeats.len() == 1) {
        return Err(negative_dims());
    }
    if repeats.len() != 1 && repeats.len() != n {
        return Err(ArrayError::value(format!(
            "operands could not be broadcast together with shape ({n},) ({},)",
            repeats.len()
        )));
    }
    let count = |i: usize| -> usize { (if repeats.len() == 1 { repeats[0] } else { repeats[i] }) as usize };
    let total: usize = (0..n).map(count).fold(0usize, |s, c| s.saturating_add(c));
    let mut shape = src.shape().to_vec();
    shape[ax] = total;
    check_allocation(&shape, src.dtype())?;
    let outer: usize = shape[..ax].iter().product();
    let inner: usize = shape[ax + 1..].iter().product();
    Ok(with_array!(&src, x => {
        let data = x.to_vec();
        let mut out = Vec::with_capacity(outer * total * inner);
        for o in 0..outer {
            for i in 0..n {
                let start = (o * n + i) * inner;
                for _ in 0..count(i) {
                    out.extend_from_slice(&data[start..start + inner]);
                }
            }
        }
        Array::from_vec(shape.clone(), out)?.into_nd()
    }))
}
