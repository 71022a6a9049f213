//! Statistics built on sorting and on the reductions: `median`,
//! `percentile`, `quantile`, `average`, `cov`, `corrcoef`.

use super::iter::{gather, iteration_axes, PairwiseSum, Plan};
use super::par::pairwise_sum;
use super::{complex_div, mean, reduced_count, reduction_result, BOOL_SUBTRACT};
use crate::array::dtype::{DType, Element};
use crate::array::error::{ArrayError, ArrayResult, ErrorKind};
use crate::array::manip::axes::{axis_mask, axis_mask_strict, normalize_axes};
use crate::array::sort::SortKey;
use crate::array::storage::{Array, IntoNdArray, NdArray};
use num_complex::Complex64;

/// The elements of each reduction lane, lanes in C order of the kept axes,
/// each lane in C order of the reduced axes. Returns the lane length.
fn lanes<T: Element>(x: &Array<T>, mask: &[bool]) -> (usize, Vec<T>) {
    let mut shape = Vec::with_capacity(x.ndim());
    let mut strides = Vec::with_capacity(x.ndim());
    for pass in [false, true] {
        for ((&n, &s), &m) in x.shape().iter().zip(x.strides()).zip(mask) {
            if m == pass {
                shape.push(n);
                strides.push(s);
            }
        }
    }
    let n = reduced_count(x.shape(), mask);
    (n, x.view(shape, strides, x.offset()).to_vec())
}

/// The shape of a reduction result (kept axes, or all axes with the
/// reduced ones set to 1 under `keepdims`).
fn kept_shape(shape: &[usize], mask: &[bool], keepdims: bool) -> Vec<usize> {
    shape.iter().zip(mask).filter_map(|(&n, &m)| if m { keepdims.then_some(1) } else { Some(n) }).collect()
}

/// A real element type the statistics convert to float64.
trait Real: Element + SortKey {
    fn f(self) -> f64;
}
impl Real for bool {
    fn f(self) -> f64 {
        self as u8 as f64
    }
}
impl Real for i64 {
    fn f(self) -> f64 {
        self as f64
    }
}
impl Real for f64 {
    fn f(self) -> f64 {
        self
    }
}

fn sort_lane<T: SortKey + Copy>(lane: &mut [T]) -> ArrayResult<()> {
    T::sort_values(lane)
}

/// The middle element(s) of a lane without NaNs: `(lower, upper)`, equal
/// for odd lengths (a selection, not a full sort).
fn middle<T: SortKey + Copy>(lane: &mut [T]) -> (T, T) {
    let n = lane.len();
    let cmp = |a: &T, b: &T| a.cmp_key(b);
    let (lo_part, &mut hi, _) = lane.select_nth_unstable_by(n / 2, cmp);
    if n % 2 == 1 {
        return (hi, hi);
    }
    let lo = lo_part.iter().copied().max_by(|a, b| a.cmp_key(b)).unwrap_or(hi);
    (lo, hi)
}

/// Median over `axis` (`np.median`): the mean of the middle element(s) of
/// each sorted lane, float64 (complex128 for complex input). A lane with a
/// NaN gives NaN; an empty lane gives NaN.
pub fn median(a: &NdArray, axis: Option<&[isize]>, keepdims: bool) -> ArrayResult<NdArray> {
    let mask = axis_mask_strict(axis, a.ndim())?;
    let oshape = kept_shape(a.shape(), &mask, keepdims);
    fn real<T: Real>(x: &Array<T>, mask: &[bool]) -> Vec<f64> {
        let (n, mut data) = lanes(x, mask);
        if n == 0 {
            let count = reduced_out_count(x.shape(), mask);
            return vec![f64::NAN; count];
        }
        data.chunks_mut(n)
            .map(|lane| {
                if lane.iter().any(|v| v.is_nan_key()) {
                    return f64::NAN;
                }
                let (lo, hi) = middle(lane);
                if n % 2 == 1 {
                    (0.0 + hi.f()) / 1.0
                } else {
                    ((0.0 + lo.f()) + hi.f()) / 2.0
                }
            })
            .collect()
    }
    Ok(match a {
        NdArray::Bool(x) => Array::from_vec(oshape, real(x, &mask))?.into_nd(),
        NdArray::Int(x) => Array::from_vec(oshape, real(x, &mask))?.into_nd(),
        NdArray::Float(x) => Array::from_vec(oshape, real(x, &mask))?.into_nd(),
        NdArray::Complex(x) => {
            let (n, mut data) = lanes(x, &mask);
            let zero = Complex64::new(0.0, 0.0);
            let out: Vec<Complex64> = if n == 0 {
                vec![complex_div(zero, zero); reduced_out_count(x.shape(), &mask)]
            } else {
                data.chunks_mut(n)
                    .map(|lane| {
                        if lane.iter().any(|v| v.is_nan_key()) {
                            // NumPy gives the lane's last element in sort order (NaN parts sort last), so
                            // its imaginary part survives: median([nan+1j]) is nan+1j
                            let last = lane.iter().copied().max_by(|a, b| a.cmp_key(b));
                            return last.unwrap_or(Complex64::new(f64::NAN, 0.0));
                        }
                        let (lo, hi) = middle(lane);
                        if n % 2 == 1 {
                            complex_div(zero + hi, Complex64::new(1.0, 0.0))
                        } else {
                            complex_div((zero + lo) + hi, Complex64::new(2.0, 0.0))
                        }
                    })
                    .collect()
            };
            Array::from_vec(oshape, out)?.into_nd()
        }
    })
}

/// Number of lanes of a reduction (product of the kept axes).
fn reduced_out_count(shape: &[usize], mask: &[bool]) -> usize {
    shape.iter().zip(mask).filter(|(_, &m)| !m).map(|(&n, _)| n).product()
}

/// Percentiles `q` (in [0, 100]) over `axis` with NumPy's default linear
/// method (`np.percentile`). The result has shape `q.shape + reduced shape`
/// and dtype float64; lanes holding NaN give NaN.
pub fn percentile(a: &NdArray, q: &NdArray, axis: Option<&[isize]>, keepdims: bool) -> ArrayResult<NdArray> {
    if a.dtype() == DType::Complex128 {
        return Err(ArrayError::type_error("a must be an array of real numbers"));
    }
    let qs: Vec<f64> = q.to_float().to_vec().into_iter().map(|v| v / 100.0).collect();
    if !qs.iter().all(|&v| (0.0..=1.0).contains(&v)) {
        return Err(ArrayError::value("Percentiles must be in the range [0, 100]"));
    }
    quantiles(a, q.shape(), &qs, axis, keepdims)
}

/// Quantiles `q` (in [0, 1]) over `axis` (`np.quantile`); see [`percentile`].
pub fn quantile(a: &NdArray, q: &NdArray, axis: Option<&[isize]>, keepdims: bool) -> ArrayResult<NdArray> {
    if a.dtype() == DType::Complex128 {
        return Err(ArrayError::type_error("a must be an array of real numbers"));
    }
    let qs: Vec<f64> = q.to_float().to_vec();
    if !qs.iter().all(|&v| (0.0..=1.0).contains(&v)) {
        return Err(ArrayError::value("Quantiles must be in the range [0, 1]"));
    }
    quantiles(a, q.shape(), &qs, axis, keepdims)
}

fn quantiles(
    a: &NdArray,
    qshape: &[usize],
    qs: &[f64],
    axis: Option<&[isize]>,
    keepdims: bool,
) -> ArrayResult<NdArray> {
    if qshape.len() > 2 {
        return Err(ArrayError::value("q must be a scalar or 1d"));
    }
    let mask = axis_mask_strict(axis, a.ndim())?;
    let mut oshape = qshape.to_vec();
    oshape.extend(kept_shape(a.shape(), &mask, keepdims));
    fn go<T: Real>(
        x: &Array<T>,
        mask: &[bool],
        qs: &[f64],
        lerp: impl Fn(T, T, f64) -> ArrayResult<f64>,
    ) -> ArrayResult<Vec<f64>> {
        let (n, mut data) = lanes(x, mask);
        if n == 0 {
            return Err(ArrayError::index("index -1 is out of bounds for axis 0 with size 0"));
        }
        let nl = data.len() / n;
        let mut out = vec![0.0; qs.len() * nl];
        for (l, lane) in data.chunks_mut(n).enumerate() {
            sort_lane(lane)?;
            let has_nan = lane[n - 1].is_nan_key();
            for (k, &q) in qs.iter().enumerate() {
                out[k * nl + l] = if has_nan {
                    lane[n - 1].f()
                } else {
                    let virt = (n - 1) as f64 * q;
                    let (prev, next, gamma) = if virt >= (n - 1) as f64 {
                        (n - 1, n - 1, virt - (-1.0))
                    } else {
                        let p = virt.floor();
                        (p as usize, p as usize + 1, virt - p)
                    };
                    lerp(lane[prev], lane[next], gamma)?
                };
            }
        }
        Ok(out)
    }
    fn lerp_f(a: f64, b: f64, t: f64) -> f64 {
        let d = b - a;
        if t >= 0.5 {
            b - d * (1.0 - t)
        } else {
            a + d * t
        }
    }
    let out = match a {
        NdArray::Bool(_) => return Err(ArrayError::type_error(BOOL_SUBTRACT)),
        NdArray::Int(x) => go(x, &mask, qs, |a, b, t| {
            let d = b.checked_sub(a).ok_or_else(ArrayError::int_overflow)? as f64;
            Ok(if t >= 0.5 { b as f64 - d * (1.0 - t) } else { a as f64 + d * t })
        })?,
        NdArray::Float(x) => go(x, &mask, qs, |a, b, t| Ok(lerp_f(a, b, t)))?,
        NdArray::Complex(_) => return Err(ArrayError::type_error("a must be an array of real numbers")),
    };
    Ok(NdArray::Float(Array::from_vec(oshape, out)?))
}

/// Sum over `mask` of `x` cast on the fly to the pairwise-summed type `T`
/// (NumPy's buffered `add.reduce(x, dtype=T)`).
fn cast_pairwise<S: Element, T: Element + PairwiseSum>(
    x: &Array<S>,
    mask: &[bool],
    conv: impl Fn(S) -> T,
) -> ArrayResult<(Plan, Vec<T>)> {
    let plan = Plan::new(x.shape(), x.strides(), mask, S::DTYPE != T::DTYPE);
    let mut out = vec![T::default(); plan.out_size];
    // The sum depends only on how the elements are cut into calls, so the
    // elements can always be read from a copy in iteration order.
    let tmp = gather(&plan, &x.buffer(), x.offset(), conv);
    pairwise_sum(&plan, &plan.contiguous_input(), &tmp, 0, &mut out)?;
    Ok((plan, out))
}

/// `add.reduce(x, axis, dtype)` for dtype float64 or complex128.
fn sum_as(x: &NdArray, mask: &[bool], keepdims: bool, dtype: DType) -> ArrayResult<NdArray> {
    let shape = x.shape().to_vec();
    Ok(if dtype == DType::Complex128 {
        let (p, v) = with_array!(x, a => cast_pairwise(a, mask, |v| v.to_scalar().to_c64()))?;
        reduction_result(&shape, mask, keepdims, &p.out_strides, v)?.into_nd()
    } else {
        let (p, v) = with_array!(x, a => cast_pairwise(a, mask, |v| v.to_scalar().to_f64()))?;
        reduction_result(&shape, mask, keepdims, &p.out_strides, v)?.into_nd()
    })
}

/// Weighted average over `axis` (`np.average`), with the sum of the weights
/// (NumPy's `returned=True` second value, broadcast to the average's shape).
/// Without weights it is the mean. NumPy's errors: `TypeError` "Axis must be
/// specified when shapes of a and weights differ.", `ValueError` "Shape of
/// weights must be consistent with shape of a along specified axis.",
/// `ZeroDivisionError` "Weights sum to zero, can't be normalized".
pub fn average(
    a: &NdArray,
    axis: Option<&[isize]>,
    weights: Option<&NdArray>,
    keepdims: bool,
) -> ArrayResult<(NdArray, NdArray)> {
    let nd = a.ndim();
    let axes = match axis {
        Some(ax) => Some(normalize_axes(ax, nd)?),
        None => None,
    };
    let ax_isize: Option<Vec<isize>> = axes.as_ref().map(|v| v.iter().map(|&k| k as isize).collect());
    let Some(w) = weights else {
        let avg = mean(a, ax_isize.as_deref(), keepdims)?;
        if avg.size() == 0 {
            return Err(ArrayError::new(ErrorKind::ZeroDivision, "division by zero"));
        }
        let scl = (a.size() / avg.size()) as f64;
        let scl_arr = NdArray::full(avg.shape().to_vec(), crate::array::Scalar::Float(scl), avg.dtype())?;
        return Ok((avg, scl_arr));
    };
    // Validate and broadcast the weights.
    let wgt: NdArray = if a.shape() != w.shape() {
        let Some(axes) = &axes else {
            return Err(ArrayError::type_error("Axis must be specified when shapes of a and weights differ."));
        };
        let want: Vec<usize> = axes.iter().map(|&k| a.shape()[k]).collect();
        if w.shape() != want.as_slice() {
            return Err(ArrayError::value("Shape of weights must be consistent with shape of a along specified axis."));
        }
        // Transpose by argsort(axis), then put the axes where they belong.
        let mut order: Vec<usize> = (0..axes.len()).collect();
        order.sort_by_key(|&i| axes[i]);
        let perm: Vec<isize> = order.iter().map(|&i| i as isize).collect();
        let t = crate::array::manip::transpose(w, Some(&perm))?;
        let bshape: Vec<isize> = (0..nd).map(|k| if axes.contains(&k) { a.shape()[k] as isize } else { 1 }).collect();
        crate::array::manip::reshape(&t, &bshape)?
    } else {
        w.clone()
    };
    let result = a.dtype().promote(wgt.dtype()).max(DType::Float64);
    let mask = axis_mask(ax_isize.as_deref(), nd)?;
    let wmask = axis_mask(ax_isize.as_deref(), wgt.ndim())?;
    let scl = sum_as(&wgt, &wmask, keepdims, result)?;
    let zero = scl.to_scalars().iter().any(|s| s.to_c64() == Complex64::new(0.0, 0.0));
    if zero {
        return Err(ArrayError::new(ErrorKind::ZeroDivision, "Weights sum to zero, can't be normalized"));
    }
    // a * wgt in the result dtype, laid out like `a`.
    let prod = multiply_broadcast(a, &wgt, result)?;
    let num = sum_as(&prod, &mask, keepdims, result)?;
    let (avg, scl_b) = divide_broadcast(&num, &scl)?;
    Ok((avg, scl_b))
}

/// `a * b` (b broadcast to a's shape) in `dtype` (float64 or complex128),
/// in the memory order of `a`.
fn multiply_broadcast(a: &NdArray, b: &NdArray, dtype: DType) -> ArrayResult<NdArray> {
    let shape = a.shape().to_vec();
    let kstrides = {
        let order = iteration_axes(&shape, a.strides());
        let mut s = vec![0isize; shape.len()];
        let mut step = 1isize;
        for ax in order {
            s[ax] = step;
            step *= shape[ax] as isize;
        }
        s
    };
    let size = crate::array::storage::check_allocation(&shape, dtype)?;
    fn go<T: Element + std::ops::Mul<Output = T>>(
        a: &Array<T>,
        b: &Array<T>,
        shape: &[usize],
        ks: &[isize],
        size: usize,
    ) -> ArrayResult<Array<T>> {
        let b = b.broadcast_to(shape)?;
        let mut out = vec![T::default(); size];
        let (ab, bb) = (a.buffer(), b.buffer());
        super::walk3(
            shape,
            [a.strides(), b.strides(), ks],
            [a.offset() as isize, b.offset() as isize, 0],
            |i, j, o| {
                out[o] = ab[i] * bb[j];
            },
        );
        Ok(Array::from_vec(vec![size], out)?.view(shape, ks, 0))
    }
    Ok(if dtype == DType::Complex128 {
        go(&a.to_complex(), &b.to_complex(), &shape, &kstrides, size)?.into_nd()
    } else {
        go(&a.to_float(), &b.to_float(), &shape, &kstrides, size)?.into_nd()
    })
}

/// `num / den` with broadcasting, and `den` broadcast to the quotient's shape.
fn divide_broadcast(num: &NdArray, den: &NdArray) -> ArrayResult<(NdArray, NdArray)> {
    let shape = crate::array::broadcast::broadcast_shapes(num.shape(), den.shape())?;
    if num.dtype() == DType::Complex128 || den.dtype() == DType::Complex128 {
        let n = num.to_complex().broadcast_to(&shape)?.to_vec();
        let d = den.to_complex().broadcast_to(&shape)?.to_vec();
        let q: Vec<Complex64> = n.iter().zip(&d).map(|(&x, &y)| complex_div(x, y)).collect();
        Ok((Array::from_vec(shape.clone(), q)?.into_nd(), Array::from_vec(shape, d)?.into_nd()))
    } else {
        let n = num.to_float().broadcast_to(&shape)?.to_vec();
        let d = den.to_float().broadcast_to(&shape)?.to_vec();
        let q: Vec<f64> = n.iter().zip(&d).map(|(&x, &y)| x / y).collect();
        Ok((Array::from_vec(shape.clone(), q)?.into_nd(), Array::from_vec(shape, d)?.into_nd()))
    }
}

/// Covariance matrix (`np.cov`): rows are variables unless `rowvar` is
/// false; `y` adds more variables; normalized by `n - ddof` where `ddof`
/// defaults to 1 (0 with `bias`). A single variable gives a 0-d array.
pub fn cov(m: &NdArray, y: Option<&NdArray>, rowvar: bool, bias: bool, ddof: Option<i64>) -> ArrayResult<NdArray> {
    if m.ndim() > 2 {
        return Err(ArrayError::value("m has more than 2 dimensions"));
    }
    if let Some(y) = y {
        if y.ndim() > 2 {
            return Err(ArrayError::value("y has more than 2 dimensions"));
        }
    }
    let mut dtype = m.dtype().max(DType::Float64);
    if let Some(y) = y {
        dtype = dtype.max(y.dtype());
    }
    let ndmin2 = |x: &NdArray| -> ArrayResult<NdArray> {
        let c = copy_keep_order(x, dtype)?;
        Ok(match c.ndim() {
            0 => crate::array::manip::reshape(&c, &[1, 1])?,
            1 => crate::array::manip::reshape(&c, &[1, -1])?,
            _ => c,
        })
    };
    let mut xm = ndmin2(m)?;
    if !rowvar && m.ndim() != 1 {
        xm = crate::array::manip::transpose(&xm, None)?;
    }
    if xm.shape()[0] == 0 {
        return Ok(NdArray::Float(Array::from_vec(vec![0, 0], vec![])?));
    }
    if let Some(y) = y {
        let mut ym = ndmin2(y)?;
        if !rowvar && ym.shape()[0] != 1 {
            ym = crate::array::manip::transpose(&ym, None)?;
        }
        xm = crate::array::manip::concatenate(&[xm, ym], Some(0))?;
    }
    let ddof = ddof.unwrap_or(if bias { 0 } else { 1 });
    let (p, n) = (xm.shape()[0], xm.shape()[1]);
    let avg = mean(&xm, Some(&[1]), false)?;
    let fact = n as i64 - ddof;
    let fact = if fact <= 0 { 0.0 } else { fact as f64 };
    let scale = 1.0 / fact;
    // X -= avg[:, None], keeping X's layout.
    let centered = {
        let avg2 = crate::array::manip::reshape(&avg, &[p as isize, 1])?;
        subtract_rows(&xm, &avg2)?
    };
    let conj_t = {
        let t = crate::array::manip::transpose(&centered, None)?;
        match &t {
            NdArray::Complex(z) => NdArray::Complex(z.map(|v| v.conj())),
            other => other.clone(),
        }
    };
    let c = crate::array::product::dot(&centered, &conj_t)?;
    let c = match c {
        NdArray::Complex(z) => NdArray::Complex(z.map(|v| v * Complex64::new(scale, 0.0))),
        other => NdArray::Float(other.to_float().map(|v| v * scale)),
    };
    crate::array::manip::squeeze(&c, None)
}

/// A copy of `x` cast to `dtype`, laid out in `x`'s memory order (NumPy's
/// `np.array(x, dtype=dtype)`, whose order is `'K'`).
fn copy_keep_order(x: &NdArray, dtype: DType) -> ArrayResult<NdArray> {
    fn go<T: Element>(x: &Array<T>) -> ArrayResult<Array<T>> {
        let shape = x.shape().to_vec();
        let ks = super::iter::k_order_strides(&shape, x.strides());
        let mut out = vec![T::default(); x.size()];
        let xb = x.buffer();
        let zeros = vec![0isize; shape.len()];
        super::walk3(&shape, [x.strides(), &zeros, &ks], [x.offset() as isize, 0, 0], |i, _, o| out[o] = xb[i]);
        let n = out.len();
        Ok(Array::from_vec(vec![n], out)?.view(shape, ks, 0))
    }
    let c = x.cast_to(dtype);
    Ok(with_array!(&c, a => go(a)?.into_nd()))
}

/// `x - m` where `m` has shape (rows, 1), result laid out like `x`.
fn subtract_rows(x: &NdArray, m: &NdArray) -> ArrayResult<NdArray> {
    fn go<T: Element + std::ops::Sub<Output = T>>(x: &Array<T>, m: &Array<T>) -> ArrayResult<Array<T>> {
        let shape = x.shape().to_vec();
        let mb = m.broadcast_to(&shape)?;
        let order = iteration_axes(&shape, x.strides());
        let mut ks = vec![0isize; shape.len()];
        let mut step = 1isize;
        for ax in order {
            ks[ax] = step;
            step *= shape[ax] as isize;
        }
        let mut out = vec![T::default(); x.size()];
        let (xb, mbuf) = (x.buffer(), mb.buffer());
        super::walk3(
            &shape,
            [x.strides(), mb.strides(), &ks],
            [x.offset() as isize, mb.offset() as isize, 0],
            |i, j, o| {
                out[o] = xb[i] - mbuf[j];
            },
        );
        let n = out.len();
        Ok(Array::from_vec(vec![n], out)?.view(shape, ks, 0))
    }
    Ok(match (x, m) {
        (NdArray::Complex(a), _) => go(a, &m.to_complex())?.into_nd(),
        (a, _) => go(&a.to_float(), &m.to_float())?.into_nd(),
    })
}

/// Pearson correlation coefficients (`np.corrcoef`): the covariance matrix
/// divided by the outer product of the standard deviations, clipped to
/// [-1, 1]. A single variable gives `c / c` (1.0, or NaN).
pub fn corrcoef(x: &NdArray, y: Option<&NdArray>, rowvar: bool) -> ArrayResult<NdArray> {
    let c = cov(x, y, rowvar, false, None)?;
    if c.ndim() == 0 {
        return Ok(match &c {
            NdArray::Complex(z) => NdArray::Complex(z.map(|v| complex_div(v, v))),
            #[allow(clippy::eq_op)] // NumPy returns c / c here: 1.0, or NaN.
            other => NdArray::Float(other.to_float().map(|v| v / v)),
        });
    }
    let n = c.shape()[0];
    let clip = |v: f64| if v.is_nan() { v } else { v.clamp(-1.0, 1.0) };
    Ok(match &c {
        NdArray::Complex(z) => {
            let data = z.to_vec();
            let sd: Vec<f64> = (0..n).map(|i| data[i * n + i].re.sqrt()).collect();
            let mut out = data.clone();
            for i in 0..n {
                for j in 0..n {
                    let v = complex_div(data[i * n + j], Complex64::new(sd[i], 0.0));
                    let v = complex_div(v, Complex64::new(sd[j], 0.0));
                    out[i * n + j] = Complex64::new(clip(v.re), clip(v.im));
                }
            }
            NdArray::Complex(Array::from_vec(vec![n, n], out)?)
        }
        other => {
            let data = other.to_float().to_vec();
            let sd: Vec<f64> = (0..n).map(|i| data[i * n + i].sqrt()).collect();
            let mut out = data.clone();
            for i in 0..n {
                for j in 0..n {
                    out[i * n + j] = clip(data[i * n + j] / sd[i] / sd[j]);
                }
            }
            NdArray::Float(Array::from_vec(vec![n, n], out)?)
        }
    })
}
