//! The basic part of an index: classifying the items, slices and integers
//! (a view), and collecting the advanced indices with their axes.

use super::{non_index_error, IndexItem};
use crate::array::error::{ArrayError, ArrayResult};
use crate::array::storage::{Array, NdArray};

/// A slice applied to an axis of `len` by Python's rules (`slice.indices`):
/// its first position, its number of elements, and its step.
pub(super) fn slice_range(
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
    len: usize,
) -> ArrayResult<(usize, usize, i128)> {
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
pub(super) struct Advanced {
    /// The axis of the basic view it indexes.
    pub(super) axis: usize,
    /// The indices (any shape; broadcast with the others).
    pub(super) index: Array<i64>,
}

/// The basic part of an index applied to an array: a view, plus the
/// advanced indices still to apply to some of its axes.
pub(super) struct Selection {
    pub(super) shape: Vec<usize>,
    pub(super) strides: Vec<isize>,
    pub(super) offset: usize,
    /// The axis of the indexed array each view axis comes from (`None` for
    /// new axes), for error messages.
    pub(super) source_axes: Vec<Option<usize>>,
    pub(super) advanced: Vec<Advanced>,
    /// Whether the advanced indices stand next to each other in the index
    /// (no slice, `newaxis` or `...` between them, even an empty `...`).
    pub(super) adjacent: bool,
}

/// What an index item is, once its array (if any) is looked at.
pub(super) enum Kind<'a> {
    Int(i64),
    Slice(Option<i64>, Option<i64>, Option<i64>),
    NewAxis,
    Ellipsis,
    IntArray(Array<i64>),
    BoolArray(&'a Array<bool>),
    BoolScalar(bool),
}

/// Classifies the items, rejecting non-integer arrays and a second `...`.
pub(super) fn classify(items: &[IndexItem]) -> ArrayResult<Vec<Kind<'_>>> {
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
            IndexItem::Array(x) if x.ndim() == 0 => return Err(non_index_error()),
            IndexItem::Array(_) => {
                return Err(ArrayError::index("arrays used as indices must be of integer (or boolean) type"))
            }
        });
    }
    Ok(kinds)
}

/// NumPy's `IndexError` for an integer out of range.
pub(super) fn out_of_bounds(index: i64, axis: Option<usize>, size: usize) -> ArrayError {
    ArrayError::index(format!("index {index} is out of bounds for axis {} with size {size}", axis.unwrap_or(0)))
}

/// NumPy's `IndexError` for a boolean index of the wrong length.
pub(super) fn bool_mismatch(axis: usize, size: usize, bool_size: usize) -> ArrayError {
    ArrayError::index(format!(
        "boolean index did not match indexed array along axis {axis}; size of axis is {size} but size of corresponding boolean axis is {bool_size}"
    ))
}

/// Checks `mask`'s shape against the axes of `shape` starting at `first` (an empty mask always fits).
pub(super) fn check_mask(mask: &[usize], shape: &[usize], first: usize) -> ArrayResult<()> {
    if mask.contains(&0) && first + mask.len() <= shape.len() {
        return Ok(()); // NumPy takes an empty mask of any shape as "select nothing" on the axes it covers
    }
    for (k, (&m, &n)) in mask.iter().zip(&shape[first..]).enumerate() {
        if m != n {
            return Err(bool_mismatch(first + k, n, m));
        }
    }
    Ok(())
}

/// `i` normalized into `0..size`, or `None` if out of range.
#[inline]
pub(super) fn normalize(i: i64, size: usize) -> Option<usize> {
    // `i + size` cannot overflow for negative `i`, as `size <= i64::MAX`.
    let j = if i < 0 { i.wrapping_add(size as i64) } else { i };
    ((j as u64) < size as u64).then_some(j as usize)
}

/// Applies the basic part of `items` to an array of `shape`/`strides`/
/// `offset`, collecting the advanced indices.
pub(super) fn select(shape: &[usize], strides: &[isize], offset: usize, items: &[IndexItem]) -> ArrayResult<Selection> {
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
                // A run of at most one element keeps the sign NumPy gives its
                // stride (NumPy's loops choose their path by that sign).
                let stride = if count > 1 {
                    (strides[axis] as i128 * step) as isize
                } else {
                    strides[axis] * step.signum() as isize
                };
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
pub(super) fn nonzero(mask: &Array<bool>) -> ArrayResult<Vec<Array<i64>>> {
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
pub(super) fn full_mask(shape: &[usize], items: &[IndexItem]) -> ArrayResult<Option<Array<bool>>> {
    match items {
        [IndexItem::Array(NdArray::Bool(m))] if m.ndim() == shape.len() && (m.size() > 0 || m.shape() == shape) => {
            check_mask(m.shape(), shape, 0)?;
            Ok(Some(m.clone()))
        }
        _ => Ok(None),
    }
}
