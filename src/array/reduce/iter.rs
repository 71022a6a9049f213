//! The order in which NumPy visits the elements of a reduction.
//!
//! NumPy's float sums are not sequential: each call of the inner loop sums
//! its elements pairwise, and how the elements are cut into calls depends on
//! the iterator NumPy builds for the reduction (axis ordering by strides,
//! coalescing, and the buffering setup of `nditer`). [`Plan`] reproduces
//! that setup so that sums, means and variances print the very digits
//! NumPy prints, and [`pairwise_sum`] / [`fold`] run over it with typed
//! loops.

use num_complex::Complex64;

/// NumPy's default ufunc buffer size (`np.getbufsize()`), in elements.
const BUFSIZE: usize = 8192;

/// One (coalesced) iteration dimension: its length and the strides of the
/// output and the input along it, in elements.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Dim {
    pub n: usize,
    pub out: isize,
    pub inp: isize,
}

/// How a reduction of one array iterates, as NumPy's iterator would.
#[derive(Clone, Debug)]
pub(crate) struct Plan {
    /// Iteration dimensions, innermost first (never empty).
    pub dims: Vec<Dim>,
    /// Number of elements visited.
    pub total: usize,
    /// Number of output elements.
    pub out_size: usize,
    /// Stride of each original axis in the output buffer (0 on reduced axes).
    pub out_strides: Vec<isize>,
    /// Inner-loop calls never cross a multiple of `block` elements.
    pub block: usize,
    /// Elements per inner-loop call inside a block (the last may be shorter).
    pub chunk: usize,
    /// Whether NumPy copies the input into a buffer (so that a call may
    /// span elements that are not equally spaced in memory).
    pub buffer_input: bool,
}

/// NumPy's iteration order for one operand: the axes of length > 1,
/// innermost first, after its stable insertion sort by absolute stride.
pub(crate) fn iteration_axes(shape: &[usize], strides: &[isize]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..shape.len()).rev().filter(|&a| shape[a] != 1).collect();
    for i0 in 1..order.len() {
        let x = order[i0];
        let mut ipos = i0;
        for i1 in (0..i0).rev() {
            let y = order[i1];
            if strides[x] != 0 && strides[y] != 0 {
                if strides[y].unsigned_abs() <= strides[x].unsigned_abs() {
                    break;
                }
                ipos = i1;
            }
        }
        if ipos != i0 {
            order.remove(i0);
            order.insert(ipos, x);
        }
    }
    order
}

/// Strides (in elements) of a fresh array of `shape` laid out in the memory
/// order of an array with `strides` (NumPy's `order='K'`).
pub(crate) fn k_order_strides(shape: &[usize], strides: &[isize]) -> Vec<isize> {
    let mut out = vec![0isize; shape.len()];
    let mut step = 1isize;
    for a in iteration_axes(shape, strides) {
        out[a] = step;
        step = step.saturating_mul(shape[a] as isize);
    }
    out
}

impl Plan {
    /// The plan for reducing an array of `shape`/`strides` over the axes
    /// marked in `reduced`. `cast` says the input needs a dtype cast (which
    /// makes NumPy buffer it).
    pub(crate) fn new(shape: &[usize], strides: &[isize], reduced: &[bool], cast: bool) -> Plan {
        let order = iteration_axes(shape, strides);
        // Output strides: kept axes laid out in iteration order.
        let mut out_strides = vec![0isize; shape.len()];
        let mut step = 1isize;
        for &a in &order {
            if !reduced[a] {
                out_strides[a] = step;
                step = step.saturating_mul(shape[a] as isize);
            }
        }
        let out_size: usize = shape.iter().zip(reduced).filter(|(_, &r)| !r).map(|(&n, _)| n).product();
        // Coalesce.
        let mut dims: Vec<Dim> = Vec::with_capacity(order.len());
        for &a in &order {
            let d = Dim { n: shape[a], out: out_strides[a], inp: strides[a] };
            if let Some(last) = dims.last_mut() {
                let n = last.n as isize;
                if last.out.wrapping_mul(n) == d.out && last.inp.wrapping_mul(n) == d.inp {
                    last.n *= d.n;
                    continue;
                }
            }
            dims.push(d);
        }
        if dims.is_empty() {
            dims.push(Dim { n: 1, out: 0, inp: 0 });
        }
        let total: usize = dims.iter().map(|d| d.n).product();
        let mut plan =
            Plan { dims, total, out_size, out_strides, block: total.max(1), chunk: total.max(1), buffer_input: cast };
        plan.buffering_setup(cast);
        plan
    }

    /// NumPy's `npyiter_find_buffering_setup` for the two operands of a
    /// reduction (output 0 with zero strides on reduced axes, input 1).
    fn buffering_setup(&mut self, cast: bool) {
        let dims = &self.dims;
        let mut cost: usize = 1 + cast as usize;
        let mut single = [1usize, 1usize];
        let mut outer_reduce_dim = 0usize;
        let mut size = dims[0].n;
        let mut best_dim = 0usize;
        let mut best_cost = cost;
        let mut best_size = size;
        let mut best_core = 1usize;
        for idim in 1..dims.len() {
            if outer_reduce_dim != 0 {
                break;
            }
            if size >= BUFSIZE && cost > 1 {
                break;
            }
            let prev = dims[idim - 1];
            let cur = dims[idim];
            // Operand 0: the output (a reduce operand).
            if single[0] == idim {
                if prev.out.wrapping_mul(prev.n as isize) == cur.out {
                    single[0] += 1;
                } else {
                    cost += 1;
                    if cur.out == 0 || prev.out == 0 {
                        outer_reduce_dim = idim;
                    }
                }
            } else if cur.out == 0 || prev.out == 0 {
                outer_reduce_dim = idim;
            }
            // Operand 1: the input.
            if single[1] == idim {
                if prev.inp.wrapping_mul(prev.n as isize) == cur.inp {
                    single[1] += 1;
                } else if !cast {
                    cost += 1;
                }
            }
            let core = size;
            size = size.saturating_mul(cur.n);
            if size == 0 {
                break;
            }
            let bufsize = if size > BUFSIZE && cost > 1 { BUFSIZE } else { size };
            if (cost as f64) * (best_size as f64) <= (best_cost as f64) * (bufsize as f64) {
                best_cost = cost;
                best_core = core;
                best_size = size;
                best_dim = idim;
            }
        }
        let using_reduce = outer_reduce_dim != 0 && best_dim == outer_reduce_dim;
        let rd = outer_reduce_dim;
        // The output is the reduce operand whose stride flipped at `best_dim`.
        let reduce0 = using_reduce;
        let buffered0 = single[0] + reduce0 as usize <= best_dim;
        let reduce1 =
            using_reduce && ((single[1] == best_dim && !cast) || (dims[rd].inp == 0 && single[1] <= best_dim));
        let buffered1 = cast || single[1] + reduce1 as usize <= best_dim;
        let block: usize = dims[..=best_dim].iter().map(|d| d.n).product();
        if (buffered0 || buffered1) && BUFSIZE < best_size {
            best_size = best_core * (BUFSIZE / best_core.max(1));
        }
        let best_size = best_size.max(1);
        if using_reduce {
            self.block = best_core.max(1);
            self.chunk = best_core.max(1);
        } else {
            self.block = block.max(1);
            self.chunk = best_size.min(self.block);
        }
        self.buffer_input = buffered1;
    }

    /// Strides of the dims when the input has been copied, in iteration
    /// order, into a contiguous buffer.
    pub(crate) fn contiguous_input(&self) -> Vec<Dim> {
        let mut step = 1isize;
        self.dims
            .iter()
            .map(|d| {
                let r = Dim { n: d.n, out: d.out, inp: step };
                step = step.saturating_mul(d.n as isize);
                r
            })
            .collect()
    }
}

/// Offsets of the input and output elements at iteration position `idx`.
#[inline]
pub(crate) fn offsets(dims: &[Dim], idx: &[usize], base: isize) -> (isize, isize) {
    let mut i = base;
    let mut o = 0isize;
    for (d, &k) in dims.iter().zip(idx) {
        i += k as isize * d.inp;
        o += k as isize * d.out;
    }
    (i, o)
}

/// Moves the multi-index `idx` forward by `k` positions.
#[inline]
pub(crate) fn advance(dims: &[Dim], idx: &mut [usize], mut k: usize) {
    for (d, x) in dims.iter().zip(idx.iter_mut()) {
        let v = *x + k;
        *x = v % d.n;
        k = v / d.n;
        if k == 0 {
            return;
        }
    }
}

/// Copies the elements visited by `plan` from `buf` (starting at `base`),
/// converted by `conv`, into a vector in iteration order.
pub(crate) fn gather<S: Copy, I>(plan: &Plan, buf: &[S], base: usize, conv: impl Fn(S) -> I) -> Vec<I> {
    let mut out = Vec::with_capacity(plan.total);
    if plan.total == 0 {
        return out;
    }
    let dims = &plan.dims;
    let d0 = dims[0];
    let mut idx = vec![0usize; dims.len()];
    let mut t = 0;
    while t < plan.total {
        let (i, _) = offsets(dims, &idx, base as isize);
        if d0.inp == 1 {
            let s = i as usize;
            out.extend(buf[s..s + d0.n].iter().map(|&x| conv(x)));
        } else {
            let mut p = i;
            for _ in 0..d0.n {
                out.push(conv(buf[p as usize]));
                p += d0.inp;
            }
        }
        t += d0.n;
        advance(dims, &mut idx, d0.n);
    }
    out
}

/// Applies `f(acc, x)` to every element in iteration order, with `acc`
/// the output element the input element reduces into.
pub(crate) fn fold<I: Copy, A: Copy>(
    dims: &[Dim],
    total: usize,
    buf: &[I],
    base: usize,
    out: &mut [A],
    f: impl Fn(A, I) -> A,
) {
    fold_with_slice(dims, total, buf, base, out, &f, |acc, s| s.iter().fold(acc, |a, &x| f(a, x)))
}

/// [`fold`] with a faster reducer for contiguous runs that all fold into
/// one output element (`slice_f(acc, run)` must equal folding `f`).
pub(crate) fn fold_with_slice<I: Copy, A: Copy>(
    dims: &[Dim],
    total: usize,
    buf: &[I],
    base: usize,
    out: &mut [A],
    f: impl Fn(A, I) -> A,
    slice_f: impl Fn(A, &[I]) -> A,
) {
    if total == 0 {
        return;
    }
    let d0 = dims[0];
    let mut idx = vec![0usize; dims.len()];
    let mut t = 0;
    while t < total {
        let (i, o) = offsets(dims, &idx, base as isize);
        let (i, o) = (i as usize, o as usize);
        let n = d0.n;
        if d0.out == 0 {
            let mut acc = out[o];
            if d0.inp == 1 {
                acc = slice_f(acc, &buf[i..i + n]);
            } else {
                let mut p = i as isize;
                for _ in 0..n {
                    acc = f(acc, buf[p as usize]);
                    p += d0.inp;
                }
            }
            out[o] = acc;
        } else if d0.out == 1 && d0.inp == 1 {
            for (a, &x) in out[o..o + n].iter_mut().zip(&buf[i..i + n]) {
                *a = f(*a, x);
            }
        } else {
            let (mut p, mut q) = (i as isize, o as isize);
            for _ in 0..n {
                out[q as usize] = f(out[q as usize], buf[p as usize]);
                p += d0.inp;
                q += d0.out;
            }
        }
        t += n;
        advance(dims, &mut idx, n);
    }
}

/// An element type NumPy sums pairwise (`float64`, `complex128`).
pub(crate) trait PairwiseSum: Copy + std::ops::Add<Output = Self> {
    /// NumPy's pairwise sum of `n` elements starting at `start` with `stride`.
    fn pairwise(buf: &[Self], start: isize, n: usize, stride: isize) -> Self;
    /// Where the pairwise recursion splits `n` elements (`None` for a base
    /// case): the sum is `pairwise(first n2) + pairwise(the rest)`.
    fn split(n: usize) -> Option<usize>;
}

impl PairwiseSum for f64 {
    fn pairwise(buf: &[f64], start: isize, n: usize, stride: isize) -> f64 {
        if stride == 1 {
            let s = start as usize;
            pairwise_f64(&buf[s..s + n])
        } else {
            pairwise_f64_strided(buf, start, n, stride)
        }
    }
    fn split(n: usize) -> Option<usize> {
        (n > 128).then(|| {
            let n2 = n / 2;
            n2 - n2 % 8
        })
    }
}

impl PairwiseSum for Complex64 {
    fn pairwise(buf: &[Complex64], start: isize, n: usize, stride: isize) -> Complex64 {
        pairwise_c64(buf, start, n, stride)
    }
    fn split(n: usize) -> Option<usize> {
        (n > 64).then(|| (n - n % 8) / 2)
    }
}

/// [`pairwise_f64`] of `f` of `n` elements from `start` with `stride`
/// (the same additions as summing the mapped values stored first).
#[inline]
pub(crate) fn pairwise_f64_map(
    buf: &[f64],
    start: isize,
    n: usize,
    stride: isize,
    f: impl Fn(f64) -> f64 + Copy,
) -> f64 {
    if stride == 1 {
        let s = start as usize;
        pairwise_f64_slice_map(&buf[s..s + n], f)
    } else {
        pairwise_f64_strided_map(buf, start, n, stride, f)
    }
}

/// NumPy's pairwise summation (`DOUBLE_pairwise_sum`) of a slice: eight
/// partial sums in blocks of up to 128 elements, halves split at a multiple
/// of eight.
pub(crate) fn pairwise_f64(a: &[f64]) -> f64 {
    pairwise_f64_slice_map(a, |x| x)
}

fn pairwise_f64_strided(a: &[f64], start: isize, n: usize, stride: isize) -> f64 {
    pairwise_f64_strided_map(a, start, n, stride, |x| x)
}

/// [`pairwise_f64`] of the mapped elements of a slice.
fn pairwise_f64_slice_map(a: &[f64], f: impl Fn(f64) -> f64 + Copy) -> f64 {
    let n = a.len();
    if n < 8 {
        let mut res = 0.0;
        for &x in a {
            res += f(x);
        }
        res
    } else if n <= 128 {
        let mut r = [f(a[0]), f(a[1]), f(a[2]), f(a[3]), f(a[4]), f(a[5]), f(a[6]), f(a[7])];
        let end = n - n % 8;
        let mut i = 8;
        while i < end {
            let c = &a[i..i + 8];
            for j in 0..8 {
                r[j] += f(c[j]);
            }
            i += 8;
        }
        let mut res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for &x in &a[i..] {
            res += f(x);
        }
        res
    } else {
        let mut n2 = n / 2;
        n2 -= n2 % 8;
        pairwise_f64_slice_map(&a[..n2], f) + pairwise_f64_slice_map(&a[n2..], f)
    }
}

fn pairwise_f64_strided_map(a: &[f64], start: isize, n: usize, stride: isize, f: impl Fn(f64) -> f64 + Copy) -> f64 {
    let at = |i: usize| f(a[(start + i as isize * stride) as usize]);
    if n < 8 {
        let mut res = 0.0;
        for i in 0..n {
            res += at(i);
        }
        res
    } else if n <= 128 {
        let mut r = [at(0), at(1), at(2), at(3), at(4), at(5), at(6), at(7)];
        let end = n - n % 8;
        let mut i = 8;
        while i < end {
            for (j, acc) in r.iter_mut().enumerate() {
                *acc += at(i + j);
            }
            i += 8;
        }
        let mut res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        while i < n {
            res += at(i);
            i += 1;
        }
        res
    } else {
        let mut n2 = n / 2;
        n2 -= n2 % 8;
        pairwise_f64_strided_map(a, start, n2, stride, f)
            + pairwise_f64_strided_map(a, start + n2 as isize * stride, n - n2, stride, f)
    }
}

/// NumPy's pairwise summation of complex numbers (`CDOUBLE_pairwise_sum`):
/// real and imaginary parts each with four partial sums.
fn pairwise_c64(a: &[Complex64], start: isize, n: usize, stride: isize) -> Complex64 {
    let at = |i: usize| a[(start + i as isize * stride) as usize];
    if n < 4 {
        let (mut rr, mut ri) = (0.0, 0.0);
        for i in 0..n {
            let z = at(i);
            rr += z.re;
            ri += z.im;
        }
        Complex64::new(rr, ri)
    } else if n <= 64 {
        let (z0, z1, z2, z3) = (at(0), at(1), at(2), at(3));
        let mut r = [z0.re, z0.im, z1.re, z1.im, z2.re, z2.im, z3.re, z3.im];
        let end = n - n % 4;
        let mut i = 4;
        while i < end {
            for j in 0..4 {
                let z = at(i + j);
                r[2 * j] += z.re;
                r[2 * j + 1] += z.im;
            }
            i += 4;
        }
        let mut rr = (r[0] + r[2]) + (r[4] + r[6]);
        let mut ri = (r[1] + r[3]) + (r[5] + r[7]);
        while i < n {
            let z = at(i);
            rr += z.re;
            ri += z.im;
            i += 1;
        }
        Complex64::new(rr, ri)
    } else {
        // NumPy halves the count of doubles (2n) at a multiple of 8.
        let mut n2 = n;
        n2 -= n2 % 8;
        n2 /= 2;
        let x = pairwise_c64(a, start, n2, stride);
        let y = pairwise_c64(a, start + n2 as isize * stride, n - n2, stride);
        Complex64::new(x.re + y.re, x.im + y.im)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contiguous_full_reduction_is_one_call() {
        let p = Plan::new(&[100, 1000], &[1000, 1], &[true, true], false);
        assert_eq!(p.dims.len(), 1);
        assert_eq!(p.chunk, 100_000);
        assert!(!p.buffer_input);
    }

    #[test]
    fn casting_buffers_in_chunks_of_8192() {
        let p = Plan::new(&[30000], &[1], &[true], true);
        assert_eq!(p.chunk, 8192);
        assert!(p.buffer_input);
    }

    #[test]
    fn strided_rows_are_buffered_whole_rows_at_a_time() {
        // np.ones((100, 1000))[::3] summed over everything: 8 rows per call.
        let p = Plan::new(&[34, 1000], &[3000, 1], &[true, true], false);
        assert!(p.buffer_input);
        assert_eq!(p.chunk, 8000);
    }

    #[test]
    fn pairwise_matches_numpy_for_tenths() {
        assert_eq!(pairwise_f64(&[0.1; 10]), 1.0);
        assert_eq!(pairwise_f64(&[0.1; 3]), 0.30000000000000004);
    }
}
