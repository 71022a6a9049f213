//! Sorting (`sort`, `argsort`), `unique`, `nonzero`, `argwhere`,
//! `searchsorted`.
//!
//! NPL always sorts stably (NumPy's `kind='stable'`), so `argsort` of ties
//! keeps their original order whatever `kind` the program asks for. NaNs
//! sort last; complex numbers sort lexicographically with NumPy's extended
//! order `R + Rj < R + nanj < nan + Rj < nan + nanj`.

use super::cancel;
use super::dtype::Element;
use super::error::{ArrayError, ArrayResult};
use super::manip::normalize_axis;
use super::storage::{Array, IntoNdArray, NdArray};
use num_complex::Complex64;
use std::cmp::Ordering;

/// Elements sorted at once between two Ctrl-C checks.
const SORT_PIECE: usize = 1 << 16;

/// Sorts `v` stably by `cmp`, interruptibly: long slices are sorted in
/// pieces, then merged pass by pass (a stable merge sort gives the very
/// result of a stable sort), with a Ctrl-C check before each piece and
/// each merge.
pub(crate) fn sort_checked<T: Copy>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) -> ArrayResult<()> {
    let n = v.len();
    if n <= SORT_PIECE {
        v.sort_by(&cmp);
        return Ok(());
    }
    for piece in v.chunks_mut(SORT_PIECE) {
        cancel::check()?;
        piece.sort_by(&cmp);
    }
    let mut other: Vec<T> = v.to_vec();
    let mut in_v = true;
    let mut width = SORT_PIECE;
    while width < n {
        {
            let (src, dst): (&[T], &mut [T]) = if in_v { (&*v, &mut other[..]) } else { (&other[..], &mut *v) };
            let mut start = 0;
            while start < n {
                cancel::check()?;
                let mid = (start + width).min(n);
                let end = (start + 2 * width).min(n);
                merge(&src[start..mid], &src[mid..end], &mut dst[start..end], &cmp);
                start = end;
            }
        }
        in_v = !in_v;
        width *= 2;
    }
    if !in_v {
        v.copy_from_slice(&other);
    }
    Ok(())
}

/// Stable merge of two sorted runs (ties take the left run first).
fn merge<T: Copy>(a: &[T], b: &[T], out: &mut [T], cmp: &impl Fn(&T, &T) -> Ordering) {
    let (mut i, mut j) = (0, 0);
    for o in out.iter_mut() {
        if j < b.len() && (i >= a.len() || cmp(&b[j], &a[i]) == Ordering::Less) {
            *o = b[j];
            j += 1;
        } else {
            *o = a[i];
            i += 1;
        }
    }
}

/// NumPy's sort order for an element type.
pub trait SortKey: Copy {
    /// NumPy's total order (NaN last; complex lexicographic).
    fn cmp_key(&self, other: &Self) -> Ordering;
    /// Whether the element is NaN (or has a NaN part).
    fn is_nan_key(&self) -> bool;
    /// An integer with the same order as [`SortKey::cmp_key`], for fast
    /// sorting (`None` for types without one).
    fn int_key(&self) -> Option<u64> {
        None
    }
    /// Sorts values (equal values may change places, as in NumPy's default
    /// sort; for floats `-0.0` goes before `0.0`).
    fn sort_values(lane: &mut [Self]) -> ArrayResult<()> {
        sort_checked(lane, |a, b| a.cmp_key(b))
    }
    /// The stable sorting permutation of `lane`.
    fn argsort_lane(lane: &[Self]) -> ArrayResult<Vec<usize>> {
        if lane.first().and_then(|v| v.int_key()).is_some() {
            let mut pairs: Vec<(u64, u32)> = Vec::new();
            if lane.len() <= u32::MAX as usize {
                pairs = lane.iter().enumerate().map(|(i, v)| (v.int_key().unwrap_or(u64::MAX), i as u32)).collect();
            }
            if !pairs.is_empty() || lane.is_empty() {
                sort_checked(&mut pairs, |a, b| a.0.cmp(&b.0))?;
                return Ok(pairs.into_iter().map(|(_, i)| i as usize).collect());
            }
            let mut order: Vec<usize> = (0..lane.len()).collect();
            let key = |i: usize| lane[i].int_key().unwrap_or(u64::MAX);
            sort_checked(&mut order, |&i, &j| key(i).cmp(&key(j)))?;
            Ok(order)
        } else {
            let mut order: Vec<usize> = (0..lane.len()).collect();
            sort_checked(&mut order, |&i, &j| lane[i].cmp_key(&lane[j]))?;
            Ok(order)
        }
    }
}

impl SortKey for bool {
    fn cmp_key(&self, other: &bool) -> Ordering {
        self.cmp(other)
    }
    fn is_nan_key(&self) -> bool {
        false
    }
}

impl SortKey for i64 {
    fn cmp_key(&self, other: &i64) -> Ordering {
        self.cmp(other)
    }
    fn is_nan_key(&self) -> bool {
        false
    }
    fn int_key(&self) -> Option<u64> {
        Some((*self as u64) ^ (1 << 63))
    }
    fn sort_values(lane: &mut [i64]) -> ArrayResult<()> {
        sort_checked(lane, |a, b| a.cmp(b))
    }
}

fn cmp_f64(a: f64, b: f64) -> Ordering {
    match (a.is_nan(), b.is_nan()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        (false, false) => a.partial_cmp(&b).unwrap_or(Ordering::Equal),
    }
}

impl SortKey for f64 {
    fn cmp_key(&self, other: &f64) -> Ordering {
        cmp_f64(*self, *other)
    }
    fn is_nan_key(&self) -> bool {
        self.is_nan()
    }
    fn int_key(&self) -> Option<u64> {
        let v = *self;
        if v.is_nan() {
            return Some(u64::MAX);
        }
        // -0.0 and 0.0 are equal; flip the bits so integer order is float order.
        let b = if v == 0.0 { 0u64 } else { v.to_bits() };
        Some(if b >> 63 == 1 { !b } else { b | (1 << 63) })
    }
    fn sort_values(lane: &mut [f64]) -> ArrayResult<()> {
        // Sort order-preserving integer images (NaNs made one quiet NaN,
        // which sorts last), then map them back.
        let mut keys: Vec<u64> = lane
            .iter()
            .map(|&v| {
                let b = if v.is_nan() { f64::NAN.to_bits() & !(1 << 63) } else { v.to_bits() };
                if b >> 63 == 1 {
                    !b
                } else {
                    b | (1 << 63)
                }
            })
            .collect();
        // Zeros of either sign and NaNs keep their input order (stable).
        let zeros: Vec<f64> = lane.iter().copied().filter(|&v| v == 0.0).collect();
        let nans: Vec<f64> = lane.iter().copied().filter(|v| v.is_nan()).collect();
        sort_checked(&mut keys, |a, b| a.cmp(b))?;
        for (d, k) in lane.iter_mut().zip(keys) {
            let b = if k >> 63 == 1 { k & !(1 << 63) } else { !k };
            *d = f64::from_bits(b);
        }
        if zeros.len() > 1 {
            if let Some(start) = lane.iter().position(|&v| v == 0.0) {
                lane[start..start + zeros.len()].copy_from_slice(&zeros);
            }
        }
        let n = lane.len();
        lane[n - nans.len()..].copy_from_slice(&nans);
        Ok(())
    }
}

impl SortKey for Complex64 {
    fn cmp_key(&self, other: &Complex64) -> Ordering {
        let class = |z: &Complex64| (z.re.is_nan() as u8) * 2 + z.im.is_nan() as u8;
        let (ca, cb) = (class(self), class(other));
        if ca != cb {
            return ca.cmp(&cb);
        }
        match ca {
            0 => cmp_f64(self.re, other.re).then(cmp_f64(self.im, other.im)),
            1 => cmp_f64(self.re, other.re),
            2 => cmp_f64(self.im, other.im),
            _ => Ordering::Equal,
        }
    }
    fn is_nan_key(&self) -> bool {
        self.re.is_nan() || self.im.is_nan()
    }
}

/// Resolves the sort axis: `None` sorts the flattened array.
fn sort_layout(a: &NdArray, axis: Option<isize>) -> ArrayResult<(Vec<usize>, usize)> {
    match axis {
        None => Ok((vec![a.size()], 0)),
        Some(k) => {
            let ax = normalize_axis(k, a.ndim())?;
            Ok((a.shape().to_vec(), ax))
        }
    }
}

/// Calls `f` with each lane along `axis` of C-ordered `data` of `shape`:
/// the lane's element positions.
fn for_each_lane(shape: &[usize], axis: usize, mut f: impl FnMut(&mut dyn Iterator<Item = usize>)) {
    let n = shape[axis];
    let inner: usize = shape[axis + 1..].iter().product();
    let outer: usize = shape[..axis].iter().product();
    if n == 0 {
        return;
    }
    for o in 0..outer {
        for i in 0..inner {
            let base = o * n * inner + i;
            let mut it = (0..n).map(move |k| base + k * inner);
            f(&mut it);
        }
    }
}

fn sort_typed<T: Element + SortKey>(x: &Array<T>, shape: Vec<usize>, axis: usize) -> ArrayResult<Array<T>> {
    let mut data = x.to_vec();
    if axis + 1 == shape.len() {
        let n = shape[axis];
        if n > 0 {
            for lane in data.chunks_mut(n) {
                cancel::check()?;
                T::sort_values(lane)?;
            }
        }
        return Array::from_vec(shape, data);
    }
    let mut lane: Vec<T> = Vec::new();
    let mut status = Ok(());
    for_each_lane(&shape, axis, |pos| {
        if status.is_err() {
            return;
        }
        let idx: Vec<usize> = pos.collect();
        lane.clear();
        lane.extend(idx.iter().map(|&p| data[p]));
        status = cancel::check().and_then(|_| T::sort_values(&mut lane));
        for (&p, &v) in idx.iter().zip(&lane) {
            data[p] = v;
        }
    });
    status?;
    Array::from_vec(shape, data)
}

/// `np.sort(a, axis)`: a sorted copy (stable; NaN last). `axis=None`
/// sorts the flattened array.
pub fn sort(a: &NdArray, axis: Option<isize>) -> ArrayResult<NdArray> {
    let (shape, ax) = sort_layout(a, axis)?;
    Ok(with_array!(a, x => sort_typed(x, shape, ax)?.into_nd()))
}

/// `a.sort(axis)`: sorts the array in place along `axis`.
pub fn sort_inplace(a: &NdArray, axis: isize) -> ArrayResult<()> {
    let sorted = sort(a, Some(axis))?;
    match (a, &sorted) {
        (NdArray::Bool(x), NdArray::Bool(s)) => x.assign_from_slice(&s.to_vec()),
        (NdArray::Int(x), NdArray::Int(s)) => x.assign_from_slice(&s.to_vec()),
        (NdArray::Float(x), NdArray::Float(s)) => x.assign_from_slice(&s.to_vec()),
        (NdArray::Complex(x), NdArray::Complex(s)) => x.assign_from_slice(&s.to_vec()),
        _ => Err(ArrayError::type_error("sort changed the dtype")),
    }
}

fn argsort_typed<T: Element + SortKey>(x: &Array<T>, shape: Vec<usize>, axis: usize) -> ArrayResult<Array<i64>> {
    let data = x.to_vec();
    if axis + 1 == shape.len() {
        let n = shape[axis];
        let mut out = Vec::with_capacity(data.len());
        if n > 0 {
            for lane in data.chunks(n) {
                cancel::check()?;
                out.extend(T::argsort_lane(lane)?.into_iter().map(|i| i as i64));
            }
        }
        return Array::from_vec(shape, out);
    }
    let mut out = vec![0i64; data.len()];
    let mut lane: Vec<T> = Vec::new();
    let mut status = Ok(());
    for_each_lane(&shape, axis, |pos| {
        if status.is_err() {
            return;
        }
        let idx: Vec<usize> = pos.collect();
        lane.clear();
        lane.extend(idx.iter().map(|&p| data[p]));
        match cancel::check().and_then(|_| T::argsort_lane(&lane)) {
            Ok(order) => {
                for (&p, &o) in idx.iter().zip(&order) {
                    out[p] = o as i64;
                }
            }
            Err(e) => status = Err(e),
        }
    });
    status?;
    Array::from_vec(shape, out)
}

/// `np.argsort(a, axis)`: indices that sort `a` along `axis` (stable, so
/// ties keep their order; NaN last). `axis=None` uses the flattened array.
pub fn argsort(a: &NdArray, axis: Option<isize>) -> ArrayResult<NdArray> {
    if a.ndim() == 0 {
        // NumPy sorts a 0-d array as if it had one axis.
        if let Some(k) = axis {
            normalize_axis(k, 1)?;
        }
        return Ok(NdArray::Int(Array::from_vec(vec![1], vec![0])?));
    }
    let (shape, ax) = sort_layout(a, axis)?;
    Ok(NdArray::Int(with_array!(a, x => argsort_typed(x, shape, ax)?)))
}

/// The result of [`unique`]: the sorted unique values and, when asked,
/// first indices, the inverse (shaped like the input) and counts.
#[derive(Clone, Debug)]
pub struct Unique {
    /// Sorted unique values (1-d).
    pub values: NdArray,
    /// Index of the first occurrence of each value in the flattened input.
    pub index: Option<NdArray>,
    /// For each input element, the index of its value in `values`.
    pub inverse: Option<NdArray>,
    /// How often each value occurs.
    pub counts: Option<NdArray>,
}

fn unique_typed<T: Element + SortKey>(x: &Array<T>, want: (bool, bool, bool)) -> ArrayResult<Unique>
where
    Array<T>: IntoNdArray,
{
    let data = x.to_vec();
    let order = T::argsort_lane(&data)?;
    let mut values = Vec::new();
    let mut index = Vec::new();
    let mut counts: Vec<i64> = Vec::new();
    let mut inverse = vec![0i64; data.len()];
    for (k, &i) in order.iter().enumerate() {
        let v = data[i];
        let new = match k {
            0 => true,
            _ => {
                let prev = data[order[k - 1]];
                // All NaNs collapse into one value (NumPy's equal_nan=True).
                !(prev.cmp_key(&v) == Ordering::Equal && !prev.is_nan_key() || prev.is_nan_key() && v.is_nan_key())
            }
        };
        if new {
            values.push(v);
            index.push(i as i64);
            counts.push(0);
        }
        if let Some(c) = counts.last_mut() {
            *c += 1;
        }
        inverse[i] = values.len() as i64 - 1;
    }
    if want == (false, false, false) {
        // Plain np.unique is hash based in NumPy: of the NaNs (complex ones differ), it keeps the first in C order
        if let (Some(last), Some(&first_nan)) = (values.last_mut(), data.iter().find(|v| v.is_nan_key())) {
            if last.is_nan_key() {
                *last = first_nan;
            }
        }
    }
    let n = values.len();
    Ok(Unique {
        values: Array::from_vec(vec![n], values)?.into_nd(),
        index: if want.0 { Some(NdArray::Int(Array::from_vec(vec![n], index)?)) } else { None },
        inverse: if want.1 { Some(NdArray::Int(Array::from_vec(x.shape(), inverse)?)) } else { None },
        counts: if want.2 { Some(NdArray::Int(Array::from_vec(vec![n], counts)?)) } else { None },
    })
}

/// `np.unique(a, return_index, return_inverse, return_counts)` over the
/// flattened array: sorted unique values (all NaNs count as one value).
pub fn unique(a: &NdArray, return_index: bool, return_inverse: bool, return_counts: bool) -> ArrayResult<Unique> {
    let want = (return_index, return_inverse, return_counts);
    with_array!(a, x => unique_typed(x, want))
}

/// `np.nonzero(a)`: for each axis, the indices of the non-zero elements in
/// C order. 0-d arrays raise NumPy's `ValueError`.
pub fn nonzero(a: &NdArray) -> ArrayResult<Vec<Array<i64>>> {
    if a.ndim() == 0 {
        return Err(ArrayError::value(
            "Calling nonzero on 0d arrays is not allowed. Use np.atleast_1d(scalar).nonzero() instead.",
        ));
    }
    let coords = nonzero_coords(a);
    let nd = a.ndim();
    let n = coords.len() / nd.max(1);
    (0..nd).map(|d| Array::from_vec(vec![n], (0..n).map(|i| coords[i * nd + d]).collect())).collect()
}

/// Multi-indices of the non-zero elements, concatenated.
fn nonzero_coords(a: &NdArray) -> Vec<i64> {
    let truth: Vec<bool> = a.to_scalars().iter().map(|s| s.to_bool()).collect();
    let shape = a.shape();
    let nd = shape.len();
    let mut out = Vec::new();
    let mut idx = vec![0usize; nd];
    for &t in &truth {
        if t {
            out.extend(idx.iter().map(|&i| i as i64));
        }
        for k in (0..nd).rev() {
            idx[k] += 1;
            if idx[k] < shape[k] {
                break;
            }
            idx[k] = 0;
        }
    }
    out
}

/// `np.argwhere(a)`: the indices of the non-zero elements as rows of an
/// (N, a.ndim) int64 array.
pub fn argwhere(a: &NdArray) -> ArrayResult<NdArray> {
    let nd = a.ndim();
    if nd == 0 {
        let n = a.item().map(|s| s.to_bool() as usize).unwrap_or(0);
        return Ok(NdArray::Int(Array::from_vec(vec![n, 0], vec![])?));
    }
    let coords = nonzero_coords(a);
    let n = coords.len() / nd;
    Ok(NdArray::Int(Array::from_vec(vec![n, nd], coords)?))
}

/// `np.searchsorted(a, v, side)`: insertion points of `v` into the sorted
/// 1-d `a` (leftmost, or rightmost when `right`), shaped like `v`.
pub fn searchsorted(a: &NdArray, v: &NdArray, right: bool) -> ArrayResult<NdArray> {
    if a.ndim() != 1 {
        return Err(ArrayError::value("object too deep for desired array"));
    }
    let dtype = a.dtype().max(v.dtype());
    let (aa, vv) = (a.cast_to(dtype), v.cast_to(dtype));
    fn go<T: Element + SortKey>(a: &Array<T>, v: &Array<T>, right: bool) -> ArrayResult<Array<i64>> {
        let sorted = a.to_vec();
        let out: Vec<i64> = v
            .to_vec()
            .iter()
            .map(|x| {
                sorted.partition_point(|e| match e.cmp_key(x) {
                    Ordering::Less => true,
                    Ordering::Equal => right,
                    Ordering::Greater => false,
                }) as i64
            })
            .collect();
        Array::from_vec(v.shape(), out)
    }
    Ok(NdArray::Int(match (&aa, &vv) {
        (NdArray::Bool(x), NdArray::Bool(y)) => go(x, y, right)?,
        (NdArray::Int(x), NdArray::Int(y)) => go(x, y, right)?,
        (NdArray::Float(x), NdArray::Float(y)) => go(x, y, right)?,
        (NdArray::Complex(x), NdArray::Complex(y)) => go(x, y, right)?,
        _ => return Err(ArrayError::type_error("searchsorted: mismatched dtypes")),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(v: &[f64]) -> NdArray {
        NdArray::Float(Array::from_slice(v))
    }

    #[test]
    fn sort_puts_nan_last() {
        let s = sort(&f(&[2.5, -1.0, f64::NAN, 0.0]), Some(-1)).unwrap();
        let v = s.to_float().to_vec();
        assert_eq!(&v[..3], &[-1.0, 0.0, 2.5]);
        assert!(v[3].is_nan());
    }

    #[test]
    fn argsort_is_stable_with_nans_last() {
        let r = argsort(&f(&[3.0, f64::NAN, 1.0, f64::NAN, f64::NEG_INFINITY]), Some(-1)).unwrap();
        assert_eq!(r.to_int().to_vec(), vec![4, 2, 0, 1, 3]);
    }

    #[test]
    fn complex_sort_order_is_numpys() {
        let z = |re: f64, im: f64| Complex64::new(re, im);
        let a = NdArray::Complex(Array::from_slice(&[
            z(1.0, 1.0),
            z(f64::NAN, 0.0),
            z(0.0, f64::NAN),
            z(1.0, -1.0),
            z(f64::NAN, f64::NAN),
            z(0.0, 0.0),
        ]));
        let s = sort(&a, None).unwrap().to_complex().to_vec();
        assert_eq!(s[0], z(0.0, 0.0));
        assert_eq!(s[1], z(1.0, -1.0));
        assert_eq!(s[2], z(1.0, 1.0));
        assert!(s[3].re == 0.0 && s[3].im.is_nan());
        assert!(s[4].re.is_nan() && s[4].im == 0.0);
    }

    #[test]
    fn unique_with_everything() {
        let a = NdArray::Int(Array::from_vec(vec![2, 2], vec![1, 2, 2, 1]).unwrap());
        let u = unique(&a, true, true, true).unwrap();
        assert_eq!(u.values.to_int().to_vec(), vec![1, 2]);
        assert_eq!(u.index.unwrap().to_int().to_vec(), vec![0, 1]);
        let inv = u.inverse.unwrap();
        assert_eq!(inv.shape(), &[2, 2]);
        assert_eq!(inv.to_int().to_vec(), vec![0, 1, 1, 0]);
        assert_eq!(u.counts.unwrap().to_int().to_vec(), vec![2, 2]);
    }

    #[test]
    fn unique_collapses_nans() {
        let u = unique(&f(&[f64::NAN, 1.0, f64::NAN]), true, false, true).unwrap();
        let v = u.values.to_float().to_vec();
        assert_eq!(v[0], 1.0);
        assert!(v[1].is_nan());
        assert_eq!(u.index.unwrap().to_int().to_vec(), vec![1, 0]);
        assert_eq!(u.counts.unwrap().to_int().to_vec(), vec![1, 2]);
    }

    #[test]
    fn nonzero_and_argwhere() {
        let a = NdArray::Int(Array::from_vec(vec![2, 2], vec![1, 0, 0, 3]).unwrap());
        let nz = nonzero(&a).unwrap();
        assert_eq!(nz[0].to_vec(), vec![0, 1]);
        assert_eq!(nz[1].to_vec(), vec![0, 1]);
        let w = argwhere(&a).unwrap();
        assert_eq!(w.shape(), &[2, 2]);
        let e = nonzero(&NdArray::Int(Array::scalar(5))).unwrap_err();
        assert!(e.message.starts_with("Calling nonzero on 0d arrays"));
        assert_eq!(argwhere(&NdArray::Int(Array::scalar(5))).unwrap().shape(), &[1, 0]);
    }

    #[test]
    fn searchsorted_sides() {
        let a = NdArray::Int(Array::from_slice(&[1, 2, 2, 3]));
        let v = NdArray::Int(Array::from_slice(&[2, 0, 5]));
        assert_eq!(searchsorted(&a, &v, false).unwrap().to_int().to_vec(), vec![1, 0, 4]);
        let r = searchsorted(&a, &NdArray::Int(Array::scalar(2)), true).unwrap();
        assert_eq!(r.to_int().to_vec(), vec![3]);
    }

    #[test]
    fn sorting_zero_d_needs_axis_none() {
        let e = sort(&NdArray::Int(Array::scalar(5)), Some(-1)).unwrap_err();
        assert_eq!(e.message, "axis -1 is out of bounds for array of dimension 0");
        assert_eq!(sort(&NdArray::Int(Array::scalar(5)), None).unwrap().shape(), &[1]);
    }
}
