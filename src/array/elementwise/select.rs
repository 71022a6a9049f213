//! Selection and comparison of whole arrays: `np.where`, `np.clip`,
//! `np.isclose`, `np.allclose`, `np.array_equal`.

use super::kernels::{map, zip3_map, zip_map};
use super::{cmath, BinaryOp};
use crate::array::broadcast::broadcast_many;
use crate::array::dtype::{DType, Element};
use crate::array::error::{ArrayError, ArrayResult};
use crate::array::storage::{Array, IntoNdArray, NdArray};
use num_complex::Complex64;

/// `np.where(cond, x, y)`: `x` where `cond` is true (non-zero), else `y`,
/// all three broadcast together; the result has the promoted dtype of `x`
/// and `y`.
pub fn where_select(cond: &NdArray, x: &NdArray, y: &NdArray) -> ArrayResult<NdArray> {
    broadcast_many(&[cond.shape(), x.shape(), y.shape()])?;
    let c = cond.to_bool();
    Ok(match x.dtype().promote(y.dtype()) {
        DType::Bool => pick(&c, &x.to_bool(), &y.to_bool())?.into_nd(),
        DType::Int64 => pick(&c, &x.to_int(), &y.to_int())?.into_nd(),
        DType::Float64 => pick(&c, &x.to_float(), &y.to_float())?.into_nd(),
        DType::Complex128 => pick(&c, &x.to_complex(), &y.to_complex())?.into_nd(),
    })
}

/// The typed loop of [`where_select`].
fn pick<T: Element>(c: &Array<bool>, x: &Array<T>, y: &Array<T>) -> ArrayResult<Array<T>> {
    super::parallel_kernels::par_zip3_map(c, x, y, |c, x, y| if c { x } else { y })
}

/// Clamping of one element type for [`clip`] with both bounds.
trait Clamp: Element {
    /// The element clamped to `lo..=hi`; `scalar_bounds` selects NumPy's
    /// loop for scalar bounds (which keeps the element on ties).
    fn clamp_to(self, lo: Self, hi: Self, scalar_bounds: bool) -> Self;

    /// Whether [`Clamp::clamp_fast`] gives the result for these scalar
    /// bounds (not for NaN bounds, nor for bool and complex).
    fn has_fast_clamp(lo: Self, hi: Self) -> bool {
        let _ = (lo, hi);
        false
    }

    /// [`Clamp::clamp_to`] with scalar bounds, written to vectorize.
    fn clamp_fast(self, lo: Self, hi: Self) -> Self {
        self.clamp_to(lo, hi, true)
    }
}

impl Clamp for bool {
    fn clamp_to(self, lo: Self, hi: Self, _: bool) -> Self {
        (self | lo) & hi
    }
}

impl Clamp for i64 {
    fn clamp_to(self, lo: Self, hi: Self, _: bool) -> Self {
        self.max(lo).min(hi)
    }
    fn has_fast_clamp(_: Self, _: Self) -> bool {
        true
    }
}

impl Clamp for f64 {
    fn clamp_to(self, lo: Self, hi: Self, scalar_bounds: bool) -> Self {
        if scalar_bounds {
            // NaN anywhere wins; ties keep the element.
            let v = if self.is_nan() || !(self < lo || lo.is_nan()) { self } else { lo };
            if v.is_nan() || !(v > hi || hi.is_nan()) {
                v
            } else {
                hi
            }
        } else {
            // `minimum(maximum(x, lo), hi)`: NaN wins; ties give the bound.
            let v = if self > lo || self.is_nan() { self } else { lo };
            if v < hi || v.is_nan() {
                v
            } else {
                hi
            }
        }
    }
    fn has_fast_clamp(lo: Self, hi: Self) -> bool {
        !lo.is_nan() && !hi.is_nan()
    }
    fn clamp_fast(self, lo: Self, hi: Self) -> Self {
        // With bounds that are not NaN: a NaN element stays, ties keep it.
        let v = if self < lo { lo } else { self };
        if v > hi {
            hi
        } else {
            v
        }
    }
}

/// NumPy's `clip` order on complex numbers: lexicographic, ties go to the
/// bound, a NaN element stays.
impl Clamp for Complex64 {
    fn clamp_to(self, lo: Self, hi: Self, _: bool) -> Self {
        let above = if self.re == lo.re { self.im > lo.im } else { self.re > lo.re };
        let v = if cmath::is_nan(self) || above { self } else { lo };
        let below = if v.re == hi.re { v.im < hi.im } else { v.re < hi.re };
        if cmath::is_nan(v) || below {
            v
        } else {
            hi
        }
    }
}

/// The typed loop of [`clip`] with both bounds.
fn clamp<T: Clamp>(a: &NdArray, lo: &NdArray, hi: &NdArray, cast: fn(&NdArray) -> Array<T>) -> ArrayResult<Array<T>> {
    let scalar_bounds = lo.size() == 1 && hi.size() == 1;
    let (x, lo, hi) = (cast(a), cast(lo), cast(hi));
    if scalar_bounds && lo.ndim() <= x.ndim() && hi.ndim() <= x.ndim() {
        let (l, h) = (lo.get_flat(0), hi.get_flat(0));
        if T::has_fast_clamp(l, h) {
            return map(&x, |v| v.clamp_fast(l, h));
        }
    }
    zip3_map(&x, &lo, &hi, |v, l, h| v.clamp_to(l, h, scalar_bounds))
}

/// `np.clip(a, lo, hi)`: `minimum(maximum(a, lo), hi)` with broadcasting;
/// either bound may be absent (then it is `np.maximum` or `np.minimum`).
/// The dtype is the promotion of all three (so an int array clipped to
/// float bounds becomes float); NaN propagates and `lo > hi` gives `hi`,
/// as in NumPy.
pub fn clip(a: &NdArray, lo: Option<&NdArray>, hi: Option<&NdArray>) -> ArrayResult<NdArray> {
    let (lo, hi) = match (lo, hi) {
        (Some(lo), Some(hi)) => (lo, hi),
        (Some(lo), None) => return super::binary(BinaryOp::Maximum, a, lo),
        (None, Some(hi)) => return super::binary(BinaryOp::Minimum, a, hi),
        (None, None) if a.dtype() == DType::Bool => {
            return Err(ArrayError::type_error(
                "ufunc 'positive' did not contain a loop with signature matching types <class 'numpy.dtypes.BoolDType'> -> None",
            ))
        }
        (None, None) => return Ok(a.copy()),
    };
    broadcast_many(&[a.shape(), lo.shape(), hi.shape()])?;
    Ok(match a.dtype().promote(lo.dtype()).promote(hi.dtype()) {
        DType::Bool => clamp(a, lo, hi, NdArray::to_bool)?.into_nd(),
        DType::Int64 => clamp(a, lo, hi, NdArray::to_int)?.into_nd(),
        DType::Float64 => clamp(a, lo, hi, NdArray::to_float)?.into_nd(),
        DType::Complex128 => clamp(a, lo, hi, NdArray::to_complex)?.into_nd(),
    })
}

/// `np.isclose(a, b, rtol, atol, equal_nan)`: elementwise
/// `|a - b| <= atol + rtol * |b|` for finite `b`, or `a == b` (so equal
/// infinities are close); NaNs are close to each other only with
/// `equal_nan`. Broadcasts; gives a bool array.
pub fn isclose(a: &NdArray, b: &NdArray, rtol: f64, atol: f64, equal_nan: bool) -> ArrayResult<NdArray> {
    let dtype = a.dtype().promote(b.dtype()).max(DType::Float64);
    let r = if dtype == DType::Complex128 {
        zip_map(&a.to_complex(), &b.to_complex(), |x, y| {
            let d = x - y;
            let close = cmath::abs(d) <= atol + rtol * cmath::abs(y) && y.re.is_finite() && y.im.is_finite();
            close || x == y || (equal_nan && cmath::is_nan(x) && cmath::is_nan(y))
        })?
    } else {
        zip_map(&a.to_float(), &b.to_float(), |x, y| {
            let close = (x - y).abs() <= atol + rtol * y.abs() && y.is_finite();
            close || x == y || (equal_nan && x.is_nan() && y.is_nan())
        })?
    };
    Ok(r.into_nd())
}

/// `np.allclose`: whether [`isclose`] holds for every element.
pub fn allclose(a: &NdArray, b: &NdArray, rtol: f64, atol: f64, equal_nan: bool) -> ArrayResult<bool> {
    match isclose(a, b, rtol, atol, equal_nan)? {
        NdArray::Bool(r) => Ok(r.with_slice(|s| s.iter().all(|&v| v))),
        _ => Ok(false),
    }
}

/// `np.array_equal(a, b, equal_nan)`: same shape and equal elements (with
/// `equal_nan`, NaNs in the same places count as equal). Never broadcasts.
pub fn array_equal(a: &NdArray, b: &NdArray, equal_nan: bool) -> bool {
    if a.shape() != b.shape() {
        return false;
    }
    let all = |r: ArrayResult<Array<bool>>| r.map(|r| r.with_slice(|s| s.iter().all(|&v| v))).unwrap_or(false);
    match a.dtype().promote(b.dtype()) {
        DType::Bool => all(zip_map(&a.to_bool(), &b.to_bool(), |x, y| x == y)),
        DType::Int64 => all(zip_map(&a.to_int(), &b.to_int(), |x, y| x == y)),
        DType::Float64 => {
            all(zip_map(&a.to_float(), &b.to_float(), |x, y| x == y || (equal_nan && x.is_nan() && y.is_nan())))
        }
        DType::Complex128 => all(zip_map(&a.to_complex(), &b.to_complex(), |x, y| {
            x == y || (equal_nan && cmath::is_nan(x) && cmath::is_nan(y))
        })),
    }
}
