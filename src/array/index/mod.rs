//! NumPy indexing: reading (`a[...]`) and assignment (`a[...] = v`).
//!
//! Basic indices (integers, slices, `newaxis`, `...`) give a view sharing
//! the buffer. Integer and boolean arrays ("advanced" indices) give a copy,
//! laid out by NumPy's rules: the index arrays broadcast together, and their
//! result axes replace the indexed axes in place when the advanced indices
//! are adjacent, or go first when a slice separates them. Once any advanced
//! index is present, integers count as advanced indices too (as in NumPy).

use crate::array::broadcast::{broadcast_strides, shape_compact};
use crate::array::dtype::{DType, Element};
use crate::array::elementwise::kernels::{assign, Walk};
use crate::array::error::{ArrayError, ArrayResult, ErrorKind};
use crate::array::storage::{check_allocation, Array, IntoNdArray, NdArray};
use crate::with_array;

#[cfg(test)]
mod tests;

/// One component of an index tuple.
#[derive(Clone, Debug)]
pub enum IndexItem {
    /// An integer (negative counts from the end); removes the axis.
    Int(i64),
    /// A slice `start:stop:step` (Python's rules for missing and
    /// out-of-range bounds).
    Slice {
        /// First position (`None`: the start, or the end for negative steps).
        start: Option<i64>,
        /// Position to stop before (`None`: past the end).
        stop: Option<i64>,
        /// Step (`None`: 1; zero is an error).
        step: Option<i64>,
    },
    /// `np.newaxis` / `None`: inserts a length-1 axis.
    NewAxis,
    /// `...`: as many full slices as needed.
    Ellipsis,
    /// An integer or boolean array (the interpreter converts lists to
    /// arrays). A 0-d integer array acts as an integer.
    Array(NdArray),
}

impl IndexItem {
    /// The full slice `:`.
    pub fn full() -> IndexItem {
        IndexItem::Slice { start: None, stop: None, step: None }
    }
}

/// `a[items]`: a view for basic indices (integers, slices, `newaxis`,
/// `...`; all integers give a 0-d view), a new array for integer and boolean
/// array indices. Errors are NumPy's `IndexError`s (and `ValueError` for a
/// zero slice step), worded as NumPy words them.
pub fn get_index(a: &NdArray, items: &[IndexItem]) -> ArrayResult<NdArray> {
    if let Some(mask) = full_mask(a.shape(), items)? {
        return with_array!(a, x => Ok(mask_gather(x, &mask)?.into_nd()));
    }
    let offset = with_array!(a, x => x.offset());
    let sel = select(a.shape(), a.strides(), offset, items)?;
    if sel.advanced.is_empty() {
        return Ok(with_array!(a, x => x.view(sel.shape, sel.strides, sel.offset).into_nd()));
    }
    let layout = layout(&sel, a.dtype())?;
    check_bounds(&sel, &layout)?;
    let plan = gather_plan(&sel, layout);
    with_array!(a, x => Ok(gather(x, &plan)?.into_nd()))
}

/// `a[items] = value`, for every kind of index, writing into `a`'s buffer.
///
/// `value` is cast to `a`'s dtype (floats truncate into ints, complex drops
/// its imaginary part into reals, as NumPy's casts; a 0-d `value` is taken
/// as the Python scalar it stands for, so NaN, inf and complex numbers into
/// an int array raise NumPy's errors) and broadcast to the shape of the
/// selection (leading length-1 axes of `value` are ignored). A `value`
/// sharing `a`'s buffer is copied first, so `a[1:] = a[:-1]` gives NumPy's
/// result. Repeated fancy indices: the last write wins.
pub fn set_index(a: &NdArray, items: &[IndexItem], value: &NdArray) -> ArrayResult<()> {
    // NumPy's order of errors: the index itself, the value's conversion,
    // the index arrays' broadcasting, the value's shape, the array indices' range.
    let mask = full_mask(a.shape(), items)?;
    let offset = with_array!(a, x => x.offset());
    let sel = match mask {
        Some(_) => None,
        None => Some(select(a.shape(), a.strides(), offset, items)?),
    };
    let value = cast_value(value, a.dtype())?;
    let value = if value.shares_buffer(a) { value.copy() } else { value };
    let sel = match (mask, sel) {
        (Some(mask), _) => {
            return match (a, &value) {
                (NdArray::Bool(x), NdArray::Bool(v)) => mask_scatter(x, &mask, v),
                (NdArray::Int(x), NdArray::Int(v)) => mask_scatter(x, &mask, v),
                (NdArray::Float(x), NdArray::Float(v)) => mask_scatter(x, &mask, v),
                (NdArray::Complex(x), NdArray::Complex(v)) => mask_scatter(x, &mask, v),
                _ => Err(ArrayError::type_error("assignment between arrays of different dtypes")),
            }
        }
        (None, Some(sel)) => sel,
        (None, None) => return Ok(()),
    };
    if sel.advanced.is_empty() {
        let only_ints = items.iter().all(|i| matches!(i, IndexItem::Int(_)) || is_int_scalar(i));
        let value = if only_ints && sel.shape.is_empty() && value.ndim() > 0 {
            element_value(&value)?
        } else {
            value
        };
        let src = value_view(&value, &sel.shape).ok_or_else(|| {
            ArrayError::value(format!(
                "could not broadcast input array from shape {} into shape {}",
                shape_compact(value.shape()),
                shape_compact(&sel.shape)
            ))
        })?;
        return match (a, &src) {
            (NdArray::Bool(x), NdArray::Bool(v)) => assign(&x.view(sel.shape, sel.strides, sel.offset), v),
            (NdArray::Int(x), NdArray::Int(v)) => assign(&x.view(sel.shape, sel.strides, sel.offset), v),
            (NdArray::Float(x), NdArray::Float(v)) => assign(&x.view(sel.shape, sel.strides, sel.offset), v),
            (NdArray::Complex(x), NdArray::Complex(v)) => assign(&x.view(sel.shape, sel.strides, sel.offset), v),
            _ => Err(ArrayError::type_error("assignment between arrays of different dtypes")),
        };
    }
    let layout = layout(&sel, a.dtype())?;
    let src = value_view(&value, &layout.shape).ok_or_else(|| {
        ArrayError::value(format!(
            "shape mismatch: value array of shape {} could not be broadcast to indexing result of shape {}",
            shape_compact(value.shape()),
            shape_compact(&layout.shape)
        ))
    })?;
    check_bounds(&sel, &layout)?;
    let plan = gather_plan(&sel, layout);
    match (a, &src) {
        (NdArray::Bool(x), NdArray::Bool(v)) => scatter(x, &plan, v),
        (NdArray::Int(x), NdArray::Int(v)) => scatter(x, &plan, v),
        (NdArray::Float(x), NdArray::Float(v)) => scatter(x, &plan, v),
        (NdArray::Complex(x), NdArray::Complex(v)) => scatter(x, &plan, v),
        _ => Err(ArrayError::type_error("assignment between arrays of different dtypes")),
    }
}

/// The single value an array `value` (of at least one dimension) gives when
/// assigned to one element: NumPy refuses all but a size-1 array into a
/// bool array (whose truth value it takes).
fn element_value(value: &NdArray) -> ArrayResult<NdArray> {
    match value {
        NdArray::Bool(_) if value.size() == 1 => Ok(NdArray::from_scalar(value.get_flat(0))),
        NdArray::Complex(_) => Err(ArrayError::type_error("only 0-dimensional arrays can be converted to Python scalars")),
        _ => Err(ArrayError::value("setting an array element with a sequence.")),
    }
}

/// Whether `item` is a 0-d integer array (which indexes like an integer).
fn is_int_scalar(item: &IndexItem) -> bool {
    matches!(item, IndexItem::Array(NdArray::Int(x)) if x.ndim() == 0)
}

/// `value` cast to `dtype` for assignment. A 0-d value stands for a Python
/// scalar and is converted as Python converts it (NaN or inf into an int
/// array, or a complex number into a real array, is an error); arrays are
/// cast as NumPy's `astype` (unsafe) casts them.
fn cast_value(value: &NdArray, dtype: DType) -> ArrayResult<NdArray> {
    if value.dtype() == dtype {
        return Ok(value.clone());
    }
    if value.ndim() == 0 {
        if let Some(s) = value.item() {
            use crate::array::dtype::Scalar;
            match (s, dtype) {
                (Scalar::Complex(_), DType::Int64) => {
                    return Err(ArrayError::type_error(
                        "int() argument must be a string, a bytes-like object or a real number, not 'complex'",
                    ))
                }
                (Scalar::Complex(_), DType::Float64) => {
                    return Err(ArrayError::type_error(
                        "float() argument must be a string or a real number, not 'complex'",
                    ))
                }
                (Scalar::Float(f), DType::Int64) => {
                    if f.is_nan() {
                        return Err(ArrayError::value("cannot convert float NaN to integer"));
                    }
                    if f.is_infinite() {
                        return Err(ArrayError::new(ErrorKind::Overflow, "cannot convert float infinity to integer"));
                    }
                    if crate::array::dtype::float_to_i64(f).is_none() {
                        return Err(ArrayError::new(ErrorKind::Overflow, "Python int too large to convert to C long"));
                    }
                }
                _ => {}
            }
        }
    }
    Ok(value.astype(dtype))
}

/// A view of `value` read as `shape` (NumPy's assignment broadcasting:
/// leading length-1 axes of `value` are dropped first), or `None` if it
/// does not broadcast.
fn value_view(value: &NdArray, shape: &[usize]) -> Option<NdArray> {
    let mut vshape = value.shape();
    let mut vstrides = value.strides();
    while vshape.len() > shape.len() && vshape[0] == 1 {
        vshape = &vshape[1..];
        vstrides = &vstrides[1..];
    }
    let strides = broadcast_strides(vshape, vstrides, shape)?;
    Some(with_array!(value, v => v.view(shape.to_vec(), strides, v.offset()).into_nd()))
}

/// The number of `range`-sized steps a Python slice takes over an axis of
/// `len`, with its first position and step: Python's `slice.indices`.
fn slice_range(start: Option<i64>, stop: Option<i64>, step: Option<i64>, len: usize) -> ArrayResult<(usize, usize, i128)> {
    let step = step.unwrap_or(1) as i128;
    if step == 0 {
        return Err(ArrayError::value("slice step cannot be zero"));
    }
    let len = len as i128;
    let (lower, upper) = if step < 0 { (-1, len - 1) } else { (0, len) };
    let clamp = |v: Option<i64>, default: i128| match v {
        None => default,
        Some(v) => {
            let v = v as i128;
            if v < 0 {
                (v + len).max(lower)
            } else {
                v.min(upper)
            }
        }
    };
    let first = clamp(start, if step < 0 { upper } else { lower });
    let end = clamp(stop, if step < 0 { lower } else { upper });
    let count = if step > 0 && end > first {
        (end - first - 1) / step + 1
    } else if step < 0 && first > end {
        (first - end - 1) / (-step) + 1
    } else {
        0
    };
    Ok((first.max(0) as usize, count as usize, step))
}

/// An advanced index applied to one axis of the basic view.
struct Advanced {
    /// The axis of the basic view it indexes.
    axis: usize,
    /// The indices (any shape; broadcast with the others).
    index: Array<i64>,
}

/// The basic part of an index applied to an array: a view, plus the
/// advanced indices still to apply to some of its axes.
struct Selection {
    shape: Vec<usize>,
    strides: Vec<isize>,
    offset: usize,
    /// The axis of the indexed array each view axis comes from (`None` for
    /// new axes), for error messages.
    source_axes: Vec<Option<usize>>,
    advanced: Vec<Advanced>,
    /// Whether the advanced indices stand next to each other in the index
    /// (no slice, `newaxis` or `...` between them, even an empty `...`).
    adjacent: bool,
}

/// What an index item is, once its array (if any) is looked at.
enum Kind<'a> {
    Int(i64),
    Slice(Option<i64>, Option<i64>, Option<i64>),
    NewAxis,
    Ellipsis,
    IntArray(Array<i64>),
    BoolArray(&'a Array<bool>),
    BoolScalar(bool),
}

/// Classifies the items, rejecting non-integer arrays and a second `...`.
fn classify(items: &[IndexItem]) -> ArrayResult<Vec<Kind<'_>>> {
    let mut kinds = Vec::with_capacity(items.len());
    let mut ellipsis = false;
    for item in items {
        kinds.push(match item {
            IndexItem::Int(i) => Kind::Int(*i),
            IndexItem::Slice { start, stop, step } => Kind::Slice(*start, *stop, *step),
            IndexItem::NewAxis => Kind::NewAxis,
            IndexItem::Ellipsis => {
                if ellipsis {
                    return Err(ArrayError::index("an index can only have a single ellipsis ('...')"));
                }
                ellipsis = true;
                Kind::Ellipsis
            }
            IndexItem::Array(NdArray::Int(x)) if x.ndim() == 0 => Kind::Int(x.get_flat(0)),
            IndexItem::Array(NdArray::Int(x)) => Kind::IntArray(x.clone()),
            IndexItem::Array(NdArray::Bool(x)) if x.ndim() == 0 => Kind::BoolScalar(x.get_flat(0)),
            IndexItem::Array(NdArray::Bool(x)) => Kind::BoolArray(x),
            // An empty list arrives as an empty float array: NumPy reads `[]` as no indices.
            IndexItem::Array(x) if x.size() == 0 && x.ndim() > 0 => {
                Kind::IntArray(Array::from_vec(x.shape().to_vec(), Vec::new())?)
            }
            IndexItem::Array(x) if x.ndim() == 0 => return Err(non_index_error()),
            IndexItem::Array(_) => {
                return Err(ArrayError::index("arrays used as indices must be of integer (or boolean) type"))
            }
        });
    }
    Ok(kinds)
}

/// NumPy's `IndexError` for an index that is not an integer, slice,
/// ellipsis, newaxis or integer/boolean array.
pub fn non_index_error() -> ArrayError {
    ArrayError::index(
        "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices",
    )
}

/// NumPy's `IndexError` for an integer out of range.
fn out_of_bounds(index: i64, axis: Option<usize>, size: usize) -> ArrayError {
    ArrayError::index(format!("index {index} is out of bounds for axis {} with size {size}", axis.unwrap_or(0)))
}

/// NumPy's `IndexError` for a boolean index of the wrong length.
fn bool_mismatch(axis: usize, size: usize, bool_size: usize) -> ArrayError {
    ArrayError::index(format!(
        "boolean index did not match indexed array along axis {axis}; size of axis is {size} but size of corresponding boolean axis is {bool_size}"
    ))
}

/// Checks `mask`'s shape against the axes of `shape` starting at `first`.
fn check_mask(mask: &[usize], shape: &[usize], first: usize) -> ArrayResult<()> {
    for (k, (&m, &n)) in mask.iter().zip(&shape[first..]).enumerate() {
        if m != n {
            return Err(bool_mismatch(first + k, n, m));
        }
    }
    Ok(())
}

/// `i` normalized into `0..size`, or `None` if out of range.
#[inline]
fn normalize(i: i64, size: usize) -> Option<usize> {
    // `i + size` cannot overflow for negative `i`, as `size <= i64::MAX`.
    let j = if i < 0 { i.wrapping_add(size as i64) } else { i };
    ((j as u64) < size as u64).then_some(j as usize)
}

/// Applies the basic part of `items` to an array of `shape`/`strides`/
/// `offset`, collecting the advanced indices.
fn select(shape: &[usize], strides: &[isize], offset: usize, items: &[IndexItem]) -> ArrayResult<Selection> {
    let kinds = classify(items)?;
    let consumed: usize = kinds
        .iter()
        .map(|k| match k {
            Kind::Int(_) | Kind::Slice(..) | Kind::IntArray(_) => 1,
            Kind::BoolArray(m) => m.ndim(),
            _ => 0,
        })
        .sum();
    let ndim = shape.len();
    if consumed > ndim {
        return Err(ArrayError::index(format!(
            "too many indices for array: array is {ndim}-dimensional, but {consumed} were indexed"
        )));
    }
    let any_advanced = kinds.iter().any(|k| matches!(k, Kind::IntArray(_) | Kind::BoolArray(_) | Kind::BoolScalar(_)));
    let mut sel = Selection {
        shape: Vec::with_capacity(ndim + items.len()),
        strides: Vec::with_capacity(ndim + items.len()),
        offset,
        source_axes: Vec::new(),
        advanced: Vec::new(),
        adjacent: true,
    };
    // 0: no advanced index yet; 1: in a run of them; 2: the run has ended.
    let mut run = 0u8;
    // NumPy reports a boolean index of the wrong shape before an integer
    // out of range, wherever they stand.
    let mut int_error: Option<ArrayError> = None;
    let mut pos = offset as isize;
    let mut axis = 0usize;
    let mut saw_ellipsis = false;
    let push_full = |sel: &mut Selection, axis: usize| {
        sel.shape.push(shape[axis]);
        sel.strides.push(strides[axis]);
        sel.source_axes.push(Some(axis));
    };
    for kind in kinds {
        let advanced = match &kind {
            Kind::IntArray(_) | Kind::BoolArray(_) | Kind::BoolScalar(_) => true,
            Kind::Int(_) => any_advanced,
            _ => false,
        };
        if advanced {
            if run == 2 {
                sel.adjacent = false;
            }
            run = run.max(1);
        } else if run == 1 {
            run = 2;
        }
        match kind {
            Kind::Ellipsis => {
                saw_ellipsis = true;
                for _ in 0..ndim - consumed {
                    push_full(&mut sel, axis);
                    axis += 1;
                }
            }
            Kind::NewAxis => {
                sel.shape.push(1);
                sel.strides.push(0);
                sel.source_axes.push(None);
            }
            Kind::Int(i) => {
                let Some(j) = normalize(i, shape[axis]) else {
                    int_error.get_or_insert_with(|| out_of_bounds(i, Some(axis), shape[axis]));
                    axis += 1;
                    continue;
                };
                if any_advanced {
                    sel.advanced.push(Advanced { axis: sel.shape.len(), index: Array::scalar(j as i64) });
                    push_full(&mut sel, axis);
                } else {
                    pos += j as isize * strides[axis];
                }
                axis += 1;
            }
            Kind::Slice(start, stop, step) => {
                let (first, count, step) = slice_range(start, stop, step, shape[axis])?;
                let stride = if count > 1 { (strides[axis] as i128 * step) as isize } else { strides[axis] };
                if count > 0 {
                    pos += first as isize * strides[axis];
                }
                sel.shape.push(count);
                sel.strides.push(stride);
                sel.source_axes.push(Some(axis));
                axis += 1;
            }
            Kind::IntArray(index) => {
                sel.advanced.push(Advanced { axis: sel.shape.len(), index });
                push_full(&mut sel, axis);
                axis += 1;
            }
            Kind::BoolScalar(b) => {
                let index = Array::from_vec(vec![b as usize], if b { vec![0] } else { vec![] })?;
                sel.advanced.push(Advanced { axis: sel.shape.len(), index });
                sel.shape.push(1);
                sel.strides.push(0);
                sel.source_axes.push(None);
            }
            Kind::BoolArray(mask) => {
                check_mask(mask.shape(), shape, axis)?;
                for index in nonzero(mask)? {
                    sel.advanced.push(Advanced { axis: sel.shape.len(), index });
                    push_full(&mut sel, axis);
                    axis += 1;
                }
            }
        }
    }
    if let Some(e) = int_error {
        return Err(e);
    }
    if !saw_ellipsis {
        while axis < ndim {
            push_full(&mut sel, axis);
            axis += 1;
        }
    }
    sel.offset = pos as usize;
    if sel.shape.contains(&0) {
        // An empty view reads nothing; keep its offset inside the buffer.
        sel.offset = offset;
    }
    Ok(sel)
}

/// The coordinates of the true elements of `mask`, one 1-d index array per
/// axis (NumPy's `nonzero`).
fn nonzero(mask: &Array<bool>) -> ArrayResult<Vec<Array<i64>>> {
    let nd = mask.ndim();
    let shape = mask.shape().to_vec();
    let count = mask.with_slice(|s| s.iter().filter(|&&v| v).count());
    let mut coords: Vec<Vec<i64>> = (0..nd).map(|_| Vec::with_capacity(count)).collect();
    let mut index = vec![0usize; nd];
    mask.with_slice(|s| {
        for &v in s {
            if v {
                for (c, &i) in coords.iter_mut().zip(&index) {
                    c.push(i as i64);
                }
            }
            for axis in (0..nd).rev() {
                index[axis] += 1;
                if index[axis] < shape[axis] {
                    break;
                }
                index[axis] = 0;
            }
        }
    });
    coords.into_iter().map(|c| Array::from_vec(vec![count], c)).collect()
}

/// The single boolean index of an array's full shape (`x[x > 0]`), which
/// reads and writes through a fast path; `None` for any other index.
fn full_mask(shape: &[usize], items: &[IndexItem]) -> ArrayResult<Option<Array<bool>>> {
    match items {
        [IndexItem::Array(NdArray::Bool(m))] if m.ndim() == shape.len() => {
            check_mask(m.shape(), shape, 0)?;
            Ok(Some(m.clone()))
        }
        _ => Ok(None),
    }
}

/// The elements of `x` where `mask` (of `x`'s shape) is true, in C order.
fn mask_gather<T: Element>(x: &Array<T>, mask: &Array<bool>) -> ArrayResult<Array<T>> {
    let count = mask.with_slice(|s| s.iter().filter(|&&v| v).count());
    let (xbuf, mbuf) = (x.buffer(), mask.buffer());
    let out = if x.is_c_contiguous() && mask.is_c_contiguous() {
        let size = x.size();
        let xs = &xbuf[x.offset()..x.offset() + size];
        let ms = &mbuf[mask.offset()..mask.offset() + size];
        // Branch-free compaction: write every element, advance on true.
        let mut out = vec![T::default(); count + 1];
        let mut k = 0;
        for (&v, &m) in xs.iter().zip(ms) {
            out[k] = v;
            k += m as usize;
        }
        out.truncate(count);
        out
    } else {
        let mut out = Vec::with_capacity(count);
        let walk = Walk::new(x.shape(), [x.strides(), mask.strides()]);
        let (n, sx, sm) = (walk.inner_len(), walk.inner_stride(0), walk.inner_stride(1));
        walk.for_each_row([x.offset(), mask.offset()], |[px, pm]| {
            let (px, pm) = (px as isize, pm as isize);
            for k in 0..n as isize {
                if mbuf[(pm + k * sm) as usize] {
                    out.push(xbuf[(px + k * sx) as usize]);
                }
            }
        });
        out
    };
    drop((xbuf, mbuf));
    Array::from_vec(vec![count], out)
}

/// `x[mask] = value` for a mask of `x`'s full shape, with NumPy's rules:
/// `value` is 0-d or 1-d, of size 1 or the number of true elements.
fn mask_scatter<T: Element>(x: &Array<T>, mask: &Array<bool>, value: &Array<T>) -> ArrayResult<()> {
    if value.ndim() > 1 {
        return Err(ArrayError::type_error(format!(
            "NumPy boolean array indexing assignment requires a 0 or 1-dimensional input, input has {} dimensions",
            value.ndim()
        )));
    }
    let count = mask.with_slice(|s| s.iter().filter(|&&v| v).count());
    let values = value.to_vec();
    if values.len() != 1 && values.len() != count {
        return Err(ArrayError::value(format!(
            "NumPy boolean array indexing assignment cannot assign {} input values to the {count} output values where the mask is true",
            values.len()
        )));
    }
    if count == 0 {
        return Ok(());
    }
    let mask = if mask.shares_buffer(x) { mask.copy() } else { mask.clone() };
    let mbuf = mask.buffer();
    let mut xbuf = x.buffer_mut()?;
    if x.is_c_contiguous() && mask.is_c_contiguous() {
        let size = x.size();
        let xs = &mut xbuf[x.offset()..x.offset() + size];
        let ms = &mbuf[mask.offset()..mask.offset() + size];
        if let [v] = values[..] {
            for (t, &m) in xs.iter_mut().zip(ms) {
                *t = if m { v } else { *t };
            }
        } else {
            let mut k = 0;
            for (t, &m) in xs.iter_mut().zip(ms) {
                if m {
                    *t = values[k];
                    k += 1;
                }
            }
        }
        return Ok(());
    }
    let walk = Walk::new(x.shape(), [x.strides(), mask.strides()]);
    let (n, sx, sm) = (walk.inner_len(), walk.inner_stride(0), walk.inner_stride(1));
    let step = usize::from(values.len() > 1);
    let mut k = 0usize;
    walk.for_each_row([x.offset(), mask.offset()], |[px, pm]| {
        let (px, pm) = (px as isize, pm as isize);
        for i in 0..n as isize {
            if mbuf[(pm + i * sm) as usize] {
                xbuf[(px + i * sx) as usize] = values[k];
                k += step;
            }
        }
    });
    Ok(())
}

/// The shape of an advanced selection, as NumPy lays it out: the broadcast
/// index shape replaces the indexed axes when they are adjacent, and goes
/// first when basic indices separate them.
struct Layout {
    /// The result shape.
    shape: Vec<usize>,
    /// The shape the index arrays broadcast to.
    index_shape: Vec<usize>,
    /// The basic view axes before the index block (adjacent case only).
    pre: Vec<usize>,
    /// The basic view axes after the index block.
    post: Vec<usize>,
}

/// Broadcasts the advanced indices of `sel` and lays out the result;
/// NumPy's `IndexError` if the index arrays do not broadcast, `MemoryError`
/// if the result is too big.
fn layout(sel: &Selection, dtype: DType) -> ArrayResult<Layout> {
    let index_shapes: Vec<&[usize]> = sel.advanced.iter().map(|a| a.index.shape()).collect();
    let index_shape = crate::array::broadcast::broadcast_many(&index_shapes).map_err(|_| {
        let listed: Vec<String> =
            index_shapes.iter().filter(|s| !s.is_empty()).map(|s| shape_compact(s) + " ").collect();
        ArrayError::index(format!(
            "shape mismatch: indexing arrays could not be broadcast together with shapes {}",
            listed.concat()
        ))
    })?;
    let axes: Vec<usize> = sel.advanced.iter().map(|a| a.axis).collect();
    let first = axes.first().copied().unwrap_or(0);
    let adjacent = sel.adjacent;
    let basic: Vec<usize> = (0..sel.shape.len()).filter(|ax| !axes.contains(ax)).collect();
    let (pre, post): (Vec<usize>, Vec<usize>) =
        if adjacent { basic.iter().partition(|&&ax| ax < first) } else { (Vec::new(), basic) };
    let mut shape: Vec<usize> = pre.iter().map(|&ax| sel.shape[ax]).collect();
    shape.extend_from_slice(&index_shape);
    shape.extend(post.iter().map(|&ax| sel.shape[ax]));
    check_allocation(&shape, dtype)?;
    Ok(Layout { shape, index_shape, pre, post })
}

/// Checks every index array against its axis (NumPy's `IndexError`,
/// naming the axis of the indexed array). Indices that broadcast to an
/// empty shape select nothing and are not checked, as in NumPy.
fn check_bounds(sel: &Selection, layout: &Layout) -> ArrayResult<()> {
    if layout.index_shape.contains(&0) {
        return Ok(());
    }
    for adv in &sel.advanced {
        let size = sel.shape[adv.axis];
        let bad = adv.index.with_slice(|s| s.iter().copied().find(|&i| normalize(i, size).is_none()));
        if let Some(i) = bad {
            return Err(out_of_bounds(i, sel.source_axes[adv.axis], size));
        }
    }
    Ok(())
}

/// Where the elements of an advanced selection live. The result, in C
/// order, is: for each position of the basic axes before the index block
/// (`pre_*`), for each broadcast index position (`index_offsets`), the
/// block of trailing basic axes (`block_*`) read from `offset` plus both.
struct Gather {
    shape: Vec<usize>,
    offset: usize,
    pre_shape: Vec<usize>,
    pre_strides: Vec<isize>,
    index_offsets: Vec<isize>,
    block_shape: Vec<usize>,
    block_strides: Vec<isize>,
}

impl Gather {
    /// Calls `f` with the buffer offset of each block, in C order.
    fn for_each_base(&self, mut f: impl FnMut(usize)) {
        let offset = self.offset as isize;
        if self.pre_shape.is_empty() {
            for &o in &self.index_offsets {
                f((offset + o) as usize);
            }
            return;
        }
        let walk = Walk::new(&self.pre_shape, [&self.pre_strides]);
        let (n, s) = (walk.inner_len(), walk.inner_stride(0));
        walk.for_each_row([self.offset], |[p]| {
            for i in 0..n as isize {
                let base = p as isize + i * s;
                for &o in &self.index_offsets {
                    f((base + o) as usize);
                }
            }
        });
    }

    /// Number of elements in each block.
    fn block_size(&self) -> usize {
        self.block_shape.iter().product()
    }
}

/// The buffer offsets of a laid-out advanced selection whose indices have
/// been checked.
fn gather_plan(sel: &Selection, layout: Layout) -> Gather {
    let pick = |axes: &[usize]| -> (Vec<usize>, Vec<isize>) {
        (axes.iter().map(|&ax| sel.shape[ax]).collect(), axes.iter().map(|&ax| sel.strides[ax]).collect())
    };
    let (pre_shape, pre_strides) = pick(&layout.pre);
    let (block_shape, block_strides) = pick(&layout.post);
    let mut plan = Gather {
        shape: layout.shape,
        offset: sel.offset,
        pre_shape,
        pre_strides,
        index_offsets: Vec::new(),
        block_shape,
        block_strides,
    };
    if plan.shape.contains(&0) {
        return plan;
    }
    plan.index_offsets = match &sel.advanced[..] {
        [adv] => {
            let (size, stride) = (sel.shape[adv.axis], sel.strides[adv.axis]);
            adv.index.with_slice(|s| s.iter().map(|&i| normalize(i, size).unwrap_or(0) as isize * stride).collect())
        }
        many => {
            let count: usize = layout.index_shape.iter().product();
            let mut offsets = vec![0isize; count];
            for adv in many {
                let (size, stride) = (sel.shape[adv.axis], sel.strides[adv.axis]);
                let Some(strides) = broadcast_strides(adv.index.shape(), adv.index.strides(), &layout.index_shape)
                else {
                    continue;
                };
                let view = adv.index.view(layout.index_shape.clone(), strides, adv.index.offset());
                let buf = view.buffer();
                let mut k = 0;
                view.for_each_offset(|p| {
                    offsets[k] += normalize(buf[p], size).unwrap_or(0) as isize * stride;
                    k += 1;
                });
            }
            offsets
        }
    };
    plan
}

/// The elements an advanced selection picks, as a new array.
fn gather<T: Element>(x: &Array<T>, plan: &Gather) -> ArrayResult<Array<T>> {
    let size: usize = plan.shape.iter().product();
    let buf = x.buffer();
    let mut out: Vec<T> = Vec::with_capacity(size);
    if size == 0 {
    } else if plan.block_size() == 1 {
        if plan.pre_shape.is_empty() {
            let offset = plan.offset as isize;
            out.extend(plan.index_offsets.iter().map(|&o| buf[(offset + o) as usize]));
        } else {
            plan.for_each_base(|b| out.push(buf[b]));
        }
    } else {
        let walk = Walk::new(&plan.block_shape, [&plan.block_strides]);
        let (n, s) = (walk.inner_len(), walk.inner_stride(0));
        plan.for_each_base(|base| {
            walk.for_each_row([base], |[p]| {
                if s == 1 {
                    out.extend_from_slice(&buf[p..p + n]);
                } else {
                    out.extend((0..n as isize).map(|k| buf[(p as isize + k * s) as usize]));
                }
            });
        });
    }
    drop(buf);
    Array::from_vec(plan.shape.clone(), out)
}

/// Writes `value` (already broadcast to the selection's shape) into the
/// elements an advanced selection picks, in C order (the last write to a
/// repeated position wins).
fn scatter<T: Element>(x: &Array<T>, plan: &Gather, value: &Array<T>) -> ArrayResult<()> {
    if plan.shape.contains(&0) {
        return Ok(());
    }
    // A value broadcast from one element (all strides zero) is a scalar.
    let scalar = value.strides().iter().all(|&s| s == 0).then(|| value.get_flat(0));
    let values = if scalar.is_some() { Vec::new() } else { value.to_vec() };
    let mut buf = x.buffer_mut()?;
    if plan.block_size() == 1 {
        match scalar {
            Some(v) => plan.for_each_base(|b| buf[b] = v),
            None => {
                let mut k = 0;
                plan.for_each_base(|b| {
                    buf[b] = values[k];
                    k += 1;
                });
            }
        }
        return Ok(());
    }
    let walk = Walk::new(&plan.block_shape, [&plan.block_strides]);
    let (n, s) = (walk.inner_len(), walk.inner_stride(0));
    let mut k = 0usize;
    plan.for_each_base(|base| {
        walk.for_each_row([base], |[p]| {
            let p = p as isize;
            for i in 0..n as isize {
                buf[(p + i * s) as usize] = match scalar {
                    Some(v) => v,
                    None => values[k],
                };
                k += 1;
            }
        });
    });
    Ok(())
}
