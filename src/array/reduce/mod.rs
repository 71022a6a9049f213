//! Reductions: sums, means, variances, extrema, arg-extrema, cumulative
//! sums, counts, and the sorting-based statistics of [`stats`].
//!
//! Float sums follow NumPy's order of summation exactly (see [`iter`]), so
//! `np.sum`, `np.mean`, `np.var` and `np.std` print NumPy's digits. Result
//! dtypes are NumPy's: sums and products of bools and ints are `int64`
//! (overflow raises `OverflowError` instead of wrapping), means and
//! variances of ints are `float64`, variances of complex arrays are
//! `float64`, extrema keep the dtype.
//!
//! Axis arguments: `None` reduces every axis; negative axes count from the
//! end; duplicates raise NumPy's `ValueError`, out-of-range axes its
//! `AxisError`.

pub(crate) mod iter;
pub mod stats;

pub use stats::{average, corrcoef, cov, median, percentile, quantile};

use super::dtype::{DType, Element};
use super::error::{ArrayError, ArrayResult};
use super::manip::axes::{axis_mask, normalize_axis};
use super::storage::{Array, IntoNdArray, NdArray};
use iter::{fold, gather, k_order_strides, pairwise_sum, PairwiseSum, Plan};
use num_complex::Complex64;

/// Number of elements a reduction over the axes in `mask` combines.
pub(crate) fn reduced_count(shape: &[usize], mask: &[bool]) -> usize {
    shape.iter().zip(mask).filter(|(_, &m)| m).map(|(&n, _)| n).product()
}

/// The result array of a reduction: `data` laid out with the plan's output
/// strides, with the reduced axes dropped (or kept as length 1).
pub(crate) fn reduction_result<T: Element>(
    shape: &[usize],
    mask: &[bool],
    keepdims: bool,
    out_strides: &[isize],
    data: Vec<T>,
) -> ArrayResult<Array<T>> {
    let mut oshape = Vec::with_capacity(shape.len());
    let mut ostrides = Vec::with_capacity(shape.len());
    for i in 0..shape.len() {
        if mask[i] {
            if keepdims {
                oshape.push(1);
                ostrides.push(0);
            }
        } else {
            oshape.push(shape[i]);
            ostrides.push(out_strides[i]);
        }
    }
    let n = data.len();
    Ok(Array::from_vec(vec![n], data)?.view(oshape, ostrides, 0))
}

/// NumPy's complex division (Smith's method, `CDOUBLE_divide`).
pub(crate) fn complex_div(a: Complex64, b: Complex64) -> Complex64 {
    let (br, bi) = (b.re, b.im);
    if br.abs() >= bi.abs() {
        if br == 0.0 && bi == 0.0 {
            Complex64::new(a.re / br.abs(), a.im / br.abs())
        } else {
            let rat = bi / br;
            let scl = 1.0 / (br + bi * rat);
            Complex64::new((a.re + a.im * rat) * scl, (a.im - a.re * rat) * scl)
        }
    } else {
        let rat = br / bi;
        let scl = 1.0 / (bi + br * rat);
        Complex64::new((a.re * rat + a.im) * scl, (a.im * rat - a.re) * scl)
    }
}

/// Pairwise sum of a float or complex array over `mask`, with the plan.
fn pairwise_of<T: Element + PairwiseSum>(x: &Array<T>, mask: &[bool]) -> (Plan, Vec<T>) {
    let plan = Plan::new(x.shape(), x.strides(), mask, false);
    let mut out = vec![T::default(); plan.out_size];
    let buf = x.buffer();
    if plan.buffer_input {
        let tmp = gather(&plan, &buf, x.offset(), |v| v);
        pairwise_sum(&plan, &plan.contiguous_input(), &tmp, 0, &mut out);
    } else {
        pairwise_sum(&plan, &plan.dims, &buf, x.offset(), &mut out);
    }
    (plan, out)
}

/// Sum in float64 of an array that NumPy casts on the fly (bool, int).
fn cast_sum<S: Element>(x: &Array<S>, mask: &[bool], conv: impl Fn(S) -> f64) -> (Plan, Vec<f64>) {
    let plan = Plan::new(x.shape(), x.strides(), mask, true);
    let tmp = gather(&plan, &x.buffer(), x.offset(), conv);
    let mut out = vec![0.0; plan.out_size];
    pairwise_sum(&plan, &plan.contiguous_input(), &tmp, 0, &mut out);
    (plan, out)
}

/// `add.reduce(a, dtype=float64)` for a real array (bool, int, float).
fn float_sum(a: &NdArray, mask: &[bool]) -> (Plan, Vec<f64>) {
    match a {
        NdArray::Bool(x) => cast_sum(x, mask, |v| v as u8 as f64),
        NdArray::Int(x) => cast_sum(x, mask, |v| v as f64),
        NdArray::Float(x) => pairwise_of(x, mask),
        NdArray::Complex(x) => {
            let (plan, v) = pairwise_of(x, mask);
            (plan, v.into_iter().map(|z| z.re).collect())
        }
    }
}

/// Sum of an int64 array (exact, then checked to fit in int64).
fn int_sum(x: &Array<i64>, mask: &[bool]) -> ArrayResult<(Plan, Vec<i64>)> {
    let plan = Plan::new(x.shape(), x.strides(), mask, false);
    let mut acc = vec![0i128; plan.out_size];
    fold(&plan.dims, plan.total, &x.buffer(), x.offset(), &mut acc, |a, v| a + v as i128);
    let out = acc
        .into_iter()
        .map(|v| i64::try_from(v).map_err(|_| ArrayError::int_overflow()))
        .collect::<ArrayResult<Vec<i64>>>()?;
    Ok((plan, out))
}

fn bools_as_ints(x: &Array<bool>) -> Array<i64> {
    x.map(|b| b as i64)
}

/// Sum of the elements over `axis` (`np.sum`). Bools and ints sum to int64,
/// floats and complex numbers with NumPy's pairwise summation order.
pub fn sum(a: &NdArray, axis: Option<&[isize]>, keepdims: bool) -> ArrayResult<NdArray> {
    let mask = axis_mask(axis, a.ndim())?;
    let shape = a.shape().to_vec();
    Ok(match a {
        NdArray::Bool(x) => {
            let (p, v) = int_sum(&bools_as_ints(x), &mask)?;
            reduction_result(&shape, &mask, keepdims, &p.out_strides, v)?.into_nd()
        }
        NdArray::Int(x) => {
            let (p, v) = int_sum(x, &mask)?;
            reduction_result(&shape, &mask, keepdims, &p.out_strides, v)?.into_nd()
        }
        NdArray::Float(x) => {
            let (p, v) = pairwise_of(x, &mask);
            reduction_result(&shape, &mask, keepdims, &p.out_strides, v)?.into_nd()
        }
        NdArray::Complex(x) => {
            let (p, v) = pairwise_of(x, &mask);
            reduction_result(&shape, &mask, keepdims, &p.out_strides, v)?.into_nd()
        }
    })
}

/// Product of the elements over `axis` (`np.prod`); bools and ints give
/// int64 and raise `OverflowError` when the product leaves int64.
pub fn prod(a: &NdArray, axis: Option<&[isize]>, keepdims: bool) -> ArrayResult<NdArray> {
    let mask = axis_mask(axis, a.ndim())?;
    let shape = a.shape().to_vec();
    fn int_prod(x: &Array<i64>, mask: &[bool]) -> ArrayResult<(Plan, Vec<i64>)> {
        let plan = Plan::new(x.shape(), x.strides(), mask, false);
        let mut acc = vec![(1i64, false); plan.out_size];
        fold(&plan.dims, plan.total, &x.buffer(), x.offset(), &mut acc, |(a, bad), v| match a.checked_mul(v) {
            Some(p) => (p, bad),
            None => (0, true),
        });
        let out = acc
            .into_iter()
            .map(|(v, bad)| if bad { Err(ArrayError::int_overflow()) } else { Ok(v) })
            .collect::<ArrayResult<Vec<i64>>>()?;
        Ok((plan, out))
    }
    fn seq_prod<T: Element + std::ops::Mul<Output = T>>(x: &Array<T>, mask: &[bool], one: T) -> (Plan, Vec<T>) {
        let plan = Plan::new(x.shape(), x.strides(), mask, false);
        let mut out = vec![one; plan.out_size];
        fold(&plan.dims, plan.total, &x.buffer(), x.offset(), &mut out, |a, v| a * v);
        (plan, out)
    }
    Ok(match a {
        NdArray::Bool(x) => {
            let (p, v) = int_prod(&bools_as_ints(x), &mask)?;
            reduction_result(&shape, &mask, keepdims, &p.out_strides, v)?.into_nd()
        }
        NdArray::Int(x) => {
            let (p, v) = int_prod(x, &mask)?;
            reduction_result(&shape, &mask, keepdims, &p.out_strides, v)?.into_nd()
        }
        NdArray::Float(x) => {
            let (p, v) = seq_prod(x, &mask, 1.0);
            reduction_result(&shape, &mask, keepdims, &p.out_strides, v)?.into_nd()
        }
        NdArray::Complex(x) => {
            let plan = Plan::new(x.shape(), x.strides(), &mask, false);
            let mut out = vec![Complex64::new(1.0, 0.0); plan.out_size];
            let buf = x.buffer();
            if plan.dims[0].out == 0 {
                fold(&plan.dims, plan.total, &buf, x.offset(), &mut out, |a, v| a * v);
            } else {
                // Elementwise calls run NumPy's SIMD complex multiply, which fuses.
                fold(&plan.dims, plan.total, &buf, x.offset(), &mut out, complex_mul_fma);
            }
            reduction_result(&shape, &mask, keepdims, &plan.out_strides, out)?.into_nd()
        }
    })
}

/// NumPy's vectorized complex multiply: `re = fma(ar, br, -(ai*bi))`,
/// `im = fma(ar, bi, ai*br)`.
#[inline]
pub(crate) fn complex_mul_fma(a: Complex64, b: Complex64) -> Complex64 {
    Complex64::new(a.re.mul_add(b.re, -(a.im * b.im)), a.re.mul_add(b.im, a.im * b.re))
}

/// Arithmetic mean over `axis` (`np.mean`): the sum (in float64 for bools
/// and ints) divided by the count. An empty reduction gives `nan`, as NumPy
/// does (NumPy also warns "Mean of empty slice").
pub fn mean(a: &NdArray, axis: Option<&[isize]>, keepdims: bool) -> ArrayResult<NdArray> {
    let mask = axis_mask(axis, a.ndim())?;
    let shape = a.shape().to_vec();
    let n = reduced_count(&shape, &mask);
    Ok(match a {
        NdArray::Complex(x) => {
            let (p, v) = pairwise_of(x, &mask);
            let d = Complex64::new(n as f64, 0.0);
            let v = v.into_iter().map(|s| complex_div(s, d)).collect();
            reduction_result(&shape, &mask, keepdims, &p.out_strides, v)?.into_nd()
        }
        _ => {
            let (p, v) = float_sum(a, &mask);
            let v = v.into_iter().map(|s| s / n as f64).collect();
            reduction_result(&shape, &mask, keepdims, &p.out_strides, v)?.into_nd()
        }
    })
}

/// Visits every element of `shape` in C order with the offsets of three
/// operands (each `base + index · strides`).
fn walk3(shape: &[usize], strides: [&[isize]; 3], base: [isize; 3], mut f: impl FnMut(usize, usize, usize)) {
    let size: usize = shape.iter().product();
    if size == 0 {
        return;
    }
    let nd = shape.len();
    if nd == 0 {
        f(base[0] as usize, base[1] as usize, base[2] as usize);
        return;
    }
    let inner = shape[nd - 1];
    let s = [strides[0][nd - 1], strides[1][nd - 1], strides[2][nd - 1]];
    let mut idx = vec![0usize; nd - 1];
    let mut off = base;
    loop {
        let (mut p, mut q, mut r) = (off[0], off[1], off[2]);
        for _ in 0..inner {
            f(p as usize, q as usize, r as usize);
            p += s[0];
            q += s[1];
            r += s[2];
        }
        let mut ax = nd - 1;
        loop {
            if ax == 0 {
                return;
            }
            ax -= 1;
            idx[ax] += 1;
            for k in 0..3 {
                off[k] += strides[k][ax];
            }
            if idx[ax] < shape[ax] {
                break;
            }
            for k in 0..3 {
                off[k] -= strides[k][ax] * shape[ax] as isize;
            }
            idx[ax] = 0;
        }
    }
}

/// Squared deviations from the mean, laid out like `x` (NumPy's `order='K'`).
fn deviations<S: Element>(
    x: &Array<S>,
    mean_strides: &[isize],
    mean: &[S::Mean],
    dev: impl Fn(S, S::Mean) -> f64,
) -> (Vec<isize>, Vec<f64>)
where
    S: HasMean,
{
    let shape = x.shape();
    let kstrides = k_order_strides(shape, x.strides());
    let mut out = vec![0.0f64; x.size()];
    let buf = x.buffer();
    walk3(shape, [x.strides(), mean_strides, &kstrides], [x.offset() as isize, 0, 0], |i, m, o| {
        out[o] = dev(buf[i], mean[m]);
    });
    (kstrides, out)
}

/// The type of the mean of an element type (float64, or complex128).
trait HasMean {
    type Mean: Copy;
}
impl HasMean for bool {
    type Mean = f64;
}
impl HasMean for i64 {
    type Mean = f64;
}
impl HasMean for f64 {
    type Mean = f64;
}
impl HasMean for Complex64 {
    type Mean = Complex64;
}

/// Variance as NumPy's `_var` computes it: the mean (as a keepdims sum over
/// the count), squared deviations in the input's memory order, their sum,
/// divided by `max(count - ddof, 0)`.
fn variance(a: &NdArray, mask: &[bool], ddof: f64) -> ArrayResult<(Plan, Vec<f64>)> {
    let shape = a.shape().to_vec();
    let n = reduced_count(&shape, mask);
    let (kstrides, dev) = match a {
        NdArray::Complex(x) => {
            let (p, s) = pairwise_of(x, mask);
            let d = Complex64::new(n as f64, 0.0);
            let m: Vec<Complex64> = s.into_iter().map(|v| complex_div(v, d)).collect();
            deviations(x, &p.out_strides, &m, |v, m| {
                let (re, im) = (v.re - m.re, v.im - m.im);
                re * re + im * im
            })
        }
        _ => {
            let (p, s) = float_sum(a, mask);
            let m: Vec<f64> = s.into_iter().map(|v| v / n as f64).collect();
            fn sq(d: f64) -> f64 {
                d * d
            }
            match a {
                NdArray::Bool(x) => deviations(x, &p.out_strides, &m, |v, m| sq(v as u8 as f64 - m)),
                NdArray::Int(x) => deviations(x, &p.out_strides, &m, |v, m| sq(v as f64 - m)),
                NdArray::Float(x) => deviations(x, &p.out_strides, &m, |v, m| sq(v - m)),
                NdArray::Complex(_) => unreachable!("complex handled above"),
            }
        }
    };
    let plan = Plan::new(&shape, &kstrides, mask, false);
    let mut out = vec![0.0; plan.out_size];
    if plan.buffer_input {
        let tmp = gather(&plan, &dev, 0, |v| v);
        pairwise_sum(&plan, &plan.contiguous_input(), &tmp, 0, &mut out);
    } else {
        pairwise_sum(&plan, &plan.dims, &dev, 0, &mut out);
    }
    let div = (n as f64 - ddof).max(0.0);
    for v in &mut out {
        *v /= div;
    }
    Ok((plan, out))
}

/// Variance over `axis` with `ddof` degrees of freedom (`np.var`); float64
/// for every dtype (complex variances are real). `ddof >= count` gives `inf`
/// or `nan` as in NumPy.
pub fn var(a: &NdArray, axis: Option<&[isize]>, ddof: f64, keepdims: bool) -> ArrayResult<NdArray> {
    let mask = axis_mask(axis, a.ndim())?;
    let (p, v) = variance(a, &mask, ddof)?;
    Ok(reduction_result(a.shape(), &mask, keepdims, &p.out_strides, v)?.into_nd())
}

/// Standard deviation over `axis` (`np.std`): the square root of [`var`].
pub fn std(a: &NdArray, axis: Option<&[isize]>, ddof: f64, keepdims: bool) -> ArrayResult<NdArray> {
    let mask = axis_mask(axis, a.ndim())?;
    let (p, v) = variance(a, &mask, ddof)?;
    let v = v.into_iter().map(f64::sqrt).collect();
    Ok(reduction_result(a.shape(), &mask, keepdims, &p.out_strides, v)?.into_nd())
}

/// Element types with NumPy's `maximum`/`minimum` (NaN propagates; complex
/// numbers compare lexicographically).
pub(crate) trait Extremum: Element {
    /// A value every element beats in `max`.
    const LOWEST: Self;
    /// A value every element beats in `min`.
    const HIGHEST: Self;
    /// Whether the value is (or contains) NaN.
    fn is_nan_like(self) -> bool;
    /// `self > other`, lexicographically for complex numbers.
    fn gt(self, other: Self) -> bool;
    /// `self < other`, lexicographically for complex numbers.
    fn lt(self, other: Self) -> bool;
}

impl Extremum for bool {
    const LOWEST: bool = false;
    const HIGHEST: bool = true;
    fn is_nan_like(self) -> bool {
        false
    }
    fn gt(self, other: bool) -> bool {
        self & !other
    }
    fn lt(self, other: bool) -> bool {
        !self & other
    }
}

impl Extremum for i64 {
    const LOWEST: i64 = i64::MIN;
    const HIGHEST: i64 = i64::MAX;
    fn is_nan_like(self) -> bool {
        false
    }
    fn gt(self, other: i64) -> bool {
        self > other
    }
    fn lt(self, other: i64) -> bool {
        self < other
    }
}

impl Extremum for f64 {
    const LOWEST: f64 = f64::NEG_INFINITY;
    const HIGHEST: f64 = f64::INFINITY;
    fn is_nan_like(self) -> bool {
        self.is_nan()
    }
    fn gt(self, other: f64) -> bool {
        self > other
    }
    fn lt(self, other: f64) -> bool {
        self < other
    }
}

impl Extremum for Complex64 {
    const LOWEST: Complex64 = Complex64::new(f64::NEG_INFINITY, f64::NEG_INFINITY);
    const HIGHEST: Complex64 = Complex64::new(f64::INFINITY, f64::INFINITY);
    fn is_nan_like(self) -> bool {
        self.re.is_nan() || self.im.is_nan()
    }
    fn gt(self, o: Complex64) -> bool {
        self.re > o.re || (self.re == o.re && self.im > o.im)
    }
    fn lt(self, o: Complex64) -> bool {
        self.re < o.re || (self.re == o.re && self.im < o.im)
    }
}

#[inline]
fn max_step<T: Extremum>(acc: T, x: T) -> T {
    if acc.is_nan_like() || (acc.gt(x) && !x.is_nan_like()) {
        acc
    } else {
        x
    }
}

#[inline]
fn min_step<T: Extremum>(acc: T, x: T) -> T {
    if acc.is_nan_like() || (acc.lt(x) && !x.is_nan_like()) {
        acc
    } else {
        x
    }
}

fn extreme_of<T: Extremum>(x: &Array<T>, mask: &[bool], keepdims: bool, is_max: bool) -> ArrayResult<Array<T>> {
    let plan = Plan::new(x.shape(), x.strides(), mask, false);
    let buf = x.buffer();
    let out = if is_max {
        let mut out = vec![T::LOWEST; plan.out_size];
        fold(&plan.dims, plan.total, &buf, x.offset(), &mut out, max_step);
        out
    } else {
        let mut out = vec![T::HIGHEST; plan.out_size];
        fold(&plan.dims, plan.total, &buf, x.offset(), &mut out, min_step);
        out
    };
    reduction_result(x.shape(), mask, keepdims, &plan.out_strides, out)
}

fn extreme(a: &NdArray, axis: Option<&[isize]>, keepdims: bool, is_max: bool) -> ArrayResult<NdArray> {
    let mask = axis_mask(axis, a.ndim())?;
    if reduced_count(a.shape(), &mask) == 0 {
        return Err(ArrayError::value(format!(
            "zero-size array to reduction operation {} which has no identity",
            if is_max { "maximum" } else { "minimum" }
        )));
    }
    Ok(with_array!(a, x => extreme_of(x, &mask, keepdims, is_max)?.into_nd()))
}

/// Largest element over `axis` (`np.max`), keeping the dtype; NaN
/// propagates; an empty reduction raises NumPy's `ValueError`.
pub fn max(a: &NdArray, axis: Option<&[isize]>, keepdims: bool) -> ArrayResult<NdArray> {
    extreme(a, axis, keepdims, true)
}

/// Smallest element over `axis` (`np.min`), keeping the dtype; NaN
/// propagates; an empty reduction raises NumPy's `ValueError`.
pub fn min(a: &NdArray, axis: Option<&[isize]>, keepdims: bool) -> ArrayResult<NdArray> {
    extreme(a, axis, keepdims, false)
}

/// Range `max - min` over `axis` (`np.ptp`). Bool arrays raise NumPy's
/// `TypeError`; int64 overflow raises `OverflowError`.
pub fn ptp(a: &NdArray, axis: Option<&[isize]>, keepdims: bool) -> ArrayResult<NdArray> {
    let hi = max(a, axis, keepdims)?;
    let lo = min(a, axis, keepdims)?;
    // Both results share one layout (same plan), so their buffers zip.
    fn sub<T: Element>(
        h: &Array<T>,
        l: &Array<T>,
        f: impl Fn(T, T) -> ArrayResult<T>,
    ) -> ArrayResult<Array<T>> {
        let hb = h.buffer();
        let lb = l.buffer();
        let data = hb.iter().zip(lb.iter()).map(|(&x, &y)| f(x, y)).collect::<ArrayResult<Vec<T>>>()?;
        let n = data.len();
        Ok(Array::from_vec(vec![n], data)?.view(h.shape().to_vec(), h.strides().to_vec(), 0))
    }
    Ok(match (&hi, &lo) {
        (NdArray::Int(h), NdArray::Int(l)) => {
            NdArray::Int(sub(h, l, |x, y| x.checked_sub(y).ok_or_else(ArrayError::int_overflow))?)
        }
        (NdArray::Float(h), NdArray::Float(l)) => NdArray::Float(sub(h, l, |x, y| Ok(x - y))?),
        (NdArray::Complex(h), NdArray::Complex(l)) => NdArray::Complex(sub(h, l, |x, y| Ok(x - y))?),
        _ => return Err(ArrayError::type_error(BOOL_SUBTRACT)),
    })
}

/// NumPy's message for subtracting booleans.
pub(crate) const BOOL_SUBTRACT: &str = "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.";

/// Truth value of an element (non-zero; NaN is true).
pub(crate) trait Truthy: Element {
    /// Whether the element is non-zero.
    fn truthy(self) -> bool;
}
impl Truthy for bool {
    fn truthy(self) -> bool {
        self
    }
}
impl Truthy for i64 {
    fn truthy(self) -> bool {
        self != 0
    }
}
impl Truthy for f64 {
    fn truthy(self) -> bool {
        self != 0.0
    }
}
impl Truthy for Complex64 {
    fn truthy(self) -> bool {
        self.re != 0.0 || self.im != 0.0
    }
}

fn logical(a: &NdArray, axis: Option<&[isize]>, keepdims: bool, all: bool) -> ArrayResult<NdArray> {
    let mask = axis_mask(axis, a.ndim())?;
    fn go<T: Truthy>(x: &Array<T>, mask: &[bool], keepdims: bool, all: bool) -> ArrayResult<Array<bool>> {
        let plan = Plan::new(x.shape(), x.strides(), mask, false);
        let mut out = vec![all; plan.out_size];
        let buf = x.buffer();
        if all {
            fold(&plan.dims, plan.total, &buf, x.offset(), &mut out, |a, v| a & v.truthy());
        } else {
            fold(&plan.dims, plan.total, &buf, x.offset(), &mut out, |a, v| a | v.truthy());
        }
        reduction_result(x.shape(), mask, keepdims, &plan.out_strides, out)
    }
    Ok(NdArray::Bool(with_array!(a, x => go(x, &mask, keepdims, all)?)))
}

/// Whether every element over `axis` is non-zero (`np.all`); `True` when empty.
pub fn all(a: &NdArray, axis: Option<&[isize]>, keepdims: bool) -> ArrayResult<NdArray> {
    logical(a, axis, keepdims, true)
}

/// Whether any element over `axis` is non-zero (`np.any`); `False` when empty.
pub fn any(a: &NdArray, axis: Option<&[isize]>, keepdims: bool) -> ArrayResult<NdArray> {
    logical(a, axis, keepdims, false)
}

/// Number of non-zero elements over `axis` (`np.count_nonzero`), as int64.
pub fn count_nonzero(a: &NdArray, axis: Option<&[isize]>, keepdims: bool) -> ArrayResult<NdArray> {
    let mask = axis_mask(axis, a.ndim())?;
    fn go<T: Truthy>(x: &Array<T>, mask: &[bool], keepdims: bool) -> ArrayResult<Array<i64>> {
        let plan = Plan::new(x.shape(), x.strides(), mask, false);
        let mut out = vec![0i64; plan.out_size];
        fold(&plan.dims, plan.total, &x.buffer(), x.offset(), &mut out, |a, v| a + v.truthy() as i64);
        reduction_result(x.shape(), mask, keepdims, &plan.out_strides, out)
    }
    Ok(NdArray::Int(with_array!(a, x => go(x, &mask, keepdims)?)))
}

/// Index of the first largest (`is_max`) or smallest element of each lane.
fn arg_lane<T: Extremum>(buf: &[T], start: isize, n: usize, stride: isize, is_max: bool) -> i64 {
    let mut best = buf[start as usize];
    let mut at = 0usize;
    if best.is_nan_like() {
        return 0;
    }
    let mut p = start;
    for i in 1..n {
        p += stride;
        let v = buf[p as usize];
        if v.is_nan_like() {
            return i as i64;
        }
        let better = if is_max { v.gt(best) } else { v.lt(best) };
        if better {
            best = v;
            at = i;
        }
    }
    at as i64
}

fn arg_extreme(a: &NdArray, axis: Option<isize>, keepdims: bool, is_max: bool) -> ArrayResult<NdArray> {
    let name = if is_max { "argmax" } else { "argmin" };
    let empty = || ArrayError::value(format!("attempt to get {name} of an empty sequence"));
    let shape = a.shape().to_vec();
    let nd = shape.len();
    match axis {
        None => {
            if a.size() == 0 {
                return Err(empty());
            }
            let flat = a.copy();
            let idx = with_array!(&flat, x => {
                let b = x.buffer();
                arg_lane(&b, 0, x.size(), 1, is_max)
            });
            if keepdims {
                Ok(NdArray::Int(Array::full(vec![1; nd], idx)?))
            } else {
                Ok(NdArray::Int(Array::scalar(idx)))
            }
        }
        Some(ax) => {
            if nd == 0 {
                normalize_axis(ax, 1)?;
                return Ok(NdArray::Int(Array::scalar(0)));
            }
            let ax = normalize_axis(ax, nd)?;
            let n = shape[ax];
            if n == 0 {
                return Err(empty());
            }
            let mut oshape = shape.clone();
            oshape.remove(ax);
            let out_size: usize = oshape.iter().product();
            let mut out = Vec::with_capacity(out_size);
            with_array!(a, x => {
                let b = x.buffer();
                let st = x.strides().to_vec();
                let mut ostr: Vec<isize> = st.clone();
                ostr.remove(ax);
                let zeros = vec![0isize; oshape.len()];
                walk3(&oshape, [&ostr, &zeros, &zeros], [x.offset() as isize, 0, 0], |p, _, _| {
                    out.push(arg_lane(&b, p as isize, n, st[ax], is_max));
                });
            });
            if keepdims {
                oshape.insert(ax, 1);
            }
            Ok(NdArray::Int(Array::from_vec(oshape, out)?))
        }
    }
}

/// Index of the first largest element (`np.argmax`): over the flattened
/// array when `axis` is `None`, else along `axis`. A NaN counts as largest
/// (the first NaN wins); empty input raises NumPy's `ValueError`.
pub fn argmax(a: &NdArray, axis: Option<isize>, keepdims: bool) -> ArrayResult<NdArray> {
    arg_extreme(a, axis, keepdims, true)
}

/// Index of the first smallest element (`np.argmin`); see [`argmax`].
pub fn argmin(a: &NdArray, axis: Option<isize>, keepdims: bool) -> ArrayResult<NdArray> {
    arg_extreme(a, axis, keepdims, false)
}

/// Runs a scan along `axis` of a C-ordered copy: `step(prev, x)` gives each
/// element from the previous result.
fn scan<T: Element>(
    x: &Array<T>,
    axis: Option<isize>,
    step: impl Fn(T, T) -> ArrayResult<T>,
) -> ArrayResult<Array<T>> {
    let (shape, ax) = match axis {
        None => (vec![x.size()], 0),
        Some(a) if x.ndim() == 0 => {
            normalize_axis(a, 1)?;
            (vec![1], 0)
        }
        Some(a) => (x.shape().to_vec(), normalize_axis(a, x.ndim())?),
    };
    let mut data = x.to_vec();
    let n = shape[ax];
    let inner: usize = shape[ax + 1..].iter().product();
    let outer: usize = shape[..ax].iter().product();
    for o in 0..outer {
        let base = o * n * inner;
        for i in 1..n {
            let row = base + i * inner;
            for j in 0..inner {
                data[row + j] = step(data[row + j - inner], data[row + j])?;
            }
        }
    }
    Array::from_vec(shape, data)
}

/// Cumulative sum (`np.cumsum`): flattened when `axis` is `None`; bools and
/// ints give int64 (overflow raises), floats add sequentially as NumPy.
pub fn cumsum(a: &NdArray, axis: Option<isize>) -> ArrayResult<NdArray> {
    Ok(match a {
        NdArray::Bool(x) => NdArray::Int(scan(&bools_as_ints(x), axis, checked_add)?),
        NdArray::Int(x) => NdArray::Int(scan(x, axis, checked_add)?),
        NdArray::Float(x) => NdArray::Float(scan(x, axis, |p, v| Ok(p + v))?),
        NdArray::Complex(x) => NdArray::Complex(scan(x, axis, |p, v| Ok(p + v))?),
    })
}

/// Cumulative product (`np.cumprod`), as [`cumsum`] with multiplication.
pub fn cumprod(a: &NdArray, axis: Option<isize>) -> ArrayResult<NdArray> {
    Ok(match a {
        NdArray::Bool(x) => NdArray::Int(scan(&bools_as_ints(x), axis, checked_mul)?),
        NdArray::Int(x) => NdArray::Int(scan(x, axis, checked_mul)?),
        NdArray::Float(x) => NdArray::Float(scan(x, axis, |p, v| Ok(p * v))?),
        NdArray::Complex(x) => NdArray::Complex(scan(x, axis, |p, v| Ok(p * v))?),
    })
}

fn checked_add(a: i64, b: i64) -> ArrayResult<i64> {
    a.checked_add(b).ok_or_else(ArrayError::int_overflow)
}

fn checked_mul(a: i64, b: i64) -> ArrayResult<i64> {
    a.checked_mul(b).ok_or_else(ArrayError::int_overflow)
}

/// Sum along the diagonal with `offset` (`np.trace`): over the first two
/// axes, so an N-d array gives an (N-2)-d result. Fewer than two
/// dimensions raise NumPy's `ValueError`.
pub fn trace(a: &NdArray, offset: isize) -> ArrayResult<NdArray> {
    if a.ndim() < 2 {
        return Err(ArrayError::value("diag requires an array of at least two dimensions"));
    }
    let d = super::manip::diagonal(a, offset, 0, 1)?;
    sum(&d, Some(&[-1]), false)
}

/// The dtype NumPy gives the mean of an array of `dtype`.
pub fn mean_dtype(dtype: DType) -> DType {
    if dtype == DType::Complex128 {
        DType::Complex128
    } else {
        DType::Float64
    }
}

#[cfg(test)]
mod tests;
