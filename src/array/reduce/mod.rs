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

mod extrema;
pub(crate) mod generated;
pub(crate) mod iter;
mod par;
pub mod stats;
mod whole;

pub(crate) use extrema::BOOL_SUBTRACT;
pub use extrema::{all, any, argmax, argmin, count_nonzero, max, min, ptp};
pub use stats::{average, corrcoef, cov, median, percentile, quantile};
pub use whole::{small_float_mean, small_float_sum};

use super::dtype::{DType, Element};
use super::error::{ArrayError, ArrayResult};
use super::manip::axes::{axis_mask, normalize_axis};
use super::storage::{Array, IntoNdArray, NdArray};
use super::{cancel, parallel};
use iter::{fold, gather, k_order_strides, PairwiseSum, Plan};
use num_complex::Complex64;
use par::{buffered_pairwise_sum, pairwise_sum, squared_deviation_sum};

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
fn pairwise_of<T: Element + PairwiseSum>(x: &Array<T>, mask: &[bool]) -> ArrayResult<(Plan, Vec<T>)> {
    let plan = Plan::new(x.shape(), x.strides(), mask, false);
    let mut out = vec![T::default(); plan.out_size];
    let buf = x.buffer();
    if plan.buffer_input && plan.dims[0].out == 0 {
        buffered_pairwise_sum(&plan, &buf, x.offset(), |v| v, &mut out)?;
    } else if plan.buffer_input {
        let tmp = gather(&plan, &buf, x.offset(), |v| v);
        pairwise_sum(&plan, &plan.contiguous_input(), &tmp, 0, &mut out)?;
    } else {
        pairwise_sum(&plan, &plan.dims, &buf, x.offset(), &mut out)?;
    }
    Ok((plan, out))
}

/// Sum in float64 of an array that NumPy casts on the fly (bool, int).
fn cast_sum<S: Element>(x: &Array<S>, mask: &[bool], conv: impl Fn(S) -> f64 + Sync) -> ArrayResult<(Plan, Vec<f64>)> {
    let plan = Plan::new(x.shape(), x.strides(), mask, true);
    let mut out = vec![0.0; plan.out_size];
    if plan.dims[0].out == 0 {
        buffered_pairwise_sum(&plan, &x.buffer(), x.offset(), conv, &mut out)?;
    } else {
        let tmp = gather(&plan, &x.buffer(), x.offset(), conv);
        pairwise_sum(&plan, &plan.contiguous_input(), &tmp, 0, &mut out)?;
    }
    Ok((plan, out))
}

/// `add.reduce(a, dtype=float64)` for a real array (bool, int, float).
fn float_sum(a: &NdArray, mask: &[bool]) -> ArrayResult<(Plan, Vec<f64>)> {
    match a {
        NdArray::Bool(x) => cast_sum(x, mask, |v| v as u8 as f64),
        NdArray::Int(x) => cast_sum(x, mask, |v| v as f64),
        NdArray::Float(x) => pairwise_of(x, mask),
        NdArray::Complex(x) => {
            let (plan, v) = pairwise_of(x, mask)?;
            Ok((plan, v.into_iter().map(|z| z.re).collect()))
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
            let (p, v) = pairwise_of(x, &mask)?;
            reduction_result(&shape, &mask, keepdims, &p.out_strides, v)?.into_nd()
        }
        NdArray::Complex(x) => {
            let (p, v) = pairwise_of(x, &mask)?;
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
            let (p, v) = pairwise_of(x, &mask)?;
            let d = Complex64::new(n as f64, 0.0);
            let v = v.into_iter().map(|s| complex_div(s, d)).collect();
            reduction_result(&shape, &mask, keepdims, &p.out_strides, v)?.into_nd()
        }
        _ => {
            let (p, v) = float_sum(a, &mask)?;
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
fn deviations<S: Element + HasMean>(
    x: &Array<S>,
    mean_strides: &[isize],
    mean: &[S::Mean],
    dev: impl Fn(S, S::Mean) -> f64,
) -> (Vec<isize>, Vec<f64>) {
    let shape = x.shape();
    let kstrides = k_order_strides(shape, x.strides());
    let mut out = vec![0.0f64; x.size()];
    if out.is_empty() {
        return (kstrides, out);
    }
    let buf = x.buffer();
    let nd = shape.len();
    if nd == 0 {
        if let (Some(&v), Some(&m)) = (buf.get(x.offset()), mean.first()) {
            out[0] = dev(v, m);
        }
        return (kstrides, out);
    }
    // Walk the outer axes; run the last axis as a slice loop when possible.
    let (n, xs, ms, ks) = (shape[nd - 1], x.strides()[nd - 1], mean_strides[nd - 1], kstrides[nd - 1]);
    let outer = &shape[..nd - 1];
    walk3(
        outer,
        [&x.strides()[..nd - 1], &mean_strides[..nd - 1], &kstrides[..nd - 1]],
        [x.offset() as isize, 0, 0],
        |i, m, o| {
            if xs == 1 && ks == 1 && ms == 0 {
                let mv = mean[m];
                for (d, &v) in out[o..o + n].iter_mut().zip(&buf[i..i + n]) {
                    *d = dev(v, mv);
                }
            } else if xs == 1 && ks == 1 && ms == 1 {
                for ((d, &v), &mv) in out[o..o + n].iter_mut().zip(&buf[i..i + n]).zip(&mean[m..m + n]) {
                    *d = dev(v, mv);
                }
            } else {
                let (mut p, mut q, mut r) = (i as isize, m as isize, o as isize);
                for _ in 0..n {
                    out[r as usize] = dev(buf[p as usize], mean[q as usize]);
                    p += xs;
                    q += ms;
                    r += ks;
                }
            }
        },
    );
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
    let div = (n as f64 - ddof).max(0.0);
    if let NdArray::Float(x) = a {
        // Data already laid out in `order='K'`: the deviations array would
        // be `x` itself minus the mean, so sum the squared deviations while
        // reading `x` (the same additions, without the 8-byte-per-element
        // temporary).
        if x.strides() == k_order_strides(&shape, x.strides()).as_slice() {
            let (plan, s) = pairwise_of(x, mask)?;
            if !plan.buffer_input {
                let m: Vec<f64> = s.into_iter().map(|v| v / n as f64).collect();
                let mut out = vec![0.0; plan.out_size];
                squared_deviation_sum(&plan, &x.buffer(), x.offset(), &m, &mut out)?;
                for v in &mut out {
                    *v /= div;
                }
                return Ok((plan, out));
            }
        }
    }
    let (kstrides, dev) = match a {
        NdArray::Complex(x) => {
            let (p, s) = pairwise_of(x, mask)?;
            let d = Complex64::new(n as f64, 0.0);
            let m: Vec<Complex64> = s.into_iter().map(|v| complex_div(v, d)).collect();
            deviations(x, &p.out_strides, &m, |v, m| {
                let (re, im) = (v.re - m.re, v.im - m.im);
                re * re + im * im
            })
        }
        _ => {
            let (p, s) = float_sum(a, mask)?;
            let m: Vec<f64> = s.into_iter().map(|v| v / n as f64).collect();
            fn sq(d: f64) -> f64 {
                d * d
            }
            match a {
                NdArray::Bool(x) => deviations(x, &p.out_strides, &m, |v, m| sq(v as u8 as f64 - m)),
                NdArray::Int(x) => deviations(x, &p.out_strides, &m, |v, m| sq(v as f64 - m)),
                NdArray::Float(x) => deviations(x, &p.out_strides, &m, |v, m| sq(v - m)),
                NdArray::Complex(_) => return Err(ArrayError::type_error("complex variance takes the path above")),
            }
        }
    };
    let plan = Plan::new(&shape, &kstrides, mask, false);
    let mut out = vec![0.0; plan.out_size];
    if plan.buffer_input {
        let tmp = gather(&plan, &dev, 0, |v| v);
        pairwise_sum(&plan, &plan.contiguous_input(), &tmp, 0, &mut out)?;
    } else {
        pairwise_sum(&plan, &plan.dims, &dev, 0, &mut out)?;
    }
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

/// The shape a scan works on and its axis: the flattened array for
/// `axis=None`, a 0-d array as one element (accepting axis 0 or -1).
fn scan_layout<T: Element>(x: &Array<T>, axis: Option<isize>) -> ArrayResult<(Vec<usize>, usize)> {
    Ok(match axis {
        None => (vec![x.size()], 0),
        Some(a) if x.ndim() == 0 => {
            normalize_axis(a, 1)?;
            (vec![1], 0)
        }
        Some(a) => (x.shape().to_vec(), normalize_axis(a, x.ndim())?),
    })
}

/// Runs a scan along `axis` of a C-ordered copy: `step(prev, x)` gives each
/// element from the previous result.
fn scan<T: Element>(x: &Array<T>, axis: Option<isize>, step: impl Fn(T, T) -> ArrayResult<T>) -> ArrayResult<Array<T>> {
    let (shape, ax) = scan_layout(x, axis)?;
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

/// A scan that cannot fail (float and complex `cumsum`/`cumprod`): the same
/// order as [`scan`], written straight from the source into the result,
/// independent blocks (the lanes before `axis`) on all cores, with a
/// Ctrl-C check at least every [`parallel::CHUNK`] elements.
fn scan_plain<T: Element + Send + Sync>(
    x: &Array<T>,
    axis: Option<isize>,
    step: impl Fn(T, T) -> T + Sync,
) -> ArrayResult<Array<T>> {
    let (shape, ax) = scan_layout(x, axis)?;
    let total: usize = shape.iter().product();
    let n = shape[ax];
    let inner: usize = shape[ax + 1..].iter().product();
    let block = n * inner;
    if total == 0 || block == 0 {
        return Array::from_vec(shape, Vec::new());
    }
    let buf = x.buffer();
    let copy;
    let src: &[T] = if x.is_c_contiguous() {
        &buf[x.offset()..x.offset() + total]
    } else {
        copy = x.to_vec();
        &copy
    };
    // One block: `out[i, j] = step(out[i - 1, j], src[i, j])`.
    let scan_block = |src: &[T], check: bool, emit: &mut dyn FnMut(usize, T)| -> ArrayResult<()> {
        if inner == 1 {
            let mut acc = src[0];
            emit(0, acc);
            for (i, &v) in src.iter().enumerate().skip(1) {
                acc = step(acc, v);
                emit(i, acc);
                if check && i % parallel::CHUNK == 0 {
                    cancel::check()?;
                }
            }
        } else {
            let mut acc = src[..inner].to_vec();
            for (j, &v) in acc.iter().enumerate() {
                emit(j, v);
            }
            for i in 1..n {
                let row = &src[i * inner..(i + 1) * inner];
                for (j, (a, &v)) in acc.iter_mut().zip(row).enumerate() {
                    *a = step(*a, v);
                    emit(i * inner + j, *a);
                }
                if check && (inner >= parallel::CHUNK || i % (parallel::CHUNK / inner) == 0) {
                    cancel::check()?;
                }
            }
        }
        Ok(())
    };
    let data = if total / block > 1 {
        // Whole blocks per task (a block's scan is sequential and runs
        // to its end: every element must be written; build_vec checks for
        // Ctrl-C between tasks).
        parallel::build_vec(total, block, |start, out| {
            for (b, lane) in out.chunks_mut(block).enumerate() {
                let first = start + b * block;
                let _ = scan_block(&src[first..first + block], false, &mut |i, v| {
                    lane[i].write(v);
                });
            }
        })?
    } else {
        let mut out: Vec<T> = parallel::new_buffer(total);
        scan_block(src, true, &mut |_, v| out.push(v))?;
        out
    };
    drop(buf);
    Array::from_vec(shape, data)
}

/// Cumulative sum (`np.cumsum`): flattened when `axis` is `None`; bools and
/// ints give int64 (overflow raises), floats add sequentially as NumPy.
pub fn cumsum(a: &NdArray, axis: Option<isize>) -> ArrayResult<NdArray> {
    Ok(match a {
        NdArray::Bool(x) => NdArray::Int(scan(&bools_as_ints(x), axis, checked_add)?),
        NdArray::Int(x) => NdArray::Int(scan(x, axis, checked_add)?),
        NdArray::Float(x) => NdArray::Float(scan_plain(x, axis, |p, v| p + v)?),
        NdArray::Complex(x) => NdArray::Complex(scan_plain(x, axis, |p, v| p + v)?),
    })
}

/// Cumulative product (`np.cumprod`), as [`cumsum`] with multiplication.
pub fn cumprod(a: &NdArray, axis: Option<isize>) -> ArrayResult<NdArray> {
    Ok(match a {
        NdArray::Bool(x) => NdArray::Int(scan(&bools_as_ints(x), axis, checked_mul)?),
        NdArray::Int(x) => NdArray::Int(scan(x, axis, checked_mul)?),
        NdArray::Float(x) => NdArray::Float(scan_plain(x, axis, |p, v| p * v)?),
        NdArray::Complex(x) => NdArray::Complex(scan_plain(x, axis, |p, v| p * v)?),
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
