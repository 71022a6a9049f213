//! NumPy indexing: reading (`a[...]`) and assignment (`a[...] = v`).
//!
//! Basic indices (integers, slices, `newaxis`, `...`) give a view sharing
//! the buffer. Integer and boolean arrays ("advanced" indices) give a copy,
//! laid out by NumPy's rules: the index arrays broadcast together, and their
//! result axes replace the indexed axes in place when the advanced indices
//! are adjacent, or go first when a slice separates them. Once any advanced
//! index is present, integers count as advanced indices too (as in NumPy).

use crate::array::broadcast::{broadcast_strides, shape_compact};
use crate::array::dtype::DType;
use crate::array::elementwise::kernels::assign;
use crate::array::error::{ArrayError, ArrayResult, ErrorKind};
use crate::array::storage::{IntoNdArray, NdArray};

mod gather;
mod select;
#[cfg(test)]
mod tests;

use gather::{check_bounds, gather, gather_plan, layout, mask_gather, mask_scatter, scatter};
use select::{full_mask, select};

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
    /// arrays). A 0-d integer array acts as an integer; an empty float array
    /// (what `np.array([])` gives for `[]`) acts as an empty integer array.
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
        let value = if only_ints && sel.shape.is_empty() && value.ndim() > 0 { element_value(&value)? } else { value };
        let src = value_view(&value, &sel.shape).ok_or_else(|| {
            // NumPy names the value's shape after dropping the leading length-1 axes it ignores
            let mut vshape = value.shape();
            while vshape.len() > sel.shape.len() && vshape.first() == Some(&1) {
                vshape = &vshape[1..];
            }
            ArrayError::value(format!(
                "could not broadcast input array from shape {} into shape {}",
                shape_compact(vshape),
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
    let mut sel = sel;
    for adv in sel.advanced.iter_mut() {
        // An index array that is a view of `a` itself (`a[a] = v`) is read
        // while `a` is written: read it from a copy.
        if with_array!(a, x => x.shares_buffer(&adv.index)) {
            adv.index = adv.index.copy();
        }
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
        NdArray::Complex(_) => {
            Err(ArrayError::type_error("only 0-dimensional arrays can be converted to Python scalars"))
        }
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
    Some(with_array!(value, v => v.view(shape, strides, v.offset()).into_nd()))
}

/// NumPy's `IndexError` for an index that is not an integer, slice,
/// ellipsis, newaxis or integer/boolean array.
pub fn non_index_error() -> ArrayError {
    ArrayError::index(
        "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices",
    )
}
