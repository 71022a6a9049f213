//! Axis arguments: negative axes, bounds and duplicates, as NumPy checks them.

use crate::array::error::{ArrayError, ArrayResult};

/// `axis` as an index into `ndim` axes (negative counts from the end), or
/// NumPy's `AxisError` ("axis 2 is out of bounds for array of dimension 2").
pub fn normalize_axis(axis: isize, ndim: usize) -> ArrayResult<usize> {
    let n = ndim as isize;
    if axis < -n || axis >= n {
        return Err(ArrayError::axis(axis, ndim));
    }
    Ok(if axis < 0 { (axis + n) as usize } else { axis as usize })
}

/// Several axes normalized; NumPy's `ValueError` "duplicate value in 'axis'"
/// when two name the same axis.
pub fn normalize_axes(axes: &[isize], ndim: usize) -> ArrayResult<Vec<usize>> {
    let mut out = Vec::with_capacity(axes.len());
    for &a in axes {
        let k = normalize_axis(a, ndim)?;
        if out.contains(&k) {
            return Err(ArrayError::value("duplicate value in 'axis'"));
        }
        out.push(k);
    }
    Ok(out)
}

/// The reduced axes of an `ndim`-dimensional array as a mask (`None` = all).
/// As in NumPy's reductions, a 0-d array accepts axis `0` and `-1`.
pub fn axis_mask(axis: Option<&[isize]>, ndim: usize) -> ArrayResult<Vec<bool>> {
    let mut mask = vec![axis.is_none(); ndim];
    if let Some(axes) = axis {
        if ndim == 0 {
            normalize_axes(axes, 1)?;
            return Ok(mask);
        }
        for k in normalize_axes(axes, ndim)? {
            mask[k] = true;
        }
    }
    Ok(mask)
}

/// Like [`axis_mask`] but without the 0-d leniency of ufunc reductions
/// (NumPy's `normalize_axis_tuple`, used by `median`, `percentile`, ...).
pub fn axis_mask_strict(axis: Option<&[isize]>, ndim: usize) -> ArrayResult<Vec<bool>> {
    let mut mask = vec![axis.is_none(); ndim];
    if let Some(axes) = axis {
        for k in normalize_axes(axes, ndim)? {
            mask[k] = true;
        }
    }
    Ok(mask)
}
