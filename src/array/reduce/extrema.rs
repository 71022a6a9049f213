//! Extrema and truth reductions: `max`, `min`, `ptp`, `argmax`,
//! `argmin`, `all`, `any`, `count_nonzero`.

use super::iter::{fold, fold_with_slice, Plan};
use super::{reduced_count, reduction_result, walk3};
use crate::array::dtype::Element;
use crate::array::error::{ArrayError, ArrayResult};
use crate::array::manip::axes::{axis_mask, normalize_axis};
use crate::array::parallel::{build_vec_chunked, CHUNK, PARALLEL_MIN};
use crate::array::storage::{Array, IntoNdArray, NdArray};
use num_complex::Complex64;

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
    /// `acc` folded with every element of `s` by `max` (or `min`).
    fn extreme_slice(acc: Self, s: &[Self], is_max: bool) -> Self {
        if is_max {
            s.iter().fold(acc, |a, &x| max_step(a, x))
        } else {
            s.iter().fold(acc, |a, &x| min_step(a, x))
        }
    }
    /// Index of the first largest (smallest) element of a non-empty slice,
    /// the first NaN winning.
    fn arg_slice(s: &[Self], is_max: bool) -> usize {
        arg_lane(s, 0, s.len(), 1, is_max) as usize
    }
}

/// Lane-parallel extreme of a contiguous run (NaN propagates).
macro_rules! lanes_extreme {
    ($acc:expr, $s:expr, $is_max:expr, $init_max:expr, $init_min:expr, $isnan:expr) => {{
        let (acc, s, is_max) = ($acc, $s, $is_max);
        let mut lanes = [if is_max { $init_max } else { $init_min }; 8];
        let mut nan = [false; 8];
        let chunks = s.chunks_exact(8);
        let rest = chunks.remainder();
        for c in chunks {
            for j in 0..8 {
                let v = c[j];
                nan[j] |= $isnan(v);
                let better = if is_max { v > lanes[j] } else { v < lanes[j] };
                lanes[j] = if better { v } else { lanes[j] };
            }
        }
        if nan.iter().any(|&b| b) {
            return s.iter().copied().find(|&v| $isnan(v)).unwrap_or(acc);
        }
        let step = |a, x| {
            if is_max {
                max_step(a, x)
            } else {
                min_step(a, x)
            }
        };
        let acc = lanes.iter().fold(acc, |a, &x| step(a, x));
        rest.iter().fold(acc, |a, &x| step(a, x))
    }};
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
    fn extreme_slice(acc: i64, s: &[i64], is_max: bool) -> i64 {
        lanes_extreme!(acc, s, is_max, i64::MIN, i64::MAX, |_v: i64| false)
    }
    fn arg_slice(s: &[i64], is_max: bool) -> usize {
        arg_one_pass(s, is_max)
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
    fn extreme_slice(acc: f64, s: &[f64], is_max: bool) -> f64 {
        if acc.is_nan() {
            return acc;
        }
        lanes_extreme!(acc, s, is_max, f64::NEG_INFINITY, f64::INFINITY, |v: f64| v.is_nan())
    }
    fn arg_slice(s: &[f64], is_max: bool) -> usize {
        arg_one_pass(s, is_max)
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
        fold_with_slice(&plan.dims, plan.total, &buf, x.offset(), &mut out, max_step, |a, s| {
            T::extreme_slice(a, s, true)
        });
        out
    } else {
        let mut out = vec![T::HIGHEST; plan.out_size];
        fold_with_slice(&plan.dims, plan.total, &buf, x.offset(), &mut out, min_step, |a, s| {
            T::extreme_slice(a, s, false)
        });
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
    fn sub<T: Element>(h: &Array<T>, l: &Array<T>, f: impl Fn(T, T) -> ArrayResult<T>) -> ArrayResult<Array<T>> {
        let hb = h.buffer();
        let lb = l.buffer();
        let data = hb.iter().zip(lb.iter()).map(|(&x, &y)| f(x, y)).collect::<ArrayResult<Vec<T>>>()?;
        let n = data.len();
        Ok(Array::from_vec(vec![n], data)?.view(h.shape(), h.strides(), 0))
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

/// Elements per block of the one-pass arg-extreme.
const ARG_BLOCK: usize = 512;

/// Index of the first largest (`is_max`) or smallest element of a
/// non-empty slice; the first NaN (an element unequal to itself) wins.
fn arg_one_pass<T: Copy + PartialOrd>(s: &[T], is_max: bool) -> usize {
    crate::array::parallel::with_simd(
        #[inline(always)]
        || {
            if is_max {
                arg_blocks::<T, true>(s)
            } else {
                arg_blocks::<T, false>(s)
            }
        },
    )
}

/// The extreme of a block and whether it holds a NaN: eight independent
/// lanes of compare-and-select (a vector max) and NaN flags.
#[inline(always)]
#[allow(clippy::eq_op)]
fn block_extreme<T: Copy + PartialOrd, const MAX: bool>(b: &[T]) -> (T, bool) {
    let mut lanes = [b[0]; 8];
    let mut nan = [false; 8];
    let chunks = b.chunks_exact(8);
    let rest = chunks.remainder();
    for c in chunks {
        for j in 0..8 {
            let v = c[j];
            nan[j] |= v != v;
            let better = if MAX { v > lanes[j] } else { v < lanes[j] };
            lanes[j] = if better { v } else { lanes[j] };
        }
    }
    let mut any_nan = nan.iter().any(|&x| x);
    let mut best = lanes[0];
    for &v in lanes[1..].iter().chain(rest) {
        any_nan |= v != v;
        if if MAX { v > best } else { v < best } {
            best = v;
        }
    }
    (best, any_nan)
}

/// [`arg_one_pass`] in one pass over memory: the extreme of each block of
/// [`ARG_BLOCK`] elements (vectorized), keeping the first block whose
/// extreme beats all earlier ones; then the first element of that block
/// equal to the extreme (a tie between blocks keeps the earlier block, a
/// tie inside it the earlier element, as a sequential scan would). A block
/// holding a NaN ends the scan at its first NaN.
#[inline(always)]
#[allow(clippy::eq_op)]
fn arg_blocks<T: Copy + PartialOrd, const MAX: bool>(s: &[T]) -> usize {
    let mut best = s[0];
    let mut best_block = 0;
    for (k, b) in s.chunks(ARG_BLOCK).enumerate() {
        let (v, nan) = block_extreme::<T, MAX>(b);
        if nan {
            let at = b.iter().position(|x| x != x).unwrap_or(0);
            return k * ARG_BLOCK + at;
        }
        if if MAX { v > best } else { v < best } {
            best = v;
            best_block = k;
        }
    }
    let lo = best_block * ARG_BLOCK;
    let b = &s[lo..(lo + ARG_BLOCK).min(s.len())];
    lo + b.iter().position(|&x| x == best).unwrap_or(0)
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

/// The index of the first extreme element of a whole slice: big slices in
/// chunks on all cores (each chunk's first extreme, then the first of the
/// best chunk, or the first chunk holding a NaN), with a Ctrl-C check per
/// chunk.
fn arg_of_slice<T: Extremum + Send + Sync>(s: &[T], is_max: bool) -> ArrayResult<i64> {
    if s.len() < PARALLEL_MIN {
        return Ok(T::arg_slice(s, is_max) as i64);
    }
    let chunk = CHUNK / 4;
    let n = s.len().div_ceil(chunk);
    let found: Vec<(usize, T)> = build_vec_chunked(n, 4, |start, slots| {
        for (j, slot) in slots.iter_mut().enumerate() {
            let lo = (start + j) * chunk;
            let part = &s[lo..(lo + chunk).min(s.len())];
            let at = T::arg_slice(part, is_max);
            slot.write((lo + at, part[at]));
        }
    })?;
    let mut best = found[0];
    for &(i, v) in &found[1..] {
        if best.1.is_nan_like() {
            break;
        }
        let better = if is_max { v.gt(best.1) } else { v.lt(best.1) };
        if v.is_nan_like() || better {
            best = (i, v);
        }
    }
    Ok(best.0 as i64)
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
            let idx = with_array!(a, x => x.with_slice(|s| arg_of_slice(s, is_max)))?;
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
                    if st[ax] == 1 {
                        out.push(Extremum::arg_slice(&b[p..p + n], is_max) as i64);
                    } else {
                        out.push(arg_lane(&b, p as isize, n, st[ax], is_max));
                    }
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

#[cfg(test)]
mod tests {
    use super::{arg_lane, arg_one_pass};

    fn noise(n: usize, seed: u64) -> Vec<f64> {
        let mut x = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
        (0..n)
            .map(|_| {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                // Few distinct values, so ties between blocks and lanes are common.
                ((x >> 40) % 50) as f64 - 25.0
            })
            .collect()
    }

    #[test]
    fn one_pass_matches_the_sequential_scan() {
        for n in [1usize, 2, 7, 8, 9, 31, 511, 512, 513, 1024, 1500, 5000] {
            for seed in 0..4 {
                let mut v = noise(n, seed + n as u64);
                for is_max in [true, false] {
                    let want = arg_lane(&v, 0, n, 1, is_max) as usize;
                    assert_eq!(arg_one_pass(&v, is_max), want, "n {n} seed {seed} max {is_max}");
                    let ints: Vec<i64> = v.iter().map(|&x| x as i64).collect();
                    assert_eq!(arg_one_pass(&ints, is_max), arg_lane(&ints, 0, n, 1, is_max) as usize);
                }
                // Signed zeros compare equal: the first one wins.
                if n > 3 {
                    v.iter_mut().for_each(|x| *x = -1.0);
                    v[n / 2] = -0.0;
                    v[n - 1] = 0.0;
                    assert_eq!(arg_one_pass(&v, true), n / 2);
                }
                // The first NaN wins wherever it is.
                for at in [0, n / 3, n - 1] {
                    let mut w = noise(n, seed);
                    w[at] = f64::NAN;
                    if at + 1 < n {
                        w[n - 1] = f64::NAN;
                    }
                    assert_eq!(arg_one_pass(&w, true), at);
                    assert_eq!(arg_one_pass(&w, false), at);
                }
            }
        }
    }
}
