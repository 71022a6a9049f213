//! Sums over a [`Plan`] on all cores, with NumPy's bits.
//!
//! NumPy's float sum is a sequence of inner-loop calls, each a pairwise sum
//! (see [`iter`](super::iter)) added to its output element in call order.
//! Everything here keeps that arithmetic exactly and only changes which
//! thread computes what:
//!
//! - many calls (one per row, or 8192-element buffers): the calls' pairwise
//!   values are computed in parallel, then added to the outputs in order;
//! - one big call (a contiguous full reduction): the top levels of the
//!   pairwise recursion are cut into subtrees computed in parallel, then
//!   combined with the same tree of additions;
//! - calls that add elementwise into a run of outputs (a sum over leading
//!   axes of a C-ordered array) stay on one thread (see [`sum_fold`]).
//!
//! The element values come from a `leaf` (a pairwise sum over a strided run
//! into a given output element) or a per-element map, so that the squared
//! deviations of a variance are summed without being stored first. Every
//! path checks for Ctrl-C at least every [`CHUNK`] elements.

use super::iter::{advance, offsets, Dim, PairwiseSum, Plan};
use crate::array::cancel;
use crate::array::error::ArrayResult;
use crate::array::parallel::{build_vec_chunked, run_ranges, threads, CHUNK, PARALLEL_MIN};

/// The multi-index of iteration position `t`.
fn index_of(dims: &[Dim], mut t: usize) -> Vec<usize> {
    dims.iter()
        .map(|d| {
            let k = t % d.n.max(1);
            t /= d.n.max(1);
            k
        })
        .collect()
}

/// A pairwise run: `leaf(start, len, stride, out_index)` is the pairwise
/// sum of `len` elements from `start` with `stride` that reduce into output
/// element `out_index`.
pub(crate) trait Leaf<T>: Fn(isize, usize, isize, usize) -> T + Sync {}
impl<T, F: Fn(isize, usize, isize, usize) -> T + Sync> Leaf<T> for F {}

/// The calls of a plan whose inner dimension reduces (`dims[0].out == 0`):
/// `(start position, length)` of call `k`.
struct Calls {
    block: usize,
    chunk: usize,
    per_block: usize,
    count: usize,
    total: usize,
}

impl Calls {
    fn new(plan: &Plan) -> Calls {
        let block = plan.block.max(1);
        let chunk = plan.chunk.clamp(1, block);
        let per_block = block.div_ceil(chunk);
        let full = plan.total / block;
        let rest = plan.total % block;
        let count = full * per_block + rest.div_ceil(chunk);
        Calls { block, chunk, per_block, count, total: plan.total }
    }

    fn at(&self, k: usize) -> (usize, usize) {
        let (b, j) = (k / self.per_block, k % self.per_block);
        let t = b * self.block + j * self.chunk;
        let block_end = (b + 1) * self.block;
        (t, self.chunk.min(block_end - t).min(self.total - t))
    }
}

/// `out[o] += leaf(...)` for every call of the plan, in call order, as
/// NumPy's reduction loop adds its inner-loop results.
pub(crate) fn sum_calls<T: PairwiseSum + Send + Sync + Default>(
    plan: &Plan,
    dims: &[Dim],
    base: usize,
    out: &mut [T],
    leaf: impl Leaf<T>,
) -> ArrayResult<()> {
    let calls = Calls::new(plan);
    let stride = dims[0].inp;
    let call_value = |k: usize| -> (usize, T) {
        let (t, len) = calls.at(k);
        let (i, o) = offsets(dims, &index_of(dims, t), base as isize);
        (o as usize, leaf(i, len, stride, o as usize))
    };
    if plan.total < PARALLEL_MIN || threads() == 1 {
        let mut idx = vec![0usize; dims.len()];
        let mut t = 0;
        let mut since_check = 0;
        for k in 0..calls.count {
            let (_, len) = calls.at(k);
            let (i, o) = offsets(dims, &idx, base as isize);
            let o = o as usize;
            out[o] = out[o] + leaf(i, len, stride, o);
            t += len;
            since_check += len;
            if since_check >= CHUNK {
                since_check = 0;
                cancel::check()?;
            }
            advance(dims, &mut idx, len);
        }
        debug_assert_eq!(t, plan.total);
        return Ok(());
    }
    if calls.count < 4 * threads() {
        // Few long calls: split each one's pairwise tree.
        for k in 0..calls.count {
            let (t, len) = calls.at(k);
            let (i, o) = offsets(dims, &index_of(dims, t), base as isize);
            let o = o as usize;
            let v = tree_sum(i, len, stride, |s, n| leaf(s, n, stride, o))?;
            out[o] = out[o] + v;
        }
        return Ok(());
    }
    let per_chunk = (CHUNK / calls.chunk.max(1)).max(1);
    let values: Vec<(usize, T)> = build_vec_chunked(calls.count, per_chunk, |start, slots| {
        for (j, slot) in slots.iter_mut().enumerate() {
            slot.write(call_value(start + j));
        }
    })?;
    for (o, v) in values {
        out[o] = out[o] + v;
    }
    Ok(())
}

/// Depth of the pairwise tree split across threads: enough subtrees to
/// share among the threads, each still long.
fn split_depth(n: usize) -> u32 {
    let mut depth = 0;
    while (1usize << depth) < 4 * threads() && (n >> depth) >= 2 * CHUNK {
        depth += 1;
    }
    depth
}

/// The pairwise sum of `n` elements from `start` (with `stride`) computed
/// as `T::pairwise` would, its top `split_depth` levels of subtrees on all
/// cores. `leaf(start, n)` sums one subtree serially.
fn tree_sum<T: PairwiseSum + Send + Sync + Default>(
    start: isize,
    n: usize,
    stride: isize,
    leaf: impl Fn(isize, usize) -> T + Sync,
) -> ArrayResult<T> {
    let depth = split_depth(n);
    let mut leaves = Vec::new();
    collect_leaves::<T>(start, n, stride, depth, &mut leaves);
    if leaves.len() <= 1 {
        cancel::check()?;
        return Ok(leaf(start, n));
    }
    let parts = threads().min(leaves.len());
    let values: Vec<T> = {
        let slots = std::sync::Mutex::new(vec![T::default(); leaves.len()]);
        run_ranges(leaves.len(), 1, 1, parts, |lo, hi| {
            for (k, &(s, len)) in leaves.iter().enumerate().take(hi).skip(lo) {
                let v = leaf(s, len);
                slots.lock().unwrap_or_else(|e| e.into_inner())[k] = v;
            }
            Ok(())
        })?;
        slots.into_inner().unwrap_or_else(|e| e.into_inner())
    };
    let mut it = values.into_iter();
    Ok(combine::<T>(n, depth, &mut it))
}

/// The subtrees at `depth` levels below a pairwise sum of `n` elements, in
/// order (a subtree that is a base case stays whole).
fn collect_leaves<T: PairwiseSum>(start: isize, n: usize, stride: isize, depth: u32, out: &mut Vec<(isize, usize)>) {
    match T::split(n) {
        Some(n2) if depth > 0 => {
            collect_leaves::<T>(start, n2, stride, depth - 1, out);
            collect_leaves::<T>(start + n2 as isize * stride, n - n2, stride, depth - 1, out);
        }
        _ => out.push((start, n)),
    }
}

/// Adds the subtree values back up along the same tree.
fn combine<T: PairwiseSum + Default>(n: usize, depth: u32, values: &mut impl Iterator<Item = T>) -> T {
    match T::split(n) {
        Some(n2) if depth > 0 => {
            let a = combine::<T>(n2, depth - 1, values);
            let b = combine::<T>(n - n2, depth - 1, values);
            a + b
        }
        _ => values.next().unwrap_or_default(),
    }
}

/// Input rows added per pass into one output run: 4 measured faster than
/// 1 once the row loops run on the wide vector unit (2000 x 2000 axis-0
/// sum 0.89 ms against 1.18 ms, std 1.9 ms against 2.9 ms, one thread),
/// as each output is loaded and stored once per four rows.
const GROUP_ROWS: usize = 4;

/// `out[o] += f(x, o)` over a plan whose inner dimension keeps
/// (`dims[0].out != 0`): NumPy's elementwise accumulation, row after row.
///
/// This stays on one thread: each output must add its rows in order, so
/// only a split by columns would keep the bits, and that breaks the one
/// sequential memory stream a C-ordered axis-0 sum reads (measured 2x
/// slower than one thread). Contiguous runs go through `run(acc, rows, o)`,
/// which adds up to four input rows into one output run in order
/// (`((acc + r0) + r1) + ...`, the same additions with fewer loads and
/// stores of `acc`).
pub(crate) fn sum_fold<T: PairwiseSum + Send + Sync>(
    plan: &Plan,
    dims: &[Dim],
    buf: &[T],
    base: usize,
    out: &mut [T],
    f: impl Fn(T, usize) -> T,
    run: impl Fn(&mut [T], &[&[T]], usize) + Sync,
) -> ArrayResult<()> {
    let d0 = dims[0];
    let rows = plan.total / d0.n.max(1);
    let mut idx = vec![0usize; dims.len()];
    let mut since_check = 0;
    if d0.out == 1 && d0.inp == 1 {
        let width = d0.n;
        // Rows that share an output run come in groups along dims[1] when
        // it reduces.
        let group = match dims.get(1) {
            Some(d1) if d1.out == 0 => GROUP_ROWS,
            _ => 1,
        };
        return crate::array::parallel::with_simd(|| {
            let mut r = 0;
            while r < rows {
                let (i, o) = offsets(dims, &idx, base as isize);
                let (i, o) = (i as usize, o as usize);
                let k = if group > 1 { group.min(dims[1].n - idx[1]).min(rows - r) } else { 1 };
                let step = if k > 1 { dims[1].inp } else { 0 };
                let mut srcs: [&[T]; 4] = [&[]; 4];
                for (q, src) in srcs.iter_mut().enumerate().take(k) {
                    let start = (i as isize + q as isize * step) as usize;
                    *src = &buf[start..start + width];
                }
                run(&mut out[o..o + width], &srcs[..k], o);
                r += k;
                since_check += width * k;
                if since_check >= CHUNK {
                    since_check = 0;
                    cancel::check()?;
                }
                advance(&dims[1..], &mut idx[1..], k);
            }
            Ok(())
        });
    }
    // General strides, in iteration order.
    for _ in 0..rows {
        let (i, o) = offsets(dims, &idx, base as isize);
        let (mut p, mut q) = (i, o);
        for _ in 0..d0.n {
            let qu = q as usize;
            out[qu] = out[qu] + f(buf[p as usize], qu);
            p += d0.inp;
            q += d0.out;
        }
        since_check += d0.n;
        if since_check >= CHUNK {
            since_check = 0;
            cancel::check()?;
        }
        advance(&dims[1..], &mut idx[1..], 1);
    }
    Ok(())
}

/// `acc[j] = (((acc[j] + g(r0[j])) + g(r1[j])) + ...)` for up to four rows.
#[inline(always)]
fn add_rows<T: PairwiseSum>(acc: &mut [T], rows: &[&[T]], g: impl Fn(T, usize) -> T) {
    crate::array::parallel::with_simd(
        #[inline(always)]
        || add_rows_plain(acc, rows, g),
    )
}

/// [`add_rows`] without the choice of vector unit.
#[inline(always)]
fn add_rows_plain<T: PairwiseSum>(acc: &mut [T], rows: &[&[T]], g: impl Fn(T, usize) -> T) {
    let n = acc.len();
    match rows {
        [a] => {
            for (j, (s, &x)) in acc.iter_mut().zip(&a[..n]).enumerate() {
                *s = *s + g(x, j);
            }
        }
        [a, b] => {
            for (j, ((s, &x), &y)) in acc.iter_mut().zip(&a[..n]).zip(&b[..n]).enumerate() {
                *s = (*s + g(x, j)) + g(y, j);
            }
        }
        [a, b, c] => {
            for (j, (((s, &x), &y), &z)) in acc.iter_mut().zip(&a[..n]).zip(&b[..n]).zip(&c[..n]).enumerate() {
                *s = ((*s + g(x, j)) + g(y, j)) + g(z, j);
            }
        }
        [a, b, c, d] => {
            for (j, ((((s, &x), &y), &z), &w)) in
                acc.iter_mut().zip(&a[..n]).zip(&b[..n]).zip(&c[..n]).zip(&d[..n]).enumerate()
            {
                *s = (((*s + g(x, j)) + g(y, j)) + g(z, j)) + g(w, j);
            }
        }
        _ => {}
    }
}

/// NumPy's sum of a plan's input (`out` holds the initial values): calls
/// of pairwise sums, or elementwise accumulation when the inner dimension
/// keeps. `dims` are the plan's dims with the strides of `buf`.
pub(crate) fn pairwise_sum<T: PairwiseSum + Send + Sync + Default>(
    plan: &Plan,
    dims: &[Dim],
    buf: &[T],
    base: usize,
    out: &mut [T],
) -> ArrayResult<()> {
    if plan.total == 0 {
        return Ok(());
    }
    if dims[0].out != 0 {
        return sum_fold(plan, dims, buf, base, out, |x, _| x, |acc, rows, _| add_rows(acc, rows, |x, _| x));
    }
    sum_calls(plan, dims, base, out, |s, n, st, _| T::pairwise(buf, s, n, st))
}

/// NumPy's sum of a buffered plan whose calls reduce into one output each
/// (`dims[0].out == 0`): NumPy copies each call's elements (converted by
/// `conv`) into its buffer and sums the buffer pairwise. The same here, one
/// call at a time into a small scratch buffer, the calls on all cores (no
/// copy of the whole input).
pub(crate) fn buffered_pairwise_sum<S: Copy + Sync, T: PairwiseSum + Send + Sync + Default>(
    plan: &Plan,
    buf: &[S],
    base: usize,
    conv: impl Fn(S) -> T + Sync,
    out: &mut [T],
) -> ArrayResult<()> {
    if plan.total == 0 {
        return Ok(());
    }
    let dims = plan.contiguous_input();
    // With contiguous strides, a call's start offset is its iteration
    // position.
    sum_calls(plan, &dims, 0, out, |t, len, _, _| {
        let mut tmp = Vec::with_capacity(len);
        gather_run(&plan.dims, buf, base, t as usize, len, &conv, &mut tmp);
        T::pairwise(&tmp, 0, tmp.len(), 1)
    })
}

/// Appends to `out` the `len` elements at iteration positions `t..t + len`
/// of `dims` over `buf` (from `base`), converted by `conv`.
fn gather_run<S: Copy, T>(
    dims: &[Dim],
    buf: &[S],
    base: usize,
    t: usize,
    len: usize,
    conv: &impl Fn(S) -> T,
    out: &mut Vec<T>,
) {
    let d0 = dims[0];
    let mut idx = index_of(dims, t);
    let mut left = len;
    while left > 0 {
        let (i, _) = offsets(dims, &idx, base as isize);
        let k = (d0.n - idx[0]).min(left);
        if d0.inp == 1 {
            let s = i as usize;
            out.extend(buf[s..s + k].iter().map(|&x| conv(x)));
        } else {
            // The run's two ends lie inside `buf` (checked), so every
            // element between them does.
            let last = i + (k as isize - 1) * d0.inp;
            if i < 0 || last < 0 || i.max(last) as usize >= buf.len() {
                return;
            }
            // SAFETY: offsets `i + q * inp` for `q < k` lie between `i`
            // and `last`, both inside `buf`.
            let p = unsafe { buf.as_ptr().offset(i) };
            let inp = d0.inp;
            out.extend((0..k as isize).map(|q| conv(unsafe { *p.offset(q * inp) })));
        }
        left -= k;
        advance(dims, &mut idx, k);
    }
}

/// The variance numerator of float64 data read in place: `out[o] +=
/// (x - mean[o])²` in NumPy's order for the plan (which must be the plan
/// of the deviations array, i.e. `buf` laid out in `order='K'`).
pub(crate) fn squared_deviation_sum(
    plan: &Plan,
    buf: &[f64],
    base: usize,
    mean: &[f64],
    out: &mut [f64],
) -> ArrayResult<()> {
    if plan.total == 0 {
        return Ok(());
    }
    let dims = &plan.dims;
    if dims[0].out != 0 {
        return sum_fold(
            plan,
            dims,
            buf,
            base,
            out,
            |x, o| {
                let d = x - mean[o];
                d * d
            },
            |acc, rows, o| {
                let m = &mean[o..o + acc.len()];
                // Zips over all the runs (no index into `m`), so the
                // loops vectorize.
                let sq = |x: f64, mv: f64| {
                    let d = x - mv;
                    d * d
                };
                if let [a] = rows {
                    crate::array::parallel::with_simd(
                        #[inline(always)]
                        || {
                            for ((s, &x), &mv) in acc.iter_mut().zip(&a[..]).zip(m) {
                                *s += sq(x, mv);
                            }
                        },
                    )
                } else if let [a, b, c, d] = rows {
                    crate::array::parallel::with_simd(
                        #[inline(always)]
                        || {
                            let it = acc.iter_mut().zip(m).zip(&a[..]).zip(&b[..]).zip(&c[..]).zip(&d[..]);
                            for (((((s, &mv), &x0), &x1), &x2), &x3) in it {
                                *s = (((*s + sq(x0, mv)) + sq(x1, mv)) + sq(x2, mv)) + sq(x3, mv);
                            }
                        },
                    )
                } else {
                    add_rows(acc, rows, |x, j| {
                        let d = x - m[j];
                        d * d
                    })
                }
            },
        );
    }
    sum_calls(plan, dims, base, out, |s, n, st, o| {
        let m = mean[o];
        super::iter::pairwise_f64_map(buf, s, n, st, |x| {
            let d = x - m;
            d * d
        })
    })
}

#[cfg(test)]
mod tests {
    //! The parallel paths against straightforward serial code that sums in
    //! NumPy's order, bit for bit, on large pseudo-random data.
    use super::super::iter::{pairwise_f64, Plan};
    use super::super::{mean, std, sum, var};
    use crate::array::storage::{Array, NdArray};

    fn noise(n: usize, seed: u64) -> Vec<f64> {
        let mut x = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (0..n)
            .map(|_| {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                // Mixed magnitudes and signs make any change of order show.
                let u = (x >> 11) as f64 / (1u64 << 53) as f64;
                (u - 0.3) * 10f64.powi(((x >> 3) % 7) as i32 - 3)
            })
            .collect()
    }

    fn arr(shape: &[usize], v: Vec<f64>) -> NdArray {
        NdArray::Float(Array::from_vec(shape.to_vec(), v).unwrap())
    }

    fn bits(a: &NdArray) -> Vec<u64> {
        a.to_float().to_vec().iter().map(|v| v.to_bits()).collect()
    }

    #[test]
    fn one_big_call_splits_the_pairwise_tree_exactly() {
        for n in [(1 << 17) + 3, 1_000_003, 4_000_000] {
            let v = noise(n, n as u64);
            let want = pairwise_f64(&v);
            let got = sum(&arr(&[n], v.clone()), None, false).unwrap();
            assert_eq!(bits(&got), vec![want.to_bits()], "n = {n}");
            let m = want / n as f64;
            let dev: Vec<f64> = v.iter().map(|x| (x - m) * (x - m)).collect();
            let want_var = pairwise_f64(&dev) / n as f64;
            assert_eq!(bits(&var(&arr(&[n], v), None, 0.0, false).unwrap()), vec![want_var.to_bits()]);
        }
    }

    #[test]
    fn row_sums_and_row_variances_match_serial_bits() {
        let (r, c) = (700, 1531);
        let v = noise(r * c, 7);
        let a = arr(&[r, c], v.clone());
        let sums: Vec<u64> = v.chunks(c).map(|row| pairwise_f64(row).to_bits()).collect();
        assert_eq!(bits(&sum(&a, Some(&[1]), false).unwrap()), sums);
        let vars: Vec<u64> = v
            .chunks(c)
            .map(|row| {
                let m = pairwise_f64(row) / c as f64;
                let d: Vec<f64> = row.iter().map(|x| (x - m) * (x - m)).collect();
                (pairwise_f64(&d) / c as f64).sqrt().to_bits()
            })
            .collect();
        assert_eq!(bits(&std(&a, Some(&[1]), 0.0, false).unwrap()), vars);
    }

    #[test]
    fn column_sums_add_rows_in_order() {
        for (r, c) in [(1001, 777), (3, 50_000), (70_000, 3)] {
            let v = noise(r * c, (r * c) as u64);
            let a = arr(&[r, c], v.clone());
            let mut acc = vec![0.0f64; c];
            for row in v.chunks(c) {
                for (s, x) in acc.iter_mut().zip(row) {
                    *s += x;
                }
            }
            let want: Vec<u64> = acc.iter().map(|s| s.to_bits()).collect();
            assert_eq!(bits(&sum(&a, Some(&[0]), false).unwrap()), want, "{r}x{c}");
            let means: Vec<f64> = acc.iter().map(|s| s / r as f64).collect();
            assert_eq!(
                bits(&mean(&a, Some(&[0]), false).unwrap()),
                means.iter().map(|m| m.to_bits()).collect::<Vec<_>>()
            );
            let mut sq = vec![0.0f64; c];
            for row in v.chunks(c) {
                for ((s, x), m) in sq.iter_mut().zip(row).zip(&means) {
                    *s += (x - m) * (x - m);
                }
            }
            let want: Vec<u64> = sq.iter().map(|s| (s / r as f64).to_bits()).collect();
            assert_eq!(bits(&var(&a, Some(&[0]), 0.0, false).unwrap()), want, "{r}x{c}");
        }
    }

    #[test]
    fn buffered_calls_add_8192_blocks_in_order() {
        // Ints are cast, so NumPy buffers them 8192 at a time and adds the
        // blocks' pairwise sums in order.
        let n = 1_000_000usize;
        let v: Vec<i64> = (0..n as i64).map(|i| (i * 7919) % 100_003 - 50_000).collect();
        assert_eq!(Plan::new(&[n], &[1], &[true], true).chunk, 8192);
        let as_f: Vec<f64> = v.iter().map(|&x| x as f64).collect();
        let mut want = 0.0f64;
        for c in as_f.chunks(8192) {
            want += pairwise_f64(c);
        }
        let ints = NdArray::Int(Array::from_vec(vec![n], v).unwrap());
        let got = mean(&ints, None, false).unwrap().to_float().to_vec()[0];
        assert_eq!(got.to_bits(), (want / n as f64).to_bits());
    }

    #[test]
    fn buffered_calls_match_summing_the_whole_gathered_buffer() {
        use super::super::iter::gather;
        use super::{buffered_pairwise_sum, pairwise_sum};
        let v = noise(700_000, 11);
        // (shape, strides, offset, reduced axes): strided rows, steps in
        // both axes, negative strides, 3-d views, small and empty ones.
        type Case = (Vec<usize>, Vec<isize>, usize, Vec<bool>);
        let cases: Vec<Case> = vec![
            (vec![300, 667], vec![2000, 3], 0, vec![true, true]),
            (vec![300, 667], vec![2000, 3], 5, vec![false, true]),
            (vec![300, 667], vec![-2000, -3], 699_999, vec![true, true]),
            (vec![40, 30, 50], vec![17_000, 500, 7], 3, vec![true, true, true]),
            (vec![40, 30, 50], vec![17_000, 500, 7], 3, vec![false, true, true]),
            (vec![1000, 3], vec![600, 1], 0, vec![true, true]),
            (vec![7, 5], vec![10, 2], 0, vec![true, true]),
            (vec![0, 5], vec![10, 2], 0, vec![true, true]),
        ];
        for (shape, strides, off, mask) in cases {
            let plan = Plan::new(&shape, &strides, &mask, false);
            if !plan.buffer_input || plan.dims[0].out != 0 {
                continue;
            }
            let mut want = vec![0.0; plan.out_size];
            let tmp = gather(&plan, &v, off, |x| x);
            pairwise_sum(&plan, &plan.contiguous_input(), &tmp, 0, &mut want).unwrap();
            let mut got = vec![0.0; plan.out_size];
            buffered_pairwise_sum(&plan, &v, off, |x| x, &mut got).unwrap();
            let b = |x: &[f64]| x.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
            assert_eq!(b(&got), b(&want), "{shape:?} {strides:?} {mask:?}");
            // Cast on the fly (ints summed as float64) takes the same path.
            let ints: Vec<i64> = v.iter().map(|x| (x * 1000.0) as i64).collect();
            let cast = Plan::new(&shape, &strides, &mask, true);
            let mut want = vec![0.0; cast.out_size];
            let tmp = gather(&cast, &ints, off, |x| x as f64);
            pairwise_sum(&cast, &cast.contiguous_input(), &tmp, 0, &mut want).unwrap();
            let mut got = vec![0.0; cast.out_size];
            buffered_pairwise_sum(&cast, &ints, off, |x| x as f64, &mut got).unwrap();
            assert_eq!(b(&got), b(&want), "cast {shape:?} {strides:?} {mask:?}");
        }
    }
}
